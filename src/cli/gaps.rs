//! `migprof gaps`. Not implemented yet.

use super::Env;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct GapsArgs {
    pub profile: PathBuf,
    /// Output format: md, csv or json.
    #[arg(long, default_value = "md")]
    pub format: String,
}

pub fn run(_env: &Env, _a: GapsArgs) -> anyhow::Result<i32> {
    anyhow::bail!("gaps is not implemented yet")
}
