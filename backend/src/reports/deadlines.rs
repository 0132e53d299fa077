//! The deadline report: one line per request received in a period, with its deadline, what
//! moved it and how it stood against it, read in pages so a million lines stream out in
//! constant memory.

use chrono::{DateTime, Utc};
use domain::{
    ExtensionReason, RequestKind, RequestStatus,
    report::{DeadlineFilter, DeadlineRow, LegalRegime, Outcome, csv},
};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    prelude::Uuid,
};

use crate::{Backend, Result, entities::request};

/// Where the next page starts: after this receipt time and id.
pub type DeadlineCursor = (DateTime<Utc>, Uuid);

/// A page of the report, and where the next starts (`None`: this was the last).
pub struct DeadlinePage {
    /// The lines that pass the filter.
    pub rows: Vec<DeadlineRow>,
    /// The cursor to pass for the next page.
    pub next: Option<DeadlineCursor>,
}

/// The columns one line needs, none of them personal.
#[derive(FromQueryResult)]
struct Line {
    id: Uuid,
    jurisdiction: String,
    kind: RequestKind,
    status: RequestStatus,
    received_at: DateTime<Utc>,
    due_at: Option<DateTime<Utc>>,
    extended: bool,
    extension_reason: Option<ExtensionReason>,
    pauses: i32,
    paused_days: i32,
    closed_at: Option<DateTime<Utc>>,
    response_days: Option<i32>,
}

impl Backend {
    /// Up to `limit` requests after `after` in receipt order, as lines of the report at
    /// `now`. Regime and outcome are judged here, so a page may hold fewer lines than it
    /// read; keep going while `next` is `Some`.
    pub async fn deadline_report_page(
        &self,
        filter: &DeadlineFilter,
        after: Option<DeadlineCursor>,
        limit: u64,
        now: DateTime<Utc>,
    ) -> Result<DeadlinePage> {
        use request::Column as C;
        let mut select = request::Entity::find().select_only().columns([
            C::Id,
            C::Jurisdiction,
            C::Kind,
            C::Status,
            C::ReceivedAt,
            C::DueAt,
            C::Extended,
            C::ExtensionReason,
            C::Pauses,
            C::PausedDays,
            C::ClosedAt,
            C::ResponseDays,
        ]);
        if let Some(kind) = filter.kind {
            select = select.filter(C::Kind.eq(kind));
        }
        if let Some(from) = filter.from.and_then(|d| d.and_hms_opt(0, 0, 0)) {
            select = select.filter(C::ReceivedAt.gte(from.and_utc()));
        }
        if let Some(to) = filter.to.and_then(|d| d.succ_opt()?.and_hms_opt(0, 0, 0)) {
            select = select.filter(C::ReceivedAt.lt(to.and_utc()));
        }
        if let Some((at, id)) = after {
            // The range on `received_at` alone lets the index start at the cursor; the rest
            // only breaks ties.
            select = select
                .filter(C::ReceivedAt.gte(at))
                .filter(Condition::any().add(C::ReceivedAt.gt(at)).add(C::Id.gt(id)));
        }
        let lines: Vec<Line> = select
            .order_by_asc(C::ReceivedAt)
            .order_by_asc(C::Id)
            .limit(limit)
            .into_model::<Line>()
            .all(self.db())
            .await?;
        let full = u64::try_from(lines.len()).unwrap_or(u64::MAX) >= limit;
        let next = lines.last().filter(|_| full).map(|l| (l.received_at, l.id));
        let rows = lines
            .into_iter()
            .map(|line| row(line, now))
            .filter(|row| filter.regime.is_none_or(|r| r == row.regime))
            .filter(|row| filter.outcome.is_none_or(|o| o == row.outcome))
            .collect();
        Ok(DeadlinePage { rows, next })
    }
}

fn row(line: Line, now: DateTime<Utc>) -> DeadlineRow {
    DeadlineRow {
        id: line.id.to_string(),
        regime: LegalRegime::of_code(&line.jurisdiction),
        jurisdiction: line.jurisdiction,
        kind: line.kind,
        status: line.status,
        received_at: line.received_at,
        due_at: line.due_at,
        extended: line.extended,
        extension_reason: line.extension_reason,
        pauses: line.pauses,
        paused_days: line.paused_days,
        closed_at: line.closed_at,
        response_days: line.response_days,
        outcome: Outcome::of(line.status, line.closed_at, line.due_at, now),
    }
}

/// Writes the deadline report out page by page, as CSV (a header, then a line per request)
/// or as one JSON array, so the command line and the console stream the same text.
#[derive(Debug)]
pub struct DeadlineWriter {
    json: bool,
    written: u64,
}

impl DeadlineWriter {
    /// A writer of JSON (`json`) or CSV.
    pub fn new(json: bool) -> Self {
        Self { json, written: 0 }
    }

    /// What comes before the first line: the CSV header, or `[`.
    pub fn start(&self) -> String {
        if self.json {
            "[".to_owned()
        } else {
            csv::deadline_header()
        }
    }

    /// The text of `rows`, the next lines of the report.
    pub fn lines(&mut self, rows: &[DeadlineRow]) -> String {
        let mut text = String::new();
        for row in rows {
            if self.json {
                text.push_str(if self.written == 0 { "\n" } else { ",\n" });
                // A row of strings, numbers and enums always serializes.
                text.push_str(&serde_json::to_string(row).unwrap_or_default());
            } else {
                text.push_str(&csv::deadline_line(row));
            }
            self.written += 1;
        }
        text
    }

    /// What closes the report: the end of the JSON array, or nothing.
    pub fn end(&self) -> &'static str {
        if self.json { "\n]\n" } else { "" }
    }

    /// How many lines have been written.
    pub fn written(&self) -> u64 {
        self.written
    }
}
