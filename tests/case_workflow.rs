//! A case of each type walked from intake to closed through HTTP, with the
//! records each guard needs, on SQLite and (when configured) PostgreSQL.

#[macro_use]
mod common;

use axum::http::StatusCode;
use casework::db::transitions;
use common::{Fixture, TestApp, create_client, open_case};
use serde_json::{Value, json};

async fn step(
    app: &TestApp,
    actor: &str,
    case: &str,
    version: &mut i64,
    path: &str,
    put: bool,
    data: Value,
) {
    let uri = format!("/api/cases/{case}/{path}");
    let body = json!({ "version": *version, "data": data });
    let (status, body) = if put {
        app.put(&uri, actor, body).await
    } else {
        app.post(&uri, actor, body).await
    };
    assert!(status.is_success(), "{path}: {status} {body}");
    let new_version = body["version"]
        .as_i64()
        .or(body["case"]["version"].as_i64())
        .unwrap();
    assert_eq!(
        new_version,
        *version + 1,
        "every change bumps the version once"
    );
    *version = new_version;
}

async fn transition(
    app: &TestApp,
    actor: &str,
    case: &str,
    version: &mut i64,
    body: Value,
) -> Value {
    let mut body = body;
    body["version"] = json!(*version);
    let (status, answer) = app
        .post(&format!("/api/cases/{case}/transitions"), actor, body)
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    *version = answer["case"]["version"].as_i64().unwrap();
    answer
}

fn details_for(case_type: &str) -> Value {
    match case_type {
        "counselling" => json!({ "case_type": "counselling", "concern": "work_pressure",
            "self_harm_screening": "PHQ-9 item 9 negative", "preferred_mode": "online" }),
        "family_mediation" => json!({ "case_type": "family_mediation", "parties": "夫妻双方",
            "conflict": "育儿分工争执", "agreement_reached": true }),
        "labour_dispute" => json!({ "case_type": "labour_dispute", "employer": "顺达建筑",
            "category": "wage_arrears", "workers_affected": 12, "amount_in_dispute": 36_000_000,
            "route": "mediation", "outcome": "全额追回", "amount_recovered": 36_000_000 }),
        _ => json!({ "case_type": "special_group", "groups": ["women_four_periods"],
            "needs": ["childcare", "jobs"], "resources_linked": "区妇联托育服务" }),
    }
}

async fn walk_every_type_to_closed(app: TestApp) {
    let fx = Fixture::insert(&app);
    for case_type in [
        "counselling",
        "family_mediation",
        "labour_dispute",
        "special_group",
    ] {
        let client = create_client(&app, &fx.worker, "陈静", 1990).await;
        let (id, mut v) = open_case(&app, &fx, case_type, &client).await;
        let w = fx.worker.as_str();
        step(
            &app,
            w,
            &id,
            &mut v,
            "details",
            true,
            details_for(case_type),
        )
        .await;
        step(
            &app,
            w,
            &id,
            &mut v,
            "intake",
            true,
            json!({
            "channel": "union_referral", "presenting_problem": "连续夜班后失眠、焦虑",
            "urgency": "soon", "consent_service": true, "consent_sensitive": true }),
        )
        .await;
        transition(&app, w, &id, &mut v, json!({ "transition": "advance" })).await;
        step(
            &app,
            w,
            &id,
            &mut v,
            "assessment",
            true,
            json!({
            "physiological": "睡眠不足", "psychological": "焦虑", "social": "支持网络薄弱",
            "risk_level": "medium", "risk_screening": "无自伤意念", "needs": "减压",
            "strengths": "求助动机强", "who5_baseline": 36 }),
        )
        .await;
        transition(&app, w, &id, &mut v, json!({ "transition": "advance" })).await;
        step(&app, w, &id, &mut v, "contract", true, json!({
            "goals": [{ "description": "改善睡眠", "indicator": "每晚睡眠≥6小时", "target_date": "2027-01-31" },
                      { "description": "Rebuild support network", "indicator": "2 contacts a week" }],
            "services": "个案辅导", "frequency": "每周一次", "client_agreed": true,
            "agreed_on": "2026-11-01" })).await;
        // Plans need a supervisor's approval by default (docs/workflow.md).
        transition(&app, w, &id, &mut v, json!({ "transition": "submit_plan" })).await;
        transition(
            &app,
            &fx.supervisor,
            &id,
            &mut v,
            json!({ "transition": "approve_plan", "reason": "同意" }),
        )
        .await;
        step(
            &app,
            w,
            &id,
            &mut v,
            "sessions",
            false,
            json!({
            "held_on": "2026-11-10", "duration_minutes": 50, "mode": "face_to_face",
            "participants": "服务对象", "notes": "放松训练" }),
        )
        .await;
        transition(&app, w, &id, &mut v, json!({ "transition": "advance" })).await;

        let (_, view) = app.get(&format!("/api/cases/{id}"), w).await;
        let goals: Vec<Value> = view["records"]["goals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| json!({ "goal_id": g["id"], "attainment": 1 }))
            .collect();
        assert_eq!(goals.len(), 2);
        step(
            &app,
            w,
            &id,
            &mut v,
            "closure",
            true,
            json!({
            "reason": "goals_achieved", "goal_attainment": goals, "who5_closing": 64,
            "satisfaction": 5, "summary": "目标达成", "follow_up_plan": "一个月后电话回访" }),
        )
        .await;
        let done = transition(
            &app,
            &fx.supervisor,
            &id,
            &mut v,
            json!({ "transition": "approve_closure", "reason": "同意结案" }),
        )
        .await;
        assert_eq!(done["case"]["stage"], "closed");
        assert_eq!(done["logged"]["from_stage"], "closure");
        assert_eq!(done["logged"]["actor_id"], fx.supervisor.as_str());

        let (status, view) = app.get(&format!("/api/cases/{id}"), w).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(view["case"]["stage"], "closed");
        assert!(view["case"]["closed_at"].is_string());
        assert_eq!(view["case"]["risk_level"], "medium");
        assert_eq!(view["details"]["case_type"], case_type);
        assert_eq!(view["client"]["full_name"], "陈静");
        let log = view["transitions"].as_array().unwrap();
        let path: Vec<&str> = log
            .iter()
            .map(|e| e["to_stage"].as_str().unwrap())
            .collect();
        assert_eq!(
            path,
            [
                "assessment",
                "contract",
                "contract",
                "intervention",
                "closure",
                "closed"
            ]
        );
        assert_eq!(
            view["open_transitions"],
            json!([]),
            "a worker cannot act on a closed case"
        );

        // The log replays to the stored stage.
        let entries = app.with_conn(|c| transitions::log(c, &id).unwrap());
        assert_eq!(transitions::replay(&entries).unwrap().as_str(), "closed");

        // A closed case is read-only ...
        let (status, body) = app
            .put(
                &format!("/api/cases/{id}/details"),
                w,
                json!({ "version": v, "data": details_for(case_type) }),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"], "edit_refused");
        // ... until a supervisor reopens it into assessment.
        let reopened = transition(
            &app,
            &fx.supervisor,
            &id,
            &mut v,
            json!({ "transition": "reopen", "reason": "服务对象再次求助" }),
        )
        .await;
        assert_eq!(reopened["case"]["stage"], "assessment");
        if case_type == "special_group" {
            // Closed again: the report counts this case once, with this closing.
            let again = transition(
                &app,
                w,
                &id,
                &mut v,
                json!({ "transition": "close_early", "closure_reason": "moved_away" }),
            )
            .await;
            assert_eq!(again["case"]["stage"], "closed");
        }
    }

    // What the evaluation report keeps as the cases moved: a stay for each
    // stage left (five per case; the reopening leaves *closed*, which is not a
    // stay) and one closing per case, with the closure as it was recorded. One
    // case was reopened and closed again from assessment: one stay and one
    // closing more, and its first closing superseded by the second ...
    let written = app.with_conn(snapshot_rows);
    let channels = app.with_conn(intake_channels);
    assert_eq!(channels.len(), 4);
    assert!(
        channels
            .iter()
            .all(|c| c.as_deref() == Some("union_referral")),
        "the intake record's channel is copied onto each case: {channels:?}"
    );
    assert_eq!(written.0.len(), 4 * 5 + 1);
    let stages: Vec<&str> = written.0.iter().map(|s| s.2.as_str()).collect();
    for stage in [
        "intake",
        "assessment",
        "contract",
        "intervention",
        "closure",
    ] {
        let expected = if stage == "assessment" { 5 } else { 4 };
        assert_eq!(
            stages.iter().filter(|s| **s == stage).count(),
            expected,
            "{stage}"
        );
    }
    assert_eq!(written.1.len(), 5);
    let (first, second): (Vec<_>, Vec<_>) = written
        .1
        .iter()
        .partition(|c| c.2.as_deref() == Some("goals_achieved"));
    assert_eq!(first.len(), 4);
    for closing in &first {
        assert_eq!(
            (closing.3, closing.4, closing.5),
            (Some(5), Some(36), Some(64))
        );
        assert_eq!(closing.6, [0, 0, 0, 2, 0, 0], "two goals rated +1");
    }
    let again = second[0];
    assert_eq!(again.2.as_deref(), Some("moved_away"));
    assert_eq!(again.8, None);
    let superseded: Vec<_> = first.iter().filter_map(|c| c.8).collect();
    assert_eq!(
        superseded,
        [again.7],
        "only the reclosed case's first closing"
    );
    // ... which is what a rebuild from the log and the records gives, except
    // for the superseded closing: a rebuild knows the closure record only as it
    // is now (overwritten by the second closing), which is why the closings are
    // kept as they happen.
    app.with_conn(|c| casework::db::evaluation::snapshots::rebuild(c).unwrap());
    let rebuilt = app.with_conn(snapshot_rows);
    assert_eq!(app.with_conn(intake_channels), channels);
    assert_eq!(rebuilt.0, written.0);
    assert_eq!(rebuilt.1.len(), written.1.len());
    for (r, w) in rebuilt.1.iter().zip(&written.1) {
        if w.8.is_some() {
            assert_eq!((&r.0, &r.1, r.7, r.8), (&w.0, &w.1, w.7, w.8));
            assert_eq!(r.2.as_deref(), Some("moved_away"));
        } else {
            assert_eq!(r, w);
        }
    }
}
on_both_backends!(every_type_walks_to_closed, walk_every_type_to_closed);

/// Each case's copy of its intake channel (`cases.intake_channel`, outside the
/// diesel schema), in id order.
fn intake_channels(c: &mut casework::db::DbConnection) -> Vec<Option<String>> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        intake_channel: Option<String>,
    }
    diesel::sql_query("SELECT intake_channel FROM cases ORDER BY id")
        .load::<Row>(c)
        .unwrap()
        .into_iter()
        .map(|r| r.intake_channel)
        .collect()
}

type StayRow = (String, String, String, chrono::NaiveDateTime, i64);
type ClosingRow = (
    String,
    String,
    Option<String>,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    [i64; 6],
    chrono::NaiveDateTime,
    Option<chrono::NaiveDateTime>,
);

/// The evaluation report's stays (id, case, stage, end, hours) and closings
/// (id, case, reason, satisfaction, WHO-5 baseline and closing, goals by
/// attainment, when closed, when superseded), in id order.
fn snapshot_rows(c: &mut casework::db::DbConnection) -> (Vec<StayRow>, Vec<ClosingRow>) {
    use casework::db::schema::{evaluation_closings as ec, evaluation_stays as es};
    use diesel::prelude::*;
    let stays = es::table
        .order(es::id)
        .select((es::id, es::case_id, es::stage, es::ended_at, es::hours))
        .load(c)
        .unwrap();
    let closings = ec::table
        .order(ec::id)
        .select((
            ec::id,
            ec::case_id,
            ec::reason,
            ec::satisfaction,
            ec::who5_baseline,
            ec::who5_closing,
            (
                ec::goals_minus_2,
                ec::goals_minus_1,
                ec::goals_0,
                ec::goals_plus_1,
                ec::goals_plus_2,
                ec::goals_unrated,
            ),
            ec::closed_at,
            ec::superseded_at,
        ))
        .load::<(
            String,
            String,
            Option<String>,
            Option<i32>,
            Option<i32>,
            Option<i32>,
            (i64, i64, i64, i64, i64, i64),
            chrono::NaiveDateTime,
            Option<chrono::NaiveDateTime>,
        )>(c)
        .unwrap()
        .into_iter()
        .map(|(id, case, reason, sat, base, close, g, at, sup)| {
            let goals = [g.0, g.1, g.2, g.3, g.4, g.5];
            (id, case, reason, sat, base, close, goals, at, sup)
        })
        .collect();
    (stays, closings)
}

async fn step_back_close_early_and_send_back(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "Wang Fang", 1985).await;
    let (id, mut v) = open_case(&app, &fx, "counselling", &client).await;
    let w = fx.worker.as_str();
    step(
        &app,
        w,
        &id,
        &mut v,
        "intake",
        true,
        json!({ "channel": "hotline",
        "presenting_problem": "grief", "urgency": "urgent", "consent_service": true,
        "consent_sensitive": true }),
    )
    .await;
    transition(&app, w, &id, &mut v, json!({ "transition": "advance" })).await;
    let back = transition(
        &app,
        w,
        &id,
        &mut v,
        json!({ "transition": "step_back", "reason": "补充来源信息" }),
    )
    .await;
    assert_eq!(back["case"]["stage"], "intake");
    assert_eq!(back["logged"]["reason"], "补充来源信息");
    let closed = transition(
        &app,
        w,
        &id,
        &mut v,
        json!({ "transition": "close_early", "closure_reason": "client_unreachable",
                "reason": "三次电话未接通" }),
    )
    .await;
    assert_eq!(closed["case"]["stage"], "closed");
    assert_eq!(closed["logged"]["closure_reason"], "client_unreachable");
    let (_, view) = app.get(&format!("/api/cases/{id}"), w).await;
    assert_eq!(view["records"]["closure"]["reason"], "client_unreachable");
}
on_both_backends!(
    step_back_and_close_early,
    step_back_close_early_and_send_back
);

async fn guardian_consent_for_a_child(app: TestApp) {
    let fx = Fixture::insert(&app);
    let this_year = chrono::Utc::now()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap();
    let client = create_client(&app, &fx.worker, "小明", this_year - 13).await;
    let (id, mut v) = open_case(&app, &fx, "family_mediation", &client).await;
    let w = fx.worker.as_str();
    let intake = json!({ "channel": "walk_in", "presenting_problem": "父母冲突",
        "urgency": "soon", "consent_service": true, "consent_sensitive": true });
    step(&app, w, &id, &mut v, "intake", true, intake.clone()).await;
    let (status, body) = app
        .post(
            &format!("/api/cases/{id}/transitions"),
            w,
            json!({ "version": v, "transition": "advance" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["missing"][0]["field"], "intake.guardian_consent");
    let mut with_guardian = intake;
    with_guardian["guardian_consent"] = json!(true);
    step(&app, w, &id, &mut v, "intake", true, with_guardian).await;
    transition(&app, w, &id, &mut v, json!({ "transition": "advance" })).await;
    let (_, view) = app.get(&format!("/api/cases/{id}"), w).await;
    assert_eq!(
        view["records"]["intake"]["consent_recorded_by"],
        fx.worker.as_str()
    );
    assert!(view["records"]["intake"]["consent_recorded_at"].is_string());
}
on_both_backends!(a_child_needs_a_guardian, guardian_consent_for_a_child);

async fn case_list_filters(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "黄敏", 1975).await;
    let (first, _) = open_case(&app, &fx, "counselling", &client).await;
    let (second, _) = open_case(&app, &fx, "labour_dispute", &client).await;
    let (status, rows) = app.get("/api/cases?stage=intake", &fx.worker).await;
    assert_eq!(status, StatusCode::OK, "{rows}");
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [second.as_str(), first.as_str()],
        "most recently changed first"
    );
    assert_eq!(rows[0]["client_name"], "黄敏");
    let (_, rows) = app
        .get("/api/cases?case_type=counselling&mine=true", &fx.worker)
        .await;
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let (_, rows) = app.get("/api/cases?stage=closed", &fx.worker).await;
    assert_eq!(rows, json!([]));
    let (_, rows) = app.get("/api/cases?mine=true", &fx.colleague).await;
    assert_eq!(rows, json!([]), "the colleague has no cases of their own");
    let (_, rows) = app.get("/api/cases", &fx.stranger).await;
    assert_eq!(rows, json!([]), "another agency's cases are not listed");
    let (status, _) = app.get("/api/cases", &fx.officer).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
on_both_backends!(case_list, case_list_filters);
