//! UNHCR Refugee Population Statistics API JSON (`unhcr_api`): the answer of
//! `https://api.unhcr.org/population/v1/population/?cf_type=ISO&coa=DEU&...`, an object with
//! `page`, `maxPages` and an `items` array, one item per year (x partner country) with `year`,
//! `coo_name`, `coo_iso`, `coa_name`, `coa_iso` and the population counts `refugees`,
//! `asylum_seekers`, `returned_refugees`, `idps`, `returned_idps`, `stateless`, `ooc`, `oip`,
//! `hst`.
//!
//! The API serves the Refugee Data Finder's population table as JSON, so it is read by the same
//! rules as that table's CSV export (`unhcr_rdf`, [`super::unhcr`]): each item is one row of the
//! table, its count fields the columns the Data Finder names (`refugees` is
//! `Refugees under UNHCR's mandate`, `asylum_seekers` `Asylum-seekers`...), mapped through the
//! catalogue's `unhcr_rdf` mappings. An item whose partner is `-` (no `coo_all`/`coa_all`) is
//! already the country's total. `null` and `-` are "none" and give no value. An answer with more
//! pages than it holds is refused (it would be incomplete).
//!
//! Row accounting: a row is one item; warnings name the item (1-based).

use super::{Context, Format, Head, ImportError, Outcome};
use std::path::Path;

/// The largest JSON answer read (the fetch limit).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// API field -> the Data Finder column it is, in the Data Finder's column order.
const FIELDS: &[(&str, &str)] = &[
    ("refugees", "Refugees under UNHCR's mandate"),
    ("asylum_seekers", "Asylum-seekers"),
    ("returned_refugees", "Returned refugees"),
    ("idps", "IDPs of concern to UNHCR"),
    ("returned_idps", "Returned IDPss"),
    ("stateless", "Stateless persons"),
    ("ooc", "Others of concern"),
    ("oip", "Other people in need of international protection"),
    ("hst", "Host Community"),
];

pub fn sniff(head: &Head) -> Result<(), String> {
    let t = head.text.trim_start();
    if t.starts_with('{')
        && t.contains("\"items\"")
        && (t.contains("\"coa_iso\"") || t.contains("\"coo_iso\"") || t.contains("\"maxPages\""))
    {
        Ok(())
    } else {
        Err("not a JSON object with `items` and `coa_iso`/`coo_iso`/`maxPages`".into())
    }
}

fn other(path: &Path, message: impl Into<String>) -> ImportError {
    ImportError::Other {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// A JSON scalar as a table cell: numbers as written, strings as they are, null empty.
fn cell(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::Bool(b)) => b.to_string(),
        Some(x) => x.to_string(),
    }
}

/// A country cell: the field, else `-` (the API's "all countries").
fn country(item: &serde_json::Value, k: &str) -> String {
    let s = cell(item.get(k));
    if s.trim().is_empty() {
        "-".to_string()
    } else {
        s
    }
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let bytes = crate::profile::read_bounded(path, MAX_BYTES).map_err(|e| ImportError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let v: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| other(path, format!("not JSON: {e}")))?;
    let Some(items) = v.get("items").and_then(|i| i.as_array()) else {
        return Err(other(path, "no `items` array"));
    };
    let page = v.get("page").and_then(|p| p.as_u64()).unwrap_or(1);
    let pages = v.get("maxPages").and_then(|p| p.as_u64()).unwrap_or(1);
    if pages > page {
        return Err(other(
            path,
            format!(
                "page {page} of {pages}: the answer is incomplete; ask for all rows in one page \
                 (a larger `limit`)"
            ),
        ));
    }
    let present: Vec<(&str, &str)> = FIELDS
        .iter()
        .copied()
        .filter(|(f, _)| items.iter().any(|i| i.get(*f).is_some()))
        .collect();
    // The items as the Data Finder's table, read by its importer.
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "Year",
        "Country of origin",
        "Country of origin (ISO)",
        "Country of asylum",
        "Country of asylum (ISO)",
    ];
    header.extend(present.iter().map(|(_, c)| *c));
    let csv_err = |e: csv::Error| other(path, format!("reading the items: {e}"));
    w.write_record(&header).map_err(csv_err)?;
    for (i, item) in items.iter().enumerate() {
        if !item.is_object() {
            return Err(other(path, format!("item {}: not an object", i + 1)));
        }
        let iso = |a: &str, b: &str| {
            let s = country(item, a);
            if s == "-" { country(item, b) } else { s }
        };
        let mut row = vec![
            cell(item.get("year")),
            country(item, "coo_name"),
            iso("coo_iso", "coo"),
            country(item, "coa_name"),
            iso("coa_iso", "coa"),
        ];
        row.extend(present.iter().map(|(f, _)| cell(item.get(*f))));
        w.write_record(&row).map_err(csv_err)?;
    }
    let table = w
        .into_inner()
        .map_err(|e| other(path, format!("reading the items: {e}")))?;
    let dir = tempfile::tempdir().map_err(|e| ImportError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let tmp = dir.path().join("population.csv");
    std::fs::write(&tmp, &table).map_err(|e| ImportError::Io {
        path: tmp.display().to_string(),
        source: e,
    })?;
    let shown = path.display().to_string();
    // Line n of the table is item n - 1.
    let item_of = |line: usize| line.saturating_sub(1);
    let mut out = super::unhcr::import_rdf(&tmp, ctx).map_err(|e| match e {
        ImportError::Malformed { line, message, .. } => {
            other(path, format!("item {}: {message}", item_of(line)))
        }
        ImportError::Io { source, .. } => ImportError::Io {
            path: shown.clone(),
            source,
        },
        other_err => other(
            path,
            other_err
                .to_string()
                .replace(&tmp.display().to_string(), &shown),
        ),
    })?;
    for w in &mut out.warnings {
        if w.line > 0 {
            w.message = format!("item {}: {}", item_of(w.line), w.message);
            w.line = 0;
        }
    }
    out.format = Format::UnhcrApi;
    out.dataset = "UNHCR Refugee Population Statistics API: population".to_string();
    Ok(out)
}
