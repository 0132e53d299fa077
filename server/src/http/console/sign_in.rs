//! `POST /console/sign-in` and `POST /console/sign-out`: the console's session cookie is set
//! and cleared here. A refused sign-in goes back to the form saying the same thing whatever
//! was wrong (or that there were too many tries from this network).

use axum::{
    Extension, Form,
    extract::State,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use backend::{
    Error,
    auth::Client,
    staff::{Password, StaffCredentials},
};
use domain::Email;
use serde::Deserialize;

use super::session;
use crate::http::state::AppState;

/// The sign-in form.
#[derive(Deserialize)]
pub struct SignInForm {
    email: String,
    password: String,
    #[serde(default)]
    code: Option<String>,
}

/// Signs a member of staff in and goes to the queue.
pub async fn sign_in(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let refused = |problem: &str| {
        Redirect::to(&format!("/console/sign-in?problem={problem}")).into_response()
    };
    let Ok(email) = Email::parse(&form.email) else {
        return refused("unauthenticated");
    };
    let credentials = StaffCredentials {
        email,
        password: Password(form.password),
        code: form.code.filter(|c| !c.trim().is_empty()),
    };
    match state.backend.staff_sign_in(credentials, &client).await {
        Ok(token) => {
            let cookie = app::staff::staff_cookie(&state.backend, Some(&token));
            with_cookie(Redirect::to("/console").into_response(), &cookie)
        }
        Err(Error::Unauthenticated) => refused("unauthenticated"),
        Err(Error::RateLimited) => refused("rate_limited"),
        Err(other) => session::refusal(&headers, &app::ssr::public(other)),
    }
}

/// Ends the console session and goes to the sign-in page.
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = app::staff::staff_token_in(&state.backend, &headers)
        && let Err(err) = state.backend.staff_sign_out(&token).await
    {
        return session::refusal(&headers, &app::ssr::public(err));
    }
    let cookie = app::staff::staff_cookie(&state.backend, None);
    with_cookie(Redirect::to("/console/sign-in").into_response(), &cookie)
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
