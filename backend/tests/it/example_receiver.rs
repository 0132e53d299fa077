//! The example receiver in docs/examples/webhook_receiver.py, run as integrators would run it,
//! takes real deliveries: it checks signatures, answers with receipts or data, and applies
//! each event once.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
};

use backend::{
    jobs::Worker,
    systems::NewSystem,
    testing::{TestDb, webhook_system},
};
use domain::{Email, RequestKind, RequestStatus, system::Capability};

const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../docs/examples/webhook_receiver.py"
);

/// The receiver process, stopped when dropped.
struct Example(Child);

impl Drop for Example {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the example on a free port; returns it and its endpoint.
fn start(secret: &str, mode: &str, log: &std::path::Path) -> (Example, String) {
    let mut child = Command::new("python3")
        .args([
            SCRIPT, "--secret", secret, "--port", "0", "--mode", mode, "--log",
        ])
        .arg(log)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 runs the example receiver");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_owned();
    (Example(child), url)
}

async fn the_example_receiver_takes_real_deliveries(t: TestDb) {
    let (backend, _) = t.backend();
    let secret = "whsec_example_receiver_test_secret_0123456789";
    let log = t.dir.path().join("applied.txt");
    let (_receipts, receipts_url) = start(secret, "receipt", &log);
    let (_data, data_url) = start(secret, "data", &t.dir.path().join("data.txt"));
    for (name, capability, url) in [
        ("eraser", Capability::Delete, receipts_url),
        ("shop", Capability::AccessExport, data_url),
    ] {
        let new = NewSystem {
            timeout_ms: 5_000,
            ..webhook_system(name, &url, &[capability])
        };
        backend.declare_system(new, secret).await.unwrap();
    }
    let email = Email::parse("ada@example.com").unwrap();
    let mut ids = Vec::new();
    for kind in [
        RequestKind::RemoveFromOutputs,
        RequestKind::RemoveFromOutputs,
        RequestKind::Export,
    ] {
        ids.push(
            backend
                .file_request_for(&email, None, kind, None)
                .await
                .unwrap()
                .id,
        );
    }
    Worker::new(backend.clone()).drain().await.unwrap();
    for id in ids {
        assert_eq!(
            backend.request_view(id).await.unwrap().status,
            RequestStatus::Completed
        );
    }
    let applied = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        applied.lines().count(),
        2,
        "each event applied once: {applied}"
    );
}

backend::db_tests!(the_example_receiver_takes_real_deliveries);
