//! Rate limits and back-offs kept in the database, so every process shares them: a counter
//! per key (a hashed address, a hashed client network, a request) with its window, and a
//! time before which the key is refused.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(Throttles::Table)
            .col(string_len(Throttles::Key, 160).primary_key())
            .col(integer(Throttles::Hits))
            .col(timestamp_with_time_zone(Throttles::WindowStart))
            .col(timestamp_with_time_zone_null(Throttles::BlockedUntil))
            .to_owned();
        manager.create_table(table).await
    }
}

#[derive(DeriveIden)]
enum Throttles {
    Table,
    Key,
    Hits,
    WindowStart,
    BlockedUntil,
}
