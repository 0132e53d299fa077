//! Rightful's user interface: the portal pages, rendered on the server, with the few
//! interactive parts hydrated in the browser as islands, and the thin server functions behind
//! them.

#[allow(missing_docs)] // server-function argument structs are generated
pub mod api;
pub mod error;
pub mod locale;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod reports;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
pub mod staff;

// The `i18n` module generated from `locales/*.json` by build.rs: `Locale` and the keys.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{A, Route, Router, Routes},
};

use crate::{
    i18n::{td, td_string},
    locale::use_locale,
};

/// The HTML document around the app, rendered on the server in the reader's language.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    ssr::set_security_headers();
    #[cfg(feature = "ssr")]
    provide_context(locale::request_locale());
    let locale = use_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale::language_of(locale).as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content=td_string!(locale, site.description) />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app: header, routes and footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = use_locale();
    view! {
        <Stylesheet id="leptos" href="/pkg/rightful.css" />
        <Title text=td_string!(locale, site.title) />
        <Router>
            <a href="#main" class="skip">
                {td!(locale, site.skip_link)}
            </a>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    {td!(locale, site.brand)}
                </A>
                <nav aria-label=td_string!(locale, site.main_nav)>
                    <A href="/privacy">{td!(locale, site.nav_privacy)}</A>
                </nav>
            </header>
            <pages::GpcNotice />
            <main id="main" tabindex="-1">
                // Async: the server waits for a page's data and sends it whole, so every page
                // reads and works without JavaScript (streamed parts need a script to appear).
                <Routes fallback=pages::NotFound>
                    <Route path=StaticSegment("") view=pages::Home ssr=SsrMode::Async />
                    <Route path=StaticSegment("sign-in") view=pages::SignIn ssr=SsrMode::Async />
                    <Route path=StaticSegment("privacy") view=pages::Privacy ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("requests"), StaticSegment("new"), ParamSegment("kind"))
                        view=pages::NewRequest
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("requests"), ParamSegment("id"))
                        view=pages::RequestStatus
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("requests"),
                            ParamSegment("id"),
                            StaticSegment("confirm"),
                        )
                        view=pages::ConfirmAgentRequestPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("agents")
                        view=pages::AgentFiling
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("console")
                        view=pages::ConsoleQueue
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("console"), StaticSegment("sign-in"))
                        view=pages::ConsoleSignIn
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("console"), StaticSegment("health"))
                        view=pages::ConsoleHealth
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("console"), StaticSegment("reports"))
                        view=pages::ConsoleReports
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("console"), StaticSegment("admin"))
                        view=pages::ConsoleAdmin
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("console"), StaticSegment("bulk"))
                        view=pages::ConsoleBulk
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("console"),
                            StaticSegment("requests"),
                            ParamSegment("id"),
                        )
                        view=pages::ConsoleRequestPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{td!(locale, site.footer)}</p>
                <pages::LanguagePicker />
            </footer>
        </Router>
        <HydrationMarker />
    }
}

/// Marks the page once the browser has hydrated its islands: tests and scripts wait for it
/// before they click.
#[island]
fn HydrationMarker() -> impl IntoView {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
