//! Reconciliation of values that several sources give for the same indicator, period and cell.

use crate::catalogue::Catalogue;
use crate::model::Observation;
use crate::profile::Profile;
use std::collections::BTreeMap;

/// The value the report uses for each (indicator, period, disaggregation): the preferred source's
/// where the profile records one, else the first source in the profile's order.
/// (Placeholder order until the default provider order is implemented.)
pub fn preferred_values<'a>(profile: &'a Profile, _catalogue: &Catalogue) -> Vec<&'a Observation> {
    let mut chosen: BTreeMap<crate::model::ObsKey, &'a Observation> = BTreeMap::new();
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
