//! Rotating a data system's signing secret: the previous one, still accepted for a day so the
//! system can switch over, and when the rotation happened. Secrets are sealed with a key
//! derived from the root secret; the backend seals any stored in the clear on start.

use sea_orm_migration::{prelude::*, schema::*, sea_orm};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        let previous = Table::alter()
            .table(DataSystems::Table)
            .add_column(text_null(DataSystems::PreviousSigningSecret))
            .to_owned();
        manager.alter_table(previous).await?;
        let rotated = Table::alter()
            .table(DataSystems::Table)
            .add_column(timestamp_with_time_zone_null(DataSystems::SecretRotatedAt))
            .to_owned();
        manager.alter_table(rotated).await?;
        // A sealed secret is longer than the 100 characters the column allowed. SQLite does
        // not enforce lengths (and cannot alter a column's type), so only PostgreSQL changes.
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            let wider = Table::alter()
                .table(DataSystems::Table)
                .modify_column(text(DataSystems::SigningSecret))
                .to_owned();
            manager.alter_table(wider).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum DataSystems {
    Table,
    SigningSecret,
    PreviousSigningSecret,
    SecretRotatedAt,
}
