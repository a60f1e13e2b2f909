//! The request's language: the `casework_lang` cookie if set, else Accept-Language.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::i18n::Locale;

/// Name of the cookie that remembers a user's language choice.
pub const LANG_COOKIE: &str = "casework_lang";

/// The locale a request asks for.
pub fn from_headers(headers: &HeaderMap) -> Locale {
    let from_cookie = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Locale::from_tag(value));
    from_cookie.unwrap_or_else(|| {
        Locale::negotiate(
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    })
}

/// Extractor for the request's locale.
pub struct RequestLocale(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for RequestLocale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestLocale(from_headers(&parts.headers)))
    }
}
