//! The start page: which rights a person has, in plain words, each a link to its page.

use domain::RequestKind;
use leptos::prelude::*;
use leptos_router::components::A;

/// The rights on the start page: the kind, its card's title and one sentence.
const RIGHTS: &[(RequestKind, &str, &str)] = &[
    (
        RequestKind::OptOutTraining,
        "Keep your content out of AI training",
        "Switch it off once and we stop using what you write or upload to train AI models, from that moment on.",
    ),
    (
        RequestKind::Access,
        "See what we hold",
        "Get a readable report of the personal data we have about you and where it came from.",
    ),
    (
        RequestKind::Export,
        "Take your data with you",
        "Download a copy of your data in common formats you can open or move elsewhere.",
    ),
    (
        RequestKind::Correct,
        "Correct it",
        "Tell us what is wrong and we fix it in every system that holds it.",
    ),
    (
        RequestKind::Delete,
        "Delete it",
        "Close your account and have your data erased. You can change your mind during a short grace period.",
    ),
    (
        RequestKind::RemoveFromOutputs,
        "Remove it from AI answers",
        "Ask us to stop our models from producing personal data about you, even if you have no account.",
    ),
    (
        RequestKind::OptOutSale,
        "Do not sell or share it",
        "Opt out of the sale and sharing of your data, and of targeted advertising.",
    ),
    (
        RequestKind::LimitSensitive,
        "Limit sensitive data",
        "Have sensitive information, such as health or precise location, used only to provide the service.",
    ),
];

/// Explains the rights a person can exercise here.
#[component]
pub fn Home() -> impl IntoView {
    let cards = RIGHTS
        .iter()
        .map(|(kind, title, text)| {
            view! {
                <li>
                    <h3>
                        <a href=format!("/requests/new/{kind}")>{*title}</a>
                    </h3>
                    <p>{*text}</p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="hero">
            <h1>"Your data, your rights"</h1>
            <p class="lead">
                "This is where you tell us what we may and may not do with your personal data. "
                "Sign in with your e-mail address: we send you a code, no password needed."
            </p>
            <A href="/sign-in" attr:class="button">
                "Sign in to manage your data"
            </A>
        </section>
        <section aria-labelledby="rights-heading">
            <h2 id="rights-heading">"What you can ask for"</h2>
            <ul class="rights">{cards}</ul>
            <p>
                "The law sets how fast we must answer, for example one month under the GDPR and 45 days under "
                "California's CCPA. We track every request against its deadline and tell you the date."
            </p>
        </section>
    }
}
