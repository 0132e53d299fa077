//! Requests carry their legal milestones; clock events recompute them and are audited.

use backend::{Error, audit::ChainCheck, testing::TestDb};
use chrono::{Datelike, NaiveDate, Weekday};
use domain::{Actor, ExtensionReason, JurisdictionCode, RequestKind, deadline::ClockEvent};

async fn a_request_is_filed_with_its_milestones(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = backend
        .submit_request(ada, RequestKind::Delete)
        .await
        .unwrap();
    let m = backend.request_deadlines(id).await.unwrap();
    assert_eq!((m.regime, m.time_zone), ("CCPA", "America/Los_Angeles"));
    let respond = m.respond_by.unwrap().date;
    assert_eq!(respond - m.received_on, chrono::Duration::days(45));
    assert!(m.acknowledge_by.is_some() && !m.trail.is_empty());

    let overview = backend.privacy_overview(ada).await.unwrap();
    assert_eq!(
        overview.requests[0].due_on,
        Some(respond),
        "the portal shows the legal date"
    );
}

async fn the_persons_jurisdiction_picks_the_law(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    backend
        .set_subject_jurisdiction(ada, &JurisdictionCode::parse("GB-SCT").unwrap())
        .await
        .unwrap();
    let id = backend
        .submit_request(ada, RequestKind::Access)
        .await
        .unwrap();
    let m = backend.request_deadlines(id).await.unwrap();
    assert_eq!((m.regime, m.time_zone), ("UK GDPR", "Europe/London"));
    let due = m.respond_by.unwrap().date;
    assert!(!matches!(due.weekday(), Weekday::Sat | Weekday::Sun));
}

async fn a_pause_moves_the_dates_and_is_audited(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    backend
        .set_subject_jurisdiction(ada, &JurisdictionCode::parse("DE").unwrap())
        .await
        .unwrap();
    let id = backend
        .submit_request(ada, RequestKind::Access)
        .await
        .unwrap();
    let before = backend.request_deadlines(id).await.unwrap();
    let ChainCheck::Intact(entries) = backend.verify_audit_chain(id).await.unwrap() else {
        panic!("a new chain is intact")
    };
    let from = before.received_on + chrono::Duration::days(2);
    let to = from + chrono::Duration::days(10);
    let after = backend
        .apply_clock_event(id, ClockEvent::Pause { from, to }, None, Actor::Api)
        .await
        .unwrap();
    assert!(after.respond_by.unwrap().date > before.respond_by.unwrap().date);
    // Recomputed from the audit log, the same dates come back.
    assert_eq!(backend.request_deadlines(id).await.unwrap(), after);
    assert_eq!(
        backend.verify_audit_chain(id).await.unwrap(),
        ChainCheck::Intact(entries + 1)
    );
}

async fn refusals_change_nothing(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await; // US-CA by default
    let id = backend
        .submit_request(ada, RequestKind::Export)
        .await
        .unwrap();
    let before = backend.request_deadlines(id).await.unwrap();
    let chain = backend.verify_audit_chain(id).await.unwrap();
    let day = before.received_on + chrono::Duration::days(1);
    let pause = ClockEvent::Pause {
        from: day,
        to: day + chrono::Duration::days(3),
    };
    let err = backend
        .apply_clock_event(id, pause, None, Actor::Api)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Validation(ref v) if v.code == "deadline.pause_refused"),
        "{err:?}"
    );
    let late = ClockEvent::Extend {
        on: before.received_on + chrono::Duration::days(60),
    };
    let err = backend
        .apply_clock_event(id, late, Some(ExtensionReason::Complex), Actor::Api)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Validation(ref v) if v.code == "deadline.extension_late"),
        "{err:?}"
    );
    assert_eq!(backend.request_deadlines(id).await.unwrap(), before);
    assert_eq!(backend.verify_audit_chain(id).await.unwrap(), chain);
}

async fn an_extension_moves_the_due_date(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = backend
        .submit_request(ada, RequestKind::Access)
        .await
        .unwrap();
    let on = backend.request_deadlines(id).await.unwrap().received_on + chrono::Duration::days(5);
    let extend = ClockEvent::Extend { on };
    let unexplained = backend
        .apply_clock_event(id, extend, None, Actor::Api)
        .await;
    assert!(
        matches!(unexplained, Err(Error::Validation(ref v)) if v.code == "extension.reason"),
        "an extension needs its reason"
    );
    let reason = Some(ExtensionReason::Numerous);
    let m = backend
        .apply_clock_event(id, extend, reason, Actor::Api)
        .await
        .unwrap();
    let extended: NaiveDate = m.extended_respond_by.unwrap().date;
    assert_eq!(
        backend.privacy_overview(ada).await.unwrap().requests[0].due_on,
        Some(extended)
    );
    // The person is told the new date and why, by the queue.
    backend::jobs::Worker::new(backend.clone())
        .drain()
        .await
        .unwrap();
    let notice = mail_marked(&t, "extended").expect("the extension mailed");
    assert!(
        notice.contains(&format!("reply by: {extended}")),
        "{notice}"
    );
    assert!(notice.contains("reason: numerous"), "{notice}");
}

async fn an_appeal_without_a_right_to_appeal_is_refused(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await; // CCPA has no appeal right
    let fix = domain::Filing::correction("wrong", "right").unwrap();
    let denied = backend.submit(ada, &fix).await.unwrap();
    backend
        .deny_request(
            denied,
            domain::DenialReason::Other,
            "No.",
            domain::Actor::Api,
        )
        .await
        .unwrap();
    let err = backend
        .submit(ada, &domain::Filing::appeal(denied))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
}

backend::db_tests!(
    a_request_is_filed_with_its_milestones,
    the_persons_jurisdiction_picks_the_law,
    a_pause_moves_the_dates_and_is_audited,
    refusals_change_nothing,
    an_extension_moves_the_due_date,
    an_appeal_without_a_right_to_appeal_is_refused,
);

/// The text of the mail in the test's outbox marked as notice `name`.
fn mail_marked(t: &TestDb, name: &str) -> Option<String> {
    let marker = format!("X-Rightful-Notice: {name}");
    std::fs::read_dir(t.outbox())
        .ok()?
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .map(|text| text.replace("=\r\n", "").replace("=\n", ""))
        .find(|text| text.contains(&marker))
}
