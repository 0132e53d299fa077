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
    ActionError, Day, FieldError, FileField, LoadError, NotFound, field_error,
    places::{PlaceSelect, place_name},
    wording::{file_button, kind_label, what_happens},
};
use crate::{
    api::{
        privacy::SetJurisdiction,
        requests::{FileRequest, preview_filing},
    },
    error::PublicError,
    i18n::{td, td_string},
    locale::use_locale,
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
    let locale = use_locale();
    view! {
        <section class="card">
            <h1>{kind_label(locale, kind)}</h1>
            <p class="lead">{what_happens(locale, kind)}</p>
            <Transition fallback=move || {
                view! { <p>{td!(locale, loading)}</p> }
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
    let locale = use_locale();
    view! {
        <p>{td!(locale, flow.sign_in_why)}</p>
        <a href=href class="button">
            {td!(locale, flow.sign_in)}
        </a>
    }
}

#[component]
fn AskWhereYouLive(place: ServerAction<SetJurisdiction>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <h2>{td!(locale, flow.where_heading)}</h2>
        <p>{td!(locale, flow.where_text)}</p>
        <ActionForm action=place attr:class="place-row">
            <PlaceSelect current=None />
            <button type="submit" disabled=move || place.pending().get()>
                {td!(locale, flow.proceed)}
            </button>
        </ActionForm>
        <ActionError value=place.value() />
    }
}

#[component]
fn Filing(kind: RequestKind, preview: FilingPreview, appeal_of: Option<String>) -> impl IntoView {
    let file = ServerAction::<FileRequest>::new();
    let locale = use_locale();
    let place = preview
        .jurisdiction
        .as_deref()
        .map(|code| place_name(locale, code).unwrap_or(code).to_owned());
    let law = preview.regime.unwrap_or_default();
    if preview.unavailable.is_some() {
        return view! {
            <p class="notice" role="status">
                {td_string!(locale, flow.unavailable, law).to_string()}
            </p>
        }
        .into_any();
    }
    // The evidence form is answered by the server itself, which names a problem in the URL.
    let query = use_query_map();
    let from_url = PublicError::from_query(|name| query.read_untracked().get(name));
    let error = Signal::derive(move || {
        file.value()
            .get()
            .and_then(Result::err)
            .or_else(|| from_url.clone())
    });
    let fields = view! {
        <input type="hidden" name="kind" value=kind.as_str() />
        <Fields kind appeal_of error />
        <button type="submit" disabled=move || file.pending().get()>
            {file_button(locale, kind)}
        </button>
    };
    let form = if kind == RequestKind::RemoveFromOutputs {
        view! {
            <form method="post" action=EVIDENCE_FORM enctype="multipart/form-data" class="filing">
                {fields}
            </form>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=file attr:class="filing">
                {fields}
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <dl class="facts">
            <dt>{td!(locale, flow.where_you_live)}</dt>
            <dd>{place} " · " <A href="/privacy">{td!(locale, flow.change)}</A></dd>
            <dt>{td!(locale, flow.law)}</dt>
            <dd>{law}</dd>
            <dt>{td!(locale, flow.reply_by)}</dt>
            <dd id="reply-by">{preview.reply_by.map(|day| view! { <Day day /> })}</dd>
        </dl>
        {form}
        <ActionError value=Signal::derive(move || error.get().map(Err::<(), _>)) except=FIELDS />
    }
    .into_any()
}

/// Where a request to remove data from model outputs is posted, with its files: a route of
/// the server's own, since server functions here read no multipart forms.
const EVIDENCE_FORM: &str = "/requests/remove-from-outputs";

/// The fields of the filing form that show their own errors.
const FIELDS: &[&str] = &[
    "confirm", "wrong", "right", "prompts", "outputs", "reason", "evidence",
];

/// The fields a kind asks for, beyond the button that confirms it. `error` is the last
/// filing's error: a field it names shows it, tied to the field for screen readers.
#[component]
fn Fields(
    kind: RequestKind,
    appeal_of: Option<String>,
    error: Signal<Option<PublicError>>,
) -> impl IntoView {
    let confirm = field_error(error, "confirm");
    let locale = use_locale();
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
                <label for="confirm">{td!(locale, flow.confirm_delete)}</label>
            </p>
        }
        .into_any(),
        RequestKind::Correct => view! {
            <StatementField error name="wrong" label=td_string!(locale, flow.wrong) />
            <StatementField error name="right" label=td_string!(locale, flow.right) />
        }
        .into_any(),
        RequestKind::RemoveFromOutputs => view! {
            <StatementField error name="prompts" label=td_string!(locale, flow.prompts) />
            <StatementField error name="outputs" label=td_string!(locale, flow.outputs) />
            <StatementField error name="reason" label=td_string!(locale, flow.reason) />
            <FileField
                name="evidence"
                label=td_string!(locale, flow.evidence)
                hint=td_string!(locale, flow.evidence_hint)
                accept="image/png,image/jpeg,application/pdf,text/plain,.txt"
                multiple=true
                error
            />
        }
        .into_any(),
        RequestKind::Appeal => {
            view! { <input type="hidden" name="appeal_of" value=appeal_of.unwrap_or_default() /> }
                .into_any()
        }
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
