//! What the staff console's pages show, passed from the server to the page. Plain data.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{DenialReason, RequestKind, RequestStatus, StaffRole, TaskState, dto::EvidenceItem};

/// How close a request is to its reply date: what the queue colours it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Risk {
    /// Past its reply date.
    Overdue,
    /// Due within 3 days.
    Within3,
    /// Due within 7 days.
    Within7,
    /// Further off, closed, or without a date.
    Calm,
}

impl Risk {
    /// The risk of a request due at `due`, seen at `now`; closed requests are calm.
    pub fn of(due: Option<DateTime<Utc>>, closed: bool, now: DateTime<Utc>) -> Self {
        match due {
            _ if closed => Self::Calm,
            Some(due) if due < now => Self::Overdue,
            Some(due) if due < now + chrono::Duration::days(3) => Self::Within3,
            Some(due) if due < now + chrono::Duration::days(7) => Self::Within7,
            _ => Self::Calm,
        }
    }

    /// The CSS class the queue's row carries.
    pub fn class(self) -> &'static str {
        match self {
            Self::Overdue => "risk-overdue",
            Self::Within3 => "risk-3",
            Self::Within7 => "risk-7",
            Self::Calm => "risk-calm",
        }
    }
}

/// One row of the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueRow {
    /// The request's id.
    pub id: String,
    /// What was asked for.
    pub kind: RequestKind,
    /// Where it stands.
    pub status: RequestStatus,
    /// The jurisdiction code.
    pub jurisdiction: String,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// When the reply is due.
    pub due_at: Option<DateTime<Utc>>,
    /// How close that is.
    pub risk: Risk,
    /// The address of the member of staff working it.
    pub assignee: Option<String>,
}

/// A saved view of the queue and how many requests it holds now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewCount {
    /// Which view.
    pub view: SavedView,
    /// Its query string.
    pub query: String,
    /// How many requests it holds.
    pub count: u64,
}

/// The queue's saved views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavedView {
    /// Every open request past verification.
    Open,
    /// Past the reply date.
    Overdue,
    /// Due within 3 days.
    DueSoon,
    /// Waiting for staff to approve.
    PendingApproval,
    /// Assigned to the member of staff looking.
    Mine,
}

/// One page of the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    /// The rows, earliest deadline first.
    pub rows: Vec<QueueRow>,
    /// The cursor of the next page, when there is one.
    pub next: Option<String>,
    /// The saved views with their counts.
    pub views: Vec<ViewCount>,
    /// Operations health, in counts.
    pub health: HealthCounts,
}

/// What needs an operator's eye outside the queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthCounts {
    /// Tasks that failed.
    pub failed_tasks: u64,
    /// Jobs that failed for good.
    pub dead_jobs: u64,
    /// Data systems whose circuit is open.
    pub open_circuits: u64,
    /// Requests still in progress past their reply date.
    pub stuck: u64,
}

/// A member of staff, as the console shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffView {
    /// Their id.
    pub id: String,
    /// Their work address.
    pub email: String,
    /// Their role.
    pub role: StaffRole,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// Whether sign-in asks for a TOTP code.
    pub totp: bool,
}

/// One data system's part of a request, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRow {
    /// The task's id.
    pub id: String,
    /// The data system's name.
    pub system: String,
    /// Whether a person does it by hand.
    pub manual: bool,
    /// Where it stands.
    pub state: TaskState,
    /// Deliveries tried.
    pub deliveries: i32,
    /// The last error, when there was one.
    pub last_error: Option<String>,
}

/// An entry of a request's audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainEntry {
    /// Its place in the chain.
    pub seq: i32,
    /// When.
    pub at: DateTime<Utc>,
    /// What, as the stored name.
    pub action: String,
    /// Who, as the stored name.
    pub actor: String,
    /// The status moved from and to, when it moved.
    pub change: Option<(String, String)>,
    /// The structured detail, as stored JSON.
    pub detail: String,
}

/// A note or message on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    /// When.
    pub at: DateTime<Utc>,
    /// Who wrote it: a member of staff's address, or the person.
    pub author: String,
    /// Whether the person wrote it (messages only).
    pub from_person: bool,
    /// The words.
    pub body: String,
}

/// Everything the console's page of one request shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsoleRequest {
    /// The queue row's facts.
    pub row: QueueRow,
    /// The person's address, unless erased.
    pub email: Option<String>,
    /// How the person was verified.
    pub verified_by: VerifiedBy,
    /// The agent's address when an agent filed it.
    pub agent: Option<String>,
    /// What the person wrote when filing, when there is something.
    pub particulars: Option<crate::Particulars>,
    /// Why it was denied, when it was.
    pub denial: Option<DenialReason>,
    /// The milestones, each with its date, and the trail of how they were reached.
    pub milestones: Vec<(String, Option<DateTime<Utc>>)>,
    /// The deadline engine's trail, in English.
    pub trail: Vec<String>,
    /// The law applied.
    pub regime: String,
    /// Whether the extension was taken.
    pub extended: bool,
    /// The tasks per data system.
    pub tasks: Vec<TaskRow>,
    /// Files the person (or the agent) attached.
    pub evidence: Vec<EvidenceItem>,
    /// Internal notes, oldest first.
    pub notes: Vec<NoteView>,
    /// Messages with the person, oldest first.
    pub messages: Vec<NoteView>,
    /// The audit chain, oldest first.
    pub chain: Vec<ChainEntry>,
    /// Whether the chain verifies; the first bad `seq` when it does not.
    pub chain_broken_at: Option<i32>,
    /// Staff the request can be assigned to.
    pub staff: Vec<StaffView>,
}

/// How the person behind a request was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerifiedBy {
    /// A code mailed to their address, at sign-in.
    SignInCode,
    /// The integrator vouched, filing through the API with a key.
    ApiKey,
    /// An authorized agent filed it with the person's signed permission, and the person
    /// confirmed from a mailed link.
    Agent,
}

/// A failed task, as the health page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedTask {
    /// The task's id.
    pub task: String,
    /// Its request's id.
    pub request: String,
    /// The data system's name.
    pub system: String,
    /// Why it failed.
    pub last_error: Option<String>,
}

/// A job that failed for good, as the health page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadJob {
    /// The job's id.
    pub id: String,
    /// Its kind's name.
    pub kind: String,
    /// Attempts made.
    pub attempts: i32,
    /// The last error.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
}

/// The operations health page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthPage {
    /// The counts.
    pub counts: HealthCounts,
    /// Failed tasks, oldest first.
    pub failed_tasks: Vec<FailedTask>,
    /// Dead jobs, oldest first.
    pub dead_jobs: Vec<DeadJob>,
    /// Data systems whose circuit is open, by name.
    pub open_circuits: Vec<String>,
    /// Ids of requests in progress past their reply date, most overdue first.
    pub stuck: Vec<String>,
}

/// Who is looking at a console page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// Their address.
    pub email: String,
    /// Their role, which decides which forms the page offers (the server checks again).
    pub role: StaffRole,
}

/// A bulk action's dry run: exactly the requests applying it would change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkPreview {
    /// The action.
    pub action: crate::BulkKind,
    /// The requests it would change, earliest deadline first.
    pub rows: Vec<QueueRow>,
    /// Whether the view holds more than one bulk action may change.
    pub capped: bool,
    /// Staff the requests can be assigned to.
    pub staff: Vec<StaffView>,
}

/// What applying a bulk action did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    /// Requests changed.
    pub changed: u64,
    /// Requests that no longer qualified when it was applied, left alone.
    pub skipped: u64,
}
