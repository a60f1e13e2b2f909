//! The type-specific details of the four case types, one table each.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::cases::Case;
use super::records::{begin_edit, load_record, upsert};
use super::schema::*;
use super::{DbConnection, StoreError, StoreResult, now};
use crate::domain::editing::Section;
use crate::domain::validation::{DetailsInput, Errors, clean};
use crate::domain::vocab::{CaseType, join_codes};

/// 心理疏导.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = counselling_details, treat_none_as_null = true)]
#[expect(missing_docs, reason = "fields mirror DetailsInput, documented there")]
pub struct CounsellingDetails {
    pub case_id: String,
    pub concern: Option<String>,
    /// Confidential.
    pub self_harm_screening: Option<String>,
    pub preferred_mode: Option<String>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// 家庭调解.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = mediation_details, treat_none_as_null = true)]
#[expect(missing_docs, reason = "fields mirror DetailsInput, documented there")]
pub struct MediationDetails {
    pub case_id: String,
    pub parties: Option<String>,
    /// Confidential.
    pub conflict: Option<String>,
    pub agreement_reached: Option<bool>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// 劳动关系协调.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = labour_dispute_details, treat_none_as_null = true)]
#[expect(missing_docs, reason = "fields mirror DetailsInput, documented there")]
pub struct LabourDisputeDetails {
    pub case_id: String,
    pub employer: Option<String>,
    pub category: Option<String>,
    pub workers_affected: Option<i32>,
    /// Fen.
    pub amount_in_dispute: Option<i64>,
    pub route: Option<String>,
    pub outcome: Option<String>,
    /// Fen.
    pub amount_recovered: Option<i64>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// 特殊职工帮扶.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = special_group_details, treat_none_as_null = true)]
#[expect(missing_docs, reason = "fields mirror DetailsInput, documented there")]
pub struct SpecialGroupDetails {
    pub case_id: String,
    /// Comma-separated codes.
    pub groups: String,
    /// Comma-separated codes.
    pub needs: String,
    pub resources_linked: Option<String>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// The details of one case, whichever its type.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "case_type", rename_all = "snake_case")]
pub enum CaseDetails {
    /// 心理疏导.
    Counselling(CounsellingDetails),
    /// 家庭调解.
    FamilyMediation(MediationDetails),
    /// 劳动关系协调.
    LabourDispute(LabourDisputeDetails),
    /// 特殊职工帮扶.
    SpecialGroup(SpecialGroupDetails),
}

/// Saves the type-specific details; their type must be the case's.
pub fn save_details(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    input: DetailsInput,
    actor_id: &str,
) -> StoreResult<Case> {
    input.validate().map_err(StoreError::Invalid)?;
    let case = begin_edit(conn, case_id, version, Section::Details)?;
    if case.case_type()? != input.case_type() {
        let mut e = Errors::default();
        e.unknown("details.case_type");
        e.finish().map_err(StoreError::Invalid)?;
    }
    let (updated_by, updated_at, case_id) = (actor_id.to_owned(), now(), case_id.to_owned());
    match input {
        DetailsInput::Counselling {
            concern,
            self_harm_screening,
            preferred_mode,
        } => {
            let r = CounsellingDetails {
                case_id,
                concern: concern.map(|c| c.as_str().to_owned()),
                self_harm_screening: clean(self_harm_screening),
                preferred_mode: preferred_mode.map(|m| m.as_str().to_owned()),
                updated_by,
                updated_at,
            };
            upsert!(conn, counselling_details, &r.case_id, &r);
        }
        DetailsInput::FamilyMediation {
            parties,
            conflict,
            agreement_reached,
        } => {
            let r = MediationDetails {
                case_id,
                parties: clean(parties),
                conflict: clean(conflict),
                agreement_reached,
                updated_by,
                updated_at,
            };
            upsert!(conn, mediation_details, &r.case_id, &r);
        }
        DetailsInput::LabourDispute {
            employer,
            category,
            workers_affected,
            amount_in_dispute,
            route,
            outcome,
            amount_recovered,
        } => {
            let r = LabourDisputeDetails {
                case_id,
                employer: clean(employer),
                category: category.map(|c| c.as_str().to_owned()),
                workers_affected,
                amount_in_dispute,
                route: route.map(|c| c.as_str().to_owned()),
                outcome: clean(outcome),
                amount_recovered,
                updated_by,
                updated_at,
            };
            upsert!(conn, labour_dispute_details, &r.case_id, &r);
        }
        DetailsInput::SpecialGroup {
            groups,
            needs,
            resources_linked,
        } => {
            let r = SpecialGroupDetails {
                case_id,
                groups: join_codes(&groups),
                needs: join_codes(&needs),
                resources_linked: clean(resources_linked),
                updated_by,
                updated_at,
            };
            upsert!(conn, special_group_details, &r.case_id, &r);
        }
    }
    Ok(case)
}

/// Loads a case's details, if any were recorded.
pub fn load_details(
    conn: &mut DbConnection,
    case_id: &str,
    case_type: CaseType,
) -> StoreResult<Option<CaseDetails>> {
    Ok(match case_type {
        CaseType::Counselling => {
            load_record!(conn, counselling_details, CounsellingDetails, case_id)
                .map(CaseDetails::Counselling)
        }
        CaseType::FamilyMediation => {
            load_record!(conn, mediation_details, MediationDetails, case_id)
                .map(CaseDetails::FamilyMediation)
        }
        CaseType::LabourDispute => {
            load_record!(conn, labour_dispute_details, LabourDisputeDetails, case_id)
                .map(CaseDetails::LabourDispute)
        }
        CaseType::SpecialGroup => {
            load_record!(conn, special_group_details, SpecialGroupDetails, case_id)
                .map(CaseDetails::SpecialGroup)
        }
    })
}
