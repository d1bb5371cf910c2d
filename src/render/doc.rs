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
    /// Title page: the publisher (`[front] publisher`).
    pub publisher: Option<String>,
    /// Back of the title page: the disclaimer, when the profile has one.
    pub disclaimer: Option<String>,
    /// A page of its own before the contents (paragraphs separated by blank lines).
    pub foreword: Option<String>,
    /// The working-group page: members in the profile's order.
    pub working_group: Vec<crate::publication::Member>,
    /// Acronyms used in the report (abbreviation, meaning), sorted; the page is left out when
    /// empty.
    pub acronyms: Vec<(String, String)>,
    pub parts: Vec<DocPart>,
    /// Figures in numbering order (figure n is `figures[n-1]`).
    pub figures: Vec<Figure>,
    /// Footnotes in numbering order (footnote n is `footnotes[n-1]`). Renderers show footnote
    /// n as [`note_mark`]`(n)` in brackets, never as a digit beside a figure.
    pub footnotes: Vec<String>,
    /// Provider flags used (the letters in [`TCell::flags`] and [`KeyFigure::flags`]), with
    /// their meaning: the one legend that explains them.
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
    /// Findings drawn from the data (Part D.1): one item each, every one citing its figure
    /// (value, period, source); shown as a list marked as generated.
    Findings(Vec<String>),
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
    /// Provider flags of the value (explained once in [`Doc::flags`]).
    pub flags: Vec<String>,
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
    /// The source line printed under the table ("Source: ..."): the sources of the values
    /// shown, or what the table was compiled from.
    pub source: Option<String>,
}

impl Table {
    /// The anchor of the table in HTML (`table-N`), for lists of tables.
    pub fn anchor(&self) -> String {
        format!("table-{}", self.num)
    }
}

#[derive(Debug, Clone, Default)]
pub struct TCell {
    pub text: String,
    /// Disclosure marker: "" shown, "r" rounded, "s" suppressed.
    pub mark: &'static str,
    /// Footnote numbers.
    pub refs: Vec<usize>,
    /// Provider flags of the value (explained once in [`Doc::flags`]); shown as `(e)`.
    pub flags: Vec<String>,
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

impl Doc {
    /// Every table in reading order (for the list of tables).
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.parts
            .iter()
            .flat_map(|p| p.sections.iter())
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
    }
}

/// The marker of footnote `n` (1-based): `a` ... `z`, `aa`, `ab`, ... Printed in brackets
/// (`[a]`), so that a marker is never read as a digit or a power of the figure beside it.
pub fn note_mark(n: usize) -> String {
    let mut n = n.max(1);
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The bracketed markers of several footnotes: `[a, c]`; empty for none.
pub fn note_marks(refs: &[usize]) -> String {
    if refs.is_empty() {
        return String::new();
    }
    let marks: Vec<String> = refs.iter().map(|&r| note_mark(r)).collect();
    format!("[{}]", marks.join(", "))
}

/// Provider flags as printed beside a value: `(e)`, `(b, p)`; empty for none.
pub fn flag_marks(flags: &[String]) -> String {
    if flags.is_empty() {
        String::new()
    } else {
        format!("({})", flags.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_marks_are_letters() {
        assert_eq!(note_mark(1), "a");
        assert_eq!(note_mark(26), "z");
        assert_eq!(note_mark(27), "aa");
        assert_eq!(note_mark(28), "ab");
        assert_eq!(note_mark(52), "az");
        assert_eq!(note_mark(53), "ba");
        assert_eq!(note_marks(&[1, 3]), "[a, c]");
        assert_eq!(note_marks(&[]), "");
        assert_eq!(flag_marks(&["b".into(), "p".into()]), "(b, p)");
    }
}
