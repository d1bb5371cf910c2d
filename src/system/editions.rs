//! Editions of a profile: what changed between a previous edition and this one (new values
//! and periods, revised values with the source revision, removed values, added and dropped
//! sources, action-plan progress). Values are matched by indicator, period and breakdown
//! within the same provider and dataset, so a value another source also gives is not a
//! revision.

use crate::model::{ObsKey, Observation};
use crate::profile::{ActionItem, Profile};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A value published again with another figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub key: String,
    pub indicator: String,
    pub period: String,
    /// The breakdown as `dim=value` pairs joined by `, ` (empty: the total).
    pub breakdown: String,
    pub provider: String,
    pub dataset: String,
    pub old: f64,
    pub new: f64,
    /// The revision or vintage the values carry (`IMS 2020` -> `IMS 2024`), where recorded.
    pub old_revision: Option<String>,
    pub new_revision: Option<String>,
}

/// An action of the plan and how its status moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub indicator: String,
    pub action: String,
    /// `None`: the action is new in this edition.
    pub old: Option<String>,
    /// `None`: the action was dropped.
    pub new: Option<String>,
}

/// Everything that changed.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct EditionDiff {
    /// Values whose key is new (`indicator period [breakdown]`, with the provider).
    pub added: Vec<String>,
    /// Periods an indicator has now and had in no source before: `indicator period`.
    pub new_periods: Vec<String>,
    pub revised: Vec<Revision>,
    /// Values the previous edition had and this one does not.
    pub removed: Vec<String>,
    /// Sources (`provider: dataset`) added and dropped.
    pub sources_added: Vec<String>,
    pub sources_dropped: Vec<String>,
    pub actions: Vec<Progress>,
    /// Per indicator: values new in this edition, values dropped, periods new to the
    /// indicator (the report's annex counts these rather than listing thousands of keys).
    #[serde(skip)]
    pub by_indicator: BTreeMap<String, IndicatorChanges>,
}

/// What changed for one indicator.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndicatorChanges {
    pub added: usize,
    pub removed: usize,
    pub revised: usize,
    pub new_periods: Vec<String>,
}

impl EditionDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.revised.is_empty()
            && self.removed.is_empty()
            && self.sources_added.is_empty()
            && self.sources_dropped.is_empty()
            && self.actions.is_empty()
    }
}

type Key = (ObsKey, String, String);

fn values(p: &Profile) -> BTreeMap<Key, &Observation> {
    let src: BTreeMap<&str, (&str, &str)> = p
        .sources
        .iter()
        .map(|s| (s.id.as_str(), (s.provider.as_str(), s.dataset.as_str())))
        .collect();
    p.observations
        .iter()
        .map(|o| {
            let (prov, ds) = src
                .get(o.source.as_str())
                .copied()
                .unwrap_or((o.source.as_str(), ""));
            ((o.key(), prov.to_string(), ds.to_string()), o)
        })
        .collect()
}

fn status(a: &ActionItem) -> String {
    a.status.map_or("planned", |s| s.label()).to_string()
}

/// Compare two editions.
pub fn diff(old: &Profile, new: &Profile) -> EditionDiff {
    let (a, b) = (values(old), values(new));
    let mut d = EditionDiff::default();
    let old_periods: BTreeSet<(&str, &str)> = old
        .observations
        .iter()
        .map(|o| (o.indicator.as_str(), o.period.as_str()))
        .collect();
    let mut new_periods = BTreeSet::new();
    for (k, o) in &b {
        match a.get(k) {
            None => {
                d.added.push(format!("{} ({})", k.0, k.1));
                let c = d.by_indicator.entry(o.indicator.clone()).or_default();
                c.added += 1;
                if !old_periods.contains(&(o.indicator.as_str(), o.period.as_str()))
                    && new_periods.insert(format!("{} {}", o.indicator, o.period))
                {
                    c.new_periods.push(o.period.clone());
                }
            }
            Some(p) if p.value != o.value => d.revised.push(Revision {
                key: k.0.to_string(),
                indicator: o.indicator.clone(),
                period: o.period.clone(),
                breakdown: (k.0.disaggregation.iter())
                    .map(|(a, b)| format!("{a}={b}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                provider: k.1.clone(),
                dataset: k.2.clone(),
                old: p.value,
                new: o.value,
                old_revision: p.revision.clone(),
                new_revision: o.revision.clone(),
            }),
            Some(_) => {}
        }
    }
    for r in &d.revised {
        d.by_indicator
            .entry(r.indicator.clone())
            .or_default()
            .revised += 1;
    }
    for k in a.keys() {
        if !b.contains_key(k) {
            d.removed.push(format!("{} ({})", k.0, k.1));
            d.by_indicator
                .entry(k.0.indicator.clone())
                .or_default()
                .removed += 1;
        }
    }
    d.new_periods = new_periods.into_iter().collect();
    let sources = |p: &Profile| -> BTreeSet<String> {
        p.sources
            .iter()
            .map(|s| format!("{}: {}", s.provider, s.dataset))
            .collect()
    };
    let (sa, sb) = (sources(old), sources(new));
    d.sources_added = sb.difference(&sa).cloned().collect();
    d.sources_dropped = sa.difference(&sb).cloned().collect();
    let key = |x: &ActionItem| (x.indicator.clone(), x.instrument.clone(), x.action.clone());
    let olds: BTreeMap<_, &ActionItem> = old.actions.iter().map(|x| (key(x), x)).collect();
    let news: BTreeMap<_, &ActionItem> = new.actions.iter().map(|x| (key(x), x)).collect();
    for (k, n) in &news {
        let before = olds.get(k).map(|o| status(o));
        let now = status(n);
        if before.as_deref() != Some(now.as_str()) {
            d.actions.push(Progress {
                indicator: n.indicator.clone(),
                action: n.action.clone(),
                old: before,
                new: Some(now),
            });
        }
    }
    for (k, o) in &olds {
        if !news.contains_key(k) {
            d.actions.push(Progress {
                indicator: o.indicator.clone(),
                action: o.action.clone(),
                old: Some(status(o)),
                new: None,
            });
        }
    }
    d
}

/// Why a profile's previous edition could not be read (`reason` names the file).
#[derive(Debug, thiserror::Error)]
#[error("meta.previous_edition = \"{given}\": {reason}")]
pub struct PreviousEditionError {
    pub given: String,
    pub path: String,
    pub reason: String,
}

/// Where `meta.previous_edition` points: relative paths are read from the profile's folder.
pub fn previous_path(profile: &Profile, profile_path: &Path) -> Option<PathBuf> {
    let given = profile.meta.previous_edition.as_deref()?.trim();
    if given.is_empty() {
        return None;
    }
    let given = Path::new(given);
    Some(if given.is_absolute() {
        given.to_path_buf()
    } else {
        profile_path
            .parent()
            .unwrap_or_else(|| Path::new(""))
            .join(given)
    })
}

/// The previous edition the profile names, loaded (`None` when it names none). Every front
/// end that builds a report calls this, so the report's "Changes since the previous edition"
/// is the same from the CLI and the TUI.
pub fn previous_of(
    profile: &Profile,
    profile_path: &Path,
) -> Result<Option<Profile>, PreviousEditionError> {
    let Some(path) = previous_path(profile, profile_path) else {
        return Ok(None);
    };
    let err = |reason: String| PreviousEditionError {
        given: profile.meta.previous_edition.clone().unwrap_or_default(),
        path: path.display().to_string(),
        reason,
    };
    let text = crate::profile::read_text(&path).map_err(|e| err(e.to_string()))?;
    let old =
        Profile::from_toml(&text, &path.display().to_string()).map_err(|e| err(e.to_string()))?;
    if old.meta.country != profile.meta.country {
        return Err(err(format!(
            "{}: a profile of {}, not of {}",
            path.display(),
            old.meta.country,
            profile.meta.country
        )));
    }
    Ok(Some(old))
}

fn number(v: f64) -> String {
    crate::quality::number(v)
}

/// The diff as Markdown lines (the CLI prints them; the report annex uses the same words).
pub fn to_markdown(d: &EditionDiff) -> String {
    let mut s = String::new();
    let mut list = |title: &str, items: Vec<String>| {
        s.push_str(&format!("## {title} ({})\n\n", items.len()));
        if !items.is_empty() {
            for i in items {
                s.push_str(&format!("- {i}\n"));
            }
            s.push('\n');
        }
    };
    list("New periods", d.new_periods.clone());
    list("New values", d.added.clone());
    list(
        "Revised values",
        d.revised
            .iter()
            .map(|r| {
                let rev = match (&r.old_revision, &r.new_revision) {
                    (Some(a), Some(b)) if a != b => format!("revision {a} -> {b}"),
                    (_, Some(b)) => format!("revision {b}"),
                    _ => "no revision recorded".to_string(),
                };
                format!(
                    "{}: {} -> {} ({}: {}; {rev})",
                    r.key,
                    number(r.old),
                    number(r.new),
                    r.provider,
                    r.dataset
                )
            })
            .collect(),
    );
    list("Removed values", d.removed.clone());
    list("Sources added", d.sources_added.clone());
    list("Sources dropped", d.sources_dropped.clone());
    list(
        "Action-plan progress",
        d.actions
            .iter()
            .map(|p| {
                format!(
                    "{} ({}): {} -> {}",
                    p.action,
                    p.indicator,
                    p.old.as_deref().unwrap_or("new"),
                    p.new.as_deref().unwrap_or("dropped")
                )
            })
            .collect(),
    );
    s
}
