//! The TUI's update function, key map and effects, tested without a terminal.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use migprof::ingest::{Format, Outcome, Record};
use migprof::model::Observation;
use migprof::tui::action::{Action, EditOp, Effect};
use migprof::tui::app::{
    BuildState, ConfirmKind, IndRow, IndStatus, Mode, Overlay, PendingImport, Screen, WizStep,
};
use migprof::tui::keymap::{self, BINDINGS, Ctx};
use migprof::tui::update::update;
use tui_support::*;

fn typed(s: &str) -> Vec<Action> {
    s.chars().map(|c| Action::Edit(EditOp::Insert(c))).collect()
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn opening_goes_to_sources_and_lists_the_registry_by_family() {
    let app = app();
    assert_eq!(app.screen, Screen::Sources);
    assert!(!app.dirty);
    // 5 family headings + 6 providers + the "in this profile" heading + 2 sources.
    assert_eq!(app.derived.src_rows.len(), 5 + 6 + 1 + 2);
}

#[test]
fn cursor_moves_clamp_and_screens_wrap() {
    let mut app = app();
    feed(&mut app, vec![Action::Up, Action::Up]);
    assert_eq!(app.cursors.sources, 0);
    feed(&mut app, vec![Action::Bottom]);
    assert_eq!(app.cursors.sources, app.derived.src_rows.len() - 1);
    feed(&mut app, vec![Action::Down]);
    assert_eq!(app.cursors.sources, app.derived.src_rows.len() - 1);
    feed(&mut app, vec![Action::Top]);
    assert_eq!(app.cursors.sources, 0);
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::System), Action::NextScreen],
    );
    assert_eq!(app.screen, Screen::Home);
    feed(&mut app, vec![Action::PrevScreen]);
    assert_eq!(app.screen, Screen::System);
    feed(&mut app, vec![Action::Left]);
    assert_eq!(app.screen, Screen::Build);
}

#[test]
fn indicator_statuses_follow_the_data() {
    let app = app();
    let status = |id: &str| {
        app.derived.ind_rows.iter().find_map(|r| match r {
            IndRow::Indicator { id: i, status } if i == id => Some(*status),
            _ => None,
        })
    };
    assert_eq!(status("net_migration"), Some(IndStatus::Filled));
    // Latest 2010 for reference year 2024: stale.
    assert_eq!(status("imm_stock"), Some(IndStatus::Stale));
    assert_eq!(status("remit_in"), Some(IndStatus::Missing));
    // A.3 is not selected: its indicator is not listed.
    assert_eq!(status("refugees_in"), None);
}

#[test]
fn new_profile_wizard_creates_the_profile_with_default_modules() {
    let mut app = bare_app(options(false, false));
    assert_eq!(app.screen, Screen::Home);
    feed(&mut app, vec![Action::Select]);
    assert_eq!(app.mode(), Mode::Picker);
    feed(&mut app, typed("mo"));
    assert!(matches!(&app.overlay, Some(Overlay::NewProfile(w)) if w.query.text == "mo"));
    feed(&mut app, vec![Action::Select]);
    let Some(Overlay::NewProfile(w)) = &app.overlay else {
        panic!("wizard closed")
    };
    assert_eq!(w.country.as_deref(), Some("MAR"));
    assert_eq!(w.step, WizStep::Year);
    assert_eq!(w.year.text, "2025");
    // A bad year is refused with a message.
    feed(&mut app, vec![Action::Edit(EditOp::ClearLine)]);
    feed(&mut app, typed("20x"));
    feed(&mut app, vec![Action::Select]);
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    feed(&mut app, vec![Action::Edit(EditOp::ClearLine)]);
    feed(&mut app, typed("2023"));
    feed(&mut app, vec![Action::Select]);
    assert_eq!(app.mode(), Mode::Checklist);
    // Toggle A.3 (the second optional module) on.
    feed(&mut app, vec![Action::Down, Action::Toggle]);
    let fx = feed(&mut app, vec![Action::Select]);
    let [Effect::Create(path, p)] = fx.as_slice() else {
        panic!("expected one Create effect, got {fx:?}")
    };
    assert_eq!(path, &std::path::PathBuf::from("profiles/mar.toml"));
    assert_eq!(p.meta.country, "MAR");
    assert_eq!(p.meta.reference_year, 2023);
    assert_eq!(p.modules, vec!["A.2", "A.3", "B.1", "B.2"]);
}

#[test]
fn picker_moves_through_matches_and_escape_steps_back() {
    let mut app = bare_app(options(false, false));
    feed(
        &mut app,
        vec![
            Action::NewProfile,
            Action::Down,
            Action::Down,
            Action::Select,
        ],
    );
    let Some(Overlay::NewProfile(w)) = &app.overlay else {
        panic!()
    };
    assert_eq!(w.country.as_deref(), Some("MEX"));
    feed(&mut app, vec![Action::Cancel]);
    assert_eq!(app.mode(), Mode::Picker);
    feed(&mut app, vec![Action::Cancel]);
    assert!(app.overlay.is_none());
}

#[test]
fn manual_value_requires_a_citation_and_is_undoable() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Sources), Action::AddManual],
    );
    assert_eq!(app.mode(), Mode::Text);
    // Focus starts on Value.
    feed(&mut app, typed("-42,000"));
    feed(&mut app, vec![Action::Tab]);
    feed(&mut app, typed("world_bank_wdi"));
    let fx = feed(&mut app, vec![Action::Select]);
    assert!(fx.is_empty());
    let st = app.status.clone().expect("message");
    assert!(st.error && st.text.contains("citation"), "{st:?}");
    let Some(Overlay::Form(f)) = &app.overlay else {
        panic!("form closed")
    };
    assert_eq!(f.fields[f.focus].label, "Citation");
    feed(&mut app, typed("Report of the ministry, 2024, p. 12"));
    let fx = feed(&mut app, vec![Action::Select]);
    assert_eq!(fx, vec![Effect::Autosave]);
    assert!(app.dirty);
    let p = app.profile().expect("profile");
    let s = p
        .sources
        .iter()
        .find(|s| s.id.starts_with("manual_world_bank_wdi"))
        .expect("manual source");
    assert_eq!(
        s.citation.as_deref(),
        Some("Report of the ministry, 2024, p. 12")
    );
    assert_eq!(s.licence, "CC BY 4.0");
    assert!(
        p.observations
            .iter()
            .any(|o| o.source == s.id && o.value == -42000.0)
    );
    let before = p.sources.len();
    feed(&mut app, vec![Action::Undo]);
    assert_eq!(app.profile().expect("p").sources.len(), before - 1);
    assert!(!app.dirty, "undo back to the saved state is clean");
}

#[test]
fn manual_value_rejects_unknown_indicator_with_a_hint() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::AddManual, Action::BackTab, Action::BackTab],
    );
    feed(&mut app, vec![Action::Edit(EditOp::ClearLine)]);
    feed(&mut app, typed("net_migraton"));
    feed(&mut app, vec![Action::Select]);
    let st = app.status.clone().expect("message");
    assert!(st.text.contains("did you mean net_migration"), "{st:?}");
}

#[test]
fn choosing_a_preferred_source_needs_a_justification() {
    let mut app = app();
    feed(&mut app, vec![Action::GoScreen(Screen::Indicators)]);
    // Row 0 is the KS section; row 1 net_migration.
    feed(&mut app, vec![Action::Down]);
    assert_eq!(app.current_indicator(), Some("net_migration"));
    feed(&mut app, vec![Action::ChoosePreferred]);
    assert_eq!(app.mode(), Mode::Choice);
    feed(&mut app, vec![Action::Select]);
    assert_eq!(app.mode(), Mode::Text);
    feed(&mut app, vec![Action::Select]);
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    feed(&mut app, typed("Official series"));
    let fx = feed(&mut app, vec![Action::Select]);
    assert_eq!(fx, vec![Effect::Autosave]);
    let pref = &app.profile().expect("p").preferred["net_migration"];
    assert_eq!(pref.source, "wb_netm");
    assert_eq!(pref.justification, "Official series");
}

#[test]
fn no_values_means_no_choice() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Indicators), Action::Bottom],
    );
    assert_eq!(app.current_indicator(), Some("remit_in"));
    feed(&mut app, vec![Action::ChoosePreferred]);
    assert!(app.overlay.is_none());
    assert!(app.status.as_ref().is_some_and(|s| s.error));
}

#[test]
fn narrative_editor_commits_on_escape() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Narrative), Action::Down],
    );
    assert_eq!(app.current_section(), Some("A.2"));
    feed(&mut app, vec![Action::EditText]);
    assert_eq!(app.mode(), Mode::Editor);
    feed(&mut app, typed("Line one"));
    feed(&mut app, vec![Action::Edit(EditOp::Newline)]);
    feed(&mut app, typed("Line two"));
    let fx = feed(&mut app, vec![Action::Cancel]);
    assert_eq!(fx, vec![Effect::Autosave]);
    assert_eq!(
        app.profile()
            .expect("p")
            .narrative
            .get("A.2")
            .map(String::as_str),
        Some("Line one\nLine two")
    );
}

#[test]
fn generated_sentence_comes_from_the_latest_value() {
    let mut app = app();
    let s = app.generated_sentence("B.1");
    // The report's sentence: latest value with year and source, the change over a stated
    // window within one series, and the peak.
    assert_eq!(
        s,
        "Net migration was -51,000 persons in 2023 (World Bank, World Development Indicators, Net migration (SM.POP.NETM)), down from -30,000 persons in 2018 (-21,000 persons). The highest value of this series was 5,000 persons in 2021."
    );
    feed(
        &mut app,
        vec![
            Action::GoScreen(Screen::Narrative),
            Action::Bottom,
            Action::Up,
        ],
    );
    assert_eq!(app.current_section(), Some("B.1"));
    feed(&mut app, vec![Action::InsertGenerated]);
    assert_eq!(app.profile().expect("p").narrative.get("B.1"), Some(&s));
}

#[test]
fn quit_prompts_when_unsaved_and_saves_first_on_yes() {
    let mut app = app();
    feed(&mut app, vec![Action::Quit]);
    assert!(app.quit, "clean profile quits at once");

    let mut app = app_with(options(false, false));
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Narrative), Action::InsertGenerated],
    );
    assert!(app.dirty);
    feed(&mut app, vec![Action::Quit]);
    assert!(!app.quit);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(ConfirmKind::Quit))
    ));
    let fx = feed(&mut app, vec![Action::Yes]);
    assert_eq!(fx, vec![Effect::Save]);
    assert!(!app.quit, "waits for the save");
    let fx = feed(&mut app, vec![Action::Saved(Ok("text".into()))]);
    assert!(app.quit);
    assert!(fx.contains(&Effect::DeleteRecovery));
}

#[test]
fn failed_save_keeps_the_app_running() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::InsertGenerated, Action::GoScreen(Screen::Narrative)],
    );
    feed(&mut app, vec![Action::Edit(EditOp::Insert('x'))]);
    feed(&mut app, vec![Action::Save]);
    feed(&mut app, vec![Action::Saved(Err("disk full".into()))]);
    assert!(!app.quit);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("disk full"))
    );
}

#[test]
fn ctrl_c_prompts_then_quits_at_once_with_autosave() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Narrative), Action::EditText],
    );
    feed(&mut app, typed(" more"));
    // In the editor: the text is committed, then the quit prompt opens.
    let fx = feed(&mut app, vec![Action::Interrupt]);
    assert_eq!(fx, vec![Effect::Autosave]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(ConfirmKind::Quit))
    ));
    assert!(!app.quit);
    let fx = feed(&mut app, vec![Action::Interrupt]);
    assert!(app.quit);
    assert_eq!(fx, vec![Effect::Autosave]);
}

fn pending(app: &migprof::tui::app::App) -> PendingImport {
    let _ = app;
    let mut outcome = Outcome::new(Format::WorldBankApi, "world_bank_wdi", "Net migration");
    for (c, v) in [("MEX", -1.0), ("MEX", -2.0), ("DEU", 5.0)] {
        // Years the profile's World Bank source does not have yet (it holds 2015-2023): the
        // same values again from the same provider would be refused as duplicates.
        let period = if v == -2.0 { "2014" } else { "2013" };
        outcome.records.push(Record {
            country: c.into(),
            observation: Observation::new("net_migration", period, v, ""),
        });
    }
    outcome.rows = 3;
    PendingImport {
        path: "data/API_SM.POP.NETM.csv".into(),
        sha256: "cd".repeat(32),
        format: Format::WorldBankApi,
        outcome,
        summary: Vec::new(),
        licence: "CC BY 4.0".into(),
        left_out: Vec::new(),
        projections: 0,
        refused: None,
    }
}

#[test]
fn previewed_file_is_imported_as_a_source_with_provenance() {
    let mut app = app();
    feed(&mut app, vec![Action::AddFile]);
    feed(&mut app, typed("data/x.csv"));
    let fx = feed(&mut app, vec![Action::Select]);
    assert_eq!(fx, vec![Effect::Preview("data/x.csv".into())]);
    let p = pending(&app);
    feed(&mut app, vec![Action::Previewed(Ok(Box::new(p)))]);
    assert_eq!(app.mode(), Mode::Confirm);
    let fx = feed(&mut app, vec![Action::Yes]);
    assert_eq!(fx, vec![Effect::Autosave]);
    let prof = app.profile().expect("p");
    // The same id rule as the CLI: provider plus the dataset's words.
    let s = prof
        .source("world_bank_wdi_net_migration")
        .expect("new source");
    assert_eq!(s.sha256.as_deref(), Some("cd".repeat(32).as_str()));
    assert_eq!(s.format.as_deref(), Some("worldbank_api"));
    assert_eq!(s.retrieved.as_deref(), Some("2026-01-15"));
    assert_eq!(s.licence, "CC BY 4.0");
    // Stored relative to the profile's folder, so `refresh` finds it from anywhere.
    let cwd = std::env::current_dir().unwrap();
    let profile_path = app.file.as_ref().unwrap().path.clone();
    let expected = migprof::ops::stored_path(
        &profile_path,
        std::path::Path::new("data/API_SM.POP.NETM.csv"),
        &cwd,
    );
    assert_eq!(s.file.as_deref(), Some(expected.as_str()));
    let n = prof
        .observations
        .iter()
        .filter(|o| o.source == s.id)
        .count();
    assert_eq!(n, 2, "only the profile's country is kept");
    // The same file again is refused.
    let p = pending(&app);
    feed(
        &mut app,
        vec![Action::Previewed(Ok(Box::new(p))), Action::Yes],
    );
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("already in the profile as source"))
    );
}

#[test]
fn import_errors_become_status_messages() {
    let mut app = app();
    feed(&mut app, vec![Action::AddFile]);
    feed(
        &mut app,
        vec![Action::Previewed(Err(
            "import is not implemented yet".into()
        ))],
    );
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    assert_eq!(app.mode(), Mode::Text, "the path stays open to fix it");
}

#[test]
fn gaps_action_plan_edit_and_delete() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Gaps), Action::EditAction],
    );
    let Some(Overlay::Form(f)) = &app.overlay else {
        panic!("no form")
    };
    assert_eq!(f.value("Indicator"), "refugees_in");
    feed(&mut app, vec![Action::Tab, Action::Tab]);
    feed(&mut app, vec![Action::Edit(EditOp::ClearLine)]);
    feed(&mut app, typed("urgent"));
    feed(&mut app, vec![Action::Select]);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Priority"))
    );
    feed(&mut app, vec![Action::Edit(EditOp::ClearLine)]);
    feed(&mut app, typed("low"));
    feed(&mut app, vec![Action::Select]);
    assert_eq!(app.profile().expect("p").actions[0].priority, "low");
    feed(&mut app, vec![Action::DeleteAction]);
    assert!(app.profile().expect("p").actions.is_empty());
    feed(&mut app, vec![Action::Undo]);
    assert_eq!(app.profile().expect("p").actions.len(), 1);
}

#[test]
fn build_runs_as_an_effect_and_shows_the_result() {
    let mut app = app();
    let fx = feed(
        &mut app,
        vec![Action::GoScreen(Screen::Build), Action::Build],
    );
    assert_eq!(fx, vec![Effect::Build]);
    assert_eq!(app.build, BuildState::Running);
    assert!(
        feed(&mut app, vec![Action::Build]).is_empty(),
        "one build at a time"
    );
    feed(
        &mut app,
        vec![Action::Built(
            Err("rendering is not implemented yet".into()),
        )],
    );
    assert!(matches!(app.build, BuildState::Failed(_)));
}

#[test]
fn recovery_offer_restores_or_discards() {
    let mut app = app();
    let mut p = profile();
    p.narrative.insert("B.1".into(), "Recovered text".into());
    let text = p.to_toml().expect("toml");
    app.overlay = Some(Overlay::Confirm(ConfirmKind::Recovery {
        path: "profiles/mex.recover.toml".into(),
        text,
        when: "2026-01-15 10:30 UTC".into(),
    }));
    let fx = feed(&mut app, vec![Action::Yes]);
    assert_eq!(fx, vec![Effect::Autosave]);
    assert_eq!(
        app.profile()
            .expect("p")
            .narrative
            .get("B.1")
            .map(String::as_str),
        Some("Recovered text")
    );
    app.overlay = Some(Overlay::Confirm(ConfirmKind::Recovery {
        path: "x".into(),
        text: String::new(),
        when: "2026-01-15 10:30 UTC".into(),
    }));
    assert_eq!(
        feed(&mut app, vec![Action::No]),
        vec![Effect::DeleteRecovery]
    );
}

#[test]
fn actions_without_a_profile_say_so() {
    let mut app = bare_app(options(false, false));
    for a in [
        Action::AddFile,
        Action::AddManual,
        Action::Save,
        Action::Build,
    ] {
        app.status = None;
        let fx = update(&mut app, a);
        assert!(fx.is_empty());
        assert!(
            app.status
                .as_ref()
                .is_some_and(|s| s.error && s.text.contains("No profile"))
        );
    }
}

#[test]
fn keymap_maps_keys_by_mode() {
    use keymap::map_key;
    let j = key(KeyCode::Char('j'));
    assert!(matches!(
        map_key(Mode::Normal, Screen::Home, &j),
        Some(Action::Down)
    ));
    assert!(matches!(
        map_key(Mode::Text, Screen::Home, &j),
        Some(Action::Edit(EditOp::Insert('j')))
    ));
    assert!(matches!(
        map_key(Mode::Editor, Screen::Narrative, &key(KeyCode::Enter)),
        Some(Action::Edit(EditOp::Newline))
    ));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for m in [
        Mode::Normal,
        Mode::Text,
        Mode::Editor,
        Mode::Confirm,
        Mode::Help,
    ] {
        assert!(matches!(
            map_key(m, Screen::Gaps, &ctrl_c),
            Some(Action::Interrupt)
        ));
    }
    assert!(matches!(
        map_key(Mode::Normal, Screen::Sources, &key(KeyCode::Char('a'))),
        Some(Action::AddFile)
    ));
    assert!(matches!(
        map_key(Mode::Normal, Screen::Gaps, &key(KeyCode::Char('a'))),
        Some(Action::AdoptAction)
    ));
    assert!(map_key(Mode::Normal, Screen::Home, &key(KeyCode::Char('z'))).is_none());
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(
        map_key(Mode::Normal, Screen::Build, &ctrl_s),
        Some(Action::Save)
    ));
}

#[test]
fn no_key_is_bound_twice_in_one_place() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            let overlap = match (a.ctx, b.ctx) {
                (x, y) if x == y => true,
                (Ctx::Global, Ctx::Screen(_)) | (Ctx::Screen(_), Ctx::Global) => true,
                _ => false,
            };
            if overlap {
                for k in a.keys {
                    assert!(
                        !b.keys.contains(k),
                        "{:?} is bound to both `{}` and `{}`",
                        k,
                        a.help,
                        b.help
                    );
                }
            }
        }
    }
}

#[test]
fn every_mode_has_a_bar() {
    for m in [
        Mode::Normal,
        Mode::Help,
        Mode::Text,
        Mode::Editor,
        Mode::Picker,
        Mode::Checklist,
        Mode::Choice,
        Mode::Confirm,
    ] {
        assert!(keymap::bar(m, Screen::Home).count() > 0, "{m:?}");
    }
}

#[test]
fn page_keys_move_by_ten_and_clamp() {
    let mut app = app();
    feed(&mut app, vec![Action::PageDown]);
    assert_eq!(app.cursors.sources, 10);
    feed(&mut app, vec![Action::PageDown]);
    assert_eq!(app.cursors.sources, app.derived.src_rows.len() - 1);
    feed(&mut app, vec![Action::PageUp, Action::PageUp]);
    assert_eq!(app.cursors.sources, 0);
    let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert!(matches!(
        keymap::map_key(Mode::Normal, Screen::Sources, &ctrl_d),
        Some(Action::PageDown)
    ));
}

#[test]
fn manual_value_refuses_impossible_values() {
    let mut app = app();
    feed(
        &mut app,
        vec![
            Action::GoScreen(Screen::Indicators),
            Action::Down,
            Action::Down,
        ],
    );
    assert_eq!(app.current_indicator(), Some("imm_stock"));
    feed(&mut app, vec![Action::AddManual]);
    feed(&mut app, typed("-5"));
    feed(&mut app, vec![Action::Tab]);
    feed(&mut app, typed("inegi"));
    feed(&mut app, vec![Action::Tab]);
    feed(&mut app, typed("Census"));
    let fx = feed(&mut app, vec![Action::Select]);
    assert!(fx.is_empty());
    let st = app.status.clone().expect("status");
    assert!(st.error && st.text.contains("cannot be negative"), "{st:?}");
    let Some(Overlay::Form(f)) = &app.overlay else {
        panic!("form closed")
    };
    assert_eq!(f.fields[f.focus].label, "Value");
}

#[test]
fn conflicting_sources_are_flagged_until_a_preference_is_recorded() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Indicators), Action::Down],
    );
    assert_eq!(app.current_indicator(), Some("net_migration"));
    // A second source with a very different 2023 value.
    feed(&mut app, vec![Action::AddManual, Action::BackTab]);
    feed(&mut app, vec![Action::Edit(EditOp::ClearLine)]);
    feed(&mut app, typed("2023"));
    feed(&mut app, vec![Action::Tab]);
    feed(&mut app, typed("-90000"));
    feed(&mut app, vec![Action::Tab]);
    feed(&mut app, typed("inegi"));
    feed(&mut app, vec![Action::Tab]);
    feed(&mut app, typed("INEGI, ENADID 2023"));
    feed(&mut app, vec![Action::Select]);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    let status = |app: &migprof::tui::app::App| {
        app.derived.ind_rows.iter().find_map(|r| match r {
            IndRow::Indicator { id, status } if id == "net_migration" => Some(*status),
            _ => None,
        })
    };
    assert_eq!(status(&app), Some(IndStatus::Conflicting));
    let t = draw(&app, 80, 24);
    assert!(text(&t).contains("! 1 value differs by"), "{}", text(&t));
    // The values side by side: which period, by how much, why.
    feed(&mut app, vec![Action::Compare]);
    assert!(matches!(app.overlay, Some(Overlay::Compare { .. })));
    let t = text(&draw(&app, 80, 24));
    assert!(t.contains("Sources compared: Net migration"), "{t}");
    assert!(t.contains("-51,000") && t.contains("-90,000"), "{t}");
    assert!(t.contains("2023") && t.contains("Why:"), "{t}");
    insta::assert_snapshot!("compare_80x24", t);
    insta::assert_snapshot!("compare_120x40", text(&draw(&app, 120, 40)));
    feed(&mut app, vec![Action::Cancel]);
    assert!(app.overlay.is_none());
    feed(
        &mut app,
        vec![Action::ChoosePreferred, Action::Down, Action::Select],
    );
    feed(&mut app, typed("Survey measures the flow directly"));
    feed(&mut app, vec![Action::Select]);
    assert_eq!(
        app.profile().expect("p").preferred["net_migration"].source,
        "manual_inegi_net_migration_2023"
    );
    assert_eq!(status(&app), Some(IndStatus::Filled));
    let t = text(&draw(&app, 80, 24));
    assert!(
        !t.contains("value differs"),
        "the line goes once resolved:\n{t}"
    );
}

#[test]
fn adopting_a_drafted_action_moves_it_into_the_plan() {
    let mut app = app();
    feed(&mut app, vec![Action::GoScreen(Screen::Gaps)]);
    let drafts = app.derived.drafts.len();
    assert!(
        drafts > 0,
        "the fixture profile has gaps with drafted actions"
    );
    feed(&mut app, vec![Action::Bottom]);
    let last = app.derived.drafts.last().cloned().expect("draft");
    let fx = feed(&mut app, vec![Action::AdoptAction]);
    assert_eq!(fx, vec![Effect::Autosave]);
    let p = app.profile().expect("p");
    assert_eq!(p.actions.len(), 2);
    assert_eq!(p.actions[1], last);
    assert_eq!(
        app.derived.drafts.len(),
        drafts - 1,
        "adopted drafts are not offered again"
    );
    assert_eq!(app.cursors.gaps, 1, "the cursor follows the adopted entry");
    feed(&mut app, vec![Action::AdoptAction]);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("already in the plan"))
    );
    // Editing the adopted action does not bring its draft back as a duplicate.
    feed(&mut app, vec![Action::EditAction]);
    feed(&mut app, vec![Action::Edit(EditOp::End)]);
    feed(&mut app, typed(" (agreed with the ministry)"));
    feed(&mut app, vec![Action::Select]);
    let p = app.profile().expect("p");
    assert!(
        p.actions
            .iter()
            .any(|a| a.action.ends_with("(agreed with the ministry)")),
        "{:?}",
        app.status
    );
    assert_eq!(app.derived.drafts.len(), drafts - 1, "no duplicate draft");
    assert!(
        !app.derived
            .drafts
            .iter()
            .any(|d| d.indicator == last.indicator),
        "the edited action's draft is not offered again"
    );
}

fn entry(path: &str) -> migprof::tui::app::ProfileEntry {
    migprof::tui::app::ProfileEntry {
        path: path.into(),
        example: false,
        title: "Other".into(),
        country: "DEU".into(),
        year: 2024,
        sources: 0,
        observations: 0,
        error: None,
        recovery: false,
    }
}

/// Opening another profile with unsaved changes asks: save, discard or stay.
#[test]
fn leaving_a_dirty_profile_asks_first() {
    use migprof::tui::app::Next;
    let mut app = app();
    feed(&mut app, vec![Action::GoScreen(Screen::Narrative)]);
    feed(&mut app, vec![Action::InsertGenerated]);
    assert!(app.dirty);
    app.entries = vec![entry("profiles/deu.toml")];
    feed(&mut app, vec![Action::GoScreen(Screen::Home), Action::Down]);
    let fx = feed(&mut app, vec![Action::Select]);
    assert!(fx.is_empty(), "nothing opens before the answer: {fx:?}");
    assert!(matches!(
        &app.overlay,
        Some(Overlay::Confirm(ConfirmKind::Leave(Next::Open(p)))) if p.ends_with("deu.toml")
    ));
    // Esc: stay, nothing lost.
    feed(&mut app, vec![Action::Cancel]);
    assert!(app.overlay.is_none() && app.dirty);
    // y: save first, then open once the save succeeded.
    feed(&mut app, vec![Action::Select]);
    assert_eq!(feed(&mut app, vec![Action::Yes]), vec![Effect::Save]);
    let text = app.file.as_ref().unwrap().render().unwrap();
    let fx = feed(&mut app, vec![Action::Saved(Ok(text))]);
    assert!(
        fx.contains(&Effect::Open("profiles/deu.toml".into())),
        "{fx:?}"
    );
    // n: discard and open; the recovery file goes.
    let mut app2 = app_with(options(false, false));
    feed(
        &mut app2,
        vec![Action::GoScreen(Screen::Narrative), Action::InsertGenerated],
    );
    app2.entries = vec![entry("profiles/deu.toml")];
    feed(
        &mut app2,
        vec![Action::GoScreen(Screen::Home), Action::Down, Action::Select],
    );
    let fx = feed(&mut app2, vec![Action::No]);
    assert_eq!(
        fx,
        vec![
            Effect::DeleteRecovery,
            Effect::Open("profiles/deu.toml".into())
        ]
    );
    // A new profile asks too.
    let mut app3 = app_with(options(false, false));
    feed(
        &mut app3,
        vec![Action::GoScreen(Screen::Narrative), Action::InsertGenerated],
    );
    feed(
        &mut app3,
        vec![Action::GoScreen(Screen::Home), Action::NewProfile],
    );
    assert!(matches!(
        &app3.overlay,
        Some(Overlay::Confirm(ConfirmKind::Leave(Next::New)))
    ));
}

/// The build uses the saved file: with unsaved changes it asks to save first.
#[test]
fn build_saves_first_so_outputs_match_the_file() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Narrative), Action::InsertGenerated],
    );
    assert!(app.dirty);
    let fx = feed(
        &mut app,
        vec![Action::GoScreen(Screen::Build), Action::Build],
    );
    assert!(fx.is_empty());
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(ConfirmKind::SaveBeforeBuild))
    ));
    assert_eq!(feed(&mut app, vec![Action::Yes]), vec![Effect::Save]);
    let text = app.file.as_ref().unwrap().render().unwrap();
    let fx = feed(&mut app, vec![Action::Saved(Ok(text))]);
    assert!(!app.dirty);
    // Saved: the build starts (or asks about check's problems first).
    assert!(
        fx.contains(&Effect::Build)
            || matches!(
                app.overlay,
                Some(Overlay::Confirm(ConfirmKind::BuildInvalid))
            ),
        "{fx:?}"
    );
}

/// Remove a source with its values, undo it, redo it; rename one through the form.
#[test]
fn sources_can_be_removed_undone_redone_and_renamed() {
    let mut app = app();
    feed(&mut app, vec![Action::GoScreen(Screen::Sources)]);
    let row = app
        .derived
        .src_rows
        .iter()
        .position(|r| matches!(r, migprof::tui::app::SrcRow::Source(0)))
        .expect("a source row");
    app.cursors.sources = row;
    let id = app.current_source().expect("source").id.clone();
    let n = |app: &migprof::tui::app::App| {
        app.profile()
            .unwrap()
            .observations
            .iter()
            .filter(|o| o.source == id)
            .count()
    };
    let before = n(&app);
    assert!(before > 0);
    feed(&mut app, vec![Action::RemoveSource]);
    assert!(matches!(
        &app.overlay,
        Some(Overlay::Confirm(ConfirmKind::RemoveSource(x))) if *x == id
    ));
    feed(&mut app, vec![Action::Yes]);
    assert!(app.profile().unwrap().source(&id).is_none());
    assert_eq!(n(&app), 0);
    feed(&mut app, vec![Action::Undo]);
    assert_eq!(n(&app), before, "undo puts the values back");
    feed(&mut app, vec![Action::Redo]);
    assert_eq!(n(&app), 0, "redo removes them again");
    feed(&mut app, vec![Action::Undo]);
    app.cursors.sources = row;
    feed(&mut app, vec![Action::RenameSource]);
    feed(&mut app, vec![Action::Edit(EditOp::ClearLine)]);
    feed(&mut app, typed("wb_net_migration"));
    feed(&mut app, vec![Action::Select]);
    let p = app.profile().unwrap();
    assert!(p.source("wb_net_migration").is_some(), "{:?}", app.status);
    assert!(p.observations.iter().all(|o| o.source != id));
    // Re-import asks the effect to read the recorded file.
    app.cursors.sources = row;
    let fx = feed(&mut app, vec![Action::ReimportSource]);
    assert_eq!(fx, vec![Effect::Reimport("wb_net_migration".into())]);
    // Its result goes through ops::reimport_source: a changed value is replaced.
    let mut out = Outcome::new(Format::WorldBankApi, "world_bank_wdi", "Net migration");
    out.records.push(Record {
        country: "MEX".into(),
        observation: Observation::new("net_migration", "2015", -61000.0, ""),
    });
    feed(
        &mut app,
        vec![Action::Reimported(Ok(Box::new((
            "wb_net_migration".into(),
            "ef".repeat(32),
            out,
        ))))],
    );
    let p = app.profile().unwrap();
    let vals: Vec<f64> = p
        .observations
        .iter()
        .filter(|o| o.source == "wb_net_migration")
        .map(|o| o.value)
        .collect();
    assert_eq!(vals, vec![-61000.0], "{:?}", app.status);
    assert_eq!(
        p.source("wb_net_migration").unwrap().sha256.as_deref(),
        Some("ef".repeat(32).as_str())
    );
}

/// While the "too small" message shows, no key but quit acts on the hidden screen.
#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let mut app = app();
    feed(&mut app, vec![Action::GoScreen(Screen::Home)]);
    feed(&mut app, vec![Action::Resized(59, 20)]);
    assert!(app.too_small());
    let before_screen = app.screen;
    let fx = feed(
        &mut app,
        vec![
            Action::NewProfile,
            Action::Edit(EditOp::Insert('q')),
            Action::Select,
            Action::NextScreen,
        ],
    );
    assert!(fx.is_empty());
    assert!(app.overlay.is_none(), "no dialog opened behind the message");
    assert_eq!(app.screen, before_screen);
    // Effect results still arrive.
    feed(&mut app, vec![Action::ProfilesScanned(Vec::new())]);
    assert!(app.entries.is_empty());
    // 80x22 is big enough again, and so is 60x20 (the compact layout); 60x19 is not.
    feed(&mut app, vec![Action::Resized(80, 22)]);
    assert!(!app.too_small());
    feed(&mut app, vec![Action::Resized(60, 20)]);
    assert!(!app.too_small());
    feed(&mut app, vec![Action::Resized(60, 19)]);
    assert!(app.too_small());
    // Quit works, and keeps unsaved changes for recovery.
    app.dirty = true;
    let fx = feed(&mut app, vec![Action::Quit]);
    assert!(app.quit);
    assert_eq!(fx, vec![Effect::Autosave]);
}

/// `/` finds an indicator by part of its name; `n` then reaches the next match, and with no
/// search `n` goes from problem to problem.
#[test]
fn search_finds_by_name_and_n_jumps() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Gaps), Action::Search],
    );
    assert_eq!(app.mode(), Mode::Picker);
    feed(&mut app, typed("migrant st"));
    let hits = app.search("migrant st");
    assert!(
        hits.iter()
            .all(|h| h.label.contains("International migrant stock")),
        "{hits:?}"
    );
    assert!(hits.len() >= 2, "imm_stock is in two sections: {hits:?}");
    let t = text(&draw(&app, 80, 24));
    assert!(
        t.contains("Find") && t.contains("International migrant stock"),
        "{t}"
    );
    feed(&mut app, vec![Action::Select]);
    assert_eq!(app.screen, Screen::Indicators);
    assert_eq!(app.current_indicator(), Some("imm_stock"));
    let first = app.cursors.indicators;
    feed(&mut app, vec![Action::NextMatch]);
    assert_eq!(app.current_indicator(), Some("imm_stock"));
    assert_ne!(app.cursors.indicators, first, "n goes to the next match");
    feed(&mut app, vec![Action::PrevMatch]);
    assert_eq!(app.cursors.indicators, first);
    // By status: every hit is a missing indicator.
    for h in app.search("missing") {
        assert!(h.label.starts_with("missing "), "{h:?}");
    }
    // Providers and sources are found too.
    assert!(
        app.search("unhcr")
            .iter()
            .any(|h| h.screen == Screen::Sources),
        "providers are searched"
    );
    // Without a search, n walks the problems (not filled).
    app.last_search = None;
    app.cursors.indicators = 0;
    feed(&mut app, vec![Action::NextMatch]);
    let st = app.derived.ind_rows.get(app.cursors.indicators).cloned();
    assert!(
        matches!(st, Some(IndRow::Indicator { status, .. }) if status != IndStatus::Filled),
        "{st:?}"
    );
}

/// Every message goes to the log (`L`), the last 100 kept, newest shown first.
#[test]
fn messages_are_logged_and_the_log_opens_on_l() {
    let mut app = app();
    app.messages.clear();
    feed(&mut app, vec![Action::Messages]);
    assert!(app.overlay.is_none(), "an empty log does not open");
    assert_eq!(app.messages.len(), 1, "it says so, and that is logged");
    for _ in 0..60 {
        feed(&mut app, vec![Action::Undo, Action::Redo]);
    }
    // "No messages yet" + 120 messages from undo / redo with nothing to undo: 100 kept.
    assert_eq!(app.messages.len(), 100);
    feed(&mut app, vec![Action::Messages]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Messages { cursor: 0, .. })
    ));
    feed(&mut app, vec![Action::Down, Action::Down, Action::Bottom]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Messages { cursor: 99, .. })
    ));
    feed(&mut app, vec![Action::Cancel]);
    assert!(app.overlay.is_none());
    assert_eq!(
        keymap::map_key(Mode::Normal, Screen::Sources, &key(KeyCode::Char('L')))
            .map(|a| format!("{a:?}")),
        Some("Messages".to_string())
    );
}

/// A dismissed draft leaves the drafts, is listed as dismissed, and comes back once: never
/// twice, and never while the plan has an action for its indicator.
#[test]
fn drafts_can_be_dismissed_and_restored_without_duplicates() {
    use migprof::tui::app::PlanRow;
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Gaps), Action::Bottom],
    );
    let drafts = app.derived.drafts.len();
    assert!(drafts > 0, "the fixture profile has drafted actions");
    let ind = app.derived.drafts.last().expect("draft").indicator.clone();
    let fx = feed(&mut app, vec![Action::DismissAction]);
    assert!(fx.is_empty(), "a dismissal is not an edit of the profile");
    assert!(!app.dirty);
    assert_eq!(app.derived.drafts.len(), drafts - 1);
    assert_eq!(app.derived.dismissed.len(), 1);
    assert!(matches!(
        app.derived.plan_rows.last(),
        Some(PlanRow::Dismissed(0))
    ));
    // Still dismissed after any change to the profile (refresh).
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Narrative), Action::InsertGenerated],
    );
    assert!(!app.derived.drafts.iter().any(|d| d.indicator == ind));
    assert_eq!(app.derived.dismissed.len(), 1, "once, not twice");
    // A dismissed draft cannot be adopted before it is restored.
    feed(
        &mut app,
        vec![
            Action::GoScreen(Screen::Gaps),
            Action::Bottom,
            Action::AdoptAction,
        ],
    );
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    feed(&mut app, vec![Action::DismissAction]);
    assert_eq!(app.derived.drafts.len(), drafts);
    assert!(app.derived.dismissed.is_empty());
    assert_eq!(
        app.derived
            .drafts
            .iter()
            .filter(|d| d.indicator == ind)
            .count(),
        1,
        "restored once"
    );
    // The cursor follows the restored draft, which adopts as usual.
    assert!(matches!(
        app.derived.plan_rows.get(app.cursors.gaps),
        Some(PlanRow::Draft(i)) if app.derived.drafts[*i].indicator == ind
    ));
    feed(&mut app, vec![Action::AdoptAction]);
    assert!(!app.derived.drafts.iter().any(|d| d.indicator == ind));
    assert!(!app.derived.dismissed.iter().any(|d| d.indicator == ind));
}

/// Home lists the user's profiles first, then the examples, each by file name.
#[test]
fn home_is_sorted() {
    let mut app = app();
    let mut ex = entry("profiles/examples/aaa.toml");
    ex.example = true;
    feed(
        &mut app,
        vec![Action::ProfilesScanned(vec![
            entry("profiles/tur.toml"),
            ex,
            entry("profiles/Deu.toml"),
            entry("profiles/mex.toml"),
        ])],
    );
    let names: Vec<String> = app
        .entries
        .iter()
        .map(|e| e.path.display().to_string())
        .collect();
    assert_eq!(
        names,
        vec![
            "profiles/Deu.toml",
            "profiles/mex.toml",
            "profiles/tur.toml",
            "profiles/examples/aaa.toml"
        ]
    );
}

/// `?` shows the keys; Tab turns to what the statuses mean; any other key closes.
#[test]
fn help_has_a_page_on_statuses() {
    let mut app = app();
    feed(&mut app, vec![Action::Help]);
    assert_eq!(
        keymap::map_key(Mode::Help, Screen::Sources, &key(KeyCode::Tab)).map(|a| format!("{a:?}")),
        Some("NextScreen".to_string())
    );
    feed(&mut app, vec![Action::NextScreen]);
    assert!(app.help && app.help_page == 1);
    feed(&mut app, vec![Action::NextScreen]);
    assert!(app.help && app.help_page == 2);
    feed(&mut app, vec![Action::NextScreen]);
    assert!(!app.help && app.help_page == 0);
    assert_eq!(
        app.screen,
        Screen::Sources,
        "closing the help moves nowhere"
    );
}

/// An indicator with two drafts (stale, and of low quality: Germany's asylum decisions in
/// profiles/deu.toml): dismissing one leaves the other, and the dismissed one shows once.
#[test]
fn dismissing_one_of_two_drafts_of_an_indicator_keeps_the_other() {
    use migprof::tui::app::{App, Options, PlanRow};
    use migprof::tui::effect;
    let env = migprof::cli::Env::load(None).expect("catalogue");
    let template = migprof::template::Template::iom().expect("template");
    let opts = Options {
        no_color: false,
        ascii: false,
    };
    let mut app = App::new(env.catalogue, env.countries, template, opts, "2026-01-15");
    if let Some(a) = effect::run(&app, Effect::Open("profiles/deu.toml".into())) {
        let _ = update(&mut app, a);
    }
    assert!(app.file.is_some(), "{:?}", app.status);
    let ind = "asylum_decisions_total";
    let n = |app: &App| {
        app.derived
            .drafts
            .iter()
            .filter(|d| d.indicator == ind)
            .count()
    };
    assert_eq!(n(&app), 2, "stale and low quality: two drafts");
    let row = app
        .derived
        .plan_rows
        .iter()
        .position(|r| matches!(r, PlanRow::Draft(i) if app.derived.drafts[*i].indicator == ind))
        .expect("row");
    feed(&mut app, vec![Action::GoScreen(Screen::Gaps), Action::Top]);
    app.cursors.gaps = row;
    feed(&mut app, vec![Action::DismissAction]);
    assert_eq!(n(&app), 1);
    assert_eq!(app.derived.dismissed.len(), 1);
}

/// Bracketed paste: into the editor with its newlines, into a one-line field as one line,
/// and never as commands on a screen.
#[test]
fn paste_types_into_the_open_editor_or_field_only() {
    let mut app = app();
    feed(&mut app, vec![Action::GoScreen(Screen::Gaps)]);
    let before = app.profile().cloned();
    // "d" would delete an action, "q" quit: pasted on a screen, nothing happens.
    let fx = feed(&mut app, vec![Action::Paste("dq\n".into())]);
    assert!(fx.is_empty() && !app.quit && app.overlay.is_none());
    assert_eq!(app.profile().cloned(), before);
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Narrative), Action::EditText],
    );
    let Some(Overlay::Editor { area, .. }) = &app.overlay else {
        panic!("editor not open: {:?}", app.status)
    };
    let start = area.text();
    feed(
        &mut app,
        vec![Action::Paste("First line.\r\nSecond line.".into())],
    );
    let Some(Overlay::Editor { area, .. }) = &app.overlay else {
        panic!("the paste closed the editor")
    };
    assert_eq!(area.text(), format!("{start}First line.\nSecond line."));
    feed(
        &mut app,
        vec![
            Action::Cancel,
            Action::GoScreen(Screen::Sources),
            Action::AddFile,
        ],
    );
    feed(&mut app, vec![Action::Paste("data/a b\n.csv".into())]);
    let Some(Overlay::AddFile { input, .. }) = &app.overlay else {
        panic!("add-file field not open")
    };
    assert_eq!(input.text, "data/a b .csv");
}

#[test]
fn indicators_are_listed_by_name_and_by_id_on_demand() {
    let mut app = app();
    update(&mut app, Action::GoScreen(Screen::Indicators));
    let list = |app: &migprof::tui::app::App| {
        let t = draw(app, 80, 24);
        text(&t).lines().take(12).collect::<Vec<_>>().join("\n")
    };
    let names = list(&app);
    assert!(names.contains("● Net migration"), "{names}");
    assert!(!names.contains("net_migration"), "{names}");
    // `i` on Indicators: ids; again: names.
    let toggle = keymap::map_key(Mode::Normal, Screen::Indicators, &key(KeyCode::Char('i')));
    assert!(matches!(toggle, Some(Action::ToggleIds)), "{toggle:?}");
    feed(&mut app, vec![Action::ToggleIds]);
    let ids = list(&app);
    assert!(ids.contains("● net_migration"), "{ids}");
    assert!(ids.contains("imm_stock"), "{ids}");
    feed(&mut app, vec![Action::ToggleIds]);
    assert_eq!(list(&app), names);
}
