use super::*;

fn case_of(org: &str, team: Option<&str>, worker: &str) -> Case {
    let t = chrono::NaiveDateTime::default();
    Case {
        id: "c".into(),
        reference: "CW-2026-000001".into(),
        case_type: "counselling".into(),
        client_id: "cl".into(),
        organisation_id: org.into(),
        team_id: team.map(Into::into),
        assigned_worker_id: Some(worker.into()),
        stage: "intake".into(),
        risk_level: None,
        version: 1,
        created_by: worker.into(),
        opened_at: t,
        updated_at: t,
        closed_at: None,
    }
}

fn who(id: &str, role: Role, org: &str, teams: &[&str]) -> Principal {
    Principal {
        user_id: id.into(),
        display_name: id.into(),
        organisation_id: org.into(),
        organisation_name: org.into(),
        role,
        team_ids: teams.iter().map(|t| t.to_string()).collect(),
        client_address: "test".into(),
        csrf_token: String::new(),
        at: chrono::NaiveDateTime::default(),
        unread_notifications: 0,
    }
}

#[test]
fn scope_by_relation() {
    use CaseAction::*;
    use Decision::*;
    let case = case_of("a", Some("t1"), "w");
    let rows: &[(Principal, [Decision; 5])] = &[
        (
            who("w", Role::SocialWorker, "a", &["t1"]),
            [Allow, Allow, Allow, Allow, Forbid],
        ),
        (
            who("mate", Role::SocialWorker, "a", &["t1"]),
            [Allow, Forbid, Forbid, Forbid, Forbid],
        ),
        (
            who("other", Role::SocialWorker, "a", &["t2"]),
            [Hide, Hide, Hide, Hide, Hide],
        ),
        (
            who("sup", Role::Supervisor, "a", &["t1"]),
            [Allow, Allow, Allow, Allow, Allow],
        ),
        (
            who("sup2", Role::Supervisor, "a", &["t2"]),
            [Hide, Hide, Hide, Hide, Hide],
        ),
        (
            who("far", Role::Supervisor, "b", &["t1"]),
            [Hide, Hide, Hide, Hide, Hide],
        ),
        (
            who("off", Role::UnionOfficer, "a", &["t1"]),
            [Hide, Hide, Hide, Hide, Hide],
        ),
        (
            who("adm", Role::Administrator, "a", &["t1"]),
            [Hide, Hide, Hide, Hide, Hide],
        ),
    ];
    for (p, expected) in rows {
        let got = [View, ViewConfidential, Edit, Transition, ViewAccessLog]
            .map(|a| decide_case(p, &case, a));
        assert_eq!(&got, expected, "{}", p.user_id);
    }
}

#[test]
fn supervisors_cover_cases_without_a_team() {
    let case = case_of("a", None, "w");
    assert_eq!(
        decide_case(
            &who("sup", Role::Supervisor, "a", &["t9"]),
            &case,
            CaseAction::Edit
        ),
        Decision::Allow
    );
    assert_eq!(
        decide_case(
            &who("mate", Role::SocialWorker, "a", &["t9"]),
            &case,
            CaseAction::View
        ),
        Decision::Hide
    );
}

#[test]
fn referrals_belong_to_the_agency_and_are_followed_by_the_union_tree() {
    use Decision::*;
    use ReferralAction::*;
    let worker = who("w", Role::SocialWorker, "agency", &["t"]);
    let supervisor = who("s", Role::Supervisor, "agency", &[]);
    let elsewhere = who("x", Role::SocialWorker, "other-agency", &["t"]);
    let district = who("o", Role::UnionOfficer, "district", &[]);
    let city = who("c", Role::UnionOfficer, "city", &[]);
    let admin = who("a", Role::Administrator, "agency", &[]);
    let district_tree = vec!["district".to_string()];
    let city_tree = vec!["city".to_string(), "district".to_string()];
    let r = |p: &Principal, tree: &[String], action| {
        decide_referral(p, "agency", Some("district"), tree, None, action)
    };
    for action in [View, Decide, WriteOutcome] {
        assert_eq!(r(&worker, &[], action), Allow);
        assert_eq!(r(&supervisor, &[], action), Allow);
        assert_eq!(r(&elsewhere, &[], action), Hide);
        assert_eq!(r(&admin, &[], action), Hide);
    }
    assert_eq!(r(&worker, &[], AddInfo), Forbid);
    assert_eq!(r(&district, &district_tree, View), Allow);
    assert_eq!(r(&district, &district_tree, AddInfo), Allow);
    assert_eq!(r(&district, &district_tree, Decide), Forbid);
    assert_eq!(r(&district, &district_tree, WriteOutcome), Forbid);
    // The city union follows its district's referrals but does not answer for it.
    assert_eq!(r(&city, &city_tree, View), Allow);
    assert_eq!(r(&city, &city_tree, AddInfo), Forbid);
    // A district never sees the city's, nor a self-referral.
    assert_eq!(
        decide_referral(
            &district,
            "agency",
            Some("city"),
            &district_tree,
            None,
            View
        ),
        Hide
    );
    assert_eq!(
        decide_referral(&city, "agency", None, &city_tree, None, View),
        Hide
    );
    // After a transfer, the agency holding the case writes the outcome; the
    // receiving agency still reads the referral but no longer writes it.
    let moved = |p: &Principal, action| {
        decide_referral(
            p,
            "agency",
            Some("district"),
            &[],
            Some("other-agency"),
            action,
        )
    };
    assert_eq!(moved(&elsewhere, WriteOutcome), Allow);
    assert_eq!(moved(&elsewhere, View), Allow);
    assert_eq!(moved(&elsewhere, Decide), Forbid);
    assert_eq!(moved(&worker, WriteOutcome), Forbid);
    assert_eq!(moved(&worker, View), Allow);
    assert!(may_refer(&district) && !may_refer(&worker) && !may_refer(&admin));
    assert!(may_see_referrals(&worker) && may_see_referrals(&city) && !may_see_referrals(&admin));
}

#[test]
fn supervision_by_relation() {
    use CaseAction::*;
    use Decision::*;
    let case = case_of("a", Some("t1"), "w");
    let rows: &[(Principal, [Decision; 2])] = &[
        (who("w", Role::SocialWorker, "a", &["t1"]), [Forbid, Forbid]),
        (
            who("mate", Role::SocialWorker, "a", &["t1"]),
            [Forbid, Forbid],
        ),
        (who("sup", Role::Supervisor, "a", &["t1"]), [Allow, Allow]),
        (who("sup2", Role::Supervisor, "a", &["t2"]), [Hide, Hide]),
        (who("far", Role::Supervisor, "b", &["t1"]), [Hide, Hide]),
        (who("off", Role::UnionOfficer, "a", &["t1"]), [Hide, Hide]),
        (who("adm", Role::Administrator, "a", &["t1"]), [Hide, Hide]),
    ];
    for (p, expected) in rows {
        let got = [Supervise, Reassign].map(|a| decide_case(p, &case, a));
        assert_eq!(&got, expected, "{}", p.user_id);
    }
}

#[test]
fn transfers_are_asked_for_by_those_who_hold_the_case() {
    use Decision::*;
    let case = case_of("a", Some("t1"), "w");
    let rows = [
        (who("w", Role::SocialWorker, "a", &["t1"]), Allow, Forbid),
        (
            who("mate", Role::SocialWorker, "a", &["t1"]),
            Forbid,
            Forbid,
        ),
        (who("sup", Role::Supervisor, "a", &["t1"]), Allow, Allow),
        (who("sup2", Role::Supervisor, "a", &["t2"]), Hide, Hide),
        (who("far", Role::Supervisor, "b", &["t1"]), Hide, Hide),
        (who("off", Role::UnionOfficer, "a", &["t1"]), Hide, Hide),
        (who("adm", Role::Administrator, "a", &["t1"]), Hide, Hide),
    ];
    for (p, request, reassign) in rows {
        assert_eq!(may_request_transfer(&p, &case), request, "{}", p.user_id);
        assert_eq!(may_reassign(&p, &case), reassign, "{}", p.user_id);
    }
    // A supervisor who holds a case of another team may hand it on, not reassign it.
    let held = case_of("a", Some("t2"), "sup");
    let sup = who("sup", Role::Supervisor, "a", &["t1"]);
    assert_eq!(may_request_transfer(&sup, &held), Allow);
    assert_eq!(may_reassign(&sup, &held), Forbid);
}

#[test]
fn only_the_receiving_side_decides_a_transfer() {
    use Decision::*;
    let to_worker = TransferReceiver {
        organisation_id: "b",
        worker_id: Some("x"),
    };
    let to_agency = TransferReceiver {
        organisation_id: "b",
        worker_id: None,
    };
    let rows = [
        (who("x", Role::SocialWorker, "b", &[]), Allow, Hide),
        (who("y", Role::SocialWorker, "b", &[]), Hide, Hide),
        (who("sup", Role::Supervisor, "b", &[]), Hide, Allow),
        (who("asup", Role::Supervisor, "a", &[]), Hide, Hide),
        // The same id in another agency is not the receiver.
        (who("x", Role::SocialWorker, "a", &[]), Hide, Hide),
        (who("adm", Role::Administrator, "b", &[]), Hide, Hide),
        (who("off", Role::UnionOfficer, "b", &[]), Hide, Hide),
    ];
    for (p, worker, agency) in rows {
        assert_eq!(may_decide_transfer(&p, to_worker), worker, "{}", p.user_id);
        assert_eq!(may_decide_transfer(&p, to_agency), agency, "{}", p.user_id);
    }
}

#[test]
fn nobody_supervises_their_own_case() {
    // A supervisor holding a case of their own team may hand it on, not comment on it.
    let case = case_of("a", Some("t1"), "sup");
    let sup = who("sup", Role::Supervisor, "a", &["t1"]);
    assert_eq!(
        decide_case(&sup, &case, CaseAction::Supervise),
        Decision::Forbid
    );
    assert_eq!(
        decide_case(&sup, &case, CaseAction::Reassign),
        Decision::Allow
    );
}

#[test]
fn notes_follow_their_records_confidentiality() {
    use crate::domain::supervision::NoteTarget;
    let case = case_of("a", Some("t1"), "w");
    let worker = who("w", Role::SocialWorker, "a", &["t1"]);
    let mate = who("mate", Role::SocialWorker, "a", &["t1"]);
    let sup = who("sup", Role::Supervisor, "a", &["t1"]);
    let outsider = who("other", Role::SocialWorker, "a", &["t2"]);
    for target in NoteTarget::ALL {
        assert!(may_read_note(&worker, &case, *target), "{target}");
        assert!(may_read_note(&sup, &case, *target), "{target}");
        assert!(!may_read_note(&outsider, &case, *target), "{target}");
        assert_eq!(
            may_read_note(&mate, &case, *target),
            !target.is_confidential(),
            "{target}"
        );
    }
}

#[test]
fn oversight_and_policies_by_role() {
    let sup = who("sup", Role::Supervisor, "a", &["t1"]);
    let worker = who("w", Role::SocialWorker, "a", &["t1"]);
    let admin = who("adm", Role::Administrator, "a", &[]);
    let officer = who("off", Role::UnionOfficer, "u", &[]);
    assert!(may_oversee_teams(&sup));
    assert!(!may_oversee_teams(&worker) && !may_oversee_teams(&admin));
    assert_eq!(approval_policy_scope(&sup), Some("a"));
    assert_eq!(approval_policy_scope(&admin), Some("a"));
    assert_eq!(approval_policy_scope(&worker), None);
    assert_eq!(approval_policy_scope(&officer), None);
}

#[test]
fn administrators_keep_the_directory_everyone_reads_it() {
    for role in Role::ALL {
        let p = who("u", *role, "a", &[]);
        assert!(may_read_resources(&p));
        assert_eq!(may_manage_resources(&p), *role == Role::Administrator);
    }
}

#[test]
fn evaluation_reports_by_role() {
    let sup = who("s", Role::Supervisor, "agency", &["t1"]);
    let worker = who("w", Role::SocialWorker, "agency", &["t1"]);
    let admin = who("a", Role::Administrator, "agency", &[]);
    let city = who("c", Role::UnionOfficer, "city", &[]);
    let tree = vec!["city".to_string(), "district".to_string()];
    let agency = |team: Option<&str>| EvaluationChoice::Agency {
        organisation_id: "agency".into(),
        team_id: team.map(Into::into),
    };
    assert_eq!(evaluation_scope(&sup, None, None, &[]), Some(agency(None)));
    assert_eq!(
        evaluation_scope(&sup, Some("t1"), None, &[]),
        Some(agency(Some("t1")))
    );
    // Another team of the agency, or a union: outside a supervisor's choice.
    assert_eq!(evaluation_scope(&sup, Some("t2"), None, &[]), None);
    assert_eq!(evaluation_scope(&sup, None, Some("city"), &tree), None);
    for nobody in [&worker, &admin] {
        assert_eq!(evaluation_scope(nobody, None, None, &tree), None);
        assert!(!may_see_evaluation(nobody));
    }
    assert!(may_see_evaluation(&sup) && may_see_evaluation(&city));
    let union = |u: &str| EvaluationChoice::Union { union_id: u.into() };
    assert_eq!(
        evaluation_scope(&city, None, None, &tree),
        Some(union("city"))
    );
    assert_eq!(
        evaluation_scope(&city, None, Some("district"), &tree),
        Some(union("district"))
    );
    // A union above or beside theirs, or a team: outside an officer's rights.
    assert_eq!(evaluation_scope(&city, None, Some("province"), &tree), None);
    assert_eq!(evaluation_scope(&city, Some("t1"), None, &tree), None);
    let district = who("d", Role::UnionOfficer, "district", &[]);
    assert_eq!(
        evaluation_scope(&district, None, Some("city"), &["district".to_string()]),
        None
    );
}
