//! `rightful seed --requests N [--seed S]`: fills an empty database with realistic,
//! reproducible fake requests, showing progress.

use std::time::Instant;

use backend::console::seed::SeedPlan;
use clap::Args;

use crate::{cli::CliError, cli::serve::open_backend, config::Config};

/// The `seed` command's flags.
#[derive(Debug, Args)]
pub struct SeedArgs {
    /// How many requests to seed.
    #[arg(long)]
    requests: u64,
    /// The random seed: the same seed gives the same database.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

/// Seeds the configured database.
pub async fn run(args: SeedArgs) -> Result<(), CliError> {
    let config = Config::load().map_err(CliError::Usage)?;
    let backend = open_backend(&config).await?;
    let started = Instant::now();
    let total = args.requests;
    let step = (total / 20).max(1_000);
    let mut shown = 0;
    let plan = SeedPlan {
        requests: total,
        seed: args.seed,
    };
    let seeded = backend
        .seed(plan, |done| {
            if done >= shown + step || done == total {
                shown = done;
                let rate = done as f64 / started.elapsed().as_secs_f64().max(0.001);
                eprintln!("seeded {done} of {total} requests ({rate:.0}/s)");
            }
        })
        .await?;
    eprintln!(
        "Seeded {} people, {} requests and {} audit entries in {:.1} s.",
        seeded.subjects,
        seeded.requests,
        seeded.events,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
