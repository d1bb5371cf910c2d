//! UNESCO Institute for Statistics (UIS) data exports: the current Data Browser / API layout
//! `indicatorId,geoUnit,year,value,qualifier,magnitude` and the older BDDS bulk layout
//! `INDICATOR_ID,COUNTRY_ID,YEAR,VALUE,MAGNITUDE,QUALIFIER`, found by column meaning.
//!
//! Series = the indicator code (`26637` inbound mobile students, `MENF.5T8` net flow,
//! `OE.MOD.5T8.40510` outbound). The indicator list exported beside the data (`indicators.csv`
//! with `indicatorId,name,...,lastDataUpdateDescription`, or a BDDS `*_LABEL.csv`) names the codes
//! in the notes and gives the data release as the revision.
//!
//! Qualifiers `UIS_EST` and `NAT_EST` are kept as flags and mark the value an estimate. Magnitude
//! `NIL` (nil, published as 0) is kept as 0 with the flag; `NA` (not applicable, published as 0) is
//! a missing-value marker and gives no value. Regional geoUnits (`"ECE: Eastern Europe, ...
//! (UNSDCode:98202)"`) are aggregates.

use super::csvutil::{SeriesIndex, add_note, head_records, push};
use super::rows::{self, Place};
use super::table::Table;
use super::{Context, Format, Head, ImportError, Outcome, reason};
use crate::model::{Period, Status};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

const PROVIDER: &str = "unesco_uis";

#[derive(Debug, Clone, PartialEq)]
struct Layout {
    indicator: usize,
    geo: usize,
    year: usize,
    value: usize,
    qualifier: Option<usize>,
    magnitude: Option<usize>,
}

fn layout(header: &[String]) -> Result<Layout, String> {
    let find = |names: &[&str]| {
        header.iter().position(|h| {
            let h = h.trim().to_lowercase().replace(['_', ' '], "");
            names.contains(&h.as_str())
        })
    };
    let geo = find(&["geounit", "countryid", "geounitid"]);
    let indicator = find(&["indicatorid"]);
    let (Some(geo), Some(indicator)) = (geo, indicator) else {
        return Err(
            "no `indicatorId` and `geoUnit` (or `INDICATOR_ID`, `COUNTRY_ID`) columns".into(),
        );
    };
    let (Some(year), Some(value)) = (find(&["year"]), find(&["value"])) else {
        return Err("no `year` and `value` columns".into());
    };
    Ok(Layout {
        indicator,
        geo,
        year,
        value,
        qualifier: find(&["qualifier"]),
        magnitude: find(&["magnitude"]),
    })
}

pub fn sniff(head: &Head) -> Result<(), String> {
    if head.is_zip {
        return Err("a zip file, not a UIS CSV".into());
    }
    let rows = head_records(&head.text, 1);
    let header = rows.first().ok_or("empty")?;
    layout(header).map(|_| ())
}

/// Names and releases of the indicators, from the list exported beside the data.
#[derive(Debug, Default)]
struct IndicatorList {
    names: BTreeMap<String, String>,
    release: BTreeMap<String, String>,
}

fn indicator_list(path: &Path) -> IndicatorList {
    let mut list = IndicatorList::default();
    let Some(dir) = path.parent() else {
        return list;
    };
    let mut candidates = vec![dir.join("indicators.csv")];
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut labels: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.to_uppercase().ends_with("_LABEL.CSV"))
            })
            .collect();
        labels.sort();
        candidates.extend(labels);
    }
    for p in candidates {
        if p == path {
            continue;
        }
        let Ok(t) = Table::from_csv(&p, b',') else {
            continue;
        };
        let Some(h) = t.rows.first() else { continue };
        let col = |names: &[&str]| {
            h.iter().position(|x| {
                let x = x.trim().to_lowercase().replace('_', "");
                names.contains(&x.as_str())
            })
        };
        let (Some(id), Some(name)) = (
            col(&["indicatorid"]),
            col(&["name", "indicatorlabelen", "indicatorlabel"]),
        ) else {
            continue;
        };
        let rel = col(&["lastdataupdatedescription"]);
        for r in t.rows.iter().skip(1) {
            let Some(code) = r.get(id).map(|s| s.trim().to_string()) else {
                continue;
            };
            if let Some(n) = r.get(name) {
                list.names.insert(code.clone(), n.trim().to_string());
            }
            if let Some(v) = rel.and_then(|c| r.get(c)).filter(|v| !v.trim().is_empty()) {
                list.release.insert(code, v.trim().to_string());
            }
        }
    }
    list
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let index = SeriesIndex::new(ctx, Format::Uis.id());
    let mut out = Outcome::new(
        Format::Uis,
        &index.provider_or(PROVIDER),
        "UNESCO UIS education statistics",
    );
    let t = Table::from_csv(path, b',')?;
    let header = t.rows.first().cloned().unwrap_or_default();
    let l = layout(&header).map_err(|e| t.error(path, 0, e))?;
    let list = indicator_list(path);
    let mut noted: HashSet<String> = HashSet::new();
    let mut seen: HashSet<(String, String, String)> = HashSet::new();
    for r in 1..t.rows.len() {
        if t.is_blank(r) {
            continue;
        }
        out.rows += 1;
        let code = t.cell(r, l.indicator).trim().to_string();
        let maps = index.get(&code);
        if maps.is_empty() {
            *out.unmapped_series.entry(code).or_insert(0) += 1;
            out.drop_row(reason::NOT_IN_CATALOGUE);
            continue;
        }
        let geo = t.cell(r, l.geo).trim();
        // National geoUnits are ISO3 codes; regional ones are longer ids (`CECC-SICA`,
        // `"ECE: ... (UNSDCode:98202)"`).
        let regional = geo.contains(':')
            || geo.contains("UNSDCode")
            || (geo.len() != 3 && ctx.countries.resolve(geo).is_none());
        let iso = match rows::place(ctx, &mut out, &[geo], regional) {
            Place::Keep(c) => c,
            Place::Drop(why) => {
                out.drop_row(why);
                continue;
            }
        };
        let year = t.cell(r, l.year).trim().to_string();
        if Period::parse(&year).is_none() {
            t.warn(
                &mut out,
                r,
                format!("year {year:?} is not a period; row skipped"),
            );
            out.drop_row(reason::MALFORMED);
            continue;
        }
        let magnitude = l
            .magnitude
            .map(|c| t.cell(r, c).trim().to_string())
            .unwrap_or_default();
        if magnitude.eq_ignore_ascii_case("NA") {
            out.drop_row(reason::MISSING);
            continue;
        }
        let Some(v) = t.number(&mut out, r, l.value) else {
            continue;
        };
        if !seen.insert((code.clone(), iso.clone(), year.clone())) {
            t.warn(
                &mut out,
                r,
                format!("{code} {iso} {year} repeated; the first row is kept"),
            );
            out.drop_row(reason::DUPLICATE);
            continue;
        }
        let qualifier = l
            .qualifier
            .map(|c| t.cell(r, c).trim().to_string())
            .unwrap_or_default();
        if noted.insert(code.clone())
            && let Some(n) = list.names.get(&code)
        {
            add_note(&mut out, &format!("{code}: {n}"));
        }
        for (ind, m) in maps {
            let mut o = super::csvutil::observation(ind, m, &year, v);
            for f in [&qualifier, &magnitude] {
                if !f.is_empty() {
                    o.flags.push(f.clone());
                }
            }
            if qualifier.ends_with("_EST") {
                o.status = Some(Status::Estimate);
            }
            o.revision = list.release.get(&code).map(|r| format!("UIS {r}"));
            push(&mut out, &iso, o);
        }
        out.used += 1;
    }
    Ok(out)
}
