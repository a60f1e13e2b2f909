//! By hand: the team screen, its JSON and the approvals queue at 100,000 cases.

use casework::db::schema::{approval_requests, assessment_records, cases, goals, sessions};
use chrono::TimeDelta;
use diesel::prelude::*;

use crate::common::{Fixture, TestApp};
use crate::support::*;

/// 100,000 cases over two teams, with an assessment for half of them, a session
/// for a third, a goal for a quarter and an approval waiting for one in fifty;
/// then the supervision screens, timed (run by hand:
/// `cargo test --release --test supervision -- --ignored --nocapture`).
async fn at_a_hundred_thousand(app: TestApp) {
    use casework::db::schema::clients as cl;
    let fx = Fixture::insert(&app);
    let now = app.clock.now();
    let teams = [fx.team.clone(), fx.other_team.clone()];
    let workers = [
        fx.worker.clone(),
        fx.colleague.clone(),
        fx.other_team_worker.clone(),
    ];
    let stages = [
        "intake",
        "assessment",
        "contract",
        "intervention",
        "closure",
        "closed",
    ];
    let started = std::time::Instant::now();
    app.with_conn(|c| {
        for batch in 0..100 {
            casework::db::write_transaction(c, |c| {
                let (mut clients, mut rows, mut assessed, mut held, mut aims, mut waiting) = (
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                );
                for j in 0..1000 {
                    let i: usize = batch * 1000 + j;
                    let client_id = casework::db::new_id();
                    let case_id = casework::db::new_id();
                    let at = now - TimeDelta::minutes((i * 7 % 100_000) as i64);
                    clients.push((
                        cl::id.eq(client_id.clone()),
                        cl::full_name.eq(format!("服务对象{i}")),
                        cl::union_member.eq(false),
                        cl::special_groups.eq(""),
                        cl::created_by.eq(fx.worker.clone()),
                        cl::created_at.eq(at),
                        cl::updated_at.eq(at),
                    ));
                    let risk = ["low", "medium", "high", "critical"]
                        .get(i % 6)
                        .map(|r| r.to_string());
                    rows.push((
                        cases::id.eq(case_id.clone()),
                        cases::reference.eq(format!("CW-2025-{i:06}")),
                        cases::case_type.eq("counselling"),
                        cases::client_id.eq(client_id),
                        cases::organisation_id.eq(fx.agency.clone()),
                        cases::team_id.eq(Some(teams[i % 2].clone())),
                        cases::assigned_worker_id.eq(Some(workers[i % 3].clone())),
                        cases::stage.eq(stages[i % 6]),
                        cases::risk_level.eq(risk),
                        cases::version.eq(1_i64),
                        cases::created_by.eq(fx.worker.clone()),
                        cases::opened_at.eq(at - TimeDelta::days(30)),
                        cases::updated_at.eq(at),
                    ));
                    if i.is_multiple_of(2) {
                        assessed.push((
                            assessment_records::case_id.eq(case_id.clone()),
                            assessment_records::updated_by.eq(fx.worker.clone()),
                            assessment_records::updated_at
                                .eq(at - TimeDelta::days((i % 40) as i64)),
                        ));
                    }
                    if i.is_multiple_of(3) {
                        held.push((
                            sessions::id.eq(casework::db::new_id()),
                            sessions::case_id.eq(case_id.clone()),
                            sessions::held_on.eq((at - TimeDelta::days((i % 30) as i64)).date()),
                            sessions::duration_minutes.eq(45),
                            sessions::mode.eq("phone"),
                            sessions::recorded_by.eq(fx.worker.clone()),
                            sessions::recorded_at.eq(at),
                        ));
                    }
                    if i.is_multiple_of(4) {
                        aims.push((
                            goals::id.eq(casework::db::new_id()),
                            goals::case_id.eq(case_id.clone()),
                            goals::position.eq(0),
                            goals::description.eq("g"),
                            goals::target_date
                                .eq(Some((at + TimeDelta::days((i % 60) as i64 - 30)).date())),
                            goals::created_at.eq(at),
                        ));
                    }
                    if i.is_multiple_of(50) {
                        waiting.push((
                            approval_requests::case_id.eq(case_id),
                            approval_requests::kind.eq(if i.is_multiple_of(100) {
                                "plan"
                            } else {
                                "closure"
                            }),
                            approval_requests::requested_by.eq(fx.worker.clone()),
                            approval_requests::requested_at.eq(at),
                        ));
                    }
                }
                macro_rules! insert_all {
                    ($c:expr) => {{
                        diesel::insert_into(cl::table)
                            .values(&clients)
                            .execute($c)?;
                        diesel::insert_into(cases::table)
                            .values(&rows)
                            .execute($c)?;
                        diesel::insert_into(assessment_records::table)
                            .values(&assessed)
                            .execute($c)?;
                        diesel::insert_into(sessions::table)
                            .values(&held)
                            .execute($c)?;
                        diesel::insert_into(goals::table)
                            .values(&aims)
                            .execute($c)?;
                        diesel::insert_into(approval_requests::table)
                            .values(&waiting)
                            .execute($c)?;
                    }};
                }
                // Batch inserts need the concrete connection.
                match c {
                    casework::db::DbConnection::Sqlite(c) => insert_all!(c),
                    casework::db::DbConnection::Postgresql(c) => insert_all!(c),
                }
                Ok(())
            })
            .unwrap();
        }
        diesel::sql_query("ANALYZE").execute(c).unwrap();
    });
    eprintln!(
        "{}: 100,000 cases loaded in {:?}",
        app.backend,
        started.elapsed()
    );
    let s = fx.supervisor.as_str();
    {
        use casework::db::case_queries::CaseScope;
        use casework::db::supervision::oversight;
        let scope = CaseScope {
            organisation_id: fx.agency.clone(),
            team_ids: vec![fx.team.clone()],
            include_unteamed: true,
            viewer_id: fx.supervisor.clone(),
        };
        app.with_conn(|c| {
            for _ in 0..2 {
                let t = std::time::Instant::now();
                let w = oversight::workloads(c, &scope).unwrap();
                eprintln!(
                    "{:>8}: {:>7.1} ms  workloads ({} rows)",
                    app.backend,
                    t.elapsed().as_secs_f64() * 1000.0,
                    w.len()
                );
                let t = std::time::Instant::now();
                let (a, tr) = oversight::alerts(c, &scope, Default::default(), now).unwrap();
                eprintln!(
                    "{:>8}: {:>7.1} ms  alerts ({} shown, truncated: {tr})",
                    app.backend,
                    t.elapsed().as_secs_f64() * 1000.0,
                    a.len()
                );
            }
        });
    }
    for uri in ["/api/team", "/team", "/api/approvals", "/approvals", "/"] {
        for _ in 0..3 {
            let t = std::time::Instant::now();
            let p = page(&app, s, uri).await;
            let took = t.elapsed();
            assert_eq!(p.status, axum::http::StatusCode::OK, "{uri}");
            eprintln!(
                "{:>8}: {:>7.1} ms  {uri}",
                app.backend,
                took.as_secs_f64() * 1000.0
            );
        }
    }
}

mod run {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "loads 100,000 cases; run by hand"]
    async fn sqlite() {
        super::at_a_hundred_thousand(crate::common::TestApp::sqlite()).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "loads 100,000 cases; run by hand"]
    async fn postgres() {
        if let Some(app) = crate::common::TestApp::postgres() {
            super::at_a_hundred_thousand(app).await;
        }
    }
}
