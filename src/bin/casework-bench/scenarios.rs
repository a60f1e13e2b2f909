//! What is measured, and the report beside the targets of docs/performance.md.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt::Write as _;
use std::rc::Rc;

use clap::ValueEnum;
use rand::Rng;
use rand::seq::IndexedRandom;

use crate::Args;
use crate::load::{Answer, Call, Measurement};
use crate::setup::{Data, LIST_STAGE, Session};

/// A scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scenario {
    /// Plain text: the framework alone.
    P,
    /// Fortunes-shaped baseline: one small query, a sort, an escaped render.
    B,
    /// The case list: 50 rows filtered by worker and stage, by last change.
    S1,
    /// A case page.
    S2,
    /// A stage transition (a write).
    S3,
    /// 90 % reads (S1 and S2), 10 % transitions.
    S4,
    /// The PDF case report of one of the worker's cases.
    S5,
    /// The evaluation report screen over every case of the agency.
    S6,
}

impl Scenario {
    /// Every scenario that exists, in report order.
    pub const ALL: [Scenario; 8] = [
        Scenario::P,
        Scenario::B,
        Scenario::S1,
        Scenario::S2,
        Scenario::S3,
        Scenario::S4,
        Scenario::S5,
        Scenario::S6,
    ];

    /// The name in the report.
    pub fn label(self) -> &'static str {
        match self {
            Scenario::P => "P plain text",
            Scenario::B => "B fortunes",
            Scenario::S1 => "S1 case list",
            Scenario::S2 => "S2 case page",
            Scenario::S3 => "S3 transition",
            Scenario::S4 => "S4 90/10 mix",
            Scenario::S5 => "S5 case report PDF",
            Scenario::S6 => "S6 evaluation report",
        }
    }
}

/// Requests of one scenario; clones share the state (the cases being moved).
#[derive(Clone)]
pub struct Target {
    scenario: Scenario,
    worker: Session,
    supervisor: Session,
    list_path: String,
    evaluation_path: String,
    worker_cases: Rc<Vec<String>>,
    /// Cases free to move.
    movable: Movable,
    counter: Rc<RefCell<u64>>,
}

/// The cases transitions may move, free ones first in line: id, version, and
/// whether the case is in contract (else in assessment).
pub type Movable = Rc<RefCell<VecDeque<(String, i64, bool)>>>;

/// The contract-stage cases of the data set, all free to move.
pub fn movable(data: &Data) -> Movable {
    Rc::new(RefCell::new(
        data.contract_cases
            .iter()
            .map(|(id, v)| (id.clone(), *v, true))
            .collect(),
    ))
}

/// What a request was, to put its case back when the answer comes.
pub enum Token {
    /// A read.
    Read,
    /// A transition of this case from this version.
    Move(String, i64, bool),
}

impl Target {
    /// The requests of `scenario` on the loaded data. `movable` is shared by
    /// every scenario of a run, so that each knows the versions the others left.
    pub fn new(scenario: Scenario, data: &Data, movable: &Movable) -> Target {
        Target {
            scenario,
            worker: data.worker.clone(),
            supervisor: data.supervisor.clone(),
            list_path: format!("/cases?worker={}&stage={LIST_STAGE}", data.worker_id),
            evaluation_path: format!(
                "/reports/evaluation?from={}&to={}",
                data.period.from, data.period.to
            ),
            worker_cases: Rc::new(data.worker_cases.clone()),
            movable: movable.clone(),
            counter: Rc::new(RefCell::new(0)),
        }
    }

    fn get(&self, path: String) -> Option<(Call, Token)> {
        self.get_as(&self.worker, path)
    }

    fn get_as(&self, who: &Session, path: String) -> Option<(Call, Token)> {
        Some((
            Call {
                method: "GET",
                path,
                cookie: Some(who.cookie.clone()),
                csrf: None,
                body: None,
            },
            Token::Read,
        ))
    }

    /// The next request; `None` when a transition must wait for a free case.
    pub fn next(&self) -> Option<(Call, Token)> {
        let n = {
            let mut c = self.counter.borrow_mut();
            *c += 1;
            *c
        };
        let scenario = match self.scenario {
            Scenario::S4 => match n % 10 {
                0 => Scenario::S3,
                k if k % 2 == 0 => Scenario::S1,
                _ => Scenario::S2,
            },
            other => other,
        };
        match scenario {
            Scenario::P => self.get("/bench/plaintext".into()),
            Scenario::B => self.get("/bench/fortunes".into()),
            Scenario::S1 => self.get(self.list_path.clone()),
            Scenario::S2 => {
                let id = self.worker_cases.choose(&mut rand::rng())?;
                self.get(format!("/cases/{id}"))
            }
            Scenario::S5 => {
                let id = self.worker_cases.choose(&mut rand::rng())?;
                self.get(format!("/cases/{id}/report.pdf"))
            }
            Scenario::S6 => self.get_as(&self.supervisor, self.evaluation_path.clone()),
            Scenario::S3 | Scenario::S4 => {
                // A case no other request is moving: the supervisor steps it back
                // from contract to assessment, or advances it again.
                let (id, version, in_contract) = self.movable.borrow_mut().pop_front()?;
                let body = if in_contract {
                    format!(
                        r#"{{"version":{version},"transition":"step_back","reason":"基准测试：重新预估 {}"}}"#,
                        rand::rng().random::<u16>()
                    )
                } else {
                    format!(r#"{{"version":{version},"transition":"advance"}}"#)
                };
                Some((
                    Call {
                        method: "POST",
                        path: format!("/api/cases/{id}/transitions"),
                        cookie: Some(self.supervisor.cookie.clone()),
                        csrf: Some(self.supervisor.csrf.clone()),
                        body: Some(body),
                    },
                    Token::Move(id, version, in_contract),
                ))
            }
        }
    }

    /// Takes note of an answer: a moved case goes back in the queue at its new
    /// version and stage.
    pub fn done(&self, token: Token, answer: &Answer) {
        let Token::Move(id, version, in_contract) = token else {
            return;
        };
        let json: serde_json::Value = serde_json::from_slice(&answer.body).unwrap_or_default();
        let next = match answer.status {
            200 => (
                json["case"]["version"].as_i64().unwrap_or(version + 1),
                json["case"]["stage"] == "contract",
            ),
            409 => (
                json["current_version"].as_i64().unwrap_or(version),
                in_contract,
            ),
            _ => (version, in_contract),
        };
        self.movable.borrow_mut().push_back((id, next.0, next.1));
    }
}

/// The results as a Markdown section.
pub fn report(
    backend: &str,
    args: &Args,
    data: &Data,
    results: &[(Scenario, Measurement, f64, Measurement)],
    memory_kib: Option<u64>,
    locked: usize,
    bare: Option<&Bare>,
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "### {backend}, {} cases\n\n{} connections for the peak, {} s per measurement, \
         pool of {} connections; server pinned to core {}, load generator to core {}. \
         The worker's case list in {LIST_STAGE} has {} rows; {} cases were free to move.{}\n",
        args.cases,
        args.connections,
        args.seconds,
        args.pool_size,
        args.server_core,
        args.client_core,
        data.list_rows,
        data.contract_cases.len(),
        data.load_seconds
            .map(|t| format!(" The data set loaded in {t:.1} s."))
            .unwrap_or_default(),
    );
    let _ = writeln!(
        s,
        "| scenario | peak req/s | errors at peak | rate for latency | p50 ms | p99 ms | p99.9 ms | errors |"
    );
    let _ = writeln!(
        s,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for (scenario, peak, rate, paced) in results {
        let _ = writeln!(
            s,
            "| {} | {:.0} | {} | {:.0}/s | {:.2} | {:.2} | {:.2} | {} |",
            scenario.label(),
            peak.throughput(),
            errors(peak),
            rate,
            paced.millis(50.0),
            paced.millis(99.0),
            paced.millis(99.9),
            errors(paced),
        );
    }
    let b = results
        .iter()
        .find(|(sc, ..)| *sc == Scenario::B)
        .map(|(_, m, ..)| m.throughput());
    let ratio = |target: Scenario| -> String {
        match (b, results.iter().find(|(sc, ..)| *sc == target)) {
            (Some(b), Some((_, m, ..))) if b > 0.0 => format!("{:.2}", m.throughput() / b),
            _ => "n/a".into(),
        }
    };
    let _ = writeln!(
        s,
        "\nS1/B = {}, S2/B = {}. Server peak memory (VmHWM): {}. \"database is locked\" in the server log: {locked}.",
        ratio(Scenario::S1),
        ratio(Scenario::S2),
        memory_kib
            .map(|k| format!("{:.1} MB", k as f64 / 1024.0))
            .unwrap_or_else(|| "unknown".into()),
    );
    if let Some((_, peak, _, paced)) = results.iter().find(|(sc, ..)| *sc == Scenario::S5) {
        let _ = writeln!(
            s,
            "S5: a case report is {:.1} KB on average.",
            (peak.body_bytes + paced.body_bytes) as f64
                / 1024.0
                / (peak.ok + paced.ok).max(1) as f64
        );
    }
    if let Some(bare) = bare {
        let _ = writeln!(
            s,
            "S6 over {} to {}: the same aggregate SQL run bare (`db::evaluation::load`, \
             {} runs in this process): median {:.1} ms, slowest {:.1} ms.{}",
            data.period.from,
            data.period.to,
            bare.runs,
            bare.median_ms,
            bare.max_ms,
            results
                .iter()
                .find(|(sc, ..)| *sc == Scenario::S6)
                .map(|(_, _, _, paced)| format!(
                    " S6 p50 / bare median = {:.2}.",
                    paced.millis(50.0) / bare.median_ms.max(1e-9)
                ))
                .unwrap_or_default()
        );
    }
    s
}

/// The evaluation report's aggregate queries timed without HTTP, sign-in,
/// audit or rendering: what S6 is compared with.
pub struct Bare {
    /// How many times it ran.
    pub runs: usize,
    /// Median time of one run.
    pub median_ms: f64,
    /// Slowest run.
    pub max_ms: f64,
}

/// Runs `db::evaluation::load` for S6's scope and period `runs` times on a
/// connection of this process.
pub fn bare_evaluation(data: &Data, runs: usize) -> anyhow::Result<Bare> {
    use casework::domain::evaluation::{ReportRequest, Scope};
    let mut conn = casework::db::connection::establish(&data.url.parse()?)?;
    let request = ReportRequest {
        scope: Scope::Agency {
            organisation_id: data.agency_id.clone(),
            team_id: None,
        },
        period: data.period,
        case_type: None,
    };
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let started = std::time::Instant::now();
        casework::db::evaluation::load(&mut conn, &request)
            .map_err(|e| anyhow::anyhow!("the evaluation queries failed: {e}"))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(Bare {
        runs: times.len(),
        median_ms: times[times.len() / 2],
        max_ms: times[times.len() - 1],
    })
}

fn errors(m: &Measurement) -> String {
    if m.conflicts > 0 {
        format!("{} ({} conflicts)", m.errors, m.conflicts)
    } else {
        m.errors.to_string()
    }
}
