//! The staff console's form posts: sign-in and sign-out, each action on a request at a URL
//! that names it, manual task completion with a file, dead-job retry, bulk actions, the
//! admin screen's changes (`admin.rs`), the staff's download of evidence, and Legal's
//! downloads (`reports.rs`: the §7102 metrics, the deadline report, a request's evidence
//! bundle). Each form post answers with a redirect
//! back to its page (`?done=…` or the problem), so the console works without JavaScript.
//!
//! Every handler finds the member of staff from the console cookie first; nobody signed in
//! is sent to sign in, and the backend refuses a role that may not act (403).

mod act;
mod admin;
mod bulk;
mod reports;
mod session;
mod sign_in;
mod tasks;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use crate::http::state::AppState;

/// The largest manual-task upload read: 10 MiB, and the form around it.
pub const TASK_FORM_LIMIT: usize = 10 * 1024 * 1024 + 64 * 1024;

/// The console's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/console/sign-in", post(sign_in::sign_in))
        .route("/console/sign-out", post(sign_in::sign_out))
        .route("/console/requests/{id}/{action}", post(act::act))
        .route(
            "/console/requests/{id}/tasks/{task}/complete",
            post(tasks::complete).layer(DefaultBodyLimit::max(TASK_FORM_LIMIT)),
        )
        .route(
            "/console/requests/{id}/evidence/{file}",
            get(tasks::evidence),
        )
        .route(
            "/console/requests/{id}/evidence.zip",
            get(reports::evidence),
        )
        .route("/console/reports/ccpa", get(reports::ccpa))
        .route("/console/reports/deadlines", get(reports::deadlines))
        .route("/console/jobs/{id}/retry", post(tasks::retry_job))
        .route("/console/bulk/{action}", post(bulk::apply))
        .route("/console/admin/staff/disable", post(admin::disable_staff))
        .route("/console/admin/{area}", post(admin::create))
        .route("/console/admin/{area}/{name}/{action}", post(admin::change))
}
