//! The benchmark's baseline endpoints: absent unless switched on; when on,
//! Fortunes reads the organisations, adds a row, sorts, and escapes.

#[macro_use]
mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Fixture, TestApp};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn get(router: &axum::Router, uri: &str) -> (StatusCode, String, String) {
    let response = router
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

async fn baselines(app: TestApp) {
    Fixture::insert(&app);
    for uri in ["/bench/plaintext", "/bench/fortunes"] {
        let (status, _, _) = get(&app.router, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri} is off by default");
    }
    let mut settings = app.settings.clone();
    settings.bench_endpoints = true;
    let router = casework::build_app(app.db.clone(), settings, app.clock.clone());
    let (status, content_type, body) = get(&router, "/bench/plaintext").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/plain");
    assert_eq!(body, "Hello, World!");

    let (status, content_type, body) = get(&router, "/bench/fortunes").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(!body.contains("<script>"), "escaped: {body}");
    assert!(
        body.contains("&lt;script&gt;alert(&quot;转义&quot;)&lt;/script&gt; &amp; 完"),
        "{body}"
    );
    // Every organisation, plus the added row, sorted by name.
    let names: Vec<&str> = body
        .split("<td>")
        .skip(1)
        .skip(1)
        .step_by(2)
        .map(|cell| cell.split("</td>").next().unwrap())
        .collect();
    assert_eq!(names.len(), 4, "{body}");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.contains(&"南山区总工会") && names.contains(&"Harbour Social Services"));
}
on_both_backends!(bench, baselines);
