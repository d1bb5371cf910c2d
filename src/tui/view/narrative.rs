use super::{cut, kv, no_profile, split};
use crate::tui::app::{App, Overlay};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    let Some(p) = app.profile() else {
        return no_profile(t, frame, area);
    };
    let (l, r) = split(app, t, frame, area, super::LIST_W);
    let rows: Vec<Line> = app
        .derived
        .sections
        .iter()
        .map(|(id, title)| {
            let mark = if p.narrative.contains_key(id) {
                "+"
            } else {
                " "
            };
            Line::from(format!("{mark} {id} {title}"))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(super::screen_list(
            app,
            t,
            rows,
            app.cursors.narrative,
            l.height as usize,
            super::stacked(area),
        )),
        l,
    );
    let Some(section) = app.current_section() else {
        return;
    };
    let editing = matches!(&app.overlay, Some(Overlay::Editor { section: s, .. }) if s == section);
    if !editing && !app.details {
        return compact(app, t, frame, r, section, p.narrative.get(section));
    }
    let prompt = app
        .template
        .section(section)
        .map(|s| s.prompt.clone())
        .unwrap_or_default();
    let generated = app.generated_sentence(section);
    let mut head = vec![Line::from(Span::styled(prompt, t.dim()))];
    if !generated.is_empty() {
        head.push(Line::from(Span::styled(
            format!("Generated (i / ^G inserts): {generated}"),
            t.dim(),
        )));
    }
    // Height of the wrapped hint lines, plus a blank line.
    let head = super::wrap_lines(head, r.width);
    let head_h = (head.len() as u16 + 1).min(r.height / 2);
    frame.render_widget(Paragraph::new(head), Rect::new(r.x, r.y, r.width, head_h));
    let text_area = Rect::new(r.x, r.y + head_h, r.width, r.height - head_h);
    if let Some(Overlay::Editor { section: s, area }) = &app.overlay
        && s == section
    {
        // The editor: lines soft-wrapped at the pane width, scrolled to keep the cursor visible.
        let h = text_area.height.saturating_sub(1).max(1) as usize;
        let w = text_area.width.saturating_sub(1).max(1) as usize;
        let (rows, cur_row, cur_col) =
            crate::tui::text::wrap_cursor(&area.lines, area.row, area.col, w);
        let top = cur_row.saturating_sub(h - 1);
        let lines: Vec<Line> = rows.into_iter().skip(top).take(h).map(Line::from).collect();
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                "Editing (Esc done, ^S done and save)",
                t.heading(),
            ))),
            Rect::new(text_area.x, text_area.y, text_area.width, 1),
        );
        let body = Rect::new(
            text_area.x,
            text_area.y + 1,
            text_area.width,
            text_area.height.saturating_sub(1),
        );
        frame.render_widget(Paragraph::new(lines), body);
        frame.set_cursor_position(Position::new(
            body.x + cur_col as u16,
            body.y + (cur_row - top) as u16,
        ));
        return;
    }
    let text = p.narrative.get(section).cloned().unwrap_or_default();
    let body = if text.is_empty() {
        vec![Line::from(Span::styled(
            "No text yet: e edits, i inserts the generated sentence.",
            t.dim(),
        ))]
    } else {
        text.lines().map(|l| Line::from(l.to_string())).collect()
    };
    frame.render_widget(
        Paragraph::new(super::wrap_lines(body, text_area.width)),
        text_area,
    );
}

/// Rows of the section's text shown while moving through the sections.
const TEXT_ROWS: usize = 3;

/// The pane in fixed rows (the default): the prompt and the generated sentence on one line
/// each, the first rows of the text. `v` shows them whole, `e` edits.
fn compact(app: &App, t: &Theme, frame: &mut Frame, r: Rect, section: &str, text: Option<&String>) {
    let w = r.width as usize;
    let prompt = app
        .template
        .section(section)
        .map(|s| s.prompt.clone())
        .unwrap_or_default();
    let generated = app.generated_sentence(section);
    let mut v = vec![
        Line::from(Span::styled(cut(t, &prompt, w), t.dim())),
        kv(
            t,
            "Generated",
            if generated.is_empty() {
                "-"
            } else {
                &generated
            },
            r.width,
        ),
        Line::from(""),
    ];
    match text.filter(|x| !x.trim().is_empty()) {
        None => v.push(Line::from(Span::styled(
            cut(
                t,
                "No text yet: e edits, i inserts the generated sentence.",
                w,
            ),
            t.dim(),
        ))),
        Some(x) => {
            let lines: Vec<String> = x.lines().map(str::to_string).collect();
            let rows = crate::tui::text::wrap(&lines.join("\n"), w.max(1));
            let n = rows.len();
            for row in rows.into_iter().take(TEXT_ROWS) {
                v.push(Line::from(row));
            }
            if n > TEXT_ROWS {
                v.push(Line::from(Span::styled(
                    format!("+{} more rows (e edits, v shows all)", n - TEXT_ROWS),
                    t.dim(),
                )));
            }
        }
    }
    frame.render_widget(Paragraph::new(v), r);
    // The hint line the other screens have, in the same place: a switch leaves it as it is.
    super::hint(t, frame, r, "v full text  e edit  i insert generated", 10);
}
