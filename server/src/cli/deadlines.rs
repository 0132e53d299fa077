//! `rightful deadlines`: the deadline engine on the command line, printing one JSON object.
//!
//! External checks depend on this interface; keep its flags and keys exactly as they are.

use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;
use domain::{
    JurisdictionCode, RequestKind,
    deadline::{ClockEvent, Policy, compute},
};

use crate::cli::CliError;

/// The arguments of `rightful deadlines`.
#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// ISO 3166 code, e.g. DE, GB-SCT, US-CA.
    #[arg(long)]
    jurisdiction: String,
    /// Request kind, e.g. access, delete, opt_out_sale.
    #[arg(long)]
    kind: String,
    /// When the request was received, RFC 3339 (e.g. 2025-01-31T10:00:00Z).
    #[arg(long)]
    received: String,
    /// A clock pause, FROM/TO as YYYY-MM-DD/YYYY-MM-DD (GDPR and UK only). Repeatable.
    #[arg(long, value_name = "FROM/TO")]
    pause: Vec<String>,
    /// The date the clock restarts (UK Art 12A: ID or fee received), YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    restart: Option<String>,
    /// The date the extension was noticed to the person, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    extend_on: Option<String>,
    /// Days for jurisdictions without a statutory deadline.
    #[arg(long, default_value_t = 30)]
    default_days: u32,
}

/// Computes and prints the milestones, or fails with a one-line usage error.
pub fn run(args: DeadlinesArgs) -> Result<(), CliError> {
    let usage = |m: String| CliError::Usage(m);
    let jurisdiction = JurisdictionCode::parse(&args.jurisdiction)
        .map_err(|e| usage(format!("--jurisdiction: {}", e.message)))?;
    let kind: RequestKind = args
        .kind
        .parse()
        .map_err(|e: domain::ValidationError| usage(format!("--kind: {}", e.message)))?;
    let received = DateTime::parse_from_rfc3339(args.received.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            usage(format!(
                "--received: {:?} is not RFC 3339, e.g. 2025-01-31T10:00:00Z",
                args.received
            ))
        })?;
    let events = clock_events(&args)?;
    let policy = Policy {
        default_days: args.default_days,
        ..Policy::default()
    };
    let milestones = compute(&jurisdiction, kind, received, &events, &policy)
        .map_err(|e| usage(e.to_string()))?;
    let json = serde_json::to_string_pretty(&milestones)
        .map_err(|e| CliError::Failed(format!("printing the result: {e}")))?;
    println!("{json}");
    Ok(())
}

/// The clock events in date order, whatever order the flags came in.
fn clock_events(args: &DeadlinesArgs) -> Result<Vec<ClockEvent>, CliError> {
    let mut events = Vec::new();
    for pause in &args.pause {
        let (from, to) = pause.split_once('/').ok_or_else(|| {
            CliError::Usage(format!(
                "--pause: {pause:?} is not FROM/TO, e.g. 2025-03-10/2025-03-14"
            ))
        })?;
        events.push(ClockEvent::Pause {
            from: date("--pause", from)?,
            to: date("--pause", to)?,
        });
    }
    if let Some(on) = &args.restart {
        events.push(ClockEvent::Restart {
            on: date("--restart", on)?,
        });
    }
    if let Some(on) = &args.extend_on {
        events.push(ClockEvent::Extend {
            on: date("--extend-on", on)?,
        });
    }
    events.sort_by_key(|event| match event {
        ClockEvent::Pause { from, .. } => *from,
        ClockEvent::Restart { on } | ClockEvent::Extend { on } => *on,
    });
    Ok(events)
}

fn date(flag: &str, text: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| CliError::Usage(format!("{flag}: {text:?} is not a date like 2025-03-10")))
}
