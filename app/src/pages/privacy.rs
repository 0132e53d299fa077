//! "Your privacy": the training switch, where the person lives, and their history.

use chrono::{DateTime, Utc};
use domain::dto::PrivacyOverview;
use leptos::prelude::*;
use leptos_router::components::A;

use super::{ActionError, LoadError, Time, places::PlaceSelect};
use crate::api::{
    auth::SignOut,
    privacy::{SetJurisdiction, SetTrainingOptOut, load_privacy_overview},
};

/// The signed-in person's choices and requests.
#[component]
pub fn Privacy() -> impl IntoView {
    let place = ServerAction::<SetJurisdiction>::new();
    let overview = Resource::new(move || place.version().get(), |_| load_privacy_overview());
    view! {
        <Transition fallback=|| {
            view! { <p>"Loading your privacy settings…"</p> }
        }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(Some(overview)) => view! { <Overview overview place /> }.into_any(),
                    Ok(None) => view! { <SignInFirst /> }.into_any(),
                    Err(error) => view! { <LoadError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SignInFirst() -> impl IntoView {
    view! {
        <section class="card narrow">
            <h1>"Your privacy"</h1>
            <p>"Sign in to see and change your choices."</p>
            <A href="/sign-in" attr:class="button">
                "Sign in"
            </A>
        </section>
    }
}

#[component]
fn Overview(overview: PrivacyOverview, place: ServerAction<SetJurisdiction>) -> impl IntoView {
    let on = overview.training_opted_out;
    let since = overview.training_history.first().map(|c| c.effective_at);
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <section class="card">
            <h1>"Your privacy"</h1>
            <TrainingSwitch on since />
        </section>
        <WhereYouLive current=overview.jurisdiction.clone() place />
        <History overview />
        <ActionForm action=sign_out attr:class="sign-out">
            <button type="submit" class="secondary">
                "Sign out"
            </button>
        </ActionForm>
    }
}

/// The training switch: a plain form post without JavaScript, which reloads the page; with
/// it, the switch flips in place once the server has recorded the choice.
#[island]
fn TrainingSwitch(on: bool, since: Option<DateTime<Utc>>) -> impl IntoView {
    let toggle = ServerAction::<SetTrainingOptOut>::new();
    let (current, set_current) = signal(on);
    Effect::watch(
        move || toggle.version().get(),
        move |_, _, _| {
            if matches!(toggle.value().get_untracked(), Some(Ok(()))) {
                set_current.update(|on| *on = !*on);
            }
        },
        false,
    );
    // The date shown is the server's, so only until the switch is flipped here.
    let since = move || since.filter(|_| toggle.version().get() == 0);
    view! {
        <ActionForm action=toggle attr:class="switch-row">
            <input type="hidden" name="opted_out" value=move || (!current.get()).to_string() />
            <button
                id="training-switch"
                type="submit"
                role="switch"
                aria-checked=move || current.get().to_string()
                aria-describedby="training-state"
                class="switch"
                disabled=move || toggle.pending().get()
            >
                <span class="switch-track" aria-hidden="true">
                    <span class="switch-thumb"></span>
                </span>
                <span class="switch-label">"Do not train on my content"</span>
            </button>
        </ActionForm>
        <p id="training-state" class="state" data-opted-out=move || current.get().to_string()>
            {move || {
                if current.get() {
                    "On: your content is not used to train AI models"
                } else {
                    "Off: your content may be used to train AI models"
                }
            }}
            {move || {
                since()
                    .map(|at| {
                        view! {
                            ", since "
                            <Time at />
                        }
                    })
            }}
            "."
        </p>
        <ActionError value=toggle.value() />
    }
}

#[component]
fn History(overview: PrivacyOverview) -> impl IntoView {
    let choices = overview.training_history.into_iter().map(|c| {
        let what = if c.opted_out {
            "Switched on"
        } else {
            "Switched off"
        };
        view! { <li>{what} " " <Time at=c.effective_at /></li> }
    });
    let promises = overview
        .requests
        .iter()
        .filter(|r| !r.status.is_terminal())
        .filter_map(|r| Some((r.kind.label(), r.due_on?)))
        .map(|(label, due)| {
            view! { <li>{label} ": we will reply by " {due.format("%-d %B %Y").to_string()} "."</li> }
        })
        .collect::<Vec<_>>();
    let requests = overview
        .requests
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>
                        <a href=format!("/requests/{}", r.id)>{r.kind.label()}</a>
                    </td>
                    <td>
                        {r.status.label()}
                        {r
                            .download_until
                            .map(|until| {
                                view! {
                                    " · "
                                    <a href=format!("/exports/{}", r.id) download="">
                                        "Download your file"
                                    </a>
                                    " (until "
                                    <Time at=until />
                                    ")"
                                }
                            })}
                    </td>
                    <td>
                        <Time at=r.received_at />
                    </td>
                    <td>
                        {r
                            .due_on
                            .map(|d| {
                                view! {
                                    <time datetime=d
                                        .to_string()>{d.format("%-d %B %Y").to_string()}</time>
                                }
                            })}
                    </td>
                    <td>{r.closed_at.map(|at| view! { <Time at /> })}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let no_requests = requests.is_empty();
    view! {
        <section class="card">
            <h2>"Your history"</h2>
            <h3>"Training choice"</h3>
            <ul class="choices">{choices.collect::<Vec<_>>()}</ul>
            <h3>"Requests"</h3>
            <ul class="promises">{promises}</ul>
            {if no_requests {
                view! { <p>"You have made no requests yet."</p> }.into_any()
            } else {
                view! {
                    <table id="requests">
                        <thead>
                            <tr>
                                <th scope="col">"Request"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Received"</th>
                                <th scope="col">"Reply due by law"</th>
                                <th scope="col">"Closed"</th>
                            </tr>
                        </thead>
                        <tbody>{requests}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn WhereYouLive(current: Option<String>, place: ServerAction<SetJurisdiction>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Where you live"</h2>
            <p>"The law where you live sets how fast we must answer your requests."</p>
            <ActionForm action=place attr:class="place-row">
                <PlaceSelect current />
                <button type="submit" disabled=move || place.pending().get()>
                    "Save"
                </button>
            </ActionForm>
            <ActionError value=place.value() />
        </section>
    }
}
