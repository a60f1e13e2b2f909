//! The WHO-5 score comes only from the five answers: a score the browser sends
//! is ignored, and a form saved without answering the questions again keeps the
//! score the database has.

use axum::http::StatusCode;
use serde_json::json;

use super::{api_step, case_in_intervention, get, post, post_ok};
use crate::common::{Fixture, TestApp, create_client, open_case};

async fn stored_scores(
    app: &TestApp,
    actor: &str,
    case: &str,
) -> (serde_json::Value, serde_json::Value) {
    let (_, view) = app.get(&format!("/api/cases/{case}"), actor).await;
    (
        view["records"]["assessment"]["who5_baseline"].clone(),
        view["records"]["closure"]["who5_closing"].clone(),
    )
}

async fn who5_is_not_taken_from_the_browser(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = fx.worker.as_str();
    let client = create_client(&app, w, "孙丽", 1987).await;
    let (id, _) = open_case(&app, &fx, "counselling", &client).await;
    api_step(
        &app,
        w,
        &id,
        "intake",
        json!({ "channel": "hotline",
        "presenting_problem": "失眠", "urgency": "soon", "consent_service": true,
        "consent_sensitive": true }),
    )
    .await;
    api_step(
        &app,
        w,
        &id,
        "transitions",
        json!({ "transition": "advance" }),
    )
    .await;
    let base = [
        ("physiological", "a"),
        ("psychological", "b"),
        ("social", "c"),
        ("risk_level", "low"),
        ("risk_screening", "无"),
    ];
    let mut answered = base.to_vec();
    answered.extend([
        ("who5.1", "3"),
        ("who5.2", "4"),
        ("who5.3", "2"),
        ("who5.4", "3"),
        ("who5.5", "4"),
    ]);
    let page = post_ok(&app, &id, "assessment", w, &answered).await;
    assert_eq!(stored_scores(&app, w, &id).await.0, 64);
    for (n, a) in [(1, 3), (2, 4), (3, 2), (4, 3), (5, 4)] {
        assert!(
            page.body
                .contains(&format!("name=\"who5.{n}\" value=\"{a}\" checked")),
            "answer {n} stored and shown again"
        );
    }

    // A crafted score beside no answers: the stored score stays.
    let mut crafted = base.to_vec();
    crafted.push(("who5_saved", "100"));
    let page = post_ok(&app, &id, "assessment", w, &crafted).await;
    assert_eq!(
        stored_scores(&app, w, &id).await.0,
        64,
        "the browser's score is ignored"
    );
    assert!(page.body.contains("Saved score: 64 / 100"));
    assert!(
        !page.body.contains("name=\"who5_saved\""),
        "the form sends no score"
    );
    // No answers and no score at all: still kept (not wiped).
    post_ok(&app, &id, "assessment", w, &base).await;
    assert_eq!(stored_scores(&app, w, &id).await.0, 64);
    // A refused form shows the stored score, not the one sent.
    let v = get(&app, &format!("/cases/{id}"), w).await.version();
    let mut refused = crafted.clone();
    refused[3].1 = "extreme";
    let page = post(&app, &format!("/cases/{id}/assessment"), w, &v, &refused).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Saved score: 64 / 100"), "{}", page.body);
    assert!(!page.body.contains("Saved score: 100 / 100"));
    // The answers stay shown after a save that kept the score...
    let page = get(&app, &format!("/cases/{id}"), w).await;
    assert!(page.body.contains("name=\"who5.2\" value=\"4\" checked"));
    // ...but not once the score was changed otherwise (through the API).
    api_step(
        &app,
        w,
        &id,
        "assessment",
        json!({ "physiological": "a",
        "psychological": "b", "social": "c", "risk_level": "low",
        "risk_screening": "无", "who5_baseline": 40 }),
    )
    .await;
    let page = get(&app, &format!("/cases/{id}"), w).await;
    assert!(page.body.contains("Saved score: 40 / 100"));
    assert!(
        !page.body.contains("name=\"who5.2\" value=\"4\" checked"),
        "stale answers hidden"
    );
    post_ok(&app, &id, "assessment", w, &answered).await;
    assert_eq!(stored_scores(&app, w, &id).await.0, 64);
    // An answer outside 0-5 is refused, not scored.
    let mut high = answered.clone();
    high[5].1 = "25";
    let page = post(&app, &format!("/cases/{id}/assessment"), w, &v, &high).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_error("assessment-who5-items", "must be between 0 and 5");
    assert_eq!(stored_scores(&app, w, &id).await.0, 64);

    // The closing score likewise.
    let id = case_in_intervention(&app, &fx).await;
    api_step(
        &app,
        w,
        &id,
        "transitions",
        json!({ "transition": "advance" }),
    )
    .await;
    let base = [("reason", "goals_achieved"), ("satisfaction", "4")];
    let mut answered = base.to_vec();
    answered.extend([
        ("who5.1", "4"),
        ("who5.2", "4"),
        ("who5.3", "3"),
        ("who5.4", "4"),
        ("who5.5", "5"),
    ]);
    post_ok(&app, &id, "closure", w, &answered).await;
    assert_eq!(stored_scores(&app, w, &id).await.1, 80);
    let mut crafted = base.to_vec();
    crafted.push(("who5_saved", "4"));
    post_ok(&app, &id, "closure", w, &crafted).await;
    assert_eq!(
        stored_scores(&app, w, &id).await.1,
        80,
        "the browser's score is ignored"
    );
}
on_both_backends!(who5_from_answers, who5_is_not_taken_from_the_browser);
