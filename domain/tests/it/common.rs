//! Helpers shared by the deadline test files.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses some of them

use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    JurisdictionCode, RequestKind,
    deadline::{Milestones, Policy, compute},
};

/// A jurisdiction code that must parse.
pub fn j(code: &str) -> JurisdictionCode {
    JurisdictionCode::parse(code).unwrap()
}

/// A `YYYY-MM-DD` date.
pub fn d(date: &str) -> NaiveDate {
    date.parse().unwrap()
}

/// 10:00 UTC on `date`: the same local date in every zone the tests use.
pub fn received(date: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("{date}T10:00:00Z"))
        .unwrap()
        .to_utc()
}

/// The milestones of a request received on `date` with no clock events, under `policy`.
pub fn run_with(code: &str, kind: RequestKind, date: &str, policy: &Policy) -> Milestones {
    compute(&j(code), kind, received(date), &[], policy).unwrap()
}
