//! The queue: open requests (or those of one status) filtered as the URL says, earliest
//! deadline first, a page at a time by keyset (due date, id), with the saved views' counts.
//!
//! Open requests are read through the partial indexes `WHERE closed_at IS NULL` of
//! migration 000017, so a page costs the same with a million closed requests behind it.
//! The saved views' counts (but "mine") and the health counts are shared by every page
//! load for [`COUNTS_FRESH_FOR`]: counting tens of thousands of open requests on each of
//! thousands of page loads a second would be most of the work, and a count a few seconds
//! old serves a queue as well.

use std::sync::atomic::Ordering;

use chrono::{DateTime, Duration, Utc};
use domain::{
    Email, QueueFilter, RequestStatus,
    console::{HealthCounts, QueuePage, QueueRow, Risk, SavedView, ViewCount},
    staff::{QUEUE_PAGE, cursor},
};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use uuid::Uuid;

use crate::{
    Backend, Result,
    entities::{request, staff_user, subject},
    staff::StaffMember,
};

/// How old the shared counts may be.
pub const COUNTS_FRESH_FOR: Duration = Duration::seconds(5);

/// Counts every page load shares, and when they were taken.
#[derive(Debug, Clone)]
pub(crate) struct SharedCounts {
    at: DateTime<Utc>,
    views: Vec<ViewCount>,
    health: HealthCounts,
}

/// Statuses the queue hides unless asked: nobody has shown who they are yet.
const UNVERIFIED: [RequestStatus; 2] =
    [RequestStatus::Received, RequestStatus::AwaitingVerification];

impl Backend {
    /// One page of the queue as `staff` sees it (every role reads it).
    pub async fn queue(&self, staff: &StaffMember, filter: &QueueFilter) -> Result<QueuePage> {
        let now = self.now();
        let mut select = self.filtered_view(filter, now).await?;
        if let Some((due, id)) = filter.after {
            select = select.filter(
                Condition::any().add(request::Column::DueAt.gt(due)).add(
                    Condition::all()
                        .add(request::Column::DueAt.eq(due))
                        .add(request::Column::Id.gt(id)),
                ),
            );
        }
        let mut rows = select
            .order_by_asc(request::Column::DueAt)
            .order_by_asc(request::Column::Id)
            .limit(QUEUE_PAGE + 1)
            .all(self.db())
            .await?;
        let next = (rows.len() as u64 > QUEUE_PAGE).then(|| {
            rows.truncate(QUEUE_PAGE as usize);
            rows.last()
                .map(|last| cursor(last.due_at.unwrap_or(last.received_at), last.id))
        });
        let shared = self.shared_counts(now).await?;
        let mut views = shared.views;
        views.push(self.view_count(SavedView::Mine, &mine(staff), now).await?);
        Ok(QueuePage {
            rows: self.queue_rows(rows, now).await?,
            next: next.flatten(),
            views,
            health: shared.health,
        })
    }

    /// The requests `filter` names, unordered.
    pub(super) async fn filtered_view(
        &self,
        filter: &QueueFilter,
        now: DateTime<Utc>,
    ) -> Result<Select<request::Entity>> {
        let mut select = request::Entity::find();
        select = match filter.status {
            Some(status) => select.filter(request::Column::Status.eq(status)),
            None => select.filter(request::Column::ClosedAt.is_null()),
        };
        if filter.status.is_none() && !filter.unverified {
            select = select.filter(request::Column::Status.is_not_in(UNVERIFIED));
        }
        if let Some(kind) = filter.kind {
            select = select.filter(request::Column::Kind.eq(kind));
        }
        if let Some(place) = &filter.jurisdiction {
            select = select.filter(request::Column::Jurisdiction.eq(place.as_str()));
        }
        if let Some(assignee) = filter.assignee {
            select = select.filter(request::Column::AssigneeId.eq(assignee));
        }
        if let Some(days) = filter.due_within {
            select = select.filter(request::Column::DueAt.lt(now + Duration::days(days.into())));
        }
        if filter.overdue {
            select = select.filter(request::Column::DueAt.lt(now));
        }
        if let Some(q) = &filter.q {
            select = select.filter(self.search(q).await?);
        }
        Ok(select)
    }

    /// `q` as a condition: a request id, or the requests of the person whose address it is
    /// (found through the address's keyed hash, so erased people are found too).
    async fn search(&self, q: &str) -> Result<Condition> {
        if let Ok(id) = q.parse::<Uuid>() {
            return Ok(Condition::all().add(request::Column::Id.eq(id)));
        }
        let Ok(email) = Email::parse(q) else {
            // Neither an id nor an address: nothing matches.
            return Ok(Condition::all().add(request::Column::Id.is_null()));
        };
        let hash = self.inner.keys.identity_hash(email.as_str());
        let person = subject::Entity::find()
            .filter(subject::Column::EmailHash.eq(hash))
            .one(self.db())
            .await?;
        Ok(match person {
            Some(person) => Condition::any()
                .add(request::Column::SubjectId.eq(person.id))
                .add(request::Column::AgentId.eq(person.id)),
            None => Condition::all().add(request::Column::Id.is_null()),
        })
    }

    /// Rows as the queue shows them, with their assignees' addresses.
    pub(super) async fn queue_rows(
        &self,
        rows: Vec<request::Model>,
        now: DateTime<Utc>,
    ) -> Result<Vec<QueueRow>> {
        let mut assignees: Vec<Uuid> = rows.iter().filter_map(|r| r.assignee_id).collect();
        assignees.sort_unstable();
        assignees.dedup();
        let staff = if assignees.is_empty() {
            Vec::new()
        } else {
            staff_user::Entity::find()
                .filter(staff_user::Column::Id.is_in(assignees))
                .all(self.db())
                .await?
        };
        let email_of = |id: Uuid| staff.iter().find(|s| s.id == id).map(|s| s.email.clone());
        Ok(rows
            .into_iter()
            .map(|r| QueueRow {
                id: r.id.to_string(),
                kind: r.kind,
                status: r.status,
                jurisdiction: r.jurisdiction.clone(),
                received_at: r.received_at,
                due_at: r.due_at,
                risk: Risk::of(r.due_at, r.closed_at.is_some(), now),
                assignee: r.assignee_id.and_then(email_of),
            })
            .collect())
    }

    /// The saved views' counts but "mine", and the health counts. Taken afresh by the first
    /// page load; after [`COUNTS_FRESH_FOR`], a load serves the counts it has and starts one
    /// recount in the background, so no page waits for counting and loads arriving together
    /// do not all count at once.
    async fn shared_counts(&self, now: DateTime<Utc>) -> Result<SharedCounts> {
        let cached = self
            .inner
            .console_counts
            .lock()
            .map(|c| c.clone())
            .unwrap_or_default();
        match cached {
            Some(counts) if now - counts.at < COUNTS_FRESH_FOR && counts.at <= now => Ok(counts),
            Some(stale) => {
                if !self.inner.recounting.swap(true, Ordering::AcqRel) {
                    let backend = self.clone();
                    tokio::spawn(async move {
                        if let Err(err) = backend.recount(now).await {
                            tracing::warn!(error = %err, "the queue's counts could not be taken");
                        }
                        backend.inner.recounting.store(false, Ordering::Release);
                    });
                }
                Ok(stale)
            }
            None => self.recount(now).await,
        }
    }

    /// Counts the shared views and health, and keeps the counts for the next loads.
    async fn recount(&self, now: DateTime<Utc>) -> Result<SharedCounts> {
        let views = [
            (SavedView::Open, QueueFilter::default()),
            (
                SavedView::Overdue,
                QueueFilter {
                    overdue: true,
                    ..QueueFilter::default()
                },
            ),
            (
                SavedView::DueSoon,
                QueueFilter {
                    due_within: Some(3),
                    ..QueueFilter::default()
                },
            ),
            (
                SavedView::PendingApproval,
                QueueFilter {
                    status: Some(RequestStatus::PendingApproval),
                    ..QueueFilter::default()
                },
            ),
        ];
        let mut counts = Vec::with_capacity(views.len() + 1);
        for (view, filter) in views {
            counts.push(self.view_count(view, &filter, now).await?);
        }
        let fresh = SharedCounts {
            at: now,
            views: counts,
            health: self.health_counts().await?,
        };
        if let Ok(mut slot) = self.inner.console_counts.lock() {
            *slot = Some(fresh.clone());
        }
        Ok(fresh)
    }

    /// How many requests `filter`'s view holds now, with its link.
    async fn view_count(
        &self,
        view: SavedView,
        filter: &QueueFilter,
        now: DateTime<Utc>,
    ) -> Result<ViewCount> {
        let count = self
            .filtered_view(filter, now)
            .await?
            .count(self.db())
            .await?;
        let query = filter
            .to_pairs()
            .into_iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&");
        Ok(ViewCount { view, query, count })
    }
}

/// The "assigned to me" view of `staff`.
fn mine(staff: &StaffMember) -> QueueFilter {
    QueueFilter {
        assignee: Some(staff.id),
        ..QueueFilter::default()
    }
}

impl Backend {
    /// The database's plan for the queue's page query under `filter`, as text: `EXPLAIN
    /// ANALYZE` on PostgreSQL, `EXPLAIN QUERY PLAN` on SQLite. For benchmarks and tuning.
    pub async fn explain_queue(&self, filter: &QueueFilter) -> Result<Vec<String>> {
        use sea_orm::{ConnectionTrait, DbBackend, QueryTrait};
        let backend = self.db().get_database_backend();
        let sql = self
            .filtered_view(filter, self.now())
            .await?
            .order_by_asc(request::Column::DueAt)
            .order_by_asc(request::Column::Id)
            .limit(QUEUE_PAGE + 1)
            .build(backend)
            .to_string();
        let (explain, column) = match backend {
            DbBackend::Postgres => ("EXPLAIN ANALYZE", "QUERY PLAN"),
            _ => ("EXPLAIN QUERY PLAN", "detail"),
        };
        let rows = self
            .db()
            .query_all_raw(sea_orm::Statement::from_string(
                backend,
                format!("{explain} {sql}"),
            ))
            .await?;
        Ok(rows
            .iter()
            .filter_map(|row| row.try_get::<String>("", column).ok())
            .collect())
    }
}
