//! Plan and closure approval per case type, nobody approving their own case,
//! comments required, the approvals queue, and the approval settings.

use axum::http::StatusCode;
use casework::db::audit::{AuditAction, AuditFilter, AuditScope};
use serde_json::{Value, json};

use crate::common::{Fixture, Snapshot, TestApp};
use crate::support::*;

fn open_transitions(view: &Value) -> Vec<String> {
    view["open_transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect()
}

async fn queue(app: &TestApp, who: &str) -> Vec<(String, String)> {
    let (status, body) = app.get("/api/approvals", who).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["case_id"].as_str().unwrap().to_owned(),
                i["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn missing(answer: &Value) -> Vec<String> {
    answer["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["field"].as_str().unwrap().to_owned())
        .collect()
}

/// A counselling plan needs approval (the default); a family-mediation plan,
/// with plan approval switched off for that type, does not.
async fn plan_approval_per_case_type(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = fx.worker.as_str();
    set_policy(&app, &fx, "family_mediation", false, true).await;

    let mut c = open(&app, &fx, "counselling", &fx.team, Some(w), "甲").await;
    to_contract(&app, w, &mut c, "medium").await;
    let (_, view) = app.get(&format!("/api/cases/{}", c.id), w).await;
    assert_eq!(
        open_transitions(&view),
        ["submit_plan", "step_back", "close_early"],
        "the worker is offered to submit, not to advance"
    );
    // Advancing anyway is refused, names what is missing, and changes nothing.
    let before = Snapshot::take(&app);
    let (status, answer) = try_move(&app, w, &mut c, "advance", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["reason"], "missing_facts");
    assert_eq!(missing(&answer), ["approval.plan"]);
    assert!(
        answer["open_transitions"]
            .as_array()
            .unwrap()
            .contains(&json!("submit_plan"))
    );
    assert_eq!(Snapshot::take(&app), before);

    mv(&app, w, &mut c, "submit_plan", None).await;
    let (_, view) = app.get(&format!("/api/cases/{}", c.id), w).await;
    assert_eq!(
        view["case"]["stage"], "contract",
        "the case stays in contract"
    );
    assert_eq!(open_transitions(&view), ["step_back", "close_early"]);
    assert_eq!(
        queue(&app, &fx.supervisor).await,
        [(c.id.clone(), "plan".to_owned())]
    );
    assert!(
        queue(&app, &fx.other_supervisor).await.is_empty(),
        "another team's supervisor"
    );
    let (status, _) = app.get("/api/approvals", w).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "workers have no queue");

    let (status, answer) = try_move(&app, w, &mut c, "submit_plan", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing(&answer), ["approval.plan_not_submitted"]);
    let (status, answer) = try_move(&app, w, &mut c, "approve_plan", Some("ok")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer["reason"], "role_not_permitted");

    // A comment is required, and limited in length.
    let s = fx.supervisor.as_str();
    let before = Snapshot::take(&app);
    for blank in [None, Some("   ")] {
        let (status, answer) = try_move(&app, s, &mut c, "approve_plan", blank).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(missing(&answer), ["transition.comment"]);
        let (status, answer) = try_move(&app, s, &mut c, "return_plan", blank).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(missing(&answer), ["transition.comment"]);
    }
    let long = "长".repeat(2001);
    let (status, answer) = try_move(&app, s, &mut c, "approve_plan", Some(&long)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["fields"][0]["field"], "transition.reason");
    assert_eq!(Snapshot::take(&app), before, "refusals change nothing");

    // Sent back with a comment: still in contract, no longer waiting.
    mv(&app, s, &mut c, "return_plan", Some("请补充服务频率的依据")).await;
    assert!(queue(&app, s).await.is_empty());
    let (_, view) = app.get(&format!("/api/cases/{}", c.id), w).await;
    assert_eq!(view["case"]["stage"], "contract");
    assert_eq!(
        open_transitions(&view),
        ["submit_plan", "step_back", "close_early"]
    );
    let last = view["transitions"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["transition"], "return_plan");
    assert_eq!(last["reason"], "请补充服务频率的依据");
    assert_eq!(last["actor_id"], s);

    // Submitted again and approved: intervention, with the comment in the log.
    mv(&app, w, &mut c, "submit_plan", None).await;
    mv(&app, s, &mut c, "approve_plan", Some("同意进入介入")).await;
    let (_, view) = app.get(&format!("/api/cases/{}", c.id), w).await;
    assert_eq!(view["case"]["stage"], "intervention");
    let path: Vec<&str> = view["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["transition"].as_str().unwrap())
        .collect();
    assert_eq!(
        path,
        [
            "advance",
            "advance",
            "submit_plan",
            "return_plan",
            "submit_plan",
            "approve_plan"
        ]
    );
    assert_eq!(view["transitions"][5]["reason"], "同意进入介入");
    // Each entry records when the stay it ends began: the case's opening, then
    // each move to another stage; the plan's submissions and return are not
    // moves, so every entry from contract points at the entry into contract.
    let log = view["transitions"].as_array().unwrap();
    let entered: Vec<&str> = log
        .iter()
        .map(|t| t["stage_entered_at"].as_str().unwrap())
        .collect();
    let opened = view["case"]["opened_at"].as_str().unwrap();
    let into_assessment = log[0]["occurred_at"].as_str().unwrap();
    let into_contract = log[1]["occurred_at"].as_str().unwrap();
    assert_eq!(
        entered,
        [
            opened,
            into_assessment,
            into_contract,
            into_contract,
            into_contract,
            into_contract
        ]
    );
    // The migration that brought the column fills it in the same way for a log
    // written before it: taken back and applied again, it gives the same times.
    app.with_conn(|conn| {
        use casework::db::DbConnection;
        use diesel_migrations::MigrationHarness;
        let source = match conn {
            DbConnection::Sqlite(_) => casework::db::migrations::SQLITE,
            DbConnection::Postgresql(_) => casework::db::migrations::POSTGRES,
        };
        let reverted = conn.revert_last_migration(source).unwrap();
        assert!(reverted.to_string().contains("000022"), "{reverted}");
        casework::db::migrations::run_pending(conn).unwrap();
    });
    let (_, again) = app.get(&format!("/api/cases/{}", c.id), w).await;
    let refilled: Vec<&str> = again["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["stage_entered_at"].as_str().unwrap())
        .collect();
    assert_eq!(refilled, entered);
    assert!(queue(&app, s).await.is_empty());

    // Family mediation: no approval for plans in this agency.
    let mut f = open(&app, &fx, "family_mediation", &fx.team, Some(w), "乙").await;
    to_contract(&app, w, &mut f, "low").await;
    let (_, view) = app.get(&format!("/api/cases/{}", f.id), w).await;
    assert_eq!(
        open_transitions(&view),
        ["advance", "step_back", "close_early"]
    );
    let (status, answer) = try_move(&app, w, &mut f, "submit_plan", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing(&answer), ["approval.plan_policy"]);
    mv(&app, w, &mut f, "advance", None).await;
    let (_, view) = app.get(&format!("/api/cases/{}", f.id), w).await;
    assert_eq!(view["case"]["stage"], "intervention");
}
on_both_backends!(plan_approval, plan_approval_per_case_type);

/// A supervisor holding a case cannot approve it (a clear refusal); another
/// supervisor of the team can. Closure sign-off follows the case type's policy,
/// and the queue lists waiting items oldest first.
async fn own_case_closure_policy_and_queue(app: TestApp) {
    let fx = Fixture::insert(&app);
    let second = app.with_conn(|c| {
        let id = casework::db::organisations::insert_user(
            c,
            &fx.agency,
            "刘督导",
            casework::domain::Role::Supervisor,
        )
        .unwrap()
        .id;
        casework::db::accounts::add_to_team(c, &fx.team, &id, casework::db::now()).unwrap();
        id
    });
    let s = fx.supervisor.as_str();

    // The supervisor's own case.
    let mut own = open(&app, &fx, "counselling", &fx.team, Some(s), "丙").await;
    to_contract(&app, s, &mut own, "low").await;
    mv(&app, s, &mut own, "submit_plan", None).await;
    let before = Snapshot::take(&app);
    let (status, answer) = try_move(&app, s, &mut own, "approve_plan", Some("ok")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["reason"], "own_case");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("负责社工以外的督导"),
        "{answer}"
    );
    assert_eq!(Snapshot::take(&app), before);
    assert!(queue(&app, s).await.is_empty(), "not in the own queue");
    assert_eq!(
        queue(&app, &second).await,
        [(own.id.clone(), "plan".to_owned())]
    );
    mv(&app, &second, &mut own, "approve_plan", Some("同意")).await;

    // Closure sign-off: required for counselling (default), not for labour disputes.
    set_policy(&app, &fx, "labour_dispute", true, false).await;
    let w = fx.worker.as_str();
    let mut closures = Vec::new();
    for (case_type, name) in [("counselling", "丁"), ("labour_dispute", "戊")] {
        let mut c = open(&app, &fx, case_type, &fx.team, Some(w), name).await;
        to_contract(&app, w, &mut c, "low").await;
        approved(&app, &fx, w, &mut c).await;
        session(&app, w, &mut c, today(), "n").await;
        mv(&app, w, &mut c, "advance", None).await;
        let (_, view) = app.get(&format!("/api/cases/{}", c.id), w).await;
        let goal = view["records"]["goals"][0]["id"].clone();
        save(
            &app,
            w,
            &mut c,
            "closure",
            json!({ "reason": "goals_achieved",
            "goal_attainment": [{ "goal_id": goal, "attainment": 1 }], "who5_closing": 60,
            "satisfaction": 4, "summary": "达成" }),
        )
        .await;
        closures.push(c);
    }
    let (mut counselling, mut labour) = (closures.remove(0), closures.remove(0));
    assert_eq!(
        queue(&app, s).await,
        [(counselling.id.clone(), "closure".to_owned())],
        "the labour dispute's closure needs no sign-off"
    );
    // The home page's sign-off list agrees.
    let home = page(&app, s, "/").await;
    let start = home
        .body
        .find("id=\"sign-off\"")
        .expect("the sign-off list");
    let section = &home.body[start..start + home.body[start..].find("</section>").unwrap()];
    assert!(
        section.contains(&format!("/cases/{}", counselling.id)),
        "{section}"
    );
    assert!(
        !section.contains(&format!("/cases/{}", labour.id)),
        "{section}"
    );
    let (_, view) = app.get(&format!("/api/cases/{}", labour.id), w).await;
    assert_eq!(open_transitions(&view), ["advance"]);
    mv(&app, w, &mut labour, "advance", None).await;
    let (_, view) = app.get(&format!("/api/cases/{}", labour.id), w).await;
    assert_eq!(view["case"]["stage"], "closed", "closed by the worker");

    let (status, answer) = try_move(&app, w, &mut counselling, "advance", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing(&answer), ["approval.closure"]);
    let (status, answer) = try_move(&app, s, &mut counselling, "approve_closure", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing(&answer), ["transition.comment"]);

    // Oldest first: a plan submitted after the closure comes second.
    let mut later = open(&app, &fx, "special_group", &fx.team, Some(w), "己").await;
    to_contract(&app, w, &mut later, "low").await;
    mv(&app, w, &mut later, "submit_plan", None).await;
    assert_eq!(
        queue(&app, s).await,
        [
            (counselling.id.clone(), "closure".to_owned()),
            (later.id.clone(), "plan".to_owned())
        ]
    );
    // Switching sign-off off takes the closure out of the queue; on again, back in.
    set_policy(&app, &fx, "counselling", true, false).await;
    assert_eq!(
        queue(&app, s).await,
        [(later.id.clone(), "plan".to_owned())]
    );
    set_policy(&app, &fx, "counselling", true, true).await;
    assert_eq!(queue(&app, s).await.len(), 2);

    mv(
        &app,
        s,
        &mut counselling,
        "approve_closure",
        Some("同意结案"),
    )
    .await;
    let (_, view) = app.get(&format!("/api/cases/{}", counselling.id), w).await;
    assert_eq!(view["case"]["stage"], "closed");
    let last = view["transitions"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (last["transition"].clone(), last["reason"].clone()),
        (json!("approve_closure"), json!("同意结案"))
    );

    // The screen lists the same, with the count in the navigation.
    let p = page(&app, s, "/approvals").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.body.contains(&format!("href=\"/cases/{}\"", later.id)),
        "{}",
        p.body
    );
    assert!(
        !p.body
            .contains(&format!("href=\"/cases/{}\"", counselling.id))
    );
    assert!(
        p.body.contains("<span class=\"nav-count\""),
        "a count in the navigation"
    );
    let p = page(&app, w, "/approvals").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(
        !p.body.contains("href=\"/approvals\""),
        "no link for workers"
    );
}
on_both_backends!(own_case_and_queue, own_case_closure_policy_and_queue);

/// The settings screen and API: administrators and supervisors of the agency
/// change them; each change is audited; others get 404; bad input is refused.
async fn approval_settings(app: TestApp) {
    let fx = Fixture::insert(&app);
    let p = page(&app, &fx.admin, "/settings/approvals").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(
        p.body
            .contains("name=\"counselling.plan\" value=\"true\" checked")
    );
    // Every box ticked but counselling's plan.
    let mut fields: Vec<(String, &str)> = Vec::new();
    for t in [
        "counselling",
        "family_mediation",
        "labour_dispute",
        "special_group",
    ] {
        if t != "counselling" {
            fields.push((format!("{t}.plan"), "true"));
        }
        fields.push((format!("{t}.closure"), "true"));
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let p = form(&app, &fx.admin, "/settings/approvals", &fields).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert_eq!(
        p.location.as_deref(),
        Some("/settings/approvals?flash=policy-saved")
    );

    let (status, rows) = app.get("/api/approval-policies", &fx.supervisor).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rows[0]["case_type"], "counselling");
    assert_eq!(rows[0]["plan_required"], false);
    assert_eq!(rows[0]["closure_required"], true);
    assert_eq!(rows[0]["updated_by"], fx.admin.as_str());
    assert_eq!(rows[1]["plan_required"], true);
    assert!(
        rows[1]["updated_by"].is_null(),
        "unchanged types keep the default: {rows}"
    );

    let events = app.with_conn(|c| {
        casework::db::audit::search(
            c,
            &AuditScope::All,
            &AuditFilter {
                action: Some(AuditAction::ApprovalPolicyChange),
                ..AuditFilter::default()
            },
            100,
        )
        .unwrap()
    });
    assert_eq!(events.len(), 1, "one change, one entry: {events:?}");
    assert_eq!(events[0].outcome, "allowed");
    assert_eq!(events[0].actor_id.as_deref(), Some(fx.admin.as_str()));
    assert_eq!(
        events[0].detail.as_deref(),
        Some("counselling plan_required=false closure_required=true")
    );

    // Workers and officers: not found, and the refused write is audited.
    let before = Snapshot::take(&app);
    for who in [&fx.worker, &fx.officer] {
        let (status, _) = app.get("/api/approval-policies", who).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app
            .put(
                "/api/approval-policies",
                who,
                json!({ "case_type": "counselling", "plan_required": true, "closure_required": true }),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (status, body) = app
        .put(
            "/api/approval-policies",
            &fx.supervisor,
            json!({ "case_type": "gardening", "plan_required": true, "closure_required": true }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "policy.case_type");
    let (status, _) = app
        .put(
            "/api/approval-policies",
            &fx.supervisor,
            json!({ "case_type": "counselling", "plan_required": true, "closure_required": true,
                    "organisation_id": fx.other_agency }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a crafted organisation is refused"
    );
    assert_eq!(Snapshot::take(&app), before, "refusals change nothing");
    let refused = app.with_conn(|c| {
        casework::db::audit::search(
            c,
            &AuditScope::All,
            &AuditFilter {
                action: Some(AuditAction::ApprovalPolicyChange),
                ..AuditFilter::default()
            },
            100,
        )
        .unwrap()
        .into_iter()
        .filter(|e| e.outcome == "refused")
        .count()
    });
    assert_eq!(refused, 2);
    let p = page(&app, &fx.worker, "/settings/approvals").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
}
on_both_backends!(settings, approval_settings);
