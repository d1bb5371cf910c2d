use super::no_profile;
use crate::tui::app::{App, BuildState};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    let Some(f) = &app.file else {
        return no_profile(t, frame, area);
    };
    let stem = f
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out = app.out_root.join(&stem);
    // The list-and-pane layout of the other screens (the rule in the same column), so a
    // switch to or from Build rewrites only what differs: what is built where on the left,
    // the problems or the files written on the right.
    let (l, r) = super::split_panes(t, frame, area, super::LIST_W, super::compact(area));
    let mut left = vec![
        Line::from(Span::styled(" Build the report", t.heading())),
        Line::from(""),
        Line::from(Span::styled(" Output folder", t.heading())),
        Line::from(format!(" {}", out.display())),
        Line::from(Span::styled(" Formats", t.heading())),
        Line::from(" HTML, Markdown, SVG and PNG"),
        Line::from(" charts, open data"),
        Line::from(""),
    ];
    let mut right: Vec<Line> = Vec::new();
    if !app.derived.problems.is_empty() {
        right.push(Line::from(Span::styled(
            format!(
                "Problems: `migprof check` reports {} (build makes a draft marked INVALID):",
                app.derived.problems.len()
            ),
            t.error(),
        )));
        for p in app.derived.problems.iter().take(4) {
            right.push(Line::from(format!("  {p}")));
        }
        if app.derived.problems.len() > 4 {
            right.push(Line::from(format!(
                "  and {} more",
                app.derived.problems.len() - 4
            )));
        }
        right.push(Line::from(""));
    } else {
        right.push(Line::from("`migprof check` reports no problem."));
    }
    match &app.build {
        BuildState::Idle => {
            if app.dirty {
                left.push(Line::from(" Unsaved changes: b saves"));
                left.push(Line::from(" them, then builds the file."));
            }
            left.push(Line::from(" Press b to build."));
        }
        BuildState::Running => left.push(Line::from(Span::styled(" Building...", t.heading()))),
        BuildState::Failed(e) => right.push(Line::from(Span::styled(
            format!("Build failed: {e}"),
            t.error(),
        ))),
        BuildState::Done(s) => {
            left.push(Line::from(Span::styled(
                format!(" Done: {} files", s.files.len()),
                t.ok(),
            )));
            let room = (r.height as usize).saturating_sub(right.len() + 2);
            right.push(Line::from(Span::styled(
                format!("Written to {}", s.out_dir.display()),
                t.heading(),
            )));
            for p in s.files.iter().take(room) {
                right.push(Line::from(format!("  {}", p.display())));
            }
            if s.files.len() > room {
                right.push(Line::from(format!("  and {} more", s.files.len() - room)));
            }
            if !s.skipped.is_empty() {
                right.push(Line::from(Span::styled(
                    format!("{} charts skipped for lack of data", s.skipped.len()),
                    t.dim(),
                )));
            }
        }
    }
    frame.render_widget(Paragraph::new(super::wrap_lines(left, l.width)), l);
    frame.render_widget(Paragraph::new(super::wrap_lines(right, r.width)), r);
}
