//! Rightful's server side: storage, services, sessions, mail and the audit chain.
//!
//! [`Backend`] is the one handle the HTTP edge holds. Each capability lives in its own module
//! as `impl Backend` blocks (`auth`, `privacy`, …), so a service reads top to bottom in one file.
//! This is the only crate that names sea-orm.

pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod db;
mod entities;
pub mod error;
pub mod health;
pub mod jobs;
mod keys;
pub mod mail;
pub mod privacy;
pub mod requests;
mod subjects;
pub mod suppression;
pub mod systems;
#[cfg(feature = "testing")]
pub mod testing;
pub mod webhooks;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{JurisdictionCode, deadline::Policy};
use sea_orm::DatabaseConnection;

pub use error::{Error, Result};
pub use keys::Secret;
pub use mail::{MailSettings, Mailer};

/// What the backend needs from configuration.
pub struct Settings {
    /// The root secret; every signing and hashing key is derived from it.
    pub secret: Secret,
    /// Where mail goes.
    pub mail: MailSettings,
    /// The jurisdiction used for a person who has not said where they live.
    pub default_jurisdiction: JurisdictionCode,
    /// Days for jurisdictions without a statutory deadline, and the company's closure days.
    pub deadline_policy: Policy,
}

/// A clock, replaceable in tests so expiry can be exercised without waiting.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The handle to every backend service. Cheap to clone.
#[derive(Clone)]
pub struct Backend {
    inner: Arc<Inner>,
}

struct Inner {
    db: DatabaseConnection,
    keys: keys::Keys,
    mailer: Mailer,
    default_jurisdiction: JurisdictionCode,
    deadline_policy: Policy,
    clock: Clock,
}

impl Backend {
    /// Builds the backend over an open, migrated database.
    pub fn new(db: DatabaseConnection, settings: Settings) -> Result<Self> {
        Self::with_clock(db, settings, Arc::new(Utc::now))
    }

    /// Builds the backend with a given clock; tests use it to move time.
    pub fn with_clock(db: DatabaseConnection, settings: Settings, clock: Clock) -> Result<Self> {
        let mailer = Mailer::new(&settings.mail)?;
        let inner = Inner {
            db,
            keys: keys::Keys::derive(&settings.secret),
            mailer,
            default_jurisdiction: settings.default_jurisdiction,
            deadline_policy: settings.deadline_policy,
            clock,
        };
        Ok(Self {
            inner: Arc::new(inner),
        })
    }

    fn db(&self) -> &DatabaseConnection {
        &self.inner.db
    }

    fn now(&self) -> DateTime<Utc> {
        (self.inner.clock)()
    }
}
