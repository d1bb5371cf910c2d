//! Meaning travels with each value at import: direction (rule 1), territory (2), revision (3)
//! and estimate/projection status (4), on the real files in ../shared/data with the embedded
//! catalogue and country table. Every figure was read from the raw file by hand (the cell is
//! named in a comment).

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Outcome, Record};
use migprof::model::Status;
use migprof::testdata::shared_data;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

struct Env {
    cat: Catalogue,
    countries: Countries,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| Env {
        cat: Catalogue::embedded().expect("embedded catalogue"),
        countries: Countries::embedded().expect("embedded countries"),
    })
}

fn import_path(path: &Path, country: &str) -> Outcome {
    let e = env();
    let ctx = Context {
        catalogue: &e.cat,
        countries: &e.countries,
        country: Some(country),
        include_aggregates: false,
        mapping: None,
    };
    ingest::import(path, None, &ctx).unwrap_or_else(|err| panic!("{err}"))
}

fn import(rel: &str, country: &str) -> Option<Outcome> {
    shared_data(rel).map(|p| import_path(&p, country))
}

/// The one record of `country`, `indicator`, `period` with exactly this breakdown.
fn get<'a>(
    out: &'a Outcome,
    country: &str,
    ind: &str,
    period: &str,
    dis: &[(&str, &str)],
) -> &'a Record {
    let hits: Vec<&Record> = out
        .records
        .iter()
        .filter(|r| {
            r.country == country
                && r.observation.indicator == ind
                && r.observation.period == period
                && r.observation.disaggregation.len() == dis.len()
                && dis.iter().all(|(k, v)| {
                    r.observation.disaggregation.get(*k).map(String::as_str) == Some(*v)
                })
        })
        .collect();
    match hits.as_slice() {
        [one] => one,
        _ => panic!(
            "{} records for {country} {ind} {period} {dis:?}; {ind} has: {:?}",
            hits.len(),
            out.records
                .iter()
                .filter(|r| r.observation.indicator == ind)
                .map(|r| format!(
                    "{} {} {:?}",
                    r.country, r.observation.period, r.observation.disaggregation
                ))
                .take(20)
                .collect::<Vec<_>>()
        ),
    }
}

fn has(out: &Outcome, country: &str, ind: &str, period: &str) -> bool {
    out.records.iter().any(|r| {
        r.country == country && r.observation.indicator == ind && r.observation.period == period
    })
}

const POPSTATS: &str = "unhcr/unhcr_popstats_export_persons_of_concern_all_data.csv";

// ------------------------------------------------------------------ 1. direction

#[test]
fn popstats_returns_from_turkiye_are_not_returns_to_it() {
    let Some(out) = import(POPSTATS, "TUR") else {
        return;
    };
    // Lines 96451 and 96483: `2013,Turkey,Iraq,...,125,...` and `2013,Turkey,Syrian Arab
    // Rep.,585601,110,140756,...`: 125 + 140,756 = 140,881 refugees (mostly Syrians) left
    // Türkiye to go home. They are refugee returns *from* Türkiye, never returns to it.
    let from = get(&out, "TUR", "refugee_returns_from", "2013", &[]);
    assert_eq!(from.observation.value, 140881.0);
    // No 2013 row has Origin = Turkey with a returned-refugee count: no returns to Türkiye.
    assert!(!has(&out, "TUR", "returned_refugees", "2013"));
    // The last year with returns to Türkiye is 2010: lines 75515 (`2010,Iran (Islamic Rep.
    // of),Turkey,,,19,...`) and 75527 (`2010,Iraq,Turkey,15606,421,236,...`): 19 + 236 = 255,
    // with the countries they came back from as `origin` (latest year, so broken down).
    assert_eq!(
        get(&out, "TUR", "returned_refugees", "2010", &[])
            .observation
            .value,
        255.0
    );
    assert_eq!(
        get(
            &out,
            "TUR",
            "returned_refugees",
            "2010",
            &[("origin", "IRQ")]
        )
        .observation
        .value,
        236.0
    );
    // 2014, the latest year of departures: Iran 11 + Iraq 119 + two redacted `*` cells
    // (Kyrgyzstan, Somalia): a lower bound flagged `*`; the partner is where they went home.
    let t14 = get(&out, "TUR", "refugee_returns_from", "2014", &[]);
    assert_eq!(t14.observation.value, 130.0);
    assert_eq!(t14.observation.flags, vec!["*".to_string()]);
    assert_eq!(
        get(
            &out,
            "TUR",
            "refugee_returns_from",
            "2014",
            &[("destination", "IRQ")]
        )
        .observation
        .value,
        119.0
    );
}

#[test]
fn solutions_returns_to_and_from_the_country() {
    let Some(out) = import("unhcr/solutions.csv", "TUR") else {
        return;
    };
    // solutions.csv line 5057: `2023,"Syrian Arab Rep.",SYR,Türkiye,TUR,19865,-,-,-`: Syrians
    // returning home from Türkiye (the only 2023 row with asylum TUR and returns).
    assert_eq!(
        get(&out, "TUR", "refugee_returns_from", "2023", &[])
            .observation
            .value,
        19865.0
    );
    assert_eq!(
        get(
            &out,
            "TUR",
            "refugee_returns_from",
            "2023",
            &[("destination", "SYR")]
        )
        .observation
        .value,
        19865.0
    );
    // No row has origin TUR with returned refugees.
    assert!(
        !out.records
            .iter()
            .any(|r| r.observation.indicator == "returned_refugees")
    );
    let Some(syr) = import("unhcr/solutions.csv", "SYR") else {
        return;
    };
    // Origin SYR, 2023: 5 rows (TUR 19865 among them) sum to 37,552 returns to Syria.
    assert_eq!(
        get(&syr, "SYR", "returned_refugees", "2023", &[])
            .observation
            .value,
        37552.0
    );
    assert_eq!(
        get(
            &syr,
            "SYR",
            "returned_refugees",
            "2023",
            &[("origin", "TUR")]
        )
        .observation
        .value,
        19865.0
    );
}

// ------------------------------------------------------------------ 2. territory

#[test]
fn germany_1989_from_demo_gind_is_the_whole_country() {
    let Some(out) = import("eurostat/demo_gind.tsv", "DEU") else {
        return;
    };
    // demo_gind.tsv rows `AVG,DE_TOT` and `CNMIGRAT,DE_TOT`, column 1989: 78751283 and 746078
    // (whole Germany). `AVG,DE` 1989 is 62197069 and `CNMIGRAT,DE` 980125: the former FRG,
    // left out because DE_TOT has the year.
    let pop = get(&out, "DEU", "pop_total", "1989", &[]);
    assert_eq!(pop.observation.value, 78751283.0);
    assert_eq!(pop.observation.territory, None);
    let net = get(&out, "DEU", "net_migration", "1989", &[]);
    assert_eq!(net.observation.value, 746078.0);
    assert_eq!(net.observation.territory, None);
    // 2013: DE 81394021, DE_TOT 82132753 (differ): DE_TOT wins.
    assert_eq!(
        get(&out, "DEU", "pop_total", "2013", &[]).observation.value,
        82132753.0
    );
    assert!(
        out.warnings.iter().all(|w| !w.message.contains("repeat")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn germany_de_without_de_tot_is_the_former_frg() {
    // Fixture: the real `CNMIGRAT,DE` cells for 1991, 1990 and 1989 (602563 b, 1032754,
    // 980125) with a `CNMIGRAT,DE_TOT` row that has only 1991 (602563).
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/eurostat_de_frg.tsv");
    let out = import_path(&path, "DEU");
    let y89 = get(&out, "DEU", "net_migration", "1989", &[]);
    assert_eq!(y89.observation.value, 980125.0);
    assert_eq!(y89.observation.territory.as_deref(), Some("DEU_FRG"));
    let y90 = get(&out, "DEU", "net_migration", "1990", &[]);
    assert_eq!(y90.observation.value, 1032754.0);
    assert_eq!(y90.observation.territory.as_deref(), Some("DEU_FRG"));
    let y91 = get(&out, "DEU", "net_migration", "1991", &[]);
    assert_eq!(y91.observation.value, 602563.0);
    assert_eq!(y91.observation.territory, None);
    // The DE_TOT cell has no flag; DE's `b` is not merged into it.
    assert!(y91.observation.flags.is_empty());
    assert!(env().countries.territory("DEU_FRG").is_some());
}

#[test]
fn popstats_past_territories_under_todays_names() {
    // Sudan 2005 (asylum = Sudan): 11 rows summing to 147,256 refugees, South Sudan included
    // (South Sudan rows start in 2011).
    let Some(sdn) = import(POPSTATS, "SDN") else {
        return;
    };
    let r = get(&sdn, "SDN", "refugees_hosted", "2005", &[]);
    assert_eq!(r.observation.value, 147256.0);
    assert_eq!(r.observation.territory.as_deref(), Some("SDN_PRE2011"));
    assert_eq!(
        get(&sdn, "SDN", "refugees_hosted", "2012", &[])
            .observation
            .territory,
        None
    );
    // "Czech Rep." 1992 (2 rows, 9,399 refugees) is Czechoslovakia; 1993 (188) is Czechia.
    let Some(cze) = import(POPSTATS, "CZE") else {
        return;
    };
    let r92 = get(&cze, "CZE", "refugees_hosted", "1992", &[]);
    assert_eq!(r92.observation.value, 9399.0);
    assert_eq!(r92.observation.territory.as_deref(), Some("CZE_CSK"));
    let r93 = get(&cze, "CZE", "refugees_hosted", "1993", &[]);
    assert_eq!(r93.observation.value, 188.0);
    assert_eq!(r93.observation.territory, None);
    // Germany: end-1989 (628,500 refugees in 2 rows) the former FRG; end-1990 (816,000) united.
    let Some(deu) = import(POPSTATS, "DEU") else {
        return;
    };
    let d89 = get(&deu, "DEU", "refugees_hosted", "1989", &[]);
    assert_eq!(d89.observation.value, 628500.0);
    assert_eq!(d89.observation.territory.as_deref(), Some("DEU_FRG"));
    assert_eq!(
        get(&deu, "DEU", "refugees_hosted", "1990", &[])
            .observation
            .territory,
        None
    );
}

#[test]
fn ims_sudan_before_2010_includes_south_sudan() {
    let Some(out) = import(
        "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        "SDN",
    ) else {
        return;
    };
    // Sheet "Table 1", row 70 (`   Sudan`, note 3, 729): column I (2005) 546419, column J
    // (2010) 618709. Note 3: "The estimates for 1990 to 2005 refer to Sudan and South Sudan."
    let y05 = get(&out, "SDN", "imm_stock", "2005", &[]);
    assert_eq!(y05.observation.value, 546419.0);
    assert_eq!(y05.observation.territory.as_deref(), Some("SDN_PRE2011"));
    assert!(
        y05.observation
            .footnote
            .as_deref()
            .is_some_and(|f| f.contains("refer to Sudan and South Sudan"))
    );
    let y10 = get(&out, "SDN", "imm_stock", "2010", &[]);
    assert_eq!(y10.observation.value, 618709.0);
    assert_eq!(y10.observation.territory, None);
}

// ------------------------------------------------------------------ 3. revision, 4. status

#[test]
fn ims_2020_values_carry_their_revision() {
    let Some(out) = import(
        "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        "DEU",
    ) else {
        return;
    };
    // Sheet "Table 1", row 201 (`   Germany`, 276, B), column L (2020): 15762457. The title
    // block names POP/DB/MIG/Stock/Rev.2020.
    let r = get(&out, "DEU", "imm_stock", "2020", &[]);
    assert_eq!(r.observation.value, 15762457.0);
    assert_eq!(r.observation.revision.as_deref(), Some("IMS 2020"));
    assert!(
        out.records
            .iter()
            .all(|r| r.observation.revision.as_deref() == Some("IMS 2020"))
    );
    assert_eq!(r.observation.status, None);
    // Row 38 (`   Eritrea`, 232, type `I R`), column L: 13934, imputed: an estimate.
    let Some(eri) = import(
        "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        "ERI",
    ) else {
        return;
    };
    let e = get(&eri, "ERI", "imm_stock", "2020", &[]);
    assert_eq!(e.observation.value, 13934.0);
    assert_eq!(e.observation.flags, vec!["I".to_string(), "R".to_string()]);
    assert_eq!(e.observation.status, Some(Status::Estimate));
}

#[test]
fn ims_2019_and_2020_are_two_revisions() {
    let Some(old) = import("undesa/UN_MigrantStockTotal_2019.xlsx", "DEU") else {
        return;
    };
    // UN_MigrantStockTotal_2019.xlsx, sheet "Table 1", row 288 (`Germany`, 276, B): column F
    // (1990) 5936181, column L (2019) 13132146; the citation in row 13 names
    // POP/DB/MIG/Stock/Rev.2019.
    let y19 = get(&old, "DEU", "imm_stock", "2019", &[]);
    assert_eq!(y19.observation.value, 13132146.0);
    assert_eq!(y19.observation.revision.as_deref(), Some("IMS 2019"));
    assert_eq!(old.dataset, "International Migrant Stock 2019");
    // Column S (2019, male): 6881990, the `(male)` block.
    assert_eq!(
        get(&old, "DEU", "imm_stock", "2019", &[("sex", "M")])
            .observation
            .value,
        6881990.0
    );
    // The same 1990 figure in the 2020 edition is another revision's value: each says which.
    let Some(new) = import(
        "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        "DEU",
    ) else {
        return;
    };
    let a = get(&old, "DEU", "imm_stock", "1990", &[]);
    let b = get(&new, "DEU", "imm_stock", "1990", &[]);
    assert_eq!(
        (a.observation.value, b.observation.value),
        (5936181.0, 5936181.0)
    );
    assert_ne!(a.observation.revision, b.observation.revision);
}

#[test]
fn wpp_2019_projections_after_2020() {
    let Some(out) = import("undesa/WPP2019_Period_Indicators_Medium.csv", "DEU") else {
        return;
    };
    // Line 2925: `276,Germany,2,Medium,2015-2020,...,6.569,2719.112,...` (CNMR, NetMigrations
    // in thousands): an estimate of WPP 2019.
    let est = get(&out, "DEU", "net_migration", "2015-2020", &[]);
    assert_eq!(est.observation.value, 2719.112 * 1000.0);
    assert_eq!(est.observation.revision.as_deref(), Some("WPP 2019"));
    assert_eq!(est.observation.status, None);
    // Line 2926: `276,Germany,2,Medium,2020-2025,...,1.727,722.502,...`: Medium-variant
    // projection.
    let proj = get(&out, "DEU", "net_migration", "2020-2025", &[]);
    assert_eq!(proj.observation.value, 722.502 * 1000.0);
    assert_eq!(proj.observation.status, Some(Status::Projection));
    let rate = get(&out, "DEU", "net_migration_rate", "2020-2025", &[]);
    assert_eq!(rate.observation.value, 1.727);
    assert!(rate.observation.is_projection());
}

#[test]
fn world_bank_net_migration_is_wpp_2022_with_projections_after_2021() {
    let Some(out) = import("worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv", "DEU") else {
        return;
    };
    // Row "Germany","DEU", columns "2021" = "312735" and "2022" = "154592"; the companion
    // Metadata_Indicator's SOURCE_ORGANIZATION: "United Nations Population Division. World
    // Population Prospects: 2022 Revision." (estimates to 2021).
    let y21 = get(&out, "DEU", "net_migration", "2021", &[]);
    assert_eq!(y21.observation.value, 312735.0);
    assert_eq!(y21.observation.revision.as_deref(), Some("WPP 2022"));
    assert_eq!(y21.observation.status, None);
    let y22 = get(&out, "DEU", "net_migration", "2022", &[]);
    assert_eq!(y22.observation.value, 154592.0);
    assert_eq!(y22.observation.revision.as_deref(), Some("WPP 2022"));
    assert_eq!(y22.observation.status, Some(Status::Projection));
    // Remittances name no revision (IMF balance of payments): none is invented.
    let Some(bx) = import(
        "worldbank/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv",
        "MEX",
    ) else {
        return;
    };
    let r = get(&bx, "MEX", "remit_in", "2024", &[]);
    assert_eq!(r.observation.value, 67637913797.0);
    assert_eq!(r.observation.revision, None);
    assert_eq!(r.observation.status, None);
}

#[test]
fn owid_share_is_ims_2024() {
    let Some(out) = import("owid/migrant-stock-share.csv", "DEU") else {
        return;
    };
    // `Germany,DEU,2024,19.810337`; the metadata's citationLong names "International Migrant
    // Stock 2024 - POP/DB/MIG/Stock/Rev.2024".
    let r = get(&out, "DEU", "imm_stock_share", "2024", &[]);
    assert_eq!(r.observation.value, 19.810337);
    assert_eq!(r.observation.revision.as_deref(), Some("IMS 2024"));
}

#[test]
fn eurostat_flags_give_status_and_stay_flags() {
    let Some(deu) = import("eurostat/demo_gind.tsv", "DEU") else {
        return;
    };
    // `CNMIGRAT,DE_TOT`, 2014: `581537 e` -> an estimate, flag kept.
    let e = get(&deu, "DEU", "net_migration", "2014", &[]);
    assert_eq!(e.observation.value, 581537.0);
    assert_eq!(e.observation.flags, vec!["e".to_string()]);
    assert_eq!(e.observation.status, Some(Status::Estimate));
    // `CNMIGRAT,DE_TOT`, 2013: `455473 b` -> a break, no status.
    let b = get(&deu, "DEU", "net_migration", "2013", &[]);
    assert_eq!(b.observation.flags, vec!["b".to_string()]);
    assert_eq!(b.observation.status, None);
    let Some(fra) = import("eurostat/demo_gind.tsv", "FRA") else {
        return;
    };
    // `CNMIGRAT,FR`, 2014: `31880 p` -> provisional.
    let p = get(&fra, "FRA", "net_migration", "2014", &[]);
    assert_eq!(p.observation.value, 31880.0);
    assert_eq!(p.observation.flags, vec!["p".to_string()]);
    assert_eq!(p.observation.status, Some(Status::Provisional));
    let Some(irl) = import("eurostat/demo_gind.tsv", "IRL") else {
        return;
    };
    // `CNMIGRAT,IE`, 2014: `-16797 ep` -> provisional (the stronger of e and p), flag `ep`.
    let ep = get(&irl, "IRL", "net_migration", "2014", &[]);
    assert_eq!(ep.observation.value, -16797.0);
    assert_eq!(ep.observation.flags, vec!["ep".to_string()]);
    assert_eq!(ep.observation.status, Some(Status::Provisional));
}

// ------------------------------------------------------------------ the catalogue says the role

#[test]
fn a_mapping_without_role_is_refused_with_the_indicator_named() {
    let head = "[[indicator]]\nid = \"x_test\"\nname = \"X\"\ndefinition = \"D.\"\n\
                unit = \"persons\"\nkind = \"stock\"\nsection = \"A.2\"\n\n\
                [[indicator.mapping]]\nprovider = \"p\"\nformat = \"wpp\"\nseries = \"S\"\n";
    let err = Catalogue::from_strs(head, "ind.toml", "", "reg.toml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.starts_with("ind.toml:2:1:"), "{err}");
    assert!(
        err.contains("`x_test`") && err.contains("has no `role`"),
        "{err}"
    );
    let old = format!("{head}filter = {{ role = \"asylum\" }}\n");
    let err = Catalogue::from_strs(&old, "ind.toml", "", "reg.toml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("`filter.role`") && err.contains("role = \"asylum\""),
        "{err}"
    );
    let ok = format!("{head}role = \"reporter\"\n");
    assert!(Catalogue::from_strs(&ok, "ind.toml", "", "reg.toml").is_ok());
}
