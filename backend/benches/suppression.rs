//! Benchmark (not a test): suppression checks of 100,000 identities against 100,000 people,
//! a tenth of them opted out, on SQLite (and on PostgreSQL with BENCH_POSTGRES=1 and
//! DATABASE_URL set). Run: `cargo bench -p backend --bench suppression`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may panic

use std::time::Instant;

use backend::testing::TestDb;
use domain::Email;

const PEOPLE: usize = 100_000;

#[tokio::main]
async fn main() {
    let postgres = std::env::var("BENCH_POSTGRES").is_ok();
    let t = if postgres {
        TestDb::postgres().await
    } else {
        TestDb::sqlite().await
    };
    let (backend, _) = t.backend();
    let started = Instant::now();
    backend::testing::seed_people(&t.db, &backend, PEOPLE, 10).await;
    println!(
        "seeded {PEOPLE} people in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let identities: Vec<Email> = (0..PEOPLE)
        .map(|i| Email::parse(&format!("person{i}@example.com")).unwrap())
        .collect();
    for round in 1..=3 {
        let started = Instant::now();
        let suppressed = backend.suppressed_emails(&identities).await.unwrap();
        let secs = started.elapsed().as_secs_f64();
        println!(
            "round {round}: {} identities checked, {} opted out, {secs:.3} s, {:.0} identities/s",
            identities.len(),
            suppressed.len(),
            identities.len() as f64 / secs,
        );
        if round == 3 {
            println!(
                "ROW|suppression lookup in process, 100k per call|{}|{:.0} identities/s|||-",
                if postgres { "PostgreSQL" } else { "SQLite" },
                identities.len() as f64 / secs
            );
        }
    }
}
