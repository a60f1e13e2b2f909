//! The resource directory and referrals out (转介), through HTTP on SQLite and
//! (when configured) PostgreSQL: who may do what, bad input that changes
//! nothing, the case view, timeline and audit trail, and the report helpers.

#[macro_use]
mod common;
#[path = "outbound_referrals/reports.rs"]
mod reports;
#[path = "outbound_referrals/screens.rs"]
mod screens;
#[path = "outbound_common/mod.rs"]
mod support;

use axum::http::StatusCode;
use common::{Fixture, TestApp, create_client, open_case};
use serde_json::{Value, json};
use support::*;

pub async fn add_resource(app: &TestApp, fx: &Fixture, name: &str, category: &str) -> String {
    let (status, body) = app
        .post(
            "/api/resources",
            &fx.admin,
            json!({ "name": name, "category": category, "contact": "12348",
                    "address": "南山区", "notes": "工作日受理" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_str().unwrap().to_owned()
}

pub async fn refer(app: &TestApp, actor: &str, case: &str, resource: &str) -> (StatusCode, Value) {
    app.post(
        &format!("/api/cases/{case}/outbound-referrals"),
        actor,
        json!({ "version": version(app, case), "data": { "resource_id": resource,
                "request": "申请法律援助，追讨拖欠工资" } }),
    )
    .await
}

async fn directory(app: TestApp) {
    let fx = Fixture::insert(&app);
    let legal = add_resource(&app, &fx, "南山区法律援助中心", "legal_aid").await;
    let hotline = add_resource(&app, &fx, "深圳市康宁医院心理热线", "psychological_hotline").await;

    // Everyone signed in reads it; only administrators change it.
    for reader in [&fx.worker, &fx.supervisor, &fx.officer, &fx.admin] {
        let (status, body) = app.get("/api/resources", reader).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body.as_array().unwrap().len(), 2);
    }
    let before = count(&app, "resources");
    for not_admin in [&fx.worker, &fx.supervisor, &fx.officer] {
        let (status, _) = app
            .post(
                "/api/resources",
                not_admin,
                json!({ "name": "x", "category": "other" }),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app
            .put(
                &format!("/api/resources/{legal}"),
                not_admin,
                json!({ "name": "x", "category": "other" }),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    assert_eq!(count(&app, "resources"), before, "refusals change nothing");

    // Filter by category.
    let (_, body) = app
        .get("/api/resources?category=psychological_hotline", &fx.worker)
        .await;
    assert_eq!(body.as_array().unwrap().len(), 1);
    assert_eq!(body[0]["id"], hotline.as_str());
    let (status, body) = app.get("/api/resources?category=bakery", &fx.worker).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&body), ["query.category"]);

    // Bad input: named fields, nothing stored.
    let (status, body) = app
        .post(
            "/api/resources",
            &fx.admin,
            json!({ "name": " ", "notes": "x".repeat(2001) }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&body),
        ["resource.name", "resource.category", "resource.notes"]
    );
    let (status, _) = app
        .post(
            "/api/resources",
            &fx.admin,
            json!({ "name": "x", "category": "bakery" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = app
        .put(
            &format!("/api/resources/{}", uuid::Uuid::new_v4()),
            &fx.admin,
            json!({ "name": "x", "category": "other" }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(count(&app, "resources"), before);

    // Deactivated: off the default list, still there on request.
    let (status, body) = app
        .put(
            &format!("/api/resources/{hotline}"),
            &fx.admin,
            json!({ "name": "深圳市康宁医院心理热线", "category": "psychological_hotline", "active": false }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["active"], false);
    let (_, body) = app.get("/api/resources", &fx.worker).await;
    assert_eq!(body.as_array().unwrap().len(), 1);
    let (_, body) = app
        .get("/api/resources?include_inactive=true", &fx.worker)
        .await;
    assert_eq!(body.as_array().unwrap().len(), 2);

    // Audited: two creations and a deactivation allowed, the refusals refused.
    let actions: Vec<(String, Option<String>)> = app.with_conn(|c| {
        use casework::db::schema::audit_events as a;
        use diesel::prelude::*;
        a::table
            .filter(a::action.eq("resource_change"))
            .select((a::outcome, a::detail))
            .load(c)
            .unwrap()
    });
    let allowed: Vec<&str> = actions
        .iter()
        .filter(|(o, _)| o == "allowed")
        .filter_map(|(_, d)| d.as_deref())
        .collect();
    assert_eq!(allowed, ["create", "create", "deactivate"]);
    assert_eq!(actions.iter().filter(|(o, _)| o == "refused").count(), 6);

    // Screens: the list for staff, the forms for administrators only.
    let page = browse(&app, "GET", "/resources", &fx.worker, "zh-CN", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("南山区法律援助中心") && page.body.contains("法律援助"));
    assert!(
        !page.body.contains("康宁医院"),
        "inactive entries are hidden by default"
    );
    assert!(
        !page.body.contains("/resources/new"),
        "workers get no add link"
    );
    let page = browse(
        &app,
        "GET",
        "/resources?include_inactive=true",
        &fx.officer,
        "en",
        None,
    )
    .await;
    assert!(page.body.contains("康宁医院") && page.body.contains("no longer in use"));
    let page = browse(&app, "GET", "/resources/new", &fx.worker, "en", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = browse(
        &app,
        "POST",
        "/resources",
        &fx.worker,
        "en",
        Some(&[("name", "x"), ("category", "other")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = browse(
        &app,
        "POST",
        "/resources",
        &fx.admin,
        "en",
        Some(&[("name", ""), ("category", "hospital")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("id=\"resource-name-error\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("value=\"hospital\" selected"),
        "what was typed stays"
    );
    let page = browse(
        &app,
        "POST",
        "/resources",
        &fx.admin,
        "en",
        Some(&[
            ("name", "南山区人民医院"),
            ("category", "hospital"),
            ("contact", "0755-1234"),
        ]),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some("/resources?flash=resource-saved")
    );
    // Deactivating through the form: the box left unticked.
    let page = browse(
        &app,
        "GET",
        &format!("/resources/{legal}"),
        &fx.admin,
        "en",
        None,
    )
    .await;
    assert!(
        page.body
            .contains("name=\"active\" type=\"checkbox\" value=\"true\" checked")
    );
    let page = browse(
        &app,
        "POST",
        &format!("/resources/{legal}"),
        &fx.admin,
        "en",
        Some(&[("name", "南山区法律援助中心"), ("category", "legal_aid")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let (_, body) = app.get("/api/resources", &fx.worker).await;
    let names: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["南山区人民医院"]);
}
on_both_backends!(resource_directory, directory);

async fn referrals(app: TestApp) {
    let fx = Fixture::insert(&app);
    let legal = add_resource(&app, &fx, "南山区法律援助中心", "legal_aid").await;
    let client = create_client(&app, &fx.worker, "黄丽", 1988).await;
    let (case, v0) = open_case(&app, &fx, "labour_dispute", &client).await;

    let (status, body) = refer(&app, &fx.worker, &case, &legal).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        body["case"]["version"],
        v0 + 1,
        "the change claims the version"
    );
    assert_eq!(body["referral"]["status"], "sent");
    let rid = body["referral"]["id"].as_str().unwrap().to_owned();

    // The supervisor records the answer.
    let (status, body) = app
        .put(
            &format!("/api/cases/{case}/outbound-referrals/{rid}"),
            &fx.supervisor,
            json!({ "version": version(&app, &case), "data": { "status": "accepted",
                    "feedback": "已受理，指派律师跟进仲裁" } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["referral"]["status"], "accepted");
    assert_eq!(body["referral"]["updated_by"], fx.supervisor.as_str());

    // In the case view; the feedback is confidential.
    let (_, view) = app.get(&format!("/api/cases/{case}"), &fx.worker).await;
    let r = &view["outbound_referrals"][0];
    assert_eq!(r["resource_name"], "南山区法律援助中心");
    assert_eq!(r["resource_category"], "legal_aid");
    assert_eq!(r["feedback"], "已受理，指派律师跟进仲裁");
    let (_, view) = app.get(&format!("/api/cases/{case}"), &fx.colleague).await;
    assert_eq!(
        view["outbound_referrals"][0]["request"],
        "申请法律援助，追讨拖欠工资"
    );
    assert_eq!(view["outbound_referrals"][0]["feedback"], Value::Null);
    assert_eq!(view["confidential_withheld"], true);

    // Who may not: teammate 403, others 404; nothing changes.
    let before = (count(&app, "outbound_referrals"), version(&app, &case));
    let (status, _) = refer(&app, &fx.colleague, &case, &legal).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for outsider in [
        &fx.other_team_worker,
        &fx.other_supervisor,
        &fx.stranger,
        &fx.officer,
        &fx.admin,
    ] {
        let (status, _) = refer(&app, outsider, &case, &legal).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app
            .put(
                &format!("/api/cases/{case}/outbound-referrals/{rid}"),
                outsider,
                json!({ "version": version(&app, &case), "data": { "status": "completed" } }),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        (count(&app, "outbound_referrals"), version(&app, &case)),
        before
    );

    // Bad input: unknown or inactive resource, no request, unknown status, stale
    // version, another case's referral; each changes nothing.
    let (status, body) = refer(&app, &fx.worker, &case, &uuid::Uuid::new_v4().to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&body), ["outbound.resource_id"]);
    let closed_down = add_resource(&app, &fx, "已撤销的热线", "psychological_hotline").await;
    app.put(
        &format!("/api/resources/{closed_down}"),
        &fx.admin,
        json!({ "name": "已撤销的热线", "category": "psychological_hotline", "active": false }),
    )
    .await;
    let (status, body) = refer(&app, &fx.worker, &case, &closed_down).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&body), ["outbound.resource_id"]);
    let (status, body) = app
        .post(&format!("/api/cases/{case}/outbound-referrals"), &fx.worker,
            json!({ "version": version(&app, &case), "data": { "resource_id": legal, "request": "  " } }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("nothing was saved")
            || body["message"].as_str().unwrap().contains("未保存"),
        "{body}"
    );
    assert_eq!(fields(&body), ["outbound.request"]);
    let (status, _) = app
        .put(
            &format!("/api/cases/{case}/outbound-referrals/{rid}"),
            &fx.worker,
            json!({ "version": version(&app, &case), "data": { "status": "lost" } }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let stale = version(&app, &case) - 1;
    let (status, body) = app
        .put(
            &format!("/api/cases/{case}/outbound-referrals/{rid}"),
            &fx.worker,
            json!({ "version": stale, "data": { "status": "completed" } }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["current_version"], stale + 1);
    let other_client = create_client(&app, &fx.worker, "周强", 1979).await;
    let (other_case, _) = open_case(&app, &fx, "labour_dispute", &other_client).await;
    let (status, _) = app
        .put(
            &format!("/api/cases/{other_case}/outbound-referrals/{rid}"),
            &fx.worker,
            json!({ "version": version(&app, &other_case), "data": { "status": "completed" } }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a referral is found only through its case"
    );
    assert_eq!(
        (count(&app, "outbound_referrals"), version(&app, &case)),
        before
    );
    let (_, view) = app.get(&format!("/api/cases/{case}"), &fx.worker).await;
    assert_eq!(view["outbound_referrals"][0]["status"], "accepted");

    // A closed case is read-only.
    close_early(&app, &fx.worker, &other_case).await;
    let (status, body) = refer(&app, &fx.worker, &other_case, &legal).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "edit_refused");

    // Audited in the case's trail, without content.
    let rows = audit_rows(&app, "outbound_referral", &case);
    let allowed: Vec<String> = rows
        .iter()
        .filter(|r| r.1 == "allowed")
        .filter_map(|r| r.2.clone())
        .collect();
    assert_eq!(
        allowed,
        [
            format!("referral {rid} made"),
            format!("referral {rid} status accepted")
        ]
    );
    assert!(
        rows.iter()
            .any(|r| r.1 == "refused" && r.0.as_deref() == Some(fx.colleague.as_str()))
    );
    assert!(
        rows.iter()
            .all(|r| !r.2.as_deref().unwrap_or("").contains("律师"))
    );

    // The case page: the section, the timeline (made and answered, with who).
    let page = browse(
        &app,
        "GET",
        &format!("/cases/{case}"),
        &fx.worker,
        "zh-CN",
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"outbound\""));
    assert!(page.body.contains("对方已接收"));
    assert!(page.body.contains("event-referral"));
    assert!(
        page.body.matches("南山区法律援助中心").count() >= 3,
        "list, select and timeline"
    );
    assert!(page.body.contains(&format!(
        "action=\"/cases/{case}/outbound-referrals/{rid}\""
    )));
    let page = browse(
        &app,
        "GET",
        &format!("/cases/{case}"),
        &fx.colleague,
        "zh-CN",
        None,
    )
    .await;
    assert!(
        !page.body.contains("指派律师跟进仲裁"),
        "a teammate does not read the feedback"
    );
    assert!(
        !page.body.contains("/outbound-referrals\""),
        "nor gets the form"
    );
}
on_both_backends!(referrals_out, referrals);

#[test]
fn locale_files_have_the_same_keys() {
    let en = locale_keys("en", "outbound.ftl");
    assert!(en.len() > 100);
    assert_eq!(en, locale_keys("zh-CN", "outbound.ftl"));
    assert_eq!(en, locale_keys("zh-TW", "outbound.ftl"));
}
