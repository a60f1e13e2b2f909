//! Persistence: one connection type over SQLite and PostgreSQL, a pool, embedded
//! migrations, and one file per table group.
//!
//! Model code returns [`StoreError`]; the web layer maps it to responses in one
//! place (`crate::error`). All database work runs on blocking threads through
//! [`Db::run`] and [`Db::write`], never on the async runtime's workers.

pub mod accounts;
pub mod audit;
pub mod case_queries;
pub mod cases;
pub mod clients;
pub mod connection;
pub mod details;
pub mod evaluation;
pub mod facts;
pub mod group_commit;
pub mod migrations;
pub mod notifications;
pub mod organisations;
pub mod outbound;
pub mod records;
pub mod referrals;
pub mod resources;
pub mod schema;
pub mod sessions;
pub mod setup;
pub mod submissions;
pub mod supervision;
pub mod transfers;
pub mod transitions;
pub mod who5;

use std::time::Duration;

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::connection::{AnsiTransactionManager, TransactionManager};

pub use connection::{DatabaseUrl, DbConnection};

use crate::domain::editing::EditRefusal;
use crate::domain::validation::FieldError;
use crate::domain::workflow::Refusal;

/// What can go wrong in model code, from the caller's point of view.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist (or is not visible).
    #[error("not found")]
    NotFound,
    /// In scope, but the user may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The case changed since the caller read it.
    #[error("stale version: the case is now at version {current}")]
    Conflict {
        /// The case's current version.
        current: i64,
    },
    /// The workflow refused the transition.
    #[error("transition refused")]
    Refused(Box<Refusal>),
    /// The case's stage does not allow this edit.
    #[error("edit refused in this stage")]
    EditRefused(EditRefusal),
    /// The referral was already accepted or declined (its status code).
    #[error("referral already {0}")]
    ReferralDecided(String),
    /// The record is not in a state that allows this (a transfer already open
    /// or already decided...). The code names the locale key of the message
    /// (`transfer_pending` → `transfer-pending`).
    #[error("state conflict: {0}")]
    StateConflict(&'static str),
    /// The input broke a rule.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// No connection could be had in time.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Anything else the database said.
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Result of model code.
pub type StoreResult<T> = Result<T, StoreError>;

/// The current time as stored: UTC, truncated to microseconds (PostgreSQL's precision),
/// so that a value reads back equal on both backends.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// A new random id, stored as text.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The shared handle to the database: a pool and the backend it serves.
#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<connection::Manager>,
    /// SQLite only: the writer thread that commits queued writes together.
    writer: Option<group_commit::GroupWriter>,
}

/// Pool settings.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    /// Most connections open at once.
    pub max_size: u32,
    /// How long a request waits for a free connection before it is refused.
    pub acquire_timeout: Duration,
}

impl Db {
    /// Opens a pool; fails at once if the database cannot be reached.
    pub fn connect(url: &DatabaseUrl, settings: &PoolSettings) -> anyhow::Result<Self> {
        if let DatabaseUrl::Sqlite(path) = url {
            connection::ensure_parent_dir(path)?;
            connection::prepare_sqlite_file(path)?;
        }
        let pool = r2d2::Pool::builder()
            .max_size(settings.max_size)
            .min_idle(Some(1))
            .connection_timeout(settings.acquire_timeout)
            .build(connection::Manager::new(url.clone()))?;
        let writer = match url {
            DatabaseUrl::Sqlite(_) => Some(group_commit::GroupWriter::start(pool.clone())?),
            DatabaseUrl::Postgres(_) => None,
        };
        Ok(Db { pool, writer })
    }

    /// Runs blocking database work on a blocking thread with a pooled connection.
    pub async fn run<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> StoreResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool
                .get()
                .map_err(|e| StoreError::Unavailable(e.to_string()))?;
            f(&mut conn)
        })
        .await
        .map_err(|e| StoreError::Unavailable(format!("database task failed: {e}")))?
    }

    /// Like [`Db::run`], inside a write transaction of its own: on PostgreSQL
    /// [`write_transaction`] on a pooled connection; on SQLite a savepoint in the
    /// writer thread's next batch, answered once the batch is committed
    /// ([`group_commit`]). Either way `f`'s changes commit or roll back as one, and
    /// success is reported only once they are durable.
    pub async fn write<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> StoreResult<T> + Send + 'static,
    {
        match &self.writer {
            Some(writer) => writer.write(f).await,
            None => self.run(move |conn| write_transaction(conn, f)).await,
        }
    }

    /// A connection for synchronous callers (the command line, tests).
    pub fn get(&self) -> StoreResult<r2d2::PooledConnection<connection::Manager>> {
        self.pool
            .get()
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }
}

/// Runs `f` in a transaction that may write.
///
/// On SQLite this is `BEGIN IMMEDIATE`: the write lock is taken up front, so two
/// writers queue on `busy_timeout` instead of one failing with "database is
/// locked" when it upgrades a read to a write. On PostgreSQL it is an ordinary
/// transaction; row locks from the versioned update serialise writers of one case.
pub fn write_transaction<T, F>(conn: &mut DbConnection, f: F) -> StoreResult<T>
where
    F: FnOnce(&mut DbConnection) -> StoreResult<T>,
{
    match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
        DbConnection::Postgresql(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    match f(conn) {
        Ok(value) => {
            <DbConnection as diesel::Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(e) => {
            <DbConnection as diesel::Connection>::TransactionManager::rollback_transaction(conn)?;
            Err(e)
        }
    }
}
