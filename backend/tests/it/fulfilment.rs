//! Fulfilment against real HTTP data systems on 127.0.0.1: fan-out, answers with data or
//! receipts, slow, failing, hung and unreachable systems, the circuit breaker, callbacks
//! (forged, stale and replayed), duplicate deliveries, manual tasks, and retries.

use std::time::Duration;

use backend::{
    Backend, Error,
    fulfilment::{DELIVERY_ATTEMPTS, TaskView},
    jobs::Worker,
    systems::NewSystem,
    testing::{
        TestClock, TestDb, manual_system,
        receiver::{Behaviour, Receiver},
        webhook_receiver, webhook_system,
    },
    webhooks::{SignatureError, sign},
};
use domain::{Actor, Email, RequestKind, RequestStatus, TaskState, system::Capability};
use serde_json::json;
use uuid::Uuid;

/// Adds a webhook system at `url` and returns its secret.
async fn webhook(
    backend: &Backend,
    name: &str,
    cap: Capability,
    url: &str,
    timeout_ms: i32,
) -> String {
    let new = NewSystem {
        timeout_ms,
        ..webhook_system(name, url, &[cap])
    };
    backend.add_system(new).await.unwrap().0
}

/// Starts a receiver and registers it.
async fn system(backend: &Backend, name: &str, cap: Capability, behaviour: Behaviour) -> Receiver {
    webhook_receiver(backend, name, &[cap], behaviour).await
}

async fn file(backend: &Backend, kind: RequestKind) -> Uuid {
    let email = Email::parse("ada@example.com").unwrap();
    backend
        .file_request_for(&email, Some("u-1"), kind, None)
        .await
        .unwrap()
        .id
}

async fn status(backend: &Backend, id: Uuid) -> RequestStatus {
    backend.request_view(id).await.unwrap().status
}

async fn task_of(backend: &Backend, id: Uuid, system: &str) -> TaskView {
    backend
        .tasks_of(id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.system == system)
        .unwrap()
}

/// Drains the queue, then moves the clock an hour and drains again, `rounds` times, so that
/// every backed-off retry runs.
async fn drain_with_retries(worker: &Worker, clock: &TestClock, rounds: usize) {
    for _ in 0..rounds {
        worker.drain().await.unwrap();
        clock.advance(chrono::Duration::hours(1));
    }
}

async fn a_request_fans_out_and_completes_when_every_system_answers(t: TestDb) {
    let (backend, _) = t.backend();
    let orders = json!({ "orders": [{ "id": 1, "total": "9.99" }] });
    let shop = system(
        &backend,
        "shop",
        Capability::AccessExport,
        Behaviour::Data(orders.clone()),
    )
    .await;
    let crm = system(
        &backend,
        "crm",
        Capability::AccessExport,
        Behaviour::Receipt,
    )
    .await;
    let hr = system(&backend, "hr", Capability::Delete, Behaviour::Receipt).await;
    let id = file(&backend, RequestKind::Export).await;
    assert_eq!(status(&backend, id).await, RequestStatus::InProgress);
    assert_eq!(
        backend.tasks_of(id).await.unwrap().len(),
        2,
        "only capable systems"
    );

    Worker::new(backend.clone()).drain().await.unwrap();
    assert_eq!(status(&backend, id).await, RequestStatus::Completed);
    assert_eq!(
        (shop.deliveries(), crm.deliveries(), hr.deliveries()),
        (1, 1, 0)
    );
    let event = &shop.events()[0];
    assert_eq!(event["kind"], "export");
    assert_eq!(event["request_id"], id.to_string());
    assert_eq!(event["subject"]["email"], "ada@example.com");
    assert_eq!(event["subject"]["user_id"], "u-1");
    assert!(event["deadline"].is_string() && event["callback_url"].is_string());
    let task = task_of(&backend, id, "shop").await;
    assert_eq!((task.state, task.deliveries), (TaskState::Done, 1));
    let stored = std::fs::read(t.dir.path().join(format!("blobs/tasks/{}.json", task.id))).unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&stored).unwrap(),
        orders
    );
}

async fn a_failing_system_is_retried_named_and_retried_again(t: TestDb) {
    let (backend, clock) = t.backend();
    let ok = system(&backend, "billing", Capability::Delete, Behaviour::Receipt).await;
    let flaky = system(
        &backend,
        "search",
        Capability::Delete,
        Behaviour::Status(503),
    )
    .await;
    let id = file(&backend, RequestKind::RemoveFromOutputs).await;
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    let failing = task_of(&backend, id, "search").await;
    assert_eq!(failing.state, TaskState::Pending, "a 503 is retried");
    assert_eq!(
        failing.last_error.as_deref(),
        Some("HTTP 503 Service Unavailable")
    );

    drain_with_retries(&worker, &clock, DELIVERY_ATTEMPTS as usize + 2).await;
    assert_eq!(flaky.deliveries(), DELIVERY_ATTEMPTS as usize);
    assert_eq!(status(&backend, id).await, RequestStatus::Failed);
    let failed = task_of(&backend, id, "search").await;
    assert_eq!(failed.state, TaskState::Failed);
    assert!(failed.last_error.unwrap().contains("after 8 attempts"));
    assert_eq!(
        task_of(&backend, id, "billing").await.state,
        TaskState::Done
    );

    flaky.set_behaviour(Behaviour::Receipt);
    assert_eq!(backend.retry_failed_tasks(id, Actor::Api).await.unwrap(), 1);
    drain_with_retries(&worker, &clock, 2).await;
    assert_eq!(status(&backend, id).await, RequestStatus::Completed);
    assert_eq!(
        (ok.deliveries(), flaky.events().len()),
        (1, 1),
        "one event, retried"
    );
    assert!(matches!(
        backend.retry_failed_tasks(id, Actor::Api).await,
        Err(Error::Conflict(_))
    ));
}

async fn a_client_error_fails_at_once(t: TestDb) {
    let (backend, clock) = t.backend();
    let strict = system(
        &backend,
        "strict",
        Capability::Delete,
        Behaviour::Status(400),
    )
    .await;
    let id = file(&backend, RequestKind::RemoveFromOutputs).await;
    drain_with_retries(&Worker::new(backend.clone()), &clock, 3).await;
    assert_eq!(strict.deliveries(), 1, "a 400 is not retried");
    assert_eq!(status(&backend, id).await, RequestStatus::Failed);
}

async fn the_circuit_opens_after_repeated_failures(t: TestDb) {
    let (backend, clock) = t.backend();
    let down = system(
        &backend,
        "ledger",
        Capability::Delete,
        Behaviour::Status(500),
    )
    .await;
    for _ in 0..7 {
        file(&backend, RequestKind::RemoveFromOutputs).await;
    }
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    assert_eq!(
        down.deliveries(),
        5,
        "the sixth and seventh wait for the circuit"
    );

    clock.advance(chrono::Duration::seconds(61));
    down.set_behaviour(Behaviour::Receipt);
    drain_with_retries(&worker, &clock, 3).await;
    assert_eq!(down.events().len(), 7);
}

async fn slow_hung_and_unreachable_systems(t: TestDb) {
    let (backend, _) = t.backend();
    let slow = Receiver::start(Behaviour::Slow(Duration::from_millis(300))).await;
    let secret = webhook(&backend, "slow", Capability::Delete, &slow.url, 2_000).await;
    slow.set_secret(&secret);
    let hung = Receiver::start(Behaviour::Slow(Duration::from_secs(3))).await;
    let secret = webhook(&backend, "hung", Capability::Delete, &hung.url, 200).await;
    hung.set_secret(&secret);
    webhook(
        &backend,
        "gone",
        Capability::Delete,
        &Receiver::down_url().await,
        1_000,
    )
    .await;

    let id = file(&backend, RequestKind::RemoveFromOutputs).await;
    Worker::new(backend.clone()).drain().await.unwrap();
    assert_eq!(task_of(&backend, id, "slow").await.state, TaskState::Done);
    let hung_task = task_of(&backend, id, "hung").await;
    assert_eq!(hung_task.state, TaskState::Pending);
    assert_eq!(
        hung_task.last_error.as_deref(),
        Some("no reply within 200 ms")
    );
    let gone = task_of(&backend, id, "gone").await;
    assert_eq!(gone.last_error.as_deref(), Some("could not connect"));
    assert_eq!(status(&backend, id).await, RequestStatus::InProgress);
}

async fn duplicate_deliveries_are_absorbed_by_the_receiver(t: TestDb) {
    let (backend, clock) = t.backend();
    // It acts on the event, then answers too late: Rightful must deliver it again.
    let receiver = Receiver::start(Behaviour::Slow(Duration::from_millis(600))).await;
    let secret = webhook(&backend, "late", Capability::Delete, &receiver.url, 200).await;
    receiver.set_secret(&secret);
    let id = file(&backend, RequestKind::RemoveFromOutputs).await;
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    receiver.set_behaviour(Behaviour::Receipt);
    drain_with_retries(&worker, &clock, 2).await;
    assert_eq!(status(&backend, id).await, RequestStatus::Completed);
    assert_eq!(receiver.deliveries(), 2);
    assert_eq!(
        receiver.events().len(),
        1,
        "one Idempotency-Key for both deliveries"
    );
}

/// Signs `body` as the system would, `age` seconds ago by Rightful's clock.
fn signed(
    secret: &str,
    clock: &TestClock,
    age: i64,
    body: &serde_json::Value,
) -> (String, Vec<u8>) {
    let bytes = body.to_string().into_bytes();
    (sign(secret, clock.now().timestamp() - age, &bytes), bytes)
}

async fn callbacks_settle_accepted_tasks_and_refuse_forgeries_and_replays(t: TestDb) {
    let (backend, clock) = t.backend();
    let receiver = Receiver::start(Behaviour::Accept).await;
    let secret = webhook(
        &backend,
        "warehouse",
        Capability::AccessExport,
        &receiver.url,
        2_000,
    )
    .await;
    receiver.set_secret(&secret);
    let id = file(&backend, RequestKind::Access).await;
    Worker::new(backend.clone()).drain().await.unwrap();
    let task = task_of(&backend, id, "warehouse").await;
    assert_eq!(task.state, TaskState::AwaitingCallback);
    let event = &receiver.events()[0];
    assert!(
        event["callback_url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/api/v1/callbacks/{}", task.id))
    );
    let body = json!({ "event_id": event["event_id"], "status": "done", "data": { "rows": 3 } });

    let (_, bytes) = signed(&secret, &clock, 0, &body);
    let (forged, _) = signed("whsec_wrong", &clock, 0, &body);
    assert!(matches!(
        backend
            .accept_callback(task.id, Some(&forged), &bytes)
            .await,
        Err(Error::BadSignature(SignatureError::Mismatch))
    ));
    assert!(matches!(
        backend.accept_callback(task.id, None, &bytes).await,
        Err(Error::BadSignature(SignatureError::Malformed))
    ));
    let (stale, _) = signed(&secret, &clock, 3_600, &body);
    assert!(matches!(
        backend.accept_callback(task.id, Some(&stale), &bytes).await,
        Err(Error::BadSignature(SignatureError::Stale))
    ));
    let wrong_event = json!({ "event_id": Uuid::new_v4(), "status": "done" });
    let (header, other) = signed(&secret, &clock, 0, &wrong_event);
    assert!(matches!(
        backend
            .accept_callback(task.id, Some(&header), &other)
            .await,
        Err(Error::Validation(_))
    ));
    assert!(matches!(
        backend
            .accept_callback(Uuid::new_v4(), Some(&header), &other)
            .await,
        Err(Error::BadSignature(SignatureError::Mismatch))
    ));
    assert_eq!(status(&backend, id).await, RequestStatus::InProgress);

    let (good, bytes) = signed(&secret, &clock, 0, &body);
    backend
        .accept_callback(task.id, Some(&good), &bytes)
        .await
        .unwrap();
    Worker::new(backend.clone()).drain().await.unwrap(); // packages the access report
    assert_eq!(status(&backend, id).await, RequestStatus::Completed);
    assert!(
        matches!(
            backend.accept_callback(task.id, Some(&good), &bytes).await,
            Err(Error::Conflict(_))
        ),
        "a replay is refused"
    );
    clock.advance(chrono::Duration::seconds(1));
    let (again, bytes) = signed(&secret, &clock, 0, &body);
    assert!(
        matches!(
            backend.accept_callback(task.id, Some(&again), &bytes).await,
            Err(Error::Conflict(_))
        ),
        "a settled task settles once"
    );
}

async fn manual_tasks_are_completed_by_a_person(t: TestDb) {
    let (backend, _) = t.backend();
    let hr = manual_system("paper-archive", &[Capability::AccessExport]);
    backend.add_system(hr).await.unwrap();
    let crm = system(
        &backend,
        "crm",
        Capability::AccessExport,
        Behaviour::Receipt,
    )
    .await;
    let id = file(&backend, RequestKind::Access).await;
    Worker::new(backend.clone()).drain().await.unwrap();
    assert_eq!(crm.deliveries(), 1);
    let open = backend.open_manual_tasks().await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].system, "paper-archive");
    assert_eq!(status(&backend, id).await, RequestStatus::InProgress);

    assert!(matches!(
        backend
            .complete_manual_task(open[0].id, "  ", None, Actor::Cli)
            .await,
        Err(Error::Validation(_))
    ));
    let webhook_task = task_of(&backend, id, "crm").await;
    assert!(matches!(
        backend
            .complete_manual_task(webhook_task.id, "done", None, Actor::Cli)
            .await,
        Err(Error::Conflict(_))
    ));
    let scan = backend::fulfilment::Upload {
        bytes: b"name,joined\nAda,1843\n".to_vec(),
    };
    backend
        .complete_manual_task(open[0].id, "Scanned the file", Some(scan), Actor::Cli)
        .await
        .unwrap();
    Worker::new(backend.clone()).drain().await.unwrap(); // packages the access report
    assert_eq!(status(&backend, id).await, RequestStatus::Completed);
    assert!(backend.open_manual_tasks().await.unwrap().is_empty());
    assert!(matches!(
        backend
            .complete_manual_task(open[0].id, "again", None, Actor::Cli)
            .await,
        Err(Error::Conflict(_))
    ));
}

async fn policies_hold_corrections_for_approval_and_deletions_for_a_grace_period(t: TestDb) {
    let (backend, clock) = t.backend();
    let crm = system(&backend, "crm", Capability::Delete, Behaviour::Receipt).await;
    let fixer = system(&backend, "fixer", Capability::Correct, Behaviour::Receipt).await;
    let worker = Worker::new(backend.clone());

    let correction = file(&backend, RequestKind::Correct).await;
    assert_eq!(
        status(&backend, correction).await,
        RequestStatus::PendingApproval
    );
    backend
        .approve_request(correction, Actor::Api)
        .await
        .unwrap();
    worker.drain().await.unwrap();
    assert_eq!(
        (status(&backend, correction).await, fixer.deliveries()),
        (RequestStatus::Completed, 1)
    );

    let deletion = file(&backend, RequestKind::Delete).await;
    assert_eq!(status(&backend, deletion).await, RequestStatus::Verified);
    clock.advance(chrono::Duration::days(13));
    worker.drain().await.unwrap();
    assert_eq!(crm.deliveries(), 0, "still inside the grace period");
    clock.advance(chrono::Duration::days(1) + chrono::Duration::seconds(1));
    worker.drain().await.unwrap();
    worker.drain().await.unwrap();
    assert_eq!(
        (status(&backend, deletion).await, crm.deliveries()),
        (RequestStatus::Completed, 1)
    );
}

async fn an_opt_out_is_pushed_to_systems_that_honour_it(t: TestDb) {
    let (backend, _) = t.backend();
    let trainer = system(
        &backend,
        "trainer",
        Capability::OptOutTraining,
        Behaviour::Receipt,
    )
    .await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    backend.set_training_opt_out(ada, true).await.unwrap();
    let overview = backend.privacy_overview(ada).await.unwrap();
    assert!(
        overview.training_opted_out,
        "in force before any system confirms"
    );
    Worker::new(backend.clone()).drain().await.unwrap();
    assert_eq!(trainer.events()[0]["kind"], "opt_out_training");
    let request = trainer.events()[0]["request_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(status(&backend, request).await, RequestStatus::Completed);
}

async fn concurrent_filings_all_succeed(t: TestDb) {
    let (backend, _) = t.backend();
    system(
        &backend,
        "crm",
        Capability::AccessExport,
        Behaviour::Receipt,
    )
    .await;
    let filers = (0..8).map(|c| {
        let backend = backend.clone();
        tokio::spawn(async move {
            for i in 0..5 {
                let email = Email::parse(&format!("p{c}-{i}@example.com")).unwrap();
                backend
                    .file_request_for(&email, None, RequestKind::Access, None)
                    .await
                    .unwrap();
            }
        })
    });
    for filer in filers.collect::<Vec<_>>() {
        filer.await.unwrap();
    }
    let filter = backend::requests::RequestFilter {
        limit: 100,
        ..Default::default()
    };
    assert_eq!(backend.list_requests(&filter).await.unwrap().0.len(), 40);
}

async fn a_deletion_can_be_canceled_and_otherwise_leaves_only_proof(t: TestDb) {
    let (backend, clock) = t.backend();
    let receiver = Receiver::start(Behaviour::Receipt).await;
    let new = webhook_system(
        "crm",
        &receiver.url,
        &[Capability::AccessExport, Capability::Delete],
    );
    receiver.set_secret(&backend.add_system(new).await.unwrap().0);
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let worker = Worker::new(backend.clone());
    let export = backend
        .submit_request(ada, RequestKind::Export)
        .await
        .unwrap();
    worker.drain().await.unwrap();
    assert_eq!(status(&backend, export).await, RequestStatus::Completed);
    let blobs = t.dir.path().join("blobs");
    assert!(blobs.join("tasks").read_dir().unwrap().next().is_some());

    let changed_mind = backend
        .submit_request(ada, RequestKind::Delete)
        .await
        .unwrap();
    let eve = t.sign_in(&backend, "eve@example.com").await;
    assert!(matches!(
        backend
            .cancel_request(Some(eve), changed_mind, Actor::Subject)
            .await,
        Err(Error::NotFound(_))
    ));
    backend
        .cancel_request(Some(ada), changed_mind, Actor::Subject)
        .await
        .unwrap();
    let deletion = backend
        .submit_request(ada, RequestKind::Delete)
        .await
        .unwrap();
    clock.advance(chrono::Duration::days(15));
    worker.drain().await.unwrap();
    worker.drain().await.unwrap();
    assert_eq!(
        status(&backend, changed_mind).await,
        RequestStatus::Canceled
    );
    assert_eq!(status(&backend, deletion).await, RequestStatus::Completed);
    assert!(matches!(
        backend
            .cancel_request(Some(ada), deletion, Actor::Subject)
            .await,
        Err(Error::NotFound(_) | Error::Conflict(_))
    ));
    let kinds: Vec<_> = receiver
        .events()
        .iter()
        .map(|e| e["kind"].clone())
        .collect();
    assert_eq!(
        kinds,
        [json!("export"), json!("delete")],
        "the canceled one never went out"
    );

    // Only proof is left: the receipt per system, the audit chain, and the hashed address.
    assert_eq!(
        task_of(&backend, deletion, "crm").await.state,
        TaskState::Done
    );
    assert!(matches!(
        backend.verify_audit_chain(deletion).await.unwrap(),
        backend::audit::ChainCheck::Intact(_)
    ));
    let event = &receiver.events()[1];
    assert_eq!(
        event["subject"]["email"], "ada@example.com",
        "the systems were told who"
    );
    let overview = backend.privacy_overview(ada).await.unwrap();
    assert_eq!(overview.requests.len(), 3, "dates and outcomes remain");
    let leftover: Vec<_> = ["tasks", "exports"]
        .iter()
        .flat_map(|d| backend::testing::files_under(&blobs.join(d)))
        .collect();
    assert!(
        leftover.is_empty(),
        "the gathered data is deleted: {leftover:?}"
    );
    use sea_orm::{ConnectionTrait, Statement};
    let sql = "SELECT email, email_hash FROM subjects WHERE id = $1";
    let kind = t.db.get_database_backend();
    let statement = Statement::from_sql_and_values(kind, sql, [ada.as_uuid().into()]);
    let row = t.db.query_one_raw(statement).await.unwrap().unwrap();
    let email: Option<String> = row.try_get("", "email").unwrap();
    let hash: String = row.try_get("", "email_hash").unwrap();
    assert_eq!(
        (email, hash.len()),
        (None, 64),
        "only the keyed hash is kept"
    );
}

backend::db_tests!(
    a_request_fans_out_and_completes_when_every_system_answers,
    a_failing_system_is_retried_named_and_retried_again,
    a_client_error_fails_at_once,
    the_circuit_opens_after_repeated_failures,
    slow_hung_and_unreachable_systems,
    duplicate_deliveries_are_absorbed_by_the_receiver,
    callbacks_settle_accepted_tasks_and_refuse_forgeries_and_replays,
    manual_tasks_are_completed_by_a_person,
    policies_hold_corrections_for_approval_and_deletions_for_a_grace_period,
    an_opt_out_is_pushed_to_systems_that_honour_it,
    concurrent_filings_all_succeed,
    a_deletion_can_be_canceled_and_otherwise_leaves_only_proof,
);
