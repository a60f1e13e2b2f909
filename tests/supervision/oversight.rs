//! The team oversight screen: per worker, open cases by stage and by risk; the
//! four alerts on a hand-built fixture (dates moved back, and the clock moved
//! on); thresholds from the settings; scope.

use axum::http::StatusCode;
use chrono::TimeDelta;
use serde_json::{Value, json};

use crate::common::{Fixture, TestApp};
use crate::support::*;

/// (kind, case id, days, last session) of each alert, in the order given.
fn alerts(team: &Value) -> Vec<(String, String, i64, Value)> {
    team["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["kind"].as_str().unwrap().to_owned(),
                a["case_id"].as_str().unwrap().to_owned(),
                a["days"].as_i64().unwrap(),
                a["last_session"].clone(),
            )
        })
        .collect()
}

fn load_of<'a>(team: &'a Value, worker: Option<&str>) -> &'a Value {
    team["workers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["worker_id"].as_str() == worker)
        .unwrap_or_else(|| panic!("no row for {worker:?}: {team}"))
}

async fn team(app: &TestApp, who: &str) -> Value {
    let (status, body) = app.get("/api/team", who).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn counts_and_alerts(mut app: TestApp) {
    let fx = Fixture::insert(&app);
    let (w, m, s) = (
        fx.worker.as_str(),
        fx.colleague.as_str(),
        fx.supervisor.as_str(),
    );
    let t = fx.team.as_str();
    let day = |n: i64| today() - TimeDelta::days(n);

    // The worker's cases.
    let intake_late = open(&app, &fx, "counselling", t, Some(w), "I").await;
    backdate(&app, &intake_late.id, 5);
    let intake_fresh = open(&app, &fx, "family_mediation", t, Some(w), "I2").await;
    let mut plan_idle = open(&app, &fx, "counselling", t, Some(w), "H").await;
    to_contract(&app, w, &mut plan_idle, "low").await;
    backdate(&app, &plan_idle.id, 20);
    let mut risky = open(&app, &fx, "counselling", t, Some(w), "J").await;
    save(
        &app,
        w,
        &mut risky,
        "intake",
        json!({ "channel": "hotline", "presenting_problem": "p",
        "urgency": "urgent", "consent_service": true, "consent_sensitive": true }),
    )
    .await;
    mv(&app, w, &mut risky, "advance", None).await;
    save(
        &app,
        w,
        &mut risky,
        "assessment",
        json!({ "physiological": "a", "psychological": "b",
        "social": "c", "risk_level": "high", "risk_screening": "s", "who5_baseline": 20 }),
    )
    .await;
    backdate(&app, &risky.id, 10);
    let mut quiet = open(&app, &fx, "labour_dispute", t, Some(w), "G").await;
    to_contract(&app, w, &mut quiet, "low").await;
    approved(&app, &fx, w, &mut quiet).await;
    session(&app, w, &mut quiet, day(16), "n").await;
    backdate(&app, &quiet.id, 20);
    let mut seen = open(&app, &fx, "labour_dispute", t, Some(w), "F").await;
    to_contract(&app, w, &mut seen, "low").await;
    approved(&app, &fx, w, &mut seen).await;
    session(&app, w, &mut seen, day(3), "n").await;
    backdate(&app, &seen.id, 20);

    // The colleague's cases.
    let mut critical_seen = open(&app, &fx, "counselling", t, Some(m), "K").await;
    to_contract(&app, m, &mut critical_seen, "critical").await;
    approved(&app, &fx, m, &mut critical_seen).await;
    session(&app, m, &mut critical_seen, day(2), "n").await;
    backdate(&app, &critical_seen.id, 10);
    let mut high_unseen = open(&app, &fx, "counselling", t, Some(m), "K2").await;
    to_contract(&app, m, &mut high_unseen, "high").await;
    approved(&app, &fx, m, &mut high_unseen).await;
    session(&app, m, &mut high_unseen, day(9), "n").await;
    backdate(&app, &high_unseen.id, 10);
    let mut overdue_goal = open(&app, &fx, "special_group", t, Some(m), "L").await;
    to_contract(&app, m, &mut overdue_goal, "low").await;
    plan(&app, m, &mut overdue_goal, Some(day(1))).await;
    approved(&app, &fx, m, &mut overdue_goal).await;

    // Nobody's yet; a closed case; another team's case.
    let unassigned = open(&app, &fx, "counselling", t, None, "U").await;
    let closed = open(&app, &fx, "counselling", t, Some(w), "X").await;
    let (status, body) = app
        .post(
            &format!("/api/cases/{}/transitions", closed.id),
            w,
            json!({ "version": closed.v,
            "transition": "close_early", "closure_reason": "moved_away" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    backdate(&app, &closed.id, 30);
    let elsewhere = open(
        &app,
        &fx,
        "counselling",
        &fx.other_team,
        Some(&fx.other_team_worker),
        "O",
    )
    .await;
    backdate(&app, &elsewhere.id, 5);

    let data = team(&app, s).await;
    // Counts: stages intake, assessment, contract, intervention, closure; risks
    // critical, high, medium, low, not assessed.
    let mine = load_of(&data, Some(w));
    assert_eq!(mine["name"], "李晓梅");
    assert_eq!(mine["by_stage"], json!([2, 1, 1, 2, 0]));
    assert_eq!(mine["by_risk"], json!([0, 1, 0, 3, 2]));
    assert_eq!(mine["total"], 6);
    let hers = load_of(&data, Some(m));
    assert_eq!(hers["by_stage"], json!([0, 0, 0, 3, 0]));
    assert_eq!(hers["by_risk"], json!([1, 1, 0, 1, 0]));
    let nobody = load_of(&data, None);
    assert_eq!(
        (nobody["by_stage"].clone(), nobody["total"].clone()),
        (json!([1, 0, 0, 0, 0]), json!(1))
    );
    assert_eq!(
        data["workers"].as_array().unwrap().len(),
        3,
        "the team's two workers and the unassigned"
    );
    assert_eq!(
        data["workers"][2]["worker_id"],
        Value::Null,
        "unassigned last"
    );

    // Alerts, by kind, the longest waiting first.
    assert_eq!(
        alerts(&data),
        [
            (
                "intake_not_assessed".to_owned(),
                intake_late.id.clone(),
                5,
                Value::Null
            ),
            (
                "no_contact".to_owned(),
                plan_idle.id.clone(),
                20,
                Value::Null
            ),
            ("no_contact".to_owned(), quiet.id.clone(), 16, Value::Null),
            (
                "risk_without_session".to_owned(),
                risky.id.clone(),
                10,
                Value::Null
            ),
            (
                "risk_without_session".to_owned(),
                high_unseen.id.clone(),
                9,
                json!(day(9).to_string())
            ),
            (
                "plan_past_target".to_owned(),
                overdue_goal.id.clone(),
                1,
                Value::Null
            ),
        ]
    );
    let first = &data["alerts"][0];
    assert_eq!(first["since"], day(5).to_string());
    assert_eq!(first["worker_name"], "李晓梅");
    assert_eq!(first["team_id"], t);

    // The screen shows the same, each alert linking its case, with a reassignment form.
    let p = page(&app, s, "/team").await;
    assert_eq!(p.status, StatusCode::OK);
    for a in alerts(&data) {
        assert!(
            p.body.contains(&format!("id=\"alert-{}-{}\"", a.0, a.1)),
            "{a:?}"
        );
        assert!(
            p.body
                .contains(&format!("action=\"/cases/{}/assignment\"", a.1))
        );
    }
    assert!(p.body.contains("High risk without a recent session"));
    assert!(p.body.contains("At intake for 5 days"));

    // Another team's supervisor sees their own team only.
    let theirs = team(&app, &fx.other_supervisor).await;
    assert_eq!(
        alerts(&theirs)
            .iter()
            .map(|a| a.1.clone())
            .collect::<Vec<_>>(),
        std::slice::from_ref(&elsewhere.id)
    );
    for who in [w, fx.officer.as_str(), fx.admin.as_str()] {
        assert_eq!(app.get("/api/team", who).await.0, StatusCode::NOT_FOUND);
    }
    // A supervisor of no team sees the agency's cases without a team: none here.
    let teamless = app.with_conn(|c| {
        casework::db::organisations::insert_user(
            c,
            &fx.agency,
            "无组督导",
            casework::domain::Role::Supervisor,
        )
        .unwrap()
        .id
    });
    let none = team(&app, &teamless).await;
    assert_eq!(none["workers"], json!([]));
    assert_eq!(none["alerts"], json!([]));

    // Thresholds come from the settings.
    let mut settings = app.settings.clone();
    settings.alerts.no_contact_days = 30;
    settings.alerts.intake_days = 7;
    settings.alerts.risk_session_days = 14;
    app.router = casework::build_app(app.db.clone(), settings, app.clock.clone());
    let kinds: Vec<String> = alerts(&team(&app, s).await)
        .into_iter()
        .map(|a| a.0)
        .collect();
    assert_eq!(kinds, ["plan_past_target"]);
    let p = page(&app, s, "/team").await;
    assert!(
        p.body.contains("No contact for 30 days"),
        "the thresholds are stated"
    );

    // Alerts are as of the request's time: three days on (default thresholds
    // again), the intakes opened today have waited too long as well.
    app.router = casework::build_app(app.db.clone(), app.settings.clone(), app.clock.clone());
    app.clock.advance(TimeDelta::days(3) + TimeDelta::hours(1));
    app.forget_sessions();
    let mut late: Vec<(String, i64)> = alerts(&team(&app, s).await)
        .into_iter()
        .filter(|a| a.0 == "intake_not_assessed")
        .map(|a| (a.1, a.2))
        .collect();
    late.sort();
    let mut expected = vec![
        (intake_late.id.clone(), 8),
        (intake_fresh.id.clone(), 3),
        (unassigned.id.clone(), 3),
    ];
    expected.sort();
    assert_eq!(late, expected);
}
on_both_backends!(counts, counts_and_alerts);
