//! Data gaps of the selected modules, ranked, and the drafted action plan.
//!
//! # What is a gap
//! Every indicator of the profile's selected sections
//! ([`Template::selected_indicators`]) is checked, in template order:
//! - [`GapKind::Missing`]: no value at all (then no other gap is reported for it);
//! - [`GapKind::Stale`]: the latest period ends more than [`super::stale_after`] years before
//!   the reference year (stocks and policy scores 5 years, every yearly series 3 years);
//! - [`GapKind::NoDisaggregation`]: a chart or table of a selected section asks for a
//!   dimension (bars: their `dimension`; pyramids: `age` and `sex`; tables `by` a dimension)
//!   that the catalogue allows for the indicator but no value of the profile carries;
//! - [`GapKind::LowQuality`]: the source the report uses (see
//!   [`super::reconcile::used_source`]) scores 1 or 0 on relevance, accuracy, coherence or
//!   institutional (timeliness is the stale gap; accessibility does not make a value unusable).
//!
//! # Ranking (stable)
//! Gaps are sorted by, in order: (1) importance: SDG or Global Compact indicators and key
//! statistics first, then the rest; (2) kind: missing, stale, no disaggregation, low quality;
//! (3) the indicator's position in the template; (4) the indicator id. `rank` is the 1-based
//! position in that order, so the same profile always gives the same ranking.
//!
//! # Providers and actions
//! Each gap lists the registry providers that could fill it
//! ([`Catalogue::providers_for`]), ordered by family (government, academia, civil society,
//! international, non-traditional) and registry order. [`draft_actions`] turns each gap into an
//! [`ActionItem`]: what to ask whom, the institution type responsible (by the indicator's
//! section), the priority (high: important indicators missing or stale; medium: other gaps of
//! important indicators and other missing indicators; low: the rest) and a timeframe (3 months
//! to import a series a registry provider publishes, 6 months for a newer release, 12 months for
//! a breakdown or better metadata, 24 months to start a new collection).

use super::score::Dimension;
use super::stale_after;
use crate::catalogue::{Catalogue, Kind};
use crate::model::Family;
use crate::profile::{ActionItem, Profile};
use crate::template::{ChartKind, Template};

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

impl GapKind {
    pub fn id(self) -> &'static str {
        match self {
            GapKind::Missing => "missing",
            GapKind::Stale => "stale",
            GapKind::NoDisaggregation => "no_disaggregation",
            GapKind::LowQuality => "low_quality",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            GapKind::Missing => "no value",
            GapKind::Stale => "old value",
            GapKind::NoDisaggregation => "breakdown missing",
            GapKind::LowQuality => "low quality",
        }
    }
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

/// Dimensions the selected sections' charts and tables ask for, for one indicator.
pub fn dimensions_asked(
    template: &Template,
    modules: &[String],
    catalogue: &Catalogue,
    indicator: &str,
) -> Vec<String> {
    let mut dims: Vec<String> = Vec::new();
    let mut push = |d: &str| {
        if !dims.iter().any(|x| x == d) {
            dims.push(d.to_string());
        }
    };
    for s in template
        .sections()
        .filter(|s| template.is_selected(s, modules))
    {
        for c in s
            .chart
            .iter()
            .filter(|c| c.indicators.iter().any(|i| i == indicator))
        {
            match c.kind {
                ChartKind::Bars => {
                    if let Some(d) = &c.dimension {
                        push(d);
                    }
                }
                ChartKind::Pyramid => {
                    push("age");
                    push("sex");
                }
                ChartKind::TimeSeries | ChartKind::Multiples => {}
            }
        }
        for t in s
            .table
            .iter()
            .filter(|t| t.indicators.iter().any(|i| i == indicator))
        {
            if t.by != "period" {
                push(&t.by);
            }
        }
    }
    match catalogue.indicator(indicator) {
        Some(ind) => dims.retain(|d| ind.disaggregations.contains(d)),
        None => dims.clear(),
    }
    dims
}

/// Provider ids that could fill an indicator, ordered by family then registry order.
pub fn providers_by_family(catalogue: &Catalogue, indicator: &str) -> Vec<String> {
    let mut ps = catalogue.providers_for(indicator);
    ps.sort_by_key(|p| Family::ALL.iter().position(|f| *f == p.family));
    ps.into_iter().map(|p| p.id.clone()).collect()
}

/// Is an indicator important for ranking (SDG / Global Compact tagged, or a key statistic)?
pub fn is_important(catalogue: &Catalogue, indicator: &str) -> bool {
    catalogue
        .indicator(indicator)
        .is_some_and(|i| i.is_tagged() || i.key)
}

/// Gaps of the profile's selected modules, ranked (see the module docs).
pub fn find_gaps(profile: &Profile, catalogue: &Catalogue, template: &Template) -> Vec<Gap> {
    let scores = super::score::score_profile(profile, catalogue);
    find_gaps_with(profile, catalogue, template, &scores)
}

/// [`find_gaps`] with the profile's scores already computed ([`super::score::score_profile`]),
/// so a build computes them once.
pub fn find_gaps_with(
    profile: &Profile,
    catalogue: &Catalogue,
    template: &Template,
    scores: &[super::score::IndicatorScore],
) -> Vec<Gap> {
    let selected = template.selected_indicators(&profile.modules);
    let reference = profile.meta.reference_year;
    let mut gaps: Vec<(usize, Gap)> = Vec::new();
    for (pos, id) in selected.iter().enumerate() {
        let ind = catalogue.indicator(id);
        let section = ind.map_or_else(
            || {
                template
                    .sections()
                    .find(|s| s.indicators.contains(id))
                    .map_or(String::new(), |s| s.id.clone())
            },
            |i| i.section.clone(),
        );
        let providers = providers_by_family(catalogue, id);
        let mut push = |kind: GapKind, detail: String| {
            gaps.push((
                pos,
                Gap {
                    indicator: id.clone(),
                    section: section.clone(),
                    kind,
                    rank: 0,
                    detail,
                    providers: providers.clone(),
                },
            ))
        };
        let obs: Vec<_> = profile.observations_of(id).collect();
        if obs.is_empty() {
            push(GapKind::Missing, "no value in the profile".to_string());
            continue;
        }
        // Stale.
        let kind = ind.map_or(Kind::Flow, |i| i.kind);
        if let Some(end) = obs
            .iter()
            .filter_map(|o| o.parsed_period().map(|p| p.end_year()))
            .max()
        {
            let age = reference - end;
            let limit = stale_after(kind);
            if age > limit {
                push(
                    GapKind::Stale,
                    format!(
                        "latest value for {end}, {age} years before the reference year {reference} (older than {limit} years for a {} indicator)",
                        kind_label(kind)
                    ),
                );
            }
        }
        // Disaggregation.
        let missing_dims: Vec<String> = dimensions_asked(template, &profile.modules, catalogue, id)
            .into_iter()
            .filter(|d| !obs.iter().any(|o| o.disaggregation.contains_key(d)))
            .collect();
        if !missing_dims.is_empty() {
            push(
                GapKind::NoDisaggregation,
                format!(
                    "no values by {}, which the template's charts or tables show",
                    missing_dims.join(", ")
                ),
            );
        }
        // Low quality of the source used.
        if let Some(used) = super::reconcile::used_source(profile, catalogue, id)
            && let Some(sc) = scores
                .iter()
                .find(|s| s.indicator == *id && s.source == used)
        {
            let low: Vec<String> = sc
                .scores
                .iter()
                .filter(|d| {
                    d.score <= 1
                        && matches!(
                            d.dimension,
                            Dimension::Relevance
                                | Dimension::Accuracy
                                | Dimension::Coherence
                                | Dimension::Institutional
                        )
                })
                .map(|d| format!("{} {}/3 ({})", d.dimension.label(), d.score, d.evidence))
                .collect();
            if !low.is_empty() {
                push(
                    GapKind::LowQuality,
                    format!("source `{used}`: {}", low.join("; ")),
                );
            }
        }
    }
    gaps.sort_by(|(pa, a), (pb, b)| {
        let ka = (
            !is_important(catalogue, &a.indicator),
            a.kind,
            *pa,
            &a.indicator,
        );
        let kb = (
            !is_important(catalogue, &b.indicator),
            b.kind,
            *pb,
            &b.indicator,
        );
        ka.cmp(&kb)
    });
    gaps.into_iter()
        .enumerate()
        .map(|(i, (_, mut g))| {
            g.rank = i + 1;
            g
        })
        .collect()
}

fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Stock => "stock",
        Kind::Flow => "flow",
        Kind::Rate => "rate",
        Kind::Share => "share",
        Kind::Money => "money",
        Kind::Count => "count",
        Kind::Score => "score",
    }
}

/// Institution type responsible for an indicator's data, by its template section.
pub fn responsible_for(section: &str) -> &'static str {
    let s = section.trim();
    if s.starts_with("A.1") {
        "border and immigration service"
    } else if s.starts_with("A.3") || s.starts_with("B.3") {
        "ministry of labour"
    } else if s.starts_with("A.6") {
        "asylum and refugee authority"
    } else if s.starts_with("B.2") {
        "central bank"
    } else if s.starts_with("B.4") {
        "ministry of education"
    } else if s.starts_with("B.5") {
        "ministry of health"
    } else if s.starts_with("B.6") {
        "disaster management agency"
    } else if s.starts_with('C') {
        "ministry in charge of migration policy"
    } else {
        "national statistics office"
    }
}

/// The names of the providers among `ids` that belong to family `fam`, in `ids` order.
fn family_names(catalogue: &Catalogue, ids: &[String], fam: Family) -> Vec<String> {
    ids.iter()
        .filter_map(|id| catalogue.provider(id))
        .filter(|p| p.family == fam)
        .map(|p| p.name.clone())
        .collect()
}

/// Providers grouped by family for messages: "International organisations: A, B; Government: C".
pub fn providers_grouped(catalogue: &Catalogue, ids: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for fam in Family::ALL {
        let names = family_names(catalogue, ids, fam);
        if !names.is_empty() {
            parts.push(format!("{}: {}", fam.label(), names.join(", ")));
        }
    }
    let unknown: Vec<&str> = ids
        .iter()
        .filter(|id| catalogue.provider(id).is_none())
        .map(|s| s.as_str())
        .collect();
    if !unknown.is_empty() {
        parts.push(format!("Other: {}", unknown.join(", ")));
    }
    parts.join("; ")
}

/// What to ask each family of providers, one sentence per family present:
/// "Request the official figures from X. Import the published series from A; B."
pub fn asks(catalogue: &Catalogue, ids: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for fam in Family::ALL {
        let names = family_names(catalogue, ids, fam);
        if names.is_empty() {
            continue;
        }
        let list = names.join("; ");
        parts.push(match fam {
            Family::Government => format!("Request the official figures from {list}."),
            Family::International => format!("Import the published series from {list}."),
            Family::Academia => format!("Ask {list} for their survey or study data."),
            Family::CivilSociety => format!("Ask {list} for their service statistics."),
            Family::NonTraditional => {
                format!("Negotiate aggregated data with {list} under a data-sharing agreement.")
            }
        });
    }
    parts.join(" ")
}

/// Draft action-plan entries for gaps, one per gap, in gap order (see the module docs).
pub fn draft_actions(gaps: &[Gap], catalogue: &Catalogue) -> Vec<ActionItem> {
    gaps.iter()
        .map(|g| {
            let ind = catalogue.indicator(&g.indicator);
            let name = ind.map_or(g.indicator.clone(), |i| i.name.clone());
            let unit = ind.map_or("", |i| i.unit.label());
            let who = asks(catalogue, &g.providers);
            let names: Vec<String> = g
                .providers
                .iter()
                .map(|id| catalogue.provider(id).map_or(id.clone(), |p| p.name.clone()))
                .collect();
            let names = names.join("; ");
            let responsible = responsible_for(&g.section).to_string();
            let has_registry = !g.providers.is_empty();
            let important = is_important(catalogue, &g.indicator);
            let (action, timeframe) = match g.kind {
                GapKind::Missing if has_registry => (
                    format!("Fill the missing {name} ({unit}). {who}"),
                    "3 months",
                ),
                GapKind::Missing => (
                    format!(
                        "Start collecting {name} ({unit}): no registry provider covers it; agree with the {responsible} on a source (administrative register or survey module) and its release calendar."
                    ),
                    "24 months",
                ),
                GapKind::Stale => (
                    format!(
                        "Update {name}: {}; request the latest release{}.",
                        g.detail,
                        if has_registry {
                            format!(" from {names}")
                        } else {
                            format!(" from the {responsible}")
                        }
                    ),
                    "6 months",
                ),
                GapKind::NoDisaggregation => (
                    format!(
                        "Obtain the breakdown of {name}: {}; ask {} for the tabulation, with small cells protected before release.",
                        g.detail,
                        if has_registry { names.clone() } else { format!("the {responsible}") }
                    ),
                    "12 months",
                ),
                GapKind::LowQuality => (
                    format!(
                        "Improve the quality of {name}: {}; ask {} for the method and metadata, or a second source to compare.",
                        g.detail,
                        if has_registry { names.clone() } else { format!("the {responsible}") }
                    ),
                    "12 months",
                ),
            };
            let priority = match (important, g.kind) {
                (true, GapKind::Missing | GapKind::Stale) => "high",
                (true, _) | (false, GapKind::Missing) => "medium",
                _ => "low",
            };
            ActionItem {
                indicator: g.indicator.clone(),
                action,
                responsible,
                priority: priority.to_string(),
                timeframe: timeframe.to_string(),
                providers: g.providers.clone(),
                generated: true,
                ..ActionItem::default()
            }
        })
        .collect()
}
