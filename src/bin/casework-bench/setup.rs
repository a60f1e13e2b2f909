//! The data set, the sessions the load generator signs in with, and the server
//! process pinned to its core.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use casework::db::DatabaseUrl;
use casework::db::schema::{cases, users};
use casework::db::sessions::{self, SessionPolicy};
use casework::domain::evaluation::Period;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::{Args, Backend};

/// What the scenarios need to know about the loaded data.
pub struct Data {
    /// The database URL the server uses.
    pub url: String,
    /// Cookie and CSRF token of a social worker with a full caseload.
    pub worker: Session,
    /// Cookie and CSRF token of the supervisor of every team (for transitions on
    /// cases of every worker, so that no two requests touch the same case).
    pub supervisor: Session,
    /// The worker's id.
    pub worker_id: String,
    /// Rows of the worker's case list in the measured stage.
    pub list_rows: i64,
    /// The worker's cases (case pages).
    pub worker_cases: Vec<String>,
    /// Cases in the contract stage, with their version (transitions).
    pub contract_cases: Vec<(String, i64)>,
    /// Seconds the data set took to load, when it was loaded in this run.
    pub load_seconds: Option<f64>,
    /// The supervisor's agency, whose evaluation report S6 asks for.
    pub agency_id: String,
    /// S6's period: from the first case opened to today, every case of the set.
    pub period: Period,
}

/// A signed-in session.
#[derive(Clone)]
pub struct Session {
    /// `Cookie` header value.
    pub cookie: String,
    /// `X-CSRF-Token` header value.
    pub csrf: String,
}

/// The stage of the measured case list.
pub const LIST_STAGE: &str = "intervention";

fn casework_binary() -> anyhow::Result<PathBuf> {
    let path = std::env::current_exe()?.with_file_name("casework");
    anyhow::ensure!(
        path.exists(),
        "{} not found: build it first with `cargo build --release`",
        path.display()
    );
    Ok(path)
}

/// Makes sure a data set of `args.cases` cases is there (loading it with
/// `casework demo --cases N` when not), and signs in the users the scenarios act as.
pub async fn prepare(args: &Args, backend: Backend) -> anyhow::Result<Data> {
    let url = match backend {
        Backend::Sqlite => args
            .work_dir
            .join(format!("casework-{}.db", args.cases))
            .to_string_lossy()
            .into_owned(),
        Backend::Postgres => {
            let (prefix, _) = args
                .postgres_url
                .rsplit_once('/')
                .ok_or_else(|| anyhow::anyhow!("--postgres-url needs a database name"))?;
            format!("{prefix}/casework_bench")
        }
    };
    let present = existing_cases(backend, args, &url).unwrap_or(0);
    let mut load_seconds = None;
    if args.regenerate || present != args.cases as i64 {
        reset(backend, args, &url)?;
        eprintln!("loading {} cases into {url} ...", args.cases);
        let started = Instant::now();
        let status = Command::new(casework_binary()?)
            .args(["--database-url", &url, "demo", "--cases"])
            .arg(args.cases.to_string())
            .env("CASEWORK_LOG", "warn")
            .stdout(Stdio::null())
            .status()?;
        anyhow::ensure!(status.success(), "loading the data set failed");
        load_seconds = Some(started.elapsed().as_secs_f64());
        eprintln!("loaded in {:.1} s", started.elapsed().as_secs_f64());
    }
    let parsed: DatabaseUrl = url.parse()?;
    let mut conn = casework::db::connection::establish(&parsed)?;
    let id_of = |conn: &mut casework::db::DbConnection, name: &str| -> anyhow::Result<String> {
        Ok(users::table
            .filter(users::username.eq(name))
            .select(users::id)
            .first(conn)?)
    };
    let worker_id = id_of(&mut conn, "sw01")?;
    let supervisor_id = id_of(&mut conn, "wangjianguo")?;
    // Sessions made directly: signing in is not what is measured (and is
    // throttled on purpose). The server ends them after 12 hours.
    let policy = SessionPolicy {
        idle: chrono::Duration::hours(12),
        absolute: chrono::Duration::hours(12),
    };
    let now = casework::db::now();
    let session = |conn: &mut casework::db::DbConnection, user: &str| -> anyhow::Result<Session> {
        let (token, s) = sessions::create(conn, user, "127.0.0.1", now, policy)?;
        Ok(Session {
            cookie: format!("__Host-casework_session={token}"),
            csrf: s.csrf_token,
        })
    };
    let agency_id: String = users::table
        .find(&supervisor_id)
        .select(users::organisation_id)
        .first(&mut conn)?;
    let first_opened: Option<chrono::NaiveDateTime> = cases::table
        .select(diesel::dsl::min(cases::opened_at))
        .first(&mut conn)?;
    // Local days of the server's zone (it runs with the default, as this process
    // does): a period that ended on today's UTC date would, in the evening UTC,
    // end before the latest moves, and the report would take its historical path.
    let today = casework::local_time::local_day(now);
    let period = Period {
        from: first_opened.map_or(today, casework::local_time::local_day),
        to: today,
    };
    let worker = session(&mut conn, &worker_id)?;
    let supervisor = session(&mut conn, &supervisor_id)?;
    let worker_cases: Vec<String> = cases::table
        .filter(cases::assigned_worker_id.eq(&worker_id))
        .select(cases::id)
        .load(&mut conn)?;
    let list_rows: i64 = cases::table
        .filter(cases::assigned_worker_id.eq(&worker_id))
        .filter(cases::stage.eq(LIST_STAGE))
        .count()
        .get_result(&mut conn)?;
    let contract_cases: Vec<(String, i64)> = cases::table
        .filter(cases::stage.eq("contract"))
        .filter(cases::assigned_worker_id.is_not_null())
        .select((cases::id, cases::version))
        .load(&mut conn)?;
    anyhow::ensure!(
        list_rows >= 50 && contract_cases.len() >= 64,
        "the data set is too small for the scenarios ({list_rows} rows in the list, {} cases in contract)",
        contract_cases.len()
    );
    Ok(Data {
        url,
        worker,
        supervisor,
        worker_id,
        list_rows,
        worker_cases,
        contract_cases,
        load_seconds,
        agency_id,
        period,
    })
}

fn existing_cases(backend: Backend, args: &Args, url: &str) -> anyhow::Result<i64> {
    if backend == Backend::Sqlite && !std::path::Path::new(url).exists() {
        return Ok(0);
    }
    let _ = args;
    let mut conn = casework::db::connection::establish(&url.parse()?)?;
    Ok(cases::table.count().get_result(&mut conn)?)
}

/// An empty database to load into.
fn reset(backend: Backend, args: &Args, url: &str) -> anyhow::Result<()> {
    match backend {
        Backend::Sqlite => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{url}{suffix}"));
            }
        }
        Backend::Postgres => {
            let mut admin = casework::db::connection::establish(&args.postgres_url.parse()?)?;
            // Two statements: together in one string they would form a transaction
            // block, which DROP DATABASE refuses.
            admin.batch_execute("DROP DATABASE IF EXISTS casework_bench WITH (FORCE)")?;
            admin.batch_execute("CREATE DATABASE casework_bench")?;
        }
    }
    Ok(())
}

/// The server under test.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    log: PathBuf,
}

impl Server {
    /// Starts `casework serve --bench-endpoints` pinned to the server core and
    /// waits for `/healthz`.
    pub async fn start(args: &Args, backend: Backend, data: &Data) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let log = args
            .work_dir
            .join(format!("server-{}.log", backend.name().to_lowercase()));
        let mut command = Command::new("taskset");
        command
            .arg("-c")
            .arg(args.server_core.to_string())
            .arg(casework_binary()?)
            .args(["--database-url", &data.url, "--pool-size"])
            .arg(args.pool_size.to_string())
            .args(["serve", "--bench-endpoints", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .env("CASEWORK_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?);
        let child = command.spawn()?;
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
        };
        let client = crate::load::Client::new(&server.base);
        let started = Instant::now();
        while !client.healthy().await {
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(60),
                "the server did not start; see {}",
                server.log.display()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(server)
    }

    /// The server's peak resident memory so far (VmHWM), in KiB. `taskset`
    /// executes the server in its own process, so the pid is the server's.
    pub fn peak_memory_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// Stops the server; returns how many times its log says "database is locked".
    pub fn stop(mut self) -> anyhow::Result<usize> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        self.child.wait()?;
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        Ok(log.matches("database is locked").count())
    }
}
