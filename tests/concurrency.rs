//! Two people changing the same case at once: exactly one change wins, the other
//! is told of the conflict, and nothing is duplicated or lost.

#[macro_use]
mod common;

use axum::http::StatusCode;
use common::{Fixture, TestApp, create_client, open_case};
use futures::future::join_all;
use serde_json::json;

async fn same_version_exactly_one_wins(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "赵磊", 1983).await;
    let (id, v) = open_case(&app, &fx, "counselling", &client).await;

    // Sixteen simultaneous intake saves based on the same version.
    let intake_uri = format!("/api/cases/{id}/intake");
    let saves = (0..16).map(|i| {
        app.put(
            &intake_uri,
            &fx.worker,
            json!({ "version": v,
            "data": { "channel": "hotline", "presenting_problem": format!("版本 {i}"),
                      "urgency": "soon", "consent_service": true, "consent_sensitive": true } }),
        )
    });
    let results = join_all(saves).await;
    let ok: Vec<_> = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::OK)
        .collect();
    let conflicts = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CONFLICT)
        .count();
    assert_eq!(ok.len(), 1, "{results:?}");
    assert_eq!(conflicts, 15, "every loser is told: {results:?}");
    let v = v + 1;

    // Two simultaneous transitions from the same version: one log row, one conflict.
    let uri = format!("/api/cases/{id}/transitions");
    let moves = (0..2).map(|_| {
        app.post(
            &uri,
            &fx.worker,
            json!({ "version": v, "transition": "advance" }),
        )
    });
    let results = join_all(moves).await;
    let statuses: Vec<StatusCode> = results.iter().map(|(s, _)| *s).collect();
    assert!(
        statuses.contains(&StatusCode::OK) && statuses.contains(&StatusCode::CONFLICT),
        "{results:?}"
    );
    let (_, log) = app.get(&uri, &fx.worker).await;
    assert_eq!(log.as_array().unwrap().len(), 1, "{log}");
    let v = v + 1;

    // A double-submitted session log: one session, one conflict.
    let mut v = v;
    for data in [
        json!({ "physiological": "a", "psychological": "b", "social": "c", "risk_level": "low",
                "risk_screening": "none", "who5_baseline": 52 }),
    ] {
        let (s, b) = app
            .put(
                &format!("/api/cases/{id}/assessment"),
                &fx.worker,
                json!({ "version": v, "data": data }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
        v += 1;
    }
    let (s, b) = app
        .post(
            &uri,
            &fx.worker,
            json!({ "version": v, "transition": "advance" }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    v += 1;
    let (s, b) = app
        .put(
            &format!("/api/cases/{id}/contract"),
            &fx.worker,
            json!({ "version": v, "data": {
        "goals": [{ "description": "g", "indicator": "i" }], "services": "s", "frequency": "f",
        "client_agreed": true, "agreed_on": "2026-10-01" } }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    v += 1;
    // The plan goes through a supervisor's approval (the default policy).
    for (actor, body) in [
        (
            &fx.worker,
            json!({ "version": v, "transition": "submit_plan" }),
        ),
        (
            &fx.supervisor,
            json!({ "version": v + 1, "transition": "approve_plan", "reason": "ok" }),
        ),
    ] {
        let (s, b) = app.post(&uri, actor, body).await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    v += 2;
    let session = json!({ "version": v, "data": { "held_on": "2026-11-02", "duration_minutes": 45, "mode": "phone" } });
    let sessions_uri = format!("/api/cases/{id}/sessions");
    let posts = (0..2).map(|_| app.post(&sessions_uri, &fx.worker, session.clone()));
    let results = join_all(posts).await;
    let created = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{results:?}");
    let (_, view) = app.get(&format!("/api/cases/{id}"), &fx.worker).await;
    assert_eq!(view["records"]["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(view["case"]["version"], v + 1);
}
on_both_backends!(same_version, same_version_exactly_one_wins);

async fn references_stay_unique_under_load(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "孙丽", 1991).await;
    let opens = (0..24).map(|_| {
        app.post(
            "/api/cases",
            &fx.worker,
            json!({
        "case_type": "special_group", "client_id": client, "organisation_id": fx.agency }),
        )
    });
    let results = join_all(opens).await;
    let mut refs: Vec<String> = results
        .iter()
        .map(|(s, b)| {
            assert_eq!(*s, StatusCode::CREATED, "{b}");
            b["reference"].as_str().unwrap().to_owned()
        })
        .collect();
    refs.sort();
    refs.dedup();
    assert_eq!(refs.len(), 24);
    assert!(
        refs.iter().any(|r| r.ends_with("-000001")) && refs.iter().any(|r| r.ends_with("-000024")),
        "{refs:?}"
    );
}
on_both_backends!(references, references_stay_unique_under_load);
