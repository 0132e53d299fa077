//! After a deletion is carried out everywhere, Rightful forgets the person too, keeping only
//! proof of compliance: the hashed address, the dates, and each system's outcome.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Backend, Result,
    audit::{self, NewEvent},
    entities::{export, request, session, subject, task},
    jobs::{self, NewJob},
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
        session::Entity::update_many()
            .col_expr(session::Column::RevokedAt, Expr::value(Some(now)))
            .filter(session::Column::SubjectId.eq(person))
            .filter(session::Column::RevokedAt.is_null())
            .exec(db)
            .await?;
        let keys = self.forget_blobs(db, person, now).await?;
        let event = NewEvent {
            request_id: id,
            action: "identity_erased",
            from: None,
            to: None,
            actor: "system",
            detail: json!({ "blobs": keys.len() }),
        };
        audit::append(db, now, event).await?;
        let purge = NewJob {
            kind: jobs::kind::DELETE_BLOBS,
            payload: json!({ "keys": keys }),
            dedupe_key: Some(format!("erase:{id}")),
            max_attempts: 10,
            run_at: None,
        };
        jobs::queue_in(db, now, purge).await
    }

    /// Unlinks every task result and export package of `person`, returning the blob keys.
    async fn forget_blobs(
        &self,
        db: &impl ConnectionTrait,
        person: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        let requests: Vec<Uuid> = request::Entity::find()
            .filter(request::Column::SubjectId.eq(person))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let mut keys: Vec<String> = task::Entity::find()
            .filter(task::Column::RequestId.is_in(requests.clone()))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|t| t.result_key)
            .collect();
        task::Entity::update_many()
            .col_expr(task::Column::ResultKey, Expr::value(Option::<String>::None))
            .filter(task::Column::RequestId.is_in(requests.clone()))
            .exec(db)
            .await?;
        let exports = export::Entity::find()
            .filter(export::Column::RequestId.is_in(requests))
            .filter(export::Column::DeletedAt.is_null())
            .all(db)
            .await?;
        for row in exports {
            keys.push(row.blob_key);
            export::Entity::update_many()
                .col_expr(export::Column::DeletedAt, Expr::value(Some(now)))
                .filter(export::Column::Id.eq(row.id))
                .exec(db)
                .await?;
        }
        Ok(keys)
    }

    /// The `blobs.delete` job: deletes blobs by key; one already gone is fine.
    pub(crate) async fn delete_blobs(&self, keys: &[String]) -> Result<()> {
        for key in keys {
            let path = object_store::path::Path::from(key.as_str());
            match self.inner.blobs.delete(&path).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(err) => return Err(crate::blobs::store(err)),
            }
        }
        Ok(())
    }
}
