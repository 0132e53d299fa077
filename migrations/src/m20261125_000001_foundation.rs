//! The foundation: people, sign-in codes, sessions, requests with their audit chain, consent
//! records, the job queue and staff users.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            subjects(),
            one_time_codes(),
            sessions(),
            requests(),
            request_events(),
            consent_records(),
            jobs(),
            staff_users(),
        ] {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }
}

/// People. `email` is the normalized address; `email_hash` a keyed hash that survives erasure
/// as proof of compliance; `jurisdiction` where they say they live, which picks the law.
fn subjects() -> TableCreateStatement {
    Table::create()
        .table(Subjects::Table)
        .col(pk_uuid(Subjects::Id))
        .col(text_null(Subjects::Email).unique_key())
        .col(string_len_uniq(Subjects::EmailHash, 64))
        .col(string_len_null(Subjects::Jurisdiction, 8))
        .col(timestamp_with_time_zone(Subjects::CreatedAt))
        .to_owned()
}

/// Sign-in codes, hashed. A row per code sent; attempts count wrong guesses.
fn one_time_codes() -> TableCreateStatement {
    Table::create()
        .table(OneTimeCodes::Table)
        .col(pk_uuid(OneTimeCodes::Id))
        .col(string_len(OneTimeCodes::EmailHash, 64))
        .col(string_len(OneTimeCodes::CodeHash, 64))
        .col(integer(OneTimeCodes::Attempts).default(0))
        .col(timestamp_with_time_zone(OneTimeCodes::CreatedAt))
        .col(timestamp_with_time_zone(OneTimeCodes::ExpiresAt))
        .col(timestamp_with_time_zone_null(OneTimeCodes::ConsumedAt))
        .to_owned()
}

/// Issued sessions by JWT id; `revoked_at` is set at sign-out and checked on every use.
fn sessions() -> TableCreateStatement {
    Table::create()
        .table(Sessions::Table)
        .col(pk_uuid(Sessions::Jti))
        .col(uuid(Sessions::SubjectId))
        .col(timestamp_with_time_zone(Sessions::CreatedAt))
        .col(timestamp_with_time_zone(Sessions::ExpiresAt))
        .col(timestamp_with_time_zone_null(Sessions::RevokedAt))
        .foreign_key(&mut fk(Sessions::Table, Sessions::SubjectId))
        .to_owned()
}

/// Requests with their status and the deadline milestones computed at receipt and on every
/// clock event; `extended` says whether the extension was taken.
fn requests() -> TableCreateStatement {
    Table::create()
        .table(Requests::Table)
        .col(pk_uuid(Requests::Id))
        .col(uuid(Requests::SubjectId))
        .col(string_len(Requests::Kind, 32))
        .col(string_len(Requests::Status, 32))
        .col(string_len(Requests::Jurisdiction, 8))
        .col(timestamp_with_time_zone(Requests::ReceivedAt))
        .col(timestamp_with_time_zone_null(Requests::AcknowledgeBy))
        .col(timestamp_with_time_zone_null(Requests::RespondBy))
        .col(timestamp_with_time_zone_null(Requests::ExtensionNoticeBy))
        .col(timestamp_with_time_zone_null(Requests::ExtendedRespondBy))
        .col(boolean(Requests::Extended).default(false))
        .col(timestamp_with_time_zone_null(Requests::ClosedAt))
        .col(timestamp_with_time_zone(Requests::UpdatedAt))
        .foreign_key(&mut fk(Requests::Table, Requests::SubjectId))
        .to_owned()
}

/// The audit log: append-only, one hash chain per request (`seq` 1, 2, … with each row's
/// `hash` covering the row and `prev_hash`), so intake never waits on a global lock.
fn request_events() -> TableCreateStatement {
    Table::create()
        .table(RequestEvents::Table)
        .col(big_pk_auto(RequestEvents::Id))
        .col(uuid(RequestEvents::RequestId))
        .col(integer(RequestEvents::Seq))
        .col(timestamp_with_time_zone(RequestEvents::At))
        .col(string_len(RequestEvents::Action, 64))
        .col(string_len_null(RequestEvents::FromStatus, 32))
        .col(string_len_null(RequestEvents::ToStatus, 32))
        .col(string_len(RequestEvents::Actor, 80))
        .col(text(RequestEvents::Detail))
        .col(string_len(RequestEvents::PrevHash, 64))
        .col(string_len(RequestEvents::Hash, 64))
        .foreign_key(
            ForeignKey::create()
                .from(RequestEvents::Table, RequestEvents::RequestId)
                .to(Requests::Table, Requests::Id),
        )
        .to_owned()
}

/// Consent choices, append-only: the newest row per (subject, purpose) is in force.
fn consent_records() -> TableCreateStatement {
    Table::create()
        .table(ConsentRecords::Table)
        .col(pk_uuid(ConsentRecords::Id))
        .col(uuid(ConsentRecords::SubjectId))
        .col(string_len(ConsentRecords::Purpose, 32))
        .col(boolean(ConsentRecords::OptedOut))
        .col(timestamp_with_time_zone(ConsentRecords::EffectiveAt))
        .col(uuid_null(ConsentRecords::RequestId))
        .col(string_len(ConsentRecords::Source, 32))
        .foreign_key(&mut fk(ConsentRecords::Table, ConsentRecords::SubjectId))
        .to_owned()
}

/// The durable job queue, worked by `backend::jobs`.
fn jobs() -> TableCreateStatement {
    Table::create()
        .table(Jobs::Table)
        .col(pk_uuid(Jobs::Id))
        .col(string_len(Jobs::Kind, 64))
        .col(text(Jobs::Payload))
        .col(string_len(Jobs::State, 16))
        .col(integer(Jobs::Attempts).default(0))
        .col(integer(Jobs::MaxAttempts))
        .col(timestamp_with_time_zone(Jobs::RunAt))
        .col(string_len_null(Jobs::LockedBy, 80))
        .col(timestamp_with_time_zone_null(Jobs::LockedUntil))
        .col(text_null(Jobs::LastError))
        .col(string_len_null(Jobs::DedupeKey, 128).unique_key())
        .col(timestamp_with_time_zone(Jobs::CreatedAt))
        .col(timestamp_with_time_zone(Jobs::UpdatedAt))
        .to_owned()
}

/// Privacy-operations staff, signing in with an argon2id password hash.
fn staff_users() -> TableCreateStatement {
    Table::create()
        .table(StaffUsers::Table)
        .col(pk_uuid(StaffUsers::Id))
        .col(text_uniq(StaffUsers::Email))
        .col(text(StaffUsers::PasswordHash))
        .col(string_len(StaffUsers::Role, 16))
        .col(boolean(StaffUsers::Disabled).default(false))
        .col(timestamp_with_time_zone(StaffUsers::CreatedAt))
        .to_owned()
}

fn fk<T: IntoIden + Copy + 'static, C: IntoIden + 'static>(
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Subjects::Table, Subjects::Id)
        .to_owned()
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        Index::create()
            .name("idx_codes_email_created")
            .table(OneTimeCodes::Table)
            .col(OneTimeCodes::EmailHash)
            .col(OneTimeCodes::CreatedAt)
            .to_owned(),
        Index::create()
            .name("idx_requests_subject")
            .table(Requests::Table)
            .col(Requests::SubjectId)
            .col(Requests::ReceivedAt)
            .to_owned(),
        Index::create()
            .name("uq_request_events_seq")
            .table(RequestEvents::Table)
            .col(RequestEvents::RequestId)
            .col(RequestEvents::Seq)
            .unique()
            .to_owned(),
        Index::create()
            .name("idx_consent_subject_purpose")
            .table(ConsentRecords::Table)
            .col(ConsentRecords::SubjectId)
            .col(ConsentRecords::Purpose)
            .col(ConsentRecords::EffectiveAt)
            .to_owned(),
        Index::create()
            .name("idx_jobs_ready")
            .table(Jobs::Table)
            .col(Jobs::State)
            .col(Jobs::RunAt)
            .to_owned(),
    ]
}

#[derive(DeriveIden, Clone, Copy)]
enum Subjects {
    Table,
    Id,
    Email,
    EmailHash,
    Jurisdiction,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OneTimeCodes {
    Table,
    Id,
    EmailHash,
    CodeHash,
    Attempts,
    CreatedAt,
    ExpiresAt,
    ConsumedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Jti,
    SubjectId,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Requests {
    Table,
    Id,
    SubjectId,
    Kind,
    Status,
    Jurisdiction,
    ReceivedAt,
    AcknowledgeBy,
    RespondBy,
    ExtensionNoticeBy,
    ExtendedRespondBy,
    Extended,
    ClosedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RequestEvents {
    Table,
    Id,
    RequestId,
    Seq,
    At,
    Action,
    FromStatus,
    ToStatus,
    Actor,
    Detail,
    PrevHash,
    Hash,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConsentRecords {
    Table,
    Id,
    SubjectId,
    Purpose,
    OptedOut,
    EffectiveAt,
    RequestId,
    Source,
}

#[derive(DeriveIden)]
enum Jobs {
    Table,
    Id,
    Kind,
    Payload,
    State,
    Attempts,
    MaxAttempts,
    RunAt,
    LockedBy,
    LockedUntil,
    LastError,
    DedupeKey,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    Disabled,
    CreatedAt,
}
