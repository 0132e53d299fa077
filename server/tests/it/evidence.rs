//! The remove-from-outputs form with its evidence files, posted as a browser posts it
//! without JavaScript (multipart), and each file's download: its owner's only.

use crate::common::{self, sign_in};

use std::net::SocketAddr;

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{Request, Response, StatusCode, header},
};
use backend::testing::{TestDb, files_under};
use http_body_util::BodyExt;
use tower::ServiceExt;
use uuid::Uuid;

const HOST: &str = "127.0.0.1:3000";
const BOUNDARY: &str = "----rightful-test-boundary";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR screenshot";

/// A multipart body with the three statements (unless `skip` names one) and `files`.
fn form(files: &[(&str, &[u8])], skip: Option<&str>) -> Vec<u8> {
    let mut body = Vec::new();
    let statements = [
        ("prompts", "who is Ada?"),
        ("outputs", "Ada lives at 1 Main St"),
        ("reason", "that is my home address"),
    ];
    for (name, value) in statements.iter().filter(|(n, _)| Some(*n) != skip) {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"evidence\"; \
             filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    body
}

async fn post(app: &Router, body: Vec<u8>, cookie: Option<&str>) -> Response<Body> {
    let mut request = Request::post("/requests/remove-from-outputs")
        .extension(peer())
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::ACCEPT, "text/html")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::CONTENT_LENGTH, body.len());
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    app.clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap()
}

fn peer() -> ConnectInfo<SocketAddr> {
    ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 50000)))
}

fn location(response: &Response<Body>) -> String {
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned()
}

async fn get(app: &Router, uri: &str, cookie: Option<&str>) -> (StatusCode, Vec<u8>) {
    let mut request = Request::get(uri)
        .extension(peer())
        .header(header::HOST, HOST);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, body.to_vec())
}

/// A JSON error answer without its request id.
fn answer((status, body): (StatusCode, Vec<u8>)) -> (StatusCode, serde_json::Value) {
    let mut json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    json["error"].as_object_mut().unwrap().remove("request_id");
    (status, json)
}

async fn the_form_files_the_request_with_its_files(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let (ada, cookie) = sign_in(&t, &backend, "ada@example.com").await;
    let (_, eve) = sign_in(&t, &backend, "eve@example.com").await;

    let filed = post(
        &app,
        form(&[("chat.png", PNG), ("", b"")], None),
        Some(&cookie),
    )
    .await;
    let to = location(&filed);
    let id: Uuid = to.strip_prefix("/requests/").unwrap().parse().unwrap();
    let page = backend.request_page(ada, id).await.unwrap();
    assert_eq!(page.evidence.len(), 1, "an empty file input adds nothing");

    let uri = format!("/requests/{id}/evidence/{}", page.evidence[0].id);
    let (status, body) = get(&app, &uri, Some(&cookie)).await;
    assert_eq!((status, body.as_slice()), (StatusCode::OK, PNG));

    // Another person, and nobody, learn nothing: the same answer as for an unknown file
    // (but for the answer's own request id).
    let unknown = format!("/requests/{id}/evidence/{}", Uuid::new_v4());
    let theirs = answer(get(&app, &uri, Some(&eve)).await);
    assert_eq!(theirs, answer(get(&app, &unknown, Some(&eve)).await));
    assert_eq!(theirs.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &uri, None).await.0, StatusCode::UNAUTHORIZED);
}

async fn a_refused_form_goes_back_to_its_page_with_the_problem(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let (ada, cookie) = sign_in(&t, &backend, "ada@example.com").await;
    // The form is shown once the person has said where they live.
    let england = domain::JurisdictionCode::parse("GB-ENG").unwrap();
    backend
        .set_subject_jurisdiction(ada, &england)
        .await
        .unwrap();
    let page = "/requests/new/remove_from_outputs";
    let six = [("a.txt", &b"a"[..]); 6];
    let big = vec![b'a'; domain::evidence::MAX_TOTAL_BYTES + 1];
    // Over what the route reads at all: cut off, and still told apart at the field.
    let huge = vec![b'a'; domain::evidence::MAX_TOTAL_BYTES + 3 * 1024 * 1024];
    let cases: [(Vec<u8>, &str); 5] = [
        (form(&six, None), "field=evidence&code=evidence.too_many"),
        (
            form(&[("photo.png", b"MZ\x90\0")], None),
            "field=evidence&code=evidence.type",
        ),
        (
            form(&[("big.txt", &big)], None),
            "field=evidence&code=evidence.too_large",
        ),
        (
            form(&[("huge.txt", &huge)], None),
            "field=evidence&code=evidence.too_large",
        ),
        (
            form(&[], Some("reason")),
            "field=reason&code=statement.missing",
        ),
    ];
    for (body, expected) in cases {
        let back = location(&post(&app, body, Some(&cookie)).await);
        assert_eq!(back, format!("{page}?problem=invalid&{expected}"));
    }
    let too_large = format!("{page}?problem=invalid&field=evidence&code=evidence.too_large");
    let (status, shown) = get(&app, &too_large, Some(&cookie)).await;
    let shown = String::from_utf8(shown).unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(
        shown.contains(r#"id="evidence-error""#) && shown.contains("The files may be 10 MB in all"),
        "the problem is shown at its field"
    );
    let blobs = t.dir.path().join("blobs");
    assert!(files_under(&blobs).is_empty(), "{:?}", files_under(&blobs));

    let anonymous = post(&app, form(&[("chat.png", PNG)], None), None).await;
    assert_eq!(
        location(&anonymous),
        "/sign-in?next=%2Frequests%2Fnew%2Fremove_from_outputs"
    );
}

backend::db_tests!(
    the_form_files_the_request_with_its_files,
    a_refused_form_goes_back_to_its_page_with_the_problem,
);
