//! The one place that decides who may do what.
//!
//! Every handler asks here before it reads or changes anything. Outside a user's
//! scope a case answers "not found", so that its existence is not revealed.
//!
//! The policy in this release is deliberately narrow: social workers and
//! supervisors act on the cases of their own agency; union officers and
//! administrators see no case content. Teams, supervision scopes, union
//! hierarchies and confidential fields refine it in the access-control issue.

use crate::db::cases::Case;
use crate::domain::Role;

/// An authenticated user as access control sees them.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The user's id.
    pub user_id: String,
    /// Their organisation.
    pub organisation_id: String,
    /// Their role.
    pub role: Role,
}

/// Something a user may want to do to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseAction {
    /// Read the case and its records.
    View,
    /// Change a stage record or the details.
    Edit,
    /// Ask for a workflow transition (the workflow then checks the role's rules).
    Transition,
}

fn is_case_staff(role: Role) -> bool {
    matches!(role, Role::SocialWorker | Role::Supervisor)
}

/// Whether `who` may perform `action` on `case`.
pub fn may_act_on_case(who: &Principal, case: &Case, action: CaseAction) -> bool {
    match action {
        CaseAction::View | CaseAction::Edit | CaseAction::Transition => {
            is_case_staff(who.role) && who.organisation_id == case.organisation_id
        }
    }
}

/// Whether `who` may open a case for `organisation_id`.
pub fn may_open_case(who: &Principal, organisation_id: &str) -> bool {
    is_case_staff(who.role) && who.organisation_id == organisation_id
}

/// The agency whose cases `who` may list, if any.
pub fn case_list_scope(who: &Principal) -> Option<&str> {
    is_case_staff(who.role).then_some(who.organisation_id.as_str())
}

/// Whether `who` may register clients and search for them.
pub fn may_manage_clients(who: &Principal) -> bool {
    is_case_staff(who.role)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_of(org: &str) -> Case {
        let t = chrono::NaiveDateTime::default();
        Case {
            id: "c".into(),
            reference: "CW-2026-000001".into(),
            case_type: "counselling".into(),
            client_id: "cl".into(),
            organisation_id: org.into(),
            team_id: None,
            assigned_worker_id: None,
            stage: "intake".into(),
            risk_level: None,
            version: 1,
            created_by: "u".into(),
            opened_at: t,
            updated_at: t,
            closed_at: None,
        }
    }

    fn who(role: Role, org: &str) -> Principal {
        Principal {
            user_id: "u".into(),
            organisation_id: org.into(),
            role,
        }
    }

    #[test]
    fn only_staff_of_the_serving_agency() {
        let case = case_of("agency-a");
        for action in [CaseAction::View, CaseAction::Edit, CaseAction::Transition] {
            assert!(may_act_on_case(
                &who(Role::SocialWorker, "agency-a"),
                &case,
                action
            ));
            assert!(may_act_on_case(
                &who(Role::Supervisor, "agency-a"),
                &case,
                action
            ));
            assert!(!may_act_on_case(
                &who(Role::SocialWorker, "agency-b"),
                &case,
                action
            ));
            assert!(!may_act_on_case(
                &who(Role::UnionOfficer, "agency-a"),
                &case,
                action
            ));
            assert!(!may_act_on_case(
                &who(Role::Administrator, "agency-a"),
                &case,
                action
            ));
        }
    }
}
