//! `POST /agents/file`: an authorized agent files a request for somebody else, with their
//! signed permission (a multipart form post). On success the agent is back on the form with
//! a note that the person was asked to confirm; on a problem, with the problem shown.

use axum::{
    extract::{Multipart, State, multipart::MultipartRejection},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use domain::agent::{self, AgentFiling};

use crate::{http::forms, http::state::AppState};

/// Where the agent's form posts.
pub const PATH: &str = "/agents/file";

/// The agent's page, where the form is.
const PAGE: &str = "/agents";

/// Files the agent's request; someone not signed in is sent to sign in first.
pub async fn file(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let agent = match forms::signed_in(&state, &headers).await {
        Ok(Some(agent)) => agent,
        Ok(None) => return Redirect::to("/sign-in?next=%2Fagents").into_response(),
        Err(problem) => return forms::back_with(PAGE, &problem),
    };
    let filed = async {
        let posted = forms::read(form, "permission", permission_too_large).await?;
        let filing = AgentFiling::from_form(|name| posted.field(name))?;
        let permission = agent::check_permission(posted.files)?;
        state
            .backend
            .file_as_agent(agent, &filing, &permission)
            .await
            .map_err(app::ssr::public)
    };
    match filed.await {
        Ok(_) => Redirect::to(&format!("{PAGE}?sent=1")).into_response(),
        Err(problem) => forms::back_with(PAGE, &problem),
    }
}

fn permission_too_large() -> domain::ValidationError {
    domain::ValidationError {
        field: "permission",
        ..domain::evidence::too_large()
    }
}
