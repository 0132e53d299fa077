//! The dashboard's download forms: the §7102 metrics for a year, and the deadline report with
//! its filters. Plain GET forms to the server's `/console/reports/…` routes, which answer
//! with the file; left off the printed page.

use domain::{
    RequestKind,
    report::{LegalRegime, Outcome},
};
use leptos::prelude::*;

use crate::{
    i18n::{td, td_string},
    locale::use_locale,
    pages::wording,
};

/// Both download forms; `year` is the one offered first.
#[component]
pub(super) fn Downloads(year: i32) -> impl IntoView {
    let locale = use_locale();
    let regimes = LegalRegime::ALL
        .iter()
        .map(|r| (r.as_str(), wording::regime_label(locale, *r)))
        .collect();
    let kinds = RequestKind::ALL
        .iter()
        .map(|k| (k.as_str(), wording::kind_label(locale, *k)))
        .collect();
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| (o.as_str(), wording::outcome_label(locale, *o)))
        .collect();
    let any = td_string!(locale, reports.any);
    view! {
        <div class="downloads no-print">
            <h2>{td!(locale, reports.downloads)}</h2>
            <form method="get" action="/console/reports/ccpa" class="filters">
                <h3>{td!(locale, reports.ccpa_heading)}</h3>
                <div class="field">
                    <label for="ccpa-year">{td!(locale, reports.year)}</label>
                    <input
                        id="ccpa-year"
                        name="year"
                        type="number"
                        min="2000"
                        max="2100"
                        value=year
                        required
                    />
                </div>
                <Pick
                    id="ccpa-format"
                    name="format"
                    label=td_string!(locale, reports.format)
                    first=None
                    options=vec![
                        ("html", td_string!(locale, reports.format_html)),
                        ("csv", "CSV"),
                        ("json", "JSON"),
                    ]
                />
                <button type="submit">{td!(locale, reports.open_report)}</button>
            </form>
            <form method="get" action="/console/reports/deadlines" class="filters">
                <h3>{td!(locale, reports.deadlines_heading)}</h3>
                <Pick
                    id="d-regime"
                    name="regime"
                    label=td_string!(locale, reports.f_regime)
                    first=Some(any)
                    options=regimes
                />
                <Pick
                    id="d-kind"
                    name="kind"
                    label=td_string!(locale, reports.col_kind)
                    first=Some(any)
                    options=kinds
                />
                <div class="field">
                    <label for="d-from">{td!(locale, reports.f_from)}</label>
                    <input id="d-from" name="from" type="date" />
                </div>
                <div class="field">
                    <label for="d-to">{td!(locale, reports.f_to)}</label>
                    <input id="d-to" name="to" type="date" />
                </div>
                <Pick
                    id="d-outcome"
                    name="outcome"
                    label=td_string!(locale, reports.f_outcome)
                    first=Some(any)
                    options=outcomes
                />
                <Pick
                    id="d-format"
                    name="format"
                    label=td_string!(locale, reports.format)
                    first=None
                    options=vec![("csv", "CSV"), ("json", "JSON")]
                />
                <button type="submit">{td!(locale, reports.download)}</button>
            </form>
        </div>
    }
}

/// A labelled select of `options` (value, label), with an empty choice named `first` if any.
#[component]
fn Pick(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    first: Option<&'static str>,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, text)| view! { <option value=value>{text}</option> })
        .collect::<Vec<_>>();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                {first.map(|text| view! { <option value="">{text}</option> })}
                {options}
            </select>
        </div>
    }
}
