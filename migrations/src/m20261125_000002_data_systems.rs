//! Data systems: the company's systems that hold personal data, with their signing secrets.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(DataSystems::Table)
            .col(pk_uuid(DataSystems::Id))
            .col(string_len_uniq(DataSystems::Name, 100))
            .col(string_len(DataSystems::Owner, 200))
            .col(string_len(DataSystems::Kind, 16))
            .col(string_len(DataSystems::Capabilities, 200))
            .col(text_null(DataSystems::Endpoint))
            .col(string_len(DataSystems::SigningSecret, 100))
            .col(integer(DataSystems::TimeoutMs))
            .col(boolean(DataSystems::Enabled))
            .col(timestamp_with_time_zone(DataSystems::CreatedAt))
            .to_owned();
        manager.create_table(table).await
    }
}

#[derive(DeriveIden)]
enum DataSystems {
    Table,
    Id,
    Name,
    Owner,
    Kind,
    Capabilities,
    Endpoint,
    SigningSecret,
    TimeoutMs,
    Enabled,
    CreatedAt,
}
