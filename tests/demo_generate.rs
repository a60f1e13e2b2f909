//! `casework demo --cases N`: the generated data set is one the application
//! itself can read and carry on with, on both backends, and the command behaves
//! as a user would expect.

#[macro_use]
mod common;

use std::process::Command;

use axum::http::{Method, StatusCode};
use casework::db::schema::{cases, closure_records, contract_records, users};
use casework::demo::generate::{Options, load};
use common::TestApp;
use diesel::prelude::*;
use serde_json::json;

fn user_id(app: &TestApp, username: &str) -> String {
    app.with_conn(|c| {
        users::table
            .filter(users::username.eq(username))
            .select(users::id)
            .first(c)
            .unwrap()
    })
}

async fn the_app_reads_and_continues_generated_cases(app: TestApp) {
    let summary = load(
        &app.db,
        &Options {
            cases: 300,
            seed: 11,
            force: false,
        },
        &mut |_| {},
    )
    .unwrap();
    let password = summary
        .lines()
        .find(|l| l.starts_with("    "))
        .unwrap()
        .trim()
        .to_owned();

    // The accounts sign in with the password the summary shows.
    for username in ["lixiaomei", "sw01", "sup01"] {
        let (status, body) = app
            .call(
                Method::POST,
                "/api/session",
                None,
                Some(json!({ "username": username, "password": password })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{username}: {body}");
    }

    // A worker's list, filtered by stage, and the page of every case in it.
    let worker = user_id(&app, "sw01");
    let theirs: Vec<(String, String, String)> = app.with_conn(|c| {
        cases::table
            .filter(cases::assigned_worker_id.eq(&worker))
            .select((cases::id, cases::reference, cases::stage))
            .load(c)
            .unwrap()
    });
    assert!(theirs.len() > 10, "{}", theirs.len());
    let (_, reference, stage) = &theirs[0];
    let (status, page) = app
        .get(&format!("/cases?worker={worker}&stage={stage}"), &worker)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.as_str().unwrap().contains(reference.as_str()),
        "{reference}"
    );
    for (id, reference, stage) in theirs.iter().take(40) {
        let (status, page) = app.get(&format!("/cases/{id}"), &worker).await;
        assert_eq!(status, StatusCode::OK, "{reference}");
        assert!(page.as_str().unwrap().contains(reference.as_str()));
        let (status, body) = app.get(&format!("/api/cases/{id}"), &worker).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["case"]["stage"], stage.as_str());
    }

    // The app moves generated cases on: a finished closure is approved by the
    // team's supervisor, an agreed plan moves into intervention.
    let ready =
        |c: &mut casework::db::DbConnection, stage: &str| -> Option<(String, i64, String)> {
            let complete: Vec<String> = match stage {
                "closure" => closure_records::table
                    .filter(closure_records::satisfaction.is_not_null())
                    .select(closure_records::case_id)
                    .load(c)
                    .unwrap(),
                _ => contract_records::table
                    .filter(contract_records::client_agreed.eq(true))
                    .select(contract_records::case_id)
                    .load(c)
                    .unwrap(),
            };
            cases::table
                .filter(cases::stage.eq(stage.to_owned()))
                .filter(cases::id.eq_any(complete))
                .select((
                    cases::id,
                    cases::version,
                    cases::assigned_worker_id.assume_not_null(),
                ))
                .first(c)
                .optional()
                .unwrap()
        };
    let (closing, version, _) = app
        .with_conn(|c| ready(c, "closure"))
        .expect("a generated case with a complete closure");
    let approver: String = app.with_conn(|c| {
        let team: Option<String> = cases::table
            .find(&closing)
            .select(cases::team_id)
            .first(c)
            .unwrap();
        casework::db::schema::team_members::table
            .inner_join(users::table)
            .filter(casework::db::schema::team_members::team_id.eq(team.unwrap()))
            .filter(users::username.like("sup%"))
            .select(users::id)
            .first(c)
            .unwrap()
    });
    let (status, body) = app
        .post(
            &format!("/api/cases/{closing}/transitions"),
            &approver,
            json!({ "version": version, "transition": "approve_closure", "reason": "同意结案" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["case"]["stage"], "closed");
    let (planned, version, assigned) = app
        .with_conn(|c| ready(c, "contract"))
        .expect("a generated case with an agreed plan");
    let (status, body) = app
        .post(
            &format!("/api/cases/{planned}/transitions"),
            &assigned,
            json!({ "version": version, "transition": "advance" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["case"]["stage"], "intervention");
}
on_both_backends!(generated, the_app_reads_and_continues_generated_cases);

fn casework(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_casework"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env("CASEWORK_LOG", "warn")
        .output()
        .expect("run casework");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_generates_refuses_and_explains() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = casework(dir.path(), &["demo", "--cases", "60", "--seed", "3"]);
    assert!(ok, "{err}");
    assert!(out.contains("60 cases"), "{out}");
    assert!(out.contains("seed 3"), "{out}");
    // Not a terminal: no progress bar in the output.
    assert!(!err.contains("cases  ") && !out.contains("left"), "{err}");
    let (ok, _, err) = casework(dir.path(), &["demo", "--cases", "60"]);
    assert!(!ok);
    assert!(err.contains("demo --cases N --force"), "{err}");
    let (ok, _, err) = casework(dir.path(), &["demo", "--seed", "3"]);
    assert!(!ok && err.contains("--cases"), "{err}");
    let (ok, _, err) = casework(dir.path(), &["demo", "--cases", "0"]);
    assert!(!ok && err.contains("--cases"), "{err}");
}
