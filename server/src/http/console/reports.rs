//! Legal's downloads from the console: the §7102 metrics for a year (a publishable HTML
//! page, CSV or JSON), the deadline report with its filters (CSV or JSON, streamed page by
//! page), and one request's evidence bundle (ZIP). Every member of staff may read them; bad
//! input goes back to the dashboard with the problem named.

use std::collections::HashMap;

use axum::{
    body::{Body, Bytes},
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};
use backend::{
    Backend, Error,
    reports::{DeadlineCursor, DeadlineWriter},
};
use chrono::{DateTime, Utc};
use domain::{
    Language, ValidationError,
    report::{DeadlineFilter, ReportFormat},
};
use futures_util::stream;
use uuid::Uuid;

use super::session;
use crate::http::state::AppState;

/// Where a refused download goes back to.
const PAGE: &str = "/console/reports";

/// Lines read from the database per chunk of the deadline report.
const CHUNK: u64 = 2_000;

/// `GET /console/reports/ccpa?year=…&format=html|csv|json`.
pub async fn ccpa(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(refused) = session::staff(&state, &headers).await {
        return refused;
    }
    let parsed = (|| {
        let year = query.get("year").map(|y| y.trim()).unwrap_or_default();
        let year: i32 = year
            .parse()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or_else(|| ValidationError::new("year", "year.invalid", "a year like 2026"))?;
        let format = query.get("format").map_or("html", String::as_str);
        Ok::<_, ValidationError>((year, format.parse::<ReportFormat>()?))
    })();
    let (year, format) = match parsed {
        Ok(parsed) => parsed,
        Err(invalid) => return session::back(&headers, PAGE, Error::Validation(invalid)),
    };
    let report = match state.backend.ccpa_report(year).await {
        Ok(report) => report,
        Err(err) => return session::back(&headers, PAGE, err),
    };
    let name = format!("ccpa-7102-{year}");
    match format {
        ReportFormat::Html => {
            let language = app::ssr::language_in(&headers).unwrap_or(Language::En);
            let page = app::reports::ccpa_document(&report, language);
            let mut response = file(page.into(), "text/html; charset=utf-8", None);
            // The page is static: no scripts, its own inline style, escaped text.
            response.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
                ),
            );
            response
        }
        ReportFormat::Csv => file(
            report.csv().into(),
            "text/csv; charset=utf-8",
            Some(&format!("{name}.csv")),
        ),
        ReportFormat::Json => match serde_json::to_vec_pretty(&report) {
            Ok(json) => file(
                json.into(),
                "application/json",
                Some(&format!("{name}.json")),
            ),
            Err(e) => session::back(&headers, PAGE, Error::Internal(e.into())),
        },
    }
}

/// `GET /console/reports/deadlines?regime=&kind=&from=&to=&outcome=&format=csv|json`.
pub async fn deadlines(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(refused) = session::staff(&state, &headers).await {
        return refused;
    }
    let get = |name: &str| query.get(name).map(String::as_str);
    let parsed = DeadlineFilter::parse(
        get("regime"),
        get("kind"),
        get("from"),
        get("to"),
        get("outcome"),
    )
    .and_then(|filter| {
        let format: ReportFormat = get("format").unwrap_or("csv").parse()?;
        if format == ReportFormat::Html {
            return Err(ValidationError::new(
                "format",
                "format.invalid",
                "csv or json",
            ));
        }
        Ok((filter, format))
    });
    let (filter, format) = match parsed {
        Ok(parsed) => parsed,
        Err(invalid) => return session::back(&headers, PAGE, Error::Validation(invalid)),
    };
    let json = format == ReportFormat::Json;
    let now = state.backend.now();
    let body = Body::from_stream(chunks(state.backend.clone(), filter, json, now));
    let (media, name) = if json {
        ("application/json", "deadlines.json")
    } else {
        ("text/csv; charset=utf-8", "deadlines.csv")
    };
    with_headers(body.into_response(), media, Some(name))
}

/// `GET /console/requests/{id}/evidence.zip`.
pub async fn evidence(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Err(refused) = session::staff(&state, &headers).await {
        return refused;
    }
    let Ok(id) = id.parse::<Uuid>() else {
        return session::back(&headers, "/console", Error::NotFound("request"));
    };
    match state.backend.evidence_bundle(id).await {
        Ok(zip) => file(
            zip.into(),
            "application/zip",
            Some(&format!("evidence-{id}.zip")),
        ),
        Err(err) => session::back(&headers, &format!("/console/requests/{id}"), err),
    }
}

/// The report as a stream of chunks: the header (or `[`), then a chunk per page read.
fn chunks(
    backend: Backend,
    filter: DeadlineFilter,
    json: bool,
    now: DateTime<Utc>,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    let writer = DeadlineWriter::new(json);
    let start = writer.start();
    // (the next page's cursor, `None` once done; the writer; text waiting to go out).
    let state = (Some(None::<DeadlineCursor>), writer, start);
    stream::unfold(state, move |(after, mut writer, mut text)| {
        let (backend, filter) = (backend.clone(), filter.clone());
        async move {
            let after = after?;
            let page = match backend
                .deadline_report_page(&filter, after, CHUNK, now)
                .await
            {
                Ok(page) => page,
                Err(err) => {
                    tracing::error!(error = %err, "the deadline report stopped part way");
                    let failed = Err(std::io::Error::other("report failed"));
                    return Some((failed, (None, writer, String::new())));
                }
            };
            text.push_str(&writer.lines(&page.rows));
            if page.next.is_none() {
                text.push_str(writer.end());
            }
            let next = page.next.map(Some);
            Some((Ok(Bytes::from(text)), (next, writer, String::new())))
        }
    })
}

fn file(body: Body, media: &'static str, name: Option<&str>) -> Response {
    with_headers(body.into_response(), media, name)
}

/// Sets the media type, no caching, and a download name when there is one.
fn with_headers(mut response: Response, media: &'static str, name: Option<&str>) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(value) =
        name.and_then(|n| HeaderValue::from_str(&format!("attachment; filename=\"{n}\"")).ok())
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
