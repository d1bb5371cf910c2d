//! Importer(s): Eurostat TSV, Eurostat Data Explorer CSV. Not implemented yet.
use super::{Context, Head, ImportError, Outcome};
use std::path::Path;

pub fn sniff_tsv(_head: &Head) -> Result<(), String> {
    Err("Eurostat TSV: importer not implemented yet".into())
}

pub fn import_tsv(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "Eurostat TSV: importer not implemented yet".into(),
    })
}

pub fn sniff_explorer(_head: &Head) -> Result<(), String> {
    Err("Eurostat Data Explorer CSV: importer not implemented yet".into())
}

pub fn import_explorer(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "Eurostat Data Explorer CSV: importer not implemented yet".into(),
    })
}
