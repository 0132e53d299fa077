//! What a completed deletion leaves: no personal data anywhere, blobs included, and an
//! opt-out of training that still holds in checks, snapshots and deltas.

use backend::{
    Backend,
    fulfilment::TaskView,
    jobs::Worker,
    testing::{
        TestClock, TestDb, files_under,
        receiver::{Behaviour, Receiver},
        webhook_system,
    },
    webhooks::sign,
};
use domain::{Actor, Email, RequestKind, RequestStatus, TaskState, system::Capability};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Starts and registers a data system; returns it and its signing secret.
async fn system(
    backend: &Backend,
    name: &str,
    cap: Capability,
    behaviour: Behaviour,
) -> (Receiver, String) {
    let receiver = Receiver::start(behaviour).await;
    let new = webhook_system(name, &receiver.url, &[cap]);
    let secret = backend.add_system(new).await.unwrap().0;
    receiver.set_secret(&secret);
    (receiver, secret)
}

/// Files a deletion for ada and carries it out after the grace period.
async fn delete_ada(backend: &Backend, clock: &TestClock) -> Uuid {
    let ada = Email::parse("ada@example.com").unwrap();
    let id = backend
        .file_request_for(&ada, Some("u-1"), RequestKind::Delete, None)
        .await
        .unwrap()
        .id;
    clock.advance(chrono::Duration::days(15));
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    worker.drain().await.unwrap();
    let status = backend.request_view(id).await.unwrap().status;
    assert_eq!(status, RequestStatus::Completed);
    id
}

fn digest(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

async fn an_opt_out_outlives_the_erasure_of_the_person(t: TestDb) {
    let (backend, clock) = t.backend();
    system(&backend, "crm", Capability::Delete, Behaviour::Receipt).await;
    let ada = Email::parse("ada@example.com").unwrap();
    backend
        .file_request_for(&ada, Some("u-1"), RequestKind::OptOutTraining, None)
        .await
        .unwrap();
    clock.advance(chrono::Duration::seconds(6));
    let before = backend.suppression_snapshot(None).await.unwrap();
    let expected = format!("e:{}\nu:{}\n", digest("ada@example.com"), digest("u-1"));
    assert!(before.body.ends_with(&expected), "{}", before.body);

    delete_ada(&backend, &clock).await;

    assert_eq!(
        backend.suppressed_emails(&[ada]).await.unwrap().len(),
        1,
        "checked by address"
    );
    assert_eq!(
        backend.suppressed_user_ids(&["u-1"]).await.unwrap(),
        ["u-1"],
        "checked by user id"
    );
    let after = backend.suppression_snapshot(None).await.unwrap();
    assert!(after.body.ends_with(&expected), "{}", after.body);
    let delta = backend
        .suppression_snapshot(Some(before.version))
        .await
        .unwrap();
    assert!(
        !delta.body.lines().skip(1).any(|l| l.starts_with('-')),
        "nobody left the list: {}",
        delta.body
    );
}

async fn a_late_callback_leaves_no_data_and_erasure_sweeps_every_blob(t: TestDb) {
    let (backend, clock) = t.backend();
    let (receiver, secret) = system(
        &backend,
        "warehouse",
        Capability::AccessExport,
        Behaviour::Accept,
    )
    .await;
    system(&backend, "crm", Capability::Delete, Behaviour::Receipt).await;
    let ada = Email::parse("ada@example.com").unwrap();
    let access = backend
        .file_request_for(&ada, Some("u-1"), RequestKind::Access, None)
        .await
        .unwrap()
        .id;
    Worker::new(backend.clone()).drain().await.unwrap();
    let task = backend.tasks_of(access).await.unwrap().remove(0);
    assert_eq!(task.state, TaskState::AwaitingCallback);
    let callback = |body: serde_json::Value, age: i64| {
        let bytes = body.to_string().into_bytes();
        (sign(&secret, clock.now().timestamp() - age, &bytes), bytes)
    };
    let event_id = receiver.events()[0]["event_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (sig, body) = callback(
        json!({ "event_id": event_id, "status": "failed", "error": "gone" }),
        0,
    );
    backend
        .accept_callback(task.id, Some(&sig), &body)
        .await
        .unwrap();

    let late = json!({ "event_id": event_id, "status": "done", "data": { "name": "Ada" } });
    let (sig, body) = callback(late, 1);
    assert!(
        backend
            .accept_callback(task.id, Some(&sig), &body)
            .await
            .is_err()
    );
    let blobs = t.dir.path().join("blobs");
    assert!(
        files_under(&blobs).is_empty(),
        "a refused callback writes nothing: {:?}",
        files_under(&blobs)
    );

    // A blob no row refers to (as a crash between writing and recording would leave).
    let stray = blobs.join(format!("tasks/{}.json", task.id));
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, br#"{"name":"Ada"}"#).unwrap();
    let package = blobs.join(format!("exports/{access}/{}.zip", Uuid::new_v4()));
    std::fs::create_dir_all(package.parent().unwrap()).unwrap();
    std::fs::write(&package, b"PK").unwrap();

    delete_ada(&backend, &clock).await;
    Worker::new(backend.clone()).drain().await.unwrap();
    assert!(
        files_under(&blobs).is_empty(),
        "erasure sweeps every blob of the person: {:?}",
        files_under(&blobs)
    );
}

/// A remove-from-outputs request for ada whose task waits for a callback; returns the task,
/// its event id and the system's secret.
async fn awaiting_callback(backend: &Backend) -> (Uuid, TaskView, String, String) {
    let (receiver, secret) =
        system(backend, "warehouse", Capability::Delete, Behaviour::Accept).await;
    let ada = Email::parse("ada@example.com").unwrap();
    let id = backend
        .file_request_for(&ada, None, RequestKind::RemoveFromOutputs, None)
        .await
        .unwrap()
        .id;
    Worker::new(backend.clone()).drain().await.unwrap();
    let task = backend.tasks_of(id).await.unwrap().remove(0);
    let event_id = receiver.events()[0]["event_id"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, task, event_id, secret)
}

async fn a_replayed_callback_with_its_header_rewritten_is_refused(t: TestDb) {
    let (backend, clock) = t.backend();
    let (id, task, event_id, secret) = awaiting_callback(&backend).await;
    let body = json!({ "event_id": event_id, "status": "failed", "error": "later" })
        .to_string()
        .into_bytes();
    let sig = sign(&secret, clock.now().timestamp(), &body);
    backend
        .accept_callback(task.id, Some(&sig), &body)
        .await
        .unwrap();
    backend.retry_failed_tasks(id, Actor::Api).await.unwrap();
    let (t_part, v1_part) = sig.split_once(',').unwrap();
    let rewritten = format!("{v1_part},{t_part}");
    assert!(
        matches!(
            backend
                .accept_callback(task.id, Some(&rewritten), &body)
                .await,
            Err(backend::Error::Conflict(_))
        ),
        "the same signed message, however the header is written"
    );
}

async fn callbacks_from_a_disabled_system_are_refused(t: TestDb) {
    let (backend, clock) = t.backend();
    let (id, task, event_id, secret) = awaiting_callback(&backend).await;
    backend.disable_system("warehouse").await.unwrap();
    let body = json!({ "event_id": event_id, "status": "done", "receipt": {} })
        .to_string()
        .into_bytes();
    let sig = sign(&secret, clock.now().timestamp(), &body);
    assert!(matches!(
        backend.accept_callback(task.id, Some(&sig), &body).await,
        Err(backend::Error::Conflict(_))
    ));
    let task = backend.tasks_of(id).await.unwrap().remove(0);
    assert_eq!(task.state, TaskState::AwaitingCallback);
}

/// The address of subject `person`, and the `notified` flag of its `address_erased` entries.
async fn address_and_farewells(t: &TestDb, deletion: Uuid) -> (Option<String>, Vec<String>) {
    use sea_orm::{ConnectionTrait, Statement};
    let kind = t.db.get_database_backend();
    let sql = "SELECT s.email FROM subjects s JOIN requests r ON r.subject_id = s.id \
               WHERE r.id = $1";
    let statement = Statement::from_sql_and_values(kind, sql, [deletion.into()]);
    let row = t.db.query_one_raw(statement).await.unwrap().unwrap();
    let email: Option<String> = row.try_get("", "email").unwrap();
    let sql = "SELECT detail FROM request_events WHERE request_id = $1 AND action = $2";
    let values = [deletion.into(), "address_erased".into()];
    let statement = Statement::from_sql_and_values(kind, sql, values);
    let rows = t.db.query_all_raw(statement).await.unwrap();
    let details = rows
        .iter()
        .map(|r| r.try_get::<String>("", "detail").unwrap())
        .collect();
    (email, details)
}

async fn the_last_mail_goes_to_the_address_before_it_is_erased(t: TestDb) {
    let (backend, clock) = t.backend();
    system(&backend, "crm", Capability::Delete, Behaviour::Receipt).await;
    let deletion = delete_ada(&backend, &clock).await;

    let (email, farewells) = address_and_farewells(&t, deletion).await;
    assert_eq!(email, None, "the address is gone");
    assert_eq!(farewells, [r#"{"notified":true}"#]);
    let outbox = std::fs::read_dir(t.outbox()).unwrap();
    let done: Vec<String> = outbox
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter(|text| text.contains("X-Rightful-Notice: deletion_done"))
        .collect();
    assert_eq!(done.len(), 1, "one deletion-done mail");
    assert!(done[0].contains("To: ada@example.com"), "{}", done[0]);
    assert!(done[0].contains(&format!("deletion done: {deletion}")));
}

async fn a_mail_that_never_goes_does_not_keep_the_address(t: TestDb) {
    let down = backend::MailSettings::Smtp {
        url: "smtp://127.0.0.1:9".to_owned(),
    };
    let (backend, clock) = t.backend_with_mail(down);
    system(&backend, "crm", Capability::Delete, Behaviour::Receipt).await;
    let deletion = delete_ada(&backend, &clock).await;
    let (email, _) = address_and_farewells(&t, deletion).await;
    assert!(email.is_some(), "kept while the mail is retried");

    let worker = Worker::new(backend.clone());
    for _ in 0..12 {
        clock.advance(chrono::Duration::hours(2));
        worker.drain().await.unwrap();
    }
    let (email, farewells) = address_and_farewells(&t, deletion).await;
    assert_eq!(email, None, "erased on the mail's last attempt");
    assert_eq!(farewells, [r#"{"notified":false}"#]);
    // The receipt, which nothing else depends on, is dead-lettered for staff to see.
    t.expect_dead_jobs(1);
}

backend::db_tests!(
    the_last_mail_goes_to_the_address_before_it_is_erased,
    a_mail_that_never_goes_does_not_keep_the_address,
    an_opt_out_outlives_the_erasure_of_the_person,
    a_late_callback_leaves_no_data_and_erasure_sweeps_every_blob,
    a_replayed_callback_with_its_header_rewritten_is_refused,
    callbacks_from_a_disabled_system_are_refused,
);
