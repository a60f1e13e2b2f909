//! Robustness: everything that reads untrusted input is fed arbitrary input for a
//! bounded number of cases, and must answer without panicking; over HTTP, no
//! request may get a 500.
//!
//! - the stage forms' reader (`forms::parse`) for every form and case type, and
//!   the transition form;
//! - the case list's query-string reader and its page cursor;
//! - the JSON bodies of every API input;
//! - every POST, PUT and DELETE route of the router's own table (so a route added
//!   later is covered without touching this file), with arbitrary forms, JSON and
//!   bytes, sent by a signed-in user with a valid CSRF token so that the request
//!   gets past access control into the parsers; and every GET route with an
//!   arbitrary query string, language header and cookie.
//!
//! Case counts are bounded (`PROPTEST_CASES` raises them for a longer run).

#[macro_use]
mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use casework::db::case_queries::{Cursor, SortKey};
use casework::domain::validation::{
    AssessmentInput, ClientInput, ClosureInput, ContractInput, DetailsInput, IntakeInput,
    NewCaseInput, SessionInput,
};
use casework::domain::vocab::CaseType;
use casework::views::case_list::ListParams;
use casework::views::stage_forms::{FormKind, FormValues};
use casework::web::router::route_table;
use casework::web::screens::{case_list, forms};
use common::{Fixture, TestApp, create_client, open_case};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Cases per property; each is cheap, the HTTP ones a few milliseconds.
fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Every field name the forms and the list read, and names of the same shapes.
const NAMES: &[&str] = &[
    "channel",
    "presenting_problem",
    "urgency",
    "consent_service",
    "consent_sensitive",
    "guardian_consent",
    "physiological",
    "psychological",
    "social",
    "risk_level",
    "risk_screening",
    "needs",
    "strengths",
    "who5.1",
    "who5.2",
    "who5.3",
    "who5.4",
    "who5.5",
    "who5_saved",
    "goals.0.description",
    "goals.0.indicator",
    "goals.0.target_date",
    "goals.0.id",
    "goals.0.remove",
    "goals.1.description",
    "goals.99999999999999999999.indicator",
    "goals.18446744073709551615.description",
    "goals..",
    "goals.-1.id",
    "services",
    "frequency",
    "client_agreed",
    "agreed_on",
    "held_on",
    "duration_minutes",
    "mode",
    "participants",
    "notes",
    "services_delivered",
    "reason",
    "closure_reason",
    "satisfaction",
    "summary",
    "follow_up_plan",
    "attainment.0",
    "concern",
    "self_harm_screening",
    "preferred_mode",
    "parties",
    "conflict",
    "agreement_reached",
    "employer",
    "category",
    "workers_affected",
    "amount_in_dispute",
    "route",
    "outcome",
    "amount_recovered",
    "groups",
    "resources_linked",
    "transition",
    "version",
    "csrf_token",
    "case_type",
    "client_id",
    "full_name",
    "gender",
    "birth_year",
    "phone",
    "union_member",
    "union_id",
    "district",
    "special_groups",
    "team_id",
    "assigned_worker_id",
    "confirm_new",
    "q",
    "stage",
    "risk",
    "worker",
    "org",
    "from",
    "to",
    "sort",
    "after",
    "name",
    "username",
    "password",
    "organisation_name",
    "display_name",
];

/// Values that probe the readers: codes, numbers in every shape, dates, ids,
/// full-width digits, huge and negative numbers, control characters, long text.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        prop::sample::select(vec![
            "on",
            "true",
            "hotline",
            "advance",
            "close_early",
            "step_back",
            "reopen",
            "high",
            "closed",
            "open",
            "none",
            "risk",
            "updated",
            "reference",
            "counselling",
            "labour_dispute",
            "goals_achieved",
            "2026-02-30",
            "2026-11-23",
            "0000-00-00",
            "9999-12-31",
            "-1",
            "0",
            "5",
            "101",
            "1e9",
            "9223372036854775808",
            "１２３",
            "１２，５００．５０",
            "¥12,500.50",
            "NaN",
            "CW-2026-000001",
            "CW-2026-1%",
            "1795000000000000~x",
            "4~1795000000000000~6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab",
            "6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab",
            "%00",
            "\u{0}",
            "\u{202e}",
            "<script>",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,40}",
        any::<i64>().prop_map(|n| n.to_string()),
        (1usize..3000).prop_map(|n| "字".repeat(n)),
    ]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        4 => prop::sample::select(NAMES.to_vec()).prop_map(str::to_owned),
        1 => "\\PC{0,20}",
    ];
    prop::collection::vec((name, value()), 0..40)
}

#[test]
fn stage_forms_read_any_input() {
    let kinds = [
        FormKind::Intake,
        FormKind::Assessment,
        FormKind::Contract,
        FormKind::Session,
        FormKind::Closure,
        FormKind::Details,
    ];
    TestRunner::new(config(400))
        .run(
            &(
                pairs(),
                prop::sample::select(kinds.to_vec()),
                prop::sample::select(CaseType::ALL.to_vec()),
            ),
            |(pairs, kind, case_type)| {
                let values = FormValues::from_pairs(pairs);
                match forms::parse(kind, &values, case_type) {
                    Ok(parsed) => {
                        let _ = parsed.remap_errors(Vec::new());
                    }
                    Err(errors) => prop_assert!(!errors.is_empty()),
                }
                let _ = forms::transition_of(&values);
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn the_case_list_reads_any_query() {
    let staff = vec![(
        "6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab".to_owned(),
        "李晓梅".to_owned(),
    )];
    TestRunner::new(config(400))
        .run(&pairs(), |pairs| {
            let params = ListParams::from_pairs(&pairs);
            match case_list::parse(&params, "org", &staff) {
                Ok(_) => {}
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
            let _ = params.link(Some("x"));
            Ok(())
        })
        .unwrap();
}

#[test]
fn cursors_decode_any_text_and_round_trip() {
    TestRunner::new(config(1000))
        .run(
            &(prop::sample::select(SortKey::ALL.to_vec()), "\\PC{0,100}"),
            |(sort, text)| {
                // Whatever decodes, encodes back to a cursor that decodes the same.
                if let Some(cursor) = Cursor::decode(sort, &text) {
                    prop_assert_eq!(Cursor::decode(sort, &cursor.encode()), Some(cursor));
                }
                Ok(())
            },
        )
        .unwrap();
    TestRunner::new(config(1000))
        .run(
            &(any::<i64>(), any::<u128>(), 0u8..8),
            |(micros, id, rank)| {
                let id = uuid::Uuid::from_u128(id);
                for text in [format!("{micros}~{id}"), format!("{rank}~{micros}~{id}")] {
                    for sort in SortKey::ALL {
                        if let Some(cursor) = Cursor::decode(sort, &text) {
                            prop_assert_eq!(Cursor::decode(sort, &cursor.encode()), Some(cursor));
                        }
                    }
                }
                Ok(())
            },
        )
        .unwrap();
}

/// JSON that is often almost right: objects with the inputs' field names.
fn json_body() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        value().prop_map(serde_json::Value::from),
    ];
    let json = leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::vec(
                (
                    prop::sample::select(NAMES.to_vec()).prop_map(str::to_owned),
                    inner
                ),
                0..8
            )
            .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    });
    prop_oneof![
        3 => json.prop_map(|v| v.to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..200),
    ]
}

#[test]
fn json_inputs_read_and_validate_anything() {
    TestRunner::new(config(500))
        .run(&json_body(), |bytes| {
            let this_year = 2026;
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
            if let Ok(i) = serde_json::from_slice::<ClientInput>(&bytes) {
                let _ = i.validate(this_year);
            }
            if let Ok(i) = serde_json::from_slice::<IntakeInput>(&bytes) {
                let _ = i.validate();
            }
            if let Ok(i) = serde_json::from_slice::<AssessmentInput>(&bytes) {
                let _ = i.validate();
            }
            if let Ok(i) = serde_json::from_slice::<ContractInput>(&bytes) {
                let _ = i.validate(today);
            }
            if let Ok(i) = serde_json::from_slice::<SessionInput>(&bytes) {
                let _ = i.validate(today);
            }
            if let Ok(i) = serde_json::from_slice::<ClosureInput>(&bytes) {
                let _ = i.validate();
            }
            if let Ok(i) = serde_json::from_slice::<DetailsInput>(&bytes) {
                let _ = i.validate();
            }
            let _ = serde_json::from_slice::<NewCaseInput>(&bytes);
            Ok(())
        })
        .unwrap();
}

/// `application/x-www-form-urlencoded`, as a browser sends a form.
fn encode(pairs: &[(String, String)]) -> String {
    serde_urlencoded::to_string(pairs).expect("pairs of strings encode")
}

/// A request body and the content type it claims.
fn body() -> impl Strategy<Value = (Option<&'static str>, Vec<u8>)> {
    let form = pairs().prop_map(|pairs| encode(&pairs).into_bytes());
    prop_oneof![
        3 => form.prop_map(|b| (Some("application/x-www-form-urlencoded"), b)),
        3 => json_body().prop_map(|b| (Some("application/json"), b)),
        1 => prop::collection::vec(any::<u8>(), 0..300).prop_map(|b| (Some("application/x-www-form-urlencoded"), b)),
        1 => prop::collection::vec(any::<u8>(), 0..300).prop_map(|b| (None, b)),
        1 => prop::collection::vec(any::<u8>(), 0..300).prop_map(|b| (Some("text/plain; charset=utf-8"), b)),
    ]
}

/// Arbitrary bodies to every state-changing route, as a signed-in worker with a
/// valid CSRF token (header and form field), then arbitrary queries and headers
/// to every GET route: no 500, no panic.
async fn no_route_fails_on_any_input(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "随机输入", 1985).await;
    let (case_id, _) = open_case(&app, &fx, "counselling", &client).await;
    let setup_token = app.with_conn(|c| casework::db::setup::create(c, app.clock.now()).unwrap());
    let (token, csrf) = app.session_for(&fx.worker);
    let cookie = app.cookie(&token);
    let table = route_table();
    let writes: Vec<_> = table
        .iter()
        .filter(|r| r.method != Method::GET)
        // Signing out would end the session the rest of the run uses.
        .filter(|r| {
            !(r.path == "/sign-out" || (r.path == "/api/session" && r.method == Method::DELETE))
        })
        .cloned()
        .collect();
    let reads: Vec<_> = table
        .iter()
        .filter(|r| r.method == Method::GET)
        .cloned()
        .collect();
    let path = |p: &str| {
        p.replace(
            "/api/admin/users/{id}",
            &format!("/api/admin/users/{}", fx.colleague),
        )
        .replace(
            "/api/admin/teams/{id}",
            &format!("/api/admin/teams/{}", fx.team),
        )
        .replace("{id}", &case_id)
        .replace("{token}", &setup_token)
        .replace("{tag}", "zh-TW")
    };
    let runtime = tokio::runtime::Handle::current();
    let app = &app;
    let served = std::sync::atomic::AtomicUsize::new(0);
    let statuses = std::sync::Mutex::new(std::collections::BTreeMap::<u16, usize>::new());
    tokio::task::block_in_place(|| {
        TestRunner::new(config(300))
            .run(
                &(
                    prop::sample::select(writes.clone()),
                    body(),
                    pairs(),
                    json_body(),
                    any::<bool>(),
                ),
                |(route, (content_type, bytes), form, json, almost_right)| {
                    // Half the requests carry what gets them past their first
                    // checks: the body kind the route reads (JSON for the API,
                    // a form for the screens), the form's CSRF token, the case's
                    // current version. The readers behind see the arbitrary rest.
                    let (content_type, bytes) = if almost_right {
                        let version = app.with_conn(|c| {
                            casework::db::cases::find_case(c, &case_id).unwrap().version
                        });
                        if route.path.starts_with("/api/") {
                            let data = String::from_utf8_lossy(&json).into_owned();
                            let body = if serde_json::from_str::<serde_json::Value>(&data).is_ok() {
                                format!("{{\"version\":{version},\"data\":{data}}}")
                            } else {
                                data
                            };
                            (Some("application/json"), body.into_bytes())
                        } else {
                            let mut fields = vec![
                                ("csrf_token".to_owned(), csrf.clone()),
                                ("version".to_owned(), version.to_string()),
                            ];
                            fields.extend(form);
                            (
                                Some("application/x-www-form-urlencoded"),
                                encode(&fields).into_bytes(),
                            )
                        }
                    } else {
                        (content_type, bytes)
                    };
                    let mut req = Request::builder()
                        .method(route.method.clone())
                        .uri(path(route.path))
                        .header("cookie", &cookie)
                        .header("x-csrf-token", &csrf);
                    if let Some(t) = content_type {
                        req = req.header("content-type", t);
                    }
                    let req = req.body(Body::from(bytes)).unwrap();
                    let (status, _, body) = runtime.block_on(app.send(req));
                    prop_assert_ne!(
                        status,
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "{} {}: {}",
                        route.method,
                        route.path,
                        String::from_utf8_lossy(&body)
                    );
                    prop_assert!(!String::from_utf8_lossy(&body).contains("database is locked"));
                    *statuses.lock().unwrap().entry(status.as_u16()).or_default() += 1;
                    served.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    Ok(())
                },
            )
            .unwrap();
        // Cut to a length a URI can have (servers refuse longer request lines
        // before the application sees them); a cut may split an escape, which is
        // one more thing to read.
        let query = pairs().prop_map(|pairs| {
            let mut q = encode(&pairs);
            q.truncate(16_000);
            q
        });
        let header = "[ -~]{0,60}";
        TestRunner::new(config(300))
            .run(
                &(
                    prop::sample::select(reads.clone()),
                    query,
                    header,
                    header,
                    any::<bool>(),
                ),
                |(route, query, language, junk_cookie, signed_in)| {
                    let mut req = Request::builder()
                        .method(Method::GET)
                        .uri(format!("{}?{query}", path(route.path)))
                        .header("accept-language", language);
                    req = if signed_in {
                        req.header("cookie", format!("{cookie}; {junk_cookie}"))
                    } else {
                        req.header("cookie", junk_cookie)
                    };
                    let (status, _, body) =
                        runtime.block_on(app.send(req.body(Body::empty()).unwrap()));
                    prop_assert_ne!(
                        status,
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "GET {}?{}: {}",
                        route.path,
                        query,
                        String::from_utf8_lossy(&body)
                    );
                    served.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    Ok(())
                },
            )
            .unwrap();
    });
    let served = served.into_inner();
    assert!(served >= 600, "{served}");
    // The writes reached the handlers: some were accepted, most refused as bad input.
    let statuses = statuses.into_inner().unwrap();
    eprintln!("{statuses:?}");
    assert!(
        statuses.keys().any(|s| (200..400).contains(s)),
        "{statuses:?}"
    );
    assert!(
        statuses.contains_key(&422) && statuses.contains_key(&400),
        "{statuses:?}"
    );
}
on_both_backends!(http, no_route_fails_on_any_input);
