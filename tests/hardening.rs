//! Hardening (issue 14): no lost update, no file written where it should not be, clean text on
//! terminals and in spreadsheets, no panic on crafted workbooks, bounded work, write errors
//! reported. Each test is one finding of the issue and failed before its fix.

use migprof::profile::{Profile, ProfileError, ProfileFile};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_migprof");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn render_fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/render").join(name)
}

/// The binary with the render fixtures' catalogue.
fn migprof() -> Command {
    let mut c = Command::new(BIN);
    c.arg("--catalogue-dir")
        .arg(render_fixture("catalogue"))
        .env_remove("MIGPROF_CATALOGUE");
    c
}

/// Run a command, killing it after `limit` (a hang is a failure, not a stuck test run).
fn run_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "command did not finish within {limit:?}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A small valid profile on disk (the sparse render fixture, with its template beside it).
fn sparse_profile(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::copy(render_fixture("sparse.toml"), &p).unwrap();
    std::fs::copy(render_fixture("template.toml"), dir.join("template.toml")).unwrap();
    p
}

// ------------------------------------------------------------------------------------------
// 1. Safe saving
// ------------------------------------------------------------------------------------------

#[test]
fn a_stale_copy_is_not_saved_over_an_external_change() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let mut a = ProfileFile::load(&p).unwrap();
    let mut b = ProfileFile::load(&p).unwrap();
    a.profile.meta.title = "saved by A".into();
    a.save().unwrap();
    b.profile.meta.title = "saved by B".into();
    let err = b.save().unwrap_err();
    assert!(
        matches!(err, ProfileError::ChangedOnDisk { .. }),
        "got {err:?}"
    );
    let msg = err.to_string();
    assert!(msg.contains("aus.toml") && msg.contains("reload"), "{msg}");
    // A's change is on disk; B's copy can still be saved after a reload.
    let on_disk = ProfileFile::load(&p).unwrap();
    assert_eq!(on_disk.profile.meta.title, "saved by A");
    // A itself keeps saving (its own save is not an external change).
    a.profile.meta.title = "A again".into();
    a.save().unwrap();
}

#[test]
fn concurrent_writers_cannot_both_save_a_stale_copy() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let n = 6;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let p = p.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                // Each writer loads its own copy, as a separate program would.
                let mut f = ProfileFile::load(&p).unwrap();
                f.profile.meta.title = format!("writer {i}");
                barrier.wait();
                f.save().map(|_| i)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let winners: Vec<usize> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .copied()
        .collect();
    assert_eq!(winners.len(), 1, "exactly one save wins: {results:?}");
    for r in &results {
        if let Err(e) = r {
            assert!(matches!(e, ProfileError::ChangedOnDisk { .. }), "{e:?}");
        }
    }
    let on_disk = ProfileFile::load(&p).unwrap();
    assert_eq!(on_disk.profile.meta.title, format!("writer {}", winners[0]));
}

#[test]
fn two_processes_creating_one_profile_cannot_both_write_it() {
    // Separate programs racing to create the same profile: the lock and the on-disk check let
    // exactly one write it; the others are refused, none overwrites the winner.
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("deu.toml");
    let children: Vec<_> = (0..4)
        .map(|i| {
            Command::new(BIN)
                .args(["new", "--country", "DEU", "--year"])
                .arg((2020 + i).to_string())
                .arg("--out")
                .arg(&p)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let ok: Vec<usize> = (0..outs.len())
        .filter(|&i| outs[i].status.success())
        .collect();
    assert_eq!(
        ok.len(),
        1,
        "{:?}",
        outs.iter().map(|o| text(&o.stderr)).collect::<Vec<_>>()
    );
    for o in &outs {
        if !o.status.success() {
            let e = text(&o.stderr);
            assert!(
                e.contains("already exists") || e.contains("another program created it"),
                "{e}"
            );
        }
    }
    let saved = ProfileFile::load(&p).unwrap();
    assert_eq!(saved.profile.meta.reference_year, 2020 + ok[0] as i32);
}

#[test]
fn a_second_writer_waits_for_the_lock_then_fails_naming_the_file() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    // Another program is saving: it holds the save lock of the profile's folder.
    let lock = migprof::profile::open_lock(d.path()).unwrap();
    lock.lock().unwrap();
    let mut f = ProfileFile::load(&p).unwrap();
    f.profile.meta.title = "blocked".into();
    let start = Instant::now();
    let err = f.save_waiting(Duration::from_millis(300)).unwrap_err();
    assert!(start.elapsed() >= Duration::from_millis(300));
    assert!(matches!(err, ProfileError::Locked { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("aus.toml") && msg.contains("another program is saving"),
        "{msg}"
    );
    // Released: the save goes through.
    lock.unlock().unwrap();
    f.save_waiting(Duration::from_millis(300)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_symlink_planted_at_the_temp_name_is_not_followed() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let victim = d.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // The names an attacker could predict: the old `.<name>.tmp-<pid>` and variants.
    for name in [
        format!(".aus.toml.tmp-{}", std::process::id()),
        ".aus.toml.tmp".to_string(),
        "aus.toml.tmp".to_string(),
        "aus.toml~".to_string(),
    ] {
        std::os::unix::fs::symlink(&victim, d.path().join(name)).unwrap();
    }
    let mut f = ProfileFile::load(&p).unwrap();
    f.profile.meta.title = "changed".into();
    f.save().unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(ProfileFile::load(&p).unwrap().profile.meta.title, "changed");
    // No temporary file is left behind.
    let left: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().unwrap().is_symlink())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") && n.starts_with(".aus.toml."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_updates_its_target() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("real")).unwrap();
    let target = sparse_profile(&d.path().join("real"), "aus.toml");
    let link = d.path().join("link.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut f = ProfileFile::load(&link).unwrap();
    f.profile.meta.title = "through the link".into();
    f.save().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_eq!(
        ProfileFile::load(&target).unwrap().profile.meta.title,
        "through the link"
    );
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    for mode in [0o600, 0o640] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        let mut f = ProfileFile::load(&p).unwrap();
        f.profile.meta.title = format!("mode {mode:o}");
        f.save().unwrap();
        let got = std::fs::metadata(&p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(got, mode, "mode {mode:o} kept");
    }
    // A recovery file is as private as its profile (the TUI autosave writes it this way).
    let rec = d.path().join("aus.recover.toml");
    migprof::profile::atomic_write_like(&rec, b"# x\n", &p).unwrap();
    let got = std::fs::metadata(&rec).unwrap().permissions().mode() & 0o7777;
    assert_eq!(got, 0o640);
}

#[test]
fn the_recovery_file_says_when_its_profile_changed_since() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let mut f = ProfileFile::load(&p).unwrap();
    f.profile.meta.title = "unsaved edit".into();
    let rec = f.recovery_text().unwrap();
    let sha = migprof::profile::sha256_hex(std::fs::read(&p).unwrap().as_slice());
    assert_eq!(migprof::profile::recovery_base(&rec), Some(sha.as_str()));
    // The recovery text is still a profile.
    assert_eq!(
        Profile::from_toml(&rec, "rec").unwrap().meta.title,
        "unsaved edit"
    );
    assert!(!ProfileFile::load(&p).unwrap().recovery_is_stale(&rec));
    // Another program saves the profile: the recovery file is now based on an older version.
    let mut other = ProfileFile::load(&p).unwrap();
    other.profile.meta.title = "saved elsewhere".into();
    other.save().unwrap();
    assert!(ProfileFile::load(&p).unwrap().recovery_is_stale(&rec));
}

// ------------------------------------------------------------------------------------------
// 2. Safe outputs
// ------------------------------------------------------------------------------------------

fn build(profile: &Path, out: &Path) -> Output {
    let mut c = migprof();
    c.arg("build").arg(profile).arg("--out").arg(out);
    run_within(c, Duration::from_secs(300))
}

#[cfg(unix)]
#[test]
fn build_swaps_in_complete_outputs_and_follows_no_planted_symlink() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let out = d.path().join("out");
    let first = build(&p, &out);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let dir = out.join("aus");
    assert!(dir.join("report.html").is_file());
    // A stale chart from an earlier build, and symlinks planted inside the output folder.
    let stale = dir.join("charts/figure-99.svg");
    std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
    std::fs::write(&stale, "<svg/>").unwrap();
    let victim = d.path().join("victim.html");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::remove_file(dir.join("report.html")).unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("report.html")).unwrap();
    let victim_dir = d.path().join("victim_dir");
    std::fs::create_dir(&victim_dir).unwrap();
    std::fs::write(victim_dir.join("keep.txt"), "keep").unwrap();
    std::fs::remove_dir_all(dir.join("data")).unwrap();
    std::os::unix::fs::symlink(&victim_dir, dir.join("data")).unwrap();

    let second = build(&p, &out);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(
        std::fs::read_dir(&victim_dir).unwrap().count(),
        1,
        "nothing written into the symlinked folder"
    );
    assert!(!stale.exists(), "stale chart removed");
    let meta = std::fs::symlink_metadata(dir.join("report.html")).unwrap();
    assert!(meta.file_type().is_file(), "report.html is a new file");
    assert!(
        std::fs::read_to_string(dir.join("report.html"))
            .unwrap()
            .contains("<html")
    );
    assert!(dir.join("data/observations.csv").is_file());
    // Nothing but the published folder is left in --out.
    let names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("aus")]);
}

#[test]
fn export_replaces_only_the_data_folder() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let out = d.path().join("out");
    assert!(build(&p, &out).status.success());
    let dir = out.join("aus");
    let report = std::fs::read(dir.join("report.html")).unwrap();
    std::fs::write(dir.join("data/stale.csv"), "old").unwrap();
    let mut c = migprof();
    c.arg("export").arg(&p).arg("--out").arg(&out);
    let o = run_within(c, Duration::from_secs(120));
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(std::fs::read(dir.join("report.html")).unwrap(), report);
    assert!(!dir.join("data/stale.csv").exists());
    assert!(text(&o.stdout).contains(&dir.join("data/observations.csv").display().to_string()));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // `charts` holds the locator map of the Markdown report (the sparse profile draws no chart).
    let mut want = vec!["charts", "data", "report.docx", "report.html", "report.md"];
    if cfg!(feature = "pdf") {
        want.push("report.pdf");
    }
    assert_eq!(names, want);
}

#[test]
fn a_failed_build_leaves_the_old_outputs() {
    use migprof::render::{BuildReport, RenderError, publish::publish};
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let out = d.path().join("out");
    assert!(build(&p, &out).status.success());
    let dir = out.join("aus");
    let before = std::fs::read(dir.join("report.html")).unwrap();
    let csv_before = std::fs::read(dir.join("data/observations.csv")).unwrap();
    // A build that writes part of its files and then fails (as on a full disk).
    let r = publish(&dir, None, |stage| -> Result<BuildReport, RenderError> {
        std::fs::write(stage.join("report.html"), "trunc").unwrap();
        std::fs::create_dir(stage.join("data")).unwrap();
        std::fs::write(stage.join("data/observations.csv"), "indicator,").unwrap();
        Err(RenderError::Other("No space left on device".into()))
    });
    assert!(r.is_err());
    assert_eq!(std::fs::read(dir.join("report.html")).unwrap(), before);
    assert_eq!(
        std::fs::read(dir.join("data/observations.csv")).unwrap(),
        csv_before
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "no staging left"
    );
    // Through the CLI: a profile that fails to build leaves the earlier outputs.
    let text_before = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        text_before.replacen("value = 158000", "value = 1.7e308", 1),
    )
    .unwrap();
    let failed = build(&p, &out);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(std::fs::read(dir.join("report.html")).unwrap(), before);
}

// ------------------------------------------------------------------------------------------
// 3. Clean text
// ------------------------------------------------------------------------------------------

const OSC_TITLE: &str = "\u{1b}]0;pwned\u{7}";
const CLEAR: &str = "\u{1b}[2J";
const RLO: &str = "\u{202e}";

fn no_raw_controls(what: &str, s: &str) {
    for (bad, name) in [
        ('\u{1b}', "ESC"),
        ('\u{7}', "BEL"),
        ('\u{202e}', "U+202E"),
        ('\u{9b}', "CSI"),
    ] {
        assert!(!s.contains(bad), "{what}: raw {name} in {s:?}");
    }
}

/// A render fixture profile (`sparse.toml`, or `destination.toml` which has charts) as
/// `aus.toml`, with hostile title, narrative, footnote, source and action text.
fn hostile_profile(dir: &Path, base: &str) -> PathBuf {
    let p = sparse_profile(dir, "aus.toml");
    std::fs::copy(render_fixture(base), &p).unwrap();
    let mut f = ProfileFile::load(&p).unwrap();
    let pr = &mut f.profile;
    pr.meta.title = format!("Title{OSC_TITLE}{CLEAR}{RLO}=HYPERLINK(\"http://x\")");
    pr.narrative
        .insert("A.2".into(), format!("Narrative {OSC_TITLE}{CLEAR}"));
    pr.observations[0].footnote = Some(format!("\t=cmd|' /C calc'!A0 {OSC_TITLE}"));
    pr.sources[0].dataset = format!("WDI{OSC_TITLE}{RLO}");
    pr.sources[0].citation = Some("\r=1+1".into());
    pr.actions.push(migprof::profile::ActionItem {
        indicator: "imm_stock".into(),
        action: "=HYPERLINK(\"http://evil\",\"click\")".into(),
        responsible: "+cmd|' /C calc'!A0".into(),
        priority: "high".into(),
        timeframe: format!("@SUM(A1){CLEAR}"),
        providers: Vec::new(),
        generated: false,
        ..Default::default()
    });
    f.save().unwrap();
    p
}

#[test]
fn check_escapes_hostile_profile_text() {
    let d = tempfile::tempdir().unwrap();
    let p = hostile_profile(d.path(), "sparse.toml");
    // Quoted back in a message: an unknown module named with escape sequences.
    let t = std::fs::read_to_string(&p).unwrap();
    let t = t.replacen(
        "\"A.2\",",
        "\"\\u001b]0;pwned\\u0007\\u001b[2J\\u202e\",",
        1,
    );
    std::fs::write(&p, t).unwrap();
    let mut c = migprof();
    c.arg("check").arg(&p);
    let out = run_within(c, Duration::from_secs(60));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("\\e]0;pwned\\x07"), "shown escaped: {err}");
    no_raw_controls("check stderr", &err);
    no_raw_controls("check stdout", &text(&out.stdout));
}

#[test]
fn gaps_escapes_hostile_text_and_neutralises_csv_formulas() {
    let d = tempfile::tempdir().unwrap();
    let p = hostile_profile(d.path(), "sparse.toml");
    for format in ["md", "csv", "json"] {
        let mut c = migprof();
        c.arg("gaps").arg(&p).arg("--format").arg(format);
        let out = run_within(c, Duration::from_secs(60));
        let s = text(&out.stdout);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        no_raw_controls(&format!("gaps --format {format}"), &s);
        if format == "md" {
            assert!(s.contains("Title\\e]0;pwned\\x07\\e[2J\\u{202e}"), "{s}");
        }
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&s).unwrap();
            assert_eq!(v["actions"][0]["timeframe"], format!("@SUM(A1){CLEAR}"));
        }
        if format == "csv" {
            let mut r = csv::Reader::from_reader(s.as_bytes());
            let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
            let action = rows.iter().find(|r| &r[0] == "action").unwrap();
            assert_eq!(&action[6], "'=HYPERLINK(\"http://evil\",\"click\")");
            assert_eq!(&action[7], "'+cmd|' /C calc'!A0");
            assert_eq!(&action[9], "'@SUM(A1)\\e[2J");
        }
    }
}

#[test]
fn new_and_catalogue_escape_hostile_text() {
    let d = tempfile::tempdir().unwrap();
    let mut c = Command::new(BIN);
    c.arg("new")
        .arg("--country")
        .arg(format!("X{OSC_TITLE}{CLEAR}{RLO}"))
        .arg("--out")
        .arg(d.path().join("x.toml"));
    let out = run_within(c, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("unknown country `X\\e]0;pwned\\x07"), "{err}");
    no_raw_controls("new", &err);

    // A catalogue folder whose registry carries hostile names and licences.
    let cat = d.path().join("cat");
    std::fs::create_dir(&cat).unwrap();
    let registry = std::fs::read_to_string(root().join("indicators/registry.toml")).unwrap();
    let hostile = registry.replacen(
        "name = \"National statistics office: population and housing census\"",
        "name = \"NSO\\u001b]0;pwned\\u0007\\u202e\"\nlicence = \"=HYPERLINK(1)\\u001b[2J\"",
        1,
    );
    let hostile = hostile.replacen(
        "licence = \"National terms of use: varies by country (many statistics offices use CC BY 4.0 or a national open licence); check before publishing.\"\n",
        "",
        1,
    );
    assert_ne!(hostile, registry);
    std::fs::write(cat.join("registry.toml"), hostile).unwrap();
    for json in [false, true] {
        let mut c = Command::new(BIN);
        c.arg("--catalogue-dir")
            .arg(&cat)
            .arg("catalogue")
            .arg("--family")
            .arg("government");
        if json {
            c.arg("--json");
        }
        let out = run_within(c, Duration::from_secs(60));
        let s = text(&out.stdout);
        assert!(out.status.success(), "{}", text(&out.stderr));
        no_raw_controls("catalogue", &s);
        if json {
            let v: serde_json::Value = serde_json::from_str(&s).unwrap();
            assert_eq!(v[0]["name"], "NSO\u{1b}]0;pwned\u{7}\u{202e}");
        } else {
            assert!(s.contains("NSO\\e]0;pwned\\x07\\u{202e}"), "{s}");
        }
    }
}

#[test]
fn build_escapes_paths_and_bundle_and_svg_are_clean() {
    let d = tempfile::tempdir().unwrap();
    let p = hostile_profile(d.path(), "destination.toml");
    // A profile path with escape sequences in its name, reported as missing.
    let mut c = migprof();
    c.arg("build")
        .arg(d.path().join(format!("x{CLEAR}{OSC_TITLE}.toml")))
        .arg("--out")
        .arg(d.path().join("o1"));
    let out = run_within(c, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(1));
    no_raw_controls("build stderr", &text(&out.stderr));
    assert!(text(&out.stderr).contains("x\\e[2J\\e]0;pwned\\x07.toml"));

    let out_dir = d.path().join("out");
    let built = build(&p, &out_dir);
    assert!(built.status.success(), "{}", text(&built.stderr));
    no_raw_controls("build stdout", &text(&built.stdout));
    let dir = out_dir.join("aus");
    // The bundle: formula-like text, TAB and CR starts neutralised.
    let obs = std::fs::read_to_string(dir.join("data/observations.csv")).unwrap();
    let mut r = csv::Reader::from_reader(obs.as_bytes());
    let header = r.headers().unwrap().clone();
    let fi = header.iter().position(|h| h == "footnote").unwrap();
    let foot: Vec<String> = r
        .records()
        .map(|x| x.unwrap()[fi].to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert!(foot.iter().any(|f| f.starts_with("'\t=cmd")), "{foot:?}");
    for f in &foot {
        assert!(!f.starts_with(['=', '+', '-', '@', '\t', '\r']), "{f:?}");
    }
    let src = std::fs::read_to_string(dir.join("data/sources.csv")).unwrap();
    let mut r = csv::Reader::from_reader(src.as_bytes());
    let header = r.headers().unwrap().clone();
    let ci = header.iter().position(|h| h == "citation").unwrap();
    let cites: Vec<String> = r.records().map(|x| x.unwrap()[ci].to_string()).collect();
    assert!(cites.iter().any(|c| c == "'\r=1+1"), "{cites:?}");
    // Standalone SVG charts stay well-formed XML: no C0 control characters, no bidi override.
    let charts: Vec<PathBuf> = std::fs::read_dir(dir.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    assert!(!charts.is_empty());
    for c in charts {
        let s = std::fs::read_to_string(&c).unwrap();
        assert!(
            !s.chars()
                .any(|ch| (ch < ' ' && !"\t\n\r".contains(ch)) || ch == '\u{202e}'),
            "{}",
            c.display()
        );
    }
}

// ------------------------------------------------------------------------------------------
// 4. No panic, bounded work
// ------------------------------------------------------------------------------------------

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// A minimal xlsx with one sheet "Table 1" (a UN DESA IMS sheet name the catalogue maps).
fn xlsx(path: &Path, sheet: &str, shared: Option<&str>) {
    use zip::write::SimpleFileOptions;
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opt = SimpleFileOptions::default();
    let shared_override = if shared.is_some() {
        r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
    } else {
        ""
    };
    let parts: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{shared_override}</Types>"#
            ),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Table 1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{}</Relationships>"#,
                if shared.is_some() {
                    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
                } else {
                    ""
                }
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{sheet}</sheetData></worksheet>"#
            ),
        ),
    ];
    for (name, body) in parts {
        z.start_file(name, opt).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    if let Some(s) = shared {
        z.start_file("xl/sharedStrings.xml", opt).unwrap();
        z.write_all(
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">{s}</sst>"#)
                .as_bytes(),
        )
        .unwrap();
    }
    z.finish().unwrap();
}

/// The crafted workbooks of the issue (and a dimension-only variant): (name, expected words of the error).
fn crafted(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let a = dir.join("no-shared-strings.xlsx");
    xlsx(&a, r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, None);
    let b = dir.join("shared-index-out-of-range.xlsx");
    xlsx(
        &b,
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>"#,
        Some("<si><t>Region</t></si>"),
    );
    let c = dir.join("cell-at-xfd1048576.xlsx");
    xlsx(
        &c,
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
        Some("<si><t>Region</t></si>"),
    );
    let e = dir.join("dimension-a1-xfd1048576.xlsx");
    xlsx(
        &e,
        r#"</sheetData><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>"#,
        Some("<si><t>Region</t></si>"),
    );
    // A sheet that decompresses to more than 64 MiB (of blanks, so it compresses to ~70 KB).
    let f = dir.join("zip-bomb.xlsx");
    let blanks = " ".repeat(65 * 1024 * 1024);
    xlsx(&f, &blanks, Some("<si><t>Region</t></si>"));
    vec![
        (a, "no sharedStrings.xml"),
        (b, "refers to shared string 7, but the workbook has only 1"),
        (c, "cells span more than 4000000 cells (up to XFD1048576)"),
        (e, "its dimension A1:XFD1048576 spans 17179869184 cells"),
        (f, "decompresses to more than 67108864 bytes"),
    ]
}

#[test]
fn crafted_xlsx_files_are_refused_without_a_panic() {
    use migprof::catalogue::Catalogue;
    use migprof::country::Countries;
    use migprof::ingest::{Context, Format, import};
    let d = tempfile::tempdir().unwrap();
    let catalogue = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let ctx = Context {
        catalogue: &catalogue,
        countries: &countries,
        country: Some("DEU"),
        include_aggregates: false,
        mapping: None,
    };
    for (path, why) in crafted(d.path()) {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            import(&path, Some(Format::UndesaIms), &ctx)
        }));
        let err = match r {
            Ok(Ok(_)) => panic!("{} imported", path.display()),
            Ok(Err(e)) => e.to_string(),
            Err(_) => panic!("{} panicked", path.display()),
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(err.contains(&name), "names the file: {err}");
        assert!(err.contains(why), "{err}");
    }
}

#[test]
fn raw_calamine_panics_on_the_first_two_crafted_workbooks() {
    // Why the guard exists: calamine itself panics on these (index out of bounds).
    use calamine::Reader;
    let d = tempfile::tempdir().unwrap();
    let mut panicked = 0;
    for (path, _) in crafted(d.path()).into_iter().take(2) {
        let r = std::panic::catch_unwind(|| {
            let mut wb = calamine::open_workbook_auto(&path).ok()?;
            wb.worksheet_range("Table 1").ok().map(|r| r.get_size())
        });
        if r.is_err() {
            panicked += 1;
        }
    }
    assert!(
        panicked >= 1,
        "calamine no longer panics: the guard may be simplified"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn crafted_xlsx_imports_fail_cleanly_under_a_1_gb_memory_limit() {
    let d = tempfile::tempdir().unwrap();
    for (path, why) in crafted(d.path()) {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg("ulimit -v 1000000 && exec \"$0\" \"$@\"")
            .arg(BIN)
            .arg("import")
            .arg(&path)
            .arg("--format")
            .arg("undesa_ims")
            .arg("--country")
            .arg("DEU")
            .env_remove("MIGPROF_CATALOGUE");
        let out = run_within(c, Duration::from_secs(60));
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", path.display());
        assert!(err.contains(why), "{err}");
        assert!(
            !err.contains("panicked") && !err.contains("memory allocation"),
            "{err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_huge_files_are_refused_as_profiles_and_templates() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("fifo.toml");
    let st = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(st.success());
    let huge = d.path().join("huge.toml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(migprof::profile::MAX_FILE_BYTES + 1)
        .unwrap();
    for (path, why) in [
        (fifo.clone(), "not a regular file (a FIFO)"),
        (
            PathBuf::from("/dev/zero"),
            "not a regular file (a character device)",
        ),
        (huge, "over the limit"),
    ] {
        let e = ProfileFile::load(&path).unwrap_err().to_string();
        assert!(e.contains(why), "{e}");
        for cmd in ["check", "gaps", "build"] {
            let mut c = migprof();
            c.arg(cmd).arg(&path).current_dir(d.path());
            let out = run_within(c, Duration::from_secs(30));
            let err = text(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{cmd} {}: {err}",
                path.display()
            );
            assert!(err.contains(why), "{cmd}: {err}");
        }
    }
    // A template that is a FIFO or a device: refused, not read (no hang).
    let p = sparse_profile(d.path(), "aus.toml");
    for template in [fifo.display().to_string(), "/dev/zero".to_string()] {
        let t = std::fs::read_to_string(&p).unwrap().replace(
            "template = \"template.toml\"",
            &format!("template = {template:?}"),
        );
        std::fs::write(&p, t).unwrap();
        for cmd in ["check", "build"] {
            let mut c = migprof();
            c.arg(cmd).arg(&p).arg("--out").arg(d.path().join("o"));
            if cmd == "check" {
                c = migprof();
                c.arg(cmd).arg(&p);
            }
            let out = run_within(c, Duration::from_secs(30));
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
            assert!(err.contains("not a regular file"), "{cmd}: {err}");
        }
    }
}

#[test]
fn magnitudes_no_statistic_can_have_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let t = std::fs::read_to_string(&p).unwrap();
    // sparse.toml line 27: `value = 158000` of net_migration 2020.
    std::fs::write(&p, t.replacen("value = 158000", "value = 1.7e308", 1)).unwrap();
    let mut c = migprof();
    c.arg("check").arg(&p);
    let out = run_within(c, Duration::from_secs(60));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("aus.toml:27:9: error: value 1.7e308 of `net_migration` 2020 is beyond any migration statistic"),
        "{err}"
    );
    let built = build(&p, &d.path().join("out"));
    assert_eq!(built.status.code(), Some(1));
    assert!(
        text(&built.stderr).contains("1.7e308"),
        "{}",
        text(&built.stderr)
    );
}

#[test]
fn jobs_are_capped_at_four_per_core() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(migprof::cli::jobs(Some(10_000)), cores * 4);
    assert_eq!(migprof::cli::jobs(Some(0)), 1);
    assert_eq!(migprof::cli::jobs(None), cores);
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let mut c = migprof();
    c.arg("build")
        .arg(&p)
        .arg("-j")
        .arg("10000")
        .arg("--out")
        .arg(d.path().join("out"));
    let out = run_within(c, Duration::from_secs(300));
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_ends_the_command_with_exit_1_and_a_message() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    // The fixture's manual source has its citation, so `check` passes and prints `ok`.
    assert!(std::fs::read_to_string(&p).unwrap().contains("citation = "));
    for args in [
        vec!["check".to_string(), p.display().to_string()],
        vec!["gaps".to_string(), p.display().to_string()],
        vec![
            "build".to_string(),
            p.display().to_string(),
            "--out".to_string(),
            d.path().join("out").display().to_string(),
        ],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = migprof()
            .args(&args)
            .stdin(Stdio::null())
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("writing to standard output"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn unknown_or_missing_profile_versions_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let t = std::fs::read_to_string(&p).unwrap();
    // sparse.toml line 2: `version = 1`.
    std::fs::write(&p, t.replacen("version = 1", "version = 3", 1)).unwrap();
    let mut c = migprof();
    c.arg("check").arg(&p);
    let out = run_within(c, Duration::from_secs(60));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains(
            "aus.toml:2:11: error: unsupported profile `version = 3`: this build reads versions 1 to 2"
        ),
        "{err}"
    );
    std::fs::write(&p, t.replacen("version = 1\n", "", 1)).unwrap();
    let e = ProfileFile::load(&p).unwrap_err().to_string();
    assert!(e.contains("missing field `version`"), "{e}");
}

#[test]
fn invalid_utf8_is_reported_with_line_and_column() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let t = std::fs::read_to_string(&p).unwrap();
    // Line 7 is `title = "Migration Profile: sparse test fixture"`; the byte 0xFF replaces the
    // `M` at column 10.
    let mut bytes = t.into_bytes();
    let at = std::str::from_utf8(&bytes)
        .unwrap()
        .find("\"Migration Profile: sparse")
        .unwrap()
        + 1;
    bytes[at] = 0xFF;
    std::fs::write(&p, bytes).unwrap();
    let mut c = migprof();
    c.arg("check").arg(&p);
    let out = run_within(c, Duration::from_secs(60));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("aus.toml:7:10: error: the file is not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn a_missing_catalogue_dir_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let p = sparse_profile(d.path(), "aus.toml");
    let mut c = Command::new(BIN);
    c.arg("--catalogue-dir")
        .arg("/nonexistent/catalogue")
        .arg("check")
        .arg(&p);
    let out = run_within(c, Duration::from_secs(60));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("--catalogue-dir /nonexistent/catalogue: No such file or directory"),
        "{err}"
    );
}

mod xlsx_fuzz {
    use super::*;
    use migprof::catalogue::Catalogue;
    use migprof::country::Countries;
    use migprof::ingest::{Context, Format, import};
    use proptest::prelude::*;

    fn cell() -> impl Strategy<Value = String> {
        (
            prop_oneof![1u32..40, Just(1_048_576u32)],
            prop_oneof![0usize..20, Just(16_383usize)],
            any::<bool>(),
            0u32..6,
            any::<bool>(),
        )
            .prop_map(|(row, col, shared, v, with_ref)| {
                let mut letters = String::new();
                let mut c = col + 1;
                while c > 0 {
                    letters.insert(0, (b'A' + ((c - 1) % 26) as u8) as char);
                    c = (c - 1) / 26;
                }
                let r = if with_ref {
                    format!(r#" r="{letters}{row}""#)
                } else {
                    String::new()
                };
                let t = if shared { r#" t="s""# } else { "" };
                format!("<c{r}{t}><v>{v}</v></c>")
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: std::env::var("MIGPROF_XLSX_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(150), .. ProptestConfig::default() })]

        /// Random workbooks (cells anywhere, shared-string references in and out of range, with
        /// and without a shared-strings part): the check catches every case calamine would
        /// panic on, so no import reaches the panic guard.
        #[test]
        fn random_workbooks_never_reach_a_calamine_panic(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..6), 0..6),
            shared in proptest::option::of(0usize..4),
        ) {
            let d = tempfile::tempdir().unwrap();
            let path = d.path().join("fuzz.xlsx");
            let sheet: String = rows
                .iter()
                .map(|cells| format!("<row>{}</row>", cells.concat()))
                .collect();
            let sst = shared.map(|n| "<si><t>Region, development group</t></si>".repeat(n));
            xlsx(&path, &sheet, sst.as_deref());
            let catalogue = Catalogue::embedded().unwrap();
            let countries = Countries::embedded().unwrap();
            let ctx = Context {
                catalogue: &catalogue,
                countries: &countries,
                country: Some("DEU"),
                include_aggregates: false,
                mapping: None,
            };
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                import(&path, Some(Format::UndesaIms), &ctx)
            }));
            prop_assert!(r.is_ok(), "panicked");
            if let Ok(Err(e)) = r {
                let e = e.to_string();
                prop_assert!(!e.contains("the xlsx reader failed"), "{}", e);
            }
        }
    }
}
