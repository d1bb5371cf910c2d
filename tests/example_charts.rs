//! The example profiles in profiles/ (real data): every chart kind the template asks for is
//! either drawn (SVG and PNG) or skipped with a stated reason — never an empty frame — and the
//! kinds the real files can feed (time series, bars of partners, small multiples) are drawn.
//! The age-sex pyramid needs migrants by age, which no file in ../shared/data has; it is drawn
//! from the render fixtures in tests/render.rs and recorded as a gap here.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::profile::ProfileFile;
use migprof::render::{chart, data::Ctx, report};
use migprof::template::{ChartKind, Template};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn example_profiles() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_chart_kind_is_drawn_or_skipped_with_a_reason_for_every_example() {
    let cat = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let paths = example_profiles();
    assert!(paths.len() >= 3, "at least three example profiles");
    for path in paths {
        let profile = ProfileFile::load(&path).unwrap().profile;
        let template = Template::named(&profile.meta.template).unwrap();
        let ctx = Ctx::new(&profile, &cat, &countries, &template);
        let doc = report::build(&ctx).unwrap();
        let drawn: BTreeSet<ChartKind> = doc.figures.iter().map(|f| f.chart.kind).collect();
        for kind in [ChartKind::TimeSeries, ChartKind::Bars, ChartKind::Multiples] {
            assert!(
                drawn.contains(&kind),
                "{}: no {kind:?} chart drawn",
                path.display()
            );
        }
        for f in &doc.figures {
            assert!(
                f.svg.starts_with("<svg"),
                "{}: {}",
                path.display(),
                f.chart.title
            );
            assert!(
                f.svg.contains("Source:"),
                "{}: {} has no source line",
                path.display(),
                f.chart.title
            );
            let png = chart::png_bytes(&f.chart).unwrap();
            assert!(
                png.starts_with(b"\x89PNG") && png.len() > 2000,
                "{}",
                f.chart.title
            );
        }
        // Every chart of the selected sections is accounted for: drawn or skipped with a reason.
        let wanted: Vec<_> = template
            .sections()
            .filter(|s| template.is_selected(s, &profile.modules))
            .flat_map(|s| s.chart.iter())
            .collect();
        for spec in wanted {
            let is_drawn = doc.figures.iter().any(|f| f.spec == spec.title);
            let is_skipped = doc.skipped.iter().any(|s| s.contains(&spec.title));
            assert!(
                is_drawn || is_skipped,
                "{}: chart {:?} neither drawn nor recorded as skipped",
                path.display(),
                spec.title
            );
            if spec.kind == ChartKind::Pyramid && !is_drawn {
                assert!(
                    doc.skipped
                        .iter()
                        .any(|s| s.contains(&spec.title) && s.contains("age"))
                );
            }
        }
    }
}

/// A build draws each figure while the document is still being written, on whichever core is
/// free, and puts the drawings back in figure order: every `charts/figure-NN` file is the
/// drawing of figure NN of the document, byte for byte, for SVG and PNG.
#[test]
fn a_build_writes_each_figure_under_its_own_number() {
    use migprof::render::{Formats, build_profile};
    let cat = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    for path in example_profiles() {
        let profile = ProfileFile::load(&path).unwrap().profile;
        let template = Template::named(&profile.meta.template).unwrap();
        let ctx = Ctx::new(&profile, &cat, &countries, &template);
        let doc = report::build(&ctx).unwrap();
        assert!(doc.figures.len() >= 5, "{}", path.display());
        let out = tempfile::tempdir().unwrap();
        let formats = Formats::parse(&["svg", "png", "docx"]).unwrap();
        build_profile(&profile, &cat, &countries, &template, out.path(), formats).unwrap();
        for f in &doc.figures {
            let svg = std::fs::read_to_string(out.path().join(format!("charts/{}.svg", f.stem)));
            assert_eq!(svg.unwrap(), f.svg, "{}: {}", path.display(), f.stem);
            let png = std::fs::read(out.path().join(format!("charts/{}.png", f.stem))).unwrap();
            assert!(
                png == chart::png_bytes(&f.chart).unwrap(),
                "{}: {} is not the PNG of its figure",
                path.display(),
                f.stem
            );
        }
        let n = std::fs::read_dir(out.path().join("charts"))
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with("figure-")
            })
            .count();
        assert_eq!(n, 2 * doc.figures.len(), "{}", path.display());
        // The DOCX's text is written while the charts are drawn, its pictures added after:
        // the same bytes as writing it whole from the drawn document.
        let word = std::fs::read(out.path().join("report.docx")).unwrap();
        assert!(
            word == migprof::render::docx::render(&doc).unwrap(),
            "{}: report.docx differs from the document's",
            path.display()
        );
        let sizes: Vec<_> = doc.figures.iter().map(|f| chart::size(&f.chart)).collect();
        let short = migprof::render::docx::prepare(&doc, &sizes)
            .unwrap()
            .finish(&[]);
        assert!(short.unwrap_err().to_string().contains("0 pictures for"));
    }
}
