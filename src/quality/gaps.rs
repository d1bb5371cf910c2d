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
use crate::i18n::{Lang, t};
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
    find_gaps_in(profile, catalogue, template, scores, Lang::En)
}

/// [`find_gaps_with`] with the gap details written in `lang` (the report's language).
pub fn find_gaps_in(
    profile: &Profile,
    catalogue: &Catalogue,
    template: &Template,
    scores: &[super::score::IndicatorScore],
    lang: Lang,
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
            push(GapKind::Missing, t(lang, "q-gap-missing", &[]));
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
                    t(
                        lang,
                        "q-gap-stale",
                        &[
                            ("end", end.to_string().into()),
                            ("age", age.into()),
                            ("reference", reference.to_string().into()),
                            ("limit", limit.into()),
                            (
                                "kind",
                                t(lang, &format!("q-kind-{}", kind_label(kind)), &[]).into(),
                            ),
                        ],
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
            let dims: Vec<String> = missing_dims
                .iter()
                .map(|d| crate::i18n::dimension(lang, d).to_lowercase())
                .collect();
            push(
                GapKind::NoDisaggregation,
                t(lang, "q-gap-breakdown", &[("dims", dims.join(", ").into())]),
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
                .map(|d| {
                    // The dimension in the report's language (`dim-relevance` ... match its
                    // English label), with the evidence in that language.
                    let label = crate::i18n::english(lang, d.dimension.label());
                    format!("{label} {}/3 ({})", d.score, d.text(lang))
                })
                .collect();
            if !low.is_empty() {
                push(
                    GapKind::LowQuality,
                    t(
                        lang,
                        "q-gap-quality",
                        &[
                            ("source", used.to_string().into()),
                            ("scores", low.join("; ").into()),
                        ],
                    ),
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
    providers_grouped_in(catalogue, ids, Lang::En)
}

/// [`providers_grouped`] with the families named in `lang`.
pub fn providers_grouped_in(catalogue: &Catalogue, ids: &[String], lang: Lang) -> String {
    let family = |label: &str, names: String| {
        t(
            lang,
            "cg-family",
            &[
                ("family", crate::i18n::english(lang, label).into()),
                ("names", names.into()),
            ],
        )
    };
    let mut parts: Vec<String> = Vec::new();
    for fam in Family::ALL {
        let names = family_names(catalogue, ids, fam);
        if !names.is_empty() {
            parts.push(family(fam.label(), names.join(", ")));
        }
    }
    let unknown: Vec<&str> = ids
        .iter()
        .filter(|id| catalogue.provider(id).is_none())
        .map(|s| s.as_str())
        .collect();
    if !unknown.is_empty() {
        parts.push(family("Other", unknown.join(", ")));
    }
    parts.join(&crate::i18n::list_sep(lang))
}

/// What to ask each family of providers, one sentence per family present:
/// "Request the official figures from X. Import the published series from A; B."
pub fn asks(catalogue: &Catalogue, ids: &[String]) -> String {
    asks_in(catalogue, ids, Lang::En)
}

/// [`asks`] in `lang`.
pub fn asks_in(catalogue: &Catalogue, ids: &[String], lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for fam in Family::ALL {
        let names = family_names(catalogue, ids, fam);
        if names.is_empty() {
            continue;
        }
        let list = names.join("; ");
        let key = match fam {
            Family::Government => "q-ask-government",
            Family::International => "q-ask-international",
            Family::Academia => "q-ask-academia",
            Family::CivilSociety => "q-ask-civil-society",
            Family::NonTraditional => "q-ask-non-traditional",
        };
        parts.push(t(lang, key, &[("list", list.into())]));
    }
    parts.join(" ")
}

/// The gaps of a profile and its drafted action plan (with the data system's instrument-level
/// actions) in the profile's language (`meta.language`), indicator names included: what
/// `migprof gaps` prints and what the TUI drafts, so that a draft adopted into a French profile
/// is stored in French. Priorities and timeframes stay the English ids the profile stores.
pub fn gaps_and_drafts(
    profile: &Profile,
    catalogue: &Catalogue,
    template: &Template,
) -> (Vec<Gap>, Vec<ActionItem>) {
    let lang = Lang::of(&profile.meta.language);
    let local;
    let catalogue = if lang == Lang::En {
        catalogue
    } else {
        local = crate::i18n::localize_catalogue(catalogue, lang);
        &local
    };
    let scores = super::score::score_profile(profile, catalogue);
    gaps_and_drafts_from(profile, catalogue, template, &scores, lang)
}

/// The gaps from `scores` and the drafted action plan with the data system's actions, in
/// `lang` (the catalogue already in that language): [`gaps_and_drafts`] and the report both.
pub fn gaps_and_drafts_from(
    profile: &Profile,
    catalogue: &Catalogue,
    template: &Template,
    scores: &[super::score::IndicatorScore],
    lang: Lang,
) -> (Vec<Gap>, Vec<ActionItem>) {
    let gaps = find_gaps_in(profile, catalogue, template, scores, lang);
    let drafted = crate::system::assess::with_system_in(
        profile,
        catalogue,
        template,
        draft_actions_in(&gaps, catalogue, lang),
        lang,
    );
    (gaps, drafted)
}

/// An English indicator name as it reads inside a sentence: "Fill the missing personal
/// remittances received", but "GDP per capita" (an acronym) and "Global Compact voluntary
/// review", "Migration Governance Indicators assessment" (names of their own: the second word
/// is capitalised too) as they are.
fn in_sentence(name: &str) -> String {
    let proper = name.split_whitespace().nth(1).is_some_and(|w| {
        let mut c = w.chars();
        matches!((c.next(), c.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
    });
    if proper {
        name.to_string()
    } else {
        crate::i18n::after_article(name)
    }
}

/// Draft action-plan entries for gaps, one per gap, in gap order (see the module docs).
pub fn draft_actions(gaps: &[Gap], catalogue: &Catalogue) -> Vec<ActionItem> {
    draft_actions_in(gaps, catalogue, Lang::En)
}

/// [`draft_actions`] with the action text in `lang` (priority, timeframe and the kind of
/// responsible institution stay the English ids the profile stores; outputs translate them).
pub fn draft_actions_in(gaps: &[Gap], catalogue: &Catalogue, lang: Lang) -> Vec<ActionItem> {
    gaps.iter()
        .map(|g| {
            let ind = catalogue.indicator(&g.indicator);
            let name = ind.map_or(g.indicator.clone(), |i| i.name.clone());
            // French and Spanish put the name after a colon, as it is; English inside the
            // sentence ([`in_sentence`]).
            let name = match lang {
                Lang::En => in_sentence(&name),
                _ => name,
            };
            let unit = ind.map_or(String::new(), |i| crate::i18n::unit_label(lang, i.unit));
            let who = asks_in(catalogue, &g.providers, lang);
            let names: Vec<String> = g
                .providers
                .iter()
                .map(|id| {
                    catalogue
                        .provider(id)
                        .map_or(id.clone(), |p| p.name.clone())
                })
                .collect();
            let names = names.join("; ");
            let responsible = responsible_for(&g.section).to_string();
            let has_registry = !g.providers.is_empty();
            let important = is_important(catalogue, &g.indicator);
            let resp = crate::i18n::english(lang, &responsible);
            let from = if has_registry {
                names.clone()
            } else {
                t(
                    lang,
                    "q-the-responsible",
                    &[("responsible", resp.clone().into())],
                )
            };
            let args = |detail: bool| {
                let mut a: Vec<(&str, fluent_bundle::FluentValue)> = vec![
                    ("name", name.clone().into()),
                    ("unit", unit.clone().into()),
                    ("who", who.clone().into()),
                    ("responsible", resp.clone().into()),
                    ("from", from.clone().into()),
                ];
                if detail {
                    a.push(("detail", g.detail.clone().into()));
                }
                a
            };
            let (key, timeframe) = match g.kind {
                GapKind::Missing if has_registry => ("q-act-fill", "3 months"),
                GapKind::Missing => ("q-act-start", "24 months"),
                GapKind::Stale => ("q-act-update", "6 months"),
                GapKind::NoDisaggregation => ("q-act-breakdown", "12 months"),
                GapKind::LowQuality => ("q-act-quality", "12 months"),
            };
            let action = t(lang, key, &args(true));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_an_english_sentence() {
        for (name, read) in [
            (
                "Personal remittances received",
                "personal remittances received",
            ),
            ("Returned IDPs", "returned IDPs"),
            (
                "Nationals returned from the EU",
                "nationals returned from the EU",
            ),
            ("GDP per capita", "GDP per capita"),
            (
                "SDG indicators by migratory status",
                "SDG indicators by migratory status",
            ),
            (
                "Global Compact voluntary review",
                "Global Compact voluntary review",
            ),
            (
                "Migration Governance Indicators assessment",
                "Migration Governance Indicators assessment",
            ),
            ("Refugees", "refugees"),
            ("", ""),
        ] {
            assert_eq!(in_sentence(name), read, "{name}");
        }
    }
}
