use super::{cut, field, kv, no_profile, screen_list, split, stacked};
use crate::profile::Profile;
use crate::tui::app::{App, SrcRow};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    let Some(p) = app.profile() else {
        return no_profile(t, frame, area);
    };
    let (l, r) = split(app, t, frame, area, super::LIST_W);
    let names = &app.derived.source_names;
    let rows: Vec<Line> = app
        .derived
        .src_rows
        .iter()
        .map(|row| match row {
            SrcRow::Family(f) => Line::from(Span::styled(f.label(), t.heading())),
            SrcRow::Provider(i) => {
                let pr = app.catalogue.providers.get(*i);
                let used = pr.is_some_and(|pr| p.sources.iter().any(|s| s.provider == pr.id));
                let mark = if used { "+" } else { " " };
                Line::from(format!("{mark} {}", pr.map_or("?", |pr| pr.label())))
            }
            SrcRow::Registered => Line::from(Span::styled(
                format!("In this profile ({})", p.sources.len()),
                t.heading(),
            )),
            SrcRow::Source(i) => {
                Line::from(format!("  {}", names.get(*i).map_or("?", String::as_str)))
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(screen_list(
            app,
            t,
            rows,
            app.cursors.sources,
            l.height as usize,
            stacked(area),
        )),
        l,
    );

    if !app.details {
        return compact(app, p, names, t, frame, r);
    }
    let detail: Vec<Line> = match app.derived.src_rows.get(app.cursors.sources) {
        Some(SrcRow::Family(f)) => {
            let n = app.catalogue.providers_in(*f).count();
            vec![
                Line::from(Span::styled(f.label(), t.heading())),
                Line::from(format!("{n} providers in the registry.")),
                Line::from(Span::styled(
                    "a adds a file, m a manual value with its citation.",
                    t.dim(),
                )),
            ]
        }
        Some(SrcRow::Provider(i)) => match app.catalogue.providers.get(*i) {
            Some(pr) => {
                let mut v = vec![
                    Line::from(Span::styled(pr.name.clone(), t.heading())),
                    field(t, "Publishes", pr.publishes.clone()),
                    field(t, "Access", pr.access.clone()),
                    field(t, "Licence", pr.licence.clone()),
                    field(t, "Formats", pr.formats.join(", ")),
                    field(t, "Covers", format!("{} indicators", pr.covers.len())),
                ];
                if !pr.caveats.is_empty() {
                    v.push(field(t, "Caveats", pr.caveats.clone()));
                }
                if let Some(u) = &pr.url {
                    v.push(field(t, "URL", u.clone()));
                }
                v
            }
            None => Vec::new(),
        },
        Some(SrcRow::Registered) => vec![
            Line::from(Span::styled(
                "Sources registered in this profile",
                t.heading(),
            )),
            Line::from(format!(
                "{} sources, {} values.",
                p.sources.len(),
                p.observations.len()
            )),
            Line::from(Span::styled(
                "a: add a provider file (format detected, preview first)",
                t.dim(),
            )),
        ],
        Some(SrcRow::Source(i)) => match p.sources.get(*i) {
            Some(s) => {
                let n = p.observations.iter().filter(|o| o.source == s.id).count();
                let mut v = vec![
                    Line::from(Span::styled(
                        names.get(*i).cloned().unwrap_or_default(),
                        t.heading(),
                    )),
                    field(t, "Id", s.id.clone()),
                    field(t, "Provider", s.provider.clone()),
                    field(t, "Dataset", s.dataset.clone()),
                    field(t, "Values", n.to_string()),
                    field(t, "Licence", s.licence.clone()),
                ];
                let opt = [
                    ("File", &s.file),
                    ("Format", &s.format),
                    ("Retrieved", &s.retrieved),
                    ("Citation", &s.citation),
                    ("Notes", &s.notes),
                ];
                for (label, val) in opt {
                    if let Some(x) = val {
                        v.push(field(t, label, x.clone()));
                    }
                }
                if let Some(h) = &s.sha256 {
                    v.push(field(t, "sha256", h.chars().take(16).collect::<String>()));
                }
                v
            }
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    frame.render_widget(Paragraph::new(super::wrap_lines(detail, r.width)), r);
}

/// Columns of a title in the narrow detail pane.
const TITLE_W: usize = 34;

/// The detail pane as one line per field in fixed rows (the default): moving the cursor
/// rewrites only the values that differ. `v` shows the full text.
fn compact(app: &App, p: &Profile, names: &[String], t: &Theme, frame: &mut Frame, r: Rect) {
    let w = r.width;
    // Titles cut short of the pane's width: the whole name is in the full text (`v`), and a
    // long one would be most of a move's bytes.
    let title = |s: &str| {
        Line::from(Span::styled(
            cut(t, s, (w as usize).min(TITLE_W)),
            t.heading(),
        ))
    };
    // Every kind of row puts its fields under the same labels in the same rows (Licence,
    // Formats, Covers), so a move rewrites values, not the layout; a wide pane adds the rest.
    let wide = w >= 60;
    let detail: Vec<Line> = match app.derived.src_rows.get(app.cursors.sources) {
        Some(SrcRow::Family(f)) => {
            let n = app.catalogue.providers_in(*f).count();
            vec![
                title(f.label()),
                Line::from(""),
                Line::from(""),
                kv(
                    t,
                    "Covers",
                    &format!(
                        "{n} {} in the registry",
                        if n == 1 { "provider" } else { "providers" }
                    ),
                    w,
                ),
            ]
        }
        Some(SrcRow::Provider(i)) => match app.catalogue.providers.get(*i) {
            Some(pr) => {
                let mut v = vec![
                    title(&pr.name),
                    kv(t, "Licence", &pr.licence, w),
                    kv(t, "Formats", &pr.formats.join(", "), w),
                    kv(t, "Covers", &format!("{} indicators", pr.covers.len()), w),
                ];
                // What it publishes is a sentence: cut to a narrow pane it says little and
                // costs a move ~50 bytes; `v` shows it whole.
                if wide {
                    v.push(kv(t, "Publishes", &pr.publishes, w));
                }
                v
            }
            None => Vec::new(),
        },
        Some(SrcRow::Registered) => vec![
            title("Sources registered in this profile"),
            Line::from(""),
            Line::from(""),
            kv(
                t,
                "Covers",
                &format!(
                    "{} sources, {} values",
                    p.sources.len(),
                    p.observations.len()
                ),
                w,
            ),
        ],
        Some(SrcRow::Source(i)) => match p.sources.get(*i) {
            Some(s) => {
                let mut n = 0;
                let mut inds = std::collections::BTreeSet::new();
                for o in p.observations.iter().filter(|o| o.source == s.id) {
                    n += 1;
                    inds.insert(o.indicator.as_str());
                }
                let mut v = vec![
                    title(names.get(*i).map_or(&s.id, |n| n)),
                    kv(t, "Licence", &s.licence, w),
                    kv(
                        t,
                        "Formats",
                        s.format.as_deref().unwrap_or("manual entry"),
                        w,
                    ),
                    kv(
                        t,
                        "Covers",
                        &format!(
                            "{} {}, {n} {}",
                            inds.len(),
                            if inds.len() == 1 {
                                "indicator"
                            } else {
                                "indicators"
                            },
                            if n == 1 { "value" } else { "values" }
                        ),
                        w,
                    ),
                ];
                // The provider and dataset make the id; they, and the retrieval date, are in
                // the full text (`v`) and in a wide pane.
                if wide {
                    v.push(kv(t, "Id", &s.id, w));
                    v.push(kv(t, "Provider", &s.provider, w));
                    v.push(kv(t, "Dataset", &s.dataset, w));
                    v.push(kv(t, "Retrieved", s.retrieved.as_deref().unwrap_or("-"), w));
                }
                v
            }
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    frame.render_widget(Paragraph::new(detail), r);
    // The same hint on every row, in the same place: it is drawn once.
    super::hint(t, frame, r, "v full text  a add a file  m manual value", 8);
}
