//! `migprof build` and `migprof export`. Not implemented yet.

use super::Env;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Profiles to render.
    #[arg(required = true)]
    pub profiles: Vec<PathBuf>,
    /// Output directory (one folder per profile inside it).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Comma-separated formats: html, md, png, svg, data (default: all).
    #[arg(long, value_delimiter = ',')]
    pub format: Vec<String>,
    /// Parallel jobs (default: number of cores).
    #[arg(short = 'j', long)]
    pub jobs: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    pub profile: PathBuf,
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
}

pub fn run(_env: &Env, _a: BuildArgs) -> anyhow::Result<i32> {
    anyhow::bail!("build is not implemented yet")
}

pub fn export(_env: &Env, _a: ExportArgs) -> anyhow::Result<i32> {
    anyhow::bail!("export is not implemented yet")
}
