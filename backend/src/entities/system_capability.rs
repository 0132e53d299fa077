//! The `system_capabilities` table: what each data system can do, one row per capability.

use domain::system::Capability;
use sea_orm::entity::prelude::*;

/// One capability of one system.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "system_capabilities")]
pub struct Model {
    /// The system.
    #[sea_orm(primary_key, auto_increment = false)]
    pub system_id: Uuid,
    /// What it can do.
    #[sea_orm(primary_key, auto_increment = false)]
    pub capability: Capability,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
