//! The evaluation report (成效评估): its period, its figures, and what a union
//! officer may see of them. Pure: the database aggregates
//! ([`data::EvaluationData`]), [`report::build`] turns the aggregates into the
//! figures every format prints, under the [`disclosure`] rules of the reader.

pub mod data;
pub mod disclosure;
pub mod period;
pub mod report;
pub mod stats;

pub use data::{EvaluationData, Who5Sums};
pub use disclosure::{Disclosure, Shown};
pub use period::{Period, PeriodError, parse_period};
pub use report::{Label, Report, Row, Table, build};

use crate::domain::vocab::CaseType;

/// Whose cases a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// An agency's cases, or one team's.
    Agency {
        /// The agency.
        organisation_id: String,
        /// One of its teams.
        team_id: Option<String>,
    },
    /// The cases of a union's members and of its referrals, with every union below it.
    Unions {
        /// The union the report is about.
        union_id: String,
        /// It and every union below it.
        tree: Vec<String>,
    },
}

impl Scope {
    /// Which disclosure rules the scope's readers get.
    pub fn disclosure(&self) -> Disclosure {
        match self {
            Scope::Agency { .. } => Disclosure::Exact,
            Scope::Unions { .. } => Disclosure::Protected,
        }
    }
}

/// What a report is asked for: a scope, a period, and optionally one case type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRequest {
    /// Whose cases.
    pub scope: Scope,
    /// When.
    pub period: Period,
    /// Only this type of case.
    pub case_type: Option<CaseType>,
}
