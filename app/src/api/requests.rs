//! Filing a request from its page, and the person's side of one request: its status page,
//! canceling it, asking for an expired export again, and writing to the privacy team.

// `file_request` takes one argument per field of the filing form, which posts them flat.
#![allow(clippy::too_many_arguments)]

use domain::dto::{FilingPreview, RequestPage};
use leptos::prelude::*;

use crate::error::PublicError;

/// What the page for filing a request of `kind` says first; `None` when nobody is signed in.
#[server(prefix = "/api", endpoint = "requests/preview", input = leptos::server_fn::codec::GetUrl)]
pub async fn preview_filing(kind: String) -> Result<Option<FilingPreview>, PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let kind = kind.parse().map_err(ssr::invalid)?;
    let Some(subject) = ssr::signed_in_subject(&backend).await? else {
        return Ok(None);
    };
    backend
        .filing_preview(subject, kind)
        .await
        .map(Some)
        .map_err(ssr::public)
}

/// Files a request from its page's form, then goes to the new request's status page. Only
/// the fields the kind asks for are read.
#[server(prefix = "/api", endpoint = "requests/file")]
pub async fn file_request(
    kind: String,
    confirm: Option<String>,
    wrong: Option<String>,
    right: Option<String>,
    prompts: Option<String>,
    outputs: Option<String>,
    reason: Option<String>,
    appeal_of: Option<String>,
) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let subject = ssr::current_subject(&backend).await?;
    let kind = kind.parse().map_err(ssr::invalid)?;
    let fields = [
        ("confirm", confirm),
        ("wrong", wrong),
        ("right", right),
        ("prompts", prompts),
        ("outputs", outputs),
        ("reason", reason),
        ("appeal_of", appeal_of),
    ];
    let field = |name: &str| fields.iter().find(|(n, _)| *n == name)?.1.as_deref();
    let filing = domain::Filing::from_form(kind, field).map_err(ssr::invalid)?;
    let id = backend
        .submit(subject, &filing)
        .await
        .map_err(ssr::public)?;
    leptos_axum::redirect(&format!("/requests/{id}"));
    Ok(())
}

/// The status page of one of the signed-in person's requests.
#[server(prefix = "/api", endpoint = "requests/page", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_request(id: String) -> Result<RequestPage, PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let subject = ssr::current_subject(&backend).await?;
    let id = ssr::request_id(&id)?;
    backend.request_page(subject, id).await.map_err(ssr::public)
}

/// Withdraws one of the person's requests while it can still be withdrawn.
#[server(prefix = "/api", endpoint = "requests/cancel")]
pub async fn cancel_request(id: String) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let subject = ssr::current_subject(&backend).await?;
    let id = ssr::request_id(&id)?;
    backend
        .cancel_request(Some(subject), id, domain::Actor::Subject)
        .await
        .map_err(ssr::public)?;
    leptos_axum::redirect(&format!("/requests/{id}"));
    Ok(())
}

/// Issues the person's export again once its link has expired.
#[server(prefix = "/api", endpoint = "requests/reissue")]
pub async fn reissue_export(id: String) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let subject = ssr::current_subject(&backend).await?;
    let id = ssr::request_id(&id)?;
    backend
        .reissue_export(subject, id)
        .await
        .map_err(ssr::public)?;
    leptos_axum::redirect(&format!("/requests/{id}"));
    Ok(())
}

/// The person writes to the privacy team about one of their requests.
#[server(prefix = "/api", endpoint = "requests/message")]
pub async fn write_message(id: String, body: String) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let subject = ssr::current_subject(&backend).await?;
    let id = ssr::request_id(&id)?;
    backend
        .message_staff(subject, id, &body)
        .await
        .map_err(ssr::public)?;
    leptos_axum::redirect(&format!("/requests/{id}#messages"));
    Ok(())
}
