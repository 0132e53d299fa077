//! API keys for integrators, stored as SHA-256 hashes with their scopes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(ApiKeys::Table)
            .col(pk_uuid(ApiKeys::Id))
            .col(string_len(ApiKeys::Name, 100))
            .col(string_len_uniq(ApiKeys::Prefix, 16))
            .col(string_len(ApiKeys::KeyHash, 64))
            .col(string_len(ApiKeys::Scopes, 200))
            .col(timestamp_with_time_zone(ApiKeys::CreatedAt))
            .col(timestamp_with_time_zone_null(ApiKeys::RevokedAt))
            .to_owned();
        manager.create_table(table).await
    }
}

#[derive(DeriveIden)]
enum ApiKeys {
    Table,
    Id,
    Name,
    Prefix,
    KeyHash,
    Scopes,
    CreatedAt,
    RevokedAt,
}
