//! Checks a submitted new-case form before anything is written: every problem
//! at once, each tied to its field.

use crate::access::Principal;
use crate::domain::Role;
use crate::domain::validation::{ClientInput, FieldError, Problem, clean};
use crate::domain::vocab::{CaseType, SpecialGroup};
use crate::views::new_case::NewCaseValues;

/// Whose case it is.
#[derive(Debug, Clone)]
pub enum ClientChoice {
    /// A client the agency knows (checked again in the write transaction).
    Existing(String),
    /// A new client, to register in the same transaction as the case.
    New(ClientInput),
}

/// A form that passed the checks.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The client.
    pub client: ClientChoice,
    /// Type of case.
    pub case_type: CaseType,
    /// Team.
    pub team_id: Option<String>,
    /// Assigned worker.
    pub assigned_worker_id: Option<String>,
}

fn problem(errors: &mut Vec<FieldError>, field: &str, problem: Problem) {
    errors.push(FieldError {
        field: field.to_owned(),
        problem,
    });
}

fn is_id(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok()
}

/// Checks what can be checked without the database; references (client,
/// union, worker) are checked again by the model functions that store them.
pub fn check(
    v: &NewCaseValues,
    who: &Principal,
    this_year: i32,
) -> Result<Checked, Vec<FieldError>> {
    let mut errors = Vec::new();
    let client = if v.client_id.trim().is_empty() {
        new_client(v, this_year, &mut errors)
    } else if is_id(v.client_id.trim()) {
        Some(ClientChoice::Existing(v.client_id.trim().to_owned()))
    } else {
        problem(&mut errors, "case.client_id", Problem::Unknown);
        None
    };
    let case_type = match v.case_type.trim() {
        "" => {
            problem(&mut errors, "case.case_type", Problem::Required);
            None
        }
        code => code
            .parse::<CaseType>()
            .map_err(|_| {
                problem(&mut errors, "case.case_type", Problem::Unknown);
            })
            .ok(),
    };
    let team_id = clean(Some(v.team_id.clone()));
    if let Some(team) = &team_id
        && !who.team_ids.contains(team)
    {
        problem(&mut errors, "case.team_id", Problem::Unknown);
    }
    let assigned_worker_id = clean(Some(v.assigned_worker_id.clone()));
    if assigned_worker_id.as_deref().is_some_and(|w| !is_id(w)) {
        problem(&mut errors, "case.assigned_worker_id", Problem::Unknown);
    }
    // A worker must still see the case they open: through one of their teams,
    // or as its assigned worker (supervisors also see cases without a team).
    let stays_in_scope = team_id.is_some()
        || who.role == Role::Supervisor
        || assigned_worker_id.as_deref() == Some(who.user_id.as_str());
    if !stays_in_scope {
        problem(&mut errors, "case.team_id", Problem::Required);
    }
    match (client, case_type, errors.is_empty()) {
        (Some(client), Some(case_type), true) => Ok(Checked {
            client,
            case_type,
            team_id,
            assigned_worker_id,
        }),
        _ => Err(errors),
    }
}

fn new_client(
    v: &NewCaseValues,
    this_year: i32,
    errors: &mut Vec<FieldError>,
) -> Option<ClientChoice> {
    let gender = match v.gender.trim() {
        "" => None,
        code => code
            .parse()
            .map_err(|_| problem(errors, "client.gender", Problem::Unknown))
            .ok(),
    };
    let birth_year = match v.birth_year.trim() {
        "" => None,
        text => text
            .parse::<i32>()
            .map_err(|_| {
                problem(
                    errors,
                    "client.birth_year",
                    Problem::OutOfRange {
                        min: 1900,
                        max: i64::from(this_year),
                    },
                )
            })
            .ok(),
    };
    let union_id = clean(Some(v.union_id.clone()));
    if union_id.as_deref().is_some_and(|u| !is_id(u)) {
        problem(errors, "client.union_id", Problem::Unknown);
    }
    let mut special_groups = Vec::new();
    for code in v.special_groups.iter().filter(|c| !c.is_empty()) {
        match code.parse::<SpecialGroup>() {
            Ok(g) if !special_groups.contains(&g) => special_groups.push(g),
            Ok(_) => {}
            Err(_) => problem(errors, "client.special_groups", Problem::Unknown),
        }
    }
    let input = ClientInput {
        full_name: v.full_name.trim().to_owned(),
        gender,
        birth_year,
        phone: clean(Some(v.phone.clone())),
        employer: clean(Some(v.employer.clone())),
        union_member: v.union_member,
        union_id,
        district: clean(Some(v.district.clone())),
        special_groups,
    };
    if let Err(found) = input.validate(this_year) {
        errors.extend(found);
    }
    Some(ClientChoice::New(input))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker() -> Principal {
        Principal {
            user_id: "me".into(),
            display_name: "Li".into(),
            organisation_id: "org".into(),
            organisation_name: "Agency".into(),
            role: Role::SocialWorker,
            team_ids: vec!["t1".into()],
            client_address: "test".into(),
            csrf_token: String::new(),
            at: chrono::NaiveDateTime::default(),
            unread_notifications: 0,
        }
    }

    fn fields(v: &NewCaseValues) -> Vec<String> {
        check(v, &worker(), 2026)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_complete_form_passes() {
        let v = NewCaseValues {
            full_name: "王芳".into(),
            gender: "female".into(),
            birth_year: "1990".into(),
            special_groups: vec!["migrant_worker".into(), "migrant_worker".into()],
            case_type: "counselling".into(),
            team_id: "t1".into(),
            ..Default::default()
        };
        let checked = check(&v, &worker(), 2026).unwrap();
        let ClientChoice::New(input) = checked.client else {
            panic!("a new client")
        };
        assert_eq!(input.special_groups, vec![SpecialGroup::MigrantWorker]);
    }

    #[test]
    fn every_problem_is_named() {
        let v = NewCaseValues {
            gender: "robot".into(),
            birth_year: "nineteen".into(),
            union_id: "x".into(),
            special_groups: vec!["pirates".into()],
            case_type: "other".into(),
            team_id: "t9".into(),
            assigned_worker_id: "y".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(&v),
            [
                "client.gender",
                "client.birth_year",
                "client.union_id",
                "client.special_groups",
                "client.full_name",
                "case.case_type",
                "case.team_id",
                "case.assigned_worker_id",
            ]
        );
    }

    #[test]
    fn a_worker_must_keep_the_case_in_view() {
        let v = NewCaseValues {
            client_id: "6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab".into(),
            case_type: "counselling".into(),
            ..Default::default()
        };
        assert_eq!(fields(&v), ["case.team_id"]);
        let mine = NewCaseValues {
            assigned_worker_id: "me".into(),
            ..v
        };
        // "me" is not an id, but the scope rule is satisfied.
        assert_eq!(fields(&mine), ["case.assigned_worker_id"]);
    }
}
