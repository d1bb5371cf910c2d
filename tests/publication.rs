//! The report as a publication (issue 10, items 3-5): notes that cannot be misread, a
//! statistical annex people read, front matter, Part C from governance data and Part D.1
//! findings. Built on the German example profile (profiles/deu.toml, made from the real
//! provider files) with the built-in catalogue and template.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::profile::{Profile, ProfileFile};
use migprof::publication::{Agreement, Institution, Member, Policy, Ratification};
use migprof::render::data::Ctx;
use migprof::render::doc::{Block, Doc, Table};
use migprof::render::{html, markdown, report};
use migprof::template::Template;
use std::path::PathBuf;

struct Setup {
    catalogue: Catalogue,
    countries: Countries,
    template: Template,
}

fn setup() -> Setup {
    Setup {
        catalogue: Catalogue::embedded().unwrap(),
        countries: Countries::embedded().unwrap(),
        template: Template::named("iom").unwrap(),
    }
}

fn example(name: &str) -> Profile {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(name);
    ProfileFile::load(&p).unwrap().profile
}

fn doc_of(p: &Profile, s: &Setup) -> Doc {
    let ctx = Ctx::new(p, &s.catalogue, &s.countries, &s.template);
    report::build(&ctx).unwrap()
}

fn section<'d>(doc: &'d Doc, id: &str) -> &'d [Block] {
    &doc.parts
        .iter()
        .flat_map(|p| &p.sections)
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no section {id}"))
        .blocks
}

fn tables_of(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn note_markers_are_bracketed_letters_and_flags_are_explained_once() {
    let s = setup();
    let doc = doc_of(&example("deu.toml"), &s);
    assert!(!doc.footnotes.is_empty() && !doc.flags.is_empty());
    let h = html::render(&doc);
    assert!(!h.contains("<sup"), "no superscript markers");
    // The first note, [a], is linked from a value and listed with its letter.
    assert!(h.contains("<span class=\"fnref\">[<a href=\"#fn-1\">a</a>"));
    assert!(h.contains("<li id=\"fn-1\"><span class=\"fnmark\">[a]</span>"));
    // Flags are not notes: the legend explains each once; no note repeats a flag.
    assert!(!doc.footnotes.iter().any(|f| f.starts_with("Flag “")));
    assert_eq!(h.matches("<h3 id=\"flags\">Provider flags</h3>").count(), 1);
    assert!(h.contains("<tr><td>(B)</td><td>based on the foreign-born population"));
    let md = markdown::render(&doc, "svg");
    assert!(
        !md.contains("[^"),
        "no Markdown footnotes (renumbered as superscripts)"
    );
    assert!(md.contains("<a id=\"fn-1\"></a>\\[a\\] "));
    assert!(md.contains("\\[[a](#fn-1)"));
}

#[test]
fn the_statistical_annex_is_readable_and_complete_in_the_bundle() {
    let s = setup();
    let p = example("deu.toml");
    let doc = doc_of(&p, &s);
    let annex = tables_of(section(&doc, "ANX.TABLES"));
    assert!(annex.len() > 20, "{}", annex.len());
    for t in doc.tables() {
        // A source line under every table.
        assert!(
            t.source.as_deref().is_some_and(|s| !s.is_empty()),
            "table {} has no source",
            t.title
        );
        // No all-empty rows or value columns.
        for r in &t.rows {
            assert!(
                r.len() < 2 || r[1..].iter().any(|c| c.text != "–"),
                "empty row in {}",
                t.title
            );
        }
        for i in 1..t.header.len() {
            assert!(
                t.rows
                    .iter()
                    .any(|r| r.get(i).is_some_and(|c| c.text != "–")),
                "empty column {} in {}",
                t.header[i],
                t.title
            );
        }
        // Names, not ids.
        for c in t.rows.iter().flatten() {
            assert_ne!(c.text, "UNK", "{}", t.title);
            // (The catalogue's definitions quote dimension names; gaps and plans quoted ids.)
            assert!(
                t.title.starts_with("Definitions") || !c.text.contains("`"),
                "a quoted id in {}: {}",
                t.title,
                c.text
            );
            for id in [
                "undesa_ims_international_migrant_stock_2020",
                "migrant_dead",
                "foreign_born",
            ] {
                assert!(!c.text.contains(id), "{id} in {}", t.title);
            }
        }
    }
    // Notes on skipped charts name indicators, not ids.
    for b in doc
        .parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.blocks)
    {
        if let Block::Note(n) = b {
            assert!(
                !n.contains("(returning_citizens") && !n.contains("(imm_stock)"),
                "{n}"
            );
        }
    }
    // Partner tables: the top 10 partners over at most 10 periods, saying so.
    let asylum = annex
        .iter()
        .find(|t| t.title == "Asylum applications by country of citizenship (persons)")
        .unwrap();
    assert!(asylum.rows.len() <= 10 && asylum.header.len() <= 11);
    assert!(
        asylum.notes.iter().any(|n| n.contains("the 10 largest of")
            && n.contains("countries of citizenship")
            && n.contains("data/observations.csv")),
        "{:?}",
        asylum.notes
    );
    // A long annual series: one row per decade (1960s to 2020s).
    let net = annex
        .iter()
        .find(|t| t.title.starts_with("Net migration (persons), 1960 to"))
        .unwrap();
    assert_eq!(net.rows.first().unwrap()[0].text, "1960s");
    assert_eq!(net.rows.len(), 7);
    // Footnotes only for the values shown: UNHCR's notes on other countries' reporting
    // (Brazil's refugee-like population) stay in the data bundle.
    assert!(
        !doc.footnotes
            .iter()
            .any(|f| f.contains("Brazil") || f.contains("Australia")),
        "{:#?}",
        doc.footnotes
    );
    // The action plan once: in Part D.4; the annex points to it.
    let plans: Vec<&Table> = doc
        .tables()
        .filter(|t| t.title.starts_with("Data action plan"))
        .collect();
    assert_eq!(plans.len(), 1);
    let anx = section(&doc, "ANX.PLAN");
    assert!(anx.iter().any(|b| matches!(b, Block::Note(n)
        if n == &format!("The data action plan is printed once, in Part D.4 (Table {}).", plans[0].num))));
}

#[test]
fn front_matter_reaches_the_title_page_and_its_own_pages() {
    let s = setup();
    let mut p = example("deu.toml");
    p.meta.edition = Some("draft".into());
    p.front.publisher = Some("Working group <test> & co".into());
    p.front.edition = Some("Second edition".into());
    p.front.date = Some("March 2025".into());
    p.front.disclaimer = Some("The opinions expressed are those of the authors.".into());
    p.front.foreword = Some("First paragraph.\n\nSecond paragraph.".into());
    p.front.working_group = vec![Member {
        name: "Statistics office".into(),
        institution: String::new(),
        role: "chair".into(),
    }];
    // The profile keeps [front] (and drops it when empty).
    let text = p.to_toml().unwrap();
    assert!(text.contains("[front]") && text.contains("publisher = "));
    assert_eq!(Profile::from_toml(&text, "x").unwrap().front, p.front);
    let empty = Profile::new("DEU", "Germany", 2024, Vec::new());
    let text = empty.to_toml().unwrap();
    assert!(
        !text.contains("[front]") && !text.contains("governance"),
        "{text}"
    );
    let doc = doc_of(&p, &s);
    assert_eq!(
        doc.edition.as_deref(),
        Some("Second edition"),
        "front overrides meta"
    );
    let h = html::render(&doc);
    for needle in [
        "<p class=\"publisher\">Published by Working group &lt;test&gt; &amp; co</p>",
        "<p>Edition Second edition</p>",
        "<p class=\"date\">March 2025</p>",
        "<h2>Disclaimer</h2>",
        "<section class=\"front-page\" id=\"foreword\">\n<h2>Foreword</h2>\n<p>First paragraph.</p>\n<p>Second paragraph.</p>",
        "<tr><td>Statistics office</td><td></td><td>chair</td></tr>",
        "<li><a href=\"#list-of-tables\">List of tables</a></li>",
        "<h2 id=\"list-of-figures\">List of figures</h2>",
    ] {
        assert!(h.contains(needle), "{needle}");
    }
    // Every table is listed, linked to its anchor.
    for t in doc.tables() {
        assert!(h.contains(&format!("<a href=\"#{}\">Table {}: ", t.anchor(), t.num)));
    }
    // Acronyms from the providers used, and none that the report does not use.
    let short: Vec<&str> = doc.acronyms.iter().map(|(a, _)| a.as_str()).collect();
    for a in ["UNHCR", "UN DESA", "IOM", "OECD", "IDMC", "KNOMAD"] {
        assert!(short.contains(&a), "{a} missing from {short:?}");
    }
    assert!(!short.contains(&"CTDC"), "{short:?}");
    let md = markdown::render(&doc, "svg");
    assert!(md.contains("## Foreword\n\nFirst paragraph.\n\nSecond paragraph."));
    assert!(md.contains("| UNHCR | Office of the United Nations High Commissioner for Refugees |"));
}

#[test]
fn part_c_shows_the_recorded_governance_data_or_says_there_is_none() {
    let s = setup();
    let mut p = example("deu.toml");
    let doc = doc_of(&p, &s);
    assert!(section(&doc, "C.2").iter().any(|b| matches!(b, Block::Note(n)
        if n == "No ratifications of international instruments are recorded in this profile's governance data.")));
    // Test entries (not treaty facts): what is recorded is shown, with its source.
    p.governance.ratification = vec![Ratification {
        instrument: "Instrument A (test)".into(),
        year: Some(1999),
        status: "ratified".into(),
        source: "Test source".into(),
    }];
    p.governance.policy = vec![Policy {
        title: "Policy B (test)".into(),
        year: None,
        summary: "A summary.".into(),
    }];
    p.governance.institution = vec![Institution {
        name: "Office C (test)".into(),
        role: "coordination".into(),
    }];
    p.governance.agreement = vec![Agreement {
        partner: "FRA".into(),
        title: "Agreement D (test)".into(),
        year: Some(2010),
    }];
    p.narrative
        .insert("C.2".into(), "Narrative of the laws section.".into());
    let text = p.to_toml().unwrap();
    assert!(text.contains("[[governance.ratification]]"));
    assert_eq!(
        Profile::from_toml(&text, "x").unwrap().governance,
        p.governance
    );
    let doc = doc_of(&p, &s);
    let c2 = section(&doc, "C.2");
    assert!(matches!(&c2[0], Block::Narrative(t) if t == "Narrative of the laws section."));
    let t = tables_of(c2)[0];
    let row: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        row,
        ["Instrument A (test)", "ratified", "1999", "Test source"]
    );
    let row = |id: &str| -> Vec<String> {
        tables_of(section(&doc, id))[0].rows[0]
            .iter()
            .map(|c| c.text.clone())
            .collect()
    };
    // A column with nothing in it (no policy has a year) is left out.
    assert_eq!(row("C.1"), ["Policy B (test)", "A summary."]);
    assert_eq!(row("C.3"), ["Office C (test)", "coordination"]);
    assert_eq!(row("C.4"), ["France", "Agreement D (test)", "2010"]);
}

#[test]
fn main_findings_cite_published_values_with_period_and_source() {
    let s = setup();
    for name in ["deu.toml", "mex.toml", "tur.toml"] {
        let p = example(name);
        let doc = doc_of(&p, &s);
        let findings: Vec<&String> = section(&doc, "D.1")
            .iter()
            .filter_map(|b| match b {
                Block::Findings(f) => Some(f),
                _ => None,
            })
            .flatten()
            .collect();
        assert!((4..=8).contains(&findings.len()), "{name}: {findings:#?}");
        for f in &findings[..findings.len() - 1] {
            // "<value> in <period> (<source>)": a year up to the reference year, a source.
            let year: Vec<i32> = f
                .split(" in ")
                .chain(f.split("since "))
                .skip(1)
                .filter_map(|w| w.get(..4)?.parse().ok())
                .collect();
            assert!(!year.is_empty(), "{f}");
            assert!(year.iter().all(|y| *y <= p.meta.reference_year), "{f}");
            assert!(
                f.contains(" in ") && f.contains(" (") && f.ends_with('.'),
                "{f}"
            );
            assert!(!f.to_lowercase().contains("projection"), "{f}");
        }
    }
    // Germany's migrant stock: UN DESA IMS 2020, 15,762,457 in 2020 (the profile's value,
    // from the IMS 2020 destination table, row Germany), 9.8 M in 2010: +61 %.
    let doc = doc_of(&example("deu.toml"), &s);
    let first = section(&doc, "D.1")
        .iter()
        .find_map(|b| match b {
            Block::Findings(f) => f.first().cloned(),
            _ => None,
        })
        .unwrap();
    assert!(
        first.starts_with("International migrant stock was 15.8 M persons in 2020 (UN DESA"),
        "{first}"
    );
    assert!(first.contains("since 2010"), "{first}");
}

#[test]
fn check_reports_governance_entries_without_name_or_source() {
    let s = setup();
    let text = "version = 1\n\n[meta]\ncountry = \"DEU\"\ntitle = \"t\"\nreference_year = 2024\n\n[[governance.ratification]]\ninstrument = \"Instrument A (test)\"\nyear = 2030\n\n[[governance.policy]]\ntitle = \" \"\n";
    let p = Profile::from_toml(text, "g.toml").unwrap();
    let c = migprof::check::check_profile_with(
        &s.catalogue,
        &s.countries,
        &s.template,
        &p,
        text,
        "g.toml",
    );
    assert!(
        c.errors
            .iter()
            .any(|e| e == "g.toml:12:1: error: governance.policy[0]: `title` is empty"),
        "{:#?}",
        c.errors
    );
    for w in [
        "g.toml:8:1: warning: governance.ratification[0]: year 2030 is after the reference year 2024",
        "g.toml:8:1: warning: governance.ratification[0] `Instrument A (test)` has no source: say where it was found (UN Treaty Collection, ILO NORMLEX)",
    ] {
        assert!(c.warnings.iter().any(|x| x == w), "{w}\n{:#?}", c.warnings);
    }
}

#[test]
fn a_finding_is_a_full_published_period_and_says_a_later_partial_one() {
    // tests/fixtures/soundness/report.toml: migrant_deaths 116 in 2018 (full year) and 42 in
    // 2019 covering 2019-01-01/2019-07-31 only.
    let s = setup();
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/soundness/report.toml");
    let p = ProfileFile::load(&path).unwrap().profile;
    let ctx = Ctx::new(&p, &s.catalogue, &s.countries, &s.template);
    let f = migprof::render::findings::finding(&ctx, "migrant_deaths").unwrap();
    assert!(
        f.starts_with("Migrants dead and missing were 116 persons in 2018"),
        "{f}"
    );
    assert!(
        f.contains("the value for 2019 covers part of the period only (2019-01-01/2019-07-31) and is not compared"),
        "{f}"
    );
    assert!(!f.contains("42"), "the partial value is not compared: {f}");
    // Net migration: estimates 2018-2023, projections 2024-2026 (fixture): never a projection.
    let n = migprof::render::findings::finding(&ctx, "net_migration").unwrap();
    assert!(n.contains(" in 2023 ("), "{n}");
    for y in ["2024", "2025", "2026"] {
        assert!(!n.contains(y), "{n}");
    }
}
