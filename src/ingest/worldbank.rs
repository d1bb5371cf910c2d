//! World Bank importers: the per-indicator API CSV (with its `Metadata_Country_*` and
//! `Metadata_Indicator_*` companions), the WDI bulk CSV (`WDICSV.csv` / `WDIData.csv`) and
//! DataBank exports.
//!
//! All three are wide tables: one row per country × series, one column per year. The series is
//! the WB indicator code (`SM.POP.NETM`), mapped to catalogue indicators through the catalogue.
//!
//! The WDI bulk importer is the fast path of the crate: with a country filter it never parses a
//! line of another country. It reads the file in large blocks, finds the country's code with a
//! SIMD substring search (`memchr::memmem`), checks that the hit is the `Country Code` field and
//! only then parses that line as CSV. Memory is the block buffer plus the country's values.
//!
//! Revision: when the API file's `Metadata_Indicator_*` companion names the dataset a series is
//! taken from (`SM.POP.NETM`: "World Population Prospects: 2022 Revision"), its values carry
//! that revision (`WPP 2022`), and for a WPP revision the years after its estimates are marked
//! projections ([`super::vintage::wpp_status`]: WPP 2022 estimates end in 2021).
//!
//! Row accounting ([`super::Outcome::used`], [`super::Outcome::dropped`]): a row is one data
//! line (country x series, every year cell of it); preamble, header, blank and DataBank footer
//! lines are not rows. With a country, the WDI bulk fast path reads only that country's lines,
//! and those are its rows. A header cell that is neither a known column nor a year (`10000`) is
//! warned about at the header and its values counted in `unmapped_series` as
//! `column "10000" (not a period)`; a row with values only there is dropped as
//! "period not readable". A line repeating an earlier country and series is counted once as a
//! duplicate when identical, and is an error naming both lines otherwise.

use super::csvutil::{
    self, Cell, Dedup, Fate, Seen, SeriesIndex, Who, add_note, count_unmapped_series, field,
    filter_ok, malformed, not_a_value, observation, parse_cell, push, resolve_country, row_hash,
    show, warn,
};
use super::vintage;
use super::{Context, Format, Head, ImportError, Outcome, reason};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

const PROVIDER: &str = "world_bank_wdi";
const DATASET: &str = "World Development Indicators";

// ---------------------------------------------------------------- sniffing

fn is_year(s: &str) -> bool {
    let s = s.trim();
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_wide_header(rec: &[String]) -> bool {
    rec.len() >= 5
        && rec[0].trim() == "Country Name"
        && rec[1].trim() == "Country Code"
        && rec[2].trim() == "Indicator Name"
        && rec[3].trim() == "Indicator Code"
        && is_year(&rec[4])
}

/// Which World Bank metadata companion a header row is, if any.
fn companion_kind(rec: &[String]) -> Option<&'static str> {
    let f = |i: usize| rec.get(i).map_or("", |s| s.trim());
    if f(0) == "Country Code" && f(1) == "Region" && f(2) == "IncomeGroup" {
        Some("Metadata_Country")
    } else if f(0) == "INDICATOR_CODE" && f(1) == "INDICATOR_NAME" && f(2) == "SOURCE_NOTE" {
        Some("Metadata_Indicator")
    } else {
        None
    }
}

/// The API CSV: `"Data Source",…` preamble then a wide header. The metadata companions are
/// recognised too, so that importing one alone gives a clear message instead of "unknown".
pub fn sniff_api(head: &Head) -> Result<(), String> {
    if head.is_zip {
        return Err("a zip file, not a CSV".into());
    }
    let recs = csvutil::head_records(&head.text, 8);
    let Some(first) = recs.first() else {
        return Err("no CSV record in the first bytes".into());
    };
    if companion_kind(first).is_some() {
        return Ok(());
    }
    if first.first().map(|s| s.trim()) != Some("Data Source") {
        return Err("does not start with a \"Data Source\" preamble line".into());
    }
    if recs.iter().skip(1).any(|r| is_wide_header(r)) {
        Ok(())
    } else {
        Err("no \"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",years header after the preamble".into())
    }
}

pub fn sniff_bulk(head: &Head) -> Result<(), String> {
    if head.is_zip {
        return Err("a zip file, not a CSV".into());
    }
    let recs = csvutil::head_records(&head.text, 1);
    match recs.first() {
        Some(r) if is_wide_header(r) => Ok(()),
        _ => Err("first line is not \"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",1960,…".into()),
    }
}

/// `2015 [YR2015]` → `2015`; sub-year columns (`2011Q1 [YR2011Q1]`, `2012S1 [YR2012S1]`) too.
fn databank_period(h: &str) -> Option<&str> {
    super::corridors::period_column(h)
}

pub fn sniff_databank(head: &Head) -> Result<(), String> {
    if head.is_zip {
        return Err("a zip file, not a CSV".into());
    }
    let recs = csvutil::head_records(&head.text, 1);
    let Some(h) = recs.first() else {
        return Err("no CSV record in the first bytes".into());
    };
    let has = |name: &str| h.iter().any(|c| c.trim() == name);
    if super::corridors::is_corridor_header(h) {
        return Ok(());
    }
    if !(has("Country Code") || has("Country Name")) || !(has("Series Code") || has("Series Name"))
    {
        return Err("header has no \"Country Code\"/\"Series Code\" columns".into());
    }
    if h.iter().any(|c| databank_period(c).is_some()) {
        Ok(())
    } else {
        Err("no \"2015 [YR2015]\" style year column".into())
    }
}

// ---------------------------------------------------------------- shared wide-row handling

/// Column positions of a wide World Bank table.
struct Wide {
    name: Option<usize>,
    code: usize,
    series: usize,
    /// (column, period as published)
    periods: Vec<(usize, String)>,
    /// Header cells that are neither a known column nor a period (`10000`): (column, text).
    unreadable: Vec<(usize, String)>,
    /// Number of header fields that carry a name (the trailing empty column excluded).
    width: usize,
}

impl Wide {
    fn from_header(h: &[String], period_of: impl Fn(&str) -> Option<String>) -> Option<Wide> {
        let pos = |name: &str| h.iter().position(|c| c.trim() == name);
        let code = pos("Country Code")?;
        let series = pos("Indicator Code").or_else(|| pos("Series Code"))?;
        let periods: Vec<(usize, String)> = h
            .iter()
            .enumerate()
            .filter_map(|(i, c)| period_of(c).map(|p| (i, p)))
            .collect();
        if periods.is_empty() {
            return None;
        }
        let width = h
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |p| p + 1);
        const KNOWN: [&str; 6] = [
            "Country Name",
            "Country Code",
            "Indicator Name",
            "Indicator Code",
            "Series Name",
            "Series Code",
        ];
        let unreadable = h
            .iter()
            .enumerate()
            .take(width)
            .filter(|(i, c)| !KNOWN.contains(&c.trim()) && !periods.iter().any(|p| p.0 == *i))
            .map(|(i, c)| (i, c.trim().to_string()))
            .collect();
        Some(Wide {
            name: pos("Country Name"),
            code,
            series,
            periods,
            unreadable,
            width,
        })
    }

    /// Warn once, at the header, about the columns whose header is not a period.
    fn warn_unreadable(&self, out: &mut Outcome, line: usize) {
        for (i, c) in &self.unreadable {
            warn(
                out,
                line,
                format!(
                    "column {} {c:?} is not a period (a year 1000-9999 here): its values are not read and are counted as \"{}\"",
                    i + 1,
                    reason::PERIOD_UNREADABLE
                ),
            );
        }
    }
}

/// Per-country facts from `Metadata_Country_*`.
#[derive(Debug, Clone, Default)]
struct CountryMeta {
    region: String,
    income: String,
}

/// Where a wide row is: its line, or (bulk fast path) its byte offset, turned into a line only
/// when a message needs it.
#[derive(Debug, Clone, Copy)]
enum Pos {
    Line(usize),
    Offset(u64),
}

impl Pos {
    fn key(self) -> usize {
        match self {
            Pos::Line(l) => l,
            Pos::Offset(o) => o as usize,
        }
    }

    /// The 1-based line of a position recorded by [`Pos::key`].
    fn line_of(self, path: &Path, key: usize) -> Result<usize, ImportError> {
        match self {
            Pos::Line(_) => Ok(key),
            Pos::Offset(_) => Ok(lines_at(path, &[key as u64])?.first().copied().unwrap_or(0)),
        }
    }
}

/// Process one data row of a wide table: every row is used or dropped for a reason; a row of a
/// country and series met before is a duplicate (identical) or an error (other values).
#[allow(clippy::too_many_arguments)]
fn wide_row(
    ctx: &Context,
    out: &mut Outcome,
    series_index: &SeriesIndex,
    wide: &Wide,
    rec: &csv::ByteRecord,
    pos: Pos,
    meta: Option<&HashMap<String, CountryMeta>>,
    path: &Path,
    dedup: &mut Dedup,
) -> Result<(), ImportError> {
    // Warnings of the bulk fast path get their line from `scan_bulk`.
    let line = match pos {
        Pos::Line(l) => l,
        Pos::Offset(_) => 0,
    };
    out.rows += 1;
    let named = rec.iter().rposition(|f| !f.is_empty()).map_or(0, |p| p + 1);
    if rec.len() < wide.width || named > wide.width {
        warn(
            out,
            line,
            format!(
                "row has {} fields, the header has {}",
                rec.len(),
                wide.width
            ),
        );
    }
    let code = field(rec, wide.code);
    let name = wide.name.map(|i| field(rec, i)).unwrap_or_default();
    let aggregate = meta.and_then(|m| m.get(code.trim()).map(|c| c.region.trim().is_empty()));
    let who = resolve_country(ctx, out, &[code.as_ref(), name.as_ref()], aggregate);
    let iso3 = match who {
        Who::Keep(c) => c,
        Who::Drop(why) => {
            out.drop_row(why);
            return Ok(());
        }
    };
    let series = field(rec, wide.series);
    let key = format!("{} {}", code.trim(), series.trim());
    let seen = dedup.check(key.clone(), pos.key(), row_hash(rec.iter()));
    let seen = match seen {
        Seen::New => Seen::New,
        Seen::Same(k) => Seen::Same(pos.line_of(path, k)?),
        Seen::Conflict(k) => Seen::Conflict(pos.line_of(path, k)?),
    };
    let this = match (seen, pos) {
        (Seen::New, _) => line,
        (_, Pos::Line(l)) => l,
        (_, Pos::Offset(o)) => lines_at(path, &[o])?.first().copied().unwrap_or(0),
    };
    if csvutil::repeated(path, out, seen, this, &key)? {
        return Ok(());
    }
    let maps = series_index.get(&series);
    if maps.is_empty() {
        count_unmapped_series(out, series.trim());
        out.drop_row(reason::NOT_IN_CATALOGUE);
        return Ok(());
    }
    let mut fate = Fate::default();
    for (col, period) in &wide.periods {
        let raw = field(rec, *col);
        match parse_cell(&raw) {
            Cell::Missing => fate.because(reason::MISSING),
            Cell::Invalid => {
                warn(
                    out,
                    line,
                    format!("column {period}: {}; skipped", not_a_value(&raw)),
                );
                fate.because(reason::MALFORMED);
            }
            Cell::Value(v) => {
                let mut any = false;
                for (ind, m) in maps {
                    let ok = filter_ok(m, |k| match k {
                        "country" => Some(code.to_string()),
                        _ => None,
                    });
                    if ok {
                        push(out, &iso3, observation(ind, m, period, v));
                        any = true;
                    }
                }
                if any {
                    fate.gave();
                } else {
                    fate.because(reason::NOT_IN_CATALOGUE);
                }
            }
        }
    }
    for (col, head) in &wide.unreadable {
        let raw = field(rec, *col);
        if parse_cell(&raw) != Cell::Missing {
            *out.unmapped_series
                .entry(format!("column {head:?} (not a period)"))
                .or_insert(0) += 1;
            fate.because(reason::PERIOD_UNREADABLE);
        }
    }
    fate.settle(out);
    Ok(())
}

fn header_strings(rec: &csv::ByteRecord) -> Vec<String> {
    rec.iter()
        .map(|f| super::encoding::decode_field(f).into_owned())
        .collect()
}

// ---------------------------------------------------------------- API CSV

/// Companion metadata files beside `API_<suffix>`: (`Metadata_Country_…`, `Metadata_Indicator_…`).
fn companions(path: &Path) -> Option<(PathBuf, PathBuf)> {
    let name = path.file_name()?.to_str()?;
    if !name.starts_with("API_") {
        return None;
    }
    let dir = path.parent().unwrap_or_else(|| Path::new(""));
    Some((
        dir.join(format!("Metadata_Country_{name}")),
        dir.join(format!("Metadata_Indicator_{name}")),
    ))
}

/// Read all records of a small companion file (header first).
fn read_small_csv(path: &Path) -> Result<Vec<Vec<String>>, ImportError> {
    let mut rdr = csvutil::open_csv(path, b',')?;
    let mut rec = csv::ByteRecord::new();
    let mut out = Vec::new();
    while rdr.next(&mut rec)?.is_some() {
        out.push(header_strings(&rec));
    }
    Ok(out)
}

fn read_country_meta(path: &Path) -> Result<HashMap<String, CountryMeta>, ImportError> {
    let rows = read_small_csv(path)?;
    let Some(h) = rows.first() else {
        return Err(malformed(path, 1, "empty Metadata_Country file"));
    };
    if companion_kind(h) != Some("Metadata_Country") {
        return Err(malformed(
            path,
            1,
            "expected the header \"Country Code\",\"Region\",\"IncomeGroup\",…",
        ));
    }
    let mut map = HashMap::new();
    for r in rows.iter().skip(1) {
        let g = |i: usize| r.get(i).map_or(String::new(), |s| s.trim().to_string());
        if g(0).is_empty() {
            continue;
        }
        map.insert(
            g(0),
            CountryMeta {
                region: g(1),
                income: g(2),
            },
        );
    }
    Ok(map)
}

/// Read `Metadata_Indicator_…` into the notes; gives the dataset revision its source names, by
/// indicator code (`SM.POP.NETM` -> `WPP 2022` from "World Population Prospects: 2022 Revision").
fn read_indicator_meta(
    path: &Path,
    out: &mut Outcome,
) -> Result<HashMap<String, String>, ImportError> {
    let mut revisions = HashMap::new();
    let rows = read_small_csv(path)?;
    let Some(h) = rows.first() else {
        return Err(malformed(path, 1, "empty Metadata_Indicator file"));
    };
    if companion_kind(h) != Some("Metadata_Indicator") {
        return Err(malformed(
            path,
            1,
            "expected the header \"INDICATOR_CODE\",\"INDICATOR_NAME\",\"SOURCE_NOTE\",…",
        ));
    }
    let col = |name: &str| h.iter().position(|c| c.trim() == name);
    let (note, org) = (col("SOURCE_NOTE"), col("SOURCE_ORGANIZATION"));
    for r in rows.iter().skip(1) {
        let g = |i: Option<usize>| i.and_then(|i| r.get(i)).map_or("", |s| s.trim());
        let code = g(Some(0));
        if code.is_empty() {
            continue;
        }
        add_note(out, &format!("{code} {}", g(Some(1))));
        if !g(note).is_empty() {
            add_note(out, &format!("Source note: {}", g(note)));
        }
        if !g(org).is_empty() {
            add_note(out, &format!("Source organisation: {}", g(org)));
        }
        if let Some(rev) = vintage::revision_in(&format!("{} {}", g(org), g(note))) {
            add_note(out, &format!("{code} revision: {rev}"));
            revisions.insert(code.to_string(), rev);
        }
    }
    Ok(revisions)
}

/// Give the values of each revised indicator code their revision and, for a WPP revision, mark
/// the years after its estimates as projections.
fn apply_revisions(out: &mut Outcome, index: &SeriesIndex, revisions: &HashMap<String, String>) {
    for (code, rev) in revisions {
        let ids: Vec<&str> = index.get(code).iter().map(|(i, _)| i.id.as_str()).collect();
        for r in &mut out.records {
            if ids.contains(&r.observation.indicator.as_str()) {
                r.observation.revision = Some(rev.clone());
                r.observation.status = vintage::wpp_status(rev, &r.observation.period);
            }
        }
    }
}

pub fn import_api(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let series_index = SeriesIndex::new(ctx, Format::WorldBankApi.id());
    let mut out = Outcome::new(
        Format::WorldBankApi,
        &series_index.provider_or(PROVIDER),
        DATASET,
    );
    let mut rdr = csvutil::open_csv(path, b',')?;
    let mut rec = csv::ByteRecord::new();
    // Preamble, then the header.
    let wide = loop {
        let Some(hline) = rdr.next(&mut rec)? else {
            return Err(malformed(path, 0, "no header row found (file ends first)"));
        };
        let h = header_strings(&rec);
        if let Some(kind) = companion_kind(&h) {
            return Err(ImportError::Other {
                path: show(path),
                message: format!(
                    "this is a World Bank {kind} companion file; import the API_… data file \
                     beside it (its metadata is read automatically)"
                ),
            });
        }
        if is_wide_header(&h) {
            let Some(w) = Wide::from_header(&h, |c| is_year(c).then(|| c.trim().to_string()))
            else {
                return Err(malformed(path, hline, "header has no year column"));
            };
            w.warn_unreadable(&mut out, hline);
            break w;
        }
        let key = h.first().map_or("", |s| s.trim());
        let value = h.get(1).map_or("", |s| s.trim());
        match key {
            "" => {}
            "Data Source" => {
                if !value.is_empty() {
                    out.dataset = value.to_string();
                }
            }
            _ => add_note(&mut out, &format!("{key}: {value}")),
        }
        if hline > 20 {
            return Err(malformed(
                path,
                hline,
                "no \"Country Name\",\"Country Code\",… header in the first 20 lines",
            ));
        }
    };
    // Companions, when present beside the file.
    let mut meta = None;
    let mut revisions = HashMap::new();
    if let Some((cpath, ipath)) = companions(path) {
        if cpath.is_file() {
            meta = Some(read_country_meta(&cpath)?);
        }
        if ipath.is_file() {
            revisions = read_indicator_meta(&ipath, &mut out)?;
        }
    }
    if let (Some(m), Some(want)) = (&meta, ctx.country)
        && let Some(c) = m.get(want)
    {
        add_note(
            &mut out,
            &format!("{want}: region {}, income group {}", c.region, c.income),
        );
    }
    let mut dedup = Dedup::default();
    while let Some(line) = rdr.next(&mut rec)? {
        if csvutil::is_blank(&rec) {
            continue;
        }
        wide_row(
            ctx,
            &mut out,
            &series_index,
            &wide,
            &rec,
            Pos::Line(line),
            meta.as_ref(),
            path,
            &mut dedup,
        )?;
    }
    apply_revisions(&mut out, &series_index, &revisions);
    Ok(out)
}

// ---------------------------------------------------------------- DataBank

pub fn import_databank(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let series_index = SeriesIndex::new(ctx, Format::DataBank.id());
    let mut out = Outcome::new(
        Format::DataBank,
        &series_index.provider_or(PROVIDER),
        DATASET,
    );
    let mut rdr = csvutil::open_csv(path, b',')?;
    let mut rec = csv::ByteRecord::new();
    let wide = match rdr.next(&mut rec)? {
        Some(_) => {
            let h = header_strings(&rec);
            if super::corridors::is_corridor_header(&h) {
                return super::corridors::import(path, ctx);
            }
            Wide::from_header(&h, |c| databank_period(c).map(str::to_string)).ok_or_else(|| {
                malformed(
                    path,
                    1,
                    "expected a DataBank header with \"Country Code\", \"Series Code\" and \
                     \"2015 [YR2015]\" columns",
                )
            })?
        }
        None => return Err(malformed(path, 1, "the file is empty")),
    };
    wide.warn_unreadable(&mut out, 1);
    let mut dedup = Dedup::default();
    let mut in_footer = false;
    while let Some(line) = rdr.next(&mut rec)? {
        if csvutil::is_blank(&rec) {
            continue;
        }
        let first = field(&rec, 0).trim().to_string();
        let footer = first.starts_with("Data from database:") || first.starts_with("Last Updated:");
        if footer || (in_footer && rec.len() <= 2) {
            in_footer = true;
            add_note(&mut out, &first);
            continue;
        }
        if in_footer {
            warn(
                &mut out,
                line,
                "data row after the DataBank footer; read anyway",
            );
        }
        wide_row(
            ctx,
            &mut out,
            &series_index,
            &wide,
            &rec,
            Pos::Line(line),
            None,
            path,
            &mut dedup,
        )?;
    }
    if let Some(n) = &out.notes
        && let Some(db) = n
            .lines()
            .find_map(|l| l.strip_prefix("Data from database:"))
    {
        out.dataset = db.trim().to_string();
    }
    Ok(out)
}

// ---------------------------------------------------------------- WDI bulk

/// Read block size of the bulk scanner.
const BLOCK: usize = 1 << 20;
/// Longest line the bulk scanner accepts.
const MAX_LINE: usize = 16 << 20;

pub fn import_bulk(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let series_index = SeriesIndex::new(ctx, Format::WdiBulk.id());
    let mut out = Outcome::new(
        Format::WdiBulk,
        &series_index.provider_or(PROVIDER),
        DATASET,
    );
    let file = std::fs::File::open(path).map_err(|e| csvutil::io_err(path, e))?;
    let mut reader = super::encoding::strip_bom(file).map_err(|e| csvutil::io_err(path, e))?;
    // Header: the first line.
    let mut header_line = Vec::new();
    {
        use std::io::BufRead;
        reader
            .read_until(b'\n', &mut header_line)
            .map_err(|e| csvutil::io_err(path, e))?;
    }
    if header_line.is_empty() {
        return Err(malformed(path, 1, "the file is empty"));
    }
    let header = parse_line(&header_line)
        .map(|r| header_strings(&r))
        .unwrap_or_default();
    if !is_wide_header(&header) {
        return Err(malformed(
            path,
            1,
            "expected the header \"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",1960,…",
        ));
    }
    let Some(wide) = Wide::from_header(&header, |c| is_year(c).then(|| c.trim().to_string()))
    else {
        return Err(malformed(path, 1, "header has no year column"));
    };
    wide.warn_unreadable(&mut out, 1);
    let mut dedup = Dedup::default();
    match ctx.country {
        None => {
            // Every country: a plain streaming CSV pass.
            // The header line was read before this reader started.
            let mut rdr = csvutil::CsvFile::new(reader, b',', path).with_first_line(2);
            let mut rec = csv::ByteRecord::new();
            while let Some(line) = rdr.next(&mut rec)? {
                if csvutil::is_blank(&rec) {
                    continue;
                }
                wide_row(
                    ctx,
                    &mut out,
                    &series_index,
                    &wide,
                    &rec,
                    Pos::Line(line),
                    None,
                    path,
                    &mut dedup,
                )?;
            }
        }
        Some(want) => {
            let mut codes: Vec<String> = vec![want.to_ascii_uppercase()];
            if let Some(c) = ctx.countries.by_code(want) {
                for a in std::iter::once(&c.iso3).chain(c.alt_codes.iter()) {
                    let a = a.to_ascii_uppercase();
                    if !codes.contains(&a) {
                        codes.push(a);
                    }
                }
            }
            let base = header_line.len() as u64;
            scan_bulk(
                path,
                reader,
                base,
                &codes,
                wide.code,
                &mut out,
                |line, offset, out_ref| {
                    // Line numbers of warnings are filled in by `scan_bulk`.
                    if let Some(rec) = parse_line(line) {
                        wide_row(
                            ctx,
                            out_ref,
                            &series_index,
                            &wide,
                            &rec,
                            Pos::Offset(offset),
                            None,
                            path,
                            &mut dedup,
                        )
                    } else {
                        out_ref.rows += 1;
                        out_ref.drop_row(reason::MALFORMED);
                        warn(out_ref, 0, "cannot parse this line as CSV; skipped");
                        Ok(())
                    }
                },
            )?;
        }
    }
    Ok(out)
}

/// Split one CSV line (RFC 4180 quoting, no quoted line breaks) into a record. Hand-written
/// because building a `csv` reader per matching line costs more than the whole scan.
/// `None` when a quote is not closed.
fn parse_line(line: &[u8]) -> Option<csv::ByteRecord> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut rec = csv::ByteRecord::new();
    let mut field: Vec<u8> = Vec::new();
    let mut i = 0usize;
    loop {
        field.clear();
        if line.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let rest = line.get(i..)?;
                let q = memchr::memchr(b'"', rest)?;
                field.extend_from_slice(&rest[..q]);
                i += q + 1;
                if line.get(i) == Some(&b'"') {
                    field.push(b'"');
                    i += 1;
                } else {
                    break;
                }
            }
            // Anything between the closing quote and the comma is kept, as csv does.
            let rest = line.get(i..).unwrap_or(&[]);
            let stop = memchr::memchr(b',', rest).unwrap_or(rest.len());
            field.extend_from_slice(&rest[..stop]);
            i += stop;
        } else {
            let rest = line.get(i..).unwrap_or(&[]);
            let stop = memchr::memchr(b',', rest).unwrap_or(rest.len());
            field.extend_from_slice(&rest[..stop]);
            i += stop;
        }
        rec.push_field(&field);
        if line.get(i) == Some(&b',') {
            i += 1;
        } else {
            return Some(rec);
        }
    }
}

/// Is the field at `code_col` of `line` exactly `code` (quoted or not)? Cheap check on raw bytes.
fn code_field_is(line: &[u8], code_col: usize, code: &[u8]) -> bool {
    // Walk the first `code_col` fields, honouring quotes.
    let mut i = 0;
    for _ in 0..code_col {
        if line.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match memchr::memchr(b'"', line.get(i..).unwrap_or(&[])) {
                    Some(p) => {
                        i += p + 1;
                        if line.get(i) == Some(&b'"') {
                            i += 1; // escaped quote
                        } else {
                            break;
                        }
                    }
                    None => return false,
                }
            }
            if line.get(i) != Some(&b',') {
                return false;
            }
            i += 1;
        } else {
            match memchr::memchr(b',', line.get(i..).unwrap_or(&[])) {
                Some(p) => i += p + 1,
                None => return false,
            }
        }
    }
    let rest = line.get(i..).unwrap_or(&[]);
    let (body, after) = if rest.first() == Some(&b'"') {
        (rest.get(1..).unwrap_or(&[]), b'"')
    } else {
        (rest, b',')
    };
    body.starts_with(code) && body.get(code.len()) == Some(&after)
}

/// Stream the file in blocks; call `row` for each line whose code column is one of `codes`.
///
/// Line numbers are not counted on the way (that would be a second pass over every block):
/// `row` gets the line's bytes, and warnings it adds get their line number afterwards, from a
/// count over the file up to the warned lines. Files without warnings are read once.
/// `base` is the offset (after any BOM) of the reader's first byte.
fn scan_bulk<R: Read>(
    path: &Path,
    mut reader: R,
    base: u64,
    codes: &[String],
    code_col: usize,
    out: &mut Outcome,
    mut row: impl FnMut(&[u8], u64, &mut Outcome) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let finders: Vec<memchr::memmem::Finder> = codes
        .iter()
        .map(|c| memchr::memmem::Finder::new(c.as_bytes()))
        .collect();
    let mut buf: Vec<u8> = vec![0; BLOCK];
    let mut filled = 0usize; // bytes of buf holding data
    let mut consumed = base; // stream offset of buf[0]
    let mut eof = false;
    let mut hits: Vec<usize> = Vec::new();
    // (warning index, stream offset of the warned line)
    let mut pending: Vec<(usize, u64)> = Vec::new();
    while !eof {
        // Fill the buffer.
        while filled < buf.len() {
            let n = reader
                .read(&mut buf[filled..])
                .map_err(|e| csvutil::io_err(path, e))?;
            if n == 0 {
                eof = true;
                break;
            }
            filled += n;
        }
        // Complete lines only (all of it at end of file).
        let end = if eof {
            filled
        } else {
            match memchr::memrchr(b'\n', &buf[..filled]) {
                Some(p) => p + 1,
                None => {
                    // A line longer than the buffer: grow, within reason.
                    let len = buf.len();
                    if len >= MAX_LINE {
                        let line = lines_at(path, &[consumed])?.first().copied().unwrap_or(0);
                        return Err(malformed(
                            path,
                            line,
                            format!(
                                "a line longer than {} MiB: not a WDI bulk CSV",
                                MAX_LINE >> 20
                            ),
                        ));
                    }
                    buf.resize(len * 2, 0);
                    continue;
                }
            }
        };
        let region = &buf[..end];
        hits.clear();
        for f in &finders {
            hits.extend(f.find_iter(region));
        }
        if finders.len() > 1 {
            hits.sort_unstable();
        }
        let mut done_until = 0usize;
        for &h in &hits {
            if h < done_until {
                continue;
            }
            let start = memchr::memrchr(b'\n', &region[..h]).map_or(0, |p| p + 1);
            let stop = memchr::memchr(b'\n', &region[h..]).map_or(end, |p| h + p + 1);
            done_until = stop;
            let line = &region[start..stop];
            if !codes
                .iter()
                .any(|c| code_field_is(line, code_col, c.as_bytes()))
            {
                continue;
            }
            let w0 = out.warnings.len();
            row(line, consumed + start as u64, out)?;
            for i in w0..out.warnings.len() {
                pending.push((i, consumed + start as u64));
            }
        }
        // Keep the incomplete tail.
        buf.copy_within(end..filled, 0);
        filled -= end;
        consumed += end as u64;
    }
    if !pending.is_empty() {
        let offsets: Vec<u64> = pending.iter().map(|p| p.1).collect();
        let lines = lines_at(path, &offsets)?;
        for ((i, _), line) in pending.iter().zip(lines) {
            if let Some(w) = out.warnings.get_mut(*i) {
                w.line = line;
            }
        }
    }
    Ok(())
}

/// 1-based line numbers of ascending stream offsets (offsets after any BOM).
fn lines_at(path: &Path, offsets: &[u64]) -> Result<Vec<usize>, ImportError> {
    let mut r = super::encoding::open_stripped(path).map_err(|e| csvutil::io_err(path, e))?;
    let mut buf = vec![0u8; BLOCK];
    let mut pos = 0u64;
    let mut feeds = 0usize;
    let mut out = Vec::with_capacity(offsets.len());
    let mut next = offsets.iter().peekable();
    while next.peek().is_some() {
        let n = r.read(&mut buf).map_err(|e| csvutil::io_err(path, e))?;
        let chunk = buf.get(..n).unwrap_or(&[]);
        while let Some(&&off) = next.peek() {
            if off >= pos + n as u64 && n > 0 {
                break;
            }
            let upto = (off.saturating_sub(pos) as usize).min(n);
            out.push(1 + feeds + memchr::memchr_iter(b'\n', &chunk[..upto]).count());
            next.next();
        }
        feeds += memchr::memchr_iter(b'\n', chunk).count();
        pos += n as u64;
        if n == 0 {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::csvutil::testkit;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/ingest")
            .join(name)
    }

    #[test]
    fn bulk_fast_path_with_scale_and_unmapped() {
        let cat = testkit::catalogue(vec![
            testkit::indicator("net_migration", &[("wdi_bulk", "SM.POP.NETM", &[], None)]),
            testkit::indicator(
                "remit_in_musd",
                &[("wdi_bulk", "BX.TRF.PWKR.CD.DT", &[], Some(1e-6))],
            ),
        ]);
        let countries = testkit::countries();
        let ctx = Context {
            catalogue: &cat,
            countries: &countries,
            country: Some("DEU"),
            include_aggregates: false,
            mapping: None,
        };
        let out = import_bulk(&fixture("wb_bulk.csv"), &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.provider, "test_provider");
        let r = out
            .records
            .iter()
            .find(|r| r.observation.indicator == "remit_in_musd" && r.observation.period == "2022")
            .map(|r| r.observation.value);
        assert_eq!(r, Some(19596852188.5011 * 1e-6));
        let n = out
            .records
            .iter()
            .filter(|r| r.observation.indicator == "net_migration")
            .count();
        assert_eq!(n, 3, "{:?}", out.records);
        assert_eq!(out.rows, 4);
        assert_eq!(out.unmapped_series.get("XX.UNMAPPED"), Some(&1));
    }

    #[test]
    fn empty_catalogue_counts_every_series_as_unmapped() {
        let cat = testkit::catalogue(Vec::new());
        let countries = testkit::countries();
        let ctx = Context {
            catalogue: &cat,
            countries: &countries,
            country: None,
            include_aggregates: false,
            mapping: None,
        };
        let out =
            import_databank(&fixture("wb_databank.csv"), &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert!(out.records.is_empty());
        assert_eq!(out.unmapped_series.get("SM.POP.NETM"), Some(&1));
        assert_eq!(out.skipped_aggregates, 1);
        assert_eq!(out.provider, PROVIDER);
    }

    #[test]
    fn code_field_check() {
        assert!(code_field_is(b"\"Germany\",\"DEU\",\"x\"", 1, b"DEU"));
        assert!(code_field_is(b"Germany,DEU,x", 1, b"DEU"));
        assert!(code_field_is(b"\"Korea, Rep.\",\"KOR\",x", 1, b"KOR"));
        assert!(code_field_is(b"\"a \"\"q\"\", b\",KOR,x", 1, b"KOR"));
        assert!(!code_field_is(b"\"DEU\",\"DEUX\",x", 1, b"DEU"));
        assert!(!code_field_is(b"\"x\",\"FRA\",\"DEU\"", 1, b"DEU"));
        assert!(!code_field_is(b"\"unterminated", 1, b"DEU"));
        assert!(!code_field_is(b"", 1, b"DEU"));
    }

    #[test]
    fn line_splitting_matches_csv() {
        let cases: [&[u8]; 6] = [
            b"\"Korea, Rep.\",\"KOR\",\"a \"\"q\"\"\",\"1.5\",\"\",\r\n",
            b"Germany,DEU,Net migration,SM.POP.NETM,1,,3",
            b"a,\"\",b\n",
            b"",
            b",",
            b"\"x\"y,z",
        ];
        for c in cases {
            let mine = parse_line(c).unwrap_or_default();
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(c);
            let mut theirs = csv::ByteRecord::new();
            let _ = rdr.read_byte_record(&mut theirs);
            if !c.is_empty() {
                assert_eq!(mine, theirs, "{}", String::from_utf8_lossy(c));
            }
        }
        assert!(parse_line(b"\"unterminated,1").is_none());
    }

    #[test]
    fn databank_periods() {
        assert_eq!(databank_period("2015 [YR2015]"), Some("2015"));
        assert_eq!(databank_period("2015 [YR2016]"), None);
        assert_eq!(databank_period("Country Code"), None);
    }
}
