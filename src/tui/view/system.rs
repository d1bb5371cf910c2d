//! The Data-system screen (issue 11): the profile's `[[agency]]` and `[[instrument]]` entries
//! and the data assessment (`migprof assess`): which recommended topics each instrument
//! collects, and the instrument-level gaps. Read-only: the library has no operations that edit
//! agencies or instruments yet, so they are edited in the profile file.

use super::{cut, kv, list, no_profile, split};
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
    let (l, r) = split(t, frame, area, super::LIST_W);
    let lw = l.width.saturating_sub(2) as usize;
    let rows: Vec<Line> = app
        .derived
        .sys_rows
        .iter()
        .map(|row| match row {
            SysRow::Agencies => Line::from(Span::styled(
                format!("Agencies ({})", p.agencies.len()),
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
            SysRow::Assessment => Line::from(Span::styled("Assessment (Enter)", t.heading())),
        })
        .collect();
    frame.render_widget(
        Paragraph::new(list(t, rows, app.cursors.system, l.height as usize, true)),
        l,
    );
    let v = match app.derived.sys_rows.get(app.cursors.system) {
        _ if !crate::system::has_data_system(p) => empty(t, r.width),
        Some(SysRow::Agency(i)) => agency(app, p, t, *i, r.width),
        Some(SysRow::Instrument(i)) => instrument(app, p, t, *i, r.width),
        Some(SysRow::Assessment) => summary(app, p, t, r.width),
        Some(SysRow::Agencies) | Some(SysRow::Instruments) | None => overview(app, p, t, r.width),
    };
    frame.render_widget(Paragraph::new(v), r);
    if r.height > 10 {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                cut(t, "Enter: the assessment matrix and gaps", r.width as usize),
                t.dim(),
            ))),
            Rect::new(r.x, r.y + r.height - 1, r.width, 1),
        );
    }
}

fn empty<'a>(t: &Theme, w: u16) -> Vec<Line<'a>> {
    let text = [
        "No data system recorded.",
        "",
        "A profile may list the country's agencies ([[agency]]) and",
        "instruments ([[instrument]]: census, surveys, registers...),",
        "with the recommended topics each collects. They are edited",
        "in the profile file; this screen then shows them and the",
        "assessment (also `migprof assess`).",
    ];
    text.iter()
        .enumerate()
        .map(|(i, s)| {
            let style = if i == 0 { t.heading() } else { Style::new() };
            Line::from(Span::styled(cut(t, s, w as usize), style))
        })
        .collect()
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
            "Holds",
            &format!(
                "{} agencies, {} instruments",
                p.agencies.len(),
                p.instruments.len()
            ),
            w,
        ),
        kv(t, "Gaps", &format!("{gaps} instrument-level (Enter)"), w),
        kv(
            t,
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
    vec![
        Line::from(Span::styled(cut(t, &a.name, w as usize), t.heading())),
        kv(t, "Kind", a.kind.label(), w),
        kv(t, "Role", &a.role, w),
        kv(t, "Contact", a.contact.as_deref().unwrap_or("-"), w),
        kv(t, "Agreement", &agreement, w),
        kv(t, "Filed as", &provider, w),
        kv(
            t,
            "Runs",
            &if runs.is_empty() {
                "-".to_string()
            } else {
                runs.join(", ")
            },
            w,
        ),
    ]
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
    let mut v = vec![
        Line::from(Span::styled(cut(t, &ins.name, w as usize), t.heading())),
        kv(t, "Kind", ins.kind.label(), w),
        kv(t, "Owner", &owner, w),
        kv(t, "Every", &ins.periodicity, w),
        kv(t, "Latest", ins.latest_round.as_deref().unwrap_or("-"), w),
        kv(t, "Access", ins.access.label(), w),
    ];
    if let Some(a) = &app.derived.assessment
        && let Some(row) = a.rows.iter().find(|r| r.instrument == ins.id)
    {
        let mut c = [0usize; 4];
        for cell in &row.cells {
            c[cell.coverage as usize] += 1;
        }
        v.push(kv(
            t,
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
            "Matrix",
            &format!(
                "{} instruments x {} topics",
                p.instruments.len(),
                a.topics.len()
            ),
            w,
        ),
        kv(t, "Gaps", &a.gaps.len().to_string(), w),
        kv(
            t,
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
    for i in 0..a.topics.len() {
        head.push_str(&format!("{:>3}", i + 1));
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
