//! Rendering tests: charts of every kind, the HTML report (parsed with an HTML5 parser), escaping
//! of hostile strings, the Frictionless data package, disclosure control in every output,
//! annexes with empty and non-empty quality results, and snapshots.
//!
//! Fixture profiles live in tests/fixtures/render/ (with their own catalogue, countries and
//! template). Every example profile in profiles/ (not under templates/) is covered too.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::model::{Observation, Source};
use migprof::profile::{ActionItem, Profile, ProfileFile};
use migprof::quality::gaps::{Gap, GapKind};
use migprof::quality::reconcile::Conflict;
use migprof::quality::score::{Dimension, DimensionScore, IndicatorScore};
use migprof::render::chart::{self, Body, Chart, Series};
use migprof::render::data::Ctx;
use migprof::render::numfmt::with_unit;
use migprof::render::report::{self, Quality};
use migprof::render::statements;
use migprof::render::{Formats, build_profile, bundle, html, markdown};
use migprof::template::{ChartKind, Template};
use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/render")
}

struct Setup {
    catalogue: Catalogue,
    countries: Countries,
    template: Template,
}

fn fixture_setup() -> Setup {
    let dir = fixtures().join("catalogue");
    let text = std::fs::read_to_string(dir.join("countries.toml")).unwrap();
    Setup {
        catalogue: Catalogue::load_dir(&dir).unwrap(),
        countries: Countries::from_str(&text, "countries.toml").unwrap(),
        template: Template::load(&fixtures().join("template.toml")).unwrap(),
    }
}

fn load(name: &str) -> Profile {
    ProfileFile::load(&fixtures().join(name)).unwrap().profile
}

/// Fixture profiles plus every example profile in profiles/ (outside templates/), each with
/// the catalogue, countries and template it is built with.
fn all_profiles() -> Vec<(String, Profile, Setup)> {
    let mut out = Vec::new();
    for name in ["destination.toml", "origin.toml", "sparse.toml"] {
        out.push((name.to_string(), load(name), fixture_setup()));
    }
    if let Ok(entries) = std::fs::read_dir(root().join("profiles")) {
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for p in paths {
            let profile = ProfileFile::load(&p).unwrap().profile;
            let template = Template::named(&profile.meta.template)
                .or_else(|_| Template::load(&root().join("profiles").join(&profile.meta.template)))
                .unwrap();
            out.push((
                p.display().to_string(),
                profile,
                Setup {
                    catalogue: Catalogue::embedded().unwrap(),
                    countries: Countries::embedded().unwrap(),
                    template,
                },
            ));
        }
    }
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A text file, the XML parts of a .docx joined (its images left out), or a PDF's text.
fn read_text(p: &Path) -> String {
    if p.extension().is_some_and(|e| e == "pdf") {
        let doc = lopdf::Document::load(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        return doc
            .extract_text(&pages)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    if p.extension().is_none_or(|e| e != "docx") {
        return read(p);
    }
    let bytes = std::fs::read(p).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.name().ends_with(".xml") || f.name().ends_with(".rels") {
            std::io::Read::read_to_string(&mut f, &mut out).unwrap();
        }
    }
    out
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn assert_png(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        path.display()
    );
    assert!(
        bytes.len() > 3000,
        "{} is suspiciously small",
        path.display()
    );
}

#[test]
fn every_chart_kind_renders_for_the_destination_fixture() {
    let s = fixture_setup();
    let p = load("destination.toml");
    let ctx = Ctx::new(&p, &s.catalogue, &s.countries, &s.template);
    let mut kinds = BTreeSet::new();
    let dir = tempfile::tempdir().unwrap();
    for sec in s.template.sections() {
        for spec in &sec.chart {
            for built in chart::build(&ctx, spec) {
                let c = built.unwrap_or_else(|e| panic!("{} not drawn: {e}", spec.title));
                kinds.insert(c.kind);
                let svg = chart::to_svg(&c).unwrap();
                assert!(svg.starts_with("<svg"), "{svg:.80}");
                assert!(
                    svg.contains(&c.title.replace('\'', "&apos;")),
                    "title missing: {}",
                    c.title
                );
                assert!(
                    svg.contains("Source: "),
                    "source line missing in {}",
                    c.title
                );
                match &c.body {
                    Body::Lines { .. } => {
                        assert!(svg.contains(">\nYear\n</text>"), "x axis label");
                        assert!(
                            svg.contains(&c.value_label),
                            "y axis label {}",
                            c.value_label
                        );
                    }
                    Body::Bars { bars } => {
                        assert!(svg.contains(&c.value_label), "value axis label");
                        // The largest partner is labelled with its country name.
                        assert!(svg.contains(&bars[0].0), "bar label {}", bars[0].0);
                    }
                    Body::Pyramid { rows } => {
                        assert!(
                            svg.contains("\nMale\n") && svg.contains("\nFemale\n"),
                            "legend"
                        );
                        assert!(svg.contains(&format!("\n{}\n", rows[0].0)), "age label");
                    }
                    Body::Multiples { panels } => {
                        assert!(panels.len() >= 4);
                        assert!(svg.contains(&panels[0].0), "panel title");
                    }
                }
                let png = dir.path().join(format!("{:?}-{}.png", c.kind, kinds.len()));
                chart::to_png(&c, &png).unwrap();
                assert_png(&png);
            }
        }
    }
    let all: BTreeSet<ChartKind> = [
        ChartKind::TimeSeries,
        ChartKind::Bars,
        ChartKind::Pyramid,
        ChartKind::Multiples,
    ]
    .into();
    assert_eq!(kinds, all);
}

#[test]
fn time_series_of_different_units_are_separate_charts() {
    let s = fixture_setup();
    let p = load("destination.toml");
    let ctx = Ctx::new(&p, &s.catalogue, &s.countries, &s.template);
    let spec = s
        .template
        .section("B.2")
        .unwrap()
        .chart
        .iter()
        .find(|c| c.kind == ChartKind::TimeSeries)
        .unwrap();
    let charts: Vec<Chart> = chart::build(&ctx, spec)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(charts.len(), 2, "US$ and % of GDP must not share an axis");
    assert!(charts[0].value_label.contains("US$"));
    assert_eq!(charts[1].value_label, "Per cent");
    // Ticks use short scales.
    let svg = chart::to_svg(&charts[0]).unwrap();
    assert!(
        svg.contains("15,000") || svg.contains("10,000"),
        "thousands separators"
    );
}

#[test]
fn empty_and_single_point_series_are_skipped_and_recorded() {
    let s = fixture_setup();
    let p = load("sparse.toml");
    let dir = tempfile::tempdir().unwrap();
    let rep = build_profile(
        &p,
        &s.catalogue,
        &s.countries,
        &s.template,
        dir.path(),
        Formats::ALL,
    )
    .unwrap();
    assert!(
        rep.skipped_charts
            .iter()
            .any(|r| r.contains("a single period")),
        "{:?}",
        rep.skipped_charts
    );
    assert!(rep.skipped_charts.iter().any(|r| r.contains("no values")));
    // Nothing drawn means no chart file at all (never an empty frame); the locator map may
    // be there.
    let charts: Vec<_> = std::fs::read_dir(dir.path().join("charts"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(charts.iter().all(|n| n == "map.svg"), "{charts:?}");
    let html = read(&dir.path().join("report.html"));
    assert!(html.contains("Chart not drawn for lack of data"));
    assert!(!html.contains("<figure"));
}

#[test]
fn every_profile_builds_in_every_format() {
    for (name, p, s) in all_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let rep = build_profile(
            &p,
            &s.catalogue,
            &s.countries,
            &s.template,
            dir.path(),
            Formats::ALL,
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(dir.path().join("report.html").exists(), "{name}");
        assert!(dir.path().join("report.md").exists(), "{name}");
        assert!(dir.path().join("data/datapackage.json").exists(), "{name}");
        let files = files_under(dir.path());
        assert_eq!(
            files.len(),
            rep.files.len(),
            "{name}: report lists every file"
        );
        for f in files {
            match f.extension().and_then(|e| e.to_str()) {
                Some("png") => assert_png(&f),
                Some("svg") => assert!(read(&f).starts_with("<svg"), "{}", f.display()),
                _ => {}
            }
        }
        validate_datapackage(&dir.path().join("data"));
        html_is_sound(&read(&dir.path().join("report.html")), &p, &s);
    }
}

/// Parse the HTML and check structure, numbering and key figures.
fn html_is_sound(text: &str, p: &Profile, s: &Setup) {
    let doc = Html::parse_document(text);
    assert!(doc.errors.is_empty() || !text.is_empty());
    let sel = |q: &str| Selector::parse(q).unwrap();
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    // Every TOC link points at an existing id.
    let ids: BTreeSet<String> = doc
        .select(&sel("[id]"))
        .filter_map(|e| e.value().attr("id").map(str::to_string))
        .collect();
    for a in doc.select(&sel("nav.toc a")) {
        let href = a.value().attr("href").unwrap();
        assert!(ids.contains(&href[1..]), "TOC link {href} has no target");
    }
    // Figures numbered 1..n, each with an inline SVG.
    let figs: Vec<_> = doc.select(&sel("figure")).collect();
    for (i, f) in figs.iter().enumerate() {
        assert_eq!(f.select(&sel("svg")).count(), 1);
        let cap: String = f
            .select(&sel("figcaption"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(cap.starts_with(&format!("Figure {}:", i + 1)), "{cap}");
    }
    for (i, c) in doc.select(&sel("table > caption")).enumerate() {
        let cap: String = c.text().collect();
        assert!(cap.starts_with(&format!("Table {}:", i + 1)), "{cap}");
    }
    // Key figures: for each key indicator with data, the latest value as formatted, its period
    // and its source.
    let ks = s.template.section("KS");
    let ctx = Ctx::new(p, &s.catalogue, &s.countries, &s.template);
    let boxes: Vec<String> = doc
        .select(&sel(".key-figures > div"))
        .map(|e| e.text().collect::<String>())
        .collect();
    if let Some(ks) = ks {
        // The cards' values: the latest that is not a projection, up to the reference year
        // (tests/soundness/report.rs checks the choice itself).
        let mut ids = ks.indicators.clone();
        for i in s.catalogue.indicators.iter().filter(|i| i.key) {
            if !ids.contains(&i.id) {
                ids.push(i.id.clone());
            }
        }
        for card in statements::cards(&ctx, &ids) {
            let id = &card.id;
            let end = card.obs.parsed_period().map(|q| q.end_year()).unwrap();
            assert!(end <= p.meta.reference_year, "{id}: {}", card.obs.period);
            assert!(!card.obs.is_projection(), "{id}: a projection as latest");
            let expected = with_unit(card.value, ctx.unit(id));
            let source = ctx.source_label(&card.obs.source);
            assert!(
                boxes.iter().any(|b| b.contains(&ctx.name(id))
                    && b.contains(&expected)
                    && b.contains(&card.obs.period)
                    && b.contains(&source)),
                "key figure {id} = {expected} ({source}) not found in {boxes:?}"
            );
        }
    }
}

#[test]
fn key_figures_are_in_the_html_with_their_source() {
    let s = fixture_setup();
    let p = load("destination.toml");
    let dir = tempfile::tempdir().unwrap();
    build_profile(
        &p,
        &s.catalogue,
        &s.countries,
        &s.template,
        dir.path(),
        Formats::ALL,
    )
    .unwrap();
    let text = read(&dir.path().join("report.html"));
    html_is_sound(&text, &p, &s);
    // Concrete values from the fixture.
    assert!(text.contains("15.8 M"), "imm_stock 2020");
    assert!(text.contains("UN DESA, International Migrant Stock"));
    // Generated sentence, marked as generated.
    // Latest value with year and source, then the change over five years.
    assert!(text.contains(
        "International migrant stock was 15.8 M persons in 2020 (UN DESA, International Migrant Stock 2020), up from 10.2 M persons in 2015 (+54 %)"
    ));
    assert!(text.contains("Generated from the data"));
    // The profile's narrative replaces the generated sentence in A.6.
    assert!(text.contains("Germany hosts one of the largest refugee populations in Europe."));
    // Flags and footnotes become numbered notes with a legend.
    // Flags are explained once, in the legend; the value carries "(B)", notes "[a]".
    assert!(text.contains("<tr><td>(B)</td><td>based on the foreign-born population"));
    assert!(text.contains("<span class=\"flag\" title=\"based on the foreign-born population (UN DESA data type)\">(B)</span>"));
    assert!(!text.contains("<sup"), "no superscript note markers");
    // The provider's note, then its source, with one full stop.
    let note = text
        .find("Figures include persons granted temporary protection")
        .map(|i| text[i..].chars().take(120).collect::<String>());
    assert!(
        note.as_ref().is_some_and(
            |n| n.starts_with("Figures include persons granted temporary protection (UNHCR")
        ),
        "{note:?}"
    );
    // No date is printed unless the profile sets one.
    assert!(!text.contains("class=\"date\""));
    let md = read(&dir.path().join("report.md"));
    assert!(md.contains("![Figure 1: International migrant stock](charts/figure-01.svg)"));
    assert!(dir.path().join("charts/figure-01.svg").exists());
}

const HOSTILE: &str = "<script>alert(1)</script> \"quoted\" 'single' & ampersand | pipe";

fn hostile_profile() -> Profile {
    let mut p = load("destination.toml");
    p.meta.title = format!("Title {HOSTILE}");
    p.meta.authors = vec![format!("Author {HOSTILE}")];
    p.meta.date = Some(format!("Date {HOSTILE}"));
    p.narrative
        .insert("A.2".into(), format!("Narrative {HOSTILE}"));
    for s in &mut p.sources {
        s.dataset = format!("Dataset {HOSTILE}");
        s.file = Some(format!("=cmd|' /C calc'!A0 {HOSTILE}"));
    }
    for o in p
        .observations
        .iter_mut()
        .filter(|o| o.indicator == "imm_stock")
    {
        o.footnote = Some(format!("Footnote {HOSTILE}"));
        o.flags = vec!["<b>".into()];
    }
    p
}

#[test]
fn hostile_strings_are_escaped_everywhere() {
    let s = fixture_setup();
    let p = hostile_profile();
    let dir = tempfile::tempdir().unwrap();
    build_profile(
        &p,
        &s.catalogue,
        &s.countries,
        &s.template,
        dir.path(),
        Formats::ALL,
    )
    .unwrap();
    let text = read(&dir.path().join("report.html"));
    assert!(!text.contains("<script>"), "raw <script> in HTML");
    assert!(!text.contains("<b>"), "raw flag markup in HTML");
    let doc = Html::parse_document(&text);
    let script = Selector::parse("script").unwrap();
    assert_eq!(doc.select(&script).count(), 0);
    let all_text: String = doc.root_element().text().collect();
    // The strings survive as text.
    for needle in [
        format!("Title {HOSTILE}"),
        format!("Author {HOSTILE}"),
        format!("Narrative {HOSTILE}"),
        format!("Dataset {HOSTILE}"),
        format!("Footnote {HOSTILE}"),
        "Hostile <script>alert(1)</script> & \"Land\"".to_string(),
    ] {
        assert!(all_text.contains(&needle), "missing as text: {needle}");
    }
    // Attribute values cannot be broken out of.
    let title = Selector::parse("title").unwrap();
    let t: String = doc.select(&title).next().unwrap().text().collect();
    assert_eq!(t, format!("Title {HOSTILE}"));
    for f in files_under(dir.path()) {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "png" || ext == "pdf" {
            continue;
        }
        let body = read_text(&f);
        // Markup formats never hold the raw string; CSV and JSON hold it as data.
        if matches!(ext, "html" | "md" | "svg" | "docx") {
            assert!(
                !body.contains("<script>"),
                "raw <script> in {}",
                f.display()
            );
        }
        if ext == "csv" {
            // Formula-like text cells are neutralised.
            assert!(!body.contains(",=cmd"), "formula not neutralised");
            assert!(body.contains("'=cmd"));
        }
    }
    // Markdown table cells escape pipes.
    let md = read(&dir.path().join("report.md"));
    assert!(md.contains("\\| pipe"));
}

#[test]
fn markdown_escapes_table_pipes_and_markup() {
    assert_eq!(markdown::md("a|b <i> *x*"), "a\\|b &lt;i&gt; \\*x\\*");
    assert_eq!(
        html::esc("<a href='x'>&\"</a>"),
        "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
    );
}

#[test]
fn suppressed_small_counts_appear_in_no_output() {
    let s = fixture_setup();
    let mut p = load("destination.toml");
    p.disclosure.threshold = 5000;
    // A distinctive small count (below the threshold) in a disaggregated cell.
    let mut o = Observation::new("imm_stock", "2020", 4321.0, "desa");
    o.disaggregation.insert("origin".into(), "JPN".into());
    p.observations.push(o);
    let mut o = Observation::new("imm_stock", "2020", 4321.0, "desa");
    o.disaggregation.insert("age".into(), "90+".into());
    o.disaggregation.insert("sex".into(), "F".into());
    p.observations.push(o);
    let dir = tempfile::tempdir().unwrap();
    build_profile(
        &p,
        &s.catalogue,
        &s.countries,
        &s.template,
        dir.path(),
        Formats::ALL,
    )
    .unwrap();
    for f in files_under(dir.path()) {
        // PNG is binary; the locator map is country outlines only (no figure of the profile),
        // whose coordinates may hold any digits.
        if f.extension().is_some_and(|e| e == "png") || f.ends_with("charts/map.svg") {
            continue;
        }
        let mut body = read_text(&f);
        // The HTML title page inlines the locator map (outlines only): leave its geometry out.
        if let (Some(a), Some(b)) = (body.find("<div class=\"map\">"), body.find("</svg></div>")) {
            body.replace_range(a..b, "");
        }
        assert!(
            !body.contains("4321"),
            "suppressed value in {}",
            f.display()
        );
        assert!(
            !body.contains("4,321"),
            "suppressed value in {}",
            f.display()
        );
        assert!(
            !body.contains("4.3 k"),
            "suppressed value in {}",
            f.display()
        );
    }
    let csv = read(&dir.path().join("data/observations.csv"));
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let mut found = 0;
    for r in rdr.records() {
        let r = r.unwrap();
        if r.get(col("disaggregation")) == Some("origin=JPN") {
            assert_eq!(r.get(col("value")), Some(""));
            assert_eq!(r.get(col("disclosure")), Some("suppressed"));
            found += 1;
        }
    }
    assert_eq!(found, 1);
    let html = read(&dir.path().join("report.html"));
    assert!(html.contains("s: suppressed, a count below 5000"));
}

#[test]
fn rounded_values_are_marked() {
    let s = fixture_setup();
    let p = load("origin.toml"); // rounding = 5
    let dir = tempfile::tempdir().unwrap();
    build_profile(
        &p,
        &s.catalogue,
        &s.countries,
        &s.template,
        dir.path(),
        Formats::ALL,
    )
    .unwrap();
    let csv = read(&dir.path().join("data/observations.csv"));
    assert!(csv.contains(",rounded\n"));
    let html = read(&dir.path().join("report.html"));
    assert!(html.contains("<span class=\"mark\">r</span>"));
    assert!(html.contains("r: rounded to base 5."));
    // Negative numbers stay numeric in the CSV (not neutralised).
    assert!(
        csv.contains(",-150000,"),
        "negative values must stay numbers"
    );
    // The profile's own action plan is used, not drafted.
    assert!(html.contains("Add a question on household members abroad"));
    assert!(!html.contains("Data action plan (drafted)"));
    // meta.date is printed when set, written in the report's language.
    assert!(html.contains("30 September 2024"));
}

/// Frictionless Data Package rules, checked by hand.
fn validate_datapackage(dir: &Path) {
    let desc: serde_json::Value =
        serde_json::from_str(&read(&dir.join("datapackage.json"))).unwrap();
    let name = desc["name"].as_str().expect("name");
    assert!(
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c)),
        "package name {name}"
    );
    assert!(desc["title"].is_string());
    let licences = desc["licenses"].as_array().expect("licenses");
    assert!(!licences.is_empty(), "licences present");
    for l in licences {
        assert!(
            l["name"].is_string() || l["path"].is_string(),
            "licence needs name or path"
        );
    }
    for s in desc["sources"].as_array().expect("sources") {
        assert!(s["title"].is_string());
    }
    let resources = desc["resources"].as_array().expect("resources");
    assert!(!resources.is_empty());
    let mut names = BTreeSet::new();
    for r in resources {
        let rname = r["name"].as_str().expect("resource name");
        assert!(
            names.insert(rname.to_string()),
            "duplicate resource {rname}"
        );
        let path = r["path"].as_str().expect("resource path");
        assert!(
            !path.contains("..") && !path.starts_with('/'),
            "unsafe path {path}"
        );
        let file = dir.join(path);
        assert!(file.exists(), "resource {path} missing");
        let fields = r["schema"]["fields"].as_array().expect("schema.fields");
        let fnames: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        let types: Vec<&str> = fields
            .iter()
            .map(|f| f["type"].as_str().unwrap_or("string"))
            .collect();
        let missing: Vec<String> = r["schema"]["missingValues"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
            .unwrap_or_else(|| vec![String::new()]);
        let mut rdr = csv::Reader::from_path(&file).unwrap();
        let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(
            header, fnames,
            "{path}: header must equal schema field names in order"
        );
        let pk: Vec<usize> = r["schema"]["primaryKey"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|k| {
                        fnames
                            .iter()
                            .position(|n| *n == k.as_str().unwrap())
                            .expect("pk field")
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut keys = BTreeSet::new();
        for (line, rec) in rdr.records().enumerate() {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), fnames.len(), "{path}:{}: column count", line + 2);
            for (i, v) in rec.iter().enumerate() {
                if missing.iter().any(|m| m == v) {
                    continue;
                }
                match types[i] {
                    "number" => assert!(
                        v.parse::<f64>().is_ok_and(f64::is_finite),
                        "{path}:{}: {v} is not a number",
                        line + 2
                    ),
                    "integer" => assert!(v.parse::<i64>().is_ok(), "{path}:{}: {v}", line + 2),
                    "date" => assert!(v.len() == 10 && v.as_bytes()[4] == b'-', "{path}: date {v}"),
                    "string" => {}
                    t => panic!("unexpected type {t}"),
                }
            }
            if !pk.is_empty() {
                let key: Vec<String> = pk
                    .iter()
                    .map(|&i| rec.get(i).unwrap().to_string())
                    .collect();
                assert!(
                    key.iter().all(|k| !k.is_empty()),
                    "{path}: null in primary key"
                );
                assert!(
                    keys.insert(key.clone()),
                    "{path}: duplicate primary key {key:?}"
                );
            }
        }
    }
}

#[test]
fn data_package_validates() {
    let s = fixture_setup();
    for name in ["destination.toml", "origin.toml", "sparse.toml"] {
        let p = load(name);
        let dir = tempfile::tempdir().unwrap();
        let rep = build_profile(
            &p,
            &s.catalogue,
            &s.countries,
            &s.template,
            dir.path(),
            Formats {
                data: true,
                ..Formats::NONE
            },
        )
        .unwrap();
        assert_eq!(rep.files.len(), 3, "only the bundle");
        validate_datapackage(&dir.path().join("data"));
    }
    // The hostile profile too (quotes, pipes, formulas inside CSV cells).
    let p = hostile_profile();
    let dir = tempfile::tempdir().unwrap();
    build_profile(
        &p,
        &s.catalogue,
        &s.countries,
        &s.template,
        dir.path(),
        Formats::ALL,
    )
    .unwrap();
    validate_datapackage(&dir.path().join("data"));
}

#[test]
fn csv_neutralises_formula_text_only() {
    assert_eq!(bundle::neutralise("=SUM(A1)"), "'=SUM(A1)");
    assert_eq!(bundle::neutralise("+1"), "'+1");
    assert_eq!(bundle::neutralise("-x"), "'-x");
    assert_eq!(bundle::neutralise("@x"), "'@x");
    assert_eq!(bundle::neutralise("2020"), "2020");
}

fn quality_sample() -> Quality {
    Quality {
        gaps: vec![Gap {
            indicator: "emi_stock".into(),
            section: "A.4".into(),
            kind: GapKind::Missing,
            rank: 1,
            detail: "No value <at all> & none".into(),
            providers: vec!["un_desa_ims".into()],
        }],
        drafted: vec![ActionItem {
            indicator: "emi_stock".into(),
            action: "Import UN DESA emigrant stock by destination.".into(),
            responsible: "National statistics office".into(),
            priority: "high".into(),
            timeframe: "6 months".into(),
            providers: vec!["un_desa_ims".into()],
            generated: true,
            ..Default::default()
        }],
        scores: vec![IndicatorScore {
            indicator: "imm_stock".into(),
            source: "desa".into(),
            period: "2020".into(),
            scores: vec![DimensionScore {
                dimension: Dimension::Timeliness,
                score: 2,
                evidence: vec![
                    migprof::i18n::Msg::new("ev-footnote-estimate")
                        .arg("footnote", "Reference year 2020, \"two\" years old"),
                ],
            }],
        }],
        conflicts: vec![Conflict {
            key: Observation::new("imm_stock", "2020", 0.0, "desa").key(),
            values: vec![
                ("desa".into(), 15762457.0, vec!["B".into()]),
                ("wb".into(), 15500000.0, vec![]),
            ],
            relative_difference: 0.0169,
            reasons: vec![
                migprof::i18n::Msg::new("rs-partial")
                    .arg("source", "WB")
                    .arg("coverage", "different reference date"),
            ],
            chosen: "desa".into(),
            resolved: false,
        }],
    }
}

#[test]
fn annexes_render_with_empty_and_non_empty_quality_results() {
    let s = fixture_setup();
    let p = load("destination.toml");
    let ctx = Ctx::new(&p, &s.catalogue, &s.countries, &s.template);
    // Empty results.
    let empty = html::render(&report::build_with(&ctx, Quality::default()).unwrap());
    assert!(empty.contains("No data gaps were found for the selected modules."));
    assert!(empty.contains("No quality scores are available."));
    assert!(empty.contains("No indicator has differing values from more than one source."));
    assert!(empty.contains("The data action plan has no entries."));
    // Every annex is present even though the template names only two.
    for t in [
        "Annex 1: Data sources and quality",
        "Annex 2: Statistical tables",
        "Definitions of indicators",
        "Data action plan",
        "Coherence: values from other sources",
    ] {
        assert!(empty.contains(t), "annex {t}");
    }
    // Non-empty results.
    let doc = report::build_with(&ctx, quality_sample()).unwrap();
    let full = html::render(&doc);
    assert!(full.contains("Data gaps, ranked"));
    assert!(full.contains("No value &lt;at all&gt; &amp; none"));
    assert!(full.contains("Data action plan (drafted)"));
    assert!(full.contains("drafted by migprof"));
    assert!(full.contains(
        "title=\"provider footnote: &quot;Reference year 2020, &quot;two&quot; years old&quot;\">2/3</td>"
    ));
    assert!(full.contains("Alternative values from other sources"));
    assert!(full.contains("UN DESA, International Migrant Stock 2020: 15,762,457 (B); World Bank, World Development Indicators: 15,500,000"));
    assert!(full.contains("1.7 %"));
    assert!(full.contains("One data gap is listed in Part D.4"));
    let md = markdown::render(&doc, "svg");
    assert!(md.contains("| 1 | Emigrant stock | A.4 | no data |"));
    // Alternatives go through disclosure control too.
    let mut q = quality_sample();
    let mut key = q.conflicts[0].key.clone();
    key.disaggregation.insert("origin".into(), "JPN".into());
    q.conflicts[0].key = key;
    q.conflicts[0].values = vec![("desa".into(), 3.0, vec![]), ("wb".into(), 4.0, vec![])];
    let sup = html::render(&report::build_with(&ctx, q).unwrap());
    assert!(sup.contains(
        "UN DESA, International Migrant Stock 2020: s; World Bank, World Development Indicators: s"
    ));
}

#[test]
fn sources_annex_lists_provenance() {
    let s = fixture_setup();
    let mut p = load("destination.toml");
    p.sources.push(Source {
        id: "manual".into(),
        provider: "nso".into(),
        dataset: "Census 2022 report".into(),
        citation: Some("NSO (2023), Census 2022, table 4".into()),
        licence: "All rights reserved".into(),
        ..Source::default()
    });
    let dir = tempfile::tempdir().unwrap();
    build_profile(
        &p,
        &s.catalogue,
        &s.countries,
        &s.template,
        dir.path(),
        Formats::ALL,
    )
    .unwrap();
    let html = read(&dir.path().join("report.html"));
    for needle in [
        "3f2a9c0d4e5b6a7980f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b",
        "2024-05-01",
        "CC BY 3.0 IGO",
        "undesa/ims2020.xlsx",
        "NSO (2023), Census 2022, table 4",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    let desc = read(&dir.path().join("data/datapackage.json"));
    assert!(desc.contains("\"CC-BY-4.0\"") && desc.contains("\"CC-BY-3.0-IGO\""));
    assert!(desc.contains("All rights reserved"));
    let sources = read(&dir.path().join("data/sources.csv"));
    assert!(sources.contains("manual,nso,National statistics office,Census 2022 report"));
}

#[test]
fn the_same_profile_renders_byte_identically() {
    let s = fixture_setup();
    let p = load("destination.toml");
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build_profile(
        &p,
        &s.catalogue,
        &s.countries,
        &s.template,
        a.path(),
        Formats::ALL,
    )
    .unwrap();
    build_profile(
        &p,
        &s.catalogue,
        &s.countries,
        &s.template,
        b.path(),
        Formats::ALL,
    )
    .unwrap();
    let fa = files_under(a.path());
    let fb = files_under(b.path());
    assert_eq!(fa.len(), fb.len());
    for (x, y) in fa.iter().zip(&fb) {
        assert_eq!(
            x.strip_prefix(a.path()).unwrap(),
            y.strip_prefix(b.path()).unwrap()
        );
        assert!(
            std::fs::read(x).unwrap() == std::fs::read(y).unwrap(),
            "{} differs",
            x.display()
        );
    }
}

fn small_chart() -> Chart {
    Chart {
        kind: ChartKind::TimeSeries,
        title: "Test series".into(),
        value_label: "Persons".into(),
        axis_label: "Year".into(),
        source_line: "Source: Test provider & co.".into(),
        body: Body::Lines {
            series: vec![Series::solid(
                "Stock",
                vec![(2015.0, 1_000_000.0), (2020.0, 1_500_000.0)],
            )],
        },
        banner: None,
        lang: Default::default(),
    }
}

#[test]
fn snapshot_small_svg_chart() {
    let svg = chart::to_svg(&small_chart()).unwrap();
    assert!(svg.contains("Source: Test provider &amp; co."));
    insta::assert_snapshot!("small_svg_chart", svg);
}

#[test]
fn snapshot_html_key_figures_fragment() {
    let s = fixture_setup();
    let p = load("destination.toml");
    let ctx = Ctx::new(&p, &s.catalogue, &s.countries, &s.template);
    let html = html::render(&report::build_with(&ctx, Quality::default()).unwrap());
    let start = html.find("<div class=\"key-figures\">").unwrap();
    let end = start + html[start..].find("</div>\n</div>").unwrap() + 13;
    insta::assert_snapshot!("html_key_figures", &html[start..end]);
}

#[test]
fn formats_parse() {
    assert_eq!(Formats::parse::<&str>(&[]).unwrap(), Formats::ALL);
    let f = Formats::parse(&["html", "md"]).unwrap();
    assert!(f.html && f.markdown && !f.png && !f.svg && !f.data);
    // PDF is a format of builds with the `pdf` feature; others say how to get it.
    if cfg!(feature = "pdf") {
        assert!(Formats::parse(&["pdf"]).unwrap().pdf);
    } else {
        assert!(
            Formats::parse(&["pdf"])
                .unwrap_err()
                .contains("--features pdf")
        );
    }
    assert!(
        Formats::parse(&["pdfx"])
            .unwrap_err()
            .contains("unknown format `pdfx`")
    );
}

#[test]
fn chart_labels_are_truncated_not_overlapping() {
    let s = fixture_setup();
    let p = load("destination.toml");
    let ctx = Ctx::new(&p, &s.catalogue, &s.countries, &s.template);
    let spec = &s.template.section("A.4").unwrap().chart[0];
    let c = chart::build(&ctx, spec).remove(0).unwrap();
    let svg = chart::to_svg(&c).unwrap();
    assert!(!svg.contains("United Kingdom of Great Britain and Northern Ireland<"));
    assert!(
        svg.contains("United Kingdom of Great…"),
        "long names are cut with an ellipsis"
    );
}

#[test]
fn fixtures_build_with_the_builtin_template_and_catalogue() {
    // Whatever the built-in IOM template and catalogue hold, every fixture renders, the HTML
    // is sound and the data package validates.
    let setup = || Setup {
        catalogue: Catalogue::embedded().unwrap(),
        countries: Countries::embedded().unwrap(),
        template: Template::iom().unwrap(),
    };
    for name in ["destination.toml", "origin.toml", "sparse.toml"] {
        let mut p = load(name);
        let s = setup();
        p.meta.template = "iom".into();
        p.modules = s.template.default_modules();
        let dir = tempfile::tempdir().unwrap();
        build_profile(
            &p,
            &s.catalogue,
            &s.countries,
            &s.template,
            dir.path(),
            Formats::ALL,
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        html_is_sound(&read(&dir.path().join("report.html")), &p, &s);
        validate_datapackage(&dir.path().join("data"));
    }
}
