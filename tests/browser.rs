//! Browser tests: headless Chromium through chromedriver, against the real
//! application on a loopback port, at phone (390 px) and desktop (1440 px) widths.
//!
//! Sign-in, the language switch, the audit trail, the start page and the case list
//! run once at each width. The two long flows (a client and a case of each type;
//! one case from intake to closed) run in one browser each and switch width from
//! step to step, checking every page at both widths: a browser session and its
//! page loads are what these tests spend their time on.
//!
//! Skipped with a message when chromedriver is missing, except in CI. With
//! `CASEWORK_SCREENSHOTS=1` they also write the screenshots in `docs/screenshots/`
//! (see `browser_support`).

#[macro_use]
mod common;
mod browser_support;

use axum::http::StatusCode;
use browser_support::{Browser, PASSWORD, SUPERVISOR_LOGIN, Staged, WORKER_LOGIN, Width};

const SESSION_COOKIE: &str = "__Host-casework_session";

/// Sign-in (a wrong password explained, then the right one), the language switch
/// remembered across pages, sign-out; then the audit trail as a supervisor.
async fn sign_in_switch_language_sign_out(width: Width) {
    let Some(s) = Staged::new() else {
        return;
    };
    // A case of the team for the audit trail to show.
    let case_id = case_at_intake(&s).await;
    let b = s.launch(width).await;
    b.goto("/sign-in").await;
    let lang = b.find("html").await.attr("lang").await.expect("lang");
    assert_eq!(lang.as_deref(), Some("zh-CN"), "Accept-Language zh-CN");
    assert_eq!(b.text("h1").await, "登录");
    b.assert_fits_width().await;
    b.screenshot("sign-in").await;

    b.type_text("#username", WORKER_LOGIN).await;
    b.type_text("#password", "not-the-password").await;
    b.click_to_load("form[action='/sign-in'] button[type=submit]")
        .await;
    assert_eq!(b.text("#sign-in-error").await, "用户名或密码错误。");
    assert_eq!(b.path().await, "/sign-in");
    let kept = b
        .find("#username")
        .await
        .prop("value")
        .await
        .expect("value");
    assert_eq!(
        kept.as_deref(),
        Some(WORKER_LOGIN),
        "the login name is kept"
    );
    assert!(b.cookie(SESSION_COOKIE).await.is_none());
    b.assert_fits_width().await;

    b.sign_in(WORKER_LOGIN, PASSWORD).await;
    assert!(
        b.cookie(SESSION_COOKIE).await.is_some(),
        "the __Host- Secure session cookie is kept on http://127.0.0.1"
    );
    let sign_out = "form[action='/sign-out'] button";
    assert_eq!(b.text(sign_out).await, "退出登录");
    b.assert_text("李晓梅").await;

    // 简体中文 → English → 繁體中文 → 简体中文, each remembered in casework_lang.
    for (tag, sign_out_label, lang_cookie) in [
        ("en", "Sign out", "en"),
        ("zh-TW", "登出", "zh-TW"),
        ("zh-CN", "退出登录", "zh-CN"),
    ] {
        b.click_to_load(&format!("nav.languages a[hreflang='{tag}']"))
            .await;
        b.wait_for_path("the page the switch came from", |p| {
            !p.starts_with("/language/")
        })
        .await;
        assert_eq!(b.text(sign_out).await, sign_out_label, "in {tag}");
        assert_eq!(
            b.cookie("casework_lang").await.as_deref(),
            Some(lang_cookie)
        );
        let lang = b.find("html").await.attr("lang").await.expect("lang");
        assert_eq!(lang.as_deref(), Some(tag));
        let current = b.text("nav.languages [aria-current]").await;
        let expected = match tag {
            "en" => "English",
            "zh-TW" => "繁體中文",
            _ => "简体中文",
        };
        assert_eq!(current, expected);
        if tag == "en" {
            // The choice holds on the next page too.
            b.goto("/sign-in").await;
            b.goto("/").await;
            assert_eq!(b.text(sign_out).await, "Sign out");
            b.assert_fits_width().await;
        }
    }

    b.sign_out().await;
    assert!(b.cookie(SESSION_COOKIE).await.is_none(), "cookie cleared");
    assert!(!b.has(sign_out).await);

    audit_as_supervisor(&b, &case_id).await;
    b.finish().await;
}
at_both_widths!(sign_in_language_audit, sign_in_switch_language_sign_out);

/// The audit trail screen, reached from the header by the supervisor, who signs in
/// on the same browser and has looked at a case of the team: the trail shows that
/// view, from this browser's address, and filters by action.
async fn audit_as_supervisor(b: &Browser, case_id: &str) {
    // The application's clock only moves when told: a few minutes later.
    b.app.clock.advance(chrono::Duration::minutes(7));
    b.sign_in(SUPERVISOR_LOGIN, PASSWORD).await;
    b.goto(&format!("/cases/{case_id}")).await;
    b.click_to_load("header nav.main a[href='/audit']").await;
    b.wait_for_path("/audit", |p| p == "/audit").await;
    assert_eq!(b.text("h1").await, "审计记录");
    let first = b.text("table tbody tr").await;
    assert!(
        first.contains("王建国") && first.contains("127.0.0.1"),
        "the supervisor's view of the case comes first: {first}"
    );
    b.assert_fits_width().await;
    // On a phone the search form fills the first screen: show the events.
    let events = (b.width() == Width::Phone).then_some(".table-wrap");
    b.screenshot_from("audit", events).await;

    b.select("#action", "case_create").await;
    b.click_to_load("form.filters button[type=submit]").await;
    let path = b
        .wait_for_path("the filtered search", |p| p.contains("action=case_create"))
        .await;
    assert!(path.starts_with("/audit?"), "{path}");
    let rows = b.find_all("table tbody tr").await;
    assert!(!rows.is_empty());
    for row in rows {
        let text = row.text().await.expect("row");
        assert!(text.contains("开案") && !text.contains("王建国"), "{text}");
    }
    b.sign_out().await;
}

/// A client and a counselling case at intake, opened through the API (the new-case
/// screen has its own test); returns the case id.
async fn case_at_intake(s: &Staged) -> String {
    let client = common::create_client(&s.app, &s.fx.worker, "周美华", 1985).await;
    common::open_case(&s.app, &s.fx, "counselling", &client)
        .await
        .0
}

/// The stored stage of a case, read through the API.
async fn stored_stage(b: &Browser, case_id: &str) -> (String, i64) {
    // A fresh API session: the clock may have moved past the last one's idle time.
    b.app.forget_sessions();
    let (status, body) = b
        .app
        .get(&format!("/api/cases/{case_id}"), &b.fx.supervisor)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    (
        body["case"]["stage"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        body["case"]["version"].as_i64().unwrap_or_default(),
    )
}

/// On the page of a case at intake with nothing recorded: advancing is refused,
/// and the page says why (the stage, what is missing, each missing item beside its
/// field); nothing changes.
async fn refused_advance_explained(b: &Browser, case_id: &str) {
    let before = stored_stage(b, case_id).await;
    assert_eq!(b.current_stage().await, "接案");
    b.check_both_widths("case-intake", None, None).await;

    b.click_to_load(
        "form.move-form:has(input[name=transition][value='advance']) button[type=submit]",
    )
    .await;
    b.wait_for_path("the refused transition's page", |p| {
        p.ends_with("/transitions")
    })
    .await;
    let alert = b.alert_text().await;
    assert!(
        alert.contains("个案处于“接案”阶段"),
        "the refusal names the stage: {alert}"
    );
    assert!(alert.contains("来源渠道"), "and what is missing: {alert}");
    for field in [
        "intake-channel",
        "intake-presenting-problem",
        "intake-urgency",
        "intake-consent-service",
        "intake-consent-sensitive",
    ] {
        let described = b
            .find(&format!("#{field}"))
            .await
            .attr("aria-describedby")
            .await
            .expect("attribute");
        let error_id = format!("{field}-error");
        assert_eq!(
            described.as_deref(),
            Some(error_id.as_str()),
            "{field} points at its error"
        );
        assert!(
            !b.text(&format!("#{error_id}")).await.is_empty(),
            "an error beside {field}"
        );
    }
    assert!(
        !b.has("#intake-guardian-consent-error").await,
        "an adult client needs no guardian's consent"
    );
    assert_eq!(b.current_stage().await, "接案");
    assert_eq!(stored_stage(b, case_id).await, before, "nothing changed");
    let alert = Some("[role=alert]");
    b.check_both_widths("refused-transition", alert, alert)
        .await;
}

/// A date `days` from today, as date inputs send it.
fn date(days: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// One case from intake to closed through the case page's forms. First the worker
/// tries to advance it with nothing recorded and is told why not; then records each
/// stage and moves the case on, submitting the plan for approval; the supervisor
/// signs in in the same browser, finds the plan in the approvals queue, writes a
/// supervision note on it, approves it and looks at the team screen; the worker
/// sees the note and carries on; the supervisor approves the closure. The stages alternate between phone and desktop width, and
/// every page is checked at both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn walk_case_intake_to_closed() {
    let Some(s) = Staged::new() else {
        return;
    };
    let case_id = case_at_intake(&s).await;
    let page = format!("/cases/{case_id}");
    if !s.screen_built(&page, &s.fx.worker, "stage-form").await {
        return;
    }
    let b = s.launch(Width::Phone).await;
    b.sign_in(WORKER_LOGIN, PASSWORD).await;
    b.goto(&page).await;
    refused_advance_explained(&b, &case_id).await;

    // 接案: how the case came in, the problem, urgency, consents.
    b.select("#intake-channel", "walk_in").await;
    b.fill(
        "#intake-presenting-problem",
        "长期加班后失眠、情绪低落，担心被辞退。",
    )
    .await;
    b.select("#intake-urgency", "soon").await;
    b.check("#intake-consent-service", true).await;
    b.check("#intake-consent-sensitive", true).await;
    b.submit_case_form("intake", "saved").await;
    assert!(
        b.find("#intake-consent-service")
            .await
            .is_selected()
            .await
            .expect("checked")
    );
    b.transition("advance").await;
    assert_eq!(b.current_stage().await, "预估");

    // 预估: three dimensions, risk, WHO-5 baseline.
    b.set_width(Width::Desktop).await;
    b.fill("#assessment-physiological", "睡眠每晚约四小时，食欲下降。")
        .await;
    b.fill("#assessment-psychological", "焦虑，自评压力大。")
        .await;
    b.fill("#assessment-social", "与家人关系尚可，同事支持少。")
        .await;
    b.select("#assessment-risk-level", "medium").await;
    b.fill("#assessment-risk-screening", "无自伤想法。").await;
    for (item, answer) in [(1, "2"), (2, "1"), (3, "2"), (4, "1"), (5, "2")] {
        b.choose(&format!("who5.{item}"), answer).await;
    }
    b.submit_case_form("assessment", "saved").await;
    b.assert_text("32 / 100").await;
    b.transition("advance").await;
    assert_eq!(b.current_stage().await, "计划及合约");

    // 计划及合约: a goal with its indicator, services, the client's agreement.
    b.set_width(Width::Phone).await;
    b.fill("#contract-goals-0-description", "改善睡眠").await;
    b.fill("#contract-goals-0-indicator", "连续两周每晚睡眠六小时以上")
        .await;
    b.fill("#contract-goals-0-target-date", &date(56)).await;
    b.fill("#contract-services", "个案辅导；压力管理小组").await;
    b.fill("#contract-frequency", "每周一次").await;
    b.check("#contract-client-agreement", true).await;
    b.fill("#contract-agreed-on", &date(0)).await;
    b.submit_case_form("contract", "saved").await;
    // The plan needs a supervisor's approval (the default): the worker submits it.
    assert!(
        !b.has("form.move-form:has(input[value='advance'])").await,
        "no advance while the plan needs approval"
    );
    b.transition("submit_plan").await;
    assert_eq!(b.current_stage().await, "计划及合约");
    b.assert_text("服务计划正在等待督导审批").await;
    b.sign_out().await;
    supervisor_approves_plan(&b, &case_id).await;

    // Back to the worker: the supervisor's note sits beside the plan.
    b.set_width(Width::Phone).await;
    b.sign_in(WORKER_LOGIN, PASSWORD).await;
    b.goto(&page).await;
    assert_eq!(b.current_stage().await, "介入");
    assert!(
        b.text(&format!("#notes-contract-{case_id}"))
            .await
            .contains(PLAN_NOTE),
        "the worker sees the note on the plan"
    );
    b.assert_text(PLAN_COMMENT).await;

    // 介入: one session.
    b.set_width(Width::Desktop).await;
    b.fill("#session-held-on", &date(0)).await;
    b.fill("#session-duration-minutes", "50").await;
    b.select("#session-mode", "face_to_face").await;
    b.fill("#session-participants", "服务对象").await;
    b.fill("#session-notes", "练习放松技巧，睡眠略有改善。")
        .await;
    b.fill("#session-services-delivered", "个案辅导").await;
    b.submit_case_form("sessions", "saved").await;
    b.assert_text("练习放松技巧").await;
    b.check_both_widths("case-intervention", None, None).await;
    b.transition("advance").await;
    assert_eq!(b.current_stage().await, "结案与评估");

    // 结案与评估: reason, goal attainment, WHO-5 at closing, satisfaction, summary.
    b.set_width(Width::Phone).await;
    b.select("#closure-reason", "goals_achieved").await;
    b.select("#closure-goal-attainment-0", "1").await;
    for (item, answer) in [(1, "4"), (2, "3"), (3, "4"), (4, "3"), (5, "4")] {
        b.choose(&format!("who5.{item}"), answer).await;
    }
    b.select("#closure-satisfaction", "4").await;
    b.fill("#closure-summary", "睡眠恢复，情绪稳定，目标基本达成。")
        .await;
    b.submit_case_form("closure", "saved").await;
    assert!(
        !b.has("form.move-form:has(input[value='approve_closure'])")
            .await,
        "the case's own worker cannot approve its closure"
    );
    b.sign_out().await;

    // The supervisor approves in the same browser.
    b.set_width(Width::Desktop).await;
    b.sign_in(SUPERVISOR_LOGIN, PASSWORD).await;
    b.goto(&page).await;
    b.fill("#move-approve-closure-reason", "结案评估完整，同意结案。")
        .await;
    b.transition("approve_closure").await;
    assert_eq!(b.current_stage().await, "已结案");
    assert_eq!(stored_stage(&b, &case_id).await.0, "closed");
    b.check_both_widths("case-closed", None, None).await;
    b.finish().await;
}

const PLAN_NOTE: &str = "目标一的指标请写明如何记录睡眠时长。";
const PLAN_COMMENT: &str = "计划可行，同意进入介入阶段。";

/// The supervisor finds the submitted plan in the approvals queue (the count in
/// the navigation says so), writes a supervision note on it, approves it with a
/// comment, and looks at the team screen, where two intakes have waited too long.
async fn supervisor_approves_plan(b: &Browser, case_id: &str) {
    intakes_waiting(b).await;
    b.set_width(Width::Desktop).await;
    b.sign_in(SUPERVISOR_LOGIN, PASSWORD).await;
    assert_eq!(
        b.text("header nav.main a[href='/approvals'] .nav-count")
            .await,
        "1"
    );
    b.click_to_load("header nav.main a[href='/approvals']")
        .await;
    b.wait_for_path("/approvals", |p| p == "/approvals").await;
    assert_eq!(b.text("h1").await, "待审批");
    assert!(b.text("ol.approval-queue").await.contains("服务计划"));
    b.check_both_widths("approvals", None, None).await;

    b.click_to_load("ol.approval-queue a.reference").await;
    let page = format!("/cases/{case_id}");
    b.wait_for_path("the case page", |p| p == page).await;
    let notes = format!("#notes-contract-{case_id}");
    b.click(&format!("{notes} details.note-form > summary"))
        .await;
    b.fill(&format!("{notes}-body"), PLAN_NOTE).await;
    b.click_to_load(&format!("{notes} form button[type=submit]"))
        .await;
    b.wait_for_path("the note saved", |p| p.contains("flash=note-added"))
        .await;
    assert!(b.text(&notes).await.contains(PLAN_NOTE));

    b.fill("#move-approve-plan-reason", PLAN_COMMENT).await;
    b.transition("approve_plan").await;
    assert_eq!(b.current_stage().await, "介入");
    assert_eq!(stored_stage(b, case_id).await.0, "intervention");

    b.click_to_load("header nav.main a[href='/team']").await;
    b.wait_for_path("/team", |p| p == "/team").await;
    assert_eq!(b.text("h1").await, "团队督导总览");
    let alerts = b.text("ul.oversight-alerts").await;
    assert!(alerts.contains("接案超时未预估"), "{alerts}");
    b.check_both_widths("team", None, None).await;
    b.sign_out().await;
}

/// Two cases that have waited at intake for days, one of them the colleague's, so
/// that the team screen has something to show.
async fn intakes_waiting(b: &Browser) {
    use casework::db::schema::cases;
    use diesel::prelude::*;
    let fx = &b.fx;
    for (worker, name, days) in [(&fx.worker, "赵丽", 5), (&fx.colleague, "Lucy Wang", 4)] {
        let client = common::create_client(&b.app, &fx.worker, name, 1979).await;
        let (status, body) = b
            .app
            .post(
                "/api/cases",
                &fx.worker,
                serde_json::json!({ "case_type": "family_mediation", "client_id": client,
                    "organisation_id": fx.agency, "team_id": fx.team, "assigned_worker_id": worker }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let id = body["id"].as_str().unwrap().to_owned();
        let opened = b.app.clock.now() - chrono::Duration::days(days);
        b.app.with_conn(|c| {
            diesel::update(cases::table.find(&id))
                .set(cases::opened_at.eq(opened))
                .execute(c)
                .unwrap()
        });
    }
}

/// The ids of the worker's cases, through the API.
async fn case_types_of(b: &Browser) -> Vec<String> {
    let (status, body) = b.app.get("/api/cases", &b.fx.worker).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list = body
        .get("cases")
        .and_then(|c| c.as_array())
        .or_else(|| body.as_array())
        .cloned()
        .unwrap_or_default();
    let mut types: Vec<String> = list
        .iter()
        .filter_map(|c| c["case_type"].as_str().map(str::to_owned))
        .collect();
    types.sort();
    types
}

/// The new-case screen: a search finds an existing client and warns that she may
/// already be a client; registering her again shows her and asks to confirm; a new
/// client is registered; one case of each of the four types is opened. The steps
/// alternate between phone and desktop width, and every page is checked at both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_case_for_each_type() {
    let Some(s) = Staged::new() else {
        return;
    };
    // A client the agency already knows, with an open case.
    let known = common::create_client(&s.app, &s.fx.worker, "周美华", 1985).await;
    common::open_case(&s.app, &s.fx, "counselling", &known).await;
    if !s
        .screen_built("/cases/new", &s.fx.worker, "client-search")
        .await
    {
        return;
    }
    let b = s.launch(Width::Phone).await;
    b.sign_in(WORKER_LOGIN, PASSWORD).await;
    b.click_to_load("header nav.main a[href='/cases/new']")
        .await;
    b.wait_for_path("/cases/new", |p| p == "/cases/new").await;
    b.assert_fits_both_widths().await;

    // Search: the known client, with a warning and her open case.
    b.type_text("#search-name", "周美华").await;
    b.click_to_load("form.client-search button[type=submit]")
        .await;
    b.wait_for_path("the search results", |p| p.starts_with("/cases/new?"))
        .await;
    assert!(
        b.text("section.client-results p.warning")
            .await
            .contains("此人可能已是服务对象"),
        "the duplicate warning"
    );
    b.assert_text("CW-").await;
    // On a phone the results are below the search: show them.
    b.check_both_widths("new-case", Some("section.client-results"), None)
        .await;

    // Registering her again anyway shows her again and asks to confirm.
    b.set_width(Width::Desktop).await;
    b.fill("#client-phone", "13800000001").await;
    b.choose("case_type", "family_mediation").await;
    b.click_to_load("#new-case-form button[type=submit]").await;
    b.find("#client-confirm-new").await;
    b.assert_text("此人可能已是服务对象").await;
    assert_eq!(b.path().await, "/cases/new", "nothing was created");

    // Use the known client instead: 家庭调解 for her.
    b.set_width(Width::Phone).await;
    b.click_to_load("section.client-results a.button[href*='client_id=']")
        .await;
    b.wait_for_path("the chosen client's form", |p| p.contains("client_id="))
        .await;
    b.choose("case_type", "family_mediation").await;
    b.click_to_load("#new-case-form button[type=submit]").await;
    b.wait_for_path("the new case", |p| p.contains("flash=created"))
        .await;
    b.assert_text("周美华").await;

    // A new client: nobody found, then registered with a 劳动关系协调 case.
    b.set_width(Width::Desktop).await;
    b.goto("/cases/new").await;
    b.type_text("#search-name", "陈小红").await;
    b.type_text("#search-phone", "13900000002").await;
    b.click_to_load("form.client-search button[type=submit]")
        .await;
    b.wait_for_path("the search results", |p| p.starts_with("/cases/new?"))
        .await;
    b.assert_text("本机构没有同名或同电话的服务对象").await;
    assert_eq!(
        b.find("#client-full-name")
            .await
            .prop("value")
            .await
            .expect("value")
            .as_deref(),
        Some("陈小红"),
        "the search fills the new client's name in"
    );
    b.select("#client-gender", "female").await;
    b.fill("#client-birth-year", "1992").await;
    b.fill("#client-employer", "富康电子厂").await;
    b.check("#client-union-member", true).await;
    b.choose("special_groups", "migrant_worker").await;
    b.choose("case_type", "labour_dispute").await;
    b.assert_fits_both_widths().await;
    b.click_to_load("#new-case-form button[type=submit]").await;
    b.wait_for_path("the new case", |p| p.contains("flash=created"))
        .await;
    b.assert_text("陈小红").await;

    // Her second case, 特殊职工帮扶, found by phone; and a 心理疏导 case.
    for (case_type, width) in [
        ("special_group", Width::Phone),
        ("counselling", Width::Desktop),
    ] {
        b.set_width(width).await;
        b.goto("/cases/new?phone=13900000002").await;
        b.click_to_load("section.client-results a.button[href*='client_id=']")
            .await;
        b.wait_for_path("the chosen client's form", |p| p.contains("client_id="))
            .await;
        b.choose("case_type", case_type).await;
        b.click_to_load("#new-case-form button[type=submit]").await;
        b.wait_for_path("the new case", |p| p.contains("flash=created"))
            .await;
    }
    assert_eq!(
        case_types_of(&b).await,
        [
            "counselling",
            "counselling",
            "family_mediation",
            "labour_dispute",
            "special_group"
        ],
        "the fixture's case and one of each type"
    );
    b.finish().await;
}

/// The start page and the case list, with a filter and a link into a case.
async fn home_and_case_list(width: Width) {
    let Some(s) = Staged::new() else {
        return;
    };
    let (a, c) = (
        common::create_client(&s.app, &s.fx.worker, "周美华", 1985).await,
        common::create_client(&s.app, &s.fx.worker, "陈小红", 1992).await,
    );
    for (case_type, client) in [
        ("counselling", &a),
        ("labour_dispute", &c),
        ("family_mediation", &a),
        ("special_group", &c),
    ] {
        common::open_case(&s.app, &s.fx, case_type, client).await;
    }
    if !s.screen_built("/", &s.fx.worker, "caseload").await
        || !s.screen_built("/cases", &s.fx.worker, "case-list").await
    {
        return;
    }
    let b = s.launch(width).await;
    b.sign_in(WORKER_LOGIN, PASSWORD).await;
    assert_eq!(b.text("h1").await, "我的工作");
    assert_eq!(b.find_all("#caseload li.case-card").await.len(), 4);
    b.assert_fits_width().await;
    b.screenshot("home").await;

    b.click_to_load("header nav.main a[href='/cases']").await;
    b.wait_for_path("/cases", |p| p.starts_with("/cases")).await;
    assert_eq!(b.text("h1").await, "个案列表");
    assert_eq!(b.find_all("table.case-list tbody tr").await.len(), 4);
    b.assert_fits_width().await;
    // On a phone the filters fill the first screen: show the cases.
    let cases = (width == Width::Phone).then_some("table.case-list");
    b.screenshot_from("case-list", cases).await;

    b.select("#f-case_type", "labour_dispute").await;
    b.click_to_load("form.list-filters button[type=submit]")
        .await;
    b.wait_for_path("the filtered list", |p| {
        p.contains("case_type=labour_dispute")
    })
    .await;
    let rows = b.find_all("table.case-list tbody tr").await;
    assert_eq!(rows.len(), 1);
    assert!(rows[0].text().await.expect("row").contains("陈小红"));

    // The language switch comes back to the same filtered list.
    b.click_to_load("nav.languages a[hreflang='en']").await;
    let back = b
        .wait_for_path("the list again", |p| p.starts_with("/cases?"))
        .await;
    assert!(back.contains("case_type=labour_dispute"), "{back}");
    assert_eq!(b.text("h1").await, "Cases");
    assert_eq!(b.find_all("table.case-list tbody tr").await.len(), 1);
    b.click_to_load("table.case-list tbody tr a[href^='/cases/']")
        .await;
    b.wait_for_path("the case page", |p| {
        p.starts_with("/cases/") && !p.contains('?')
    })
    .await;
    b.assert_text("陈小红").await;
    b.finish().await;
}
at_both_widths!(lists, home_and_case_list);
