//! What a mail to a person (or to the privacy team) says, as facts: the backend decides when
//! to send which notice, and the app words it in the reader's language. A [`Letter`] is the
//! worded mail.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{DenialReason, ExtensionReason, RequestKind, dto::AppealRoute};

/// One notice, with the facts its wording needs. Request ids are for links and references.
#[derive(Clone, PartialEq)]
pub enum Notice {
    /// The one-time code that signs someone in.
    SignInCode {
        /// The six digits.
        code: String,
    },
    /// An authorized agent filed a request for the person: confirm or decline it.
    AgentConfirm {
        /// The request.
        request_id: String,
        /// What the agent asked for.
        kind: RequestKind,
        /// The agent's address.
        agent: String,
        /// When the request expires unless confirmed.
        until: DateTime<Utc>,
        /// The secret of the confirmation link.
        token: String,
    },
    /// A request was received.
    Receipt {
        /// The request.
        request_id: String,
        /// Its kind.
        kind: RequestKind,
        /// The legal reply date, where the law sets one.
        reply_by: Option<NaiveDate>,
    },
    /// A deletion was received: nothing is deleted until its grace period ends, and it can
    /// be canceled until then.
    DeletionScheduled {
        /// The request.
        request_id: String,
        /// When the grace period ends.
        until: DateTime<Utc>,
    },
    /// The reply date of a request was extended, as the law allows.
    Extended {
        /// The request.
        request_id: String,
        /// Its kind.
        kind: RequestKind,
        /// The new reply date.
        reply_by: Option<NaiveDate>,
        /// Why.
        reason: Option<ExtensionReason>,
    },
    /// A request was carried out.
    Completed {
        /// The request.
        request_id: String,
        /// Its kind.
        kind: RequestKind,
    },
    /// A deletion was carried out everywhere: the last mail to the address before it is
    /// erased.
    DeletionDone {
        /// The request.
        request_id: String,
    },
    /// An access or export request's file is ready to download.
    ExportReady {
        /// The request.
        request_id: String,
        /// When the download link stops working.
        until: DateTime<Utc>,
    },
    /// The privacy team wrote about a request.
    StaffMessage {
        /// The request.
        request_id: String,
        /// Its kind.
        kind: RequestKind,
        /// What they wrote.
        body: String,
    },
    /// The person answered about a request: mailed to the privacy team.
    PersonWrote {
        /// The request.
        request_id: String,
        /// Its kind.
        kind: RequestKind,
        /// What they wrote.
        body: String,
    },
    /// A request was declined.
    Denied {
        /// The request.
        request_id: String,
        /// Its kind.
        kind: RequestKind,
        /// When it was received.
        received: NaiveDate,
        /// Why, where a reason was given.
        reason: Option<DenialReason>,
        /// What staff wrote.
        message: Option<String>,
        /// How the person can contest it.
        route: AppealRoute,
    },
}

impl Notice {
    /// The notice's name, for logs: never its facts, which hold personal data.
    pub fn name(&self) -> &'static str {
        match self {
            Self::SignInCode { .. } => "sign_in_code",
            Self::AgentConfirm { .. } => "agent_confirm",
            Self::Receipt { .. } => "receipt",
            Self::DeletionScheduled { .. } => "deletion_scheduled",
            Self::Extended { .. } => "extended",
            Self::Completed { .. } => "completed",
            Self::DeletionDone { .. } => "deletion_done",
            Self::ExportReady { .. } => "export_ready",
            Self::StaffMessage { .. } => "staff_message",
            Self::PersonWrote { .. } => "person_wrote",
            Self::Denied { .. } => "denied",
        }
    }
}

impl std::fmt::Debug for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Notice::{}(..)", self.name())
    }
}

/// A worded mail: its subject, and its body as plain text and as HTML.
#[derive(Clone, PartialEq, Eq)]
pub struct Letter {
    /// The subject line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part: a whole document.
    pub html: String,
}

impl std::fmt::Debug for Letter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Letter(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::Notice;

    #[test]
    fn debug_shows_the_kind_of_notice_and_none_of_its_facts() {
        let notice = Notice::SignInCode {
            code: "123456".into(),
        };
        assert_eq!(format!("{notice:?}"), "Notice::sign_in_code(..)");
    }
}
