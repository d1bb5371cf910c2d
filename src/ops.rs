//! One core operation per change to a profile.
//!
//! Every way a profile changes (add a source with its values, re-import a source, add a manual
//! value, record a preference, remove or rename a source) is one function here, used by the CLI
//! and the TUI alike. Each applies every rule about what may enter a profile, in one place:
//!
//! - **country**: only rows of the profile's country;
//! - **reference window**: periods from 1900 up to the profile's reference year (a profile
//!   describes what happened up to it: later periods, projections among them, are left out and
//!   counted);
//! - **projections** inside the window are kept only marked (`status = "projection"`, set by the
//!   importer), so they are never "the latest value";
//! - **duplicates**: a row repeated identically in the file is counted once; two rows with the
//!   same key and different values are an error naming both; a value the profile already has
//!   from the same provider refuses the import; the same file (sha256) is never added twice;
//! - **disclosure at import**: non-traditional mobility counts below the profile's threshold
//!   refuse the import.
//!
//! The functions change the in-memory [`Profile`] only; the caller saves it (atomically). They
//! never print and read no clock: "today" is passed in.

use crate::catalogue::{Catalogue, Kind, Unit};
use crate::ingest::{Context, Format, Outcome, Record};
use crate::model::{ObsKey, Observation, Period, Source};
use crate::profile::{Preference, Profile};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use thiserror::Error;

/// The earliest year a profile holds.
pub const FIRST_YEAR: i32 = 1900;

#[derive(Debug, Error, PartialEq)]
pub enum OpError {
    #[error(
        "{file} is already in the profile as source `{source_id}` (same sha256); not adding it again"
    )]
    AlreadyImported { file: String, source_id: String },
    #[error(
        "the profile already has {count} of these values from provider {provider}; not adding duplicates. First: {first}"
    )]
    Duplicates {
        provider: String,
        count: usize,
        first: String,
    },
    #[error("{file}: two rows give {key} different values ({a} and {b}); correct the file")]
    ConflictingRows {
        file: String,
        key: String,
        a: String,
        b: String,
    },
    #[error("nothing to add: {0}")]
    Nothing(String),
    #[error("{0}")]
    Refused(String),
    #[error("no source `{0}` in the profile")]
    NoSuchSource(String),
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
}

fn invalid(field: &str, message: impl Into<String>) -> OpError {
    OpError::Invalid {
        field: field.to_string(),
        message: message.into(),
    }
}

/// Why an imported value was not added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOutReason {
    /// A row of another country (files read for several profiles at once).
    OtherCountry,
    /// A period the model cannot read.
    BadPeriod,
    /// Before 1900.
    BeforeWindow,
    /// After the reference year (projections beyond it among them).
    AfterReferenceYear,
    /// The same row twice in the file: counted once.
    DuplicateRow,
}

impl LeftOutReason {
    pub fn describe(self) -> &'static str {
        match self {
            LeftOutReason::OtherCountry => "of another country",
            LeftOutReason::BadPeriod => "with a period that is not a year, span, quarter or month",
            LeftOutReason::BeforeWindow => "before 1900",
            LeftOutReason::AfterReferenceYear => {
                "after the reference year (projections and periods the profile does not cover)"
            }
            LeftOutReason::DuplicateRow => "repeated identically in the file (counted once)",
        }
    }
}

/// Values left out of an import for one reason, with an example.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    pub reason: LeftOutReason,
    pub count: usize,
    pub example: String,
}

/// The values of an import that may enter the profile, and what was left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Admitted {
    pub observations: Vec<Observation>,
    pub left_out: Vec<LeftOut>,
    /// Of the admitted values, how many are projections (kept, marked).
    pub projections: usize,
}

/// Apply the rules of entry to imported records (see the module docs). `file` names the file in
/// messages. The observations returned have an empty `source`.
pub fn admit(
    profile: &Profile,
    catalogue: &Catalogue,
    records: &[Record],
    file: &str,
    provider: &str,
) -> Result<Admitted, OpError> {
    let country = profile.meta.country.to_ascii_uppercase();
    let last = profile.meta.reference_year;
    let mut left: BTreeMap<LeftOutReason, LeftOut> = BTreeMap::new();
    let mut leave = |reason: LeftOutReason, o: &Observation| {
        left.entry(reason)
            .or_insert_with(|| LeftOut {
                reason,
                count: 0,
                example: o.key().to_string(),
            })
            .count += 1;
    };
    let mut seen: HashMap<ObsKey, usize> = HashMap::new();
    let mut kept: Vec<Observation> = Vec::new();
    for r in records {
        let o = &r.observation;
        if !r.country.eq_ignore_ascii_case(&country) {
            leave(LeftOutReason::OtherCountry, o);
            continue;
        }
        let Some(p) = Period::parse(&o.period) else {
            leave(LeftOutReason::BadPeriod, o);
            continue;
        };
        if p.start_year() < FIRST_YEAR {
            leave(LeftOutReason::BeforeWindow, o);
            continue;
        }
        if p.end_year() > last {
            leave(LeftOutReason::AfterReferenceYear, o);
            continue;
        }
        let key = o.key();
        if let Some(&i) = seen.get(&key) {
            let first: &Observation = &kept[i];
            if same_value(first, o) {
                leave(LeftOutReason::DuplicateRow, o);
                continue;
            }
            return Err(OpError::ConflictingRows {
                file: file.to_string(),
                key: key.to_string(),
                a: crate::quality::number(first.value),
                b: crate::quality::number(o.value),
            });
        }
        seen.insert(key, kept.len());
        let mut o = o.clone();
        o.source.clear();
        kept.push(o);
    }
    if let Some(family) = catalogue.provider(provider).map(|p| p.family) {
        crate::quality::disclosure::check_mobility(
            kept.iter(),
            catalogue,
            family,
            profile.disclosure.mobility_threshold,
            file,
        )
        .map_err(OpError::Refused)?;
    }
    let projections = kept.iter().filter(|o| o.is_projection()).count();
    Ok(Admitted {
        observations: grouped(kept),
        left_out: left.into_values().collect(),
        projections,
    })
}

/// The values of each series together: series (indicator, concept, status, territory,
/// revision, coverage, breakdown) in the order they first appear, then each cell of a breakdown
/// in the order it first appears, periods in file order within a cell. Files such as WPP's
/// period indicators give one row per period with several indicators on it: kept in row order,
/// the profile wrote each value as a series of its own (`[[series]]` with one period), which
/// the compact layout exists to avoid.
fn grouped(obs: Vec<Observation>) -> Vec<Observation> {
    type Series<'a> = (
        &'a str,
        Option<&'a str>,
        Option<crate::model::Status>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Vec<&'a str>,
    );
    let ranks: Vec<(usize, usize)> = {
        let mut series: HashMap<Series, usize> = HashMap::new();
        let mut cells: HashMap<(usize, Vec<&str>), usize> = HashMap::new();
        obs.iter()
            .map(|o| {
                let key: Series = (
                    &o.indicator,
                    o.concept.as_deref(),
                    o.status,
                    o.territory.as_deref(),
                    o.revision.as_deref(),
                    o.coverage.as_deref(),
                    o.disaggregation.keys().map(String::as_str).collect(),
                );
                let n = series.len();
                let s = *series.entry(key).or_insert(n);
                let cell = (s, o.disaggregation.values().map(String::as_str).collect());
                let m = cells.len();
                (s, *cells.entry(cell).or_insert(m))
            })
            .collect()
    };
    if ranks.is_sorted() {
        return obs;
    }
    let mut order: Vec<usize> = (0..obs.len()).collect();
    order.sort_by_key(|&i| ranks[i]);
    let mut slots: Vec<Option<Observation>> = obs.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

fn same_value(a: &Observation, b: &Observation) -> bool {
    a.value == b.value
        && a.flags == b.flags
        && a.footnote == b.footnote
        && a.status == b.status
        && a.territory == b.territory
        && a.revision == b.revision
        && a.coverage == b.coverage
        && a.concept == b.concept
}

/// A provider file read for a profile: where it is, how to record it, its hash and its import.
pub struct FileImport<'a> {
    /// The path as recorded in the profile (see [`stored_path`]).
    pub stored: String,
    pub sha256: String,
    pub outcome: &'a Outcome,
}

/// What [`add_source`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    /// A new source with this many values.
    Source {
        id: String,
        values: usize,
        admitted: Admitted,
    },
    /// A footnotes table: its footnotes were attached to this many values of the profile.
    Footnotes { attached: usize },
}

/// Add a provider file as a new source with its values, applying every rule of entry.
/// A UNHCR footnotes table adds no source: its footnotes are attached to the profile's UNHCR
/// Refugee Data Finder values.
pub fn add_source(
    profile: &mut Profile,
    ctx: &Context,
    imp: &FileImport,
    today: &str,
) -> Result<Added, OpError> {
    let out = imp.outcome;
    if out.format == Format::UnhcrFootnotes {
        let attached = attach_footnotes(profile, ctx, &out.footnotes);
        return Ok(Added::Footnotes { attached });
    }
    if let Some(s) = profile
        .sources
        .iter()
        .find(|s| s.sha256.as_deref() == Some(imp.sha256.as_str()))
    {
        return Err(OpError::AlreadyImported {
            file: imp.stored.clone(),
            source_id: s.id.clone(),
        });
    }
    let admitted = admit(
        profile,
        ctx.catalogue,
        &out.records,
        &imp.stored,
        &out.provider,
    )?;
    if admitted.observations.is_empty() {
        let why = match admitted.left_out.iter().max_by_key(|l| l.count) {
            Some(l) => format!(
                "the file's {} values for {} are all left out, e.g. {} values {} ({})",
                out.records.len(),
                profile.meta.country,
                l.count,
                l.reason.describe(),
                l.example
            ),
            None => format!("the file has no mapped values for {}", profile.meta.country),
        };
        return Err(OpError::Nothing(why));
    }
    let same_provider: BTreeSet<&str> = profile
        .sources
        .iter()
        .filter(|s| s.provider == out.provider)
        .map(|s| s.id.as_str())
        .collect();
    let existing: HashMap<ObsKey, &str> = profile
        .observations
        .iter()
        .filter(|o| same_provider.contains(o.source.as_str()))
        .map(|o| (o.key(), o.source.as_str()))
        .collect();
    let clashes: Vec<String> = admitted
        .observations
        .iter()
        .filter_map(|o| {
            existing
                .get(&o.key())
                .map(|s| format!("{} (source `{s}`)", o.key()))
        })
        .collect();
    if !clashes.is_empty() {
        return Err(OpError::Duplicates {
            provider: out.provider.clone(),
            count: clashes.len(),
            first: clashes
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join("; "),
        });
    }
    let id = unique_source_id(&profile.sources, &out.provider, &out.dataset);
    let registry = ctx.catalogue.provider(&out.provider);
    let licence = registry.map(|p| p.licence.clone()).unwrap_or_else(|| {
        format!(
            "unknown: provider `{}` is not in the registry",
            out.provider
        )
    });
    profile.sources.push(Source {
        id: id.clone(),
        provider: out.provider.clone(),
        dataset: out.dataset.clone(),
        file: Some(imp.stored.clone()),
        format: Some(out.format.id().to_string()),
        sha256: Some(imp.sha256.clone()),
        retrieved: Some(today.to_string()),
        licence,
        url: registry.and_then(|p| p.url.clone()),
        citation: None,
        notes: out.notes.clone(),
    });
    let values = admitted.observations.len();
    profile
        .observations
        .extend(admitted.observations.iter().cloned().map(|mut o| {
            o.source = id.clone();
            o
        }));
    Ok(Added::Source {
        id,
        values,
        admitted,
    })
}

/// Attach footnotes of a UNHCR footnotes table to the profile's UNHCR Refugee Data Finder
/// values; returns how many values got one.
fn attach_footnotes(
    profile: &mut Profile,
    ctx: &Context,
    footnotes: &[crate::ingest::unhcr::Footnote],
) -> usize {
    let rdf: BTreeSet<String> = profile
        .sources
        .iter()
        .filter(|s| s.format.as_deref() == Some(Format::UnhcrRdf.id()))
        .map(|s| s.id.clone())
        .collect();
    let country = profile.meta.country.clone();
    let idx: Vec<usize> = (0..profile.observations.len())
        .filter(|&i| rdf.contains(&profile.observations[i].source))
        .collect();
    let mut recs: Vec<Record> = idx
        .iter()
        .map(|&i| Record {
            country: country.clone(),
            observation: profile.observations[i].clone(),
        })
        .collect();
    let n = crate::ingest::unhcr::attach_footnotes(ctx, &mut recs, footnotes);
    for (&i, r) in idx.iter().zip(recs) {
        profile.observations[i].footnote = r.observation.footnote;
    }
    n
}

/// One value that differs between a source's values in the profile and a new import.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Added(Observation),
    Changed {
        old: Box<Observation>,
        new: Box<Observation>,
    },
    Removed(Observation),
}

/// How a source's values in the profile differ from a new import of its file.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDiff {
    pub source_id: String,
    pub sha256_changed: bool,
    pub changes: Vec<Change>,
    pub admitted: Admitted,
    /// Values unchanged.
    pub unchanged: usize,
}

impl SourceDiff {
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for ch in &self.changes {
            match ch {
                Change::Added(_) => c.0 += 1,
                Change::Changed { .. } => c.1 += 1,
                Change::Removed(_) => c.2 += 1,
            }
        }
        c
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && !self.sha256_changed
    }
}

/// Compare a source's values with a new import of its file (the same rules of entry as
/// [`add_source`]). Changes nothing.
pub fn diff_source(
    profile: &Profile,
    catalogue: &Catalogue,
    source_id: &str,
    imp: &FileImport,
) -> Result<SourceDiff, OpError> {
    let src = profile
        .source(source_id)
        .ok_or_else(|| OpError::NoSuchSource(source_id.to_string()))?;
    let admitted = admit(
        profile,
        catalogue,
        &imp.outcome.records,
        &imp.stored,
        &imp.outcome.provider,
    )?;
    let old: BTreeMap<ObsKey, &Observation> = profile
        .observations
        .iter()
        .filter(|o| o.source == source_id)
        .map(|o| (o.key(), o))
        .collect();
    let new: BTreeMap<ObsKey, &Observation> =
        admitted.observations.iter().map(|o| (o.key(), o)).collect();
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for (k, n) in &new {
        let mut n = (*n).clone();
        n.source = source_id.to_string();
        match old.get(k) {
            None => changes.push(Change::Added(n)),
            Some(o) if !same_value(o, &n) => changes.push(Change::Changed {
                old: Box::new((*o).clone()),
                new: Box::new(n),
            }),
            Some(_) => unchanged += 1,
        }
    }
    for (k, o) in &old {
        if !new.contains_key(k) {
            changes.push(Change::Removed((*o).clone()));
        }
    }
    Ok(SourceDiff {
        source_id: source_id.to_string(),
        sha256_changed: src.sha256.as_deref().is_some_and(|s| s != imp.sha256),
        changes,
        admitted,
        unchanged,
    })
}

/// Re-import a source: its values are replaced by the new import (where the first of them
/// stood, so a saved file keeps its order), its sha256 and retrieval date updated.
pub fn reimport_source(
    profile: &mut Profile,
    catalogue: &Catalogue,
    source_id: &str,
    imp: &FileImport,
    today: &str,
) -> Result<SourceDiff, OpError> {
    let diff = diff_source(profile, catalogue, source_id, imp)?;
    if diff.is_empty() {
        return Ok(diff);
    }
    let at = profile
        .observations
        .iter()
        .position(|o| o.source == source_id)
        .unwrap_or(profile.observations.len());
    let mut rest: Vec<Observation> = profile.observations.split_off(at);
    rest.retain(|o| o.source != source_id);
    profile
        .observations
        .extend(diff.admitted.observations.iter().cloned().map(|mut o| {
            o.source = source_id.to_string();
            o
        }));
    profile.observations.extend(rest);
    if let Some(s) = profile.sources.iter_mut().find(|s| s.id == source_id) {
        s.sha256 = Some(imp.sha256.clone());
        s.retrieved = Some(today.to_string());
        if imp.outcome.notes.is_some() {
            s.notes = imp.outcome.notes.clone();
        }
    }
    Ok(diff)
}

/// A value typed in by the analyst, with its citation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ManualValue {
    pub indicator: String,
    pub period: String,
    /// As typed (`1,234`, `12.5`).
    pub value: String,
    pub disaggregation: BTreeMap<String, String>,
    /// Registry provider id.
    pub provider: String,
    pub citation: String,
    pub footnote: Option<String>,
}

/// Add a manual value as a new source (provider, citation) with one observation. Errors name
/// the field (`Value: ...`) so a form can focus it.
pub fn add_manual(
    profile: &mut Profile,
    catalogue: &Catalogue,
    mv: &ManualValue,
    today: &str,
) -> Result<String, OpError> {
    let Some(ind) = catalogue.indicator(mv.indicator.trim()) else {
        let hint = catalogue
            .suggest_indicator(mv.indicator.trim())
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        return Err(invalid(
            "Indicator",
            format!("unknown indicator `{}`{hint}", mv.indicator.trim()),
        ));
    };
    let period = mv.period.trim();
    let Some(p) = Period::parse(period) else {
        return Err(invalid(
            "Period",
            format!("`{period}` is not a year, YYYY-YYYY, YYYY-Sn, YYYY-Qn or YYYY-MM"),
        ));
    };
    if p.start_year() < FIRST_YEAR || p.end_year() > profile.meta.reference_year {
        return Err(invalid(
            "Period",
            format!(
                "{period} is outside {FIRST_YEAR}..={} (the profile's reference year)",
                profile.meta.reference_year
            ),
        ));
    }
    let value: f64 = mv
        .value
        .trim()
        .replace(',', "")
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| invalid("Value", format!("`{}` is not a number", mv.value.trim())))?;
    if value < 0.0 && !ind.signed {
        return Err(invalid(
            "Value",
            format!("{} ({}) cannot be negative", ind.id, ind.unit.label()),
        ));
    }
    if ind.unit == Unit::Percent && ind.kind == Kind::Share && value > 100.0 {
        return Err(invalid(
            "Value",
            format!("{} is a share: at most 100", ind.id),
        ));
    }
    for k in mv.disaggregation.keys() {
        if !ind.disaggregations.iter().any(|d| d == k) {
            return Err(invalid(
                "Breakdown",
                format!(
                    "{} has no `{k}` breakdown (allowed: {})",
                    ind.id,
                    ind.disaggregations.join(", ")
                ),
            ));
        }
    }
    let Some(provider) = catalogue.provider(mv.provider.trim()) else {
        let hint = catalogue
            .suggest_provider(mv.provider.trim())
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        return Err(invalid(
            "Provider",
            format!("unknown provider `{}`{hint}", mv.provider.trim()),
        ));
    };
    let citation = mv.citation.trim();
    if citation.is_empty() {
        return Err(invalid("Citation", "a manual value needs a citation"));
    }
    let mut o = Observation::new(&ind.id, period, value, "");
    o.disaggregation = mv.disaggregation.clone();
    o.footnote = mv.footnote.clone().filter(|f| !f.trim().is_empty());
    let record = Record {
        country: profile.meta.country.clone(),
        observation: o,
    };
    let admitted = admit(profile, catalogue, &[record], "manual entry", &provider.id)?;
    let id = unique_source_id(
        &profile.sources,
        &format!("manual_{}", provider.id),
        &format!("{} {}", ind.id, period),
    );
    profile.sources.push(Source {
        id: id.clone(),
        provider: provider.id.clone(),
        dataset: "Manual entry".into(),
        licence: provider.licence.clone(),
        url: provider.url.clone(),
        retrieved: Some(today.to_string()),
        citation: Some(citation.to_string()),
        ..Source::default()
    });
    profile
        .observations
        .extend(admitted.observations.into_iter().map(|mut o| {
            o.source = id.clone();
            o
        }));
    Ok(id)
}

/// Record the preferred source of an indicator, with the reason (shown in the report's
/// coherence annex).
pub fn set_preference(
    profile: &mut Profile,
    catalogue: &Catalogue,
    indicator: &str,
    source: &str,
    justification: &str,
) -> Result<(), OpError> {
    if catalogue.indicator(indicator).is_none() {
        return Err(invalid(
            "Indicator",
            format!("unknown indicator `{indicator}`"),
        ));
    }
    if profile.source(source).is_none() {
        return Err(OpError::NoSuchSource(source.to_string()));
    }
    if !profile
        .observations
        .iter()
        .any(|o| o.indicator == indicator && o.source == source)
    {
        return Err(invalid(
            "Source",
            format!("source `{source}` has no value of `{indicator}`"),
        ));
    }
    let justification = justification.trim();
    if justification.is_empty() {
        return Err(invalid("Justification", "say why this source is preferred"));
    }
    profile.preferred.insert(
        indicator.to_string(),
        Preference {
            source: source.to_string(),
            justification: justification.to_string(),
        },
    );
    Ok(())
}

/// What [`remove_source`] took out, enough to put it back with [`restore_source`].
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub index: usize,
    pub source: Source,
    /// (position in the observation list, observation), in order.
    pub observations: Vec<(usize, Observation)>,
    pub preferences: Vec<(String, Preference)>,
}

/// Remove a source with its values and the preferences that named it.
pub fn remove_source(profile: &mut Profile, id: &str) -> Result<Removed, OpError> {
    let index = profile
        .sources
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| OpError::NoSuchSource(id.to_string()))?;
    let source = profile.sources.remove(index);
    let mut observations = Vec::new();
    let mut kept = Vec::with_capacity(profile.observations.len());
    for (i, o) in std::mem::take(&mut profile.observations)
        .into_iter()
        .enumerate()
    {
        if o.source == id {
            observations.push((i, o));
        } else {
            kept.push(o);
        }
    }
    profile.observations = kept;
    let names: Vec<String> = profile
        .preferred
        .iter()
        .filter(|(_, p)| p.source == id)
        .map(|(k, _)| k.clone())
        .collect();
    let preferences = names
        .into_iter()
        .filter_map(|k| profile.preferred.remove(&k).map(|p| (k, p)))
        .collect();
    Ok(Removed {
        index,
        source,
        observations,
        preferences,
    })
}

/// Undo [`remove_source`].
pub fn restore_source(profile: &mut Profile, removed: Removed) {
    let at = removed.index.min(profile.sources.len());
    profile.sources.insert(at, removed.source);
    for (i, o) in removed.observations {
        let at = i.min(profile.observations.len());
        profile.observations.insert(at, o);
    }
    for (k, p) in removed.preferences {
        profile.preferred.insert(k, p);
    }
}

/// Rename a source id everywhere it is used (observations, preferences).
pub fn rename_source(profile: &mut Profile, old: &str, new: &str) -> Result<(), OpError> {
    let new = new.trim();
    if new.is_empty() || !new.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(invalid(
            "Id",
            format!("`{new}`: use letters, digits and _ only"),
        ));
    }
    if profile.source(new).is_some() {
        return Err(invalid("Id", format!("a source `{new}` exists already")));
    }
    let s = profile
        .sources
        .iter_mut()
        .find(|s| s.id == old)
        .ok_or_else(|| OpError::NoSuchSource(old.to_string()))?;
    s.id = new.to_string();
    for o in profile.observations.iter_mut().filter(|o| o.source == old) {
        o.source = new.to_string();
    }
    for p in profile.preferred.values_mut().filter(|p| p.source == old) {
        p.source = new.to_string();
    }
    Ok(())
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// A source id: the provider id plus the dataset's words that the provider id does not already
/// say, cut at a word boundary (at most 48 characters), made unique with `_2`, `_3`...
pub fn unique_source_id(existing: &[Source], provider: &str, dataset: &str) -> String {
    let p = slug(provider);
    let known: BTreeSet<&str> = p.split('_').collect();
    let mut base = if p.is_empty() {
        "source".to_string()
    } else {
        p.clone()
    };
    for word in slug(dataset).split('_').filter(|w| !w.is_empty()) {
        if known.contains(word) {
            continue;
        }
        if base.len() + 1 + word.len() > 48 {
            break;
        }
        base.push('_');
        base.push_str(word);
    }
    let taken = |id: &str| existing.iter().any(|s| s.id == id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|i| format!("{base}_{i}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// Lower-case hex sha256 of a file, streamed.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    use sha2::Digest;
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut h = sha2::Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(buf.get(..n).unwrap_or_default());
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// `~` and `~/...` expanded with `home`.
pub fn expand_home(input: &str, home: Option<&Path>) -> PathBuf {
    match (input, home) {
        ("~", Some(h)) => h.to_path_buf(),
        (s, Some(h)) if s.starts_with("~/") => h.join(&s[2..]),
        (s, _) => PathBuf::from(s),
    }
}

/// The path to record for `file` in the profile at `profile_path`: relative to the profile's
/// folder (so the profile and its data can move together, and `refresh` works from any working
/// directory), absolute when no relative path exists. Both paths are made absolute against `cwd`
/// first; symlinks are not resolved.
pub fn stored_path(profile_path: &Path, file: &Path, cwd: &Path) -> String {
    let abs = |p: &Path| {
        normalise(&if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        })
    };
    let dir = abs(profile_path.parent().unwrap_or(Path::new("")));
    let target = abs(file);
    match relative(&target, &dir) {
        Some(r) => r.to_string_lossy().into_owned(),
        None => target.to_string_lossy().into_owned(),
    }
}

/// `.` and `..` removed lexically.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `target` relative to `base` (both absolute and normalised).
fn relative(target: &Path, base: &Path) -> Option<PathBuf> {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    if t.first() != b.first() {
        return None;
    }
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

/// Where a recorded source file is: absolute as is; relative: the profile's folder, then the
/// working directory (profiles written before paths were stored relative to their folder).
/// Only regular files are found.
pub fn locate(profile_path: &Path, file: &str) -> Option<PathBuf> {
    let p = PathBuf::from(file);
    if p.is_absolute() {
        return p.is_file().then_some(p);
    }
    let dir = profile_path.parent().unwrap_or(Path::new(""));
    let in_dir = dir.join(&p);
    if in_dir.is_file() {
        return Some(in_dir);
    }
    p.is_file().then_some(p)
}

/// Whether an importer's notes (kept on the source) depend on the country asked for, so that an
/// import for every country cannot stand in for a one-country import byte for byte: the World
/// Bank API file notes the country's region and income group, SDMX-CSV counts the values it
/// scaled by `UNIT_MULT`, Eurostat TSV counts the values it replaced by `DE_TOT`, DTM lists the
/// rounds of the rows kept, UIS the codes seen, and a UNHCR footnotes table keeps only the
/// country's footnotes. Files of these formats are imported once per country by the batch
/// commands; every other format is imported once for all the countries.
pub fn notes_depend_on_country(format: Format) -> bool {
    matches!(
        format,
        Format::WorldBankApi
            | Format::SdmxCsv
            | Format::EurostatTsv
            | Format::IomDtm
            | Format::Uis
            | Format::UnhcrFootnotes
    )
}

/// Split an import of every country (`Context.country = None`) into one import per wanted
/// country (ISO3, upper case): each gets that country's records in file order and a copy of the
/// file-level fields (format, provider, dataset, notes, footnotes, row accounting). The rules of
/// entry are applied afterwards, per profile, by [`add_source`] / [`diff_source`]; a country
/// with no records gets an outcome with none (so the profile reports "nothing to add").
pub fn split_by_country(all: Outcome, wanted: &BTreeSet<String>) -> BTreeMap<String, Outcome> {
    let mut records = all.records;
    let shell = Outcome {
        records: Vec::new(),
        ..all
    };
    let mut per: BTreeMap<String, Outcome> =
        wanted.iter().map(|c| (c.clone(), shell.clone())).collect();
    for r in records.drain(..) {
        if let Some(o) = per.get_mut(&r.country.to_ascii_uppercase()) {
            o.records.push(r);
        }
    }
    if shell.format == Format::UnhcrRdf {
        for o in per.values_mut() {
            let n = o
                .records
                .iter()
                .filter(|r| r.observation.footnote.is_some())
                .count();
            o.notes = o.notes.as_deref().map(|t| recount_annotated(t, n));
        }
    }
    per
}

/// The UNHCR Refugee Data Finder importer notes `footnotes from FILE (N values annotated)`,
/// N counted over the rows it kept: for one country's share of an import of every country, N
/// is the country's values with a footnote (the rows of the footnotes table carry none).
fn recount_annotated(notes: &str, n: usize) -> String {
    let Some(end) = [" values annotated)", " value annotated)"]
        .iter()
        .filter_map(|tail| notes.rfind(tail))
        .max()
    else {
        return notes.to_string();
    };
    let head = &notes[..end];
    let Some(open) = head.rfind(" (") else {
        return notes.to_string();
    };
    if !head[open + 2..].bytes().all(|b| b.is_ascii_digit()) {
        return notes.to_string();
    }
    let rest = &notes[end..];
    let rest = &rest[rest.find(')').map_or(rest.len(), |i| i + 1)..];
    format!(
        "{} ({}){rest}",
        &notes[..open],
        crate::ingest::unhcr::annotated(n)
    )
}

/// The countries (ISO3) with at least one mapped value in an import, sorted.
pub fn countries_with_data(out: &Outcome) -> BTreeSet<String> {
    out.records
        .iter()
        .map(|r| r.country.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_ids() {
        assert_eq!(
            slug("UNHCR Refugee Data Finder: Solutions"),
            "unhcr_refugee_data_finder_solutions"
        );
        assert_eq!(
            unique_source_id(
                &[],
                "unhcr_refugee_data_finder",
                "UNHCR Refugee Data Finder: Asylum applications"
            ),
            "unhcr_refugee_data_finder_asylum_applications"
        );
        let s = vec![Source {
            id: "unhcr_population".into(),
            ..Default::default()
        }];
        assert_eq!(
            unique_source_id(&s, "unhcr", "Population"),
            "unhcr_population_2"
        );
        assert!(unique_source_id(&[], "x", &"word ".repeat(40)).len() <= 48);
    }

    #[test]
    fn stored_paths_are_relative_to_the_profile_folder() {
        let cwd = Path::new("/work/main");
        assert_eq!(
            stored_path(
                Path::new("profiles/deu.toml"),
                Path::new("../shared/data/x.csv"),
                cwd
            ),
            "../../shared/data/x.csv"
        );
        assert_eq!(
            stored_path(Path::new("/p/deu.toml"), Path::new("/p/data/x.csv"), cwd),
            "data/x.csv"
        );
        assert_eq!(
            stored_path(Path::new("deu.toml"), Path::new("./a/../x.csv"), cwd),
            "x.csv"
        );
        assert_eq!(
            expand_home("~/d/x.csv", Some(Path::new("/home/u"))),
            PathBuf::from("/home/u/d/x.csv")
        );
        assert_eq!(
            expand_home("~x", Some(Path::new("/h"))),
            PathBuf::from("~x")
        );
    }

    #[test]
    fn split_by_country_keeps_file_order_and_recounts_unhcr_footnotes() {
        let rec = |c: &str, period: &str, note: Option<&str>| {
            let mut o = Observation::new("refugees_hosted", period, 1.0, "");
            o.footnote = note.map(str::to_string);
            Record {
                country: c.to_string(),
                observation: o,
            }
        };
        let mut all = Outcome::new(Format::UnhcrRdf, "unhcr", "Population");
        all.notes = Some("x; footnotes from data/footnotes.csv (3 values annotated)".into());
        all.records = vec![
            rec("DEU", "2020", Some("a")),
            rec("TUR", "2020", Some("b")),
            rec("DEU", "2021", None),
            rec("TUR", "2021", Some("c")),
        ];
        let wanted: BTreeSet<String> = ["DEU", "TUR", "KEN"].map(String::from).into();
        let per = split_by_country(all, &wanted);
        let periods = |c: &str| -> Vec<String> {
            per[c]
                .records
                .iter()
                .map(|r| r.observation.period.clone())
                .collect()
        };
        assert_eq!(periods("DEU"), ["2020", "2021"]);
        assert_eq!(periods("TUR"), ["2020", "2021"]);
        assert!(per["KEN"].records.is_empty());
        let notes = |c: &str| per[c].notes.clone().unwrap_or_default();
        assert_eq!(
            notes("DEU"),
            "x; footnotes from data/footnotes.csv (1 value annotated)"
        );
        assert_eq!(
            notes("TUR"),
            "x; footnotes from data/footnotes.csv (2 values annotated)"
        );
        assert_eq!(
            notes("KEN"),
            "x; footnotes from data/footnotes.csv (0 values annotated)"
        );
        assert_eq!(recount_annotated("no count here", 4), "no count here");
        assert_eq!(
            recount_annotated("f (1 value annotated); more", 2),
            "f (2 values annotated); more"
        );
    }

    #[test]
    fn admitted_values_are_grouped_by_series_in_order_of_first_appearance() {
        let rec = |ind: &str, period: &str, sex: Option<&str>, revision: Option<&str>| {
            let mut o = Observation::new(ind, period, 1.0, "");
            if let Some(s) = sex {
                o.disaggregation.insert("sex".into(), s.into());
            }
            o.revision = revision.map(str::to_string);
            Record {
                country: "DEU".into(),
                observation: o,
            }
        };
        // As WPP's period indicators and UN DESA's sheets give them: a row per period with
        // several indicators or cells on it, and a second revision at the end.
        let records = vec![
            rec("net_migration_rate", "1950-1955", None, None),
            rec("net_migration", "1950-1955", None, None),
            rec("net_migration_rate", "1955-1960", None, None),
            rec("net_migration", "1955-1960", None, None),
            rec("imm_stock", "1990", Some("F"), None),
            rec("imm_stock", "1990", Some("M"), None),
            rec("imm_stock", "1995", Some("F"), None),
            rec("imm_stock", "1995", Some("M"), None),
            rec("net_migration", "1965-1970", None, Some("WPP 2022")),
            rec("net_migration", "1960-1965", None, None),
        ];
        let profile = Profile::new("DEU", "Germany", 2024, vec!["A.2".into()]);
        let catalogue = Catalogue::embedded().expect("catalogue");
        let a = admit(&profile, &catalogue, &records, "f.csv", "undesa_wpp").expect("admit");
        let got: Vec<String> = a
            .observations
            .iter()
            .map(|o| {
                let sex = o.disaggregation.get("sex").map_or("", String::as_str);
                let rev = o.revision.as_deref().unwrap_or("");
                format!("{} {} {sex}{rev}", o.indicator, o.period)
            })
            .collect();
        assert_eq!(
            got,
            [
                "net_migration_rate 1950-1955 ",
                "net_migration_rate 1955-1960 ",
                "net_migration 1950-1955 ",
                "net_migration 1955-1960 ",
                "net_migration 1960-1965 ",
                "imm_stock 1990 F",
                "imm_stock 1995 F",
                "imm_stock 1990 M",
                "imm_stock 1995 M",
                "net_migration 1965-1970 WPP 2022",
            ]
        );
        // Written, each series is one `[[series]]` table.
        let mut p = profile.clone();
        p.observations = a.observations;
        for o in &mut p.observations {
            o.source = "wpp".into();
        }
        let text = p.to_toml().expect("toml");
        assert_eq!(text.matches("[[series]]").count(), 4, "{text}");
        // Values already grouped keep their order.
        let again =
            admit(&profile, &catalogue, &records[4..8], "f.csv", "undesa_wpp").expect("admit");
        let sexes: Vec<&str> = again
            .observations
            .iter()
            .map(|o| o.disaggregation["sex"].as_str())
            .collect();
        assert_eq!(sexes, ["F", "F", "M", "M"]);
    }
}
