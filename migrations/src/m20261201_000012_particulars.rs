//! What a person writes when filing from the portal (a correction, a removal from model
//! outputs), kept on the request as JSON and erased with the person; and, for an appeal, the
//! denied request it appeals, indexed for the check that one denial gets one standing appeal
//! (made under a lock on the denied request's row: a canceled appeal may be filed again, so
//! the index cannot be unique).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            text_null(Requests::Particulars),
            uuid_null(Requests::AppealOf),
        ] {
            let alter = Table::alter()
                .table(Requests::Table)
                .add_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        let index = Index::create()
            .name("ix_requests_appeal_of")
            .table(Requests::Table)
            .col(Requests::AppealOf)
            .to_owned();
        manager.create_index(index).await
    }
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Particulars,
    AppealOf,
}
