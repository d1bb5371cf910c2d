//! IOM Displacement Tracking Matrix (DTM) location tables as published on HDX (baseline
//! assessments / mobility tracking: one row per assessed location, `.xlsx` or CSV), with an HXL
//! row under the header: `#date+reported`, `#country+code`, `#meta+round`, `#adm1+name`,
//! `#adm1+code`, ..., `#affected+idps+ind`.
//!
//! Columns are found by their HXL tags whatever the header says (the Nigeria round 38 file has
//! tags that do not line up with the header for the LGA and ward columns, so nothing below admin
//! level 1 is read by header name); without an HXL row, by the header's words (`Snapshot date`,
//! `Country Code`, `State of Displacement` / `Admin 1`, `Estimated Number of IDP`).
//!
//! Values: the IDP count of each location (`#affected+idps+ind`, not the household count nor the
//! by-reason columns). They are summed to the country and to each admin-1 unit for the snapshot
//! month: `idps_stock` total, `admin1 = "<name as published>"` cells, and national `cause` cells
//! from the by-reason counts where the HXL row tags them (`#affected+idps+ind+cause+conflict+
//! insurgency` -> `cause = "conflict: insurgency"`; the reasons partition each location's count in
//! the Nigeria round 38 file). The sums cover the
//! assessed locations only; the footnote says so and names the round, the snapshot date, the
//! number of locations and the admin-1 units covered.

use super::csvutil::{Cell, SeriesIndex, add_note, head_records, parse_cell, push};
use super::hxl::{self, Tag};
use super::rows::{self, Place};
use super::table::{self, LazyPreview, Table};
use super::{Context, Format, Head, ImportError, Outcome, reason};
use crate::catalogue::{Indicator, Mapping};
use calamine::Reader;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const PROVIDER: &str = "iom_dtm";

/// The canonical series of the IDP count (its HXL tag).
pub const SERIES: &str = "#affected+idps+ind";

#[derive(Debug, Clone, PartialEq)]
struct Layout {
    date: Option<usize>,
    code: Option<usize>,
    name: Option<usize>,
    round: Option<usize>,
    adm1_name: Option<usize>,
    adm1_code: Option<usize>,
    value: usize,
    /// By-reason IDP counts (HXL `#affected+idps+ind+cause+...`): (column, cause as named).
    causes: Vec<(usize, String)>,
    data: usize,
}

/// The cause of a by-reason IDP count tag: `conflict: insurgency`, `disaster`, `other`.
fn cause_of(t: &Tag) -> Option<String> {
    if !(t.hashtag == "affected" && t.has("idps") && t.has("ind") && t.has("cause")) || t.has("hh")
    {
        return None;
    }
    if t.has("disaster") {
        return Some("disaster".into());
    }
    if t.has("other") {
        return Some("other".into());
    }
    if t.has("conflict") {
        let sub: Vec<&str> = t
            .attrs
            .iter()
            .map(String::as_str)
            .filter(|a| !matches!(*a, "idps" | "ind" | "cause" | "conflict"))
            .collect();
        return Some(if sub.is_empty() {
            "conflict".into()
        } else {
            format!("conflict: {}", sub.join(" "))
        });
    }
    None
}

/// Is this tag the plain IDP count of individuals (not households, not by cause)?
fn is_idp_count(t: &Tag) -> bool {
    t.hashtag == "affected"
        && t.has("idps")
        && t.has("ind")
        && !t.attrs.iter().any(|a| {
            matches!(
                a.as_str(),
                "hh" | "cause" | "stock" | "internaldisp" | "newdisp" | "new" | "returnees"
            )
        })
}

fn layout(rows: &[Vec<String>]) -> Result<Layout, String> {
    let Some(header) = rows.first() else {
        return Err("no header row".into());
    };
    if let Some((i, tags)) = hxl::find_tag_row(rows) {
        let col = |p: &str| hxl::column(&tags, p);
        let value = tags
            .iter()
            .position(|t| t.as_ref().is_some_and(is_idp_count))
            .ok_or("an HXL row without an `#affected+idps+ind` column")?;
        let adm1_name = col("#adm1+name").or_else(|| col("#adm1-code-origin"));
        let adm1_code = col("#adm1+code").or_else(|| col("#adm1+pcode"));
        if adm1_name.is_none() && adm1_code.is_none() {
            return Err("an HXL row without `#adm1` columns (not a DTM location table)".into());
        }
        return Ok(Layout {
            date: col("#date+reported").or_else(|| col("#date")),
            code: col("#country+code"),
            name: col("#country+name"),
            round: col("#meta+round"),
            adm1_name,
            adm1_code,
            value,
            causes: tags
                .iter()
                .enumerate()
                .filter_map(|(c, t)| t.as_ref().and_then(cause_of).map(|k| (c, k)))
                .collect(),
            data: i + 1,
        });
    }
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
    };
    let value = find(&[
        "estimated number of idp",
        "estimated number of idps",
        "number of idps",
        "idps (individuals)",
        "total idps",
        "idp individuals",
    ])
    .ok_or("no IDP count column (`Estimated Number of IDP`) and no HXL row")?;
    let adm1_name = find(&[
        "state of displacement",
        "admin 1",
        "admin1",
        "admin1name",
        "state",
    ]);
    let adm1_code = find(&["state pcode", "admin 1 pcode", "admin1pcode"]);
    if adm1_name.is_none() && adm1_code.is_none() {
        return Err("no admin-1 column (`State of Displacement`, `Admin 1`)".into());
    }
    Ok(Layout {
        date: find(&["snapshot date", "reporting date", "date"]),
        code: find(&["country code", "iso3", "admin0pcode"]),
        name: find(&["country", "admin0name"]),
        round: find(&["round", "round number"]),
        adm1_name,
        adm1_code,
        value,
        causes: Vec::new(),
        data: 1,
    })
}

pub fn sniff(head: &Head, book: &LazyPreview) -> Result<(), String> {
    if !head.is_zip {
        return layout(&head_records(&head.text, 3)).map(|_| ());
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

/// `2021-07` from `2021-07-30` (ISO date, as the workbook's dates are read) or `30/07/2021`.
fn month_of(date: &str) -> Option<String> {
    let d = date.trim();
    let b = d.as_bytes();
    if b.len() >= 7 && b[4] == b'-' && d[..4].bytes().all(|c| c.is_ascii_digit()) {
        let m: u8 = d.get(5..7)?.parse().ok()?;
        return (1..=12).contains(&m).then(|| format!("{}-{m:02}", &d[..4]));
    }
    let parts: Vec<&str> = d.split('/').collect();
    if let [_, m, y] = parts.as_slice()
        && y.len() == 4
    {
        let m: u8 = m.parse().ok()?;
        return (1..=12).contains(&m).then(|| format!("{y}-{m:02}"));
    }
    None
}

#[derive(Debug, Default)]
struct Sum {
    value: f64,
    locations: usize,
    dates: BTreeSet<String>,
    rounds: BTreeSet<String>,
    units: BTreeSet<String>,
    pcode: BTreeSet<String>,
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let index = SeriesIndex::new(ctx, Format::IomDtm.id());
    let mut out = Outcome::new(
        Format::IomDtm,
        &index.provider_or(PROVIDER),
        "IOM Displacement Tracking Matrix",
    );
    let head = super::read_head(path)?;
    let (t, l) = if head.is_zip {
        let mut wb = table::open_workbook(path)?;
        let mut found = None;
        let mut why = Vec::new();
        for name in wb.sheet_names() {
            let t = table::read_sheet(path, &mut wb, &name)?;
            let top: Vec<Vec<String>> = t.rows.iter().take(hxl::SEARCH_ROWS).cloned().collect();
            match layout(&top) {
                Ok(l) => {
                    out.dataset = format!("IOM DTM: {name}");
                    found = Some((t, l));
                    break;
                }
                Err(e) => why.push(format!("sheet {name:?}: {e}")),
            }
        }
        found.ok_or_else(|| ImportError::Other {
            path: path.display().to_string(),
            message: format!("no DTM location table in the workbook: {}", why.join("; ")),
        })?
    } else {
        let t = Table::from_csv(path, b',')?;
        let top: Vec<Vec<String>> = t.rows.iter().take(hxl::SEARCH_ROWS).cloned().collect();
        let l = layout(&top).map_err(|e| t.error(path, 0, e))?;
        (t, l)
    };
    let maps = index.get(SERIES);
    if maps.is_empty() {
        *out.unmapped_series.entry(SERIES.to_string()).or_insert(0) += 1;
    }
    // (country, month, dimension or "" for the total, its value) -> sum
    let mut sums: BTreeMap<(String, String, &str, String), Sum> = BTreeMap::new();
    for r in l.data..t.rows.len() {
        if t.is_blank(r) {
            continue;
        }
        out.rows += 1;
        let cells: Vec<&str> = [l.code, l.name]
            .into_iter()
            .flatten()
            .map(|c| t.cell(r, c))
            .collect();
        let iso = match rows::place(ctx, &mut out, &cells, false) {
            Place::Keep(c) => c,
            Place::Drop(why) => {
                out.drop_row(why);
                continue;
            }
        };
        let date = l
            .date
            .map(|c| t.cell(r, c).trim().to_string())
            .unwrap_or_default();
        let Some(month) = month_of(&date) else {
            t.warn(
                &mut out,
                r,
                format!("snapshot date {date:?} is not a date; row skipped"),
            );
            out.drop_row(reason::MALFORMED);
            continue;
        };
        let Some(v) = t.number(&mut out, r, l.value) else {
            continue;
        };
        if maps.is_empty() {
            out.drop_row(reason::NOT_IN_CATALOGUE);
            continue;
        }
        let unit = l
            .adm1_name
            .or(l.adm1_code)
            .map(|c| t.cell(r, c).trim().to_string())
            .unwrap_or_default();
        let pcode = l.adm1_code.map(|c| t.cell(r, c).trim().to_string());
        let round = l.round.map(|c| t.cell(r, c).trim().to_string());
        let mut add = |dim: &'static str, key: String, v: f64| {
            let s = sums
                .entry((iso.clone(), month.clone(), dim, key))
                .or_default();
            s.value += v;
            s.locations += 1;
            s.dates.insert(date.clone());
            s.rounds.extend(round.clone().filter(|x| !x.is_empty()));
            if !unit.is_empty() {
                s.units.insert(unit.clone());
            }
            s.pcode.extend(pcode.clone().filter(|x| !x.is_empty()));
        };
        add("", String::new(), v);
        if !unit.is_empty() {
            add("admin1", unit.clone(), v);
        }
        // National figures by reason (the reasons partition the location's count).
        for (c, cause) in &l.causes {
            if let Cell::Value(x) = parse_cell(t.cell(r, *c)) {
                add("cause", cause.clone(), x);
            }
        }
        out.used += 1;
    }
    let rounds: BTreeSet<String> = sums.values().flat_map(|s| s.rounds.clone()).collect();
    if !rounds.is_empty() {
        add_note(
            &mut out,
            &format!(
                "DTM round {}",
                rounds.into_iter().collect::<Vec<_>>().join(", ")
            ),
        );
    }
    for ((iso, month, dim, key), s) in &sums {
        for (ind, m) in maps {
            push(&mut out, iso, observation(ind, m, month, (dim, key), s));
        }
    }
    Ok(out)
}

fn observation(
    ind: &Indicator,
    m: &Mapping,
    month: &str,
    (dim, key): (&str, &str),
    s: &Sum,
) -> crate::model::Observation {
    let mut o = super::csvutil::observation(ind, m, month, s.value);
    let round = if s.rounds.is_empty() {
        String::new()
    } else {
        format!(
            " of round {}",
            s.rounds.iter().cloned().collect::<Vec<_>>().join(", ")
        )
    };
    let dates = s.dates.iter().cloned().collect::<Vec<_>>().join(", ");
    let places = if s.locations == 1 {
        "1 assessed location".to_string()
    } else {
        format!("{} assessed locations", s.locations)
    };
    let note = match dim {
        "" => format!(
            "Sum of the IDP counts of {places}{round} (snapshot {dates}); covers the assessed admin-1 units only: {}",
            s.units.iter().cloned().collect::<Vec<_>>().join(", ")
        ),
        "admin1" => {
            let pcode = if s.pcode.is_empty() {
                String::new()
            } else {
                format!(
                    ", pcode {}",
                    s.pcode.iter().cloned().collect::<Vec<_>>().join(", ")
                )
            };
            format!("Sum of the IDP counts of {places}{round} (snapshot {dates}{pcode})")
        }
        _ => format!(
            "Sum of the IDP counts by reason for displacement of {places}{round} (snapshot {dates})"
        ),
    };
    if !dim.is_empty() {
        o.disaggregation.insert(dim.to_string(), key.to_string());
    }
    o.footnote = Some(note);
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_from_dates() {
        assert_eq!(month_of("2021-07-30").as_deref(), Some("2021-07"));
        assert_eq!(month_of("30/07/2021").as_deref(), Some("2021-07"));
        assert_eq!(month_of("2021-13-01"), None);
        assert_eq!(month_of("R38"), None);
        assert_eq!(month_of(""), None);
    }
}
