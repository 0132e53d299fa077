//! What suppression keeps after erasure: the SHA-256 of a person's address and of their user
//! id, the forms the snapshot publishes. Existing rows are filled in from their columns.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::ConnectionTrait};
use sha2::{Digest, Sha256};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for column in [Subjects::EmailDigest, Subjects::UserIdDigest] {
            let alter = Table::alter()
                .table(Subjects::Table)
                .add_column(string_len_null(column, 64))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        for (name, column) in [
            ("ix_subjects_email_digest", Subjects::EmailDigest),
            ("ix_subjects_user_id_digest", Subjects::UserIdDigest),
        ] {
            let index = Index::create()
                .name(name)
                .table(Subjects::Table)
                .col(column)
                .to_owned();
            manager.create_index(index).await?;
        }
        backfill(manager).await
    }
}

/// Fills each digest from its column, for every row that has the column set. Both columns are
/// unique, so the value itself names the row.
async fn backfill(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for (source, target) in [
        (Subjects::Email, Subjects::EmailDigest),
        (Subjects::UserId, Subjects::UserIdDigest),
    ] {
        let select = Query::select()
            .column(source)
            .from(Subjects::Table)
            .and_where(Expr::col(source).is_not_null())
            .to_owned();
        for row in db.query_all(&select).await? {
            let value: String = row.try_get_by_index(0)?;
            let update = Query::update()
                .table(Subjects::Table)
                .value(target, digest(&value))
                .and_where(Expr::col(source).eq(value))
                .to_owned();
            db.execute(&update).await?;
        }
    }
    Ok(())
}

fn digest(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[derive(DeriveIden, Clone, Copy)]
enum Subjects {
    Table,
    Email,
    UserId,
    EmailDigest,
    UserIdDigest,
}
