//! Pop-ups over the screens: the new-profile wizard, file entry and preview, forms, choices,
//! questions and the help.

use super::{list, popup_list, popup_list_width, stacked};
use crate::tui::app::{App, ConfirmKind, Mode, Overlay, WizStep, format_number};
use crate::tui::keymap;
use crate::tui::text::LineInput;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draw a bordered box centred in `area`; returns its inner area.
fn popup(t: &Theme, frame: &mut Frame, area: Rect, w: u16, h: u16, title: &str) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_set(t.border())
        .title(Span::styled(format!(" {title} "), t.heading()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    )
}

/// A one-line input "Label: text" with the cursor placed when focused.
fn input_line<'a>(
    t: &Theme,
    frame: &mut Frame,
    at: Rect,
    label: &'a str,
    input: &LineInput,
    focused: bool,
) -> Line<'a> {
    let label_w = label.chars().count() as u16 + 2;
    let room = at.width.saturating_sub(label_w + 1) as usize;
    let skip = input.cursor.saturating_sub(room);
    let shown: String = input.text.chars().skip(skip).take(room + 1).collect();
    if focused {
        frame.set_cursor_position(Position::new(
            at.x + label_w + (input.cursor - skip) as u16,
            at.y,
        ));
    }
    let lstyle = if focused {
        t.heading().patch(t.selected())
    } else {
        t.heading()
    };
    Line::from(vec![
        Span::styled(label, lstyle),
        Span::raw(": "),
        Span::raw(shown),
    ])
}

pub fn draw(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    if app.help {
        return help(app, t, frame, area);
    }
    let Some(ov) = &app.overlay else { return };
    match ov {
        Overlay::NewProfile(w) => {
            let h = match w.step {
                WizStep::Country => 16,
                WizStep::Year => 4,
                WizStep::Modules => w.modules.len() as u16 + 4,
            };
            let whole = stacked(area);
            let inner = popup(t, frame, area, popup_list_width(area, 64), h, "New profile");
            let step = match w.step {
                WizStep::Country => "1/3 Country: type to search, Down/Up to move",
                WizStep::Year => "2/3 Reference year",
                WizStep::Modules => "3/3 Modules of the report (Space toggles)",
            };
            let mut v = vec![Line::from(Span::styled(step, t.dim()))];
            match w.step {
                WizStep::Country => {
                    let at = Rect::new(inner.x, inner.y + 1, inner.width, 1);
                    v.push(input_line(t, frame, at, "Search", &w.query, true));
                    let rows: Vec<Line> = app
                        .picker_matches(&w.query.text)
                        .iter()
                        .map(|c| Line::from(format!("{} {}", c.iso3, c.name)))
                        .collect();
                    if rows.is_empty() {
                        v.push(Line::from(Span::styled("No country matches.", t.error())));
                    }
                    v.extend(popup_list(
                        app,
                        t,
                        rows,
                        w.cursor,
                        inner.height.saturating_sub(2) as usize,
                        whole,
                    ));
                }
                WizStep::Year => {
                    let name = w
                        .country
                        .as_deref()
                        .and_then(|c| app.countries.by_code(c))
                        .map_or(String::new(), |c| c.name.clone());
                    v[0] = Line::from(Span::styled(format!("{step} for {name}"), t.dim()));
                    let at = Rect::new(inner.x, inner.y + 1, inner.width, 1);
                    v.push(input_line(t, frame, at, "Year", &w.year, true));
                }
                WizStep::Modules if w.modules.is_empty() => {
                    v.push(Line::from("The template has no optional modules."));
                    v.push(Line::from("Enter creates the profile."));
                }
                WizStep::Modules => {
                    let mark_on = "[x] ";
                    let rows: Vec<Line> = w
                        .modules
                        .iter()
                        .map(|(id, title, on)| {
                            Line::from(format!(
                                "{}{id} {title}",
                                if *on { mark_on } else { "[ ] " }
                            ))
                        })
                        .collect();
                    v.extend(popup_list(
                        app,
                        t,
                        rows,
                        w.mcursor,
                        inner.height.saturating_sub(1) as usize,
                        whole,
                    ));
                }
            }
            frame.render_widget(Paragraph::new(v), inner);
        }
        Overlay::AddFile { input, candidates } => {
            let err = app.status.as_ref().filter(|s| s.error);
            let h = 6 + candidates.len().min(8) as u16 + if err.is_some() { 4 } else { 0 };
            let inner = popup(t, frame, area, 76, h, "Add a provider file");
            let mut v = vec![Line::from(Span::styled(
                "The format is detected from the content; a preview comes first.",
                t.dim(),
            ))];
            let at = Rect::new(inner.x, inner.y + 1, inner.width, 1);
            v.push(input_line(t, frame, at, "Path", input, true));
            for c in candidates.iter().take(8) {
                v.push(Line::from(Span::styled(format!("  {c}"), t.dim())));
            }
            if candidates.len() > 8 {
                v.push(Line::from(format!("  and {} more", candidates.len() - 8)));
            }
            if let Some(e) = err {
                v.push(Line::from(Span::styled(e.text.clone(), t.error())));
            }
            frame.render_widget(Paragraph::new(super::wrap_lines(v, inner.width)), inner);
        }
        Overlay::Preview(p) => {
            let country = app.profile().map_or("", |p| p.meta.country.as_str());
            let o = &p.outcome;
            let w = area.width.min(76);
            let mut v = vec![
                Line::from(format!("File: {}", p.path)),
                Line::from(format!("Format: {}   Provider: {}", p.format, o.provider)),
                Line::from(format!("Dataset: {}", o.dataset)),
                Line::from(format!(
                    "Rows read: {}   values for {country}: {}",
                    o.rows,
                    p.summary.iter().map(|s| s.count).sum::<usize>()
                )),
                Line::from(Span::styled(accounting(o), t.dim())),
                Line::from(Span::styled(
                    "Indicator             values  periods        latest",
                    t.heading(),
                )),
            ];
            if p.summary.is_empty() {
                v.push(Line::from(Span::styled(
                    format!("Nothing in this file for {country}."),
                    t.error(),
                )));
            }
            for s in &p.summary {
                v.push(Line::from(format!(
                    "{:<20.20}  {:>6}  {:<13.13}  {}",
                    s.indicator,
                    s.count,
                    super::period_range(&s.first, &s.last),
                    if s.latest.is_finite() {
                        format_number(s.latest)
                    } else {
                        "-".into()
                    }
                )));
            }
            for l in &p.left_out {
                v.push(Line::from(Span::styled(
                    format!("Left out: {} values {}", l.count, l.reason.describe()),
                    t.dim(),
                )));
            }
            if p.projections > 0 {
                v.push(Line::from(format!(
                    "{} projections kept, marked as projections",
                    p.projections
                )));
            }
            if let Some(r) = &p.refused {
                v.push(Line::from(Span::styled(format!("Refused: {r}"), t.error())));
            }
            if !o.warnings.is_empty() {
                v.push(Line::from(format!(
                    "{} rows with warnings (L lists them all):",
                    o.warnings.len()
                )));
                for wn in o.warnings.iter().take(WARNINGS_SHOWN) {
                    v.push(Line::from(Span::styled(
                        format!("  line {}: {}", wn.line, wn.message),
                        t.dim(),
                    )));
                }
                if o.warnings.len() > WARNINGS_SHOWN {
                    v.push(Line::from(Span::styled(
                        format!("  and {} more", o.warnings.len() - WARNINGS_SHOWN),
                        t.dim(),
                    )));
                }
            }
            if !o.unmapped_series.is_empty() {
                v.push(Line::from(Span::styled(
                    format!("{} series map to no indicator", o.unmapped_series.len()),
                    t.dim(),
                )));
            }
            // The question stays inside the box whatever the summary's length.
            let mut v = super::wrap_lines(v, w.saturating_sub(4));
            let h = (v.len() as u16 + 3).min(area.height);
            let inner = popup(t, frame, area, w, h, "Preview before import");
            v.truncate(inner.height.saturating_sub(1) as usize);
            frame.render_widget(Paragraph::new(v), inner);
            frame.render_widget(
                Paragraph::new(Line::from(Span::styled(
                    "Import these values? y imports, n cancels",
                    t.heading(),
                ))),
                Rect::new(
                    inner.x,
                    inner.y + inner.height.saturating_sub(1),
                    inner.width,
                    1,
                ),
            );
        }
        Overlay::Form(form) => {
            let h = form.fields.len() as u16 + 4;
            let inner = popup(t, frame, area, 76, h, &form.title);
            let mut v = vec![Line::from(Span::styled(
                "Tab/Down next field, Enter accepts, Esc cancels",
                t.dim(),
            ))];
            for (i, f) in form.fields.iter().enumerate() {
                let at = Rect::new(inner.x, inner.y + 1 + i as u16, inner.width, 1);
                v.push(input_line(t, frame, at, f.label, &f.input, i == form.focus));
            }
            frame.render_widget(Paragraph::new(v), inner);
        }
        Overlay::Choice {
            indicator,
            options,
            cursor,
        } => {
            let h = options.len() as u16 + 3;
            let inner = popup(
                t,
                frame,
                area,
                70,
                h,
                &format!("Preferred source for {indicator}"),
            );
            let rows = options.iter().map(|o| Line::from(o.1.clone())).collect();
            frame.render_widget(
                Paragraph::new(list(t, rows, *cursor, inner.height as usize, true)),
                inner,
            );
        }
        Overlay::Confirm(kind) => {
            let (title, lines) = match kind {
                ConfirmKind::Quit => (
                    "Unsaved changes",
                    vec![
                        Line::from("Save before quitting?"),
                        Line::from(Span::styled(
                            "y save and quit   n quit without saving   Esc stay",
                            t.heading(),
                        )),
                    ],
                ),
                ConfirmKind::QuitDuringJob => {
                    let (what, then) = match &app.job {
                        Some(j) if j.kind == crate::tui::app::JobKind::Build => (
                            format!("{} is still running ({} s).", j.label, j.secs),
                            "y quit when it ends   n/Esc keep working",
                        ),
                        Some(j) => (
                            format!(
                                "{} is still running ({} s): quitting leaves it unread.",
                                j.label, j.secs
                            ),
                            "y quit now   n/Esc keep working",
                        ),
                        None => ("The job has ended.".to_string(), "y quit   Esc stay"),
                    };
                    (
                        "A job is running",
                        vec![
                            Line::from(what),
                            Line::from(Span::styled(then, t.heading())),
                        ],
                    )
                }
                ConfirmKind::Leave(next) => (
                    "Unsaved changes",
                    vec![
                        Line::from(match next {
                            crate::tui::app::Next::Open(p) => format!(
                                "Save this profile before opening {}?",
                                p.file_name()
                                    .map_or(String::new(), |n| n.to_string_lossy().into_owned())
                            ),
                            crate::tui::app::Next::New => {
                                "Save this profile before starting a new one?".to_string()
                            }
                            crate::tui::app::Next::Build => "Save before building?".to_string(),
                        }),
                        Line::from(Span::styled(
                            "y save   n discard the changes   Esc stay",
                            t.heading(),
                        )),
                    ],
                ),
                ConfirmKind::ExternalChange(_) => (
                    "The file changed on disk",
                    vec![
                        Line::from("Another program changed this profile since it was opened;"),
                        Line::from("saving would lose its change. Your edits are kept in the"),
                        Line::from("recovery file."),
                        Line::from(Span::styled(
                            "y save as <name>.mine.toml  n reload  Esc keep editing",
                            t.heading(),
                        )),
                    ],
                ),
                ConfirmKind::SaveBeforeBuild => (
                    "Save before building",
                    vec![
                        Line::from("The build uses the saved file, so the report can be"),
                        Line::from("reproduced from it. Save the changes and build?"),
                        Line::from(Span::styled(
                            "y save and build   n / Esc do not build",
                            t.heading(),
                        )),
                    ],
                ),
                ConfirmKind::RemoveSource(id) => (
                    "Remove a source",
                    vec![
                        Line::from(format!(
                            "Remove `{}` and its {} values?",
                            id,
                            app.profile().map_or(0, |p| p
                                .observations
                                .iter()
                                .filter(|o| &o.source == id)
                                .count())
                        )),
                        Line::from("Preferences that name it go too; u undoes."),
                        Line::from(Span::styled("y remove   n / Esc keep", t.heading())),
                    ],
                ),
                ConfirmKind::BuildInvalid => (
                    "The profile does not pass check",
                    vec![
                        Line::from(format!(
                            "`migprof check` reports {} problem(s) (listed on the Build screen).",
                            app.derived.problems.len()
                        )),
                        Line::from("Build it anyway as a draft marked INVALID in every output?"),
                        Line::from(Span::styled(
                            "y build the marked draft   n / Esc do not build",
                            t.heading(),
                        )),
                    ],
                ),
                ConfirmKind::Recovery { path, when, text } => (
                    "Recovered changes",
                    {
                        let (when, stale) = when.split_once("; ").unwrap_or((when.as_str(), ""));
                        std::iter::once(Line::from(if when.is_empty() {
                            "Unsaved changes from an earlier session were found:".to_string()
                        } else {
                            format!("Unsaved changes, last made {when}:")
                        }))
                        .chain(std::iter::once(Line::from(path.display().to_string())))
                        .chain(
                            (!stale.is_empty())
                                .then(|| Line::from(Span::styled(capitalise(stale), t.error()))),
                        )
                    }
                    // What an unfinished form held (comments at the top of the file).
                    .chain(
                        text.lines()
                            .take_while(|l| l.starts_with("# "))
                            .filter(|l| !l.starts_with("# migprof recovery file"))
                            .take(4)
                            .map(|l| Line::from(Span::styled(l[2..].to_string(), t.dim()))),
                    )
                    .chain([Line::from(Span::styled(
                        "y restore them   n discard them   Esc decide later",
                        t.heading(),
                    ))])
                    .collect(),
                ),
            };
            let inner = popup(t, frame, area, 60, lines.len() as u16 + 2, title);
            frame.render_widget(Paragraph::new(super::wrap_lines(lines, inner.width)), inner);
        }
        Overlay::Editor { .. } => {}
        Overlay::Compare { indicator, scroll } => compare(app, t, frame, area, indicator, *scroll),
        Overlay::Assessment { scroll } => assessment(app, t, frame, area, *scroll),
        Overlay::Messages { cursor, full } => messages(app, t, frame, area, *cursor, *full),
        Overlay::Search { input, cursor } => {
            let hits = app.search(&input.text);
            let h = (area.height).min(hits.len() as u16 + 5).max(6);
            let inner = popup(t, frame, area, popup_list_width(area, 76), h, "Find");
            let w = inner.width as usize;
            let mut v = vec![
                input_line(t, frame, inner, "Find", input, true),
                Line::from(Span::styled(
                    cell(
                        &format!(
                            "{} matches (name, id, or missing / stale / conflicting / filled)",
                            hits.len()
                        ),
                        w,
                    ),
                    t.dim(),
                )),
            ];
            let rows: Vec<Line> = hits
                .iter()
                .map(|h| Line::from(cell(&h.label, w.saturating_sub(2))))
                .collect();
            let room = (inner.height as usize).saturating_sub(3);
            v.extend(popup_list(app, t, rows, *cursor, room, stacked(area)));
            frame.render_widget(Paragraph::new(v), inner);
        }
    }
}

/// The data assessment over the whole body, scrolled by `scroll` lines.
fn assessment(app: &App, t: &Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let Some(a) = &app.derived.assessment else {
        return;
    };
    let inner = popup(
        t,
        frame,
        area,
        area.width,
        area.height,
        "Data assessment (j/k scroll, Esc closes)",
    );
    let lines = super::system::matrix_lines(t, a, inner.width);
    let h = inner.height as usize;
    let first = scroll.min(lines.len().saturating_sub(h));
    let shown: Vec<Line> = lines.into_iter().skip(first).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// Warnings listed in the import preview (all of them are in the message log).
const WARNINGS_SHOWN: usize = 3;

/// The row accounting of an import: rows read, used, and dropped by reason.
fn accounting(o: &crate::ingest::Outcome) -> String {
    let dropped: usize = o.dropped.values().sum();
    let mut s = if o.used + dropped == o.rows && o.rows > 0 {
        format!("Rows: {} read, {} used", o.rows, o.used)
    } else {
        format!("Rows: {} read", o.rows)
    };
    if !o.dropped.is_empty() {
        let parts: Vec<String> = o.dropped.iter().map(|(r, n)| format!("{n} {r}")).collect();
        s.push_str(&format!("; dropped: {}", parts.join(", ")));
    }
    s
}

/// Cut `s` to `w` characters (with `…`), padded to `w`.
fn cell(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n <= w {
        format!("{s:<w$}")
    } else {
        let mut c: String = s.chars().take(w.saturating_sub(1)).collect();
        c.push('…');
        c
    }
}

/// The values of one indicator side by side per source, where the sources differ: which
/// periods, by how much, and why (the reason `check` gives).
fn compare(app: &App, t: &Theme, frame: &mut Frame, area: Rect, indicator: &str, scroll: usize) {
    let Some(p) = app.profile() else { return };
    let tolerance = p.reconcile.tolerance;
    let mut rows: Vec<&crate::quality::reconcile::Conflict> = app
        .derived
        .conflicts
        .iter()
        .filter(|c| c.key.indicator == indicator)
        .collect();
    let when = |c: &crate::quality::reconcile::Conflict| {
        crate::model::Period::parse(&c.key.period).map_or(f64::NEG_INFINITY, |x| x.axis_value())
    };
    // Latest first; totals before breakdown cells.
    rows.sort_by(|a, b| {
        when(b)
            .total_cmp(&when(a))
            .then_with(|| a.key.disaggregation.cmp(&b.key.disaggregation))
    });
    let mut sources: Vec<&str> = Vec::new();
    for s in &p.sources {
        if rows
            .iter()
            .any(|c| c.values.iter().any(|(id, _, _)| id == &s.id))
        {
            sources.push(&s.id);
        }
    }
    let name = app
        .catalogue
        .indicator(indicator)
        .map_or(indicator, |i| i.name.as_str());
    let inner = popup(
        t,
        frame,
        area,
        area.width,
        area.height,
        &format!("Sources compared: {name}"),
    );
    let w = inner.width as usize;
    let letters = ["A", "B", "C", "D", "E", "F"];
    let shown = sources
        .len()
        .min(letters.len())
        .min((w.saturating_sub(28) / 11).max(1));
    let mut v: Vec<Line> = Vec::new();
    for (i, s) in sources.iter().take(shown).enumerate() {
        let label = crate::quality::source_label(p, &app.catalogue, s);
        v.push(Line::from(cell(&format!("{} {label}", letters[i]), w)));
    }
    let mut head = format!("  {}{}", cell("Period", 10), cell("Breakdown", 10));
    for l in letters.iter().take(shown) {
        head.push_str(&format!("{:>10} ", l));
    }
    head.push_str(&format!("{:>6}", "diff"));
    v.push(Line::from(Span::styled(cell(&head, w), t.heading())));
    let fixed = v.len();
    let room = (inner.height as usize).saturating_sub(fixed + 6);
    let scroll = scroll.min(rows.len().saturating_sub(1));
    let first = scroll.saturating_sub(room.saturating_sub(1));
    for (i, c) in rows.iter().enumerate().skip(first).take(room) {
        let breakdown: String = c
            .key
            .disaggregation
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",");
        let mut line = format!(
            "{}{}",
            cell(&c.key.period, 10),
            cell(
                if breakdown.is_empty() {
                    "total"
                } else {
                    &breakdown
                },
                10
            )
        );
        for s in sources.iter().take(shown) {
            let v = c
                .values
                .iter()
                .find(|(id, _, _)| id == s)
                .map_or("-".to_string(), |(_, v, _)| format_number(*v));
            line.push_str(&format!("{:>10} ", cell_right(&v, 10)));
        }
        line.push_str(&format!("{:>5.0}%", c.relative_difference * 100.0));
        let above = c.relative_difference > tolerance;
        let mut style = if above {
            t.status_style(crate::tui::app::IndStatus::Conflicting)
        } else {
            t.dim()
        };
        if i == scroll {
            style = style.patch(t.selected());
        }
        let mark = match (above, c.resolved) {
            (true, false) => "!",
            (true, true) => "*",
            _ => " ",
        };
        v.push(Line::from(Span::styled(
            cell(&format!("{mark} {line}"), w),
            style,
        )));
    }
    if let Some(c) = rows.get(scroll) {
        let why = c
            .reason(crate::i18n::Lang::En)
            .unwrap_or_else(|| "no reason found in the metadata".into());
        for l in wrap_words(&format!("Why: {why}"), w, 3) {
            v.push(Line::from(l));
        }
        let chosen = crate::quality::source_label(p, &app.catalogue, &c.chosen);
        v.push(Line::from(cell(
            &match p.preferred.get(indicator) {
                Some(pr) => format!("Preferred: {chosen} ({})", pr.justification),
                None => format!("Default order uses {chosen}; no preference recorded"),
            },
            w,
        )));
    }
    v.push(Line::from(Span::styled(
        cell(
            &format!(
                "! above the {:.0} % tolerance, unresolved  * resolved   j/k move  Enter choose  Esc close",
                tolerance * 100.0
            ),
            w,
        ),
        t.dim(),
    )));
    frame.render_widget(Paragraph::new(v), inner);
}

/// Words into lines of at most `w` characters, at most `max` lines (the last cut with `…`).
fn wrap_words(s: &str, w: usize, max: usize) -> Vec<String> {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines = crate::tui::text::wrap(&flat, w);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = cell(&format!("{last} …"), w);
        }
    }
    lines.into_iter().map(|l| cell(&l, w)).collect()
}

/// Right-aligned in `w` characters, cut from the left when too long.
fn cell_right(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n <= w {
        format!("{s:>w$}")
    } else {
        s.chars().skip(n - w).collect()
    }
}

/// The help's second and third pages: what each status means; which source the report uses.
fn statuses(t: &Theme, frame: &mut Frame, area: Rect, page: usize) {
    use crate::tui::app::IndStatus as S;
    let row = |s: S, what: &str| {
        Line::from(vec![
            Span::styled(
                format!("{} {:<12}", t.status_symbol(s), s.label()),
                t.status_style(s),
            ),
            Span::raw(what.to_string()),
        ])
    };
    let (title, v) = if page == 1 {
        (
            "What the statuses mean (Tab: sources)",
            vec![
                row(S::Filled, "a usable value for the reference year's report"),
                row(
                    S::Conflicting,
                    "sources differ above the tolerance and no preferred source is \
                     recorded: c compares them, p chooses one",
                ),
                row(
                    S::Stale,
                    "the latest value is old: more than 5 years before the reference \
                     year for stocks and scores, 3 for flows, rates, shares, money, counts",
                ),
                row(
                    S::Missing,
                    "no value yet: add a file (Sources a) or a manual value (m)",
                ),
                Line::from(vec![
                    Span::styled(format!("  {:<12}", "projection"), t.heading()),
                    Span::raw(
                        "a value for a future period (World Population Prospects): kept \
                         and marked, never reported as the latest value",
                    ),
                ]),
            ],
        )
    } else {
        (
            "Which source the report uses",
            vec![
                Line::from(
                    "1. The preferred source recorded for the indicator (p), with its \
                     justification.",
                ),
                Line::from(
                    "2. Else the default order by provider family: government, \
                     international organisations, academia, civil society, \
                     non-traditional. For SDG and Global Compact indicators, \
                     international organisations first (the custodian agencies' series).",
                ),
                Line::from("3. Ties go to the source listed first in the profile."),
            ],
        )
    };
    let w = area.width.min(76);
    let v = super::wrap_lines(v, w.saturating_sub(4));
    let h = v.len() as u16 + 2;
    let inner = popup(t, frame, area, w, h, title);
    frame.render_widget(Paragraph::new(v), inner);
}

/// `L`: the messages of the session, newest first, a row each (reason first, cut at the
/// width); Enter shows the one under the cursor in full, wrapped at words. A move in the list
/// rewrites two rows only: the full text is not redrawn under it on every move.
fn messages(app: &App, t: &Theme, frame: &mut Frame, area: Rect, cursor: usize, full: bool) {
    let inner = popup(
        t,
        frame,
        area,
        area.width.min(100),
        area.height,
        &format!(
            "Messages ({}, newest first; Esc closes)",
            app.messages.len()
        ),
    );
    let w = inner.width as usize;
    let newest: Vec<&crate::tui::app::Status> = app.messages.iter().rev().collect();
    let hint_at = Rect::new(
        inner.x,
        inner.y + inner.height.saturating_sub(1),
        inner.width,
        1,
    );
    if full {
        let Some(m) = newest.get(cursor) else {
            return;
        };
        let mut v = vec![
            Line::from(Span::styled(
                format!("Message {} of {}", cursor + 1, newest.len()),
                t.dim(),
            )),
            Line::from(""),
        ];
        v.extend(super::wrap_lines(
            vec![Line::from(Span::styled(
                super::reason_first(&m.text),
                if m.error { t.error() } else { t.heading() },
            ))],
            inner.width,
        ));
        frame.render_widget(Paragraph::new(v), inner);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                "Enter or Esc: back to the list",
                t.dim(),
            ))),
            hint_at,
        );
        return;
    }
    let list_h = inner.height.saturating_sub(1) as usize;
    let rows: Vec<Line> = newest
        .iter()
        .map(|m| {
            let text = format!(
                "{}{}",
                if m.error { "! " } else { "  " },
                super::reason_first(&m.text)
            );
            Line::from(Span::styled(
                super::cut(t, &text, w.saturating_sub(1)),
                if m.error { t.error() } else { Style::new() },
            ))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(popup_list(app, t, rows, cursor, list_h, stacked(area))),
        Rect::new(inner.x, inner.y, inner.width, list_h as u16),
    );
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            "Enter: the message in full",
            t.dim(),
        ))),
        hint_at,
    );
}

fn help(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    if app.help_page > 0 {
        return statuses(t, frame, area, app.help_page);
    }
    let mut v: Vec<Line> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for b in keymap::help(Mode::Normal, app.screen) {
        // Movement keys are summed up in one line below.
        if seen.contains(&b.help)
            || [
                "j/k",
                "k",
                "g/G",
                "G",
                "h/l",
                "l",
                "PgDn/PgUp",
                "PgUp",
                "Tab",
                "S-Tab",
                "1",
                "2",
                "3",
                "4",
                "5",
                "6",
                "7",
            ]
            .contains(&b.shown)
        {
            continue;
        }
        seen.push(b.help);
        v.push(Line::from(vec![
            Span::styled(
                format!("{:<10}", if b.shown == "1" { "1-7" } else { b.shown }),
                t.key(),
            ),
            Span::raw(if b.shown == "1" {
                "go to a screen"
            } else {
                b.help
            }),
        ]));
    }
    v.push(Line::from(vec![
        Span::styled(format!("{:<10}", "j/k g/G"), t.key()),
        Span::raw("move, first / last (PgDn/PgUp, ^D/^U: a page)"),
    ]));
    v.push(Line::from(vec![
        Span::styled(format!("{:<10}", "h/l Tab"), t.key()),
        Span::raw("previous / next screen (1-7: go to one)"),
    ]));
    if app.screen == crate::tui::app::Screen::System {
        v.push(Line::from(Span::styled(super::system::legend(t), t.dim())));
        v.push(Line::from(Span::styled(
            "Read-only: agencies and instruments are edited in the profile file",
            t.dim(),
        )));
    }
    v.push(Line::from(Span::styled(
        format!(
            "{} filled {} conflicting {} stale {} missing   Tab: meanings",
            t.status_symbol(crate::tui::app::IndStatus::Filled),
            t.status_symbol(crate::tui::app::IndStatus::Conflicting),
            t.status_symbol(crate::tui::app::IndStatus::Stale),
            t.status_symbol(crate::tui::app::IndStatus::Missing)
        ),
        t.dim(),
    )));
    let h = v.len() as u16 + 2;
    let inner = popup(
        t,
        frame,
        area,
        62,
        h,
        &format!("Keys: {} (any key closes)", app.screen.label()),
    );
    frame.render_widget(Paragraph::new(v), inner);
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn long_reasons_wrap_at_words_and_are_cut_after_three_lines() {
        let l = wrap_words(
            "Why: the reference periods differ between the two sources",
            20,
            3,
        );
        assert_eq!(
            l.iter().map(|s| s.trim_end()).collect::<Vec<_>>(),
            vec!["Why: the reference", "periods differ", "between the two …"]
        );
        assert!(l.iter().all(|s| s.chars().count() == 20));
        assert_eq!(wrap_words("short", 20, 3).len(), 1);
    }
}
