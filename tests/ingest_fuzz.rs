//! Property test: no importer panics, whatever the bytes. Random bytes and random mutations
//! (byte flips, truncations, line deletions and duplications, inserted bytes) of the real files
//! in ../shared/data and of the fixtures are fed to EVERY format through
//! `migprof::ingest::import(path, Some(format), ctx)`, with the embedded catalogue and with the
//! ingest-b test catalogue, for one country and for all countries. Only the first 48 KiB of each
//! real file is used as the seed so that the run stays well under a minute in debug builds.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::ingest::{self, Context, Format};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

const REAL: &[&str] = &[
    "unhcr/population.csv",
    "unhcr/solutions.csv",
    "unhcr/footnotes.csv",
    "unhcr/asylum-decisions_origin-aggregate.csv",
    "unhcr/unhcr_popstats_export_persons_of_concern_all_data.csv",
    "unhcr/asylum-applications.csv",
    "eurostat/demo_gind.tsv",
    "eurostat/migr_asydcfsta_2017-04-26.csv",
    "eurostat/migr_asyappctza_allcitizenships.csv",
    "sdmx/International-migration-database.csv",
    "iom/MissingMigrants-Global-2019-03-29T18-36-07.csv",
    "worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv",
    "worldbank/Metadata_Country_API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv",
    "undesa/WPP2019_Period_Indicators_Medium.csv",
    "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
    "owid/migrant-stock-share.csv",
    "ilo/EMP_NIFL_SEX_RT_A-20240726T0000.csv",
    "idmc/idps_displacement_data.csv",
    "iom_dtm/iom_dtm_dtm_nigeria_baseline_assessment_round_38.xlsx",
    "worldbank_knomad/bilateral_migration_matrix_2021_latest.xlsx",
    "unesco_uis/data.csv",
    "unesco_uis/indicators.csv",
    "statistics_sweden/EXEMPEL1.PX",
    "stats_nz/ITM552105_20200603_110236_41.csv",
    // The DataBank corridor export (Remittance Prices Worldwide): semiannual and quarterly
    // columns, sending x receiving rows.
    "worldbank/36d1ed87-9a2d-41da-8eac-c1c25d45fa65_Data.csv",
    // Not the 1.7 MB GIDD workbook: whole xlsx seeds are read by every format in every case, and
    // its layout is the IDMC one the CSV seed and the fixtures already exercise.
];

const SEED_BYTES: usize = 48 * 1024;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest")
}

/// Fixtures of the IDMC, DTM, KNOMAD and UIS variants (seeds too).
fn new_fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest_new")
}

/// Seed files: heads of the real files that exist, plus every fixture.
fn seeds() -> &'static Vec<Vec<u8>> {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
        for rel in REAL {
            if let Ok(mut b) = std::fs::read(root.join(rel)) {
                // The xlsx is kept whole (a truncated zip is only one kind of damage).
                if !rel.ends_with(".xlsx") {
                    b.truncate(SEED_BYTES);
                }
                out.push(b);
            }
        }
        for dir in [
            fixtures_dir(),
            new_fixtures_dir(),
            new_fixtures_dir().join("uis_bdds"),
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/infoshare"),
        ] {
            if let Ok(rd) = std::fs::read_dir(dir) {
                let mut paths: Vec<PathBuf> = rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "py"))
                    .collect();
                paths.sort();
                for p in paths {
                    if let Ok(b) = std::fs::read(&p) {
                        out.push(b);
                    }
                }
            }
        }
        out
    })
}

struct Env {
    test_cat: Catalogue,
    test_countries: Countries,
    cat: Catalogue,
    countries: Countries,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let read = |n: &str| std::fs::read_to_string(fixtures_dir().join(n)).unwrap();
        Env {
            test_cat: Catalogue::from_strs(
                &read("generic_test_catalogue.toml"),
                "c",
                &read("generic_test_registry.toml"),
                "r",
            )
            .unwrap(),
            test_countries: Countries::from_str(&read("generic_test_countries.toml"), "k").unwrap(),
            cat: Catalogue::embedded().unwrap(),
            countries: Countries::embedded().unwrap(),
        }
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    Insert(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Flip(p, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    Just(b'"'),
                    Just(b','),
                    Just(b'\n'),
                    Just(b'\r'),
                    Just(b'\t'),
                    Just(b'*'),
                    Just(b':'),
                    Just(b'-'),
                    Just(0xE3u8),
                    Just(0xFFu8),
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(p, v)| Mutation::Insert(p, v)),
    ]
}

fn line_spans(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

fn apply(mut b: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        let n = b.len();
        match m {
            Mutation::Flip(p, x) if n > 0 => {
                let i = p % n;
                b[i] ^= x | 1;
            }
            Mutation::Truncate(p) => b.truncate(if n == 0 { 0 } else { p % n }),
            Mutation::DeleteLine(p) | Mutation::DuplicateLine(p) => {
                let spans = line_spans(&b);
                if spans.is_empty() {
                    continue;
                }
                let (s, e) = spans[p % spans.len()];
                if matches!(m, Mutation::DeleteLine(_)) {
                    b.drain(s..e);
                } else {
                    let line = b[s..e].to_vec();
                    b.splice(e..e, line);
                }
            }
            Mutation::Insert(p, v) => {
                let i = if n == 0 { 0 } else { p % (n + 1) };
                b.splice(i..i, v.iter().copied());
            }
            Mutation::Flip(..) => {}
        }
    }
    b
}

fn run_all(bytes: &[u8], which: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("input{which}.dat"));
    std::fs::write(&path, bytes).unwrap();
    let mapping = fixtures_dir().join("generic_wide.toml");
    let e = env();
    let _ = ingest::detect(&path);
    for (cat, countries) in [(&e.test_cat, &e.test_countries), (&e.cat, &e.countries)] {
        for country in [None, Some("DEU")] {
            let ctx = Context {
                catalogue: cat,
                countries,
                country,
                include_aggregates: country.is_none(),
                mapping: Some(&mapping),
            };
            for f in Format::ALL {
                let _ = ingest::import(&path, Some(f), &ctx);
            }
        }
    }
    // PC-Axis with a PX mapping, so that damaged tables reach the cell walk too.
    let px_mapping = new_fixtures_dir().join("px_exempel1.toml");
    let ctx = Context {
        catalogue: &e.cat,
        countries: &e.countries,
        country: None,
        include_aggregates: false,
        mapping: Some(&px_mapping),
    };
    let _ = ingest::import(&path, Some(Format::Px), &ctx);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        run_all(&bytes, 0);
    }

    #[test]
    fn mutated_files_never_panic(
        seed in any::<prop::sample::Index>(),
        muts in prop::collection::vec(mutation(), 1..5),
    ) {
        let seeds = seeds();
        prop_assume!(!seeds.is_empty());
        let b = seeds[seed.index(seeds.len())].clone();
        run_all(&apply(b, &muts), 1);
    }
}

#[test]
fn unmutated_seeds_never_panic() {
    for (i, s) in seeds().iter().enumerate() {
        run_all(s, 2 + i);
    }
}
