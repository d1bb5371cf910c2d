//! The report template (`profiles/templates/iom.toml`): parts, sections (the selectable modules),
//! the indicators, charts and tables each section shows, and a narrative prompt.

use crate::error::DataError;
use serde::{Deserialize, Serialize};
use std::path::Path;

const EMBEDDED_IOM: &str = include_str!("../profiles/templates/iom.toml");

/// Chart kinds the renderer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Lines over time, one per indicator (same unit) .
    TimeSeries,
    /// Horizontal bars of the top partners (origin / destination / citizenship) in the latest period.
    Bars,
    /// Age-sex pyramid.
    Pyramid,
    /// Small multiples: one mini time series per indicator.
    Multiples,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    pub kind: ChartKind,
    pub title: String,
    pub indicators: Vec<String>,
    /// For bars: the disaggregation dimension (`origin`, `destination`, `citizenship`).
    #[serde(default)]
    pub dimension: Option<String>,
    /// For bars: how many bars (default 10).
    #[serde(default)]
    pub top: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub title: String,
    pub indicators: Vec<String>,
    /// Rows by: `period` (indicators as columns) or a disaggregation dimension.
    #[serde(default = "default_by")]
    pub by: String,
}

fn default_by() -> String {
    "period".to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// `KS`, `EXEC`, `A.2`, `D.4`, `ANX.SOURCES` ...
    pub id: String,
    pub title: String,
    /// Selected in a new profile by default.
    #[serde(default = "yes")]
    pub default: bool,
    /// Can the user deselect it? Front matter and annexes are always present.
    #[serde(default = "yes")]
    pub optional: bool,
    #[serde(default)]
    pub indicators: Vec<String>,
    #[serde(default)]
    pub chart: Vec<ChartSpec>,
    #[serde(default)]
    pub table: Vec<TableSpec>,
    /// Question that guides the narrative.
    #[serde(default)]
    pub prompt: String,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// `front`, `A`, `B`, `C`, `D`, `annex`.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub section: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub part: Vec<Part>,
}

impl Template {
    /// The IOM template built into the binary.
    /// The built-in template, parsed once per process (a batch build asks for it per
    /// profile).
    pub fn iom() -> Result<Template, DataError> {
        static ONCE: std::sync::OnceLock<Option<Template>> = std::sync::OnceLock::new();
        match ONCE
            .get_or_init(|| Template::from_str(EMBEDDED_IOM, "profiles/templates/iom.toml").ok())
        {
            Some(t) => Ok(t.clone()),
            None => Template::from_str(EMBEDDED_IOM, "profiles/templates/iom.toml"),
        }
    }

    pub fn from_str(text: &str, name: &str) -> Result<Template, DataError> {
        toml::from_str(text).map_err(|e| DataError::toml(name, text, e))
    }

    /// A template file, read with the same limits as a profile (a FIFO or `/dev/zero` is
    /// refused, not read; so is a file over [`crate::profile::MAX_FILE_BYTES`]).
    pub fn load(path: &Path) -> Result<Template, DataError> {
        let io = |e| DataError::Io {
            path: path.display().to_string(),
            source: e,
        };
        let bytes =
            crate::profile::read_bounded(path, crate::profile::MAX_FILE_BYTES).map_err(io)?;
        let text = String::from_utf8(bytes).map_err(|_| {
            io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the file is not valid UTF-8",
            ))
        })?;
        Template::from_str(&text, &path.display().to_string())
    }

    /// Resolve a template name from a profile: `iom` is built in, anything else is a path.
    pub fn named(name: &str) -> Result<Template, DataError> {
        if name == "iom" {
            Template::iom()
        } else {
            Template::load(Path::new(name))
        }
    }

    /// Resolve a profile's template: `iom` is built in; a path is tried as given (relative to
    /// the working directory), then relative to the profile's folder.
    pub fn for_profile(name: &str, profile_path: &Path) -> Result<Template, DataError> {
        if name == "iom" || Path::new(name).is_absolute() || Path::new(name).exists() {
            return Template::named(name);
        }
        match profile_path
            .parent()
            .map(|d| d.join(name))
            .filter(|p| p.exists())
        {
            Some(p) => Template::load(&p),
            None => Template::named(name),
        }
    }

    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.part.iter().flat_map(|p| p.section.iter())
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections().find(|s| s.id == id)
    }

    /// The part a section belongs to.
    pub fn part_of(&self, section: &str) -> Option<&Part> {
        self.part
            .iter()
            .find(|p| p.section.iter().any(|s| s.id == section))
    }

    /// Section ids selected by default in a new profile.
    pub fn default_modules(&self) -> Vec<String> {
        self.sections()
            .filter(|s| s.optional && s.default)
            .map(|s| s.id.clone())
            .collect()
    }

    pub fn suggest_section(&self, id: &str) -> Option<&str> {
        crate::error::nearest(id, self.sections().map(|s| s.id.as_str()))
    }

    /// Is a section part of the report for these selected modules?
    pub fn is_selected(&self, section: &Section, modules: &[String]) -> bool {
        !section.optional || modules.iter().any(|m| m == &section.id)
    }

    /// Every indicator id the selected sections ask for, in template order, without repeats.
    pub fn selected_indicators(&self, modules: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in self.sections().filter(|s| self.is_selected(s, modules)) {
            for i in &s.indicators {
                if !out.contains(i) {
                    out.push(i.clone());
                }
            }
        }
        out
    }
}
