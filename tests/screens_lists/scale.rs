//! By hand: the list and the home page at 100,000 cases.

use axum::http::StatusCode;
use casework::db::schema::cases;
use chrono::TimeDelta;
use diesel::prelude::*;

use crate::common::{Fixture, TestApp};
use crate::support::*;

/// How the list and the home page hold up at 100,000 cases (run by hand:
/// `cargo test --release --test screens_lists -- --ignored --nocapture`).
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
    let kinds = [
        "counselling",
        "family_mediation",
        "labour_dispute",
        "special_group",
    ];
    let started = std::time::Instant::now();
    app.with_conn(|c| {
        for batch in 0..100 {
            casework::db::write_transaction(c, |c| {
                let mut client_rows = Vec::new();
                let mut case_rows = Vec::new();
                for j in 0..1000 {
                    let i: usize = batch * 1000 + j;
                    let client_id = casework::db::new_id();
                    let at = now - TimeDelta::minutes((i * 7 % 1_000_000) as i64);
                    client_rows.push((
                        cl::id.eq(client_id.clone()),
                        cl::full_name.eq(format!("服务对象{i}")),
                        cl::phone.eq(Some(format!("138{i:08}"))),
                        cl::union_member.eq(false),
                        cl::special_groups.eq(""),
                        cl::created_by.eq(fx.worker.clone()),
                        cl::created_at.eq(at),
                        cl::updated_at.eq(at),
                    ));
                    let risk = ["low", "medium", "high", "critical"]
                        .get(i % 6)
                        .map(|r| r.to_string());
                    case_rows.push((
                        cases::id.eq(casework::db::new_id()),
                        cases::reference.eq(format!("CW-2025-{i:06}")),
                        cases::case_type.eq(kinds[i % 4]),
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
                }
                // Batch inserts need the concrete connection.
                match c {
                    casework::db::DbConnection::Sqlite(c) => {
                        diesel::insert_into(cl::table)
                            .values(&client_rows)
                            .execute(c)?;
                        diesel::insert_into(cases::table)
                            .values(&case_rows)
                            .execute(c)?;
                    }
                    casework::db::DbConnection::Postgresql(c) => {
                        diesel::insert_into(cl::table)
                            .values(&client_rows)
                            .execute(c)?;
                        diesel::insert_into(cases::table)
                            .values(&case_rows)
                            .execute(c)?;
                    }
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
    let w = Some(fx.worker.as_str());
    let timed = |uri: String, user: Option<&'static str>| {
        let app = &app;
        async move {
            let t = std::time::Instant::now();
            let (status, html) = page(app, user.or(w), &uri, "en").await;
            let took = t.elapsed();
            assert_eq!(status, StatusCode::OK, "{uri}");
            eprintln!(
                "{:>8}: {:>7.1} ms  {uri}",
                app.backend,
                took.as_secs_f64() * 1000.0
            );
            html
        }
    };
    for sort in ["updated", "opened", "reference", "risk"] {
        let mut uri = format!("/cases?sort={sort}");
        for _ in 0..20 {
            let html = timed(uri.clone(), None).await;
            uri = next_link(&html).expect("a next page");
        }
        timed(uri, None).await;
    }
    for uri in [
        "/cases?stage=intake".to_owned(),
        "/cases?stage=open&risk=critical".to_owned(),
        format!("/cases?worker={}", fx.worker),
        "/cases?worker=none".to_owned(),
        format!("/cases?q={}", enc("服务对象99999")),
        "/cases?q=13800000042".to_owned(),
        "/cases?q=CW-2025-000777".to_owned(),
        "/cases?q=nobody".to_owned(),
        "/cases?from=2025-01-01&to=2025-01-31".to_owned(),
        "/".to_owned(),
    ] {
        timed(uri, None).await;
    }
    let sup: &'static str = Box::leak(fx.supervisor.clone().into_boxed_str());
    timed("/".to_owned(), Some(sup)).await;
    timed(format!("/cases/new?name={}", enc("服务对象5")), None).await;
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
