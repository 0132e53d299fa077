//! The conversation about one request: what the privacy team wrote, what the person
//! answered, and the form to write.

use domain::{MessageAuthor, dto::Message};
use leptos::prelude::*;

use super::{ActionError, Time};
use crate::{
    api::requests::WriteMessage,
    i18n::{td, td_string},
    locale::use_locale,
};

/// The messages about request `id`, oldest first, and a form to write one.
#[component]
pub fn Messages(
    id: String,
    messages: Vec<Message>,
    write: ServerAction<WriteMessage>,
) -> impl IntoView {
    let empty = messages.is_empty();
    let locale = use_locale();
    let items = messages
        .into_iter()
        .map(|m| {
            let who = match m.author {
                MessageAuthor::Staff => td_string!(locale, messages.team),
                MessageAuthor::Subject => td_string!(locale, messages.you),
            };
            view! {
                <li data-author=m.author.as_str()>
                    <p class="meta">
                        <strong>{who}</strong>
                        " · "
                        <Time at=m.at />
                    </p>
                    <p class="body">{m.body}</p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card" id="messages" aria-labelledby="messages-heading">
            <h2 id="messages-heading">{td!(locale, messages.heading)}</h2>
            {empty.then(|| view! { <p>{td!(locale, messages.none)}</p> })}
            <ol class="messages">{items}</ol>
            <ActionForm action=write>
                <input type="hidden" name="id" value=id />
                <label for="message-body">{td!(locale, messages.write)}</label>
                <textarea
                    id="message-body"
                    name="body"
                    rows="3"
                    maxlength=domain::filing::MAX_STATEMENT.to_string()
                    required
                ></textarea>
                <button type="submit" disabled=move || write.pending().get()>
                    {td!(locale, messages.send)}
                </button>
            </ActionForm>
            <ActionError value=write.value() />
        </section>
    }
}
