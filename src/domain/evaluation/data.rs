//! What the database hands the report: counts and sums, already aggregated.
//!
//! `crate::db::evaluation` fills this with GROUP BY queries; nothing here is one
//! row per case. Codes are stored codes (`None` where a record leaves it blank);
//! people and organisations are ids, with their names in the maps.

use std::collections::HashMap;

/// The aggregates of one report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvaluationData {
    /// Cases opened in the period: (intake channel, case type, assigned worker, n).
    pub intake: Vec<(Option<String>, String, Option<String>, i64)>,
    /// Cases opened in each month of `Period::months`, in order.
    pub intake_by_month: Vec<i64>,
    /// Cases at the end of the period: (stage then, assigned worker, n). Cases
    /// opened after the period, and cases closed before it began (and still closed),
    /// are left out.
    pub stage_at_end: Vec<(String, Option<String>, i64)>,
    /// Stays that ended in the period: (stage, whole hours it lasted, n).
    pub stage_hours: Vec<(String, i64, i64)>,
    /// Distinct cases behind those stays, per stage. Loaded only for reports
    /// whose disclosure is protected, the one place it is read (empty otherwise).
    pub stage_cases: Vec<(String, i64)>,
    /// Cases closed in the period: (closure reason, assigned worker, n).
    pub closed: Vec<(Option<String>, Option<String>, i64)>,
    /// Goals of the cases closed in the period: (attainment −2..=2, n).
    pub attainment: Vec<(Option<i32>, i64)>,
    /// Closed cases with at least one rated goal.
    pub attainment_cases: i64,
    /// WHO-5 of closed cases with both scores: how many, their sums, and how many
    /// gained 10 points or more.
    pub who5: Who5Sums,
    /// Satisfaction (1..=5) of the cases closed in the period: (score, n).
    pub satisfaction: Vec<(Option<i32>, i64)>,
    /// Referrals received in the period: (source, referring union, status, n).
    pub referrals_in: Vec<ReferralsIn>,
    /// Referrals out made in the period: (resource category, resource id, n).
    pub referrals_out: Vec<(String, String, i64)>,
    /// Union roll-up only: cases opened in the period per union of the tree.
    pub opened_by_union: Vec<(String, i64)>,
    /// Display names of the workers, unions and resources mentioned.
    pub names: HashMap<String, String>,
}

/// The WHO-5 sums of the closed cases that have both a baseline and a closing score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Who5Sums {
    /// Cases with both scores.
    pub n: i64,
    /// Sum of their baselines.
    pub baseline: i64,
    /// Sum of their closing scores.
    pub closing: i64,
    /// Those whose score rose by 10 points or more.
    pub improved: i64,
}

/// Referrals received: (source, referring union, status, how many).
pub type ReferralsIn = (String, Option<String>, String, i64);
