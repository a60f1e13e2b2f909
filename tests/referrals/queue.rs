//! The intake queue is ordered by the database, most urgent first then oldest,
//! and paged: a new emergency is on the first page however many referrals wait,
//! and following "next page" reaches every open referral exactly once.

use axum::http::StatusCode;
use casework::db::referrals;
use casework::domain::referral::ReferralInput;
use casework::domain::vocab::Urgency;

use super::{get, world};
use crate::common::TestApp;

fn input(agency: &str, name: String, urgency: Urgency) -> ReferralInput {
    serde_json::from_value(serde_json::json!({
        "agency_id": agency, "member_name": name, "concern": "拖欠工资",
        "urgency": urgency.as_str(), "consent_by": "张卫东", "consent_on": "2026-11-01",
    }))
    .unwrap()
}

/// The referral ids a queue page links to, in order, and its "next" link.
fn queue_page(body: &str) -> (Vec<String>, Option<String>) {
    let table = body
        .split("id=\"queue\"")
        .nth(1)
        .map(|t| t.split("</table>").next().unwrap())
        .unwrap_or("");
    let ids = table
        .split("href=\"/referrals/")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect();
    let next = body
        .split("rel=\"next\" href=\"")
        .nth(1)
        .map(|rest| rest.split('"').next().unwrap().replace("&amp;", "&"));
    (ids, next)
}

async fn emergencies_first_and_every_page_reachable(app: TestApp) {
    let fx = world(&app);
    let older = 205;
    let (mut routine, emergency) = app.with_conn(|c| {
        let mut ids = Vec::new();
        for i in 0..older {
            let r = referrals::create_union_referral(
                c,
                input(&fx.agency, format!("会员{i}"), Urgency::Routine),
                &fx.union,
                &fx.officer,
            )
            .unwrap();
            ids.push(r.id);
        }
        let e = referrals::create_union_referral(
            c,
            input(&fx.agency, "紧急会员".into(), Urgency::Emergency),
            &fx.union,
            &fx.officer,
        )
        .unwrap();
        (ids, e.id)
    });

    let first = get(&app, "/referrals", &fx.worker).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(
        first.body.contains("206 referrals are waiting"),
        "{}",
        first.body
    );
    let (ids, mut next) = queue_page(&first.body);
    assert_eq!(ids[0], emergency, "the newest emergency leads the queue");
    assert_eq!(ids.len(), 50);
    let mut seen = ids;
    let mut pages = 1;
    while let Some(uri) = next {
        let page = get(&app, &uri, &fx.worker).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let (ids, more) = queue_page(&page.body);
        assert!(!ids.is_empty(), "{uri}");
        seen.extend(ids);
        next = more;
        pages += 1;
        assert!(pages < 10, "the pages end");
    }
    assert_eq!(pages, 5);
    let mut expected = vec![emergency];
    expected.append(&mut routine);
    assert_eq!(
        seen, expected,
        "every referral once, oldest first after the emergency"
    );

    // A position the queue did not write reads as the first page.
    let bad = get(&app, "/referrals?after=nonsense", &fx.worker).await;
    assert_eq!(bad.status, StatusCode::OK);
    assert_eq!(queue_page(&bad.body).0[0], queue_page(&first.body).0[0]);
}
on_both_backends!(
    intake_queue_order,
    emergencies_first_and_every_page_reachable
);
