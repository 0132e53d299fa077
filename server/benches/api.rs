//! Benchmark (not a test): intake, `POST /api/v1/requests`, over real TCP against the
//! `rightful serve` process, beside the bare baseline measured in the same run (an axum
//! handler doing one INSERT into a table as wide as `requests`, also in a process of its own;
//! see `common/bare.rs`). Each at 16 and 64 concurrent clients for BENCH_SECONDS (10 by
//! default); then three rounds of BENCH_MEMORY_SECONDS (30) at 64, with the server's resident
//! memory idle before and after each round. Prints `ROW|…` lines for `scripts/bench.sh`.
//! SQLite by default; PostgreSQL with BENCH_POSTGRES=1 and DATABASE_URL set.
//! Run: `cargo bench -p server --bench api`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic

mod common;

use std::{sync::Arc, time::Duration};

use backend::testing::TestDb;
use common::{
    bare,
    load::{self, Body, Load, row, spawn_rightful, stop},
};
use domain::scope::ApiScope;

fn main() {
    bare::serve_if_asked();
    tokio::runtime::Runtime::new().unwrap().block_on(run());
}

fn seconds(variable: &str, default: u64) -> Duration {
    let n = std::env::var(variable).ok().and_then(|s| s.parse().ok());
    Duration::from_secs(n.unwrap_or(default))
}

/// A filing for a new person each time, so no filing meets another's subject.
fn filings(tag: &'static str) -> Body {
    Arc::new(move |c, n| {
        format!(r#"{{"email":"{tag}-{c}-{n}@example.com","kind":"access","jurisdiction":"DE"}}"#)
    })
}

async fn run() {
    tracing_subscriber::fmt().with_env_filter("error").init();
    let (t, database, _) = common::database().await;
    let measure = seconds("BENCH_SECONDS", 10);

    let addr = format!("127.0.0.1:{}", load::free_port());
    let url = format!("http://{addr}/api/v1/requests");
    let mut bare_server = bare::spawn(&t.url, &addr);
    load::wait_until_up(&format!("http://{addr}/healthz"), Duration::from_secs(30)).await;
    let mut bare_runs = Vec::new();
    for clients in [16, 64] {
        let run = load::post(&url, None, clients, measure, 201, filings("bare")).await;
        println!("{database} bare INSERT, c{clients}: {}", run.summary());
        bare_runs.push(run);
    }
    stop(&mut bare_server);

    let key = {
        let (backend, _) = t.backend();
        backend
            .create_api_key("bench", &[ApiScope::RequestsWrite])
            .await
            .unwrap()
            .0
    };
    let addr = format!("127.0.0.1:{}", load::free_port());
    let url = format!("http://{addr}/api/v1/requests");
    let mut server = spawn_rightful(&t, &addr);
    let up = load::wait_until_up(&format!("http://{addr}/healthz"), Duration::from_secs(60)).await;
    println!(
        "{database}: rightful serve answered in {:.0} ms",
        up.as_secs_f64() * 1000.0
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = load::rss_mb(server.id());
    let c16 = load::post(&url, Some(&key), 16, measure, 201, filings("c16")).await;
    println!("{database} rightful, c16: {}", c16.summary());
    let rounds = memory_rounds(&url, &key, server.id(), database).await;
    print_rows(database, &bare_runs, &c16, &rounds, idle);
    suppression(&t, &format!("http://{addr}"), database, measure).await;
    stop(&mut server);
}

/// The suppression check over HTTP: 100,000 people, a tenth opted out, checked 100,000 per
/// call by two clients at once (a training pipeline's shards).
async fn suppression(t: &TestDb, base: &str, database: &str, measure: Duration) {
    const PEOPLE: usize = 100_000;
    let (backend, _) = t.backend();
    backend::testing::seed_people(&t.db, &backend, PEOPLE, 10).await;
    let key = backend
        .create_api_key("pipeline", &[ApiScope::SuppressionRead])
        .await
        .unwrap()
        .0;
    let identities: Vec<String> = (0..PEOPLE)
        .map(|i| format!(r#"{{"email":"person{i}@example.com"}}"#))
        .collect();
    let call = Arc::new(format!(r#"{{"identities":[{}]}}"#, identities.join(",")));
    let body: Body = Arc::new(move |_, _| call.as_str().to_owned());
    let url = format!("{base}/api/v1/suppression/check");
    let run = load::post(&url, Some(&key), 2, measure, 200, body).await;
    let rate = run.rate() * PEOPLE as f64;
    println!(
        "{database} suppression check, 2 clients: {}; {rate:.0} identities/s",
        run.summary()
    );
    row(
        "suppression check over HTTP, 100k per call, 2 clients",
        database,
        rate,
        "identities/s",
        None,
        "≥ 1,000,000/s",
    );
}

/// Three rounds at 64 concurrent filings, each followed by idle; the server's resident
/// memory after each.
async fn memory_rounds(url: &str, key: &str, pid: u32, database: &str) -> Vec<(Load, f64)> {
    let mut rounds = Vec::new();
    for round in 1..=3 {
        let tag: &'static str = ["r1", "r2", "r3"][round - 1];
        let run = load::post(
            url,
            Some(key),
            64,
            seconds("BENCH_MEMORY_SECONDS", 30),
            201,
            filings(tag),
        )
        .await;
        // The worker sends the receipts queued during the round; memory is read once idle.
        tokio::time::sleep(Duration::from_secs(5)).await;
        let rss = load::rss_mb(pid);
        println!(
            "{database} rightful, c64 round {round}: {}; RSS {rss:.1} MB",
            run.summary()
        );
        rounds.push((run, rss));
    }
    rounds
}

fn print_rows(database: &str, bare: &[Load], c16: &Load, rounds: &[(Load, f64)], idle: f64) {
    let c64 = &rounds[0].0;
    let intake = "POST /api/v1/requests";
    row(
        &format!("{intake}, c16"),
        database,
        c16.rate(),
        "req/s",
        Some(bare[0].rate()),
        "ratio ≥ 0.5",
    );
    row(
        &format!("{intake}, c16, p99"),
        database,
        c16.p(99.0),
        "ms",
        Some(bare[0].p(99.0)),
        "≤ 20 ms",
    );
    row(
        &format!("{intake}, c64"),
        database,
        c64.rate(),
        "req/s",
        Some(bare[1].rate()),
        "ratio ≥ 0.5",
    );
    row(
        &format!("{intake}, c64, p99"),
        database,
        c64.p(99.0),
        "ms",
        Some(bare[1].p(99.0)),
        "≤ 50 ms",
    );
    let errors = c16.errors + rounds.iter().map(|(r, _)| r.errors).sum::<usize>();
    row(
        &format!("{intake}, errors"),
        database,
        errors as f64,
        "",
        None,
        "0",
    );
    row("server RSS, idle", database, idle, "MB", None, "< 20 MB");
    for (i, (_, rss)) in rounds.iter().enumerate() {
        row(
            &format!("server RSS after c64 round {}", i + 1),
            database,
            *rss,
            "MB",
            None,
            "flat",
        );
    }
}
