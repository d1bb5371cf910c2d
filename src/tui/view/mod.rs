//! Views draw the state and nothing else: `fn view(&App, &mut Frame)`.

mod build;
mod gaps;
mod home;
mod indicators;
mod narrative;
mod overlay;
mod sources;
mod system;

use super::app::{App, Mode, Screen};
use super::keymap;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// The smallest terminal drawn: below it, only the too-small message.
pub const MIN_W: u16 = 60;
pub const MIN_H: u16 = 20;
/// Width of the list pane on every screen: the rule between list and detail pane stays in
/// one column, so switching screens never rewrites it (21 rows, ~400 bytes).
pub(crate) const LIST_W: u16 = 34;
/// Narrower than this, the compact layout: short tab labels, the screen's own keys first.
pub const FULL_W: u16 = 80;
/// Narrower than this, a screen's list spans the full width with its detail pane below it,
/// and scrolls a row at a time: the terminal can then shift the list's rows itself (a scroll
/// region has no left or right margin in tmux), so a move that scrolls the list costs about
/// what a move within it does, not a rewrite of the page (issue 13: at most 250 bytes per
/// cursor move at 80x24). From this width the list and the pane stand side by side and the
/// list turns a page at a time.
pub const SIDE_W: u16 = 100;

/// Is the screen drawn in the compact layout?
pub(crate) fn compact(area: Rect) -> bool {
    area.width < FULL_W
}

/// Are a screen's list and detail pane stacked (the list full width)?
pub(crate) fn stacked(area: Rect) -> bool {
    area.width < SIDE_W
}

pub fn theme(app: &App) -> Theme {
    Theme::new(app.options.no_color, app.options.ascii)
}

/// Draw the whole screen.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let t = theme(app);
    if area.width < MIN_W || area.height < MIN_H {
        let msg = format!(
            "Terminal too small ({}x{}): needs {MIN_W}x{MIN_H}. Only q (quit) works.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(msg, t.error()))),
            Rect::new(area.x, area.y, area.width, 1),
        );
        return;
    }
    let header = Rect::new(area.x, area.y, area.width, 1);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
    let message = Rect::new(area.x, area.y + area.height - 2, area.width, 1);
    let bar = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    draw_header(app, &t, frame, header);
    match app.screen {
        Screen::Home => home::draw(app, &t, frame, body),
        Screen::Sources => sources::draw(app, &t, frame, body),
        Screen::Indicators => indicators::draw(app, &t, frame, body),
        Screen::Narrative => narrative::draw(app, &t, frame, body),
        Screen::Gaps => gaps::draw(app, &t, frame, body),
        Screen::Build => build::draw(app, &t, frame, body),
        Screen::System => system::draw(app, &t, frame, body),
    }
    overlay::draw(app, &t, frame, body);
    // A running job's progress at the right end of the message line; messages keep the rest.
    let message = match &app.job {
        Some(j) => {
            let w = (message.width / 2) as usize;
            let text = format!(" {} {} s", cut(&t, &j.label, w.saturating_sub(6)), j.secs);
            let pw = (text.chars().count() as u16).min(message.width);
            frame.render_widget(
                Paragraph::new(Line::from(Span::styled(text, t.heading()))),
                Rect::new(message.x + message.width - pw, message.y, pw, 1),
            );
            Rect::new(message.x, message.y, message.width - pw, 1)
        }
        None => message,
    };
    if let Some(s) = &app.status {
        status_line(app, &t, frame, message, body, s);
    }
    draw_bar(app, &t, frame, bar);
    if t.ascii {
        // Names and values from profiles and provider files (Türkiye, Côte d'Ivoire, 15 762)
        // as well as migprof's own text: a terminal without UTF-8 gets ASCII only.
        for cell in frame.buffer_mut().content.iter_mut() {
            if let std::borrow::Cow::Owned(s) = crate::text::ascii_cell(cell.symbol()) {
                cell.set_symbol(&s);
            }
        }
    }
}

/// The message line. A message longer than the line: an error opens in a box above it,
/// reason first and wrapped at words (Esc closes it); other messages are cut, reason first,
/// with a pointer to the log (`L`), which holds every message in full.
fn status_line(
    app: &App,
    t: &Theme,
    frame: &mut Frame,
    line: Rect,
    body: Rect,
    s: &super::app::Status,
) {
    let style = if s.error { t.error() } else { Style::new() };
    let prefix = if s.error { "! " } else { "" };
    let w = line.width as usize;
    let text = format!("{prefix}{}", s.text);
    if text.chars().count() <= w {
        frame.render_widget(Paragraph::new(Line::from(Span::styled(text, style))), line);
        return;
    }
    // Cut: the reason first, so that what is left on the line says what happened.
    let text = format!("{prefix}{}", reason_first(&s.text));
    if s.error && app.overlay.is_none() {
        let inner_w = line.width.saturating_sub(4).max(1);
        let rows = super::text::wrap(&reason_first(&s.text), inner_w as usize);
        let h = (rows.len() as u16 + 2).min(body.height);
        let r = Rect::new(body.x, body.y + body.height - h, body.width, h);
        frame.render_widget(ratatui::widgets::Clear, r);
        let block = Block::bordered()
            .border_set(t.border())
            .border_style(t.error())
            .title(Span::styled(
                " Error (Esc closes, L: all messages) ",
                t.error(),
            ));
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let lines: Vec<Line> = rows
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style)))
            .collect();
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(
                inner.x + 1,
                inner.y,
                inner.width.saturating_sub(2),
                inner.height,
            ),
        );
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(cut(t, &text, w), style))),
            line,
        );
        return;
    }
    let more = " (L)";
    let shown = cut(t, &text, w.saturating_sub(more.len())) + more;
    frame.render_widget(Paragraph::new(Line::from(Span::styled(shown, style))), line);
}

/// A message of the form `<path>: <reason>` turned to `<reason> (<path>)`, so the reason is
/// read first; other messages as they are.
pub(crate) fn reason_first(text: &str) -> String {
    if let Some((head, rest)) = text.split_once(": ") {
        let pathlike = !head.contains(' ')
            && (head.contains('/') || head.contains('\\') || head.contains('.'))
            && !rest.is_empty();
        if pathlike {
            let mut c = rest.chars();
            let first = c.next().map(|f| f.to_uppercase().collect::<String>());
            return format!("{}{} ({head})", first.unwrap_or_default(), c.as_str());
        }
    }
    text.to_string()
}

fn draw_header(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    // Compact: the current screen named, the others by number. The program's name only where
    // every tab and the file name fit beside it (from 90 columns).
    let short = compact(area);
    let mut spans = Vec::new();
    if area.width >= 90 || short {
        spans.push(Span::styled("migprof ", t.title()));
    }
    for s in Screen::ALL {
        let label = if short && s != app.screen {
            format!("{}", s.index() + 1)
        } else if short {
            format!("{} {}", s.index() + 1, s.label())
        } else {
            format!("{} {}", s.index() + 1, s.tab())
        };
        if s == app.screen {
            spans.push(Span::styled(label, t.selected().patch(t.heading())));
        } else {
            spans.push(Span::raw(label));
        }
        spans.push(Span::raw(" "));
    }
    if let Some(f) = &app.file {
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let mark = if app.dirty { "*" } else { "" };
        let problems = match app.derived.problems.len() {
            0 => String::new(),
            n => format!(" !{n}"),
        };
        let room = (area.width as usize).saturating_sub(used + mark.len() + problems.len());
        let right = format!("{}{mark}{problems}", cut(t, &name, room));
        let pad = (area.width as usize).saturating_sub(used + right.chars().count());
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(right, t.heading()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_bar(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    let mode = app.mode();
    let mut spans = Vec::new();
    let mut width = 0usize;
    // From 80 columns, the keys of every screen first, in the same place on each, then the
    // screen's own: a screen switch rewrites only the end of the bar. Narrower, the screen's
    // own keys first, so they are never the ones cut off.
    let (global, own): (Vec<_>, Vec<_>) =
        keymap::bar(mode, app.screen).partition(|b| b.ctx == keymap::Ctx::Global);
    let order: Vec<_> = if compact(area) {
        own.into_iter().chain(global).collect()
    } else {
        global.into_iter().chain(own).collect()
    };
    for b in order {
        let label = b.bar.unwrap_or("");
        let w = b.shown.len() + label.len() + 3;
        if width + w > area.width as usize {
            break;
        }
        width += w;
        spans.push(Span::styled(b.shown, t.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Lines of a list with a cursor, shown a page at a time so the cursor stays visible.
pub(crate) fn list<'a>(
    t: &Theme,
    rows: Vec<Line<'a>>,
    cursor: usize,
    height: usize,
    focused: bool,
) -> Vec<Line<'a>> {
    // Page by page: moving within a page redraws two rows, never the whole list.
    let offset = cursor.checked_div(height).map_or(0, |page| page * height);
    mark_cursor(t, rows, cursor, offset, height, focused)
}

/// `height` rows of a list from `offset`, the cursor's marked.
fn mark_cursor<'a>(
    t: &Theme,
    rows: Vec<Line<'a>>,
    cursor: usize,
    offset: usize,
    height: usize,
    focused: bool,
) -> Vec<Line<'a>> {
    rows.into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, line)| {
            if i == cursor && focused {
                let mut spans = vec![Span::raw(t.pointer())];
                spans.extend(
                    line.spans
                        .into_iter()
                        .map(|s| Span::styled(s.content, s.style.patch(t.selected()))),
                );
                Line::from(spans)
            } else {
                // The pointer's blank in the row's own style: no style change before the row.
                let style = line.spans.first().map(|s| s.style).unwrap_or_default();
                let mut spans = vec![Span::styled(" ", style)];
                spans.extend(line.spans);
                Line::from(spans)
            }
        })
        .collect()
}

/// The rows of a screen's list with the cursor: a page at a time beside a detail pane
/// ([`list`]); stacked ([`stacked`]), a row at a time, the list moving only as far as keeps
/// the cursor in view, from where it stood at the last frame.
pub(crate) fn screen_list<'a>(
    app: &App,
    t: &Theme,
    rows: Vec<Line<'a>>,
    cursor: usize,
    height: usize,
    stacked: bool,
) -> Vec<Line<'a>> {
    if !stacked || height == 0 {
        return list(t, rows, cursor, height, true);
    }
    // Rows cut as wide as the list beside a pane: a move writes the row coming into view and
    // rewrites the cursor's two rows, and the bytes of a move grow with their width.
    let rows = rows
        .into_iter()
        .map(|l| cut_line(t, l, ROW_W as usize))
        .collect();
    row_at_a_time(t, rows, cursor, height, &app.list_top[app.screen.index()])
}

/// The rows shown with the cursor, the list moving only as far as keeps the cursor in view
/// from `top`, where it stood at the last frame (updated).
fn row_at_a_time<'a>(
    t: &Theme,
    rows: Vec<Line<'a>>,
    cursor: usize,
    height: usize,
    top: &std::cell::Cell<usize>,
) -> Vec<Line<'a>> {
    let first = scrolled(top.get(), cursor, height, rows.len());
    top.set(first);
    mark_cursor(t, rows, cursor, first, height, true)
}

/// The rows of a pop-up's list with the cursor. In a pop-up as wide as the terminal
/// (`whole_rows`), a row at a time like a stacked screen list ([`screen_list`]): its rows are
/// whole rows, which the terminal shifts when the list scrolls, so a move that scrolls costs
/// about what one within the list does. In a narrower one a page at a time ([`list`]): there
/// every scroll would rewrite the page.
pub(crate) fn popup_list<'a>(
    app: &App,
    t: &Theme,
    rows: Vec<Line<'a>>,
    cursor: usize,
    height: usize,
    whole_rows: bool,
) -> Vec<Line<'a>> {
    if !whole_rows || height == 0 {
        return list(t, rows, cursor, height, true);
    }
    row_at_a_time(t, rows, cursor, height, &app.popup_top)
}

/// The width of a pop-up with a [`popup_list`]: the terminal's when screens stack their panes
/// (its rows are then whole rows, which the terminal shifts), else `narrow` at most.
pub(crate) fn popup_list_width(area: Rect, narrow: u16) -> u16 {
    if stacked(area) {
        area.width
    } else {
        area.width.min(narrow)
    }
}

/// Columns of a row's text in a list that spans the width (the pointer column aside): those
/// of the list beside a pane.
pub(crate) const ROW_W: u16 = LIST_W - 1;

/// A line cut to `w` columns (counted in characters), with an ellipsis in the style of the
/// span it cuts.
pub(crate) fn cut_line<'a>(t: &Theme, line: Line<'a>, w: usize) -> Line<'a> {
    let total: usize = line.spans.iter().map(|s| s.content.chars().count()).sum();
    if total <= w {
        return line;
    }
    let e = t.ellipsis();
    let mut room = w.saturating_sub(e.chars().count());
    let mut spans = Vec::new();
    for s in line.spans {
        if room == 0 {
            break;
        }
        let n = s.content.chars().count();
        if n <= room {
            room -= n;
            spans.push(s);
        } else {
            let kept: String = s.content.chars().take(room).collect();
            spans.push(Span::styled(kept + e, s.style));
            room = 0;
            break;
        }
    }
    if room > 0 || spans.is_empty() {
        let style = spans.last().map(|s: &Span| s.style).unwrap_or_default();
        spans.push(Span::styled(e, style));
    }
    Line::from(spans).style(line.style)
}

/// The first row shown of a list of `len` rows, `height` at a time, that showed from `top`
/// and now has its cursor at `cursor`: moved just enough to show the cursor, and never past
/// the end (a list that shrank shows its last rows).
pub(crate) fn scrolled(top: usize, cursor: usize, height: usize, len: usize) -> usize {
    let top = if cursor < top {
        cursor
    } else if cursor >= top + height {
        cursor + 1 - height
    } else {
        top
    };
    top.min(len.saturating_sub(height))
}

/// Split a body into a list pane and a detail pane with a one-column rule between them; when
/// [`stacked`] the detail pane goes under the list, below a rule. There its one-line fields
/// (the default, not the full text of `v` nor the editor) keep the width they have beside
/// the list at 80 columns ([`PANE_W`]): a move rewrites the values that differ, and wider
/// values would be more bytes per move (`v` shows them whole).
pub(crate) fn split(
    app: &App,
    t: &Theme,
    frame: &mut Frame,
    area: Rect,
    left: u16,
) -> (Rect, Rect) {
    let stack = stacked(area);
    let (l, mut r) = split_panes(t, frame, area, left, stack);
    let editor = matches!(app.overlay, Some(super::app::Overlay::Editor { .. }));
    if stack && !app.details && !editor {
        r.width = r.width.min(PANE_W);
    }
    (l, r)
}

/// A detail pane's hint (its keys, `  ` between them): on the pane's last row when the pane
/// is taller than `min_h`; else, when the pane stands under the list narrowed to [`PANE_W`],
/// in the free columns to its right (from 20 of them), a key a row (wrapped at words). Drawn the same on every row of a list, so
/// a cursor move never rewrites it.
pub(crate) fn hint(t: &Theme, frame: &mut Frame, r: Rect, text: &str, min_h: u16) {
    if r.height > min_h {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                cut(t, text, r.width as usize),
                t.dim(),
            ))),
            Rect::new(r.x, r.y + r.height - 1, r.width, 1),
        );
        return;
    }
    let area = frame.area();
    let x = r.x + r.width + 2;
    if x + 20 > area.x + area.width {
        return;
    }
    let w = area.x + area.width - x;
    let lines: Vec<Line> = text
        .split("  ")
        .flat_map(|k| super::text::wrap(k.trim(), w as usize))
        .map(|l| Line::from(Span::styled(l, t.dim())))
        .collect();
    // At the foot, where the pane's one-line fields seldom reach: a row that ends before
    // the hint can still be shortened with one erase to the end of the line.
    let n = (lines.len() as u16).min(r.height);
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(x, r.y + r.height - n, w, n),
    );
}

/// Width of the detail pane beside the list at 80 columns.
pub(crate) const PANE_W: u16 = FULL_W - LIST_W - 2;

/// [`split`], stacked or not as asked.
pub(crate) fn split_panes(
    t: &Theme,
    frame: &mut Frame,
    area: Rect,
    left: u16,
    stack: bool,
) -> (Rect, Rect) {
    if stack {
        // The detail pane keeps its one-line fields (8 rows); the list gets the rest, and
        // never less than half.
        let detail = DETAIL_ROWS.min(area.height / 2);
        let top = area.height.saturating_sub(detail + 1);
        let l = Rect::new(area.x, area.y, area.width, top);
        let rule = Rect::new(area.x, area.y + top, area.width, 1);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                t.hline().repeat(area.width as usize),
                t.dim(),
            ))),
            rule,
        );
        let r = Rect::new(
            area.x + 1,
            area.y + top + 1,
            area.width.saturating_sub(1),
            area.height.saturating_sub(top + 1),
        );
        return (l, r);
    }
    // Side by side (from SIDE_W columns) the list takes two fifths of the width: names, not
    // ids cut at 34 columns, on a wide terminal.
    let left = left
        .max(area.width * 2 / 5)
        .min(area.width.saturating_sub(10));
    let l = Rect::new(area.x, area.y, left, area.height);
    let r = Rect::new(area.x + left, area.y, area.width - left, area.height);
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_set(t.border())
        .border_style(t.dim());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    (
        l,
        Rect::new(
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(1),
            inner.height,
        ),
    )
}

/// Rows of the detail pane under the list in the compact layout.
const DETAIL_ROWS: u16 = 8;

/// A line "Label: value" with the label bold.
pub(crate) fn field<'a>(t: &Theme, label: &'a str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), t.heading()),
        Span::raw(value.into()),
    ])
}

/// Width of the label column of a detail pane's one-line fields.
pub(crate) const LABEL_W: usize = 10;

/// `s` cut to `w` columns (counted in characters) with an ellipsis when it is longer.
pub(crate) fn cut(t: &Theme, s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        return s.to_string();
    }
    let e = t.ellipsis();
    let keep = w.saturating_sub(e.chars().count());
    s.chars().take(keep).collect::<String>() + e
}

/// One line "Label     value" of a detail pane: the label in a fixed column, the value on
/// the same line cut to the pane width. The layout does not move when the cursor does, so
/// ratatui rewrites only the cells whose text changes.
pub(crate) fn kv<'a>(t: &Theme, label: &str, value: &str, width: u16) -> Line<'a> {
    let w = (width as usize).saturating_sub(LABEL_W);
    Line::from(vec![
        Span::styled(format!("{label:<LABEL_W$}"), t.heading()),
        Span::raw(one_line(t, value, w as u16)),
    ])
}

/// A paragraph on one line (whitespace collapsed), cut to `width`.
pub(crate) fn one_line(t: &Theme, s: &str, width: u16) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    cut(t, &flat, width as usize)
}

pub(crate) fn no_profile(t: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(""),
            Line::from(Span::styled(" No profile open.", t.heading())),
            Line::from(" Press 1 for Home, then n to start a profile or Enter to open one."),
        ]),
        area,
    );
}

/// Lines wrapped at word boundaries to `width` columns (styles kept), by the one rule of
/// [`crate::tui::text::segments`]. Every view wraps through this, never mid-word.
pub(crate) fn wrap_lines<'a>(lines: Vec<Line<'a>>, width: u16) -> Vec<Line<'a>> {
    let w = width.max(1) as usize;
    let mut out = Vec::new();
    for line in lines {
        if line.width() <= w {
            out.push(line);
            continue;
        }
        let styled: Vec<(char, Style)> = line
            .spans
            .iter()
            .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
            .collect();
        let chars: Vec<char> = styled.iter().map(|x| x.0).collect();
        for (a, b) in super::text::segments(&chars, w) {
            let mut spans: Vec<Span> = Vec::new();
            let mut cur = String::new();
            let mut style = None;
            for &(c, st) in &styled[a..b] {
                if style.is_some_and(|s| s != st) {
                    spans.push(Span::styled(
                        std::mem::take(&mut cur),
                        style.unwrap_or_default(),
                    ));
                }
                style = Some(st);
                cur.push(c);
            }
            let trimmed = cur.trim_end().to_string();
            if !trimmed.is_empty() || spans.is_empty() {
                spans.push(Span::styled(trimmed, style.unwrap_or_default()));
            }
            out.push(Line::from(spans).style(line.style));
        }
    }
    out
}

/// Is the mode one that edits text (the cursor is shown)?
pub fn editing(mode: Mode) -> bool {
    matches!(mode, Mode::Text | Mode::Editor | Mode::Picker)
}

#[cfg(test)]
mod tests {
    use super::list;
    use crate::tui::theme::Theme;
    use ratatui::text::Line;

    fn shown(cursor: usize) -> Vec<String> {
        let t = Theme::new(true, true);
        let rows: Vec<Line> = (0..25).map(|i| Line::from(format!("r{i}"))).collect();
        list(&t, rows, cursor, 10, true)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn reasons_come_before_paths() {
        assert_eq!(
            super::reason_first("data/x.csv: already imported as source `a`"),
            "Already imported as source `a` (data/x.csv)"
        );
        assert_eq!(
            super::reason_first("Not saved: disk full"),
            "Not saved: disk full"
        );
    }

    #[test]
    fn styled_lines_wrap_at_words() {
        use ratatui::style::Style;
        use ratatui::text::Span;
        let l = Line::from(vec![
            Span::styled("Label: ", Style::new().bold()),
            Span::raw("one two three"),
        ]);
        let rows: Vec<String> = super::wrap_lines(vec![l], 12)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(rows, vec!["Label: one", "two three"]);
    }

    #[test]
    fn lists_scroll_a_page_at_a_time() {
        assert_eq!(shown(3)[0], " r0");
        assert_eq!(shown(3)[3], ">r3");
        // Page two: rows 10-19, cursor on the first of them.
        assert_eq!(shown(10)[0], ">r10");
        assert_eq!(shown(19)[9], ">r19");
        // The last, short page.
        let last = shown(24);
        assert_eq!(last.len(), 5);
        assert_eq!(last[4], ">r24");
    }
}

/// "first-last" years covered by two periods as published (`1950-1955` .. `2020-2025` gives
/// `1950-2025`; a single period is shown as is).
pub(crate) fn period_range(first: &str, last: &str) -> String {
    use crate::model::Period;
    match (Period::parse(first), Period::parse(last)) {
        (Some(a), Some(b)) if a == b => first.to_string(),
        (Some(a), Some(b)) if a.start_year() == b.end_year() => a.start_year().to_string(),
        (Some(a), Some(b)) => format!("{}-{}", a.start_year(), b.end_year()),
        _ => format!("{first}..{last}"),
    }
}

#[cfg(test)]
mod period_range_tests {
    #[test]
    fn period_ranges_read_well() {
        assert_eq!(super::period_range("1950-1955", "2020-2025"), "1950-2025");
        assert_eq!(super::period_range("1990", "2020"), "1990-2020");
        assert_eq!(super::period_range("2020", "2020"), "2020");
        assert_eq!(super::period_range("x", "y"), "x..y");
    }
}
