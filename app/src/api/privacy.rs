//! The signed-in person's privacy page.

use domain::dto::PrivacyOverview;
use leptos::prelude::*;

use crate::error::PublicError;

/// The person's training choice, its history and their requests; `None` when nobody is
/// signed in, which is an ordinary state of the page rather than an error.
#[server(prefix = "/api", endpoint = "privacy/overview")]
pub async fn load_privacy_overview() -> Result<Option<PrivacyOverview>, PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let Some(subject) = ssr::signed_in_subject(&backend).await? else {
        return Ok(None);
    };
    backend
        .privacy_overview(subject)
        .await
        .map(Some)
        .map_err(ssr::public)
}

/// Switches "Do not train on my content" on (`opted_out = true`) or off.
#[server(prefix = "/api", endpoint = "privacy/training")]
pub async fn set_training_opt_out(opted_out: bool) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let subject = ssr::current_subject(&backend).await?;
    backend
        .set_training_opt_out(subject, opted_out)
        .await
        .map_err(ssr::public)
}

/// Records where the person lives, which picks the law for their future requests.
#[server(prefix = "/api", endpoint = "privacy/jurisdiction")]
pub async fn set_jurisdiction(jurisdiction: String) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let subject = ssr::current_subject(&backend).await?;
    let code = domain::JurisdictionCode::parse(&jurisdiction).map_err(ssr::invalid)?;
    backend
        .set_subject_jurisdiction(subject, &code)
        .await
        .map_err(ssr::public)
}

/// Whether the browser sends Global Privacy Control (`Sec-GPC: 1`). If it does, the signal is
/// honoured: a cookie records the opt-out of sale and sharing for this browser, and for a
/// signed-in person an `opt_out_sale` request is filed, once.
#[server(prefix = "/api", endpoint = "privacy/gpc", input = leptos::server_fn::codec::GetUrl)]
pub async fn global_privacy_control() -> Result<bool, PublicError> {
    use crate::ssr;
    if !ssr::sends_gpc().await {
        return Ok(false);
    }
    let backend = ssr::backend()?;
    ssr::set_gpc_cookie(&backend);
    if let Some(subject) = ssr::signed_in_subject(&backend).await? {
        backend.honour_gpc(subject).await.map_err(ssr::public)?;
    }
    Ok(true)
}
