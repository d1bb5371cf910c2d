//! `migprof diff OLD NEW [--format md|json]`: what changed between two editions of a profile:
//! new periods and values, revised values (with the source revision), removed values, added
//! and dropped sources, action-plan progress. Exit 0 when they are the same, 1 when they differ
//! or cannot be read (as `diff` does).

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::profile::Profile;
use crate::system::editions::{diff, to_markdown};
use crate::text::{json_for_terminal, terminal_multiline};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The previous edition.
    pub old: PathBuf,
    /// The new edition.
    pub new: PathBuf,
    /// Output format: md or json.
    #[arg(long, default_value = "md", value_parser = ["md", "json"])]
    pub format: String,
}

fn load(p: &std::path::Path) -> anyhow::Result<Profile> {
    let shown = p.display().to_string();
    let text = crate::profile::read_text(p)?;
    Ok(Profile::from_toml(&text, &shown)?)
}

pub fn run(_env: &Env, a: DiffArgs) -> anyhow::Result<i32> {
    let (old, new) = (load(&a.old)?, load(&a.new)?);
    let d = diff(&old, &new);
    let out = match a.format.as_str() {
        "json" => {
            json_for_terminal(&format!("{}\n", serde_json::to_string_pretty(&d)?)).into_owned()
        }
        _ => terminal_multiline(&format!(
            "# Changes from {} to {}\n\n{}",
            a.old.display(),
            a.new.display(),
            to_markdown(&d)
        ))
        .into_owned(),
    };
    super::out(&out)?;
    Ok(if d.is_empty() { EXIT_OK } else { EXIT_FAILED })
}
