//! Legal's reports against counts made by hand: the §7102 metrics (a request received late on
//! 31 December in California counts in that year, one received just after midnight in the
//! next), the dashboard (due counts, on-time rates, days, extensions, pauses), and the
//! deadline report's filters and pages.

use backend::testing::{Fixture, TestDb};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    DenialReason, ExtensionReason, PauseReason, RequestKind as K, RequestStatus as S,
    report::{CcpaCategory, DeadlineFilter, LegalRegime, Outcome, PauseUse},
};

pub(crate) fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub(crate) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn fx(kind: K, place: &'static str, received: &str, status: S, closed: Option<&str>) -> Fixture {
    Fixture::new(kind, place, received, status, closed)
}

/// The §7102 fixture, with each request's days worked out by hand in California's dates.
pub(crate) fn ccpa_fixtures() -> Vec<Fixture> {
    let mut denied_identity = fx(
        K::Correct,
        "US-CA",
        "2025-06-01 16:00",
        S::Denied,
        Some("2025-06-04 16:00"),
    );
    denied_identity.denial = Some(DenialReason::IdentityNotVerified); // 3 days
    let mut denied_exempt = fx(
        K::Delete,
        "US-CA",
        "2025-02-01 18:00",
        S::Denied,
        Some("2025-02-03 18:00"),
    );
    denied_exempt.denial = Some(DenialReason::LegalExemption); // 2 days
    // Received 20 Nov, extended, answered 10 Feb of the next year: 10 + 31 + 31 + 10 days.
    let mut extended = fx(
        K::Delete,
        "US-CA",
        "2025-11-20 18:00",
        S::Completed,
        Some("2026-02-10 18:00"),
    );
    extended.extended_on = Some(day("2025-12-01"));
    vec![
        fx(
            K::Access,
            "US-CA",
            "2025-03-10 17:00",
            S::Completed,
            Some("2025-03-20 17:00"),
        ), // 10
        // 22:30 on 31 December in California (06:30 UTC on 1 January): counted in 2025;
        // answered 5 January, 5 days.
        fx(
            K::Export,
            "US-CA",
            "2026-01-01 06:30",
            S::Completed,
            Some("2026-01-05 20:00"),
        ),
        // 00:30 on 1 January in California: 2026's.
        fx(
            K::Delete,
            "US-CA",
            "2026-01-01 08:30",
            S::Completed,
            Some("2026-01-02 18:00"),
        ),
        denied_identity,
        extended,
        fx(
            K::Access,
            "US-CA",
            "2025-09-01 18:00",
            S::Canceled,
            Some("2025-09-02 18:00"),
        ),
        fx(
            K::OptOutSale,
            "US-CA",
            "2025-12-31 12:00",
            S::InProgress,
            None,
        ),
        // Not a §7102 category, and not California's.
        fx(
            K::OptOutTraining,
            "US-CA",
            "2025-05-05 18:00",
            S::Completed,
            Some("2025-05-05 18:00"),
        ),
        fx(
            K::Access,
            "DE",
            "2025-04-01 10:00",
            S::Completed,
            Some("2025-04-05 10:00"),
        ),
        denied_exempt,
        // 23:59 on 31 December 2024 in California: 2024's; answered 10 January, 10 days.
        fx(
            K::Access,
            "US-CA",
            "2025-01-01 07:59",
            S::Completed,
            Some("2025-01-10 18:00"),
        ),
        // 15 July to 10 August: 16 + 10 days.
        fx(
            K::Access,
            "US-CA",
            "2025-07-15 18:00",
            S::Completed,
            Some("2025-08-10 18:00"),
        ),
    ]
}

async fn ccpa_metrics_match_counts_made_by_hand(t: TestDb) {
    let (backend, _) = t.backend();
    for f in ccpa_fixtures() {
        backend.insert_fixture(&f).await;
    }
    let report = backend.ccpa_report(2025).await.unwrap();
    let row = |c: CcpaCategory| {
        report
            .rows
            .iter()
            .find(|r| r.category == c)
            .unwrap()
            .clone()
    };
    let know = row(CcpaCategory::Know);
    assert_eq!(
        (
            know.received,
            know.complied,
            know.denied,
            know.withdrawn,
            know.pending
        ),
        (4, 3, 0, 1, 0)
    );
    assert_eq!((know.days.median(), know.days.answered()), (Some(10.0), 3));
    assert!((know.days.mean().unwrap() - 41.0 / 3.0).abs() < 1e-9);
    let delete = row(CcpaCategory::Delete);
    assert_eq!((delete.received, delete.complied, delete.denied), (2, 1, 1));
    assert!(
        delete
            .denied_by_reason
            .contains(&(DenialReason::LegalExemption, 1))
    );
    assert_eq!(
        (delete.days.median(), delete.days.mean()),
        (Some(42.0), Some(42.0))
    );
    let correct = row(CcpaCategory::Correct);
    assert_eq!(
        (correct.received, correct.denied, correct.days.median()),
        (1, 1, Some(3.0))
    );
    assert!(
        correct
            .denied_by_reason
            .contains(&(DenialReason::IdentityNotVerified, 1))
    );
    let opt_out = row(CcpaCategory::OptOut);
    assert_eq!(
        (opt_out.received, opt_out.pending, opt_out.days.median()),
        (1, 1, None)
    );
    assert_eq!(row(CcpaCategory::Limit).received, 0);
    let csv = report.csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "year,category,received,complied_in_whole_or_part,denied,denied_identity_not_verified,\
         denied_unfounded_or_excessive,denied_legal_exemption,denied_not_covered,denied_other,\
         withdrawn,pending,answered,median_days,mean_days"
    );
    assert_eq!(lines[1], "2025,know,4,3,0,0,0,0,0,0,1,0,3,10.0,13.7");
    assert_eq!(lines[2], "2025,delete,2,1,1,0,0,1,0,0,0,0,2,42.0,42.0");
    assert_eq!(lines.len(), 6);

    let next = backend.ccpa_report(2026).await.unwrap();
    let delete = next
        .rows
        .iter()
        .find(|r| r.category == CcpaCategory::Delete)
        .unwrap();
    assert_eq!((delete.received, delete.days.median()), (1, Some(1.0)));
    assert_eq!(next.rows.iter().map(|r| r.received).sum::<u64>(), 1);
    let before = backend.ccpa_report(2024).await.unwrap();
    let know = before
        .rows
        .iter()
        .find(|r| r.category == CcpaCategory::Know)
        .unwrap();
    assert_eq!((know.received, know.days.median()), (1, Some(10.0)));
}

/// The dashboard's fixture, seen at 2026-03-15T12:00Z; what each request counts as is noted.
fn dashboard_fixtures() -> Vec<Fixture> {
    // UK: received 1 Dec, paused 7 days, extended; due by 9 March 2026 at the latest; open.
    let mut uk = fx(K::Delete, "GB", "2025-12-01 10:00", S::InProgress, None);
    uk.paused = Some((
        day("2025-12-05"),
        day("2025-12-12"),
        PauseReason::IdentityCheck,
    ));
    uk.extended_on = Some(day("2025-12-20"));
    let mut denied = fx(
        K::Access,
        "US-CA",
        "2025-05-01 18:00",
        S::Denied,
        Some("2025-05-03 18:00"),
    );
    denied.extended_on = Some(day("2025-05-02"));
    vec![
        // Due 24 Feb, answered 20 Jan: on time, 10 days.
        fx(
            K::Access,
            "US-CA",
            "2026-01-10 18:00",
            S::Completed,
            Some("2026-01-20 18:00"),
        ),
        // Due 5 Feb (GDPR, one month), answered 10 Feb: late, 36 days.
        fx(
            K::Access,
            "DE",
            "2026-01-05 10:00",
            S::Completed,
            Some("2026-02-10 10:00"),
        ),
        uk, // overdue
        // Due 15 March 23:59 PDT (06:59 UTC on the 16th): within 24 hours, waiting: at risk.
        fx(K::Access, "US-CA", "2026-01-29 18:00", S::Verified, None),
        // Due 17 March: within 3 days but being carried out: not at risk.
        fx(K::Correct, "US-CA", "2026-01-31 18:00", S::InProgress, None),
        // Due 20 March: within the week.
        fx(
            K::Delete,
            "US-CA",
            "2026-02-03 18:00",
            S::PendingApproval,
            None,
        ),
        // Due in April: open, counted nowhere yet.
        fx(K::Access, "US-CA", "2026-03-01 18:00", S::InProgress, None),
        // Before the twelve months.
        fx(
            K::Export,
            "US-CA",
            "2025-03-20 18:00",
            S::Completed,
            Some("2025-03-21 18:00"),
        ),
        fx(
            K::Delete,
            "US-CA",
            "2025-06-10 18:00",
            S::Canceled,
            Some("2025-06-11 18:00"),
        ),
        denied, // on time, 2 days, extended
    ]
}

async fn dashboard_matches_counts_made_by_hand(t: TestDb) {
    let (backend, clock) = t.backend();
    for f in dashboard_fixtures() {
        backend.insert_fixture(&f).await;
    }
    clock.set(at("2026-03-15T12:00:00Z"));
    let board = backend.deadline_dashboard().await.unwrap();
    assert_eq!(
        (board.from, board.to),
        (day("2025-04-01"), day("2026-04-01"))
    );
    let due = &board.due;
    assert_eq!(
        (due.overdue, due.today, due.week, due.at_risk),
        (1, 1, 3, 1)
    );
    let months: Vec<(&str, u64, u64)> = board
        .by_month
        .iter()
        .filter(|m| m.met + m.missed > 0)
        .map(|m| (m.key.as_str(), m.met, m.missed))
        .collect();
    assert_eq!(
        months,
        vec![("2025-05", 1, 0), ("2025-12", 0, 1), ("2026-01", 1, 1)]
    );
    assert_eq!(board.by_month.len(), 12);
    let regime = |r: LegalRegime| {
        let rate = board.by_regime.iter().find(|x| x.key == r).unwrap();
        (rate.met, rate.missed)
    };
    assert_eq!(regime(LegalRegime::Ccpa), (2, 0));
    assert_eq!(regime(LegalRegime::Gdpr), (0, 1));
    assert_eq!(regime(LegalRegime::UkGdpr), (0, 1));
    let access = board.by_kind.iter().find(|x| x.key == K::Access).unwrap();
    assert_eq!(
        (access.met, access.missed, access.per_mille()),
        (2, 1, Some(667))
    );
    assert_eq!(
        (
            board.days.answered(),
            board.days.median(),
            board.days.mean()
        ),
        (3, Some(10.0), Some(16.0))
    );
    let ccpa_days = &board
        .days_by_regime
        .iter()
        .find(|(r, _)| *r == LegalRegime::Ccpa)
        .unwrap()
        .1;
    assert_eq!(
        (ccpa_days.median(), ccpa_days.mean()),
        (Some(6.0), Some(6.0))
    );
    assert_eq!(board.extensions, vec![(Some(ExtensionReason::Complex), 2)]);
    let paused = PauseUse {
        requests: 1,
        pauses: 1,
        days: 7,
    };
    assert_eq!(
        board.pauses,
        vec![(Some(PauseReason::IdentityCheck), paused)]
    );
}

async fn the_deadline_report_filters_and_pages(t: TestDb) {
    let (backend, clock) = t.backend();
    for f in ccpa_fixtures() {
        backend.insert_fixture(&f).await;
    }
    clock.set(at("2026-06-01T00:00:00Z"));
    let now = backend.now();
    let all = |filter: DeadlineFilter| {
        let backend = backend.clone();
        async move {
            let (mut rows, mut after) = (Vec::new(), None);
            loop {
                let page = backend
                    .deadline_report_page(&filter, after, 3, now)
                    .await
                    .unwrap();
                rows.extend(page.rows);
                match page.next {
                    Some(next) => after = Some(next),
                    None => return rows,
                }
            }
        }
    };
    let rows = all(DeadlineFilter::default()).await;
    assert_eq!(rows.len(), 12);
    assert!(
        rows.windows(2)
            .all(|w| w[0].received_at <= w[1].received_at)
    );
    let gdpr = all(DeadlineFilter::parse(Some("gdpr"), None, None, None, None).unwrap()).await;
    assert_eq!(gdpr.len(), 1);
    assert_eq!(
        (gdpr[0].jurisdiction.as_str(), gdpr[0].response_days),
        ("DE", Some(4))
    );
    let filter = DeadlineFilter::parse(
        None,
        Some("delete"),
        Some("2025-01-01"),
        Some("2025-12-31"),
        None,
    )
    .unwrap();
    let deletes = all(filter).await;
    assert_eq!(deletes.len(), 2);
    assert!(
        deletes
            .iter()
            .any(|r| r.extended && r.extension_reason == Some(ExtensionReason::Complex))
    );
    let open = all(DeadlineFilter::parse(None, None, None, None, Some("overdue")).unwrap()).await;
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].kind, open[0].outcome),
        (K::OptOutSale, Outcome::Overdue)
    );
    let canceled =
        all(DeadlineFilter::parse(None, None, None, None, Some("canceled")).unwrap()).await;
    assert_eq!(canceled.len(), 1);
    assert!(DeadlineFilter::parse(Some("mars"), None, None, None, None).is_err());
    assert!(
        DeadlineFilter::parse(None, None, Some("2025-02-01"), Some("2025-01-01"), None).is_err()
    );
    assert!(DeadlineFilter::parse(None, None, Some("1 May"), None, None).is_err());
}

backend::db_tests!(
    ccpa_metrics_match_counts_made_by_hand,
    dashboard_matches_counts_made_by_hand,
    the_deadline_report_filters_and_pages,
);
