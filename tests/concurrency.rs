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

/// Walks a new case into assessment with a complete assessment; returns (id, version).
async fn case_in_assessment(app: &TestApp, fx: &Fixture, name: &str) -> (String, i64) {
    let client = create_client(app, &fx.worker, name, 1979).await;
    let (id, mut v) = open_case(app, fx, "counselling", &client).await;
    let steps = [
        (
            "PUT",
            "intake",
            json!({ "channel": "hotline", "presenting_problem": "失眠",
            "urgency": "soon", "consent_service": true, "consent_sensitive": true }),
        ),
        ("POST", "transitions", json!(null)),
        (
            "PUT",
            "assessment",
            json!({ "physiological": "a", "psychological": "b", "social": "c",
            "risk_level": "low", "risk_screening": "none", "who5_baseline": 52 }),
        ),
    ];
    for (method, path, data) in steps {
        let uri = format!("/api/cases/{id}/{path}");
        let (status, body) = if method == "PUT" {
            app.put(&uri, &fx.worker, json!({ "version": v, "data": data }))
                .await
        } else {
            app.post(
                &uri,
                &fx.worker,
                json!({ "version": v, "transition": "advance" }),
            )
            .await
        };
        assert_eq!(status, StatusCode::OK, "{body}");
        v = body["version"]
            .as_i64()
            .or_else(|| body["case"]["version"].as_i64())
            .unwrap();
    }
    (id, v)
}

/// What one client saw.
#[derive(Debug)]
enum Outcome {
    /// Accepted: the case's version after the change, and what was written.
    Saved {
        case: usize,
        version: i64,
        marker: String,
    },
    /// A transition accepted.
    Moved { case: usize, version: i64 },
    /// 409, with the version the client sent and the current one it was told.
    Conflict { sent: i64, current: i64 },
}

/// 32 clients (the worker and the supervisor, through many sessions' worth of
/// requests) change the same three cases at once, each from the version it
/// last read: some edit the details, some move the case back and forth. Every
/// accepted change took exactly one version, so nothing was lost; every refusal
/// is a 409 that names the current version; nothing else (no 500, no "database
/// is locked") comes back.
async fn many_clients_same_cases(app: TestApp) {
    let fx = Fixture::insert(&app);
    let mut cases = Vec::new();
    for name in ["钱多多", "周小舟", "Grace Ho"] {
        cases.push(case_in_assessment(&app, &fx, name).await);
    }
    let started: Vec<i64> = cases.iter().map(|(_, v)| *v).collect();
    let ids: Vec<String> = cases.iter().map(|(id, _)| id.clone()).collect();
    const CLIENTS: usize = 32;
    const ATTEMPTS: usize = 6;
    let clients = (0..CLIENTS).map(|k| {
        let (app, fx, ids) = (&app, &fx, &ids);
        async move {
            let actor = if k % 2 == 0 {
                &fx.worker
            } else {
                &fx.supervisor
            };
            let mut seen = Vec::new();
            for attempt in 0..ATTEMPTS {
                let case = (k + attempt) % ids.len();
                let id = &ids[case];
                let (status, view) = app.get(&format!("/api/cases/{id}"), actor).await;
                assert_eq!(status, StatusCode::OK, "{view}");
                let version = view["case"]["version"].as_i64().unwrap();
                let stage = view["case"]["stage"].as_str().unwrap().to_owned();
                let marker = format!("client {k} attempt {attempt}");
                let (status, body) = if k % 4 == 3 {
                    let body = if stage == "assessment" {
                        json!({ "version": version, "transition": "advance" })
                    } else {
                        json!({ "version": version, "transition": "step_back", "reason": marker })
                    };
                    app.post(&format!("/api/cases/{id}/transitions"), actor, body)
                        .await
                } else {
                    app.put(
                        &format!("/api/cases/{id}/details"),
                        actor,
                        json!({ "version": version, "data": { "case_type": "counselling",
                                "concern": "stress", "self_harm_screening": marker } }),
                    )
                    .await
                };
                seen.push(match status {
                    StatusCode::OK if k % 4 == 3 => Outcome::Moved {
                        case,
                        version: body["case"]["version"].as_i64().unwrap(),
                    },
                    StatusCode::OK => Outcome::Saved {
                        case,
                        version: body["version"].as_i64().unwrap(),
                        marker,
                    },
                    StatusCode::CONFLICT => {
                        assert_eq!(body["error"], "conflict", "{body}");
                        Outcome::Conflict {
                            sent: version,
                            current: body["current_version"].as_i64().unwrap(),
                        }
                    }
                    other => panic!("client {k}: {other} {body}"),
                });
            }
            seen
        }
    });
    let outcomes: Vec<Outcome> = join_all(clients).await.into_iter().flatten().collect();
    assert_eq!(outcomes.len(), CLIENTS * ATTEMPTS);

    let mut accepted: Vec<Vec<i64>> = vec![Vec::new(); ids.len()];
    let mut last_marker: Vec<Option<(i64, String)>> = vec![None; ids.len()];
    let mut conflicts = 0;
    for o in &outcomes {
        match o {
            Outcome::Saved {
                case,
                version,
                marker,
            } => {
                accepted[*case].push(*version);
                if last_marker[*case].as_ref().is_none_or(|(v, _)| v < version) {
                    last_marker[*case] = Some((*version, marker.clone()));
                }
            }
            Outcome::Moved { case, version } => accepted[*case].push(*version),
            Outcome::Conflict { sent, current } => {
                assert!(current > sent, "told of a newer version: {o:?}");
                conflicts += 1;
            }
        }
    }
    assert!(conflicts > 0, "the clients did collide");
    for (c, id) in ids.iter().enumerate() {
        let (_, view) = app.get(&format!("/api/cases/{id}"), &fx.worker).await;
        let now = view["case"]["version"].as_i64().unwrap();
        // Every accepted change took its own version, one after another, from where
        // the case started to where it is: none was lost or overwritten unseen.
        let mut versions = accepted[c].clone();
        versions.sort_unstable();
        let expected: Vec<i64> = (started[c] + 1..=now).collect();
        assert_eq!(versions, expected, "case {c}");
        // The stored details are those of the last accepted edit.
        if let Some((_, marker)) = &last_marker[c] {
            assert_eq!(
                view["details"]["self_harm_screening"],
                marker.as_str(),
                "{view}"
            );
        }
        // Each accepted change is in the audit trail once (besides the three
        // changes that prepared the case), and no refused one.
        let audited: i64 = app.with_conn(|conn| {
            use casework::db::schema::audit_events as a;
            use diesel::prelude::*;
            a::table
                .filter(a::case_id.eq(id))
                .filter(a::action.eq_any(["case_update", "case_transition"]))
                .filter(a::outcome.eq("allowed"))
                .count()
                .get_result(conn)
                .unwrap()
        });
        assert_eq!(audited, accepted[c].len() as i64 + 3, "case {c}");
    }
}
on_both_backends!(many_clients, many_clients_same_cases);
