//! The Markdown report (GitHub flavour): tables, chart images beside the file, footnotes.
//! User text is escaped: Markdown punctuation gets a backslash, `< > &` become entities, and
//! table cells have their pipes escaped and line breaks removed.

use super::doc::{Block, Doc, TCell, Table, flag_marks, note_mark};
use super::words::words;
use std::fmt::Write;

/// Escape inline Markdown text.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    md_into(&mut out, s, false);
    out
}

/// [`md`] appending to `out`; in a table `cell`, line breaks become spaces.
fn md_into(out: &mut String, s: &str, cell: bool) {
    crate::text::replace_ascii_into(out, s, |b| {
        Some(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\\' => "\\\\",
            b'`' => "\\`",
            b'*' => "\\*",
            b'_' => "\\_",
            b'[' => "\\[",
            b']' => "\\]",
            b'|' => "\\|",
            b'#' => "\\#",
            b'~' => "\\~",
            b'!' => "\\!",
            b'\n' | b'\r' if cell => " ",
            b'\r' => "",
            _ => return None,
        })
    });
}

/// Escape a table cell: inline escaping plus no line breaks.
fn cell_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    md_into(&mut out, s, true);
    out
}

/// Render the document; chart images are referenced as `charts/<stem>.<ext>`.
pub fn render(doc: &Doc, image_ext: &str) -> String {
    let mut m = String::with_capacity(32 * 1024);
    if let Some(b) = &doc.banner {
        let _ = writeln!(m, "> **{}**\n", md(b));
    }
    let w = words(&doc.lang);
    let _ = writeln!(m, "# {}\n", md(&doc.title));
    let _ = writeln!(
        m,
        "**{}** · {} {}\n",
        md(&doc.country),
        w.reference_year,
        doc.reference_year
    );
    if doc.map.is_some() {
        let _ = writeln!(m, "![{}](charts/map.svg)\n", md(&doc.country));
    }
    if !doc.authors.is_empty() {
        let _ = writeln!(m, "{} {}\n", w.prepared_by, md(&doc.authors.join(", ")));
    }
    if let Some(e) = &doc.edition {
        let _ = writeln!(m, "{} {}\n", w.edition, md(e));
    }
    if let Some(d) = &doc.date {
        let _ = writeln!(m, "{}\n", md(d));
    }
    if let Some(p) = &doc.publisher {
        let _ = writeln!(m, "{} {}\n", w.published_by, md(p));
    }
    if let Some(d) = &doc.disclaimer {
        let _ = writeln!(m, "## {}\n", w.disclaimer);
        paragraphs(&mut m, d);
    }
    if let Some(f) = &doc.foreword {
        let _ = writeln!(m, "<a id=\"foreword\"></a>\n\n## {}\n", w.foreword);
        paragraphs(&mut m, f);
    }
    if !doc.working_group.is_empty() {
        let _ = writeln!(
            m,
            "<a id=\"working-group\"></a>\n\n## {}\n\n| {} | {} | {} |\n|---|---|---|",
            w.working_group, w.name, w.institution, w.role
        );
        for x in &doc.working_group {
            let _ = writeln!(
                m,
                "| {} | {} | {} |",
                cell_text(&x.name),
                cell_text(&x.institution),
                cell_text(&x.role)
            );
        }
        m.push('\n');
    }
    let _ = writeln!(m, "## {}\n", w.contents);
    for (i, p) in doc.parts.iter().enumerate() {
        let _ = writeln!(m, "{}. [{}](#{})", i + 1, md(&p.title), p.anchor);
        for s in &p.sections {
            let _ = writeln!(m, "    - [{}](#{})", md(&s.title), s.anchor);
        }
    }
    m.push('\n');
    let tables: Vec<&Table> = doc.tables().collect();
    if !tables.is_empty() {
        let _ = writeln!(m, "## {}\n", w.list_of_tables);
        for t in tables {
            let _ = writeln!(
                m,
                "- [{} {}{} {}](#{})",
                w.table,
                t.num,
                w.colon,
                md(&t.title),
                t.anchor()
            );
        }
        m.push('\n');
    }
    if !doc.figures.is_empty() {
        let _ = writeln!(m, "## {}\n", w.list_of_figures);
        for f in &doc.figures {
            let _ = writeln!(
                m,
                "- {} {}{} {}",
                w.figure,
                f.num,
                w.colon,
                md(&f.chart.title)
            );
        }
        m.push('\n');
    }
    if !doc.acronyms.is_empty() {
        let _ = writeln!(
            m,
            "## {}\n\n| {} | {} |\n|---|---|",
            w.acronyms, w.abbreviation, w.meaning
        );
        for (a, x) in &doc.acronyms {
            let _ = writeln!(m, "| {} | {} |", cell_text(a), cell_text(x));
        }
        m.push('\n');
    }
    for p in &doc.parts {
        let _ = writeln!(m, "<a id=\"{}\"></a>\n\n## {}\n", p.anchor, md(&p.title));
        for s in &p.sections {
            let _ = writeln!(m, "<a id=\"{}\"></a>\n\n### {}\n", s.anchor, md(&s.title));
            for b in &s.blocks {
                block(&mut m, doc, b, image_ext);
            }
        }
    }
    if !doc.footnotes.is_empty() {
        let _ = writeln!(m, "## {}\n", w.notes);
        // Letters in brackets, linked both ways by plain anchors (a Markdown footnote would be
        // renumbered as a superscript digit by most viewers).
        for (i, f) in doc.footnotes.iter().enumerate() {
            let _ = writeln!(
                m,
                "<a id=\"fn-{}\"></a>\\[{}\\] {}\n",
                i + 1,
                note_mark(i + 1),
                cell_text(f)
            );
        }
    }
    if !doc.flags.is_empty() {
        let _ = writeln!(
            m,
            "## {}\n\n| {} | {} |\n|---|---|",
            w.provider_flags, w.flag, w.meaning
        );
        for (f, meaning) in &doc.flags {
            let _ = writeln!(m, "| ({}) | {} |", cell_text(f), cell_text(meaning));
        }
        m.push('\n');
    }
    m
}

fn paragraphs(m: &mut String, text: &str) {
    for p in text.replace("\r\n", "\n").split("\n\n") {
        let p = p.trim();
        if !p.is_empty() {
            let _ = writeln!(m, "{}\n", md(p).replace('\n', "  \n"));
        }
    }
}

/// Footnote markers as bracketed letters linked to the notes: ` [a, c]`.
fn refs(refs: &[usize]) -> String {
    if refs.is_empty() {
        return String::new();
    }
    let marks: Vec<String> = refs
        .iter()
        .map(|r| format!("[{}](#fn-{r})", note_mark(*r)))
        .collect();
    format!(" \\[{}\\]", marks.join(", "))
}

/// Provider flags beside a value: ` (e)`.
fn flags(flags: &[String]) -> String {
    if flags.is_empty() {
        String::new()
    } else {
        format!(" {}", cell_text(&flag_marks(flags)))
    }
}

fn block(m: &mut String, doc: &Doc, b: &Block, ext: &str) {
    match b {
        Block::Narrative(t) => paragraphs(m, t),
        Block::Generated(t) => {
            let _ = writeln!(
                m,
                "> *{}{}* {}\n",
                words(&doc.lang).generated_from_data,
                words(&doc.lang).colon,
                md(t)
            );
        }
        Block::Findings(items) => {
            let w = words(&doc.lang);
            let _ = writeln!(m, "*{}{}*\n", w.generated_from_data, w.colon);
            for i in items {
                let _ = writeln!(m, "- {}", md(i));
            }
            m.push('\n');
        }
        Block::Note(t) => {
            let _ = writeln!(m, "*{}*\n", md(t));
        }
        Block::Subheading(t) => {
            let _ = writeln!(m, "#### {}\n", md(t));
        }
        Block::KeyFigures(figs) => {
            let lang = crate::i18n::Lang::of(&doc.lang);
            let w = |t: &str| crate::i18n::english(lang, t);
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} |\n|---|---:|---|---|",
                w("Key figure"),
                w("Value"),
                w("Period"),
                w("Source")
            );
            for f in figs {
                let mark = if f.mark.is_empty() {
                    String::new()
                } else {
                    format!(" {}", f.mark)
                };
                let note = f
                    .note
                    .as_deref()
                    .map(|n| format!(" ({})", cell_text(n)))
                    .unwrap_or_default();
                let _ = writeln!(
                    m,
                    "| {} | {}{mark}{}{} | {}{note} | {} |",
                    cell_text(&f.label),
                    cell_text(&f.value),
                    flags(&f.flags),
                    refs(&f.refs),
                    cell_text(&f.period),
                    cell_text(&f.source)
                );
            }
            m.push('\n');
        }
        Block::Figure(i) => {
            if let Some(f) = doc.figures.get(*i) {
                let colon = words(&doc.lang).colon;
                let _ = writeln!(
                    m,
                    "![{} {}{colon} {}](charts/{}.{ext})\n\n*{} {}{colon} {}.* {}\n",
                    words(&doc.lang).figure,
                    f.num,
                    md(&f.chart.title),
                    f.stem,
                    words(&doc.lang).figure,
                    f.num,
                    md(&f.chart.title),
                    md(&f.chart.source_line)
                );
            }
        }
        Block::Table(t) => table(m, doc, t),
    }
}

fn td(m: &mut String, c: &TCell) {
    md_into(m, &c.text, true);
    if !(c.mark.is_empty() || c.mark == "s") {
        m.push(' ');
        m.push_str(c.mark);
    }
    m.push_str(&flags(&c.flags));
    m.push_str(&refs(&c.refs));
}

fn table(m: &mut String, doc: &Doc, t: &Table) {
    let w = words(&doc.lang);
    let _ = writeln!(
        m,
        "<a id=\"{}\"></a>\n\n**{} {}{} {}**\n",
        t.anchor(),
        w.table,
        t.num,
        w.colon,
        md(&t.title)
    );
    let header: Vec<String> = t.header.iter().map(|h| cell_text(h)).collect();
    let _ = writeln!(m, "| {} |", header.join(" | "));
    let align: Vec<&str> = (0..t.header.len())
        .map(|i| {
            let numeric = !t.rows.is_empty()
                && t.rows
                    .iter()
                    .all(|r| r.get(i).is_none_or(|c| c.numeric || c.text == "–"));
            if numeric && i > 0 { "---:" } else { "---" }
        })
        .collect();
    let _ = writeln!(m, "|{}|", align.join("|"));
    for row in &t.rows {
        m.push_str("| ");
        for (i, c) in row.iter().enumerate() {
            if i > 0 {
                m.push_str(" | ");
            }
            td(m, c);
        }
        m.push_str(" |\n");
    }
    m.push('\n');
    if let Some(src) = &t.source {
        let _ = writeln!(m, "*{}{} {}*\n", w.source, w.colon, md(src));
    }
    for n in &t.notes {
        let _ = writeln!(m, "*{}*\n", md(n));
    }
}
