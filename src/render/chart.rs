//! Charts: built from the published values of a section's chart spec, drawn with plotters to SVG
//! (a string, deterministic) or PNG (embedded DejaVu Sans font, registered once).

use super::RenderError;
use super::data::{Ctx, Published, age_cmp, period_cmp, truncate};
use super::numfmt::{thousands_in, tick_in};
use crate::catalogue::Unit;
use crate::i18n::{Lang, t, unit_label};
use crate::model::Status;
use crate::quality::{provider_of, series};
use crate::template::{ChartKind, ChartSpec};
use fluent_bundle::FluentValue;
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
/// Banner text (draft or invalid profile).
const BANNER: RGBColor = RGBColor(176, 0, 32);
/// Break markers.
const BREAK: RGBColor = RGBColor(150, 40, 40);
const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 51, 160),   // IOM blue
    RGBColor(242, 169, 0),  // amber
    RGBColor(68, 136, 62),  // green
    RGBColor(210, 38, 48),  // red
    RGBColor(91, 146, 229), // light blue
    RGBColor(110, 110, 110),
];

/// How a line is drawn: observed values solid, estimates lighter, projections dashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LineStyle {
    Solid,
    /// Estimated or provisional values: a lighter colour.
    Estimate,
    /// Projections: dashed.
    Projection,
}

/// One unbroken line: no missing period, no break and one style inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// (axis position, value), in time order.
    pub points: Vec<(f64, f64)>,
    pub style: LineStyle,
}

/// A vertical marker on a time axis: a break in a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub label: String,
}

/// One indicator's time series as drawn: unbroken lines (a new one at every missing period,
/// break or change of style), break markers and partial periods (drawn as open circles, never
/// joined to full ones).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub lines: Vec<Line>,
    pub breaks: Vec<Marker>,
    /// Values for a part of their period only.
    pub partial: Vec<(f64, f64)>,
}

impl Series {
    /// A series of one solid line.
    pub fn solid(name: impl Into<String>, points: Vec<(f64, f64)>) -> Series {
        Series {
            name: name.into(),
            lines: vec![Line {
                points,
                style: LineStyle::Solid,
            }],
            breaks: Vec::new(),
            partial: Vec::new(),
        }
    }

    /// Every drawn position (lines and partial periods), possibly repeated where lines meet.
    pub fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.lines
            .iter()
            .flat_map(|l| l.points.iter().copied())
            .chain(self.partial.iter().copied())
    }

    /// The largest absolute value drawn.
    fn max_abs(&self) -> f64 {
        self.points().map(|p| p.1.abs()).fold(0.0, f64::max)
    }

    fn has_style(&self, style: LineStyle) -> bool {
        self.lines.iter().any(|l| l.style == style)
    }
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
    /// A line drawn prominently under the title (e.g. "DRAFT: the profile does not pass check").
    pub banner: Option<String>,
    /// The language of the legend and of the numbers drawn.
    pub lang: Lang,
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
    /// Periods drawn with a value for part of the period only.
    partial: BTreeSet<String>,
}

impl SourceNote {
    fn line(&self, ctx: &Ctx) -> String {
        let lang = lang_of(ctx);
        let mut labels: Vec<String> = self.sources.iter().map(|s| ctx.source_label(s)).collect();
        labels.dedup();
        let sep = crate::i18n::list_sep(lang);
        let mut s = t(
            lang,
            "chart-source",
            &[("sources", labels.join(&sep).into())],
        );
        if let (true, Some(b)) = (self.rounded, ctx.profile.disclosure.rounding) {
            s.push(' ');
            s.push_str(&t(lang, "chart-rounded", &[("base", b.to_string().into())]));
        }
        if self.suppressed {
            s.push(' ');
            s.push_str(&t(lang, "chart-suppressed", &[]));
        }
        if !self.partial.is_empty() {
            let periods: Vec<&str> = self.partial.iter().map(String::as_str).collect();
            s.push(' ');
            s.push_str(&t(
                lang,
                "chart-partial",
                &[("periods", periods.join(", ").into())],
            ));
        }
        s
    }
}

fn lang_of(ctx: &Ctx) -> Lang {
    Lang::of(&ctx.profile.meta.language)
}

/// A reason a chart is skipped, in the report's language.
fn skip(lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> String {
    t(lang, id, args)
}

/// `title` and what follows it, with the language's colon ("Title: rest", French
/// "Titre\u{a0}: suite").
/// A breakdown as a sentence names it ("by country of origin").
fn dimension(lang: Lang, dim: &str) -> String {
    crate::i18n::dimension(lang, dim)
}

fn titled(lang: Lang, title: &str, rest: &str) -> String {
    format!("{title}{} {rest}", t(lang, "colon", &[]))
}

/// The drawn form of an indicator's published totals: segments of compatible values (see
/// [`crate::quality::series`]) with a break marker at the start of each one after the first,
/// lines cut at missing periods and at changes of style, partial periods apart.
fn drawn_series(ctx: &Ctx, id: &str, note: &mut SourceNote) -> Option<Series> {
    let mut points = Vec::new();
    for p in ctx.totals(id) {
        match (p.obs.parsed_period(), p.value()) {
            (Some(period), Some(value)) => {
                points.push(series::Point {
                    period,
                    value,
                    obs: p.obs,
                });
                note.sources.insert(p.obs.source.clone());
                note.rounded |= p.cell.marker() == "r";
            }
            (_, None) => note.suppressed = true,
            _ => {}
        }
    }
    let segments = series::segments(points, |s| provider_of(ctx.profile, s));
    let all_x: Vec<f64> = segments
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.period.axis_value()))
        .collect();
    // The series' own frequency (UN DESA's stock every five years is one line); with fewer
    // than three values there is none to read, and the period's length decides: 2015 and
    // 2017 alone are two years with 2016 missing between them, not a line across it.
    let step = match segments.iter().flat_map(|s| s.points.first()).next() {
        Some(first) if all_x.len() < 3 => Some(first.period.length_years()),
        _ => series::regular_step(&all_x),
    };
    let mut out = Series {
        name: ctx.name(id),
        lines: Vec::new(),
        breaks: Vec::new(),
        partial: Vec::new(),
    };
    for seg in &segments {
        if let (Some(reason), Some(first)) = (seg.reason, seg.points.first()) {
            out.breaks.push(Marker {
                x: first.period.axis_value(),
                label: super::statements::break_label(lang_of(ctx), reason),
            });
        }
        let full: Vec<&series::Point> = seg.points.iter().filter(|p| !p.is_partial()).collect();
        for p in seg.points.iter().filter(|p| p.is_partial()) {
            note.partial.insert(p.obs.period.clone());
            out.partial.push((p.period.axis_value(), p.value));
        }
        let xs: Vec<f64> = full.iter().map(|p| p.period.axis_value()).collect();
        for run in series::split_at_gaps(&xs, step) {
            let mut current: Option<Line> = None;
            for p in &full[run] {
                let style = style_of(p.obs);
                let xy = (p.period.axis_value(), p.value);
                match current.as_mut() {
                    Some(l) if l.style == style => l.points.push(xy),
                    _ => {
                        // A new style continues from the last point, so the line stays whole.
                        let start = current.as_ref().and_then(|l| l.points.last().copied());
                        if let Some(done) = current.take() {
                            out.lines.push(done);
                        }
                        let mut pts: Vec<(f64, f64)> = start.into_iter().collect();
                        pts.push(xy);
                        current = Some(Line { points: pts, style });
                    }
                }
            }
            out.lines.extend(current);
        }
    }
    (!out.lines.is_empty() || !out.partial.is_empty()).then_some(out)
}

fn style_of(o: &crate::model::Observation) -> LineStyle {
    match o.status {
        Some(Status::Projection) => LineStyle::Projection,
        Some(Status::Estimate | Status::Provisional) => LineStyle::Estimate,
        None => LineStyle::Solid,
    }
}

/// Group series so that no chart puts one series beside another more than [`MAX_RATIO`] times
/// its size (53-111 would be a flat line beside 745,503): largest first, each group starts at
/// its largest series.
fn by_size(mut series: Vec<Series>) -> Vec<Vec<Series>> {
    series.sort_by(|a, b| b.max_abs().total_cmp(&a.max_abs()));
    let mut groups: Vec<Vec<Series>> = Vec::new();
    for s in series {
        let fits = groups.last().and_then(|g| g.first()).is_some_and(|head| {
            let m = s.max_abs();
            m > 0.0 && head.max_abs() / m <= MAX_RATIO
        });
        match groups.last_mut() {
            Some(g) if fits => g.push(s),
            _ => groups.push(vec![s]),
        }
    }
    groups
}

/// Largest ratio of two series' maxima on one axis.
pub const MAX_RATIO: f64 = 20.0;

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
    let many_units = groups.len() > 1;
    let lang = lang_of(ctx);
    let mut out: Built = Vec::new();
    for (unit, ids) in groups {
        let mut note = SourceNote::default();
        let drawn: Vec<(usize, Series)> = ids
            .iter()
            .enumerate()
            .filter_map(|(i, id)| drawn_series(ctx, id, &mut note).map(|s| (i, s)))
            .collect();
        let positions: BTreeSet<u64> = drawn
            .iter()
            .flat_map(|(_, s)| s.points().map(|p| p.0.to_bits()))
            .collect();
        if positions.len() < 2 {
            let title = match (many_units, ids.as_slice()) {
                (false, _) => spec.title.clone(),
                // A chart split by unit or size: each part is named by its one indicator
                // (catalogue names stand alone: "Asylum applications by nationals abroad",
                // not "Asylum applications: Asylum applications by nationals abroad").
                (true, [only]) => ctx.name(only),
                (true, _) => format!("{} ({})", spec.title, unit_label(lang, unit)),
            };
            let why = if drawn.is_empty() {
                "skip-no-values"
            } else {
                "skip-single-period"
            };
            out.push(Err(titled(
                lang,
                &title,
                &format!("{} ({})", skip(lang, why, &[]), ids.join(", ")),
            )));
            continue;
        }
        let order: Vec<String> = drawn.iter().map(|(_, s)| s.name.clone()).collect();
        let sized = by_size(drawn.into_iter().map(|(_, s)| s).collect());
        let split = many_units || sized.len() > 1;
        for mut group in sized {
            // Keep the spec's order inside a chart (and so its colours).
            group.sort_by_key(|s| order.iter().position(|n| *n == s.name));
            let title = match (split, group.as_slice()) {
                (false, _) => spec.title.clone(),
                (true, [only]) => only.name.clone(),
                (true, _) => titled(
                    lang,
                    &spec.title,
                    &group
                        .iter()
                        .map(|s| s.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            };
            out.push(Ok(Chart {
                kind: ChartKind::TimeSeries,
                title,
                value_label: unit_axis(lang, unit),
                axis_label: t(lang, "axis-year", &[]),
                source_line: note.line(ctx),
                body: Body::Lines { series: group },
                banner: ctx.banner.clone(),
                lang,
            }));
        }
    }
    out
}

fn unit_axis(lang: Lang, unit: Unit) -> String {
    match unit {
        Unit::Persons => t(lang, "axis-persons", &[]),
        Unit::Percent => t(lang, "axis-percent", &[]),
        other => {
            let l = unit_label(lang, other);
            let mut c = l.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

/// The latest period among some cells that is not a projection and ends by the reference
/// year (projections are never "the latest"); failing that, none.
fn latest_period<'a>(cells: &[Published<'a>], reference_year: i32) -> Option<&'a str> {
    cells
        .iter()
        .filter(|p| {
            !p.obs.is_projection()
                && p.obs
                    .parsed_period()
                    .is_none_or(|q| q.end_year() <= reference_year)
        })
        .map(|p| p.obs.period.as_str())
        .max_by(|a, b| period_cmp(a, b))
}

/// Breakdowns whose values are countries (partner countries of a bilateral figure).
fn is_partner_dimension(dim: &str) -> bool {
    matches!(
        dim,
        "origin" | "destination" | "citizenship" | "country" | "nationality" | "asylum"
    )
}

fn bars(ctx: &Ctx, spec: &ChartSpec) -> Result<Chart, String> {
    let lang = lang_of(ctx);
    let dim = spec.dimension.as_deref().unwrap_or("origin");
    let top = spec.top.unwrap_or(10).clamp(1, 30);
    for id in &spec.indicators {
        let cells: Vec<_> = ctx
            .of(id)
            .filter(|p| p.obs.disaggregation.len() == 1 && p.obs.disaggregation.contains_key(dim))
            .copied()
            .collect();
        let Some(latest) = latest_period(&cells, ctx.profile.meta.reference_year) else {
            continue;
        };
        let mut note = SourceNote::default();
        let mut rows: Vec<(String, f64)> = Vec::new();
        let mut residual = false;
        for p in cells.iter().filter(|p| p.obs.period == latest) {
            match p.value() {
                Some(v) => {
                    let code = p
                        .obs
                        .disaggregation
                        .get(dim)
                        .map(String::as_str)
                        .unwrap_or("");
                    // "Top countries": residual groups ("Other South") and unknown partners are
                    // not countries; the source line says they are left out.
                    if is_partner_dimension(dim) && ctx.countries.by_code(code).is_none() {
                        residual = true;
                        continue;
                    }
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
            return Err(titled(
                lang,
                &spec.title,
                &skip(
                    lang,
                    "skip-few-bars",
                    &[
                        ("dimension", dimension(lang, dim).to_lowercase().into()),
                        ("period", latest.into()),
                        ("id", id.as_str().into()),
                    ],
                ),
            ));
        }
        let unit = ctx.unit(id);
        let mut source_line = note.line(ctx);
        if residual {
            source_line.push(' ');
            source_line.push_str(&t(lang, "chart-residual", &[]));
        }
        return Ok(Chart {
            kind: ChartKind::Bars,
            title: format!("{}, {latest}", spec.title),
            value_label: format!("{} ({})", ctx.name(id), unit_label(lang, unit)),
            axis_label: String::new(),
            source_line,
            body: Body::Bars { bars: rows },
            banner: ctx.banner.clone(),
            lang,
        });
    }
    Err(titled(
        lang,
        &spec.title,
        &skip(
            lang,
            "skip-no-bars",
            &[
                ("dimension", dimension(lang, dim).to_lowercase().into()),
                ("ids", spec.indicators.join(", ").into()),
            ],
        ),
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
    let lang = lang_of(ctx);
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
        let Some(latest) = latest_period(&cells, ctx.profile.meta.reference_year) else {
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
            return Err(titled(
                lang,
                &spec.title,
                &skip(
                    lang,
                    "skip-few-ages",
                    &[("period", latest.into()), ("id", id.as_str().into())],
                ),
            ));
        }
        let unit = ctx.unit(id);
        return Ok(Chart {
            kind: ChartKind::Pyramid,
            title: format!("{}, {latest}", spec.title),
            value_label: unit_axis(lang, unit),
            axis_label: t(lang, "axis-age", &[]),
            source_line: note.line(ctx),
            body: Body::Pyramid { rows },
            banner: ctx.banner.clone(),
            lang,
        });
    }
    Err(titled(
        lang,
        &spec.title,
        &skip(
            lang,
            "skip-no-ages",
            &[("ids", spec.indicators.join(", ").into())],
        ),
    ))
}

fn multiples(ctx: &Ctx, spec: &ChartSpec) -> Result<Chart, String> {
    let lang = lang_of(ctx);
    let mut note = SourceNote::default();
    let mut panels = Vec::new();
    for id in &spec.indicators {
        let mut own = SourceNote::default();
        let Some(s) = drawn_series(ctx, id, &mut own) else {
            continue;
        };
        let positions: BTreeSet<u64> = s.points().map(|p| p.0.to_bits()).collect();
        if positions.len() < 2 {
            continue;
        }
        note.sources.extend(own.sources);
        note.partial.extend(own.partial);
        note.rounded |= own.rounded;
        panels.push((s.name.clone(), unit_label(lang, ctx.unit(id)), s));
    }
    if panels.is_empty() {
        return Err(titled(
            lang,
            &spec.title,
            &skip(
                lang,
                "skip-no-multiples",
                &[("ids", spec.indicators.join(", ").into())],
            ),
        ));
    }
    Ok(Chart {
        kind: ChartKind::Multiples,
        title: spec.title.clone(),
        value_label: String::new(),
        axis_label: t(lang, "axis-year", &[]),
        source_line: note.line(ctx),
        body: Body::Multiples { panels },
        banner: ctx.banner.clone(),
        lang,
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
        draw(&root, chart, true)?;
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
    // The bitmap is about a megabyte: each thread keeps one and reuses it, chart after chart,
    // rather than asking the system for fresh pages (and faulting them in) for every chart.
    thread_local! {
        static RGB: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    RGB.with_borrow_mut(|rgb| {
        rgb.clear();
        // White from the start (the background `draw` would otherwise paint over every pixel).
        rgb.resize(w as usize * h as usize * 3, 255);
        encode_png(chart, rgb, (w, h))
    })
}

/// Draw `chart` on the white bitmap `rgb` of `(w, h)` pixels and encode it.
fn encode_png(chart: &Chart, rgb: &mut [u8], (w, h): (u32, u32)) -> Result<Vec<u8>, RenderError> {
    let text = std::rc::Rc::new(std::cell::RefCell::new(super::glyphs::TextLayer::default()));
    {
        let backend = super::glyphs::GlyphFix::new(
            BitMapBackend::with_buffer(rgb, (w, h)),
            FONT_REGULAR,
            FONT_BOLD,
            text.clone(),
        )
        .ok_or_else(|| RenderError::Other("the embedded chart font is invalid".into()))?;
        let root = backend.into_drawing_area();
        draw(&root, chart, false)?;
        root.present().map_err(draw_err)?;
    }
    text.borrow().blend(rgb, (w, h));
    let mut out = Vec::with_capacity(rgb.len() / 8);
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let mut writer = enc.write_header().map_err(draw_err)?;
        writer.write_image_data(rgb).map_err(draw_err)?;
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

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Swatch {
    Fill,
    Dashed,
    Vertical,
    Open,
}

struct LegendItem {
    name: String,
    color: RGBColor,
    mark: Swatch,
}

/// A lighter tint of a colour (estimates).
fn lighter(c: RGBColor) -> RGBColor {
    let t = |v: u8| (v as f64 + (255.0 - v as f64) * 0.55).round() as u8;
    RGBColor(t(c.0), t(c.1), t(c.2))
}

/// Legend: one entry per series when there are several, then one per way of drawing used
/// (projections dashed, estimates lighter, partial periods open, breaks marked).
fn legend_of(chart: &Chart) -> Vec<LegendItem> {
    let item = |name: &str, color: RGBColor, mark: Swatch| LegendItem {
        name: name.to_string(),
        color,
        mark,
    };
    let word = |id: &str| t(chart.lang, id, &[]);
    let all: Vec<&Series> = match &chart.body {
        Body::Lines { series } => series.iter().collect(),
        Body::Multiples { panels } => panels.iter().map(|p| &p.2).collect(),
        Body::Pyramid { .. } => {
            return vec![
                item(&word("legend-male"), PALETTE[0], Swatch::Fill),
                item(&word("legend-female"), PALETTE[1], Swatch::Fill),
            ];
        }
        Body::Bars { .. } => return Vec::new(),
    };
    let mut out = Vec::new();
    // Series are named in a legend when there are several, or when the one drawn is not what
    // the title says (one of the indicators a chart asks for has no data).
    if let Body::Lines { series } = &chart.body
        && (series.len() > 1
            || series.first().is_some_and(|s| {
                chart.title != s.name && !chart.title.ends_with(&format!(": {}", s.name))
            }))
    {
        for (i, s) in series.iter().enumerate() {
            out.push(item(&s.name, PALETTE[i % PALETTE.len()], Swatch::Fill));
        }
    }
    if all.iter().any(|s| s.has_style(LineStyle::Estimate)) {
        out.push(item(&word("legend-estimate"), lighter(MUTED), Swatch::Fill));
    }
    if all.iter().any(|s| s.has_style(LineStyle::Projection)) {
        out.push(item(&word("legend-projection"), MUTED, Swatch::Dashed));
    }
    if all.iter().any(|s| !s.partial.is_empty()) {
        out.push(item(&word("legend-partial"), MUTED, Swatch::Open));
    }
    if all.iter().any(|s| !s.breaks.is_empty()) {
        out.push(item(&word("legend-break"), BREAK, Swatch::Vertical));
    }
    out
}

/// Draw the chart; `background`: paint the white background first (a bitmap that starts white
/// does not need it).
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    background: bool,
) -> Result<(), RenderError>
where
    DB::ErrorType: 'static,
{
    if background {
        root.fill(&WHITE).map_err(draw_err)?;
    }
    let (w, h) = root.dim_in_pixel();
    let wf = w as f64;
    let legend = legend_of(chart);
    let banner_h = if chart.banner.is_some() { 22 } else { 0 };
    let top_h = if legend.is_empty() { 44 } else { 70 } + banner_h;
    let source_lines = wrap(&chart.source_line, 13.0, wf - 32.0, 5);
    let bottom_h = 14 + 17 * source_lines.len() as u32;
    let (top, rest) = root.split_vertically(top_h);
    let (plot, bottom) = rest.split_vertically(h.saturating_sub(top_h + bottom_h));
    top.draw(&Text::new(
        fit(&chart.title, 19.0, wf - 32.0),
        (16, 12),
        bold(19.0),
    ))
    .map_err(draw_err)?;
    if let Some(b) = &chart.banner {
        top.draw(&Text::new(
            fit(b, 14.0, wf - 32.0),
            (16, 40),
            bold(14.0).color(&BANNER),
        ))
        .map_err(draw_err)?;
    }
    if !legend.is_empty() {
        let y = 44 + banner_h as i32;
        let mut x = 16.0;
        let per = ((wf - 32.0) / legend.len() as f64).max(60.0);
        for item in &legend {
            let label = fit(&item.name, 13.0, per - 34.0);
            let lw = text_width(&label, 13.0);
            let x0 = x as i32;
            match item.mark {
                Swatch::Fill => {
                    top.draw(&Rectangle::new(
                        [(x0, y), (x0 + 14, y + 12)],
                        item.color.filled(),
                    ))
                    .map_err(draw_err)?;
                }
                Swatch::Dashed => {
                    for k in 0..3 {
                        let dx = x0 + k * 6;
                        top.draw(&PathElement::new(
                            vec![(dx, y + 6), (dx + 3, y + 6)],
                            item.color.stroke_width(3),
                        ))
                        .map_err(draw_err)?;
                    }
                }
                Swatch::Vertical => {
                    for k in 0..3 {
                        let dy = y + k * 5;
                        top.draw(&PathElement::new(
                            vec![(x0 + 7, dy), (x0 + 7, dy + 3)],
                            item.color.stroke_width(2),
                        ))
                        .map_err(draw_err)?;
                    }
                }
                Swatch::Open => {
                    top.draw(&Circle::new((x0 + 7, y + 6), 5, item.color.stroke_width(2)))
                        .map_err(draw_err)?;
                }
            }
            top.draw(&Text::new(
                label,
                (x0 + 20, y - 1),
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
                    banner: None,
                    lang: chart.lang,
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
    let xs = series.iter().flat_map(|s| s.points().map(|p| p.0));
    let ys = series.iter().flat_map(|s| s.points().map(|p| p.1));
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
    let lang = chart.lang;
    let y_fmt = move |v: &f64| tick_in(lang, *v, axis_max);
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
    // Break markers first, so lines are drawn over them.
    for s in series {
        for m in &s.breaks {
            cc.draw_series(DashedLineSeries::new(
                [(m.x, lo), (m.x, hi)],
                5,
                4,
                BREAK.stroke_width(1),
            ))
            .map_err(draw_err)?;
            if full {
                // Right of the marker, or left of it in the last quarter of the axis.
                let right = m.x > x0 + (x1 - x0) * 0.75;
                let (dx, h) = if right {
                    (-4, HPos::Right)
                } else {
                    (4, HPos::Left)
                };
                cc.draw_series(std::iter::once(
                    EmptyElement::at((m.x, hi))
                        + Text::new(
                            m.label.clone(),
                            (dx, 2),
                            font(12.0).color(&BREAK).pos(Pos::new(h, VPos::Top)),
                        ),
                ))
                .map_err(draw_err)?;
            }
        }
    }
    let width = if full { 3 } else { 2 };
    let radius = if full { 3 } else { 2 };
    for (i, s) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let count: usize = s.lines.iter().map(|l| l.points.len()).sum();
        for l in &s.lines {
            let c = match l.style {
                LineStyle::Estimate => lighter(color),
                _ => color,
            };
            match l.style {
                LineStyle::Projection => {
                    cc.draw_series(DashedLineSeries::new(
                        l.points.iter().copied(),
                        8,
                        6,
                        c.stroke_width(width),
                    ))
                    .map_err(draw_err)?;
                }
                _ => {
                    cc.draw_series(LineSeries::new(
                        l.points.iter().copied(),
                        c.stroke_width(width),
                    ))
                    .map_err(draw_err)?;
                }
            }
            // Points on short series, and always where a line is a single point (a value
            // between two missing periods).
            if count <= 40 || l.points.len() == 1 {
                cc.draw_series(l.points.iter().map(|p| Circle::new(*p, radius, c.filled())))
                    .map_err(draw_err)?;
            }
        }
        cc.draw_series(
            s.partial
                .iter()
                .map(|p| Circle::new(*p, radius + 2, color.stroke_width(2))),
        )
        .map_err(draw_err)?;
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
    let lang = chart.lang;
    let x_fmt = move |v: &f64| tick_in(lang, *v, axis_max);
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
            + Text::new(thousands_in(lang, b.1, 0), (5, 0), value_style.clone())
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
    let lang = chart.lang;
    let x_fmt = move |v: &f64| tick_in(lang, v.abs(), m);
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

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::{Font, FontRef};

    #[test]
    fn embedded_font_draws_the_spaces_french_and_spanish_numbers_use() {
        for bytes in [FONT_REGULAR, FONT_BOLD] {
            let font = FontRef::try_from_slice(bytes).expect("embedded font");
            for c in ['\u{202F}', '\u{A0}', 'é', 'ñ', 'ç', 'Œ', 'œ', '«', '»'] {
                assert_ne!(font.glyph_id(c).0, 0, "no glyph for {c:?}");
            }
        }
    }
}
