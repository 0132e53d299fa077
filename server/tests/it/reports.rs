//! Legal's pages and downloads over HTTP: the dashboard, the §7102 metrics as a page, CSV
//! and JSON, the deadline report, and a request's evidence bundle, for `legal`; nothing for
//! a portal session or nobody; bad input back to the dashboard, never a 500.

use axum::http::{StatusCode, header};
use backend::testing::{Fixture, TestDb};
use domain::{RequestKind, RequestStatus, StaffRole};
use http_body_util::BodyExt;

use crate::{
    common,
    console::{location, page, request, send, staff_cookie},
};

/// The status, media type and body of a GET.
async fn get(
    app: &axum::Router,
    path: &str,
    cookie: Option<&str>,
) -> (StatusCode, String, Vec<u8>) {
    let response = send(
        app,
        request("GET", path, cookie)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    let status = response.status();
    let media = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_else(|| location(&response));
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, media, bytes)
}

async fn legal_reads_the_dashboard_and_downloads_reports(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let legal = staff_cookie(&backend, &app, "legal@example.com", StaffRole::Legal).await;
    let id = backend
        .insert_fixture(&Fixture::new(
            RequestKind::Delete,
            "US-CA",
            "2025-05-01 18:00",
            RequestStatus::Completed,
            Some("2025-05-11 18:00"),
        ))
        .await;

    let (status, html) = page(&app, "/console/reports", &legal).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<svg") && html.contains("On-time rate"),
        "{html}"
    );
    assert!(html.contains("action=\"/console/reports/ccpa\""));

    let (status, media, body) = get(
        &app,
        "/console/reports/ccpa?year=2025&format=csv",
        Some(&legal),
    )
    .await;
    assert_eq!(
        (status, media.as_str()),
        (StatusCode::OK, "text/csv; charset=utf-8")
    );
    let csv = String::from_utf8(body).unwrap();
    assert!(
        csv.contains("\r\n2025,delete,1,1,0,0,0,0,0,0,0,0,1,10.0,10.0\r\n"),
        "{csv}"
    );
    let (status, media, body) = get(
        &app,
        "/console/reports/ccpa?year=2025&format=html",
        Some(&legal),
    )
    .await;
    assert_eq!(
        (status, media.as_str()),
        (StatusCode::OK, "text/html; charset=utf-8")
    );
    assert!(String::from_utf8_lossy(&body).contains("Requests to delete"));
    let response = send(
        &app,
        request("GET", "/console/reports/ccpa?year=2025", Some(&legal))
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        policy.contains("style-src 'unsafe-inline'") && !policy.contains("script-src"),
        "its own style applies, and no script may run: {policy}"
    );
    let (status, _, body) = get(
        &app,
        "/console/reports/ccpa?year=2025&format=json",
        Some(&legal),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["year"], 2025);

    let (status, _, body) = get(
        &app,
        "/console/reports/deadlines?kind=delete&format=csv",
        Some(&legal),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let report = String::from_utf8(body).unwrap();
    assert_eq!(report.lines().count(), 2, "{report}");
    assert!(report.contains(&id.to_string()));
    let (status, _, body) = get(&app, "/console/reports/deadlines?format=json", Some(&legal)).await;
    assert_eq!(status, StatusCode::OK);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&body).unwrap();
    assert_eq!(rows.len(), 1);

    let (status, media, body) = get(
        &app,
        &format!("/console/requests/{id}/evidence.zip"),
        Some(&legal),
    )
    .await;
    assert_eq!(
        (status, media.as_str()),
        (StatusCode::OK, "application/zip")
    );
    assert!(body.starts_with(b"PK"));

    for bad in [
        "/console/reports/ccpa?year=twenty&format=csv",
        "/console/reports/ccpa?year=2025&format=pdf",
        "/console/reports/deadlines?regime=mars",
        "/console/reports/deadlines?from=2025-13-01",
    ] {
        let (status, to, _) = get(&app, bad, Some(&legal)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{bad}");
        assert!(to.starts_with("/console/reports?"), "{bad} → {to}");
    }
}

async fn nobody_else_gets_a_report(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let (_, portal) = common::sign_in(&t, &backend, "ada@example.com").await;
    let id = uuid::Uuid::new_v4();
    for path in [
        "/console/reports/ccpa?year=2025&format=csv".to_owned(),
        "/console/reports/deadlines".to_owned(),
        format!("/console/requests/{id}/evidence.zip"),
    ] {
        for cookie in [Some(portal.as_str()), None] {
            let (status, to, _) = get(&app, &path, cookie).await;
            assert_eq!(
                (status, to.as_str()),
                (StatusCode::SEE_OTHER, "/console/sign-in"),
                "{path}"
            );
        }
    }
    let (_, html) = page(&app, "/console/reports", &portal).await;
    assert!(!html.contains("<svg"), "a portal session sees no dashboard");
}

backend::db_tests!(
    legal_reads_the_dashboard_and_downloads_reports,
    nobody_else_gets_a_report,
);
