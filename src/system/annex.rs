//! The report annex on the national data system: the agencies, the instruments, the
//! assessment matrix and the instrument-level gaps, as blocks of the format-neutral report.
//! Tables come back unnumbered (`num = 0`); the report numbers them in reading order.

use super::assess::{Assessment, assess, draft_actions_in, gap_sentence};
use super::model::Coverage;
use super::topics::Topics;
use crate::catalogue::Catalogue;
use crate::i18n::{Lang, english, t};
use crate::profile::{ActionItem, Profile};
use crate::render::doc::{Block, TCell, Table};
use crate::template::Template;

/// The annex title.
pub const TITLE: &str = "The national migration data system and its assessment";

/// The label printed wherever an illustrative data system is shown.
pub const ILLUSTRATIVE: &str = "ILLUSTRATIVE: the agencies and instruments in this annex are an example compiled to show the method; they are not the country's recorded data system and are not findings about its agencies.";

/// The source line of the annex's tables: what they are compiled from.
const SOURCE: &str = "the profile's records of the national data system ([[agency]], [[instrument]]), assessed against the topics catalogue (indicators/topics.toml)";

fn table(title: &str, header: &[&str], rows: Vec<Vec<TCell>>) -> Block {
    Block::Table(Table {
        num: 0,
        title: title.to_string(),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
        notes: Vec::new(),
        source: Some(SOURCE.to_string()),
    })
}

fn text(s: impl Into<String>) -> TCell {
    TCell::text(s)
}

/// The cell text of the matrix: the coverage, bracketed where the instrument is not expected
/// to collect the topic for the profile's indicators.
pub fn cell_text(coverage: Coverage, expected: bool) -> String {
    cell_text_in(Lang::En, coverage, expected)
}

/// [`cell_text`] in `lang`.
pub fn cell_text_in(lang: Lang, coverage: Coverage, expected: bool) -> String {
    let word = english(lang, coverage.id());
    if expected {
        word
    } else if coverage == Coverage::Unknown {
        "-".to_string()
    } else {
        format!("({word})")
    }
}

/// The annex's blocks in `lang` (empty when the profile has no data system). Titles and
/// column headers are the English texts, which the report translates with the other tables'.
pub fn blocks(
    profile: &Profile,
    catalogue: &Catalogue,
    template: &Template,
    lang: Lang,
) -> Vec<Block> {
    if !super::has_data_system(profile) {
        return Vec::new();
    }
    let Ok(topics) = catalogue.topics() else {
        return vec![Block::Note(t(lang, "sys-no-topics", &[]))];
    };
    let a = assess(profile, catalogue, topics, template);
    let mut out = blocks_of(profile, catalogue, topics, &a, lang);
    // The plan's entries for the data system with what they need: the profile's own actions
    // that name an agency, else the actions drafted from the instrument-level gaps.
    let own: Vec<ActionItem> = profile
        .actions
        .iter()
        .filter(|x| x.agency.is_some() || x.instrument.is_some())
        .cloned()
        .collect();
    let (actions, drafted) = if profile.actions.is_empty() {
        (draft_actions_in(&a, profile, catalogue, topics, lang), true)
    } else {
        (own, false)
    };
    if !actions.is_empty() {
        out.push(plan_table(profile, &actions, drafted, lang));
    }
    if profile.data_system.as_ref().is_some_and(|d| d.illustrative) {
        out.push(Block::Note(t(lang, "sys-illustrative", &[])));
    }
    out
}

/// The data-system actions with agency, instrument, partners, resources, funding, the link to
/// the national statistics plan and the status.
fn plan_table(profile: &Profile, actions: &[ActionItem], drafted: bool, lang: Lang) -> Block {
    let agency = |id: &Option<String>| {
        id.as_deref().map_or(String::new(), |id| {
            profile
                .agencies
                .iter()
                .find(|g| g.id == id)
                .map_or(id.to_string(), |g| g.name.clone())
        })
    };
    let instrument = |id: &Option<String>| {
        id.as_deref().map_or(String::new(), |id| {
            profile
                .instruments
                .iter()
                .find(|i| i.id == id)
                .map_or(id.to_string(), |i| i.name.clone())
        })
    };
    let rows = actions
        .iter()
        .map(|x| {
            vec![
                text(x.action.clone()),
                text(instrument(&x.instrument)),
                text(agency(&x.agency)),
                text(
                    x.partners
                        .iter()
                        .map(|p| agency(&Some(p.clone())))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                text(english(lang, &x.timeframe)),
                text(x.resources.clone().unwrap_or_default()),
                text(
                    x.funding
                        .clone()
                        .unwrap_or_else(|| t(lang, "sys-to-be-identified", &[])),
                ),
                text(x.nsds_link.clone().unwrap_or_default()),
                text(english(lang, x.status.map_or("planned", |s| s.label()))),
            ]
        })
        .collect();
    table(
        if drafted {
            "Data-system actions (drafted from the instrument-level gaps, to be reviewed)"
        } else {
            "Data-system actions"
        },
        &[
            "Action",
            "Instrument",
            "Responsible agency",
            "Partners",
            "Timeframe",
            "Resources needed",
            "Possible funding",
            "National statistics plan",
            "Status",
        ],
        rows,
    )
}

/// The blocks for a computed assessment.
pub fn blocks_of(
    profile: &Profile,
    catalogue: &Catalogue,
    topics: &Topics,
    a: &Assessment,
    lang: Lang,
) -> Vec<Block> {
    let mut out = Vec::new();
    let ds = profile.data_system.clone().unwrap_or_default();
    if ds.illustrative {
        out.push(Block::Note(t(lang, "sys-illustrative", &[])));
    }
    if let Some(n) = &ds.note {
        out.push(Block::Narrative(n.clone()));
    }
    let agencies = profile
        .agencies
        .iter()
        .map(|g| {
            vec![
                text(g.name.clone()),
                text(english(lang, g.kind.label())),
                text(g.role.clone()),
                text(g.contact.clone().unwrap_or_default()),
                text(g.agreement.as_ref().map_or_else(
                    || t(lang, "sys-none-recorded", &[]),
                    |x| {
                        let status = english(lang, x.status.label());
                        match &x.date {
                            Some(d) => format!("{status} ({})", crate::i18n::date(lang, d)),
                            None => status,
                        }
                    },
                )),
            ]
        })
        .collect();
    out.push(table(
        "National agencies holding migration data",
        &[
            "Agency",
            "Kind",
            "Role in migration data",
            "Contact",
            "Data-sharing agreement",
        ],
        agencies,
    ));
    let name_of = |id: &str| {
        profile
            .agencies
            .iter()
            .find(|g| g.id == id)
            .map_or(id.to_string(), |g| g.name.clone())
    };
    let instruments = profile
        .instruments
        .iter()
        .map(|i| {
            vec![
                text(i.name.clone()),
                text(english(lang, i.kind.label())),
                text(name_of(&i.agency)),
                text(english(lang, &i.periodicity)),
                text(i.latest_round.clone().unwrap_or_default()),
                text(english(lang, i.access.label())),
                text(i.legal_basis.clone().unwrap_or_default()),
            ]
        })
        .collect();
    out.push(table(
        "Data-collection instruments",
        &[
            "Instrument",
            "Kind",
            "Agency",
            "Periodicity",
            "Latest round",
            "Access",
            "Legal basis",
        ],
        instruments,
    ));
    let topic_name = |id: &str| {
        topics
            .get(id)
            .map_or(id.to_string(), |x| crate::i18n::topic_name(lang, x))
    };
    let mut header: Vec<String> = vec!["Instrument".into()];
    header.extend(a.topics.iter().map(|t| topic_name(t)));
    let rows = a
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![text(r.name.clone())];
            row.extend(
                r.cells
                    .iter()
                    .map(|c| text(cell_text_in(lang, c.coverage, c.expected))),
            );
            row
        })
        .collect();
    out.push(Block::Table(Table {
        num: 0,
        title: "Assessment: recommended migration topics collected by each instrument".into(),
        header,
        rows,
        notes: Vec::new(),
        source: Some(SOURCE.to_string()),
    }));
    out.push(Block::Note(t(lang, "sys-matrix-note", &[])));
    if a.gaps.is_empty() {
        out.push(Block::Note(t(lang, "sys-all-collected", &[])));
    } else {
        let rows = a
            .gaps
            .iter()
            .map(|g| {
                vec![
                    text(
                        profile
                            .instruments
                            .iter()
                            .find(|i| i.id == g.instrument)
                            .map_or(g.instrument.clone(), |i| i.name.clone()),
                    ),
                    text(topic_name(&g.topic)),
                    text(english(lang, g.coverage.id())),
                    text(gap_sentence(lang, g, profile, catalogue, topics)),
                ]
            })
            .collect();
        out.push(table(
            "Instrument-level gaps",
            &["Instrument", "Topic", "Recorded", "Consequence"],
            rows,
        ));
    }
    if !a.uncovered.is_empty() {
        let list: Vec<String> = a.uncovered.iter().map(|t| topic_name(t)).collect();
        out.push(Block::Generated(t(
            lang,
            "sys-uncovered",
            &[("list", list.join(&crate::i18n::list_sep(lang)).into())],
        )));
    }
    let rec = a
        .topics
        .iter()
        .filter_map(|t| topics.get(t))
        .map(|x| {
            vec![
                text(crate::i18n::topic_name(lang, x)),
                text(crate::i18n::topic_definition(lang, x)),
                text(
                    x.from
                        .iter()
                        .map(|r| english(lang, r.short()))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ]
        })
        .collect();
    out.push(table(
        "Recommended topics used in the assessment",
        &["Topic", "Definition", "Recommended by"],
        rec,
    ));
    out
}
