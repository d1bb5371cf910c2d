//! Build benchmark (not a timed test): `cargo bench --bench build [-- DIR]`.
//!
//! 1. Builds one profile in every format many times and reports the mean per build.
//!    The profile is `MIGPROF_BENCH_PROFILE` or the render test fixture `destination.toml`.
//! 2. Builds a batch of profiles from a directory (the first argument or `MIGPROF_BENCH_BATCH`,
//!    e.g. the output of `scripts/gen-batch.sh`) on a 2-thread rayon pool and reports the total
//!    wall time. Without a directory, the render fixtures are replicated to 200 profiles.
//!
//! Targets on a 2-core machine: under 50 ms per profile, under 5 s for 200 profiles.

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::profile::{Profile, ProfileFile};
use migprof::render::{Formats, build_profile};
use migprof::template::Template;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Job {
    name: String,
    profile: Profile,
    catalogue: std::sync::Arc<Catalogue>,
    countries: std::sync::Arc<Countries>,
    template: Template,
}

fn fixture_env() -> (Catalogue, Countries) {
    let dir = root().join("tests/fixtures/render/catalogue");
    let text = std::fs::read_to_string(dir.join("countries.toml")).expect("fixture countries");
    (
        Catalogue::load_dir(&dir).expect("fixture catalogue"),
        Countries::from_str(&text, "countries.toml").expect("fixture countries"),
    )
}

fn template_for(profile: &Profile, path: &Path) -> Template {
    let name = &profile.meta.template;
    Template::named(name)
        .or_else(|_| Template::load(&path.parent().unwrap_or(Path::new(".")).join(name)))
        .unwrap_or_else(|e| panic!("{}: template {name}: {e}", path.display()))
}

/// CPU time (user + system) of this process in seconds, from /proc (Linux); None elsewhere.
/// Reported beside wall time because the benchmark machine is shared.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    // Fields after the command name start at field 3 (state); utime is 14, stime 15.
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let fixtures = root().join("tests/fixtures/render");
    let (fcat, fcountries) = fixture_env();
    let fcat = std::sync::Arc::new(fcat);
    let fcountries = std::sync::Arc::new(fcountries);
    let ecat = std::sync::Arc::new(Catalogue::embedded().expect("catalogue"));
    let ecountries = std::sync::Arc::new(Countries::embedded().expect("countries"));

    // Formats: all, or MIGPROF_BENCH_FORMATS (e.g. `html,md,svg` to leave out PNG).
    let formats = std::env::var("MIGPROF_BENCH_FORMATS")
        .ok()
        .map(|f| Formats::parse(&f.split(',').collect::<Vec<_>>()).expect("formats"))
        .unwrap_or(Formats::ALL);

    // 1. One profile, many times.
    let one = std::env::var("MIGPROF_BENCH_PROFILE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| fixtures.join("destination.toml"));
    let pf = ProfileFile::load(&one).expect("profile");
    let is_fixture = one.starts_with(&fixtures);
    let (cat, countries) = if is_fixture {
        (fcat.clone(), fcountries.clone())
    } else {
        (ecat.clone(), ecountries.clone())
    };
    let template = template_for(&pf.profile, &one);
    let out = tempfile::tempdir().expect("tempdir");
    let runs = 50;
    // Warm up (font registration, page cache).
    build_profile(
        &pf.profile,
        &cat,
        &countries,
        &template,
        out.path(),
        formats,
    )
    .expect("build");
    let t = Instant::now();
    let cpu0 = cpu_seconds();
    let mut files = 0;
    eprintln!("formats: {formats:?}");
    for _ in 0..runs {
        let r = build_profile(
            &pf.profile,
            &cat,
            &countries,
            &template,
            out.path(),
            formats,
        )
        .expect("build");
        files = r.files.len();
    }
    let mean = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    let cpu = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) => format!(", CPU {:.1} ms per build", (b - a) * 1000.0 / runs as f64),
        _ => String::new(),
    };
    println!(
        "one profile ({}, {} observations, {files} files, {formats:?}): mean {mean:.1} ms wall over {runs} builds{cpu}",
        one.display(),
        pf.profile.observations.len()
    );

    // 1b. The DOCX alone: writing it from the document and drawn charts, and with the charts.
    {
        let ctx = migprof::render::data::Ctx::new(&pf.profile, &cat, &countries, &template);
        let doc = migprof::render::report::build(&ctx).expect("document");
        let pngs: Vec<Vec<u8>> = doc
            .figures
            .iter()
            .map(|f| migprof::render::chart::png_bytes(&f.chart).expect("png"))
            .collect();
        let t = Instant::now();
        let cpu0 = cpu_seconds();
        let mut size = 0;
        for _ in 0..runs {
            size = migprof::render::docx::render_with(&doc, &pngs)
                .expect("docx")
                .len();
        }
        let write = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        let cpu = match (cpu0, cpu_seconds()) {
            (Some(a), Some(b)) => format!(" (CPU {:.1} ms)", (b - a) * 1000.0 / runs as f64),
            _ => String::new(),
        };
        let t = Instant::now();
        for _ in 0..runs {
            migprof::render::docx::render(&doc).expect("docx");
        }
        let with_charts = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!(
            "docx ({} figures, {size} bytes): mean {write:.1} ms wall{cpu} from the document and charts, {with_charts:.1} ms wall drawing the charts too",
            doc.figures.len()
        );
    }

    // 2. A batch.
    let batch_dir = args
        .first()
        .cloned()
        .or_else(|| std::env::var("MIGPROF_BENCH_BATCH").ok())
        .map(PathBuf::from);
    let mut jobs: Vec<Job> = Vec::new();
    match &batch_dir {
        Some(dir) => {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
                .expect("batch dir")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            paths.sort();
            for p in paths {
                let Ok(pf) = ProfileFile::load(&p) else {
                    eprintln!("skipping unreadable {}", p.display());
                    continue;
                };
                let template = template_for(&pf.profile, &p);
                jobs.push(Job {
                    name: p.file_stem().unwrap().to_string_lossy().into_owned(),
                    profile: pf.profile,
                    catalogue: ecat.clone(),
                    countries: ecountries.clone(),
                    template,
                });
            }
        }
        None => {
            let names = ["destination.toml", "origin.toml", "sparse.toml"];
            for i in 0..200 {
                let p = fixtures.join(names[i % names.len()]);
                let pf = ProfileFile::load(&p).expect("fixture");
                let template = template_for(&pf.profile, &p);
                jobs.push(Job {
                    name: format!("p{i:03}"),
                    profile: pf.profile,
                    catalogue: fcat.clone(),
                    countries: fcountries.clone(),
                    template,
                });
            }
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("pool");
    let out = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let cpu0 = cpu_seconds();
    let results: Vec<usize> = pool.install(|| {
        jobs.par_iter()
            .map(|j| {
                build_profile(
                    &j.profile,
                    &j.catalogue,
                    &j.countries,
                    &j.template,
                    &out.path().join(&j.name),
                    formats,
                )
                .map(|r| r.files.len())
                .unwrap_or_else(|e| panic!("{}: {e}", j.name))
            })
            .collect()
    });
    let total = t.elapsed().as_secs_f64();
    let cpu = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) => format!(", CPU {:.2} s", b - a),
        _ => String::new(),
    };
    println!(
        "batch of {} profiles ({}; {} files, 2 threads): total {total:.2} s wall{cpu}, {:.1} ms per profile",
        jobs.len(),
        batch_dir
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| "render fixtures replicated".into()),
        results.iter().sum::<usize>(),
        total * 1000.0 / jobs.len().max(1) as f64
    );
}
