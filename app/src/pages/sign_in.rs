//! Signing in: ask for a code, then type it in. Which step shows comes from the server (a
//! cookie names the address the code went to), so both steps work as plain form posts and a
//! reload keeps the person where they were.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::ActionError;
use crate::api::auth::{ForgetSignIn, RequestCode, VerifyCode, pending_sign_in};

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
            <h1>"Sign in"</h1>
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
    view! {
        <p>"We will e-mail you a 6-digit code. No password needed."</p>
        <ActionForm action=request>
            <label for="email">"E-mail address"</label>
            <input id="email" type="email" name="email" autocomplete="email" required />
            <button type="submit" disabled=move || request.pending().get()>
                "Send me a code"
            </button>
        </ActionForm>
        <ActionError value=request.value() />
    }
}

/// The second step: the code form, and a way back to the first.
#[component]
fn CodeStep(email: String, forget: ServerAction<ForgetSignIn>) -> impl IntoView {
    let verify = ServerAction::<VerifyCode>::new();
    // Where to go once signed in, from `?next=`; the server checks it is a path here.
    let next = use_query_map().read_untracked().get("next");
    view! {
        <p role="status">
            "We sent a code to " <strong>{email.clone()}</strong> ". It expires in 10 minutes."
        </p>
        <ActionForm action=verify>
            <input type="hidden" name="email" value=email />
            {next.map(|next| view! { <input type="hidden" name="next" value=next /> })}
            <label for="code">"Code"</label>
            <input
                id="code"
                name="code"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]{6}"
                maxlength="6"
                required
            />
            <button type="submit" disabled=move || verify.pending().get()>
                "Sign in"
            </button>
        </ActionForm>
        <ActionError value=verify.value() />
        <ActionForm action=forget attr:class="hint">
            "No e-mail? Check your spam folder, or "
            <button type="submit" class="link">
                "use another address"
            </button>
            "."
        </ActionForm>
    }
}
