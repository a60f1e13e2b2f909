//! The real `casework` binary as a child process, and a small HTTP client for it:
//! for tests of what only a process can show (a crash, a backup of a live server).

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the harness"
)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

pub const PASSWORD: &str = "violet-harbour-tram-42";

/// Runs a `casework` command to completion; panics with its output if it fails.
pub fn casework(url: &str, args: &[&str], stdin: Option<&str>) -> String {
    let (ok, stdout, stderr) = casework_result(url, args, stdin);
    assert!(ok, "casework {args:?} failed: {stdout}{stderr}");
    stdout
}

/// Runs a `casework` command to completion: whether it succeeded, its output and errors.
pub fn casework_result(url: &str, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_casework"))
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env("CASEWORK_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run casework");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(input);
    let out = child.wait_with_output().expect("wait");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Creates a social worker who can sign in (and, on the way, migrates the database).
pub fn create_worker(url: &str, username: &str) {
    casework(
        url,
        &[
            "create-user",
            "--username",
            username,
            "--display-name",
            "李晓梅",
            "--role",
            "social_worker",
            "--organisation",
            "鹏城社工服务中心",
            "--create-organisation",
            "agency",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
}

/// A running server.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `casework serve` on a free loopback port and waits until it answers.
    pub async fn start(url: &str) -> Server {
        let port = {
            let probe = TcpListener::bind("127.0.0.1:0").expect("free port");
            probe.local_addr().expect("addr").port()
        };
        let child = Command::new(env!("CARGO_BIN_EXE_casework"))
            .args(["--database-url", url, "--pool-size", "16"])
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("CASEWORK_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start casework serve");
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let http = Http::new(&server.base);
        let started = Instant::now();
        loop {
            if let Ok((200, _)) = http.get("/healthz").await {
                return server;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not come up"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no shutdown, no flushing, no goodbye.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP/1.1 client with a session, as a browser script would hold one.
#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    base: String,
    cookie: Option<String>,
    csrf: Option<String>,
}

/// A request that got no HTTP answer (the server is gone).
#[derive(Debug)]
pub struct NoAnswer(pub String);

impl Http {
    pub fn new(base: &str) -> Http {
        Http {
            client: Client::builder(TokioExecutor::new()).build_http(),
            base: base.to_owned(),
            cookie: None,
            csrf: None,
        }
    }

    /// Signs in through the API; panics if that fails.
    pub async fn signed_in(base: &str, username: &str) -> Http {
        let mut http = Http::new(base);
        let body = serde_json::json!({ "username": username, "password": PASSWORD });
        let request = http.request("POST", "/api/session", Some(&body));
        let response = http.client.request(request).await.expect("sign-in request");
        let cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("session cookie")
            .to_owned();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let info: Value = serde_json::from_slice(&bytes).expect("session JSON");
        http.csrf = info["csrf_token"].as_str().map(str::to_owned);
        http.cookie = Some(cookie);
        http
    }

    fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> axum::http::Request<Full<Bytes>> {
        let mut builder = axum::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            builder = builder.header("cookie", cookie);
        }
        if let Some(csrf) = &self.csrf {
            builder = builder.header("x-csrf-token", csrf);
        }
        let payload = match body {
            Some(b) => {
                builder = builder.header("content-type", "application/json");
                Bytes::from(b.to_string())
            }
            None => Bytes::new(),
        };
        builder.body(Full::new(payload)).expect("request")
    }

    /// Sends a request; the status and the body as JSON (or as a JSON string).
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Value), NoAnswer> {
        let response = self
            .client
            .request(self.request(method, path, body))
            .await
            .map_err(|e| NoAnswer(e.to_string()))?;
        let status = response.status().as_u16();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| NoAnswer(e.to_string()))?
            .to_bytes();
        let value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Ok((status, value))
    }

    pub async fn get(&self, path: &str) -> Result<(u16, Value), NoAnswer> {
        self.send("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Result<(u16, Value), NoAnswer> {
        self.send("POST", path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Result<(u16, Value), NoAnswer> {
        self.send("PUT", path, Some(body)).await
    }
}

/// Opens a case for the signed-in worker and walks it into assessment with a
/// complete assessment, so that it can go back and forth between assessment and
/// contract. Returns (case id, version).
pub async fn case_in_assessment(
    http: &Http,
    worker: &str,
    organisation: &str,
    n: usize,
) -> (String, i64) {
    use serde_json::json;
    let ok = |r: Result<(u16, Value), NoAnswer>, want: u16| {
        let (status, body) = r.expect("answer");
        assert_eq!(status, want, "{body}");
        body
    };
    let client = ok(
        http.post(
            "/api/clients",
            &json!({ "full_name": format!("服务对象{n}"), "gender": "female", "birth_year": 1988 }),
        )
        .await,
        201,
    );
    let case = ok(
        http.post(
            "/api/cases",
            &json!({ "case_type": "counselling", "client_id": client["id"],
                     "organisation_id": organisation, "assigned_worker_id": worker }),
        )
        .await,
        201,
    );
    let id = case["id"].as_str().expect("id").to_owned();
    let mut version = case["version"].as_i64().expect("version");
    ok(
        http.put(
            &format!("/api/cases/{id}/intake"),
            &json!({ "version": version, "data": { "channel": "hotline", "presenting_problem": "失眠",
                     "urgency": "soon", "consent_service": true, "consent_sensitive": true } }),
        )
        .await,
        200,
    );
    version += 1;
    ok(
        http.post(
            &format!("/api/cases/{id}/transitions"),
            &json!({ "version": version, "transition": "advance" }),
        )
        .await,
        200,
    );
    version += 1;
    ok(
        http.put(
            &format!("/api/cases/{id}/assessment"),
            &json!({ "version": version, "data": { "physiological": "a", "psychological": "b",
                     "social": "c", "risk_level": "low", "risk_screening": "none", "who5_baseline": 52 } }),
        )
        .await,
        200,
    );
    version += 1;
    (id, version)
}
