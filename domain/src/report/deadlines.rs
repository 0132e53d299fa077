//! The deadline report: which requests it lists, and one line of it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{LegalRegime, Outcome};
use crate::{ExtensionReason, RequestKind, RequestStatus};

impl DeadlineFilter {
    /// Parses the filter's fields as the console's query and the command line's flags give
    /// them (names as in [`DeadlineFilter`], dates as `YYYY-MM-DD`); empty means unset.
    pub fn parse(
        regime: Option<&str>,
        kind: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        outcome: Option<&str>,
    ) -> Result<Self, crate::ValidationError> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let date = |field: &'static str, v: Option<&str>| {
            given(v)
                .map(|v| {
                    NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                        crate::ValidationError::new(
                            field,
                            "date.invalid",
                            format!("{v:?} is not a date like 2026-01-31"),
                        )
                    })
                })
                .transpose()
        };
        let filter = Self {
            regime: given(regime).map(str::parse).transpose()?,
            kind: given(kind).map(str::parse).transpose()?,
            from: date("from", from)?,
            to: date("to", to)?,
            outcome: given(outcome).map(str::parse).transpose()?,
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            return Err(crate::ValidationError::new(
                "to",
                "period.invalid",
                "the period ends before it starts",
            ));
        }
        Ok(filter)
    }
}

/// Which requests the deadline report lists. Every field narrows; none lists everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeadlineFilter {
    /// Only this regime.
    pub regime: Option<LegalRegime>,
    /// Only this kind.
    pub kind: Option<RequestKind>,
    /// Received on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Received before the end of this day (UTC).
    pub to: Option<NaiveDate>,
    /// Only this outcome.
    pub outcome: Option<Outcome>,
}

/// One request in the deadline report. Holds no personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineRow {
    /// The request's id.
    pub id: String,
    /// Its jurisdiction code.
    pub jurisdiction: String,
    /// The regime.
    pub regime: LegalRegime,
    /// What was asked for.
    pub kind: RequestKind,
    /// Where it stands.
    pub status: RequestStatus,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The deadline in force (the extended one once extended).
    pub due_at: Option<DateTime<Utc>>,
    /// Whether it was extended.
    pub extended: bool,
    /// Why, if recorded.
    pub extension_reason: Option<ExtensionReason>,
    /// How many times its clock was paused.
    pub pauses: i32,
    /// Days paused in all.
    pub paused_days: i32,
    /// When it closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// Days to the answer ([`response_days`]).
    pub response_days: Option<i32>,
    /// How it stands against its deadline.
    pub outcome: Outcome,
}

impl DeadlineRow {
    /// The CSV header, matching [`Self::csv_fields`].
    pub const CSV_HEADER: [&'static str; 14] = [
        "id",
        "jurisdiction",
        "regime",
        "kind",
        "status",
        "received_at",
        "due_at",
        "extended",
        "extension_reason",
        "pauses",
        "paused_days",
        "closed_at",
        "response_days",
        "outcome",
    ];

    /// The row's fields as CSV text, in [`Self::CSV_HEADER`]'s order. None holds a comma,
    /// a quote or free text.
    pub fn csv_fields(&self) -> [String; 14] {
        let time = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
        [
            self.id.clone(),
            self.jurisdiction.clone(),
            self.regime.to_string(),
            self.kind.to_string(),
            self.status.to_string(),
            self.received_at.to_rfc3339(),
            time(self.due_at),
            self.extended.to_string(),
            self.extension_reason
                .map(|r| r.to_string())
                .unwrap_or_default(),
            self.pauses.to_string(),
            self.paused_days.to_string(),
            time(self.closed_at),
            self.response_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            self.outcome.to_string(),
        ]
    }
}
