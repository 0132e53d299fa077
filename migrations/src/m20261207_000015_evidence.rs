//! Evidence files a person attached to a request (remove from model outputs). The bytes are
//! in the blob store under `blob_key`; the name and the bytes are personal data, erased with
//! the person.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(Evidence::Table)
            .col(uuid(Evidence::Id).primary_key())
            .col(uuid(Evidence::RequestId))
            .col(string_len(Evidence::Name, 200))
            .col(string_len(Evidence::MediaType, 40))
            .col(big_integer(Evidence::Size))
            .col(string_len(Evidence::Sha256, 64))
            .col(string_len(Evidence::BlobKey, 200))
            .col(timestamp_with_time_zone(Evidence::CreatedAt))
            .foreign_key(
                ForeignKey::create()
                    .name("fk_evidence_request")
                    .from(Evidence::Table, Evidence::RequestId)
                    .to(Requests::Table, Requests::Id),
            )
            .to_owned();
        manager.create_table(table).await?;
        let index = Index::create()
            .name("ix_evidence_request_id")
            .table(Evidence::Table)
            .col(Evidence::RequestId)
            .to_owned();
        manager.create_index(index).await
    }
}

#[derive(DeriveIden)]
enum Evidence {
    Table,
    Id,
    RequestId,
    Name,
    MediaType,
    Size,
    Sha256,
    BlobKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
}
