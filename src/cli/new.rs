//! `migprof new --country ISO3`: a new profile with the template's default modules.

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::profile::{Profile, ProfileFile};
use crate::text::terminal;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// ISO 3166 alpha-3 code (a name or alpha-2 code is accepted and resolved).
    #[arg(long)]
    pub country: String,
    /// Reference year of the profile.
    #[arg(long, default_value_t = 2024)]
    pub year: i32,
    /// Where to write it (default: profiles/<iso3>.toml). Refuses to overwrite.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Template: `iom` (built in) or a path.
    #[arg(long, default_value = "iom")]
    pub template: String,
}

pub fn run(env: &Env, args: NewArgs) -> anyhow::Result<i32> {
    let Some(country) = env
        .countries
        .by_code(&args.country)
        .or_else(|| env.countries.by_name(&args.country))
    else {
        let hint = env
            .countries
            .suggest(&args.country)
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        super::err(&format!(
            "migprof: error: unknown country `{}`{}\n",
            terminal(&args.country),
            terminal(&hint)
        ))?;
        return Ok(EXIT_FAILED);
    };
    let template = super::template_named(&args.template)?;
    let mut profile = Profile::new(
        &country.iso3,
        &country.name,
        args.year,
        template.default_modules(),
    );
    profile.meta.template = args.template.clone();
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("profiles/{}.toml", country.iso3.to_lowercase())));
    if out.exists() {
        super::err(&format!(
            "migprof: error: {} already exists; not overwriting it\n",
            terminal(&out.display().to_string())
        ))?;
        return Ok(EXIT_FAILED);
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    ProfileFile::create(&out, profile).save()?;
    super::out(&format!(
        "created {} ({}, {})\n",
        terminal(&out.display().to_string()),
        terminal(&country.name),
        args.year
    ))?;
    Ok(EXIT_OK)
}
