//! A closed-loop HTTP load generator over real TCP (each client one keep-alive connection,
//! sending its next request when the last is answered), the row format `scripts/bench.sh`
//! gathers into its table, and a child process's resident memory.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // a benchmark may panic

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

/// What one load run saw.
pub struct Load {
    /// Answers with the expected status.
    pub ok: usize,
    /// Answers with another status, or no answer.
    pub errors: usize,
    /// The first error, to print.
    pub first_error: Option<String>,
    /// Wall time of the run.
    pub seconds: f64,
    /// Latency of every answered request, sorted.
    pub latencies: Vec<Duration>,
}

impl Load {
    /// Expected answers per second.
    pub fn rate(&self) -> f64 {
        self.ok as f64 / self.seconds
    }

    /// The `p`th percentile latency in milliseconds.
    pub fn p(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let at = ((self.latencies.len() as f64 * p / 100.0) as usize).min(self.latencies.len() - 1);
        self.latencies[at].as_secs_f64() * 1000.0
    }

    /// One line for the log.
    pub fn summary(&self) -> String {
        format!(
            "{:.1}/s, p50 {:.1} ms, p99 {:.1} ms, max {:.0} ms, {} errors{}",
            self.rate(),
            self.p(50.0),
            self.p(99.0),
            self.p(100.0),
            self.errors,
            self.first_error
                .as_deref()
                .map(|e| format!(" (first: {e})"))
                .unwrap_or_default()
        )
    }
}

/// A request to send: the body for client `c`'s `n`th request.
pub type Body = Arc<dyn Fn(usize, usize) -> String + Send + Sync>;

/// POSTs JSON to `url` from `clients` clients for `duration`; `expect` is the status that
/// counts as success.
pub async fn post(
    url: &str,
    bearer: Option<&str>,
    clients: usize,
    duration: Duration,
    expect: u16,
    body: Body,
) -> Load {
    let started = Instant::now();
    let until = started + duration;
    let runs = (0..clients).map(|c| {
        let (url, bearer, body) = (url.to_owned(), bearer.map(str::to_owned), body.clone());
        tokio::spawn(async move {
            // One client (one connection) per task, as wrk's connections are.
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()
                .unwrap();
            let (mut latencies, mut errors, mut first_error) = (Vec::new(), 0, None);
            let mut n = 0;
            while Instant::now() < until {
                let mut request = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body(c, n));
                if let Some(key) = &bearer {
                    request = request.bearer_auth(key);
                }
                n += 1;
                let sent = Instant::now();
                match request.send().await {
                    Ok(reply) if reply.status().as_u16() == expect => {
                        reply.bytes().await.ok();
                        latencies.push(sent.elapsed());
                    }
                    Ok(reply) => {
                        errors += 1;
                        let status = reply.status();
                        let text = reply.text().await.unwrap_or_default();
                        first_error.get_or_insert(format!("{status}: {text}"));
                    }
                    Err(e) => {
                        errors += 1;
                        first_error.get_or_insert(e.to_string());
                    }
                }
            }
            (latencies, errors, first_error)
        })
    });
    let mut load = Load {
        ok: 0,
        errors: 0,
        first_error: None,
        seconds: 0.0,
        latencies: Vec::new(),
    };
    for run in runs.collect::<Vec<_>>() {
        let (latencies, errors, first_error) = run.await.unwrap();
        load.latencies.extend(latencies);
        load.errors += errors;
        if load.first_error.is_none() {
            load.first_error = first_error;
        }
    }
    load.seconds = started.elapsed().as_secs_f64();
    load.ok = load.latencies.len();
    load.latencies.sort();
    load
}

/// One row of `scripts/bench.sh`'s table: what was measured, on which database, the figure
/// with its unit, the bare baseline's figure from the same run (if there is one), and the
/// goal.
pub fn row(work: &str, database: &str, figure: f64, unit: &str, baseline: Option<f64>, goal: &str) {
    let (baseline, ratio) = match baseline {
        Some(b) => (format!("{b:.0} {unit}"), format!("{:.3}", figure / b)),
        None => ("".into(), "".into()),
    };
    println!("ROW|{work}|{database}|{figure:.1} {unit}|{baseline}|{ratio}|{goal}");
}

/// A process's resident memory in MB, from /proc.
pub fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1000.0)
}

/// Waits until `url` answers 200, for at most `limit`; returns how long it took.
pub async fn wait_until_up(url: &str, limit: Duration) -> Duration {
    let started = Instant::now();
    let client = reqwest::Client::new();
    loop {
        if let Ok(reply) = client.get(url).send().await
            && reply.status().is_success()
        {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < limit,
            "{url} did not come up in {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// `rightful serve` on `t`'s database at `addr`, with its in-process worker, mail to the
/// outbox folder, and logs at warn.
pub fn spawn_rightful(t: &backend::testing::TestDb, addr: &str) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_rightful"))
        .arg("serve")
        .env("DATABASE_URL", &t.url)
        .env("RIGHTFUL_ADDR", addr)
        .env("RIGHTFUL_DATA_DIR", t.dir.path())
        .env("RIGHTFUL_SECRET", backend::testing::SECRET)
        .env("RIGHTFUL_LOG", "warn")
        .spawn()
        .unwrap()
}

/// Stops a child server with SIGTERM, as an operator would, and waits for it.
pub fn stop(child: &mut std::process::Child) {
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

/// A free port on 127.0.0.1 (bound and released; another process could take it first, which
/// a benchmark can live with).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
