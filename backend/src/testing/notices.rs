//! A notice writer for the backend's own tests. It writes each notice's facts rather than
//! words, so a test checks what the backend decided to say; the app's writer, with the
//! wording people read, is tested in the app and end to end.

use domain::{
    Language,
    dto::AppealRoute,
    notice::{Letter, Notice},
};

use crate::notices::NoticeWriter;

/// Writes the facts of each notice, one per line.
pub struct FactNotices;

impl NoticeWriter for FactNotices {
    fn write(&self, notice: &Notice, language: Language, site: &str) -> Letter {
        let text = format!("{}\nlanguage: {language}\n", facts(notice, site));
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        Letter {
            subject: format!("notice: {}", notice.name()),
            html: format!("<!DOCTYPE html><html><body><pre>{escaped}</pre></body></html>"),
            text,
        }
    }
}

fn facts(notice: &Notice, site: &str) -> String {
    match notice {
        // Alone on its line, as the app's writer puts it, for `last_code_in`.
        Notice::SignInCode { code } => format!("sign-in code:\n{code}"),
        Notice::Receipt {
            request_id,
            kind,
            reply_by,
        } => format!(
            "received: {request_id}\nkind: {kind}\nreply by: {}",
            reply_by.map_or("none".to_owned(), |d| d.to_string())
        ),
        Notice::DeletionScheduled { request_id, until } => {
            format!(
                "deletion scheduled: {request_id}\nuntil: {}",
                until.to_rfc3339()
            )
        }
        Notice::Extended {
            request_id,
            kind,
            reply_by,
            reason,
        } => format!(
            "extended: {request_id}\nkind: {kind}\nreply by: {}\nreason: {}",
            reply_by.map_or("none".to_owned(), |d| d.to_string()),
            reason.map_or("none", |r| r.as_str()),
        ),
        Notice::AgentConfirm {
            request_id,
            kind,
            agent,
            until,
            token,
        } => format!(
            "agent confirm: {request_id}\nkind: {kind}\nagent: {agent}\nuntil: {}\n\
             link: {site}/requests/{request_id}/confirm?token={token}",
            until.to_rfc3339()
        ),
        Notice::DeletionDone { request_id } => format!("deletion done: {request_id}"),
        Notice::Completed { request_id, kind } => {
            format!("completed: {request_id}\nkind: {kind}")
        }
        Notice::ExportReady { request_id, until } => format!(
            "export ready: {request_id}\nlink: {site}/exports/{request_id}\nuntil: {}",
            until.to_rfc3339()
        ),
        Notice::StaffMessage {
            request_id,
            kind,
            body,
        } => format!(
            "staff wrote about: {request_id}\nkind: {kind}\nlink: {site}/requests/{request_id}\n{body}"
        ),
        Notice::PersonWrote {
            request_id,
            kind,
            body,
        } => format!("person wrote about: {request_id}\nkind: {kind}\n{body}"),
        Notice::Denied {
            request_id,
            kind,
            received,
            reason,
            message,
            route,
        } => format!(
            "denied: {request_id}\nkind: {kind}\nreceived: {received}\nreason: {}\nroute: {}\nmessage: {}",
            reason.map_or("none", |r| r.as_str()),
            route_name(route),
            message.as_deref().unwrap_or_default(),
        ),
    }
}

fn route_name(route: &AppealRoute) -> String {
    match route {
        AppealRoute::Open { decide_by } => format!("appeal by {decide_by}"),
        AppealRoute::Filed { id } => format!("appeal filed {id}"),
        AppealRoute::AttorneyGeneral => "attorney general".to_owned(),
        AppealRoute::Authority => "supervisory authority".to_owned(),
        AppealRoute::NoAppeal => "none".to_owned(),
    }
}
