//! Benchmark (not a test): fan-out deliveries per second against a fast data system on
//! 127.0.0.1, next to a bare reqwest loop sending the same signed requests to it. Both run
//! at the same concurrency. Run: `cargo bench -p backend --bench fanout`
//! (BENCH_POSTGRES=1 with DATABASE_URL for PostgreSQL).
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
    webhooks::sign,
};
use domain::{Email, RequestKind, system::Capability};

const TASKS: usize = 2_000;

async fn bare_loop(url: &str, secret: &str, concurrency: usize) -> f64 {
    let client = reqwest::Client::new();
    let started = Instant::now();
    let per = TASKS / concurrency;
    let runs = (0..concurrency).map(|c| {
        let (client, url, secret) = (client.clone(), url.to_owned(), secret.to_owned());
        tokio::spawn(async move {
            for i in 0..per {
                // The documented event, as Rightful sends it (the receiver checks its shape).
                let body = serde_json::json!({
                    "event_id": uuid::Uuid::new_v4(),
                    "request_id": uuid::Uuid::new_v4(),
                    "kind": "remove_from_outputs",
                    "subject": {
                        "subject_id": uuid::Uuid::new_v4(),
                        "email": format!("p{c}-{i}@example.com"),
                        "user_id": null,
                    },
                    "callback_url": "http://127.0.0.1:9/callback",
                    "deadline": null,
                })
                .to_string();
                let signature = sign(&secret, chrono::Utc::now().timestamp(), body.as_bytes());
                let reply = client
                    .post(&url)
                    .header("Rightful-Signature", signature)
                    .header("Idempotency-Key", format!("bare-{c}-{i}"))
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert!(reply.status().is_success());
                reply.bytes().await.unwrap();
            }
        })
    });
    for run in runs.collect::<Vec<_>>() {
        run.await.unwrap();
    }
    TASKS as f64 / started.elapsed().as_secs_f64()
}

async fn fan_out(t: &TestDb, concurrency: usize) -> f64 {
    let (backend, _) = t.backend();
    for i in 0..TASKS {
        let email = Email::parse(&format!("p{concurrency}-{i}@example.com")).unwrap();
        backend
            .file_request_for(&email, None, RequestKind::RemoveFromOutputs, None)
            .await
            .unwrap();
    }
    let started = Instant::now();
    let workers = (0..concurrency).map(|_| {
        let worker = Worker::new(backend.clone());
        tokio::spawn(async move { worker.drain().await.unwrap() })
    });
    let mut jobs = 0;
    for worker in workers.collect::<Vec<_>>() {
        jobs += worker.await.unwrap();
    }
    // Each request also sends its receipt mail; count deliveries only.
    assert!(jobs >= TASKS);
    TASKS as f64 / started.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let postgres = std::env::var("BENCH_POSTGRES").is_ok();
    let t = if postgres {
        TestDb::postgres().await
    } else {
        TestDb::sqlite().await
    };
    let (backend, _) = t.backend();
    let receiver = Receiver::start(Behaviour::Receipt).await;
    let new = NewSystem {
        timeout_ms: 10_000,
        ..webhook_system("fast", &receiver.url, &[Capability::Delete])
    };
    let secret = backend.add_system(new).await.unwrap().0;
    receiver.set_secret(&secret);
    let db = if postgres { "PostgreSQL" } else { "SQLite" };
    for concurrency in [1, 4] {
        let bare = bare_loop(&receiver.url, &secret, concurrency).await;
        let rightful = fan_out(&t, concurrency).await;
        println!(
            "{db}, concurrency {concurrency}: fan-out {rightful:.0} tasks/s (with each \
             request's receipt mail), bare reqwest {bare:.0} requests/s, ratio {:.2}",
            rightful / bare
        );
        println!(
            "ROW|fan-out to a fast local system, concurrency {concurrency}|{db}|{rightful:.0} tasks/s|{bare:.0} req/s|{:.3}|ratio ≥ 0.5",
            rightful / bare
        );
    }
}
