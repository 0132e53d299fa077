//! Step two of sign-in: check the code, then open a session.

use chrono::{DateTime, Utc};
use domain::{Email, SubjectId, ValidationError};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{CLIENT_FAILURES, Client, MAX_ATTEMPTS, SessionToken, failure_backoff};
use crate::{Backend, Error, Result, entities::one_time_code};

/// How long wrong codes for one address are remembered; a sign-in forgets them.
const FAILURE_MEMORY: chrono::Duration = chrono::Duration::days(30);

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    /// Who signed in.
    pub subject: SubjectId,
    /// The new session, for the cookie.
    pub token: SessionToken,
}

fn wrong_code() -> Error {
    Error::Validation(ValidationError::new(
        "code",
        "code.invalid",
        "That code is wrong or has expired. Check it, or ask for a new one.",
    ))
}

impl Backend {
    /// Checks `code` against the newest code sent to `email`, and signs the person in,
    /// creating their account on first sign-in.
    ///
    /// Each guess is counted before it is checked, so a code allows at most
    /// [`MAX_ATTEMPTS`] guesses even under concurrent attempts. Wrong codes also count
    /// against the address across codes and against `client`'s network (see the module);
    /// while either is blocked every guess is refused with [`Error::RateLimited`].
    pub async fn verify_sign_in_code(
        &self,
        email: &Email,
        code: &str,
        client: &Client,
    ) -> Result<SignedIn> {
        let code = code.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Validation(ValidationError::new(
                "code",
                "code.malformed",
                "The code is the 6 digits from the e-mail.",
            )));
        }
        let now = self.now();
        let email_hash = self.inner.keys.identity_hash(email.as_str());
        let keys = [
            format!("verify:a:{email_hash}"),
            self.client_key("verify", None, client),
        ];
        for key in &keys {
            if self.blocked(key, now).await? {
                return Err(Error::RateLimited);
            }
        }
        let Some(code_id) = self.guess(&email_hash, code, now).await? else {
            self.count_wrong_code(&keys, now).await?;
            return Err(wrong_code());
        };
        self.clear(&keys[0]).await?;

        let txn = self.begin().await?;
        let signed_in = self.complete_sign_in(&txn, code_id, email, client).await?;
        txn.commit().await?;
        Ok(signed_in)
    }

    /// Counts one guess against the newest live code for the address and checks it: the
    /// code's id if it is right; `None` for a wrong code, or when there is no live code or
    /// its guesses are used up.
    async fn guess(
        &self,
        email_hash: &str,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Uuid>> {
        let Some(latest) = self.latest_code(email_hash, now).await? else {
            return Ok(None);
        };
        let counted = one_time_code::Entity::update_many()
            .col_expr(
                one_time_code::Column::Attempts,
                Expr::col(one_time_code::Column::Attempts).add(1),
            )
            .filter(one_time_code::Column::Id.eq(latest.id))
            .filter(one_time_code::Column::Attempts.lt(MAX_ATTEMPTS))
            .exec(self.writer())
            .await?;
        let right = counted.rows_affected == 1
            && self
                .inner
                .keys
                .code_matches(email_hash, code, &latest.code_hash);
        Ok(right.then_some(latest.id))
    }

    /// The newest unused, unexpired code sent to the address: the one a sign-in checks.
    pub(super) async fn latest_code(
        &self,
        email_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<one_time_code::Model>> {
        Ok(one_time_code::Entity::find()
            .filter(one_time_code::Column::EmailHash.eq(email_hash))
            .filter(one_time_code::Column::ConsumedAt.is_null())
            .filter(one_time_code::Column::ExpiresAt.gt(now))
            .order_by_desc(one_time_code::Column::CreatedAt)
            .one(self.db())
            .await?)
    }

    /// Records a wrong code against the address (`keys[0]`: a growing wait past the free
    /// failures) and against the client's network (`keys[1]`: blocked for the rest of the
    /// hour past its limit).
    async fn count_wrong_code(&self, keys: &[String; 2], now: DateTime<Utc>) -> Result<()> {
        let failures = self.count(&keys[0], FAILURE_MEMORY, now).await?;
        let wait = failure_backoff(failures);
        if wait > chrono::Duration::zero() {
            self.block(&keys[0], now + wait).await?;
        }
        let from_client = self.count(&keys[1], CLIENT_FAILURES.window, now).await?;
        if from_client >= CLIENT_FAILURES.limit {
            self.block(&keys[1], now + CLIENT_FAILURES.window).await?;
        }
        Ok(())
    }

    async fn complete_sign_in(
        &self,
        txn: &DatabaseTransaction,
        code_id: Uuid,
        email: &Email,
        client: &Client,
    ) -> Result<SignedIn> {
        let now = self.now();
        let consumed = one_time_code::Entity::update_many()
            .col_expr(one_time_code::Column::ConsumedAt, Expr::value(now))
            .filter(one_time_code::Column::Id.eq(code_id))
            .filter(one_time_code::Column::ConsumedAt.is_null())
            .exec(txn)
            .await?;
        if consumed.rows_affected != 1 {
            // Another attempt used this code a moment ago.
            return Err(wrong_code());
        }
        let subject_id = self.find_or_create_subject(txn, email, None, now).await?;
        // Mails sent later, by jobs, follow the language the person signed in with.
        self.record_language(txn, subject_id, client.language())
            .await?;
        let token = self.open_session(txn, subject_id, now).await?;
        Ok(SignedIn {
            subject: SubjectId::from_uuid(subject_id),
            token,
        })
    }
}
