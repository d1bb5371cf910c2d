//! The Word report (report.docx): WordprocessingML written directly into a zip.
//!
//! An A4 document with real heading styles (Heading1 parts, Heading2 sections, Heading3
//! subheadings) and a TOC field Word updates on opening, a title page, tables whose header row
//! repeats on every page, charts as PNG images, "Figure n" / "Table n" captions numbered with SEQ
//! fields, the report's notes as real Word footnotes, and page numbers in the footer.
//!
//! Written by hand rather than with a crate: docx-rs numbers pictures from a process-wide counter
//! and paragraphs from a per-thread one, so a batch built in parallel would not be byte-identical.
//! Here every id comes from the document alone, zip entries carry the fixed 1980-01-01 time and
//! docProps/core.xml has no dates: the bytes are a pure function of the [`Doc`].

use super::RenderError;
use super::doc::{Block, Doc, KeyFigure, TCell, Table};
use super::words::{Words, words};
use rayon::prelude::*;
use std::fmt::Write as _;

mod layout;
mod package;

use layout::layout;

/// A4 in twentieths of a point, 2 cm margins.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN: u32 = 1134;
const TEXT_W: u32 = PAGE_W - 2 * MARGIN;
/// English Metric Units per twip (images are sized in EMU).
const EMU_PER_TWIP: u64 = 635;
/// The tallest a chart may be drawn: about 60 % of the text height, so its caption fits below.
const MAX_IMG_H_EMU: u64 = (PAGE_H - 2 * MARGIN) as u64 * EMU_PER_TWIP * 6 / 10;

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// Escape text or an attribute value, after dropping characters XML forbids.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    esc_into(&mut out, s);
    out
}

/// [`esc`] appended to `out`: the text between the characters to escape is copied whole.
fn esc_into(out: &mut String, s: &str) {
    let s = crate::text::xml_safe(s);
    crate::text::replace_ascii_into(out, &s, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    });
}

/// A run of text with optional run properties (already XML).
fn run(out: &mut String, rpr: &str, text: &str) {
    out.push_str("<w:r>");
    if !rpr.is_empty() {
        let _ = write!(out, "<w:rPr>{rpr}</w:rPr>");
    }
    // Spaces at either end are dropped unless preserved.
    let keep = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    let space = if keep { " xml:space=\"preserve\"" } else { "" };
    out.push_str("<w:t");
    out.push_str(space);
    out.push('>');
    esc_into(out, text);
    out.push_str("</w:t></w:r>");
}

/// A paragraph of one style holding one run of text.
fn para(out: &mut String, style: &str, text: &str) {
    let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>");
    run(out, "", text);
    out.push_str("</w:p>");
}

/// The report's paragraphs: blank lines separate them, single line breaks stay.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n")
        .flat_map(|p| p.split("\r\n\r\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// A Doc footnote placed as a Word footnote: the first reference makes the footnote, later
/// ones point to it with a NOTEREF field (Word numbers footnotes in order of their references,
/// so the first-reference order gives the numbers shown).
#[derive(Default)]
struct Notes {
    /// Word number of each Doc footnote (index = Doc number - 1), 0 until placed.
    placed: Vec<usize>,
    xml: String,
    count: usize,
}

/// The two caption sequences, with fixed SEQ identifiers in every language.
#[derive(Clone, Copy)]
enum Seq {
    Table,
    Figure,
}

impl Seq {
    fn id(self) -> &'static str {
        match self {
            Seq::Table => "Table",
            Seq::Figure => "Figure",
        }
    }

    fn label(self, w: &Words) -> &'static str {
        match self {
            Seq::Table => w.table,
            Seq::Figure => w.figure,
        }
    }

    fn bookmark(self, num: usize) -> String {
        match self {
            Seq::Table => format!("_Toc_tab{num}"),
            Seq::Figure => format!("_Toc_fig{num}"),
        }
    }
}

struct Writer<'a> {
    doc: &'a Doc,
    w: &'static Words,
    body: String,
    notes: Notes,
    bookmarks: usize,
}

impl Writer<'_> {
    fn bookmark(&mut self, name: &str, inner: &str) {
        self.bookmarks += 1;
        let id = self.bookmarks;
        let _ = write!(
            self.body,
            "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>{inner}<w:bookmarkEnd w:id=\"{id}\"/>"
        );
    }

    fn heading(&mut self, level: u8, bookmark: &str, text: &str) {
        let _ = write!(
            self.body,
            "<w:p><w:pPr><w:pStyle w:val=\"Heading{level}\"/></w:pPr>"
        );
        let mut r = String::new();
        run(&mut r, "", text);
        self.bookmark(bookmark, &r);
        self.body.push_str("</w:p>");
    }

    /// Footnote references for `refs` (1-based Doc footnote numbers), appended to the body.
    fn refs(&mut self, refs: &[usize]) {
        for &r in refs {
            let Some(text) = r.checked_sub(1).and_then(|i| self.doc.footnotes.get(i)) else {
                continue;
            };
            let i = r - 1;
            if self.notes.placed.len() < self.doc.footnotes.len() {
                self.notes.placed.resize(self.doc.footnotes.len(), 0);
            }
            let mark = "<w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>";
            let placed = self.notes.placed[i];
            if placed == 0 {
                self.notes.count += 1;
                let n = self.notes.count;
                self.notes.placed[i] = n;
                let _ = write!(
                    self.notes.xml,
                    "<w:footnote w:id=\"{n}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r>{mark}<w:footnoteRef/></w:r>"
                );
                run(&mut self.notes.xml, "", &format!(" {text}"));
                self.notes.xml.push_str("</w:p></w:footnote>");
                let inner = format!("<w:r>{mark}<w:footnoteReference w:id=\"{n}\"/></w:r>");
                self.bookmark(&format!("_Ref_fn{n}"), &inner);
            } else {
                let _ = write!(
                    self.body,
                    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> NOTEREF _Ref_fn{placed} \\f \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{mark}<w:t>{placed}</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                );
            }
        }
    }

    /// A disclosure mark ("r") as a small grey letter after the value, kept apart from the
    /// superscript footnote numbers.
    /// Provider flags beside the value, `(e)`, explained once in the flag legend.
    fn flags(&mut self, flags: &[String]) {
        if !flags.is_empty() {
            run(
                &mut self.body,
                "<w:color w:val=\"5A626A\"/><w:sz w:val=\"14\"/>",
                &format!("\u{a0}{}", crate::render::doc::flag_marks(flags)),
            );
        }
    }

    fn mark(&mut self, mark: &str) {
        if !mark.is_empty() && mark != "s" {
            run(
                &mut self.body,
                "<w:color w:val=\"5A626A\"/><w:sz w:val=\"14\"/>",
                &format!("\u{a0}{mark}"),
            );
        }
    }

    /// "Figure 3: title" or "Table 2: title", numbered by a SEQ field (`SEQ Figure`, `SEQ
    /// Table`, whatever the language of the label) so that Word's lists of figures and tables
    /// (TOC fields with `\c "Figure"`, `\c "Table"`) work; the caption is bookmarked
    /// (`_Toc_fig3`, `_Toc_tab2`) for the entries of those lists.
    fn caption(&mut self, seq: Seq, num: usize, title: &str, keep_next: bool) {
        let keep = if keep_next { "<w:keepNext/>" } else { "" };
        let _ = write!(
            self.body,
            "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/>{keep}</w:pPr>"
        );
        let mut inner = String::new();
        run(&mut inner, "", &format!("{} ", seq.label(self.w)));
        let _ = write!(
            inner,
            "<w:fldSimple w:instr=\" SEQ {} \\* ARABIC \"><w:r><w:t>{num}</w:t></w:r></w:fldSimple>",
            seq.id()
        );
        run(&mut inner, "", &format!("{} {title}", self.w.colon));
        self.bookmark(&seq.bookmark(num), &inner);
        self.body.push_str("</w:p>");
    }

    /// A list of tables or figures: a TOC field over the captions of one SEQ, with the entries
    /// as its current result (Word adds the page numbers when it updates the field).
    fn list(&mut self, seq: Seq, title: &str, entries: &[(usize, &str)]) {
        if entries.is_empty() {
            return;
        }
        para(&mut self.body, "ListHeading", title);
        let begin = format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\h \\z \\c \"{}\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            seq.id()
        );
        let label = seq.label(self.w);
        for (k, (num, title)) in entries.iter().enumerate() {
            let _ = write!(
                self.body,
                "<w:p><w:pPr><w:pStyle w:val=\"TableofFigures\"/></w:pPr>{}<w:hyperlink w:anchor=\"{}\" w:history=\"1\">",
                if k == 0 { begin.as_str() } else { "" },
                seq.bookmark(*num)
            );
            run(&mut self.body, "", &format!("{label} {num}: {title}"));
            self.body.push_str("</w:hyperlink></w:p>");
        }
        self.body
            .push_str("<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
    }

    /// The lists of tables and figures and the acronyms, after the contents.
    fn lists(&mut self) {
        let d = self.doc;
        let tables: Vec<(usize, &str)> = d.tables().map(|t| (t.num, t.title.as_str())).collect();
        let figures: Vec<(usize, &str)> = d
            .figures
            .iter()
            .map(|f| (f.num, f.chart.title.as_str()))
            .collect();
        self.list(Seq::Table, self.w.list_of_tables, &tables);
        self.list(Seq::Figure, self.w.list_of_figures, &figures);
        if !d.acronyms.is_empty() {
            para(&mut self.body, "ListHeading", self.w.acronyms);
            let header = [
                TCell::text(self.w.abbreviation),
                TCell::text(self.w.meaning),
            ];
            let rows: Vec<Vec<TCell>> = d
                .acronyms
                .iter()
                .map(|(a, m)| vec![TCell::text(a.as_str()), TCell::text(m.as_str())])
                .collect();
            self.grid(&header, &rows);
            self.body.push_str("<w:p/>");
        }
    }

    /// The disclaimer on the back of the title page, then the foreword and the working group
    /// as parts of their own (in the contents), when the profile has them.
    fn front_pages(&mut self) {
        let d = self.doc;
        let w = self.w;
        if let Some(text) = &d.disclaimer {
            let _ = write!(
                self.body,
                "<w:p><w:pPr><w:pStyle w:val=\"ListHeading\"/><w:pageBreakBefore/></w:pPr>"
            );
            run(&mut self.body, "", w.disclaimer);
            self.body.push_str("</w:p>");
            for p in paragraphs(text) {
                para(&mut self.body, "Disclaimer", p);
            }
        }
        if let Some(f) = &d.foreword {
            self.heading(1, "_Toc_foreword", w.foreword);
            for p in paragraphs(f) {
                para(&mut self.body, "Normal", p);
            }
        }
        if !d.working_group.is_empty() {
            self.heading(1, "_Toc_working_group", w.working_group);
            let header = [
                TCell::text(w.name),
                TCell::text(w.institution),
                TCell::text(w.role),
            ];
            let rows: Vec<Vec<TCell>> = d
                .working_group
                .iter()
                .map(|m| {
                    vec![
                        TCell::text(m.name.as_str()),
                        TCell::text(m.institution.as_str()),
                        TCell::text(m.role.as_str()),
                    ]
                })
                .collect();
            self.grid(&header, &rows);
            self.body.push_str("<w:p/>");
        }
    }

    fn title_page(&mut self) {
        let d = self.doc;
        if let Some(b) = &d.banner {
            para(&mut self.body, "Banner", b);
        }
        para(&mut self.body, "Title", &d.title);
        para(&mut self.body, "Subtitle", &d.country);
        let w = self.w;
        let lines = [
            Some(format!("{} {}", w.reference_year, d.reference_year)),
            (!d.authors.is_empty()).then(|| format!("{} {}", w.prepared_by, d.authors.join(", "))),
            d.edition.as_ref().map(|e| format!("{} {e}", w.edition)),
            d.date.clone(),
            d.publisher
                .as_ref()
                .map(|p| format!("{} {p}", w.published_by)),
        ];
        for l in lines.into_iter().flatten() {
            para(&mut self.body, "TitleInfo", &l);
        }
    }

    /// The contents: a TOC field over heading levels 1-2, with the entries as its current result
    /// (Word fills in the page numbers when it updates the field on opening).
    fn contents(&mut self) {
        para(&mut self.body, "TOCHeading", self.w.contents);
        let mut entries: Vec<(u8, String, &str)> = Vec::new();
        if self.doc.foreword.is_some() {
            entries.push((1, "_Toc_foreword".into(), self.w.foreword));
        }
        if !self.doc.working_group.is_empty() {
            entries.push((1, "_Toc_working_group".into(), self.w.working_group));
        }
        for (i, p) in self.doc.parts.iter().enumerate() {
            entries.push((1, format!("_Toc_p{}", i + 1), &p.title));
            for (j, s) in p.sections.iter().enumerate() {
                entries.push((2, format!("_Toc_p{}_s{}", i + 1, j + 1), &s.title));
            }
        }
        if self.has_notes_part() {
            entries.push((1, "_Toc_notes".into(), self.w.notes));
        }
        let begin = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
        for (k, (level, anchor, title)) in entries.iter().enumerate() {
            let _ = write!(
                self.body,
                "<w:p><w:pPr><w:pStyle w:val=\"TOC{level}\"/></w:pPr>{}<w:hyperlink w:anchor=\"{anchor}\" w:history=\"1\">",
                if k == 0 { begin } else { "" }
            );
            run(&mut self.body, "", title);
            self.body.push_str("</w:hyperlink></w:p>");
        }
        if entries.is_empty() {
            let _ = write!(self.body, "<w:p>{begin}</w:p>");
        }
        self.body
            .push_str("<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
    }

    fn has_notes_part(&self) -> bool {
        !self.doc.flags.is_empty() || !self.unreferenced().is_empty()
    }

    /// Doc footnotes no block refers to (listed in the Notes part, since they have no place).
    fn unreferenced(&self) -> Vec<usize> {
        let mut used = vec![false; self.doc.footnotes.len()];
        let mut mark = |refs: &[usize]| {
            for &r in refs {
                if let Some(u) = r.checked_sub(1).and_then(|i| used.get_mut(i)) {
                    *u = true;
                }
            }
        };
        for b in self
            .doc
            .parts
            .iter()
            .flat_map(|p| &p.sections)
            .flat_map(|s| &s.blocks)
        {
            match b {
                Block::KeyFigures(k) => k.iter().for_each(|f| mark(&f.refs)),
                Block::Table(t) => t.rows.iter().flatten().for_each(|c| mark(&c.refs)),
                _ => {}
            }
        }
        (0..used.len()).filter(|&i| !used[i]).collect()
    }

    fn block(&mut self, b: &Block, sizes: &[(u32, u32)]) -> Result<(), RenderError> {
        match b {
            Block::Narrative(t) => {
                for p in paragraphs(t) {
                    self.body.push_str("<w:p>");
                    for (k, line) in p.lines().enumerate() {
                        if k > 0 {
                            self.body.push_str("<w:r><w:br/></w:r>");
                        }
                        run(&mut self.body, "", line.trim_end_matches('\r'));
                    }
                    self.body.push_str("</w:p>");
                }
            }
            Block::Generated(t) => {
                self.body
                    .push_str("<w:p><w:pPr><w:pStyle w:val=\"Generated\"/></w:pPr>");
                run(
                    &mut self.body,
                    "<w:caps/><w:color w:val=\"8A6100\"/><w:sz w:val=\"14\"/>",
                    &format!("{}\u{a0}\u{a0}", self.w.generated_from_data),
                );
                run(&mut self.body, "", t);
                self.body.push_str("</w:p>");
            }
            Block::Findings(items) => {
                para(&mut self.body, "Note", self.w.generated_from_data);
                for i in items {
                    para(&mut self.body, "Normal", &format!("\u{2022}\u{a0}{i}"));
                }
            }
            Block::Note(t) => para(&mut self.body, "Note", t),
            Block::Subheading(t) => para(&mut self.body, "Heading3", t),
            Block::KeyFigures(figs) => self.key_figures(figs),
            Block::Figure(i) => {
                if let (Some(f), Some(&size)) = (self.doc.figures.get(*i), sizes.get(*i)) {
                    self.image(*i, size, &f.chart.title);
                    self.caption(Seq::Figure, f.num, &f.chart.title, false);
                }
            }
            Block::Table(t) => self.table(t),
        }
        Ok(())
    }

    /// Figure `i`'s picture, `(pw, ph)` pixels, scaled to the text width.
    fn image(&mut self, i: usize, (pw, ph): (u32, u32), title: &str) {
        let mut cx = TEXT_W as u64 * EMU_PER_TWIP;
        let mut cy = cx * ph as u64 / pw.max(1) as u64;
        if cy > MAX_IMG_H_EMU {
            cx = cx * MAX_IMG_H_EMU / cy;
            cy = MAX_IMG_H_EMU;
        }
        let id = i + 1;
        let t = esc(title);
        let _ = write!(
            self.body,
            "<w:p><w:pPr><w:pStyle w:val=\"FigurePara\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{id}\" name=\"Figure {id}\" descr=\"{t}\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"figure-{id:02}.png\" descr=\"{t}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdImg{id}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        );
    }

    /// Key figures as a borderless grid of three cards per row.
    fn key_figures(&mut self, figs: &[KeyFigure]) {
        const COLS: usize = 3;
        let cw = TEXT_W / COLS as u32;
        let _ = write!(
            self.body,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_W}\" w:type=\"dxa\"/><w:tblBorders><w:insideH w:val=\"single\" w:sz=\"24\" w:color=\"FFFFFF\"/><w:insideV w:val=\"single\" w:sz=\"24\" w:color=\"FFFFFF\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"80\" w:type=\"dxa\"/><w:left w:w=\"120\" w:type=\"dxa\"/><w:bottom w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"120\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
        );
        for _ in 0..COLS {
            let _ = write!(self.body, "<w:gridCol w:w=\"{cw}\"/>");
        }
        self.body.push_str("</w:tblGrid>");
        for row in figs.chunks(COLS) {
            self.body.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for k in 0..COLS {
                let _ = write!(
                    self.body,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{cw}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F6FB\"/></w:tcPr>"
                );
                match row.get(k) {
                    Some(f) => self.key_figure(f),
                    None => self.body.push_str("<w:p/>"),
                }
                self.body.push_str("</w:tc>");
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl><w:p/>");
    }

    fn key_figure(&mut self, f: &KeyFigure) {
        para(&mut self.body, "KeyLabel", &f.label);
        self.body
            .push_str("<w:p><w:pPr><w:pStyle w:val=\"KeyValue\"/></w:pPr>");
        run(&mut self.body, "", &f.value);
        self.mark(f.mark);
        self.flags(&f.flags);
        self.refs(&f.refs);
        self.body.push_str("</w:p>");
        if let Some(n) = &f.note {
            para(&mut self.body, "KeyNote", n);
        }
        let src = format!(
            "{} · {}{} {}",
            f.period, self.w.source, self.w.colon, f.source
        );
        para(&mut self.body, "KeySource", &src);
    }

    fn table(&mut self, t: &Table) {
        self.caption(Seq::Table, t.num, &t.title, true);
        let header: Vec<TCell> = t.header.iter().map(TCell::text).collect();
        // Long texts a column repeats are printed once under the table, keys in the cells.
        let ncols = t.rows.iter().map(Vec::len).chain([header.len()]).max();
        let keyed = t.keyed(ncols.unwrap_or(0));
        self.grid_keyed(&header, &keyed.rows, Some(&keyed.is_key));
        for (head, entries) in &keyed.notes {
            self.body
                .push_str("<w:p><w:pPr><w:pStyle w:val=\"TableNotes\"/><w:keepNext/></w:pPr>");
            run(&mut self.body, "<w:b/>", head);
            self.body.push_str("</w:p>");
            for (key, text) in entries {
                self.body.push_str(
                    "<w:p><w:pPr><w:pStyle w:val=\"TableNotes\"/><w:spacing w:before=\"0\" w:after=\"40\"/><w:ind w:left=\"397\" w:hanging=\"397\"/></w:pPr>",
                );
                run(&mut self.body, "<w:b/><w:color w:val=\"0033A0\"/>", key);
                self.body.push_str("<w:r><w:tab/></w:r>");
                run(&mut self.body, "", text);
                self.body.push_str("</w:p>");
            }
        }
        if let Some(src) = &t.source {
            para(
                &mut self.body,
                "TableNotes",
                &format!("{}{} {src}", self.w.source, self.w.colon),
            );
        }
        for n in &t.notes {
            para(&mut self.body, "TableNotes", n);
        }
        if t.notes.is_empty() && t.source.is_none() {
            self.body.push_str("<w:p/>");
        }
    }

    /// A table with a repeating header row; columns sized by their longest text, numeric
    /// columns right-aligned, a smaller font the more columns there are.
    fn grid(&mut self, header: &[TCell], rows: &[Vec<TCell>]) {
        self.grid_keyed(header, rows, None);
    }

    /// [`Self::grid`], the cells marked in `is_key` showing a key (bold, blue).
    fn grid_keyed(&mut self, header: &[TCell], rows: &[Vec<TCell>], is_key: Option<&[Vec<bool>]>) {
        let ncols = rows
            .iter()
            .map(Vec::len)
            .chain([header.len()])
            .max()
            .unwrap_or(0)
            .max(1);
        let numeric: Vec<bool> = (0..ncols)
            .map(|c| rows.iter().any(|r| r.get(c).is_some_and(|x| x.numeric)))
            .collect();
        let (size, widths) = layout(header, rows, ncols);
        let _ = write!(
            self.body,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"{TEXT_W}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        );
        for w in &widths {
            let _ = write!(self.body, "<w:gridCol w:w=\"{w}\"/>");
        }
        self.body.push_str("</w:tblGrid>");
        let row_xml = |this: &mut Self, cells: &[TCell], head: bool, keys: Option<&Vec<bool>>| {
            this.body.push_str(if head {
                "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            } else {
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            });
            for (c, w) in widths.iter().enumerate() {
                let cell = cells.get(c);
                let shd = if head {
                    "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7ECF5\"/>"
                } else {
                    ""
                };
                let _ = write!(
                    this.body,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{shd}</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"{}{size}\"/></w:pPr>",
                    if numeric[c] { "TableNum" } else { "TableText" }
                );
                if let Some(cell) = cell {
                    let mut rpr = String::new();
                    if cell.mono {
                        rpr.push_str("<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\"/>");
                    }
                    let key = keys.and_then(|k| k.get(c)).copied().unwrap_or(false);
                    if head || key {
                        rpr.push_str("<w:b/>");
                    }
                    if key {
                        rpr.push_str("<w:color w:val=\"0033A0\"/>");
                    }
                    if cell.mark == "s" {
                        rpr.push_str("<w:color w:val=\"5A626A\"/>");
                    }
                    run(&mut this.body, &rpr, &cell.text);
                    this.mark(cell.mark);
                    this.flags(&cell.flags);
                    this.refs(&cell.refs);
                }
                this.body.push_str("</w:p></w:tc>");
            }
            this.body.push_str("</w:tr>");
        };
        row_xml(self, header, true, None);
        for (i, r) in rows.iter().enumerate() {
            row_xml(self, r, false, is_key.and_then(|k| k.get(i)));
        }
        self.body.push_str("</w:tbl>");
    }

    fn notes_part(&mut self) {
        if !self.has_notes_part() {
            return;
        }
        self.heading(1, "_Toc_notes", self.w.notes);
        for i in self.unreferenced() {
            para(
                &mut self.body,
                "TableNotes",
                &format!("{}. {}", i + 1, self.doc.footnotes[i]),
            );
        }
        if !self.doc.flags.is_empty() {
            para(&mut self.body, "Heading3", self.w.provider_flags);
            let header = [TCell::text(self.w.flag), TCell::text(self.w.meaning)];
            let rows: Vec<Vec<TCell>> = self
                .doc
                .flags
                .iter()
                .map(|(f, m)| vec![TCell::text(f.as_str()), TCell::text(m.as_str())])
                .collect();
            self.grid(&header, &rows);
            // The body ends with a paragraph, not a table.
            self.body.push_str("<w:p/>");
        }
    }
}

/// Width and height of a PNG from its IHDR chunk.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[..8] != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    Some((be(16), be(20)))
}

/// Render the document, drawing the charts as PNG (one task per figure).
pub fn render(doc: &Doc) -> Result<Vec<u8>, RenderError> {
    let pngs = doc
        .figures
        .par_iter()
        .map(|f| super::chart::png_bytes(&f.chart))
        .collect::<Result<Vec<_>, _>>()?;
    render_with(doc, &pngs)
}

/// Render the document with the charts already drawn (`pngs[i]` is figure i + 1).
pub fn render_with(doc: &Doc, pngs: &[Vec<u8>]) -> Result<Vec<u8>, RenderError> {
    let sizes = pngs
        .iter()
        .enumerate()
        .map(|(i, png)| {
            png_size(png)
                .ok_or_else(|| RenderError::Other(format!("figure {}: not a PNG image", i + 1)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    prepare(doc, &sizes)?.finish(pngs)
}

/// The document written and packed but for its pictures, which [`Prepared::finish`] adds:
/// the text of a DOCX can be written while its charts are still being drawn.
pub fn prepare(doc: &Doc, sizes: &[(u32, u32)]) -> Result<Prepared, RenderError> {
    let mut wr = Writer {
        doc,
        w: words(&doc.lang),
        body: String::with_capacity(256 * 1024),
        notes: Notes::default(),
        bookmarks: 0,
    };
    wr.title_page();
    wr.front_pages();
    wr.contents();
    wr.lists();
    for (i, p) in doc.parts.iter().enumerate() {
        wr.heading(1, &format!("_Toc_p{}", i + 1), &p.title);
        for (j, s) in p.sections.iter().enumerate() {
            wr.heading(2, &format!("_Toc_p{}_s{}", i + 1, j + 1), &s.title);
            for b in &s.blocks {
                wr.block(b, sizes)?;
            }
        }
    }
    wr.notes_part();
    package::package(doc, wr.w.page, &wr.body, &wr.notes.xml, sizes.len())
}

pub use package::Prepared;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::doc::{DocPart, DocSection};

    fn doc_with(narrative: &str) -> Doc {
        Doc {
            lang: "en".into(),
            title: "T <&> \u{1b}[2J".into(),
            country: "Xland".into(),
            reference_year: 2024,
            banner: Some("DRAFT \u{1b}<x>".into()),
            flags: vec![("B".into(), "break <in> series".into())],
            footnotes: vec!["note \u{7}<b>".into()],
            parts: vec![DocPart {
                anchor: "part-a".into(),
                title: "Part A & B".into(),
                sections: vec![DocSection {
                    anchor: "s".into(),
                    id: "A.1".into(),
                    title: "Section <1>".into(),
                    blocks: vec![
                        Block::Narrative(narrative.into()),
                        Block::Table(Table {
                            num: 1,
                            source: Some("Source <s> & co".into()),
                            title: "Tab \"q\"".into(),
                            header: vec!["Year".into(), "Value".into()],
                            rows: vec![vec![
                                TCell::text("2020"),
                                TCell {
                                    text: "1,234".into(),
                                    numeric: true,
                                    mark: "r",
                                    refs: vec![1, 1, 9],
                                    ..TCell::default()
                                },
                            ]],
                            notes: vec!["r: rounded.".into()],
                        }),
                    ],
                }],
            }],
            ..Doc::default()
        }
    }

    fn unzip(bytes: &[u8], name: &str) -> String {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        s
    }

    /// Every part parses as XML; the text read back is the input without control characters.
    fn texts(xml: &str) -> String {
        let mut r = quick_xml::Reader::from_str(xml);
        let mut out = String::new();
        loop {
            match r.read_event().unwrap() {
                quick_xml::events::Event::Text(t) => out.push_str(&t.decode().unwrap()),
                quick_xml::events::Event::GeneralRef(g) => {
                    let name = g.decode().unwrap();
                    out.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        other => panic!("entity {other}"),
                    });
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn hostile_strings_are_escaped_and_stripped() {
        let bytes =
            render_with(&doc_with("a\u{1b}[31m<script>&amp;\u{0}\u{7}\nline 2"), &[]).unwrap();
        let xml = unzip(&bytes, "word/document.xml");
        assert!(!xml.contains('\u{1b}') && !xml.contains('\u{7}') && !xml.contains('\u{0}'));
        assert!(!xml.contains("<script>"));
        let text = texts(&xml);
        assert!(text.contains("a[31m<script>&amp;"), "{text}");
        assert!(text.contains("line 2"));
        assert!(text.contains("T <&> [2J"));
        assert!(text.contains("Tab \"q\""));
        let notes = unzip(&bytes, "word/footnotes.xml");
        assert!(texts(&notes).contains("note <b>"));
        assert!(!notes.contains('\u{7}'));
        // The second reference to note 1 is a NOTEREF field; note 9 does not exist.
        assert_eq!(xml.matches("<w:footnoteReference w:id=\"1\"/>").count(), 1);
        assert!(xml.contains("NOTEREF _Ref_fn1 \\f \\h"));
        assert!(!xml.contains("footnoteReference w:id=\"2\""));
        texts(&unzip(&bytes, "docProps/core.xml"));
        // The banner on the title page and in the header of the other pages.
        assert!(text.contains("DRAFT <x>"));
        assert_eq!(
            texts(&unzip(&bytes, "word/header1.xml")).trim(),
            "DRAFT <x>"
        );
        assert!(unzip(&bytes, "[Content_Types].xml").contains("/word/header1.xml"));
        assert!(text.contains("break <in> series"));
        assert!(xml.ends_with("<w:p/><w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/><w:footnotePr><w:numFmt w:val=\"lowerLetter\"/></w:footnotePr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:cols w:space=\"708\"/><w:titlePg/></w:sectPr></w:body></w:document>"));
    }

    #[test]
    fn a_picture_that_is_not_a_png_is_refused() {
        let bad = render_with(&doc_with("text"), &[b"GIF89a".to_vec()]);
        assert!(bad.unwrap_err().to_string().contains("not a PNG"));
    }

    #[test]
    fn png_size_reads_the_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(800u32.to_be_bytes());
        png.extend(450u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((800, 450)));
        assert_eq!(png_size(b"GIF89a"), None);
    }
}
