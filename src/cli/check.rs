//! `migprof check PROFILE...`: validate; print every problem as `file:line:col: severity: message`.

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::text::terminal_multiline;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Profile files.
    #[arg(required = true)]
    pub profiles: Vec<PathBuf>,
    /// Treat warnings as errors, and fail on sections the working group has not validated.
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
        let (mut errors, warnings) = check_file(env, path);
        if args.strict {
            errors.extend(unvalidated_sections(path));
        }
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

/// `--strict`: the selected sections not validated (`[review."ID"] status = "validated"`).
fn unvalidated_sections(path: &std::path::Path) -> Vec<String> {
    let shown = path.display().to_string();
    let Ok(text) = crate::profile::read_text(path) else {
        return Vec::new();
    };
    let Ok(profile) = crate::profile::Profile::from_toml(&text, &shown) else {
        return Vec::new();
    };
    match super::template_for(&profile.meta.template, path) {
        Ok(t) => crate::system::review::strict_lines(&profile, &t, &shown),
        Err(_) => Vec::new(),
    }
}
