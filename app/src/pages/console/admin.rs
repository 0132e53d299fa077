//! `/console/admin`: data systems, API keys and staff accounts, each listed with its forms
//! (`admin_forms.rs`). Every member of staff may read it; the forms are offered to admins
//! only, and the server checks again. What an admin's last change shows once (a secret, a
//! key, a password, a test delivery's reply) heads the page.

use domain::{
    StaffRole,
    admin::{AdminPage, Reveal},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    Outcome,
    admin_forms::{AddStaff, AddSystem, CreateKey, KeyList, StaffList, SystemList},
    console_page,
};
use crate::{
    api::console::load_admin,
    i18n::{td, td_string},
    locale::use_locale,
};

/// The admin screen.
#[component]
pub fn ConsoleAdmin() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(move || query.read().get("reveal"), load_admin);
    console_page(page, |seen| {
        let admin = seen.viewer.role == StaffRole::Admin;
        let me = seen.viewer.email.clone();
        view! { <Admin page=seen.page admin me /> }.into_any()
    })
}

#[component]
fn Admin(page: AdminPage, admin: bool, me: String) -> impl IntoView {
    let locale = use_locale();
    let read_only =
        (!admin).then(|| view! { <p class="hint">{td!(locale, console.a_read_only)}</p> });
    view! {
        <section class="card wide">
            <h1>{td!(locale, console.admin_heading)}</h1>
            <Outcome admin=true />
            {page.reveal.map(|reveal| view! { <Shown reveal /> })}
            {read_only}
            <h2 id="systems">{td!(locale, console.a_systems)}</h2>
            <SystemList systems=page.systems admin />
            {admin.then(|| view! { <AddSystem /> })}
            <h2 id="keys">{td!(locale, console.a_keys)}</h2>
            <KeyList keys=page.keys admin />
            {admin.then(|| view! { <CreateKey /> })}
            <h2 id="staff">{td!(locale, console.a_staff)}</h2>
            <StaffList staff=page.staff admin me />
            {admin.then(|| view! { <AddStaff /> })}
        </section>
    }
    .into_any()
}

/// What the last change shows once.
#[component]
fn Shown(reveal: Reveal) -> impl IntoView {
    let locale = use_locale();
    let once = || view! { <p>{td!(locale, console.a_shown_once)}</p> };
    let body = match reveal {
        Reveal::SystemSecret { system, secret } => view! {
            <h2>{td!(locale, console.a_secret_of, system = system)}</h2>
            {once()}
            <pre class="secret">{secret}</pre>
        }
        .into_any(),
        Reveal::ApiKey { name, key } => view! {
            <h2>{td!(locale, console.a_key_of, name = name)}</h2>
            {once()}
            <pre class="secret">{key}</pre>
        }
        .into_any(),
        Reveal::StaffAccount {
            email,
            password,
            totp_uri,
        } => {
            let totp = totp_uri.map(|uri| {
                view! {
                    <p>{td!(locale, console.a_totp_uri)}</p>
                    <pre class="secret">{uri}</pre>
                }
            });
            view! {
                <h2>{td!(locale, console.a_account_of, email = email)}</h2>
                {once()}
                <pre class="secret">{password}</pre>
                {totp}
            }
            .into_any()
        }
        Reveal::TestDelivery {
            system,
            passed,
            status,
            detail,
        } => {
            let status = status.map_or_else(|| "—".to_owned(), |s| s.to_string());
            let heading = if passed {
                td_string!(
                    locale,
                    console.a_test_passed,
                    system = system,
                    status = status
                )
                .to_string()
            } else {
                td_string!(locale, console.a_test_failed, system = system).to_string()
            };
            view! {
                <h2>{heading}</h2>
                <p>{td!(locale, console.a_reply)}</p>
                <pre class="reply">{detail}</pre>
            }
            .into_any()
        }
    };
    view! {
        <div class="reveal" role="status">
            {body}
        </div>
    }
    .into_any()
}
