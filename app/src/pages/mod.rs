//! The portal's pages, one module each, and the small pieces they share.

mod agent;
mod agent_confirm;
mod console;
mod home;
mod language;
mod places;
mod privacy;
mod request_messages;
mod request_new;
mod request_parts;
mod request_status;
mod sign_in;
pub(crate) mod wording;

pub use agent::AgentFiling;
pub use agent_confirm::ConfirmAgentRequestPage;
pub use console::{
    ConsoleAdmin, ConsoleBulk, ConsoleHealth, ConsoleQueue, ConsoleReports, ConsoleRequestPage,
    ConsoleSignIn,
};
pub use home::Home;
pub use language::LanguagePicker;
pub use privacy::Privacy;
pub use request_new::NewRequest;
pub use request_status::RequestStatus;
pub use sign_in::SignIn;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use crate::{
    error::PublicError,
    i18n::{td, td_string},
    locale::{self, use_locale},
};

/// Says so when the browser's Global Privacy Control signal was honoured.
#[component]
pub fn GpcNotice() -> impl IntoView {
    let honoured = Resource::new(|| (), |_| crate::api::privacy::global_privacy_control());
    let locale = use_locale();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                honoured
                    .await
                    .unwrap_or(false)
                    .then(|| {
                        view! {
                            <aside class="gpc" aria-label=td_string!(locale, gpc.label)>
                                <p>{td!(locale, gpc.honoured)}</p>
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
            {error.text(use_locale())}
        </p>
    }
}

/// Shows the error of the last run of a server action, if it failed, unless it is about one
/// of the fields in `except`, which show their own (see [`FieldError`]).
#[component]
pub fn ActionError<S, T>(
    /// The action's last result.
    value: S,
    /// Fields whose errors are shown at the field instead.
    #[prop(optional)]
    except: &'static [&'static str],
) -> impl IntoView
where
    S: Get<Value = Option<Result<T, PublicError>>> + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    let locale = use_locale();
    move || {
        let err = value.get().and_then(Result::err);
        err.filter(|e| e.field().is_none_or(|f| !except.contains(&f)))
            .map(|err| {
                view! {
                    <p class="error" role="alert">
                        {err.text(locale)}
                    </p>
                }
            })
    }
}

/// A UTC instant as people read it in the page's language, with a machine-readable
/// `datetime`.
#[component]
pub fn Time(
    /// The instant.
    at: DateTime<Utc>,
) -> impl IntoView {
    view! { <time datetime=at.to_rfc3339()>{locale::date_time(use_locale(), at)}</time> }
}

/// A date as people read it in the page's language, with a machine-readable `datetime`.
#[component]
pub fn Day(
    /// The date.
    day: NaiveDate,
) -> impl IntoView {
    view! { <time datetime=day.to_string()>{locale::date(use_locale(), day)}</time> }
}

/// The page for an unknown address.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let locale = use_locale();
    view! {
        <section class="card">
            <h1>{td!(locale, not_found.heading)}</h1>
            <p>{td!(locale, not_found.text)} " " <a href="/">{td!(locale, not_found.home)}</a></p>
        </section>
    }
}

/// The message of `error`, in the page's language, if it is about form field `name`.
pub fn field_error(
    error: Signal<Option<PublicError>>,
    name: &'static str,
) -> Signal<Option<String>> {
    let locale = use_locale();
    Signal::derive(move || match error.get() {
        Some(err @ PublicError::Invalid { .. }) if err.field() == Some(name) => {
            Some(err.text(locale))
        }
        _ => None,
    })
}

/// The `aria-describedby` of field `name`: its hint (`{name}-hint`) if it has one, and its
/// error (`{name}-error`) while it shows one.
pub fn described_by(
    name: &'static str,
    message: Signal<Option<String>>,
    hint: bool,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let ids: Vec<String> = [
            hint.then(|| format!("{name}-hint")),
            message.get().map(|_| format!("{name}-error")),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled file input named `name` with its hint, and its error if the last form named
/// it, tied to it for screen readers.
#[component]
pub fn FileField(
    /// The field's name and id.
    name: &'static str,
    /// What the label says.
    label: &'static str,
    /// What the field takes, under the label.
    hint: &'static str,
    /// The media types the picker offers (the server checks the content).
    accept: &'static str,
    /// Whether several files may be chosen.
    #[prop(optional)]
    multiple: bool,
    /// Whether a file must be chosen.
    #[prop(optional)]
    required: bool,
    /// The last form's error.
    error: Signal<Option<PublicError>>,
) -> impl IntoView {
    let message = field_error(error, name);
    view! {
        <label for=name>{label}</label>
        <p class="hint" id=format!("{name}-hint")>
            {hint}
        </p>
        <FieldError name error=message />
        <input
            type="file"
            id=name
            name=name
            multiple=multiple
            required=required
            accept=accept
            aria-invalid=move || message.get().map(|_| "true")
            aria-describedby=described_by(name, message, true)
        />
    }
}

/// A field's error, announced, with the id its field's `aria-describedby` names.
#[component]
pub fn FieldError(
    /// The field's name, which the error's id is made from.
    name: &'static str,
    /// The message, when the field has an error.
    error: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p class="error field-error" id=format!("{name}-error") role="alert">
                    {message}
                </p>
            }
        })
    }
}
