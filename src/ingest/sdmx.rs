//! SDMX-CSV importer (`sdmx_csv`): SDMX-CSV 1.0 (`DATAFLOW` first column, codes only, as
//! ILOSTAT and Eurostat's `DATAFLOW,LAST UPDATE,freq,...,OBS_VALUE,OBS_FLAG` export it) and
//! SDMX-CSV 2.0 (`STRUCTURE,STRUCTURE_ID,[STRUCTURE_NAME,]ACTION,...`), including the
//! "with labels" variants: a code column followed by its label column (OECD Data Explorer), or
//! `CODE: Label` cells.
//!
//! - The country is the `REF_AREA` / `geo` / `COUNTRY` column, resolved through the country table.
//! - The series is the `MEASURE` code, else `INDICATOR`, else the first `indic_*` dimension, else
//!   the dataflow id (`ESTAT:MIGR_IMM1CTZ(1.0)` -> `MIGR_IMM1CTZ`).
//! - A catalogue mapping matches on the series and its `filter` (dimension code -> value code,
//!   column names compared case-insensitively). Dimensions the filter does not pin and whose value
//!   is not a total code (`_T`, `_Z`, `T`, `TOTAL`) become the disaggregation (dimension name in
//!   lower case), except frequency and unit.
//! - `OBS_STATUS` / `OBS_FLAG` become flags as published, except the OBS_STATUS `A` (normal value),
//!   which is dropped. They also set the status: `E`/`e` estimate, `P`/`p` provisional, `F`/`f`
//!   projection (forecast). `NOTE_*` / `COMMENT_*` attributes become the footnote.
//! - `UNIT_MULT` is applied (value x 10^UNIT_MULT); the outcome's notes say on how many values.
//! - Rows with `ACTION` `D` (delete) are skipped.
//!
//! Row accounting: a row is one data line (one observation); `ACTION` `D` rows are counted as
//! deletions.

use super::generic::{
    Placer, count, field, finish, malformed, next_record, open_csv, parse_number, record, warn,
};
use super::{Context, Format, Head, ImportError, Outcome, reason};
use std::collections::BTreeMap;
use std::path::Path;

fn first_line(head: &Head) -> &str {
    head.text.lines().next().unwrap_or("")
}

pub fn sniff(head: &Head) -> Result<(), String> {
    let l = first_line(head);
    let first = l.split(',').next().unwrap_or("").trim_matches('"');
    let first = first.split(':').next().unwrap_or("");
    if (first == "DATAFLOW" || first == "STRUCTURE") && l.contains("OBS_VALUE") {
        Ok(())
    } else {
        Err("first header cell is not DATAFLOW/STRUCTURE with an OBS_VALUE column".into())
    }
}

const META: &[&str] = &[
    "STRUCTURE",
    "STRUCTURE_ID",
    "STRUCTURE_NAME",
    "ACTION",
    "DATAFLOW",
    "LAST UPDATE",
];
const TOTALS: &[&str] = &["_T", "_Z", "T", "TOTAL"];
const NOT_DISAGG: &[&str] = &[
    // ILOSTAT's attributes: the survey a value comes from (`BA:1133`), the unit's kind.
    "SOURCE",
    "UNIT_MEASURE_TYPE",
    "FREQ",
    "UNIT_MEASURE",
    "UNIT",
    "DECIMALS",
    "UNIT_MULT",
    "BASE_PER",
    "CONF_STATUS",
    "OBS_CONF",
    "SOURCE",
];

fn is_code_like(h: &str) -> bool {
    !h.is_empty()
        && (h
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
            || h.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.' || b == b'\\'
            }))
}

/// The code part of a `CODE: Label` cell.
fn code_of(s: &str) -> &str {
    match s.split_once(": ") {
        Some((c, _)) if is_code_like(c.trim()) => c.trim(),
        _ => s.trim(),
    }
}

fn provider_of(agency: &str) -> &'static str {
    let a = agency.to_ascii_uppercase();
    if a.starts_with("OECD.ELS.IMD") {
        "oecd_imd"
    } else if a.starts_with("OECD") {
        "oecd"
    } else if a.starts_with("ESTAT") || a.starts_with("EUROSTAT") {
        "eurostat"
    } else if a.starts_with("ILO") {
        "ilostat"
    } else if a.starts_with("UNESCO") || a.starts_with("UIS") {
        "unesco_uis"
    } else if a.starts_with("IMF") {
        "imf_bop"
    } else if a.starts_with("UNICEF") {
        "unicef"
    } else if a.starts_with("UNSD") || a.starts_with("UN") {
        "un_sdg_database"
    } else {
        "sdmx"
    }
}

/// Split `AGENCY:ID(VERSION)` into (agency, id).
fn split_flow(s: &str) -> (String, String) {
    let s = code_of(s);
    let (agency, rest) = s.split_once(':').unwrap_or(("", s));
    let id = rest.split('(').next().unwrap_or(rest);
    (agency.to_string(), id.to_string())
}

/// A catalogue mapping of this format with what its indicator may be broken down by.
struct Mapped {
    indicator: String,
    breakdowns: Vec<String>,
    mapping: crate::catalogue::Mapping,
}

/// The filter value that means "the reporting country itself" (ISTAT's Italian citizens
/// registering from abroad are returning citizens).
const REPORTER: &str = "@reporter";

/// Does the row's dimension values pass the mapping's filter? (`@reporter` is checked once the
/// country is known, in [`breakdown`].)
fn selects(m: &crate::catalogue::Mapping, dimv: &[(&str, &str)]) -> bool {
    m.filter.iter().all(|(k, v)| {
        dimv.iter()
            .any(|(n, x)| n.eq_ignore_ascii_case(k) && (v == REPORTER || x.eq_ignore_ascii_case(v)))
    })
}

/// `SERIES (dim=code, ...)`: the dimensions by which a row of a mapped series missed the
/// mapping's selection, for the import summary.
fn unselected(series: &str, m: &crate::catalogue::Mapping, dimv: &[(&str, &str)]) -> String {
    let off: Vec<String> = m
        .filter
        .iter()
        .filter(|(_, v)| v.as_str() != REPORTER)
        .filter_map(|(k, v)| {
            dimv.iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(k))
                .filter(|(_, x)| !x.eq_ignore_ascii_case(v))
                .map(|(n, x)| format!("{n}={x}"))
        })
        .collect();
    if off.is_empty() {
        series.to_string()
    } else {
        format!("{series} ({})", off.join(", "))
    }
}

/// The disaggregation a partner-country dimension becomes, by its name across providers.
fn partner_dim(name: &str) -> Option<&'static str> {
    match name.to_ascii_uppercase().as_str() {
        "CITIZENSHIP" | "CITIZEN" | "NATIONALITY" => Some("citizenship"),
        "COUNTRY_PREV_RESID" | "PARTNER" | "C_PREV" | "COUNTRY_ORIGIN" | "ORIGIN" => Some("origin"),
        "COUNTRY_NEXT_RESID" | "C_NEXT" | "COUNTRY_DEST" | "DESTINATION" => Some("destination"),
        "BIRTH_PLACE" | "C_BIRTH" | "COUNTRY_BIRTH" => Some("birth"),
        _ => None,
    }
}

/// A sex code as migprof stores it (`M`, `F`); `None` for the total.
fn sex_code(v: &str) -> Option<&str> {
    match v.to_ascii_uppercase().as_str() {
        "M" | "1" | "MALE" | "SEX_M" => Some("M"),
        "F" | "2" | "FEMALE" | "SEX_F" => Some("F"),
        "T" | "_T" | "9" | "TOTAL" | "_Z" | "SEX_T" => None,
        _ => Some(v),
    }
}

/// An SDMX age code as a range (`Y_LT15` -> `0-14`, `Y_UN17` -> `0-17`, `Y15-64` -> `15-64`,
/// `Y_GE65` -> `65+`); other codes as published.
fn age_code(v: &str) -> String {
    let u = v.to_ascii_uppercase();
    let num = |s: &str| s.parse::<u32>().ok();
    if let Some(n) = u.strip_prefix("Y_LT").and_then(num)
        && n > 0
    {
        return format!("0-{}", n - 1);
    }
    if let Some(n) = u.strip_prefix("Y_UN").and_then(num) {
        return format!("0-{n}");
    }
    if let Some(n) = u.strip_prefix("Y_GE").and_then(num) {
        return format!("{n}+");
    }
    if let Some(rest) = u.strip_prefix('Y') {
        if let Some((a, b)) = rest.split_once('-')
            && let (Some(a), Some(b)) = (num(a), num(b))
        {
            return format!("{a}-{b}");
        }
        if let Some(n) = num(rest) {
            return n.to_string();
        }
    }
    v.to_string()
}

/// The breakdown one mapping reads from a row, or why it reads nothing (a [`reason`]).
///
/// Dimensions the filter pins, frequency and unit are not breakdowns; total codes (`_T`,
/// `TOTAL`, the mapping's `totals`) give none. Partner-country dimensions (citizenship, country
/// of previous or next residence) are resolved to ISO3 codes: the world is their total, other
/// aggregates are left out, and so is the reporting country itself. Sex becomes `M`/`F`, ages
/// become ranges. A breakdown the indicator does not have refuses the row.
fn breakdown(
    ctx: &Context,
    partners: &mut Placer,
    m: &Mapped,
    dimv: &[(&str, &str)],
    country: &str,
    origin: Option<(&str, &str)>,
) -> Result<BTreeMap<String, String>, &'static str> {
    use super::generic::Placed;
    let mut out = BTreeMap::new();
    // Role origin: the dimension naming the profiled country is not a breakdown, and the
    // reporting area is the destination (an aggregate such as the EU is not one country, and
    // its sum is not "abroad": left out).
    if let Some((_, area)) = origin {
        let value = match partners.lookup(ctx, area) {
            Placed::Country(c) if c == country => return Err(reason::OWN_COUNTRY),
            Placed::Country(c) => c,
            Placed::Aggregate(_) => return Err(reason::AGGREGATE),
            Placed::Unknown => return Err(reason::UNKNOWN_PARTNER),
        };
        if !m.breakdowns.iter().any(|b| b == "destination") {
            return Err(reason::NO_SUCH_BREAKDOWN);
        }
        out.insert("destination".to_string(), value);
    }
    for (n, v) in dimv {
        if origin.is_some_and(|(dn, _)| dn == *n) {
            continue;
        }
        let pinned = m
            .mapping
            .filter
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n));
        if let Some((_, want)) = pinned {
            if want == REPORTER {
                match partners.lookup(ctx, v) {
                    Placed::Country(c) if c == country => {}
                    _ => return Err(reason::OTHER_SELECTION),
                }
            }
            continue;
        }
        if v.is_empty() || NOT_DISAGG.iter().any(|x| x.eq_ignore_ascii_case(n)) {
            continue;
        }
        let own_total = m
            .mapping
            .totals
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, t)| t.as_str());
        if own_total.is_some_and(|t| t.eq_ignore_ascii_case(v)) {
            continue;
        }
        let is_total = TOTALS.iter().any(|t| t.eq_ignore_ascii_case(v));
        let (key, value) = if let Some(key) = partner_dim(n) {
            let value = match partners.lookup(ctx, v) {
                _ if is_total && own_total.is_none() => continue,
                Placed::Aggregate(a) if a == "WLD" && own_total.is_none() => continue,
                _ if is_total => return Err(reason::AGGREGATE),
                Placed::Country(c) if c == country => return Err(reason::OWN_COUNTRY),
                Placed::Country(c) => c,
                Placed::Aggregate(_) => return Err(reason::AGGREGATE),
                Placed::Unknown => return Err(reason::UNKNOWN_PARTNER),
            };
            (key.to_string(), value)
        } else if n.eq_ignore_ascii_case("sex") {
            match sex_code(v) {
                None => continue,
                Some(s) => ("sex".to_string(), s.to_string()),
            }
        } else if n.eq_ignore_ascii_case("age") {
            if is_total {
                continue;
            }
            ("age".to_string(), age_code(v))
        } else {
            if is_total {
                continue;
            }
            (n.to_ascii_lowercase(), v.to_string())
        };
        if !m.breakdowns.contains(&key) {
            return Err(reason::NO_SUCH_BREAKDOWN);
        }
        out.insert(key, value);
    }
    Ok(out)
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let mut out = Outcome::new(Format::SdmxCsv, "sdmx", "");
    let mut rdr = open_csv(path, b',')?;
    let mut rec = csv::StringRecord::new();
    let Some(hline) = next_record(&mut rdr, &mut rec, path)? else {
        return Err(malformed(path, 1, "the file is empty"));
    };
    let raw: Vec<String> = rec.iter().map(|s| s.trim().to_string()).collect();
    // Which columns are code columns (kept) and their code names.
    let mut cols: Vec<(usize, String)> = Vec::new();
    let mut prev_code = false;
    for (i, h) in raw.iter().enumerate() {
        let name = code_of(h).to_string();
        let meta = META.iter().any(|m| m.eq_ignore_ascii_case(&name));
        if prev_code && !meta && !is_code_like(&name) {
            prev_code = false; // label column of the previous code column
            continue;
        }
        cols.push((i, name));
        prev_code = true;
    }
    let find = |n: &str| {
        cols.iter()
            .find(|(_, c)| c.eq_ignore_ascii_case(n))
            .map(|(i, _)| *i)
    };
    let (Some(vc), Some(tc)) = (find("OBS_VALUE"), find("TIME_PERIOD")) else {
        return Err(malformed(path, hline, "no OBS_VALUE / TIME_PERIOD column"));
    };
    let geo = find("REF_AREA")
        .or_else(|| find("geo"))
        .or_else(|| find("COUNTRY"))
        .ok_or_else(|| malformed(path, hline, "no REF_AREA / geo column"))?;
    let flow_col = find("DATAFLOW").or_else(|| find("STRUCTURE_ID"));
    let action_col = find("ACTION");
    let mult_col = find("UNIT_MULT");
    let flag_cols: Vec<usize> = ["OBS_STATUS", "OBS_FLAG"]
        .iter()
        .filter_map(|n| find(n))
        .collect();
    let series_col = find("MEASURE").or_else(|| find("INDICATOR")).or_else(|| {
        cols.iter()
            .find(|(_, c)| c.to_ascii_lowercase().starts_with("indic_"))
            .map(|(i, _)| *i)
    });
    let note_cols: Vec<usize> = cols
        .iter()
        .filter(|(_, c)| {
            let u = c.to_ascii_uppercase();
            u.starts_with("NOTE_") || u.starts_with("COMMENT")
        })
        .map(|(i, _)| *i)
        .collect();
    let special: Vec<usize> = [
        Some(vc),
        Some(tc),
        Some(geo),
        flow_col,
        action_col,
        mult_col,
        series_col,
    ]
    .into_iter()
    .flatten()
    .chain(flag_cols.iter().copied())
    .chain(note_cols.iter().copied())
    .collect();
    let dims: Vec<(usize, String)> = cols
        .iter()
        .filter(|(i, c)| !special.contains(i) && !META.iter().any(|m| m.eq_ignore_ascii_case(c)))
        .cloned()
        .collect();
    let maps: Vec<Mapped> = ctx
        .catalogue
        .mappings_for_format(Format::SdmxCsv.id())
        .map(|(i, m)| Mapped {
            indicator: i.id.clone(),
            breakdowns: i.disaggregations.clone(),
            mapping: m.clone(),
        })
        .collect();
    let mut placer = Placer::default();
    let mut partners = Placer::default();
    let mut mult_applied: BTreeMap<i32, usize> = BTreeMap::new();
    let mut first = true;
    let mut provider_from_mapping = false;
    let mut dataflow: Option<String> = None;
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        if rec.len() != raw.len() {
            warn(
                &mut out,
                line,
                format!(
                    "{} fields, the header has {}; row skipped",
                    rec.len(),
                    raw.len()
                ),
            );
            out.drop_row(reason::MALFORMED);
            continue;
        }
        let flow = flow_col.map(|c| split_flow(field(&rec, c)));
        if first {
            first = false;
            if let Some((agency, id)) = &flow {
                if !provider_from_mapping {
                    out.provider = provider_of(agency).to_string();
                }
                out.dataset = id.clone();
                if let Some(name_col) = raw.iter().position(|h| h == "STRUCTURE_NAME") {
                    let n = field(&rec, name_col).trim();
                    if !n.is_empty() {
                        out.dataset = n.to_string();
                    }
                }
                dataflow = Some(code_of(flow_col.map_or("", |c| field(&rec, c))).to_string());
            }
        }
        if action_col.is_some_and(|c| code_of(field(&rec, c)).eq_ignore_ascii_case("D")) {
            out.drop_row(reason::DELETION);
            continue;
        }
        let rawv = field(&rec, vc).trim();
        if rawv.is_empty() || rawv == "NaN" {
            out.drop_row(reason::MISSING);
            continue;
        }
        let Some(mut value) = parse_number(rawv) else {
            warn(
                &mut out,
                line,
                format!("OBS_VALUE {}", super::csvutil::not_a_value(rawv)),
            );
            out.drop_row(reason::MALFORMED);
            continue;
        };
        let series = match (series_col, &flow) {
            (Some(c), _) => code_of(field(&rec, c)).to_string(),
            (None, Some((_, id))) => id.clone(),
            (None, None) => String::new(),
        };
        let dimv: Vec<(&str, &str)> = dims
            .iter()
            .map(|(i, n)| (n.as_str(), code_of(field(&rec, *i))))
            .collect();
        let same_series: Vec<&Mapped> = maps
            .iter()
            .filter(|m| m.mapping.series.eq_ignore_ascii_case(&series))
            .collect();
        let matching: Vec<&Mapped> = same_series
            .iter()
            .copied()
            .filter(|m| selects(&m.mapping, &dimv))
            .collect();
        if matching.is_empty() {
            if let Some(m) = same_series.first() {
                count(
                    &mut out.unmapped_series,
                    &unselected(&series, &m.mapping, &dimv),
                );
                out.drop_row(reason::OTHER_SELECTION);
            } else {
                count(&mut out.unmapped_series, &series);
                out.drop_row(reason::NOT_IN_CATALOGUE);
            }
            continue;
        }
        // Each matching mapping reads the row's breakdown by the meaning of its dimensions. The
        // profiled country is the reporting area (`geo`), or for a mapping of role origin the
        // citizenship / origin dimension, the reporting area then being the destination.
        let geo_code = code_of(field(&rec, geo));
        let (origin_maps, reporter_maps): (Vec<&Mapped>, Vec<&Mapped>) = matching
            .iter()
            .partition(|m| m.mapping.role == Some(crate::catalogue::Role::Origin));
        let origin_dim = dimv
            .iter()
            .find(|(n, _)| matches!(partner_dim(n), Some("citizenship" | "origin")))
            .copied();
        let mut read: Vec<(&Mapped, String, BTreeMap<String, String>)> = Vec::new();
        let mut refused = None;
        let groups = [
            (reporter_maps, Some(geo_code), None),
            (
                origin_maps,
                origin_dim.map(|(_, v)| v),
                origin_dim.map(|(n, _)| (n, geo_code)),
            ),
        ];
        for (group, cell, destination) in groups {
            if group.is_empty() {
                continue;
            }
            let placed = match (cell, destination) {
                (None, _) => Err(reason::OTHER_SELECTION),
                // The origin dimension is a partner dimension: looked up without counting (an
                // unknown code is counted once below, as an unknown partner).
                (Some(v), Some(_)) => match partners.lookup(ctx, v) {
                    _ if TOTALS.iter().any(|t| t.eq_ignore_ascii_case(v)) => Err(reason::AGGREGATE),
                    super::generic::Placed::Country(c) => match ctx.country {
                        Some(w) if !w.eq_ignore_ascii_case(&c) => Err(reason::OTHER_COUNTRY),
                        _ => Ok(c),
                    },
                    super::generic::Placed::Aggregate(_) => Err(reason::AGGREGATE),
                    super::generic::Placed::Unknown => Err(reason::UNKNOWN_PARTNER),
                },
                (Some(v), None) => placer.place_why(ctx, &mut out, v),
            };
            let country = match placed {
                Ok(c) => c,
                Err(why) => {
                    refused.get_or_insert(why);
                    continue;
                }
            };
            for m in group {
                match breakdown(ctx, &mut partners, m, &dimv, &country, destination) {
                    Ok(d) => {
                        if !read.iter().any(|(o, oc, od)| {
                            o.indicator == m.indicator && *oc == country && *od == d
                        }) {
                            read.push((m, country.clone(), d));
                        }
                    }
                    Err(why) => {
                        refused.get_or_insert(why);
                    }
                }
            }
        }
        if read.is_empty() {
            let why = refused.unwrap_or(reason::OTHER_SELECTION);
            if why == reason::UNKNOWN_PARTNER {
                for (n, v) in &dimv {
                    if partner_dim(n).is_some()
                        && partners.lookup(ctx, v) == super::generic::Placed::Unknown
                        && !TOTALS.iter().any(|t| t.eq_ignore_ascii_case(v))
                    {
                        count(&mut out.unmapped_countries, v);
                    }
                }
            }
            out.drop_row(why);
            continue;
        }
        out.used += 1;
        if let Some(c) = mult_col {
            let m = code_of(field(&rec, c));
            if !m.is_empty() {
                match m.parse::<i32>() {
                    Ok(0) => {}
                    Ok(e) if (-30..=30).contains(&e) => {
                        value *= 10f64.powi(e);
                        *mult_applied.entry(e).or_insert(0) += 1;
                    }
                    _ => warn(
                        &mut out,
                        line,
                        format!("UNIT_MULT is not a small integer: {m:?}"),
                    ),
                }
            }
        }
        let flags: Vec<String> = flag_cols
            .iter()
            .filter_map(|&c| {
                let f = code_of(field(&rec, c));
                let is_status = raw
                    .get(c)
                    .is_some_and(|h| code_of(h).eq_ignore_ascii_case("OBS_STATUS"));
                (!f.is_empty() && (!is_status || f != "A")).then(|| f.to_string())
            })
            .collect();
        let notes: Vec<&str> = note_cols
            .iter()
            .map(|&c| field(&rec, c).trim())
            .filter(|s| !s.is_empty())
            .collect();
        let period = code_of(field(&rec, tc)).to_string();
        for (m, country, disaggregation) in read {
            if !provider_from_mapping {
                // The catalogue's provider id for this series wins over the agency guess.
                out.provider = m.mapping.provider.clone();
                provider_from_mapping = true;
            }
            let scale = m.mapping.scale.unwrap_or(1.0);
            let mut r = record(&country, &m.indicator, &period, value * scale);
            r.observation.disaggregation = disaggregation;
            r.observation.concept = m.mapping.concept.clone();
            r.observation.flags = flags.clone();
            r.observation.status = super::vintage::status_from_flags(&flags);
            if !notes.is_empty() {
                r.observation.footnote = Some(notes.join(" | "));
            }
            out.records.push(r);
        }
    }
    let mut notes = Vec::new();
    if let Some(d) = dataflow.filter(|d| !d.is_empty()) {
        notes.push(format!("dataflow {d}"));
    }
    if !mult_applied.is_empty() {
        let parts: Vec<String> = mult_applied
            .iter()
            .map(|(e, n)| format!("x10^{e} on {n} values"))
            .collect();
        notes.push(format!("UNIT_MULT applied: {}", parts.join(", ")));
    }
    if !notes.is_empty() {
        out.notes = Some(notes.join("; "));
    }
    finish(ctx, &mut out);
    Ok(out)
}
