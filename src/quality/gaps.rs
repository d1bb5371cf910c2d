//! Data gaps of the selected modules, ranked, and the drafted action plan.

use crate::catalogue::Catalogue;
use crate::profile::{ActionItem, Profile};
use crate::template::Template;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GapKind {
    /// No value at all.
    Missing,
    /// Latest value too old for the reference year.
    Stale,
    /// A disaggregation the template asks for is absent.
    NoDisaggregation,
    /// Values exist but score low.
    LowQuality,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub indicator: String,
    pub section: String,
    pub kind: GapKind,
    /// 1 = most important; stable for the same inputs.
    pub rank: usize,
    pub detail: String,
    /// Registry provider ids that could fill it.
    pub providers: Vec<String>,
}

/// Gaps of the profile's selected modules, ranked. (Placeholder: to be implemented.)
pub fn find_gaps(_profile: &Profile, _catalogue: &Catalogue, _template: &Template) -> Vec<Gap> {
    Vec::new()
}

/// Draft action-plan entries for gaps. (Placeholder: to be implemented.)
pub fn draft_actions(_gaps: &[Gap], _catalogue: &Catalogue) -> Vec<ActionItem> {
    Vec::new()
}
