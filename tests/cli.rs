//! The command line as a user runs it: bad settings are refused with a sentence,
//! `create-user` makes an account that can sign in, `migrate` is idempotent.

use std::io::Write;
use std::process::{Command, Stdio};

fn casework(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_casework"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env("CASEWORK_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run casework");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_settings_are_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = casework(
        dir.path(),
        &["--database-url", "mysql://root@localhost/db", "migrate"],
        None,
    );
    assert!(!ok);
    assert!(
        err.contains("unsupported database URL scheme \"mysql\""),
        "{err}"
    );
    let (ok, _, err) = casework(dir.path(), &["--pool-size", "0", "migrate"], None);
    assert!(!ok && err.contains("pool-size"), "{err}");
    let (ok, _, err) = casework(
        dir.path(),
        &["serve", "--bind", "0.0.0.0:0", "--insecure-cookies"],
        None,
    );
    assert!(
        !ok && err.contains("only allowed on a loopback address"),
        "{err}"
    );
    let (ok, _, err) = casework(dir.path(), &["serve", "--bind", "localhost"], None);
    assert!(!ok && err.contains("--bind"), "{err}");
    assert!(
        !dir.path().join("data").exists()
            || std::fs::read_dir(dir.path().join("data")).unwrap().count() <= 3
    );
}

#[test]
fn create_user_then_sign_in_is_possible() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = casework(dir.path(), &["migrate"], None);
    assert!(ok, "{err}");
    assert!(
        dir.path().join("data/casework.db").exists(),
        "the data folder is created on first use"
    );
    let (ok, _, err) = casework(dir.path(), &["migrate"], None);
    assert!(ok, "migrate twice: {err}");

    let args = [
        "create-user",
        "--username",
        "admin",
        "--display-name",
        "管理员",
        "--role",
        "administrator",
        "--organisation",
        "鹏城社工",
        "--password-stdin",
    ];
    let (ok, _, err) = casework(dir.path(), &args, Some("violet-harbour-tram-42\n"));
    assert!(
        !ok && err.contains("--create-organisation"),
        "an unknown organisation is named: {err}"
    );
    let mut with_org = args.to_vec();
    with_org.extend(["--create-organisation", "agency"]);
    let (ok, _, err) = casework(dir.path(), &with_org, Some("password123\n"));
    assert!(!ok && err.contains("at least 12 characters"), "{err}");
    let (ok, out, err) = casework(dir.path(), &with_org, Some("violet-harbour-tram-42\n"));
    assert!(ok, "{err}");
    assert!(out.contains("Created 管理员 (administrator)"), "{out}");
    let (ok, _, err) = casework(dir.path(), &with_org, Some("violet-harbour-tram-42\n"));
    assert!(
        !ok && err.contains("already in use"),
        "a login name is unique: {err}"
    );

    // The account works: check its hash with the library against the same file.
    let url = casework::db::DatabaseUrl::Sqlite(dir.path().join("data/casework.db"));
    let db = casework::db::Db::connect(
        &url,
        &casework::db::PoolSettings {
            max_size: 1,
            acquire_timeout: std::time::Duration::from_secs(5),
        },
    )
    .unwrap();
    let creds = casework::db::accounts::find_credentials(&mut db.get().unwrap(), "ADMIN")
        .unwrap()
        .unwrap();
    assert!(casework::db::accounts::verify_password(
        "violet-harbour-tram-42",
        creds.password_hash.as_deref().unwrap()
    ));
}
