//! Bad input of every kind gets a clear 4xx in the user's language and changes nothing.

#[macro_use]
mod common;

use axum::http::{Method, StatusCode};
use common::{Fixture, Snapshot, TestApp, create_client, open_case};
use serde_json::json;

async fn refused_transitions_change_nothing(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "刘洋", 1988).await;
    let (id, v) = open_case(&app, &fx, "labour_dispute", &client).await;
    let (status, _) = app.put(&format!("/api/cases/{id}/intake"), &fx.worker,
        json!({ "version": v, "data": { "channel": "walk_in", "presenting_problem": "欠薪三个月" } })).await;
    assert_eq!(status, StatusCode::OK);
    let v = v + 1;
    let uri = format!("/api/cases/{id}/transitions");
    let before = Snapshot::take(&app);

    // Missing facts: the default language is Simplified Chinese.
    let (status, body) = app
        .post(
            &uri,
            &fx.worker,
            json!({ "version": v, "transition": "advance" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"], "transition_refused");
    assert_eq!(body["reason"], "missing_facts");
    assert_eq!(body["stage"], "intake");
    let missing: Vec<&str> = body["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        [
            "intake.urgency",
            "intake.consent_service",
            "intake.consent_sensitive"
        ]
    );
    assert_eq!(body["open_transitions"], json!(["advance", "close_early"]));
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("接案")
            && message.contains("服务知情同意")
            && message.contains("提前结案"),
        "{message}"
    );

    // The same refusal in English and in Traditional Chinese.
    let (_, en) = app
        .call_with(
            Method::POST,
            &uri,
            Some(&fx.worker),
            Some(json!({ "version": v, "transition": "advance" })),
            &[("accept-language", "en-GB,en;q=0.9")],
        )
        .await;
    let en = en["message"].as_str().unwrap();
    assert!(
        en.contains("Intake")
            && en.contains("informed consent to the service")
            && en.contains("Close early"),
        "{en}"
    );
    let (_, tw) = app
        .call_with(
            Method::POST,
            &uri,
            Some(&fx.worker),
            Some(json!({ "version": v, "transition": "advance" })),
            &[("cookie", "casework_lang=zh-TW")],
        )
        .await;
    assert!(
        tw["message"]
            .as_str()
            .unwrap()
            .contains("敏感個人資料處理同意"),
        "{tw}"
    );

    // A transition that does not leave this stage, and one that does not exist.
    let (status, body) = app
        .post(
            &uri,
            &fx.supervisor,
            json!({ "version": v, "transition": "approve_closure" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["reason"], "not_from_this_stage");
    let (status, body) = app
        .post(
            &uri,
            &fx.worker,
            json!({ "version": v, "transition": "jump_to_closed" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "transition.transition");
    // Close early without a reason, and with a reason that is not an early one.
    let (_, body) = app
        .post(
            &uri,
            &fx.worker,
            json!({ "version": v, "transition": "close_early" }),
        )
        .await;
    assert_eq!(body["missing"][0]["field"], "transition.closure_reason");
    let (_, body) = app.post(&uri, &fx.worker,
        json!({ "version": v, "transition": "close_early", "closure_reason": "goals_achieved" })).await;
    assert_eq!(body["missing"][0]["field"], "transition.closure_reason");
    let (status, _) = app
        .post(
            &uri,
            &fx.worker,
            json!({ "version": v, "transition": "close_early", "closure_reason": "bored" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // A stale version.
    let (status, body) = app.post(&uri, &fx.worker,
        json!({ "version": v - 1, "transition": "close_early", "closure_reason": "moved_away" })).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["current_version"], v);

    // Edits out of stage.
    let (status, body) = app
        .put(
            &format!("/api/cases/{id}/assessment"),
            &fx.worker,
            json!({ "version": v, "data": { "who5_baseline": 40 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "edit_refused");
    assert_eq!(body["section"], "assessment");

    assert_eq!(Snapshot::take(&app), before, "refusals must change nothing");
}
on_both_backends!(refusals, refused_transitions_change_nothing);

async fn malformed_requests(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "Li Na", 1992).await;
    let (id, v) = open_case(&app, &fx, "counselling", &client).await;
    let before = Snapshot::take(&app);
    let w = fx.worker.as_str();

    let (status, body) = app
        .get(&format!("/api/cases/{}", uuid::Uuid::new_v4()), w)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "not_found");
    let (status, body) = app.get("/api/cases/not-a-uuid", w).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "malformed_id");
    assert!(body["message"].as_str().unwrap().contains("not-a-uuid"));

    // Over-long text.
    let long = "长".repeat(20_001);
    let (status, body) = app
        .put(
            &format!("/api/cases/{id}/intake"),
            w,
            json!({ "version": v, "data": { "presenting_problem": long } }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "intake.presenting_problem");
    assert!(
        body["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("20000"),
        "{body}"
    );

    // Out-of-range numbers and a future session date.
    let (status, body) = app.put(&format!("/api/cases/{id}/details"), w,
        json!({ "version": v, "data": { "case_type": "labour_dispute", "workers_affected": 0 } })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = app
        .put(
            &format!("/api/cases/{id}/details"),
            w,
            json!({ "version": v, "data": { "case_type": "family_mediation", "parties": "x" } }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "details of another type: {body}"
    );
    assert_eq!(body["fields"][0]["field"], "details.case_type");

    // Unreadable bodies: bad JSON, unknown fields, unknown codes, wrong types.
    for bad in [
        json!("not an object"),
        json!({ "version": v, "data": { "channel": "carrier_pigeon" } }),
        json!({ "version": v, "data": { "urgency": "routine", "role": "supervisor" } }),
        json!({ "version": "three", "data": {} }),
        json!({ "data": {} }),
    ] {
        let (status, body) = app
            .put(&format!("/api/cases/{id}/intake"), w, bad.clone())
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad} -> {body}");
        assert_eq!(body["error"], "bad_request");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .starts_with("无法读取请求"),
            "{body}"
        );
    }

    // A body over the limit.
    let huge =
        json!({ "version": v, "data": { "presenting_problem": "x".repeat(2 * 1024 * 1024) } });
    let (status, body) = app.put(&format!("/api/cases/{id}/intake"), w, huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"], "payload_too_large");

    // Opening a case for an organisation or client that does not exist.
    let (status, body) = app
        .post(
            "/api/cases",
            w,
            json!({ "case_type": "counselling",
        "client_id": uuid::Uuid::new_v4().to_string(), "organisation_id": fx.agency }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "case.client_id");
    let (status, _) = app
        .post(
            "/api/cases",
            w,
            json!({ "case_type": "counselling",
        "client_id": client, "organisation_id": fx.other_agency }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app
        .post(
            "/api/cases",
            w,
            json!({ "case_type": "astrology",
        "client_id": client, "organisation_id": fx.agency }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Unknown stage and type names in the case list.
    let (status, body) = app
        .call_with(
            Method::GET,
            "/api/cases?stage=finished&case_type=astrology",
            Some(w),
            None,
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "query.stage");
    assert_eq!(
        body["fields"][0]["message"],
        "stage does not exist or cannot be used here."
    );
    assert_eq!(body["fields"][1]["field"], "query.case_type");
    let (status, _) = app.get("/api/cases?limit=100000", w).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app.get("/api/cases?limit=many", w).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    assert_eq!(
        Snapshot::take(&app),
        before,
        "bad input must change nothing"
    );

    // A blank client name is refused with the field named.
    let (status, body) = app
        .post("/api/clients", w, json!({ "full_name": "  " }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "client.full_name");
    assert_eq!(body["fields"][0]["message"], "请填写姓名。");
}
on_both_backends!(malformed, malformed_requests);

async fn outsiders_see_nothing(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "周婷", 1979).await;
    let (id, v) = open_case(&app, &fx, "special_group", &client).await;
    let before = Snapshot::take(&app);
    let case_uri = format!("/api/cases/{id}");

    let (status, body) = app.call(Method::GET, &case_uri, None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "unauthenticated");
    let (status, _) = app
        .call(Method::GET, &case_uri, Some("raw-cookie:forged"), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let guessed = format!("raw-cookie:{}", casework::db::sessions::random_token());
    let (status, _) = app.call(Method::GET, &case_uri, Some(&guessed), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    for outsider in [
        &fx.stranger,
        &fx.officer,
        &fx.admin,
        &fx.other_team_worker,
        &fx.other_supervisor,
    ] {
        let (status, body) = app.get(&case_uri, outsider).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, _) = app.get(&format!("{case_uri}/transitions"), outsider).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app
            .put(
                &format!("{case_uri}/intake"),
                outsider,
                json!({ "version": v, "data": { "urgency": "routine" } }),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app
            .post(
                &format!("{case_uri}/transitions"),
                outsider,
                json!({ "version": v, "transition": "close_early", "closure_reason": "other" }),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (status, _) = app
        .post("/api/clients", &fx.officer, json!({ "full_name": "x" }))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(Snapshot::take(&app), before);
    let refusals = app.with_conn(|c| {
        casework::db::audit::search(
            c,
            &casework::db::audit::AuditScope::All,
            &casework::db::audit::AuditFilter {
                action: Some(casework::db::audit::AuditAction::RequestRefused),
                ..Default::default()
            },
            100,
        )
        .unwrap()
    });
    assert_eq!(
        refusals.len(),
        2,
        "forged and guessed session cookies are audited: {refusals:?}"
    );
    assert!(
        refusals[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("unknown or expired session")
    );

    // A colleague in the same agency may read the case.
    let (status, body) = app.get(&case_uri, &fx.colleague).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["case"]["reference"].as_str().unwrap().len(),
        "CW-2026-000001".len()
    );
}
on_both_backends!(outsiders, outsiders_see_nothing);

async fn health_and_unknown_routes(app: TestApp) {
    let (status, body) = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok\n");
    let (status, body) = app
        .call_with(
            Method::GET,
            "/no/such/page",
            None,
            None,
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["message"].as_str().unwrap().starts_with("Not found"));
    let (status, body) = app.call(Method::GET, "/", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.as_str().unwrap().contains("工会社会工作个案管理系统"));
}
on_both_backends!(health, health_and_unknown_routes);
