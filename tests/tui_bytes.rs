//! Bytes written to the terminal per cursor move, measured in-process: the real views drawn by
//! ratatui's crossterm backend into memory at 80x24, with the example profiles in profiles/.
//! The targets of issue 13: every single cursor move at most 250 bytes (the maximum over a
//! walk down and up each list, the moves that scroll the list included), the first frame of
//! each screen at most 2 KB, a switch between any two screens at most 1.2 KB.
//! `cargo test --test tui_bytes -- --nocapture` prints the figures.

use migprof::tui::action::{Action, EditOp, Effect};
use migprof::tui::app::{App, IndStatus, Options, Screen};
use migprof::tui::terminal::{FrameWriter, LeanBackend};
use migprof::tui::{effect, update::update, view};
use ratatui::Terminal;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::{TerminalOptions, Viewport};
use std::path::Path;

const TARGET: usize = 250;
/// No single cursor move may cost more than the target: the maximum, not the mean, is what
/// a slow link feels.
const MAX_MOVE: usize = TARGET;
/// A move that scrolls the list (at 80 columns the list spans the width, and the terminal
/// shifts its rows): held to the same target.
const MAX_TURN: usize = TARGET;
/// Synchronized-output begin and end around every large frame (see src/tui/terminal.rs).
const SYNC: usize = 16;

struct Screen80 {
    term: Terminal<LeanBackend>,
    out: FrameWriter,
    last: Buffer,
    bytes: Vec<u8>,
    /// What a terminal shows after reading every byte written so far.
    vt: Vt,
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
            vt: Vt::new(80, 24),
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
        self.vt.feed(&self.bytes);
        for y in 0..24 {
            for x in 0..80 {
                let (want, got) = (&buf[(x, y)], &self.vt.screen[(x, y)]);
                // A space shows no foreground colour (the backend may write one with the pen
                // of the row before it).
                let plain_space =
                    want.symbol() == " " && want.modifier.is_empty() && got.modifier.is_empty();
                assert!(
                    want.symbol() == got.symbol()
                        && (want.fg == got.fg || plain_space)
                        && want.bg == got.bg
                        && want.modifier == got.modifier,
                    "the terminal shows {got:?} at ({x}, {y}), the frame has {want:?}"
                );
            }
        }
        // Rows whose list part (the first 26 columns: every list pane is wider) changed.
        let rows = (0..24)
            .filter(|&y| (0..26).any(|x| buf[(x, y)] != self.last[(x, y)]))
            .collect();
        self.last = buf;
        let sync = if n >= migprof::tui::terminal::SYNC_MIN {
            SYNC
        } else {
            0
        };
        (if n > 0 { n + sync } else { 0 }, rows)
    }
}

/// A minimal terminal: the sequences the lean backend writes (CUP, CUF, SGR, EL, ECH, IL,
/// DL) and text.
struct Vt {
    screen: Buffer,
    x: u16,
    y: u16,
    pen: Cell,
    /// The rows an insert or delete of lines moves, first and last.
    region: (u16, u16),
    /// Scrolls done so far.
    scrolls: usize,
}

fn sgr_color(n: u16) -> Color {
    match n % 10 {
        0 if n < 90 => Color::Black,
        1 if n < 90 => Color::Red,
        2 if n < 90 => Color::Green,
        3 if n < 90 => Color::Yellow,
        4 if n < 90 => Color::Blue,
        5 if n < 90 => Color::Magenta,
        6 if n < 90 => Color::Cyan,
        7 if n < 90 => Color::Gray,
        0 => Color::DarkGray,
        1 => Color::LightRed,
        2 => Color::LightGreen,
        3 => Color::LightYellow,
        4 => Color::LightBlue,
        5 => Color::LightMagenta,
        6 => Color::LightCyan,
        _ => Color::White,
    }
}

impl Vt {
    fn new(w: u16, h: u16) -> Vt {
        Vt {
            screen: Buffer::empty(Rect::new(0, 0, w, h)),
            x: 0,
            y: 0,
            pen: Cell::default(),
            region: (0, h - 1),
            scrolls: 0,
        }
    }

    /// Scroll the region by `n` lines, up (content moves up) or down; the rows that come in
    /// are blank with the pen's background.
    fn scroll(&mut self, n: u16, up: bool) {
        let (top, bot) = self.region;
        let w = self.screen.area.width;
        let mut blank = Cell::default();
        blank.bg = self.pen.bg;
        let old = self.screen.clone();
        for y in top..=bot {
            let from = if up {
                (y + n <= bot).then(|| y + n)
            } else {
                (y >= top + n).then(|| y - n)
            };
            for x in 0..w {
                self.screen[(x, y)] = match from {
                    Some(f) => old[(x, f)].clone(),
                    None => blank.clone(),
                };
            }
        }
        self.scrolls += 1;
    }

    fn sgr(&mut self, params: &[u16]) {
        let mut i = 0;
        let params = if params.is_empty() { &[0][..] } else { params };
        while let Some(&p) = params.get(i) {
            let m = &mut self.pen;
            match p {
                0 => *m = Cell::default(),
                1 => m.modifier |= Modifier::BOLD,
                2 => m.modifier |= Modifier::DIM,
                3 => m.modifier |= Modifier::ITALIC,
                4 => m.modifier |= Modifier::UNDERLINED,
                7 => m.modifier |= Modifier::REVERSED,
                9 => m.modifier |= Modifier::CROSSED_OUT,
                30..=37 | 90..=97 => m.fg = sgr_color(p),
                40..=47 | 100..=107 => m.bg = sgr_color(p - 10),
                39 => m.fg = Color::Reset,
                49 => m.bg = Color::Reset,
                38 | 48 => {
                    let c = match params.get(i + 1) {
                        Some(5) => {
                            i += 2;
                            Color::Indexed(params[i] as u8)
                        }
                        _ => {
                            i += 4;
                            Color::Rgb(params[i - 2] as u8, params[i - 1] as u8, params[i] as u8)
                        }
                    };
                    if p == 38 {
                        m.fg = c;
                    } else {
                        m.bg = c;
                    }
                }
                other => panic!("unexpected SGR parameter {other}"),
            }
            i += 1;
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("UTF-8 output");
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                self.x = 0;
                continue;
            }
            if c == '\n' {
                assert!(
                    self.y + 1 < self.screen.area.height,
                    "a line feed would scroll"
                );
                self.y += 1;
                continue;
            }
            if c != '\x1b' {
                let mut cell = self.pen.clone();
                cell.set_symbol(&c.to_string());
                self.screen[(self.x, self.y)] = cell;
                self.x += 1;
                continue;
            }
            assert_eq!(chars.next(), Some('['), "only CSI sequences are expected");
            let mut body = String::new();
            let fin = loop {
                let c = chars.next().expect("unterminated CSI");
                if c.is_ascii_alphabetic() {
                    break c;
                }
                body.push(c);
            };
            if body.starts_with('?') {
                continue; // synchronized output, cursor show and hide
            }
            let params: Vec<u16> = body
                .split(';')
                .filter(|p| !p.is_empty())
                .map(|p| p.parse().expect("number"))
                .collect();
            match fin {
                'H' => {
                    self.y = params.first().map_or(0, |r| r - 1);
                    self.x = params.get(1).map_or(0, |c| c - 1);
                }
                'm' => self.sgr(&params),
                'K' => {
                    let mut blank = Cell::default();
                    blank.bg = self.pen.bg;
                    for x in self.x..self.screen.area.width {
                        self.screen[(x, self.y)] = blank.clone();
                    }
                }
                'X' => {
                    let mut blank = Cell::default();
                    blank.bg = self.pen.bg;
                    let n = params.first().copied().unwrap_or(1);
                    let end = (self.x + n).min(self.screen.area.width);
                    for x in self.x..end {
                        self.screen[(x, self.y)] = blank.clone();
                    }
                }
                'J' => self.screen = Buffer::empty(self.screen.area),
                'C' => {
                    let n = params.first().copied().unwrap_or(1);
                    self.x = (self.x + n).min(self.screen.area.width - 1);
                }
                // Delete and insert lines at the cursor's row: the rows from it to the foot
                // of the screen move; the cursor goes to the start of its row.
                'M' | 'L' => {
                    self.region = (self.y, self.screen.area.height - 1);
                    self.scroll(params.first().copied().unwrap_or(1), fin == 'M');
                    self.x = 0;
                }
                other => panic!("unexpected CSI {body}{other}"),
            }
        }
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
            let top = app.list_top[screen.index()].get();
            update(app, dir.clone());
            if cursor(app, screen) == before {
                break;
            }
            let (n, _) = s.draw(app);
            // A move that scrolls the list (its first row shown changed).
            let turn = app.list_top[screen.index()].get() != top;
            out.push((n, turn, cursor(app, screen)));
        }
    }
    out
}

/// The most bytes of a PageDown or PageUp over a list (reported, not held to the target:
/// a page of new rows is a page of bytes).
fn pages(app: &mut App, screen: Screen) -> usize {
    let mut s = Screen80::new();
    update(app, Action::GoScreen(screen));
    update(app, Action::Top);
    s.draw(app);
    let mut most = 0;
    for dir in [Action::PageDown, Action::PageUp] {
        loop {
            let before = cursor(app, screen);
            update(app, dir.clone());
            if cursor(app, screen) == before {
                break;
            }
            most = most.max(s.draw(app).0);
        }
    }
    most
}

fn cursor(app: &App, screen: Screen) -> usize {
    match screen {
        Screen::Home => app.cursors.home,
        Screen::Sources => app.cursors.sources,
        Screen::Indicators => app.cursors.indicators,
        Screen::Narrative => app.cursors.narrative,
        Screen::Gaps => app.cursors.gaps,
        Screen::Build => 0,
        Screen::System => app.cursors.system,
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
            Screen::System,
        ] {
            // The data-system screen has rows to walk only where the profile records one.
            if screen == Screen::System && app.derived.sys_rows.len() < 12 {
                continue;
            }
            let moves = walk(&mut app, screen);
            assert!(moves.len() > 10, "{path} {screen:?}: too few rows to walk");
            let plain: Vec<_> = moves.iter().filter(|m| !m.1).collect();
            let mean = plain.iter().map(|m| m.0).sum::<usize>() / plain.len().max(1);
            let max = plain.iter().map(|m| m.0).max().unwrap_or(0);
            let over = plain.iter().filter(|m| m.0 > TARGET).count();
            let turns: Vec<usize> = moves.iter().filter(|m| m.1).map(|m| m.0).collect();
            // The first 20 moves down, as scripts/tui-bench.sh measures them.
            let first20 = moves.iter().take(20).map(|m| m.0).sum::<usize>() / 20;
            println!(
                "{path} {screen:?}: {} moves, mean {mean} B (first 20: {first20} B), max {max} B, \
                 {over} above {TARGET} B; {} moves that scroll the list, at most {} B; \
                 page down and up at most {} B",
                moves.len(),
                turns.len(),
                turns.iter().max().unwrap_or(&0),
                pages(&mut app, screen),
            );
            // Every move within a page is held to the target, the mean as well.
            if mean > TARGET {
                failures.push(format!("{path} {screen:?}: mean {mean} B"));
            }
            if max > MAX_MOVE {
                failures.push(format!("{path} {screen:?}: a move of {max} B"));
            }
            if let Some(t) = turns.iter().find(|t| **t > MAX_TURN) {
                failures.push(format!("{path} {screen:?}: a move that scrolls, {t} B"));
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

#[test]
#[ignore = "debugging aid: prints the moves above the target"]
fn dump_worst() {
    let screen = match std::env::var("DUMP_SCREEN").as_deref() {
        Ok("3") => Screen::Indicators,
        Ok("4") => Screen::Narrative,
        Ok("5") => Screen::Gaps,
        Ok("7") => Screen::System,
        _ => Screen::Sources,
    };
    let path = std::env::var("DUMP_PROFILE").unwrap_or_else(|_| "profiles/deu.toml".into());
    let Some(mut app) = open(&path) else {
        return;
    };
    let mut s = Screen80::new();
    update(&mut app, Action::GoScreen(screen));
    s.draw(&app);
    for dir in [Action::Down, Action::Up] {
        loop {
            let before = cursor(&app, screen);
            update(&mut app, dir.clone());
            if cursor(&app, screen) == before {
                break;
            }
            let (n, _) = s.draw(&app);
            if n > TARGET {
                println!(
                    "{n} B at {}: {}",
                    cursor(&app, screen),
                    String::from_utf8_lossy(&s.bytes).escape_debug()
                );
            }
        }
    }
}

/// Bytes of the first frame of each screen (drawn on a blank terminal), of switching to it
/// from the Sources screen (where a profile opens), and the most of switching to it from any
/// other screen, at 80x24.
fn frames(app: &mut App) -> Vec<(Screen, usize, usize, usize, Screen)> {
    let mut out = Vec::new();
    for screen in Screen::ALL {
        let mut s = Screen80::new();
        update(app, Action::GoScreen(screen));
        let (first, _) = s.draw(app);
        let mut from_sources = 0;
        let mut worst = (0, Screen::Home);
        for from in Screen::ALL.into_iter().filter(|f| *f != screen) {
            let mut s = Screen80::new();
            update(app, Action::GoScreen(from));
            s.draw(app);
            update(app, Action::GoScreen(screen));
            let (n, _) = s.draw(app);
            if from == Screen::Sources {
                from_sources = n;
            }
            if n > worst.0 {
                worst = (n, from);
            }
        }
        out.push((screen, first, from_sources, worst.0, worst.1));
    }
    out
}

/// The budget of issue 13 for a slow link: a first frame at most 2 KB per screen.
const MAX_FIRST: usize = 2048;
/// A switch between two screens, from any to any: at most 1.2 KB.
const MAX_SWITCH: usize = 1200;

#[test]
fn first_frames_and_screen_switches_stay_small() {
    let mut failures = Vec::new();
    for path in [
        "profiles/deu.toml",
        "profiles/mex.toml",
        "profiles/tur.toml",
    ] {
        let Some(mut app) = open(path) else { continue };
        for (screen, first, sources, worst, from) in frames(&mut app) {
            println!(
                "{path} {screen:?}: first frame {first} B, switch from Sources {sources} B, \
                 at most {worst} B (from {from:?})"
            );
            if first > MAX_FIRST {
                failures.push(format!("{path} {screen:?}: first frame {first} B"));
            }
            if worst > MAX_SWITCH {
                failures.push(format!("{path} {from:?} -> {screen:?}: switch {worst} B"));
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
#[ignore = "debugging aid: prints the bytes of a screen switch from Sources"]
fn dump_switch() {
    let screen = match std::env::var("DUMP_SCREEN").as_deref() {
        Ok("1") => Screen::Home,
        Ok("3") => Screen::Indicators,
        Ok("4") => Screen::Narrative,
        Ok("5") => Screen::Gaps,
        Ok("7") => Screen::System,
        _ => Screen::Build,
    };
    let path = std::env::var("DUMP_PROFILE").unwrap_or_else(|_| "profiles/deu.toml".into());
    let Some(mut app) = open(&path) else {
        return;
    };
    let from = match std::env::var("DUMP_FROM").as_deref() {
        Ok("4") => Screen::Narrative,
        Ok("5") => Screen::Gaps,
        Ok("6") => Screen::Build,
        _ => Screen::Sources,
    };
    let mut s = Screen80::new();
    update(&mut app, Action::GoScreen(from));
    s.draw(&app);
    update(&mut app, Action::GoScreen(screen));
    let (n, _) = s.draw(&app);
    println!("{n} B:");
    for part in String::from_utf8_lossy(&s.bytes)
        .split("\x1b[")
        .filter(|p| !p.is_empty())
    {
        println!("  [{}", part.escape_debug());
    }
}

/// A tiny deterministic generator (xorshift), for frames that vary without a seed file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The lean backend's shadow must be what the terminal shows, scrolls included: frames of a
/// list that scrolls by one row, by several and jumps, over a pane whose text changes, in
/// random styles, drawn by the lean backend into a minimal terminal, equal cell for cell
/// ratatui's TestBackend rendering of the same frames.
#[test]
fn shifted_bands_leave_the_terminal_as_the_frames_say() {
    use ratatui::backend::TestBackend;
    use ratatui::style::Style;
    use ratatui::text::{Line, Span};
    use ratatui::widgets::Paragraph;
    let words = [
        "alpha",
        "beta",
        "● gamma",
        "délta",
        "x",
        "omega…",
        "  ",
        "id_42",
    ];
    let styles = [
        Style::new(),
        Style::new().fg(Color::Green),
        Style::new().fg(Color::DarkGray),
        Style::new().add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::REVERSED),
        Style::new().bg(Color::Blue),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let items: Vec<(String, usize)> = (0..120)
        .map(|i| {
            let n = 1 + rng.below(4);
            let text: Vec<&str> = (0..n).map(|_| words[rng.below(words.len())]).collect();
            (format!("{i} {}", text.join(" ")), rng.below(styles.len()))
        })
        .collect();
    let mut scrolled = 0;
    for (w, h) in [(80u16, 24u16), (60, 20)] {
        let area = Rect::new(0, 0, w, h);
        let out = FrameWriter::new();
        let mut lean = Terminal::with_options(
            LeanBackend::new(out.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .expect("terminal");
        let mut test = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        let mut vt = Vt::new(w, h);
        let list_h = (h - 10) as usize;
        let (mut top, mut cursor) = (0usize, 0usize);
        for step in 0..600 {
            // Mostly single moves; now and then a jump, a page, or a change of a pane line.
            cursor = match rng.below(10) {
                0 => rng.below(items.len()),
                1 => (cursor + list_h).min(items.len() - 1),
                2 => cursor.saturating_sub(list_h),
                3..=6 => (cursor + 1).min(items.len() - 1),
                _ => cursor.saturating_sub(1),
            };
            top = top.min(cursor).max((cursor + 1).saturating_sub(list_h));
            let pane = format!("step {step}: {}", items[cursor].0);
            let draw = |f: &mut ratatui::Frame| {
                f.render_widget(Paragraph::new("header line"), Rect::new(0, 0, w, 1));
                let lines: Vec<Line> = items
                    .iter()
                    .enumerate()
                    .skip(top)
                    .take(list_h)
                    .map(|(i, (t, s))| {
                        let style = if i == cursor {
                            styles[*s].add_modifier(Modifier::REVERSED)
                        } else {
                            styles[*s]
                        };
                        Line::from(Span::styled(t.clone(), style))
                    })
                    .collect();
                f.render_widget(Paragraph::new(lines), Rect::new(0, 1, w, list_h as u16));
                f.render_widget(
                    Paragraph::new(vec![
                        Line::from("-".repeat(w as usize)),
                        Line::from(pane.clone()),
                    ]),
                    Rect::new(0, 1 + list_h as u16, w, 2),
                );
                f.render_widget(Paragraph::new("the bar"), Rect::new(0, h - 1, w, 1));
            };
            lean.draw(draw).expect("draw");
            let bytes = out.pending();
            out.discard();
            let before = vt.scrolls;
            vt.feed(&bytes);
            scrolled += vt.scrolls - before;
            test.draw(draw).expect("draw");
            let want = test.backend().buffer();
            for y in 0..h {
                for x in 0..w {
                    let (a, b) = (&want[(x, y)], &vt.screen[(x, y)]);
                    let plain_space =
                        a.symbol() == " " && a.modifier.is_empty() && b.modifier.is_empty();
                    assert!(
                        a.symbol() == b.symbol()
                            && (a.fg == b.fg || plain_space)
                            && a.bg == b.bg
                            && a.modifier == b.modifier,
                        "{w}x{h} step {step}: the terminal shows {b:?} at ({x}, {y}), \
                         TestBackend {a:?}"
                    );
                }
            }
        }
    }
    // The frames did exercise the shifted bands.
    assert!(scrolled > 100, "only {scrolled} shifts");
}

/// The text of a row of what the terminal shows.
fn shown(s: &Screen80) -> String {
    let b = &s.vt.screen;
    (0..b.area.height)
        .map(|y| {
            (0..b.area.width)
                .map(|x| b[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

/// The conflict line of the Indicators pane (no example profile has an unresolved conflict):
/// a value far from the latest one of an indicator of the Germany example that has no
/// preference recorded, added as a manual value through the TUI's form. Moves onto, off and past the conflicting row stay
/// within the target; the line shows while the conflict is open and goes once a preference
/// is recorded.
#[test]
fn moves_past_an_unresolved_conflict_stay_small() {
    use migprof::tui::app::IndRow;
    let Some(mut app) = open("profiles/deu.toml") else {
        return;
    };
    update(&mut app, Action::GoScreen(Screen::Indicators));
    // An indicator with yearly values and no preference recorded: a far larger value for
    // its latest year makes a conflict the sources leave open.
    let p = app.profile().expect("open");
    let (row, id, period, value) = app
        .derived
        .ind_rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| {
            let IndRow::Indicator { id, .. } = r else {
                return None;
            };
            if p.preferred.contains_key(id) {
                return None;
            }
            p.observations
                .iter()
                .filter(|o| {
                    &o.indicator == id && o.period.len() == 4 && o.disaggregation.is_empty()
                })
                .max_by(|a, b| a.period.cmp(&b.period))
                .filter(|o| {
                    let before = o.period.parse::<i32>().map_or(0, |y| y - 1).to_string();
                    p.observations
                        .iter()
                        .any(|e| &e.indicator == id && e.period == before)
                })
                .map(|o| (i, id.clone(), o.period.clone(), o.value))
        })
        .expect("an indicator without a preference");
    let p0 = p.clone();
    add_manual(&mut app, row, &period, (value.abs() * 3.0 + 1000.0).round());
    // A second one, the year before: "2 values differ".
    let before: i32 = period.parse::<i32>().expect("a year") - 1;
    let earlier = p0
        .observations
        .iter()
        .find(|o| {
            o.indicator == id && o.period == before.to_string() && o.disaggregation.is_empty()
        })
        .map(|o| o.value)
        .expect("a value the year before");
    add_manual(
        &mut app,
        row,
        &before.to_string(),
        (earlier.abs() * 2.0 + 1000.0).round(),
    );
    app.status = None;
    let id0 = id.clone();
    let conflicting = |app: &App| {
        app.derived.ind_rows.iter().any(|r| {
            matches!(r, IndRow::Indicator { id, status }
                if *id == id0 && *status == IndStatus::Conflicting)
        })
    };
    assert!(conflicting(&app), "the manual value conflicts");
    let mut worst = Vec::new();
    let mut worst_bytes = String::new();
    for resolved in [false, true] {
        // Moves from three rows above the conflicting one to three below and back.
        let mut s = Screen80::new();
        app.cursors.indicators = row.saturating_sub(3);
        s.draw(&app);
        let mut most = 0;
        let mut seen = false;
        for dir in [Action::Down, Action::Up] {
            for _ in 0..6 {
                update(&mut app, dir.clone());
                let (n, _) = s.draw(&app);
                if n > most {
                    most = n;
                    worst_bytes = String::from_utf8_lossy(&s.bytes).escape_debug().to_string();
                }
                if app.cursors.indicators == row {
                    seen |= shown(&s).contains("values differ, up to");
                }
            }
        }
        println!(
            "{id} {period}: conflict resolved={resolved}: moves at most {most} B: {worst_bytes}"
        );
        assert_eq!(seen, !resolved, "the conflict line shows while open only");
        worst.push(most);
        if !resolved {
            // Prefer a source, with a justification: the first of the picker's choices
            // that resolves the conflict.
            for k in 0..5 {
                app.cursors.indicators = row;
                update(&mut app, Action::ChoosePreferred);
                for _ in 0..k {
                    update(&mut app, Action::Down);
                }
                update(&mut app, Action::Select);
                typed(&mut app, "The register counts every move");
                update(&mut app, Action::Select);
                app.overlay = None;
                if !conflicting(&app) {
                    break;
                }
            }
            assert!(!conflicting(&app), "resolved: {:?}", app.status);
            app.status = None;
        }
    }
    assert!(
        worst.iter().all(|m| *m <= MAX_MOVE),
        "moves past the conflict: {worst:?} B; the largest of the last walk: {worst_bytes}"
    );
}

/// `s` typed into the focused field.
fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        update(app, Action::Edit(EditOp::Insert(c)));
    }
}

/// A manual value for the indicator at list row `row`, typed into the TUI's form (period,
/// value, the national statistics office's register as source, a citation).
fn add_manual(app: &mut App, row: usize, period: &str, value: f64) {
    app.cursors.indicators = row;
    update(app, Action::AddManual);
    update(app, Action::BackTab);
    update(app, Action::Edit(EditOp::ClearLine));
    typed(app, period);
    update(app, Action::Tab);
    typed(app, &format!("{value}"));
    update(app, Action::Tab);
    update(app, Action::Edit(EditOp::ClearLine));
    typed(app, "gov_nso_register");
    update(app, Action::Tab);
    typed(app, "Test register count");
    update(app, Action::Select);
    assert!(app.overlay.is_none(), "{:?}", app.status);
}

/// Walk a pop-up's list down to its end and back up: the bytes of each move. `cursor` reads
/// the pop-up's cursor.
fn walk_popup(app: &mut App, cursor: fn(&App) -> usize) -> Vec<usize> {
    let mut s = Screen80::new();
    s.draw(app);
    let mut out = Vec::new();
    for dir in [Action::Down, Action::Up] {
        loop {
            let before = cursor(app);
            update(app, dir.clone());
            if cursor(app) == before {
                break;
            }
            out.push(s.draw(app).0);
        }
    }
    out
}

#[test]
fn moves_in_pop_up_lists_stay_small() {
    use migprof::tui::app::{Overlay, Status};
    let Some(mut app) = open("profiles/deu.toml") else {
        return;
    };
    update(&mut app, Action::GoScreen(Screen::Indicators));
    // Find: a query that matches more rows than the pop-up shows.
    update(&mut app, Action::Search);
    typed(&mut app, "migra");
    let hits = app.search("migra").len();
    let find = walk_popup(&mut app, |a| match &a.overlay {
        Some(Overlay::Search { cursor, .. }) => *cursor,
        _ => usize::MAX,
    });
    update(&mut app, Action::Cancel);
    // The message log, 100 messages of different lengths: every third longer than a row,
    // path first as the importers write them.
    for i in 0..100 {
        let text = if i % 3 == 0 {
            format!(
                "/home/analyst/migration-profiles/data/unhcr/population-{i}.csv: already \
                 imported as source unhcr_refugee_data_finder; remove it first or re-import it \
                 from the Sources screen ({} rows read)",
                i * 37
            )
        } else {
            format!("Imported source {i}: {}", "value ".repeat(i % 9 + 1))
        };
        app.messages.push(Status {
            text,
            error: i % 7 == 0,
        });
    }
    update(&mut app, Action::Messages);
    let log = walk_popup(&mut app, |a| match &a.overlay {
        Some(Overlay::Messages { cursor, .. }) => *cursor,
        _ => usize::MAX,
    });
    update(&mut app, Action::Cancel);
    // The new-profile wizard's country list, every country (the profile has no unsaved
    // changes, so it opens at once).
    update(&mut app, Action::NewProfile);
    let countries = match &app.overlay {
        Some(Overlay::NewProfile(_)) => app.picker_matches("").len(),
        other => panic!("no wizard: {other:?}"),
    };
    let wizard = walk_popup(&mut app, |a| match &a.overlay {
        Some(Overlay::NewProfile(w)) => w.cursor,
        _ => usize::MAX,
    });
    for (name, moves, rows) in [
        ("find", &find, hits),
        ("messages", &log, 100),
        ("new profile", &wizard, countries),
    ] {
        let max = moves.iter().max().copied().unwrap_or(0);
        println!(
            "{name}: {} moves over {rows} rows, at most {max} B",
            moves.len()
        );
        assert!(moves.len() > 30, "{name}: too few moves ({})", moves.len());
        assert!(max <= MAX_MOVE, "{name}: a move of {max} B: {moves:?}");
    }
}
