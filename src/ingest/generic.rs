//! Generic long or wide CSV described by a TOML mapping file (`--format generic --mapping FILE`),
//! plus the small CSV helpers shared by the UNHCR, SDMX, Eurostat and Missing Migrants importers.
//!
//! # Mapping file
//!
//! ```toml
//! provider = "national_statistics_office"   # registry provider id (required)
//! dataset  = "Residence permits 2015-2023"  # dataset name (required)
//! licence  = "CC BY 4.0"                     # optional, noted with the source
//! delimiter = ";"                            # one character, default ","
//! header_row = 1                             # 1-based line of the header, default 1
//! layout = "long"                            # "long" (default) or "wide"
//! country = "Country"                        # column holding the country
//! country_is = "code"                        # "code" (ISO3/ISO2/M49/alt code), "name" or "auto" (default)
//! # fixed_country = "DEU"                    # instead of `country`: every row is this country
//! period = "Year"                            # long: the period column
//! value = "Value"                            # long: the value column
//! # period_columns = ["2019", "2020"]        # wide: the period columns (default: every header
//! #                                          #   cell that looks like a year), header = period
//! indicator = "imm_stock"                    # a fixed catalogue indicator id, or:
//! # indicator_column = "Series"             #   a column whose values are mapped through
//! # [indicators]                             #   this table (unlisted values -> unmapped_series)
//! # "Foreign population" = "imm_stock"
//! disaggregation = { sex = "Sex" }           # optional: dimension -> column
//! flag_column = "Flag"                       # optional: provider flags, kept as published
//! footnote_column = "Note"                   # optional
//! missing = ["..", "-", ":"]                 # values read as missing (empty always is)
//! scale = 1000.0                             # optional: multiply every value
//! thousands_separator = ","                  # optional: removed from numbers before parsing
//! decimal_comma = false                      # optional: "1,5" means 1.5
//! ```
//!
//! The indicator ids must exist in the catalogue. Only `--format generic` uses this importer:
//! it is never auto-detected.
//!
//! Row accounting (the generic importer): a row is one data line after the header; it is used
//! when one of its period cells gave a value.

use super::csvutil::Counting;
pub(crate) use super::csvutil::{io_err, malformed};
use super::encoding::Decoding;
use super::{Context, Format, ImportError, Outcome, Record, Warning, reason};
use crate::country::Resolved;
use crate::model::Observation;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::rc::Rc;

// ---------------------------------------------------------------------------------------------
// Shared helpers (crate-private).

/// A streaming, flexible, header-less CSV reader over a decoded file, with exact 1-based line
/// numbers (the `csv` crate's own record positions drift after blank lines and CRLF).
pub(crate) struct CsvLines {
    rdr: csv::Reader<Counting<Decoding<std::fs::File>>>,
    feeds: Rc<RefCell<VecDeque<u64>>>,
    /// Line feeds before the end of the last record read.
    passed: usize,
}

/// Open a delimited text file (any supported encoding) for [`next_record`].
pub(crate) fn open_csv(path: &Path, delimiter: u8) -> Result<CsvLines, ImportError> {
    let f = std::fs::File::open(path).map_err(|e| io_err(path, e))?;
    let feeds = Rc::new(RefCell::new(VecDeque::new()));
    let counting = Counting::new(Decoding::new(f), Rc::clone(&feeds));
    let rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(delimiter != b'\t')
        .from_reader(counting);
    Ok(CsvLines {
        rdr,
        feeds,
        passed: 0,
    })
}

/// Read the next record; `Ok(Some(line))` gives the line where it starts, `Ok(None)` the end.
/// A CSV syntax error becomes a file:line error.
pub(crate) fn next_record(
    rdr: &mut CsvLines,
    rec: &mut csv::StringRecord,
    path: &Path,
) -> Result<Option<usize>, ImportError> {
    match rdr.rdr.read_record(rec) {
        Ok(true) => {}
        Ok(false) => return Ok(None),
        Err(e) => {
            return Err(malformed(
                path,
                rdr.passed + 1,
                format!("unreadable CSV: {e}"),
            ));
        }
    }
    // The reader stops inside the record's terminator: the feeds before (end - 1) precede the
    // record's last line; newlines inside quoted fields take it back to its first line.
    let end = rdr.rdr.position().byte().saturating_sub(1);
    let mut feeds = rdr.feeds.borrow_mut();
    while feeds.front().is_some_and(|&f| f < end) {
        feeds.pop_front();
        rdr.passed += 1;
    }
    let embedded: usize = rec
        .iter()
        .map(|f| memchr::memchr_iter(b'\n', f.as_bytes()).count())
        .sum();
    Ok(Some(rdr.passed + 1 - embedded.min(rdr.passed)))
}

/// Parse a published number; `None` for anything that is not a number a statistic can have
/// (non-finite, or beyond [`super::csvutil::MAX_MAGNITUDE`]).
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| super::csvutil::sane(*v))
}

/// Cache of country-cell resolutions: cell -> Some(code to record) or None.
#[derive(Default)]
pub(crate) struct Placer {
    cache: BTreeMap<String, Placed>,
}

#[derive(Clone, PartialEq, Debug)]
pub(crate) enum Placed {
    Country(String),
    Aggregate(String),
    Unknown,
}

impl Placer {
    pub(crate) fn lookup(&mut self, ctx: &Context, cell: &str) -> Placed {
        if let Some(p) = self.cache.get(cell) {
            return p.clone();
        }
        let p = match ctx.countries.resolve(cell) {
            Some(Resolved::Country(c)) => Placed::Country(c.iso3.clone()),
            Some(Resolved::Aggregate(a)) => Placed::Aggregate(a.code.clone()),
            None => Placed::Unknown,
        };
        self.cache.insert(cell.to_string(), p.clone());
        p
    }

    /// Resolve a country cell and apply the context's country filter: the code when the row
    /// belongs to the import, else why not (a [`super::reason`] constant). Unknown cells and
    /// skipped aggregates are counted in `out`.
    pub(crate) fn place_why(
        &mut self,
        ctx: &Context,
        out: &mut Outcome,
        cell: &str,
    ) -> Result<String, &'static str> {
        let code = match self.lookup(ctx, cell) {
            Placed::Country(c) => c,
            Placed::Aggregate(a) => {
                if !ctx.include_aggregates {
                    out.skipped_aggregates += 1;
                    return Err(reason::AGGREGATE);
                }
                a
            }
            Placed::Unknown => {
                *out.unmapped_countries
                    .entry(cell.trim().to_string())
                    .or_insert(0) += 1;
                return Err(reason::UNKNOWN_COUNTRY);
            }
        };
        match ctx.country {
            Some(want) if !want.eq_ignore_ascii_case(&code) => Err(reason::OTHER_COUNTRY),
            _ => Ok(code),
        }
    }
}

/// A new record with an empty source.
pub(crate) fn record(country: &str, indicator: &str, period: &str, value: f64) -> Record {
    Record {
        country: country.to_string(),
        observation: Observation::new(indicator, period, value, ""),
    }
}

pub(crate) fn count(map: &mut BTreeMap<String, usize>, key: &str) {
    *map.entry(key.to_string()).or_insert(0) += 1;
}

/// Column index by header name (exact, then case-insensitive).
pub(crate) fn col(header: &[String], name: &str) -> Option<usize> {
    header
        .iter()
        .position(|h| h == name)
        .or_else(|| header.iter().position(|h| h.eq_ignore_ascii_case(name)))
}

pub(crate) fn field(rec: &csv::StringRecord, i: usize) -> &str {
    rec.get(i).unwrap_or("")
}

/// Sort records into a deterministic order (country, indicator, period, disaggregation).
pub(crate) fn sort_records(out: &mut Outcome) {
    out.records.sort_by(|a, b| {
        (&a.country, &a.observation.indicator, &a.observation.period)
            .cmp(&(&b.country, &b.observation.indicator, &b.observation.period))
            .then_with(|| {
                a.observation
                    .disaggregation
                    .cmp(&b.observation.disaggregation)
            })
    });
}

/// Drop records whose disaggregation the catalogue indicator does not allow (validation would
/// reject them), counting them in `unmapped_series` as `"<indicator> by <dimension>"`, then sort.
pub(crate) fn finish(ctx: &Context, out: &mut Outcome) {
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    out.records.retain(|r| {
        let Some(ind) = ctx.catalogue.indicator(&r.observation.indicator) else {
            return true;
        };
        for dim in r.observation.disaggregation.keys() {
            if !ind.disaggregations.contains(dim) {
                count(
                    &mut dropped,
                    &format!("{} by {dim} (breakdown not in the catalogue)", ind.id),
                );
                return false;
            }
        }
        true
    });
    for (k, n) in dropped {
        *out.unmapped_series.entry(k).or_insert(0) += n;
    }
    // One value per country and key: a profile cannot hold two (validation rejects them).
    let mut seen = std::collections::BTreeSet::new();
    let mut repeated = 0usize;
    let mut first: Option<String> = None;
    out.records.retain(|r| {
        if seen.insert((r.country.clone(), r.observation.key())) {
            return true;
        }
        repeated += 1;
        if first.is_none() {
            first = Some(format!("{} {}", r.country, r.observation.key()));
        }
        false
    });
    if repeated > 0 {
        warn(
            out,
            0,
            format!(
                "{repeated} values repeat the country, indicator, period and disaggregation of an earlier value (different provider codes or flags) and were left out; first: {}",
                first.unwrap_or_default()
            ),
        );
    }
    sort_records(out);
}

/// The registry provider of a format's catalogue mappings (the first one), else `default`.
pub(crate) fn mapped_provider(ctx: &Context, format: Format, default: &str) -> String {
    ctx.catalogue
        .mappings_for_format(format.id())
        .next()
        .map_or_else(|| default.to_string(), |(_, m)| m.provider.clone())
}

/// Read the header record with `clean` applied to every cell; gives the header's line. An empty
/// file is an error at line 1.
pub(crate) fn read_header(
    rdr: &mut CsvLines,
    rec: &mut csv::StringRecord,
    path: &Path,
    clean: impl Fn(&str) -> String,
) -> Result<(usize, Vec<String>), ImportError> {
    let Some(hline) = next_record(rdr, rec, path)? else {
        return Err(malformed(path, 1, "the file is empty"));
    };
    Ok((hline, rec.iter().map(clean).collect()))
}

/// Start a data row: `false` for a blank row (not a row) or (with a warning, counted as
/// malformed) one whose width differs from the header's, both skipped; otherwise the row is
/// counted.
pub(crate) fn take_row(
    out: &mut Outcome,
    line: usize,
    rec: &csv::StringRecord,
    width: usize,
) -> bool {
    if rec.iter().all(|f| f.trim().is_empty()) {
        return false;
    }
    out.rows += 1;
    if rec.len() != width {
        warn(
            out,
            line,
            format!(
                "{} fields, the header has {}; row skipped",
                rec.len(),
                width
            ),
        );
        out.drop_row(reason::MALFORMED);
        return false;
    }
    true
}

/// Push a warning, but keep at most 200 of them (the rest are counted in one final line).
pub(crate) fn warn(out: &mut Outcome, line: usize, message: impl Into<String>) {
    if out.warnings.len() < 200 {
        out.warnings.push(Warning {
            line,
            message: message.into(),
        });
    } else if out.warnings.len() == 200 {
        out.warnings.push(Warning {
            line,
            message: "further warnings not listed".to_string(),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// The generic importer.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MappingFile {
    pub(super) provider: String,
    pub(super) dataset: String,
    #[serde(default)]
    pub(super) licence: Option<String>,
    #[serde(default)]
    pub(super) delimiter: Option<String>,
    #[serde(default = "one")]
    pub(super) header_row: usize,
    #[serde(default)]
    pub(super) layout: Layout,
    #[serde(default)]
    pub(super) country: Option<String>,
    #[serde(default)]
    pub(super) country_is: CountryIs,
    #[serde(default)]
    pub(super) fixed_country: Option<String>,
    #[serde(default)]
    pub(super) period: Option<String>,
    #[serde(default)]
    pub(super) value: Option<String>,
    #[serde(default)]
    pub(super) period_columns: Option<Vec<String>>,
    #[serde(default)]
    pub(super) indicator: Option<String>,
    #[serde(default)]
    pub(super) indicator_column: Option<String>,
    #[serde(default)]
    pub(super) indicators: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) disaggregation: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) flag_column: Option<String>,
    #[serde(default)]
    pub(super) footnote_column: Option<String>,
    #[serde(default)]
    pub(super) missing: Vec<String>,
    #[serde(default)]
    pub(super) scale: Option<f64>,
    #[serde(default)]
    pub(super) thousands_separator: Option<String>,
    #[serde(default)]
    pub(super) decimal_comma: bool,
    /// Workbook sheet to read (default: the first); a workbook is read only through the
    /// `columns` layout ([`super::generic_book`]).
    #[serde(default)]
    pub(super) sheet: Option<String>,
    /// `[first, last]` 1-based rows of a multi-row header (`columns` layout).
    #[serde(default)]
    pub(super) header_rows: Option<[usize; 2]>,
    /// `columns` layout: a blank header cell takes the label on its left in the same row (for
    /// CSV copies of tables whose labels spanned merged cells).
    #[serde(default)]
    pub(super) fill_right: bool,
    /// The period of every value (`columns` layout, where the header names no period).
    #[serde(default)]
    pub(super) fixed_period: Option<String>,
    /// A footnote for every value.
    #[serde(default)]
    pub(super) footnote: Option<String>,
    /// The value columns of the `columns` layout.
    #[serde(default)]
    pub(super) column: Vec<super::generic_book::ColumnSpec>,
}

fn one() -> usize {
    1
}

#[derive(Debug, Deserialize, Default, PartialEq)]
#[serde(rename_all = "lowercase")]
pub(super) enum Layout {
    #[default]
    Long,
    Wide,
    /// One value column per indicator, found by the words of its (multi-row) header.
    Columns,
}

#[derive(Debug, Deserialize, Default, PartialEq)]
#[serde(rename_all = "lowercase")]
pub(super) enum CountryIs {
    Code,
    Name,
    #[default]
    Auto,
}

fn looks_like_period(h: &str) -> bool {
    crate::model::Period::parse(h).is_some()
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let other = |message: String| ImportError::Other {
        path: path.display().to_string(),
        message,
    };
    let map_path = ctx.mapping.ok_or_else(|| {
        other("the generic format needs a mapping file (--mapping FILE)".to_string())
    })?;
    let text = std::fs::read_to_string(map_path).map_err(|e| io_err(map_path, e))?;
    let m: MappingFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(0, |s| {
            crate::error::Location::of_offset(&text, s.start).line
        });
        malformed(map_path, line, e.message().trim().to_string())
    })?;
    let mp = |msg: &str| malformed(map_path, 0, msg.to_string());
    if m.layout == Layout::Columns {
        return super::generic_book::import(path, ctx, &m, map_path);
    }
    if m.sheet.is_some() || m.header_rows.is_some() || !m.column.is_empty() {
        return Err(mp(
            "`sheet`, `header_rows` and `[[column]]` belong to layout = \"columns\"",
        ));
    }
    let delimiter = match m.delimiter.as_deref() {
        None => b',',
        Some("\\t") | Some("\t") | Some("tab") => b'\t',
        Some(d) if d.len() == 1 => d.as_bytes().first().copied().unwrap_or(b','),
        Some(d) => return Err(mp(&format!("delimiter must be one character, not {d:?}"))),
    };
    if m.indicator.is_none() && m.indicator_column.is_none() {
        return Err(mp("give `indicator` or `indicator_column`"));
    }
    for id in m.indicator.iter().chain(m.indicators.values()) {
        if ctx.catalogue.indicator(id).is_none() {
            return Err(mp(&format!("unknown indicator id {id:?}")));
        }
    }
    if m.country.is_none() && m.fixed_country.is_none() {
        return Err(mp("give `country` (a column) or `fixed_country`"));
    }
    let mut out = Outcome::new(Format::Generic, &m.provider, &m.dataset);
    out.notes = m.licence.as_ref().map(|l| format!("Licence: {l}"));
    let mut rdr = open_csv(path, delimiter)?;
    let mut rec = csv::StringRecord::new();
    let mut header: Option<Vec<String>> = None;
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if line >= m.header_row {
            header = Some(rec.iter().map(|s| s.trim().to_string()).collect());
            break;
        }
    }
    let header = header.ok_or_else(|| malformed(path, m.header_row, "no header row"))?;
    let need = |name: &str| -> Result<usize, ImportError> {
        col(&header, name).ok_or_else(|| {
            malformed(
                path,
                m.header_row,
                format!("the mapping names column {name:?}, which the header does not have"),
            )
        })
    };
    let country_col = m.country.as_deref().map(need).transpose()?;
    let ind_col = m.indicator_column.as_deref().map(need).transpose()?;
    let flag_col = m.flag_column.as_deref().map(need).transpose()?;
    let note_col = m.footnote_column.as_deref().map(need).transpose()?;
    let mut dis_cols = Vec::new();
    for (dim, c) in &m.disaggregation {
        dis_cols.push((dim.clone(), need(c)?));
    }
    // (column index, period label)
    let value_cols: Vec<(usize, Option<String>)> = match m.layout {
        Layout::Long => {
            let p = need(
                m.period
                    .as_deref()
                    .ok_or_else(|| mp("long layout needs `period`"))?,
            )?;
            let v = need(
                m.value
                    .as_deref()
                    .ok_or_else(|| mp("long layout needs `value`"))?,
            )?;
            vec![(v, None), (p, Some(String::new()))]
        }
        Layout::Wide | Layout::Columns => match &m.period_columns {
            Some(cols) => cols
                .iter()
                .map(|c| need(c).map(|i| (i, Some(c.clone()))))
                .collect::<Result<_, _>>()?,
            None => header
                .iter()
                .enumerate()
                .filter(|(_, h)| looks_like_period(h))
                .map(|(i, h)| (i, Some(h.clone())))
                .collect(),
        },
    };
    if value_cols.is_empty() {
        return Err(malformed(path, m.header_row, "no period columns found"));
    }
    let mut placer = Placer::default();
    let fixed = match &m.fixed_country {
        Some(c) => Some(
            ctx.countries
                .iso3(c)
                .map(str::to_string)
                .ok_or_else(|| mp(&format!("unknown fixed_country {c:?}")))?,
        ),
        None => None,
    };
    let parse = |s: &str| -> Option<f64> {
        let t = s.trim();
        if t.is_empty() || m.missing.iter().any(|x| x == t) {
            return None;
        }
        let mut t = t.to_string();
        if let Some(sep) = &m.thousands_separator {
            t = t.replace(sep.as_str(), "");
        }
        if m.decimal_comma {
            t = t.replace(',', ".");
        }
        parse_number(&t)
    };
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        let country: Result<String, &'static str> = match (&fixed, country_col) {
            (Some(c), _) => match ctx.country {
                Some(w) if !w.eq_ignore_ascii_case(c) => Err(reason::OTHER_COUNTRY),
                _ => Ok(c.clone()),
            },
            (None, Some(ci)) => {
                let cell = field(&rec, ci);
                let ok = match m.country_is {
                    CountryIs::Code => {
                        ctx.countries.by_code(cell).is_some() || {
                            ctx.countries.is_aggregate(cell)
                        }
                    }
                    CountryIs::Name => {
                        ctx.countries.by_name(cell).is_some() || {
                            ctx.countries.is_aggregate(cell)
                        }
                    }
                    CountryIs::Auto => true,
                };
                if ok {
                    placer.place_why(ctx, &mut out, cell)
                } else {
                    count(&mut out.unmapped_countries, cell.trim());
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
        let indicator = match (&m.indicator, ind_col) {
            (Some(i), _) => i.clone(),
            (None, Some(ci)) => {
                let s = field(&rec, ci).trim();
                match m.indicators.get(s) {
                    Some(i) => i.clone(),
                    None => {
                        count(&mut out.unmapped_series, s);
                        out.drop_row(reason::NOT_IN_CATALOGUE);
                        continue;
                    }
                }
            }
            (None, None) => {
                out.drop_row(reason::NOT_IN_CATALOGUE);
                continue;
            }
        };
        let mut disagg = BTreeMap::new();
        for (dim, ci) in &dis_cols {
            let v = field(&rec, *ci).trim();
            if !v.is_empty() {
                disagg.insert(dim.clone(), v.to_string());
            }
        }
        let flags: Vec<String> = flag_col
            .map(|c| field(&rec, c).trim().to_string())
            .filter(|s| !s.is_empty())
            .into_iter()
            .collect();
        let footnote = note_col
            .map(|c| field(&rec, c).trim().to_string())
            .filter(|s| !s.is_empty());
        let cells: Vec<(String, &str)> = match m.layout {
            Layout::Long => {
                let (vi, pi) = (
                    value_cols.first().map_or(0, |x| x.0),
                    value_cols.get(1).map_or(0, |x| x.0),
                );
                vec![(field(&rec, pi).trim().to_string(), field(&rec, vi))]
            }
            Layout::Wide | Layout::Columns => value_cols
                .iter()
                .map(|(i, p)| (p.clone().unwrap_or_default(), field(&rec, *i)))
                .collect(),
        };
        let mut fate = super::csvutil::Fate::default();
        for (period, raw) in cells {
            let Some(v) = parse(raw) else {
                let t = raw.trim();
                if !t.is_empty() && !m.missing.iter().any(|x| x == t) {
                    warn(&mut out, line, super::csvutil::not_a_value(t));
                    fate.because(reason::MALFORMED);
                } else {
                    fate.because(reason::MISSING);
                }
                continue;
            };
            fate.gave();
            let mut r = record(&country, &indicator, &period, v * m.scale.unwrap_or(1.0));
            r.observation.disaggregation = disagg.clone();
            r.observation.flags = flags.clone();
            r.observation.footnote = footnote.clone();
            out.records.push(r);
        }
        fate.settle(&mut out);
    }
    sort_records(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Hands out its bytes `step` at a time, to cut characters across reads.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(self.data.len()).min(buf.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn decode_all(data: &[u8], step: usize) -> String {
        let mut out = String::new();
        Decoding::new(Trickle { data, step })
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn decoding_utf8_bom_and_split_characters() {
        let text = "\u{feff}Côte d'Ivoire,Türkiye,São Tomé";
        for step in [1, 2, 3, 5, 64] {
            assert_eq!(
                decode_all(text.as_bytes(), step),
                "Côte d'Ivoire,Türkiye,São Tomé",
                "step {step}"
            );
        }
    }

    #[test]
    fn decoding_switches_to_windows_1252() {
        // "S\xe3o Tom\xe9" in Latin-1 after a valid ASCII start; 0x80 is the euro sign in 1252.
        let bytes = b"plain ascii line\nS\xe3o Tom\xe9 \x80";
        for step in [1, 4, 64] {
            assert_eq!(
                decode_all(bytes, step),
                "plain ascii line\nSão Tomé €",
                "step {step}"
            );
        }
        // A multi-byte UTF-8 character cut off at the very end is decoded, not lost.
        assert_eq!(decode_all(b"ab\xc3", 1), "abÃ");
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number(" 12 "), Some(12.0));
        assert_eq!(parse_number("-1.5e3"), Some(-1500.0));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("1,2"), None);
    }
}
