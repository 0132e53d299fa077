//! Benchmark (not a test): the staff console's queue over a seeded database, through a real
//! server on 127.0.0.1. Seeds BENCH_REQUESTS requests (1,000,000 by default; the seeding
//! time is printed), signs an operator in, then for the default view and a filtered view
//! (overdue, one jurisdiction): server time one request at a time (p50, p95; loopback, so
//! the network adds little), and throughput at 16 clients at once. Prints each query's plan.
//! SQLite by default; PostgreSQL with BENCH_POSTGRES=1 and DATABASE_URL set.
//! Run: `cargo bench -p server --bench console`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic

use std::time::{Duration, Instant};

use backend::{
    console::seed::SeedPlan,
    staff::{NewStaff, Password, StaffCredentials},
    testing::{TestDb, client},
};
use domain::{Email, QueueFilter, StaffRole};
use leptos::config::LeptosOptions;
use server::http::{router::router, state::AppState};

const ONE_AT_A_TIME: usize = 300;
const CONCURRENT: usize = 16;
const PER_CLIENT: usize = 250;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_env_filter("error").init();
    let postgres = std::env::var("BENCH_POSTGRES").is_ok();
    let requests = std::env::var("BENCH_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let t = if postgres {
        TestDb::postgres().await
    } else {
        TestDb::sqlite().await
    };
    let (backend, _) = t.backend();
    let database = if postgres { "PostgreSQL" } else { "SQLite" };
    let started = Instant::now();
    let mut last = Instant::now();
    let seeded = backend
        .seed(
            SeedPlan {
                requests,
                seed: 2026,
            },
            |done| {
                if last.elapsed() > Duration::from_secs(10) {
                    last = Instant::now();
                    eprintln!("  seeded {done} of {requests}");
                }
            },
        )
        .await
        .unwrap();
    println!(
        "{database}: seeded {} requests, {} audit entries in {:.1} s",
        seeded.requests,
        seeded.events,
        started.elapsed().as_secs_f64()
    );
    let cookie = operator_cookie(&backend).await;
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
    let leptos = LeptosOptions::builder().output_name("rightful").build();
    let app = router(AppState {
        leptos,
        backend,
        edge: Default::default(),
    })
    .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
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
    }
}

async fn operator_cookie(backend: &backend::Backend) -> String {
    let email = Email::parse("bench@example.com").unwrap();
    let password = "a bench password of some length";
    backend
        .create_staff(NewStaff {
            email: email.clone(),
            role: StaffRole::Operator,
            password: Some(Password(password.into())),
            totp: false,
        })
        .await
        .unwrap();
    let credentials = StaffCredentials {
        email,
        password: Password(password.into()),
        code: None,
    };
    let token = backend.staff_sign_in(credentials, &client()).await.unwrap();
    format!("{}={}", app::staff::STAFF_COOKIE, token.0)
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

fn percentile(samples: &mut [Duration], p: usize) -> Duration {
    samples.sort();
    samples[(samples.len() * p / 100).min(samples.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
