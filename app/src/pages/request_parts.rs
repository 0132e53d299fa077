//! Parts of a request's status page: its export file, its denial, and what the person
//! wrote when filing.

use domain::{
    Particulars,
    dto::{AppealRoute, Denial, ExportState},
};
use leptos::prelude::*;

use super::{ActionError, Time, wording};
use crate::api::requests::ReissueExport;

/// The export file: download it, wait for it, or ask for it again.
#[component]
pub fn Export(
    id: String,
    export: ExportState,
    reissue: ServerAction<ReissueExport>,
) -> impl IntoView {
    let action = match export {
        ExportState::Ready { until } => view! {
            <p>
                <a href=format!("/exports/{id}") download="" class="button">
                    "Download your file"
                </a>
                " The link works until "
                <Time at=until />
                "."
            </p>
        }
        .into_any(),
        ExportState::Expired => view! {
            <ActionForm action=reissue>
                <input type="hidden" name="id" value=id />
                <button type="submit">"Ask for it again"</button>
            </ActionForm>
            <ActionError value=reissue.value() />
        }
        .into_any(),
        ExportState::Preparing => ().into_any(),
    };
    view! {
        <section class="card" aria-labelledby="export-heading">
            <h2 id="export-heading">"Your file"</h2>
            <p id="export-state">{wording::export_state(&export)}</p>
            {action}
        </section>
    }
}

/// Why a request was denied, and how to contest it.
#[component]
pub fn DenialCard(id: String, denial: Denial) -> impl IntoView {
    let route = match denial.route {
        AppealRoute::Open { decide_by } => view! {
            <p>
                "Your law gives you the right to appeal. If you appeal today, we must decide by "
                <time datetime=decide_by
                    .to_string()>{decide_by.format("%-d %B %Y").to_string()}</time> "."
            </p>
            <a href=format!("/requests/new/appeal?of={id}") class="button">
                "Appeal this decision"
            </a>
        }
            .into_any(),
        AppealRoute::Filed { id } => view! {
            <p>
                "You appealed this decision. "
                <a href=format!("/requests/{id}")>"See your appeal"</a> "."
            </p>
        }
            .into_any(),
        AppealRoute::AttorneyGeneral => view! {
            <p>
                "This was the decision on your appeal. If you disagree, you can complain to your state's attorney general."
            </p>
        }
            .into_any(),
        AppealRoute::NotGiven { why } => view! { <p>{why}</p> }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="denial-heading">
            <h2 id="denial-heading">"Why we declined"</h2>
            <p>{wording::denial_reason(denial.reason)}</p>
            {denial.message.map(|m| view! { <blockquote>{m}</blockquote> })}
            {route}
        </section>
    }
}

/// What the person wrote when filing.
#[component]
pub fn WhatYouWrote(particulars: Particulars) -> impl IntoView {
    let rows = match particulars {
        Particulars::Correction { wrong, right } => vec![
            ("What is wrong", String::from(wrong)),
            ("What it should say", String::from(right)),
        ],
        Particulars::OutputRemoval {
            prompts,
            outputs,
            reason,
        } => vec![
            ("The prompts", String::from(prompts)),
            ("What the model said", String::from(outputs)),
            ("Why it is about you", String::from(reason)),
        ],
        Particulars::Appeal { of } => {
            return view! {
                <section class="card">
                    <p>
                        "This appeals " <a href=format!("/requests/{of}")>"an earlier decision"</a>
                        "."
                    </p>
                </section>
            }
            .into_any();
        }
    };
    let rows = rows
        .into_iter()
        .map(|(term, text)| {
            view! {
                <dt>{term}</dt>
                <dd>{text}</dd>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="wrote-heading">
            <h2 id="wrote-heading">"What you told us"</h2>
            <dl class="written">{rows}</dl>
        </section>
    }
    .into_any()
}
