//! Recording a task's outcome, and closing the request once no task is open.

use bytes::Bytes;
use chrono::{DateTime, Utc};
use domain::{Actor, AuditAction, RequestKind, RequestStatus, TaskState};
use object_store::{PutPayload, path::Path};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr,
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    blobs::store,
    entities::{data_system, request, task},
    jobs::{self, JobKind, NewJob},
    requests::notify::queue_notice,
};

/// A task's final outcome.
#[derive(Default)]
pub(crate) struct Settlement {
    /// `true` for done, `false` for failed.
    pub done: bool,
    /// The receipt or note (done), or the reason (failed). No personal data.
    pub outcome: Option<String>,
    /// The stored data blob and its SHA-256, for access and export.
    pub result: Option<(String, String)>,
}

impl Settlement {
    /// A failure for `reason`.
    pub(crate) fn failed(reason: impl Into<String>) -> Self {
        Self {
            done: false,
            outcome: Some(reason.into()),
            result: None,
        }
    }
}

impl Backend {
    /// Settles an open task and, when it was the last open one, closes its request. Returns
    /// `false` when the task was no longer open (a duplicate callback or delivery), which
    /// changes nothing.
    pub(crate) async fn settle_task(
        &self,
        db: &impl ConnectionTrait,
        task: &task::Model,
        settlement: Settlement,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let state = if settlement.done {
            TaskState::Done
        } else {
            TaskState::Failed
        };
        let (key, sha) = settlement.result.unzip();
        let mut update = task::Entity::update_many()
            .col_expr(task::Column::State, Expr::value(state))
            .col_expr(task::Column::ResultKey, Expr::value(key))
            .col_expr(task::Column::ResultSha256, Expr::value(sha))
            .col_expr(task::Column::UpdatedAt, Expr::value(now));
        if settlement.done {
            update = update
                .col_expr(task::Column::Outcome, Expr::value(settlement.outcome))
                .col_expr(task::Column::CompletedAt, Expr::value(Some(now)));
        } else {
            update = update.col_expr(task::Column::LastError, Expr::value(settlement.outcome));
        }
        let updated = update
            .filter(task::Column::Id.eq(task.id))
            .filter(task::Column::State.is_in(open_states()))
            .exec(db)
            .await?;
        if updated.rows_affected != 1 {
            return Ok(false);
        }
        let system = data_system::Entity::find_by_id(task.system_id)
            .one(db)
            .await?
            .map(|s| s.name)
            .unwrap_or_default();
        let event = NewEvent {
            request_id: task.request_id,
            action: if settlement.done {
                AuditAction::TaskDone
            } else {
                AuditAction::TaskFailed
            },
            from: None,
            to: None,
            actor,
            detail: json!({ "task": task.id, "system": system }),
        };
        audit::append(db, now, event).await?;
        self.close_if_finished(db, task.request_id, now).await?;
        Ok(true)
    }

    /// Settles `task` in `txn`, and only then stores `data` under the settlement's result key
    /// before committing. Nothing is written for a task that is settled already (409), and a
    /// write that fails rolls the settlement back, leaving the task open for another try.
    pub(crate) async fn settle_and_store(
        &self,
        txn: DatabaseTransaction,
        task: &task::Model,
        settlement: Settlement,
        data: Option<Bytes>,
        actor: Actor,
    ) -> Result<()> {
        let key = settlement
            .result
            .as_ref()
            .map(|(k, _)| Path::from(k.as_str()));
        if !self
            .settle_task(&txn, task, settlement, actor, self.now())
            .await?
        {
            return Err(Error::Conflict("this task is settled already".into()));
        }
        if let (Some(key), Some(data)) = (key, data) {
            self.inner
                .blobs
                .put(&key, PutPayload::from(data))
                .await
                .map_err(store)?;
        }
        Ok(txn.commit().await?)
    }

    /// Completes an in-progress request whose tasks are all done, or fails it when none is
    /// open and some failed.
    pub(crate) async fn close_if_finished(
        &self,
        db: &impl ConnectionTrait,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<()> {
        // Writing the request row first takes its lock on PostgreSQL, so two tasks settling
        // at once see each other's outcome and exactly one of them closes the request.
        let touched = request::Entity::update_many()
            .col_expr(request::Column::UpdatedAt, Expr::value(now))
            .filter(request::Column::Id.eq(id))
            .filter(request::Column::Status.eq(RequestStatus::InProgress))
            .exec(db)
            .await?;
        if touched.rows_affected != 1 {
            return Ok(());
        }
        let states: Vec<TaskState> = task::Entity::find()
            .filter(task::Column::RequestId.eq(id))
            .all(db)
            .await?
            .into_iter()
            .map(|t| t.state)
            .collect();
        if states.iter().any(|s| s.is_open()) {
            return Ok(());
        }
        let all_done = states.iter().all(|s| *s == TaskState::Done);
        let kind = request::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.kind);
        let returns_data = kind.is_some_and(|k| k.returns_data());
        if all_done && returns_data {
            // Completed by the packaging job, once the person's file is ready.
            let package = NewJob {
                kind: JobKind::PackageExport { request_id: id },
                dedupe_key: Some(format!("package:{id}")),
                max_attempts: 5,
                run_at: None,
            };
            return jobs::queue_in(db, now, package).await;
        }
        let to = if all_done {
            RequestStatus::Completed
        } else {
            RequestStatus::Failed
        };
        self.transition_request(db, id, RequestStatus::InProgress, to, Actor::System, now)
            .await?;
        match (to, kind) {
            (RequestStatus::Completed, Some(RequestKind::Delete)) => {
                self.erase_identity(db, id, now).await?;
            }
            (RequestStatus::Completed, _) => {
                let notice = JobKind::CompletionNotice { request_id: id };
                queue_notice(db, now, notice, format!("completed:{id}")).await?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// The task states that still have work to do.
pub(crate) fn open_states() -> impl Iterator<Item = TaskState> {
    TaskState::ALL.iter().copied().filter(|s| s.is_open())
}
