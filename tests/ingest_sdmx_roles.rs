//! SDMX-CSV read by the meaning of its dimensions: a partner-country dimension (citizenship,
//! country of previous residence) becomes a breakdown in ISO3 codes with the world as its total,
//! aggregates and the reporting country itself left out and counted; sex codes `1/2/9` and
//! `M/F/T` become `M`/`F`; SDMX age codes become ranges; a mapping can name the code that is its
//! total (`totals`, ISTAT's `FOR`) and select the reporter's own citizens (`@reporter`).
//! Fixtures under tests/fixtures/sdmx_roles are small files of our own in the layouts of the
//! Eurostat API (SDMX-CSV 2.0 with and without labels) and of IstatData (SDMX-CSV 1.0).
//! Every row is accounted for: rows = used + the dropped reasons.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format, Outcome, Record, reason};
use migprof::model::Status;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sdmx_roles")
        .join(name)
}

fn run(name: &str, country: &str) -> Outcome {
    let cat = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let ctx = Context {
        catalogue: &cat,
        countries: &countries,
        country: Some(country),
        include_aggregates: false,
        mapping: None,
    };
    let path = fixture(name);
    ingest::import(&path, None, &ctx).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn find<'a>(out: &'a Outcome, ind: &str, period: &str, dis: &[(&str, &str)]) -> Vec<&'a Record> {
    out.records
        .iter()
        .filter(|r| {
            r.observation.indicator == ind
                && r.observation.period == period
                && r.observation.disaggregation.len() == dis.len()
                && dis.iter().all(|(k, v)| {
                    r.observation.disaggregation.get(*k).map(String::as_str) == Some(*v)
                })
        })
        .collect()
}

fn one(out: &Outcome, ind: &str, period: &str, dis: &[(&str, &str)]) -> f64 {
    let hits = find(out, ind, period, dis);
    assert_eq!(hits.len(), 1, "{ind} {period} {dis:?}: {hits:#?}");
    hits[0].observation.value
}

fn dropped(out: &Outcome, why: &str) -> usize {
    out.dropped.get(why).copied().unwrap_or(0)
}

fn accounted(out: &Outcome) {
    let dropped: usize = out.dropped.values().sum();
    assert_eq!(out.rows, out.used + dropped, "{:?}", out.dropped);
}

fn eurostat_v2(name: &str) {
    let out = run(name, "GRC");
    assert_eq!(out.format, Format::SdmxCsv);
    assert_eq!(out.provider, "eurostat");
    assert_eq!(out.rows, 7);
    // Geo EL is Greece; citizen TOTAL, sex T, age TOTAL, first-time applicants: the total.
    assert_eq!(one(&out, "asylum_applications", "2023", &[]), 57895.0);
    // citizen UA becomes the ISO3 citizenship breakdown, its flag p makes it provisional.
    assert_eq!(
        one(
            &out,
            "asylum_applications",
            "2023",
            &[("citizenship", "UKR")]
        ),
        120.0
    );
    let ua = find(
        &out,
        "asylum_applications",
        "2023",
        &[("citizenship", "UKR")],
    );
    assert_eq!(ua[0].observation.flags, vec!["p".to_string()]);
    assert_eq!(ua[0].observation.status, Some(Status::Provisional));
    assert!(out.records.iter().all(|r| r.country == "GRC"));
    assert_eq!(out.records.len(), 2, "{:#?}", out.records);
    // The extra-EU aggregate, Greek citizens in Greece, all applicants (ASY_APP), a sex cell
    // the mapping does not read and an unknown code: each counted under its reason.
    assert_eq!(dropped(&out, reason::AGGREGATE), 1);
    assert_eq!(dropped(&out, reason::OWN_COUNTRY), 1);
    assert_eq!(dropped(&out, reason::OTHER_SELECTION), 2);
    assert_eq!(dropped(&out, reason::UNKNOWN_PARTNER), 1);
    assert_eq!(out.unmapped_countries.get("ZZ"), Some(&1));
    assert_eq!(
        out.unmapped_series
            .get("MIGR_ASYAPPCTZA (asyl_app=ASY_APP)"),
        Some(&1),
        "{:?}",
        out.unmapped_series
    );
    accounted(&out);
}

#[test]
fn eurostat_sdmx_csv_2_with_labels() {
    eurostat_v2("estat_v2_labels.csv");
}

#[test]
fn eurostat_sdmx_csv_2_codes_only() {
    eurostat_v2("estat_v2_codes.csv");
}

#[test]
fn istat_registrations_from_abroad_by_meaning() {
    let out = run("istat_v1.csv", "ITA");
    assert_eq!(out.provider, "gov_nso_register");
    assert_eq!(out.rows, 10);
    // FOR (all foreign citizens) is the total of the foreign-citizen inflow, read once though
    // two mappings select it.
    assert_eq!(one(&out, "imm_inflow", "2024", &[]), 300000.0);
    // The catalogue states the concept the file does not: foreign citizens.
    let total = find(&out, "imm_inflow", "2024", &[]);
    assert_eq!(
        total[0].observation.concept.as_deref(),
        Some("foreign_citizen")
    );
    let back = find(&out, "returning_citizens", "2024", &[]);
    assert_eq!(back[0].observation.concept, None);
    // SEX 1 is male, 2 female; AGE Y_UN17 is 0-17.
    assert_eq!(one(&out, "imm_inflow", "2024", &[("sex", "M")]), 160000.0);
    assert_eq!(
        one(&out, "imm_inflow", "2024", &[("sex", "F"), ("age", "0-17")]),
        25000.0
    );
    // RO is Romania, ISO3 in the breakdown.
    assert_eq!(
        one(&out, "imm_inflow", "2024", &[("citizenship", "ROU")]),
        20000.0
    );
    // Italian citizens registering from abroad are returning citizens, not foreign immigrants.
    assert_eq!(one(&out, "returning_citizens", "2024", &[]), 70000.0);
    assert_eq!(
        one(
            &out,
            "returning_citizens",
            "2024",
            &[("sex", "M"), ("age", "65+")]
        ),
        4000.0
    );
    assert!(
        find(&out, "imm_inflow", "2024", &[("citizenship", "ITA")]).is_empty(),
        "nationals must not enter a breakdown of foreign citizens"
    );
    // TOTAL counts Italians too: never the foreign total; AFR is a continent.
    assert_eq!(dropped(&out, reason::AGGREGATE), 2);
    assert_eq!(dropped(&out, reason::OTHER_SELECTION), 1);
    assert_eq!(dropped(&out, reason::UNKNOWN_PARTNER), 1);
    assert_eq!(out.unmapped_countries.get("QQ9"), Some(&1));
    assert_eq!(out.used, 6);
    assert!(
        out.records
            .iter()
            .all(|r| r.observation.status == Some(Status::Provisional))
    );
    accounted(&out);
}

/// Eurostat asylum applicants by citizenship (SDMX-CSV 2.0), read from the country of origin:
/// citizen MX is Mexico, geo becomes the destination; the EU total is no destination and gives
/// no total abroad; all applicants (ASY_APP) are not first-time ones. The same rows read from
/// Spain give its applicants by citizenship.
#[test]
fn eurostat_asylum_applicants_by_citizenship_read_from_the_origin() {
    let out = run("estat_v2_by_citizen.csv", "MEX");
    assert_eq!(out.rows, 7);
    assert_eq!(
        one(
            &out,
            "asylum_applications_abroad",
            "2023",
            &[("destination", "ESP")]
        ),
        6235.0
    );
    // The mapping pins sex to the total: a female cell is another selection.
    assert!(
        find(
            &out,
            "asylum_applications_abroad",
            "2023",
            &[("destination", "ESP"), ("sex", "F")]
        )
        .is_empty()
    );
    // EL is Greece in Eurostat's codes.
    assert_eq!(
        one(
            &out,
            "asylum_applications_abroad",
            "2023",
            &[("destination", "GRC")]
        ),
        15.0
    );
    assert!(find(&out, "asylum_applications_abroad", "2023", &[]).is_empty());
    assert_eq!(
        dropped(&out, reason::AGGREGATE),
        1,
        "the EU total: {:?}",
        out.dropped
    );
    assert_eq!(
        dropped(&out, reason::OTHER_SELECTION),
        2,
        "{:?}",
        out.dropped
    );
    // Spain's total (all citizenships) and Colombians in Spain are other countries' figures.
    assert_eq!(dropped(&out, reason::OTHER_COUNTRY), 2);
    assert_eq!(out.rows, out.used + out.dropped_total());
    // From Spain: the same file gives applications lodged there, by citizenship.
    let esp = run("estat_v2_by_citizen.csv", "ESP");
    assert_eq!(one(&esp, "asylum_applications", "2023", &[]), 160460.0);
    assert_eq!(
        one(
            &esp,
            "asylum_applications",
            "2023",
            &[("citizenship", "MEX")]
        ),
        6235.0
    );
    assert!(
        find(
            &esp,
            "asylum_applications_abroad",
            "2023",
            &[("destination", "ESP")]
        )
        .is_empty()
    );
}
