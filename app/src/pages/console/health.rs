//! `/console/health`: what needs an operator outside the queue: failed tasks, dead jobs
//! (each with a retry button), data systems whose circuit is open, and requests still in
//! progress past their reply date.

use domain::{StaffRole, console::HealthPage};
use leptos::prelude::*;

use super::{Outcome, console_page};
use crate::{api::console::load_health, i18n::td, locale::use_locale, pages::Time};

/// The operations health page.
#[component]
pub fn ConsoleHealth() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_health());
    console_page(page, |seen| {
        let works = seen.viewer.role != StaffRole::Legal;
        view! { <Health page=seen.page works /> }.into_any()
    })
}

#[component]
fn Health(page: HealthPage, works: bool) -> impl IntoView {
    let locale = use_locale();
    let link = |id: String| {
        let href = format!("/console/requests/{id}");
        view! { <a href=href>{id}</a> }
    };
    let tasks = page
        .failed_tasks
        .into_iter()
        .map(|t| view! { <li>{t.system} " · " {link(t.request)} " · " {t.last_error.unwrap_or_default()}</li> })
        .collect::<Vec<_>>();
    let jobs = page
        .dead_jobs
        .into_iter()
        .map(|job| {
            let retry = works.then(|| {
                view! {
                    <form
                        method="post"
                        action=format!("/console/jobs/{}/retry", job.id)
                        class="inline"
                    >
                        <button type="submit">{td!(locale, console.retry)}</button>
                    </form>
                }
            });
            view! {
                <li>
                    <code>{job.kind}</code>
                    " · "
                    <Time at=job.created_at />
                    " · "
                    {job.attempts}
                    " · "
                    {job.last_error.unwrap_or_default()}
                    " "
                    {retry}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let circuits = page
        .open_circuits
        .into_iter()
        .map(|name| view! { <li>{name}</li> })
        .collect::<Vec<_>>();
    let stuck = page
        .stuck
        .into_iter()
        .map(|id| view! { <li>{link(id)}</li> })
        .collect::<Vec<_>>();
    let counts = page.counts;
    view! {
        <section class="card wide">
            <h1>{td!(locale, console.health_heading)}</h1>
            <Outcome />
            <h2>{td!(locale, console.h_failed_tasks)} " (" {counts.failed_tasks} ")"</h2>
            <ul>{tasks}</ul>
            <h2>{td!(locale, console.h_dead_jobs)} " (" {counts.dead_jobs} ")"</h2>
            <ul>{jobs}</ul>
            <h2>{td!(locale, console.h_open_circuits)} " (" {counts.open_circuits} ")"</h2>
            <ul>{circuits}</ul>
            <h2>{td!(locale, console.h_stuck)} " (" {counts.stuck} ")"</h2>
            <ul>{stuck}</ul>
        </section>
    }
    .into_any()
}
