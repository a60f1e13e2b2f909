//! `casework backup PATH` on a live SQLite database: a snapshot taken while
//! clients keep opening cases restores to a working installation that holds
//! every case acknowledged before the backup began, and nothing half-written.

mod process;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casework::db::schema::{audit_events, cases, clients};
use casework::db::{DatabaseUrl, connection};
use diesel::prelude::*;
use process::{Http, Server, casework, casework_result, create_worker};
use serde_json::json;

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_under_load_restores_every_acknowledged_case() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("casework.db");
    let live = live.to_string_lossy().into_owned();
    create_worker(&live, "lixm");
    let server = Server::start(&live).await;
    let http = Http::signed_in(&server.base, "lixm").await;
    let (_, me) = http.get("/api/session").await.unwrap();
    let organisation = me["organisation_id"].as_str().unwrap().to_owned();
    let worker = me["user_id"].as_str().unwrap().to_owned();

    // Eight clients open cases until told to stop; each acknowledged case is kept
    // with the moment its answer arrived.
    let acked = Arc::new(Mutex::new(Vec::<(String, Instant)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for t in 0..8 {
        let (http, acked, stop, organisation, worker) = (
            http.clone(),
            acked.clone(),
            stop.clone(),
            organisation.clone(),
            worker.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let (status, client) = http
                    .post(
                        "/api/clients",
                        &json!({ "full_name": format!("备份测试{t}-{n}") }),
                    )
                    .await
                    .unwrap();
                assert_eq!(status, 201, "{client}");
                let (status, case) = http
                    .post(
                        "/api/cases",
                        &json!({ "case_type": "labour_dispute", "client_id": client["id"],
                                 "organisation_id": organisation, "assigned_worker_id": worker }),
                    )
                    .await
                    .unwrap();
                assert_eq!(status, 201, "{case}");
                acked
                    .lock()
                    .unwrap()
                    .push((case["id"].as_str().unwrap().to_owned(), Instant::now()));
            }
        }));
    }
    while acked.lock().unwrap().len() < 60 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let snapshot = dir.path().join("snapshot.db");
    let began = Instant::now();
    let (url, path) = (live.clone(), snapshot.to_string_lossy().into_owned());
    let report = tokio::task::spawn_blocking(move || casework(&url, &["backup", &path], None))
        .await
        .unwrap();
    let ended = Instant::now();
    // Keep writing a little after the copy, then stop.
    let count_at_end = acked.lock().unwrap().len();
    while acked.lock().unwrap().len() < count_at_end + 20 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.store(true, Ordering::SeqCst);
    for task in tasks {
        task.await.unwrap();
    }
    drop(server);
    assert!(
        report.contains("Backed up") && report.contains("integrity check"),
        "{report}"
    );
    let acked = acked.lock().unwrap().clone();
    let before: Vec<&String> = acked
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(id, _)| id)
        .collect();
    let after: Vec<&String> = acked
        .iter()
        .filter(|(_, at)| *at > ended)
        .map(|(id, _)| id)
        .collect();
    assert!(before.len() >= 60 && !after.is_empty());

    // Restore: the snapshot becomes the database of a new installation.
    let restored_dir = tempfile::tempdir().unwrap();
    let restored = restored_dir.path().join("casework.db");
    std::fs::copy(&snapshot, &restored).unwrap();
    let restored = restored.to_string_lossy().into_owned();
    {
        let mut conn =
            connection::establish(&DatabaseUrl::Sqlite(restored.clone().into())).unwrap();
        let check: Vec<Line> = diesel::sql_query("PRAGMA integrity_check")
            .load(&mut conn)
            .unwrap();
        assert_eq!(check[0].integrity_check, "ok");
        // Consistent: each case with its client and its audit event, written in one
        // transaction, so all or nothing of each is in the copy.
        let cases_n: i64 = cases::table.count().get_result(&mut conn).unwrap();
        let created: i64 = audit_events::table
            .filter(audit_events::action.eq("case_create"))
            .filter(audit_events::outcome.eq("allowed"))
            .count()
            .get_result(&mut conn)
            .unwrap();
        let clients_n: i64 = clients::table.count().get_result(&mut conn).unwrap();
        assert_eq!(cases_n, created);
        assert!(clients_n >= cases_n);
        assert!(
            (cases_n as usize) < acked.len(),
            "the copy is of an instant, not of the end"
        );
    }
    let server = Server::start(&restored).await;
    let http = Http::signed_in(&server.base, "lixm").await;
    for id in &before {
        let (status, body) = http.get(&format!("/api/cases/{id}")).await.unwrap();
        assert_eq!(
            status, 200,
            "acknowledged case {id} missing from the snapshot: {body}"
        );
    }
    let (status, _) = http.get(&format!("/api/cases/{}", after[0])).await.unwrap();
    assert_eq!(
        status, 404,
        "a case opened after the backup ended is not in it"
    );
}

#[test]
fn backup_refuses_to_overwrite_and_points_postgres_to_pg_dump() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir
        .path()
        .join("casework.db")
        .to_string_lossy()
        .into_owned();
    casework(&db, &["migrate"], None);
    let target = dir.path().join("copy.db");
    std::fs::write(&target, b"precious").unwrap();
    let (ok, _, err) = casework_result(&db, &["backup", &target.to_string_lossy()], None);
    assert!(!ok);
    assert!(
        err.contains("already exists") && err.contains("never overwrites"),
        "{err}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");

    let (ok, _, err) = casework_result(
        "postgres://casework@127.0.0.1:1/casework",
        &["backup", &dir.path().join("pg.db").to_string_lossy()],
        None,
    );
    assert!(!ok);
    assert!(err.contains("pg_dump"), "{err}");
    assert!(!dir.path().join("pg.db").exists());

    let (ok, _, err) = casework_result(
        &dir.path().join("missing.db").to_string_lossy(),
        &["backup", &dir.path().join("x.db").to_string_lossy()],
        None,
    );
    assert!(!ok && err.contains("no database"), "{err}");
}
