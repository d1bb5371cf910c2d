use super::{field, no_profile};
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
    let mut v = vec![
        Line::from(Span::styled(" Build the report", t.heading())),
        field(t, " Output folder", out.display().to_string()),
        field(
            t,
            " Formats",
            "HTML, Markdown, SVG and PNG charts, open data",
        ),
        Line::from(""),
    ];
    if !app.derived.problems.is_empty() {
        v.push(Line::from(Span::styled(
            format!(
                " Problems: `migprof check` reports {} (build makes a draft marked INVALID):",
                app.derived.problems.len()
            ),
            t.error(),
        )));
        for p in app.derived.problems.iter().take(4) {
            v.push(Line::from(format!("   {p}")));
        }
        if app.derived.problems.len() > 4 {
            v.push(Line::from(format!(
                "   and {} more",
                app.derived.problems.len() - 4
            )));
        }
        v.push(Line::from(""));
    }
    match &app.build {
        BuildState::Idle => {
            if app.dirty {
                v.push(Line::from(
                    " Unsaved changes: b saves them first, then builds the saved file.",
                ));
            }
            v.push(Line::from(" Press b to build."));
        }
        BuildState::Running => v.push(Line::from(Span::styled(" Building...", t.heading()))),
        BuildState::Failed(e) => v.push(Line::from(Span::styled(
            format!(" Build failed: {e}"),
            t.error(),
        ))),
        BuildState::Done(s) => {
            v.push(Line::from(Span::styled(
                format!(" Done: {} files in {}", s.files.len(), s.out_dir.display()),
                t.ok(),
            )));
            let room = (area.height as usize).saturating_sub(v.len() + 2);
            for p in s.files.iter().take(room) {
                v.push(Line::from(format!("   {}", p.display())));
            }
            if s.files.len() > room {
                v.push(Line::from(format!("   and {} more", s.files.len() - room)));
            }
            if !s.skipped.is_empty() {
                v.push(Line::from(Span::styled(
                    format!(" {} charts skipped for lack of data", s.skipped.len()),
                    t.dim(),
                )));
            }
        }
    }
    frame.render_widget(Paragraph::new(super::wrap_lines(v, area.width)), area);
}
