//! The admin screen's form posts (`/console/admin/…`): add, disable and test a data system;
//! create and revoke an API key; create and disable a staff account. Each goes back to
//! `/console/admin` with `done`, and with `reveal=<id>` when the page has something to show
//! once (a secret, a key, a password, a test's reply), or with the problem.

use app::error::PublicError;
use axum::{
    Form,
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use backend::{
    Error,
    staff::{NewStaff, StaffMember},
    systems::NewSystem,
};
use domain::{Email, ValidationError, scope::ApiScope};
use uuid::Uuid;

use super::{
    act::{Fields, field},
    session,
};
use crate::http::state::AppState;

/// The admin screen.
const PAGE: &str = "/console/admin";

/// The default wait for a new system's replies, as `rightful systems add` has it.
const DEFAULT_TIMEOUT_MS: i32 = 10_000;

/// What a post does, by the URL's segments after `/console/admin/`.
enum Change {
    /// Shows something once on the page.
    Reveals(Uuid),
    /// Only changes.
    Done,
}

/// `POST /console/admin/{area}`: adds a system, a key or an account.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(area): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let staff = match admin(&state, &headers).await {
        Ok(staff) => staff,
        Err(refused) => return refused,
    };
    let backend = &state.backend;
    let result = async {
        let id = match area.as_str() {
            "systems" => backend.admin_add_system(&staff, new_system(&fields)?).await,
            "keys" => {
                let scopes = values(&fields, "scope")
                    .map(str::parse::<ApiScope>)
                    .collect::<Result<Vec<_>, _>>()?;
                backend
                    .admin_create_key(&staff, field(&fields, "name"), &scopes)
                    .await
            }
            "staff" => {
                backend
                    .admin_create_staff(&staff, new_staff(&fields)?)
                    .await
            }
            _ => Err(Error::NotFound("page")),
        }?;
        Ok::<_, Error>(Change::Reveals(id))
    };
    answer(&headers, &format!("add_{area}"), result.await)
}

/// `POST /console/admin/{area}/{name}/{action}`: disables or tests a system, revokes a key.
pub async fn change(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((area, name, action)): Path<(String, String, String)>,
) -> Response {
    let staff = match session::staff(&state, &headers).await {
        Ok(staff) => staff,
        Err(refused) => return refused,
    };
    let result = act(&state, &staff, (&area, &name, &action)).await;
    answer(&headers, &format!("{action}_{area}"), result)
}

async fn act(
    state: &AppState,
    staff: &StaffMember,
    (area, name, action): (&str, &str, &str),
) -> Result<Change, Error> {
    let backend = &state.backend;
    match (area, action) {
        ("systems", "disable") => backend.admin_disable_system(staff, name).await?,
        ("systems", "test") => {
            return Ok(Change::Reveals(
                backend.admin_test_system(staff, name).await?,
            ));
        }
        ("keys", "revoke") => backend.admin_revoke_key(staff, name).await?,
        _ => return Err(Error::NotFound("page")),
    }
    Ok(Change::Done)
}

/// `POST /console/admin/staff/disable`: disables the account the form names by address
/// (addresses stay out of URLs, and so out of logs).
pub async fn disable_staff(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let staff = match admin(&state, &headers).await {
        Ok(staff) => staff,
        Err(refused) => return refused,
    };
    let result = async {
        let email = Email::parse(field(&fields, "email"))?;
        state.backend.admin_disable_staff(&staff, &email).await?;
        Ok::<_, Error>(Change::Done)
    };
    answer(&headers, "disable_staff", result.await)
}

/// The signed-in admin, refused before their form is read (the backend checks again), so
/// a non-admin learns nothing from how a form would have been judged.
async fn admin(state: &AppState, headers: &HeaderMap) -> Result<StaffMember, Response> {
    let staff = session::staff(state, headers).await?;
    if staff.role.administers() {
        Ok(staff)
    } else {
        Err(session::refusal(headers, &PublicError::Forbidden))
    }
}

/// Back to the admin screen with what happened.
fn answer(headers: &HeaderMap, done: &str, result: Result<Change, Error>) -> Response {
    match result {
        Ok(Change::Reveals(id)) => {
            Redirect::to(&format!("{PAGE}?done={done}&reveal={id}")).into_response()
        }
        Ok(Change::Done) => session::done(PAGE, done),
        Err(err) => session::back(headers, PAGE, err),
    }
}

/// Every value of field `name`: checkboxes repeat their name.
fn values<'a>(fields: &'a Fields, name: &'a str) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The system the add form describes.
fn new_system(fields: &Fields) -> Result<NewSystem, Error> {
    let capabilities = values(fields, "capability")
        .map(str::parse)
        .collect::<Result<Vec<_>, _>>()?;
    let timeout_ms = match field(fields, "timeout_ms").trim() {
        "" => DEFAULT_TIMEOUT_MS,
        typed => typed.parse().map_err(|_| {
            ValidationError::new("timeout_ms", "system.invalid", "give the timeout in ms")
        })?,
    };
    let endpoint = Some(field(fields, "endpoint").trim())
        .filter(|e| !e.is_empty())
        .map(str::to_owned);
    Ok(NewSystem {
        name: field(fields, "name").trim().to_owned(),
        owner: field(fields, "owner").to_owned(),
        kind: field(fields, "kind").parse()?,
        capabilities,
        endpoint,
        timeout_ms,
    })
}

/// The account the add form describes; its password is generated.
fn new_staff(fields: &Fields) -> Result<NewStaff, Error> {
    Ok(NewStaff {
        email: Email::parse(field(fields, "email"))?,
        role: field(fields, "role").parse()?,
        password: None,
        totp: field(fields, "totp") == "on",
    })
}
