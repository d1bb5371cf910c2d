//! Importer(s): World Bank API CSV, WDI bulk CSV, DataBank export. Not implemented yet.
use super::{Context, Head, ImportError, Outcome};
use std::path::Path;

pub fn sniff_api(_head: &Head) -> Result<(), String> {
    Err("World Bank API CSV: importer not implemented yet".into())
}

pub fn import_api(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "World Bank API CSV: importer not implemented yet".into(),
    })
}

pub fn sniff_bulk(_head: &Head) -> Result<(), String> {
    Err("WDI bulk CSV: importer not implemented yet".into())
}

pub fn import_bulk(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "WDI bulk CSV: importer not implemented yet".into(),
    })
}

pub fn sniff_databank(_head: &Head) -> Result<(), String> {
    Err("DataBank export: importer not implemented yet".into())
}

pub fn import_databank(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "DataBank export: importer not implemented yet".into(),
    })
}
