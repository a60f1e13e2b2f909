//! `casework-bench`: loads a generated data set, starts the real server pinned to
//! one core, and drives it from another core with an open-loop load generator
//! of fixed request rate, measuring latency with HdrHistogram.
//!
//! ```text
//! cargo build --release
//! cargo run --release --bin casework-bench -- --cases 100000 --backend sqlite,postgres
//! ```
//!
//! For each scenario it measures the peak throughput (closed loop: a fixed number
//! of connections, each sending its next request as soon as the last is
//! answered), then p50 and p99 latency at half that rate (open loop: requests
//! leave on a fixed schedule whether or not earlier ones were answered, and each
//! latency counts from when its request was due, so a stall shows up in the
//! numbers instead of silently slowing the generator). See bench/README.md and
//! docs/performance.md.

mod load;
mod scenarios;
mod setup;

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};

use crate::scenarios::Scenario;

/// Benchmark of the casework server.
#[derive(Debug, Clone, Parser)]
#[command(about)]
pub struct Args {
    /// Cases in the data set (generated with `casework demo --cases N`).
    #[arg(long, default_value_t = 100_000)]
    pub cases: usize,
    /// Backends to run, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "sqlite")]
    pub backend: Vec<Backend>,
    /// A PostgreSQL URL whose user may create databases; the benchmark uses (and
    /// replaces) a database named `casework_bench` on that server.
    #[arg(
        long,
        env = "CASEWORK_BENCH_POSTGRES_URL",
        default_value = "postgres://postgres@127.0.0.1/postgres"
    )]
    pub postgres_url: String,
    /// Seconds of each measurement (peak, then latency at half the peak).
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Concurrent connections of the peak measurement.
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// The server's database pool size.
    #[arg(long, default_value_t = 8)]
    pub pool_size: u32,
    /// Where data sets, server logs and results go.
    #[arg(long, default_value = "target/bench")]
    pub work_dir: PathBuf,
    /// Run only these scenarios (comma-separated: p,b,s1,s2,s3,s4,s5,s6).
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<Scenario>,
    /// Generate the data set again even if one of the right size is there.
    #[arg(long)]
    pub regenerate: bool,
    /// Core the server runs on.
    #[arg(long, default_value_t = 0)]
    pub server_core: usize,
    /// Core the load generator runs on.
    #[arg(long, default_value_t = 1)]
    pub client_core: usize,
}

/// A database backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// The environment variable that marks the re-executed, pinned process.
const PINNED: &str = "CASEWORK_BENCH_PINNED";

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if pin_self(&args)? {
        return Ok(());
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(args))
}

/// Re-runs this program under `taskset` on the client core, so that the load
/// generator and the server never share a core. Returns true when the pinned
/// child did the work.
fn pin_self(args: &Args) -> anyhow::Result<bool> {
    if std::env::var_os(PINNED).is_some() {
        return Ok(false);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 {
        eprintln!("only one core: the server and the load generator will share it");
        return Ok(false);
    }
    let status = std::process::Command::new("taskset")
        .arg("-c")
        .arg(args.client_core.to_string())
        .arg(std::env::current_exe()?)
        .args(std::env::args_os().skip(1))
        .env(PINNED, "1")
        .status();
    match status {
        Ok(status) if status.success() => Ok(true),
        Ok(status) => anyhow::bail!("the benchmark failed ({status})"),
        Err(e) => {
            eprintln!("taskset not available ({e}): running unpinned");
            Ok(false)
        }
    }
}

async fn run(args: Args) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.work_dir)?;
    let scenarios: Vec<Scenario> = if args.only.is_empty() {
        Scenario::ALL.to_vec()
    } else {
        args.only.clone()
    };
    for backend in args.backend.clone() {
        let data = setup::prepare(&args, backend).await?;
        let server = setup::Server::start(&args, backend, &data).await?;
        let client = load::Client::new(&server.base);
        let mut results = Vec::new();
        // Warm the caches (and SQLite's page cache) before measuring.
        let movable = scenarios::movable(&data);
        let warm = scenarios::Target::new(Scenario::S2, &data, &movable);
        load::closed_loop(&client, &warm, 16, Duration::from_secs(3)).await;
        for scenario in &scenarios {
            let target = scenarios::Target::new(*scenario, &data, &movable);
            eprintln!("{} {}: peak ...", backend.name(), scenario.label());
            let peak = load::closed_loop(
                &client,
                &target,
                args.connections,
                Duration::from_secs(args.seconds),
            )
            .await;
            let rate = (peak.throughput() / 2.0).max(1.0);
            eprintln!(
                "{} {}: peak {:.0}/s; latency at {:.0}/s ...",
                backend.name(),
                scenario.label(),
                peak.throughput(),
                rate
            );
            let paced =
                load::open_loop(&client, &target, rate, Duration::from_secs(args.seconds)).await;
            results.push((*scenario, peak, rate, paced));
        }
        let memory = server.peak_memory_kib();
        let locked = server.stop()?;
        // With the server stopped, so that nothing else runs on the database.
        let bare = if scenarios.contains(&Scenario::S6) {
            eprintln!("{} S6 bare aggregate SQL ...", backend.name());
            Some(scenarios::bare_evaluation(&data, 10)?)
        } else {
            None
        };
        let report = scenarios::report(
            backend.name(),
            &args,
            &data,
            &results,
            memory,
            locked,
            bare.as_ref(),
        );
        println!("{report}");
        let path = args
            .work_dir
            .join(format!("results-{}.md", backend.name().to_lowercase()));
        std::fs::write(&path, &report)?;
        eprintln!("written to {}", path.display());
    }
    Ok(())
}
