//! The `callbacks_seen` table: the SHA-256 of every accepted callback signature, so that a
//! replayed callback is refused even inside the timestamp tolerance.

use sea_orm::entity::prelude::*;

/// An accepted callback.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "callbacks_seen")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub signature_hash: String,
    pub task_id: Uuid,
    pub received_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
