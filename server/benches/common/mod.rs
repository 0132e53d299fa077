//! What the console and reports benchmarks share: a database seeded with the console's seed
//! (timed), a signed-in member of staff's cookie, a real server on 127.0.0.1, and percentiles.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // a benchmark may panic

pub mod bare;
pub mod load;

use std::time::{Duration, Instant};

use backend::{
    Backend,
    console::seed::SeedPlan,
    staff::{NewStaff, Password, StaffCredentials},
    testing::{TestDb, client},
};
use domain::{Email, StaffRole};
use leptos::config::LeptosOptions;
use server::http::{router::router, state::AppState};

/// A fresh database (PostgreSQL with BENCH_POSTGRES=1 and DATABASE_URL set, else SQLite),
/// its name, and how many requests to seed (BENCH_REQUESTS, 1,000,000 by default).
pub async fn database() -> (TestDb, &'static str, u64) {
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
    (t, if postgres { "PostgreSQL" } else { "SQLite" }, requests)
}

/// Seeds `requests` requests, printing progress and how long it took.
pub async fn seed(backend: &Backend, database: &str, requests: u64) {
    let started = Instant::now();
    let mut last = Instant::now();
    let plan = SeedPlan {
        requests,
        seed: 2026,
    };
    let seeded = backend
        .seed(plan, |done| {
            if last.elapsed() > Duration::from_secs(10) {
                last = Instant::now();
                eprintln!("  seeded {done} of {requests}");
            }
        })
        .await
        .unwrap();
    println!(
        "{database}: seeded {} requests, {} audit entries in {:.1} s",
        seeded.requests,
        seeded.events,
        started.elapsed().as_secs_f64()
    );
}

/// Creates a member of staff of `role` as `bench@example.com`, signs in, and returns the
/// console cookie.
pub async fn staff_cookie(backend: &Backend, role: StaffRole) -> String {
    let email = Email::parse("bench@example.com").unwrap();
    let password = "a bench password of some length";
    backend
        .create_staff(NewStaff {
            email: email.clone(),
            role,
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

/// Serves the whole app on an ephemeral port of 127.0.0.1 and returns its base URL.
pub async fn serve(backend: Backend) -> String {
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
    base
}

pub fn percentile(samples: &mut [Duration], p: usize) -> Duration {
    samples.sort();
    samples[(samples.len() * p / 100).min(samples.len() - 1)]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
