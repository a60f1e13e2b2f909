//! The administrator's service agreements screen: listed, added with the
//! problems beside the fields, ended; each change audited; nobody else sees it.

use axum::http::StatusCode;
use casework::db::audit::{AuditAction, AuditFilter, AuditScope};

use super::{get, post, send};
use crate::common::{Fixture, TestApp};

fn audited(app: &TestApp, action: AuditAction) -> usize {
    app.with_conn(|c| {
        casework::db::audit::search(
            c,
            &AuditScope::All,
            &AuditFilter {
                action: Some(action),
                ..AuditFilter::default()
            },
            100,
        )
        .unwrap()
        .len()
    })
}

async fn administrators_manage_agreements_on_screen(app: TestApp) {
    let fx = Fixture::insert(&app);
    let uri = "/admin/service-agreements";
    for who in [&fx.officer, &fx.worker, &fx.supervisor] {
        assert_eq!(get(&app, uri, who).await.status, StatusCode::NOT_FOUND);
        let sent = post(
            &app,
            uri,
            who,
            &[("union_id", &fx.union), ("agency_id", &fx.agency)],
        )
        .await;
        assert_eq!(sent.status, StatusCode::NOT_FOUND);
    }
    let page = get(&app, uri, &fx.admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("href=\"/admin/service-agreements\""),
        "in the navigation"
    );
    assert!(page.body.contains("No agreement is recorded yet"));

    // Nothing chosen: the problem beside the field, nothing stored.
    let refused = post(
        &app,
        uri,
        &fx.admin,
        &[("union_id", &fx.union), ("agency_id", "")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("id=\"agreement-agency-id-error\""),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains(&format!("value=\"{}\" selected", fx.union)),
        "choice kept"
    );
    // A union where an agency belongs.
    let refused = post(
        &app,
        uri,
        &fx.admin,
        &[("union_id", &fx.union), ("agency_id", &fx.union)],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(audited(&app, AuditAction::AgreementCreate), 0);

    let added = post(
        &app,
        uri,
        &fx.admin,
        &[("union_id", &fx.union), ("agency_id", &fx.agency)],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(
        added.location.as_deref(),
        Some("/admin/service-agreements?flash=agreement-added")
    );
    let page = send(
        &app,
        "GET",
        "/admin/service-agreements?flash=agreement-added",
        Some(&fx.admin),
        "zh-CN",
        None,
    )
    .await;
    assert!(page.body.contains("协议已登记"));
    assert!(page.body.contains("南山区总工会") && page.body.contains("鹏城社工服务中心"));
    assert_eq!(audited(&app, AuditAction::AgreementCreate), 1);
    let form = get(&app, "/referrals/new", &fx.officer).await;
    assert!(
        form.body.contains(&format!("value=\"{}\"", fx.agency)),
        "the officer may refer there"
    );

    let again = post(
        &app,
        uri,
        &fx.admin,
        &[("union_id", &fx.union), ("agency_id", &fx.agency)],
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "recorded already"
    );

    let ended = post(
        &app,
        "/admin/service-agreements/remove",
        &fx.admin,
        &[("union_id", &fx.union), ("agency_id", &fx.agency)],
    )
    .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.body);
    assert_eq!(audited(&app, AuditAction::AgreementRemove), 1);
    let page = get(&app, uri, &fx.admin).await;
    assert!(page.body.contains("No agreement is recorded yet"));
    let form = get(&app, "/referrals/new", &fx.officer).await;
    assert!(
        form.body
            .contains("no service agreement with an agency yet")
    );
    let gone = post(
        &app,
        "/admin/service-agreements/remove",
        &fx.admin,
        &[("union_id", &fx.union), ("agency_id", &fx.agency)],
    )
    .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}
on_both_backends!(
    agreements_screen,
    administrators_manage_agreements_on_screen
);
