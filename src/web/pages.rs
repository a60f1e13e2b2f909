//! The few HTML pages this release has: home, sign-in, sign-out and first-run setup.
//! The staff screens come with their own issue and will share this layout.

use axum::Form;
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use maud::{Markup, html};

pub use crate::views::layout::layout;
use serde::Deserialize;

use super::AppState;
use super::actor::FormUser;
use super::auth::{password_errors, sign_in, sign_out};
use super::locale::RequestLocale;
use super::security::{address_from, clear_session_cookie, session_cookie};
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::{StoreError, accounts, organisations, sessions, setup};
use crate::domain::vocab::{OrganisationKind, Role};
use crate::error::{AppError, field_message};
use crate::i18n::Locale;

/// `GET /`.
pub async fn home(
    State(state): State<AppState>,
    RequestLocale(l): RequestLocale,
    request: Request,
) -> Markup {
    let (mut parts, _) = request.into_parts();
    let who = FormUser::from_request_parts(&mut parts, &state)
        .await
        .ok()
        .map(|FormUser(w)| w);
    match &who {
        Some(who) => {
            let content = html! {
                h1 { (l.text("app-tagline")) }
                div.card {
                    p { (l.text_with("signed-in-as", &[("name", who.display_name.clone().into())])) }
                    p.muted { (l.text("home-next")) }
                }
            };
            layout(l, &l.text("app-name"), Some(who), content)
        }
        None => signed_out_home(l),
    }
}

/// The start page for visitors who are not signed in (the staff screens'
/// home, `web::screens::home`, shows it to them).
pub fn signed_out_home(l: Locale) -> Markup {
    let content = html! {
        h1 { (l.text("app-tagline")) }
        p { (l.text("home-running")) }
        p { a href="/sign-in" { (l.text("sign-in-title")) } }
        // Members without an account ask for help here (the public form).
        p { a href="/help" { (l.text("home-ask-help")) } }
    };
    layout(l, &l.text("app-name"), None, content)
}

fn sign_in_page(l: Locale, error: Option<String>, username: &str) -> Markup {
    let content = html! {
        h1 { (l.text("sign-in-title")) }
        @if let Some(e) = &error { p.error role="alert" id="sign-in-error" { (e) } }
        form.card.narrow method="post" action="/sign-in" {
            label for="username" { (l.text("sign-in-username")) }
            input id="username" name="username" autocomplete="username" required value=(username)
                aria-describedby=[error.as_ref().map(|_| "sign-in-error")];
            label for="password" { (l.text("sign-in-password")) }
            input id="password" name="password" type="password" autocomplete="current-password" required;
            button type="submit" { (l.text("sign-in-submit")) }
        }
    };
    layout(l, &l.text("sign-in-title"), None, content)
}

/// `GET /sign-in`.
pub async fn sign_in_form(RequestLocale(l): RequestLocale) -> Markup {
    sign_in_page(l, None, "")
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
}

/// `POST /sign-in`: on success a new session and a redirect home.
pub async fn sign_in_submit(
    State(state): State<AppState>,
    RequestLocale(l): RequestLocale,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    Form(form): Form<SignInForm>,
) -> Response {
    let address = address_from(&headers, &extensions, &state.settings);
    match sign_in(&state, &form.username, &form.password, &address).await {
        Ok(signed) => (
            AppendHeaders([(
                header::SET_COOKIE,
                session_cookie(&state.settings, &signed.token),
            )]),
            Redirect::to("/"),
        )
            .into_response(),
        Err(e) => {
            let status = match e {
                AppError::Throttled => StatusCode::TOO_MANY_REQUESTS,
                AppError::BadCredentials => StatusCode::UNAUTHORIZED,
                _ => return e.into_response(),
            };
            let message = e.body(l)["message"].as_str().unwrap_or_default().to_owned();
            (status, sign_in_page(l, Some(message), &form.username)).into_response()
        }
    }
}

/// A form that only carries the CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf_token: String,
}

/// `POST /sign-out`.
pub async fn sign_out_submit(
    State(state): State<AppState>,
    FormUser(who): FormUser,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    who.check_csrf(&state, &form.csrf_token).await?;
    sign_out(&state, &who, &headers).await?;
    Ok((
        AppendHeaders([(header::SET_COOKIE, clear_session_cookie(&state.settings))]),
        Redirect::to("/sign-in"),
    )
        .into_response())
}

fn setup_page(l: Locale, token: &str, errors: &[String], form: Option<&SetupForm>) -> Markup {
    let value = |f: fn(&SetupForm) -> &str| form.map(f).unwrap_or_default().to_owned();
    let content = html! {
        h1 { (l.text("setup-title")) }
        p { (l.text("setup-intro")) }
        @if !errors.is_empty() {
            div.error role="alert" { @for e in errors { p { (e) } } }
        }
        form.card.narrow method="post" action={ "/setup/" (token) } {
            label for="organisation_name" { (l.text("setup-organisation-name")) }
            input id="organisation_name" name="organisation_name" required value=(value(|f| &f.organisation_name));
            label for="organisation_kind" { (l.text("setup-organisation-kind")) }
            select id="organisation_kind" name="organisation_kind" {
                @for kind in OrganisationKind::ALL {
                    option value=(kind.as_str()) selected[form.is_some_and(|f| f.organisation_kind == kind.as_str())] {
                        (l.label("organisation-kind", kind.as_str()))
                    }
                }
            }
            label for="display_name" { (l.text("setup-display-name")) }
            input id="display_name" name="display_name" required value=(value(|f| &f.display_name));
            label for="username" { (l.text("sign-in-username")) }
            input id="username" name="username" autocomplete="username" required value=(value(|f| &f.username));
            label for="password" { (l.text("sign-in-password")) }
            input id="password" name="password" type="password" autocomplete="new-password" required minlength="12";
            p.muted { (l.text("setup-password-hint")) }
            button type="submit" { (l.text("setup-submit")) }
        }
    };
    layout(l, &l.text("setup-title"), None, content)
}

fn invalid_link(l: Locale) -> Response {
    let content =
        html! { h1 { (l.text("setup-title")) } p.error { (l.text("setup-invalid-link")) } };
    (
        StatusCode::NOT_FOUND,
        layout(l, &l.text("setup-title"), None, content),
    )
        .into_response()
}

/// `GET /setup/{token}`: the first administrator's form, while the link is valid.
pub async fn setup_form(
    State(state): State<AppState>,
    RequestLocale(l): RequestLocale,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let at = state.clock.now();
    let t = token.clone();
    let valid = state
        .db
        .run(move |conn| Ok(!accounts::any_login(conn)? && setup::is_valid(conn, &t, at)?))
        .await?;
    if !valid {
        return Ok(invalid_link(l));
    }
    Ok(setup_page(l, &token, &[], None).into_response())
}

/// The first-run form.
#[derive(Debug, Deserialize)]
pub struct SetupForm {
    organisation_name: String,
    organisation_kind: String,
    display_name: String,
    username: String,
    password: String,
}

/// `POST /setup/{token}`: creates the organisation and its administrator, signs in.
pub async fn setup_submit(
    State(state): State<AppState>,
    RequestLocale(l): RequestLocale,
    Path(token): Path<String>,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    Form(form): Form<SetupForm>,
) -> Result<Response, AppError> {
    let address = address_from(&headers, &extensions, &state.settings);
    let kind = form.organisation_kind.parse::<OrganisationKind>();
    let check = kind
        .as_ref()
        .map_err(|_| {
            let mut e = crate::domain::validation::Errors::default();
            e.unknown("setup.organisation_kind");
            AppError::from(StoreError::Invalid(e.finish().unwrap_err()))
        })
        .and_then(|_| {
            password_errors(
                "account.password",
                &form.password,
                &[&form.username, &form.display_name],
            )
        });
    if let Err(AppError::Invalid(errors)) = check {
        let messages: Vec<String> = errors.iter().map(|e| field_message(e, l)).collect();
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            setup_page(l, &token, &messages, Some(&form)),
        )
            .into_response());
    }
    let kind = kind.map_err(|_| AppError::Internal)?;
    let at = state.clock.now();
    let policy = state.settings.session_policy();
    let (t, f) = (token.clone(), form);
    let outcome = state
        .db
        .run(move |conn| {
            let hash = accounts::hash_password(&f.password)?;
            crate::db::write_transaction(conn, |conn| {
                if accounts::any_login(conn)? || !setup::consume(conn, &t, at)? {
                    return Ok(None);
                }
                let org = {
                    let mut e = crate::domain::validation::Errors::default();
                    e.required_text("setup.organisation_name", &f.organisation_name, 200);
                    e.finish().map_err(StoreError::Invalid)?;
                    organisations::insert_organisation(
                        conn,
                        f.organisation_name.trim(),
                        kind,
                        None,
                    )?
                };
                let user = accounts::create_account(
                    conn,
                    &accounts::NewAccount {
                        username: &f.username,
                        display_name: &f.display_name,
                        role: Role::Administrator,
                        organisation_id: &org.id,
                        team_ids: &[],
                        password_hash: &hash,
                    },
                    at,
                )?;
                let (session_token, _) = sessions::create(conn, &user.id, &address, at, policy)?;
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: Some(&user.id),
                        action: AuditAction::SetupAdmin,
                        outcome: Outcome::Allowed,
                        record_type: Some("user"),
                        record_id: Some(&user.id),
                        case_id: None,
                        client_address: &address,
                        detail: None,
                    },
                    at,
                )?;
                Ok(Some(session_token))
            })
        })
        .await;
    match outcome {
        Ok(Some(session_token)) => Ok((
            AppendHeaders([(
                header::SET_COOKIE,
                session_cookie(&state.settings, &session_token),
            )]),
            Redirect::to("/"),
        )
            .into_response()),
        Ok(None) => Ok(invalid_link(l)),
        Err(StoreError::Invalid(errors)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            setup_page(
                l,
                &token,
                &errors
                    .iter()
                    .map(|e| field_message(e, l))
                    .collect::<Vec<_>>(),
                None,
            ),
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `GET /static/app.css`: the stylesheets of every area, served as one file.
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        concat!(
            include_str!("../../static/app.css"),
            include_str!("../../static/cases.css"),
            include_str!("../../static/lists.css"),
            include_str!("../../static/referrals.css"),
            include_str!("../../static/supervision.css"),
            include_str!("../../static/outbound.css"),
            include_str!("../../static/evaluation.css"),
        ),
    )
}

/// Query of the language switch.
#[derive(Debug, Deserialize)]
pub struct LanguageQuery {
    back: Option<String>,
}

/// Whether `back` is a path on this site that every browser reads the same way.
/// Browsers drop tabs and newlines from URLs and treat `\\` as `/`, so
/// `/\t/evil.com` is followed as `//evil.com`, another site; and a control
/// character cannot go into a `Location` header at all. Only printable ASCII
/// without spaces or backslashes, starting with exactly one `/`, is safe.
fn is_local_path(back: &str) -> bool {
    back.starts_with('/')
        && !back.starts_with("//")
        && back.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

/// `GET /language/{tag}?back=/path`: remembers the choice in a cookie for a year
/// and goes back. Only paths on this site are followed (no open redirect).
pub async fn switch_language(
    Path(tag): Path<String>,
    axum::extract::Query(q): axum::extract::Query<LanguageQuery>,
) -> Response {
    let back = q
        .back
        .filter(|b| is_local_path(b))
        .unwrap_or_else(|| "/".to_owned());
    match Locale::from_tag(&tag) {
        Some(locale) => {
            let cookie = format!(
                "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                super::locale::LANG_COOKIE,
                locale.tag()
            );
            (
                AppendHeaders([(header::SET_COOKIE, cookie)]),
                Redirect::to(&back),
            )
                .into_response()
        }
        None => Redirect::to(&back).into_response(),
    }
}
