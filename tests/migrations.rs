//! The two migration folders must stay in step: same names, each with up and down.

use std::collections::BTreeSet;
use std::path::Path;

fn names(backend: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            for file in ["up.sql", "down.sql"] {
                assert!(
                    entry.path().join(file).is_file(),
                    "{backend}/{name} lacks {file}"
                );
            }
            name
        })
        .collect()
}

#[test]
fn sqlite_and_postgres_migrations_have_the_same_names() {
    let sqlite = names("sqlite");
    let postgres = names("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite,
        postgres,
        "only in sqlite: {:?}; only in postgres: {:?}",
        sqlite.difference(&postgres).collect::<Vec<_>>(),
        postgres.difference(&sqlite).collect::<Vec<_>>()
    );
}
