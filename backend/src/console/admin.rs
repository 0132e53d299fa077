//! The console's admin screen: data systems (add, disable, a test delivery), API keys
//! (create with scopes, revoke) and staff accounts (create, disable). Every member of staff
//! may read it; only `admin` may change anything. A new secret, key or password, and a test
//! delivery's reply, are kept sealed for the admin to see once (`reveal.rs`).
//!
//! These changes belong to no request, so they are not on a request's audit chain; each is
//! logged with the acting member of staff's id and what changed (never a secret).

use domain::scope::ApiScope;
use domain::{
    Email,
    admin::{AdminPage, Reveal, StaffRow},
};
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    staff::{NewStaff, StaffMember},
    systems::NewSystem,
};

/// Refuses a member of staff who may not administer.
fn may_administer(staff: &StaffMember) -> Result<()> {
    if staff.role.administers() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

impl Backend {
    /// The admin screen, with what `reveal` names if it is `staff`'s to see now.
    pub async fn admin_page(&self, staff: &StaffMember, reveal: Option<Uuid>) -> Result<AdminPage> {
        let systems = self.list_systems().await?;
        let keys = self.list_api_keys().await?;
        let staff_rows = self
            .list_staff()
            .await?
            .into_iter()
            .map(|m| StaffRow {
                email: m.email.as_str().to_owned(),
                role: m.role,
                totp: m.totp,
                disabled: m.disabled,
                last_sign_in_at: m.last_sign_in_at,
            })
            .collect();
        // Taken last, so a page that fails to load has not used up what it would show.
        let reveal = match reveal {
            Some(id) => self.take_reveal(staff, id).await?,
            None => None,
        };
        Ok(AdminPage {
            systems,
            keys,
            staff: staff_rows,
            reveal,
        })
    }

    /// Adds a data system; its signing secret is kept to show once.
    pub async fn admin_add_system(&self, staff: &StaffMember, new: NewSystem) -> Result<Uuid> {
        may_administer(staff)?;
        let system = new.name.clone();
        let secret = self.add_system(new).await?;
        tracing::info!(staff = %staff.id, %system, "console: data system added");
        let reveal = Reveal::SystemSecret {
            system,
            secret: secret.0,
        };
        self.keep_reveal(staff, &reveal).await
    }

    /// Stops sending new work to system `name`.
    pub async fn admin_disable_system(&self, staff: &StaffMember, name: &str) -> Result<()> {
        may_administer(staff)?;
        self.disable_system(name).await?;
        tracing::info!(staff = %staff.id, system = name, "console: data system disabled");
        Ok(())
    }

    /// Sends system `name` a test delivery; its reply is kept to show once.
    pub async fn admin_test_system(&self, staff: &StaffMember, name: &str) -> Result<Uuid> {
        may_administer(staff)?;
        let test = self.test_delivery(name).await?;
        let reveal = Reveal::TestDelivery {
            system: name.to_owned(),
            passed: test.passed,
            status: test.status,
            detail: test.detail,
        };
        self.keep_reveal(staff, &reveal).await
    }

    /// Creates an API key for `name` with `scopes`; the key is kept to show once.
    pub async fn admin_create_key(
        &self,
        staff: &StaffMember,
        name: &str,
        scopes: &[ApiScope],
    ) -> Result<Uuid> {
        may_administer(staff)?;
        let key = self.create_api_key(name, scopes).await?;
        tracing::info!(staff = %staff.id, "console: API key created");
        let reveal = Reveal::ApiKey {
            name: name.trim().to_owned(),
            key: key.0,
        };
        self.keep_reveal(staff, &reveal).await
    }

    /// Revokes the API key with public `prefix`.
    pub async fn admin_revoke_key(&self, staff: &StaffMember, prefix: &str) -> Result<()> {
        may_administer(staff)?;
        self.revoke_api_key(prefix).await?;
        tracing::info!(staff = %staff.id, prefix, "console: API key revoked");
        Ok(())
    }

    /// Creates a staff account with a generated password, kept to show once.
    pub async fn admin_create_staff(&self, staff: &StaffMember, new: NewStaff) -> Result<Uuid> {
        may_administer(staff)?;
        let email = new.email.as_str().to_owned();
        let created = self.create_staff(new).await?;
        tracing::info!(staff = %staff.id, account = %created.member.id, "console: staff account created");
        let reveal = Reveal::StaffAccount {
            email,
            password: created.password.map(|p| p.0).unwrap_or_default(),
            totp_uri: created.totp_uri.map(|u| u.0),
        };
        self.keep_reveal(staff, &reveal).await
    }

    /// Disables the account with `email` and ends its sessions. An admin cannot disable
    /// their own account (a conflict), so the last admin cannot lock everyone out.
    pub async fn admin_disable_staff(&self, staff: &StaffMember, email: &Email) -> Result<()> {
        may_administer(staff)?;
        if *email == staff.email {
            return Err(Error::Conflict(
                "you cannot disable your own account".into(),
            ));
        }
        self.disable_staff(email).await?;
        tracing::info!(staff = %staff.id, "console: staff account disabled");
        Ok(())
    }
}
