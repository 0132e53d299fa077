//! People: finding them by e-mail address, creating them on first contact.

use chrono::{DateTime, Utc};
use domain::Email;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{Backend, Result, entities::subject};

impl Backend {
    /// The person with this address, created if Rightful has not met them. A `user_id` (the
    /// company's own id) is recorded when given and the person has none yet.
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
        if let Some(row) = existing {
            if let (None, Some(user_id)) = (&row.user_id, user_id) {
                subject::Entity::update_many()
                    .col_expr(
                        subject::Column::UserId,
                        sea_orm::sea_query::Expr::value(user_id),
                    )
                    .filter(subject::Column::Id.eq(row.id))
                    .exec(db)
                    .await?;
            }
            // A person whose identity was erased after a deletion and who comes back gives
            // their address again; keep it, so that their new requests can be answered.
            if row.email.is_none() {
                subject::Entity::update_many()
                    .col_expr(
                        subject::Column::Email,
                        sea_orm::sea_query::Expr::value(email.as_str()),
                    )
                    .filter(subject::Column::Id.eq(row.id))
                    .exec(db)
                    .await?;
            }
            return Ok(row.id);
        }
        let id = Uuid::new_v4();
        let row = subject::ActiveModel {
            id: Set(id),
            email: Set(Some(email.as_str().to_owned())),
            email_hash: Set(email_hash),
            jurisdiction: Set(None),
            user_id: Set(user_id.map(str::to_owned)),
            created_at: Set(now),
        };
        subject::Entity::insert(row).exec(db).await?;
        Ok(id)
    }
}
