//! The query helpers the case and evaluation reports read.

use axum::http::StatusCode;
use casework::db::outbound::{OutboundScope, count_by_resource_category, load_for_case};
use common::{Fixture, TestApp, create_client, open_case};
use serde_json::json;

use super::support::*;
use super::{add_resource, refer};
use crate::common;

async fn report_counts(app: TestApp) {
    let fx = Fixture::insert(&app);
    let legal = add_resource(&app, &fx, "南山区法律援助中心", "legal_aid").await;
    let jobs = add_resource(&app, &fx, "人社局就业服务中心", "employment_training").await;
    let a = create_client(&app, &fx.worker, "甲", 1980).await;
    let b = create_client(&app, &fx.worker, "乙", 1981).await;
    let (case_a, _) = open_case(&app, &fx, "labour_dispute", &a).await;
    let (case_b, _) = open_case(&app, &fx, "special_group", &b).await;
    for (case, resource) in [(&case_a, &legal), (&case_a, &jobs), (&case_b, &jobs)] {
        let (status, body) = refer(&app, &fx.worker, case, resource).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let rid = app.with_conn(|c| load_for_case(c, &case_b).unwrap()[0].referral.id.clone());
    app.put(
        &format!("/api/cases/{case_b}/outbound-referrals/{rid}"),
        &fx.worker,
        json!({ "version": version(&app, &case_b), "data": { "status": "completed" } }),
    )
    .await;

    let listed = app.with_conn(|c| load_for_case(c, &case_a).unwrap());
    let names: Vec<&str> = listed.iter().map(|r| r.resource_name.as_str()).collect();
    assert_eq!(
        names,
        ["南山区法律援助中心", "人社局就业服务中心"],
        "oldest first"
    );

    let now = casework::db::now();
    let day = chrono::TimeDelta::days(1);
    let scope = |org: &str, from, to| OutboundScope {
        organisation_id: org.to_owned(),
        from,
        to,
        ..OutboundScope::default()
    };
    let counts = app.with_conn(|c| {
        count_by_resource_category(c, &scope(&fx.agency, now - day, now + day)).unwrap()
    });
    assert_eq!(counts.len(), 7, "every category, zeros included");
    let legal_row = counts.iter().find(|c| c.category == "legal_aid").unwrap();
    assert_eq!((legal_row.total, legal_row.sent), (1, 1));
    let jobs_row = counts
        .iter()
        .find(|c| c.category == "employment_training")
        .unwrap();
    assert_eq!(
        (jobs_row.total, jobs_row.sent, jobs_row.completed),
        (2, 1, 1)
    );
    assert_eq!(
        counts
            .iter()
            .find(|c| c.category == "hospital")
            .unwrap()
            .total,
        0
    );
    // Outside the period, another agency, another case type: nothing counted.
    let before = app.with_conn(|c| {
        count_by_resource_category(c, &scope(&fx.agency, now - day * 3, now - day)).unwrap()
    });
    assert!(before.iter().all(|c| c.total == 0));
    let other = app.with_conn(|c| {
        count_by_resource_category(c, &scope(&fx.other_agency, now - day, now + day)).unwrap()
    });
    assert!(other.iter().all(|c| c.total == 0));
    let mut typed = scope(&fx.agency, now - day, now + day);
    typed.case_type = Some("special_group".into());
    typed.team_ids = vec![fx.team.clone()];
    let only_b = app.with_conn(|c| count_by_resource_category(c, &typed).unwrap());
    assert_eq!(only_b.iter().map(|c| c.total).sum::<i64>(), 1);
    typed.team_ids = vec![fx.other_team.clone()];
    let none = app.with_conn(|c| count_by_resource_category(c, &typed).unwrap());
    assert_eq!(none.iter().map(|c| c.total).sum::<i64>(), 0);
}
on_both_backends!(report_helpers, report_counts);
