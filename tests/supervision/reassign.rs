//! Reassignment: by a supervisor of the case, to another active social worker of
//! its team, with the case's version (stale: 409), logged in the timeline and the
//! audit trail; refused on a closed case and for anyone else.

use axum::http::StatusCode;
use casework::db::audit::{AuditAction, AuditFilter, AuditScope};
use serde_json::{Value, json};

use crate::common::{Fixture, Snapshot, TestApp};
use crate::support::*;

async fn reassign(
    app: &TestApp,
    who: &str,
    case: &str,
    version: i64,
    data: Value,
) -> (StatusCode, Value) {
    app.post(
        &format!("/api/cases/{case}/assignment"),
        who,
        json!({ "version": version, "data": data }),
    )
    .await
}

async fn by_api(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (w, m, s) = (
        fx.worker.as_str(),
        fx.colleague.as_str(),
        fx.supervisor.as_str(),
    );
    let mut c = open(&app, &fx, "counselling", &fx.team, Some(w), "癸").await;
    to_contract(&app, w, &mut c, "medium").await;

    // Refused: anyone but a supervisor of the case; stale; not a social worker of the team.
    let disabled = app.with_conn(|conn| {
        let id = casework::db::organisations::insert_user(
            conn,
            &fx.agency,
            "已离职社工",
            casework::domain::Role::SocialWorker,
        )
        .unwrap()
        .id;
        casework::db::accounts::add_to_team(conn, &fx.team, &id, casework::db::now()).unwrap();
        casework::db::accounts::disable(conn, &id, casework::db::now()).unwrap();
        id
    });
    let before = Snapshot::take(&app);
    let to_colleague = json!({ "worker_id": m, "reason": "产假代班" });
    for (who, status) in [
        (w, StatusCode::FORBIDDEN),
        (m, StatusCode::FORBIDDEN),
        (fx.other_supervisor.as_str(), StatusCode::NOT_FOUND),
        (fx.officer.as_str(), StatusCode::NOT_FOUND),
        (fx.admin.as_str(), StatusCode::NOT_FOUND),
    ] {
        assert_eq!(
            reassign(&app, who, &c.id, c.v, to_colleague.clone())
                .await
                .0,
            status,
            "{who}"
        );
    }
    let (status, answer) = reassign(&app, s, &c.id, c.v - 1, to_colleague.clone()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["current_version"], c.v);
    for worker in [
        fx.other_team_worker.as_str(),
        fx.supervisor.as_str(),
        w,
        disabled.as_str(),
        fx.stranger.as_str(),
        "not-a-user",
    ] {
        let (status, answer) = reassign(&app, s, &c.id, c.v, json!({ "worker_id": worker })).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{worker}: {answer}"
        );
        assert_eq!(answer["fields"][0]["field"], "assignment.worker_id");
    }
    let (status, answer) = reassign(
        &app,
        s,
        &c.id,
        c.v,
        json!({ "worker_id": m, "reason": "长".repeat(2001) }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer["fields"][0]["field"], "assignment.reason");
    assert_eq!(Snapshot::take(&app), before, "refusals change nothing");

    // Done: the colleague holds the case with its history.
    let (status, answer) = reassign(&app, s, &c.id, c.v, to_colleague).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["case"]["version"], c.v + 1);
    assert_eq!(answer["assignment"]["from_worker_id"], w);
    assert_eq!(answer["assignment"]["to_worker_id"], m);
    assert_eq!(answer["assignment"]["assigned_by"], s);
    c.v += 1;
    let (_, view) = app.get(&format!("/api/cases/{}", c.id), m).await;
    assert_eq!(view["case"]["assigned_worker_id"], m);
    assert_eq!(view["case"]["stage"], "contract");
    assert_eq!(
        view["transitions"].as_array().unwrap().len(),
        2,
        "history kept"
    );
    assert_eq!(
        view["records"]["assessment"]["risk_screening"], "SECRET-SCREENING",
        "the new worker reads it all"
    );
    // The new worker works on it; the former one now reads it as a teammate.
    mv(&app, m, &mut c, "submit_plan", None).await;
    let (status, _) = try_move(&app, w, &mut c, "step_back", Some("x")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // In the timeline and the audit trail.
    let p = page(&app, w, &format!("/cases/{}", c.id)).await;
    assert!(p.body.contains("event-reassigned"));
    assert!(p.body.contains("李晓梅 → Emily Chen"), "{}", p.body);
    assert!(p.body.contains("产假代班"));
    let details: Vec<String> = app.with_conn(|conn| {
        casework::db::audit::search(
            conn,
            &AuditScope::All,
            &AuditFilter {
                case_id: Some(c.id.clone()),
                action: Some(AuditAction::CaseUpdate),
                ..AuditFilter::default()
            },
            100,
        )
        .unwrap()
        .into_iter()
        .filter_map(|e| e.detail)
        .filter(|d| d.starts_with("assignment"))
        .collect()
    });
    assert_eq!(details, [format!("assignment {w} -> {m}")]);

    // A case nobody has taken is assigned the same way; a closed case is not.
    let fresh = open(&app, &fx, "counselling", &fx.team, None, "子").await;
    let (status, answer) = reassign(&app, s, &fresh.id, fresh.v, json!({ "worker_id": w })).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["assignment"]["from_worker_id"], Value::Null);
    let mut gone = open(&app, &fx, "counselling", &fx.team, Some(w), "丑").await;
    let (status, _) = app
        .post(
            &format!("/api/cases/{}/transitions", gone.id),
            w,
            json!({ "version": gone.v,
            "transition": "close_early", "closure_reason": "moved_away" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    gone.v += 1;
    let (status, answer) = reassign(&app, s, &gone.id, gone.v, json!({ "worker_id": m })).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["error"], "edit_refused");
    assert_eq!(answer["section"], "assignment");
}
on_both_backends!(api, by_api);

async fn by_forms(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (w, m, s) = (
        fx.worker.as_str(),
        fx.colleague.as_str(),
        fx.supervisor.as_str(),
    );
    let late = open(&app, &fx, "counselling", &fx.team, Some(w), "寅").await;
    backdate(&app, &late.id, 6);
    let uri = format!("/cases/{}/assignment", late.id);
    let version = late.v.to_string();

    // From the team screen: a stale form is refused with the reason, on the same screen.
    let stale = (late.v - 1).to_string();
    let p = form(
        &app,
        s,
        &uri,
        &[("version", &stale), ("worker_id", m), ("back", "team")],
    )
    .await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(p.body.contains("<h1>Team oversight</h1>"), "{}", p.body);
    assert!(p.body.contains("role=\"alert\""));
    assert!(
        p.body.contains(&format!("version {}", late.v)),
        "the message names the current version"
    );
    let p = form(
        &app,
        s,
        &uri,
        &[("version", &version), ("worker_id", ""), ("back", "team")],
    )
    .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body.contains("<details class=\"reassign\" open"),
        "the refused form stays open"
    );
    assert!(
        p.body.contains("another active social worker of the case"),
        "{}",
        p.body
    );
    let p = form(
        &app,
        w,
        &uri,
        &[("version", &version), ("worker_id", m), ("back", "team")],
    )
    .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);

    let p = form(
        &app,
        s,
        &uri,
        &[
            ("version", &version),
            ("worker_id", m),
            ("reason", "平衡个案量"),
            ("back", "team"),
        ],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert_eq!(p.location.as_deref(), Some("/team?flash=reassigned"));
    let p = page(&app, s, "/team?flash=reassigned").await;
    assert!(p.body.contains("The case has been reassigned."));
    let (_, view) = app.get(&format!("/api/cases/{}", late.id), m).await;
    assert_eq!(view["case"]["assigned_worker_id"], m);

    // From the case page.
    let p = page(&app, s, &format!("/cases/{}", late.id)).await;
    assert!(p.body.contains("id=\"reassign-title\""));
    let version = (late.v + 1).to_string();
    let p = form(
        &app,
        s,
        &uri,
        &[("version", &version), ("worker_id", w), ("back", "case")],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert_eq!(
        p.location.as_deref(),
        Some(format!("/cases/{}?flash=reassigned", late.id).as_str())
    );
    let p = page(&app, w, &format!("/cases/{}", late.id)).await;
    assert!(
        !p.body.contains("id=\"reassign-title\""),
        "workers get no reassignment form"
    );
}
on_both_backends!(forms, by_forms);
