//! Reconciliation of values that several sources give for the same indicator, period and cell.

use crate::catalogue::Catalogue;
use crate::model::{ObsKey, Observation};
use crate::profile::Profile;
use std::collections::BTreeMap;

/// Several sources disagreeing on one value.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub key: ObsKey,
    /// (source id, value, flags) for each source, in profile order.
    pub values: Vec<(String, f64, Vec<String>)>,
    /// Largest relative difference between any two values (0.1 = 10 %).
    pub relative_difference: f64,
    /// Likely reason shown by the metadata (different concept, reference date, provisional...).
    pub reason: Option<String>,
    /// Source chosen (by the profile's preference or the default order).
    pub chosen: String,
    /// Was the choice made by the user (a recorded preference)?
    pub resolved: bool,
}

/// Every key with values from more than one source whose values differ at all.
/// (Placeholder: to be implemented.)
pub fn conflicts(_profile: &Profile, _catalogue: &Catalogue) -> Vec<Conflict> {
    Vec::new()
}

/// The value the report uses for each (indicator, period, disaggregation): the preferred source's
/// where the profile records one, else the first source in the profile's order.
/// (Placeholder order until the default provider order is implemented.)
pub fn preferred_values<'a>(profile: &'a Profile, _catalogue: &Catalogue) -> Vec<&'a Observation> {
    let mut chosen: BTreeMap<ObsKey, &'a Observation> = BTreeMap::new();
    for o in &profile.observations {
        let pref = profile
            .preferred
            .get(&o.indicator)
            .map(|p| p.source.as_str());
        match chosen.get(&o.key()) {
            Some(prev) if pref != Some(o.source.as_str()) || pref == Some(prev.source.as_str()) => {
            }
            _ => {
                chosen.insert(o.key(), o);
            }
        }
    }
    chosen.into_values().collect()
}
