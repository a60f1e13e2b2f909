//! Supervision's tables: approval policies per case type, the approval a case
//! awaits and the supervisors' queue, supervision notes, reassignments, and the
//! oversight screen's counts and alerts.
//!
//! The same two rules as `super::case_queries` hold: every list keeps to the
//! reader's scope (the `in_scope!` filter) and has a LIMIT; extra facts for the
//! rows shown come in one grouped query each, never one query per row.

pub mod approvals;
pub mod assignments;
pub mod notes;
pub mod oversight;
pub mod policies;
