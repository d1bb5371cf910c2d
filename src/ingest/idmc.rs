//! IDMC (Internal Displacement Monitoring Centre) displacement tables:
//! - the country-year table as republished on HDX (`displacement_data.csv`): ISO3, name, year,
//!   then conflict / disaster stocks and new displacements, each as a rounded and a `(Raw)`
//!   column, with an HXL row (`#country+code`, `#date+year`, `#affected+idps+ind+stock+conflict`,
//!   `..._raw`) under the header in the HDX copy;
//! - the GIDD workbooks by event (`IDMC_GIDD_Disasters_Internal_Displacement_Data.xlsx`): one row
//!   per disaster event with ISO3, year, hazard type and the rounded and raw figures.
//!
//! Columns are found by meaning: the HXL tag where there is one, else the header's words in any
//! vintage's spelling (`Conflict Stock Displacement`, `Conflict New Displacements`, `Disaster
//! Internal Displacements (Raw)` ...). Each measure becomes a canonical series named by its HXL
//! tag: `#affected+idps+ind+stock+conflict`, `#affected+idps+ind+stock+disaster`,
//! `#affected+idps+ind+internaldisp+conflict`, `#affected+idps+ind+internaldisp+disaster`.
//! A catalogue mapping with `filter = { cause = "conflict" }` puts the value under the
//! disaggregation `cause = "conflict"`; without it the value is the indicator's total.
//!
//! IDMC publishes rounded figures and, beside them, the unrounded ones. The rounded figure is the
//! published one and is kept; the footnote says so and gives the unrounded figure. Event tables are
//! summed to the country-year (and by hazard type where the indicator has that breakdown): the sum
//! of the rounded event figures, with the footnote giving the number of events and the sum of the
//! unrounded figures (from which IDMC's own rounded country figure is made).

use super::csvutil::{Cell, SeriesIndex, add_note, head_records, parse_cell, push};
use super::hxl::{self, Tag};
use super::rows::{self, Place};
use super::table::{self, LazyPreview, Table};
use super::{Context, Format, Head, ImportError, Outcome, reason};
use crate::catalogue::{Indicator, Mapping};
use crate::model::{Observation, Period};
use calamine::Reader;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

const PROVIDER: &str = "idmc_gidd";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Stock,
    New,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Cause {
    Conflict,
    Disaster,
}

impl Cause {
    fn id(self) -> &'static str {
        match self {
            Cause::Conflict => "conflict",
            Cause::Disaster => "disaster",
        }
    }
}

/// One published measure column (rounded) and its unrounded twin.
#[derive(Debug, Clone, PartialEq)]
struct Measure {
    col: usize,
    kind: Kind,
    cause: Cause,
    raw: Option<usize>,
}

impl Measure {
    fn series(&self) -> String {
        let k = match self.kind {
            Kind::Stock => "stock",
            Kind::New => "internaldisp",
        };
        format!("#affected+idps+ind+{k}+{}", self.cause.id())
    }
}

/// The columns of an IDMC table, by meaning.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    code: Option<usize>,
    name: Option<usize>,
    year: usize,
    measures: Vec<Measure>,
    hazard: Option<usize>,
    /// Present in event tables (one row per event, summed to the country-year).
    event: Option<usize>,
    /// Index of the first data row.
    data: usize,
    /// Was the column meaning taken from an HXL row?
    hxl: bool,
}

/// What a header cell or tag says a column is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Code,
    Name,
    Year,
    Hazard,
    Event,
    Measure(Kind, Cause, bool),
}

fn role_of_tag(t: &Tag) -> Option<Role> {
    match t.hashtag.as_str() {
        "country" if t.has("code") => Some(Role::Code),
        "country" if t.has("name") => Some(Role::Name),
        "date" if t.has("year") => Some(Role::Year),
        "affected" if t.has("idps") => {
            let kind = if t.has("stock") {
                Kind::Stock
            } else if t.has("internaldisp") || t.has("newdisp") || t.has("new") {
                Kind::New
            } else {
                return None;
            };
            let raw = t.has("raw") || t.attrs.iter().any(|a| a.ends_with("_raw"));
            let cause = if t.has("conflict") || t.has("conflict_raw") {
                Cause::Conflict
            } else if t.has("disaster") || t.has("disaster_raw") {
                Cause::Disaster
            } else {
                return None;
            };
            Some(Role::Measure(kind, cause, raw))
        }
        "cause" if t.has("type") || t.has("hazard") => Some(Role::Hazard),
        "event" => Some(Role::Event),
        _ => None,
    }
}

fn role_of_header(h: &str) -> Option<Role> {
    let l = h.trim().to_lowercase();
    match l.as_str() {
        "iso3" | "iso" | "iso3 code" | "iso code" | "country code" | "code" => {
            return Some(Role::Code);
        }
        "name"
        | "country"
        | "country / territory"
        | "country/territory"
        | "country name"
        | "country or territory" => return Some(Role::Name),
        "year" => return Some(Role::Year),
        "hazard type" => return Some(Role::Hazard),
        "event name" | "event id" | "event" => return Some(Role::Event),
        _ => {}
    }
    let cause = if l.contains("conflict") {
        Cause::Conflict
    } else if l.contains("disaster") {
        Cause::Disaster
    } else {
        return None;
    };
    let kind = if l.contains("stock") || l.contains("number of idps") {
        Kind::Stock
    } else if l.contains("internal displacement") || l.contains("new displacement") {
        Kind::New
    } else {
        return None;
    };
    Some(Role::Measure(kind, cause, l.contains("raw")))
}

/// Work out the layout from the first rows of a table.
fn layout(rows: &[Vec<String>]) -> Result<Layout, String> {
    let Some(header) = rows.first() else {
        return Err("no header row".into());
    };
    let tags = hxl::find_tag_row(rows).filter(|(i, _)| *i == 1);
    if let Some((_, t)) = &tags
        && t.iter().flatten().any(|t| t.hashtag.starts_with("adm"))
    {
        return Err("an HXL table with admin units (IOM DTM), not an IDMC country table".into());
    }
    let mut l = Layout {
        code: None,
        name: None,
        year: usize::MAX,
        measures: Vec::new(),
        hazard: None,
        event: None,
        data: if tags.is_some() { 2 } else { 1 },
        hxl: tags.is_some(),
    };
    let mut raws: Vec<(usize, Kind, Cause)> = Vec::new();
    for (c, h) in header.iter().enumerate() {
        let tag = tags.as_ref().and_then(|(_, t)| t.get(c).cloned().flatten());
        let role = tag
            .as_ref()
            .and_then(role_of_tag)
            .or_else(|| role_of_header(h));
        match role {
            Some(Role::Code) => l.code = l.code.or(Some(c)),
            Some(Role::Name) => l.name = l.name.or(Some(c)),
            Some(Role::Year) if l.year == usize::MAX => l.year = c,
            Some(Role::Hazard) => l.hazard = l.hazard.or(Some(c)),
            Some(Role::Event) => l.event = l.event.or(Some(c)),
            Some(Role::Measure(kind, cause, true)) => raws.push((c, kind, cause)),
            Some(Role::Measure(kind, cause, false))
                if !l
                    .measures
                    .iter()
                    .any(|m| m.kind == kind && m.cause == cause) =>
            {
                l.measures.push(Measure {
                    col: c,
                    kind,
                    cause,
                    raw: None,
                });
            }
            _ => {}
        }
    }
    for (c, kind, cause) in raws {
        match l
            .measures
            .iter_mut()
            .find(|m| m.kind == kind && m.cause == cause)
        {
            Some(m) => m.raw = m.raw.or(Some(c)),
            // Only the unrounded figure is published: it is then the published figure.
            None => l.measures.push(Measure {
                col: c,
                kind,
                cause,
                raw: None,
            }),
        }
    }
    if l.year == usize::MAX {
        return Err("no year column (`Year` / `#date+year`)".into());
    }
    if l.code.is_none() && l.name.is_none() {
        return Err("no country column (`ISO3` / `#country+code`)".into());
    }
    if l.measures.is_empty() {
        return Err(
            "no displacement column (conflict/disaster stock or internal displacements)".into(),
        );
    }
    Ok(l)
}

/// Content sniffing: a CSV (or a workbook sheet) whose header (or HXL row) has a country, a year
/// and IDMC displacement measures.
pub fn sniff(head: &Head, book: &LazyPreview) -> Result<(), String> {
    if !head.is_zip {
        let rows = head_records(&head.text, 3);
        return layout(&rows).map(|_| ());
    }
    let mut why = Vec::new();
    for s in book.sheets() {
        match layout(&s.rows) {
            Ok(_) => return Ok(()),
            Err(e) => why.push(format!("sheet {:?}: {e}", s.name)),
        }
    }
    if why.is_empty() {
        Err("a zip file without readable sheets".into())
    } else {
        Err(why.join("; "))
    }
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let index = SeriesIndex::new(ctx, Format::Idmc.id());
    let mut out = Outcome::new(
        Format::Idmc,
        &index.provider_or(PROVIDER),
        "IDMC internal displacement",
    );
    let head = super::read_head(path)?;
    let (t, l) = if head.is_zip {
        let mut wb = table::open_workbook(path)?;
        let mut found = None;
        let mut why = Vec::new();
        for name in wb.sheet_names() {
            let t = table::read_sheet(path, &mut wb, &name)?;
            let top: Vec<Vec<String>> = t.rows.iter().take(3).cloned().collect();
            match layout(&top) {
                Ok(l) => {
                    found = Some((t, l));
                    break;
                }
                Err(e) => why.push(format!("sheet {name:?}: {e}")),
            }
        }
        readme_notes(path, &mut wb, &mut out);
        match found {
            Some(f) => f,
            None => {
                return Err(ImportError::Other {
                    path: path.display().to_string(),
                    message: format!("no IDMC table in the workbook: {}", why.join("; ")),
                });
            }
        }
    } else {
        let t = Table::from_csv(path, b',')?;
        let top: Vec<Vec<String>> = t.rows.iter().take(3).cloned().collect();
        let l = layout(&top).map_err(|e| t.error(path, 0, e))?;
        (t, l)
    };
    if l.event.is_some() {
        out.dataset = "IDMC Global Internal Displacement Database (events)".into();
    } else if l.hxl {
        out.dataset = "IDMC internal displacement, country-year (HDX)".into();
    }
    add_note(
        &mut out,
        "IDMC publishes rounded figures beside unrounded ones; the rounded (published) figure is kept.",
    );
    let maps: Vec<(&Measure, Vec<(&Indicator, &Mapping)>)> = l
        .measures
        .iter()
        .map(|m| {
            let s = m.series();
            let ms = index
                .get(&s)
                .iter()
                .filter(|(_, map)| map.filter.get("cause").is_none_or(|c| c == m.cause.id()))
                .copied()
                .collect();
            (m, ms)
        })
        .collect();
    for (m, ms) in &maps {
        if ms.is_empty() {
            *out.unmapped_series.entry(m.series()).or_insert(0) += 1;
        }
    }
    let revision = out.notes.as_deref().and_then(last_update);
    if l.event.is_some() {
        import_events(ctx, &mut out, &t, &l, &maps, revision.as_deref());
    } else {
        import_country_years(ctx, &mut out, &t, &l, &maps, revision.as_deref());
    }
    Ok(out)
}

/// The README sheet's extraction and update dates (GIDD).
fn readme_notes(
    path: &Path,
    wb: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>,
    out: &mut Outcome,
) {
    let Some(name) = wb
        .sheet_names()
        .into_iter()
        .find(|n| n.eq_ignore_ascii_case("readme"))
    else {
        return;
    };
    let Ok(t) = table::read_sheet(path, wb, &name) else {
        return;
    };
    for r in &t.rows {
        for c in r {
            let u = c.trim().to_uppercase();
            if u.starts_with("DATE EXTRACTED") || u.starts_with("LAST UPDATE") {
                add_note(out, c.trim());
            }
        }
    }
}

/// `GIDD, last update May 13, 2025` from the README's `LAST UPDATE: ...` line.
fn last_update(notes: &str) -> Option<String> {
    notes.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case("last update")
            .then(|| format!("GIDD, last update {}", v.trim()))
    })
}

/// Published value of a cell: `Ok(None)` missing, `Err(())` not a number.
fn value(t: &Table, r: usize, c: usize) -> Result<Option<f64>, ()> {
    match parse_cell(t.cell(r, c)) {
        Cell::Missing => Ok(None),
        Cell::Value(v) => Ok(Some(v)),
        Cell::Invalid => Err(()),
    }
}

fn period_of(t: &Table, r: usize, l: &Layout) -> Option<String> {
    let y = t.cell(r, l.year).trim();
    matches!(Period::parse(y), Some(Period::Year(_))).then(|| y.to_string())
}

fn country_cells<'t>(t: &'t Table, r: usize, l: &Layout) -> Vec<&'t str> {
    [l.code, l.name]
        .into_iter()
        .flatten()
        .map(|c| t.cell(r, c))
        .collect()
}

fn observation_for(ind: &Indicator, map: &Mapping, period: &str, v: f64) -> Observation {
    let mut o = super::csvutil::observation(ind, map, period, v);
    if let Some(c) = map.filter.get("cause") {
        o.disaggregation.insert("cause".into(), c.clone());
    }
    o
}

/// The country and year of a data row, or `None` with the row counted under its reason (an
/// unknown country, an aggregate, a year that is not one: with a warning naming the cell).
fn country_year(
    ctx: &Context,
    out: &mut Outcome,
    t: &Table,
    r: usize,
    l: &Layout,
) -> Option<(String, String)> {
    let cells = country_cells(t, r, l);
    let iso = match rows::place(ctx, out, &cells, false) {
        Place::Keep(c) => c,
        Place::Drop(why) => {
            out.drop_row(why);
            return None;
        }
    };
    let Some(period) = period_of(t, r, l) else {
        t.warn(
            out,
            r,
            format!("year {:?} is not a year; row skipped", t.cell(r, l.year)),
        );
        out.drop_row(reason::MALFORMED);
        return None;
    };
    Some((iso, period))
}

fn import_country_years(
    ctx: &Context,
    out: &mut Outcome,
    t: &Table,
    l: &Layout,
    maps: &[(&Measure, Vec<(&Indicator, &Mapping)>)],
    revision: Option<&str>,
) {
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for r in l.data..t.rows.len() {
        if t.is_blank(r) {
            continue;
        }
        out.rows += 1;
        let Some((iso, period)) = country_year(ctx, out, t, r, l) else {
            continue;
        };
        if !seen.insert((iso.clone(), period.clone())) {
            t.warn(
                out,
                r,
                format!("{iso} {period} repeated; the first row is kept"),
            );
            out.drop_row(reason::DUPLICATE);
            continue;
        }
        let mut gave = false;
        let mut bad = false;
        let mut mapped_any = false;
        for (m, ms) in maps {
            let v = match value(t, r, m.col) {
                Ok(Some(v)) => v,
                Ok(None) => continue,
                Err(()) => {
                    t.warn(
                        out,
                        r,
                        format!(
                            "{}: {:?} is not a number; skipped",
                            t.place(r, m.col),
                            t.cell(r, m.col)
                        ),
                    );
                    bad = true;
                    continue;
                }
            };
            if ms.is_empty() {
                continue;
            }
            mapped_any = true;
            let raw = m.raw.and_then(|c| value(t, r, c).ok().flatten());
            for (ind, map) in ms {
                let mut o = observation_for(ind, map, &period, v);
                o.footnote = Some(match raw {
                    Some(raw) if raw != v => format!(
                        "IDMC figure rounded as published; unrounded: {}",
                        fmt_num(raw)
                    ),
                    _ => "IDMC figure as published (rounded)".to_string(),
                });
                o.revision = revision.map(str::to_string);
                push(out, &iso, o);
                gave = true;
            }
        }
        let why = if bad {
            reason::MALFORMED
        } else if !mapped_any
            && maps
                .iter()
                .any(|(m, _)| matches!(value(t, r, m.col), Ok(Some(_))))
        {
            reason::NOT_IN_CATALOGUE
        } else {
            reason::MISSING
        };
        rows::settle(out, gave, why);
    }
}

/// Sums of the event rows of one country-year (and hazard).
#[derive(Debug, Default, Clone)]
struct Sum {
    rounded: f64,
    raw: f64,
    raw_complete: bool,
    events: usize,
}

fn import_events(
    ctx: &Context,
    out: &mut Outcome,
    t: &Table,
    l: &Layout,
    maps: &[(&Measure, Vec<(&Indicator, &Mapping)>)],
    revision: Option<&str>,
) {
    // (country, year, measure index, hazard or "") -> sum
    let mut sums: BTreeMap<(String, String, usize, String), Sum> = BTreeMap::new();
    for r in l.data..t.rows.len() {
        if t.is_blank(r) {
            continue;
        }
        out.rows += 1;
        let Some((iso, period)) = country_year(ctx, out, t, r, l) else {
            continue;
        };
        let hazard = l
            .hazard
            .map(|c| t.cell(r, c).trim().to_string())
            .unwrap_or_default();
        let mut gave = false;
        let mut bad = false;
        let mut unmapped = false;
        for (i, (m, ms)) in maps.iter().enumerate() {
            let v = match value(t, r, m.col) {
                Ok(Some(v)) => v,
                Ok(None) => continue,
                Err(()) => {
                    t.warn(
                        out,
                        r,
                        format!(
                            "{}: {:?} is not a number; skipped",
                            t.place(r, m.col),
                            t.cell(r, m.col)
                        ),
                    );
                    bad = true;
                    continue;
                }
            };
            if ms.is_empty() {
                unmapped = true;
                continue;
            }
            let raw = m.raw.map(|c| value(t, r, c).ok().flatten());
            let mut add = |h: String| {
                let s = sums
                    .entry((iso.clone(), period.clone(), i, h))
                    .or_insert_with(|| Sum {
                        raw_complete: true,
                        ..Sum::default()
                    });
                s.rounded += v;
                s.events += 1;
                match raw {
                    Some(Some(x)) => s.raw += x,
                    _ => s.raw_complete = false,
                }
            };
            add(String::new());
            if !hazard.is_empty() {
                add(hazard.clone());
            }
            gave = true;
        }
        let why = if bad {
            reason::MALFORMED
        } else if unmapped {
            reason::NOT_IN_CATALOGUE
        } else {
            reason::MISSING
        };
        rows::settle(out, gave, why);
    }
    for ((iso, period, i, hazard), s) in sums {
        let Some((_, ms)) = maps.get(i) else { continue };
        for (ind, map) in ms {
            let by_hazard = !hazard.is_empty();
            if by_hazard
                && (map.filter.contains_key("cause")
                    || !ind.disaggregations.iter().any(|d| d == "hazard"))
            {
                continue;
            }
            let mut o = observation_for(ind, map, &period, s.rounded);
            if by_hazard {
                o.disaggregation.insert("hazard".into(), hazard.clone());
            }
            o.footnote = Some(match (s.events, s.raw_complete) {
                (1, true) if s.raw != s.rounded => format!(
                    "1 event of the IDMC GIDD, rounded as published; unrounded: {}",
                    fmt_num(s.raw)
                ),
                (1, _) => "1 event of the IDMC GIDD, as published (rounded)".to_string(),
                (n, true) => format!(
                    "Sum of {n} events of the IDMC GIDD, each rounded as published; the unrounded event figures sum to {}",
                    fmt_num(s.raw)
                ),
                (n, false) => {
                    format!("Sum of {n} events of the IDMC GIDD, each rounded as published")
                }
            });
            o.revision = revision.map(str::to_string);
            push(out, &iso, o);
        }
    }
}

/// A number as the provider wrote it (no `.0` on whole numbers).
fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn layout_by_hxl_whatever_the_header() {
        let l = layout(&rows(&[
            &["A", "B", "C", "D", "E"],
            &[
                "#country+code",
                "#country+name",
                "#date+year",
                "#affected+idps+ind+stock+conflict",
                "#affected+idps+ind+stock+conflict_raw",
            ],
        ]))
        .unwrap();
        assert_eq!((l.code, l.year, l.data, l.hxl), (Some(0), 2, 2, true));
        assert_eq!(l.measures.len(), 1);
        assert_eq!(l.measures[0].raw, Some(4));
        assert_eq!(l.measures[0].series(), "#affected+idps+ind+stock+conflict");
    }

    #[test]
    fn older_hxl_spelling_of_new_displacements() {
        let l = layout(&rows(&[
            &["ISO3", "Year", "Conflict New Displacements"],
            &[
                "#country+code",
                "#date+year",
                "#affected+idps+ind+newdisp+conflict",
            ],
        ]))
        .unwrap();
        assert_eq!(l.measures.len(), 1);
        assert_eq!(
            l.measures[0].series(),
            "#affected+idps+ind+internaldisp+conflict"
        );
    }

    #[test]
    fn layout_by_header_of_an_older_vintage() {
        let l = layout(&rows(&[&[
            "ISO3",
            "Name",
            "Year",
            "Conflict Stock Displacement",
            "Conflict New Displacements",
            "Disaster New Displacements",
        ]]))
        .unwrap();
        assert!(!l.hxl);
        let kinds: Vec<(Kind, Cause)> = l.measures.iter().map(|m| (m.kind, m.cause)).collect();
        assert_eq!(
            kinds,
            vec![
                (Kind::Stock, Cause::Conflict),
                (Kind::New, Cause::Conflict),
                (Kind::New, Cause::Disaster)
            ]
        );
        assert!(layout(&rows(&[&["ISO3", "Year", "Population"]])).is_err());
        assert!(layout(&[]).is_err());
    }

    #[test]
    fn update_date_becomes_the_revision() {
        assert_eq!(
            last_update("DATE EXTRACTED: November 03, 2025\nLAST UPDATE: May 13, 2025").as_deref(),
            Some("GIDD, last update May 13, 2025")
        );
    }
}
