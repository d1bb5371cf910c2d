//! Integration of sources: reconciliation, quality scores, gaps and the action plan, disclosure.
//! Pure functions over a profile and the catalogue; no terminal, no files.
//!
//! This module also holds what the submodules share: how provider flags are read
//! ([`flag_meanings`]) and how a source is named in messages ([`source_label`]).

pub mod disclosure;
pub mod gaps;
pub mod reconcile;
pub mod score;
pub mod series;

use crate::catalogue::{Catalogue, Kind};
use crate::model::{Family, Observation};
use crate::profile::Profile;

/// What a provider flag says about a value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FlagMeaning {
    /// Eurostat `p`, SDMX `P`: provisional, may be revised.
    Provisional,
    /// Eurostat `e`/`s`, SDMX `E`: estimated.
    Estimated,
    /// Eurostat `f`, SDMX `F`: forecast or projection.
    Forecast,
    /// Eurostat `b`, SDMX `B` (not UN DESA): break in the time series.
    Break,
    /// Eurostat `d`: definition differs.
    DefinitionDiffers,
    /// Eurostat `u`, SDMX `U`: low reliability.
    LowReliability,
    /// Eurostat `c`, UNHCR popstats `*`: confidential or redacted small value.
    Redacted,
    /// Eurostat `r`: revised.
    Revised,
    /// UN DESA data type `B`: migrants identified by country of birth.
    UndesaBirthplace,
    /// UN DESA data type `C`: migrants identified by citizenship.
    UndesaCitizenship,
    /// UN DESA data type `I`: imputed (no data for the country).
    UndesaImputed,
    /// UN DESA data type `R`: refugees added to the census figure.
    UndesaRefugeesAdded,
    /// SDMX `I`: imputed.
    Imputed,
    /// IOM Missing Migrants source-quality score (1 = one unverified source ... 5 = official or
    /// multiple verified sources).
    SourceQuality(u8),
    /// A flag migprof does not interpret; kept as published.
    Other(String),
}

impl FlagMeaning {
    /// A short phrase for evidence and reasons, e.g. "provisional".
    pub fn phrase(&self) -> String {
        match self {
            FlagMeaning::Provisional => "provisional".into(),
            FlagMeaning::Estimated => "estimated".into(),
            FlagMeaning::Forecast => "a forecast".into(),
            FlagMeaning::Break => "a break in the series".into(),
            FlagMeaning::DefinitionDiffers => "definition differs".into(),
            FlagMeaning::LowReliability => "low reliability".into(),
            FlagMeaning::Redacted => "confidential or redacted small value".into(),
            FlagMeaning::Revised => "revised".into(),
            FlagMeaning::UndesaBirthplace => "migrants identified by country of birth".into(),
            FlagMeaning::UndesaCitizenship => "migrants identified by citizenship".into(),
            FlagMeaning::UndesaImputed => "imputed (no data for the country)".into(),
            FlagMeaning::UndesaRefugeesAdded => "refugees added to the census figure".into(),
            FlagMeaning::Imputed => "imputed".into(),
            FlagMeaning::SourceQuality(q) => format!("source-quality score {q} of 5"),
            FlagMeaning::Other(s) => format!("flag `{s}`"),
        }
    }
}

fn is_undesa(provider: &str) -> bool {
    let p = provider.to_ascii_lowercase();
    p.contains("undesa") || p.contains("un_desa")
}

/// Read one published flag of a provider. Conventions:
/// - a UN DESA provider (id containing `undesa`/`un_desa`): upper-case `B`, `C`, `I`, `R` are
///   data-type codes, possibly combined (`BR`, `C R`);
/// - lower-case letters (possibly combined, `bep`) are Eurostat flags;
/// - other upper-case single letters are SDMX `OBS_STATUS` codes (`A` normal is dropped);
/// - `*` is a UNHCR popstats redaction;
/// - `source_quality=N`, `quality:N` or `sqN` is a Missing Migrants source-quality score.
pub fn flag_meanings(provider: &str, flag: &str) -> Vec<FlagMeaning> {
    let f = flag.trim();
    if f.is_empty() {
        return Vec::new();
    }
    if f == "*" {
        return vec![FlagMeaning::Redacted];
    }
    let lower = f.to_ascii_lowercase();
    for prefix in ["source_quality", "source quality", "quality", "sq"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest.trim_start_matches([' ', '=', ':']);
            if let Ok(q) = rest.parse::<u8>()
                && (1..=5).contains(&q)
            {
                return vec![FlagMeaning::SourceQuality(q)];
            }
        }
    }
    let letters: Vec<char> = f.chars().filter(|c| !c.is_whitespace()).collect();
    if is_undesa(provider) && letters.iter().all(|c| "BCIR".contains(*c)) {
        return letters
            .iter()
            .map(|c| match c {
                'B' => FlagMeaning::UndesaBirthplace,
                'C' => FlagMeaning::UndesaCitizenship,
                'I' => FlagMeaning::UndesaImputed,
                _ => FlagMeaning::UndesaRefugeesAdded,
            })
            .collect();
    }
    if letters.iter().all(|c| c.is_ascii_lowercase()) {
        return letters
            .iter()
            .map(|c| match c {
                'p' => FlagMeaning::Provisional,
                'e' | 's' => FlagMeaning::Estimated,
                'f' => FlagMeaning::Forecast,
                'b' => FlagMeaning::Break,
                'd' => FlagMeaning::DefinitionDiffers,
                'u' => FlagMeaning::LowReliability,
                'c' => FlagMeaning::Redacted,
                'r' => FlagMeaning::Revised,
                other => FlagMeaning::Other(other.to_string()),
            })
            .collect();
    }
    if letters.len() == 1 {
        return match letters.first() {
            Some('A') => Vec::new(),
            Some('P') => vec![FlagMeaning::Provisional],
            Some('E') => vec![FlagMeaning::Estimated],
            Some('F') => vec![FlagMeaning::Forecast],
            Some('B') => vec![FlagMeaning::Break],
            Some('I') => vec![FlagMeaning::Imputed],
            Some('U') => vec![FlagMeaning::LowReliability],
            _ => vec![FlagMeaning::Other(f.to_string())],
        };
    }
    vec![FlagMeaning::Other(f.to_string())]
}

/// Every meaning of every flag of an observation from `provider`.
pub fn observation_flags(provider: &str, o: &Observation) -> Vec<(String, FlagMeaning)> {
    let mut out = Vec::new();
    for f in &o.flags {
        for m in flag_meanings(provider, f) {
            out.push((f.clone(), m));
        }
    }
    out
}

/// Registry provider id of a profile source ("" when the source is unknown).
pub fn provider_of<'a>(profile: &'a Profile, source: &str) -> &'a str {
    profile.source(source).map_or("", |s| s.provider.as_str())
}

/// Family of a profile source's provider, when the source and provider are known.
pub fn family_of(profile: &Profile, catalogue: &Catalogue, source: &str) -> Option<Family> {
    catalogue
        .provider(provider_of(profile, source))
        .map(|p| p.family)
}

/// How a source is named in messages: the provider's name and the source id,
/// e.g. "World Bank, World Development Indicators (wb_netm)".
pub fn source_label(profile: &Profile, catalogue: &Catalogue, source: &str) -> String {
    match catalogue.provider(provider_of(profile, source)) {
        Some(p) => format!("{} ({source})", p.name),
        None => source.to_string(),
    }
}

/// Largest relative difference between any two values: (max - min) / max(|max|, |min|).
/// 0 when all values are equal (including all zero). Works for signed values.
pub fn relative_difference(values: &[f64]) -> f64 {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    if values.len() < 2 || max == min {
        return 0.0;
    }
    let scale = max.abs().max(min.abs());
    if scale == 0.0 {
        0.0
    } else {
        (max - min) / scale
    }
}

/// Percent for messages: "12 %", "0.4 %".
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if p.abs() >= 10.0 {
        format!("{p:.0} %")
    } else {
        format!("{p:.1} %")
    }
}

/// Number for messages: integers without decimals, others with up to 3 significant decimals.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Years after which a value of this kind is old (a gap), counted from the end of its latest
/// period to the profile's reference year. Stocks come from censuses and 5-yearly estimates
/// (UN DESA), so 5 years; policy scores are revised every few years, so 5 too; flows, rates,
/// shares, money and counts are published yearly, so 3.
pub fn stale_after(kind: Kind) -> i32 {
    match kind {
        Kind::Stock | Kind::Score => 5,
        Kind::Flow | Kind::Rate | Kind::Share | Kind::Money | Kind::Count => 3,
    }
}

/// Years within which a value of this kind is fully timely (score 3): stocks 2, others 1.
pub fn fresh_within(kind: Kind) -> i32 {
    match kind {
        Kind::Stock | Kind::Score => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_read_by_provider_convention() {
        assert_eq!(
            flag_meanings("eurostat", "bep"),
            vec![
                FlagMeaning::Break,
                FlagMeaning::Estimated,
                FlagMeaning::Provisional
            ]
        );
        assert_eq!(
            flag_meanings("undesa_ims", "BR"),
            vec![
                FlagMeaning::UndesaBirthplace,
                FlagMeaning::UndesaRefugeesAdded
            ]
        );
        assert_eq!(flag_meanings("oecd", "B"), vec![FlagMeaning::Break]);
        assert_eq!(flag_meanings("oecd", "A"), vec![]);
        assert_eq!(flag_meanings("unhcr", "*"), vec![FlagMeaning::Redacted]);
        assert_eq!(
            flag_meanings("iom_mmp", "source_quality=2"),
            vec![FlagMeaning::SourceQuality(2)]
        );
        assert_eq!(
            flag_meanings("x", "XYZ"),
            vec![FlagMeaning::Other("XYZ".into())]
        );
    }

    #[test]
    fn relative_difference_handles_signs_and_zero() {
        assert_eq!(relative_difference(&[0.0, 0.0]), 0.0);
        assert!((relative_difference(&[100.0, 88.0]) - 0.12).abs() < 1e-12);
        assert!((relative_difference(&[-50.0, -100.0]) - 0.5).abs() < 1e-12);
        assert_eq!(relative_difference(&[5.0]), 0.0);
        assert_eq!(number(2013888.0), "2013888");
        assert_eq!(percent(0.35), "35 %");
    }
}

/// Status of one indicator in a profile, for the TUI's indicator tree and summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// No value.
    Missing,
    /// Sources disagree above the tolerance and no preference is recorded.
    Conflicting,
    /// The latest value is older than [`stale_after`] years for its kind.
    Stale,
    /// Has a usable value.
    Filled,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Conflicting => "conflicting",
            Status::Stale => "stale",
            Status::Filled => "filled",
        }
    }
}

/// Status of every indicator id in `indicators` (e.g. the template's selected indicators).
/// A conflict outranks staleness: it must be resolved before the value is used.
pub fn statuses(
    profile: &Profile,
    catalogue: &Catalogue,
    indicators: &[String],
) -> std::collections::BTreeMap<String, Status> {
    let unresolved: Vec<String> = reconcile::unresolved(profile, catalogue)
        .into_iter()
        .map(|c| c.key.indicator)
        .collect();
    indicators
        .iter()
        .map(|id| {
            let latest = profile
                .observations_of(id)
                .filter_map(|o| o.parsed_period().map(|p| p.end_year()))
                .max();
            let kind = catalogue.indicator(id).map_or(Kind::Flow, |i| i.kind);
            let status = match latest {
                None if profile.observations_of(id).next().is_none() => Status::Missing,
                _ if unresolved.contains(id) => Status::Conflicting,
                Some(end) if profile.meta.reference_year - end > stale_after(kind) => Status::Stale,
                _ => Status::Filled,
            };
            (id.clone(), status)
        })
        .collect()
}
