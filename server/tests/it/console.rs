//! The staff console over HTTP: sign-in sets a console cookie of its own; every write route
//! is replayed as `legal`, with a portal session and with no session, and each is refused
//! with nothing changed; an operator's own posts work; pages show each role what it may do.

use std::net::SocketAddr;

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{Request, Response, StatusCode, header},
};
use backend::{
    Backend,
    staff::{NewStaff, Password},
    testing::TestDb,
};
use domain::{Email, RequestStatus, StaffRole};
use http_body_util::BodyExt;
use tower::ServiceExt;
use uuid::Uuid;

use crate::common;

const HOST: &str = "127.0.0.1:3000";
const PASSWORD: &str = "correct horse battery";
const BOUNDARY: &str = "XyZconsoleBoundary";

pub(crate) fn request(
    method: &str,
    path: &str,
    cookie: Option<&str>,
) -> axum::http::request::Builder {
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::ACCEPT, "text/html")
        .extension(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 50000))));
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    builder
}

pub(crate) async fn send(app: &Router, request: Request<Body>) -> Response<Body> {
    app.clone().oneshot(request).await.unwrap()
}

pub(crate) async fn post_form(
    app: &Router,
    path: &str,
    form: &str,
    cookie: Option<&str>,
) -> Response<Body> {
    let request = request("POST", path, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form.to_owned()))
        .unwrap();
    send(app, request).await
}

async fn post_multipart(app: &Router, path: &str, cookie: Option<&str>) -> Response<Body> {
    let body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nscanned\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nhello\r\n--{BOUNDARY}--\r\n"
    );
    let request = request("POST", path, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap();
    send(app, request).await
}

pub(crate) async fn page(app: &Router, path: &str, cookie: &str) -> (StatusCode, String) {
    let response = send(
        app,
        request("GET", path, Some(cookie))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

pub(crate) fn location(response: &Response<Body>) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Creates an account of `role` and signs in through the form; returns the cookie pair.
pub(crate) async fn staff_cookie(
    backend: &Backend,
    app: &Router,
    address: &str,
    role: StaffRole,
) -> String {
    backend
        .create_staff(NewStaff {
            email: Email::parse(address).unwrap(),
            role,
            password: Some(Password(PASSWORD.into())),
            totp: false,
        })
        .await
        .unwrap();
    let form = format!("email={address}&password=correct+horse+battery&code=");
    let response = post_form(app, "/console/sign-in", &form, None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/console");
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    cookie.split(';').next().unwrap().to_owned()
}

/// Every console write, as (path, urlencoded form) for `id`.
fn writes(id: Uuid, operator: Uuid) -> Vec<(String, String)> {
    let reason = "reason=because";
    let mut writes: Vec<(String, String)> = [
        ("approve", String::new()),
        ("deny", "&code=other&message=No".to_owned()),
        ("assign", format!("&to={operator}")),
        ("pause", "&code=clarification".to_owned()),
        ("resume", String::new()),
        ("extend", "&code=complex".to_owned()),
        ("retry", String::new()),
        ("note", String::new()),
        ("message", String::new()),
    ]
    .into_iter()
    .map(|(action, extra)| {
        (
            format!("/console/requests/{id}/{action}"),
            format!("{reason}{extra}"),
        )
    })
    .collect();
    for action in ["approve", "deny", "assign"] {
        let form = format!("id={id}&{reason}&code=other&message=No&to={operator}");
        writes.push((format!("/console/bulk/{action}"), form));
    }
    writes.push((
        format!("/console/jobs/{}/retry", Uuid::new_v4()),
        String::new(),
    ));
    writes
}

async fn every_write_is_refused_without_an_operator(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let legal = staff_cookie(&backend, &app, "legal@example.com", StaffRole::Legal).await;
    let operator = staff_cookie(&backend, &app, "ops@example.com", StaffRole::Operator).await;
    let operator_id = backend
        .list_staff()
        .await
        .unwrap()
        .iter()
        .find(|s| s.role == StaffRole::Operator)
        .unwrap()
        .id;
    let (person, portal) = common::sign_in(&t, &backend, "ada@example.com").await;
    let correction = domain::Filing::correction("My surname", "Lovelace").unwrap();
    let id = backend.submit(person, &correction).await.unwrap();
    let task = Uuid::new_v4();

    for (who, cookie) in [
        ("legal", Some(legal.as_str())),
        ("portal", Some(portal.as_str())),
        ("nobody", None),
    ] {
        for (path, form) in writes(id, operator_id) {
            let response = post_form(&app, &path, &form, cookie).await;
            let refused = match who {
                "legal" => response.status() == StatusCode::FORBIDDEN,
                _ => {
                    response.status() == StatusCode::SEE_OTHER
                        && location(&response) == "/console/sign-in"
                }
            };
            assert!(
                refused,
                "{who} {path}: {} {}",
                response.status(),
                location(&response)
            );
        }
        let path = format!("/console/requests/{id}/tasks/{task}/complete");
        let response = post_multipart(&app, &path, cookie).await;
        let refused = match who {
            "legal" => response.status() == StatusCode::FORBIDDEN,
            _ => location(&response) == "/console/sign-in",
        };
        assert!(refused, "{who} {path}: {}", response.status());
    }
    // Nothing changed: still waiting, no note, nobody assigned.
    let seen = backend
        .console_request(&backend.list_staff().await.unwrap()[0], id)
        .await
        .unwrap();
    assert_eq!(seen.row.status, RequestStatus::PendingApproval);
    assert!(seen.notes.is_empty() && seen.messages.is_empty() && seen.row.assignee.is_none());
    assert!(!seen.chain.iter().any(|e| e.action == "justified"));

    // The operator's own posts work, and go back to the page saying so.
    let response = post_form(
        &app,
        &format!("/console/requests/{id}/approve"),
        "reason=checked",
        Some(&operator),
    )
    .await;
    assert_eq!(
        location(&response),
        format!("/console/requests/{id}?done=approve")
    );
    assert_ne!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::PendingApproval
    );
    // A missing reason is told at its field.
    let response = post_form(
        &app,
        &format!("/console/requests/{id}/note"),
        "reason=",
        Some(&operator),
    )
    .await;
    assert!(
        location(&response).contains("problem=invalid&field=reason"),
        "{}",
        location(&response)
    );
}

async fn sign_in_refusals_say_the_same_and_sign_out_ends_the_session(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let cookie = staff_cookie(&backend, &app, "ops@example.com", StaffRole::Operator).await;
    for form in [
        "email=ops@example.com&password=wrong",
        "email=nobody@example.com&password=correct+horse+battery",
        "email=not-an-address&password=x",
    ] {
        let response = post_form(&app, "/console/sign-in", form, None).await;
        assert_eq!(
            location(&response),
            "/console/sign-in?problem=unauthenticated",
            "{form}"
        );
        assert!(response.headers().get(header::SET_COOKIE).is_none());
    }
    let (status, html) = page(&app, "/console", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("ops@example.com"),
        "the queue names who is signed in"
    );
    let response = post_form(&app, "/console/sign-out", "", Some(&cookie)).await;
    assert_eq!(location(&response), "/console/sign-in");
    let (_, html) = page(&app, "/console", &cookie).await;
    assert!(html.contains("href=\"/console/sign-in\""), "signed out");
    assert!(!html.contains("ops@example.com"));
}

async fn pages_offer_each_role_what_it_may_do(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let legal = staff_cookie(&backend, &app, "legal@example.com", StaffRole::Legal).await;
    let operator = staff_cookie(&backend, &app, "ops@example.com", StaffRole::Operator).await;
    let (person, portal) = common::sign_in(&t, &backend, "ada@example.com").await;
    let correction = domain::Filing::correction("My surname", "Lovelace").unwrap();
    let id = backend.submit(person, &correction).await.unwrap();
    let path = format!("/console/requests/{id}");

    let (status, html) = page(&app, &path, &operator).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("action=\"{path}/approve\"")),
        "the operator can approve"
    );
    assert!(html.contains("ada@example.com"));
    assert!(
        html.contains("<dd>Lovelace</dd>") && !html.contains("&quot;type&quot;"),
        "what the person wrote, as labelled fields rather than JSON"
    );
    let (_, html) = page(&app, &path, &legal).await;
    assert!(html.contains("ada@example.com"), "legal reads everything");
    assert!(
        !html.contains(&format!("{path}/approve")),
        "legal is offered no writes"
    );
    let (_, html) = page(&app, &path, &portal).await;
    assert!(
        !html.contains("ada@example.com"),
        "a portal session opens nothing here"
    );
    let (_, html) = page(&app, "/console?kind=correct", &operator).await;
    assert!(html.contains(&path), "the queue links the request");
    let (status, _) = page(&app, "/console?status=sleeping", &operator).await;
    assert!(
        status.is_client_error() || status == StatusCode::OK,
        "a bad filter is no 500"
    );
}

async fn an_operator_retries_a_dead_job_from_the_health_page(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let operator = staff_cookie(&backend, &app, "ops@example.com", StaffRole::Operator).await;
    t.insert_job_row("no.such_kind", "{}").await;
    backend::jobs::Worker::new(backend.clone())
        .drain()
        .await
        .unwrap();
    let dead = backend
        .jobs_in_state(backend::jobs::JobState::Dead)
        .await
        .unwrap();
    assert_eq!(dead.len(), 1, "a row no version reads is dead at once");
    let (status, html) = page(&app, "/console/health", &operator).await;
    assert_eq!(status, StatusCode::OK);
    let retry = format!("/console/jobs/{}/retry", dead[0].id);
    assert!(html.contains(&retry), "the health page offers the retry");
    let response = post_form(&app, &retry, "", Some(&operator)).await;
    assert_eq!(location(&response), "/console/health?done=retry");
    assert!(
        backend
            .jobs_in_state(backend::jobs::JobState::Dead)
            .await
            .unwrap()
            .is_empty()
    );
    let queued = backend
        .jobs_in_state(backend::jobs::JobState::Queued)
        .await
        .unwrap();
    assert!(
        queued.iter().any(|j| j.id == dead[0].id),
        "back in the queue"
    );
    // It dies again when the worker meets it: this test means to leave it dead.
    backend::jobs::Worker::new(backend.clone())
        .drain()
        .await
        .unwrap();
    t.expect_dead_jobs(1);
}

backend::db_tests!(
    an_operator_retries_a_dead_job_from_the_health_page,
    every_write_is_refused_without_an_operator,
    sign_in_refusals_say_the_same_and_sign_out_ends_the_session,
    pages_offer_each_role_what_it_may_do,
);
