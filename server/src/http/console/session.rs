//! The member of staff a console form post comes from, and the answers every console
//! handler shares: back to the page with `done` or with the problem.

use app::error::PublicError;
use axum::{
    http::{HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
};
use backend::staff::StaffMember;

use crate::http::state::AppState;

/// The signed-in member of staff, or the answer that refuses the post: a redirect to the
/// console's sign-in for nobody (a portal session included), 503 when the check failed.
pub async fn staff(state: &AppState, headers: &HeaderMap) -> Result<StaffMember, Response> {
    match app::staff::staff_in(&state.backend, headers).await {
        Ok(Some(member)) => Ok(member),
        Ok(None) => Err(Redirect::to("/console/sign-in").into_response()),
        Err(problem) => Err(refusal(headers, &problem)),
    }
}

/// Back to `page` after an action that worked.
pub fn done(page: &str, action: &str) -> Response {
    Redirect::to(&format!("{page}?done={action}")).into_response()
}

/// Back to `page` with `err`, except that a role's refusal is a 403 page of its own (the
/// page would offer nothing to try again).
pub fn back(headers: &HeaderMap, page: &str, err: backend::Error) -> Response {
    let problem = app::ssr::public(err);
    match problem {
        PublicError::Forbidden | PublicError::Unavailable | PublicError::Internal => {
            refusal(headers, &problem)
        }
        problem => {
            let query = serde_urlencoded::to_string(problem.to_query()).unwrap_or_default();
            Redirect::to(&format!("{page}?{query}")).into_response()
        }
    }
}

/// A short page, in the language `headers` ask for, for what cannot be put right on the
/// form: a role that may not act, or an outage. Never the cause.
pub fn refusal(headers: &HeaderMap, problem: &PublicError) -> Response {
    let status = match problem {
        PublicError::Forbidden => StatusCode::FORBIDDEN,
        PublicError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let (lang, title, text, back) = app::staff::refusal_words(headers, problem);
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}\
         </title></head><body><main><h1>{title}</h1><p>{text}</p>\
         <p><a href=\"/console\">{back}</a></p></main></body></html>"
    );
    (status, Html(page)).into_response()
}
