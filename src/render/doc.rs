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

impl DocPart {
    /// The annexes: the template's `annex` part, or the part added for annexes it lacks.
    pub fn is_annexes(&self) -> bool {
        matches!(self.anchor.as_str(), "part-annex" | "part-annexes")
    }
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
    /// The title of the template's chart it was drawn for: a chart split by unit or size
    /// gives several figures, each titled by its own indicators.
    pub spec: String,
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

/// A text this long (in characters) that a column repeats is printed once, under the table,
/// and the cells show its key.
const KEY_CHARS: usize = 80;

/// In a column with repeated texts, a text it has once is keyed too when it is this long (a
/// paragraph in a narrow column would make its row a page tall).
const KEY_ONCE_CHARS: usize = 200;

/// The long texts a table repeats, column by column: for each column whose text cells repeat
/// a text of at least [`KEY_CHARS`] characters (the reasons and explanations of the annex
/// tables), those repeated texts and those of [`KEY_ONCE_CHARS`] or more, in order of first
/// appearance (a shorter text the column has once stays in its cell); `None` for the other
/// columns. The cells
/// then show a key (`A1`, `A2`, ... for the first such column, `B1`... for the next) and the
/// texts are printed once under the table: a reader does not read the same paragraph for
/// every year, and nothing is left out.
fn repeated(rows: &[Vec<TCell>], ncols: usize) -> Vec<Option<Vec<String>>> {
    (0..ncols)
        .map(|c| {
            let mut seen: Vec<(&str, usize)> = Vec::new();
            for x in rows.iter().filter_map(|r| r.get(c)) {
                if x.numeric || x.mono || x.text.chars().count() < KEY_CHARS {
                    continue;
                }
                match seen.iter_mut().find(|(t, _)| *t == x.text) {
                    Some((_, n)) => *n += 1,
                    None => seen.push((&x.text, 1)),
                }
            }
            if seen.iter().all(|&(_, n)| n == 1) {
                return None;
            }
            let texts: Vec<String> = seen
                .iter()
                .filter(|&&(t, n)| n > 1 || t.chars().count() >= KEY_ONCE_CHARS)
                .map(|(t, _)| (*t).to_string())
                .collect();
            (!texts.is_empty()).then_some(texts)
        })
        .collect()
}

/// A table whose long repeated texts are printed once under it ([`Table::keyed`]).
#[derive(Debug, Clone)]
pub struct Keyed {
    /// The rows, a keyed cell holding its key (`A1`) instead of its text.
    pub rows: Vec<Vec<TCell>>,
    /// Whether each cell of `rows` shows a key.
    pub is_key: Vec<Vec<bool>>,
    /// For each keyed column, its header and the (key, text) pairs in key order.
    pub notes: Vec<(String, Vec<(String, String)>)>,
}

impl Table {
    /// The table with the long texts a column repeats ([`repeated`]) replaced by keys in the
    /// cells (`A1`, `A2`, ... for the first such column, `B1`... for the next; notes, flags
    /// and marks stay in the cell) and printed once under it: print renderers use this so
    /// that a reason given for every year is read once, with nothing left out.
    pub fn keyed(&self, ncols: usize) -> Keyed {
        let repeated = repeated(&self.rows, ncols);
        let mut letters = b'A'..=b'Z';
        let keys: Vec<Option<(char, &Vec<String>)>> = repeated
            .iter()
            .map(|r| {
                r.as_ref()
                    .and_then(|texts| letters.next().map(|l| (char::from(l), texts)))
            })
            .collect();
        let key_of = |c: usize, text: &str| -> Option<String> {
            let (letter, texts) = keys.get(c).copied().flatten()?;
            let i = texts.iter().position(|t| t == text)?;
            Some(format!("{letter}{}", i + 1))
        };
        let mut is_key = Vec::with_capacity(self.rows.len());
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut flags = Vec::with_capacity(r.len());
                let row = r
                    .iter()
                    .enumerate()
                    .map(|(c, x)| match key_of(c, &x.text) {
                        Some(k) if !x.numeric && !x.mono => {
                            flags.push(true);
                            TCell {
                                text: k,
                                ..x.clone()
                            }
                        }
                        _ => {
                            flags.push(false);
                            x.clone()
                        }
                    })
                    .collect();
                is_key.push(flags);
                row
            })
            .collect();
        let notes = keys
            .iter()
            .enumerate()
            .filter_map(|(c, k)| {
                let (letter, texts) = (*k)?;
                let head = self.header.get(c).cloned().unwrap_or_default();
                let entries = texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (format!("{letter}{}", i + 1), t.clone()))
                    .collect();
                Some((head, entries))
            })
            .collect();
        Keyed {
            rows,
            is_key,
            notes,
        }
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

    fn num(s: &str) -> TCell {
        TCell {
            text: s.into(),
            numeric: true,
            ..TCell::default()
        }
    }

    #[test]
    fn long_texts_a_column_repeats_are_keyed() {
        let long = "The values come from different revisions of the estimates: each revision \
                    re-estimates past years.";
        let other = "The reference periods differ: one source gives five-year totals, the \
                     other single years.";
        let row =
            |year: &str, reason: &str| vec![num(year), TCell::text("Total"), TCell::text(reason)];
        let rows = vec![
            row("1971", long),
            row("1972", long),
            row("1975", other),
            row("1976", long),
            row("1977", other),
            row(
                "1978",
                "A long text that this column has only once, so it stays in its cell.",
            ),
        ];
        let k = repeated(&rows, 3);
        // Numbers and short texts ("Total") are never keyed.
        assert!(k[0].is_none() && k[1].is_none());
        assert_eq!(
            k[2].as_deref(),
            Some([long.to_string(), other.to_string()].as_slice())
        );
        // A long text that is not repeated stays in its cell.
        assert!(repeated(&rows[2..3], 3)[2].is_none());
    }

    #[test]
    fn keyed_tables_show_keys_and_print_each_text_once() {
        let long = "The values come from different revisions of the estimates: each revision \
                    re-estimates past years.";
        let t = Table {
            num: 1,
            title: "t".into(),
            header: vec!["Year".into(), "Reason".into()],
            rows: vec![
                vec![num("2001"), TCell::text(long)],
                vec![
                    num("2002"),
                    TCell {
                        refs: vec![2],
                        ..TCell::text(long)
                    },
                ],
            ],
            notes: Vec::new(),
            source: None,
        };
        let k = t.keyed(2);
        assert_eq!(k.rows[0][1].text, "A1");
        assert_eq!(k.rows[1][1].refs, [2]);
        assert_eq!(k.is_key, [[false, true], [false, true]]);
        assert_eq!(
            k.notes,
            [(
                "Reason".to_string(),
                vec![("A1".to_string(), long.to_string())]
            )]
        );
    }
}
