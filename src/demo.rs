//! `casework demo`: a small, realistic data set so that a new user sees a living system.
//!
//! One agency with two teams, a city union with two district unions and a
//! grassroots union, five demo accounts (one per role, two social workers) that
//! share a password generated for the run and are marked as demo accounts,
//! clients with Chinese and English names, and cases of all four types in every
//! stage, each carrying the records its stage implies. A few cases also step
//! back, are sent back by the supervisor, or close early, so that the transition
//! log shows more than a straight line.
//!
//! Every row is written by the same model functions the web layer calls (see
//! `demo/build.rs`), so the demo passes the app's own validation and workflow
//! guards; the seed tables are in `demo/seeds.rs` and one file per case type.

mod build;
mod counselling;
mod directory;
mod family;
pub mod generate;
mod labour;
mod referrals;
mod seeds;
mod special;
mod supervision;

use std::fmt::Write as _;

use diesel::prelude::*;

use crate::db::schema::{cases, clients};
use crate::db::{Db, DbConnection, StoreResult, accounts, organisations, write_transaction};
use crate::domain::vocab::CaseStage;

/// Loads the demo data set; refuses a database that already holds data unless `force`.
///
/// The whole load is one write transaction: if anything fails, nothing is kept and
/// the command can simply be run again (a half-loaded demo would otherwise make
/// the next run refuse, or need `--force` and leave duplicates).
pub fn load(db: &Db, force: bool) -> anyhow::Result<String> {
    let seeds: Vec<&seeds::CaseSeed> = [
        counselling::CASES,
        family::CASES,
        labour::CASES,
        special::CASES,
    ]
    .iter()
    .flat_map(|table| table.iter())
    .collect();
    let password = demo_password()?;
    // Hashing is slow, so it happens before the write transaction takes its lock.
    let password_hashes = seeds::STAFF
        .iter()
        .map(|_| accounts::hash_password(&password))
        .collect::<StoreResult<Vec<_>>>()?;
    let mut conn = db.get()?;
    // Which seed was being loaded, so that a failure names it.
    let mut current: Option<usize> = None;
    let outcome = write_transaction(&mut conn, |conn| {
        if !force {
            let existing = Existing::count(conn)?;
            if existing.any() {
                return Ok(Err(existing));
            }
        }
        let world = build::setup(conn, &seeds, &password_hashes)?;
        let today = crate::db::now().date();
        let mut closed = 0;
        let mut built = Vec::new();
        for (i, seed) in seeds.iter().enumerate() {
            current = Some(i);
            let case = build::case(conn, &world, seed, today)?;
            closed += usize::from(case.stage()? == CaseStage::Closed);
            built.push(case);
        }
        current = None;
        referrals::load(conn, &world, today)?;
        supervision::apply(conn, &world, &built)?;
        let added = directory::load(conn, &world, &built)?;
        Ok(Ok((world, closed, added)))
    })
    .map_err(|e| match current {
        Some(i) => {
            let client = seeds::CLIENTS[seeds[i].client].name;
            anyhow::anyhow!(
                "loading demo case {} of {} (client {client}, stage {}) failed; nothing was kept: {e:?}",
                i + 1,
                seeds.len(),
                seeds[i].stage,
            )
        }
        None => anyhow::anyhow!(
            "loading the demo organisations, clients, referrals, supervision or resource directory failed: {e:?}"
        ),
    })?;
    match outcome {
        Ok((world, closed, added)) => Ok(format!(
            "{}\n\nAlso: {} resources in the directory (/resources), {} referrals out on open \
             cases, {} transfer waiting on a colleague's /transfers screen.",
            summary(&world, &password, seeds.len(), closed),
            added.resources,
            added.referrals,
            added.transfers,
        )),
        Err(existing) => anyhow::bail!(
            "This database already holds data ({} users, {} clients, {} cases), so the demo \
             data set was not loaded. Run `casework demo --force` to add it anyway, or point \
             --database-url at an empty database.",
            existing.users,
            existing.clients,
            existing.cases
        ),
    }
}

/// What the database already holds.
struct Existing {
    users: i64,
    clients: i64,
    cases: i64,
}

impl Existing {
    fn count(conn: &mut DbConnection) -> StoreResult<Self> {
        Ok(Existing {
            users: organisations::count_users(conn)?,
            clients: clients::table.count().get_result(conn)?,
            cases: cases::table.count().get_result(conn)?,
        })
    }

    fn any(&self) -> bool {
        self.users > 0 || self.clients > 0 || self.cases > 0
    }
    /// Why the demo was not loaded, and how to load it anyway (`flags`).
    fn refusal(&self, flags: &str) -> anyhow::Error {
        anyhow::anyhow!(
            "This database already holds data ({} users, {} clients, {} cases), so the demo \
             data set was not loaded. Run `casework demo {flags}` to add it anyway, or point \
             --database-url at an empty database.",
            self.users,
            self.clients,
            self.cases
        )
    }
}

/// A password for this run's demo accounts: random, so that no two installations
/// share one, and in groups without look-alike characters, so that it is easy to type.
fn demo_password() -> anyhow::Result<String> {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let mut candidate = || {
        (0..4)
            .map(|_| {
                (0..4)
                    .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("-")
    };
    // The password rules may tighten; a random 16-character password passes today.
    (0..100)
        .map(|_| candidate())
        .find(|p| crate::domain::password::check(p, &[]).is_ok())
        .ok_or_else(|| anyhow::anyhow!("could not generate a demo password the rules accept"))
}

/// The report printed after loading: what was added, and how to sign in.
fn summary(world: &build::World, password: &str, cases: usize, closed: usize) -> String {
    let mut s = format!(
        "Loaded demo data: 1 agency ({}, {} teams), {} unions, {} demo accounts, {} clients, \
         {cases} cases ({closed} closed; every case type in every stage).\n\
         The demo accounts below are fictitious staff, marked as demo accounts. Start \
         `casework serve` and sign in (with the default settings at \
         http://127.0.0.1:8080/sign-in). They share this password, generated for this run \
         and shown only now:\n\n    {password}\n\n",
        world.agency.name,
        world.teams.len(),
        world.unions.len(),
        world.staff.len(),
        world.clients.len(),
    );
    let organisation_name = |id: &str| {
        std::iter::once(&world.agency)
            .chain(&world.unions)
            .find(|o| o.id == id)
            .map_or("", |o| o.name.as_str())
    };
    for (user, login) in world.staff.iter().zip(&world.logins) {
        let _ = writeln!(
            s,
            "  {login:<14} {} ({}, {})",
            user.display_name,
            user.role,
            organisation_name(&user.organisation_id),
        );
    }
    s.truncate(s.trim_end().len());
    s
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::db::schema::users;
    use crate::db::{DatabaseUrl, PoolSettings, migrations, transitions};
    use crate::domain::vocab::CaseType;

    /// The seeds must keep passing the workflow as its guards change; this fails first.
    #[test]
    fn covers_every_type_in_every_stage_with_a_replayable_log() {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("demo.db"));
        let settings = PoolSettings {
            max_size: 2,
            acquire_timeout: Duration::from_secs(10),
        };
        let db = Db::connect(&url, &settings).unwrap();
        migrations::run_pending(&mut db.get().unwrap()).unwrap();

        let summary = load(&db, false).unwrap();
        let mut conn = db.get().unwrap();
        let rows: Vec<(String, String, String)> = cases::table
            .select((cases::id, cases::case_type, cases::stage))
            .load(&mut *conn)
            .unwrap();
        for case_type in CaseType::ALL {
            for stage in CaseStage::ALL {
                assert!(
                    rows.iter()
                        .any(|(_, t, s)| t == case_type.as_str() && s == stage.as_str()),
                    "no demo case of type {case_type} in stage {stage}"
                );
            }
        }
        for (id, _, stage) in &rows {
            let log = transitions::log(&mut conn, id).unwrap();
            assert_eq!(transitions::replay(&log).unwrap().as_str(), stage);
        }

        let password = summary
            .lines()
            .find(|l| l.starts_with("    "))
            .unwrap()
            .trim();
        let login = accounts::find_credentials(&mut conn, "lixiaomei")
            .unwrap()
            .unwrap();
        assert!(accounts::verify_password(
            password,
            login.password_hash.as_deref().unwrap()
        ));
        let not_demo: i64 = users::table
            .filter(users::is_demo.eq(false))
            .count()
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(not_demo, 0);

        // The directory, referrals out and a waiting transfer are there for a new user.
        use crate::db::schema::{case_transfers, outbound_referrals, resources};
        let directory: i64 = resources::table.count().get_result(&mut *conn).unwrap();
        let referred: i64 = outbound_referrals::table
            .count()
            .get_result(&mut *conn)
            .unwrap();
        let waiting: i64 = case_transfers::table
            .filter(case_transfers::status.eq("pending"))
            .count()
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!((directory, waiting), (9, 1), "{summary}");
        assert!(referred >= 4, "{summary}");

        let refusal = load(&db, false).unwrap_err().to_string();
        assert!(refusal.contains("--force"), "{refusal}");
        let again = load(&db, true).unwrap();
        assert!(again.contains("lixiaomei2"), "{again}");
        let directory: i64 = resources::table.count().get_result(&mut *conn).unwrap();
        assert_eq!(directory, 9, "a second load reuses the directory");
    }
}
