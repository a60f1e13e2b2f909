//! Referral screens: `GET /referrals` (the officer's referrals, or the agency's
//! intake queue), `GET|POST /referrals/new` (an officer refers a member),
//! `GET /referrals/{id}` and its actions: accept, decline, request-info (the
//! agency), add-info (the officer), outcome (the worker's summary for the union).
//!
//! Access is decided by `access::decide_referral` before a body is read; every
//! view and change is audited; each change claims the referral's version, so that
//! two people accepting at once open exactly one case.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};

use super::forms::{Reader, read_checked_form};
use super::home::case_scope;
use crate::access::{Decision, Principal, ReferralAction, decide_referral, may_refer};
use crate::db::audit::{self, AuditAction, AuditDetail, Outcome};
use crate::db::case_queries::{
    ClientMatch, agency_staff, agency_teams, client_known_to_agency, possible_duplicates_in_agency,
};
use crate::db::referrals::{self, Referral, ReferralRow};
use crate::db::{DbConnection, StoreError, StoreResult, cases, clients, records};
use crate::domain::Role;
use crate::domain::referral::{ReferralInput, ReferralSource};
use crate::domain::validation::{
    ClientInput, Errors, FieldError, IntakeInput, NewCaseInput, Problem,
};
use crate::domain::vocab::{CaseType, IntakeChannel, Urgency};
use crate::error::AppError;
use crate::views::referrals::{self as view, ReferralPage};
use crate::views::stage_forms::FormValues;
use crate::web::AppState;
use crate::web::actor::FormUser;
use crate::web::cases::audit_case;
use crate::web::json::parse_id;
use crate::web::page::{PageContext, screen_context};

/// A signed-in page for someone with referrals (officers and case staff); others get 404.
async fn referral_page(parts: &mut Parts, state: &AppState) -> Result<PageContext, Response> {
    let ctx = screen_context(parts, state).await?;
    if crate::access::may_see_referrals(&ctx.who) {
        Ok(ctx)
    } else {
        Err(AppError::NotFound.into_response())
    }
}

/// The unions an officer follows (theirs and those below); nobody else follows any.
fn union_tree(conn: &mut DbConnection, who: &Principal) -> StoreResult<Vec<String>> {
    if who.role == Role::UnionOfficer {
        referrals::union_and_descendants(conn, &who.organisation_id)
    } else {
        Ok(Vec::new())
    }
}

/// The agency that holds the case a referral became (it may have been transferred).
fn case_agency(conn: &mut DbConnection, r: &Referral) -> StoreResult<Option<String>> {
    match &r.case_id {
        Some(case_id) => Ok(Some(cases::find_case(conn, case_id)?.organisation_id)),
        None => Ok(None),
    }
}

fn decide(
    who: &Principal,
    r: &Referral,
    case_agency: Option<&str>,
    tree: &[String],
    action: ReferralAction,
) -> Decision {
    decide_referral(
        who,
        &r.agency_id,
        r.union_id.as_deref(),
        tree,
        case_agency,
        action,
    )
}

fn audit_referral(
    conn: &mut DbConnection,
    who: &Principal,
    referral_id: &str,
    action: AuditAction,
    outcome: Outcome,
    detail: Option<String>,
) -> StoreResult<()> {
    audit::record(
        conn,
        audit::Entry {
            actor_id: Some(&who.user_id),
            action,
            outcome,
            record_type: Some("referral"),
            record_id: Some(referral_id),
            case_id: None,
            client_address: &who.client_address,
            detail,
        },
        who.at,
    )
}

/// Records a refused access (outside any rolled-back transaction) and answers it.
async fn refuse(
    state: &AppState,
    who: &Principal,
    id: &str,
    action: AuditAction,
    decision: Decision,
) -> Response {
    let (who2, id2) = (who.clone(), id.to_owned());
    let _ = state
        .db
        .write(move |conn| audit_referral(conn, &who2, &id2, action, Outcome::Refused, None))
        .await;
    match decision {
        Decision::Forbid => AppError::Forbidden.into_response(),
        _ => AppError::NotFound.into_response(),
    }
}

/// `GET /referrals`.
pub async fn list(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    let ctx = match referral_page(&mut parts, &state).await {
        Ok(ctx) => ctx,
        Err(r) => return r,
    };
    let who = ctx.who.clone();
    let l = ctx.l;
    if who.role == Role::UnionOfficer {
        let rows = state
            .db
            .run(move |conn| {
                let tree = union_tree(conn, &who)?;
                referrals::of_unions(conn, &tree)
            })
            .await;
        match rows {
            Ok(rows) => ctx
                .render(
                    &l.text("referrals-officer-title"),
                    view::officer_list(l, &rows, may_refer(&ctx.who)),
                )
                .into_response(),
            Err(e) => AppError::from(e).into_response(),
        }
    } else {
        // A position that this queue did not write reads as the first page.
        let after =
            axum::extract::Query::<Vec<(String, String)>>::from_request_parts(&mut parts, &state)
                .await
                .ok()
                .and_then(|axum::extract::Query(pairs)| {
                    pairs
                        .into_iter()
                        .find(|(k, _)| k == "after")
                        .and_then(|(_, v)| referrals::decode_after(&v))
                });
        let first_page = after.is_none();
        let lists = state
            .db
            .run(move |conn| {
                Ok((
                    referrals::agency_queue(conn, &who.organisation_id, after.as_ref())?,
                    referrals::agency_decided(conn, &who.organisation_id)?,
                ))
            })
            .await;
        match lists {
            Ok((queue, decided)) => ctx
                .render(
                    &l.text("referrals-queue-title"),
                    view::staff_list(l, &queue, first_page, &decided),
                )
                .into_response(),
            Err(e) => AppError::from(e).into_response(),
        }
    }
}

/// `GET /referrals/new`.
pub async fn new_form(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    let ctx = match referral_page(&mut parts, &state).await {
        Ok(ctx) if may_refer(&ctx.who) => ctx,
        Ok(_) => return AppError::NotFound.into_response(),
        Err(r) => return r,
    };
    let mut values = FormValues::default();
    values.push(
        "consent_on",
        crate::local_time::local_day(ctx.who.at)
            .format("%Y-%m-%d")
            .to_string(),
    );
    values.push("urgency", Urgency::Soon.as_str());
    referral_form(&state, ctx, values, Vec::new(), StatusCode::OK).await
}

async fn referral_form(
    state: &AppState,
    ctx: PageContext,
    values: FormValues,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> Response {
    let union_id = ctx.who.organisation_id.clone();
    match state
        .db
        .run(move |conn| referrals::agencies_for_union(conn, &union_id))
        .await
    {
        Ok(agencies) => {
            let l = ctx.l;
            let body = view::new_form(l, &ctx.who, &agencies, &values, &errors);
            (status, ctx.render(&l.text("referrals-new-title"), body)).into_response()
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

/// `POST /referrals/new`.
pub async fn create(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let ctx = match referral_page(&mut parts, &state).await {
        Ok(ctx) if may_refer(&ctx.who) => ctx,
        Ok(_) => return AppError::NotFound.into_response(),
        Err(r) => return r,
    };
    let values = match read_checked_form(&state, &ctx.who, Request::from_parts(parts, body)).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let mut r = Reader::new(&values);
    let input = ReferralInput {
        agency_id: values.get("agency_id").trim().to_owned(),
        member_name: values.get("member_name").trim().to_owned(),
        member_phone: r.text("member_phone"),
        member_gender: r.code("member_gender", "referral.member_gender"),
        member_birth_year: r.number(
            "member_birth_year",
            "referral.member_birth_year",
            1900,
            2100,
        ),
        member_employer: r.text("member_employer"),
        contact_time: r.text("contact_time"),
        concern: values.get("concern").trim().to_owned(),
        suggested_type: r.code("suggested_type", "referral.suggested_type"),
        urgency: r
            .code("urgency", "referral.urgency")
            .unwrap_or(Urgency::Routine),
        consent_by: values.get("consent_by").trim().to_owned(),
        consent_on: r.date("consent_on", "referral.consent_on"),
    };
    if values.get("urgency").trim().is_empty() {
        r.errors.problem("referral.urgency", Problem::Required);
    }
    let mut errors = r.errors.finish().err().unwrap_or_default();
    if let Err(more) = input.validate(crate::local_time::local_day(ctx.who.at)) {
        for e in more {
            if !errors.iter().any(|seen| seen.field == e.field) {
                errors.push(e);
            }
        }
    }
    if !errors.is_empty() {
        return referral_form(
            &state,
            ctx,
            values,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let who = ctx.who.clone();
    let made = state
        .db
        .write(move |conn| {
            let referral =
                referrals::create_union_referral(conn, input, &who.organisation_id, &who.user_id)?;
            audit_referral(
                conn,
                &who,
                &referral.id,
                AuditAction::ReferralCreate,
                Outcome::Allowed,
                None,
            )?;
            Ok(referral)
        })
        .await;
    match made {
        Ok(referral) => {
            Redirect::to(&format!("/referrals/{}?flash=referral-sent", referral.id)).into_response()
        }
        Err(StoreError::Invalid(errors)) => {
            referral_form(
                &state,
                ctx,
                values,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

/// What a referral page needs besides the referral.
struct Loaded {
    row: ReferralRow,
    history: Vec<(referrals::ReferralEvent, Option<String>)>,
    tree: Vec<String>,
    /// The agency holding the case it became.
    case_agency: Option<String>,
    /// The reader may change that case (or there is none): the outcome form.
    may_edit_case: bool,
    matches: Vec<ClientMatch>,
    teams: Vec<(String, String)>,
    staff: Vec<(String, String)>,
}

fn load(conn: &mut DbConnection, who: &Principal, id: &str) -> StoreResult<Loaded> {
    let referral = referrals::find(conn, id)?;
    let tree = union_tree(conn, who)?;
    let (case_agency, may_edit_case) = match &referral.case_id {
        Some(case_id) => {
            let case = cases::find_case(conn, case_id)?;
            let edit = crate::access::decide_case(who, &case, crate::access::CaseAction::Edit);
            (Some(case.organisation_id), edit == Decision::Allow)
        }
        None => (None, true),
    };
    let decided = decide(
        who,
        &referral,
        case_agency.as_deref(),
        &tree,
        ReferralAction::Decide,
    ) == Decision::Allow;
    let (matches, teams, staff) = match (decided, case_scope(who)) {
        (true, Some(scope)) if referral.status().is_ok_and(|s| s.is_open()) => (
            possible_duplicates_in_agency(
                conn,
                &scope,
                &referral.member_name,
                referral.member_phone.as_deref(),
            )?,
            agency_teams(conn, &who.organisation_id, &who.team_ids)?,
            agency_staff(conn, &who.organisation_id, false)?,
        ),
        _ => (Vec::new(), Vec::new(), Vec::new()),
    };
    let history = referrals::history(conn, id)?;
    let row = referrals::rows(conn, vec![referral])?
        .pop()
        .ok_or(StoreError::NotFound)?;
    Ok(Loaded {
        row,
        history,
        tree,
        case_agency,
        may_edit_case,
        matches,
        teams,
        staff,
    })
}

/// Renders a referral page, with what a refused action typed and its problems.
async fn render(
    state: &AppState,
    ctx: PageContext,
    id: String,
    values: FormValues,
    errors: Vec<FieldError>,
    notice: Option<String>,
    status: StatusCode,
) -> Response {
    let who = ctx.who.clone();
    let loaded = state.db.run(move |conn| load(conn, &who, &id)).await;
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return AppError::from(e).into_response(),
    };
    let who = &ctx.who;
    let r = &loaded.row.referral;
    let allowed = |action| {
        decide(who, r, loaded.case_agency.as_deref(), &loaded.tree, action) == Decision::Allow
    };
    let may_write_outcome = allowed(ReferralAction::WriteOutcome) && loaded.may_edit_case;
    let page = ReferralPage {
        who,
        row: &loaded.row,
        history: &loaded.history,
        for_union: who.role == Role::UnionOfficer,
        may_decide: allowed(ReferralAction::Decide),
        may_answer: allowed(ReferralAction::AddInfo),
        may_write_outcome,
        matches: &loaded.matches,
        teams: &loaded.teams,
        staff: &loaded.staff,
        values: &values,
        errors: &errors,
        notice: notice.as_deref(),
    };
    let l = ctx.l;
    let body = view::show(l, &page);
    (status, ctx.render(&r.member_name, body)).into_response()
}

/// `GET /referrals/{id}`.
pub async fn show(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    let ctx = match referral_page(&mut parts, &state).await {
        Ok(ctx) => ctx,
        Err(r) => return r,
    };
    let id = match path_id(&mut parts, &state).await {
        Ok(id) => id,
        Err(r) => return r,
    };
    let (who, rid) = (ctx.who.clone(), id.clone());
    let checked = state
        .db
        .write(move |conn| {
            let referral = referrals::find(conn, &rid)?;
            let tree = union_tree(conn, &who)?;
            let holder = case_agency(conn, &referral)?;
            let decision = decide(
                &who,
                &referral,
                holder.as_deref(),
                &tree,
                ReferralAction::View,
            );
            if decision == Decision::Allow {
                audit_referral(
                    conn,
                    &who,
                    &rid,
                    AuditAction::ReferralView,
                    Outcome::Allowed,
                    None,
                )?;
            }
            Ok(decision)
        })
        .await;
    match checked {
        Ok(Decision::Allow) => {
            render(
                &state,
                ctx,
                id,
                FormValues::default(),
                Vec::new(),
                None,
                StatusCode::OK,
            )
            .await
        }
        Ok(decision) => refuse(&state, &ctx.who, &id, AuditAction::ReferralView, decision).await,
        Err(StoreError::NotFound) => AppError::NotFound.into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}

async fn path_id(parts: &mut Parts, state: &AppState) -> Result<String, Response> {
    let axum::extract::Path(raw) = axum::extract::Path::<String>::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound.into_response())?;
    // An id that is not an id names no referral.
    parse_id(&raw).map_err(|_| AppError::NotFound.into_response())
}

/// The actions on a referral, each behind its own route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Accept,
    Decline,
    RequestInfo,
    AddInfo,
    Outcome,
}

impl Step {
    fn access(self) -> ReferralAction {
        match self {
            Step::Accept | Step::Decline | Step::RequestInfo => ReferralAction::Decide,
            Step::AddInfo => ReferralAction::AddInfo,
            Step::Outcome => ReferralAction::WriteOutcome,
        }
    }
}

/// `POST /referrals/{id}/accept`.
pub async fn accept(State(state): State<AppState>, request: Request) -> Response {
    step(state, request, Step::Accept).await
}
/// `POST /referrals/{id}/decline`.
pub async fn decline(State(state): State<AppState>, request: Request) -> Response {
    step(state, request, Step::Decline).await
}
/// `POST /referrals/{id}/request-info`.
pub async fn request_info(State(state): State<AppState>, request: Request) -> Response {
    step(state, request, Step::RequestInfo).await
}
/// `POST /referrals/{id}/add-info`.
pub async fn add_info(State(state): State<AppState>, request: Request) -> Response {
    step(state, request, Step::AddInfo).await
}
/// `POST /referrals/{id}/outcome`.
pub async fn outcome(State(state): State<AppState>, request: Request) -> Response {
    step(state, request, Step::Outcome).await
}

async fn step(state: AppState, request: Request, step: Step) -> Response {
    let (mut parts, body) = request.into_parts();
    let who = match FormUser::from_request_parts(&mut parts, &state).await {
        Ok(FormUser(who)) => who,
        Err(e) => return e.into_response(),
    };
    if !crate::access::may_see_referrals(&who) {
        return AppError::NotFound.into_response();
    }
    let id = match path_id(&mut parts, &state).await {
        Ok(id) => id,
        Err(r) => return r,
    };
    let (who2, rid) = (who.clone(), id.clone());
    let decision = state
        .db
        .run(move |conn| {
            let referral = referrals::find(conn, &rid)?;
            let tree = union_tree(conn, &who2)?;
            let holder = case_agency(conn, &referral)?;
            Ok(decide(
                &who2,
                &referral,
                holder.as_deref(),
                &tree,
                step.access(),
            ))
        })
        .await;
    match decision {
        Ok(Decision::Allow) => {}
        Ok(d) => return refuse(&state, &who, &id, AuditAction::ReferralUpdate, d).await,
        Err(e) => return AppError::from(e).into_response(),
    }
    let l = crate::web::locale::from_headers(&parts.headers);
    let values = match read_checked_form(&state, &who, Request::from_parts(parts, body)).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let Ok(version) = values.get("version").trim().parse::<i64>() else {
        return AppError::BadVersion.into_response();
    };
    let result = write_step(&state, &who, &id, version, step, &values).await;
    let ctx = PageContext {
        who,
        l,
        here: format!("/referrals/{id}"),
        flash: None,
        approvals_waiting: None,
    };
    match result {
        Ok(Done::Case(case_id)) => {
            Redirect::to(&format!("/cases/{case_id}?flash=referral-accepted")).into_response()
        }
        Ok(Done::Referral(flash)) => {
            Redirect::to(&format!("/referrals/{id}?flash={flash}")).into_response()
        }
        Err(StoreError::Invalid(errors)) => {
            render(
                &state,
                ctx,
                id,
                values,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        // The referral moved on meanwhile: the page again, with what stopped this step.
        Err(
            e @ (StoreError::Conflict { .. }
            | StoreError::StateConflict(_)
            | StoreError::ReferralDecided(_)),
        ) => {
            let notice = match e {
                StoreError::StateConflict(code) => l.text(&code.replace('_', "-")),
                StoreError::ReferralDecided(status) => l.text_with(
                    "error-referral-decided",
                    &[("status", l.label("referral-status", &status).into())],
                ),
                _ => l.text("referrals-conflict"),
            };
            render(
                &state,
                ctx,
                id,
                values,
                Vec::new(),
                Some(notice),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

enum Done {
    /// Accepted: the new case's id.
    Case(String),
    /// Another step: the flash key to show on the referral.
    Referral(&'static str),
}

/// The accept form, read: which client, which type, team and worker.
struct AcceptChoice {
    client: Option<String>,
    case_type: CaseType,
    team_id: Option<String>,
    assigned_worker_id: Option<String>,
}

fn read_accept(values: &FormValues) -> Result<AcceptChoice, Vec<FieldError>> {
    let mut r = Reader::new(values);
    let client = match values.get("client").trim() {
        "" => {
            r.errors.problem("referral.client", Problem::Required);
            None
        }
        "new" => None,
        id => Some(id.to_owned()),
    };
    let case_type = r.code("case_type", "case.case_type");
    if values.get("case_type").trim().is_empty() {
        r.errors.problem("case.case_type", Problem::Required);
    }
    let team_id = r.text("team_id");
    let assigned_worker_id = r.text("assigned_worker_id");
    r.errors.finish()?;
    Ok(AcceptChoice {
        client,
        case_type: case_type.unwrap_or(CaseType::Counselling),
        team_id,
        assigned_worker_id,
    })
}

async fn write_step(
    state: &AppState,
    who: &Principal,
    id: &str,
    version: i64,
    step: Step,
    values: &FormValues,
) -> StoreResult<Done> {
    let (who, id) = (who.clone(), id.to_owned());
    let note = |name: &str| values.get(name).trim().to_owned();
    match step {
        Step::Accept => {
            let choice = read_accept(values).map_err(StoreError::Invalid)?;
            state
                .db
                .write(move |conn| {
                    let mut opened = String::new();
                    let referral =
                        referrals::accept(conn, &id, version, &who.user_id, |conn, referral| {
                            let case_id = open_from_referral(conn, &who, referral, choice)?;
                            opened.clone_from(&case_id);
                            Ok(case_id)
                        })?;
                    audit_referral(
                        conn,
                        &who,
                        &referral.id,
                        AuditAction::ReferralUpdate,
                        Outcome::Allowed,
                        AuditDetail::Accepted.text(),
                    )?;
                    Ok(Done::Case(opened))
                })
                .await
        }
        Step::Decline => {
            let write: NoteStep = referrals::decline;
            noted_step(
                state,
                who,
                id,
                version,
                write,
                note("reason"),
                AuditDetail::Declined,
            )
            .await?;
            Ok(Done::Referral("referral-declined"))
        }
        Step::RequestInfo => {
            let write: NoteStep = referrals::request_info;
            noted_step(
                state,
                who,
                id,
                version,
                write,
                note("question"),
                AuditDetail::InfoRequested,
            )
            .await?;
            Ok(Done::Referral("referral-asked"))
        }
        Step::AddInfo => {
            let write: NoteStep = referrals::add_info;
            noted_step(
                state,
                who,
                id,
                version,
                write,
                note("answer"),
                AuditDetail::InfoAdded,
            )
            .await?;
            Ok(Done::Referral("referral-answered"))
        }
        Step::Outcome => {
            let summary = Some(note("outcome_summary")).filter(|s| !s.is_empty());
            state
                .db
                .write(move |conn| {
                    let referral = referrals::find(conn, &id)?;
                    // The summary speaks for the case: only who may change the case writes it.
                    if let Some(case_id) = &referral.case_id {
                        crate::web::cases::check_case(
                            conn,
                            &who,
                            case_id,
                            crate::access::CaseAction::Edit,
                        )?;
                    }
                    referrals::set_outcome(conn, &id, version, &who.user_id, summary)?;
                    audit_referral(
                        conn,
                        &who,
                        &id,
                        AuditAction::ReferralUpdate,
                        Outcome::Allowed,
                        AuditDetail::OutcomeSummary.text(),
                    )?;
                    Ok(Done::Referral("saved"))
                })
                .await
        }
    }
}

/// A referral step that takes the acting user and a note (decline, ask, answer).
type NoteStep = fn(&mut DbConnection, &str, i64, &str, &str) -> StoreResult<Referral>;

/// Runs a noted step and audits it in the same transaction.
async fn noted_step(
    state: &AppState,
    who: Principal,
    id: String,
    version: i64,
    write: NoteStep,
    note: String,
    detail: AuditDetail,
) -> StoreResult<()> {
    state
        .db
        .write(move |conn| {
            write(conn, &id, version, &who.user_id, &note)?;
            audit_referral(
                conn,
                &who,
                &id,
                AuditAction::ReferralUpdate,
                Outcome::Allowed,
                detail.text(),
            )
        })
        .await
}

/// Registers or matches the client and opens the case at intake, with the
/// referral's channel, concern and urgency already in the intake record.
fn open_from_referral(
    conn: &mut DbConnection,
    who: &Principal,
    referral: &Referral,
    choice: AcceptChoice,
) -> StoreResult<String> {
    let scope = case_scope(who).ok_or(StoreError::Forbidden)?;
    let client_id = match choice.client {
        Some(id) => {
            if parse_id(&id).is_err() || client_known_to_agency(conn, &scope, &id)?.is_none() {
                let mut e = Errors::default();
                e.unknown("referral.client");
                return Err(StoreError::Invalid(e.finish().err().unwrap_or_default()));
            }
            id
        }
        None => {
            let client = clients::insert_client(
                conn,
                ClientInput {
                    full_name: referral.member_name.clone(),
                    gender: referral
                        .member_gender
                        .as_deref()
                        .and_then(|g| g.parse().ok()),
                    birth_year: referral.member_birth_year,
                    phone: referral.member_phone.clone(),
                    employer: referral.member_employer.clone(),
                    union_member: referral.union_id.is_some(),
                    union_id: referral.union_id.clone(),
                    district: None,
                    special_groups: Vec::new(),
                },
                &who.user_id,
            )?;
            crate::web::clients::audit_client(
                conn,
                who,
                AuditAction::ClientCreate,
                Some(&client.id),
                None,
            )?;
            client.id
        }
    };
    let case = cases::open_case(
        conn,
        NewCaseInput {
            case_type: choice.case_type,
            client_id,
            organisation_id: who.organisation_id.clone(),
            team_id: choice.team_id,
            assigned_worker_id: choice.assigned_worker_id,
        },
        &who.user_id,
    )?;
    // The worker named is told, as for any case handed to them (not when they
    // took it themselves).
    if let Some(worker) = case
        .assigned_worker_id
        .as_ref()
        .filter(|w| **w != who.user_id)
    {
        crate::db::notifications::notify(
            conn,
            std::slice::from_ref(worker),
            crate::db::notifications::NotificationKind::CaseAssigned,
            &case.reference,
            &format!("/cases/{}", case.id),
        )?;
    }
    audit_case(
        conn,
        who,
        &case.id,
        AuditAction::CaseCreate,
        AuditDetail::FromReferral.text(),
    )?;
    let channel = if referral.source == ReferralSource::SelfReferral.as_str() {
        IntakeChannel::SelfReferralOnline
    } else {
        IntakeChannel::UnionReferral
    };
    let case = records::save_intake(
        conn,
        &case.id,
        case.version,
        IntakeInput {
            channel: Some(channel),
            presenting_problem: Some(referral.concern.clone()),
            urgency: referral.urgency.parse().ok(),
            consent_service: false,
            consent_sensitive: false,
            guardian_consent: false,
        },
        &who.user_id,
    )?;
    audit_case(
        conn,
        who,
        &case.id,
        AuditAction::CaseUpdate,
        AuditDetail::Intake.text(),
    )?;
    Ok(case.id)
}
