//! Terminal setup and restore, the panic hook, and the frame writer.
//!
//! A frame is collected in memory and written with one `write_all` into a 64 KiB `BufWriter`,
//! wrapped in synchronized-output sequences when it is large ([`SYNC_MIN`]); a frame that
//! changes nothing writes nothing.
//! [`LeanBackend`] writes the changed cells with fewer bytes than ratatui's crossterm backend,
//! shifting moved bands of rows in the terminal (see `tests/tui_bytes.rs`, which replays every
//! frame in a minimal terminal and checks it against ratatui's own rendering).

use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{cursor, execute, terminal};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Stdout, Write};
use std::rc::Rc;

/// Restore the terminal: cooked mode, main screen, visible cursor. Safe to call twice.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    // The style of the last frame is kept between frames: back to the default first.
    let _ = out.write_all(b"\x1b[0m");
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        crossterm::event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Install a panic hook that restores the terminal before the previous hook prints.
/// Installed before the terminal is touched.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Restores the terminal when dropped (every exit path except a panic, which the hook covers).
pub struct Guard;

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        terminal::enable_raw_mode()?;
        let guard = Guard;
        // Bracketed paste: a paste arrives as one text (never as keys that run commands).
        execute!(
            io::stdout(),
            terminal::EnterAlternateScreen,
            crossterm::event::EnableBracketedPaste,
            cursor::Hide
        )?;
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            restore();
        }
    }
}

/// Frames of at least this many bytes are wrapped in synchronized-output sequences (16 bytes),
/// so the terminal shows them whole. A smaller frame (a cursor move) goes out in one `write`,
/// which a terminal reads at once: the wrapper would be 6-10 % of its bytes.
pub const SYNC_MIN: usize = 1024;

/// Collects the bytes of one frame; `flush` from ratatui is deferred to [`FrameWriter::commit`].
/// Clones share the same buffer, so the loop keeps a handle while ratatui owns the backend.
#[derive(Clone)]
pub struct FrameWriter {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    frame: Vec<u8>,
    out: BufWriter<Stdout>,
    written: u64,
}

impl Default for FrameWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameWriter {
    pub fn new() -> FrameWriter {
        FrameWriter {
            inner: Rc::new(RefCell::new(Inner {
                frame: Vec::with_capacity(16 * 1024),
                out: BufWriter::with_capacity(64 * 1024, io::stdout()),
                written: 0,
            })),
        }
    }

    /// Is the pending frame exactly these bytes?
    pub fn pending_is(&self, bytes: &[u8]) -> bool {
        self.inner.borrow().frame == bytes
    }

    /// Bytes written to the terminal so far.
    pub fn written(&self) -> u64 {
        self.inner.borrow().written
    }

    /// The pending frame (tests measure it).
    pub fn pending(&self) -> Vec<u8> {
        self.inner.borrow().frame.clone()
    }

    /// Drop the pending frame (it changed nothing visible).
    pub fn discard(&self) {
        self.inner.borrow_mut().frame.clear();
    }

    /// Write the pending frame as one synchronized update.
    pub fn commit(&self) -> io::Result<()> {
        let mut inner = self.inner.borrow_mut();
        if inner.frame.is_empty() {
            return Ok(());
        }
        let mut all = Vec::with_capacity(inner.frame.len() + 32);
        let sync = inner.frame.len() >= SYNC_MIN;
        if sync {
            crossterm::queue!(all, BeginSynchronizedUpdate)?;
        }
        all.extend_from_slice(&inner.frame);
        if sync {
            crossterm::queue!(all, EndSynchronizedUpdate)?;
        }
        inner.out.write_all(&all)?;
        inner.out.flush()?;
        inner.written += all.len() as u64;
        inner.frame.clear();
        Ok(())
    }
}

impl Write for FrameWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.borrow_mut().frame.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The crossterm backend with a leaner `draw`, for slow links: it remembers what the terminal
/// shows, so it can
/// - bridge a gap of a few unchanged ASCII cells by rewriting them instead of moving the
///   cursor (a move costs 6-8 bytes, a cell 1),
/// - erase the blank tail of a row that reaches the right edge with one `EL` (3 bytes), and a
///   long blank run inside a row with one `ECH`,
/// - write each style change as one SGR sequence, reset once at the end of a frame only when
///   needed, and not repeat a cursor hide or show that is already in effect,
/// - move along a row with CUF (4-5 bytes) where the cursor is known to be on it,
/// - when a band of whole rows has moved up or down (a list that spans the width and scrolled),
///   shift it in the terminal with DL and IL and write only the cells that still differ, if
///   that is fewer bytes than writing the changes as they are (see `Scroll`).
///
/// Everything else (size, clear, cursor position) is the crossterm backend's.
pub struct LeanBackend {
    inner: CrosstermBackend<FrameWriter>,
    out: FrameWriter,
    shadow: Buffer,
    cursor_hidden: Option<bool>,
    /// The style the terminal is left in after a frame: the next frame starts from it rather
    /// than resetting at the end of each one (`restore` resets it on the way out).
    pen: Pen,
}

/// Unchanged cells rewritten at most to bridge a gap between changed ones.
const MAX_BRIDGE: u16 = 4;

/// Cells becoming blank erased with one ECH (`CSI n X`, 5 bytes and a cursor move after it)
/// rather than written as spaces.
const MIN_ECH: usize = 14;

impl LeanBackend {
    pub fn new(out: FrameWriter) -> LeanBackend {
        let inner = CrosstermBackend::new(out.clone());
        let mut b = LeanBackend {
            inner,
            out,
            shadow: Buffer::empty(Rect::ZERO),
            cursor_hidden: None,
            pen: PLAIN,
        };
        b.forget();
        b
    }

    /// The terminal was cleared (or is unknown): blank, at its current size.
    fn forget(&mut self) {
        let area = self
            .inner
            .size()
            .map_or(Rect::ZERO, |s| Rect::new(0, 0, s.width, s.height));
        self.shadow = Buffer::empty(area);
    }
}

fn is_blank(c: &Cell) -> bool {
    c.symbol() == " " && c.fg == Color::Reset && c.bg == Color::Reset && c.modifier.is_empty()
}

fn ascii(c: &Cell) -> bool {
    let s = c.symbol();
    s.len() == 1 && s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// SGR parameters of a colour: 30-37/90-97 (+10 for the background), 256 colours, RGB.
fn color_params(c: Color, bg: bool, out: &mut Vec<String>) {
    let base = if bg { 10 } else { 0 };
    let named = |n: u8| (n + base).to_string();
    out.push(match c {
        Color::Reset => named(39),
        Color::Black => named(30),
        Color::Red => named(31),
        Color::Green => named(32),
        Color::Yellow => named(33),
        Color::Blue => named(34),
        Color::Magenta => named(35),
        Color::Cyan => named(36),
        Color::Gray => named(37),
        Color::DarkGray => named(90),
        Color::LightRed => named(91),
        Color::LightGreen => named(92),
        Color::LightYellow => named(93),
        Color::LightBlue => named(94),
        Color::LightMagenta => named(95),
        Color::LightCyan => named(96),
        Color::White => named(97),
        Color::Indexed(i) => format!("{};5;{i}", 38 + base),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", 38 + base),
    });
}

#[derive(Clone, Copy, PartialEq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// The pen to write a blank cell, or to erase (EL, ECH), with: the current one when it only
/// sets a foreground colour (a space shows no foreground, and erasing fills with the
/// background only), else plain. Keeps runs of coloured rows free of a reset at each row end.
fn blank_pen(pen: Pen) -> Pen {
    if pen.bg == Color::Reset && pen.modifier.is_empty() {
        pen
    } else {
        PLAIN
    }
}

/// One SGR sequence from `from` to `to`: only additions when nothing is removed, otherwise a
/// reset followed by the whole new style.
fn sgr(from: Pen, to: Pen, w: &mut Vec<u8>) {
    if from == to {
        return;
    }
    let mut p = Vec::new();
    let removed = !(from.modifier - to.modifier).is_empty();
    let base = if removed {
        p.push("0".to_string());
        PLAIN
    } else {
        from
    };
    let codes = [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ];
    for (m, code) in codes {
        if to.modifier.contains(m) && !base.modifier.contains(m) {
            p.push(code.to_string());
        }
    }
    if to.fg != base.fg {
        color_params(to.fg, false, &mut p);
    }
    if to.bg != base.bg {
        color_params(to.bg, true, &mut p);
    }
    if !p.is_empty() {
        let _ = write!(w, "\x1b[{}m", p.join(";"));
    }
}

/// Changed cells by row, each row's cells in any order.
type Rows = BTreeMap<u16, Vec<(u16, Cell)>>;

/// Grow `shadow` to hold the cell at (x, y).
fn ensure(shadow: &mut Buffer, x: u16, y: u16) {
    let a = shadow.area;
    if x >= a.width || y >= a.height {
        let grown = Rect::new(0, 0, a.width.max(x + 1), a.height.max(y + 1));
        shadow.resize(grown);
    }
}

/// Write the changed cells `rows` to `w` for a terminal that shows `shadow` with the style
/// `pen` and the cursor at `at` (None: unknown); `shadow` is updated to what it shows after.
/// Returns the style the terminal is left in.
fn emit(
    shadow: &mut Buffer,
    rows: Rows,
    mut pen: Pen,
    mut at: Option<(u16, u16)>,
    w: &mut Vec<u8>,
) -> Pen {
    for (y, mut cells) in rows {
        cells.sort_by_key(|c| c.0);
        for (x, _) in &cells {
            ensure(shadow, *x, y);
        }
        let width = shadow.area.width;
        // Apply the changes; then the blank tail of the row (up to the right edge).
        for (x, c) in &cells {
            shadow[(*x, y)] = c.clone();
        }
        let mut tail = width;
        while tail > 0 && is_blank(&shadow[(tail - 1, y)]) {
            tail -= 1;
        }
        // Never start erasing on the right half of a wide character.
        if tail > 0 && ratatui::text::Span::raw(shadow[(tail - 1, y)].symbol()).width() > 1 {
            tail += 1;
        }
        let erased = cells.iter().filter(|(x, _)| *x >= tail).count();
        let erase = erased >= 4;
        let mut prev: Option<(u16, bool)> = None;
        let emit: Vec<&(u16, Cell)> = cells.iter().filter(|(x, _)| !erase || *x < tail).collect();
        let mut i = 0;
        while let Some(&(x, c)) = emit.get(i) {
            // A long run of cells that become blank: erase it with ECH, then move on.
            let run = emit[i..]
                .iter()
                .enumerate()
                .take_while(|(k, e)| e.0 == *x + *k as u16 && is_blank(&e.1))
                .count();
            if run >= MIN_ECH {
                if at != Some((*x, y)) {
                    let _ = write!(w, "\x1b[{};{}H", y + 1, x + 1);
                }
                let to = blank_pen(pen);
                sgr(pen, to, w);
                pen = to;
                let _ = write!(w, "\x1b[{run}X");
                // ECH does not move the cursor.
                at = Some((*x, y));
                prev = None;
                i += run;
                continue;
            }
            i += 1;
            let next = at;
            if next != Some((*x, y)) {
                // Bridge a short gap of unchanged ASCII cells after an ASCII cell (or from a
                // known place: the start of a row, an erase).
                let bridged = bridges(shadow, prev, next, *x, y);
                // The first change of a row just under the one written last, near its
                // start: CR LF (2 bytes) and the few unchanged ASCII cells before it, instead
                // of a 6-8 byte cursor move. Never from the last row (LF would scroll).
                let newline = !bridged
                    && matches!(next, Some((_, ay)) if ay + 1 == y)
                    && *x <= MAX_BRIDGE
                    && (0..*x).all(|gx| ascii(&shadow[(gx, y)]));
                if bridged || newline {
                    let from = if newline {
                        w.extend_from_slice(b"\r\n");
                        0
                    } else {
                        at.map_or(0, |a| a.0)
                    };
                    pen = rewrite(shadow, from, *x, y, pen, w);
                } else {
                    goto(w, prev, at, *x, y);
                }
            }
            let to = pen_for(c, pen);
            sgr(pen, to, w);
            pen = to;
            w.extend_from_slice(c.symbol().as_bytes());
            at = Some((x + 1, y));
            prev = Some((*x, ascii(c)));
        }
        if erase {
            let first = cells
                .iter()
                .map(|c| c.0)
                .find(|x| *x >= tail)
                .unwrap_or(tail);
            if at != Some((first, y)) {
                if bridges(shadow, prev, at, first, y) {
                    let from = at.map_or(first, |a| a.0);
                    pen = rewrite(shadow, from, first, y, pen, w);
                } else {
                    goto(w, prev, at, first, y);
                }
            }
            let to = blank_pen(pen);
            sgr(pen, to, w);
            pen = to;
            w.extend_from_slice(b"\x1b[K");
            at = Some((first, y));
        }
    }
    pen
}

/// Can the cursor, at `at` after writing `prev` (None: nothing written on this row since the
/// cursor was placed), reach (x, y) by rewriting the few unchanged ASCII cells between?
fn bridges(
    shadow: &Buffer,
    prev: Option<(u16, bool)>,
    at: Option<(u16, u16)>,
    x: u16,
    y: u16,
) -> bool {
    match at {
        Some((ax, ay)) if ay == y && x > ax && x - ax <= MAX_BRIDGE => {
            let after = match prev {
                Some((px, is_ascii)) => is_ascii && ax == px + 1,
                None => true,
            };
            after && (ax..x).all(|gx| ascii(&shadow[(gx, y)]))
        }
        _ => false,
    }
}

/// Move the cursor to (x, y): forward along its row (CUF, 4-5 bytes) when it is known to be
/// on it (as for [`bridges`]), else to the place (CUP, 6-8 bytes).
fn goto(w: &mut Vec<u8>, prev: Option<(u16, bool)>, at: Option<(u16, u16)>, x: u16, y: u16) {
    let known = match (prev, at) {
        (Some((px, is_ascii)), Some((ax, _))) => is_ascii && ax == px + 1,
        (None, Some(_)) => true,
        _ => false,
    };
    match at {
        Some((ax, ay)) if known && ay == y && x > ax => {
            let n = x - ax;
            if n == 1 {
                w.extend_from_slice(b"\x1b[C");
            } else {
                let _ = write!(w, "\x1b[{n}C");
            }
        }
        _ => {
            let _ = write!(w, "\x1b[{};{}H", y + 1, x + 1);
        }
    }
}

/// The pen that draws cell `c` after `pen` (a blank keeps what it can of `pen`).
fn pen_for(c: &ratatui::buffer::Cell, pen: Pen) -> Pen {
    if is_blank(c) {
        blank_pen(pen)
    } else {
        Pen {
            fg: c.fg,
            bg: c.bg,
            modifier: c.modifier,
        }
    }
}

/// Write the cells `from..to` of row `y` as `shadow` has them; returns the pen after.
fn rewrite(shadow: &Buffer, from: u16, to: u16, y: u16, mut pen: Pen, w: &mut Vec<u8>) -> Pen {
    for gx in from..to {
        let g = &shadow[(gx, y)];
        let next = pen_for(g, pen);
        sgr(pen, next, w);
        pen = next;
        w.extend_from_slice(g.symbol().as_bytes());
    }
    pen
}

/// The cells of `new` that differ from `old` (the same area).
fn changes(old: &Buffer, new: &Buffer) -> Rows {
    let mut rows: Rows = BTreeMap::new();
    let a = new.area;
    for y in 0..a.height {
        for x in 0..a.width {
            let c = &new[(x, y)];
            if old[(x, y)] != *c {
                rows.entry(y).or_default().push((x, c.clone()));
            }
        }
    }
    rows
}

/// A scroll of the rows `top..=bot` (whole rows: a terminal shifts whole lines; tmux has no
/// left and right margins) by `k` lines, up (content moves up, blank rows come in at the bottom) or
/// down.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scroll {
    top: u16,
    bot: u16,
    k: u16,
    up: bool,
}

impl Scroll {
    /// Write the scroll and apply it to `shadow`; returns where the cursor is left. The
    /// band is shifted with a delete and an insert of lines (DL, IL: 13-17 bytes), which
    /// leave the rows outside it in place and the cursor at the start of the first row
    /// that came in; a scroll region (DECSTBM) would cost more and lose the cursor.
    fn apply(self, shadow: &mut Buffer, pen: &mut Pen, w: &mut Vec<u8>) -> (u16, u16) {
        // The rows that come in are erased with the current background: the default one.
        let to = blank_pen(*pen);
        sgr(*pen, to, w);
        *pen = to;
        let (top, bot, k) = (self.top, self.bot, self.k);
        let n = if k == 1 { String::new() } else { k.to_string() };
        // Up: delete k lines at the top of the band, insert k at its new end. Down: delete
        // the last k lines of the band first (the rows below move up), then insert k at the
        // top (they move back, and the blank rows at the foot of the screen fall off).
        let (del, ins) = if self.up {
            (top, bot + 1 - k)
        } else {
            (bot + 1 - k, top)
        };
        let _ = write!(w, "\x1b[{}H\x1b[{n}M\x1b[{}H\x1b[{n}L", del + 1, ins + 1);
        let width = shadow.area.width;
        for i in 0..=(bot - top) {
            // Row y of the band shows row `from` of the old screen, or a blank one.
            let y = if self.up { top + i } else { bot - i };
            let from = if self.up {
                (y + k <= bot).then(|| y + k)
            } else {
                (y >= top + k).then(|| y - k)
            };
            for x in 0..width {
                shadow[(x, y)] = match from {
                    Some(f) => shadow[(x, f)].clone(),
                    None => Cell::default(),
                };
            }
        }
        (0, ins)
    }
}

/// Scrolls worth trying from `old` to `new`: for each distance and direction, the longest
/// band of rows that a scroll would put in place, if it puts at least two rows in place that
/// are not in place already.
fn scrolls(old: &Buffer, new: &Buffer) -> Vec<Scroll> {
    let a = new.area;
    if old.area != a || a.height < 3 {
        return Vec::new();
    }
    let w = a.width as usize;
    fn row(b: &Buffer, y: u16, w: usize) -> &[Cell] {
        let i = y as usize * w;
        &b.content[i..i + w]
    }
    let h = a.height;
    let mut out = Vec::new();
    for k in 1..=h / 2 {
        for up in [true, false] {
            // Rows y of `new` (in order) that show row y+k (up) or y-k (down) of `old`.
            let ys: Vec<u16> = if up {
                (0..h - k).collect()
            } else {
                (k..h).collect()
            };
            let mut best: Option<(usize, u16, u16)> = None;
            let mut run: Option<(u16, usize)> = None;
            for (i, &y) in ys.iter().enumerate() {
                let from = if up { y + k } else { y - k };
                let moved = row(new, y, w) == row(old, from, w);
                if moved {
                    let gain = usize::from(row(new, y, w) != row(old, y, w));
                    run = Some(match run {
                        Some((s, g)) => (s, g + gain),
                        None => (y, gain),
                    });
                }
                let end = !moved || i + 1 == ys.len();
                if let (true, Some((s, g))) = (end, run) {
                    let e = if moved { y } else { y - 1 };
                    if g >= 2 && best.is_none_or(|b| g > b.0) {
                        best = Some((g, s, e));
                    }
                    run = None;
                }
            }
            if let Some((_, s, e)) = best {
                let (top, bot) = if up { (s, e + k) } else { (s - k, e) };
                out.push(Scroll { top, bot, k, up });
                // The band one row longer on either side as well: a row next to it that
                // changes anyway (the cursor's) may then be written from where the shift
                // leaves the cursor, without a move.
                if top > 0 {
                    out.push(Scroll {
                        top: top - 1,
                        bot,
                        k,
                        up,
                    });
                }
                if bot + 1 < h {
                    out.push(Scroll {
                        top,
                        bot: bot + 1,
                        k,
                        up,
                    });
                }
            }
        }
    }
    out
}

impl Backend for LeanBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut rows: Rows = BTreeMap::new();
        for (x, y, c) in content {
            rows.entry(y).or_default().push((x, c.clone()));
        }
        if rows.is_empty() {
            return Ok(());
        }
        let area = self.shadow.area;
        let inside = rows
            .iter()
            .all(|(y, cells)| *y < area.height && cells.iter().all(|c| c.0 < area.width));
        // The frame as the terminal should show it: what it shows now and the changes.
        let new = inside.then(|| {
            let mut b = self.shadow.clone();
            for (y, cells) in &rows {
                for (x, c) in cells {
                    b[(*x, *y)] = c.clone();
                }
            }
            b
        });
        // The changes cell by cell; then, where a band of whole rows has moved, a scroll of
        // that band and the cells that still differ, if that is fewer bytes.
        let mut best = {
            let mut shadow = self.shadow.clone();
            let mut w = Vec::with_capacity(1024);
            let pen = emit(&mut shadow, rows, self.pen, None, &mut w);
            (w, pen, shadow)
        };
        if let Some(new) = &new {
            for s in scrolls(&self.shadow, new) {
                let mut w = Vec::with_capacity(1024);
                let mut pen = self.pen;
                let mut shadow = self.shadow.clone();
                let at = s.apply(&mut shadow, &mut pen, &mut w);
                let rows = changes(&shadow, new);
                let pen = emit(&mut shadow, rows, pen, Some(at), &mut w);
                if w.len() < best.0.len() {
                    best = (w, pen, shadow);
                }
            }
        }
        let (w, pen, shadow) = best;
        self.shadow = shadow;
        self.pen = pen;
        self.out.write_all(&w)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(true) {
            self.cursor_hidden = Some(true);
            self.inner.hide_cursor()?;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(false) {
            self.cursor_hidden = Some(false);
            self.inner.show_cursor()?;
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        // Erase with the default background: the style first.
        let mut w = Vec::new();
        sgr(self.pen, PLAIN, &mut w);
        self.pen = PLAIN;
        self.out.write_all(&w)?;
        self.inner.clear()?;
        self.forget();
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let mut w = Vec::new();
        sgr(self.pen, PLAIN, &mut w);
        self.pen = PLAIN;
        self.out.write_all(&w)?;
        self.inner.clear_region(clear_type)?;
        match clear_type {
            ClearType::All => self.forget(),
            // Not used by the TUI: treat the screen as unknown, so the next full frame is
            // drawn cell by cell without bridging or erasing.
            _ => self.shadow = Buffer::empty(Rect::ZERO),
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
