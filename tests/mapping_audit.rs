//! Mapping audit: for every mapping of the embedded catalogue whose provider file is in
//! ../shared/data, one figure read by hand from the raw file (the row and cell are named in the
//! comment), imported with the embedded catalogue and country table, and asserted exactly:
//! indicator, country (in the mapping's role), period, breakdown and value. Mappings without a
//! real file are listed with the reason, and a test keeps both lists complete.

// Workbook figures are written with every digit the .xlsx stores (e.g. 49.933979201338978), so
// the literal is the published text; clippy would have them truncated.
#![allow(clippy::excessive_precision)]

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Outcome};
use migprof::testdata::shared_data;
use std::collections::{BTreeMap, BTreeSet};
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

/// A catalogue mapping: (indicator, format, series, role).
type MappingId = (&'static str, &'static str, &'static str, &'static str);

/// One hand-checked figure of one mapping.
struct Figure {
    /// The mapping: (indicator, format, series, role).
    mapping: MappingId,
    /// File under ../shared/data and the country (ISO3) imported, in the mapping's role.
    file: &'static str,
    country: &'static str,
    period: &'static str,
    breakdown: &'static [(&'static str, &'static str)],
    value: f64,
}

const NETM: &str = "worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv";
const BX: &str = "worldbank/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv";
const BM: &str = "worldbank/API_BM.TRF.PWKR.CD.DT_DS2_en_csv_v2_3012027.csv";
const IMS: &str = "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx";
const WPP: &str = "undesa/WPP2019_Period_Indicators_Medium.csv";
const GIND: &str = "eurostat/demo_gind.tsv";
const ASYAPP: &str = "eurostat/migr_asyappctza_allcitizenships.csv";
const ASYDEC: &str = "eurostat/migr_asydcfsta_2017-04-26.csv";
const POP: &str = "unhcr/population.csv";
const APPS: &str = "unhcr/asylum-applications.csv";
const DECS: &str = "unhcr/asylum-decisions.csv";
const SOL: &str = "unhcr/solutions.csv";
const POPSTATS: &str = "unhcr/unhcr_popstats_export_persons_of_concern_all_data.csv";
const OECD: &str = "oecd/OECD.ELS.IMD,DSD_MIG@DF_MIG,1.0+ITA..A.B11.csv";
const OECD_ALL: &str = "sdmx/International-migration-database.csv";
const RPW: &str = "worldbank/36d1ed87-9a2d-41da-8eac-c1c25d45fa65_Data.csv";
const NZ: &str = "stats_nz/ITM552105_20200603_110236_41.csv";
const ISTAT: &str = "istat/Immigrants - citizenship (IT1,28_185_DF_DCIS_MIGRAZIONI_2,1.0).csv";
const ILO: &str = "ilo/EMP_NIFL_SEX_RT_A-20240726T0000.csv";
const OWID: &str = "owid/migrant-stock-share.csv";
const MMP: &str = "iom/MissingMigrants-Global-2019-03-29T18-36-07.csv";
const IDMC: &str = "idmc/idps_displacement_data.csv";
const DTM: &str = "iom_dtm/iom_dtm_dtm_nigeria_baseline_assessment_round_38.xlsx";
const KNOMAD: &str = "worldbank_knomad/bilateral_migration_matrix_2021_latest.xlsx";
const UIS: &str = "unesco_uis/data.csv";

fn figures() -> Vec<Figure> {
    let f = |mapping, file, country, period, breakdown, value| Figure {
        mapping,
        file,
        country,
        period,
        breakdown,
        value,
    };
    vec![
        // ---------------------------------------------------------------- World Bank API CSV
        // Row "Germany","DEU", column "2021": "312735".
        f(
            ("net_migration", "worldbank_api", "SM.POP.NETM", "reporter"),
            NETM,
            "DEU",
            "2021",
            &[],
            312735.0,
        ),
        // Row "Mexico","MEX", column "2024": "67637913797" (received, inflow to Mexico).
        f(
            ("remit_in", "worldbank_api", "BX.TRF.PWKR.CD.DT", "reporter"),
            BX,
            "MEX",
            "2024",
            &[],
            67637913797.0,
        ),
        // Row "Germany","DEU", column "2020": "22024495026.4746" (paid, outflow from Germany).
        f(
            (
                "remit_out",
                "worldbank_api",
                "BM.TRF.PWKR.CD.DT",
                "reporter",
            ),
            BM,
            "DEU",
            "2020",
            &[],
            22024495026.4746,
        ),
        // ---------------------------------------------------------------- UN DESA IMS 2020
        // Sheet "Table 1", row 201 (`   Germany`, 276, type B), column L (2020): 15762457.
        f(
            ("imm_stock", "undesa_ims", "Table 1", "destination"),
            IMS,
            "DEU",
            "2020",
            &[],
            15762457.0,
        ),
        // Sheet "Table 2", row 201, column L: 83783.945000000007 (thousands; scale 1000).
        f(
            ("pop_total", "undesa_ims", "Table 2", "reporter"),
            IMS,
            "DEU",
            "2020",
            &[],
            83783.945000000007 * 1000.0,
        ),
        // Sheet "Table 3", row 201, column L: 18.81321892875777.
        f(
            ("imm_stock_share", "undesa_ims", "Table 3", "destination"),
            IMS,
            "DEU",
            "2020",
            &[],
            18.81321892875777,
        ),
        // Sheet "Table 4", row 201, column L: 49.933979201338978.
        f(
            ("imm_female_share", "undesa_ims", "Table 4", "destination"),
            IMS,
            "DEU",
            "2020",
            &[],
            49.933979201338978,
        ),
        // Sheet "Table 5", row 201, column K (2015-2020, both sexes): 8.6648697831759645.
        f(
            ("imm_stock_growth", "undesa_ims", "Table 5", "destination"),
            IMS,
            "DEU",
            "2015-2020",
            &[],
            8.6648697831759645,
        ),
        // ---------------------------------------------------------------- UN DESA WPP 2019
        // Line 2925 `276,Germany,2,Medium,2015-2020,...`: CNMR 6.569, NetMigrations 2719.112
        // (thousands; scale 1000), GrowthRate 0.482.
        f(
            ("net_migration", "wpp", "NetMigrations", "reporter"),
            WPP,
            "DEU",
            "2015-2020",
            &[],
            2719.112 * 1000.0,
        ),
        f(
            ("net_migration_rate", "wpp", "CNMR", "reporter"),
            WPP,
            "DEU",
            "2015-2020",
            &[],
            6.569,
        ),
        f(
            ("pop_growth_rate", "wpp", "GrowthRate", "reporter"),
            WPP,
            "DEU",
            "2015-2020",
            &[],
            0.482,
        ),
        // ---------------------------------------------------------------- Eurostat demo_gind
        // Rows `AVG,DE_TOT`, `CNMIGRAT,DE_TOT`, `CNMIGRATRT,DE_TOT`, column 1989: 78751283,
        // 746078, 9.5 (Germany as a whole; DE = the former FRG is left out).
        f(
            ("pop_total", "eurostat_tsv", "AVG", "reporter"),
            GIND,
            "DEU",
            "1989",
            &[],
            78751283.0,
        ),
        f(
            ("net_migration", "eurostat_tsv", "CNMIGRAT", "reporter"),
            GIND,
            "DEU",
            "1989",
            &[],
            746078.0,
        ),
        f(
            (
                "net_migration_rate",
                "eurostat_tsv",
                "CNMIGRATRT",
                "reporter",
            ),
            GIND,
            "DEU",
            "1989",
            &[],
            9.5,
        ),
        // ---------------------------------------------------------------- Eurostat explorer
        // `"2015","Germany (until 1990 former territory of the FRG)","Syria","Total","Total",
        // "First time applicant","Person","158,655",""`: applications in Germany by Syrians,
        // read once with Germany as the country of asylum and once with Syria as the origin.
        f(
            (
                "asylum_applications",
                "eurostat_explorer",
                "migr_asyappctza",
                "asylum",
            ),
            ASYAPP,
            "DEU",
            "2015",
            &[("citizenship", "SYR")],
            158655.0,
        ),
        f(
            (
                "asylum_applications_abroad",
                "eurostat_explorer",
                "migr_asyappctza",
                "origin",
            ),
            ASYAPP,
            "SYR",
            "2015",
            &[("destination", "DEU")],
            158655.0,
        ),
        // `"2015","Germany (...)","Total","Total","Total",<DECISION>,"Person",<Value>`:
        // Total 249,350; Total positive decisions 140,915; Rejected 108,440.
        f(
            (
                "asylum_decisions_total",
                "eurostat_explorer",
                "migr_asydcfsta",
                "asylum",
            ),
            ASYDEC,
            "DEU",
            "2015",
            &[],
            249350.0,
        ),
        f(
            (
                "asylum_decisions_positive",
                "eurostat_explorer",
                "migr_asydcfsta",
                "asylum",
            ),
            ASYDEC,
            "DEU",
            "2015",
            &[],
            140915.0,
        ),
        f(
            (
                "asylum_decisions_rejected",
                "eurostat_explorer",
                "migr_asydcfsta",
                "asylum",
            ),
            ASYDEC,
            "DEU",
            "2015",
            &[],
            108440.0,
        ),
        // ---------------------------------------------------------------- UNHCR Refugee Data Finder
        // population.csv, 2023: the 6 rows with asylum TUR sum to 3,251,127 refugees and
        // 222,069 asylum-seekers; the 120 rows with origin SYR to 6,355,788 refugees.
        f(
            (
                "refugees_hosted",
                "unhcr_rdf",
                "Refugees under UNHCR's mandate",
                "asylum",
            ),
            POP,
            "TUR",
            "2023",
            &[],
            3251127.0,
        ),
        f(
            (
                "refugees_from",
                "unhcr_rdf",
                "Refugees under UNHCR's mandate",
                "origin",
            ),
            POP,
            "SYR",
            "2023",
            &[],
            6355788.0,
        ),
        f(
            ("asylum_seekers", "unhcr_rdf", "Asylum-seekers", "asylum"),
            POP,
            "TUR",
            "2023",
            &[],
            222069.0,
        ),
        // asylum-applications.csv, 2020: 189 rows with asylum DEU sum to 122,136; 93 rows with
        // origin AFG to 85,856 (applications abroad).
        f(
            ("asylum_applications", "unhcr_rdf", "applied", "asylum"),
            APPS,
            "DEU",
            "2020",
            &[],
            122136.0,
        ),
        f(
            (
                "asylum_applications_abroad",
                "unhcr_rdf",
                "applied",
                "origin",
            ),
            APPS,
            "AFG",
            "2020",
            &[],
            85856.0,
        ),
        // asylum-decisions.csv, 2020, the 305 rows with asylum DEU: recognized 63,456,
        // complementary 20,187, rejected 68,459, otherwise closed 119,627, total 271,729.
        f(
            (
                "asylum_decisions_recognized",
                "unhcr_rdf",
                "Recognized decisions",
                "asylum",
            ),
            DECS,
            "DEU",
            "2020",
            &[],
            63456.0,
        ),
        f(
            (
                "asylum_decisions_complementary",
                "unhcr_rdf",
                "Complementary protection",
                "asylum",
            ),
            DECS,
            "DEU",
            "2020",
            &[],
            20187.0,
        ),
        f(
            (
                "asylum_decisions_rejected",
                "unhcr_rdf",
                "Rejected decisions",
                "asylum",
            ),
            DECS,
            "DEU",
            "2020",
            &[],
            68459.0,
        ),
        f(
            (
                "asylum_decisions_closed",
                "unhcr_rdf",
                "Otherwise closed",
                "asylum",
            ),
            DECS,
            "DEU",
            "2020",
            &[],
            119627.0,
        ),
        f(
            (
                "asylum_decisions_total",
                "unhcr_rdf",
                "Total decisions",
                "asylum",
            ),
            DECS,
            "DEU",
            "2020",
            &[],
            271729.0,
        ),
        // solutions.csv line 5057 `2023,"Syrian Arab Rep.",SYR,Türkiye,TUR,19865,-,-,-`:
        // returns to Syria from Türkiye (origin SYR; breakdown origin = where they came from)
        // and the same people as refugees leaving Türkiye (asylum TUR; breakdown destination).
        f(
            (
                "returned_refugees",
                "unhcr_rdf",
                "Returned refugees",
                "origin",
            ),
            SOL,
            "SYR",
            "2023",
            &[("origin", "TUR")],
            19865.0,
        ),
        f(
            (
                "refugee_returns_from",
                "unhcr_rdf",
                "Returned refugees",
                "asylum",
            ),
            SOL,
            "TUR",
            "2023",
            &[("destination", "SYR")],
            19865.0,
        ),
        // `2023,Afghanistan,AFG,Afghanistan,AFG,-,31605,-,-`: IDPs returned within Afghanistan.
        f(
            ("returned_idps", "unhcr_rdf", "Returned IDPss", "origin"),
            SOL,
            "AFG",
            "2023",
            &[],
            31605.0,
        ),
        // 2023, the 64 rows with asylum USA (the resettlement country) sum to 75,043 arrivals.
        f(
            (
                "resettlement_arrivals",
                "unhcr_rdf",
                "Resettlement arrivals",
                "asylum",
            ),
            SOL,
            "USA",
            "2023",
            &[],
            75043.0,
        ),
        // 2023, the 90 rows with asylum CAN sum to 9,355 naturalised refugees.
        f(
            (
                "refugee_naturalisations",
                "unhcr_rdf",
                "Naturalisation",
                "asylum",
            ),
            SOL,
            "CAN",
            "2023",
            &[],
            9355.0,
        ),
        // ---------------------------------------------------------------- UNHCR popstats
        // 2013, the 45 rows with "Country of asylum or residence" = Turkey: 609,938 refugees;
        // the 71 with asylum-seekers: 52,467; the 50 rows with Origin = Turkey: 66,575.
        f(
            ("refugees_hosted", "unhcr_popstats", "Refugees", "asylum"),
            POPSTATS,
            "TUR",
            "2013",
            &[],
            609938.0,
        ),
        f(
            ("refugees_from", "unhcr_popstats", "Refugees", "origin"),
            POPSTATS,
            "TUR",
            "2013",
            &[],
            66575.0,
        ),
        f(
            (
                "asylum_seekers",
                "unhcr_popstats",
                "Asylum-seekers (pending cases)",
                "asylum",
            ),
            POPSTATS,
            "TUR",
            "2013",
            &[],
            52467.0,
        ),
        // Lines 75515 and 75527: 2010, Origin = Turkey, returned 19 (from Iran) + 236 (from
        // Iraq) = 255 returns to Türkiye. Lines 96451 and 96483: 2013, asylum Turkey, returned
        // 125 + 140,756 = 140,881 refugees going home from Türkiye.
        f(
            (
                "returned_refugees",
                "unhcr_popstats",
                "Returned refugees",
                "origin",
            ),
            POPSTATS,
            "TUR",
            "2010",
            &[],
            255.0,
        ),
        f(
            (
                "refugee_returns_from",
                "unhcr_popstats",
                "Returned refugees",
                "asylum",
            ),
            POPSTATS,
            "TUR",
            "2013",
            &[],
            140881.0,
        ),
        // 2013, `Iraq,Iraq` row: IDPs 954,128, returned IDPs 63,270.
        f(
            (
                "idps_stock",
                "unhcr_popstats",
                "Internally displaced persons (IDPs)",
                "asylum",
            ),
            POPSTATS,
            "IRQ",
            "2013",
            &[],
            954128.0,
        ),
        f(
            ("returned_idps", "unhcr_popstats", "Returned IDPs", "asylum"),
            POPSTATS,
            "IRQ",
            "2013",
            &[],
            63270.0,
        ),
        // 2013, the one Germany row with stateless persons: 11,709.
        f(
            ("stateless", "unhcr_popstats", "Stateless persons", "asylum"),
            POPSTATS,
            "DEU",
            "2013",
            &[],
            11709.0,
        ),
        // ---------------------------------------------------------------- OECD, ILO, OWID, IOM
        // `...,ITA,Italy,W,...,B11,...,_T,...,2022,,336495,,A,...`: inflows of foreign
        // citizens (all citizenships) into Italy, 2022.
        f(
            ("imm_inflow", "sdmx_csv", "B11", "destination"),
            OECD,
            "ITA",
            "2022",
            &[],
            336495.0,
        ),
        // `...,ITA,Italy,ALB,Albania,A,Annual,B11,...,_T,Total,...,2022,,29108,,A,...` (line 7547):
        // inflows of Albanian citizens into Italy, 2022: a citizenship breakdown cell.
        f(
            ("imm_inflow", "sdmx_csv", "B11", "destination"),
            OECD,
            "ITA",
            "2022",
            &[("citizenship", "ALB")],
            29108.0,
        ),
        // ISTAT line 4152: `...,ITTOT,TREG,FREIGN,FOR,9,TOTAL,ITTOT,X1033,X1033,2022,336495`:
        // registrations from abroad of foreign citizens (FOR), both sexes, all ages, 2022 (the
        // figure OECD re-publishes as B11).
        f(
            (
                "imm_inflow",
                "sdmx_csv",
                "28_185_DF_DCIS_MIGRAZIONI_2",
                "destination",
            ),
            ISTAT,
            "ITA",
            "2022",
            &[],
            336495.0,
        ),
        // ISTAT line 4142: `...,FOR,2,Y18-39,...,2022,76228`: foreign women aged 18-39.
        f(
            (
                "imm_inflow",
                "sdmx_csv",
                "28_185_DF_DCIS_MIGRAZIONI_2",
                "destination",
            ),
            ISTAT,
            "ITA",
            "2022",
            &[("sex", "F"), ("age", "18-39")],
            76228.0,
        ),
        // ISTAT line 363: `...,FREIGN,AL,9,TOTAL,...,2023,29990`: Albanian citizens, 2023.
        f(
            (
                "imm_inflow",
                "sdmx_csv",
                "28_185_DF_DCIS_MIGRAZIONI_2",
                "destination",
            ),
            ISTAT,
            "ITA",
            "2023",
            &[("citizenship", "ALB")],
            29990.0,
        ),
        // ISTAT line 5735: `...,FREIGN,IT,9,TOTAL,...,2022,74490`: Italian citizens registering
        // from abroad, 2022.
        f(
            (
                "returning_citizens",
                "sdmx_csv",
                "28_185_DF_DCIS_MIGRAZIONI_2",
                "reporter",
            ),
            ISTAT,
            "ITA",
            "2022",
            &[],
            74490.0,
        ),
        // Stats NZ ITM552105 line 4: `"Arrivals","Female","2002",605,...`, column `0-4 Years`:
        // 3500 arrivals of girls aged 0-4 in the year ended March 2002.
        f(
            ("imm_inflow", "infoshare", "ITM417AA", "destination"),
            NZ,
            "NZL",
            "2002",
            &[("age", "0-4"), ("sex", "F")],
            3500.0,
        ),
        // The same table, line 71: `" "," ","2018",...` (Departures, Male), column `90 Years and over`: 13
        // departures of men aged 90 or more in the year ended March 2018.
        f(
            ("emi_outflow", "infoshare", "ITM417AA", "origin"),
            NZ,
            "NZL",
            "2018",
            &[("age", "90+"), ("sex", "M")],
            13.0,
        ),
        // RPW corridors line 5281: `United States of America,USA,...,ATCR.CORR,Mexico,MEX,
        // 5.00611114501953,...`: cost of sending to Mexico from the US, 2011Q1 (the first period
        // column), read from the receiving end.
        f(
            ("remit_cost", "databank", "ATCR.CORR", "origin"),
            RPW,
            "MEX",
            "2011Q1",
            &[("origin", "USA")],
            5.00611114501953,
        ),
        // RPW corridors line 1545: `Germany,DEU,...,ATCR.CORR,Turkey,TUR,9.2209997177124,
        // 6.63500022888184,...`: Germany to Türkiye, 2011Q3 (second column), from the sending end.
        f(
            ("remit_cost", "databank", "ATCR.CORR", "destination"),
            RPW,
            "DEU",
            "2011Q3",
            &[("destination", "TUR")],
            6.63500022888184,
        ),
        // sdmx/International-migration-database.csv line 111: `...,DEU,Germany,W,World,A,Annual,B11,
        // ...,2022,,2481019,,A,...`: the same series for Germany.
        f(
            ("imm_inflow", "sdmx_csv", "B11", "destination"),
            OECD_ALL,
            "DEU",
            "2022",
            &[],
            2481019.0,
        ),
        // `"Mexico","LFS - National Occupation and Employment Survey","Informal employment rate
        // by sex (%)","Sex: Total","2023",56.333,...`.
        f(
            (
                "informal_employment_rate",
                "ilostat",
                "Informal employment rate by sex (%)",
                "reporter",
            ),
            ILO,
            "MEX",
            "2023",
            &[],
            56.333,
        ),
        // `Germany,DEU,2024,19.810337`.
        f(
            (
                "imm_stock_share",
                "owid",
                "Share of the population that was born in another country",
                "destination",
            ),
            OWID,
            "DEU",
            "2024",
            &[],
            19.810337,
        ),
        // 2015 incidents placed in Zimbabwe by their coordinates (the 2019 export has no
        // country-of-incident field): Web ID 40647 Beitbridge border crossing (-22.2167,
        // 29.99999) 1 missing; 41039 highway in Bulawayo 7 dead; 40872 "Zambesi River,
        // Zimbabwe, at border with South Africa" (-22.1877, 29.9265) 1 dead; 40578 Harare 4
        // dead: 13 dead and missing, 12 dead, 1 missing. (40646 near the New Limpopo Bridge
        // and 40310 Limpopo River lie on the South African side.)
        f(
            (
                "migrant_deaths",
                "missing_migrants",
                "Total Dead and Missing",
                "reporter",
            ),
            MMP,
            "ZWE",
            "2015",
            &[],
            13.0,
        ),
        f(
            (
                "migrant_dead",
                "missing_migrants",
                "Number Dead",
                "reporter",
            ),
            MMP,
            "ZWE",
            "2015",
            &[],
            12.0,
        ),
        f(
            (
                "migrant_missing",
                "missing_migrants",
                "Minimum Estimated Number of Missing",
                "reporter",
            ),
            MMP,
            "ZWE",
            "2015",
            &[],
            1.0,
        ),
        // ---------------------------------------------------------------- IDMC (HDX)
        // Line 1258 `NGA,Nigeria,2020,2730000,2730425,169000,168556,279000,279157,143000,143110`:
        // conflict stock 2730000, conflict new 169000, disaster new 279000, disaster stock 143000
        // (the rounded columns, as published; the `(Raw)` twins go to the footnote).
        f(
            (
                "idps_stock",
                "idmc",
                "#affected+idps+ind+stock+conflict",
                "reporter",
            ),
            IDMC,
            "NGA",
            "2020",
            &[("cause", "conflict")],
            2730000.0,
        ),
        f(
            (
                "idps_stock",
                "idmc",
                "#affected+idps+ind+stock+disaster",
                "reporter",
            ),
            IDMC,
            "NGA",
            "2020",
            &[("cause", "disaster")],
            143000.0,
        ),
        f(
            (
                "new_displacements",
                "idmc",
                "#affected+idps+ind+internaldisp+conflict",
                "reporter",
            ),
            IDMC,
            "NGA",
            "2020",
            &[("cause", "conflict")],
            169000.0,
        ),
        f(
            (
                "new_displacements",
                "idmc",
                "#affected+idps+ind+internaldisp+disaster",
                "reporter",
            ),
            IDMC,
            "NGA",
            "2020",
            &[("cause", "disaster")],
            279000.0,
        ),
        f(
            (
                "disaster_displacement",
                "idmc",
                "#affected+idps+ind+internaldisp+disaster",
                "reporter",
            ),
            IDMC,
            "NGA",
            "2020",
            &[],
            279000.0,
        ),
        f(
            (
                "disaster_idps",
                "idmc",
                "#affected+idps+ind+stock+disaster",
                "reporter",
            ),
            IDMC,
            "NGA",
            "2020",
            &[],
            143000.0,
        ),
        // ---------------------------------------------------------------- IOM DTM
        // Sheet "Baseline Assessment Dataset", rows 3-792 (snapshot 2021-07-30, round R38):
        // column M (Estimated Number of IDP) sums to 2182613; the YOBE rows (680-792) to 151539
        // (python3 + openpyxl over the sheet).
        f(
            ("idps_stock", "iom_dtm", "#affected+idps+ind", "reporter"),
            DTM,
            "NGA",
            "2021-07",
            &[],
            2182613.0,
        ),
        f(
            ("idps_stock", "iom_dtm", "#affected+idps+ind", "reporter"),
            DTM,
            "NGA",
            "2021-07",
            &[("admin1", "YOBE")],
            151539.0,
        ),
        // ---------------------------------------------------------------- KNOMAD matrix 2021
        // Sheet "BRM 2021": row 129 (Mexico) x column HM (World) = 11267241 emigrants of Mexico;
        // row 129 x column GY (United States) = 10924662 Mexicans in the United States; row 222
        // (World) x column GY = 51551004 migrants in the United States.
        f(
            (
                "emi_stock",
                "knomad_matrix",
                "Source country (down)",
                "origin",
            ),
            KNOMAD,
            "MEX",
            "2021",
            &[],
            11267241.0,
        ),
        f(
            (
                "emi_stock",
                "knomad_matrix",
                "Source country (down)",
                "origin",
            ),
            KNOMAD,
            "MEX",
            "2021",
            &[("destination", "USA")],
            10924662.0,
        ),
        f(
            (
                "imm_stock",
                "knomad_matrix",
                "Destination country (across)",
                "destination",
            ),
            KNOMAD,
            "USA",
            "2021",
            &[],
            51551004.0,
        ),
        f(
            (
                "imm_stock",
                "knomad_matrix",
                "Destination country (across)",
                "destination",
            ),
            KNOMAD,
            "USA",
            "2021",
            &[("origin", "MEX")],
            10924662.0,
        ),
        // ---------------------------------------------------------------- UNESCO UIS
        // data.csv line 865 `26637,DEU,2022,403473,,`: inbound mobile students in Germany.
        f(
            ("students_inbound", "uis", "26637", "destination"),
            UIS,
            "DEU",
            "2022",
            &[],
            403473.0,
        ),
    ]
}

/// Mappings with no real file in ../shared/data, and why.
const WITHOUT_FILE: &[(MappingId, &str)] = &[
    (
        (
            "informal_employment_rate",
            "sdmx_csv",
            "DF_EMP_NIFL_SEX_RT",
            "reporter",
        ),
        "ILOSTAT SDMX API answers only (tests/fetch.rs serves one); ../shared/data has the bulk CSV",
    ),
    (
        (
            "asylum_applications_abroad",
            "sdmx_csv",
            "MIGR_ASYAPPCTZA",
            "origin",
        ),
        "the real Eurostat SDMX file has citizen TOTAL only; tests/ingest_sdmx_roles.rs reads a fixture by citizenship",
    ),
    (
        ("pop_total", "worldbank_api", "SP.POP.TOTL", "reporter"),
        "no SP.POP.TOTL download",
    ),
    (
        ("pop_total", "wdi_bulk", "SP.POP.TOTL", "reporter"),
        "the WDI bulk file exists only as a Git LFS pointer",
    ),
    (
        ("pop_total", "databank", "SP.POP.TOTL", "reporter"),
        "the DataBank export is Remittance Prices only",
    ),
    (
        ("gdp_pc", "worldbank_api", "NY.GDP.PCAP.CD", "reporter"),
        "no NY.GDP.PCAP.CD download",
    ),
    (
        ("gdp_pc", "wdi_bulk", "NY.GDP.PCAP.CD", "reporter"),
        "WDI bulk: LFS pointer only",
    ),
    (
        ("gdp_pc", "databank", "NY.GDP.PCAP.CD", "reporter"),
        "no DataBank export of it",
    ),
    (
        ("imm_stock", "worldbank_api", "SM.POP.TOTL", "destination"),
        "no SM.POP.TOTL download",
    ),
    (
        ("imm_stock", "wdi_bulk", "SM.POP.TOTL", "destination"),
        "WDI bulk: LFS pointer only",
    ),
    (
        ("imm_stock", "databank", "SM.POP.TOTL", "destination"),
        "no DataBank export of it",
    ),
    (
        (
            "asylum_applications",
            "sdmx_csv",
            "MIGR_ASYAPPCTZA",
            "asylum",
        ),
        "eurostat/asylum_applicants_total.csv holds all applicants (ASY_APP) only; the mapping reads first-time applicants (fixture in tests/ingest_sdmx_roles.rs)",
    ),
    (
        ("imm_stock", "sdmx_csv", "B14", "destination"),
        "both OECD IMD files (oecd/, sdmx/) hold B11 only",
    ),
    (
        (
            "imm_stock_share",
            "worldbank_api",
            "SM.POP.TOTL.ZS",
            "destination",
        ),
        "no download",
    ),
    (
        (
            "imm_stock_share",
            "wdi_bulk",
            "SM.POP.TOTL.ZS",
            "destination",
        ),
        "WDI bulk: LFS pointer only",
    ),
    (
        (
            "imm_stock_share",
            "databank",
            "SM.POP.TOTL.ZS",
            "destination",
        ),
        "no DataBank export of it",
    ),
    (
        ("foreign_citizens", "sdmx_csv", "B15", "destination"),
        "both OECD IMD files (oecd/, sdmx/) hold B11 only",
    ),
    (
        ("naturalisations", "sdmx_csv", "B18", "destination"),
        "both OECD IMD files (oecd/, sdmx/) hold B11 only",
    ),
    (
        ("refugees_hosted", "worldbank_api", "SM.POP.REFG", "asylum"),
        "no download",
    ),
    (
        ("refugees_hosted", "wdi_bulk", "SM.POP.REFG", "asylum"),
        "WDI bulk: LFS pointer only",
    ),
    (
        ("refugees_hosted", "databank", "SM.POP.REFG", "asylum"),
        "no DataBank export of it",
    ),
    (
        ("refugees_from", "worldbank_api", "SM.POP.REFG.OR", "origin"),
        "no download",
    ),
    (
        ("refugees_from", "wdi_bulk", "SM.POP.REFG.OR", "origin"),
        "WDI bulk: LFS pointer only",
    ),
    (
        ("refugees_from", "databank", "SM.POP.REFG.OR", "origin"),
        "no DataBank export of it",
    ),
    (
        (
            "idps_stock",
            "unhcr_rdf",
            "IDPs of concern to UNHCR",
            "asylum",
        ),
        "population.csv has refugees and asylum-seekers only",
    ),
    (
        ("stateless", "unhcr_rdf", "Stateless persons", "asylum"),
        "population.csv has refugees and asylum-seekers only",
    ),
    (
        ("net_migration", "wdi_bulk", "SM.POP.NETM", "reporter"),
        "WDI bulk: LFS pointer only",
    ),
    (
        ("net_migration", "databank", "SM.POP.NETM", "reporter"),
        "no DataBank export of it",
    ),
    (
        ("remit_in", "wdi_bulk", "BX.TRF.PWKR.CD.DT", "reporter"),
        "WDI bulk: LFS pointer only",
    ),
    (
        ("remit_in", "databank", "BX.TRF.PWKR.CD.DT", "reporter"),
        "no DataBank export of it",
    ),
    (
        (
            "remit_in_gdp",
            "worldbank_api",
            "BX.TRF.PWKR.DT.GD.ZS",
            "reporter",
        ),
        "no download",
    ),
    (
        (
            "remit_in_gdp",
            "wdi_bulk",
            "BX.TRF.PWKR.DT.GD.ZS",
            "reporter",
        ),
        "WDI bulk: LFS pointer only",
    ),
    (
        (
            "remit_in_gdp",
            "databank",
            "BX.TRF.PWKR.DT.GD.ZS",
            "reporter",
        ),
        "no DataBank export of it",
    ),
    (
        ("remit_out", "wdi_bulk", "BM.TRF.PWKR.CD.DT", "reporter"),
        "WDI bulk: LFS pointer only",
    ),
    (
        ("remit_out", "databank", "BM.TRF.PWKR.CD.DT", "reporter"),
        "no DataBank export of it",
    ),
    (
        (
            "informal_employment_rate",
            "ilostat",
            "EMP_NIFL_SEX_RT",
            "reporter",
        ),
        "the ILOSTAT file is the label variant",
    ),
    (
        ("students_outbound", "uis", "OE.MOD.5T8.40510", "origin"),
        "unesco_uis/data.csv holds 26637 and MENF.5T8 only (indicators.csv lists it, no values)",
    ),
];

type Key = (String, String, String, String);

fn key(m: (&str, &str, &str, &str)) -> Key {
    (
        m.0.to_string(),
        m.1.to_string(),
        m.2.to_string(),
        m.3.to_string(),
    )
}

fn catalogue_mappings() -> BTreeSet<Key> {
    env()
        .cat
        .indicators
        .iter()
        .flat_map(|i| {
            i.mapping.iter().map(move |m| {
                (
                    i.id.clone(),
                    m.format.clone(),
                    m.series.clone(),
                    m.role.map_or("", |r| r.id()).to_string(),
                )
            })
        })
        .collect()
}

#[test]
fn every_mapping_states_its_role() {
    let missing: Vec<String> = env()
        .cat
        .indicators
        .iter()
        .flat_map(|i| {
            i.mapping
                .iter()
                .filter(|m| m.role.is_none() || m.filter.contains_key("role"))
                .map(move |m| format!("{} {} {}", i.id, m.format, m.series))
        })
        .collect();
    assert!(missing.is_empty(), "mappings without a role: {missing:#?}");
    // And the embedded text itself says it on every mapping (the loader refuses otherwise).
    let text = include_str!("../indicators/indicators.toml");
    let blocks = text.matches("\n[[indicator.mapping]]").count();
    let roles = text.lines().filter(|l| l.starts_with("role = ")).count();
    assert_eq!(blocks, roles);
}

#[test]
fn every_mapping_is_audited_or_has_no_file() {
    let all = catalogue_mappings();
    let audited: BTreeSet<Key> = figures().iter().map(|f| key(f.mapping)).collect();
    let without: BTreeSet<Key> = WITHOUT_FILE.iter().map(|(m, _)| key(*m)).collect();
    let unknown: Vec<&Key> = audited
        .union(&without)
        .filter(|k| !all.contains(*k))
        .collect();
    assert!(
        unknown.is_empty(),
        "not catalogue mappings (renamed?): {unknown:#?}"
    );
    let both: Vec<&Key> = audited.intersection(&without).collect();
    assert!(
        both.is_empty(),
        "audited and listed without file: {both:#?}"
    );
    let uncovered: Vec<&Key> = all
        .iter()
        .filter(|k| !audited.contains(*k) && !without.contains(*k))
        .collect();
    assert!(
        uncovered.is_empty(),
        "mappings with neither a figure nor a reason: {uncovered:#?}"
    );
}

#[test]
fn every_file_mapping_gives_its_hand_checked_figure() {
    let e = env();
    // One import per (file, country).
    let mut by_import: BTreeMap<(&str, &str), Vec<Figure>> = BTreeMap::new();
    for f in figures() {
        by_import.entry((f.file, f.country)).or_default().push(f);
    }
    let mut problems = Vec::new();
    for ((file, country), figs) in by_import {
        let Some(path) = shared_data(file) else {
            continue;
        };
        let ctx = Context {
            catalogue: &e.cat,
            countries: &e.countries,
            country: Some(country),
            include_aggregates: false,
            mapping: None,
        };
        let out: Outcome = match ingest::import(&path, None, &ctx) {
            Ok(o) => o,
            Err(err) => {
                problems.push(format!("{file} {country}: {err}"));
                continue;
            }
        };
        for f in figs {
            let (ind, format, _, _) = f.mapping;
            if out.format.id() != format {
                problems.push(format!(
                    "{file}: detected as {}, the mapping is {format}",
                    out.format
                ));
            }
            let hits: Vec<f64> = out
                .records
                .iter()
                .filter(|r| {
                    r.country == country
                        && r.observation.indicator == ind
                        && r.observation.period == f.period
                        && r.observation.disaggregation.len() == f.breakdown.len()
                        && f.breakdown.iter().all(|(k, v)| {
                            r.observation.disaggregation.get(*k).map(String::as_str) == Some(*v)
                        })
                })
                .map(|r| r.observation.value)
                .collect();
            if hits != [f.value] {
                problems.push(format!(
                    "{file} {country} {ind} {} {:?}: expected {}, imported {hits:?}",
                    f.period, f.breakdown, f.value
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
