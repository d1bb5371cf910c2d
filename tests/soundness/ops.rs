//! One way to change a profile (issue 9 items 1 and 8): every path that adds values (`import
//! --profile`, `refresh --write`, the TUI) applies the same rules of entry through `migprof::ops`;
//! saving after any of them gives a file that `check` accepts; `build` refuses what `check`
//! rejects.

use assert_cmd::Command;
use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format, Outcome, Record};
use migprof::model::{Observation, Period, Status};
use migprof::ops::{self, FileImport, LeftOutReason, OpError};
use migprof::profile::{Profile, ProfileFile};
use migprof::testdata::shared_data;
use std::path::{Path, PathBuf};

fn env() -> (Catalogue, Countries) {
    (
        Catalogue::embedded().expect("catalogue"),
        Countries::embedded().expect("countries"),
    )
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn migprof(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("migprof").expect("binary");
    c.current_dir(dir).env_remove("MIGPROF_CATALOGUE");
    c
}

fn check_ok(dir: &Path, profile: &Path) {
    let out = migprof(dir)
        .arg("check")
        .arg(profile)
        .output()
        .expect("check runs");
    assert!(
        out.status.success(),
        "check rejects {}:\n{}",
        profile.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The latest year any observation of a profile file touches.
fn last_year(path: &Path) -> i32 {
    let p = ProfileFile::load(path).expect("load").profile;
    p.observations
        .iter()
        .filter_map(|o| Period::parse(&o.period))
        .map(|p| p.end_year())
        .max()
        .unwrap_or(0)
}

/// WPP 2019 holds periods to 2095-2100 (medium-variant projections). After an import by any of
/// the three paths no period after the profile's reference year is in the profile.
#[test]
fn no_period_after_the_reference_year_enters_by_any_path() {
    let Some(wpp) = shared_data("undesa/WPP2019_Period_Indicators_Medium.csv") else {
        return;
    };
    let d = tempfile::tempdir().expect("tmp");
    // 1. `import --profile`.
    migprof(d.path())
        .args([
            "new",
            "--country",
            "TUR",
            "--year",
            "2024",
            "--out",
            "cli.toml",
        ])
        .assert()
        .success();
    migprof(d.path())
        .arg("import")
        .arg(&wpp)
        .args(["--profile", "cli.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("after the reference year"));
    let cli = d.path().join("cli.toml");
    assert!(last_year(&cli) <= 2024, "{}", last_year(&cli));
    assert!(last_year(&cli) >= 2015, "estimates are kept");
    check_ok(d.path(), &cli);

    // 2. `refresh --write` of a profile whose WPP values were cut to 1950-1990: the refresh
    // re-imports the file and must apply the same window.
    let mut pf = ProfileFile::load(&cli).expect("load");
    pf.profile
        .observations
        .retain(|o| Period::parse(&o.period).is_some_and(|p| p.end_year() <= 1990));
    pf.save().expect("save");
    migprof(d.path())
        .args(["refresh", "--write", "cli.toml"])
        .assert()
        .success();
    assert!(last_year(&cli) <= 2024, "{}", last_year(&cli));
    assert!(last_year(&cli) >= 2015);
    check_ok(d.path(), &cli);
    assert!(
        d.path().join("cli.toml.bak").is_file(),
        "refresh --write keeps a backup"
    );

    // 3. The TUI: preview (the effect) then import (the update), as a user does.
    use migprof::tui::action::{Action, Effect};
    use migprof::tui::app::{App, Options};
    let (catalogue, countries) = env();
    let template = migprof::template::Template::iom().expect("template");
    let mut app = App::new(
        catalogue,
        countries,
        template,
        Options {
            no_color: true,
            ascii: true,
        },
        "2026-12-01",
    );
    app.profiles_dir = d.path().to_path_buf();
    app.out_root = d.path().join("out");
    let p = Profile::new("TUR", "Türkiye", 2024, vec![]);
    let file = ProfileFile::create(&d.path().join("tui.toml"), p);
    migprof::tui::update::update(
        &mut app,
        Action::Opened(Ok(Box::new(migprof::tui::action::Opened {
            file,
            recovery: None,
        }))),
    );
    let previewed =
        migprof::tui::effect::run(&app, Effect::Preview(wpp.clone())).expect("an action");
    migprof::tui::update::update(&mut app, previewed);
    migprof::tui::update::update(&mut app, Action::Yes);
    let prof = app.profile().expect("profile");
    assert!(!prof.observations.is_empty(), "{:?}", app.status);
    let last = prof
        .observations
        .iter()
        .filter_map(|o| Period::parse(&o.period))
        .map(|p| p.end_year())
        .max()
        .unwrap_or(0);
    assert!(last <= 2024, "the TUI let {last} in");
}

fn record(country: &str, ind: &str, period: &str, v: f64) -> Record {
    Record {
        country: country.into(),
        observation: Observation::new(ind, period, v, ""),
    }
}

#[test]
fn admit_applies_every_rule_once() {
    let (catalogue, _) = env();
    let p = Profile::new("DEU", "Germany", 2024, vec![]);
    let mut proj = record("DEU", "net_migration", "2023", 5.0);
    proj.observation.status = Some(Status::Projection);
    let records = vec![
        record("DEU", "net_migration", "2020", 1.0),
        record("DEU", "net_migration", "2020", 1.0), // identical: counted once
        record("FRA", "net_migration", "2020", 9.0), // another country
        record("DEU", "net_migration", "1890", 2.0), // before 1900
        record("DEU", "net_migration", "2025", 3.0), // after the reference year
        record("DEU", "net_migration", "2095-2100", 4.0),
        record("DEU", "net_migration", "20x0", 4.0),
        proj,
    ];
    let a = ops::admit(&p, &catalogue, &records, "f.csv", "world_bank_wdi").expect("admit");
    assert_eq!(a.observations.len(), 2);
    assert_eq!(
        a.projections, 1,
        "a projection inside the window is kept, marked"
    );
    let count = |r: LeftOutReason| {
        a.left_out
            .iter()
            .find(|l| l.reason == r)
            .map_or(0, |l| l.count)
    };
    assert_eq!(count(LeftOutReason::DuplicateRow), 1);
    assert_eq!(count(LeftOutReason::OtherCountry), 1);
    assert_eq!(count(LeftOutReason::BeforeWindow), 1);
    assert_eq!(count(LeftOutReason::AfterReferenceYear), 2);
    assert_eq!(count(LeftOutReason::BadPeriod), 1);
    // Two rows with one key and two values: an error naming both values.
    let bad = vec![
        record("DEU", "net_migration", "2020", 1.0),
        record("DEU", "net_migration", "2020", 2.0),
    ];
    let e = ops::admit(&p, &catalogue, &bad, "f.csv", "world_bank_wdi").unwrap_err();
    assert!(
        matches!(&e, OpError::ConflictingRows { a, b, .. } if a == "1" && b == "2"),
        "{e}"
    );
}

fn outcome_of(path: &Path, country: &str) -> Outcome {
    let (catalogue, countries) = env();
    let ctx = Context {
        catalogue: &catalogue,
        countries: &countries,
        country: Some(country),
        include_aggregates: false,
        mapping: None,
    };
    ingest::import(path, None, &ctx).expect("import")
}

/// The TUI once added values a provider already gave (the CLI refused them); both now refuse,
/// through `ops::add_source`.
#[test]
fn the_same_values_from_the_same_provider_are_refused() {
    let Some(netm) = shared_data("worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv") else {
        return;
    };
    let (catalogue, countries) = env();
    let ctx = Context {
        catalogue: &catalogue,
        countries: &countries,
        country: Some("DEU"),
        include_aggregates: false,
        mapping: None,
    };
    let out = outcome_of(&netm, "DEU");
    let mut p = Profile::new("DEU", "Germany", 2024, vec![]);
    let imp = FileImport {
        stored: "a.csv".into(),
        sha256: "a".repeat(64),
        outcome: &out,
    };
    let added = ops::add_source(&mut p, &ctx, &imp, "2026-12-01").expect("first import");
    let ops::Added::Source { id, values, .. } = added else {
        panic!("a source")
    };
    assert_eq!(id, "world_bank_wdi_development_indicators");
    assert!(values > 50);
    // The same file: refused by its sha256.
    let e = ops::add_source(&mut p, &ctx, &imp, "2026-12-01").unwrap_err();
    assert!(matches!(e, OpError::AlreadyImported { .. }), "{e}");
    // Another copy (other sha256) with the same values: refused as duplicates.
    let imp2 = FileImport {
        stored: "b.csv".into(),
        sha256: "b".repeat(64),
        outcome: &out,
    };
    let e = ops::add_source(&mut p, &ctx, &imp2, "2026-12-01").unwrap_err();
    assert!(matches!(e, OpError::Duplicates { .. }), "{e}");
    assert_eq!(p.sources.len(), 1);
}

/// `refresh --write` on every example profile leaves a file that `check` accepts, and keeps
/// the previous file as a backup.
#[test]
fn refresh_write_on_every_example_passes_check() {
    if shared_data("worldbank").is_none() {
        return;
    }
    for name in ["deu", "mex", "tur"] {
        let d = tempfile::tempdir().expect("tmp");
        // The profile sits in a folder like profiles/, so its relative paths still resolve.
        let dir = d.path().join("profiles");
        std::fs::create_dir(&dir).expect("mkdir");
        let src = root().join("profiles").join(format!("{name}.toml"));
        let text = std::fs::read_to_string(&src).expect("example");
        // Paths in the examples are relative to the repository root or the profile's folder;
        // make them absolute so the copy finds the same files.
        let abs = text
            .replace(
                "file = \"../../shared/",
                &format!("file = \"{}/../shared/", root().display()),
            )
            .replace(
                "file = \"../shared/",
                &format!("file = \"{}/../shared/", root().display()),
            );
        let p = dir.join(format!("{name}.toml"));
        std::fs::write(&p, &abs).expect("write");
        migprof(d.path())
            .arg("refresh")
            .arg("--write")
            .arg(&p)
            .assert()
            .success();
        check_ok(d.path(), &p);
        let bak = dir.join(format!("{name}.toml.bak"));
        if bak.exists() {
            assert_eq!(std::fs::read_to_string(&bak).expect("bak"), abs);
        }
    }
}

/// A source with breakdowns whose values changed (some removed, one altered): `refresh
/// --write` restores exactly the file's values, every breakdown under its own observation.
#[test]
fn refresh_write_with_breakdowns_restores_the_import() {
    let Some(pop) = shared_data("unhcr/population.csv") else {
        return;
    };
    let d = tempfile::tempdir().expect("tmp");
    migprof(d.path())
        .args([
            "new",
            "--country",
            "TUR",
            "--year",
            "2024",
            "--out",
            "p.toml",
        ])
        .assert()
        .success();
    migprof(d.path())
        .arg("import")
        .arg(&pop)
        .args(["--profile", "p.toml"])
        .assert()
        .success();
    let path = d.path().join("p.toml");
    let fresh = ProfileFile::load(&path).expect("load").profile;
    let cells = fresh.observations.iter().filter(|o| !o.is_total()).count();
    assert!(cells > 10, "partner breakdown of the latest year: {cells}");
    // Damage it: drop every other observation, alter a breakdown value and a total.
    let mut pf = ProfileFile::load(&path).expect("load");
    let mut i = 0;
    pf.profile.observations.retain(|_| {
        i += 1;
        i % 2 == 0
    });
    if let Some(o) = pf.profile.observations.iter_mut().find(|o| !o.is_total()) {
        o.value += 1.0;
    }
    if let Some(o) = pf.profile.observations.iter_mut().find(|o| o.is_total()) {
        o.value += 1.0;
    }
    pf.save().expect("save");
    migprof(d.path())
        .args(["refresh", "--write", "p.toml"])
        .assert()
        .success();
    check_ok(d.path(), &path);
    let mut after = ProfileFile::load(&path).expect("load").profile.observations;
    let mut want = fresh.observations.clone();
    let key = |o: &Observation| (o.key(), o.source.clone());
    after.sort_by_key(key);
    want.sort_by_key(key);
    assert_eq!(after, want);
}

/// `build` refuses every invalid profile of tests/fixtures/bad/ with check's messages, exit 1.
#[test]
fn build_refuses_every_invalid_profile() {
    let bad = root().join("tests/fixtures/bad");
    let mut n = 0;
    for e in std::fs::read_dir(&bad).expect("bad fixtures") {
        let path = e.expect("entry").path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        n += 1;
        let d = tempfile::tempdir().expect("tmp");
        let check = migprof(&root())
            .arg("check")
            .arg(&path)
            .output()
            .expect("check");
        assert!(!check.status.success(), "{} passes check", path.display());
        let first = String::from_utf8_lossy(&check.stderr)
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        let out = migprof(&root())
            .arg("build")
            .arg(&path)
            .arg("--out")
            .arg(d.path())
            .output()
            .expect("build");
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&first),
            "{}: build does not say what check says ({first}):\n{err}",
            path.display()
        );
        let stem = path.file_stem().expect("stem");
        assert!(
            !d.path().join(stem).join("report.html").exists(),
            "{}: a report was written",
            path.display()
        );
    }
    assert!(n >= 25, "{n} bad fixtures");
}

#[test]
fn remove_restore_and_rename_keep_the_profile_whole() {
    let (catalogue, _) = env();
    let mut p = Profile::new("DEU", "Germany", 2024, vec![]);
    ops::add_manual(
        &mut p,
        &catalogue,
        &ops::ManualValue {
            indicator: "imm_stock".into(),
            period: "2020".into(),
            value: "15,762,457".into(),
            provider: "undesa_ims".into(),
            citation: "UN DESA (2020), International Migrant Stock 2020, Table 1.".into(),
            ..Default::default()
        },
        "2026-12-01",
    )
    .expect("manual value");
    ops::add_manual(
        &mut p,
        &catalogue,
        &ops::ManualValue {
            indicator: "imm_stock".into(),
            period: "2020".into(),
            value: "16000000".into(),
            provider: "gov_nso_census".into(),
            citation: "Destatis (2021), Mikrozensus 2020.".into(),
            ..Default::default()
        },
        "2026-12-01",
    )
    .or_else(|_| {
        // The registry's national statistics office id, whichever it is.
        let gov = catalogue
            .providers
            .iter()
            .find(|x| x.family == migprof::model::Family::Government)
            .expect("a government provider")
            .id
            .clone();
        ops::add_manual(
            &mut p,
            &catalogue,
            &ops::ManualValue {
                indicator: "imm_stock".into(),
                period: "2020".into(),
                value: "16000000".into(),
                provider: gov,
                citation: "Destatis (2021), Mikrozensus 2020.".into(),
                ..Default::default()
            },
            "2026-12-01",
        )
    })
    .expect("second manual value");
    let second = p.sources[1].id.clone();
    ops::set_preference(&mut p, &catalogue, "imm_stock", &second, "Census count.")
        .expect("preference");
    let before = p.clone();
    let removed = ops::remove_source(&mut p, &second).expect("remove");
    assert_eq!(p.sources.len(), 1);
    assert!(p.observations.iter().all(|o| o.source != second));
    assert!(p.preferred.is_empty(), "the preference named the source");
    ops::restore_source(&mut p, removed);
    assert_eq!(p, before, "undo restores everything");
    ops::rename_source(&mut p, &second, "nso_census_2020").expect("rename");
    assert_eq!(p.preferred["imm_stock"].source, "nso_census_2020");
    assert!(p.observations.iter().any(|o| o.source == "nso_census_2020"));
    // The rules of entry hold for manual values too.
    let e = ops::add_manual(
        &mut p,
        &catalogue,
        &ops::ManualValue {
            indicator: "imm_stock".into(),
            period: "2030".into(),
            value: "1".into(),
            provider: "undesa_ims".into(),
            citation: "x".into(),
            ..Default::default()
        },
        "2026-12-01",
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("Period: 2030 is outside"), "{e}");
    let e =
        ops::set_preference(&mut p, &catalogue, "imm_stock", "nso_census_2020", " ").unwrap_err();
    assert!(e.to_string().starts_with("Justification:"), "{e}");
}

/// The importers' formats: the footnotes table adds no source but attaches footnotes.
#[test]
fn footnotes_table_attaches_without_a_source() {
    let (Some(pop), Some(notes)) = (
        shared_data("unhcr/population.csv"),
        shared_data("unhcr/footnotes.csv"),
    ) else {
        return;
    };
    let (catalogue, countries) = env();
    let ctx = Context {
        catalogue: &catalogue,
        countries: &countries,
        country: Some("TUR"),
        include_aggregates: false,
        mapping: None,
    };
    let mut p = Profile::new("TUR", "Türkiye", 2024, vec![]);
    let out = outcome_of(&pop, "TUR");
    ops::add_source(
        &mut p,
        &ctx,
        &FileImport {
            stored: "population.csv".into(),
            sha256: "c".repeat(64),
            outcome: &out,
        },
        "2026-12-01",
    )
    .expect("population");
    let n_sources = p.sources.len();
    let fout = outcome_of(&notes, "TUR");
    assert_eq!(fout.format, Format::UnhcrFootnotes);
    let r = ops::add_source(
        &mut p,
        &ctx,
        &FileImport {
            stored: "footnotes.csv".into(),
            sha256: "d".repeat(64),
            outcome: &fout,
        },
        "2026-12-01",
    )
    .expect("footnotes");
    assert!(matches!(r, ops::Added::Footnotes { .. }));
    assert_eq!(p.sources.len(), n_sources);
}

/// `--allow-invalid` builds a profile that `check` rejects, with the DRAFT / INVALID banner in
/// every output.
#[test]
fn allow_invalid_builds_a_marked_draft() {
    let bad = root().join("tests/fixtures/bad/01-unknown-country.toml");
    let d = tempfile::tempdir().expect("tmp");
    let out = migprof(&root())
        .arg("build")
        .arg(&bad)
        .arg("--allow-invalid")
        .arg("--out")
        .arg(d.path())
        .output()
        .expect("build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = d.path().join("01-unknown-country");
    for f in ["report.html", "report.md", "data/datapackage.json"] {
        let text = std::fs::read_to_string(dir.join(f)).expect(f);
        assert!(
            text.contains("DRAFT: INVALID PROFILE"),
            "{f} carries no banner"
        );
    }
    let svg: Vec<_> = std::fs::read_dir(dir.join("charts"))
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    for s in svg
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "svg"))
    {
        let text = std::fs::read_to_string(s).expect("svg");
        assert!(text.contains("DRAFT"), "{} carries no banner", s.display());
    }
}
