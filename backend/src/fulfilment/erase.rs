//! After a deletion is carried out everywhere, Rightful forgets the person too, keeping only
//! proof of compliance: the hashed address, the dates, and each system's outcome.

use chrono::{DateTime, Utc};
use domain::{Actor, AuditAction};
use futures_util::TryStreamExt;
use object_store::path::Path;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Backend, Result,
    audit::{self, NewEvent},
    blobs::{self, store},
    entities::{export, message, request, session, subject, task},
    jobs::{self, JobKind, NewJob},
};

impl Backend {
    /// Erases the identity behind completed deletion `id`, in the caller's transaction: the
    /// address and user id go (the keyed hash of the address stays, so the person's opt-outs
    /// still hold), every session ends, and the data their requests gathered is deleted by a
    /// job, since blobs cannot join the transaction.
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
            .col_expr(subject::Column::Email, Expr::value(Option::<String>::None))
            .col_expr(subject::Column::UserId, Expr::value(Option::<String>::None))
            .filter(subject::Column::Id.eq(person))
            .exec(db)
            .await?;
        // What staff wrote to the person when denying a request may name them, and what
        // they wrote when filing does.
        request::Entity::update_many()
            .col_expr(
                request::Column::DenialMessage,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                request::Column::Particulars,
                Expr::value(Option::<String>::None),
            )
            .filter(request::Column::SubjectId.eq(person))
            .exec(db)
            .await?;
        session::Entity::update_many()
            .col_expr(session::Column::RevokedAt, Expr::value(Some(now)))
            .filter(session::Column::SubjectId.eq(person))
            .filter(session::Column::RevokedAt.is_null())
            .exec(db)
            .await?;
        let (tasks, requests) = self.forget_blobs(db, person, now).await?;
        message::Entity::delete_many()
            .filter(message::Column::RequestId.is_in(requests.clone()))
            .exec(db)
            .await?;
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
                keys: Vec::new(),
                tasks,
                requests,
            },
            dedupe_key: Some(format!("erase:{id}")),
            max_attempts: 10,
            run_at: None,
        };
        jobs::queue_in(db, now, purge).await
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
        let tasks: Vec<Uuid> = task::Entity::find()
            .filter(task::Column::RequestId.is_in(requests.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect();
        task::Entity::update_many()
            .col_expr(task::Column::ResultKey, Expr::value(Option::<String>::None))
            .filter(task::Column::RequestId.is_in(requests.clone()))
            .exec(db)
            .await?;
        export::Entity::update_many()
            .col_expr(export::Column::DeletedAt, Expr::value(Some(now)))
            .filter(export::Column::RequestId.is_in(requests.clone()))
            .filter(export::Column::DeletedAt.is_null())
            .exec(db)
            .await?;
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
