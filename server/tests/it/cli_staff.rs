//! `rightful staff`, `seed`, `audit`, `report` and `evidence` as an operator runs them on the
//! embedded database.

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

fn rightful_in(dir: &std::path::Path, args: &[&str], input: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rightful"))
        .args(args)
        .env("RIGHTFUL_DATA_DIR", dir)
        .env_remove("DATABASE_URL")
        .env("RIGHTFUL_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = input {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn staff_accounts_are_created_listed_and_disabled() {
    let dir = tempfile::tempdir().unwrap();
    let out = rightful_in(
        dir.path(),
        &[
            "staff",
            "create",
            "--email",
            "ops@example.com",
            "--role",
            "operator",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let password = text(&out.stdout);
    assert_eq!(
        password.trim().len(),
        24,
        "a generated password, printed once"
    );
    assert!(text(&out.stderr).contains("shown once"));

    let out = rightful_in(
        dir.path(),
        &[
            "staff",
            "create",
            "--email",
            "legal@example.com",
            "--role",
            "legal",
            "--password-stdin",
            "--totp",
        ],
        Some("a long enough password\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("otpauth://totp/Rightful:legal%40example.com?secret="));

    for (args, input) in [
        (
            vec![
                "staff",
                "create",
                "--email",
                "x@example.com",
                "--role",
                "boss",
            ],
            None,
        ),
        (
            vec![
                "staff",
                "create",
                "--email",
                "not-an-address",
                "--role",
                "legal",
            ],
            None,
        ),
        (
            vec![
                "staff",
                "create",
                "--email",
                "ops@example.com",
                "--role",
                "legal",
            ],
            None,
        ),
        (
            vec![
                "staff",
                "create",
                "--email",
                "y@example.com",
                "--role",
                "legal",
                "--password-stdin",
            ],
            Some("short"),
        ),
        (vec!["staff", "disable", "nobody@example.com"], None),
    ] {
        let out = rightful_in(dir.path(), &args, input);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr).trim_end().lines().count(), 1, "{args:?}");
        assert!(!text(&out.stderr).contains("panicked"));
    }

    let out = rightful_in(dir.path(), &["staff", "disable", "ops@example.com"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = rightful_in(dir.path(), &["staff", "list"], None);
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["email"], "ops@example.com");
    assert_eq!(lines[1]["disabled"], true);
    assert_eq!(lines[0]["totp"], true);
    assert!(
        !text(&out.stdout).contains("password"),
        "no hash is ever listed"
    );
}

#[test]
fn seed_fills_an_empty_database_showing_progress() {
    let dir = tempfile::tempdir().unwrap();
    let out = rightful_in(
        dir.path(),
        &["seed", "--requests", "3000", "--seed", "5"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("seeded 3000 of 3000 requests"), "{err}");
    assert!(err.contains("Seeded 2400 people, 3000 requests"), "{err}");
    let again = rightful_in(dir.path(), &["seed", "--requests", "10"], None);
    assert_eq!(again.status.code(), Some(2), "an empty database only");
}

/// Runs `script` with Python's sqlite3 on the embedded database in `dir` (as `db`).
fn sqlite(dir: &std::path::Path, script: &str) -> String {
    let out = Command::new("python3")
        .args([
            "-c",
            &format!("import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\n{script}"),
        ])
        .arg(dir.join("rightful.db"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout).trim().to_owned()
}

#[test]
fn audit_verify_names_a_tampered_entry_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = rightful_in(dir.path(), &["seed", "--requests", "50"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = rightful_in(dir.path(), &["audit", "anchor"], None);
    assert!(
        text(&out.stdout).starts_with("anchor 1: "),
        "{}",
        text(&out.stdout)
    );
    let out = rightful_in(dir.path(), &["audit", "verify"], None);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("audit log intact: 50 chains"));

    // One entry rewritten in place, as someone with the database file could.
    let event = sqlite(
        dir.path(),
        "row = db.execute('SELECT id FROM request_events WHERE seq = 2 ORDER BY id LIMIT 1').fetchone()\n\
         db.execute(\"UPDATE request_events SET detail = detail || ' ' WHERE id = ?\", row)\n\
         db.commit()\nprint(row[0])",
    );
    let out = rightful_in(dir.path(), &["audit", "verify"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let report = text(&out.stdout);
    assert!(
        report.contains(&format!("at entry 2 (event {event})")),
        "{report}"
    );
    assert!(report.contains("audit log BROKEN"), "{report}");
}

#[test]
fn reports_and_an_evidence_bundle_come_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = rightful_in(
        dir.path(),
        &["seed", "--requests", "300", "--seed", "7"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let year = (chrono::Utc::now() - chrono::Duration::days(366))
        .format("%Y")
        .to_string();
    let run = |args: &[&str]| rightful_in(dir.path(), args, None);

    let out = run(&["report", "ccpa", "--year", &year, "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 6, "{csv}");
    assert!(lines[0].starts_with("year,category,received,"));
    let mut received = 0;
    for line in &lines[1..] {
        let n: Vec<u64> = line
            .split(',')
            .skip(2)
            .take(11)
            .map(|f| f.parse().unwrap())
            .collect();
        // received = complied + denied + withdrawn + pending; denials add up by reason.
        assert_eq!(n[0], n[1] + n[2] + n[8] + n[9], "{line}");
        assert_eq!(n[2], n[3..8].iter().sum::<u64>(), "{line}");
        received += n[0];
    }
    assert!(received > 0, "{csv}");
    let out = run(&[
        "report",
        "ccpa",
        "--year",
        &year,
        "--format",
        "html",
        "--language",
        "de",
    ]);
    let html = text(&out.stdout);
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("lang=\"de\""),
        "{html}"
    );
    assert!(html.contains("Löschanträge"), "{html}");
    let out = run(&["report", "ccpa", "--year", &year, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 5);
    let out = run(&["report", "ccpa", "--year", &year, "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--format"),
        "{}",
        text(&out.stderr)
    );

    let out = run(&["report", "deadlines"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert_eq!(report.lines().count(), 301, "a header and every request");
    let first = report.lines().nth(1).unwrap();
    let out = run(&[
        "report",
        "deadlines",
        "--regime",
        "uk_gdpr",
        "--format",
        "json",
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["regime"] == "uk_gdpr"));
    let out = run(&["report", "deadlines", "--from", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(2));

    let id = first.split(',').next().unwrap();
    let zip = dir.path().join("bundle.zip");
    let out = run(&["evidence", id, "--output", zip.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&zip).unwrap();
    assert!(bytes.starts_with(b"PK"), "a ZIP");
    let again = run(&["evidence", id, "--output", zip.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "never overwrites");
    let unknown = run(&[
        "evidence",
        "00000000-0000-0000-0000-000000000000",
        "--output",
        "x.zip",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("no such request"));
}
