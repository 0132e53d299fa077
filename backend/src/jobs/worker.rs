//! The worker: claims jobs, runs them under a heartbeat, and records the outcome.

use std::time::Duration;

use tokio::sync::watch;
use tracing::Instrument;

use super::{Handled, Job, JobKind, JobState};
use crate::{Backend, Result};

/// A job worker. Run any number of them, in any number of processes.
pub struct Worker {
    backend: Backend,
    id: String,
    lease: Duration,
    idle_poll: Duration,
}

impl Worker {
    /// A worker with a unique id, a 60-second lease and a 1-second idle poll.
    pub fn new(backend: Backend) -> Self {
        let id = format!(
            "worker-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        );
        Self {
            backend,
            id,
            lease: Duration::from_secs(60),
            idle_poll: Duration::from_secs(1),
        }
    }

    /// Sets the lease length (tests use short ones to exercise expiry).
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// Works until `shutdown` turns true. A job in flight is finished first; nothing is
    /// claimed after the signal, so no lease is left to expire.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(worker = %self.id, "job worker started");
        while !*shutdown.borrow() {
            let worked = match self.run_due(1).await {
                Ok(n) => n,
                Err(err) => {
                    tracing::warn!(error = %err, "claiming jobs failed; will retry");
                    0
                }
            };
            if worked == 0 {
                tokio::select! {
                    _ = tokio::time::sleep(self.idle_poll) => {}
                    _ = shutdown.changed() => {}
                }
            }
        }
        tracing::info!(worker = %self.id, "job worker stopped");
    }

    /// Runs every job that is due now, then returns how many ran. Tests use it to drain the
    /// queue synchronously.
    pub async fn drain(&self) -> Result<usize> {
        let mut total = 0;
        loop {
            let n = self.run_due(10).await?;
            if n == 0 {
                return Ok(total);
            }
            total += n;
        }
    }

    async fn run_due(&self, limit: u32) -> Result<usize> {
        let jobs = self.backend.claim_jobs(&self.id, self.lease, limit).await?;
        let count = jobs.len();
        for job in jobs {
            self.run_one(&job).await;
        }
        Ok(count)
    }

    /// Runs one claimed job inside a span naming it, so every line its handler logs says
    /// which job, kind and attempt it belongs to.
    async fn run_one(&self, job: &Job) {
        let span = tracing::info_span!(
            "job",
            id = %job.id,
            kind = %job.kind,
            attempt = job.attempts,
            worker = %self.id,
        );
        self.execute(job).instrument(span).await;
    }

    async fn execute(&self, job: &Job) {
        let kind = match JobKind::decode(&job.kind, &job.payload) {
            Ok(kind) => kind,
            Err(reason) => {
                tracing::error!(%reason, "job cannot be read; dead-lettered");
                if let Err(err) = self.backend.bury_job(job, &self.id, &reason).await {
                    tracing::warn!(error = %err, "recording the job's outcome failed");
                }
                return;
            }
        };
        let heartbeat = self.spawn_heartbeat(job.id);
        let outcome = self.backend.handle_job(job, kind).await;
        heartbeat.abort();
        let recorded = match outcome {
            Ok(Handled::Done) => self
                .backend
                .complete_job(job.id, &self.id)
                .await
                .map(|()| JobState::Done),
            Ok(Handled::Deferred(until)) => self
                .backend
                .defer_job(job, &self.id, until)
                .await
                .map(|()| JobState::Queued),
            Err(err) => {
                tracing::warn!(error = %err, "job failed");
                self.backend.fail_job(job, &self.id, &err.to_string()).await
            }
        };
        match recorded {
            Ok(JobState::Dead) => {
                tracing::error!("job dead-lettered")
            }
            Ok(_) => {}
            Err(err) => {
                tracing::warn!(error = %err, "recording the job's outcome failed")
            }
        }
    }

    fn spawn_heartbeat(&self, job: uuid::Uuid) -> tokio::task::JoinHandle<()> {
        let (backend, id, lease) = (self.backend.clone(), self.id.clone(), self.lease);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(lease / 3).await;
                if !matches!(backend.heartbeat_job(job, &id, lease).await, Ok(true)) {
                    return;
                }
            }
        })
    }
}
