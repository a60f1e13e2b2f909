//! `casework demo`: a small, realistic data set so that a new user sees a living system.

use crate::db::Db;

/// Loads the demo data set; refuses a database with users unless `force`.
pub fn load(_db: &Db, _force: bool) -> anyhow::Result<String> {
    anyhow::bail!("not yet")
}
