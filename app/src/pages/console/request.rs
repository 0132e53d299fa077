//! `/console/requests/{id}`: one request as staff work it. Who asks and how they were
//! verified, the milestones with their trail, the actions (each a plain form post naming
//! its action, each needing a reason), tasks, evidence, notes, messages and the audit chain.

use domain::{
    StaffRole,
    console::{ConsoleRequest, VerifiedBy},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{
    Outcome, console_page,
    request_parts::{Actions, Chain, Conversation, Tasks},
};
use crate::{
    api::console::load_console_request,
    i18n::{Locale, td, td_string},
    locale::use_locale,
    pages::{Time, request_parts::WhatYouWrote, wording},
};

/// The console's page of one request.
#[component]
pub fn ConsoleRequestPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        load_console_request,
    );
    console_page(page, |seen| {
        let works = seen.viewer.role != StaffRole::Legal;
        view! { <Request page=seen.page works /> }.into_any()
    })
}

#[component]
fn Request(page: ConsoleRequest, works: bool) -> impl IntoView {
    let locale = use_locale();
    let row = page.row.clone();
    let base = format!("/console/requests/{}", row.id);
    let evidence = page
        .evidence
        .iter()
        .map(|file| {
            let href = format!("{base}/evidence/{}", file.id);
            view! {
                <li>
                    <a href=href>{file.name.clone()}</a>
                    " ("
                    {file.size}
                    " B)"
                </li>
            }
        })
        .collect::<Vec<_>>();
    let has_evidence = !evidence.is_empty();
    view! {
        <section class="card wide">
            <h1>{td!(locale, console.request_heading)} " " <code>{row.id.clone()}</code></h1>
            <Outcome />
            <p>
                <a href=format!("/console/requests/{}/evidence.zip", row.id) download="">
                    {td!(locale, reports.evidence_bundle)}
                </a>
            </p>
            <dl class="facts">
                <dt>{td!(locale, console.col_kind)}</dt>
                <dd>{wording::kind_label(locale, row.kind)}</dd>
                <dt>{td!(locale, console.col_status)}</dt>
                <dd>{wording::status_label(locale, row.status)}</dd>
                <dt>{td!(locale, console.col_place)}</dt>
                <dd>{row.jurisdiction.clone()} " · " {page.regime.clone()}</dd>
                <dt>{td!(locale, console.col_received)}</dt>
                <dd>
                    <Time at=row.received_at />
                </dd>
                <dt>{td!(locale, console.col_assignee)}</dt>
                <dd>
                    {row
                        .assignee
                        .clone()
                        .unwrap_or_else(|| td_string!(locale, console.nobody).to_owned())}
                </dd>
                <dt>{td!(locale, console.who)}</dt>
                <dd>
                    {page
                        .email
                        .clone()
                        .unwrap_or_else(|| td_string!(locale, console.email_erased).to_owned())}
                </dd>
                <dt>{td!(locale, console.verified)}</dt>
                <dd>{verified_label(locale, page.verified_by)}</dd>
                {page
                    .agent
                    .clone()
                    .map(|agent| {
                        view! {
                            <dt>{td!(locale, console.agent)}</dt>
                            <dd>{agent}</dd>
                        }
                    })}
                {page
                    .denial
                    .map(|reason| {
                        view! {
                            <dt>{td!(locale, console.denied_for)}</dt>
                            <dd>{wording::denial_reason(locale, reason)}</dd>
                        }
                    })}
            </dl>
            {page
                .particulars
                .clone()
                .map(|particulars| view! { <WhatYouWrote particulars staff=true /> })}
            <h2>{td!(locale, console.milestones)}</h2>
            <Milestones page=page.clone() />
            {works.then(|| view! { <Actions page=page.clone() /> })}
            <Tasks id=row.id.clone() tasks=page.tasks.clone() works />
            {has_evidence
                .then(|| {
                    view! {
                        <h2>{td!(locale, console.evidence)}</h2>
                        <ul>{evidence}</ul>
                    }
                })}
            <Conversation
                id=row.id.clone()
                notes=page.notes.clone()
                messages=page.messages.clone()
                works
            />
            <Chain chain=page.chain.clone() broken_at=page.chain_broken_at />
        </section>
    }
    .into_any()
}

#[component]
fn Milestones(page: ConsoleRequest) -> impl IntoView {
    let locale = use_locale();
    let items = page
        .milestones
        .into_iter()
        .filter_map(|(name, at)| at.map(|at| (name, at)))
        .map(|(name, at)| {
            let label = match name.as_str() {
                "acknowledge_by" => td_string!(locale, console.m_acknowledge_by),
                "respond_by" => td_string!(locale, console.m_respond_by),
                "extension_notice_by" => td_string!(locale, console.m_extension_notice_by),
                _ => td_string!(locale, console.m_extended_respond_by),
            };
            view! {
                <dt>{label}</dt>
                <dd>
                    <Time at />
                </dd>
            }
        })
        .collect::<Vec<_>>();
    let trail = page
        .trail
        .into_iter()
        .map(|step| view! { <li>{step}</li> })
        .collect::<Vec<_>>();
    view! {
        <dl class="facts">{items}</dl>
        <details>
            <summary>{td!(locale, console.trail)}</summary>
            // The engine's trail is written in English.
            <ol lang="en">{trail}</ol>
        </details>
    }
    .into_any()
}

fn verified_label(locale: Locale, by: VerifiedBy) -> &'static str {
    match by {
        VerifiedBy::SignInCode => td_string!(locale, console.verified_by_code),
        VerifiedBy::ApiKey => td_string!(locale, console.verified_by_api),
        VerifiedBy::Agent => td_string!(locale, console.verified_by_agent),
    }
}
