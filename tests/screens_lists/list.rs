//! The case list: every filter, free text with literal wildcards, the orders,
//! keyset pages, bad values, and scope.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use casework::db::schema::cases;
use chrono::{NaiveDate, TimeDelta};
use diesel::prelude::*;

use crate::common::{Fixture, TestApp};
use crate::support::*;

/// Four cases of the worker's team, one of another team, one of another agency.
struct ListWorld {
    fx: Fixture,
    refs: Vec<String>,
    other_team: String,
    other_agency: String,
}

fn list_world(app: &TestApp) -> ListWorld {
    let fx = Fixture::insert(app);
    let team = Some(fx.team.as_str());
    let day = |m, d| {
        NaiveDate::from_ymd_opt(2026, m, d)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    };
    let specs = [
        (
            "王芳",
            "13800001111",
            "counselling",
            "intake",
            None,
            Some(fx.worker.as_str()),
            (1, 10),
            (6, 1),
        ),
        (
            "Li Lei",
            "020-5555",
            "labour_dispute",
            "assessment",
            Some("high"),
            Some(fx.colleague.as_str()),
            (3, 5),
            (6, 4),
        ),
        (
            "100%_真",
            "0755-1",
            "family_mediation",
            "closed",
            Some("low"),
            None,
            (2, 1),
            (6, 2),
        ),
        (
            "张三",
            "13911112222",
            "special_group",
            "intervention",
            Some("critical"),
            Some(fx.worker.as_str()),
            (5, 20),
            (6, 3),
        ),
    ];
    let mut refs = Vec::new();
    for (name, phone, kind, stage, risk, worker, opened, updated) in specs {
        let c = client(app, &fx.worker, name, Some(phone));
        let made = case(app, &fx, &c, kind, team, worker);
        set_stage(app, &made.id, stage, risk);
        set_times(
            app,
            &made.id,
            day(opened.0, opened.1),
            day(updated.0, updated.1),
        );
        refs.push(made.reference);
    }
    let c = client(app, &fx.other_team_worker, "王芳", Some("13800001111"));
    let other_team = case(app, &fx, &c, "counselling", Some(&fx.other_team), None).reference;
    let c = client(app, &fx.stranger, "王芳", Some("13800001111"));
    let other_agency = case_in(
        app,
        &fx.other_agency,
        &fx.stranger,
        &c,
        "counselling",
        None,
        Some(&fx.stranger),
    )
    .reference;
    ListWorld {
        fx,
        refs,
        other_team,
        other_agency,
    }
}

async fn list_filters_and_sorts(app: TestApp) {
    let world = list_world(&app);
    let (fx, r) = (&world.fx, &world.refs);
    let w = Some(fx.worker.as_str());
    let rows = |uri: String| {
        let app = &app;
        async move {
            let (status, html) = page(app, w, &uri, "en").await;
            assert_eq!(status, StatusCode::OK, "{uri}: {html}");
            listed(&html)
        }
    };
    let pick = |idx: &[usize]| idx.iter().map(|i| r[*i].clone()).collect::<Vec<_>>();
    // Default order: last update, newest first.
    assert_eq!(rows("/cases".into()).await, pick(&[1, 3, 2, 0]));
    assert_eq!(
        rows("/cases?case_type=counselling".into()).await,
        pick(&[0])
    );
    assert_eq!(rows("/cases?stage=assessment".into()).await, pick(&[1]));
    assert_eq!(rows("/cases?stage=open".into()).await, pick(&[1, 3, 0]));
    assert_eq!(rows("/cases?risk=high".into()).await, pick(&[1]));
    assert_eq!(rows("/cases?risk=none".into()).await, pick(&[0]));
    assert_eq!(
        rows(format!("/cases?worker={}", fx.colleague)).await,
        pick(&[1])
    );
    assert_eq!(rows("/cases?worker=none".into()).await, pick(&[2]));
    assert_eq!(
        rows(format!("/cases?org={}", fx.agency)).await,
        pick(&[1, 3, 2, 0])
    );
    assert_eq!(
        rows("/cases?from=2026-02-01&to=2026-03-31".into()).await,
        pick(&[1, 2])
    );
    assert_eq!(
        rows("/cases?from=2026-05-20&to=2026-05-20".into()).await,
        pick(&[3])
    );
    // Free text: name, phone, reference; wildcards typed are literal.
    assert_eq!(rows(format!("/cases?q={}", enc("王"))).await, pick(&[0]));
    assert_eq!(rows("/cases?q=li+lei".into()).await, pick(&[1]));
    assert_eq!(rows("/cases?q=5555".into()).await, pick(&[1]));
    assert_eq!(rows(format!("/cases?q={}", r[3])).await, pick(&[3]));
    assert_eq!(
        rows(format!("/cases?q={}", r[3].to_lowercase())).await,
        pick(&[3])
    );
    assert_eq!(rows("/cases?q=%25".into()).await, pick(&[2]));
    assert_eq!(rows("/cases?q=_".into()).await, pick(&[2]));
    assert_eq!(rows("/cases?q=0%25_".into()).await, pick(&[2]));
    assert_eq!(rows("/cases?q=nobody".into()).await, pick(&[]));
    // Orders.
    assert_eq!(rows("/cases?sort=opened".into()).await, pick(&[3, 1, 2, 0]));
    assert_eq!(
        rows("/cases?sort=reference".into()).await,
        pick(&[0, 1, 2, 3])
    );
    assert_eq!(rows("/cases?sort=risk".into()).await, pick(&[3, 1, 2, 0]));
    assert_eq!(
        rows("/cases?sort=risk&stage=open".into()).await,
        pick(&[3, 1, 0])
    );

    // Scope: never another team's or another agency's cases.
    let (_, html) = page(&app, w, "/cases", "en").await;
    assert!(!html.contains(&world.other_team) && !html.contains(&world.other_agency));
    let (_, html) = page(&app, Some(&fx.other_team_worker), "/cases", "en").await;
    assert_eq!(listed(&html), std::slice::from_ref(&world.other_team));
    let (_, html) = page(&app, Some(&fx.stranger), "/cases", "en").await;
    assert_eq!(listed(&html), std::slice::from_ref(&world.other_agency));
    let (_, html) = page(&app, Some(&fx.supervisor), "/cases?q=%E7%8E%8B", "en").await;
    assert_eq!(listed(&html), pick(&[0]), "the supervisor's team only");
    // Risk is marked in words, not by colour alone.
    let (_, html) = page(&app, w, "/cases?risk=critical", "en").await;
    assert!(html.contains("Critical risk") && html.contains("class=\"high-risk\""));
}
on_both_backends!(list_filters, list_filters_and_sorts);

async fn bad_values_say_what_is_wrong(app: TestApp) {
    let world = list_world(&app);
    let w = Some(world.fx.worker.as_str());
    let cases = [
        (
            "/cases?stage=Intake",
            "stage",
            "Choose a stage from the list.",
        ),
        (
            "/cases?case_type=x",
            "case_type",
            "Choose a type of case from the list.",
        ),
        (
            "/cases?risk=9",
            "risk",
            "Choose a risk level from the list.",
        ),
        (
            "/cases?worker=someone",
            "worker",
            "Choose a social worker of your agency from the list.",
        ),
        (
            "/cases?from=2026-13-01",
            "from",
            "Enter a date as year-month-day, for example 2026-03-31.",
        ),
        (
            "/cases?from=2026-05-01&to=2026-04-01",
            "to",
            "The end of the period comes before its start.",
        ),
        ("/cases?sort=name", "sort", "Choose an order from the list."),
    ];
    for (uri, param, message) in cases {
        let (status, html) = page(&app, w, uri, "en").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
        assert_eq!(filter_message(&html, param), message, "{uri}");
        assert!(html.contains(&format!("aria-describedby=\"f-{param}-error\"")));
        assert!(listed(&html).is_empty(), "nothing listed on a bad filter");
    }
    let org = format!("/cases?org={}", world.fx.other_agency);
    let (status, html) = page(&app, w, &org, "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        filter_message(&html, "org"),
        "Choose your own organisation."
    );
    for after in [
        "garbage",
        "99999999999999999999~x",
        "1~00000000-0000-0000-0000-000000000000",
    ] {
        let (status, html) = page(&app, w, &format!("/cases?after={after}"), "en").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{after}");
        assert!(html.contains("This page link is damaged"), "{after}");
    }
    let (status, html) = page(&app, w, &format!("/cases?q={}", "x".repeat(101)), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Search for at most 100 characters."));
    // The same message in each language.
    for (lang, text) in [
        ("zh-CN", "请从列表中选择阶段。"),
        ("zh-TW", "請從清單中選擇階段。"),
        ("en", "Choose a stage from the list."),
    ] {
        let (status, html) = page(&app, w, "/cases?stage=nope", lang).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains(text), "{lang}");
    }
}
on_both_backends!(bad_values, bad_values_say_what_is_wrong);

async fn pages_walk_without_gaps(app: TestApp) {
    let fx = Fixture::insert(&app);
    let made: Vec<String> = app.with_conn(|c| {
        casework::db::write_transaction(c, |c| {
            let mut refs = Vec::new();
            for i in 0..120 {
                let client = casework::db::clients::insert_client(
                    c,
                    casework::domain::validation::ClientInput {
                        full_name: format!("批量 {i}"),
                        gender: None,
                        birth_year: None,
                        phone: None,
                        employer: None,
                        union_member: false,
                        union_id: None,
                        district: None,
                        special_groups: Vec::new(),
                    },
                    &fx.worker,
                )?;
                let case = casework::db::cases::open_case(
                    c,
                    casework::domain::validation::NewCaseInput {
                        case_type: "counselling".parse().unwrap(),
                        client_id: client.id,
                        organisation_id: fx.agency.clone(),
                        team_id: Some(fx.team.clone()),
                        assigned_worker_id: Some(fx.worker.clone()),
                    },
                    &fx.worker,
                )?;
                // Equal times in groups of ten: ties are broken by id.
                let risk = ["low", "medium", "high", "critical"].get(i % 5).copied();
                diesel::update(cases::table.find(&case.id))
                    .set((
                        cases::risk_level.eq(risk),
                        cases::updated_at.eq(app.clock.now() - TimeDelta::minutes((i / 10) as i64)),
                    ))
                    .execute(c)?;
                refs.push(case.reference);
            }
            Ok(refs)
        })
        .unwrap()
    });
    let all: BTreeSet<String> = made.into_iter().collect();
    let q = enc("批量");
    for sort in ["updated", "opened", "reference", "risk"] {
        let mut uri = format!("/cases?q={q}&stage=intake&sort={sort}");
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        loop {
            let (status, html) = page(&app, Some(&fx.worker), &uri, "en").await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            let rows = listed(&html);
            sizes.push(rows.len());
            seen.extend(rows);
            match next_link(&html) {
                Some(next) => {
                    assert!(next.contains(&format!("q={q}")) && next.contains("stage=intake"));
                    assert!(next.contains(&format!("sort={sort}")) && next.contains("after="));
                    uri = next;
                }
                None => break,
            }
        }
        assert_eq!(sizes, [50, 50, 20], "{sort}");
        let unique: BTreeSet<String> = seen.iter().cloned().collect();
        assert_eq!(unique.len(), seen.len(), "{sort}: no row twice");
        assert_eq!(unique, all, "{sort}: no row missing");
    }
}
on_both_backends!(keyset_pages, pages_walk_without_gaps);

/// Dates are the installation's (Asia/Shanghai by default), not UTC: a case opened
/// at 04:30 Beijing time on 20 May is stored as 19 May 20:30 UTC, and must be
/// found, shown and dated as opened on 20 May.
async fn periods_and_times_are_local(app: TestApp) {
    let fx = Fixture::insert(&app);
    let at = |d, h, m| {
        NaiveDate::from_ymd_opt(2026, 5, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    };
    let c = client(&app, &fx.worker, "赵敏", Some("13700000000"));
    let made = case(
        &app,
        &fx,
        &c,
        "counselling",
        Some(fx.team.as_str()),
        Some(fx.worker.as_str()),
    );
    set_times(&app, &made.id, at(19, 20, 30), at(19, 22, 5));
    let w = Some(fx.worker.as_str());
    let rows = |uri: &'static str| {
        let app = &app;
        async move {
            let (status, html) = page(app, w, uri, "en").await;
            assert_eq!(status, StatusCode::OK, "{uri}: {html}");
            (listed(&html), html)
        }
    };
    let (found, html) = rows("/cases?from=2026-05-20&to=2026-05-20").await;
    assert_eq!(
        found,
        vec![made.reference.clone()],
        "opened on the local 20th"
    );
    assert!(
        html.contains("20 May 2026 06:05"),
        "last change in local time: {html}"
    );
    let (found, _) = rows("/cases?from=2026-05-19&to=2026-05-19").await;
    assert!(found.is_empty(), "not opened on the local 19th");
    let (status, html) = page(&app, w, &format!("/cases/{}", made.id), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("20 May 2026"), "opening day on the case page");
    assert!(
        !html.contains("19 May 2026"),
        "no UTC day anywhere on the page"
    );
}
on_both_backends!(local_periods, periods_and_times_are_local);
