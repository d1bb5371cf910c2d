use super::{cut, field, kv, list, no_profile, split};
use crate::tui::app::{App, IndStatus, PlanRow};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    let Some(p) = app.profile() else {
        return no_profile(t, frame, area);
    };
    let counts = super::indicators::count_status(app);
    let sym = |s| t.status_symbol(s);
    let overview = vec![
        Line::from(vec![
            Span::styled(" Quality ", t.heading()),
            Span::raw(format!(
                "{} {} filled  {} {} conflicting  {} {} stale  {} {} missing  {} gaps",
                sym(IndStatus::Filled),
                counts[0],
                sym(IndStatus::Conflicting),
                counts[1],
                sym(IndStatus::Stale),
                counts[2],
                sym(IndStatus::Missing),
                counts[3],
                app.derived.gaps.len()
            )),
        ]),
        Line::from(""),
    ];
    frame.render_widget(
        Paragraph::new(overview),
        Rect::new(area.x, area.y, area.width, 2),
    );
    let rest = Rect::new(area.x, area.y + 2, area.width, area.height - 2);
    let (l, r) = split(t, frame, rest, 40);
    let rows: Vec<Line> = app
        .derived
        .plan_rows
        .iter()
        .map(|row| match row {
            PlanRow::Adopted(i) => {
                let a = p.actions.get(*i);
                Line::from(format!(
                    "[x] {}: {}",
                    a.map_or("", |a| a.indicator.as_str()),
                    a.map_or("", |a| a.action.as_str())
                ))
            }
            PlanRow::Draft(i) => {
                let a = app.derived.drafts.get(*i);
                Line::from(Span::styled(
                    format!(
                        "[ ] {}: {}",
                        a.map_or("", |a| a.indicator.as_str()),
                        a.map_or("", |a| a.action.as_str())
                    ),
                    t.dim(),
                ))
            }
            PlanRow::Dismissed(i) => {
                let a = app.derived.dismissed.get(*i);
                Line::from(Span::styled(
                    format!(
                        "[-] {}: {}",
                        a.map_or("", |a| a.indicator.as_str()),
                        a.map_or("", |a| a.action.as_str())
                    ),
                    t.dim(),
                ))
            }
        })
        .collect();
    let mut lines = vec![Line::from(Span::styled(
        format!(" Action plan ({} adopted)", p.actions.len()),
        t.heading(),
    ))];
    if rows.is_empty() {
        lines.push(Line::from(" No actions yet: n adds one."));
    } else {
        let w = l.width.saturating_sub(2) as usize;
        let rows = rows
            .into_iter()
            .map(|line| {
                let s: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                let style = line.spans.first().map(|s| s.style).unwrap_or_default();
                let cut: String = if s.chars().count() > w {
                    s.chars().take(w.saturating_sub(1)).collect::<String>() + t.ellipsis()
                } else {
                    s
                };
                Line::from(Span::styled(cut, style))
            })
            .collect();
        lines.extend(list(
            t,
            rows,
            app.cursors.gaps,
            l.height.saturating_sub(1) as usize,
            true,
        ));
    }
    frame.render_widget(Paragraph::new(lines), l);

    let item = match app.derived.plan_rows.get(app.cursors.gaps) {
        Some(PlanRow::Adopted(i)) => p.actions.get(*i).map(|a| (a, true)),
        Some(PlanRow::Draft(i)) => app.derived.drafts.get(*i).map(|a| (a, false)),
        Some(PlanRow::Dismissed(i)) => app.derived.dismissed.get(*i).map(|a| (a, false)),
        None => None,
    };
    let dismissed = matches!(
        app.derived.plan_rows.get(app.cursors.gaps),
        Some(PlanRow::Dismissed(_))
    );
    if !app.details
        && let Some((a, adopted)) = item
    {
        // One line per field in fixed rows: a move rewrites only the values that differ.
        let w = r.width;
        let gap = app
            .derived
            .gaps
            .iter()
            .find(|g| g.indicator == a.indicator)
            .map(|g| format!("#{} {}", g.rank, g.detail))
            .unwrap_or_default();
        let head = if adopted {
            "In the plan (e edits, d deletes)"
        } else if dismissed {
            "Dismissed this session (x restores it)"
        } else {
            "Drafted (a adopts, e edits first, x dismisses)"
        };
        // The indicator and the start of the action are on the list row already: a narrow
        // pane repeats neither (each would cost a move ~40 bytes); a wide one shows the action.
        let mut v = vec![Line::from(Span::styled(
            cut(t, head, w as usize),
            t.heading(),
        ))];
        if w >= 60 {
            v.push(kv(t, "Indicator", &a.indicator, w));
            v.push(kv(t, "Action", &a.action, w));
        }
        v.extend([
            kv(t, "Who", &a.responsible, w),
            kv(t, "Priority", &a.priority, w),
            kv(t, "When", &a.timeframe, w),
            kv(t, "Providers", &a.providers.join(", "), w),
            kv(t, "Gap", &gap, w),
        ]);
        // The instrument of a data-system action is in the full text (v) and in the action.
        frame.render_widget(Paragraph::new(v), r);
        if r.height > 9 {
            frame.render_widget(
                Paragraph::new(Line::from(Span::styled(
                    cut(t, "v full text", w as usize),
                    t.dim(),
                ))),
                Rect::new(r.x, r.y + r.height - 1, r.width, 1),
            );
        }
        return;
    }
    let mut v = Vec::new();
    if let Some((a, adopted)) = item {
        v.push(Line::from(Span::styled(
            if adopted {
                "In the plan (e edits, d deletes)"
            } else if dismissed {
                "Dismissed this session (x restores it)"
            } else {
                "Drafted by migprof (a adopts, e edits first, x dismisses)"
            },
            t.heading(),
        )));
        v.push(field(t, "Indicator", a.indicator.clone()));
        v.push(field(t, "Action", a.action.clone()));
        v.push(field(t, "Responsible", a.responsible.clone()));
        v.push(field(t, "Priority", a.priority.clone()));
        v.push(field(t, "Timeframe", a.timeframe.clone()));
        if let Some(ins) = &a.instrument {
            v.push(field(t, "Instrument", ins.clone()));
        }
        if let Some(ag) = &a.agency {
            v.push(field(t, "Agency", ag.clone()));
        }
        if !a.providers.is_empty() {
            v.push(field(t, "Providers", a.providers.join(", ")));
        }
        if let Some(g) = app.derived.gaps.iter().find(|g| g.indicator == a.indicator) {
            v.push(Line::from(""));
            v.push(field(t, "Gap", format!("#{} {}", g.rank, g.detail)));
        }
    } else if app.derived.gaps.is_empty() {
        v.push(Line::from(Span::styled("No gaps ranked yet.", t.dim())));
    }
    if item.is_none() {
        for g in app.derived.gaps.iter().take(r.height as usize) {
            v.push(Line::from(format!(
                "#{} {} {}",
                g.rank, g.indicator, g.detail
            )));
        }
    }
    frame.render_widget(Paragraph::new(super::wrap_lines(v, r.width)), r);
}
