//! The open-data bundle: `observations.csv` (every published observation with its provenance),
//! `sources.csv` and a Frictionless Data Package descriptor `datapackage.json`.
//!
//! Suppressed values are written as an empty value with the marker `suppressed`; rounded values
//! carry `rounded`. Text cells starting with `=`, `+`, `-`, `@`, TAB or CR are neutralised with a
//! leading `'` ([`crate::text::csv_cell`]) so spreadsheets do not run them as formulas; numeric columns stay numeric.

use super::RenderError;
use super::data::{Ctx, slug};
use crate::quality::disclosure::Cell;
use crate::text::csv_cell;
use serde_json::{Value, json};
use std::borrow::Cow;

/// (name, type, description) of the observations table, in column order.
pub const OBS_FIELDS: [(&str, &str, &str); 16] = [
    ("indicator", "string", "Catalogue indicator id"),
    ("indicator_name", "string", "Indicator name"),
    ("unit", "string", "Unit of measure"),
    (
        "period",
        "string",
        "Period as published (year, span, quarter or month)",
    ),
    (
        "disaggregation",
        "string",
        "Disaggregation cell as dimension=value pairs separated by ';', or 'total'",
    ),
    ("value", "number", "Published value; empty when suppressed"),
    (
        "flags",
        "string",
        "Provider flags as published, separated by ';'",
    ),
    ("footnote", "string", "Provider footnote"),
    ("source", "string", "Source id (see sources.csv)"),
    ("provider", "string", "Registry provider id"),
    ("dataset", "string", "Dataset name as the provider calls it"),
    ("file", "string", "Imported file as recorded in the profile"),
    ("sha256", "string", "SHA-256 of the imported file"),
    (
        "retrieved",
        "string",
        "Date the file was retrieved (YYYY-MM-DD)",
    ),
    ("licence", "string", "Licence of the source"),
    (
        "disclosure",
        "string",
        "Disclosure control: empty, 'rounded' or 'suppressed'",
    ),
];

pub const SOURCE_FIELDS: [(&str, &str, &str); 11] = [
    ("id", "string", "Source id used by observations.csv"),
    ("provider", "string", "Registry provider id"),
    ("provider_name", "string", "Provider name"),
    ("dataset", "string", "Dataset name"),
    ("file", "string", "Imported file as recorded in the profile"),
    ("format", "string", "Import format id"),
    ("sha256", "string", "SHA-256 of the imported file"),
    ("retrieved", "string", "Date the file was retrieved"),
    ("licence", "string", "Licence"),
    ("url", "string", "Where the data was obtained"),
    ("citation", "string", "Full citation"),
];

/// Neutralise a text cell that a spreadsheet would read as a formula (see [`csv_cell`]).
pub fn neutralise(s: &str) -> String {
    csv_cell(s).into_owned()
}

/// [`neutralise`] borrowing the text when it needs no change.
fn neutral(s: &str) -> Cow<'_, str> {
    csv_cell(s)
}

fn csv_err(e: csv::Error) -> RenderError {
    RenderError::Other(format!("writing CSV: {e}"))
}

fn write_rows(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>, RenderError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(header).map_err(csv_err)?;
    for r in rows {
        w.write_record(&r).map_err(csv_err)?;
    }
    w.into_inner()
        .map_err(|e| RenderError::Other(format!("writing CSV: {e}")))
}

/// The three files of the bundle: (file name, bytes).
pub fn build(ctx: &Ctx) -> Result<Vec<(&'static str, Vec<u8>)>, RenderError> {
    let p = ctx.profile;
    // Rows are streamed into the writer with borrowed fields: this table has a row per
    // published observation.
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::with_capacity(ctx.used.len() * 256));
    w.write_record(OBS_FIELDS.iter().map(|f| f.0))
        .map_err(csv_err)?;
    // Profile sources by id, the first with an id winning as in `Profile::source`.
    let mut by_id: std::collections::HashMap<&str, &crate::model::Source> =
        std::collections::HashMap::with_capacity(p.sources.len());
    for s in &p.sources {
        by_id.entry(s.id.as_str()).or_insert(s);
    }
    let mut disagg = String::new();
    let mut flags = String::new();
    for pb in &ctx.used {
        let o = pb.obs;
        let src = by_id.get(o.source.as_str()).copied();
        disagg.clear();
        if o.disaggregation.is_empty() {
            disagg.push_str("total");
        } else {
            for (i, (k, v)) in o.disaggregation.iter().enumerate() {
                if i > 0 {
                    disagg.push(';');
                }
                disagg.push_str(k);
                disagg.push('=');
                disagg.push_str(v);
            }
        }
        flags.clear();
        for (i, f) in o.flags.iter().enumerate() {
            if i > 0 {
                flags.push(';');
            }
            flags.push_str(f);
        }
        let (value, marker) = match pb.cell {
            Cell::Suppressed(_) => (String::new(), "suppressed"),
            Cell::Rounded(v) if v.is_finite() => (format!("{v}"), "rounded"),
            Cell::Shown(v) if v.is_finite() => (format!("{v}"), ""),
            _ => (String::new(), ""),
        };
        let t = neutral;
        let name = ctx
            .indicator(&o.indicator)
            .map_or(o.indicator.as_str(), |i| i.name.as_str());
        let fields: [Cow<str>; 16] = [
            t(&o.indicator),
            t(name),
            t(ctx.unit(&o.indicator).label()),
            t(&o.period),
            t(&disagg),
            Cow::Borrowed(value.as_str()),
            t(&flags),
            t(o.footnote.as_deref().unwrap_or("")),
            t(&o.source),
            t(src.map(|s| s.provider.as_str()).unwrap_or("")),
            t(src.map(|s| s.dataset.as_str()).unwrap_or("")),
            t(src.and_then(|s| s.file.as_deref()).unwrap_or("")),
            t(src.and_then(|s| s.sha256.as_deref()).unwrap_or("")),
            t(src.and_then(|s| s.retrieved.as_deref()).unwrap_or("")),
            t(src.map(|s| s.licence.as_str()).unwrap_or("")),
            Cow::Borrowed(marker),
        ];
        w.write_record(fields.iter().map(|f| f.as_bytes()))
            .map_err(csv_err)?;
    }
    let observations = w
        .into_inner()
        .map_err(|e| RenderError::Other(format!("writing CSV: {e}")))?;

    let srows = p
        .sources
        .iter()
        .map(|s| {
            let name = ctx
                .catalogue
                .provider(&s.provider)
                .map(|x| x.name.as_str())
                .unwrap_or("");
            [
                s.id.as_str(),
                &s.provider,
                name,
                &s.dataset,
                s.file.as_deref().unwrap_or(""),
                s.format.as_deref().unwrap_or(""),
                s.sha256.as_deref().unwrap_or(""),
                s.retrieved.as_deref().unwrap_or(""),
                &s.licence,
                s.url.as_deref().unwrap_or(""),
                s.citation.as_deref().unwrap_or(""),
            ]
            .iter()
            .map(|x| neutralise(x))
            .collect()
        })
        .collect();
    let src_header: Vec<&str> = SOURCE_FIELDS.iter().map(|f| f.0).collect();
    let sources = write_rows(&src_header, srows)?;

    let descriptor = descriptor(ctx);
    let mut json = serde_json::to_vec_pretty(&descriptor)
        .map_err(|e| RenderError::Other(format!("writing datapackage.json: {e}")))?;
    json.push(b'\n');
    Ok(vec![
        ("observations.csv", observations),
        ("sources.csv", sources),
        ("datapackage.json", json),
    ])
}

/// A licence entry: Open Definition id and URL for the licences providers use.
fn licence(text: &str) -> Value {
    let norm: String = text
        .to_ascii_uppercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let known: &[(&str, &str, &str)] = &[
        (
            "CCBY4.0",
            "CC-BY-4.0",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        (
            "CCBY3.0IGO",
            "CC-BY-3.0-IGO",
            "https://creativecommons.org/licenses/by/3.0/igo/",
        ),
        (
            "CCBYSA4.0",
            "CC-BY-SA-4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        (
            "CC04.0",
            "CC0-1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        (
            "CC01.0",
            "CC0-1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        (
            "ODCBY1.0",
            "ODC-BY-1.0",
            "https://opendatacommons.org/licenses/by/1-0/",
        ),
        (
            "ODBL1.0",
            "ODbL-1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
        ),
    ];
    match known.iter().find(|k| norm == k.0) {
        Some((_, id, url)) => json!({ "name": id, "path": url, "title": text }),
        None => json!({ "name": slug(text), "title": text }),
    }
}

fn schema(fields: &[(&str, &str, &str)], key: &[&str]) -> Value {
    let f: Vec<Value> = fields
        .iter()
        .map(|(n, t, d)| json!({ "name": n, "type": t, "description": d }))
        .collect();
    json!({ "fields": f, "primaryKey": key, "missingValues": [""] })
}

fn descriptor(ctx: &Ctx) -> Value {
    let p = ctx.profile;
    let mut licences: Vec<String> = p.sources.iter().map(|s| s.licence.clone()).collect();
    licences.sort();
    licences.dedup();
    licences.retain(|l| !l.trim().is_empty());
    let sources: Vec<Value> = p
        .sources
        .iter()
        .map(|s| {
            let mut v = json!({ "title": ctx.source_label(&s.id) });
            if let (Some(url), Some(obj)) = (&s.url, v.as_object_mut()) {
                obj.insert("path".into(), json!(url));
            }
            v
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": slug(&format!("migprof-{}-{}", p.meta.country, p.meta.reference_year)),
        "title": p.meta.title,
        "description": format!(
            "{}Every observation published in the migration profile, with its provenance. Disclosure control applied: counts below {} in disaggregated cells are suppressed.",
            ctx.banner.as_deref().map(|b| format!("{b}. ")).unwrap_or_default(),
            p.disclosure.threshold
        ),
        "licenses": licences.iter().map(|l| licence(l)).collect::<Vec<_>>(),
        "sources": sources,
        "contributors": p.meta.authors.iter().map(|a| json!({ "title": a, "role": "author" })).collect::<Vec<_>>(),
        "keywords": ["migration", "migration profile", p.meta.country],
        "resources": [
            {
                "name": "observations",
                "path": "observations.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(&OBS_FIELDS, &["indicator", "period", "disaggregation"]),
            },
            {
                "name": "sources",
                "path": "sources.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(&SOURCE_FIELDS, &["id"]),
            }
        ]
    })
}
