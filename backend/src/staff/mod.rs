//! Privacy-operations staff: accounts (`accounts.rs`), sign-in with an argon2id password, an
//! optional TOTP code and a lock after repeated failures (`sign_in.rs`), console sessions
//! apart from the portal's (`session.rs`), and RFC 6238 codes (`totp.rs`).

mod accounts;
mod session;
mod sign_in;
pub mod totp;

use chrono::{DateTime, Duration, Utc};
use domain::{Email, StaffRole};
use uuid::Uuid;

pub use accounts::{Created, NewStaff};
pub use sign_in::StaffCredentials;

/// How long a console session lasts: one working day.
pub const STAFF_SESSION_TTL: Duration = Duration::hours(12);

/// Wrong passwords or codes in a row that lock an account.
pub const LOCK_AFTER: i32 = 5;

/// How long a locked account refuses every sign-in.
pub const LOCK_FOR: Duration = Duration::minutes(15);

/// The shortest password a member of staff may choose.
pub const MIN_PASSWORD: usize = 12;

/// A member of staff, as the console and the CLI show them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffMember {
    /// Their id, named in audit entries.
    pub id: Uuid,
    /// Their work address.
    pub email: Email,
    /// What they may do.
    pub role: StaffRole,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// Whether sign-in asks for a TOTP code.
    pub totp: bool,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// The last successful sign-in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

/// A console session's token, as carried in its cookie. Redacted in `Debug`.
#[derive(Clone)]
pub struct StaffToken(pub String);

impl std::fmt::Debug for StaffToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaffToken(<redacted>)")
    }
}

/// A password: redacted in `Debug`, never logged.
#[derive(Clone)]
pub struct Password(pub String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}
