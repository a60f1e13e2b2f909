//! The command line: `serve` (the default), `migrate`, `demo`.

use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

use crate::config::{DatabaseSettings, ServeSettings};
use crate::db::{Db, migrations};

/// Casework: social-work case management for trade unions.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Database settings, shared by every command.
    #[command(flatten)]
    pub database: DatabaseSettings,

    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve HTTP until Ctrl-C or SIGTERM.
    Serve(ServeSettings),
    /// Apply pending migrations and exit.
    Migrate,
    /// Load a small demo data set (organisations, staff, clients, cases of
    /// every type in every stage). Refuses a database that already has users.
    Demo(DemoArgs),
}

/// Options of `casework demo`.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Load even if the database already holds data.
    #[arg(long)]
    pub force: bool,
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = cli
        .command
        .unwrap_or_else(|| Command::Serve(ServeSettings::parse_from_env_only()));
    let db = open(&cli.database).await?;
    match command {
        Command::Serve(settings) => serve(db, settings).await,
        Command::Migrate => Ok(()),
        Command::Demo(args) => {
            let summary =
                tokio::task::spawn_blocking(move || crate::demo::load(&db, args.force)).await??;
            println!("{summary}");
            Ok(())
        }
    }
}

impl ServeSettings {
    /// Serve settings when no subcommand was given: defaults and the environment.
    fn parse_from_env_only() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            settings: ServeSettings,
        }
        Only::parse_from(["casework"]).settings
    }
}

/// Connects and applies pending migrations.
async fn open(settings: &DatabaseSettings) -> anyhow::Result<Db> {
    let url = settings.url.clone();
    let pool = settings.pool();
    tokio::task::spawn_blocking(move || {
        let db = Db::connect(&url, &pool)
            .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", url.redacted()))?;
        let mut conn = db.get()?;
        let applied = migrations::run_pending(&mut conn)?;
        for name in &applied {
            tracing::info!(migration = %name, "applied migration");
        }
        tracing::info!(database = %url.redacted(), "database ready");
        Ok(db)
    })
    .await?
}

async fn serve(db: Db, settings: ServeSettings) -> anyhow::Result<()> {
    settings.check().map_err(|e| anyhow::anyhow!(e))?;
    let listener = TcpListener::bind(settings.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
    let addr = listener.local_addr()?;
    if settings.trust_actor_header {
        tracing::warn!("--trust-actor-header is on: any local process can act as any user");
    }
    let app = crate::build_app(db, settings);
    tracing::info!("Casework listening on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("Casework stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
