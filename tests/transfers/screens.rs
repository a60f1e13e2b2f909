//! Transfers on screen: the case page's section and forms, and `/transfers`.

use axum::http::StatusCode;
use common::{Fixture, TestApp};
use serde_json::json;

use super::support::*;
use super::{ask, new_case};
use crate::common;

async fn case_page_forms(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (case, reference) = new_case(&app, &fx, "何敏").await;
    let page_uri = format!("/cases/{case}");

    // The worker gets the request form; a teammate sees nothing to do.
    let page = browse(&app, "GET", &page_uri, &fx.worker, "zh-CN", None).await;
    assert!(page.body.contains("id=\"transfer\""));
    let colleague_option = format!("value=\"{}/{}\"", fx.agency, fx.colleague);
    assert!(
        page.body.contains(&colleague_option),
        "colleagues are offered"
    );
    assert!(
        !page
            .body
            .contains(&format!("value=\"{}/{}\"", fx.agency, fx.worker)),
        "not the current worker"
    );
    assert!(
        !page
            .body
            .contains(&format!("action=\"/cases/{case}/reassign\"")),
        "workers do not reassign"
    );
    let page = browse(&app, "GET", &page_uri, &fx.colleague, "zh-CN", None).await;
    assert!(!page.body.contains("id=\"transfer\""));

    // Nothing chosen: the form again with the problem, nothing stored.
    let v = version(&app, &case).to_string();
    let uri = format!("/cases/{case}/transfers");
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.worker,
        "en",
        Some(&[("version", &v), ("target", ""), ("reason", "休假")]),
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(
        page.body.contains("id=\"transfer-target-error\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("休假"), "what was typed stays");
    assert_eq!(count(&app, "case_transfers"), 0);
    // A teammate's form is refused before it is read.
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.colleague,
        "en",
        Some(&[
            ("version", &v),
            ("target", &format!("{}/{}", fx.agency, fx.colleague)),
            ("reason", "x"),
        ]),
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);

    let target = format!("{}/{}", fx.agency, fx.colleague);
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.worker,
        "en",
        Some(&[
            ("version", &v),
            ("target", &target),
            ("reason", "本人下月休产假"),
        ]),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location,
        Some(format!("/cases/{case}?flash=transfer-requested#transfer"))
    );
    let page = browse(
        &app,
        "GET",
        &format!("{page_uri}?flash=transfer-requested"),
        &fx.worker,
        "zh-CN",
        None,
    )
    .await;
    assert!(page.body.contains("已提交转案申请"));
    assert!(page.body.contains("transfer-pending") && page.body.contains("Emily Chen"));
    assert!(
        page.body
            .contains(&format!("action=\"/cases/{case}/transfers/cancel\""))
    );
    assert!(
        page.body.contains("申请转案") && page.body.contains("event-transfer"),
        "in the timeline"
    );

    // The receiver's screen: the summary and the two answers.
    let list = browse(&app, "GET", "/transfers", &fx.colleague, "zh-CN", None).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains(&reference)
            && list.body.contains("何敏")
            && list.body.contains("本人下月休产假")
    );
    assert!(list.body.contains("接收个案") && list.body.contains("确认不接收"));
    assert!(
        !list.body.contains("13800000001"),
        "no client details before accepting"
    );
    let page = browse(&app, "GET", "/transfers", &fx.officer, "en", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let (_, mine) = app.get("/api/transfers", &fx.colleague).await;
    let transfer = mine["incoming"][0]["id"].as_str().unwrap().to_owned();

    // Declining needs a reason: the page again, the problem beside the note.
    let page = browse(
        &app,
        "POST",
        &format!("/transfers/{transfer}/decline"),
        &fx.colleague,
        "en",
        Some(&[("decision", "decline"), ("note", "")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains(&format!("id=\"decline-{transfer}-note-error\"")),
        "{}",
        page.body
    );
    // Someone else cannot answer.
    let page = browse(
        &app,
        "POST",
        &format!("/transfers/{transfer}/accept"),
        &fx.other_team_worker,
        "en",
        Some(&[("note", "")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);

    let page = browse(
        &app,
        "POST",
        &format!("/transfers/{transfer}/accept"),
        &fx.colleague,
        "en",
        Some(&[("decision", "accept"), ("note", "我来跟进")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location,
        Some(format!("/cases/{case}?flash=transfer-accepted"))
    );
    let page = browse(&app, "GET", &page_uri, &fx.colleague, "en", None).await;
    assert!(page.body.contains("Transfer accepted") && page.body.contains("我来跟进"));
    // Answering again: 409 with the reason, on the list.
    let page = browse(
        &app,
        "POST",
        &format!("/transfers/{transfer}/accept"),
        &fx.colleague,
        "en",
        Some(&[("decision", "accept"), ("note", "")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("already been answered"));

    // The worker's list shows what became of the request.
    let list = browse(&app, "GET", "/transfers", &fx.worker, "en", None).await;
    assert!(list.body.contains("Accepted") && list.body.contains("我来跟进"));
}
on_both_backends!(transfer_screens, case_page_forms);

async fn reassign_form(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (case, _) = new_case(&app, &fx, "孙丽").await;
    let page = browse(
        &app,
        "GET",
        &format!("/cases/{case}"),
        &fx.supervisor,
        "zh-CN",
        None,
    )
    .await;
    let choice = format!("value=\"{}/{}\"", fx.colleague, fx.team);
    assert!(page.body.contains(&choice), "{}", page.body);
    assert!(
        !page
            .body
            .contains(&format!("value=\"{}/", fx.other_team_worker)),
        "only the supervisor's teams"
    );
    let uri = format!("/cases/{case}/reassign");
    let v = version(&app, &case).to_string();
    let assignee = format!("{}/{}", fx.colleague, fx.team);
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.worker,
        "en",
        Some(&[("version", &v), ("assignee", &assignee), ("reason", "x")]),
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::FORBIDDEN,
        "the worker may not reassign"
    );
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.supervisor,
        "en",
        Some(&[("version", &v), ("assignee", &assignee), ("reason", "")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("id=\"reassign-reason-error\""),
        "{}",
        page.body
    );
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.supervisor,
        "en",
        Some(&[
            ("version", &v),
            ("assignee", &assignee),
            ("reason", "平衡工作量"),
        ]),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(placement(&app, &case).2, Some(fx.colleague.clone()));
    let page = browse(
        &app,
        "GET",
        &format!("/cases/{case}?flash=transfer-reassigned"),
        &fx.supervisor,
        "zh-TW",
        None,
    )
    .await;
    assert!(page.body.contains("督導改派") && page.body.contains("平衡工作量"));
    // The same (now stale) form again: 409, nothing changes.
    let page = browse(
        &app,
        "POST",
        &uri,
        &fx.supervisor,
        "en",
        Some(&[
            ("version", &v),
            ("assignee", &format!("{}/{}", fx.worker, fx.team)),
            ("reason", "再换"),
        ]),
    )
    .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(placement(&app, &case).2, Some(fx.colleague.clone()));
    // An agency transfer accepted on screen by a supervisor of the other agency.
    let (boss, _) = super::other_agency_supervisors(&app, &fx);
    let (status, body) = ask(
        &app,
        &fx.colleague,
        &case,
        json!({ "to_organisation_id": fx.other_agency, "reason": "搬迁" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let transfer = body["transfer"]["id"].as_str().unwrap().to_owned();
    let list = browse(&app, "GET", "/transfers", &boss, "en", None).await;
    assert!(
        list.body.contains("John Smith"),
        "the agency's workers are offered"
    );
    let page = browse(
        &app,
        "POST",
        &format!("/transfers/{transfer}/accept"),
        &boss,
        "en",
        Some(&[("worker_id", &fx.stranger), ("note", "")]),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(placement(&app, &case).2, Some(fx.stranger.clone()));
    let page = browse(
        &app,
        "GET",
        &format!("/cases/{case}"),
        &fx.supervisor,
        "en",
        None,
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::NOT_FOUND,
        "gone from the old agency"
    );
}
on_both_backends!(reassign_screen, reassign_form);
