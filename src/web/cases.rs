//! Cases: open one at intake, and read one whole.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::actor::CurrentUser;
use super::json::{ApiJson, ApiQuery, IdPath};
use crate::access::{CaseAction, Principal, case_list_scope, may_act_on_case, may_open_case};
use crate::db::cases::{Case, CaseFilter, CaseListRow, find_case, list_cases, open_case};
use crate::db::clients::{Client, find_client};
use crate::db::details::{CaseDetails, load_details};
use crate::db::records::{StageRecords, load_stage_records};
use crate::db::transitions::{TransitionLogEntry, log};
use crate::db::{DbConnection, StoreError, StoreResult};
use crate::domain::validation::{Errors, NewCaseInput};
use crate::domain::workflow::{Actor, Transition, open_transitions};
use crate::error::AppError;

/// Loads a case if `who` may perform `action` on it; otherwise "not found".
pub fn authorized_case(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    action: CaseAction,
) -> StoreResult<Case> {
    let case = find_case(conn, case_id)?;
    if may_act_on_case(who, &case, action) {
        Ok(case)
    } else {
        Err(StoreError::NotFound)
    }
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
    if !may_open_case(&who, &input.organisation_id) {
        let mut e = Errors::default();
        e.unknown("case.organisation_id");
        return Err(StoreError::Invalid(e.finish().unwrap_err()).into());
    }
    let case = state
        .db
        .write(move |conn| open_case(conn, input, &who.user_id))
        .await?;
    Ok((StatusCode::CREATED, Json(CaseSummary::from(&case))))
}

/// Everything about one case.
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
}

/// `GET /api/cases/{id}`.
pub async fn show(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<CaseView>, AppError> {
    let view = state
        .db
        .run(move |conn| {
            let case = authorized_case(conn, &who, &id, CaseAction::View)?;
            let actor = Actor {
                role: who.role,
                is_assigned_worker: case.assigned_worker_id.as_deref() == Some(&who.user_id),
            };
            Ok(CaseView {
                client: find_client(conn, &case.client_id)?,
                records: load_stage_records(conn, &case.id)?,
                details: load_details(conn, &case.id, case.case_type()?)?,
                transitions: log(conn, &case.id)?,
                open_transitions: open_transitions(case.stage()?, actor),
                case,
            })
        })
        .await?;
    Ok(Json(view))
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

/// `GET /api/cases?stage=&case_type=&mine=&limit=`: recent cases of my agency.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<CaseListRow>>, AppError> {
    let Some(organisation_id) = case_list_scope(&who).map(str::to_owned) else {
        return Err(AppError::NotFound);
    };
    let mut errors = Errors::default();
    let stage = q.stage.as_deref().and_then(|s| {
        s.parse()
            .map_err(|_| errors.unknown("query.stage"))
            .ok()
    });
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
    };
    let limit = q.limit.unwrap_or(50);
    let rows = state
        .db
        .run(move |conn| list_cases(conn, &organisation_id, &filter, limit))
        .await?;
    Ok(Json(rows))
}
