//! The language a person reads Rightful in (`en`, `de`, `fr` or `es`), so that mails sent by
//! background jobs, long after the page that caused them, are in it too. Null until the
//! person signs in; mails then go out in English.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let alter = Table::alter()
            .table(Subjects::Table)
            .add_column(string_len_null(Subjects::Language, 8))
            .to_owned();
        manager.alter_table(alter).await
    }
}

#[derive(DeriveIden)]
enum Subjects {
    Table,
    Language,
}
