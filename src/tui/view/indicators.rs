use super::{cut, field, kv, no_profile, split};
use crate::profile::Profile;
use crate::tui::app::{App, IndRow, IndStatus, format_number};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};
use std::collections::BTreeMap;

pub fn draw(app: &App, t: &Theme, frame: &mut Frame, area: Rect) {
    let Some(p) = app.profile() else {
        return no_profile(t, frame, area);
    };
    let (l, r) = split(app, t, frame, area, super::LIST_W);
    // Beside the detail pane a name takes the list's width; above it, NAME_W.
    let name_w = if super::stacked(area) {
        NAME_W
    } else {
        usize::from(l.width).saturating_sub(5).max(NAME_W)
    };
    let rows: Vec<Line> = app
        .derived
        .ind_rows
        .iter()
        .map(|row| match row {
            IndRow::Section { id, title } => {
                Line::from(Span::styled(format!("{id} {title}"), t.heading()))
            }
            // One style for the whole row (the status's): rows of the same status in a run
            // need no style change between them, which halves the bytes of a full list.
            IndRow::Indicator { id, status } => Line::from(Span::styled(
                format!(
                    "  {} {}",
                    t.status_symbol(*status),
                    list_label(app, t, id, name_w)
                ),
                t.status_style(*status),
            )),
        })
        .collect();
    if rows.is_empty() {
        frame.render_widget(Paragraph::new(" No sections selected."), l);
    } else {
        frame.render_widget(
            Paragraph::new(super::screen_list(
                app,
                t,
                rows,
                app.cursors.indicators,
                l.height as usize,
                super::stacked(area),
            )),
            l,
        );
    }

    let Some(id) = app.current_indicator() else {
        if !app.details
            && let Some(IndRow::Section { id, title }) =
                app.derived.ind_rows.get(app.cursors.indicators)
        {
            return compact_section(app, t, frame, r, id, title);
        }
        let counts = count_status(app);
        let v = vec![
            Line::from(Span::styled(
                "Indicators of the selected sections",
                t.heading(),
            )),
            Line::from(format!(
                "{} {} filled",
                t.status_symbol(IndStatus::Filled),
                counts[0]
            )),
            Line::from(format!(
                "{} {} conflicting",
                t.status_symbol(IndStatus::Conflicting),
                counts[1]
            )),
            Line::from(format!(
                "{} {} stale",
                t.status_symbol(IndStatus::Stale),
                counts[2]
            )),
            Line::from(format!(
                "{} {} missing",
                t.status_symbol(IndStatus::Missing),
                counts[3]
            )),
            Line::from(Span::styled("j/k moves to an indicator.", t.dim())),
        ];
        frame.render_widget(Paragraph::new(v), r);
        return;
    };
    let status = app
        .derived
        .ind_rows
        .get(app.cursors.indicators)
        .and_then(|r| match r {
            IndRow::Indicator { status, .. } => Some(*status),
            _ => None,
        })
        .unwrap_or(IndStatus::Missing);
    if !app.details {
        return compact(app, p, t, frame, r, id, status);
    }
    let ind = app.catalogue.indicator(id);
    let mut v = vec![Line::from(vec![
        Span::styled(ind.map_or(id, |i| i.name.as_str()).to_string(), t.heading()),
        Span::raw("  "),
        Span::styled(t.status_symbol(status), t.status_style(status)),
        Span::styled(format!(" {}", status.label()), t.status_style(status)),
    ])];
    if let Some(i) = ind {
        v.push(Line::from(Span::styled(
            format!("{} ({})", i.definition, i.unit.label()),
            t.dim(),
        )));
    }
    // Values per source: count, period range, latest total.
    let per = per_source(p, id);
    let pref = p.preferred.get(id);
    if per.is_empty() {
        v.push(Line::from(
            "No values yet: m adds a manual value, screen 2 a file.",
        ));
        let providers: Vec<&str> = app
            .catalogue
            .providers_for(id)
            .into_iter()
            .map(|p| p.label())
            .collect();
        if !providers.is_empty() {
            v.push(field(t, "Could come from", providers.join("; ")));
        }
    } else {
        v.push(Line::from(Span::styled(
            "Source             values  periods      latest",
            t.heading(),
        )));
        for (src, (n, mut tot)) in per {
            let (mark, range, latest) = source_cells(src, &mut tot, pref);
            v.push(Line::from(format!(
                "{mark}{:<18.18}{n:>6}  {range:<11.11}  {latest}",
                src
            )));
        }
    }
    match pref {
        Some(pr) => v.push(field(
            t,
            "Preferred",
            format!("{} ({})", pr.source, pr.justification),
        )),
        None => v.push(Line::from(Span::styled(
            "Preferred: default order (p chooses)",
            t.dim(),
        ))),
    }
    // Only while unresolved: once a preference is recorded the line goes (c still compares).
    if let Some((differ, largest, open)) = differences(app, p, id)
        && open > 0
    {
        v.push(Line::from(Span::styled(
            format!(
                "! {differ} values differ between sources (up to {:.0} %): c compares, p chooses",
                largest * 100.0,
            ),
            t.status_style(IndStatus::Conflicting),
        )));
    }
    for s in app.derived.scores.iter().filter(|s| s.indicator == id) {
        let dims: Vec<String> = s
            .scores
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d.dimension.label().split(' ').next().unwrap_or(""),
                    d.score
                )
            })
            .collect();
        v.push(Line::from(format!(
            "Quality {} {}: {}",
            s.source,
            s.period,
            dims.join(" ")
        )));
    }
    let series = app.series(id);
    let chart_h: u16 = if series.len() >= 2 { 4 } else { 0 };
    let text_h = r.height.saturating_sub(chart_h);
    frame.render_widget(
        Paragraph::new(super::wrap_lines(v, r.width)),
        Rect::new(r.x, r.y, r.width, text_h),
    );
    if chart_h > 0 {
        let min = series.iter().map(|x| x.1).fold(f64::INFINITY, f64::min);
        let max = series.iter().map(|x| x.1).fold(f64::NEG_INFINITY, f64::max);
        let span = (max - min).max(f64::EPSILON);
        let width = r.width as usize;
        // Each value is a bar 1-3 columns wide, so short series still read as a chart.
        let repeat = (width / series.len().max(1)).clamp(1, 3);
        let data: Vec<u64> = series
            .iter()
            .skip(series.len().saturating_sub(width))
            .flat_map(|x| {
                let v = 1 + ((x.1 - min) / span * 99.0).round() as u64;
                std::iter::repeat_n(v, repeat)
            })
            .take(width)
            .collect();
        let first = series.first().map_or("", |x| x.0.as_str());
        let last = series.last().map_or("", |x| x.0.as_str());
        let label = format!(
            "Trend {first}-{last}: {} to {}",
            format_number(min),
            format_number(max)
        );
        let y = r.y + text_h;
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(label, t.dim()))),
            Rect::new(r.x, y, r.width, 1),
        );
        frame.render_widget(
            Sparkline::default()
                .data(&data)
                .max(100)
                .bar_set(t.bars())
                .style(t.ok()),
            Rect::new(r.x, y + 1, r.width.min(data.len() as u16), chart_h - 1),
        );
    }
}

/// Rows of sources shown in the compact pane (each costs ~50 bytes on a move; `v` shows all).
const SOURCE_ROWS: usize = 2;

/// Per source: number of values, and the totals as (axis, period, value).
type Totals<'a> = Vec<(f64, &'a str, f64)>;

/// The values of indicator `id` grouped by source: how many, and the dated totals.
/// The preferred-source mark, the period range and the latest total of one source's row.
/// Characters of a name in the list above the detail pane (below 100 columns): a cursor move rewrites the two rows it leaves and enters
/// and writes the row scrolling in, so the width of a row is bytes of every move (within 250 B
/// at 80x24 with this width; the full name is the detail pane's heading).
const NAME_W: usize = 20;

/// An indicator as the list names it: its catalogue name, cut to `width` characters (its id
/// when the catalogue has none, or when `i` asked for ids).
fn list_label(app: &App, t: &Theme, id: &str, width: usize) -> String {
    let name = match app.catalogue.indicator(id) {
        Some(i) if !app.show_ids => i.name.as_str(),
        _ => return id.to_string(),
    };
    if name.chars().count() <= width {
        return name.to_string();
    }
    let e = t.ellipsis();
    let keep = width.saturating_sub(e.chars().count());
    let mut cut: String = name.chars().take(keep).collect();
    cut.truncate(cut.trim_end().len());
    cut + e
}

fn source_cells(
    src: &str,
    tot: &mut Totals,
    pref: Option<&crate::profile::Preference>,
) -> (&'static str, String, String) {
    tot.sort_by(|a, b| a.0.total_cmp(&b.0));
    let range = match (tot.first(), tot.last()) {
        (Some(a), Some(b)) => super::period_range(a.1, b.1),
        _ => "-".into(),
    };
    let latest = tot.last().map_or("-".into(), |x| format_number(x.2));
    let mark = if pref.is_some_and(|p| p.source == src) {
        "*"
    } else {
        " "
    };
    (mark, range, latest)
}

fn per_source<'a>(p: &'a Profile, id: &'a str) -> BTreeMap<&'a str, (usize, Totals<'a>)> {
    let mut per: BTreeMap<&str, (usize, Totals)> = BTreeMap::new();
    for o in p.observations_of(id) {
        let e = per.entry(o.source.as_str()).or_default();
        e.0 += 1;
        if o.is_total()
            && let Some(x) = o.parsed_period()
        {
            e.1.push((x.axis_value(), o.period.as_str(), o.value));
        }
    }
    per
}

/// The conflicts beyond the tolerance for indicator `id`, if any: how many, the largest
/// relative difference, and how many are still unresolved.
fn differences(app: &App, p: &Profile, id: &str) -> Option<(usize, f64, usize)> {
    let tolerance = p.reconcile.tolerance;
    let differ: Vec<_> = app
        .derived
        .conflicts
        .iter()
        .filter(|c| c.key.indicator == id && c.relative_difference > tolerance)
        .collect();
    if differ.is_empty() {
        return None;
    }
    let largest = differ
        .iter()
        .map(|c| c.relative_difference)
        .fold(0.0, f64::max);
    let open = differ.iter().filter(|c| !c.resolved).count();
    Some((differ.len(), largest, open))
}

/// The detail pane in fixed rows, one line each (the default): name and status, the values
/// per source, the preferred source and conflicts. `v` shows the definition, every source,
/// the quality scores and the chart.
fn compact(
    app: &App,
    p: &Profile,
    t: &Theme,
    frame: &mut Frame,
    r: Rect,
    id: &str,
    status: IndStatus,
) {
    let w = r.width as usize;
    let ind = app.catalogue.indicator(id);
    // The status in a fixed place at the right end of the first row.
    // The status in words (the tree has its symbol: an East Asian ambiguous-width character
    // costs a cursor move after it).
    let tag = status.label().to_string();
    let tag_w = 13.min(w);
    let name = ind.map_or(id, |i| i.name.as_str());
    let mut v = vec![
        Line::from(Span::styled(
            cut(t, name, w.saturating_sub(tag_w + 1)),
            t.heading(),
        )),
        Line::from(Span::styled(cut(t, &source_header(), w), t.heading())),
    ];
    let per = per_source(p, id);
    let pref = p.preferred.get(id);
    if per.is_empty() {
        v.push(Line::from(cut(t, "No values yet.", w)));
        let providers: Vec<&str> = app
            .catalogue
            .providers_for(id)
            .into_iter()
            .map(|p| p.label())
            .collect();
        if !providers.is_empty() {
            // Two of them: a long list would be rewritten on every move (v shows all).
            let more = match providers.len() {
                0..=2 => String::new(),
                n => format!(" +{}", n - 2),
            };
            let two = providers.iter().take(2).copied().collect::<Vec<_>>();
            // Names have commas and colons ("World Bank: WDI"): `; ` between them.
            v.push(kv(t, "From", &format!("{}{more}", two.join("; ")), r.width));
        }
    } else {
        let n = per.len();
        for (i, (src, (count, mut tot))) in per.into_iter().enumerate() {
            if i == SOURCE_ROWS - 1 && n > SOURCE_ROWS {
                v.push(Line::from(format!("+{} more sources (v)", n - i)));
                break;
            }
            let (mark, range, latest) = source_cells(src, &mut tot, pref);
            v.push(Line::from(cut(
                t,
                &source_row(mark, src, count, &range, &latest),
                w,
            )));
        }
    }
    while v.len() < 2 + SOURCE_ROWS {
        v.push(Line::from(""));
    }
    // The preferred source is the row marked `*` (the justification is in the full text).
    // While a conflict is unresolved, one short line says how far the sources differ (`c`
    // compares them period by period); it goes once a preference is recorded.
    if let Some((differ, largest, open)) = differences(app, p, id)
        && open > 0
    {
        v.push(Line::from(Span::styled(
            cut(t, &differ_line(differ, largest), w),
            t.status_style(IndStatus::Conflicting),
        )));
    }
    frame.render_widget(Paragraph::new(v), r);
    frame.render_widget(
        // Plain: the symbol in the tree carries the colour.
        Paragraph::new(Line::from(tag)),
        Rect::new(r.x + r.width - tag_w as u16, r.y, tag_w as u16, 1),
    );
    super::hint(t, frame, r, HINT, 10);
}

/// The compact pane's conflict line: how many values differ and by how much, short (it is
/// written on every move onto the indicator).
fn differ_line(differ: usize, largest: f64) -> String {
    let pct = largest * 100.0;
    if differ == 1 {
        format!("! 1 value differs by {pct:.0} %")
    } else {
        format!("! {differ} values differ, up to {pct:.0} %")
    }
}

/// The column heads of the compact pane's source rows (43 columns: the pane at 80x24).
fn source_header() -> String {
    format!(
        "{:<14}{:>6}  {:<9} {:>11}",
        "Source *pref", "values", "periods", "latest"
    )
}

/// One source row of the compact pane, under [`source_header`].
fn source_row(mark: &str, src: &str, count: usize, range: &str, latest: &str) -> String {
    format!("{mark}{src:<13.13}{count:>6}  {range:<9.9} {latest:>11}")
}

/// The pane's last line, the same on indicator and section rows.
const HINT: &str = "v full text  c compare sources  p prefer";

/// A section row in the compact pane: its title and its indicators per status, on the rows
/// the indicator pane uses for its name and first source (so crossing a section is cheap).
fn compact_section(app: &App, t: &Theme, frame: &mut Frame, r: Rect, id: &str, title: &str) {
    let w = r.width as usize;
    let mut c = [0usize; 4];
    let mut ids: Vec<&str> = Vec::new();
    let rows = &app.derived.ind_rows;
    for row in rows.iter().skip(app.cursors.indicators + 1) {
        match row {
            IndRow::Section { .. } => break,
            IndRow::Indicator { id, status } => {
                c[*status as usize] += 1;
                ids.push(id);
            }
        }
    }
    let n: usize = c.iter().sum();
    // The indicator pane's layout (title, column header, source rows, the tag at the right),
    // so crossing into a section rewrites only what differs: the section's sources with the
    // values they give for its indicators.
    let tag = format!("{}/{n} filled", c[0]);
    let tag_w = 13.min(w);
    let mut v = vec![
        Line::from(Span::styled(
            cut(t, &format!("{id} {title}"), w.saturating_sub(tag_w + 1)),
            t.heading(),
        )),
        Line::from(Span::styled(cut(t, &source_header(), w), t.heading())),
    ];
    if let Some(p) = app.profile() {
        let mut per: BTreeMap<&str, (usize, Totals)> = BTreeMap::new();
        for i in &ids {
            for (src, (count, tot)) in per_source(p, i) {
                let e = per.entry(src).or_default();
                e.0 += count;
                e.1.extend(tot);
            }
        }
        let k = per.len();
        if k == 0 {
            v.push(Line::from(cut(t, "No values yet.", w)));
        }
        for (i, (src, (count, mut tot))) in per.into_iter().enumerate() {
            if i == SOURCE_ROWS - 1 && k > SOURCE_ROWS {
                v.push(Line::from(format!("+{} more sources (v)", k - i)));
                break;
            }
            let (_, range, _) = source_cells(src, &mut tot, None);
            v.push(Line::from(cut(
                t,
                // No "latest" for a section: its indicators' values do not add up.
                &source_row(" ", src, count, &range, ""),
                w,
            )));
        }
    }
    frame.render_widget(Paragraph::new(v), r);
    frame.render_widget(
        Paragraph::new(Line::from(tag)),
        Rect::new(r.x + r.width - tag_w as u16, r.y, tag_w as u16, 1),
    );
    super::hint(t, frame, r, HINT, 10);
}

/// Indicators per status, each indicator counted once.
pub(crate) fn count_status(app: &App) -> [usize; 4] {
    let mut c = [0; 4];
    let mut seen = std::collections::BTreeSet::new();
    for r in &app.derived.ind_rows {
        if let IndRow::Indicator { id, status } = r
            && seen.insert(id)
        {
            c[*status as usize] += 1;
        }
    }
    c
}
