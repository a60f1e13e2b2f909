//! `casework demo --cases N`: a large, realistic data set made up on the spot.
//!
//! Where `casework demo` loads 26 hand-written cases through the model
//! functions, this plans `N` cases from a seeded generator and writes their rows
//! directly, a thousand per statement, in one transaction: 100,000 cases load in
//! well under a minute on SQLite (see docs/performance.md). The same seed gives
//! the same data set (names, types, stages, dates, texts) against the same day;
//! only the random ids differ.
//!
//! - `world`: the unions, the agency, its teams and demo accounts.
//! - `plan`: one case, pure: type, client, and the dated walk through the workflow
//!   (saves, sessions, transitions, detours) up to where it stands today.
//! - `rows`: the rows that walk leaves in each table, and the batched inserts.
//! - `text`: names and the phrases of records, in Chinese and English.
//!
//! Cases open over the last three years, more of them recently; the oldest are
//! nearly all closed, recent ones are spread over the open stages. With 24 or more
//! cases, every case type appears in every stage.
//!
//! Adding referrals (their tables do not exist yet): plan them in `plan.rs`
//! next to sessions (a referral out during intervention, with its feedback
//! later; a referral in for cases whose intake channel is `union_referral`), give
//! them an `Act` of their own so that they count in the case's version, add their
//! rows in `Batch::add` and their table to `Batch::write` after `cases`.

mod plan;
mod rows;
mod text;
mod world;

use std::collections::HashMap;
use std::time::Instant;

use chrono::{Datelike, TimeDelta};
use diesel::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use self::plan::Target;
use super::Existing;
use crate::db::schema::case_reference_counters as counters;
use crate::db::{Db, DbConnection, StoreResult, accounts, write_transaction};
use crate::domain::reference::CaseReference;
use crate::domain::vocab::{CaseStage, CaseType, Role};

pub use self::plan::{CasePlan, SPAN_DAYS};

/// The seed used when none is given, so that two runs give the same data set.
pub const DEFAULT_SEED: u64 = 20_261_123;

/// Cases planned and written at a time: bounds memory, and paces the progress bar.
const CASES_PER_BATCH: usize = 2_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many cases.
    pub cases: usize,
    /// The generator's seed.
    pub seed: u64,
    /// Load even into a database that holds data.
    pub force: bool,
}

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Cases per stage, in [`CaseStage::ALL`] order.
    pub per_stage: [usize; 6],
    /// Cases per type, in [`CaseType::ALL`] order.
    pub per_type: [usize; 4],
    /// Rows written, all tables.
    pub rows: usize,
}

/// Generates and stores the data set; `progress` is told how many cases are stored
/// so far. One transaction: if anything fails, nothing is kept.
pub fn load(db: &Db, options: &Options, progress: &mut dyn FnMut(usize)) -> anyhow::Result<String> {
    let started = Instant::now();
    let password = super::demo_password()?;
    let password_hash = accounts::hash_password(&password)?;
    let mut conn = db.get()?;
    let outcome = with_load_cache(&mut conn, |conn| {
        write_transaction(conn, |conn| {
            if !options.force {
                let existing = Existing::count(conn)?;
                if existing.any() {
                    return Ok(Err(existing));
                }
            }
            generate(conn, options, &password_hash, progress).map(Ok)
        })
    })
    .and_then(|outcome| outcome)
    .map_err(|e| anyhow::anyhow!("generating the demo data set failed; nothing was kept: {e:?}"))?;
    if outcome.is_ok() {
        refresh_statistics(&mut conn)?;
    }
    match outcome {
        Ok((world, counts)) => Ok(summary(
            &world,
            &counts,
            options,
            &password,
            started.elapsed(),
        )),
        Err(existing) => Err(existing.refusal("--cases N --force")),
    }
}

/// Runs `f` with a larger SQLite page cache (the default is 2 MB): the indexes
/// on stage, worker and dates take rows at many places at once. The cache grows
/// only as far as pages are touched, and is set back afterwards, so that the
/// pooled connection returns as it was.
fn with_load_cache<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> T,
) -> StoreResult<T> {
    use diesel::connection::SimpleConnection;
    const CACHE_KIB: i64 = 128 * 1024;
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    if sqlite {
        conn.batch_execute(&format!("PRAGMA cache_size = -{CACHE_KIB}"))?;
    }
    let outcome = f(conn);
    if sqlite {
        conn.batch_execute("PRAGMA cache_size = -2000")?;
    }
    Ok(outcome)
}

/// Refreshes the query planner's statistics after a bulk load. Without them
/// PostgreSQL plans the case list as if the tables were empty (a scan of every
/// case in the stage instead of the worker's index: 40 ms instead of 0.2 ms at
/// 100,000 cases) until autovacuum gets round to it. SQLite samples a bounded
/// number of rows per index, so this stays quick on a large file.
fn refresh_statistics(conn: &mut DbConnection) -> StoreResult<()> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConnection::Sqlite(c) => c.batch_execute("PRAGMA analysis_limit = 1000; ANALYZE;")?,
        DbConnection::Postgresql(c) => c.batch_execute("ANALYZE")?,
    }
    Ok(())
}

/// A generator for one purpose, independent of every other: a case's plan does
/// not change when the number of cases or the batch size does.
fn stream(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

const WORLD_STREAM: u64 = u64::MAX;
const OPENINGS_STREAM: u64 = u64::MAX - 1;

fn generate(
    conn: &mut DbConnection,
    options: &Options,
    password_hash: &str,
    progress: &mut dyn FnMut(usize),
) -> StoreResult<(world::World, Counts)> {
    let now = crate::db::now();
    let world = world::setup(
        conn,
        &mut stream(options.seed, WORLD_STREAM),
        options.cases,
        password_hash,
        now,
    )?;
    // The generated histories advance plans without a separate approval step (the
    // generator predates plan approval): the generated agency records that policy,
    // so that every logged move is one the workflow allows. Closures keep sign-off.
    if let Some(team) = world.roster.teams.first() {
        for case_type in CaseType::ALL {
            crate::db::supervision::policies::set_policy(
                conn,
                &world.roster.agency,
                *case_type,
                crate::domain::supervision::ApprovalPolicy {
                    plan_required: false,
                    closure_required: true,
                },
                &team.supervisor,
                now,
            )?;
        }
    }
    let openings = plan::opening_times(
        &mut stream(options.seed, OPENINGS_STREAM),
        options.cases,
        now,
    );
    let targets = coverage(&openings, now);
    let mut numbers = reference_counters(conn)?;
    let mut counts = Counts::default();
    let mut batch = rows::Batch::default();
    for (i, opened_at) in openings.iter().enumerate() {
        let mut rng = stream(options.seed, i as u64);
        let plan = plan::plan_case(
            &mut rng,
            &world.roster,
            *opened_at,
            now,
            targets.get(&i).copied(),
        );
        let year = opened_at.year();
        let number = numbers.entry(year).or_insert((0, false));
        number.0 += 1;
        let reference = CaseReference {
            year,
            number: number.0,
        }
        .to_string();
        counts.per_stage[stage_index(plan.stage())] += 1;
        counts.per_type[CaseType::ALL
            .iter()
            .position(|t| *t == plan.case_type)
            .unwrap_or(0)] += 1;
        batch.add(&world.roster, &plan, reference);
        if (i + 1) % CASES_PER_BATCH == 0 || i + 1 == openings.len() {
            counts.rows += batch.len();
            batch.write(conn)?;
            progress(i + 1);
        }
    }
    save_reference_counters(conn, &numbers)?;
    // The rows were written around `transitions::apply`: the evaluation report's
    // stays and closings are made from them in one pass.
    crate::db::evaluation::snapshots::rebuild(conn)?;
    Ok((world, counts))
}

fn stage_index(stage: CaseStage) -> usize {
    CaseStage::ALL.iter().position(|s| *s == stage).unwrap_or(0)
}

/// Which cases are forced to a type and stage so that every pair appears: 24
/// recent cases (opened at least three days ago, so there is time for the walk),
/// spread over about the last thousand.
fn coverage(
    openings: &[chrono::NaiveDateTime],
    now: chrono::NaiveDateTime,
) -> HashMap<usize, Target> {
    let eligible: Vec<usize> = (0..openings.len())
        .rev()
        .filter(|&i| openings[i] <= now - TimeDelta::days(3))
        .collect();
    let step = (openings.len() / 2_400).max(1);
    let mut targets = HashMap::new();
    let mut slots = Vec::new();
    for stage in CaseStage::ALL {
        for case_type in CaseType::ALL {
            slots.push(Target {
                case_type: *case_type,
                stage: *stage,
            });
        }
    }
    for (k, target) in slots.into_iter().enumerate() {
        let index = eligible.get(k * step).or_else(|| eligible.get(k));
        if let Some(&i) = index {
            targets.insert(i, target);
        }
    }
    targets
}

/// The last reference number handed out per year, and whether its counter row exists.
fn reference_counters(conn: &mut DbConnection) -> StoreResult<HashMap<i32, (i64, bool)>> {
    let rows: Vec<(i32, i64)> = counters::table
        .select((counters::year, counters::last_number))
        .load(conn)?;
    Ok(rows.into_iter().map(|(y, n)| (y, (n, true))).collect())
}

/// Moves each year's counter past the numbers just used, so that cases opened
/// later in the app continue the sequence.
fn save_reference_counters(
    conn: &mut DbConnection,
    numbers: &HashMap<i32, (i64, bool)>,
) -> StoreResult<()> {
    for (&year, &(last, exists)) in numbers {
        if exists {
            diesel::update(counters::table.find(year))
                .set(counters::last_number.eq(last))
                .execute(conn)?;
        } else {
            diesel::insert_into(counters::table)
                .values((counters::year.eq(year), counters::last_number.eq(last)))
                .execute(conn)?;
        }
    }
    Ok(())
}

fn summary(
    world: &world::World,
    counts: &Counts,
    options: &Options,
    password: &str,
    took: std::time::Duration,
) -> String {
    use std::fmt::Write as _;
    let stages = CaseStage::ALL
        .iter()
        .zip(counts.per_stage)
        .map(|(s, n)| format!("{s} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let logins_of = |role: Role| -> Vec<&str> {
        world
            .accounts
            .iter()
            .filter(|(_, _, r)| *r == role)
            .map(|(login, _, _)| login.as_str())
            .collect()
    };
    let mut s = format!(
        "Generated demo data (seed {}): {} cases over the last three years ({stages}), \
         {} teams in {}, {} unions, {} demo accounts, {} rows in {:.1} s.\n\
         The demo accounts are fictitious staff, marked as demo accounts. Start `casework serve` \
         and sign in (with the default settings at http://127.0.0.1:8080/sign-in). They share this \
         password, generated for this run and shown only now:\n\n    {password}\n\n",
        options.seed,
        options.cases,
        world.roster.teams.len(),
        world.agency_name,
        world.unions,
        world.accounts.len(),
        counts.rows,
        took.as_secs_f64(),
    );
    for (login, name, role) in world.accounts.iter().take(crate::demo::seeds::STAFF.len()) {
        let _ = writeln!(s, "  {login:<14} {name} ({role})");
    }
    for role in [Role::SocialWorker, Role::Supervisor] {
        let logins = logins_of(role);
        let generated: Vec<&str> = logins
            .iter()
            .copied()
            .filter(|l| l.starts_with("sw") || l.starts_with("sup"))
            .collect();
        if let (Some(first), Some(last)) = (generated.first(), generated.last()) {
            let _ = writeln!(
                s,
                "  {first} ... {last}  {} more accounts ({role})",
                generated.len()
            );
        }
    }
    s.truncate(s.trim_end().len());
    s
}

#[cfg(test)]
mod tests;
