//! Opening the database and applying migrations.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
pub use sea_orm::DatabaseConnection;
use sea_orm::{
    ConnectOptions, Database,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

use crate::{Error, Result};

/// Connects to `url` (`sqlite://…` or `postgres://…`).
///
/// SQLite runs in WAL mode with a busy timeout, so the web process and the in-process worker
/// can write without "database is locked" errors.
pub async fn connect(url: &str) -> Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(if url.starts_with("sqlite") { 8 } else { 16 })
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .create_if_missing(true)
        });
    Database::connect(options).await.map_err(|err| {
        tracing::error!(error = %err, "cannot open the database");
        Error::Unavailable("database")
    })
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<()> {
    Migrator::up(db, None).await?;
    Ok(())
}
