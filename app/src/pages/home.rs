//! The start page: which rights a person has, in plain words, each a link to its page.

use domain::RequestKind;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    i18n::{Locale, td, td_string},
    locale::use_locale,
};

/// The rights on the start page, in the order shown.
const RIGHTS: &[RequestKind] = &[
    RequestKind::OptOutTraining,
    RequestKind::Access,
    RequestKind::Export,
    RequestKind::Correct,
    RequestKind::Delete,
    RequestKind::RemoveFromOutputs,
    RequestKind::OptOutSale,
    RequestKind::LimitSensitive,
];

/// A right's card: its title and one sentence. An appeal has none: it is filed from the
/// denied request's page.
fn card(locale: Locale, kind: RequestKind) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        RequestKind::OptOutTraining => (
            td_string!(locale, home.opt_out_training_title),
            td_string!(locale, home.opt_out_training_text),
        ),
        RequestKind::Access => (
            td_string!(locale, home.access_title),
            td_string!(locale, home.access_text),
        ),
        RequestKind::Export => (
            td_string!(locale, home.export_title),
            td_string!(locale, home.export_text),
        ),
        RequestKind::Correct => (
            td_string!(locale, home.correct_title),
            td_string!(locale, home.correct_text),
        ),
        RequestKind::Delete => (
            td_string!(locale, home.delete_title),
            td_string!(locale, home.delete_text),
        ),
        RequestKind::RemoveFromOutputs => (
            td_string!(locale, home.remove_from_outputs_title),
            td_string!(locale, home.remove_from_outputs_text),
        ),
        RequestKind::OptOutSale => (
            td_string!(locale, home.opt_out_sale_title),
            td_string!(locale, home.opt_out_sale_text),
        ),
        RequestKind::LimitSensitive => (
            td_string!(locale, home.limit_sensitive_title),
            td_string!(locale, home.limit_sensitive_text),
        ),
        RequestKind::Appeal => return None,
    })
}

/// Explains the rights a person can exercise here.
#[component]
pub fn Home() -> impl IntoView {
    let locale = use_locale();
    let cards = RIGHTS
        .iter()
        .filter_map(|&kind| {
            let (title, text) = card(locale, kind)?;
            Some(view! {
                <li>
                    <h3>
                        <a href=format!("/requests/new/{kind}")>{title}</a>
                    </h3>
                    <p>{text}</p>
                </li>
            })
        })
        .collect::<Vec<_>>();
    view! {
        <section class="hero">
            <h1>{td!(locale, home.heading)}</h1>
            <p class="lead">{td!(locale, home.lead)}</p>
            <A href="/sign-in" attr:class="button">
                {td!(locale, home.sign_in)}
            </A>
        </section>
        <section aria-labelledby="rights-heading">
            <h2 id="rights-heading">{td!(locale, home.rights_heading)}</h2>
            <ul class="rights">{cards}</ul>
            <p>{td!(locale, home.deadlines)}</p>
            <p>{td!(locale, home.agent, <a> = <a href="/agents" />)}</p>
        </section>
    }
}
