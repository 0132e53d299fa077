//! The dashboard's charts: bars of on-time rates drawn as SVG here, each followed by a table
//! of the same figures, which is what assistive technology reads (the SVG is hidden from it).

use leptos::prelude::*;

use crate::{
    i18n::{Locale, td, td_string},
    locale::{self, use_locale},
};

/// A chart of on-time rates with its table.
#[component]
pub(super) fn RateFigure(
    title: &'static str,
    column: &'static str,
    rows: Vec<(String, u64, u64, Option<u64>)>,
) -> impl IntoView {
    let locale = use_locale();
    let bars: Vec<(String, Option<u64>)> = rows.iter().map(|r| (r.0.clone(), r.3)).collect();
    let lines = rows
        .into_iter()
        .map(|(label, met, missed, rate)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{locale::number(locale, met)}</td>
                    <td>{locale::number(locale, missed)}</td>
                    <td>{percent(locale, rate)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <figure class="chart">
            <figcaption>
                <h2>{title}</h2>
            </figcaption>
            <BarChart bars />
            <p class="chart-note">{td!(locale, reports.chart_note)}</p>
            <table>
                <caption>{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{column}</th>
                        <th scope="col">{td!(locale, reports.col_met)}</th>
                        <th scope="col">{td!(locale, reports.col_missed)}</th>
                        <th scope="col">{td!(locale, reports.col_rate)}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
        </figure>
    }
}

/// A per-mille share as a percentage with one decimal, or that none was due.
fn percent(locale: Locale, per_mille: Option<u64>) -> String {
    match per_mille {
        Some(p) => {
            let text = format!("{}.{} %", p / 10, p % 10);
            match locale {
                Locale::en => text.replace(" %", "%"),
                _ => text.replace('.', ","),
            }
        }
        None => td_string!(locale, reports.none_decided).to_owned(),
    }
}

/// Bars of on-time rates, 0 to 100 %, one per label; a group with nothing due has none.
/// Decorative for assistive technology: the table after it holds the figures.
#[component]
fn BarChart(bars: Vec<(String, Option<u64>)>) -> impl IntoView {
    const WIDTH: u64 = 720;
    const HEIGHT: u64 = 160;
    let count = u64::try_from(bars.len()).unwrap_or(1).max(1);
    let slot = WIDTH / count;
    let shapes = bars
        .into_iter()
        .enumerate()
        .map(|(i, (label, rate))| {
            let x = u64::try_from(i).unwrap_or(0) * slot;
            let height = rate.unwrap_or(0) * HEIGHT / 1000;
            // About 7 units a character at the labels' size: what fits under the bar.
            let fits = usize::try_from(slot / 7).unwrap_or(3).max(3);
            let short: String = label.chars().take(fits).collect();
            view! {
                <g>
                    <rect
                        class="bar"
                        x=x + slot / 8
                        y=HEIGHT - height
                        width=slot * 3 / 4
                        height=height
                    />
                    <text x=x + slot / 2 y=HEIGHT + 16 text-anchor="middle">
                        {short}
                    </text>
                </g>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <svg
            class="bars"
            viewBox=format!("0 -4 {WIDTH} {}", HEIGHT + 28)
            aria-hidden="true"
            focusable="false"
        >
            <line class="axis" x1="0" y1=HEIGHT x2=WIDTH y2=HEIGHT />
            {shapes}
        </svg>
    }
}
