//! The connection enum over both backends, chosen from the database URL.

use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, ConnectionError};

/// One connection to whichever backend the installation uses.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// PostgreSQL, for installations that outgrow one machine.
    Postgresql(PgConnection),
    /// Embedded SQLite, the default.
    Sqlite(SqliteConnection),
}

/// Where the data lives, parsed from `DATABASE_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A `postgres://` or `postgresql://` URL.
    Postgres(String),
    /// A SQLite file path (`sqlite://PATH`, `sqlite:PATH` or a plain path).
    Sqlite(PathBuf),
}

/// A database URL that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// Nothing given.
    #[error("the database URL is empty")]
    Empty,
    /// A scheme this program does not speak (never silently treated as a file).
    #[error(
        "unsupported database URL scheme {0:?}: use postgres://..., postgresql://..., sqlite://PATH or a file path"
    )]
    UnsupportedScheme(String),
}

impl std::str::FromStr for DatabaseUrl {
    type Err = UrlError;

    fn from_str(s: &str) -> Result<Self, UrlError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(UrlError::Empty);
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(s.to_owned()));
        }
        if let Some(path) = s
            .strip_prefix("sqlite://")
            .or_else(|| s.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err(UrlError::Empty);
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        // Anything that looks like a URL scheme (letters then "://" or "scheme:")
        // is refused rather than mistaken for a file name.
        if let Some((scheme, _)) = s.split_once(':')
            && scheme.len() > 1
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return Err(UrlError::UnsupportedScheme(scheme.to_owned()));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(s)))
    }
}

impl DatabaseUrl {
    /// The URL with any password replaced, for logs.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(p) => format!("sqlite://{}", p.display()),
            DatabaseUrl::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(start), Some(at)) if at > start => match url[start + 3..at].split_once(':') {
                    Some((user, _)) => {
                        format!("{}://{}:***@{}", &url[..start], user, &url[at + 1..])
                    }
                    None => url.clone(),
                },
                _ => url.clone(),
            },
        }
    }
}

/// Creates the folder a SQLite file lives in (`./data` on first start).
pub fn ensure_parent_dir(path: &Path) -> anyhow::Result<()> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| {
            anyhow::anyhow!("cannot create the data folder {}: {e}", parent.display())
        })?;
    }
    Ok(())
}

/// How long a SQLite writer waits for another to finish before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Settings applied to every new SQLite connection. `busy_timeout` comes first so
/// that the others wait for a lock instead of failing.
///
/// WAL mode is a property of the database file and is set once by
/// [`prepare_sqlite_file`] before the pool opens; setting it from many new
/// connections at once would itself contend for the lock.
///
/// `synchronous = FULL`: in WAL mode this syncs the log on every commit, so a
/// transition acknowledged to a user survives a power cut, not just a crash of
/// the process. NORMAL would be faster but may lose the last commits on power
/// loss, which is not acceptable for case records. See docs/operations.md.
fn sqlite_pragmas() -> String {
    format!(
        "PRAGMA busy_timeout = {};
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;",
        SQLITE_BUSY_TIMEOUT.as_millis()
    )
}

/// Creates the SQLite file if needed and switches it to write-ahead logging, which
/// lets readers work while one writer commits.
pub fn prepare_sqlite_file(path: &Path) -> Result<(), ConnectError> {
    let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
    conn.batch_execute(&format!(
        "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL;",
        SQLITE_BUSY_TIMEOUT.as_millis()
    ))?;
    Ok(())
}

/// Opens one connection, with the backend's settings applied.
pub fn establish(url: &DatabaseUrl) -> Result<DbConnection, ConnectError> {
    match url {
        DatabaseUrl::Postgres(u) => Ok(DbConnection::Postgresql(PgConnection::establish(u)?)),
        DatabaseUrl::Sqlite(path) => {
            let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
            conn.batch_execute(&sqlite_pragmas())?;
            Ok(DbConnection::Sqlite(conn))
        }
    }
}

/// A connection that could not be opened or set up.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The backend refused the connection.
    #[error(transparent)]
    Connection(#[from] ConnectionError),
    /// Setting up the connection failed.
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

/// r2d2 manager that opens connections for a parsed URL (never guessing the backend).
#[derive(Debug)]
pub struct Manager {
    url: DatabaseUrl,
}

impl Manager {
    /// A manager for this database.
    pub fn new(url: DatabaseUrl) -> Self {
        Manager { url }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = ConnectError;

    fn connect(&self) -> Result<DbConnection, ConnectError> {
        establish(&self.url)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ConnectError> {
        Ok(conn.batch_execute("SELECT 1")?)
    }

    /// A connection left inside a transaction (a panic mid-request) is dropped, not reused.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        use diesel::connection::TransactionManager;
        type Tm = <DbConnection as Connection>::TransactionManager;
        Tm::is_broken_transaction_manager(conn)
            || !matches!(
                Tm::transaction_manager_status_mut(conn).transaction_depth(),
                Ok(None)
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_the_backend_from_the_scheme() {
        assert_eq!(
            "postgres://u@h/db".parse(),
            Ok(DatabaseUrl::Postgres("postgres://u@h/db".into()))
        );
        assert!(matches!(
            "postgresql://h/db".parse(),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert_eq!(
            "sqlite://data/x.db".parse(),
            Ok(DatabaseUrl::Sqlite("data/x.db".into()))
        );
        assert_eq!(
            "./data/casework.db".parse(),
            Ok(DatabaseUrl::Sqlite("./data/casework.db".into()))
        );
        assert_eq!(
            "mysql://root@localhost/db".parse::<DatabaseUrl>(),
            Err(UrlError::UnsupportedScheme("mysql".into()))
        );
        assert_eq!("  ".parse::<DatabaseUrl>(), Err(UrlError::Empty));
    }

    #[test]
    fn redacts_passwords() {
        let url: DatabaseUrl = "postgres://app:secret@db:5432/casework".parse().unwrap();
        assert_eq!(url.redacted(), "postgres://app:***@db:5432/casework");
    }
}
