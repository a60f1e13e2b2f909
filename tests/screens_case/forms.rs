//! A case of each type walked from intake to closed through the forms only.

use axum::http::StatusCode;
use serde_json::Value;

use super::{get, post_ok, today};
use crate::common::{Fixture, TestApp, create_client, open_case};

fn details_form(case_type: &str) -> Vec<(&'static str, &'static str)> {
    match case_type {
        "counselling" => vec![
            ("concern", "work_pressure"),
            ("self_harm_screening", "PHQ-9 item 9 negative"),
            ("preferred_mode", "online"),
        ],
        "family_mediation" => vec![
            ("parties", "夫妻双方"),
            ("conflict", "育儿分工争执"),
            ("agreement_reached", "yes"),
        ],
        "labour_dispute" => vec![
            ("employer", "顺达建筑"),
            ("category", "wage_arrears"),
            ("workers_affected", "12"),
            ("amount_in_dispute", "360,000.5"),
            ("route", "mediation"),
            ("outcome", "全额追回"),
            ("amount_recovered", "３６００００.50"),
        ],
        _ => vec![
            ("groups", "women_four_periods"),
            ("groups", "migrant_worker"),
            ("needs", "childcare"),
            ("resources_linked", "区妇联托育服务"),
        ],
    }
}

async fn api_view(app: &TestApp, actor: &str, case: &str) -> Value {
    let (status, view) = app.get(&format!("/api/cases/{case}"), actor).await;
    assert_eq!(status, StatusCode::OK);
    view
}

async fn walk_every_type_through_the_forms(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = fx.worker.as_str();
    for case_type in [
        "counselling",
        "family_mediation",
        "labour_dispute",
        "special_group",
    ] {
        let client = create_client(&app, w, "陈静", 1990).await;
        let (id, _) = open_case(&app, &fx, case_type, &client).await;
        let first = get(&app, &format!("/cases/{id}"), w).await;
        assert_eq!(first.status, StatusCode::OK);
        assert!(first.body.contains("陈静"));
        assert!(first.body.contains("aria-current=\"step\""));
        assert!(
            first
                .body
                .contains(&format!("action=\"/cases/{id}/intake\""))
        );

        let page = post_ok(&app, &id, "details", w, &details_form(case_type)).await;
        assert!(page.body.contains("Saved."), "the flash after the redirect");
        let view = api_view(&app, w, &id).await;
        assert_eq!(view["details"]["case_type"], case_type);
        if case_type == "labour_dispute" {
            assert_eq!(view["details"]["amount_in_dispute"], 36_000_050);
            assert_eq!(view["details"]["amount_recovered"], 36_000_050);
            assert!(page.body.contains("¥360,000.50"));
        }
        if case_type == "special_group" {
            assert_eq!(
                view["details"]["groups"],
                "women_four_periods,migrant_worker"
            );
        }

        post_ok(
            &app,
            &id,
            "intake",
            w,
            &[
                ("channel", "union_referral"),
                ("presenting_problem", "连续夜班后失眠、焦虑"),
                ("urgency", "soon"),
                ("consent_service", "true"),
                ("consent_sensitive", "true"),
            ],
        )
        .await;
        let page = post_ok(&app, &id, "transitions", w, &[("transition", "advance")]).await;
        assert!(page.body.contains("The case has moved on."));
        assert!(
            page.body
                .contains(&format!("action=\"/cases/{id}/assessment\""))
        );
        assert!(
            page.body
                .contains("I have felt cheerful and in good spirits")
        );

        // WHO-5 answers 3+4+2+3+4 = 16, stored as 16 × 4.
        let page = post_ok(
            &app,
            &id,
            "assessment",
            w,
            &[
                ("physiological", "睡眠不足"),
                ("psychological", "焦虑"),
                ("social", "支持网络薄弱"),
                ("risk_level", "medium"),
                ("risk_screening", "无自伤意念"),
                ("needs", "减压"),
                ("strengths", "求助动机强"),
                ("who5.1", "3"),
                ("who5.2", "4"),
                ("who5.3", "2"),
                ("who5.4", "3"),
                ("who5.5", "4"),
            ],
        )
        .await;
        assert_eq!(
            api_view(&app, w, &id).await["records"]["assessment"]["who5_baseline"],
            64
        );
        assert!(page.body.contains("Saved score: 64 / 100"));
        assert!(
            page.body.contains("name=\"who5.1\" value=\"3\" checked")
                && page.body.contains("name=\"who5.5\" value=\"4\" checked"),
            "the answers are shown again"
        );
        // Saving again without answering keeps the score.
        post_ok(
            &app,
            &id,
            "assessment",
            w,
            &[
                ("physiological", "睡眠改善"),
                ("risk_level", "medium"),
                ("psychological", "焦虑"),
                ("social", "支持网络薄弱"),
                ("risk_screening", "无自伤意念"),
                ("who5_saved", "64"),
            ],
        )
        .await;
        assert_eq!(
            api_view(&app, w, &id).await["records"]["assessment"]["who5_baseline"],
            64
        );
        post_ok(&app, &id, "transitions", w, &[("transition", "advance")]).await;

        let page = post_ok(
            &app,
            &id,
            "contract",
            w,
            &[
                ("goals.0.description", "睡眠恢复到每晚六小时"),
                ("goals.0.indicator", "睡眠日记"),
                ("goals.0.target_date", "2026-12-31"),
                ("goals.1.description", ""),
                ("goals.2.description", "掌握两种放松技巧"),
                ("goals.2.indicator", "自评量表"),
                ("services", "个案辅导"),
                ("frequency", "每周一次"),
                ("client_agreed", "true"),
                ("agreed_on", &today()),
            ],
        )
        .await;
        let goals = api_view(&app, w, &id).await["records"]["goals"].clone();
        assert_eq!(goals.as_array().unwrap().len(), 2);
        assert_eq!(
            page.input("goals.0.id"),
            goals[0]["id"].as_str().unwrap(),
            "goal ids kept in hidden fields"
        );
        assert!(
            page.body.contains("name=\"goals.3.description\""),
            "two empty rows after the goals"
        );
        // The plan needs a supervisor's approval (the default policy).
        post_ok(
            &app,
            &id,
            "transitions",
            w,
            &[("transition", "submit_plan")],
        )
        .await;
        post_ok(
            &app,
            &id,
            "transitions",
            &fx.supervisor,
            &[("transition", "approve_plan"), ("reason", "同意")],
        )
        .await;

        // The session form offers one progress row per goal of the plan.
        let page = get(&app, &format!("/cases/{id}"), w).await;
        let (p0, p1) = (page.input("progress_goal.0"), page.input("progress_goal.1"));
        assert_eq!(p0, goals[0]["id"].as_str().unwrap());
        assert_eq!(p1, goals[1]["id"].as_str().unwrap());
        let page = post_ok(
            &app,
            &id,
            "sessions",
            w,
            &[
                ("held_on", &today()),
                ("duration_minutes", "50"),
                ("mode", "face_to_face"),
                ("participants", "服务对象"),
                ("notes", "放松训练"),
                ("services_delivered", "放松训练"),
                ("progress_goal.0", &p0),
                ("progress.0", "some"),
                ("progress_note.0", "入睡时间提前了半小时"),
                ("progress_goal.1", &p1),
                ("progress.1", ""),
                ("progress_note.1", ""),
            ],
        )
        .await;
        assert!(page.body.contains("放松训练"));
        assert!(page.body.contains("50 min"));
        assert!(
            page.body.contains(
                "睡眠恢复到每晚六小时: <strong>Some progress</strong> — 入睡时间提前了半小时"
            ),
            "the rated goal, its rating and note under the session"
        );
        let progress = api_view(&app, w, &id).await["records"]["goal_progress"].clone();
        assert_eq!(
            progress.as_array().unwrap().len(),
            1,
            "an unrated goal stores nothing"
        );
        assert_eq!(progress[0]["goal_id"], goals[0]["id"]);
        assert_eq!(progress[0]["progress"], "some");
        // A teammate sees the rating but not the (confidential) note.
        let seen = get(&app, &format!("/cases/{id}"), &fx.colleague).await;
        assert!(seen.body.contains("<strong>Some progress</strong>"));
        assert!(!seen.body.contains("入睡时间提前了半小时"));
        post_ok(&app, &id, "transitions", w, &[("transition", "advance")]).await;

        let page = get(&app, &format!("/cases/{id}"), w).await;
        assert_eq!(page.input("gas_id.0"), goals[0]["id"].as_str().unwrap());
        let (g0, g1) = (page.input("gas_id.0"), page.input("gas_id.1"));
        post_ok(
            &app,
            &id,
            "closure",
            w,
            &[
                ("reason", "goals_achieved"),
                ("gas_id.0", &g0),
                ("gas.0", "1"),
                ("gas_id.1", &g1),
                ("gas.1", "-2"),
                ("who5.1", "4"),
                ("who5.2", "4"),
                ("who5.3", "3"),
                ("who5.4", "4"),
                ("who5.5", "5"),
                ("satisfaction", "5"),
                ("summary", "目标基本达成"),
                ("follow_up_plan", "一个月后电话回访"),
            ],
        )
        .await;
        let view = api_view(&app, w, &id).await;
        assert_eq!(view["records"]["closure"]["who5_closing"], 80);
        assert_eq!(view["records"]["goals"][0]["attainment"], 1);
        assert_eq!(view["records"]["goals"][1]["attainment"], -2);

        // The worker cannot sign off their own case: no approve button for them.
        let page = get(&app, &format!("/cases/{id}"), w).await;
        assert!(!page.body.contains("value=\"approve_closure\""));
        let page = post_ok(
            &app,
            &id,
            "transitions",
            &fx.supervisor,
            &[("transition", "approve_closure"), ("reason", "同意结案")],
        )
        .await;
        assert!(page.body.contains("This case is closed"));
        assert!(
            page.body.contains("much less than expected"),
            "GAS labels in the summary"
        );
        let page = get(&app, &format!("/cases/{id}"), w).await;
        assert!(
            !page.body.contains(&format!("action=\"/cases/{id}/")),
            "a closed case is read-only"
        );
        for text in [
            "Approve closure",
            "Case opened at intake",
            "Session logged",
            "Intake record saved",
        ] {
            assert!(page.body.contains(text), "timeline shows {text:?}");
        }
        assert_eq!(api_view(&app, w, &id).await["case"]["stage"], "closed");
    }
}
on_both_backends!(
    every_type_through_the_forms,
    walk_every_type_through_the_forms
);
