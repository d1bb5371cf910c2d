//! The self-contained HTML report: inline SVG charts, embedded CSS with an A4 print stylesheet,
//! a table of contents, numbered figures and tables, footnotes. Every text is escaped.

use super::doc::{Block, Doc, KeyFigure, TCell, Table, note_mark};
use super::words::{Words, words};
use std::fmt::Write;

/// Escape text and attribute values: `& < > " '`.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    esc_into(&mut out, s);
    out
}

/// [`esc`] appending to `out`: unescaped runs are copied whole.
pub fn esc_into(out: &mut String, s: &str) {
    crate::text::replace_ascii_into(out, s, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    });
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
.title-page .country { font-size: 1.4rem; margin: 0 0 .6rem; }
.title-page p { margin: .3rem 0; color: var(--muted); }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc ol ol { padding-left: 1.4rem; }
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
th.num { text-align: right; }
@media screen {
  .tbl.wide table { font-size: .7rem; }
  .tbl.wide th, .tbl.wide td { padding: .2rem .3rem; }
  .tbl.wide td:first-child { min-width: 7rem; }
}
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.suppressed { color: var(--muted); }
.mark { font-size: .75em; color: var(--muted); margin-left: .15em; }
.fnref, .flag { font-size: .78em; color: var(--muted); margin-left: .25em; white-space: nowrap; font-weight: normal; }
.fnref a { text-decoration: none; }
.tnotes { font-size: .8rem; color: var(--muted); margin: .2rem 0 0; }
.tsource { font-size: .8rem; color: var(--muted); margin: .2rem 0 0; }
.footnotes ul.notes { font-size: .85rem; list-style: none; padding-left: 0; }
.footnotes ul.notes li { margin: .2rem 0 .2rem 2.6rem; text-indent: -2.6rem; }
.fnmark { display: inline-block; min-width: 2.6rem; text-indent: 0; color: var(--muted); }
.title-page .publisher { font-weight: bold; color: var(--ink); margin-top: 2rem; }
.front-page { margin: 2rem 0; }
.disclaimer { font-size: .85rem; color: var(--muted); }
ul.findings li { margin: .4rem 0; }
ul.findings { border-left: 3px solid #f2a900; padding-left: 1.6rem; }
nav.lists ol { list-style: none; padding-left: 0; font-size: .9rem; }
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: counter(page); font-size: 9pt; color: #5a626a; } }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .title-page { min-height: 240mm; page-break-after: always; break-after: page; }
  nav.toc, .front-page, nav.lists { page-break-after: always; break-after: page; }
  h2.part { page-break-before: always; break-before: page; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  table, figure, .key-figures { page-break-inside: avoid; break-inside: avoid; }
  .tbl { overflow: visible; }
  .banner { border: 2pt solid #b00020; -webkit-print-color-adjust: exact; print-color-adjust: exact; break-after: avoid; }
  table { font-size: 7.5pt; }
  th, td { padding: .12rem .35rem; }
  .tsource, .tnotes { font-size: 7.5pt; margin: .1rem 0 0; }
  .tbl { margin: .8rem 0; }
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
    let w = words(&doc.lang);
    title_page(&mut h, doc, w);
    front_pages(&mut h, doc, w);
    contents(&mut h, doc, w);
    lists(&mut h, doc, w);
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
        let _ = writeln!(
            h,
            "<section id=\"notes\" class=\"footnotes\">\n<h2>{}</h2>",
            esc(w.notes)
        );
        if !doc.footnotes.is_empty() {
            h.push_str("<ul class=\"notes\">\n");
            for (i, f) in doc.footnotes.iter().enumerate() {
                let _ = writeln!(
                    h,
                    "<li id=\"fn-{}\"><span class=\"fnmark\">[{}]</span>{}</li>",
                    i + 1,
                    note_mark(i + 1),
                    esc(f)
                );
            }
            h.push_str("</ul>\n");
        }
        if !doc.flags.is_empty() {
            let _ = writeln!(
                h,
                "<h3 id=\"flags\">{}</h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
                esc(w.provider_flags),
                esc(w.flag),
                esc(w.meaning)
            );
            for (f, m) in &doc.flags {
                let _ = writeln!(h, "<tr><td>({})</td><td>{}</td></tr>", esc(f), esc(m));
            }
            h.push_str("</tbody>\n</table>\n");
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// Footnote markers as letters in brackets, set apart from the figure: ` [a, c]`.
fn refs(h: &mut String, refs: &[usize]) {
    if refs.is_empty() {
        return;
    }
    h.push_str("<span class=\"fnref\">[");
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            h.push_str(", ");
        }
        let _ = write!(h, "<a href=\"#fn-{r}\">{}</a>", note_mark(*r));
    }
    h.push_str("]</span>");
}

/// Provider flags in parentheses, ` (e)`, with their meaning as a tooltip.
fn flags(h: &mut String, doc: &Doc, flags: &[String]) {
    if flags.is_empty() {
        return;
    }
    let meaning: Vec<&str> = flags
        .iter()
        .filter_map(|f| {
            doc.flags
                .iter()
                .find(|(x, _)| x == f)
                .map(|(_, m)| m.as_str())
        })
        .collect();
    h.push_str("<span class=\"flag\" title=\"");
    esc_into(h, &meaning.join("; "));
    h.push_str("\">(");
    esc_into(h, &flags.join(", "));
    h.push_str(")</span>");
}

fn title_page(h: &mut String, doc: &Doc, w: &Words) {
    h.push_str("<header class=\"title-page\">\n");
    let _ = writeln!(h, "<h1>{}</h1>", esc(&doc.title));
    let _ = writeln!(h, "<p class=\"country\">{}</p>", esc(&doc.country));
    // Our own SVG (render::map): no user text in it, inlined as it is.
    if let Some(map) = &doc.map {
        let _ = writeln!(h, "<div class=\"map\">{}</div>", map.trim());
    }
    let _ = writeln!(h, "<p>{} {}</p>", esc(w.reference_year), doc.reference_year);
    if !doc.authors.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"authors\">{} {}</p>",
            esc(w.prepared_by),
            esc(&doc.authors.join(", "))
        );
    }
    if let Some(e) = &doc.edition {
        let _ = writeln!(h, "<p>{} {}</p>", esc(w.edition), esc(e));
    }
    if let Some(d) = &doc.date {
        let _ = writeln!(h, "<p class=\"date\">{}</p>", esc(d));
    }
    if let Some(p) = &doc.publisher {
        let _ = writeln!(
            h,
            "<p class=\"publisher\">{} {}</p>",
            esc(w.published_by),
            esc(p)
        );
    }
    h.push_str("</header>\n");
}

/// Disclaimer, foreword and working group, each on a page of its own when present.
fn front_pages(h: &mut String, doc: &Doc, w: &Words) {
    if let Some(d) = &doc.disclaimer {
        let _ = writeln!(
            h,
            "<section class=\"front-page disclaimer\" id=\"disclaimer\">\n<h2>{}</h2>",
            esc(w.disclaimer)
        );
        for p in paragraphs(d) {
            let _ = writeln!(h, "<p>{}</p>", esc(&p));
        }
        h.push_str("</section>\n");
    }
    if let Some(f) = &doc.foreword {
        let _ = writeln!(
            h,
            "<section class=\"front-page\" id=\"foreword\">\n<h2>{}</h2>",
            esc(w.foreword)
        );
        for p in paragraphs(f) {
            let _ = writeln!(h, "<p>{}</p>", esc(&p).replace('\n', "<br>\n"));
        }
        h.push_str("</section>\n");
    }
    if !doc.working_group.is_empty() {
        let _ = writeln!(
            h,
            "<section class=\"front-page\" id=\"working-group\">\n<h2>{}</h2>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            esc(w.working_group),
            esc(w.name),
            esc(w.institution),
            esc(w.role)
        );
        for m in &doc.working_group {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&m.name),
                esc(&m.institution),
                esc(&m.role)
            );
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }
}

fn contents(h: &mut String, doc: &Doc, w: &Words) {
    let _ = writeln!(
        h,
        "<nav class=\"toc\" aria-label=\"{0}\">\n<h2>{0}</h2>\n<ol>",
        esc(w.contents)
    );
    let item = |h: &mut String, anchor: &str, title: &str| {
        let _ = writeln!(
            h,
            "<li><a href=\"#{}\">{}</a></li>",
            esc(anchor),
            esc(title)
        );
    };
    if doc.foreword.is_some() {
        item(h, "foreword", w.foreword);
    }
    if !doc.working_group.is_empty() {
        item(h, "working-group", w.working_group);
    }
    if doc.tables().next().is_some() {
        item(h, "list-of-tables", w.list_of_tables);
    }
    if !doc.figures.is_empty() {
        item(h, "list-of-figures", w.list_of_figures);
    }
    if !doc.acronyms.is_empty() {
        item(h, "acronyms", w.acronyms);
    }
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
                item(h, &s.anchor, &s.title);
            }
            h.push_str("</ol>\n");
        }
        h.push_str("</li>\n");
    }
    if !doc.footnotes.is_empty() || !doc.flags.is_empty() {
        item(h, "notes", w.notes);
    }
    h.push_str("</ol>\n</nav>\n");
}

/// Lists of tables and figures, and the acronyms used.
fn lists(h: &mut String, doc: &Doc, w: &Words) {
    let tables: Vec<&Table> = doc.tables().collect();
    if tables.is_empty() && doc.figures.is_empty() && doc.acronyms.is_empty() {
        return;
    }
    h.push_str("<nav class=\"lists\">\n");
    if !tables.is_empty() {
        let _ = writeln!(
            h,
            "<h2 id=\"list-of-tables\">{}</h2>\n<ol>",
            esc(w.list_of_tables)
        );
        for t in tables {
            let _ = writeln!(
                h,
                "<li value=\"{}\"><a href=\"#{}\">{} {}{} {}</a></li>",
                t.num,
                t.anchor(),
                esc(w.table),
                t.num,
                w.colon,
                esc(&t.title)
            );
        }
        h.push_str("</ol>\n");
    }
    if !doc.figures.is_empty() {
        let _ = writeln!(
            h,
            "<h2 id=\"list-of-figures\">{}</h2>\n<ol>",
            esc(w.list_of_figures)
        );
        for f in &doc.figures {
            let _ = writeln!(
                h,
                "<li value=\"{}\"><a href=\"#{}\">{} {}{} {}</a></li>",
                f.num,
                esc(&f.stem),
                esc(w.figure),
                f.num,
                w.colon,
                esc(&f.chart.title)
            );
        }
        h.push_str("</ol>\n");
    }
    if !doc.acronyms.is_empty() {
        let _ = writeln!(
            h,
            "<h2 id=\"acronyms\">{}</h2>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            esc(w.acronyms),
            esc(w.abbreviation),
            esc(w.meaning)
        );
        for (a, m) in &doc.acronyms {
            let _ = writeln!(h, "<tr><td>{}</td><td>{}</td></tr>", esc(a), esc(m));
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</nav>\n");
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
                "<p class=\"generated\"><span class=\"gen-tag\">{}</span>{}</p>",
                esc(words(&doc.lang).generated_from_data),
                esc(t)
            );
        }
        Block::Findings(items) => {
            let _ = writeln!(
                h,
                "<p class=\"note\"><span class=\"gen-tag\">{}</span></p>\n<ul class=\"findings\">",
                esc(words(&doc.lang).generated_from_data)
            );
            for i in items {
                let _ = writeln!(h, "<li>{}</li>", esc(i));
            }
            h.push_str("</ul>\n");
        }
        Block::Note(t) => {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(t));
        }
        Block::Subheading(t) => {
            let _ = writeln!(h, "<h4>{}</h4>", esc(t));
        }
        Block::KeyFigures(figs) => key_figures(h, doc, figs),
        Block::Figure(i) => {
            if let Some(f) = doc.figures.get(*i) {
                let _ = writeln!(
                    h,
                    "<figure id=\"{}\" role=\"group\">\n{}\n<figcaption>{} {}{} {}</figcaption>\n</figure>",
                    esc(&f.stem),
                    strip_xml_decl(&f.svg).trim(),
                    esc(words(&doc.lang).figure),
                    f.num,
                    words(&doc.lang).colon,
                    esc(&f.chart.title)
                );
            }
        }
        Block::Table(t) => table(h, doc, t),
    }
}

fn strip_xml_decl(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}

fn key_figures(h: &mut String, doc: &Doc, figs: &[KeyFigure]) {
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
        flags(h, doc, &f.flags);
        refs(h, &f.refs);
        h.push_str("</span>");
        if let Some(n) = &f.note {
            let _ = write!(h, "<span class=\"kf-note\">{}</span>", esc(n));
        }
        let _ = writeln!(
            h,
            "<span class=\"kf-source\">{} · {}{} {}</span></div>",
            esc(&f.period),
            esc(words(&doc.lang).source),
            words(&doc.lang).colon,
            esc(&f.source)
        );
    }
    h.push_str("</div>\n");
}

fn td(h: &mut String, doc: &Doc, c: &TCell) {
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
    flags(h, doc, &c.flags);
    refs(h, &c.refs);
    h.push_str("</td>");
}

fn table(h: &mut String, doc: &Doc, t: &Table) {
    let w = words(&doc.lang);
    let _ = writeln!(
        h,
        "<div class=\"tbl{}\" id=\"{}\">\n<table>\n<caption>{} {}{} {}</caption>\n<thead><tr>",
        if t.header.len() > 7 { " wide" } else { "" },
        t.anchor(),
        esc(w.table),
        t.num,
        w.colon,
        esc(&t.title)
    );
    for (i, c) in t.header.iter().enumerate() {
        // A column of numbers has its header over the numbers.
        let numeric = i > 0
            && !t.rows.is_empty()
            && t.rows
                .iter()
                .all(|r| r.get(i).is_none_or(|c| c.numeric || c.text == "–"))
            && t.rows.iter().any(|r| r.get(i).is_some_and(|c| c.numeric));
        h.push_str(if numeric {
            "<th scope=\"col\" class=\"num\">"
        } else {
            "<th scope=\"col\">"
        });
        esc_into(h, c);
        h.push_str("</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        h.push_str("<tr>");
        for c in row {
            td(h, doc, c);
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    if let Some(src) = &t.source {
        let _ = writeln!(
            h,
            "<p class=\"tsource\">{}{} {}</p>",
            esc(w.source),
            w.colon,
            esc(src)
        );
    }
    for n in &t.notes {
        let _ = writeln!(h, "<p class=\"tnotes\">{}</p>", esc(n));
    }
    h.push_str("</div>\n");
}
