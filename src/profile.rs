//! A saved country profile: self-contained TOML that `build` needs nothing else to render.
//!
//! Loading keeps the parsed document so that saving after an edit preserves the user's comments,
//! key order and formatting (format-preserving TOML). Saving is safe against other programs and
//! failures: an exclusive lock (on the profile's folder) while the file is checked and replaced;
//! a refusal when the file on disk is no longer the one that was read (no lost update); a
//! temporary file with a random name created exclusively in the same directory, flushed, then
//! renamed over the target (the target of a symlink, with the permissions kept).

pub mod compact;

use crate::error::Location;
use crate::model::{Observation, Source};
use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thiserror::Error;

/// Version of the profile file format written by this build: 2, the compact layout (values
/// per series, see [`compact`]). Version 1 files (one `[[observation]]` table per value) are
/// read too and written as version 2 when saved.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest profile format version this build reads.
pub const OLDEST_VERSION: u32 = 1;

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
    /// The file on disk is not the one that was read: saving would lose another program's
    /// change. Reload it (or save under another name).
    #[error(
        "{path}: not saved: {detail}; reload it to see the change (or save under another name)"
    )]
    ChangedOnDisk { path: String, detail: String },
    /// Another program held the profile's lock for longer than the wait.
    #[error(
        "{path}: not saved: another program is saving this profile (still locked after {:.1} s); try again",
        waited.as_secs_f64()
    )]
    Locked { path: String, waited: Duration },
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
    /// Path of the previous edition's profile (relative to this profile's folder), for
    /// `migprof diff` and the report's "Changes since the previous edition".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_edition: Option<String>,
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
    /// Id of the responsible `[[agency]]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Id of the `[[instrument]]` the action changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    /// Other agencies or partners (ids or names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// Resources needed ("two staff months; questionnaire testing").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<String>,
    /// Possible funding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<String>,
    /// The output or objective of the national strategy for the development of statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nsds_link: Option<String>,
    /// `planned`, `under_way`, `done` (absent: planned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::system::model::ActionStatus>,
}

/// A country migration profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// File format version: must be [`FORMAT_VERSION`].
    #[serde(deserialize_with = "known_version")]
    pub version: u32,
    pub meta: Meta,
    /// Title-page furniture, foreword and working group.
    #[serde(default, skip_serializing_if = "crate::publication::Front::is_empty")]
    pub front: crate::publication::Front,
    /// Governance data for Part C (instruments, institutions, policies, agreements).
    #[serde(
        default,
        skip_serializing_if = "crate::publication::Governance::is_empty"
    )]
    pub governance: crate::publication::Governance,
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
    /// About the data-system entries (illustrative or not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_system: Option<crate::system::model::DataSystem>,
    /// The national agencies that hold migration data.
    #[serde(default, rename = "agency", skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<crate::system::model::Agency>,
    /// Their data-collection instruments.
    #[serde(default, rename = "instrument", skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<crate::system::model::Instrument>,
    /// Review status per section id (`[review."A.2"]`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub review: BTreeMap<String, crate::system::model::Review>,
    #[serde(default, rename = "action", skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    #[serde(default, rename = "source", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, rename = "observation", skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<Observation>,
}

/// Refuse a format version this build does not know (the error points at the value). A
/// profile in memory is always of [`FORMAT_VERSION`]: the layout is a matter of the file.
fn known_version<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = i64::deserialize(d)?;
    if (i64::from(OLDEST_VERSION)..=i64::from(FORMAT_VERSION)).contains(&v) {
        Ok(FORMAT_VERSION)
    } else {
        Err(serde::de::Error::custom(format!(
            "unsupported profile `version = {v}`: this build reads versions {OLDEST_VERSION} to {FORMAT_VERSION}"
        )))
    }
}

/// The `version` a profile text declares, when it declares one as an integer.
pub fn file_version(text: &str) -> Option<i64> {
    let root = toml::de::DeTable::parse(text).ok()?.into_inner();
    root.get("version")?
        .get_ref()
        .as_integer()?
        .as_str()
        .parse()
        .ok()
}

/// The title a new profile gets (`migprof new`); a report in another language translates it.
pub fn default_title(country_name: &str) -> String {
    format!("Migration Profile: {country_name}")
}

impl Profile {
    /// A new, empty profile for a country and reference year with the given modules.
    pub fn new(country: &str, country_name: &str, year: i32, modules: Vec<String>) -> Profile {
        Profile {
            version: FORMAT_VERSION,
            meta: Meta {
                country: country.to_string(),
                title: default_title(country_name),
                reference_year: year,
                authors: Vec::new(),
                language: default_language(),
                template: default_template(),
                date: None,
                edition: None,
                previous_edition: None,
            },
            front: crate::publication::Front::default(),
            governance: crate::publication::Governance::default(),
            modules,
            disclosure: Disclosure::default(),
            reconcile: Reconcile::default(),
            narrative: BTreeMap::new(),
            preferred: BTreeMap::new(),
            data_system: None,
            agencies: Vec::new(),
            instruments: Vec::new(),
            review: BTreeMap::new(),
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

    /// Parse from TOML text, version 1 or 2; `path` is used in messages only. The values of
    /// the `[[series]]` tables come first, in the order of the file, then any
    /// `[[observation]]` tables (the version 1 layout, also read in a version 2 file).
    pub fn from_toml(text: &str, path: &str) -> Result<Profile, ProfileError> {
        Profile::read_toml(text, path, None)
    }

    /// [`Profile::from_toml`], and where the values of the `[[series]]` tables are in `text`
    /// (`None` without any): what [`crate::validate::Locator`] would otherwise parse the text
    /// again for, to place a problem in the values.
    pub fn from_toml_placed(
        text: &str,
        path: &str,
    ) -> Result<(Profile, Option<compact::Places>), ProfileError> {
        let mut places = compact::Places::default();
        let profile = Profile::read_toml(text, path, Some(&mut places))?;
        let any = !places.series.is_empty() || !places.observations.is_empty();
        Ok((profile, any.then_some(places)))
    }

    fn read_toml(
        text: &str,
        path: &str,
        places: Option<&mut compact::Places>,
    ) -> Result<Profile, ProfileError> {
        let syntax = |at: usize, message: String| ProfileError::Syntax {
            path: path.to_string(),
            location: Location::of_offset(text, at),
            message,
        };
        let toml_error = |e: toml::de::Error| {
            syntax(
                e.span().map_or(0, |s| s.start),
                e.message().trim().to_string(),
            )
        };
        let mut root = toml::de::DeTable::parse(text).map_err(toml_error)?;
        let series = root.get_mut().remove_entry(compact::KEY);
        let declared = root
            .get_ref()
            .get("version")
            .and_then(|v| v.get_ref().as_integer())
            .map(|i| i.as_str().to_string());
        let mut profile =
            Profile::deserialize(toml::de::Deserializer::from(root)).map_err(toml_error)?;
        if let Some((key, series)) = series {
            if declared.as_deref() == Some("1") {
                return Err(syntax(
                    key.span().start,
                    "[[series]] is the layout of version 2: set `version = 2` (or write the values as [[observation]] tables)".to_string(),
                ));
            }
            let mut list = compact::read(series, places).map_err(|b| syntax(b.at, b.message))?;
            list.append(&mut profile.observations);
            profile.observations = list;
        }
        Ok(profile)
    }

    /// Render as TOML (fresh layout, no user formatting): version 2, the values as
    /// `[[series]]` tables after everything else.
    pub fn to_toml(&self) -> Result<String, ProfileError> {
        let mut text = toml::to_string(&self.head()).map_err(|e| ProfileError::Invalid {
            path: String::new(),
            message: e.to_string(),
        })?;
        compact::write(&mut text, &self.observations);
        Ok(text)
    }

    /// Everything but the observations.
    fn head(&self) -> Profile {
        Profile {
            version: FORMAT_VERSION,
            meta: self.meta.clone(),
            front: self.front.clone(),
            governance: self.governance.clone(),
            modules: self.modules.clone(),
            disclosure: self.disclosure.clone(),
            reconcile: self.reconcile.clone(),
            narrative: self.narrative.clone(),
            preferred: self.preferred.clone(),
            data_system: self.data_system.clone(),
            agencies: self.agencies.clone(),
            instruments: self.instruments.clone(),
            review: self.review.clone(),
            actions: self.actions.clone(),
            sources: self.sources.clone(),
            observations: Vec::new(),
        }
    }
}

/// The largest profile (or template) file read: about 10 times the largest bundled profile
/// (`profiles/deu.toml`), about 75,000 observations. Parsing takes about 35 times the file size
/// in memory (`check` 60 times): a 16 MB profile peaked at 0.6 GB (`gaps`) and 1 GB (`check`)
/// and its build failed under a 1 GB limit, so the limit is 8 MiB; larger files are refused
/// rather than exhaust memory. The compact layout (version 2) holds about five times as many
/// values in the same bytes (the German example: 117 KB instead of 643 KB), so the same limit
/// already admits five times larger profiles; memory grows with the values, not the bytes, so
/// the limit is not raised.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How long a save waits for another program that is saving the same profile.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Read a whole file, refusing what is not a regular file (a FIFO would block, a device such
/// as `/dev/zero` never ends) and files over `limit` bytes. The file is opened without
/// blocking and checked on the open handle, so it cannot be swapped after the check.
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)?
    };
    #[cfg(not(unix))]
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!("not a regular file ({})", file_kind(&meta)),
        ));
    }
    if meta.len() > limit {
        return Err(Error::new(
            ErrorKind::InvalidData,
            format!(
                "the file is {} bytes, over the limit of {limit} bytes ({} MiB)",
                meta.len(),
                limit / (1024 * 1024)
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The size can change after the check: never read more than the limit.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Error::new(
            ErrorKind::InvalidData,
            format!("the file grew over the limit of {limit} bytes while it was read"),
        ));
    }
    Ok(bytes)
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Read a profile's text: a regular file of at most [`MAX_FILE_BYTES`], valid UTF-8 (else the
/// line and column of the first invalid byte).
pub fn read_text(path: &Path) -> Result<String, ProfileError> {
    let shown = path.display().to_string();
    let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|e| ProfileError::Io {
        path: shown.clone(),
        source: e,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(e.as_bytes().get(..valid).unwrap_or_default());
        ProfileError::Syntax {
            path: shown,
            location: Location::of_offset(&before, before.len()),
            message: "the file is not valid UTF-8 (save it as UTF-8)".to_string(),
        }
    })
}

/// SHA-256 of a text, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the file looked like on disk when it was read or last saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
    pub sha256: String,
}

/// A profile loaded from a file, with its original document kept for format-preserving saves.
#[derive(Debug, Clone)]
pub struct ProfileFile {
    pub path: PathBuf,
    pub profile: Profile,
    /// The text as loaded (or last saved).
    pub original: String,
    /// The file on disk as read or last saved; `None` for a file not yet on disk.
    pub disk: Option<DiskStamp>,
}

impl ProfileFile {
    pub fn load(path: &Path) -> Result<ProfileFile, ProfileError> {
        Ok(ProfileFile::load_placed(path)?.0)
    }

    /// [`ProfileFile::load`], and where the values are in the text as loaded
    /// ([`Profile::from_toml_placed`]); they hold for `original` until it changes.
    pub fn load_placed(
        path: &Path,
    ) -> Result<(ProfileFile, Option<compact::Places>), ProfileError> {
        let text = read_text(path)?;
        let (profile, places) = Profile::from_toml_placed(&text, &path.display().to_string())?;
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let pf = ProfileFile {
            path: path.to_path_buf(),
            profile,
            disk: Some(DiskStamp {
                len: text.len() as u64,
                modified,
                sha256: sha256_hex(text.as_bytes()),
            }),
            original: text,
        };
        Ok((pf, places))
    }

    /// A new file not yet on disk.
    pub fn create(path: &Path, profile: Profile) -> ProfileFile {
        ProfileFile {
            path: path.to_path_buf(),
            profile,
            original: String::new(),
            disk: None,
        }
    }

    /// The text that `save` would write: the original document with the changed values merged
    /// in, always in the layout of [`FORMAT_VERSION`] (a version 1 file is upgraded: its
    /// `[[observation]]` tables become `[[series]]`, everything else keeps its comments).
    pub fn render(&self) -> Result<String, ProfileError> {
        let fresh = self.profile.to_toml()?;
        if self.original.trim().is_empty() || self.original == fresh {
            return Ok(fresh);
        }
        // A file exactly as this build writes it (a machine-made profile: no comments, no hand
        // layout) has nothing to keep: the fresh text is the save, with no document to merge.
        if Profile::from_toml(&self.original, "")
            .and_then(|p| p.to_toml())
            .is_ok_and(|t| t == self.original)
        {
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
        let end = max_position(doc.as_table()).map_or(0, |p| p + 1);
        merge_root(doc.as_table_mut(), new.as_table(), end);
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

    /// Save atomically, preserving comments and layout of the original. Waits up to
    /// [`LOCK_WAIT`] for another program saving the same profile; refuses with
    /// [`ProfileError::ChangedOnDisk`] when the file is no longer the one that was read.
    pub fn save(&mut self) -> Result<(), ProfileError> {
        self.save_waiting(LOCK_WAIT)
    }

    /// [`save`](Self::save) waiting at most `wait` for the lock.
    pub fn save_waiting(&mut self, wait: Duration) -> Result<(), ProfileError> {
        let text = self.render()?;
        let shown = self.path.display().to_string();
        let io = |e: std::io::Error| ProfileError::Io {
            path: shown.clone(),
            source: e,
        };
        let target = resolve_target(&self.path).map_err(io)?;
        // The new text is written and flushed to a private temporary file first; the lock is
        // held only to check the file on disk and rename: saves of other profiles in the same
        // folder (a batch import) wait microseconds, not the flush.
        let tmp = write_temp(&target, text.as_bytes(), &target).map_err(io)?;
        let lock = lock(&target, wait)?;
        self.check_disk_at(&target)?;
        tmp.persist(&target).map_err(|e| io(e.error))?;
        drop(lock);
        sync_dir(&target);
        let modified = std::fs::metadata(&target).and_then(|m| m.modified()).ok();
        self.disk = Some(DiskStamp {
            len: text.len() as u64,
            modified,
            sha256: sha256_hex(text.as_bytes()),
        });
        self.original = text;
        Ok(())
    }

    /// Is the file on disk still the one that was read (or last saved)? An error
    /// [`ProfileError::ChangedOnDisk`] when another program changed, created or removed it.
    pub fn check_disk(&self) -> Result<(), ProfileError> {
        let target = resolve_target(&self.path).map_err(|e| ProfileError::Io {
            path: self.path.display().to_string(),
            source: e,
        })?;
        self.check_disk_at(&target)
    }

    fn check_disk_at(&self, target: &Path) -> Result<(), ProfileError> {
        let changed = |detail: &str| ProfileError::ChangedOnDisk {
            path: self.path.display().to_string(),
            detail: detail.to_string(),
        };
        let Some(stamp) = &self.disk else {
            return match std::fs::symlink_metadata(target) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(changed("another program created it meanwhile")),
            };
        };
        let bytes = match read_bounded(target, MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(changed("another program removed it since it was read"));
            }
            Err(e) => {
                return Err(ProfileError::Io {
                    path: self.path.display().to_string(),
                    source: e,
                });
            }
        };
        // Unchanged when the file is still what was read, or what this program last saved
        // (a front end may keep the saved text in `original` of an older copy).
        if bytes.len() as u64 == stamp.len && sha256_hex(&bytes) == stamp.sha256 {
            return Ok(());
        }
        if bytes == self.original.as_bytes() {
            return Ok(());
        }
        Err(changed("another program changed it since it was read"))
    }

    /// Has the profile changed since it was loaded or saved?
    pub fn is_dirty(&self) -> bool {
        match Profile::from_toml(&self.original, "") {
            Ok(p) => p != self.profile,
            Err(_) => true,
        }
    }

    /// The text of a recovery file for the current profile: a first comment line with the
    /// SHA-256 of the saved profile it is based on, then the profile.
    pub fn recovery_text(&self) -> Result<String, ProfileError> {
        let text = self.render()?;
        Ok(format!(
            "{RECOVERY_HEADER}{}\n{text}",
            sha256_hex(self.original.as_bytes())
        ))
    }

    /// Was the recovery file `text` written from a different version of this profile than the
    /// one loaded now (the profile was saved, by this or another program, after it)? A recovery
    /// file without the header is treated as stale.
    pub fn recovery_is_stale(&self, text: &str) -> bool {
        recovery_base(text) != Some(sha256_hex(self.original.as_bytes()).as_str())
    }
}

const RECOVERY_HEADER: &str = "# migprof recovery file; based on the profile with sha256=";

/// The SHA-256 of the profile a recovery file was based on, from its first line.
pub fn recovery_base(text: &str) -> Option<&str> {
    let first = text.lines().next()?;
    let hex = first.strip_prefix(RECOVERY_HEADER)?.trim();
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(hex)
}

/// The file a save must update: the target of a symlink (the link itself stays), else `path`.
fn resolve_target(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("the symlink does not lead to a file: {e}"),
            )
        }),
        _ => Ok(path.to_path_buf()),
    }
}

fn dir_and_name(path: &Path) -> (PathBuf, String) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile".to_string());
    (dir, name)
}

/// Take the exclusive save lock for `target`, waiting at most `wait`; released when the
/// returned handle is dropped. The lock is on the folder that holds the profile (an advisory
/// `flock`, so no lock file is left beside it and a profile not yet on disk can be locked too):
/// saves into one folder are serialised, each taking milliseconds.
fn lock(target: &Path, wait: Duration) -> Result<std::fs::File, ProfileError> {
    let (dir, _) = dir_and_name(target);
    let io = |e: std::io::Error| ProfileError::Io {
        path: target.display().to_string(),
        source: std::io::Error::new(e.kind(), format!("cannot lock its folder: {e}")),
    };
    let file = open_lock(&dir).map_err(io)?;
    let start = Instant::now();
    // Saves hold the lock for a check and a rename: poll often at first, then every 25 ms.
    let mut pause = Duration::from_micros(200);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(25));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(ProfileError::Locked {
                    path: target.display().to_string(),
                    waited: start.elapsed(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
    }
}

/// The handle that carries the save lock of a folder: the folder itself where it can be
/// opened as a file (Unix), else a `.migprof.lock` file in it.
pub fn open_lock(dir: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join(".migprof.lock"))
    }
}

/// Replace `target` with `bytes`: a temporary file with a random name created exclusively
/// (`O_EXCL`) in the same directory, with the permissions of the file it replaces, flushed to
/// disk, then renamed over it. `target` must not be a symlink (see [`resolve_target`]).
fn write_replacing(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_replacing_like(target, bytes, target)
}

/// [`write_replacing`] taking the permissions (and, where allowed, the owner and group) from
/// the file at `like` when it exists, else the usual mode of a new file (0666 less the umask).
fn write_replacing_like(target: &Path, bytes: &[u8], like: &Path) -> std::io::Result<()> {
    let tmp = write_temp(target, bytes, like)?;
    tmp.persist(target).map_err(|e| e.error)?;
    sync_dir(target);
    Ok(())
}

/// Make a rename in the folder of `target` durable; not every file system allows syncing a
/// directory.
fn sync_dir(target: &Path) {
    let (dir, _) = dir_and_name(target);
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
}

/// The temporary file that will replace `target`: a random name created exclusively in the same
/// folder, with the permissions (and where allowed the owner) of `like`, holding `bytes`,
/// flushed to disk. Removed when dropped without being persisted.
fn write_temp(
    target: &Path,
    bytes: &[u8],
    like: &Path,
) -> std::io::Result<tempfile::NamedTempFile> {
    let (dir, name) = dir_and_name(target);
    let previous = std::fs::metadata(like).ok();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if previous.is_none() {
        // Not the temp file's 0600: the mode any new file gets.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    if let Some(m) = &previous {
        #[cfg(unix)]
        {
            // Keep owner and group where this user may set them (root, or a group it is in);
            // otherwise the file is this user's, as any rewrite would make it.
            use std::os::unix::fs::MetadataExt;
            let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(m.uid()), Some(m.gid()));
        }
        tmp.as_file().set_permissions(m.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Write `bytes` to `path` atomically: a temp file with a random name created exclusively in the
/// same directory, fsync, rename. A symlink at `path` is followed (its target is updated) and
/// the permissions of the file replaced are kept.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_replacing(&resolve_target(path)?, bytes)
}

/// [`atomic_write`] giving a new file the permissions of `like` (a recovery file is as private
/// as the profile it recovers).
pub fn atomic_write_like(path: &Path, bytes: &[u8], like: &Path) -> std::io::Result<()> {
    let target = resolve_target(path)?;
    let like = if std::fs::symlink_metadata(&target).is_ok() {
        target.clone()
    } else {
        like.to_path_buf()
    };
    write_replacing_like(&target, bytes, &like)
}

/// The largest position of a table of the document (the order of the headers in the file).
fn max_position(t: &toml_edit::Table) -> Option<isize> {
    let mut best = t.position();
    for (_, item) in t.iter() {
        let inner = match item {
            toml_edit::Item::Table(t) => max_position(t),
            toml_edit::Item::ArrayOfTables(a) => a.iter().filter_map(max_position).max(),
            _ => None,
        };
        best = best.max(inner);
    }
    best
}

/// Forget where the tables of an item copied from the fresh document were: they are placed
/// after the table before them in the merged document.
fn unplace(item: &mut toml_edit::Item) {
    match item {
        toml_edit::Item::Table(t) => unplace_table(t),
        toml_edit::Item::ArrayOfTables(a) => a.iter_mut().for_each(unplace_table),
        _ => {}
    }
}

fn unplace_table(t: &mut toml_edit::Table) {
    t.set_position(None);
    for (_, item) in t.iter_mut() {
        unplace(item);
    }
}

/// [`merge_table`] for the document root: a table that is new (such as `[[series]]` when a
/// version 1 file is upgraded) goes at the end (position `end`); `[[series]]` tables are
/// matched by their identity, not their position.
fn merge_root(old: &mut toml_edit::Table, new: &toml_edit::Table, end: isize) {
    let stale: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.contains_key(k))
        .collect();
    for k in stale {
        old.remove(&k);
    }
    for (k, new_item) in new.iter() {
        match (old.get_mut(k), new_item) {
            (Some(toml_edit::Item::ArrayOfTables(o)), toml_edit::Item::ArrayOfTables(n))
                if k == compact::KEY =>
            {
                merge_series(o, n)
            }
            (Some(old_item), _) => merge_item(old_item, new_item),
            (None, _) => {
                let mut item = new_item.clone();
                unplace(&mut item);
                match &mut item {
                    toml_edit::Item::Table(t) => t.set_position(Some(end)),
                    toml_edit::Item::ArrayOfTables(a) => {
                        if let Some(t) = a.get_mut(0) {
                            t.set_position(Some(end));
                        }
                    }
                    _ => {}
                }
                old.insert(k, item);
            }
        }
    }
}

/// Merge the `[[series]]` tables: each new series takes the old one of the same identity
/// (indicator, source, shared attributes, dimensions) in turn, with its comments; a series
/// without one is new. A series taken out of the file's order is placed after the one before
/// it. The cells of a series follow the new order.
fn merge_series(old: &mut toml_edit::ArrayOfTables, new: &toml_edit::ArrayOfTables) {
    use std::collections::{HashMap, VecDeque};
    let mut pool: HashMap<String, VecDeque<toml_edit::Table>> = HashMap::new();
    for t in std::mem::take(old) {
        pool.entry(compact::identity(&t)).or_default().push_back(t);
    }
    let mut last = None;
    for nt in new.iter() {
        let taken = pool
            .get_mut(&compact::identity(nt))
            .and_then(VecDeque::pop_front);
        let t = match taken {
            Some(mut t) => {
                merge_table(&mut t, nt);
                if let Some(toml_edit::Item::Table(v)) = t.get_mut("values")
                    && let Some(toml_edit::Item::Table(nv)) = nt.get("values")
                {
                    order_like(v, nv);
                }
                if t.position().is_some() && t.position() < last {
                    unplace_table(&mut t);
                }
                last = last.max(t.position());
                t
            }
            None => {
                let mut t = nt.clone();
                unplace_table(&mut t);
                t
            }
        };
        old.push(t);
    }
}

/// Put the keys of `old` (and of its dotted sub-tables, `SYR.F`) in the order of `new`.
fn order_like(old: &mut toml_edit::Table, new: &toml_edit::Table) {
    let same = old.len() == new.len() && old.iter().zip(new.iter()).all(|(a, b)| a.0 == b.0);
    if !same {
        let rank: std::collections::HashMap<&str, usize> =
            new.iter().enumerate().map(|(i, (k, _))| (k, i)).collect();
        old.sort_values_by(|a, _, b, _| {
            let r = |k: &toml_edit::Key| rank.get(k.get()).copied().unwrap_or(usize::MAX);
            r(a).cmp(&r(b))
        });
    }
    for (k, item) in old.iter_mut() {
        if let (toml_edit::Item::Table(o), Some(toml_edit::Item::Table(n))) =
            (item, new.get(k.get()))
        {
            order_like(o, n);
        }
    }
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
                let mut item = new_item.clone();
                unplace(&mut item);
                old.insert(k, item);
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
                    None => {
                        let mut t = nt.clone();
                        unplace_table(&mut t);
                        o.push(t);
                    }
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
