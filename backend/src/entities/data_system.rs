//! The `data_systems` table.

use domain::system::SystemKind;
use sea_orm::entity::prelude::*;

/// A system that holds personal data. `signing_secret` (sealed: see `Keys::seal`) never
/// leaves the backend except once, when the system is added or its secret rotated; the
/// previous secret stays valid for a day after a rotation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "data_systems")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub name: String,
    pub owner: String,
    pub kind: SystemKind,
    pub endpoint: Option<String>,
    pub signing_secret: String,
    pub timeout_ms: i32,
    pub enabled: bool,
    pub created_at: DateTimeUtc,
    pub consecutive_failures: i32,
    pub circuit_open_until: Option<DateTimeUtc>,
    pub previous_signing_secret: Option<String>,
    pub secret_rotated_at: Option<DateTimeUtc>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
