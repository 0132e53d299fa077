//! After a deletion is carried out everywhere, Rightful forgets the person too, keeping only
//! proof of compliance: the hashed address, the dates, and each system's outcome.
//!
//! The address goes last: the completing transaction erases everything else and queues the
//! `mail.deletion_done` job, which tells the person it is done and then erases the address.
//! A mail that cannot be sent does not keep the address: on the job's last attempt the
//! address is erased unsent, so it outlives the deletion by at most the job's retries
//! (about an hour).

use chrono::{DateTime, Utc};
use domain::{Actor, AuditAction, notice::Notice};
use futures_util::TryStreamExt;
use object_store::path::Path;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Backend, Result,
    audit::{self, NewEvent},
    blobs::{self, store},
    entities::{export, message, request, staff_note, subject, task},
    jobs::{self, Job, JobKind, NewJob},
    requests::evidence,
};

/// Attempts of the farewell mail: with the queue's backoff (2^n seconds, capped at an hour),
/// twelve span about an hour and a quarter.
const FAREWELL_ATTEMPTS: i32 = 12;

impl Backend {
    /// Erases the identity behind completed deletion `id`, in the caller's transaction: the
    /// user id goes (the keyed hash of the address stays, so the person's opt-outs still
    /// hold), every session ends, the data their requests gathered is deleted by a job, since
    /// blobs cannot join the transaction, and the address by the farewell job.
    pub(crate) async fn erase_identity(
        &self,
        db: &impl ConnectionTrait,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let Some(deletion) = request::Entity::find_by_id(id).one(db).await? else {
            return Ok(());
        };
        let person = deletion.subject_id;
        subject::Entity::update_many()
            .col_expr(subject::Column::UserId, Expr::value(Option::<String>::None))
            .filter(subject::Column::Id.eq(person))
            .exec(db)
            .await?;
        crate::auth::end_sessions(db, person, now).await?;
        let (tasks, requests) = self.forget_blobs(db, person, now).await?;
        let evidence = forget_words(db, &requests).await?;
        let event = NewEvent {
            request_id: id,
            action: AuditAction::IdentityErased,
            from: None,
            to: None,
            actor: Actor::System,
            detail: json!({ "tasks": tasks.len(), "requests": requests.len() }),
        };
        audit::append(db, now, event).await?;
        let purge = NewJob {
            kind: JobKind::DeleteBlobs {
                keys: evidence,
                tasks,
                requests,
            },
            dedupe_key: Some(format!("erase:{id}")),
            max_attempts: 10,
            run_at: None,
        };
        jobs::queue_in(db, now, purge).await?;
        let farewell = NewJob {
            kind: JobKind::DeletionDoneNotice { request_id: id },
            dedupe_key: Some(format!("deletion_done:{id}")),
            max_attempts: FAREWELL_ATTEMPTS,
            run_at: None,
        };
        jobs::queue_in(db, now, farewell).await
    }

    /// The `mail.deletion_done` job: mails the person that deletion `id` is done, then erases
    /// their address. A failed mail is retried, except on the job's last attempt, when the
    /// address is erased anyway: the erasure is owed, the mail only kind.
    pub(crate) async fn say_farewell(&self, job: &Job, id: Uuid) -> Result<()> {
        let Some(deletion) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        let person = deletion.subject_id;
        let Some(reader) = self.reader_of(person).await? else {
            return Ok(());
        };
        let notice = Notice::DeletionDone {
            request_id: id.to_string(),
        };
        let notified = match self
            .send_notice(&reader.email, reader.language, &notice, Some(id))
            .await
        {
            Ok(()) => true,
            Err(e) if job.attempts < job.max_attempts => return Err(e),
            Err(e) => {
                tracing::warn!(request = %id, error = %e, "deletion-done mail not sent");
                false
            }
        };
        let now = self.now();
        let txn = self.begin().await?;
        subject::Entity::update_many()
            .col_expr(subject::Column::Email, Expr::value(Option::<String>::None))
            .filter(subject::Column::Id.eq(person))
            .exec(&txn)
            .await?;
        let event = NewEvent {
            request_id: id,
            action: AuditAction::AddressErased,
            from: None,
            to: None,
            actor: Actor::System,
            detail: json!({ "notified": notified }),
        };
        audit::append(&txn, now, event).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Unlinks every task result and export package of `person`, returning the ids of their
    /// tasks and requests, whose blobs the purge job sweeps by name, referenced or not.
    async fn forget_blobs(
        &self,
        db: &impl ConnectionTrait,
        person: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(Vec<Uuid>, Vec<Uuid>)> {
        let requests: Vec<Uuid> = request::Entity::find()
            .filter(request::Column::SubjectId.eq(person))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let tasks = forget_blobs_of(db, &requests, now).await?;
        Ok((tasks, requests))
    }

    /// The `blobs.delete` job: deletes blobs by key, then every blob a task of `tasks` or a
    /// package of `requests` may have left, referenced or not. One already gone is fine.
    pub(crate) async fn delete_blobs(
        &self,
        keys: &[String],
        tasks: &[Uuid],
        requests: &[Uuid],
    ) -> Result<()> {
        let blobs = &self.inner.blobs;
        let by_task = tasks
            .iter()
            .flat_map(|t| [blobs::task_data_key(*t), blobs::task_upload_key(*t)]);
        for key in keys.iter().cloned().chain(by_task) {
            blobs::delete(blobs, &Path::from(key)).await?;
        }
        for request in requests {
            let folder = Path::from(blobs::export_folder(*request));
            let packages: Vec<_> = blobs
                .list(Some(&folder))
                .try_collect()
                .await
                .map_err(store)?;
            for package in packages {
                blobs::delete(blobs, &package.location).await?;
            }
        }
        Ok(())
    }
}

/// Forgets what people and staff wrote about `requests`, in the caller's transaction: what
/// the person wrote when filing, what staff wrote to them when denying (it may name them),
/// their attached files (returning the blob keys, for the purge job), messages, and the words
/// of internal notes, which may quote them (who wrote one and when stay, as the `justified`
/// entries naming them do).
pub(crate) async fn forget_words(
    db: &impl ConnectionTrait,
    requests: &[Uuid],
) -> Result<Vec<String>> {
    let none = || Expr::value(Option::<String>::None);
    request::Entity::update_many()
        .col_expr(request::Column::DenialMessage, none())
        .col_expr(request::Column::Particulars, none())
        .filter(request::Column::Id.is_in(requests.iter().copied()))
        .exec(db)
        .await?;
    let keys = evidence::forget(db, requests).await?;
    message::Entity::delete_many()
        .filter(message::Column::RequestId.is_in(requests.iter().copied()))
        .exec(db)
        .await?;
    staff_note::Entity::update_many()
        .col_expr(staff_note::Column::Body, Expr::value(""))
        .filter(staff_note::Column::RequestId.is_in(requests.iter().copied()))
        .exec(db)
        .await?;
    Ok(keys)
}

/// Unlinks the task results and export packages of `requests`, returning their tasks' ids,
/// whose blobs the purge job sweeps by name.
pub(crate) async fn forget_blobs_of(
    db: &impl ConnectionTrait,
    requests: &[Uuid],
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>> {
    let tasks: Vec<Uuid> = task::Entity::find()
        .filter(task::Column::RequestId.is_in(requests.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    task::Entity::update_many()
        .col_expr(task::Column::ResultKey, Expr::value(Option::<String>::None))
        .filter(task::Column::RequestId.is_in(requests.iter().copied()))
        .exec(db)
        .await?;
    export::Entity::update_many()
        .col_expr(export::Column::DeletedAt, Expr::value(Some(now)))
        .filter(export::Column::RequestId.is_in(requests.iter().copied()))
        .filter(export::Column::DeletedAt.is_null())
        .exec(db)
        .await?;
    Ok(tasks)
}
