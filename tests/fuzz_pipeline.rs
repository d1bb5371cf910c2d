//! Property test (issue 14): the whole pipeline through the real binary on damaged provider
//! files. Each case, in a fresh temporary folder: `migprof new`, a first `build` (the "old"
//! outputs), `import --profile` of a mutated head of one real file (one seed per format of
//! `Format::ALL`), `check`, and a second `build --out`. Every step runs under a timeout (killed
//! and counted as a hang) and must exit 0, 1 or 2 without "panicked" on stderr; a failed import
//! leaves the profile byte for byte as it was; a failed build leaves the old outputs exactly as
//! they were, a successful one leaves complete outputs, and no staging folder is left behind.
//!
//! `MIGPROF_FUZZ_CASES` sets the number of cases (default: a few dozen, for CI);
//! `MIGPROF_FUZZ_TIMEOUT_MS` the limit per step (default 30 s); with `MIGPROF_FUZZ_SAVE=<dir>`
//! (used by `scripts/fuzz-long.sh`) a failing case is saved there and counted instead of
//! stopping the run, the inputs with the highest peak memory are saved too, and the figures
//! (cases, panics, hangs, peak RSS) are printed and written to `<dir>/summary.txt`.

use migprof::ingest::Format;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_migprof");

/// Text seeds are cut to this head (at a line end) so that a case stays fast.
const HEAD_BYTES: usize = 6 * 1024;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// One seed: a real file (under ../shared/data) or a fixture, the format it is, the country of
/// the profile, the files that must sit beside it, and the mapping it needs.
struct SeedSpec {
    format: &'static str,
    shared: Option<&'static str>,
    fixture: Option<&'static str>,
    country: &'static str,
    beside: &'static [&'static str],
    mapping: Option<&'static str>,
}

const fn real(format: &'static str, rel: &'static str, country: &'static str) -> SeedSpec {
    SeedSpec {
        format,
        shared: Some(rel),
        fixture: None,
        country,
        beside: &[],
        mapping: None,
    }
}

const SPECS: &[SeedSpec] = &[
    real(
        "worldbank_api",
        "worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv",
        "AFG",
    ),
    // No WDI bulk file or DataBank export among the real files: the fixtures stand in.
    SeedSpec {
        format: "wdi_bulk",
        shared: None,
        fixture: Some("tests/fixtures/ingest/wb_bulk.csv"),
        country: "DEU",
        beside: &[],
        mapping: None,
    },
    SeedSpec {
        format: "databank",
        shared: None,
        fixture: Some("tests/fixtures/ingest/wb_databank.csv"),
        country: "DEU",
        beside: &[],
        mapping: None,
    },
    real(
        "undesa_ims",
        "undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        "DEU",
    ),
    real("wpp", "undesa/WPP2019_Period_Indicators_Medium.csv", "AFG"),
    real("unhcr_rdf", "unhcr/population.csv", "DEU"),
    real("unhcr_footnotes", "unhcr/footnotes.csv", "DEU"),
    real(
        "unhcr_popstats",
        "unhcr/unhcr_popstats_export_persons_of_concern_all_data.csv",
        "AUS",
    ),
    real(
        "sdmx_csv",
        "sdmx/International-migration-database.csv",
        "GRC",
    ),
    real("eurostat_tsv", "eurostat/demo_gind.tsv", "DEU"),
    real(
        "eurostat_explorer",
        "eurostat/migr_asydcfsta_2017-04-26.csv",
        "DEU",
    ),
    real("ilostat", "ilo/EMP_NIFL_SEX_RT_A-20240726T0000.csv", "AFG"),
    SeedSpec {
        format: "owid",
        shared: Some("owid/migrant-stock-share.csv"),
        fixture: None,
        country: "AFG",
        beside: &["owid/migrant-stock-share.metadata.json"],
        mapping: None,
    },
    real(
        "missing_migrants",
        "iom/MissingMigrants-Global-2019-03-29T18-36-07.csv",
        "MEX",
    ),
    real("idmc", "idmc/idps_displacement_data.csv", "AFG"),
    real(
        "iom_dtm",
        "iom_dtm/iom_dtm_dtm_nigeria_baseline_assessment_round_38.xlsx",
        "NGA",
    ),
    real(
        "knomad_matrix",
        "worldbank_knomad/bilateral_migration_matrix_2021_latest.xlsx",
        "DEU",
    ),
    SeedSpec {
        format: "uis",
        shared: Some("unesco_uis/data.csv"),
        fixture: None,
        country: "AFG",
        beside: &["unesco_uis/indicators.csv"],
        mapping: None,
    },
    SeedSpec {
        format: "px",
        shared: Some("statistics_sweden/EXEMPEL1.PX"),
        fixture: None,
        country: "SWE",
        beside: &[],
        mapping: Some("tests/fixtures/ingest_new/px_exempel1.toml"),
    },
    SeedSpec {
        format: "generic",
        shared: None,
        fixture: Some("tests/fixtures/ingest/generic_wide.csv"),
        country: "DEU",
        beside: &[],
        mapping: Some("tests/fixtures/ingest/generic_wide.toml"),
    },
    // A data request of `migprof request` as an agency returns it (COMAR, four values).
    SeedSpec {
        format: "returned_request",
        shared: None,
        fixture: Some("tests/fixtures/system/returned_request.xlsx"),
        country: "MEX",
        beside: &[],
        mapping: None,
    },
    // The UNICEF presentation workbook through the generic `columns` layout and the mapping
    // shipped in indicators/mappings/.
    SeedSpec {
        format: "generic",
        shared: Some("unicef/Child-migrants-and-refugees.xlsx"),
        fixture: None,
        country: "MEX",
        beside: &[],
        mapping: Some("indicators/mappings/unicef-child-migrants-2016.toml"),
    },
    // A Stats NZ Infoshare export (whole: the country comes from its footer, which a head of
    // the real table would cut off; the real table is a seed of tests/ingest_fuzz.rs).
    SeedSpec {
        format: "infoshare",
        shared: None,
        fixture: Some("tests/fixtures/infoshare/quarterly-total-column.csv"),
        country: "NZL",
        beside: &[],
        mapping: None,
    },
    // The UNHCR population API answer that `migprof fetch` saves (JSON, two years of DEU).
    SeedSpec {
        format: "unhcr_api",
        shared: None,
        fixture: Some("tests/fixtures/fetch/unhcr_population_deu.json"),
        country: "DEU",
        beside: &[],
        mapping: None,
    },
];

/// A seed ready to mutate: its name, bytes (head), and files to place beside it.
struct Seed {
    spec: &'static SeedSpec,
    name: String,
    bytes: Vec<u8>,
    beside: Vec<(String, Vec<u8>)>,
}

fn head(b: &[u8], n: usize) -> Vec<u8> {
    if b.len() <= n {
        return b.to_vec();
    }
    let cut = b[..n]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(n, |i| i + 1);
    b[..cut].to_vec()
}

fn seeds() -> &'static Vec<Seed> {
    static SEEDS: std::sync::OnceLock<Vec<Seed>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        for spec in SPECS {
            let path = match (spec.shared, spec.fixture) {
                (Some(rel), _) => match migprof::testdata::shared_data(rel) {
                    Some(p) => p,
                    None => continue,
                },
                (None, Some(f)) => root().join(f),
                (None, None) => unreachable!("a seed has a file"),
            };
            let whole = std::fs::read(&path).unwrap();
            // Workbooks are kept whole (a cut zip is one kind of damage only).
            let bytes = if whole.starts_with(b"PK") {
                whole
            } else {
                head(&whole, HEAD_BYTES)
            };
            let beside = spec
                .beside
                .iter()
                .filter_map(|rel| {
                    let p = migprof::testdata::shared_data(rel)?;
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, head(&std::fs::read(&p).ok()?, 64 * 1024)))
                })
                .collect();
            out.push(Seed {
                spec,
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                bytes,
                beside,
            });
        }
        out
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize, u8),
    Insert(usize, Vec<u8>),
    /// Replace the number at or after the position by a huge or odd one.
    Number(usize, usize),
}

const NUMBERS: &[&str] = &[
    "1.7e308",
    "1e309",
    "-1.7976931348623157e308",
    "9223372036854775807",
    "99999999999999999999",
    "NaN",
    "-inf",
    "1e13",
    "99999",
    "-1",
    "0.000001",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Flip(p, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        (any::<usize>(), 1u8..4).prop_map(|(p, n)| Mutation::DuplicateLine(p, n)),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    Just(b'"'),
                    Just(b','),
                    Just(b';'),
                    Just(b'\n'),
                    Just(b'\r'),
                    Just(b'\t'),
                    Just(b'*'),
                    Just(b':'),
                    Just(b'='),
                    Just(0x1Bu8),
                    Just(0xE3u8),
                    Just(0xFFu8),
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(p, v)| Mutation::Insert(p, v)),
        (any::<usize>(), 0..NUMBERS.len()).prop_map(|(p, i)| Mutation::Number(p, i)),
    ]
}

fn line_span(b: &[u8], p: usize) -> (usize, usize) {
    let mut starts = vec![0];
    starts.extend(
        b.iter()
            .enumerate()
            .filter(|&(i, &c)| c == b'\n' && i + 1 < b.len())
            .map(|(i, _)| i + 1),
    );
    let s = starts[p % starts.len()];
    let e = b[s..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |i| s + i + 1);
    (s, e)
}

fn apply(mut b: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        let n = b.len();
        match m {
            Mutation::Flip(p, x) => {
                if n > 0 {
                    b[p % n] ^= x | 1;
                }
            }
            Mutation::Truncate(p) => b.truncate(if n == 0 { 0 } else { p % n }),
            Mutation::DeleteLine(p) => {
                let (s, e) = line_span(&b, *p);
                b.drain(s..e);
            }
            Mutation::DuplicateLine(p, times) => {
                let (s, e) = line_span(&b, *p);
                let line = b[s..e].to_vec();
                b.splice(e..e, line.repeat(*times as usize));
            }
            Mutation::Insert(p, v) => {
                let i = if n == 0 { 0 } else { p % (n + 1) };
                b.splice(i..i, v.iter().copied());
            }
            Mutation::Number(p, i) => {
                let from = if n == 0 { 0 } else { p % n };
                let Some(s) = b[from..].iter().position(u8::is_ascii_digit) else {
                    continue;
                };
                let s = from + s;
                let e = b[s..]
                    .iter()
                    .position(|c| !(c.is_ascii_digit() || c == &b'.'))
                    .map_or(n, |k| s + k);
                b.splice(s..e, NUMBERS[*i].bytes());
            }
        }
    }
    b
}

/// What one step did.
struct Step {
    code: Option<i32>,
    stderr: String,
    peak_rss_kb: i64,
    elapsed: Duration,
    hung: bool,
}

/// Run `cmd` with stdout and stderr to files in `dir`, in its own process group, killed (the
/// group) after `limit`. Its peak RSS comes from `/usr/bin/time -f %M` when that exists (a
/// small forking parent, so the figure is the command's own), else from `wait4` (which on Linux
/// can include this process's RSS, the spawn sharing its memory until exec). With
/// `MIGPROF_FUZZ_ULIMIT_KB` set, the command runs under `ulimit -v` of that many KiB.
// The child is reaped with `wait4` (for its rusage), not through `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run_step(cmd: Command, dir: &Path, limit: Duration) -> Step {
    use std::os::unix::process::CommandExt;
    let time = Path::new("/usr/bin/time");
    let rss_file = dir.join(".rss");
    let _ = std::fs::remove_file(&rss_file);
    let mut argv: Vec<std::ffi::OsString> = Vec::new();
    if let Ok(kb) = std::env::var("MIGPROF_FUZZ_ULIMIT_KB") {
        argv.extend(["sh", "-c"].map(Into::into));
        argv.push(format!("ulimit -v {kb} && exec \"$0\" \"$@\"").into());
    }
    if time.exists() {
        argv.push(time.into());
        argv.extend(["-f", "%M", "-o"].map(Into::into));
        argv.push(rss_file.clone().into());
    }
    argv.push(cmd.get_program().into());
    argv.extend(cmd.get_args().map(Into::into));
    let mut cmd2 = Command::new(&argv[0]);
    cmd2.args(&argv[1..]).process_group(0);
    if let Some(d) = cmd.get_current_dir() {
        cmd2.current_dir(d);
    }
    let mut cmd = cmd2;
    let out = std::fs::File::create(dir.join(".stdout")).unwrap();
    let err = std::fs::File::create(dir.join(".stderr")).unwrap();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .env_remove("MIGPROF_CATALOGUE")
        .env("NO_COLOR", "1")
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; wait4 only writes into the two out-parameters.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut hung = false;
    loop {
        // SAFETY: `pid` is our own child, not yet reaped (std's `Child` is never waited on).
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4: {}", std::io::Error::last_os_error());
        if start.elapsed() > limit {
            hung = true;
            // SAFETY: as above, the child is not reaped, so the pid (and its group) is ours.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
                libc::wait4(pid, &mut status, 0, &mut usage);
            }
            break;
        }
        std::thread::sleep(Duration::from_millis(3));
    }
    let elapsed = start.elapsed();
    let code = if libc::WIFEXITED(status) {
        Some(libc::WEXITSTATUS(status))
    } else {
        None
    };
    Step {
        code,
        stderr: String::from_utf8_lossy(&std::fs::read(dir.join(".stderr")).unwrap()).into_owned(),
        peak_rss_kb: std::fs::read_to_string(&rss_file)
            .ok()
            .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()))
            .unwrap_or(usage.ru_maxrss),
        elapsed,
        hung,
    }
}

/// Every file under `dir` with its bytes (symlinks not followed).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    out
}

/// The outcome of one case: `Err` names the broken promise.
struct Outcome {
    failure: Option<(&'static str, String)>,
    peak_rss_kb: i64,
    slowest: Duration,
    /// The exit code of `import` (`None` when the case stopped before it).
    imported: Option<i32>,
}

fn fail(kind: &'static str, msg: String, peak: i64, slowest: Duration) -> Outcome {
    Outcome {
        failure: Some((kind, msg)),
        peak_rss_kb: peak,
        slowest,
        imported: None,
    }
}

fn pipeline(seed: &Seed, bytes: &[u8], force_format: bool) -> Outcome {
    let limit = Duration::from_millis(env_num("MIGPROF_FUZZ_TIMEOUT_MS", 30_000));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let input = dir.join(&seed.name);
    std::fs::write(&input, bytes).unwrap();
    for (name, b) in &seed.beside {
        std::fs::write(dir.join(name), b).unwrap();
    }
    let profile = dir.join("p.toml");
    let out = dir.join("out");
    let mut peak = 0;
    let mut slowest = Duration::ZERO;
    let mut step = |name: &'static str, args: &[&std::ffi::OsStr], ok: &[i32]| {
        let mut c = Command::new(BIN);
        c.args(args).current_dir(dir);
        let s = run_step(c, dir, limit);
        peak = peak.max(s.peak_rss_kb);
        slowest = slowest.max(s.elapsed);
        if s.hung {
            return Err(("hang", format!("{name}: killed after {:?}", s.elapsed)));
        }
        if s.stderr.contains("panicked") {
            return Err(("panic", format!("{name}: {}", s.stderr)));
        }
        match s.code {
            Some(c) if ok.contains(&c) => Ok(c),
            other => Err((
                "exit",
                format!("{name}: exit {other:?} (allowed {ok:?}): {}", s.stderr),
            )),
        }
    };
    macro_rules! os {
        ($($a:expr),*) => { &[$(std::ffi::OsStr::new($a)),*] };
    }
    macro_rules! tryit {
        ($e:expr) => {
            match $e {
                Ok(c) => c,
                Err((kind, msg)) => return fail(kind, msg, peak, slowest),
            }
        };
    }
    let country = seed.spec.country;
    let p = profile.as_os_str();
    let o = out.as_os_str();
    tryit!(step(
        "new",
        os!("new", "--country", country, "--out", p),
        &[0]
    ));
    tryit!(step("build (first)", os!("build", p, "--out", o), &[0]));
    let old = snapshot(&out);
    let profile_before = std::fs::read(&profile).unwrap();

    let mut args: Vec<&std::ffi::OsStr> = os!("import", input.as_os_str(), "--profile", p).to_vec();
    let mapping = seed.spec.mapping.map(|m| root().join(m));
    if let Some(m) = &mapping {
        args.push("--mapping".as_ref());
        args.push(m.as_os_str());
    }
    // The generic importer is used only when asked for.
    if force_format || seed.spec.format == "generic" {
        args.push("--format".as_ref());
        args.push(seed.spec.format.as_ref());
    }
    let imported = tryit!(step("import", &args, &[0, 1, 2]));
    if imported != 0 && std::fs::read(&profile).unwrap() != profile_before {
        return fail(
            "half-written",
            format!("import exited {imported} but changed the profile"),
            peak,
            slowest,
        );
    }
    tryit!(step("check", os!("check", p), &[0, 1]));
    let built = tryit!(step("build", os!("build", p, "--out", o), &[0, 1]));
    let after = snapshot(&out);
    let stray: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "p")
        .collect();
    if !stray.is_empty() {
        return fail(
            "half-written",
            format!("build left {stray:?} in --out"),
            peak,
            slowest,
        );
    }
    if built != 0 {
        if after != old {
            return fail(
                "half-written",
                "a failed build changed the old outputs".to_string(),
                peak,
                slowest,
            );
        }
    } else {
        let html = after
            .get(Path::new("p/report.html"))
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        let json = after
            .get(Path::new("p/data/datapackage.json"))
            .cloned()
            .unwrap_or_default();
        if !html.trim_end().ends_with("</html>")
            || serde_json::from_slice::<serde_json::Value>(&json).is_err()
        {
            return fail(
                "half-written",
                "a successful build left an incomplete report.html or datapackage.json".into(),
                peak,
                slowest,
            );
        }
    }
    Outcome {
        failure: None,
        peak_rss_kb: peak,
        slowest,
        imported: Some(imported),
    }
}

/// Figures of a run (printed at the end; in save mode also written to the save folder).
#[derive(Default)]
struct Figures {
    cases: u64,
    failures: BTreeMap<&'static str, u64>,
    peak_rss_kb: i64,
    slowest: Duration,
    /// (peak RSS, file name) of the heaviest cases, saved for the memory-limited rerun.
    heaviest: Vec<(i64, String)>,
}

fn save_dir() -> Option<PathBuf> {
    std::env::var_os("MIGPROF_FUZZ_SAVE").map(PathBuf::from)
}

fn save_case(dir: &Path, tag: &str, seed: &Seed, bytes: &[u8], force: bool) -> String {
    // A fresh number for each saved input (heavy ones are removed when displaced).
    static SAVED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SAVED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("{tag}-{n:05}-{}", seed.name);
    std::fs::write(dir.join(&name), bytes).unwrap();
    let mut m = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("cases.tsv"))
        .unwrap();
    writeln!(
        m,
        "{name}\t{}\t{}\t{}\t{}",
        seed.spec.format,
        seed.spec.country,
        seed.spec
            .mapping
            .map_or(String::new(), |p| root().join(p).display().to_string()),
        force
    )
    .unwrap();
    name
}

#[test]
fn mutated_provider_files_through_the_whole_pipeline() {
    let seeds = seeds();
    if seeds.is_empty() {
        return;
    }
    let cases = env_num("MIGPROF_FUZZ_CASES", 40) as u32;
    let save = save_dir();
    if let Some(d) = &save {
        std::fs::create_dir_all(d).unwrap();
    }
    let figures = Mutex::new(Figures::default());
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 64,
        ..Config::default()
    });
    let strategy = (
        any::<prop::sample::Index>(),
        prop::collection::vec(mutation(), 1..5),
        any::<bool>(),
    );
    let start = Instant::now();
    let r = runner.run(&strategy, |(i, muts, force)| {
        let seed = &seeds[i.index(seeds.len())];
        let bytes = apply(seed.bytes.clone(), &muts);
        let o = pipeline(seed, &bytes, force);
        let mut f = figures.lock().unwrap();
        f.cases += 1;
        f.peak_rss_kb = f.peak_rss_kb.max(o.peak_rss_kb);
        f.slowest = f.slowest.max(o.slowest);
        match (&save, o.failure) {
            (None, Some((kind, msg))) => Err(TestCaseError::fail(format!(
                "{kind} on a mutated {} ({}): {msg}",
                seed.name, seed.spec.format
            ))),
            (Some(d), failure) => {
                if let Some((kind, msg)) = failure {
                    *f.failures.entry(kind).or_default() += 1;
                    let name = save_case(d, kind, seed, &bytes, force);
                    eprintln!("{kind}: {name} ({}): {msg}", seed.spec.format);
                }
                // Keep the 8 heaviest inputs for the memory-limited rerun.
                let light =
                    f.heaviest.len() >= 8 && f.heaviest.iter().all(|(kb, _)| *kb >= o.peak_rss_kb);
                if !light {
                    let name = save_case(d, "heavy", seed, &bytes, force);
                    f.heaviest.push((o.peak_rss_kb, name));
                    f.heaviest.sort_by_key(|h| std::cmp::Reverse(h.0));
                    let keep = f.heaviest.len().min(8);
                    for (_, gone) in f.heaviest.split_off(keep) {
                        let _ = std::fs::remove_file(d.join(gone));
                    }
                }
                Ok(())
            }
            (None, None) => Ok(()),
        }
    });
    let f = figures.into_inner().unwrap();
    let summary = format!(
        "pipeline: {} cases in {:.0?}; failures {:?}; peak RSS of a step {} KB; slowest step {:.2?}; heaviest {:?}\n",
        f.cases,
        start.elapsed(),
        f.failures,
        f.peak_rss_kb,
        f.slowest,
        f.heaviest
    );
    eprint!("{summary}");
    if let Some(d) = &save {
        std::fs::write(d.join("summary.txt"), &summary).unwrap();
    }
    if let Err(e) = r {
        panic!("{e}");
    }
}

#[test]
fn every_format_has_a_seed_that_goes_through_the_pipeline() {
    let seeds = seeds();
    if seeds.len() < SPECS.len() {
        // A real file is missing (outside CI, `shared_data` printed which and why).
        return;
    }
    for f in Format::ALL {
        assert!(
            SPECS.iter().any(|s| s.format == f.id()),
            "no seed for {}",
            f.id()
        );
    }
    for seed in seeds {
        // The unmutated seed: detected (or forced) as its format, imported, checked and built.
        for force in [false, true] {
            let o = pipeline(seed, &seed.bytes, force);
            assert!(
                o.failure.is_none(),
                "{} ({}, forced {force}): {:?}",
                seed.name,
                seed.spec.format,
                o.failure
            );
            assert_eq!(o.imported, Some(0), "{} (forced {force})", seed.name);
        }
    }
}

// ------------------------------------------------------------------------------------------
// The memory-limited run (scripts/fuzz-long.sh; not in CI): crafted inputs, and the heaviest
// mutated cases the long run saved, each under `ulimit -v 1000000` (about 1 GB).
// ------------------------------------------------------------------------------------------

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// A minimal xlsx with one sheet "Table 1" (the crafted workbooks of issue 14).
fn xlsx(path: &Path, sheet: &str, shared: Option<&str>) {
    use zip::write::SimpleFileOptions;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opt = SimpleFileOptions::default();
    let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let shared_override = shared.map_or(String::new(), |_| {
        format!(
            r#"<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>"#
        )
    });
    let shared_rel = shared.map_or(String::new(), |_| {
        format!(
            r#"<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>"#
        )
    });
    let mut parts: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>{shared_override}</Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{rel}"><sheets><sheet name="Table 1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>{shared_rel}</Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{sheet}</sheetData></worksheet>"#
            ),
        ),
    ];
    if let Some(s) = shared {
        parts.push((
            "xl/sharedStrings.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">{s}</sst>"#),
        ));
    }
    for (name, body) in parts {
        z.start_file(name, opt).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

/// A crafted case: a name and the migprof arguments (run in the folder of the inputs).
struct Crafted {
    name: String,
    args: Vec<String>,
    /// The exit codes that count as a clean end.
    allowed: &'static [i32],
}

fn crafted_inputs(dir: &Path) -> Vec<Crafted> {
    let mut out = Vec::new();
    let import = |file: &str, format: &str| Crafted {
        name: format!("{file} ({format})"),
        args: ["import", file, "--format", format, "--country", "DEU"]
            .map(String::from)
            .to_vec(),
        allowed: &[1],
    };
    let region = Some("<si><t>Region</t></si>");
    xlsx(
        &dir.join("no-shared-strings.xlsx"),
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        None,
    );
    xlsx(
        &dir.join("shared-index-out-of-range.xlsx"),
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>"#,
        region,
    );
    xlsx(
        &dir.join("cell-at-xfd1048576.xlsx"),
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
        region,
    );
    xlsx(
        &dir.join("dimension-a1-xfd1048576.xlsx"),
        r#"</sheetData><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>"#,
        region,
    );
    xlsx(
        &dir.join("zip-bomb.xlsx"),
        &" ".repeat(65 * 1024 * 1024),
        region,
    );
    for f in [
        "no-shared-strings.xlsx",
        "shared-index-out-of-range.xlsx",
        "cell-at-xfd1048576.xlsx",
        "dimension-a1-xfd1048576.xlsx",
        "zip-bomb.xlsx",
    ] {
        for format in ["undesa_ims", "iom_dtm", "knomad_matrix", "idmc"] {
            out.push(import(f, format));
        }
    }
    // One 256 MiB line after a valid header (a sparse file of NUL bytes: no disk used).
    for (file, header, formats) in [
        (
            "long-line-wb.csv",
            "\"Data Source\",\"World Development Indicators\",\n\n\"Last Updated Date\",\"2024-06-28\",\n\n\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2020\",\n",
            &["worldbank_api"][..],
        ),
        (
            "long-line-unhcr.csv",
            "Year,Country of origin,Country of origin (ISO),Country of asylum,Country of asylum (ISO),Refugees under UNHCR's mandate\n",
            &[
                "unhcr_rdf",
                "sdmx_csv",
                "ilostat",
                "missing_migrants",
                "idmc",
                "uis",
                "owid",
                "wpp",
            ][..],
        ),
    ] {
        let p = dir.join(file);
        std::fs::write(&p, header).unwrap();
        let f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
        f.set_len(header.len() as u64 + (256 << 20)).unwrap();
        for format in formats {
            // Nothing to import in it: exit 0 with a warning, or 1, both clean.
            out.push(Crafted {
                allowed: &[0, 1],
                ..import(file, format)
            });
        }
    }
    // Profiles: a value near f64::MAX (the chart-axis loop of the issue), a profile just under
    // the size limit (`profile::MAX_FILE_BYTES`, about 75,000 observations), /dev/zero and a
    // FIFO.
    let sparse = std::fs::read_to_string(root().join("tests/fixtures/render/sparse.toml")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/render/template.toml"),
        dir.join("template.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("huge-value.toml"),
        sparse.replace("value = 158000", "value = 1.7e308"),
    )
    .unwrap();
    let mut big = sparse.clone();
    let mut i = 0u64;
    while (big.len() as u64) < migprof::profile::MAX_FILE_BYTES - 1000 {
        big.push_str(&format!(
            "\n[[observation]]\nindicator = \"imm_stock\"\nperiod = \"{}\"\nvalue = {}\ndisaggregation = {{ origin = \"GBR\", age = \"{}\" }}\nsource = \"wb\"\n",
            1900 + i % 120,
            i,
            i / 120
        ));
        i += 1;
    }
    std::fs::write(dir.join("near-limit.toml"), big).unwrap();
    let fifo = dir.join("fifo.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for p in [
        "huge-value.toml",
        "near-limit.toml",
        "/dev/zero",
        "fifo.toml",
    ] {
        for cmd in ["check", "gaps"] {
            out.push(Crafted {
                name: format!("{cmd} {p}"),
                args: vec![cmd.to_string(), p.to_string()],
                // The near-limit profile is a valid one.
                allowed: if p == "near-limit.toml" {
                    &[0, 1]
                } else {
                    &[1]
                },
            });
        }
        out.push(Crafted {
            name: format!("build {p}"),
            args: ["build", p, "--out", "out"].map(String::from).to_vec(),
            // The near-limit profile is valid: it builds (within the memory limit).
            allowed: if p == "near-limit.toml" {
                &[0, 1]
            } else {
                &[1]
            },
        });
    }
    out
}

#[cfg(target_os = "linux")]
#[test]
#[ignore = "the memory-limited run of scripts/fuzz-long.sh (about ten seconds of 1 GB-limited runs; not in CI)"]
fn crafted_and_heaviest_inputs_fail_cleanly_under_1_gb() {
    // SAFETY: no other thread of this test reads the environment while it is set (it is the
    // only test the script runs in this process).
    unsafe { std::env::set_var("MIGPROF_FUZZ_ULIMIT_KB", "1000000") };
    // Crafted inputs are slow on purpose (256 MiB lines): a limit of their own.
    let limit = Duration::from_millis(env_num("MIGPROF_FUZZ_MEM_TIMEOUT_MS", 200_000));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut bad = Vec::new();
    let mut table = String::new();
    let mut record = |name: &str, s: &Step, allowed: &[i32]| {
        let line = format!(
            "{name}\trc {:?}\tpeak RSS {} KB\t{:.2?}\t{}\n",
            s.code,
            s.peak_rss_kb,
            s.elapsed,
            s.stderr
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(150)
                .collect::<String>()
        );
        eprint!("{line}");
        table.push_str(&line);
        let clean = !s.hung
            && s.code.is_some_and(|c| allowed.contains(&c))
            && !s.stderr.contains("panicked")
            && !s.stderr.contains("memory allocation")
            && s.peak_rss_kb < 1_000_000;
        if !clean {
            bad.push(line);
        }
    };
    for c in crafted_inputs(dir) {
        let mut cmd = Command::new(BIN);
        cmd.args(&c.args).current_dir(dir);
        let s = run_step(cmd, dir, limit);
        // Every crafted input is refused (exit 1; the near-limit profile may pass), cleanly.
        record(&c.name, &s, c.allowed);
    }
    // The heaviest (and any failing) mutated cases of the long run, through the whole pipeline.
    let save = save_dir().filter(|d| d.join("cases.tsv").exists());
    let mut reran = 0;
    if let Some(d) = save {
        let list = std::fs::read_to_string(d.join("cases.tsv")).unwrap();
        for line in list.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let Ok(bytes) = std::fs::read(d.join(f[0])) else {
                continue; // a heavy case later displaced by a heavier one
            };
            let Some(seed) = seeds().iter().find(|s| s.spec.format == f[1]) else {
                continue;
            };
            let o = pipeline(seed, &bytes, f[4] == "true");
            let s = Step {
                code: o.imported,
                stderr: o.failure.as_ref().map_or(String::new(), |x| x.1.clone()),
                peak_rss_kb: o.peak_rss_kb,
                elapsed: o.slowest,
                hung: o.failure.as_ref().is_some_and(|x| x.0 == "hang"),
            };
            let ok: &[i32] = if o.failure.is_none() { &[0, 1, 2] } else { &[] };
            record(&format!("pipeline {}", f[0]), &s, ok);
            reran += 1;
        }
        std::fs::write(d.join("memory-limited.txt"), &table).unwrap();
    }
    eprintln!("memory-limited run: {reran} saved mutated cases rerun");
    assert!(
        bad.is_empty(),
        "not clean under ulimit -v 1000000:\n{}",
        bad.concat()
    );
}

// ------------------------------------------------------------------------------------------
// Findings of the fuzz runs, each the smallest input found, ignored until src/ is fixed.
// ------------------------------------------------------------------------------------------

fn import_ctx_run(path: &Path, format: Format) -> std::thread::Result<Result<(), String>> {
    let catalogue = migprof::catalogue::Catalogue::embedded().unwrap();
    let countries = migprof::country::Countries::embedded().unwrap();
    let ctx = migprof::ingest::Context {
        catalogue: &catalogue,
        countries: &countries,
        country: Some("DEU"),
        include_aggregates: false,
        mapping: None,
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        migprof::ingest::import(path, Some(format), &ctx)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }))
}

#[test]
fn forced_workbook_formats_refuse_a_workbook_without_shared_strings() {
    // One cell A1 of type "s" (shared string 0) and no xl/sharedStrings.xml: calamine 0.31
    // panics at xlsx/cells_reader.rs:358 (index out of bounds: the len is 0 but the index is 0).
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("no-shared-strings.xlsx");
    xlsx(&p, r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, None);
    for f in [Format::IomDtm, Format::KnomadMatrix, Format::Idmc] {
        match import_ctx_run(&p, f) {
            Ok(Err(e)) => assert!(e.contains("no-shared-strings.xlsx"), "{f}: {e}"),
            Ok(Ok(())) => panic!("{f}: imported"),
            Err(_) => panic!("{f}: panicked"),
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn forced_workbook_formats_refuse_a_cell_at_xfd1048576_under_1_gb() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("cell-at-xfd1048576.xlsx");
    xlsx(
        &p,
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
        Some("<si><t>Region</t></si>"),
    );
    // SAFETY: read by `run_step` of this test only (ignored tests run alone).
    unsafe { std::env::set_var("MIGPROF_FUZZ_ULIMIT_KB", "1000000") };
    for f in ["iom_dtm", "knomad_matrix", "idmc"] {
        let mut c = Command::new(BIN);
        c.args(["import", "cell-at-xfd1048576.xlsx", "--format", f])
            .current_dir(d.path());
        let s = run_step(c, d.path(), Duration::from_secs(60));
        assert_eq!(s.code, Some(1), "{f}: {}", s.stderr);
        assert!(s.stderr.contains("4000000 cells"), "{f}: {}", s.stderr);
    }
}

#[test]
fn world_bank_api_refuses_a_line_longer_than_16_mib() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("long-line.csv");
    let header = "\"Data Source\",\"World Development Indicators\",\n\n\"Last Updated Date\",\"2024-06-28\",\n\n\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2020\",\n";
    std::fs::write(&p, header).unwrap();
    // 17 MiB of NUL bytes on one line (a sparse file: no disk used).
    let f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
    f.set_len(header.len() as u64 + (17 << 20)).unwrap();
    match import_ctx_run(&p, Format::WorldBankApi) {
        Ok(Err(e)) => assert!(e.contains("line longer than"), "{e}"),
        other => panic!("not refused: {other:?}"),
    }
}

#[cfg(target_os = "linux")]
#[test]
#[ignore = "builds an 8 MB profile under ulimit -v 1000000 (about a minute): run by scripts/fuzz-long.sh"]
fn build_of_a_profile_under_the_size_limit_stays_under_1_gb() {
    let d = tempfile::tempdir().unwrap();
    let all = crafted_inputs(d.path());
    // SAFETY: read by `run_step` of this test only (ignored tests run alone).
    unsafe { std::env::set_var("MIGPROF_FUZZ_ULIMIT_KB", "1000000") };
    let c = all
        .iter()
        .find(|c| c.name == "build near-limit.toml")
        .unwrap();
    let mut cmd = Command::new(BIN);
    cmd.args(&c.args).current_dir(d.path());
    let s = run_step(cmd, d.path(), Duration::from_secs(120));
    assert!(
        s.code.is_some_and(|c| c <= 1) && !s.stderr.contains("memory allocation"),
        "rc {:?}: {}",
        s.code,
        s.stderr
    );
}
