//! Profile edits from the command line, each one core operation of [`crate::ops`] (the same the
//! TUI uses), then an atomic save:
//!
//! - `migprof prefer PROFILE INDICATOR SOURCE --justification TEXT`
//! - `migprof add-value PROFILE --indicator I --period P --value V --provider ID --citation C
//!   [--breakdown dim=value]... [--footnote TEXT]`
//! - `migprof remove-source PROFILE ID`
//! - `migprof rename-source PROFILE OLD NEW`

use super::import::today;
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, Env};
use crate::ops::{self, OpError};
use crate::profile::{Profile, ProfileFile};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct PreferArgs {
    pub profile: PathBuf,
    /// Indicator id (`migprof catalogue` lists them).
    pub indicator: String,
    /// Profile source id whose values are preferred.
    pub source: String,
    /// Why this source is preferred (printed in the report's coherence annex).
    #[arg(long)]
    pub justification: String,
}

#[derive(Debug, clap::Args)]
pub struct AddValueArgs {
    pub profile: PathBuf,
    #[arg(long)]
    pub indicator: String,
    /// A year, YYYY-YYYY, YYYY-Sn (half-year), YYYY-Qn or YYYY-MM.
    #[arg(long)]
    pub period: String,
    /// The value as published (`1,234` and `12.5` are read).
    #[arg(long, allow_hyphen_values = true)]
    pub value: String,
    /// Registry provider id of the publisher (`migprof catalogue --family all`).
    #[arg(long)]
    pub provider: String,
    /// Full citation of the publication the value is taken from.
    #[arg(long)]
    pub citation: String,
    /// A breakdown cell, `dim=value` (e.g. `sex=F`); repeat for more.
    #[arg(long = "breakdown", value_name = "DIM=VALUE")]
    pub breakdown: Vec<String>,
    #[arg(long)]
    pub footnote: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RemoveSourceArgs {
    pub profile: PathBuf,
    /// Source id.
    pub id: String,
}

#[derive(Debug, clap::Args)]
pub struct RenameSourceArgs {
    pub profile: PathBuf,
    pub old: String,
    pub new: String,
}

/// Load, apply one operation, save; the message of a refused operation names the profile.
fn edit<T>(
    path: &std::path::Path,
    op: impl FnOnce(&mut Profile) -> Result<T, OpError>,
) -> anyhow::Result<Result<T, i32>> {
    let mut pf = ProfileFile::load(path)?;
    match op(&mut pf.profile) {
        Ok(t) => {
            pf.save()?;
            Ok(Ok(t))
        }
        Err(e) => {
            eprintln!("migprof: error: {}: {e}", path.display());
            Ok(Err(EXIT_FAILED))
        }
    }
}

pub fn prefer(env: &Env, a: PreferArgs) -> anyhow::Result<i32> {
    let r = edit(&a.profile, |p| {
        ops::set_preference(p, &env.catalogue, &a.indicator, &a.source, &a.justification)
    })?;
    Ok(match r {
        Ok(()) => {
            println!(
                "{}: {} now prefers source `{}`",
                a.profile.display(),
                a.indicator,
                a.source
            );
            EXIT_OK
        }
        Err(code) => code,
    })
}

pub fn add_value(env: &Env, a: AddValueArgs) -> anyhow::Result<i32> {
    let mut disaggregation = BTreeMap::new();
    for b in &a.breakdown {
        match b.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
                disaggregation.insert(k.trim().to_string(), v.trim().to_string());
            }
            _ => {
                eprintln!("migprof: error: --breakdown `{b}`: expected DIM=VALUE, e.g. sex=F");
                return Ok(EXIT_USAGE);
            }
        }
    }
    let mv = ops::ManualValue {
        indicator: a.indicator.clone(),
        period: a.period.clone(),
        value: a.value.clone(),
        disaggregation,
        provider: a.provider.clone(),
        citation: a.citation.clone(),
        footnote: a.footnote.clone(),
    };
    let today = today();
    let r = edit(&a.profile, |p| {
        ops::add_manual(p, &env.catalogue, &mv, &today)
    })?;
    Ok(match r {
        Ok(id) => {
            println!(
                "added {} {} to {} as manual source `{id}`",
                a.indicator,
                a.period,
                a.profile.display()
            );
            EXIT_OK
        }
        Err(code) => code,
    })
}

pub fn remove_source(_env: &Env, a: RemoveSourceArgs) -> anyhow::Result<i32> {
    let r = edit(&a.profile, |p| ops::remove_source(p, &a.id))?;
    Ok(match r {
        Ok(removed) => {
            println!(
                "removed source `{}` with {} values{} from {}",
                a.id,
                removed.observations.len(),
                if removed.preferences.is_empty() {
                    String::new()
                } else {
                    format!(" and {} preference(s)", removed.preferences.len())
                },
                a.profile.display()
            );
            EXIT_OK
        }
        Err(code) => code,
    })
}

pub fn rename_source(_env: &Env, a: RenameSourceArgs) -> anyhow::Result<i32> {
    let r = edit(&a.profile, |p| ops::rename_source(p, &a.old, &a.new))?;
    Ok(match r {
        Ok(()) => {
            println!(
                "renamed source `{}` to `{}` in {}",
                a.old,
                a.new,
                a.profile.display()
            );
            EXIT_OK
        }
        Err(code) => code,
    })
}
