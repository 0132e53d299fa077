//! Work done by people: completing a manual system's task with a note or a file, and
//! retrying the systems that failed.

use bytes::Bytes;
use chrono::{DateTime, Utc};
use domain::{Actor, RequestStatus, TaskState, ValidationError, system::SystemKind};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{MAX_OUTCOME, fan_out::enqueue_delivery, settle::Settlement};
use crate::{
    Backend, Error, Result,
    entities::{data_system, task},
};

/// A file handed in with a manual task: the system's data for an access or export request.
pub struct Upload {
    /// The file's contents.
    pub bytes: Vec<u8>,
}

impl Backend {
    /// Completes an open manual task with `note` (what was done) and, optionally, a file.
    /// `actor` names who did it (never personal data).
    pub async fn complete_manual_task(
        &self,
        id: Uuid,
        note: &str,
        upload: Option<Upload>,
        actor: Actor,
    ) -> Result<()> {
        let txn = self.begin().await?;
        self.complete_manual_in(txn, id, note, upload, actor).await
    }

    /// [`Self::complete_manual_task`] in `txn`, which it commits.
    pub(crate) async fn complete_manual_in(
        &self,
        txn: DatabaseTransaction,
        id: Uuid,
        note: &str,
        upload: Option<Upload>,
        actor: Actor,
    ) -> Result<()> {
        let note = note.trim();
        if note.is_empty() || note.len() > MAX_OUTCOME {
            return Err(Error::Validation(ValidationError::new(
                "note",
                "task.note",
                "say what was done, in up to 64 KiB",
            )));
        }
        let (task, system) = self.task_with_system(id).await?;
        if system.kind != SystemKind::Manual {
            return Err(Error::Conflict(
                "this task belongs to a webhook system, which reports for itself".into(),
            ));
        }
        let result = upload.as_ref().map(|file| {
            let sha = hex::encode(Sha256::digest(&file.bytes));
            (crate::blobs::task_upload_key(id), sha)
        });
        let settlement = Settlement {
            done: true,
            outcome: Some(note.to_owned()),
            result,
        };
        let data = upload.map(|file| Bytes::from(file.bytes));
        self.settle_and_store(txn, &task, settlement, data, actor)
            .await
    }

    /// Sends a failed request's failed tasks out again: the request returns to
    /// `in_progress`, and each failed task to `pending` with a new delivery job (same event
    /// id, so a system that did act absorbs the repeat). Returns how many tasks were retried.
    pub async fn retry_failed_tasks(&self, request: Uuid, actor: Actor) -> Result<usize> {
        let txn = self.begin().await?;
        let retried = self
            .retry_failed_in(&txn, request, actor, self.now())
            .await?;
        txn.commit().await?;
        Ok(retried)
    }

    /// [`Self::retry_failed_tasks`] inside the caller's transaction.
    pub(crate) async fn retry_failed_in(
        &self,
        txn: &impl ConnectionTrait,
        request: Uuid,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        self.transition_request(
            txn,
            request,
            RequestStatus::Failed,
            RequestStatus::InProgress,
            actor,
            now,
        )
        .await?;
        let failed = task::Entity::find()
            .filter(task::Column::RequestId.eq(request))
            .filter(task::Column::State.eq(TaskState::Failed))
            .all(txn)
            .await?;
        let systems = data_system::Entity::find().all(txn).await?;
        for task in &failed {
            task::Entity::update_many()
                .col_expr(task::Column::State, Expr::value(TaskState::Pending))
                .col_expr(task::Column::UpdatedAt, Expr::value(now))
                .filter(task::Column::Id.eq(task.id))
                .exec(txn)
                .await?;
            let webhook = systems
                .iter()
                .any(|s| s.id == task.system_id && s.kind == SystemKind::Webhook);
            if webhook {
                let key = format!("deliver:{}:{}", task.id, Uuid::new_v4().simple());
                enqueue_delivery(txn, task.id, &key, now).await?;
            }
        }
        Ok(failed.len())
    }
}
