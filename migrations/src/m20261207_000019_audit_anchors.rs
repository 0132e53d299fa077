//! Audit anchors: now and then, the digest of every audit entry so far (folded in id order
//! from the previous anchor), so that `rightful audit verify` also catches what a per-request
//! chain cannot: a chain's last entries, or a whole chain, deleted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(AuditAnchors::Table)
            .col(big_pk_auto(AuditAnchors::Id))
            .col(timestamp_with_time_zone(AuditAnchors::CreatedAt))
            .col(big_integer(AuditAnchors::UpToEvent))
            .col(big_integer(AuditAnchors::Events))
            .col(string_len(AuditAnchors::Digest, 64))
            .to_owned();
        manager.create_table(table).await?;
        let index = Index::create()
            .name("audit_anchors_up_to")
            .table(AuditAnchors::Table)
            .col(AuditAnchors::UpToEvent)
            .to_owned();
        manager.create_index(index).await
    }
}

#[derive(DeriveIden)]
enum AuditAnchors {
    Table,
    Id,
    CreatedAt,
    UpToEvent,
    Events,
    Digest,
}
