//! Quality scores per value on the named dimensions, each 0-3 with its evidence. No total.
//!
//! One [`IndicatorScore`] per (indicator, source) of the profile, for the source's latest total
//! (the latest disaggregated value when it has no total). The rules, dimension by dimension
//! (each score is the minimum over the rules that apply; the evidence names every rule used):
//!
//! - **Relevance** (does the concept match the catalogue's definition?): 3 when the value's
//!   `concept` equals the indicator's or neither states one; 2 when the catalogue names a
//!   concept the value does not state, when UN DESA data type `C` shows migrants counted by
//!   citizenship instead of birthplace, or when a stock is given for a multi-year span; 1 when
//!   the value's concept differs from the catalogue's or Eurostat flags `d` (definition
//!   differs); 0 when the indicator is not in the catalogue.
//! - **Accuracy and reliability**: 3 for a value published without a quality flag; 2 when
//!   provisional (`p`/`P`), estimated (`e`/`s`/`E`), a forecast, with refugees added (UN DESA
//!   `R`), partly redacted (UNHCR `*`), carrying a UNHCR footnote that calls it an estimate, a
//!   model-based estimate (World Population Prospects), or a Missing Migrants minimum estimate;
//!   1 when imputed (UN DESA `I`, SDMX `I`), of low reliability (`u`), a Missing Migrants
//!   source-quality score of 1 or 2, or from a non-traditional source; a source-quality score of
//!   3 gives 2, 4 and 5 leave 3. The Missing Migrants importer's footnote
//!   (`Source Quality min 1, mean 2.8 (1-5)`) is read the same way from its mean: under 3 gives
//!   1, under 4 gives 2.
//! - **Timeliness**: years from the end of the latest period to the reference year. Within
//!   [`super::fresh_within`] (stocks 2, others 1) 3; within [`super::stale_after`] (stocks and
//!   scores 5, others 3) 2; within twice that 1; older 0. A latest period after the reference
//!   year (a projection) gets 2.
//! - **Accessibility and clarity**: one point each for an open licence (Creative Commons, CC0,
//!   ODbL, Open Government/Data licences, Eurostat/OECD free reuse with attribution), a
//!   machine-readable file recorded with its format, and metadata (URL, citation, provider notes
//!   or a footnote).
//! - **Coherence and comparability**: compared with the other sources at the latest period
//!   they share with this one (see [`super::reconcile`]): within the profile's tolerance 3,
//!   within 3 times the tolerance 2, within 50 % 1, beyond 0; no other source to compare 2. A
//!   break in the series (`b`, SDMX `B`) or a change of concept between years lowers it to 1.
//! - **Institutional**: by the provider's family: government and international organisations
//!   (official statistics) 3, academia 2, civil society and non-traditional sources 1, a
//!   provider not in the registry 0. The evidence lists the provider flags kept with the value.

use super::{
    FlagMeaning, family_of, fresh_within, observation_flags, provider_of, relative_difference,
    stale_after,
};
use crate::catalogue::{Catalogue, Indicator, Kind};
use crate::i18n::{Arg, Lang, Msg};
use crate::model::{Family, Observation, Period};
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
    /// Why: one message per rule applied, written in a language by [`DimensionScore::text`].
    pub evidence: Vec<Msg>,
}

impl DimensionScore {
    /// The evidence in `lang`, the rules separated by the language's list separator.
    pub fn text(&self, lang: Lang) -> String {
        crate::i18n::join(lang, &self.evidence, &crate::i18n::list_sep(lang))
    }
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

impl IndicatorScore {
    /// The score of one dimension.
    pub fn get(&self, d: Dimension) -> Option<&DimensionScore> {
        self.scores.iter().find(|s| s.dimension == d)
    }
}

/// Collects rules: the score is the minimum, the evidence every rule's text.
struct Rules {
    score: u8,
    evidence: Vec<Msg>,
}

impl Rules {
    fn new() -> Rules {
        Rules {
            score: 3,
            evidence: Vec::new(),
        }
    }
    fn add(&mut self, score: u8, evidence: Msg) {
        self.score = self.score.min(score);
        self.evidence.push(evidence);
    }
    fn done(self, dimension: Dimension, default: Option<Msg>) -> DimensionScore {
        DimensionScore {
            dimension,
            score: self.score,
            evidence: if self.evidence.is_empty() {
                default.into_iter().collect()
            } else {
                self.evidence
            },
        }
    }
}

fn period_key(o: &Observation) -> (i32, i64) {
    let p = o.parsed_period();
    (
        p.map_or(i32::MIN, |p| p.end_year()),
        p.map_or(i64::MIN, |p| (p.axis_value() * 1000.0) as i64),
    )
}

/// The observation scored for a source: its latest total, else its latest value.
fn latest<'a>(obs: &[&'a Observation]) -> Option<&'a Observation> {
    let totals: Vec<&&Observation> = obs.iter().filter(|o| o.is_total()).collect();
    if totals.is_empty() {
        obs.iter().max_by_key(|o| period_key(o)).copied()
    } else {
        totals.into_iter().max_by_key(|o| period_key(o)).copied()
    }
}

/// Score every (indicator, source) pair of the profile, sorted by indicator (catalogue order,
/// then unknown ids by name) and source (profile order).
pub fn score_profile(profile: &Profile, catalogue: &Catalogue) -> Vec<IndicatorScore> {
    let conflicts = super::reconcile::conflicts(profile, catalogue);
    score_profile_with(profile, catalogue, &conflicts)
}

/// The distinct (indicator, source) pairs of the profile, sorted by indicator (catalogue
/// order, then unknown ids by name) and source (profile order).
fn sorted_pairs<'p>(profile: &'p Profile, catalogue: &Catalogue) -> Vec<(&'p str, &'p str)> {
    let mut seen: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    // (catalogue position, indicator, source position, source)
    let mut keyed: Vec<(usize, &str, usize, &str)> = Vec::new();
    for o in &profile.observations {
        let p = (o.indicator.as_str(), o.source.as_str());
        if seen.insert(p) {
            keyed.push((usize::MAX, p.0, usize::MAX, p.1));
        }
    }
    let cat_pos: std::collections::HashMap<&str, usize> = catalogue
        .indicators
        .iter()
        .enumerate()
        .rev()
        .map(|(i, ind)| (ind.id.as_str(), i))
        .collect();
    let src_pos: std::collections::HashMap<&str, usize> = profile
        .sources
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for k in &mut keyed {
        k.0 = cat_pos.get(k.1).copied().unwrap_or(usize::MAX);
        k.2 = src_pos.get(k.3).copied().unwrap_or(usize::MAX);
    }
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i, _, s)| (i, s)).collect()
}

/// [`score_profile`] with the profile's conflicts already computed
/// ([`super::reconcile::conflicts`]), so a build computes them once.
pub fn score_profile_with(
    profile: &Profile,
    catalogue: &Catalogue,
    conflicts: &[super::reconcile::Conflict],
) -> Vec<IndicatorScore> {
    score_pairs(
        profile,
        catalogue,
        conflicts,
        &sorted_pairs(profile, catalogue),
    )
}

fn score_pairs(
    profile: &Profile,
    catalogue: &Catalogue,
    conflicts: &[super::reconcile::Conflict],
    pairs: &[(&str, &str)],
) -> Vec<IndicatorScore> {
    pairs
        .iter()
        .filter_map(|(i, s)| score_with(profile, catalogue, conflicts, i, s))
        .collect()
}

/// Score one (indicator, source) pair; `None` when the source has no value for the indicator.
pub fn score_one(
    profile: &Profile,
    catalogue: &Catalogue,
    indicator: &str,
    source: &str,
) -> Option<IndicatorScore> {
    let conflicts = super::reconcile::conflicts(profile, catalogue);
    score_with(profile, catalogue, &conflicts, indicator, source)
}

fn score_with(
    profile: &Profile,
    catalogue: &Catalogue,
    conflicts: &[super::reconcile::Conflict],
    indicator: &str,
    source: &str,
) -> Option<IndicatorScore> {
    let obs: Vec<&Observation> = profile
        .observations_of(indicator)
        .filter(|o| o.source == source)
        .collect();
    let o = latest(&obs)?;
    let ind = catalogue.indicator(indicator);
    let scores = vec![
        relevance(profile, ind, o),
        accuracy(profile, catalogue, ind, o),
        timeliness(profile, ind, o),
        accessibility(profile, o),
        coherence(profile, catalogue, conflicts, o, &obs),
        institutional(profile, catalogue, o),
    ];
    Some(IndicatorScore {
        indicator: indicator.to_string(),
        source: source.to_string(),
        period: o.period.clone(),
        scores,
    })
}

fn relevance(profile: &Profile, ind: Option<&Indicator>, o: &Observation) -> DimensionScore {
    let mut r = Rules::new();
    let Some(ind) = ind else {
        r.add(
            0,
            Msg::new("ev-not-in-catalogue").arg("indicator", &o.indicator),
        );
        return r.done(Dimension::Relevance, None);
    };
    match (&ind.concept, &o.concept) {
        (Some(want), Some(got)) if want != got => r.add(
            1,
            Msg::new("ev-concept-differs")
                .arg("got", got)
                .arg("want", want),
        ),
        (Some(want), None) => r.add(2, Msg::new("ev-concept-unstated").arg("want", want)),
        _ => {}
    }
    let provider = provider_of(profile, &o.source);
    for (flag, m) in observation_flags(provider, o) {
        match m {
            FlagMeaning::UndesaCitizenship => {
                r.add(2, Msg::new("ev-undesa-citizenship").arg("flag", &flag))
            }
            FlagMeaning::DefinitionDiffers => {
                r.add(1, Msg::new("ev-definition-differs").arg("flag", &flag))
            }
            _ => {}
        }
    }
    if ind.kind == Kind::Stock
        && let Some(Period::Span(a, b)) = o.parsed_period()
    {
        r.add(
            2,
            Msg::new("ev-stock-span")
                .arg("from", a.to_string())
                .arg("to", b.to_string()),
        );
    }
    let default = match &o.concept {
        Some(c) => Msg::new("ev-concept-matches").arg("concept", c),
        None => Msg::new("ev-no-concept-needed"),
    };
    r.done(Dimension::Relevance, Some(default))
}

fn accuracy(
    profile: &Profile,
    catalogue: &Catalogue,
    ind: Option<&Indicator>,
    o: &Observation,
) -> DimensionScore {
    let mut r = Rules::new();
    let provider = provider_of(profile, &o.source);
    for (flag, m) in observation_flags(provider, o) {
        let eurostat = provider.to_ascii_lowercase().contains("eurostat");
        let flagged = |meaning: &'static str| {
            Msg::new("ev-flag-meaning")
                .arg(
                    "what",
                    Msg::new("ev-flag-name")
                        .arg("flag", &flag)
                        .arg("eurostat", if eurostat { "yes" } else { "no" }),
                )
                .arg("meaning", Msg::new(meaning))
        };
        match m {
            FlagMeaning::Provisional => r.add(2, flagged("ev-m-provisional")),
            FlagMeaning::Estimated => r.add(2, flagged("ev-m-estimated")),
            FlagMeaning::Forecast => r.add(2, flagged("ev-m-forecast")),
            FlagMeaning::UndesaRefugeesAdded => {
                r.add(2, Msg::new("ev-undesa-refugees").arg("flag", &flag))
            }
            FlagMeaning::Redacted => r.add(2, flagged("ev-m-redacted")),
            FlagMeaning::UndesaImputed => {
                r.add(1, Msg::new("ev-undesa-imputed").arg("flag", &flag))
            }
            FlagMeaning::Imputed => r.add(1, flagged("ev-m-imputed")),
            FlagMeaning::LowReliability => r.add(1, flagged("ev-m-low-reliability")),
            FlagMeaning::SourceQuality(q) => {
                let s = match q {
                    1 | 2 => 1,
                    3 => 2,
                    _ => 3,
                };
                r.add(
                    s,
                    Msg::new("ev-mmp-score").arg("q", Arg::Count(i64::from(q))),
                );
            }
            _ => {}
        }
    }
    let src = profile.source(&o.source);
    let meta = format!(
        "{} {} {}",
        provider,
        src.map_or("", |s| s.dataset.as_str()),
        src.and_then(|s| s.notes.as_deref()).unwrap_or_default()
    )
    .to_ascii_lowercase();
    let mmp = meta.contains("missing migrants") || meta.contains("missing_migrants");
    if mmp || ind.is_some_and(|i| i.id == "migrant_deaths") {
        r.add(2, Msg::new("ev-mmp-minimum"));
    }
    if meta.contains("world population prospects") || meta.contains("wpp") {
        r.add(2, Msg::new("ev-wpp-model"));
    }
    if let Some((min, mean)) = o.footnote.as_deref().and_then(mmp_quality) {
        let s = if mean >= 4.0 {
            3
        } else if mean >= 3.0 {
            2
        } else {
            1
        };
        r.add(
            s,
            Msg::new("ev-mmp-quality")
                .arg("mean", Arg::Fixed(mean, 1))
                .arg("min", Arg::Num(min)),
        );
    }
    if let Some(f) = &o.footnote
        && f.to_ascii_lowercase().contains("estimat")
    {
        r.add(
            2,
            Msg::new("ev-footnote-estimate").arg("footnote", short(f)),
        );
    }
    if family_of(profile, catalogue, &o.source) == Some(Family::NonTraditional) {
        r.add(1, Msg::new("ev-non-traditional"));
    }
    r.done(Dimension::Accuracy, Some(Msg::new("ev-no-flag")))
}

/// The source-quality summary the Missing Migrants importer writes in a footnote:
/// `12 incidents; Source Quality min 1, mean 2.8 (1-5)` -> (1.0, 2.8).
pub fn mmp_quality(footnote: &str) -> Option<(f64, f64)> {
    let lower = footnote.to_ascii_lowercase();
    let at = lower.find("source quality")?;
    let rest = lower.get(at..)?;
    let num_after = |word: &str| -> Option<f64> {
        let i = rest.find(word)? + word.len();
        let t: String = rest
            .get(i..)?
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        t.parse().ok()
    };
    let min = num_after("min")?;
    let mean = num_after("mean")?;
    Some((min, mean))
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(80).collect();
    if t.len() < s.len() {
        format!("{t}...")
    } else {
        t
    }
}

fn timeliness(profile: &Profile, ind: Option<&Indicator>, o: &Observation) -> DimensionScore {
    let mut r = Rules::new();
    let kind = ind.map_or(Kind::Flow, |i| i.kind);
    let reference = profile.meta.reference_year;
    match o.parsed_period() {
        None => r.add(0, Msg::new("ev-period-unreadable").arg("period", &o.period)),
        Some(p) => {
            let end = p.end_year();
            let age = reference - end;
            let latest = if matches!(p, Period::Span(..)) {
                Msg::new("ev-latest-period").arg("period", &o.period)
            } else {
                Msg::new("ev-latest-year").arg("year", end.to_string())
            };
            if age < 0 {
                r.add(
                    2,
                    Msg::new("ev-after-reference")
                        .arg("latest", latest)
                        .arg("reference", reference.to_string()),
                );
            } else {
                let (fresh, stale) = (fresh_within(kind), stale_after(kind));
                let s = if age <= fresh {
                    3
                } else if age <= stale {
                    2
                } else if age <= 2 * stale {
                    1
                } else {
                    0
                };
                r.add(
                    s,
                    Msg::new("ev-age")
                        .arg("latest", latest)
                        .arg("age", Arg::Count(i64::from(age)))
                        .arg("reference", reference.to_string()),
                );
            }
        }
    }
    r.done(Dimension::Timeliness, None)
}

/// Is a licence text an open licence?
pub fn is_open_licence(licence: &str) -> bool {
    let l = licence.to_ascii_lowercase();
    let restricted = l.contains("-nc") || l.contains("noncommercial") || l.contains("restricted");
    !restricted
        && (l.contains("cc by")
            || l.contains("cc-by")
            || l.contains("cc0")
            || l.contains("creative commons")
            || l.contains("odbl")
            || l.contains("open government")
            || l.contains("open data")
            || l.contains("public domain")
            || l.contains("free reuse")
            || l.contains("free to use"))
}

fn accessibility(profile: &Profile, o: &Observation) -> DimensionScore {
    let mut points = 0u8;
    let mut ev: Vec<Msg> = Vec::new();
    match profile.source(&o.source) {
        None => ev.push(Msg::new("ev-source-unrecorded").arg("source", &o.source)),
        Some(s) => {
            if is_open_licence(&s.licence) {
                points += 1;
                ev.push(Msg::new("ev-open-licence").arg("licence", &s.licence));
            } else {
                ev.push(Msg::new("ev-closed-licence").arg("licence", &s.licence));
            }
            match (&s.file, &s.format) {
                (Some(_), Some(f)) if f != "manual" => {
                    points += 1;
                    let id = if s.sha256.is_some() {
                        "ev-machine-readable-sha"
                    } else {
                        "ev-machine-readable"
                    };
                    ev.push(Msg::new(id).arg("format", f));
                }
                (Some(_), _) => ev.push(Msg::new("ev-no-format")),
                (None, _) => ev.push(Msg::new("ev-manual")),
            }
            let mut meta: Vec<Arg> = Vec::new();
            for (present, id) in [
                (s.url.is_some(), "ev-meta-url"),
                (s.citation.is_some(), "ev-meta-citation"),
                (s.notes.is_some(), "ev-meta-notes"),
                (o.footnote.is_some(), "ev-meta-footnote"),
            ] {
                if present {
                    meta.push(Arg::Msg(Msg::new(id)));
                }
            }
            if meta.is_empty() {
                ev.push(Msg::new("ev-no-metadata"));
            } else {
                points += 1;
                ev.push(Msg::new("ev-metadata").arg("list", Arg::List(meta, Some(", "))));
            }
        }
    }
    DimensionScore {
        dimension: Dimension::Accessibility,
        score: points,
        evidence: ev,
    }
}

fn coherence(
    profile: &Profile,
    catalogue: &Catalogue,
    conflicts: &[super::reconcile::Conflict],
    o: &Observation,
    own: &[&Observation],
) -> DimensionScore {
    let mut r = Rules::new();
    let tol = profile.reconcile.tolerance;
    // Latest key (same disaggregation) where this source and others both have values,
    // including span-vs-years comparisons (the reconciliation's conflicts and agreements).
    // (position on the time axis, period, values by source)
    type Compared = (i64, String, Vec<(String, f64)>);
    let mut best: Option<Compared> = None;
    for c in conflicts.iter().filter(|c| {
        c.key.indicator == o.indicator
            && c.key.disaggregation == o.disaggregation
            && c.values.iter().any(|v| v.0 == o.source)
    }) {
        let at =
            Period::parse(&c.key.period).map_or(i64::MIN, |p| (p.axis_value() * 1000.0) as i64);
        if best.as_ref().is_none_or(|b| at > b.0) {
            best = Some((
                at,
                c.key.period.clone(),
                c.values.iter().map(|v| (v.0.clone(), v.1)).collect(),
            ));
        }
    }
    // Agreements (equal values) are not conflicts: look for them too.
    let mut agree_at: Option<(i64, String, String)> = None;
    let mut others: std::collections::HashMap<&str, Vec<&Observation>> =
        std::collections::HashMap::new();
    for x in profile
        .observations_of(&o.indicator)
        .filter(|x| x.source != o.source && x.disaggregation == o.disaggregation)
    {
        others.entry(x.period.as_str()).or_default().push(x);
    }
    for mine in own.iter().filter(|m| m.disaggregation == o.disaggregation) {
        for other in others
            .get(mine.period.as_str())
            .into_iter()
            .flatten()
            .filter(|x| x.value == mine.value)
        {
            let at = mine
                .parsed_period()
                .map_or(i64::MIN, |p| (p.axis_value() * 1000.0) as i64);
            if agree_at.as_ref().is_none_or(|b| at > b.0) {
                agree_at = Some((at, mine.period.clone(), other.source.clone()));
            }
        }
    }
    match (&best, &agree_at) {
        (Some((at, period, values)), agree) if agree.as_ref().is_none_or(|a| a.0 <= *at) => {
            let mine = values.iter().find(|v| v.0 == o.source).map(|v| v.1);
            let mut worst = 0.0f64;
            let mut worst_src = String::new();
            for (s, v) in values.iter().filter(|v| v.0 != o.source) {
                if let Some(m) = mine {
                    let d = relative_difference(&[m, *v]);
                    if d >= worst {
                        worst = d;
                        worst_src = s.clone();
                    }
                }
            }
            let name = catalogue
                .provider(provider_of(profile, &worst_src))
                .map_or(worst_src.clone(), |p| p.name.clone());
            let s = if worst <= tol {
                3
            } else if worst <= 3.0 * tol {
                2
            } else if worst <= 0.5 {
                1
            } else {
                0
            };
            let text = if worst <= tol {
                Msg::new("ev-agrees")
                    .arg("name", name)
                    .arg("tol", Arg::Pct(tol))
                    .arg("period", period)
                    .arg("diff", Arg::Pct(worst))
            } else {
                Msg::new("ev-differs")
                    .arg("name", name)
                    .arg("diff", Arg::Pct(worst))
                    .arg("period", period)
            };
            r.add(s, text);
        }
        (_, Some((_, period, other))) => {
            let name = catalogue
                .provider(provider_of(profile, other))
                .map_or(other.clone(), |p| p.name.clone());
            r.add(
                3,
                Msg::new("ev-same-value")
                    .arg("name", name)
                    .arg("period", period),
            );
        }
        (None, None) => r.add(2, Msg::new("ev-no-other")),
        _ => {}
    }
    // Series breaks and concept changes within this source.
    let provider = provider_of(profile, &o.source);
    let mut breaks: Vec<String> = own
        .iter()
        .filter(|x| {
            observation_flags(provider, x)
                .iter()
                .any(|(_, m)| *m == FlagMeaning::Break)
        })
        .map(|x| x.period.clone())
        .collect();
    breaks.sort();
    breaks.dedup();
    if !breaks.is_empty() {
        r.add(
            1,
            Msg::new("ev-break").arg(
                "periods",
                Arg::List(breaks.into_iter().map(Arg::Text).collect(), Some(", ")),
            ),
        );
    }
    let mut concepts: Vec<&str> = own.iter().filter_map(|x| x.concept.as_deref()).collect();
    concepts.sort();
    concepts.dedup();
    if concepts.len() > 1 {
        r.add(
            1,
            Msg::new("ev-concept-changes").arg(
                "concepts",
                Arg::List(concepts.into_iter().map(Arg::from).collect(), Some(", ")),
            ),
        );
    }
    r.done(Dimension::Coherence, None)
}

fn institutional(profile: &Profile, catalogue: &Catalogue, o: &Observation) -> DimensionScore {
    let provider = provider_of(profile, &o.source);
    let (score, mut text) = match catalogue.provider(provider).map(|p| p.family) {
        Some(Family::Government) => (3, Msg::new("ev-fam-government")),
        Some(Family::International) => (3, Msg::new("ev-fam-international")),
        Some(Family::Academia) => (2, Msg::new("ev-fam-academia")),
        Some(Family::CivilSociety) => (1, Msg::new("ev-fam-civil-society")),
        Some(Family::NonTraditional) => (1, Msg::new("ev-fam-non-traditional")),
        None => (0, Msg::new("ev-not-in-registry").arg("provider", provider)),
    };
    if let Some(n) = catalogue.provider(provider).map(|p| p.name.as_str()) {
        text = Msg::new("ev-named").arg("name", n).arg("text", text);
    }
    let mut evidence = vec![text];
    if !o.flags.is_empty() {
        evidence.push(Msg::new("ev-flags-kept").arg(
            "flags",
            Arg::List(o.flags.iter().map(Arg::from).collect(), Some(", ")),
        ));
    }
    DimensionScore {
        dimension: Dimension::Institutional,
        score,
        evidence,
    }
}
