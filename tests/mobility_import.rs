//! Non-traditional mobility aggregates (phone-record origin-destination counts) below the
//! profile's mobility threshold are refused at import, with the built-in catalogue.

use assert_cmd::Command;
use predicates::prelude::*;

fn migprof(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("migprof").unwrap();
    c.current_dir(dir).env_remove("MIGPROF_CATALOGUE");
    c
}

fn setup(rows: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("od.csv"),
        format!("country,month,origin_area,value\n{rows}"),
    )
    .unwrap();
    std::fs::write(
        d.path().join("od.toml"),
        r#"provider = "flowkit_flowminder"
dataset = "Monthly home-location changes between districts"
layout = "long"
country = "country"
country_is = "code"
period = "month"
value = "value"
indicator = "cdr_od_flows"
disaggregation = { area = "origin_area" }
"#,
    )
    .unwrap();
    migprof(d.path())
        .args(["new", "--country", "KEN", "--out", "p.toml"])
        .assert()
        .success();
    d
}

#[test]
fn small_mobility_counts_are_refused_and_the_profile_is_untouched() {
    let d = setup("KEN,2024-01,Nairobi,120\nKEN,2024-01,Kisumu,9\n");
    let before = std::fs::read_to_string(d.path().join("p.toml")).unwrap();
    migprof(d.path())
        .args([
            "import",
            "od.csv",
            "--format",
            "generic",
            "--mapping",
            "od.toml",
            "--profile",
            "p.toml",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("od.csv"))
        .stderr(predicate::str::contains("15"));
    let after = std::fs::read_to_string(d.path().join("p.toml")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn mobility_counts_at_or_above_the_threshold_are_accepted() {
    let d = setup("KEN,2024-01,Nairobi,120\nKEN,2024-01,Kisumu,15\n");
    migprof(d.path())
        .args([
            "import",
            "od.csv",
            "--format",
            "generic",
            "--mapping",
            "od.toml",
            "--profile",
            "p.toml",
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(d.path().join("p.toml")).unwrap();
    assert!(text.contains("cdr_od_flows"), "{text}");
}
