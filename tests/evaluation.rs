//! The evaluation report through HTTP, on both backends: every figure of the
//! CSV compared with values worked out by hand from the fixture below (not by
//! the code under test), the key ones on the screen, the union roll-up's
//! suppression, scope refusals, the empty period and bad dates.
//!
//! The fixture (times at local noon unless said; the zone is UTC+8):
//!
//! | case | type, channel | team, worker | client's union | opened | moves |
//! | C1 | counselling, hotline | T, W | district | 03-02 | →assessment 03-04, →contract 03-06, submit plan 03-07, →intervention 03-08, →closure 03-12, →closed 03-14 |
//! | C2 | counselling, walk-in | T, W | — | 03-02 | →assessment 03-05, →contract 03-09, →intervention 03-10, →closure 04-10 |
//! | C3 | labour, union referral (R1) | T, colleague | child | 03-01 | →assessment 03-02, →contract 03-11, closed early 03-20 |
//! | C4 | mediation, hotline | T, W | child | 02-10 | →assessment 02-12, →contract 02-20, submit plan 02-25, plan returned 02-27, submit plan 03-01, →intervention 03-02, →closure 03-25, →closed 03-28 |
//!
//! Submitting a plan and returning it are log entries that keep the case in
//! *contract*: they must neither end a stay nor begin one.
//! | C5 | special group, not recorded | T, nobody | — | 03-15 | — |
//! | C6 | counselling, hotline | T, W | — | 01-05 | →assessment 01-06, closed early 01-20 |
//! | C7 | counselling, hotline | other team | — | 03-10 | — |
//! | C8 | counselling, hotline | other agency | district | 03-10 | — |
//! | C9 | counselling, hotline | T, W | — | 04-02 | — |
//! | C10 | counselling, outreach | T, W | — | 02-28 17:00 UTC = 03-01 01:00 local | — |
//! | C11 | counselling, hotline | T, W | — | 03-31 17:00 UTC = 04-01 01:00 local | — |
//! | M1-M6 | counselling, hotline ×5, walk-in ×1 | T, W | district | 05-04 | →assessment 05-06, →contract 05-08, →intervention 05-10, →closure 05-18, →closed 05-20 |

#[macro_use]
mod common;
#[path = "evaluation/fixture.rs"]
mod fixture;
#[path = "evaluation/read.rs"]
mod read;

use axum::http::StatusCode;
use common::{Fixture, TestApp};
use fixture::{
    CaseSpec, at, child_union, insert_case, insert_referral, insert_referral_out, insert_resource,
    utc,
};
use read::{Csv, cells, download, keep_page_images, page, pdf_pages};

struct World {
    fx: Fixture,
    child: String,
    /// The two resources of the directory: (legal aid centre, hotline).
    resources: (String, String),
    child_officer: String,
}

fn build(app: &TestApp) -> World {
    let fx = Fixture::insert(app);
    let (child, child_officer) = child_union(app, &fx.union, "富康电子厂工会");
    let a = fx.agency.as_str();
    let t = Some(fx.team.as_str());
    let w = Some(fx.worker.as_str());
    let district = Some(fx.union.as_str());
    let march = |d: &str| at(&format!("2026-03-{d}"));
    let c1 = insert_case(
        app,
        &fx,
        CaseSpec {
            channel: Some("hotline"),
            agency: a,
            team: t,
            worker: w,
            client_union: district,
            opened: march("02"),
            moves: vec![
                ("assessment", march("04")),
                ("contract", march("06")),
                ("contract", march("07")),
                ("intervention", march("08")),
                ("closure", march("12")),
                ("closed", march("14")),
            ],
            who5: Some((40, Some(60))),
            closure_reason: Some("goals_achieved"),
            satisfaction: Some(5),
            goals: vec![Some(1), Some(0)],
            ..CaseSpec::default()
        },
    );
    let c2 = insert_case(
        app,
        &fx,
        CaseSpec {
            channel: Some("walk_in"),
            agency: a,
            team: t,
            worker: w,
            opened: march("02"),
            moves: vec![
                ("assessment", march("05")),
                ("contract", march("09")),
                ("intervention", march("10")),
                ("closure", at("2026-04-10")),
            ],
            ..CaseSpec::default()
        },
    );
    let c3 = insert_case(
        app,
        &fx,
        CaseSpec {
            case_type: "labour_dispute",
            channel: Some("union_referral"),
            agency: a,
            team: t,
            worker: Some(&fx.colleague),
            client_union: Some(&child),
            opened: march("01"),
            moves: vec![
                ("assessment", march("02")),
                ("contract", march("11")),
                ("closed", march("20")),
            ],
            who5: Some((50, Some(45))),
            closure_reason: Some("client_unreachable"),
            goals: vec![Some(-1), None],
            ..CaseSpec::default()
        },
    );
    insert_case(
        app,
        &fx,
        CaseSpec {
            case_type: "family_mediation",
            channel: Some("hotline"),
            agency: a,
            team: t,
            worker: w,
            client_union: Some(&child),
            opened: at("2026-02-10"),
            moves: vec![
                ("assessment", at("2026-02-12")),
                ("contract", at("2026-02-20")),
                ("contract", at("2026-02-25")),
                ("contract", at("2026-02-27")),
                ("contract", march("01")),
                ("intervention", march("02")),
                ("closure", march("25")),
                ("closed", march("28")),
            ],
            who5: Some((30, Some(42))),
            closure_reason: Some("goals_achieved"),
            satisfaction: Some(4),
            goals: vec![Some(2), Some(1), Some(0)],
        },
    );
    insert_case(
        app,
        &fx,
        CaseSpec {
            case_type: "special_group",
            agency: a,
            team: t,
            opened: march("15"),
            ..CaseSpec::default()
        },
    );
    insert_case(
        app,
        &fx,
        CaseSpec {
            channel: Some("hotline"),
            agency: a,
            team: t,
            worker: w,
            opened: at("2026-01-05"),
            moves: vec![
                ("assessment", at("2026-01-06")),
                ("closed", at("2026-01-20")),
            ],
            closure_reason: Some("moved_away"),
            ..CaseSpec::default()
        },
    );
    let c7 = insert_case(
        app,
        &fx,
        CaseSpec {
            channel: Some("hotline"),
            agency: a,
            team: Some(&fx.other_team),
            worker: Some(&fx.other_team_worker),
            opened: march("10"),
            ..CaseSpec::default()
        },
    );
    insert_case(
        app,
        &fx,
        CaseSpec {
            channel: Some("hotline"),
            agency: &fx.other_agency,
            worker: Some(&fx.stranger),
            client_union: district,
            opened: march("10"),
            ..CaseSpec::default()
        },
    );
    insert_case(
        app,
        &fx,
        CaseSpec {
            channel: Some("hotline"),
            agency: a,
            team: t,
            worker: w,
            opened: at("2026-04-02"),
            ..CaseSpec::default()
        },
    );
    insert_case(
        app,
        &fx,
        CaseSpec {
            channel: Some("outreach_screening"),
            agency: a,
            team: t,
            worker: w,
            opened: utc("2026-02-28 17:00"),
            ..CaseSpec::default()
        },
    );
    insert_case(
        app,
        &fx,
        CaseSpec {
            channel: Some("hotline"),
            agency: a,
            team: t,
            worker: w,
            opened: utc("2026-03-31 17:00"),
            ..CaseSpec::default()
        },
    );
    for (i, closing) in [50, 50, 52, 55, 60, 35].into_iter().enumerate() {
        let may = |d: &str| at(&format!("2026-05-{d}"));
        insert_case(
            app,
            &fx,
            CaseSpec {
                channel: Some(if i == 5 { "walk_in" } else { "hotline" }),
                agency: a,
                team: t,
                worker: w,
                client_union: district,
                opened: may("04"),
                moves: vec![
                    ("assessment", may("06")),
                    ("contract", may("08")),
                    ("intervention", may("10")),
                    ("closure", may("18")),
                    ("closed", may("20")),
                ],
                who5: Some((40, Some(closing))),
                closure_reason: Some("goals_achieved"),
                satisfaction: Some(4),
                goals: vec![Some(0)],
                ..CaseSpec::default()
            },
        );
    }
    insert_referral(app, &fx, a, district, "accepted", Some(&c3), march("01"));
    insert_referral(app, &fx, a, Some(&child), "received", None, march("15"));
    insert_referral(app, &fx, a, None, "declined", None, march("20"));
    insert_referral(
        app,
        &fx,
        &fx.other_agency,
        district,
        "received",
        None,
        march("12"),
    );
    insert_referral(app, &fx, a, district, "received", None, at("2026-02-25"));
    let legal = insert_resource(app, "南山区法律援助中心", "legal_aid");
    let hotline = insert_resource(app, "12355 心理援助热线", "psychological_hotline");
    insert_referral_out(app, &fx, &c3, &legal, march("12"));
    insert_referral_out(app, &fx, &c1, &hotline, march("09"));
    insert_referral_out(app, &fx, &c2, &hotline, march("10"));
    insert_referral_out(app, &fx, &c7, &legal, march("11"));
    insert_referral_out(app, &fx, &c2, &legal, at("2026-04-05"));
    World {
        fx,
        child,
        resources: (legal, hotline),
        child_officer,
    }
}

const MARCH: &str = "from=2026-03-01&to=2026-03-31";

/// Every figure of the agency's March report, by hand from the table above.
/// The rows of one table of the CSV, in order: (item, label, count).
fn table(csv: &Csv, section: &str) -> Vec<(String, String, String)> {
    csv.rows
        .iter()
        .filter(|r| r[0] == section && r[3] == "count")
        .map(|r| (r[1].clone(), r[2].clone(), r[4].clone()))
        .collect()
}

/// A table's rows as (item, count), for comparing with a hand-worked list.
fn counts(csv: &Csv, section: &str) -> Vec<(String, String)> {
    table(csv, section)
        .into_iter()
        .map(|(item, _, n)| (item, n))
        .collect()
}

fn owned(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn expected_march(csv: &Csv, world: &World) {
    let (fx, child) = (&world.fx, world.child.as_str());
    let (legal, hotline) = (&world.resources.0, &world.resources.1);
    let c = |section: &str, item: &str| csv.count(section, item);
    // Opened in March (local days): C1, C2, C3, C5, C7, C10; not C4 (February),
    // C9 (April), C11 (1 April local time), C8 (another agency).
    for (item, n) in [
        ("hotline", "2"),
        ("walk_in", "1"),
        ("union_referral", "1"),
        ("self_referral_online", "0"),
        ("outreach_screening", "1"),
        ("not_recorded", "1"),
        ("total", "6"),
    ] {
        assert_eq!(c("intake_by_channel", item), n, "channel {item}");
    }
    for (item, n) in [
        ("counselling", "4"),
        ("family_mediation", "0"),
        ("labour_dispute", "1"),
        ("special_group", "1"),
        ("total", "6"),
    ] {
        assert_eq!(c("intake_by_type", item), n, "type {item}");
    }
    assert_eq!(c("intake_by_month", "2026-03"), "6");
    assert_eq!(c("intake_by_month", "total"), "6");
    // At the end of March: C5, C7, C10 at intake; C2 in intervention (it moved on
    // in April); C1, C3, C4 closed in March; C6 closed in January: not counted.
    for (item, n) in [
        ("intake", "3"),
        ("assessment", "0"),
        ("contract", "0"),
        ("intervention", "1"),
        ("closure", "0"),
        ("closed", "3"),
        ("total", "7"),
    ] {
        assert_eq!(c("stage_at_end", item), n, "stage {item}");
    }
    // Stays ended in March, in days. intake: C1 2, C2 3, C3 1 → 1,2,3: median 2,
    // p90 2 + 0.8 × 1 = 2.8. assessment: 2, 4, 9 → 4 and 4 + 0.8 × 5 = 8.
    // contract: C1 2 (03-06 to 03-08: its plan submitted on 03-07 is no move),
    // C2 1, C3 9, C4 10 (from 20 Feb; its submissions and the return between are
    // no moves either) → 1,2,9,10: median 5.5, p90 at rank 2.7: 9 + 0.7 × 1 =
    // 9.7. Were those entries taken as moves, contract would have six stays
    // ended in March (C1 1 and 1, C2 1, C3 9, C4 2 from 02-27 and 1 from 03-01)
    // with median 1.0, and intervention would not change. intervention: C1 4,
    // C4 23 → 13.5 and 4 + 0.9 × 19 = 21.1. closure: C1 2, C4 3 → 2.5 and 2.9.
    for (stage, stays, median, p90) in [
        ("intake", "3", "2.0", "2.8"),
        ("assessment", "3", "4.0", "8.0"),
        ("contract", "4", "5.5", "9.7"),
        ("intervention", "2", "13.5", "21.1"),
        ("closure", "2", "2.5", "2.9"),
    ] {
        assert_eq!(
            csv.get("stage_days", stage, "stays"),
            stays,
            "{stage} stays"
        );
        assert_eq!(
            csv.get("stage_days", stage, "median_days"),
            median,
            "{stage} median"
        );
        assert_eq!(csv.get("stage_days", stage, "p90_days"), p90, "{stage} p90");
    }
    // Closed in March: C1 and C4 (goals achieved), C3 (client unreachable).
    for (item, n) in [
        ("goals_achieved", "2"),
        ("client_unreachable", "1"),
        ("moved_away", "0"),
        ("total", "3"),
    ] {
        assert_eq!(c("closure_reasons", item), n, "reason {item}");
    }
    // Goals of C1 (+1, 0), C3 (−1, unrated), C4 (+2, +1, 0).
    for (item, n) in [
        ("-2", "0"),
        ("-1", "1"),
        ("0", "2"),
        ("+1", "2"),
        ("+2", "1"),
        ("not_recorded", "1"),
        ("total", "7"),
    ] {
        assert_eq!(c("goal_attainment", item), n, "attainment {item}");
    }
    // Rated: six goals adding up to 3 → mean 0.5; five at 0 or above → 83.3%.
    assert_eq!(csv.get("goal_attainment_summary", "mean", "value"), "0.5");
    assert_eq!(
        csv.get("goal_attainment_summary", "reached_share", "value"),
        "83.3"
    );
    // WHO-5: C1 40→60, C3 50→45, C4 30→42. Means 40, 49, change (20 − 5 + 12)/3 = 9;
    // C1 and C4 gained 10 or more: 2 of 3 = 66.7%.
    for (item, v) in [
        ("cases", "3"),
        ("mean_baseline", "40.0"),
        ("mean_closing", "49.0"),
        ("mean_change", "9.0"),
        ("improved", "2"),
        ("improved_share", "66.7"),
    ] {
        assert_eq!(csv.get("who5", item, "value"), v, "who5 {item}");
    }
    // Satisfaction: C1 5, C4 4, C3 not recorded → mean 4.5.
    for (item, n) in [
        ("1", "0"),
        ("4", "1"),
        ("5", "1"),
        ("not_recorded", "1"),
        ("total", "3"),
    ] {
        assert_eq!(c("satisfaction", item), n, "satisfaction {item}");
    }
    assert_eq!(csv.get("satisfaction_summary", "mean", "value"), "4.5");
    // Referrals received in March by the agency: R1 (district, accepted), R2
    // (child, received), R3 (online, declined); R4 went to another agency, R5 was in February.
    assert_eq!(c("referrals_in_by_source", &fx.union), "1");
    assert_eq!(c("referrals_in_by_source", child), "1");
    assert_eq!(c("referrals_in_by_source", "self"), "1");
    assert_eq!(c("referrals_in_by_source", "total"), "3");
    for (item, n) in [
        ("received", "1"),
        ("info_requested", "0"),
        ("accepted", "1"),
        ("declined", "1"),
    ] {
        assert_eq!(c("referrals_in_by_status", item), n, "status {item}");
    }
    // Referrals out in March: C3 and C7 to legal aid, C1 and C2 to the hotline.
    for (item, n) in [
        ("legal_aid", "2"),
        ("psychological_hotline", "2"),
        ("hospital", "0"),
        ("total", "4"),
    ] {
        assert_eq!(c("referrals_out_by_category", item), n, "category {item}");
    }
    // By resource: the legal aid centre (C3, C7) and the hotline (C1, C2), two
    // each; equal counts go by name ("1" sorts before "南"); C2's April referral
    // to legal aid is outside March. No other resource has a row.
    let by_resource = table(csv, "referrals_out_by_resource");
    assert_eq!(
        by_resource[..2],
        [
            (
                hotline.clone(),
                "12355 心理援助热线".to_owned(),
                "2".to_owned()
            ),
            (
                legal.clone(),
                "南山区法律援助中心".to_owned(),
                "2".to_owned()
            ),
        ]
    );
    assert_eq!(
        counts(csv, "referrals_out_by_resource")[2..],
        owned(&[("total", "4")])
    );
    // Caseload: W has C2 and C10 open at the end, opened C1, C2, C10, closed C1 and C4.
    for (worker, open, opened, closed) in [
        (fx.worker.as_str(), "2", "3", "2"),
        (fx.colleague.as_str(), "0", "1", "1"),
        (fx.other_team_worker.as_str(), "1", "1", "0"),
        ("not_assigned", "1", "1", "0"),
        ("total", "4", "6", "3"),
    ] {
        assert_eq!(
            csv.get("caseload", worker, "open_at_end"),
            open,
            "{worker} open"
        );
        assert_eq!(
            csv.get("caseload", worker, "opened"),
            opened,
            "{worker} opened"
        );
        assert_eq!(
            csv.get("caseload", worker, "closed"),
            closed,
            "{worker} closed"
        );
    }
    assert_eq!(csv.get("report", "disclosure", ""), "exact");
}

async fn agency_report_figures(app: TestApp) {
    let world = build(&app);
    let fx = &world.fx;
    let (status, headers, bytes) = download(
        &app,
        &fx.supervisor,
        &format!("/reports/evaluation.csv?{MARCH}"),
        "zh-CN",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"evaluation-2026-03-01-2026-03-31.csv\""
    );
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark for Excel"
    );
    let csv = Csv::parse(&bytes);
    expected_march(&csv, &world);
    assert!(
        csv.rows.iter().any(|r| r[2] == "热线电话"),
        "labels in the reader's language"
    );
    assert!(csv.rows.iter().any(|r| r[2] == "南山区法律援助中心"));

    // The screen shows the same figures.
    let (status, html) = page(
        &app,
        Some(&fx.supervisor),
        &format!("/reports/evaluation?{MARCH}"),
        "zh-CN",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<h1>成效评估报告</h1>"));
    assert_eq!(cells(&html, "intake_by_channel", "hotline"), ["2"]);
    assert_eq!(cells(&html, "stage_at_end", "intervention"), ["1"]);
    assert_eq!(cells(&html, "stage_days", "contract"), ["4", "5.5", "9.7"]);
    assert_eq!(cells(&html, "closure_reasons", "total"), ["3"]);
    assert_eq!(cells(&html, "caseload", &fx.worker), ["2", "3", "2"]);
    assert!(html.contains("<svg "), "charts drawn on the server");
    assert!(html.contains("role=\"img\""));
    assert!(!html.contains("<script"), "no script");
    assert!(html.contains("href=\"/reports/evaluation.pdf?from=2026-03-01&amp;to=2026-03-31\""));

    // One team: C7 (the other team) drops out.
    let (_, _, bytes) = download(
        &app,
        &fx.supervisor,
        &format!("/reports/evaluation.csv?{MARCH}&team={}", fx.team),
        "en",
    )
    .await;
    let team = Csv::parse(&bytes);
    assert_eq!(team.count("intake_by_channel", "hotline"), "1");
    assert_eq!(team.count("intake_by_type", "total"), "5");
    assert_eq!(team.count("stage_at_end", "intake"), "2");
    assert_eq!(
        team.count("referrals_in_by_source", "total"),
        "1",
        "only R1 became a case of the team"
    );
    assert_eq!(team.count("referrals_out_by_category", "total"), "3");
    assert!(
        team.rows.iter().any(|r| r[2] == "Hotline"),
        "English labels"
    );

    // One type of case.
    let (_, _, bytes) = download(
        &app,
        &fx.supervisor,
        &format!("/reports/evaluation.csv?{MARCH}&case_type=labour_dispute"),
        "en",
    )
    .await;
    let labour = Csv::parse(&bytes);
    assert_eq!(labour.count("intake_by_type", "total"), "1");
    assert_eq!(labour.count("closure_reasons", "client_unreachable"), "1");
    assert_eq!(labour.count("closure_reasons", "total"), "1");

    // Up to a day after every move (the stored stage is the stage at the end):
    // opened in 2026: 16 cases; C2 is in closure now.
    let (_, _, bytes) = download(
        &app,
        &fx.supervisor,
        "/reports/evaluation.csv?from=2026-01-01&to=2026-11-23",
        "en",
    )
    .await;
    let year = Csv::parse(&bytes);
    assert_eq!(year.count("intake_by_type", "total"), "16");
    assert_eq!(year.count("intake_by_month", "2026-05"), "6");
    for (item, n) in [
        ("intake", "5"),
        ("closure", "1"),
        ("intervention", "0"),
        ("closed", "10"),
        ("total", "16"),
    ] {
        assert_eq!(year.count("stage_at_end", item), n, "year stage {item}");
    }

    // Each reading is in the audit trail.
    let audited = app.with_conn(|c| {
        use casework::db::schema::audit_events as a;
        use diesel::prelude::*;
        a::table
            .filter(a::actor_id.eq(&fx.supervisor))
            .select((a::action, a::detail))
            .load::<(String, Option<String>)>(c)
            .unwrap()
    });
    assert_eq!(
        audited
            .iter()
            .filter(|(a, _)| a == "evaluation_view")
            .count(),
        1
    );
    assert_eq!(
        audited
            .iter()
            .filter(|(a, _)| a == "evaluation_export")
            .count(),
        4
    );
    let team_detail = format!("csv team of {} 2026-03-01..2026-03-31", fx.agency);
    assert!(
        audited
            .iter()
            .any(|(_, d)| d.as_deref() == Some(team_detail.as_str()))
    );
}
on_both_backends!(agency_figures, agency_report_figures);

async fn union_roll_up(app: TestApp) {
    let world = build(&app);
    let fx = &world.fx;
    // March, the district union and the union below it: C1, C3, C4 and C8 (in
    // another agency). Three opened in March, three closed: every total under 5,
    // so every row of those tables is "*", zeros included (with the zeros shown,
    // three non-zero rows under a total "<5" would be 1 each, or close to it).
    let (status, _, bytes) = download(
        &app,
        &fx.officer,
        &format!("/reports/evaluation.csv?{MARCH}"),
        "zh-CN",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let csv = Csv::parse(&bytes);
    assert_eq!(csv.get("report", "disclosure", ""), "protected");
    assert_eq!(csv.count("intake_by_channel", "hotline"), "*");
    assert_eq!(csv.count("intake_by_channel", "union_referral"), "*");
    assert_eq!(csv.count("intake_by_channel", "walk_in"), "*");
    assert_eq!(csv.count("intake_by_channel", "total"), "<5");
    assert_eq!(csv.count("stage_at_end", "total"), "<5");
    assert_eq!(csv.count("closure_reasons", "total"), "<5");
    assert_eq!(csv.get("who5", "cases", "value"), "<5");
    assert_eq!(
        csv.get("who5", "mean_change", "value"),
        "*",
        "no mean from three cases"
    );
    assert_eq!(csv.get("satisfaction_summary", "mean", "value"), "*");
    assert_eq!(csv.get("stage_days", "assessment", "median_days"), "*");
    // C1, C8 and C3 (referred by the district) for the district, none for the child.
    assert_eq!(csv.count("opened_by_union", &fx.union), "*");
    assert_eq!(csv.count("opened_by_union", &world.child), "*");
    assert_eq!(csv.count("opened_by_union", "total"), "<5");
    // Referrals of the tree, to any agency: R1, R4 (district), R2 (child).
    assert_eq!(csv.count("referrals_in_by_source", &fx.union), "*");
    assert_eq!(csv.count("referrals_in_by_source", &world.child), "*");
    assert_eq!(csv.count("referrals_in_by_source", "total"), "<5");
    assert_eq!(csv.count("referrals_in_by_status", "total"), "<5");
    assert!(
        csv.rows.iter().all(|r| r[0] != "referrals_out_by_resource"),
        "resources nest in categories: only the categories in the roll-up"
    );
    assert!(
        csv.rows.iter().all(|r| r[0] != "caseload"),
        "no caseload per worker in the roll-up"
    );
    assert!(
        csv.rows.iter().all(|r| r[1] != "self"),
        "self-referrals are the agency's"
    );
    let (status, html) = page(
        &app,
        Some(&fx.officer),
        &format!("/reports/evaluation?{MARCH}"),
        "zh-CN",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cells(&html, "intake_by_channel", "hotline"), ["*"]);
    assert_eq!(cells(&html, "intake_by_channel", "total"), ["&lt;5"]);
    assert!(html.contains("工会汇总"));
    assert!(!html.contains("李晓梅"), "no worker's name in the roll-up");

    // May: six district members, every case closed. Counts of 5 or more show.
    // Hotline 5, walk-in 1 of 6: "<5" (1 to 4) and "*" (5 or more) over 6 could
    // only be 1 and 5, and there is no third count to hide, so every channel is
    // "*", the zeros too, and only the total shows. Likewise 5 of 6 improved:
    // the count, its share and the one who did not are hidden.
    let may = "from=2026-05-01&to=2026-05-31";
    let (_, _, bytes) = download(
        &app,
        &fx.officer,
        &format!("/reports/evaluation.csv?{may}"),
        "en",
    )
    .await;
    let csv = Csv::parse(&bytes);
    for channel in [
        "walk_in",
        "hotline",
        "union_referral",
        "self_referral_online",
        "outreach_screening",
    ] {
        assert_eq!(csv.count("intake_by_channel", channel), "*", "{channel}");
    }
    assert_eq!(csv.count("intake_by_channel", "total"), "6");
    // One type only: nothing small, nothing hidden.
    assert_eq!(csv.count("intake_by_type", "counselling"), "6");
    assert_eq!(csv.count("intake_by_type", "labour_dispute"), "0");
    assert_eq!(csv.count("closure_reasons", "goals_achieved"), "6");
    // Baselines all 40; closings 50, 50, 52, 55, 60, 35 → 302/6 = 50.3; change 62/6 = 10.3.
    assert_eq!(csv.get("who5", "cases", "value"), "6");
    assert_eq!(csv.get("who5", "mean_baseline", "value"), "40.0");
    assert_eq!(csv.get("who5", "mean_closing", "value"), "50.3");
    assert_eq!(csv.get("who5", "mean_change", "value"), "10.3");
    assert_eq!(csv.get("who5", "improved", "value"), "*");
    assert_eq!(csv.get("who5", "improved_share", "value"), "*");
    assert_eq!(csv.get("satisfaction_summary", "mean", "value"), "4.0");
    assert_eq!(csv.get("stage_days", "intake", "median_days"), "2.0");
    // At the end of May: C8 still at intake (1: "<5"), six closed (withheld: total
    // 7). The reader knows intake 1..4, closed 5 or more, adding up to 7: intake
    // 1 or 2, closed 6 or 5, two values each; the zeros of the other stages stay.
    assert_eq!(csv.count("stage_at_end", "intake"), "<5");
    assert_eq!(csv.count("stage_at_end", "closed"), "*");
    assert_eq!(csv.count("stage_at_end", "assessment"), "0");
    assert_eq!(csv.count("stage_at_end", "total"), "7");
    // By union, in tree order: the six May members are the district's, none the child's.
    assert_eq!(
        counts(&csv, "opened_by_union"),
        owned(&[(&fx.union, "6"), (&world.child, "0"), ("total", "6")])
    );
    // March to May: C1, C8, M1-M6 (district members) and C3, a member of the
    // child union whom the district referred (R1): a case counts for the union
    // that referred it, so 9 for the district and 0 for the child (8 and 1 if
    // the member's union won). C4 (the child's) opened in February.
    let (_, _, bytes) = download(
        &app,
        &fx.officer,
        "/reports/evaluation.csv?from=2026-03-01&to=2026-05-31",
        "en",
    )
    .await;
    let spring = Csv::parse(&bytes);
    assert_eq!(
        counts(&spring, "opened_by_union"),
        owned(&[(&fx.union, "9"), (&world.child, "0"), ("total", "9")])
    );
    // The supervisor sees the same month exactly.
    let (_, _, bytes) = download(
        &app,
        &fx.supervisor,
        &format!("/reports/evaluation.csv?{may}"),
        "en",
    )
    .await;
    let exact = Csv::parse(&bytes);
    assert_eq!(exact.count("intake_by_channel", "hotline"), "5");
    assert_eq!(exact.count("intake_by_channel", "walk_in"), "1");
    assert_eq!(exact.get("who5", "improved", "value"), "5");
    assert_eq!(exact.get("who5", "improved_share", "value"), "83.3");

    // The union below sees only its own branch (C3, C4); the district may look at it too.
    let (status, _, bytes) = download(
        &app,
        &world.child_officer,
        &format!("/reports/evaluation.csv?{MARCH}"),
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let child = Csv::parse(&bytes);
    // C3 alone: a total "<5", every row "*" (which row is zero would say
    // where C3 came from). The tree is the child alone: no row for the district.
    assert_eq!(child.count("intake_by_channel", "total"), "<5");
    assert_eq!(child.count("intake_by_channel", "hotline"), "*");
    assert_eq!(child.count("opened_by_union", &world.child), "*");
    assert!(
        child
            .rows
            .iter()
            .all(|r| !(r[0] == "opened_by_union" && r[1] == fx.union)),
        "C1 and C8 belong to the district"
    );
    let (status, _, _) = download(
        &app,
        &fx.officer,
        &format!("/reports/evaluation.csv?{MARCH}&union={}", world.child),
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // ...but not the other way round.
    let (status, _, _) = download(
        &app,
        &world.child_officer,
        &format!("/reports/evaluation.csv?{MARCH}&union={}", fx.union),
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
on_both_backends!(roll_up, union_roll_up);

async fn refusals_and_bad_input(app: TestApp) {
    let world = build(&app);
    let fx = &world.fx;
    // Out of scope: 404, as for any record out of scope.
    for (who, query) in [
        (&fx.supervisor, format!("team={}", fx.other_team)),
        (&fx.supervisor, format!("union={}", fx.union)),
        (&fx.officer, format!("team={}", fx.team)),
        (&fx.worker, String::new()),
        (&fx.admin, String::new()),
        (&fx.stranger, format!("team={}", fx.team)),
    ] {
        for path in ["/reports/evaluation", "/reports/evaluation.csv"] {
            let (status, _) = page(&app, Some(who), &format!("{path}?{query}"), "en").await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}?{query}");
        }
    }
    let (status, _) = page(&app, None, "/reports/evaluation", "en").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "a browser without a session signs in"
    );
    let (status, _) = app
        .call(
            axum::http::Method::GET,
            "/reports/evaluation.csv",
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Bad periods: 422 with the message beside the field, in every format.
    for (query, field, message) in [
        ("from=2026-02-30", "from", "Enter a date as YYYY-MM-DD"),
        (
            "from=2026-05-01&to=2026-04-01",
            "to",
            "The end of the period comes before its start.",
        ),
        (
            "from=2016-01-01&to=2026-01-01",
            "to",
            "A report covers at most ten years.",
        ),
        ("to=tomorrow", "to", "Enter a date as YYYY-MM-DD"),
        (
            "case_type=astrology",
            "case_type",
            "Choose a type of case from the list.",
        ),
    ] {
        for path in ["/reports/evaluation", "/reports/evaluation.csv"] {
            let (status, html) =
                page(&app, Some(&fx.supervisor), &format!("{path}?{query}"), "en").await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}?{query}");
            let anchor = format!("id=\"e-{field}-error\"");
            let at = html
                .find(&anchor)
                .unwrap_or_else(|| panic!("{query}: no message for {field}"));
            assert!(html[at..].contains(message), "{query}: {message}");
        }
    }
    let (status, html) = page(
        &app,
        Some(&fx.supervisor),
        "/reports/evaluation?from=2026-02-30",
        "zh-TW",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("請依 年-月-日 格式填寫日期"));

    // Ten years exactly is fine; an empty period shows zeros and says so.
    let (status, html) = page(
        &app,
        Some(&fx.supervisor),
        "/reports/evaluation?from=2010-01-01&to=2019-12-31",
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No data: nothing happened in this period"));
    assert_eq!(cells(&html, "intake_by_channel", "total"), ["0"]);
    assert_eq!(cells(&html, "stage_days", "assessment"), ["0", "—", "—"]);

    // The defaults: this calendar year up to today (local).
    let today = casework::local_time::local_day(app.clock.now());
    let (status, html) = page(&app, Some(&fx.supervisor), "/reports/evaluation", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("value=\"{}\"", today.format("%Y-01-01"))));
    assert!(html.contains(&format!("value=\"{}\"", today.format("%Y-%m-%d"))));
    // The navigation offers the report to those who may read it, and no one else.
    assert!(html.contains("href=\"/reports/evaluation\""));
    let (_, home) = page(&app, Some(&fx.worker), "/", "en").await;
    assert!(!home.contains("href=\"/reports/evaluation\""));
    let (_, home) = page(&app, Some(&fx.officer), "/", "zh-CN").await;
    assert!(home.contains("评估报告"));
}
on_both_backends!(refusals, refusals_and_bad_input);

async fn pdf_report(app: TestApp) {
    let world = build(&app);
    let fx = &world.fx;
    let (status, headers, pdf) = download(
        &app,
        &fx.supervisor,
        &format!("/reports/evaluation.pdf?{MARCH}"),
        "zh-CN",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"evaluation-2026-03-01-2026-03-31.pdf\""
    );
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        pdf.len() < 400_000,
        "the font is subset: {} bytes",
        pdf.len()
    );
    if backend_is_sqlite(&app) {
        keep_page_images(&pdf, "evaluation-report", 3);
    }
    let Some(pages) = pdf_pages(&pdf) else { return };
    let all = pages.concat();
    for text in [
        "成效评估报告",
        "鹏城社工服务中心",
        "2026年3月1日至2026年3月31日",
        "新开个案（按接案渠道）",
        "热线电话",
        "各阶段停留天数",
        "中位数（天）",
        "WHO-5幸福感指数",
        "66.7%",
        "南山区法律援助中心",
        "社工个案量",
        "李晓梅",
    ] {
        assert!(all.contains(text), "{text} in the PDF");
    }
    // The figures of the hand-worked tables: contract 5.5 and 9.7 days, intervention 13.5 and 21.1.
    for figure in ["5.5", "9.7", "13.5", "21.1", "49.0", "4.5"] {
        assert!(all.contains(figure), "{figure} in the PDF");
    }
    let total = pages.len();
    assert!(total >= 2);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("内部资料·注意保密"), "mark on page {}", i + 1);
        assert!(
            page.contains(&format!("第{}页，共{total}页", i + 1)),
            "page number on page {}",
            i + 1
        );
        assert!(
            page.contains("由王建国于"),
            "who generated it, on page {}",
            i + 1
        );
    }

    let (_, _, pdf) = download(
        &app,
        &fx.supervisor,
        &format!("/reports/evaluation.pdf?{MARCH}"),
        "en",
    )
    .await;
    let all = pdf_pages(&pdf).unwrap().concat();
    for text in [
        "Evaluationreport",
        "Casesopened,byintakechannel",
        "Hotline",
        "Mediandays",
        "Page1of",
    ] {
        assert!(all.contains(text), "{text} in the English PDF");
    }

    let (_, _, pdf) = download(
        &app,
        &fx.officer,
        &format!("/reports/evaluation.pdf?{MARCH}"),
        "zh-TW",
    )
    .await;
    let all = pdf_pages(&pdf).unwrap().concat();
    assert!(all.contains("內部資料·工會彙整"));
    assert!(all.contains("成效評估報告"));
    assert!(all.contains("<5"));
    assert!(!all.contains("李晓梅"), "no worker in the roll-up");

    let (status, _, _) = download(
        &app,
        &fx.worker,
        &format!("/reports/evaluation.pdf?{MARCH}"),
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = download(
        &app,
        &fx.supervisor,
        "/reports/evaluation.pdf?from=2026-13-01",
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}
on_both_backends!(pdf, pdf_report);

fn backend_is_sqlite(app: &TestApp) -> bool {
    app.backend == "sqlite"
}

/// Every key of the report exists in all three languages.
#[test]
fn locale_files_have_the_same_keys() {
    use std::collections::BTreeSet;
    let keys = |lang: &str| -> BTreeSet<String> {
        let path = format!(
            "{}/locales/{lang}/evaluation.ftl",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
            .filter(|k| !k.is_empty() && !k.starts_with('#'))
            .collect()
    };
    let en = keys("en");
    assert!(en.len() > 80);
    assert_eq!(keys("zh-CN"), en);
    assert_eq!(keys("zh-TW"), en);
}
