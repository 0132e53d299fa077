//! Parts of a request's status page: its export file, its denial, and what the person
//! wrote and attached when filing.

use domain::{
    Particulars,
    dto::{AppealRoute, Denial, EvidenceItem, ExportState},
};
use leptos::prelude::*;

use super::{ActionError, wording};
use crate::{
    api::requests::ReissueExport,
    i18n::{td, td_string},
    locale::{self, use_locale},
};

/// The export file: download it, wait for it, or ask for it again.
#[component]
pub fn Export(
    id: String,
    export: ExportState,
    reissue: ServerAction<ReissueExport>,
) -> impl IntoView {
    let locale = use_locale();
    let action = match export {
        ExportState::Ready { until } => {
            let date = locale::date_time(locale, until);
            view! {
                <p>
                    <a href=format!("/exports/{id}") download="" class="button">
                        {td!(locale, request.download)}
                    </a>
                    " "
                    {td_string!(locale, request.link_until, date).to_string()}
                </p>
            }
            .into_any()
        }
        ExportState::Expired => view! {
            <ActionForm action=reissue>
                <input type="hidden" name="id" value=id />
                <button type="submit">{td!(locale, request.ask_again)}</button>
            </ActionForm>
            <ActionError value=reissue.value() />
        }
        .into_any(),
        ExportState::Preparing => ().into_any(),
    };
    view! {
        <section class="card" aria-labelledby="export-heading">
            <h2 id="export-heading">{td!(locale, request.file)}</h2>
            <p id="export-state">{wording::export_state(locale, &export)}</p>
            {action}
        </section>
    }
}

/// Why a request was denied, and how to contest it.
#[component]
pub fn DenialCard(id: String, denial: Denial) -> impl IntoView {
    let locale = use_locale();
    let route = match denial.route {
        AppealRoute::Open { decide_by } => {
            let date = locale::date(locale, decide_by);
            view! {
                <p>{td_string!(locale, routes.open, date).to_string()}</p>
                <a href=format!("/requests/new/appeal?of={id}") class="button">
                    {td!(locale, routes.appeal)}
                </a>
            }
            .into_any()
        }
        AppealRoute::Filed { id } => view! {
            <p>
                {td!(locale, routes.filed)} " "
                <a href=format!("/requests/{id}")>{td!(locale, routes.see_appeal)}</a>
            </p>
        }
        .into_any(),
        AppealRoute::AttorneyGeneral => {
            view! { <p>{td!(locale, routes.attorney_general)}</p> }.into_any()
        }
        AppealRoute::Authority => view! { <p>{td!(locale, routes.authority)}</p> }.into_any(),
        AppealRoute::NoAppeal => view! { <p>{td!(locale, routes.no_appeal)}</p> }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="denial-heading">
            <h2 id="denial-heading">{td!(locale, request.why_declined)}</h2>
            <p>{wording::denial_reason(locale, denial.reason)}</p>
            {denial.message.map(|m| view! { <blockquote>{m}</blockquote> })}
            {route}
        </section>
    }
}

/// What the person wrote when filing: to them on their status page, or to staff in the
/// console (`staff`), whose heading and appeal link are the console's.
#[component]
pub fn WhatYouWrote(
    particulars: Particulars,
    /// Whether staff are reading it.
    #[prop(optional)]
    staff: bool,
) -> impl IntoView {
    let locale = use_locale();
    let rows = match particulars {
        Particulars::Correction { wrong, right } => vec![
            (td_string!(locale, request.wrong), String::from(wrong)),
            (td_string!(locale, request.right), String::from(right)),
        ],
        Particulars::OutputRemoval {
            prompts,
            outputs,
            reason,
        } => vec![
            (td_string!(locale, request.prompts), String::from(prompts)),
            (td_string!(locale, request.outputs), String::from(outputs)),
            (td_string!(locale, request.reason), String::from(reason)),
        ],
        Particulars::Appeal { of } => {
            let href = if staff {
                format!("/console/requests/{of}")
            } else {
                format!("/requests/{of}")
            };
            return view! {
                <section class="card">
                    <p>{td!(locale, request.appeals, <a> = <a href={href.clone()} />)}</p>
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
            <h2 id="wrote-heading">
                {if staff {
                    td_string!(locale, console.particulars)
                } else {
                    td_string!(locale, request.you_told_us)
                }}
            </h2>
            <dl class="written">{rows}</dl>
        </section>
    }
    .into_any()
}

/// The files the person attached when filing, each a download link of their own.
#[component]
pub fn AttachedFiles(id: String, files: Vec<EvidenceItem>) -> impl IntoView {
    let locale = use_locale();
    let items = files
        .into_iter()
        .map(|file| {
            let href = format!("/requests/{id}/evidence/{}", file.id);
            let size = locale::number(locale, file.size.div_ceil(1024));
            view! {
                <li>
                    <a href=href download>
                        {file.name}
                    </a>
                    " · "
                    {td_string!(locale, request.evidence_size, size).to_string()}
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">{td!(locale, request.evidence)}</h2>
            <ul class="files">{items}</ul>
        </section>
    }
}
