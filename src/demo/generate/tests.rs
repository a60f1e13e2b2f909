//! The generated data must be what the app itself would have stored: every
//! transition in a log passes the workflow as the case's records now stand, the
//! log replays to the stored stage, versions count every change, and every
//! planned input passes the domain's validation.

use std::time::Duration;

use chrono::Datelike;
use diesel::prelude::*;

use super::plan::{self, Roster, TeamRoster};
use super::*;
use crate::db::cases::{self as case_db, Case};
use crate::db::schema::{case_transitions, cases, users};
use crate::db::{DatabaseUrl, PoolSettings, facts, migrations, transitions};
use crate::domain::workflow::{Actor, TransitionRequest, decide};

fn sqlite_db(dir: &tempfile::TempDir) -> Db {
    let url = DatabaseUrl::Sqlite(dir.path().join("generated.db"));
    let settings = PoolSettings {
        max_size: 2,
        acquire_timeout: Duration::from_secs(10),
    };
    let db = Db::connect(&url, &settings).unwrap();
    migrations::run_pending(&mut db.get().unwrap()).unwrap();
    db
}

#[test]
fn every_log_passes_the_workflow_and_replays_to_the_stage() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_db(&dir);
    let options = Options {
        cases: 700,
        seed: 7,
        force: false,
    };
    let mut reported = Vec::new();
    let summary = load(&db, &options, &mut |done| reported.push(done)).unwrap();
    assert_eq!(reported.last(), Some(&700), "{reported:?}");
    assert!(summary.contains("700 cases"), "{summary}");

    let mut conn = db.get().unwrap();
    let all: Vec<Case> = cases::table
        .select(Case::as_select())
        .load(&mut *conn)
        .unwrap();
    assert_eq!(all.len(), 700);
    for case_type in CaseType::ALL {
        for stage in CaseStage::ALL {
            assert!(
                all.iter()
                    .any(|c| c.case_type == case_type.as_str() && c.stage == stage.as_str()),
                "no generated case of type {case_type} in stage {stage}"
            );
        }
    }
    let roles: HashMap<String, String> = users::table
        .select((users::id, users::role))
        .load::<(String, String)>(&mut *conn)
        .unwrap()
        .into_iter()
        .collect();
    let mut moves = 0;
    let mut detours = std::collections::HashSet::new();
    for case in &all {
        let log = transitions::log(&mut conn, &case.id).unwrap();
        assert_eq!(
            transitions::replay(&log).unwrap().as_str(),
            case.stage,
            "{}",
            case.reference
        );
        let facts = facts::gather(&mut conn, case).unwrap();
        let mut last_version = 1;
        for entry in &log {
            assert!(entry.version_after > last_version, "{}", case.reference);
            last_version = entry.version_after;
            assert!(entry.occurred_at >= case.opened_at && entry.occurred_at <= case.updated_at);
            let request = TransitionRequest {
                transition: entry.transition.parse().unwrap(),
                reason: entry.reason.clone(),
                closure_reason: entry.closure_reason.as_deref().map(|r| r.parse().unwrap()),
            };
            let actor = Actor {
                role: roles[&entry.actor_id].parse().unwrap(),
                is_assigned_worker: case.assigned_worker_id.as_deref() == Some(&entry.actor_id),
                // The log keeps no approval requests to replay; the own-case check stands in.
                took_part_in_request: false,
            };
            let rule = decide(entry.from_stage.parse().unwrap(), actor, &request, &facts)
                .unwrap_or_else(|refusal| panic!("{} {entry:?}: {refusal:?}", case.reference));
            assert_eq!(rule.to.as_str(), entry.to_stage);
            detours.insert(entry.transition.clone());
            moves += 1;
        }
        assert!(case.version >= last_version, "{}", case.reference);
        assert_eq!(
            case.closed_at.is_some(),
            case.stage == "closed",
            "{}",
            case.reference
        );
    }
    assert!(moves > 2_000, "{moves}");
    for transition in [
        "advance",
        "step_back",
        "close_early",
        "approve_closure",
        "send_back",
    ] {
        assert!(
            detours.contains(transition),
            "no {transition} in {detours:?}"
        );
    }

    // Dates reach back three years and never into the future.
    let now = crate::db::now();
    let oldest = all.iter().map(|c| c.opened_at).min().unwrap();
    assert!((now - oldest).num_days() > 700, "{oldest}");
    let newest: chrono::NaiveDateTime = case_transitions::table
        .select(diesel::dsl::max(case_transitions::occurred_at))
        .first::<Option<chrono::NaiveDateTime>>(&mut *conn)
        .unwrap()
        .unwrap();
    assert!(newest <= now);

    // The app carries on where the generator stopped: a new case gets the next
    // reference of this year.
    let this_year = now.year();
    let used = all
        .iter()
        .filter(|c| c.reference.starts_with(&format!("CW-{this_year}-")))
        .count();
    let worker = all
        .iter()
        .find_map(|c| c.assigned_worker_id.clone())
        .unwrap();
    let sample = &all[0];
    let opened = write_transaction(&mut conn, |c| {
        case_db::open_case(
            c,
            crate::domain::validation::NewCaseInput {
                case_type: CaseType::Counselling,
                client_id: sample.client_id.clone(),
                organisation_id: sample.organisation_id.clone(),
                team_id: sample.team_id.clone(),
                assigned_worker_id: Some(worker.clone()),
            },
            &worker,
        )
    })
    .unwrap();
    assert_eq!(opened.reference, format!("CW-{this_year}-{:06}", used + 1));

    // A second load is refused without --force, and adds to the data with it.
    let refusal = load(&db, &options, &mut |_| {}).unwrap_err().to_string();
    assert!(refusal.contains("--cases N --force"), "{refusal}");
    let forced = Options {
        force: true,
        cases: 30,
        ..options
    };
    load(&db, &forced, &mut |_| {}).unwrap();
    let total: i64 = cases::table.count().get_result(&mut *conn).unwrap();
    assert_eq!(total, 731);
}

fn roster() -> Roster {
    let team = |n: usize, takes: Vec<CaseType>| TeamRoster {
        id: format!("team-{n}"),
        takes,
        workers: vec![format!("w{n}a"), format!("w{n}b")],
        supervisor: format!("s{n}"),
    };
    Roster {
        agency: "agency".into(),
        unions: vec!["u1".into(), "u2".into()],
        teams: vec![
            team(0, vec![CaseType::Counselling, CaseType::FamilyMediation]),
            team(1, vec![CaseType::LabourDispute, CaseType::SpecialGroup]),
        ],
    }
}

#[test]
fn plans_pass_validation_and_do_not_depend_on_anything_but_the_seed() {
    let now = crate::db::now();
    let roster = roster();
    let openings = plan::opening_times(&mut stream(1, OPENINGS_STREAM), 3_000, now);
    assert!(openings.windows(2).all(|w| w[0] <= w[1]));
    let mut english = 0;
    for (i, opened_at) in openings.iter().enumerate() {
        let p = plan::plan_case(&mut stream(1, i as u64), &roster, *opened_at, now, None);
        let again = plan::plan_case(&mut stream(1, i as u64), &roster, *opened_at, now, None);
        assert_eq!(format!("{p:?}"), format!("{again:?}"));
        p.client.validate(now.year()).unwrap();
        p.details.validate().unwrap();
        p.intake.validate().unwrap();
        p.assessment.validate().unwrap();
        p.contract.validate(now.date()).unwrap();
        p.closure.validate().unwrap();
        for s in &p.sessions {
            s.validate(now.date()).unwrap();
            assert!(s.held_on >= opened_at.date());
        }
        assert!(p.acts.windows(2).all(|w| w[0].0 < w[1].0), "acts in order");
        assert!(p.acts.iter().all(|(at, _)| *at > *opened_at && *at < now));
        let team = &roster.teams[p.team];
        assert!(team.takes.contains(&p.case_type));
        if let Some(worker) = &p.worker {
            assert!(team.workers.contains(worker));
        }
        english += usize::from(p.client.full_name.is_ascii());
    }
    // About one client in ten has an English name; the rest Chinese.
    assert!((150..450).contains(&english), "{english}");
    // A different seed gives different cases.
    let a = plan::plan_case(&mut stream(1, 5), &roster, openings[5], now, None);
    let b = plan::plan_case(&mut stream(2, 5), &roster, openings[5], now, None);
    assert_ne!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn forced_cases_reach_their_stage() {
    let now = crate::db::now();
    let roster = roster();
    for (i, stage) in CaseStage::ALL.iter().enumerate() {
        for (j, case_type) in CaseType::ALL.iter().enumerate() {
            for days_ago in [3, 40, 900] {
                let opened = now - chrono::TimeDelta::days(days_ago);
                let target = plan::Target {
                    case_type: *case_type,
                    stage: *stage,
                };
                let p = plan::plan_case(
                    &mut stream(9, (i * 10 + j) as u64 + days_ago as u64 * 100),
                    &roster,
                    opened,
                    now,
                    Some(target),
                );
                assert_eq!(p.stage(), *stage, "{days_ago} days: {:?}", p.acts);
                assert_eq!(p.case_type, *case_type);
            }
        }
    }
}
