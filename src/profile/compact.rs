//! The compact profile layout (format version 2): observations stored per series.
//!
//! A series is one indicator from one source, with the attributes its values share (concept,
//! status, territory, revision, coverage) and the breakdown dimensions (`by`). Its values are
//! written one line per breakdown cell, periods and values together:
//!
//! ```toml
//! [[series]]
//! indicator = "net_migration"
//! source = "wdi"
//! revision = "WPP 2022"
//! values = { 2019 = 1.2, 2020 = 3.4 }
//!
//! [[series]]
//! indicator = "imm_stock"
//! source = "ims"
//! by = ["origin", "sex"]
//! [series.values]
//! SYR.F = { 2015 = 1234.0, 2020 = 5678.0 }
//! TUR.M = { 2020 = { value = 91.0, flags = ["e"], footnote = "Provider note." } }
//! ```
//!
//! A value is a number, or an inline table `{ value, flags, footnote }` where the provider
//! attached flags or a footnote to it (only there). Flags or a footnote that every value of a
//! series has are written once, `flags = ["B"]` or `footnote = "..."` beside `indicator`; a
//! value's own `flags` or `footnote` replace them. Observations are read in document order
//! (the order of their period keys in the file), so a profile written and read back is the same
//! list in the same order: the writer starts a new series where that order could not be kept (a
//! breakdown cell seen again after another one, a period twice in a cell).

use crate::model::{Observation, Status};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The key of the series array in a profile.
pub const KEY: &str = "series";

/// The fields of a `[[series]]` table.
const FIELDS: &[&str] = &[
    "indicator",
    "source",
    "concept",
    "status",
    "territory",
    "revision",
    "coverage",
    "flags",
    "footnote",
    "by",
    "values",
];

/// A problem in the series layout: its byte offset in the text and the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Bad {
    pub at: usize,
    pub message: String,
}

impl Bad {
    fn new(at: usize, message: impl Into<String>) -> Bad {
        Bad {
            at,
            message: message.into(),
        }
    }

    fn of_toml(e: toml::de::Error, fallback: usize) -> Bad {
        Bad {
            at: e.span().map_or(fallback, |s| s.start),
            message: e.message().trim().to_string(),
        }
    }
}

/// Where the parts of one series are in the text (byte offsets).
#[derive(Debug, Clone, Default)]
pub struct SeriesAt {
    /// The `[[series]]` table.
    pub table: usize,
    /// The value of each field given (`indicator`, `source`, `status`...).
    pub fields: Vec<(&'static str, usize)>,
    /// The `values` key.
    pub values: usize,
}

/// Where the parts of one observation are in the text (byte offsets).
#[derive(Debug, Clone, Default)]
pub struct ObsAt {
    /// Index into the series list.
    pub series: usize,
    /// The period key.
    pub period: usize,
    /// The number.
    pub value: usize,
    /// The cell key of each breakdown dimension, in the order of `by`.
    pub cells: Vec<(String, usize)>,
    pub flags: Option<usize>,
    pub footnote: Option<usize>,
}

/// Places of everything read, for messages (see [`read`]).
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub series: Vec<SeriesAt>,
    pub observations: Vec<ObsAt>,
}

/// Read the `series` value of a profile into observations, in document order; with `places`,
/// also where each part is.
pub fn read(
    value: Spanned<DeValue<'_>>,
    mut places: Option<&mut Places>,
) -> Result<Vec<Observation>, Bad> {
    let span = value.span();
    let DeValue::Array(array) = value.into_inner() else {
        return Err(Bad::new(
            span.start,
            "`series` must be an array of tables ([[series]])",
        ));
    };
    let mut out = Vec::new();
    for (index, table) in array.into_iter().enumerate() {
        let span = table.span();
        let DeValue::Table(table) = table.into_inner() else {
            return Err(Bad::new(
                span.start,
                "each `series` must be a table ([[series]])",
            ));
        };
        read_series(table, span, index, &mut out, places.as_deref_mut())?;
    }
    Ok(out)
}

fn string(v: Spanned<DeValue<'_>>) -> Result<String, Bad> {
    let at = v.span().start;
    String::deserialize(v.into_deserializer()).map_err(|e| Bad::of_toml(e, at))
}

fn read_series(
    table: DeTable<'_>,
    span: Range<usize>,
    index: usize,
    out: &mut Vec<Observation>,
    places: Option<&mut Places>,
) -> Result<(), Bad> {
    let mut at = SeriesAt {
        table: span.start,
        ..SeriesAt::default()
    };
    let mut indicator = None;
    let mut source = None;
    let mut attrs: [Option<String>; 4] = [None, None, None, None];
    let mut status = None;
    let mut by: Vec<String> = Vec::new();
    let mut flags: Option<(Vec<String>, usize)> = None;
    let mut footnote: Option<(String, usize)> = None;
    let mut values = None;
    for (key, value) in table {
        let Some(&field) = FIELDS.iter().find(|f| **f == key.get_ref().as_ref()) else {
            return Err(Bad::new(
                key.span().start,
                format!(
                    "unknown field `{}` in [[series]], expected one of {}",
                    key.get_ref(),
                    FIELDS
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        let value_at = value.span().start;
        if field != "values" {
            at.fields.push((field, value_at));
        }
        match field {
            "indicator" => indicator = Some(string(value)?),
            "source" => source = Some(string(value)?),
            "concept" => attrs[0] = Some(string(value)?),
            "territory" => attrs[1] = Some(string(value)?),
            "revision" => attrs[2] = Some(string(value)?),
            "coverage" => attrs[3] = Some(string(value)?),
            "status" => {
                status = Some(
                    Status::deserialize(value.into_deserializer())
                        .map_err(|e| Bad::of_toml(e, value_at))?,
                );
            }
            "flags" => {
                let list = Vec::<String>::deserialize(value.into_deserializer())
                    .map_err(|e| Bad::of_toml(e, value_at))?;
                flags = Some((list, value_at));
            }
            "footnote" => footnote = Some((string(value)?, value_at)),
            "by" => {
                by = Vec::<String>::deserialize(value.into_deserializer())
                    .map_err(|e| Bad::of_toml(e, value_at))?;
                let mut seen = HashSet::new();
                if by.is_empty() {
                    return Err(Bad::new(
                        value_at,
                        "`by` lists no dimension (leave it out for a total)",
                    ));
                }
                if let Some(d) = by.iter().find(|d| !seen.insert(d.as_str())) {
                    return Err(Bad::new(value_at, format!("`by` lists `{d}` twice")));
                }
            }
            _ => {
                at.values = key.span().start;
                values = Some(value);
            }
        }
    }
    let missing = |f: &str| Bad::new(span.start, format!("missing field `{f}` in [[series]]"));
    let indicator = indicator.ok_or_else(|| missing("indicator"))?;
    let source = source.ok_or_else(|| missing("source"))?;
    let values = values.ok_or_else(|| missing("values"))?;
    // Every value with its place, then in the order of the file.
    let mut leaves: Vec<Leaf> = Vec::new();
    collect(values, &by, &mut Vec::new(), &mut leaves)?;
    leaves.sort_by_key(|l| l.period_at);
    let [concept, territory, revision, coverage] = attrs;
    let mut places = places;
    let series_index = places.as_ref().map_or(index, |p| p.series.len());
    for leaf in leaves {
        let mut o = Observation::new(&indicator, &leaf.period, 0.0, &source);
        o.concept.clone_from(&concept);
        o.territory.clone_from(&territory);
        o.revision.clone_from(&revision);
        o.coverage.clone_from(&coverage);
        o.status = status;
        if let Some((f, _)) = &flags {
            o.flags.clone_from(f);
        }
        o.footnote = footnote.as_ref().map(|(f, _)| f.clone());
        o.disaggregation = by
            .iter()
            .cloned()
            .zip(leaf.cells.iter().map(|(c, _)| c.clone()))
            .collect();
        let mut obs_at = ObsAt {
            series: series_index,
            period: leaf.period_at,
            cells: by
                .iter()
                .cloned()
                .zip(leaf.cells.iter().map(|(_, a)| *a))
                .collect(),
            flags: flags.as_ref().map(|(_, a)| *a),
            footnote: footnote.as_ref().map(|(_, a)| *a),
            ..ObsAt::default()
        };
        read_leaf(leaf.value, &mut o, &mut obs_at)?;
        if let Some(p) = places.as_mut() {
            p.observations.push(obs_at);
        }
        out.push(o);
    }
    if let Some(p) = places {
        p.series.push(at);
    }
    Ok(())
}

struct Leaf<'i> {
    cells: Vec<(String, usize)>,
    period: String,
    period_at: usize,
    value: Spanned<DeValue<'i>>,
}

/// Walk the `values` tree: one level per dimension of `by`, then periods.
fn collect<'i>(
    value: Spanned<DeValue<'i>>,
    by: &[String],
    cells: &mut Vec<(String, usize)>,
    out: &mut Vec<Leaf<'i>>,
) -> Result<(), Bad> {
    let span = value.span();
    let depth = cells.len();
    let DeValue::Table(table) = value.into_inner() else {
        let by_list = by
            .iter()
            .map(|d| format!("\"{d}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let message = match by.get(depth) {
            Some(dim) => format!(
                "expected a table of `{dim}` cells here (the series is `by = [{by_list}]`), each a table of periods and values"
            ),
            None if depth > 0 => format!(
                "expected a table of periods and values for the cell {} (the series is `by = [{by_list}]`: one key per dimension, then the periods)",
                by.iter()
                    .zip(cells.iter())
                    .map(|(d, (c, _))| format!("{d} = {c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "expected a table of periods and values, e.g. `{ 2019 = 1.2, 2020 = 3.4 }`"
                .to_string(),
        };
        return Err(Bad::new(span.start, message));
    };
    for (key, v) in table {
        let key_at = key.span().start;
        let name = key.into_inner().into_owned();
        if depth < by.len() {
            cells.push((name, key_at));
            collect(v, by, cells, out)?;
            cells.pop();
        } else {
            out.push(Leaf {
                cells: cells.clone(),
                period: name,
                period_at: key_at,
                value: v,
            });
        }
    }
    Ok(())
}

fn number(v: Spanned<DeValue<'_>>) -> Result<f64, Bad> {
    let at = v.span().start;
    f64::deserialize(v.into_deserializer()).map_err(|e| Bad::of_toml(e, at))
}

/// A value: a number, or `{ value, flags, footnote }`.
fn read_leaf(v: Spanned<DeValue<'_>>, o: &mut Observation, at: &mut ObsAt) -> Result<(), Bad> {
    let span = v.span();
    if !v.get_ref().is_table() {
        at.value = span.start;
        o.value = number(v)?;
        return Ok(());
    }
    let DeValue::Table(table) = v.into_inner() else {
        return Err(Bad::new(span.start, "expected a number"));
    };
    let mut value = None;
    for (key, item) in table {
        let item_at = item.span().start;
        match key.get_ref().as_ref() {
            "value" => {
                at.value = item_at;
                value = Some(number(item)?);
            }
            "flags" => {
                at.flags = Some(item_at);
                o.flags = Vec::<String>::deserialize(item.into_deserializer())
                    .map_err(|e| Bad::of_toml(e, item_at))?;
            }
            "footnote" => {
                at.footnote = Some(item_at);
                o.footnote = Some(string(item)?);
            }
            other => {
                return Err(Bad::new(
                    key.span().start,
                    format!(
                        "unknown field `{other}` of a value, expected one of `value`, `flags`, `footnote`"
                    ),
                ));
            }
        }
    }
    match value {
        Some(v) => {
            o.value = v;
            Ok(())
        }
        None => Err(Bad::new(
            span.start,
            "missing field `value` (a value with flags or a footnote is `{ value = 1.2, flags = [\"e\"] }`)",
        )),
    }
}

/// What a series shares: every field of an observation but period, value, cell, flags and
/// footnote.
#[derive(PartialEq)]
struct Shared<'a> {
    indicator: &'a str,
    source: &'a str,
    concept: Option<&'a str>,
    status: Option<Status>,
    territory: Option<&'a str>,
    revision: Option<&'a str>,
    coverage: Option<&'a str>,
    dims: Vec<&'a str>,
}

impl<'a> Shared<'a> {
    fn of(o: &'a Observation) -> Shared<'a> {
        Shared {
            indicator: &o.indicator,
            source: &o.source,
            concept: o.concept.as_deref(),
            status: o.status,
            territory: o.territory.as_deref(),
            revision: o.revision.as_deref(),
            coverage: o.coverage.as_deref(),
            dims: o.disaggregation.keys().map(String::as_str).collect(),
        }
    }
}

/// One series to write: what it shares, then its cells in order, each with its values.
struct Block<'a> {
    shared: Shared<'a>,
    cells: Vec<Vec<&'a Observation>>,
}

/// Group observations into series, keeping their order (see the module documentation).
fn blocks(observations: &[Observation]) -> Vec<Block<'_>> {
    let mut out: Vec<Block<'_>> = Vec::new();
    // Cells already closed in the current block, and the periods of its current cell.
    // A cell is written as dotted keys (`SYR.F`), which a format-preserving editor keeps
    // together by their first parts: so a cell may not come back to a prefix (`SYR`) left for
    // another one (`TUR`), or the order would change on a save.
    let mut closed: HashSet<Vec<&str>> = HashSet::new();
    let mut periods: HashSet<&str> = HashSet::new();
    for o in observations {
        let shared = Shared::of(o);
        let cell: Vec<&str> = o.disaggregation.values().map(String::as_str).collect();
        let fits = match out.last_mut() {
            Some(b) if b.shared == shared => {
                let current: Vec<&str> = b
                    .cells
                    .last()
                    .and_then(|c| c.first())
                    .map(|c| c.disaggregation.values().map(String::as_str).collect())
                    .unwrap_or_default();
                if current == cell {
                    periods.insert(o.period.as_str())
                } else {
                    let common = current
                        .iter()
                        .zip(&cell)
                        .take_while(|(a, b)| a == b)
                        .count();
                    if (common + 1..=cell.len()).any(|d| closed.contains(&cell[..d])) {
                        false
                    } else {
                        for d in common + 1..=current.len() {
                            closed.insert(current[..d].to_vec());
                        }
                        periods.clear();
                        periods.insert(o.period.as_str());
                        b.cells.push(Vec::new());
                        true
                    }
                }
            }
            _ => false,
        };
        if fits {
            if let Some(c) = out.last_mut().and_then(|b| b.cells.last_mut()) {
                c.push(o);
            }
        } else {
            closed.clear();
            periods.clear();
            periods.insert(o.period.as_str());
            out.push(Block {
                shared,
                cells: vec![vec![o]],
            });
        }
    }
    out
}

/// Write observations as `[[series]]` tables (appended to `out`).
pub fn write(out: &mut String, observations: &[Observation]) {
    for b in blocks(observations) {
        let s = &b.shared;
        out.push_str("\n[[series]]\nindicator = ");
        quote(out, s.indicator);
        out.push_str("\nsource = ");
        quote(out, s.source);
        // Flags every value has are written once for the series.
        let common = b
            .cells
            .iter()
            .flatten()
            .next()
            .map(|o| &o.flags)
            .filter(|f| !f.is_empty() && b.cells.iter().flatten().all(|o| &o.flags == *f));
        for (name, v) in [("concept", s.concept), ("status", s.status.map(Status::id))]
            .into_iter()
            .chain([
                ("territory", s.territory),
                ("revision", s.revision),
                ("coverage", s.coverage),
            ])
        {
            if let Some(v) = v {
                let _ = write!(out, "\n{name} = ");
                quote(out, v);
            }
        }
        if let Some(f) = common {
            out.push_str("\nflags = ");
            list(out, f);
        }
        let note = b
            .cells
            .iter()
            .flatten()
            .next()
            .and_then(|o| o.footnote.as_ref());
        let common_note = note.filter(|n| {
            b.cells
                .iter()
                .flatten()
                .all(|o| o.footnote.as_ref() == Some(*n))
        });
        if let Some(n) = common_note {
            out.push_str("\nfootnote = ");
            quote(out, n);
        }
        let own = Own {
            flags: common.is_none(),
            footnote: common_note.is_none(),
        };
        if s.dims.is_empty() {
            out.push_str("\nvalues = ");
            for cell in &b.cells {
                row(out, cell, own);
            }
            out.push('\n');
            continue;
        }
        out.push_str("\nby = [");
        for (i, d) in s.dims.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            quote(out, d);
        }
        out.push_str("]\n[series.values]\n");
        for cell in &b.cells {
            let Some(first) = cell.first() else { continue };
            for (i, v) in first.disaggregation.values().enumerate() {
                if i > 0 {
                    out.push('.');
                }
                key(out, v);
            }
            out.push_str(" = ");
            row(out, cell, own);
            out.push('\n');
        }
    }
}

/// `["e", "p"]`
fn list(out: &mut String, items: &[String]) {
    out.push('[');
    for (j, f) in items.iter().enumerate() {
        if j > 0 {
            out.push_str(", ");
        }
        quote(out, f);
    }
    out.push(']');
}

/// Which notes each value carries itself (not written once for the series).
#[derive(Clone, Copy)]
struct Own {
    flags: bool,
    footnote: bool,
}

/// `{ 2019 = 1.2, 2020 = { value = 3.4, flags = ["e"] } }`; the flags and footnote of each value
/// unless the series has them.
fn row(out: &mut String, cell: &[&Observation], own: Own) {
    out.push_str("{ ");
    for (i, o) in cell.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        key(out, &o.period);
        out.push_str(" = ");
        let flags = own.flags && !o.flags.is_empty();
        let footnote = o.footnote.as_ref().filter(|_| own.footnote);
        if !flags && footnote.is_none() {
            float(out, o.value);
            continue;
        }
        out.push_str("{ value = ");
        float(out, o.value);
        if flags {
            out.push_str(", flags = ");
            list(out, &o.flags);
        }
        if let Some(f) = footnote {
            out.push_str(", footnote = ");
            quote(out, f);
        }
        out.push_str(" }");
    }
    out.push_str(" }");
}

/// A TOML float that reads back as exactly `v` (`1.0`, `-0.0`, `nan`, `inf`).
fn float(out: &mut String, v: f64) {
    if v.is_nan() {
        out.push_str(if v.is_sign_negative() { "-nan" } else { "nan" });
    } else if v.is_infinite() {
        out.push_str(if v < 0.0 { "-inf" } else { "inf" });
    } else {
        let start = out.len();
        let _ = write!(out, "{v}");
        if !out[start..].contains(['.', 'e', 'E']) {
            out.push_str(".0");
        }
    }
}

/// A key: bare where TOML allows it (`2019`, `SYR`, `15-24`), else quoted.
fn key(out: &mut String, k: &str) {
    if !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        out.push_str(k);
    } else {
        quote(out, k);
    }
}

/// A TOML basic string.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The identity of a `[[series]]` table of a parsed document (indicator, source, shared
/// attributes, dimensions): saves match old and new series by it, so a comment stays with its
/// series when others are added or removed before it.
pub fn identity(t: &toml_edit::Table) -> String {
    let mut id = String::new();
    for f in FIELDS.iter().filter(|f| **f != "values") {
        let Some(v) = t.get(f).and_then(|i| i.as_value()) else {
            continue;
        };
        let _ = write!(id, "{f}=");
        // The values only: not the comments or spacing around them.
        match v {
            toml_edit::Value::String(s) => id.push_str(s.value()),
            toml_edit::Value::Array(a) => {
                for item in a.iter() {
                    let _ = write!(id, "{}\u{1e}", item.as_str().unwrap_or("?"));
                }
            }
            other => id.push_str(other.to_string().trim()),
        }
        id.push('\u{1f}');
    }
    id
}

/// Where the series and observations of a text's `[[series]]` are, for messages; `None` when it
/// has none or they do not read.
pub fn places(text: &str) -> Option<Places> {
    let mut root = DeTable::parse(text).ok()?.into_inner();
    let series = root.remove(KEY)?;
    let mut places = Places::default();
    read(series, Some(&mut places)).ok()?;
    Some(places)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(ind: &str, period: &str, v: f64, dis: &[(&str, &str)]) -> Observation {
        let mut o = Observation::new(ind, period, v, "src");
        o.disaggregation = dis
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        o
    }

    fn round_trip(list: &[Observation]) -> (String, Vec<Observation>) {
        let mut text = String::new();
        write(&mut text, list);
        let mut root = DeTable::parse(&text)
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
            .into_inner();
        let back = match root.remove(KEY) {
            Some(s) => read(s, None).unwrap_or_else(|e| panic!("{e:?}\n{text}")),
            None => Vec::new(),
        };
        (text, back)
    }

    #[test]
    fn writes_one_line_per_cell_and_reads_back_in_order() {
        let mut flagged = obs("imm_stock", "2020", 5.5, &[("origin", "SYR"), ("sex", "F")]);
        flagged.flags = vec!["e".into()];
        flagged.footnote = Some("Say \"hi\"\nnext".into());
        let list = vec![
            obs("net_migration", "2019", 1.2, &[]),
            obs("net_migration", "2020", -3.0, &[]),
            obs(
                "imm_stock",
                "2015",
                1e20,
                &[("origin", "SYR"), ("sex", "F")],
            ),
            flagged,
            obs("imm_stock", "2020", 0.1, &[("origin", "C d"), ("sex", "M")]),
            // Back to the prefix `SYR` after `C d`: a new series.
            obs("imm_stock", "2020", 0.2, &[("origin", "SYR"), ("sex", "M")]),
            // A cell seen again after another one: a new series keeps the order.
            obs("imm_stock", "2010", 7.0, &[("origin", "SYR"), ("sex", "F")]),
            // A period twice in a cell (a duplicate, which check reports): kept too.
            obs("imm_stock", "2010", 8.0, &[("origin", "SYR"), ("sex", "F")]),
        ];
        let (text, back) = round_trip(&list);
        assert_eq!(back, list, "{text}");
        assert!(
            text.contains("values = { 2019 = 1.2, 2020 = -3.0 }"),
            "{text}"
        );
        assert!(text.contains("SYR.F = { 2015 = 100000000000000000000.0, 2020 = { value = 5.5, flags = [\"e\"], footnote = \"Say \\\"hi\\\"\\nnext\" } }"), "{text}");
        assert!(text.contains("\"C d\".M = { 2020 = 0.1 }"), "{text}");
        assert_eq!(text.matches("[[series]]").count(), 4, "{text}");
    }

    #[test]
    fn flags_every_value_has_are_written_once() {
        let mut list = Vec::new();
        for (p, v) in [("1990", 1.0), ("1995", 2.0)] {
            let mut o = obs("imm_stock", p, v, &[("sex", "F")]);
            o.flags = vec!["B".into()];
            list.push(o);
        }
        list[1].footnote = Some("note".into());
        let (text, back) = round_trip(&list);
        // The same footnote on every value: once for the series.
        let mut same = list.clone();
        same[0].footnote = Some("note".into());
        let (t2, b2) = round_trip(&same);
        assert_eq!(b2, same, "{t2}");
        assert!(t2.contains("footnote = \"note\"\nby = [\"sex\"]"), "{t2}");
        assert!(t2.contains("F = { 1990 = 1.0, 1995 = 2.0 }"), "{t2}");
        assert_eq!(back, list, "{text}");
        assert!(text.contains("flags = [\"B\"]\nby = [\"sex\"]"), "{text}");
        assert!(
            text.contains("F = { 1990 = 1.0, 1995 = { value = 2.0, footnote = \"note\" } }"),
            "{text}"
        );
        // A value's own flags replace the series' (here: none).
        let text = text.replace("1990 = 1.0", "1990 = { value = 1.0, flags = [] }");
        let mut root = DeTable::parse(&text).unwrap().into_inner();
        let back = read(root.remove(KEY).unwrap(), None).unwrap();
        assert!(back[0].flags.is_empty());
        assert_eq!(back[1].flags, vec!["B".to_string()]);
    }

    #[test]
    fn attributes_split_series_and_survive() {
        let mut a = obs("net_migration", "2030", 1.0, &[]);
        a.status = Some(Status::Projection);
        a.revision = Some("WPP 2022".into());
        let mut b = obs("net_migration", "1990", 2.0, &[]);
        b.territory = Some("DEU_FRG".into());
        b.concept = Some("foreign_born".into());
        b.coverage = Some("1990-01-01/1990-10-02".into());
        let list = vec![obs("net_migration", "2020", 3.0, &[]), a, b];
        let (text, back) = round_trip(&list);
        assert_eq!(back, list, "{text}");
        assert_eq!(text.matches("[[series]]").count(), 3);
        assert!(text.contains("status = \"projection\""), "{text}");
    }

    #[test]
    fn bad_values_are_placed() {
        let text = "[[series]]\nindicator = \"x\"\nsource = \"s\"\nvalues = { 2019 = 1.0, 2020 = \"many\" }\n";
        let mut root = DeTable::parse(text).unwrap().into_inner();
        let err = read(root.remove(KEY).unwrap(), None).unwrap_err();
        assert_eq!(&text[err.at..err.at + 6], "\"many\"", "{err:?}");
        assert!(err.message.contains("expected f64"), "{err:?}");
        let text = "[[series]]\nindicator = \"x\"\nsource = \"s\"\nby = [\"sex\"]\nvalues = { 2019 = 1.0 }\n";
        let mut root = DeTable::parse(text).unwrap().into_inner();
        let err = read(root.remove(KEY).unwrap(), None).unwrap_err();
        assert_eq!(&text[err.at..err.at + 3], "1.0", "{err:?}");
        assert!(err.message.contains("cell sex = 2019"), "{err:?}");
    }

    #[test]
    fn places_follow_the_observations() {
        let text = "[[series]]\nindicator = \"x\"\nsource = \"s\"\nby = [\"sex\"]\n[series.values]\nM = { 2019 = 1.0 }\nF = { 2019 = 2.0, 2020 = 3.0 }\n";
        let p = places(text).unwrap();
        assert_eq!(p.observations.len(), 3);
        let last = &p.observations[2];
        assert_eq!(&text[last.value..last.value + 3], "3.0");
        assert_eq!(&text[last.period..last.period + 4], "2020");
        assert_eq!(&text[last.cells[0].1..last.cells[0].1 + 1], "F");
        let (_, at) = p.series[0].fields.iter().find(|f| f.0 == "source").unwrap();
        assert_eq!(&text[*at..*at + 3], "\"s\"");
    }
}
