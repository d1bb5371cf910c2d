use super::{cut, field, kv, no_profile, split};
use crate::tui::app::{App, PlanRow};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    let Some(p) = app.profile() else {
        return no_profile(t, frame, area);
    };
    // The list and pane over the whole body, the rule in the column of the other screens;
    // the quality summary at the foot of the pane.
    let (l, r) = split(app, t, frame, area, super::LIST_W);
    let counts = super::indicators::count_status(app);
    // Plain words: symbols between them would cost a cursor move each on a slow link.
    let q = format!(
        "Quality: {} filled, {} conflicting, {} stale, {} missing",
        counts[0], counts[1], counts[2], counts[3],
    );
    if r.height > 12 {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                cut(t, &q, r.width as usize),
                t.dim(),
            ))),
            Rect::new(r.x, r.y + r.height - 2, r.width, 1),
        );
    }

    let rows: Vec<Line> = app
        .derived
        .plan_rows
        .iter()
        .map(|row| match row {
            // What the action is about (the instrument, the indicator) on the row; what to
            // do is in the pane: a list of long sentences is most of a screen switch's bytes.
            PlanRow::Adopted(i) => Line::from(format!("[x] {}", subject(app, p.actions.get(*i)))),
            // Drafts plain, like adopted entries: `[ ]` tells them apart (a dim style on
            // every row would cost a style change at each of them).
            PlanRow::Draft(i) => {
                Line::from(format!("[ ] {}", subject(app, app.derived.drafts.get(*i))))
            }
            PlanRow::Dismissed(i) => Line::from(Span::styled(
                format!("[-] {}", subject(app, app.derived.dismissed.get(*i))),
                t.dim(),
            )),
        })
        .collect();
    let mut lines = vec![Line::from(Span::styled(
        format!(
            " Action plan: {} adopted, {} gaps",
            p.actions.len(),
            app.derived.gaps.len()
        ),
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
        lines.extend(super::screen_list(
            app,
            t,
            rows,
            app.cursors.gaps,
            l.height.saturating_sub(1) as usize,
            super::stacked(area),
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
            "Draft: a adopts, e edits, x dismisses"
        };
        // The indicator is on the list row already: a narrow pane does not repeat it.
        let mut v = vec![Line::from(Span::styled(
            cut(t, head, w as usize),
            t.heading(),
        ))];
        if w >= 60 {
            v.push(kv(t, "Indicator", indicator_name(app, &a.indicator), w));
        }
        v.push(kv(t, "Action", &a.action, w));
        v.push(kv(t, "Who", &a.responsible, w));
        v.push(kv(
            t,
            "Priority",
            &format!("{}, {}", a.priority, a.timeframe),
            w,
        ));
        // The providers are in the full text (`v`); a wide pane has room for them.
        if w >= 60 {
            v.push(kv(t, "Providers", &provider_names(app, a), w));
        }
        v.push(kv(t, "Gap", &gap, w));
        // The instrument of a data-system action is in the full text (v) and in the action.
        frame.render_widget(Paragraph::new(v), r);
        // A pane too short for the quality line has it beside it, with the hint.
        let aside = if r.height > 12 {
            "v full text".to_string()
        } else {
            format!("v full text  {q}")
        };
        super::hint(t, frame, r, &aside, 9);
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
        v.push(field(
            t,
            "Indicator",
            named(indicator_name(app, &a.indicator), &a.indicator),
        ));
        v.push(field(t, "Action", a.action.clone()));
        v.push(field(t, "Responsible", a.responsible.clone()));
        v.push(field(t, "Priority", a.priority.clone()));
        v.push(field(t, "Timeframe", a.timeframe.clone()));
        if let Some(ins) = &a.instrument {
            v.push(field(t, "Instrument", named(instrument_name(p, ins), ins)));
        }
        if let Some(ag) = &a.agency {
            v.push(field(t, "Agency", named(agency_name(p, ag), ag)));
        }
        if !a.providers.is_empty() {
            v.push(field(t, "Providers", provider_names(app, a)));
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
                g.rank,
                indicator_name(app, &g.indicator),
                g.detail
            )));
        }
    }
    frame.render_widget(Paragraph::new(super::wrap_lines(v, r.width)), r);
}

/// What a plan entry is about, for its list row: the indicator by name (the ids are in the
/// profile file, the names are what the analyst reads), or the instrument of an action on
/// the data system that names no indicator. The instrument of the others is in the pane's
/// full text (`v`) and in the action: in 30 columns it would hide the indicator.
fn subject(app: &App, a: Option<&crate::profile::ActionItem>) -> String {
    match a {
        Some(a) if a.indicator.is_empty() => match (&a.instrument, app.profile()) {
            (Some(i), Some(p)) => instrument_name(p, i).to_string(),
            (Some(i), None) => i.clone(),
            (None, _) => String::new(),
        },
        Some(a) => indicator_name(app, &a.indicator).to_string(),
        None => String::new(),
    }
}

/// The catalogue's name of an indicator; the id when the catalogue does not know it.
fn indicator_name<'a>(app: &'a App, id: &'a str) -> &'a str {
    app.catalogue.indicator(id).map_or(id, |i| i.name.as_str())
}

/// The registry's names of the providers that could fill an action's gap, `; ` between them
/// (their names have commas and colons).
fn provider_names(app: &App, a: &crate::profile::ActionItem) -> String {
    let names: Vec<&str> = a
        .providers
        .iter()
        .map(|id| {
            app.catalogue
                .provider(id)
                .map_or(id.as_str(), |pr| &pr.name)
        })
        .collect();
    names.join("; ")
}

/// The profile's name of one of its instruments; the id when it has none of that id.
fn instrument_name<'a>(p: &'a crate::profile::Profile, id: &'a str) -> &'a str {
    p.instruments
        .iter()
        .find(|x| x.id == id)
        .map_or(id, |x| x.name.as_str())
}

/// The profile's name of one of its agencies; the id when it has none of that id.
fn agency_name<'a>(p: &'a crate::profile::Profile, id: &'a str) -> &'a str {
    p.agencies
        .iter()
        .find(|x| x.id == id)
        .map_or(id, |x| x.name.as_str())
}

/// `name (id)` for the full text, or the id alone when it has no other name.
fn named(name: &str, id: &str) -> String {
    if name == id {
        id.to_string()
    } else {
        format!("{name} ({id})")
    }
}
