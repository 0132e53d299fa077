//! The `evidence` table (000015).

use domain::evidence::EvidenceType;
use sea_orm::entity::prelude::*;

/// One file a person attached to a request; its name and bytes are personal data.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub name: String,
    pub media_type: EvidenceType,
    pub size: i64,
    pub sha256: String,
    pub blob_key: String,
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
