//! Generic long or wide CSV described by a TOML mapping file. Not implemented yet.
use super::{Context, ImportError, Outcome};
use std::path::Path;

pub fn import(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "generic importer not implemented yet".into(),
    })
}
