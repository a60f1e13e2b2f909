//! Rebuilds the crate when a locale file changes: the Fluent files are compiled
//! into the binary by a macro, which cargo cannot see reading them.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
