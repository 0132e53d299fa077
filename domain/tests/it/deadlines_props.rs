//! Properties of the deadline engine over random jurisdictions, kinds and instants.

use chrono::{DateTime, Offset, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use domain::{
    JurisdictionCode, RequestKind,
    deadline::{ClockEvent, DeadlineError, Milestone, Milestones, Policy, compute, is_working_day},
};
use proptest::prelude::*;

const CODES: &[&str] = &[
    "DE", "FR", "IE", "PT", "FI", "CY", "IS", "NO", "LI", "MT", "RO", "GR", "NL", "ES", "SE",
    "GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR", "GB", "US-CA", "US-VA", "US-CO", "US-IA", "US-UT",
    "US-IN", "US-OR", "CA", "CA-QC", "BR", "JP", "US-NY", "DE-BY",
];

/// 2015-01-01T00:00:00Z to 2045-06-30T00:00:00Z.
const FROM: i64 = 1_420_070_400;
const TO: i64 = 2_382_393_600;

fn code() -> impl Strategy<Value = &'static str> {
    prop::sample::select(CODES)
}

fn kind() -> impl Strategy<Value = RequestKind> {
    prop::sample::select(RequestKind::ALL)
}

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(seconds, 0).unwrap()
}

/// `None` where the kind has no deadline in that jurisdiction (an appeal without a right).
fn milestones(code: &str, kind: RequestKind, received: DateTime<Utc>) -> Option<Milestones> {
    let j = JurisdictionCode::parse(code).unwrap();
    match compute(&j, kind, received, &[], &Policy::default()) {
        Ok(m) => Some(m),
        Err(DeadlineError::KindUnavailable { .. }) => None,
        Err(other) => panic!("{code} {kind} {received}: {other}"),
    }
}

fn all(m: &Milestones) -> impl Iterator<Item = Milestone> + '_ {
    [
        m.acknowledge_by,
        m.respond_by,
        m.extension_notice_by,
        m.extended_respond_by,
    ]
    .into_iter()
    .flatten()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_milestone_before_receipt(code in code(), kind in kind(), s in FROM..TO) {
        if let Some(m) = milestones(code, kind, at(s)) {
            prop_assert!(m.respond_by.is_some());
            for milestone in all(&m) {
                prop_assert!(milestone.date >= m.received_on, "{m:?}");
            }
        }
    }

    #[test]
    fn gdpr_and_uk_deadlines_are_working_days(code in code(), kind in kind(), s in FROM..TO) {
        let j = JurisdictionCode::parse(code).unwrap();
        if let Some(m) = milestones(code, kind, at(s)).filter(|m| m.regime.ends_with("GDPR")) {
            prop_assert!(is_working_day(&j, m.respond_by.unwrap().date), "{m:?}");
            prop_assert!(is_working_day(&j, m.extended_respond_by.unwrap().date), "{m:?}");
        }
    }

    #[test]
    fn extended_never_before_respond(code in code(), kind in kind(), s in FROM..TO) {
        if let Some(m) = milestones(code, kind, at(s))
            && let Some(extended) = m.extended_respond_by
        {
            prop_assert!(extended.date >= m.respond_by.unwrap().date, "{m:?}");
            prop_assert_eq!(m.extension_notice_by, m.respond_by);
        }
    }

    /// Excludes BR: before 2019 Brazil's clocks went back from 00:00 to 23:00, so a later
    /// instant could fall on an earlier local date.
    #[test]
    fn respond_by_never_decreases(
        code in code(),
        kind in kind(),
        s in FROM..TO,
        gap in 0i64..5_000_000,
    ) {
        prop_assume!(code != "BR");
        let (a, b) = (milestones(code, kind, at(s)), milestones(code, kind, at(s + gap)));
        if let (Some(a), Some(b)) = (a, b) {
            prop_assert!(a.respond_by.unwrap().date <= b.respond_by.unwrap().date, "{a:?} {b:?}");
        }
    }

    #[test]
    fn offsets_are_the_zones_on_each_date(code in code(), kind in kind(), s in FROM..TO) {
        if let Some(m) = milestones(code, kind, at(s)) {
            let tz: Tz = m.time_zone.parse().unwrap();
            prop_assert_eq!(at(s).with_timezone(&tz).date_naive(), m.received_on);
            for milestone in all(&m) {
                let end = milestone.end;
                prop_assert_eq!(end.date_naive(), milestone.date);
                prop_assert_eq!((end.hour(), end.minute(), end.second()), (23, 59, 59));
                let offset = tz.offset_from_utc_datetime(&end.naive_utc()).fix();
                prop_assert_eq!(offset, *end.offset(), "{}", milestone);
                let text = milestone.to_string();
                prop_assert_eq!(DateTime::parse_from_rfc3339(&text).unwrap(), end);
            }
        }
    }

    #[test]
    fn a_gdpr_pause_never_brings_a_deadline_forward(
        code in prop::sample::select(&["DE", "FR", "GB-ENG", "GB-SCT", "IE"][..]),
        s in FROM..TO,
        start in 0u64..20,
        length in 0u64..40,
    ) {
        let plain = milestones(code, RequestKind::Access, at(s)).unwrap();
        let from = plain.received_on + chrono::Days::new(start);
        let to = from + chrono::Days::new(length);
        let j = JurisdictionCode::parse(code).unwrap();
        let events = [ClockEvent::Pause { from, to }];
        let paused = compute(&j, RequestKind::Access, at(s), &events, &Policy::default()).unwrap();
        let (a, b) = (plain.respond_by.unwrap().date, paused.respond_by.unwrap().date);
        prop_assert!(b >= a && (b - a).num_days() <= length as i64 + 5, "{a} {b}");
    }
}

#[test]
fn dst_changes_in_london_and_los_angeles() {
    let m = milestones("GB-ENG", RequestKind::Access, at(1_740_787_200)).unwrap(); // 2025-03-01
    assert_eq!(
        m.respond_by.unwrap().to_string(),
        "2025-04-01T23:59:59+01:00"
    );
    let m = milestones("US-CA", RequestKind::Access, at(1_759_320_000)).unwrap(); // 2025-10-01
    assert_eq!(
        m.respond_by.unwrap().to_string(),
        "2025-11-15T23:59:59-08:00"
    );
    assert_eq!(
        m.acknowledge_by.unwrap().to_string(),
        "2025-10-16T23:59:59-07:00"
    );
}
