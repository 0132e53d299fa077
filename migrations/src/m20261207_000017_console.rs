//! The staff console: staff sign-in state (optional TOTP, failed attempts and a lock),
//! staff sessions apart from the portal's, a request's assignee and internal notes, and a
//! stored due date (`due_at`: the extended reply date once extended, else the reply date)
//! so the queue sorts and pages by deadline from an index.
//!
//! The queue's indexes are partial (`WHERE closed_at IS NULL`): the queue works open
//! requests, which are a small part of a table that keeps years of closed ones. Both SQLite
//! and PostgreSQL take the same `CREATE INDEX … WHERE`, which sea-query does not build.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            text_null(StaffUsers::TotpSecret),
            integer(StaffUsers::FailedAttempts).default(0).to_owned(),
            timestamp_with_time_zone_null(StaffUsers::LockedUntil),
            timestamp_with_time_zone_null(StaffUsers::LastSignInAt),
        ] {
            let alter = Table::alter()
                .table(StaffUsers::Table)
                .add_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        for column in [
            uuid_null(Requests::AssigneeId),
            timestamp_with_time_zone_null(Requests::DueAt),
        ] {
            let alter = Table::alter()
                .table(Requests::Table)
                .add_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        manager.create_table(staff_sessions()).await?;
        manager.create_table(staff_notes()).await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE requests SET due_at = CASE WHEN extended THEN extended_respond_by \
             ELSE respond_by END",
        )
        .await?;
        for statement in [
            // `status` rides along so the views' counts read the index alone.
            "CREATE INDEX requests_open_due ON requests (due_at, id, status) \
             WHERE closed_at IS NULL",
            "CREATE INDEX requests_open_place_due ON requests (jurisdiction, due_at, id, status) \
             WHERE closed_at IS NULL",
            "CREATE INDEX requests_open_assignee_due ON requests (assignee_id, due_at, id) \
             WHERE closed_at IS NULL",
            "CREATE INDEX requests_status_due ON requests (status, due_at, id)",
            "CREATE INDEX staff_notes_request ON staff_notes (request_id, created_at)",
            "CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id)",
            // Operations health counts failed tasks; fan-out and disabling look up by system.
            "CREATE INDEX tasks_state ON tasks (state)",
            "CREATE INDEX tasks_system ON tasks (system_id)",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }
}

/// One row per staff sign-in: the SHA-256 of a random token the cookie carries.
fn staff_sessions() -> TableCreateStatement {
    Table::create()
        .table(StaffSessions::Table)
        .col(pk_uuid(StaffSessions::Id))
        .col(uuid(StaffSessions::StaffId))
        .col(string_len_uniq(StaffSessions::TokenHash, 64))
        .col(timestamp_with_time_zone(StaffSessions::CreatedAt))
        .col(timestamp_with_time_zone(StaffSessions::ExpiresAt))
        .col(timestamp_with_time_zone_null(StaffSessions::RevokedAt))
        .foreign_key(
            ForeignKey::create()
                .from(StaffSessions::Table, StaffSessions::StaffId)
                .to(StaffUsers::Table, StaffUsers::Id),
        )
        .to_owned()
}

/// Staff's internal notes on a request; the person never sees them.
fn staff_notes() -> TableCreateStatement {
    Table::create()
        .table(StaffNotes::Table)
        .col(pk_uuid(StaffNotes::Id))
        .col(uuid(StaffNotes::RequestId))
        .col(uuid(StaffNotes::StaffId))
        .col(text(StaffNotes::Body))
        .col(timestamp_with_time_zone(StaffNotes::CreatedAt))
        .foreign_key(
            ForeignKey::create()
                .from(StaffNotes::Table, StaffNotes::RequestId)
                .to(Requests::Table, Requests::Id),
        )
        .foreign_key(
            ForeignKey::create()
                .from(StaffNotes::Table, StaffNotes::StaffId)
                .to(StaffUsers::Table, StaffUsers::Id),
        )
        .to_owned()
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    Id,
    TotpSecret,
    FailedAttempts,
    LockedUntil,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
    AssigneeId,
    DueAt,
}

#[derive(DeriveIden)]
enum StaffSessions {
    Table,
    Id,
    StaffId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum StaffNotes {
    Table,
    Id,
    RequestId,
    StaffId,
    Body,
    CreatedAt,
}
