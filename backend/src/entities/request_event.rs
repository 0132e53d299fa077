//! The `request_events` table: the hash-chained audit log.

use sea_orm::entity::prelude::*;

/// One audit entry. Rows are only ever inserted. The action, statuses and actor are written
/// from their enums (`NewEvent`) but read back as the text stored, so that a tampered row is
/// reported by the chain check as a break, not refused as unreadable.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_id: Uuid,
    pub seq: i32,
    pub at: DateTimeUtc,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub actor: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
