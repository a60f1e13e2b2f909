//! Browser test of referrals out and transfers: headless Chromium against the
//! real application, switching between phone (390 px) and desktop (1440 px)
//! widths, every page checked at both.
//!
//! The worker reads the resource directory, refers the client out from the case
//! page, records the resource's answer, and asks for the case to be transferred
//! to the supervisor; the supervisor signs in in the same browser, finds the
//! transfer on `/transfers` and accepts it. Skipped with a message when
//! chromedriver is missing, except in CI.

mod browser_support;
mod common;

use axum::http::StatusCode;
use browser_support::{PASSWORD, SUPERVISOR_LOGIN, Staged, WORKER_LOGIN, Width};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refer_out_and_transfer() {
    let Some(s) = Staged::new() else {
        return;
    };
    for (name, category) in [
        ("南山区法律援助中心", "legal_aid"),
        ("深圳市康宁医院心理热线", "psychological_hotline"),
    ] {
        let (status, body) = s
            .app
            .post(
                "/api/resources",
                &s.fx.admin,
                json!({ "name": name, "category": category, "contact": "12348",
                        "notes": "工作日 9:00–17:30 受理，需携带身份证明和劳动合同复印件" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let client = common::create_client(&s.app, &s.fx.worker, "周美华", 1985).await;
    let (case_id, _) = common::open_case(&s.app, &s.fx, "labour_dispute", &client).await;
    let page = format!("/cases/{case_id}");
    if !s.screen_built(&page, &s.fx.worker, "id=\"outbound\"").await {
        return;
    }
    let b = s.launch(Width::Phone).await;
    b.sign_in(WORKER_LOGIN, PASSWORD).await;

    // The directory, from the navigation.
    b.click_to_load("nav.main a[href='/resources']").await;
    b.assert_text("南山区法律援助中心").await;
    b.check_both_widths("resource-directory", None, None).await;

    // Refer out: nothing chosen first (explained, typed text kept), then properly.
    b.goto(&page).await;
    b.fill("#outbound-request", "申请法律援助，追讨三个月工资")
        .await;
    b.click_to_load("form.outbound-new button[type=submit]")
        .await;
    assert!(
        b.has("#outbound-resource-error").await,
        "the missing resource is named"
    );
    assert_eq!(
        b.find("#outbound-request")
            .await
            .prop("value")
            .await
            .expect("value")
            .as_deref(),
        Some("申请法律援助，追讨三个月工资")
    );
    b.assert_fits_both_widths().await;
    b.select(
        "#outbound-resource",
        &resource_id(&b, "南山区法律援助中心").await,
    )
    .await;
    b.click_to_load("form.outbound-new button[type=submit]")
        .await;
    b.wait_for_path("the case page", |p| p.contains("flash=outbound-saved"))
        .await;
    b.assert_text("已转介，待回复").await;

    // The resource's answer, recorded from the referral's disclosure.
    b.set_width(Width::Desktop).await;
    b.click("details.outbound-edit > summary").await;
    b.select("form.outbound-update select[name=status]", "accepted")
        .await;
    b.fill(
        "form.outbound-update textarea[name=feedback]",
        "已受理，指派律师跟进仲裁",
    )
    .await;
    b.click_to_load("form.outbound-update button[type=submit]")
        .await;
    b.wait_for_path("the case page", |p| p.contains("flash=outbound-saved"))
        .await;
    b.assert_text("对方已接收").await;
    b.assert_text("更新转介状态").await;
    b.check_both_widths("case-referrals-out", Some("#outbound"), Some("#outbound"))
        .await;

    // Ask for a transfer to the supervisor.
    b.set_width(Width::Phone).await;
    b.click("details.transfer-ask > summary").await;
    b.select(
        "#transfer-target",
        &format!("{}/{}", b.fx.agency, b.fx.supervisor),
    )
    .await;
    b.fill("#transfer-reason", "本人下月休产假，由督导暂时接手")
        .await;
    b.click_to_load("form.transfer-request button[type=submit]")
        .await;
    b.wait_for_path("the case page", |p| p.contains("flash=transfer-requested"))
        .await;
    b.assert_text("正在等待对方答复").await;
    b.check_both_widths(
        "case-transfer-pending",
        Some("#transfer"),
        Some("#transfer"),
    )
    .await;

    // The supervisor accepts it on /transfers.
    b.sign_out().await;
    b.sign_in(SUPERVISOR_LOGIN, PASSWORD).await;
    b.click_to_load("nav.main a[href='/transfers']").await;
    b.assert_text("本人下月休产假，由督导暂时接手").await;
    b.assert_text("周美华").await;
    b.check_both_widths("transfers-incoming", None, None).await;
    b.fill("form.transfer-accept textarea[name=note]", "好的，我先接手")
        .await;
    b.click_to_load("form.transfer-accept button[type=submit]")
        .await;
    b.wait_for_path("the case page", |p| p.contains("flash=transfer-accepted"))
        .await;
    b.assert_text("转案已接收").await;
    b.assert_fits_both_widths().await;

    let (status, view) = b
        .app
        .get(&format!("/api/cases/{case_id}"), &b.fx.supervisor)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["case"]["assigned_worker_id"], b.fx.supervisor.as_str());
    assert_eq!(view["outbound_referrals"][0]["status"], "accepted");
    b.finish().await;
}

/// The value of a resource's option in the referral form.
async fn resource_id(b: &browser_support::Browser, name: &str) -> String {
    let option = b.find_all("#outbound-resource option").await;
    for o in option {
        if o.text().await.unwrap_or_default() == name {
            return o.attr("value").await.expect("value").unwrap_or_default();
        }
    }
    panic!("no option {name}");
}
