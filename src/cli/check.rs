//! `migprof check PROFILE...`: validate; print every problem as `file:line:col: severity: message`.

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::profile::{Profile, ProfileError};
use crate::template::Template;
use crate::validate::{Severity, validate};
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
    let shown = path.display().to_string();
    let text = match std::fs::read(path) {
        Ok(b) => match String::from_utf8(b) {
            Ok(t) => t,
            Err(_) => {
                return (
                    vec![format!("{shown}: error: the file is not valid UTF-8")],
                    vec![],
                );
            }
        },
        Err(e) => return (vec![format!("{shown}: error: {e}")], vec![]),
    };
    let profile = match Profile::from_toml(&text, &shown) {
        Ok(p) => p,
        Err(ProfileError::Syntax {
            path,
            location,
            message,
        }) => return (vec![format!("{path}:{location}: error: {message}")], vec![]),
        Err(e) => return (vec![format!("error: {e}")], vec![]),
    };
    let template = match Template::named(&profile.meta.template) {
        Ok(t) => t,
        Err(e) => return (vec![format!("{shown}: error: template: {e}")], vec![]),
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for p in validate(&profile, &text, &env.catalogue, &env.countries, &template) {
        let line = format!("{shown}:{p}");
        match p.severity {
            Severity::Error => errors.push(line),
            Severity::Warning => warnings.push(line),
        }
    }
    if errors.is_empty() {
        errors.extend(conflict_lines(env, &profile, &text, &shown));
    }
    (errors, warnings)
}

/// Unresolved conflicts between sources above the profile's tolerance: one failing line each,
/// with the values side by side, the difference, the likely reason and how to resolve it.
/// Each line points at the first observation of the conflicting key.
fn conflict_lines(env: &Env, profile: &Profile, text: &str, shown: &str) -> Vec<String> {
    use crate::validate::{Locator, Step};
    let tolerance = profile.reconcile.tolerance;
    let locator = Locator::new(text);
    crate::quality::reconcile::unresolved(profile, &env.catalogue)
        .iter()
        .map(|c| {
            let at = profile
                .observations
                .iter()
                .position(|o| o.key() == c.key)
                .map(|i| locator.locate(&[Step::Key("observation"), Step::Index(i)]))
                .map_or(String::new(), |l| format!(":{l}"));
            format!(
                "{shown}{at}: error: unresolved conflict (above the tolerance of {}): {}\n  {}",
                crate::quality::percent(tolerance),
                c.describe(profile, &env.catalogue),
                c.resolve_hint()
            )
        })
        .collect()
}

pub fn run(env: &Env, args: CheckArgs) -> anyhow::Result<i32> {
    let mut failed = false;
    for path in &args.profiles {
        let (errors, warnings) = check_file(env, path);
        for l in errors.iter().chain(warnings.iter()) {
            eprintln!("{l}");
        }
        if !errors.is_empty() || (args.strict && !warnings.is_empty()) {
            failed = true;
        } else {
            println!("{}: ok ({} warnings)", path.display(), warnings.len());
        }
    }
    Ok(if failed { EXIT_FAILED } else { EXIT_OK })
}
