//! Importers owned by ingest-a: World Bank (API, WDI bulk, DataBank), UN DESA (IMS, WPP), OWID,
//! ILOSTAT. Real files from `../shared/data` (skipped with a message when absent outside CI) and
//! small awkward fixtures under `tests/fixtures/ingest/`.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format, ImportError, Outcome, Record};
use migprof::testdata::shared_data;
use std::path::{Path, PathBuf};

const INDICATORS: &str = r#"
[[indicator]]
id = "net_migration"
name = "Net migration"
definition = "d"
unit = "persons"
kind = "flow"
section = "B.1"
signed = true
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "worldbank_api"
series = "SM.POP.NETM"
role = "reporter"
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "wdi_bulk"
series = "SM.POP.NETM"
role = "reporter"
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "databank"
series = "SM.POP.NETM"
role = "reporter"
[[indicator.mapping]]
provider = "un_desa_wpp"
format = "wpp"
series = "NetMigrations"
role = "reporter"
scale = 1000.0

[[indicator]]
id = "net_migration_rate"
name = "Crude net migration rate"
definition = "d"
unit = "per1000"
kind = "rate"
section = "B.1"
signed = true
[[indicator.mapping]]
provider = "un_desa_wpp"
format = "wpp"
series = "CNMR"
role = "reporter"

[[indicator]]
id = "remit_in"
name = "Remittances received"
definition = "d"
unit = "usd"
kind = "money"
section = "C.1"
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "worldbank_api"
series = "BX.TRF.PWKR.CD.DT"
role = "reporter"
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "wdi_bulk"
series = "BX.TRF.PWKR.CD.DT"
role = "reporter"
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "databank"
series = "BX.TRF.PWKR.CD.DT"
role = "reporter"

[[indicator]]
id = "imm_stock"
name = "International migrant stock"
definition = "d"
unit = "persons"
kind = "stock"
section = "A.2"
disaggregations = ["sex"]
[[indicator.mapping]]
provider = "un_desa_ims"
format = "undesa_ims"
series = "Table 1"
role = "destination"

[[indicator]]
id = "refugee_stock_ims"
name = "Refugees (IMS)"
definition = "d"
unit = "persons"
kind = "stock"
section = "A.2"
[[indicator.mapping]]
provider = "un_desa_ims"
format = "undesa_ims"
series = "Table 6"
role = "destination"

[[indicator]]
id = "imm_share"
name = "Immigrants, share of population"
definition = "d"
unit = "percent"
kind = "share"
section = "A.2"
[[indicator.mapping]]
provider = "owid"
format = "owid"
series = "Share of the population that was born in another country"
role = "destination"

[[indicator]]
id = "informal_emp"
name = "Informal employment rate"
definition = "d"
unit = "percent"
kind = "share"
section = "C.3"
disaggregations = ["sex"]
[[indicator.mapping]]
provider = "ilo"
format = "ilostat"
series = "Informal employment rate by sex (%)"
role = "reporter"
[[indicator.mapping]]
provider = "ilo"
format = "ilostat"
series = "EMP_NIFL_SEX_RT"
role = "reporter"
"#;

const COUNTRIES: &str = r#"
[[country]]
iso3 = "DEU"
iso2 = "DE"
m49 = 276
name = "Germany"
region = "Europe"
subregion = "Western Europe"
[[country]]
iso3 = "FRA"
iso2 = "FR"
m49 = 250
name = "France"
region = "Europe"
subregion = "Western Europe"
[[country]]
iso3 = "CIV"
iso2 = "CI"
m49 = 384
name = "Côte d'Ivoire"
region = "Africa"
subregion = "Western Africa"
[[country]]
iso3 = "KOR"
iso2 = "KR"
m49 = 410
name = "Republic of Korea"
region = "Asia"
subregion = "Eastern Asia"
aliases = ["Korea, Rep.", "Korea, South", "South Korea"]
[[country]]
iso3 = "YEM"
iso2 = "YE"
m49 = 887
name = "Yemen"
region = "Asia"
subregion = "Western Asia"
[[country]]
iso3 = "AGO"
iso2 = "AO"
m49 = 24
name = "Angola"
region = "Africa"
subregion = "Middle Africa"
[[country]]
iso3 = "BRA"
iso2 = "BR"
m49 = 76
name = "Brazil"
region = "Americas"
subregion = "South America"
[[country]]
iso3 = "BES"
iso2 = "BQ"
m49 = 535
name = "Bonaire, Sint Eustatius and Saba"
region = "Americas"
subregion = "Caribbean"
[[aggregate]]
code = "WLD"
name = "World"
m49 = 900
aliases = ["OWID_WRL"]
[[aggregate]]
code = "SSA"
name = "Sub-Saharan Africa"
m49 = 947
"#;

struct Env {
    catalogue: Catalogue,
    countries: Countries,
}

fn env() -> Env {
    let catalogue = Catalogue::from_strs(INDICATORS, "test indicators", "", "test registry")
        .unwrap_or_else(|e| panic!("{e}"));
    let countries =
        Countries::from_str(COUNTRIES, "test countries").unwrap_or_else(|e| panic!("{e}"));
    Env {
        catalogue,
        countries,
    }
}

fn run(path: &Path, country: Option<&str>, aggregates: bool) -> Result<Outcome, ImportError> {
    let e = env();
    let ctx = Context {
        catalogue: &e.catalogue,
        countries: &e.countries,
        country,
        include_aggregates: aggregates,
        mapping: None,
    };
    ingest::import(path, None, &ctx)
}

fn ok(path: &Path, country: Option<&str>) -> Outcome {
    run(path, country, false).unwrap_or_else(|e| panic!("{e}"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

fn find<'a>(
    out: &'a Outcome,
    country: &str,
    indicator: &str,
    period: &str,
    sex: Option<&str>,
) -> &'a Record {
    out.records
        .iter()
        .find(|r| {
            r.country == country
                && r.observation.indicator == indicator
                && r.observation.period == period
                && r.observation.disaggregation.get("sex").map(String::as_str) == sex
        })
        .unwrap_or_else(|| panic!("no record {country} {indicator} {period} sex={sex:?}"))
}

fn detect(path: &Path) -> Format {
    ingest::detect(path).unwrap_or_else(|e| panic!("{e}"))
}

// ------------------------------------------------------------------ real files

#[test]
fn real_worldbank_netm_germany() {
    let Some(p) = shared_data("worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv") else {
        return;
    };
    assert_eq!(detect(&p), Format::WorldBankApi);
    let out = ok(&p, Some("DEU"));
    assert_eq!(
        find(&out, "DEU", "net_migration", "2015", None)
            .observation
            .value,
        397921.0
    );
    assert_eq!(
        find(&out, "DEU", "net_migration", "1977", None)
            .observation
            .value,
        -919.0
    );
    assert_eq!(
        find(&out, "DEU", "net_migration", "2023", None)
            .observation
            .value,
        155751.0
    );
    assert_eq!(out.records.len(), 64);
    assert!(out.records.iter().all(|r| r.observation.source.is_empty()));
    let notes = out.notes.clone().unwrap_or_default();
    assert!(notes.contains("Last Updated Date: 2024-06-28"), "{notes}");
    assert!(
        notes.contains("United Nations Population Division"),
        "{notes}"
    );
    assert!(notes.contains("High income"), "{notes}");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn real_worldbank_netm_all_countries_skips_aggregates_by_metadata() {
    let Some(p) = shared_data("worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv") else {
        return;
    };
    let out = ok(&p, None);
    assert_eq!(out.rows, 266);
    // Metadata_Country has an empty Region for the 49 aggregates (AFE, ARB, WLD, ...).
    assert!(out.skipped_aggregates >= 45, "{}", out.skipped_aggregates);
    assert!(!out.unmapped_countries.contains_key("WLD"));
    assert!(!out.unmapped_countries.contains_key("AFE"));
    assert!(out.unmapped_countries.contains_key("ABW"));
}

#[test]
fn real_worldbank_remittances() {
    let Some(p) = shared_data("worldbank/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv") else {
        return;
    };
    assert_eq!(detect(&p), Format::WorldBankApi);
    let out = ok(&p, Some("DEU"));
    let r = find(&out, "DEU", "remit_in", "2024", None);
    assert_eq!(r.observation.value, 21225006283.5321);
    assert_eq!(
        find(&out, "DEU", "remit_in", "1995", None)
            .observation
            .value,
        4506990222.57265
    );
    assert!(out.records.iter().all(|r| r.observation.period != "1960"));
    let notes = out.notes.clone().unwrap_or_default();
    assert!(notes.contains("2025-07-01"));
    assert!(
        notes.contains("International Monetary Fund (IMF);\nStaff estimates"),
        "{notes}"
    );
    let yem = ok(&p, Some("YEM"));
    assert_eq!(
        find(&yem, "YEM", "remit_in", "2010", None)
            .observation
            .value,
        1526000000.0
    );
}

#[test]
fn real_worldbank_metadata_files_are_recognised_as_companions() {
    for f in [
        "worldbank/Metadata_Country_API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv",
        "worldbank/Metadata_Indicator_API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv",
    ] {
        let Some(p) = shared_data(f) else { return };
        assert_eq!(detect(&p), Format::WorldBankApi);
        let err = run(&p, None, false)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("companion file"), "{err}");
    }
}

#[test]
fn real_undesa_ims_germany() {
    let Some(p) = shared_data("undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx") else {
        return;
    };
    assert_eq!(detect(&p), Format::UndesaIms);
    let out = ok(&p, Some("DEU"));
    let both = find(&out, "DEU", "imm_stock", "2020", None);
    assert_eq!(both.observation.value, 15762457.0);
    assert_eq!(both.observation.flags, vec!["B".to_string()]);
    assert_eq!(both.observation.concept.as_deref(), Some("foreign_born"));
    let f = find(&out, "DEU", "imm_stock", "2020", Some("F"));
    assert_eq!(f.observation.value, 7870822.0);
    assert_eq!(
        find(&out, "DEU", "imm_stock", "1990", Some("M"))
            .observation
            .value,
        3293128.0
    );
    // Table 6: first block only (refugees, both sexes), not the share or the growth blocks.
    let refs: Vec<_> = out
        .records
        .iter()
        .filter(|r| r.observation.indicator == "refugee_stock_ims")
        .collect();
    assert_eq!(refs.len(), 7);
    assert_eq!(
        find(&out, "DEU", "refugee_stock_ims", "2020", None)
            .observation
            .value,
        1455947.0
    );
    assert_eq!(out.dataset, "International Migrant Stock 2020: Destination");
    assert!(out.notes.as_deref().unwrap_or("").contains("CC BY 3.0 IGO"));
    assert!(out.unmapped_series.contains_key("Table 3"));
}

#[test]
fn real_undesa_ims_flags_footnotes_and_aggregates() {
    let Some(p) = shared_data("undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx") else {
        return;
    };
    let out = ok(&p, None);
    // Côte d'Ivoire: "C B R" type of data; the first of B/C gives the concept.
    let civ = find(&out, "CIV", "imm_stock", "2020", None);
    assert_eq!(
        civ.observation.flags,
        vec!["C".to_string(), "B".to_string(), "R".to_string()]
    );
    assert_eq!(civ.observation.concept.as_deref(), Some("foreign_citizen"));
    // Bonaire (535) carries note 16 ("former Netherlands Antilles").
    let bes = find(&out, "BES", "imm_stock", "2020", None);
    assert!(
        bes.observation
            .footnote
            .as_deref()
            .unwrap_or("")
            .contains("Netherlands Antilles")
    );
    assert!(out.skipped_aggregates > 40, "{}", out.skipped_aggregates);
    let with_aggs = run(&p, Some("WLD"), true).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        find(&with_aggs, "WLD", "imm_stock", "2020", None)
            .observation
            .value,
        280598105.0
    );
}

#[test]
fn real_wpp_net_migrations_scaled() {
    let Some(p) = shared_data("undesa/WPP2019_Period_Indicators_Medium.csv") else {
        return;
    };
    assert_eq!(detect(&p), Format::Wpp);
    let out = ok(&p, Some("DEU"));
    // Published 669.314 thousand; mapping scale 1000.
    assert_eq!(
        find(&out, "DEU", "net_migration", "1960-1965", None)
            .observation
            .value,
        669.314 * 1000.0
    );
    assert_eq!(
        find(&out, "DEU", "net_migration_rate", "1950-1955", None)
            .observation
            .value,
        -0.119
    );
    assert!(
        out.notes
            .as_deref()
            .unwrap_or("")
            .contains("Variant: Medium")
    );
    // Latin-1 name resolves (Côte d'Ivoire is byte F4 in the file).
    let civ = ok(&p, Some("CIV"));
    assert!(!civ.records.is_empty());
    assert!(civ.warnings.is_empty(), "{:?}", civ.warnings);
}

#[test]
fn real_owid_share_germany() {
    let Some(p) = shared_data("owid/migrant-stock-share.csv") else {
        return;
    };
    assert_eq!(detect(&p), Format::Owid);
    let out = ok(&p, Some("DEU"));
    assert_eq!(
        find(&out, "DEU", "imm_share", "2024", None)
            .observation
            .value,
        19.810337
    );
    assert_eq!(
        find(&out, "DEU", "imm_share", "1990", None)
            .observation
            .value,
        8.732017
    );
    let notes = out.notes.clone().unwrap_or_default();
    assert!(notes.contains("unit: %"), "{notes}");
    assert!(notes.contains("last updated: 2025-03-12"), "{notes}");
    assert_eq!(
        out.dataset,
        "Share of the population that were born in another country"
    );
    let all = ok(&p, None);
    assert!(all.skipped_aggregates >= 200, "{}", all.skipped_aggregates);
}

#[test]
fn real_ilostat_labels() {
    let Some(p) = shared_data("ilo/EMP_NIFL_SEX_RT_A-20240726T0000.csv") else {
        return;
    };
    assert_eq!(detect(&p), Format::Ilostat);
    let out = ok(&p, Some("AGO"));
    let t = find(&out, "AGO", "informal_emp", "2019", None);
    assert_eq!(t.observation.value, 88.195);
    assert_eq!(t.observation.flags, vec!["Break in series".to_string()]);
    let foot = t.observation.footnote.clone().unwrap_or_default();
    assert!(
        foot.contains("Break in series: Methodology revised"),
        "{foot}"
    );
    assert!(foot.contains("Source: LFS - Employment Survey"), "{foot}");
    assert_eq!(
        find(&out, "AGO", "informal_emp", "2019", Some("F"))
            .observation
            .value,
        94.03
    );
    let bra = ok(&p, Some("BRA"));
    assert_eq!(
        find(&bra, "BRA", "informal_emp", "2023", Some("M"))
            .observation
            .value,
        38.483
    );
}

// ------------------------------------------------------------------ fixtures

#[test]
fn fixture_detection_does_not_misfire() {
    let cases = [
        (
            "wb_api_bundle/API_TEST_DS2_en_csv_v2_1.csv",
            Format::WorldBankApi,
        ),
        (
            "wb_api_bundle/Metadata_Country_API_TEST_DS2_en_csv_v2_1.csv",
            Format::WorldBankApi,
        ),
        (
            "wb_api_bundle/Metadata_Indicator_API_TEST_DS2_en_csv_v2_1.csv",
            Format::WorldBankApi,
        ),
        ("wb_bulk.csv", Format::WdiBulk),
        ("wb_databank.csv", Format::DataBank),
        ("undesa_wpp.csv", Format::Wpp),
        ("undesa_ims.xlsx", Format::UndesaIms),
        ("owid_share.csv", Format::Owid),
        ("ilo_labels.csv", Format::Ilostat),
        ("ilo_codes.csv", Format::Ilostat),
    ];
    for (f, want) in cases {
        assert_eq!(detect(&fixture(f)), want, "{f}");
    }
}

#[test]
fn fixture_api_bundle() {
    let p = fixture("wb_api_bundle/API_TEST_DS2_en_csv_v2_1.csv");
    let out = ok(&p, None);
    assert_eq!(
        find(&out, "DEU", "net_migration", "2020", None)
            .observation
            .value,
        630000.0
    );
    assert_eq!(
        find(&out, "KOR", "net_migration", "2021", None)
            .observation
            .value,
        12.5
    );
    assert!(
        out.records
            .iter()
            .all(|r| !(r.country == "KOR" && r.observation.period == "2019"))
    );
    // AFE is no country-table aggregate, but its metadata Region is empty.
    assert_eq!(out.skipped_aggregates, 2);
    assert_eq!(out.unmapped_countries.get("ATL"), Some(&1));
    // France: short row and a non-numeric value -> warnings with the line.
    assert!(
        out.warnings
            .iter()
            .any(|w| w.line == 11 && w.message.contains("fields")),
        "{:?}",
        out.warnings
    );
    assert!(
        out.warnings
            .iter()
            .any(|w| w.line == 11 && w.message.contains("\"abc\""))
    );
    let notes = out.notes.clone().unwrap_or_default();
    assert!(
        notes.contains("minus emigrants.\nFive-year estimates."),
        "{notes}"
    );
    let with = run(&p, Some("AFE"), true).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        find(&with, "AFE", "net_migration", "2021", None)
            .observation
            .value,
        -3.0
    );
}

#[test]
fn fixture_bulk_filtered_and_unfiltered_agree() {
    let p = fixture("wb_bulk.csv");
    let deu = ok(&p, Some("DEU"));
    assert_eq!(
        find(&deu, "DEU", "remit_in", "2023", None)
            .observation
            .value,
        21225006283.5321
    );
    assert_eq!(
        find(&deu, "DEU", "net_migration", "1961", None)
            .observation
            .value,
        121350.0
    );
    assert!(deu.records.iter().all(|r| r.country == "DEU"));
    assert_eq!(deu.unmapped_series.get("XX.UNMAPPED"), Some(&1));
    // Bad row on line 7: too few fields and a non-numeric value.
    assert!(
        deu.warnings.iter().any(|w| w.line == 7),
        "{:?}",
        deu.warnings
    );
    let all = ok(&p, None);
    let mut a: Vec<_> = all
        .records
        .iter()
        .filter(|r| r.country == "DEU")
        .cloned()
        .collect();
    let mut b = deu.records.clone();
    a.sort_by_key(|x| x.observation.key());
    b.sort_by_key(|x| x.observation.key());
    assert_eq!(a, b);
    assert!(all.records.iter().any(|r| r.country == "KOR"));
    assert_eq!(
        all.warnings.iter().map(|w| w.line).collect::<Vec<_>>(),
        deu.warnings.iter().map(|w| w.line).collect::<Vec<_>>()
    );
    // "Mentions DEU" in a name is not Germany.
    let fra = ok(&p, Some("FRA"));
    assert_eq!(
        find(&fra, "FRA", "net_migration", "2023", None)
            .observation
            .value,
        9.0
    );
    assert_eq!(fra.records.len(), 4);
}

#[test]
fn fixture_databank() {
    let out = ok(&fixture("wb_databank.csv"), Some("DEU"));
    assert_eq!(
        find(&out, "DEU", "remit_in", "2015", None)
            .observation
            .value,
        15375941506.0452
    );
    assert_eq!(
        find(&out, "DEU", "net_migration", "2016", None)
            .observation
            .value,
        392587.0
    );
    assert_eq!(out.records.len(), 2);
    assert_eq!(out.dataset, "World Development Indicators");
    assert!(
        out.notes
            .as_deref()
            .unwrap_or("")
            .contains("Last Updated: 07/01/2025")
    );
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn fixture_wpp_latin1_variants() {
    let out = ok(&fixture("undesa_wpp.csv"), None);
    let civ = find(&out, "CIV", "net_migration", "2015-2020", None);
    assert_eq!(civ.observation.value, -8.313 * 1000.0);
    assert_eq!(out.records.iter().filter(|r| r.country == "CIV").count(), 2);
    assert_eq!(out.skipped_aggregates, 1);
    assert!(out.notes.as_deref().unwrap_or("").contains("High"));
    assert!(out.records.iter().all(|r| r.country != "BES"));
}

#[test]
fn fixture_ims_workbook() {
    let out = ok(&fixture("undesa_ims.xlsx"), None);
    let deu = find(&out, "DEU", "imm_stock", "2015", Some("M"));
    assert_eq!(deu.observation.value, 5037961.0);
    assert_eq!(
        deu.observation.footnote.as_deref(),
        Some("Note 1: Including the former German Democratic Republic.")
    );
    let civ = find(&out, "CIV", "imm_stock", "2020", Some("M"));
    assert_eq!(
        civ.observation.flags,
        vec!["B".to_string(), "R".to_string()]
    );
    // ".." and "~" are missing, "oops" is a warning with its row.
    assert!(
        out.records
            .iter()
            .all(|r| !(r.country == "CIV" && r.observation.period == "2015"))
    );
    assert!(
        out.warnings
            .iter()
            .any(|w| w.line == 16 && w.message.contains("oops")),
        "{:?}",
        out.warnings
    );
    assert_eq!(
        find(&out, "FRA", "imm_stock", "2015", None)
            .observation
            .concept
            .as_deref(),
        Some("foreign_citizen")
    );
    assert_eq!(out.skipped_aggregates, 3);
}

#[test]
fn fixture_owid() {
    let out = ok(&fixture("owid_share.csv"), None);
    assert_eq!(
        find(&out, "DEU", "imm_share", "2024", None)
            .observation
            .value,
        19.810337
    );
    assert_eq!(
        find(&out, "KOR", "imm_share", "2020", None)
            .observation
            .value,
        3.36
    );
    assert_eq!(out.skipped_aggregates, 2);
    assert_eq!(out.unmapped_countries.get("NAR"), Some(&1));
    assert_eq!(out.dataset, "Share of the population born abroad");
    assert!(
        out.notes
            .as_deref()
            .unwrap_or("")
            .contains("Downloaded: 2025-05-12")
    );
}

#[test]
fn fixture_ilostat_both_variants() {
    let out = ok(&fixture("ilo_labels.csv"), Some("DEU"));
    let t = find(&out, "DEU", "informal_emp", "2022", None);
    assert_eq!(t.observation.value, 9.5);
    assert!(
        t.observation
            .footnote
            .as_deref()
            .unwrap_or("")
            .contains("Note\nwith a line break")
    );
    assert_eq!(
        find(&out, "DEU", "informal_emp", "2022", Some("F"))
            .observation
            .value,
        8.25
    );
    assert!(
        out.warnings
            .iter()
            .any(|w| w.line == 5 && w.message.contains("n/a")),
        "{:?}",
        out.warnings
    );
    let codes = ok(&fixture("ilo_codes.csv"), None);
    let d = find(&codes, "DEU", "informal_emp", "2021", None);
    assert_eq!(d.observation.value, 10.25);
    assert_eq!(d.observation.flags, vec!["E".to_string()]);
    assert!(
        d.observation
            .footnote
            .as_deref()
            .unwrap_or("")
            .contains("Référence: enquête")
    );
    assert_eq!(
        d.observation
            .disaggregation
            .get("classif1")
            .map(String::as_str),
        Some("AGE_YTHADULT_YGE15")
    );
    assert_eq!(codes.unmapped_countries.get("X01"), Some(&1));
}

#[test]
fn malformed_inputs_give_errors_not_panics() {
    // Unterminated quote at the end: the value is read or a warning/error names the line.
    match run(&fixture("wb_truncated.csv"), None, false) {
        Ok(o) => assert!(o.records.iter().all(|r| r.observation.value == 5.0)),
        Err(e) => assert!(e.to_string().contains("wb_truncated.csv"), "{e}"),
    }
    let e = run(&fixture("owid_empty.csv"), None, false)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("empty"), "{e}");
    let e = run(&fixture("ilo_binary.bin"), None, false)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("not a recognised provider file"), "{e}");
    // Forcing each of our importers on every fixture never panics.
    let e = env();
    let ctx = Context {
        catalogue: &e.catalogue,
        countries: &e.countries,
        country: None,
        include_aggregates: false,
        mapping: None,
    };
    let fmts = [
        Format::WorldBankApi,
        Format::WdiBulk,
        Format::DataBank,
        Format::UndesaIms,
        Format::Wpp,
        Format::Owid,
        Format::Ilostat,
    ];
    for f in [
        "wb_bulk.csv",
        "ilo_binary.bin",
        "owid_empty.csv",
        "undesa_ims.xlsx",
        "undesa_wpp.csv",
        "wb_truncated.csv",
    ] {
        for fmt in fmts {
            let _ = ingest::import(&fixture(f), Some(fmt), &ctx);
        }
    }
}

// ------------------------------------------------------------------ never panic

mod never_panic {
    use super::*;
    use proptest::prelude::*;

    const FORMATS: [Format; 7] = [
        Format::WorldBankApi,
        Format::WdiBulk,
        Format::DataBank,
        Format::UndesaIms,
        Format::Wpp,
        Format::Owid,
        Format::Ilostat,
    ];

    /// Detect, then force each of our importers, on `bytes` written to a file named `name`.
    fn feed(name: &str, bytes: &[u8], country: Option<&str>) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
        let _ = ingest::detect(&p);
        let e = env();
        let ctx = Context {
            catalogue: &e.catalogue,
            countries: &e.countries,
            country,
            include_aggregates: true,
            mapping: None,
        };
        for f in FORMATS {
            if let Err(err) = ingest::import(&p, Some(f), &ctx) {
                // Every error names the file.
                assert!(err.to_string().contains(name), "{err}");
            }
        }
    }

    /// The start of a real file (or a fixture when the real file is absent).
    fn seed(rel: &str, fallback: &str, max: usize) -> Vec<u8> {
        let p = shared_data(rel).unwrap_or_else(|| fixture(fallback));
        let mut b = std::fs::read(p).unwrap_or_default();
        b.truncate(max);
        b
    }

    fn mutate(mut b: Vec<u8>, edits: &[(usize, u8, u8)], cut: Option<usize>) -> Vec<u8> {
        for &(at, kind, byte) in edits {
            if b.is_empty() {
                break;
            }
            let i = at % b.len();
            match kind % 4 {
                0 => b[i] = byte,
                1 => {
                    b.remove(i);
                }
                2 => b.insert(i, byte),
                _ => b.insert(i, [b'"', b',', b'\n', b'\r'][byte as usize % 4]),
            }
        }
        if let Some(c) = cut {
            let len = b.len();
            b.truncate(c % (len + 1));
        }
        b
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            feed("random.csv", &bytes, None);
        }

        #[test]
        fn mutated_csv_files(
            which in 0usize..7,
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..12),
            cut in proptest::option::of(any::<usize>()),
            filtered in any::<bool>(),
        ) {
            let (rel, fb) = [
                ("worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv", "wb_api_bundle/API_TEST_DS2_en_csv_v2_1.csv"),
                ("worldbank/Metadata_Country_API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv", "wb_api_bundle/Metadata_Country_API_TEST_DS2_en_csv_v2_1.csv"),
                ("undesa/WPP2019_Period_Indicators_Medium.csv", "undesa_wpp.csv"),
                ("owid/migrant-stock-share.csv", "owid_share.csv"),
                ("ilo/EMP_NIFL_SEX_RT_A-20240726T0000.csv", "ilo_labels.csv"),
                ("", "wb_bulk.csv"),
                ("", "wb_databank.csv"),
            ][which];
            let b = if rel.is_empty() { std::fs::read(fixture(fb)).unwrap_or_default() } else { seed(rel, fb, 24 * 1024) };
            let b = mutate(b, &edits, cut);
            feed("mutated.csv", &b, filtered.then_some("DEU"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn mutated_workbooks(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..6),
            cut in proptest::option::of(any::<usize>()),
        ) {
            let b = std::fs::read(fixture("undesa_ims.xlsx")).unwrap_or_default();
            let b = mutate(b, &edits, cut);
            feed("mutated.xlsx", &b, None);
        }
    }
}

#[test]
fn other_providers_real_files_are_not_taken_by_our_sniffers() {
    let ours = [
        Format::WorldBankApi,
        Format::WdiBulk,
        Format::DataBank,
        Format::UndesaIms,
        Format::Wpp,
        Format::Owid,
        Format::Ilostat,
    ];
    for rel in [
        "unhcr/solutions.csv",
        "unhcr/population.csv",
        "unhcr/footnotes.csv",
        "unhcr/asylum-decisions_origin-aggregate.csv",
        "unhcr/asylum-applications.csv",
        "unhcr/asylum-decisions.csv",
        "unhcr/unhcr_popstats_export_persons_of_concern_all_data.csv",
        "eurostat/demo_gind.tsv",
        "eurostat/migr_asydcfsta_2017-04-26.csv",
        "eurostat/migr_asyappctza_allcitizenships.csv",
        "iom/MissingMigrants-Global-2019-03-29T18-36-07.csv",
        "sdmx/International-migration-database.csv",
        "owid/migrant-stock-share.metadata.json",
    ] {
        let Some(p) = shared_data(rel) else { return };
        if let Ok(f) = ingest::detect(&p) {
            assert!(!ours.contains(&f), "{rel} detected as {f}");
        }
    }
}
