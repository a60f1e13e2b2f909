//! Cases: open one at intake, list them, and read one whole.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::actor::CurrentUser;
use super::json::{ApiJson, ApiQuery, IdPath};
use crate::access::{CaseAction, Decision, Principal, case_list_scope, decide_case, may_open_case};
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::cases::{Case, CaseFilter, CaseListRow, find_case, list_cases, open_case};
use crate::db::clients::{Client, find_client};
use crate::db::details::{CaseDetails, load_details};
use crate::db::records::{StageRecords, load_stage_records};
use crate::db::transitions::{TransitionLogEntry, log};
use crate::db::{DbConnection, StoreError, StoreResult};
use crate::domain::validation::{Errors, NewCaseInput};
use crate::domain::workflow::{Actor, Transition, open_transitions};
use crate::error::AppError;

/// Loads a case if `who` may perform `action` on it: "not found" outside their
/// scope, "forbidden" inside it. Records nothing (see [`audited_refusal`]).
pub fn check_case(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    action: CaseAction,
) -> StoreResult<Case> {
    let case = find_case(conn, case_id)?;
    match decide_case(who, &case, action) {
        Decision::Allow => Ok(case),
        Decision::Forbid => Err(StoreError::Forbidden),
        Decision::Hide => Err(StoreError::NotFound),
    }
}

/// Records an allowed action on a case in the audit trail.
pub fn audit_case(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    action: AuditAction,
    detail: Option<String>,
) -> StoreResult<()> {
    audit::record(
        conn,
        audit::Entry {
            actor_id: Some(&who.user_id),
            action,
            outcome: Outcome::Allowed,
            record_type: Some("case"),
            record_id: Some(case_id),
            case_id: Some(case_id),
            client_address: &who.client_address,
            detail,
        },
        who.at,
    )
}

/// Records a read of a case that was allowed, before what was read is sent.
///
/// A write of its own through [`crate::db::Db::write`], so that on SQLite the
/// reads of many readers share one commit (group commit) instead of each read
/// waiting for the write lock and a disk flush of its own. Nothing is sent
/// unless the entry is stored.
pub async fn audit_read(
    state: &AppState,
    who: &Principal,
    case_id: &str,
    action: AuditAction,
    detail: Option<String>,
) -> Result<(), AppError> {
    let (who, case_id) = (who.clone(), case_id.to_owned());
    state
        .db
        .write(move |conn| audit_case(conn, &who, &case_id, action, detail))
        .await?;
    Ok(())
}

/// Turns a failure into the response error; a refused access (not found or
/// forbidden) is first recorded in the audit trail, outside the transaction that
/// was rolled back.
pub async fn audited_refusal(
    state: &AppState,
    who: &Principal,
    case_id: &str,
    action: AuditAction,
    error: StoreError,
) -> AppError {
    if matches!(error, StoreError::NotFound | StoreError::Forbidden) {
        let (who, case_id) = (who.clone(), case_id.to_owned());
        let recorded = state
            .db
            .run(move |conn| {
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: Some(&who.user_id),
                        action,
                        outcome: Outcome::Refused,
                        record_type: Some("case"),
                        record_id: Some(&case_id),
                        case_id: Some(&case_id),
                        client_address: &who.client_address,
                        detail: None,
                    },
                    who.at,
                )
            })
            .await;
        if let Err(e) = recorded {
            return e.into();
        }
    }
    error.into()
}

/// A short answer to a change: where the case stands now.
#[derive(Debug, Serialize)]
pub struct CaseSummary {
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Stage code.
    pub stage: String,
    /// The version to send with the next change.
    pub version: i64,
}

impl From<&Case> for CaseSummary {
    fn from(c: &Case) -> Self {
        CaseSummary {
            id: c.id.clone(),
            reference: c.reference.clone(),
            stage: c.stage.clone(),
            version: c.version,
        }
    }
}

/// `POST /api/cases`: opens a case at intake.
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiJson(input): ApiJson<NewCaseInput>,
) -> Result<(StatusCode, Json<CaseSummary>), AppError> {
    if !crate::access::may_manage_clients(&who) {
        return Err(AppError::NotFound);
    }
    if !may_open_case(&who, &input.organisation_id) {
        let mut e = Errors::default();
        e.unknown("case.organisation_id");
        return Err(StoreError::Invalid(e.finish().unwrap_err()).into());
    }
    let case = state
        .db
        .write(move |conn| {
            let case = open_case(conn, input, &who.user_id)?;
            audit_case(conn, &who, &case.id, AuditAction::CaseCreate, None)?;
            Ok(case)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(CaseSummary::from(&case))))
}

/// Everything about one case that the reader may see.
#[derive(Debug, Serialize)]
pub struct CaseView {
    /// The case.
    pub case: Case,
    /// Its client.
    pub client: Client,
    /// Stage records.
    pub records: StageRecords,
    /// Type-specific details.
    pub details: Option<CaseDetails>,
    /// Transition log, oldest first.
    pub transitions: Vec<TransitionLogEntry>,
    /// Transitions the reader may attempt now.
    pub open_transitions: Vec<Transition>,
    /// True when confidential fields were left out for this reader.
    pub confidential_withheld: bool,
    /// Referrals out (转介), oldest first; their feedback is confidential.
    pub outbound_referrals: Vec<crate::db::outbound::OutboundReferralView>,
    /// Transfers and reassignments, oldest first.
    pub transfers: Vec<crate::db::transfers::TransferEntry>,
}

/// Leaves out what only the assigned worker and supervisors may read.
pub fn withhold_confidential(view: &mut CaseView) {
    if let Some(a) = view.records.assessment.as_mut() {
        a.risk_screening = None;
    }
    for s in &mut view.records.sessions {
        s.notes = None;
    }
    match view.details.as_mut() {
        Some(CaseDetails::Counselling(d)) => d.self_harm_screening = None,
        Some(CaseDetails::FamilyMediation(d)) => d.conflict = None,
        _ => {}
    }
    for r in &mut view.outbound_referrals {
        r.referral.feedback = None;
    }
    view.confidential_withheld = true;
}

/// Everything about `case` that `who` may see, confidential fields withheld
/// where they may not read them. Access to the case must have been checked.
pub fn build_case_view(
    conn: &mut DbConnection,
    who: &Principal,
    case: Case,
) -> StoreResult<CaseView> {
    let actor = Actor {
        role: who.role,
        is_assigned_worker: case.assigned_worker_id.as_deref() == Some(&who.user_id),
        took_part_in_request: crate::db::supervision::approvals::took_part_in_request(
            conn,
            &case.id,
            &who.user_id,
        )?,
    };
    let may_edit = decide_case(who, &case, CaseAction::Transition) == Decision::Allow;
    let mut view = CaseView {
        client: find_client(conn, &case.client_id)?,
        records: load_stage_records(conn, &case.id)?,
        details: load_details(conn, &case.id, case.case_type()?)?,
        transitions: log(conn, &case.id)?,
        open_transitions: if may_edit {
            let facts = crate::db::facts::gather(conn, &case)?;
            open_transitions(case.stage()?, actor, &facts)
        } else {
            Vec::new()
        },
        confidential_withheld: false,
        outbound_referrals: crate::db::outbound::load_for_case(conn, &case.id)?,
        transfers: crate::db::transfers::history(conn, &case.id)?,
        case,
    };
    if decide_case(who, &view.case, CaseAction::ViewConfidential) != Decision::Allow {
        withhold_confidential(&mut view);
    }
    Ok(view)
}

/// `GET /api/cases/{id}`; every read is audited.
pub async fn show(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<CaseView>, AppError> {
    let (reader, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .run(move |conn| {
            let case = check_case(conn, &reader, &case_id, CaseAction::View)?;
            build_case_view(conn, &reader, case)
        })
        .await;
    match result {
        Ok(view) => {
            audit_read(&state, &who, &id, AuditAction::CaseView, None).await?;
            Ok(Json(view))
        }
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseView, e).await),
    }
}

/// Query of the case list. Codes are parsed here so that an unknown stage or
/// type gets a field message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    stage: Option<String>,
    case_type: Option<String>,
    /// `true`: only cases assigned to me.
    mine: Option<bool>,
    limit: Option<i64>,
}

/// `GET /api/cases?stage=&case_type=&mine=&limit=`: recent cases in my scope.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<CaseListRow>>, AppError> {
    let Some(organisation_id) = case_list_scope(&who).map(str::to_owned) else {
        return Err(AppError::NotFound);
    };
    let mut errors = Errors::default();
    let stage = q
        .stage
        .as_deref()
        .and_then(|s| s.parse().map_err(|_| errors.unknown("query.stage")).ok());
    let case_type = q.case_type.as_deref().and_then(|s| {
        s.parse()
            .map_err(|_| errors.unknown("query.case_type"))
            .ok()
    });
    errors.range("query.limit", q.limit, 1, crate::db::cases::MAX_LIST);
    errors.finish().map_err(StoreError::Invalid)?;
    let filter = CaseFilter {
        stage,
        case_type,
        assigned_worker_id: q.mine.unwrap_or(false).then(|| who.user_id.clone()),
        team_ids: who.team_ids.clone(),
        include_unteamed: who.role == crate::domain::Role::Supervisor,
        viewer_id: who.user_id.clone(),
    };
    let limit = q.limit.unwrap_or(50);
    let rows = state
        .db
        .run(move |conn| list_cases(conn, &organisation_id, &filter, limit))
        .await?;
    Ok(Json(rows))
}
