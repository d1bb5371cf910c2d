//! The report as a format-neutral document: parts, sections and blocks, with figures, tables and
//! footnotes numbered in reading order. HTML and Markdown are renderings of this.

use super::chart::Chart;

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub lang: String,
    pub title: String,
    pub country: String,
    pub reference_year: i32,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub edition: Option<String>,
    /// Drawn prominently at the top of every output (e.g. "DRAFT: ..."), when set.
    pub banner: Option<String>,
    pub parts: Vec<DocPart>,
    /// Figures in numbering order (figure n is `figures[n-1]`).
    pub figures: Vec<Figure>,
    /// Footnotes in numbering order (footnote n is `footnotes[n-1]`).
    pub footnotes: Vec<String>,
    /// Provider flags used, with their meaning.
    pub flags: Vec<(String, String)>,
    /// Charts skipped for lack of data.
    pub skipped: Vec<String>,
    /// The country locator map (SVG text drawn by [`super::map`]), shown on the title page.
    pub map: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DocPart {
    pub anchor: String,
    pub title: String,
    pub sections: Vec<DocSection>,
}

#[derive(Debug, Clone)]
pub struct DocSection {
    pub anchor: String,
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// The profile's own narrative text (paragraphs separated by blank lines).
    Narrative(String),
    /// A sentence generated from the data, marked as such.
    Generated(String),
    KeyFigures(Vec<KeyFigure>),
    /// Index into [`Doc::figures`].
    Figure(usize),
    Table(Table),
    /// A short remark (missing data, skipped chart...).
    Note(String),
    Subheading(String),
}

#[derive(Debug, Clone)]
pub struct KeyFigure {
    pub label: String,
    /// The number as formatted, with its unit.
    pub value: String,
    pub period: String,
    pub source: String,
    /// Disclosure marker: "", "r".
    pub mark: &'static str,
    pub refs: Vec<usize>,
    /// What a reader must know beside the value: "latest available: 2014", a partial period,
    /// a rate of another year than the count beside it.
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub num: usize,
    /// File stem under `charts/`, e.g. `figure-03`.
    pub stem: String,
    pub chart: Chart,
    pub svg: String,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub num: usize,
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<TCell>>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct TCell {
    pub text: String,
    /// Disclosure marker: "" shown, "r" rounded, "s" suppressed.
    pub mark: &'static str,
    /// Footnote numbers.
    pub refs: Vec<usize>,
    pub numeric: bool,
    /// Extra explanation (HTML title attribute).
    pub hint: Option<String>,
    /// Monospace, breakable anywhere (hashes, file paths).
    pub mono: bool,
}

impl TCell {
    pub fn text(s: impl Into<String>) -> TCell {
        TCell {
            text: s.into(),
            ..TCell::default()
        }
    }

    pub fn empty() -> TCell {
        TCell::default()
    }
}
