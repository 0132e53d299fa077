//! Computes deadlines for 1,000,000 requests across mixed jurisdictions, kinds and clock
//! events on one core, and prints the total time and the rate.
//!
//! Run with `cargo bench -p domain --bench deadlines`. The target is under one second.

use std::{hint::black_box, time::Instant};

use chrono::{DateTime, Days, TimeZone, Utc};
use domain::{
    JurisdictionCode, RequestKind,
    deadline::{ClockEvent, Policy, compute},
};

const REQUESTS: usize = 1_000_000;

const CODES: &[&str] = &[
    "DE", "FR", "IE", "NL", "ES", "IT", "PL", "SE", "AT", "BE", "PT", "FI", "NO", "GB-ENG",
    "GB-WLS", "GB-SCT", "GB-NIR", "US-CA", "US-CA", "US-CA", "US-VA", "US-TX", "US-CO", "US-IA",
    "US-OR", "BR", "CA", "CA-QC", "JP", "AU",
];

/// Every kind except `appeal`, which most regimes refuse; appeals are mixed in under US-VA.
const KINDS: &[RequestKind] = &[
    RequestKind::Access,
    RequestKind::Export,
    RequestKind::Delete,
    RequestKind::Correct,
    RequestKind::OptOutTraining,
    RequestKind::OptOutSale,
    RequestKind::LimitSensitive,
    RequestKind::RemoveFromOutputs,
];

struct Input {
    code: usize,
    kind: RequestKind,
    received: DateTime<Utc>,
    events: Vec<ClockEvent>,
}

/// A small xorshift generator, so the inputs are the same on every run.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn inputs(codes: &[JurisdictionCode]) -> Vec<Input> {
    let (from, span) = (1_420_070_400i64, 30 * 365 * 86_400i64); // 2015-01-01, 30 years
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..REQUESTS)
        .map(|i| {
            let mut code = (next(&mut state) % codes.len() as u64) as usize;
            let mut kind = KINDS[(next(&mut state) % KINDS.len() as u64) as usize];
            if i % 50 == 0 {
                (code, kind) = (20, RequestKind::Appeal); // US-VA
            }
            let seconds = from + (next(&mut state) % span as u64) as i64;
            let received = Utc.timestamp_opt(seconds, 0).single().unwrap_or_default();
            let gdpr_or_uk = code < 17; // DE … GB-NIR
            let events = match (gdpr_or_uk, i % 20) {
                (true, 0) => {
                    let from = received.date_naive() + Days::new(3);
                    vec![ClockEvent::Pause {
                        from,
                        to: from + Days::new(4),
                    }]
                }
                (true, 1) => vec![ClockEvent::Extend {
                    on: received.date_naive() + Days::new(20),
                }],
                _ => Vec::new(),
            };
            Input {
                code,
                kind,
                received,
                events,
            }
        })
        .collect()
}

fn main() {
    let codes: Vec<JurisdictionCode> = CODES
        .iter()
        .filter_map(|c| JurisdictionCode::parse(c).ok())
        .collect();
    let inputs = inputs(&codes);
    let policy = Policy::default();

    let started = Instant::now();
    let (mut checksum, mut trail_lines, mut refused) = (0i64, 0usize, 0usize);
    for input in &inputs {
        let result = compute(
            &codes[input.code],
            input.kind,
            input.received,
            &input.events,
            &policy,
        );
        match black_box(result) {
            Ok(m) => {
                checksum += m.respond_by.map_or(0, |r| r.end.timestamp());
                trail_lines += m.trail.len();
            }
            Err(_) => refused += 1,
        }
    }
    let elapsed = started.elapsed();

    let seconds = elapsed.as_secs_f64();
    println!(
        "deadlines: {REQUESTS} requests across {} jurisdictions",
        CODES.len()
    );
    println!("  total     {:.3} s", seconds);
    println!("  rate      {:.0} requests/s", REQUESTS as f64 / seconds);
    println!("  per call  {:.0} ns", seconds * 1e9 / REQUESTS as f64);
    println!("  ({trail_lines} trail lines, {refused} refused, checksum {checksum})");
    println!(
        "ROW|deadline engine, one request's milestones|-|{:.0} requests/s|||-",
        REQUESTS as f64 / seconds
    );
}
