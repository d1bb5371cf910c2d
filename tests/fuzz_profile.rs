//! Property test (issue 14): the profile loader (`ProfileFile::load`, `Profile::from_toml`) and
//! `check::check_file` never panic and never hang, whatever the file holds: random bytes, and
//! mutations of the bundled example profiles (byte flips, truncations, deleted and duplicated
//! lines, huge numbers, deep nesting, unknown versions, invalid UTF-8, very long lines).
//!
//! The number of cases is small by default so that CI stays fast; `MIGPROF_FUZZ_CASES` raises it
//! (`scripts/fuzz-long.sh`). Each case runs on a worker thread and counts as a hang when it takes
//! longer than `MIGPROF_FUZZ_TIMEOUT_MS` (default 20 s; debug builds).

use migprof::catalogue::Catalogue;
use migprof::check::check_file;
use migprof::country::Countries;
use migprof::profile::{Profile, ProfileFile};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const PROFILES: &[&str] = &[
    "profiles/deu.toml",
    "profiles/mex.toml",
    "profiles/tur.toml",
];

/// Mutated profiles are cut to this head (at a line end) so that a case stays fast; the whole
/// files are checked, mutated, by `whole_profiles_mutated_never_panic`.
const HEAD_BYTES: usize = 24 * 1024;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `default` cases, or `MIGPROF_FUZZ_CASES / divisor` (at least 1) when it is set.
fn cases(default: u32, divisor: u32) -> u32 {
    std::env::var("MIGPROF_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .map_or(default, |n| (n / divisor).max(1))
}

fn timeout() -> Duration {
    let ms = std::env::var("MIGPROF_FUZZ_TIMEOUT_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    Duration::from_millis(ms)
}

fn whole(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap()
}

/// The head of `b`, cut after the last newline before `n` bytes.
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

fn seeds() -> &'static Vec<Vec<u8>> {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out: Vec<Vec<u8>> = PROFILES
            .iter()
            .map(|p| head(&whole(p), HEAD_BYTES))
            .collect();
        for f in ["tests/fixtures/render/sparse.toml"] {
            if let Ok(b) = std::fs::read(root().join(f)) {
                out.push(b);
            }
        }
        out
    })
}

struct Env {
    catalogue: Catalogue,
    countries: Countries,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| Env {
        catalogue: Catalogue::embedded().unwrap(),
        countries: Countries::embedded().unwrap(),
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize, u8),
    /// Replace the number at or after the position by one of `HUGE`.
    HugeNumber(usize, usize),
    /// Insert a key whose value nests arrays or inline tables this deep.
    Nest(usize, bool, usize),
    /// Replace the `version = 1` line by this version (or drop it).
    Version(Option<i64>),
    InvalidUtf8(usize, usize),
    /// Insert a line of this many bytes (a key, a string value or a comment).
    LongLine(usize, usize, u8),
}

const HUGE: &[&str] = &[
    "1.7e308",
    "-1.7976931348623157e308",
    "1e309",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999999999999999",
    "nan",
    "-inf",
    "0x7FFFFFFFFFFFFFFF",
    "1_000_000_000_000_000",
    "4.9e-324",
    "-0",
    "1e13",
    "10000000000001",
];

const BAD_UTF8: &[&[u8]] = &[
    b"\xFF",
    b"\xC3\x28",
    b"\xE2\x82",
    b"\xF0\x28\x8C\xBC",
    b"\xED\xA0\x80",
    b"\xC0\xAF",
    b"\x00",
    b"\xEF\xBB\xBF",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Flip(p, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        (any::<usize>(), 1u8..20).prop_map(|(p, n)| Mutation::DuplicateLine(p, n)),
        (any::<usize>(), 0..HUGE.len()).prop_map(|(p, i)| Mutation::HugeNumber(p, i)),
        (any::<usize>(), any::<bool>(), 1usize..3000).prop_map(|(p, t, d)| Mutation::Nest(p, t, d)),
        prop_oneof![
            Just(None),
            (-3i64..5).prop_map(Some),
            Just(Some(i64::MAX)),
            Just(Some(i64::MIN))
        ]
        .prop_map(Mutation::Version),
        (any::<usize>(), 0..BAD_UTF8.len()).prop_map(|(p, i)| Mutation::InvalidUtf8(p, i)),
        (any::<usize>(), 1usize..(1 << 20), 0u8..3)
            .prop_map(|(p, n, k)| Mutation::LongLine(p, n, k)),
    ]
}

fn line_starts(b: &[u8]) -> Vec<usize> {
    let mut out = vec![0];
    out.extend(
        b.iter()
            .enumerate()
            .filter(|&(i, &c)| c == b'\n' && i + 1 < b.len())
            .map(|(i, _)| i + 1),
    );
    out
}

fn line_span(b: &[u8], p: usize) -> (usize, usize) {
    let starts = line_starts(b);
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
                let mut line = b[s..e].to_vec();
                if line.last() != Some(&b'\n') {
                    line.push(b'\n');
                }
                let rep = line.repeat(*times as usize);
                b.splice(e..e, rep);
            }
            Mutation::HugeNumber(p, i) => {
                let from = if n == 0 { 0 } else { p % n };
                let Some(s) = b[from..].iter().position(u8::is_ascii_digit) else {
                    continue;
                };
                let s = from + s;
                let e = b[s..]
                    .iter()
                    .position(|c| !(c.is_ascii_digit() || b"._eE+-".contains(c)))
                    .map_or(n, |k| s + k);
                b.splice(s..e, HUGE[*i].bytes());
            }
            Mutation::Nest(p, table, depth) => {
                let text = if *table {
                    format!("nest = {}1{}\n", "{a = ".repeat(*depth), "}".repeat(*depth))
                } else {
                    format!("nest = {}1{}\n", "[".repeat(*depth), "]".repeat(*depth))
                };
                let (s, _) = line_span(&b, *p);
                b.splice(s..s, text.into_bytes());
            }
            Mutation::Version(v) => {
                let text = String::from_utf8_lossy(&b).into_owned();
                let line = v.map_or(String::new(), |v| format!("version = {v}"));
                b = text.replacen("version = 1", &line, 1).into_bytes();
            }
            Mutation::InvalidUtf8(p, i) => {
                let at = if n == 0 { 0 } else { p % (n + 1) };
                b.splice(at..at, BAD_UTF8[*i].iter().copied());
            }
            Mutation::LongLine(p, len, kind) => {
                let body = "x".repeat(*len);
                let line = match kind {
                    0 => format!("{body} = 1\n"),
                    1 => format!("long = \"{body}\"\n"),
                    _ => format!("# {body}\n"),
                };
                let (s, _) = line_span(&b, *p);
                b.splice(s..s, line.into_bytes());
            }
        }
    }
    b
}

/// Load, parse and check `bytes` as a profile on a worker thread; a panic or a run longer than
/// the timeout is an error naming what happened.
fn exercise(bytes: Vec<u8>) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.toml");
    std::fs::write(&path, &bytes).unwrap();
    // The template named by the sparse fixture sits beside it.
    let _ = std::fs::copy(
        root().join("tests/fixtures/render/template.toml"),
        dir.path().join("template.toml"),
    );
    let (tx, rx) = mpsc::channel();
    let p = path.clone();
    let start = Instant::now();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(|| run_one(&p, &bytes));
        let _ = tx.send(r.is_ok());
    });
    match rx.recv_timeout(timeout()) {
        Ok(true) => Ok(()),
        Ok(false) => Err("panicked (see the message above)".to_string()),
        Err(_) => Err(format!("hang: not finished after {:?}", start.elapsed())),
    }
}

fn run_one(path: &Path, bytes: &[u8]) {
    let e = env();
    let loaded = ProfileFile::load(path);
    if let Err(err) = &loaded {
        // An error names the file.
        assert!(err.to_string().contains("fuzz.toml"), "{err}");
    }
    let text = String::from_utf8_lossy(bytes);
    let parsed = Profile::from_toml(&text, "fuzz.toml");
    // Both readers agree on valid UTF-8 text.
    if std::str::from_utf8(bytes).is_ok() && bytes.len() as u64 <= migprof::profile::MAX_FILE_BYTES
    {
        assert_eq!(
            loaded.is_ok(),
            parsed.is_ok(),
            "load and from_toml disagree"
        );
    }
    let checked = check_file(&e.catalogue, &e.countries, path);
    if loaded.is_err() {
        assert!(
            !checked.is_ok(),
            "check accepted a profile that does not load"
        );
    }
}

fn run(name: &str, cases: u32, strategy: impl Strategy<Value = Vec<u8>>) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 256,
        ..Config::default()
    });
    let start = Instant::now();
    let r = runner.run(&strategy, |bytes| {
        exercise(bytes).map_err(|e| TestCaseError::fail(e.to_string()))
    });
    eprintln!("{name}: {cases} cases in {:.1?}", start.elapsed());
    if let Err(e) = r {
        panic!("{name}: {e}");
    }
}

#[test]
fn random_bytes_never_panic() {
    run(
        "random_bytes",
        cases(64, 1),
        prop::collection::vec(any::<u8>(), 0..4096),
    );
}

#[test]
fn random_toml_like_text_never_panics() {
    // Text made of TOML punctuation and profile words, so the parser gets past the first byte.
    let token = prop_oneof![
        Just("version = 1\n".to_string()),
        Just("[meta]\n".to_string()),
        Just("[[observation]]\n".to_string()),
        Just("[[source]]\n".to_string()),
        Just("indicator = \"immigrant_stock\"\n".to_string()),
        Just("value = ".to_string()),
        Just("period = \"2019\"\n".to_string()),
        Just("country = \"DEU\"\n".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("\"".to_string()),
        Just("'''".to_string()),
        Just("=".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        "[a-z_.]{1,12}",
        "-?[0-9]{1,25}(\\.[0-9]{0,5})?(e[+-]?[0-9]{1,4})?",
    ];
    run(
        "random_toml",
        cases(64, 1),
        prop::collection::vec(token, 0..200).prop_map(|v| v.concat().into_bytes()),
    );
}

#[test]
fn mutated_profiles_never_panic() {
    let strategy = (
        any::<prop::sample::Index>(),
        prop::collection::vec(mutation(), 1..5),
    )
        .prop_map(|(i, muts)| {
            let s = seeds();
            apply(s[i.index(s.len())].clone(), &muts)
        });
    run("mutated_profiles", cases(160, 1), strategy);
}

#[test]
fn whole_profiles_mutated_never_panic() {
    // The full example profiles (0.2 to 0.6 MB), a few mutations each.
    let strategy = (0..PROFILES.len(), prop::collection::vec(mutation(), 1..3))
        .prop_map(|(i, muts)| apply(whole(PROFILES[i]), &muts));
    // Half a second a case in a debug build: a twentieth of the long run's count.
    run("whole_profiles", cases(6, 20), strategy);
}

#[test]
fn unmutated_profiles_load_and_check() {
    // The seeds themselves: the whole examples load and pass `check` (so the mutations start
    // from valid profiles); their heads load too.
    let e = env();
    for p in PROFILES {
        let path = root().join(p);
        ProfileFile::load(&path).unwrap();
        let c = check_file(&e.catalogue, &e.countries, &path);
        assert!(c.is_ok(), "{p}: {:?}", c.errors);
    }
    for s in seeds() {
        exercise(s.clone()).unwrap();
    }
}
