//! Data passed between the server and the browser. Plain data, no behaviour.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{RequestKind, RequestStatus};

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
