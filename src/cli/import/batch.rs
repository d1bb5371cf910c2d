//! Many profiles per command: `import FILE --profile P1 P2 ...` and `refresh P1 P2 ...`.
//!
//! Each provider file is read once for all the profiles given: imported for every country
//! (`Context.country = None`), split by country ([`ops::split_by_country`]), then each profile
//! takes its country's records through the same profile operations as the one-profile commands
//! ([`ops::add_source`], [`ops::diff_source`], [`ops::reimport_source`]), so the result is byte
//! for byte the one of importing (refreshing) the profiles one at a time. Files whose notes
//! depend on the country ([`ops::notes_depend_on_country`]) are imported once per country
//! instead. Profiles are then changed and saved (atomically) in parallel. A failing profile is
//! reported in one line naming it and why; the others go on; the exit code is 1 if any failed.
//! On a terminal a progress bar is drawn on stderr; otherwise one line per profile on stdout.

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, Env, ImportArgs, RefreshArgs};
use crate::ingest::{self, Context, Format, Outcome};
use crate::ops;
use crate::profile::ProfileFile;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

fn say(s: &str) -> anyhow::Result<()> {
    crate::cli::out(&format!("{}\n", crate::text::terminal_multiline(s)))
}

fn warn(s: &str) -> anyhow::Result<()> {
    crate::cli::err(&format!("{}\n", crate::text::terminal_multiline(s)))
}

/// The progress bar on a terminal (stderr), else nothing (one line per profile is printed).
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(len: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = ProgressBar::with_draw_target(
                Some(len as u64),
                ProgressDrawTarget::stderr_with_hz(4),
            );
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} profiles {msg}") {
                b.set_style(style);
            }
            b
        });
        Progress { bar }
    }

    fn inc(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    /// Print the per-profile lines: all of them without a terminal, only the failures on one
    /// (then a summary line). Returns the number of failed profiles.
    fn finish(self, results: &[(String, Result<Vec<String>, String>)]) -> anyhow::Result<usize> {
        let tty = self.bar.is_some();
        if let Some(b) = self.bar {
            b.finish_and_clear();
        }
        let mut failed = 0;
        for (name, r) in results {
            match r {
                Ok(lines) if !tty => {
                    for l in lines {
                        say(&format!("{name}: {l}"))?;
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    failed += 1;
                    warn(&format!("migprof: error: {name}: {e}"))?;
                }
            }
        }
        if tty {
            say(&format!(
                "{} profiles: {} done, {failed} failed",
                results.len(),
                results.len() - failed
            ))?;
        }
        Ok(failed)
    }
}

fn ctx<'a>(env: &'a Env, country: Option<&'a str>, mapping: Option<&'a Path>) -> Context<'a> {
    Context {
        catalogue: &env.catalogue,
        countries: &env.countries,
        country,
        include_aggregates: false,
        mapping,
    }
}

/// Per country, the file's import for that country: one import for all, split, or (formats
/// whose notes depend on the country) one import per country.
fn import_for(
    env: &Env,
    path: &Path,
    format: Format,
    mapping: Option<&Path>,
    countries: &BTreeSet<String>,
) -> Result<BTreeMap<String, Outcome>, String> {
    if ops::notes_depend_on_country(format) {
        countries
            .par_iter()
            .map(|c| {
                ingest::import(path, Some(format), &ctx(env, Some(c), mapping))
                    .map(|o| (c.clone(), o))
                    .map_err(|e| e.to_string())
            })
            .collect()
    } else {
        let all = ingest::import(path, Some(format), &ctx(env, None, mapping))
            .map_err(|e| e.to_string())?;
        Ok(ops::split_by_country(all, countries))
    }
}

/// Run the per-profile work (load, change, save) on more threads than cores: a save mostly waits
/// for the disk to flush its file, and the waits of several saves overlap. Memory holds one
/// profile per thread ([`crate::cli::JOBS_PER_CORE`] per core), not the batch.
pub(crate) fn in_save_pool<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    match rayon::ThreadPoolBuilder::new()
        .num_threads(cores * crate::cli::JOBS_PER_CORE)
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

fn load(path: &Path) -> Result<ProfileFile, String> {
    ProfileFile::load(path).map_err(|e| e.to_string())
}

/// `import FILE --profile P1 P2 ...`.
pub fn import(env: &Env, a: &ImportArgs, format: Option<Format>) -> anyhow::Result<i32> {
    if a.country.is_some() {
        warn(
            "migprof: error: --country cannot be combined with several --profile (each profile has its country)",
        )?;
        return Ok(EXIT_USAGE);
    }
    let format = match format.map_or_else(|| ingest::detect(&a.file), Ok) {
        Ok(f) => f,
        Err(e) => {
            warn(&format!("migprof: error: {e}"))?;
            return Ok(EXIT_FAILED);
        }
    };
    let sha = match super::sha256_file(&a.file) {
        Ok(s) => s,
        Err(e) => {
            warn(&format!("migprof: error: {}: {e}", a.file.display()))?;
            return Ok(EXIT_FAILED);
        }
    };
    let mapping = a.mapping.as_deref();
    // One import for every country, split by country, before any profile is read; profiles are
    // then loaded, changed, saved and dropped one by one (memory: the file's import plus one
    // profile per thread). Formats whose notes depend on the country are imported per profile.
    let per: Option<BTreeMap<String, Outcome>> = if ops::notes_depend_on_country(format) {
        say(&format!(
            "{}: {format}: imported for each profile's country (its notes depend on the country)",
            a.file.display()
        ))?;
        None
    } else {
        let all = match ingest::import(&a.file, Some(format), &ctx(env, None, mapping)) {
            Ok(o) => o,
            Err(e) => {
                warn(&format!("migprof: error: {e}"))?;
                return Ok(EXIT_FAILED);
            }
        };
        let mut wanted = ops::countries_with_data(&all);
        say(&format!(
            "{}: {} ({}; {}), {} values for {} countries",
            a.file.display(),
            all.format,
            all.provider,
            all.dataset,
            all.records.len(),
            wanted.len()
        ))?;
        // The key "" (no country) gets the file's outcome with no records: a profile of a
        // country without values then fails as the one-profile import does ("nothing to add").
        wanted.insert(String::new());
        Some(ops::split_by_country(all, &wanted))
    };
    let today = super::today();
    let cwd = std::env::current_dir().unwrap_or_default();
    let progress = Progress::new(a.profile.len());
    let results: Vec<(String, Result<Vec<String>, String>)> = in_save_pool(|| {
        a.profile
            .par_iter()
            .map(|path| {
                let r = load(path).and_then(|mut pf| {
                    let country = pf.profile.meta.country.to_ascii_uppercase();
                    let own;
                    let out = match &per {
                        Some(per) => per
                            .get(&country)
                            .or_else(|| per.get(""))
                            .ok_or_else(|| format!("no import for {country}"))?,
                        None => {
                            own = ingest::import(
                                &a.file,
                                Some(format),
                                &ctx(env, Some(&country), mapping),
                            )
                            .map_err(|e| e.to_string())?;
                            &own
                        }
                    };
                    add_one(
                        &mut pf,
                        &a.file,
                        &sha,
                        out,
                        &ctx(env, Some(&country), mapping),
                        &today,
                        &cwd,
                    )
                });
                progress.inc();
                (path.display().to_string(), r)
            })
            .collect()
    });
    let failed = progress.finish(&results)?;
    Ok(if failed > 0 { EXIT_FAILED } else { EXIT_OK })
}

/// Add one file's import to one profile and save it; the lines to print, or why it failed.
fn add_one(
    pf: &mut ProfileFile,
    file: &Path,
    sha: &str,
    out: &Outcome,
    ctx: &Context,
    today: &str,
    cwd: &Path,
) -> Result<Vec<String>, String> {
    let imp = ops::FileImport {
        stored: ops::stored_path(&pf.path, file, cwd),
        sha256: sha.to_string(),
        outcome: out,
    };
    if out.format == Format::ReturnedRequest {
        return Err(
            "a returned data request belongs to one profile: import it with one --profile".into(),
        );
    }
    let added = ops::add_source(&mut pf.profile, ctx, &imp, today).map_err(|e| e.to_string())?;
    let mut lines = Vec::new();
    match added {
        ops::Added::Footnotes { attached: 0 } => {
            lines.push("no UNHCR Refugee Data Finder value matches a footnote".to_string());
            return Ok(lines);
        }
        ops::Added::Footnotes { attached } => {
            lines.push(format!("attached footnotes to {attached} values"));
        }
        ops::Added::Source {
            id,
            values,
            admitted,
        } => {
            let left: usize = admitted.left_out.iter().map(|l| l.count).sum();
            lines.push(format!(
                "added {values} values as source `{id}`{}",
                if left > 0 {
                    format!(" ({left} left out)")
                } else {
                    String::new()
                }
            ));
        }
    }
    pf.save().map_err(|e| e.to_string())?;
    Ok(lines)
}

/// A recorded file as read for refresh: where it is (resolved) and the format it was imported
/// with (`None`: detect).
type FileKey = (PathBuf, Option<Format>);

/// What one profile's refresh needs of each of its sources, found before any file is read.
enum Plan {
    /// Re-import from this file (as located for the profile) through the group `key`.
    Read { located: PathBuf, key: FileKey },
    /// Reported and not read.
    Skip(String),
    /// Missing or not a regular file.
    Missing(String),
}

/// One file read for refresh: its sha256 and, per country, its import.
type Read = Result<(String, BTreeMap<String, Outcome>), String>;

/// `refresh P1 P2 ...`.
/// Per source id, its [`Plan`], in the profile's order.
type SourcePlans = Vec<(String, Plan)>;

/// What refreshing a profile needs of each of its sources, in the profile's order.
fn plan_for(path: &Path, pf: &ProfileFile) -> SourcePlans {
    let mut plan = Vec::new();
    for s in &pf.profile.sources {
        let Some(file) = &s.file else { continue };
        let p = match ops::locate(path, file) {
            None => {
                let why = match std::fs::metadata(file) {
                    Ok(m) if !m.is_file() => "not a regular file",
                    _ => "missing (looked in the profile's directory and the current directory)",
                };
                Plan::Missing(format!("{}: {file}: {why}", s.id))
            }
            Some(located) => match s.format.as_deref().map(Format::from_id) {
                Some(Some(f @ (Format::Generic | Format::Px))) => Plan::Skip(format!(
                    "{}: {file}: skipped ({f} imports need their mapping file; re-import by hand)",
                    s.id
                )),
                f => {
                    let resolved = std::fs::canonicalize(&located).unwrap_or(located.clone());
                    Plan::Read {
                        located,
                        key: (resolved, f.flatten()),
                    }
                }
            },
        };
        plan.push((s.id.clone(), p));
    }
    plan
}

/// `refresh P1 P2 ...`: the profiles are read twice (once to group their sources by file, once
/// to change and save them, one by one), so memory holds the files' imports and one profile per
/// thread, not the batch.
pub fn refresh(env: &Env, a: &RefreshArgs) -> anyhow::Result<i32> {
    let planned: Vec<Option<(String, SourcePlans)>> = a
        .profile
        .par_iter()
        .map(|p| {
            load(p).ok().map(|pf| {
                let country = pf.profile.meta.country.to_ascii_uppercase();
                (country, plan_for(p, &pf))
            })
        })
        .collect();
    // Group the profiles' sources by (file resolved, format) with the countries that need it.
    let mut groups: BTreeMap<FileKey, BTreeSet<String>> = BTreeMap::new();
    for (country, plan) in planned.iter().flatten() {
        for (_, p) in plan {
            if let Plan::Read { key, .. } = p {
                groups
                    .entry(key.clone())
                    .or_default()
                    .insert(country.clone());
            }
        }
    }
    drop(planned);
    let reads: HashMap<FileKey, Read> = groups
        .into_par_iter()
        .map(|(key, countries)| {
            let read = (|| {
                let sha =
                    super::sha256_file(&key.0).map_err(|e| format!("{}: {e}", key.0.display()))?;
                let format = match key.1 {
                    Some(f) => f,
                    None => ingest::detect(&key.0).map_err(|e| e.to_string())?,
                };
                let per = import_for(env, &key.0, format, None, &countries)?;
                Ok((sha, per))
            })();
            (key, read)
        })
        .collect();
    let today = super::today();
    let cwd = std::env::current_dir().unwrap_or_default();
    let progress = Progress::new(a.profile.len());
    let results: Vec<(String, Result<Vec<String>, String>)> = in_save_pool(|| {
        a.profile
            .par_iter()
            .map(|path| {
                let r = load(path).and_then(|mut pf| {
                    let plan = plan_for(path, &pf);
                    refresh_profile(env, &mut pf, &plan, &reads, a, &today, &cwd)
                });
                progress.inc();
                (path.display().to_string(), r)
            })
            .collect()
    });
    let failed = progress.finish(&results)?;
    let differs = !a.write
        && results.iter().any(|(_, r)| {
            r.as_ref()
                .is_ok_and(|l| l.iter().any(|l| l.starts_with(DIFFERS)))
        });
    Ok(if failed > 0 || differs {
        EXIT_FAILED
    } else {
        EXIT_OK
    })
}

/// The first word of a profile's summary line when its values differ from its files.
const DIFFERS: &str = "differs";

/// Refresh one profile from the files read; save it when `--write` changed it (keeping the
/// previous file as `<profile>.bak`, as the one-profile refresh does).
fn refresh_profile(
    env: &Env,
    pf: &mut ProfileFile,
    plan: &[(String, Plan)],
    reads: &HashMap<FileKey, Read>,
    a: &RefreshArgs,
    today: &str,
    cwd: &Path,
) -> Result<Vec<String>, String> {
    let country = pf.profile.meta.country.to_ascii_uppercase();
    let mut details = Vec::new();
    let mut problems = Vec::new();
    let (mut same, mut differing, mut counts) = (0, 0, (0, 0, 0));
    let mut changed_profile = false;
    if plan.is_empty() {
        return Ok(vec!["no source records a file; nothing to refresh".into()]);
    }
    for (id, p) in plan {
        let (located, key) = match p {
            Plan::Missing(m) => {
                problems.push(m.clone());
                continue;
            }
            Plan::Skip(m) => {
                details.push(m.clone());
                continue;
            }
            Plan::Read { located, key } => (located, key),
        };
        let (sha, per) = match reads.get(key) {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                problems.push(format!("{id}: {e}"));
                continue;
            }
            None => {
                problems.push(format!("{id}: the file was not read"));
                continue;
            }
        };
        let Some(out) = per.get(&country) else {
            problems.push(format!("{id}: no import for {country}"));
            continue;
        };
        if out.format == Format::UnhcrFootnotes {
            continue;
        }
        let imp = ops::FileImport {
            stored: ops::stored_path(&pf.path, located, cwd),
            sha256: sha.clone(),
            outcome: out,
        };
        let diff = match ops::diff_source(&pf.profile, &env.catalogue, id, &imp) {
            Ok(d) => d,
            Err(e) => {
                problems.push(format!("{id}: {e}"));
                continue;
            }
        };
        if diff.is_empty() {
            same += 1;
            continue;
        }
        differing += 1;
        let (x, y, z) = diff.counts();
        counts = (counts.0 + x, counts.1 + y, counts.2 + z);
        if diff.sha256_changed {
            details.push(format!("{id}: sha256 changed, now {}", imp.sha256));
        }
        if a.verbose {
            details.extend(diff.changes.iter().map(super::change_line));
        }
        if a.write {
            if let Err(e) = ops::reimport_source(&mut pf.profile, &env.catalogue, id, &imp, today) {
                problems.push(format!("{id}: {e}"));
                continue;
            }
            changed_profile = true;
        }
    }
    let mut summary = if differing == 0 {
        format!("no change ({same} sources)")
    } else {
        format!(
            "{DIFFERS}: {differing} sources changed ({} added, {} changed, {} removed), {same} unchanged",
            counts.0, counts.1, counts.2
        )
    };
    if changed_profile {
        let bak = super::backup_path(&pf.path);
        std::fs::copy(&pf.path, &bak)
            .map_err(|e| format!("{}: keeping a backup: {e}", bak.display()))?;
        pf.save().map_err(|e| e.to_string())?;
        summary = format!(
            "updated: {differing} sources changed ({} added, {} changed, {} removed), {same} unchanged (the previous file is kept as {})",
            counts.0,
            counts.1,
            counts.2,
            bak.display()
        );
    }
    if !problems.is_empty() {
        // As the one-profile refresh: the other sources' changes are still written.
        return Err(format!("{}; {summary}", problems.join("; ")));
    }
    let mut lines = vec![summary];
    lines.extend(details);
    Ok(lines)
}
