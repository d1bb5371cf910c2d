//! End-to-end tests of the real binary in tmux at 80x24: the guided walk from a new profile to a
//! built report, and a panic inside the event loop leaving the terminal in cooked mode.
//!
//! Without tmux these tests skip with a printed reason, except under CI (`CI` set), where a
//! missing tmux is a failure (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_migprof");

struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    /// Start `cmd` (a shell command) in a detached 80x24 session; `None` when tmux is missing.
    fn start(name: &str, cwd: &Path, cmd: &str) -> Option<Tmux> {
        let have = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !have {
            if std::env::var_os("CI").is_some() {
                panic!("tmux is missing and CI is set: install tmux (apt-get install -y tmux)");
            }
            eprintln!("skipping: tmux is not installed (apt-get install -y tmux)");
            return None;
        }
        let t = Tmux {
            socket: format!("migprof-test-{}-{name}", std::process::id()),
            session: name.to_string(),
        };
        let st = Command::new("tmux")
            .args(["-L", &t.socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-s", &t.session, "-x", "80", "-y", "24", "-c"])
            .arg(cwd)
            .arg(cmd)
            .status()
            .expect("run tmux");
        assert!(st.success(), "tmux new-session failed");
        Some(t)
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", &self.session, k]);
            std::thread::sleep(Duration::from_millis(120));
        }
    }

    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", &self.session, "-l", "--", text]);
        std::thread::sleep(Duration::from_millis(200));
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.session])
    }

    /// Wait until the screen shows one of `needles`; returns the screen. The limit is three
    /// times `secs`: a loaded machine (the whole suite runs these tests side by side on two
    /// cores) draws late, and waiting longer only slows a test that fails anyway.
    fn wait_any(&self, needles: &[&str], secs: u64) -> String {
        let end = Instant::now() + Duration::from_secs(secs * 3);
        loop {
            let s = self.screen();
            if needles.iter().any(|n| s.contains(n)) {
                return s;
            }
            if Instant::now() > end {
                panic!("timed out waiting for {needles:?}; the screen is:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn wait(&self, needle: &str, secs: u64) -> String {
        self.wait_any(&[needle], secs)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// A folder with `profiles/<iso3>.toml` made by `migprof new` for each country (reference year
/// 2024).
fn new_profiles(countries: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("profiles")).expect("mkdir");
    for c in countries {
        let st = Command::new(BIN)
            .args(["new", "--country", c, "--year", "2024", "--out"])
            .arg(format!("profiles/{}.toml", c.to_lowercase()))
            .current_dir(dir.path())
            .status()
            .expect("new");
        assert!(st.success());
    }
    dir
}

fn wait_file(path: &Path, secs: u64) -> String {
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        if let Ok(s) = std::fs::read_to_string(path)
            && !s.is_empty()
        {
            return s;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{} was not written", path.display());
}

#[test]
fn panic_in_the_event_loop_leaves_the_terminal_cooked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let stty = dir.path().join("stty.txt");
    let cmd = format!(
        "MIGPROF_TUI_TEST_PANIC=1 '{BIN}'; echo exit=$? > '{d}/exit.txt'; stty -a > '{s}' 2>&1; sleep 30",
        d = dir.path().display(),
        s = stty.display()
    );
    let Some(t) = Tmux::start("panic", dir.path(), &cmd) else {
        return;
    };
    let modes = wait_file(&stty, 15);
    let exit = wait_file(&dir.path().join("exit.txt"), 5);
    assert!(exit.trim() != "exit=0", "a panic must not exit 0: {exit}");
    let words: Vec<&str> = modes.split_whitespace().collect();
    for m in ["icanon", "echo", "icrnl", "opost"] {
        assert!(
            words.contains(&m),
            "`{m}` is not set after the panic: the terminal was left raw:\n{modes}"
        );
    }
    let screen = t.screen();
    assert!(
        screen.contains("test panic inside the event loop"),
        "the panic message must be readable on the main screen:\n{screen}"
    );
    assert_eq!(
        t.tmux(&["display-message", "-p", "-t", "panic", "#{alternate_on}"])
            .trim(),
        "0",
        "the alternate screen must be left"
    );
}

/// The guided walk: new profile, import a real file, look at an indicator, write a narrative
/// line, save, build, quit; then `migprof check` passes and the report exists.
#[test]
fn guided_walk_from_new_profile_to_report() {
    let Some(data) =
        migprof::testdata::shared_data("worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let cmd = format!("'{BIN}'; echo MIGPROF-EXITED=$?; sleep 30");
    let Some(t) = Tmux::start("walk", dir.path(), &cmd) else {
        return;
    };
    t.wait("New profile", 10);
    // New profile: country picker, reference year, modules.
    t.keys(&["n"]);
    t.wait("1/3 Country", 5);
    t.type_text("germany");
    t.wait("DEU Germany", 5);
    t.keys(&["Enter"]);
    t.wait("2/3 Reference year", 5);
    t.keys(&["C-u"]);
    t.type_text("2023");
    t.keys(&["Enter"]);
    t.wait("3/3", 5);
    t.keys(&["Enter"]);
    t.wait("deu.toml*", 10);

    // Sources: add the World Bank file.
    t.keys(&["a"]);
    t.wait("Add a provider file", 5);
    t.type_text(&data.display().to_string());
    t.keys(&["Enter"]);
    let s = t.wait_any(&["Preview before import", "not implemented", "! "], 60);
    let imported = !s.contains("not implemented");
    if imported {
        assert!(s.contains("Preview before import"), "no preview:\n{s}");
        assert!(
            s.contains("net_migration"),
            "the preview lists the indicator:\n{s}"
        );
        t.keys(&["y"]);
        t.wait("Imported", 30);
    } else {
        // Until the importers land: walk on with a manual value, and fail under CI.
        eprintln!("the World Bank importer is not implemented yet: adding a manual value instead");
        t.keys(&["Escape", "m"]);
        t.wait("Manual value", 5);
        t.keys(&["BTab", "BTab", "C-u"]);
        t.type_text("net_migration");
        t.keys(&["Tab", "Tab"]);
        t.type_text("-100000");
        t.keys(&["Tab"]);
        t.type_text("world_bank_wdi");
        t.keys(&["Tab"]);
        t.type_text("World Bank, WDI, SM.POP.NETM (2023)");
        t.keys(&["Enter"]);
        t.wait("Added net_migration", 5);
    }

    // Indicators: the net migration detail.
    t.keys(&["3"]);
    t.wait("Key statistics", 5);
    let mut s = String::new();
    for _ in 0..30 {
        s = t.screen();
        // The list names the indicator; the detail pane under it has its name as heading.
        let selected = s
            .lines()
            .any(|l| l.starts_with('>') && l.trim_end().ends_with(" Net migration"));
        if selected && s.contains("Net migration  ") {
            break;
        }
        t.keys(&["j"]);
    }
    assert!(s.contains("Net migration"), "indicator detail:\n{s}");
    assert!(s.contains("world_bank"), "values per source:\n{s}");

    // Narrative: one line in the first section.
    t.keys(&["4"]);
    t.wait("Key statistics", 5);
    t.keys(&["e"]);
    t.wait("Editing", 5);
    t.type_text("Germany is a country of destination.");
    t.keys(&["Escape", "C-s"]);
    t.wait("Saved profiles/deu.toml", 10);

    // Build.
    t.keys(&["6"]);
    t.wait("Build the report", 5);
    t.keys(&["b"]);
    let s = t.wait_any(&["Done:", "Build failed"], 120);
    let built = s.contains("Done:");
    if !built {
        eprintln!("the build failed (rendering may not be implemented yet):\n{s}");
    }
    t.keys(&["q"]);
    t.wait("MIGPROF-EXITED=0", 10);

    let profile = dir.path().join("profiles/deu.toml");
    let text = std::fs::read_to_string(&profile).expect("saved profile");
    assert!(text.contains("Germany is a country of destination."));
    assert!(
        !imported || text.contains("sha256"),
        "the imported source records its sha256"
    );
    let check = Command::new(BIN)
        .arg("check")
        .arg(&profile)
        .current_dir(dir.path())
        .output()
        .expect("run check");
    assert!(
        check.status.success(),
        "migprof check failed:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        !dir.path().join("profiles/deu.recover.toml").exists(),
        "the recovery file is removed after saving"
    );
    if !imported && std::env::var_os("CI").is_some() {
        panic!("the World Bank importer is not implemented (CI is set)");
    }
    if built {
        let out = dir.path().join("out/deu");
        let html = find_ext(&out, "html");
        assert!(!html.is_empty(), "no HTML report in {}", out.display());
    } else if std::env::var_os("CI").is_some() {
        panic!("the build failed under CI:\n{s}");
    }
}

fn find_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(find_ext(&p, ext));
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out
}

/// A dropped line (SIGHUP) while typing in the narrative editor: the typed text is written to
/// the recovery file, the process exits, and the next session offers it back.
#[test]
fn sighup_while_typing_keeps_the_text_for_the_next_session() {
    let dir = new_profiles(&["KEN"]);
    // `exec`: the pane's process is migprof itself, so the signal reaches it.
    let cmd = format!("exec '{BIN}' tui profiles/ken.toml");
    let Some(t) = Tmux::start("hup", dir.path(), &cmd) else {
        return;
    };
    t.wait("ken.toml", 10);
    t.keys(&["4"]);
    t.wait("Key statistics", 5);
    t.keys(&["e"]);
    t.wait("Editing", 5);
    t.type_text("Typed just before the line dropped.");
    let pid = t
        .tmux(&["display-message", "-p", "-t", "hup", "#{pane_pid}"])
        .trim()
        .to_string();
    let st = Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .expect("kill");
    assert!(st.success());
    let rec = dir.path().join("profiles/ken.recover.toml");
    let text = wait_file(&rec, 10);
    assert!(
        text.contains("Typed just before the line dropped."),
        "the editor's text is in the recovery file:\n{text}"
    );
    // The saved profile is untouched; the next session offers the text back.
    let saved = std::fs::read_to_string(dir.path().join("profiles/ken.toml")).expect("saved");
    assert!(!saved.contains("Typed just before"));
    drop(t);
    let cmd = format!("'{BIN}' tui profiles/ken.toml; echo MIGPROF-EXITED=$?; sleep 30");
    let Some(t) = Tmux::start("hup2", dir.path(), &cmd) else {
        return;
    };
    let s = t.wait("Recovered changes", 10);
    assert!(s.contains("last made"), "the offer says when:\n{s}");
    t.keys(&["y"]);
    t.wait("Restored", 5);
    t.keys(&["C-s"]);
    t.wait("Saved", 10);
    t.keys(&["q"]);
    t.wait("MIGPROF-EXITED=0", 10);
    let saved = std::fs::read_to_string(dir.path().join("profiles/ken.toml")).expect("saved");
    assert!(saved.contains("Typed just before the line dropped."));
}

/// Leaving a profile with unsaved changes for another asks first.
#[test]
fn opening_another_profile_with_unsaved_changes_asks() {
    let dir = new_profiles(&["KEN", "UGA"]);
    let cmd = format!("'{BIN}' tui profiles/ken.toml; echo MIGPROF-EXITED=$?; sleep 30");
    let Some(t) = Tmux::start("leave", dir.path(), &cmd) else {
        return;
    };
    t.wait("ken.toml", 10);
    t.keys(&["4", "e"]);
    t.wait("Editing", 5);
    t.type_text("Draft sentence.");
    t.keys(&["Escape"]);
    t.wait("ken.toml*", 5);
    t.keys(&["1"]);
    let s = t.wait("uga.toml", 5);
    // Move to the Uganda line and open it.
    let mut s = s;
    for _ in 0..5 {
        if s.lines()
            .any(|l| l.starts_with('>') && l.contains("uga.toml"))
        {
            break;
        }
        t.keys(&["j"]);
        s = t.screen();
    }
    t.keys(&["Enter"]);
    let s = t.wait("Unsaved changes", 5);
    assert!(
        s.contains("Save this profile before opening uga.toml"),
        "{s}"
    );
    t.keys(&["Escape"]);
    t.wait("ken.toml*", 5);
    t.keys(&["Enter"]);
    t.wait("Unsaved changes", 5);
    t.keys(&["y"]);
    t.wait("uga.toml", 10);
    t.keys(&["q"]);
    t.wait("MIGPROF-EXITED=0", 10);
    let ken = std::fs::read_to_string(dir.path().join("profiles/ken.toml")).expect("ken");
    assert!(ken.contains("Draft sentence."), "saved before leaving");
}

/// 60x20, the compact layout, as a new user: the Narrative screen, a bracketed paste into the
/// editor (its `q` and newline typed as text, not run as keys), the text wrapped at words.
#[test]
fn compact_60x20_and_bracketed_paste_into_the_editor() {
    let dir = new_profiles(&["KEN"]);
    let cmd = format!("exec '{BIN}' tui profiles/ken.toml");
    let Some(t) = Tmux::start("paste", dir.path(), &cmd) else {
        return;
    };
    t.tmux(&["resize-window", "-t", "paste", "-x", "60", "-y", "20"]);
    t.wait("ken.toml", 10);
    // The compact header, with no key pressed: a resize made while migprof was starting is
    // taken in (it was lost on a loaded machine, the screen drawn at 80x24 until a key).
    t.wait("migprof 1 2", 10);
    // Pressed once: the first key after such a resize was lost on a loaded machine when it
    // came in the same wake-up as the resize signal (crossterm's default, edge-triggered
    // input source returned the resize and dropped the terminal's readiness; Cargo.toml
    // selects its level-triggered source).
    t.keys(&["4"]);
    let s = t.wait("Key statistics", 5);
    assert!(!s.contains("too small"), "{s}");
    assert!(
        s.lines().next().is_some_and(|l| l.contains("4 Narrative")),
        "{s}"
    );
    // Pasted on a screen, "q" is not a key: the program keeps running.
    t.tmux(&["set-buffer", "-b", "q", "q"]);
    t.tmux(&["paste-buffer", "-p", "-b", "q", "-t", "paste"]);
    std::thread::sleep(Duration::from_millis(600));
    let s = t.screen();
    assert!(s.contains("Key statistics") && !s.contains("quit"), "{s}");
    t.keys(&["e"]);
    t.wait("Editing", 5);
    t.tmux(&[
        "set-buffer",
        "-b",
        "p",
        "Kenya quietly hosts refugees from several neighbouring countries\nq",
    ]);
    t.tmux(&["paste-buffer", "-p", "-b", "p", "-t", "paste"]);
    let s = t.wait("neighbouring", 5);
    assert!(s.contains("Editing"), "the paste left the editor:\n{s}");
    // Wrapped at a word boundary: no row ends inside "neighbouring" or "countries".
    assert!(
        !s.contains("neighbou\n") && !s.lines().any(|l| l.trim_end().ends_with("countri")),
        "{s}"
    );
    t.keys(&["Escape"]);
    let s = t.wait("+ KS", 5);
    assert!(s.contains("Kenya quietly"), "{s}");
}

/// The terminal goes away under a running TUI (its tmux server is killed, as when an SSH session
/// dies): the process writes the typed text to the recovery file and exits within seconds,
/// instead of spinning on the dead tty (crossterm's event source loops forever on one:
/// crossterm #793).
#[test]
fn killed_terminal_keeps_the_text_and_the_process_exits() {
    let dir = new_profiles(&["KEN"]);
    let cmd = format!("exec '{BIN}' tui profiles/ken.toml");
    let Some(t) = Tmux::start("dead", dir.path(), &cmd) else {
        return;
    };
    t.wait("ken.toml", 10);
    t.keys(&["4"]);
    t.wait("Key statistics", 5);
    t.keys(&["e"]);
    t.wait("Editing", 5);
    t.type_text("Typed before the pane died.");
    let pid = t
        .tmux(&["display-message", "-p", "-t", "dead", "#{pane_pid}"])
        .trim()
        .to_string();
    assert!(!pid.is_empty());
    t.tmux(&["kill-server"]);
    let alive = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|s| s.split_whitespace().nth(2).is_none_or(|st| st != "Z"))
    };
    let end = Instant::now() + Duration::from_secs(10);
    while alive() && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(100));
    }
    let still = alive();
    if still {
        let _ = Command::new("kill").args(["-9", &pid]).status();
    }
    assert!(!still, "migprof kept running after its terminal was closed");
    let text = wait_file(&dir.path().join("profiles/ken.recover.toml"), 5);
    assert!(
        text.contains("Typed before the pane died."),
        "the editor's text is in the recovery file:\n{text}"
    );
}

/// An import running while keys are answered (issue 13, item 8). The real World Bank file
/// reads in well under a second, too fast to watch, so the test build's delay hook
/// (`MIGPROF_TUI_TEST_JOB_DELAY_MS`, read only in debug builds) holds the worker for 6 s: the
/// progress line stays on screen while the screens, the help and a refused second import
/// answer, and then the preview arrives and is imported.
#[test]
fn an_import_running_while_keys_are_answered() {
    // The binary slows its import down for this test only through a hook read in debug
    // builds (the tests' default); a release build would finish before the keys are sent.
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the import delay hook is read only in debug builds");
        return;
    }
    let Some(file) =
        migprof::testdata::shared_data("worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv")
    else {
        return;
    };
    let dir = new_profiles(&["KEN"]);
    let cmd = format!(
        "{}=6000 '{BIN}' tui profiles/ken.toml; echo MIGPROF-EXITED=$?; sleep 30",
        migprof::tui::effect::TEST_DELAY_ENV
    );
    let Some(t) = Tmux::start("job", dir.path(), &cmd) else {
        return;
    };
    t.wait("ken.toml", 10);
    t.keys(&["2", "a"]);
    t.wait("Add a provider file", 5);
    let path = file.display().to_string();
    t.type_text(&path);
    t.keys(&["Enter"]);
    let started = Instant::now();
    t.wait("Reading", 5);
    // The dialog closes and the screens answer while the file is read.
    t.keys(&["Escape", "3"]);
    let s = t.wait("Source *pref", 5);
    assert!(s.contains("Reading"), "the progress line stays:\n{s}");
    t.keys(&["?"]);
    let s = t.wait("Keys: Indicators", 5);
    assert!(
        s.contains("Reading"),
        "help answers during the import:\n{s}"
    );
    t.keys(&["Escape", "2", "a"]);
    t.wait("Add a provider file", 5);
    t.type_text(&path);
    t.keys(&["Enter"]);
    let end = Instant::now() + Duration::from_secs(5);
    let flat = loop {
        // The message may wrap in its pop-up: read the screen as one line of words.
        let s = t.screen().replace(['│', '|'], " ");
        let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.contains("One job at a time") || Instant::now() > end {
            break flat;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(flat.contains("One job at a time"), "{flat}");
    assert!(!flat.contains("Import these values?"), "{flat}");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "the keys above were answered while the job ran"
    );
    t.keys(&["Escape"]);
    // The result is applied when it comes back: the preview opens, y imports it.
    t.wait("Import these values?", 15);
    t.keys(&["y"]);
    t.wait("Imported", 5);
    t.keys(&["C-s"]);
    t.wait("Saved", 10);
    t.keys(&["q"]);
    t.wait("MIGPROF-EXITED=0", 10);
    let saved = std::fs::read_to_string(dir.path().join("profiles/ken.toml")).expect("saved");
    assert!(saved.contains("SM.POP.NETM") || saved.contains("net_migration"));
}

/// The German example without its recorded preferences: the sources that disagree (the WPP
/// 2019 net migration against WDI's, UN DESA's stock against the World Bank matrix...) are then
/// conflicts the analyst has to settle.
fn deu_with_open_conflicts() -> Option<tempfile::TempDir> {
    let text = match std::fs::read_to_string("profiles/deu.toml") {
        Ok(t) => t,
        Err(e) => {
            eprintln!("skipping: profiles/deu.toml: {e}");
            return None;
        }
    };
    let mut kept = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with("[preferred.") {
            skipping = true;
        } else if line.trim().is_empty() || line.starts_with('[') {
            skipping = false;
        }
        if !skipping {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    assert!(!kept.contains("[preferred."), "every preference removed");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("profiles")).expect("profiles/");
    std::fs::write(dir.path().join("profiles/deu.toml"), kept).expect("write the profile");
    Some(dir)
}

/// As a new user at 80x24: `/` finds the conflicting indicators and `n` goes to the next one;
/// the window shrinks to 80x22 and everything still works; shrunk below 60x20, keys do nothing
/// (they do not act on the hidden screen); a source removed with its values comes back with
/// `u`.
#[test]
fn find_next_conflict_small_sizes_and_removing_a_source() {
    let Some(dir) = deu_with_open_conflicts() else {
        return;
    };
    let cmd = format!("exec '{BIN}' tui profiles/deu.toml");
    let Some(t) = Tmux::start("find", dir.path(), &cmd) else {
        return;
    };
    t.wait("deu.toml", 10);
    t.keys(&["3"]);
    t.wait("Key statistics", 5);
    // Find by status; the pop-up lists the conflicting indicators.
    t.keys(&["/"]);
    t.wait("Find:", 5);
    t.type_text("conflicting");
    t.wait("Find: conflicting", 5);
    std::thread::sleep(Duration::from_millis(300));
    let s = t.screen();
    let hits = s
        .lines()
        .find_map(|l| {
            let l = l.trim_start_matches(['│', ' ']);
            l.split_once(" matches")
                .and_then(|(n, _)| n.trim().parse::<usize>().ok())
        })
        .unwrap_or_else(|| panic!("no count of matches:\n{s}"));
    assert!(hits >= 2, "at least two conflicts to jump between:\n{s}");
    t.keys(&["Enter"]);
    // `n`: the next match of the search, said on the message line.
    t.keys(&["n"]);
    let s = t.wait("match of `conflicting` 2 of", 5);
    assert!(s.contains(&format!("2 of {hits}")), "{s}");
    // 80x22 (an 80x24 terminal with two status lines): the same screen, list and detail.
    t.tmux(&["resize-window", "-t", "find", "-x", "80", "-y", "22"]);
    t.keys(&["j"]);
    let s = t.wait("Source", 5);
    assert!(!s.contains("too small"), "{s}");
    assert_eq!(s.lines().count(), 22, "{s}");
    assert!(
        s.lines().next().is_some_and(|l| l.contains("3 Indicators")),
        "{s}"
    );
    // Too small: one line, and keys do nothing, not even on the hidden screen.
    t.tmux(&["resize-window", "-t", "find", "-x", "50", "-y", "15"]);
    t.wait("too small", 5);
    t.keys(&["2", "/", "x"]);
    t.tmux(&["resize-window", "-t", "find", "-x", "80", "-y", "24"]);
    let s = t.wait("Key statistics", 5);
    assert!(!s.contains("Find:"), "a key acted while too small:\n{s}");
    assert!(
        s.lines().next().is_some_and(|l| l.contains("3 Indicators")),
        "{s}"
    );
    // Sources: remove the last of the profile's sources (the bottom of the list) with its
    // values, asked first; then undo, and it is listed again.
    t.keys(&["2"]);
    t.wait("Government", 5);
    t.keys(&["G"]);
    let s = t.wait("Covers", 5);
    // The list names a source by what it holds (the id is in the status line and the pane).
    let cursor_row = |s: &str| s.lines().find(|l| l.starts_with('>')).map(str::to_string);
    let last = cursor_row(&s).expect("the cursor's row");
    t.keys(&["d"]);
    t.wait("u undoes.", 5);
    t.keys(&["y"]);
    let s = t.wait("Removed `", 5);
    assert!(s.contains("(u undoes)"), "{s}");
    t.keys(&["G"]);
    let s = t.screen();
    assert!(
        !s.contains(&format!("{}\n", last.trim_start_matches('>'))),
        "still listed:\n{s}"
    );
    t.keys(&["u"]);
    t.wait("Undone", 5);
    t.keys(&["G"]);
    let s = t.wait(&last, 5);
    assert!(s.contains("Covers"), "{s}");
}
