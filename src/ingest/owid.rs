//! Our World in Data grapher CSV: `Entity,Code,Year,<value column>…`, long layout, regions with an
//! empty `Code` (or an `OWID_…` code), and the companion `<name>.metadata.json` beside it (unit,
//! citation, last update). Series = the value column's title. A column whose citation names
//! the revision of the dataset OWID republishes ("International Migrant Stock 2024 -
//! POP/DB/MIG/Stock/Rev.2024") gives its values that revision (`IMS 2024`).
//!
//! Row accounting: a row is one data line (entity x year, every value column of it); a line
//! repeating an entity and year is a duplicate (identical) or an error naming both lines.

use super::csvutil::{
    self, Cell, SeriesIndex, Who, add_note, count_unmapped_series, field, malformed, observation,
    parse_cell, push, resolve_country, warn,
};
use super::{Context, Format, Head, ImportError, Outcome, reason};
use std::path::{Path, PathBuf};

const PROVIDER: &str = "owid";

pub fn sniff(head: &Head) -> Result<(), String> {
    if head.is_zip {
        return Err("a zip file, not a CSV".into());
    }
    let recs = csvutil::head_records(&head.text, 1);
    match recs.first() {
        Some(h)
            if h.len() >= 4
                && h[0].trim() == "Entity"
                && h[1].trim() == "Code"
                && h[2].trim() == "Year" =>
        {
            Ok(())
        }
        _ => Err("header is not Entity,Code,Year,<value column>".into()),
    }
}

/// `dir/name.csv` -> `dir/name.metadata.json`.
fn metadata_path(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    Some(path.with_file_name(format!("{stem}.metadata.json")))
}

/// Read the companion metadata into the notes; gives the dataset revision each value column's
/// citation names (`(column, "IMS 2024")`).
fn read_metadata(path: &Path, columns: &[String], out: &mut Outcome) -> Vec<(String, String)> {
    let mut revisions = Vec::new();
    let Some(mp) = metadata_path(path) else {
        return revisions;
    };
    let Ok(text) = std::fs::read_to_string(&mp) else {
        return revisions;
    };
    let json: serde_json::Value = match serde_json::from_str(&text) {
        Ok(j) => j,
        Err(e) => {
            csvutil::warn(
                out,
                e.line(),
                format!(
                    "{}: companion metadata is not valid JSON: {e}",
                    mp.display()
                ),
            );
            return revisions;
        }
    };
    let s = |v: &serde_json::Value| v.as_str().map(str::trim).unwrap_or("").to_string();
    let title = s(&json["chart"]["title"]);
    if !title.is_empty() {
        out.dataset = title;
    }
    let chart_citation = s(&json["chart"]["citation"]);
    if !chart_citation.is_empty() {
        add_note(out, &format!("Citation: {chart_citation}"));
    }
    for c in columns {
        let col = &json["columns"][c.as_str()];
        if col.is_null() {
            continue;
        }
        for (key, label) in [
            ("unit", "unit"),
            ("lastUpdated", "last updated"),
            ("citationLong", "citation"),
        ] {
            let v = s(&col[key]);
            if !v.is_empty() {
                add_note(out, &format!("{c}: {label}: {v}"));
            }
        }
    }
    let url = s(&json["chart"]["originalChartUrl"]);
    // The revision of the republished dataset, from the column's long citation
    // ("International Migrant Stock 2024 - POP/DB/MIG/Stock/Rev.2024").
    for c in columns {
        let col = &json["columns"][c.as_str()];
        let text = format!("{} {}", s(&col["citationLong"]), s(&col["citationShort"]));
        if let Some(rev) = super::vintage::revision_in(&text) {
            add_note(out, &format!("{c}: revision: {rev}"));
            revisions.push((c.clone(), rev));
        }
    }
    if !url.is_empty() {
        add_note(out, &format!("URL: {url}"));
    }
    let downloaded = s(&json["dateDownloaded"]);
    if !downloaded.is_empty() {
        add_note(out, &format!("Downloaded: {downloaded}"));
    }
    revisions
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let series_index = SeriesIndex::new(ctx, Format::Owid.id());
    let mut out = Outcome::new(
        Format::Owid,
        &series_index.provider_or(PROVIDER),
        "Our World in Data",
    );
    let mut rdr = csvutil::open_csv(path, b',')?;
    let mut rec = csv::ByteRecord::new();
    let header = csvutil::read_header(&mut rdr, &mut rec, path)?;
    if header.len() < 4 || header[0] != "Entity" || header[1] != "Code" || header[2] != "Year" {
        return Err(malformed(
            path,
            1,
            "expected the header Entity,Code,Year,<value column>",
        ));
    }
    let value_cols: Vec<String> = header[3..].to_vec();
    let revisions = read_metadata(path, &value_cols, &mut out);
    let mut dedup = csvutil::Dedup::default();
    while let Some(line) = rdr.next(&mut rec)? {
        if !csvutil::take_row(&mut out, line, &rec, header.len()) {
            continue;
        }
        let entity = field(&rec, 0).trim().to_string();
        let code = field(&rec, 1).trim().to_string();
        let aggregate = (code.is_empty()
            || (code.starts_with("OWID_")
                && ctx.countries.iso3(&code).is_none()
                && ctx.countries.iso3(&entity).is_none()))
        .then_some(true);
        let cells: [&str; 2] = if code.is_empty() {
            [entity.as_str(), ""]
        } else {
            [code.as_str(), entity.as_str()]
        };
        let iso3 = match resolve_country(ctx, &mut out, &cells, aggregate) {
            Who::Keep(c) => c,
            Who::Drop(why) => {
                out.drop_row(why);
                continue;
            }
        };
        let year = field(&rec, 2).trim().to_string();
        let key = format!("{iso3} {year}");
        let seen = dedup.check(key.clone(), line, csvutil::row_hash(rec.iter()));
        if csvutil::repeated(path, &mut out, seen, line, &key)? {
            continue;
        }
        let mut fate = csvutil::Fate::default();
        for (i, title) in value_cols.iter().enumerate() {
            let maps = series_index.get(title);
            if maps.is_empty() {
                count_unmapped_series(&mut out, title);
                fate.because(reason::NOT_IN_CATALOGUE);
                continue;
            }
            let raw = field(&rec, i + 3);
            match parse_cell(&raw) {
                Cell::Missing => fate.because(reason::MISSING),
                Cell::Invalid => {
                    warn(
                        &mut out,
                        line,
                        format!("column {title:?}: {}; skipped", csvutil::not_a_value(&raw)),
                    );
                    fate.because(reason::MALFORMED);
                }
                Cell::Value(v) => {
                    fate.gave();
                    let revision = revisions.iter().find(|(c, _)| c == title).map(|x| &x.1);
                    for (ind, m) in maps {
                        let mut o = observation(ind, m, &year, v);
                        o.revision = revision.cloned();
                        push(&mut out, &iso3, o);
                    }
                }
            }
        }
        fate.settle(&mut out);
    }
    Ok(out)
}
