//! `/console/bulk`: a bulk action's dry run. It lists exactly the requests of the filtered
//! view the action would change; the form below posts their ids, so applying it changes
//! only those (and skips any that stopped qualifying meanwhile).

use domain::{BulkKind, DenialReason, console::BulkPreview};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{Outcome, console_page, queue::FILTERS};
use crate::{
    api::console::{QueueQuery, load_bulk},
    i18n::{td, td_string},
    locale::use_locale,
    pages::{Time, wording},
};

/// The dry-run page.
#[component]
pub fn ConsoleBulk() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let map = query.read();
            let pairs = FILTERS
                .iter()
                .chain(["action"].iter())
                .filter_map(|name| map.get(name).map(|v| ((*name).to_owned(), v)))
                .collect();
            QueueQuery { pairs }
        },
        load_bulk,
    );
    console_page(page, |seen| {
        view! { <DryRun preview=seen.page /> }.into_any()
    })
}

#[component]
fn DryRun(preview: BulkPreview) -> impl IntoView {
    let locale = use_locale();
    let count = preview.rows.len();
    let items = preview
        .rows
        .iter()
        .map(|row| {
            let href = format!("/console/requests/{}", row.id);
            view! {
                <li>
                    <a href=href>{row.id.clone()}</a>
                    " · "
                    {wording::kind_label(locale, row.kind)}
                    " · "
                    {wording::status_label(locale, row.status)}
                    " · "
                    {row.jurisdiction.clone()}
                    {row
                        .due_at
                        .map(|at| {
                            view! {
                                " · "
                                <Time at />
                            }
                        })}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let ids = preview
        .rows
        .iter()
        .map(|row| view! { <input type="hidden" name="id" value=row.id.clone() /> })
        .collect::<Vec<_>>();
    let extra = match preview.action {
        BulkKind::Approve => None,
        BulkKind::Deny => {
            let reasons = DenialReason::ALL
                .iter()
                .map(|r| view! { <option value=r.as_str()>{wording::denial_reason(locale, *r)}</option> })
                .collect::<Vec<_>>();
            Some(
                view! {
                    <label for="bulk-code">{td!(locale, console.deny_reason)}</label>
                    <select id="bulk-code" name="code" required>
                        {reasons}
                    </select>
                    <label for="bulk-message">{td!(locale, console.deny_message)}</label>
                    <textarea id="bulk-message" name="message" required rows="3"></textarea>
                }
                .into_any(),
            )
        }
        BulkKind::Assign => {
            let staff = preview
                .staff
                .iter()
                .map(|s| view! { <option value=s.id.clone()>{s.email.clone()}</option> })
                .collect::<Vec<_>>();
            Some(
                view! {
                    <label for="bulk-to">{td!(locale, console.assignee)}</label>
                    <select id="bulk-to" name="to">
                        <option value="">{td!(locale, console.nobody)}</option>
                        {staff}
                    </select>
                }
                .into_any(),
            )
        }
    };
    let action = format!("/console/bulk/{}", preview.action);
    view! {
        <section class="card wide">
            <h1>{td!(locale, console.bulk_heading)}</h1>
            <Outcome />
            <p>{td!(locale, console.bulk_count, count = count.to_string())}</p>
            {preview
                .capped
                .then(|| view! { <p class="notice">{td!(locale, console.bulk_capped)}</p> })}
            <ul class="bulk-list">{items}</ul>
            {(count > 0)
                .then(|| {
                    view! {
                        <form method="post" action=action class="filing">
                            {ids}
                            {extra}
                            <label for="bulk-reason">{td!(locale, console.reason)}</label>
                            <textarea
                                id="bulk-reason"
                                name="reason"
                                required
                                rows="2"
                                maxlength="4000"
                            ></textarea>
                            <button type="submit">
                                {td_string!(locale, console.bulk_apply, count = count.to_string())
                                    .to_string()}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
    .into_any()
}
