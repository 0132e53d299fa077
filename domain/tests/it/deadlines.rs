//! The worked examples of docs/legal.md, one test per rule.

use crate::common;

use common::{d, j};

use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    RequestKind,
    deadline::{ClockEvent, Milestones, Policy, compute},
};

fn instant(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().to_utc()
}

/// A request received at 10:00 UTC on `date`, the same local date in every zone used here.
fn run(code: &str, kind: RequestKind, date: &str, events: &[ClockEvent]) -> Milestones {
    let received = instant(&format!("{date}T10:00:00Z"));
    compute(&j(code), kind, received, events, &Policy::default()).unwrap()
}

fn respond(code: &str, date: &str) -> NaiveDate {
    run(code, RequestKind::Access, date, &[])
        .respond_by
        .unwrap()
        .date
}

#[test]
fn edpb_examples() {
    assert_eq!(respond("DE", "2024-03-05"), d("2024-04-05"));
    assert_eq!(respond("DE", "2025-08-31"), d("2025-09-30"));
    assert_eq!(
        respond("FR", "2025-03-05"),
        d("2025-04-07"),
        "5 April 2025 is a Saturday"
    );
}

#[test]
fn ico_examples() {
    assert_eq!(respond("GB-ENG", "2024-09-03"), d("2024-10-03"));
    assert_eq!(
        respond("GB-ENG", "2024-01-01"),
        d("2024-02-01"),
        "1 Jan is a bank holiday"
    );
    assert_eq!(
        respond("GB-ENG", "2024-11-25"),
        d("2024-12-27"),
        "Christmas and Boxing Day"
    );
    assert_eq!(respond("GB-ENG", "2025-01-31"), d("2025-02-28"));
    assert_eq!(
        respond("GB-ENG", "2024-01-31"),
        d("2024-02-29"),
        "leap year"
    );
    assert_eq!(
        respond("GB-ENG", "2026-01-31"),
        d("2026-03-02"),
        "28 Feb 2026 is a Saturday"
    );
    assert_eq!(
        respond("GB-ENG", "2021-01-31"),
        d("2021-03-01"),
        "28 Feb 2021 is a Sunday"
    );
    assert_eq!(respond("GB-ENG", "2025-03-31"), d("2025-04-30"));
}

#[test]
fn extension_is_three_months_from_the_start_and_noticed_within_the_first() {
    let m = run("GB-ENG", RequestKind::Access, "2024-09-03", &[]);
    assert_eq!(m.extended_respond_by.unwrap().date, d("2024-12-03"));
    assert_eq!(m.extension_notice_by.unwrap().date, d("2024-10-03"));
    assert!(!m.extended);
    let m = run("GB-ENG", RequestKind::Access, "2024-11-30", &[]);
    assert_eq!(
        m.extended_respond_by.unwrap().date,
        d("2025-02-28"),
        "clamped to February"
    );
    assert!(
        m.trail
            .iter()
            .any(|s| s.starts_with("alternative reading: two months after"))
    );
}

#[test]
fn receipt_date_is_the_local_date_in_the_legal_time_zone() {
    let received = instant("2025-12-31T22:30:00-08:00");
    let m = compute(
        &j("US-CA"),
        RequestKind::Access,
        received,
        &[],
        &Policy::default(),
    )
    .unwrap();
    assert_eq!(m.received_on, d("2025-12-31"));
    assert_eq!(m.time_zone, "America/Los_Angeles");
    assert_eq!(m.respond_by.unwrap().date, d("2026-02-14"));
}

#[test]
fn deadlines_end_at_23_59_59_with_the_offset_of_their_date() {
    let m = run("GB-ENG", RequestKind::Access, "2025-03-29", &[]);
    assert_eq!(m.received_on, d("2025-03-29"));
    assert_eq!(
        m.respond_by.unwrap().to_string(),
        "2025-04-29T23:59:59+01:00"
    );
    let m = run("GB-ENG", RequestKind::Access, "2025-01-31", &[]);
    assert_eq!(
        m.respond_by.unwrap().to_string(),
        "2025-02-28T23:59:59+00:00"
    );
    assert_eq!(
        m.trail[2],
        "received 2025-01-31 (Europe/London); the day of receipt is not counted"
    );
    assert!(m.trail.contains(
        &"+1 month → 2025-02-28 (month-end clamp, ICO guidance; Reg 1182/71 Art 3(2)(c))".into()
    ));
}

#[test]
fn rolls_are_explained_in_the_trail() {
    let m = run("DE", RequestKind::Delete, "2026-01-31", &[]);
    assert!(
        m.trail.contains(
            &"2026-02-28 is a Saturday; 2026-03-01 is a Sunday: rolled to 2026-03-02, the next \
          working day (Reg 1182/71 Art 3(4))"
                .into()
        )
    );
    let m = run("GB-ENG", RequestKind::Access, "2024-11-25", &[]);
    assert!(m.trail.iter().any(|s| s.starts_with(
        "2024-12-25 is a public holiday (Christmas Day); 2024-12-26 is a public holiday (Boxing \
         Day): rolled to 2024-12-27"
    )));
}

#[test]
fn ccpa_know_delete_correct() {
    for kind in [
        RequestKind::Access,
        RequestKind::Export,
        RequestKind::Delete,
        RequestKind::Correct,
    ] {
        let m = run("US-CA", kind, "2025-06-30", &[]);
        assert_eq!(m.regime, "CCPA");
        assert_eq!(
            m.acknowledge_by.unwrap().date,
            d("2025-07-15"),
            "skips 4 July"
        );
        assert_eq!(m.respond_by.unwrap().date, d("2025-08-14"));
        assert_eq!(m.extension_notice_by.unwrap().date, d("2025-08-14"));
        assert_eq!(
            m.extended_respond_by.unwrap().date,
            d("2025-09-28"),
            "a Sunday: no roll"
        );
        assert_eq!(
            m.respond_by.unwrap().to_string(),
            "2025-08-14T23:59:59-07:00"
        );
    }
}

#[test]
fn ccpa_opt_outs_are_fifteen_business_days_without_extension() {
    for kind in [
        RequestKind::OptOutSale,
        RequestKind::LimitSensitive,
        RequestKind::OptOutTraining,
    ] {
        let m = run("US-CA", kind, "2025-06-30", &[]);
        assert_eq!(m.respond_by.unwrap().date, d("2025-07-22"), "{kind}");
        assert_eq!(
            (
                m.acknowledge_by,
                m.extended_respond_by,
                m.extension_notice_by
            ),
            (None, None, None)
        );
    }
    // 4 July 2021 was a Sunday, observed on Monday 5 July.
    let m = run("US-CA", RequestKind::Access, "2021-07-02", &[]);
    assert_eq!(m.acknowledge_by.unwrap().date, d("2021-07-19"));
    assert!(
        m.trail
            .iter()
            .any(|s| s.contains("2021-07-05 Independence Day (observed)"))
    );
}
