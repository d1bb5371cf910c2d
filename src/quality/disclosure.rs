//! Disclosure control of small counts, applied to every output (tables, charts, CSV, data package).
//!
//! The one entry point for outputs is [`protect`]: it takes the observations an output is about
//! to publish and says, for each, whether it is shown as is, rounded, or suppressed.
//! (First version: primary suppression and rounding only; secondary suppression to come.)

use crate::catalogue::Catalogue;
use crate::model::Observation;
use crate::profile::Disclosure;

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
}

/// Decide, for each observation, how it may be published. Only disaggregated counts (unit
/// persons/count/events/movements with a non-empty disaggregation) are ever suppressed;
/// totals of such tables may be rounded. The result is parallel to `obs`.
pub fn protect(obs: &[&Observation], catalogue: &Catalogue, settings: &Disclosure) -> Vec<Cell> {
    obs.iter()
        .map(|o| {
            let is_count = catalogue
                .indicator(&o.indicator)
                .is_some_and(|i| i.unit.is_count());
            if !is_count {
                return Cell::Shown(o.value);
            }
            if !o.is_total() && o.value.abs() < settings.threshold as f64 && o.value != 0.0 {
                return Cell::Suppressed(Reason::Primary);
            }
            match settings.rounding {
                Some(base) if base > 0 => {
                    let b = base as f64;
                    let r = (o.value / b).round() * b;
                    Cell::Rounded(r)
                }
                _ => Cell::Shown(o.value),
            }
        })
        .collect()
}
