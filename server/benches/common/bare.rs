//! The bare baseline for intake: an axum handler that parses the same JSON body and does one
//! INSERT into a table as wide as `requests` (28 columns), and nothing else: no identity, no
//! audit, no jobs. It runs in a process of its own, as `rightful serve` does, so the load
//! generator measures both the same way. It names sea-orm directly on purpose: it is the
//! floor the layers are measured against, not part of them.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // a benchmark may panic

use std::{process::Child, time::Duration};

use axum::{
    Json, Router,
    extract::State,
    http::StatusCode,
    routing::{get, post},
};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};

/// The variable that turns the benchmark binary into the bare server: the database URL.
const DB: &str = "BENCH_BARE_DB";
/// Where the bare server listens.
const ADDR: &str = "BENCH_BARE_ADDR";

const TABLE: &str = "CREATE TABLE IF NOT EXISTS bare_requests (
    id VARCHAR(36) PRIMARY KEY, subject_id VARCHAR(36) NOT NULL, kind VARCHAR(32) NOT NULL,
    status VARCHAR(32) NOT NULL, jurisdiction VARCHAR(8) NOT NULL,
    received_at TIMESTAMP NOT NULL, acknowledge_by TIMESTAMP, respond_by TIMESTAMP,
    extension_notice_by TIMESTAMP, extended_respond_by TIMESTAMP,
    extended BOOLEAN NOT NULL, closed_at TIMESTAMP, updated_at TIMESTAMP NOT NULL,
    denial_reason VARCHAR(32), denial_message TEXT, particulars TEXT, appeal_of VARCHAR(36),
    agent_id VARCHAR(36), confirm_hash VARCHAR(64), confirm_by TIMESTAMP,
    assignee_id VARCHAR(36), due_at TIMESTAMP, response_days INTEGER,
    extension_reason VARCHAR(32), pauses INTEGER NOT NULL, paused_days INTEGER NOT NULL,
    pause_reason VARCHAR(32), purged_at TIMESTAMP)";

#[derive(serde::Deserialize)]
struct Filing {
    email: String,
    kind: String,
    jurisdiction: Option<String>,
}

/// If this process was started as the bare server, serves until killed and never returns.
pub fn serve_if_asked() {
    let (Ok(url), Ok(addr)) = (std::env::var(DB), std::env::var(ADDR)) else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async move {
        let db = connect(&url).await;
        db.execute_unprepared(TABLE).await.unwrap();
        let app = Router::new()
            .route("/api/v1/requests", post(insert))
            .route("/healthz", get(|| async { "ok" }))
            .with_state(db);
        let listener = tokio::net::TcpListener::bind(&addr).await.unwrap();
        axum::serve(listener, app).await.unwrap();
    });
    std::process::exit(0);
}

/// SQLite as its single writer wants it (WAL, one connection); PostgreSQL with as many
/// connections as Rightful's pool.
async fn connect(url: &str) -> DatabaseConnection {
    let sqlite = url.starts_with("sqlite");
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(if sqlite { 1 } else { 16 })
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
        });
    Database::connect(options).await.unwrap()
}

async fn insert(
    State(db): State<DatabaseConnection>,
    Json(filing): Json<Filing>,
) -> (StatusCode, String) {
    if !filing.email.contains('@') {
        return (StatusCode::UNPROCESSABLE_ENTITY, "email".into());
    }
    let id = uuid::Uuid::new_v4();
    let now = chrono::Utc::now().naive_utc();
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "INSERT INTO bare_requests (id, subject_id, kind, status, jurisdiction, received_at, \
             respond_by, extended, updated_at, pauses, paused_days) \
             VALUES ($1, $2, $3, 'received', $4, $5, $5, false, $5, 0, 0)"
        }
        _ => {
            "INSERT INTO bare_requests (id, subject_id, kind, status, jurisdiction, received_at, \
             respond_by, extended, updated_at, pauses, paused_days) \
             VALUES (?1, ?2, ?3, 'received', ?4, ?5, ?5, false, ?5, 0, 0)"
        }
    };
    let values = [
        id.to_string().into(),
        uuid::Uuid::new_v4().to_string().into(),
        filing.kind.into(),
        filing.jurisdiction.unwrap_or_else(|| "DE".into()).into(),
        now.into(),
    ];
    match db
        .execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
    {
        Ok(_) => (StatusCode::CREATED, format!(r#"{{"id":"{id}"}}"#)),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "insert".into()),
    }
}

/// Starts the bare server on `url` at `addr`, as a child process of this benchmark.
pub fn spawn(url: &str, addr: &str) -> Child {
    std::process::Command::new(std::env::current_exe().unwrap())
        .env(DB, url)
        .env(ADDR, addr)
        .spawn()
        .unwrap()
}
