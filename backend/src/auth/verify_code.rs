//! Step two of sign-in: check the code, then open a session.

use domain::{Email, SubjectId, ValidationError};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{MAX_ATTEMPTS, SessionToken};
use crate::{Backend, Error, Result, entities::one_time_code};

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
    /// [`MAX_ATTEMPTS`] guesses even under concurrent attempts.
    pub async fn verify_sign_in_code(&self, email: &Email, code: &str) -> Result<SignedIn> {
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
        let latest = one_time_code::Entity::find()
            .filter(one_time_code::Column::EmailHash.eq(&email_hash))
            .filter(one_time_code::Column::ConsumedAt.is_null())
            .filter(one_time_code::Column::ExpiresAt.gt(now))
            .order_by_desc(one_time_code::Column::CreatedAt)
            .one(self.db())
            .await?
            .ok_or_else(wrong_code)?;

        let counted = one_time_code::Entity::update_many()
            .col_expr(
                one_time_code::Column::Attempts,
                Expr::col(one_time_code::Column::Attempts).add(1),
            )
            .filter(one_time_code::Column::Id.eq(latest.id))
            .filter(one_time_code::Column::Attempts.lt(MAX_ATTEMPTS))
            .exec(self.db())
            .await?;
        if counted.rows_affected != 1 {
            return Err(wrong_code());
        }
        if !self
            .inner
            .keys
            .code_matches(&email_hash, code, &latest.code_hash)
        {
            return Err(wrong_code());
        }

        let txn = self.begin().await?;
        let signed_in = self.complete_sign_in(&txn, latest.id, email).await?;
        txn.commit().await?;
        Ok(signed_in)
    }

    async fn complete_sign_in(
        &self,
        txn: &DatabaseTransaction,
        code_id: Uuid,
        email: &Email,
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
        let token = self.open_session(txn, subject_id, now).await?;
        Ok(SignedIn {
            subject: SubjectId::from_uuid(subject_id),
            token,
        })
    }
}
