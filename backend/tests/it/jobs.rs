//! The durable job queue: receipts go out through it, failures back off and dead-letter,
//! leases expire, and concurrent workers never share a job.

use std::{collections::HashSet, time::Duration};

use backend::{
    Error, MailSettings,
    jobs::{JobState, Worker},
    testing::TestDb,
};
use domain::RequestKind;

fn receipts(t: &TestDb) -> usize {
    std::fs::read_dir(t.outbox())
        .unwrap()
        .filter(|e| {
            let text = std::fs::read_to_string(e.as_ref().unwrap().path()).unwrap();
            text.contains("X-Rightful-Notice: receipt")
        })
        .count()
}

async fn a_request_sends_one_receipt_through_the_queue(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    backend.set_training_opt_out(ada, true).await.unwrap();
    assert_eq!(receipts(&t), 0, "nothing is sent inside the request");
    let worker = Worker::new(backend.clone());
    // With no data systems the opt-out completes at once: a receipt and a completion mail.
    assert_eq!(worker.drain().await.unwrap(), 2);
    assert_eq!(
        worker.drain().await.unwrap(),
        0,
        "a done job does not run again"
    );
    assert_eq!(receipts(&t), 1);
    assert_eq!(
        backend.jobs_in_state(JobState::Done).await.unwrap().len(),
        2
    );
}

async fn failed_mail_backs_off_dead_letters_and_never_fails_the_request(t: TestDb) {
    let down = MailSettings::Smtp {
        url: "smtp://127.0.0.1:9".to_owned(),
    };
    let (backend, clock) = t.backend_with_mail(down);
    let (signing_in, _) = t.backend();
    let ada = t.sign_in(&signing_in, "ada@example.com").await;
    backend.set_training_opt_out(ada, true).await.unwrap();
    assert!(
        backend
            .privacy_overview(ada)
            .await
            .unwrap()
            .training_opted_out
    );

    let worker = Worker::new(backend.clone());
    // The receipt and the completion mail (no data systems, so it completes at once).
    assert_eq!(worker.drain().await.unwrap(), 2);
    assert_eq!(
        worker.drain().await.unwrap(),
        0,
        "the retry waits for its backoff"
    );
    let queued = backend.jobs_in_state(JobState::Queued).await.unwrap();
    assert!(
        queued
            .iter()
            .all(|j| j.attempts == 1 && j.last_error.is_some())
    );
    for _ in 1..8 {
        clock.advance(chrono::Duration::hours(2));
        assert_eq!(worker.drain().await.unwrap(), 2);
    }
    let dead = backend.jobs_in_state(JobState::Dead).await.unwrap();
    assert_eq!(dead.len(), 2);
    assert!(dead.iter().all(|j| j.attempts == 8));

    backend.retry_dead_job(dead[0].id).await.unwrap();
    assert_eq!(
        backend.jobs_in_state(JobState::Queued).await.unwrap().len(),
        1
    );
    assert!(matches!(
        backend.retry_dead_job(dead[0].id).await,
        Err(Error::NotFound(_))
    ));
    t.expect_dead_jobs(1);
}

async fn an_expired_lease_is_claimed_again(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    backend
        .submit_request(ada, RequestKind::Access)
        .await
        .unwrap();
    let lease = Duration::from_secs(30);
    let first = backend.claim_jobs("dead-worker", lease, 10).await.unwrap();
    assert_eq!(first.len(), 1);
    assert!(
        backend
            .claim_jobs("other", lease, 10)
            .await
            .unwrap()
            .is_empty(),
        "leased"
    );
    clock.advance(chrono::Duration::seconds(31));
    let again = backend.claim_jobs("other", lease, 10).await.unwrap();
    assert_eq!((again.len(), again[0].attempts), (1, 2));
    // The first worker's late completion is refused: the job is the other worker's now.
    assert!(matches!(
        backend.complete_job(first[0].id, "dead-worker").await,
        Err(Error::Conflict(_))
    ));
    backend.complete_job(again[0].id, "other").await.unwrap();
}

async fn concurrent_claims_never_share_a_job(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    for _ in 0..40 {
        backend
            .submit_request(ada, RequestKind::Access)
            .await
            .unwrap();
    }
    let claimers = (0..4).map(|n| {
        let backend = backend.clone();
        tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let jobs = backend
                    .claim_jobs(&format!("w{n}"), Duration::from_secs(60), 3)
                    .await
                    .unwrap();
                if jobs.is_empty() {
                    return mine;
                }
                mine.extend(jobs.into_iter().map(|j| j.id));
            }
        })
    });
    let mut all = Vec::new();
    for claimer in claimers {
        all.extend(claimer.await.unwrap());
    }
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!((all.len(), unique.len()), (40, 40));
}

async fn a_job_that_cannot_be_read_is_dead_lettered_at_once_with_the_reason(t: TestDb) {
    let (backend, _) = t.backend();
    t.insert_job_row("mail.newsletter", "{}").await;
    t.insert_job_row("task.deliver", r#"{"task":"0"}"#).await;
    let worker = Worker::new(backend.clone());
    assert_eq!(worker.drain().await.unwrap(), 2);
    assert_eq!(worker.drain().await.unwrap(), 0, "not retried");
    let dead = backend.jobs_in_state(JobState::Dead).await.unwrap();
    assert_eq!(dead.iter().map(|j| j.attempts).collect::<Vec<_>>(), [1, 1]);
    let reasons: Vec<String> = dead.iter().filter_map(|j| j.last_error.clone()).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("unknown variant `mail.newsletter`")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("missing field `task_id`")),
        "{reasons:?}"
    );
    t.expect_dead_jobs(2);
}

async fn teardown_fails_a_test_that_leaves_a_job_dead(t: TestDb) {
    t.insert_job_row("mail.newsletter", "{}").await;
    let (backend, _) = t.backend();
    Worker::new(backend).drain().await.unwrap();
    let teardown = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(t)));
    assert!(teardown.is_err(), "a dead job went unnoticed");
}

backend::db_tests!(
    a_job_that_cannot_be_read_is_dead_lettered_at_once_with_the_reason,
    teardown_fails_a_test_that_leaves_a_job_dead,
    a_request_sends_one_receipt_through_the_queue,
    failed_mail_backs_off_dead_letters_and_never_fails_the_request,
    an_expired_lease_is_claimed_again,
    concurrent_claims_never_share_a_job,
);
