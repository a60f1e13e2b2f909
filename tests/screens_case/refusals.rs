//! What the page does with a save it cannot make: a refused transition, invalid
//! or hostile input, a stale form, a double submission.

use axum::http::StatusCode;
use serde_json::json;

use super::{ESCAPED, SCRIPT, api_step, case_in_intervention, get, post, post_ok, today};
use crate::common::{Fixture, Snapshot, TestApp, create_client, open_case};

async fn refused_transition_names_what_is_missing(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "王芳", 1985).await;
    let (id, _) = open_case(&app, &fx, "counselling", &client).await;
    let page = get(&app, &format!("/cases/{id}"), &fx.worker).await;
    let before = Snapshot::take(&app);
    let answer = post(
        &app,
        &format!("/cases/{id}/transitions"),
        &fx.worker,
        &page.version(),
        &[("transition", "advance")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("The case is in Intake"),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("role=\"alert\""));
    answer.assert_error(
        "intake-consent-service",
        "informed consent to the service is required",
    );
    answer.assert_error("intake-channel", "intake channel is required");
    answer.assert_error(
        "intake-presenting-problem",
        "presenting problem is required",
    );
    assert_eq!(
        Snapshot::take(&app),
        before,
        "a refused transition changes nothing"
    );

    // A reason is needed to step back: the error sits in that move's form, which stays open.
    let id = case_in_intervention(&app, &fx).await;
    let page = get(&app, &format!("/cases/{id}"), &fx.worker).await;
    let answer = post(
        &app,
        &format!("/cases/{id}/transitions"),
        &fx.worker,
        &page.version(),
        &[("transition", "step_back"), ("reason", "   ")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    answer.assert_error("move-step-back-reason", "a reason is required");
    assert!(answer.body.contains("<details class=\"move\" open"));
}
on_both_backends!(refused_transition, refused_transition_names_what_is_missing);

async fn bad_input_is_kept_and_escaped(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = fx.worker.as_str();
    let id = case_in_intervention(&app, &fx).await;
    let uri = format!("/cases/{id}/sessions");
    let v = get(&app, &format!("/cases/{id}"), w).await.version();
    let before = Snapshot::take(&app);
    let answer = post(
        &app,
        &uri,
        w,
        &v,
        &[
            ("held_on", &today()),
            ("duration_minutes", "abc"),
            ("mode", "phone"),
            ("participants", SCRIPT),
            ("notes", SCRIPT),
            ("services_delivered", SCRIPT),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    answer.assert_error("session-duration-minutes", "must be between 1 and 1440");
    assert!(
        answer.body.contains("value=\"abc\""),
        "what was typed is kept"
    );
    assert_eq!(
        answer.body.matches(ESCAPED).count(),
        3,
        "every text field kept, escaped"
    );
    assert!(!answer.body.contains(SCRIPT), "never raw");
    let answer = post(&app, &uri, w, &v, &[("duration_minutes", ""), ("mode", "")]).await;
    answer.assert_error(
        "session-duration-minutes",
        "duration in minutes is required",
    );
    answer.assert_error("session-mode", "session mode is required");
    assert_eq!(Snapshot::take(&app), before, "nothing saved");

    // Typed script saved through a form is shown escaped, in the form and in the log.
    post_ok(
        &app,
        &id,
        "sessions",
        w,
        &[
            ("held_on", &today()),
            ("duration_minutes", "30"),
            ("mode", "online"),
            ("notes", SCRIPT),
        ],
    )
    .await;
    let page = post_ok(
        &app,
        &id,
        "details",
        w,
        &[("concern", "grief"), ("self_harm_screening", SCRIPT)],
    )
    .await;
    assert!(page.body.matches(ESCAPED).count() >= 2 && !page.body.contains(SCRIPT));

    // A labour-dispute amount with three decimals, an over-long frequency, half a WHO-5.
    let client = create_client(&app, w, "赵强", 1979).await;
    let (labour, _) = open_case(&app, &fx, "labour_dispute", &client).await;
    let v = get(&app, &format!("/cases/{labour}"), w).await.version();
    let answer = post(
        &app,
        &format!("/cases/{labour}/details"),
        w,
        &v,
        &[
            ("employer", SCRIPT),
            ("amount_in_dispute", "12.345"),
            ("workers_affected", "many"),
            ("outcome", SCRIPT),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    answer.assert_error("details-amount-in-dispute", "at most two decimals");
    answer.assert_error(
        "details-workers-affected",
        "workers affected must be between 1 and 1000000",
    );
    assert!(answer.body.contains("value=\"12.345\""));
    assert!(answer.body.matches(ESCAPED).count() == 2 && !answer.body.contains(SCRIPT));

    api_step(
        &app,
        w,
        &labour,
        "intake",
        json!({ "channel": "walk_in", "presenting_problem": "欠薪",
        "urgency": "soon", "consent_service": true, "consent_sensitive": true }),
    )
    .await;
    api_step(
        &app,
        w,
        &labour,
        "transitions",
        json!({ "transition": "advance" }),
    )
    .await;
    let v = get(&app, &format!("/cases/{labour}"), w).await.version();
    let mut fields = vec![("who5.1", "3"), ("who5.2", "2")];
    for name in [
        "physiological",
        "psychological",
        "social",
        "risk_screening",
        "needs",
        "strengths",
    ] {
        fields.push((name, SCRIPT));
    }
    let answer = post(&app, &format!("/cases/{labour}/assessment"), w, &v, &fields).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    answer.assert_error(
        "assessment-who5-items",
        "an answer to each of the five WHO-5 statements is required",
    );
    assert!(
        answer.body.contains("name=\"who5.2\" value=\"2\" checked"),
        "answers kept"
    );
    assert_eq!(answer.body.matches(ESCAPED).count(), 6);
    assert!(!answer.body.contains(SCRIPT));
    api_step(
        &app,
        w,
        &labour,
        "transitions",
        json!({ "transition": "close_early",
        "closure_reason": "referred_out" }),
    )
    .await;

    let contract_case = case_in_intervention(&app, &fx).await;
    api_step(
        &app,
        w,
        &contract_case,
        "transitions",
        json!({ "transition": "step_back", "reason": "修订" }),
    )
    .await;
    let v = get(&app, &format!("/cases/{contract_case}"), w)
        .await
        .version();
    let long = "每".repeat(201);
    let answer = post(
        &app,
        &format!("/cases/{contract_case}/contract"),
        w,
        &v,
        &[
            ("goals.0.description", ""),
            ("goals.0.indicator", "指标"),
            ("frequency", &long),
        ],
    )
    .await;
    answer.assert_error("contract-frequency", "at most 200 characters");
    answer.assert_error(
        "contract-goals-0-description",
        "goal description is required",
    );
    assert!(answer.body.contains(&long));
}
on_both_backends!(bad_input, bad_input_is_kept_and_escaped);

async fn stale_forms_and_double_submissions(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (w, s) = (fx.worker.as_str(), fx.supervisor.as_str());
    let client = create_client(&app, w, "周敏", 1992).await;
    let (id, _) = open_case(&app, &fx, "family_mediation", &client).await;
    let worker_page = get(&app, &format!("/cases/{id}"), w).await;
    post_ok(
        &app,
        &id,
        "details",
        s,
        &[("parties", "督导填写的当事人"), ("agreement_reached", "no")],
    )
    .await;

    let before = Snapshot::take(&app);
    let answer = post(
        &app,
        &format!("/cases/{id}/details"),
        w,
        &worker_page.version(),
        &[("parties", "社工填写的当事人"), ("conflict", "家务分工")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(Snapshot::take(&app), before);
    assert!(answer.body.contains("Someone else saved this case"));
    assert!(answer.body.contains("What changed"));
    assert!(
        answer.body.contains("督导填写的当事人"),
        "what is stored now"
    );
    assert!(
        answer.body.contains("value=\"社工填写的当事人\""),
        "the typed text stays in the form"
    );
    assert!(answer.body.contains(">家务分工</textarea>"));
    let fresh = answer.version();
    assert_ne!(
        fresh,
        worker_page.version(),
        "the form now carries the new version"
    );
    let saved = post(
        &app,
        &format!("/cases/{id}/details"),
        w,
        &fresh,
        &[("parties", "社工填写的当事人"), ("conflict", "家务分工")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    // The same session form sent twice logs one session.
    let id = case_in_intervention(&app, &fx).await;
    let v = get(&app, &format!("/cases/{id}"), w).await.version();
    let session = [
        ("held_on", today()),
        ("duration_minutes", "40".into()),
        ("mode", "home_visit".into()),
        ("notes", "家访".into()),
    ];
    let fields: Vec<(&str, &str)> = session.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let first = post(&app, &format!("/cases/{id}/sessions"), w, &v, &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = post(&app, &format!("/cases/{id}/sessions"), w, &v, &fields).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("already in the log"));
    let (_, view) = app.get(&format!("/api/cases/{id}"), w).await;
    assert_eq!(
        view["records"]["sessions"].as_array().unwrap().len(),
        2,
        "the setup's one and this one"
    );
}
on_both_backends!(stale_forms, stale_forms_and_double_submissions);

async fn an_ended_session_keeps_what_was_typed(app: TestApp) {
    let fx = Fixture::insert(&app);
    let id = case_in_intervention(&app, &fx).await;
    let v = get(&app, &format!("/cases/{id}"), &fx.worker)
        .await
        .version();
    let before = Snapshot::take(&app);
    // The worker writes for longer than the idle timeout.
    app.clock.advance(chrono::Duration::minutes(31));
    let note = format!("很长的服务记录 {SCRIPT}");
    let answer = post(
        &app,
        &format!("/cases/{id}/sessions"),
        &fx.worker,
        &v,
        &[
            ("held_on", &today()),
            ("duration_minutes", "90"),
            ("mode", "phone"),
            ("notes", &note),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer.body.contains("Your session has ended"));
    assert!(
        answer.body.contains(&format!("很长的服务记录 {ESCAPED}")),
        "{}",
        answer.body
    );
    assert!(!answer.body.contains(SCRIPT));
    assert!(
        !answer.body.contains("SECRET"),
        "nothing of the case is shown"
    );
    assert_eq!(Snapshot::take(&app), before);
}
on_both_backends!(ended_session, an_ended_session_keeps_what_was_typed);

async fn goal_progress_needs_a_rating_and_a_goal_of_this_case(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = fx.worker.as_str();
    let id = case_in_intervention(&app, &fx).await;
    let page = get(&app, &format!("/cases/{id}"), w).await;
    let goal = page.input("progress_goal.0");
    assert!(!goal.is_empty(), "a progress row for the plan's goal");
    let uri = format!("/cases/{id}/sessions");
    let before = Snapshot::take(&app);
    let session = |extra: Vec<(&'static str, String)>| {
        let mut form = vec![
            ("held_on", today()),
            ("duration_minutes", "30".to_owned()),
            ("mode", "phone".to_owned()),
        ];
        form.extend(extra);
        form
    };
    let send = |form: Vec<(&'static str, String)>| {
        let (app, uri, v) = (&app, &uri, page.version());
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(app, uri, w, &v, &pairs).await
        }
    };

    // A note without a rating would be lost: the rating is asked for, the note kept.
    let answer = send(session(vec![
        ("progress_goal.0", goal.clone()),
        ("progress.0", String::new()),
        ("progress_note.0", "NOTE-WITHOUT-RATING".to_owned()),
    ]))
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    answer.assert_error(
        "session-goal-progress-0",
        "progress on the goals is required",
    );
    assert_eq!(answer.input("progress_note.0"), "NOTE-WITHOUT-RATING");

    // A goal of another case (a forged row) and an unknown rating are refused.
    let other = case_in_intervention(&app, &fx).await;
    let other_goal = get(&app, &format!("/cases/{other}"), w)
        .await
        .input("progress_goal.0");
    let before_forged = Snapshot::take(&app);
    let answer = send(session(vec![
        ("progress_goal.0", other_goal),
        ("progress.0", "good".to_owned()),
    ]))
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    answer.assert_error("session-goal-progress-0", "does not exist");
    let answer = send(session(vec![
        ("progress_goal.0", goal.clone()),
        ("progress.0", "excellent".to_owned()),
    ]))
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    answer.assert_error("session-goal-progress-0", "does not exist");
    assert_eq!(Snapshot::take(&app), before_forged, "nothing saved");
    drop(before);

    // The JSON API refuses the same goal rated twice.
    let (status, body) = app
        .post(
            &format!("/api/cases/{id}/sessions"),
            w,
            json!({ "version": page.version().parse::<i64>().unwrap(), "data": {
                "held_on": today(), "duration_minutes": 30, "mode": "phone",
                "goal_progress": [
                    { "goal_id": goal, "progress": "some", "note": null },
                    { "goal_id": goal, "progress": "good", "note": null }
                ]
            }}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "session.goal_progress.1");
}
on_both_backends!(
    goal_progress_refusals,
    goal_progress_needs_a_rating_and_a_goal_of_this_case
);
