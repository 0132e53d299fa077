//! Denials: the reason code (for the person, and for the annual metrics that count denials by
//! reason) and the message written to the person, kept on the request.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            string_len_null(Requests::DenialReason, 40),
            text_null(Requests::DenialMessage),
        ] {
            let alter = Table::alter()
                .table(Requests::Table)
                .add_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    DenialReason,
    DenialMessage,
}
