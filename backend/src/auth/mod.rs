//! Signing people in with one-time codes sent by e-mail, and their sessions.

mod purge;
mod request_code;
mod session;
mod verify_code;

pub use session::{SESSION_TTL, SessionToken};
pub use verify_code::SignedIn;

use chrono::Duration;

/// How long a code stays valid.
pub const CODE_TTL: Duration = Duration::minutes(10);
/// How many guesses one code allows.
pub const MAX_ATTEMPTS: i32 = 5;
/// How many codes one address may be sent per [`CODE_WINDOW`].
pub const CODES_PER_WINDOW: u64 = 5;
/// The window for [`CODES_PER_WINDOW`].
pub const CODE_WINDOW: Duration = Duration::minutes(15);
