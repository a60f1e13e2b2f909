//! Administration: organisations, teams and accounts. Administrators see no case content.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::AppState;
use super::actor::CurrentUser;
use super::auth::password_errors;
use super::json::{ApiJson, IdPath};
use crate::access::{Principal, may_administer};
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::organisations::{self, Organisation, Team, User};
use crate::db::{StoreError, StoreResult, accounts};
use crate::domain::validation::Errors;
use crate::domain::vocab::{OrganisationKind, Role};

use crate::error::AppError;

/// Refuses (and audits) a non-administrator.
async fn require_admin(state: &AppState, who: &Principal, what: &str) -> Result<(), AppError> {
    if may_administer(who) {
        return Ok(());
    }
    let (who, what) = (who.clone(), what.to_owned());
    state
        .db
        .run(move |conn| {
            audit::record(
                conn,
                entry(
                    &who,
                    AuditAction::AdminAccess,
                    Outcome::Refused,
                    None,
                    Some(what),
                ),
                who.at,
            )
        })
        .await?;
    Err(AppError::NotFound)
}

fn entry<'a>(
    who: &'a Principal,
    action: AuditAction,
    outcome: Outcome,
    record_id: Option<&'a str>,
    detail: Option<String>,
) -> audit::Entry<'a> {
    audit::Entry {
        actor_id: Some(&who.user_id),
        action,
        outcome,
        record_type: None,
        record_id,
        case_id: None,
        client_address: &who.client_address,
        detail,
    }
}

fn invalid(field: &str) -> StoreError {
    let mut e = Errors::default();
    e.unknown(field);
    StoreError::Invalid(e.finish().unwrap_err())
}

fn check_name(field: &str, name: &str) -> StoreResult<()> {
    let mut e = Errors::default();
    e.required_text(field, name, 200);
    e.finish().map_err(StoreError::Invalid)
}

/// New organisation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    name: String,
    kind: OrganisationKind,
    parent_id: Option<String>,
}

/// `POST /api/admin/organisations`.
pub async fn create_organisation(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiJson(body): ApiJson<NewOrganisation>,
) -> Result<(StatusCode, Json<Organisation>), AppError> {
    require_admin(&state, &who, "create organisation").await?;
    let org = state
        .db
        .write(move |conn| {
            check_name("organisation.name", &body.name)?;
            if let Some(parent) = &body.parent_id
                && !organisations::organisation_exists(conn, parent)?
            {
                return Err(invalid("organisation.parent_id"));
            }
            let org = organisations::insert_organisation(
                conn,
                body.name.trim(),
                body.kind,
                body.parent_id.as_deref(),
            )?;
            audit::record(
                conn,
                entry(
                    &who,
                    AuditAction::OrganisationCreate,
                    Outcome::Allowed,
                    Some(&org.id),
                    None,
                ),
                who.at,
            )?;
            Ok(org)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(org)))
}

/// New team.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTeam {
    organisation_id: String,
    name: String,
}

/// `POST /api/admin/teams`.
pub async fn create_team(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiJson(body): ApiJson<NewTeam>,
) -> Result<(StatusCode, Json<Team>), AppError> {
    require_admin(&state, &who, "create team").await?;
    let team = state
        .db
        .write(move |conn| {
            check_name("team.name", &body.name)?;
            if !organisations::organisation_exists(conn, &body.organisation_id)? {
                return Err(invalid("team.organisation_id"));
            }
            let team = organisations::insert_team(conn, &body.organisation_id, body.name.trim())?;
            audit::record(
                conn,
                entry(
                    &who,
                    AuditAction::TeamCreate,
                    Outcome::Allowed,
                    Some(&team.id),
                    None,
                ),
                who.at,
            )?;
            Ok(team)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(team)))
}

/// New account.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    username: String,
    display_name: String,
    role: Role,
    organisation_id: String,
    #[serde(default)]
    team_ids: Vec<String>,
    password: String,
}

/// `POST /api/admin/users`.
pub async fn create_user(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiJson(body): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<User>), AppError> {
    require_admin(&state, &who, "create user").await?;
    password_errors(
        "account.password",
        &body.password,
        &[&body.username, &body.display_name],
    )?;
    let user = state
        .db
        .run(move |conn| {
            let hash = accounts::hash_password(&body.password)?;
            crate::db::write_transaction(conn, |conn| {
                let user = accounts::create_account(
                    conn,
                    &accounts::NewAccount {
                        username: &body.username,
                        display_name: &body.display_name,
                        role: body.role,
                        organisation_id: &body.organisation_id,
                        team_ids: &body.team_ids,
                        password_hash: &hash,
                    },
                    who.at,
                )?;
                audit::record(
                    conn,
                    entry(
                        &who,
                        AuditAction::UserCreate,
                        Outcome::Allowed,
                        Some(&user.id),
                        Some(body.role.to_string()),
                    ),
                    who.at,
                )?;
                Ok(user)
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// `POST /api/admin/users/{id}/disable`: the user can no longer sign in, and their
/// sessions end at once.
pub async fn disable_user(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<User>, AppError> {
    require_admin(&state, &who, "disable user").await?;
    let user = state
        .db
        .write(move |conn| {
            let user = accounts::disable(conn, &id, who.at)?;
            audit::record(
                conn,
                entry(
                    &who,
                    AuditAction::UserDisable,
                    Outcome::Allowed,
                    Some(&id),
                    None,
                ),
                who.at,
            )?;
            Ok(user)
        })
        .await?;
    Ok(Json(user))
}

/// Adding a member to a team.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    user_id: String,
}

/// `POST /api/admin/teams/{id}/members`.
pub async fn add_member(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(team_id): IdPath,
    ApiJson(body): ApiJson<NewMember>,
) -> Result<StatusCode, AppError> {
    require_admin(&state, &who, "add team member").await?;
    state
        .db
        .write(move |conn| {
            let team = organisations::find_team(conn, &team_id)?;
            let user = organisations::find_user(conn, &body.user_id)
                .map_err(|_| invalid("member.user_id"))?;
            if user.organisation_id != team.organisation_id {
                return Err(invalid("member.user_id"));
            }
            accounts::add_to_team(conn, &team.id, &user.id, who.at)?;
            audit::record(
                conn,
                entry(
                    &who,
                    AuditAction::TeamMemberAdd,
                    Outcome::Allowed,
                    Some(&team.id),
                    Some(user.id.clone()),
                ),
                who.at,
            )?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A service agreement: `union_id` may refer members to `agency_id`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAgreement {
    union_id: String,
    agency_id: String,
}

/// Records an agreement after checking it (a union, an agency, not already
/// covered by this union or one above it) and audits it, in the caller's write
/// transaction. The API and the administrator's screen both call it.
pub fn record_agreement(
    conn: &mut crate::db::DbConnection,
    who: &Principal,
    union_id: &str,
    agency_id: &str,
) -> StoreResult<()> {
    let kind = |conn: &mut crate::db::DbConnection, id: &str| {
        organisations::find_organisation(conn, id)
            .ok()
            .and_then(|o| o.kind.parse::<OrganisationKind>().ok())
    };
    let mut e = Errors::default();
    if !matches!(kind(conn, union_id), Some(k) if k != OrganisationKind::Agency) {
        e.unknown("agreement.union_id");
    }
    if kind(conn, agency_id) != Some(OrganisationKind::Agency) {
        e.unknown("agreement.agency_id");
    }
    e.finish().map_err(StoreError::Invalid)?;
    if crate::db::referrals::agencies_for_union(conn, union_id)?
        .iter()
        .any(|(id, _)| id == agency_id)
    {
        let mut e = Errors::default();
        e.problem(
            "agreement.agency_id",
            crate::domain::validation::Problem::Taken,
        );
        e.finish().map_err(StoreError::Invalid)?;
    }
    crate::db::referrals::add_agreement(conn, union_id, agency_id)?;
    audit::record(
        conn,
        entry(
            who,
            AuditAction::AgreementCreate,
            Outcome::Allowed,
            Some(agency_id),
            Some(format!("union {union_id}")),
        ),
        who.at,
    )
}

/// Ends an agreement and audits it, in the caller's write transaction.
pub fn end_agreement(
    conn: &mut crate::db::DbConnection,
    who: &Principal,
    union_id: &str,
    agency_id: &str,
) -> StoreResult<()> {
    crate::db::referrals::remove_agreement(conn, union_id, agency_id)?;
    audit::record(
        conn,
        entry(
            who,
            AuditAction::AgreementRemove,
            Outcome::Allowed,
            Some(agency_id),
            Some(format!("union {union_id}")),
        ),
        who.at,
    )
}

/// Refuses (and audits) a non-administrator: the screens' way in.
pub async fn require_administrator(state: &AppState, who: &Principal) -> Result<(), AppError> {
    require_admin(state, who, "service agreements screen").await
}

/// `POST /api/admin/service-agreements`: lets a union (and the unions below it)
/// refer members to an agency.
pub async fn create_agreement(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiJson(body): ApiJson<NewAgreement>,
) -> Result<StatusCode, AppError> {
    require_admin(&state, &who, "create service agreement").await?;
    state
        .db
        .write(move |conn| record_agreement(conn, &who, &body.union_id, &body.agency_id))
        .await?;
    Ok(StatusCode::CREATED)
}
