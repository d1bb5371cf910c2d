//! Snapshots of every screen at 80x24 and 120x40, in NO_COLOR and ASCII modes, the overlays,
//! and the "terminal too small" message. Views are drawn on ratatui's TestBackend.

mod tui_support;

use migprof::ingest::{Format, Outcome};
use migprof::tui::action::{Action, EditOp};
use migprof::tui::app::{
    App, BuildState, BuildSummary, ConfirmKind, Overlay, PendingImport, PreviewLine, ProfileEntry,
    Screen,
};
use migprof::tui::update::update;
use ratatui::style::{Color, Modifier};
use tui_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        let t = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

fn entries() -> Vec<ProfileEntry> {
    let e = |path: &str, example, country: &str, year| ProfileEntry {
        path: path.into(),
        example,
        title: format!("Migration Profile: {country}"),
        country: country.into(),
        year,
        sources: 2,
        observations: 10,
        error: None,
        recovery: false,
    };
    vec![
        e("profiles/mex.toml", false, "MEX", 2024),
        e("profiles/examples/deu.toml", true, "DEU", 2023),
        ProfileEntry {
            error: Some("profiles/bad.toml:3:1: expected `=`".into()),
            ..e("profiles/bad.toml", false, "", 0)
        },
    ]
}

/// The app on each screen with the cursor somewhere interesting.
fn on(screen: Screen) -> App {
    let mut app = app();
    update(&mut app, Action::ProfilesScanned(entries()));
    update(&mut app, Action::GoScreen(screen));
    match screen {
        Screen::Home => {
            update(&mut app, Action::Down);
        }
        Screen::Sources => {
            // world_bank_wdi
            for _ in 0..6 {
                update(&mut app, Action::Down);
            }
        }
        Screen::Indicators => {
            update(&mut app, Action::Down);
        }
        Screen::Narrative | Screen::Gaps | Screen::Build | Screen::System => {}
    }
    app
}

#[test]
fn every_screen() {
    for s in Screen::ALL {
        snap(&format!("screen_{}", s.tab().to_lowercase()), &on(s));
    }
}

#[test]
fn every_screen_no_color_has_no_colour_but_shows_the_selection() {
    for s in Screen::ALL {
        let mut app = on(s);
        app.options = options(true, false);
        let t = draw(&app, 80, 24);
        insta::assert_snapshot!(format!("nocolor_{}", s.tab().to_lowercase()), t.backend());
        let buf = t.backend().buffer();
        let mut reversed = 0;
        for cell in buf.content() {
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "{s:?}: a coloured cell in NO_COLOR mode: {cell:?}"
            );
            if cell.modifier.contains(Modifier::REVERSED) {
                reversed += 1;
            }
        }
        assert!(reversed > 0, "{s:?}: the selection must stay visible");
    }
}

#[test]
fn every_screen_ascii_has_only_ascii() {
    for s in Screen::ALL {
        let mut app = on(s);
        app.options = options(false, true);
        let t = draw(&app, 80, 24);
        insta::assert_snapshot!(format!("ascii_{}", s.tab().to_lowercase()), t.backend());
        let txt = text(&t);
        assert!(txt.is_ascii(), "{s:?}: non-ASCII in ascii mode:\n{txt}");
    }
}

#[test]
fn home_without_profile() {
    let mut app = bare_app(options(false, false));
    update(&mut app, Action::ProfilesScanned(entries()));
    snap("home_no_profile", &app);
    update(&mut app, Action::GoScreen(Screen::Indicators));
    let t = draw(&app, 80, 24);
    insta::assert_snapshot!("indicators_no_profile", t.backend());
}

#[test]
fn new_profile_wizard_steps() {
    let mut app = bare_app(options(false, false));
    update(&mut app, Action::NewProfile);
    for c in "m".chars() {
        update(&mut app, Action::Edit(EditOp::Insert(c)));
    }
    snap("new_country", &app);
    update(&mut app, Action::Select);
    snap("new_year", &app);
    update(&mut app, Action::Select);
    snap("new_modules", &app);
}

#[test]
fn sources_overlays() {
    let mut app = on(Screen::Sources);
    update(&mut app, Action::AddFile);
    for c in "data/API".chars() {
        update(&mut app, Action::Edit(EditOp::Insert(c)));
    }
    update(
        &mut app,
        Action::Completed {
            input: "data/API".into(),
            completion: "data/API_".into(),
            candidates: vec!["API_SM.POP.NETM.csv".into(), "API_BX.TRF.PWKR.csv".into()],
        },
    );
    snap("add_file", &app);
    update(
        &mut app,
        Action::Previewed(Err(
            "data/API_: not a recognised provider file; tried: worldbank_api (no preamble)".into(),
        )),
    );
    snap("add_file_error", &app);

    let mut outcome = Outcome::new(Format::WorldBankApi, "world_bank_wdi", "Net migration");
    outcome.rows = 266;
    outcome.unmapped_series.insert("SP.POP.TOTL".into(), 1);
    let pending = PendingImport {
        path: "data/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv".into(),
        sha256: "ab".repeat(32),
        format: Format::WorldBankApi,
        outcome,
        summary: vec![PreviewLine {
            indicator: "net_migration".into(),
            count: 64,
            first: "1960".into(),
            last: "2023".into(),
            latest: -51000.0,
        }],
        licence: "CC BY 4.0".into(),
        left_out: Vec::new(),
        projections: 0,
        refused: None,
    };
    app.status = None;
    update(&mut app, Action::Previewed(Ok(Box::new(pending))));
    snap("preview", &app);

    let mut app = on(Screen::Sources);
    update(&mut app, Action::AddManual);
    snap("manual_form", &app);
}

#[test]
fn registered_source_detail() {
    let mut app = on(Screen::Sources);
    update(&mut app, Action::Bottom);
    snap("source_detail", &app);
}

#[test]
fn indicator_overlays() {
    let mut app = on(Screen::Indicators);
    update(&mut app, Action::ChoosePreferred);
    snap("choose_source", &app);
    update(&mut app, Action::Select);
    snap("justify", &app);
    // A stale indicator.
    let mut app = on(Screen::Indicators);
    update(&mut app, Action::Down);
    snap("indicator_stale", &app);
}

#[test]
fn narrative_editor() {
    let mut app = on(Screen::Narrative);
    update(&mut app, Action::EditText);
    for c in " It hosts refugees.".chars() {
        update(&mut app, Action::Edit(EditOp::Insert(c)));
    }
    update(&mut app, Action::Edit(EditOp::Newline));
    update(&mut app, Action::InsertGenerated);
    snap("narrative_editing", &app);
    let t = draw(&app, 80, 24);
    assert!(t.backend().cursor_position().y > 0);
}

#[test]
fn build_results() {
    let mut app = on(Screen::Build);
    app.build = BuildState::Done(BuildSummary {
        out_dir: "out/mex".into(),
        files: vec![
            "out/mex/report.html".into(),
            "out/mex/report.md".into(),
            "out/mex/charts/net_migration.svg".into(),
            "out/mex/data/datapackage.json".into(),
        ],
        skipped: vec!["remittances (no data)".into()],
    });
    snap("build_done", &app);
    app.build = BuildState::Failed("rendering is not implemented yet".into());
    snap("build_failed", &app);
}

#[test]
fn help_and_prompts() {
    for s in Screen::ALL {
        let mut app = on(s);
        update(&mut app, Action::Help);
        let t = draw(&app, 80, 24);
        insta::assert_snapshot!(format!("help_{}", s.tab().to_lowercase()), t.backend());
    }
    let mut app = on(Screen::Gaps);
    app.dirty = true;
    update(&mut app, Action::Quit);
    snap("quit_prompt", &app);
    let mut app = on(Screen::Sources);
    app.overlay = Some(Overlay::Confirm(ConfirmKind::Recovery {
        path: "profiles/mex.recover.toml".into(),
        text: String::new(),
        when: "2026-01-15 10:30 UTC".into(),
    }));
    snap("recovery_prompt", &app);
}

#[test]
fn too_small_shows_one_line_and_never_panics() {
    let app = on(Screen::Indicators);
    let t = draw(&app, 59, 24);
    insta::assert_snapshot!("too_small_59x24", t.backend());
    // 80x23 (an 80x24 terminal with a tmux status line), 80x21 and 60x20 (compact) work;
    // 60x19 does not.
    for (w, h) in [(80, 23), (80, 21), (60, 20), (79, 24)] {
        let t = draw(&app, w, h);
        assert!(!text(&t).contains("too small"), "{w}x{h}");
    }
    let t = draw(&app, 60, 19);
    assert!(text(&t).starts_with("Terminal too small (60x19)"));
    for (w, h) in [
        (0, 0),
        (1, 1),
        (0, 5),
        (5, 0),
        (2, 30),
        (200, 1),
        (80, 24),
        (300, 100),
    ] {
        for s in Screen::ALL {
            let mut app = on(s);
            draw(&app, w, h);
            update(&mut app, Action::Help);
            draw(&app, w, h);
        }
    }
}

/// An 80x24 terminal with a tmux or screen status line is 80x23; full function down to 80x22.
#[test]
fn every_screen_at_80x22() {
    for s in Screen::ALL {
        let app = on(s);
        let t = draw(&app, 80, 22);
        insta::assert_snapshot!(
            format!("screen80x22_{}", s.tab().to_lowercase()),
            t.backend()
        );
        let txt = text(&t);
        assert!(!txt.contains("too small"), "{s:?}:\n{txt}");
        // The key bar (last line) and the header (first line) are both there.
        let lines: Vec<&str> = txt.lines().collect();
        assert!(
            lines.first().is_some_and(|l| l.contains("1 Home")),
            "{s:?}:\n{txt}"
        );
        assert!(
            lines.last().is_some_and(|l| l.contains("quit")),
            "{s:?}:\n{txt}"
        );
    }
}

/// A new view at 80x24, 60x20 and 120x40; NO_COLOR (80x24) and ASCII (60x20) too, with
/// no coloured cell in NO_COLOR and only ASCII in ASCII mode at every size.
fn snap_new(name: &str, app: &mut App) {
    let opts = app.options;
    for (w, h) in [(80, 24), (60, 20), (120, 40)] {
        app.options = opts;
        let t = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        app.options = options(true, false);
        let t = draw(app, w, h);
        if (w, h) == (80, 24) {
            insta::assert_snapshot!(format!("{name}_nocolor_{w}x{h}"), t.backend());
        }
        for cell in t.backend().buffer().content() {
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "{name} {w}x{h}: a coloured cell in NO_COLOR mode: {cell:?}"
            );
        }
        app.options = options(false, true);
        let t = draw(app, w, h);
        if (w, h) == (60, 20) {
            insta::assert_snapshot!(format!("{name}_ascii_{w}x{h}"), t.backend());
        }
        let txt = text(&t);
        assert!(
            txt.is_ascii(),
            "{name} {w}x{h}: non-ASCII in ascii mode:\n{txt}"
        );
    }
    app.options = opts;
}

const LONG_ERROR: &str = "data/unhcr/population_2024-11-30_very_long_folder_name/population.csv: \
    already imported as source `unhcr_refugee_data_finder` (same file, same sha256); \
    i re-imports it from the Sources list";

/// A message longer than the line opens above it, reason first, wrapped at words; the log
/// (`L`) lists every message a row each, and Enter shows the selected one in full.
#[test]
fn long_messages_and_the_log() {
    let mut app = on(Screen::Sources);
    update(&mut app, Action::Previewed(Err(LONG_ERROR.into())));
    let t = draw(&app, 80, 24);
    let txt = text(&t);
    assert!(txt.contains("Already imported as source"), "{txt}");
    assert!(txt.contains("Esc closes"), "{txt}");
    snap_new("long_error", &mut app);
    update(&mut app, Action::Messages);
    snap_new("messages", &mut app);
    // Enter: the message under the cursor in full, reason first; Enter again: the list.
    update(&mut app, Action::Select);
    let txt = text(&draw(&app, 80, 24))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        txt.contains("Already imported as source") && txt.contains("(data/unhcr/population_"),
        "{txt}"
    );
    snap_new("messages_full", &mut app);
    update(&mut app, Action::Select);
    assert!(text(&draw(&app, 80, 24)).contains("Enter: the message in full"));
    // Esc closes the log; Esc again clears the message and its box.
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Cancel);
    assert!(!text(&draw(&app, 80, 24)).contains("Esc closes"));
}

/// The import preview lists the warnings and accounts for every row read.
#[test]
fn preview_lists_warnings_and_row_accounting() {
    use migprof::ingest::Warning;
    let mut app = on(Screen::Sources);
    let mut outcome = Outcome::new(Format::UnhcrRdf, "unhcr", "Refugee Data Finder");
    outcome.rows = 12;
    outcome.used = 9;
    outcome.dropped.insert("aggregate".into(), 2);
    outcome.dropped.insert("missing-value marker".into(), 1);
    for (line, m) in [
        (4, "value `-` read as missing"),
        (7, "year `2023*` read as 2023"),
        (9, "origin `XXA` is not a country"),
        (11, "duplicate of line 10"),
    ] {
        outcome.warnings.push(Warning {
            line,
            message: m.into(),
        });
    }
    let pending = PendingImport {
        path: "data/unhcr/population.csv".into(),
        sha256: "cd".repeat(32),
        format: Format::UnhcrRdf,
        outcome,
        summary: vec![PreviewLine {
            indicator: "refugees_hosted".into(),
            count: 9,
            first: "2015".into(),
            last: "2023".into(),
            latest: 2_593_007.0,
        }],
        licence: "CC BY 4.0".into(),
        left_out: Vec::new(),
        projections: 0,
        refused: None,
    };
    update(&mut app, Action::Previewed(Ok(Box::new(pending))));
    let txt = text(&draw(&app, 80, 24));
    assert!(
        txt.contains("Rows: 12 read, 9 used; dropped: 2 aggregate, 1 missing-value marker"),
        "{txt}"
    );
    assert!(txt.contains("line 4: value `-` read as missing"), "{txt}");
    assert!(txt.contains("and 1 more"), "{txt}");
    assert!(txt.contains("Import these values?"), "{txt}");
    // Every warning is in the log.
    assert!(
        app.messages
            .iter()
            .any(|m| m.text.ends_with("line 11: duplicate of line 10"))
    );
    snap_new("preview_warnings", &mut app);
}

#[test]
fn gaps_with_a_dismissed_draft() {
    let mut app = on(Screen::Gaps);
    update(&mut app, Action::Bottom);
    update(&mut app, Action::DismissAction);
    update(&mut app, Action::Bottom);
    // By name: the id (`remit_in`) is for the profile file.
    assert!(text(&draw(&app, 80, 24)).contains("[-] Personal remittances received"));
    snap_new("gaps_dismissed", &mut app);
}

#[test]
fn home_marks_the_open_profile_and_recovery_files() {
    let mut app = app();
    let mut e = entries();
    e[1].recovery = true;
    update(&mut app, Action::ProfilesScanned(e));
    update(&mut app, Action::GoScreen(Screen::Home));
    update(&mut app, Action::Down);
    let txt = text(&draw(&app, 80, 24));
    assert!(txt.contains("• mex.toml"), "{txt}");
    assert!(txt.contains("+recovery"), "{txt}");
    snap_new("home_marked", &mut app);
}

#[test]
fn help_explains_statuses_and_source_order() {
    let mut app = on(Screen::Indicators);
    update(&mut app, Action::Help);
    update(&mut app, Action::NextScreen);
    for (w, h) in [(80, 24), (60, 20)] {
        let txt = text(&draw(&app, w, h));
        for word in [
            "filled",
            "conflicting",
            "stale",
            "missing",
            "projection",
            "latest value",
        ] {
            assert!(txt.contains(word), "{word} at {w}x{h}:\n{txt}");
        }
    }
    snap_new("help_statuses", &mut app);
    update(&mut app, Action::NextScreen);
    for (w, h) in [(80, 24), (60, 20)] {
        let txt = text(&draw(&app, w, h));
        for word in [
            "preferred source",
            "government",
            "custodian",
            "listed first",
        ] {
            assert!(txt.contains(word), "{word} at {w}x{h}:\n{txt}");
        }
    }
    snap_new("help_sources", &mut app);
}

/// 60x20: every screen in the compact layout, the detail pane under the list.
#[test]
fn every_screen_compact_at_60x20() {
    for s in Screen::ALL {
        let mut app = on(s);
        let t = draw(&app, 60, 20);
        let txt = text(&t);
        let lines: Vec<&str> = txt.lines().collect();
        assert!(!txt.contains("too small"), "{s:?}:\n{txt}");
        assert!(
            lines.first().is_some_and(|l| l.contains(s.label())),
            "{s:?}:\n{txt}"
        );
        assert!(
            lines.last().is_some_and(|l| !l.trim().is_empty()),
            "{s:?}:\n{txt}"
        );
        snap_new(&format!("compact_{}", s.tab().to_lowercase()), &mut app);
    }
}

#[test]
fn ascii_mode_shows_names_from_profiles_without_their_accents() {
    let named = |path: &str, country: &str, name: &str| ProfileEntry {
        path: path.into(),
        example: false,
        title: format!("Migration Profile: {name}"),
        country: country.into(),
        year: 2024,
        sources: 2,
        observations: 10,
        error: None,
        recovery: false,
    };
    let mut app = app();
    update(
        &mut app,
        Action::ProfilesScanned(vec![
            named("profiles/tur.toml", "TUR", "Türkiye"),
            named("profiles/civ.toml", "CIV", "Côte d’Ivoire – 2024"),
        ]),
    );
    update(&mut app, Action::GoScreen(Screen::Home));
    // The list reads civ.toml, then tur.toml; the selected one's title is in the detail pane.
    update(&mut app, Action::Down);
    let utf8 = text(&draw(&app, 80, 24));
    assert!(utf8.contains("Côte d’Ivoire – 2024"), "{utf8}");
    app.options = options(false, true);
    let txt = text(&draw(&app, 80, 24));
    assert!(txt.is_ascii(), "non-ASCII in ascii mode:\n{txt}");
    assert!(txt.contains("Cote d'Ivoire - 2024"), "{txt}");
    update(&mut app, Action::Down);
    let txt = text(&draw(&app, 80, 24));
    assert!(txt.is_ascii(), "non-ASCII in ascii mode:\n{txt}");
    assert!(txt.contains("Migration Profile: Turkiye"), "{txt}");
}

/// The profile's sources are listed by what they hold and who publishes it, not by ids that
/// look alike once cut to the list's 30 columns.
#[test]
fn profile_sources_are_listed_by_what_they_hold() {
    use migprof::model::{Observation, Source};
    use migprof::profile::ProfileFile;
    let mut app = bare_app(options(false, false));
    let mut p = profile();
    for (id, provider, dataset) in [
        // Two World Bank files of one dataset: told apart by the indicator each holds.
        ("wdi_1", "world_bank_wdi", "World Development Indicators"),
        ("wdi_2", "world_bank_wdi", "World Development Indicators"),
        // Two datasets of one provider under one heading: told apart by what follows it.
        (
            "rdf_pop",
            "unhcr_rdf",
            "UNHCR Refugee Data Finder: Population",
        ),
        (
            "rdf_asy",
            "unhcr_rdf",
            "UNHCR Refugee Data Finder: Asylum applications",
        ),
        // A dataset named like its provider: said once.
        ("acad", "colmex", "survey programme"),
        // Two vintages of one file, holding the same indicator: only their ids differ.
        ("old_netm", "redodem", "Shelter records"),
        ("new_netm", "redodem", "Shelter records"),
    ] {
        p.sources.push(Source {
            id: id.into(),
            provider: provider.into(),
            dataset: dataset.into(),
            licence: "CC BY 4.0".into(),
            ..Source::default()
        });
    }
    for (ind, source, n) in [
        ("remit_in", "wdi_1", 3),
        ("net_migration", "wdi_1", 1),
        ("net_migration", "wdi_2", 2),
        ("refugees_in", "rdf_pop", 1),
        ("refugees_in", "rdf_asy", 1),
        ("imm_stock", "old_netm", 1),
        ("imm_stock", "new_netm", 1),
    ] {
        for y in 0..n {
            p.observations
                .push(Observation::new(ind, &(2000 + y).to_string(), 1.0, source));
        }
    }
    open(
        &mut app,
        ProfileFile::create(std::path::Path::new("profiles/mex.toml"), p),
    );
    update(&mut app, Action::GoScreen(Screen::Sources));
    update(&mut app, Action::Bottom);
    let screen = text(&draw(&app, 120, 40));
    for name in [
        // (cut to the list's width)
        "Personal remittances received - World Bank, ",
        "Net migration - World Bank, World Developmen",
        "Net migration (SM.POP.NETM) - World Bank, Wo",
        "Population - UNHCR Refugee Data Finder",
        "Asylum applications - UNHCR Refugee Data Fin",
        "Census 2020 - National statistics office (IN",
        "old_netm",
        "new_netm",
    ] {
        assert!(
            screen.contains(name),
            "{name:?} not on the screen:\n{screen}"
        );
    }
    assert!(
        !screen.contains("survey programme - Academic"),
        "the provider's name twice:\n{screen}"
    );
    for id in [
        "wdi_1",
        "wdi_2",
        "rdf_pop",
        "rdf_asy",
        "inegi_census",
        "acad",
    ] {
        assert!(!screen.contains(id), "{id} listed by its id:\n{screen}");
    }
    // The cursor's source (the last) shows its id in the pane, and one value in the singular.
    assert!(screen.contains("Id        new_netm"), "{screen}");
    assert!(screen.contains("1 indicator, 1 value"), "{screen}");
}

/// The Indicators pane names the registry's providers of an empty indicator by name, and a
/// section's source rows leave "latest" empty (values of different indicators do not add up),
/// rather than "-", which reads as "no data".
#[test]
fn indicator_pane_names_providers_and_sections_show_no_latest() {
    let mut app = app();
    update(&mut app, Action::GoScreen(Screen::Indicators));
    let mut empty = None;
    let mut section = None;
    for _ in 0..30 {
        let s = text(&draw(&app, 80, 24));
        let pane: Vec<&str> = s.lines().skip_while(|l| !l.starts_with('─')).collect();
        let title = pane.get(1).copied().unwrap_or("");
        if title.contains("Personal remittances received") {
            empty = Some(s.clone());
        }
        if title.trim_start().starts_with("A.2 ") {
            section = Some(s.clone());
        }
        update(&mut app, Action::Down);
    }
    let empty = empty.expect("the cursor reached Personal remittances received");
    assert!(
        empty.contains("From      World Bank, World Development"),
        "{empty}"
    );
    assert!(!empty.contains("world_bank_wdi"), "{empty}");
    let section = section.expect("the cursor reached section A.2");
    let row = section
        .lines()
        .find(|l| l.contains("inegi_census"))
        .unwrap_or_else(|| panic!("no source row:\n{section}"));
    assert!(!row.trim_end().ends_with('-'), "{row:?}");
}
