//! Fulfilment: carrying a verified request out in every data system that holds the person's
//! data.
//!
//! A request moves on by its kind's policy ([`domain::RequestKind::needs_approval`],
//! [`domain::RequestKind::has_grace_period`]) and then fans out into one task per enabled
//! system with the capability it needs. Webhook tasks are delivered by jobs (signed, with an
//! idempotency key, a timeout and a per-system circuit breaker); a system may answer at once
//! or call back later. Manual tasks wait for a person. The request completes when every task
//! is done, or fails, naming the systems that failed, which can then be retried.

mod breaker;
mod callback;
mod deliver;
mod erase;
mod fan_out;
mod manual;
mod settle;
mod view;

pub(crate) use erase::{forget_blobs_of, forget_words};
pub(crate) use fan_out::{Next, capable_systems, fanned_out, insert_tasks, new_tasks};
pub use manual::Upload;
pub use view::TaskView;

/// How many times a webhook delivery is tried before its task fails.
pub const DELIVERY_ATTEMPTS: i32 = 8;

/// How far a callback's signature timestamp may be from now.
pub const CALLBACK_TOLERANCE_SECS: i64 = 300;

/// The largest receipt or note kept, in bytes.
pub(crate) const MAX_OUTCOME: usize = 64 * 1024;
