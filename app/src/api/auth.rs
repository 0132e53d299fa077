//! Signing in with an e-mailed code, and signing out.

use leptos::prelude::*;

use crate::error::PublicError;

/// Sends a sign-in code to `email`. The reply is the same whether or not the address has an
/// account.
#[server(prefix = "/api", endpoint = "auth/request_code")]
pub async fn request_code(email: String) -> Result<String, PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let email = domain::Email::parse(&email).map_err(ssr::invalid)?;
    let client = ssr::client().await?;
    backend
        .request_sign_in_code(&email, &client)
        .await
        .map_err(ssr::public)?;
    ssr::set_pending_sign_in(&backend, &email);
    Ok(email.into())
}

/// The address the last code went to, while that code lives: the sign-in page then shows the
/// code step, on any page load, with or without JavaScript. A read, so a GET, and outside
/// `/api/auth/`, whose calls the per-client sign-in limit counts.
#[server(prefix = "/api", endpoint = "sign-in/pending", input = leptos::server_fn::codec::GetUrl)]
pub async fn pending_sign_in() -> Result<Option<String>, PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    Ok(ssr::pending_sign_in(&backend).await.map(String::from))
}

/// Forgets the address a code went to, to start again with another.
#[server(prefix = "/api", endpoint = "sign-in/forget")]
pub async fn forget_sign_in() -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    ssr::clear_pending_sign_in(&backend);
    Ok(())
}

/// Checks the code and, if it is right, starts a session and goes to `next` (a path on this
/// site, such as the page of the request the person was about to file) or the privacy page.
#[server(prefix = "/api", endpoint = "auth/verify_code")]
pub async fn verify_code(
    email: String,
    code: String,
    next: Option<String>,
) -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    let email = domain::Email::parse(&email).map_err(ssr::invalid)?;
    let client = ssr::client().await?;
    let signed_in = backend
        .verify_sign_in_code(&email, &code, &client)
        .await
        .map_err(ssr::public)?;
    ssr::set_session_cookie(
        &backend,
        &signed_in.token,
        backend::auth::SESSION_TTL.num_seconds(),
    );
    ssr::clear_pending_sign_in(&backend);
    leptos_axum::redirect(local_path(next.as_deref()).unwrap_or("/privacy"));
    Ok(())
}

/// Ends the session: the token is revoked on the server and the cookie cleared.
#[server(prefix = "/api", endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), PublicError> {
    use crate::ssr;
    let backend = ssr::backend()?;
    if let Some(token) = ssr::session_token().await {
        backend.sign_out(&token).await.map_err(ssr::public)?;
    }
    ssr::clear_session_cookie(&backend);
    leptos_axum::redirect("/");
    Ok(())
}

/// `path` if it is a path on this site, to go to after signing in: it starts with one `/`
/// followed by anything but a second `/` or `\`, and holds only visible ASCII, so neither
/// `//evil.example`, `/\evil.example`, a tab that browsers drop (`/\t/evil.example`) nor a
/// line break can send a person elsewhere or break the redirect.
#[cfg(feature = "ssr")]
pub(crate) fn local_path(path: Option<&str>) -> Option<&str> {
    path.filter(|p| {
        let bytes = p.as_bytes();
        bytes.first() == Some(&b'/')
            && !matches!(bytes.get(1), Some(b'/' | b'\\'))
            && bytes.iter().all(u8::is_ascii_graphic)
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_on_this_site_are_followed() {
        for here in ["/requests/new/export", "/requests/new/appeal?of=x", "/"] {
            assert_eq!(local_path(Some(here)), Some(here));
        }
        for elsewhere in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/requests\r\nSet-Cookie: x=1",
            "/a b",
            "/é",
            "evil",
            "",
        ] {
            assert_eq!(local_path(Some(elsewhere)), None, "{elsewhere:?}");
        }
        assert_eq!(local_path(None), None);
    }
}
