//! Typed settings. Each can be given as a command-line flag or an environment
//! variable (the flag wins); `casework --help` and docs/operations.md list them.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

use crate::db::{DatabaseUrl, PoolSettings};

/// Where the data lives and how connections are pooled (every command needs it).
#[derive(Debug, Clone, Args)]
pub struct DatabaseSettings {
    /// Database: a SQLite file path (or sqlite://PATH), or a postgres:// or
    /// postgresql:// URL. Any other scheme is refused.
    #[arg(
        long = "database-url",
        env = "DATABASE_URL",
        default_value = "./data/casework.db",
        global = true
    )]
    pub url: DatabaseUrl,

    /// Most database connections held at once.
    #[arg(long, env = "CASEWORK_POOL_SIZE", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..=256), global = true)]
    pub pool_size: u32,

    /// Seconds a request waits for a free connection before it is answered 503.
    #[arg(long, env = "CASEWORK_POOL_TIMEOUT_SECS", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(1..=300), global = true)]
    pub pool_timeout_secs: u64,
}

impl DatabaseSettings {
    /// The pool settings these imply.
    pub fn pool(&self) -> PoolSettings {
        PoolSettings {
            max_size: self.pool_size,
            acquire_timeout: Duration::from_secs(self.pool_timeout_secs),
        }
    }
}

/// Settings of the web server.
#[derive(Debug, Clone, Args)]
pub struct ServeSettings {
    /// Address and port to listen on.
    #[arg(long, env = "CASEWORK_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "CASEWORK_MAX_BODY_BYTES", default_value_t = 1024 * 1024,
          value_parser = clap::value_parser!(u64).range(1024..=64 * 1024 * 1024))]
    pub max_body_bytes: u64,

    /// DEVELOPMENT ONLY, until accounts exist: take the acting user from the
    /// `X-Casework-User` header. Refused unless bound to a loopback address.
    #[arg(long, env = "CASEWORK_TRUST_ACTOR_HEADER", default_value_t = false)]
    pub trust_actor_header: bool,
}

impl ServeSettings {
    /// Settings for tests: loopback, header actors on.
    pub fn for_tests() -> Self {
        ServeSettings {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            max_body_bytes: 1024 * 1024,
            trust_actor_header: true,
        }
    }

    /// Refuses combinations that would be unsafe.
    pub fn check(&self) -> Result<(), String> {
        if self.trust_actor_header && !self.bind.ip().is_loopback() {
            return Err(format!(
                "--trust-actor-header lets anyone act as any user; it is only allowed on a loopback address, not {}",
                self.bind
            ));
        }
        Ok(())
    }
}
