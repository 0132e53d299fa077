//! The staff console's pages: sign-in, the queue, one request, operations health, the
//! deadline dashboard with Legal's reports, admin. They
//! render on the server and every form is a plain POST to a `/console/…` route of the
//! server's that names its action; nothing here needs JavaScript.

mod admin;
mod admin_forms;
mod bulk;
mod charts;
mod health;
mod queue;
mod report_forms;
mod reports;
mod request;
mod request_parts;
mod sign_in;

pub use admin::ConsoleAdmin;
pub use bulk::ConsoleBulk;
pub use health::ConsoleHealth;
pub use queue::ConsoleQueue;
pub use reports::ConsoleReports;
pub use request::ConsoleRequestPage;
pub use sign_in::ConsoleSignIn;

use domain::{StaffRole, console::Viewer};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::LoadError;
use crate::{
    api::console::Seen,
    error::PublicError,
    i18n::{td, td_string},
    locale::use_locale,
};

/// The console's own navigation, who is signed in, and the sign-out button.
#[component]
fn ConsoleNav(viewer: Viewer) -> impl IntoView {
    let locale = use_locale();
    let role = role_label(viewer.role, locale);
    view! {
        <nav class="console-nav" aria-label=td_string!(locale, console.nav_label)>
            <a href="/console">{td!(locale, console.nav_queue)}</a>
            <a href="/console/health">{td!(locale, console.nav_health)}</a>
            <a href="/console/reports">{td!(locale, reports.nav_reports)}</a>
            <a href="/console/admin">{td!(locale, console.nav_admin)}</a>
            <span class="who">
                {td!(locale, console.signed_in_as, email = viewer.email.clone(), role = role)}
            </span>
            <form method="post" action="/console/sign-out" class="inline">
                <button type="submit" class="link">
                    {td!(locale, console.sign_out)}
                </button>
            </form>
        </nav>
    }
}

/// A role's name.
fn role_label(role: StaffRole, locale: crate::i18n::Locale) -> &'static str {
    match role {
        StaffRole::Admin => td_string!(locale, console.role_admin),
        StaffRole::Operator => td_string!(locale, console.role_operator),
        StaffRole::Legal => td_string!(locale, console.role_legal),
    }
}

/// A console page: the loading line while `page` loads, then the console's navigation and
/// `body` of what it loaded, or what failed (a link to sign in when nobody is).
fn console_page<T>(
    page: Resource<Result<Seen<T>, PublicError>>,
    body: fn(Seen<T>) -> AnyView,
) -> AnyView
where
    T: Clone + Send + Sync + 'static,
{
    let locale = use_locale();
    view! {
        <Transition fallback=move || {
            view! { <p>{td!(locale, loading)}</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(seen) => {
                        view! {
                            <ConsoleNav viewer=seen.viewer.clone() />
                            {body(seen)}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ConsoleLoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

/// What a console page shows when loading failed: a link to sign in when nobody is.
#[component]
fn ConsoleLoadError(error: PublicError) -> impl IntoView {
    let locale = use_locale();
    match error {
        PublicError::Unauthenticated => view! {
            <section class="card narrow">
                <h1>{td!(locale, console.title)}</h1>
                <p>{td!(locale, console.sign_in_needed)}</p>
                <a href="/console/sign-in" class="button">
                    {td!(locale, console.sign_in)}
                </a>
            </section>
        }
        .into_any(),
        error => view! { <LoadError error /> }.into_any(),
    }
}

/// The outcome of the last form post, as the server named it in the URL: `done=…` or a
/// problem (`problem=…`, with the field and code of a refused input).
#[component]
fn Outcome(
    /// Whether the page is the admin screen, whose conflicts are not a request moving on.
    #[prop(optional)]
    admin: bool,
) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let done = query.read_untracked().get("done");
    let problem = PublicError::from_query(|name| query.read_untracked().get(name));
    let code = query.read_untracked().get("code").unwrap_or_default();
    view! {
        {done
            .map(|_| {
                view! {
                    <p class="notice" role="status">
                        {td!(locale, console.done)}
                    </p>
                }
            })}
        {problem
            .map(|problem| {
                let text = match problem {
                    PublicError::Invalid { .. } => {
                        td_string!(locale, console.refused, code = code.clone()).to_string()
                    }
                    PublicError::Conflict(_) if admin => {
                        td_string!(locale, console.a_conflict).to_owned()
                    }
                    PublicError::Conflict(_) => td_string!(locale, console.conflict).to_owned(),
                    other => other.text(locale).to_string(),
                };
                view! {
                    <p class="error" role="alert">
                        {text}
                    </p>
                }
            })}
    }
}
