//! The `audit_anchors` table: digests of the whole audit log up to an entry.

use sea_orm::entity::prelude::*;

/// The digest of every audit entry with an id up to `up_to_event`, folded in id order.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_anchors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub up_to_event: i64,
    pub events: i64,
    pub digest: String,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
