//! People: finding them by e-mail address, creating them on first contact.

use chrono::{DateTime, Utc};
use domain::{Email, Language, SubjectId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use crate::{Backend, Error, Result, entities::subject, suppression::digest};

impl Backend {
    /// Records that person `subject` reads Rightful in `language`: their mails follow it.
    pub async fn set_language(&self, subject: SubjectId, language: Language) -> Result<()> {
        self.record_language(self.writer(), subject.as_uuid(), language)
            .await
    }

    /// [`Self::set_language`] inside a transaction.
    pub(crate) async fn record_language(
        &self,
        db: &impl ConnectionTrait,
        subject: Uuid,
        language: Language,
    ) -> Result<()> {
        subject::Entity::update_many()
            .col_expr(subject::Column::Language, Expr::value(language))
            .filter(subject::Column::Id.eq(subject))
            .exec(db)
            .await?;
        Ok(())
    }

    /// The person with this address, created if Rightful has not met them. A `user_id` (the
    /// company's own id) is recorded when given and the person has none yet; one that
    /// belongs to somebody else is a conflict naming the field.
    pub(crate) async fn find_or_create_subject(
        &self,
        db: &impl ConnectionTrait,
        email: &Email,
        user_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let email_hash = self.inner.keys.identity_hash(email.as_str());
        let existing = subject::Entity::find()
            .filter(subject::Column::EmailHash.eq(&email_hash))
            .one(db)
            .await?;
        let new_user_id = user_id.filter(|_| existing.as_ref().is_none_or(|r| r.user_id.is_none()));
        if let Some(user_id) = new_user_id {
            ensure_user_id_free(db, user_id).await?;
        }
        let Some(row) = existing else {
            let id = Uuid::new_v4();
            let row = subject::ActiveModel {
                id: Set(id),
                email: Set(Some(email.as_str().to_owned())),
                email_hash: Set(email_hash),
                email_digest: Set(Some(digest(email.as_str()))),
                jurisdiction: Set(None),
                user_id: Set(user_id.map(str::to_owned)),
                user_id_digest: Set(user_id.map(digest)),
                created_at: Set(now),
                language: Set(None),
            };
            subject::Entity::insert(row).exec(db).await?;
            return Ok(id);
        };
        let mut update = subject::Entity::update_many().filter(subject::Column::Id.eq(row.id));
        if let Some(user_id) = new_user_id {
            update = update
                .col_expr(subject::Column::UserId, Expr::value(user_id))
                .col_expr(subject::Column::UserIdDigest, Expr::value(digest(user_id)));
        }
        // A person whose identity was erased after a deletion and who comes back gives
        // their address again; keep it, so that their new requests can be answered.
        if row.email.is_none() {
            update = update
                .col_expr(subject::Column::Email, Expr::value(email.as_str()))
                .col_expr(
                    subject::Column::EmailDigest,
                    Expr::value(digest(email.as_str())),
                );
        }
        if new_user_id.is_some() || row.email.is_none() {
            update.exec(db).await?;
        }
        Ok(row.id)
    }
}

/// A conflict if another person already holds `user_id` (the column is unique, and a
/// constraint error would otherwise surface as an internal failure).
async fn ensure_user_id_free(db: &impl ConnectionTrait, user_id: &str) -> Result<()> {
    let holder = subject::Entity::find()
        .filter(subject::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match holder {
        Some(_) => Err(Error::Conflict(
            "user_id: this user id belongs to another person".into(),
        )),
        None => Ok(()),
    }
}
