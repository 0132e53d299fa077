//! What the console's admin screen shows an admin once after their action (a new signing
//! secret, API key or password, a test delivery's reply), sealed, kept for minutes, and
//! deleted when shown. The form post redirects to a page that names the row, so a secret is
//! never in a URL and the page can be reloaded without showing it again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(StaffReveals::Table)
            .col(pk_uuid(StaffReveals::Id))
            .col(uuid(StaffReveals::StaffId))
            .col(text(StaffReveals::Sealed))
            .col(timestamp_with_time_zone(StaffReveals::ExpiresAt))
            .foreign_key(
                ForeignKey::create()
                    .from(StaffReveals::Table, StaffReveals::StaffId)
                    .to(StaffUsers::Table, StaffUsers::Id),
            )
            .to_owned();
        manager.create_table(table).await?;
        let index = Index::create()
            .name("staff_reveals_expires")
            .table(StaffReveals::Table)
            .col(StaffReveals::ExpiresAt)
            .to_owned();
        manager.create_index(index).await
    }
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StaffReveals {
    Table,
    Id,
    StaffId,
    Sealed,
    ExpiresAt,
}
