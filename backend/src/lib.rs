//! Rightful's server side: storage, services, sessions, mail and the audit chain.
//!
//! [`Backend`] is the one handle the HTTP edge holds. Each capability lives in its own module
//! as `impl Backend` blocks (`auth`, `privacy`, …), so a service reads top to bottom in one file.
//! This is the only crate that names sea-orm.

pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod blobs;
pub mod console;
pub mod db;
mod entities;
pub mod error;
pub mod exports;
pub mod files;
pub mod fulfilment;
mod group;
pub mod health;
pub mod jobs;
mod keys;
pub mod mail;
pub mod notices;
pub mod privacy;
pub mod reports;
pub mod requests;
pub mod retention;
pub mod staff;
mod subjects;
pub mod suppression;
pub mod systems;
#[cfg(feature = "testing")]
pub mod testing;
mod throttle;
pub mod webhooks;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{Email, JurisdictionCode, deadline::Policy};
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
    /// The privacy team's address: mail comes from it, and people's messages go to it.
    pub mail_from: Email,
    /// The jurisdiction used for a person who has not said where they live.
    pub default_jurisdiction: JurisdictionCode,
    /// Days for jurisdictions without a statutory deadline, and the company's closure days.
    pub deadline_policy: Policy,
    /// Where Rightful is reachable by data systems, for their callbacks (no trailing `/`).
    pub public_url: String,
    /// Where task results and export packages are stored.
    pub blobs: blobs::Blobs,
    /// How long a deletion waits, cancellable, before it fans out.
    pub deletion_grace: chrono::Duration,
    /// The private networks data systems may be on (`RIGHTFUL_SYSTEM_NETWORKS`).
    pub system_networks: webhooks::SystemNetworks,
    /// Words the mails: the app's writer, from its locale files.
    pub notices: notices::Notices,
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
    /// On SQLite, the one connection every write goes through (see [`Backend::writer`]).
    writer: Option<DatabaseConnection>,
    keys: keys::Keys,
    mailer: Mailer,
    notices: notices::Notices,
    default_jurisdiction: JurisdictionCode,
    deadline_policy: Policy,
    public_url: String,
    blobs: blobs::Blobs,
    deletion_grace: chrono::Duration,
    http: reqwest::Client,
    system_networks: webhooks::SystemNetworks,
    clock: Clock,
    /// The queue's shared counts and when they were taken (see `console::queue`).
    console_counts: std::sync::Mutex<Option<console::SharedCounts>>,
    /// Whether a recount of those is under way.
    recounting: std::sync::atomic::AtomicBool,
    /// On SQLite, the queue of writes that share a transaction (see [`group`]).
    group: group::Group,
    /// The opted-out people's address hashes, for the suppression check.
    suppression: suppression::Index,
}

impl Backend {
    /// Builds the backend over an open, migrated database.
    pub fn new(db: DatabaseConnection, settings: Settings) -> Result<Self> {
        Self::with_clock(db, settings, Arc::new(Utc::now))
    }

    /// Builds the backend with a given clock; tests use it to move time.
    pub fn with_clock(db: DatabaseConnection, settings: Settings, clock: Clock) -> Result<Self> {
        let mailer = Mailer::new(&settings.mail, &settings.mail_from)?;
        // Webhooks are signed for the endpoint configured; a redirect would send them elsewhere.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(std::time::Duration::from_secs(5))
            .user_agent(concat!("Rightful/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(webhooks::GuardedResolver(
                settings.system_networks.clone(),
            )))
            .build()
            .map_err(|e| Error::Internal(anyhow::anyhow!("http client: {e}")))?;
        let inner = Inner {
            writer: db::sqlite_writer(&db),
            db,
            keys: keys::Keys::derive(&settings.secret),
            mailer,
            notices: settings.notices,
            default_jurisdiction: settings.default_jurisdiction,
            deadline_policy: settings.deadline_policy,
            public_url: settings.public_url.trim_end_matches('/').to_owned(),
            blobs: settings.blobs,
            deletion_grace: settings.deletion_grace,
            http,
            system_networks: settings.system_networks,
            clock,
            console_counts: std::sync::Mutex::new(None),
            recounting: std::sync::atomic::AtomicBool::new(false),
            group: group::Group::default(),
            suppression: suppression::Index::default(),
        };
        Ok(Self {
            inner: Arc::new(inner),
        })
    }

    /// Where people and data systems reach Rightful (`RIGHTFUL_PUBLIC_URL`), without a
    /// trailing slash.
    pub fn public_url(&self) -> &str {
        &self.inner.public_url
    }

    /// The connection pool for reads.
    fn db(&self) -> &DatabaseConnection {
        &self.inner.db
    }

    /// Where writes go. SQLite lets one connection write at a time; with several, the others
    /// wait in SQLite's busy handler, which sleeps in steps of up to 100 ms and let a filing
    /// take over 2 s at 64 at once. One writer connection turns that into a queue in the
    /// pool, served in order as soon as the writer is free. PostgreSQL writes in parallel.
    fn writer(&self) -> &DatabaseConnection {
        self.inner.writer.as_ref().unwrap_or(&self.inner.db)
    }

    /// Begins a transaction, on the writer. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a transaction that reads first and writes later cannot wait for
    /// the lock once another writer (another process) has moved on, and would fail with
    /// "database is locked" under load.
    async fn begin(&self) -> Result<sea_orm::DatabaseTransaction> {
        use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(self.writer().begin_with_options(options).await?)
    }

    /// The time by the backend's clock (a test's clock in tests).
    pub fn now(&self) -> DateTime<Utc> {
        (self.inner.clock)()
    }
}
