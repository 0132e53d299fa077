//! The `consent_records` table: append-only consent choices.

use sea_orm::entity::prelude::*;

/// One consent choice with the time it took effect.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consent_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub subject_id: Uuid,
    pub purpose: String,
    pub opted_out: bool,
    pub effective_at: DateTimeUtc,
    pub request_id: Option<Uuid>,
    pub source: String,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
