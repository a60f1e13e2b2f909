//! Referrals in, through HTTP as a browser sends them: an officer refers a member,
//! the agency asks, accepts or declines, the officer follows the status (and never
//! the case's content), a higher union follows its sub-unions, two people accept
//! at once, a worker asks for help through the public form and checks it with the
//! receipt code, and the notifications that go with each step.

#[macro_use]
mod common;
#[path = "referrals/after_acceptance.rs"]
mod after_acceptance;
#[path = "referrals/agreements_screen.rs"]
mod agreements_screen;
#[path = "referrals/audit_details.rs"]
mod audit_details;
#[path = "referrals/no_officer.rs"]
mod no_officer;
#[path = "referrals/notifications.rs"]
mod notifications;
#[path = "referrals/outcome.rs"]
mod outcome;
#[path = "referrals/public_form.rs"]
mod public_form;
#[path = "referrals/queue.rs"]
mod queue;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use casework::db::referrals;
use casework::db::schema::{cases, organisations, referrals as referrals_table};
use casework::domain::Role;
use common::{Fixture, Snapshot, TestApp};
use diesel::prelude::*;
use serde_json::json;

struct Page {
    status: StatusCode,
    location: Option<String>,
    body: String,
}

impl Page {
    fn input(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self
            .body
            .find(&marker)
            .unwrap_or_else(|| panic!("no input {name} in:\n{}", self.body))
            + marker.len();
        self.body[start..].split('"').next().unwrap().to_owned()
    }
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Sends a request as `actor` (or nobody), in `lang`; a form body when given.
async fn send(
    app: &TestApp,
    method: &str,
    uri: &str,
    actor: Option<&str>,
    lang: &str,
    form: Option<&[(&str, &str)]>,
) -> Page {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header("accept", "text/html")
        .header("accept-language", lang);
    let mut fields: Vec<(String, String)> = Vec::new();
    if let Some(actor) = actor {
        let (token, csrf) = app.session_for(actor);
        req = req.header("cookie", app.cookie(&token));
        fields.push(("csrf_token".into(), csrf));
    }
    let body = form.map(|f| {
        fields.extend(f.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    });
    if body.is_some() {
        req = req.header("content-type", "application/x-www-form-urlencoded");
    }
    let (status, headers, bytes) = app
        .send(req.body(body.map_or_else(Body::empty, Body::from)).unwrap())
        .await;
    Page {
        status,
        location: headers
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned()),
        body: String::from_utf8(bytes).unwrap(),
    }
}

async fn get(app: &TestApp, uri: &str, actor: &str) -> Page {
    send(app, "GET", uri, Some(actor), "en", None).await
}

async fn post(app: &TestApp, uri: &str, actor: &str, form: &[(&str, &str)]) -> Page {
    send(app, "POST", uri, Some(actor), "en", Some(form)).await
}

/// The fixture plus the agreement that lets the district union refer to the agency.
fn world(app: &TestApp) -> Fixture {
    let fx = Fixture::insert(app);
    app.with_conn(|c| referrals::add_agreement(c, &fx.union, &fx.agency).unwrap());
    fx
}

const CONCERN: &str = "连续三个月被拖欠工资，情绪低落";

/// The officer refers 刘洋; returns the referral's id.
async fn refer(app: &TestApp, fx: &Fixture, name: &str) -> String {
    let answer = post(
        app,
        "/referrals/new",
        &fx.officer,
        &[
            ("agency_id", &fx.agency),
            ("member_name", name),
            ("member_phone", "13912345678"),
            ("member_gender", "male"),
            ("member_birth_year", "1990"),
            ("member_employer", "宏达电子厂"),
            ("contact_time", "工作日晚上"),
            ("concern", CONCERN),
            ("suggested_type", "labour_dispute"),
            ("urgency", "urgent"),
            ("consent_by", "张卫东"),
            ("consent_on", "2026-11-01"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.location.unwrap();
    let id = location
        .strip_prefix("/referrals/")
        .and_then(|rest| rest.split('?').next())
        .unwrap()
        .to_owned();
    assert_eq!(location, format!("/referrals/{id}?flash=referral-sent"));
    id
}

/// Saves a case section through the JSON API (setting up, not under test).
async fn api_put(app: &TestApp, actor: &str, case: &str, path: &str, data: serde_json::Value) {
    let (_, view) = app.get(&format!("/api/cases/{case}"), actor).await;
    let version = view["case"]["version"].as_i64().unwrap();
    let (status, body) = app
        .put(
            &format!("/api/cases/{case}/{path}"),
            actor,
            json!({ "version": version, "data": data }),
        )
        .await;
    assert!(status.is_success(), "{path}: {status} {body}");
}

/// Moves a case through the JSON API.
async fn api_transition(app: &TestApp, actor: &str, case: &str, transition: &str) {
    let (_, view) = app.get(&format!("/api/cases/{case}"), actor).await;
    let version = view["case"]["version"].as_i64().unwrap();
    let (status, body) = app
        .post(
            &format!("/api/cases/{case}/transitions"),
            actor,
            json!({ "version": version, "transition": transition }),
        )
        .await;
    assert!(status.is_success(), "{transition}: {status} {body}");
}

fn version_of(app: &TestApp, id: &str) -> String {
    app.with_conn(|c| referrals::find(c, id).unwrap().version.to_string())
}

async fn whole_path_from_referral_to_case(app: TestApp) {
    let fx = world(&app);
    let id = refer(&app, &fx, "刘洋").await;

    // The agency hears of it, and sees it in its queue.
    let home = get(&app, "/referrals", &fx.worker).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("刘洋"), "{}", home.body);
    assert!(home.body.contains("南山区总工会"), "the referring union");
    assert!(home.body.contains("Urgent"));
    assert!(
        home.body.contains("aria-label=\"1 unread\""),
        "unread count in the header"
    );
    let list = get(&app, "/notifications", &fx.worker).await;
    assert!(list.body.contains("New referral in the intake queue: 刘洋"));

    // The worker asks the union for more; the officer sees the question and answers.
    let asked = post(
        &app,
        &format!("/referrals/{id}/request-info"),
        &fx.worker,
        &[
            ("version", &version_of(&app, &id)),
            ("question", "请问是否已申请劳动仲裁？"),
        ],
    )
    .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let seen = get(&app, &format!("/referrals/{id}"), &fx.officer).await;
    assert!(seen.body.contains("Information requested"));
    assert!(seen.body.contains("请问是否已申请劳动仲裁？"));
    let answered = post(
        &app,
        &format!("/referrals/{id}/add-info"),
        &fx.officer,
        &[("version", &version_of(&app, &id)), ("answer", "尚未申请")],
    )
    .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);

    // The supervisor accepts it as a new client: a case at intake, prefilled.
    let cases_before = app.with_conn(|c| cases::table.count().get_result::<i64>(c).unwrap());
    let page = get(&app, &format!("/referrals/{id}"), &fx.supervisor).await;
    assert!(
        page.body.contains("action=\"/referrals/"),
        "the decide forms"
    );
    let accepted = post(
        &app,
        &format!("/referrals/{id}/accept"),
        &fx.supervisor,
        &[
            ("version", &page.input("version")),
            ("client", "new"),
            ("case_type", "labour_dispute"),
            ("team_id", &fx.team),
            ("assigned_worker_id", &fx.worker),
        ],
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let location = accepted.location.unwrap();
    let case_id = location
        .strip_prefix("/cases/")
        .and_then(|r| r.split('?').next())
        .unwrap()
        .to_owned();
    let cases_after = app.with_conn(|c| cases::table.count().get_result::<i64>(c).unwrap());
    assert_eq!(cases_after, cases_before + 1);
    let (status, view) = app.get(&format!("/api/cases/{case_id}"), &fx.worker).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["case"]["stage"], "intake");
    assert_eq!(view["case"]["case_type"], "labour_dispute");
    assert_eq!(view["records"]["intake"]["channel"], "union_referral");
    assert_eq!(view["records"]["intake"]["presenting_problem"], CONCERN);
    assert_eq!(view["records"]["intake"]["urgency"], "urgent");
    assert_eq!(view["client"]["full_name"], "刘洋");
    assert_eq!(view["client"]["union_id"], fx.union.as_str());

    // The case's timeline starts with the referral.
    let case_page = get(&app, &format!("/cases/{case_id}"), &fx.worker).await;
    assert!(
        case_page.body.contains("Referred by 南山区总工会"),
        "{}",
        case_page.body
    );
    assert!(
        case_page
            .body
            .contains(&format!("href=\"/referrals/{id}\""))
    );

    // The officer is told, and follows the stage, never the content.
    let notes = get(&app, "/notifications", &fx.officer).await;
    assert!(notes.body.contains("Referral accepted: 刘洋"));
    let list = get(&app, "/referrals", &fx.officer).await;
    assert!(list.body.contains("status-accepted"), "{}", list.body);
    for (path, data) in [(
        "intake",
        json!({ "channel": "union_referral", "presenting_problem": CONCERN,
            "urgency": "urgent", "consent_service": true, "consent_sensitive": true }),
    )] {
        api_put(&app, &fx.worker, &case_id, path, data).await;
    }
    api_transition(&app, &fx.worker, &case_id, "advance").await;
    api_put(
        &app,
        &fx.worker,
        &case_id,
        "assessment",
        json!({ "physiological": "失眠", "psychological": "SECRET-PSYCH", "social": "c",
            "risk_level": "high", "risk_screening": "SECRET-RISK", "who5_baseline": 28 }),
    )
    .await;
    let list = get(&app, "/referrals", &fx.officer).await;
    assert!(list.body.contains("In assessment"), "{}", list.body);
    let one = get(&app, &format!("/referrals/{id}"), &fx.officer).await;
    assert_eq!(one.status, StatusCode::OK);
    for page in [&list, &one] {
        for secret in ["SECRET-RISK", "SECRET-PSYCH", "失眠"] {
            assert!(!page.body.contains(secret), "officer must not see {secret}");
        }
        assert!(
            !page.body.contains(&format!("/cases/{case_id}")),
            "no link into the case"
        );
    }
    let (status, _) = app.get(&format!("/api/cases/{case_id}"), &fx.officer).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The worker writes the outcome for the union; a teammate may not.
    let v = version_of(&app, &id);
    let refused = post(
        &app,
        &format!("/referrals/{id}/outcome"),
        &fx.colleague,
        &[("version", &v), ("outcome_summary", "x")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let written = post(
        &app,
        &format!("/referrals/{id}/outcome"),
        &fx.worker,
        &[("version", &v), ("outcome_summary", "已协助申请劳动仲裁")],
    )
    .await;
    assert_eq!(written.status, StatusCode::SEE_OTHER, "{}", written.body);
    let one = get(&app, &format!("/referrals/{id}"), &fx.officer).await;
    assert!(one.body.contains("已协助申请劳动仲裁"));
    for step in [
        "Referral received",
        "The agency asked for more information",
        "The union answered",
        "Accepted: a case was opened",
        "Outcome summary written for the union",
    ] {
        assert!(one.body.contains(step), "history shows {step:?}");
    }
    // Every read and change of the referral is in the audit trail.
    let audited: i64 = app.with_conn(|c| {
        use casework::db::schema::audit_events as a;
        a::table
            .filter(a::record_id.eq(&id))
            .filter(a::action.eq_any(["referral_create", "referral_view", "referral_update"]))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert!(audited >= 8, "create, views and updates audited: {audited}");
}
on_both_backends!(referral_to_case, whole_path_from_referral_to_case);

async fn bad_referrals_change_nothing(app: TestApp) {
    let fx = world(&app);
    let before = Snapshot::take(&app);
    let missing = post(
        &app,
        "/referrals/new",
        &fx.officer,
        &[("agency_id", &fx.agency)],
    )
    .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    for text in [
        "member&#39;s name is required",
        "concern is required",
        "who obtained consent is required",
        "date of consent is required",
    ] {
        assert!(
            missing.body.contains(text) || missing.body.contains(&text.replace("&#39;", "'")),
            "{text}: {}",
            missing.body
        );
    }
    // An agency the union has no agreement with, and one that does not exist.
    let other = app.with_conn(|c| {
        casework::db::organisations::insert_organisation(
            c,
            "无协议机构",
            casework::domain::vocab::OrganisationKind::Agency,
            None,
        )
        .unwrap()
        .id
    });
    for agency in [
        other.as_str(),
        "00000000-0000-4000-8000-000000000000",
        &fx.union,
    ] {
        let answer = post(
            &app,
            "/referrals/new",
            &fx.officer,
            &[
                ("agency_id", agency),
                ("member_name", "王五"),
                ("concern", "x"),
                ("urgency", "soon"),
                ("consent_by", "张卫东"),
                ("consent_on", "2026-11-01"),
            ],
        )
        .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{agency}");
        assert!(
            answer
                .body
                .contains("receiving agency does not exist or cannot be used here")
        );
    }
    // Markup is shown escaped; a future consent date is refused; Chinese messages.
    let answer = send(
        &app,
        "POST",
        "/referrals/new",
        Some(&fx.officer),
        "zh-CN",
        Some(&[
            ("agency_id", &fx.agency),
            ("member_name", "<script>alert(1)</script>"),
            ("concern", "x"),
            ("urgency", "soon"),
            ("consent_by", "张卫东"),
            ("consent_on", "2099-01-01"),
        ]),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(!answer.body.contains("<script>alert(1)"));
    assert!(
        answer.body.contains("同意日期不能晚于今天"),
        "{}",
        answer.body
    );
    // Only officers refer.
    let worker = post(
        &app,
        "/referrals/new",
        &fx.worker,
        &[("agency_id", &fx.agency)],
    )
    .await;
    assert_eq!(worker.status, StatusCode::NOT_FOUND);
    assert_eq!(Snapshot::take(&app), before, "nothing stored");
    let count: i64 = app.with_conn(|c| referrals_table::table.count().get_result(c).unwrap());
    assert_eq!(count, 0);
}
on_both_backends!(bad_referrals, bad_referrals_change_nothing);

async fn a_declined_referral_stays_declined(app: TestApp) {
    let fx = world(&app);
    let id = refer(&app, &fx, "赵六").await;
    let v = version_of(&app, &id);
    let no_reason = post(
        &app,
        &format!("/referrals/{id}/decline"),
        &fx.worker,
        &[("version", &v), ("reason", "  ")],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("reason is required"));
    let declined = post(
        &app,
        &format!("/referrals/{id}/decline"),
        &fx.worker,
        &[
            ("version", &v),
            ("reason", "不在本机构服务范围，建议联系法律援助中心"),
        ],
    )
    .await;
    assert_eq!(declined.status, StatusCode::SEE_OTHER, "{}", declined.body);
    let seen = get(&app, &format!("/referrals/{id}"), &fx.officer).await;
    assert!(seen.body.contains("status-declined"));
    assert!(seen.body.contains("不在本机构服务范围"));
    let notes = get(&app, "/notifications", &fx.officer).await;
    assert!(notes.body.contains("Referral declined: 赵六"));

    // Accepting it later, with the current version, is refused and changes nothing.
    let before = Snapshot::take(&app);
    let late = post(
        &app,
        &format!("/referrals/{id}/accept"),
        &fx.supervisor,
        &[
            ("version", &version_of(&app, &id)),
            ("client", "new"),
            ("case_type", "labour_dispute"),
        ],
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(
        late.body.contains("already been handled (Declined)"),
        "{}",
        late.body
    );
    assert_eq!(Snapshot::take(&app), before);
    // An officer cannot decide, an outsider cannot even see it.
    let officer = post(
        &app,
        &format!("/referrals/{id}/accept"),
        &fx.officer,
        &[("version", "1")],
    )
    .await;
    assert_eq!(officer.status, StatusCode::FORBIDDEN);
    let outsider = get(&app, &format!("/referrals/{id}"), &fx.stranger).await;
    assert_eq!(outsider.status, StatusCode::NOT_FOUND);
    let guessed = get(&app, "/referrals/not-an-id", &fx.worker).await;
    assert_eq!(guessed.status, StatusCode::NOT_FOUND);
}
on_both_backends!(declined_referral, a_declined_referral_stays_declined);

async fn two_people_accept_at_once(app: TestApp) {
    let fx = world(&app);
    let id = refer(&app, &fx, "孙七").await;
    let v = version_of(&app, &id);
    let cases_before = app.with_conn(|c| cases::table.count().get_result::<i64>(c).unwrap());
    let accept = |who: String| {
        let (app, id, v) = (&app, id.clone(), v.clone());
        async move {
            post(
                app,
                &format!("/referrals/{id}/accept"),
                &who,
                &[
                    ("version", &v),
                    ("client", "new"),
                    ("case_type", "labour_dispute"),
                ],
            )
            .await
        }
    };
    let (a, b) = tokio::join!(accept(fx.supervisor.clone()), accept(fx.worker.clone()));
    let statuses = [a.status, b.status];
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count(),
        1,
        "exactly one acceptance: {statuses:?}\n{}\n{}",
        a.body,
        b.body
    );
    assert!(statuses.contains(&StatusCode::CONFLICT), "{statuses:?}");
    let cases_after = app.with_conn(|c| cases::table.count().get_result::<i64>(c).unwrap());
    assert_eq!(cases_after, cases_before + 1, "exactly one case");
    let linked = app.with_conn(|c| referrals::find(c, &id).unwrap().case_id);
    assert!(linked.is_some());
}
on_both_backends!(double_acceptance, two_people_accept_at_once);

async fn a_city_union_follows_its_districts(app: TestApp) {
    let fx = world(&app);
    let (city, city_officer) = app.with_conn(|c| {
        let city = casework::db::organisations::insert_organisation(
            c,
            "深圳市总工会",
            casework::domain::vocab::OrganisationKind::CityUnion,
            None,
        )
        .unwrap();
        diesel::update(organisations::table.find(&fx.union))
            .set(organisations::parent_id.eq(Some(&city.id)))
            .execute(c)
            .unwrap();
        let officer =
            casework::db::organisations::insert_user(c, &city.id, "市总干部", Role::UnionOfficer)
                .unwrap();
        (city.id, officer.id)
    });
    let district_referral = refer(&app, &fx, "周八").await;
    // The district's agreement is not the city's: the city needs its own, and
    // a district may use its parent's.
    app.with_conn(|c| {
        diesel::delete(casework::db::schema::service_agreements::table)
            .execute(c)
            .unwrap();
        referrals::add_agreement(c, &city, &fx.agency).unwrap();
    });
    let via_parent = refer(&app, &fx, "吴九").await;
    let list = get(&app, "/referrals", &city_officer).await;
    assert!(
        list.body.contains("周八") && list.body.contains("吴九"),
        "{}",
        list.body
    );
    let one = get(
        &app,
        &format!("/referrals/{district_referral}"),
        &city_officer,
    )
    .await;
    assert_eq!(one.status, StatusCode::OK);
    // The city follows; it does not answer for the district.
    let answer = post(
        &app,
        &format!("/referrals/{via_parent}/add-info"),
        &city_officer,
        &[("version", &version_of(&app, &via_parent)), ("answer", "x")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // A referral of the city's own is not the district's business.
    let input = serde_json::from_value(json!({
        "agency_id": fx.agency, "member_name": "郑十", "member_phone": null,
        "member_gender": null, "member_birth_year": null, "member_employer": null,
        "contact_time": null, "concern": "x", "suggested_type": null,
        "urgency": "soon", "consent_by": "市总", "consent_on": "2026-11-01"
    }))
    .unwrap();
    let city_referral = app.with_conn(|c| {
        referrals::create_union_referral(c, input, &city, &city_officer)
            .unwrap()
            .id
    });
    let district_list = get(&app, "/referrals", &fx.officer).await;
    assert!(!district_list.body.contains("郑十"));
    let hidden = get(&app, &format!("/referrals/{city_referral}"), &fx.officer).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
}
on_both_backends!(union_tree, a_city_union_follows_its_districts);

async fn public_form_receipt_and_abuse(app: TestApp) {
    let fx = world(&app);
    let form = send(&app, "GET", "/help", None, "zh-CN,zh;q=0.9", None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("我要求助"));
    assert!(
        form.body.contains("name=\"website\""),
        "the honeypot is in the form"
    );
    let fields = |consent: &'static str, honeypot: &'static str| {
        vec![
            ("agency_id", fx.agency.clone()),
            ("name", "小陈".to_owned()),
            ("contact", "wechat: chen-2026".to_owned()),
            ("contact_time", "中午".to_owned()),
            ("concern", "工作压力大，想找人聊聊".to_owned()),
            ("consent", consent.to_owned()),
            ("website", honeypot.to_owned()),
        ]
    };
    let submit = |f: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            send(app, "POST", "/help", None, "en", Some(&pairs)).await
        }
    };
    // Without consent: asked for it, nothing stored.
    let refused = submit(fields("", "")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("your agreement is required"));
    assert!(refused.body.contains("工作压力大"), "typed text kept");

    let made = submit(fields("true", "")).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let start = made.body.find("<code>").unwrap() + "<code>".len();
    let code = made.body[start..].split('<').next().unwrap().to_owned();
    assert_eq!(code.len(), 23, "{code}");

    // The agency sees it in its queue; the worker's notification arrives.
    let queue = get(&app, "/referrals", &fx.worker).await;
    assert!(queue.body.contains("小陈") && queue.body.contains("Online request"));

    // The receipt shows the status and nothing else, however the code is typed.
    for typed in [code.clone(), code.to_lowercase().replace('-', "")] {
        let checked = send(
            &app,
            "POST",
            "/help/status",
            None,
            "en",
            Some(&[("code", &typed)]),
        )
        .await;
        assert_eq!(checked.status, StatusCode::OK);
        assert!(
            checked
                .body
                .contains("received, waiting for a social worker")
        );
        assert!(
            !checked.body.contains("工作压力大"),
            "no content behind a receipt"
        );
    }
    let wrong = send(
        &app,
        "POST",
        "/help/status",
        None,
        "en",
        Some(&[("code", "AAAAA-BBBBB-CCCCC-DDDDD")]),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert!(wrong.body.contains("There is no request with this code"));

    // Accepted, the receipt says it is being handled.
    let id = app.with_conn(|c| {
        referrals_table::table
            .select(referrals_table::id)
            .first::<String>(c)
            .unwrap()
    });
    let accepted = post(
        &app,
        &format!("/referrals/{id}/accept"),
        &fx.worker,
        &[
            ("version", &version_of(&app, &id)),
            ("client", "new"),
            ("case_type", "counselling"),
        ],
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let checked = send(
        &app,
        "POST",
        "/help/status",
        None,
        "en",
        Some(&[("code", &code)]),
    )
    .await;
    assert!(checked.body.contains("being handled"));

    // A bot filling the honeypot is thanked and forgotten.
    let stored = |app: &TestApp| {
        app.with_conn(|c| referrals_table::table.count().get_result::<i64>(c).unwrap())
    };
    let before = stored(&app);
    let bot = submit(fields("true", "http://spam.example")).await;
    assert_eq!(bot.status, StatusCode::OK);
    assert!(!bot.body.contains("<code>"));
    assert_eq!(stored(&app), before);

    // A flood from one address stops at the hourly limit; nothing past it is kept.
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(submit(fields("true", "")).await.status);
    }
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 4, "five per hour, one already sent: {statuses:?}");
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(stored(&app), before + 4);
    // An oversized concern is refused with a message, not stored.
    let mut big = fields("true", "");
    big[4].1 = "长".repeat(5000);
    app.clock.advance(chrono::Duration::hours(2));
    let refused = submit(big).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("what you need help with"));
}
on_both_backends!(self_referral, public_form_receipt_and_abuse);

async fn administrators_record_service_agreements(app: TestApp) {
    let fx = Fixture::insert(&app);
    let form = get(&app, "/referrals/new", &fx.officer).await;
    assert!(
        form.body
            .contains("no service agreement with an agency yet")
    );
    let uri = "/api/admin/service-agreements";
    let body = json!({ "union_id": fx.union, "agency_id": fx.agency });
    let (status, _) = app.post(uri, &fx.officer, body.clone()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "officers do not administer");
    let (status, answer) = app
        .post(
            uri,
            &fx.admin,
            json!({ "union_id": fx.agency, "agency_id": fx.agency }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    let (status, answer) = app
        .post(
            uri,
            &fx.admin,
            json!({ "union_id": fx.union, "agency_id": fx.union }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    let (status, _) = app.post(uri, &fx.admin, body.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, answer) = app.post(uri, &fx.admin, body).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a second time: {answer}"
    );
    let form = get(&app, "/referrals/new", &fx.officer).await;
    assert!(form.body.contains(&format!("value=\"{}\"", fx.agency)));
    refer(&app, &fx, "钱十一").await;
}
on_both_backends!(agreements, administrators_record_service_agreements);
