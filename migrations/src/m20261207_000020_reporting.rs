//! Legal reporting and retention: what the reports need kept on the request row (days to a
//! substantive response, the extension's reason, pauses), when a request's personal data was
//! purged, why its clock was last paused, a copy of every notice mailed about a request, and
//! one covering index that the
//! deadline and §7102 reports read instead of the table.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            integer_null(Requests::ResponseDays),
            string_len_null(Requests::ExtensionReason, 32),
            integer(Requests::Pauses).default(0).to_owned(),
            integer(Requests::PausedDays).default(0).to_owned(),
            string_len_null(Requests::PauseReason, 32),
            timestamp_with_time_zone_null(Requests::PurgedAt),
        ] {
            let alter = Table::alter()
                .table(Requests::Table)
                .add_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        manager.create_table(notices_sent()).await?;
        let db = manager.get_connection();
        // Requests answered before this migration: days between the UTC dates (later ones
        // are counted in the law's own time zone when they close).
        let backfill = match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                "UPDATE requests SET response_days = (closed_at AT TIME ZONE 'UTC')::date \
                 - (received_at AT TIME ZONE 'UTC')::date \
                 WHERE status IN ('completed', 'denied') AND closed_at IS NOT NULL"
            }
            _ => {
                "UPDATE requests SET response_days = CAST(julianday(substr(closed_at, 1, 10)) \
                 - julianday(substr(received_at, 1, 10)) AS INTEGER) \
                 WHERE status IN ('completed', 'denied') AND closed_at IS NOT NULL"
            }
        };
        db.execute_unprepared(backfill).await?;
        for statement in [
            // Every report reads a period of receipt; this index holds all they count.
            "CREATE INDEX requests_report ON requests (received_at, jurisdiction, kind, status, \
             due_at, closed_at, response_days, denial_reason)",
            // The dashboard's extensions and pauses: a few requests among many.
            "CREATE INDEX requests_extended ON requests (received_at, extension_reason) \
             WHERE extended",
            "CREATE INDEX requests_paused ON requests (received_at, pause_reason, pauses, \
             paused_days) WHERE pauses > 0",
            "CREATE INDEX notices_sent_request ON notices_sent (request_id, sent_at)",
            // Retention looks for closed requests not yet purged.
            "CREATE INDEX requests_unpurged_closed ON requests (closed_at) \
             WHERE purged_at IS NULL AND closed_at IS NOT NULL",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }
}

/// One row per notice mailed about a request: the message as sent, with its recipient
/// withheld, for the request's evidence bundle.
fn notices_sent() -> TableCreateStatement {
    Table::create()
        .table(NoticesSent::Table)
        .col(pk_uuid(NoticesSent::Id))
        .col(uuid(NoticesSent::RequestId))
        .col(string_len(NoticesSent::Name, 32))
        .col(timestamp_with_time_zone(NoticesSent::SentAt))
        .col(text(NoticesSent::Eml))
        .to_owned()
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    ResponseDays,
    ExtensionReason,
    Pauses,
    PausedDays,
    PauseReason,
    PurgedAt,
}

#[derive(DeriveIden)]
enum NoticesSent {
    Table,
    Id,
    RequestId,
    Name,
    SentAt,
    Eml,
}
