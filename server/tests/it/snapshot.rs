//! `GET /api/v1/suppression/snapshot`: the whole opt-out list as a hashed, versioned file, and
//! the changes since a version.

use crate::common;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use backend::testing::TestDb;
use domain::{Email, RequestKind, scope::ApiScope};
use http_body_util::BodyExt;
use sha2::{Digest, Sha256};
use tower::ServiceExt;

/// Fetches the snapshot; returns the status, the header line's fields and the lines.
async fn fetch(
    app: &axum::Router,
    key: &str,
    query: &str,
) -> (StatusCode, Vec<(String, String)>, Vec<String>) {
    let request = Request::get(format!("/api/v1/suppression/snapshot{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let text = String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    let Some((head, rest)) = text.split_once('\n').filter(|_| status == StatusCode::OK) else {
        return (status, Vec::new(), Vec::new());
    };
    let fields = head
        .split(' ')
        .filter_map(|f| f.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect::<Vec<_>>();
    let sha = &fields.iter().find(|(k, _)| k == "sha256").unwrap().1;
    assert_eq!(
        sha,
        &hex::encode(Sha256::digest(rest.as_bytes())),
        "the hash covers the lines"
    );
    (status, fields, rest.lines().map(str::to_owned).collect())
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    &fields.iter().find(|(k, _)| k == name).unwrap().1
}

fn hashed(email: &str) -> String {
    format!("e:{}", hex::encode(Sha256::digest(email.as_bytes())))
}

async fn the_list_and_its_changes_are_served_as_hashed_versions(t: TestDb) {
    let (backend, clock) = t.backend();
    let app = common::app(&backend);
    let key = common::key(&backend, "trainer", &[ApiScope::SuppressionRead]).await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    backend.set_training_opt_out(ada, true).await.unwrap();
    let bob = Email::parse("bob@example.com").unwrap();
    backend
        .file_request_for(&bob, Some("u-7"), RequestKind::OptOutTraining, None)
        .await
        .unwrap();

    let (status, _, lines) = fetch(&app, &key, "").await;
    assert_eq!(
        (status, lines.len()),
        (StatusCode::OK, 0),
        "not settled yet"
    );
    clock.advance(chrono::Duration::seconds(6));
    let (_, fields, lines) = fetch(&app, &key, "").await;
    let mut expected = vec![
        hashed("ada@example.com"),
        hashed("bob@example.com"),
        format!("u:{}", hex::encode(Sha256::digest(b"u-7"))),
    ];
    expected.sort();
    assert_eq!(lines, expected);
    assert_eq!(
        (field(&fields, "count"), field(&fields, "since")),
        ("3", "-")
    );
    let version = field(&fields, "version").to_owned();

    backend.set_training_opt_out(ada, false).await.unwrap();
    clock.advance(chrono::Duration::seconds(6));
    let (_, fields, lines) = fetch(&app, &key, &format!("?since={version}")).await;
    assert_eq!(lines, [format!("-{}", hashed("ada@example.com"))]);
    assert_eq!(field(&fields, "since"), version);
    let (_, _, lines) = fetch(&app, &key, "").await;
    assert_eq!(lines.len(), 2, "bob by address and by user id");

    for bad in ["?since=soon", "?since=99999999999999999", "?until=1"] {
        assert_eq!(
            fetch(&app, &key, bad).await.0,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}"
        );
    }
    let writer = common::key(&backend, "product", &[ApiScope::RequestsWrite]).await;
    assert_eq!(fetch(&app, &writer, "").await.0, StatusCode::FORBIDDEN);
    assert_eq!(fetch(&app, "rk_nope", "").await.0, StatusCode::UNAUTHORIZED);
}

backend::db_tests!(the_list_and_its_changes_are_served_as_hashed_versions);
