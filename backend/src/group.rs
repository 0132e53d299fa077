//! Group commit: the API's filings that arrive together are written together, on SQLite.
//!
//! Each statement costs a round trip to SQLite's connection thread (about half of intake's
//! time went to those thread switches, by `perf`), and each commit writes the same last
//! pages of the same tables and indexes to the log. One task takes the filings waiting at
//! that moment (up to [`MOST`]) and writes them in one transaction, one statement per table
//! (see `requests::batch`). A filing that is refused (a user id that belongs to somebody
//! else, say) is refused alone, before anything is written; nobody hears of success before
//! the commit, so a crash loses nothing acknowledged. PostgreSQL writes in parallel, so
//! there each filing keeps a transaction of its own.

use std::sync::{Arc, Weak};

use tokio::sync::{mpsc, oneshot};

use crate::{Backend, Error, Inner, Result, entities::request, requests::ApiFiling};

/// The most filings one transaction carries.
const MOST: usize = 64;

/// A filing waiting for the group's task, and where its outcome goes.
struct Work {
    filing: ApiFiling,
    reply: oneshot::Sender<Result<request::Model>>,
}

/// The queue into the group's task, started on first use (and again if the runtime it ran
/// on has ended, as a test's does).
#[derive(Default)]
pub(crate) struct Group {
    queue: std::sync::Mutex<Option<mpsc::Sender<Work>>>,
}

impl Backend {
    /// Files `filing` with those waiting beside it, and returns it once they are committed.
    /// On PostgreSQL, which writes in parallel, each filing has a transaction of its own:
    /// one task writing for everyone halved the rate at 64 at once.
    pub(crate) async fn file_grouped(&self, filing: ApiFiling) -> Result<request::Model> {
        if self.inner.writer.is_none() {
            let mut outcomes = self.commit_batch(std::slice::from_ref(&filing)).await?;
            return outcomes.pop().unwrap_or(Err(Error::NotFound("request")));
        }
        let (reply, answer) = oneshot::channel();
        self.inner
            .group
            .queue(&self.inner)
            .send(Work { filing, reply })
            .await
            .map_err(|_| Error::Unavailable("database"))?;
        answer.await.map_err(|_| Error::Unavailable("database"))?
    }
}

impl Group {
    /// The queue into the group's task.
    fn queue(&self, inner: &Arc<Inner>) -> mpsc::Sender<Work> {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        match queue.as_ref() {
            Some(send) if !send.is_closed() => send.clone(),
            _ => {
                let (send, receive) = mpsc::channel(MOST * 4);
                // A weak handle: the task must not keep the backend, and so itself, alive.
                tokio::spawn(lead(Arc::downgrade(inner), receive));
                *queue = Some(send.clone());
                send
            }
        }
    }
}

/// The group's task: takes what waits, files it in one transaction, commits, answers.
async fn lead(backend: Weak<Inner>, mut queue: mpsc::Receiver<Work>) {
    let mut batch = Vec::with_capacity(MOST);
    while queue.recv_many(&mut batch, MOST).await > 0 {
        let Some(inner) = backend.upgrade() else {
            return;
        };
        let backend = Backend { inner };
        let (filings, replies): (Vec<_>, Vec<_>) = std::mem::take(&mut batch)
            .into_iter()
            .map(|w| (w.filing, w.reply))
            .unzip();
        match backend.commit_batch(&filings).await {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(outcome);
                }
            }
            Err(err) => {
                tracing::error!(error = %err, filings = filings.len(), "a group of filings did not commit");
                for reply in replies {
                    let _ = reply.send(Err(Error::Unavailable("database")));
                }
            }
        }
    }
}

impl Backend {
    /// Files `filings` in one transaction and commits it: each filing's outcome, or an
    /// error if the transaction failed (then none is filed).
    async fn commit_batch(&self, filings: &[ApiFiling]) -> Result<Vec<Result<request::Model>>> {
        let txn = self.begin().await?;
        let outcomes = self.file_batch(&txn, filings, self.now()).await?;
        txn.commit().await?;
        Ok(outcomes)
    }
}
