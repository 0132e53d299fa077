//! The start page: which rights a person has, in plain words.

use leptos::prelude::*;
use leptos_router::components::A;

/// Explains the rights a person can exercise here.
#[component]
pub fn Home() -> impl IntoView {
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
            <ul class="rights">
                <li>
                    <h3>"Keep your content out of AI training"</h3>
                    <p>
                        "Switch it off once and we stop using what you write or upload to train AI models, from that moment on."
                    </p>
                </li>
                <li>
                    <h3>"See what we hold"</h3>
                    <p>
                        "Get a readable report of the personal data we have about you and where it came from."
                    </p>
                </li>
                <li>
                    <h3>"Take your data with you"</h3>
                    <p>
                        "Download a copy of your data in common formats you can open or move elsewhere."
                    </p>
                </li>
                <li>
                    <h3>"Correct it"</h3>
                    <p>"Tell us what is wrong and we fix it in every system that holds it."</p>
                </li>
                <li>
                    <h3>"Delete it"</h3>
                    <p>
                        "Close your account and have your data erased. You can change your mind during a short grace period."
                    </p>
                </li>
                <li>
                    <h3>"Remove it from AI answers"</h3>
                    <p>
                        "Ask us to stop our models from producing personal data about you, even if you have no account."
                    </p>
                </li>
            </ul>
            <p>
                "The law sets how fast we must answer, for example one month under the GDPR and 45 days under "
                "California's CCPA. We track every request against its deadline and tell you the date."
            </p>
        </section>
    }
}
