//! The page for filing one kind of request, at `/requests/new/{kind}`: what will happen,
//! which law applies and the date we will reply by, then the form. Someone not signed in is
//! sent to sign in first (the e-mailed code is the verification), and someone who has not
//! said where they live is asked first.

use domain::{RequestKind, dto::FilingPreview};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

use super::{
    ActionError, LoadError, NotFound,
    places::{PlaceSelect, place_name},
    wording::{file_button, what_happens},
};
use crate::{
    api::{
        privacy::SetJurisdiction,
        requests::{FileRequest, preview_filing},
    },
    error::PublicError,
};

/// The flow page of the kind in the URL; an unknown kind is a page not found.
#[component]
pub fn NewRequest() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let kind = params.read().get("kind").and_then(|k| k.parse().ok());
        match kind {
            Some(kind) => {
                let appeal_of = query.read().get("of");
                view! { <Flow kind appeal_of /> }.into_any()
            }
            None => view! { <NotFound /> }.into_any(),
        }
    }
}

#[component]
fn Flow(kind: RequestKind, appeal_of: Option<String>) -> impl IntoView {
    let place = ServerAction::<SetJurisdiction>::new();
    let preview = Resource::new(
        move || place.version().get(),
        move |_| preview_filing(kind.to_string()),
    );
    view! {
        <section class="card">
            <h1>{kind.label()}</h1>
            <p class="lead">{what_happens(kind)}</p>
            <Transition fallback=|| {
                view! { <p>"Loading…"</p> }
            }>
                {move || {
                    let appeal_of = appeal_of.clone();
                    Suspend::new(async move {
                        match preview.await {
                            Ok(Some(p)) if p.jurisdiction.is_none() => {
                                view! { <AskWhereYouLive place /> }.into_any()
                            }
                            Ok(Some(p)) => view! { <Filing kind preview=p appeal_of /> }.into_any(),
                            Ok(None) | Err(PublicError::Unauthenticated) => {
                                view! { <SignInToContinue kind appeal_of /> }.into_any()
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
fn SignInToContinue(kind: RequestKind, appeal_of: Option<String>) -> impl IntoView {
    // Back here after signing in, with the appealed request (a UUID) kept, URL-encoded.
    let of = appeal_of
        .filter(|of| of.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'))
        .map(|of| format!("%3Fof%3D{of}"))
        .unwrap_or_default();
    let href = format!("/sign-in?next=%2Frequests%2Fnew%2F{kind}{of}");
    view! {
        <p>
            "To make sure only you can make this request, we first check your e-mail address with a code. You do not need an account."
        </p>
        <a href=href class="button">
            "Sign in to continue"
        </a>
    }
}

#[component]
fn AskWhereYouLive(place: ServerAction<SetJurisdiction>) -> impl IntoView {
    view! {
        <h2>"Where do you live?"</h2>
        <p>"The law where you live decides how fast we must answer. We do not guess it."</p>
        <ActionForm action=place attr:class="place-row">
            <PlaceSelect current=None />
            <button type="submit" disabled=move || place.pending().get()>
                "Continue"
            </button>
        </ActionForm>
        <ActionError value=place.value() />
    }
}

#[component]
fn Filing(kind: RequestKind, preview: FilingPreview, appeal_of: Option<String>) -> impl IntoView {
    let file = ServerAction::<FileRequest>::new();
    let place = preview
        .jurisdiction
        .as_deref()
        .map(|code| place_name(code).unwrap_or(code).to_owned());
    let law = preview.regime.unwrap_or_default();
    if let Some(why) = preview.unavailable {
        return view! {
            <p class="notice" role="status">
                "This request is not available under "
                {law}
                ": "
                {why}
                "."
            </p>
        }
        .into_any();
    }
    view! {
        <dl class="facts">
            <dt>"Where you live"</dt>
            <dd>{place} " · " <A href="/privacy">"change"</A></dd>
            <dt>"The law that applies"</dt>
            <dd>{law}</dd>
            <dt>"We will reply by"</dt>
            <dd id="reply-by">
                {preview
                    .reply_by
                    .map(|d| {
                        view! {
                            <time datetime=d.to_string()>{d.format("%-d %B %Y").to_string()}</time>
                        }
                    })}
            </dd>
        </dl>
        <ActionForm action=file attr:class="filing">
            <input type="hidden" name="kind" value=kind.as_str() />
            <Fields
                kind
                appeal_of
                error=Signal::derive(move || file.value().get().and_then(Result::err))
            />
            <button type="submit" disabled=move || file.pending().get()>
                {file_button(kind)}
            </button>
        </ActionForm>
        <ActionError value=file.value() />
    }
    .into_any()
}

/// The fields a kind asks for, beyond the button that confirms it. `error` is the last
/// filing's error: a field it names shows it, tied to the field for screen readers.
#[component]
fn Fields(
    kind: RequestKind,
    appeal_of: Option<String>,
    error: Signal<Option<PublicError>>,
) -> impl IntoView {
    let confirm = field_error(error, "confirm");
    match kind {
        RequestKind::Delete => view! {
            <FieldError name="confirm" error=confirm />
            <p class="check">
                <input
                    type="checkbox"
                    id="confirm"
                    name="confirm"
                    value="yes"
                    required
                    aria-invalid=move || confirm.get().map(|_| "true")
                    aria-describedby=move || confirm.get().map(|_| "confirm-error")
                />
                <label for="confirm">
                    "I understand that my account and my data will be deleted, and that after the grace period this cannot be undone."
                </label>
            </p>
        }
            .into_any(),
        RequestKind::Correct => view! {
            <StatementField error name="wrong" label="What is wrong?" />
            <StatementField error name="right" label="What should it say?" />
        }
            .into_any(),
        RequestKind::RemoveFromOutputs => view! {
            <StatementField error name="prompts" label="Which prompts or questions produced it?" />
            <StatementField error name="outputs" label="What did the model say about you?" />
            <StatementField error name="reason" label="Why is this personal data about you?" />
        }
            .into_any(),
        RequestKind::Appeal => view! { <input type="hidden" name="appeal_of" value=appeal_of.unwrap_or_default() /> }
            .into_any(),
        _ => ().into_any(),
    }
}

/// A labelled text area for one statement, with its error if the last filing named it.
#[component]
fn StatementField(
    name: &'static str,
    label: &'static str,
    error: Signal<Option<PublicError>>,
) -> impl IntoView {
    let message = field_error(error, name);
    view! {
        <label for=name>{label}</label>
        <FieldError name error=message />
        <textarea
            id=name
            name=name
            rows="4"
            maxlength=domain::filing::MAX_STATEMENT.to_string()
            required
            aria-invalid=move || message.get().map(|_| "true")
            aria-describedby=move || message.get().map(|_| format!("{name}-error"))
        ></textarea>
    }
}

/// The message of `error` if it is about form field `name`.
fn field_error(error: Signal<Option<PublicError>>, name: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || match error.get() {
        Some(PublicError::Invalid { field, message }) if field == name => Some(message),
        _ => None,
    })
}

/// A field's error, with the id its field's `aria-describedby` names.
#[component]
fn FieldError(name: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p class="error field-error" id=format!("{name}-error")>
                    {message}
                </p>
            }
        })
    }
}
