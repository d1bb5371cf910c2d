//! Rendering: charts (SVG/PNG), the report (HTML, Markdown), the open-data bundle.
//! (Placeholder: to be implemented.)

use crate::catalogue::Catalogue;
use crate::country::Countries;
use crate::profile::Profile;
use crate::template::Template;
use std::path::{Path, PathBuf};

/// Which outputs to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub html: bool,
    pub markdown: bool,
    pub png: bool,
    pub svg: bool,
    pub data: bool,
}

impl Formats {
    pub const ALL: Formats = Formats {
        html: true,
        markdown: true,
        png: true,
        svg: true,
        data: true,
    };
}

/// What one build wrote.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub files: Vec<PathBuf>,
    /// Charts skipped for lack of data (recorded as gaps), with the reason.
    pub skipped_charts: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}

/// Render one profile into `out_dir` (created if needed).
pub fn build_profile(
    _profile: &Profile,
    _catalogue: &Catalogue,
    _countries: &Countries,
    _template: &Template,
    _out_dir: &Path,
    _formats: Formats,
) -> Result<BuildReport, RenderError> {
    Err(RenderError::Other(
        "rendering is not implemented yet".into(),
    ))
}
