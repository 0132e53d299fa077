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
    let db = Database::connect(options).await.map_err(|err| {
        tracing::error!(error = %err, "cannot open the database");
        Error::Unavailable("database")
    })?;
    if let Some(file) = crate::files::sqlite_file(url) {
        // SQLite creates its journal files with the database file's permissions.
        for suffix in ["", "-wal", "-shm"] {
            let mut name = file.as_os_str().to_owned();
            name.push(suffix);
            crate::files::private_file(std::path::Path::new(&name)).map_err(|e| {
                Error::Internal(anyhow::anyhow!("restricting {}: {e}", file.display()))
            })?;
        }
    }
    Ok(db)
}

/// On SQLite, a pool of one connection to the same file for every write (see
/// `Backend::writer`); `None` on PostgreSQL and for an in-memory database, which a second
/// pool would not share. It connects on first use.
pub(crate) fn sqlite_writer(db: &DatabaseConnection) -> Option<DatabaseConnection> {
    use sea_orm::{DbBackend, SqlxSqliteConnector, sqlx::sqlite::SqlitePoolOptions};
    if db.get_database_backend() != DbBackend::Sqlite {
        return None;
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    let file = options.get_filename().to_string_lossy();
    if file.is_empty() || file.contains(":memory:") || file.contains("in-memory") {
        return None;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        // As long as SQLite's own busy timeout: a write waits this long for the writer.
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy_with((*options).clone());
    Some(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<()> {
    Migrator::up(db, None).await?;
    Ok(())
}

/// Writes a consistent copy of the SQLite database to `to` while it stays online
/// (`VACUUM INTO`: one read transaction, so writers carry on), readable by its owner only.
/// `to` must not exist. PostgreSQL has its own tool for this, `pg_dump`.
pub async fn backup(db: &DatabaseConnection, to: &std::path::Path) -> Result<()> {
    use domain::ValidationError;
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(Error::Conflict(
            "this is PostgreSQL: back it up with pg_dump (see the README)".into(),
        ));
    }
    if to.exists() {
        return Err(Error::Validation(ValidationError::new(
            "output",
            "backup.exists",
            format!("{} exists already; name a new file", to.display()),
        )));
    }
    let target = to.to_str().ok_or_else(|| {
        Error::Validation(ValidationError::new(
            "output",
            "backup.path",
            "the path is not valid UTF-8",
        ))
    })?;
    let statement =
        Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [target.into()]);
    db.execute_raw(statement).await?;
    crate::files::private_file(to)
        .map_err(|e| Error::Internal(anyhow::anyhow!("restricting the backup: {e}")))
}
