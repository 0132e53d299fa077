//! The company's own user id for a person, so integrators can name people by it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = Table::alter()
            .table(Subjects::Table)
            .add_column(string_len_null(Subjects::UserId, 200))
            .to_owned();
        manager.alter_table(column).await?;
        let index = Index::create()
            .name("uq_subjects_user_id")
            .table(Subjects::Table)
            .col(Subjects::UserId)
            .unique()
            .to_owned();
        manager.create_index(index).await
    }
}

#[derive(DeriveIden)]
enum Subjects {
    Table,
    UserId,
}
