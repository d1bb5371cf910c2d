//! Stats NZ Infoshare CSV exports: the real table ITM552105 (long-term arrivals and departures
//! by sex and single year of age, years ended March) read in place, and fixtures of another
//! export of the same table (quarters, a `Total All Ages` column, both-sex rows, `..` and `C`
//! cells) and of one without its `Source: Statistics New Zealand` line. Rows = used + reasons.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format, Outcome, reason};
use migprof::model::{Observation, Status};
use migprof::testdata::shared_data;
use std::path::{Path, PathBuf};

fn run(path: &Path, country: Option<&str>) -> Outcome {
    let cat = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let ctx = Context {
        catalogue: &cat,
        countries: &countries,
        country,
        include_aggregates: false,
        mapping: None,
    };
    assert_eq!(ingest::detect(path).unwrap(), Format::Infoshare);
    ingest::import(path, None, &ctx).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/infoshare")
        .join(name)
}

/// The one value of `indicator` in `period` with exactly this breakdown.
fn one<'a>(
    out: &'a Outcome,
    indicator: &str,
    period: &str,
    dims: &[(&str, &str)],
) -> &'a Observation {
    let hits: Vec<&Observation> = out
        .records
        .iter()
        .map(|r| &r.observation)
        .filter(|o| {
            o.indicator == indicator
                && o.period == period
                && o.disaggregation.len() == dims.len()
                && dims
                    .iter()
                    .all(|(k, v)| o.disaggregation.get(*k).map(String::as_str) == Some(*v))
        })
        .collect();
    assert_eq!(hits.len(), 1, "{indicator} {period} {dims:?}: {hits:?}");
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
fn the_real_table_gives_arrivals_and_departures_by_sex_and_age_for_years_ended_march() {
    let Some(p) = shared_data("stats_nz/ITM552105_20200603_110236_41.csv") else {
        return;
    };
    let out = run(&p, Some("NZL"));
    // 68 data rows = 2 directions x 2 sexes x 17 years (2002-2018), all used.
    assert_eq!((out.rows, out.used), (68, 68));
    accounted(&out);
    assert!(out.records.iter().all(|r| r.country == "NZL"));
    // Line 4 (Arrivals, Female, 2002), column `0-4 Years`: 3500; `90 Years and over`: 32.
    let a = one(&out, "imm_inflow", "2002", &[("sex", "F"), ("age", "0-4")]);
    assert_eq!(a.value, 3500.0);
    assert_eq!(
        one(&out, "imm_inflow", "2002", &[("sex", "F"), ("age", "90+")]).value,
        32.0
    );
    // The female total is the sum of the 19 groups, 60007, equal to the table's own
    // `Under 15 Years` (11081) + `15 Years and Over` (48926); it says it is a sum.
    let f = one(&out, "imm_inflow", "2002", &[("sex", "F")]);
    assert_eq!(f.value, 60007.0);
    assert_eq!(f.value, 11081.0 + 48926.0);
    assert!(
        f.footnote
            .as_deref()
            .unwrap()
            .contains("Sum of the published five-year age groups")
    );
    // Line 21 (Arrivals, Male, 2002): 63454; the all-sex total is female + male.
    assert_eq!(
        one(&out, "imm_inflow", "2002", &[("sex", "M")]).value,
        63454.0
    );
    let all = one(&out, "imm_inflow", "2002", &[]);
    assert_eq!(all.value, 60007.0 + 63454.0);
    assert!(
        all.footnote
            .as_deref()
            .unwrap()
            .contains("by sex and five-year age group")
    );
    // Departures (line 38, Female 2002: 37020; line 55, Male: 39121) are emigration.
    assert_eq!(
        one(&out, "emi_outflow", "2002", &[]).value,
        37020.0 + 39121.0
    );
    // Years ended March: the months covered, a footnote, an estimate, all citizenships.
    assert_eq!(a.coverage.as_deref(), Some("2001-04-01/2002-03-31"));
    assert!(
        a.footnote
            .as_deref()
            .unwrap()
            .starts_with("Years ended March (Stats NZ `Annual-Mar`)")
    );
    assert!(a.is_shifted_year() && !a.is_partial());
    assert_eq!(a.status, Some(Status::Estimate));
    assert_eq!(a.concept.as_deref(), Some("all_citizenships"));
    // 68 rows x (1 total + 19 groups) + 34 all-sex totals; single years are not imported.
    assert_eq!(out.records.len(), 68 * 20 + 34);
    assert!(
        !out.records
            .iter()
            .any(|r| r.observation.disaggregation.get("age").map(String::as_str) == Some("37"))
    );
    let notes = out.notes.as_deref().unwrap();
    assert!(notes.contains("Table reference ITM417AA"), "{notes}");
    assert!(notes.contains("108 other age columns"), "{notes}");
    // Another country: every row counted, none kept.
    let other = run(&p, Some("DEU"));
    assert!(other.records.is_empty());
    assert_eq!(other.dropped.get(reason::OTHER_COUNTRY), Some(&68));
    accounted(&other);
}

#[test]
fn another_export_with_quarters_a_total_column_and_symbols() {
    let out = run(&fixture("quarterly-total-column.csv"), None);
    assert_eq!((out.rows, out.used), (5, 5));
    accounted(&out);
    // Published totals are used as they are (no sum, no footnote); quarters have no coverage.
    let t = one(&out, "imm_inflow", "2019Q1", &[]);
    assert_eq!(t.value, 1000.0);
    assert!(t.footnote.is_none() && t.coverage.is_none());
    assert_eq!(
        one(&out, "imm_inflow", "2019Q1", &[("age", "10+")]).value,
        700.0
    );
    assert_eq!(
        one(&out, "imm_inflow", "2019Q1", &[("sex", "F")]).value,
        480.0
    );
    // `..` and `C` give no value; the `Under 5 Years` column repeats 0-4 and is left out.
    assert!(
        out.records
            .iter()
            .all(|r| !(r.observation.period == "2019Q2"
                && r.observation.disaggregation.get("age").map(String::as_str) == Some("0-4")
                && r.observation.disaggregation.is_empty()))
    );
    let q2f: Vec<_> = out
        .records
        .iter()
        .filter(|r| {
            r.observation.period == "2019Q2" && r.observation.disaggregation.contains_key("sex")
        })
        .map(|r| r.observation.disaggregation.get("age").cloned())
        .collect();
    assert_eq!(
        q2f,
        vec![Some("0-4".into()), Some("5-9".into())],
        "C cells give nothing"
    );
    assert_eq!(one(&out, "emi_outflow", "2019Q1", &[]).value, 900.0);
    // Both-sex rows are present, so no sum over sexes is made.
    assert_eq!(out.records.len(), 17);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn without_the_source_line_the_country_is_unknown() {
    let out = run(&fixture("no-source-line.csv"), None);
    assert!(out.records.is_empty());
    assert_eq!(out.dropped.get(reason::UNKNOWN_COUNTRY), Some(&5));
    accounted(&out);
}
