//! Group commit for SQLite: one writer thread runs the queued writes together in
//! one transaction, each inside a savepoint of its own, and commits once for all.
//!
//! Why: with `synchronous = FULL` every commit waits for the disk to flush the
//! write-ahead log, and SQLite has one writer at a time, so one commit per write
//! caps an installation at the disk's flush rate (about a thousand a second on a
//! good disk, a few hundred on a busy one) whatever the processor could do. A
//! batch pays for one flush however many writes it holds.
//!
//! What each caller sees is unchanged: its closure runs in a transaction of its
//! own (its savepoint): an error rolls back its changes alone, and its answer is
//! given only after the batch's `COMMIT` returned, so an acknowledged write is on
//! disk exactly as before. If the commit itself fails, every write of the batch
//! is answered with the error, and none of them took effect. A write sees the
//! uncommitted changes of the writes before it in its batch, which is harmless
//! because they commit or fail together.
//!
//! PostgreSQL does not use this: it has concurrent writers and flushes of its own.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use tokio::sync::oneshot;

use super::connection::Manager;
use super::{DbConnection, StoreError, StoreResult};

/// The most writes one batch holds, so that one batch never grows without end
/// while writes keep arriving.
const MAX_BATCH: usize = 128;

type Tm = <DbConnection as Connection>::TransactionManager;

/// A queued write, with its closure's result type erased.
trait Job: Send {
    /// Runs the write in its savepoint; returns the answer to send once the
    /// batch is committed (or has failed).
    fn run(self: Box<Self>, conn: &mut DbConnection) -> Box<dyn Reply>;
    /// Answers without running: the batch could not start.
    fn fail(self: Box<Self>, error: String);
}

/// The answer of a write that ran, held until its batch's fate is known.
trait Reply: Send {
    /// `Ok` when the batch committed, else why it did not.
    fn send(self: Box<Self>, committed: Result<(), String>);
}

struct Pending<T, F> {
    f: F,
    answer: oneshot::Sender<StoreResult<T>>,
}

struct Ran<T> {
    result: StoreResult<T>,
    answer: oneshot::Sender<StoreResult<T>>,
}

impl<T, F> Job for Pending<T, F>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> StoreResult<T> + Send + 'static,
{
    fn run(self: Box<Self>, conn: &mut DbConnection) -> Box<dyn Reply> {
        let Pending { f, answer } = *self;
        let result = in_savepoint(conn, f);
        Box::new(Ran { result, answer })
    }

    fn fail(self: Box<Self>, error: String) {
        let _ = self.answer.send(Err(StoreError::Unavailable(error)));
    }
}

impl<T: Send> Reply for Ran<T> {
    fn send(self: Box<Self>, committed: Result<(), String>) {
        let result = match (self.result, committed) {
            (Ok(value), Ok(())) => Ok(value),
            (Ok(_), Err(why)) => Err(StoreError::Unavailable(why)),
            // Its own error: its savepoint was rolled back whatever the batch did.
            (Err(e), _) => Err(e),
        };
        // The caller may have given up (its request was cancelled): nothing to do.
        let _ = self.answer.send(result);
    }
}

/// Runs `f` in a savepoint; a panic is caught, rolled back and reported as an
/// error, so that one bad write cannot take the writer thread down.
fn in_savepoint<T, F>(conn: &mut DbConnection, f: F) -> StoreResult<T>
where
    F: FnOnce(&mut DbConnection) -> StoreResult<T>,
{
    Tm::begin_transaction(conn)?;
    let outcome = catch_unwind(AssertUnwindSafe(|| f(conn)));
    match outcome {
        Ok(Ok(value)) => {
            Tm::commit_transaction(conn)?;
            Ok(value)
        }
        Ok(Err(e)) => {
            Tm::rollback_transaction(conn)?;
            Err(e)
        }
        Err(_) => {
            Tm::rollback_transaction(conn)?;
            Err(StoreError::Unavailable("database task failed".into()))
        }
    }
}

/// The queue of the writer thread. Dropping the last handle ends the thread
/// once the writes already queued are done.
#[derive(Clone)]
pub struct GroupWriter {
    queue: mpsc::Sender<Box<dyn Job>>,
}

impl GroupWriter {
    /// Starts the writer thread, which takes a pooled connection for each batch.
    pub fn start(pool: r2d2::Pool<Manager>) -> std::io::Result<GroupWriter> {
        let (queue, jobs) = mpsc::channel::<Box<dyn Job>>();
        std::thread::Builder::new()
            .name("sqlite-group-commit".into())
            .spawn(move || writer_loop(&pool, &jobs))?;
        Ok(GroupWriter { queue })
    }

    /// Queues `f` and waits for its answer, given after its batch committed.
    pub async fn write<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> StoreResult<T> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel();
        self.queue
            .send(Box::new(Pending { f, answer }))
            .map_err(|_| StoreError::Unavailable("the database writer has stopped".into()))?;
        answered
            .await
            .map_err(|_| StoreError::Unavailable("the database writer has stopped".into()))?
    }
}

fn writer_loop(pool: &r2d2::Pool<Manager>, jobs: &mpsc::Receiver<Box<dyn Job>>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        run_batch(pool, batch);
    }
}

/// One transaction for the whole batch.
fn run_batch(pool: &r2d2::Pool<Manager>, batch: Vec<Box<dyn Job>>) {
    let mut conn = match pool.get() {
        Ok(conn) => conn,
        Err(e) => return fail_all(batch, e.to_string()),
    };
    let conn: &mut DbConnection = &mut conn;
    let began = match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
        }
        DbConnection::Postgresql(c) => AnsiTransactionManager::begin_transaction(c),
    };
    if let Err(e) = began {
        return fail_all(batch, e.to_string());
    }
    let mut replies = Vec::with_capacity(batch.len());
    let mut jobs = batch.into_iter();
    for job in jobs.by_ref() {
        replies.push(job.run(conn));
        // A write whose savepoint could not be released or rolled back leaves the
        // transaction in a state nobody can vouch for: give the batch up.
        if !intact(conn) {
            break;
        }
    }
    let rest: Vec<_> = jobs.collect();
    let committed = if rest.is_empty() && intact(conn) {
        Tm::commit_transaction(conn).map_err(|e| e.to_string())
    } else {
        Err("the write could not be completed".to_owned())
    };
    if committed.is_err() {
        let _ = Tm::rollback_transaction(conn);
    }
    for reply in replies {
        reply.send(committed.clone());
    }
    fail_all(rest, "the write could not be completed".to_owned());
}

/// True while the batch's transaction is open with no savepoint left over.
fn intact(conn: &mut DbConnection) -> bool {
    matches!(
        Tm::transaction_manager_status_mut(conn).transaction_depth(),
        Ok(Some(depth)) if depth.get() == 1
    )
}

fn fail_all(batch: Vec<Box<dyn Job>>, error: String) {
    for job in batch {
        job.fail(error.clone());
    }
}

#[cfg(test)]
#[path = "group_commit_tests.rs"]
mod tests;
