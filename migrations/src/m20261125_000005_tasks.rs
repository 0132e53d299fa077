//! Fulfilment: one task per request and data system, the callbacks already accepted (so a
//! replay is refused), and each system's circuit-breaker state.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tasks = Table::create()
            .table(Tasks::Table)
            .col(pk_uuid(Tasks::Id))
            .col(uuid(Tasks::RequestId))
            .col(uuid(Tasks::SystemId))
            .col(uuid_uniq(Tasks::EventId))
            .col(string_len(Tasks::State, 32))
            .col(integer(Tasks::Deliveries).default(0))
            .col(text_null(Tasks::LastError))
            .col(text_null(Tasks::Outcome))
            .col(text_null(Tasks::ResultKey))
            .col(string_len_null(Tasks::ResultSha256, 64))
            .col(timestamp_with_time_zone_null(Tasks::CompletedAt))
            .col(timestamp_with_time_zone(Tasks::CreatedAt))
            .col(timestamp_with_time_zone(Tasks::UpdatedAt))
            .to_owned();
        manager.create_table(tasks).await?;
        let one_per_system = Index::create()
            .name("uq_tasks_request_system")
            .table(Tasks::Table)
            .col(Tasks::RequestId)
            .col(Tasks::SystemId)
            .unique()
            .to_owned();
        manager.create_index(one_per_system).await?;
        let by_state = Index::create()
            .name("ix_tasks_state")
            .table(Tasks::Table)
            .col(Tasks::State)
            .to_owned();
        manager.create_index(by_state).await?;

        let seen = Table::create()
            .table(CallbacksSeen::Table)
            .col(string_len(CallbacksSeen::SignatureHash, 64).primary_key())
            .col(uuid(CallbacksSeen::TaskId))
            .col(timestamp_with_time_zone(CallbacksSeen::ReceivedAt))
            .to_owned();
        manager.create_table(seen).await?;

        // SQLite adds one column per ALTER TABLE.
        for column in [
            integer(DataSystems::ConsecutiveFailures)
                .default(0)
                .to_owned(),
            timestamp_with_time_zone_null(DataSystems::CircuitOpenUntil),
        ] {
            let alter = Table::alter()
                .table(DataSystems::Table)
                .add_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Tasks {
    Table,
    Id,
    RequestId,
    SystemId,
    EventId,
    State,
    Deliveries,
    LastError,
    Outcome,
    ResultKey,
    ResultSha256,
    CompletedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CallbacksSeen {
    Table,
    SignatureHash,
    TaskId,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum DataSystems {
    Table,
    ConsecutiveFailures,
    CircuitOpenUntil,
}
