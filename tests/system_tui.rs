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
    // The full text (v) names the instrument and the agency.
    app.details = true;
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
    assert!(text.contains("Instrument"), "{text}");
    assert!(text.contains("enoe") && text.contains("inegi"), "{text}");
}

/// Rewrite a request workbook with its cells and `cells` filled (`(sheet, row, column)`,
/// row 1-based, column 0-based), as an agency's spreadsheet program would save it.
fn fill(request: &std::path::Path, out: &std::path::Path, cells: &[(&str, u32, u16, f64)]) {
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto(request).expect("open request");
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        let ws = book.add_worksheet();
        ws.set_name(&name).expect("name");
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (i, row) in range.rows().enumerate() {
            for (j, d) in row.iter().enumerate() {
                let (r, c) = (r0 + i as u32, (c0 as usize + j) as u16);
                match d {
                    Data::String(s) => {
                        ws.write_string(r, c, s).expect("write");
                    }
                    Data::Float(f) => {
                        ws.write_number(r, c, *f).expect("write");
                    }
                    _ => {}
                }
            }
        }
        for (sheet, row, col, v) in cells {
            if *sheet == name {
                ws.write_number(row - 1, *col, *v).expect("write");
            }
        }
    }
    book.save(out).expect("save");
}

#[test]
fn tui_import_of_a_returned_request_adds_then_replaces_the_agency_source() {
    let catalogue = Catalogue::embedded().expect("catalogue");
    let countries = Countries::embedded().expect("countries");
    let template = Template::iom().expect("template");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/mex.toml");
    let file = ProfileFile::load(&path).expect("example");
    let books = migprof::system::request::workbooks(
        &file.profile,
        &catalogue,
        &template,
        Some("banxico"),
        &migprof::system::request::RequestOptions {
            issued: "2026-01-15".into(),
            ..Default::default()
        },
    )
    .expect("request");
    let dir = tempfile::tempdir().expect("tempdir");
    let request = dir.path().join(&books[0].file_name);
    std::fs::write(&request, &books[0].bytes).expect("write");
    let mut app = App::new(
        catalogue.clone(),
        countries.clone(),
        template,
        Options {
            no_color: true,
            ascii: true,
        },
        "2026-01-15",
    );
    update(
        &mut app,
        Action::Opened(Ok(Box::new(migprof::tui::action::Opened {
            file,
            recovery: None,
        }))),
    );
    // Remittance inflows 2024 in US$ (sheet "B.2 remit_in", total column B, row 17).
    let import = |app: &mut App, value: f64, name: &str| {
        let returned = dir.path().join(name);
        fill(&request, &returned, &[("B.2 remit_in", 17, 1, value)]);
        let ctx = migprof::ingest::Context {
            catalogue: &catalogue,
            countries: &countries,
            country: Some("MEX"),
            include_aggregates: false,
            mapping: None,
        };
        let outcome = migprof::ingest::import(&returned, None, &ctx).expect("import");
        assert_eq!(outcome.format, migprof::ingest::Format::ReturnedRequest);
        let pending = migprof::tui::app::PendingImport {
            path: returned.display().to_string(),
            sha256: migprof::ops::sha256_file(&returned).expect("sha"),
            format: outcome.format,
            outcome,
            summary: Vec::new(),
            licence: String::new(),
            left_out: Vec::new(),
            projections: 0,
            refused: None,
        };
        update(app, Action::Previewed(Ok(Box::new(pending))));
        update(app, Action::Yes);
    };
    let returned_values = |app: &App| -> Vec<(String, f64)> {
        let p = app.profile().expect("profile");
        let ids: Vec<&str> = p
            .sources
            .iter()
            .filter(|s| s.format.as_deref() == Some("returned_request"))
            .map(|s| s.id.as_str())
            .collect();
        p.observations
            .iter()
            .filter(|o| ids.contains(&o.source.as_str()))
            .map(|o| {
                (
                    format!("{} {} {}", o.source, o.indicator, o.period),
                    o.value,
                )
            })
            .collect()
    };
    import(&mut app, 64_745_000_000.0, "returned.xlsx");
    let first = returned_values(&app);
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(first[0].0.ends_with("remit_in 2024"), "{first:?}");
    assert_eq!(first[0].1, 64_745_000_000.0);
    import(&mut app, 64_750_000_000.0, "returned-2.xlsx");
    let second = returned_values(&app);
    assert_eq!(
        second,
        vec![(first[0].0.clone(), 64_750_000_000.0)],
        "replaced, not added"
    );
}
