//! Clock events (pauses, restarts, extensions) and their refusals, deployment closures, and
//! the JSON shape of the milestones.

use crate::common;

use common::{d, j, received, run_with};

use domain::{
    RequestKind, ValidationError,
    deadline::{ClockEvent, DeadlineError, Milestones, Policy, compute},
};

/// A request received at 10:00 UTC on `date`, after `events`.
fn run(code: &str, kind: RequestKind, date: &str, events: &[ClockEvent]) -> Milestones {
    compute(&j(code), kind, received(date), events, &Policy::default()).unwrap()
}

fn refused(code: &str, kind: RequestKind, date: &str, events: &[ClockEvent]) -> DeadlineError {
    compute(&j(code), kind, received(date), events, &Policy::default()).unwrap_err()
}

#[test]
fn gdpr_pause_shifts_the_unrolled_dates_then_rolls() {
    let pause = [ClockEvent::Pause {
        from: d("2025-03-10"),
        to: d("2025-03-13"),
    }];
    let m = run("DE", RequestKind::Access, "2025-03-05", &pause);
    // Unpaused: 5 April 2025 (a Saturday) rolls to Monday 7 April.
    // Paused 3 days: 5 April + 3 = Tuesday 8 April (rolling first would give 10 April).
    assert_eq!(m.respond_by.unwrap().date, d("2025-04-08"));
    assert_eq!(m.extension_notice_by.unwrap().date, d("2025-04-08"));
    // 5 June + 3 = Sunday 8 June (Whit Sunday), Whit Monday 9 June: Tuesday 10 June.
    assert_eq!(m.extended_respond_by.unwrap().date, d("2025-06-10"));
}

#[test]
fn uk_restart_runs_from_the_new_date_for_requests_from_5_february_2026() {
    let restart = [
        ClockEvent::Pause {
            from: d("2026-02-11"),
            to: d("2026-02-13"),
        },
        ClockEvent::Restart {
            on: d("2026-02-20"),
        },
    ];
    let m = run("GB-SCT", RequestKind::Access, "2026-02-10", &restart);
    assert_eq!(m.respond_by.unwrap().date, d("2026-03-20"));
    assert_eq!(m.extended_respond_by.unwrap().date, d("2026-05-20"));
    assert!(
        m.trail
            .iter()
            .any(|s| s.contains("earlier pauses no longer count"))
    );
    let err = refused("GB-ENG", RequestKind::Access, "2026-02-04", &restart[1..]);
    assert!(
        matches!(
            err,
            DeadlineError::RestartRefused {
                regime: "UK GDPR",
                ..
            }
        ),
        "{err}"
    );
    let err = refused("DE", RequestKind::Access, "2026-02-10", &restart[1..]);
    assert_eq!(ValidationError::from(err).code, "deadline.restart_refused");
}

#[test]
fn pauses_are_refused_outside_gdpr_and_uk() {
    let pause = [ClockEvent::Pause {
        from: d("2025-07-01"),
        to: d("2025-07-03"),
    }];
    let err = refused("US-CA", RequestKind::Access, "2025-06-30", &pause);
    assert_eq!(
        err.to_string(),
        "the clock cannot be paused under CCPA: the clock starts at receipt regardless of time \
         required to verify (11 CCR §7021)"
    );
    assert_eq!(ValidationError::from(err).code, "deadline.pause_refused");
    for code in ["US-VA", "BR", "CA", "CA-QC", "JP"] {
        let err = refused(code, RequestKind::Access, "2025-06-30", &pause);
        assert!(
            matches!(err, DeadlineError::PauseRefused { .. }),
            "{code}: {err}"
        );
    }
}

#[test]
fn extensions_must_be_noticed_in_time_and_exist() {
    let late = [ClockEvent::Extend {
        on: d("2025-04-08"),
    }];
    let err = refused("DE", RequestKind::Access, "2025-03-05", &late);
    let last_allowed = d("2025-04-07");
    assert_eq!(
        err,
        DeadlineError::ExtensionLate {
            on: d("2025-04-08"),
            last_allowed
        }
    );
    let err = ValidationError::from(err);
    assert_eq!((err.code, err.field), ("deadline.extension_late", "events"));
    assert!(err.message.contains("2025-04-07"), "{}", err.message);

    let in_time = [ClockEvent::Extend {
        on: d("2025-04-07"),
    }];
    let m = run("DE", RequestKind::Access, "2025-03-05", &in_time);
    assert!(m.extended);
    assert_eq!(m.due().unwrap().date, d("2025-06-05"));

    let on = [ClockEvent::Extend {
        on: d("2025-07-01"),
    }];
    for (code, kind) in [
        ("US-CA", RequestKind::OptOutSale),
        ("CA-QC", RequestKind::Access),
    ] {
        let err = refused(code, kind, "2025-06-30", &on);
        assert_eq!(
            ValidationError::from(err).code,
            "deadline.extension_unavailable",
            "{code}"
        );
    }
    assert_eq!(
        ValidationError::from(refused("JP", RequestKind::Delete, "2025-06-30", &on)).code,
        "deadline.extension_unavailable"
    );
    let m = run("CA", RequestKind::Access, "2025-06-30", &on);
    assert_eq!(
        m.due().unwrap().date,
        d("2025-08-29"),
        "PIPEDA: 30 + 30 days"
    );
}

#[test]
fn events_are_validated() {
    let reversed = [ClockEvent::Pause {
        from: d("2025-03-12"),
        to: d("2025-03-10"),
    }];
    let err = refused("DE", RequestKind::Access, "2025-03-05", &reversed);
    assert_eq!(ValidationError::from(err).code, "deadline.pause_reversed");
    let early = [ClockEvent::Extend {
        on: d("2025-03-04"),
    }];
    let err = refused("DE", RequestKind::Access, "2025-03-05", &early);
    assert_eq!(
        err,
        DeadlineError::EventBeforeReceipt {
            on: d("2025-03-04"),
            received_on: d("2025-03-05")
        }
    );
    let overlap = [
        ClockEvent::Pause {
            from: d("2025-03-10"),
            to: d("2025-03-15"),
        },
        ClockEvent::Pause {
            from: d("2025-03-12"),
            to: d("2025-03-20"),
        },
    ];
    let err = refused("DE", RequestKind::Access, "2025-03-05", &overlap);
    assert_eq!(ValidationError::from(err).code, "deadline.pause_overlap");
    let after = [ClockEvent::Pause {
        from: d("2025-04-08"),
        to: d("2025-04-10"),
    }];
    let err = refused("DE", RequestKind::Access, "2025-03-05", &after);
    assert_eq!(
        err,
        DeadlineError::PauseAfterDeadline {
            from: d("2025-04-08"),
            deadline: d("2025-04-07")
        }
    );
}

#[test]
fn deployment_closures_are_skipped() {
    let policy = Policy {
        extra_closures: vec![d("2025-04-07")],
        ..Policy::default()
    };
    let m = run_with("FR", RequestKind::Access, "2025-03-05", &policy);
    assert_eq!(m.respond_by.unwrap().date, d("2025-04-08"));
    assert!(
        m.trail
            .iter()
            .any(|s| s.contains("2025-04-07 is a closure day of this deployment"))
    );
    let policy = Policy {
        extra_closures: vec![d("2025-07-01")],
        ..Policy::default()
    };
    let m = run_with("US-CA", RequestKind::Access, "2025-06-30", &policy);
    assert_eq!(m.acknowledge_by.unwrap().date, d("2025-07-16"));
}

#[test]
fn serializes_with_the_agreed_keys() {
    let events = [ClockEvent::Extend {
        on: d("2025-04-01"),
    }];
    let m = compute(
        &j("gb-eng"),
        RequestKind::Access,
        received("2025-03-29"),
        &events,
        &Policy::default(),
    )
    .unwrap();
    let json = serde_json::to_value(&m).unwrap();
    let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    let mut expected = [
        "jurisdiction",
        "regime",
        "kind",
        "time_zone",
        "received_on",
        "acknowledge_by",
        "respond_by",
        "extension_notice_by",
        "extended_respond_by",
        "extended",
        "trail",
    ];
    let mut keys = keys;
    keys.sort();
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(json["jurisdiction"], "GB-ENG");
    assert_eq!(json["kind"], "access");
    assert_eq!(json["received_on"], "2025-03-29");
    assert_eq!(json["acknowledge_by"], serde_json::Value::Null);
    assert_eq!(json["respond_by"], "2025-04-29T23:59:59+01:00");
    assert_eq!(json["extension_notice_by"], "2025-04-29T23:59:59+01:00");
    assert_eq!(json["extended_respond_by"], "2025-06-30T23:59:59+01:00");
    assert_eq!(json["extended"], true);
    assert!(json["trail"].as_array().unwrap().len() >= 8);
    let event: ClockEvent =
        serde_json::from_str(r#"{"type":"pause","from":"2025-01-02","to":"2025-01-05"}"#).unwrap();
    assert_eq!(
        event,
        ClockEvent::Pause {
            from: d("2025-01-02"),
            to: d("2025-01-05")
        }
    );
}
