//! What Legal reads: the deadline dashboard, the CCPA §7102 metrics and the deadline report,
//! as plain data passed from the backend to the console and the command line. How each
//! number is counted is decided here, once, so every output agrees.

mod ccpa;
pub mod csv;
mod dashboard;
mod deadlines;
mod stats;

use chrono::{DateTime, NaiveDate, Utc};

pub use ccpa::{CcpaCategory, CcpaReport, CcpaRow};
pub use dashboard::{Dashboard, DueCounts, PauseUse, Rate};
pub use deadlines::{DeadlineFilter, DeadlineRow};
pub use stats::DayCounts;

use crate::{
    JurisdictionCode, RequestStatus,
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
