//! KNOMAD / World Bank bilateral migration matrix (`bilateral_migration_matrix_2021_latest.xlsx`):
//! one sheet, a title row (`Bilateral Estimates of Migrant Stocks in 2021`), a corner cell
//! `Destination country (across) - Source country (down)` followed by the destination names,
//! then one row per origin, with the residual groups `Other North`, `Other South` and the `World`
//! totals as the last rows and columns, then citation notes. Empty cells mean no estimate; `…` is
//! a missing-value marker.
//!
//! Both directions come from one matrix (statistical-soundness rule 1):
//! - the **column** of a country = the migrants living in it, by origin: a mapping with
//!   `role = "destination"` (imm_stock, `origin` breakdown; the `World` row is the total);
//! - the **row** of a country = its emigrants, by destination: `role = "origin"` (emi_stock,
//!   `destination` breakdown; the `World` column is the total).
//!
//! The orientation is read from the corner cell (which axis is "across"), the year from the title.
//! Partners are ISO3 codes where the name is a country, else the name as published. Row
//! accounting counts matrix cells: each cell is one published value.

use super::csvutil::{SeriesIndex, add_note, push};
use super::rows::{self, Place};
use super::table::{self, LazyPreview, Table};
use super::{Context, Format, Head, ImportError, Outcome, reason};
use crate::catalogue::{Indicator, Mapping, Role};
use calamine::Reader;
use std::collections::BTreeSet;
use std::path::Path;

const PROVIDER: &str = "world_bank_knomad";

/// Does a corner cell describe a bilateral matrix? `Some(true)` when destinations run across.
fn corner(text: &str) -> Option<bool> {
    let l = text.to_lowercase();
    let has_dest = l.contains("destination");
    let has_orig = l.contains("source") || l.contains("origin");
    if !(has_dest && has_orig && (l.contains("across") || l.contains("down"))) {
        return None;
    }
    // The part that says "(across)" names the column axis.
    let across = l.find("across")?;
    let dest = l.find("destination")?;
    let orig = l.find("source").or_else(|| l.find("origin"))?;
    // Whichever axis word is nearest before "across" runs across.
    let before = |p: usize| p < across;
    Some(match (before(dest), before(orig)) {
        (true, true) => dest > orig,
        (true, false) => true,
        (false, true) => false,
        (false, false) => true,
    })
}

/// Find the corner cell among the first rows: (row, destinations across?).
fn find_corner(rows: &[Vec<String>]) -> Option<(usize, bool)> {
    rows.iter()
        .take(table::PREVIEW_ROWS)
        .enumerate()
        .find_map(|(i, r)| r.first().and_then(|c| corner(c)).map(|a| (i, a)))
}

pub fn sniff(head: &Head, book: &LazyPreview) -> Result<(), String> {
    if !head.is_zip {
        return Err("not an xlsx workbook".into());
    }
    if book.sheets().iter().any(|s| find_corner(&s.rows).is_some()) {
        Ok(())
    } else {
        Err(
            "no sheet with a `Destination country (across) - Source country (down)` corner cell"
                .into(),
        )
    }
}

/// The year of the estimates: the last 4-digit year in the rows above the corner, else in the
/// sheet name.
fn year_of(t: &Table, corner_row: usize) -> Option<String> {
    let texts = (0..corner_row)
        .flat_map(|r| t.rows.get(r).into_iter().flatten())
        .map(String::as_str)
        .chain(t.sheet.as_deref());
    let mut found = None;
    for s in texts {
        for w in s.split(|c: char| !c.is_ascii_digit()) {
            if w.len() == 4
                && let Ok(y) = w.parse::<i32>()
                && (1950..=2100).contains(&y)
            {
                found = Some(w.to_string());
            }
        }
        if found.is_some() {
            break;
        }
    }
    found
}

fn is_total(name: &str) -> bool {
    name.trim().eq_ignore_ascii_case("world")
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let index = SeriesIndex::new(ctx, Format::KnomadMatrix.id());
    let mut out = Outcome::new(
        Format::KnomadMatrix,
        &index.provider_or(PROVIDER),
        "KNOMAD/World Bank Bilateral Migration Matrix",
    );
    let mut wb = table::open_workbook(path)?;
    let mut found = None;
    for name in wb.sheet_names() {
        let t = table::read_sheet(path, &mut wb, &name)?;
        if let Some(c) = find_corner(&t.rows) {
            found = Some((t, c));
            break;
        }
    }
    let Some((t, (hr, dest_across))) = found else {
        return Err(ImportError::Other {
            path: path.display().to_string(),
            message:
                "no sheet with a `Destination country (across) - Source country (down)` corner cell"
                    .into(),
        });
    };
    let Some(period) = year_of(&t, hr) else {
        return Err(t.error(path, hr, "no year in the title rows or the sheet name"));
    };
    if let Some(title) = (0..hr).map(|r| t.cell(r, 0).trim()).find(|s| !s.is_empty()) {
        out.dataset = title.to_string();
    }
    let revision = format!("KNOMAD bilateral matrix {period}");
    // Mappings by role.
    let mut imm: Vec<(&Indicator, &Mapping)> = Vec::new();
    let mut emi: Vec<(&Indicator, &Mapping)> = Vec::new();
    for (ind, m) in ctx.catalogue.mappings_for_format(Format::KnomadMatrix.id()) {
        match m.role {
            Some(Role::Destination) => imm.push((ind, m)),
            Some(Role::Origin) => emi.push((ind, m)),
            _ => {
                *out.unmapped_series.entry(m.series.clone()).or_insert(0) += 1;
            }
        }
    }
    // Labels of the columns (from the corner row) and of the rows (column A below it).
    let cols: Vec<(usize, String)> = t
        .rows
        .get(hr)
        .map(|r| {
            r.iter()
                .enumerate()
                .skip(1)
                .filter(|(_, s)| !s.trim().is_empty())
                .map(|(i, s)| (i, s.trim().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let mut data_rows: Vec<(usize, String)> = Vec::new();
    let mut end = t.rows.len();
    for r in hr + 1..t.rows.len() {
        let name = t.cell(r, 0).trim();
        if name.is_empty() {
            end = r;
            break;
        }
        data_rows.push((r, name.to_string()));
    }
    // Footer notes (citation, sources).
    let notes: BTreeSet<String> = (end..t.rows.len())
        .map(|r| t.cell(r, 0).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    for n in &notes {
        add_note(&mut out, n);
    }
    // (origin label, destination label) for each cell.
    for (r, row_name) in &data_rows {
        for (c, col_name) in &cols {
            out.rows += 1;
            let (origin, dest) = if dest_across {
                (row_name.as_str(), col_name.as_str())
            } else {
                (col_name.as_str(), row_name.as_str())
            };
            let Some(v) = t.number(&mut out, *r, *c) else {
                continue;
            };
            let mut gave = false;
            let mut why = reason::AGGREGATE;
            // Emigrants: the row (origin) is the profiled country.
            if !is_total(origin) {
                match side(ctx, &mut out, origin) {
                    Place::Keep(iso) => {
                        for (ind, m) in &emi {
                            let mut o = super::csvutil::observation(ind, m, &period, v);
                            if !is_total(dest) {
                                o.disaggregation
                                    .insert("destination".into(), rows::partner(ctx, dest));
                            }
                            o.revision = Some(revision.clone());
                            push(&mut out, &iso, o);
                            gave = true;
                        }
                    }
                    Place::Drop(w) => why = w,
                }
            }
            // Immigrants: the column (destination) is the profiled country.
            if !is_total(dest) {
                match side(ctx, &mut out, dest) {
                    Place::Keep(iso) => {
                        for (ind, m) in &imm {
                            let mut o = super::csvutil::observation(ind, m, &period, v);
                            if !is_total(origin) {
                                o.disaggregation
                                    .insert("origin".into(), rows::partner(ctx, origin));
                            }
                            o.revision = Some(revision.clone());
                            push(&mut out, &iso, o);
                            gave = true;
                        }
                    }
                    Place::Drop(w) => {
                        if why != reason::OTHER_COUNTRY {
                            why = w;
                        }
                    }
                }
            }
            if !gave && emi.is_empty() && imm.is_empty() {
                why = reason::NOT_IN_CATALOGUE;
            }
            rows::settle(&mut out, gave, why);
        }
    }
    Ok(out)
}

/// Place one side of a cell; the residual groups (`Other North`, `Other South`) are aggregates.
fn side(ctx: &Context, out: &mut Outcome, name: &str) -> Place {
    let residual = name.trim().to_lowercase().starts_with("other ");
    rows::place(ctx, out, &[name], residual)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corner_cell_orientation() {
        assert_eq!(
            corner("Destination country (across)      -     Source country (down) "),
            Some(true)
        );
        assert_eq!(
            corner("Origin country (across) - Destination country (down)"),
            Some(false)
        );
        assert_eq!(
            corner("Bilateral Estimates of Migrant Stocks in 2021"),
            None
        );
    }
}
