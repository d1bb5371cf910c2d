//! DataBank exports of bilateral (corridor) databases: one row per sending country x series x
//! receiving country, one column per period (`2011Q1 [YR2011Q1]`, `2012S1 [YR2012S1]`,
//! `2015 [YR2015]`). The World Bank's Remittance Prices Worldwide (Corridors) database is one:
//! `Sending Countries Name,Sending Countries Code,Series Name,Series Code,Receiving Countries
//! Name,Receiving Countries Code,...`.
//!
//! Columns are found by meaning: two country-code columns, the one whose name speaks of sending
//! (`Sending`, `Source`, `From`, `Origin`) and the one of receiving (`Receiving`, `Destination`,
//! `To`), however the export spaces or words them; periods are any `LABEL [YRLABEL]` column
//! whose label is a year, half-year, quarter or month.
//!
//! Roles: the money flows from the sending to the receiving country. A mapping with role
//! `destination` (the profiled country is where migrants live and send from) reads the rows
//! whose sending country is the profile's, with the receiving country as the `destination`
//! breakdown; role `origin` (the profiled country is the migrants' home, receiving) reads the
//! rows whose receiving country is the profile's, with the sending country as `origin`.
//!
//! Row accounting: a row is one data line (a corridor x series, all its period cells); it is
//! used when any cell gave a value for some role, else dropped for its first reason.

use super::csvutil::{
    self, Cell, Fate, SeriesIndex, add_note, count_unmapped_series, field, malformed, not_a_value,
    observation, parse_cell, push, warn,
};
use super::{Context, Format, ImportError, Outcome, reason};
use crate::catalogue::Role;
use crate::country::Resolved;
use std::path::Path;

/// Which end of the corridor a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Sending,
    Receiving,
}

fn words(h: &str) -> String {
    h.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// The corridor end of a country-code column (`Sending Countries Code`).
fn end_of(h: &str) -> Option<End> {
    let w = words(h);
    if !(w.ends_with(" code") && (w.contains("countr") || w.contains("economy"))) {
        return None;
    }
    let first = w.split(' ').next().unwrap_or("");
    match first {
        "sending" | "source" | "from" | "origin" | "sender" => Some(End::Sending),
        "receiving" | "destination" | "to" | "recipient" | "receiver" => Some(End::Receiving),
        _ => None,
    }
}

/// `2011Q1 [YR2011Q1]` -> `2011Q1` when the label is a period.
pub fn period_column(h: &str) -> Option<&str> {
    let (label, rest) = h.trim().split_once(' ')?;
    let inner = rest.trim().strip_prefix("[YR")?.strip_suffix(']')?;
    (inner == label && crate::model::Period::parse(label).is_some()).then_some(label)
}

/// Is this header a bilateral DataBank export?
pub fn is_corridor_header(h: &[String]) -> bool {
    let ends: Vec<End> = h.iter().filter_map(|c| end_of(c)).collect();
    ends.contains(&End::Sending)
        && ends.contains(&End::Receiving)
        && h.iter().any(|c| words(c) == "series code")
        && h.iter().any(|c| period_column(c).is_some())
}

/// Resolve one end's code: the ISO3 code, or why the row cannot be placed there.
fn place(ctx: &Context, out: &mut Outcome, code: &str) -> Result<String, &'static str> {
    match ctx.countries.resolve(code) {
        Some(Resolved::Country(c)) => Ok(c.iso3.clone()),
        Some(Resolved::Aggregate(_)) => Err(reason::AGGREGATE),
        None => {
            *out.unmapped_countries
                .entry(code.trim().to_string())
                .or_insert(0) += 1;
            Err(reason::UNKNOWN_COUNTRY)
        }
    }
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let series_index = SeriesIndex::new(ctx, Format::DataBank.id());
    let mut out = Outcome::new(
        Format::DataBank,
        &series_index.provider_or("world_bank_wdi"),
        "DataBank corridors",
    );
    let mut rdr = csvutil::open_csv(path, b',')?;
    let mut rec = csv::ByteRecord::new();
    let Some(_) = rdr.next(&mut rec)? else {
        return Err(malformed(path, 1, "the file is empty"));
    };
    let h: Vec<String> = rec
        .iter()
        .map(|f| super::encoding::decode_field(f).into_owned())
        .collect();
    let col = |want: End| h.iter().position(|c| end_of(c) == Some(want));
    let (Some(sc), Some(rc), Some(series_col)) = (
        col(End::Sending),
        col(End::Receiving),
        h.iter().position(|c| words(c) == "series code"),
    ) else {
        return Err(malformed(
            path,
            1,
            "expected sending and receiving country-code columns and a \"Series Code\" column",
        ));
    };
    let periods: Vec<(usize, String)> = h
        .iter()
        .enumerate()
        .filter_map(|(i, c)| period_column(c).map(|p| (i, p.to_string())))
        .collect();
    let mut in_footer = false;
    let mut provider_set = false;
    while let Some(line) = rdr.next(&mut rec)? {
        if csvutil::is_blank(&rec) {
            continue;
        }
        let first = field(&rec, 0).trim().to_string();
        if first.starts_with("Data from database:") || first.starts_with("Last Updated:") {
            in_footer = true;
            add_note(&mut out, &first);
            continue;
        }
        if in_footer && rec.len() <= 2 {
            add_note(&mut out, &first);
            continue;
        }
        out.rows += 1;
        let series = field(&rec, series_col).trim().to_string();
        let maps = series_index.get(&series);
        if maps.is_empty() {
            count_unmapped_series(&mut out, &series);
            out.drop_row(reason::NOT_IN_CATALOGUE);
            continue;
        }
        if !provider_set {
            // The catalogue's provider of the first mapped series names the export.
            out.provider = maps[0].1.provider.clone();
            provider_set = true;
        }
        let (send, recv) = (field(&rec, sc), field(&rec, rc));
        let ends = (place(ctx, &mut out, &send), place(ctx, &mut out, &recv));
        let (send, recv) = match ends {
            (Ok(s), Ok(r)) => (s, r),
            (Err(why), _) | (_, Err(why)) => {
                out.drop_row(why);
                continue;
            }
        };
        // Who the row is about, per role, after the context's country filter.
        let wanted = |c: &str| ctx.country.is_none_or(|w| w.eq_ignore_ascii_case(c));
        let mut fate = Fate::default();
        for (col, period) in &periods {
            let raw = field(&rec, *col);
            let v = match parse_cell(&raw) {
                Cell::Missing => {
                    fate.because(reason::MISSING);
                    continue;
                }
                Cell::Invalid => {
                    warn(
                        &mut out,
                        line,
                        format!("column {period}: {}; skipped", not_a_value(&raw)),
                    );
                    fate.because(reason::MALFORMED);
                    continue;
                }
                Cell::Value(v) => v,
            };
            let mut any = false;
            for (ind, m) in maps {
                let (country, key, partner) = match m.role {
                    Some(Role::Origin) => (&recv, "origin", &send),
                    _ => (&send, "destination", &recv),
                };
                if !wanted(country) {
                    continue;
                }
                let mut o = observation(ind, m, period, v);
                if ind.disaggregations.iter().any(|d| d == key) {
                    o.disaggregation.insert(key.to_string(), partner.clone());
                }
                push(&mut out, country, o);
                any = true;
            }
            if any {
                fate.gave();
            } else {
                fate.because(reason::OTHER_COUNTRY);
            }
        }
        fate.settle(&mut out);
    }
    if let Some(db) = out.notes.as_deref().and_then(|n| {
        n.lines()
            .find_map(|l| l.strip_prefix("Data from database:"))
            .map(|d| d.trim().to_string())
    }) {
        out.dataset = db;
    }
    Ok(out)
}
