//! Many profiles per command (`import FILE --profile P...`, `refresh P...`, `new --country
//! A,B,C`, `new --all-with-data`) against the real provider files in ../shared/data, read in
//! place (or copied into a temporary directory when the test changes them).

use assert_cmd::Command;
use migprof::testdata::shared_data;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const WB: &str = "worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv";
const UNHCR: &str = "unhcr/population.csv";
const COUNTRIES: [&str; 3] = ["deu", "mex", "tur"];

fn migprof(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("migprof").unwrap();
    c.current_dir(dir).env_remove("MIGPROF_CATALOGUE");
    c
}

fn new_profiles(dir: &Path, sub: &str) -> Vec<PathBuf> {
    migprof(dir)
        .args([
            "new",
            "--country",
            "DEU,MEX,TUR",
            "--year",
            "2023",
            "--out",
            sub,
        ])
        .assert()
        .success();
    COUNTRIES
        .iter()
        .map(|c| dir.join(sub).join(format!("{c}.toml")))
        .collect()
}

/// The total value of an indicator for a period from a source whose id starts with `source`.
fn value_of(text: &str, indicator: &str, period: &str, source: &str) -> Option<f64> {
    let p = migprof::profile::Profile::from_toml(text, "profile").unwrap();
    p.observations
        .iter()
        .find(|o| {
            o.indicator == indicator
                && o.period == period
                && o.is_total()
                && o.source.starts_with(source)
        })
        .map(|o| o.value)
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

/// Fill `batch/` with one multi-profile import per file and `single/` one profile at a time.
fn fill_both(dir: &Path, files: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let batch = new_profiles(dir, "batch");
    let single = new_profiles(dir, "single");
    for f in files {
        migprof(dir)
            .arg("import")
            .arg(f)
            .arg("--profile")
            .args(&batch)
            .assert()
            .success()
            .stdout(predicate::str::contains("added"));
        for p in &single {
            migprof(dir)
                .arg("import")
                .arg(f)
                .arg("--profile")
                .arg(p)
                .assert()
                .success();
        }
    }
    (batch, single)
}

#[test]
fn multi_profile_import_equals_one_at_a_time() {
    let (Some(wb), Some(unhcr)) = (shared_data(WB), shared_data(UNHCR)) else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let (batch, single) = fill_both(d.path(), &[wb, unhcr]);
    for (b, s) in batch.iter().zip(&single) {
        let (bb, ss) = (read(b), read(s));
        assert_eq!(bb, ss, "{} differs from {}", b.display(), s.display());
        let text = String::from_utf8(bb).unwrap();
        // Both sources entered each profile.
        assert_eq!(text.matches("[[source]]").count(), 2, "{}", b.display());
    }
    // Germany's 2021 net migration in the World Bank file (row "Germany","DEU", column "2021")
    // is 312735: stored exactly as published.
    let deu = String::from_utf8(read(&batch[0])).unwrap();
    assert!(
        value_of(&deu, "net_migration", "2021", "world_bank_wdi") == Some(312735.0),
        "DEU net migration 2021"
    );
}

/// Copy the World Bank file (and its companions) and UNHCR population.csv (with its footnotes)
/// into `dir/data`, to change them afterwards.
fn copy_data(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let wb = shared_data(WB)?;
    let unhcr = shared_data(UNHCR)?;
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap();
    let wb_dir = wb.parent().unwrap();
    for e in std::fs::read_dir(wb_dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains("SM.POP.NETM") {
            std::fs::copy(&p, data.join(&name)).unwrap();
        }
    }
    std::fs::copy(&unhcr, data.join("population.csv")).unwrap();
    if let Some(f) = shared_data("unhcr/footnotes.csv") {
        std::fs::copy(f, data.join("footnotes.csv")).unwrap();
    }
    Some((
        data.join(wb.file_name().unwrap()),
        data.join("population.csv"),
    ))
}

#[test]
fn multi_profile_refresh_equals_one_at_a_time() {
    let d = tempfile::tempdir().unwrap();
    let Some((wb, unhcr)) = copy_data(d.path()) else {
        return;
    };
    let (batch, single) = fill_both(d.path(), &[wb.clone(), unhcr]);
    // Unchanged files: nothing differs, exit 0.
    migprof(d.path())
        .arg("refresh")
        .args(&batch)
        .assert()
        .success()
        .stdout(predicate::str::contains("no change (2 sources)").count(3));
    // A new release: Germany's first year (1960, 100380 in the file) revised to 100381.
    let text = std::fs::read_to_string(&wb).unwrap();
    let old = "\"Germany\",\"DEU\",\"Net migration\",\"SM.POP.NETM\",\"100380\"";
    assert!(text.contains(old));
    std::fs::write(&wb, text.replace(old, &old.replace("100380", "100381"))).unwrap();
    migprof(d.path())
        .arg("refresh")
        .args(&batch)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "deu.toml: differs: 1 sources changed (0 added, 1 changed",
        ));
    migprof(d.path())
        .args(["refresh", "--write"])
        .args(&batch)
        .assert()
        .success();
    for p in &single {
        migprof(d.path())
            .args(["refresh", "--write"])
            .arg(p)
            .assert()
            .success();
    }
    for (b, s) in batch.iter().zip(&single) {
        assert_eq!(
            read(b),
            read(s),
            "{} differs from {}",
            b.display(),
            s.display()
        );
        let bak = |p: &Path| PathBuf::from(format!("{}.bak", p.display()));
        assert_eq!(read(&bak(b)), read(&bak(s)));
    }
    let deu = String::from_utf8(read(&batch[0])).unwrap();
    assert_eq!(
        value_of(&deu, "net_migration", "1960", "world_bank_wdi"),
        Some(100381.0)
    );
}

#[test]
fn a_failing_profile_does_not_stop_the_others() {
    let Some(wb) = shared_data(WB) else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let ps = new_profiles(d.path(), "p");
    // mex.toml is broken; a folder is not a profile either.
    std::fs::write(&ps[1], "this is = = not toml").unwrap();
    let missing = d.path().join("p/none.toml");
    migprof(d.path())
        .arg("import")
        .arg(&wb)
        .arg("--profile")
        .args(&ps)
        .arg("--profile")
        .arg(&missing)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("deu.toml: added 64 values"))
        .stdout(predicate::str::contains("tur.toml: added 64 values"))
        .stderr(predicate::str::contains("mex.toml"))
        .stderr(predicate::str::contains("none.toml"));
    for p in [&ps[0], &ps[2]] {
        let t = std::fs::read_to_string(p).unwrap();
        assert!(t.contains("world_bank_wdi"), "{}", p.display());
    }
    // Refresh goes on past the broken profile too.
    migprof(d.path())
        .arg("refresh")
        .args(&ps)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("deu.toml: no change (1 sources)"))
        .stdout(predicate::str::contains("tur.toml: no change (1 sources)"))
        .stderr(
            predicate::str::contains("migprof: error:").and(predicate::str::contains("mex.toml")),
        );
}

#[test]
fn new_creates_many_profiles() {
    let d = tempfile::tempdir().unwrap();
    let ps = new_profiles(d.path(), "many");
    for (p, name) in ps.iter().zip(["Germany", "Mexico", "Türkiye"]) {
        let t = std::fs::read_to_string(p).unwrap();
        assert!(t.contains(name), "{}", p.display());
    }
    // Existing files are not overwritten; the others are still created.
    migprof(d.path())
        .args(["new", "--country", "DEU,KEN", "--out", "many"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ken.toml"))
        .stderr(predicate::str::contains("already exists"));
    // The single-country form still takes a file.
    migprof(d.path())
        .args(["new", "--country", "JOR", "--out", "jor-2024.toml"])
        .assert()
        .success();
    assert!(d.path().join("jor-2024.toml").is_file());
    // One country into an existing folder: <iso3>.toml inside it.
    migprof(d.path())
        .args(["new", "--country", "Kenya", "--out", "."])
        .assert()
        .success();
    assert!(d.path().join("ken.toml").is_file());
}

#[test]
fn new_all_with_data_makes_one_profile_per_country_with_values() {
    let Some(wb) = shared_data(WB) else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    migprof(d.path())
        .args(["new", "--year", "2023", "--out", "all", "--all-with-data"])
        .arg(&wb)
        .assert()
        .success();
    let made: Vec<String> = std::fs::read_dir(d.path().join("all"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // Countries with net migration values (aggregates such as WLD or EUU are not countries).
    for c in ["deu.toml", "mex.toml", "tur.toml", "ken.toml"] {
        assert!(made.iter().any(|m| m == c), "{c} missing from {made:?}");
    }
    assert!(!made.iter().any(|m| m == "wld.toml" || m == "euu.toml"));
    assert!(made.len() > 150, "{} profiles", made.len());
}
