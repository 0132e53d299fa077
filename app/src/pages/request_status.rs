//! The status page of one request, at `/requests/{id}`: where it stands and what happened,
//! the reply date and why, and what the person can still do (cancel, download, ask again,
//! appeal).

use domain::{
    Particulars,
    dto::{AppealRoute, Denial, ExportState, RequestPage},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

use super::{ActionError, NotFound, Time, request_messages::Messages, wording};
use crate::{
    api::requests::{CancelRequest, ReissueExport, WriteMessage, load_request},
    error::PublicError,
};

/// The request whose id is in the URL, if it is the signed-in person's.
#[component]
pub fn RequestStatus() -> impl IntoView {
    let params = use_params_map();
    let cancel = ServerAction::<CancelRequest>::new();
    let reissue = ServerAction::<ReissueExport>::new();
    let write = ServerAction::<WriteMessage>::new();
    let page = Resource::new(
        move || {
            let id = params.read().get("id").unwrap_or_default();
            let versions = (cancel.version().get(), reissue.version().get());
            (id, versions, write.version().get())
        },
        |(id, _, _)| load_request(id),
    );
    view! {
        <Transition fallback=|| {
            view! { <p>"Loading your request…"</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Status page cancel reissue write /> }.into_any(),
                    Err(PublicError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(PublicError::Unauthenticated) => {
                        view! {
                            <section class="card narrow">
                                <h1>"Your request"</h1>
                                <p>"Sign in to see your request."</p>
                                <A href="/sign-in" attr:class="button">
                                    "Sign in"
                                </A>
                            </section>
                        }
                            .into_any()
                    }
                    Err(err) => {
                        view! {
                            <p class="error" role="alert">
                                {err.to_string()}
                            </p>
                        }
                            .into_any()
                    }
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
    let status = summary.status;
    let trail = page
        .why_this_date
        .into_iter()
        .map(|line| view! { <li>{line}</li> })
        .collect::<Vec<_>>();
    let timeline = page
        .timeline
        .into_iter()
        .map(|entry| {
            view! {
                <li>
                    <Time at=entry.at />
                    " "
                    <span>{wording::step(&entry.step)}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="request-heading">
            <p class="breadcrumb">
                <A href="/privacy">"Your privacy"</A>
                " › Request"
            </p>
            <h1 id="request-heading">{summary.kind.label()}</h1>
            <p class="status-line">
                <span class="badge" id="request-status" data-status=status.as_str()>
                    {status.label()}
                </span>
            </p>
            <dl class="facts">
                <dt>"Received"</dt>
                <dd>
                    <Time at=summary.received_at />
                </dd>
                <dt>
                    {if page.extended { "Reply due by law (extended)" } else { "Reply due by law" }}
                </dt>
                <dd id="reply-by">
                    {summary
                        .due_on
                        .map(|d| {
                            view! {
                                <time datetime=d
                                    .to_string()>{d.format("%-d %B %Y").to_string()}</time>
                            }
                        })}
                </dd>
                <dt>"The law that applies"</dt>
                <dd>{page.regime}</dd>
                <dt>"Reference"</dt>
                <dd>
                    <code>{id.clone()}</code>
                </dd>
            </dl>
            <details class="why">
                <summary>"Why this date"</summary>
                <ol>{trail}</ol>
            </details>
            <Progress done=page.systems_done total=page.systems_total />
        </section>
        {page.export.map(|export| view! { <Export id=id.clone() export reissue /> })}
        {page.denial.map(|denial| view! { <DenialCard id=id.clone() denial /> })}
        {page.particulars.map(|p| view! { <WhatYouWrote particulars=p /> })}
        <Messages id=id.clone() messages=page.messages write />
        <section class="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"What happened"</h2>
            <ol class="timeline">{timeline}</ol>
        </section>
        {page.can_cancel.then(|| view! { <Cancel id kind=summary.kind cancel /> })}
    }
}

#[component]
fn Progress(done: u32, total: u32) -> impl IntoView {
    (total > 0).then(|| {
        view! {
            <p id="progress">
                <label for="systems-progress">{format!("{done} of {total} systems done")}</label>
                <progress id="systems-progress" value=done max=total></progress>
            </p>
        }
    })
}

#[component]
fn Export(id: String, export: ExportState, reissue: ServerAction<ReissueExport>) -> impl IntoView {
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

#[component]
fn DenialCard(id: String, denial: Denial) -> impl IntoView {
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

#[component]
fn WhatYouWrote(particulars: Particulars) -> impl IntoView {
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

#[component]
fn Cancel(
    id: String,
    kind: domain::RequestKind,
    cancel: ServerAction<CancelRequest>,
) -> impl IntoView {
    let label = if kind.has_grace_period() {
        "Cancel the deletion"
    } else {
        "Cancel this request"
    };
    view! {
        <section class="card" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">"Changed your mind?"</h2>
            <p>"You can still cancel: nothing has been sent to our systems yet."</p>
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
