//! The Markdown report (GitHub flavour): tables, chart images beside the file, footnotes.
//! User text is escaped: Markdown punctuation gets a backslash, `< > &` become entities, and
//! table cells have their pipes escaped and line breaks removed.

use super::doc::{Block, Doc, TCell, Table};
use std::fmt::Write;

/// Escape inline Markdown text.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    md_into(&mut out, s, false);
    out
}

/// [`md`] appending to `out`; in a table `cell`, line breaks become spaces.
fn md_into(out: &mut String, s: &str, cell: bool) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        // Only ASCII bytes are replaced, so `i` is on a character boundary.
        let rep = match b {
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
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
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
    let _ = writeln!(m, "# {}\n", md(&doc.title));
    let _ = writeln!(
        m,
        "**{}** · Reference year {}\n",
        md(&doc.country),
        doc.reference_year
    );
    if doc.map.is_some() {
        let _ = writeln!(m, "![{}](charts/map.svg)\n", md(&doc.country));
    }
    if !doc.authors.is_empty() {
        let _ = writeln!(m, "Prepared by {}\n", md(&doc.authors.join(", ")));
    }
    if let Some(e) = &doc.edition {
        let _ = writeln!(m, "Edition {}\n", md(e));
    }
    if let Some(d) = &doc.date {
        let _ = writeln!(m, "{}\n", md(d));
    }
    m.push_str("## Contents\n\n");
    for (i, p) in doc.parts.iter().enumerate() {
        let _ = writeln!(m, "{}. [{}](#{})", i + 1, md(&p.title), p.anchor);
        for s in &p.sections {
            let _ = writeln!(m, "    - [{}](#{})", md(&s.title), s.anchor);
        }
    }
    m.push('\n');
    for p in &doc.parts {
        let _ = writeln!(m, "<a id=\"{}\"></a>\n\n## {}\n", p.anchor, md(&p.title));
        for s in &p.sections {
            let _ = writeln!(m, "<a id=\"{}\"></a>\n\n### {}\n", s.anchor, md(&s.title));
            for b in &s.blocks {
                block(&mut m, doc, b, image_ext);
            }
        }
    }
    if !doc.flags.is_empty() {
        m.push_str("## Provider flags\n\n| Flag | Meaning |\n|---|---|\n");
        for (f, meaning) in &doc.flags {
            let _ = writeln!(m, "| {} | {} |", cell_text(f), cell_text(meaning));
        }
        m.push('\n');
    }
    if !doc.footnotes.is_empty() {
        m.push_str("## Notes\n\n");
        for (i, f) in doc.footnotes.iter().enumerate() {
            let _ = writeln!(m, "[^{}]: {}", i + 1, cell_text(f));
        }
        m.push('\n');
    }
    m
}

fn refs(refs: &[usize]) -> String {
    refs.iter().map(|r| format!("[^{r}]")).collect()
}

fn block(m: &mut String, doc: &Doc, b: &Block, ext: &str) {
    match b {
        Block::Narrative(t) => {
            for p in t.replace("\r\n", "\n").split("\n\n") {
                let p = p.trim();
                if !p.is_empty() {
                    let _ = writeln!(m, "{}\n", md(p).replace('\n', "  \n"));
                }
            }
        }
        Block::Generated(t) => {
            let _ = writeln!(m, "> *Generated from the data:* {}\n", md(t));
        }
        Block::Note(t) => {
            let _ = writeln!(m, "*{}*\n", md(t));
        }
        Block::Subheading(t) => {
            let _ = writeln!(m, "#### {}\n", md(t));
        }
        Block::KeyFigures(figs) => {
            m.push_str("| Key figure | Value | Period | Source |\n|---|---:|---|---|\n");
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
                    "| {} | {}{mark}{} | {}{note} | {} |",
                    cell_text(&f.label),
                    cell_text(&f.value),
                    refs(&f.refs),
                    cell_text(&f.period),
                    cell_text(&f.source)
                );
            }
            m.push('\n');
        }
        Block::Figure(i) => {
            if let Some(f) = doc.figures.get(*i) {
                let _ = writeln!(
                    m,
                    "![Figure {}: {}](charts/{}.{ext})\n\n*Figure {}: {}.* {}\n",
                    f.num,
                    md(&f.chart.title),
                    f.stem,
                    f.num,
                    md(&f.chart.title),
                    md(&f.chart.source_line)
                );
            }
        }
        Block::Table(t) => table(m, t),
    }
}

fn td(m: &mut String, c: &TCell) {
    md_into(m, &c.text, true);
    if !(c.mark.is_empty() || c.mark == "s") {
        m.push(' ');
        m.push_str(c.mark);
    }
    for r in &c.refs {
        let _ = write!(m, "[^{r}]");
    }
}

fn table(m: &mut String, t: &Table) {
    let _ = writeln!(m, "**Table {}: {}**\n", t.num, md(&t.title));
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
    for n in &t.notes {
        let _ = writeln!(m, "*{}*\n", md(n));
    }
}
