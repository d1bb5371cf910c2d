//! The displacement, bilateral-matrix and student importers (IDMC, IOM DTM, KNOMAD, UIS) against
//! the real files in ../shared/data, read in place, and small fixtures of other vintages under
//! tests/fixtures/ingest_new. They use the embedded catalogue and country table, so the
//! catalogue's mappings (with their roles) are tested too.
//!
//! Every importer here accounts for each row it reads: rows = used + the dropped reasons.

use assert_cmd::Command;
use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format, ImportError, Outcome, Record, reason};
use migprof::model::Status;
use migprof::testdata::shared_data;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest_new")
        .join(name)
}

fn try_run(path: &Path, country: Option<&str>, aggregates: bool) -> Result<Outcome, ImportError> {
    try_map(path, country, aggregates, None)
}

fn try_map(
    path: &Path,
    country: Option<&str>,
    aggregates: bool,
    mapping: Option<&Path>,
) -> Result<Outcome, ImportError> {
    let cat = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let ctx = Context {
        catalogue: &cat,
        countries: &countries,
        country,
        include_aggregates: aggregates,
        mapping,
    };
    ingest::import(path, None, &ctx)
}

fn run_px(path: &Path, mapping: &str) -> Outcome {
    match try_map(path, None, false, Some(&fixture(mapping))) {
        Ok(o) => o,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn run(path: &Path, country: Option<&str>) -> Outcome {
    match try_run(path, country, false) {
        Ok(o) => o,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn find<'a>(
    out: &'a Outcome,
    country: &str,
    ind: &str,
    period: &str,
    dis: &[(&str, &str)],
) -> &'a Record {
    out.records
        .iter()
        .find(|r| {
            r.country == country
                && r.observation.indicator == ind
                && r.observation.period == period
                && r.observation.disaggregation.len() == dis.len()
                && dis.iter().all(|(k, v)| {
                    r.observation.disaggregation.get(*k).map(String::as_str) == Some(*v)
                })
        })
        .unwrap_or_else(|| panic!("no {country} {ind} {period} {dis:?}"))
}

fn value(out: &Outcome, country: &str, ind: &str, period: &str, dis: &[(&str, &str)]) -> f64 {
    find(out, country, ind, period, dis).observation.value
}

/// rows read = rows used + the sum of the reasons, and something was read.
fn assert_accounted(out: &Outcome, what: &str) {
    assert!(out.rows > 0, "{what}: no rows read");
    assert_eq!(
        out.rows,
        out.used + out.dropped_total(),
        "{what}: rows {} != used {} + dropped {:?}",
        out.rows,
        out.used,
        out.dropped
    );
}

fn dropped(out: &Outcome, why: &str) -> usize {
    out.dropped.get(why).copied().unwrap_or(0)
}

const IDMC_CSV: &str = "idmc/idps_displacement_data.csv";
const IDMC_GIDD: &str = "idmc/IDMC_GIDD_Disasters_Internal_Displacement_Data.xlsx";
const DTM: &str = "iom_dtm/iom_dtm_dtm_nigeria_baseline_assessment_round_38.xlsx";
const KNOMAD: &str = "worldbank_knomad/bilateral_migration_matrix_2021_latest.xlsx";
const UIS: &str = "unesco_uis/data.csv";
const PX: &str = "statistics_sweden/EXEMPEL1.PX";

// ---------------------------------------------------------------- detection

#[test]
fn new_formats_are_detected_from_content() {
    for (rel, want) in [
        (IDMC_CSV, Format::Idmc),
        (IDMC_GIDD, Format::Idmc),
        (DTM, Format::IomDtm),
        (KNOMAD, Format::KnomadMatrix),
        (UIS, Format::Uis),
        (PX, Format::Px),
    ] {
        let Some(p) = shared_data(rel) else { return };
        assert_eq!(ingest::detect(&p).unwrap(), want, "{rel}");
    }
    for (name, want) in [
        ("idmc_2019_vintage_no_hxl.csv", Format::Idmc),
        ("idmc_hxl_other_header.csv", Format::Idmc),
        ("dtm_hxl_other_header.csv", Format::IomDtm),
        ("dtm_no_hxl.csv", Format::IomDtm),
        ("knomad_2017_transposed.xlsx", Format::KnomadMatrix),
        ("idmc_conflict_country_year.xlsx", Format::Idmc),
        ("uis_bdds/EDUN_DATA.csv", Format::Uis),
        ("px_two_languages_utf8.px", Format::Px),
        ("px_windows1252_quarters.px", Format::Px),
    ] {
        // A copy under another name: detection never looks at the file name.
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("download.dat");
        std::fs::copy(fixture(name), &copy).unwrap();
        assert_eq!(ingest::detect(&copy).unwrap(), want, "{name}");
    }
}

// ---------------------------------------------------------------- IDMC

#[test]
fn idmc_hdx_country_year_by_hxl_keeps_the_rounded_figures() {
    let Some(p) = shared_data(IDMC_CSV) else {
        return;
    };
    let out = run(&p, Some("MEX"));
    assert_eq!(out.format, Format::Idmc);
    // Line 1089: MEX,Mexico,2021,379000,379246,29000,28867,19000,18688,23,23
    let stock = find(&out, "MEX", "idps_stock", "2021", &[("cause", "conflict")]);
    assert_eq!(stock.observation.value, 379000.0);
    assert_eq!(
        stock.observation.footnote.as_deref(),
        Some("IDMC figure rounded as published; unrounded: 379246")
    );
    assert_eq!(
        value(&out, "MEX", "idps_stock", "2021", &[("cause", "disaster")]),
        23.0
    );
    assert_eq!(
        value(
            &out,
            "MEX",
            "new_displacements",
            "2021",
            &[("cause", "conflict")]
        ),
        29000.0
    );
    assert_eq!(
        value(
            &out,
            "MEX",
            "new_displacements",
            "2021",
            &[("cause", "disaster")]
        ),
        19000.0
    );
    assert_eq!(
        value(&out, "MEX", "disaster_displacement", "2021", &[]),
        19000.0
    );
    assert_eq!(value(&out, "MEX", "disaster_idps", "2021", &[]), 23.0);
    // Line 1077: MEX,Mexico,2009,8000,8000,,,375000,375000,,  (rounded = raw)
    assert_eq!(
        find(&out, "MEX", "idps_stock", "2009", &[("cause", "conflict")])
            .observation
            .footnote
            .as_deref(),
        Some("IDMC figure as published (rounded)")
    );
    // Line 1076 (2008) has no conflict stock: no value, no zero.
    assert!(
        !out.records
            .iter()
            .any(|r| r.observation.period == "2008" && r.observation.indicator == "idps_stock")
    );
    assert_accounted(&out, IDMC_CSV);
    assert!(dropped(&out, reason::OTHER_COUNTRY) > 1900);
}

#[test]
fn idmc_hdx_all_countries_accounts_for_every_row() {
    let Some(p) = shared_data(IDMC_CSV) else {
        return;
    };
    let out = run(&p, None);
    // 1,965 data rows (wc -l = 1967 minus the header and the HXL row).
    assert_eq!(out.rows, 1965);
    assert_accounted(&out, IDMC_CSV);
    // AB9 (Abyei Area) is not an ISO code: counted, not silently lost.
    assert!(
        dropped(&out, reason::UNKNOWN_COUNTRY) >= 3,
        "{:?}",
        out.dropped
    );
    assert!(out.unmapped_countries.contains_key("AB9"));
    // Rows such as DEU 2010 with every figure empty.
    assert!(dropped(&out, reason::MISSING) > 0);
    // Line 467: DEU,Germany,2013,,,,,53000,52549,,
    assert_eq!(
        value(&out, "DEU", "disaster_displacement", "2013", &[]),
        53000.0
    );
}

#[test]
fn idmc_gidd_events_are_summed_with_their_rounding_said() {
    let Some(p) = shared_data(IDMC_GIDD) else {
        return;
    };
    let out = run(&p, Some("MEX"));
    assert_eq!(out.format, Format::Idmc);
    assert_eq!(out.rows, 22119);
    assert_accounted(&out, IDMC_GIDD);
    // MEX 2021: the 20 event rows of sheet 1_Disaster_Displacement_data (rows 9834..10522),
    // column F (rounded) sums to 18672, column G (raw) to 18688 (python3 over the sheet XML).
    let total = find(&out, "MEX", "disaster_displacement", "2021", &[]);
    assert_eq!(total.observation.value, 18672.0);
    assert_eq!(
        total.observation.footnote.as_deref(),
        Some(
            "Sum of 20 events of the IDMC GIDD, each rounded as published; the unrounded event figures sum to 18688"
        )
    );
    assert_eq!(
        total.observation.revision.as_deref(),
        Some("GIDD, last update May 13, 2025")
    );
    assert_eq!(
        value(
            &out,
            "MEX",
            "new_displacements",
            "2021",
            &[("cause", "disaster")]
        ),
        18672.0
    );
    // Row 9941 is the one earthquake: F9941 = G9941 = 35.
    assert_eq!(
        value(
            &out,
            "MEX",
            "disaster_displacement",
            "2021",
            &[("hazard", "Earthquake")]
        ),
        35.0
    );
    // Row 9943, the one mass movement: F = 480, G = 479.
    let mm = find(
        &out,
        "MEX",
        "disaster_displacement",
        "2021",
        &[("hazard", "Mass Movement")],
    );
    assert_eq!(mm.observation.value, 480.0);
    assert_eq!(
        mm.observation.footnote.as_deref(),
        Some("1 event of the IDMC GIDD, rounded as published; unrounded: 479")
    );
    // Nine floods (F: 12943).
    assert_eq!(
        value(
            &out,
            "MEX",
            "disaster_displacement",
            "2021",
            &[("hazard", "Flood")]
        ),
        12943.0
    );
    // Hazard cells only where the indicator has that breakdown.
    assert!(
        !out.records
            .iter()
            .any(|r| r.observation.indicator == "new_displacements"
                && r.observation.disaggregation.contains_key("hazard"))
    );
    assert!(
        out.notes
            .as_deref()
            .unwrap_or("")
            .contains("LAST UPDATE: May 13, 2025")
    );
}

#[test]
fn idmc_older_vintage_without_hxl_and_its_bad_rows() {
    let out = run(&fixture("idmc_2019_vintage_no_hxl.csv"), None);
    assert_eq!(out.format, Format::Idmc);
    assert_eq!(
        value(&out, "MEX", "idps_stock", "2017", &[("cause", "conflict")]),
        345000.0
    );
    // `Conflict New Displacements` (older spelling of `Conflict Internal Displacements`).
    assert_eq!(
        value(
            &out,
            "MEX",
            "new_displacements",
            "2017",
            &[("cause", "conflict")]
        ),
        20000.0
    );
    assert_eq!(
        value(&out, "MEX", "disaster_displacement", "2017", &[]),
        195000.0
    );
    // No raw column: the footnote does not invent one.
    assert_eq!(
        find(&out, "MEX", "disaster_displacement", "2017", &[])
            .observation
            .footnote
            .as_deref(),
        Some("IDMC figure as published (rounded)")
    );
    assert_eq!(out.rows, 8);
    assert_eq!(out.used, 3); // MEX 2017, MEX 2018, DEU 2017
    assert_eq!(dropped(&out, reason::UNKNOWN_COUNTRY), 1); // AB9
    assert_eq!(dropped(&out, reason::MISSING), 1); // MEX 2016, all empty
    assert_eq!(dropped(&out, reason::DUPLICATE), 1); // second MEX 2017
    assert_eq!(dropped(&out, reason::MALFORMED), 2); // year 20x8; value n/a
    assert_accounted(&out, "idmc fixture");
    // The duplicate's figures were not taken.
    assert_eq!(
        value(&out, "MEX", "disaster_displacement", "2017", &[]),
        195000.0
    );
    assert!(
        out.warnings
            .iter()
            .any(|w| w.line == 6 && w.message.contains("repeated"))
    );
    assert!(
        out.warnings
            .iter()
            .any(|w| w.line == 8 && w.message.contains("n/a"))
    );
}

#[test]
fn idmc_hxl_tags_win_over_any_header() {
    let out = run(&fixture("idmc_hxl_other_header.csv"), Some("MEX"));
    // Columns reordered and headed in French: found by their tags.
    assert_eq!(
        value(&out, "MEX", "idps_stock", "2021", &[("cause", "conflict")]),
        379000.0
    );
    let d = find(&out, "MEX", "disaster_displacement", "2020", &[]);
    assert_eq!(d.observation.value, 101000.0);
    assert_eq!(
        d.observation.footnote.as_deref(),
        Some("IDMC figure rounded as published; unrounded: 100888")
    );
    assert_eq!(out.rows, 2);
    assert_accounted(&out, "idmc hxl fixture");
}

#[test]
fn idmc_conflict_workbook_by_country_year() {
    // Written by make_xlsx_fixtures.py: README first, then the table, headed in the
    // `Total Number of IDPs` spelling.
    let out = run(&fixture("idmc_conflict_country_year.xlsx"), None);
    assert_eq!(out.format, Format::Idmc);
    let s = find(&out, "MEX", "idps_stock", "2022", &[("cause", "conflict")]);
    assert_eq!(s.observation.value, 386000.0);
    assert_eq!(
        s.observation.footnote.as_deref(),
        Some("IDMC figure rounded as published; unrounded: 385900")
    );
    assert_eq!(
        s.observation.revision.as_deref(),
        Some("GIDD, last update May 14, 2024")
    );
    assert_eq!(
        value(
            &out,
            "MEX",
            "new_displacements",
            "2022",
            &[("cause", "conflict")]
        ),
        9200.0
    );
    assert_eq!((out.rows, out.used), (3, 2));
    assert_eq!(dropped(&out, reason::UNKNOWN_COUNTRY), 1);
    assert_accounted(&out, "idmc conflict workbook");
}

// ---------------------------------------------------------------- IOM DTM

#[test]
fn dtm_baseline_national_total_and_admin1() {
    let Some(p) = shared_data(DTM) else { return };
    let out = run(&p, Some("NGA"));
    assert_eq!(out.format, Format::IomDtm);
    // 790 ward rows (A3:AC792); column M (#affected+idps+ind) sums to 2182613, the BORNO rows
    // (State Pcode NG008) to 1629238 (python3 over the sheet XML). Snapshot A3 = 44407 = 2021-07-30.
    assert_eq!(out.rows, 790);
    let total = find(&out, "NGA", "idps_stock", "2021-07", &[]);
    assert_eq!(total.observation.value, 2182613.0);
    let note = total.observation.footnote.as_deref().unwrap();
    assert!(
        note.contains("790 assessed locations of round R38 (snapshot 2021-07-30)"),
        "{note}"
    );
    assert!(
        note.contains("ADAMAWA, BAUCHI, BORNO, GOMBE, TARABA, YOBE"),
        "{note}"
    );
    let borno = find(&out, "NGA", "idps_stock", "2021-07", &[("admin1", "BORNO")]);
    assert_eq!(borno.observation.value, 1629238.0);
    assert!(
        borno
            .observation
            .footnote
            .as_deref()
            .unwrap()
            .contains("pcode NG008")
    );
    assert_eq!(
        value(
            &out,
            "NGA",
            "idps_stock",
            "2021-07",
            &[("admin1", "ADAMAWA")]
        ),
        212486.0
    );
    // By reason (columns T, W, Z, AC tagged #affected+idps+ind+cause+...; in every row they add
    // up to column M): T sums to 2024917, W to 141390, Z to 16306, AC is empty throughout.
    let cause = |c: &str| value(&out, "NGA", "idps_stock", "2021-07", &[("cause", c)]);
    assert_eq!(cause("conflict: insurgency"), 2024917.0);
    assert_eq!(cause("conflict: clash"), 141390.0);
    assert_eq!(cause("disaster"), 16306.0);
    // The household column (L) is not read as an IDP count; no `other` cell from an empty column.
    assert_eq!(
        out.records.len(),
        10,
        "one national total, six states, three reasons: {:?}",
        out.records
            .iter()
            .map(|r| &r.observation.disaggregation)
            .collect::<Vec<_>>()
    );
    assert_accounted(&out, DTM);
}

/// The embedded catalogue's `migprof`, run in `dir`.
fn migprof_in(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("migprof").unwrap();
    c.current_dir(dir).env_remove("MIGPROF_CATALOGUE");
    c
}

#[test]
fn dtm_admin1_values_pass_check_in_a_profile() {
    let Some(p) = shared_data(DTM) else { return };
    let d = tempfile::tempdir().unwrap();
    migprof_in(d.path())
        .args(["new", "--country", "NGA", "--out", "p.toml"])
        .assert()
        .success();
    // The real file is read in place (absolute path), never copied.
    migprof_in(d.path())
        .arg("import")
        .arg(&p)
        .args(["--profile", "p.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("added 10 values to p.toml"));
    let text = std::fs::read_to_string(d.path().join("p.toml")).unwrap();
    // Six states (ADAMAWA ... YOBE) as `admin1` cells of idps_stock.
    let saved = migprof::profile::Profile::from_toml(&text, "p.toml").unwrap();
    let states: Vec<&str> = saved
        .observations
        .iter()
        .filter_map(|o| o.disaggregation.get("admin1").map(String::as_str))
        .collect();
    assert_eq!(states.len(), 6, "{text}");
    assert!(states.contains(&"BORNO"), "{text}");
    // Before `admin1` was allowed for idps_stock this failed with "`idps_stock` cannot be
    // disaggregated by `admin1`".
    migprof_in(d.path())
        .args(["check", "p.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("p.toml: ok"));
}

#[test]
fn dtm_hxl_present_with_another_header() {
    let out = run(&fixture("dtm_hxl_other_header.csv"), None);
    assert_eq!(value(&out, "NGA", "idps_stock", "2021-07", &[]), 157.0);
    assert_eq!(
        value(&out, "NGA", "idps_stock", "2021-07", &[("admin1", "BORNO")]),
        150.0
    );
    assert_eq!(
        value(&out, "NGA", "idps_stock", "2021-07", &[("admin1", "YOBE")]),
        7.0
    );
    assert_eq!(
        value(&out, "NER", "idps_stock", "2021-07", &[("admin1", "DIFFA")]),
        30.0
    );
    assert_eq!(out.rows, 5);
    assert_eq!(dropped(&out, reason::MISSING), 1); // YOBE with no individuals figure
    assert_accounted(&out, "dtm hxl fixture");
}

#[test]
fn dtm_hxl_absent_uses_the_header() {
    let out = run(&fixture("dtm_no_hxl.csv"), Some("NGA"));
    assert_eq!(out.format, Format::IomDtm);
    assert_eq!(
        value(
            &out,
            "NGA",
            "idps_stock",
            "2021-07",
            &[("admin1", "ADAMAWA")]
        ),
        5274.0
    );
    assert_eq!(dropped(&out, reason::MALFORMED), 2); // `x` as a count; `later` as a date
    assert!(
        out.warnings
            .iter()
            .any(|w| w.line == 4 && w.message.contains("\"x\""))
    );
    assert_accounted(&out, "dtm header fixture");
}

// ---------------------------------------------------------------- KNOMAD

#[test]
fn knomad_matrix_gives_mexico_its_emigrants_and_immigrants() {
    let Some(p) = shared_data(KNOMAD) else { return };
    let out = run(&p, Some("MEX"));
    assert_eq!(out.format, Format::KnomadMatrix);
    // Sheet `BRM 2021`: row 129 = Mexico (origin), column GY = United States, HM = World.
    let us = find(&out, "MEX", "emi_stock", "2021", &[("destination", "USA")]);
    assert_eq!(us.observation.value, 10924662.0); // GY129
    assert_eq!(
        us.observation.revision.as_deref(),
        Some("KNOMAD bilateral matrix 2021")
    );
    assert_eq!(value(&out, "MEX", "emi_stock", "2021", &[]), 11267241.0); // HM129
    // Column of Mexico: immigrants by origin; the World row (222) is the total.
    assert_eq!(value(&out, "MEX", "imm_stock", "2021", &[]), 1197624.0);
    assert_eq!(
        value(&out, "MEX", "imm_stock", "2021", &[("origin", "USA")]),
        799248.0
    );
    // Residual groups stay as published.
    assert!(out.records.iter().any(|r| {
        r.observation
            .disaggregation
            .get("origin")
            .map(String::as_str)
            == Some("Other North")
    }));
    // The matrix's own spellings (a hyphen lost, older World Bank names) resolve through the
    // country table's aliases: none is left unmapped (headers CD, GL, BN, CZ of row 2 and rows
    // 83, 195, 67, 105), and they become partner codes: BN129 (Mexico -> Faeroe Islands) = 23,
    // DX105 (Korea, Dem. Rep. -> Mexico) = 1885.
    for name in [
        "GuineaBissau",
        "TimorLeste",
        "Faeroe Islands",
        "Korea, Dem. Rep.",
    ] {
        assert!(!out.unmapped_countries.contains_key(name), "{name}");
    }
    assert_eq!(
        value(&out, "MEX", "emi_stock", "2021", &[("destination", "FRO")]),
        23.0
    );
    assert_eq!(
        value(&out, "MEX", "imm_stock", "2021", &[("origin", "PRK")]),
        1885.0
    );
    assert_accounted(&out, KNOMAD);
    assert_eq!(out.rows, 220 * 220);
    assert!(dropped(&out, reason::MISSING) > 0);
}

#[test]
fn knomad_all_countries_and_the_ellipsis_cell() {
    let Some(p) = shared_data(KNOMAD) else { return };
    let out = run(&p, None);
    assert_accounted(&out, KNOMAD);
    // DF76 (Ghana row) holds `…`: a missing-value marker, not a number and not a warning.
    assert!(out.warnings.is_empty(), "{:?}", out.warnings.first());
    let gha_to_any = out
        .records
        .iter()
        .filter(|r| r.country == "GHA" && r.observation.indicator == "emi_stock")
        .count();
    assert!(gha_to_any > 10);
}

#[test]
fn knomad_other_orientation_and_vintage() {
    let out = run(&fixture("knomad_2017_transposed.xlsx"), Some("MEX"));
    // Origins across: the column of Mexico is its emigrants.
    assert_eq!(
        value(&out, "MEX", "emi_stock", "2017", &[("destination", "USA")]),
        11000000.0
    );
    assert_eq!(value(&out, "MEX", "emi_stock", "2017", &[]), 11500000.0);
    assert_eq!(
        value(&out, "MEX", "imm_stock", "2017", &[("origin", "GTM")]),
        40000.0
    );
    assert_eq!(value(&out, "MEX", "imm_stock", "2017", &[]), 1000000.0);
    assert_eq!(out.rows, 16);
    assert_accounted(&out, "knomad fixture");
}

// ---------------------------------------------------------------- UIS

#[test]
fn uis_inbound_students_with_qualifiers_and_the_indicator_list() {
    let Some(p) = shared_data(UIS) else { return };
    let out = run(&p, Some("DEU"));
    assert_eq!(out.format, Format::Uis);
    // Line 863: 26637,DEU,2020,368717,,
    let v = find(&out, "DEU", "students_inbound", "2020", &[]);
    assert_eq!(v.observation.value, 368717.0);
    assert_eq!(
        v.observation.revision.as_deref(),
        Some("UIS February 2025 Data Release")
    );
    assert!(
        out.notes
            .as_deref()
            .unwrap_or("")
            .contains("26637: Total inbound internationally mobile students, both sexes (number)")
    );
    assert_accounted(&out, UIS);
    let all = run(&p, None);
    assert_eq!(all.rows, 9186);
    assert_accounted(&all, UIS);
    // MENF.5T8 (net flow) has no catalogue indicator: 2,307 rows, counted.
    assert_eq!(dropped(&all, reason::NOT_IN_CATALOGUE), 2307);
    assert!(dropped(&all, reason::AGGREGATE) > 0);
    // A UIS estimate: qualifier kept as a flag and the status set.
    let est = all
        .records
        .iter()
        .find(|r| r.observation.flags.iter().any(|f| f == "UIS_EST"))
        .expect("a UIS_EST value");
    assert_eq!(est.observation.status, Some(Status::Estimate));
}

#[test]
fn uis_older_bdds_layout_and_magnitudes() {
    let out = run(&fixture("uis_bdds/EDUN_DATA.csv"), None);
    assert_eq!(out.format, Format::Uis);
    assert_eq!(value(&out, "MEX", "students_inbound", "2019", &[]), 33271.0);
    let est = find(&out, "MEX", "students_inbound", "2021", &[]);
    assert_eq!(est.observation.value, 51394.0);
    assert_eq!(est.observation.flags, vec!["UIS_EST".to_string()]);
    // NIL is a published zero; NA (not applicable) is not a value.
    let nil = find(&out, "MEX", "students_inbound", "2022", &[]);
    assert_eq!(
        (nil.observation.value, nil.observation.flags.clone()),
        (0.0, vec!["NIL".to_string()])
    );
    assert!(!out.records.iter().any(|r| r.observation.period == "2020"));
    assert_eq!(dropped(&out, reason::MISSING), 1);
    assert_eq!(dropped(&out, reason::AGGREGATE), 1);
    assert_eq!(dropped(&out, reason::DUPLICATE), 1);
    assert_eq!(dropped(&out, reason::NOT_IN_CATALOGUE), 1);
    assert_accounted(&out, "uis fixture");
    // The label file beside the data names the code.
    assert!(
        out.notes
            .as_deref()
            .unwrap_or("")
            .contains("26637: Total inbound")
    );
}

// ---------------------------------------------------------------- PC-Axis

#[test]
fn px_scb_example_by_mapping() {
    let Some(p) = shared_data(PX) else { return };
    let out = run_px(&p, "px_exempel1.toml");
    assert_eq!(out.format, Format::Px);
    // DATA line 1 = stub rows (00 Sweden, 20), (00, 21), (00, 22), each over the heading
    // cells (2003: Inmigrated men, women; Outmigrated men, women):
    //   456 "." 223 327 | 613 "-" 305 464 | 835 "..." 325 511
    let m = [("sex", "M"), ("age", "20")];
    assert_eq!(value(&out, "SWE", "imm_inflow", "2003", &m), 456.0);
    assert_eq!(
        value(
            &out,
            "SWE",
            "emi_outflow",
            "2003",
            &[("sex", "F"), ("age", "20")]
        ),
        327.0
    );
    assert_eq!(
        value(
            &out,
            "SWE",
            "imm_inflow",
            "2003",
            &[("sex", "M"), ("age", "22")]
        ),
        835.0
    );
    // The women's in-migration cells are the symbols ".", "-", "...": no value, no zero.
    assert!(
        !out.records
            .iter()
            .any(|r| r.observation.indicator == "imm_inflow"
                && r.observation.disaggregation.get("sex").map(String::as_str) == Some("F"))
    );
    // 48 cells = 4 regions x 3 ages x 1 period x 2 types x 2 sexes.
    assert_eq!(out.rows, 48);
    assert_eq!(out.used, 9);
    assert_eq!(dropped(&out, reason::MISSING), 3);
    assert_eq!(dropped(&out, reason::NOT_IN_CATALOGUE), 36); // the three other regions
    assert_accounted(&out, PX);
    // CODEPAGE="ISO-8859-1": decoded (encoding_rs reads it as windows-1252, a superset).
    assert!(
        out.notes
            .as_deref()
            .unwrap()
            .contains("Read as windows-1252")
    );
}

#[test]
fn px_second_language_and_monthly_periods() {
    let out = run_px(
        &fixture("px_two_languages_utf8.px"),
        "px_two_languages_sv.toml",
    );
    assert_eq!(out.dataset, "Invandring efter kön och månad");
    assert_eq!(value(&out, "SWE", "imm_inflow", "2008M01", &[]), 2200.0);
    assert_eq!(
        value(&out, "SWE", "imm_inflow", "2008M01", &[("sex", "M")]),
        1200.0
    );
    assert_eq!(
        value(&out, "SWE", "imm_inflow", "2008M02", &[("sex", "M")]),
        1100.0
    );
    assert_eq!(
        value(&out, "SWE", "imm_inflow", "2008M01", &[("sex", "F")]),
        1000.0
    );
    assert_eq!(out.records.len(), 4); // women February `..`, total February `-`
    assert_eq!(dropped(&out, reason::MISSING), 2);
    assert_accounted(&out, "px sv");
    // The Swedish note, continued over two quoted lines, is joined.
    assert!(
        out.notes
            .as_deref()
            .unwrap()
            .contains("Siffrorna för den senaste månaden är preliminära.")
    );
}

#[test]
fn px_windows_1252_quarters_and_eliminated_variables() {
    let out = run_px(
        &fixture("px_windows1252_quarters.px"),
        "px_windows1252.toml",
    );
    assert_eq!(out.dataset, "Utvandrade efter län och kvartal");
    assert_eq!(value(&out, "SWE", "emi_outflow", "2008Q2", &[]), 310.0);
    assert_eq!(out.records.len(), 1); // 2008Q1 is "...."
    assert_eq!(dropped(&out, reason::NOT_IN_CATALOGUE), 2); // Göteborgs kommun
    assert_accounted(&out, "px 1252");
}

#[test]
fn px_mapping_problems_are_clear() {
    let p = fixture("px_two_languages_utf8.px");
    let e = try_map(&p, None, false, None).unwrap_err().to_string();
    assert!(e.contains("--mapping"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.toml");
    std::fs::write(
        &m,
        "provider = \"gov_nso_register\"\ncountry = \"SWE\"\n[[series]]\nindicator = \"imm_inflow\"\nselect = { month = \"2008M01\" }\n",
    )
    .unwrap();
    // `sex` is neither selected nor a breakdown: its ELIMINATION value (total) is selected.
    let out = try_map(&p, None, false, Some(&m)).unwrap();
    assert_eq!(out.records.len(), 1);
    assert_eq!(value(&out, "SWE", "imm_inflow", "2008M01", &[]), 2200.0);
    std::fs::write(
        &m,
        "provider = \"gov_nso_register\"\ncountry = \"SWE\"\n[[series]]\nindicator = \"imm_inflow\"\nselect = { sex = \"children\" }\n",
    )
    .unwrap();
    let e = try_map(&p, None, false, Some(&m)).unwrap_err().to_string();
    assert!(
        e.contains("m.toml") && e.contains("no value \"children\""),
        "{e}"
    );
    // A DATA block that does not fit the variables: file and line.
    let bad = dir.path().join("bad.px");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("2200 \"-\";", "2200;");
    std::fs::write(&bad, text).unwrap();
    let e = try_map(
        &bad,
        None,
        false,
        Some(&fixture("px_two_languages_sv.toml")),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("bad.px:28:") && e.contains("DATA has 5 cells"),
        "{e}"
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn bad_files_give_errors_naming_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.csv");
    std::fs::write(&p, "ISO3,Name,Population\nMEX,Mexico,1\n").unwrap();
    let cat = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let ctx = Context {
        catalogue: &cat,
        countries: &countries,
        country: None,
        include_aggregates: false,
        mapping: None,
    };
    let e = ingest::import(&p, Some(Format::Idmc), &ctx)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("t.csv:1:") && e.contains("no year column"),
        "{e}"
    );
    let e = ingest::import(&p, Some(Format::Uis), &ctx)
        .unwrap_err()
        .to_string();
    assert!(e.contains("t.csv:1:") && e.contains("indicatorId"), "{e}");
    let e = ingest::import(&p, Some(Format::KnomadMatrix), &ctx)
        .unwrap_err()
        .to_string();
    assert!(e.contains("t.csv") && e.contains("workbook"), "{e}");
    let e = ingest::import(&p, Some(Format::IomDtm), &ctx)
        .unwrap_err()
        .to_string();
    assert!(e.contains("t.csv:1:"), "{e}");
}

/// Prints the accounting of every real file (run with `--nocapture` to see it).
#[test]
fn accounting_of_every_real_file() {
    for (rel, mapping) in [
        (IDMC_CSV, None),
        (IDMC_GIDD, None),
        (DTM, None),
        (KNOMAD, None),
        (UIS, None),
        (PX, Some("px_exempel1.toml")),
    ] {
        let Some(p) = shared_data(rel) else { return };
        for country in [None, Some("MEX"), Some("NGA")] {
            let m = mapping.map(fixture);
            let out = try_map(&p, country, false, m.as_deref()).unwrap();
            assert_accounted(&out, rel);
            println!(
                "{rel} {country:?}: rows {} used {} dropped {:?}",
                out.rows, out.used, out.dropped
            );
        }
    }
}
