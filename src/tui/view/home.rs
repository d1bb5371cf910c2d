use super::{field, split};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    let (l, r) = split(app, t, frame, area, super::LIST_W);
    let mut rows = vec![Line::from(Span::styled("+ New profile", t.heading()))];
    for e in &app.entries {
        let name = e
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let open = app.file.as_ref().is_some_and(|f| f.path == e.path);
        let mut spans = vec![Span::raw(format!(
            "{}{name}",
            if open { t.open_mark() } else { "  " }
        ))];
        if e.example {
            spans.push(Span::styled(" (example)", t.dim()));
        }
        if e.recovery {
            spans.push(Span::styled(" +recovery", t.error()));
        }
        rows.push(Line::from(spans));
    }
    let mut lines = vec![Line::from(Span::styled(" Profiles", t.heading()))];
    lines.extend(super::screen_list(
        app,
        t,
        rows,
        app.cursors.home,
        l.height.saturating_sub(1) as usize,
        super::stacked(area),
    ));
    frame.render_widget(Paragraph::new(lines), l);

    let detail: Vec<Line> = match app
        .cursors
        .home
        .checked_sub(1)
        .and_then(|i| app.entries.get(i))
    {
        None => vec![
            Line::from(Span::styled("Start a new profile", t.heading())),
            Line::from(
                "Pick the country, the reference year and the report's modules, then walk \
                 through Sources, Indicators, Narrative, Gaps and Build (7: the country's \
                 data system).",
            ),
            Line::from(""),
            Line::from(Span::styled(
                format!("Profiles are read from {}/", app.profiles_dir.display()),
                t.dim(),
            )),
            Line::from(Span::styled(
                format!(
                    "{}open now   +recovery: unsaved changes kept",
                    t.open_mark()
                ),
                t.dim(),
            )),
        ],
        Some(e) => match &e.error {
            Some(err) => vec![
                field(t, "File", e.path.display().to_string()),
                Line::from(Span::styled(err.clone(), t.error())),
            ],
            None => {
                let mut v = vec![
                    Line::from(Span::styled(e.title.clone(), t.heading())),
                    field(t, "File", e.path.display().to_string()),
                    field(t, "Country", format!("{}  year {}", e.country, e.year)),
                    field(
                        t,
                        "Data",
                        format!("{} sources, {} values", e.sources, e.observations),
                    ),
                ];
                if app.file.as_ref().is_some_and(|f| f.path == e.path) {
                    v.push(Line::from(Span::styled("Open now.", t.dim())));
                }
                if e.recovery {
                    v.push(Line::from(Span::styled(
                        "Unsaved changes wait in its recovery file: opening it offers them.",
                        t.error(),
                    )));
                }
                v
            }
        },
    };
    frame.render_widget(Paragraph::new(super::wrap_lines(detail, r.width)), r);
}
