//! Why a deadline could not be computed, or a clock event was refused.

use chrono::NaiveDate;

use crate::{RequestKind, ValidationError};

/// Why [`compute`](super::compute) refused its input. Each message is one line, safe to show to
/// staff; [`ValidationError`] carries a stable code for each variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The regime gives no such right, so there is no deadline (e.g. an appeal under Utah's UCPA).
    #[error("{kind} is not available under {regime}: {reason}")]
    KindUnavailable {
        /// The regime, e.g. `UCPA`.
        regime: &'static str,
        /// The request kind asked for.
        kind: RequestKind,
        /// Why, with the source.
        reason: &'static str,
    },
    /// A pause of the clock where the regime has none.
    #[error("the clock cannot be paused under {regime}: {reason}")]
    PauseRefused {
        /// The regime, e.g. `CCPA`.
        regime: &'static str,
        /// Why, with the source.
        reason: &'static str,
    },
    /// A restart of the clock where the regime has none.
    #[error("the clock cannot be restarted under {regime}: {reason}")]
    RestartRefused {
        /// The regime, e.g. `GDPR`.
        regime: &'static str,
        /// Why, with the source.
        reason: &'static str,
    },
    /// An extension where the regime allows none for this kind.
    #[error("no extension is available for {kind} under {regime}: {reason}")]
    ExtensionUnavailable {
        /// The regime, e.g. `CCPA`.
        regime: &'static str,
        /// The request kind.
        kind: RequestKind,
        /// Why, with the source.
        reason: &'static str,
    },
    /// An extension noticed after the last day it could be.
    #[error("the extension on {on} is too late: the last allowed date was {last_allowed}")]
    ExtensionLate {
        /// When the extension was taken.
        on: NaiveDate,
        /// The last date the person could have been told (the extension-notice-by date).
        last_allowed: NaiveDate,
    },
    /// A pause that ends before it starts.
    #[error("the pause from {from} to {to} ends before it starts")]
    PauseReversed {
        /// The first day of the pause.
        from: NaiveDate,
        /// The day the clock was to resume.
        to: NaiveDate,
    },
    /// A pause that starts inside an earlier one.
    #[error("the pause from {from} starts before the previous pause ended on {previous_end}")]
    PauseOverlap {
        /// The first day of the later pause.
        from: NaiveDate,
        /// The day the previous pause ended.
        previous_end: NaiveDate,
    },
    /// A pause that starts after the deadline has already passed.
    #[error("the pause from {from} starts after the deadline of {deadline} had passed")]
    PauseAfterDeadline {
        /// The first day of the pause.
        from: NaiveDate,
        /// The deadline in force when the pause started.
        deadline: NaiveDate,
    },
    /// A clock event dated before the request was received.
    #[error("a clock event on {on} is before the receipt date {received_on}")]
    EventBeforeReceipt {
        /// The event's date.
        on: NaiveDate,
        /// The receipt date in the legal time zone.
        received_on: NaiveDate,
    },
    /// A date outside what the calendar can represent.
    #[error("the deadline falls outside the dates Rightful can represent")]
    OutOfRange,
}

impl DeadlineError {
    /// The stable machine-readable code, e.g. `deadline.extension_late`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::KindUnavailable { .. } => "deadline.kind_unavailable",
            Self::PauseRefused { .. } => "deadline.pause_refused",
            Self::RestartRefused { .. } => "deadline.restart_refused",
            Self::ExtensionUnavailable { .. } => "deadline.extension_unavailable",
            Self::ExtensionLate { .. } => "deadline.extension_late",
            Self::PauseReversed { .. } => "deadline.pause_reversed",
            Self::PauseOverlap { .. } => "deadline.pause_overlap",
            Self::PauseAfterDeadline { .. } => "deadline.pause_after_deadline",
            Self::EventBeforeReceipt { .. } => "deadline.event_before_receipt",
            Self::OutOfRange => "deadline.out_of_range",
        }
    }

    /// The input field the error is about: `kind`, `events` or `received`.
    pub fn field(&self) -> &'static str {
        match self {
            Self::KindUnavailable { .. } => "kind",
            Self::OutOfRange => "received",
            _ => "events",
        }
    }
}

impl From<DeadlineError> for ValidationError {
    fn from(error: DeadlineError) -> Self {
        ValidationError::new(error.field(), error.code(), error.to_string())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn converts_to_a_validation_error_naming_the_last_allowed_date() {
        let on = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        let last_allowed = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
        let error = ValidationError::from(DeadlineError::ExtensionLate { on, last_allowed });
        assert_eq!(
            (error.code, error.field),
            ("deadline.extension_late", "events")
        );
        assert_eq!(
            error.message,
            "the extension on 2025-03-04 is too late: the last allowed date was 2025-03-03"
        );
    }
}
