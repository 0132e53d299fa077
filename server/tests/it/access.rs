//! The access-control matrix: for every route that takes an id, somebody who may not see a
//! resource gets exactly the answer an unknown id gets, so nothing tells them it exists.
//! Person A tries person B's requests through the portal's routes; a key without the scope,
//! no key, and an unsigned callback try every API route that takes an id.

use crate::common;

use axum::http::StatusCode;
use backend::{
    Backend,
    fulfilment::Upload,
    jobs::Worker,
    testing::{TestDb, manual_system},
};
use common::{send_with, sign_in};
use domain::{Actor, RequestKind, SubjectId, scope::ApiScope, system::Capability};
use serde_json::Value;
use uuid::Uuid;

const HOST: &str = "127.0.0.1:3000";

/// A completed export of `who`'s, through a manual system; returns the request and its task.
async fn export_of(backend: &Backend, who: SubjectId) -> (Uuid, Uuid) {
    let id = backend
        .submit_request(who, RequestKind::Export)
        .await
        .unwrap();
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    let task = backend.tasks_of(id).await.unwrap()[0].id;
    let upload = Upload {
        bytes: b"scanned letter".to_vec(),
    };
    backend
        .complete_manual_task(task, "scanned", Some(upload), Actor::Cli)
        .await
        .unwrap();
    worker.drain().await.unwrap();
    (id, task)
}

/// The answer to `method uri` with `headers`: status and body.
async fn answer(
    app: &axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, Value) {
    let (status, mut body) = send_with(app, method, uri, headers, "{}".to_owned()).await;
    // Each answer has its own request id; everything else must be the same.
    if let Some(error) = body.get_mut("error").and_then(Value::as_object_mut) {
        error.remove("request_id");
    }
    (status, body)
}

async fn nobody_learns_that_anothers_resource_exists(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let archive = manual_system("archive", &[Capability::AccessExport]);
    backend.add_system(archive).await.unwrap();
    let (_, ada) = sign_in(&t, &backend, "ada@example.com").await;
    let (bob, _) = sign_in(&t, &backend, "bob@example.com").await;
    let (request, task) = export_of(&backend, bob).await;
    let unknown = Uuid::new_v4();

    let origin = format!("http://{HOST}");
    let as_ada = [
        ("host", HOST),
        ("origin", origin.as_str()),
        ("cookie", ada.as_str()),
    ];
    for (method, template) in [("GET", "/exports/{}"), ("POST", "/exports/{}/reissue")] {
        let theirs = answer(
            &app,
            method,
            &template.replace("{}", &request.to_string()),
            &as_ada,
        )
        .await;
        let nobodys = answer(
            &app,
            method,
            &template.replace("{}", &unknown.to_string()),
            &as_ada,
        )
        .await;
        assert_eq!(theirs, nobodys, "{method} {template} as another person");
        assert_eq!(theirs.0, StatusCode::NOT_FOUND, "{method} {template}");
    }

    // The portal's server functions: the status page, canceling, asking for the file again,
    // and appealing, each with another person's id in the URL or the form.
    let as_ada_form = [
        ("host", HOST),
        ("origin", origin.as_str()),
        ("cookie", ada.as_str()),
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    for (method, template, body) in [
        ("GET", "/api/requests/page?id={}", ""),
        ("POST", "/api/requests/cancel", "id={}"),
        ("POST", "/api/requests/reissue", "id={}"),
        ("POST", "/api/requests/file", "kind=appeal&appeal_of={}"),
        ("POST", "/api/requests/message", "id={}&body=hello"),
    ] {
        let call = |id: Uuid| {
            let uri = template.replace("{}", &id.to_string());
            let body = body.replace("{}", &id.to_string());
            let app = app.clone();
            let headers = as_ada_form;
            async move { common::send_with(&app, method, &uri, &headers, body).await }
        };
        let theirs = call(request).await;
        assert_eq!(
            theirs,
            call(unknown).await,
            "{method} {template} as another person"
        );
        assert_eq!(
            theirs.0,
            StatusCode::NOT_FOUND,
            "{method} {template}: {theirs:?}"
        );
    }

    let pipeline = common::key(&backend, "pipeline", &[ApiScope::SuppressionRead]).await;
    let bearer = format!("Bearer {pipeline}");
    let callers: [(&str, Vec<(&str, &str)>); 2] = [
        (
            "a key without the scope",
            vec![("authorization", bearer.as_str())],
        ),
        ("no key", vec![]),
    ];
    let routes = [
        ("GET", "/api/v1/requests/{}", request),
        ("GET", "/api/v1/requests/{}/tasks", request),
        ("POST", "/api/v1/requests/{}/retry", request),
        ("POST", "/api/v1/requests/{}/cancel", request),
        ("POST", "/api/v1/requests/{}/approve", request),
        ("POST", "/api/v1/requests/{}/deny", request),
        ("POST", "/api/v1/requests/{}/messages", request),
        ("GET", "/api/v1/requests/{}/messages", request),
        ("GET", "/api/v1/requests/{}/particulars", request),
        ("POST", "/api/v1/tasks/{}/complete", task),
    ];
    for (who, headers) in &callers {
        for (method, template, id) in routes {
            let real = answer(
                &app,
                method,
                &template.replace("{}", &id.to_string()),
                headers,
            )
            .await;
            let fake = answer(
                &app,
                method,
                &template.replace("{}", &unknown.to_string()),
                headers,
            )
            .await;
            assert_eq!(real, fake, "{method} {template} with {who}");
            assert!(
                real.0.is_client_error(),
                "{method} {template} with {who}: {real:?}"
            );
        }
    }
    let forged = [("rightful-signature", "t=1,v1=00")];
    for headers in [&forged[..], &[]] {
        let real = answer(&app, "POST", &format!("/api/v1/callbacks/{task}"), headers).await;
        let fake = answer(
            &app,
            "POST",
            &format!("/api/v1/callbacks/{unknown}"),
            headers,
        )
        .await;
        assert_eq!(real, fake, "a callback with {headers:?}");
        assert_eq!(real.0, StatusCode::UNAUTHORIZED);
    }
}

backend::db_tests!(nobody_learns_that_anothers_resource_exists);
