//! `/requests/{id}/confirm?token=…`: the page a person's confirmation link opens when an
//! authorized agent filed a request for them. They confirm it or decline it; either works as
//! a plain form post.

use domain::dto::{AgentRequest, AgentRequestState};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{ActionError, LoadError, Time, wording};
use crate::{
    api::agents::{ConfirmAgentRequest, DeclineAgentRequest, load_agent_request},
    i18n::{td, td_string},
    locale::use_locale,
};

/// The request the link names, and what the person can do about it.
#[component]
pub fn ConfirmAgentRequestPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let confirm = ServerAction::<ConfirmAgentRequest>::new();
    let decline = ServerAction::<DeclineAgentRequest>::new();
    let (for_load, token_for_load) = (id.clone(), token.clone());
    let request = Resource::new(
        move || (confirm.version().get(), decline.version().get()),
        move |_| load_agent_request(for_load.clone(), token_for_load.clone()),
    );
    let locale = use_locale();
    view! {
        <section class="card narrow">
            <h1>{td!(locale, agent_confirm.heading)}</h1>
            <Transition fallback=move || {
                view! { <p>{td!(locale, loading)}</p> }
            }>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match request.await {
                            Ok(request) => {
                                view! { <Decide request token confirm decline /> }.into_any()
                            }
                            Err(error) => view! { <LoadError error /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Decide(
    request: AgentRequest,
    token: String,
    confirm: ServerAction<ConfirmAgentRequest>,
    decline: ServerAction<DeclineAgentRequest>,
) -> impl IntoView {
    let locale = use_locale();
    let kind = wording::kind_label(locale, request.kind);
    let agent = request.agent.clone();
    let asked = td_string!(locale, agent_confirm.asked, agent, kind).to_string();
    let outcome = match request.state {
        AgentRequestState::Waiting => None,
        AgentRequestState::Confirmed => Some(td_string!(locale, agent_confirm.confirmed)),
        AgentRequestState::Declined => Some(td_string!(locale, agent_confirm.declined)),
        AgentRequestState::Expired => Some(td_string!(locale, agent_confirm.expired)),
        AgentRequestState::Denied => Some(td_string!(locale, agent_confirm.denied)),
    };
    let followed = matches!(
        request.state,
        AgentRequestState::Confirmed | AgentRequestState::Denied
    );
    let follow = format!("/sign-in?next=%2Frequests%2F{}", request.id);
    view! {
        <p>{asked}</p>
        <p>{td!(locale, agent_confirm.filed)} " " <Time at=request.received_at /></p>
        {match outcome {
            Some(text) => {
                view! {
                    <p class="notice" role="status">
                        {text}
                    </p>
                    {followed
                        .then(|| {
                            view! {
                                <a href=follow class="button">
                                    {td!(locale, agent_confirm.follow)}
                                </a>
                            }
                        })}
                }
                    .into_any()
            }
            None => {
                let (confirm_id, decline_id) = (request.id.clone(), request.id.clone());
                let confirm_token = token.clone();
                view! {
                    <p>
                        {td!(locale, agent_confirm.until)} " "
                        {request.confirm_by.map(|at| view! { <Time at /> })}
                    </p>
                    <ActionForm action=confirm>
                        <input type="hidden" name="id" value=confirm_id />
                        <input type="hidden" name="token" value=confirm_token />
                        <button type="submit">{td!(locale, agent_confirm.confirm)}</button>
                    </ActionForm>
                    <ActionForm action=decline>
                        <input type="hidden" name="id" value=decline_id />
                        <input type="hidden" name="token" value=token />
                        <button type="submit" class="secondary">
                            {td!(locale, agent_confirm.decline)}
                        </button>
                    </ActionForm>
                    <ActionError value=confirm.value() />
                    <ActionError value=decline.value() />
                }
                    .into_any()
            }
        }}
    }
}
