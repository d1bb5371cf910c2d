#![cfg(feature = "pdf")]
//! The typeset PDF: the German example opened with a PDF parser (pages, text, key figures,
//! A4, identical bytes across runs and `-j`), and hostile strings that must come out as text.

use assert_cmd::Command;
use migprof::render::doc::{Block, Doc, DocPart, DocSection, KeyFigure, TCell, Table};
use migprof::render::pdf;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Pdf {
    doc: lopdf::Document,
    /// Text of every page, in page order.
    pages: Vec<String>,
}

fn open(bytes: &[u8]) -> Pdf {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can parse");
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let pages = numbers
        .iter()
        .map(|&n| doc.extract_text(&[n]).expect("page text"))
        .collect();
    Pdf { doc, pages }
}

impl Pdf {
    /// All text with runs of white space removed (the extractor splits and joins lines freely).
    fn squeezed(&self) -> String {
        self.pages
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    /// Every page is A4 portrait (595.28 x 841.89 pt).
    fn assert_a4(&self) {
        for (n, id) in self.doc.get_pages() {
            let page = self.doc.get_dictionary(id).unwrap();
            let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let v: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap()).collect();
            assert!(
                (v[2] - v[0] - 595.28).abs() < 1.0 && (v[3] - v[1] - 841.89).abs() < 1.0,
                "page {n}: {v:?}"
            );
        }
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn build_deu(out: &Path, jobs: &str) -> Vec<u8> {
    Command::cargo_bin("migprof")
        .unwrap()
        .current_dir(root())
        .env_remove("MIGPROF_CATALOGUE")
        .args([
            "build",
            "profiles/deu.toml",
            "--format",
            "pdf",
            "-j",
            jobs,
            "--out",
        ])
        .arg(out)
        .assert()
        .success();
    std::fs::read(out.join("deu/report.pdf")).unwrap()
}

#[test]
fn german_example_is_a_typeset_a4_pdf_with_its_key_figures() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let one = build_deu(a.path(), "1");
    let two = build_deu(b.path(), "2");
    assert!(one == two, "report.pdf differs between -j 1 and -j 2");
    let pdf = open(&one);
    let n = pdf.pages.len();
    // Issue 10: at most 60 A4 pages (116 before the table layout; the HTML prints to 53).
    assert!((20..=60).contains(&n), "{n} pages");
    pdf.assert_a4();
    let text = pdf.squeezed();
    // Title page, contents and lists, running header.
    for s in [
        "Migration Profile: Germany",
        "Contents",
        "List of tables",
        "List of figures",
    ] {
        assert!(text.contains(&squeeze(s)), "{s} missing");
    }
    assert!(pdf.pages[3].contains("Germany"), "running header on page 4");
    // The running header names the part the page is in: "Annexes" heads the part's first
    // page and every page after it until the notes.
    let annex = pdf
        .pages
        .iter()
        .filter(|p| squeeze(p).contains("Annexes"))
        .count();
    assert!(annex >= 10, "Annexes in the header of {annex} pages");
    // Each annex with a table starts on a page of its own: its heading is the first thing
    // under the running header ("Migration Profile: Germany", then the part) of its page.
    for title in [
        "Definitions",
        "Statistical tables",
        "Coherence: values from other sources",
    ] {
        let want = squeeze(&format!("Migration Profile: Germany Annexes {title}"));
        assert!(
            pdf.pages.iter().any(|p| squeeze(p).starts_with(&want)),
            "no page starts with the annex {title}"
        );
    }
    // Key figures as report.html shows them (Part A key figures, read in report.html of
    // `migprof build profiles/deu.toml --format html`).
    for s in KEY_FIGURES {
        assert!(text.contains(&squeeze(s)), "key figure {s} missing");
    }
    // Fonts are embedded: every font descriptor has a font file.
    let mut descriptors = 0;
    for obj in pdf.doc.objects.values() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice())
        {
            descriptors += 1;
            assert!(
                d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"),
                "font not embedded: {d:?}"
            );
        }
    }
    assert!(descriptors > 0);
}

/// Hand-checked against the raw files: WDI API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv row 61
/// ("Germany"), column "2021": 312735; WDI API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv row 61,
/// column "2024": 21225006283.5321 (US$ 21.2 bn); UN DESA IMS 2020 (undesa_pd_2020_ims_stock_by_
/// sex_and_destination.xlsx, Germany, 2020, both sexes): 15762457 (15.8 M).
const KEY_FIGURES: [&str; 3] = ["312,735", "US$ 21.2 bn", "15.8 M"];

fn hostile_doc() -> Doc {
    let evil = "#set page(width: 1cm) $x$ ] [ \\ `code` *bold* _it_ @ref <lab> \" \u{7}\u{1b}end";
    Doc {
        lang: "en\"); #set page(width: 2cm)".into(),
        title: "Title #strong[x]".into(),
        country: "Land ]".into(),
        reference_year: 2024,
        authors: vec!["A \\\" B".into()],
        banner: Some("DRAFT #pagebreak()".into()),
        footnotes: vec!["Note $y$ #footnote[z]".into()],
        flags: vec![("e".into(), "estimate ]".into())],
        parts: vec![DocPart {
            anchor: "a".into(),
            title: "Part #1".into(),
            sections: vec![DocSection {
                anchor: "a1".into(),
                id: "A.1".into(),
                title: "Section = heading".into(),
                blocks: vec![
                    Block::Narrative(format!("{evil}\n\nSecond = para")),
                    Block::Generated("Gen #emph[g]".into()),
                    Block::Note("Note // not a comment".into()),
                    Block::Subheading("Sub /* not */".into()),
                    Block::KeyFigures(vec![KeyFigure {
                        label: "Label ]".into(),
                        value: "1,234 $".into(),
                        period: "2020".into(),
                        source: "UN #DESA".into(),
                        mark: "r",
                        refs: vec![1, 7],
                        flags: vec!["e".into()],
                        note: Some("latest #available".into()),
                    }]),
                    Block::Table(Table {
                        num: 1,
                        title: "Table ] title".into(),
                        header: vec!["H #1".into(), "H2".into()],
                        rows: vec![
                            vec![
                                TCell::text("cell ]"),
                                TCell {
                                    text: "9 #9".into(),
                                    numeric: true,
                                    refs: vec![1],
                                    mark: "s",
                                    ..TCell::default()
                                },
                            ],
                            vec![TCell {
                                text: "abc\\def".into(),
                                mono: true,
                                ..TCell::default()
                            }],
                        ],
                        notes: vec!["Note: #x".into()],
                        source: Some("UN #DESA ]".into()),
                    }),
                ],
            }],
        }],
        ..Doc::default()
    }
}

#[test]
fn hostile_strings_are_printed_as_text() {
    let bytes = pdf::render(&hostile_doc()).expect("hostile text still typesets");
    let pdf = open(&bytes);
    pdf.assert_a4();
    let text = pdf.squeezed();
    for s in [
        "#set page(width: 1cm) $x$ ] [ \\ `code` *bold* _it_ @ref <lab> \"",
        "end",
        "Second = para",
        "Title #strong[x]",
        "DRAFT #pagebreak()",
        "Gen #emph[g]",
        "Note // not a comment",
        "Sub /* not */",
        "Note $y$ #footnote[z]",
        "1,234 $",
        "UN #DESA",
        "latest #available",
        "Table ] title",
        "H #1",
        "9 #9",
        "Note: #x",
        "Source: UN #DESA ]",
        "estimate ]",
        "A \\\" B",
    ] {
        assert!(
            text.contains(&squeeze(s)),
            "{s:?} not printed as text in {text}"
        );
    }
    // The mono cell breaks anywhere but keeps its characters.
    assert!(text.replace('\u{200B}', "").contains("abc\\def"));
    // Same input, same bytes.
    assert!(bytes == pdf::render(&hostile_doc()).unwrap());
}

#[test]
fn a_broken_chart_is_an_error_not_a_panic() {
    use migprof::render::chart::{Body, Chart};
    use migprof::render::doc::Figure;
    use migprof::template::ChartKind;
    let mut doc = hostile_doc();
    doc.figures.push(Figure {
        num: 1,
        stem: "figure-01".into(),
        chart: Chart {
            kind: ChartKind::Bars,
            title: "t".into(),
            value_label: String::new(),
            axis_label: String::new(),
            source_line: String::new(),
            body: Body::Bars { bars: Vec::new() },
            banner: None,
            lang: migprof::i18n::Lang::En,
        },
        svg: "<svg not really".into(),
        spec: "t".into(),
    });
    doc.parts[0].sections[0].blocks.push(Block::Figure(0));
    let err = pdf::render(&doc).unwrap_err().to_string();
    assert!(err.contains("PDF"), "{err}");
}

#[test]
fn a_long_text_repeated_in_a_column_is_printed_once_under_the_table() {
    let reason = "The values come from different revisions of the estimates; each revision \
                  re-estimates past years, so the difference is not a change over time.";
    let once = "A long explanation that this column holds only once, so it stays in its cell.";
    let row = |year: &str, why: &str| {
        vec![
            TCell {
                text: year.into(),
                numeric: true,
                ..TCell::default()
            },
            TCell::text(why),
        ]
    };
    let mut doc = hostile_doc();
    doc.parts[0].sections[0].blocks = vec![Block::Table(Table {
        num: 1,
        title: "Alternative values".into(),
        header: vec!["Year".into(), "Likely reason".into()],
        rows: vec![
            row("2001", reason),
            row("2002", reason),
            row("2003", once),
            row("2004", reason),
        ],
        notes: Vec::new(),
        source: None,
    })];
    let pdf = open(&pdf::render(&doc).unwrap());
    let text = pdf.squeezed();
    assert_eq!(text.matches(&squeeze(reason)).count(), 1, "{text}");
    assert_eq!(text.matches(&squeeze(once)).count(), 1, "{text}");
    // Three cells show the key, and the note under the table starts with it.
    assert_eq!(text.matches("A1").count(), 4, "{text}");
    assert!(text.contains(&squeeze(&format!("A1 {reason}"))), "{text}");
}

/// A batch renders profiles in parallel on rayon workers, and typst lays pages out with rayon:
/// a worker waiting for typst's jobs must not pick up the batch's other reports and typeset
/// them on the same stack (every report of a batch was in memory at once: 200 profiles at
/// `-j 2` took 9.3 GB). On a one-thread pool, at most one report may be in flight.
#[test]
fn a_batch_worker_typesets_one_report_at_a_time() {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let deu = example_doc("deu");
    let docs = vec![deu.clone(), deu.clone(), deu.clone(), deu];
    let docs = &docs;
    let in_flight = AtomicUsize::new(0);
    let most = AtomicUsize::new(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let sizes: Vec<usize> = pool.install(|| {
        docs.par_iter()
            .map(|d| {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let bytes = pdf::render(d).expect("pdf");
                in_flight.fetch_sub(1, Ordering::SeqCst);
                bytes.len()
            })
            .collect()
    });
    assert!(sizes.iter().all(|&n| n > 10_000), "{sizes:?}");
    assert_eq!(
        most.load(Ordering::SeqCst),
        1,
        "reports typeset at once on one worker"
    );
}

/// The document of an example profile (in the repository, with the embedded catalogue).
fn example_doc(name: &str) -> Doc {
    use migprof::catalogue::Catalogue;
    use migprof::country::Countries;
    use migprof::profile::ProfileFile;
    use migprof::template::Template;
    let path = root().join(format!("profiles/{name}.toml"));
    let pf = ProfileFile::load(&path).expect("example profile");
    let cat = Catalogue::embedded().expect("catalogue");
    let countries = Countries::embedded().expect("countries");
    let template = Template::named(&pf.profile.meta.template).expect("template");
    let ctx = migprof::render::data::Ctx::new(&pf.profile, &cat, &countries, &template);
    migprof::render::report::build(&ctx).expect("document")
}
