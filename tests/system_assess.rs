//! The data assessment on a small profile with four instruments (tests/fixtures/system/four.toml):
//! the instrument x topic matrix, the instrument-level gaps and the actions they draft; and the
//! checks of the data-system references.

use migprof::catalogue::Catalogue;
use migprof::profile::Profile;
use migprof::system::annex::cell_text;
use migprof::system::assess::{assess, draft_actions, with_system};
use migprof::system::model::Coverage;
use migprof::system::topics::Topics;
use migprof::template::Template;

fn fixture() -> (String, Profile) {
    let text = std::fs::read_to_string("tests/fixtures/system/four.toml").expect("fixture");
    let p = Profile::from_toml(&text, "four.toml").expect("parses");
    (text, p)
}

fn env() -> (Catalogue, Template, Topics) {
    (
        Catalogue::embedded().expect("catalogue"),
        Template::iom().expect("template"),
        Topics::embedded().expect("topics"),
    )
}

#[test]
fn four_instruments_give_the_expected_matrix() {
    let (_, p) = fixture();
    let (cat, tpl, topics) = env();
    let a = assess(&p, &cat, &topics, &tpl);
    // Sections A.2 and A.3 and those always in the report need these (A.5 and A.7, not
    // selected, would add residence at a past date and previous work abroad).
    assert_eq!(
        a.topics,
        [
            "country_of_birth",
            "citizenship",
            "year_of_arrival",
            "previous_residence",
            "reason_for_migration",
            "usual_residence_rule",
            "duration_of_stay",
            "sex_age",
            "labour_status",
            "acquisition_of_citizenship"
        ]
    );
    let row = |id: &str| -> Vec<(String, String)> {
        let r = a.rows.iter().find(|r| r.instrument == id).expect("row");
        r.cells
            .iter()
            .map(|c| (c.topic.clone(), cell_text(c.coverage, c.expected)))
            .collect()
    };
    let pick = |id: &str, topic: &str| -> String {
        row(id)
            .into_iter()
            .find(|(t, _)| t == topic)
            .map(|(_, v)| v)
            .expect("cell")
    };
    // As recorded in the fixture, expected where the kind's registry entry covers an
    // indicator needing the topic (gov_nso_census covers imm_stock: country of birth).
    assert_eq!(pick("census", "country_of_birth"), "collected");
    assert_eq!(pick("census", "citizenship"), "not");
    // Year of arrival serves returning citizens (A.5, not selected) for a census: recorded,
    // but not expected.
    assert_eq!(pick("census", "year_of_arrival"), "(partly)");
    assert_eq!(pick("census", "reason_for_migration"), "-");
    assert_eq!(pick("lfs", "country_of_birth"), "not");
    assert_eq!(pick("lfs", "citizenship"), "collected");
    assert_eq!(pick("lfs", "labour_status"), "collected");
    assert_eq!(pick("lfs", "sex_age"), "unknown");
    // Border records need citizenship for apprehensions and refusals of entry (A.1, not
    // selected): recorded, not expected.
    assert_eq!(pick("entries", "citizenship"), "(collected)");
    // Border records produce no indicator that needs country of birth: not expected.
    assert_eq!(pick("entries", "country_of_birth"), "-");
    // The balance of payments needs none of the topics: a row of "-".
    assert!(row("bop").iter().all(|(_, v)| v == "-"), "{:?}", row("bop"));
}

#[test]
fn four_instruments_give_the_expected_gaps_and_actions() {
    let (_, p) = fixture();
    let (cat, tpl, topics) = env();
    let a = assess(&p, &cat, &topics, &tpl);
    let gaps: Vec<(&str, &str, Coverage)> = a
        .gaps
        .iter()
        .map(|g| (g.instrument.as_str(), g.topic.as_str(), g.coverage))
        .collect();
    let not_or_partly: Vec<(&str, &str)> = gaps
        .iter()
        .filter(|g| g.2 != Coverage::Unknown)
        .map(|g| (g.0, g.1))
        .collect();
    assert_eq!(
        not_or_partly,
        vec![("census", "citizenship"), ("lfs", "country_of_birth"),]
    );
    let lfs = a
        .gaps
        .iter()
        .find(|g| g.instrument == "lfs" && g.topic == "country_of_birth")
        .expect("lfs gap");
    assert_eq!(
        lfs.sentence,
        "The Labour Force Survey, the labour force survey of National Statistics Office, does not collect country of birth: International migrant workers and Migrant workers as share of the labour force cannot be produced from it."
    );
    // The balance of payments has no gap; the entry register only unknowns.
    assert!(!gaps.iter().any(|g| g.0 == "bop"));
    assert!(
        gaps.iter()
            .filter(|g| g.0 == "entries")
            .all(|g| g.2 == Coverage::Unknown)
    );
    // Year of arrival is collected partly by the census: not uncovered; no instrument records
    // reason for migration, duration of stay, usual-residence rule, sex and age, or acquisition
    // of citizenship.
    assert_eq!(
        a.uncovered,
        [
            "previous_residence",
            "reason_for_migration",
            "usual_residence_rule",
            "duration_of_stay",
            "sex_age",
            "acquisition_of_citizenship"
        ]
    );

    let actions = draft_actions(&a, &p, &cat, &topics);
    let change: Vec<&migprof::profile::ActionItem> = actions
        .iter()
        .filter(|x| !x.action.starts_with("Ask "))
        .collect();
    assert_eq!(change.len(), 2, "{change:#?}");
    assert_eq!(change[0].instrument.as_deref(), Some("census"));
    assert_eq!(change[0].agency.as_deref(), Some("nso"));
    assert_eq!(change[0].responsible, "National Statistics Office");
    assert_eq!(change[0].timeframe, "next census round");
    assert!(change[1].action.starts_with(
        "Add (or complete) questions on country of birth in the Labour Force Survey (National Statistics Office)"
    ));
    // Beside the indicator actions: the drafted plan keeps them and adds these.
    let indicator_actions = vec![migprof::profile::ActionItem {
        indicator: "mig_workers".into(),
        action: "Fill the missing International migrant workers (persons).".into(),
        providers: vec!["gov_nso_lfs".into()],
        ..Default::default()
    }];
    let plan = with_system(&p, &cat, &tpl, indicator_actions);
    assert_eq!(plan.len(), 1 + actions.len());
    assert_eq!(plan[0].instrument.as_deref(), Some("lfs"));
    assert!(plan[0].action.ends_with(
        "In this country: ask National Statistics Office for the figures from the Labour Force Survey."
    ));
}

#[test]
fn wrong_references_are_errors_naming_the_field() {
    let (text, _) = fixture();
    let bad = text
        .replace("agency = \"border\"", "agency = \"bordr\"")
        .replace(
            "citizenship = \"collected\" }\n\n[[instrument]]\nid = \"bop\"",
            "citizenhsip = \"collected\" }\n\n[[instrument]]\nid = \"bop\"",
        );
    let p = Profile::from_toml(&bad, "four.toml").expect("parses");
    let (cat, tpl, topics) = env();
    let problems = migprof::system::validate(&p, &bad, &cat, &topics, &tpl);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].ends_with(
            "error: instrument[2] (entries).agency: no agency `bordr` in the profile (did you mean `border`?)"
        ),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("instrument[2] (entries).topics.citizenhsip: unknown topic `citizenhsip` (did you mean `citizenship`?)"),
        "{}",
        problems[1]
    );
    // Placed at the line of the field in the file.
    let line = bad
        .lines()
        .position(|l| l == "agency = \"bordr\"")
        .expect("line")
        + 1;
    assert!(
        problems[0].starts_with(&format!("{line}:")),
        "{}",
        problems[0]
    );
    // The same through `check`.
    let checked = migprof::check::check_profile_with(
        &cat,
        &migprof::country::Countries::embedded().expect("countries"),
        &tpl,
        &p,
        &bad,
        "four.toml",
    );
    assert!(
        checked
            .errors
            .iter()
            .any(|e| e.contains("no agency `bordr`")),
        "{:?}",
        checked.errors
    );
}

#[test]
fn existing_profiles_load_with_the_new_action_fields_absent() {
    let p = Profile::from_toml(
        "version = 1\n[meta]\ncountry='MEX'\ntitle='t'\nreference_year=2024\n\
         [[action]]\nindicator='imm_stock'\naction='a'\nresponsible='r'\npriority='high'\ntimeframe='3 months'\n",
        "p.toml",
    )
    .expect("loads");
    assert_eq!(p.actions[0].status, None);
    assert!(p.actions[0].partners.is_empty());
    let q = Profile::from_toml(
        "version = 1\n[meta]\ncountry='MEX'\ntitle='t'\nreference_year=2024\n\
         [[action]]\nindicator='imm_stock'\naction='a'\nresponsible='r'\npriority='high'\ntimeframe='3 months'\n\
         agency='inegi'\npartners=['sre']\nresources='two staff months'\nfunding='national budget'\nnsds_link='PNEG objective 3'\nstatus='under way'\n",
        "p.toml",
    )
    .expect("loads");
    assert_eq!(
        q.actions[0].status,
        Some(migprof::system::model::ActionStatus::UnderWay)
    );
    let back = Profile::from_toml(&q.to_toml().expect("toml"), "").expect("round trip");
    assert_eq!(back, q);
}

/// `--catalogue-dir` with a `topics.toml` replaces the embedded topics: `assess` shows the
/// folder's topic name.
#[test]
fn catalogue_dir_topics_override_the_embedded_ones() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    let topics = std::fs::read_to_string(root.join("indicators/topics.toml")).expect("topics");
    let renamed = topics.replacen(
        "name = \"Country of birth\"",
        "name = \"Birthplace (country)\"",
        1,
    );
    assert_ne!(renamed, topics);
    std::fs::write(dir.path().join("topics.toml"), renamed).expect("write");
    let run = |with_dir: bool| {
        let mut cmd = assert_cmd::Command::cargo_bin("migprof").expect("bin");
        if with_dir {
            cmd.arg("--catalogue-dir").arg(dir.path());
        }
        let out = cmd
            .arg("assess")
            .arg(root.join("profiles/mex.toml"))
            .args(["--format", "md"])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let (plain, custom) = (run(false), run(true));
    assert!(plain.contains("Country of birth") && !plain.contains("Birthplace (country)"));
    assert!(custom.contains("Birthplace (country)"), "{custom}");
    // A broken topics.toml there is an error naming the file.
    std::fs::write(dir.path().join("topics.toml"), "[[topic]]\nid = 3\n").expect("write");
    let out = assert_cmd::Command::cargo_bin("migprof")
        .expect("bin")
        .arg("--catalogue-dir")
        .arg(dir.path())
        .arg("assess")
        .arg(root.join("profiles/mex.toml"))
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("topics.toml"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
