//! Integrity of the embedded indicator catalogue, source registry, country table and IOM template.

use migprof::catalogue::{Catalogue, Kind, Unit};
use migprof::country::Countries;
use migprof::ingest::Format;
use migprof::model::Family;
use migprof::template::{ChartKind, Template};
use std::collections::{BTreeMap, BTreeSet};

/// Sections of the domain reference that the catalogue must cover.
const DOMAIN_SECTIONS: [&str; 18] = [
    "KS", "A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "B.1", "B.2", "B.3", "B.4", "B.5",
    "B.6", "C.1", "C.2", "C.3", "C.4",
];

/// Disaggregation dimensions the importers, validation and renderer agree on.
const DIMENSIONS: [&str; 15] = [
    "sex",
    "age",
    "origin",
    "destination",
    "citizenship",
    "reason",
    "occupation",
    "sector",
    "cause",
    "route",
    "area",
    "level",
    "hazard",
    "type",
    "admin1",
];

fn catalogue() -> Catalogue {
    Catalogue::embedded().expect("embedded catalogue loads")
}

fn template() -> Template {
    Template::iom().expect("embedded IOM template loads")
}

fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    let mut dup: Vec<&str> = ids.filter(|id| !seen.insert(*id)).collect();
    dup.sort_unstable();
    dup.dedup();
    dup
}

#[test]
fn embedded_files_load() {
    let c = catalogue();
    let t = template();
    let countries = Countries::embedded().expect("embedded countries load");
    assert!(!c.indicators.is_empty() && !c.providers.is_empty());
    assert_eq!(t.id, "iom");
    assert!(countries.countries.len() >= 249);
}

#[test]
fn indicator_and_provider_ids_are_unique_and_snake_case() {
    let c = catalogue();
    assert_eq!(
        duplicates(c.indicators.iter().map(|i| i.id.as_str())),
        Vec::<&str>::new()
    );
    assert_eq!(
        duplicates(c.providers.iter().map(|p| p.id.as_str())),
        Vec::<&str>::new()
    );
    let snake = |s: &str| {
        !s.is_empty()
            && s.starts_with(|ch: char| ch.is_ascii_lowercase())
            && s.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
    };
    for id in c
        .indicators
        .iter()
        .map(|i| &i.id)
        .chain(c.providers.iter().map(|p| &p.id))
    {
        assert!(snake(id), "id `{id}` is not snake_case");
    }
}

#[test]
fn catalogue_is_large_enough() {
    let c = catalogue();
    assert!(
        c.indicators.len() >= 50,
        "{} indicators",
        c.indicators.len()
    );
    assert!(c.providers.len() >= 32, "{} providers", c.providers.len());
}

#[test]
fn every_indicator_is_complete() {
    let c = catalogue();
    let t = template();
    let mut problems = Vec::new();
    for i in &c.indicators {
        if i.name.trim().is_empty() || i.definition.trim().len() < 20 {
            problems.push(format!("{}: name or definition missing", i.id));
        }
        if t.section(&i.section).is_none() {
            problems.push(format!(
                "{}: home section {} not in template",
                i.id, i.section
            ));
        }
        for s in &i.also_in {
            if t.section(s).is_none() || s == &i.section {
                problems.push(format!("{}: also_in {s} invalid", i.id));
            }
        }
        for d in &i.disaggregations {
            if !DIMENSIONS.contains(&d.as_str()) {
                problems.push(format!("{}: unknown disaggregation `{d}`", i.id));
            }
        }
        if !duplicates(i.disaggregations.iter().map(String::as_str)).is_empty() {
            problems.push(format!("{}: repeated disaggregation", i.id));
        }
        if let Some(concept) = &i.concept
            && !["foreign_born", "foreign_citizen"].contains(&concept.as_str())
        {
            problems.push(format!("{}: unknown concept `{concept}`", i.id));
        }
        // Money in US$, shares in percent: the unit and kind must not contradict each other.
        match i.kind {
            Kind::Money if !matches!(i.unit, Unit::Usd | Unit::UsdMillion) => {
                problems.push(format!("{}: money kind with unit {:?}", i.id, i.unit))
            }
            Kind::Share if i.unit != Unit::Percent => {
                problems.push(format!("{}: share kind with unit {:?}", i.id, i.unit))
            }
            Kind::Stock if !i.unit.is_count() => {
                problems.push(format!("{}: stock kind with unit {:?}", i.id, i.unit))
            }
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn net_migration_may_be_negative_and_counts_may_not() {
    let c = catalogue();
    for id in ["net_migration", "net_migration_rate"] {
        assert!(
            c.indicator(id).is_some_and(|i| i.signed),
            "{id} must be signed"
        );
    }
    for id in [
        "imm_stock",
        "refugees_hosted",
        "remit_in",
        "asylum_applications",
    ] {
        assert!(
            c.indicator(id).is_some_and(|i| !i.signed),
            "{id} must not be signed"
        );
    }
}

#[test]
fn sdg_and_gcm_tags_are_known() {
    let c = catalogue();
    let sdg_known = [
        "10.7.1", "10.7.2", "10.7.3", "10.7.4", "10.c.1", "17.18", "16.2.2", "8.8.1",
    ];
    for i in &c.indicators {
        for s in &i.sdg {
            assert!(sdg_known.contains(&s.as_str()), "{}: sdg {s}", i.id);
        }
        for g in &i.gcm {
            let n: u32 = g.parse().unwrap_or(0);
            assert!((1..=23).contains(&n), "{}: GCM objective {g}", i.id);
        }
    }
    // The SDG migration indicators each have a home.
    for (sdg, id) in [
        ("10.7.1", "recruitment_cost"),
        ("10.7.2", "migration_policy_10_7_2"),
        ("10.7.3", "migrant_deaths"),
        ("10.7.4", "refugees_per_100k"),
        ("10.c.1", "remit_cost"),
        ("17.18", "sdg_disagg_coverage"),
    ] {
        let ind = c.indicator(id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(ind.sdg.iter().any(|s| s == sdg), "{id} should carry {sdg}");
    }
}

#[test]
fn every_domain_section_has_indicators() {
    let c = catalogue();
    for s in DOMAIN_SECTIONS {
        assert!(
            c.indicators.iter().any(|i| i.section == s),
            "no indicator has home section {s}"
        );
    }
    assert!(c.in_section("D.4").any(|i| i.id == "sdg_disagg_coverage"));
}

#[test]
fn key_statistics_are_the_ks_section() {
    let c = catalogue();
    let key: BTreeSet<&str> = c
        .indicators
        .iter()
        .filter(|i| i.key)
        .map(|i| i.id.as_str())
        .collect();
    let ks: BTreeSet<&str> = c.in_section("KS").map(|i| i.id.as_str()).collect();
    assert_eq!(key, ks, "key = true must match the indicators shown in KS");
    for id in ["imm_stock", "net_migration", "remit_in", "refugees_hosted"] {
        assert!(key.contains(id), "{id} should be a key statistic");
    }
}

#[test]
fn every_mapping_points_at_a_provider_and_a_format() {
    let c = catalogue();
    let mut problems = Vec::new();
    for i in &c.indicators {
        for m in &i.mapping {
            match c.provider(&m.provider) {
                None => problems.push(format!("{}: unknown provider `{}`", i.id, m.provider)),
                Some(p) if !p.formats.contains(&m.format) => problems.push(format!(
                    "{}: provider `{}` does not list format `{}`",
                    i.id, m.provider, m.format
                )),
                Some(_) => {}
            }
            if Format::from_id(&m.format).is_none() {
                problems.push(format!("{}: unknown format `{}`", i.id, m.format));
            }
            if m.series.trim().is_empty() {
                problems.push(format!("{}: empty series", i.id));
            }
            if m.scale.is_some_and(|s| !(s.is_finite() && s > 0.0)) {
                problems.push(format!("{}: bad scale {:?}", i.id, m.scale));
            }
            // The role is a field of its own (the loader refuses a mapping without one).
            if m.role.is_none() {
                problems.push(format!("{}: no role", i.id));
            }
            if m.filter.contains_key("role") {
                problems.push(format!("{}: role inside filter", i.id));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn no_two_mappings_claim_the_same_series() {
    // An importer must never get two indicators for one provider series and filter.
    let c = catalogue();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for i in &c.indicators {
        for m in &i.mapping {
            let key = format!("{} {} {:?} {:?}", m.format, m.series, m.role, m.filter);
            if let Some(prev) = seen.insert(key.clone(), &i.id) {
                panic!("{key} maps to both {prev} and {}", i.id);
            }
        }
    }
}

/// (format, series, filter entries that must match, expected indicator).
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

/// Every series that the real files in ../shared/data carry is mapped, by the conventions the
/// importers use (see the header of indicators/indicators.toml).
#[test]
fn real_file_series_are_mapped() {
    let c = catalogue();
    let lookup = |format: &str, series: &str, filter: &[(&str, &str)]| -> Option<String> {
        c.mappings_for_format(format)
            .find(|(_, m)| {
                m.series == series
                    && filter.iter().all(|(k, v)| {
                        if *k == "role" {
                            m.role.map(|r| r.id()) == Some(*v)
                        } else {
                            m.filter.get(*k).map(String::as_str) == Some(*v)
                        }
                    })
            })
            .map(|(i, _)| i.id.clone())
    };
    let cases: &[Case] = &[
        ("worldbank_api", "SM.POP.NETM", &[], "net_migration"),
        ("worldbank_api", "BX.TRF.PWKR.CD.DT", &[], "remit_in"),
        ("wdi_bulk", "SM.POP.NETM", &[], "net_migration"),
        ("databank", "BX.TRF.PWKR.CD.DT", &[], "remit_in"),
        ("wdi_bulk", "SM.POP.TOTL", &[], "imm_stock"),
        ("wdi_bulk", "SM.POP.TOTL.ZS", &[], "imm_stock_share"),
        ("wdi_bulk", "SM.POP.REFG", &[], "refugees_hosted"),
        ("wdi_bulk", "SM.POP.REFG.OR", &[], "refugees_from"),
        ("wdi_bulk", "BX.TRF.PWKR.DT.GD.ZS", &[], "remit_in_gdp"),
        ("wdi_bulk", "BM.TRF.PWKR.CD.DT", &[], "remit_out"),
        ("wdi_bulk", "SP.POP.TOTL", &[], "pop_total"),
        ("wdi_bulk", "NY.GDP.PCAP.CD", &[], "gdp_pc"),
        ("undesa_ims", "Table 1", &[], "imm_stock"),
        ("undesa_ims", "Table 3", &[], "imm_stock_share"),
        ("undesa_ims", "Table 4", &[], "imm_female_share"),
        ("wpp", "NetMigrations", &[], "net_migration"),
        ("wpp", "CNMR", &[], "net_migration_rate"),
        (
            "unhcr_rdf",
            "Refugees under UNHCR's mandate",
            &[("role", "asylum")],
            "refugees_hosted",
        ),
        (
            "unhcr_rdf",
            "Refugees under UNHCR's mandate",
            &[("role", "origin")],
            "refugees_from",
        ),
        (
            "unhcr_rdf",
            "Asylum-seekers",
            &[("role", "asylum")],
            "asylum_seekers",
        ),
        (
            "unhcr_rdf",
            "applied",
            &[("role", "asylum")],
            "asylum_applications",
        ),
        (
            "unhcr_rdf",
            "applied",
            &[("role", "origin")],
            "asylum_applications_abroad",
        ),
        (
            "unhcr_rdf",
            "Recognized decisions",
            &[("role", "asylum")],
            "asylum_decisions_recognized",
        ),
        (
            "unhcr_rdf",
            "Complementary protection",
            &[("role", "asylum")],
            "asylum_decisions_complementary",
        ),
        (
            "unhcr_rdf",
            "Rejected decisions",
            &[("role", "asylum")],
            "asylum_decisions_rejected",
        ),
        (
            "unhcr_rdf",
            "Otherwise closed",
            &[("role", "asylum")],
            "asylum_decisions_closed",
        ),
        (
            "unhcr_rdf",
            "Total decisions",
            &[("role", "asylum")],
            "asylum_decisions_total",
        ),
        (
            "unhcr_rdf",
            "Returned refugees",
            &[("role", "origin")],
            "returned_refugees",
        ),
        (
            "unhcr_rdf",
            "Returned IDPss",
            &[("role", "origin")],
            "returned_idps",
        ),
        (
            "unhcr_rdf",
            "Resettlement arrivals",
            &[("role", "asylum")],
            "resettlement_arrivals",
        ),
        (
            "unhcr_rdf",
            "Naturalisation",
            &[("role", "asylum")],
            "refugee_naturalisations",
        ),
        (
            "unhcr_popstats",
            "Refugees",
            &[("role", "asylum")],
            "refugees_hosted",
        ),
        (
            "unhcr_popstats",
            "Refugees",
            &[("role", "origin")],
            "refugees_from",
        ),
        (
            "unhcr_popstats",
            "Asylum-seekers (pending cases)",
            &[],
            "asylum_seekers",
        ),
        (
            "unhcr_popstats",
            "Internally displaced persons (IDPs)",
            &[],
            "idps_stock",
        ),
        ("unhcr_popstats", "Stateless persons", &[], "stateless"),
        (
            "unhcr_popstats",
            "Returned refugees",
            &[("role", "origin")],
            "returned_refugees",
        ),
        (
            "unhcr_popstats",
            "Returned refugees",
            &[("role", "asylum")],
            "refugee_returns_from",
        ),
        (
            "unhcr_rdf",
            "Returned refugees",
            &[("role", "asylum")],
            "refugee_returns_from",
        ),
        ("unhcr_popstats", "Returned IDPs", &[], "returned_idps"),
        ("sdmx_csv", "B11", &[("SEX", "_T")], "imm_inflow"),
        ("eurostat_tsv", "CNMIGRAT", &[], "net_migration"),
        ("eurostat_tsv", "CNMIGRATRT", &[], "net_migration_rate"),
        ("eurostat_tsv", "AVG", &[], "pop_total"),
        (
            "eurostat_explorer",
            "migr_asyappctza",
            &[
                ("role", "asylum"),
                ("ASYL_APP", "First time applicant"),
                ("SEX", "Total"),
                ("AGE", "Total"),
            ],
            "asylum_applications",
        ),
        (
            "eurostat_explorer",
            "migr_asydcfsta",
            &[("role", "asylum"), ("DECISION", "Total")],
            "asylum_decisions_total",
        ),
        (
            "eurostat_explorer",
            "migr_asydcfsta",
            &[("DECISION", "Total positive decisions")],
            "asylum_decisions_positive",
        ),
        (
            "eurostat_explorer",
            "migr_asydcfsta",
            &[("DECISION", "Rejected")],
            "asylum_decisions_rejected",
        ),
        (
            "ilostat",
            "Informal employment rate by sex (%)",
            &[],
            "informal_employment_rate",
        ),
        (
            "owid",
            "Share of the population that was born in another country",
            &[],
            "imm_stock_share",
        ),
        (
            "missing_migrants",
            "Total Dead and Missing",
            &[],
            "migrant_deaths",
        ),
        ("missing_migrants", "Number Dead", &[], "migrant_dead"),
        (
            "missing_migrants",
            "Minimum Estimated Number of Missing",
            &[],
            "migrant_missing",
        ),
    ];
    let mut problems = Vec::new();
    for (format, series, filter, want) in cases {
        let got = lookup(format, series, filter);
        if got.as_deref() != Some(*want) {
            problems.push(format!(
                "{format} {series:?} {filter:?}: want {want}, got {got:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // Scales: WPP NetMigrations is in thousands, World Bank remittances in plain US$.
    let scale = |format: &str, series: &str| {
        c.mappings_for_format(format)
            .find(|(_, m)| m.series == series)
            .and_then(|(_, m)| m.scale)
    };
    assert_eq!(scale("wpp", "NetMigrations"), Some(1000.0));
    assert_eq!(scale("worldbank_api", "BX.TRF.PWKR.CD.DT"), None);
    assert_eq!(
        c.indicator("remit_in").map(|i| i.unit),
        Some(Unit::Usd),
        "World Bank remittances are current US$, not millions"
    );
}

/// The column headers of the real files must match the mapped series exactly (no typo fixes).
#[test]
fn mapped_columns_exist_in_the_real_files() {
    let c = catalogue();
    let files: &[(&str, &str, usize)] = &[
        ("unhcr_rdf", "unhcr/population.csv", 0),
        ("unhcr_rdf", "unhcr/solutions.csv", 15),
        ("unhcr_rdf", "unhcr/asylum-applications.csv", 0),
        ("unhcr_rdf", "unhcr/asylum-decisions.csv", 0),
        (
            "unhcr_popstats",
            "unhcr/unhcr_popstats_export_persons_of_concern_all_data.csv",
            0,
        ),
        ("wpp", "undesa/WPP2019_Period_Indicators_Medium.csv", 0),
        ("owid", "owid/migrant-stock-share.csv", 0),
        (
            "missing_migrants",
            "iom/MissingMigrants-Global-2019-03-29T18-36-07.csv",
            0,
        ),
    ];
    let mut all_headers: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (format, rel, skip) in files {
        let Some(path) = migprof::testdata::shared_data(rel) else {
            return;
        };
        let bytes = std::fs::read(&path).expect("read");
        let text = migprof::ingest::encoding::decode(&bytes);
        let header_line = text.lines().nth(*skip).expect("header line");
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(header_line.as_bytes());
        let rec = rdr
            .records()
            .next()
            .expect("a header")
            .expect("header parses");
        let set = all_headers.entry(format).or_default();
        set.extend(rec.iter().map(str::to_string));
    }
    // Every header column with counts in the real files is mapped...
    let must_map: &[(&str, &[&str])] = &[
        (
            "unhcr_rdf",
            &[
                "Refugees under UNHCR's mandate",
                "Asylum-seekers",
                "applied",
                "Recognized decisions",
                "Complementary protection",
                "Rejected decisions",
                "Otherwise closed",
                "Total decisions",
                "Returned refugees",
                "Returned IDPss",
                "Resettlement arrivals",
                "Naturalisation",
            ],
        ),
        (
            "unhcr_popstats",
            &[
                "Refugees",
                "Asylum-seekers (pending cases)",
                "Returned refugees",
                "Internally displaced persons (IDPs)",
                "Returned IDPs",
                "Stateless persons",
            ],
        ),
        ("wpp", &["CNMR", "NetMigrations", "GrowthRate"]),
        (
            "owid",
            &["Share of the population that was born in another country"],
        ),
        (
            "missing_migrants",
            &[
                "Number Dead",
                "Minimum Estimated Number of Missing",
                "Total Dead and Missing",
            ],
        ),
    ];
    for (format, cols) in must_map {
        let headers = &all_headers[format];
        for col in *cols {
            assert!(
                headers.contains(*col),
                "{format}: no column {col:?} in the file"
            );
            assert!(
                c.mappings_for_format(format).any(|(_, m)| m.series == *col),
                "{format}: column {col:?} is not mapped"
            );
        }
    }
    // ...and every mapped series of these formats is a real column, except the documented
    // columns of fuller exports than the sample files.
    let fuller_exports = ["IDPs of concern to UNHCR", "Stateless persons"];
    for (format, headers) in &all_headers {
        for (i, m) in c.mappings_for_format(format) {
            assert!(
                headers.contains(&m.series) || fuller_exports.contains(&m.series.as_str()),
                "{}: mapped series {:?} is not a column of any {format} file",
                i.id,
                m.series
            );
        }
    }
}

#[test]
fn every_family_has_providers_and_every_provider_is_complete() {
    let c = catalogue();
    for f in Family::ALL {
        assert!(
            c.providers_in(f).count() >= 3,
            "family {} has fewer than 3 providers",
            f.id()
        );
    }
    let mut problems = Vec::new();
    for p in &c.providers {
        for (field, v) in [
            ("name", &p.name),
            ("publishes", &p.publishes),
            ("access", &p.access),
            ("licence", &p.licence),
            ("caveats", &p.caveats),
        ] {
            if v.trim().is_empty() {
                problems.push(format!("{}: empty {field}", p.id));
            }
        }
        if p.formats.is_empty() {
            problems.push(format!("{}: no formats", p.id));
        }
        for f in &p.formats {
            if f != "manual" && Format::from_id(f).is_none() {
                problems.push(format!("{}: unknown format `{f}`", p.id));
            }
        }
        if p.covers.is_empty() {
            problems.push(format!("{}: covers nothing", p.id));
        }
        for id in &p.covers {
            if c.indicator(id).is_none() {
                problems.push(format!(
                    "{}: covers unknown indicator `{id}` (did you mean {:?}?)",
                    p.id,
                    c.suggest_indicator(id)
                ));
            }
        }
        if p.family == Family::International && p.url.is_none() {
            problems.push(format!("{}: international provider without url", p.id));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_indicator_can_be_filled_by_some_provider() {
    let c = catalogue();
    let orphans: Vec<&str> = c
        .indicators
        .iter()
        .filter(|i| c.providers_for(&i.id).is_empty())
        .map(|i| i.id.as_str())
        .collect();
    assert!(orphans.is_empty(), "no provider for {orphans:?}");
}

#[test]
fn template_structure_follows_the_domain_reference() {
    let t = template();
    let parts: Vec<&str> = t.part.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(parts, ["front", "A", "B", "C", "D", "annex"]);
    let ids: Vec<&str> = t.sections().map(|s| s.id.as_str()).collect();
    assert_eq!(duplicates(ids.iter().copied()), Vec::<&str>::new());
    let want = [
        "KS",
        "EXEC",
        "A.1",
        "A.2",
        "A.3",
        "A.4",
        "A.5",
        "A.6",
        "A.7",
        "B.1",
        "B.2",
        "B.3",
        "B.4",
        "B.5",
        "B.6",
        "C.1",
        "C.2",
        "C.3",
        "C.4",
        "D.1",
        "D.2",
        "D.3",
        "D.4",
        "ANX.SOURCES",
        "ANX.DEF",
        "ANX.TABLES",
        "ANX.PLAN",
    ];
    assert_eq!(ids, want);
    let fixed: Vec<&str> = t
        .sections()
        .filter(|s| !s.optional)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        fixed,
        [
            "KS",
            "EXEC",
            "D.4",
            "ANX.SOURCES",
            "ANX.DEF",
            "ANX.TABLES",
            "ANX.PLAN"
        ]
    );
    let defaults = t.default_modules();
    for off in ["A.7", "B.4", "B.5", "B.6"] {
        assert!(!defaults.iter().any(|d| d == off), "{off} is opt-in");
    }
    for on in ["A.2", "A.6", "B.2", "C.1", "D.1"] {
        assert!(defaults.iter().any(|d| d == on), "{on} is on by default");
    }
    for s in t.sections() {
        assert!(!s.title.trim().is_empty(), "{}: no title", s.id);
        assert!(s.prompt.trim().len() > 20, "{}: no narrative prompt", s.id);
    }
}

#[test]
fn template_indicators_exist_and_belong_to_their_section() {
    let c = catalogue();
    let t = template();
    let mut problems = Vec::new();
    for s in t.sections() {
        for id in &s.indicators {
            match c.indicator(id) {
                None => problems.push(format!("{}: unknown indicator `{id}`", s.id)),
                Some(i) if i.section != s.id && !i.also_in.contains(&s.id) => problems.push(
                    format!("{}: `{id}` lists neither it as section nor also_in", s.id),
                ),
                Some(_) => {}
            }
        }
        if !duplicates(s.indicators.iter().map(String::as_str)).is_empty() {
            problems.push(format!("{}: repeated indicator", s.id));
        }
        let annex = t.part_of(&s.id).is_some_and(|p| p.id == "annex");
        let shown = s
            .chart
            .iter()
            .flat_map(|ch| ch.indicators.iter())
            .chain(s.table.iter().flat_map(|tb| tb.indicators.iter()));
        for id in shown {
            if c.indicator(id).is_none() {
                problems.push(format!("{}: chart/table shows unknown `{id}`", s.id));
            } else if !annex && !s.indicators.contains(id) {
                problems.push(format!("{}: chart/table shows `{id}` not listed", s.id));
            }
        }
    }
    // Every catalogue indicator appears in the template section(s) it names.
    for i in &c.indicators {
        for sec in std::iter::once(&i.section).chain(i.also_in.iter()) {
            if !t.section(sec).is_some_and(|s| s.indicators.contains(&i.id)) {
                problems.push(format!("`{}` is missing from template section {sec}", i.id));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn template_charts_are_well_formed() {
    let c = catalogue();
    let t = template();
    let mut kinds = BTreeSet::new();
    let mut problems = Vec::new();
    for s in t.sections() {
        for ch in &s.chart {
            kinds.insert(ch.kind);
            if ch.indicators.is_empty() || ch.title.trim().is_empty() {
                problems.push(format!("{}: empty chart", s.id));
            }
            let units: BTreeSet<_> = ch
                .indicators
                .iter()
                .filter_map(|id| c.indicator(id).map(|i| i.unit))
                .collect();
            match ch.kind {
                ChartKind::TimeSeries if units.len() > 1 => {
                    problems.push(format!("{}: `{}` mixes units", s.id, ch.title))
                }
                ChartKind::Bars => {
                    let dim = ch.dimension.as_deref().unwrap_or("");
                    for id in &ch.indicators {
                        if !c
                            .indicator(id)
                            .is_some_and(|i| i.disaggregations.iter().any(|d| d == dim))
                        {
                            problems.push(format!("{}: bars of `{id}` by `{dim}`", s.id));
                        }
                    }
                }
                ChartKind::Pyramid => {
                    for id in &ch.indicators {
                        let ok = c.indicator(id).is_some_and(|i| {
                            ["age", "sex"]
                                .iter()
                                .all(|d| i.disaggregations.iter().any(|x| x == d))
                        });
                        if !ok {
                            problems.push(format!("{}: pyramid of `{id}` without age/sex", s.id));
                        }
                    }
                }
                _ => {}
            }
        }
        for tb in &s.table {
            if tb.by != "period" {
                for id in &tb.indicators {
                    if !c
                        .indicator(id)
                        .is_some_and(|i| i.disaggregations.contains(&tb.by))
                    {
                        problems.push(format!("{}: table of `{id}` by `{}`", s.id, tb.by));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(kinds.len(), 4, "every chart kind is used: {kinds:?}");
    // The charts the domain reference calls usual.
    let has = |kind: ChartKind, id: &str, dim: Option<&str>| {
        t.sections().any(|s| {
            s.chart.iter().any(|ch| {
                ch.kind == kind
                    && ch.indicators.iter().any(|i| i == id)
                    && (dim.is_none() || ch.dimension.as_deref() == dim)
            })
        })
    };
    assert!(has(ChartKind::TimeSeries, "imm_stock", None));
    assert!(has(ChartKind::TimeSeries, "imm_stock_share", None));
    assert!(has(ChartKind::TimeSeries, "emi_stock", None));
    assert!(has(ChartKind::TimeSeries, "net_migration", None));
    assert!(has(ChartKind::TimeSeries, "refugees_hosted", None));
    assert!(has(ChartKind::TimeSeries, "refugees_from", None));
    assert!(has(ChartKind::TimeSeries, "asylum_applications", None));
    assert!(has(ChartKind::TimeSeries, "remit_in", None));
    assert!(has(ChartKind::TimeSeries, "remit_in_gdp", None));
    assert!(has(ChartKind::Bars, "imm_stock", Some("origin")));
    assert!(has(ChartKind::Bars, "asylum_applications", Some("origin")));
    assert!(has(ChartKind::Pyramid, "imm_stock", None));
    assert!(
        t.section("KS")
            .is_some_and(|s| s.chart.iter().any(|ch| ch.kind == ChartKind::Multiples))
    );
}

#[test]
fn a_user_catalogue_directory_overrides_the_embedded_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("indicators.toml"),
        "[[indicator]]\nid = \"x_only\"\nname = \"X\"\ndefinition = \"A test indicator.\"\n\
         unit = \"persons\"\nkind = \"stock\"\nsection = \"A.2\"\n",
    )
    .expect("write");
    let c = Catalogue::load_dir(dir.path()).expect("load");
    assert_eq!(c.indicators.len(), 1);
    assert!(c.indicator("x_only").is_some());
    // The registry was not overridden: the embedded one is used.
    assert_eq!(c.providers.len(), catalogue().providers.len());
}

/// The TUI lists the registry's providers in 30 columns: each has a short name that fits,
/// no two alike within a family (they are listed under it), and a provider without one is
/// listed by its name.
#[test]
fn every_provider_has_a_short_name_that_fits_the_list() {
    use migprof::catalogue::Provider;
    let c = catalogue();
    let mut seen = BTreeSet::new();
    for p in &c.providers {
        let short = p
            .short
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no short name", p.id));
        assert!(
            short.chars().count() <= Provider::SHORT_MAX && !short.trim().is_empty(),
            "{}: {short:?}",
            p.id
        );
        assert!(seen.insert((p.family, short)), "{}: {short:?} twice", p.id);
        assert_eq!(p.label(), short);
    }
    let mut p = c.providers[0].clone();
    p.short = None;
    assert_eq!(p.label(), p.name);
}
