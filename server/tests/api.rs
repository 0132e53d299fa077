//! The REST API in-process: API keys and scopes, the suppression check, and the error envelope.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use backend::testing::TestDb;
use domain::scope::ApiScope;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use serde_json::{Value, json};
use server::{router::router, state::AppState};
use tower::ServiceExt;

async fn check(app: &Router, key: Option<&str>, body: String) -> (StatusCode, Value) {
    let mut request =
        Request::post("/api/v1/suppression/check").header(header::CONTENT_TYPE, "application/json");
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn app(backend: &backend::Backend) -> Router {
    let leptos = LeptosOptions::builder().output_name("rightful").build();
    router(AppState {
        leptos,
        backend: backend.clone(),
    })
}

fn emails(list: &[&str]) -> String {
    json!({ "identities": list.iter().map(|e| json!({ "email": e })).collect::<Vec<_>>() })
        .to_string()
}

async fn the_suppression_check_answers_who_opted_out(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let key = backend
        .create_api_key("pipeline", &[ApiScope::SuppressionRead])
        .await
        .unwrap()
        .0;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    t.sign_in(&backend, "eve@example.com").await;
    backend.set_training_opt_out(ada, true).await.unwrap();

    let (status, body) = check(
        &app,
        Some(&key),
        emails(&["eve@example.com", "ADA@example.com", "nobody@example.com"]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["opted_out"], json!([{ "email": "ada@example.com" }]));
    assert_eq!(body["checked"], 3);

    // Many identities at once are checked in chunks.
    let mut many: Vec<String> = (0..5_000)
        .map(|i| format!("person{i}@example.com"))
        .collect();
    many.push("ada@example.com".into());
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let (status, body) = check(&app, Some(&key), emails(&refs)).await;
    assert_eq!(
        (status, body["opted_out"].as_array().unwrap().len()),
        (StatusCode::OK, 1)
    );

    backend.set_training_opt_out(ada, false).await.unwrap();
    let (_, body) = check(&app, Some(&key), emails(&["ada@example.com"])).await;
    assert_eq!(body["opted_out"], json!([]));
}

async fn keys_and_scopes_are_enforced(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let reader = backend
        .create_api_key("crm", &[ApiScope::RequestsRead])
        .await
        .unwrap()
        .0;
    let body = emails(&["ada@example.com"]);
    let (status, envelope) = check(&app, None, body.clone()).await;
    assert_eq!(
        (status, envelope["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
    );
    assert_eq!(
        check(&app, Some("rk_nope_nope"), body.clone()).await.0,
        StatusCode::UNAUTHORIZED
    );
    let forged = format!("{}x", &reader[..reader.len() - 1]);
    assert_eq!(
        check(&app, Some(&forged), body.clone()).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        check(&app, Some(&reader), body).await.0,
        StatusCode::FORBIDDEN
    );
}

async fn bad_input_names_the_field(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let key = backend
        .create_api_key("pipeline", &[ApiScope::SuppressionRead])
        .await
        .unwrap()
        .0;
    let cases = [
        (
            emails(&["ada@example.com", "not-an-address"]),
            "identities[1].email",
        ),
        (
            json!({ "identities": [{ "user_id": "u1" }] }).to_string(),
            "identities[0].user_id",
        ),
        (json!({ "identities": [{}] }).to_string(), "identities[0]"),
        ("{not json".to_owned(), "body:"),
        (json!({ "people": [] }).to_string(), "body:"),
    ];
    for (body, field) in cases {
        let (status, envelope) = check(&app, Some(&key), body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{envelope}");
        assert!(
            envelope["error"]["message"]
                .as_str()
                .unwrap()
                .contains(field),
            "{envelope}"
        );
    }
    let too_many: Vec<String> = (0..100_001).map(|i| format!("p{i}@example.com")).collect();
    let refs: Vec<&str> = too_many.iter().map(String::as_str).collect();
    let (status, envelope) = check(&app, Some(&key), emails(&refs)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        envelope["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at most 100000")
    );
}

backend::db_tests!(
    the_suppression_check_answers_who_opted_out,
    keys_and_scopes_are_enforced,
    bad_input_names_the_field,
);
