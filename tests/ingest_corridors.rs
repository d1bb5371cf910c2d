//! DataBank exports of bilateral (corridor) databases: the World Bank's Remittance Prices
//! Worldwide (Corridors). Columns are found by meaning (sending and receiving country-code
//! columns however worded, `LABEL [YRLABEL]` periods of years, half-years and quarters); the
//! profile's country is the sending end (role destination, receiving country as `destination`)
//! or the receiving end (role origin, sending country as `origin`). The real export is read in
//! place (tests/mapping_audit.rs has its hand-checked figures); the fixture is another
//! vintage's wording with semester and annual columns. Rows = used + dropped reasons.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format, Outcome, reason};
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
    ingest::import(path, None, &ctx).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn value(out: &Outcome, country: &str, period: &str, dim: (&str, &str)) -> Option<f64> {
    let hits: Vec<f64> = out
        .records
        .iter()
        .filter(|r| {
            r.country == country
                && r.observation.indicator == "remit_cost"
                && r.observation.period == period
                && r.observation.disaggregation.len() == 1
                && r.observation.disaggregation.get(dim.0).map(String::as_str) == Some(dim.1)
        })
        .map(|r| r.observation.value)
        .collect();
    assert!(hits.len() <= 1, "{hits:?}");
    hits.first().copied()
}

fn accounted(out: &Outcome) {
    let dropped: usize = out.dropped.values().sum();
    assert_eq!(out.rows, out.used + dropped, "{:?}", out.dropped);
}

#[test]
fn other_vintage_with_semesters_and_years() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corridors/rpw_semiannual.csv");
    let out = run(&path, Some("DEU"));
    assert_eq!(out.format, Format::DataBank);
    assert_eq!(out.provider, "world_bank_rpw");
    assert_eq!(out.dataset, "Remittance Prices Worldwide (Corridors)");
    assert_eq!(
        value(&out, "DEU", "2012S1", ("destination", "TUR")),
        Some(7.1)
    );
    assert_eq!(
        value(&out, "DEU", "2012S2", ("destination", "TUR")),
        Some(6.9)
    );
    assert_eq!(
        value(&out, "DEU", "2019", ("destination", "TUR")),
        Some(5.5)
    );
    assert_eq!(value(&out, "DEU", "2020Q2", ("destination", "TUR")), None);
    assert_eq!(out.records.len(), 3, "{:#?}", out.records);
    assert_eq!(out.rows, 5);
    assert_eq!(out.used, 1);
    assert_eq!(out.dropped.get(reason::AGGREGATE), Some(&1));
    assert_eq!(out.dropped.get(reason::NOT_IN_CATALOGUE), Some(&1));
    assert_eq!(out.dropped.get(reason::UNKNOWN_COUNTRY), Some(&1));
    assert_eq!(out.dropped.get(reason::OTHER_COUNTRY), Some(&1));
    accounted(&out);
    // From the receiving end: Türkiye gets both corridors, the sending country as `origin`; the
    // malformed `n/a` cell is warned about with its line.
    let tur = run(&path, Some("TUR"));
    assert_eq!(value(&tur, "TUR", "2012S2", ("origin", "ITA")), Some(8.25));
    assert_eq!(value(&tur, "TUR", "2012S1", ("origin", "DEU")), Some(7.1));
    assert!(
        tur.warnings
            .iter()
            .any(|w| w.line == 6 && w.message.contains("2020Q2")),
        "{:?}",
        tur.warnings
    );
    accounted(&tur);
}

#[test]
fn real_corridor_export_is_detected_and_accounted() {
    let Some(path) = shared_data("worldbank/36d1ed87-9a2d-41da-8eac-c1c25d45fa65_Data.csv") else {
        return;
    };
    let out = run(&path, Some("MEX"));
    assert_eq!(out.format, Format::DataBank);
    assert_eq!(out.rows, 5328);
    // Only the United States -> Mexico corridor has values for Mexico (35 periods).
    assert_eq!(out.used, 1);
    assert_eq!(out.records.len(), 35);
    assert!(out.records.iter().all(|r| {
        r.observation
            .disaggregation
            .get("origin")
            .map(String::as_str)
            == Some("USA")
    }));
    accounted(&out);
}
