//! Importer(s): Missing Migrants CSV. Not implemented yet.
use super::{Context, Head, ImportError, Outcome};
use std::path::Path;

pub fn sniff(_head: &Head) -> Result<(), String> {
    Err("Missing Migrants CSV: importer not implemented yet".into())
}

pub fn import(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "Missing Migrants CSV: importer not implemented yet".into(),
    })
}
