//! The `notices_sent` table: every notice mailed about a request, as sent.

use sea_orm::entity::prelude::*;

/// One mailed notice: the RFC 5322 message with its recipient withheld (the body may still
/// hold what the person or staff wrote, so retention deletes these with the request's
/// personal data).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notices_sent")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    /// The notice's name (`Notice::name`).
    pub name: String,
    pub sent_at: DateTimeUtc,
    pub eml: String,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
