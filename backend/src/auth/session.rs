//! Sessions: short JWTs naming a server-side session row, so sign-out can revoke them.

use chrono::{DateTime, Duration, Utc};
use domain::SubjectId;
use jsonwebtoken::{Algorithm, Header, Validation};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Backend, Error, Result, entities::session};

/// How long a session lasts.
pub const SESSION_TTL: Duration = Duration::days(7);

/// An encoded session JWT, as carried in the session cookie. Redacted in `Debug`.
#[derive(Clone)]
pub struct SessionToken(pub String);

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    jti: Uuid,
    iat: i64,
    exp: i64,
}

const ALGORITHM: Algorithm = Algorithm::HS256;

impl Backend {
    /// Records a new session for `subject` and returns its token.
    pub(crate) async fn open_session(
        &self,
        db: &impl ConnectionTrait,
        subject: Uuid,
        now: DateTime<Utc>,
    ) -> Result<SessionToken> {
        let jti = Uuid::new_v4();
        let expires_at = now + SESSION_TTL;
        let row = session::ActiveModel {
            jti: Set(jti),
            subject_id: Set(subject),
            created_at: Set(now),
            expires_at: Set(expires_at),
            revoked_at: Set(None),
        };
        session::Entity::insert(row).exec(db).await?;
        let claims = Claims {
            sub: subject,
            jti,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
        };
        jsonwebtoken::encode(
            &Header::new(ALGORITHM),
            &claims,
            &self.inner.keys.jwt_encoding,
        )
        .map(SessionToken)
        .map_err(|e| Error::Internal(anyhow::anyhow!("signing a session: {e}")))
    }

    /// The person a session token belongs to, if it is well signed, unexpired and not revoked.
    pub async fn authenticate(&self, token: &SessionToken) -> Result<SubjectId> {
        let claims = self.decode(token)?;
        let now = self.now();
        let live = session::Entity::find_by_id(claims.jti)
            .filter(session::Column::RevokedAt.is_null())
            .filter(session::Column::ExpiresAt.gt(now))
            .one(self.db())
            .await?;
        match live {
            Some(row) if row.subject_id == claims.sub => Ok(SubjectId::from_uuid(row.subject_id)),
            _ => Err(Error::Unauthenticated),
        }
    }

    /// Revokes the session behind `token`. Signing out twice, or with a bad token, is not an
    /// error: either way the token no longer works.
    pub async fn sign_out(&self, token: &SessionToken) -> Result<()> {
        let Ok(claims) = self.decode(token) else {
            return Ok(());
        };
        session::Entity::update_many()
            .col_expr(
                session::Column::RevokedAt,
                sea_orm::sea_query::Expr::value(self.now()),
            )
            .filter(session::Column::Jti.eq(claims.jti))
            .filter(session::Column::RevokedAt.is_null())
            .exec(self.writer())
            .await?;
        Ok(())
    }

    fn decode(&self, token: &SessionToken) -> Result<Claims> {
        let mut validation = Validation::new(ALGORITHM);
        validation.algorithms = vec![ALGORITHM];
        validation.leeway = 0;
        // Expiry is checked against the session row with the backend's clock, so tests can
        // move time; the signature and algorithm are checked here.
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "sub"]);
        jsonwebtoken::decode::<Claims>(&token.0, &self.inner.keys.jwt_decoding, &validation)
            .map(|data| data.claims)
            .map_err(|_| Error::Unauthenticated)
    }
}

/// Ends every open portal session of `person` at `now`, in the caller's transaction (their
/// identity is being erased or purged).
pub(crate) async fn end_sessions(
    db: &impl ConnectionTrait,
    person: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    session::Entity::update_many()
        .col_expr(
            session::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(session::Column::SubjectId.eq(person))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
