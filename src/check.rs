//! `check` as a core function: validation against the catalogue, countries and template, then
//! the unresolved conflicts between sources. The CLI's `check` and `build`, and the TUI's
//! Problems line, all use it, so a profile that `check` rejects is rejected everywhere.

use crate::catalogue::Catalogue;
use crate::country::Countries;
use crate::profile::{Profile, ProfileError};
use crate::template::Template;
use crate::validate::{Locator, Severity, Step, validate_at};
use std::path::Path;

/// Problems of a profile, each line formatted as `file:line:col: severity: message`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

impl Checked {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// The banner of a profile built although `check` rejects it.
pub fn invalid_banner(errors: usize) -> String {
    format!(
        "DRAFT: INVALID PROFILE. `migprof check` reports {errors} error(s); the figures and statements in this output are not checked and must not be published."
    )
}

/// Check one profile file.
pub fn check_file(catalogue: &Catalogue, countries: &Countries, path: &Path) -> Checked {
    let shown = path.display().to_string();
    let fail = |e: String| Checked {
        errors: vec![e],
        warnings: Vec::new(),
    };
    // Bounded, regular files only; invalid UTF-8 is placed at its line and column.
    let text = match crate::profile::read_text(path) {
        Ok(t) => t,
        Err(ProfileError::Syntax {
            path,
            location,
            message,
        }) => return fail(format!("{path}:{location}: error: {message}")),
        Err(ProfileError::Io { source, .. }) => {
            return fail(format!("{shown}: error: {source}"));
        }
        Err(e) => return fail(format!("error: {e}")),
    };
    let profile = match Profile::from_toml(&text, &shown) {
        Ok(p) => p,
        Err(ProfileError::Syntax {
            path,
            location,
            message,
        }) => return fail(format!("{path}:{location}: error: {message}")),
        Err(e) => return fail(format!("error: {e}")),
    };
    check_profile(catalogue, countries, &profile, &text, path)
}

/// Check a profile in memory. `text` is its TOML (for line and column; may be empty, then every
/// problem is placed at 1:1); `path` names it in messages and finds a template beside it.
pub fn check_profile(
    catalogue: &Catalogue,
    countries: &Countries,
    profile: &Profile,
    text: &str,
    path: &Path,
) -> Checked {
    check_profile_at(catalogue, countries, profile, &Locator::new(text), path)
}

/// [`check_profile`] placing problems with `loc` (one locator for all the checks, so the text
/// is parsed for places at most once, or never when `loc` knows them already).
pub fn check_profile_at(
    catalogue: &Catalogue,
    countries: &Countries,
    profile: &Profile,
    loc: &Locator,
    path: &Path,
) -> Checked {
    let shown = path.display().to_string();
    let mut checked = match Template::for_profile(&profile.meta.template, path) {
        Ok(t) => check_profile_with_at(catalogue, countries, &t, profile, loc, &shown),
        Err(e) => Checked {
            errors: vec![format!("{shown}: error: template: {e}")],
            warnings: Vec::new(),
        },
    };
    // The previous edition must be readable: the report compares with it.
    if let Err(e) = crate::system::editions::previous_of(profile, path) {
        let at = loc.locate(&[Step::Key("meta"), Step::Key("previous_edition")]);
        checked.errors.push(format!("{shown}:{at}: error: {e}"));
    }
    checked
}

/// [`check_profile`] with the template already loaded; `shown` prefixes every line.
pub fn check_profile_with(
    catalogue: &Catalogue,
    countries: &Countries,
    template: &Template,
    profile: &Profile,
    text: &str,
    shown: &str,
) -> Checked {
    check_profile_with_at(
        catalogue,
        countries,
        template,
        profile,
        &Locator::new(text),
        shown,
    )
}

fn check_profile_with_at(
    catalogue: &Catalogue,
    countries: &Countries,
    template: &Template,
    profile: &Profile,
    loc: &Locator,
    shown: &str,
) -> Checked {
    let text = loc.text();
    let mut out = Checked::default();
    for p in validate_at(profile, loc, catalogue, countries, template) {
        let line = format!("{shown}:{p}");
        match p.severity {
            Severity::Error => out.errors.push(line),
            Severity::Warning => out.warnings.push(line),
        }
    }
    let (errors, warnings) = governance_lines(profile, loc, shown);
    out.errors.extend(errors);
    out.warnings.extend(warnings);
    out.warnings.extend(translation_lines(
        catalogue, countries, template, profile, loc, shown,
    ));
    match catalogue.topics() {
        Ok(topics) => {
            let system = crate::system::validate(profile, text, catalogue, topics, template);
            out.errors
                .extend(system.into_iter().map(|l| format!("{shown}:{l}")));
        }
        Err(e) if crate::system::has_data_system(profile) => {
            out.errors.push(format!("{shown}: error: {e}"));
        }
        Err(_) => {}
    }
    if out.errors.is_empty() {
        out.errors
            .extend(conflict_lines(catalogue, profile, loc, shown));
    }
    out
}

/// `[governance]` entries Part C prints as recorded: an entry without its name is an error; a
/// ratification without the source it was found in, or a year after the reference year, is a
/// warning (Part C states only what the profile records, never a guessed treaty fact).
fn governance_lines(
    profile: &Profile,
    locator: &Locator,
    shown: &str,
) -> (Vec<String>, Vec<String>) {
    let g = &profile.governance;
    let reference = profile.meta.reference_year;
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    let at = |kind: &str, i: usize| {
        locator.locate(&[Step::Key("governance"), Step::Key(kind), Step::Index(i)])
    };
    let mut entry = |kind: &str, i: usize, name: &str, field: &str, year: Option<i32>| {
        if name.trim().is_empty() {
            errors.push(format!(
                "{shown}:{}: error: governance.{kind}[{i}]: `{field}` is empty",
                at(kind, i)
            ));
        }
        if let Some(y) = year.filter(|y| *y > reference) {
            warnings.push(format!(
                "{shown}:{}: warning: governance.{kind}[{i}]: year {y} is after the reference year {reference}",
                at(kind, i)
            ));
        }
    };
    for (i, r) in g.ratification.iter().enumerate() {
        entry("ratification", i, &r.instrument, "instrument", r.year);
    }
    for (i, x) in g.institution.iter().enumerate() {
        entry("institution", i, &x.name, "name", None);
    }
    for (i, x) in g.policy.iter().enumerate() {
        entry("policy", i, &x.title, "title", x.year);
    }
    for (i, x) in g.agreement.iter().enumerate() {
        entry("agreement", i, &x.title, "title", x.year);
        entry("agreement", i, &x.partner, "partner", None);
    }
    for (i, r) in g.ratification.iter().enumerate() {
        if r.source.trim().is_empty() {
            warnings.push(format!(
                "{shown}:{}: warning: governance.ratification[{i}] `{}` has no source: say where it was found (UN Treaty Collection, ILO NORMLEX)",
                at("ratification", i),
                r.instrument
            ));
        }
    }
    (errors, warnings)
}

/// What the report would write in English for want of a translation into the profile's
/// language, one warning per missing key, placed at `meta.language`.
fn translation_lines(
    catalogue: &Catalogue,
    countries: &Countries,
    template: &Template,
    profile: &Profile,
    loc: &Locator,
    shown: &str,
) -> Vec<String> {
    let missing = crate::i18n::missing(&profile.meta.language, catalogue, countries, template);
    if missing.is_empty() {
        return Vec::new();
    }
    let at = loc.locate(&[Step::Key("meta"), Step::Key("language")]);
    missing
        .into_iter()
        .map(|m| format!("{shown}:{at}: warning: {m}"))
        .collect()
}

/// Unresolved conflicts between sources above the profile's tolerance, one failing entry per
/// indicator (a preference is recorded per indicator): the latest conflicting value in full
/// (values side by side, difference, likely reason), how many other periods or cells differ
/// and the largest difference, and how to resolve it. Each entry points at the first
/// observation of the key it shows.
fn conflict_lines(
    catalogue: &Catalogue,
    profile: &Profile,
    locator: &Locator,
    shown: &str,
) -> Vec<String> {
    use crate::model::Period;
    use crate::quality::reconcile::Conflict;
    use crate::quality::{percent, reconcile};
    use std::collections::BTreeMap;
    let tolerance = profile.reconcile.tolerance;
    let mut by_indicator: BTreeMap<String, Vec<Conflict>> = BTreeMap::new();
    for c in reconcile::unresolved(profile, catalogue) {
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
            shown_c.describe(profile, catalogue)
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
