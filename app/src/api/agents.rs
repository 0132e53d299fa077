//! The consumer's side of a request an authorized agent filed for them: the page their
//! confirmation link opens, and confirming or declining it. The link's token is the proof
//! that they read mail at the address; no session is needed.

use domain::dto::AgentRequest;
use leptos::prelude::*;

use crate::error::PublicError;

/// Agent's request `id`, if `token` is its confirmation link's.
#[server(prefix = "/api", endpoint = "agents/request", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_agent_request(id: String, token: String) -> Result<AgentRequest, PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let id = ssr::request_id(&id)?;
    backend.agent_request(id, &token).await.map_err(ssr::public)
}

/// The consumer confirms the agent's request: it goes ahead.
#[server(prefix = "/api", endpoint = "agents/confirm")]
pub async fn confirm_agent_request(id: String, token: String) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let id = ssr::request_id(&id)?;
    backend
        .confirm_agent_request(id, &token)
        .await
        .map_err(ssr::public)?;
    leptos_axum::redirect(&format!("/requests/{id}/confirm?token={token}"));
    Ok(())
}

/// The consumer declines the agent's request: nothing is done.
#[server(prefix = "/api", endpoint = "agents/decline")]
pub async fn decline_agent_request(id: String, token: String) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let id = ssr::request_id(&id)?;
    backend
        .decline_agent_request(id, &token)
        .await
        .map_err(ssr::public)?;
    leptos_axum::redirect(&format!("/requests/{id}/confirm?token={token}"));
    Ok(())
}
