//! Disclosure control of small counts, applied to every output (tables, charts, CSV, data package).
//!
//! The one entry point for outputs is [`protect`]: it takes the observations an output is about
//! to publish and says, for each, whether it is shown as is, rounded, or suppressed.
//!
//! # Rules
//! Only counts (indicators whose unit is persons, count, events or movements) are touched.
//! 1. **Primary suppression**: a disaggregated count (non-empty disaggregation) whose absolute
//!    value is below `disclosure.threshold` (default 5) and not zero is suppressed. Zeros are
//!    shown: they reveal no person. Totals are never primary-suppressed.
//! 2. **Secondary suppression**: the observations of one indicator, period and source form
//!    tables. A *line* of a table is a published observation `T` (the total) together with every
//!    observation whose disaggregation is `T`'s plus exactly one more dimension (the rows of one
//!    column, the columns of one row; for the grand total, each one-dimensional breakdown).
//!    When a line has exactly one suppressed cell and its total is published, the cell could be
//!    recovered as total minus the other cells, so the smallest other published cell of the line
//!    (by absolute value, then input order) is suppressed too; when the line has no other cell,
//!    the total itself is suppressed. Likewise a suppressed subtotal whose cells are all
//!    published would be their sum, so its smallest cell is suppressed. This repeats until
//!    nothing changes, so a second suppression that opens a new line is protected as well.
//!    (Cells of a line are assumed to add up to its total, which is the conservative choice.)
//! 3. **Rounding** (optional, `disclosure.rounding` = 5 or 10): every count still published
//!    is rounded to the base, half away from zero, and marked [`Cell::Rounded`].
//!
//! Import-time control of non-traditional mobility data is [`check_mobility`].

use crate::catalogue::Catalogue;
use crate::model::{Family, Observation};
use crate::profile::Disclosure;
use std::collections::BTreeMap;

/// How an observation may be published.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// Publish the value as is.
    Shown(f64),
    /// Publish this rounded value, marked as rounded.
    Rounded(f64),
    /// Do not publish; mark the cell as suppressed.
    Suppressed(Reason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Below the threshold.
    Primary,
    /// Hidden so that a primary cell cannot be recovered from a total.
    Secondary,
}

impl Cell {
    /// The value to print, if any.
    pub fn value(&self) -> Option<f64> {
        match *self {
            Cell::Shown(v) | Cell::Rounded(v) => Some(v),
            Cell::Suppressed(_) => None,
        }
    }

    /// A marker for tables and CSV: "" shown, "r" rounded, "s" suppressed.
    pub fn marker(&self) -> &'static str {
        match self {
            Cell::Shown(_) => "",
            Cell::Rounded(_) => "r",
            Cell::Suppressed(_) => "s",
        }
    }

    pub fn is_suppressed(&self) -> bool {
        matches!(self, Cell::Suppressed(_))
    }
}

fn is_count(catalogue: &Catalogue, o: &Observation) -> bool {
    catalogue
        .indicator(&o.indicator)
        .is_some_and(|i| i.unit.is_count())
}

/// Decide, for each observation, how it may be published (see the module docs). The result is
/// parallel to `obs`.
pub fn protect(obs: &[&Observation], catalogue: &Catalogue, settings: &Disclosure) -> Vec<Cell> {
    let counts: Vec<bool> = obs.iter().map(|o| is_count(catalogue, o)).collect();
    let threshold = settings.threshold as f64;
    // Primary.
    let mut suppressed: Vec<Option<Reason>> = obs
        .iter()
        .zip(&counts)
        .map(|(o, &c)| {
            (c && !o.is_total() && o.value != 0.0 && o.value.abs() < threshold)
                .then_some(Reason::Primary)
        })
        .collect();
    // Secondary, table by table.
    let mut tables: BTreeMap<(&str, &str, &str), Vec<usize>> = BTreeMap::new();
    for (i, o) in obs.iter().enumerate() {
        if counts.get(i).copied().unwrap_or(false) {
            tables
                .entry((o.indicator.as_str(), o.period.as_str(), o.source.as_str()))
                .or_default()
                .push(i);
        }
    }
    for members in tables.values() {
        secondary(obs, members, &mut suppressed);
    }
    obs.iter()
        .enumerate()
        .map(|(i, o)| {
            if let Some(Some(r)) = suppressed.get(i) {
                return Cell::Suppressed(*r);
            }
            if !counts.get(i).copied().unwrap_or(false) {
                return Cell::Shown(o.value);
            }
            match settings.rounding {
                Some(base) if base > 0 => {
                    let b = base as f64;
                    Cell::Rounded((o.value / b).round() * b)
                }
                _ => Cell::Shown(o.value),
            }
        })
        .collect()
}

fn secondary(obs: &[&Observation], members: &[usize], suppressed: &mut [Option<Reason>]) {
    // Lines: (total index, cell indices). A cell belongs to the line of each observation whose
    // disaggregation is the cell's minus one dimension: found by lookup, O(cells x dimensions).
    let mut index: rustc_hash::FxHashMap<&BTreeMap<String, String>, usize> = Default::default();
    for &i in members {
        if let Some(o) = obs.get(i) {
            index.entry(&o.disaggregation).or_insert(i);
        }
    }
    let mut by_line: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for &c in members {
        let Some(cell) = obs.get(c) else { continue };
        for d in cell.disaggregation.keys() {
            let mut parent = cell.disaggregation.clone();
            parent.remove(d);
            if let Some(&t) = index.get(&parent) {
                by_line.entry((t, d.as_str())).or_default().push(c);
            }
        }
    }
    let lines: Vec<(usize, Vec<usize>)> = by_line
        .into_iter()
        .map(|((t, _), cells)| (t, cells))
        .collect();
    let is_sup = |s: &[Option<Reason>], i: usize| s.get(i).is_some_and(|x| x.is_some());
    let value = |i: usize| obs.get(i).map_or(f64::INFINITY, |o| o.value.abs());
    // Each pass suppresses at least one more cell or stops, so this ends.
    loop {
        let mut changed = false;
        for (t, cells) in &lines {
            let n_sup = cells.iter().filter(|&&c| is_sup(suppressed, c)).count();
            // A published total with one hidden cell reveals it; a hidden (sub)total whose
            // cells are all published is their sum.
            let leaks = if is_sup(suppressed, *t) {
                n_sup == 0
            } else {
                n_sup == 1
            };
            if !leaks {
                continue;
            }
            let next = cells
                .iter()
                .copied()
                .filter(|&c| !is_sup(suppressed, c))
                .min_by(|&a, &b| value(a).total_cmp(&value(b)).then(a.cmp(&b)));
            let target = next.unwrap_or(*t);
            if let Some(slot) = suppressed.get_mut(target) {
                *slot = Some(Reason::Secondary);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Import-time control of non-traditional mobility data (phone-record origin-destination
/// aggregates and the like): when the provider's family is [`Family::NonTraditional`], every
/// count (unit persons, count, events or movements) must be zero or at least `threshold`
/// (`disclosure.mobility_threshold`, default 15: the FlowKit default). Otherwise the import is
/// refused with a message naming the file, how many values are too small, the first few, and
/// what to ask the operator for. Other families always pass.
pub fn check_mobility<'a>(
    obs: impl IntoIterator<Item = &'a Observation>,
    catalogue: &Catalogue,
    family: Family,
    threshold: u32,
    file: &str,
) -> Result<(), String> {
    if family != Family::NonTraditional {
        return Ok(());
    }
    let t = threshold as f64;
    let small: Vec<&Observation> = obs
        .into_iter()
        .filter(|o| is_count(catalogue, o) && o.value != 0.0 && o.value.abs() < t)
        .collect();
    if small.is_empty() {
        return Ok(());
    }
    let examples: Vec<String> = small
        .iter()
        .take(3)
        .map(|o| format!("{} = {}", o.key(), super::number(o.value)))
        .collect();
    Err(format!(
        "{file}: refused: {} value(s) from a non-traditional mobility source are below the aggregation threshold of {threshold} (e.g. {}); only aggregates of at least {threshold} people may be imported: ask the operator for coarser areas or periods, or set [disclosure] mobility_threshold if your data-sharing agreement allows a lower one",
        small.len(),
        examples.join("; ")
    ))
}
