//! The compact profile layout (format version 2): version 1 files load, upgrade (on save and with
//! `migprof upgrade`) and round-trip; comments survive a version 2 save and stay with their
//! series; arbitrary observations round-trip exactly, in order; the build of an upgraded
//! profile is byte for byte the build of the original.
//! (Bad values in the layout, placed at line and column: tests/fixtures/bad/26-30, tests/check.rs.)

use assert_cmd::Command;
use migprof::model::{Observation, Status};
use migprof::profile::{Profile, ProfileError, ProfileFile, file_version};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const V1: &str = r#"# Germany profile, compiled by the NSO working group.
version = 1
modules = ["A.2", "A.6"]   # only these two modules this year

[meta]
country = "DEU"
title = "Migration Profile: Germany"
reference_year = 2024

# Sources -----------------------------------------------------------
[[source]]
id = "wb"                     # World Bank bundle
provider = "world_bank_wdi"
dataset = "World Development Indicators"
licence = "CC BY 4.0"

[[observation]]
indicator = "net_migration"
period = "2019"
value = 1000.0
source = "wb"
revision = "WPP 2022"

[[observation]]
indicator = "net_migration"
period = "2020"
value = 1234.5
source = "wb"
revision = "WPP 2022"
flags = ["e"]

[[observation]]
indicator = "net_migration"
period = "2030"
value = 99.0
source = "wb"
status = "projection"
revision = "WPP 2022"

[[observation]]
indicator = "imm_stock"
period = "2020"
value = 15762457.0
source = "wb"
footnote = "Includes refugees; \"quoted\""

[observation.disaggregation]
sex = "F"
origin = "SYR"
"#;

fn v1_profile() -> Profile {
    let mut p = Profile::new("DEU", "Germany", 2024, vec!["A.2".into(), "A.6".into()]);
    p.sources.push(migprof::model::Source {
        id: "wb".into(),
        provider: "world_bank_wdi".into(),
        dataset: "World Development Indicators".into(),
        licence: "CC BY 4.0".into(),
        ..Default::default()
    });
    for (period, value) in [("2019", 1000.0), ("2020", 1234.5), ("2030", 99.0)] {
        let mut o = Observation::new("net_migration", period, value, "wb");
        o.revision = Some("WPP 2022".into());
        p.observations.push(o);
    }
    p.observations[1].flags = vec!["e".into()];
    p.observations[2].status = Some(Status::Projection);
    let mut o = Observation::new("imm_stock", "2020", 15_762_457.0, "wb");
    o.disaggregation.insert("sex".into(), "F".into());
    o.disaggregation.insert("origin".into(), "SYR".into());
    o.footnote = Some("Includes refugees; \"quoted\"".into());
    p.observations.push(o);
    p
}

#[test]
fn a_version_1_profile_loads_upgrades_on_save_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deu.toml");
    std::fs::write(&path, V1).unwrap();
    let mut f = ProfileFile::load(&path).unwrap();
    assert_eq!(f.profile, v1_profile());
    assert_eq!(file_version(&f.original), Some(1));
    // The layout alone does not make a profile "changed".
    assert!(!f.is_dirty());
    f.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(file_version(&text), Some(2), "{text}");
    assert!(!text.contains("[[observation]]"), "{text}");
    assert_eq!(text.matches("[[series]]").count(), 3, "{text}");
    // The three net-migration values: two observed with the flag on its value, one projection
    // in a series of its own; the cell by sex and origin on one line.
    assert!(
        text.contains("values = { 2019 = 1000.0, 2020 = { value = 1234.5, flags = [\"e\"] } }"),
        "{text}"
    );
    assert!(text.contains("status = \"projection\""), "{text}");
    // A footnote (or flags) that every value of a series has is written once, for the series.
    assert!(
        text.contains(
            "footnote = \"Includes refugees; \\\"quoted\\\"\"\nby = [\"origin\", \"sex\"]\n[series.values]\nSYR.F = { 2020 = 15762457.0 }"
        ),
        "{text}"
    );
    for comment in [
        "# Germany profile, compiled by the NSO working group.",
        "# only these two modules this year",
        "# Sources ----",
        "# World Bank bundle",
    ] {
        assert!(text.contains(comment), "lost {comment:?} in:\n{text}");
    }
    let back = ProfileFile::load(&path).unwrap();
    assert_eq!(back.profile, v1_profile());
    // A second save without changes writes the same bytes; the fresh layout reads back too.
    let mut again = back.clone();
    again.save().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let fresh = back.profile.to_toml().unwrap();
    assert_eq!(Profile::from_toml(&fresh, "x").unwrap(), v1_profile());
    assert!(fresh.len() < V1.len(), "{fresh}");
}

#[test]
fn an_upgrade_refuses_to_overwrite_a_change_made_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deu.toml");
    std::fs::write(&path, V1).unwrap();
    let mut f = ProfileFile::load(&path).unwrap();
    let theirs = V1.replace("value = 1000.0", "value = 1001.0");
    std::fs::write(&path, &theirs).unwrap();
    assert!(matches!(f.save(), Err(ProfileError::ChangedOnDisk { .. })));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

const V2: &str = r#"version = 2
modules = ["A.2"]

[meta]
country = "DEU"
title = "Migration Profile: Germany"
reference_year = 2024

[[source]]
id = "wb"
provider = "world_bank_wdi"
dataset = "World Development Indicators"
licence = "CC BY 4.0"

[[source]]
id = "ims"
provider = "undesa_ims"
dataset = "International Migrant Stock"
licence = "CC BY 3.0 IGO"

# Net migration as published; checked against the NSO's release of May.
[[series]]
indicator = "net_migration"
source = "wb"   # the World Bank file of June
values = { 2019 = 1000.0, 2020 = 1234.5 }

# Migrant stock by sex.
[[series]]
indicator = "imm_stock"
source = "ims"
by = ["sex"]
[series.values]
F = { 2015 = 10.0, 2020 = 11.0 }   # women: revised in 2021
M = { 2015 = 20.0, 2020 = 21.0 }
"#;

#[test]
fn hand_comments_survive_a_version_2_save_and_stay_with_their_series() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deu.toml");
    std::fs::write(&path, V2).unwrap();
    let mut f = ProfileFile::load(&path).unwrap();
    assert_eq!(f.profile.observations.len(), 6);
    assert_eq!(f.profile.observations[2].disaggregation["sex"], "F");
    // Edits: a new series before the others (a new source's values), a changed value of the
    // women's row, a new cell in the middle of the stock series, a period removed.
    let mut new_first = Observation::new("pop_total", "2020", 83_000_000.0, "ims");
    new_first.flags = vec!["B".into()];
    f.profile.observations.insert(0, new_first);
    let women_2020 = f
        .profile
        .observations
        .iter()
        .position(|o| o.period == "2020" && o.disaggregation.get("sex").is_some_and(|s| s == "F"))
        .unwrap();
    f.profile.observations[women_2020].value = 11.5;
    let mut other = Observation::new("imm_stock", "2020", 1.0, "ims");
    other.disaggregation.insert("sex".into(), "X".into());
    f.profile.observations.insert(women_2020 + 1, other);
    f.profile
        .observations
        .retain(|o| !(o.indicator == "net_migration" && o.period == "2019"));
    let expected = f.profile.clone();
    f.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let back = ProfileFile::load(&path).unwrap();
    assert_eq!(back.profile, expected, "{text}");
    // Every comment is still there, on the line it was written on.
    assert!(
        text.contains("# Net migration as published; checked against the NSO's release of May.\n[[series]]\nindicator = \"net_migration\"\nsource = \"wb\"   # the World Bank file of June\nvalues = { 2020 = 1234.5 }"),
        "{text}"
    );
    assert!(
        text.contains("# Migrant stock by sex.\n[[series]]\nindicator = \"imm_stock\""),
        "{text}"
    );
    assert!(
        text.contains(
            "F = { 2015 = 10.0, 2020 = 11.5 }   # women: revised in 2021\nX = { 2020 = 1.0 }\nM = { 2015 = 20.0, 2020 = 21.0 }"
        ),
        "{text}"
    );
    // The new series is new text: no comment of another series moved onto it.
    let new_series = text.find("indicator = \"pop_total\"").unwrap();
    let before = &text[..new_series];
    let header = before.rfind("[[series]]").unwrap();
    assert!(
        !text[header.saturating_sub(80)..header].contains('#'),
        "{text}"
    );
}

#[test]
fn a_series_in_a_version_1_file_is_refused_at_its_key() {
    let text = "version = 1\n[meta]\ncountry = \"DEU\"\ntitle = \"t\"\nreference_year = 2024\n\n[[series]]\nindicator = \"x\"\nsource = \"s\"\nvalues = { 2020 = 1.0 }\n";
    let e = Profile::from_toml(text, "p.toml").unwrap_err().to_string();
    assert!(
        e.starts_with("p.toml:7:3: [[series]] is the layout of version 2"),
        "{e}"
    );
}

fn migprof() -> Command {
    Command::cargo_bin("migprof").unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

#[test]
fn upgrade_rewrites_once_and_the_build_is_byte_identical() {
    let d = tempfile::tempdir().unwrap();
    let fixtures = root().join("tests/fixtures/render");
    let catalogue = fixtures.join("catalogue");
    let names = ["destination.toml", "origin.toml"];
    for n in names.iter().chain(&["template.toml"]) {
        std::fs::copy(fixtures.join(n), d.path().join(n)).unwrap();
    }
    let build = |out: &str| {
        let mut c = migprof();
        c.arg("--catalogue-dir").arg(&catalogue).arg("build");
        for n in names {
            c.arg(d.path().join(n));
        }
        c.arg("--out").arg(d.path().join(out)).assert().success();
    };
    build("before");
    let before: Vec<String> = names
        .iter()
        .map(|n| std::fs::read_to_string(d.path().join(n)).unwrap())
        .collect();
    let mut c = migprof();
    c.arg("upgrade");
    for n in names {
        c.arg(d.path().join(n));
    }
    let out = c.assert().success().get_output().stdout.clone();
    let out = String::from_utf8_lossy(&out);
    assert_eq!(
        out.matches("upgraded from version 1 to 2").count(),
        2,
        "{out}"
    );
    for (n, old) in names.iter().zip(&before) {
        let text = std::fs::read_to_string(d.path().join(n)).unwrap();
        assert_eq!(file_version(&text), Some(2));
        assert!(
            text.len() < old.len(),
            "{n}: {} -> {}",
            old.len(),
            text.len()
        );
        assert_eq!(
            Profile::from_toml(&text, n).unwrap(),
            Profile::from_toml(old, n).unwrap()
        );
    }
    build("after");
    let a = files_under(&d.path().join("before"));
    assert!(a.len() > 20, "{a:?}");
    assert_eq!(a, files_under(&d.path().join("after")));
    for f in &a {
        let x = std::fs::read(d.path().join("before").join(f)).unwrap();
        let y = std::fs::read(d.path().join("after").join(f)).unwrap();
        assert!(x == y, "{} differs after the upgrade", f.display());
    }
    // A second upgrade changes nothing.
    let text = std::fs::read_to_string(d.path().join(names[0])).unwrap();
    migprof()
        .arg("upgrade")
        .arg(d.path().join(names[0]))
        .assert()
        .success()
        .stdout(predicates::str::contains("already version 2"));
    assert_eq!(
        std::fs::read_to_string(d.path().join(names[0])).unwrap(),
        text
    );
    // A file that does not load is reported; the others are still upgraded.
    std::fs::write(d.path().join("bad.toml"), "version = 1\n[meta\n").unwrap();
    std::fs::copy(fixtures.join("sparse.toml"), d.path().join("sparse.toml")).unwrap();
    migprof()
        .arg("upgrade")
        .arg(d.path().join("bad.toml"))
        .arg(d.path().join("sparse.toml"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("bad.toml:2:"))
        .stdout(predicates::str::contains(
            "sparse.toml: upgraded from version 1 to 2",
        ));
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_-]{1,6}",
        "[ -~]{0,8}",
        any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn observation_strategy() -> impl Strategy<Value = Observation> {
    (
        prop_oneof![Just("imm_stock"), Just("net_migration")],
        prop_oneof![
            Just("2019"),
            Just("2020"),
            Just("2015-2020"),
            Just("2020-Q1")
        ]
        .prop_map(str::to_string)
        .boxed()
        .prop_union(text_strategy().boxed()),
        prop_oneof![
            any::<f64>(),
            Just(-0.0),
            Just(1e20),
            Just(0.1),
            (-1_000_000i64..1_000_000).prop_map(|i| i as f64)
        ],
        proptest::collection::btree_map(
            prop_oneof![Just("sex".to_string()), Just("origin".to_string())],
            prop_oneof![Just("F".to_string()), Just("M".to_string())]
                .boxed()
                .prop_union(text_strategy().boxed()),
            0..3,
        ),
        prop_oneof![Just("a"), Just("b")],
        proptest::option::of(text_strategy()),
        proptest::collection::vec(
            prop_oneof![Just("e".to_string()), Just("p".to_string())],
            0..2,
        ),
        proptest::option::of(prop_oneof![
            Just(Status::Estimate),
            Just(Status::Projection)
        ]),
        proptest::option::of(Just("WPP 2022".to_string())),
    )
        .prop_map(
            |(ind, period, value, dis, source, footnote, flags, status, revision)| {
                let mut o = Observation::new(ind, &period, value, source);
                o.disaggregation = dis;
                o.footnote = footnote;
                o.flags = flags;
                o.status = status;
                o.revision = revision;
                o
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any list of observations (NaN aside: it is not equal to itself) is written and read
    /// back as exactly the same list, in the same order, whatever the periods, cells and notes.
    #[test]
    fn any_observations_round_trip_in_order(list in proptest::collection::vec(observation_strategy(), 0..25)) {
        let mut p = Profile::new("DEU", "Germany", 2024, Vec::new());
        p.observations = list.into_iter().filter(|o| !o.value.is_nan()).collect();
        let text = p.to_toml().unwrap();
        let back = Profile::from_toml(&text, "x").map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &p, "{}", text);
        // And through a format-preserving save of a changed file.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, &text).unwrap();
        let mut f = ProfileFile::load(&path).unwrap();
        f.profile.observations.reverse();
        let expected = f.profile.clone();
        f.save().unwrap();
        prop_assert_eq!(&ProfileFile::load(&path).unwrap().profile, &expected);
    }
}
