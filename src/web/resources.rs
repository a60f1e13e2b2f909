//! The resource directory over JSON: everyone signed in reads it, administrators
//! add and change entries (audited as `resource_change`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::AppState;
use super::actor::CurrentUser;
use super::json::{ApiJson, ApiQuery, IdPath};
use crate::access::{Principal, may_manage_resources, may_read_resources};
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::resources::{self, Resource, ResourceFilter};
use crate::db::{DbConnection, StoreError, StoreResult};
use crate::domain::outbound::{ResourceCategory, ResourceInput};
use crate::domain::validation::Errors;
use crate::error::AppError;

/// Records a change to the directory (or a refused attempt).
pub fn audit_resource(
    conn: &mut DbConnection,
    who: &Principal,
    outcome: Outcome,
    resource_id: Option<&str>,
    detail: &str,
) -> StoreResult<()> {
    audit::record(
        conn,
        audit::Entry {
            actor_id: Some(&who.user_id),
            action: AuditAction::ResourceChange,
            outcome,
            record_type: Some("resource"),
            record_id: resource_id,
            case_id: None,
            client_address: &who.client_address,
            detail: Some(detail.to_owned()),
        },
        who.at,
    )
}

/// Refuses (404, audited) anyone who may not keep the directory.
pub async fn require_manager(state: &AppState, who: &Principal) -> Result<(), AppError> {
    if may_manage_resources(who) {
        return Ok(());
    }
    let who = who.clone();
    state
        .db
        .run(move |conn| audit_resource(conn, &who, Outcome::Refused, None, "not an administrator"))
        .await?;
    Err(AppError::NotFound)
}

/// Adds an entry and audits it, in the caller's write transaction.
pub fn add(
    conn: &mut DbConnection,
    who: &Principal,
    input: ResourceInput,
) -> StoreResult<Resource> {
    let resource = resources::create(conn, input)?;
    audit_resource(conn, who, Outcome::Allowed, Some(&resource.id), "create")?;
    Ok(resource)
}

/// Changes an entry and audits it (saying whether it was deactivated or
/// reactivated), in the caller's write transaction.
pub fn change(
    conn: &mut DbConnection,
    who: &Principal,
    id: &str,
    input: ResourceInput,
) -> StoreResult<Resource> {
    let before = resources::find(conn, id)?;
    let after = resources::update(conn, id, input)?;
    let detail = match (before.active, after.active) {
        (true, false) => "deactivate",
        (false, true) => "reactivate",
        _ => "update",
    };
    audit_resource(conn, who, Outcome::Allowed, Some(id), detail)?;
    Ok(after)
}

/// Query of the directory list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// A `ResourceCategory` code.
    category: Option<String>,
    /// Deactivated entries too.
    include_inactive: Option<bool>,
}

/// Reads the category of a list query; blank means every category.
pub fn parse_category(raw: Option<&str>, field: &str) -> StoreResult<Option<ResourceCategory>> {
    match raw.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(code) => code.parse().map(Some).map_err(|_| {
            let mut e = Errors::default();
            e.unknown(field);
            StoreError::Invalid(e.finish().err().unwrap_or_default())
        }),
    }
}

/// `GET /api/resources?category=&include_inactive=`: active entries by default.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<Resource>>, AppError> {
    if !may_read_resources(&who) {
        return Err(AppError::NotFound);
    }
    let filter = ResourceFilter {
        category: parse_category(q.category.as_deref(), "query.category")?,
        include_inactive: q.include_inactive.unwrap_or(false),
    };
    Ok(Json(
        state
            .db
            .run(move |conn| resources::list(conn, filter))
            .await?,
    ))
}

/// `POST /api/resources` (administrators).
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiJson(input): ApiJson<ResourceInput>,
) -> Result<(StatusCode, Json<Resource>), AppError> {
    require_manager(&state, &who).await?;
    let resource = state.db.write(move |conn| add(conn, &who, input)).await?;
    Ok((StatusCode::CREATED, Json(resource)))
}

/// `PUT /api/resources/{id}` (administrators): replaces the entry's fields;
/// `"active": false` deactivates it (entries are never deleted, so that past
/// referrals keep naming them).
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(input): ApiJson<ResourceInput>,
) -> Result<Json<Resource>, AppError> {
    require_manager(&state, &who).await?;
    let resource = state
        .db
        .write(move |conn| change(conn, &who, &id, input))
        .await?;
    Ok(Json(resource))
}
