//! `/agents`: an authorized agent files a request for somebody else (CCPA §7063), with the
//! person's signed permission. The agent signs in as themselves; the person is mailed to
//! confirm, and nothing is done until they do.

use domain::agent::AGENT_KINDS;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    ActionError, FieldError, FileField, LoadError, described_by, field_error, places::PlaceSelect,
    wording,
};
use crate::{
    api::privacy::load_privacy_overview,
    error::PublicError,
    i18n::{td, td_string},
    locale::use_locale,
};

/// Where the agent's form posts: a route of the server's own, since server functions here
/// read no multipart forms.
const AGENT_FORM: &str = "/agents/file";

/// The fields of the agent's form that show their own errors.
const FIELDS: &[&str] = &["consumer", "kind", "permission", "authorized"];

/// The agent's page: sign in first, then the form.
#[component]
pub fn AgentFiling() -> impl IntoView {
    let signed_in = Resource::new(|| (), |_| load_privacy_overview());
    let locale = use_locale();
    view! {
        <section class="card">
            <h1>{td!(locale, agents.heading)}</h1>
            <p class="lead">{td!(locale, agents.lead)}</p>
            <Transition fallback=move || {
                view! { <p>{td!(locale, loading)}</p> }
            }>
                {move || Suspend::new(async move {
                    match signed_in.await {
                        Ok(Some(_)) => view! { <AgentForm /> }.into_any(),
                        Ok(None) | Err(PublicError::Unauthenticated) => {
                            view! {
                                <p>{td!(locale, agents.sign_in_why)}</p>
                                <a href="/sign-in?next=%2Fagents" class="button">
                                    {td!(locale, flow.sign_in)}
                                </a>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The form, with the outcome of the last filing (named in the URL) above it.
#[component]
fn AgentForm() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let sent = query.read_untracked().get("sent").is_some();
    let problem = PublicError::from_query(|name| query.read_untracked().get(name));
    let error = Signal::derive(move || problem.clone());
    let consumer = field_error(error, "consumer");
    let kind = field_error(error, "kind");
    let authorized = field_error(error, "authorized");
    let kinds = AGENT_KINDS
        .iter()
        .map(|k| {
            let id = format!("kind-{k}");
            view! {
                <p class="check">
                    <input type="radio" id=id.clone() name="kind" value=k.as_str() required />
                    <label for=id>{wording::kind_label(locale, *k)}</label>
                </p>
            }
        })
        .collect::<Vec<_>>();
    view! {
        {sent
            .then(|| {
                view! {
                    <p class="notice" role="status">
                        {td!(locale, agents.sent)}
                    </p>
                }
            })}
        <form method="post" action=AGENT_FORM enctype="multipart/form-data" class="filing">
            <label for="consumer">{td!(locale, agents.consumer)}</label>
            <FieldError name="consumer" error=consumer />
            <input
                type="email"
                id="consumer"
                name="consumer"
                required
                autocomplete="off"
                aria-invalid=move || consumer.get().map(|_| "true")
                aria-describedby=described_by("consumer", consumer, false)
            />
            <PlaceSelect current=None label=td_string!(locale, agents.place) />
            <fieldset aria-describedby=described_by("kind", kind, false)>
                <legend>{td!(locale, agents.kind)}</legend>
                <FieldError name="kind" error=kind />
                {kinds}
            </fieldset>
            <FileField
                name="permission"
                label=td_string!(locale, agents.permission)
                hint=td_string!(locale, agents.permission_hint)
                accept="application/pdf,image/png,image/jpeg"
                required=true
                error
            />
            <FieldError name="authorized" error=authorized />
            <p class="check">
                <input
                    type="checkbox"
                    id="authorized"
                    name="authorized"
                    value="yes"
                    required
                    aria-invalid=move || authorized.get().map(|_| "true")
                    aria-describedby=described_by("authorized", authorized, false)
                />
                <label for="authorized">{td!(locale, agents.authorized)}</label>
            </p>
            <button type="submit">{td!(locale, agents.send)}</button>
        </form>
        <ActionError value=Signal::derive(move || error.get().map(Err::<(), _>)) except=FIELDS />
    }
}
