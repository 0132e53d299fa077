//! `rightful worker` processes against real HTTP data systems: a worker killed with SIGKILL
//! in the middle of a delivery loses nothing once restarted, and four workers on PostgreSQL
//! share 1,000 requests × 3 systems with every task run exactly once.

use std::{
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use backend::{
    Backend,
    jobs::JobState,
    requests::RequestFilter,
    systems::NewSystem,
    testing::{
        TestDb,
        receiver::{Behaviour, Receiver},
        webhook_system,
    },
};
use domain::{Email, RequestKind, RequestStatus, system::Capability};

/// A `rightful worker` process, killed if the test fails before stopping it.
struct WorkerProcess(Option<Child>);

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl WorkerProcess {
    /// Starts `rightful worker` on the test's database, with a short lease so that a
    /// killed worker's job is claimed again quickly.
    fn start(t: &TestDb) -> Self {
        let child = Command::new(env!("CARGO_BIN_EXE_rightful"))
            .arg("worker")
            .env("DATABASE_URL", &t.url)
            .env("RIGHTFUL_DATA_DIR", t.dir.path())
            .env("RIGHTFUL_SECRET", backend::testing::SECRET)
            .env("RIGHTFUL_SYSTEM_NETWORKS", "127.0.0.0/8")
            .env("RIGHTFUL_JOB_LEASE_SECS", "3")
            .env("RIGHTFUL_LOG", "warn")
            .stdout(Stdio::inherit())
            .spawn()
            .unwrap();
        Self(Some(child))
    }

    /// Kills it with SIGKILL: no chance to finish or release anything.
    fn kill(mut self) {
        let mut child = self.0.take().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
    }

    /// Stops it with SIGTERM and checks that it exits cleanly.
    fn stop(mut self) {
        let mut child = self.0.take().unwrap();
        let pid = child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        let status = child.wait().unwrap();
        assert!(status.success(), "a worker exits 0 on SIGTERM: {status}");
    }
}

async fn add_receiver(backend: &Backend, name: &str, behaviour: Behaviour) -> Receiver {
    let receiver = Receiver::start(behaviour).await;
    let new = NewSystem {
        timeout_ms: 10_000,
        ..webhook_system(name, &receiver.url, &[Capability::Delete])
    };
    receiver.set_secret(&backend.add_system(new).await.unwrap().0);
    receiver
}

async fn file(backend: &Backend, n: usize) {
    for i in 0..n {
        let email = Email::parse(&format!("person{i}@example.com")).unwrap();
        backend
            .file_request_for(&email, None, RequestKind::RemoveFromOutputs, None)
            .await
            .unwrap();
    }
}

async fn completed(backend: &Backend) -> usize {
    let mut filter = RequestFilter {
        status: Some(RequestStatus::Completed),
        limit: 500,
        ..Default::default()
    };
    let mut total = 0;
    loop {
        let (page, next) = backend.list_requests(&filter).await.unwrap();
        total += page.len();
        match next {
            Some(after) => filter.after = Some(after),
            None => return total,
        }
    }
}

async fn wait_for_completed(backend: &Backend, n: usize, within: Duration) {
    let start = Instant::now();
    while completed(backend).await < n {
        assert!(
            start.elapsed() < within,
            "only {} of {n} completed",
            completed(backend).await
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn a_killed_worker_loses_nothing(t: TestDb) {
    let (backend, _) = t.backend();
    let slow = add_receiver(
        &backend,
        "slow",
        Behaviour::Slow(Duration::from_millis(400)),
    )
    .await;
    file(&backend, 10).await;
    let first = WorkerProcess::start(&t);
    let start = Instant::now();
    while slow.deliveries() < 3 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the worker never delivered"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // The third delivery is in flight: the receiver has it and is still answering.
    first.kill();

    let second = WorkerProcess::start(&t);
    wait_for_completed(&backend, 10, Duration::from_secs(60)).await;
    second.stop();
    let events = slow.events();
    let mut ids: Vec<_> = events.iter().map(|e| e["event_id"].to_string()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 10, "every event applied once");
    assert!(
        slow.deliveries() > 10,
        "the interrupted delivery was made again"
    );
    assert!(
        backend
            .jobs_in_state(JobState::Dead)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn four_workers_run_each_task_exactly_once(t: TestDb) {
    let (backend, _) = t.backend();
    let systems = [
        add_receiver(&backend, "alpha", Behaviour::Receipt).await,
        add_receiver(&backend, "beta", Behaviour::Receipt).await,
        add_receiver(&backend, "gamma", Behaviour::Receipt).await,
    ];
    let workers: Vec<_> = (0..4).map(|_| WorkerProcess::start(&t)).collect();
    let started = Instant::now();
    file(&backend, 1_000).await;
    eprintln!("1,000 requests filed: {:?}", started.elapsed());
    wait_for_completed(&backend, 1_000, Duration::from_secs(300)).await;
    eprintln!(
        "1,000 requests × 3 systems by 4 workers: {:?}",
        started.elapsed()
    );
    workers.into_iter().for_each(WorkerProcess::stop);
    for system in &systems {
        assert_eq!((system.deliveries(), system.events().len()), (1_000, 1_000));
    }
    let done = backend.jobs_in_state(JobState::Done).await.unwrap();
    assert_eq!(
        done.len(),
        5_000,
        "3,000 deliveries, 1,000 receipts and 1,000 completion mails"
    );
    assert!(done.iter().all(|job| job.attempts == 1), "no job ran twice");
}

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_killed_worker_loses_nothing() {
        super::a_killed_worker_loses_nothing(backend::testing::TestDb::sqlite().await).await
    }
}

mod postgres {
    use backend::testing::TestDb;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "PostgreSQL: run with DATABASE_URL set and --include-ignored"]
    async fn a_killed_worker_loses_nothing() {
        super::a_killed_worker_loses_nothing(TestDb::postgres().await).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "PostgreSQL: run with DATABASE_URL set and --include-ignored"]
    async fn four_workers_run_each_task_exactly_once() {
        super::four_workers_run_each_task_exactly_once(TestDb::postgres().await).await
    }
}
