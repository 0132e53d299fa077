//! The REST API in-process: API keys and scopes, the suppression check, and the error envelope.

use crate::common;

use axum::{Router, http::StatusCode};
use backend::testing::TestDb;
use common::{app, send};
use domain::scope::ApiScope;
use serde_json::{Value, json};

async fn check(app: &Router, key: Option<&str>, body: String) -> (StatusCode, Value) {
    send(app, "POST", "/api/v1/suppression/check", key, body).await
}

fn emails(list: &[&str]) -> String {
    json!({ "identities": list.iter().map(|e| json!({ "email": e })).collect::<Vec<_>>() })
        .to_string()
}

async fn the_suppression_check_answers_who_opted_out(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let key = common::key(&backend, "pipeline", &[ApiScope::SuppressionRead]).await;
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

    // People named by the product's user id.
    let writer = common::key(&backend, "product", &[ApiScope::RequestsWrite]).await;
    let filed =
        json!({ "email": "grace@example.com", "user_id": "u-42", "kind": "opt_out_training" });
    let (status, _) = call(&app, "POST", "/api/v1/requests", &writer, Some(filed)).await;
    assert_eq!(status, StatusCode::CREATED);
    let by_id = json!({ "identities": [{ "user_id": "u-42" }, { "user_id": "u-7" }, { "email": "ada@example.com" }] });
    let (_, body) = check(&app, Some(&key), by_id.to_string()).await;
    assert_eq!(
        body["opted_out"],
        json!([{ "email": "ada@example.com" }, { "user_id": "u-42" }])
    );

    backend.set_training_opt_out(ada, false).await.unwrap();
    let (_, body) = check(&app, Some(&key), emails(&["ada@example.com"])).await;
    assert_eq!(body["opted_out"], json!([]));
}

async fn keys_and_scopes_are_enforced(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let reader = common::key(&backend, "crm", &[ApiScope::RequestsRead]).await;
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
    let key = common::key(&backend, "pipeline", &[ApiScope::SuppressionRead]).await;
    let cases = [
        (
            emails(&["ada@example.com", "not-an-address"]),
            "identities[1].email",
        ),
        (
            json!({ "identities": [{ "user_id": " " }] }).to_string(),
            "identities[0].user_id",
        ),
        (
            json!({ "identities": [{ "email": "a@example.com", "user_id": "u1" }] }).to_string(),
            "identities[0]",
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

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    key: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    send(
        app,
        method,
        uri,
        Some(key),
        body.map(|b| b.to_string()).unwrap_or_default(),
    )
    .await
}

async fn the_product_files_and_reads_requests(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let writer = common::key(&backend, "product", &[ApiScope::RequestsWrite]).await;
    let reader = common::key(&backend, "dashboard", &[ApiScope::RequestsRead]).await;
    let new = json!({ "email": "Ada@Example.com", "user_id": "u-1", "kind": "access", "jurisdiction": "de" });

    assert_eq!(
        call(&app, "POST", "/api/v1/requests", &reader, Some(new.clone()))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (status, created) = call(&app, "POST", "/api/v1/requests", &writer, Some(new)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        (created["kind"].as_str(), created["status"].as_str()),
        (Some("access"), Some("in_progress"))
    );
    assert_eq!(created["jurisdiction"], "DE");
    assert!(
        created["respond_by"].is_string() && !created.to_string().contains("ada@"),
        "{created}"
    );

    let id = created["id"].as_str().unwrap();
    let (status, shown) = call(
        &app,
        "GET",
        &format!("/api/v1/requests/{id}"),
        &reader,
        None,
    )
    .await;
    assert_eq!((status, &shown), (StatusCode::OK, &created));
    let (status, missing) = call(
        &app,
        "GET",
        &format!("/api/v1/requests/{}", uuid::Uuid::new_v4()),
        &reader,
        None,
    )
    .await;
    assert_eq!(
        (status, missing["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    assert_eq!(
        call(&app, "GET", "/api/v1/requests/nope", &reader, None)
            .await
            .0,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // An opt-out takes effect at once, and asking again returns the same request.
    let opt_out = json!({ "email": "ada@example.com", "kind": "opt_out_training" });
    let (_, first) = call(
        &app,
        "POST",
        "/api/v1/requests",
        &writer,
        Some(opt_out.clone()),
    )
    .await;
    let (_, again) = call(&app, "POST", "/api/v1/requests", &writer, Some(opt_out)).await;
    assert_eq!(
        (first["status"].as_str(), &first["id"]),
        (Some("completed"), &again["id"])
    );
}

async fn listing_pages_by_keyset_and_filters(t: TestDb) {
    let (backend, clock) = t.backend();
    let app = app(&backend);
    let writer = common::key(
        &backend,
        "product",
        &[ApiScope::RequestsWrite, ApiScope::RequestsRead],
    )
    .await;
    for (i, kind) in ["access", "export", "access", "delete", "access"]
        .iter()
        .enumerate()
    {
        let new = json!({ "email": format!("p{i}@example.com"), "kind": kind });
        assert_eq!(
            call(&app, "POST", "/api/v1/requests", &writer, Some(new))
                .await
                .0,
            StatusCode::CREATED
        );
        clock.advance(chrono::Duration::seconds(1));
    }
    let mut seen = Vec::new();
    let mut uri = "/api/v1/requests?limit=2".to_owned();
    loop {
        let (status, page) = call(&app, "GET", &uri, &writer, None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_owned()),
        );
        match page["next"].as_str() {
            Some(next) => uri = format!("/api/v1/requests?limit=2&after={next}"),
            None => break,
        }
    }
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!((seen.len(), unique.len()), (5, 5));
    let (_, accesses) = call(&app, "GET", "/api/v1/requests?kind=access", &writer, None).await;
    assert_eq!(accesses["items"].as_array().unwrap().len(), 3);
    for bad in [
        "limit=0",
        "limit=501",
        "status=asleep",
        "kind=erase",
        "after=x",
        "colour=red",
    ] {
        let (status, body) = call(
            &app,
            "GET",
            &format!("/api/v1/requests?{bad}"),
            &writer,
            None,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
}

async fn filing_refuses_bad_input_by_field(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let writer = common::key(&backend, "product", &[ApiScope::RequestsWrite]).await;
    let cases = [
        (json!({ "email": "nope", "kind": "access" }), "email:"),
        (
            json!({ "email": "a@example.com", "kind": "erase" }),
            "kind:",
        ),
        (
            json!({ "email": "a@example.com", "kind": "access", "jurisdiction": "XX" }),
            "jurisdiction:",
        ),
        (
            json!({ "email": "a@example.com", "kind": "appeal", "jurisdiction": "US-CA" }),
            "kind:",
        ),
        (
            json!({ "email": "a@example.com", "kind": "access", "extra": 1 }),
            "body:",
        ),
        (json!({ "kind": "access" }), "body:"),
    ];
    for (body, field) in cases {
        let (status, envelope) = call(&app, "POST", "/api/v1/requests", &writer, Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{envelope}");
        assert!(
            envelope["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with(field),
            "{envelope}"
        );
    }
}

async fn a_user_id_held_by_another_person_is_a_conflict(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let writer = common::key(&backend, "product", &[ApiScope::RequestsWrite]).await;
    let ada = json!({ "email": "ada@example.com", "user_id": "u-1", "kind": "access" });
    let (status, _) = call(&app, "POST", "/api/v1/requests", &writer, Some(ada)).await;
    assert_eq!(status, StatusCode::CREATED);
    for eve in [
        json!({ "email": "eve@example.com", "user_id": "u-1", "kind": "access" }),
        json!({ "email": "eve@example.com", "kind": "access" }),
    ] {
        let (status, envelope) = call(&app, "POST", "/api/v1/requests", &writer, Some(eve)).await;
        if status == StatusCode::CREATED {
            continue; // eve without a user id, then claiming ada's below
        }
        assert_eq!(status, StatusCode::CONFLICT, "{envelope}");
        assert!(
            envelope["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("user_id:"),
            "{envelope}"
        );
    }
    let claim = json!({ "email": "eve@example.com", "user_id": "u-1", "kind": "access" });
    let (status, _) = call(&app, "POST", "/api/v1/requests", &writer, Some(claim)).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "an existing person cannot take it either"
    );
}

async fn a_revoked_key_is_refused_at_once(t: TestDb) {
    let (backend, _) = t.backend();
    let app = app(&backend);
    let key = common::key(&backend, "pipeline", &[ApiScope::SuppressionRead]).await;
    let (status, _) = check(&app, Some(&key), emails(&["ada@example.com"])).await;
    assert_eq!(status, StatusCode::OK);
    let prefix = key.split('_').nth(1).unwrap();
    backend.revoke_api_key(prefix).await.unwrap();
    let (status, _) = check(&app, Some(&key), emails(&["ada@example.com"])).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let listed = backend.list_api_keys().await.unwrap();
    assert!(listed[0].revoked_at.is_some());
}

async fn the_openapi_document_describes_every_endpoint(t: TestDb) {
    let (backend, _) = t.backend();
    let (status, doc) = send(
        &app(&backend),
        "GET",
        "/api/v1/openapi.json",
        None,
        String::new(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/requests",
        "/api/v1/requests/{id}",
        "/api/v1/requests/{id}/tasks",
        "/api/v1/requests/{id}/retry",
        "/api/v1/requests/{id}/cancel",
        "/api/v1/requests/{id}/approve",
        "/api/v1/requests/{id}/deny",
        "/api/v1/tasks/{id}/complete",
        "/api/v1/callbacks/{task}",
        "/api/v1/suppression/check",
        "/api/v1/suppression/snapshot",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["RequestView"].is_object());
    // The constraints the handlers enforce are stated, so tools generate valid input.
    let new_request = &doc["components"]["schemas"]["NewRequest"]["properties"];
    let kinds = new_request["kind"]["enum"].as_array().unwrap();
    assert_eq!(kinds.len(), domain::RequestKind::ALL.len());
    assert!(kinds.contains(&json!("access")));
    assert_eq!(new_request["email"]["format"], "email");
    assert_eq!(new_request["user_id"]["maxLength"], 200);
    assert!(new_request["jurisdiction"]["pattern"].is_string());
    let list = &doc["paths"]["/api/v1/requests"]["get"]["parameters"];
    let limit = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert_eq!(limit["schema"]["maximum"], 500);
    let show = &doc["paths"]["/api/v1/requests/{id}"]["get"]["parameters"][0];
    assert_eq!(show["schema"]["format"], "uuid");
    assert_eq!(
        doc["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );
}

backend::db_tests!(
    the_product_files_and_reads_requests,
    listing_pages_by_keyset_and_filters,
    filing_refuses_bad_input_by_field,
    the_suppression_check_answers_who_opted_out,
    keys_and_scopes_are_enforced,
    bad_input_names_the_field,
    the_openapi_document_describes_every_endpoint,
    a_user_id_held_by_another_person_is_a_conflict,
    a_revoked_key_is_refused_at_once,
);
