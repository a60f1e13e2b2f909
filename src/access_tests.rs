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
fn administrators_keep_the_directory_everyone_reads_it() {
    for role in Role::ALL {
        let p = who("u", *role, "a", &[]);
        assert!(may_read_resources(&p));
        assert_eq!(may_manage_resources(&p), *role == Role::Administrator);
    }
}
