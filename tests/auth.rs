//! Accounts and sessions through HTTP: cookies, expiry, throttling, CSRF,
//! security headers, disabling, password change, sign-out and first-run setup.

#[macro_use]
mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use chrono::Duration;
use common::{Fixture, TestApp};
use serde_json::{Value, json};

const PASSWORD: &str = "violet-harbour-tram-42";

fn json_request(method: Method, uri: &str, body: Value, address: [u8; 4]) -> Request<Body> {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(std::net::SocketAddr::from((address, 40000))));
    req
}

async fn sign_in(
    app: &TestApp,
    username: &str,
    password: &str,
    address: [u8; 4],
) -> (StatusCode, HeaderMap, Value) {
    let (status, headers, body) = app
        .send(json_request(
            Method::POST,
            "/api/session",
            json!({ "username": username, "password": password }),
            address,
        ))
        .await;
    (
        status,
        headers,
        serde_json::from_slice(&body).unwrap_or(Value::Null),
    )
}

fn token_from(headers: &HeaderMap) -> String {
    let cookie = headers.get("set-cookie").unwrap().to_str().unwrap();
    cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned()
}

async fn with_session(
    app: &TestApp,
    method: Method,
    uri: &str,
    token: &str,
    csrf: Option<&str>,
    body: Option<Value>,
) -> StatusCode {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header("cookie", app.cookie(token));
    if let Some(csrf) = csrf {
        req = req.header("x-csrf-token", csrf);
    }
    let req = match body {
        Some(b) => req
            .header("content-type", "application/json")
            .body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    }
    .unwrap();
    app.send(req).await.0
}

async fn cookies_and_fresh_tokens(app: TestApp) {
    let fx = Fixture::insert(&app);
    app.set_password(&fx.worker, "lixm", PASSWORD);
    let (status, headers, body) = sign_in(&app, "LiXM ", PASSWORD, [10, 0, 0, 1]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cookie = headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.starts_with("__Host-casework_session="), "{cookie}");
    for attribute in ["; Path=/", "; HttpOnly", "; SameSite=Lax", "; Secure"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(
        !cookie.contains("Domain="),
        "__Host- cookies carry no Domain"
    );
    let first = token_from(&headers);
    assert_eq!(first.len(), 32, "128 bits in hex");
    assert_eq!(body["csrf_token"].as_str().unwrap().len(), 32);
    assert_eq!(body["role"], "social_worker");

    // Signing in again, even while presenting the old cookie, gives a new token.
    let mut req = json_request(
        Method::POST,
        "/api/session",
        json!({ "username": "lixm", "password": PASSWORD }),
        [10, 0, 0, 1],
    );
    req.headers_mut()
        .insert("cookie", app.cookie(&first).parse().unwrap());
    let (status, headers, _) = app.send(req).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(token_from(&headers), first);

    // The stored id is a hash, not the token.
    let stored: Vec<String> = app.with_conn(|c| {
        use diesel::prelude::*;
        casework::db::schema::auth_sessions::table
            .select(casework::db::schema::auth_sessions::id)
            .load(c)
            .unwrap()
    });
    assert!(!stored.contains(&first) && stored.contains(&casework::db::sessions::token_id(&first)));

    // Wrong password and unknown name: the same answer, both audited.
    let (status, _, wrong) = sign_in(&app, "lixm", "not the password", [10, 0, 0, 1]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, unknown) = sign_in(&app, "nobody", PASSWORD, [10, 0, 0, 1]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong, unknown);
    let failed = app.with_conn(|c| {
        casework::db::audit::failed_sign_ins(
            c,
            "lixm",
            "10.0.0.1",
            casework::db::now() - Duration::hours(1),
        )
        .unwrap()
    });
    assert_eq!(failed, (1, 2));
}
on_both_backends!(cookies, cookies_and_fresh_tokens);

async fn sessions_expire(app: TestApp) {
    let fx = Fixture::insert(&app);
    app.set_password(&fx.worker, "lixm", PASSWORD);
    let (_, headers, _) = sign_in(&app, "lixm", PASSWORD, [10, 0, 0, 2]).await;
    let token = token_from(&headers);
    assert_eq!(
        with_session(&app, Method::GET, "/api/session", &token, None, None).await,
        StatusCode::OK
    );
    app.clock.advance(Duration::minutes(29));
    assert_eq!(
        with_session(&app, Method::GET, "/api/session", &token, None, None).await,
        StatusCode::OK
    );
    app.clock.advance(Duration::minutes(31));
    assert_eq!(
        with_session(&app, Method::GET, "/api/session", &token, None, None).await,
        StatusCode::UNAUTHORIZED,
        "idle for 31 minutes"
    );

    // Absolute limit: active every 20 minutes, still ends after 12 hours.
    let (_, headers, _) = sign_in(&app, "lixm", PASSWORD, [10, 0, 0, 2]).await;
    let token = token_from(&headers);
    let mut alive_for = Duration::zero();
    while with_session(&app, Method::GET, "/api/session", &token, None, None).await
        == StatusCode::OK
    {
        app.clock.advance(Duration::minutes(20));
        alive_for += Duration::minutes(20);
        assert!(alive_for <= Duration::hours(13), "the session must end");
    }
    assert_eq!(alive_for, Duration::hours(12));
}
on_both_backends!(expiry, sessions_expire);

async fn sign_ins_are_throttled(app: TestApp) {
    let fx = Fixture::insert(&app);
    app.set_password(&fx.worker, "lixm", PASSWORD);
    for _ in 0..5 {
        let (status, _, _) = sign_in(&app, "lixm", "guess", [10, 0, 0, 3]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused now, from any address.
    let (status, _, body) = sign_in(&app, "lixm", PASSWORD, [10, 0, 0, 4]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"], "throttled");
    app.clock.advance(Duration::minutes(16));
    let (status, _, _) = sign_in(&app, "lixm", PASSWORD, [10, 0, 0, 4]).await;
    assert_eq!(status, StatusCode::OK, "the pause ends");

    // Per address: twenty failures over many names pause that address only.
    for i in 0..20 {
        sign_in(&app, &format!("name{i}"), "guess", [10, 0, 0, 5]).await;
    }
    app.set_password(&fx.colleague, "emily", PASSWORD);
    let (status, _, _) = sign_in(&app, "emily", PASSWORD, [10, 0, 0, 5]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let (status, _, _) = sign_in(&app, "emily", PASSWORD, [10, 0, 0, 6]).await;
    assert_eq!(status, StatusCode::OK);
}
on_both_backends!(throttling, sign_ins_are_throttled);

async fn csrf_is_required(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (token, csrf) = app.session_for(&fx.worker);
    let body = json!({ "full_name": "x" });
    assert_eq!(
        with_session(
            &app,
            Method::POST,
            "/api/clients",
            &token,
            None,
            Some(body.clone())
        )
        .await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        with_session(
            &app,
            Method::POST,
            "/api/clients",
            &token,
            Some("0".repeat(32).as_str()),
            Some(body.clone())
        )
        .await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        with_session(
            &app,
            Method::POST,
            "/api/clients",
            &token,
            Some(&csrf),
            Some(body.clone())
        )
        .await,
        StatusCode::CREATED
    );
    assert_eq!(
        with_session(&app, Method::GET, "/api/cases", &token, None, None).await,
        StatusCode::OK,
        "reads need no token"
    );

    // A browser's cross-site request is refused even with the token.
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let req = Request::builder()
            .method(Method::POST)
            .uri("/api/clients")
            .header("host", "casework.example")
            .header(name, value)
            .header("cookie", app.cookie(&token))
            .header("x-csrf-token", &csrf)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let (status, _, answer) = app.send(req).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(String::from_utf8_lossy(&answer).contains("csrf_refused"));
    }
    let refused = app.with_conn(|c| {
        casework::db::audit::search(
            c,
            &casework::db::audit::AuditScope::All,
            &casework::db::audit::AuditFilter {
                action: Some(casework::db::audit::AuditAction::CsrfRefused),
                ..Default::default()
            },
            100,
        )
        .unwrap()
        .len()
    });
    assert_eq!(refused, 4, "every CSRF refusal is audited");
    let clients: i64 = app.with_conn(|c| {
        use diesel::prelude::*;
        casework::db::schema::clients::table
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(clients, 1, "refused requests changed nothing");
}
on_both_backends!(csrf, csrf_is_required);

async fn headers_on_every_response(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (token, _) = app.session_for(&fx.worker);
    let requests = [
        ("/", None),
        ("/sign-in", None),
        ("/healthz", None),
        ("/static/app.css", None),
        ("/api/cases", None),
        ("/api/cases", Some(&token)),
        ("/api/cases/not-an-id", Some(&token)),
        ("/no/such/thing", None),
    ];
    for (uri, token) in requests {
        let mut req = Request::builder().uri(uri);
        if let Some(t) = token {
            req = req.header("cookie", app.cookie(t));
        }
        let (status, headers, _) = app.send(req.body(Body::empty()).unwrap()).await;
        let h = |name: &str| {
            headers
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        let csp = h("content-security-policy");
        assert!(
            csp.contains("frame-ancestors 'none'")
                && csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline"),
            "{uri}: {csp}"
        );
        assert_eq!(h("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(h("referrer-policy"), "no-referrer", "{uri}");
        assert_eq!(h("x-frame-options"), "DENY", "{uri}");
        assert!(
            h("strict-transport-security").is_empty(),
            "no HSTS over plain HTTP"
        );
        if uri != "/static/app.css" {
            assert_eq!(h("cache-control"), "no-store", "{uri} ({status})");
        }
    }
    // Over HTTPS, HSTS too.
    let mut settings = casework::config::ServeSettings::for_tests();
    settings.public_url = Some("https://casework.example".into());
    let https = casework::build_app(app.db.clone(), settings, app.clock.clone());
    use tower::ServiceExt;
    let response = https
        .oneshot(
            Request::builder()
                .uri("/healthz")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
}
on_both_backends!(security_headers, headers_on_every_response);

async fn disabling_and_password_change(app: TestApp) {
    let fx = Fixture::insert(&app);
    app.set_password(&fx.worker, "lixm", PASSWORD);
    let (_, headers, body) = sign_in(&app, "lixm", PASSWORD, [10, 0, 0, 7]).await;
    let (token, csrf) = (
        token_from(&headers),
        body["csrf_token"].as_str().unwrap().to_owned(),
    );

    // Password change: the current password is required, the new one must be strong.
    let change =
        |current: &str, new: &str| json!({ "current_password": current, "new_password": new });
    let status = with_session(
        &app,
        Method::PUT,
        "/api/session/password",
        &token,
        Some(&csrf),
        Some(change("wrong", "another-long-phrase-77")),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, answer) = app
        .call(
            Method::PUT,
            "/api/session/password",
            Some(&fx.worker),
            Some(change(PASSWORD, "password123456")),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer["fields"][0]["field"], "account.new_password");
    let req = Request::builder()
        .method(Method::PUT)
        .uri("/api/session/password")
        .header("cookie", app.cookie(&token))
        .header("x-csrf-token", &csrf)
        .header("content-type", "application/json")
        .body(Body::from(
            change(PASSWORD, "another-long-phrase-77").to_string(),
        ))
        .unwrap();
    let (status, headers, _) = app.send(req).await;
    assert_eq!(status, StatusCode::OK);
    let renewed = token_from(&headers);
    assert_ne!(renewed, token);
    assert_eq!(
        with_session(&app, Method::GET, "/api/session", &token, None, None).await,
        StatusCode::UNAUTHORIZED,
        "old sessions end"
    );
    assert_eq!(
        with_session(&app, Method::GET, "/api/session", &renewed, None, None).await,
        StatusCode::OK
    );
    assert_eq!(
        sign_in(&app, "lixm", PASSWORD, [10, 0, 0, 7]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in(&app, "lixm", "another-long-phrase-77", [10, 0, 0, 7])
            .await
            .0,
        StatusCode::OK
    );

    // Disabling ends every session and blocks sign-in.
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/api/admin/users/{}/disable", fx.worker),
            Some(&fx.admin),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        with_session(&app, Method::GET, "/api/session", &renewed, None, None).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in(&app, "lixm", "another-long-phrase-77", [10, 0, 0, 7])
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );

    // Signing out ends the session and clears the cookie.
    app.set_password(&fx.colleague, "emily", PASSWORD);
    let (_, headers, body) = sign_in(&app, "emily", PASSWORD, [10, 0, 0, 7]).await;
    let (token, csrf) = (
        token_from(&headers),
        body["csrf_token"].as_str().unwrap().to_owned(),
    );
    let req = Request::builder()
        .method(Method::DELETE)
        .uri("/api/session")
        .header("cookie", app.cookie(&token))
        .header("x-csrf-token", &csrf)
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = app.send(req).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(
        headers
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(
        with_session(&app, Method::GET, "/api/session", &token, None, None).await,
        StatusCode::UNAUTHORIZED
    );
}
on_both_backends!(accounts, disabling_and_password_change);

async fn first_run_setup(app: TestApp) {
    let token = app.with_conn(|c| casework::db::setup::create(c, app.clock.now()).unwrap());
    let uri = format!("/setup/{token}");
    let (status, page) = app.call(Method::GET, &uri, None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.as_str().unwrap().contains("organisation_name"));
    let form = |password: &str| {
        format!(
            "organisation_name=%E9%B9%8F%E5%9F%8E%E7%A4%BE%E5%B7%A5&organisation_kind=agency&display_name=Admin&username=admin&password={password}"
        )
    };
    let post = |body: String| {
        Request::builder()
            .method(Method::POST)
            .uri(&uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    };
    let (status, _, page) = app.send(post(form("admin"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        String::from_utf8_lossy(&page).contains("12"),
        "the page says how long a password must be"
    );
    let (status, headers, _) = app.send(post(form("violet-harbour-tram-42"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(headers.get("set-cookie").is_some(), "signed in at once");
    let (status, _, _) = app.send(post(form("violet-harbour-tram-42"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a setup link works once");
    let (status, _) = app.call(Method::GET, &uri, None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = sign_in(&app, "admin", "violet-harbour-tram-42", [10, 0, 0, 8]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["role"], "administrator");
}
on_both_backends!(setup, first_run_setup);
