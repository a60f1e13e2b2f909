//! The queries behind the staff screens' lists: the case list (filters, keyset
//! pages), the home page (caseload, intake queue, what is due) and the client
//! search that comes before a new case.
//!
//! Two rules hold for every query here:
//! - **Scope.** A query only ever returns cases a user may read, with the same rule
//!   as `crate::access::relation` and `db::cases::list_cases`: the agency's cases
//!   of the user's teams and those assigned to them, plus, for supervisors, the
//!   agency's cases without a team ([`CaseScope`], applied by `in_scope!`).
//! - **Bounds.** Every query has a LIMIT, and none counts over the whole table:
//!   pages are walked with a cursor (the sort key and the id of the last row), so
//!   page 2,000 costs what page 1 costs. Extra facts (when a case entered its
//!   stage, overdue goals) are fetched for the shown cases in one grouped query
//!   each, never one query per case.
//!
//! Only diesel's query builder is used; user text reaches SQL as bound values, and
//! `LIKE` patterns have their wildcards escaped ([`like_pattern`]).

use crate::domain::vocab::RiskLevel;

/// Whose cases a user may see; build it from the signed-in user (see
/// `crate::access::case_list_scope`).
#[derive(Debug, Clone, Default)]
pub struct CaseScope {
    /// The agency.
    pub organisation_id: String,
    /// Cases of these teams ...
    pub team_ids: Vec<String>,
    /// ... and the agency's cases without a team (supervisors) ...
    pub include_unteamed: bool,
    /// ... and the cases assigned to this user.
    pub viewer_id: String,
}

/// Filters a boxed query over `cases` (possibly joined) to a [`CaseScope`].
///
/// A macro rather than a function because each query joins different tables,
/// and so has a different boxed type; the rule itself is written once.
macro_rules! in_scope {
    ($query:expr, $scope:expr) => {{
        let scope: &$crate::db::case_queries::CaseScope = $scope;
        let query = $query
            .filter($crate::db::schema::cases::organisation_id.eq(scope.organisation_id.clone()));
        let mine_or_teams = $crate::db::schema::cases::team_id
            .eq_any(scope.team_ids.clone())
            .or($crate::db::schema::cases::assigned_worker_id.eq(scope.viewer_id.clone()));
        if scope.include_unteamed {
            query.filter(mine_or_teams.or($crate::db::schema::cases::team_id.is_null()))
        } else {
            query.filter(mine_or_teams)
        }
    }};
}

/// For the supervision queries (`db::supervision`), which keep to the same scope.
pub(crate) use in_scope;

mod client_search;
mod cursor;
mod home;
mod list;

pub use client_search::{
    ClientMatch, OpenCaseOfClient, agency_staff, agency_teams, client_known_to_agency,
    possible_duplicates_in_agency, search_clients, union_organisations,
};
pub use cursor::{Cursor, SortKey};
pub use home::{
    CaseCard, DUE_WINDOW_DAYS, DueGoal, INTAKE_OVERDUE_DAYS, NO_ACTIVITY_OVERDUE_DAYS, Overdue,
    awaiting_sign_off, caseload, due_goals, intake_queue, overdue_reasons,
};
pub use list::{CaseRow, ListFilter, MAX_PAGE, RiskFilter, StageFilter, WorkerFilter, list_page};

diesel::define_sql_function! {
    /// SQL `lower()`, on both backends (SQLite folds ASCII letters only).
    fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A `LIKE` pattern that matches `text` anywhere, with `\` as the escape
/// character: `%`, `_` and `\` typed by a user match themselves.
pub fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// How urgent a risk level is, for sorting: critical 4 ... low 1, not assessed 0.
pub fn risk_rank(risk: Option<&str>) -> u8 {
    match risk.and_then(|r| r.parse::<RiskLevel>().ok()) {
        Some(RiskLevel::Critical) => 4,
        Some(RiskLevel::High) => 3,
        Some(RiskLevel::Medium) => 2,
        Some(RiskLevel::Low) => 1,
        None => 0,
    }
}

/// The risk level of a rank (the inverse of [`risk_rank`]); `None` for "not assessed".
pub fn risk_of_rank(rank: u8) -> Option<RiskLevel> {
    match rank {
        4 => Some(RiskLevel::Critical),
        3 => Some(RiskLevel::High),
        2 => Some(RiskLevel::Medium),
        1 => Some(RiskLevel::Low),
        _ => None,
    }
}

/// Whether a risk level calls for attention first (high or critical).
pub fn is_high_risk(risk: Option<&str>) -> bool {
    risk_rank(risk) >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("王"), "%王%");
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn risk_ranks_round_trip() {
        for rank in 0..=4 {
            assert_eq!(risk_rank(risk_of_rank(rank).map(|r| r.as_str())), rank);
        }
        assert!(is_high_risk(Some("critical")) && is_high_risk(Some("high")));
        assert!(!is_high_risk(Some("medium")) && !is_high_risk(None));
    }
}
