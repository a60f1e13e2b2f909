//! The case report PDF, fetched over HTTP and read back with a real PDF text
//! extractor (poppler's `pdftotext` and `pdfinfo`), on SQLite and (when
//! configured) PostgreSQL: Chinese and English content, the confidentiality mark,
//! the page number and who generated it on every page, confidential fields left
//! out for a teammate, a maximum-length text running over pages, characters the
//! font lacks, refusals outside the reader's scope, and the audit trail.

#[macro_use]
mod common;

use std::collections::BTreeSet;
use std::process::Command;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use common::{Fixture, TestApp, create_client, open_case};
use serde_json::{Value, json};

const RISK_SCREENING: &str = "保密筛查内容RiskSecret";
const SELF_HARM: &str = "自伤筛查SelfHarmSecret";
const SESSION_NOTE: &str = "保密会谈记录NoteSecret";
const PROBLEM: &str = "连续夜班后失眠焦虑 insomnia after night shifts";
/// A resource's answer to a referral out: as confidential as a session note.
const FEEDBACK: &str = "法援已指派律师FeedbackSecret";
const RESOURCE: &str = "南山区法律援助中心";

/// The referral the case came from (the district union's, accepted) and one
/// referral out from it, accepted by a legal aid centre with confidential
/// feedback, written straight into the tables.
fn add_referrals(app: &TestApp, fx: &Fixture, case_id: &str) {
    use casework::db::schema::{outbound_referrals as o, referrals as r, resources as res};
    use diesel::prelude::*;
    let at = |d: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(4, 0, 0)
            .unwrap()
    };
    app.with_conn(|c| {
        diesel::insert_into(res::table)
            .values((
                res::id.eq("res-legal"),
                res::name.eq(RESOURCE),
                res::category.eq("legal_aid"),
                res::active.eq(true),
                res::created_at.eq(at(1)),
                res::updated_at.eq(at(1)),
            ))
            .execute(c)
            .unwrap();
        diesel::insert_into(o::table)
            .values((
                o::id.eq("out-1"),
                o::case_id.eq(case_id),
                o::resource_id.eq("res-legal"),
                o::request.eq("劳动仲裁法律咨询"),
                o::status.eq("accepted"),
                o::feedback.eq(FEEDBACK),
                o::referred_by.eq(&fx.worker),
                o::referred_at.eq(at(12)),
                o::updated_by.eq(&fx.worker),
                o::updated_at.eq(at(13)),
            ))
            .execute(c)
            .unwrap();
        diesel::insert_into(r::table)
            .values((
                r::id.eq("ref-1"),
                r::source.eq("union"),
                r::union_id.eq(&fx.union),
                r::referred_by.eq(&fx.officer),
                r::agency_id.eq(&fx.agency),
                r::member_name.eq("陈静"),
                r::concern.eq("失眠"),
                r::urgency.eq("soon"),
                r::consent_by.eq("陈静"),
                r::consent_on.eq(at(2).date()),
                r::status.eq("accepted"),
                r::case_id.eq(case_id),
                r::version.eq(2),
                r::created_at.eq(at(2)),
                r::updated_at.eq(at(2)),
            ))
            .execute(c)
            .unwrap();
    });
}

/// Whether poppler's tools are here. In CI they must be (`.ci/run` installs
/// them); elsewhere the PDF checks are skipped with a message.
fn have_poppler() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok()
        && Command::new("pdfinfo").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").is_err(),
            "CI is set but pdftotext/pdfinfo are missing: install poppler-utils"
        );
        eprintln!(
            "pdftotext or pdfinfo not found (apt-get install poppler-utils): PDF checks skipped"
        );
    }
    found
}

/// The text of a PDF, one string per page, as `pdftotext` extracts it.
struct PdfText {
    pages: Vec<String>,
}

impl PdfText {
    fn read(pdf: &[u8]) -> PdfText {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, pdf).unwrap();
        let text = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        assert!(text.status.success(), "pdftotext failed: {text:?}");
        let info = Command::new("pdfinfo").arg(&path).output().unwrap();
        assert!(info.status.success(), "pdfinfo failed: {info:?}");
        let info = String::from_utf8(info.stdout).unwrap();
        let count: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let text = String::from_utf8(text.stdout).unwrap();
        // pdftotext ends every page with a form feed.
        let pages: Vec<String> = text
            .split('\u{0C}')
            .take(count)
            .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
            .collect();
        assert_eq!(pages.len(), count, "one text per page");
        PdfText { pages }
    }

    fn all(&self) -> String {
        self.pages.concat()
    }

    /// Whether the text holds `s` (whitespace ignored: lines wrap anywhere).
    fn has(&self, s: &str) -> bool {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        self.all().contains(&s)
    }
}

/// Fetches the report as a browser would, in `lang`.
async fn fetch(
    app: &TestApp,
    case: &str,
    user: &str,
    lang: &str,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let (token, _) = app.session_for(user);
    let req = Request::get(format!("/cases/{case}/report.pdf"))
        .header("cookie", app.cookie(&token))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("accept-language", lang)
        .body(Body::empty())
        .unwrap();
    app.send(req).await
}

async fn save(app: &TestApp, actor: &str, case: &str, v: &mut i64, path: &str, data: Value) {
    let uri = format!("/api/cases/{case}/{path}");
    let body = json!({ "version": *v, "data": data });
    let (status, answer) = if path == "sessions" {
        app.post(&uri, actor, body).await
    } else {
        app.put(&uri, actor, body).await
    };
    assert!(status.is_success(), "{path}: {status} {answer}");
    *v = answer["version"]
        .as_i64()
        .or(answer["case"]["version"].as_i64())
        .unwrap();
}

async fn advance(app: &TestApp, actor: &str, case: &str, v: &mut i64, transition: &str) {
    let (status, answer) = app
        .post(
            &format!("/api/cases/{case}/transitions"),
            actor,
            // Approvals carry a supervisor's comment.
            json!({ "version": *v, "transition": transition,
                "reason": transition.starts_with("approve_").then_some("同意 / approved") }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    *v = answer["case"]["version"].as_i64().unwrap();
}

/// A counselling case walked from intake to closed, with Chinese and English
/// text and confidential fields; `services` is the session's services text.
async fn closed_case(app: &TestApp, fx: &Fixture, services: &str) -> String {
    let client = create_client(app, &fx.worker, "陈静", 1990).await;
    let (id, mut v) = open_case(app, fx, "counselling", &client).await;
    let w = fx.worker.as_str();
    save(
        app,
        w,
        &id,
        &mut v,
        "details",
        json!({ "case_type": "counselling",
        "concern": "work_pressure", "self_harm_screening": SELF_HARM, "preferred_mode": "online" }),
    )
    .await;
    save(
        app,
        w,
        &id,
        &mut v,
        "intake",
        json!({ "channel": "union_referral",
        "presenting_problem": PROBLEM, "urgency": "soon",
        "consent_service": true, "consent_sensitive": true }),
    )
    .await;
    advance(app, w, &id, &mut v, "advance").await;
    save(
        app,
        w,
        &id,
        &mut v,
        "assessment",
        json!({ "physiological": "睡眠不足",
        "psychological": "焦虑", "social": "支持网络薄弱", "risk_level": "medium",
        "risk_screening": RISK_SCREENING, "needs": "减压", "strengths": "求助动机强",
        "who5_baseline": 36 }),
    )
    .await;
    advance(app, w, &id, &mut v, "advance").await;
    save(
        app,
        w,
        &id,
        &mut v,
        "contract",
        json!({
        "goals": [{ "description": "改善睡眠", "indicator": "每晚睡眠≥6小时" },
                  { "description": "Rebuild support network", "indicator": "2 contacts a week" }],
        "services": "个案辅导", "frequency": "每周一次", "client_agreed": true,
        "agreed_on": "2026-11-01" }),
    )
    .await;
    advance(app, w, &id, &mut v, "submit_plan").await;
    advance(app, &fx.supervisor, &id, &mut v, "approve_plan").await;
    save(
        app,
        w,
        &id,
        &mut v,
        "sessions",
        json!({ "held_on": "2026-11-10",
        "duration_minutes": 50, "mode": "face_to_face", "participants": "服务对象",
        "notes": SESSION_NOTE, "services_delivered": services }),
    )
    .await;
    advance(app, w, &id, &mut v, "advance").await;
    let (_, view) = app.get(&format!("/api/cases/{id}"), w).await;
    let ratings: Vec<Value> = view["records"]["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| json!({ "goal_id": g["id"], "attainment": 1 }))
        .collect();
    save(
        app,
        w,
        &id,
        &mut v,
        "closure",
        json!({ "reason": "goals_achieved",
        "goal_attainment": ratings, "who5_closing": 64, "satisfaction": 5,
        "summary": "目标达成 sleep restored", "follow_up_plan": "一个月后电话回访" }),
    )
    .await;
    advance(app, &fx.supervisor, &id, &mut v, "approve_closure").await;
    id
}

fn report_rows(app: &TestApp, case: &str) -> Vec<(String, String, Option<String>, Option<String>)> {
    use casework::db::schema::audit_events as a;
    use diesel::prelude::*;
    app.with_conn(|c| {
        a::table
            .filter(a::case_id.eq(case))
            .filter(a::action.eq("case_report"))
            .select((a::outcome, a::client_address, a::actor_id, a::detail))
            .load(c)
            .unwrap()
    })
}

async fn report_content_access_and_audit(app: TestApp) {
    let fx = Fixture::insert(&app);
    let id = closed_case(&app, &fx, "个案辅导与放松训练 relaxation training").await;
    add_referrals(&app, &fx, &id);
    if !have_poppler() {
        return;
    }

    // The assigned worker, in Simplified Chinese.
    let (status, headers, pdf) = fetch(&app, &id, &fx.worker, "zh-CN").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(headers["cache-control"], "no-store");
    let reference = app.with_conn(|c| casework::db::cases::find_case(c, &id).unwrap().reference);
    assert_eq!(
        headers["content-disposition"],
        format!("attachment; filename=\"{reference}.pdf\"").as_str()
    );
    assert!(pdf.starts_with(b"%PDF-"));
    let text = PdfText::read(&pdf);
    for expected in [
        "个案报告",
        &reference,
        "陈静",
        "李晓梅",
        "鹏城社工服务中心",
        "职工服务一组",
        "接案",
        "预估",
        "计划及合约",
        "介入",
        "结案与评估",
        PROBLEM,
        "改善睡眠",
        "Rebuild support network",
        "relaxation training",
        "服务目标及达成情况",
        "+28分·有明显改善",
        "目标达成 sleep restored",
        "批准结案",
        "王建国",
        "个案时间线",
        RISK_SCREENING,
        SELF_HARM,
        SESSION_NOTE,
        // The referral section: where the case came from, and where it was sent.
        "转介",
        "2026年11月2日由南山区总工会转介至本机构",
        "已接案",
        "2026年11月12日转介至南山区法律援助中心",
        "对方已接收",
        "转介机构的反馈",
        FEEDBACK,
    ] {
        assert!(
            text.has(expected),
            "{expected:?} missing from:\n{}",
            text.all()
        );
    }
    let total = text.pages.len();
    assert!(total >= 2, "a cover and at least one page of sections");
    for (i, page) in text.pages.iter().enumerate() {
        assert!(
            page.contains("机密"),
            "page {} lacks the mark: {page}",
            i + 1
        );
        let number = format!("第{}页，共{total}页", i + 1);
        assert!(
            page.contains(&number),
            "page {} lacks {number}: {page}",
            i + 1
        );
        assert!(
            page.contains("由李晓梅于"),
            "page {} lacks who generated it: {page}",
            i + 1
        );
    }

    // English and Traditional Chinese readers get their language.
    let (_, _, pdf) = fetch(&app, &id, &fx.worker, "en-GB,en;q=0.9").await;
    let en = PdfText::read(&pdf);
    for expected in [
        "Case report",
        "CONFIDENTIAL",
        "Closure and evaluation",
        "Generated by 李晓梅",
        "Referred to the agency on 2 Nov 2026 by 南山区总工会",
        "Referred out on 12 Nov 2026 to 南山区法律援助中心",
    ] {
        assert!(en.has(expected), "{expected:?} missing from:\n{}", en.all());
    }
    assert!(en.has(&format!("Page 1 of {}", en.pages.len())));
    let (_, _, pdf) = fetch(&app, &id, &fx.worker, "zh-TW").await;
    let tw = PdfText::read(&pdf);
    assert!(
        tw.has("個案報告") && tw.has("結案與評估") && tw.has("機密"),
        "{}",
        tw.all()
    );

    // A teammate may download it, without the confidential fields; the supervisor gets them.
    let (status, _, pdf) = fetch(&app, &id, &fx.colleague, "zh-CN").await;
    assert_eq!(status, StatusCode::OK);
    let teammate = PdfText::read(&pdf);
    assert!(
        teammate.has(PROBLEM) && teammate.has("改善睡眠"),
        "{}",
        teammate.all()
    );
    for secret in [RISK_SCREENING, SELF_HARM, SESSION_NOTE, FEEDBACK] {
        assert!(!teammate.has(secret), "{secret} shown to a teammate");
    }
    // The referral itself is not confidential: the teammate sees it, without its feedback row.
    assert!(
        teammate.has("2026年11月12日转介至南山区法律援助中心")
            && teammate.has("对方已接收")
            && teammate.has("由南山区总工会转介至本机构"),
        "{}",
        teammate.all()
    );
    // The feedback's label appears only in the note that says it is left out.
    assert_eq!(teammate.all().matches("转介机构的反馈").count(), 1);
    for label in ["风险筛查（风险等级的依据）", "自伤风险筛查"] {
        assert!(
            !teammate.has(label),
            "the row {label} is left out, not blanked"
        );
    }
    // The session notes' label appears only in the note that says they are left out.
    assert_eq!(teammate.all().matches("服务记录内容").count(), 1);
    assert!(text.has("风险筛查（风险等级的依据）") && text.has("自伤风险筛查"));
    assert!(!teammate.has("已隐藏"), "nothing blanked");
    assert!(teammate.has("本份报告未包含保密内容"));
    assert!(
        teammate.has("由EmilyChen于"),
        "the teammate is named as the one who generated it"
    );
    let (_, _, pdf) = fetch(&app, &id, &fx.supervisor, "zh-CN").await;
    let supervisor = PdfText::read(&pdf);
    for secret in [RISK_SCREENING, SELF_HARM, SESSION_NOTE, FEEDBACK] {
        assert!(supervisor.has(secret), "{secret} shown to the supervisor");
    }

    // Outside the reader's scope the case does not exist.
    for outsider in [&fx.stranger, &fx.officer, &fx.other_team_worker, &fx.admin] {
        let (status, headers, body) = fetch(&app, &id, outsider, "zh-CN").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_ne!(
            headers.get("content-type").map(|v| v.as_bytes()),
            Some(&b"application/pdf"[..])
        );
        assert!(!body.starts_with(b"%PDF"));
    }
    // Without a session a browser is sent to sign in.
    let req = Request::get(format!("/cases/{id}/report.pdf"))
        .header("accept", "text/html")
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = app.send(req).await;
    assert!(status.is_redirection());
    assert_eq!(headers["location"], "/sign-in");

    // Every download is in the audit trail, and so is every refusal.
    let rows = report_rows(&app, &id);
    let allowed: Vec<_> = rows.iter().filter(|r| r.0 == "allowed").collect();
    assert_eq!(allowed.len(), 5, "{rows:?}");
    let who: BTreeSet<&str> = allowed.iter().filter_map(|r| r.2.as_deref()).collect();
    assert_eq!(
        who,
        BTreeSet::from([
            fx.worker.as_str(),
            fx.colleague.as_str(),
            fx.supervisor.as_str()
        ])
    );
    let langs: BTreeSet<&str> = allowed.iter().filter_map(|r| r.3.as_deref()).collect();
    assert_eq!(langs, BTreeSet::from(["en", "zh-CN", "zh-TW"]));
    let refused: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.0 == "refused")
        .filter_map(|r| r.2.as_deref())
        .collect();
    assert_eq!(refused.len(), 4, "{rows:?}");
    assert!(refused.contains(fx.stranger.as_str()));

    // The case page offers the download, and the access log names it.
    let (token, _) = app.session_for(&fx.worker);
    let req = Request::get(format!("/cases/{id}"))
        .header("cookie", app.cookie(&token))
        .header("accept", "text/html")
        .header("accept-language", "en")
        .body(Body::empty())
        .unwrap();
    let (_, _, page) = app.send(req).await;
    let page = String::from_utf8(page).unwrap();
    assert!(
        page.contains(&format!("href=\"/cases/{id}/report.pdf\"")),
        "{page}"
    );
    assert!(page.contains("Download case report (PDF)"));
    let (token, _) = app.session_for(&fx.supervisor);
    let req = Request::get(format!("/cases/{id}/access-log"))
        .header("cookie", app.cookie(&token))
        .header("accept", "text/html")
        .header("accept-language", "en")
        .body(Body::empty())
        .unwrap();
    let (status, _, log) = app.send(req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        String::from_utf8(log)
            .unwrap()
            .contains("Case report downloaded")
    );
}
on_both_backends!(content_access_and_audit, report_content_access_and_audit);

async fn long_text_and_missing_glyphs(app: TestApp) {
    let fx = Fixture::insert(&app);
    // The longest text a field accepts, with marks at both ends, and characters
    // the built-in font cannot draw (an emoji, a rare ideograph of extension B).
    let filler = "职工服务记录与个案辅导。".repeat(2000);
    let mut services: String = format!("STARTMARK 😀𠀀 {filler}");
    services = services.chars().take(20_000 - " ENDMARK".len()).collect();
    services.push_str(" ENDMARK");
    assert_eq!(services.chars().count(), 20_000);
    let id = closed_case(&app, &fx, &services).await;
    if !have_poppler() {
        return;
    }
    let (status, _, pdf) = fetch(&app, &id, &fx.worker, "en").await;
    assert_eq!(status, StatusCode::OK);
    let text = PdfText::read(&pdf);
    assert!(
        text.pages.len() >= 8,
        "20,000 characters run over pages: {}",
        text.pages.len()
    );
    assert!(text.has("STARTMARK") && text.has("ENDMARK"));
    assert!(
        text.has("STARTMARK\u{25A1}\u{25A1}"),
        "missing glyphs show as a square"
    );
    let body = "职工服务记录与个案辅导。".repeat(3);
    assert!(text.has(&body));
    let total = text.pages.len();
    for (i, page) in text.pages.iter().enumerate() {
        assert!(page.contains("CONFIDENTIAL"), "page {}", i + 1);
        assert!(
            page.contains(&format!("Page{}of{total}", i + 1)),
            "page {}: {page}",
            i + 1
        );
    }
    // The whole text is there: every character of the filler, in order.
    let all = text.all();
    let start = all.find("STARTMARK").unwrap();
    let end = all.find("ENDMARK").unwrap();
    let between = &all[start..end];
    let filler_chars = between.matches('职').count();
    assert_eq!(
        filler_chars,
        services.matches('职').count(),
        "nothing lost between pages"
    );
}
on_both_backends!(long_text, long_text_and_missing_glyphs);

/// Every key of the report exists in all three languages.
#[test]
fn locale_files_have_the_same_keys() {
    let keys = |lang: &str| -> BTreeSet<String> {
        let path = format!("{}/locales/{lang}/report.ftl", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
            .filter(|k| !k.starts_with(' ') && !k.is_empty() && !k.starts_with('#'))
            .collect()
    };
    let en = keys("en");
    assert!(en.len() > 25);
    assert_eq!(keys("zh-CN"), en);
    assert_eq!(keys("zh-TW"), en);
}
