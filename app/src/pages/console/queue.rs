//! `/console`: the queue. Its filters are the URL's query string, so every view is a link;
//! rows are sorted by deadline, earliest first, coloured by risk, a page at a time.

use domain::{
    RequestKind, RequestStatus, StaffRole,
    console::{HealthCounts, QueuePage, QueueRow, Risk, SavedView, ViewCount},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{Outcome, console_page};
use crate::{
    api::console::{QueueQuery, load_queue},
    i18n::{Locale, td, td_string},
    locale::use_locale,
    pages::{Time, wording},
};

/// The queue page.
#[component]
pub fn ConsoleQueue() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let map = query.read();
            let pairs = FILTERS
                .iter()
                .chain(["after", "unverified"].iter())
                .filter_map(|name| map.get(name).map(|v| ((*name).to_owned(), v)))
                .collect();
            QueueQuery { pairs }
        },
        load_queue,
    );
    console_page(page, |seen| {
        view! { <Queue page=seen.page bulk=seen.viewer.role != StaffRole::Legal /> }.into_any()
    })
}

/// The filters the form offers, by their query-string names.
pub(super) const FILTERS: [&str; 7] = [
    "status",
    "kind",
    "jurisdiction",
    "assignee",
    "due_within",
    "overdue",
    "q",
];

#[component]
fn Queue(page: QueuePage, bulk: bool) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let current = move |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let next = page.next.map(|cursor| {
        let mut pairs: Vec<String> = FILTERS
            .iter()
            .filter_map(|name| {
                query
                    .read_untracked()
                    .get(name)
                    .map(|v| format!("{name}={}", encode(&v)))
            })
            .collect();
        pairs.push(format!("after={cursor}"));
        format!("/console?{}", pairs.join("&"))
    });
    let empty = page.rows.is_empty();
    view! {
        <section class="card wide">
            <h1>{td!(locale, console.queue_heading)}</h1>
            <Outcome />
            <Health counts=page.health />
            <Views views=page.views />
            <form method="get" action="/console" class="filters">
                <fieldset>
                    <legend>{td!(locale, console.filters)}</legend>
                    <Choice
                        name="status"
                        label=td_string!(locale, console.f_status)
                        current=current("status")
                        options=statuses(locale)
                    />
                    <Choice
                        name="kind"
                        label=td_string!(locale, console.f_kind)
                        current=current("kind")
                        options=kinds(locale)
                    />
                    <div class="field">
                        <label for="jurisdiction">{td!(locale, console.f_jurisdiction)}</label>
                        <input
                            id="jurisdiction"
                            name="jurisdiction"
                            value=current("jurisdiction")
                            size="6"
                        />
                    </div>
                    <div class="field">
                        <label for="due_within">{td!(locale, console.f_due_within)}</label>
                        <input
                            id="due_within"
                            name="due_within"
                            type="number"
                            min="0"
                            max="365"
                            value=current("due_within")
                        />
                    </div>
                    <p class="check">
                        <input
                            type="checkbox"
                            id="overdue"
                            name="overdue"
                            value="true"
                            checked=current("overdue") == "true"
                        />
                        <label for="overdue">{td!(locale, console.f_overdue)}</label>
                    </p>
                    <div class="field wide">
                        <label for="q">{td!(locale, console.f_q)}</label>
                        <input
                            id="q"
                            name="q"
                            type="search"
                            value=current("q")
                            autocomplete="off"
                        />
                    </div>
                    <button type="submit">{td!(locale, console.apply)}</button>
                    " "
                    <a href="/console">{td!(locale, console.clear)}</a>
                </fieldset>
            </form>
            {bulk.then(|| view! { <BulkForms /> })}
            {if empty {
                view! { <p>{td!(locale, console.empty)}</p> }.into_any()
            } else {
                view! { <Rows rows=page.rows /> }.into_any()
            }}
            {next
                .map(|href| {
                    view! {
                        <p>
                            <a href=href rel="next">
                                {td!(locale, console.next_page)}
                            </a>
                        </p>
                    }
                })}
        </section>
    }
    .into_any()
}

/// Bulk actions over the filtered view: a dry run lists what would change first.
#[component]
fn BulkForms() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let hidden = move || {
        FILTERS
            .iter()
            .filter_map(|name| {
                query
                    .read_untracked()
                    .get(name)
                    .map(|value| view! { <input type="hidden" name=*name value=value /> })
            })
            .collect::<Vec<_>>()
    };
    view! {
        <details class="bulk">
            <summary>{td!(locale, console.bulk)}</summary>
            <form method="get" action="/console/bulk" class="filing">
                {hidden()}
                <label for="bulk-action">{td!(locale, console.bulk_action)}</label>
                <select id="bulk-action" name="action">
                    <option value="approve">{td!(locale, console.approve)}</option>
                    <option value="deny">{td!(locale, console.deny)}</option>
                    <option value="assign">{td!(locale, console.assign)}</option>
                </select>
                <button type="submit">{td!(locale, console.dry_run)}</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
fn Rows(rows: Vec<QueueRow>) -> impl IntoView {
    let locale = use_locale();
    let rows = rows
        .into_iter()
        .map(|row| {
            let href = format!("/console/requests/{}", row.id);
            let short = row.id.chars().take(8).collect::<String>();
            view! {
                <tr class=row.risk.class()>
                    <td>
                        <a href=href>{short}</a>
                    </td>
                    <td>{wording::kind_label(locale, row.kind)}</td>
                    <td>{wording::status_label(locale, row.status)}</td>
                    <td>{row.jurisdiction}</td>
                    <td>
                        <Time at=row.received_at />
                    </td>
                    <td>
                        {row.due_at.map(|at| view! { <Time at /> })} " "
                        {risk_label(locale, row.risk)}
                    </td>
                    <td>{row.assignee.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="queue">
            <caption class="visually-hidden">{td!(locale, console.queue_heading)}</caption>
            <thead>
                <tr>
                    <th scope="col">{td!(locale, console.col_request)}</th>
                    <th scope="col">{td!(locale, console.col_kind)}</th>
                    <th scope="col">{td!(locale, console.col_status)}</th>
                    <th scope="col">{td!(locale, console.col_place)}</th>
                    <th scope="col">{td!(locale, console.col_received)}</th>
                    <th scope="col">{td!(locale, console.col_due)}</th>
                    <th scope="col">{td!(locale, console.col_assignee)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The words beside a due date: colour is never the only sign of risk.
fn risk_label(locale: Locale, risk: Risk) -> &'static str {
    match risk {
        Risk::Overdue => td_string!(locale, console.risk_overdue),
        Risk::Within3 => td_string!(locale, console.risk_3),
        Risk::Within7 => td_string!(locale, console.risk_7),
        Risk::Calm => "",
    }
}

#[component]
fn Views(views: Vec<ViewCount>) -> impl IntoView {
    let locale = use_locale();
    let items = views
        .into_iter()
        .map(|v| {
            let label = match v.view {
                SavedView::Open => td_string!(locale, console.view_open),
                SavedView::Overdue => td_string!(locale, console.view_overdue),
                SavedView::DueSoon => td_string!(locale, console.view_due_soon),
                SavedView::PendingApproval => td_string!(locale, console.view_pending),
                SavedView::Mine => td_string!(locale, console.view_mine),
            };
            let href = format!("/console?{}", v.query);
            view! {
                <li>
                    <a href=href>{label} " (" {v.count} ")"</a>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <nav aria-label=td_string!(locale, console.views_label)>
            <ul class="views">{items}</ul>
        </nav>
    }
    .into_any()
}

#[component]
fn Health(counts: HealthCounts) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="health">
            <a href="/console/health">
                {td!(locale, console.h_failed_tasks)} ": " {counts.failed_tasks} " · "
                {td!(locale, console.h_dead_jobs)} ": " {counts.dead_jobs} " · "
                {td!(locale, console.h_open_circuits)} ": " {counts.open_circuits} " · "
                {td!(locale, console.h_stuck)} ": " {counts.stuck}
            </a>
        </p>
    }
    .into_any()
}

/// A select of `options` (value, label) with "any" first.
#[component]
fn Choice(
    name: &'static str,
    label: &'static str,
    current: String,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let locale = use_locale();
    let options = options
        .into_iter()
        .map(|(value, text)| {
            view! {
                <option value=value selected=current == value>
                    {text}
                </option>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name>
                <option value="">{td!(locale, console.f_any)}</option>
                {options}
            </select>
        </div>
    }
    .into_any()
}

fn statuses(locale: Locale) -> Vec<(&'static str, &'static str)> {
    RequestStatus::ALL
        .iter()
        .map(|s| (s.as_str(), wording::status_label(locale, *s)))
        .collect()
}

fn kinds(locale: Locale) -> Vec<(&'static str, &'static str)> {
    RequestKind::ALL
        .iter()
        .map(|k| (k.as_str(), wording::kind_label(locale, *k)))
        .collect()
}

/// Percent-encodes a query value (search text may hold `&`, `=`, `+` or spaces).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
