//! The parts of the console's request page that act or list: the action forms, the tasks
//! with manual completion and retry, notes and messages, and the audit chain.

use domain::{
    DenialReason, ExtensionReason, PauseReason, RequestStatus, TaskState,
    console::{ChainEntry, ConsoleRequest, NoteView, TaskRow},
};
use leptos::prelude::*;

use crate::{
    i18n::td,
    locale::use_locale,
    pages::{Time, wording},
};

/// A reason field: every action needs one; it is kept as an internal note.
#[component]
fn Reason(form: &'static str) -> impl IntoView {
    let locale = use_locale();
    let id = format!("{form}-reason");
    view! {
        <label for=id.clone()>{td!(locale, console.reason)}</label>
        <textarea id=id name="reason" required rows="2" maxlength="4000"></textarea>
    }
    .into_any()
}

/// The forms that act on the request, each offered only when its status allows it (the
/// server checks again).
#[component]
pub(super) fn Actions(page: ConsoleRequest) -> impl IntoView {
    let locale = use_locale();
    let status = page.row.status;
    let base = format!("/console/requests/{}", page.row.id);
    let open = !status.is_terminal();
    let approve = (status == RequestStatus::PendingApproval).then(|| {
        view! {
            <form method="post" action=format!("{base}/approve") class="action">
                <h3>{td!(locale, console.approve)}</h3>
                <Reason form="approve" />
                <button type="submit">{td!(locale, console.approve)}</button>
            </form>
        }
    });
    let deny = status.can_become(RequestStatus::Denied).then(|| {
        let reasons = DenialReason::ALL
            .iter()
            .map(|r| view! { <option value=r.as_str()>{wording::denial_reason(locale, *r)}</option> })
            .collect::<Vec<_>>();
        view! {
            <form method="post" action=format!("{base}/deny") class="action">
                <h3>{td!(locale, console.deny)}</h3>
                <label for="deny-code">{td!(locale, console.deny_reason)}</label>
                <select id="deny-code" name="code" required>
                    {reasons}
                </select>
                <label for="deny-message">{td!(locale, console.deny_message)}</label>
                <textarea
                    id="deny-message"
                    name="message"
                    required
                    rows="3"
                    maxlength="4000"
                ></textarea>
                <Reason form="deny" />
                <button type="submit">{td!(locale, console.deny)}</button>
            </form>
        }
    });
    let staff = page
        .staff
        .iter()
        .map(|s| view! { <option value=s.id.clone()>{s.email.clone()}</option> })
        .collect::<Vec<_>>();
    let assign = open.then(|| {
        view! {
            <form method="post" action=format!("{base}/assign") class="action">
                <h3>{td!(locale, console.assign)}</h3>
                <label for="assign-to">{td!(locale, console.assignee)}</label>
                <select id="assign-to" name="to">
                    <option value="">{td!(locale, console.nobody)}</option>
                    {staff}
                </select>
                <Reason form="assign" />
                <button type="submit">{td!(locale, console.assign)}</button>
            </form>
        }
    });
    let clock = open.then(|| {
        let on_hold = status == RequestStatus::OnHold;
        let extensible = !page.extended
            && page.milestones.iter().any(|(n, at)| n == "extension_notice_by" && at.is_some());
        let reasons = ExtensionReason::ALL
            .iter()
            .map(|r| view! { <option value=r.as_str()>{wording::extension_reason(locale, *r)}</option> })
            .collect::<Vec<_>>();
        let pauses = PauseReason::ALL
            .iter()
            .map(|r| view! { <option value=r.as_str()>{wording::pause_reason(locale, *r)}</option> })
            .collect::<Vec<_>>();
        view! {
            {(!on_hold && status.can_become(RequestStatus::OnHold))
                .then(|| {
                    view! {
                        <form method="post" action=format!("{base}/pause") class="action">
                            <h3>{td!(locale, console.pause)}</h3>
                            <label for="pause-code">{td!(locale, console.pause_reason)}</label>
                            <select id="pause-code" name="code" required>
                                {pauses}
                            </select>
                            <Reason form="pause" />
                            <button type="submit">{td!(locale, console.pause)}</button>
                        </form>
                    }
                })}
            {on_hold
                .then(|| {
                    view! {
                        <form method="post" action=format!("{base}/resume") class="action">
                            <h3>{td!(locale, console.resume)}</h3>
                            <Reason form="resume" />
                            <button type="submit">{td!(locale, console.resume)}</button>
                        </form>
                    }
                })}
            {extensible
                .then(|| {
                    view! {
                        <form method="post" action=format!("{base}/extend") class="action">
                            <h3>{td!(locale, console.extend)}</h3>
                            <label for="extend-code">{td!(locale, console.extension_reason)}</label>
                            <select id="extend-code" name="code" required>
                                {reasons}
                            </select>
                            <Reason form="extend" />
                            <button type="submit">{td!(locale, console.extend)}</button>
                        </form>
                    }
                })}
        }
    });
    view! {
        <h2>{td!(locale, console.actions)}</h2>
        <div class="actions">{approve} {deny} {assign} {clock}</div>
    }
    .into_any()
}

/// Each data system's task: state, deliveries, last error; retry when the request failed,
/// and completion of a manual task with a note and a file.
#[component]
pub(super) fn Tasks(id: String, tasks: Vec<TaskRow>, works: bool) -> impl IntoView {
    let locale = use_locale();
    let any_failed = tasks.iter().any(|t| t.state == TaskState::Failed);
    let rows = tasks
        .into_iter()
        .map(|task| {
            let complete = (works && task.manual && task.state == TaskState::Pending).then(|| {
                let action = format!("/console/requests/{id}/tasks/{}/complete", task.id);
                let note = format!("note-{}", task.id);
                let file = format!("file-{}", task.id);
                view! {
                    <form method="post" action=action enctype="multipart/form-data" class="action">
                        <label for=note.clone()>{td!(locale, console.complete_note)}</label>
                        <textarea id=note name="reason" required rows="2"></textarea>
                        <label for=file.clone()>{td!(locale, console.file)}</label>
                        <input type="file" id=file name="file" />
                        <button type="submit">{td!(locale, console.complete)}</button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td>{task.system}</td>
                    <td>{task.state.as_str()}</td>
                    <td>{task.deliveries}</td>
                    <td>{task.last_error.unwrap_or_default()}</td>
                    <td>{complete}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let retry = (works && any_failed).then(|| {
        view! {
            <form method="post" action=format!("/console/requests/{id}/retry") class="action">
                <Reason form="retry" />
                <button type="submit">{td!(locale, console.retry_tasks)}</button>
            </form>
        }
    });
    view! {
        <h2>{td!(locale, console.tasks)}</h2>
        <table>
            <thead>
                <tr>
                    <th scope="col">{td!(locale, console.col_system)}</th>
                    <th scope="col">{td!(locale, console.col_state)}</th>
                    <th scope="col">{td!(locale, console.col_deliveries)}</th>
                    <th scope="col">{td!(locale, console.col_error)}</th>
                    <th scope="col">{td!(locale, console.col_work)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {retry}
    }
    .into_any()
}

/// Internal notes and the messages with the person, with a form for each.
#[component]
pub(super) fn Conversation(
    id: String,
    notes: Vec<NoteView>,
    messages: Vec<NoteView>,
    works: bool,
) -> impl IntoView {
    let locale = use_locale();
    let list = |items: Vec<NoteView>| {
        items
            .into_iter()
            .map(|n| {
                view! {
                    <li>
                        <Time at=n.at />
                        " · "
                        {n.author}
                        <p>{n.body}</p>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let forms = works.then(|| {
        view! {
            <form method="post" action=format!("/console/requests/{id}/note") class="action">
                <label for="note-body">{td!(locale, console.add_note)}</label>
                <textarea
                    id="note-body"
                    name="reason"
                    required
                    rows="2"
                    maxlength="4000"
                ></textarea>
                <button type="submit">{td!(locale, console.add_note)}</button>
            </form>
            <form method="post" action=format!("/console/requests/{id}/message") class="action">
                <label for="message-body">{td!(locale, console.write_message)}</label>
                <textarea
                    id="message-body"
                    name="reason"
                    required
                    rows="3"
                    maxlength="4000"
                ></textarea>
                <button type="submit">{td!(locale, console.send)}</button>
            </form>
        }
    });
    view! {
        <h2>{td!(locale, console.notes)}</h2>
        <ul class="notes">{list(notes)}</ul>
        <h2>{td!(locale, console.messages)}</h2>
        <ul class="notes">{list(messages)}</ul>
        {forms}
    }
    .into_any()
}

/// The audit chain, entry by entry, and whether it verifies.
#[component]
pub(super) fn Chain(chain: Vec<ChainEntry>, broken_at: Option<i32>) -> impl IntoView {
    let locale = use_locale();
    let state = match broken_at {
        None => view! { <p class="notice">{td!(locale, console.chain_ok)}</p> }.into_any(),
        Some(seq) => view! {
            <p class="error" role="alert">
                {td!(locale, console.chain_broken, seq = seq.to_string())}
            </p>
        }
        .into_any(),
    };
    let rows = chain
        .into_iter()
        .map(|e| {
            let change = e
                .change
                .map(|(from, to)| format!("{from} → {to}"))
                .unwrap_or_default();
            view! {
                <tr>
                    <td>{e.seq}</td>
                    <td>
                        <Time at=e.at />
                    </td>
                    <td>{e.action}</td>
                    <td>{e.actor}</td>
                    <td>{change}</td>
                    <td>
                        <code>{e.detail}</code>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2>{td!(locale, console.timeline)}</h2>
        {state}
        <table class="chain">
            <thead>
                <tr>
                    <th scope="col">"#"</th>
                    <th scope="col">{td!(locale, console.col_when)}</th>
                    <th scope="col">{td!(locale, console.col_what)}</th>
                    <th scope="col">{td!(locale, console.col_who)}</th>
                    <th scope="col">{td!(locale, console.col_change)}</th>
                    <th scope="col">{td!(locale, console.col_detail)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
