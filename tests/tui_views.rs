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
        Screen::Narrative | Screen::Gaps | Screen::Build => {}
    }
    app
}

#[test]
fn every_screen() {
    for s in Screen::ALL {
        snap(&format!("screen_{}", s.label().to_lowercase()), &on(s));
    }
}

#[test]
fn every_screen_no_color_has_no_colour_but_shows_the_selection() {
    for s in Screen::ALL {
        let mut app = on(s);
        app.options = options(true, false);
        let t = draw(&app, 80, 24);
        insta::assert_snapshot!(format!("nocolor_{}", s.label().to_lowercase()), t.backend());
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
        insta::assert_snapshot!(format!("ascii_{}", s.label().to_lowercase()), t.backend());
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
        insta::assert_snapshot!(format!("help_{}", s.label().to_lowercase()), t.backend());
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
    let t = draw(&app, 79, 24);
    insta::assert_snapshot!("too_small_79x24", t.backend());
    // 80x23 (an 80x24 terminal with a tmux status line) and 80x22 work; 80x21 does not.
    let t = draw(&app, 80, 23);
    assert!(!text(&t).contains("too small"));
    let t = draw(&app, 80, 21);
    assert!(text(&t).starts_with("Terminal too small (80x21)"));
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
            format!("screen80x22_{}", s.label().to_lowercase()),
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
