//! Approval policies per case type: `GET`/`PUT /api/approval-policies` and the
//! screen `GET`/`POST /settings/approvals`.
//!
//! Administrators and supervisors set their own agency's policies
//! (`access::approval_policy_scope`); anyone else gets 404. Every change is
//! audited (`approval_policy_change`, with the case type and the new values) in
//! the transaction that makes it; a refused write is audited too.

use axum::Json;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::access::{Principal, approval_policy_scope};
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::organisations::display_names;
use crate::db::supervision::policies::{PolicyRow, policies_of, set_policy};
use crate::db::{DbConnection, StoreError, StoreResult};
use crate::domain::supervision::ApprovalPolicy;
use crate::domain::validation::Errors;
use crate::domain::vocab::CaseType;
use crate::error::AppError;
use crate::views::supervision::settings::settings_page;
use crate::web::AppState;
use crate::web::actor::CurrentUser;
use crate::web::json::ApiJson;
use crate::web::screens::case_page::CaseScreen;
use crate::web::screens::forms::read_checked_form;

/// One case type's policy as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyChange {
    /// The case type's code.
    pub case_type: String,
    /// Contract → intervention needs a supervisor's approval.
    pub plan_required: bool,
    /// Closure → closed needs a supervisor's sign-off.
    pub closure_required: bool,
}

fn entry<'a>(who: &'a Principal, outcome: Outcome, detail: Option<String>) -> audit::Entry<'a> {
    audit::Entry {
        actor_id: Some(&who.user_id),
        action: AuditAction::ApprovalPolicyChange,
        outcome,
        record_type: Some("approval_policy"),
        record_id: Some(&who.organisation_id),
        case_id: None,
        client_address: &who.client_address,
        detail,
    }
}

/// The agency whose policies `who` may set; a refused write is audited.
async fn scope_for_write(state: &AppState, who: &Principal) -> Result<String, AppError> {
    if let Some(org) = approval_policy_scope(who) {
        return Ok(org.to_owned());
    }
    let who = who.clone();
    state
        .db
        .run(move |conn| audit::record(conn, entry(&who, Outcome::Refused, None), who.at))
        .await?;
    Err(AppError::NotFound)
}

/// Sets the policies given, audits each change; call in a write transaction.
fn apply(
    conn: &mut DbConnection,
    who: &Principal,
    organisation_id: &str,
    changes: &[(CaseType, ApprovalPolicy)],
) -> StoreResult<Vec<PolicyRow>> {
    for (case_type, policy) in changes {
        if set_policy(
            conn,
            organisation_id,
            *case_type,
            *policy,
            &who.user_id,
            who.at,
        )? {
            let detail = format!(
                "{case_type} plan_required={} closure_required={}",
                policy.plan_required, policy.closure_required
            );
            audit::record(conn, entry(who, Outcome::Allowed, Some(detail)), who.at)?;
        }
    }
    policies_of(conn, organisation_id)
}

/// `GET /api/approval-policies`.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
) -> Result<Json<Vec<PolicyRow>>, AppError> {
    let org = approval_policy_scope(&who)
        .ok_or(AppError::NotFound)?
        .to_owned();
    Ok(Json(
        state.db.run(move |conn| policies_of(conn, &org)).await?,
    ))
}

/// `PUT /api/approval-policies`: one case type's policy; answers with all of them.
pub async fn put(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiJson(change): ApiJson<PolicyChange>,
) -> Result<Json<Vec<PolicyRow>>, AppError> {
    let org = scope_for_write(&state, &who).await?;
    let Ok(case_type) = change.case_type.parse::<CaseType>() else {
        let mut e = Errors::default();
        e.unknown("policy.case_type");
        return Err(StoreError::Invalid(e.finish().unwrap_err()).into());
    };
    let policy = ApprovalPolicy {
        plan_required: change.plan_required,
        closure_required: change.closure_required,
    };
    let rows = state
        .db
        .write(move |conn| apply(conn, &who, &org, &[(case_type, policy)]))
        .await?;
    Ok(Json(rows))
}

/// `GET /settings/approvals`.
pub async fn page(State(state): State<AppState>, CaseScreen(ctx): CaseScreen) -> Response {
    let Some(org) = approval_policy_scope(&ctx.who).map(str::to_owned) else {
        return AppError::NotFound.into_response();
    };
    let loaded = state
        .db
        .run(move |conn| {
            let rows = policies_of(conn, &org)?;
            let ids: Vec<String> = rows.iter().filter_map(|r| r.updated_by.clone()).collect();
            let names = display_names(conn, &ids)?;
            Ok((rows, names))
        })
        .await;
    match loaded {
        Ok((rows, names)) => {
            let l = ctx.l;
            ctx.render(
                &l.text("supervision-settings-title"),
                settings_page(l, &ctx.who, &rows, &names),
            )
            .into_response()
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

/// `POST /settings/approvals`: every case type's two boxes at once (an unticked
/// box is not sent, so it reads as "not required").
pub async fn submit(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    req: Request,
) -> Response {
    let ctx = match screen {
        Ok(CaseScreen(ctx)) => ctx,
        Err(refused) => return refused,
    };
    let org = match scope_for_write(&state, &ctx.who).await {
        Ok(org) => org,
        Err(e) => return e.into_response(),
    };
    let values = match read_checked_form(&state, &ctx.who, req).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let changes: Vec<(CaseType, ApprovalPolicy)> = CaseType::ALL
        .iter()
        .map(|t| {
            let code = t.as_str();
            (
                *t,
                ApprovalPolicy {
                    plan_required: values.checked(&format!("{code}.plan")),
                    closure_required: values.checked(&format!("{code}.closure")),
                },
            )
        })
        .collect();
    let who = ctx.who.clone();
    match state
        .db
        .write(move |conn| apply(conn, &who, &org, &changes))
        .await
    {
        Ok(_) => Redirect::to("/settings/approvals?flash=policy-saved").into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}
