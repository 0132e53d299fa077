//! Creating, listing and disabling staff accounts (the `rightful staff` commands and the
//! console's staff screen).

use argon2::{Argon2, PasswordHasher, password_hash::SaltString};
use domain::{Email, StaffRole, ValidationError};
use rand::distr::{Alphanumeric, SampleString};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use uuid::Uuid;

use super::{MIN_PASSWORD, Password, StaffMember, totp};
use crate::{
    Backend, Error, Result,
    entities::{staff_session, staff_user},
};

/// A new account, as the `staff create` command gives it.
#[derive(Debug)]
pub struct NewStaff {
    /// Their work address.
    pub email: Email,
    /// What they may do.
    pub role: StaffRole,
    /// Their password; `None` generates one.
    pub password: Option<Password>,
    /// Whether sign-in asks for a TOTP code too.
    pub totp: bool,
}

/// What creating an account gives back once: the generated password and the TOTP secret's
/// `otpauth://` URI, when there are.
#[derive(Debug)]
pub struct Created {
    /// The account.
    pub member: StaffMember,
    /// The password, when it was generated.
    pub password: Option<Password>,
    /// The `otpauth://` URI to add to an authenticator app, when TOTP is on.
    pub totp_uri: Option<Password>,
}

impl Backend {
    /// Creates a staff account. The address must be new; a chosen password must have at
    /// least [`MIN_PASSWORD`] characters.
    pub async fn create_staff(&self, new: NewStaff) -> Result<Created> {
        let generated = new.password.is_none();
        let password = match new.password {
            Some(password) if password.0.chars().count() < MIN_PASSWORD => {
                return Err(Error::Validation(ValidationError::new(
                    "password",
                    "password.short",
                    format!("use at least {MIN_PASSWORD} characters"),
                )));
            }
            Some(password) => password,
            None => Password(Alphanumeric.sample_string(&mut rand::rng(), 24)),
        };
        let exists = staff_user::Entity::find()
            .filter(staff_user::Column::Email.eq(new.email.as_str()))
            .one(self.db())
            .await?;
        if exists.is_some() {
            return Err(Error::Conflict(
                "a staff account with that address exists".into(),
            ));
        }
        let secret = new.totp.then(totp::generate_secret);
        let row = staff_user::ActiveModel {
            id: Set(Uuid::new_v4()),
            email: Set(new.email.as_str().to_owned()),
            password_hash: Set(hash_password(&password)?),
            role: Set(new.role),
            disabled: Set(false),
            created_at: Set(self.now()),
            totp_secret: Set(secret
                .as_ref()
                .map(|s| self.inner.keys.seal(&hex::encode(s)))),
            failed_attempts: Set(0),
            locked_until: Set(None),
            last_sign_in_at: Set(None),
        };
        let row = staff_user::Entity::insert(row)
            .exec_with_returning(self.writer())
            .await?;
        Ok(Created {
            member: member(row)?,
            password: generated.then_some(password),
            totp_uri: secret.map(|s| Password(totp::uri(new.email.as_str(), &s))),
        })
    }

    /// Every staff account, by address.
    pub async fn list_staff(&self) -> Result<Vec<StaffMember>> {
        let rows = staff_user::Entity::find()
            .order_by_asc(staff_user::Column::Email)
            .all(self.db())
            .await?;
        rows.into_iter().map(member).collect()
    }

    /// Disables the account with `email` and ends its console sessions at once.
    pub async fn disable_staff(&self, email: &Email) -> Result<()> {
        let now = self.now();
        let txn = self.begin().await?;
        let row = staff_user::Entity::find()
            .filter(staff_user::Column::Email.eq(email.as_str()))
            .one(&txn)
            .await?
            .ok_or(Error::NotFound("staff account"))?;
        staff_user::Entity::update_many()
            .col_expr(staff_user::Column::Disabled, Expr::value(true))
            .filter(staff_user::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        staff_session::Entity::update_many()
            .col_expr(staff_session::Column::RevokedAt, Expr::value(Some(now)))
            .filter(staff_session::Column::StaffId.eq(row.id))
            .filter(staff_session::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        Ok(txn.commit().await?)
    }
}

/// The argon2id (v19, the crate's default cost) PHC string of `password`.
pub(super) fn hash_password(password: &Password) -> Result<String> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
        .map_err(|e| Error::Internal(anyhow::anyhow!("argon2 salt: {e}")))?;
    Argon2::default()
        .hash_password(password.0.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| Error::Internal(anyhow::anyhow!("argon2: {e}")))
}

/// A row as the console shows it.
pub(super) fn member(row: staff_user::Model) -> Result<StaffMember> {
    let email = Email::parse(&row.email)
        .map_err(|_| anyhow::anyhow!("staff account {} has a bad address", row.id))?;
    Ok(StaffMember {
        id: row.id,
        email,
        role: row.role,
        disabled: row.disabled,
        totp: row.totp_secret.is_some(),
        created_at: row.created_at,
        last_sign_in_at: row.last_sign_in_at,
    })
}
