//! Signing in: ask for a code, then type it in. Which step shows comes from the server (a
//! cookie names the address the code went to), so both steps work as plain form posts and a
//! reload keeps the person where they were.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{ActionError, FieldError, field_error};
use crate::{
    api::auth::{ForgetSignIn, RequestCode, VerifyCode, pending_sign_in},
    i18n::td,
    locale::use_locale,
};

/// Two steps: the e-mail address, then the 6-digit code sent to it.
#[component]
pub fn SignIn() -> impl IntoView {
    let request = ServerAction::<RequestCode>::new();
    let forget = ServerAction::<ForgetSignIn>::new();
    // Asked again each time a code was sent (counted, so the same address twice counts
    // twice) or the address forgotten; a refused address keeps the form as it is, with what
    // was typed and where the focus was.
    let pending = Resource::new(
        move || {
            let sent = request.value().with(|v| matches!(v, Some(Ok(_))));
            (
                sent.then(|| request.version().get()),
                forget.version().get(),
            )
        },
        |_| pending_sign_in(),
    );
    view! {
        <section class="card narrow">
            <h1>{td!(use_locale(), sign_in.heading)}</h1>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match pending.await {
                        Ok(Some(email)) => view! { <CodeStep email forget /> }.into_any(),
                        _ => view! { <EmailStep request /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The first step: the address form.
#[component]
fn EmailStep(request: ServerAction<RequestCode>) -> impl IntoView {
    let locale = use_locale();
    let last = Signal::derive(move || request.value().get().and_then(Result::err));
    let error = field_error(last, "email");
    view! {
        <p>{td!(locale, sign_in.intro)}</p>
        <ActionForm action=request>
            <label for="email">{td!(locale, sign_in.email)}</label>
            <FieldError name="email" error />
            <input
                id="email"
                type="email"
                name="email"
                autocomplete="email"
                required
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=move || error.get().map(|_| "email-error")
            />
            <button type="submit" disabled=move || request.pending().get()>
                {td!(locale, sign_in.send_code)}
            </button>
        </ActionForm>
        <ActionError value=request.value() except=&["email"] />
    }
}

/// The second step: the code form, and a way back to the first.
#[component]
fn CodeStep(email: String, forget: ServerAction<ForgetSignIn>) -> impl IntoView {
    let verify = ServerAction::<VerifyCode>::new();
    // Where to go once signed in, from `?next=`; the server checks it is a path here.
    let next = use_query_map().read_untracked().get("next");
    let locale = use_locale();
    let address = email.clone();
    let last = Signal::derive(move || verify.value().get().and_then(Result::err));
    let error = field_error(last, "code");
    view! {
        <p role="status">{td!(locale, sign_in.sent, email = address, <b> = <strong />)}</p>
        <ActionForm action=verify>
            <input type="hidden" name="email" value=email />
            {next.map(|next| view! { <input type="hidden" name="next" value=next /> })}
            <label for="code">{td!(locale, sign_in.code)}</label>
            <FieldError name="code" error />
            <input
                id="code"
                name="code"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]{6}"
                maxlength="6"
                required
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=move || error.get().map(|_| "code-error")
            />
            <button type="submit" disabled=move || verify.pending().get()>
                {td!(locale, sign_in.submit)}
            </button>
        </ActionForm>
        <ActionError value=verify.value() except=&["code"] />
        <ActionForm action=forget attr:class="hint">
            {td!(locale, sign_in.no_mail)}
            " "
            <button type="submit" class="link">
                {td!(locale, sign_in.other_address)}
            </button>
        </ActionForm>
    }
}
