//! Missing Migrants placement and partial years on hand-made fixtures (tests/fixtures/mmp/,
//! coordinates chosen by hand, no provider rows copied) and on the per-year JSON of 2025.
//! The catalogue and country table are the real ones (embedded).

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format, ImportError, Outcome, Record};
use migprof::testdata::shared_data;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mmp")
        .join(name)
}

fn try_import(path: &Path, country: Option<&str>) -> Result<Outcome, ImportError> {
    let cat = Catalogue::embedded().expect("catalogue");
    let countries = Countries::embedded().expect("countries");
    let ctx = Context {
        catalogue: &cat,
        countries: &countries,
        country,
        include_aggregates: false,
        mapping: None,
    };
    assert_eq!(ingest::detect(path)?, Format::MissingMigrants);
    ingest::import(path, None, &ctx)
}

fn import(path: &Path) -> Outcome {
    try_import(path, None).expect("import")
}

fn value<'a>(out: &'a Outcome, country: &str, indicator: &str, period: &str) -> &'a Record {
    let hits: Vec<&Record> = out
        .records
        .iter()
        .filter(|r| {
            r.country == country
                && r.observation.indicator == indicator
                && r.observation.period == period
        })
        .collect();
    assert_eq!(hits.len(), 1, "{country} {indicator} {period}: {hits:?}");
    hits[0]
}

fn footnote(r: &Record) -> &str {
    r.observation.footnote.as_deref().unwrap_or("")
}

#[test]
fn mmp_country_of_incident_column_comes_first() {
    let out = import(&fixture("mmp_country_of_incident.csv"));
    assert_eq!(out.rows, 4);
    // Row 1: `Incident Country` Türkiye, coordinates on Lesvos (Greece): Türkiye, 3, by the
    // field. Row 2: no country, same coordinates: Greece by coordinates, 2 (missing only).
    // Row 3: "Unknown", coordinates in the open Ionian Sea: not placed, on its route. Row 4:
    // Greece, no coordinates: Greece by the field, 1.
    let tur = value(&out, "TUR", "migrant_deaths", "2023");
    assert_eq!(tur.observation.value, 3.0);
    assert_eq!(
        footnote(tur),
        "1 incident; Source Quality min 4, mean 4.0 (1-5). Placed by country of incident."
    );
    let grc = value(&out, "GRC", "migrant_deaths", "2023");
    assert_eq!(grc.observation.value, 3.0);
    assert_eq!(
        footnote(grc),
        "2 incidents; Source Quality min 2, mean 3.5 (1-5). Placed by country of incident (1) and by coordinates (1; boundaries © OpenStreetMap contributors, ODbL): in the country or its coastal waters."
    );
    // `Number of Missing` is read as the minimum estimated missing; `Number of Dead` as dead.
    assert_eq!(
        value(&out, "GRC", "migrant_missing", "2023")
            .observation
            .value,
        2.0
    );
    assert_eq!(
        value(&out, "GRC", "migrant_dead", "2023").observation.value,
        1.0
    );
    assert_eq!(
        out.unmapped_countries.get(
            "Central Mediterranean (not placed: at sea beyond every country's coastal waters)"
        ),
        Some(&1)
    );
    // The last incident is of 2023-12-31: the year is whole.
    assert_eq!(tur.observation.coverage, None);
    assert!(out.notes.as_deref().is_some_and(|n| {
        n.contains("2 incidents placed by country of incident, 1 by coordinates.")
    }));
}

#[test]
fn mmp_coordinates_only_place_at_sea_and_ignore_the_destination() {
    let out = import(&fixture("mmp_coordinates_only.csv"));
    // Row 1 "Off the coast of Izmir, Turkey, en route to Samos, Greece" at 37.779, 26.353, west
    // of Samos in Greek waters: Greece, 3. Row 2 "Off the coast of Antalya, Turkey", 25 km out
    // in the Gulf of Antalya: Türkiye's waters, 4. Row 4 Ankara: Türkiye, 1. Row 3 in the open
    // Ionian Sea: not placed.
    assert_eq!(
        value(&out, "GRC", "migrant_deaths", "2017")
            .observation
            .value,
        3.0
    );
    let tur = value(&out, "TUR", "migrant_deaths", "2017");
    assert_eq!(tur.observation.value, 5.0);
    assert!(footnote(tur).starts_with("2 incidents; Source Quality min 2, mean 3.0 (1-5). Placed by coordinates (boundaries © OpenStreetMap contributors, ODbL)"));
    assert_eq!(
        out.unmapped_countries.get(
            "Central Mediterranean (not placed: at sea beyond every country's coastal waters)"
        ),
        Some(&1)
    );
    // The last incident is of 31-Dec-17: 2017 is whole.
    assert_eq!(tur.observation.coverage, None);
    // With a country filter only that country's values come back.
    let only = try_import(&fixture("mmp_coordinates_only.csv"), Some("GRC")).expect("import");
    assert!(only.records.iter().all(|r| r.country == "GRC"));
    assert_eq!(only.records.len(), 3);
}

#[test]
fn mmp_bom_crlf_partial_year() {
    let out = import(&fixture("mmp_bom_crlf.csv"));
    assert_eq!(out.rows, 2);
    // The BOM does not hide `Web ID`; the last incident (no final newline) is of 31-May-18.
    let ita = value(&out, "ITA", "migrant_deaths", "2018");
    assert_eq!(ita.observation.value, 1.0);
    assert_eq!(
        ita.observation.coverage.as_deref(),
        Some("2018-01-01/2018-05-31")
    );
    assert!(footnote(ita).ends_with(
        "Covers part of the year only: 1 January to 31 May 2018 (the file's latest incident)."
    ));
    let fra = value(&out, "FRA", "migrant_dead", "2018");
    assert_eq!(fra.observation.value, 2.0);
    assert_eq!(
        fra.observation.coverage.as_deref(),
        Some("2018-01-01/2018-05-31")
    );
}

#[test]
fn mmp_missing_coordinates_are_unplaced_with_a_reason() {
    let out = import(&fixture("mmp_missing_coordinates.csv"));
    // Row 1: no coordinates, no route: under its region. Row 2: unreadable coordinates, under
    // its route. Row 3: Agadez, Niger.
    assert_eq!(
        out.unmapped_countries
            .get("Sub-Saharan Africa (not placed: no coordinates and no country of incident)"),
        Some(&1)
    );
    assert_eq!(
        out.unmapped_countries.get(
            "Central Mediterranean (not placed: coordinates not readable and no country of incident)"
        ),
        Some(&1)
    );
    assert_eq!(
        value(&out, "NER", "migrant_deaths", "2016")
            .observation
            .value,
        1.0
    );
    // Dead and missing 1, dead 1, and missing 0: the incident leaves its missing blank.
    assert_eq!(out.records.len(), 3, "{:?}", out.records);
    assert_eq!(
        value(&out, "NER", "migrant_missing", "2016")
            .observation
            .value,
        0.0
    );
    let notes = out.notes.as_deref().unwrap_or("");
    assert!(notes.contains(
        "Not placed in any country (no coordinates and no country of incident): 1 incident, 3 dead and missing."
    ));
}

#[test]
fn mmp_per_year_json_uses_its_country_of_incident() {
    let Some(p) = shared_data("iom/2025-json.json") else {
        return;
    };
    let out = try_import(&p, Some("TUR")).expect("import");
    assert_eq!(out.rows, 975);
    // python3: json.load(...); the 9 objects with country_of_incident "Türkiye": sum of
    // total_dead_and_missing 36, number_dead 30, number_missing 6; source_quality min 3, mean
    // 4.56; max reported_date over all 975 is 2025-09-08.
    let r = value(&out, "TUR", "migrant_deaths", "2025");
    assert_eq!(r.observation.value, 36.0);
    assert_eq!(
        value(&out, "TUR", "migrant_dead", "2025").observation.value,
        30.0
    );
    assert_eq!(
        value(&out, "TUR", "migrant_missing", "2025")
            .observation
            .value,
        6.0
    );
    assert!(footnote(r).starts_with(
        "9 incidents; Source Quality min 3, mean 4.6 (1-5). Placed by country of incident."
    ));
    assert_eq!(
        r.observation.coverage.as_deref(),
        Some("2025-01-01/2025-09-08")
    );
    // Every incident names a country the table knows (HTML entities such as
    // "Democratic People&#039;s Republic of Korea" are decoded).
    let all = try_import(&p, None).expect("import");
    assert!(
        all.unmapped_countries.is_empty(),
        "{:?}",
        all.unmapped_countries
    );
}

#[test]
fn mmp_bad_json_is_a_clear_error() {
    let d = tempfile::tempdir().expect("tempdir");
    let p = d.path().join("broken.json");
    std::fs::write(
        &p,
        "[{\"web_id\":\"1\",\"total_dead_and_missing\":\"2\",\"reported_date\":\"2025-01-02\",\n\"country_of_incident\":\"Spain\"",
    )
    .expect("write");
    let e = try_import(&p, None).unwrap_err().to_string();
    assert!(e.contains("broken.json:2: not valid JSON"), "{e}");
}

#[test]
fn mmp_a_covered_year_without_incidents_in_a_country_is_a_recorded_zero() {
    // Made by hand: Greece has incidents in 2021 and 2023, Türkiye in 2022 and 2024 (the file's
    // last incident is of 10 February 2024: 2024 is partial).
    let out = import(&fixture("mmp_zero_years.csv"));
    let grc_2022 = value(&out, "GRC", "migrant_deaths", "2022");
    assert_eq!(grc_2022.observation.value, 0.0);
    assert_eq!(
        footnote(grc_2022),
        "No incident recorded in the country in 2022, a year the file covers (it records incidents worldwide from 2021 to 2024)."
    );
    assert_eq!(grc_2022.observation.coverage, None);
    assert_eq!(
        value(&out, "GRC", "migrant_dead", "2022").observation.value,
        0.0
    );
    // The partial last year keeps its coverage when it is a zero too.
    let grc_2024 = value(&out, "GRC", "migrant_deaths", "2024");
    assert_eq!(grc_2024.observation.value, 0.0);
    assert_eq!(
        grc_2024.observation.coverage.as_deref(),
        Some("2024-01-01/2024-02-10")
    );
    assert!(footnote(grc_2024).ends_with(
        "Covers part of the year only: 1 January to 10 February 2024 (the file's latest incident)."
    ));
    // Years with incidents keep their sums; the other country gets its zeros too.
    assert_eq!(
        value(&out, "GRC", "migrant_deaths", "2023")
            .observation
            .value,
        4.0
    );
    assert_eq!(
        value(&out, "TUR", "migrant_deaths", "2021")
            .observation
            .value,
        0.0
    );
    assert_eq!(
        value(&out, "TUR", "migrant_deaths", "2022")
            .observation
            .value,
        3.0
    );
    // A year the file does not cover gets nothing, nor does a country without incidents.
    assert!(!out.records.iter().any(|r| r.observation.period == "2020"));
    assert!(!out.records.iter().any(|r| r.country == "BGR"));
    // With a country filter, that country's zeros only.
    let grc = try_import(&fixture("mmp_zero_years.csv"), Some("GRC")).expect("import");
    assert!(grc.records.iter().all(|r| r.country == "GRC"));
    assert_eq!(
        value(&grc, "GRC", "migrant_deaths", "2022")
            .observation
            .value,
        0.0
    );
}

#[test]
fn mmp_a_count_that_cannot_be_read_leaves_that_country_years_count_out() {
    // Made by hand: Greece has two incidents in 2023, the second with `x` dead (line 4). Its
    // 2023 sum of dead would be 4 where it is at least 4 and unknown: left out, with a warning
    // on that line; the counts that read (missing, total) keep their sums.
    let out = import(&fixture("mmp_unreadable_count.csv"));
    let dead_2023: Vec<_> = out
        .records
        .iter()
        .filter(|r| {
            r.country == "GRC"
                && r.observation.indicator == "migrant_dead"
                && r.observation.period == "2023"
        })
        .collect();
    assert!(dead_2023.is_empty(), "{dead_2023:?}");
    let left_out = out
        .warnings
        .iter()
        .find(|w| w.message.contains("left out"))
        .expect("a warning says the count is left out");
    assert_eq!(left_out.line, 4);
    assert!(
        left_out
            .message
            .contains("Number Dead for GRC in 2023 left out"),
        "{}",
        left_out.message
    );
    assert!(
        out.warnings
            .iter()
            .any(|w| w.line == 4 && w.message.contains("not a number: \"x\"")),
        "{:?}",
        out.warnings
    );
    assert_eq!(
        value(&out, "GRC", "migrant_missing", "2023")
            .observation
            .value,
        2.0
    );
    assert_eq!(
        value(&out, "GRC", "migrant_deaths", "2023")
            .observation
            .value,
        6.0
    );
    // The other years are untouched, and the year is not filled as a zero either.
    assert_eq!(
        value(&out, "GRC", "migrant_dead", "2021").observation.value,
        1.0
    );
}
