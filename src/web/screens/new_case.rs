//! `GET /cases/new` and `POST /cases/new`: a new case at intake.
//!
//! The client search comes first (name and/or phone, within the agency); its
//! results show each client's open cases and offer to open a new case for them.
//! Otherwise the form registers a new client and opens the case in one write
//! transaction, both audited in it; a name or phone the agency already knows
//! shows those clients again and needs "register anyway". The answer is a 303 to
//! the new case's page.

mod check;

use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, Query, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;

use self::check::{Checked, ClientChoice, check};
use super::home::{case_scope, staff_page};
use crate::access::Principal;
use crate::db::audit::AuditAction;
use crate::db::case_queries::{
    CaseScope, ClientMatch, agency_staff, agency_teams, client_known_to_agency,
    possible_duplicates_in_agency, search_clients, union_organisations,
};
use crate::db::cases::open_case;
use crate::db::clients::insert_client;
use crate::db::submissions::{self, SubmissionKind};
use crate::db::{DbConnection, StoreError, StoreResult};
use crate::domain::Role;
use crate::domain::validation::{FieldError, NewCaseInput, Problem};
use crate::error::AppError;
use crate::views::new_case::{Choices, NewCasePage, NewCaseValues, new_case};
use crate::web::AppState;
use crate::web::actor::FormUser;
use crate::web::cases::audit_case;
use crate::web::clients::audit_client;
use crate::web::locale::from_headers;
use crate::web::page::PageContext;

/// Most clients a search shows.
const SEARCH_LIMIT: i64 = 20;

fn load_choices(conn: &mut DbConnection, who: &Principal) -> StoreResult<Choices> {
    let teams = agency_teams(conn, &who.organisation_id, &who.team_ids)?;
    Ok(Choices {
        allow_no_team: who.role == Role::Supervisor || teams.is_empty(),
        teams,
        staff: agency_staff(conn, &who.organisation_id, false)?,
        unions: union_organisations(conn)?,
        this_year: who.at.year(),
    })
}

/// A blank form with this user's defaults: their first team, and themselves as
/// the worker if they are a social worker; and a fresh one-time token.
fn defaults(who: &Principal, choices: &Choices, name: &str, phone: &str) -> NewCaseValues {
    NewCaseValues {
        full_name: name.to_owned(),
        phone: phone.to_owned(),
        team_id: choices
            .teams
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
        assigned_worker_id: if who.role == Role::SocialWorker {
            who.user_id.clone()
        } else {
            String::new()
        },
        submission: submissions::new_token(),
        ..NewCaseValues::default()
    }
}

async fn query_pairs(parts: &mut Parts, state: &AppState) -> Vec<(String, String)> {
    Query::<Vec<(String, String)>>::from_request_parts(parts, state)
        .await
        .map(|Query(pairs)| pairs)
        .unwrap_or_default()
}

/// `GET /cases/new?name=&phone=` (a search) or `?client_id=` (a chosen client).
pub async fn form(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    let (ctx, scope) = match staff_page(&mut parts, &state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let pairs = query_pairs(&mut parts, &state).await;
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
    };
    let searched = get("name").is_some() || get("phone").is_some();
    let (name, phone) = (
        get("name").unwrap_or_default(),
        get("phone").unwrap_or_default(),
    );
    let client_id = get("client_id").unwrap_or_default();
    let mut search_errors: Vec<(&'static str, &'static str)> = Vec::new();
    if name.chars().count() > 100 {
        search_errors.push(("search.name", "new-case-error-search-name"));
    }
    if phone.chars().count() > 40 {
        search_errors.push(("search.phone", "new-case-error-search-phone"));
    }
    if searched && name.is_empty() && phone.is_empty() {
        search_errors.push(("search.name", "new-case-error-search-empty"));
    }
    if !client_id.is_empty() && uuid::Uuid::parse_str(&client_id).is_err() {
        search_errors.push(("search.client_id", "new-case-error-client"));
    }
    let who = ctx.who.clone();
    let (n, p, c) = (name.clone(), phone.clone(), client_id.clone());
    let may_search = search_errors.is_empty();
    let loaded = state
        .db
        .run(move |conn| {
            let choices = load_choices(conn, &who)?;
            let chosen = if may_search && !c.is_empty() {
                client_known_to_agency(conn, &scope, &c)?
            } else {
                None
            };
            let results = if may_search && searched && c.is_empty() {
                let found = search_clients(conn, &scope, &n, &p, SEARCH_LIMIT)?;
                let detail = format!("{} result(s)", found.len());
                audit_client(conn, &who, AuditAction::ClientSearch, None, Some(detail))?;
                found
            } else {
                Vec::new()
            };
            Ok((choices, chosen, results))
        })
        .await;
    let (choices, chosen, results) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return AppError::from(e).into_response(),
    };
    if may_search && !client_id.is_empty() && chosen.is_none() {
        search_errors.push(("search.client_id", "new-case-error-client"));
    }
    let status = if search_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let values = defaults(&ctx.who, &choices, &name, &phone);
    let page = NewCasePage {
        who: &ctx.who,
        search: (&name, &phone),
        search_errors: &search_errors,
        searched,
        results: &results,
        duplicates: &[],
        chosen: chosen.as_ref(),
        show_form: search_errors.is_empty() && (searched || chosen.is_some()),
        values: &values,
        errors: &[],
        choices: &choices,
    };
    let l = ctx.l;
    (
        status,
        ctx.render(&l.text("new-case-title"), new_case(l, &page)),
    )
        .into_response()
}

/// What the write transaction did.
enum Created {
    /// Where to go: the new case, or the case an earlier POST of the same form
    /// opened.
    Case(String),
    /// Nothing: the agency may already know this client.
    Duplicates(Vec<ClientMatch>),
}

/// `POST /cases/new`. Access is checked before the body is read, so that a
/// role without cases gets 404 whatever it sent.
pub async fn create(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let who = match FormUser::from_request_parts(&mut parts, &state).await {
        Ok(FormUser(who)) => who,
        Err(e) => return e.into_response(),
    };
    let Some(scope) = case_scope(&who) else {
        return AppError::NotFound.into_response();
    };
    let l = from_headers(&parts.headers);
    let pairs =
        match Form::<Vec<(String, String)>>::from_request(Request::from_parts(parts, body), &state)
            .await
        {
            Ok(Form(pairs)) => pairs,
            Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return AppError::PayloadTooLarge.into_response();
            }
            Err(r) => return AppError::BadRequest(r.body_text()).into_response(),
        };
    let sent = pairs
        .iter()
        .find(|(k, _)| k == "csrf_token")
        .map_or("", |(_, v)| v.as_str());
    if let Err(e) = who.check_csrf(&state, sent).await {
        return e.into_response();
    }
    let values = NewCaseValues::from_pairs(&pairs);
    let token = submissions::sent_token(&values.submission);
    let outcome = match check(&values, &who, who.at.year()) {
        Ok(checked) => {
            let written = write(&state, &who, &scope, checked, values.confirm_new, &token).await;
            match (written, &token) {
                (Err(StoreError::StateConflict("submission_replayed")), Some(token)) => {
                    replayed(&state, &who, token).await
                }
                (written, _) => written,
            }
        }
        Err(errors) => Err(StoreError::Invalid(errors)),
    };
    let (errors, duplicates) = match outcome {
        Ok(Created::Case(location)) => return Redirect::to(&location).into_response(),
        Ok(Created::Duplicates(found)) => (Vec::new(), found),
        Err(StoreError::Invalid(errors)) => (errors, Vec::new()),
        Err(e) => return AppError::from(e).into_response(),
    };
    refused(
        &state,
        PageContext {
            who,
            l,
            here: "/cases/new".into(),
            flash: None,
            approvals_waiting: None,
        },
        scope,
        values,
        errors,
        duplicates,
    )
    .await
}

/// Where the POST that won a race for `token` went (it has committed by the
/// time the loser's insert of the same token failed).
async fn replayed(state: &AppState, who: &Principal, token: &str) -> StoreResult<Created> {
    let (user_id, token) = (who.user_id.clone(), token.to_owned());
    state
        .db
        .run(move |conn| {
            submissions::answered(conn, &token, &user_id, SubmissionKind::NewCase)?
                .map(Created::Case)
                .ok_or(StoreError::StateConflict("submission_replayed"))
        })
        .await
}

/// Registers the client if new and opens the case, in one write transaction.
/// A form already answered (its token recorded) goes where it went the first
/// time, before anything else is looked at: the client it registered would
/// otherwise now show as a possible duplicate.
async fn write(
    state: &AppState,
    who: &Principal,
    scope: &CaseScope,
    checked: Checked,
    confirmed: bool,
    token: &Option<String>,
) -> StoreResult<Created> {
    let (who, scope, token) = (who.clone(), scope.clone(), token.clone());
    state
        .db
        .write(move |conn| {
            if let Some(token) = &token {
                let seen =
                    submissions::answered(conn, token, &who.user_id, SubmissionKind::NewCase)?;
                if let Some(location) = seen {
                    return Ok(Created::Case(location));
                }
            }
            let client_id = match checked.client {
                ClientChoice::Existing(id) => {
                    if client_known_to_agency(conn, &scope, &id)?.is_none() {
                        return Err(StoreError::Invalid(vec![FieldError {
                            field: "case.client_id".into(),
                            problem: Problem::Unknown,
                        }]));
                    }
                    id
                }
                ClientChoice::New(input) => {
                    if !confirmed {
                        let found = possible_duplicates_in_agency(
                            conn,
                            &scope,
                            &input.full_name,
                            input.phone.as_deref(),
                        )?;
                        if !found.is_empty() {
                            let detail = format!("duplicate check: {} result(s)", found.len());
                            audit_client(
                                conn,
                                &who,
                                AuditAction::ClientSearch,
                                None,
                                Some(detail),
                            )?;
                            return Ok(Created::Duplicates(found));
                        }
                    }
                    let client = insert_client(conn, input, &who.user_id)?;
                    audit_client(
                        conn,
                        &who,
                        AuditAction::ClientCreate,
                        Some(&client.id),
                        None,
                    )?;
                    client.id
                }
            };
            let case = open_case(
                conn,
                NewCaseInput {
                    case_type: checked.case_type,
                    client_id,
                    organisation_id: who.organisation_id.clone(),
                    team_id: checked.team_id,
                    assigned_worker_id: checked.assigned_worker_id,
                },
                &who.user_id,
            )?;
            audit_case(conn, &who, &case.id, AuditAction::CaseCreate, None)?;
            let location = format!("/cases/{}?flash=created", case.id);
            if let Some(token) = &token {
                submissions::record(
                    conn,
                    token,
                    &who.user_id,
                    SubmissionKind::NewCase,
                    &case.id,
                    &location,
                    who.at,
                )?;
            }
            Ok(Created::Case(location))
        })
        .await
}

/// The form again, as typed, with its problems or the possible duplicates (422).
async fn refused(
    state: &AppState,
    ctx: PageContext,
    scope: CaseScope,
    values: NewCaseValues,
    errors: Vec<FieldError>,
    duplicates: Vec<ClientMatch>,
) -> Response {
    let mut values = values;
    if submissions::sent_token(&values.submission).is_none() {
        values.submission = submissions::new_token();
    }
    let who = ctx.who.clone();
    let client_id = values.client_id.trim().to_owned();
    let loaded = state
        .db
        .run(move |conn| {
            let chosen = match uuid::Uuid::parse_str(&client_id) {
                Ok(_) => client_known_to_agency(conn, &scope, &client_id)?,
                Err(_) => None,
            };
            Ok((load_choices(conn, &who)?, chosen))
        })
        .await;
    let (choices, chosen) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return AppError::from(e).into_response(),
    };
    let page = NewCasePage {
        who: &ctx.who,
        search: (&values.full_name, &values.phone),
        search_errors: &[],
        searched: false,
        results: &[],
        duplicates: &duplicates,
        chosen: chosen.as_ref(),
        show_form: true,
        values: &values,
        errors: &errors,
        choices: &choices,
    };
    let l = ctx.l;
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        ctx.render(&l.text("new-case-title"), new_case(l, &page)),
    )
        .into_response()
}
