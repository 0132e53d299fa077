//! The console's admin screen over HTTP: every admin write is replayed as an operator, as
//! `legal`, with a portal session and with no session, and each is refused with nothing
//! changed; an admin adds a system and tests it against a real receiver, creates and revokes
//! a key, creates and disables an account, and each secret is shown once, to them alone.

use axum::{Router, http::StatusCode};
use backend::{
    Backend,
    testing::{
        TestDb,
        receiver::{Behaviour, Receiver},
    },
};
use domain::{Email, StaffRole, scope::ApiScope};

use crate::{
    common,
    console::{location, page, post_form, staff_cookie},
};

/// Every admin write, as (path, urlencoded form), against system `crm` and key `prefix`.
fn writes(prefix: &str) -> Vec<(String, String)> {
    let revoke = format!("/console/admin/keys/{prefix}/revoke");
    [
        (
            "/console/admin/systems",
            "name=new&owner=x&kind=manual&capability=delete",
        ),
        ("/console/admin/systems/crm/disable", ""),
        ("/console/admin/systems/crm/test", ""),
        (
            "/console/admin/keys",
            "name=pipeline&scope=suppression:read",
        ),
        (revoke.as_str(), ""),
        ("/console/admin/staff", "email=new@example.com&role=admin"),
        ("/console/admin/staff/disable", "email=ops@example.com"),
        // A form the admin would be told is wrong is refused for the role before it is read.
        ("/console/admin/systems", "name=Bad Name"),
        ("/console/admin/staff/disable", "email=not-an-address"),
    ]
    .into_iter()
    .map(|(path, form)| (path.to_owned(), form.to_owned()))
    .collect()
}

/// What the admin screen lists, to compare before and after.
async fn state(backend: &Backend) -> (usize, Vec<bool>, Vec<bool>, Vec<bool>) {
    let systems = backend.list_systems().await.unwrap();
    let keys = backend.list_api_keys().await.unwrap();
    let staff = backend.list_staff().await.unwrap();
    (
        systems.len() + keys.len() + staff.len(),
        systems.iter().map(|s| s.enabled).collect(),
        keys.iter().map(|k| k.revoked_at.is_none()).collect(),
        staff.iter().map(|m| m.disabled).collect(),
    )
}

async fn admin_writes_are_refused_to_everyone_but_an_admin(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let receiver = Receiver::start(Behaviour::Receipt).await;
    let new = backend::testing::webhook_system(
        "crm",
        &receiver.url,
        &[domain::system::Capability::Delete],
    );
    backend.add_system(new).await.unwrap();
    let key = backend
        .create_api_key("pipeline", &[ApiScope::SuppressionRead])
        .await
        .unwrap();
    let prefix = key.0.split('_').nth(1).unwrap().to_owned();
    let operator = staff_cookie(&backend, &app, "ops@example.com", StaffRole::Operator).await;
    let legal = staff_cookie(&backend, &app, "legal@example.com", StaffRole::Legal).await;
    let (_, portal) = common::sign_in(&t, &backend, "ada@example.com").await;
    let before = state(&backend).await;

    for (who, cookie) in [
        ("operator", Some(operator.as_str())),
        ("legal", Some(legal.as_str())),
        ("portal", Some(portal.as_str())),
        ("nobody", None),
    ] {
        for (path, form) in writes(&prefix) {
            let response = post_form(&app, &path, &form, cookie).await;
            let refused = match who {
                "operator" | "legal" => response.status() == StatusCode::FORBIDDEN,
                _ => location(&response) == "/console/sign-in",
            };
            assert!(refused, "{who} {path}: {}", response.status());
        }
    }
    assert_eq!(state(&backend).await, before, "nothing changed");
    // The refusal is worded in the language the browser asks for.
    let request =
        crate::console::request("POST", "/console/admin/systems/crm/disable", Some(&legal))
            .header(axum::http::header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9")
            .header(
                axum::http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(axum::body::Body::empty())
            .unwrap();
    let response = crate::console::send(&app, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let html = String::from_utf8_lossy(&body);
    assert!(
        html.contains("lang=\"de\"") && html.contains("Ihre Rolle darf das nicht"),
        "{html}"
    );
    assert_eq!(receiver.deliveries(), 0, "and nothing was sent");
    // Every role reads the screen; only an admin is offered its forms.
    let (status, html) = page(&app, "/console/admin", &legal).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("crm") && html.contains(&format!("rk_{prefix}_")));
    assert!(!html.contains("action=\"/console/admin/keys\""));
    assert!(!html.contains(&key.0), "never the key itself");
}

/// Follows a post's redirect to the admin screen and returns its HTML.
async fn after(app: &Router, path: &str, form: &str, cookie: &str) -> (String, String) {
    let response = post_form(app, path, form, Some(cookie)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
    let to = location(&response);
    let (status, html) = page(app, &to, cookie).await;
    assert_eq!(status, StatusCode::OK, "{to}");
    (to, html)
}

/// The text of the page's first `<pre class="secret">`.
fn secret(html: &str) -> String {
    let start = html
        .find("<pre class=\"secret\">")
        .expect("a secret is shown")
        + 20;
    html[start..].split("</pre>").next().unwrap().to_owned()
}

async fn an_admin_manages_systems_keys_and_staff_and_sees_each_secret_once(t: TestDb) {
    let (backend, _) = t.backend();
    let app = common::app(&backend);
    let admin = staff_cookie(&backend, &app, "admin@example.com", StaffRole::Admin).await;
    let operator = staff_cookie(&backend, &app, "ops@example.com", StaffRole::Operator).await;
    let receiver = Receiver::start(Behaviour::Receipt).await;

    // A system: its secret once, then a test delivery signed with it.
    let form = format!(
        "name=crm&owner=CRM+team&kind=webhook&capability=delete&capability=correct\
         &endpoint={}&timeout_ms=",
        urlencoding(&receiver.url)
    );
    let (to, html) = after(&app, "/console/admin/systems", &form, &admin).await;
    assert!(
        to.starts_with("/console/admin?done=add_systems&reveal="),
        "{to}"
    );
    let signing = secret(&html);
    assert!(signing.starts_with("whsec_"), "{signing}");
    let (_, again) = page(&app, &to, &admin).await;
    assert!(!again.contains(&signing), "shown once");
    receiver.set_secret(&signing);
    let (_, html) = after(&app, "/console/admin/systems/crm/test", "", &admin).await;
    assert!(
        html.contains("accepted the test delivery (HTTP 200)"),
        "{html}"
    );
    assert_eq!(receiver.bad_signatures(), 0, "signed with the shown secret");
    assert!(receiver.events().is_empty(), "a test names no request");

    // A system that is down: the screen says so, and why.
    let down = Receiver::down_url().await;
    let form = format!(
        "name=down&owner=x&kind=webhook&capability=delete&endpoint={}",
        urlencoding(&down)
    );
    after(&app, "/console/admin/systems", &form, &admin).await;
    let (_, html) = after(&app, "/console/admin/systems/down/test", "", &admin).await;
    assert!(html.contains("did not accept the test delivery"), "{html}");
    assert!(html.contains("could not connect"), "{html}");
    // A manual system takes no deliveries: a conflict, told on the page.
    let form = "name=archive&owner=x&kind=manual&capability=delete";
    after(&app, "/console/admin/systems", form, &admin).await;
    let response = post_form(
        &app,
        "/console/admin/systems/archive/test",
        "",
        Some(&admin),
    )
    .await;
    assert!(
        location(&response).contains("problem=conflict"),
        "{}",
        location(&response)
    );

    // A key: shown once, to the admin alone, works, and is refused once revoked.
    let form = "name=Training+pipeline&scope=suppression:read";
    let response = post_form(&app, "/console/admin/keys", form, Some(&admin)).await;
    let to = location(&response);
    let (_, seen_by_operator) = page(&app, &to, &operator).await;
    assert!(
        !seen_by_operator.contains("<pre class=\"secret\">"),
        "not theirs"
    );
    let (_, html) = page(&app, &to, &admin).await;
    let key = secret(&html);
    assert!(key.starts_with("rk_"), "{key}");
    let need = ApiScope::SuppressionRead;
    backend.authorize_api_key(&key, need).await.unwrap();
    let prefix = key.split('_').nth(1).unwrap();
    let revoke = format!("/console/admin/keys/{prefix}/revoke");
    let (to, _) = after(&app, &revoke, "", &admin).await;
    assert_eq!(to, "/console/admin?done=revoke_keys");
    assert!(backend.authorize_api_key(&key, need).await.is_err());

    // An account: its generated password signs in, until it is disabled.
    let form = "email=new.ops@example.com&role=operator";
    let (_, html) = after(&app, "/console/admin/staff", form, &admin).await;
    let password = secret(&html);
    let sign_in = format!(
        "email=new.ops@example.com&password={}&code=",
        urlencoding(&password)
    );
    let response = post_form(&app, "/console/sign-in", &sign_in, None).await;
    assert_eq!(location(&response), "/console");
    let form = "email=new.ops@example.com";
    after(&app, "/console/admin/staff/disable", form, &admin).await;
    let response = post_form(&app, "/console/sign-in", &sign_in, None).await;
    assert_eq!(
        location(&response),
        "/console/sign-in?problem=unauthenticated"
    );

    // Mistakes go back to the form, named; no admin can disable themselves.
    let response = post_form(
        &app,
        "/console/admin/systems",
        "name=Bad Name",
        Some(&admin),
    )
    .await;
    assert!(
        location(&response).contains("problem=invalid"),
        "{}",
        location(&response)
    );
    let form = "email=admin@example.com";
    let response = post_form(&app, "/console/admin/staff/disable", form, Some(&admin)).await;
    assert!(
        location(&response).contains("problem=conflict"),
        "{}",
        location(&response)
    );
    let me = Email::parse("admin@example.com").unwrap();
    let disabled = backend.list_staff().await.unwrap();
    assert!(disabled.iter().any(|m| m.email == me && !m.disabled));
}

/// Percent-encodes a form value.
fn urlencoding(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)]).unwrap()[2..].to_owned()
}

backend::db_tests!(
    admin_writes_are_refused_to_everyone_but_an_admin,
    an_admin_manages_systems_keys_and_staff_and_sees_each_secret_once,
);
