//! `/console/reports`: the deadline dashboard for Legal (every role reads it). Open requests
//! by how close their deadlines are; the on-time rate by month, law and kind, each an SVG
//! bar chart drawn here with the same figures in a table after it; days to respond; the
//! extensions and pauses used; and the forms that download the §7102 metrics and the
//! deadline report. It prints cleanly: navigation and forms are left off the paper.

use chrono::Datelike;
use domain::report::{Dashboard, DayCounts, Rate};
use leptos::prelude::*;

use super::{Outcome, charts::RateFigure, console_page, report_forms::Downloads};
use crate::{
    api::console::load_dashboard,
    i18n::{td, td_string},
    locale::{self, use_locale},
    pages::wording,
};

/// The deadline dashboard page.
#[component]
pub fn ConsoleReports() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_dashboard());
    console_page(page, |seen| view! { <Board page=seen.page /> }.into_any())
}

#[component]
fn Board(page: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let from = locale::date(locale, page.from);
    let to = locale::date(locale, page.to.pred_opt().unwrap_or(page.to));
    let at = locale::date_time(locale, page.at);
    let months: Vec<(String, u64, u64, Option<u64>)> = page
        .by_month
        .iter()
        .map(|r| row(r, r.key.clone()))
        .collect();
    let regimes: Vec<_> = page
        .by_regime
        .iter()
        .map(|r| row(r, wording::regime_label(locale, r.key).to_owned()))
        .collect();
    let kinds: Vec<_> = page
        .by_kind
        .iter()
        .map(|r| row(r, wording::kind_label(locale, r.key).to_owned()))
        .collect();
    // What is published by July 1 is last year's.
    let year = page.at.year() - 1;
    view! {
        <section class="card wide report">
            <h1>{td!(locale, reports.dashboard_heading)}</h1>
            <Outcome />
            <p>{td!(locale, reports.period, from = from, to = to, at = at)}</p>
            <Due page=page.clone() />
            <RateFigure
                title=td_string!(locale, reports.by_month)
                column=td_string!(locale, reports.col_month)
                rows=months
            />
            <RateFigure
                title=td_string!(locale, reports.by_regime)
                column=td_string!(locale, reports.col_regime)
                rows=regimes
            />
            <RateFigure
                title=td_string!(locale, reports.by_kind)
                column=td_string!(locale, reports.col_kind)
                rows=kinds
            />
            <Days page=page.clone() />
            <Extensions page=page.clone() />
            <Downloads year=year />
        </section>
    }
}

/// A rate as a table row: its label, met, missed, and the share met in per mille.
fn row<K>(rate: &Rate<K>, label: String) -> (String, u64, u64, Option<u64>) {
    (label, rate.met, rate.missed, rate.per_mille())
}

/// The open requests' counts.
#[component]
fn Due(page: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let n = move |v: u64| locale::number(locale, v);
    let due = page.due;
    view! {
        <h2>{td!(locale, reports.due_heading)}</h2>
        <dl class="due-counts">
            <div class="risk-overdue">
                <dt>{td!(locale, reports.due_overdue)}</dt>
                <dd>{n(due.overdue)}</dd>
            </div>
            <div class="risk-3">
                <dt>{td!(locale, reports.due_at_risk)}</dt>
                <dd>{n(due.at_risk)}</dd>
            </div>
            <div>
                <dt>{td!(locale, reports.due_today)}</dt>
                <dd>{n(due.today)}</dd>
            </div>
            <div>
                <dt>{td!(locale, reports.due_week)}</dt>
                <dd>{n(due.week)}</dd>
            </div>
        </dl>
    }
}

/// Days to respond, in all and by law.
#[component]
fn Days(page: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let line = move |label: String, days: &DayCounts| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td>{locale::number(locale, days.answered())}</td>
                <td>{wording::days(locale, days.median())}</td>
                <td>{wording::days(locale, days.mean())}</td>
            </tr>
        }
    };
    let all = line(td_string!(locale, reports.all_laws).to_owned(), &page.days);
    let by_law = page
        .days_by_regime
        .iter()
        .map(|(regime, days)| line(wording::regime_label(locale, *regime).to_owned(), days))
        .collect::<Vec<_>>();
    view! {
        <h2>{td!(locale, reports.days_heading)}</h2>
        <table>
            <thead>
                <tr>
                    <th scope="col">{td!(locale, reports.col_regime)}</th>
                    <th scope="col">{td!(locale, reports.col_answered)}</th>
                    <th scope="col">{td!(locale, reports.col_median)}</th>
                    <th scope="col">{td!(locale, reports.col_mean)}</th>
                </tr>
            </thead>
            <tbody>{all} {by_law}</tbody>
        </table>
    }
}

/// Extensions by reason, and the pauses.
#[component]
fn Extensions(page: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let lines = page
        .extensions
        .iter()
        .map(|(reason, n)| {
            let label = reason.map_or_else(
                || td_string!(locale, reports.reason_unrecorded),
                |r| wording::extension_reason(locale, r),
            );
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{locale::number(locale, *n)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let table = (!lines.is_empty()).then(|| {
        view! {
            <table>
                <thead>
                    <tr>
                        <th scope="col">{td!(locale, reports.col_reason)}</th>
                        <th scope="col">{td!(locale, reports.col_requests)}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
        }
    });
    let none = page
        .extensions
        .is_empty()
        .then(|| view! { <p>{td!(locale, reports.no_extensions)}</p> });
    let n = move |v: u64| locale::number(locale, v);
    let pauses = page
        .pauses
        .iter()
        .map(|(reason, used)| {
            let label = reason.map_or_else(
                || td_string!(locale, reports.reason_unrecorded),
                |r| wording::pause_reason(locale, r),
            );
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{n(used.requests)}</td>
                    <td>{n(used.pauses)}</td>
                    <td>{n(used.days)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let paused = (!pauses.is_empty()).then(|| {
        view! {
            <table>
                <thead>
                    <tr>
                        <th scope="col">{td!(locale, console.pause_reason)}</th>
                        <th scope="col">{td!(locale, reports.col_requests)}</th>
                        <th scope="col">{td!(locale, reports.col_pauses)}</th>
                        <th scope="col">{td!(locale, reports.col_days_paused)}</th>
                    </tr>
                </thead>
                <tbody>{pauses}</tbody>
            </table>
        }
    });
    let unpaused = page
        .pauses
        .is_empty()
        .then(|| view! { <p>{td!(locale, reports.no_pauses)}</p> });
    view! {
        <h2>{td!(locale, reports.ext_heading)}</h2>
        {table}
        {none}
        {paused}
        {unpaused}
    }
}
