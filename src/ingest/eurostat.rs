//! Eurostat importers: the bulk TSV (`eurostat_tsv`) and the legacy Data Explorer "full labels"
//! CSV (`eurostat_explorer`).
//!
//! # Bulk TSV
//! The first header cell packs the row dimensions and ends with the column dimension after a
//! backslash: legacy `indic_de,geo\time` or new-style `freq,unit,indic_de,geo\TIME_PERIOD`.
//! The other header cells are periods (descending, with trailing spaces). A cell is a value, a
//! space and optional flag letters (`2894476 e`), or `:` (missing, possibly with flags).
//! - The series is the value of the first dimension that is neither `geo` nor `freq`
//!   (`CNMIGRAT`, `JAN`...); mapping filters pin the other dimensions by code.
//! - Dimensions the filter does not pin and whose value is not a total (`T`, `TOTAL`, `_T`)
//!   become the disaggregation, except `freq` and `unit`.
//! - **Flags are kept as one string exactly as published** (`ep` stays `ep`, not `e` + `p`):
//!   b = break in series, e = estimated, p = provisional, and so on. They also set the value's
//!   status ([`super::vintage::status_from_flags`]): `f` projection, `p` provisional, `e`/`s`
//!   estimate.
//! - Territory: a geo code that the country table lists as a past territory's code for this
//!   format (`[[territory.code]]`: `DE` = Germany until 1990 former territory of the FRG) is a
//!   fallback. Where another code of the same country (`DE_TOT`, Germany as a whole) gives a
//!   value for the same indicator, period and breakdown, that one is kept; the fallback's values
//!   fill only the rest, and those of years in the past territory carry `territory` (`DEU_FRG`).
//! - Geo codes are Eurostat's (`EL`, `UK`), resolved through the country table's alt codes;
//!   aggregates (`EU28`, `EA19`, ...) are skipped unless asked for.
//! - The file holds no dataset code, so the dataset name is the file name's stem (bulk downloads
//!   are named after the dataset, `demo_gind.tsv`); detection never looks at the name.
//!
//! # Data Explorer CSV
//! Every field quoted, labels not codes: `"TIME","GEO",<dimensions>,"UNIT","Value","Flag and Footnotes"`.
//! - The series is the dataset code, recognised from the columns: `migr_asyappctza` when there is
//!   an `ASYL_APP` column, `migr_asydcfsta` when there is a `DECISION` column, otherwise the
//!   dimension names joined with `+`.
//! - Mapping filters pin dimensions by their **label** (`SEX = "Total"`). The `CITIZEN` dimension,
//!   when not pinned, becomes the `citizenship` disaggregation (ISO3 when the label resolves to a
//!   country, the label otherwise; `Total` = no disaggregation). Other unpinned dimensions whose
//!   label is not `Total` become disaggregations named after the column in lower case.
//! - Values: `"225,150"` (comma = thousands separator), `":"` missing; the flag column (`d`, `p`)
//!   is kept as published.
//! - Encoding: UTF-8 or Windows-1252 (the applicants file is Latin-1), decoded while streaming by
//!   the shared decoding reader in `encoding.rs`.
//!
//! Row accounting: a row is one data line (the TSV: one series key, every period cell of it).

use super::csvutil::{Fate, not_a_value};
use super::generic::{
    Placed, Placer, count, field, finish, malformed, mapped_provider, next_record, open_csv,
    parse_number, read_header, record, take_row, warn,
};
use super::vintage::status_from_flags;
use super::{Context, Format, Head, ImportError, Outcome, Record, reason};
use crate::catalogue::Role;
use std::collections::BTreeSet;
use std::path::Path;

const PROVIDER: &str = "eurostat";
const TOTALS: &[&str] = &["T", "TOTAL", "_T"];

pub fn sniff_tsv(head: &Head) -> Result<(), String> {
    let first = head.text.lines().next().unwrap_or("");
    let cell = first.split('\t').next().unwrap_or("");
    if first.contains('\t') && cell.contains('\\') && cell.to_ascii_lowercase().contains("geo") {
        Ok(())
    } else {
        Err("first header cell is not like `indic_de,geo\\time` followed by tabs".into())
    }
}

pub fn sniff_explorer(head: &Head) -> Result<(), String> {
    let first = head.text.lines().next().unwrap_or("");
    if first.starts_with("\"TIME\",\"GEO\"") && first.contains("\"Value\"") {
        Ok(())
    } else {
        Err("first line is not `\"TIME\",\"GEO\",...,\"Value\",...`".into())
    }
}

/// Split a TSV cell into value text and flags: `2894476 e` -> ("2894476", "e").
fn split_cell(cell: &str) -> (&str, &str) {
    let t = cell.trim();
    match t.split_once(' ') {
        Some((v, f)) => (v.trim(), f.trim()),
        None => {
            // `:e` or `12p` without the space (seen in some extractions).
            let cut = t
                .find(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
                .or_else(|| t.strip_prefix(':').map(|_| 1))
                .unwrap_or(t.len());
            let (v, f) = t.split_at(cut);
            (v.trim(), f.trim())
        }
    }
}

pub fn import_tsv(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let provider = mapped_provider(ctx, Format::EurostatTsv, PROVIDER);
    let mut out = Outcome::new(Format::EurostatTsv, &provider, "");
    if let Some(stem) = path.file_stem() {
        out.dataset = stem.to_string_lossy().into_owned();
    }
    let mut rdr = open_csv(path, b'\t')?;
    let mut rec = csv::StringRecord::new();
    let Some(hline) = next_record(&mut rdr, &mut rec, path)? else {
        return Err(malformed(path, 1, "the file is empty"));
    };
    let first = field(&rec, 0);
    let Some((dims, _coldim)) = first.split_once('\\') else {
        return Err(malformed(path, hline, "first header cell has no `\\`"));
    };
    let dims: Vec<String> = dims.split(',').map(|d| d.trim().to_string()).collect();
    let Some(geo) = dims.iter().position(|d| d.eq_ignore_ascii_case("geo")) else {
        return Err(malformed(
            path,
            hline,
            "no geo dimension in the first header cell",
        ));
    };
    let series_dim = dims
        .iter()
        .position(|d| !d.eq_ignore_ascii_case("geo") && !d.eq_ignore_ascii_case("freq"));
    let periods: Vec<String> = rec.iter().skip(1).map(|p| p.trim().to_string()).collect();
    let maps: Vec<(String, crate::catalogue::Mapping)> = ctx
        .catalogue
        .mappings_for_format(Format::EurostatTsv.id())
        .map(|(i, m)| (i.id.clone(), m.clone()))
        .collect();
    let mut placer = Placer::default();
    let mut fallbacks: Vec<Record> = Vec::new();
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        let keys: Vec<&str> = field(&rec, 0).split(',').map(str::trim).collect();
        if keys.len() != dims.len() {
            warn(
                &mut out,
                line,
                format!(
                    "row key has {} parts, the header names {} dimensions",
                    keys.len(),
                    dims.len()
                ),
            );
            out.drop_row(reason::MALFORMED);
            continue;
        }
        if rec.len() != periods.len() + 1 {
            warn(
                &mut out,
                line,
                format!("{} fields, the header has {}", rec.len(), periods.len() + 1),
            );
        }
        let series = series_dim.and_then(|i| keys.get(i)).copied().unwrap_or("");
        let matching: Vec<&(String, crate::catalogue::Mapping)> = maps
            .iter()
            .filter(|(_, m)| {
                m.series == series
                    && m.filter.iter().all(|(k, v)| {
                        dims.iter()
                            .zip(&keys)
                            .any(|(d, x)| d.eq_ignore_ascii_case(k) && x.eq_ignore_ascii_case(v))
                    })
            })
            .collect();
        if matching.is_empty() {
            count(&mut out.unmapped_series, series);
            out.drop_row(reason::NOT_IN_CATALOGUE);
            continue;
        }
        let geo_code = keys.get(geo).copied().unwrap_or("");
        let country = match placer.place_why(ctx, &mut out, geo_code) {
            Ok(c) => c,
            Err(why) => {
                out.drop_row(why);
                continue;
            }
        };
        let mut fate = Fate::default();
        // A code that stands for a past territory in some years (`DE`: the former FRG until
        // 1990) is the fallback for its country: used only where no other code (`DE_TOT`)
        // gives the same value.
        let fallback = ctx
            .countries
            .has_territory_code(Format::EurostatTsv.id(), geo_code);
        for (cell, period) in rec.iter().skip(1).zip(&periods) {
            let (v, flags) = split_cell(cell);
            if v.is_empty() || v == ":" {
                fate.because(reason::MISSING);
                continue;
            }
            let Some(value) = parse_number(v) else {
                warn(&mut out, line, format!("{period}: {}", not_a_value(cell)));
                fate.because(reason::MALFORMED);
                continue;
            };
            fate.gave();
            for (ind, m) in &matching {
                let mut r = record(&country, ind, period, value * m.scale.unwrap_or(1.0));
                r.observation.concept = m.concept.clone();
                for (i, (d, x)) in dims.iter().zip(&keys).enumerate() {
                    let pinned = m.filter.keys().any(|k| k.eq_ignore_ascii_case(d));
                    let skip = i == geo
                        || Some(i) == series_dim
                        || d.eq_ignore_ascii_case("freq")
                        || d.eq_ignore_ascii_case("unit")
                        || TOTALS.iter().any(|t| t.eq_ignore_ascii_case(x));
                    if !pinned && !skip {
                        r.observation
                            .disaggregation
                            .insert(d.to_ascii_lowercase(), x.to_string());
                    }
                }
                if !flags.is_empty() {
                    r.observation.flags = vec![flags.to_string()];
                    r.observation.status = status_from_flags(&r.observation.flags);
                }
                if fallback {
                    r.observation.territory = period
                        .trim()
                        .parse::<i32>()
                        .ok()
                        .and_then(|y| {
                            ctx.countries
                                .territory_for(Format::EurostatTsv.id(), geo_code, y)
                        })
                        .map(|t| t.id.clone());
                    fallbacks.push(r);
                } else {
                    out.records.push(r);
                }
            }
        }
        fate.settle(&mut out);
    }
    prefer_present_territory(&mut out, fallbacks);
    finish(ctx, &mut out);
    Ok(out)
}

/// Add the values of fallback codes (`DE`) only where no preferred code (`DE_TOT`) gave the
/// same country, indicator, period and breakdown; say in the notes how many were used and how
/// many carry a past territory.
fn prefer_present_territory(out: &mut Outcome, fallbacks: Vec<Record>) {
    if fallbacks.is_empty() {
        return;
    }
    let have: BTreeSet<_> = out
        .records
        .iter()
        .map(|r| (r.country.clone(), r.observation.key()))
        .collect();
    let (mut used, mut past, mut replaced) = (0usize, 0usize, 0usize);
    for r in fallbacks {
        if have.contains(&(r.country.clone(), r.observation.key())) {
            replaced += 1;
            continue;
        }
        used += 1;
        if r.observation.territory.is_some() {
            past += 1;
        }
        out.records.push(r);
    }
    super::csvutil::add_note(
        out,
        &format!(
            "{replaced} values of a code that also means a past territory (Eurostat DE: the former FRG until 1990) were left out for the whole-country code (DE_TOT); {used} used where it has none, {past} of them marked with their past territory"
        ),
    );
}

pub fn import_explorer(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let provider = mapped_provider(ctx, Format::EurostatExplorer, PROVIDER);
    let mut out = Outcome::new(Format::EurostatExplorer, &provider, "");
    let mut rdr = open_csv(path, b',')?;
    let mut rec = csv::StringRecord::new();
    let (hline, header) = read_header(&mut rdr, &mut rec, path, |s| s.trim().to_string())?;
    let find = |n: &str| header.iter().position(|h| h.eq_ignore_ascii_case(n));
    let (Some(tc), Some(gc), Some(vc)) = (find("TIME"), find("GEO"), find("Value")) else {
        return Err(malformed(
            path,
            hline,
            "expected columns TIME, GEO and Value",
        ));
    };
    let fc = find("Flag and Footnotes");
    let citizen_col = find("CITIZEN");
    let dims: Vec<usize> = (0..header.len())
        .filter(|&i| i != tc && i != gc && i != vc && Some(i) != fc)
        .collect();
    let series = if find("ASYL_APP").is_some() {
        "migr_asyappctza".to_string()
    } else if find("DECISION").is_some() {
        "migr_asydcfsta".to_string()
    } else {
        dims.iter()
            .filter_map(|&i| header.get(i).map(String::as_str))
            .collect::<Vec<_>>()
            .join("+")
    };
    out.dataset = series.clone();
    let maps: Vec<(String, crate::catalogue::Mapping)> = ctx
        .catalogue
        .mappings_for_format(Format::EurostatExplorer.id())
        .filter(|(_, m)| m.series == series)
        .map(|(i, m)| (i.id.clone(), m.clone()))
        .collect();
    let mut placer = Placer::default();
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if !take_row(&mut out, line, &rec, header.len()) {
            continue;
        }
        if maps.is_empty() {
            count(&mut out.unmapped_series, &series);
            out.drop_row(reason::NOT_IN_CATALOGUE);
            continue;
        }
        let matching: Vec<&(String, crate::catalogue::Mapping)> = maps
            .iter()
            .filter(|(_, m)| {
                m.filter.iter().all(|(k, v)| {
                    dims.iter().any(|&i| {
                        header.get(i).is_some_and(|h| h.eq_ignore_ascii_case(k))
                            && field(&rec, i).trim() == v
                    })
                })
            })
            .collect();
        if matching.is_empty() {
            // The series is mapped, but not this breakdown (another ASYL_APP, SEX, AGE...).
            out.drop_row(reason::NOT_IN_CATALOGUE);
            continue;
        }
        let raw = field(&rec, vc).trim();
        if raw.is_empty() || raw == ":" {
            out.drop_row(reason::MISSING);
            continue;
        }
        let Some(value) = parse_number(&raw.replace(',', "")) else {
            warn(&mut out, line, format!("Value {}", not_a_value(raw)));
            out.drop_row(reason::MALFORMED);
            continue;
        };
        let mut fate = Fate::default();
        let flag = fc.map(|i| field(&rec, i).trim()).unwrap_or("");
        let period = field(&rec, tc).trim();
        let geo = field(&rec, gc).trim();
        let citizen = citizen_col.map(|i| field(&rec, i).trim());
        'maps: for (ind, m) in matching {
            let origin_role = m.role == Some(Role::Origin);
            let mut disagg = std::collections::BTreeMap::new();
            let country = if origin_role {
                // The profile country is the citizenship; GEO (the reporting country, or an
                // aggregate such as the EU) becomes the destination.
                let Some(cit) = citizen else {
                    fate.because(reason::NOT_IN_CATALOGUE);
                    continue;
                };
                if cit.eq_ignore_ascii_case("Total") {
                    fate.because(reason::AGGREGATE);
                    continue;
                }
                let c = match placer.place_why(ctx, &mut out, cit) {
                    Ok(c) => c,
                    Err(why) => {
                        fate.because(why);
                        continue;
                    }
                };
                match placer.lookup(ctx, geo) {
                    Placed::Country(iso) | Placed::Aggregate(iso) => {
                        disagg.insert("destination".to_string(), iso);
                    }
                    Placed::Unknown => {
                        count(&mut out.unmapped_countries, geo);
                        fate.because(reason::UNKNOWN_COUNTRY);
                        continue;
                    }
                }
                c
            } else {
                let c = match placer.place_why(ctx, &mut out, geo) {
                    Ok(c) => c,
                    Err(why) => {
                        fate.because(why);
                        continue;
                    }
                };
                if let Some(cit) = citizen
                    && !cit.eq_ignore_ascii_case("Total")
                    && !m.filter.keys().any(|k| k.eq_ignore_ascii_case("CITIZEN"))
                {
                    match placer.lookup(ctx, cit) {
                        Placed::Country(iso) => {
                            disagg.insert("citizenship".to_string(), iso);
                        }
                        // Groups of citizenships (Extra-EU, stateless, unknown) are not a
                        // breakdown by country: left out, counted.
                        _ => {
                            count(&mut out.unmapped_countries, &format!("citizenship: {cit}"));
                            fate.because(reason::AGGREGATE);
                            continue;
                        }
                    }
                }
                c
            };
            for &i in &dims {
                let name = header.get(i).map_or("", String::as_str);
                let label = field(&rec, i).trim();
                if m.filter.keys().any(|k| k.eq_ignore_ascii_case(name))
                    || name.eq_ignore_ascii_case("UNIT")
                    || name.eq_ignore_ascii_case("CITIZEN")
                    || label.eq_ignore_ascii_case("Total")
                {
                    continue;
                }
                if label.is_empty() {
                    fate.because(reason::MALFORMED);
                    continue 'maps;
                }
                disagg.insert(name.to_ascii_lowercase(), label.to_string());
            }
            let mut r = record(&country, ind, period, value * m.scale.unwrap_or(1.0));
            r.observation.disaggregation = disagg;
            r.observation.concept = m.concept.clone();
            if !flag.is_empty() {
                r.observation.flags = vec![flag.to_string()];
                r.observation.status = status_from_flags(&r.observation.flags);
            }
            out.records.push(r);
            fate.gave();
        }
        fate.settle(&mut out);
    }
    finish(ctx, &mut out);
    Ok(out)
}
