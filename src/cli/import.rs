//! `migprof import` and `migprof refresh`. Not implemented yet.

use super::Env;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The provider file, exactly as downloaded.
    pub file: PathBuf,
    /// ISO3 code of the country to keep (default: the profile's country, else every country).
    #[arg(long)]
    pub country: Option<String>,
    /// Force a format instead of detecting it.
    #[arg(long)]
    pub format: Option<String>,
    /// Add the file's values to this profile.
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Mapping file for the generic importer.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// List unmapped series and countries.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
pub struct RefreshArgs {
    pub profile: PathBuf,
}

pub fn run(_env: &Env, _a: ImportArgs) -> anyhow::Result<i32> {
    anyhow::bail!("import is not implemented yet")
}

pub fn refresh(_env: &Env, _a: RefreshArgs) -> anyhow::Result<i32> {
    anyhow::bail!("refresh is not implemented yet")
}
