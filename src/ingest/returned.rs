//! A data-request workbook returned by an agency (written by `migprof request`, see
//! [`crate::system::request`]): recognised by its hidden `_migprof` sheet (format id and
//! version, the profile's country, the agency), read through the xlsx guard.
//!
//! Every filled cell is checked before anything is kept: a cell that is not a number (or the
//! suppression mark `c`), a negative count, a period changed into something that is not one,
//! or a sheet removed gives one error each, naming sheet and cell
//! (`'A.2 imm_stock'!C7: "n/a" is not a number`), and the import fails as a whole.

use super::table::{self, LazyPreview, Table, column_letters};
use super::{Context, Format, Head, ImportError, Outcome, Record, reason};
use crate::model::{Observation, Period};
use crate::system::request::{
    FORMAT_ID, FORMAT_VERSION, HEADER_ROW, META_SHEET, META_TABLE_ROW, SUPPRESSED,
};
use calamine::Reader;
use std::path::Path;

pub fn sniff(head: &Head, book: &LazyPreview) -> Result<(), String> {
    if !head.is_zip {
        return Err("not a workbook".into());
    }
    let found = book.sheets().iter().any(|s| {
        s.name == META_SHEET
            && s.rows.first().is_some_and(|r| {
                r.first().is_some_and(|c| c == "format") && r.get(1).is_some_and(|c| c == FORMAT_ID)
            })
    });
    if found {
        Ok(())
    } else {
        Err(format!("no `{META_SHEET}` sheet of a migprof data request"))
    }
}

/// The agency id a returned workbook's import is from (kept in the source's notes).
pub fn agency_of(notes: &str) -> Option<&str> {
    let rest = notes.split("agency=").nth(1)?;
    let id = rest.split([';', ' ']).next()?;
    (!id.is_empty()).then_some(id)
}

/// `'A.2 imm_stock'!C7`, quoted as a spreadsheet would.
pub fn place(sheet: &str, row: usize, col: usize) -> String {
    let plain = sheet.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let name = if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    format!("{name}!{}{}", column_letters(col), row)
}

fn meta_value<'a>(t: &'a Table, key: &str) -> Option<&'a str> {
    (0..t.rows.len())
        .find(|&r| t.cell(r, 0) == key)
        .map(|r| t.cell(r, 1).trim())
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let shown = path.display().to_string();
    let other = |m: String| ImportError::Other {
        path: shown.clone(),
        message: m,
    };
    let mut wb = table::open_workbook(path)?;
    let names = wb.sheet_names();
    if !names.iter().any(|n| n == META_SHEET) {
        return Err(other(format!(
            "no `{META_SHEET}` sheet: not a migprof data request"
        )));
    }
    let meta = table::read_sheet(path, &mut wb, META_SHEET)?;
    let need = |k: &str| {
        meta_value(&meta, k)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| other(format!("{}: `{k}` is missing", place(META_SHEET, 1, 0))))
    };
    if need("format")? != FORMAT_ID {
        return Err(other(format!("{META_SHEET}: format is not {FORMAT_ID}")));
    }
    let version = need("version")?;
    if version != FORMAT_VERSION.to_string() {
        return Err(other(format!(
            "request format version {version}: this build reads version {FORMAT_VERSION}"
        )));
    }
    let country = need("country")?.to_ascii_uppercase();
    let agency = need("agency")?.to_string();
    let agency_name = need("agency_name")?.to_string();
    let provider = need("provider")?.to_string();
    let issued = meta_value(&meta, "issued").unwrap_or("").to_string();
    let mut out = Outcome::new(
        Format::ReturnedRequest,
        &provider,
        &format!("{agency_name}: figures returned to the data request of {issued}"),
    );
    let mut errors: Vec<String> = Vec::new();
    let mut suppressed = 0usize;
    let first = META_TABLE_ROW as usize;
    for r in first..meta.rows.len() {
        let sheet = meta.cell(r, 0).to_string();
        let indicator = meta.cell(r, 1).to_string();
        if sheet.is_empty() {
            continue;
        }
        let Some(ind) = ctx.catalogue.indicator(&indicator) else {
            errors.push(format!(
                "{}: indicator `{indicator}` is not in the catalogue",
                place(META_SHEET, meta.line(r), 1)
            ));
            continue;
        };
        let keys: Vec<&str> = meta
            .cell(r, 2)
            .split(';')
            .filter(|k| !k.is_empty())
            .collect();
        if !names.contains(&sheet) {
            errors.push(format!(
                "sheet '{sheet}' is missing (it was renamed or removed)"
            ));
            continue;
        }
        let t = table::read_sheet(path, &mut wb, &sheet)?;
        // Rows of the sheet by number: the table may start below row 1.
        let row_of = |n: usize| (0..t.rows.len()).find(|&i| t.line(i) == n);
        let header = HEADER_ROW as usize + 1;
        if row_of(header).is_none_or(|i| t.cell(i, 0) != "Period") {
            errors.push(format!(
                "{}: the header `Period` was moved or changed",
                place(&sheet, header, 0)
            ));
            continue;
        }
        for i in 0..t.rows.len() {
            let line = t.line(i);
            if line <= header {
                continue;
            }
            let values: Vec<(usize, &str)> = (0..keys.len())
                .map(|j| (j + 1, t.cell(i, j + 1).trim()))
                .filter(|(_, v)| !v.is_empty())
                .collect();
            if values.is_empty() {
                continue;
            }
            out.rows += 1;
            let period = t.cell(i, 0).trim();
            if Period::parse(period).is_none() {
                errors.push(format!(
                    "{}: \"{period}\" is not a period (the grid's periods must stay as written)",
                    place(&sheet, line, 0)
                ));
                continue;
            }
            let note = t.cell(i, keys.len() + 1).trim();
            let mut gave = false;
            for (col, text) in values {
                let at = place(&sheet, line, col);
                if text.eq_ignore_ascii_case(SUPPRESSED) {
                    suppressed += 1;
                    continue;
                }
                let Some(v) = text.parse::<f64>().ok().filter(|v| v.is_finite()) else {
                    let digits = text.chars().any(|c| c.is_ascii_digit())
                        && text
                            .chars()
                            .all(|c| c.is_ascii_digit() || " ,.'\u{a0}".contains(c));
                    let hint = if digits {
                        " (type it without thousands separators, with a point for decimals)"
                    } else {
                        ""
                    };
                    errors.push(format!("{at}: \"{text}\" is not a number{hint}"));
                    continue;
                };
                if v.abs() > crate::validate::MAX_MAGNITUDE {
                    errors.push(format!(
                        "{at}: {text} is beyond any migration statistic: a unit or scale error?"
                    ));
                    continue;
                }
                if ind.unit == crate::catalogue::Unit::Percent
                    && ind.kind == crate::catalogue::Kind::Share
                    && v > 100.0
                {
                    errors.push(format!("{at}: {text} is a share over 100 %"));
                    continue;
                }
                if v < 0.0 && !ind.signed {
                    errors.push(format!("{at}: {text} is negative; {} cannot be", ind.name));
                    continue;
                }
                let mut o = Observation::new(&indicator, period, v, "");
                if let Some((dim, val)) = keys[col - 1].split_once('=') {
                    o.disaggregation.insert(dim.to_string(), val.to_string());
                }
                if !note.is_empty() {
                    o.footnote = Some(note.to_string());
                }
                out.records.push(Record {
                    country: country.clone(),
                    observation: o,
                });
                gave = true;
            }
            if gave {
                out.used += 1;
            } else {
                out.drop_row(reason::REDACTED);
            }
        }
    }
    if !errors.is_empty() {
        return Err(other(format!(
            "{} cell(s) refused; nothing was imported:\n{}",
            errors.len(),
            errors.join("\n")
        )));
    }
    if let Some(c) = ctx.country
        && !c.eq_ignore_ascii_case(&country)
    {
        out.warnings.push(super::Warning {
            line: 0,
            message: format!("the request was made for {country}, not {c}"),
        });
    }
    out.notes = Some(format!(
        "{FORMAT_ID} v{FORMAT_VERSION}; agency={agency}; issued {issued}; {suppressed} cell(s) marked \"{SUPPRESSED}\" (below the disclosure threshold) not imported"
    ));
    Ok(out)
}
