//! `migprof import` and `migprof refresh` end to end, with the ingest-b test catalogue
//! (tests/fixtures/ingest/generic_test_*.toml) passed through --catalogue-dir. Files are copied
//! into a temporary directory first; ../shared is never modified.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

/// A temp dir holding the catalogue files and a copy of the given fixtures.
fn setup(files: &[&str]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let cat = d.path().join("cat");
    std::fs::create_dir(&cat).unwrap();
    for (from, to) in [
        ("generic_test_catalogue.toml", "indicators.toml"),
        ("generic_test_registry.toml", "registry.toml"),
        ("generic_test_countries.toml", "countries.toml"),
    ] {
        std::fs::copy(fixture(from), cat.join(to)).unwrap();
    }
    for f in files {
        std::fs::copy(fixture(f), d.path().join(f)).unwrap();
    }
    d
}

fn migprof(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("migprof").unwrap();
    c.current_dir(dir)
        .env_remove("MIGPROF_CATALOGUE")
        .arg("--catalogue-dir")
        .arg(dir.join("cat"));
    c
}

fn new_profile(dir: &Path) {
    migprof(dir)
        .args(["new", "--country", "JOR", "--out", "p.toml"])
        .assert()
        .success();
}

#[test]
fn import_prints_a_table_for_the_country() {
    let d = setup(&["unhcr_preamble_crlf.csv"]);
    migprof(d.path())
        .args(["import", "unhcr_preamble_crlf.csv", "--country", "JOR"])
        .assert()
        .success()
        .stdout(predicate::str::contains("unhcr_rdf"))
        .stdout(predicate::str::contains("indicator"))
        .stdout(predicate::str::is_match(r"refugees_hosted\s+2023\s+origin=SYR\s+650").unwrap())
        .stdout(predicate::str::is_match(r"refugees_hosted\s+2022\s+600").unwrap());
}

#[test]
fn import_without_country_prints_a_summary_and_verbose_lists_unmapped() {
    let d = setup(&["unhcr_preamble_crlf.csv"]);
    migprof(d.path())
        .args(["import", "unhcr_preamble_crlf.csv", "-v"])
        .assert()
        .success()
        .stdout(predicate::str::contains("country  values"))
        .stdout(predicate::str::is_match(r"JOR\s+3\s+1\s+2022-2023").unwrap())
        .stderr(predicate::str::contains(
            "unmapped series  \"Asylum-seekers\": 3",
        ));
}

#[test]
fn unknown_format_is_a_usage_error() {
    let d = setup(&["unhcr_preamble_crlf.csv"]);
    migprof(d.path())
        .args(["import", "unhcr_preamble_crlf.csv", "--format", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown format `nope`"));
}

#[test]
fn unrecognised_file_names_the_formats_tried() {
    let d = setup(&[]);
    std::fs::write(d.path().join("x.csv"), "a,b\n1,2\n").unwrap();
    migprof(d.path())
        .args(["import", "x.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "x.csv: not a recognised provider file",
        ))
        .stderr(predicate::str::contains("eurostat_tsv"));
}

#[test]
fn profile_add_then_refuse_duplicates() {
    let d = setup(&["unhcr_preamble_crlf.csv"]);
    new_profile(d.path());
    migprof(d.path())
        .args(["import", "unhcr_preamble_crlf.csv", "--profile", "p.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "added 3 values to p.toml as source `unhcr_refugee_data_finder_population`",
        ));
    let text = std::fs::read_to_string(d.path().join("p.toml")).unwrap();
    assert!(text.contains("file = \"unhcr_preamble_crlf.csv\""));
    assert!(text.contains("format = \"unhcr_rdf\""));
    assert!(text.contains("licence = \"CC BY 4.0\""));
    assert!(text.contains("sha256 = \""));
    assert!(text.contains("retrieved = \"20"));
    let saved = migprof::profile::Profile::from_toml(&text, "p.toml").unwrap();
    assert_eq!(saved.observations.len(), 3);
    assert!(text.contains("[[series]]"), "{text}");
    // Same file again: refused, profile unchanged.
    migprof(d.path())
        .args(["import", "unhcr_preamble_crlf.csv", "--profile", "p.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "p.toml: unhcr_preamble_crlf.csv is already in the profile as source",
        ));
    // A different file with the same values: refused as duplicate observations.
    let mut bytes = std::fs::read(d.path().join("unhcr_preamble_crlf.csv")).unwrap();
    bytes.extend_from_slice(b"\r\n");
    std::fs::write(d.path().join("copy.csv"), bytes).unwrap();
    migprof(d.path())
        .args(["import", "copy.csv", "--profile", "p.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already has 3 of these values"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("p.toml")).unwrap(),
        text
    );
}

#[test]
fn refresh_reports_no_change_then_sha_mismatch_and_changes() {
    let d = setup(&["unhcr_preamble_crlf.csv"]);
    new_profile(d.path());
    migprof(d.path())
        .args(["import", "unhcr_preamble_crlf.csv", "--profile", "p.toml"])
        .assert()
        .success();
    migprof(d.path())
        .args(["refresh", "p.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no change (3 values)"));
    // Change the copy: the 2023 total changes; a 2024 row adds a total and moves the
    // latest-year partner detail from 2023 (removed) to 2024 (added).
    let f = d.path().join("unhcr_preamble_crlf.csv");
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("JOR,650,10", "JOR,651,10")
        + "\r\n2024,Iraq,IRQ,Jordan,JOR,9,1";
    std::fs::write(&f, text).unwrap();
    let before = std::fs::read_to_string(d.path().join("p.toml")).unwrap();
    migprof(d.path())
        .args(["refresh", "p.toml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("sha256 mismatch"))
        .stdout(predicate::str::contains("2 added, 1 changed, 1 removed"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("p.toml")).unwrap(),
        before,
        "refresh without --write changes nothing"
    );
    migprof(d.path())
        .args(["refresh", "p.toml", "--write"])
        .assert()
        .success()
        .stdout(predicate::str::contains("updated p.toml"));
    migprof(d.path())
        .args(["refresh", "p.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no change (4 values)"));
    // A missing file is reported.
    std::fs::remove_file(&f).unwrap();
    migprof(d.path())
        .args(["refresh", "p.toml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("missing"));
}

#[test]
fn refresh_finds_files_relative_to_the_profile() {
    let d = setup(&["unhcr_preamble_crlf.csv"]);
    new_profile(d.path());
    migprof(d.path())
        .args(["import", "unhcr_preamble_crlf.csv", "--profile", "p.toml"])
        .assert()
        .success();
    // Run from another directory: the path is resolved against the profile's directory.
    let other = tempfile::tempdir().unwrap();
    let mut c = Command::cargo_bin("migprof").unwrap();
    c.current_dir(other.path())
        .arg("--catalogue-dir")
        .arg(d.path().join("cat"))
        .arg("refresh")
        .arg(d.path().join("p.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("no change"));
}

#[test]
fn footnotes_file_attaches_to_profile_values() {
    let d = setup(&["unhcr_preamble_crlf.csv", "unhcr_footnotes_quoted.csv"]);
    new_profile(d.path());
    migprof(d.path())
        .args(["import", "unhcr_preamble_crlf.csv", "--profile", "p.toml"])
        .assert()
        .success();
    migprof(d.path())
        .args([
            "import",
            "unhcr_footnotes_quoted.csv",
            "--profile",
            "p.toml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("attached footnotes to 3 values"));
    let text = std::fs::read_to_string(d.path().join("p.toml")).unwrap();
    assert!(text.contains("Range note"), "{text}");
    assert!(text.contains("line two"), "{text}");
}

/// A write error on stdout ends `import` with exit 1 and a message (it once exited 0 having
/// written nothing); control characters from the file never reach the terminal raw.
#[cfg(target_os = "linux")]
#[test]
fn import_stops_with_exit_1_when_stdout_fails() {
    let d = setup(&["unhcr_preamble_crlf.csv"]);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_migprof"))
        .current_dir(d.path())
        .env_remove("MIGPROF_CATALOGUE")
        .arg("--catalogue-dir")
        .arg(d.path().join("cat"))
        .args(["import", "unhcr_preamble_crlf.csv", "--country", "JOR"])
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("writing to standard output"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
