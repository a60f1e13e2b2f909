//! The home page: caseload by stage with attention first, the intake queue, what
//! is due, closures awaiting sign-off; and the short pages of other roles.

use axum::http::StatusCode;

use crate::common::{Fixture, TestApp};
use crate::support::*;

async fn home_shows_what_needs_the_worker(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = Some(fx.worker.as_str());
    let (team, other_team) = (Some(fx.team.as_str()), Some(fx.other_team.as_str()));
    let c = client(&app, &fx.worker, "刘洋", Some("13900000000"));
    let calm = case(&app, &fx, &c, "counselling", team, w);
    set_stage(&app, &calm.id, "intervention", Some("low"));
    let stale = case(&app, &fx, &c, "labour_dispute", team, w);
    set_stage(&app, &stale.id, "intervention", Some("low"));
    age(&app, &stale.id, 40, 20);
    let low = case(&app, &fx, &c, "counselling", team, w);
    set_stage(&app, &low.id, "assessment", Some("low"));
    let high = case(&app, &fx, &c, "family_mediation", team, w);
    set_stage(&app, &high.id, "assessment", Some("high"));
    let waiting = case(&app, &fx, &c, "counselling", team, w);
    age(&app, &waiting.id, 5, 5);
    let unassigned = case(&app, &fx, &c, "special_group", team, None);
    let colleagues = case(&app, &fx, &c, "counselling", team, Some(&fx.colleague));
    let other_teams = case(&app, &fx, &c, "counselling", other_team, None);
    let planned = case(&app, &fx, &c, "counselling", team, w);
    set_stage(&app, &planned.id, "contract", None);
    goal(&app, &planned.id, "恢复正常睡眠", 5);
    goal(&app, &planned.id, "重返工作岗位", -3);
    goal(&app, &planned.id, "半年后的目标", 60);

    let (status, html) = page(&app, w, "/", "en").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let load = section(&html, "caseload");
    for mine in [&calm, &stale, &low, &high, &waiting, &planned] {
        assert!(
            load.contains(&mine.reference),
            "{} in my caseload",
            mine.reference
        );
    }
    for not_mine in [&colleagues, &other_teams, &unassigned] {
        assert!(!load.contains(&not_mine.reference));
    }
    assert!(!html.contains(&colleagues.reference) && !html.contains(&other_teams.reference));
    // Grouped by stage in the order of the process; attention first within a stage.
    let groups: Vec<usize> = ["intake", "assessment", "contract", "intervention"]
        .iter()
        .map(|s| load.find(&format!("id=\"stage-{s}\"")).unwrap())
        .collect();
    assert!(groups.windows(2).all(|w| w[0] < w[1]), "stages in order");
    let at = |r: &str| load.find(r).unwrap();
    assert!(at(&high.reference) < at(&low.reference), "high risk first");
    assert!(at(&stale.reference) < at(&calm.reference), "overdue first");
    assert!(load.contains("High risk"));
    assert!(load.contains("Overdue: no session or change for 20 days"));
    assert!(load.contains("Overdue: at intake for 5 days"));
    assert!(
        load.contains("Overdue: a goal&#39;s target date")
            || load.contains("Overdue: a goal's target date")
    );

    let queue = section(&html, "intake-queue");
    assert_eq!(
        references(queue),
        [waiting.reference.clone(), unassigned.reference.clone()],
        "unassigned and mine, oldest first; not another team's"
    );
    let due = section(&html, "due");
    assert!(due.contains("重返工作岗位") && due.contains("Date passed"));
    assert!(due.contains("恢复正常睡眠") && !due.contains("半年后的目标"));
    assert!(due.find("重返工作岗位").unwrap() < due.find("恢复正常睡眠").unwrap());
    assert!(
        !html.contains("id=\"sign-off\""),
        "workers sign nothing off"
    );

    // The supervisor sees the team's cases, and closures to sign off.
    set_stage(&app, &calm.id, "closure", Some("low"));
    let own = case(&app, &fx, &c, "counselling", team, Some(&fx.supervisor));
    set_stage(&app, &own.id, "closure", None);
    let (status, html) = page(&app, Some(&fx.supervisor), "/", "en").await;
    assert_eq!(status, StatusCode::OK);
    let sign_off = section(&html, "sign-off");
    assert_eq!(
        references(sign_off),
        std::slice::from_ref(&calm.reference),
        "not their own case: another supervisor signs it off"
    );
    assert!(section(&html, "caseload").contains(&own.reference));
    assert!(section(&html, "caseload").contains(&colleagues.reference));
    assert!(!html.contains(&other_teams.reference));
    let (_, html) = page(&app, Some(&fx.other_supervisor), "/", "en").await;
    assert!(
        !html.contains(&calm.reference),
        "not another team's sign-off"
    );
    assert!(section(&html, "intake-queue").contains(&other_teams.reference));
}
on_both_backends!(home, home_shows_what_needs_the_worker);

async fn home_for_other_roles(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (status, html) = page(&app, Some(&fx.admin), "/", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/audit\"") && !html.contains("id=\"caseload\""));
    let (status, html) = page(&app, Some(&fx.officer), "/", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("later release"));
    let (status, html) = page(&app, None, "/", "zh-CN").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/sign-in\""));
    for uri in ["/cases", "/cases/new"] {
        let (status, _) = page(&app, Some(&fx.officer), uri, "en").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        let (status, _) = page(&app, Some(&fx.admin), uri, "en").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        let (status, _) = page(&app, None, uri, "en").await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "a browser is sent to sign in"
        );
    }
}
on_both_backends!(other_roles, home_for_other_roles);
