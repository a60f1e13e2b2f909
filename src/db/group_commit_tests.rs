//! Group commit keeps each write all or nothing: a write that fails or panics
//! inside a batch rolls back alone, the others of its batch commit, and every
//! answer matches what is stored.

use std::collections::BTreeSet;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::{DatabaseUrl, Db, PoolSettings, StoreError};

fn sqlite_db(dir: &tempfile::TempDir) -> Db {
    let url = DatabaseUrl::Sqlite(dir.path().join("group.db"));
    let settings = PoolSettings {
        max_size: 4,
        acquire_timeout: Duration::from_secs(10),
    };
    let db = Db::connect(&url, &settings).unwrap();
    db.get()
        .unwrap()
        .batch_execute("CREATE TABLE probe (n INTEGER PRIMARY KEY)")
        .unwrap();
    db
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn insert(conn: &mut crate::db::DbConnection, n: i64) -> Result<(), StoreError> {
    diesel::sql_query("INSERT INTO probe (n) VALUES (?)")
        .bind::<BigInt, _>(n)
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Commits,
    FailsAfterWriting,
    PanicsAfterWriting,
    /// Inserts a number another write of the run already took: the database refuses.
    Duplicate,
}

fn kind_of(n: i64) -> Kind {
    match n % 10 {
        3 => Kind::FailsAfterWriting,
        7 => Kind::PanicsAfterWriting,
        9 => Kind::Duplicate,
        _ => Kind::Commits,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_write_of_a_batch_commits_or_rolls_back_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_db(&dir);
    // Number 0 exists before the run: every `Duplicate` write collides with it.
    db.write(|conn| insert(conn, 0)).await.unwrap();
    let mut tasks = Vec::new();
    for n in 1..=400_i64 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let outcome = db
                .write(move |conn| match kind_of(n) {
                    Kind::Commits => insert(conn, n),
                    Kind::FailsAfterWriting => {
                        insert(conn, n)?;
                        Err(StoreError::Forbidden)
                    }
                    Kind::PanicsAfterWriting => {
                        insert(conn, n)?;
                        panic!("a write that panics after writing (expected in this test)");
                    }
                    Kind::Duplicate => {
                        insert(conn, n)?;
                        insert(conn, 0)
                    }
                })
                .await;
            (n, outcome)
        }));
    }
    let mut acknowledged = BTreeSet::from([0_i64]);
    for task in tasks {
        let (n, outcome) = task.await.unwrap();
        match (kind_of(n), outcome) {
            (Kind::Commits, Ok(())) => {
                acknowledged.insert(n);
            }
            (Kind::FailsAfterWriting, Err(StoreError::Forbidden)) => {}
            (Kind::PanicsAfterWriting, Err(StoreError::Unavailable(_))) => {}
            (Kind::Duplicate, Err(StoreError::Database(_))) => {}
            (kind, outcome) => panic!("write {n} ({kind:?}) answered {outcome:?}"),
        }
    }
    let stored: BTreeSet<i64> = db
        .run(|conn| Ok(diesel::sql_query("SELECT n FROM probe").load::<Row>(conn)?))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.n)
        .collect();
    assert_eq!(stored, acknowledged);
    assert_eq!(stored.len(), 1 + 400 * 7 / 10);
    // The writer is still there after the panics and failures.
    db.write(|conn| insert(conn, 1000)).await.unwrap();
}

#[tokio::test]
async fn a_write_sees_its_own_changes_and_its_answer_comes_after_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_db(&dir);
    let seen = db
        .write(|conn| {
            insert(conn, 5)?;
            Ok(diesel::sql_query("SELECT n FROM probe")
                .load::<Row>(conn)?
                .len())
        })
        .await
        .unwrap();
    assert_eq!(seen, 1);
    // A connection of its own (not the writer's) sees the row once answered.
    let n: Vec<Row> = diesel::sql_query("SELECT n FROM probe")
        .load(&mut *db.get().unwrap())
        .unwrap();
    assert_eq!(n.len(), 1);
}
