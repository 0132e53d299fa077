//! Privacy-operations staff: their roles, what each role may do, the console's actions, and
//! the queue's filters parsed from a URL's query string.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    JurisdictionCode, RequestKind, RequestStatus, ValidationError, string_enum::string_enum,
};

string_enum! {
    /// What a member of staff may do. Every console write is checked against it on the
    /// server.
    StaffRole, "role" {
        /// Works requests, and also manages staff, data systems and API keys.
        Admin => "admin",
        /// Works requests: approves, denies, assigns, pauses, extends, completes tasks.
        Operator => "operator",
        /// Reads everything and writes nothing.
        Legal => "legal",
    }
}

impl StaffRole {
    /// Whether this role may act on requests, tasks and jobs.
    pub fn works_requests(self) -> bool {
        matches!(self, Self::Admin | Self::Operator)
    }

    /// Whether this role may manage staff, data systems and API keys.
    pub fn administers(self) -> bool {
        self == Self::Admin
    }
}

string_enum! {
    /// What a member of staff did in the console, as a `justified` audit entry names it.
    StaffAction, "action" {
        /// Approved a request waiting for staff.
        Approve => "approve",
        /// Denied a request.
        Deny => "deny",
        /// Assigned a request, or took the assignment away.
        Assign => "assign",
        /// Paused the legal clock.
        Pause => "pause",
        /// Resumed the legal clock.
        Resume => "resume",
        /// Extended the reply date.
        Extend => "extend",
        /// Sent failed tasks out again.
        RetryTasks => "retry_tasks",
        /// Completed a manual task.
        CompleteTask => "complete_task",
    }
}

string_enum! {
    /// What a bulk action over a filtered view does to each request in it.
    BulkKind, "action" {
        /// Approve those waiting for staff.
        Approve => "approve",
        /// Deny those that can still be denied.
        Deny => "deny",
        /// Assign the open ones.
        Assign => "assign",
    }
}

/// The most requests one bulk action changes.
pub const BULK_MAX: u64 = 200;

/// The longest queue page.
pub const QUEUE_PAGE: u64 = 50;

/// What the queue shows, from the URL's query string: every view is a link.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// Only requests in this status; by default every open one past verification.
    pub status: Option<RequestStatus>,
    /// Only this kind.
    pub kind: Option<RequestKind>,
    /// Only this jurisdiction.
    pub jurisdiction: Option<JurisdictionCode>,
    /// Only requests assigned to this member of staff.
    pub assignee: Option<Uuid>,
    /// Only requests due within this many days (overdue ones included).
    pub due_within: Option<u16>,
    /// Only requests past their reply date.
    pub overdue: bool,
    /// A request id, or a person's address (matched through its keyed hash).
    pub q: Option<String>,
    /// Show unverified requests too.
    pub unverified: bool,
    /// The page after this (due date, id), for keyset paging.
    pub after: Option<(DateTime<Utc>, Uuid)>,
}

impl std::fmt::Debug for QueueFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueueFilter")
            .field("status", &self.status)
            .field("kind", &self.kind)
            .field("jurisdiction", &self.jurisdiction)
            .field("overdue", &self.overdue)
            .field("q", &self.q.as_ref().map(|_| "[redacted]"))
            .finish_non_exhaustive()
    }
}

impl QueueFilter {
    /// Parses the query string's pairs; an unknown value names its field.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ValidationError> {
        let mut filter = Self::default();
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let bad = |code: &'static str| ValidationError::new(field(name), code, "not a choice");
            match name {
                "status" => filter.status = Some(value.parse().map_err(|_| bad("queue.status"))?),
                "kind" => filter.kind = Some(value.parse().map_err(|_| bad("queue.kind"))?),
                "jurisdiction" => filter.jurisdiction = Some(JurisdictionCode::parse(value)?),
                "assignee" => filter.assignee = Some(value.parse().map_err(|_| bad("queue.id"))?),
                "due_within" => {
                    let days = value.parse().map_err(|_| bad("queue.days"))?;
                    filter.due_within = Some(days);
                }
                "overdue" => filter.overdue = value == "true",
                "unverified" => filter.unverified = value == "true",
                "q" => filter.q = Some(value.chars().take(320).collect()),
                "after" => filter.after = Some(parse_cursor(value).ok_or(bad("queue.after"))?),
                _ => {}
            }
        }
        Ok(filter)
    }

    /// The filter as query-string pairs, without the page cursor: the view's link.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut push = |name, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((name, value));
            }
        };
        push("status", self.status.map(|s| s.as_str().to_owned()));
        push("kind", self.kind.map(|k| k.as_str().to_owned()));
        push(
            "jurisdiction",
            self.jurisdiction.as_ref().map(|j| j.to_string()),
        );
        push("assignee", self.assignee.map(|a| a.to_string()));
        push("due_within", self.due_within.map(|d| d.to_string()));
        push("overdue", self.overdue.then(|| "true".to_owned()));
        push("unverified", self.unverified.then(|| "true".to_owned()));
        push("q", self.q.clone());
        pairs
    }
}

/// The cursor as the URL carries it: the due date's microseconds, `.`, the id.
pub fn cursor(due: DateTime<Utc>, id: Uuid) -> String {
    format!("{}.{id}", due.timestamp_micros())
}

fn parse_cursor(text: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let (micros, id) = text.split_once('.')?;
    let due = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    Some((due, id.parse().ok()?))
}

fn field(name: &str) -> &'static str {
    match name {
        "status" => "status",
        "kind" => "kind",
        "jurisdiction" => "jurisdiction",
        "assignee" => "assignee",
        "due_within" => "due_within",
        _ => "after",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_reads_back_from_its_own_link() {
        let pairs = [
            ("status", "pending_approval"),
            ("kind", "correct"),
            ("jurisdiction", "US-CA"),
            ("overdue", "true"),
            ("due_within", "7"),
        ];
        let filter = QueueFilter::parse(pairs).unwrap();
        let link = filter.to_pairs();
        let again = QueueFilter::parse(link.iter().map(|(n, v)| (*n, v.as_str()))).unwrap();
        assert_eq!(filter, again);
        assert_eq!(again.status, Some(RequestStatus::PendingApproval));
        assert!(again.overdue);
    }

    #[test]
    fn bad_values_name_their_field_and_blank_ones_are_ignored() {
        let err = QueueFilter::parse([("status", "sleeping")]).unwrap_err();
        assert_eq!(err.field, "status");
        let err = QueueFilter::parse([("due_within", "-3")]).unwrap_err();
        assert_eq!(err.field, "due_within");
        let err = QueueFilter::parse([("after", "yesterday")]).unwrap_err();
        assert_eq!(err.field, "after");
        assert_eq!(
            QueueFilter::parse([("kind", " ")]).unwrap(),
            QueueFilter::default()
        );
    }

    #[test]
    fn a_cursor_round_trips() {
        let due = DateTime::from_timestamp_micros(1_790_000_000_123_456).unwrap();
        let id = Uuid::nil();
        let text = cursor(due, id);
        assert_eq!(parse_cursor(&text), Some((due, id)));
    }

    #[test]
    fn only_admins_administer_and_legal_writes_nothing() {
        assert!(StaffRole::Admin.administers() && StaffRole::Admin.works_requests());
        assert!(StaffRole::Operator.works_requests() && !StaffRole::Operator.administers());
        assert!(!StaffRole::Legal.works_requests() && !StaffRole::Legal.administers());
    }
}
