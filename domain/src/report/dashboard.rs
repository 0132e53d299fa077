//! The deadline dashboard's figures.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{DayCounts, LegalRegime};
use crate::{ExtensionReason, PauseReason, RequestKind};

/// How many open requests are close to or past their deadline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DueCounts {
    /// Past their deadline.
    pub overdue: u64,
    /// Due within the next 24 hours.
    pub today: u64,
    /// Due within the next 7 days (today's included).
    pub week: u64,
    /// Due within 3 days and waiting on someone (not being carried out by the systems).
    pub at_risk: u64,
}

/// Deadlines met and missed in one group (a month, a regime or a kind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rate<K> {
    /// The group.
    pub key: K,
    /// Answered by the deadline.
    pub met: u64,
    /// Answered late, or overdue and not answered.
    pub missed: u64,
}

impl<K> Rate<K> {
    /// The share met, in per mille (so it is exact in integers); `None` with nothing decided.
    pub fn per_mille(&self) -> Option<u64> {
        let total = self.met + self.missed;
        (total > 0).then(|| (self.met * 1000 + total / 2) / total)
    }
}

/// The deadline dashboard: requests received in a period, and the queue as it stands now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// When it was counted.
    pub at: DateTime<Utc>,
    /// The first month counted (its first day, UTC).
    pub from: NaiveDate,
    /// The day after the period (UTC).
    pub to: NaiveDate,
    /// Open requests by how close their deadline is.
    pub due: DueCounts,
    /// On-time rate by month of receipt (`YYYY-MM`, UTC), oldest first.
    pub by_month: Vec<Rate<String>>,
    /// On-time rate by regime.
    pub by_regime: Vec<Rate<LegalRegime>>,
    /// On-time rate by kind.
    pub by_kind: Vec<Rate<RequestKind>>,
    /// Days to respond, over requests answered.
    pub days: DayCounts,
    /// Days to respond by regime.
    pub days_by_regime: Vec<(LegalRegime, DayCounts)>,
    /// Extensions taken, by reason (`None`: not recorded, before reasons were kept).
    pub extensions: Vec<(Option<ExtensionReason>, u64)>,
    /// Clock pauses by the reason of each request's last pause (`None`: not recorded).
    pub pauses: Vec<(Option<PauseReason>, PauseUse)>,
}

/// Clock pauses used in a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PauseUse {
    /// Requests paused at least once.
    pub requests: u64,
    /// Pauses in all.
    pub pauses: u64,
    /// Days paused in all.
    pub days: u64,
}
