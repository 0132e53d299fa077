//! The second error tier: what a backend service can fail with.
//!
//! The HTTP edge maps each variant to a status code and a safe public message; only
//! [`Error::Internal`] carries a cause, which is logged and never shown.

use domain::ValidationError;

/// A backend failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The thing asked for does not exist (or is not the caller's to see).
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// No valid session.
    #[error("not signed in")]
    Unauthenticated,
    /// A signed message (a data system's callback) failed its signature check.
    #[error("bad signature: {0}")]
    BadSignature(#[from] crate::webhooks::SignatureError),
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// The request conflicts with the current state.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Bad input.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// Too many attempts; try again later.
    #[error("rate limited")]
    RateLimited,
    /// A dependency (database, mail relay) is unreachable for now.
    #[error("unavailable: {0}")]
    Unavailable(&'static str),
    /// A bug or an unexpected failure; the cause is for the logs only.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The backend's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<sea_orm::DbErr> for Error {
    fn from(err: sea_orm::DbErr) -> Self {
        match err {
            sea_orm::DbErr::ConnectionAcquire(_) | sea_orm::DbErr::Conn(_) => {
                tracing::warn!(error = %err, "database unavailable");
                Error::Unavailable("database")
            }
            other => Error::Internal(anyhow::Error::new(other).context("database")),
        }
    }
}

impl From<sea_orm::TransactionError<Error>> for Error {
    fn from(err: sea_orm::TransactionError<Error>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(inner) => inner,
        }
    }
}
