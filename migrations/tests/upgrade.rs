//! Migrating a database that holds rows: 000010 moves capabilities into rows and adds foreign
//! keys without losing anything, on SQLite (which rebuilds the tables) and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use migrations::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbErr, SqlErr, Statement,
};

const SYSTEM: &str = "11111111-1111-4111-8111-111111111111";
const SUBJECT: &str = "22222222-2222-4222-8222-222222222222";
const REQUEST: &str = "33333333-3333-4333-8333-333333333333";
const TASK: &str = "44444444-4444-4444-8444-444444444444";
const AT: &str = "'2026-12-01T00:00:00Z'";

async fn run(db: &DatabaseConnection, sql: &str) -> Result<(), DbErr> {
    db.execute_unprepared(sql).await.map(drop)
}

/// A database at 000009 with one system, person, request, task, callback and export.
async fn before_integrity(db: &DatabaseConnection) {
    Migrator::up(db, Some(9)).await.unwrap();
    let rows = [
        format!(
            "INSERT INTO data_systems (id, name, owner, kind, capabilities, endpoint, \
             signing_secret, timeout_ms, enabled, created_at) VALUES ('{SYSTEM}', 'crm', \
             'team', 'webhook', 'access_export,delete', 'https://crm.example', 'sealed', 2000, \
             TRUE, {AT})"
        ),
        format!(
            "INSERT INTO subjects (id, email_hash, created_at) VALUES ('{SUBJECT}', 'h', {AT})"
        ),
        format!(
            "INSERT INTO requests (id, subject_id, kind, status, jurisdiction, received_at, \
             updated_at) VALUES ('{REQUEST}', '{SUBJECT}', 'export', 'in_progress', 'FR', {AT}, \
             {AT})"
        ),
        format!(
            "INSERT INTO tasks (id, request_id, system_id, event_id, state, created_at, \
             updated_at) VALUES ('{TASK}', '{REQUEST}', '{SYSTEM}', \
             '55555555-5555-4555-8555-555555555555', 'done', {AT}, {AT})"
        ),
        format!(
            "INSERT INTO callbacks_seen (signature_hash, task_id, received_at) VALUES ('s', \
             '{TASK}', {AT})"
        ),
        format!(
            "INSERT INTO exports (id, request_id, blob_key, size_bytes, sha256, created_at, \
             expires_at) VALUES ('66666666-6666-4666-8666-666666666666', '{REQUEST}', 'k', 1, \
             'x', {AT}, {AT})"
        ),
    ];
    for sql in rows {
        run(db, &sql).await.unwrap();
    }
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let statement = Statement::from_string(db.get_database_backend(), sql);
    let row = db.query_one_raw(statement).await.unwrap().unwrap();
    row.try_get_by_index(0).unwrap()
}

async fn the_upgrade_keeps_every_row_and_the_keys_hold(db: DatabaseConnection) {
    before_integrity(&db).await;
    Migrator::up(&db, None).await.unwrap();

    for (table, rows) in [("tasks", 1), ("callbacks_seen", 1), ("exports", 1)] {
        assert_eq!(
            count(&db, &format!("SELECT COUNT(*) FROM {table}")).await,
            rows
        );
    }
    let capabilities = "SELECT COUNT(*) FROM system_capabilities WHERE capability IN \
                        ('access_export', 'delete')";
    assert_eq!(count(&db, capabilities).await, 2);

    let kept = "SELECT COUNT(*) FROM tasks t JOIN exports e ON e.request_id = t.request_id \
                JOIN callbacks_seen c ON c.task_id = t.id WHERE t.state = 'done' \
                AND t.deliveries = 0 AND e.blob_key = 'k' AND e.size_bytes = 1";
    assert_eq!(count(&db, kept).await, 1, "every value is where it was");

    let orphan_task = task(
        "77777777-7777-4777-8777-777777777777",
        "88888888-8888-4888-8888-888888888888",
    );
    assert!(matches!(
        run(&db, &orphan_task).await.unwrap_err().sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ));
    let second_task = task("77777777-7777-4777-8777-777777777777", REQUEST);
    assert!(
        matches!(
            run(&db, &second_task).await.unwrap_err().sql_err(),
            Some(SqlErr::UniqueConstraintViolation(_))
        ),
        "one task per request and system, still"
    );
    let orphan_callback = format!(
        "INSERT INTO callbacks_seen (signature_hash, task_id, received_at) VALUES ('t', \
         '77777777-7777-4777-8777-777777777777', {AT})"
    );
    assert!(matches!(
        run(&db, &orphan_callback).await.unwrap_err().sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ));
}

/// A task `id` for `request` at the test's system.
fn task(id: &str, request: &str) -> String {
    format!(
        "INSERT INTO tasks (id, request_id, system_id, event_id, state, created_at, updated_at) \
         VALUES ('{id}', '{request}', '{SYSTEM}', '99999999-9999-4999-8999-999999999999', \
         'pending', {AT}, {AT})"
    )
}

#[tokio::test]
async fn sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("up.db").display());
    let db = Database::connect(&url).await.unwrap();
    the_upgrade_keeps_every_row_and_the_keys_hold(db).await;
}

#[tokio::test]
#[ignore = "PostgreSQL: run with DATABASE_URL set and --include-ignored"]
async fn postgres() {
    let admin_url = std::env::var("DATABASE_URL").expect("DATABASE_URL=postgres://…");
    let name = format!("rightful_upgrade_{}", std::process::id());
    let admin = Database::connect(&admin_url).await.unwrap();
    run(&admin, &format!("DROP DATABASE IF EXISTS {name}"))
        .await
        .unwrap();
    run(&admin, &format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let root = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(r, _)| r);
    let db = Database::connect(&format!("{root}/{name}")).await.unwrap();
    the_upgrade_keeps_every_row_and_the_keys_hold(db.clone()).await;
    db.close().await.unwrap();
    run(&admin, &format!("DROP DATABASE {name}")).await.unwrap();
}
