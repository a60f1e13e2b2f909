//! New case: client search and duplicate warning, creation for an existing or a
//! new client, refusals (missing fields, CSRF, roles), escaping.

use axum::http::StatusCode;
use casework::db::schema::{audit_events, cases, clients};
use diesel::prelude::*;

use crate::common::{Fixture, Snapshot, TestApp};
use crate::support::*;

async fn new_case_search_and_duplicates(app: TestApp) {
    let fx = Fixture::insert(&app);
    let known = client(&app, &fx.worker, "陈静", Some("13700007777"));
    let open = case(
        &app,
        &fx,
        &known,
        "counselling",
        Some(&fx.team),
        Some(&fx.worker),
    );
    let closed = case(
        &app,
        &fx,
        &known,
        "labour_dispute",
        Some(&fx.team),
        Some(&fx.worker),
    );
    set_stage(&app, &closed.id, "closed", None);
    let hidden = case(
        &app,
        &fx,
        &known,
        "family_mediation",
        Some(&fx.other_team),
        None,
    );
    let elsewhere = client(&app, &fx.stranger, "陈静", Some("13700007777"));
    let w = Some(fx.worker.as_str());

    for query in [
        format!("name={}", enc("陈静")),
        "phone=13700007777".into(),
        "phone=7777".into(),
    ] {
        let (status, html) = page(&app, w, &format!("/cases/new?{query}"), "en").await;
        assert_eq!(status, StatusCode::OK, "{query}");
        assert!(
            html.contains("This person may already be a client"),
            "{query}"
        );
        assert!(html.contains(&format!("/cases/new?client_id={known}")));
        assert!(
            !html.contains(&elsewhere),
            "another agency's client stays hidden"
        );
        assert_eq!(
            references(&html),
            std::slice::from_ref(&open.reference),
            "open cases in scope only"
        );
        assert!(!html.contains(&hidden.reference));
        assert!(
            html.contains("name=\"full_name\""),
            "the new-client form follows"
        );
    }
    let (status, html) = page(&app, w, "/cases/new?name=nobody", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No client of your agency has this name or phone"));
    let (_, html) = page(
        &app,
        w,
        &format!("/cases/new?name={}", enc("<script>x</script>")),
        "en",
    )
    .await;
    assert!(!html.contains("<script>x") && html.contains("&lt;script&gt;x"));
    for bad in [
        "client_id=nope",
        &format!("name={}", "x".repeat(101)),
        "name=&phone=",
        &format!("client_id={elsewhere}"),
    ] {
        let (status, _) = page(&app, w, &format!("/cases/new?{bad}"), "en").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let searches: i64 = app.with_conn(|c| {
        audit_events::table
            .filter(audit_events::action.eq("client_search"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(searches, 5, "each search is audited");

    // A new case for the existing client.
    let (status, html) = page(&app, w, &format!("/cases/new?client_id={known}"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Open a case for 陈静") && html.contains(&open.reference));
    let (status, headers, body) = post_form(
        &app,
        &fx.worker,
        "/cases/new",
        &[
            ("client_id", &known),
            ("case_type", "special_group"),
            ("team_id", &fx.team),
            ("assigned_worker_id", &fx.worker),
        ],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let location = headers["location"].to_str().unwrap().to_owned();
    let id = location
        .strip_prefix("/cases/")
        .unwrap()
        .strip_suffix("?flash=created")
        .unwrap();
    let stored: (String, String, Option<String>) = app.with_conn(|c| {
        cases::table
            .find(id)
            .select((cases::client_id, cases::stage, cases::team_id))
            .first(c)
            .unwrap()
    });
    assert_eq!(
        stored,
        (known.clone(), "intake".into(), Some(fx.team.clone()))
    );

    // Registering the same name again shows the known client first; nothing is written.
    let before = Snapshot::take(&app);
    let typed = [
        ("full_name", "陈静"),
        ("phone", "13600000000"),
        ("employer", "富康电子厂"),
        ("case_type", "counselling"),
        ("team_id", fx.team.as_str()),
        ("assigned_worker_id", fx.worker.as_str()),
    ];
    let (status, _, html) = post_form(&app, &fx.worker, "/cases/new", &typed, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("This person may already be a client"));
    assert!(html.contains("value=\"富康电子厂\"") && html.contains("name=\"confirm_new\""));
    assert_eq!(Snapshot::take(&app), before);
    // The same by phone.
    let by_phone = [
        ("full_name", "陈小静"),
        ("phone", "13700007777"),
        ("case_type", "counselling"),
        ("team_id", fx.team.as_str()),
    ];
    let (status, _, html) = post_form(&app, &fx.worker, "/cases/new", &by_phone, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(&format!("client_id={known}")));
    // Confirmed: both rows are created, and audited.
    let mut confirmed = typed.to_vec();
    confirmed.push(("confirm_new", "true"));
    let (status, headers, _) = post_form(&app, &fx.worker, "/cases/new", &confirmed, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        headers["location"]
            .to_str()
            .unwrap()
            .ends_with("?flash=created")
    );
    let twins: i64 = app.with_conn(|c| {
        clients::table
            .filter(clients::full_name.eq("陈静"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(twins, 3, "two here, one in the other agency");
}
on_both_backends!(new_case_search, new_case_search_and_duplicates);

async fn new_client_and_case(app: TestApp) {
    let fx = Fixture::insert(&app);
    let before = Snapshot::take(&app);
    let mut fields = vec![
        ("full_name", "周新"),
        ("gender", "female"),
        ("birth_year", "1990"),
        ("phone", "13512345678"),
        ("employer", "<script>alert(1)</script>"),
        ("union_member", "true"),
        ("union_id", fx.union.as_str()),
        ("district", "南山区"),
        ("special_groups", "migrant_worker"),
        ("special_groups", "women_four_periods"),
        ("case_type", "labour_dispute"),
        ("team_id", fx.team.as_str()),
        ("assigned_worker_id", fx.worker.as_str()),
    ];
    // Missing name: refused beside the field, everything typed kept, escaped.
    fields[0].1 = "  ";
    let (status, _, html) = post_form(&app, &fx.worker, "/cases/new", &fields, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"client-full-name-error\""), "{html}");
    assert!(html.contains("aria-describedby=\"client-full-name-error\""));
    assert!(html.contains("name is required."));
    assert!(html.contains("value=\"13512345678\"") && html.contains("value=\"南山区\""));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert")
    );
    assert!(html.contains("value=\"women_four_periods\" checked"));
    assert_eq!(Snapshot::take(&app), before);
    // Wrong or missing CSRF field: 403, nothing created.
    fields[0].1 = "周新";
    for csrf in [Some("wrong"), Some("")] {
        let (status, _, _) = post_form(&app, &fx.worker, "/cases/new", &fields, csrf).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(Snapshot::take(&app), before);
    // Roles without cases: 404 before the body is read.
    for who in [&fx.officer, &fx.admin] {
        let (status, _, _) = post_form(&app, who, "/cases/new", &fields, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    assert_eq!(Snapshot::take(&app), before);

    let (status, headers, body) = post_form(&app, &fx.worker, "/cases/new", &fields, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let location = headers["location"].to_str().unwrap();
    let id = location
        .strip_prefix("/cases/")
        .unwrap()
        .strip_suffix("?flash=created")
        .unwrap();
    let case = app.with_conn(|c| casework::db::cases::find_case(c, id).unwrap());
    assert_eq!(case.case_type, "labour_dispute");
    assert_eq!(case.assigned_worker_id.as_deref(), Some(fx.worker.as_str()));
    let client = app.with_conn(|c| casework::db::clients::find_client(c, &case.client_id).unwrap());
    assert_eq!(client.full_name, "周新");
    assert_eq!(client.special_groups, "migrant_worker,women_four_periods");
    assert!(client.union_member && client.union_id.as_deref() == Some(fx.union.as_str()));
    assert_eq!(
        client.employer.as_deref(),
        Some("<script>alert(1)</script>")
    );
    let audited: Vec<(String, Option<String>)> = app.with_conn(|c| {
        audit_events::table
            .filter(audit_events::action.eq_any(["client_create", "case_create"]))
            .select((audit_events::action, audit_events::record_id))
            .order(audit_events::action)
            .load(c)
            .unwrap()
    });
    assert_eq!(
        audited,
        [
            ("case_create".into(), Some(case.id.clone())),
            ("client_create".into(), Some(client.id.clone()))
        ]
    );
    // The new case is on the worker's home page and in the list.
    let (_, html) = page(&app, Some(&fx.worker), "/", "en").await;
    assert!(section(&html, "caseload").contains(&case.reference));

    // A worker may not open a case they could not see afterwards.
    let (status, _, html) = post_form(
        &app,
        &fx.worker,
        "/cases/new",
        &[("client_id", &client.id), ("case_type", "counselling")],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Choose one of your teams, or assign the case to yourself"));
    // An unknown case type is named too.
    let (status, _, html) = post_form(
        &app,
        &fx.worker,
        "/cases/new",
        &[
            ("client_id", &client.id),
            ("case_type", "astrology"),
            ("team_id", &fx.team),
        ],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("id=\"case-case-type-error\"") && html.contains("Choose the type of case.")
    );
}
on_both_backends!(new_client, new_client_and_case);
