//! Tasks as staff and integrators see them: which system, where it stands, and why it
//! failed. No personal data, no receipts' content.

use chrono::{DateTime, Utc};
use domain::{TaskState, system::SystemKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    entities::{data_system, task},
};

/// One system's part of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TaskView {
    /// The task id (used by callbacks and to complete manual tasks).
    pub id: Uuid,
    /// The request it belongs to.
    pub request_id: Uuid,
    /// The system's name.
    pub system: String,
    /// Webhook or manual.
    #[schema(value_type = String, example = "webhook")]
    pub system_kind: SystemKind,
    /// Where it stands.
    #[schema(value_type = String, example = "done")]
    pub state: TaskState,
    /// How many deliveries were attempted.
    pub deliveries: i32,
    /// The last delivery error, or why it failed.
    pub last_error: Option<String>,
    /// When it was done.
    pub completed_at: Option<DateTime<Utc>>,
}

impl Backend {
    /// The tasks of request `id`, by system name.
    pub async fn tasks_of(&self, id: Uuid) -> Result<Vec<TaskView>> {
        let rows = task::Entity::find()
            .filter(task::Column::RequestId.eq(id))
            .all(self.db())
            .await?;
        let mut views = self.views(rows).await?;
        views.sort_by(|a, b| a.system.cmp(&b.system));
        Ok(views)
    }

    /// Open tasks of manual systems, oldest first: the work waiting for people.
    pub async fn open_manual_tasks(&self) -> Result<Vec<TaskView>> {
        let rows = task::Entity::find()
            .filter(task::Column::State.eq(TaskState::Pending))
            .order_by_asc(task::Column::CreatedAt)
            .all(self.db())
            .await?;
        let views = self.views(rows).await?;
        Ok(views
            .into_iter()
            .filter(|t| t.system_kind == SystemKind::Manual)
            .collect())
    }

    /// A task and the system it belongs to; `NotFound("task")` if either is missing.
    pub(crate) async fn task_with_system(
        &self,
        id: Uuid,
    ) -> Result<(task::Model, data_system::Model)> {
        let task = task::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("task"))?;
        let system = data_system::Entity::find_by_id(task.system_id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("task"))?;
        Ok((task, system))
    }

    async fn views(&self, rows: Vec<task::Model>) -> Result<Vec<TaskView>> {
        let systems = data_system::Entity::find().all(self.db()).await?;
        rows.into_iter()
            .map(|row| {
                let system = systems
                    .iter()
                    .find(|s| s.id == row.system_id)
                    .ok_or(Error::NotFound("data system"))?;
                Ok(TaskView {
                    id: row.id,
                    request_id: row.request_id,
                    system: system.name.clone(),
                    system_kind: system.kind,
                    state: row.state,
                    deliveries: row.deliveries,
                    last_error: row.last_error,
                    completed_at: row.completed_at,
                })
            })
            .collect()
    }
}
