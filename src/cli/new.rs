//! `migprof new`: new profiles with the template's default modules.
//!
//! `migprof new --country ISO3 [--out FILE]` creates one profile (default
//! `profiles/<iso3>.toml`). `migprof new --country A,B,C --out DIR` creates one per country in
//! `DIR` (`<iso3 lowercase>.toml`); `migprof new --all-with-data FILE... --out DIR` one per
//! country that has mapped values in any of the files (each file imported once for every
//! country). Existing files are never overwritten: each is reported and the others go on (exit
//! 1 if any profile was not created).

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::country::Country;
use crate::ingest::{self, Context};
use crate::profile::{Profile, ProfileFile};
use crate::text::terminal;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// ISO 3166 alpha-3 code (a name or alpha-2 code is accepted and resolved); several,
    /// comma-separated (`DEU,MEX,TUR`), create one profile each in the `--out` folder.
    #[arg(
        long,
        value_delimiter = ',',
        required_unless_present = "all_with_data",
        conflicts_with = "all_with_data"
    )]
    pub country: Vec<String>,
    /// Create one profile per country with mapped values in any of these provider files.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub all_with_data: Vec<PathBuf>,
    /// Reference year of the profile.
    #[arg(long, default_value_t = 2024)]
    pub year: i32,
    /// Where to write it (default: profiles/<iso3>.toml; an existing folder gets <iso3>.toml);
    /// with several countries, the folder (default: profiles). Refuses to overwrite.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Template: `iom` (built in) or a path.
    #[arg(long, default_value = "iom")]
    pub template: String,
}

fn resolve<'a>(env: &'a Env, s: &str) -> Result<&'a Country, String> {
    let s = s.trim();
    env.countries
        .by_code(s)
        .or_else(|| env.countries.by_name(s))
        .ok_or_else(|| {
            let hint = env
                .countries
                .suggest(s)
                .map(|x| format!(" (did you mean {x}?)"))
                .unwrap_or_default();
            format!("unknown country `{s}`{hint}")
        })
}

pub fn run(env: &Env, args: NewArgs) -> anyhow::Result<i32> {
    let many = !args.all_with_data.is_empty() || args.country.len() > 1;
    let mut failed = false;
    let mut countries: Vec<&Country> = Vec::new();
    if args.all_with_data.is_empty() {
        for c in &args.country {
            match resolve(env, c) {
                Ok(c) => countries.push(c),
                Err(e) => {
                    super::err(&format!("migprof: error: {}\n", terminal(&e)))?;
                    failed = true;
                }
            }
        }
    } else {
        let mut with_data = BTreeSet::new();
        let ctx = Context {
            catalogue: &env.catalogue,
            countries: &env.countries,
            country: None,
            include_aggregates: false,
            mapping: None,
        };
        // The files side by side; each import is reduced to its countries at once.
        let found: Vec<_> = args
            .all_with_data
            .par_iter()
            .map(|f| ingest::import(f, None, &ctx).map(|out| crate::ops::countries_with_data(&out)))
            .collect();
        for r in found {
            match r {
                Ok(codes) => with_data.extend(codes),
                Err(e) => {
                    super::err(&format!("migprof: error: {}\n", terminal(&e.to_string())))?;
                    failed = true;
                }
            }
        }
        countries.extend(with_data.iter().filter_map(|c| env.countries.by_code(c)));
    }
    if !many && failed {
        return Ok(EXIT_FAILED);
    }
    let template = super::template_named(&args.template)?;
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("profiles"));
    let mut seen = BTreeSet::new();
    let mut jobs = Vec::new();
    for country in countries {
        if !seen.insert(country.iso3.clone()) {
            continue;
        }
        let file = format!("{}.toml", country.iso3.to_lowercase());
        let out = match (&args.out, many) {
            (Some(o), false) if o.is_dir() => o.join(&file),
            (Some(o), false) => o.clone(),
            (None, false) => PathBuf::from("profiles").join(&file),
            (_, true) => dir.join(&file),
        };
        let mut profile = Profile::new(
            &country.iso3,
            &country.name,
            args.year,
            template.default_modules(),
        );
        profile.meta.template = args.template.clone();
        jobs.push((country, out, profile));
    }
    // Created side by side (each save waits for the disk), reported in order.
    let results: Vec<Result<(), String>> = super::import::batch::in_save_pool(|| {
        jobs.par_iter()
            .map(|(_, out, profile)| create(out, profile.clone()))
            .collect()
    });
    for ((country, out, _), r) in jobs.iter().zip(results) {
        if let Err(e) = r {
            super::err(&format!("migprof: error: {}\n", terminal(&e)))?;
            failed = true;
            continue;
        }
        super::out(&format!(
            "created {} ({}, {})\n",
            terminal(&out.display().to_string()),
            terminal(&country.name),
            args.year
        ))?;
    }
    Ok(if failed { EXIT_FAILED } else { EXIT_OK })
}

/// Write a new profile at `out` (creating its folder); never overwrites.
fn create(out: &Path, profile: Profile) -> Result<(), String> {
    if out.exists() {
        return Err(format!(
            "{} already exists; not overwriting it",
            out.display()
        ));
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    ProfileFile::create(out, profile)
        .save()
        .map_err(|e| format!("{}: {e}", out.display()))
}
