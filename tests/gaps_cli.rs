//! `migprof check` on conflicts and `migprof gaps` in md, csv and json, on the Germany fixture
//! (values copied from the real files in ../shared/data; see tests/quality.rs).

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn migprof() -> Command {
    let mut c = Command::cargo_bin("migprof").unwrap();
    c.current_dir(root())
        .env_remove("MIGPROF_CATALOGUE")
        .args(["--catalogue-dir", "tests/fixtures/quality/catalogue"]);
    c
}

const DEU: &str = "tests/fixtures/quality/deu.toml";

fn write_variant(dir: &Path, extra: &str) -> PathBuf {
    let text = std::fs::read_to_string(root().join(DEU)).unwrap();
    let path = dir.join("deu.toml");
    std::fs::write(&path, format!("{text}\n{extra}")).unwrap();
    path
}

#[test]
fn check_fails_on_a_deliberate_conflict_with_a_clear_message() {
    migprof()
        .args(["check", DEU])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "deu.toml:112:1: error: unresolved conflict (above the tolerance of 5.0 %): sources disagree on net_migration 2015-2020: \
             World Bank, World Development Indicators (wb_netm) = 2013888 vs UN DESA, World Population Prospects (wpp2019) = 2719112; difference 26 %. \
             Likely reason: The reference periods differ",
        ))
        .stderr(predicate::str::contains("[preferred.net_migration]"))
        .stderr(predicate::str::contains("source = \"wb_netm\""))
        .stderr(predicate::str::contains("justification = "))
        .stderr(predicate::str::contains(
            "sources disagree on asylum_applications 2015",
        ))
        .stdout(predicate::str::contains("ok").not());
}

#[test]
fn check_passes_once_preferences_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let one = write_variant(
        dir.path(),
        "[preferred.net_migration]\nsource = \"wpp2019\"\njustification = \"WPP is the UN reference for net migration\"\n",
    );
    // One conflict left: still failing, naming only the other indicator.
    migprof()
        .arg("check")
        .arg(&one)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("asylum_applications 2015"))
        .stderr(predicate::str::contains("net_migration 2015-2020").not());
    let both = write_variant(
        dir.path(),
        "[preferred.net_migration]\nsource = \"wpp2019\"\njustification = \"WPP is the UN reference\"\n\n\
         [preferred.asylum_applications]\nsource = \"unhcr_apps\"\njustification = \"all applications, not only first-time\"\n",
    );
    migprof()
        .arg("check")
        .arg(&both)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ok (0 warnings)"));
}

#[test]
fn check_passes_when_the_tolerance_covers_the_differences() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_variant(dir.path(), "[reconcile]\ntolerance = 0.3\n");
    migprof().arg("check").arg(&p).assert().code(0);
}

#[test]
fn gaps_markdown_lists_ranked_gaps_and_the_drafted_plan() {
    let out = migprof()
        .args(["gaps", DEU])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(md.starts_with(
        "# Data gaps and action plan: Migration Profile: Germany (reference year 2020)\n"
    ));
    assert!(md.contains("## Data gaps (8)"), "{md}");
    assert!(md.contains(
        "| 1 | International migrant stock (`imm_stock`) | A.2 | no value | no value in the profile | Government: National statistics office; International organisations: UN DESA, International Migrant Stock |"
    ), "{md}");
    assert!(
        md.contains("## Data action plan (drafted by migprof"),
        "{md}"
    );
    assert!(md.contains("| central bank | low | 6 months |"), "{md}");
    // Deterministic.
    let again = migprof()
        .args(["gaps", DEU])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert_eq!(md.as_bytes(), again.as_slice());
}

#[test]
fn gaps_csv_reads_back() {
    let out = migprof()
        .args(["gaps", DEU, "--format", "csv"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let mut rd = csv::Reader::from_reader(out.as_slice());
    assert_eq!(
        rd.headers().unwrap().iter().collect::<Vec<_>>(),
        vec![
            "table",
            "rank",
            "indicator",
            "section",
            "kind",
            "detail",
            "action",
            "responsible",
            "priority",
            "timeframe",
            "providers",
            "generated"
        ]
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    let gaps: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "gap").collect();
    let actions: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "action").collect();
    assert_eq!((gaps.len(), actions.len()), (8, 8));
    assert_eq!(
        (&gaps[0][1], &gaps[0][2], &gaps[0][4], &gaps[0][10]),
        ("1", "imm_stock", "missing", "nso undesa_ims")
    );
    assert_eq!(&gaps[4][4], "low_quality");
    assert_eq!((&actions[0][8], &actions[0][11]), ("high", "true"));
}

#[test]
fn gaps_json_reads_back_and_prefers_the_profile_actions() {
    let out = migprof()
        .args(["gaps", DEU, "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["country"], "DEU");
    assert_eq!(v["actions_from"], "drafted");
    let gaps = v["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 8);
    assert_eq!(gaps[0]["indicator"], "imm_stock");
    assert_eq!(gaps[6]["kind"], "stale");
    assert_eq!(v["actions"][1]["indicator"], "migrant_deaths");

    // A profile with adopted (edited) actions prints those instead.
    let dir = tempfile::tempdir().unwrap();
    let p = write_variant(
        dir.path(),
        "[[action]]\nindicator = \"imm_stock\"\naction = \"Tabulate the 2022 census by country of birth\"\n\
         responsible = \"national statistics office\"\npriority = \"high\"\ntimeframe = \"18 months\"\n",
    );
    let out = migprof()
        .args(["gaps", "--format", "json"])
        .arg(&p)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["actions_from"], "profile");
    assert_eq!(v["actions"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["actions"][0]["action"],
        "Tabulate the 2022 census by country of birth"
    );
    migprof()
        .arg("gaps")
        .arg(&p)
        .assert()
        .stdout(predicate::str::contains(
            "## Data action plan (as recorded in the profile)",
        ));
}

#[test]
fn gaps_usage_and_file_errors() {
    migprof()
        .args(["gaps", DEU, "--format", "xml"])
        .assert()
        .code(2);
    migprof()
        .args(["gaps", "tests/fixtures/quality/nope.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nope.toml"));
}

/// The same values against the built-in catalogue, registry and IOM template.
#[test]
fn builtin_catalogue_example_fails_check_and_prints_a_plan() {
    let mut c = Command::cargo_bin("migprof").unwrap();
    c.current_dir(root())
        .env_remove("MIGPROF_CATALOGUE")
        .args(["check", "tests/fixtures/quality/deu_iom.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "sources disagree on net_migration 2015-2020",
        ))
        .stderr(predicate::str::contains("[preferred.net_migration]"));
    let mut c = Command::cargo_bin("migprof").unwrap();
    let out = c
        .current_dir(root())
        .env_remove("MIGPROF_CATALOGUE")
        .args([
            "gaps",
            "tests/fixtures/quality/deu_iom.toml",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let gaps = v["gaps"].as_array().unwrap();
    assert!(gaps.len() > 20, "{}", gaps.len());
    let find = |ind: &str, kind: &str| {
        gaps.iter()
            .any(|g| g["indicator"] == ind && g["kind"] == kind)
    };
    assert!(find("imm_stock", "missing"));
    assert!(find("refugees_hosted", "no_disaggregation"));
    assert!(find("remit_in", "stale"));
    assert!(find("net_migration", "low_quality"));
    // Ranks are 1..n in order, and every gap has an action.
    for (i, g) in gaps.iter().enumerate() {
        assert_eq!(g["rank"], i + 1);
    }
    assert_eq!(v["actions"].as_array().unwrap().len(), gaps.len());
}

#[test]
fn check_reports_one_entry_per_conflicting_indicator() {
    // Three more years where the World Bank and a second source disagree.
    let dir = tempfile::tempdir().unwrap();
    let mut extra = String::new();
    for (year, v) in [(2012, 391884.0), (2013, 455473.0), (2014, 581537.0)] {
        extra.push_str(&format!(
            "[[observation]]\nindicator = \"net_migration\"\nperiod = \"{year}\"\nvalue = {v:.1}\nsource = \"wpp2019\"\n\n\
             [[observation]]\nindicator = \"net_migration\"\nperiod = \"{year}\"\nvalue = 300000.0\nsource = \"wb_netm\"\n\n"
        ));
    }
    let p = write_variant(dir.path(), &extra);
    let out = migprof()
        .arg("check")
        .arg(&p)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(
        err.matches("error: unresolved conflict").count(),
        2,
        "{err}"
    );
    assert_eq!(err.matches("[preferred.net_migration]").count(), 1, "{err}");
    assert!(
        err.contains("3 other value(s) of `net_migration` also differ above the tolerance; the largest difference is 48 % (net_migration 2014)"),
        "{err}"
    );
}

/// A profile in Spanish gets its gaps and drafted plan in Spanish (what the TUI would adopt into
/// it is the same text): fixed words, indicator names, gap details, actions, priorities,
/// timeframes and provider families; the JSON keeps the stored ids of priorities.
#[test]
fn gaps_follow_the_profile_language() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("profiles/mex.toml")).unwrap();
    assert!(text.contains("language = \"en\""));
    let path = dir.path().join("mex.toml");
    std::fs::write(
        &path,
        text.replacen("language = \"en\"", "language = \"es\"", 1),
    )
    .unwrap();
    let out = Command::cargo_bin("migprof")
        .unwrap()
        .current_dir(root())
        .env_remove("MIGPROF_CATALOGUE")
        .arg("gaps")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Lagunas de datos y plan de acción: Perfil migratorio: México"));
    for spanish in [
        "| PIB per cápita (`gdp_pc`) |",
        "ningún valor en el perfil",
        "Organizaciones internacionales: World Bank",
        "Subsanar la falta de datos: ",
        "| alta | 3 meses |",
        "Preguntar a Instituto Nacional de Estadística y Geografía (INEGI) si el instrumento",
    ] {
        assert!(
            md.contains(spanish),
            "{spanish:?} missing:\n{}",
            &md[..2000]
        );
    }
    for english in [
        "Data gaps",
        "no value in the profile",
        "Fill the missing",
        "| high |",
        "Ask ",
    ] {
        assert!(!md.contains(english), "English {english:?} left");
    }
    let json = Command::cargo_bin("migprof")
        .unwrap()
        .current_dir(root())
        .env_remove("MIGPROF_CATALOGUE")
        .args(["gaps", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json = String::from_utf8(json.stdout).unwrap();
    assert!(
        json.contains("\"priority\": \"high\""),
        "stored ids in JSON"
    );
    assert!(json.contains("Subsanar la falta de datos"));
}
