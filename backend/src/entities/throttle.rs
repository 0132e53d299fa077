//! The `throttles` table: rate-limit counters and back-offs shared by every process.

use sea_orm::entity::prelude::*;

/// One limited key. Keys are hashes or ids, never personal data in the clear.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "throttles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub hits: i32,
    pub window_start: DateTimeUtc,
    pub blocked_until: Option<DateTimeUtc>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
