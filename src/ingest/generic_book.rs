//! The generic importer's `columns` layout: presentation tables (a workbook sheet or a CSV)
//! with banner rows, a multi-row header whose labels span merged cells, one value column per
//! measure, and notes under the data, as statistical offices and agencies publish them (the
//! UNICEF "Child migrants and refugees" workbook). The mapping names each value column by
//! words of its header, never by its letter, so another edition with a column more still maps.
//!
//! ```toml
//! provider = "unicef"
//! dataset = "Child migrants and refugees"
//! layout = "columns"
//! sheet = "Countries"            # a workbook sheet (default: the first); CSV files work too
//! header_rows = [9, 11]          # first and last row of the header (1-based, as in the sheet)
//! # fill_right = true            # CSV copies: a blank header cell repeats the label on its left
//! country = ["iso code"]         # words of the country column's header
//! country_is = "code"
//! fixed_period = "2015"
//! missing = ["-"]
//! footnote = "..."               # for every value
//!
//! [[column]]
//! header = ["migrants by country of destination", "total (thousands)"]
//! indicator = "imm_stock"
//! scale = 1000.0
//! revision = "IMS 2015"
//! disaggregation = { age = "0-17" }   # optional, fixed
//! footnote = "..."                    # optional, added to the mapping's
//! ```
//!
//! A column's header is the labels of its header rows joined by ` / `; a blank cell inside a
//! merged region takes the label of the region. Matching ignores case, runs of white space and
//! line breaks; every word group of `header` must occur, and it must pick exactly one column
//! (none or several is an error naming the entry). Columns no entry picks are counted in the
//! summary (`unmapped_series`, per row). Data rows run from the row under the header to the
//! first blank row (notes and footnotes below are not data).

use super::csvutil::{Fate, not_a_value};
use super::generic::{CountryIs, MappingFile, Placer, count, malformed, record, sort_records};
use super::table::Table;
use super::{Context, Format, ImportError, Outcome, reason};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One value column of the `columns` layout.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// Word groups the column's header must contain (all of them).
    pub header: Vec<String>,
    pub indicator: String,
    #[serde(default)]
    pub scale: Option<f64>,
    #[serde(default)]
    pub revision: Option<String>,
    #[serde(default)]
    pub concept: Option<String>,
    #[serde(default)]
    pub disaggregation: BTreeMap<String, String>,
    #[serde(default)]
    pub footnote: Option<String>,
    /// The period of this column's values, where it differs from `fixed_period`.
    #[serde(default)]
    pub period: Option<String>,
}

/// Lower case, white space (line breaks included) collapsed to single spaces.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A merged region: first and last row and column (0-based, inclusive, table coordinates).
type Region = (usize, usize, usize, usize);

/// The sheet (or CSV) as a table, with its merged regions.
fn read(path: &Path, sheet: Option<&str>) -> Result<(Table, Vec<Region>), ImportError> {
    if !super::xlsx::is_zip(path)? {
        if sheet.is_some() {
            return Err(malformed(
                path,
                0,
                "`sheet` is given but the file is not a workbook",
            ));
        }
        return Ok((Table::from_csv(path, b',')?, Vec::new()));
    }
    super::xlsx::check(path)?;
    let mut wb: calamine::Xlsx<_> = super::xlsx::guard(path, || {
        calamine::open_workbook(path).map_err(|e| ImportError::Other {
            path: path.display().to_string(),
            message: format!("cannot open the workbook: {e}"),
        })
    })?;
    use calamine::Reader;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| ImportError::Other {
                path: path.display().to_string(),
                message: format!("no sheet {s:?} (sheets: {})", names.join(", ")),
            })?,
        None => names.first().cloned().ok_or_else(|| ImportError::Other {
            path: path.display().to_string(),
            message: "the workbook has no sheet".into(),
        })?,
    };
    let range = super::xlsx::guard(path, || {
        wb.worksheet_range(&name).map_err(|e| ImportError::Other {
            path: path.display().to_string(),
            message: format!("sheet {name:?}: {e}"),
        })
    })?;
    let mut t = Table::from_range(&name, &range);
    // Styled but empty cells far to the right (a declared range of 16,000 columns): trim.
    for row in &mut t.rows {
        while row.last().is_some_and(|c| c.trim().is_empty()) {
            row.pop();
        }
    }
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let merges = match wb.worksheet_merge_cells(&name) {
        Some(Ok(dims)) => dims
            .iter()
            .filter_map(|d| {
                let (r0, c0) = (d.start.0 as usize, d.start.1 as usize);
                let (r1, c1) = (d.end.0 as usize, d.end.1 as usize);
                Some((
                    r0.checked_sub(first_row)?,
                    r1.checked_sub(first_row)?,
                    c0,
                    c1,
                ))
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok((t, merges))
}

/// The label of a header cell: its own text, else the text of the merged region it lies in.
fn label<'a>(t: &'a Table, merges: &[Region], r: usize, c: usize) -> &'a str {
    let own = t.cell(r, c).trim();
    if !own.is_empty() {
        return own;
    }
    merges
        .iter()
        .find(|(r0, r1, c0, c1)| (*r0..=*r1).contains(&r) && (*c0..=*c1).contains(&c))
        .map_or("", |(r0, _, c0, _)| t.cell(*r0, *c0).trim())
}

/// The column whose header contains every word group, or an error naming the entry.
fn pick(
    paths: &[String],
    words: &[String],
    what: &str,
    map_path: &Path,
) -> Result<usize, ImportError> {
    let words: Vec<String> = words.iter().map(|w| norm(w)).collect();
    let hits: Vec<usize> = paths
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty() && words.iter().all(|w| p.contains(w.as_str())))
        .map(|(i, _)| i)
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(malformed(
            map_path,
            0,
            format!("{what}: no column header contains {words:?}"),
        )),
        many => Err(malformed(
            map_path,
            0,
            format!(
                "{what}: {} column headers contain {words:?} ({}): add words that tell them apart",
                many.len(),
                many.iter()
                    .map(|&i| format!("{:?}", paths[i]))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

pub(super) fn import(
    path: &Path,
    ctx: &Context,
    m: &MappingFile,
    map_path: &Path,
) -> Result<Outcome, ImportError> {
    let mp = |msg: String| malformed(map_path, 0, msg);
    if m.column.is_empty() {
        return Err(mp("layout = \"columns\" needs [[column]] entries".into()));
    }
    for c in &m.column {
        if ctx.catalogue.indicator(&c.indicator).is_none() {
            return Err(mp(format!("unknown indicator id {:?}", c.indicator)));
        }
        if c.header.is_empty() {
            return Err(mp(format!(
                "[[column]] for {}: `header` is empty",
                c.indicator
            )));
        }
        if c.period.is_none() && m.fixed_period.is_none() {
            return Err(mp(format!(
                "[[column]] for {}: no period (give `fixed_period` or the column's `period`)",
                c.indicator
            )));
        }
    }
    let (t, merges) = read(path, m.sheet.as_deref())?;
    let [first, last] = m.header_rows.unwrap_or([m.header_row, m.header_row]);
    let row_of = |line: usize| t.lines.iter().position(|&l| l == line);
    let (Some(h0), Some(h1)) = (row_of(first), row_of(last)) else {
        return Err(mp(format!(
            "header_rows = [{first}, {last}]: the file has no such rows"
        )));
    };
    if h1 < h0 {
        return Err(mp(format!(
            "header_rows = [{first}, {last}]: the first is after the last"
        )));
    }
    let width = (h0..=h1).map(|r| t.rows[r].len()).max().unwrap_or(0);
    let paths: Vec<String> = (0..width)
        .map(|c| {
            let mut parts: Vec<&str> = Vec::new();
            for r in h0..=h1 {
                let mut l = label(&t, &merges, r, c);
                if l.is_empty() && m.fill_right {
                    l = (0..c)
                        .rev()
                        .map(|k| label(&t, &merges, r, k))
                        .find(|x| !x.is_empty())
                        .unwrap_or("");
                }
                if !l.is_empty() && parts.last() != Some(&l) {
                    parts.push(l);
                }
            }
            norm(&parts.join(" / "))
        })
        .collect();
    let country_col = match &m.country {
        Some(words) => Some(pick(
            &paths,
            std::slice::from_ref(words),
            "country",
            map_path,
        )?),
        None => None,
    };
    let fixed = match &m.fixed_country {
        Some(c) => Some(
            ctx.countries
                .iso3(c)
                .map(str::to_string)
                .ok_or_else(|| mp(format!("unknown fixed_country {c:?}")))?,
        ),
        None => None,
    };
    if country_col.is_none() && fixed.is_none() {
        return Err(mp(
            "give `country` (words of its header) or `fixed_country`".into(),
        ));
    }
    let mut cols = Vec::new();
    for spec in &m.column {
        let c = pick(
            &paths,
            &spec.header,
            &format!("[[column]] for {}", spec.indicator),
            map_path,
        )?;
        cols.push((c, spec));
    }
    let mut out = Outcome::new(Format::Generic, &m.provider, &m.dataset);
    out.notes = m.licence.as_ref().map(|l| format!("Licence: {l}"));
    let used_cols: Vec<usize> = cols.iter().map(|(c, _)| *c).chain(country_col).collect();
    let unmapped: Vec<usize> = (0..width)
        .filter(|c| !used_cols.contains(c) && !paths[*c].is_empty())
        .collect();
    let parse = |s: &str| -> Result<Option<f64>, ()> {
        let t = s.trim();
        if t.is_empty() || m.missing.iter().any(|x| x == t) {
            return Ok(None);
        }
        let mut t = t.to_string();
        if let Some(sep) = &m.thousands_separator {
            t = t.replace(sep.as_str(), "");
        }
        if m.decimal_comma {
            t = t.replace(',', ".");
        }
        super::generic::parse_number(&t).map(Some).ok_or(())
    };
    let mut placer = Placer::default();
    for r in h1 + 1..t.rows.len() {
        // The data end at the first blank row (a CSV reader skips blank lines: a gap in the
        // line numbers is one).
        let gap = r > 0
            && t.lines
                .get(r)
                .zip(t.lines.get(r - 1))
                .is_some_and(|(a, b)| *a > b + 1);
        if t.is_blank(r) || gap {
            break;
        }
        out.rows += 1;
        // Values in columns no entry picks are counted; label columns (names) are not values.
        for c in &unmapped {
            if matches!(parse(t.cell(r, *c)), Ok(Some(_))) {
                count(&mut out.unmapped_series, &paths[*c]);
            }
        }
        let country = match (&fixed, country_col) {
            (Some(c), _) => match ctx.country {
                Some(w) if !w.eq_ignore_ascii_case(c) => Err(reason::OTHER_COUNTRY),
                _ => Ok(c.clone()),
            },
            (None, Some(ci)) => {
                let cell = t.cell(r, ci).trim();
                let known = match m.country_is {
                    CountryIs::Code => {
                        ctx.countries.by_code(cell).is_some() || ctx.countries.is_aggregate(cell)
                    }
                    CountryIs::Name => {
                        ctx.countries.by_name(cell).is_some() || ctx.countries.is_aggregate(cell)
                    }
                    CountryIs::Auto => true,
                };
                if known {
                    placer.place_why(ctx, &mut out, cell)
                } else {
                    count(&mut out.unmapped_countries, cell);
                    Err(reason::UNKNOWN_COUNTRY)
                }
            }
            (None, None) => Err(reason::UNKNOWN_COUNTRY),
        };
        let country = match country {
            Ok(c) => c,
            Err(why) => {
                out.drop_row(why);
                continue;
            }
        };
        let mut fate = Fate::default();
        for (c, spec) in &cols {
            let raw = t.cell(r, *c);
            let v = match parse(raw) {
                Ok(Some(v)) => v,
                Ok(None) => {
                    fate.because(reason::MISSING);
                    continue;
                }
                Err(()) => {
                    let msg = format!("{}: {}", t.place(r, *c), not_a_value(raw));
                    t.warn(&mut out, r, msg);
                    fate.because(reason::MALFORMED);
                    continue;
                }
            };
            let period = spec
                .period
                .clone()
                .or_else(|| m.fixed_period.clone())
                .unwrap_or_default();
            let scale = spec.scale.or(m.scale).unwrap_or(1.0);
            let mut rec = record(&country, &spec.indicator, &period, v * scale);
            let o = &mut rec.observation;
            o.disaggregation = spec.disaggregation.clone();
            o.revision = spec.revision.clone();
            o.concept = spec.concept.clone();
            let notes: Vec<&str> = [m.footnote.as_deref(), spec.footnote.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !notes.is_empty() {
                o.footnote = Some(notes.join(" "));
            }
            out.records.push(rec);
            fate.gave();
        }
        fate.settle(&mut out);
    }
    sort_records(&mut out);
    Ok(out)
}
