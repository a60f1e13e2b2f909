//! Browser test of referrals in: a union officer refers a member, the supervisor
//! is notified and accepts, the worker opens the case and moves it to assessment,
//! and the officer sees the status change, at desktop and phone widths.
//!
//! Skipped with a message when chromedriver is missing, except in CI.

#[macro_use]
mod common;
mod browser_support;

use browser_support::{PASSWORD, SUPERVISOR_LOGIN, Staged, WORKER_LOGIN, Width};
use casework::db::{accounts, referrals};

const OFFICER_LOGIN: &str = "zhangwd";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_refers_supervisor_accepts_worker_opens() {
    let Some(s) = Staged::new() else {
        return;
    };
    let hash = accounts::hash_password(PASSWORD).expect("hash");
    s.app.with_conn(|c| {
        accounts::set_login(c, &s.fx.officer, OFFICER_LOGIN, &hash, casework::db::now())
            .expect("officer login");
        referrals::add_agreement(c, &s.fx.union, &s.fx.agency).expect("agreement");
    });
    let b = s.launch(Width::Desktop).await;

    // The officer refers a member (in Simplified Chinese, the browser's language).
    b.sign_in(OFFICER_LOGIN, PASSWORD).await;
    b.click_to_load("nav.main a[href='/referrals/new']").await;
    b.type_text("#referral-member-name", "刘洋").await;
    b.type_text("#referral-member-phone", "13912345678").await;
    b.type_text("#referral-concern", "连续三个月被拖欠工资")
        .await;
    b.select("#referral-suggested-type", "labour_dispute").await;
    b.select("#referral-urgency", "urgent").await;
    b.type_text("#referral-consent-by", "张卫东").await;
    b.assert_fits_width().await;
    b.screenshot("referral-new").await;
    b.set_width(Width::Phone).await;
    b.assert_fits_width().await;
    b.screenshot("referral-new").await;
    b.set_width(Width::Desktop).await;
    b.click_to_load("form[action='/referrals/new'] button[type=submit]")
        .await;
    b.assert_text("转介已发送给服务机构").await;
    b.assert_text("已收到").await;
    let referral_path = b
        .path()
        .await
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    b.sign_out().await;

    // The supervisor sees the unread count, the queue, and accepts.
    b.sign_in(SUPERVISOR_LOGIN, PASSWORD).await;
    let badge = b.text("nav.main a.notifications .badge").await;
    assert_eq!(badge, "1", "one unread notification");
    b.click_to_load("nav.main a[href='/referrals']").await;
    b.assert_text("刘洋").await;
    b.assert_text("南山区总工会").await;
    b.assert_fits_width().await;
    b.screenshot("referral-queue").await;
    b.set_width(Width::Phone).await;
    b.assert_fits_width().await;
    b.screenshot("referral-queue").await;
    b.set_width(Width::Desktop).await;
    b.click_to_load("#queue a").await;
    assert_eq!(b.path().await, referral_path);
    b.click("#client-new").await;
    b.select("#case-case-type", "labour_dispute").await;
    b.select("#case-team-id", &s_team(&b)).await;
    b.select("#case-assigned-worker-id", &b.fx.worker.clone())
        .await;
    b.screenshot_from("referral-accept", Some("#accept")).await;
    b.click_to_load("#accept button[type=submit]").await;
    b.assert_text("已接案，个案已在接案阶段开立").await;
    let case_path = b.path().await;
    assert!(case_path.starts_with("/cases/"), "{case_path}");
    b.sign_out().await;

    // The worker opens the case, records the consents and moves it to assessment.
    b.sign_in(WORKER_LOGIN, PASSWORD).await;
    b.goto(&case_path).await;
    b.assert_text("连续三个月被拖欠工资").await;
    b.check("#intake-consent-service", true).await;
    b.check("#intake-consent-sensitive", true).await;
    b.submit_case_form("intake", "saved").await;
    b.transition("advance").await;
    assert_eq!(b.current_stage().await, "预估");
    b.sign_out().await;

    // The officer sees the new status, and nothing of the case.
    b.sign_in(OFFICER_LOGIN, PASSWORD).await;
    b.click_to_load("nav.main a[href='/referrals']").await;
    b.assert_text("预估中").await;
    b.assert_fits_width().await;
    b.screenshot("referral-officer").await;
    b.set_width(Width::Phone).await;
    b.assert_fits_width().await;
    b.screenshot("referral-officer").await;
    let page = b.page_text().await;
    assert!(
        !page.contains("个案编号") && !page.contains("CW-"),
        "no case reference for the union"
    );
    b.finish().await;
}

fn s_team(b: &browser_support::Browser) -> String {
    b.fx.team.clone()
}
