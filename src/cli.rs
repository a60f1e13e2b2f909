//! The command line: `serve` (the default), `migrate`, `demo`, `create-user`, `backup`.

use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

use crate::clock::Clock;
use crate::config::{DatabaseSettings, ServeSettings};
use crate::db::{Db, accounts, migrations, organisations, setup};
use crate::domain::vocab::{OrganisationKind, Role};

/// Casework: social-work case management for trade unions.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Database settings, shared by every command.
    #[command(flatten)]
    pub database: DatabaseSettings,

    /// The installation's time zone (IANA name such as Asia/Shanghai or
    /// Asia/Taipei): what "today" is, and how dates and times are shown.
    #[arg(
        long,
        env = "CASEWORK_TIME_ZONE",
        default_value = "Asia/Shanghai",
        global = true
    )]
    pub time_zone: chrono_tz::Tz,

    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve HTTP until Ctrl-C or SIGTERM.
    Serve(ServeSettings),
    /// Apply pending migrations and exit.
    Migrate,
    /// Load a small demo data set (organisations, staff, clients, cases of
    /// every type in every stage). Refuses a database that already has users.
    Demo(DemoArgs),
    /// Create an account. The password is asked for twice, or read from the
    /// first line of standard input with --password-stdin (for scripts).
    CreateUser(CreateUserArgs),
    /// Copy a live SQLite database to PATH, consistently, while it serves
    /// (never overwrites a file). PostgreSQL: use pg_dump.
    Backup(BackupArgs),
}

/// Options of `casework backup`.
#[derive(Debug, Clone, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy: a new file.
    pub path: std::path::PathBuf,
}

/// Options of `casework create-user`.
#[derive(Debug, Clone, clap::Args)]
pub struct CreateUserArgs {
    /// Login name (letters, digits, . _ - @).
    #[arg(long)]
    pub username: String,
    /// Name shown on records.
    #[arg(long)]
    pub display_name: String,
    /// social_worker, supervisor, union_officer or administrator.
    #[arg(long)]
    pub role: Role,
    /// The user's organisation: its id or its exact name.
    #[arg(long)]
    pub organisation: String,
    /// Create the organisation with this kind if none has that name
    /// (national_union, provincial_union, city_union, district_union,
    /// grassroots_union, agency).
    #[arg(long)]
    pub create_organisation: Option<OrganisationKind>,
    /// Team ids the user belongs to (repeatable).
    #[arg(long = "team")]
    pub teams: Vec<String>,
    /// Read the password from standard input instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
}

/// Options of `casework demo`.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Load even if the database already holds data.
    #[arg(long)]
    pub force: bool,
    /// Generate this many cases (all types and stages, spread over three years)
    /// instead of loading the 26 hand-written ones.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub cases: Option<u64>,
    /// Seed of the generator: the same seed gives the same data set.
    #[arg(long, requires = "cases", default_value_t = crate::demo::generate::DEFAULT_SEED)]
    pub seed: u64,
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = cli
        .command
        .unwrap_or_else(|| Command::Serve(ServeSettings::parse_from_env_only()));
    crate::local_time::set_zone(cli.time_zone).map_err(anyhow::Error::msg)?;
    // A backup reads the database as it is: no migrations, no pool.
    if let Command::Backup(args) = &command {
        let (url, path) = (cli.database.url.clone(), args.path.clone());
        let report =
            tokio::task::spawn_blocking(move || crate::backup::backup(&url, &path)).await??;
        println!("{report}");
        return Ok(());
    }
    let db = open(&cli.database).await?;
    match command {
        Command::Backup(_) => Ok(()),
        Command::Serve(settings) => serve(db, settings).await,
        Command::Migrate => Ok(()),
        Command::CreateUser(args) => {
            let password = read_password(args.password_stdin)?;
            let line =
                tokio::task::spawn_blocking(move || create_user(&db, args, &password)).await??;
            println!("{line}");
            Ok(())
        }
        Command::Demo(args) => {
            let summary = tokio::task::spawn_blocking(move || match args.cases {
                Some(cases) => generate_demo(&db, &args, cases),
                None => crate::demo::load(&db, args.force),
            })
            .await??;
            println!("{summary}");
            Ok(())
        }
    }
}

/// `casework demo --cases N`, with a progress bar on a terminal.
fn generate_demo(db: &Db, args: &DemoArgs, cases: u64) -> anyhow::Result<String> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::io::IsTerminal;
    let bar = ProgressBar::with_draw_target(
        Some(cases),
        if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} cases  {per_sec}  {eta} left")
    {
        bar.set_style(style);
    }
    let options = crate::demo::generate::Options {
        cases: usize::try_from(cases)?,
        seed: args.seed,
        force: args.force,
    };
    let summary = crate::demo::generate::load(db, &options, &mut |done| {
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    summary
}

impl ServeSettings {
    /// Serve settings when no subcommand was given: defaults and the environment.
    fn parse_from_env_only() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            settings: ServeSettings,
        }
        Only::parse_from(["casework"]).settings
    }
}

/// Connects and applies pending migrations.
async fn open(settings: &DatabaseSettings) -> anyhow::Result<Db> {
    let url = settings.url.clone();
    let pool = settings.pool();
    tokio::task::spawn_blocking(move || {
        let db = Db::connect(&url, &pool)
            .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", url.redacted()))?;
        let mut conn = db.get()?;
        let applied = migrations::run_pending(&mut conn)?;
        for name in &applied {
            tracing::info!(migration = %name, "applied migration");
        }
        tracing::info!(database = %url.redacted(), "database ready");
        Ok(db)
    })
    .await?
}

async fn serve(db: Db, settings: ServeSettings) -> anyhow::Result<()> {
    settings.check().map_err(|e| anyhow::anyhow!(e))?;
    // Parsed once here, for every language (a collection may give each its own
    // face): a bad font stops the server now rather than failing reports later.
    let (font_path, font_face) = (settings.report_font.clone(), settings.report_font_face);
    let fonts = tokio::task::spawn_blocking(move || {
        crate::i18n::Locale::ALL
            .iter()
            .map(|l| {
                crate::reports::fonts::ReportFont::configured(font_path.as_deref(), font_face, *l)
                    .map(|font| (*l, font))
            })
            .collect::<Result<Vec<_>, _>>()
    })
    .await?
    .map_err(|e| anyhow::anyhow!(e))?;
    for (l, font) in fonts {
        tracing::info!(language = l.tag(), font = %font.source, "report font ready");
    }
    let listener = TcpListener::bind(settings.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
    let addr = listener.local_addr()?;
    let mut settings = settings;
    if settings.public_url.is_none() {
        settings.public_url = Some(format!("http://{addr}"));
    }
    offer_first_run_setup(&db, &settings).await?;
    let app = crate::build_app(db, settings, Clock::System);
    tracing::info!("Casework listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("Casework stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// On an installation where nobody can sign in, prints a one-time link for
/// creating the first administrator. There is no default password.
async fn offer_first_run_setup(db: &Db, settings: &ServeSettings) -> anyhow::Result<()> {
    let base = settings.base_url();
    let db = db.clone();
    let token = tokio::task::spawn_blocking(move || -> anyhow::Result<Option<String>> {
        let mut conn = db.get()?;
        if accounts::any_login(&mut conn)? {
            return Ok(None);
        }
        Ok(Some(setup::create(&mut conn, crate::db::now())?))
    })
    .await??;
    if let Some(token) = token {
        println!(
            "\nNo account can sign in yet. Create the first administrator within 24 hours at:\n\n    {base}/setup/{token}\n\n(or run `casework create-user --role administrator ...`)\n"
        );
    }
    Ok(())
}

/// Reads a new password: from standard input, or by prompting twice.
fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ").map_err(|e| {
        anyhow::anyhow!("cannot read the password ({e}); use --password-stdin in scripts")
    })?;
    let second = rpassword::prompt_password("Password again: ")?;
    if first != second {
        anyhow::bail!("the two passwords differ");
    }
    Ok(first)
}

/// `casework create-user`.
fn create_user(db: &Db, args: CreateUserArgs, password: &str) -> anyhow::Result<String> {
    if let Err(problem) =
        crate::domain::password::check(password, &[&args.username, &args.display_name])
    {
        use crate::domain::password::PasswordProblem::*;
        anyhow::bail!(match problem {
            TooShort => format!("the password must have at least {} characters", crate::domain::password::MIN_LENGTH),
            TooLong => "the password is too long".to_owned(),
            TooCommon => "the password is too common or too easy to guess: choose a longer phrase not built from the name".to_owned(),
        });
    }
    let hash = accounts::hash_password(password)?;
    let mut conn = db.get()?;
    let at = crate::db::now();
    let user = crate::db::write_transaction(&mut conn, |conn| {
        let org_id = match organisations::find_organisation_by_id_or_name(conn, &args.organisation)?
        {
            Some(org) => org.id,
            None => match args.create_organisation {
                Some(kind) => {
                    organisations::insert_organisation(conn, args.organisation.trim(), kind, None)?
                        .id
                }
                None => {
                    return Ok(Err(format!(
                        "no organisation has the id or name {:?}; add --create-organisation KIND to create it",
                        args.organisation
                    )));
                }
            },
        };
        accounts::create_account(
            conn,
            &accounts::NewAccount {
                username: &args.username,
                display_name: &args.display_name,
                role: args.role,
                organisation_id: &org_id,
                team_ids: &args.teams,
                password_hash: &hash,
            },
            at,
        )
        .map(Ok)
    });
    match user {
        Ok(Ok(user)) => Ok(format!(
            "Created {} ({}) with id {}",
            user.display_name, user.role, user.id
        )),
        Ok(Err(message)) => anyhow::bail!(message),
        Err(crate::db::StoreError::Invalid(errors)) => {
            let fields: Vec<String> = errors
                .iter()
                .map(|e| crate::error::field_message(e, crate::i18n::Locale::En))
                .collect();
            anyhow::bail!(fields.join(" "))
        }
        Err(e) => Err(e.into()),
    }
}
