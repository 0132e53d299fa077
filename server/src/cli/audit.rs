//! `rightful audit verify|anchor`: checks the whole audit log (every request's chain, and
//! the anchors that catch a chain's last entries or a whole chain deleted), naming the first
//! broken entry of each chain and exiting non-zero when anything is broken; and records an
//! anchor now (housekeeping records one every ten minutes).

use std::time::Instant;

use backend::audit::{AuditReport, LISTED};
use clap::Subcommand;

use crate::{cli::CliError, cli::serve::open_backend, config::Config};

/// The `audit` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every chain and anchor; exit status 1 when anything is broken.
    Verify,
    /// Record an anchor over the entries the last one does not cover.
    Anchor,
}

/// Runs an `audit` subcommand against the configured database.
pub async fn run(command: AuditCommand) -> Result<(), CliError> {
    let config = Config::load().map_err(CliError::Usage)?;
    let backend = open_backend(&config).await?;
    match command {
        AuditCommand::Verify => {
            let started = Instant::now();
            let mut shown = 0;
            let report = backend
                .verify_audit_log(|step, read| {
                    if read >= shown + 500_000 {
                        shown = read;
                        eprintln!("{step}: {read} entries read");
                    }
                })
                .await?;
            print(&report);
            eprintln!("Checked in {:.1} s.", started.elapsed().as_secs_f64());
            if !report.intact() {
                return Err(CliError::Failed("the audit log is broken".into()));
            }
        }
        AuditCommand::Anchor => match backend.anchor_audit_log().await? {
            Some(anchor) => println!(
                "anchor {}: {} entries, up to entry {}, digest {}",
                anchor.id, anchor.events, anchor.up_to_event, anchor.digest
            ),
            None => println!("nothing new to anchor"),
        },
    }
    Ok(())
}

/// Prints what was found, a line each, and one summary line.
fn print(report: &AuditReport) {
    for broken in &report.broken {
        let event = broken
            .event_id
            .map_or_else(|| "missing".to_owned(), |id| id.to_string());
        println!(
            "broken: request {} at entry {} (event {event})",
            broken.request_id, broken.seq
        );
    }
    if report.broken_count > LISTED as u64 {
        println!(
            "… and {} more broken chains",
            report.broken_count - LISTED as u64
        );
    }
    for request in &report.missing {
        println!("broken: request {request} has no audit entries");
    }
    if let Some(anchor) = &report.anchor {
        println!(
            "broken: anchor {} (events {} to {}) does not match: entries it covers were \
             changed or deleted ({} recorded, {} found)",
            anchor.anchor_id,
            anchor.after_event + 1,
            anchor.up_to_event,
            anchor.recorded,
            anchor.found
        );
    }
    let verdict = if report.intact() { "intact" } else { "BROKEN" };
    println!(
        "audit log {verdict}: {} chains, {} entries, {} anchors checked",
        report.chains, report.events, report.anchors
    );
}
