//! `migprof check PROFILE...`: validate; print every problem as `file:line:col: severity: message`.

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::text::terminal_multiline;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Profile files.
    #[arg(required = true)]
    pub profiles: Vec<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

/// Check one profile file; returns (errors, warnings) lines already formatted with the path.
pub fn check_file(env: &Env, path: &std::path::Path) -> (Vec<String>, Vec<String>) {
    let c = crate::check::check_file(&env.catalogue, &env.countries, path);
    (c.errors, c.warnings)
}

pub fn run(env: &Env, args: CheckArgs) -> anyhow::Result<i32> {
    let mut failed = false;
    for path in &args.profiles {
        let (errors, warnings) = check_file(env, path);
        // Messages quote profile text (titles, ids, periods): shown with control and bidi
        // characters escaped. A message's own continuation lines are kept.
        let mut text = String::new();
        for l in errors.iter().chain(warnings.iter()) {
            text.push_str(&terminal_multiline(l));
            text.push('\n');
        }
        super::err(&text)?;
        if !errors.is_empty() || (args.strict && !warnings.is_empty()) {
            failed = true;
        } else {
            super::out(&format!(
                "{}: ok ({} warnings)\n",
                terminal_multiline(&path.display().to_string()),
                warnings.len()
            ))?;
        }
    }
    Ok(if failed { EXIT_FAILED } else { EXIT_OK })
}
