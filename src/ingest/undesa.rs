//! UN DESA Population Division importers: the International Migrant Stock workbook (`.xlsx`,
//! read with calamine) and the World Population Prospects period-indicators CSV (Latin-1).
//!
//! IMS: each `Table N` sheet has its real header on the row whose name cell starts with
//! "Region, development group" (row 11 in the 2020 edition) and a super-header a few rows above
//! it (row 8) naming the column blocks ("…, both sexes combined", "…, males", "…, females").
//! Year labels repeat across blocks, so columns are read by their position under the
//! super-header. The series is the sheet name. The `Type of data` code (B/C/I/R) becomes the
//! observation's flags and concept, the `Notes` number its footnote (text from the Notes sheet).
//!
//! WPP: series = column name (`NetMigrations`, `CNMR`), period = `Time` as published
//! (`1950-1955`), country = `LocID` (M49; 900 and above are aggregates). Only the Medium variant
//! is kept unless a mapping filter names another (`variant = "High"`). The revision comes from
//! the file name UN DESA gives the download (`WPP2019_…` -> `WPP 2019`); values of periods
//! after the revision's estimates (WPP 2019: from `2020-2025`) are marked projections
//! ([`super::vintage::wpp_status`]).
//!
//! IMS values carry the revision the title block names (`POP/DB/MIG/Stock/Rev.2020` ->
//! `IMS 2020`); those of type `I` (no data, imputed) have the status `estimate`. A row name
//! that the country table lists as a past territory for `undesa_ims` up to a year (`Sudan`
//! until 2005: "The estimates for 1990 to 2005 refer to Sudan and South Sudan") gives its values
//! of the periods starting then that territory.
//!
//! Row accounting: in the workbook a row is one data row (a name or code) of a mapped `Table N`
//! sheet (sheets no mapping names are not read); in the WPP CSV one data line. A WPP line
//! repeating a location, variant and period is a duplicate (identical) or an error (other
//! values), both naming the two lines.

use super::csvutil::{
    self, Cell, Dedup, Fate, SeriesIndex, Who, add_note, count_unmapped_series, field, malformed,
    not_a_value, observation, parse_cell, push, resolve_country, row_hash, show, warn,
};
use super::vintage;
use super::{Context, Format, Head, ImportError, Outcome, reason};
use crate::catalogue::{Indicator, Mapping};
use crate::model::Status;
use calamine::{Data, Reader};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

const PROVIDER: &str = "un_desa";

// ---------------------------------------------------------------- zip/xlsx sniffing

/// Entries of the zip local headers found in `bytes`: (name, method, flags, data start, size).
fn zip_entries(bytes: &[u8]) -> Vec<(String, u16, u16, usize, usize)> {
    let u16_at = |p: usize| -> Option<u16> {
        Some(u16::from_le_bytes([*bytes.get(p)?, *bytes.get(p + 1)?]))
    };
    let u32_at = |p: usize| -> Option<u32> {
        Some(u32::from_le_bytes([
            *bytes.get(p)?,
            *bytes.get(p + 1)?,
            *bytes.get(p + 2)?,
            *bytes.get(p + 3)?,
        ]))
    };
    let mut out = Vec::new();
    let mut pos = 0usize;
    while bytes.get(pos..pos + 4) == Some(b"PK\x03\x04") {
        let (Some(flags), Some(method), Some(size), Some(nlen), Some(elen)) = (
            u16_at(pos + 6),
            u16_at(pos + 8),
            u32_at(pos + 18),
            u16_at(pos + 26),
            u16_at(pos + 28),
        ) else {
            break;
        };
        let name_start = pos + 30;
        let Some(name) = bytes.get(name_start..name_start + nlen as usize) else {
            break;
        };
        let data = name_start + nlen as usize + elen as usize;
        out.push((
            String::from_utf8_lossy(name).into_owned(),
            method,
            flags,
            data,
            size as usize,
        ));
        if flags & 8 != 0 && size == 0 {
            break; // sizes follow the data: cannot walk further
        }
        pos = data + size as usize;
    }
    out
}

/// Sheet names listed in `xl/workbook.xml`.
fn sheet_names_in(xml: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in xml.split("<sheet ").skip(1) {
        if let Some(rest) = part.split("name=\"").nth(1)
            && let Some((name, _)) = rest.split_once('"')
        {
            names.push(name.replace("&amp;", "&"));
        }
    }
    names
}

/// The IMS workbook: an xlsx whose `xl/workbook.xml` (inflated from the sniffed head) lists a
/// `Table 1` sheet.
pub fn sniff_ims(head: &Head) -> Result<(), String> {
    if !head.is_zip {
        return Err("not an xlsx workbook (no zip signature)".into());
    }
    let entries = zip_entries(&head.bytes);
    let Some(wb) = entries.iter().find(|e| e.0 == "xl/workbook.xml") else {
        return if entries.iter().any(|e| e.0.starts_with("xl/")) {
            Err("an xlsx workbook whose sheet list is not near the start of the file".into())
        } else {
            Err("a zip file but not an xlsx workbook".into())
        };
    };
    let (_, method, _, start, size) = wb;
    let raw = head.bytes.get(*start..).unwrap_or(&[]);
    let raw = if *size > 0 {
        raw.get(..*size).unwrap_or(raw)
    } else {
        raw
    };
    let mut xml = String::new();
    let ok = match method {
        0 => std::str::from_utf8(raw).map(|s| xml.push_str(s)).is_ok(),
        8 => flate2::read::DeflateDecoder::new(raw)
            .read_to_string(&mut xml)
            .is_ok(),
        _ => false,
    };
    if !ok {
        return Err("cannot read the workbook's sheet list".into());
    }
    let names = sheet_names_in(&xml);
    if names.iter().any(|n| n == "Table 1") {
        Ok(())
    } else {
        Err(format!(
            "an xlsx workbook without a \"Table 1\" sheet (sheets: {})",
            names.join(", ")
        ))
    }
}

// ---------------------------------------------------------------- IMS import

fn cell_text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Bool(b)) => b.to_string(),
        Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => s.clone(),
        _ => String::new(),
    }
}

/// Meaning of the `Type of data` codes (from the workbook's Notes sheet).
const TYPE_LEGEND: &str = "Type of data: B = estimates derived from data on the foreign-born \
     population; C = derived from data on foreign citizens; R = refugees/asylum seekers \
     (UNHCR/UNRWA) added to the estimates; I = no data, estimates imputed";

/// One column block under the super-header.
#[derive(Debug, Clone)]
struct Block {
    /// `Some("")` = both sexes, `Some("M")`, `Some("F")`, `None` = not a sex block.
    sex: Option<&'static str>,
    /// (absolute column, period)
    cols: Vec<(u32, String)>,
}

/// The sex of a block label: 2020 `…, both sexes combined` / `…, males` / `…, females`; 2019
/// `… (both sexes)` / `… (male)` / `… (female)`, `Total male population …`. A label that only
/// mentions women (`Female migrants as a percentage …`) is not a sex block.
fn sex_of(label: &str) -> Option<&'static str> {
    let l = label.to_lowercase();
    if l.contains("both sexes") {
        Some("")
    } else if l.contains(", females") || l.contains("(female)") || l.contains(" female population")
    {
        Some("F")
    } else if l.contains(", males") || l.contains("(male)") || l.contains(" male population") {
        Some("M")
    } else {
        None
    }
}

/// How the name column's header starts: 2020 edition, then 2019 and earlier.
const IMS_NAME_HEADERS: [&str; 2] = [
    "Region, development group",
    "Major area, region, country or area",
];

/// Blocks a mapping selects: `block = "N"` (1-based), `sex = "T"|"M"|"F"`, or by default the
/// first block of each sex (or the first block when none names a sex).
fn select_blocks<'b>(blocks: &'b [Block], m: &Mapping) -> Vec<&'b Block> {
    if let Some(n) = m.filter.get("block") {
        return n
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| blocks.get(i))
            .into_iter()
            .collect();
    }
    if let Some(s) = m.filter.get("sex") {
        let want = match s.trim().to_ascii_uppercase().as_str() {
            "T" | "TOTAL" | "_T" => "",
            "M" => "M",
            "F" => "F",
            _ => return Vec::new(),
        };
        return blocks
            .iter()
            .find(|b| b.sex == Some(want))
            .into_iter()
            .collect();
    }
    let mut out: Vec<&Block> = Vec::new();
    for b in blocks {
        if let Some(s) = b.sex
            && !out.iter().any(|o| o.sex == Some(s))
        {
            out.push(b);
        }
    }
    if out.is_empty() {
        out.extend(blocks.first());
    }
    out
}

pub fn import_ims(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    // The workbook is checked before calamine reads it; a calamine panic is an import error.
    super::xlsx::guard(path, || read_ims(path, ctx))
}

fn read_ims(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let series_index = SeriesIndex::new(ctx, Format::UndesaIms.id());
    let mut out = Outcome::new(
        Format::UndesaIms,
        &series_index.provider_or(PROVIDER),
        "International Migrant Stock",
    );
    let other = |message: String| ImportError::Other {
        path: show(path),
        message,
    };
    let mut wb = super::xlsx::open(path)?;
    let names = wb.sheet_names();
    // Notes sheet: number -> text.
    let mut notes: HashMap<String, String> = HashMap::new();
    if let Some(notes_sheet) = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("Notes"))
        .cloned()
        && let Ok(r) = wb.worksheet_range(&notes_sheet)
    {
        for row in r.rows() {
            let mut cells = row.iter().filter(|d| !matches!(d, Data::Empty));
            if let (Some(n @ (Data::Int(_) | Data::Float(_))), Some(Data::String(t))) =
                (cells.next(), cells.next())
            {
                notes.insert(cell_text(Some(n)), t.trim().to_string());
            }
        }
    }
    let tables: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("Table ") && n.as_str() != "Table of contents")
        .cloned()
        .collect();
    if tables.is_empty() {
        return Err(other(format!(
            "no \"Table N\" sheet (sheets: {})",
            names.join(", ")
        )));
    }
    add_note(&mut out, TYPE_LEGEND);
    let mut described = false;
    for sheet in &tables {
        let maps = series_index.get(sheet);
        if maps.is_empty() {
            count_unmapped_series(&mut out, sheet);
            continue;
        }
        let range = wb
            .worksheet_range(sheet)
            .map_err(|e| other(format!("sheet {sheet:?}: {e}")))?;
        if !described {
            described = true;
            // Title, document code, citation and licence sit in rows 2-6 of column E.
            let texts: Vec<String> = (0..7u32)
                .filter_map(|r| {
                    (0..8u32)
                        .map(|c| cell_text(range.get_value((r, c))))
                        .find(|t| !t.trim().is_empty())
                })
                .collect();
            if let Some(t) = texts.first() {
                out.dataset = t.trim().to_string();
            }
            for t in texts.iter().skip(1) {
                add_note(&mut out, t);
            }
            // 2019 and earlier: a UN banner in rows 6-8, then workbook, title, copyright and
            // citation (with the revision code) in rows 10-14 of column E.
            if !out.dataset.contains("Migrant Stock") {
                let block: Vec<String> = (7..16u32)
                    .map(|r| cell_text(range.get_value((r, 4))))
                    .filter(|t| {
                        let t = t.trim();
                        t.starts_with("Copyright") || t.starts_with("Suggested citation")
                    })
                    .collect();
                for t in &block {
                    add_note(&mut out, t);
                }
                if let Some(rev) = vintage::ims_revision(&block.join(" ")) {
                    out.dataset = rev.replacen("IMS", "International Migrant Stock", 1);
                }
            }
        }
        import_ims_sheet(path, ctx, &mut out, sheet, &range, maps, &notes)?;
    }
    // The revision is named in the title block (`POP/DB/MIG/Stock/Rev.2020`).
    let described_text = format!("{} {}", out.dataset, out.notes.as_deref().unwrap_or(""));
    if let Some(rev) = vintage::ims_revision(&described_text) {
        for r in &mut out.records {
            r.observation.revision = Some(rev.clone());
        }
        add_note(&mut out, &format!("Revision: {rev}"));
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn import_ims_sheet(
    path: &Path,
    ctx: &Context,
    out: &mut Outcome,
    sheet: &str,
    range: &calamine::Range<Data>,
    maps: &[(&Indicator, &Mapping)],
    notes: &HashMap<String, String>,
) -> Result<(), ImportError> {
    let (rows, cols) = match range.end() {
        Some((r, c)) => (r + 1, c + 1),
        None => return Ok(()),
    };
    let text = |r: u32, c: u32| cell_text(range.get_value((r, c)));
    // The header row: its name cell starts with "Region, development group" (2020 edition) or
    // "Major area, region, country or area" (2019 and earlier).
    let mut header = None;
    'find: for r in 0..rows.min(40) {
        for c in 0..cols.min(10) {
            let t = text(r, c);
            if IMS_NAME_HEADERS
                .iter()
                .any(|h| t.trim_start().starts_with(h))
            {
                header = Some((r, c));
                break 'find;
            }
        }
    }
    let Some((hr, name_col)) = header else {
        return Err(malformed(
            path,
            0,
            format!(
                "sheet {sheet:?}: no header row starting \"Region, development group\" or \"Major area, region, country or area\""
            ),
        ));
    };
    // A column by its label, exact or followed by a note mark (`Type of data (a)`).
    let find_col = |labels: &[&str]| {
        (0..cols).find(|&c| {
            let t = text(hr, c);
            let t = t.trim();
            labels
                .iter()
                .any(|l| t == *l || t.strip_prefix(l).is_some_and(|r| r.starts_with(" (")))
        })
    };
    let Some(code_col) = find_col(&["Location code", "Code"]) else {
        return Err(malformed(
            path,
            hr as usize + 1,
            format!("sheet {sheet:?}: header has no \"Location code\" / \"Code\" column"),
        ));
    };
    // `Type of data` (B/C/I/R); the 2019 population table (Table 2) has none.
    let type_col = find_col(&["Type of data"]);
    let first_value = type_col.unwrap_or(code_col) + 1;
    let notes_col = find_col(&["Notes"]);
    // 2020: the periods are on the header row, the sex blocks a few rows above. 2019: the
    // header row holds the block labels and the periods are on the row below.
    let is_period = |c: u32| crate::model::Period::parse(text(hr, c).trim()).is_some();
    let periods_below = !(first_value..cols).any(is_period);
    let year_row = if periods_below { hr + 1 } else { hr };
    let value_cols: Vec<u32> = (first_value..cols)
        .filter(|&c| !text(year_row, c).trim().is_empty())
        .collect();
    // Super-header: nearest row above the periods with text over the value columns.
    let super_row = (year_row.saturating_sub(6)..year_row)
        .rev()
        .find(|&r| value_cols.iter().any(|&c| !text(r, c).trim().is_empty()));
    let mut blocks: Vec<Block> = Vec::new();
    for &c in &value_cols {
        let label = super_row.map(|r| text(r, c)).unwrap_or_default();
        if !label.trim().is_empty() || blocks.is_empty() {
            blocks.push(Block {
                sex: sex_of(&label),
                cols: Vec::new(),
            });
        }
        if let Some(b) = blocks.last_mut() {
            b.cols.push((c, text(year_row, c).trim().to_string()));
        }
    }
    let selections: Vec<(&Indicator, &Mapping, Vec<&Block>)> = maps
        .iter()
        .map(|(i, m)| (*i, *m, select_blocks(&blocks, m)))
        .collect();
    for r in year_row + 1..rows {
        let line = r as usize + 1;
        let raw_name = text(r, name_col);
        let name = raw_name.trim().trim_end_matches('*').trim().to_string();
        let code_text = text(r, code_col).trim().to_string();
        if name.is_empty() && code_text.is_empty() {
            continue;
        }
        out.rows += 1;
        let code: Option<u32> = code_text.parse().ok();
        let dtype = type_col
            .map(|c| text(r, c).trim().to_string())
            .unwrap_or_default();
        let aggregate = (code.is_some_and(|c| c >= 900)
            || (dtype.is_empty()
                && ctx.countries.iso3(&code_text).is_none()
                && ctx.countries.iso3(&name).is_none()))
        .then_some(true);
        let iso3 = match resolve_country(ctx, out, &[code_text.as_str(), name.as_str()], aggregate)
        {
            Who::Keep(c) => c,
            Who::Drop(why) => {
                out.drop_row(why);
                continue;
            }
        };
        let mut fate = Fate::default();
        let flags: Vec<String> = dtype.split_whitespace().map(str::to_string).collect();
        // `I`: no data for the country, the stock is imputed: an estimate, said so.
        let status = flags.iter().any(|f| f == "I").then_some(Status::Estimate);
        let concept = flags.iter().find_map(|f| match f.as_str() {
            "B" => Some("foreign_born".to_string()),
            "C" => Some("foreign_citizen".to_string()),
            _ => None,
        });
        let footnote = notes_col.and_then(|c| {
            let n = text(r, c).trim().to_string();
            if n.is_empty() {
                None
            } else {
                Some(match notes.get(&n) {
                    Some(t) => format!("Note {n}: {t}"),
                    None => format!("Note {n}"),
                })
            }
        });
        for (ind, m, sel) in &selections {
            for b in sel {
                for (c, period) in &b.cols {
                    let value = match range.get_value((r, *c)) {
                        Some(Data::Float(f)) if csvutil::sane(*f) => *f,
                        Some(Data::Int(i)) if csvutil::sane(*i as f64) => *i as f64,
                        Some(Data::Empty) | None => {
                            fate.because(reason::MISSING);
                            continue;
                        }
                        Some(Data::String(s)) => match parse_cell(s) {
                            Cell::Missing => {
                                fate.because(reason::MISSING);
                                continue;
                            }
                            Cell::Value(v) => v,
                            Cell::Invalid => {
                                // `~`: not applicable, UN DESA's missing-value marker.
                                if s.trim() == "~" {
                                    fate.because(reason::MISSING);
                                } else {
                                    warn(
                                        out,
                                        line,
                                        format!(
                                            "sheet {sheet:?} column {}: {}; skipped",
                                            c + 1,
                                            not_a_value(s)
                                        ),
                                    );
                                    fate.because(reason::MALFORMED);
                                }
                                continue;
                            }
                        },
                        Some(other) => {
                            warn(
                                out,
                                line,
                                format!(
                                    "sheet {sheet:?} column {}: {other:?} is not a value a statistic can have; skipped",
                                    c + 1
                                ),
                            );
                            fate.because(reason::MALFORMED);
                            continue;
                        }
                    };
                    fate.gave();
                    let mut o = observation(ind, m, period, value);
                    if let Some(s) = b.sex.filter(|s| !s.is_empty()) {
                        o.disaggregation.insert("sex".to_string(), s.to_string());
                    }
                    o.flags = flags.clone();
                    o.status = status;
                    o.concept = concept.clone();
                    o.footnote = footnote.clone();
                    // A past territory under today's name (Sudan 1990-2005, note 3 of the
                    // 2020 edition: "refer to Sudan and South Sudan"), by the period's start.
                    o.territory = crate::model::Period::parse(period)
                        .and_then(|p| {
                            ctx.countries.territory_for(
                                Format::UndesaIms.id(),
                                &name,
                                p.start_year(),
                            )
                        })
                        .map(|t| t.id.clone());
                    push(out, &iso3, o);
                }
            }
        }
        fate.settle(out);
    }
    Ok(())
}

// ---------------------------------------------------------------- WPP CSV

const WPP_ID_COLUMNS: [&str; 6] = ["LocID", "Location", "VarID", "Variant", "Time", "MidPeriod"];

pub fn sniff_wpp(head: &Head) -> Result<(), String> {
    if head.is_zip {
        return Err("a zip file, not a CSV".into());
    }
    let recs = csvutil::head_records(&head.text, 1);
    let Some(h) = recs.first() else {
        return Err("no CSV record in the first bytes".into());
    };
    let has = |n: &str| h.iter().any(|c| c.trim() == n);
    if h.first().map(|s| s.trim()) == Some("LocID") && has("Location") && has("Time") {
        Ok(())
    } else {
        Err("header does not start with LocID,Location,…,Time".into())
    }
}

pub fn import_wpp(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let series_index = SeriesIndex::new(ctx, Format::Wpp.id());
    let mut out = Outcome::new(
        Format::Wpp,
        &series_index.provider_or(PROVIDER),
        "World Population Prospects",
    );
    let mut rdr = csvutil::open_csv(path, b',')?;
    let mut rec = csv::ByteRecord::new();
    let header = csvutil::read_header(&mut rdr, &mut rec, path)?;
    let col = |n: &str| header.iter().position(|c| c == n);
    let (Some(loc), Some(time)) = (col("LocID"), col("Time")) else {
        return Err(malformed(path, 1, "header has no LocID / Time column"));
    };
    let (name_col, variant_col) = (col("Location"), col("Variant"));
    let series_cols: Vec<(usize, &str)> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.is_empty() && !WPP_ID_COLUMNS.contains(&h.as_str()))
        .map(|(i, h)| (i, h.as_str()))
        .collect();
    let mut variants_seen: Vec<String> = Vec::new();
    let mut other_variants = 0usize;
    // The CSV names no revision; the file name UN DESA gives it does (`WPP2019_…`).
    let revision = path
        .file_name()
        .and_then(|n| vintage::wpp_revision(&n.to_string_lossy()));
    let mut dedup = Dedup::default();
    while let Some(line) = rdr.next(&mut rec)? {
        if !csvutil::take_row(&mut out, line, &rec, header.len()) {
            continue;
        }
        let variant = variant_col.map(|c| field(&rec, c).trim().to_string());
        let loc_text = field(&rec, loc).trim().to_string();
        let name = name_col
            .map(|c| field(&rec, c).trim().to_string())
            .unwrap_or_default();
        let aggregate = match loc_text.parse::<u32>() {
            Ok(n) if n >= 900 => Some(true),
            Ok(_) => None,
            Err(_) => {
                warn(
                    &mut out,
                    line,
                    format!("LocID {loc_text:?} is not a number"),
                );
                None
            }
        };
        let iso3 = match resolve_country(ctx, &mut out, &[&loc_text, &name], aggregate) {
            Who::Keep(c) => c,
            Who::Drop(why) => {
                out.drop_row(why);
                continue;
            }
        };
        let period = field(&rec, time).trim().to_string();
        // One row per location, variant and period: a repeat is a duplicate or an error.
        let key = format!(
            "LocID {loc_text} {} {period}",
            variant.as_deref().unwrap_or("")
        );
        let seen = dedup.check(key.clone(), line, row_hash(rec.iter()));
        if csvutil::repeated(path, &mut out, seen, line, &key)? {
            continue;
        }
        let mut fate = Fate::default();
        let mut kept_any_variant = false;
        for (c, series) in &series_cols {
            let maps = series_index.get(series);
            if maps.is_empty() {
                count_unmapped_series(&mut out, series);
                fate.because(reason::NOT_IN_CATALOGUE);
                continue;
            }
            let raw = field(&rec, *c);
            let v = match parse_cell(&raw) {
                Cell::Missing => {
                    fate.because(reason::MISSING);
                    continue;
                }
                Cell::Invalid => {
                    warn(
                        &mut out,
                        line,
                        format!("column {series}: {}; skipped", not_a_value(&raw)),
                    );
                    fate.because(reason::MALFORMED);
                    continue;
                }
                Cell::Value(v) => v,
            };
            for (ind, m) in maps {
                let want_variant = m.filter.get("variant").map_or("Medium", String::as_str);
                let variant_ok = variant
                    .as_deref()
                    .is_none_or(|v| v.eq_ignore_ascii_case(want_variant));
                if !variant_ok {
                    fate.because(reason::OTHER_VARIANT);
                    continue;
                }
                fate.gave();
                kept_any_variant = true;
                let mut o = observation(ind, m, &period, v);
                if let Some(rev) = &revision {
                    o.status = vintage::wpp_status(rev, &period);
                    o.revision = Some(rev.clone());
                }
                push(&mut out, &iso3, o);
            }
        }
        fate.settle(&mut out);
        if let Some(v) = variant {
            if !kept_any_variant && !v.eq_ignore_ascii_case("Medium") {
                other_variants += 1;
            }
            if !variants_seen.contains(&v) {
                variants_seen.push(v);
            }
        }
    }
    if !variants_seen.is_empty() {
        add_note(&mut out, &format!("Variant: {}", variants_seen.join(", ")));
    }
    if let Some(rev) = &revision {
        let end = rev
            .strip_prefix("WPP ")
            .and_then(|y| y.parse().ok())
            .and_then(vintage::wpp_estimates_end);
        add_note(
            &mut out,
            &match end {
                Some(e) => format!(
                    "Revision: {rev} (from the file name); periods ending after {e} are projections"
                ),
                None => format!("Revision: {rev} (from the file name)"),
            },
        );
    }
    if other_variants > 0 {
        add_note(
            &mut out,
            &format!("{other_variants} rows of other variants than Medium were not kept"),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sexes_from_super_header() {
        assert_eq!(
            sex_of("International migrant stock at mid-year, both sexes combined"),
            Some("")
        );
        assert_eq!(
            sex_of("International migrant stock at mid-year, males"),
            Some("M")
        );
        assert_eq!(
            sex_of("International migrant stock at mid-year, females"),
            Some("F")
        );
        assert_eq!(
            sex_of("Female migrants as a percentage of the international migrant stock"),
            None
        );
    }

    #[test]
    fn sheet_names_parse() {
        let xml = r#"<sheets><sheet name="Table of contents" sheetId="1"/><sheet name="Table 1" sheetId="2"/></sheets>"#;
        assert_eq!(sheet_names_in(xml), vec!["Table of contents", "Table 1"]);
    }

    #[test]
    fn zip_garbage_does_not_panic() {
        assert!(zip_entries(b"PK\x03\x04\x00").is_empty());
        let head = Head {
            bytes: b"PK\x03\x04garbage".to_vec(),
            text: String::new(),
            is_zip: true,
        };
        assert!(sniff_ims(&head).is_err());
    }
}
