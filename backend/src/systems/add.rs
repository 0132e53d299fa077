//! Adding a data system, with a generated signing secret shown once.

use domain::{
    ValidationError,
    system::{Capability, SystemKind, parse_endpoint},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    entities::{data_system, system_capability},
    webhooks::check_endpoint,
};

/// A system to add, as typed by an administrator.
#[derive(Debug, Clone)]
pub struct NewSystem {
    /// A short unique name: lower-case letters, digits, `-` and `_`.
    pub name: String,
    /// The team or person responsible.
    pub owner: String,
    /// Webhook or manual.
    pub kind: SystemKind,
    /// What it can do; at least one.
    pub capabilities: Vec<Capability>,
    /// The webhook endpoint; required for webhooks, refused for manual systems.
    pub endpoint: Option<String>,
    /// How long to wait for the system, 100 ms to 60 s.
    pub timeout_ms: i32,
}

/// The signing secret of a new system. Redacted in `Debug`; printed once, never logged.
pub struct SigningSecret(pub String);

impl std::fmt::Debug for SigningSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningSecret(<redacted>)")
    }
}

fn invalid(field: &'static str, message: &str) -> Error {
    Error::Validation(ValidationError::new(field, "system.invalid", message))
}

impl NewSystem {
    /// The capability rows of the system `id`: one per capability, without repeats.
    pub(super) fn capability_rows(&self, id: Uuid) -> Vec<system_capability::ActiveModel> {
        let mut capabilities = self.capabilities.clone();
        capabilities.sort_unstable();
        capabilities.dedup();
        capabilities
            .into_iter()
            .map(|capability| system_capability::ActiveModel {
                system_id: Set(id),
                capability: Set(capability),
            })
            .collect()
    }

    /// A new, enabled row for this system with its checked endpoint and sealed secret.
    pub(super) fn into_row(
        self,
        id: Uuid,
        endpoint: Option<String>,
        sealed_secret: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> data_system::ActiveModel {
        data_system::ActiveModel {
            id: Set(id),
            owner: Set(self.owner.trim().to_owned()),
            kind: Set(self.kind),
            name: Set(self.name),
            endpoint: Set(endpoint),
            signing_secret: Set(sealed_secret.to_owned()),
            timeout_ms: Set(self.timeout_ms),
            enabled: Set(true),
            created_at: Set(now),
            consecutive_failures: Set(0),
            circuit_open_until: Set(None),
            previous_signing_secret: Set(None),
            secret_rotated_at: Set(None),
        }
    }

    pub(super) fn validate(&self) -> Result<Option<String>> {
        let name_ok = (1..=100).contains(&self.name.len())
            && self
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !name_ok {
            return Err(invalid(
                "name",
                "use 1 to 100 lower-case letters, digits, - or _",
            ));
        }
        if self.owner.trim().is_empty() || self.owner.len() > 200 {
            return Err(invalid(
                "owner",
                "name the team or person responsible (up to 200 characters)",
            ));
        }
        if self.capabilities.is_empty() {
            return Err(invalid("capability", "give at least one capability"));
        }
        if !(100..=60_000).contains(&self.timeout_ms) {
            return Err(invalid(
                "timeout_ms",
                "the timeout must be from 100 to 60000 ms",
            ));
        }
        match (self.kind, &self.endpoint) {
            (SystemKind::Webhook, Some(url)) => Ok(Some(parse_endpoint(url)?)),
            (SystemKind::Webhook, None) => {
                Err(invalid("endpoint", "a webhook system needs an endpoint"))
            }
            (SystemKind::Manual, None) => Ok(None),
            (SystemKind::Manual, Some(_)) => {
                Err(invalid("endpoint", "a manual system has no endpoint"))
            }
        }
    }
}

impl Backend {
    /// The system's endpoint once it passes [`NewSystem::validate`] and the network policy
    /// (`RIGHTFUL_SYSTEM_NETWORKS`): HTTPS, to an address data systems may use.
    pub(super) fn checked_endpoint(&self, new: &NewSystem) -> Result<Option<String>> {
        let endpoint = new.validate()?;
        if let Some(url) = &endpoint {
            check_endpoint(url, &self.inner.system_networks)
                .map_err(|why| invalid("endpoint", why))?;
        }
        Ok(endpoint)
    }

    /// Adds a data system and returns its signing secret, which is shown this once.
    pub async fn add_system(&self, new: NewSystem) -> Result<SigningSecret> {
        let endpoint = self.checked_endpoint(&new)?;
        let taken = data_system::Entity::find()
            .filter(data_system::Column::Name.eq(&new.name))
            .count(self.db())
            .await?;
        if taken > 0 {
            return Err(Error::Conflict(format!(
                "a system named {} exists already",
                new.name
            )));
        }
        let secret = super::secrets::generate();
        let sealed = self.inner.keys.seal(&secret);
        let txn = self.begin().await?;
        insert_system(&txn, new, endpoint, &sealed, self.now()).await?;
        txn.commit().await?;
        Ok(SigningSecret(secret))
    }
}

/// Inserts a new system and its capabilities.
pub(super) async fn insert_system(
    db: &impl ConnectionTrait,
    new: NewSystem,
    endpoint: Option<String>,
    sealed_secret: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let id = Uuid::new_v4();
    let capabilities = new.capability_rows(id);
    let row = new.into_row(id, endpoint, sealed_secret, now);
    data_system::Entity::insert(row).exec(db).await?;
    system_capability::Entity::insert_many(capabilities)
        .exec(db)
        .await?;
    Ok(())
}
