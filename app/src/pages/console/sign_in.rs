//! `/console/sign-in`: staff sign in with their address, password and, where their account
//! has one, a TOTP code. The form posts to the server's `/console/sign-in` route; a refusal
//! comes back as `?problem=unauthenticated`, the same whatever was wrong.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    error::PublicError,
    i18n::{td, td_string},
    locale::use_locale,
};

/// The console's sign-in page.
#[component]
pub fn ConsoleSignIn() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let problem = PublicError::from_query(|name| query.read_untracked().get(name));
    let message = problem.map(|problem| match problem {
        PublicError::Unauthenticated => td_string!(locale, console.sign_in_failed).to_owned(),
        other => other.text(locale).to_string(),
    });
    view! {
        <section class="card narrow">
            <h1>{td!(locale, console.sign_in_heading)}</h1>
            {message
                .map(|message| {
                    view! {
                        <p class="error" role="alert" id="sign-in-error">
                            {message}
                        </p>
                    }
                })}
            <form method="post" action="/console/sign-in" class="filing">
                <label for="email">{td!(locale, console.email)}</label>
                <input type="email" id="email" name="email" required autocomplete="username" />
                <label for="password">{td!(locale, console.password)}</label>
                <input
                    type="password"
                    id="password"
                    name="password"
                    required
                    autocomplete="current-password"
                />
                <label for="code">{td!(locale, console.code)}</label>
                <p class="hint" id="code-hint">
                    {td!(locale, console.code_hint)}
                </p>
                <input
                    type="text"
                    id="code"
                    name="code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    pattern="[0-9]{6}"
                    aria-describedby="code-hint"
                />
                <button type="submit">{td!(locale, console.sign_in)}</button>
            </form>
        </section>
    }
}
