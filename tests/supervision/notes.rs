//! Supervision notes: written by a supervisor of the case, seen by the worker
//! beside the record they belong to, kept from teammates when the record is
//! confidential, refused when blank or aimed at nothing, audited, append-only.

use axum::http::StatusCode;
use casework::db::audit::{AuditAction, AuditFilter, AuditScope};
use serde_json::{Value, json};

use crate::common::{Fixture, Snapshot, TestApp};
use crate::support::*;

async fn note(app: &TestApp, who: &str, case: &str, body: Value) -> (StatusCode, Value) {
    app.post(&format!("/api/cases/{case}/notes"), who, body)
        .await
}

fn bodies(list: &Value) -> Vec<String> {
    let mut b: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["body"].as_str().unwrap().to_owned())
        .collect();
    b.sort();
    b
}

/// The text of the element with `id` (up to the end of its list of notes).
fn block<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in the page"));
    let end = start + html[start..].find("</ul>").unwrap_or(html.len() - start);
    &html[start..end]
}

async fn notes_where_they_belong(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = fx.worker.as_str();
    let s = fx.supervisor.as_str();
    let mut c = open(&app, &fx, "counselling", &fx.team, Some(w), "庚").await;
    to_contract(&app, w, &mut c, "high").await;
    approved(&app, &fx, w, &mut c).await;
    session(&app, w, &mut c, today(), "SECRET-NOTES").await;
    let (_, view) = app.get(&format!("/api/cases/{}", c.id), w).await;
    let session_id = view["records"]["sessions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let version_before = view["case"]["version"].clone();

    for (kind, target, text) in [
        ("assessment", None, "NOTE-ON-ASSESSMENT 复评风险"),
        (
            "session",
            Some(session_id.as_str()),
            "NOTE-ON-SESSION 做得好",
        ),
        ("contract", None, "NOTE-ON-PLAN 目标可测"),
        ("intake", Some(c.id.as_str()), "NOTE-ON-INTAKE 同意书齐全"),
    ] {
        let (status, body) = note(
            &app,
            s,
            &c.id,
            json!({ "target_kind": kind,
            "target_id": target, "body": text }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{kind}: {body}");
        assert_eq!(body["target_kind"], kind);
        assert_eq!(body["author_id"], s);
    }
    let (_, view) = app.get(&format!("/api/cases/{}", c.id), w).await;
    assert_eq!(
        view["case"]["version"], version_before,
        "notes do not claim the case's version"
    );

    // The worker and the supervisor read all four; a teammate only those on
    // records that are not confidential; outsiders nothing.
    for who in [w, s] {
        let (status, list) = app.get(&format!("/api/cases/{}/notes", c.id), who).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list.as_array().unwrap().len(), 4);
    }
    let (status, list) = app
        .get(&format!("/api/cases/{}/notes", c.id), &fx.colleague)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        bodies(&list),
        ["NOTE-ON-INTAKE 同意书齐全", "NOTE-ON-PLAN 目标可测"]
    );
    for outsider in [
        &fx.other_team_worker,
        &fx.other_supervisor,
        &fx.stranger,
        &fx.officer,
    ] {
        let (status, _) = app
            .get(&format!("/api/cases/{}/notes", c.id), outsider)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    // On the page each note sits beside its record.
    let p = page(&app, w, &format!("/cases/{}", c.id)).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(block(&p.body, &format!("notes-assessment-{}", c.id)).contains("NOTE-ON-ASSESSMENT"));
    assert!(block(&p.body, &format!("notes-contract-{}", c.id)).contains("NOTE-ON-PLAN"));
    assert!(block(&p.body, &format!("notes-intake-{}", c.id)).contains("NOTE-ON-INTAKE"));
    assert!(block(&p.body, &format!("notes-session-{session_id}")).contains("NOTE-ON-SESSION"));
    assert!(
        !block(&p.body, &format!("notes-contract-{}", c.id)).contains("NOTE-ON-ASSESSMENT"),
        "each note only beside its own record"
    );
    assert!(
        !p.body
            .contains(&format!("action=\"/cases/{}/notes\"", c.id)),
        "no note form for the worker"
    );
    let p = page(&app, &fx.colleague, &format!("/cases/{}", c.id)).await;
    assert!(p.body.contains("NOTE-ON-PLAN") && p.body.contains("NOTE-ON-INTAKE"));
    assert!(!p.body.contains("NOTE-ON-ASSESSMENT") && !p.body.contains("NOTE-ON-SESSION"));
    let p = page(&app, s, &format!("/cases/{}", c.id)).await;
    assert!(
        p.body
            .contains(&format!("action=\"/cases/{}/notes\"", c.id)),
        "the supervisor's form"
    );

    // Each note is audited as a change to the case.
    let details: Vec<String> = app.with_conn(|conn| {
        casework::db::audit::search(
            conn,
            &AuditScope::All,
            &AuditFilter {
                case_id: Some(c.id.clone()),
                action: Some(AuditAction::CaseUpdate),
                ..AuditFilter::default()
            },
            200,
        )
        .unwrap()
        .into_iter()
        .filter_map(|e| e.detail)
        .filter(|d| d.starts_with("supervision_note"))
        .collect()
    });
    assert_eq!(details.len(), 4, "{details:?}");
    assert!(
        details
            .iter()
            .any(|d| d.starts_with("supervision_note session "))
    );
}
on_both_backends!(where_they_belong, notes_where_they_belong);

async fn who_may_write_and_bad_notes(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = fx.worker.as_str();
    let s = fx.supervisor.as_str();
    let mut c = open(&app, &fx, "counselling", &fx.team, Some(w), "辛").await;
    to_contract(&app, w, &mut c, "low").await;
    let mut other = open(&app, &fx, "counselling", &fx.team, Some(w), "壬").await;
    to_contract(&app, w, &mut other, "low").await;
    approved(&app, &fx, w, &mut other).await;
    session(&app, w, &mut other, today(), "x").await;
    let (_, view) = app.get(&format!("/api/cases/{}", other.id), w).await;
    let foreign_session = view["records"]["sessions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let before = Snapshot::take(&app);
    let ok = json!({ "target_kind": "contract", "body": "fine" });
    for (who, status) in [
        (w, StatusCode::FORBIDDEN),
        (fx.colleague.as_str(), StatusCode::FORBIDDEN),
        (fx.other_supervisor.as_str(), StatusCode::NOT_FOUND),
        (fx.admin.as_str(), StatusCode::NOT_FOUND),
    ] {
        assert_eq!(note(&app, who, &c.id, ok.clone()).await.0, status, "{who}");
    }
    for (body, field) in [
        (
            json!({ "target_kind": "contract", "body": "   " }),
            "note.body",
        ),
        (
            json!({ "target_kind": "contract", "body": "长".repeat(2001) }),
            "note.body",
        ),
        (
            json!({ "target_kind": "diary", "body": "x" }),
            "note.target_kind",
        ),
        (
            json!({ "target_kind": "session", "target_id": foreign_session, "body": "x" }),
            "note.target_id",
        ),
        (
            json!({ "target_kind": "session", "body": "x" }),
            "note.target_id",
        ),
        (
            json!({ "target_kind": "contract", "target_id": other.id, "body": "x" }),
            "note.target_id",
        ),
        (
            json!({ "target_kind": "closure", "body": "no closure record yet" }),
            "note.target_id",
        ),
    ] {
        let (status, answer) = note(&app, s, &c.id, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        assert_eq!(answer["fields"][0]["field"], field, "{body}");
    }
    let (status, _) = note(
        &app,
        s,
        &c.id,
        json!({ "target_kind": "contract", "body": "x",
        "author_id": fx.worker }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a crafted author is refused"
    );
    assert_eq!(Snapshot::take(&app), before, "refusals change nothing");

    // Through the case page's form: a blank note comes back with its problem;
    // a good one returns to the record.
    let uri = format!("/cases/{}/notes", c.id);
    let target = [("target_kind", "contract"), ("target_id", c.id.as_str())];
    let p = form(&app, s, &uri, &[target[0], target[1], ("body", "  ")]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("The note is required."), "{}", p.body);
    assert!(
        p.body.contains("<details class=\"note-form\" open"),
        "the form stays open"
    );
    let p = form(
        &app,
        s,
        &uri,
        &[target[0], target[1], ("body", "请补充服务频率的依据 <b>")],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert_eq!(
        p.location.as_deref(),
        Some(format!("/cases/{}?flash=note-added#notes-contract-{}", c.id, c.id).as_str())
    );
    let p = page(&app, w, &format!("/cases/{}", c.id)).await;
    assert!(
        p.body.contains("请补充服务频率的依据 &lt;b&gt;"),
        "escaped, beside the plan"
    );
    let p = form(&app, w, &uri, &[target[0], target[1], ("body", "mine")]).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);

    // Notes cannot be rewritten, in the database either.
    app.with_conn(|conn| {
        use casework::db::schema::supervision_notes;
        use diesel::prelude::*;
        assert!(
            diesel::update(supervision_notes::table)
                .set(supervision_notes::body.eq("rewritten"))
                .execute(conn)
                .is_err()
        );
        assert!(
            diesel::delete(supervision_notes::table)
                .execute(conn)
                .is_err()
        );
    });
}
on_both_backends!(writing, who_may_write_and_bad_notes);

/// No code path updates or deletes supervision notes or the reassignment log.
#[test]
fn no_code_rewrites_supervision_logs() {
    let mut offenders = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace([' ', '\n'], "");
            for table in ["supervision_notes", "case_assignments"] {
                for verb in ["update(", "delete("] {
                    if text.contains(&format!("{verb}{table}::")) {
                        offenders.push(format!("{} {verb}{table}", path.display()));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}

/// A note's form sent twice (a double click, a reload) saves one note and sends
/// both POSTs to it; a refused note keeps its token, a fresh form has a new one.
async fn a_note_sent_twice_is_saved_once(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (w, s) = (fx.worker.as_str(), fx.supervisor.as_str());
    let mut c = open(&app, &fx, "counselling", &fx.team, Some(w), "辛").await;
    to_contract(&app, w, &mut c, "low").await;
    let token_in = |html: &str| {
        let block = &html[html
            .find(&format!("id=\"notes-contract-{}\"", c.id))
            .expect("the plan's notes block")..];
        let marker = "name=\"submission\" value=\"";
        let at = block.find(marker).expect("a submission token") + marker.len();
        block[at..at + block[at..].find('"').unwrap()].to_owned()
    };
    let count = || {
        app.with_conn(|conn| {
            use casework::db::schema::supervision_notes;
            use diesel::prelude::*;
            supervision_notes::table
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
    };
    let token = token_in(&page(&app, s, &format!("/cases/{}", c.id)).await.body);
    let uri = format!("/cases/{}/notes", c.id);
    let mut fields = vec![
        ("target_kind", "contract"),
        ("target_id", c.id.as_str()),
        ("submission", token.as_str()),
        ("body", " "),
    ];
    let p = form(&app, s, &uri, &fields).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(token_in(&p.body), token, "the refused form keeps its token");
    fields[3].1 = "目标需要更具体";
    let first = form(&app, s, &uri, &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    for _ in 0..2 {
        let again = form(&app, s, &uri, &fields).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
        assert_eq!(again.location, first.location);
    }
    assert_eq!(count(), 1, "one note however often the form is sent");
    let fresh = token_in(&page(&app, s, &format!("/cases/{}", c.id)).await.body);
    assert_ne!(fresh, token);
    fields[2].1 = fresh.as_str();
    let p = form(&app, s, &uri, &fields).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(count(), 2, "a new form writes a new note");
    // The JSON API takes no token and is unchanged.
    let (status, _) = note(
        &app,
        s,
        &c.id,
        json!({ "target_kind": "contract", "target_id": c.id, "body": "API" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(count(), 3);
}
on_both_backends!(sent_twice, a_note_sent_twice_is_saved_once);

/// The timeline entries of supervision notes on a case page, each as its HTML.
fn timeline_notes(html: &str) -> Vec<&str> {
    html.match_indices("<li class=\"event-noted\">")
        .map(|(at, _)| {
            let end = at + html[at..].find("</li>").unwrap();
            &html[at..end]
        })
        .collect()
}

/// Supervision notes appear on the case page's timeline with who wrote them and
/// when, for exactly the readers who may read them.
async fn notes_on_the_timeline(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (w, s) = (fx.worker.as_str(), fx.supervisor.as_str());
    let mut c = open(&app, &fx, "counselling", &fx.team, Some(w), "壬").await;
    to_contract(&app, w, &mut c, "low").await;
    for (kind, text) in [("assessment", "TL-CONFIDENTIAL"), ("contract", "TL-OPEN")] {
        let (status, body) = note(
            &app,
            s,
            &c.id,
            json!({ "target_kind": kind, "target_id": c.id, "body": text }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    for reader in [w, s] {
        let p = page(&app, reader, &format!("/cases/{}", c.id)).await;
        let entries = timeline_notes(&p.body);
        assert_eq!(entries.len(), 2, "{}", p.body);
        for e in &entries {
            assert!(e.contains("王建国"), "who: {e}");
            assert!(e.contains("<time datetime="), "when: {e}");
            assert!(e.contains("Supervision note"));
        }
        assert!(entries.iter().any(|e| e.contains("TL-OPEN")
            && e.contains(&format!("href=\"#notes-contract-{}\"", c.id))
            && e.contains("On the plan and contract")));
        assert!(entries.iter().any(|e| e.contains("TL-CONFIDENTIAL")));
    }
    // A teammate may not read the note on the (confidential) assessment.
    let p = page(&app, &fx.colleague, &format!("/cases/{}", c.id)).await;
    assert_eq!(p.status, StatusCode::OK);
    let entries = timeline_notes(&p.body);
    assert_eq!(entries.len(), 1);
    assert!(entries[0].contains("TL-OPEN"));
    assert!(!p.body.contains("TL-CONFIDENTIAL"));
}
on_both_backends!(on_the_timeline, notes_on_the_timeline);
