//! Export packages: one ZIP per access or export request, in the blob store until it expires.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(Exports::Table)
            .col(pk_uuid(Exports::Id))
            .col(uuid_uniq(Exports::RequestId))
            .col(text(Exports::BlobKey))
            .col(big_integer(Exports::SizeBytes))
            .col(string_len(Exports::Sha256, 64))
            .col(timestamp_with_time_zone(Exports::CreatedAt))
            .col(timestamp_with_time_zone(Exports::ExpiresAt))
            .col(timestamp_with_time_zone_null(Exports::DeletedAt))
            .to_owned();
        manager.create_table(table).await
    }
}

#[derive(DeriveIden)]
enum Exports {
    Table,
    Id,
    RequestId,
    BlobKey,
    SizeBytes,
    Sha256,
    CreatedAt,
    ExpiresAt,
    DeletedAt,
}
