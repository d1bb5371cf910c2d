//! Shared helpers for the CSV-based importers: streaming readers, per-field decoding, value
//! parsing, series lookup through the catalogue, and country resolution with counting.

use super::encoding;
use super::{Context, ImportError, Outcome, Record, Warning, reason};
use crate::catalogue::{Indicator, Mapping};
use crate::country::Resolved;
use crate::model::Observation;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;

/// `path` as shown in messages.
pub fn show(path: &Path) -> String {
    path.display().to_string()
}

pub fn io_err(path: &Path, e: std::io::Error) -> ImportError {
    ImportError::Io {
        path: show(path),
        source: e,
    }
}

/// A csv error as an `ImportError` with the line where it happened.
pub fn csv_err(path: &Path, e: &csv::Error) -> ImportError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    ImportError::Malformed {
        path: show(path),
        line,
        message: format!("cannot read the CSV: {e}"),
    }
}

pub fn malformed(path: &Path, line: usize, message: impl Into<String>) -> ImportError {
    ImportError::Malformed {
        path: show(path),
        line,
        message: message.into(),
    }
}

/// A flexible, header-less CSV reader over a reader with the BOM already skipped.
pub fn csv_reader<R: Read>(inner: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(256 * 1024)
        .from_reader(inner)
}

/// A reader that notes the offsets of the line feeds it passes on (only those not yet claimed
/// by [`CsvFile::next`], so memory is bounded by the CSV reader's buffer).
pub struct Counting<R> {
    inner: R,
    pos: u64,
    feeds: Rc<RefCell<VecDeque<u64>>>,
    /// Offset of the last line feed (or the start).
    line_start: u64,
}

/// The longest line a provider table may have. No real export comes near it (the widest, WDI
/// bulk, has lines of a few KB); a longer line is refused rather than held in memory.
pub const MAX_LINE_BYTES: u64 = 16 * 1024 * 1024;

impl<R> Counting<R> {
    /// Count the line feeds read from `inner` into `feeds` (offsets from the start).
    pub fn new(inner: R, feeds: Rc<RefCell<VecDeque<u64>>>) -> Self {
        Counting {
            inner,
            pos: 0,
            feeds,
            line_start: 0,
        }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut feeds = self.feeds.borrow_mut();
        for p in memchr::memchr_iter(b'\n', buf.get(..n).unwrap_or(&[])) {
            feeds.push_back(self.pos + p as u64);
            self.line_start = self.pos + p as u64;
        }
        self.pos += n as u64;
        if self.pos - self.line_start > MAX_LINE_BYTES {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "a line longer than {} MiB: not a provider table",
                    MAX_LINE_BYTES / (1024 * 1024)
                ),
            ));
        }
        Ok(n)
    }
}

/// A streaming CSV file with exact 1-based line numbers for every record (the `csv` crate's own
/// positions drift after blank lines and CRLF terminators).
pub struct CsvFile<R: Read> {
    rdr: csv::Reader<Counting<R>>,
    feeds: Rc<RefCell<VecDeque<u64>>>,
    /// Line feeds before the current record.
    passed: usize,
    path: String,
}

impl<R: Read> CsvFile<R> {
    pub fn new(inner: R, delimiter: u8, path: &Path) -> CsvFile<R> {
        let feeds = Rc::new(RefCell::new(VecDeque::new()));
        let counting = Counting::new(inner, Rc::clone(&feeds));
        CsvFile {
            rdr: csv_reader(counting, delimiter),
            feeds,
            passed: 0,
            path: show(path),
        }
    }

    /// Start counting at `line` (when earlier lines were read by other means).
    pub fn with_first_line(mut self, line: usize) -> Self {
        self.passed = line.saturating_sub(1);
        self
    }

    /// Read the next record; `Ok(Some(line))` gives the line where it starts.
    pub fn next(&mut self, rec: &mut csv::ByteRecord) -> Result<Option<usize>, ImportError> {
        match self.rdr.read_byte_record(rec) {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) => {
                let line = self.passed + 1;
                return Err(ImportError::Malformed {
                    path: self.path.clone(),
                    line,
                    message: format!("cannot read the CSV: {e}"),
                });
            }
        }
        // The reader stops within the record's terminator; feeds before (end - 1) precede the
        // record's last line.
        let end = self.rdr.position().byte().saturating_sub(1);
        let mut feeds = self.feeds.borrow_mut();
        while feeds.front().is_some_and(|&f| f < end) {
            feeds.pop_front();
            self.passed += 1;
        }
        let embedded = memchr::memchr_iter(b'\n', rec.as_slice()).count();
        Ok(Some(self.passed + 1 - embedded.min(self.passed)))
    }
}

/// Open a file as a streaming CSV (BOM skipped, fields decoded one by one later).
pub fn open_csv(
    path: &Path,
    delimiter: u8,
) -> Result<CsvFile<std::io::BufReader<std::fs::File>>, ImportError> {
    let r = encoding::open_stripped(path).map_err(|e| io_err(path, e))?;
    Ok(CsvFile::new(r, delimiter, path))
}

/// Read the header record: every cell decoded and trimmed; an empty file is an error at line 1.
pub fn read_header<R: Read>(
    rdr: &mut CsvFile<R>,
    rec: &mut csv::ByteRecord,
    path: &Path,
) -> Result<Vec<String>, ImportError> {
    match rdr.next(rec)? {
        Some(_) => Ok((0..rec.len())
            .map(|i| field(rec, i).trim().to_string())
            .collect()),
        None => Err(malformed(path, 1, "the file is empty")),
    }
}

/// Start a data row: `false` for a blank row (skip it); otherwise count it and warn when its
/// width differs from the header's.
pub fn take_row(out: &mut Outcome, line: usize, rec: &csv::ByteRecord, width: usize) -> bool {
    if is_blank(rec) {
        return false;
    }
    out.rows += 1;
    if rec.len() != width {
        warn(
            out,
            line,
            format!("row has {} fields, the header has {}", rec.len(), width),
        );
    }
    true
}

/// Field `i` of a record, decoded (UTF-8 or Windows-1252); empty when absent.
pub fn field(rec: &csv::ByteRecord, i: usize) -> Cow<'_, str> {
    rec.get(i).map_or(Cow::Borrowed(""), encoding::decode_field)
}

/// Is the record empty (a blank line, or only empty fields)?
pub fn is_blank(rec: &csv::ByteRecord) -> bool {
    rec.iter()
        .all(|f| f.iter().all(|b| b.is_ascii_whitespace()))
}

/// The first `n` records of a sniffed head, decoded, tolerant of a record cut off at the end.
pub fn head_records(text: &str, n: usize) -> Vec<Vec<String>> {
    let mut rdr = csv_reader(text.as_bytes(), b',');
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    while out.len() < n {
        match rdr.read_record(&mut rec) {
            Ok(true) => out.push(rec.iter().map(str::to_string).collect()),
            Ok(false) | Err(_) => break,
        }
    }
    out
}

/// A published cell: missing, a number, or something that is not a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Missing,
    Value(f64),
    Invalid,
}

/// The largest magnitude a value read by an importer may have: migration statistics are
/// persons (the world population is about 8e9) and remittances in US$ (the world total is about
/// 9e11). Larger or non-finite numbers are refused as malformed, so `9223372036854775807` (a
/// sentinel, not a statistic) is never stored rounded to `9223372036854776000`.
pub const MAX_MAGNITUDE: f64 = 1e13;

/// Is `v` a value a statistic can have (finite, `|v| <= MAX_MAGNITUDE`)?
pub fn sane(v: f64) -> bool {
    v.is_finite() && v.abs() <= MAX_MAGNITUDE
}

/// Parse a published value. Empty, `..`, `:`, `-` and `…` are missing. The number is parsed as
/// written (no rounding); surrounding spaces are ignored. Numbers beyond [`MAX_MAGNITUDE`] are
/// [`Cell::Invalid`] (see [`not_a_value`] for the message).
pub fn parse_cell(s: &str) -> Cell {
    let t = s.trim();
    if t.is_empty() || t == ".." || t == ":" || t == "-" || t == "…" || t == "NA" {
        return Cell::Missing;
    }
    match t.parse::<f64>() {
        Ok(v) if sane(v) => Cell::Value(v),
        _ => Cell::Invalid,
    }
}

/// Why a published cell that is not missing gave no value: not a number, or a magnitude no
/// statistic can have.
pub fn not_a_value(raw: &str) -> String {
    let t = raw.trim();
    match t.parse::<f64>() {
        Ok(_) => format!(
            "{t:?} is a magnitude no statistic can have (non-finite or above {MAX_MAGNITUDE:e}); refused"
        ),
        Err(_) => format!("{t:?} is not a number"),
    }
}

/// What became of one data row, for [`Outcome::used`] and [`Outcome::dropped`]: used when it
/// gave a value, else dropped for the first reason met other than a missing value (a row whose
/// cells were all missing is dropped as missing).
#[derive(Debug, Default)]
pub struct Fate {
    gave: bool,
    why: Option<&'static str>,
}

impl Fate {
    /// The row gave a value.
    pub fn gave(&mut self) {
        self.gave = true;
    }

    /// A cell of the row gave no value, for `why` (a [`reason`] constant).
    pub fn because(&mut self, why: &'static str) {
        if self.why.is_none() || self.why == Some(reason::MISSING) {
            self.why = Some(why);
        }
    }

    pub fn has_given(&self) -> bool {
        self.gave
    }

    /// Count the row in `out`.
    pub fn settle(self, out: &mut Outcome) {
        if self.gave {
            out.used += 1;
        } else {
            out.drop_row(self.why.unwrap_or(reason::MISSING));
        }
    }
}

/// Rows seen, by key, to find repeated provider rows: the first line of each key and a hash of
/// the whole row.
#[derive(Debug, Default)]
pub struct Dedup {
    seen: HashMap<String, (usize, u64)>,
}

/// A row's key met again?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    New,
    /// The same row (every field equal) at this earlier line.
    Same(usize),
    /// The same key with other values at this earlier line.
    Conflict(usize),
}

impl Dedup {
    pub fn check(&mut self, key: String, line: usize, content: u64) -> Seen {
        match self.seen.get(&key) {
            None => {
                self.seen.insert(key, (line, content));
                Seen::New
            }
            Some(&(first, h)) if h == content => Seen::Same(first),
            Some(&(first, _)) => Seen::Conflict(first),
        }
    }
}

/// A hash of a row's fields (trimmed), for [`Dedup`].
pub fn row_hash<'a>(fields: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in fields {
        f.trim_ascii().hash(&mut h);
    }
    h.finish()
}

/// Act on a [`Seen`]: a repeated identical row is counted once (`Ok(true)`: drop the row, counted
/// as [`reason::DUPLICATE`] with a warning naming both lines); the same key with other values is
/// an error naming both lines. `what` names the key (`MEX SM.POP.NETM`).
pub fn repeated(
    path: &Path,
    out: &mut Outcome,
    seen: Seen,
    line: usize,
    what: &str,
) -> Result<bool, ImportError> {
    let file = show(path);
    match seen {
        Seen::New => Ok(false),
        Seen::Same(first) => {
            warn(
                out,
                line,
                format!("{what}: {file}:{line} repeats {file}:{first} exactly; counted once"),
            );
            out.drop_row(reason::DUPLICATE);
            Ok(true)
        }
        Seen::Conflict(first) => Err(malformed(
            path,
            line,
            format!(
                "{what} is given twice with different values, at {file}:{first} and {file}:{line}"
            ),
        )),
    }
}

/// Catalogue mappings of one format, by provider series.
pub struct SeriesIndex<'a> {
    by_series: HashMap<String, Vec<(&'a Indicator, &'a Mapping)>>,
    /// Provider id of the format's first mapping (for `Outcome.provider`).
    pub provider: Option<String>,
}

impl<'a> SeriesIndex<'a> {
    pub fn new(ctx: &Context<'a>, format: &'a str) -> SeriesIndex<'a> {
        let mut by_series: HashMap<String, Vec<(&'a Indicator, &'a Mapping)>> = HashMap::new();
        let mut provider = None;
        for (ind, m) in ctx.catalogue.mappings_for_format(format) {
            if provider.is_none() {
                provider = Some(m.provider.clone());
            }
            by_series.entry(key(&m.series)).or_default().push((ind, m));
        }
        SeriesIndex {
            by_series,
            provider,
        }
    }

    /// Mappings of a series (exact, ignoring case and surrounding spaces).
    pub fn get(&self, series: &str) -> &[(&'a Indicator, &'a Mapping)] {
        self.by_series
            .get(&key(series))
            .map_or(&[][..], Vec::as_slice)
    }

    pub fn is_empty(&self) -> bool {
        self.by_series.is_empty()
    }

    pub fn provider_or(&self, default: &str) -> String {
        self.provider.clone().unwrap_or_else(|| default.to_string())
    }
}

fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Does a mapping's filter accept a row? `lookup(k)` gives the row's value for filter key `k`
/// (`None` = the row has no such field, which fails the filter).
pub fn filter_ok(m: &Mapping, mut lookup: impl FnMut(&str) -> Option<String>) -> bool {
    m.filter.iter().all(|(k, want)| {
        lookup(k).is_some_and(|have| have.trim().eq_ignore_ascii_case(want.trim()))
    })
}

/// An observation for a mapped value: the mapping's scale and concept applied, nothing else
/// changed.
pub fn observation(ind: &Indicator, m: &Mapping, period: &str, value: f64) -> Observation {
    let v = match m.scale {
        Some(s) => value * s,
        None => value,
    };
    let mut o = Observation::new(&ind.id, period, v, "");
    o.concept = m.concept.clone();
    o
}

/// Add a record.
pub fn push(out: &mut Outcome, country: &str, observation: Observation) {
    out.records.push(Record {
        country: country.to_string(),
        observation,
    });
}

pub fn warn(out: &mut Outcome, line: usize, message: impl Into<String>) {
    out.warnings.push(Warning {
        line,
        message: message.into(),
    });
}

/// Count an unmapped series once per row.
pub fn count_unmapped_series(out: &mut Outcome, series: &str) {
    *out.unmapped_series.entry(series.to_string()).or_insert(0) += 1;
}

/// What a row's country cells resolve to, after the context's country filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Who {
    /// Keep the row under this code (ISO3, or the aggregate's code when aggregates are kept).
    Keep(String),
    /// Drop the row, for this reason (another country, an aggregate, or unknown; counters
    /// updated).
    Drop(&'static str),
}

/// Resolve a row's country. `cells` are tried in order (code first, then name); `aggregate`
/// forces the row to be an aggregate (provider metadata says so). Aggregates are counted in
/// `skipped_aggregates` unless `ctx.include_aggregates`; unknown cells in `unmapped_countries`.
pub fn resolve_country(
    ctx: &Context,
    out: &mut Outcome,
    cells: &[&str],
    aggregate: Option<bool>,
) -> Who {
    let display = cells
        .iter()
        .find(|c| !c.trim().is_empty())
        .map_or("", |c| c.trim());
    let mut found = None;
    for c in cells {
        if c.trim().is_empty() {
            continue;
        }
        if let Some(r) = ctx.countries.resolve(c) {
            found = Some(r);
            break;
        }
    }
    let agg_code = match (found, aggregate) {
        (Some(Resolved::Country(c)), None | Some(false)) => {
            return match ctx.country {
                Some(want) if !want.eq_ignore_ascii_case(&c.iso3) => {
                    Who::Drop(reason::OTHER_COUNTRY)
                }
                _ => Who::Keep(c.iso3.clone()),
            };
        }
        (Some(Resolved::Aggregate(a)), _) => a.code.clone(),
        (Some(Resolved::Country(_)), Some(true)) | (None, Some(true)) => display.to_string(),
        (None, _) => {
            *out.unmapped_countries
                .entry(display.to_string())
                .or_insert(0) += 1;
            return Who::Drop(reason::UNKNOWN_COUNTRY);
        }
    };
    if !ctx.include_aggregates {
        out.skipped_aggregates += 1;
        return Who::Drop(reason::AGGREGATE);
    }
    match ctx.country {
        Some(want) if !want.eq_ignore_ascii_case(&agg_code) => Who::Drop(reason::OTHER_COUNTRY),
        _ => Who::Keep(agg_code),
    }
}

/// Append a line to `Outcome.notes`.
pub fn add_note(out: &mut Outcome, note: &str) {
    let note = note.trim();
    if note.is_empty() {
        return;
    }
    match &mut out.notes {
        Some(n) => {
            n.push('\n');
            n.push_str(note);
        }
        None => out.notes = Some(note.to_string()),
    }
}

/// Test support: a catalogue and a country table built in code.
#[cfg(test)]
pub mod testkit {
    use crate::catalogue::{Catalogue, Indicator, Kind, Mapping, Unit};
    use crate::country::Countries;
    use std::collections::BTreeMap;

    /// (format, series, filter, scale)
    pub type MapSpec<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], Option<f64>);

    pub fn indicator(id: &str, maps: &[MapSpec]) -> Indicator {
        Indicator {
            id: id.to_string(),
            name: id.to_string(),
            definition: String::new(),
            unit: Unit::Persons,
            kind: Kind::Stock,
            section: "A.1".to_string(),
            also_in: Vec::new(),
            disaggregations: vec!["sex".to_string()],
            concept: None,
            signed: true,
            sdg: Vec::new(),
            gcm: Vec::new(),
            key: false,
            plural: false,
            mapping: maps
                .iter()
                .map(|(format, series, filter, scale)| Mapping {
                    provider: "test_provider".to_string(),
                    format: format.to_string(),
                    series: series.to_string(),
                    role: None,
                    filter: filter
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect::<BTreeMap<_, _>>(),
                    totals: BTreeMap::new(),
                    scale: *scale,
                    concept: None,
                    note: None,
                })
                .collect(),
        }
    }

    pub fn catalogue(inds: Vec<Indicator>) -> Catalogue {
        Catalogue::new(inds, Vec::new())
    }

    pub const COUNTRIES: &str = r#"
[[country]]
iso3 = "DEU"
iso2 = "DE"
m49 = 276
name = "Germany"
region = "Europe"
subregion = "Western Europe"

[[country]]
iso3 = "FRA"
iso2 = "FR"
m49 = 250
name = "France"
region = "Europe"
subregion = "Western Europe"

[[country]]
iso3 = "CIV"
iso2 = "CI"
m49 = 384
name = "Côte d'Ivoire"
region = "Africa"
subregion = "Western Africa"

[[country]]
iso3 = "KOR"
iso2 = "KR"
m49 = 410
name = "Republic of Korea"
region = "Asia"
subregion = "Eastern Asia"
aliases = ["Korea, Rep.", "South Korea"]

[[country]]
iso3 = "AFG"
iso2 = "AF"
m49 = 4
name = "Afghanistan"
region = "Asia"
subregion = "Southern Asia"

[[country]]
iso3 = "ABW"
iso2 = "AW"
m49 = 533
name = "Aruba"
region = "Americas"
subregion = "Caribbean"

[[country]]
iso3 = "BRA"
iso2 = "BR"
m49 = 76
name = "Brazil"
region = "Americas"
subregion = "South America"

[[country]]
iso3 = "AGO"
iso2 = "AO"
m49 = 24
name = "Angola"
region = "Africa"
subregion = "Middle Africa"

[[aggregate]]
code = "WLD"
name = "World"
m49 = 900

[[aggregate]]
code = "SSA"
name = "Sub-Saharan Africa"
m49 = 947
"#;

    pub fn countries() -> Countries {
        match Countries::from_str(COUNTRIES, "test") {
            Ok(c) => c,
            Err(e) => panic!("test country table: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_parse_as_published() {
        assert_eq!(parse_cell(""), Cell::Missing);
        assert_eq!(parse_cell(".."), Cell::Missing);
        assert_eq!(parse_cell(" 12.5 "), Cell::Value(12.5));
        assert_eq!(parse_cell("-919"), Cell::Value(-919.0));
        assert_eq!(
            parse_cell("4506990222.57265"),
            Cell::Value(4506990222.57265)
        );
        assert_eq!(parse_cell("12a"), Cell::Invalid);
        assert_eq!(parse_cell("inf"), Cell::Invalid);
        // Beyond any statistic: refused, never rounded to 9223372036854776000.
        assert_eq!(parse_cell("9223372036854775807"), Cell::Invalid);
        assert_eq!(parse_cell("-1.7e308"), Cell::Invalid);
        assert_eq!(parse_cell("1e13"), Cell::Value(1e13));
        assert!(not_a_value("9223372036854775807").contains("refused"));
        assert!(not_a_value("NaN").contains("refused"));
        assert_eq!(not_a_value(" x "), "\"x\" is not a number");
    }

    #[test]
    fn fate_keeps_the_first_reason_but_missing() {
        let mut out = Outcome::new(super::super::Format::Owid, "p", "d");
        let mut f = Fate::default();
        f.because(reason::MISSING);
        f.because(reason::MALFORMED);
        f.because(reason::NOT_IN_CATALOGUE);
        f.settle(&mut out);
        let mut g = Fate::default();
        g.because(reason::MISSING);
        g.settle(&mut out);
        let mut h = Fate::default();
        h.because(reason::MALFORMED);
        h.gave();
        h.settle(&mut out);
        assert_eq!(out.used, 1);
        assert_eq!(out.dropped.get(reason::MALFORMED), Some(&1));
        assert_eq!(out.dropped.get(reason::MISSING), Some(&1));
        assert_eq!(out.dropped.len(), 2);
    }

    #[test]
    fn dedup_tells_same_from_conflict() {
        let mut d = Dedup::default();
        let a = row_hash([&b"MEX"[..], b" 1 "]);
        let b = row_hash([&b"MEX"[..], b"1"]);
        let c = row_hash([&b"MEX"[..], b"2"]);
        assert_eq!(a, b); // fields compared trimmed
        assert_eq!(d.check("k".into(), 2, a), Seen::New);
        assert_eq!(d.check("k".into(), 4, b), Seen::Same(2));
        assert_eq!(d.check("k".into(), 5, c), Seen::Conflict(2));
    }

    #[test]
    fn head_records_tolerates_cut_record() {
        let r = head_records("a,b\r\n\"c\nd\",e\r\n\"unterminated", 5);
        assert_eq!(r[0], vec!["a", "b"]);
        assert_eq!(r[1], vec!["c\nd", "e"]);
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn exact_lines_with_blank_lines_crlf_and_quoted_newlines() {
        let data = b"a,b\r\n\r\nc,d\r\n\"x\ny\",z\r\ne,f\n\n\ng,h";
        let mut f = CsvFile::new(&data[..], b',', Path::new("t"));
        let mut rec = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while let Ok(Some(l)) = f.next(&mut rec) {
            lines.push(l);
        }
        assert_eq!(lines, vec![1, 3, 4, 6, 9]);
        let lf = b"a\nb\n\"c\nd\ne\"\nf\n";
        let mut f = CsvFile::new(&lf[..], b',', Path::new("t"));
        let mut lines = Vec::new();
        while let Ok(Some(l)) = f.next(&mut rec) {
            lines.push(l);
        }
        assert_eq!(lines, vec![1, 2, 3, 6]);
    }
}
