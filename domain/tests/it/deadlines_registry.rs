//! The jurisdiction registry, the holiday data, the default policy and the JSON shape.

use crate::common;

use common::{d, j, received, run_with};

use domain::{
    JurisdictionCode, RequestKind, ValidationError,
    deadline::{DeadlineError, Milestones, Policy, compute, is_working_day},
};

fn run(code: &str, kind: RequestKind, date: &str) -> Milestones {
    run_with(code, kind, date, &Policy::default())
}

const EEA: [(&str, &str); 30] = [
    ("AT", "Europe/Vienna"),
    ("BE", "Europe/Brussels"),
    ("BG", "Europe/Sofia"),
    ("HR", "Europe/Zagreb"),
    ("CY", "Asia/Nicosia"),
    ("CZ", "Europe/Prague"),
    ("DK", "Europe/Copenhagen"),
    ("EE", "Europe/Tallinn"),
    ("FI", "Europe/Helsinki"),
    ("FR", "Europe/Paris"),
    ("DE", "Europe/Berlin"),
    ("GR", "Europe/Athens"),
    ("HU", "Europe/Budapest"),
    ("IE", "Europe/Dublin"),
    ("IT", "Europe/Rome"),
    ("LV", "Europe/Riga"),
    ("LT", "Europe/Vilnius"),
    ("LU", "Europe/Luxembourg"),
    ("MT", "Europe/Malta"),
    ("NL", "Europe/Amsterdam"),
    ("PL", "Europe/Warsaw"),
    ("PT", "Europe/Lisbon"),
    ("RO", "Europe/Bucharest"),
    ("SK", "Europe/Bratislava"),
    ("SI", "Europe/Ljubljana"),
    ("ES", "Europe/Madrid"),
    ("SE", "Europe/Stockholm"),
    ("IS", "Atlantic/Reykjavik"),
    ("LI", "Europe/Vaduz"),
    ("NO", "Europe/Oslo"),
];

#[test]
fn every_eu_and_eea_state_is_gdpr_in_its_capitals_zone() {
    for (code, zone) in EEA {
        let m = run(code, RequestKind::Export, "2025-03-05");
        assert_eq!((m.regime, m.time_zone), ("GDPR", zone), "{code}");
        assert!(
            m.trail[1].contains("public holidays of"),
            "{code}: {:?}",
            m.trail
        );
        // Christmas Day is a public holiday in all of them.
        assert!(!is_working_day(&j(code), d("2025-12-25")), "{code}");
    }
    let m = run("DE-BY", RequestKind::Access, "2025-03-05");
    assert_eq!((m.regime, m.time_zone), ("GDPR", "Europe/Berlin"));
    assert!(m.trail[1].starts_with("reading of DE-BY: a subdivision of an EU/EEA member state"));
}

#[test]
fn uk_nations_use_their_own_bank_holidays() {
    for code in ["GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR", "GB", "GB-LND"] {
        let m = run(code, RequestKind::Access, "2025-03-05");
        assert_eq!(
            (m.regime, m.time_zone),
            ("UK GDPR", "Europe/London"),
            "{code}"
        );
    }
    let easter_monday = d("2025-04-21");
    assert!(!is_working_day(&j("GB-ENG"), easter_monday));
    assert!(!is_working_day(&j("GB-WLS"), easter_monday));
    assert!(!is_working_day(&j("GB-NIR"), easter_monday));
    assert!(
        is_working_day(&j("GB-SCT"), easter_monday),
        "not a bank holiday in Scotland"
    );
    assert!(
        is_working_day(&j("GB"), easter_monday),
        "the nation is unknown: the earliest"
    );
    assert!(
        !is_working_day(&j("GB-NIR"), d("2025-03-17")),
        "St Patrick's Day"
    );
    assert!(is_working_day(&j("GB-ENG"), d("2025-03-17")));
}

#[test]
fn holiday_data_spot_checks() {
    let off = |code: &str, date: &str| !is_working_day(&j(code), d(date));
    assert!(off("GB-ENG", "2024-12-25") && off("GB-ENG", "2024-12-26"));
    assert!(off("GB-SCT", "2025-12-01"), "St Andrew's Day substitute");
    assert!(!off("GB-ENG", "2025-12-01"));
    assert!(off("GB-SCT", "2025-01-02") && !off("GB-ENG", "2025-01-02"));
    assert!(
        off("GB-ENG", "2027-12-27") && off("GB-ENG", "2027-12-28"),
        "substitute days"
    );
    assert!(off("US-CA", "2024-07-04") && off("US-CA", "2023-07-04"));
    assert!(off("US-CA", "2021-07-05"), "observed");
    assert!(off("US-CA", "2021-12-31"), "New Year's Day 2022 observed");
    assert!(off("US-CA", "2025-06-19") && off("US-CA", "2025-11-27"));
    assert!(off("DE", "2025-10-03"), "German Unity Day");
    assert!(off("FR", "2025-04-21"), "Easter Monday");
    assert!(off("FR", "2025-07-14") && off("IE", "2025-03-17") && off("ES", "2025-12-08"));
    assert!(!off("DE", "2025-10-02") && !off("FR", "2025-04-22"));
    assert!(
        off("GB-ENG", "2015-01-01") && off("GB-ENG", "2045-12-25"),
        "2015–2045"
    );
    assert!(off("DE", "2025-03-08"), "a Saturday");
    assert!(
        !off("US-VA", "2025-07-04") && off("US-VA", "2025-07-05"),
        "no calendar: weekends"
    );
}

#[test]
fn us_states_follow_the_table() {
    let table = [
        ("US-VA", "VCDPA", "America/New_York", 45, Some(60)),
        ("US-TX", "TDPSA", "America/Chicago", 45, Some(60)),
        ("US-UT", "UCPA", "America/Denver", 45, None),
        (
            "US-IN",
            "INCDPA",
            "America/Indiana/Indianapolis",
            45,
            Some(60),
        ),
        ("US-CO", "CPA", "America/Denver", 45, Some(45)),
        ("US-OR", "OCPA", "America/Los_Angeles", 45, Some(45)),
        ("US-MN", "MNCDPA", "America/Chicago", 45, Some(45)),
        ("US-IA", "ICDPA", "America/Chicago", 90, Some(60)),
        ("US-RI", "RIDTPPA", "America/New_York", 45, Some(60)),
    ];
    let start = d("2025-06-30");
    for (code, act, zone, respond, appeal) in table {
        let m = run(code, RequestKind::Delete, "2025-06-30");
        assert_eq!(
            (m.regime, m.time_zone, m.acknowledge_by),
            (act, zone, None),
            "{code}"
        );
        let days = |m: Option<domain::deadline::Milestone>| (m.unwrap().date - start).num_days();
        assert_eq!(days(m.respond_by), respond, "{code}");
        assert_eq!(days(m.extended_respond_by), respond + 45, "{code}");
        assert_eq!(m.extension_notice_by, m.respond_by);
        let policy = Policy::default();
        match (
            appeal,
            compute(
                &j(code),
                RequestKind::Appeal,
                received("2025-06-30"),
                &[],
                &policy,
            ),
        ) {
            (Some(n), Ok(m)) => {
                assert_eq!(
                    (days(m.respond_by), m.extended_respond_by),
                    (n, None),
                    "{code}"
                );
            }
            (None, Err(err)) => {
                assert_eq!(ValidationError::from(err).code, "deadline.kind_unavailable");
            }
            (_, other) => panic!("{code}: {other:?}"),
        }
    }
}

#[test]
fn other_regimes() {
    let m = run("BR", RequestKind::Access, "2025-06-30");
    assert_eq!((m.regime, m.time_zone), ("LGPD", "America/Sao_Paulo"));
    assert_eq!(
        (m.respond_by.unwrap().date, m.extended_respond_by),
        (d("2025-07-15"), None)
    );
    let m = run("CA", RequestKind::Access, "2025-06-30");
    assert_eq!((m.regime, m.time_zone), ("PIPEDA", "America/Toronto"));
    assert_eq!(m.respond_by.unwrap().date, d("2025-07-30"));
    assert_eq!(m.extended_respond_by.unwrap().date, d("2025-08-29"));
    let m = run("CA-QC", RequestKind::Delete, "2025-06-30");
    assert_eq!(
        (m.regime, m.respond_by.unwrap().date),
        ("Law 25", d("2025-07-30"))
    );
    assert!(m.trail.iter().any(|s| s.starts_with("decision: ")));
    for code in ["DE", "GB-ENG", "US-CA", "BR", "CA", "CA-QC"] {
        let err = compute(
            &j(code),
            RequestKind::Appeal,
            received("2025-06-30"),
            &[],
            &Policy::default(),
        );
        assert!(
            matches!(err, Err(DeadlineError::KindUnavailable { .. })),
            "{code}"
        );
    }
}

#[test]
fn unknown_codes_get_the_default_policy() {
    let m = run("JP", RequestKind::Appeal, "2025-06-30");
    assert_eq!((m.regime, m.time_zone), ("default", "UTC"));
    assert_eq!(
        m.respond_by.unwrap().to_string(),
        "2025-07-30T23:59:59+00:00"
    );
    assert!(
        m.trail[0].contains("no statutory deadline"),
        "{:?}",
        m.trail
    );
    let policy = Policy {
        default_days: 10,
        ..Policy::default()
    };
    let m = run_with("US-NY", RequestKind::Access, "2025-06-30", &policy);
    assert_eq!(
        (m.regime, m.respond_by.unwrap().date),
        ("default", d("2025-07-10"))
    );
    assert!(
        JurisdictionCode::parse("USA-NY").is_err(),
        "malformed codes never get this far"
    );
}
