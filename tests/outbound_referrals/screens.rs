//! Referrals out through the case page's forms, as a browser sends them.

use axum::http::{Method, StatusCode};
use casework::db::outbound::load_for_case;
use common::{Fixture, TestApp, create_client, open_case};

use super::add_resource;
use super::support::*;
use crate::common;

async fn referral_forms(app: TestApp) {
    let fx = Fixture::insert(&app);
    let legal = add_resource(&app, &fx, "南山区法律援助中心", "legal_aid").await;
    let client = create_client(&app, &fx.worker, "黄丽", 1988).await;
    let (case, _) = open_case(&app, &fx, "labour_dispute", &client).await;
    let uri = format!("/cases/{case}/outbound-referrals");

    // Nothing chosen: the form again, what was typed kept, the error beside the field.
    let v = version(&app, &case).to_string();
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.worker,
        "en",
        Some(&[
            ("version", &v),
            ("resource_id", ""),
            ("request", "追讨工资"),
        ]),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("id=\"outbound-resource-error\""),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("aria-describedby=\"outbound-resource-error\"")
    );
    assert!(page.body.contains("追讨工资"));
    assert_eq!(count(&app, "outbound_referrals"), 0);

    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.worker,
        "en",
        Some(&[
            ("version", &v),
            ("resource_id", &legal),
            ("request", "追讨工资"),
        ]),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location,
        Some(format!("/cases/{case}?flash=outbound-saved#outbound"))
    );
    let rid = app.with_conn(|c| load_for_case(c, &case).unwrap()[0].referral.id.clone());

    // The same version again is stale: 409, the form kept, nothing saved.
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.worker,
        "en",
        Some(&[
            ("version", &v),
            ("resource_id", &legal),
            ("request", "第二次"),
        ]),
    )
    .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("第二次") && page.body.contains("Someone else changed"));
    assert_eq!(count(&app, "outbound_referrals"), 1);

    let v = version(&app, &case).to_string();
    let page = browse(
        &app,
        "POST",
        &format!("{uri}/{rid}"),
        &fx.worker,
        "zh-TW",
        Some(&[
            ("version", &v),
            ("status", "completed"),
            ("feedback", "已追回工資"),
        ]),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = browse(
        &app,
        "GET",
        &format!("/cases/{case}?flash=outbound-saved"),
        &fx.worker,
        "zh-TW",
        None,
    )
    .await;
    assert!(
        page.body.contains("轉介已儲存")
            && page.body.contains("已追回工資")
            && page.body.contains("已完成")
    );

    // Refusals: a teammate 403, someone outside 404, both recorded.
    let v = version(&app, &case).to_string();
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.colleague,
        "en",
        Some(&[("version", &v), ("resource_id", &legal), ("request", "x")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.stranger,
        "en",
        Some(&[("version", &v), ("resource_id", &legal), ("request", "x")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&app, "outbound_referrals"), 1);
    let (status, _) = app.call(Method::POST, &uri, None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
on_both_backends!(referral_screens, referral_forms);
