//! report.docx of the German example profile (profiles/deu.toml): unzipped and parsed with
//! quick-xml: heading styles for every part and section, tables with a repeating header row,
//! charts in word/media referenced from the text, the notes as Word footnotes, a key figure,
//! and byte-identical output across runs, thread counts and `-j`.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::profile::{Profile, ProfileFile};
use migprof::render::data::Ctx;
use migprof::render::doc::{Block, Doc};
use migprof::render::{Formats, build_profile, docx, report};
use migprof::template::Template;
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Env {
    profile: Profile,
    catalogue: Catalogue,
    countries: Countries,
    template: Template,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let profile = ProfileFile::load(&root().join("profiles/deu.toml"))
            .unwrap()
            .profile;
        let template = Template::named(&profile.meta.template).unwrap();
        Env {
            profile,
            catalogue: Catalogue::embedded().unwrap(),
            countries: Countries::embedded().unwrap(),
            template,
        }
    })
}

/// The German Doc and its report.docx (rendered once for all tests).
fn german() -> &'static (Doc, Vec<u8>) {
    static DOC: OnceLock<(Doc, Vec<u8>)> = OnceLock::new();
    DOC.get_or_init(|| {
        let e = env();
        let ctx = Ctx::new(&e.profile, &e.catalogue, &e.countries, &e.template);
        let doc = report::build(&ctx).unwrap();
        let bytes = docx::render(&doc).unwrap();
        (doc, bytes)
    })
}

fn entry(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    z.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            quick_xml::escape::unescape(&String::from_utf8_lossy(&a.value))
                .unwrap()
                .into_owned()
        })
}

/// What the tests read from a WordprocessingML part.
#[derive(Default)]
struct Parsed {
    /// (paragraph style, text) in order.
    paras: Vec<(String, String)>,
    table_headers: usize,
    blips: Vec<String>,
    footnote_refs: Vec<String>,
    noterefs: usize,
    /// Footnote id -> text (footnotes.xml).
    footnotes: BTreeMap<String, String>,
}

fn parse(xml: &[u8]) -> Parsed {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut p = Parsed::default();
    let (mut style, mut text) = (String::new(), String::new());
    let mut in_t = false;
    let mut footnote: Option<String> = None;
    let mut buf = Vec::new();
    loop {
        let ev = r.read_event_into(&mut buf).unwrap();
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => {
                    style.clear();
                    text.clear();
                }
                b"w:pStyle" => style = attr(e, b"w:val").unwrap_or_default(),
                b"w:t" => in_t = matches!(ev, Event::Start(_)),
                b"w:tblHeader" => p.table_headers += 1,
                b"a:blip" => p.blips.push(attr(e, b"r:embed").unwrap()),
                b"w:footnoteReference" => p.footnote_refs.push(attr(e, b"w:id").unwrap()),
                b"w:footnote" => footnote = attr(e, b"w:id"),
                _ => {}
            },
            Event::Text(t) => {
                let s = t.decode().unwrap();
                if in_t {
                    text.push_str(&s);
                } else if s.contains("NOTEREF") {
                    p.noterefs += 1;
                }
            }
            Event::GeneralRef(g) if in_t => {
                let c = g.resolve_char_ref().unwrap();
                match c {
                    Some(c) => text.push(c),
                    None => text.push_str(match g.decode().unwrap().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unknown entity {other}"),
                    }),
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:p" => {
                    if let Some(id) = &footnote {
                        p.footnotes
                            .entry(id.clone())
                            .or_default()
                            .push_str(text.trim());
                    }
                    p.paras.push((style.clone(), text.clone()));
                }
                b"w:footnote" => footnote = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    p
}

#[test]
fn every_part_and_section_title_is_a_heading() {
    let (doc, bytes) = german();
    let p = parse(&entry(bytes, "word/document.xml"));
    let with = |style: &str| -> BTreeSet<&str> {
        p.paras
            .iter()
            .filter(|(s, _)| s == style)
            .map(|(_, t)| t.as_str())
            .collect()
    };
    let (h1, h2) = (with("Heading1"), with("Heading2"));
    assert!(doc.parts.len() >= 5, "{} parts", doc.parts.len());
    for part in &doc.parts {
        assert!(h1.contains(part.title.as_str()), "part {:?}", part.title);
        for s in &part.sections {
            assert!(h2.contains(s.title.as_str()), "section {:?}", s.title);
        }
    }
    // The styles exist, with outline levels (Word's navigation pane and the TOC field use them).
    let styles = String::from_utf8(entry(bytes, "word/styles.xml")).unwrap();
    for (id, lvl) in [("Heading1", 0), ("Heading2", 1), ("Heading3", 2)] {
        let at = styles.find(&format!("w:styleId=\"{id}\"")).unwrap();
        let end = at + styles[at..].find("</w:style>").unwrap();
        assert!(styles[at..end].contains(&format!("<w:outlineLvl w:val=\"{lvl}\"/>")));
    }
    let xml = String::from_utf8(entry(bytes, "word/document.xml")).unwrap();
    assert!(xml.contains("TOC \\o \"1-2\" \\h \\z \\u"));
    // A4 portrait.
    assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
}

#[test]
fn tables_have_repeating_headers_and_numbered_captions() {
    let (doc, bytes) = german();
    let p = parse(&entry(bytes, "word/document.xml"));
    let tables: Vec<_> = doc
        .parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert!(tables.len() > 20, "{} tables", tables.len());
    // One header row per data table, plus the provider-flag legend.
    let legend = usize::from(!doc.flags.is_empty());
    let front = usize::from(!doc.acronyms.is_empty()) + usize::from(!doc.working_group.is_empty());
    assert_eq!(p.table_headers, tables.len() + legend + front);
    let captions: BTreeSet<&str> = p
        .paras
        .iter()
        .filter(|(s, _)| s == "Caption")
        .map(|(_, t)| t.as_str())
        .collect();
    for t in &tables {
        let c = format!("Table {}: {}", t.num, t.title);
        assert!(captions.contains(c.as_str()), "{c}");
        for n in &t.notes {
            assert!(
                p.paras.iter().any(|(s, x)| s == "TableNotes" && x == n),
                "{n}"
            );
        }
    }
    for f in &doc.figures {
        let c = format!("Figure {}: {}", f.num, f.chart.title);
        assert!(captions.contains(c.as_str()), "{c}");
    }
    // The provider-flag legend, each flag with its meaning.
    assert!(!doc.flags.is_empty());
    for (flag, meaning) in &doc.flags {
        assert!(p.paras.iter().any(|(_, t)| t == flag));
        assert!(p.paras.iter().any(|(_, t)| t == meaning), "{meaning}");
    }
}

#[test]
fn lists_of_tables_and_figures_are_word_fields_over_the_captions() {
    let (doc, bytes) = german();
    let xml = String::from_utf8(entry(bytes, "word/document.xml")).unwrap();
    // Word's "table of figures" fields over the SEQ captions (fixed identifiers).
    assert!(xml.contains("TOC \\h \\z \\c \"Table\""));
    assert!(xml.contains("TOC \\h \\z \\c \"Figure\""));
    assert!(xml.contains(" SEQ Table \\* ARABIC "));
    assert!(xml.contains(" SEQ Figure \\* ARABIC "));
    let p = parse(&entry(bytes, "word/document.xml"));
    let entries: Vec<&str> = p
        .paras
        .iter()
        .filter(|(s, _)| s == "TableofFigures")
        .map(|(_, t)| t.as_str())
        .collect();
    let mut want: Vec<String> = doc
        .tables()
        .map(|t| format!("Table {}: {}", t.num, t.title))
        .collect();
    want.extend(
        doc.figures
            .iter()
            .map(|f| format!("Figure {}: {}", f.num, f.chart.title)),
    );
    assert_eq!(entries, want);
    // Every entry links to its caption's bookmark.
    for t in doc.tables() {
        assert!(xml.contains(&format!("w:anchor=\"_Toc_tab{}\"", t.num)));
        assert!(xml.contains(&format!("w:name=\"_Toc_tab{}\"", t.num)));
    }
    // The disclaimer of the profile's [front] is on the back of the title page.
    let disclaimer = doc
        .disclaimer
        .as_deref()
        .expect("deu.toml has a disclaimer");
    assert!(
        p.paras
            .iter()
            .any(|(s, t)| s == "Disclaimer" && t == disclaimer)
    );
    for (a, _) in &doc.acronyms {
        assert!(p.paras.iter().any(|(_, t)| t == a), "acronym {a}");
    }
}

/// Nothing of a table is lost: every cell's text is in a paragraph of the document, in its cell
/// or, for a long text the column repeats, once in the notes under the table.
#[test]
fn every_cell_text_is_in_the_document_once_or_in_its_cell() {
    let (doc, bytes) = german();
    let p = parse(&entry(bytes, "word/document.xml"));
    let texts: BTreeSet<&str> = p.paras.iter().map(|(_, t)| t.as_str()).collect();
    let mut keyed = 0;
    for t in doc.tables() {
        for c in t.rows.iter().flatten().filter(|c| !c.text.is_empty()) {
            if !texts.iter().any(|x| x.starts_with(&c.text)) {
                // A keyed text: "A1" followed by the text, under the table.
                assert!(
                    texts.iter().any(|x| x.ends_with(&c.text)
                        && x.starts_with(|ch: char| ch.is_ascii_uppercase())),
                    "table {}: {:?} missing",
                    t.num,
                    c.text
                );
                keyed += 1;
            }
        }
    }
    // The annex's reasons for differences between sources are repeated year after year.
    assert!(keyed > 50, "{keyed} keyed cells");
}

#[test]
fn charts_are_png_images_in_word_media() {
    let (doc, bytes) = german();
    let p = parse(&entry(bytes, "word/document.xml"));
    assert!(doc.figures.len() >= 5, "{} figures", doc.figures.len());
    let rels = String::from_utf8(entry(bytes, "word/_rels/document.xml.rels")).unwrap();
    assert_eq!(p.blips.len(), doc.figures.len());
    for (i, rid) in p.blips.iter().enumerate() {
        let n = i + 1;
        assert_eq!(rid, &format!("rIdImg{n}"));
        let target = format!("media/figure-{n:02}.png");
        assert!(rels.contains(&format!("Id=\"{rid}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{target}\"")));
        let png = entry(bytes, &format!("word/{target}"));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
    let types = String::from_utf8(entry(bytes, "[Content_Types].xml")).unwrap();
    assert!(types.contains("Extension=\"png\" ContentType=\"image/png\""));
}

#[test]
fn notes_are_word_footnotes_where_they_are_referenced() {
    let (doc, bytes) = german();
    let body = parse(&entry(bytes, "word/document.xml"));
    let notes = parse(&entry(bytes, "word/footnotes.xml"));
    // The separator and continuation separator, then one footnote per Doc footnote.
    let real: BTreeMap<&String, &String> = notes
        .footnotes
        .iter()
        .filter(|(id, _)| !id.starts_with('-') && id.as_str() != "0")
        .collect();
    assert!(
        doc.footnotes.len() > 10,
        "{} footnotes",
        doc.footnotes.len()
    );
    assert_eq!(
        real.len(),
        doc.footnotes.len(),
        "every Doc footnote is referenced"
    );
    let texts: BTreeSet<&str> = real.values().map(|t| t.as_str()).collect();
    for f in &doc.footnotes {
        assert!(texts.contains(f.trim()), "footnote {f:?}");
        // A provider's note ending in a full stop is not followed by another after its
        // source: "... waters (IOM: ...).", not "... waters. (IOM: ...).".
        let before_source = f.rfind(" (").map(|i| &f[..i]);
        assert!(
            !before_source.is_some_and(|b| b.ends_with('.')),
            "footnote {f:?}"
        );
    }
    // Each footnote is referenced exactly once from the text; further references to the same
    // note are NOTEREF fields.
    let refs: BTreeSet<&String> = body.footnote_refs.iter().collect();
    assert_eq!(refs.len(), body.footnote_refs.len());
    assert_eq!(refs, real.keys().copied().collect());
    let total_refs: usize = doc
        .parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.blocks)
        .map(|b| match b {
            Block::Table(t) => t.rows.iter().flatten().map(|c| c.refs.len()).sum(),
            Block::KeyFigures(k) => k.iter().map(|f| f.refs.len()).sum(),
            _ => 0,
        })
        .sum();
    assert_eq!(body.footnote_refs.len() + body.noterefs, total_refs);
}

#[test]
fn german_key_figure_is_shown() {
    let (_, bytes) = german();
    let p = parse(&entry(bytes, "word/document.xml"));
    // UN DESA International Migrant Stock 2020, Table 1, row 201 (Germany), column L (2020):
    // 15762457, shown as 15.8 M (as in report.html).
    let at = p
        .paras
        .iter()
        .position(|(s, t)| s == "KeyLabel" && t == "International migrant stock")
        .unwrap();
    let (style, value) = &p.paras[at + 1];
    assert_eq!(style, "KeyValue");
    assert!(value.starts_with("15.8 M"), "{value}");
    // The title page.
    assert_eq!(
        p.paras[0],
        ("Title".into(), "Migration Profile: Germany".into())
    );
    assert_eq!(p.paras[1], ("Subtitle".into(), "Germany".into()));
}

#[test]
fn output_is_byte_identical_across_runs_and_threads() {
    let e = env();
    let build = |threads: usize| {
        let dir = tempfile::tempdir().unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let rep = pool
            .install(|| {
                build_profile(
                    &e.profile,
                    &e.catalogue,
                    &e.countries,
                    &e.template,
                    dir.path(),
                    Formats {
                        docx: true,
                        ..Formats::NONE
                    },
                )
            })
            .unwrap();
        assert_eq!(rep.files, vec![dir.path().join("report.docx")]);
        std::fs::read(dir.path().join("report.docx")).unwrap()
    };
    let one = build(1);
    assert_eq!(one, build(3));
    assert_eq!(
        &one,
        &german().1,
        "build_profile writes what docx::render gives"
    );
    // No clock anywhere: fixed entry times, no dates in the document properties.
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&one)).unwrap();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
    }
    let core = String::from_utf8(entry(&one, "docProps/core.xml")).unwrap();
    assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
}

#[test]
fn cli_build_format_docx_is_the_same_with_any_j() {
    let d = tempfile::tempdir().unwrap();
    let profile = root().join("profiles/deu.toml");
    for j in ["1", "2"] {
        assert_cmd::Command::cargo_bin("migprof")
            .unwrap()
            .args(["build", "--format", "docx", "-j", j, "--out"])
            .arg(d.path().join(j))
            .arg(&profile)
            .assert()
            .success();
    }
    let a = std::fs::read(d.path().join("1/deu/report.docx")).unwrap();
    let b = std::fs::read(d.path().join("2/deu/report.docx")).unwrap();
    assert!(a == b, "report.docx differs between -j 1 and -j 2");
    assert!(!d.path().join("1/deu/report.html").exists());
    // docx is one of the default formats.
    assert!(Formats::parse::<&str>(&[]).unwrap().docx);
    assert!(Formats::parse(&["html", "word"]).unwrap().docx);
}
