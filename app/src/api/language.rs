//! Choosing the language the portal and its mails are in.

use leptos::prelude::*;

use crate::error::PublicError;

/// Switches to `language` for this browser (a cookie) and, for a signed-in person, for their
/// mails too; then goes back to `back`, the page it was chosen on, if that is a path here.
#[server(prefix = "/api", endpoint = "language")]
pub async fn set_language(language: String, back: Option<String>) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let language: domain::Language = language.parse().map_err(ssr::invalid)?;
    ssr::set_language_cookie(&backend, language);
    if let Some(subject) = ssr::signed_in_subject(&backend).await? {
        backend
            .set_language(subject, language)
            .await
            .map_err(ssr::public)?;
    }
    leptos_axum::redirect(crate::api::auth::local_path(back.as_deref()).unwrap_or("/"));
    Ok(())
}
