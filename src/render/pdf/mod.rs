//! The typeset PDF report: the [`Doc`] written as typst markup and compiled with typst as a
//! library (A4, running header, page numbers, contents and lists of tables and figures with page
//! numbers, charts as vectors, footnotes at the foot of the page, table header rows repeated on
//! every page, embedded fonts).
//!
//! Every string of the document reaches typst as a string literal ([`lit`]), never as markup:
//! a narrative that contains `#set page(...)`, `$x$` or `]` is printed as it is written.
//! The bytes are deterministic: no clock, a fixed document identifier, no timestamp.

mod layout;
mod world;

use super::RenderError;
use super::doc::{Block, Doc, Figure, KeyFigure, TCell, Table};
use super::words::{Words, words};
use std::fmt::Write;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;
use world::{BODY_FONT, MONO_FONT, ReportWorld};

/// Stack of the typesetting threads (typst recurses through nested content).
const TYPESET_STACK: usize = 8 << 20;

/// The threads typst lays pages out on, one per core, used by nothing else (an error when
/// they cannot be started).
static TYPESET_POOL: std::sync::LazyLock<Result<rayon::ThreadPool, String>> =
    std::sync::LazyLock::new(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("migprof-typeset-{i}"))
            .stack_size(TYPESET_STACK)
            .build()
            .map_err(|e| format!("starting the PDF typesetting threads: {e}"))
    });

/// Typeset the document as PDF bytes.
///
/// Typst lays pages out with rayon. Called from a rayon worker (a batch build renders profiles
/// in parallel), a worker waiting for typst's parallel jobs would steal the batch's other
/// profiles meanwhile and start their reports on the same stack: every profile of the batch
/// was being typeset at once (12 profiles at `-j 1`: 580 MB; 200 at `-j 2`: 9.3 GB). So typst
/// runs in a pool of its own ([`TYPESET_POOL`]), entered from a plain thread that blocks on
/// `join` and steals nothing: one report per waiting caller is in flight. (Typst in the
/// caller's own pool from a plain thread would deadlock once every worker of that pool waits
/// for a report.)
pub fn render(doc: &Doc) -> Result<Vec<u8>, RenderError> {
    let (markup, files) = markup(doc);
    let ident = format!("migprof {} {}", doc.country, doc.title);
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("migprof-pdf".into())
            .stack_size(TYPESET_STACK)
            .spawn_scoped(scope, move || match &*TYPESET_POOL {
                Ok(pool) => pool.install(|| typeset(markup, files, ident)),
                Err(e) => Err(RenderError::Other(e.clone())),
            })
            .map_err(|e| RenderError::Other(format!("starting the PDF typesetting thread: {e}")))?;
        worker
            .join()
            .map_err(|_| RenderError::Other("PDF typesetting failed: typst panicked".into()))?
    })
}

fn typeset(
    markup: String,
    files: Vec<(String, Vec<u8>)>,
    ident: String,
) -> Result<Vec<u8>, RenderError> {
    let world = ReportWorld::new(markup, files).map_err(RenderError::Other)?;
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| failed("typesetting", e.as_slice()))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: None,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|e| failed("writing", e.as_slice()));
    // Typst memoises across compilations; a batch of profiles shares nothing, so drop all
    // that this compilation did not use.
    typst::comemo::evict(0);
    pdf
}

fn failed(stage: &str, errors: &[SourceDiagnostic]) -> RenderError {
    let mut msg = format!("PDF {stage} failed:");
    for e in errors.iter().take(3) {
        let _ = write!(msg, " {}", e.message);
        for h in &e.hints {
            let _ = write!(msg, " (hint: {})", h.v);
        }
        msg.push(';');
    }
    msg.pop();
    RenderError::Other(msg)
}

/// `s` as a typst string literal: quotes and backslashes escaped, line breaks kept as `\n`,
/// tabs as spaces, other control characters dropped (they have no glyph).
pub fn lit(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    lit_into(&mut o, s);
    o
}

fn lit_into(o: &mut String, s: &str) {
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\t' => o.push(' '),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o.push('"');
}

/// The typst `lang` of a profile language code (`en`, `fr`, `es-MX` -> `es`); `en` when it is
/// not a plain ISO 639 code.
fn lang(code: &str) -> String {
    let base = code.split(['-', '_']).next().unwrap_or("");
    if (2..=3).contains(&base.len()) && base.chars().all(|c| c.is_ascii_alphabetic()) {
        base.to_ascii_lowercase()
    } else {
        "en".to_string()
    }
}

const STYLE: &str = r##"
#let blue = rgb("#0033a0")
#let muted = rgb("#5a626a")
#let soft = rgb("#f3f6fb")
#let rule = rgb("#dee2e6")
#let alert = rgb("#b00020")
#set par(leading: 0.62em, spacing: 0.95em)
// The running header names the part the page is in. Each part sets it as it starts (parts
// start on a page of their own) instead of every page querying the headings before and after
// it.
#let page-header(part) = context if here().page() > 1 {
  set text(size: 7.5pt, fill: muted)
  grid(columns: (1fr, auto, 1fr), align: (left, center, right),
    running-title,
    if banner != none { text(fill: alert, weight: "bold", banner) },
    part)
  v(-4pt)
  line(length: 100%, stroke: 0.5pt + rule)
}
#set page(paper: "a4", margin: (x: 17mm, top: 22mm, bottom: 20mm),
  header: page-header(running-country),
  footer: context if here().page() > 1 {
    set text(size: 8pt, fill: muted)
    align(center, counter(page).display())
  },
)
#set heading(numbering: none)
#show heading: set text(fill: blue)
#show heading.where(level: 1, outlined: true): it => {
  pagebreak(weak: true)
  block(width: 100%, stroke: (bottom: 1.5pt + blue), inset: (bottom: 5pt), below: 14pt,
    text(size: 17pt, it.body))
}
#show heading.where(level: 2): set text(size: 12.5pt)
#show heading.where(level: 2): set block(above: 1.8em, below: 0.9em)
#show heading.where(level: 3): set text(size: 10.5pt)
#show outline.entry.where(level: 1): set text(weight: "bold")
#show outline.entry.where(level: 1): set block(above: 1em)
#set footnote(numbering: "[a]")
#set footnote.entry(separator: line(length: 30%, stroke: 0.5pt + rule))
#show footnote.entry: set text(size: 7.5pt)
#set figure.caption(separator: ": ")
#show figure.caption: set text(size: 8.5pt)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.where(kind: table): set block(breakable: true)
#show figure.caption.where(kind: table): set text(size: 9pt, weight: "bold")
#show figure.where(kind: table): set align(left)
// Plain values, not functions of the cell or show rules on cells: typst calls those for every
// cell of every table (6 % of the typesetting's instructions for the German example). Header
// cells are `th`.
#set table(stroke: (left: none, right: none, top: none, bottom: 0.4pt + rule), inset: (x: 2.5pt, y: 1.8pt))
#show table: set par(leading: 0.45em)
#show table: set text(hyphenate: true)
#let th(body) = table.cell(fill: soft, text(weight: "bold", body))
#let mk(m) = { h(0.15em); text(size: 0.75em, fill: muted, m) }
#let kf(label, value, note, source) = block(width: 100%, fill: white, stroke: 0.5pt + rule,
  inset: 6pt, breakable: false, {
    text(weight: "bold", label)
    linebreak()
    text(size: 13pt, weight: "bold", fill: blue, value)
    if note != none { linebreak(); text(size: 7.5pt, weight: "bold", fill: rgb("#8a3b00"), note) }
    linebreak()
    text(size: 7.5pt, fill: muted, source)
  })
#let kfs(..items) = block(width: 100%, fill: soft, stroke: (left: 4pt + blue), inset: 8pt,
  grid(columns: (1fr, 1fr, 1fr), gutter: 6pt, ..items.pos()))
#let gen(tag, body) = block(stroke: (left: 2pt + rgb("#f2a900")), inset: (left: 6pt, y: 2pt),
  { text(size: 6.5pt, fill: rgb("#8a6100"), upper(tag)); h(5pt); body })
#let note(body) = block(text(size: 8.5pt, fill: muted, body))
#let tnote(body) = align(left, block(above: 3pt, text(size: 7pt, fill: muted, body)))
#let keyed(key, body) = align(left, block(above: 3pt, grid(columns: (2.2em, 1fr),
  text(size: 7pt, weight: "bold", fill: blue, key), text(size: 7pt, body))))
"##;

/// The markup of the whole report and its virtual files (charts, map).
fn markup(doc: &Doc) -> (String, Vec<(String, Vec<u8>)>) {
    let w = words(&doc.lang);
    let mut m = Markup {
        doc,
        w,
        out: String::with_capacity(256 * 1024),
        seen: vec![false; doc.footnotes.len()],
    };
    let mut files = Vec::with_capacity(doc.figures.len() + 1);
    for (i, f) in doc.figures.iter().enumerate() {
        files.push((format!("/charts/{i}.svg"), f.svg.clone().into_bytes()));
    }
    if let Some(map) = &doc.map {
        files.push(("/map.svg".to_string(), map.clone().into_bytes()));
    }
    m.preamble();
    m.title_page();
    m.front_pages();
    m.contents();
    for p in &doc.parts {
        m.running_header(&p.title);
        m.line(&format!("#heading(level: 1, {})", lit(&p.title)));
        // Each annex with a table starts on a page of its own, as in a printed profile (one of
        // a sentence does not). This also lets typst lay the annexes out side by side: it lays
        // out the runs of pages between page breaks in parallel, and the annexes are half the
        // report (wall time of the German PDF -16 %).
        let annexes = p.is_annexes();
        for (i, s) in p.sections.iter().enumerate() {
            let tables = s.blocks.iter().any(|b| matches!(b, Block::Table(_)));
            if annexes && i > 0 && tables {
                m.line("#pagebreak(weak: true)");
            }
            m.line(&format!("#heading(level: 2, {})", lit(&s.title)));
            for b in &s.blocks {
                m.block(b);
            }
        }
    }
    m.flags();
    (m.out, files)
}

struct Markup<'a> {
    doc: &'a Doc,
    w: &'static Words,
    out: String,
    /// Footnotes already placed (the next reference to them points back to the first).
    seen: Vec<bool>,
}

impl Markup<'_> {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// The running header from here on names `part` (a page set rule: the part starts on a
    /// new page anyway).
    fn running_header(&mut self, part: &str) {
        let _ = writeln!(self.out, "#set page(header: page-header({}))", lit(part));
    }

    fn preamble(&mut self) {
        let d = self.doc;
        let authors: Vec<String> = d.authors.iter().map(|a| lit(a)).collect();
        let _ = writeln!(
            self.out,
            "#set document(title: {}, author: ({}))",
            lit(&d.title),
            authors.iter().map(|a| format!("{a},")).collect::<String>()
        );
        let _ = writeln!(
            self.out,
            "#set text(font: {}, size: 9.5pt, lang: {})",
            lit(BODY_FONT),
            lit(&lang(&d.lang))
        );
        let _ = writeln!(self.out, "#let running-title = {}", lit(&d.title));
        let _ = writeln!(self.out, "#let running-country = {}", lit(&d.country));
        let banner = d.banner.as_deref().map_or("none".to_string(), lit);
        let _ = writeln!(self.out, "#let banner = {banner}");
        self.out.push_str(STYLE);
        // "Table 2: ...", French "Tableau 2 : ..." (the language's colon, as in HTML and Word).
        let separator = lit(&format!("{} ", self.w.colon));
        let _ = writeln!(self.out, "#set figure.caption(separator: {separator})");
    }

    fn title_page(&mut self) {
        let d = self.doc;
        let w = self.w;
        if let Some(b) = &d.banner {
            let _ = writeln!(
                self.out,
                "#block(width: 100%, stroke: 2pt + alert, fill: rgb(\"#fff4f4\"), inset: 10pt, align(center, text(size: 13pt, weight: \"bold\", fill: alert, {})))",
                lit(b)
            );
        }
        self.line("#v(18mm)");
        let _ = writeln!(
            self.out,
            "#text(size: 26pt, weight: \"bold\", fill: blue, {})\n#v(3mm)\n#text(size: 16pt, {})\n",
            lit(&d.title),
            lit(&d.country)
        );
        if d.map.is_some() {
            self.line("#v(8mm)\n#align(center, image(\"/map.svg\", width: 80%, height: 95mm, fit: \"contain\"))");
        }
        self.line("#v(1fr)\n#set text(fill: muted)");
        let mut lines = vec![format!("{} {}", w.reference_year, d.reference_year)];
        if !d.authors.is_empty() {
            lines.push(format!("{} {}", w.prepared_by, d.authors.join(", ")));
        }
        if let Some(e) = &d.edition {
            lines.push(format!("{} {e}", w.edition));
        }
        if let Some(dt) = &d.date {
            lines.push(dt.clone());
        }
        if let Some(p) = &d.publisher {
            lines.push(format!("{} {p}", w.published_by));
        }
        for l in lines {
            let _ = writeln!(self.out, "#{}\n", lit(&l));
        }
        self.line("#line(length: 100%, stroke: 5pt + blue)\n#set text(fill: black)\n#pagebreak()");
    }

    /// The back of the title page (the disclaimer at its foot), then the foreword and the
    /// working group, each on a page of its own, when the profile has them.
    fn front_pages(&mut self) {
        let d = self.doc;
        let w = self.w;
        if let Some(text) = &d.disclaimer {
            let _ = writeln!(
                self.out,
                "#v(1fr)\n#block(width: 100%, stroke: (top: 0.5pt + rule), inset: (top: 6pt), {{\nset text(size: 8pt, fill: muted)\nstrong({})",
                lit(w.disclaimer)
            );
            for p in paragraphs(text) {
                let _ = writeln!(self.out, "par({})", lit(&p));
            }
            self.line("})\n#pagebreak()");
        }
        if let Some(f) = &d.foreword {
            self.running_header(w.foreword);
            let _ = writeln!(self.out, "#heading(level: 1, {})", lit(w.foreword));
            for p in paragraphs(f) {
                let _ = writeln!(self.out, "#{}\n", lit(&p));
            }
        }
        if !d.working_group.is_empty() {
            let rows: Vec<[&str; 3]> = d
                .working_group
                .iter()
                .map(|m| [m.name.as_str(), m.institution.as_str(), m.role.as_str()])
                .collect();
            self.running_header(w.working_group);
            let _ = writeln!(self.out, "#heading(level: 1, {})", lit(w.working_group));
            self.simple_table(&[w.name, w.institution, w.role], &rows);
        }
    }

    /// A plain table of short texts (working group, acronyms, provider flags), its columns
    /// laid out like the report's tables.
    fn simple_table<const N: usize>(&mut self, header: &[&str; N], rows: &[[&str; N]]) {
        let head: Vec<String> = header.iter().map(|h| (*h).to_string()).collect();
        let cells: Vec<Vec<TCell>> = rows
            .iter()
            .map(|r| r.iter().map(|c| TCell::text(*c)).collect())
            .collect();
        let (size, widths) = layout::layout(&head, &cells, N);
        let columns: Vec<String> = widths.iter().map(|w| format!("{w:.1}fr")).collect();
        let _ = write!(
            self.out,
            "#{{\nset text(size: {size}pt)\ntable(columns: ({},),\n table.header(",
            columns.join(", ")
        );
        for h in header {
            let _ = write!(self.out, "th({}), ", lit(h));
        }
        self.out.push_str("),\n");
        for r in rows {
            self.out.push(' ');
            for c in r {
                let _ = write!(self.out, "{}, ", lit(c));
            }
            self.out.push('\n');
        }
        self.line(")\n}");
    }

    fn contents(&mut self) {
        let w = self.w;
        self.running_header(w.contents);
        let _ = writeln!(
            self.out,
            "#outline(title: {}, depth: 2)\n#pagebreak(weak: true)",
            lit(w.contents)
        );
        let has_tables = self
            .doc
            .parts
            .iter()
            .flat_map(|p| &p.sections)
            .flat_map(|s| &s.blocks)
            .any(|b| matches!(b, Block::Table(_)));
        if has_tables {
            let _ = writeln!(
                self.out,
                "#{{ show outline.entry: set text(size: 8.5pt); outline(title: {}, target: figure.where(kind: table)) }}",
                lit(w.list_of_tables)
            );
        }
        if !self.doc.figures.is_empty() {
            let _ = writeln!(
                self.out,
                "#{{ show outline.entry: set text(size: 8.5pt); outline(title: {}, target: figure.where(kind: image)) }}",
                lit(w.list_of_figures)
            );
        }
        if !self.doc.acronyms.is_empty() {
            let _ = writeln!(
                self.out,
                "#heading(level: 2, outlined: false, {})",
                lit(w.acronyms)
            );
            let rows: Vec<[&str; 2]> = self
                .doc
                .acronyms
                .iter()
                .map(|(a, m)| [a.as_str(), m.as_str()])
                .collect();
            self.simple_table(&[w.abbreviation, w.meaning], &rows);
        }
        self.line("#pagebreak(weak: true)");
    }

    /// Footnote calls for 1-based references into `doc.footnotes`, as code expressions joined
    /// with `;`. The first reference to a note places it; later ones point back to it.
    fn refs(&mut self, refs: &[usize]) -> String {
        let mut o = String::new();
        for &r in refs {
            let Some(text) = r.checked_sub(1).and_then(|i| self.doc.footnotes.get(i)) else {
                continue;
            };
            if self.seen[r - 1] {
                let _ = write!(o, "; footnote(<fn-{r}>)");
            } else {
                self.seen[r - 1] = true;
                let _ = write!(o, "; [#footnote({})<fn-{r}>]", lit(text));
            }
        }
        o
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Narrative(t) => {
                for p in paragraphs(t) {
                    let _ = writeln!(self.out, "#{}\n", lit(&p));
                }
            }
            Block::Generated(t) => {
                let _ = writeln!(
                    self.out,
                    "#gen({}, {})\n",
                    lit(self.w.generated_from_data),
                    lit(t)
                );
            }
            Block::Findings(items) => {
                let _ = writeln!(self.out, "#note({})\n", lit(self.w.generated_from_data));
                for i in items {
                    let _ = writeln!(self.out, "- #{}", lit(i));
                }
                self.out.push('\n');
            }
            Block::Note(t) => {
                let _ = writeln!(self.out, "#note({})\n", lit(t));
            }
            Block::Subheading(t) => {
                let _ = writeln!(self.out, "#heading(level: 3, outlined: false, {})", lit(t));
            }
            Block::KeyFigures(figs) => self.key_figures(figs),
            Block::Figure(i) => {
                if let Some(f) = self.doc.figures.get(*i) {
                    self.figure(*i, f);
                }
            }
            Block::Table(t) => self.table(t),
        }
    }

    fn key_figures(&mut self, figs: &[KeyFigure]) {
        let mut items = Vec::with_capacity(figs.len());
        for f in figs {
            let value = self.marked(lit(&f.value), f.mark, &f.flags, &f.refs);
            let note = f.note.as_deref().map_or("none".to_string(), lit);
            let source = lit(&format!(
                "{} · {}{} {}",
                f.period, self.w.source, self.w.colon, f.source
            ));
            items.push(format!(
                "  kf({}, {value}, {note}, {source}),",
                lit(&f.label)
            ));
        }
        let _ = writeln!(self.out, "#kfs(\n{}\n)\n", items.join("\n"));
    }

    fn figure(&mut self, i: usize, f: &Figure) {
        // Tall charts (small multiples) are limited by the height of the page, not its width.
        let size = match svg_size(&f.svg) {
            Some((w, h)) if h / w > 1.15 => "height: 195mm",
            _ => "width: 100%",
        };
        let _ = writeln!(
            self.out,
            "#counter(figure.where(kind: image)).update({})\n#figure(kind: image, supplement: {}, caption: {}, image(\"/charts/{i}.svg\", {size}))\n",
            f.num.saturating_sub(1),
            lit(self.w.figure),
            lit(&f.chart.title)
        );
    }

    fn table(&mut self, t: &Table) {
        let cols = t
            .rows
            .iter()
            .map(Vec::len)
            .chain([t.header.len()])
            .max()
            .unwrap_or(0)
            .max(1);
        // Long texts the table repeats are printed once under it; the cells show their keys.
        let keyed = t.keyed(cols);
        let rows = &keyed.rows;
        let (size, widths) = layout::layout(&t.header, rows, cols);
        let columns: Vec<String> = widths.iter().map(|w| format!("{w:.1}fr")).collect();
        // A column whose values are all numbers is aligned right as a whole (one property of
        // the table instead of a cell element per value); other numbers are aligned one by one.
        let right: Vec<bool> = (0..cols)
            .map(|i| {
                let mut cells = rows
                    .iter()
                    .zip(&keyed.is_key)
                    .filter_map(|(r, k)| r.get(i).map(|c| (c, k.get(i) == Some(&true))));
                let mut any = false;
                let all = cells.all(|(c, key)| {
                    any |= c.numeric;
                    (c.numeric || c.text.is_empty()) && !key
                });
                all && any
            })
            .collect();
        let aligns: Vec<&str> = right
            .iter()
            .map(|&r| if r { "right" } else { "left" })
            .collect();
        let mut o = String::with_capacity(64 + t.rows.len() * cols * 12);
        let _ = write!(
            o,
            "#counter(figure.where(kind: table)).update({})\n#figure(kind: table, supplement: {}, caption: {}, {{\nset text(size: {size}pt)\ntable(columns: ({},), align: ({},),\n table.header(",
            t.num.saturating_sub(1),
            lit(self.w.table),
            lit(&t.title),
            columns.join(", "),
            aligns.join(", ")
        );
        for i in 0..cols {
            o.push_str("th(");
            o.push_str(&lit(t.header.get(i).map_or("", String::as_str)));
            o.push_str("), ");
        }
        o.push_str("),\n");
        for (row, is_key) in rows.iter().zip(&keyed.is_key) {
            o.push(' ');
            for (i, &aligned) in right.iter().enumerate() {
                match row.get(i) {
                    Some(c) if is_key.get(i) == Some(&true) => {
                        let cell = self.cell(c, false);
                        let _ = write!(o, "{{ set text(weight: \"bold\", fill: blue); {cell} }}");
                    }
                    Some(c) => {
                        let cell = self.cell(c, aligned);
                        o.push_str(&cell);
                    }
                    None => o.push_str("[]"),
                }
                o.push_str(", ");
            }
            o.push('\n');
        }
        o.push_str(")\n");
        if let Some(src) = &t.source {
            let _ = writeln!(
                o,
                "tnote({})",
                lit(&format!("{}{} {src}", self.w.source, self.w.colon))
            );
        }
        for n in &t.notes {
            let _ = writeln!(o, "tnote({})", lit(n));
        }
        for (head, entries) in &keyed.notes {
            let _ = writeln!(o, "tnote(strong({}))", lit(head));
            for (key, text) in entries {
                let _ = writeln!(o, "keyed({}, {})", lit(key), lit(text));
            }
        }
        o.push_str("})\n");
        self.out.push_str(&o);
    }

    /// A value (typst code) with its mark, provider flags and note references after it; the
    /// value alone when it has none of them.
    fn marked(&mut self, value: String, mark: &str, flags: &[String], refs: &[usize]) -> String {
        if mark.is_empty() && flags.is_empty() && refs.is_empty() {
            return value;
        }
        let mut body = format!("{{ {value}");
        if !mark.is_empty() {
            let _ = write!(body, "; mk({})", lit(mark));
        }
        if !flags.is_empty() {
            let _ = write!(
                body,
                "; mk({})",
                lit(&crate::render::doc::flag_marks(flags))
            );
        }
        body.push_str(&self.refs(refs));
        body.push_str(" }");
        body
    }

    /// A cell's content; `aligned` when its column is aligned right already.
    fn cell(&mut self, c: &TCell, aligned: bool) -> String {
        let text = if c.mono {
            // Hashes and paths break anywhere.
            let broken: String = c.text.chars().flat_map(|ch| [ch, '\u{200B}']).collect();
            format!(
                "text(font: {}, size: 0.9em, {})",
                lit(MONO_FONT),
                lit(&broken)
            )
        } else if c.mark == "s" {
            format!("text(fill: muted, {})", lit(&c.text))
        } else {
            lit(&c.text)
        };
        // A suppressed value says so by its colour, not a mark.
        let mark = if c.mark == "s" { "" } else { c.mark };
        let body = self.marked(text, mark, &c.flags, &c.refs);
        if c.numeric && !aligned {
            format!("table.cell(align: right, {body})")
        } else {
            body
        }
    }

    fn flags(&mut self) {
        if self.doc.flags.is_empty() {
            return;
        }
        let w = self.w;
        self.running_header(w.notes);
        let _ = writeln!(
            self.out,
            "#heading(level: 1, {})\n#heading(level: 2, {})",
            lit(w.notes),
            lit(w.provider_flags)
        );
        let rows: Vec<[&str; 2]> = self
            .doc
            .flags
            .iter()
            .map(|(f, m)| [f.as_str(), m.as_str()])
            .collect();
        self.simple_table(&[w.flag, w.meaning], &rows);
    }
}

fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Width and height of an SVG from its root element's `width`/`height` or `viewBox`.
fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("<svg")?;
    let end = start + svg[start..].find('>')?;
    let tag = &svg[start..end];
    let attr = |name: &str| -> Option<String> {
        let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let j = i + tag[i..].find('"')?;
        Some(tag[i..j].to_string())
    };
    let num = |s: String| s.trim_end_matches("px").trim().parse::<f64>().ok();
    if let (Some(w), Some(h)) = (attr("width").and_then(num), attr("height").and_then(num)) {
        return (w > 0.0 && h > 0.0).then_some((w, h));
    }
    let vb: Vec<f64> = attr("viewBox")?
        .split([' ', ','])
        .filter_map(|p| p.parse().ok())
        .collect();
    match vb.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((*w, *h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(lit("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(lit("x\ny\u{7}z\tw"), "\"x\\nyz w\"");
        assert_eq!(
            lit("#set page(width: 1cm) $x$ ]"),
            "\"#set page(width: 1cm) $x$ ]\""
        );
    }

    #[test]
    fn language_codes() {
        assert_eq!(lang("fr"), "fr");
        assert_eq!(lang("es-MX"), "es");
        assert_eq!(lang("\"); #x"), "en");
        assert_eq!(lang(""), "en");
    }

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_size("<svg width=\"800\" height=\"400\">"),
            Some((800.0, 400.0))
        );
        assert_eq!(
            svg_size("<?xml?><svg viewBox=\"0 0 10 20\">"),
            Some((10.0, 20.0))
        );
        assert_eq!(svg_size("<svg>"), None);
    }
}
