//! Benchmark (not a test): `POST /api/v1/requests` through a real server on 127.0.0.1, with
//! 8 clients at once: requests per second and p50/p99 latency. SQLite by default;
//! PostgreSQL with BENCH_POSTGRES=1 and DATABASE_URL set.
//! Run: `cargo bench -p server --bench api`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic

use std::time::{Duration, Instant};

use backend::testing::TestDb;
use domain::scope::ApiScope;
use leptos::config::LeptosOptions;
use server::http::{router::router, state::AppState};

const REQUESTS: usize = 4_000;
const CLIENTS: usize = 8;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_env_filter("error").init();
    let postgres = std::env::var("BENCH_POSTGRES").is_ok();
    let t = if postgres {
        TestDb::postgres().await
    } else {
        TestDb::sqlite().await
    };
    let (backend, _) = t.backend();
    let key = backend
        .create_api_key("bench", &[ApiScope::RequestsWrite])
        .await
        .unwrap()
        .0;
    let leptos = LeptosOptions::builder().output_name("rightful").build();
    let app = router(AppState {
        leptos,
        backend,
        edge: Default::default(),
    })
    .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/v1/requests", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let client = reqwest::Client::new();
    let started = Instant::now();
    let clients = (0..CLIENTS).map(|c| {
        let (client, url, key) = (client.clone(), url.clone(), key.clone());
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            for i in 0..REQUESTS / CLIENTS {
                let body = format!(
                    r#"{{"email":"p{c}-{i}@example.com","kind":"access","jurisdiction":"DE"}}"#
                );
                let sent = Instant::now();
                let reply = client
                    .post(&url)
                    .bearer_auth(&key)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(reply.status(), 201, "{}", reply.text().await.unwrap());
                reply.bytes().await.unwrap();
                latencies.push(sent.elapsed());
            }
            latencies
        })
    });
    let mut latencies: Vec<Duration> = Vec::new();
    for client in clients.collect::<Vec<_>>() {
        latencies.extend(client.await.unwrap());
    }
    let secs = started.elapsed().as_secs_f64();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "{}: {REQUESTS} requests from {CLIENTS} clients in {secs:.1} s: {:.0} requests/s, \
         p50 {:.1} ms, p99 {:.1} ms",
        if postgres { "PostgreSQL" } else { "SQLite" },
        REQUESTS as f64 / secs,
        at(0.50).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
    );
}
