//! The organisations and staff a generated data set is spread over: the unions
//! and agency of the hand-written demo with more grassroots unions, one team per
//! 10,000 cases (two to ten), and four to eight workers and a supervisor per team.
//! The hand-written demo's five accounts are there too, so that its sign-in
//! instructions work unchanged; 王建国 supervises every team.

use rand::Rng;

use super::plan::{Roster, TeamRoster};
use super::text;
use crate::db::accounts::{self, NewAccount};
use crate::db::organisations;
use crate::db::{DbConnection, StoreResult};
use crate::demo::build::free_username;
use crate::demo::seeds::{AGENCY, EMILY, Home, LI, STAFF, SUPERVISOR, TEAMS, UNIONS};
use crate::domain::vocab::{CaseType, OrganisationKind, Role};

/// What was created, for the plans and the summary.
pub(super) struct World {
    /// Ids the plans draw on.
    pub roster: Roster,
    /// The agency's name.
    pub agency_name: String,
    /// Unions created.
    pub unions: usize,
    /// Every account: login name, display name, role.
    pub accounts: Vec<(String, String, Role)>,
}

/// Teams for a data set of `cases` cases.
pub(super) fn team_count(cases: usize) -> usize {
    (cases / 10_000).clamp(2, TEAMS.len() + text::MORE_TEAMS.len())
}

/// Social workers per team, so that each carries a plausible three-year caseload.
fn workers_per_team(cases: usize, teams: usize) -> usize {
    (cases / (teams * 2_500)).clamp(4, 8)
}

/// Creates the organisations and accounts. Every account gets `password_hash`
/// (one hash, made before the transaction: hashing is slow on purpose).
pub(super) fn setup<R: Rng>(
    conn: &mut DbConnection,
    rng: &mut R,
    cases: usize,
    password_hash: &str,
    at: chrono::NaiveDateTime,
) -> StoreResult<World> {
    let mut unions = Vec::new();
    for seed in UNIONS {
        let parent = seed.parent.map(|p: usize| unions_id(&unions, p));
        unions.push(organisations::insert_organisation(
            conn,
            seed.name,
            seed.kind,
            parent.as_deref(),
        )?);
    }
    let districts: Vec<String> = unions
        .iter()
        .filter(|u| u.kind == OrganisationKind::DistrictUnion.as_str())
        .map(|u| u.id.clone())
        .collect();
    for (i, name) in text::GRASSROOTS_UNIONS.iter().enumerate() {
        let parent = districts
            .get(i % districts.len().max(1))
            .map(String::as_str);
        unions.push(organisations::insert_organisation(
            conn,
            name,
            OrganisationKind::GrassrootsUnion,
            parent,
        )?);
    }
    let agency = organisations::insert_organisation(conn, AGENCY, OrganisationKind::Agency, None)?;
    let team_names: Vec<&str> = TEAMS.iter().chain(text::MORE_TEAMS).copied().collect();
    let teams = team_names[..team_count(cases)]
        .iter()
        .map(|name| organisations::insert_team(conn, &agency.id, name))
        .collect::<StoreResult<Vec<_>>>()?;

    let mut accounts = Vec::new();
    let mut account = |conn: &mut DbConnection,
                       login: &str,
                       name: &str,
                       role: Role,
                       organisation_id: &str,
                       team_ids: &[String]|
     -> StoreResult<String> {
        let username = free_username(conn, login)?;
        let user = accounts::create_account(
            conn,
            &NewAccount {
                username: &username,
                display_name: name,
                role,
                organisation_id,
                team_ids,
                password_hash,
            },
            at,
        )?;
        accounts::mark_demo(conn, &user.id)?;
        accounts.push((username, name.to_owned(), role));
        Ok(user.id)
    };

    // The hand-written demo's accounts: 李晓梅 in the first team, Emily Chen in the
    // first two, 王建国 supervising all of them, the union officer and the administrator.
    let all_teams: Vec<String> = teams.iter().map(|t| t.id.clone()).collect();
    let mut named = Vec::new();
    for (i, seed) in STAFF.iter().enumerate() {
        let organisation_id = match seed.home {
            Home::Agency => agency.id.clone(),
            Home::Union(u) => unions[u].id.clone(),
        };
        let team_ids: Vec<String> = match i {
            SUPERVISOR => all_teams.clone(),
            _ => seed.teams.iter().map(|&t| all_teams[t].clone()).collect(),
        };
        named.push(account(
            conn,
            seed.username,
            seed.name,
            seed.role,
            &organisation_id,
            &team_ids,
        )?);
    }

    let per_team = workers_per_team(cases, teams.len());
    let mut roster_teams = Vec::new();
    let mut worker_number = 0;
    for (t, team) in teams.iter().enumerate() {
        let team_ids = [team.id.clone()];
        let mut workers = Vec::new();
        for _ in 0..per_team {
            worker_number += 1;
            let (female, english) = (rng.random_bool(0.7), rng.random_bool(0.15));
            let name = text::person_name(rng, female, english);
            let login = format!("sw{worker_number:02}");
            workers.push(account(
                conn,
                &login,
                &name,
                Role::SocialWorker,
                &agency.id,
                &team_ids,
            )?);
        }
        if t == 0 {
            workers.push(named[LI].clone());
        }
        if t <= 1 {
            workers.push(named[EMILY].clone());
        }
        let female = rng.random_bool(0.6);
        let name = text::person_name(rng, female, false);
        let supervisor = account(
            conn,
            &format!("sup{:02}", t + 1),
            &name,
            Role::Supervisor,
            &agency.id,
            &team_ids,
        )?;
        let takes = if t % 2 == 0 {
            vec![CaseType::Counselling, CaseType::FamilyMediation]
        } else {
            vec![CaseType::LabourDispute, CaseType::SpecialGroup]
        };
        roster_teams.push(TeamRoster {
            id: team.id.clone(),
            takes,
            workers,
            supervisor,
        });
    }
    Ok(World {
        roster: Roster {
            agency: agency.id.clone(),
            unions: unions.iter().map(|u| u.id.clone()).collect(),
            teams: roster_teams,
        },
        agency_name: agency.name,
        unions: unions.len(),
        accounts,
    })
}

fn unions_id(unions: &[organisations::Organisation], index: usize) -> String {
    unions[index].id.clone()
}
