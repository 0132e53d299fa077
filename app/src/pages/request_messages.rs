//! The conversation about one request: what the privacy team wrote, what the person
//! answered, and the form to write.

use domain::{MessageAuthor, dto::Message};
use leptos::prelude::*;

use super::{ActionError, Time};
use crate::api::requests::WriteMessage;

/// The messages about request `id`, oldest first, and a form to write one.
#[component]
pub fn Messages(
    id: String,
    messages: Vec<Message>,
    write: ServerAction<WriteMessage>,
) -> impl IntoView {
    let empty = messages.is_empty();
    let items = messages
        .into_iter()
        .map(|m| {
            let who = match m.author {
                MessageAuthor::Staff => "Our privacy team",
                MessageAuthor::Subject => "You",
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
            <h2 id="messages-heading">"Messages"</h2>
            {empty
                .then(|| {
                    view! { <p>"No messages yet. If you have a question, write to us here."</p> }
                })}
            <ol class="messages">{items}</ol>
            <ActionForm action=write>
                <input type="hidden" name="id" value=id />
                <label for="message-body">"Write to our privacy team"</label>
                <textarea
                    id="message-body"
                    name="body"
                    rows="3"
                    maxlength=domain::filing::MAX_STATEMENT.to_string()
                    required
                ></textarea>
                <button type="submit" disabled=move || write.pending().get()>
                    "Send"
                </button>
            </ActionForm>
            <ActionError value=write.value() />
        </section>
    }
}
