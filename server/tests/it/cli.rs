//! `rightful deadlines` as an external checker uses it: one JSON object on stdout, or exit
//! status 2 with one line on stderr.

use std::process::{Command, Output};

use serde_json::Value;

fn rightful(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rightful"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs `rightful` on an embedded database in `dir`.
fn rightful_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rightful"))
        .args(args)
        .env("RIGHTFUL_DATA_DIR", dir)
        .env_remove("DATABASE_URL")
        .env("RIGHTFUL_LOG", "warn")
        .output()
        .unwrap()
}

fn deadlines(args: &[&str]) -> Value {
    let out = rightful(&[&["deadlines"], args].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn refused(args: &[&str]) -> String {
    let out = rightful(&[&["deadlines"], args].concat());
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn prints_every_key_with_local_offsets() {
    let v = deadlines(&[
        "--jurisdiction",
        "GB-ENG",
        "--kind",
        "access",
        "--received",
        "2024-11-25T10:00:00Z",
    ]);
    for key in [
        "jurisdiction",
        "regime",
        "kind",
        "time_zone",
        "received_on",
        "acknowledge_by",
        "respond_by",
        "extension_notice_by",
        "extended_respond_by",
        "trail",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(
        v["respond_by"], "2024-12-27T23:59:59+00:00",
        "ICO: Mon 25 Nov 2024 → Fri 27 Dec"
    );
    assert_eq!(v["time_zone"], "Europe/London");
    assert!(v["acknowledge_by"].is_null());
    assert!(v["trail"].as_array().unwrap().len() >= 3);

    let summer = deadlines(&[
        "--jurisdiction",
        "GB-ENG",
        "--kind",
        "access",
        "--received",
        "2025-03-29T12:00:00Z",
    ]);
    assert_eq!(summer["respond_by"], "2025-04-29T23:59:59+01:00");
}

#[test]
fn the_receipt_date_is_local() {
    let v = deadlines(&[
        "--jurisdiction",
        "US-CA",
        "--kind",
        "delete",
        "--received",
        "2025-12-31T22:30:00-08:00",
    ]);
    assert_eq!(v["received_on"], "2025-12-31");
    assert_eq!(v["respond_by"], "2026-02-14T23:59:59-08:00");
}

#[test]
fn clock_events_from_flags() {
    let paused = deadlines(&[
        "--jurisdiction",
        "DE",
        "--kind",
        "access",
        "--received",
        "2025-03-05T09:00:00Z",
        "--pause",
        "2025-03-10/2025-03-17",
        "--extend-on",
        "2025-03-20",
    ]);
    assert_eq!(paused["extended"], true);
    assert!(paused["respond_by"].as_str().unwrap() > "2025-04-07");
}

#[test]
fn a_late_extension_names_the_last_allowed_date() {
    let err = refused(&[
        "--jurisdiction",
        "US-CA",
        "--kind",
        "access",
        "--received",
        "2025-01-10T12:00:00Z",
        "--extend-on",
        "2025-03-30",
    ]);
    assert!(err.contains("2025-02-24"), "{err}");
}

#[test]
fn bad_input_is_one_line_and_status_2() {
    let base = ["--kind", "access", "--received", "2025-01-10T12:00:00Z"];
    refused(&[&["--jurisdiction", "XX"], &base[..]].concat());
    refused(&[&["--jurisdiction", "D3U"], &base[..]].concat());
    refused(&[
        "--jurisdiction",
        "DE",
        "--kind",
        "erase",
        "--received",
        "2025-01-10T12:00:00Z",
    ]);
    refused(&[
        "--jurisdiction",
        "DE",
        "--kind",
        "access",
        "--received",
        "yesterday",
    ]);
    refused(
        &[
            &["--jurisdiction", "DE", "--pause", "2025-01-12"],
            &base[..],
        ]
        .concat(),
    );
    refused(
        &[
            &["--jurisdiction", "DE", "--pause", "2025-01-20/2025-01-12"],
            &base[..],
        ]
        .concat(),
    );
    refused(
        &[
            &[
                "--jurisdiction",
                "US-CA",
                "--pause",
                "2025-01-12/2025-01-20",
            ],
            &base[..],
        ]
        .concat(),
    );
    refused(
        &[
            &["--jurisdiction", "DE", "--restart", "2025-13-01"],
            &base[..],
        ]
        .concat(),
    );
    refused(&["--jurisdiction", "DE"]);
    refused(&["--no-such-flag"]);
}

#[test]
fn systems_print_the_secret_once_and_never_list_it() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| rightful_in(dir.path(), args);
    let add = run(&[
        "systems",
        "add",
        "--name",
        "crm",
        "--owner",
        "CRM team",
        "--kind",
        "webhook",
        "--capability",
        "delete",
        "--endpoint",
        "https://crm.example.com/hook",
    ]);
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let secret = String::from_utf8(add.stdout).unwrap();
    assert!(secret.trim().starts_with("whsec_"));
    let list = run(&["systems", "list"]);
    let listed = String::from_utf8(list.stdout).unwrap();
    assert!(
        listed.contains("\"crm\"") && !listed.contains(secret.trim()),
        "{listed}"
    );

    let again = run(&[
        "systems",
        "add",
        "--name",
        "crm",
        "--owner",
        "x",
        "--kind",
        "webhook",
        "--capability",
        "delete",
        "--endpoint",
        "https://crm.example.com/hook",
    ]);
    assert_eq!(again.status.code(), Some(2));
    let bad = run(&[
        "systems",
        "add",
        "--name",
        "x",
        "--owner",
        "x",
        "--kind",
        "fax",
        "--capability",
        "delete",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(run(&["systems", "disable", "nope"]).status.code(), Some(2));
    assert!(run(&["systems", "disable", "crm"]).status.success());

    let rotated = run(&["systems", "rotate-secret", "crm"]);
    assert!(rotated.status.success());
    let new_secret = String::from_utf8(rotated.stdout).unwrap();
    assert!(new_secret.starts_with("whsec_") && new_secret != secret);
    assert_eq!(
        run(&["systems", "rotate-secret", "nope"]).status.code(),
        Some(2)
    );
    let mut stored = Vec::new();
    for file in ["rightful.db", "rightful.db-wal"] {
        stored.extend(std::fs::read(dir.path().join(file)).unwrap_or_default());
    }
    let stored = String::from_utf8_lossy(&stored);
    assert!(
        !stored.contains(secret.trim()) && !stored.contains(new_secret.trim()),
        "signing secrets are sealed at rest"
    );
    let private = run(&[
        "systems",
        "add",
        "--name",
        "meta",
        "--owner",
        "x",
        "--kind",
        "webhook",
        "--capability",
        "delete",
        "--endpoint",
        "https://169.254.169.254/latest",
    ]);
    assert_eq!(
        private.status.code(),
        Some(2),
        "a metadata address is refused"
    );
    let plain = run(&[
        "systems",
        "add",
        "--name",
        "plain",
        "--owner",
        "x",
        "--kind",
        "webhook",
        "--capability",
        "delete",
        "--endpoint",
        "http://crm.example.com/hook",
    ]);
    assert_eq!(plain.status.code(), Some(2), "https only");
}

/// `rightful` arguments that create a training pipeline's key.
const PIPELINE_KEY: [&str; 6] = [
    "api-keys",
    "create",
    "--name",
    "pipeline",
    "--scope",
    "suppression:read",
];

#[test]
fn api_keys_are_printed_once_with_valid_scopes_only() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| rightful_in(dir.path(), args);
    let created = run(&PIPELINE_KEY);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(
        String::from_utf8(created.stdout)
            .unwrap()
            .starts_with("rk_")
    );
    let bad = run(&["api-keys", "create", "--name", "x", "--scope", "everything"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn api_keys_are_listed_and_revoked_by_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| rightful_in(dir.path(), args);
    let created = run(&PIPELINE_KEY);
    let key = String::from_utf8(created.stdout).unwrap();
    let prefix = key.trim().split('_').nth(1).unwrap().to_owned();
    let listed = String::from_utf8(run(&["api-keys", "list"]).stdout).unwrap();
    let row: Value = serde_json::from_str(listed.lines().next().unwrap()).unwrap();
    assert_eq!(
        (
            row["name"].as_str(),
            row["prefix"].as_str(),
            row["revoked_at"].is_null()
        ),
        (Some("pipeline"), Some(prefix.as_str()), true)
    );
    assert!(
        !listed.contains(key.trim()),
        "the key itself is never shown again"
    );
    assert!(run(&["api-keys", "revoke", key.trim()]).status.success());
    let listed = String::from_utf8(run(&["api-keys", "list"]).stdout).unwrap();
    let row: Value = serde_json::from_str(listed.lines().next().unwrap()).unwrap();
    assert!(row["revoked_at"].is_string());
    assert_eq!(
        run(&["api-keys", "revoke", &prefix]).status.code(),
        Some(2),
        "once"
    );
    assert_eq!(run(&["api-keys", "revoke", "nope"]).status.code(), Some(2));
}

/// Runs `rightful systems list` with a config file and extra environment.
fn systems_with_config(dir: &std::path::Path, toml: &str, env: &[(&str, &str)]) -> Output {
    let config = dir.join("rightful.toml");
    std::fs::write(&config, toml).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_rightful"));
    command
        .args(["systems", "list"])
        .env("RIGHTFUL_CONFIG", &config)
        .env("RIGHTFUL_DATA_DIR", dir)
        .env_remove("DATABASE_URL")
        .env("RIGHTFUL_LOG", "warn");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

#[test]
fn systems_declared_in_the_config_file_are_created_and_kept_in_line() {
    let dir = tempfile::tempdir().unwrap();
    let secret = (
        "RIGHTFUL_CRM_SECRET",
        "whsec_0123456789abcdef0123456789abcdef",
    );
    let declared = r#"
[[systems]]
name = "crm"
owner = "CRM team"
kind = "webhook"
capabilities = ["access_export", "delete"]
endpoint = "https://crm.internal/rightful"
secret_env = "RIGHTFUL_CRM_SECRET"
"#;
    let out = systems_with_config(dir.path(), declared, &[secret]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed[0]["name"], "crm");
    assert_eq!(
        listed[0]["capabilities"],
        serde_json::json!(["access_export", "delete"])
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("whsec_"));

    let moved = declared.replace("crm.internal", "crm2.internal");
    let out = systems_with_config(dir.path(), &moved, &[secret]);
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["endpoint"], "https://crm2.internal/rightful");

    for (toml, env, names) in [
        (declared, &[][..], "secret_env"),
        (
            &declared.replace("owner =", "colour = \"red\"\nowner ="),
            &[secret][..],
            "colour",
        ),
        (
            &declared.replace("\"delete\"", "\"shred\""),
            &[secret][..],
            "shred",
        ),
    ] {
        let out = systems_with_config(dir.path(), toml, env);
        assert_eq!(out.status.code(), Some(2), "{names}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("systems[0]") && err.contains(names), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
}

#[test]
fn a_backup_is_a_consistent_private_copy() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| rightful_in(dir.path(), args);
    let created = run(&PIPELINE_KEY);
    assert!(created.status.success());
    let copy = dir.path().join("copy.db");
    let out = run(&["backup", "--output", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("To restore"));
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The copy is a working database: it has the key.
    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(&copy, restored.path().join("rightful.db")).unwrap();
    let listed = rightful_in(restored.path(), &["api-keys", "list"]);
    assert!(
        String::from_utf8(listed.stdout)
            .unwrap()
            .contains("pipeline")
    );
    let again = run(&["backup", "--output", copy.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "never overwrites");
}

#[test]
fn the_data_folder_and_database_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = rightful_in(&data, &["migrate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("rightful.db")), 0o600);
    assert_eq!(mode(&data.join("secret")), 0o600);
}
