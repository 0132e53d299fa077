//! The status page of one request, at `/requests/{id}`: where it stands and what happened,
//! the reply date and why, and what the person can still do (cancel, download, ask again,
//! appeal).

use domain::dto::{RequestPage, RequestSummary};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

use super::{
    ActionError, Day, LoadError, NotFound, Time,
    request_messages::Messages,
    request_parts::{AttachedFiles, DenialCard, Export, WhatYouWrote},
    wording,
};
use crate::{
    api::requests::{CancelRequest, ReissueExport, WriteMessage, load_request},
    error::PublicError,
    i18n::{td, td_string},
    locale::{self, use_locale},
};

/// The request whose id is in the URL, if it is the signed-in person's.
#[component]
pub fn RequestStatus() -> impl IntoView {
    let params = use_params_map();
    let cancel = ServerAction::<CancelRequest>::new();
    let reissue = ServerAction::<ReissueExport>::new();
    let write = ServerAction::<WriteMessage>::new();
    // Mails link here: after signing in, come back.
    let sign_in_here = move || {
        let id = params.read_untracked().get("id").unwrap_or_default();
        format!("/sign-in?next=%2Frequests%2F{id}")
    };
    let page = Resource::new(
        move || {
            let id = params.read().get("id").unwrap_or_default();
            let versions = (cancel.version().get(), reissue.version().get());
            (id, versions, write.version().get())
        },
        |(id, _, _)| load_request(id),
    );
    let locale = use_locale();
    view! {
        <Transition fallback=move || {
            view! { <p>{td!(locale, request.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Status page cancel reissue write /> }.into_any(),
                    Err(PublicError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(PublicError::Unauthenticated) => {
                        view! {
                            <section class="card narrow">
                                <h1>{td!(locale, request.heading)}</h1>
                                <p>{td!(locale, request.sign_in_to_see)}</p>
                                <a href=sign_in_here() class="button">
                                    {td!(locale, request.sign_in)}
                                </a>
                            </section>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Status(
    page: RequestPage,
    cancel: ServerAction<CancelRequest>,
    reissue: ServerAction<ReissueExport>,
    write: ServerAction<WriteMessage>,
) -> impl IntoView {
    let summary = page.summary;
    let id = summary.id.clone();
    let locale = use_locale();
    let timeline = page
        .timeline
        .into_iter()
        .map(|entry| {
            view! {
                <li>
                    <Time at=entry.at />
                    " "
                    <span>{wording::step(locale, &entry.step)}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <Facts
            summary=summary.clone()
            regime=page.regime
            extended=page.extended
            trail=page.why_this_date
            progress=(page.systems_done, page.systems_total)
        />
        {page.export.map(|export| view! { <Export id=id.clone() export reissue /> })}
        {page.denial.map(|denial| view! { <DenialCard id=id.clone() denial /> })}
        {page.particulars.map(|p| view! { <WhatYouWrote particulars=p /> })}
        {(!page.evidence.is_empty())
            .then(|| view! { <AttachedFiles id=id.clone() files=page.evidence /> })}
        <Messages id=id.clone() messages=page.messages write />
        <section class="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{td!(locale, request.what_happened)}</h2>
            <ol class="timeline">{timeline}</ol>
        </section>
        {page.can_cancel.then(|| view! { <Cancel id kind=summary.kind cancel /> })}
    }
}

/// What the request is, where it stands, and its reply date with why.
#[component]
fn Facts(
    summary: RequestSummary,
    regime: String,
    extended: bool,
    trail: Vec<String>,
    progress: (u32, u32),
) -> impl IntoView {
    let id = summary.id.clone();
    let status = summary.status;
    let locale = use_locale();
    let due_label = if extended {
        td_string!(locale, request.due_extended)
    } else {
        td_string!(locale, request.due)
    };
    let trail = trail
        .into_iter()
        .map(|line| view! { <li>{line}</li> })
        .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="request-heading">
            <p class="breadcrumb">
                <A href="/privacy">{td!(locale, site.nav_privacy)}</A>
                " › "
                {td!(locale, request.breadcrumb)}
            </p>
            <h1 id="request-heading">{wording::kind_label(locale, summary.kind)}</h1>
            <p class="status-line">
                <span class="badge" id="request-status" data-status=status.as_str()>
                    {wording::status_label(locale, status)}
                </span>
            </p>
            <dl class="facts">
                <dt>{td!(locale, request.received)}</dt>
                <dd>
                    <Time at=summary.received_at />
                </dd>
                <dt>{due_label}</dt>
                <dd id="reply-by">{summary.due_on.map(|day| view! { <Day day /> })}</dd>
                <dt>{td!(locale, request.law)}</dt>
                <dd>{regime}</dd>
                <dt>{td!(locale, request.reference)}</dt>
                <dd>
                    <code>{id.clone()}</code>
                </dd>
            </dl>
            <details class="why">
                <summary>{td!(locale, request.why_this_date)}</summary>
                // The trail is the deadline engine's legal record, written in English: marked
                // so, for screen readers, on pages in other languages.
                <ol lang="en">{trail}</ol>
            </details>
            <Progress done=progress.0 total=progress.1 />
        </section>
    }
}

#[component]
fn Progress(done: u32, total: u32) -> impl IntoView {
    let locale = use_locale();
    (total > 0).then(|| {
        view! {
            <p id="progress">
                <label for="systems-progress">
                    {td_string!(
                        locale,
                        request.progress,
                        done = locale::number(locale, done.into()),
                        total = locale::number(locale, total.into())
                    )
                        .to_string()}
                </label>
                <progress id="systems-progress" value=done max=total></progress>
            </p>
        }
    })
}

#[component]
fn Cancel(
    id: String,
    kind: domain::RequestKind,
    cancel: ServerAction<CancelRequest>,
) -> impl IntoView {
    let locale = use_locale();
    let (label, intro) = if kind.has_grace_period() {
        (
            td_string!(locale, request.cancel_deletion),
            td_string!(locale, request.cancel_deletion_intro),
        )
    } else {
        (
            td_string!(locale, request.cancel),
            td_string!(locale, request.cancel_intro),
        )
    };
    view! {
        <section class="card" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">{td!(locale, request.changed_mind)}</h2>
            <p>{intro}</p>
            <ActionForm action=cancel>
                <input type="hidden" name="id" value=id />
                <button type="submit" class="secondary" disabled=move || cancel.pending().get()>
                    {label}
                </button>
            </ActionForm>
            <ActionError value=cancel.value() />
        </section>
    }
}
