//! The TUI's Gaps screen with a data system: the drafted plan holds the instrument-level
//! actions beside the indicator actions, and the detail pane names the instrument.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::profile::ProfileFile;
use migprof::template::Template;
use migprof::tui::action::Action;
use migprof::tui::app::{App, Options, PlanRow, Screen};
use migprof::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn gaps_screen_shows_instrument_level_actions() {
    let mut app = App::new(
        Catalogue::embedded().expect("catalogue"),
        Countries::embedded().expect("countries"),
        Template::iom().expect("template"),
        Options {
            no_color: true,
            ascii: true,
        },
        "2026-01-15",
    );
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/mex.toml");
    let file = ProfileFile::load(&path).expect("example");
    update(
        &mut app,
        Action::Opened(Ok(Box::new(migprof::tui::action::Opened {
            file,
            recovery: None,
        }))),
    );
    update(&mut app, Action::GoScreen(Screen::Gaps));
    let drafts = &app.derived.drafts;
    let with_instrument: Vec<usize> = drafts
        .iter()
        .enumerate()
        .filter(|(_, a)| a.instrument.is_some())
        .map(|(i, _)| i)
        .collect();
    // Indicator actions that name an instrument, and the instrument-level ones (9 for the
    // example, as `migprof assess` drafts).
    let own: Vec<&str> = drafts
        .iter()
        .filter_map(|a| a.instrument.as_deref())
        .collect();
    assert!(own.contains(&"enoe") && own.contains(&"ptat"), "{own:?}");
    let target = drafts
        .iter()
        .position(|a| {
            a.instrument.as_deref() == Some("enoe") && a.action.starts_with("Add (or complete)")
        })
        .expect("the ENOE action");
    assert!(with_instrument.contains(&target));
    let row = app
        .derived
        .plan_rows
        .iter()
        .position(|r| matches!(r, PlanRow::Draft(i) if *i == target))
        .expect("plan row");
    app.cursors.gaps = row;
    let mut t = Terminal::new(TestBackend::new(160, 40)).expect("terminal");
    t.draw(|f| migprof::tui::view::view(&app, f)).expect("draw");
    let buf = t.backend().buffer();
    let mut text = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            text.push_str(buf[(x, y)].symbol());
        }
        text.push('\n');
    }
    assert!(
        text.contains("Encuesta Nacional de Ocupación y Empleo (ENOE) (enoe)"),
        "{text}"
    );
}
