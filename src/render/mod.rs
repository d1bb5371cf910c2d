//! Rendering: charts (SVG/PNG), the report (HTML, Markdown), the open-data bundle.
//!
//! [`build_profile`] is the one entry point. It selects the published values (preferred source
//! per indicator, then disclosure control), builds a format-neutral document ([`doc::Doc`]) with
//! numbered figures, tables and footnotes, and writes the requested formats into `out_dir`:
//!
//! - `report.html`: self-contained (inline SVG, embedded CSS, A4 print stylesheet);
//! - `report.docx`: Word (A4, heading styles, contents field, footnotes, charts as PNG);
//! - `report.md` with `charts/figure-NN.svg` (and `.png` when PNG is requested) beside it;
//! - `charts/figure-NN.svg` / `.png` for the `svg` / `png` formats;
//! - `report.pdf`: typeset with typst (fonts embedded, charts as vectors), see `pdf`; only in
//!   builds with the `pdf` feature;
//! - `data/observations.csv`, `data/sources.csv`, `data/datapackage.json` for `data`.
//!
//! Output is a pure function of the inputs: no clock, no randomness, ordered maps only.

pub mod bundle;
pub mod changes;
pub mod chart;
pub mod data;
pub mod doc;
pub mod docx;
pub mod findings;
mod glyphs;
pub mod html;
pub mod map;
pub mod markdown;
pub mod numfmt;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod publish;
pub mod report;
pub mod statements;
pub mod words;

use crate::catalogue::Catalogue;
use crate::country::Countries;
use crate::profile::Profile;
use crate::template::Template;
use std::path::{Path, PathBuf};

/// Which outputs to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub html: bool,
    pub markdown: bool,
    pub png: bool,
    pub svg: bool,
    pub data: bool,
    pub docx: bool,
    pub pdf: bool,
}

impl Formats {
    pub const ALL: Formats = Formats {
        html: true,
        markdown: true,
        png: true,
        svg: true,
        data: true,
        docx: true,
        pdf: cfg!(feature = "pdf"),
    };

    pub const NONE: Formats = Formats {
        html: false,
        markdown: false,
        png: false,
        svg: false,
        data: false,
        docx: false,
        pdf: false,
    };

    /// Parse a list of format names (`html`, `md`/`markdown`, `png`, `svg`, `data`, `docx`).
    /// An empty list means all formats.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Formats, String> {
        if names.is_empty() {
            return Ok(Formats::ALL);
        }
        let mut f = Formats::NONE;
        for n in names {
            match n.as_ref().trim().to_ascii_lowercase().as_str() {
                "html" => f.html = true,
                "md" | "markdown" => f.markdown = true,
                "png" => f.png = true,
                "svg" => f.svg = true,
                "data" | "csv" => f.data = true,
                "docx" | "word" => f.docx = true,
                "pdf" if cfg!(feature = "pdf") => f.pdf = true,
                "pdf" => {
                    return Err(
                        "this migprof was built without PDF output: rebuild it with \
                         `cargo build --release --features pdf`"
                            .to_string(),
                    );
                }
                "all" => f = Formats::ALL,
                "" => {}
                other => {
                    return Err(format!(
                        "unknown format `{other}` (expected html, md, docx, pdf, png, svg, data)"
                    ));
                }
            }
        }
        Ok(f)
    }

    /// Whether a report (with its charts and map) is written: every format but the data
    /// bundle alone.
    pub fn charts(&self) -> bool {
        self.html || self.markdown || self.png || self.svg || self.docx || self.pdf
    }
}

/// What one build wrote.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub files: Vec<PathBuf>,
    /// Charts skipped for lack of data (recorded as gaps), with the reason.
    pub skipped_charts: Vec<String>,
    /// How long each stage took (`MIGPROF_TIMINGS=1 migprof build` prints them); stages run
    /// side by side, so they add up to more than the build.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Run `f`, recording its duration under `name`.
fn timed<T>(
    times: &std::sync::Mutex<Vec<(&'static str, std::time::Duration)>>,
    name: &'static str,
    f: impl FnOnce() -> T,
) -> T {
    let start = std::time::Instant::now();
    let out = f();
    if let Ok(mut t) = times.lock() {
        t.push((name, start.elapsed()));
    }
    out
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}

fn mkdir(dir: &Path) -> Result<(), RenderError> {
    std::fs::create_dir_all(dir).map_err(|e| RenderError::Io {
        path: dir.display().to_string(),
        source: e,
    })
}

/// Write one file; its folder exists already (created once per build, not per file: file
/// system calls dominate the cost of a batch).
fn write(
    out_dir: &Path,
    rel: &str,
    bytes: &[u8],
    files: &mut Vec<PathBuf>,
) -> Result<(), RenderError> {
    let path = out_dir.join(rel);
    std::fs::write(&path, bytes).map_err(|e| RenderError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    files.push(path);
    Ok(())
}

fn write_data(
    out_dir: &Path,
    data: Vec<(&'static str, Vec<u8>)>,
    files: &mut Vec<PathBuf>,
) -> Result<(), RenderError> {
    mkdir(&out_dir.join("data"))?;
    for (name, bytes) in data {
        write(out_dir, &format!("data/{name}"), &bytes, files)?;
    }
    Ok(())
}

/// Options of a build beyond the profile itself.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildOptions {
    pub formats: Formats,
    /// A line shown prominently at the top of the HTML and Markdown reports, on every chart and
    /// in the data package's description (e.g. "DRAFT: this profile does not pass check").
    pub banner: Option<String>,
    /// The previous edition (`meta.previous_edition`, loaded by
    /// [`crate::system::editions::previous_of`]): the report gains "Changes since the
    /// previous edition".
    pub previous: Option<Profile>,
}

impl BuildOptions {
    /// These formats, no banner, no previous edition.
    pub fn new(formats: Formats) -> BuildOptions {
        BuildOptions {
            formats,
            banner: None,
            previous: None,
        }
    }
}

/// Render one profile into `out_dir` (created if needed), with no banner.
pub fn build_profile(
    profile: &Profile,
    catalogue: &Catalogue,
    countries: &Countries,
    template: &Template,
    out_dir: &Path,
    formats: Formats,
) -> Result<BuildReport, RenderError> {
    build_profile_with(
        profile,
        catalogue,
        countries,
        template,
        out_dir,
        &BuildOptions::new(formats),
    )
}

/// Render one profile into `out_dir` (created if needed) with the given options.
pub fn build_profile_with(
    profile: &Profile,
    catalogue: &Catalogue,
    countries: &Countries,
    template: &Template,
    out_dir: &Path,
    options: &BuildOptions,
) -> Result<BuildReport, RenderError> {
    let formats = options.formats;
    // Names, definitions and template titles in the profile's language (English where a
    // translation is missing); English builds use the catalogue and template as given.
    let (catalogue, countries, template) =
        crate::i18n::localized(catalogue, countries, template, &profile.meta.language);
    let (catalogue, countries, template) =
        (catalogue.as_ref(), countries.as_ref(), template.as_ref());
    mkdir(out_dir)?;
    let times = std::sync::Mutex::new(Vec::new());
    let times = &times;
    // The quality results (conflicts, scores, gaps) and the published values are independent:
    // compute them side by side. Only the report needs the quality results.
    // The title page's map needs the world's boundaries, decoded once per process: beside them.
    let ((ctx, quality), ()) = rayon::join(
        || {
            rayon::join(
                || {
                    timed(times, "published values", || {
                        let mut ctx = data::Ctx::new(profile, catalogue, countries, template);
                        ctx.banner = options.banner.clone();
                        ctx.previous = options.previous.as_ref();
                        ctx
                    })
                },
                || {
                    timed(times, "quality", || {
                        formats
                            .charts()
                            .then(|| report::Quality::of(profile, catalogue, template))
                    })
                },
            )
        },
        || {
            if formats.charts() {
                timed(times, "map boundaries (once per process)", map::prepare);
            }
        },
    );
    // Then the report (document, charts, HTML, Markdown) beside the data bundle, which needs
    // only the published values. Each part writes its own files; the list of files keeps the
    // order html, docx, svg, png, md, data.
    let (charts, data) = rayon::join(
        || match quality {
            Some(quality) => report_files(&ctx, quality, out_dir, formats, times).map(Some),
            None => Ok(None),
        },
        || -> Result<Vec<PathBuf>, RenderError> {
            let mut files = Vec::new();
            if formats.data {
                timed(times, "data bundle", || -> Result<(), RenderError> {
                    let data = bundle::build(&ctx)?;
                    write_data(out_dir, data, &mut files)
                })?;
            }
            Ok(files)
        },
    );
    let mut report = BuildReport::default();
    if let Some((files, skipped)) = charts? {
        report.files = files;
        report.skipped_charts = skipped;
    }
    report.files.extend(data?);
    report.timings = times.lock().map(|t| t.clone()).unwrap_or_default();
    Ok(report)
}

/// The drawings of one kind (SVG text or PNG bytes) made while the document was walked:
/// (figure index, drawing) in the order they were finished, and the time they took, summed
/// over the threads.
struct Drawings<T> {
    done: Vec<(usize, Result<T, RenderError>)>,
    time: std::time::Duration,
}

impl<T> Default for Drawings<T> {
    fn default() -> Self {
        Drawings {
            done: Vec::new(),
            time: std::time::Duration::ZERO,
        }
    }
}

/// Draw figure `i`'s chart with `draw` into `into`.
fn draw_into<T>(
    into: &std::sync::Mutex<Drawings<T>>,
    i: usize,
    chart: &chart::Chart,
    draw: fn(&chart::Chart) -> Result<T, RenderError>,
) {
    let start = std::time::Instant::now();
    let drawn = draw(chart);
    if let Ok(mut d) = into.lock() {
        d.time += start.elapsed();
        d.done.push((i, drawn));
    }
}

/// The drawings of figures 0..n in figure order (none when not `needed`), and the time they
/// took; the first figure's error when one failed.
fn in_order<T>(
    drawings: std::sync::Mutex<Drawings<T>>,
    n: usize,
    needed: bool,
) -> Result<(Vec<T>, std::time::Duration), RenderError> {
    let Drawings { mut done, time } = drawings
        .into_inner()
        .map_err(|_| RenderError::Other("a chart's drawing failed".into()))?;
    if !needed {
        return Ok((Vec::new(), time));
    }
    done.sort_by_key(|(i, _)| *i);
    if done.len() != n || done.iter().enumerate().any(|(k, (i, _))| k != *i) {
        return Err(RenderError::Other(format!(
            "{} of {n} charts were drawn",
            done.len()
        )));
    }
    let drawn = done.into_iter().map(|(_, r)| r).collect::<Result<_, _>>()?;
    Ok((drawn, time))
}

/// Build the document and write the report formats and charts: (files, skipped charts).
fn report_files(
    ctx: &data::Ctx,
    quality: report::Quality,
    out_dir: &Path,
    formats: Formats,
    times: &std::sync::Mutex<Vec<(&'static str, std::time::Duration)>>,
) -> Result<(Vec<PathBuf>, Vec<String>), RenderError> {
    // PNG rasterising and encoding is the largest single cost: each figure's SVG text and PNG
    // are drawn as soon as the document walk makes the figure, on whichever core is free,
    // while the walk goes on (the DOCX embeds the same PNGs; HTML inlines the SVG text).
    #[cfg(feature = "pdf")]
    let needs_svg = formats.html || formats.markdown || formats.svg || formats.pdf;
    #[cfg(not(feature = "pdf"))]
    let needs_svg = formats.html || formats.markdown || formats.svg;
    let needs_png = formats.png || formats.docx;
    let svgs = std::sync::Mutex::new(Drawings::default());
    let pngs = std::sync::Mutex::new(Drawings::default());
    let doc = rayon::scope(|s| {
        let (svgs, pngs) = (&svgs, &pngs);
        let on_figure = |i: usize, chart: &chart::Chart| {
            let chart = std::sync::Arc::new(chart.clone());
            if needs_svg {
                let chart = chart.clone();
                s.spawn(move |_| draw_into(svgs, i, &chart, chart::to_svg));
            }
            if needs_png {
                s.spawn(move |_| draw_into(pngs, i, &chart, chart::png_bytes));
            }
        };
        let doc = timed(times, "document", || {
            report::build_document_drawing(ctx, quality, Some(&on_figure))
        })?;
        // The DOCX's text needs only the size of each picture: written while the charts are
        // still being drawn; the pictures go in once they are.
        let word = formats
            .docx
            .then(|| {
                let sizes: Vec<(u32, u32)> =
                    doc.figures.iter().map(|f| chart::size(&f.chart)).collect();
                timed(times, "docx (text, beside the charts)", || {
                    docx::prepare(&doc, &sizes)
                })
            })
            .transpose()?;
        Ok::<_, RenderError>((doc, word))
    });
    let (mut doc, word) = doc?;
    let n = doc.figures.len();
    let (svgs, svg_time) = in_order(svgs, n, needs_svg)?;
    let (pngs, png_time) = in_order(pngs, n, needs_png)?;
    if let Ok(mut t) = times.lock() {
        t.push(("charts (SVG, summed over the cores)", svg_time));
        t.push(("charts (PNG, summed over the cores)", png_time));
    }
    if (!doc.figures.is_empty() || doc.map.is_some())
        && (formats.markdown || formats.svg || formats.png)
    {
        mkdir(&out_dir.join("charts"))?;
    }
    for (f, svg) in doc.figures.iter_mut().zip(svgs) {
        f.svg = svg;
    }
    let doc = &doc;
    let (pngs, text) = rayon::join(
        || -> Result<(Vec<PathBuf>, Vec<PathBuf>), RenderError> {
            if !formats.png && !formats.docx {
                return Ok((Vec::new(), Vec::new()));
            }
            let mut files = Vec::new();
            if formats.png {
                for (f, png) in doc.figures.iter().zip(&pngs) {
                    write(out_dir, &format!("charts/{}.png", f.stem), png, &mut files)?;
                }
            }
            let mut written = Vec::new();
            if let Some(word) = word {
                let bytes = timed(times, "docx (pictures)", || word.finish(&pngs))?;
                write(out_dir, "report.docx", &bytes, &mut written)?;
            }
            Ok((files, written))
        },
        || -> Result<(Vec<PathBuf>, Vec<PathBuf>), RenderError> {
            let mut before = Vec::new();
            let mut after = Vec::new();
            if formats.html {
                let text = timed(times, "html", || html::render(doc));
                write(out_dir, "report.html", text.as_bytes(), &mut before)?;
            }
            if formats.markdown || formats.svg {
                for f in &doc.figures {
                    let rel = format!("charts/{}.svg", f.stem);
                    write(out_dir, &rel, f.svg.as_bytes(), &mut before)?;
                }
            }
            if formats.markdown {
                if let Some(map) = &doc.map {
                    write(out_dir, "charts/map.svg", map.as_bytes(), &mut after)?;
                }
                let md = timed(times, "markdown", || markdown::render(doc, "svg"));
                write(out_dir, "report.md", md.as_bytes(), &mut after)?;
            }
            #[cfg(feature = "pdf")]
            if formats.pdf {
                let bytes = pdf::render(doc)?;
                write(out_dir, "report.pdf", &bytes, &mut after)?;
            }
            Ok((before, after))
        },
    );
    let (mut files, after) = text?;
    let (pngs, word) = pngs?;
    files.extend(pngs);
    files.extend(after);
    // report.docx right after report.html, where a short list of outputs shows it.
    let at = usize::from(formats.html).min(files.len());
    files.splice(at..at, word);
    Ok((files, doc.skipped.clone()))
}
