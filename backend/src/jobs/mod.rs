//! The durable job queue: jobs are rows, enqueued in the same transaction as the change that
//! needs them, claimed under a lease, retried with exponential backoff and jitter, and
//! dead-lettered (visible, retryable) once their attempts run out, or at once when the row does
//! not read back as a [`JobKind`].
//!
//! On PostgreSQL any number of workers claim with `FOR UPDATE SKIP LOCKED`; on SQLite the
//! claim is one `UPDATE … RETURNING` statement, which SQLite's single writer makes atomic.
//! A worker that dies leaves its lease to expire, and the job runs again: every job must be
//! idempotent.

mod handlers;
mod kind;
mod queue;
mod worker;

pub use kind::JobKind;
pub use queue::{Job, JobState, NewJob, backoff};
pub(crate) use queue::{
    enqueue as queue_in, enqueue_again as queue_again_in, enqueue_all as queue_all_in,
};
pub use worker::Worker;

/// What running a job came to, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Finished.
    Done,
    /// Not run now; try again at this time without using up an attempt.
    Deferred(chrono::DateTime<chrono::Utc>),
}
