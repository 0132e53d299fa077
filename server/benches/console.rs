//! Benchmark (not a test): the staff console's queue over a seeded database, through a real
//! server on 127.0.0.1. Seeds BENCH_REQUESTS requests (1,000,000 by default; the seeding
//! time is printed), signs an operator in, then for the default view and a filtered view
//! (overdue, one jurisdiction): server time one request at a time (p50, p95; loopback, so
//! the network adds little), and throughput at 16 clients at once. Prints each query's plan.
//! SQLite by default; PostgreSQL with BENCH_POSTGRES=1 and DATABASE_URL set.
//! Run: `cargo bench -p server --bench console`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic

mod common;

use std::time::{Duration, Instant};

use domain::{QueueFilter, StaffRole};

use common::{database, ms, percentile, seed, serve, staff_cookie};

const ONE_AT_A_TIME: usize = 300;
const CONCURRENT: usize = 16;
const PER_CLIENT: usize = 250;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_env_filter("error").init();
    let (t, database, requests) = database().await;
    let (backend, _) = t.backend();
    seed(&backend, database, requests).await;
    let cookie = staff_cookie(&backend, StaffRole::Operator).await;
    let views = [
        ("default view", "/console", QueueFilter::default()),
        (
            "overdue in US-CA",
            "/console?overdue=true&jurisdiction=US-CA",
            QueueFilter::parse([("overdue", "true"), ("jurisdiction", "US-CA")]).unwrap(),
        ),
    ];
    for (_, _, filter) in &views {
        for line in backend.explain_queue(filter).await.unwrap() {
            println!("  plan: {line}");
        }
    }
    let base = serve(backend).await;
    let client = reqwest::Client::new();
    for (name, path, _) in views {
        let url = format!("{base}{path}");
        let mut one = Vec::new();
        for i in 0..ONE_AT_A_TIME + 20 {
            let sent = Instant::now();
            fetch(&client, &url, &cookie).await;
            if i >= 20 {
                one.push(sent.elapsed());
            }
        }
        let (rate, mut many) = concurrently(&client, &url, &cookie).await;
        println!(
            "{database} {name}: one at a time p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms; \
             {CONCURRENT} at once {rate:.0} req/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
            ms(percentile(&mut one, 50)),
            ms(percentile(&mut one, 95)),
            ms(percentile(&mut one, 99)),
            ms(percentile(&mut many, 50)),
            ms(percentile(&mut many, 95)),
            ms(percentile(&mut many, 99)),
        );
        let p50 = ms(percentile(&mut one, 50));
        let one_at_a_time = format!("console queue, {name}, one at a time, p50");
        common::load::row(&one_at_a_time, database, p50, "ms", None, "-");
        let at_once = format!("console queue, {name}, {CONCURRENT} at once");
        common::load::row(&at_once, database, rate, "req/s", None, "-");
    }
}

async fn fetch(client: &reqwest::Client, url: &str, cookie: &str) {
    let reply = client
        .get(url)
        .header("cookie", cookie)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success(), "{}", reply.status());
    let body = reply.text().await.unwrap();
    assert!(body.contains("bench@example.com"), "a signed-in page");
}

async fn concurrently(client: &reqwest::Client, url: &str, cookie: &str) -> (f64, Vec<Duration>) {
    let started = Instant::now();
    // Collected, so every client starts before the first is awaited.
    let tasks: Vec<_> = (0..CONCURRENT)
        .map(|_| {
            let (client, url, cookie) = (client.clone(), url.to_owned(), cookie.to_owned());
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(PER_CLIENT);
                for _ in 0..PER_CLIENT {
                    let sent = Instant::now();
                    fetch(&client, &url, &cookie).await;
                    latencies.push(sent.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    let rate = all.len() as f64 / started.elapsed().as_secs_f64();
    (rate, all)
}
