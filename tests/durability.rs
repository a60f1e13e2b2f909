//! Durability: the server is killed with SIGKILL while clients are moving cases
//! through the workflow. After a restart, every transition that was answered
//! with success is there, nothing is half-written (each case's stage is what its
//! log replays to, its version counts exactly its logged changes, every log row
//! has its audit event), and the database passes its integrity check.

#[macro_use]
mod common;
mod process;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casework::db::schema::{audit_events, case_transitions, cases};
use casework::db::{DatabaseUrl, DbConnection, connection, transitions};
use diesel::prelude::*;
use process::{Http, Server, case_in_assessment, create_worker};
use serde_json::{Value, json};

const CASES: usize = 24;
const CLIENTS: usize = 16;
/// Acknowledged transitions to wait for before the kill.
const ACKS_BEFORE_KILL: usize = 120;

/// A transition the server answered with success.
#[derive(Debug, Clone)]
struct Ack {
    case_id: String,
    version_after: i64,
    to_stage: String,
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}

async fn kill_during_transitions(url: &str) {
    create_worker(url, "lixm");
    let server = Server::start(url).await;
    let http = Http::signed_in(&server.base, "lixm").await;
    let (_, me) = http.get("/api/session").await.expect("session");
    let (worker, organisation) = (
        me["user_id"].as_str().unwrap().to_owned(),
        me["organisation_id"].as_str().unwrap().to_owned(),
    );
    let mut prepared = Vec::new();
    for n in 0..CASES {
        prepared.push(case_in_assessment(&http, &worker, &organisation, n).await);
    }
    let start_version: HashMap<String, i64> = prepared.iter().cloned().collect();

    // Each client owns some cases and moves them back and forth between
    // assessment and contract as fast as the server answers.
    let acks = Arc::new(Mutex::new(Vec::<Ack>::new()));
    let unexpected = Arc::new(Mutex::new(Vec::<(u16, Value)>::new()));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let mut owned: Vec<(String, i64, &'static str)> = prepared
            .iter()
            .skip(c)
            .step_by(CLIENTS)
            .map(|(id, v)| (id.clone(), *v, "assessment"))
            .collect();
        let (http, acks, unexpected, in_flight) = (
            http.clone(),
            acks.clone(),
            unexpected.clone(),
            in_flight.clone(),
        );
        tasks.push(tokio::spawn(async move {
            if owned.is_empty() {
                return;
            }
            let count = owned.len();
            for round in 0.. {
                let (id, version, stage) = &mut owned[round % count];
                let body = if *stage == "assessment" {
                    json!({ "version": *version, "transition": "advance" })
                } else {
                    json!({ "version": *version, "transition": "step_back", "reason": "重新预估" })
                };
                in_flight.fetch_add(1, Ordering::SeqCst);
                let answer = http
                    .post(&format!("/api/cases/{id}/transitions"), &body)
                    .await;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                match answer {
                    Ok((200, done)) => {
                        let ack = Ack {
                            case_id: id.clone(),
                            version_after: done["logged"]["version_after"].as_i64().unwrap(),
                            to_stage: done["logged"]["to_stage"].as_str().unwrap().to_owned(),
                        };
                        *version = ack.version_after;
                        *stage = if ack.to_stage == "contract" {
                            "contract"
                        } else {
                            "assessment"
                        };
                        acks.lock().unwrap().push(ack);
                    }
                    Ok(other) => unexpected.lock().unwrap().push(other),
                    // The server is gone.
                    Err(_) => return,
                }
            }
        }));
    }
    let started = Instant::now();
    while acks.lock().unwrap().len() < ACKS_BEFORE_KILL {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "too few transitions answered: {:?}",
            unexpected.lock().unwrap()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Kill while requests are being handled, not between them.
    while in_flight.load(Ordering::SeqCst) == 0 {
        tokio::task::yield_now().await;
    }
    server.kill();
    for task in tasks {
        task.await.unwrap();
    }
    let acks = acks.lock().unwrap().clone();
    assert!(
        unexpected.lock().unwrap().is_empty(),
        "every request before the kill succeeded: {:?}",
        unexpected.lock().unwrap()
    );
    assert!(acks.len() >= ACKS_BEFORE_KILL);

    let server = Server::start(url).await;

    // In the database itself.
    let parsed: DatabaseUrl = url.parse().unwrap();
    let mut conn = connection::establish(&parsed).expect("connect");
    if let DbConnection::Sqlite(_) = conn {
        let check: Vec<Line> = diesel::sql_query("PRAGMA integrity_check")
            .load(&mut conn)
            .unwrap();
        assert_eq!(check.len(), 1);
        assert_eq!(check[0].integrity_check, "ok");
        let broken: Vec<Line> =
            diesel::sql_query("SELECT 'fk' AS integrity_check FROM pragma_foreign_key_check")
                .load(&mut conn)
                .unwrap();
        assert!(broken.is_empty(), "foreign keys hold");
    }
    let mut logged = HashMap::new();
    for (id, start) in &start_version {
        let (stage, version): (String, i64) = cases::table
            .find(id)
            .select((cases::stage, cases::version))
            .first(&mut conn)
            .unwrap();
        let log = transitions::log(&mut conn, id).unwrap();
        assert_eq!(transitions::replay(&log).unwrap().as_str(), stage, "{id}");
        // One version per logged transition since the case was prepared (its
        // first transition, intake to assessment, was before): no change without
        // its log row, no log row without its change.
        assert_eq!(version, start + log.len() as i64 - 1, "{id}: {log:?}");
        let audited: i64 = audit_events::table
            .filter(audit_events::case_id.eq(id))
            .filter(audit_events::action.eq("case_transition"))
            .filter(audit_events::outcome.eq("allowed"))
            .count()
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(audited, log.len() as i64, "{id}: every transition audited");
        logged.insert(id.clone(), (stage, log));
    }
    for ack in &acks {
        let found: Option<String> = case_transitions::table
            .filter(case_transitions::case_id.eq(&ack.case_id))
            .filter(case_transitions::version_after.eq(ack.version_after))
            .select(case_transitions::to_stage)
            .first(&mut conn)
            .optional()
            .unwrap();
        assert_eq!(
            found.as_deref(),
            Some(ack.to_stage.as_str()),
            "{ack:?} lost"
        );
    }

    // Through the restarted server.
    let http = Http::signed_in(&server.base, "lixm").await;
    for (id, (stage, log)) in &logged {
        let (status, case) = http.get(&format!("/api/cases/{id}")).await.unwrap();
        assert_eq!(status, 200, "{case}");
        assert_eq!(case["case"]["stage"], stage.as_str());
        let (status, entries) = http
            .get(&format!("/api/cases/{id}/transitions"))
            .await
            .unwrap();
        assert_eq!(status, 200);
        assert_eq!(entries.as_array().unwrap().len(), log.len());
    }
    // And it carries on.
    let (id, (stage, _)) = logged.iter().next().unwrap();
    let (_, case) = http.get(&format!("/api/cases/{id}")).await.unwrap();
    let body = if stage == "assessment" {
        json!({ "version": case["case"]["version"], "transition": "advance" })
    } else {
        json!({ "version": case["case"]["version"], "transition": "step_back", "reason": "复查" })
    };
    let (status, done) = http
        .post(&format!("/api/cases/{id}/transitions"), &body)
        .await
        .unwrap();
    assert_eq!(status, 200, "{done}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("casework.db");
    kill_during_transitions(&url.to_string_lossy()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres() {
    match common::FreshPostgres::create() {
        Some(db) => kill_during_transitions(&db.url).await,
        None => eprintln!("CASEWORK_TEST_POSTGRES_URL not set: PostgreSQL run skipped"),
    }
}
