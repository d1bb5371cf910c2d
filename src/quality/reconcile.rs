//! Reconciliation of values that several sources give for the same indicator, period and cell.
//!
//! # What is a conflict
//! Observations are grouped by [`ObsKey`] (indicator, period, disaggregation). A key with values
//! from two or more sources whose values are not all equal is a [`Conflict`]. In addition, a
//! value for a span of years (`2015-2020`, as World Population Prospects publishes) is compared
//! with another source's single years inside the span (`2015` .. `2019`: a span `a-b` covers the
//! `b - a` years from `a`, WPP periods running from 1 July of `a` to 30 June of `b`) when that
//! source gives every one of those years: summed for flows, counts and money (a period total),
//! averaged for stocks, rates, shares and scores. Such a conflict has the span's key and says so
//! in its reason.
//!
//! The relative difference is the largest between any two values:
//! `(max - min) / max(|max|, |min|)` (so 100 vs 88 is 12 %, and signs are handled).
//! A conflict above the profile's `reconcile.tolerance` without a recorded preference is
//! *unresolved*: `migprof check` fails on it.
//!
//! # Likely reasons
//! Read from the metadata kept with each value, written as sentences: different population
//! concepts (`observation.concept`), a residence rule or stock/flow wording in concepts or
//! footnotes, different reference periods, provider flags (Eurostat `p` provisional, `e`
//! estimated, `b` break, `d` definition differs; SDMX status codes; UN DESA data types
//! `B`/`C`/`I`/`R`), a statistical adjustment named in the dataset, notes, footnote or the
//! catalogue's mapping note for the provider's series (Eurostat `CNMIGRAT`), and
//! model-based estimates (World Population Prospects).
//!
//! # Which value the report uses
//! The profile's preference (`[preferred.<indicator>] source = "..."`) where recorded and that
//! source has a value for the key. Otherwise the **default order by provider family**:
//! - SDG and Global Compact indicators: international, government, academia, civil society,
//!   non-traditional. Their global monitoring uses the custodian agencies' series (UN DESA,
//!   UNHCR, IOM, World Bank, ILO...), which are validated with the countries and comparable
//!   across them, so a profile that reports on the SDG shows the same figure as the SDG database.
//! - Every other indicator: government, international, academia, civil society,
//!   non-traditional. A Migration Profile is country-owned, and national official statistics
//!   are the primary source from which the international series are mostly derived, with a lag.
//! - Academia before civil society (peer-reviewed method), non-traditional last (not
//!   representative, restricted), sources whose provider is not in the registry after all.
//! - Ties (same family) go to the source listed first in the profile.

use super::{number, percent, provider_of, relative_difference, source_label};
use crate::catalogue::{Catalogue, Kind};
use crate::i18n::{Arg, Lang, Msg};
use crate::model::{Family, ObsKey, Observation, Period};
use crate::profile::Profile;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

/// Several sources disagreeing on one value.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub key: ObsKey,
    /// (source id, value, flags) for each source, in profile order.
    pub values: Vec<(String, f64, Vec<String>)>,
    /// Largest relative difference between any two values (0.1 = 10 %).
    pub relative_difference: f64,
    /// Likely reasons shown by the metadata (different concept, reference date,
    /// provisional...), one sentence each, written in a language by [`Conflict::reason`].
    pub reasons: Vec<Msg>,
    /// Source chosen (by the profile's preference or the default order).
    pub chosen: String,
    /// Was the choice made by the user (a recorded preference)?
    pub resolved: bool,
}

impl Conflict {
    /// Is the difference above the tolerance with no preference recorded?
    pub fn is_unresolved(&self, tolerance: f64) -> bool {
        !self.resolved && self.relative_difference > tolerance
    }

    /// One clear paragraph for `migprof check` and the coherence annex: the values side by
    /// side, the difference, the likely reason and how to resolve it.
    pub fn describe(&self, profile: &Profile, catalogue: &Catalogue) -> String {
        let vals: Vec<String> = self
            .values
            .iter()
            .map(|(s, v, f)| {
                let flags = if f.is_empty() {
                    String::new()
                } else {
                    format!(" [flags {}]", f.join(","))
                };
                format!(
                    "{} = {}{flags}",
                    source_label(profile, catalogue, s),
                    number(*v)
                )
            })
            .collect();
        let mut out = format!(
            "sources disagree on {} {}{}: {}; difference {}",
            self.key.indicator,
            self.key.period,
            disaggregation_text(&self.key),
            vals.join(" vs "),
            percent(self.relative_difference),
        );
        if let Some(r) = self.reason(Lang::En) {
            out.push_str(&format!(". Likely reason: {r}"));
        }
        out
    }

    /// The likely reasons in `lang`, as one paragraph; `None` when the metadata shows none.
    pub fn reason(&self, lang: Lang) -> Option<String> {
        (!self.reasons.is_empty()).then(|| crate::i18n::join(lang, &self.reasons, " "))
    }

    /// The reasons with what depends on the period left out: conflicts of one indicator and
    /// cell with the same such reasons differ only in their period, and a report gives the
    /// reason once for all of them ([`Conflict::grouped_reason`]).
    pub fn period_free_reasons(&self) -> Vec<Msg> {
        self.reasons
            .iter()
            .map(|m| {
                if m.id == "rs-periods" {
                    let mut g = m.clone();
                    g.id = "rs-periods-grouped";
                    g.args
                        .retain(|(k, _)| !matches!(*k, "period" | "from" | "to"));
                    g
                } else {
                    m.clone()
                }
            })
            .collect()
    }

    /// How to record a preference for this conflict in the profile.
    pub fn resolve_hint(&self) -> String {
        format!(
            "to resolve, add to the profile:\n    [preferred.{}]\n    source = \"{}\"\n    justification = \"why this source is preferred\"\n  (or raise [reconcile] tolerance)",
            self.key.indicator, self.chosen
        )
    }
}

/// The reason shared by conflicts that differ only in their period (same
/// [`Conflict::period_free_reasons`]), in `lang`: the sentence on reference periods says what
/// holds for every one of them (each span against its single years, the span's first year to
/// the year before its last); the periods themselves are listed beside it.
pub fn grouped_reason(group: &[&Conflict], lang: Lang) -> Option<String> {
    let first = group.first()?;
    if group.len() == 1 {
        return first.reason(lang);
    }
    let msgs = first.period_free_reasons();
    (!msgs.is_empty()).then(|| crate::i18n::join(lang, &msgs, " "))
}

fn disaggregation_text(key: &ObsKey) -> String {
    if key.disaggregation.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = key
        .disaggregation
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!(" ({})", parts.join(", "))
}

/// Position of a family in the default order (lower = preferred).
pub fn family_rank(family: Option<Family>, tagged: bool) -> usize {
    match (family, tagged) {
        (Some(Family::International), true) => 0,
        (Some(Family::Government), true) => 1,
        (Some(Family::Government), false) => 0,
        (Some(Family::International), false) => 1,
        (Some(Family::Academia), _) => 2,
        (Some(Family::CivilSociety), _) => 3,
        (Some(Family::NonTraditional), _) => 4,
        (None, _) => 5,
    }
}

/// The source used for `indicator` among `candidates` (source ids): the recorded preference
/// when it is a candidate, else the default order (see the module docs). Returns the chosen
/// source and whether it came from a recorded preference.
pub fn choose_source<'a>(
    profile: &Profile,
    catalogue: &Catalogue,
    indicator: &str,
    candidates: &[&'a str],
) -> Option<(&'a str, bool)> {
    if let Some(p) = profile.preferred.get(indicator)
        && let Some(c) = candidates.iter().find(|c| **c == p.source)
    {
        return Some((c, true));
    }
    let tagged = catalogue
        .indicator(indicator)
        .is_some_and(|i| i.is_tagged());
    candidates
        .iter()
        .min_by_key(|c| {
            (
                family_rank(super::family_of(profile, catalogue, c), tagged),
                source_index(profile, c),
            )
        })
        .map(|c| (*c, false))
}

fn source_index(profile: &Profile, source: &str) -> usize {
    profile
        .sources
        .iter()
        .position(|s| s.id == source)
        .unwrap_or(usize::MAX)
}

/// A borrowed [`ObsKey`]: same fields, same order.
type KeyRef<'a> = (&'a str, &'a str, &'a BTreeMap<String, String>);

fn key_ref(o: &Observation) -> KeyRef<'_> {
    (&o.indicator, &o.period, &o.disaggregation)
}

/// Does a kind add up over time (period total = sum of the years)?
fn additive(kind: Option<Kind>) -> bool {
    matches!(kind, Some(Kind::Flow | Kind::Count | Kind::Money))
}

/// A value of another source aligned to a span key.
struct Aligned {
    source: String,
    value: f64,
    flags: Vec<String>,
    years: (i32, i32),
    summed: bool,
}

/// Values of other sources for the single years of a span key.
fn aligned_values(
    key: &ObsKey,
    groups: &FxHashMap<KeyRef<'_>, Vec<&Observation>>,
    present: &[&str],
    kind: Option<Kind>,
) -> Vec<Aligned> {
    let Some(Period::Span(a, b)) = Period::parse(&key.period) else {
        return Vec::new();
    };
    if b <= a {
        return Vec::new();
    }
    // source -> year -> observation
    let mut per_source: BTreeMap<&str, BTreeMap<i32, &Observation>> = BTreeMap::new();
    for y in a..b {
        let year = y.to_string();
        let k: KeyRef<'_> = (&key.indicator, &year, &key.disaggregation);
        for o in groups.get(&k).into_iter().flatten() {
            if !present.contains(&o.source.as_str()) {
                per_source
                    .entry(o.source.as_str())
                    .or_default()
                    .entry(y)
                    .or_insert(o);
            }
        }
    }
    let n = (b - a) as usize;
    let summed = additive(kind);
    per_source
        .into_iter()
        .filter(|(_, years)| years.len() == n)
        .map(|(source, years)| {
            let total: f64 = years.values().map(|o| o.value).sum();
            let mut flags: Vec<String> = years.values().flat_map(|o| o.flags.clone()).collect();
            flags.sort();
            flags.dedup();
            Aligned {
                source: source.to_string(),
                value: if summed { total } else { total / n as f64 },
                flags,
                years: (a, b - 1),
                summed,
            }
        })
        .collect()
}

/// Every key with values from more than one source whose values differ at all, plus span
/// values compared with another source's single years (see the module docs). Sorted by key.
pub fn conflicts(profile: &Profile, catalogue: &Catalogue) -> Vec<Conflict> {
    // Hash grouping: the ordered pass below only sorts the few candidate keys.
    let mut groups: FxHashMap<KeyRef<'_>, Vec<&Observation>> =
        FxHashMap::with_capacity_and_hasher(profile.observations.len(), Default::default());
    for o in &profile.observations {
        groups.entry(key_ref(o)).or_default().push(o);
    }
    let mut candidates: Vec<(KeyRef<'_>, &Vec<&Observation>)> = groups
        .iter()
        .filter(|(kr, obs)| {
            // Not a span, and one value (or all values equal): nothing to reconcile.
            let first = obs.first().map(|o| o.value);
            matches!(Period::parse(kr.1), Some(Period::Span(..)))
                || obs.iter().any(|o| Some(o.value) != first)
        })
        .map(|(kr, obs)| (*kr, obs))
        .collect();
    candidates.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    for (kr, obs) in candidates {
        let key = &ObsKey {
            indicator: kr.0.to_string(),
            period: kr.1.to_string(),
            disaggregation: kr.2.clone(),
        };
        // First value per source, sources in profile order.
        let mut firsts: Vec<&Observation> = Vec::new();
        for o in obs {
            if !firsts.iter().any(|f| f.source == o.source) {
                firsts.push(o);
            }
        }
        firsts.sort_by_key(|o| source_index(profile, &o.source));
        let present: Vec<&str> = firsts.iter().map(|o| o.source.as_str()).collect();
        let kind = catalogue.indicator(&key.indicator).map(|i| i.kind);
        let aligned = aligned_values(key, &groups, &present, kind);
        if firsts.len() + aligned.len() < 2 {
            continue;
        }
        let mut values: Vec<(String, f64, Vec<String>)> = firsts
            .iter()
            .map(|o| (o.source.clone(), o.value, o.flags.clone()))
            .collect();
        values.extend(
            aligned
                .iter()
                .map(|a| (a.source.clone(), a.value, a.flags.clone())),
        );
        values.sort_by_key(|(s, _, _)| source_index(profile, s));
        let nums: Vec<f64> = values.iter().map(|v| v.1).collect();
        let rd = relative_difference(&nums);
        if rd == 0.0 {
            continue;
        }
        let candidates: Vec<&str> = values.iter().map(|v| v.0.as_str()).collect();
        let Some((chosen, resolved)) =
            choose_source(profile, catalogue, &key.indicator, &candidates)
        else {
            continue;
        };
        out.push(Conflict {
            key: key.clone(),
            relative_difference: rd,
            reasons: explain(profile, catalogue, key, &firsts, &aligned),
            chosen: chosen.to_string(),
            resolved,
            values,
        });
    }
    out
}

/// Conflicts above the profile's tolerance without a recorded preference.
pub fn unresolved(profile: &Profile, catalogue: &Catalogue) -> Vec<Conflict> {
    conflicts(profile, catalogue)
        .into_iter()
        .filter(|c| c.is_unresolved(profile.reconcile.tolerance))
        .collect()
}

fn text_of(profile: &Profile, o: &Observation) -> String {
    let mut t = String::new();
    if let Some(s) = profile.source(&o.source) {
        t.push_str(&s.dataset);
        t.push(' ');
        if let Some(n) = &s.notes {
            t.push_str(n);
            t.push(' ');
        }
    }
    if let Some(f) = &o.footnote {
        t.push_str(f);
        t.push(' ');
    }
    if let Some(c) = &o.concept {
        t.push_str(c);
    }
    t.to_ascii_lowercase()
}

/// The catalogue's note on how a source's provider series maps to the indicator (e.g. Eurostat
/// CNMIGRAT: "Net migration plus statistical adjustment ...").
fn mapping_note<'c>(
    catalogue: &'c Catalogue,
    indicator: &str,
    src: &crate::model::Source,
) -> Option<&'c str> {
    let ind = catalogue.indicator(indicator)?;
    let mut maps = ind.mapping.iter().filter(|m| m.provider == src.provider);
    let first = maps.clone().next();
    maps.find(|m| src.format.as_deref() == Some(m.format.as_str()))
        .or(first)
        .and_then(|m| m.note.as_deref())
}

/// How a reader knows a source: the provider's name and the dataset, with no internal id.
pub fn reader_label(profile: &Profile, catalogue: &Catalogue, source: &str) -> String {
    match profile.source(source) {
        Some(s) => reader_name(s, catalogue),
        None => "an unrecorded source".to_string(),
    }
}

/// "Provider, dataset" of a source, said once where one contains the other: "World Bank: World
/// Development Indicators" (not followed by "World Development Indicators"), "UN DESA, Stock
/// 2020" (not "UN DESA, Stock, Stock 2020"). The dataset's title is in the provider's language
/// (English): it is compared with the registry's English name, so that a translated name is
/// not followed by the same title in English ("Banque mondiale : Indicateurs du développement
/// dans le monde, World Development Indicators").
pub fn reader_name(s: &crate::model::Source, catalogue: &Catalogue) -> String {
    let p = catalogue.provider(&s.provider);
    let provider = p.map_or_else(|| s.provider.clone(), |p| p.name.clone());
    let english = p
        .and_then(|p| p.english_name.as_deref())
        .unwrap_or(&provider);
    let (pl, dl) = (english.to_lowercase(), s.dataset.to_lowercase());
    let tail = pl.rsplit_once(", ").map(|(_, t)| t.to_string());
    if dl.trim().is_empty() || pl.contains(dl.trim()) {
        provider
    } else if dl.contains(pl.trim()) {
        s.dataset.clone()
    } else if let Some((head, _)) = tail
        .filter(|t| dl.starts_with(t.as_str()))
        .and_then(|_| provider.rsplit_once(", "))
    {
        format!("{head}, {}", s.dataset)
    } else {
        format!("{provider}, {}", s.dataset)
    }
}

/// A population concept in words.
pub fn concept_words(c: &str) -> Msg {
    match c {
        "foreign_born" => Msg::new("rs-c-foreign-born"),
        "foreign_citizen" | "foreign_citizens" => Msg::new("rs-c-foreign-citizens"),
        "all_citizenships" => Msg::new("rs-c-all-citizenships"),
        other => Msg::new("rs-c-other").arg("concept", other.replace('_', " ")),
    }
}

/// The name of a past territory for readers (the present territory when none).
fn territory_words(t: Option<&str>) -> Msg {
    let Some(id) = t else {
        return Msg::new("rs-present-territory");
    };
    crate::country::Countries::embedded_shared()
        .and_then(|c| c.territory(id))
        .map_or_else(
            || Msg::new("rs-former-territory"),
            |t| Msg::new("rs-territory").arg("name", &t.name),
        )
}

/// What differs between the values in a reader's words: territory, revision, projection,
/// coverage of the period. These come first: they make a comparison meaningless.
fn meaning_differences(
    firsts: &[&Observation],
    label: &dyn Fn(&str) -> String,
    same_provider: bool,
) -> Vec<Msg> {
    let mut out = Vec::new();
    let distinct = |f: &dyn Fn(&Observation) -> Option<String>| -> bool {
        let mut v: Vec<Option<String>> = firsts.iter().map(|o| f(o)).collect();
        v.sort();
        v.dedup();
        v.len() > 1
    };
    if distinct(&|o| o.territory.clone()) {
        let parts: Vec<Arg> = firsts
            .iter()
            .map(|o| {
                Arg::Msg(
                    Msg::new("rs-refers-to")
                        .arg("source", label(&o.source))
                        .arg("territory", territory_words(o.territory.as_deref())),
                )
            })
            .collect();
        out.push(Msg::new("rs-territories").arg("parts", Arg::List(parts, Some(", "))));
    }
    if distinct(&|o| o.revision.clone()) {
        let parts: Vec<Arg> = firsts
            .iter()
            .map(|o| {
                Arg::Msg(match &o.revision {
                    Some(r) => Msg::new("rs-revision-of")
                        .arg("source", label(&o.source))
                        .arg("revision", r),
                    None => Msg::new("rs-revision-unstated").arg("source", label(&o.source)),
                })
            })
            .collect();
        out.push(
            Msg::new("rs-revisions")
                .arg("same", if same_provider { "yes" } else { "no" })
                .arg("parts", Arg::List(parts, Some(", "))),
        );
    }
    let projected: Vec<Arg> = firsts
        .iter()
        .filter(|o| o.is_projection())
        .map(|o| Arg::Text(label(&o.source)))
        .collect();
    if !projected.is_empty() && projected.len() < firsts.len() {
        out.push(Msg::new("rs-projection").arg("sources", Arg::And(projected)));
    }
    if distinct(&|o| o.is_shifted_year().then(|| o.coverage.clone()).flatten()) {
        for o in firsts.iter().filter(|o| o.is_shifted_year()) {
            out.push(
                Msg::new("rs-shifted-year")
                    .arg("source", label(&o.source))
                    .arg("coverage", o.coverage.as_deref().unwrap_or_default()),
            );
        }
    }
    for o in firsts.iter().filter(|o| o.is_partial()) {
        out.push(
            Msg::new("rs-partial")
                .arg("source", label(&o.source))
                .arg("coverage", o.coverage.as_deref().unwrap_or_default()),
        );
    }
    out
}

fn explain(
    profile: &Profile,
    catalogue: &Catalogue,
    key: &ObsKey,
    firsts: &[&Observation],
    aligned: &[Aligned],
) -> Vec<Msg> {
    let label = |s: &str| reader_label(profile, catalogue, s);
    let mut providers: Vec<&str> = firsts
        .iter()
        .map(|o| provider_of(profile, &o.source))
        .collect();
    providers.sort_unstable();
    providers.dedup();
    let mut sentences: Vec<Msg> = meaning_differences(firsts, &label, providers.len() == 1);

    // Reference periods.
    for a in aligned {
        let spans: Vec<Arg> = firsts.iter().map(|o| Arg::Text(label(&o.source))).collect();
        sentences.push(
            Msg::new("rs-periods")
                .arg("spans", Arg::And(spans))
                .arg("period", &key.period)
                .arg("source", label(&a.source))
                .arg("from", a.years.0.to_string())
                .arg("to", a.years.1.to_string())
                .arg("how", if a.summed { "summed" } else { "averaged" }),
        );
    }

    // Population concepts.
    let concepts: Vec<(&str, &str)> = firsts
        .iter()
        .filter_map(|o| o.concept.as_deref().map(|c| (o.source.as_str(), c)))
        .collect();
    let mut distinct: Vec<&str> = concepts.iter().map(|c| c.1).collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() > 1 {
        sentences.push(Msg::new("rs-concepts").arg("parts", counts(&concepts, &label)));
    } else if distinct.len() == 1
        && concepts.len() < firsts.len()
        && sentences.is_empty()
        // Not a migrant-population concept on an indicator that has none (a total population
        // an import labelled with its dataset's concept).
        && (catalogue
            .indicator(&key.indicator)
            .is_some_and(|i| i.concept.is_some())
            || !distinct
                .iter()
                .all(|c| matches!(*c, "foreign_born" | "foreign_citizen" | "foreign_citizens")))
    {
        let silent: Vec<Arg> = firsts
            .iter()
            .filter(|o| o.concept.is_none())
            .map(|o| Arg::Text(label(&o.source)))
            .collect();
        sentences.push(
            Msg::new("rs-concepts-may")
                .arg("parts", counts(&concepts, &label))
                .arg("silent", Arg::And(silent)),
        );
    }

    // Stock vs flow and residence rule, from concepts and footnotes.
    let texts: Vec<(&str, String)> = firsts
        .iter()
        .map(|o| (o.source.as_str(), text_of(profile, o)))
        .collect();
    let stock: Vec<&str> = texts
        .iter()
        .filter(|t| t.1.contains("stock") || t.1.contains("pending"))
        .map(|t| t.0)
        .collect();
    let flow: Vec<&str> = texts
        .iter()
        .filter(|t| t.1.contains("flow") || t.1.contains("during the year"))
        .map(|t| t.0)
        .collect();
    if let (Some(s), Some(f)) = (stock.first(), flow.iter().find(|f| !stock.contains(f))) {
        sentences.push(
            Msg::new("rs-stock-flow")
                .arg("stock", label(s))
                .arg("flow", label(f)),
        );
    }
    for (s, t) in &texts {
        if t.contains("residen") {
            sentences.push(Msg::new("rs-residence").arg("source", label(s)));
        }
    }

    // Provider flags.
    for o in firsts {
        let provider = provider_of(profile, &o.source);
        let meanings = super::observation_flags(provider, o);
        let mut phrases: Vec<Arg> = Vec::new();
        for (flag, m) in &meanings {
            use super::FlagMeaning as F;
            let p = match m {
                F::Provisional => "rs-f-provisional",
                F::Estimated => "rs-f-estimated",
                F::Forecast => "rs-f-forecast",
                F::Break => "rs-f-break",
                F::DefinitionDiffers => "rs-f-definition",
                F::Imputed | F::UndesaImputed => "rs-f-imputed",
                F::UndesaCitizenship => "rs-f-citizenship",
                F::UndesaRefugeesAdded => "rs-f-refugees",
                F::Redacted => "rs-f-redacted",
                F::LowReliability => "rs-f-low",
                _ => continue,
            };
            phrases.push(Arg::Msg(
                Msg::new("rs-flagged")
                    .arg("phrase", Msg::new(p))
                    .arg("flag", flag),
            ));
        }
        phrases.dedup();
        if !phrases.is_empty() {
            sentences.push(
                Msg::new("rs-value-is")
                    .arg("source", label(&o.source))
                    .arg("phrases", Arg::List(phrases, Some(", "))),
            );
        }
    }
    for a in aligned {
        let provider = provider_of(profile, &a.source);
        let provisional = a
            .flags
            .iter()
            .any(|f| super::flag_meanings(provider, f).contains(&super::FlagMeaning::Provisional));
        if provisional {
            sentences.push(Msg::new("rs-yearly-provisional").arg("source", label(&a.source)));
        }
    }

    // Statistical adjustment and model estimates.
    let all_sources: Vec<&str> = firsts
        .iter()
        .map(|o| o.source.as_str())
        .chain(aligned.iter().map(|a| a.source.as_str()))
        .collect();
    let mut wpp: Vec<Arg> = Vec::new();
    for s in &all_sources {
        let mut t = String::new();
        if let Some(src) = profile.source(s) {
            t = format!(
                "{} {} {}",
                src.dataset,
                src.notes.as_deref().unwrap_or_default(),
                mapping_note(catalogue, &key.indicator, src).unwrap_or_default()
            )
            .to_ascii_lowercase();
        }
        if let Some(o) = firsts.iter().find(|o| o.source == *s)
            && let Some(f) = &o.footnote
        {
            t.push_str(&f.to_ascii_lowercase());
        }
        if t.contains("adjustment") {
            sentences.push(Msg::new("rs-adjustment").arg("source", label(s)));
        }
        if t.contains("world population prospects") || t.contains("wpp") {
            wpp.push(Arg::Text(label(s)));
        }
    }
    match wpp.len() {
        0 => {}
        1 => sentences.push(Msg::new("rs-wpp-one").arg("source", Arg::And(wpp))),
        n => sentences.push(
            Msg::new("rs-wpp-many")
                .arg("count", Arg::Count(n as i64))
                .arg("sources", Arg::And(wpp)),
        ),
    }
    sentences
}

/// "A counts the foreign-born population, B counts foreign citizens".
fn counts(concepts: &[(&str, &str)], label: &dyn Fn(&str) -> String) -> Arg {
    Arg::List(
        concepts
            .iter()
            .map(|(s, c)| {
                Arg::Msg(
                    Msg::new("rs-counts")
                        .arg("source", label(s))
                        .arg("concept", concept_words(c)),
                )
            })
            .collect(),
        Some(", "),
    )
}

/// The value the report uses for each (indicator, period, disaggregation): the preferred
/// source's where the profile records one (and it has a value for the key), else the first
/// source in the default family order (see the module docs). Sorted by key.
///
/// A series (one indicator and disaggregation) is not stitched from sources that do not fit
/// together: the series' own source (the one [`used_source`]-style choice over all its periods)
/// gives every value it has; another source's value is used only for a period of the same kind
/// (year, span of years, quarter, month) that lies before or after the main source's coverage.
/// So World Bank annual net migration is never interleaved with WPP five-year totals, while a
/// legacy export may extend a newer one backwards in time.
pub fn preferred_values<'a>(profile: &'a Profile, catalogue: &Catalogue) -> Vec<&'a Observation> {
    let obs = &profile.observations;
    let ranker = Ranker::new(profile, catalogue);
    // Series (indicator, disaggregation) ids, by one stable sort of the observations.
    let mut order: Vec<usize> = (0..obs.len()).collect();
    order.sort_by(|&x, &y| {
        (obs[x].indicator.as_str(), &obs[x].disaggregation)
            .cmp(&(obs[y].indicator.as_str(), &obs[y].disaggregation))
    });
    let mut series_of: Vec<usize> = vec![0; obs.len()];
    let mut first_of: Vec<usize> = Vec::new();
    for &i in &order {
        let new = first_of.last().is_none_or(|&f| {
            obs[f].indicator != obs[i].indicator || obs[f].disaggregation != obs[i].disaggregation
        });
        if new {
            first_of.push(i);
        }
        series_of[i] = first_of.len() - 1;
    }
    // Main source per series: sources in profile order of their first value.
    let mut sources: Vec<Vec<&str>> = vec![Vec::new(); first_of.len()];
    for (i, o) in obs.iter().enumerate() {
        let v = &mut sources[series_of[i]];
        if !v.contains(&o.source.as_str()) {
            v.push(o.source.as_str());
        }
    }
    let chosen: Vec<Option<(&str, bool)>> = sources
        .iter()
        .zip(&first_of)
        .map(|(c, &f)| ranker.choose(&obs[f].indicator, c))
        .collect();
    let main: Vec<Option<&str>> = chosen.iter().map(|m| m.map(|m| m.0)).collect();
    // A source the user chose for the indicator (`[preferred]`) is the series: other sources
    // do not extend it before or after its periods (that would join two datasets silently).
    let by_choice: Vec<bool> = chosen.iter().map(|m| m.is_some_and(|m| m.1)).collect();
    // Coverage of the main source: period kinds and the range of axis values.
    let mut cover: Vec<Option<(Vec<u8>, f64, f64)>> = vec![None; first_of.len()];
    for (i, o) in obs.iter().enumerate() {
        let k = series_of[i];
        if main[k] != Some(o.source.as_str()) {
            continue;
        }
        let Some(p) = o.parsed_period() else { continue };
        let e = cover[k].get_or_insert((Vec::new(), f64::MAX, f64::MIN));
        let kind = period_kind(&p);
        if !e.0.contains(&kind) {
            e.0.push(kind);
        }
        e.1 = e.1.min(p.axis_value());
        e.2 = e.2.max(p.axis_value());
    }
    preferred_per_key(profile, &ranker)
        .into_iter()
        .filter(|&i| {
            let o = &obs[i];
            let k = series_of[i];
            if main[k] == Some(o.source.as_str()) {
                return true;
            }
            if by_choice[k] {
                return false;
            }
            let (Some((kinds, lo, hi)), Some(p)) = (&cover[k], o.parsed_period()) else {
                return true;
            };
            kinds.contains(&period_kind(&p)) && (p.axis_value() < *lo || p.axis_value() > *hi)
        })
        .map(|i| &obs[i])
        .collect()
}

fn period_kind(p: &crate::model::Period) -> u8 {
    use crate::model::Period;
    match p {
        Period::Year(_) => 0,
        Period::Span(..) => 1,
        Period::Quarter(..) => 2,
        Period::Month(..) => 3,
        Period::Half(..) => 4,
    }
}

/// [`choose_source`] with each profile source's family and position looked up once.
struct Ranker<'p, 'c> {
    profile: &'p Profile,
    catalogue: &'c Catalogue,
    /// source id -> (family, position in the profile); the first source with an id wins.
    known: HashMap<&'p str, (Option<Family>, usize)>,
}

impl<'p, 'c> Ranker<'p, 'c> {
    fn new(profile: &'p Profile, catalogue: &'c Catalogue) -> Self {
        let mut known = HashMap::new();
        for (i, s) in profile.sources.iter().enumerate() {
            known
                .entry(s.id.as_str())
                .or_insert_with(|| (super::family_of(profile, catalogue, &s.id), i));
        }
        Ranker {
            profile,
            catalogue,
            known,
        }
    }

    /// Same result as [`choose_source`].
    fn choose<'a>(&self, indicator: &str, candidates: &[&'a str]) -> Option<(&'a str, bool)> {
        if let Some(p) = self.profile.preferred.get(indicator)
            && let Some(c) = candidates.iter().find(|c| **c == p.source)
        {
            return Some((c, true));
        }
        let tagged = self
            .catalogue
            .indicator(indicator)
            .is_some_and(|i| i.is_tagged());
        candidates
            .iter()
            .min_by_key(|c| {
                let (family, index) = match self.known.get(**c) {
                    Some(&k) => k,
                    None => (
                        super::family_of(self.profile, self.catalogue, c),
                        usize::MAX,
                    ),
                };
                (family_rank(family, tagged), index)
            })
            .map(|c| (*c, false))
    }
}

/// Index of the chosen observation of every key, sorted by key.
fn preferred_per_key(profile: &Profile, ranker: &Ranker) -> Vec<usize> {
    let obs = &profile.observations;
    // Keys by one stable sort: each key is one run, its observations in profile order.
    let mut order: Vec<usize> = (0..obs.len()).collect();
    order.sort_by(|&x, &y| key_ref(&obs[x]).cmp(&key_ref(&obs[y])));
    let mut out = Vec::new();
    for group in order.chunk_by(|&x, &y| key_ref(&obs[x]) == key_ref(&obs[y])) {
        let Some(&first) = group.first() else {
            continue;
        };
        let mut candidates: Vec<&str> = Vec::new();
        for &i in group {
            if !candidates.contains(&obs[i].source.as_str()) {
                candidates.push(obs[i].source.as_str());
            }
        }
        let chosen = ranker
            .choose(&obs[first].indicator, &candidates)
            .map(|c| c.0);
        if let Some(&i) = group
            .iter()
            .find(|&&i| Some(obs[i].source.as_str()) == chosen)
        {
            out.push(i);
        }
    }
    out
}

/// The source the report uses for an indicator's latest total (for scores and gaps).
pub fn used_source<'a>(
    profile: &'a Profile,
    catalogue: &Catalogue,
    indicator: &'a str,
) -> Option<&'a str> {
    let mut candidates: Vec<&str> = Vec::new();
    for o in profile.observations_of(indicator) {
        if !candidates.contains(&o.source.as_str()) {
            candidates.push(o.source.as_str());
        }
    }
    choose_source(profile, catalogue, indicator, &candidates).map(|c| c.0)
}
