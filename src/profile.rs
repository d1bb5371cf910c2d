//! A saved country profile: self-contained TOML that `build` needs nothing else to render.
//!
//! Loading keeps the parsed document so that saving after an edit preserves the user's comments,
//! key order and formatting (format-preserving TOML). Saving is atomic: a temporary file in the
//! same directory, flushed, then renamed over the target.

use crate::error::Location;
use crate::model::{Observation, Source};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Version of the profile file format written by this build.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Error)]
pub enum ProfileError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{location}: {message}")]
    Syntax {
        path: String,
        location: Location,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

/// Who made the profile and for what country and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// ISO 3166 alpha-3 code.
    pub country: String,
    pub title: String,
    pub reference_year: i32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default = "default_language")]
    pub language: String,
    /// `iom` (built in) or a path to a template file.
    #[serde(default = "default_template")]
    pub template: String,
    /// Optional date printed on the report; no date is printed unless the profile sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Optional version string of the profile itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
}

fn default_language() -> String {
    "en".to_string()
}
fn default_template() -> String {
    "iom".to_string()
}

/// Disclosure-control settings applied to every output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// Counts below this in disaggregated tables are suppressed.
    #[serde(default = "default_threshold")]
    pub threshold: u32,
    /// Round published counts to this base (5 or 10); none by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<u32>,
    /// Non-traditional mobility aggregates below this are refused at import.
    #[serde(default = "default_mobility_threshold")]
    pub mobility_threshold: u32,
}

fn default_threshold() -> u32 {
    5
}
fn default_mobility_threshold() -> u32 {
    15
}

impl Default for Disclosure {
    fn default() -> Self {
        Disclosure {
            threshold: default_threshold(),
            rounding: None,
            mobility_threshold: default_mobility_threshold(),
        }
    }
}

/// Reconciliation settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reconcile {
    /// Relative difference above which two sources' values are a conflict (0.05 = 5 %).
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
}

fn default_tolerance() -> f64 {
    0.05
}

impl Default for Reconcile {
    fn default() -> Self {
        Reconcile {
            tolerance: default_tolerance(),
        }
    }
}

/// The user's choice of source for an indicator where sources disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preference {
    /// Profile source id.
    pub source: String,
    pub justification: String,
}

/// One entry of the data action plan (Part D.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    /// Indicator id the action closes a gap for.
    pub indicator: String,
    pub action: String,
    /// Institution type responsible (e.g. "national statistics office").
    pub responsible: String,
    /// `high`, `medium`, `low`.
    pub priority: String,
    /// e.g. "12 months".
    pub timeframe: String,
    /// Registry providers that could fill it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<String>,
    /// Drafted by migprof (true) or written/edited by the user (false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
}

/// A country migration profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// File format version.
    #[serde(default = "format_version")]
    pub version: u32,
    pub meta: Meta,
    /// Selected optional template sections (modules).
    #[serde(default)]
    pub modules: Vec<String>,
    #[serde(default)]
    pub disclosure: Disclosure,
    #[serde(default)]
    pub reconcile: Reconcile,
    /// Narrative text per section id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub narrative: BTreeMap<String, String>,
    /// Preferred source per indicator id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub preferred: BTreeMap<String, Preference>,
    #[serde(default, rename = "action", skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    #[serde(default, rename = "source", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, rename = "observation", skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<Observation>,
}

fn format_version() -> u32 {
    FORMAT_VERSION
}

impl Profile {
    /// A new, empty profile for a country and reference year with the given modules.
    pub fn new(country: &str, country_name: &str, year: i32, modules: Vec<String>) -> Profile {
        Profile {
            version: FORMAT_VERSION,
            meta: Meta {
                country: country.to_string(),
                title: format!("Migration Profile: {country_name}"),
                reference_year: year,
                authors: Vec::new(),
                language: default_language(),
                template: default_template(),
                date: None,
                edition: None,
            },
            modules,
            disclosure: Disclosure::default(),
            reconcile: Reconcile::default(),
            narrative: BTreeMap::new(),
            preferred: BTreeMap::new(),
            actions: Vec::new(),
            sources: Vec::new(),
            observations: Vec::new(),
        }
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Observations of one indicator.
    pub fn observations_of<'a>(
        &'a self,
        indicator: &'a str,
    ) -> impl Iterator<Item = &'a Observation> + 'a {
        self.observations
            .iter()
            .filter(move |o| o.indicator == indicator)
    }

    /// Parse from TOML text; `path` is used in messages only.
    pub fn from_toml(text: &str, path: &str) -> Result<Profile, ProfileError> {
        toml::from_str(text).map_err(|e| {
            let location = e
                .span()
                .map(|s| Location::of_offset(text, s.start))
                .unwrap_or(Location { line: 1, column: 1 });
            ProfileError::Syntax {
                path: path.to_string(),
                location,
                message: e.message().trim().to_string(),
            }
        })
    }

    /// Render as TOML (fresh layout, no user formatting).
    pub fn to_toml(&self) -> Result<String, ProfileError> {
        toml::to_string(self).map_err(|e| ProfileError::Invalid {
            path: String::new(),
            message: e.to_string(),
        })
    }
}

/// A profile loaded from a file, with its original document kept for format-preserving saves.
#[derive(Debug, Clone)]
pub struct ProfileFile {
    pub path: PathBuf,
    pub profile: Profile,
    /// The text as loaded (or last saved).
    pub original: String,
}

impl ProfileFile {
    pub fn load(path: &Path) -> Result<ProfileFile, ProfileError> {
        let bytes = std::fs::read(path).map_err(|e| ProfileError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| ProfileError::Syntax {
            path: path.display().to_string(),
            location: Location::of_offset(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            ),
            message: "the file is not valid UTF-8".to_string(),
        })?;
        let profile = Profile::from_toml(&text, &path.display().to_string())?;
        Ok(ProfileFile {
            path: path.to_path_buf(),
            profile,
            original: text,
        })
    }

    /// A new file not yet on disk.
    pub fn create(path: &Path, profile: Profile) -> ProfileFile {
        ProfileFile {
            path: path.to_path_buf(),
            profile,
            original: String::new(),
        }
    }

    /// The text that `save` would write: the original document with the changed values merged in.
    pub fn render(&self) -> Result<String, ProfileError> {
        let fresh = self.profile.to_toml()?;
        if self.original.trim().is_empty() {
            return Ok(fresh);
        }
        let mut doc: toml_edit::DocumentMut = match self.original.parse() {
            Ok(d) => d,
            Err(_) => return Ok(fresh),
        };
        let new: toml_edit::DocumentMut =
            fresh
                .parse()
                .map_err(|e: toml_edit::TomlError| ProfileError::Invalid {
                    path: self.path.display().to_string(),
                    message: e.to_string(),
                })?;
        merge_table(doc.as_table_mut(), new.as_table());
        let merged = doc.to_string();
        // The merge keeps the user's comments and layout, but sub-tables of arrays of tables
        // (`[observation.disaggregation]`) are placed by position: when elements were inserted or
        // removed, a merged document can attach a breakdown to the wrong observation. Never save
        // such a text: it must read back as exactly the profile, else the fresh layout is used.
        match Profile::from_toml(&merged, "") {
            Ok(back) if back == self.profile => Ok(merged),
            _ => Ok(fresh),
        }
    }

    /// Save atomically, preserving comments and layout of the original.
    pub fn save(&mut self) -> Result<(), ProfileError> {
        let text = self.render()?;
        atomic_write(&self.path, text.as_bytes()).map_err(|e| ProfileError::Io {
            path: self.path.display().to_string(),
            source: e,
        })?;
        self.original = text;
        Ok(())
    }

    /// Has the profile changed since it was loaded or saved?
    pub fn is_dirty(&self) -> bool {
        match Profile::from_toml(&self.original, "") {
            Ok(p) => p != self.profile,
            Err(_) => true,
        }
    }
}

/// Write `bytes` to `path` atomically: temp file in the same directory, fsync, rename.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile".to_string());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Merge `new` into `old`, keeping `old`'s decoration (comments, spacing, order) where a value
/// is unchanged, replacing changed values, appending new keys and removing vanished ones.
fn merge_table(old: &mut toml_edit::Table, new: &toml_edit::Table) {
    let stale: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.contains_key(k))
        .collect();
    for k in stale {
        old.remove(&k);
    }
    for (k, new_item) in new.iter() {
        match old.get_mut(k) {
            Some(old_item) => merge_item(old_item, new_item),
            None => {
                old.insert(k, new_item.clone());
            }
        }
    }
}

fn merge_item(old: &mut toml_edit::Item, new: &toml_edit::Item) {
    use toml_edit::Item;
    match (&mut *old, new) {
        (Item::Table(o), Item::Table(n)) => merge_table(o, n),
        (Item::ArrayOfTables(o), Item::ArrayOfTables(n)) => {
            let n_len = n.len();
            while o.len() > n_len {
                o.remove(o.len() - 1);
            }
            for (i, nt) in n.iter().enumerate() {
                match o.get_mut(i) {
                    Some(ot) => merge_table(ot, nt),
                    None => o.push(nt.clone()),
                }
            }
        }
        (Item::Value(o), Item::Value(n)) => {
            if !same_value(o, n) {
                let decor = o.decor().clone();
                *o = n.clone();
                *o.decor_mut() = decor;
            }
        }
        (Item::Value(toml_edit::Value::InlineTable(o)), Item::Table(n)) => {
            let mut as_table = n.clone();
            as_table.set_implicit(false);
            let mut inline = as_table.into_inline_table();
            if o.to_string().trim() != inline.to_string().trim() {
                inline.decor_mut().clone_from(o.decor());
                *o = inline;
            }
        }
        (o, n) => {
            if o.to_string().trim() != n.to_string().trim() {
                *o = n.clone();
            }
        }
    }
}

fn same_value(a: &toml_edit::Value, b: &toml_edit::Value) -> bool {
    use toml_edit::Value;
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.value() == y.value(),
        (Value::Integer(x), Value::Integer(y)) => x.value() == y.value(),
        (Value::Float(x), Value::Float(y)) => x.value() == y.value(),
        (Value::Boolean(x), Value::Boolean(y)) => x.value() == y.value(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_value(p, q))
        }
        (Value::InlineTable(x), Value::InlineTable(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => false,
    }
}
