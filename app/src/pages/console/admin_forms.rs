//! The admin screen's lists and forms: each list's rows with their buttons (disable, test,
//! revoke), and the forms that add a system, a key or an account. Every form is a plain
//! POST to `/console/admin/…`; the lists' buttons appear for admins only.

use domain::{
    StaffRole,
    admin::{KeyRow, StaffRow, SystemRow},
    scope::ApiScope,
    system::{Capability, SystemKind},
};
use leptos::prelude::*;

use super::role_label;
use crate::{
    i18n::{td, td_string},
    locale::use_locale,
    pages::Time,
};

/// A table of `rows` under the column headings `heads`.
fn table(heads: &[&'static str], rows: Vec<AnyView>) -> AnyView {
    let heads = heads
        .iter()
        .map(|head| view! { <th scope="col">{*head}</th> })
        .collect::<Vec<_>>();
    view! {
        <table class="queue">
            <thead>
                <tr>{heads}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// A button alone in its form, posting to `action`.
fn button(action: String, label: impl IntoView + 'static) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline">
            <button type="submit">{label}</button>
        </form>
    }
}

/// The data systems, with disable and test buttons for admins.
#[component]
pub(super) fn SystemList(systems: Vec<SystemRow>, admin: bool) -> impl IntoView {
    let locale = use_locale();
    let rows = systems
        .into_iter()
        .map(|s| {
            let base = format!("/console/admin/systems/{}", s.name);
            let test = (admin && s.kind == SystemKind::Webhook && s.enabled)
                .then(|| button(format!("{base}/test"), td!(locale, console.a_test)));
            let disable = (admin && s.enabled)
                .then(|| button(format!("{base}/disable"), td!(locale, console.a_disable)));
            let state = if s.enabled {
                td!(locale, console.a_enabled).into_any()
            } else {
                td!(locale, console.a_disabled).into_any()
            };
            let capabilities = s
                .capabilities
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr>
                    <td>{s.name}</td>
                    <td>{s.owner}</td>
                    <td>{s.kind.as_str()}</td>
                    <td>{capabilities}</td>
                    <td>{s.endpoint.unwrap_or_default()}</td>
                    <td>{state}</td>
                    <td>{test} " " {disable}</td>
                </tr>
            }
            .into_any()
        })
        .collect::<Vec<_>>();
    table(
        &[
            td_string!(locale, console.a_name),
            td_string!(locale, console.a_owner),
            td_string!(locale, console.a_kind),
            td_string!(locale, console.a_capabilities),
            td_string!(locale, console.a_endpoint_col),
            td_string!(locale, console.col_state),
            td_string!(locale, console.col_work),
        ],
        rows,
    )
}

/// One checkbox per value, all named `name`.
fn checkboxes(name: &'static str, values: Vec<&'static str>) -> impl IntoView {
    values
        .into_iter()
        .map(|value| {
            let id = format!("{name}-{value}");
            view! {
                <p class="check">
                    <input type="checkbox" id=id.clone() name=name value=value />
                    <label for=id>
                        <code>{value}</code>
                    </label>
                </p>
            }
        })
        .collect::<Vec<_>>()
}

/// The form that adds a data system.
#[component]
pub(super) fn AddSystem() -> impl IntoView {
    let locale = use_locale();
    let kinds = SystemKind::ALL
        .iter()
        .map(|k| view! { <option value=k.as_str()>{k.as_str()}</option> })
        .collect::<Vec<_>>();
    let capabilities = Capability::ALL.iter().map(|c| c.as_str()).collect();
    view! {
        <form method="post" action="/console/admin/systems" class="action">
            <h3>{td!(locale, console.a_add_system)}</h3>
            <label for="system-name">{td!(locale, console.a_name)}</label>
            <input id="system-name" name="name" required maxlength="100" pattern="[a-z0-9_\\-]+" />
            <label for="system-owner">{td!(locale, console.a_owner)}</label>
            <input id="system-owner" name="owner" required maxlength="200" />
            <label for="system-kind">{td!(locale, console.a_kind)}</label>
            <select id="system-kind" name="kind">
                {kinds}
            </select>
            <fieldset>
                <legend>{td!(locale, console.a_capabilities)}</legend>
                {checkboxes("capability", capabilities)}
            </fieldset>
            <label for="system-endpoint">{td!(locale, console.a_endpoint)}</label>
            <input id="system-endpoint" name="endpoint" type="url" />
            <label for="system-timeout">{td!(locale, console.a_timeout)}</label>
            <input
                id="system-timeout"
                name="timeout_ms"
                type="number"
                min="100"
                max="60000"
                value="10000"
            />
            <button type="submit">{td!(locale, console.a_add_system)}</button>
        </form>
    }
    .into_any()
}

/// The API keys, with revoke buttons for admins.
#[component]
pub(super) fn KeyList(keys: Vec<KeyRow>, admin: bool) -> impl IntoView {
    let locale = use_locale();
    let rows = keys
        .into_iter()
        .map(|k| {
            let revoke = (admin && k.revoked_at.is_none()).then(|| {
                button(
                    format!("/console/admin/keys/{}/revoke", k.prefix),
                    td!(locale, console.a_revoke),
                )
            });
            let state = match k.revoked_at {
                Some(at) => view! {
                    {td!(locale, console.a_revoked)}
                    " "
                    <Time at />
                }
                .into_any(),
                None => td!(locale, console.a_active).into_any(),
            };
            view! {
                <tr>
                    <td>{k.name}</td>
                    <td>
                        <code>{format!("rk_{}_…", k.prefix)}</code>
                    </td>
                    <td>{k.scopes.join(", ")}</td>
                    <td>
                        <Time at=k.created_at />
                    </td>
                    <td>{state}</td>
                    <td>{revoke}</td>
                </tr>
            }
            .into_any()
        })
        .collect::<Vec<_>>();
    table(
        &[
            td_string!(locale, console.a_key_name),
            td_string!(locale, console.a_prefix),
            td_string!(locale, console.a_scopes),
            td_string!(locale, console.a_created),
            td_string!(locale, console.col_state),
            td_string!(locale, console.col_work),
        ],
        rows,
    )
}

/// The form that creates an API key.
#[component]
pub(super) fn CreateKey() -> impl IntoView {
    let locale = use_locale();
    let scopes = ApiScope::ALL.iter().map(|s| s.as_str()).collect();
    view! {
        <form method="post" action="/console/admin/keys" class="action">
            <h3>{td!(locale, console.a_create_key)}</h3>
            <label for="key-name">{td!(locale, console.a_key_name)}</label>
            <input id="key-name" name="name" required maxlength="100" />
            <fieldset>
                <legend>{td!(locale, console.a_scopes)}</legend>
                {checkboxes("scope", scopes)}
            </fieldset>
            <button type="submit">{td!(locale, console.a_create_key)}</button>
        </form>
    }
    .into_any()
}

/// The staff accounts, with disable buttons for admins (but on their own row, `me`).
#[component]
pub(super) fn StaffList(staff: Vec<StaffRow>, admin: bool, me: String) -> impl IntoView {
    let locale = use_locale();
    let rows = staff
        .into_iter()
        .map(|m| {
            let disable = (admin && !m.disabled && m.email != me).then(|| {
                view! {
                    <form method="post" action="/console/admin/staff/disable" class="inline">
                        <input type="hidden" name="email" value=m.email.clone() />
                        <button type="submit">{td!(locale, console.a_disable)}</button>
                    </form>
                }
            });
            let state = if m.disabled {
                td!(locale, console.a_disabled).into_any()
            } else {
                td!(locale, console.a_enabled).into_any()
            };
            let last = match m.last_sign_in_at {
                Some(at) => view! { <Time at /> }.into_any(),
                None => td!(locale, console.a_never).into_any(),
            };
            view! {
                <tr>
                    <td>{m.email}</td>
                    <td>{role_label(m.role, locale)}</td>
                    <td>{if m.totp { "TOTP" } else { "—" }}</td>
                    <td>{last}</td>
                    <td>{state}</td>
                    <td>{disable}</td>
                </tr>
            }
            .into_any()
        })
        .collect::<Vec<_>>();
    table(
        &[
            td_string!(locale, console.email),
            td_string!(locale, console.a_role),
            td_string!(locale, console.a_second_factor),
            td_string!(locale, console.a_last_sign_in),
            td_string!(locale, console.col_state),
            td_string!(locale, console.col_work),
        ],
        rows,
    )
}

/// The form that creates a staff account with a generated password.
#[component]
pub(super) fn AddStaff() -> impl IntoView {
    let locale = use_locale();
    let roles = StaffRole::ALL
        .iter()
        .map(|r| {
            // Operator is the default: an admin is made on purpose.
            let default = *r == StaffRole::Operator;
            view! {
                <option value=r.as_str() selected=default>
                    {role_label(*r, locale)}
                </option>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <form method="post" action="/console/admin/staff" class="action">
            <h3>{td!(locale, console.a_create_staff)}</h3>
            <label for="staff-email">{td!(locale, console.email)}</label>
            <input id="staff-email" name="email" type="email" required autocomplete="off" />
            <label for="staff-role">{td!(locale, console.a_role)}</label>
            <select id="staff-role" name="role">
                {roles}
            </select>
            <p class="check">
                <input type="checkbox" id="staff-totp" name="totp" />
                <label for="staff-totp">{td!(locale, console.a_totp)}</label>
            </p>
            <button type="submit">{td!(locale, console.a_create_staff)}</button>
        </form>
    }
    .into_any()
}
