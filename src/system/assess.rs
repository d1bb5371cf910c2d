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
    let mut shown: Vec<String> = ids
        .iter()
        .take(3)
        .map(|i| catalogue.indicator(i).map_or(i.clone(), |x| x.name.clone()))
        .collect();
    if ids.len() > 3 {
        shown.push(format!("{} more", ids.len() - 3));
    }
    match shown.len() {
        0 => String::new(),
        1 => shown.remove(0),
        n => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
    }
}

/// "the Encuesta Nacional de Ocupación y Empleo (ENOE), the labour force survey of INEGI,".
pub fn instrument_phrase(ins: &Instrument, agency: Option<&Agency>) -> String {
    format!(
        "the {}, the {} of {},",
        ins.name,
        ins.kind.label(),
        agency.map_or(ins.agency.as_str(), |a| a.name.as_str())
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
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
        let agency = profile.agencies.iter().find(|a| a.id == ins.agency);
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
            let what = instrument_phrase(ins, agency);
            let topic = lower_first(&t.name);
            let list = names(catalogue, &affected);
            let sentence = match coverage {
                Coverage::Not => {
                    format!(
                        "{} does not collect {topic}: {list} cannot be produced from it.",
                        capitalise(&what)
                    )
                }
                Coverage::Partly => format!(
                    "{} collects {topic} only in part: {list} from it are incomplete.",
                    capitalise(&what)
                ),
                _ => format!(
                    "It is not recorded whether {what} collects {topic}, which {list} need{}; ask {}.",
                    if affected.len() == 1 { "s" } else { "" },
                    agency.map_or(ins.agency.as_str(), |a| a.name.as_str())
                ),
            };
            gaps.push(InstrumentGap {
                instrument: ins.id.clone(),
                agency: ins.agency.clone(),
                topic: t.id.clone(),
                coverage,
                indicators: affected,
                sentence,
            });
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

fn topic_names(topics: &Topics, ids: &[&str]) -> String {
    let n: Vec<String> = ids
        .iter()
        .map(|id| {
            topics
                .get(id)
                .map_or(id.to_string(), |t| lower_first(&t.name))
        })
        .collect();
    match n.len() {
        0 => String::new(),
        1 => n[0].clone(),
        k => format!("{} and {}", n[..k - 1].join(", "), n[k - 1]),
    }
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
                    format!(
                        "Add (or complete) questions on {} in the {} ({}) at its next round",
                        topic_names(topics, &ids),
                        ins.name,
                        who
                    ),
                    if ins.kind == InstrumentKind::Census {
                        "next census round"
                    } else {
                        "12 months"
                    },
                    "questionnaire revision and testing, interviewer training, tabulation by migratory status",
                )
            } else {
                (
                    format!(
                        "Record {} (completely) in the {} ({}) and tabulate it",
                        topic_names(topics, &ids),
                        ins.name,
                        who
                    ),
                    "24 months",
                    "change of the registration form and database field, staff guidance, a data-sharing agreement with the statistics office",
                )
            };
            out.push(ActionItem {
                indicator: inds.first().cloned().unwrap_or_default(),
                action: format!(
                    "{how}, so that {} can be produced.",
                    names(catalogue, &inds)
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
                resources: Some(resources.to_string()),
                status: Some(ActionStatus::Planned),
                ..ActionItem::default()
            });
        }
        if !unknown.is_empty() {
            let ids: Vec<&str> = unknown.iter().map(|g| g.topic.as_str()).collect();
            let inds = indicators(&unknown);
            out.push(ActionItem {
                indicator: inds.first().cloned().unwrap_or_default(),
                action: format!(
                    "Ask {who} whether the {} covers {}, and record the answer in the profile's data system (needed for {}).",
                    ins.name,
                    topic_names(topics, &ids),
                    names(catalogue, &inds)
                ),
                responsible: who.clone(),
                priority: "medium".to_string(),
                timeframe: "3 months".to_string(),
                providers: ins.kind.provider().map(|p| vec![p.to_string()]).unwrap_or_default(),
                generated: true,
                agency: Some(ins.agency.clone()),
                instrument: Some(ins.id.clone()),
                resources: Some("a meeting or letter; the questionnaire or form of the instrument".to_string()),
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

/// [`with_system`] with the sentence naming the instrument in `lang` (the instrument-level
/// actions are English for now: the topics catalogue has no translations).
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
    out.extend(draft_actions(&assessment, profile, catalogue, topics));
    out
}
