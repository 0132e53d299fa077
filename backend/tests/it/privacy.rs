//! The training opt-out, its request and audit chain, and that people see only their own data.

use backend::{audit::ChainCheck, testing::TestDb};
use domain::{RequestKind, RequestStatus};
use sea_orm::ConnectionTrait;

async fn opting_out_completes_a_request_and_records_consent(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let before = backend.privacy_overview(ada).await.unwrap();
    assert!(!before.training_opted_out && before.requests.is_empty());

    backend.set_training_opt_out(ada, true).await.unwrap();
    let after = backend.privacy_overview(ada).await.unwrap();
    assert!(after.training_opted_out);
    assert_eq!(after.requests.len(), 1);
    let request = &after.requests[0];
    assert_eq!(
        (request.kind, request.status),
        (RequestKind::OptOutTraining, RequestStatus::Completed)
    );
    assert!(request.closed_at.is_some());
    assert_eq!(after.training_history.len(), 1);

    // received, verified, in progress, no systems to tell, completed.
    let id = request.id.parse().unwrap();
    assert_eq!(
        backend.verify_audit_chain(id).await.unwrap(),
        ChainCheck::Intact(5)
    );
}

async fn switching_back_on_is_recorded_and_repeats_are_harmless(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    backend.set_training_opt_out(ada, false).await.unwrap(); // already in force: nothing
    backend.set_training_opt_out(ada, true).await.unwrap();
    backend.set_training_opt_out(ada, true).await.unwrap(); // a double click
    backend.set_training_opt_out(ada, false).await.unwrap();
    let overview = backend.privacy_overview(ada).await.unwrap();
    assert!(!overview.training_opted_out);
    let history: Vec<bool> = overview
        .training_history
        .iter()
        .map(|c| c.opted_out)
        .collect();
    assert_eq!(history, vec![false, true]);
    assert_eq!(overview.requests.len(), 1);
}

async fn people_see_only_their_own_requests(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let eve = t.sign_in(&backend, "eve@example.com").await;
    backend.set_training_opt_out(ada, true).await.unwrap();
    let seen_by_eve = backend.privacy_overview(eve).await.unwrap();
    assert!(seen_by_eve.requests.is_empty() && !seen_by_eve.training_opted_out);
}

async fn a_rewritten_audit_entry_breaks_the_chain(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    backend.set_training_opt_out(ada, true).await.unwrap();
    let id = backend.privacy_overview(ada).await.unwrap().requests[0]
        .id
        .parse()
        .unwrap();
    let sql = "UPDATE request_events SET actor = 'staff' WHERE seq = 2";
    t.db.execute_unprepared(sql).await.unwrap();
    assert_eq!(
        backend.verify_audit_chain(id).await.unwrap(),
        ChainCheck::BrokenAt(2)
    );
}

async fn a_gpc_signal_files_one_opt_out_of_sale(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    assert!(backend.honour_gpc(ada).await.unwrap(), "filed");
    assert!(!backend.honour_gpc(ada).await.unwrap(), "not twice");
    let eve = t.sign_in(&backend, "eve@example.com").await;
    let (first, second) = tokio::join!(backend.honour_gpc(eve), backend.honour_gpc(eve));
    assert_ne!(
        first.unwrap(),
        second.unwrap(),
        "two page loads at once file one"
    );
    for who in [ada, eve] {
        let overview = backend.privacy_overview(who).await.unwrap();
        let sales = overview
            .requests
            .iter()
            .filter(|r| r.kind == RequestKind::OptOutSale)
            .count();
        assert_eq!(sales, 1);
    }
}

backend::db_tests!(
    a_gpc_signal_files_one_opt_out_of_sale,
    opting_out_completes_a_request_and_records_consent,
    switching_back_on_is_recorded_and_repeats_are_harmless,
    people_see_only_their_own_requests,
    a_rewritten_audit_entry_breaks_the_chain,
);
