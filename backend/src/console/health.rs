//! Operations health: what needs an operator outside the queue. Failed tasks, dead jobs
//! (each can be retried), data systems whose circuit is open, and requests still in
//! progress past their reply date.

use domain::{
    RequestStatus, TaskState,
    console::{DeadJob, FailedTask, HealthCounts, HealthPage},
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::may_work;
use crate::{
    Backend, Result,
    entities::{data_system, request, task},
    jobs::JobState,
    staff::StaffMember,
};

/// The longest list the health page shows of each kind.
const HEALTH_LIST: u64 = 100;

impl Backend {
    /// The counts shown on the queue page.
    pub async fn health_counts(&self) -> Result<HealthCounts> {
        let now = self.now();
        Ok(HealthCounts {
            failed_tasks: failed_tasks().count(self.db()).await?,
            dead_jobs: crate::entities::job::Entity::find()
                .filter(crate::entities::job::Column::State.eq(JobState::Dead))
                .count(self.db())
                .await?,
            open_circuits: data_system::Entity::find()
                .filter(data_system::Column::CircuitOpenUntil.gt(now))
                .count(self.db())
                .await?,
            stuck: stuck(now).count(self.db()).await?,
        })
    }

    /// The health page: the counts and what is behind each.
    pub async fn health_page(&self) -> Result<HealthPage> {
        let now = self.now();
        let tasks = failed_tasks()
            .order_by_asc(task::Column::UpdatedAt)
            .limit(HEALTH_LIST)
            .all(self.db())
            .await?;
        let systems = data_system::Entity::find().all(self.db()).await?;
        let name_of = |id: Uuid| {
            systems
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name.clone())
                .unwrap_or_default()
        };
        let mut dead_jobs = self.jobs_in_state(JobState::Dead).await?;
        dead_jobs.truncate(HEALTH_LIST as usize);
        Ok(HealthPage {
            counts: self.health_counts().await?,
            failed_tasks: tasks
                .into_iter()
                .map(|t| FailedTask {
                    task: t.id.to_string(),
                    request: t.request_id.to_string(),
                    system: name_of(t.system_id),
                    last_error: t.last_error,
                })
                .collect(),
            dead_jobs: dead_jobs
                .into_iter()
                .map(|j| DeadJob {
                    id: j.id.to_string(),
                    kind: j.kind,
                    attempts: j.attempts,
                    last_error: j.last_error,
                    created_at: j.created_at,
                })
                .collect(),
            open_circuits: systems
                .iter()
                .filter(|s| s.circuit_open_until.is_some_and(|until| until > now))
                .map(|s| s.name.clone())
                .collect(),
            stuck: stuck(now)
                .order_by_asc(request::Column::DueAt)
                .limit(HEALTH_LIST)
                .all(self.db())
                .await?
                .into_iter()
                .map(|r| r.id.to_string())
                .collect(),
        })
    }

    /// Puts a dead job back in the queue, for an operator.
    pub async fn staff_retry_job(&self, staff: &StaffMember, id: Uuid) -> Result<()> {
        may_work(staff)?;
        tracing::info!(job = %id, staff = %staff.id, "dead job retried from the console");
        self.retry_dead_job(id).await
    }
}

fn failed_tasks() -> sea_orm::Select<task::Entity> {
    task::Entity::find().filter(task::Column::State.eq(TaskState::Failed))
}

fn stuck(now: chrono::DateTime<chrono::Utc>) -> sea_orm::Select<request::Entity> {
    request::Entity::find()
        .filter(request::Column::ClosedAt.is_null())
        .filter(request::Column::Status.eq(RequestStatus::InProgress))
        .filter(request::Column::DueAt.lt(now))
}
