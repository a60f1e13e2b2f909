//! Rebuilds the crate when a locale file or a migration changes: both are
//! compiled into the binary by macros, which cargo cannot see reading them.

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=migrations");
}
