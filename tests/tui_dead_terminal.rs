//! The terminal goes away under a running TUI (its tmux pane or SSH session is killed): the
//! process writes the typed text to the recovery file and exits within a few seconds, instead of
//! spinning on a dead tty (crossterm's event source loops forever on one: crossterm #793).
//!
//! Without tmux the test skips with a printed reason, except under CI (`CI` set), where a missing
//! tmux is a failure (`.ci/run` installs it).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_migprof");

fn tmux(socket: &str, args: &[&str]) -> String {
    let out = Command::new("tmux")
        .args(["-L", socket, "-f", "/dev/null"])
        .args(args)
        .output()
        .expect("run tmux");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn wait_screen(socket: &str, needle: &str) {
    let end = Instant::now() + Duration::from_secs(15);
    loop {
        let s = tmux(socket, &["capture-pane", "-p", "-t", "dead"]);
        if s.contains(needle) {
            return;
        }
        assert!(
            Instant::now() < end,
            "timed out waiting for {needle:?}:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn alive(pid: &str) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|s| s.split_whitespace().nth(2).is_none_or(|st| st != "Z"))
}

#[test]
fn killed_pane_keeps_the_text_and_the_process_exits() {
    let have = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is missing and CI is set: install tmux (apt-get install -y tmux)"
        );
        eprintln!("skipping: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("profiles")).expect("mkdir");
    let st = Command::new(BIN)
        .args(["new", "--country", "KEN", "--year", "2024"])
        .args(["--out", "profiles/ken.toml"])
        .current_dir(dir.path())
        .status()
        .expect("new");
    assert!(st.success());
    let socket = format!("migprof-dead-{}", std::process::id());
    let cmd = format!("exec '{BIN}' tui profiles/ken.toml");
    let st = Command::new("tmux")
        .args([
            "-L",
            &socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "dead",
        ])
        .args(["-x", "80", "-y", "24", "-c"])
        .arg(dir.path())
        .arg(&cmd)
        .status()
        .expect("tmux");
    assert!(st.success());
    wait_screen(&socket, "ken.toml");
    for k in ["4", "e"] {
        tmux(&socket, &["send-keys", "-t", "dead", k]);
        std::thread::sleep(Duration::from_millis(300));
    }
    wait_screen(&socket, "Editing");
    tmux(
        &socket,
        &[
            "send-keys",
            "-t",
            "dead",
            "-l",
            "--",
            "Typed before the pane died.",
        ],
    );
    std::thread::sleep(Duration::from_millis(400));
    let pid = tmux(
        &socket,
        &["display-message", "-p", "-t", "dead", "#{pane_pid}"],
    )
    .trim()
    .to_string();
    assert!(!pid.is_empty());
    // The whole server goes: the pane's terminal is closed under the process.
    tmux(&socket, &["kill-server"]);
    let end = Instant::now() + Duration::from_secs(10);
    while alive(&pid) && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(100));
    }
    let still = alive(&pid);
    if still {
        let _ = Command::new("kill").args(["-9", &pid]).status();
    }
    assert!(!still, "migprof kept running after its terminal was closed");
    let rec = dir.path().join("profiles/ken.recover.toml");
    let text = std::fs::read_to_string(&rec).unwrap_or_default();
    assert!(
        text.contains("Typed before the pane died."),
        "the editor's text is in the recovery file:\n{text}"
    );
}
