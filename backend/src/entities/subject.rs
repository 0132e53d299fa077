//! The `subjects` table: people.

use sea_orm::entity::prelude::*;

/// A person. `email` and `user_id` are cleared on erasure; `email_hash` stays as proof, and
/// the two digests (unkeyed SHA-256, the forms the suppression snapshot publishes) stay so
/// that an opt-out outlives erasure.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subjects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: Option<String>,
    pub email_hash: String,
    pub jurisdiction: Option<String>,
    pub user_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub email_digest: Option<String>,
    pub user_id_digest: Option<String>,
    /// The language mails to this person are written in; English when unset.
    pub language: Option<domain::Language>,
}

/// No navigable relations: queries filter by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
