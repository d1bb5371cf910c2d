//! The generic importer's `columns` layout: presentation tables with banner rows, a multi-row
//! header over merged cells and notes under the data. The real UNICEF "Child migrants and
//! refugees" workbook is read in place with the mapping shipped in indicators/mappings/; a CSV
//! copy of another edition (labels no longer merged, a column more, a thousands separator) is
//! a fixture; mistakes in a mapping are errors naming the entry.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format, ImportError, Outcome, reason};
use migprof::model::Observation;
use migprof::testdata::shared_data;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn try_run(path: &Path, mapping: &Path, country: Option<&str>) -> Result<Outcome, ImportError> {
    let cat = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let ctx = Context {
        catalogue: &cat,
        countries: &countries,
        country,
        include_aggregates: false,
        mapping: Some(mapping),
    };
    ingest::import(path, Some(Format::Generic), &ctx)
}

fn run(path: &Path, mapping: &Path, country: Option<&str>) -> Outcome {
    try_run(path, mapping, country).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn one<'a>(out: &'a Outcome, country: &str, indicator: &str) -> &'a Observation {
    let hits: Vec<&Observation> = out
        .records
        .iter()
        .filter(|r| r.country == country && r.observation.indicator == indicator)
        .map(|r| &r.observation)
        .collect();
    assert_eq!(hits.len(), 1, "{country} {indicator}: {hits:?}");
    hits[0]
}

fn accounted(out: &Outcome) {
    assert_eq!(
        out.rows,
        out.used + out.dropped_total(),
        "{:?}",
        out.dropped
    );
}

#[test]
fn the_unicef_workbook_through_the_shipped_mapping() {
    let Some(p) = shared_data("unicef/Child-migrants-and-refugees.xlsx") else {
        return;
    };
    let mapping = root().join("indicators/mappings/unicef-child-migrants-2016.toml");
    let out = run(&p, &mapping, None);
    // Sheet `Countries`, rows 12-208: 197 countries ("Data are listed for 197 countries").
    assert_eq!(out.rows, 197);
    accounted(&out);
    // Row 123: `MEX, Mexico, 1193, 1, 62, 12339, 10, 3, -, 11, 35, 1, 46, 287, 5`.
    let m = one(&out, "MEX", "imm_stock");
    assert_eq!((m.period.as_str(), m.value), ("2015", 1_193_000.0));
    assert_eq!(m.revision.as_deref(), Some("IMS 2015"));
    assert!(
        m.footnote
            .as_deref()
            .unwrap()
            .contains("in thousands, rounded")
    );
    let kids = one(&out, "MEX", "imm_age_structure");
    assert_eq!(kids.value, 62.0);
    assert_eq!(
        kids.disaggregation.get("age").map(String::as_str),
        Some("0-17")
    );
    assert_eq!(one(&out, "MEX", "emi_stock").value, 12_339_000.0);
    assert_eq!(one(&out, "MEX", "emi_stock_share").value, 10.0);
    assert_eq!(one(&out, "MEX", "refugees_hosted").value, 3_000.0);
    assert_eq!(one(&out, "MEX", "refugees_from").value, 11_000.0);
    // "Aylum seekers by country of asylum" (sic): 1 thousand.
    assert_eq!(one(&out, "MEX", "asylum_seekers").value, 1_000.0);
    assert_eq!(one(&out, "MEX", "idps_stock").value, 287_000.0);
    assert_eq!(
        one(&out, "MEX", "idps_stock").revision.as_deref(),
        Some("IDMC GRID 2016")
    );
    // Row 77 (Germany): IDPs `-` give no value; the row still gives the others.
    assert!(
        !out.records
            .iter()
            .any(|r| r.country == "DEU" && r.observation.indicator == "idps_stock")
    );
    assert_eq!(one(&out, "DEU", "imm_stock").value, 12_006_000.0);
    // Columns the mapping leaves out are counted, one per row with a value; the names column
    // is not a value.
    let origin = "asylum seekers, 2015 / asylum seekers by country of origin / total (thousands)";
    assert!(
        out.unmapped_series.get(origin).is_some_and(|&n| n > 150),
        "{:?}",
        out.unmapped_series
    );
    assert!(
        !out.unmapped_series
            .keys()
            .any(|k| k.contains("countries and areas"))
    );
    // One country: the others counted as other countries.
    let mex = run(&p, &mapping, Some("MEX"));
    assert_eq!(mex.used, 1);
    assert_eq!(mex.dropped.get(reason::OTHER_COUNTRY), Some(&196));
    accounted(&mex);
}

#[test]
fn a_csv_copy_of_another_edition() {
    let dir = root().join("tests/fixtures/generic_book");
    let out = run(
        &dir.join("children-2017.csv"),
        &dir.join("children-2017.toml"),
        None,
    );
    // Four data rows before the blank line; `Note:` under it is not data.
    assert_eq!(out.rows, 4);
    accounted(&out);
    assert_eq!(out.dropped.get(reason::UNKNOWN_COUNTRY), Some(&1), "ZZZ");
    let m = one(&out, "MEX", "imm_stock");
    assert_eq!((m.period.as_str(), m.value), ("2017", 1_224_000.0));
    // "12 964" with the thousands separator.
    assert_eq!(one(&out, "MEX", "emi_stock").value, 12_964_000.0);
    assert_eq!(one(&out, "MEX", "imm_age_structure").value, 58.0);
    // Kosovo's `-` cells are missing; its emigrants are there.
    assert_eq!(one(&out, "XKX", "emi_stock").value, 550_000.0);
    // `x` is not a number: a warning naming the line and column.
    assert!(
        out.warnings
            .iter()
            .any(|w| w.line == 11 && w.message.contains("column 4")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn mapping_mistakes_are_errors_naming_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let base =
        std::fs::read_to_string(root().join("tests/fixtures/generic_book/children-2017.toml"))
            .unwrap();
    let csv = root().join("tests/fixtures/generic_book/children-2017.csv");
    let err = |text: String| {
        let m = dir.path().join("m.toml");
        std::fs::write(&m, text).unwrap();
        match try_run(&csv, &m, None) {
            Ok(o) => panic!("accepted: {:?}", o.records.len()),
            Err(e) => e.to_string(),
        }
    };
    let e = err(base.replace("[\"share of under 18\"]", "[\"share of over 65\"]"));
    assert!(
        e.contains("[[column]] for imm_age_structure: no column header contains"),
        "{e}"
    );
    let e = err(base.replace(
        "[\"by country of origin\", \"total (thousands)\"]",
        "[\"total (thousands)\"]",
    ));
    assert!(
        e.contains("column headers contain") && e.contains("tell them apart"),
        "{e}"
    );
    let e = err(base.replace("header_rows = [5, 7]", "header_rows = [5, 70]"));
    assert!(
        e.contains("header_rows = [5, 70]: the file has no such rows"),
        "{e}"
    );
    let e = err(format!("sheet = \"Countries\"\n{base}"));
    assert!(e.contains("not a workbook"), "{e}");
}
