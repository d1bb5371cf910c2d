//! Test support: locate the real provider files in `../shared/data` (read in place, never copied).
//!
//! When the folder is missing, tests skip with a printed reason, except under CI (`CI` set),
//! where a missing folder is a failure.

use std::path::PathBuf;

/// Path of a file under `../shared/data`, or `None` (after printing why) when it is absent
/// outside CI. Panics under CI when absent, so a broken checkout cannot pass silently.
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let path = root.join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} is missing, and CI is set: the real data files are required",
            path.display()
        );
    }
    eprintln!(
        "skipping: {} is missing (set up ../shared/data to run this test)",
        path.display()
    );
    None
}
