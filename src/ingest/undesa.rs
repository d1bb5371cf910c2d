//! Importer(s): UN DESA IMS workbook, WPP CSV. Not implemented yet.
use super::{Context, Head, ImportError, Outcome};
use std::path::Path;

pub fn sniff_ims(_head: &Head) -> Result<(), String> {
    Err("UN DESA IMS workbook: importer not implemented yet".into())
}

pub fn import_ims(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "UN DESA IMS workbook: importer not implemented yet".into(),
    })
}

pub fn sniff_wpp(_head: &Head) -> Result<(), String> {
    Err("WPP CSV: importer not implemented yet".into())
}

pub fn import_wpp(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "WPP CSV: importer not implemented yet".into(),
    })
}
