//! The task endpoints over HTTP: a data system's signed callback (forged, replayed, good),
//! a request's tasks, a manual task completed through the API, and a retry.

use crate::common;

use axum::http::StatusCode;
use backend::{
    jobs::Worker,
    testing::{
        TestDb, manual_system,
        receiver::{Behaviour, Receiver},
        webhook_system,
    },
    webhooks::sign,
};
use common::{app, send, send_with};
use domain::{scope::ApiScope, system::Capability};
use serde_json::json;

async fn a_system_calls_back_and_staff_finish_the_rest(t: TestDb) {
    let (backend, clock) = t.backend();
    let app = app(&backend);
    let key = common::key(
        &backend,
        "ops",
        &[
            ApiScope::RequestsWrite,
            ApiScope::RequestsRead,
            ApiScope::TasksWrite,
        ],
    )
    .await;
    let receiver = Receiver::start(Behaviour::Accept).await;
    let new = webhook_system("warehouse", &receiver.url, &[Capability::AccessExport]);
    let secret = backend.add_system(new).await.unwrap().0;
    receiver.set_secret(&secret);
    let manual = manual_system("archive", &[Capability::AccessExport]);
    backend.add_system(manual).await.unwrap();

    let filed = json!({ "email": "ada@example.com", "kind": "access" }).to_string();
    let (status, request) = send(&app, "POST", "/api/v1/requests", Some(&key), filed).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = request["id"].as_str().unwrap().to_owned();
    Worker::new(backend.clone()).drain().await.unwrap();

    let tasks_uri = format!("/api/v1/requests/{id}/tasks");
    let (status, tasks) = send(&app, "GET", &tasks_uri, Some(&key), String::new()).await;
    assert_eq!(status, StatusCode::OK);
    let states: Vec<_> = tasks
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["system"].as_str().unwrap(), t["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [("archive", "pending"), ("warehouse", "awaiting_callback")]
    );

    let event = &receiver.events()[0];
    let callback_uri = event["callback_url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://127.0.0.1:3000")
        .to_owned();
    let body = json!({ "event_id": event["event_id"], "status": "done", "receipt": { "rows": 2 } })
        .to_string();
    let now = clock.now().timestamp();
    let forged = sign("whsec_nope", now, body.as_bytes());
    let (status, envelope) = send_with(
        &app,
        "POST",
        &callback_uri,
        &[("Rightful-Signature", &forged)],
        body.clone(),
    )
    .await;
    assert_eq!(
        (status, envelope["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("bad_signature"))
    );
    let good = sign(&secret, now, body.as_bytes());
    let (status, _) = send_with(
        &app,
        "POST",
        &callback_uri,
        &[("Rightful-Signature", &good)],
        body.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, envelope) = send_with(
        &app,
        "POST",
        &callback_uri,
        &[("Rightful-Signature", &good)],
        body.clone(),
    )
    .await;
    assert_eq!(
        (status, envelope["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    let (status, _) = send_with(&app, "POST", "/api/v1/callbacks/not-a-task", &[], body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let archive = tasks[0]["id"].as_str().unwrap();
    let complete = format!("/api/v1/tasks/{archive}/complete");
    let (status, _) = send(
        &app,
        "POST",
        &complete,
        Some(&key),
        json!({ "note": "" }).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = send(
        &app,
        "POST",
        &complete,
        Some(&key),
        json!({ "note": "Sent the paper file" }).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    Worker::new(backend.clone()).drain().await.unwrap(); // packages the access report
    let (_, request) = send(
        &app,
        "GET",
        &format!("/api/v1/requests/{id}"),
        Some(&key),
        String::new(),
    )
    .await;
    assert_eq!(request["status"], "completed");

    let (status, envelope) = send(
        &app,
        "POST",
        &format!("/api/v1/requests/{id}/retry"),
        Some(&key),
        String::new(),
    )
    .await;
    assert_eq!(
        (status, envelope["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
}

async fn a_deletion_is_canceled_in_its_grace_period(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let key = common::key(
        &backend,
        "product",
        &[ApiScope::RequestsWrite, ApiScope::RequestsRead],
    )
    .await;
    let filed = json!({ "email": "ada@example.com", "kind": "delete" }).to_string();
    let (status, request) = send(&app, "POST", "/api/v1/requests", Some(&key), filed).await;
    let cancel = format!(
        "/api/v1/requests/{}/cancel",
        request["id"].as_str().unwrap()
    );
    let (status_without_scope, _) = send(&app, "POST", &cancel, Some(&key), String::new()).await;
    assert_eq!(
        status_without_scope,
        StatusCode::FORBIDDEN,
        "filing is not cancelling"
    );
    let key = common::key(&backend, "support", &[ApiScope::RequestsCancel]).await;
    assert_eq!(
        (status, request["status"].as_str()),
        (StatusCode::CREATED, Some("verified"))
    );
    let (status, _) = send(&app, "POST", &cancel, Some(&key), String::new()).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, envelope) = send(&app, "POST", &cancel, Some(&key), String::new()).await;
    assert_eq!(
        (status, envelope["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
}

async fn a_correction_waits_for_approval(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let key = common::key(&backend, "product", &[ApiScope::RequestsWrite]).await;
    let filed = json!({ "email": "ada@example.com", "kind": "correct" }).to_string();
    let (_, request) = send(&app, "POST", "/api/v1/requests", Some(&key), filed).await;
    assert_eq!(request["status"], "pending_approval");
    let approve = format!(
        "/api/v1/requests/{}/approve",
        request["id"].as_str().unwrap()
    );
    let (status, _) = send(&app, "POST", &approve, Some(&key), String::new()).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the filing key cannot approve what it files"
    );
    let staff = common::key(&backend, "privacy-ops", &[ApiScope::RequestsApprove]).await;
    let (status, _) = send(&app, "POST", &approve, Some(&staff), String::new()).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = send(&app, "POST", &approve, Some(&staff), String::new()).await;
    assert_eq!(status, StatusCode::CONFLICT, "approved once");
}

async fn staff_deny_with_a_reason_the_filing_key_cannot(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let key = common::key(&backend, "product", &[ApiScope::RequestsWrite]).await;
    let filed = json!({ "email": "ada@example.com", "kind": "correct" }).to_string();
    let (_, request) = send(&app, "POST", "/api/v1/requests", Some(&key), filed).await;
    let deny = format!("/api/v1/requests/{}/deny", request["id"].as_str().unwrap());
    let body =
        |reason: &str| json!({ "reason": reason, "message": "No such account." }).to_string();

    let (status, _) = send(&app, "POST", &deny, Some(&key), body("not_covered")).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the filing key cannot decide"
    );
    let staff = common::key(&backend, "privacy-ops", &[ApiScope::RequestsApprove]).await;
    let (status, envelope) = send(&app, "POST", &deny, Some(&staff), body("whim")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = envelope["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("reason: ") && message.contains("not_covered"),
        "{message}"
    );
    let (status, view) = send(&app, "POST", &deny, Some(&staff), body("not_covered")).await;
    assert_eq!(
        (
            status,
            view["status"].as_str(),
            view["denial_reason"].as_str()
        ),
        (StatusCode::OK, Some("denied"), Some("not_covered"))
    );
    let (status, _) = send(&app, "POST", &deny, Some(&staff), body("not_covered")).await;
    assert_eq!(status, StatusCode::CONFLICT, "denied once");
}

backend::db_tests!(
    staff_deny_with_a_reason_the_filing_key_cannot,
    a_system_calls_back_and_staff_finish_the_rest,
    a_deletion_is_canceled_in_its_grace_period,
    a_correction_waits_for_approval,
);
