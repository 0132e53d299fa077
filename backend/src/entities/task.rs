//! The `tasks` table: what one data system must do for one request.

use domain::TaskState;
use sea_orm::entity::prelude::*;

/// A task. `outcome` holds the system's receipt or the person's note (no personal data is
/// expected there, but treat it as if it were); `result_key` names a stored blob of data.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub system_id: Uuid,
    #[sea_orm(unique)]
    pub event_id: Uuid,
    pub state: TaskState,
    pub deliveries: i32,
    pub last_error: Option<String>,
    pub outcome: Option<String>,
    pub result_key: Option<String>,
    pub result_sha256: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No navigable relations: queries filter by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
