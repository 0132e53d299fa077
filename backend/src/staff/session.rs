//! Console sessions: a random 256-bit token in the staff cookie, stored as its SHA-256, for
//! [`STAFF_SESSION_TTL`]. A portal session's token names a different table and opens nothing
//! here.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{STAFF_SESSION_TTL, StaffMember, StaffToken, accounts};
use crate::{
    Backend, Error, Result,
    entities::{staff_session, staff_user},
};

impl Backend {
    /// Opens a console session for `staff` and returns its token.
    pub(super) async fn open_staff_session(
        &self,
        db: &impl ConnectionTrait,
        staff: Uuid,
        now: DateTime<Utc>,
    ) -> Result<StaffToken> {
        let token = hex::encode(rand::random::<[u8; 32]>());
        let row = staff_session::ActiveModel {
            id: Set(Uuid::new_v4()),
            staff_id: Set(staff),
            token_hash: Set(token_hash(&token)),
            created_at: Set(now),
            expires_at: Set(now + STAFF_SESSION_TTL),
            revoked_at: Set(None),
        };
        staff_session::Entity::insert(row).exec(db).await?;
        Ok(StaffToken(token))
    }

    /// The member of staff a console session's token belongs to, while the session is open
    /// and the account enabled; otherwise `Unauthenticated`.
    pub async fn staff_session(&self, token: &StaffToken) -> Result<StaffMember> {
        let now = self.now();
        let session = staff_session::Entity::find()
            .filter(staff_session::Column::TokenHash.eq(token_hash(&token.0)))
            .filter(staff_session::Column::RevokedAt.is_null())
            .filter(staff_session::Column::ExpiresAt.gt(now))
            .one(self.db())
            .await?
            .ok_or(Error::Unauthenticated)?;
        let row = staff_user::Entity::find_by_id(session.staff_id)
            .one(self.db())
            .await?
            .filter(|row| !row.disabled)
            .ok_or(Error::Unauthenticated)?;
        accounts::member(row)
    }

    /// Ends the console session of `token`, if it is open.
    pub async fn staff_sign_out(&self, token: &StaffToken) -> Result<()> {
        staff_session::Entity::update_many()
            .col_expr(
                staff_session::Column::RevokedAt,
                Expr::value(Some(self.now())),
            )
            .filter(staff_session::Column::TokenHash.eq(token_hash(&token.0)))
            .filter(staff_session::Column::RevokedAt.is_null())
            .exec(self.writer())
            .await?;
        Ok(())
    }
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
