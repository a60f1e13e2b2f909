//! Security headers on every response, refusal of cross-site writes, cookies and
//! client addresses.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::config::ServeSettings;
use crate::db::audit::{self, AuditAction, Outcome};
use crate::error::AppError;

/// No inline script or style, no framing, nothing from other origins.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the security headers to every response: pages, JSON, errors and files.
pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let is_static = request.uri().path().starts_with("/static/");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    if !is_static {
        // Case data must not linger in shared or browser caches.
        set(h, header::CACHE_CONTROL, "no-store");
    }
    if state.settings.is_https() {
        set(
            h,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        );
    }
    response
}

/// Whether a method changes state (and so needs CSRF protection).
pub fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses state-changing requests that a browser marks as coming from another site,
/// before any handler runs. The per-session token is checked as well, later.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if is_unsafe(request.method()) && is_cross_site(request.headers()) {
        let address = client_address(&request, &state.settings);
        let path = request.uri().path().to_owned();
        let at = state.clock.now();
        let _ = state
            .db
            .run(move |conn| {
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: None,
                        action: AuditAction::CsrfRefused,
                        outcome: Outcome::Refused,
                        record_type: None,
                        record_id: None,
                        case_id: None,
                        client_address: &address,
                        detail: Some(format!("cross-site request to {path}")),
                    },
                    at,
                )
            })
            .await;
        return AppError::CsrfRefused.into_response();
    }
    next.run(request).await
}

/// Records requests refused before any handler could know who sent them: a
/// forged or expired session cookie, an unreadable or oversized body, a
/// malformed id. The request's content is not kept, only what was refused.
pub async fn audit_refused_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let presented_cookie =
        cookie(request.headers(), state.settings.session_cookie_name()).is_some();
    let address = client_address(&request, &state.settings);
    let what = format!("{} {}", request.method(), request.uri().path());
    let response = next.run(request).await;
    let refused = response
        .extensions()
        .get::<std::sync::Arc<AppError>>()
        .and_then(|e| match **e {
            AppError::Unauthenticated if presented_cookie => Some("unknown or expired session"),
            AppError::BadRequest(_) | AppError::BadVersion => Some("unreadable request"),
            AppError::PayloadTooLarge => Some("request too large"),
            AppError::MalformedId(_) => Some("malformed id"),
            _ => None,
        });
    if let Some(reason) = refused {
        let at = state.clock.now();
        let status = response.status().as_u16();
        let recorded = state
            .db
            .run(move |conn| {
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: None,
                        action: AuditAction::RequestRefused,
                        outcome: Outcome::Refused,
                        record_type: None,
                        record_id: None,
                        case_id: None,
                        client_address: &address,
                        detail: Some(format!("{status} {what}: {reason}")),
                    },
                    at,
                )
            })
            .await;
        if let Err(e) = recorded {
            tracing::error!(error = %e, "could not audit a refused request");
        }
    }
    response
}

fn is_cross_site(headers: &HeaderMap) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = get("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    match (get("origin"), get("host")) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            origin_host != host
        }
        _ => false,
    }
}

/// The value of one cookie.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// The session cookie as sent at sign-in.
pub fn session_cookie(settings: &ServeSettings, token: &str) -> HeaderValue {
    cookie_header(settings, token, "")
}

/// A header that removes the session cookie.
pub fn clear_session_cookie(settings: &ServeSettings) -> HeaderValue {
    cookie_header(settings, "", "; Max-Age=0")
}

fn cookie_header(settings: &ServeSettings, value: &str, extra: &str) -> HeaderValue {
    let secure = if settings.insecure_cookies {
        ""
    } else {
        "; Secure"
    };
    let header = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax{extra}{secure}",
        settings.session_cookie_name()
    );
    HeaderValue::from_str(&header).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The client's address: the TCP peer, or the last `X-Forwarded-For` hop behind a proxy.
pub fn client_address<B>(request: &axum::http::Request<B>, settings: &ServeSettings) -> String {
    address_from(request.headers(), request.extensions(), settings)
}

/// Same, from the parts of a request.
pub fn address_from(
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
    settings: &ServeSettings,
) -> String {
    if settings.behind_proxy
        && let Some(last) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
    {
        return last.trim().chars().take(64).collect();
    }
    extensions
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Compares secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_cross_site_requests() {
        let mut h = HeaderMap::new();
        assert!(
            !is_cross_site(&h),
            "no browser hints: API clients are not browsers"
        );
        h.insert("host", HeaderValue::from_static("casework.example"));
        h.insert(
            "origin",
            HeaderValue::from_static("https://casework.example"),
        );
        assert!(!is_cross_site(&h));
        h.insert("origin", HeaderValue::from_static("https://evil.example"));
        assert!(is_cross_site(&h));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(!is_cross_site(&h), "Sec-Fetch-Site wins when present");
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(is_cross_site(&h));
        assert!(
            same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("abc", "ab")
        );
    }
}
