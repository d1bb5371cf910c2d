//! The self-contained HTML report: inline SVG charts, embedded CSS with an A4 print stylesheet,
//! a table of contents, numbered figures and tables, footnotes. Every text is escaped.

use super::doc::{Block, Doc, KeyFigure, TCell, Table};
use std::fmt::Write;

/// Escape text and attribute values: `& < > " '`.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    esc_into(&mut out, s);
    out
}

/// [`esc`] appending to `out`: unescaped runs are copied whole.
pub fn esc_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The escaped bytes are ASCII, so `i` is on a character boundary.
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

const CSS: &str = r#"
:root { --ink:#212529; --muted:#5a626a; --blue:#0033a0; --line:#dee2e6; --soft:#f3f6fb; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0; line-height: 1.5; font-size: 15px; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1, h2, h3 { color: var(--blue); line-height: 1.25; }
h2 { border-bottom: 2px solid var(--blue); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { margin-top: 2rem; }
a { color: var(--blue); }
.title-page { padding: 3rem 0 2rem; border-bottom: 6px solid var(--blue); margin-bottom: 2rem; }
.title-page h1 { font-size: 2.2rem; margin: 0 0 1rem; }
.title-page .country { font-size: 1.4rem; margin: 0; }
.title-page p { margin: .3rem 0; color: var(--muted); }
nav.toc ol { padding-left: 1.2rem; }
nav.toc li { margin: .15rem 0; }
.key-figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .75rem; background: var(--soft); border-left: 6px solid var(--blue); padding: 1rem; margin: 1rem 0; }
.key-figures div { background: #fff; padding: .6rem .8rem; border: 1px solid var(--line); }
.key-figures .kf-value { font-size: 1.5rem; font-weight: bold; color: var(--blue); display: block; overflow-wrap: anywhere; }
.key-figures .kf-label { display: block; font-weight: bold; }
.key-figures .kf-source { display: block; font-size: .8rem; color: var(--muted); }
.banner { border: 3px solid #b00020; color: #b00020; background: #fff4f4; font-weight: bold; font-size: 1.2rem; padding: .6rem 1rem; margin: 1rem 0; text-align: center; }
.key-figures .kf-note { display: block; font-size: .8rem; color: #8a3b00; font-weight: bold; }
p.generated { border-left: 3px solid #f2a900; padding-left: .6rem; }
.gen-tag { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: #8a6100; margin-right: .4rem; }
p.note { color: var(--muted); font-style: italic; font-size: .9rem; }
figure { margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
.map svg { width: 100%; max-width: 28rem; height: auto; display: block; margin: 1rem 0; }
figcaption { font-size: .9rem; color: var(--muted); margin-top: .3rem; }
.tbl { overflow-x: auto; margin: 1.2rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .8rem; }
td:first-child { min-width: 8rem; }
caption { text-align: left; font-weight: bold; margin-bottom: .3rem; color: var(--ink); }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .45rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
td.code { font-family: "DejaVu Sans Mono", monospace; font-size: .72rem; word-break: break-all; min-width: 17ch; }
th { background: var(--soft); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.suppressed { color: var(--muted); }
.mark { font-size: .75em; color: var(--muted); margin-left: .15em; }
sup.fn a { text-decoration: none; }
.tnotes { font-size: .8rem; color: var(--muted); margin: .2rem 0 0; }
.footnotes ol { font-size: .85rem; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .title-page { min-height: 240mm; page-break-after: always; break-after: page; }
  nav.toc { page-break-after: always; break-after: page; }
  h2.part { page-break-before: always; break-before: page; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  table, figure, .key-figures { page-break-inside: avoid; break-inside: avoid; }
  .tbl { overflow: visible; }
  .banner { border: 2pt solid #b00020; -webkit-print-color-adjust: exact; print-color-adjust: exact; break-after: avoid; }
  table { font-size: 8pt; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Render the document as one HTML file.
pub fn render(doc: &Doc) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let lang = if doc
        .lang
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !doc.lang.is_empty()
    {
        doc.lang.as_str()
    } else {
        "en"
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"migprof\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(lang),
        esc(&doc.title)
    );
    if let Some(b) = &doc.banner {
        let _ = writeln!(h, "<div class=\"banner\" role=\"alert\">{}</div>", esc(b));
    }
    // Title page.
    h.push_str("<header class=\"title-page\">\n");
    let _ = writeln!(h, "<h1>{}</h1>", esc(&doc.title));
    let _ = writeln!(h, "<p class=\"country\">{}</p>", esc(&doc.country));
    // Our own SVG (render::map): no user text in it, inlined as it is.
    if let Some(map) = &doc.map {
        let _ = writeln!(h, "<div class=\"map\">{}</div>", map.trim());
    }
    let _ = writeln!(h, "<p>Reference year {}</p>", doc.reference_year);
    if !doc.authors.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"authors\">Prepared by {}</p>",
            esc(&doc.authors.join(", "))
        );
    }
    if let Some(e) = &doc.edition {
        let _ = writeln!(h, "<p>Edition {}</p>", esc(e));
    }
    if let Some(d) = &doc.date {
        let _ = writeln!(h, "<p class=\"date\">{}</p>", esc(d));
    }
    h.push_str("</header>\n");
    // Table of contents.
    h.push_str("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
    for p in &doc.parts {
        let _ = write!(
            h,
            "<li><a href=\"#{}\">{}</a>",
            esc(&p.anchor),
            esc(&p.title)
        );
        if !p.sections.is_empty() {
            h.push_str("\n<ol>\n");
            for s in &p.sections {
                let _ = writeln!(
                    h,
                    "<li><a href=\"#{}\">{}</a></li>",
                    esc(&s.anchor),
                    esc(&s.title)
                );
            }
            h.push_str("</ol>\n");
        }
        h.push_str("</li>\n");
    }
    if !doc.footnotes.is_empty() {
        h.push_str("<li><a href=\"#notes\">Notes</a></li>\n");
    }
    h.push_str("</ol>\n</nav>\n");
    // Body.
    for p in &doc.parts {
        let _ = writeln!(
            h,
            "<section id=\"{}\">\n<h2 class=\"part\">{}</h2>",
            esc(&p.anchor),
            esc(&p.title)
        );
        for s in &p.sections {
            let _ = writeln!(
                h,
                "<section id=\"{}\">\n<h3>{}</h3>",
                esc(&s.anchor),
                esc(&s.title)
            );
            for b in &s.blocks {
                block(&mut h, doc, b);
            }
            h.push_str("</section>\n");
        }
        h.push_str("</section>\n");
    }
    // Notes and flag legend.
    if !doc.footnotes.is_empty() || !doc.flags.is_empty() {
        h.push_str("<section id=\"notes\" class=\"footnotes\">\n<h2>Notes</h2>\n");
        if !doc.footnotes.is_empty() {
            h.push_str("<ol>\n");
            for (i, f) in doc.footnotes.iter().enumerate() {
                let _ = writeln!(h, "<li id=\"fn-{}\">{}</li>", i + 1, esc(f));
            }
            h.push_str("</ol>\n");
        }
        if !doc.flags.is_empty() {
            h.push_str("<h3>Provider flags</h3>\n<table>\n<thead><tr><th>Flag</th><th>Meaning</th></tr></thead>\n<tbody>\n");
            for (f, m) in &doc.flags {
                let _ = writeln!(h, "<tr><td>{}</td><td>{}</td></tr>", esc(f), esc(m));
            }
            h.push_str("</tbody>\n</table>\n");
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn refs(h: &mut String, refs: &[usize]) {
    for r in refs {
        let _ = write!(h, "<sup class=\"fn\"><a href=\"#fn-{r}\">{r}</a></sup>");
    }
}

fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn block(h: &mut String, doc: &Doc, b: &Block) {
    match b {
        Block::Narrative(t) => {
            for p in paragraphs(t) {
                let _ = writeln!(h, "<p>{}</p>", esc(&p).replace('\n', "<br>\n"));
            }
        }
        Block::Generated(t) => {
            let _ = writeln!(
                h,
                "<p class=\"generated\"><span class=\"gen-tag\">Generated from the data</span>{}</p>",
                esc(t)
            );
        }
        Block::Note(t) => {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(t));
        }
        Block::Subheading(t) => {
            let _ = writeln!(h, "<h4>{}</h4>", esc(t));
        }
        Block::KeyFigures(figs) => key_figures(h, figs),
        Block::Figure(i) => {
            if let Some(f) = doc.figures.get(*i) {
                let _ = writeln!(
                    h,
                    "<figure id=\"{}\" role=\"group\">\n{}\n<figcaption>Figure {}: {}</figcaption>\n</figure>",
                    esc(&f.stem),
                    strip_xml_decl(&f.svg).trim(),
                    f.num,
                    esc(&f.chart.title)
                );
            }
        }
        Block::Table(t) => table(h, t),
    }
}

fn strip_xml_decl(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}

fn key_figures(h: &mut String, figs: &[KeyFigure]) {
    h.push_str("<div class=\"key-figures\">\n");
    for f in figs {
        let _ = write!(
            h,
            "<div><span class=\"kf-label\">{}</span><span class=\"kf-value\">{}",
            esc(&f.label),
            esc(&f.value)
        );
        if !f.mark.is_empty() {
            let _ = write!(h, "<span class=\"mark\">{}</span>", esc(f.mark));
        }
        refs(h, &f.refs);
        h.push_str("</span>");
        if let Some(n) = &f.note {
            let _ = write!(h, "<span class=\"kf-note\">{}</span>", esc(n));
        }
        let _ = writeln!(
            h,
            "<span class=\"kf-source\">{} · Source: {}</span></div>",
            esc(&f.period),
            esc(&f.source)
        );
    }
    h.push_str("</div>\n");
}

fn td(h: &mut String, c: &TCell) {
    h.push_str("<td");
    let classes = [
        (c.numeric, "num"),
        (c.mark == "s", "suppressed"),
        (c.mono, "code"),
    ];
    let mut first = true;
    for (_, name) in classes.iter().filter(|(on, _)| *on) {
        h.push_str(if first { " class=\"" } else { " " });
        h.push_str(name);
        first = false;
    }
    if !first {
        h.push('"');
    }
    if let Some(t) = &c.hint {
        h.push_str(" title=\"");
        esc_into(h, t);
        h.push('"');
    }
    h.push('>');
    esc_into(h, &c.text);
    if !c.mark.is_empty() && c.mark != "s" {
        h.push_str("<span class=\"mark\">");
        esc_into(h, c.mark);
        h.push_str("</span>");
    }
    refs(h, &c.refs);
    h.push_str("</td>");
}

fn table(h: &mut String, t: &Table) {
    let _ = writeln!(
        h,
        "<div class=\"tbl\" id=\"table-{}\">\n<table>\n<caption>Table {}: {}</caption>\n<thead><tr>",
        t.num,
        t.num,
        esc(&t.title)
    );
    for c in &t.header {
        h.push_str("<th scope=\"col\">");
        esc_into(h, c);
        h.push_str("</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        h.push_str("<tr>");
        for c in row {
            td(h, c);
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    for n in &t.notes {
        let _ = writeln!(h, "<p class=\"tnotes\">{}</p>", esc(n));
    }
    h.push_str("</div>\n");
}
