//! The command-line front end: clap subcommands over the core.
//!
//! Exit codes: 0 success; 1 the job found problems or failed (invalid profile, unreadable file,
//! a profile that did not build); 2 wrong usage (unknown option, missing argument).

/// A line to stdout with provider and profile text made safe for the terminal (control and
/// bidi characters escaped); a closed pipe is not an error, a failed write is (exit 1). For the
/// subcommand modules below (`super::out` is this module's).
macro_rules! say {
    ($($t:tt)*) => {
        super::out(&format!("{}\n", crate::text::terminal_multiline(&format!($($t)*))))?
    };
}

/// The same to stderr.
macro_rules! warn {
    ($($t:tt)*) => {
        super::err(&format!("{}\n", crate::text::terminal_multiline(&format!($($t)*))))?
    };
}

mod assess;
mod build;
mod catalogue;
mod check;
mod diff;
mod edit;
mod fetch;
mod gaps;
mod import;
mod new;
mod request;
mod upgrade;

use crate::catalogue::Catalogue;
use crate::country::Countries;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "migprof",
    version,
    about = "Build IOM-style country Migration Profiles from the files data providers publish",
    long_about = "Build IOM-style country Migration Profiles from the files data providers publish.\n\n\
        With no subcommand, opens the interactive TUI.\n\n\
        Exit codes: 0 success; 1 problems found or a job failed; 2 wrong usage."
)]
pub struct Cli {
    /// Directory with indicators.toml / registry.toml overriding the built-in catalogue.
    #[arg(long, global = true, value_name = "DIR", env = "MIGPROF_CATALOGUE")]
    pub catalogue_dir: Option<PathBuf>,
    /// Disable colours in the TUI (also honoured: the NO_COLOR environment variable).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Draw the TUI with ASCII characters only.
    #[arg(long, global = true)]
    pub ascii: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new profile for a country with the template's default modules.
    New(new::NewArgs),
    /// Validate profiles against the catalogue and template; exit 1 on errors.
    Check(check::CheckArgs),
    /// List the indicator catalogue or the source registry.
    Catalogue(catalogue::CatalogueArgs),
    /// Detect and summarise a provider file for a country, or add it to a profile.
    Import(import::ImportArgs),
    /// Re-import every recorded file of a profile and report what changed.
    Refresh(import::RefreshArgs),
    /// Download a dataset for the profile's country from a provider's API and add it.
    Fetch(fetch::FetchArgs),
    /// Render profiles: charts, HTML and Markdown report, open-data bundle.
    Build(build::BuildArgs),
    /// Write the open-data bundle (CSV + datapackage.json) of a profile.
    Export(build::ExportArgs),
    /// Print the data gaps and the drafted action plan of a profile.
    Gaps(gaps::GapsArgs),
    /// Record the preferred source of an indicator, with the justification.
    Prefer(edit::PreferArgs),
    /// Add a value from a publication (a manual source with its citation).
    AddValue(edit::AddValueArgs),
    /// Remove a source with its values (and preferences naming it).
    RemoveSource(edit::RemoveSourceArgs),
    /// Rename a source id everywhere it is used.
    RenameSource(edit::RenameSourceArgs),
    /// Assess the national data system: instruments against the recommended topics.
    Assess(assess::AssessArgs),
    /// Write one XLSX data-request workbook per agency of the profile.
    Request(request::RequestArgs),
    /// Compare two editions of a profile.
    Diff(diff::DiffArgs),
    /// Rewrite profiles in the compact layout of this build (format version 2).
    Upgrade(upgrade::UpgradeArgs),
    /// Open the interactive TUI (the default with no subcommand).
    Tui(TuiArgs),
}

#[derive(Debug, clap::Args)]
pub struct TuiArgs {
    /// Profile to open.
    pub profile: Option<PathBuf>,
}

/// What every subcommand needs: the catalogue and the country table.
pub struct Env {
    pub catalogue: Catalogue,
    pub countries: Countries,
}

impl Env {
    pub fn load(dir: Option<&std::path::Path>) -> anyhow::Result<Env> {
        // A catalogue folder that is not there is a mistake, not a reason to use the built-in one.
        if let Some(d) = dir {
            match std::fs::metadata(d) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => anyhow::bail!("--catalogue-dir {}: not a directory", d.display()),
                Err(e) => anyhow::bail!("--catalogue-dir {}: {e}", d.display()),
            }
        }
        // The two are parsed side by side: every command waits for both before it starts.
        let (catalogue, countries) = std::thread::scope(|s| {
            let countries = s.spawn(|| Env::countries(dir));
            let catalogue = match dir {
                Some(d) => Catalogue::load_dir(d).map_err(anyhow::Error::from),
                None => Catalogue::embedded().map_err(anyhow::Error::from),
            };
            let countries = countries
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("reading the country table failed")));
            (catalogue, countries)
        });
        Ok(Env {
            catalogue: catalogue?,
            countries: countries?,
        })
    }

    /// The country table: the catalogue folder's, else the built-in one.
    fn countries(dir: Option<&std::path::Path>) -> anyhow::Result<Countries> {
        Ok(
            match dir.map(|d| d.join(crate::catalogue::COUNTRIES_FILE)) {
                Some(p) if p.exists() => {
                    let bytes = crate::profile::read_bounded(&p, crate::profile::MAX_FILE_BYTES)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
                    let text = String::from_utf8(bytes).map_err(|_| {
                        anyhow::anyhow!("{}: the file is not valid UTF-8", p.display())
                    })?;
                    Countries::from_str(&text, &p.display().to_string())?
                }
                _ => match Countries::embedded_shared() {
                    Some(c) => c.clone(),
                    None => Countries::embedded()?,
                },
            },
        )
    }
}

/// Write `text` to stdout; a closed pipe (`migprof catalogue | head`) is not an error.
pub fn print_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Write `text` to stdout; a write error (a full disk, `/dev/full`) is an error naming stdout.
pub fn out(text: &str) -> anyhow::Result<()> {
    print_stdout(text).map_err(|e| anyhow::anyhow!("writing to standard output: {e}"))
}

/// Write `text` to stderr; a write error is an error (the command then exits 1).
pub fn err(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut e = std::io::stderr().lock();
    e.write_all(text.as_bytes())
        .and_then(|_| e.flush())
        .map_err(|e| anyhow::anyhow!("writing to standard error: {e}"))
}

/// Most parallel jobs `build -j` starts: more threads than this only add memory and contention.
pub const JOBS_PER_CORE: usize = 4;

/// The number of build jobs: `-j N` capped at cores x [`JOBS_PER_CORE`]; the cores by default.
pub fn jobs(requested: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    requested.unwrap_or(cores).clamp(1, cores * JOBS_PER_CORE)
}

/// A profile's template: `iom` built in, else a path (as given, then beside the profile), read
/// with the same limits as a profile.
pub fn template_for(
    name: &str,
    profile_path: &std::path::Path,
) -> anyhow::Result<crate::template::Template> {
    Ok(crate::template::Template::for_profile(name, profile_path)?)
}

/// A template by name: `iom` is built in, anything else a path (bounded, regular files only).
pub fn template_named(name: &str) -> anyhow::Result<crate::template::Template> {
    Ok(crate::template::Template::named(name)?)
}

/// When `main` started (for `MIGPROF_TIMINGS=1 migprof build`).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Parse arguments, run, and return the process exit code.
pub fn main() -> i32 {
    STARTED.get_or_init(std::time::Instant::now);
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Even a failing stderr must not panic: the exit code still says it failed.
            let _ = err(&format!(
                "migprof: error: {}\n",
                crate::text::terminal(&format!("{e:#}"))
            ));
            EXIT_FAILED
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    let no_color = cli.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dir = cli.catalogue_dir.as_deref();
    match cli.command {
        None => crate::tui::run_with(None, dir, no_color, cli.ascii).map(|_| EXIT_OK),
        Some(Command::Tui(a)) => {
            crate::tui::run_with(a.profile, dir, no_color, cli.ascii).map(|_| EXIT_OK)
        }
        Some(Command::New(a)) => new::run(&Env::load(dir)?, a),
        Some(Command::Check(a)) => check::run(&Env::load(dir)?, a),
        Some(Command::Catalogue(a)) => catalogue::run(&Env::load(dir)?, a),
        Some(Command::Import(a)) => import::run(&Env::load(dir)?, a),
        Some(Command::Refresh(a)) => import::refresh(&Env::load(dir)?, a),
        Some(Command::Fetch(a)) => fetch::run(&Env::load(dir)?, a),
        Some(Command::Build(a)) => build::run(|| Env::load(dir), a),
        Some(Command::Export(a)) => build::export(&Env::load(dir)?, a),
        Some(Command::Gaps(a)) => gaps::run(&Env::load(dir)?, a),
        Some(Command::Prefer(a)) => edit::prefer(&Env::load(dir)?, a),
        Some(Command::AddValue(a)) => edit::add_value(&Env::load(dir)?, a),
        Some(Command::RemoveSource(a)) => edit::remove_source(&Env::load(dir)?, a),
        Some(Command::RenameSource(a)) => edit::rename_source(&Env::load(dir)?, a),
        Some(Command::Assess(a)) => assess::run(&Env::load(dir)?, a),
        Some(Command::Request(a)) => request::run(&Env::load(dir)?, a),
        Some(Command::Diff(a)) => diff::run(&Env::load(dir)?, a),
        Some(Command::Upgrade(a)) => upgrade::run(a),
    }
}
