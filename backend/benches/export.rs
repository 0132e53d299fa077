//! Benchmark (not a test): a 1 GB export. A data system on 127.0.0.1 streams about 1 GB of
//! JSON; Rightful stores it, packages it into a ZIP with its manifest, and stores that. The
//! figure that matters is the process's peak RSS, which must stay flat whatever the size.
//! Run: `cargo bench -p backend --bench export` (BENCH_EXPORT_MB changes the size).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic

use std::time::Instant;

use backend::{
    jobs::Worker,
    systems::NewSystem,
    testing::{
        TestDb,
        receiver::{Behaviour, Receiver},
        webhook_system,
    },
};
use domain::{RequestKind, system::Capability};

/// Peak resident memory so far, from `/proc/self/status` (Linux).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

#[tokio::main]
async fn main() {
    let mib: u64 = std::env::var("BENCH_EXPORT_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let t = TestDb::sqlite().await;
    let (backend, _) = t.backend();
    let receiver = Receiver::start(Behaviour::Large(mib * 1024 * 1024)).await;
    let system = NewSystem {
        timeout_ms: 60_000,
        ..webhook_system("warehouse", &receiver.url, &[Capability::AccessExport])
    };
    receiver.set_secret(&backend.add_system(system).await.unwrap().0);
    let ada = t.sign_in(&backend, "ada@example.com").await;
    println!("before: peak RSS {:.0} MiB", peak_rss_mib());

    let id = backend
        .submit_request(ada, RequestKind::Export)
        .await
        .unwrap();
    let worker = Worker::new(backend.clone());
    let started = Instant::now();
    let mut jobs = 0;
    while backend.request_view(id).await.unwrap().status != domain::RequestStatus::Completed {
        jobs += worker.drain().await.unwrap();
        assert!(jobs < 10, "the export did not complete");
    }
    let secs = started.elapsed().as_secs_f64();
    let package = std::fs::read_dir(t.dir.path().join(format!("blobs/exports/{id}")))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .metadata()
        .unwrap()
        .len();
    println!(
        "{mib} MiB of system data received, stored, packaged and stored again in {secs:.1} s \
         ({:.0} MiB/s); ZIP {:.0} MiB; peak RSS {:.0} MiB",
        mib as f64 / secs,
        package as f64 / 1024.0 / 1024.0,
        peak_rss_mib()
    );
    println!(
        "ROW|export of {mib} MiB: received, stored, packaged, stored|SQLite|{:.0} MiB/s, peak RSS {:.0} MiB|||-",
        mib as f64 / secs,
        peak_rss_mib()
    );
}
