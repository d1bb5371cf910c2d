//! The Data-system screen (issue 11): the profile's `[[agency]]` and `[[instrument]]` entries
//! and the data assessment (`migprof assess`): which recommended topics each instrument
//! collects, and the instrument-level gaps. Read-only: the library has no operations that edit
//! agencies or instruments yet, so they are edited in the profile file.

use super::{LABEL_W, cut, no_profile, one_line, screen_list, split};
use crate::profile::Profile;
use crate::system::assess::Assessment;
use crate::system::model::Coverage;
use crate::tui::app::{App, SysRow};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The symbol of a coverage in the matrix (the legend spells them out).
pub(crate) fn coverage_symbol(t: &Theme, c: Coverage) -> &'static str {
    match (c, t.ascii) {
        (Coverage::Collected, false) => "●",
        (Coverage::Partly, false) => "◐",
        (Coverage::Not, false) => "○",
        (Coverage::Collected, true) => "Y",
        (Coverage::Partly, true) => "p",
        (Coverage::Not, true) => "n",
        (Coverage::Unknown, _) => "?",
    }
}

/// The legend of the matrix symbols, and of the mark of a gap.
pub(crate) fn legend(t: &Theme) -> String {
    format!(
        "{} collected  {} partly  {} not  ? unknown  ! a gap (needed, not collected)",
        coverage_symbol(t, Coverage::Collected),
        coverage_symbol(t, Coverage::Partly),
        coverage_symbol(t, Coverage::Not),
    )
}

pub fn draw(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    let Some(p) = app.profile() else {
        return no_profile(t, frame, area);
    };
    let (l, r) = split(app, t, frame, area, super::LIST_W);
    let lw = l.width.saturating_sub(2) as usize;
    let rows: Vec<Line> = app
        .derived
        .sys_rows
        .iter()
        .map(|row| match row {
            // An illustrative data system says so where it is listed.
            SysRow::Agencies => Line::from(Span::styled(
                if p.data_system.as_ref().is_some_and(|d| d.illustrative) {
                    format!("Agencies ({}, ILLUSTRATIVE)", p.agencies.len())
                } else {
                    format!("Agencies ({})", p.agencies.len())
                },
                t.heading(),
            )),
            SysRow::Instruments => Line::from(Span::styled(
                format!("Instruments ({})", p.instruments.len()),
                t.heading(),
            )),
            SysRow::Agency(i) => {
                let a = &p.agencies[*i];
                Line::from(cut(t, &format!("  {} {}", a.id, a.kind.label()), lw))
            }
            SysRow::Instrument(i) => {
                let ins = &p.instruments[*i];
                let gaps = app.derived.assessment.as_ref().map_or(0, |a| {
                    a.gaps.iter().filter(|g| g.instrument == ins.id).count()
                });
                let mark = if gaps > 0 { "!" } else { " " };
                Line::from(cut(t, &format!("{mark} {} {}", ins.id, ins.agency), lw))
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(screen_list(
            app,
            t,
            rows,
            app.cursors.system,
            l.height as usize,
            super::stacked(area),
        )),
        l,
    );
    // A heading shows the first entry under it (moving onto that entry rewrites only the
    // list); with `v`, the data system summed up and the assessment's size.
    let v = match app.derived.sys_rows.get(app.cursors.system) {
        _ if !crate::system::has_data_system(p) => empty(t, r.width),
        Some(SysRow::Agencies | SysRow::Instruments) if app.details => {
            let mut v = overview(app, p, t, r.width);
            v.extend(summary(app, p, t, r.width).into_iter().skip(1));
            v
        }
        Some(SysRow::Agency(i)) => agency(app, p, t, *i, r.width),
        Some(SysRow::Instrument(i)) => instrument(app, p, t, *i, r.width),
        // A heading's pane is one line: crossing between the agency and instrument layouts
        // then costs two small moves rather than one large one.
        Some(SysRow::Agencies) => vec![title(
            t,
            &format!("{} agencies hold migration data", p.agencies.len()),
            r.width,
        )],
        Some(SysRow::Instruments) => {
            let gaps = app.derived.assessment.as_ref().map_or(0, |a| a.gaps.len());
            vec![title(
                t,
                &format!("{} instruments, {gaps} gaps", p.instruments.len()),
                r.width,
            )]
        }
        None => overview(app, p, t, r.width),
    };
    frame.render_widget(Paragraph::new(v), r);
    if app.derived.assessment.is_some() {
        super::hint(t, frame, r, "v full text  Enter the assessment", 10);
    }
}

fn empty<'a>(t: &Theme, w: u16) -> Vec<Line<'a>> {
    let v = vec![
        Line::from(Span::styled("No data system recorded.", t.heading())),
        Line::from(""),
        Line::from(
            "A profile may list the country's agencies ([[agency]]) and instruments \
             ([[instrument]]: census, surveys, registers...), with the recommended topics \
             each collects. They are edited in the profile file; this screen then shows \
             them and the assessment (also `migprof assess`).",
        ),
    ];
    super::wrap_lines(v, w)
}

/// The two headings' pane: what the data system holds, and whether it is illustrative.
fn overview<'a>(app: &App, p: &Profile, t: &Theme, w: u16) -> Vec<Line<'a>> {
    let gaps = app.derived.assessment.as_ref().map_or(0, |a| a.gaps.len());
    let mut v = vec![
        Line::from(Span::styled(
            cut(t, "The national data system", w as usize),
            t.heading(),
        )),
        kv(
            t,
            app.details,
            "Holds",
            &format!(
                "{} agencies, {} instruments",
                p.agencies.len(),
                p.instruments.len()
            ),
            w,
        ),
        kv(
            t,
            app.details,
            "Gaps",
            &format!("{gaps} instrument-level"),
            w,
        ),
        kv(
            t,
            app.details,
            "Note",
            p.data_system
                .as_ref()
                .and_then(|d| d.note.as_deref())
                .unwrap_or("-"),
            w,
        ),
    ];
    if p.data_system.as_ref().is_some_and(|d| d.illustrative) {
        v.push(Line::from(Span::styled(
            cut(
                t,
                "ILLUSTRATIVE: an example, not the country's records",
                w as usize,
            ),
            t.error(),
        )));
    }
    v
}

fn agency<'a>(app: &App, p: &Profile, t: &Theme, i: usize, w: u16) -> Vec<Line<'a>> {
    let Some(a) = p.agencies.get(i) else {
        return Vec::new();
    };
    let agreement = a
        .agreement
        .as_ref()
        .map_or("-".to_string(), |g| match &g.date {
            Some(d) => format!("{} ({d})", g.status.label()),
            None => g.status.label().to_string(),
        });
    let runs: Vec<&str> = p
        .instruments
        .iter()
        .filter(|x| x.agency == a.id)
        .map(|x| x.id.as_str())
        .collect();
    let provider = app
        .catalogue
        .provider(a.provider_id())
        .map_or(a.provider_id().to_string(), |x| x.name.clone());
    let runs = if runs.is_empty() {
        "-".to_string()
    } else {
        runs.join(", ")
    };
    // One line per field in fixed rows; the sentences (role, contact) only in the full text
    // (`v`) or a wide pane: on a narrow one they are cut to little and cost a move most.
    let mut v = vec![
        title(t, &a.name, w),
        kv(t, app.details, "Kind", a.kind.label(), w),
        kv(t, app.details, "Agreement", &agreement, w),
        kv(t, app.details, "Runs", &runs, w),
    ];
    if app.details || w >= 60 {
        v.push(kv(t, app.details, "Role", &a.role, w));
        v.push(kv(
            t,
            app.details,
            "Contact",
            a.contact.as_deref().unwrap_or("-"),
            w,
        ));
        v.push(kv(t, app.details, "Filed as", &provider, w));
    }
    v
}

/// One line "Label     value" with the label plain: the pane's rows change layout between
/// headings, agencies and instruments, and a bold label would cost each of them a style change.
fn kv<'a>(t: &Theme, full: bool, label: &str, value: &str, width: u16) -> Line<'a> {
    // Values cut to 24 columns in a narrow pane, unless the full text (`v`) is shown.
    let w = (width as usize).saturating_sub(LABEL_W);
    let w = if width < 60 && !full { w.min(24) } else { w };
    Line::from(format!("{label:<LABEL_W$}{}", one_line(t, value, w as u16)))
}

/// A pane's title, cut short of a narrow pane's width (the whole name is in the full text).
fn title<'a>(t: &Theme, s: &str, w: u16) -> Line<'a> {
    Line::from(Span::styled(cut(t, s, (w as usize).min(30)), t.heading()))
}

fn instrument<'a>(app: &App, p: &Profile, t: &Theme, i: usize, w: u16) -> Vec<Line<'a>> {
    let Some(ins) = p.instruments.get(i) else {
        return Vec::new();
    };
    let owner = p
        .agencies
        .iter()
        .find(|a| a.id == ins.agency)
        .map_or(format!("{} (not in the agencies)", ins.agency), |a| {
            format!("{} ({})", a.name, a.id)
        });
    let wide = app.details || w >= 60;
    let mut v = vec![title(t, &ins.name, w)];
    if wide {
        v.push(kv(t, app.details, "Kind", ins.kind.label(), w));
    }
    v.extend([
        kv(
            t,
            app.details,
            "Owner",
            if wide { &owner } else { &ins.agency },
            w,
        ),
        kv(t, app.details, "Every", &ins.periodicity, w),
        kv(
            t,
            app.details,
            "Latest",
            ins.latest_round.as_deref().unwrap_or("-"),
            w,
        ),
        kv(t, app.details, "Access", ins.access.label(), w),
    ]);
    if let Some(a) = &app.derived.assessment
        && !wide
    {
        let n = a.gaps.iter().filter(|g| g.instrument == ins.id).count();
        v.push(kv(t, app.details, "Gaps", &n.to_string(), w));
    }
    if let Some(a) = &app.derived.assessment
        && let Some(row) = a.rows.iter().find(|r| r.instrument == ins.id)
        && wide
    {
        let mut c = [0usize; 4];
        for cell in &row.cells {
            c[cell.coverage as usize] += 1;
        }
        v.push(kv(
            t,
            app.details,
            "Topics",
            &format!(
                "{} collected, {} partly, {} not, {} unknown",
                c[0], c[1], c[2], c[3]
            ),
            w,
        ));
        let gaps: Vec<String> = a
            .gaps
            .iter()
            .filter(|g| g.instrument == ins.id)
            .map(|g| topic_name(&g.topic))
            .collect();
        v.push(kv(
            t,
            app.details,
            "Gaps",
            &if gaps.is_empty() {
                "none".to_string()
            } else {
                format!("{}: {}", gaps.len(), gaps.join(", "))
            },
            w,
        ));
    }
    v
}

/// The assessment row's pane: its size and what no instrument collects.
fn summary<'a>(app: &App, p: &Profile, t: &Theme, w: u16) -> Vec<Line<'a>> {
    let Some(a) = &app.derived.assessment else {
        return Vec::new();
    };
    let uncovered: Vec<String> = a.uncovered.iter().map(|id| topic_name(id)).collect();
    vec![
        Line::from(Span::styled(
            cut(t, "The data assessment", w as usize),
            t.heading(),
        )),
        kv(
            t,
            app.details,
            "Matrix",
            &format!(
                "{} instruments x {} topics",
                p.instruments.len(),
                a.topics.len()
            ),
            w,
        ),
        kv(t, app.details, "Gaps", &a.gaps.len().to_string(), w),
        kv(
            t,
            app.details,
            "Uncovered",
            &if uncovered.is_empty() {
                "none".to_string()
            } else {
                uncovered.join(", ")
            },
            w,
        ),
    ]
}

/// A topic's name from the topics catalogue (its id when unknown).
pub(crate) fn topic_name(id: &str) -> String {
    crate::system::topics::Topics::builtin()
        .ok()
        .and_then(|t| t.get(id))
        .map_or(id.to_string(), |t| t.name.clone())
}

/// The lines of the assessment pop-up: the matrix (one row per instrument, a column per
/// topic, numbered), the topics by number, then every instrument-level gap, wrapped.
pub(crate) fn matrix_lines<'a>(t: &Theme, a: &Assessment, w: u16) -> Vec<Line<'a>> {
    let id_w = a
        .rows
        .iter()
        .map(|r| r.instrument.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(6, 12);
    let mut head = format!("{:<id_w$}", "");
    // Each column is 3 wide: a space, the symbol, the gap mark; the number over the symbol.
    for i in 0..a.topics.len() {
        head.push_str(&format!(" {:<2}", i + 1));
    }
    let mut v = vec![Line::from(Span::styled(head, t.heading()))];
    for r in &a.rows {
        let mut spans = vec![Span::raw(format!("{:<id_w$}", cut(t, &r.instrument, id_w)))];
        for c in &r.cells {
            let gap = c.expected && c.coverage != Coverage::Collected;
            let sym = coverage_symbol(t, c.coverage);
            let style = if gap {
                t.error()
            } else if c.expected {
                Style::new()
            } else {
                t.dim()
            };
            spans.push(Span::styled(
                format!(" {sym}{}", if gap { "!" } else { " " }),
                style,
            ));
        }
        v.push(Line::from(spans));
    }
    v.push(Line::from(Span::styled(legend(t), t.dim())));
    v.push(Line::from(""));
    let mut topics = Vec::new();
    for (i, id) in a.topics.iter().enumerate() {
        topics.push(format!("{} {}", i + 1, topic_name(id)));
    }
    v.push(Line::from(Span::styled("Topics", t.heading())));
    v.push(Line::from(topics.join("; ")));
    v.push(Line::from(""));
    v.push(Line::from(Span::styled(
        format!("Instrument-level gaps ({})", a.gaps.len()),
        t.heading(),
    )));
    if a.gaps.is_empty() {
        v.push(Line::from(
            "None: every instrument collects what it should.",
        ));
    }
    for g in &a.gaps {
        v.push(Line::from(format!("- {}", g.sentence)));
    }
    super::wrap_lines(v, w)
}
