//! `migprof build` (many profiles in parallel) and `migprof export` (the open-data bundle only).

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, Env};
use crate::profile::ProfileFile;
use crate::profile::compact::Places;
use crate::render::publish::publish;
use crate::render::{BuildOptions, BuildReport, Formats, build_profile_with};
use crate::template::Template;
use crate::text::{terminal, terminal_multiline};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(
    long_about = "Render profiles: charts, the HTML and Markdown report, the open-data bundle.\n\n\
    Each profile is written to <OUT>/<profile file stem>/: report.html, report.md, report.docx, charts/, data/.\n\
    Output is deterministic: the same profile gives byte-identical files whatever -j is.\n\
    A profile that fails is reported with its path; the others still build. Exit 1 if any failed."
)]
pub struct BuildArgs {
    /// Profiles to render.
    #[arg(required = true)]
    pub profiles: Vec<PathBuf>,
    /// Output directory (one folder per profile inside it).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Comma-separated formats: html, md, docx, pdf (builds with the `pdf` feature), png, svg,
    /// data (default: all this build has).
    #[arg(long, value_delimiter = ',')]
    pub format: Vec<String>,
    /// Parallel jobs (default: number of cores; at most 4 per core).
    #[arg(short = 'j', long)]
    pub jobs: Option<usize>,
    /// Build a profile that `migprof check` rejects, with a DRAFT / INVALID banner in every
    /// output (by default such a profile is refused with check's messages and exit 1).
    #[arg(long)]
    pub allow_invalid: bool,
    /// Write the reports in this language (en, fr, es) instead of each profile's
    /// `meta.language`.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<String>,
}

/// `--lang`: a language migprof has translations for.
fn parse_lang(s: &str) -> Result<String, String> {
    crate::i18n::Lang::parse(s)
        .map(|l| l.code().to_string())
        .ok_or_else(|| format!("unknown language `{s}` (known: en, fr, es)"))
}

#[derive(Debug, clap::Args)]
#[command(
    long_about = "Write the open-data bundle of a profile: <OUT>/<profile file stem>/data/ with \
    observations.csv, sources.csv and datapackage.json (Frictionless Data Package)."
)]
pub struct ExportArgs {
    pub profile: PathBuf,
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Export a profile that `migprof check` rejects, marked as a draft.
    #[arg(long)]
    pub allow_invalid: bool,
}

fn out_dir(out: &Path, profile: &Path) -> PathBuf {
    let stem = profile
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile".to_string());
    out.join(stem)
}

/// A profile read and parsed before its build (beside the catalogue), with the time it took.
type Preloaded = (
    Result<(ProfileFile, Option<Places>), crate::profile::ProfileError>,
    std::time::Duration,
);

/// What every profile of one command is built with.
#[derive(Debug, Clone, Copy)]
struct How<'a> {
    formats: Formats,
    /// Replace only this folder of the output (`export`: `data`).
    sub: Option<&'a str>,
    allow_invalid: bool,
    /// `--lang`: the report's language instead of the profile's.
    lang: Option<&'a str>,
}

/// Build one profile. The error names the profile file (and the place in it); a profile that
/// `check` rejects is refused with check's messages unless `allow_invalid`, which builds it
/// with a DRAFT / INVALID banner. Everything is written into a fresh folder that replaces `dir`
/// only when complete (or, with `sub`, replaces only that folder of `dir`): a failed build
/// leaves the old outputs.
fn build_one(
    env: &Env,
    path: &Path,
    dir: &Path,
    how: How<'_>,
    preloaded: Option<Preloaded>,
) -> Result<BuildReport, String> {
    let How {
        formats,
        sub,
        allow_invalid,
        lang,
    } = how;
    let mut times: Vec<(&'static str, std::time::Duration)> = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, times: &mut Vec<_>| {
        times.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    // A file that does not load gets check's message (`file:line:col: error: ...`).
    let (loaded, beside) = match preloaded {
        Some((r, took)) => (r, Some(took)),
        None => (ProfileFile::load_placed(path), None),
    };
    let (pf, places) = loaded.map_err(|e| {
        let c = crate::check::check_file(&env.catalogue, &env.countries, path);
        if c.errors.is_empty() {
            e.to_string()
        } else {
            c.errors.join("\n")
        }
    })?;
    match beside {
        // Read beside the catalogue: the time the reading took, not the wait for it here.
        Some(took) => times.push(("read and parse (beside the catalogue)", took)),
        None => lap("read and parse", &mut times),
    }
    // Never drawn, even in a draft: magnitudes no statistic can have.
    if let Some(msg) = crate::validate::value_out_of_range(&pf.profile) {
        return Err(format!("{}: {msg}", path.display()));
    }
    // The places of the values come from the parse above (build never changes the text), so
    // a profile with problems in its values is not parsed again to place them. Taken by the
    // one check (a second one would find them again).
    let places = std::sync::Mutex::new(places);
    let check = || {
        let places = places.lock().ok().and_then(|mut p| p.take());
        crate::check::check_profile_at(
            &env.catalogue,
            &env.countries,
            &pf.profile,
            &crate::validate::Locator::with_places(&pf.original, places),
            path,
        )
    };
    let refusal = |checked: &crate::check::Checked| {
        format!(
            "not built: the profile does not pass `migprof check` (--allow-invalid builds it as a marked draft):\n{}",
            checked.errors.join("\n")
        )
    };
    let name = &pf.profile.meta.template;
    let template = match Template::for_profile(name, path) {
        Ok(t) => t,
        Err(e) => {
            // Check says so first (its message names the template), as for any other problem.
            let checked = check();
            if !checked.is_ok() && !allow_invalid {
                return Err(format!("{}: {}", path.display(), refusal(&checked)));
            }
            return Err(format!("{}: template `{name}`: {e}", path.display()));
        }
    };
    lap("template", &mut times);
    // The previous edition the profile names (its report compares with it): the same core
    // function as the TUI's build.
    let previous = crate::system::editions::previous_of(&pf.profile, path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let relabelled;
    let profile = match lang {
        Some(l) => {
            let mut p = pf.profile.clone();
            p.meta.language = l.to_string();
            relabelled = p;
            &relabelled
        }
        None => &pf.profile,
    };
    // Check and render side by side: a profile that passes (the usual case) is rendered while
    // it is checked; one that does not is never published (the staging folder is dropped).
    let mut rendered = std::time::Duration::ZERO;
    let mut checking = std::time::Duration::ZERO;
    let mut report = publish(dir, sub, |stage| {
        let start = std::time::Instant::now();
        let render = |banner: Option<String>| {
            build_profile_with(
                profile,
                &env.catalogue,
                &env.countries,
                &template,
                stage,
                &BuildOptions {
                    formats,
                    banner,
                    previous: previous.clone(),
                },
            )
        };
        let timed_check = || {
            let t = std::time::Instant::now();
            let c = check();
            (c, t.elapsed())
        };
        // With --allow-invalid (drafts, often failing), the check comes first: its banner is
        // needed before the render, which would otherwise be done twice.
        let r = if allow_invalid {
            let (checked, took) = timed_check();
            checking = took;
            render((!checked.is_ok()).then(|| crate::check::invalid_banner(checked.errors.len())))
        } else {
            let ((checked, took), first) = rayon::join(timed_check, || render(None));
            checking = took;
            if checked.is_ok() {
                first
            } else {
                Err(crate::render::RenderError::Other(refusal(&checked)))
            }
        };
        rendered = start.elapsed();
        r
    })
    .map_err(|e| format!("{}: {e}", path.display()))?;
    let published = clock.elapsed();
    times.push(("check (beside the render)", checking));
    times.push(("render (all formats, written)", rendered));
    times.push((
        "staging folder and swap",
        published.saturating_sub(rendered),
    ));
    times.append(&mut report.timings);
    report.timings = times;
    Ok(report)
}

/// `MIGPROF_TIMINGS=1`: where the time of each build went, on stderr.
fn print_timings(path: &Path, report: &BuildReport) -> anyhow::Result<()> {
    let mut text = String::new();
    for (i, (name, d)) in report.timings.iter().enumerate() {
        if i == 5 {
            text.push_str("timing:   of which, side by side:\n");
        }
        text.push_str(&format!(
            "timing: {}: {name}: {:.1} ms\n",
            path.display(),
            d.as_secs_f64() * 1000.0
        ));
    }
    super::err(&terminal_multiline(&text))
}

/// `migprof build`. `env` loads the catalogue and the country table; a single profile is read
/// and parsed beside that (it needs neither), so that a one-profile build does not wait for
/// the one before the other.
pub fn run(env: impl FnOnce() -> anyhow::Result<Env>, a: BuildArgs) -> anyhow::Result<i32> {
    // The world's boundaries for the title page's map are decoded once per process: beside
    // the catalogue and the profile's parse, which leave a core free, rather than in the
    // render, which has work for both.
    // A bad --format is reported once the catalogue is loaded, as before.
    let parsed = Formats::parse(&a.format);
    if parsed.as_ref().is_ok_and(|f| f.charts()) {
        std::thread::spawn(crate::render::map::prepare);
    }
    let (env, preloaded) = match a.profiles.as_slice() {
        [only] => std::thread::scope(|s| {
            let pf = s.spawn(|| {
                let start = std::time::Instant::now();
                let r = ProfileFile::load_placed(only);
                (r, start.elapsed())
            });
            let env = env();
            (env, pf.join().ok())
        }),
        _ => (env(), None),
    };
    let env = &env?;
    // Taken by the one build (the closure below runs on the worker threads).
    let preloaded = std::sync::Mutex::new(preloaded);
    let ready = super::STARTED.get().map(|s| s.elapsed());
    let formats = match parsed {
        Ok(f) => f,
        Err(e) => {
            super::err(&format!("migprof: error: --format: {}\n", terminal(&e)))?;
            return Ok(EXIT_USAGE);
        }
    };
    let jobs = super::jobs(a.jobs);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| anyhow::anyhow!("starting {jobs} worker threads: {e}"))?;

    // Two inputs with the same file stem would write the same folder: refuse the later ones.
    let mut seen: BTreeMap<PathBuf, &Path> = BTreeMap::new();
    let jobs_list: Vec<(PathBuf, PathBuf, Option<String>)> = a
        .profiles
        .iter()
        .map(|p| {
            let dir = out_dir(&a.out, p);
            let clash = match seen.get(&dir) {
                Some(first) => Some(format!(
                    "writes to {} like {}; rename one of them",
                    dir.display(),
                    first.display()
                )),
                None => {
                    seen.insert(dir.clone(), p);
                    None
                }
            };
            (p.clone(), dir, clash)
        })
        .collect();

    let tty = std::io::stderr().is_terminal();
    let bar = if tty {
        let b = ProgressBar::with_draw_target(
            Some(jobs_list.len() as u64),
            ProgressDrawTarget::stderr_with_hz(4),
        );
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} profiles {msg}") {
            b.set_style(style);
        }
        b
    } else {
        ProgressBar::hidden()
    };
    let results: Vec<Result<BuildReport, String>> = pool.install(|| {
        jobs_list
            .par_iter()
            .map(|(path, dir, clash)| {
                let r = match clash {
                    Some(msg) => Err(format!("{}: {msg}", path.display())),
                    None => build_one(
                        env,
                        path,
                        dir,
                        How {
                            formats,
                            sub: None,
                            allow_invalid: a.allow_invalid,
                            lang: a.lang.as_deref(),
                        },
                        preloaded.lock().ok().and_then(|mut p| p.take()),
                    ),
                };
                bar.inc(1);
                r
            })
            .collect()
    });
    bar.finish_and_clear();

    let timings = std::env::var_os("MIGPROF_TIMINGS").is_some_and(|v| v == "1");
    let mut failed = 0;
    for ((path, dir, _), r) in jobs_list.iter().zip(&results) {
        match r {
            Ok(rep) => {
                if timings {
                    print_timings(path, rep)?;
                }
                if !tty {
                    let skipped = if rep.skipped_charts.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", {} chart(s) skipped for lack of data",
                            rep.skipped_charts.len()
                        )
                    };
                    super::out(&format!(
                        "built {} -> {} ({} files{skipped})\n",
                        terminal(&path.display().to_string()),
                        terminal(&dir.display().to_string()),
                        rep.files.len()
                    ))?;
                }
            }
            Err(e) => {
                failed += 1;
                super::err(&format!("migprof: error: {}\n", terminal_multiline(e)))?;
            }
        }
    }
    if tty {
        super::err(&format!(
            "built {} of {} profile(s) into {}{}\n",
            results.len() - failed,
            results.len(),
            terminal(&a.out.display().to_string()),
            if failed > 0 {
                format!("; {failed} failed")
            } else {
                String::new()
            }
        ))?;
    }
    if timings && let (Some(start), Some(ready)) = (super::STARTED.get(), ready) {
        super::err(&format!(
            "timing: arguments and catalogue: {:.1} ms\ntiming: since main started (arguments, catalogue, all builds, messages): {:.1} ms\n",
            ready.as_secs_f64() * 1000.0,
            start.elapsed().as_secs_f64() * 1000.0
        ))?;
    }
    Ok(if failed > 0 { EXIT_FAILED } else { EXIT_OK })
}

pub fn export(env: &Env, a: ExportArgs) -> anyhow::Result<i32> {
    let dir = out_dir(&a.out, &a.profile);
    let formats = Formats {
        data: true,
        ..Formats::NONE
    };
    match build_one(
        env,
        &a.profile,
        &dir,
        How {
            formats,
            sub: Some("data"),
            allow_invalid: a.allow_invalid,
            lang: None,
        },
        None,
    ) {
        Ok(rep) => {
            let mut text = String::new();
            for f in &rep.files {
                text.push_str(&format!("wrote {}\n", terminal(&f.display().to_string())));
            }
            super::out(&text)?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            super::err(&format!("migprof: error: {}\n", terminal_multiline(&e)))?;
            Ok(EXIT_FAILED)
        }
    }
}
