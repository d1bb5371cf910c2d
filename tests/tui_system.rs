//! The Data-system screen (issue 11): agencies, instruments with owner, periodicity, latest
//! round and access, the assessment matrix and the instrument-level gaps. Snapshots at 80x24,
//! 60x20 and 120x40, in NO_COLOR and ASCII, on a small data system written here (so they do not
//! move when the example profiles change); the catalogue and topics are the embedded ones.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::profile::{Profile, ProfileFile};
use migprof::system::model::{Agency, Instrument};
use migprof::template::Template;
use migprof::tui::action::{Action, Opened};
use migprof::tui::app::{App, Options, Overlay, Screen, SysRow};
use migprof::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

const SYSTEM: &str = r#"
[[agency]]
id = "nso"
name = "National Statistics Office"
kind = "statistics_office"
role = "Census and labour force survey"
contact = "Director of population statistics"
agreement = { status = "signed", date = "2023-05-10" }

[[agency]]
id = "interior"
name = "Ministry of the Interior"
kind = "interior_ministry"
role = "Residence permits"

[[agency]]
id = "bank"
name = "Central Bank"
kind = "central_bank"
role = "Balance of payments (remittances)"

[[instrument]]
id = "census"
name = "Population and Housing Census 2020"
kind = "census"
agency = "nso"
periodicity = "every 10 years"
latest_round = "2020"
access = "microdata"
topics = { country_of_birth = "collected", citizenship = "collected", year_of_arrival = "partly", reason_for_migration = "not" }

[[instrument]]
id = "lfs"
name = "Labour Force Survey"
kind = "labour_force_survey"
agency = "nso"
periodicity = "quarterly"
latest_round = "2024-Q2"
access = "public_tables"
topics = { country_of_birth = "not", citizenship = "collected", labour_status = "collected" }

[[instrument]]
id = "permits"
name = "Residence-permit register"
kind = "residence_permits"
agency = "interior"
periodicity = "continuous"
access = "restricted"

[[instrument]]
id = "bop"
name = "Balance of payments"
kind = "balance_of_payments"
agency = "bank"
periodicity = "quarterly"
latest_round = "2024-Q1"
access = "public_tables"
"#;

#[derive(serde::Deserialize)]
struct System {
    agency: Vec<Agency>,
    instrument: Vec<Instrument>,
}

fn app(no_color: bool, ascii: bool, with_system: bool) -> App {
    let template = Template::iom().expect("template");
    let mut app = App::new(
        Catalogue::embedded().expect("catalogue"),
        Countries::embedded().expect("countries"),
        template.clone(),
        Options { no_color, ascii },
        "2026-01-15",
    );
    let modules = template
        .sections()
        .filter(|s| s.optional && s.default)
        .map(|s| s.id.clone())
        .collect();
    let mut p = Profile::new("MEX", "Mexico", 2024, modules);
    p.meta.template = template.id.clone();
    if with_system {
        let s: System = toml::from_str(SYSTEM).expect("data system");
        p.agencies = s.agency;
        p.instruments = s.instrument;
    }
    let file = ProfileFile::create(std::path::Path::new("profiles/mex.toml"), p);
    update(
        &mut app,
        Action::Opened(Ok(Box::new(Opened {
            file,
            recovery: None,
        }))),
    );
    app.status = None;
    update(&mut app, Action::GoScreen(Screen::System));
    app
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| migprof::tui::view::view(app, f)).expect("draw");
    t
}

fn text(t: &Terminal<TestBackend>) -> String {
    let b = t.backend().buffer();
    let mut s = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            s.push_str(b[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Move the cursor to a row of the list.
fn to(app: &mut App, row: SysRow) {
    update(app, Action::Top);
    while app.derived.sys_rows.get(app.cursors.system) != Some(&row) {
        let before = app.cursors.system;
        update(app, Action::Down);
        assert_ne!(before, app.cursors.system, "no row {row:?}");
    }
}

const SIZES: [(u16, u16); 3] = [(80, 24), (60, 20), (120, 40)];

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        let t = draw(app, w, h);
        let txt = text(&t);
        assert!(!txt.contains("too small"), "{name} {w}x{h}:\n{txt}");
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn the_screen_lists_agencies_and_instruments() {
    let mut app = app(false, false, true);
    // Reachable from the screen bar: its tab is in the header.
    let head = text(&draw(&app, 80, 24));
    assert!(
        head.lines().next().unwrap_or("").contains("7 Data"),
        "{head}"
    );
    assert_eq!(
        app.derived.sys_rows.len(),
        // Two headings, 3 agencies, 4 instruments.
        2 + 3 + 4
    );
    snap("system_overview", &app);
    to(&mut app, SysRow::Agency(0));
    let t = text(&draw(&app, 80, 24));
    assert!(t.contains("National Statistics Office"), "{t}");
    assert!(t.contains("signed (2023-05-10)"), "{t}");
    assert!(t.contains("census, lfs"), "{t}");
    snap("system_agency", &app);
    // `v`: the full text (role, contact, the provider its contributions are filed under).
    update(&mut app, Action::Details);
    let t = text(&draw(&app, 80, 24));
    assert!(t.contains("Census and labour force survey"), "{t}");
    assert!(t.contains("Director of population statistics"), "{t}");
    snap("system_agency_full", &app);
    update(&mut app, Action::Details);
    // The labour force survey: owner, periodicity, latest round, access, and its gap (it does
    // not collect country of birth).
    to(&mut app, SysRow::Instrument(1));
    let t = text(&draw(&app, 80, 24));
    for want in [
        "Labour Force Survey",
        "nso",
        "quarterly",
        "2024-Q2",
        "public tables",
    ] {
        assert!(t.contains(want), "{want}:\n{t}");
    }
    let t = text(&draw(&app, 120, 40));
    for want in [
        "Labour Force Survey",
        "National Statistics Office (nso)",
        "quarterly",
        "2024-Q2",
        "public tables",
        "Country of birth",
    ] {
        assert!(t.contains(want), "{want}:\n{t}");
    }
    snap("system_instrument", &app);
}

#[test]
fn the_assessment_shows_the_matrix_and_the_gaps() {
    let mut app = app(false, false, true);
    // Enter on any row opens the assessment.
    to(&mut app, SysRow::Instrument(2));
    update(&mut app, Action::Select);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Assessment { scroll: 0 })
    ));
    let a = app.derived.assessment.clone().expect("assessment");
    // The same assessment as `migprof assess`: the LFS row says `not` for country of birth.
    let lfs = a
        .rows
        .iter()
        .find(|r| r.instrument == "lfs")
        .expect("lfs row");
    let cob = a
        .topics
        .iter()
        .position(|t| t == "country_of_birth")
        .expect("topic");
    assert_eq!(
        lfs.cells[cob].coverage,
        migprof::system::model::Coverage::Not
    );
    let t = text(&draw(&app, 120, 40));
    assert!(t.contains("Data assessment"), "{t}");
    assert!(t.contains("lfs"), "{t}");
    assert!(t.contains("Instrument-level gaps"), "{t}");
    snap("system_assessment", &app);
    // Scrolling reaches the gap sentences; Esc closes.
    for _ in 0..12 {
        update(&mut app, Action::Down);
    }
    let t = text(&draw(&app, 80, 24));
    assert!(t.contains("It is not recorded whether"), "{t}");
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_none());
}

#[test]
fn no_color_and_ascii() {
    let mut app = app(true, false, true);
    to(&mut app, SysRow::Instrument(1));
    let t = draw(&app, 80, 24);
    for c in t.backend().buffer().content() {
        assert!(
            c.fg == Color::Reset && c.bg == Color::Reset,
            "a coloured cell in NO_COLOR mode: {c:?}"
        );
    }
    insta::assert_snapshot!("system_nocolor_80x24", t.backend());
    update(&mut app, Action::Select);
    let t = draw(&app, 80, 24);
    insta::assert_snapshot!("system_assessment_nocolor_80x24", t.backend());

    let mut app = app_ascii();
    to(&mut app, SysRow::Instrument(1));
    let t = draw(&app, 80, 24);
    assert!(text(&t).is_ascii(), "{}", text(&t));
    insta::assert_snapshot!("system_ascii_80x24", t.backend());
    update(&mut app, Action::Select);
    let t = draw(&app, 80, 24);
    assert!(text(&t).is_ascii(), "{}", text(&t));
    insta::assert_snapshot!("system_assessment_ascii_80x24", t.backend());
}

fn app_ascii() -> App {
    app(false, true, true)
}

#[test]
fn a_profile_without_a_data_system_says_how_to_add_one() {
    let mut app = app(false, false, false);
    let t = text(&draw(&app, 80, 24));
    assert!(t.contains("No data system recorded"), "{t}");
    assert!(app.derived.assessment.is_none());
    update(&mut app, Action::Select);
    assert!(app.overlay.is_none());
    snap("system_empty", &app);
}
