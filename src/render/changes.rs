//! The report's annex "Changes since the previous edition": what [`editions::diff`] finds
//! between the edition named by `meta.previous_edition` and this one, as a summary, counts per
//! indicator, the largest revisions of published values and the action plan's progress.
//!
//! Values are shown as every output shows them: the disclosure rules of this profile are
//! applied to both editions' values, so a revised small count stays suppressed. Texts are
//! English and go through the report's fixed-text translation (`en`), numbers through the
//! locale's format.

use super::data::Ctx;
use super::doc::{Block, TCell};
use super::numfmt::{table_value_in, thousands_in};
use crate::catalogue::Unit;
use crate::i18n::Lang;
use crate::model::Observation;
use crate::profile::Profile;
use crate::quality::disclosure::{Cell, protect};
use crate::system::editions::{EditionDiff, diff};
use std::collections::HashMap;

/// Revisions listed in the annex; the rest are counted (and `migprof diff` lists them all).
pub const MAX_REVISIONS: usize = 20;

/// A table before the report numbers it: title, header, rows.
pub type RawTable = (String, Vec<String>, Vec<Vec<TCell>>);

/// What the annex holds: notes (in order, before the tables) and tables.
pub struct Changes {
    pub notes: Vec<Block>,
    pub tables: Vec<RawTable>,
}

/// How each value of `p` may be published under `settings`, by (key, provider, dataset): the
/// key as `editions` writes it.
fn cells(p: &Profile, ctx: &Ctx) -> HashMap<(String, String, String), (Cell, Option<Unit>)> {
    let obs: Vec<&Observation> = p.observations.iter().collect();
    let protected = protect(&obs, ctx.catalogue, &ctx.profile.disclosure);
    let src: HashMap<&str, (&str, &str)> = p
        .sources
        .iter()
        .map(|s| (s.id.as_str(), (s.provider.as_str(), s.dataset.as_str())))
        .collect();
    obs.iter()
        .zip(protected)
        .map(|(o, c)| {
            let (prov, ds) = src
                .get(o.source.as_str())
                .copied()
                .unwrap_or((o.source.as_str(), ""));
            let unit = ctx.catalogue.indicator(&o.indicator).map(|i| i.unit);
            (
                (o.key().to_string(), prov.to_string(), ds.to_string()),
                (c, unit),
            )
        })
        .collect()
}

fn num(lang: Lang, c: Option<&(Cell, Option<Unit>)>) -> TCell {
    match c {
        Some((Cell::Suppressed(_), _)) => TCell {
            text: "s".into(),
            mark: "s",
            numeric: true,
            ..TCell::default()
        },
        Some((c, unit)) => TCell {
            text: c
                .value()
                .map(|v| match unit {
                    Some(u) => table_value_in(lang, v, *u),
                    None => thousands_in(lang, v, 0),
                })
                .unwrap_or_else(|| "n/a".into()),
            mark: c.marker(),
            numeric: true,
            ..TCell::default()
        },
        None => TCell::text("–"),
    }
}

fn count(n: usize) -> TCell {
    TCell {
        text: n.to_string(),
        numeric: true,
        ..TCell::default()
    }
}

/// The annex for this profile against its previous edition.
pub fn changes(ctx: &Ctx, old: &Profile) -> Changes {
    let new = ctx.profile;
    let lang = Lang::of(&new.meta.language);
    let d: EditionDiff = diff(old, new);
    let mut notes = Vec::new();
    let what = [
        old.front
            .edition
            .clone()
            .or_else(|| old.meta.edition.clone()),
        old.front.date.clone().or_else(|| old.meta.date.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    notes.push(Block::Note(if what.is_empty() {
        crate::i18n::t(
            lang,
            "r-changes-intro-plain",
            &[("title", old.meta.title.clone().into())],
        )
    } else {
        crate::i18n::t(
            lang,
            "r-changes-intro",
            &[
                ("title", old.meta.title.clone().into()),
                ("edition", what.into()),
            ],
        )
    }));
    if d.is_empty() {
        notes.push(Block::Note(crate::i18n::t(lang, "r-changes-none", &[])));
        return Changes {
            notes,
            tables: Vec::new(),
        };
    }
    let mut tables = Vec::new();
    let summary = [
        ("Values new in this edition", d.added.len()),
        ("Periods new to an indicator", d.new_periods.len()),
        ("Revised values", d.revised.len()),
        ("Values no longer given", d.removed.len()),
        ("Sources added", d.sources_added.len()),
        ("Sources dropped", d.sources_dropped.len()),
        ("Action-plan entries whose status changed", d.actions.len()),
    ];
    tables.push((
        "Summary of changes since the previous edition".to_string(),
        vec!["Change".to_string(), "Number".to_string()],
        summary
            .iter()
            .map(|(w, n)| vec![TCell::text(crate::i18n::english(lang, w)), count(*n)])
            .collect(),
    ));
    let name = |id: &str| {
        ctx.catalogue
            .indicator(id)
            .map_or(id.to_string(), |i| i.name.clone())
    };
    let mut per: Vec<_> = d.by_indicator.iter().collect();
    per.sort_by_key(|(id, _)| name(id));
    tables.push((
        "Changes by indicator".to_string(),
        vec![
            "Indicator".into(),
            "New values".into(),
            "New periods".into(),
            "Revised values".into(),
            "Values no longer given".into(),
        ],
        per.into_iter()
            .map(|(id, c)| {
                let periods = match c.new_periods.as_slice() {
                    [] => String::new(),
                    [one] => one.clone(),
                    [first, .., last] => format!("{first}–{last} ({})", c.new_periods.len()),
                };
                vec![
                    TCell::text(name(id)),
                    count(c.added),
                    TCell::text(periods),
                    count(c.revised),
                    count(c.removed),
                ]
            })
            .collect(),
    ));
    if !d.revised.is_empty() {
        let (now, before) = (cells(new, ctx), cells(old, ctx));
        let shown = |r: &crate::system::editions::Revision, m: &HashMap<_, _>| {
            m.get(&(r.key.clone(), r.provider.clone(), r.dataset.clone()))
                .cloned()
        };
        // Largest relative revisions first; a suppressed side never orders the list (its
        // size would tell what the cell holds).
        let mut revised: Vec<_> = d.revised.iter().collect();
        let size = |r: &crate::system::editions::Revision| {
            let hidden = [shown(r, &now), shown(r, &before)]
                .iter()
                .any(|c| c.as_ref().is_some_and(|(c, _)| c.is_suppressed()));
            if hidden || r.old == 0.0 {
                0.0
            } else {
                ((r.new - r.old) / r.old).abs()
            }
        };
        revised.sort_by(|a, b| size(b).total_cmp(&size(a)).then(a.key.cmp(&b.key)));
        let rows = revised
            .iter()
            .take(MAX_REVISIONS)
            .map(|r| {
                let (a, b) = (shown(r, &before), shown(r, &now));
                let change = match (&a, &b) {
                    (Some((Cell::Suppressed(_), _)), _) | (_, Some((Cell::Suppressed(_), _))) => {
                        "s".to_string()
                    }
                    _ if r.old != 0.0 => {
                        let pct = (r.new - r.old) / r.old.abs() * 100.0;
                        let sign = if pct > 0.0 { "+" } else { "" };
                        let space = crate::render::numfmt::unit_space(lang);
                        format!("{sign}{}{space}%", thousands_in(lang, pct, 1))
                    }
                    _ => "–".to_string(),
                };
                let breakdown = r
                    .breakdown
                    .split(", ")
                    .filter_map(|kv| kv.split_once('='))
                    .map(|(k, v)| ctx.dim_label(k, v))
                    .collect::<Vec<_>>()
                    .join(", ");
                let revision = match (&r.old_revision, &r.new_revision) {
                    (Some(x), Some(y)) if x != y => format!("{x} → {y}"),
                    (_, Some(y)) => y.clone(),
                    _ => String::new(),
                };
                vec![
                    TCell::text(name(&r.indicator)),
                    TCell::text(r.period.clone()),
                    TCell::text(breakdown),
                    num(lang, a.as_ref()),
                    num(lang, b.as_ref()),
                    TCell {
                        text: change,
                        numeric: true,
                        ..TCell::default()
                    },
                    TCell::text(
                        ctx.catalogue
                            .provider(&r.provider)
                            .map_or(r.provider.clone(), |p| p.name.clone()),
                    ),
                    TCell::text(revision),
                ]
            })
            .collect();
        tables.push((
            "Largest revisions of published values".to_string(),
            vec![
                "Indicator".into(),
                "Period".into(),
                "Breakdown".into(),
                "Previous edition".into(),
                "This edition".into(),
                "Change".into(),
                "Provider".into(),
                "Revision".into(),
            ],
            rows,
        ));
        if d.revised.len() > MAX_REVISIONS {
            notes.push(Block::Note(crate::i18n::t(
                lang,
                "r-changes-more",
                &[
                    ("shown", (MAX_REVISIONS as i64).into()),
                    ("all", (d.revised.len() as i64).into()),
                ],
            )));
        }
    }
    if !d.sources_added.is_empty() || !d.sources_dropped.is_empty() {
        let label = |s: &str| crate::i18n::english(lang, s);
        let rows = (d.sources_added.iter().map(|s| (s, "added")))
            .chain(d.sources_dropped.iter().map(|s| (s, "dropped")))
            .map(|(s, w)| vec![TCell::text(s.clone()), TCell::text(label(w))])
            .collect();
        tables.push((
            "Sources added and dropped".to_string(),
            vec!["Source".into(), "Change".into()],
            rows,
        ));
    }
    if !d.actions.is_empty() {
        let label = |s: Option<&str>, none: &str| crate::i18n::english(lang, s.unwrap_or(none));
        let rows = d
            .actions
            .iter()
            .map(|p| {
                vec![
                    TCell::text(p.action.clone()),
                    TCell::text(name(&p.indicator)),
                    TCell::text(label(p.old.as_deref(), "new")),
                    TCell::text(label(p.new.as_deref(), "dropped")),
                ]
            })
            .collect();
        tables.push((
            "Progress of the data action plan".to_string(),
            vec![
                "Action".into(),
                "Indicator".into(),
                "Previous edition".into(),
                "This edition".into(),
            ],
            rows,
        ));
    }
    Changes { notes, tables }
}
