//! `POST /console/requests/{id}/{action}`: one action on one request, named by the URL's
//! last segment (approve, deny, assign, pause, resume, extend, retry, note, message), with
//! its reason and fields from the form.

use axum::{
    Form,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
};
use backend::{Error, console::Action};
use domain::{Statement, ValidationError};
use uuid::Uuid;

use super::session;
use crate::http::state::AppState;

/// The form's fields, by name.
pub type Fields = Vec<(String, String)>;

/// Does the action the URL names and goes back to the request's page.
pub async fn act(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let staff = match session::staff(&state, &headers).await {
        Ok(staff) => staff,
        Err(refused) => return refused,
    };
    let page = format!("/console/requests/{id}");
    let Ok(id) = id.parse::<Uuid>() else {
        return session::back(&headers, "/console", Error::NotFound("request"));
    };
    let result = async {
        let reason = Statement::parse("reason", field(&fields, "reason"))?;
        let backend = &state.backend;
        match action.as_str() {
            "note" => backend.staff_note(&staff, id, &reason).await,
            "message" => backend.staff_message(&staff, id, &reason).await,
            other => {
                let action = parse_action(other, &fields)?;
                backend.staff_act(&staff, id, action, &reason).await
            }
        }
    };
    match result.await {
        Ok(()) => session::done(&page, &action),
        Err(err) => session::back(&headers, &page, err),
    }
}

/// The value of field `name`, or empty.
pub fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The action the URL names, with the fields it needs.
pub fn parse_action(name: &str, fields: &Fields) -> Result<Action, Error> {
    Ok(match name {
        "approve" => Action::Approve,
        "deny" => Action::Deny {
            reason: field(fields, "code").parse()?,
            message: Statement::parse("message", field(fields, "message"))?,
        },
        "assign" => Action::Assign {
            to: match field(fields, "to") {
                "" => None,
                to => Some(to.parse().map_err(|_| {
                    ValidationError::new("to", "assignee.invalid", "not a member of staff")
                })?),
            },
        },
        "pause" => Action::Pause {
            reason: field(fields, "code").parse()?,
        },
        "resume" => Action::Resume,
        "extend" => Action::Extend {
            reason: field(fields, "code").parse()?,
        },
        "retry" => Action::RetryTasks,
        _ => return Err(Error::NotFound("action")),
    })
}
