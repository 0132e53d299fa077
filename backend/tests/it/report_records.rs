//! What the lifecycle records for the reports (days to answer, an extension's reason, pauses),
//! a request's evidence bundle, and retention, after which last year's report is the same.

use std::io::Read;

use backend::{jobs::Worker, testing::TestDb};
use chrono::Duration;
use domain::{
    Actor, DenialReason, ExtensionReason, JurisdictionCode,
    deadline::ClockEvent,
    report::{CcpaCategory, DeadlineFilter, Outcome, PauseUse},
};
use serde_json::Value;

use crate::reports::{at, ccpa_fixtures, day};

async fn the_lifecycle_records_days_extensions_and_pauses(t: TestDb) {
    let (backend, clock) = t.backend();
    // 23:30 on 31 December in California.
    clock.set(at("2026-01-01T07:30:00Z"));
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let correction = domain::Filing::correction("My surname", "Lovelace").unwrap();
    let id = backend.submit(ada, &correction).await.unwrap();
    clock.set(at("2026-01-01T20:00:00Z"));
    let extend = ClockEvent::Extend {
        on: day("2026-01-01"),
    };
    backend
        .apply_clock_event(id, extend, Some(ExtensionReason::Numerous), Actor::Cli)
        .await
        .unwrap();
    clock.set(at("2026-01-02T20:00:00Z"));
    backend
        .deny_request(
            id,
            DenialReason::UnfoundedOrExcessive,
            "Asked twice this month.",
            Actor::Api,
        )
        .await
        .unwrap();
    let report = backend.ccpa_report(2025).await.unwrap();
    let correct = report
        .rows
        .iter()
        .find(|r| r.category == CcpaCategory::Correct)
        .unwrap();
    assert_eq!(
        (correct.received, correct.denied, correct.days.median()),
        (1, 1, Some(2.0))
    );
    let page = backend
        .deadline_report_page(&DeadlineFilter::default(), None, 10, backend.now())
        .await
        .unwrap();
    let row = &page.rows[0];
    assert_eq!(
        (row.response_days, row.extension_reason, row.outcome),
        (Some(2), Some(ExtensionReason::Numerous), Outcome::OnTime)
    );

    // A pause in Germany: counted, with its days.
    let grete = t.sign_in(&backend, "grete@example.com").await;
    let germany = JurisdictionCode::parse("DE").unwrap();
    backend
        .set_subject_jurisdiction(grete, &germany)
        .await
        .unwrap();
    let id = backend.submit(grete, &correction).await.unwrap();
    let pause = ClockEvent::Pause {
        from: day("2026-01-05"),
        to: day("2026-01-09"),
    };
    backend
        .apply_clock_event(id, pause, None, Actor::Cli)
        .await
        .unwrap();
    let board = backend.deadline_dashboard().await.unwrap();
    // Paused by the command line's clock event, which gives no reason.
    let paused = PauseUse {
        requests: 1,
        pauses: 1,
        days: 4,
    };
    assert_eq!(board.pauses, vec![(None, paused)]);
}

/// The names and bytes of every file in a ZIP.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            file.read_to_end(&mut out).unwrap();
            (file.name().unwrap().to_string(), out)
        })
        .collect()
}

async fn an_evidence_bundle_holds_the_proof(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let correction = domain::Filing::correction("My surname", "Lovelace").unwrap();
    let id = backend.submit(ada, &correction).await.unwrap();
    backend
        .deny_request(
            id,
            DenialReason::IdentityNotVerified,
            "We could not match you.",
            Actor::Api,
        )
        .await
        .unwrap();
    Worker::new(backend.clone()).drain().await.unwrap();
    clock.advance(Duration::minutes(2));
    backend.anchor_audit_log().await.unwrap().unwrap();
    let files = unzip(&backend.evidence_bundle(id).await.unwrap());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "request.json",
        "timeline.csv",
        "audit-chain.json",
        "deadline-trail.json",
        "manifest.json",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    let notices: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| n.starts_with("notices/"))
        .collect();
    // Both were mailed in the same instant of the test's clock: which came first is the
    // queue's business, not the bundle's.
    let mut kinds: Vec<&str> = notices
        .iter()
        .map(|(n, _)| &n["notices/001-".len()..])
        .collect();
    kinds.sort_unstable();
    assert_eq!(kinds, vec!["denied.eml", "receipt.eml"]);
    for (_, eml) in &notices {
        let text = String::from_utf8_lossy(eml);
        assert!(text.contains("To: undisclosed-recipients:;"), "{text}");
        assert!(!text.contains("ada@example.com"), "{text}");
    }
    let json = |name: &str| -> Value {
        serde_json::from_slice(&files.iter().find(|(n, _)| n == name).unwrap().1).unwrap()
    };
    let chain = json("audit-chain.json");
    assert_eq!(chain["check"]["intact"], Value::Bool(true));
    let entries = chain["entries"].as_array().unwrap();
    assert!(entries.len() >= 3);
    assert!(
        chain["anchor"]["up_to_event"].as_i64().unwrap()
            >= entries.last().unwrap()["id"].as_i64().unwrap()
    );
    let facts = json("request.json");
    assert_eq!(
        (facts["status"].as_str(), facts["denial_reason"].as_str()),
        (Some("denied"), Some("identity_not_verified"))
    );
    assert!(
        !String::from_utf8_lossy(&files.iter().find(|(n, _)| n == "request.json").unwrap().1)
            .contains("Lovelace")
    );
    assert!(
        json("deadline-trail.json")["trail"]
            .as_array()
            .is_some_and(|t| !t.is_empty())
    );
    let manifest = json("manifest.json");
    for listed in manifest["files"].as_array().unwrap() {
        let (_, bytes) = files
            .iter()
            .find(|(n, _)| n == listed["path"].as_str().unwrap())
            .unwrap();
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes));
        assert_eq!(listed["sha256"].as_str(), Some(sha.as_str()));
    }
    assert!(matches!(
        backend.evidence_bundle(uuid::Uuid::new_v4()).await,
        Err(backend::Error::NotFound(_))
    ));
}

async fn retention_purges_personal_data_and_reports_stay_the_same(t: TestDb) {
    let (backend, clock) = t.backend();
    clock.set(at("2025-03-03T18:00:00Z"));
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let correction = domain::Filing::correction("My surname", "Lovelace").unwrap();
    let id = backend.submit(ada, &correction).await.unwrap();
    backend
        .message_person(id, "Which account do you mean?", Actor::Staff)
        .await
        .unwrap();
    clock.set(at("2025-03-05T18:00:00Z"));
    backend
        .deny_request(
            id,
            DenialReason::IdentityNotVerified,
            "We could not match you, Ada.",
            Actor::Api,
        )
        .await
        .unwrap();
    Worker::new(backend.clone()).drain().await.unwrap();
    for f in ccpa_fixtures() {
        backend.insert_fixture(&f).await;
    }
    // How the request's id is written in SQL: SQLite keeps ids as blobs.
    let key = match t.db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => format!("X'{}'", id.simple()),
        _ => format!("'{id}'"),
    };
    // The kept notices and the messages about the request.
    let kept = || async {
        let notices = format!("SELECT COUNT(*) FROM notices_sent WHERE request_id = {key}");
        let messages = format!("SELECT COUNT(*) FROM messages WHERE request_id = {key}");
        (t.count(&notices).await, t.count(&messages).await)
    };
    // The receipt, the staff's message and the denial were kept; the message too.
    assert_eq!(kept().await, (3, 1));
    let before = backend.ccpa_report(2025).await.unwrap();
    // Nothing closed 24 months before 1 January 2027.
    clock.set(at("2027-01-01T00:00:00Z"));
    assert_eq!(
        backend.purge_expired_requests(24).await.unwrap().requests,
        0
    );
    clock.set(at("2027-08-01T00:00:00Z"));
    let purged = backend.purge_expired_requests(24).await.unwrap();
    // Closed before 1 August 2025: Ada's and six of the fixture's.
    assert_eq!(purged.requests, 7, "{purged:?}");
    assert!(purged.people >= 1);
    assert_eq!(
        backend.purge_expired_requests(24).await.unwrap().requests,
        0
    );
    Worker::new(backend.clone()).drain().await.unwrap();
    assert_eq!(backend.ccpa_report(2025).await.unwrap(), before);

    assert_eq!(kept().await, (0, 0));
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM requests WHERE id = {key} AND particulars IS NULL \
             AND denial_message IS NULL AND purged_at IS NOT NULL AND status = 'denied'"
        ))
        .await,
        1
    );
    assert_eq!(
        t.count("SELECT COUNT(*) FROM subjects WHERE email = 'ada@example.com'")
            .await,
        0
    );
    assert!(matches!(
        backend.verify_audit_chain(id).await.unwrap(),
        backend::audit::ChainCheck::Intact(_)
    ));
}

backend::db_tests!(
    the_lifecycle_records_days_extensions_and_pauses,
    an_evidence_bundle_holds_the_proof,
    retention_purges_personal_data_and_reports_stay_the_same,
);
