//! Profile model: load -> save -> load round trip, format-preserving edits, atomic save,
//! and the loader never panicking on arbitrary input.

use migprof::model::Observation;
use migprof::profile::{Preference, Profile, ProfileFile};
use proptest::prelude::*;

const HAND_WRITTEN: &str = r#"# Germany profile, compiled by the NSO working group.
version = 1
modules = ["A.2", "A.6"]   # only these two modules this year

[meta]
country = "DEU"
title = "Migration Profile: Germany"
reference_year = 2024
authors = ["A. Analyst"]

# Sources -----------------------------------------------------------
[[source]]
id = "wb"                     # World Bank bundle
provider = "world_bank_wdi"
dataset = "World Development Indicators"
file = "API_SM.POP.NETM.csv"
licence = "CC BY 4.0"

[[observation]]
indicator = "net_migration"
period = "2020"
value = 1000.0
source = "wb"
flags = ["e"]
"#;

fn sample() -> Profile {
    let mut p = Profile::new("DEU", "Germany", 2024, vec!["A.2".into()]);
    p.sources.push(migprof::model::Source {
        id: "wb".into(),
        provider: "world_bank_wdi".into(),
        dataset: "WDI".into(),
        file: Some("a.csv".into()),
        sha256: Some("ab".repeat(32)),
        retrieved: Some("2026-11-27".into()),
        licence: "CC BY 4.0".into(),
        ..Default::default()
    });
    let mut o = Observation::new("imm_stock", "2020", 15_762_457.0, "wb");
    o.disaggregation.insert("sex".into(), "F".into());
    o.flags.push("B".into());
    o.footnote = Some("Includes refugees; \"quoted\" text & more".into());
    p.observations.push(o);
    p.observations
        .push(Observation::new("net_migration", "2015-2020", -0.5, "wb"));
    p.narrative.insert(
        "A.2".into(),
        "Line one.\nLine two with <b>markup</b>.".into(),
    );
    p.preferred.insert(
        "net_migration".into(),
        Preference {
            source: "wb".into(),
            justification: "custodian".into(),
        },
    );
    p
}

#[test]
fn load_save_load_is_equal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    let mut f = ProfileFile::create(&path, sample());
    f.save().unwrap();
    let loaded = ProfileFile::load(&path).unwrap();
    assert_eq!(loaded.profile, sample());
    // Saving again without changes writes identical bytes.
    let mut again = loaded.clone();
    again.save().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), loaded.original);
    assert!(!again.is_dirty());
}

#[test]
fn hand_comments_and_order_survive_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deu.toml");
    std::fs::write(&path, HAND_WRITTEN).unwrap();
    let mut f = ProfileFile::load(&path).unwrap();
    f.profile.observations[0].value = 1234.0;
    f.profile
        .narrative
        .insert("A.2".into(), "Immigration rose.".into());
    assert!(f.is_dirty());
    f.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for comment in [
        "# Germany profile, compiled by the NSO working group.",
        "# only these two modules this year",
        "# Sources ----",
        "# World Bank bundle",
    ] {
        assert!(
            text.contains(comment),
            "lost comment {comment:?} in:\n{text}"
        );
    }
    // Saved in the compact layout (version 2): the value on its series' line.
    assert!(text.contains("values = { 2020 = 1234.0 }"), "{text}");
    assert!(!text.contains("1000.0"), "{text}");
    // Key order of the hand-written source table is kept.
    let id = text.find("id = \"wb\"").unwrap();
    let prov = text.find("provider = \"world_bank_wdi\"").unwrap();
    assert!(id < prov);
    let reloaded = ProfileFile::load(&path).unwrap();
    assert_eq!(reloaded.profile, f.profile);
    assert_eq!(reloaded.profile.narrative["A.2"], "Immigration rose.");
}

#[test]
fn removing_an_observation_keeps_the_rest_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deu.toml");
    std::fs::write(&path, HAND_WRITTEN).unwrap();
    let mut f = ProfileFile::load(&path).unwrap();
    f.profile.observations.clear();
    f.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("[[observation]]"));
    assert!(text.contains("# World Bank bundle"));
    assert_eq!(ProfileFile::load(&path).unwrap().profile, f.profile);
}

#[test]
fn save_is_atomic_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    let mut f = ProfileFile::create(&path, sample());
    f.save().unwrap();
    f.profile.meta.title = "Changed".into();
    f.save().unwrap();
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["p.toml".to_string()]);
}

#[test]
fn saving_into_a_missing_directory_fails_cleanly_and_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing/p.toml");
    let mut f = ProfileFile::create(&path, sample());
    let err = f.save().unwrap_err().to_string();
    assert!(err.contains("missing/p.toml"), "{err}");
}

#[test]
fn syntax_error_names_line_and_column() {
    let err = Profile::from_toml("version = 1\n[meta\n", "x.toml").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("x.toml:2:"), "{msg}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, &bytes).unwrap();
        let _ = ProfileFile::load(&path);
    }

    #[test]
    fn mutated_profiles_never_panic_loader_or_validator(
        cut in 0usize..HAND_WRITTEN.len(),
        insert in "[\\[\\]\"=#\n a-z0-9.{}-]{0,12}",
    ) {
        let mut text = HAND_WRITTEN.to_string();
        let at = (0..=cut).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        text.insert_str(at, &insert);
        if let Ok(p) = Profile::from_toml(&text, "m.toml") {
            let cat = migprof::catalogue::Catalogue::embedded().unwrap();
            let countries = migprof::country::Countries::embedded().unwrap();
            let template = migprof::template::Template::iom().unwrap();
            let _ = migprof::validate::validate(&p, &text, &cat, &countries, &template);
        }
    }
}
