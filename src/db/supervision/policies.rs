//! Which approvals each case type needs in an agency (`approval_policies`).
//!
//! No row means the default, both approvals ([`ApprovalPolicy::default`]), so a
//! new agency supervises plans and closures until someone decides otherwise.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::approval_policies;
use crate::db::{DbConnection, StoreResult};
use crate::domain::supervision::ApprovalPolicy;
use crate::domain::vocab::CaseType;

/// One case type's policy in an agency, as shown and changed on the settings screen.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyRow {
    /// The case type.
    pub case_type: CaseType,
    /// What it needs.
    #[serde(flatten)]
    pub policy: ApprovalPolicy,
    /// Who last changed it (`None`: never changed, the default applies).
    pub updated_by: Option<String>,
    /// When.
    pub updated_at: Option<NaiveDateTime>,
}

/// The policy of one case type in one agency.
pub fn policy_for(
    conn: &mut DbConnection,
    organisation_id: &str,
    case_type: &str,
) -> StoreResult<ApprovalPolicy> {
    Ok(approval_policies::table
        .find((organisation_id, case_type))
        .select((
            approval_policies::plan_required,
            approval_policies::closure_required,
        ))
        .first::<(bool, bool)>(conn)
        .optional()?
        .map_or_else(ApprovalPolicy::default, |(plan, closure)| ApprovalPolicy {
            plan_required: plan,
            closure_required: closure,
        }))
}

/// Every case type's policy in an agency, in the order of [`CaseType::ALL`].
pub fn policies_of(conn: &mut DbConnection, organisation_id: &str) -> StoreResult<Vec<PolicyRow>> {
    let stored: Vec<(String, bool, bool, String, NaiveDateTime)> = approval_policies::table
        .filter(approval_policies::organisation_id.eq(organisation_id))
        .select((
            approval_policies::case_type,
            approval_policies::plan_required,
            approval_policies::closure_required,
            approval_policies::updated_by,
            approval_policies::updated_at,
        ))
        .load(conn)?;
    Ok(CaseType::ALL
        .iter()
        .map(|t| match stored.iter().find(|row| row.0 == t.as_str()) {
            Some((_, plan, closure, by, at)) => PolicyRow {
                case_type: *t,
                policy: ApprovalPolicy {
                    plan_required: *plan,
                    closure_required: *closure,
                },
                updated_by: Some(by.clone()),
                updated_at: Some(*at),
            },
            None => PolicyRow {
                case_type: *t,
                policy: ApprovalPolicy::default(),
                updated_by: None,
                updated_at: None,
            },
        })
        .collect())
}

/// Sets one case type's policy; returns whether anything changed (setting what
/// already applies, the default included, writes nothing). Call inside a
/// write transaction (with its audit entry). Cases already waiting keep waiting:
/// a submitted plan can still be approved or returned after approval is switched
/// off, and the worker may then also advance it.
pub fn set_policy(
    conn: &mut DbConnection,
    organisation_id: &str,
    case_type: CaseType,
    policy: ApprovalPolicy,
    by: &str,
    at: NaiveDateTime,
) -> StoreResult<bool> {
    let key = (organisation_id, case_type.as_str());
    let current: Option<(bool, bool)> = approval_policies::table
        .find(key)
        .select((
            approval_policies::plan_required,
            approval_policies::closure_required,
        ))
        .first(conn)
        .optional()?;
    let values = (
        approval_policies::plan_required.eq(policy.plan_required),
        approval_policies::closure_required.eq(policy.closure_required),
        approval_policies::updated_by.eq(by),
        approval_policies::updated_at.eq(at),
    );
    match current {
        Some((plan, closure))
            if plan == policy.plan_required && closure == policy.closure_required =>
        {
            return Ok(false);
        }
        // No row already means the default.
        None if policy == ApprovalPolicy::default() => return Ok(false),
        Some(_) => {
            diesel::update(approval_policies::table.find(key))
                .set(values)
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(approval_policies::table)
                .values((
                    approval_policies::organisation_id.eq(organisation_id),
                    approval_policies::case_type.eq(case_type.as_str()),
                    values.0,
                    values.1,
                    values.2,
                    values.3,
                ))
                .execute(conn)?;
        }
    }
    Ok(true)
}
