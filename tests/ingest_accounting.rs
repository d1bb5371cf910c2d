//! Row accounting of the existing importers (World Bank, UN DESA, UNHCR, SDMX-CSV, Eurostat,
//! ILOSTAT, OWID, generic): every row an importer reads is used or dropped for a named reason,
//! `rows == used + sum(dropped)`, for every real file in ../shared/data, with and without a
//! country; and repeated provider rows are found (identical: counted once with a warning naming
//! both lines; same key with other values: an error naming both lines), on small fixtures under
//! tests/fixtures/accounting made from real lines.
//!
//! What a row is, per format: a CSV data line (blank lines are not rows; preamble, header and
//! DataBank footer lines are not rows); for wide files (World Bank, WPP is long) each line is one
//! row whatever the number of year cells; for the UN DESA workbook each data row of each table.
//! A row is used when it gave at least one value.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, ImportError, Outcome, reason};
use migprof::testdata::shared_data;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/accounting")
        .join(name)
}

fn try_run(path: &Path, country: Option<&str>) -> Result<Outcome, ImportError> {
    let cat = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let ctx = Context {
        catalogue: &cat,
        countries: &countries,
        country,
        include_aggregates: false,
        mapping: None,
    };
    ingest::import(path, None, &ctx)
}

fn run(path: &Path, country: Option<&str>) -> Outcome {
    try_run(path, country).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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

/// Every real file read by these importers (not Missing Migrants, not the new formats, which
/// tests/ingest_new.rs covers), with the DataBank corridor export (sending x receiving
/// countries, semiannual and quarterly columns) and the Stats NZ Infoshare table.
const REAL: &[&str] = &[
    "worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv",
    "worldbank/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv",
    "worldbank/API_BM.TRF.PWKR.CD.DT_DS2_en_csv_v2_3012027.csv",
    "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
    "undesa/UN_MigrantStockTotal_2019.xlsx",
    "undesa/WPP2019_Period_Indicators_Medium.csv",
    "unhcr/asylum-applications.csv",
    "unhcr/asylum-decisions.csv",
    "unhcr/asylum-decisions_origin-aggregate.csv",
    "unhcr/footnotes.csv",
    "unhcr/population.csv",
    "unhcr/solutions.csv",
    "unhcr/unhcr_popstats_export_persons_of_concern_all_data.csv",
    "sdmx/International-migration-database.csv",
    "oecd/OECD.ELS.IMD,DSD_MIG@DF_MIG,1.0+ITA..A.B11.csv",
    "istat/Immigrants - citizenship (IT1,28_185_DF_DCIS_MIGRAZIONI_2,1.0).csv",
    "eurostat/asylum_applicants_total.csv",
    "eurostat/demo_gind.tsv",
    "eurostat/migr_asyappctza_allcitizenships.csv",
    "eurostat/migr_asydcfsta_2017-04-26.csv",
    "ilo/EMP_NIFL_SEX_RT_A-20240726T0000.csv",
    "owid/migrant-stock-share.csv",
    "worldbank/36d1ed87-9a2d-41da-8eac-c1c25d45fa65_Data.csv",
    "stats_nz/ITM552105_20200603_110236_41.csv",
];

/// Prints the accounting of every real file (`--nocapture` to see it).
#[test]
fn accounting_of_every_real_file() {
    for rel in REAL {
        let Some(p) = shared_data(rel) else { return };
        for country in [None, Some("MEX"), Some("DEU"), Some("ITA")] {
            let out = match try_run(&p, country) {
                Ok(o) => o,
                Err(e) => panic!("{rel} {country:?}: {e}"),
            };
            println!(
                "{rel} [{}] {country:?}: rows {} used {} dropped {:?}",
                out.format, out.rows, out.used, out.dropped
            );
            // Values left out after the rows were counted (a breakdown the catalogue does not
            // have, a key given twice): counted apart, in `unmapped_series` and a warning.
            for (k, n) in &out.unmapped_series {
                if k.contains("breakdown not in the catalogue") {
                    println!("    values left out: {k}: {n}");
                }
            }
            for w in out
                .warnings
                .iter()
                .filter(|w| w.message.contains("were left out"))
            {
                println!("    {}", w.message);
            }
            assert_accounted(&out, rel);
        }
    }
}

/// A country filter only moves rows from used to "another country": the real UNHCR population
/// table gives the same total either way, and every MEX row of it is used.
#[test]
fn country_filter_moves_rows_to_another_country() {
    let Some(p) = shared_data("unhcr/population.csv") else {
        return;
    };
    let all = run(&p, None);
    let mex = run(&p, Some("MEX"));
    assert_eq!(all.rows, mex.rows);
    assert_eq!(all.used, all.rows); // every row has an ISO asylum and origin
    assert_eq!(
        mex.used + dropped(&mex, reason::OTHER_COUNTRY),
        mex.rows,
        "{:?}",
        mex.dropped
    );
}

fn warned(out: &Outcome, line: usize, parts: &[&str]) -> bool {
    out.warnings
        .iter()
        .any(|w| w.line == line && parts.iter().all(|p| w.message.contains(p)))
}

fn value(out: &Outcome, country: &str, period: &str) -> Option<f64> {
    out.records
        .iter()
        .find(|r| r.country == country && r.observation.period == period)
        .map(|r| r.observation.value)
}

/// Real lines of API_SM.POP.NETM (Aruba, Mexico, Costa Rica; years 1960-1962 kept) with a
/// `10000` year column, Aruba's 1961 replaced by 9223372036854775807 and Mexico's line repeated.
#[test]
fn world_bank_duplicate_unreadable_year_and_huge_value() {
    let out = run(&fixture("wb_api_dup.csv"), None);
    assert_accounted(&out, "wb_api_dup");
    assert_eq!(out.rows, 4);
    assert_eq!(out.used, 2); // Aruba (1960, 1962) and Mexico's first line
    assert_eq!(dropped(&out, reason::DUPLICATE), 1); // Mexico's second line (9)
    assert_eq!(dropped(&out, reason::PERIOD_UNREADABLE), 1); // Costa Rica: only `10000`
    // Header (line 5), column 8 `10000`.
    assert!(
        warned(&out, 5, &["column 8", "\"10000\"", "not a period"]),
        "{:?}",
        out.warnings
    );
    // Line 6, Aruba 1961: refused, never stored as 9223372036854776000.
    assert!(warned(&out, 6, &["1961", "9223372036854775807", "refused"]));
    assert_eq!(value(&out, "ABW", "1961"), None);
    assert_eq!(value(&out, "ABW", "1962"), Some(-609.0));
    assert_eq!(dropped(&out, reason::MALFORMED), 0); // Aruba's row gave other values
    // Mexico 1960 is -90381 once, not doubled.
    assert_eq!(value(&out, "MEX", "1960"), Some(-90381.0));
    let mex_1960 = out
        .records
        .iter()
        .filter(|r| r.country == "MEX" && r.observation.period == "1960")
        .count();
    assert_eq!(mex_1960, 1);
    assert!(warned(
        &out,
        9,
        &["wb_api_dup.csv:9", "wb_api_dup.csv:7", "MEX SM.POP.NETM"]
    ));
}

/// Mexico's line again with 1962 = -59834 instead of -59833: an error naming both lines.
#[test]
fn world_bank_conflicting_rows_are_an_error() {
    let e = try_run(&fixture("wb_api_conflict.csv"), None)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("wb_api_conflict.csv:6") && e.contains("wb_api_conflict.csv:8"),
        "{e}"
    );
    // With the country filter of another country the rows are never compared.
    let out = run(&fixture("wb_api_conflict.csv"), Some("CRI"));
    assert_eq!((out.used, dropped(&out, reason::OTHER_COUNTRY)), (1, 2));
}

/// A DataBank export with Germany's row repeated (lines 2 and 3); footer lines are not rows.
#[test]
fn databank_duplicate_row() {
    let out = run(&fixture("wb_databank_dup.csv"), None);
    assert_accounted(&out, "wb_databank_dup");
    assert_eq!((out.rows, out.used), (2, 1));
    assert_eq!(dropped(&out, reason::DUPLICATE), 1);
    assert!(warned(
        &out,
        3,
        &["wb_databank_dup.csv:3", "wb_databank_dup.csv:2"]
    ));
    assert_eq!(value(&out, "DEU", "2016"), Some(392587.0));
}

/// WPP 2019 lines of Mexico (1950-1955, 1955-1960), the first repeated as line 4.
#[test]
fn wpp_duplicate_and_conflict() {
    let out = run(&fixture("wpp_dup.csv"), None);
    assert_accounted(&out, "wpp_dup");
    assert_eq!((out.rows, out.used), (3, 2));
    assert_eq!(dropped(&out, reason::DUPLICATE), 1);
    assert!(warned(&out, 4, &["wpp_dup.csv:4", "wpp_dup.csv:2"]));
    // The repeated line with NetMigrations -231.908 instead of -231.909.
    let e = try_run(&fixture("wpp_conflict.csv"), None)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("wpp_conflict.csv:2") && e.contains("wpp_conflict.csv:4"),
        "{e}"
    );
}

/// ILOSTAT lines 2121-2123 of EMP_NIFL_SEX_RT_A (Mexico 2023 by sex), the male line repeated.
#[test]
fn ilostat_duplicate_and_conflict() {
    let out = run(&fixture("ilo_dup.csv"), None);
    assert_accounted(&out, "ilo_dup");
    assert_eq!((out.rows, out.used), (4, 3));
    assert_eq!(dropped(&out, reason::DUPLICATE), 1);
    assert!(warned(&out, 5, &["ilo_dup.csv:5", "ilo_dup.csv:3"]));
    let e = try_run(&fixture("ilo_conflict.csv"), None)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("ilo_conflict.csv:3") && e.contains("ilo_conflict.csv:5"),
        "{e}"
    );
}

/// Refugee Data Finder population lines (2018, Albania and Angola in Mexico): Albania's line
/// repeated right after itself is a duplicate; Angola in Mexico again on line 6 with 7 instead of
/// 5 is, in an export without the procedure columns, another part of the same key: summed, said.
#[test]
fn unhcr_rdf_duplicate_counted_once() {
    let out = run(&fixture("unhcr_rdf_dup.csv"), None);
    assert_accounted(&out, "unhcr_rdf_dup");
    assert_eq!((out.rows, out.used), (5, 4));
    assert_eq!(dropped(&out, reason::DUPLICATE), 1);
    assert!(warned(
        &out,
        3,
        &["unhcr_rdf_dup.csv:3", "unhcr_rdf_dup.csv:2"]
    ));
    assert!(warned(&out, 6, &["lines 4 and 6", "summed"]));
    // Refugees from Albania hosted by Mexico, 2018: 8 (line 2), not 16.
    let alb = out
        .records
        .iter()
        .find(|r| {
            r.country == "MEX"
                && r.observation.indicator == "refugees_hosted"
                && r.observation.period == "2018"
                && r.observation
                    .disaggregation
                    .get("origin")
                    .map(String::as_str)
                    == Some("ALB")
        })
        .expect("MEX refugees from ALB 2018");
    assert_eq!(alb.observation.value, 8.0);
}

/// With the procedure columns (Authority, Stage of procedure, Cases / Persons) the key is
/// complete: the same key with other values (Total decisions 17, then 18; lines made in the
/// layout of asylum-decisions_origin-aggregate.csv) is an error naming both lines.
#[test]
fn unhcr_rdf_conflict_with_procedure_columns() {
    let e = try_run(&fixture("unhcr_rdf_procedure_conflict.csv"), None)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("unhcr_rdf_procedure_conflict.csv:3")
            && e.contains("unhcr_rdf_procedure_conflict.csv:4"),
        "{e}"
    );
}

/// Popstats 2014 lines of Germany (Afghanistan, Angola, Albania), Angola repeated as line 5:
/// counted once, both lines named; the cell-wise merge of split records is kept (ingest_b).
#[test]
fn unhcr_popstats_duplicate_counted_once() {
    let out = run(&fixture("unhcr_popstats_dup.csv"), None);
    assert_accounted(&out, "unhcr_popstats_dup");
    assert_eq!((out.rows, out.used), (4, 3));
    assert_eq!(dropped(&out, reason::DUPLICATE), 1);
    assert!(warned(
        &out,
        5,
        &["unhcr_popstats_dup.csv:5", "unhcr_popstats_dup.csv:3"]
    ));
    // Germany's refugees hosted from Angola, 2014: 800 (line 3), not 1600.
    let ago = out
        .records
        .iter()
        .find(|r| {
            r.country == "DEU"
                && r.observation.indicator == "refugees_hosted"
                && r.observation.period == "2014"
                && r.observation
                    .disaggregation
                    .get("origin")
                    .map(String::as_str)
                    == Some("AGO")
        })
        .expect("DEU refugees from AGO 2014");
    assert_eq!(ago.observation.value, 800.0);
}

/// WDI bulk layout with the real Mexico and Costa Rica lines of SM.POP.NETM (1960-1962), Mexico
/// repeated as line 4: the same in the streaming pass and in the fast path of one country.
#[test]
fn wdi_bulk_duplicate_in_both_paths() {
    let p = fixture("wdi_bulk_dup.csv");
    for country in [None, Some("MEX")] {
        let out = run(&p, country);
        assert_accounted(&out, "wdi_bulk_dup");
        assert_eq!(dropped(&out, reason::DUPLICATE), 1, "{country:?}");
        assert!(
            warned(&out, 4, &["wdi_bulk_dup.csv:4", "wdi_bulk_dup.csv:2"]),
            "{country:?}: {:?}",
            out.warnings
        );
        assert_eq!(value(&out, "MEX", "1962"), Some(-59833.0));
    }
    // The fast path reads only Mexico's lines: 2 rows, one used.
    let out = run(&p, Some("MEX"));
    assert_eq!((out.rows, out.used), (2, 1));
    // Line 4 gives 1962 = -59834: an error naming both lines, in both paths.
    let p = fixture("wdi_bulk_conflict.csv");
    for country in [None, Some("MEX")] {
        let e = try_run(&p, country).unwrap_err().to_string();
        assert!(
            e.contains("wdi_bulk_conflict.csv:2") && e.contains("wdi_bulk_conflict.csv:4"),
            "{country:?}: {e}"
        );
    }
}

/// The generic importer: each line used or dropped for its reason.
#[test]
fn generic_long_accounting() {
    let cat = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let mapping = fixture("generic_long.toml");
    let ctx = Context {
        catalogue: &cat,
        countries: &countries,
        country: Some("DEU"),
        include_aggregates: false,
        mapping: Some(&mapping),
    };
    let out = ingest::import(
        &fixture("generic_long.csv"),
        Some(ingest::Format::Generic),
        &ctx,
    )
    .unwrap();
    assert_accounted(&out, "generic_long");
    assert_eq!((out.rows, out.used), (7, 1)); // Germany 2019 = 100
    assert_eq!(dropped(&out, reason::UNKNOWN_COUNTRY), 1); // Atlantis
    assert_eq!(dropped(&out, reason::MISSING), 2); // n.a.; the line with no value field
    assert_eq!(dropped(&out, reason::MALFORMED), 2); // abc; 9223372036854775807
    assert_eq!(dropped(&out, reason::OTHER_COUNTRY), 1); // France
    assert!(warned(&out, 6, &["9223372036854775807", "refused"]));
    assert!(warned(&out, 5, &["\"abc\" is not a number"]));
    assert_eq!(value(&out, "DEU", "2019"), Some(100.0));
}
