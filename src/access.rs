//! The one place that decides who may do what.
//!
//! Every handler asks here before it reads or changes anything; `docs/security.md`
//! states the policy in prose and `tests/access_matrix.rs` checks it for every
//! route and role. Outside a user's scope a case answers "not found", so that its
//! existence is not revealed; inside the scope, an action the user may not take
//! answers "forbidden".
//!
//! Scopes:
//! - a social worker sees the cases assigned to them and those of their teams.
//!   On a teammate's case they see the record but not its confidential fields,
//!   and cannot change it: teams cover for each other, but counselling notes stay
//!   between the client, the worker and supervision;
//! - a supervisor sees, edits and moves the cases of the teams they belong to
//!   (and the agency's cases that have no team), confidential fields included;
//! - union officers and administrators see no case content.
//!
//! Supervision (督导) adds: a supervisor of the case writes supervision notes on
//! its records (never on a case they hold themselves) and reassigns it; notes on
//! confidential records (sessions, assessment) reach only those who may read the
//! record's confidential fields; supervisors see their teams' oversight and
//! approvals queue; administrators and supervisors set their agency's approval
//! policies. Who may approve is the workflow's rule (supervisors, not the case's
//! own worker) on top of [`CaseAction::Transition`].
//! - union officers and administrators see no case content;
//! - evaluation reports (aggregates): supervisors for their agency or one of
//!   their teams, union officers the protected roll-up of their union tree
//!   ([`evaluation_scope`]).

use chrono::NaiveDateTime;

use crate::db::audit::AuditScope;
use crate::db::cases::Case;
use crate::domain::Role;
use crate::domain::supervision::NoteTarget;

/// An authenticated user as access control sees them.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The user's id.
    pub user_id: String,
    /// Their name as shown on records.
    pub display_name: String,
    /// Their organisation.
    pub organisation_id: String,
    /// Its name, for the page header.
    pub organisation_name: String,
    /// Their role.
    pub role: Role,
    /// The teams they belong to (and, for supervisors, supervise).
    pub team_ids: Vec<String>,
    /// Where the request came from, for the audit trail.
    pub client_address: String,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// The time of the request.
    pub at: NaiveDateTime,
    /// Notifications not yet opened (for the header).
    pub unread_notifications: i64,
}

/// Something a user may want to do to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseAction {
    /// Read the case and its records.
    View,
    /// Read its confidential fields (counselling notes, risk screening, conflict detail).
    ViewConfidential,
    /// Change a stage record or the details.
    Edit,
    /// Ask for a workflow transition (the workflow then applies its role rules).
    Transition,
    /// See who has read the case.
    ViewAccessLog,
    /// Write a supervision note on one of its records.
    Supervise,
    /// Give it to another social worker.
    Reassign,
}

/// How a user stands to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The case's assigned social worker.
    AssignedWorker,
    /// A supervisor of the case's team.
    Supervisor,
    /// A social worker of the case's team.
    Teammate,
    /// Anyone else.
    Outsider,
}

/// How `who` stands to `case`.
pub fn relation(who: &Principal, case: &Case) -> Relation {
    if who.organisation_id != case.organisation_id {
        return Relation::Outsider;
    }
    let in_team = case
        .team_id
        .as_ref()
        .is_some_and(|t| who.team_ids.contains(t));
    match who.role {
        Role::SocialWorker if case.assigned_worker_id.as_deref() == Some(&who.user_id) => {
            Relation::AssignedWorker
        }
        Role::SocialWorker if in_team => Relation::Teammate,
        Role::Supervisor if in_team || case.team_id.is_none() => Relation::Supervisor,
        Role::Supervisor if case.assigned_worker_id.as_deref() == Some(&who.user_id) => {
            Relation::AssignedWorker
        }
        _ => Relation::Outsider,
    }
}

/// The answer for one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// In scope, but not this action (answer 403).
    Forbid,
    /// Out of scope (answer 404, as if the case did not exist).
    Hide,
}

/// Whether `who` may perform `action` on `case`.
pub fn decide_case(who: &Principal, case: &Case, action: CaseAction) -> Decision {
    use Relation::*;
    let rel = relation(who, case);
    match (rel, action) {
        (Outsider, _) => Decision::Hide,
        (AssignedWorker | Supervisor, CaseAction::ViewAccessLog)
            if who.role == Role::Supervisor =>
        {
            Decision::Allow
        }
        (_, CaseAction::ViewAccessLog) => Decision::Forbid,
        // Nobody supervises their own case.
        (Supervisor, CaseAction::Supervise)
            if case.assigned_worker_id.as_deref() != Some(&who.user_id) =>
        {
            Decision::Allow
        }
        (_, CaseAction::Supervise) => Decision::Forbid,
        (Supervisor, CaseAction::Reassign) => Decision::Allow,
        (_, CaseAction::Reassign) => Decision::Forbid,
        (AssignedWorker | Supervisor, _) => Decision::Allow,
        (Teammate, CaseAction::View) => Decision::Allow,
        (Teammate, _) => Decision::Forbid,
    }
}

/// Whether `who` may open a case for `organisation_id`.
pub fn may_open_case(who: &Principal, organisation_id: &str) -> bool {
    is_case_staff(who.role) && who.organisation_id == organisation_id
}

/// The agency whose cases `who` may list, if any (the list shows only cases in scope).
pub fn case_list_scope(who: &Principal) -> Option<&str> {
    is_case_staff(who.role).then_some(who.organisation_id.as_str())
}

/// Whether `who` may register clients and search for them.
pub fn may_manage_clients(who: &Principal) -> bool {
    is_case_staff(who.role)
}

/// Whether `who` may manage organisations, teams and accounts.
pub fn may_administer(who: &Principal) -> bool {
    who.role == Role::Administrator
}

/// Whose audit events `who` may search, if any.
pub fn audit_scope(who: &Principal) -> Option<AuditScope> {
    match who.role {
        Role::Administrator => Some(AuditScope::All),
        Role::Supervisor => Some(AuditScope::Teams {
            organisation_id: who.organisation_id.clone(),
            team_ids: who.team_ids.clone(),
        }),
        _ => None,
    }
}

/// Whether an administrator may read a case's access log (metadata, not content).
pub fn may_read_access_log_as_admin(who: &Principal) -> bool {
    who.role == Role::Administrator
}

/// Something a user may want to do with a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralAction {
    /// Read it and its history (never the case's content).
    View,
    /// Accept, decline, or ask the officer for more information.
    Decide,
    /// Answer the agency's question.
    AddInfo,
    /// Write the outcome summary the union reads.
    WriteOutcome,
}

/// How `who` stands to a referral, given the unions they follow (`union_tree`:
/// for an officer, their union and the unions below it; empty for anyone else)
/// and the agency that holds the case it became (`case_agency`, once accepted).
///
/// The receiving agency's social workers and supervisors handle it; the officers
/// of the referring union (and of the unions above it) follow it, and only the
/// referring union's own officers answer questions about it. Self-referrals
/// belong to the agency alone. The outcome summary speaks for the case, so once
/// the case was transferred to another agency that agency's staff read the
/// referral and write the summary, and the receiving agency no longer writes it
/// (the write also needs `CaseAction::Edit` on the case).
pub fn decide_referral(
    who: &Principal,
    agency_id: &str,
    union_id: Option<&str>,
    union_tree: &[String],
    case_agency: Option<&str>,
    action: ReferralAction,
) -> Decision {
    let receiving = who.organisation_id == agency_id;
    let holds_case = case_agency.map_or(receiving, |a| a == who.organisation_id);
    if is_case_staff(who.role) && (receiving || holds_case) {
        return match action {
            ReferralAction::View => Decision::Allow,
            ReferralAction::Decide if receiving => Decision::Allow,
            ReferralAction::WriteOutcome if holds_case => Decision::Allow,
            _ => Decision::Forbid,
        };
    }
    let follows = who.role == Role::UnionOfficer
        && union_id.is_some_and(|u| union_tree.iter().any(|t| t == u));
    if !follows {
        return Decision::Hide;
    }
    match action {
        ReferralAction::View => Decision::Allow,
        ReferralAction::AddInfo if union_id == Some(who.organisation_id.as_str()) => {
            Decision::Allow
        }
        _ => Decision::Forbid,
    }
}

/// Whether `who` may refer members (union officers, for their own union).
pub fn may_refer(who: &Principal) -> bool {
    who.role == Role::UnionOfficer
}

/// Whether `who` has referrals to look at: officers follow theirs, case staff
/// work their agency's intake queue.
pub fn may_see_referrals(who: &Principal) -> bool {
    who.role == Role::UnionOfficer || is_case_staff(who.role)
}

/// Whether `who` may read a supervision note on a `target` record of `case`: as
/// they may read that record's confidential fields when the record is
/// confidential (sessions, assessment), otherwise as they may read the case.
pub fn may_read_note(who: &Principal, case: &Case, target: NoteTarget) -> bool {
    let needed = if target.is_confidential() {
        CaseAction::ViewConfidential
    } else {
        CaseAction::View
    };
    decide_case(who, case, needed) == Decision::Allow
}

/// Whether `who` sees the oversight screen and the approvals queue of their teams
/// (supervisors; the queries keep to their scope).
pub fn may_oversee_teams(who: &Principal) -> bool {
    who.role == Role::Supervisor
}

/// The agency whose approval policies `who` may read and change, if any:
/// administrators and supervisors, of their own organisation.
pub fn approval_policy_scope(who: &Principal) -> Option<&str> {
    matches!(who.role, Role::Administrator | Role::Supervisor)
        .then_some(who.organisation_id.as_str())
}

/// Whether `who` may ask for `case` to be transferred to another worker or
/// agency, or withdraw that request: those who may change the case (its
/// assigned worker and the supervisors of its team).
pub fn may_request_transfer(who: &Principal, case: &Case) -> Decision {
    decide_case(who, case, CaseAction::Edit)
}

/// Whether `who` may reassign `case` at once, without the receiving side's
/// acceptance: only a supervisor of its team (the assigned worker and teammates
/// see the case but may not, outsiders are not told it exists).
pub fn may_reassign(who: &Principal, case: &Case) -> Decision {
    match relation(who, case) {
        Relation::Outsider => Decision::Hide,
        Relation::Supervisor => Decision::Allow,
        Relation::AssignedWorker | Relation::Teammate => Decision::Forbid,
    }
}

/// The receiving side of a transfer.
#[derive(Debug, Clone, Copy)]
pub struct TransferReceiver<'a> {
    /// The receiving agency.
    pub organisation_id: &'a str,
    /// The receiving worker, if one was named.
    pub worker_id: Option<&'a str>,
}

/// Whether `who` may accept or decline a transfer: the worker it names, or,
/// when it names none, a supervisor of the receiving agency. Anyone else is not
/// told that it exists. Until they accept, receivers see only the transfer's
/// summary (reference, type, stage, client's name, reason, who asked), never
/// the case itself.
pub fn may_decide_transfer(who: &Principal, to: TransferReceiver<'_>) -> Decision {
    let in_agency = is_case_staff(who.role) && who.organisation_id == to.organisation_id;
    let allowed = match to.worker_id {
        Some(worker) => in_agency && worker == who.user_id,
        None => in_agency && who.role == Role::Supervisor,
    };
    if allowed {
        Decision::Allow
    } else {
        Decision::Hide
    }
}

/// Whether `who` may read the resource directory: everyone signed in (it holds
/// no case data, and officers refer members too).
pub fn may_read_resources(who: &Principal) -> bool {
    matches!(
        who.role,
        Role::SocialWorker | Role::Supervisor | Role::UnionOfficer | Role::Administrator
    )
}

/// Whether `who` may add, change and deactivate directory entries.
pub fn may_manage_resources(who: &Principal) -> bool {
    who.role == Role::Administrator
}

/// Whether `who` may produce evaluation reports: supervisors (for their agency)
/// and union officers (the roll-up of their union). Social workers and
/// administrators may not: see [`evaluation_scope`].
pub fn may_see_evaluation(who: &Principal) -> bool {
    matches!(who.role, Role::Supervisor | Role::UnionOfficer)
}

/// The scope of an evaluation report `who` asks for, or `None` (answer 404) when
/// it lies outside their rights.
///
/// - A supervisor gets their agency's figures, exact, or those of one of their
///   own teams (`team`); they oversee the agency's work and may read the cases of
///   their teams. Another team's id, or a `union`, is outside their scope.
/// - A union officer gets the roll-up of their union and every union below it,
///   or of one union of that tree (`union`), under the disclosure rules of
///   `domain::evaluation::disclosure`; `union_tree` is their union and the unions
///   below it. A `team` is outside their scope.
/// - Social workers get none: evaluation is supervision's work, and a worker's
///   own figures would single out their clients to anyone looking over their
///   shoulder. Administrators get none either: they run the system, not the
///   service (an administrator who also supervises has a supervisor account).
pub fn evaluation_scope(
    who: &Principal,
    team: Option<&str>,
    union: Option<&str>,
    union_tree: &[String],
) -> Option<EvaluationChoice> {
    match who.role {
        Role::Supervisor if union.is_none() => match team {
            None => Some(EvaluationChoice::Agency {
                organisation_id: who.organisation_id.clone(),
                team_id: None,
            }),
            Some(t) if who.team_ids.iter().any(|mine| mine == t) => {
                Some(EvaluationChoice::Agency {
                    organisation_id: who.organisation_id.clone(),
                    team_id: Some(t.to_owned()),
                })
            }
            Some(_) => None,
        },
        Role::UnionOfficer if team.is_none() => {
            let chosen = union.unwrap_or(&who.organisation_id);
            union_tree
                .iter()
                .any(|u| u == chosen)
                .then(|| EvaluationChoice::Union {
                    union_id: chosen.to_owned(),
                })
        }
        _ => None,
    }
}

/// What [`evaluation_scope`] allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvaluationChoice {
    /// An agency's figures, or one of its teams'.
    Agency {
        /// The agency.
        organisation_id: String,
        /// The team.
        team_id: Option<String>,
    },
    /// The roll-up of a union and the unions below it.
    Union {
        /// The union.
        union_id: String,
    },
}

fn is_case_staff(role: Role) -> bool {
    matches!(role, Role::SocialWorker | Role::Supervisor)
}

#[cfg(test)]
#[path = "access_tests.rs"]
mod tests;
