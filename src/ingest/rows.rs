//! Row accounting for the importers that say why every row they read gave no value
//! ([`super::Outcome::dropped`]): country placement with a reason, and partner names as codes.

use super::{Context, Outcome, reason};
use crate::country::Resolved;

/// Where a row goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// Keep it under this code (ISO3, or the aggregate's code when aggregates are kept).
    Keep(String),
    /// Drop it, for this reason (a [`reason`] constant); the summary counters are updated.
    Drop(&'static str),
}

/// Resolve a row's country cells (tried in order, code first). `aggregate` forces the row to be
/// an aggregate (the provider says so, e.g. a regional geoUnit).
pub fn place(ctx: &Context, out: &mut Outcome, cells: &[&str], aggregate: bool) -> Place {
    let display = cells
        .iter()
        .map(|c| c.trim())
        .find(|c| !c.is_empty())
        .unwrap_or("");
    let found = cells
        .iter()
        .filter(|c| !c.trim().is_empty())
        .find_map(|c| ctx.countries.resolve(c));
    let code = match (found, aggregate) {
        (Some(Resolved::Country(c)), false) => {
            return match ctx.country {
                Some(want) if !want.eq_ignore_ascii_case(&c.iso3) => {
                    Place::Drop(reason::OTHER_COUNTRY)
                }
                _ => Place::Keep(c.iso3.clone()),
            };
        }
        (Some(Resolved::Aggregate(a)), _) => a.code.clone(),
        (_, true) => display.to_string(),
        (None, false) => {
            *out.unmapped_countries
                .entry(display.to_string())
                .or_insert(0) += 1;
            return Place::Drop(reason::UNKNOWN_COUNTRY);
        }
    };
    if !ctx.include_aggregates {
        out.skipped_aggregates += 1;
        return Place::Drop(reason::AGGREGATE);
    }
    match ctx.country {
        Some(want) if !want.eq_ignore_ascii_case(&code) => Place::Drop(reason::OTHER_COUNTRY),
        _ => Place::Keep(code),
    }
}

/// A partner country cell as a disaggregation value: its ISO3 code when it is a country, the
/// published name otherwise (residual groups such as `Other North`).
pub fn partner(ctx: &Context, cell: &str) -> String {
    ctx.countries
        .iso3(cell)
        .map_or_else(|| cell.trim().to_string(), str::to_string)
}

/// Account for one row: used when it gave a value, else dropped for `why`.
pub fn settle(out: &mut Outcome, gave: bool, why: &str) {
    if gave {
        out.used += 1;
    } else {
        out.drop_row(why);
    }
}
