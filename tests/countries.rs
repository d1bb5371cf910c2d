//! The country table: unique codes and names, lookups, and every country or area cell of the real
//! provider files in `../shared/data` resolving to a country or a known aggregate.

use calamine::{Data, Reader, Xlsx, open_workbook};
use migprof::country::{Countries, Resolved, normalise};
use migprof::ingest::encoding::decode;
use migprof::testdata::shared_data;
use std::collections::BTreeMap;
use std::path::Path;

fn table() -> Countries {
    Countries::embedded().expect("embedded countries.toml loads")
}

fn iso3(c: &Countries, cell: &str) -> Option<String> {
    c.iso3(cell).map(str::to_string)
}

// ---------------------------------------------------------------------------------------------
// The table itself
// ---------------------------------------------------------------------------------------------

#[test]
fn covers_iso_3166_and_kosovo() {
    let c = table();
    assert!(
        c.countries.len() >= 249,
        "only {} countries",
        c.countries.len()
    );
    let kosovo = c.by_code("XKX").expect("Kosovo present");
    assert_eq!(kosovo.iso2, "XK");
    assert_eq!(kosovo.m49, None, "M49 does not list Kosovo");
    let without_m49: Vec<&str> = c
        .countries
        .iter()
        .filter(|x| x.m49.is_none())
        .map(|x| x.iso3.as_str())
        .collect();
    assert_eq!(without_m49, vec!["XKX"]);
    for x in &c.countries {
        assert_eq!(x.iso3.len(), 3, "{}", x.iso3);
        assert_eq!(x.iso2.len(), 2, "{}", x.iso3);
        assert!(
            x.iso3.chars().all(|ch| ch.is_ascii_uppercase()),
            "{}",
            x.iso3
        );
        assert!(
            x.iso2.chars().all(|ch| ch.is_ascii_uppercase()),
            "{}",
            x.iso3
        );
        assert!(!x.name.trim().is_empty(), "{} has no name", x.iso3);
    }
}

#[test]
fn every_country_has_an_m49_region_and_subregion() {
    let c = table();
    let regions = [
        "Africa",
        "Americas",
        "Asia",
        "Europe",
        "Oceania",
        "Antarctica",
    ];
    for x in &c.countries {
        assert!(
            regions.contains(&x.region.as_str()),
            "{}: region {:?}",
            x.iso3,
            x.region
        );
        assert!(!x.subregion.trim().is_empty(), "{}: no subregion", x.iso3);
    }
    let deu = c.by_code("DEU").expect("DEU");
    assert_eq!(
        (deu.region.as_str(), deu.subregion.as_str()),
        ("Europe", "Western Europe")
    );
    let bra = c.by_code("BRA").expect("BRA");
    assert_eq!(
        (bra.region.as_str(), bra.subregion.as_str()),
        ("Americas", "South America")
    );
    let ken = c.by_code("KEN").expect("KEN");
    assert_eq!(
        (ken.region.as_str(), ken.subregion.as_str()),
        ("Africa", "Eastern Africa")
    );
}

#[test]
fn codes_are_unique_across_countries_and_aggregates() {
    let c = table();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut dup = Vec::new();
    let mut add = |key: String, owner: &str| {
        if let Some(prev) = seen.insert(key.clone(), owner.to_string())
            && prev != owner
        {
            dup.push(format!("{key}: {prev} and {owner}"));
        }
    };
    for x in &c.countries {
        add(x.iso3.to_ascii_uppercase(), &x.iso3);
        add(x.iso2.to_ascii_uppercase(), &x.iso3);
        if let Some(m) = x.m49 {
            add(m.to_string(), &x.iso3);
        }
        for a in &x.alt_codes {
            add(a.to_ascii_uppercase(), &x.iso3);
        }
    }
    for a in &c.aggregates {
        let owner = format!("aggregate {}", a.code);
        add(a.code.to_ascii_uppercase(), &owner);
        if let Some(m) = a.m49 {
            add(m.to_string(), &owner);
        }
    }
    assert!(dup.is_empty(), "duplicate codes: {dup:#?}");
}

#[test]
fn names_and_aliases_are_unique_after_normalising() {
    let c = table();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut dup = Vec::new();
    let mut add = |name: &str, owner: &str| {
        let key = normalise(name);
        assert!(!key.is_empty(), "{owner} has an empty name or alias");
        if let Some(prev) = seen.insert(key.clone(), owner.to_string())
            && prev != owner
        {
            dup.push(format!("{key:?}: {prev} and {owner}"));
        }
    };
    for x in &c.countries {
        add(&x.name, &x.iso3);
        for a in &x.aliases {
            add(a, &x.iso3);
        }
    }
    for a in &c.aggregates {
        let owner = format!("aggregate {}", a.code);
        add(&a.name, &owner);
        for al in &a.aliases {
            add(al, &owner);
        }
    }
    assert!(dup.is_empty(), "names used twice: {dup:#?}");
}

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

#[test]
fn lookup_by_code() {
    let c = table();
    for (code, want) in [
        ("DEU", "DEU"),
        ("deu", "DEU"),
        ("DE", "DEU"),
        ("276", "DEU"),
        (" 276 ", "DEU"),
        ("4", "AFG"),
        ("004", "AFG"),
        ("EL", "GRC"),
        ("GR", "GRC"),
        ("UK", "GBR"),
        ("GB", "GBR"),
        ("XK", "XKX"),
        ("KOS", "XKX"),
        ("ROM", "ROU"),
        ("ZAR", "COD"),
        ("TMP", "TLS"),
        ("158", "TWN"),
        ("729", "SDN"),
        ("728", "SSD"),
    ] {
        assert_eq!(
            c.by_code(code).map(|x| x.iso3.as_str()),
            Some(want),
            "code {code:?}"
        );
    }
    assert!(c.by_code("QQQ").is_none());
    assert!(c.by_code("WLD").is_none(), "an aggregate is not a country");
}

#[test]
fn lookup_by_name_and_provider_alias() {
    let c = table();
    for (name, want) in [
        ("Germany", "DEU"),
        ("Korea, Rep.", "KOR"),
        ("Republic of Korea", "KOR"),
        ("Korea, Dem. People's Rep.", "PRK"),
        ("Egypt, Arab Rep.", "EGY"),
        ("Turkiye", "TUR"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("TÜRKIYE", "TUR"),
        ("Iran (Islamic Rep. of)", "IRN"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Iran, Islamic Rep.", "IRN"),
        ("Dem. Rep. of the Congo", "COD"),
        ("Congo, Dem. Rep.", "COD"),
        ("Congo", "COG"),
        // KNOMAD bilateral matrix 2021 (sheet "BRM 2021", row 2 headers CD, GL, BN, CZ).
        ("GuineaBissau", "GNB"),
        ("TimorLeste", "TLS"),
        ("Faeroe Islands", "FRO"),
        ("Korea, Dem. Rep.", "PRK"),
        ("Serbia and Kosovo: S/RES/1244 (1999)", "SRB"),
        ("China, Hong Kong SAR", "HKG"),
        ("Hong Kong SAR, China", "HKG"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("   Bolivia (Plurinational State of)*", "BOL"),
        ("  Mauritius*", "MUS"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("CÔTE D’IVOIRE", "CIV"),
        ("Curaçao", "CUW"),
        ("Curacao", "CUW"),
        ("Réunion", "REU"),
        ("Germany (until 1990 former territory of the FRG)", "DEU"),
        (
            "Kosovo (under United Nations Security Council Resolution 1244/99)",
            "XKX",
        ),
        ("Micronesia (Fed. States of)", "FSM"),
        ("Micronesia, Fed. Sts.", "FSM"),
        ("United States", "USA"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("Slovak Republic", "SVK"),
        ("Occupied Palestinian Territory", "PSE"),
    ] {
        assert_eq!(iso3(&c, name).as_deref(), Some(want), "name {name:?}");
    }
    assert!(c.by_name("Atlantis").is_none());
}

#[test]
fn aggregates_are_recognised_and_never_countries() {
    let c = table();
    for cell in [
        "WLD",
        "World",
        "WORLD",
        "900",
        "LMY",
        "Low & middle income",
        "AFE",
        "ARB",
        "EUU",
        "  Sub-Saharan Africa",
        "Sub-Saharan Africa (UN)",
        "947",
        "European Union (28 countries)",
        "Extra-EU-28",
        "EU28",
        "EA19",
        "Euro area (19 countries)",
        "Various/Unknown",
        "Stateless",
        "Unknown",
        "Tibetan",
        "Micronesia",
        "High-income countries",
        "Channel Islands",
    ] {
        assert!(c.is_aggregate(cell), "{cell:?} should be an aggregate");
        assert_eq!(c.iso3(cell), None, "{cell:?} is not a country");
    }
    assert!(c.resolve("Atlantis").is_none());
    assert!(!c.is_aggregate("Germany"));
}

#[test]
fn search_finds_by_partial_name_and_alias() {
    let c = table();
    let hits: Vec<&str> = c.search("turk").iter().map(|x| x.iso3.as_str()).collect();
    assert!(hits.contains(&"TUR"), "{hits:?}");
    assert!(hits.contains(&"TKM"), "{hits:?}");
    let hits: Vec<&str> = c.search("korea").iter().map(|x| x.iso3.as_str()).collect();
    assert!(hits.contains(&"KOR") && hits.contains(&"PRK"), "{hits:?}");
}

// ---------------------------------------------------------------------------------------------
// Real provider files
// ---------------------------------------------------------------------------------------------

/// Parse a CSV (any encoding `decode` handles) and return the header and the data records after
/// the first record whose first field is `first_header_cell`.
fn csv_after_header(path: &Path, first_header_cell: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).expect("read data file");
    let text = decode(&bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.expect("csv record");
        let fields: Vec<String> = rec.iter().map(str::to_string).collect();
        match header {
            None => {
                if fields.first().map(String::as_str) == Some(first_header_cell) {
                    header = Some(fields);
                }
            }
            Some(_) => rows.push(fields),
        }
    }
    let header = header.unwrap_or_else(|| {
        panic!(
            "{}: no header starting with {first_header_cell:?}",
            path.display()
        )
    });
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
}

/// Same entity? Countries must match exactly; an aggregate only needs to be an aggregate
/// (several providers' regions share a name but not a definition).
fn agree(a: Resolved<'_>, b: Resolved<'_>) -> bool {
    match (a, b) {
        (Resolved::Country(x), Resolved::Country(y)) => x.iso3 == y.iso3,
        (Resolved::Aggregate(_), Resolved::Aggregate(_)) => true,
        _ => false,
    }
}

/// Collects problems so one run reports every unresolved cell.
#[derive(Default)]
struct Check {
    problems: Vec<String>,
    cells: usize,
}

impl Check {
    fn cell<'a>(&mut self, c: &'a Countries, what: &str, cell: &str) -> Option<Resolved<'a>> {
        self.cells += 1;
        let r = c.resolve(cell);
        if r.is_none() {
            let msg = format!("{what}: {cell:?} unresolved");
            if !self.problems.contains(&msg) {
                self.problems.push(msg);
            }
        }
        r
    }

    /// A name cell and its code cell must both resolve, to the same entity.
    fn pair(&mut self, c: &Countries, what: &str, name: &str, code: &str) {
        let a = self.cell(c, what, name);
        let b = self.cell(c, what, code);
        if let (Some(a), Some(b)) = (a, b)
            && !agree(a, b)
        {
            let msg = format!("{what}: name {name:?} and code {code:?} disagree");
            if !self.problems.contains(&msg) {
                self.problems.push(msg);
            }
        }
    }

    fn finish(self, file: &str, min_cells: usize) {
        assert!(
            self.problems.is_empty(),
            "{file}: {} problems:\n{}",
            self.problems.len(),
            self.problems.join("\n")
        );
        assert!(
            self.cells >= min_cells,
            "{file}: only {} cells checked",
            self.cells
        );
    }
}

#[test]
fn worldbank_api_files_resolve_and_aggregates_match_metadata() {
    let c = table();
    for (data, meta) in [
        (
            "worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv",
            "worldbank/Metadata_Country_API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv",
        ),
        (
            "worldbank/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv",
            "worldbank/Metadata_Country_API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv",
        ),
    ] {
        let (Some(data_path), Some(meta_path)) = (shared_data(data), shared_data(meta)) else {
            return;
        };
        // Metadata: Region is empty for aggregates.
        let (mh, mrows) = csv_after_header(&meta_path, "Country Code");
        let (code_i, region_i, table_i) = (
            col(&mh, "Country Code"),
            col(&mh, "Region"),
            col(&mh, "TableName"),
        );
        let mut check = Check::default();
        let mut is_agg: BTreeMap<String, bool> = BTreeMap::new();
        for r in &mrows {
            let code = &r[code_i];
            let agg = r[region_i].trim().is_empty();
            is_agg.insert(code.clone(), agg);
            check.pair(&c, meta, &r[table_i], code);
            match c.resolve(code) {
                // The Channel Islands are one World Bank economy but not an ISO 3166 country
                // (Guernsey and Jersey are): kept as an aggregate.
                Some(Resolved::Aggregate(_)) if code == "CHI" => {}
                Some(Resolved::Aggregate(_)) if !agg => check.problems.push(format!(
                    "{meta}: {code} has a Region but is an aggregate here"
                )),
                Some(Resolved::Country(_)) if agg => check.problems.push(format!(
                    "{meta}: {code} has no Region but is a country here"
                )),
                _ => {}
            }
        }
        check.finish(meta, 400);

        let (h, rows) = csv_after_header(&data_path, "Country Name");
        let (name_i, code_i) = (col(&h, "Country Name"), col(&h, "Country Code"));
        let mut check = Check::default();
        for r in &rows {
            check.pair(&c, data, &r[name_i], &r[code_i]);
        }
        check.finish(data, 500);
    }
}

/// Split a UNHCR Refugee Data Finder record into (origin name, origin ISO, asylum name, asylum
/// ISO). `population.csv` leaves some names with a comma unquoted (`China, Hong Kong SAR`), so a
/// record can be longer than the header: a name runs until the next field that looks like a code.
fn unhcr_split(fields: &[String]) -> Option<(String, String, String, String)> {
    fn is_code(s: &str) -> bool {
        s.is_empty() || s == "-" || (s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase()))
    }
    let mut i = 1;
    let mut take = |fields: &[String]| -> Option<(String, String)> {
        let start = i;
        let mut end = start + 1;
        while end < fields.len() && !is_code(&fields[end]) {
            end += 1;
        }
        let code = fields.get(end)?.clone();
        let name = fields.get(start..end)?.join(",");
        i = end + 1;
        Some((name, code))
    };
    let (on, oc) = take(fields)?;
    let (an, ac) = take(fields)?;
    Some((on, oc, an, ac))
}

#[test]
fn unhcr_refugee_data_finder_files_resolve() {
    let c = table();
    for (file, min) in [
        ("unhcr/population.csv", 5000),
        ("unhcr/solutions.csv", 5000),
        ("unhcr/asylum-applications.csv", 5000),
        ("unhcr/asylum-decisions.csv", 5000),
        ("unhcr/asylum-decisions_origin-aggregate.csv", 0),
    ] {
        let Some(path) = shared_data(file) else {
            return;
        };
        let (h, rows) = csv_after_header(&path, "Year");
        assert_eq!(h.get(1).map(String::as_str), Some("Country of origin"));
        let mut check = Check::default();
        for (n, r) in rows.iter().enumerate() {
            let Some((on, oc, an, ac)) = unhcr_split(r) else {
                check
                    .problems
                    .push(format!("{file}: record {} unsplittable: {r:?}", n + 2));
                continue;
            };
            for (name, code) in [(on, oc), (an, ac)] {
                // `-` = no breakdown by country (the origin-aggregate export).
                match (name.trim(), code.trim()) {
                    ("-", "-") => {}
                    (name, "") => {
                        check.cell(&c, file, name);
                    }
                    (name, code) => check.pair(&c, file, name, code),
                }
            }
        }
        check.finish(file, min);
    }
}

#[test]
fn unhcr_footnotes_codes_resolve() {
    let c = table();
    let Some(path) = shared_data("unhcr/footnotes.csv") else {
        return;
    };
    let (h, rows) = csv_after_header(&path, "Footnote");
    let (o, a) = (
        col(&h, "Country of origin (ISO)"),
        col(&h, "Country of asylum (ISO)"),
    );
    let mut check = Check::default();
    for r in &rows {
        for i in [o, a] {
            if !r[i].is_empty() {
                check.cell(&c, "footnotes.csv", &r[i]);
            }
        }
    }
    check.finish("unhcr/footnotes.csv", 50);
}

#[test]
fn unhcr_popstats_names_resolve() {
    let c = table();
    let file = "unhcr/unhcr_popstats_export_persons_of_concern_all_data.csv";
    let Some(path) = shared_data(file) else {
        return;
    };
    let (h, rows) = csv_after_header(&path, "Year");
    let (a, o) = (col(&h, "Country of asylum or residence"), col(&h, "Origin"));
    let mut check = Check::default();
    let mut empty = 0;
    for r in &rows {
        for i in [a, o] {
            // One 1979 record (Bangladesh, returned refugees) has an empty origin.
            if r[i].is_empty() {
                empty += 1;
                continue;
            }
            check.cell(&c, file, &r[i]);
        }
    }
    assert!(empty <= 1, "{empty} empty country cells");
    check.finish(file, 50_000);
    assert!(c.is_aggregate("Various/Unknown"));
}

#[test]
fn eurostat_explorer_labels_resolve() {
    let c = table();
    for file in [
        "eurostat/migr_asyappctza_allcitizenships.csv",
        "eurostat/migr_asydcfsta_2017-04-26.csv",
    ] {
        let Some(path) = shared_data(file) else {
            return;
        };
        let (h, rows) = csv_after_header(&path, "TIME");
        let (g, ci) = (col(&h, "GEO"), col(&h, "CITIZEN"));
        let mut check = Check::default();
        for r in &rows {
            check.cell(&c, file, &r[g]);
            check.cell(&c, file, &r[ci]);
        }
        check.finish(file, 1000);
    }
    // The Windows-1252 file spells São Tomé with byte E3: decoded, it must still resolve.
    assert_eq!(c.iso3("São Tomé and Príncipe"), Some("STP"));
}

#[test]
fn eurostat_tsv_geo_codes_resolve() {
    let c = table();
    let file = "eurostat/demo_gind.tsv";
    let Some(path) = shared_data(file) else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read");
    let mut check = Check::default();
    for line in text.lines().skip(1) {
        let key = line.split('\t').next().unwrap_or("");
        let geo = key.rsplit(',').next().unwrap_or("");
        check.cell(&c, file, geo);
    }
    check.finish(file, 500);
    assert_eq!(c.iso3("EL"), Some("GRC"));
    assert_eq!(c.iso3("UK"), Some("GBR"));
    assert!(c.is_aggregate("EU28"));
    // DE_TOT is Germany as a whole in every year; DE is the former FRG until 1990 (a past
    // territory for eurostat_tsv), the same as DE_TOT after it. The importer prefers DE_TOT.
    assert_eq!(c.iso3("DE_TOT"), Some("DEU"));
    assert_eq!(
        c.territory_for("eurostat_tsv", "DE", 1990)
            .map(|t| t.id.as_str()),
        Some("DEU_FRG")
    );
    assert!(c.territory_for("eurostat_tsv", "DE", 1991).is_none());
    assert!(c.territory_for("eurostat_tsv", "DE_TOT", 1989).is_none());
}

#[test]
fn ilostat_labels_resolve() {
    let c = table();
    let file = "ilo/EMP_NIFL_SEX_RT_A-20240726T0000.csv";
    let Some(path) = shared_data(file) else {
        return;
    };
    let (h, rows) = csv_after_header(&path, "ref_area.label");
    let a = col(&h, "ref_area.label");
    let mut check = Check::default();
    for r in &rows {
        check.cell(&c, file, &r[a]);
    }
    check.finish(file, 1000);
}

#[test]
fn owid_entities_resolve() {
    let c = table();
    let file = "owid/migrant-stock-share.csv";
    let Some(path) = shared_data(file) else {
        return;
    };
    let (h, rows) = csv_after_header(&path, "Entity");
    let (e, k) = (col(&h, "Entity"), col(&h, "Code"));
    let mut check = Check::default();
    for r in &rows {
        if r[k].is_empty() {
            // Regions have an empty code: they must be aggregates.
            if let Some(Resolved::Country(x)) = check.cell(&c, file, &r[e]) {
                check
                    .problems
                    .push(format!("{file}: {:?} has no code but is {}", r[e], x.iso3));
            }
        } else {
            check.pair(&c, file, &r[e], &r[k]);
        }
    }
    check.finish(file, 1000);
}

#[test]
fn oecd_sdmx_areas_resolve() {
    let c = table();
    let file = "sdmx/International-migration-database.csv";
    let Some(path) = shared_data(file) else {
        return;
    };
    let (h, rows) = csv_after_header(&path, "STRUCTURE");
    let (ra, ral) = (col(&h, "REF_AREA"), col(&h, "Reference area"));
    let (ci, cil) = (col(&h, "CITIZENSHIP"), col(&h, "Citizenship"));
    let mut check = Check::default();
    for r in &rows {
        check.pair(&c, file, &r[ral], &r[ra]);
        check.pair(&c, file, &r[cil], &r[ci]);
    }
    check.finish(file, 500);
}

#[test]
fn wpp_locations_resolve() {
    let c = table();
    let file = "undesa/WPP2019_Period_Indicators_Medium.csv";
    let Some(path) = shared_data(file) else {
        return;
    };
    let (h, rows) = csv_after_header(&path, "LocID");
    let (id, loc) = (col(&h, "LocID"), col(&h, "Location"));
    let mut check = Check::default();
    for r in &rows {
        check.pair(&c, file, &r[loc], &r[id]);
        if let Ok(n) = r[id].parse::<u32>()
            && n >= 900
            && !c.is_aggregate(&r[id])
        {
            check
                .problems
                .push(format!("{file}: LocID {n} should be an aggregate"));
        }
    }
    check.finish(file, 10_000);
    // Latin-1 decoding of "Côte d'Ivoire" (byte F4) must resolve.
    assert_eq!(c.iso3("384"), Some("CIV"));
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn undesa_ims_workbook_locations_resolve() {
    let c = table();
    let file = "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx";
    let Some(path) = shared_data(file) else {
        return;
    };
    let mut wb: Xlsx<_> = open_workbook(&path).expect("open workbook");
    for sheet in [
        "Table 1", "Table 2", "Table 3", "Table 4", "Table 5", "Table 6",
    ] {
        let range = wb.worksheet_range(sheet).expect("sheet");
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        let (hi, name_i, code_i) = rows
            .iter()
            .enumerate()
            .find_map(|(i, r)| {
                let n = r
                    .iter()
                    .position(|x| x == "Region, development group, country or area")?;
                let k = r.iter().position(|x| x == "Location code")?;
                Some((i, n, k))
            })
            .expect("header row");
        let what = format!("{file} [{sheet}]");
        let mut check = Check::default();
        for r in &rows[hi + 1..] {
            let (name, code) = (&r[name_i], &r[code_i]);
            if name.trim().is_empty() {
                continue;
            }
            check.pair(&c, &what, name, code);
        }
        check.finish(&what, 500);
    }
}

#[test]
fn missing_migrants_unsd_groupings_are_aggregates() {
    let c = table();
    let file = "iom/MissingMigrants-Global-2019-03-29T18-36-07.csv";
    let Some(path) = shared_data(file) else {
        return;
    };
    let (h, rows) = csv_after_header(&path, "Web ID");
    let g = col(&h, "UNSD Geographical Grouping");
    let mut check = Check::default();
    for r in &rows {
        let Some(cell) = r.get(g).filter(|s| !s.is_empty()) else {
            continue;
        };
        if let Some(Resolved::Country(x)) = check.cell(&c, file, cell) {
            check.problems.push(format!(
                "{file}: grouping {cell:?} resolved to country {}",
                x.iso3
            ));
        }
    }
    check.finish(file, 1000);
}

#[test]
fn past_territories_belong_to_present_countries_and_name_real_formats() {
    let c = table();
    for t in &c.territories {
        assert!(
            c.by_code(&t.country).is_some(),
            "{}: no country {}",
            t.id,
            t.country
        );
        for code in &t.codes {
            assert!(
                migprof::ingest::Format::from_id(&code.format).is_some(),
                "{}: unknown format {}",
                t.id,
                code.format
            );
            assert!(
                code.until.or(t.until).is_some(),
                "{}: {} has no last year",
                t.id,
                code.code
            );
        }
    }
    let id = |format: &str, cell: &str, year: i32| {
        c.territory_for(format, cell, year).map(|t| t.id.clone())
    };
    // Popstats files Yugoslavia (to 1991) and Serbia and Montenegro (1992-2005) under Serbia:
    // Croatia's rows start in 1992, Montenegro's in 2006.
    let srb = "Serbia and Kosovo (S/RES/1244 (1999))";
    assert_eq!(id("unhcr_popstats", srb, 1991).as_deref(), Some("SRB_YUG"));
    assert_eq!(id("unhcr_popstats", srb, 1992).as_deref(), Some("SRB_SCG"));
    assert_eq!(id("unhcr_popstats", srb, 2006), None);
    assert_eq!(
        id("unhcr_popstats", "Russian Federation", 1991).as_deref(),
        Some("RUS_SUN")
    );
    assert_eq!(id("unhcr_popstats", "Russian Federation", 1992), None);
    // A code means a past territory only in its own format.
    assert_eq!(id("worldbank_api", "Sudan", 2005), None);
    assert_eq!(
        id("undesa_ims", "Sudan", 2005).as_deref(),
        Some("SDN_PRE2011")
    );
}
