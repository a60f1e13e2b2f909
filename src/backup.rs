//! `casework backup PATH`: a consistent copy of a live SQLite database.
//!
//! `VACUUM INTO` reads the database inside one read transaction, so the copy is
//! the database as of one instant: every transaction committed before it began,
//! none of those committed while it runs, never half of one. In WAL mode it does
//! not block the server: writers carry on while it reads. The copy is a single
//! compacted file without `-wal` or `-shm` companions, and is checked with
//! `PRAGMA integrity_check` before the command reports success.
//!
//! PostgreSQL is backed up with its own tools (`pg_dump`); see docs/operations.md.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;

use crate::db::DatabaseUrl;

/// Why a backup was not made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The installation runs on PostgreSQL.
    #[error(
        "casework backup copies SQLite databases; this installation uses PostgreSQL. Back it up \
         with pg_dump, e.g. `pg_dump -Fc -d 'DATABASE_URL' -f casework.dump`, and restore with \
         pg_restore (see docs/operations.md)"
    )]
    Postgres,
    /// The target exists; a backup never overwrites anything.
    #[error("{0} already exists; a backup never overwrites a file: choose a new file name")]
    TargetExists(PathBuf),
    /// There is no database to back up.
    #[error("there is no database at {0}")]
    NoDatabase(PathBuf),
    /// The target's folder is missing.
    #[error("the folder {0} does not exist")]
    NoFolder(PathBuf),
    /// The copy did not pass its check.
    #[error("the copy at {path} failed its integrity check ({report}); it was removed")]
    Corrupt {
        /// The copy.
        path: PathBuf,
        /// What SQLite reported.
        report: String,
    },
    /// SQLite refused.
    #[error("SQLite could not make the copy: {0}")]
    Sqlite(String),
}

/// What was copied.
#[derive(Debug, Clone)]
pub struct BackupReport {
    /// Where the copy is.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Cases in the copy.
    pub cases: i64,
    /// How long it took.
    pub took: Duration,
}

impl std::fmt::Display for BackupReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Backed up {} cases to {} ({:.1} MB) in {:.1} s; the copy passed SQLite's integrity check.",
            self.cases,
            self.path.display(),
            self.bytes as f64 / 1_000_000.0,
            self.took.as_secs_f64()
        )
    }
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Copies the database at `url` to `target`, which must not exist yet.
pub fn backup(url: &DatabaseUrl, target: &Path) -> Result<BackupReport, BackupError> {
    let started = Instant::now();
    let source = match url {
        DatabaseUrl::Postgres(_) => return Err(BackupError::Postgres),
        DatabaseUrl::Sqlite(path) => path,
    };
    if !source.is_file() {
        return Err(BackupError::NoDatabase(source.clone()));
    }
    // `symlink_metadata` also catches a dangling link, which SQLite would follow.
    if target.symlink_metadata().is_ok() {
        return Err(BackupError::TargetExists(target.to_owned()));
    }
    if let Some(folder) = target.parent()
        && !folder.as_os_str().is_empty()
        && !folder.is_dir()
    {
        return Err(BackupError::NoFolder(folder.to_owned()));
    }
    let sqlite = |e: &dyn std::fmt::Display| BackupError::Sqlite(e.to_string());
    let mut conn =
        SqliteConnection::establish(&source.to_string_lossy()).map_err(|e| sqlite(&e))?;
    conn.batch_execute("PRAGMA busy_timeout = 10000;")
        .map_err(|e| sqlite(&e))?;
    // The target is bound as a parameter, so no file name can change the statement.
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target.to_string_lossy())
        .execute(&mut conn)
        .map_err(|e| sqlite(&e))?;
    drop(conn);
    // SQLite writes the copy without syncing it; a backup must be on disk when we
    // say it is made.
    let sync = |path: &Path| std::fs::File::open(path).and_then(|f| f.sync_all());
    sync(target).map_err(|e| sqlite(&e))?;
    if let Some(folder) = target.parent().filter(|f| !f.as_os_str().is_empty()) {
        let _ = sync(folder);
    }

    let check = || -> Result<(String, i64), diesel::result::Error> {
        let mut copy = SqliteConnection::establish(&target.to_string_lossy())
            .map_err(|e| diesel::result::Error::QueryBuilderError(e.to_string().into()))?;
        let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check").load(&mut copy)?;
        let report = lines
            .into_iter()
            .map(|l| l.integrity_check)
            .collect::<Vec<_>>()
            .join("; ");
        let cases = diesel::sql_query("SELECT COUNT(*) AS n FROM cases")
            .get_result::<Count>(&mut copy)?
            .n;
        Ok((report, cases))
    };
    match check() {
        Ok((report, cases)) if report == "ok" => Ok(BackupReport {
            path: target.to_owned(),
            bytes: std::fs::metadata(target).map(|m| m.len()).unwrap_or(0),
            cases,
            took: started.elapsed(),
        }),
        outcome => {
            let _ = std::fs::remove_file(target);
            let report = match outcome {
                Ok((report, _)) => report,
                Err(e) => e.to_string(),
            };
            Err(BackupError::Corrupt {
                path: target.to_owned(),
                report,
            })
        }
    }
}
