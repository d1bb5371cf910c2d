//! Imports, re-imports and builds run off the event loop (issue 13, item 8): `update` marks the
//! job, keys keep working while it runs, a second job is refused with a message, quitting asks,
//! and the result is applied when it comes back. The work itself (`effect::background`) is
//! tested on a real thread with a real provider file.

mod tui_support;

use migprof::profile::Profile;
use migprof::tui::action::{Action, EditOp, Effect};
use migprof::tui::app::{BuildState, BuildSummary, ConfirmKind, JobKind, Mode, Overlay, Screen};
use migprof::tui::effect;
use tui_support::*;

fn typed(s: &str) -> Vec<Action> {
    s.chars().map(|c| Action::Edit(EditOp::Insert(c))).collect()
}

fn start_import(app: &mut migprof::tui::app::App) {
    feed(
        app,
        vec![Action::GoScreen(Screen::Sources), Action::AddFile],
    );
    feed(app, typed("data/x.csv"));
    let fx = feed(app, vec![Action::Select]);
    assert_eq!(fx, vec![Effect::Preview("data/x.csv".into())]);
}

fn message(app: &migprof::tui::app::App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn keys_work_while_an_import_runs_and_a_second_one_waits() {
    let mut app = app();
    start_import(&mut app);
    let job = app.job.clone().expect("a job runs");
    assert_eq!(job.kind, JobKind::Import);
    assert_eq!(job.label, "Reading x.csv");
    // The dialog can be closed; navigation, help and the log answer meanwhile.
    feed(&mut app, vec![Action::Cancel]);
    assert_eq!(app.mode(), Mode::Normal);
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Indicators), Action::Down],
    );
    assert_eq!(
        (app.screen, app.cursors.indicators),
        (Screen::Indicators, 1)
    );
    feed(&mut app, vec![Action::Help]);
    assert_eq!(app.mode(), Mode::Help);
    feed(&mut app, vec![Action::Cancel, Action::Messages]);
    assert!(matches!(app.overlay, Some(Overlay::Messages { .. })));
    feed(&mut app, vec![Action::Cancel]);
    // A second import, a re-import and a build are refused while it runs.
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Sources), Action::AddFile],
    );
    feed(&mut app, typed("data/y.csv"));
    assert!(feed(&mut app, vec![Action::Select]).is_empty());
    assert!(
        message(&app).contains("Reading x.csv is still running"),
        "{}",
        message(&app)
    );
    feed(&mut app, vec![Action::Cancel]);
    assert!(
        feed(
            &mut app,
            vec![Action::GoScreen(Screen::Build), Action::Build]
        )
        .is_empty()
    );
    assert_eq!(app.build, BuildState::Idle);
    // Opening another profile would send the result to the wrong one: refused too.
    assert!(feed(&mut app, vec![Action::NewProfile]).is_empty());
    assert!(app.overlay.is_none());
    // The progress line ticks once a second, at the right of the message line.
    feed(&mut app, vec![Action::JobTick(3)]);
    let t = text(&draw(&app, 80, 24));
    let line = t.lines().nth(22).unwrap_or("");
    assert!(line.ends_with("Reading x.csv 3 s"), "{t}");
    // The result arrives: applied on the loop, the preview opens, the job is over.
    let p = pending_import(&app);
    feed(&mut app, vec![Action::Previewed(Ok(Box::new(p)))]);
    assert!(app.job.is_none());
    assert!(matches!(app.overlay, Some(Overlay::Preview(_))));
    assert_eq!(feed(&mut app, vec![Action::Yes]), vec![Effect::Autosave]);
    assert!(
        message(&app).contains("Imported 2 values"),
        "{}",
        message(&app)
    );
}

#[test]
fn a_preview_waits_for_the_editor_to_close() {
    let mut app = app();
    start_import(&mut app);
    feed(
        &mut app,
        vec![
            Action::Cancel,
            Action::GoScreen(Screen::Narrative),
            Action::EditText,
        ],
    );
    feed(&mut app, typed(" More."));
    let p = pending_import(&app);
    feed(&mut app, vec![Action::Previewed(Ok(Box::new(p)))]);
    // The editor keeps its text and stays open; the preview waits.
    assert!(matches!(app.overlay, Some(Overlay::Editor { .. })));
    assert!(message(&app).contains("ready"), "{}", message(&app));
    feed(&mut app, vec![Action::Cancel]);
    assert!(matches!(app.overlay, Some(Overlay::Preview(_))));
    let text = &app.profile().expect("profile").narrative["KS"];
    assert!(text.ends_with("More."), "{text}");
}

#[test]
fn quitting_during_an_import_asks_then_leaves_it() {
    let mut app = app();
    start_import(&mut app);
    feed(&mut app, vec![Action::Cancel, Action::Quit]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(ConfirmKind::QuitDuringJob))
    ));
    feed(&mut app, vec![Action::No]);
    assert!(!app.quit && app.job.is_some(), "n keeps working");
    feed(&mut app, vec![Action::Quit, Action::Yes]);
    // The profile is saved (not dirty): nothing else to ask.
    assert!(app.quit);
}

#[test]
fn quitting_during_a_build_waits_for_it() {
    let mut app = app();
    let fx = feed(
        &mut app,
        vec![Action::GoScreen(Screen::Build), Action::Build],
    );
    assert_eq!(fx, vec![Effect::Build]);
    assert_eq!(app.job.as_ref().map(|j| j.kind), Some(JobKind::Build));
    feed(&mut app, vec![Action::Quit, Action::Yes]);
    assert!(
        !app.quit,
        "an abandoned build would leave its folder half written"
    );
    assert!(message(&app).contains("Quitting when the build ends"));
    feed(&mut app, vec![Action::Down]);
    feed(
        &mut app,
        vec![Action::Built(Ok(BuildSummary {
            out_dir: "out/mex".into(),
            files: vec!["out/mex/report.html".into()],
            skipped: Vec::new(),
        }))],
    );
    assert!(app.job.is_none());
    assert!(app.quit);
}

#[test]
fn ctrl_c_during_a_job_asks_first_and_twice_quits() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Build), Action::Build],
    );
    feed(&mut app, vec![Action::Interrupt]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(ConfirmKind::QuitDuringJob))
    ));
    assert!(!app.quit);
    feed(&mut app, vec![Action::Cancel]);
    assert!(!app.quit && !app.interrupted);
    feed(&mut app, vec![Action::Interrupt, Action::Interrupt]);
    assert!(app.quit, "a second Ctrl-C quits at once");
}

#[test]
fn a_failed_worker_ends_the_job_with_a_message() {
    let mut app = app();
    feed(
        &mut app,
        vec![Action::GoScreen(Screen::Build), Action::Build],
    );
    feed(&mut app, vec![Action::JobFailed("no threads left".into())]);
    assert!(app.job.is_none());
    assert!(matches!(app.build, BuildState::Failed(_)));
    assert!(app.status.as_ref().is_some_and(|s| s.error));
}

fn pending_import(app: &migprof::tui::app::App) -> migprof::tui::app::PendingImport {
    use migprof::ingest::{Format, Outcome, Record};
    use migprof::model::Observation;
    let _ = app;
    let mut outcome = Outcome::new(Format::WorldBankApi, "world_bank_wdi", "Net migration");
    // Years the profile's World Bank source does not hold (2015-2023), so nothing is refused.
    for (period, v) in [("2013", -1.0), ("2014", -2.0)] {
        outcome.records.push(Record {
            country: "MEX".into(),
            observation: Observation::new("net_migration", period, v, ""),
        });
    }
    outcome.rows = 2;
    migprof::tui::app::PendingImport {
        path: "data/x.csv".into(),
        sha256: "ef".repeat(32),
        format: Format::WorldBankApi,
        outcome,
        summary: Vec::new(),
        licence: String::new(),
        left_out: Vec::new(),
        projections: 0,
        refused: None,
    }
}

/// The work runs on a thread of its own with copies of what it reads, and gives what the
/// synchronous effect gives. The real World Bank file: Mexico has 64 yearly values,
/// 1960-2023, the last `"-50239"` for 2023 (row "Mexico", column "2023").
#[test]
fn the_worker_reads_a_real_file_on_its_own_thread() {
    let Some(path) =
        migprof::testdata::shared_data("worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv")
    else {
        return;
    };
    let mut app = app();
    // A profile without the World Bank source, so nothing is refused as already imported.
    if let Some(f) = app.file.as_mut() {
        f.profile = Profile::new("MEX", "Mexico", 2024, vec!["B.1".into()]);
    }
    app.refresh();
    let e = Effect::Preview(path.clone());
    assert!(effect::is_background(&e));
    let work = effect::background(&app, &e).expect("background work");
    let from_thread = std::thread::spawn(work).join().expect("worker");
    let Action::Previewed(Ok(p)) = from_thread else {
        panic!("not a preview: {from_thread:?}");
    };
    let line = p
        .summary
        .iter()
        .find(|l| l.indicator == "net_migration")
        .expect("net_migration");
    assert_eq!(
        (line.count, line.first.as_str(), line.last.as_str()),
        (64, "1960", "2023")
    );
    assert_eq!(line.latest, -50239.0);
    let Some(Action::Previewed(Ok(q))) = effect::run(&app, e) else {
        panic!("the synchronous effect failed");
    };
    assert_eq!(
        (p.sha256.as_str(), &p.summary),
        (q.sha256.as_str(), &q.summary)
    );
    // The builds and re-imports go to the worker too; saving does not.
    assert!(effect::is_background(&Effect::Build));
    assert!(effect::is_background(&Effect::Reimport("x".into())));
    assert!(!effect::is_background(&Effect::Save));
}

/// The progress line and the quit-during-a-job question, at 80x24, 60x20 and 120x40, in
/// NO_COLOR and ASCII.
#[test]
fn snapshots_of_a_running_job() {
    for (name, opts) in [
        ("color", options(false, false)),
        ("nocolor", options(true, false)),
        ("ascii", options(false, true)),
    ] {
        let mut app = app_with(opts);
        start_import(&mut app);
        feed(&mut app, vec![Action::Cancel, Action::JobTick(12)]);
        for (w, h) in [(80, 24), (60, 20), (120, 40)] {
            let t = draw(&app, w, h);
            let txt = text(&t);
            assert!(txt.contains("Reading x.csv 12 s"), "{w}x{h}:\n{txt}");
            if name == "ascii" {
                assert!(txt.is_ascii(), "{txt}");
            }
            if name == "nocolor" {
                for c in t.backend().buffer().content() {
                    assert!(c.fg == ratatui::style::Color::Reset, "{c:?}");
                }
            }
            insta::assert_snapshot!(format!("job_progress_{name}_{w}x{h}"), t.backend());
        }
        feed(&mut app, vec![Action::Quit]);
        for (w, h) in [(80, 24), (60, 20), (120, 40)] {
            let t = draw(&app, w, h);
            let txt = text(&t);
            assert!(txt.contains("A job is running"), "{w}x{h}:\n{txt}");
            assert!(txt.contains("still running (12 s)"), "{w}x{h}:\n{txt}");
            insta::assert_snapshot!(format!("job_quit_{name}_{w}x{h}"), t.backend());
        }
    }
}
