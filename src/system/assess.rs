//! The data assessment: each instrument of the profile held against the recommended topics the
//! profile's indicators need. The result is a matrix (instrument x topic: collected, partly,
//! not, unknown) and instrument-level gaps, which feed the drafted action plan beside the
//! indicator gaps.
//!
//! An instrument *should* collect a topic when the topic is needed by an indicator that the
//! profile selects and that instruments of its kind produce (the registry entry of the kind,
//! e.g. `gov_nso_lfs` for a labour force survey, lists the indicators it covers).

use super::model::{ActionStatus, Agency, AgencyKind, Coverage, Instrument, InstrumentKind};
use super::topics::Topics;
use crate::catalogue::Catalogue;
use crate::i18n::{Lang, english, t};
use crate::profile::{ActionItem, Profile};
use crate::quality::gaps::is_important;
use crate::template::Template;
use serde::Serialize;
use std::collections::BTreeSet;

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub topic: String,
    pub coverage: Coverage,
    /// Should the instrument collect it (see the module docs)?
    pub expected: bool,
}

/// One instrument's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub instrument: String,
    pub name: String,
    pub agency: String,
    pub cells: Vec<Cell>,
}

/// A topic an instrument should collect and does not (fully, or not known to).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstrumentGap {
    pub instrument: String,
    pub agency: String,
    pub topic: String,
    pub coverage: Coverage,
    /// The selected indicators it stops (in catalogue order of the topic).
    pub indicators: Vec<String>,
    /// "The ENOE labour force survey (INEGI) does not collect country of birth: ..."
    pub sentence: String,
}

/// The whole assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Topics the profile's selected indicators need, in catalogue order.
    pub topics: Vec<String>,
    pub rows: Vec<Row>,
    pub gaps: Vec<InstrumentGap>,
    /// Needed topics that no instrument is recorded as collecting (fully or partly).
    pub uncovered: Vec<String>,
}

fn covers(catalogue: &Catalogue, kind: InstrumentKind) -> BTreeSet<&str> {
    kind.provider()
        .and_then(|p| catalogue.provider(p))
        .map(|p| p.covers.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Indicator names, at most three, then "and N more".
pub fn names(catalogue: &Catalogue, ids: &[String]) -> String {
    names_in(Lang::En, catalogue, ids)
}

/// [`names`] in `lang` (the names are the catalogue's: pass a localised one).
pub fn names_in(lang: Lang, catalogue: &Catalogue, ids: &[String]) -> String {
    let mut shown: Vec<String> = ids
        .iter()
        .take(3)
        .map(|i| catalogue.indicator(i).map_or(i.clone(), |x| x.name.clone()))
        .collect();
    if ids.len() > 3 {
        shown.push(t(
            lang,
            "sys-more",
            &[("n", (ids.len() - 3).to_string().into())],
        ));
    }
    and_list(lang, shown)
}

/// `a, b and c` in `lang`.
fn and_list(lang: Lang, mut items: Vec<String>) -> String {
    match items.len() {
        0 => String::new(),
        1 => items.remove(0),
        n => format!(
            "{} {} {}",
            items[..n - 1].join(", "),
            t(lang, "list-and", &[]),
            items[n - 1]
        ),
    }
}

/// "the Encuesta Nacional de Ocupación y Empleo (ENOE), the labour force survey of INEGI,".
pub fn instrument_phrase(ins: &Instrument, agency: Option<&Agency>) -> String {
    instrument_phrase_in(Lang::En, ins, agency, false)
}

/// [`instrument_phrase`] in `lang`, capitalised to begin a sentence when `start`.
fn instrument_phrase_in(
    lang: Lang,
    ins: &Instrument,
    agency: Option<&Agency>,
    start: bool,
) -> String {
    t(
        lang,
        if start {
            "sys-instrument-start"
        } else {
            "sys-instrument"
        },
        &[
            ("name", ins.name.clone().into()),
            ("kind", english(lang, ins.kind.label()).into()),
            (
                "agency",
                agency
                    .map_or(ins.agency.as_str(), |a| a.name.as_str())
                    .to_string()
                    .into(),
            ),
        ],
    )
}

/// The consequence of an instrument-level gap in `lang`: what the instrument does not
/// (fully, or not known to) collect and which indicators that stops. The names are the
/// catalogue's (pass a localised one).
pub fn gap_sentence(
    lang: Lang,
    g: &InstrumentGap,
    profile: &Profile,
    catalogue: &Catalogue,
    topics: &Topics,
) -> String {
    let Some(ins) = profile.instruments.iter().find(|i| i.id == g.instrument) else {
        return g.sentence.clone();
    };
    let agency = profile.agencies.iter().find(|a| a.id == ins.agency);
    let topic = topics.get(&g.topic).map_or(g.topic.clone(), |x| {
        lower_first(&crate::i18n::topic_name(lang, x))
    });
    let list = names_in(lang, catalogue, &g.indicators);
    let id = match g.coverage {
        Coverage::Not => "sys-gap-not",
        Coverage::Partly => "sys-gap-partly",
        _ => "sys-gap-unknown",
    };
    t(
        lang,
        id,
        &[
            (
                "what",
                instrument_phrase_in(lang, ins, agency, id != "sys-gap-unknown").into(),
            ),
            ("topic", topic.into()),
            ("list", list.into()),
            ("count", (g.indicators.len() as f64).into()),
            (
                "agency",
                agency
                    .map_or(ins.agency.as_str(), |a| a.name.as_str())
                    .to_string()
                    .into(),
            ),
        ],
    )
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if !s.starts_with("ILO") && !s.starts_with("UN ") => {
            f.to_lowercase().collect::<String>() + c.as_str()
        }
        _ => s.to_string(),
    }
}

/// Assess the profile's instruments.
pub fn assess(
    profile: &Profile,
    catalogue: &Catalogue,
    topics: &Topics,
    template: &Template,
) -> Assessment {
    let needed: BTreeSet<String> = template
        .selected_indicators(&profile.modules)
        .into_iter()
        .collect();
    let needed_topics: Vec<&super::topics::Topic> = topics
        .topics
        .iter()
        .filter(|t| t.indicators.iter().any(|i| needed.contains(i)))
        .collect();
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    for ins in &profile.instruments {
        let kind_covers = covers(catalogue, ins.kind);
        let mut cells = Vec::new();
        for t in &needed_topics {
            let affected: Vec<String> = t
                .indicators
                .iter()
                .filter(|i| needed.contains(*i) && kind_covers.contains(i.as_str()))
                .cloned()
                .collect();
            let coverage = ins.coverage(&t.id);
            let expected = !affected.is_empty();
            cells.push(Cell {
                topic: t.id.clone(),
                coverage,
                expected,
            });
            if !expected || coverage == Coverage::Collected {
                continue;
            }
            let mut gap = InstrumentGap {
                instrument: ins.id.clone(),
                agency: ins.agency.clone(),
                topic: t.id.clone(),
                coverage,
                indicators: affected,
                sentence: String::new(),
            };
            gap.sentence = gap_sentence(Lang::En, &gap, profile, catalogue, topics);
            gaps.push(gap);
        }
        rows.push(Row {
            instrument: ins.id.clone(),
            name: ins.name.clone(),
            agency: ins.agency.clone(),
            cells,
        });
    }
    let uncovered = needed_topics
        .iter()
        .filter(|t| {
            !profile
                .instruments
                .iter()
                .any(|i| matches!(i.coverage(&t.id), Coverage::Collected | Coverage::Partly))
        })
        .map(|t| t.id.clone())
        .collect();
    Assessment {
        topics: needed_topics.iter().map(|t| t.id.clone()).collect(),
        rows,
        gaps,
        uncovered,
    }
}

fn topic_names(lang: Lang, topics: &Topics, ids: &[&str]) -> String {
    let n: Vec<String> = ids
        .iter()
        .map(|id| {
            topics.get(id).map_or(id.to_string(), |t| {
                lower_first(&crate::i18n::topic_name(lang, t))
            })
        })
        .collect();
    and_list(lang, n)
}

/// Draft action-plan entries from the instrument-level gaps: per instrument, one to add the
/// topics it does not (fully) collect, one to find out about the topics not recorded; each
/// names the instrument and the responsible agency.
pub fn draft_actions(
    a: &Assessment,
    profile: &Profile,
    catalogue: &Catalogue,
    topics: &Topics,
) -> Vec<ActionItem> {
    draft_actions_in(a, profile, catalogue, topics, Lang::En)
}

/// [`draft_actions`] written in `lang` (actions and resources; priorities and timeframes stay
/// the stored English ids, translated when shown).
pub fn draft_actions_in(
    a: &Assessment,
    profile: &Profile,
    catalogue: &Catalogue,
    topics: &Topics,
    lang: Lang,
) -> Vec<ActionItem> {
    let mut out = Vec::new();
    let nso: Vec<String> = profile
        .agencies
        .iter()
        .filter(|x| x.kind == AgencyKind::StatisticsOffice)
        .map(|x| x.id.clone())
        .collect();
    for ins in &profile.instruments {
        let agency = profile.agencies.iter().find(|x| x.id == ins.agency);
        let who = agency.map_or(ins.agency.clone(), |x| x.name.clone());
        let partners: Vec<String> = nso.iter().filter(|n| **n != ins.agency).cloned().collect();
        let of: Vec<&InstrumentGap> = a.gaps.iter().filter(|g| g.instrument == ins.id).collect();
        let change: Vec<&InstrumentGap> = of
            .iter()
            .copied()
            .filter(|g| matches!(g.coverage, Coverage::Not | Coverage::Partly))
            .collect();
        let unknown: Vec<&InstrumentGap> = of
            .iter()
            .copied()
            .filter(|g| g.coverage == Coverage::Unknown)
            .collect();
        let indicators = |gs: &[&InstrumentGap]| -> Vec<String> {
            let mut v: Vec<String> = Vec::new();
            for g in gs {
                for i in &g.indicators {
                    if !v.contains(i) {
                        v.push(i.clone());
                    }
                }
            }
            v
        };
        let survey = matches!(
            ins.kind,
            InstrumentKind::Census
                | InstrumentKind::LabourForceSurvey
                | InstrumentKind::HouseholdSurvey
        );
        if !change.is_empty() {
            let ids: Vec<&str> = change.iter().map(|g| g.topic.as_str()).collect();
            let inds = indicators(&change);
            let important = inds.iter().any(|i| is_important(catalogue, i));
            let (how, timeframe, resources) = if survey {
                (
                    "sys-act-add",
                    if ins.kind == InstrumentKind::Census {
                        "next census round"
                    } else {
                        "12 months"
                    },
                    "sys-res-survey",
                )
            } else {
                ("sys-act-record", "24 months", "sys-res-register")
            };
            let resources = t(lang, resources, &[]);
            out.push(ActionItem {
                indicator: inds.first().cloned().unwrap_or_default(),
                action: t(
                    lang,
                    how,
                    &[
                        ("topics", topic_names(lang, topics, &ids).into()),
                        ("instrument", ins.name.clone().into()),
                        ("agency", who.clone().into()),
                        ("list", names_in(lang, catalogue, &inds).into()),
                    ],
                ),
                responsible: who.clone(),
                priority: if important { "high" } else { "medium" }.to_string(),
                timeframe: timeframe.to_string(),
                providers: ins
                    .kind
                    .provider()
                    .map(|p| vec![p.to_string()])
                    .unwrap_or_default(),
                generated: true,
                agency: Some(ins.agency.clone()),
                instrument: Some(ins.id.clone()),
                partners: partners.clone(),
                resources: Some(resources),
                status: Some(ActionStatus::Planned),
                ..ActionItem::default()
            });
        }
        if !unknown.is_empty() {
            let ids: Vec<&str> = unknown.iter().map(|g| g.topic.as_str()).collect();
            let inds = indicators(&unknown);
            out.push(ActionItem {
                indicator: inds.first().cloned().unwrap_or_default(),
                action: t(
                    lang,
                    "sys-act-ask",
                    &[
                        ("agency", who.clone().into()),
                        ("instrument", ins.name.clone().into()),
                        ("topics", topic_names(lang, topics, &ids).into()),
                        ("list", names_in(lang, catalogue, &inds).into()),
                    ],
                ),
                responsible: who.clone(),
                priority: "medium".to_string(),
                timeframe: "3 months".to_string(),
                providers: ins
                    .kind
                    .provider()
                    .map(|p| vec![p.to_string()])
                    .unwrap_or_default(),
                generated: true,
                agency: Some(ins.agency.clone()),
                instrument: Some(ins.id.clone()),
                resources: Some(t(lang, "sys-res-ask", &[])),
                status: Some(ActionStatus::Planned),
                ..ActionItem::default()
            });
        }
    }
    out
}

/// The drafted action plan with the data system: indicator actions whose providers include the
/// kind of one of the profile's instruments name that instrument and its agency, then the
/// instrument-level actions follow. A profile without a data system gets `indicator_actions`
/// unchanged.
pub fn with_system(
    profile: &Profile,
    catalogue: &Catalogue,
    template: &Template,
    indicator_actions: Vec<ActionItem>,
) -> Vec<ActionItem> {
    with_system_in(
        profile,
        catalogue,
        template,
        indicator_actions,
        crate::i18n::Lang::En,
    )
}

/// [`with_system`] written in `lang`: the sentence naming the instrument and the
/// instrument-level actions.
pub fn with_system_in(
    profile: &Profile,
    catalogue: &Catalogue,
    template: &Template,
    indicator_actions: Vec<ActionItem>,
    lang: crate::i18n::Lang,
) -> Vec<ActionItem> {
    if !super::has_data_system(profile) {
        return indicator_actions;
    }
    let Ok(topics) = catalogue.topics() else {
        return indicator_actions;
    };
    let mut out: Vec<ActionItem> = indicator_actions
        .into_iter()
        .map(|mut a| {
            let found = profile.instruments.iter().find(|ins| {
                ins.kind
                    .provider()
                    .is_some_and(|p| a.providers.iter().any(|x| x == p))
                    && covers(catalogue, ins.kind).contains(a.indicator.as_str())
            });
            if let Some(ins) = found {
                let agency = profile.agencies.iter().find(|x| x.id == ins.agency);
                let who = agency.map_or(ins.agency.clone(), |x| x.name.clone());
                let here = crate::i18n::t(
                    lang,
                    "q-act-in-country",
                    &[
                        ("who", who.clone().into()),
                        ("instrument", ins.name.clone().into()),
                    ],
                );
                a.action = format!("{} {here}", a.action.trim_end());
                a.responsible = who;
                a.agency = Some(ins.agency.clone());
                a.instrument = Some(ins.id.clone());
            }
            a
        })
        .collect();
    let assessment = assess(profile, catalogue, topics, template);
    out.extend(draft_actions_in(
        &assessment,
        profile,
        catalogue,
        topics,
        lang,
    ));
    out
}
