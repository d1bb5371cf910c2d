//! `migprof check` on a table of bad profiles: each fixture in tests/fixtures/bad/ starts with
//! `# expect: LINE:COL: severity: message` lines, and check must print exactly those problems
//! (prefixed with the file path), in order, and exit 1.

use assert_cmd::Command;
use std::path::Path;

fn expectations(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_bad_profile_reports_exact_problems_and_locations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "the table needs at least 20 bad profiles"
    );
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let expected = expectations(&text);
        assert!(
            !expected.is_empty(),
            "{} has no # expect: lines",
            f.display()
        );
        let out = Command::cargo_bin("migprof")
            .unwrap()
            .arg("check")
            .arg(f)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let prefix = format!("{}:", f.display());
        let got: Vec<String> = stderr
            .lines()
            .map(|l| l.strip_prefix(&prefix).unwrap_or(l).to_string())
            .collect();
        if got != expected || out.status.code() != Some(1) {
            failures.push(format!(
                "{}\n  exit: {:?}\n  expected: {:#?}\n  got: {:#?}",
                f.display(),
                out.status.code(),
                expected,
                got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn check_accepts_a_new_profile() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("deu.toml");
    Command::cargo_bin("migprof")
        .unwrap()
        .args(["new", "--country", "DEU", "--year", "2024", "--out"])
        .arg(&p)
        .assert()
        .success();
    Command::cargo_bin("migprof")
        .unwrap()
        .arg("check")
        .arg(&p)
        .assert()
        .success()
        .stdout(predicates::str::contains("ok"));
}

#[test]
fn check_reports_a_missing_file_and_exits_1() {
    Command::cargo_bin("migprof")
        .unwrap()
        .args(["check", "/nonexistent/profile.toml"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "/nonexistent/profile.toml: error:",
        ));
}

#[test]
fn new_refuses_unknown_country_with_hint() {
    Command::cargo_bin("migprof")
        .unwrap()
        .args([
            "new",
            "--country",
            "DEX",
            "--out",
            "/tmp/never-written.toml",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("unknown country `DEX`"));
}

#[test]
fn places_read_with_the_profile_place_problems_as_a_fresh_parse_does() {
    // `build` places check's problems with the places read when the profile was loaded; they
    // must be the very ones `check` finds by parsing the text again. Every bad profile that
    // loads, v1 and v2 (26-30 have problems in `[[series]]` values).
    use migprof::validate::Locator;
    let cat = migprof::catalogue::Catalogue::embedded().unwrap();
    let countries = migprof::country::Countries::embedded().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut compared = 0;
    let mut with_places = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let f = e.unwrap().path();
        if f.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let Ok((profile, places)) = migprof::profile::Profile::from_toml_placed(&text, "t") else {
            continue;
        };
        with_places += usize::from(places.is_some());
        let fresh = migprof::check::check_profile(&cat, &countries, &profile, &text, &f);
        let placed = migprof::check::check_profile_at(
            &cat,
            &countries,
            &profile,
            &Locator::with_places(&text, places),
            &f,
        );
        assert_eq!(fresh, placed, "{}", f.display());
        assert!(
            !fresh.errors.is_empty() || !fresh.warnings.is_empty(),
            "{}",
            f.display()
        );
        compared += 1;
    }
    assert!(
        compared >= 20 && with_places >= 3,
        "{compared} compared, {with_places} with places"
    );
}
