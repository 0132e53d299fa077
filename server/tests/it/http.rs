//! The HTTP edge in-process: health, security headers, origin checks, rate limits, and the
//! sign-in and opt-out journey through the real server functions.

use std::net::SocketAddr;

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{Request, Response, StatusCode, header},
};
use backend::testing::{TestDb, manual_system};
use domain::Actor;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use server::http::{
    edge::AllowedHosts,
    router::router,
    state::{AppState, Edge},
};
use tower::ServiceExt;

const HOST: &str = "127.0.0.1:3000";

fn app(t: &TestDb) -> Router {
    let (backend, _) = t.backend();
    let leptos = LeptosOptions::builder().output_name("rightful").build();
    router(AppState {
        leptos,
        backend,
        edge: Default::default(),
    })
}

/// The application as `rightful serve` sets it up for `public_url`: that host only.
fn app_at(t: &TestDb, public_url: &str) -> Router {
    let (backend, _) = t.backend_at(public_url);
    let leptos = LeptosOptions::builder().output_name("rightful").build();
    router(AppState {
        leptos,
        backend,
        edge: Edge {
            hosts: AllowedHosts::of(public_url),
            ..Edge::default()
        },
    })
}

async fn send(app: &Router, request: Request<Body>) -> Response<Body> {
    app.clone().oneshot(request).await.unwrap()
}

async fn text(response: Response<Body>) -> String {
    String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap()
}

/// The home page, asked for at the served host.
fn home() -> Request<Body> {
    Request::get("/")
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap()
}

/// A server-function call as the hydrated page makes it.
fn call(path: &str, form: &str, cookie: Option<&str>) -> Request<Body> {
    let mut builder = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .extension(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 50000))));
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    builder.body(Body::from(form.to_owned())).unwrap()
}

async fn sign_in(t: &TestDb, app: &Router, email: &str) -> String {
    let sent = send(
        app,
        call("/api/auth/request_code", &format!("email={email}"), None),
    )
    .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let code = t.last_code_for(email).unwrap();
    let form = format!("email={email}&code={code}");
    let verified = send(app, call("/api/auth/verify_code", &form, None)).await;
    assert!(verified.status().is_success() || verified.status().is_redirection());
    let cookie = verified.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "no Secure cookie on loopback: {cookie}"
    );
    cookie.split(';').next().unwrap().to_owned()
}

/// A browser's own form post from the sign-in page, as it is sent without JavaScript.
fn form_post(path: &str, form: &str, cookie: Option<&str>) -> Request<Body> {
    let (mut parts, body) = call(path, form, cookie).into_parts();
    let accept = header::HeaderValue::from_static("text/html,application/xhtml+xml");
    parts.headers.insert(header::ACCEPT, accept);
    let referer = format!("http://{HOST}/sign-in");
    parts
        .headers
        .insert(header::REFERER, referer.parse().unwrap());
    Request::from_parts(parts, body)
}

fn page(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, HOST)
        .header(header::COOKIE, cookie)
        .extension(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 50000))))
        .body(Body::empty())
        .unwrap()
}

async fn sign_in_works_as_plain_form_posts(t: TestDb) {
    let app = app(&t);
    let email = "noscript@example.com";
    let sent = send(
        &app,
        form_post("/api/auth/request_code", &format!("email={email}"), None),
    )
    .await;
    assert_eq!(sent.status(), StatusCode::FOUND);
    let location = sent.headers()[header::LOCATION].to_str().unwrap();
    assert!(location.starts_with(&format!("http://{HOST}/sign-in")) && !location.contains("__err"));
    let pending = sent.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        pending.starts_with("rightful_sign_in=") && pending.contains("HttpOnly"),
        "{pending}"
    );
    assert!(
        !pending.contains(email),
        "the address is encoded, not in the clear: {pending}"
    );
    let pending = pending.split(';').next().unwrap().to_owned();

    let step = text(send(&app, page("/sign-in", &pending)).await).await;
    assert!(
        step.contains("We sent a code to") && step.contains(email),
        "the code step"
    );

    // A wrong code: back to the page with the error in its URL, never a bare 422 body.
    let code = t.last_code_for(email).unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = send(
        &app,
        form_post(
            "/api/auth/verify_code",
            &format!("email={email}&code={wrong}"),
            Some(&pending),
        ),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FOUND);
    let back = refused.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        back.starts_with(&format!("http://{HOST}/sign-in?")) && back.contains("__err="),
        "{back}"
    );
    let path = back.trim_start_matches(&format!("http://{HOST}"));
    let shown = text(send(&app, page(path, &pending)).await).await;
    assert!(
        shown.contains("That code is not right, or it has expired"),
        "the error is on the page"
    );

    let verified = send(
        &app,
        form_post(
            "/api/auth/verify_code",
            &format!("email={email}&code={code}"),
            Some(&pending),
        ),
    )
    .await;
    assert_eq!(verified.status(), StatusCode::FOUND);
    assert_eq!(verified.headers()[header::LOCATION], "/privacy");
    let cookies: Vec<_> = verified
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("rightful_session="))
    );
    assert!(
        cookies
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("rightful_sign_in=;")),
        "the pending address is forgotten once signed in"
    );
}

async fn health_follows_the_database(t: TestDb) {
    let app = app(&t);
    let ok = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(text(ok).await, r#"{"status":"ok"}"#);
    t.db.clone().close().await.unwrap();
    let down = send(&app, Request::get("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!(down.status(), StatusCode::SERVICE_UNAVAILABLE);
}

/// Other routers being built (as every test builds one) while a page renders must not leave
/// the page waiting: walking the routes pauses Leptos' resource loads process-wide, and before
/// the walk was done once per process this hung a test run about one time in four.
async fn pages_render_while_other_routers_are_built(t: TestDb) {
    let app = app(&t);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let builder = std::thread::spawn({
        let stop = stop.clone();
        let (backend, _) = t.backend();
        move || {
            // As another test would: on a tokio runtime of its own.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            let _entered = runtime.enter();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                drop(router(AppState {
                    leptos: LeptosOptions::builder().output_name("rightful").build(),
                    backend: backend.clone(),
                    edge: Default::default(),
                }));
            }
        }
    });
    for _ in 0..40 {
        let page =
            tokio::time::timeout(std::time::Duration::from_secs(10), send(&app, home())).await;
        let page = page.unwrap_or_else(|_| {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            panic!("the home page did not render in 10 s while routers were built")
        });
        assert_eq!(page.status(), StatusCode::OK);
        assert!(text(page).await.contains("Your data, your rights"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    builder.join().unwrap();
}

async fn pages_carry_security_headers(t: TestDb) {
    let app = app(&t);
    let page = send(&app, home()).await;
    assert_eq!(page.status(), StatusCode::OK);
    let headers = page.headers().clone();
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("'nonce-") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
    let html = text(page).await;
    assert!(html.contains("Your data, your rights"));
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );

    let missing = send(
        &app,
        Request::get("/no-such-page").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

async fn sign_in_opt_out_and_sign_out(t: TestDb) {
    let app = app(&t);
    let ada = sign_in(&t, &app, "ada@example.com").await;
    let set = send(
        &app,
        call("/api/privacy/training", "opted_out=true", Some(&ada)),
    )
    .await;
    assert_eq!(set.status(), StatusCode::OK);
    let overview = send(&app, call("/api/privacy/overview", "", Some(&ada))).await;
    assert_eq!(overview.status(), StatusCode::OK);
    let body = text(overview).await;
    assert!(
        body.contains(r#""training_opted_out":true"#) && body.contains("opt_out_training"),
        "{body}"
    );

    let out = send(&app, call("/api/auth/sign_out", "", Some(&ada))).await;
    assert!(out.status().is_success() || out.status().is_redirection());
    let after = send(&app, call("/api/privacy/overview", "", Some(&ada))).await;
    assert_eq!(after.status(), StatusCode::OK);
    assert_eq!(text(after).await, "null", "a revoked session sees nothing");
    let change = send(
        &app,
        call("/api/privacy/training", "opted_out=false", Some(&ada)),
    )
    .await;
    assert_eq!(change.status(), StatusCode::UNAUTHORIZED);
}

async fn people_cannot_read_or_change_each_other(t: TestDb) {
    let app = app(&t);
    let ada = sign_in(&t, &app, "ada@example.com").await;
    let eve = sign_in(&t, &app, "eve@example.com").await;
    send(
        &app,
        call("/api/privacy/training", "opted_out=true", Some(&ada)),
    )
    .await;
    let eves = text(send(&app, call("/api/privacy/overview", "", Some(&eve))).await).await;
    assert!(eves.contains(r#""training_opted_out":false"#) && eves.contains(r#""requests":[]"#));
    // A forged cookie is nobody.
    let forged = send(
        &app,
        call(
            "/api/privacy/training",
            "opted_out=false",
            Some("rightful_session=x.y.z"),
        ),
    )
    .await;
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
    let adas = text(send(&app, call("/api/privacy/overview", "", Some(&ada))).await).await;
    assert!(adas.contains(r#""training_opted_out":true"#));
}

async fn bad_input_is_a_4xx_never_a_500(t: TestDb) {
    let app = app(&t);
    for (path, form) in [
        ("/api/auth/request_code", "email=not-an-address"),
        ("/api/auth/request_code", ""),
        ("/api/auth/verify_code", "email=ada@example.com&code=12"),
        ("/api/privacy/training", "opted_out=maybe"),
    ] {
        let status = send(&app, call(path, form, None)).await.status();
        assert!(status.is_client_error(), "{path} {form}: {status}");
    }
}

async fn cross_site_posts_are_refused(t: TestDb) {
    let app = app(&t);
    let ada = sign_in(&t, &app, "ada@example.com").await;
    let mut forged = call("/api/privacy/training", "opted_out=false", Some(&ada));
    forged
        .headers_mut()
        .insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    assert_eq!(send(&app, forged).await.status(), StatusCode::FORBIDDEN);
    let mut no_origin = call("/api/privacy/training", "opted_out=false", Some(&ada));
    no_origin.headers_mut().remove(header::ORIGIN);
    assert_eq!(send(&app, no_origin).await.status(), StatusCode::FORBIDDEN);
}

async fn sign_in_is_rate_limited_per_ip(t: TestDb) {
    let app = app(&t);
    let mut statuses = Vec::new();
    for i in 0..12 {
        let form = format!("email=user{i}@example.com");
        statuses.push(
            send(&app, call("/api/auth/request_code", &form, None))
                .await
                .status(),
        );
    }
    assert!(
        statuses[..10].iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert_eq!(statuses[11], StatusCode::TOO_MANY_REQUESTS);
}

async fn over_https_the_cookie_is_host_bound_and_secure(t: TestDb) {
    let app = app_at(&t, "https://privacy.example.com");
    let on_public_host = |mut request: Request<Body>| {
        let headers = request.headers_mut();
        headers.insert(header::HOST, "privacy.example.com".parse().unwrap());
        headers.insert(
            header::ORIGIN,
            "https://privacy.example.com".parse().unwrap(),
        );
        request
    };
    let form = "email=ada@example.com";
    send(
        &app,
        on_public_host(call("/api/auth/request_code", form, None)),
    )
    .await;
    let code = t.last_code_for("ada@example.com").unwrap();
    let form = format!("email=ada@example.com&code={code}");
    let request = on_public_host(call("/api/auth/verify_code", &form, None));
    let response = send(&app, request).await;
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("__Host-rightful_session=") && cookie.contains("; Secure"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap().to_owned();
    let overview = |cookie: &str| on_public_host(call("/api/privacy/overview", "", Some(cookie)));
    let mine = send(&app, overview(&session)).await;
    assert_eq!(
        mine.status(),
        StatusCode::OK,
        "signed in by the __Host- cookie"
    );
    assert_eq!(mine.headers()[header::CACHE_CONTROL], "no-store");
    let plain = session.replace("__Host-rightful_session", "rightful_session");
    assert_eq!(
        text(send(&app, overview(&plain)).await).await,
        "null",
        "the unprefixed cookie, which a subdomain could set, opens nothing"
    );
    let page = Request::get("/")
        .header(header::HOST, "privacy.example.com")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&app, page).await.headers()[header::CACHE_CONTROL],
        "no-store"
    );
}

async fn only_the_public_host_is_served(t: TestDb) {
    let app = app_at(&t, "https://privacy.example.com");
    for (host, status) in [
        ("privacy.example.com", StatusCode::OK),
        ("evil.example", StatusCode::MISDIRECTED_REQUEST),
        ("127.0.0.1:3000", StatusCode::MISDIRECTED_REQUEST),
    ] {
        let page = Request::get("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&app, page).await.status(), status, "{host}");
    }
    let probe = Request::get("/healthz")
        .header(header::HOST, "10.0.0.7:3000")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&app, probe).await.status(),
        StatusCode::OK,
        "load balancers probe by address"
    );
}

async fn oversized_bodies_are_a_413(t: TestDb) {
    let app = app(&t);
    let big = format!("email={}@example.com", "a".repeat(70 * 1024));
    let response = send(&app, call("/api/auth/request_code", &big, None)).await;
    assert_eq!(
        response.status(),
        StatusCode::PAYLOAD_TOO_LARGE,
        "a body of undeclared length"
    );
    let mut declared = call("/api/auth/request_code", &big, None);
    declared
        .headers_mut()
        .insert(header::CONTENT_LENGTH, big.len().into());
    let response = send(&app, declared).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let api = |key: Option<&str>| {
        let mut request =
            Request::post("/api/v1/requests").header(header::CONTENT_TYPE, "application/json");
        if let Some(key) = key {
            request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
        }
        request.body(Body::from(big.clone())).unwrap()
    };
    assert_eq!(
        send(&app, api(None)).await.status(),
        StatusCode::UNAUTHORIZED,
        "the key is checked before the body is read"
    );
    let (backend, _) = t.backend();
    let key = backend
        .create_api_key("product", &[domain::scope::ApiScope::RequestsWrite])
        .await
        .unwrap();
    assert_eq!(
        send(&app, api(Some(&key.0))).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

async fn every_answer_carries_a_request_id_of_ours(t: TestDb) {
    let app = app(&t);
    let request = Request::get("/api/v1/requests")
        .header("x-request-id", "chosen-by-the-client")
        .body(Body::empty())
        .unwrap();
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "ours, not the client's: {id}"
    );
    let envelope: serde_json::Value = serde_json::from_str(&text(response).await).unwrap();
    assert_eq!(envelope["error"]["request_id"], id.as_str(), "quotable");
    let page = home();
    assert!(
        send(&app, page)
            .await
            .headers()
            .contains_key("x-request-id")
    );
}

async fn where_you_live_is_validated_and_kept(t: TestDb) {
    let app = app(&t);
    let ada = sign_in(&t, &app, "ada@example.com").await;
    let bad = send(
        &app,
        call("/api/privacy/jurisdiction", "jurisdiction=XX", Some(&ada)),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(bad).await.contains("not a known ISO 3166 country"));
    let ok = send(
        &app,
        call(
            "/api/privacy/jurisdiction",
            "jurisdiction=gb-sct",
            Some(&ada),
        ),
    )
    .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let overview = text(send(&app, call("/api/privacy/overview", "", Some(&ada))).await).await;
    assert!(
        overview.contains(r#""jurisdiction":"GB-SCT""#),
        "{overview}"
    );
    let anonymous = send(
        &app,
        call("/api/privacy/jurisdiction", "jurisdiction=DE", None),
    )
    .await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

async fn the_person_downloads_their_export(t: TestDb) {
    let app = app(&t);
    let (backend, _) = t.backend();
    let archive = manual_system("archive", &[domain::system::Capability::AccessExport]);
    backend.add_system(archive).await.unwrap();
    let ada = sign_in(&t, &app, "ada@example.com").await;
    let eve = sign_in(&t, &app, "eve@example.com").await;
    let token = backend::auth::SessionToken(ada.split_once('=').unwrap().1.to_owned());
    let subject = backend.authenticate(&token).await.unwrap();
    let id = backend
        .submit_request(subject, domain::RequestKind::Export)
        .await
        .unwrap();
    let task = backend.open_manual_tasks().await.unwrap()[0].id;
    backend
        .complete_manual_task(task, "Nothing on paper", None, Actor::Cli)
        .await
        .unwrap();
    backend::jobs::Worker::new(backend.clone())
        .drain()
        .await
        .unwrap();

    let get = |cookie: Option<&str>| {
        let mut request = Request::get(format!("/exports/{id}")).header(header::HOST, HOST);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::empty()).unwrap()
    };
    let overview = text(send(&app, call("/api/privacy/overview", "", Some(&ada))).await).await;
    assert!(
        overview.contains(r#""download_until":""#),
        "the page offers the file: {overview}"
    );
    let file = send(&app, get(Some(&ada))).await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()[header::CONTENT_TYPE], "application/zip");
    assert!(
        file.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let bytes = file.into_body().collect().await.unwrap().to_bytes();
    assert!(bytes.starts_with(b"PK"), "a ZIP file");
    assert_eq!(
        send(&app, get(Some(&eve))).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(&app, get(None)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let again = send(
        &app,
        call(&format!("/exports/{id}/reissue"), "", Some(&ada)),
    )
    .await;
    assert_eq!(again.status(), StatusCode::ACCEPTED);
}

/// The compiled assets are gzipped for browsers that accept it; pages are not (BREACH).
async fn assets_are_compressed_and_pages_are_not(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    let css = ".card { padding: 1rem; }\n".repeat(200);
    std::fs::write(site.path().join("pkg/rightful.css"), &css).unwrap();
    let (backend, _) = t.backend();
    let leptos = LeptosOptions::builder()
        .output_name("rightful")
        .site_root(site.path().to_string_lossy().into_owned())
        .build();
    let app = router(AppState {
        leptos,
        backend,
        edge: Default::default(),
    });
    let get = |path: &str| {
        Request::get(path)
            .header(header::HOST, HOST)
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .unwrap()
    };
    let asset = send(&app, get("/pkg/rightful.css")).await;
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(asset.headers()[header::CONTENT_ENCODING], "gzip");
    let page = send(&app, get("/")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers().get(header::CONTENT_ENCODING).is_none());
}

/// A removal from model outputs with three full statements in a non-Latin script is filed,
/// not refused as too large: URL-encoded, each character takes 9 bytes.
async fn a_long_filing_in_any_script_is_accepted(t: TestDb) {
    let app = app(&t);
    let cookie = sign_in(&t, &app, "ada@example.com").await;
    let encoded: String = "漢"
        .repeat(domain::filing::MAX_STATEMENT)
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect();
    let form =
        format!("kind=remove_from_outputs&prompts={encoded}&outputs={encoded}&reason={encoded}");
    assert!(form.len() > 100 * 1024);
    let filed = send(&app, call("/api/requests/file", &form, Some(&cookie))).await;
    assert!(
        filed.status().is_success() || filed.status().is_redirection(),
        "{}",
        filed.status()
    );
}

backend::db_tests!(
    a_long_filing_in_any_script_is_accepted,
    assets_are_compressed_and_pages_are_not,
    sign_in_works_as_plain_form_posts,
    where_you_live_is_validated_and_kept,
    health_follows_the_database,
    pages_carry_security_headers,
    pages_render_while_other_routers_are_built,
    sign_in_opt_out_and_sign_out,
    people_cannot_read_or_change_each_other,
    bad_input_is_a_4xx_never_a_500,
    cross_site_posts_are_refused,
    sign_in_is_rate_limited_per_ip,
    over_https_the_cookie_is_host_bound_and_secure,
    only_the_public_host_is_served,
    oversized_bodies_are_a_413,
    every_answer_carries_a_request_id_of_ours,
    the_person_downloads_their_export,
);
