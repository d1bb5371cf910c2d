//! Effects of the TUI on the file system: listing profiles, completion, save, autosave and
//! the recovery file.

mod tui_support;

use migprof::profile::ProfileFile;
use migprof::tui::action::{Action, Effect};
use migprof::tui::effect::{complete_path, recovery_path, run, scan};
use migprof::tui::update::update;
use tui_support::*;

#[test]
fn scan_lists_profiles_and_examples_but_not_templates_or_recovery_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("templates")).expect("mkdir");
    std::fs::create_dir_all(root.join("examples")).expect("mkdir");
    let text = profile().to_toml().expect("toml");
    std::fs::write(root.join("mex.toml"), &text).expect("write");
    std::fs::write(root.join("mex.recover.toml"), &text).expect("write");
    std::fs::write(root.join("examples/deu.toml"), &text).expect("write");
    std::fs::write(root.join("templates/iom.toml"), "id = 1").expect("write");
    std::fs::write(root.join("broken.toml"), "[meta\n").expect("write");
    // A new profile never saved: only its recovery file exists.
    std::fs::write(root.join("phl.recover.toml"), &text).expect("write");
    let mut names: Vec<String> = scan(root)
        .iter()
        .map(|e| {
            let rel = e.path.strip_prefix(root).expect("under root");
            format!(
                "{}{}{}",
                rel.display(),
                if e.example { " example" } else { "" },
                if e.error.is_some() { " error" } else { "" }
            )
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "broken.toml error",
            "examples/deu.toml example",
            "mex.toml",
            "phl.toml"
        ]
    );
    let phl = scan(root)
        .into_iter()
        .find(|e| e.path.ends_with("phl.toml"))
        .expect("phl");
    assert!(phl.title.contains("unsaved"), "{}", phl.title);
}

#[test]
fn completion_extends_to_the_common_prefix() {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["API_SM.POP.NETM.csv", "API_SM.POP.TOTL.csv", "Metadata.csv"] {
        std::fs::write(dir.path().join(f), "x").expect("write");
    }
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    let base = format!("{}/", dir.path().display());
    let (c, cands) = complete_path(&format!("{base}AP"));
    assert_eq!(c, format!("{base}API_SM.POP."));
    assert_eq!(cands.len(), 2);
    let (c, _) = complete_path(&format!("{base}su"));
    assert_eq!(c, format!("{base}sub/"));
    let (c, cands) = complete_path(&format!("{base}zzz"));
    assert_eq!(c, format!("{base}zzz"));
    assert!(cands.is_empty());
}

#[test]
fn save_autosave_and_recovery_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mex.toml");
    let mut app = app();
    app.file = Some(ProfileFile::create(&path, profile()));
    let rec = recovery_path(&path);
    assert_eq!(rec, dir.path().join("mex.recover.toml"));

    // An edit autosaves to the recovery file, not to the profile.
    let fx = update(&mut app, Action::InsertGenerated);
    assert_eq!(fx, vec![Effect::Autosave]);
    let a = run(&app, Effect::Autosave).expect("result");
    assert!(matches!(a, Action::Autosaved(Ok(()))), "{a:?}");
    assert!(rec.exists() && !path.exists());

    // Opening the (unsaved) profile path offers the recovered profile.
    let opened = run(&app, Effect::Open(path.clone())).expect("result");
    let Action::Opened(Ok(o)) = opened else {
        panic!("{opened:?}")
    };
    assert_eq!(o.file.profile, app.profile().expect("p").clone());

    // Saving writes the profile atomically and the recovery file is removed.
    let saved = run(&app, Effect::Save).expect("result");
    let fx = update(&mut app, saved);
    assert!(!app.dirty);
    for e in fx {
        if let Some(a) = run(&app, e) {
            update(&mut app, a);
        }
    }
    assert!(path.exists());
    assert!(!rec.exists(), "the recovery file is removed after a save");
    let loaded = ProfileFile::load(&path).expect("load");
    assert_eq!(&loaded.profile, app.profile().expect("p"));

    // A later recovery file that differs is offered when the profile is opened.
    let mut changed = loaded.profile.clone();
    changed.narrative.insert("B.2".into(), "Unsaved".into());
    std::fs::write(&rec, changed.to_toml().expect("toml")).expect("write");
    let Some(Action::Opened(Ok(o))) = run(&app, Effect::Open(path.clone())) else {
        panic!("open failed")
    };
    assert!(o.recovery.is_some());
    // One identical to the saved profile is removed silently.
    std::fs::write(&rec, loaded.profile.to_toml().expect("toml")).expect("write");
    let Some(Action::Opened(Ok(o))) = run(&app, Effect::Open(path)) else {
        panic!("open failed")
    };
    assert!(o.recovery.is_none());
    assert!(!rec.exists());
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mex.toml");
    std::fs::write(&path, "x").expect("write");
    let app = app();
    let r = run(&app, Effect::Create(path, Box::new(profile())));
    assert!(matches!(r, Some(Action::Opened(Err(e))) if e.contains("already exists")));
}

#[test]
fn unreadable_profile_is_a_message_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[meta\ncountry = 1\n").expect("write");
    let mut app = app();
    let a = run(&app, Effect::Open(path)).expect("result");
    update(&mut app, a);
    let st = app.status.expect("status");
    assert!(st.error && st.text.contains("bad.toml:"), "{st:?}");
}

/// Another program changed the profile while it was open: the TUI never overwrites it; it
/// offers to save the edits under another name, or to reload (edits kept for recovery).
#[test]
fn an_external_change_is_never_overwritten() {
    use migprof::tui::app::{ConfirmKind, Overlay};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mex.toml");
    let mut p0 = ProfileFile::create(&path, profile());
    p0.save().expect("first save");
    let mut app = app();
    let opened = run(&app, Effect::Open(path.clone())).expect("result");
    update(&mut app, opened);
    // An edit here, and meanwhile another program rewrites the file.
    update(
        &mut app,
        Action::GoScreen(migprof::tui::app::Screen::Narrative),
    );
    update(&mut app, Action::InsertGenerated);
    assert!(app.dirty);
    let theirs = std::fs::read_to_string(&path).unwrap() + "\n# changed by another program\n";
    std::fs::write(&path, &theirs).unwrap();
    let a = run(&app, Effect::Save).expect("result");
    assert!(matches!(a, Action::ChangedOnDisk(_)), "{a:?}");
    let fx = update(&mut app, a);
    assert_eq!(fx, vec![Effect::Autosave]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(ConfirmKind::ExternalChange(_)))
    ));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "their change is kept"
    );
    // y: save as <name>.mine.toml and edit that.
    let fx = update(&mut app, Action::Yes);
    let [Effect::SaveAs(to)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert!(to.ends_with("mex.mine.toml"));
    let a = run(&app, Effect::SaveAs(to.clone())).expect("result");
    update(&mut app, a);
    assert!(!app.dirty);
    assert_eq!(app.file.as_ref().unwrap().path, *to);
    assert!(
        std::fs::read_to_string(to)
            .unwrap()
            .contains("Net migration")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}
