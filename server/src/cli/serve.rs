//! `rightful serve`: open and migrate the database, then serve HTTP until SIGINT or SIGTERM.

use std::{net::SocketAddr, time::Duration};

use backend::db::DatabaseConnection;
use backend::{Backend, jobs::Worker};
use leptos::config::{LeptosOptions, get_configuration};
use tokio::{net::TcpListener, sync::watch, task::JoinHandle};

use crate::{
    cli::CliError, cli::housekeeping, config::Config, declared, http::router::router,
    http::state::AppState,
};

/// Opens the configured database and applies pending migrations.
pub async fn open_database(config: &Config) -> Result<DatabaseConnection, CliError> {
    let unavailable = |_| CliError::Failed("DATABASE_URL: cannot open the database".to_owned());
    let db = backend::db::connect(&config.database_url)
        .await
        .map_err(unavailable)?;
    backend::db::migrate(&db)
        .await
        .map_err(|err| CliError::Failed(format!("migrating the database failed: {err}")))?;
    Ok(db)
}

/// Opens and migrates the configured database and builds the backend over it.
pub async fn open_backend(config: &Config) -> Result<Backend, CliError> {
    let db = open_database(config).await?;
    let settings = config.backend_settings().map_err(CliError::Usage)?;
    let backend = Backend::new(db, settings).map_err(|err| CliError::Usage(err.to_string()))?;
    backend.seal_system_secrets().await?;
    declared::apply(&backend, &config.systems).await?;
    Ok(backend)
}

/// Leptos' options from the environment cargo-leptos compiled in (`LEPTOS_*`).
pub fn leptos_options() -> Result<LeptosOptions, CliError> {
    let mut options = get_configuration(None)
        .map_err(|e| CliError::Usage(format!("LEPTOS_*: {e}")))?
        .leptos_options;
    if options.output_name.is_empty() {
        options.output_name = "rightful".into();
    }
    Ok(options)
}

/// Serves until a shutdown signal, with the job worker and housekeeping in-process unless
/// `with_worker` is off.
pub async fn serve(config: Config, with_worker: bool) -> Result<(), CliError> {
    let backend = open_backend(&config).await?;
    let state = AppState {
        leptos: leptos_options()?,
        backend: backend.clone(),
        edge: crate::http::state::Edge {
            proxies: crate::http::edge::TrustedProxies::new(config.trusted_proxies.clone()),
            hosts: crate::http::edge::AllowedHosts::of(&config.public_url),
        },
    };
    let listener = TcpListener::bind(config.addr).await.map_err(|e| {
        CliError::Failed(format!(
            "RIGHTFUL_ADDR: cannot listen on {}: {e}",
            config.addr
        ))
    })?;
    tracing::info!("Rightful is listening on http://{}", config.addr);

    let (stop, stopped) = watch::channel(false);
    let workers = with_worker.then(|| spawn_workers(&backend, &config, &stopped));
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await;
    let _ = stop.send(true);
    for worker in workers.into_iter().flatten() {
        let _ = worker.await;
    }
    served.map_err(|e| CliError::Failed(format!("the server stopped: {e}")))
}

/// `rightful worker`: runs the job worker and housekeeping until SIGINT or SIGTERM, then
/// finishes the job in hand and exits.
pub async fn work(config: Config) -> Result<(), CliError> {
    let backend = open_backend(&config).await?;
    let (stop, stopped) = watch::channel(false);
    let workers = spawn_workers(&backend, &config, &stopped);
    shutdown_signal().await;
    let _ = stop.send(true);
    for worker in workers {
        let _ = worker.await;
    }
    Ok(())
}

/// Starts `config.workers` job workers and the housekeeping loop.
fn spawn_workers(
    backend: &Backend,
    config: &Config,
    stopped: &watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    let lease = Duration::from_secs(u64::from(config.job_lease_secs));
    let mut tasks: Vec<_> = (0..config.workers)
        .map(|_| {
            let worker = Worker::new(backend.clone()).with_lease(lease);
            tokio::spawn(worker.run(stopped.clone()))
        })
        .collect();
    tasks.push(tokio::spawn(housekeeping::run(
        backend.clone(),
        config.retention_months,
        stopped.clone(),
    )));
    tasks
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
