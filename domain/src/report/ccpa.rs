//! The CCPA §7102 metrics: the categories requests are counted in, and one year's lines.

use serde::{Deserialize, Serialize};

use super::DayCounts;
use crate::{DenialReason, RequestKind, string_enum::string_enum};

string_enum! {
    /// The §7102 request categories (11 CCR §7102(a)(1)).
    CcpaCategory, "category" {
        /// Requests to know: access and export.
        Know => "know",
        /// Requests to delete.
        Delete => "delete",
        /// Requests to correct.
        Correct => "correct",
        /// Requests to opt out of sale or sharing.
        OptOut => "opt_out",
        /// Requests to limit the use of sensitive personal information.
        Limit => "limit",
    }
}

impl CcpaCategory {
    /// The category a request kind is counted in; `None` for kinds §7102 does not name (an
    /// AI-training opt-out, a removal from outputs, an appeal).
    pub fn of(kind: RequestKind) -> Option<Self> {
        match kind {
            RequestKind::Access | RequestKind::Export => Some(Self::Know),
            RequestKind::Delete => Some(Self::Delete),
            RequestKind::Correct => Some(Self::Correct),
            RequestKind::OptOutSale => Some(Self::OptOut),
            RequestKind::LimitSensitive => Some(Self::Limit),
            RequestKind::OptOutTraining | RequestKind::RemoveFromOutputs | RequestKind::Appeal => {
                None
            }
        }
    }
}

/// The CCPA §7102 metrics for one calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CcpaReport {
    /// The calendar year, counted in California's time (America/Los_Angeles).
    pub year: i32,
    /// One row per §7102 category, in the regulation's order.
    pub rows: Vec<CcpaRow>,
}

/// One category's line of the §7102 metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CcpaRow {
    /// The category.
    pub category: CcpaCategory,
    /// Requests received in the year.
    pub received: u64,
    /// Complied with in whole or in part (completed).
    pub complied: u64,
    /// Denied, in all.
    pub denied: u64,
    /// Denied, by reason, in the reasons' order; reasons with none are listed with 0.
    pub denied_by_reason: Vec<(DenialReason, u64)>,
    /// Withdrawn by the person, or closed without an answer.
    pub withdrawn: u64,
    /// Still open when the report was made.
    pub pending: u64,
    /// Days to a substantive response (complied or denied): how many were answered, and the
    /// median and mean.
    pub days: DayCounts,
}
