//! The deadline dashboard: the open queue by how close its deadlines are, and, for requests
//! received in the last twelve months, the on-time rate by month, regime and kind, days to
//! respond, and the extensions and pauses used.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use domain::{
    ExtensionReason, PauseReason, RequestKind, RequestStatus,
    report::{Dashboard, DayCounts, DueCounts, LegalRegime, Outcome, PauseUse, Rate},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QuerySelect, sea_query::Expr,
};

use crate::{Backend, Result, entities::request};

/// Months the dashboard looks back over, the current one included.
const MONTHS: u32 = 12;

/// A month's group: jurisdiction, kind, status, closed by its deadline, deadline passed,
/// days to answer, count.
type Group = (
    String,
    RequestKind,
    RequestStatus,
    Option<bool>,
    Option<bool>,
    Option<i32>,
    i64,
);

/// An open group: status, overdue, due within a day, due within 3 days, count.
type DueGroup = (RequestStatus, Option<bool>, Option<bool>, Option<bool>, i64);

/// Paused requests by reason: the reason, requests, pauses, days.
type PauseGroup = (Option<PauseReason>, i64, Option<i64>, Option<i64>);

/// What the period's months add up to, before it is sorted into the dashboard.
#[derive(Default)]
struct Tally {
    by_month: Vec<Rate<String>>,
    by_regime: BTreeMap<LegalRegime, (u64, u64)>,
    by_kind: BTreeMap<RequestKind, (u64, u64)>,
    days: DayCounts,
    days_by_regime: BTreeMap<LegalRegime, DayCounts>,
}

impl Backend {
    /// The dashboard as it stands now.
    pub async fn deadline_dashboard(&self) -> Result<Dashboard> {
        let now = self.now();
        let months = month_starts(now);
        let mut tally = Tally::default();
        for pair in months.windows(2) {
            let groups = month_groups(self.db(), pair[0], pair[1], now).await?;
            tally.add_month(pair[0], &groups);
        }
        let (from, to) = (months[0], months[months.len() - 1]);
        Ok(Dashboard {
            at: now,
            from: from.date_naive(),
            to: to.date_naive(),
            due: due_counts(self.db(), now).await?,
            by_month: tally.by_month,
            by_regime: rates(tally.by_regime),
            by_kind: rates(tally.by_kind),
            days: tally.days,
            days_by_regime: tally.days_by_regime.into_iter().collect(),
            extensions: extensions(self.db(), from, to).await?,
            pauses: pauses(self.db(), from, to).await?,
        })
    }
}

impl Tally {
    fn add_month(&mut self, start: DateTime<Utc>, groups: &[Group]) {
        let mut month = Rate {
            key: format!("{:04}-{:02}", start.year(), start.month()),
            met: 0,
            missed: 0,
        };
        for (place, kind, status, met, past, days, n) in groups {
            let n = u64::try_from(*n).unwrap_or(0);
            let regime = LegalRegime::of_code(place);
            let outcome = Outcome::from_parts(*status, *met, *past);
            let (hit, miss) = match outcome {
                Outcome::OnTime => (n, 0),
                Outcome::Late | Outcome::Overdue => (0, n),
                Outcome::Open | Outcome::Canceled => (0, 0),
            };
            month.met += hit;
            month.missed += miss;
            for slot in [
                self.by_regime.entry(regime).or_default(),
                self.by_kind.entry(*kind).or_default(),
            ] {
                slot.0 += hit;
                slot.1 += miss;
            }
            if let (Outcome::OnTime | Outcome::Late, Some(days)) = (outcome, days) {
                self.days.add(*days, n);
                self.days_by_regime.entry(regime).or_default().add(*days, n);
            }
        }
        self.by_month.push(month);
    }
}

/// The first instants (UTC) of the period's months and of the month after: 13 bounds.
fn month_starts(now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let first = |year: i32, month: u32| {
        Utc.with_ymd_and_hms(year, month, 1, 0, 0, 0)
            .single()
            .unwrap_or(now)
    };
    let index = now.year() * 12 + now.month0() as i32;
    (index - MONTHS as i32 + 1..=index + 1)
        .map(|i| first(i.div_euclid(12), i.rem_euclid(12) as u32 + 1))
        .collect()
}

/// One month's requests counted by the database, from the covering index.
async fn month_groups(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<Group>> {
    let met = Expr::col(request::Column::ClosedAt).lte(Expr::col(request::Column::DueAt));
    let past = Expr::col(request::Column::DueAt).lt(now);
    Ok(request::Entity::find()
        .select_only()
        .column(request::Column::Jurisdiction)
        .column(request::Column::Kind)
        .column(request::Column::Status)
        .expr(met)
        .expr(past)
        .column(request::Column::ResponseDays)
        .expr(Expr::cust("COUNT(*)"))
        .filter(request::Column::ReceivedAt.gte(from))
        .filter(request::Column::ReceivedAt.lt(to))
        .group_by(by_columns(6))
        .into_tuple()
        .all(db)
        .await?)
}

/// Open requests due within a week, read from the open-deadline index.
async fn due_counts(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<DueCounts> {
    let before = |d: i64| Expr::col(request::Column::DueAt).lt(now + Duration::days(d));
    let groups: Vec<DueGroup> = request::Entity::find()
        .select_only()
        .column(request::Column::Status)
        .expr(before(0))
        .expr(before(1))
        .expr(before(3))
        .expr(Expr::cust("COUNT(*)"))
        .filter(request::Column::ClosedAt.is_null())
        .filter(request::Column::DueAt.lt(now + Duration::days(7)))
        .group_by(by_columns(4))
        .into_tuple()
        .all(db)
        .await?;
    let mut due = DueCounts::default();
    for (status, overdue, today, soon, n) in groups {
        let n = u64::try_from(n).unwrap_or(0);
        if overdue == Some(true) {
            due.overdue += n;
            continue;
        }
        due.week += n;
        if today == Some(true) {
            due.today += n;
        }
        if soon == Some(true) && status != RequestStatus::InProgress {
            due.at_risk += n;
        }
    }
    Ok(due)
}

/// Extensions taken by requests received in the period, by reason (a partial index holds
/// only extended requests).
async fn extensions(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Option<ExtensionReason>, u64)>> {
    let rows: Vec<(Option<ExtensionReason>, i64)> = request::Entity::find()
        .select_only()
        .column(request::Column::ExtensionReason)
        .expr(Expr::cust("COUNT(*)"))
        .filter(Expr::cust("extended"))
        .filter(request::Column::ReceivedAt.gte(from))
        .filter(request::Column::ReceivedAt.lt(to))
        .group_by(request::Column::ExtensionReason)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(r, n)| (r, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Pauses of requests received in the period, by the reason of each request's last pause
/// (a partial index holds only paused requests).
async fn pauses(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Option<PauseReason>, PauseUse)>> {
    let rows: Vec<PauseGroup> = request::Entity::find()
        .select_only()
        .column(request::Column::PauseReason)
        .expr(Expr::cust("COUNT(*)"))
        .expr(Expr::cust("SUM(pauses)"))
        .expr(Expr::cust("SUM(paused_days)"))
        .filter(Expr::cust("pauses > 0"))
        .filter(request::Column::ReceivedAt.gte(from))
        .filter(request::Column::ReceivedAt.lt(to))
        .group_by(request::Column::PauseReason)
        .into_tuple()
        .all(db)
        .await?;
    let count = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
    Ok(rows
        .into_iter()
        .map(|(reason, requests, pauses, days)| {
            let used = PauseUse {
                requests: count(Some(requests)),
                pauses: count(pauses),
                days: count(days),
            };
            (reason, used)
        })
        .collect())
}

/// `GROUP BY 1, …, n`: by the first `n` selected columns. Groups by position because a
/// grouped expression with a bound value (`due_at < $1`) is a different expression to
/// PostgreSQL each time its value is bound again.
fn by_columns(n: usize) -> Expr {
    let list: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    Expr::cust(list.join(", "))
}

fn rates<K>(groups: BTreeMap<K, (u64, u64)>) -> Vec<Rate<K>> {
    groups
        .into_iter()
        .map(|(key, (met, missed))| Rate { key, met, missed })
        .collect()
}
