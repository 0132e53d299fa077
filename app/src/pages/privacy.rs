//! "Your privacy": the training switch, where the person lives, and their history.

use chrono::{DateTime, Utc};
use domain::dto::{PrivacyOverview, RequestSummary};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{ActionError, Day, LoadError, Time, places::PlaceSelect, wording};
use crate::{
    api::{
        auth::SignOut,
        privacy::{SetJurisdiction, SetTrainingOptOut, load_privacy_overview},
    },
    i18n::{Locale, td, td_string},
    locale::{self, use_locale},
};

/// The signed-in person's choices and requests.
#[component]
pub fn Privacy() -> impl IntoView {
    let place = ServerAction::<SetJurisdiction>::new();
    let overview = Resource::new(move || place.version().get(), |_| load_privacy_overview());
    let locale = use_locale();
    view! {
        <Transition fallback=move || {
            view! { <p>{td!(locale, privacy.loading)}</p> }
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
    let locale = use_locale();
    view! {
        <section class="card narrow">
            <h1>{td!(locale, privacy.heading)}</h1>
            <p>{td!(locale, privacy.sign_in_first)}</p>
            <A href="/sign-in" attr:class="button">
                {td!(locale, privacy.sign_in)}
            </A>
        </section>
    }
}

#[component]
fn Overview(overview: PrivacyOverview, place: ServerAction<SetJurisdiction>) -> impl IntoView {
    let on = overview.training_opted_out;
    let since = overview.training_history.first().map(|c| c.effective_at);
    let sign_out = ServerAction::<SignOut>::new();
    let locale = use_locale();
    view! {
        <section class="card">
            <h1>{td!(locale, privacy.heading)}</h1>
            <TrainingSwitch on since locale />
        </section>
        <WhereYouLive current=overview.jurisdiction.clone() place />
        <History overview />
        <ActionForm action=sign_out attr:class="sign-out">
            <button type="submit" class="secondary">
                {td!(locale, privacy.sign_out)}
            </button>
        </ActionForm>
    }
}

/// The training switch: a plain form post without JavaScript, which reloads the page; with
/// it, the switch flips in place once the server has recorded the choice. An island runs in
/// the browser without the page's context, so it is handed the page's locale.
#[island]
fn TrainingSwitch(on: bool, since: Option<DateTime<Utc>>, locale: Locale) -> impl IntoView {
    provide_context(locale);
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
                <span class="switch-label">{td!(locale, privacy.switch_label)}</span>
            </button>
        </ActionForm>
        <p id="training-state" class="state" data-opted-out=move || current.get().to_string()>
            {move || {
                if current.get() {
                    td_string!(locale, privacy.switch_on)
                } else {
                    td_string!(locale, privacy.switch_off)
                }
            }}
            {move || {
                since()
                    .map(|at| {
                        let date = locale::date_time(locale, at);
                        td_string!(locale, privacy.since, date).to_string()
                    })
            }}
            "."
        </p>
        <ActionError value=toggle.value() />
    }
}

#[component]
fn History(overview: PrivacyOverview) -> impl IntoView {
    let locale = use_locale();
    let choices = overview
        .training_history
        .into_iter()
        .map(|c| {
            let what = if c.opted_out {
                td_string!(locale, privacy.switched_on)
            } else {
                td_string!(locale, privacy.switched_off)
            };
            view! { <li>{what} " " <Time at=c.effective_at /></li> }
        })
        .collect::<Vec<_>>();
    let promises = overview
        .requests
        .iter()
        .filter(|r| !r.status.is_terminal())
        .filter_map(|r| Some((wording::kind_label(locale, r.kind), r.due_on?)))
        .map(|(kind, due)| {
            let date = locale::date(locale, due);
            view! { <li>{td_string!(locale, privacy.promise, kind, date).to_string()}</li> }
        })
        .collect::<Vec<_>>();
    let no_requests = overview.requests.is_empty();
    let rows = overview
        .requests
        .into_iter()
        .map(|request| view! { <RequestRow request /> })
        .collect::<Vec<_>>();
    view! {
        <section class="card">
            <h2>{td!(locale, privacy.history)}</h2>
            <h3>{td!(locale, privacy.training_choice)}</h3>
            <ul class="choices">{choices}</ul>
            <h3>{td!(locale, privacy.requests)}</h3>
            <ul class="promises">{promises}</ul>
            {if no_requests {
                view! { <p>{td!(locale, privacy.no_requests)}</p> }.into_any()
            } else {
                view! {
                    <table id="requests">
                        <thead>
                            <tr>
                                <th scope="col">{td!(locale, privacy.col_request)}</th>
                                <th scope="col">{td!(locale, privacy.col_status)}</th>
                                <th scope="col">{td!(locale, privacy.col_received)}</th>
                                <th scope="col">{td!(locale, privacy.col_due)}</th>
                                <th scope="col">{td!(locale, privacy.col_closed)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}

/// One request in the history table, linked to its status page.
#[component]
fn RequestRow(request: RequestSummary) -> impl IntoView {
    let locale = use_locale();
    let r = request;
    let download = r.download_until.map(|until| {
        let date = locale::date_time(locale, until);
        view! {
            " · "
            <a href=format!("/exports/{}", r.id) download="">
                {td!(locale, privacy.download)}
            </a>
            " "
            {td_string!(locale, privacy.download_until, date).to_string()}
        }
    });
    view! {
        <tr>
            <td>
                <a href=format!("/requests/{}", r.id)>{wording::kind_label(locale, r.kind)}</a>
            </td>
            <td>{wording::status_label(locale, r.status)} {download}</td>
            <td>
                <Time at=r.received_at />
            </td>
            <td>{r.due_on.map(|day| view! { <Day day /> })}</td>
            <td>{r.closed_at.map(|at| view! { <Time at /> })}</td>
        </tr>
    }
}

#[component]
fn WhereYouLive(current: Option<String>, place: ServerAction<SetJurisdiction>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="card">
            <h2>{td!(locale, privacy.where_you_live)}</h2>
            <p>{td!(locale, privacy.where_you_live_text)}</p>
            <ActionForm action=place attr:class="place-row">
                <PlaceSelect current />
                <button type="submit" disabled=move || place.pending().get()>
                    {td!(locale, privacy.save)}
                </button>
            </ActionForm>
            <ActionError value=place.value() />
        </section>
    }
}
