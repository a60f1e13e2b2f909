//! The test harness: the real application on a real database, driven through HTTP.
//!
//! `TestApp::sqlite()` uses a fresh SQLite file; `TestApp::postgres()` a fresh
//! PostgreSQL database created next to `CASEWORK_TEST_POSTGRES_URL` (and dropped
//! afterwards), or `None` when that variable is not set.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the harness"
)]

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use casework::clock::Clock;
use casework::config::ServeSettings;
use casework::db::{
    DatabaseUrl, Db, DbConnection, PoolSettings, accounts, migrations, organisations, sessions,
};
use casework::domain::vocab::{OrganisationKind, Role};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use tower::ServiceExt;

/// One application under test, with its own database.
pub struct TestApp {
    pub router: Router,
    pub db: Db,
    pub backend: &'static str,
    pub clock: Clock,
    pub settings: ServeSettings,
    /// Session token and CSRF token per user id, made on first use.
    sessions: Mutex<HashMap<String, (String, String)>>,
    _sqlite_dir: Option<tempfile::TempDir>,
    pg_cleanup: Option<(String, String)>,
}

fn pool() -> PoolSettings {
    PoolSettings {
        max_size: 8,
        acquire_timeout: Duration::from_secs(10),
    }
}

impl TestApp {
    /// A fresh SQLite file in a temporary folder.
    pub fn sqlite() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = DatabaseUrl::Sqlite(dir.path().join("casework.db"));
        Self::build(url, "sqlite", Some(dir), None)
    }

    /// A fresh PostgreSQL database, if `CASEWORK_TEST_POSTGRES_URL` is set. In CI
    /// (`CI=true`) the variable is required, so the PostgreSQL suite cannot be
    /// skipped by accident.
    pub fn postgres() -> Option<TestApp> {
        let Ok(base) = std::env::var("CASEWORK_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var("CI").is_err(),
                "CI is set but CASEWORK_TEST_POSTGRES_URL is not: the PostgreSQL suite must run in CI"
            );
            return None;
        };
        let name = format!("casework_test_{}", uuid::Uuid::new_v4().simple());
        admin_sql(&base, &format!("CREATE DATABASE {name}"));
        let url = replace_db_name(&base, &name);
        Some(Self::build(
            DatabaseUrl::Postgres(url),
            "postgres",
            None,
            Some((base, name)),
        ))
    }

    fn build(
        url: DatabaseUrl,
        backend: &'static str,
        dir: Option<tempfile::TempDir>,
        pg_cleanup: Option<(String, String)>,
    ) -> TestApp {
        let db = Db::connect(&url, &pool()).expect("connect");
        migrations::run_pending(&mut db.get().expect("conn")).expect("migrate");
        let clock = Clock::manual();
        let settings = ServeSettings::for_tests();
        let router = casework::build_app(db.clone(), settings.clone(), clock.clone());
        TestApp {
            router,
            db,
            backend,
            clock,
            settings,
            sessions: Mutex::new(HashMap::new()),
            _sqlite_dir: dir,
            pg_cleanup,
        }
    }

    /// Runs synchronous database code (fixtures, snapshots).
    pub fn with_conn<T>(&self, f: impl FnOnce(&mut DbConnection) -> T) -> T {
        let mut conn = self.db.get().expect("conn");
        f(&mut conn)
    }

    /// A signed-in session for a user, made directly in the database (signing in
    /// through HTTP is tested on its own); returns (session token, CSRF token).
    pub fn session_for(&self, user_id: &str) -> (String, String) {
        let mut cache = self.sessions.lock().unwrap();
        cache
            .entry(user_id.to_owned())
            .or_insert_with(|| {
                self.with_conn(|c| {
                    let (token, session) = sessions::create(
                        c,
                        user_id,
                        "test",
                        self.clock.now(),
                        self.settings.session_policy(),
                    )
                    .expect("session");
                    (token, session.csrf_token)
                })
            })
            .clone()
    }

    /// Forgets cached sessions (after a test ended them).
    pub fn forget_sessions(&self) {
        self.sessions.lock().unwrap().clear();
    }

    /// Sends a request; returns the status and the body as JSON (or as a JSON string).
    /// `actor` is a user id (a session is made for it), `raw-cookie:TOKEN` to send a
    /// given session token, or `None` for no session.
    pub async fn call(
        &self,
        method: Method,
        uri: &str,
        actor: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.call_with(method, uri, actor, body, &[]).await
    }

    /// Like [`TestApp::call`], with extra headers.
    pub async fn call_with(
        &self,
        method: Method,
        uri: &str,
        actor: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(uri);
        let cookie_name = self.settings.session_cookie_name();
        match actor {
            Some(raw) if raw.starts_with("raw-cookie:") => {
                req = req.header(
                    "cookie",
                    format!("{cookie_name}={}", &raw["raw-cookie:".len()..]),
                );
            }
            Some(user_id) => {
                let (token, csrf) = self.session_for(user_id);
                req = req
                    .header("cookie", format!("{cookie_name}={token}"))
                    .header("x-csrf-token", csrf);
            }
            None => {}
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = match body {
            Some(b) => req
                .header("content-type", "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .expect("request");
        let response = self.router.clone().oneshot(req).await.expect("response");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        (status, value)
    }

    /// Sends a prepared request as-is; returns status, headers and body bytes.
    pub async fn send(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let response = self.router.clone().oneshot(req).await.expect("response");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes().to_vec();
        (parts.status, parts.headers, bytes)
    }

    /// The cookie header value for a session token.
    pub fn cookie(&self, token: &str) -> String {
        format!("{}={token}", self.settings.session_cookie_name())
    }

    /// Gives a fixture user a login name and password.
    pub fn set_password(&self, user_id: &str, username: &str, password: &str) {
        let hash = accounts::hash_password(password).unwrap();
        self.with_conn(|c| {
            accounts::set_login(c, user_id, username, &hash, casework::db::now()).unwrap()
        });
    }

    pub async fn get(&self, uri: &str, actor: &str) -> (StatusCode, Value) {
        self.call(Method::GET, uri, Some(actor), None).await
    }

    pub async fn post(&self, uri: &str, actor: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, uri, Some(actor), Some(body)).await
    }

    pub async fn put(&self, uri: &str, actor: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, uri, Some(actor), Some(body)).await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((base, name)) = self.pg_cleanup.take() {
            admin_sql(
                &base,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            );
        }
    }
}

fn replace_db_name(url: &str, name: &str) -> String {
    let (prefix, rest) = url.rsplit_once('/').expect("postgres URL with a database");
    let query = rest
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    format!("{prefix}/{name}{query}")
}

fn admin_sql(base: &str, sql: &str) {
    use diesel::Connection;
    use diesel::connection::SimpleConnection;
    let mut conn =
        diesel::pg::PgConnection::establish(base).expect("connect to the PostgreSQL test server");
    conn.batch_execute(sql).expect(sql);
}

/// The people and organisations most tests need.
pub struct Fixture {
    pub agency: String,
    pub team: String,
    pub other_team: String,
    pub other_agency: String,
    pub union: String,
    pub worker: String,
    pub colleague: String,
    pub supervisor: String,
    pub stranger: String,
    pub officer: String,
    pub admin: String,
    /// A social worker of the same agency, in another team.
    pub other_team_worker: String,
    /// The supervisor of that other team.
    pub other_supervisor: String,
}

impl Fixture {
    pub fn insert(app: &TestApp) -> Fixture {
        app.with_conn(|c| {
            let union = organisations::insert_organisation(
                c,
                "南山区总工会",
                OrganisationKind::DistrictUnion,
                None,
            )
            .unwrap();
            let agency = organisations::insert_organisation(
                c,
                "鹏城社工服务中心",
                OrganisationKind::Agency,
                None,
            )
            .unwrap();
            let other = organisations::insert_organisation(
                c,
                "Harbour Social Services",
                OrganisationKind::Agency,
                None,
            )
            .unwrap();
            let team = organisations::insert_team(c, &agency.id, "职工服务一组").unwrap();
            let other_team = organisations::insert_team(c, &agency.id, "职工服务二组").unwrap();
            let stranger_team = organisations::insert_team(c, &other.id, "Team A").unwrap();
            let at = casework::db::now();
            let user = |c: &mut DbConnection, org: &str, name: &str, role, team: Option<&str>| {
                let id = organisations::insert_user(c, org, name, role).unwrap().id;
                if let Some(team) = team {
                    accounts::add_to_team(c, team, &id, at).unwrap();
                }
                id
            };
            Fixture {
                worker: user(c, &agency.id, "李晓梅", Role::SocialWorker, Some(&team.id)),
                colleague: user(
                    c,
                    &agency.id,
                    "Emily Chen",
                    Role::SocialWorker,
                    Some(&team.id),
                ),
                supervisor: user(c, &agency.id, "王建国", Role::Supervisor, Some(&team.id)),
                stranger: user(
                    c,
                    &other.id,
                    "John Smith",
                    Role::SocialWorker,
                    Some(&stranger_team.id),
                ),
                officer: user(c, &union.id, "张卫东", Role::UnionOfficer, None),
                admin: user(c, &agency.id, "Admin", Role::Administrator, None),
                other_team_worker: user(
                    c,
                    &agency.id,
                    "陈刚",
                    Role::SocialWorker,
                    Some(&other_team.id),
                ),
                other_supervisor: user(
                    c,
                    &agency.id,
                    "Grace Lin",
                    Role::Supervisor,
                    Some(&other_team.id),
                ),
                agency: agency.id,
                team: team.id,
                other_team: other_team.id,
                other_agency: other.id,
                union: union.id,
            }
        })
    }
}

/// Creates a client through the API; returns its id.
pub async fn create_client(app: &TestApp, actor: &str, name: &str, birth_year: i32) -> String {
    let (status, body) = app
        .post(
            "/api/clients",
            actor,
            json!({ "full_name": name, "gender": "female", "birth_year": birth_year,
                    "phone": "13800000001", "employer": "富康电子厂", "union_member": true,
                    "special_groups": ["migrant_worker"] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_str().unwrap().to_owned()
}

/// Opens a case at intake; returns (id, version).
pub async fn open_case(
    app: &TestApp,
    fx: &Fixture,
    case_type: &str,
    client: &str,
) -> (String, i64) {
    let (status, body) = app
        .post(
            "/api/cases",
            &fx.worker,
            json!({ "case_type": case_type, "client_id": client, "organisation_id": fx.agency,
                    "team_id": fx.team, "assigned_worker_id": fx.worker }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (
        body["id"].as_str().unwrap().to_owned(),
        body["version"].as_i64().unwrap(),
    )
}

/// Runs one async test body on SQLite, and on PostgreSQL when configured.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$body($crate::common::TestApp::sqlite()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match $crate::common::TestApp::postgres() {
                    Some(app) => super::$body(app).await,
                    None => eprintln!("CASEWORK_TEST_POSTGRES_URL not set: PostgreSQL run skipped"),
                }
            }
        }
    };
}

/// Everything a refused request must leave untouched: row counts of every case
/// table, and each case's stage, version and last change.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    counts: Vec<(String, i64)>,
    cases: Vec<(String, String, i64, String)>,
}

pub const CASE_TABLES: &[&str] = &[
    "clients",
    "cases",
    "intake_records",
    "assessment_records",
    "contract_records",
    "goals",
    "sessions",
    "closure_records",
    "counselling_details",
    "mediation_details",
    "labour_dispute_details",
    "special_group_details",
    "case_transitions",
    "case_reference_counters",
    "approval_policies",
    "approval_requests",
    "supervision_notes",
    "case_assignments",
];

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

impl Snapshot {
    pub fn take(app: &TestApp) -> Snapshot {
        use casework::db::schema::cases;
        use diesel::prelude::*;
        app.with_conn(|c| {
            let counts = CASE_TABLES
                .iter()
                .map(|t| {
                    let n = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {t}"))
                        .get_result::<Count>(c)
                        .unwrap()
                        .n;
                    (t.to_string(), n)
                })
                .collect();
            let cases = cases::table
                .select((cases::id, cases::stage, cases::version, cases::updated_at))
                .order(cases::id)
                .load::<(String, String, i64, chrono::NaiveDateTime)>(c)
                .unwrap()
                .into_iter()
                .map(|(id, stage, v, at)| (id, stage, v, at.to_string()))
                .collect();
            Snapshot { counts, cases }
        })
    }
}

/// A fresh PostgreSQL database next to `CASEWORK_TEST_POSTGRES_URL`, dropped
/// afterwards, for tests that run the server as a process; `None` when the
/// variable is not set (and a failure in CI, as for [`TestApp::postgres`]).
pub struct FreshPostgres {
    pub url: String,
    base: String,
    name: String,
}

impl FreshPostgres {
    pub fn create() -> Option<FreshPostgres> {
        let Ok(base) = std::env::var("CASEWORK_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var("CI").is_err(),
                "CI is set but CASEWORK_TEST_POSTGRES_URL is not: the PostgreSQL suite must run in CI"
            );
            return None;
        };
        let name = format!("casework_test_{}", uuid::Uuid::new_v4().simple());
        admin_sql(&base, &format!("CREATE DATABASE {name}"));
        Some(FreshPostgres {
            url: replace_db_name(&base, &name),
            base,
            name,
        })
    }
}

impl Drop for FreshPostgres {
    fn drop(&mut self) {
        admin_sql(
            &self.base,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}
