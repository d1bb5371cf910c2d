//! Quality scores per value on the named dimensions, each 0-3 with its evidence. No total.

use crate::catalogue::Catalogue;
use crate::profile::Profile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    Relevance,
    Accuracy,
    Timeliness,
    Accessibility,
    Coherence,
    Institutional,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Relevance,
        Dimension::Accuracy,
        Dimension::Timeliness,
        Dimension::Accessibility,
        Dimension::Coherence,
        Dimension::Institutional,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Dimension::Relevance => "Relevance",
            Dimension::Accuracy => "Accuracy and reliability",
            Dimension::Timeliness => "Timeliness",
            Dimension::Accessibility => "Accessibility and clarity",
            Dimension::Coherence => "Coherence and comparability",
            Dimension::Institutional => "Institutional",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionScore {
    pub dimension: Dimension,
    /// 0 (poor) to 3 (good).
    pub score: u8,
    pub evidence: String,
}

/// Scores of the value an indicator's latest total comes from (one per indicator and source).
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    pub indicator: String,
    pub source: String,
    /// Latest period scored.
    pub period: String,
    pub scores: Vec<DimensionScore>,
}

/// Score every (indicator, source) pair of the profile. (Placeholder: to be implemented.)
pub fn score_profile(_profile: &Profile, _catalogue: &Catalogue) -> Vec<IndicatorScore> {
    Vec::new()
}
