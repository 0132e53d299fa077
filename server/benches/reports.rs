//! Benchmark (not a test): Legal's reports over a seeded database, through a real server on
//! 127.0.0.1. Seeds BENCH_REQUESTS requests (1,000,000 by default, received over two years),
//! signs a `legal` member of staff in, then times, each RUNS times: the dashboard page
//! (`/console/reports`, rendered), the §7102 metrics for last year as CSV, and as the
//! published page. Beside them, in the same run, the bare baseline: one `SELECT COUNT(*)`
//! over every request (what reading the table once costs on this machine). Prints min,
//! median and max.
//! SQLite by default; PostgreSQL with BENCH_POSTGRES=1 and DATABASE_URL set.
//! Run: `cargo bench -p server --bench reports`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic

mod common;

use std::time::{Duration, Instant};

use chrono::Datelike;
use domain::StaffRole;

use common::{database, ms, percentile, seed, serve, staff_cookie};

const RUNS: usize = 7;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_env_filter("error").init();
    let (t, database, requests) = database().await;
    let (backend, _) = t.backend();
    seed(&backend, database, requests).await;
    if database == "PostgreSQL" {
        // Fresh statistics and visibility map, as autovacuum would leave them.
        t.execute_sql("VACUUM ANALYZE requests").await;
    }
    let cookie = staff_cookie(&backend, StaffRole::Legal).await;
    let year = chrono::Utc::now().year() - 1;
    let baseline = time(|| async {
        assert_eq!(
            t.count("SELECT COUNT(*) FROM requests").await,
            requests as i64
        );
    })
    .await;
    let baseline = report(
        database,
        "baseline: SELECT COUNT(*) FROM requests",
        baseline,
    );
    cold_start(&t, database, requests).await;
    let base = serve(backend).await;
    let client = reqwest::Client::new();
    for (name, path, needle) in [
        ("dashboard page", "/console/reports".to_owned(), "<svg"),
        (
            "§7102 CSV",
            format!("/console/reports/ccpa?year={year}&format=csv"),
            "year,category",
        ),
        (
            "§7102 page",
            format!("/console/reports/ccpa?year={year}&format=html"),
            "<table",
        ),
    ] {
        let url = format!("{base}{path}");
        let samples = time(|| {
            let (client, url, cookie) = (client.clone(), url.clone(), cookie.clone());
            async move {
                let reply = client
                    .get(&url)
                    .header("cookie", cookie)
                    .send()
                    .await
                    .unwrap();
                assert!(reply.status().is_success(), "{}", reply.status());
                assert!(reply.text().await.unwrap().contains(needle));
            }
        })
        .await;
        let median = report(database, name, samples);
        common::load::row(
            &format!("reports: {name}, median, {requests} requests (baseline: COUNT(*))"),
            database,
            median,
            "ms",
            Some(baseline),
            "-",
        );
    }
}

/// Runs `f` [`RUNS`] times, one after another, and returns how long each took.
async fn time<F, Fut>(f: F) -> Vec<Duration>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        f().await;
        samples.push(started.elapsed());
    }
    samples
}

/// Prints the runs, and returns the median in milliseconds.
fn report(database: &str, name: &str, mut samples: Vec<Duration>) -> f64 {
    let first = samples[0];
    let median = ms(percentile(&mut samples, 50));
    println!(
        "{database} {name}: first {:.0} ms, min {:.0} ms, median {median:.0} ms, max {:.0} ms ({RUNS} runs)",
        ms(first),
        ms(*samples.iter().min().unwrap()),
        ms(*samples.iter().max().unwrap()),
    );
    median
}

/// `rightful serve` started on the seeded database: how long until `/healthz` answers.
async fn cold_start(t: &backend::testing::TestDb, database: &str, requests: u64) {
    let addr = format!("127.0.0.1:{}", common::load::free_port());
    let mut server = common::load::spawn_rightful(t, &addr);
    let up =
        common::load::wait_until_up(&format!("http://{addr}/healthz"), Duration::from_secs(120))
            .await;
    common::load::stop(&mut server);
    println!(
        "{database}: rightful serve with {requests} requests answered /healthz in {:.0} ms",
        ms(up)
    );
    common::load::row(
        &format!("cold start: rightful serve to /healthz, {requests} requests"),
        database,
        ms(up),
        "ms",
        None,
        "< 1000 ms",
    );
}
