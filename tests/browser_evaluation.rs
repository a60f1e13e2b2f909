//! The evaluation report in a real browser (headless Chromium): a supervisor
//! opens it from the navigation, chooses a period, and the screen fits a laptop
//! and a phone, with its charts drawn. With `CASEWORK_SCREENSHOTS=1` it writes
//! `docs/screenshots/evaluation-*.png`.

#[macro_use]
mod common;
mod browser_support;
#[path = "evaluation/fixture.rs"]
#[allow(dead_code, reason = "the browser test uses only the case builder")]
mod fixture;

use browser_support::{PASSWORD, SUPERVISOR_LOGIN, Staged, Width};
use fixture::{CaseSpec, at, insert_case};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supervisor_reads_the_evaluation_report() {
    let Some(s) = Staged::new() else {
        return;
    };
    let fx = &s.fx;
    let channels = [
        "hotline",
        "walk_in",
        "union_referral",
        "self_referral_online",
        "hotline",
        "outreach_screening",
        "hotline",
    ];
    let types = [
        "counselling",
        "labour_dispute",
        "counselling",
        "family_mediation",
        "special_group",
        "counselling",
    ];
    let reasons = [
        "goals_achieved",
        "goals_achieved",
        "client_unreachable",
        "goals_achieved",
        "referred_out",
    ];
    for i in 0..36usize {
        let month = 1 + i % 6;
        let day = |d: usize| at(&format!("2026-{month:02}-{:02}", d.min(28)));
        let closed = i % 3 != 0;
        let mut moves = vec![
            ("assessment", day(3 + i % 4)),
            ("contract", day(8 + i % 5)),
            ("intervention", day(12 + i % 3)),
        ];
        if closed {
            moves.push(("closure", day(20 + i % 5)));
            moves.push(("closed", day(24 + i % 4)));
        }
        let worker = [&fx.worker, &fx.colleague, &fx.supervisor][i % 3];
        insert_case(
            &s.app,
            fx,
            CaseSpec {
                case_type: types[i % types.len()],
                channel: Some(channels[i % channels.len()]),
                agency: &fx.agency,
                team: Some(&fx.team),
                worker: Some(worker),
                opened: day(1 + i % 2),
                moves,
                who5: Some((32 + (i % 5) as i32 * 4, Some(44 + (i % 7) as i32 * 5))),
                closure_reason: Some(reasons[i % reasons.len()]),
                satisfaction: Some(3 + (i % 3) as i32),
                goals: vec![Some((i % 5) as i32 - 2), Some(1)],
                ..CaseSpec::default()
            },
        );
    }
    let b = s.launch(Width::Desktop).await;
    b.sign_in(SUPERVISOR_LOGIN, PASSWORD).await;
    b.click_to_load("nav.main a[href='/reports/evaluation']")
        .await;
    b.fill("#e-from", "2026-01-01").await;
    b.fill("#e-to", "2026-06-30").await;
    b.click_to_load("form.eval-filters button[type=submit]")
        .await;
    b.assert_text("成效评估报告").await;
    b.assert_text("2026年1月1日 至 2026年6月30日").await;
    assert!(
        b.find_all("figure.chart svg").await.len() >= 8,
        "charts drawn"
    );
    b.assert_fits_width().await;
    b.screenshot("evaluation").await;
    b.screenshot_from("evaluation-outcomes", Some("#outcomes"))
        .await;
    b.set_width(Width::Phone).await;
    b.assert_fits_width().await;
    b.screenshot("evaluation").await;
    b.screenshot_from("evaluation-outcomes", Some("#outcomes"))
        .await;
    b.finish().await;
}
