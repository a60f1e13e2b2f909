//! Migrations embedded in the binary, one set per backend.

use diesel::connection::SimpleConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

/// SQLite migrations (`migrations/sqlite`).
pub const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
/// PostgreSQL migrations (`migrations/postgres`), same names as SQLite's.
pub const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Key of the PostgreSQL advisory lock that serialises migrations.
const MIGRATION_LOCK: i64 = 0x4361_7365_776f_726b; // "Casework"

/// Applies pending migrations; returns the names of those applied.
///
/// On PostgreSQL several instances may start at once against one database; an
/// advisory lock makes them migrate one after the other (the later ones find
/// nothing pending). SQLite's write lock does the same for a file.
pub fn run_pending(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let is_postgres = matches!(conn, DbConnection::Postgresql(_));
    let source = if is_postgres { POSTGRES } else { SQLITE };
    if is_postgres {
        conn.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
    }
    let applied = conn
        .run_pending_migrations(source)
        .map(|names| names.iter().map(ToString::to_string).collect())
        .map_err(|e| anyhow::anyhow!("migration failed: {e}"));
    if is_postgres {
        conn.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
    }
    applied
}
