//! Enqueueing, claiming, finishing and retrying jobs.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbBackend, DeriveActiveEnum, EntityTrait, EnumIter, QueryFilter,
    QueryOrder, Statement,
    sea_query::{Expr, OnConflict},
};
use uuid::Uuid;

use super::JobKind;
use crate::{Backend, Error, Result, entities::job};

/// A job's state, stored by the name each variant gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum JobState {
    /// Waiting for `run_at`.
    #[sea_orm(string_value = "queued")]
    Queued,
    /// Claimed by a worker until its lease ends.
    #[sea_orm(string_value = "running")]
    Running,
    /// Finished.
    #[sea_orm(string_value = "done")]
    Done,
    /// Failed for good; kept for inspection and manual retry.
    #[sea_orm(string_value = "dead")]
    Dead,
}

/// A job to enqueue.
pub struct NewJob {
    /// What to do.
    pub kind: JobKind,
    /// Enqueueing the same key twice creates one job.
    pub dedupe_key: Option<String>,
    /// How many times to try before dead-lettering.
    pub max_attempts: i32,
    /// When to run it; `None` means now.
    pub run_at: Option<DateTime<Utc>>,
}

/// A claimed or inspected job.
pub type Job = job::Model;

/// The delay before attempt `attempts + 1`: 2^attempts seconds, capped at an hour, with up to
/// 25 % random jitter so that retries of a failed dependency do not arrive in lockstep.
pub fn backoff(attempts: i32) -> Duration {
    let base = 2u64.saturating_pow(attempts.clamp(0, 12) as u32).min(3600);
    let jitter = rand::rng().random_range(0..=base * 250);
    Duration::from_millis(base * 1000 + jitter)
}

/// Enqueues `new` under its `dedupe_key` so that at most one such job is ever waiting or
/// running: a queued or running job with the key absorbs this one, and a finished (done or
/// dead) one is queued again from scratch.
pub(crate) async fn enqueue_again(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    new: NewJob,
) -> Result<()> {
    let Some(key) = new.dedupe_key.clone() else {
        return enqueue(db, now, new).await;
    };
    job::Entity::update_many()
        .col_expr(job::Column::State, Expr::value(JobState::Queued))
        .col_expr(job::Column::Attempts, Expr::value(0))
        .col_expr(job::Column::RunAt, Expr::value(new.run_at.unwrap_or(now)))
        .col_expr(job::Column::LastError, Expr::value(Option::<String>::None))
        .col_expr(job::Column::UpdatedAt, Expr::value(now))
        .filter(job::Column::DedupeKey.eq(key))
        .filter(job::Column::State.is_in([JobState::Done, JobState::Dead]))
        .exec(db)
        .await?;
    enqueue(db, now, new).await
}

/// Inserts a job inside the caller's transaction. A duplicate `dedupe_key` is not an error.
pub(crate) async fn enqueue(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    new: NewJob,
) -> Result<()> {
    enqueue_all(db, now, vec![new]).await
}

/// Inserts jobs inside the caller's transaction in one statement. A duplicate `dedupe_key`
/// is not an error: that job is already queued.
pub(crate) async fn enqueue_all(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    jobs: Vec<NewJob>,
) -> Result<()> {
    if jobs.is_empty() {
        return Ok(());
    }
    let rows = jobs
        .into_iter()
        .map(|new| row(now, new))
        .collect::<Result<Vec<_>>>()?;
    let insert = job::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(job::Column::DedupeKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await;
    match insert {
        Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => Ok(()),
        Err(err) => Err(err.into()),
    }
}

fn row(now: DateTime<Utc>, new: NewJob) -> Result<job::ActiveModel> {
    let (kind, payload) = new.kind.encode()?;
    Ok(job::ActiveModel {
        id: Set(Uuid::new_v4()),
        kind: Set(kind),
        payload: Set(payload),
        state: Set(JobState::Queued),
        attempts: Set(0),
        max_attempts: Set(new.max_attempts),
        run_at: Set(new.run_at.unwrap_or(now)),
        locked_by: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        dedupe_key: Set(new.dedupe_key),
        created_at: Set(now),
        updated_at: Set(now),
    })
}

// The states are bound ($5 running, $6 queued) so that their names live only in `JobState`.
const CLAIM_POSTGRES: &str = "UPDATE jobs SET state = $5, locked_by = $1, locked_until = $2, \
    attempts = attempts + 1, updated_at = $3 WHERE id IN (SELECT id FROM jobs WHERE \
    (state = $6 AND run_at <= $3) OR (state = $5 AND locked_until < $3) \
    ORDER BY run_at LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING *";
const CLAIM_SQLITE: &str = "UPDATE jobs SET state = ?5, locked_by = ?1, locked_until = ?2, \
    attempts = attempts + 1, updated_at = ?3 WHERE id IN (SELECT id FROM jobs WHERE \
    (state = ?6 AND run_at <= ?3) OR (state = ?5 AND locked_until < ?3) \
    ORDER BY run_at LIMIT ?4) RETURNING *";

impl Backend {
    /// Claims up to `limit` due jobs for `worker` (and any whose lease ran out) until
    /// `now + lease`.
    pub async fn claim_jobs(&self, worker: &str, lease: Duration, limit: u32) -> Result<Vec<Job>> {
        let now = self.now();
        let until = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(5));
        let backend = self.db().get_database_backend();
        let sql = if backend == DbBackend::Postgres {
            CLAIM_POSTGRES
        } else {
            CLAIM_SQLITE
        };
        let values = [
            worker.into(),
            until.into(),
            now.into(),
            i64::from(limit).into(),
            JobState::Running.into(),
            JobState::Queued.into(),
        ];
        let stmt = Statement::from_sql_and_values(backend, sql, values);
        Ok(job::Entity::find()
            .from_raw_sql(stmt)
            .all(self.writer())
            .await?)
    }

    /// Extends the lease of a job this worker still holds; `false` if it was lost.
    pub async fn heartbeat_job(&self, id: Uuid, worker: &str, lease: Duration) -> Result<bool> {
        let until =
            self.now() + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(5));
        let updated = job::Entity::update_many()
            .col_expr(job::Column::LockedUntil, Expr::value(until))
            .filter(held(id, worker))
            .exec(self.writer())
            .await?;
        Ok(updated.rows_affected == 1)
    }

    /// Marks a held job done.
    pub async fn complete_job(&self, id: Uuid, worker: &str) -> Result<()> {
        let updated = job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value(JobState::Done))
            .col_expr(
                job::Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(job::Column::UpdatedAt, Expr::value(self.now()))
            .filter(held(id, worker))
            .exec(self.writer())
            .await?;
        lease_kept(updated.rows_affected, id)
    }

    /// Records a failure: the job is queued again after [`backoff`], or dead-lettered when
    /// its attempts are used up. `error` must not contain personal data.
    pub async fn fail_job(&self, job: &Job, worker: &str, error: &str) -> Result<JobState> {
        let now = self.now();
        let (state, run_at) = if job.attempts >= job.max_attempts {
            (JobState::Dead, now)
        } else {
            let delay = chrono::Duration::from_std(backoff(job.attempts)).unwrap_or_default();
            (JobState::Queued, now + delay)
        };
        self.record_failure(job, worker, error, state, run_at)
            .await?;
        Ok(state)
    }

    /// Dead-letters a held job at once, whatever attempts it has left: it cannot be read (see
    /// [`JobKind::decode`]), so trying again would fail the same way.
    pub async fn bury_job(&self, job: &Job, worker: &str, reason: &str) -> Result<()> {
        self.record_failure(job, worker, reason, JobState::Dead, self.now())
            .await
    }

    async fn record_failure(
        &self,
        job: &Job,
        worker: &str,
        error: &str,
        state: JobState,
        run_at: DateTime<Utc>,
    ) -> Result<()> {
        let updated = job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value(state))
            .col_expr(job::Column::RunAt, Expr::value(run_at))
            .col_expr(
                job::Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                job::Column::LastError,
                Expr::value(error.chars().take(500).collect::<String>()),
            )
            .col_expr(job::Column::UpdatedAt, Expr::value(self.now()))
            .filter(held(job.id, worker))
            .exec(self.writer())
            .await?;
        lease_kept(updated.rows_affected, job.id)
    }

    /// Puts a held job back in the queue until `until` without using up an attempt: the job
    /// did not run (its data system's circuit is open).
    pub async fn defer_job(&self, job: &Job, worker: &str, until: DateTime<Utc>) -> Result<()> {
        let updated = job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value(JobState::Queued))
            .col_expr(job::Column::RunAt, Expr::value(until))
            .col_expr(
                job::Column::Attempts,
                Expr::value((job.attempts - 1).max(0)),
            )
            .col_expr(
                job::Column::LockedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(job::Column::UpdatedAt, Expr::value(self.now()))
            .filter(held(job.id, worker))
            .exec(self.writer())
            .await?;
        lease_kept(updated.rows_affected, job.id)
    }

    /// Jobs in a state, oldest first (for `rightful jobs` and the console).
    pub async fn jobs_in_state(&self, state: JobState) -> Result<Vec<Job>> {
        Ok(job::Entity::find()
            .filter(job::Column::State.eq(state))
            .order_by_asc(job::Column::CreatedAt)
            .all(self.db())
            .await?)
    }

    /// Puts a dead-lettered job back in the queue with fresh attempts.
    pub async fn retry_dead_job(&self, id: Uuid) -> Result<()> {
        let updated = job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value(JobState::Queued))
            .col_expr(job::Column::Attempts, Expr::value(0))
            .col_expr(job::Column::RunAt, Expr::value(self.now()))
            .filter(job::Column::Id.eq(id))
            .filter(job::Column::State.eq(JobState::Dead))
            .exec(self.writer())
            .await?;
        if updated.rows_affected == 1 {
            Ok(())
        } else {
            Err(Error::NotFound("dead job"))
        }
    }
}

fn held(id: Uuid, worker: &str) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(job::Column::Id.eq(id))
        .add(job::Column::LockedBy.eq(worker))
        .add(job::Column::State.eq(JobState::Running))
}

fn lease_kept(rows: u64, id: Uuid) -> Result<()> {
    if rows == 1 {
        Ok(())
    } else {
        Err(Error::Conflict(format!(
            "job {id}: the lease was lost to another worker"
        )))
    }
}
