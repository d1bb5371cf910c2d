//! Series, charts, key figures and sentences of the report (issue 9 items 3, 5, 6, 7 and the
//! coherence annex), one test per rule, on tests/fixtures/soundness/report.toml. The fixture's
//! comments say which block sets up which rule; the figures quoted from issue 9 (18.8 % vs
//! 19.8 %, 116 vs 42, 1 vs 3, 62.2 M vs 79.1 M) are reproduced there.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::profile::{Profile, ProfileFile};
use migprof::quality::series::BreakReason;
use migprof::render::chart::{self, Body, Chart, LineStyle, Series};
use migprof::render::data::Ctx;
use migprof::render::doc::{Block, Doc};
use migprof::render::report;
use migprof::render::statements;
use migprof::render::{BuildOptions, Formats, build_profile_with};
use migprof::template::{ChartKind, ChartSpec, Template};
use std::path::PathBuf;

struct Setup {
    catalogue: Catalogue,
    countries: Countries,
    template: Template,
    profile: Profile,
}

fn setup() -> Setup {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/soundness/report.toml");
    Setup {
        catalogue: Catalogue::embedded().unwrap(),
        countries: Countries::embedded().unwrap(),
        template: Template::iom().unwrap(),
        profile: ProfileFile::load(&path).unwrap().profile,
    }
}

fn ctx(s: &Setup) -> Ctx<'_> {
    Ctx::new(&s.profile, &s.catalogue, &s.countries, &s.template)
}

/// One time-series chart per indicator group of a spec built in the test.
fn charts(ctx: &Ctx, ids: &[&str]) -> Vec<Chart> {
    let spec = ChartSpec {
        kind: ChartKind::TimeSeries,
        title: "Test".into(),
        indicators: ids.iter().map(|s| s.to_string()).collect(),
        dimension: None,
        top: None,
    };
    chart::build(ctx, &spec)
        .into_iter()
        .map(|c| c.unwrap())
        .collect()
}

fn series_named<'c>(c: &'c [Chart], name: &str) -> &'c Series {
    c.iter()
        .find_map(|c| match &c.body {
            Body::Lines { series } => series.iter().find(|s| s.name == name),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no series {name}"))
}

/// Every generated sentence of the document (sections and executive summary).
fn generated(doc: &Doc) -> String {
    let mut out = Vec::new();
    for p in &doc.parts {
        for s in &p.sections {
            for b in &s.blocks {
                if let Block::Generated(t) = b {
                    out.push(t.clone());
                }
            }
        }
    }
    out.join("\n")
}

/// The coherence annex's rows, cells joined by " | ".
fn annex_rows(doc: &Doc) -> Vec<String> {
    let annex = doc
        .parts
        .iter()
        .flat_map(|p| &p.sections)
        .find(|s| s.title.starts_with("Coherence"))
        .unwrap();
    annex
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| t.rows.iter())
        .map(|r| {
            r.iter()
                .map(|c| c.text.clone())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

fn sentence(ctx: &Ctx, id: &str) -> String {
    statements::sentence(ctx, id).unwrap_or_else(|| panic!("no sentence for {id}"))
}

#[test]
fn no_line_across_a_gap() {
    let s = setup();
    let ctx = ctx(&s);
    let c = charts(&ctx, &["refugees_hosted"]);
    let refugees = series_named(&c, "Refugees hosted");
    // 2016 is missing from an otherwise annual series: two lines, 2012-2015 and 2017-2019.
    let spans: Vec<(f64, f64)> = refugees
        .lines
        .iter()
        .map(|l| (l.points[0].0, l.points[l.points.len() - 1].0))
        .collect();
    assert_eq!(spans, vec![(2012.0, 2015.0), (2017.0, 2019.0)]);
    for l in &refugees.lines {
        for w in l.points.windows(2) {
            assert!(w[1].0 - w[0].0 <= 1.0, "a line bridges {w:?}");
        }
    }
}

/// Two values two years apart say nothing of the series' frequency: the year between them is
/// missing, and each value is drawn alone (the German example's migrants recorded dead, 2015
/// and 2017, were joined by a line across 2016).
#[test]
fn two_values_with_a_year_missing_between_them_are_not_joined() {
    let mut s = setup();
    s.profile
        .observations
        .retain(|o| o.indicator != "refugees_hosted" || o.period == "2015" || o.period == "2017");
    let ctx = ctx(&s);
    let c = charts(&ctx, &["refugees_hosted"]);
    let refugees = series_named(&c, "Refugees hosted");
    let lines: Vec<Vec<f64>> = refugees
        .lines
        .iter()
        .map(|l| l.points.iter().map(|p| p.0).collect())
        .collect();
    assert_eq!(lines, vec![vec![2015.0], vec![2017.0]]);
}

#[test]
fn series_of_very_different_size_are_not_on_one_axis() {
    let s = setup();
    let ctx = ctx(&s);
    // Refugees hosted reach 1,146,685, stateless persons 53-111: over 20 times smaller.
    let c = charts(&ctx, &["refugees_hosted", "stateless"]);
    assert_eq!(c.len(), 2, "one chart each");
    for chart in &c {
        let Body::Lines { series } = &chart.body else {
            panic!("lines")
        };
        assert_eq!(series.len(), 1, "{}", chart.title);
    }
}

#[test]
fn a_revision_change_makes_two_segments_and_no_sentence_compares_across_it() {
    let s = setup();
    let ctx = ctx(&s);
    let segs = statements::segments(&ctx, "imm_stock_share");
    assert_eq!(segs.len(), 2);
    assert_eq!(segs[1].reason, Some(BreakReason::Revision));
    assert_eq!(segs[1].revision(), Some("IMS 2024"));
    let c = charts(&ctx, &["imm_stock_share"]);
    let share = series_named(&c, "International migrants as share of population");
    assert_eq!(share.breaks.len(), 1);
    assert_eq!(share.breaks[0].x, 2024.0);
    assert_eq!(share.breaks[0].label, "new revision");
    let doc = report::build(&ctx).unwrap();
    let text = generated(&doc);
    // 18.8 % (IMS 2020, 2020) vs 19.8 % (IMS 2024, 2024) is not a rise.
    assert!(!text.contains("from 18.8 %"), "{text}");
    assert!(!text.contains("rose"), "{text}");
    let one = sentence(&ctx, "imm_stock_share");
    assert!(one.contains("19.8 % in 2024"), "{one}");
    assert!(one.contains("another revision"), "{one}");
}

#[test]
fn a_projection_is_never_latest_and_is_drawn_dashed() {
    let s = setup();
    let ctx = ctx(&s);
    let latest = statements::latest(&ctx, "net_migration").unwrap();
    assert_eq!(latest.obs.period, "2023");
    let card = statements::card(&ctx, "net_migration").unwrap();
    assert_eq!(card.obs.period, "2023");
    let c = charts(&ctx, &["net_migration"]);
    let nm = series_named(&c, "Net migration");
    let dashed: Vec<_> = nm
        .lines
        .iter()
        .filter(|l| l.style == LineStyle::Projection)
        .collect();
    assert_eq!(dashed.len(), 1);
    // The dashed line starts at the last estimate (2023) and runs to 2026.
    let xs: Vec<f64> = dashed[0].points.iter().map(|p| p.0).collect();
    assert_eq!(xs, vec![2023.0, 2024.0, 2025.0, 2026.0]);
    assert!(
        nm.lines
            .iter()
            .filter(|l| l.style == LineStyle::Solid)
            .all(|l| l.points.iter().all(|p| p.0 <= 2023.0))
    );
    let one = sentence(&ctx, "net_migration");
    assert!(
        one.starts_with("Net migration was 663,000 persons in 2023"),
        "{one}"
    );
    assert!(one.contains("Values from 2024 on are projections"), "{one}");
    let svg = chart::to_svg(&c[0]).unwrap();
    assert!(svg.contains("Projection (dashed)"), "legend entry");
}

#[test]
fn a_territory_change_is_a_marked_break() {
    let s = setup();
    let ctx = ctx(&s);
    let segs = statements::segments(&ctx, "pop_total");
    assert_eq!(segs.len(), 2);
    assert_eq!(segs[0].territory(), Some("DEU_FRG"));
    assert_eq!(segs[1].reason, Some(BreakReason::Territory));
    let c = charts(&ctx, &["pop_total"]);
    let pop = series_named(&c, "Total population");
    assert_eq!(pop.breaks.len(), 1);
    assert_eq!(pop.breaks[0].x, 1991.0);
    assert_eq!(pop.breaks[0].label, "new territory");
    // No line joins 1990 (former FRG) to 1991 (whole Germany).
    assert!(pop.lines.iter().all(|l| {
        let xs: Vec<f64> = l.points.iter().map(|p| p.0).collect();
        !(xs.contains(&1990.0) && xs.contains(&1991.0))
    }));
    let one = sentence(&ctx, "pop_total");
    assert!(!one.contains("62.2 M"), "{one}");
    assert!(one.contains("a change of territory"), "{one}");
    let svg = chart::to_svg(&c[0]).unwrap();
    assert!(svg.contains("new territory"), "marker label drawn");
}

#[test]
fn a_value_flagged_b_starts_a_new_segment() {
    let s = setup();
    let ctx = ctx(&s);
    let segs = statements::segments(&ctx, "net_migration_rate");
    assert_eq!(segs.len(), 2);
    assert_eq!(segs[1].reason, Some(BreakReason::Flag));
    assert_eq!(segs[1].points[0].obs.period, "2000");
    let c = charts(&ctx, &["net_migration_rate"]);
    let r = series_named(&c, "Net migration rate");
    assert_eq!(r.breaks[0].x, 2000.0);
    assert_eq!(r.breaks[0].label, "series break");
}

#[test]
fn a_partial_year_is_not_compared() {
    let s = setup();
    let ctx = ctx(&s);
    let doc = report::build(&ctx).unwrap();
    let text = generated(&doc);
    assert!(!text.contains("fell from 116 to 42"), "{text}");
    assert!(!text.contains("-64 %"), "{text}");
    let one = sentence(&ctx, "migrant_deaths");
    assert!(one.contains("116 persons in 2018"), "{one}");
    assert!(
        one.contains(
            "The value for 2019 (42 persons) covers part of the period only (2019-01-01/2019-07-31)"
        ),
        "{one}"
    );
    let c = charts(&ctx, &["migrant_deaths"]);
    let d = series_named(&c, "Migrants dead and missing");
    assert_eq!(d.partial, vec![(2019.0, 42.0)]);
    assert!(
        d.lines
            .iter()
            .all(|l| l.points.iter().all(|p| p.0 < 2019.0))
    );
    assert!(c[0].source_line.contains("part of the period only (2019)"));
}

#[test]
fn small_counts_give_absolute_changes() {
    let s = setup();
    let ctx = ctx(&s);
    let one = sentence(&ctx, "returned_refugees");
    assert!(!one.contains('%'), "{one}");
    assert!(
        one.contains("up from 1 person in 2019 (+2 persons)"),
        "{one}"
    );
    let doc = report::build(&ctx).unwrap();
    assert!(!generated(&doc).contains("+200 %"));
}

#[test]
fn plural_names_take_were() {
    let s = setup();
    let ctx = ctx(&s);
    let one = sentence(&ctx, "asylum_applications");
    assert!(
        one.starts_with("Asylum applications were 250,945 persons in 2024"),
        "{one}"
    );
    let doc = report::build(&ctx).unwrap();
    assert!(!generated(&doc).contains("Asylum applications was"));
}

#[test]
fn a_stale_key_figure_says_latest_available() {
    let s = setup();
    let ctx = ctx(&s);
    let doc = report::build(&ctx).unwrap();
    let figs: Vec<_> = doc
        .parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::KeyFigures(f) => Some(f),
            _ => None,
        })
        .flatten()
        .collect();
    let stock = figs
        .iter()
        .find(|f| f.label == "International migrant stock")
        .unwrap();
    // 2015 is 9 years before 2024, more than the 5 years allowed for a stock.
    assert_eq!(stock.period, "2015");
    assert_eq!(stock.note.as_deref(), Some("latest available: 2015"));
    // The 2014 rate is not put beside the 2023 count without its years.
    let rate = figs
        .iter()
        .find(|f| f.label == "Net migration rate")
        .unwrap();
    assert_eq!(rate.period, "2014");
    assert_eq!(
        rate.note.as_deref(),
        Some("latest available: 2014; Net migration: 2023")
    );
    let html = migprof::render::html::render(&doc);
    assert!(html.contains("latest available: 2015"));
}

#[test]
fn the_justification_appears_in_the_coherence_annex() {
    let s = setup();
    let ctx = ctx(&s);
    let doc = report::build(&ctx).unwrap();
    let rows = annex_rows(&doc);
    let stock = rows
        .iter()
        .find(|r| r.starts_with("International migrant stock | 2015"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(
        stock.contains(
            "Preferred in this profile: The census count is the base from which the UN DESA estimate is derived"
        ),
        "{stock}"
    );
    // No internal ids: source ids and the revision of a value appear only in words.
    for id in ["desa2020", "nso", "owid", "estat", "imm_stock"] {
        assert!(
            !rows.iter().any(|r| r
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w == id)),
            "internal id {id} in the annex: {rows:#?}"
        );
    }
}

#[test]
fn the_coherence_annex_gives_the_true_reason_in_words() {
    let s = setup();
    let ctx = ctx(&s);
    let doc = report::build(&ctx).unwrap();
    let rows = annex_rows(&doc);
    // The likely reasons come once per indicator and cell, with the periods they hold for:
    // "indicator | cell | periods | reason".
    let reason = |indicator: &str, period: &str| {
        rows.iter()
            .find(|r| {
                let cols: Vec<&str> = r.split(" | ").collect();
                cols.len() == 4 && cols[0] == indicator && cols[2].split(", ").any(|p| p == period)
            })
            .unwrap_or_else(|| panic!("no reason for {indicator} {period}: {rows:#?}"))
    };
    let pop = reason("Total population", "1990");
    assert!(
        pop.contains("The values are for different territories: Eurostat, Population and net migration refers to Germany, former Federal Republic (before 3 October 1990), World Bank: World Development Indicators refers to the country's present territory."),
        "{pop}"
    );
    assert!(
        !pop.contains("DEU_FRG") && !pop.contains("concept"),
        "{pop}"
    );
    let share = reason("International migrants as share of population", "2020");
    assert!(
        share.contains("different revisions of the same dataset: UN DESA Population Division: International Migrant Stock, International Migrant Stock 2020 is from the IMS 2020 revision, UN DESA Population Division: International Migrant Stock, International Migrant Stock 2024 via Our World in Data is from the IMS 2024 revision. Each revision re-estimates past years, so the difference is not a change over time."),
        "{share}"
    );
}

#[test]
fn the_banner_appears_in_html_markdown_charts_and_the_data_package() {
    let s = setup();
    let dir = tempfile::tempdir().unwrap();
    let banner = "DRAFT: this profile does not pass check";
    let options = BuildOptions {
        formats: Formats::ALL,
        banner: Some(banner.to_string()),
        ..BuildOptions::new(Formats::ALL)
    };
    build_profile_with(
        &s.profile,
        &s.catalogue,
        &s.countries,
        &s.template,
        dir.path(),
        &options,
    )
    .unwrap();
    let read = |rel: &str| std::fs::read_to_string(dir.path().join(rel)).unwrap();
    let html = read("report.html");
    let at = html.find(banner).expect("banner in HTML");
    assert!(
        at < html.find("<header class=\"title-page\">").unwrap(),
        "at the top"
    );
    assert!(read("report.md").starts_with(&format!("> **{banner}**")));
    assert!(read("data/datapackage.json").contains(banner));
    assert!(read("charts/figure-01.svg").contains(banner));
    // Without a banner, none.
    let plain = tempfile::tempdir().unwrap();
    build_profile_with(
        &s.profile,
        &s.catalogue,
        &s.countries,
        &s.template,
        plain.path(),
        &BuildOptions::new(Formats::ALL),
    )
    .unwrap();
    assert!(
        !std::fs::read_to_string(plain.path().join("report.html"))
            .unwrap()
            .contains("DRAFT")
    );
}

#[test]
fn the_executive_summary_synthesises_with_years_and_sources() {
    let s = setup();
    let ctx = ctx(&s);
    let doc = report::build(&ctx).unwrap();
    let exec = doc
        .parts
        .iter()
        .flat_map(|p| &p.sections)
        .find(|s| s.id.eq_ignore_ascii_case("EXEC"))
        .unwrap();
    let text: String = exec
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Generated(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert!(
        text.contains("Net migration was 663,000 persons in 2023 (World Bank"),
        "{text}"
    );
    assert!(text.contains("more people arrived than left"), "{text}");
    assert!(
        text.contains("Germany hosted 1.1 M refugees in 2019 (UNHCR"),
        "{text}"
    );
}

/// "Top countries of origin" and "main origins" name countries only: KNOMAD's residual group
/// "Other South" (Türkiye's largest cell in 2021) is not a country of origin.
#[test]
fn residual_groups_are_not_top_countries() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("profiles/tur.toml");
    let s = Setup {
        catalogue: Catalogue::embedded().unwrap(),
        countries: Countries::embedded().unwrap(),
        template: Template::iom().unwrap(),
        profile: ProfileFile::load(&path).unwrap().profile,
    };
    let c = ctx(&s);
    let has_residual = s.profile.observations.iter().any(|o| {
        o.indicator == "imm_stock"
            && o.disaggregation.get("origin").map(String::as_str) == Some("Other South")
    });
    assert!(has_residual, "the example holds KNOMAD's residual group");
    let spec = ChartSpec {
        kind: ChartKind::Bars,
        title: "Top countries of origin".into(),
        indicators: vec!["imm_stock".into()],
        dimension: Some("origin".into()),
        top: Some(10),
    };
    let built = chart::build(&c, &spec);
    let Some(Ok(chart)) = built.first() else {
        panic!("{built:?}")
    };
    let Body::Bars { bars } = &chart.body else {
        panic!("bars")
    };
    assert!(
        bars.iter().all(|(l, _)| !l.starts_with("Other")),
        "{bars:?}"
    );
    assert!(
        chart.source_line.contains("Residual groups"),
        "{}",
        chart.source_line
    );
    let summary = statements::synthesis(&c, "Türkiye").join(" ");
    assert!(!summary.contains("Other South"), "{summary}");
    assert!(summary.contains("Bulgaria"), "{summary}");
}
