//! Messages about a request between the person and the privacy team. Their text is personal
//! data: erased with the person.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(Messages::Table)
            .col(uuid(Messages::Id).primary_key())
            .col(uuid(Messages::RequestId))
            .col(string_len(Messages::Author, 20))
            .col(text(Messages::Body))
            .col(timestamp_with_time_zone(Messages::CreatedAt))
            .foreign_key(
                ForeignKey::create()
                    .name("fk_messages_request")
                    .from(Messages::Table, Messages::RequestId)
                    .to(Requests::Table, Requests::Id),
            )
            .to_owned();
        manager.create_table(table).await?;
        let index = Index::create()
            .name("ix_messages_request_id")
            .table(Messages::Table)
            .col(Messages::RequestId)
            .col(Messages::CreatedAt)
            .to_owned();
        manager.create_index(index).await
    }
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    RequestId,
    Author,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
}
