//! `migprof check PROFILE...`: validate; print every problem as `file:line:col: severity: message`.

use super::{EXIT_FAILED, EXIT_OK, Env};
use crate::profile::{Profile, ProfileError, read_text};
use crate::text::terminal_multiline;
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
    let text = match read_text(path) {
        Ok(t) => t,
        Err(ProfileError::Syntax {
            path,
            location,
            message,
        }) => return (vec![format!("{path}:{location}: error: {message}")], vec![]),
        Err(ProfileError::Io { source, .. }) => {
            return (vec![format!("{shown}: error: {source}")], vec![]);
        }
        Err(e) => return (vec![format!("error: {e}")], vec![]),
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
    let template = match super::template_for(&profile.meta.template, path) {
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

/// Unresolved conflicts between sources above the profile's tolerance, one failing entry per
/// indicator (a preference is recorded per indicator): the latest conflicting value in full
/// (values side by side, difference, likely reason), how many other periods or cells differ
/// and the largest difference, and how to resolve it. Each entry points at the first
/// observation of the key it shows.
fn conflict_lines(env: &Env, profile: &Profile, text: &str, shown: &str) -> Vec<String> {
    use crate::model::Period;
    use crate::quality::reconcile::Conflict;
    use crate::quality::{percent, reconcile};
    use crate::validate::{Locator, Step};
    use std::collections::BTreeMap;
    let tolerance = profile.reconcile.tolerance;
    let locator = Locator::new(text);
    let mut by_indicator: BTreeMap<String, Vec<Conflict>> = BTreeMap::new();
    for c in reconcile::unresolved(profile, &env.catalogue) {
        by_indicator
            .entry(c.key.indicator.clone())
            .or_default()
            .push(c);
    }
    let when =
        |c: &Conflict| Period::parse(&c.key.period).map_or(f64::NEG_INFINITY, |p| p.axis_value());
    let mut out = Vec::new();
    for list in by_indicator.values() {
        // The latest total if any, else the latest cell.
        let Some(shown_c) = list
            .iter()
            .filter(|c| c.key.disaggregation.is_empty())
            .max_by(|a, b| when(a).total_cmp(&when(b)))
            .or_else(|| list.iter().max_by(|a, b| when(a).total_cmp(&when(b))))
        else {
            continue;
        };
        let at = profile
            .observations
            .iter()
            .position(|o| o.key() == shown_c.key)
            .map(|i| locator.locate(&[Step::Key("observation"), Step::Index(i)]))
            .map_or(String::new(), |l| format!(":{l}"));
        let mut line = format!(
            "{shown}{at}: error: unresolved conflict (above the tolerance of {}): {}",
            percent(tolerance),
            shown_c.describe(profile, &env.catalogue)
        );
        if list.len() > 1
            && let Some(worst) = list
                .iter()
                .max_by(|a, b| a.relative_difference.total_cmp(&b.relative_difference))
        {
            line.push_str(&format!(
                "\n  {} other value(s) of `{}` also differ above the tolerance; the largest difference is {} ({})",
                list.len() - 1,
                shown_c.key.indicator,
                percent(worst.relative_difference),
                worst.key
            ));
        }
        line.push_str(&format!("\n  {}", shown_c.resolve_hint()));
        out.push(line);
    }
    out
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
