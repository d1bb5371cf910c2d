//! Editions and review: `migprof diff` between the Mexico example and a copy with exactly one
//! revised, one new and one removed value reports exactly those; the working group's review
//! status gives the DRAFT mark and `check --strict` refuses unvalidated sections.

use assert_cmd::Command;
use migprof::profile::Profile;
use migprof::system::editions::diff;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example() -> (String, Profile) {
    let text = std::fs::read_to_string(root().join("profiles/mex.toml")).expect("example");
    let p = Profile::from_toml(&text, "mex.toml").expect("loads");
    (text, p)
}

#[test]
fn diff_reports_exactly_one_revised_one_new_and_one_removed_value() {
    let (_, old) = example();
    let mut new = old.clone();
    // The first value (WDI net migration, the file's first year) revised; the second removed;
    // a copy of the third with a year no source had (1901) added.
    let revised_key = new.observations[0].key();
    let was = new.observations[0].value;
    new.observations[0].value = was + 1000.0;
    new.observations[0].revision = Some("WDI 2025".into());
    let removed = new.observations.remove(1);
    let mut added = new.observations[1].clone();
    added.period = "1901".into();
    new.observations.push(added.clone());

    let d = diff(&old, &new);
    assert_eq!(d.revised.len(), 1, "{:#?}", d.revised);
    assert_eq!(d.revised[0].key, revised_key.to_string());
    assert_eq!((d.revised[0].old, d.revised[0].new), (was, was + 1000.0));
    assert_eq!(d.revised[0].new_revision.as_deref(), Some("WDI 2025"));
    assert_eq!(d.revised[0].provider, "world_bank_wdi");
    assert_eq!(d.added, vec![format!("{} (world_bank_wdi)", added.key())]);
    assert_eq!(d.new_periods, vec![format!("{} 1901", added.indicator)]);
    assert_eq!(
        d.removed,
        vec![format!("{} (world_bank_wdi)", removed.key())]
    );
    assert!(d.sources_added.is_empty() && d.sources_dropped.is_empty());
    assert!(d.actions.is_empty());
    assert!(diff(&old, &old).is_empty());

    // The same through the CLI (exit 1: the editions differ).
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    std::fs::write(&a, old.to_toml().expect("toml")).expect("write");
    std::fs::write(&b, new.to_toml().expect("toml")).expect("write");
    let out = Command::cargo_bin("migprof")
        .expect("bin")
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("## Revised values (1)"), "{text}");
    assert!(
        text.contains("## New values (1)") && text.contains("## Removed values (1)"),
        "{text}"
    );
    // The WDI file carries the WPP 2022 revision (the value its net migration comes from).
    assert!(text.contains("revision WPP 2022 -> WDI 2025"), "{text}");
}

#[test]
fn action_progress_carries_over() {
    let (_, mut old) = example();
    old.actions.push(migprof::profile::ActionItem {
        indicator: "mig_workers".into(),
        action: "Add a country-of-birth question to the ENOE.".into(),
        instrument: Some("enoe".into()),
        agency: Some("inegi".into()),
        ..Default::default()
    });
    let mut new = old.clone();
    new.actions[0].status = Some(migprof::system::model::ActionStatus::UnderWay);
    let d = diff(&old, &new);
    assert_eq!(d.actions.len(), 1);
    assert_eq!(d.actions[0].old.as_deref(), Some("planned"));
    assert_eq!(d.actions[0].new.as_deref(), Some("under way"));
}

#[test]
fn review_status_marks_draft_and_strict_check_fails() {
    let (text, p) = example();
    let tpl = migprof::template::Template::iom().expect("template");
    // No review recorded: no mark (not yet in the working group's process)...
    assert_eq!(migprof::system::review::draft_banner(&p, &tpl), None);
    let selected: Vec<String> = tpl
        .sections()
        .filter(|s| tpl.is_selected(s, &p.modules))
        .map(|s| s.id.clone())
        .collect();
    // ... every selected section validated but A.2 (submitted).
    let mut review = String::new();
    for id in &selected {
        let status = if id == "A.2" {
            "submitted"
        } else {
            "validated"
        };
        review.push_str(&format!(
            "\n[review.\"{id}\"]\nstatus = \"{status}\"\nby = \"Technical working group\"\ndate = \"2025-01-15\"\n"
        ));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mex.toml");
    std::fs::write(&path, format!("{text}{review}")).expect("write");
    let under_review =
        Profile::from_toml(&std::fs::read_to_string(&path).expect("read"), "").expect("loads");
    let banner = migprof::system::review::draft_banner(&under_review, &tpl).expect("banner");
    assert!(
        banner.starts_with("DRAFT: 1 of the selected sections"),
        "{banner}"
    );
    assert!(banner.contains("A.2 submitted"), "{banner}");
    let bin = || Command::cargo_bin("migprof").expect("bin");
    bin().arg("check").arg(&path).assert().success();
    bin()
        .arg("check")
        .arg("--strict")
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "error: section A.2 is not validated (status submitted by Technical working group on 2025-01-15)",
        ));
    let out = dir.path().join("out");
    bin()
        .arg("build")
        .arg(&path)
        .args(["--format", "md", "--out"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("mex/report.md")).expect("report");
    assert!(
        md.contains("DRAFT: 1 of the selected sections"),
        "no DRAFT mark"
    );
    // All validated: no mark, strict passes.
    std::fs::write(
        &path,
        format!("{text}{}", review.replace("\"submitted\"", "\"validated\"")),
    )
    .expect("write");
    bin()
        .arg("check")
        .arg("--strict")
        .arg(&path)
        .assert()
        .success();
    bin()
        .arg("build")
        .arg(&path)
        .args(["--format", "md", "--out"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("mex/report.md")).expect("report");
    assert!(
        !md.contains("DRAFT:"),
        "a DRAFT mark on a validated profile"
    );
    // A review of a section the template does not have is an error naming it.
    std::fs::write(
        &path,
        format!("{text}\n[review.\"Z.9\"]\nstatus = \"draft\"\n"),
    )
    .expect("write");
    bin()
        .arg("check")
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "review.Z.9: the template has no section `Z.9`",
        ));
}

#[test]
fn assess_cli_csv_neutralises_cells_and_example_report_shows_the_annex() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (text, _) = example();
    let path = dir.path().join("mex.toml");
    // An instrument name a spreadsheet would run as a formula.
    std::fs::write(
        &path,
        text.replace(
            "name = \"Balance of payments: remittances\"",
            "name = \"=HYPERLINK(1)\"",
        ),
    )
    .expect("write");
    let out = Command::cargo_bin("migprof")
        .expect("bin")
        .args(["assess", "--format", "csv"])
        .arg(&path)
        .assert()
        .success();
    let csv = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(csv.starts_with("instrument,instrument_name,agency,topic,coverage,expected,gap\n"));
    assert!(csv.contains("bop_remesas,'=HYPERLINK(1),banxico,"), "{csv}");
    assert!(
        csv.contains(
            "enoe,Encuesta Nacional de Ocupación y Empleo (ENOE),inegi,country_of_birth,not,true,"
        ),
        "{csv}"
    );
    // The example's report: the assessment annex, labelled illustrative, and an action plan
    // whose drafted entries name instruments and agencies.
    let out_dir = dir.path().join("out");
    Command::cargo_bin("migprof")
        .expect("bin")
        .arg("build")
        .arg(root().join("profiles/mex.toml"))
        .args(["--format", "md", "--out"])
        .arg(&out_dir)
        .assert()
        .success();
    let md = std::fs::read_to_string(out_dir.join("mex/report.md")).expect("report");
    assert!(md.contains("The national migration data system and its assessment"));
    assert!(md.contains("ILLUSTRATIVE: the agencies and instruments in this annex are an example"));
    assert!(md.contains("Assessment: recommended migration topics collected by each instrument"));
    assert!(
        md.contains("| Encuesta Nacional de Ocupación y Empleo (ENOE) | not | not |"),
        "matrix row"
    );
    // The data-system actions with agency, partners and status.
    assert!(
        md.contains("Data-system actions (drafted from the instrument-level gaps, to be reviewed)")
    );
    assert!(md.contains(
        "| Residence cards (tarjetas de residencia temporal y permanente) | Unidad de Política Migratoria, Registro e Identidad de Personas (SEGOB) | Instituto Nacional de Estadística y Geografía (INEGI) | 24 months |"
    ));
    assert!(md.contains(
        "Add (or complete) questions on country of birth, country of citizenship, country or place of previous usual residence and labour-force status with migratory status in the Encuesta Nacional de Ocupación y Empleo (ENOE) (Instituto Nacional de Estadística y Geografía (INEGI)) at its next round"
    ));
}

/// The Mexico example as its own previous edition with one value revised and one source's
/// values removed: the report's annex "Changes since the previous edition" lists the revision
/// with both figures and counts what changed; `check` and `build` refuse a previous edition
/// that cannot be read, naming `meta.previous_edition` and its line.
#[test]
fn the_report_shows_changes_since_the_previous_edition() {
    let (text, p) = example();
    let dir = tempfile::tempdir().expect("tempdir");
    // The previous edition: the first positive total 1.1 times smaller.
    let mut old = p.clone();
    let i = old
        .observations
        .iter()
        .position(|o| o.disaggregation.is_empty() && o.value > 0.0)
        .expect("a positive total");
    let (ind, period, was) = (
        old.observations[i].indicator.clone(),
        old.observations[i].period.clone(),
        old.observations[i].value,
    );
    old.observations[i].value = was / 1.1;
    old.meta.edition = Some("First edition".into());
    std::fs::create_dir(dir.path().join("2019")).expect("mkdir");
    std::fs::write(
        dir.path().join("2019/mex.toml"),
        old.to_toml().expect("toml"),
    )
    .expect("write");
    let path = dir.path().join("mex.toml");
    let with_previous = text.replacen(
        "[meta]\n",
        "[meta]\nprevious_edition = \"2019/mex.toml\"\n",
        1,
    );
    assert_ne!(with_previous, text, "the example has a [meta] table");
    std::fs::write(&path, &with_previous).expect("write");
    let bin = || Command::cargo_bin("migprof").expect("bin");
    bin().arg("check").arg(&path).assert().success();
    let out = dir.path().join("out");
    bin()
        .arg("build")
        .arg(&path)
        .args(["--format", "md", "--out"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("mex/report.md")).expect("report");
    let at = md
        .find("Changes since the previous edition")
        .expect("the changes annex");
    let annex = &md[at..];
    assert!(annex.contains("(First edition)"), "{annex}");
    let name = migprof::catalogue::Catalogue::embedded()
        .expect("catalogue")
        .indicator(&ind)
        .expect("indicator")
        .name
        .clone();
    let row = annex
        .lines()
        .find(|l| l.contains("Revised values") && l.contains('|'))
        .expect("summary row");
    assert!(
        row.contains("| 1 |") || row.trim_end().ends_with("| 1 |"),
        "{row}"
    );
    let rev = annex
        .lines()
        .find(|l| l.starts_with(&format!("| {name} | {period} |")))
        .unwrap_or_else(|| panic!("no revision row for {name} {period}:\n{annex}"));
    // +10 %: the previous edition had the value divided by 1.1.
    assert!(rev.contains("+10 %"), "{rev}");
    assert!(
        annex.contains("Source: this profile and its previous edition"),
        "{annex}"
    );
    // Without a previous edition there is no such annex.
    std::fs::write(&path, &text).expect("write");
    bin()
        .arg("build")
        .arg(&path)
        .args(["--format", "md", "--out"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("mex/report.md")).expect("report");
    assert!(!md.contains("Changes since the previous edition"));
    // A previous edition that is not there: check names the field and its line; build refuses.
    std::fs::write(
        &path,
        with_previous.replace("2019/mex.toml", "2015/mex.toml"),
    )
    .expect("write");
    let line = with_previous
        .lines()
        .position(|l| l.starts_with("previous_edition"))
        .expect("line")
        + 1;
    bin()
        .arg("check")
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicates::str::contains(format!(
            "mex.toml:{line}:20: error: meta.previous_edition = \"2015/mex.toml\": "
        )));
    bin()
        .arg("build")
        .arg(&path)
        .args(["--format", "md", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicates::str::contains("meta.previous_edition"));
}
