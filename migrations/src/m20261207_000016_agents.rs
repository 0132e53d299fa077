//! Requests filed by an authorized agent (CCPA §7063): who the agent is, and the consumer's
//! confirmation, asked for by mail (the hash of its link's token) and due by a date, after
//! which the unconfirmed request expires. The signed permission is an evidence file.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            uuid_null(Requests::AgentId),
            string_len_null(Requests::ConfirmHash, 64),
            timestamp_with_time_zone_null(Requests::ConfirmBy),
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
    AgentId,
    ConfirmHash,
    ConfirmBy,
}
