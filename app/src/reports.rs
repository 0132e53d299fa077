//! The CCPA §7102 metrics as a standalone HTML page to publish, worded from the locale files:
//! what `rightful report ccpa --format html` prints and the console serves. One table of the
//! five categories, one of denials by reason, and how days are counted.

use domain::{
    Language,
    report::{CcpaReport, CcpaRow},
};

use crate::{
    i18n::{Locale, td_string},
    locale::{self, locale_of},
    pages::wording,
};

/// The page for `report`, in `language`.
pub fn ccpa_document(report: &CcpaReport, language: Language) -> String {
    let locale = locale_of(language);
    let year = report.year.to_string();
    let title = esc(&td_string!(locale, reports.ccpa_title, year = year.as_str()).to_string());
    let intro = esc(&td_string!(locale, reports.ccpa_intro, year = year.as_str()).to_string());
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body><main>\
         <h1>{title}</h1><p>{intro}</p>",
        lang = language.as_str(),
    );
    page.push_str(&main_table(locale, report, &title));
    page.push_str(&denials_table(locale, report));
    for note in [
        td_string!(locale, reports.ccpa_days_note),
        td_string!(locale, reports.ccpa_scope),
    ] {
        page.push_str(&format!("<p>{}</p>", esc(note)));
    }
    page.push_str("</main></body></html>\n");
    page
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#111}\
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.4rem .6rem}\
td{text-align:right}th[scope=row]{text-align:left}";

fn main_table(locale: Locale, report: &CcpaReport, title: &str) -> String {
    let heads = [
        td_string!(locale, reports.col_request),
        td_string!(locale, reports.col_received),
        td_string!(locale, reports.col_complied),
        td_string!(locale, reports.col_denied),
        td_string!(locale, reports.col_withdrawn),
        td_string!(locale, reports.col_pending),
        td_string!(locale, reports.col_median),
        td_string!(locale, reports.col_mean),
    ];
    let mut html = format!("<table><caption>{title}</caption><thead><tr>");
    for head in heads {
        html.push_str(&format!("<th scope=\"col\">{}</th>", esc(head)));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &report.rows {
        html.push_str(&line(locale, row));
    }
    html.push_str("</tbody></table>");
    html
}

fn line(locale: Locale, row: &CcpaRow) -> String {
    let n = |v: u64| locale::number(locale, v);
    let cells = [
        n(row.received),
        n(row.complied),
        n(row.denied),
        n(row.withdrawn),
        n(row.pending),
        wording::days(locale, row.days.median()),
        wording::days(locale, row.days.mean()),
    ];
    let mut html = format!(
        "<tr><th scope=\"row\">{}</th>",
        esc(wording::category_label(locale, row.category))
    );
    for cell in cells {
        html.push_str(&format!("<td>{}</td>", esc(&cell)));
    }
    html.push_str("</tr>");
    html
}

fn denials_table(locale: Locale, report: &CcpaReport) -> String {
    let heading = td_string!(locale, reports.denied_heading);
    let mut html = format!(
        "<h2>{0}</h2><table><caption>{0}</caption><thead><tr><th scope=\"col\">{1}</th>",
        esc(heading),
        esc(td_string!(locale, reports.col_reason)),
    );
    for row in &report.rows {
        html.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            esc(wording::category_label(locale, row.category))
        ));
    }
    html.push_str("</tr></thead><tbody>");
    for (index, &reason) in domain::DenialReason::ALL.iter().enumerate() {
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>",
            esc(wording::denial_reason(locale, reason))
        ));
        for row in &report.rows {
            let n = row.denied_by_reason.get(index).map_or(0, |(_, n)| *n);
            html.push_str(&format!("<td>{}</td>", locale::number(locale, n)));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

fn esc(text: &str) -> String {
    backend::exports::escape_html(text)
}
