//! Typed settings. Each can be given as a command-line flag or an environment
//! variable (the flag wins); `casework --help` and docs/operations.md list them.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::db::sessions::SessionPolicy;
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

    /// The address users reach this server at (for links such as the first-run
    /// setup link). When it starts with https://, responses carry HSTS.
    #[arg(long, env = "CASEWORK_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "CASEWORK_SESSION_IDLE_MINUTES", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=24 * 60))]
    pub session_idle_minutes: u32,

    /// Hours after sign-in at which a session ends, however active.
    #[arg(long, env = "CASEWORK_SESSION_MAX_HOURS", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(1..=24 * 7))]
    pub session_max_hours: u32,

    /// Send the session cookie without `Secure` (and without the `__Host-` prefix),
    /// for plain-HTTP use on this machine only. Refused unless bound to loopback.
    #[arg(long, env = "CASEWORK_INSECURE_COOKIES", default_value_t = false)]
    pub insecure_cookies: bool,

    /// Take the client address from the last `X-Forwarded-For` entry, when a reverse
    /// proxy on a trusted host terminates connections.
    #[arg(long, env = "CASEWORK_BEHIND_PROXY", default_value_t = false)]
    pub behind_proxy: bool,

    /// A font file (.ttf, .otf, or a .ttc collection) for PDF reports instead of
    /// the built-in WenQuanYi Micro Hei, e.g. Noto Sans CJK. It must cover Chinese;
    /// an unusable file stops the server at start-up with the reason.
    #[arg(long, env = "CASEWORK_REPORT_FONT")]
    pub report_font: Option<PathBuf>,

    /// Which face of a --report-font collection to use, numbered from 0 (in
    /// NotoSansCJK-Regular.ttc, 2 is Simplified Chinese and 3 Traditional Chinese),
    /// for every language. Unset, each report takes the face named for its
    /// reader's script (SC, or TC for Traditional Chinese).
    #[arg(long, env = "CASEWORK_REPORT_FONT_FACE", requires = "report_font")]
    pub report_font_face: Option<u32>,
    /// Serve the benchmark's baseline endpoints `/bench/plaintext` and
    /// `/bench/fortunes` (public, no sign-in). For benchmark runs only.
    #[arg(long, env = "CASEWORK_BENCH_ENDPOINTS", default_value_t = false)]
    pub bench_endpoints: bool,

    /// Thresholds of the supervisors' oversight alerts.
    #[command(flatten)]
    pub alerts: AlertSettings,
}

/// Thresholds of the oversight screen's alerts, in days (docs/supervision.md).
#[derive(Debug, Clone, Args)]
pub struct AlertSettings {
    /// Alert when nothing has been recorded with the client (a session held, a
    /// stage record saved) for this many days.
    #[arg(long = "alert-no-contact-days", env = "CASEWORK_ALERT_NO_CONTACT_DAYS",
          default_value_t = 14, value_parser = clap::value_parser!(u16).range(1..=365))]
    pub no_contact_days: u16,

    /// Alert when an intake has not been taken on to assessment within this many days.
    #[arg(long = "alert-intake-days", env = "CASEWORK_ALERT_INTAKE_DAYS",
          default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=365))]
    pub intake_days: u16,

    /// Alert when a high- or critical-risk case has had no session for this many days.
    #[arg(long = "alert-risk-session-days", env = "CASEWORK_ALERT_RISK_SESSION_DAYS",
          default_value_t = 7, value_parser = clap::value_parser!(u16).range(1..=365))]
    pub risk_session_days: u16,
}

impl Default for AlertSettings {
    fn default() -> Self {
        let d = crate::domain::supervision::AlertThresholds::default();
        AlertSettings {
            no_contact_days: d.no_contact_days as u16,
            intake_days: d.intake_days as u16,
            risk_session_days: d.risk_session_days as u16,
        }
    }
}

impl AlertSettings {
    /// The thresholds as the queries take them.
    pub fn thresholds(&self) -> crate::domain::supervision::AlertThresholds {
        crate::domain::supervision::AlertThresholds {
            no_contact_days: i64::from(self.no_contact_days),
            intake_days: i64::from(self.intake_days),
            risk_session_days: i64::from(self.risk_session_days),
        }
    }
}

impl ServeSettings {
    /// Settings for tests: the defaults, on a loopback address.
    pub fn for_tests() -> Self {
        ServeSettings {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            max_body_bytes: 1024 * 1024,
            public_url: None,
            session_idle_minutes: 30,
            session_max_hours: 12,
            insecure_cookies: false,
            behind_proxy: false,
            report_font: None,
            report_font_face: None,
            alerts: AlertSettings::default(),
            bench_endpoints: false,
        }
    }

    /// Refuses combinations that would be unsafe.
    pub fn check(&self) -> Result<(), String> {
        if self.insecure_cookies && !self.bind.ip().is_loopback() {
            return Err(format!(
                "--insecure-cookies sends the session cookie over plain HTTP; it is only allowed on a loopback address, not {}",
                self.bind
            ));
        }
        if let Some(url) = &self.public_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(format!(
                "--public-url must start with https:// or http://, not {url:?}"
            ));
        }
        Ok(())
    }

    /// Where users reach the server.
    pub fn base_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.bind),
        }
    }

    /// Whether users reach the server over HTTPS (then HSTS is sent).
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// Session lifetimes.
    pub fn session_policy(&self) -> SessionPolicy {
        SessionPolicy {
            idle: chrono::Duration::minutes(i64::from(self.session_idle_minutes)),
            absolute: chrono::Duration::hours(i64::from(self.session_max_hours)),
        }
    }

    /// The session cookie's name: `__Host-` binds it to this host, HTTPS and path `/`.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.insecure_cookies {
            "casework_session"
        } else {
            "__Host-casework_session"
        }
    }
}
