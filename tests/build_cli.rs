//! `migprof build` / `migprof export` end to end: outputs, failures reported per profile,
//! exit codes, and byte-identical output across runs and across `-j 1` / `-j 2`.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/render").join(name)
}

fn migprof() -> Command {
    let mut c = Command::cargo_bin("migprof").unwrap();
    c.arg("--catalogue-dir")
        .arg(root().join("tests/fixtures/render/catalogue"));
    c
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn assert_same_tree(a: &Path, b: &Path) {
    let fa = files_under(a);
    let fb = files_under(b);
    assert_eq!(fa, fb, "same files");
    assert!(fa.len() > 20, "expected a full build, got {fa:?}");
    for f in fa {
        let x = std::fs::read(a.join(&f)).unwrap();
        let y = std::fs::read(b.join(&f)).unwrap();
        assert!(x == y, "{} differs", f.display());
    }
}

fn profiles() -> Vec<PathBuf> {
    ["destination.toml", "origin.toml", "sparse.toml"]
        .iter()
        .map(|n| fixture(n))
        .collect()
}

#[test]
fn build_writes_one_folder_per_profile_with_every_format() {
    let out = tempfile::tempdir().unwrap();
    migprof()
        .arg("build")
        .args(profiles())
        .arg("--out")
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("built "))
        .stdout(predicate::str::contains("destination.toml"));
    let d = out.path().join("destination");
    for f in [
        "report.html",
        "report.md",
        "report.docx",
        "charts/figure-01.svg",
        "charts/figure-01.png",
        "data/observations.csv",
        "data/sources.csv",
        "data/datapackage.json",
    ] {
        assert!(d.join(f).exists(), "{f}");
    }
    assert!(out.path().join("origin/report.html").exists());
    assert!(out.path().join("sparse/report.html").exists());
}

#[test]
fn format_selects_outputs() {
    let out = tempfile::tempdir().unwrap();
    migprof()
        .arg("build")
        .arg(fixture("destination.toml"))
        .args(["--format", "html,data", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let d = out.path().join("destination");
    assert!(d.join("report.html").exists());
    assert!(d.join("data/datapackage.json").exists());
    assert!(!d.join("report.md").exists());
    assert!(!d.join("charts").exists());
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    migprof()
        .arg("build")
        .arg(fixture("destination.toml"))
        .args(["--format", "pdfx", "--out"])
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown format `pdfx`"));
}

/// Without the `pdf` feature, asking for PDF says how to get it (a usage error, nothing built).
#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_without_the_feature_says_how_to_get_it() {
    let out = tempfile::tempdir().unwrap();
    migprof()
        .arg("build")
        .arg(fixture("destination.toml"))
        .args(["--format", "pdf", "--out"])
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--features pdf"));
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
}

#[test]
fn a_failing_profile_is_reported_and_the_others_still_build() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("broken.toml");
    std::fs::write(&bad, "version = 1\n[meta\ncountry = \"DEU\"\n").unwrap();
    let bad_template = tmp.path().join("badtemplate.toml");
    let text = std::fs::read_to_string(fixture("sparse.toml"))
        .unwrap()
        .replace(
            "template = \"template.toml\"",
            "template = \"no-such-template.toml\"",
        );
    std::fs::write(&bad_template, text).unwrap();
    let missing = tmp.path().join("missing.toml");
    let out = tmp.path().join("out");
    migprof()
        .arg("build")
        .arg(&bad)
        .arg(fixture("destination.toml"))
        .arg(&missing)
        .arg(&bad_template)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.toml"))
        .stderr(predicate::str::contains("missing.toml"))
        .stderr(predicate::str::contains("no-such-template.toml"))
        .stdout(predicate::str::contains("destination.toml"));
    assert!(out.join("destination/report.html").exists());
    assert!(!out.join("broken").exists());
}

#[test]
fn output_is_byte_identical_across_runs_and_job_counts() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    for (dir, jobs) in [(&a, "1"), (&b, "2"), (&c, "2")] {
        migprof()
            .arg("build")
            .args(profiles())
            .args(["-j", jobs, "--out"])
            .arg(dir.path())
            .assert()
            .success();
    }
    assert_same_tree(a.path(), b.path());
    assert_same_tree(b.path(), c.path());
}

#[test]
fn summary_lines_are_printed_in_input_order() {
    let out = tempfile::tempdir().unwrap();
    let mut list = profiles();
    list.reverse();
    let assert = migprof()
        .arg("build")
        .args(&list)
        .args(["-j", "2", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let pos: Vec<usize> = ["sparse.toml", "origin.toml", "destination.toml"]
        .iter()
        .map(|n| stdout.find(n).unwrap())
        .collect();
    assert!(pos[0] < pos[1] && pos[1] < pos[2], "{stdout}");
}

#[test]
fn export_writes_only_the_data_bundle() {
    let out = tempfile::tempdir().unwrap();
    migprof()
        .arg("export")
        .arg(fixture("origin.toml"))
        .arg("--out")
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("datapackage.json"));
    let files = files_under(&out.path().join("origin"));
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(
        names,
        [
            "data/datapackage.json",
            "data/observations.csv",
            "data/sources.csv"
        ]
    );
}

#[test]
fn export_of_a_missing_profile_fails_with_its_path() {
    let out = tempfile::tempdir().unwrap();
    migprof()
        .arg("export")
        .arg("does-not-exist.toml")
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does-not-exist.toml"));
}
