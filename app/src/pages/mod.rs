//! The portal's pages, one module each, and the small pieces they share.

mod home;
mod places;
mod privacy;
mod request_messages;
mod request_new;
mod request_parts;
mod request_status;
mod sign_in;
mod wording;

pub use home::Home;
pub use privacy::Privacy;
pub use request_new::NewRequest;
pub use request_status::RequestStatus;
pub use sign_in::SignIn;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::error::PublicError;

/// Says so when the browser's Global Privacy Control signal was honoured.
#[component]
pub fn GpcNotice() -> impl IntoView {
    let honoured = Resource::new(|| (), |_| crate::api::privacy::global_privacy_control());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                honoured
                    .await
                    .unwrap_or(false)
                    .then(|| {
                        view! {
                            <aside class="gpc" aria-label="Global Privacy Control">
                                <p>
                                    "Your browser's Global Privacy Control signal is honoured: we do not sell or share your data."
                                </p>
                            </aside>
                        }
                    })
            })}
        </Transition>
    }
}

/// A failure to load a page's data, announced.
#[component]
pub fn LoadError(
    /// What went wrong.
    error: PublicError,
) -> impl IntoView {
    view! {
        <p class="error" role="alert">
            {error.to_string()}
        </p>
    }
}

/// Shows the error of the last run of a server action, if it failed.
#[component]
pub fn ActionError<S, T>(
    /// The action's last result.
    value: S,
) -> impl IntoView
where
    S: Get<Value = Option<Result<T, PublicError>>> + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    move || {
        value.get().and_then(Result::err).map(|err| {
            view! {
                <p class="error" role="alert">
                    {err.to_string()}
                </p>
            }
        })
    }
}

/// A UTC instant as people read it, with a machine-readable `datetime`.
#[component]
pub fn Time(
    /// The instant.
    at: DateTime<Utc>,
) -> impl IntoView {
    view! { <time datetime=at.to_rfc3339()>{at.format("%-d %B %Y, %H:%M UTC").to_string()}</time> }
}

/// The page for an unknown address.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. " <a href="/">"Go to the start page"</a>"."</p>
        </section>
    }
}
