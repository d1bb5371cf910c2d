//! Importer(s): UNHCR RDF export, UNHCR footnotes, UNHCR popstats. Not implemented yet.
use super::{Context, Head, ImportError, Outcome};
use std::path::Path;

pub fn sniff_rdf(_head: &Head) -> Result<(), String> {
    Err("UNHCR RDF export: importer not implemented yet".into())
}

pub fn import_rdf(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "UNHCR RDF export: importer not implemented yet".into(),
    })
}

pub fn sniff_footnotes(_head: &Head) -> Result<(), String> {
    Err("UNHCR footnotes: importer not implemented yet".into())
}

pub fn import_footnotes(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "UNHCR footnotes: importer not implemented yet".into(),
    })
}

pub fn sniff_popstats(_head: &Head) -> Result<(), String> {
    Err("UNHCR popstats: importer not implemented yet".into())
}

pub fn import_popstats(path: &Path, _ctx: &Context) -> Result<Outcome, ImportError> {
    Err(ImportError::Other {
        path: path.display().to_string(),
        message: "UNHCR popstats: importer not implemented yet".into(),
    })
}
