//! Signing in: ask for a code, then type it in.

use leptos::prelude::*;

use super::ActionError;
use crate::api::auth::{RequestCode, VerifyCode};

/// Two steps: the e-mail address, then the 6-digit code sent to it.
#[component]
pub fn SignIn() -> impl IntoView {
    let request = ServerAction::<RequestCode>::new();
    let sent_to = move || request.value().get().and_then(Result::ok);
    view! {
        <section class="card narrow">
            <h1>"Sign in"</h1>
            <Show
                when=move || sent_to().is_some()
                fallback=move || {
                    view! {
                        <p>"We will e-mail you a 6-digit code. No password needed."</p>
                        <ActionForm action=request>
                            <label for="email">"E-mail address"</label>
                            <input
                                id="email"
                                type="email"
                                name="email"
                                autocomplete="email"
                                required
                            />
                            <button type="submit" disabled=move || request.pending().get()>
                                "Send me a code"
                            </button>
                        </ActionForm>
                        <ActionError value=request.value() />
                    }
                }
            >
                <CodeStep email=sent_to().unwrap_or_default() />
            </Show>
        </section>
    }
}

/// The second step: the code form.
#[component]
fn CodeStep(email: String) -> impl IntoView {
    let verify = ServerAction::<VerifyCode>::new();
    view! {
        <p role="status">
            "We sent a code to " <strong>{email.clone()}</strong> ". It expires in 10 minutes."
        </p>
        <ActionForm action=verify>
            <input type="hidden" name="email" value=email />
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
        <p class="hint">
            "No e-mail? Check your spam folder, or " <a href="/sign-in">"start again"</a> "."
        </p>
    }
}
