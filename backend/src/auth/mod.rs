//! Signing people in with one-time codes sent by e-mail, and their sessions.
//!
//! Guessing is bounded per code ([`MAX_ATTEMPTS`]), per address across codes (after
//! [`FREE_FAILURES`] wrong codes each further one doubles a wait, up to [`MAX_BACKOFF`]),
//! and per client network ([`CLIENT_FAILURES`]). Sending is limited per (address, client),
//! so that nobody else can lock the owner out; from anywhere, an address is sent a new code
//! only after a cooldown that grows with how many it was sent today, while the newest code
//! it already has stays usable.

mod client;
mod purge;
mod request_code;
mod session;
mod verify_code;

pub use client::Client;
pub(crate) use session::end_sessions;
pub use session::{SESSION_TTL, SessionToken};
pub use verify_code::SignedIn;

use chrono::Duration;

use crate::throttle::Rule;

/// How long a code stays valid.
pub const CODE_TTL: Duration = Duration::minutes(10);
/// How many guesses one code allows.
pub const MAX_ATTEMPTS: i32 = 5;
/// Codes one client may have sent to one address per 15 minutes.
pub(crate) const SENDS_PER_CLIENT: Rule = Rule {
    limit: 3,
    window: Duration::minutes(15),
};
/// Codes sent to an address today before a cooldown applies between them.
pub const FREE_SENDS: i32 = 3;
/// Wrong codes for one address, across codes, before each further one brings a wait.
pub const FREE_FAILURES: i32 = 10;
/// The longest wait after wrong codes for one address.
pub const MAX_BACKOFF: Duration = Duration::hours(1);
/// Wrong codes from one client network per hour, across addresses.
pub(crate) const CLIENT_FAILURES: Rule = Rule {
    limit: 30,
    window: Duration::hours(1),
};

/// The cooldown before the next code to an address that was sent `sent` today: none for the
/// first [`FREE_SENDS`], then one minute doubling up to the code's lifetime, so that a code
/// sent at the owner's request is never older than [`CODE_TTL`].
pub(crate) fn send_cooldown(sent: i32) -> Duration {
    if sent <= FREE_SENDS {
        return Duration::zero();
    }
    let doublings = u32::try_from(sent - FREE_SENDS - 1).unwrap_or(0).min(10);
    (Duration::minutes(1) * 2i32.pow(doublings)).min(CODE_TTL)
}

/// The wait after the `failures`-th wrong code for one address: none for the first
/// [`FREE_FAILURES`], then 30 seconds doubling up to [`MAX_BACKOFF`].
pub(crate) fn failure_backoff(failures: i32) -> Duration {
    if failures <= FREE_FAILURES {
        return Duration::zero();
    }
    let doublings = u32::try_from(failures - FREE_FAILURES - 1)
        .unwrap_or(0)
        .min(12);
    (Duration::seconds(30) * 2i32.pow(doublings)).min(MAX_BACKOFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_stop_at_their_caps() {
        assert_eq!(send_cooldown(3), Duration::zero());
        assert_eq!(send_cooldown(4), Duration::minutes(1));
        assert_eq!(send_cooldown(6), Duration::minutes(4));
        assert_eq!(send_cooldown(60), CODE_TTL);
        assert_eq!(failure_backoff(10), Duration::zero());
        assert_eq!(failure_backoff(11), Duration::seconds(30));
        assert_eq!(failure_backoff(13), Duration::minutes(2));
        assert_eq!(failure_backoff(1_000), MAX_BACKOFF);
    }
}
