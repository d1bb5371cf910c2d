//! Charts: built from the published values of a section's chart spec, drawn with plotters to SVG
//! (a string, deterministic) or PNG (embedded DejaVu Sans font, registered once).

use super::RenderError;
use super::data::{Ctx, Published, age_cmp, period_cmp, truncate};
use super::numfmt::{thousands, tick};
use crate::catalogue::Unit;
use crate::template::{ChartKind, ChartSpec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The one family name the chart code uses (SVG viewers fall back to their own sans-serif).
const FAMILY: &str = "sans-serif";

/// Register the embedded font for every family and style the charts use, once per process.
fn fonts() -> Result<(), RenderError> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, FONT_REGULAR).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, FONT_BOLD).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(RenderError::Other(
            "the embedded chart font is invalid".into(),
        ))
    }
}

const INK: RGBColor = RGBColor(33, 37, 41);
const MUTED: RGBColor = RGBColor(90, 98, 106);
const GRID: RGBColor = RGBColor(226, 230, 234);
const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 51, 160),   // IOM blue
    RGBColor(242, 169, 0),  // amber
    RGBColor(68, 136, 62),  // green
    RGBColor(210, 38, 48),  // red
    RGBColor(91, 146, 229), // light blue
    RGBColor(110, 110, 110),
];

/// A line of a time series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// (axis position, value), in time order.
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Lines {
        series: Vec<Series>,
    },
    /// Largest first.
    Bars {
        bars: Vec<(String, f64)>,
    },
    /// Age groups youngest first: (age, male, female).
    Pyramid {
        rows: Vec<(String, f64, f64)>,
    },
    Multiples {
        panels: Vec<(String, String, Series)>,
    },
}

/// A chart ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    /// Axis label of the values, with the unit.
    pub value_label: String,
    /// Label of the category/time axis.
    pub axis_label: String,
    /// "Source: ..." line drawn under the chart.
    pub source_line: String,
    pub body: Body,
}

/// The result of building a spec: one or more charts, or the reason nothing can be drawn.
pub type Built = Vec<Result<Chart, String>>;

/// Build the chart(s) of a spec. Time series with indicators of different units become one chart
/// per unit. An `Err` is a chart skipped for lack of data, with the reason.
pub fn build(ctx: &Ctx, spec: &ChartSpec) -> Built {
    match spec.kind {
        ChartKind::TimeSeries => time_series(ctx, spec),
        ChartKind::Bars => vec![bars(ctx, spec)],
        ChartKind::Pyramid => vec![pyramid(ctx, spec)],
        ChartKind::Multiples => vec![multiples(ctx, spec)],
    }
}

/// Collects the sources and disclosure notes of the values a chart draws.
#[derive(Default)]
struct SourceNote {
    sources: BTreeSet<String>,
    rounded: bool,
    suppressed: bool,
}

impl SourceNote {
    fn line(&self, ctx: &Ctx) -> String {
        let mut labels: Vec<String> = self.sources.iter().map(|s| ctx.source_label(s)).collect();
        labels.dedup();
        let mut s = format!("Source: {}.", labels.join("; "));
        if let (true, Some(b)) = (self.rounded, ctx.profile.disclosure.rounding) {
            s.push_str(&format!(" Counts rounded to base {b}."));
        }
        if self.suppressed {
            s.push_str(" Small counts suppressed.");
        }
        s
    }
}

fn time_series(ctx: &Ctx, spec: &ChartSpec) -> Built {
    // Group indicators by unit, keeping the spec's order.
    let mut groups: Vec<(Unit, Vec<&str>)> = Vec::new();
    for id in &spec.indicators {
        let unit = ctx.unit(id);
        match groups.iter_mut().find(|(u, _)| *u == unit) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((unit, vec![id])),
        }
    }
    let many = groups.len() > 1;
    groups
        .into_iter()
        .map(|(unit, ids)| {
            let mut note = SourceNote::default();
            let mut series = Vec::new();
            for id in &ids {
                let mut points = Vec::new();
                for p in ctx.totals(id) {
                    match (p.obs.parsed_period(), p.value()) {
                        (Some(per), Some(v)) => {
                            points.push((per.axis_value(), v));
                            note.sources.insert(p.obs.source.clone());
                            note.rounded |= p.cell.marker() == "r";
                        }
                        (_, None) => note.suppressed = true,
                        _ => {}
                    }
                }
                points.sort_by(|a, b| a.0.total_cmp(&b.0));
                points.dedup_by(|a, b| a.0 == b.0);
                if !points.is_empty() {
                    series.push(Series {
                        name: ctx.name(id),
                        points,
                    });
                }
            }
            // A chart split by unit is titled by what it shows.
            let title = match (many, ids.as_slice()) {
                (false, _) => spec.title.clone(),
                (true, [only]) => ctx.name(only),
                (true, _) => format!("{} ({})", spec.title, unit.label()),
            };
            let distinct: BTreeSet<u64> = series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.0.to_bits()))
                .collect();
            if distinct.len() < 2 {
                return Err(format!(
                    "{title}: {} ({})",
                    if series.is_empty() {
                        "no values"
                    } else {
                        "a single period"
                    },
                    ids.join(", ")
                ));
            }
            Ok(Chart {
                kind: ChartKind::TimeSeries,
                title,
                value_label: unit_axis(unit),
                axis_label: "Year".into(),
                source_line: note.line(ctx),
                body: Body::Lines { series },
            })
        })
        .collect()
}

fn unit_axis(unit: Unit) -> String {
    match unit {
        Unit::Persons => "Persons".into(),
        Unit::Percent => "Per cent".into(),
        other => {
            let l = other.label();
            let mut c = l.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

/// The latest period among some cells.
fn latest_period<'a>(cells: &[Published<'a>]) -> Option<&'a str> {
    cells
        .iter()
        .map(|p| p.obs.period.as_str())
        .max_by(|a, b| period_cmp(a, b))
}

fn bars(ctx: &Ctx, spec: &ChartSpec) -> Result<Chart, String> {
    let dim = spec.dimension.as_deref().unwrap_or("origin");
    let top = spec.top.unwrap_or(10).clamp(1, 30);
    for id in &spec.indicators {
        let cells: Vec<_> = ctx
            .of(id)
            .filter(|p| p.obs.disaggregation.len() == 1 && p.obs.disaggregation.contains_key(dim))
            .copied()
            .collect();
        let Some(latest) = latest_period(&cells) else {
            continue;
        };
        let mut note = SourceNote::default();
        let mut rows: Vec<(String, f64)> = Vec::new();
        for p in cells.iter().filter(|p| p.obs.period == latest) {
            match p.value() {
                Some(v) => {
                    let code = p
                        .obs
                        .disaggregation
                        .get(dim)
                        .map(String::as_str)
                        .unwrap_or("");
                    rows.push((ctx.dim_label(dim, code), v));
                    note.sources.insert(p.obs.source.clone());
                    note.rounded |= p.cell.marker() == "r";
                }
                None => note.suppressed = true,
            }
        }
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows.truncate(top);
        if rows.len() < 2 {
            return Err(format!(
                "{}: fewer than two {dim} values in {latest} ({id})",
                spec.title
            ));
        }
        let unit = ctx.unit(id);
        return Ok(Chart {
            kind: ChartKind::Bars,
            title: format!("{}, {latest}", spec.title),
            value_label: format!("{} ({})", ctx.name(id), unit.label()),
            axis_label: String::new(),
            source_line: note.line(ctx),
            body: Body::Bars { bars: rows },
        });
    }
    Err(format!(
        "{}: no values by {dim} ({})",
        spec.title,
        spec.indicators.join(", ")
    ))
}

fn sex_of(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "m" | "male" | "males" | "men" => Some(true),
        "f" | "female" | "females" | "women" => Some(false),
        _ => None,
    }
}

fn pyramid(ctx: &Ctx, spec: &ChartSpec) -> Result<Chart, String> {
    for id in &spec.indicators {
        let cells: Vec<_> = ctx
            .of(id)
            .filter(|p| {
                let d = &p.obs.disaggregation;
                d.len() == 2
                    && d.contains_key("age")
                    && d.get("sex").and_then(|s| sex_of(s)).is_some()
            })
            .copied()
            .collect();
        let Some(latest) = latest_period(&cells) else {
            continue;
        };
        let mut note = SourceNote::default();
        let mut by_age: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for p in cells.iter().filter(|p| p.obs.period == latest) {
            let age = p.obs.disaggregation.get("age").cloned().unwrap_or_default();
            let male = p
                .obs
                .disaggregation
                .get("sex")
                .and_then(|s| sex_of(s))
                .unwrap_or(false);
            let entry = by_age.entry(age).or_insert((0.0, 0.0));
            match p.value() {
                Some(v) => {
                    if male {
                        entry.0 = v;
                    } else {
                        entry.1 = v;
                    }
                    note.sources.insert(p.obs.source.clone());
                    note.rounded |= p.cell.marker() == "r";
                }
                None => note.suppressed = true,
            }
        }
        let mut rows: Vec<(String, f64, f64)> =
            by_age.into_iter().map(|(a, (m, f))| (a, m, f)).collect();
        rows.sort_by(|a, b| age_cmp(&a.0, &b.0));
        if rows.len() < 2 || rows.iter().all(|r| r.1 == 0.0 && r.2 == 0.0) {
            return Err(format!(
                "{}: fewer than two age groups by sex in {latest} ({id})",
                spec.title
            ));
        }
        let unit = ctx.unit(id);
        return Ok(Chart {
            kind: ChartKind::Pyramid,
            title: format!("{}, {latest}", spec.title),
            value_label: unit_axis(unit),
            axis_label: "Age".into(),
            source_line: note.line(ctx),
            body: Body::Pyramid { rows },
        });
    }
    Err(format!(
        "{}: no values by age and sex ({})",
        spec.title,
        spec.indicators.join(", ")
    ))
}

fn multiples(ctx: &Ctx, spec: &ChartSpec) -> Result<Chart, String> {
    let mut note = SourceNote::default();
    let mut panels = Vec::new();
    for id in &spec.indicators {
        let s = ctx.series(id);
        let mut points: Vec<(f64, f64)> = s.iter().map(|(p, v, _)| (p.axis_value(), *v)).collect();
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        points.dedup_by(|a, b| a.0 == b.0);
        if points.len() < 2 {
            continue;
        }
        for (_, _, p) in &s {
            note.sources.insert(p.obs.source.clone());
            note.rounded |= p.cell.marker() == "r";
        }
        let name = ctx.name(id);
        panels.push((
            name.clone(),
            ctx.unit(id).label().to_string(),
            Series { name, points },
        ));
    }
    if panels.is_empty() {
        return Err(format!(
            "{}: no indicator has values for two periods ({})",
            spec.title,
            spec.indicators.join(", ")
        ));
    }
    Ok(Chart {
        kind: ChartKind::Multiples,
        title: spec.title.clone(),
        value_label: String::new(),
        axis_label: "Year".into(),
        source_line: note.line(ctx),
        body: Body::Multiples { panels },
    })
}

// ---------------------------------------------------------------------------------------------
// Drawing

const WIDTH: u32 = 800;

/// Pixel size of a chart.
pub fn size(chart: &Chart) -> (u32, u32) {
    match &chart.body {
        Body::Lines { .. } => (WIDTH, 450),
        Body::Bars { bars } => (WIDTH, 110 + 30 * bars.len().max(3) as u32),
        Body::Pyramid { rows } => (WIDTH, 130 + 24 * rows.len().max(4) as u32),
        Body::Multiples { panels } => {
            let rows = panels.len().div_ceil(multiples_cols(panels.len())) as u32;
            (WIDTH, 110 + 220 * rows)
        }
    }
}

fn multiples_cols(n: usize) -> usize {
    if n <= 1 {
        1
    } else if n <= 4 {
        2
    } else {
        3
    }
}

/// The chart as a standalone SVG document (deterministic text).
pub fn to_svg(chart: &Chart) -> Result<String, RenderError> {
    fonts()?;
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, size(chart)).into_drawing_area();
        draw(&root, chart)?;
        root.present().map_err(draw_err)?;
    }
    // Provider text with characters XML forbids (ESC, BEL) would make the SVG unreadable.
    match crate::text::xml_safe(&buf) {
        std::borrow::Cow::Borrowed(_) => Ok(buf),
        std::borrow::Cow::Owned(clean) => Ok(clean),
    }
}

/// Draw the chart to a PNG file.
pub fn to_png(chart: &Chart, path: &Path) -> Result<(), RenderError> {
    let bytes = png_bytes(chart)?;
    std::fs::write(path, bytes).map_err(|e| RenderError::Io {
        path: path.display().to_string(),
        source: e,
    })
}

/// The chart as PNG bytes (RGB, fast deflate: charts are flat colours and compress well).
pub fn png_bytes(chart: &Chart) -> Result<Vec<u8>, RenderError> {
    fonts()?;
    let (w, h) = size(chart);
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let backend = super::glyphs::GlyphFix::new(
            BitMapBackend::with_buffer(&mut rgb, (w, h)),
            FONT_REGULAR,
            FONT_BOLD,
        )
        .ok_or_else(|| RenderError::Other("the embedded chart font is invalid".into()))?;
        let root = backend.into_drawing_area();
        draw(&root, chart)?;
        root.present().map_err(draw_err)?;
    }
    let mut out = Vec::with_capacity(rgb.len() / 8);
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let mut writer = enc.write_header().map_err(draw_err)?;
        writer.write_image_data(&rgb).map_err(draw_err)?;
        writer.finish().map_err(draw_err)?;
    }
    Ok(out)
}

fn draw_err<E: std::fmt::Display>(e: E) -> RenderError {
    RenderError::Other(format!("drawing a chart: {e}"))
}

fn font(size: f64) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&INK)
}

fn bold(size: f64) -> TextStyle<'static> {
    (FAMILY, size, FontStyle::Bold).into_font().color(&INK)
}

/// Rough text width in pixels for fitting labels (DejaVu Sans averages ~0.55 em).
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.55
}

/// Break text into at most `max_lines` lines that fit `width`; the last one is truncated.
fn wrap(s: &str, size: f64, width: f64, max_lines: usize) -> Vec<String> {
    let per = (width / (size * 0.55)).floor().max(8.0) as usize;
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let len = cur.chars().count() + 1 + word.chars().count();
        if !cur.is_empty() && len > per {
            if lines.len() + 1 == max_lines {
                cur.push(' ');
                cur.push_str(word);
                continue;
            }
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines.into_iter().map(|l| truncate(&l, per)).collect()
}

fn fit(s: &str, size: f64, width: f64) -> String {
    let max = (width / (size * 0.55)).floor().max(4.0) as usize;
    truncate(s, max)
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &Chart) -> Result<(), RenderError>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).map_err(draw_err)?;
    let (w, h) = root.dim_in_pixel();
    let wf = w as f64;
    let legend: Vec<(String, RGBColor)> = match &chart.body {
        Body::Lines { series } if series.len() > 1 => series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), PALETTE[i % PALETTE.len()]))
            .collect(),
        Body::Pyramid { .. } => vec![
            ("Male".to_string(), PALETTE[0]),
            ("Female".to_string(), PALETTE[1]),
        ],
        _ => Vec::new(),
    };
    let top_h = if legend.is_empty() { 44 } else { 70 };
    let source_lines = wrap(&chart.source_line, 13.0, wf - 32.0, 2);
    let bottom_h = 14 + 17 * source_lines.len() as u32;
    let (top, rest) = root.split_vertically(top_h);
    let (plot, bottom) = rest.split_vertically(h.saturating_sub(top_h + bottom_h));
    top.draw(&Text::new(
        fit(&chart.title, 19.0, wf - 32.0),
        (16, 12),
        bold(19.0),
    ))
    .map_err(draw_err)?;
    if !legend.is_empty() {
        let mut x = 16.0;
        let per = ((wf - 32.0) / legend.len() as f64).max(60.0);
        for (name, color) in &legend {
            let label = fit(name, 13.0, per - 30.0);
            let lw = text_width(&label, 13.0);
            top.draw(&Rectangle::new(
                [(x as i32, 44), (x as i32 + 14, 56)],
                color.filled(),
            ))
            .map_err(draw_err)?;
            top.draw(&Text::new(
                label,
                (x as i32 + 20, 43),
                font(13.0).color(&MUTED),
            ))
            .map_err(draw_err)?;
            x += (lw + 44.0).min(per).max(lw + 30.0);
        }
    }
    for (i, line) in source_lines.into_iter().enumerate() {
        bottom
            .draw(&Text::new(
                line,
                (16, 8 + 17 * i as i32),
                font(13.0).color(&MUTED),
            ))
            .map_err(draw_err)?;
    }
    match &chart.body {
        Body::Lines { series } => draw_lines(&plot, chart, series, 6, true),
        Body::Bars { bars } => draw_bars(&plot, chart, bars),
        Body::Pyramid { rows } => draw_pyramid(&plot, chart, rows),
        Body::Multiples { panels } => {
            let cols = multiples_cols(panels.len());
            let rows = panels.len().div_ceil(cols);
            let cells = plot.split_evenly((rows, cols));
            for (cell, (name, unit, s)) in cells.iter().zip(panels) {
                let (cw, _) = cell.dim_in_pixel();
                let (head, body) = cell.split_vertically(38);
                head.draw(&Text::new(
                    fit(name, 13.0, cw as f64 - 20.0),
                    (12, 4),
                    bold(13.0),
                ))
                .map_err(draw_err)?;
                head.draw(&Text::new(
                    fit(unit, 12.0, cw as f64 - 20.0),
                    (12, 21),
                    font(12.0).color(&MUTED),
                ))
                .map_err(draw_err)?;
                let mini = Chart {
                    kind: ChartKind::TimeSeries,
                    title: String::new(),
                    value_label: String::new(),
                    axis_label: String::new(),
                    source_line: String::new(),
                    body: Body::Lines {
                        series: vec![s.clone()],
                    },
                };
                draw_lines(&body, &mini, std::slice::from_ref(s), 4, false)?;
            }
            Ok(())
        }
    }
}

fn year_label(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{:.0}", v)
    } else {
        String::new()
    }
}

fn draw_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    series: &[Series],
    y_ticks: usize,
    full: bool,
) -> Result<(), RenderError>
where
    DB::ErrorType: 'static,
{
    let xs = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let ys = series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (ymin, ymax) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if x0 > x1 || ymin > ymax {
        return Ok(());
    }
    let span = (x1 - x0).max(1.0);
    let pad = (span * 0.03).max(0.3);
    let lo = if ymin < 0.0 { ymin * 1.1 } else { 0.0 };
    let mut hi = if ymax > 0.0 { ymax * 1.1 } else { 0.0 };
    if hi <= lo {
        hi = lo + 1.0;
    }
    let axis_max = lo.abs().max(hi.abs());
    let x_ticks = ((x1 - x0).round() as usize + 1).clamp(2, if full { 10 } else { 4 });
    let (label_px, desc_px) = if full { (14.0, 15.0) } else { (12.0, 12.0) };
    let y_fmt = move |v: &f64| tick(*v, axis_max);
    let mut cc = ChartBuilder::on(area)
        .margin_left(8)
        .margin_right(if full { 24 } else { 12 })
        .margin_top(6)
        .margin_bottom(4)
        .x_label_area_size(if full { 40 } else { 24 })
        .y_label_area_size(if full { 78 } else { 56 })
        .build_cartesian_2d((x0 - pad)..(x1 + pad), lo..hi)
        .map_err(draw_err)?;
    let mut mesh = cc.configure_mesh();
    mesh.x_labels(x_ticks)
        .y_labels(y_ticks)
        .x_label_formatter(&year_label)
        .y_label_formatter(&y_fmt)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(font(label_px).color(&MUTED))
        .axis_desc_style(font(desc_px).color(&MUTED))
        .disable_x_mesh();
    if full {
        mesh.x_desc(chart.axis_label.as_str())
            .y_desc(chart.value_label.as_str());
    }
    mesh.draw().map_err(draw_err)?;
    if lo < 0.0 {
        cc.draw_series(LineSeries::new(
            [(x0 - pad, 0.0), (x1 + pad, 0.0)],
            MUTED.stroke_width(1),
        ))
        .map_err(draw_err)?;
    }
    for (i, s) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        cc.draw_series(LineSeries::new(
            s.points.iter().copied(),
            color.stroke_width(if full { 3 } else { 2 }),
        ))
        .map_err(draw_err)?;
        if s.points.len() <= 40 {
            cc.draw_series(
                s.points
                    .iter()
                    .map(|p| Circle::new(*p, if full { 3 } else { 2 }, color.filled())),
            )
            .map_err(draw_err)?;
        }
    }
    Ok(())
}

fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    bars: &[(String, f64)],
) -> Result<(), RenderError>
where
    DB::ErrorType: 'static,
{
    let n = bars.len();
    let labels: Vec<String> = bars.iter().map(|(l, _)| truncate(l, 24)).collect();
    let max = bars.iter().map(|b| b.1).fold(0.0f64, f64::max);
    let min = bars.iter().map(|b| b.1).fold(0.0f64, f64::min);
    let hi = if max > 0.0 { max * 1.18 } else { 1.0 };
    let lo = if min < 0.0 { min * 1.18 } else { 0.0 };
    let axis_max = hi.abs().max(lo.abs());
    let label_w = labels
        .iter()
        .map(|l| text_width(l, 14.0))
        .fold(40.0f64, f64::max)
        .min(200.0) as u32
        + 14;
    let y_fmt = |v: &SegmentValue<i32>| match v {
        // Largest bar on top: segment n-1 holds bar 0.
        SegmentValue::CenterOf(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| n.checked_sub(i + 1))
            .and_then(|k| labels.get(k))
            .cloned()
            .unwrap_or_default(),
        _ => String::new(),
    };
    let x_fmt = move |v: &f64| tick(*v, axis_max);
    let mut cc = ChartBuilder::on(area)
        .margin_left(8)
        .margin_right(24)
        .margin_top(6)
        .x_label_area_size(40)
        .y_label_area_size(label_w)
        .build_cartesian_2d(lo..hi, (0..n as i32 - 1).into_segmented())
        .map_err(draw_err)?;
    cc.configure_mesh()
        .x_labels(6)
        .y_labels(n)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(font(14.0).color(&INK))
        .axis_desc_style(font(15.0).color(&MUTED))
        .x_desc(chart.value_label.as_str())
        .disable_y_mesh()
        .draw()
        .map_err(draw_err)?;
    // Rectangles in a fixed order (plotters' Histogram groups through a HashMap, whose order
    // would make the SVG differ between runs).
    cc.draw_series(
        bars.iter()
            .enumerate()
            .map(|(i, b)| hbar((n - 1 - i) as i32, 0.0, b.1, PALETTE[0], 5)),
    )
    .map_err(draw_err)?;
    let value_style = font(13.0)
        .color(&INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    cc.draw_series(bars.iter().enumerate().map(|(i, b)| {
        EmptyElement::at((b.1.max(0.0), SegmentValue::CenterOf((n - 1 - i) as i32)))
            + Text::new(thousands(b.1, 0), (5, 0), value_style.clone())
    }))
    .map_err(draw_err)?;
    Ok(())
}

/// A horizontal bar filling segment `i` from `from` to `to`, `margin` pixels off each edge.
fn hbar(
    i: i32,
    from: f64,
    to: f64,
    color: RGBColor,
    margin: u32,
) -> Rectangle<(f64, SegmentValue<i32>)> {
    let mut r = Rectangle::new(
        [
            (from, SegmentValue::Exact(i)),
            (to, SegmentValue::Exact(i + 1)),
        ],
        color.filled(),
    );
    r.set_margin(margin, margin, 0, 0);
    r
}

fn draw_pyramid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    rows: &[(String, f64, f64)],
) -> Result<(), RenderError>
where
    DB::ErrorType: 'static,
{
    let n = rows.len();
    let labels: Vec<String> = rows.iter().map(|r| truncate(&r.0, 12)).collect();
    let m = rows
        .iter()
        .map(|r| r.1.abs().max(r.2.abs()))
        .fold(0.0f64, f64::max)
        .max(1.0)
        * 1.08;
    let y_fmt = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| labels.get(i))
            .cloned()
            .unwrap_or_default(),
        _ => String::new(),
    };
    let x_fmt = move |v: &f64| tick(v.abs(), m);
    let mut cc = ChartBuilder::on(area)
        .margin_left(8)
        .margin_right(24)
        .margin_top(6)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(-m..m, (0..n as i32 - 1).into_segmented())
        .map_err(draw_err)?;
    cc.configure_mesh()
        .x_labels(7)
        .y_labels(n)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(font(13.0).color(&INK))
        .axis_desc_style(font(15.0).color(&MUTED))
        .x_desc(chart.value_label.as_str())
        .y_desc(chart.axis_label.as_str())
        .disable_y_mesh()
        .draw()
        .map_err(draw_err)?;
    cc.draw_series(
        rows.iter()
            .enumerate()
            .map(|(i, r)| hbar(i as i32, -r.1.abs(), 0.0, PALETTE[0], 2)),
    )
    .map_err(draw_err)?;
    cc.draw_series(
        rows.iter()
            .enumerate()
            .map(|(i, r)| hbar(i as i32, 0.0, r.2.abs(), PALETTE[1], 2)),
    )
    .map_err(draw_err)?;
    cc.draw_series(LineSeries::new(
        [(0.0, SegmentValue::Exact(0)), (0.0, SegmentValue::Last)],
        INK.stroke_width(1),
    ))
    .map_err(draw_err)?;
    Ok(())
}
