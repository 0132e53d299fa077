//! Data passed between the server and the browser. Plain data, no behaviour.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    DenialReason, ExtensionReason, MessageAuthor, RequestKind, RequestStatus,
    evidence::EvidenceType, filing::Particulars,
};

/// One of the person's requests, as shown on their privacy page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestSummary {
    /// The request's public id.
    pub id: String,
    /// What was asked for.
    pub kind: RequestKind,
    /// Where it is now.
    pub status: RequestStatus,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The date the law says it must be answered by, in the jurisdiction's legal time zone
    /// (the extended date once an extension is taken).
    pub due_on: Option<NaiveDate>,
    /// When it reached a terminal state, if it has.
    pub closed_at: Option<DateTime<Utc>>,
    /// Until when the person can download their export package, while they can.
    pub download_until: Option<DateTime<Utc>>,
}

/// One change of a consent choice, such as switching the training opt-out on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentChange {
    /// `true` when the person opted out, `false` when they opted back in.
    pub opted_out: bool,
    /// When the choice took effect.
    pub effective_at: DateTime<Utc>,
}

/// Everything the "Your privacy" page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrivacyOverview {
    /// Whether the person's content is currently excluded from AI training.
    pub training_opted_out: bool,
    /// Changes to that choice, newest first.
    pub training_history: Vec<ConsentChange>,
    /// The person's requests, newest first.
    pub requests: Vec<RequestSummary>,
    /// Where the person said they live (an ISO 3166 code), if they have.
    pub jurisdiction: Option<String>,
}

/// What the page for filing a request of one kind tells the person before they file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilingPreview {
    /// Where the person said they live; `None` until they say (it is never guessed).
    pub jurisdiction: Option<String>,
    /// The law that applies there, such as `GDPR`, once the place is known.
    pub regime: Option<String>,
    /// The date we must reply by if they file today, in the law's time zone.
    pub reply_by: Option<NaiveDate>,
    /// Why this kind cannot be filed under that law, if it cannot.
    pub unavailable: Option<String>,
}

/// One step of a request's life, read from its audit chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// We received it.
    Received,
    /// We are waiting for the person to prove who they are.
    AwaitingVerification,
    /// Their identity is established.
    Verified,
    /// A member of staff must look at it first.
    PendingApproval,
    /// A deletion waits until `until`, while the person can still cancel it.
    GracePeriod {
        /// When the grace period ends.
        until: DateTime<Utc>,
    },
    /// It went out to `systems` data systems.
    SentToSystems {
        /// How many systems got it.
        systems: u32,
    },
    /// Being carried out.
    InProgress,
    /// Paused.
    OnHold,
    /// The reply date was extended, as the law allows.
    Extended {
        /// The new reply date.
        reply_by: Option<NaiveDate>,
        /// Why, as given when extending.
        reason: Option<ExtensionReason>,
    },
    /// The legal clock was paused or started again (waiting for the person).
    ClockChanged,
    /// The export file is ready.
    ExportReady,
    /// The export file was issued again.
    ExportReissued,
    /// Carrying it out failed; it will be retried.
    Failed,
    /// Done.
    Completed,
    /// Refused.
    Denied,
    /// Withdrawn.
    Canceled,
    /// The person's identity was erased after their deletion.
    IdentityErased,
    /// An authorized agent filed it for the person, who is asked to confirm it.
    FiledByAgent,
}

/// A dated step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    pub step: Step,
}

/// Where a request's export file stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExportState {
    /// Being built; the person is e-mailed when it is ready.
    Preparing,
    /// Ready to download until `until`.
    Ready {
        /// When the link stops working.
        until: DateTime<Utc>,
    },
    /// The link expired; the person can ask for it again.
    Expired,
}

/// How a denied request can be contested.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AppealRoute {
    /// The law gives a right of appeal: filed today, it would be decided by `decide_by`.
    Open {
        /// The date we must decide an appeal filed today by.
        decide_by: NaiveDate,
    },
    /// An appeal was filed.
    Filed {
        /// The appeal's request id.
        id: String,
    },
    /// This was itself an appeal: the person can complain to their attorney general.
    AttorneyGeneral,
    /// The law gives no appeal to us, but a complaint to a data-protection supervisory
    /// authority and a remedy in the courts (GDPR Art 12(4), 77 and 79).
    Authority,
    /// No law we know of where the person lives gives a right to contest it with us.
    NoAppeal,
}

/// Why a request was denied, and what the person can do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Denial {
    /// The reason code.
    pub reason: DenialReason,
    /// What staff wrote, if it was kept.
    pub message: Option<String>,
    /// How to contest it.
    pub route: AppealRoute,
}

/// Everything the status page of one request shows its owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestPage {
    /// The request's dates and status.
    pub summary: RequestSummary,
    /// The law that applies, such as `GDPR`.
    pub regime: String,
    /// How the reply date was reached, step by step.
    pub why_this_date: Vec<String>,
    /// What happened so far, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// Data systems that finished their part.
    pub systems_done: u32,
    /// Data systems that have a part.
    pub systems_total: u32,
    /// Whether the person can still cancel it.
    pub can_cancel: bool,
    /// Whether the reply date was extended.
    pub extended: bool,
    /// The export file, for the kinds that produce one once they are done.
    pub export: Option<ExportState>,
    /// Why it was denied, if it was.
    pub denial: Option<Denial>,
    /// What the person wrote when filing, for the kinds that ask.
    pub particulars: Option<Particulars>,
    /// Messages between the person and the privacy team, oldest first.
    pub messages: Vec<Message>,
    /// The files the person attached when filing.
    pub evidence: Vec<EvidenceItem>,
}

/// A file attached to a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// Its id, for its download link.
    pub id: String,
    /// The name it was attached with.
    pub name: String,
    /// What it holds.
    pub media_type: EvidenceType,
    /// Its size in bytes.
    pub size: u64,
}

/// A message about a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// When it was written.
    pub at: DateTime<Utc>,
    /// Who wrote it.
    pub author: MessageAuthor,
    /// What it says.
    pub body: String,
}

/// An agent's request as the consumer's confirmation link shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentRequest {
    /// The request's id.
    pub id: String,
    /// What the agent asked for.
    pub kind: RequestKind,
    /// The agent's e-mail address, so the person knows who acted for them.
    pub agent: String,
    /// When it was filed.
    pub received_at: DateTime<Utc>,
    /// When it expires unless confirmed.
    pub confirm_by: Option<DateTime<Utc>>,
    /// Where it stands.
    pub state: AgentRequestState,
}

/// Where an agent's request stands for the person it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgentRequestState {
    /// Waiting for them to confirm or decline.
    Waiting,
    /// They confirmed it: it is being carried out.
    Confirmed,
    /// They declined it: nothing was done.
    Declined,
    /// Nobody confirmed it in time: nothing was done.
    Expired,
    /// The privacy team declined it (the person's status page says why).
    Denied,
}
