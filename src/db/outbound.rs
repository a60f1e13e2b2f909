//! Referrals out (转介) from a case to a resource of the directory: what was
//! asked, how it stands, and the feedback received.
//!
//! Every change claims the case's version (a stale one is refused, nothing
//! written) and is allowed in any open stage (`Section::Referrals`). The query
//! helpers at the end serve the case report and the evaluation report.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::cases::Case;
use super::records::begin_edit;
use super::schema::{cases, outbound_referrals, resources};
use super::{DbConnection, StoreError, StoreResult, new_id, now};
use crate::domain::editing::Section;
use crate::domain::outbound::{
    OutboundReferralInput, OutboundStatus, OutboundUpdateInput, ResourceCategory,
};
use crate::domain::validation::Errors;

/// One stored referral out.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = outbound_referrals)]
pub struct OutboundReferral {
    /// Id.
    pub id: String,
    /// The case.
    pub case_id: String,
    /// The directory entry.
    pub resource_id: String,
    /// What was asked.
    pub request: String,
    /// An `OutboundStatus` code.
    pub status: String,
    /// What came back.
    pub feedback: Option<String>,
    /// Who made it.
    pub referred_by: String,
    /// When.
    pub referred_at: NaiveDateTime,
    /// Who last changed it.
    pub updated_by: String,
    /// When.
    pub updated_at: NaiveDateTime,
}

/// A referral out with its resource, as screens, the API and reports show it.
#[derive(Debug, Clone, Serialize)]
pub struct OutboundReferralView {
    /// The referral (its `feedback` is withheld from readers without access to
    /// confidential fields: a hospital's or a hotline's answer is as sensitive
    /// as a session note).
    #[serde(flatten)]
    pub referral: OutboundReferral,
    /// The resource's name.
    pub resource_name: String,
    /// Its `ResourceCategory` code.
    pub resource_category: String,
    /// Whether it is still in the directory's active list.
    pub resource_active: bool,
}

/// Refers the client of a case out to an active resource. Call inside a write
/// transaction, after access was checked.
pub fn refer(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    mut input: OutboundReferralInput,
    actor_id: &str,
) -> StoreResult<(Case, OutboundReferral)> {
    input.validate().map_err(StoreError::Invalid)?;
    let case = begin_edit(conn, case_id, version, Section::Referrals)?;
    let usable: i64 = resources::table
        .filter(resources::id.eq(&input.resource_id))
        .filter(resources::active.eq(true))
        .count()
        .get_result(conn)?;
    if usable == 0 {
        let mut e = Errors::default();
        e.unknown("outbound.resource_id");
        return Err(StoreError::Invalid(e.finish().err().unwrap_or_default()));
    }
    let at = now();
    let referral = OutboundReferral {
        id: new_id(),
        case_id: case_id.to_owned(),
        resource_id: input.resource_id,
        request: input.request,
        status: OutboundStatus::Sent.as_str().to_owned(),
        feedback: None,
        referred_by: actor_id.to_owned(),
        referred_at: at,
        updated_by: actor_id.to_owned(),
        updated_at: at,
    };
    diesel::insert_into(outbound_referrals::table)
        .values(&referral)
        .execute(conn)?;
    Ok((case, referral))
}

/// Records a referral's status and the feedback received. A referral of
/// another case answers "not found". Call inside a write transaction.
pub fn update(
    conn: &mut DbConnection,
    case_id: &str,
    referral_id: &str,
    version: i64,
    mut input: OutboundUpdateInput,
    actor_id: &str,
) -> StoreResult<(Case, OutboundReferral)> {
    find(conn, case_id, referral_id)?;
    let status = input.validate().map_err(StoreError::Invalid)?;
    let case = begin_edit(conn, case_id, version, Section::Referrals)?;
    diesel::update(outbound_referrals::table.find(referral_id))
        .set((
            outbound_referrals::status.eq(status.as_str()),
            outbound_referrals::feedback.eq(input.feedback),
            outbound_referrals::updated_by.eq(actor_id),
            outbound_referrals::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok((case, find(conn, case_id, referral_id)?))
}

/// One referral of one case.
pub fn find(
    conn: &mut DbConnection,
    case_id: &str,
    referral_id: &str,
) -> StoreResult<OutboundReferral> {
    outbound_referrals::table
        .filter(outbound_referrals::id.eq(referral_id))
        .filter(outbound_referrals::case_id.eq(case_id))
        .select(OutboundReferral::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Every referral out of a case with its resource, oldest first (for the case
/// page, the case API and the case report).
pub fn load_for_case(
    conn: &mut DbConnection,
    case_id: &str,
) -> StoreResult<Vec<OutboundReferralView>> {
    let rows: Vec<(OutboundReferral, String, String, bool)> = outbound_referrals::table
        .inner_join(resources::table)
        .filter(outbound_referrals::case_id.eq(case_id))
        .order((outbound_referrals::referred_at, outbound_referrals::id))
        .select((
            OutboundReferral::as_select(),
            resources::name,
            resources::category,
            resources::active,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(referral, name, category, active)| OutboundReferralView {
            referral,
            resource_name: name,
            resource_category: category,
            resource_active: active,
        })
        .collect())
}

/// Which referrals out a report counts: those made in `[from, to)` on cases of
/// one agency, optionally of some teams or one case type. A case transferred to
/// another agency takes its referrals with it (they follow `cases.organisation_id`).
#[derive(Debug, Clone, Default)]
pub struct OutboundScope {
    /// The agency.
    pub organisation_id: String,
    /// Only cases of these teams (empty: every team, and cases without one).
    pub team_ids: Vec<String>,
    /// Only cases of this type (a `CaseType` code).
    pub case_type: Option<String>,
    /// From this time on (UTC).
    pub from: NaiveDateTime,
    /// Before this time (UTC).
    pub to: NaiveDateTime,
}

/// Referrals out of one resource category in a period, by how they stand now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    /// The `ResourceCategory` code.
    pub category: String,
    /// All referrals made.
    pub total: i64,
    /// Still waiting for an answer.
    pub sent: i64,
    /// Taken on by the resource.
    pub accepted: i64,
    /// Done.
    pub completed: i64,
    /// Refused by the resource.
    pub declined: i64,
    /// Never answered.
    pub no_response: i64,
}

/// Counts referrals out per resource category (every category listed, in the
/// directory's order, zeros included, so that a report's table is complete).
pub fn count_by_resource_category(
    conn: &mut DbConnection,
    scope: &OutboundScope,
) -> StoreResult<Vec<CategoryCount>> {
    // Each optional filter is spelt out: MultiConnection cannot run boxed
    // queries with GROUP BY, nor boxed subqueries.
    macro_rules! grouped {
        ($($filter:expr),*) => {
            outbound_referrals::table
                .inner_join(cases::table)
                .filter(cases::organisation_id.eq(&scope.organisation_id))
                .filter(outbound_referrals::referred_at.ge(scope.from))
                .filter(outbound_referrals::referred_at.lt(scope.to))
                $(.filter($filter))*
                .group_by((outbound_referrals::resource_id, outbound_referrals::status))
                .select((
                    outbound_referrals::resource_id,
                    outbound_referrals::status,
                    diesel::dsl::count_star(),
                ))
                .load::<(String, String, i64)>(conn)?
        };
    }
    let teams = &scope.team_ids;
    let grouped = match (teams.is_empty(), &scope.case_type) {
        (true, None) => grouped!(),
        (false, None) => grouped!(cases::team_id.eq_any(teams)),
        (true, Some(t)) => grouped!(cases::case_type.eq(t)),
        (false, Some(t)) => grouped!(cases::team_id.eq_any(teams), cases::case_type.eq(t)),
    };
    let resource_ids: Vec<&String> = grouped.iter().map(|(r, ..)| r).collect();
    let categories: std::collections::HashMap<String, String> = resources::table
        .filter(resources::id.eq_any(resource_ids))
        .select((resources::id, resources::category))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let rows = grouped.into_iter().filter_map(|(resource, status, n)| {
        categories.get(&resource).map(|c| (c.clone(), status, n))
    });
    let mut counts: Vec<CategoryCount> = ResourceCategory::ALL
        .iter()
        .map(|c| CategoryCount {
            category: c.as_str().to_owned(),
            ..CategoryCount::default()
        })
        .collect();
    for (category, status, n) in rows {
        let Some(row) = counts.iter_mut().find(|c| c.category == category) else {
            continue;
        };
        row.total += n;
        match status.parse::<OutboundStatus>() {
            Ok(OutboundStatus::Sent) => row.sent += n,
            Ok(OutboundStatus::Accepted) => row.accepted += n,
            Ok(OutboundStatus::Completed) => row.completed += n,
            Ok(OutboundStatus::Declined) => row.declined += n,
            Ok(OutboundStatus::NoResponse) => row.no_response += n,
            Err(_) => {}
        }
    }
    Ok(counts)
}

/// How many referrals out each case of a list has (for case lists and reports).
pub fn count_for_cases(
    conn: &mut DbConnection,
    case_ids: &[String],
) -> StoreResult<Vec<(String, i64)>> {
    Ok(outbound_referrals::table
        .filter(outbound_referrals::case_id.eq_any(case_ids))
        .group_by(outbound_referrals::case_id)
        .select((outbound_referrals::case_id, diesel::dsl::count_star()))
        .load(conn)?)
}
