//! The terminal user interface: a guided walk from sources to report, usable over SSH at 80x24.
//!
//! Architecture: keys map to [`action::Action`]s ([`keymap::map_key`], a pure function of the
//! mode and the key); [`update::update`] is the one function that changes the [`app::App`] state
//! and returns [`action::Effect`]s (file reads, saving, building) that the event loop runs
//! ([`effect::run`]) and feeds back as actions; [`view::view`] draws the state and nothing else.
//!
//! The loop blocks on input (no timer), drains bursts of pending events before drawing once,
//! and writes each frame as one synchronized update; a frame that changes nothing writes nothing.
//! Imports, re-imports and builds run on a worker thread ([`effect::background`]) with their
//! own copies of what they read; the loop keeps answering keys, ticks the progress line once a
//! second and applies the result, as an action, when it comes back.

pub mod action;
pub mod app;
pub mod effect;
pub mod input;
pub mod keymap;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;

use crate::template::Template;
use action::Effect;
use anyhow::Context as _;
use app::{App, Options};
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::Terminal;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Environment variable that makes the event loop panic after the first frame (tests only).
pub const TEST_PANIC_ENV: &str = "MIGPROF_TUI_TEST_PANIC";

/// Open the TUI on an optional profile.
pub fn run(profile: Option<PathBuf>, no_color: bool, ascii: bool) -> anyhow::Result<()> {
    run_with(profile, None, no_color, ascii)
}

/// Open the TUI with an optional catalogue directory (`--catalogue-dir` / `MIGPROF_CATALOGUE`).
pub fn run_with(
    profile: Option<PathBuf>,
    catalogue_dir: Option<&std::path::Path>,
    no_color: bool,
    ascii: bool,
) -> anyhow::Result<()> {
    terminal::install_panic_hook();
    let crate::cli::Env {
        catalogue,
        countries,
    } = crate::cli::Env::load(catalogue_dir).context("loading the catalogue")?;
    let template = Template::iom().context("loading the IOM template")?;
    let mut app = App::new(
        catalogue,
        countries,
        template,
        Options { no_color, ascii },
        &today(),
    );
    let mut startup = vec![Effect::ScanProfiles];
    if let Some(p) = profile {
        startup.push(Effect::Open(p));
    }
    let test_panic = std::env::var_os(TEST_PANIC_ENV).is_some_and(|v| v == "1");
    // SIGHUP (a dropped SSH line), SIGTERM and SIGINT: write every pending edit to the recovery
    // file, restore the terminal and leave. The flag is read between key events.
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
            .context("installing the signal handlers")?;
    }
    let _guard = terminal::Guard::enter().context("setting up the terminal")?;
    input::watchdog(WATCHDOG_GRACE);
    let out = terminal::FrameWriter::new();
    let backend = terminal::LeanBackend::new(out.clone());
    let mut term = Terminal::new(backend).context("setting up the terminal")?;
    term.clear()?;
    out.commit()?;
    // Start crossterm's event reader (it installs the SIGWINCH handler) before reading the
    // size: a resize between the two is then an event, and one before is in the size read. A
    // terminal resized while migprof started (a tmux `resize-window` right after the window
    // opened) was otherwise drawn at its old size until a key came.
    let _ = event::poll(Duration::ZERO);
    if let Ok(size) = term.size() {
        update::update(&mut app, action::Action::Resized(size.width, size.height));
    }
    let mut jobs = Jobs::new();
    run_effects(&mut app, startup.into(), &mut jobs);
    let r = event_loop(&mut app, &mut term, &out, test_panic, &signal, &mut jobs);
    if r.is_err() || signal.load(Ordering::SeqCst) != 0 {
        // The terminal may be gone (hang-up): keep the edits first, report second.
        if let Some(Err(e)) = effect::emergency_recovery(&app) {
            eprintln!("migprof: could not write the recovery file: {e}");
        }
    }
    r
}

/// How long the event loop has, after the terminal hung up, to write the recovery file and
/// leave before the watchdog ends the process (a build it waits for finishes well within it).
const WATCHDOG_GRACE: Duration = Duration::from_secs(30);

type Term = Terminal<terminal::LeanBackend>;

fn draw(app: &App, term: &mut Term, out: &terminal::FrameWriter) -> anyhow::Result<()> {
    term.draw(|f| view::view(app, f))?;
    // Only the cursor state: nothing visible changed, write nothing.
    if out.pending_is(b"\x1b[?25l") {
        out.discard();
    }
    out.commit()?;
    Ok(())
}

/// The worker's side of the loop: the channel its results come back on, and when the
/// running job started.
struct Jobs {
    tx: mpsc::Sender<action::Action>,
    rx: mpsc::Receiver<action::Action>,
    started: Option<Instant>,
}

impl Jobs {
    fn new() -> Jobs {
        let (tx, rx) = mpsc::channel();
        Jobs {
            tx,
            rx,
            started: None,
        }
    }

    /// A finished job's result, or a tick when another second of it has passed.
    fn poll(&mut self, app: &App) -> Option<action::Action> {
        if let Ok(a) = self.rx.try_recv() {
            self.started = None;
            return Some(a);
        }
        let job = app.job.as_ref()?;
        let secs = self
            .started
            .get_or_insert_with(Instant::now)
            .elapsed()
            .as_secs();
        (secs != job.secs).then_some(action::Action::JobTick(secs))
    }
}

/// Run effects: the slow ones (imports, builds) on a worker thread whose result comes back as
/// an action through `jobs`; the others here, feeding their results to `update` at once.
fn run_effects(app: &mut App, mut queue: VecDeque<Effect>, jobs: &mut Jobs) {
    while let Some(e) = queue.pop_front() {
        if effect::is_background(&e) {
            match effect::background(app, &e) {
                Some(work) => {
                    let tx = jobs.tx.clone();
                    jobs.started = Some(Instant::now());
                    let spawned = std::thread::Builder::new()
                        .name("migprof-job".into())
                        .spawn(move || {
                            let _ = tx.send(work());
                        });
                    if let Err(err) = spawned {
                        queue.extend(update::update(
                            app,
                            action::Action::JobFailed(err.to_string()),
                        ));
                    }
                }
                None => queue.extend(update::update(
                    app,
                    action::Action::JobFailed("no profile open".into()),
                )),
            }
            continue;
        }
        if let Some(a) = effect::run(app, e) {
            queue.extend(update::update(app, a));
        }
    }
}

/// Slow effects get a frame first so the user sees "Opening...".
fn is_slow(e: &Effect) -> bool {
    matches!(e, Effect::Open(_))
}

/// How often the loop looks at the signal flag while waiting for a key (it draws nothing then).
const SIGNAL_POLL: Duration = Duration::from_millis(200);
/// How often it looks at the worker while a job runs.
const JOB_POLL: Duration = Duration::from_millis(50);

/// What ended the wait.
enum Wake {
    Input,
    Job(action::Action),
    Quit,
    /// The terminal's size changed without a resize event (see [`event_loop`]).
    Resized(u16, u16),
}

fn event_loop(
    app: &mut App,
    term: &mut Term,
    out: &terminal::FrameWriter,
    test_panic: bool,
    signal: &AtomicUsize,
    jobs: &mut Jobs,
) -> anyhow::Result<()> {
    let mut dirty_view = true;
    // The size the view was last laid out for. A resize whose signal came before crossterm
    // listened (while migprof started, on a loaded machine) sends no event: the size is
    // compared while idle, an ioctl every poll, and a change is handled like a resize event.
    let mut known = app.size;
    loop {
        if dirty_view {
            draw(app, term, out)?;
            dirty_view = false;
            if test_panic {
                panic!("{TEST_PANIC_ENV} is set: test panic inside the event loop");
            }
        }
        if app.quit {
            return Ok(());
        }
        // Wait for input, looking at the signal flag and the worker in between; nothing is
        // drawn meanwhile unless a job ticks or ends. The terminal is watched directly first
        // (see `input`): a dead one ends the session like a hang-up instead of spinning
        // inside crossterm.
        let wake = loop {
            if signal.load(Ordering::SeqCst) != 0 {
                break Wake::Quit;
            }
            if let Some(a) = jobs.poll(app) {
                break Wake::Job(a);
            }
            // Events crossterm has read from the terminal but not handed out yet: the
            // terminal shows no input for them, so they are asked for first.
            if pending()? {
                break Wake::Input;
            }
            let timeout = if app.job.is_some() {
                JOB_POLL
            } else {
                SIGNAL_POLL
            };
            match input::wait(timeout) {
                input::Input::Gone => {
                    signal.store(signal_hook::consts::SIGHUP as usize, Ordering::SeqCst);
                    break Wake::Quit;
                }
                input::Input::Quiet => {
                    let now = crossterm::terminal::size().ok();
                    if let (Some((w, h)), true) = (now, now != known) {
                        break Wake::Resized(w, h);
                    }
                    continue;
                }
                input::Input::Ready => {}
            }
            if event::poll(timeout)? {
                break Wake::Input;
            }
        };
        match wake {
            Wake::Quit => return Ok(()),
            Wake::Resized(w, h) => {
                known = Some((w, h));
                term.autoresize()?;
                update::update(app, action::Action::Resized(w, h));
                dirty_view = true;
                continue;
            }
            Wake::Job(a) => {
                let effects = update::update(app, a);
                run_effects(app, effects.into(), jobs);
                dirty_view = true;
                continue;
            }
            Wake::Input => {}
        }
        let mut events = vec![event::read()?];
        while input::wait(Duration::ZERO) != input::Input::Gone && pending()? {
            events.push(event::read()?);
        }
        for ev in events {
            match ev {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    let Some(a) = keymap::map_key(app.mode(), app.screen, &k) else {
                        continue;
                    };
                    let effects = update::update(app, a);
                    dirty_view = true;
                    if effects.iter().any(is_slow) {
                        draw(app, term, out)?;
                    }
                    run_effects(app, effects.into(), jobs);
                }
                Event::Paste(text) => {
                    let effects = update::update(app, action::Action::Paste(text));
                    dirty_view = true;
                    run_effects(app, effects.into(), jobs);
                }
                Event::Resize(w, h) => {
                    known = Some((w, h));
                    term.autoresize()?;
                    update::update(app, action::Action::Resized(w, h));
                    dirty_view = true;
                }
                _ => {}
            }
            if app.quit {
                break;
            }
        }
    }
}

/// How long [`pending`] waits for an event.
const PENDING: Duration = Duration::from_millis(1);

/// Has crossterm an event ready (parsed from bytes it has read, or on the terminal)?
///
/// Never asked with a zero timeout: crossterm's level-triggered input source (the
/// `use-dev-tty` feature, see Cargo.toml) does not look at the events it has already parsed
/// when the timeout is zero, so the rest of a burst (typed text, a paste split in keys) would
/// wait for the next key.
fn pending() -> std::io::Result<bool> {
    event::poll(PENDING)
}

/// Today's date as `YYYY-MM-DD` (UTC), for the retrieval date of imported files.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::model::civil_date((secs / 86_400) as i64)
}
