//! IOM Missing Migrants Project incident CSV (`missing_migrants`), aggregated to country-year.
//!
//! The file has one row per incident (UTF-8 with a BOM, CRLF, no final newline in the 2019
//! export). Newer exports (`Main ID`, `Incident Year`, `Number of Dead`, `Total Number of Dead and
//! Missing`, `Country of Incident`, `Location of Incident`) are read too: their column names are
//! mapped to the 2019 names the catalogue uses (only a hand-made fixture of that layout is
//! tested; no real newer file was available). The importer sums each mapped column (`Total Dead and Missing`, `Number Dead`,
//! `Minimum Estimated Number of Missing`, ...) per country and `Reported Year` (or
//! `Incident year` in newer exports). Empty cells are unknown and add nothing; a country-year
//! gets a value only when at least one incident has one.
//!
//! **Country.** Newer exports have a `Country of Incident` column. The 2019 export has none: the
//! country is then the last comma-separated part of `Location Description` when it resolves to a
//! country through the country table (`"Morelos Dam, ..., Baja California, Mexico"` -> MEX).
//! Incidents that cannot be placed that way (at sea, "Unknown", a region name) are counted in
//! `unmapped_countries` under `"<Region of Incident> (no country)"`, so nothing is silently lost.
//!
//! **Source quality.** Each value's footnote gives the number of incidents summed and the minimum
//! and mean `Source Quality` (1 = one unverified source ... 5 = official/multiple verified) of
//! those incidents, e.g. `12 incidents; Source Quality min 1, mean 2.8 (1-5)`.

use super::generic::{
    Placed, Placer, col, count, field, finish, malformed, mapped_provider, next_record, open_csv,
    parse_number, read_header, record, take_row, warn,
};
use super::{Context, Format, Head, ImportError, Outcome};
use std::collections::BTreeMap;
use std::path::Path;

/// Column names of newer exports -> the 2019 names the catalogue maps.
const ALIASES: &[(&str, &str)] = &[
    ("Total Number of Dead and Missing", "Total Dead and Missing"),
    ("Number of Dead", "Number Dead"),
    ("Incident Year", "Reported Year"),
    ("Location of Incident", "Location Description"),
];

fn canonical(h: &str) -> String {
    let h = h.trim();
    ALIASES
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(h))
        .map_or_else(|| h.to_string(), |(_, c)| c.to_string())
}

pub fn sniff(head: &Head) -> Result<(), String> {
    let first = head.text.lines().next().unwrap_or("");
    let has_id = first.contains("Web ID") || first.contains("Main ID");
    let has_total = first.contains("Total Dead and Missing")
        || first.contains("Total Number of Dead and Missing");
    let has_year =
        first.contains("Reported Year") || first.to_ascii_lowercase().contains("incident year");
    if has_id && has_total && has_year {
        Ok(())
    } else {
        Err("no `Web ID|Main ID,...,Total [Number of] Dead and Missing` incident header".into())
    }
}

#[derive(Default)]
struct CountryYear {
    sums: BTreeMap<usize, f64>,
    incidents: usize,
    quality: Vec<f64>,
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let provider = mapped_provider(ctx, Format::MissingMigrants, "iom_missing_migrants");
    let mut out = Outcome::new(
        Format::MissingMigrants,
        &provider,
        "Missing Migrants Project incidents",
    );
    let mut rdr = open_csv(path, b',')?;
    let mut rec = csv::StringRecord::new();
    let (hline, header) = read_header(&mut rdr, &mut rec, path, canonical)?;
    let yc = col(&header, "Reported Year")
        .ok_or_else(|| malformed(path, hline, "no Reported Year / Incident Year column"))?;
    let cc = col(&header, "Country of Incident").or_else(|| col(&header, "Country"));
    let lc = col(&header, "Location Description").or_else(|| col(&header, "Location of Incident"));
    let rc = col(&header, "Region of Incident").or_else(|| col(&header, "Region"));
    let qc = col(&header, "Source Quality");
    if cc.is_none() && lc.is_none() {
        return Err(malformed(path, hline, "no country or location column"));
    }
    // Mapped columns: column index -> [(indicator, scale)].
    let mut mapped: BTreeMap<usize, Vec<(String, f64)>> = BTreeMap::new();
    for (ind, m) in ctx
        .catalogue
        .mappings_for_format(Format::MissingMigrants.id())
    {
        if let Some(i) = col(&header, &m.series) {
            mapped
                .entry(i)
                .or_default()
                .push((ind.id.clone(), m.scale.unwrap_or(1.0)));
        }
    }
    // Count columns that no mapping takes, to list them as unmapped series.
    let unmapped_cols: Vec<usize> = [
        "Total Dead and Missing",
        "Number Dead",
        "Minimum Estimated Number of Missing",
    ]
    .iter()
    .filter_map(|n| col(&header, n))
    .filter(|i| !mapped.contains_key(i))
    .collect();
    let mut placer = Placer::default();
    let mut acc: BTreeMap<(String, String), CountryYear> = BTreeMap::new();
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if !take_row(&mut out, line, &rec, header.len()) {
            continue;
        }
        let year = field(&rec, yc).trim();
        if year.parse::<i32>().is_err() {
            warn(&mut out, line, format!("not a year: {year:?}"));
            continue;
        }
        for &i in &unmapped_cols {
            if !field(&rec, i).trim().is_empty() {
                count(
                    &mut out.unmapped_series,
                    header.get(i).map_or("", String::as_str),
                );
            }
        }
        let country = match cc {
            Some(c) => placer.place(ctx, &mut out, field(&rec, c)),
            None => {
                let loc = lc.map(|c| field(&rec, c)).unwrap_or("");
                let last = loc.rsplit(',').next().unwrap_or("").trim();
                match placer.lookup(ctx, last) {
                    Placed::Country(iso) => match ctx.country {
                        Some(w) if !w.eq_ignore_ascii_case(&iso) => None,
                        _ => Some(iso),
                    },
                    _ => {
                        let region = rc.map(|c| field(&rec, c).trim()).unwrap_or("");
                        count(
                            &mut out.unmapped_countries,
                            &format!("{region} (no country)"),
                        );
                        None
                    }
                }
            }
        };
        let Some(country) = country else { continue };
        let cy = acc.entry((country, year.to_string())).or_default();
        cy.incidents += 1;
        if let Some(q) = qc.and_then(|c| parse_number(field(&rec, c))) {
            cy.quality.push(q);
        }
        for &i in mapped.keys() {
            let raw = field(&rec, i).trim();
            if raw.is_empty() {
                continue;
            }
            match parse_number(raw) {
                Some(v) => *cy.sums.entry(i).or_insert(0.0) += v,
                None => warn(
                    &mut out,
                    line,
                    format!(
                        "{}: not a number: {raw:?}",
                        header.get(i).map_or("", String::as_str)
                    ),
                ),
            }
        }
    }
    for ((country, year), cy) in acc {
        let note = if cy.quality.is_empty() {
            format!("{} incidents; Source Quality not given", cy.incidents)
        } else {
            let min = cy.quality.iter().copied().fold(f64::INFINITY, f64::min);
            let mean = cy.quality.iter().sum::<f64>() / cy.quality.len() as f64;
            format!(
                "{} incidents; Source Quality min {min}, mean {mean:.1} (1-5)",
                cy.incidents
            )
        };
        for (i, sum) in cy.sums {
            for (ind, scale) in mapped.get(&i).into_iter().flatten() {
                let mut r = record(&country, ind, &year, sum * scale);
                r.observation.footnote = Some(note.clone());
                out.records.push(r);
            }
        }
    }
    finish(ctx, &mut out);
    Ok(out)
}
