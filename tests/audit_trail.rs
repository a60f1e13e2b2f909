//! The audit trail: reads, changes and refusals are recorded; supervisors see who
//! has read their cases; nothing rewrites or deletes the trail; confidential
//! fields reach only the assigned worker and supervisors.

#[macro_use]
mod common;

use axum::http::{Method, StatusCode};
use common::{Fixture, TestApp, create_client, open_case};
use serde_json::{Value, json};

fn actions(events: &Value) -> Vec<(String, String, String)> {
    events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["actor_id"].as_str().unwrap_or("").to_owned(),
                e["action"].as_str().unwrap().to_owned(),
                e["outcome"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn reads_changes_and_refusals_are_recorded(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "林芳", 1986).await;
    let (id, v) = open_case(&app, &fx, "counselling", &client).await;
    let (status, _) = app
        .put(
            &format!("/api/cases/{id}/intake"),
            &fx.worker,
            json!({ "version": v, "data": { "channel": "hotline" } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get(&format!("/api/cases/{id}"), &fx.supervisor).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get(&format!("/api/cases/{id}"), &fx.stranger).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .put(
            &format!("/api/cases/{id}/intake"),
            &fx.colleague,
            json!({ "version": v + 1, "data": {} }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, log) = app
        .get(&format!("/api/cases/{id}/access-log"), &fx.supervisor)
        .await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let got = actions(&log);
    let has = |actor: &str, action: &str, outcome: &str| {
        got.contains(&(actor.to_owned(), action.to_owned(), outcome.to_owned()))
    };
    assert!(has(&fx.worker, "case_create", "allowed"), "{got:?}");
    assert!(has(&fx.worker, "case_update", "allowed"), "{got:?}");
    assert!(
        has(&fx.supervisor, "case_view", "allowed"),
        "the supervisor's read is in the case's access view"
    );
    assert!(
        has(&fx.stranger, "case_view", "refused"),
        "refused reads are recorded"
    );
    assert!(has(&fx.colleague, "case_update", "refused"));
    let first = &log[0];
    assert!(first["occurred_at"].is_string() && first["client_address"].is_string());

    // The worker may not read the access log; administrators may (metadata only).
    let (status, _) = app
        .get(&format!("/api/cases/{id}/access-log"), &fx.worker)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .get(&format!("/api/cases/{id}/access-log"), &fx.admin)
        .await;
    assert_eq!(status, StatusCode::OK);

    // Audit search: scoped for supervisors, everything for administrators.
    let (status, mine) = app
        .get(&format!("/api/audit?case_id={id}"), &fx.supervisor)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!mine.as_array().unwrap().is_empty());
    let (_, other) = app
        .get(&format!("/api/audit?case_id={id}"), &fx.other_supervisor)
        .await;
    assert_eq!(
        other,
        json!([]),
        "another team's supervisor sees nothing of this case"
    );
    let (_, sign_ins) = app.get("/api/audit?action=case_create", &fx.admin).await;
    assert_eq!(sign_ins.as_array().unwrap().len(), 1);
    let (status, body) = app.get("/api/audit?action=teleport", &fx.admin).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _) = app.get("/api/audit", &fx.worker).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The same as screens, in the reader's language.
    let html = [("accept", "text/html")];
    let (status, page) = app
        .call_with(
            Method::GET,
            &format!("/audit?case_id={id}&action=&from=&to="),
            Some(&fx.supervisor),
            None,
            &html,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = page.as_str().unwrap().to_owned();
    assert!(
        page.contains("审计记录") && page.contains("查看个案") && page.contains("李晓梅"),
        "{page}"
    );
    let (status, page) = app
        .call_with(
            Method::GET,
            &format!("/cases/{id}/access-log"),
            Some(&fx.supervisor),
            None,
            &[("accept", "text/html"), ("accept-language", "en")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = page.as_str().unwrap().to_owned();
    assert!(
        page.contains("Who has seen this case")
            && page.contains("Case read")
            && page.contains("John Smith")
            && page.contains("refused"),
        "{page}"
    );
    let (status, page) = app
        .call_with(Method::GET, "/audit", Some(&fx.officer), None, &html)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        page.as_str().unwrap().contains("<h1>出现问题</h1>"),
        "errors on pages are pages"
    );
    let (status, body) = app
        .call_with(
            Method::GET,
            "/audit?from=yesterday",
            Some(&fx.admin),
            None,
            &html,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.as_str().unwrap().contains("起始时间"), "{body}");
}
on_both_backends!(recorded, reads_changes_and_refusals_are_recorded);

async fn the_trail_is_append_only(app: TestApp) {
    use diesel::prelude::*;
    let fx = Fixture::insert(&app);
    create_client(&app, &fx.worker, "x", 1990).await;
    app.with_conn(|c| {
        use casework::db::schema::audit_events;
        let before: i64 = audit_events::table.count().get_result(c).unwrap();
        assert!(before > 0);
        assert!(
            diesel::update(audit_events::table)
                .set(audit_events::detail.eq("rewritten"))
                .execute(c)
                .is_err()
        );
        assert!(diesel::delete(audit_events::table).execute(c).is_err());
        let after: i64 = audit_events::table.count().get_result(c).unwrap();
        assert_eq!(before, after);
    });
}
on_both_backends!(append_only, the_trail_is_append_only);

/// No code path updates or deletes the audit trail or the transition log.
#[test]
fn no_code_rewrites_append_only_tables() {
    let mut offenders = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace([' ', '\n'], "");
            for table in ["audit_events", "case_transitions"] {
                for verb in ["update(", "delete("] {
                    for prefix in ["", "schema::", "crate::db::schema::"] {
                        if text.contains(&format!("{verb}{prefix}{table}::table"))
                            || text.contains(&format!("{verb}{table}::"))
                        {
                            offenders.push(format!("{} {verb}{table}", path.display()));
                        }
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}

async fn confidential_fields_stay_with_worker_and_supervisor(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "周明", 1984).await;
    let (id, mut v) = open_case(&app, &fx, "counselling", &client).await;
    let w = fx.worker.as_str();
    let app = &app;
    let put = |path: &'static str, version: i64, data: Value| {
        let uri = format!("/api/cases/{id}/{path}");
        async move {
            app.put(&uri, w, json!({ "version": version, "data": data }))
                .await
        }
    };
    assert_eq!(
        put(
            "details",
            v,
            json!({ "case_type": "counselling", "self_harm_screening": "SECRET-SCREEN" })
        )
        .await
        .0,
        StatusCode::OK
    );
    v += 1;
    assert_eq!(
        put(
            "intake",
            v,
            json!({ "channel": "hotline", "presenting_problem": "p", "urgency": "soon",
        "consent_service": true, "consent_sensitive": true })
        )
        .await
        .0,
        StatusCode::OK
    );
    v += 1;
    let (s, _) = app
        .post(
            &format!("/api/cases/{id}/transitions"),
            w,
            json!({ "version": v, "transition": "advance" }),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    v += 1;
    assert_eq!(
        put(
            "assessment",
            v,
            json!({ "risk_level": "high", "risk_screening": "SECRET-RISK" })
        )
        .await
        .0,
        StatusCode::OK
    );

    for reader in [&fx.worker, &fx.supervisor] {
        let (_, view) = app.get(&format!("/api/cases/{id}"), reader).await;
        let text = view.to_string();
        assert!(text.contains("SECRET-SCREEN") && text.contains("SECRET-RISK"));
        assert_eq!(view["confidential_withheld"], false);
    }
    let (status, view) = app.get(&format!("/api/cases/{id}"), &fx.colleague).await;
    assert_eq!(status, StatusCode::OK);
    let text = view.to_string();
    assert!(
        !text.contains("SECRET-SCREEN") && !text.contains("SECRET-RISK"),
        "{text}"
    );
    assert_eq!(view["confidential_withheld"], true);
    assert_eq!(
        view["records"]["assessment"]["risk_level"], "high",
        "the rest stays visible"
    );
    assert_eq!(
        view["open_transitions"],
        json!([]),
        "a teammate cannot move the case"
    );
    for outsider in [&fx.officer, &fx.admin] {
        let (status, body) = app
            .call(
                Method::GET,
                &format!("/api/cases/{id}"),
                Some(outsider),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!body.to_string().contains("SECRET"));
    }
}
on_both_backends!(
    confidential,
    confidential_fields_stay_with_worker_and_supervisor
);
