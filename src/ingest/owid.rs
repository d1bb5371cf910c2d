//! Importer(s): OWID grapher CSV. Not implemented yet.
use super::{Context, Head, ImportError, Outcome};
use std::path::Path;

pub fn sniff(_head: &Head) -> Result<(), String> {
    Err("OWID grapher CSV: importer not implemented yet".into())
}

pub fn import(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "OWID grapher CSV: importer not implemented yet".into(),
    })
}
