//! What Legal reads: the deadline dashboard, the CCPA §7102 metrics and the deadline report,
//! as plain data passed from the backend to the console and the command line. How each
//! number is counted is decided here, once, so every output agrees.

pub mod csv;
mod stats;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use stats::DayCounts;

use crate::{
    DenialReason, ExtensionReason, JurisdictionCode, PauseReason, RequestKind, RequestStatus,
    deadline::{legal_time_zone, regime_of},
    string_enum::string_enum,
};

string_enum! {
    /// The family of law a jurisdiction's deadline comes from, as reports group them.
    LegalRegime, "regime" {
        /// EU GDPR, also applied in the EEA.
        Gdpr => "gdpr",
        /// UK GDPR.
        UkGdpr => "uk_gdpr",
        /// California's CCPA/CPRA.
        Ccpa => "ccpa",
        /// Another US state's privacy law.
        UsState => "us_state",
        /// Brazil's LGPD.
        Lgpd => "lgpd",
        /// Canada's PIPEDA.
        Pipeda => "pipeda",
        /// Québec's Law 25.
        Law25 => "law25",
        /// No statutory deadline known: the deployment's default period.
        Other => "other",
    }
}

impl LegalRegime {
    /// The regime of a stored jurisdiction code; `Other` if it no longer parses.
    pub fn of_code(code: &str) -> Self {
        JurisdictionCode::parse(code).map_or(Self::Other, |j| regime_of(&j))
    }
}

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

string_enum! {
    /// How a request stands against its deadline.
    Outcome, "outcome" {
        /// Answered (completed or denied) by its deadline.
        OnTime => "on_time",
        /// Answered after its deadline.
        Late => "late",
        /// Not answered, and its deadline has passed.
        Overdue => "overdue",
        /// Not answered, and still within its deadline.
        Open => "open",
        /// Withdrawn by the person or closed without an answer.
        Canceled => "canceled",
    }
}

impl Outcome {
    /// The outcome of a request in `status`, closed at `closed`, due at `due`, seen at `now`.
    /// A request answered with no deadline is on time; one that was never answered and has
    /// no deadline is open.
    pub fn of(
        status: RequestStatus,
        closed: Option<DateTime<Utc>>,
        due: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Self {
        let met = closed.zip(due).map(|(at, due)| at <= due);
        let past = due.map(|due| due < now);
        Self::from_parts(status, met, past)
    }

    /// The same, from what a database counts by: whether it closed by its deadline (`None`
    /// when it has not closed or has none) and whether the deadline has passed (`None`
    /// without one). A closed request is one in a terminal status.
    pub fn from_parts(status: RequestStatus, met: Option<bool>, past: Option<bool>) -> Self {
        match status {
            RequestStatus::Completed | RequestStatus::Denied => match met {
                Some(false) => Self::Late,
                _ => Self::OnTime,
            },
            RequestStatus::Canceled => Self::Canceled,
            _ if past == Some(true) => Self::Overdue,
            _ => Self::Open,
        }
    }

    /// Whether the deadline has been settled one way or the other (what rates count).
    pub fn is_decided(self) -> bool {
        matches!(self, Self::OnTime | Self::Late | Self::Overdue)
    }
}

/// Calendar days from the date a request was received to the date it was answered, both in
/// the law's time zone, the day of receipt not counted and the last day counted (Cal. Civ.
/// Code §10; Regulation 1182/71 counts the same way): an answer on the day of receipt took
/// 0 days.
pub fn response_days(
    jurisdiction: &JurisdictionCode,
    received: DateTime<Utc>,
    answered: DateTime<Utc>,
) -> i32 {
    let tz = legal_time_zone(jurisdiction);
    let from = received.with_timezone(&tz).date_naive();
    let to = answered.with_timezone(&tz).date_naive();
    i32::try_from((to - from).num_days()).unwrap_or(i32::MAX)
}

/// The instants a calendar year runs between in `jurisdiction`'s legal time zone: from its
/// first midnight (inclusive) to the next year's (exclusive). `None` for a year chrono cannot
/// represent.
pub fn year_in(
    jurisdiction: &JurisdictionCode,
    year: i32,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let tz = legal_time_zone(jurisdiction);
    let start = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|t| t.and_local_timezone(tz).earliest())
            .map(|t| t.with_timezone(&Utc))
    };
    Some((start(year)?, start(year.checked_add(1)?)?))
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

string_enum! {
    /// How a report is written out.
    ReportFormat, "format" {
        /// Comma-separated values, one line per row, with a header line.
        Csv => "csv",
        /// JSON.
        Json => "json",
        /// A standalone HTML page (the §7102 metrics only).
        Html => "html",
    }
}

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
