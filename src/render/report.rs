//! Build the format-neutral [`Doc`] from a profile: sections in template order, charts, tables,
//! narrative or generated sentences, and the annexes.

use super::RenderError;
use super::chart;
use super::data::{Ctx, Published, age_cmp, period_cmp, slug};
use super::doc::{Block, Doc, DocPart, DocSection, Figure, KeyFigure, TCell, Table};
use super::numfmt::{table_value, with_unit};
use super::statements;
use crate::catalogue::Catalogue;
use crate::model::{Observation, Status};
use crate::profile::ActionItem;
use crate::profile::Profile;
use crate::quality::disclosure::{Cell, protect};
use crate::quality::gaps::{Gap, GapKind, draft_actions, find_gaps_with};
use crate::quality::reconcile::{Conflict, conflicts};
use crate::quality::score::{Dimension, IndicatorScore, score_profile_with};
use crate::template::Template;
use crate::template::{Section, TableSpec};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Annex kinds the report always contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Annex {
    Sources,
    Definitions,
    Tables,
    ActionPlan,
    Coherence,
}

impl Annex {
    const ALL: [Annex; 5] = [
        Annex::Sources,
        Annex::Definitions,
        Annex::Tables,
        Annex::ActionPlan,
        Annex::Coherence,
    ];

    fn default_title(self) -> &'static str {
        match self {
            Annex::Sources => "Data sources and quality",
            Annex::Definitions => "Definitions of indicators",
            Annex::Tables => "Statistical tables",
            Annex::ActionPlan => "Data action plan",
            Annex::Coherence => "Coherence: values from other sources",
        }
    }

    /// Recognise an annex section of the template by its id.
    fn of_section(id: &str) -> Option<Annex> {
        let up = id.to_ascii_uppercase();
        if !(up.starts_with("ANX") || up.starts_with("ANNEX")) {
            return None;
        }
        if up.contains("SOURCE") || up.contains("QUAL") || up.contains("INVENT") {
            Some(Annex::Sources)
        } else if up.contains("DEF") || up.contains("GLOSS") {
            Some(Annex::Definitions)
        } else if up.contains("TABLE") || up.contains("STAT") {
            Some(Annex::Tables)
        } else if up.contains("ACTION") || up.contains("PLAN") {
            Some(Annex::ActionPlan)
        } else if up.contains("COHER") || up.contains("ALTERN") || up.contains("CONFLICT") {
            Some(Annex::Coherence)
        } else {
            None
        }
    }
}

/// Meanings of provider flags commonly found in the files migprof imports.
fn flag_meaning(flag: &str) -> &'static str {
    match flag {
        "b" => "break in time series (Eurostat)",
        "c" => "confidential (Eurostat)",
        "d" => "definition differs (Eurostat)",
        "e" => "estimated (Eurostat)",
        "f" => "forecast (Eurostat)",
        "n" => "not significant (Eurostat)",
        "p" => "provisional (Eurostat)",
        "r" => "revised (Eurostat)",
        "s" => "Eurostat estimate (Eurostat)",
        "u" => "low reliability (Eurostat)",
        "z" => "not applicable (Eurostat)",
        "B" => "based on the foreign-born population (UN DESA data type)",
        "C" => "based on foreign citizens (UN DESA data type)",
        "I" => "imputed (UN DESA data type)",
        "R" => "refugees added to the estimate (UN DESA data type)",
        "E" => "estimated value (OECD)",
        "P" => "provisional value (OECD)",
        _ => "flag as published by the provider",
    }
}

/// The quality results the annexes and Part D.4 show.
#[derive(Debug, Clone, Default)]
pub struct Quality {
    pub gaps: Vec<Gap>,
    /// Drafted action-plan entries (used when the profile has none of its own).
    pub drafted: Vec<ActionItem>,
    pub scores: Vec<IndicatorScore>,
    pub conflicts: Vec<Conflict>,
}

impl Quality {
    /// Compute them with the quality module.
    pub fn compute(ctx: &Ctx) -> Quality {
        Quality::of(ctx.profile, ctx.catalogue, ctx.template)
    }

    /// Compute them from the profile alone (so a build can do it beside [`Ctx::new`]):
    /// conflicts once, scores from them, gaps from the scores.
    pub fn of(profile: &Profile, catalogue: &Catalogue, template: &Template) -> Quality {
        let conflicts = conflicts(profile, catalogue);
        let scores = score_profile_with(profile, catalogue, &conflicts);
        let gaps = find_gaps_with(profile, catalogue, template, &scores);
        let drafted = draft_actions(&gaps, catalogue);
        Quality {
            gaps,
            drafted,
            scores,
            conflicts,
        }
    }
}

struct Builder<'c, 'a> {
    ctx: &'c Ctx<'a>,
    doc: Doc,
    tables: usize,
    note_index: HashMap<String, usize>,
    flags: BTreeSet<String>,
    gaps: Vec<Gap>,
    quality: Quality,
}

/// Build the document, computing the quality results.
pub fn build(ctx: &Ctx) -> Result<Doc, RenderError> {
    build_with(ctx, Quality::compute(ctx))
}

/// Build the document with given quality results.
pub fn build_with(ctx: &Ctx, quality: Quality) -> Result<Doc, RenderError> {
    let p = ctx.profile;
    let country = ctx
        .countries
        .by_code(&p.meta.country)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| p.meta.country.clone());
    let mut b = Builder {
        ctx,
        doc: Doc {
            lang: p.meta.language.clone(),
            title: p.meta.title.clone(),
            country,
            reference_year: p.meta.reference_year,
            authors: p.meta.authors.clone(),
            date: p.meta.date.clone(),
            edition: p.meta.edition.clone(),
            banner: ctx.banner.clone(),
            map: ctx
                .countries
                .by_code(&p.meta.country)
                .and_then(|c| c.m49)
                .and_then(super::map::locator),
            ..Doc::default()
        },
        tables: 0,
        note_index: HashMap::new(),
        flags: BTreeSet::new(),
        gaps: quality.gaps.clone(),
        quality,
    };
    let mut done: BTreeSet<Annex> = BTreeSet::new();
    let mut annex_part: Option<usize> = None;
    for part in &ctx.template.part {
        let mut dp = DocPart {
            anchor: format!("part-{}", slug(&part.id)),
            title: part.title.clone(),
            sections: Vec::new(),
        };
        for s in part
            .section
            .iter()
            .filter(|s| ctx.template.is_selected(s, &p.modules))
        {
            let annex = Annex::of_section(&s.id);
            if let Some(a) = annex {
                done.insert(a);
            }
            let sec = b.section(s, annex)?;
            dp.sections.push(sec);
        }
        if part.id.eq_ignore_ascii_case("annex") || part.id.eq_ignore_ascii_case("annexes") {
            annex_part = Some(b.doc.parts.len());
        }
        if !dp.sections.is_empty() {
            b.doc.parts.push(dp);
        }
    }
    // Annexes the template does not name are appended, so every report has all of them.
    let missing: Vec<Annex> = Annex::ALL
        .into_iter()
        .filter(|a| !done.contains(a))
        .collect();
    if !missing.is_empty() {
        let idx = match annex_part.filter(|&i| i < b.doc.parts.len()) {
            Some(i) => i,
            None => {
                b.doc.parts.push(DocPart {
                    anchor: "part-annexes".into(),
                    title: "Annexes".into(),
                    sections: Vec::new(),
                });
                b.doc.parts.len() - 1
            }
        };
        for a in missing {
            let mut sec = DocSection {
                anchor: format!("annex-{}", slug(a.default_title())),
                id: format!("ANX.{a:?}").to_uppercase(),
                title: a.default_title().to_string(),
                blocks: Vec::new(),
            };
            b.annex(a, &mut sec.blocks)?;
            if let Some(part) = b.doc.parts.get_mut(idx) {
                part.sections.push(sec);
            }
        }
    }
    b.doc.flags = b
        .flags
        .iter()
        .map(|f| (f.clone(), flag_meaning(f).to_string()))
        .collect();
    Ok(b.doc)
}

impl<'a> Builder<'_, 'a> {
    fn note(&mut self, text: String) -> usize {
        if let Some(&n) = self.note_index.get(&text) {
            return n;
        }
        self.doc.footnotes.push(text.clone());
        let n = self.doc.footnotes.len();
        self.note_index.insert(text, n);
        n
    }

    /// Footnote references for an observation's provider flags and footnote.
    fn refs(&mut self, o: &Observation) -> Vec<usize> {
        let mut out = Vec::new();
        let marked = o.status.is_some() || o.coverage.is_some() || o.territory.is_some();
        if o.flags.is_empty() && o.footnote.is_none() && !marked {
            return out;
        }
        let src = self.ctx.source_label(&o.source);
        // What a value is, where it is not an observed figure for the whole period and the
        // present territory: numbered notes beside it in every table, card and chart list.
        if let Some(status) = o.status {
            let text = match status {
                Status::Projection => {
                    format!("Projection, not an estimate of what happened ({src}).")
                }
                Status::Estimate => format!("Estimate ({src})."),
                Status::Provisional => format!("Provisional value, may be revised ({src})."),
            };
            out.push(self.note(text));
        }
        if let Some(c) = &o.coverage {
            out.push(self.note(format!("Covers part of the period only: {c} ({src}).")));
        }
        if let Some(t) = &o.territory {
            let name = self
                .ctx
                .countries
                .territory(t)
                .map(|t| t.name.clone())
                .unwrap_or_else(|| "a former territory of the country".to_string());
            out.push(self.note(format!("Refers to {name} ({src}).")));
        }
        for f in &o.flags {
            self.flags.insert(f.clone());
            let n = self.note(format!("Flag “{f}”: {} ({src}).", flag_meaning(f)));
            out.push(n);
        }
        if let Some(fn_text) = o.footnote.as_deref().filter(|t| !t.trim().is_empty()) {
            let n = self.note(format!("{} ({src}).", fn_text.trim()));
            out.push(n);
        }
        out
    }

    /// One table row: its label, then each value or a dash.
    fn value_row(&mut self, first: String, values: Vec<Option<Published>>) -> Vec<TCell> {
        let mut row = vec![TCell::text(first)];
        for v in values {
            row.push(match v {
                Some(p) => self.cell(&p),
                None => TCell::text("–"),
            });
        }
        row
    }

    fn cell(&mut self, p: &Published) -> TCell {
        let unit = self.ctx.unit(&p.obs.indicator);
        let refs = self.refs(p.obs);
        match p.cell {
            Cell::Suppressed(_) => TCell {
                text: "s".into(),
                mark: "s",
                refs,
                numeric: true,
                hint: Some("suppressed (small count)".into()),
                mono: false,
            },
            c => TCell {
                text: p
                    .value()
                    .map(|v| table_value(v, unit))
                    .unwrap_or_else(|| "n/a".into()),
                mark: c.marker(),
                refs,
                numeric: true,
                hint: None,
                mono: false,
            },
        }
    }

    fn table(&mut self, title: String, header: Vec<String>, rows: Vec<Vec<TCell>>) -> Table {
        self.tables += 1;
        let mut notes = Vec::new();
        let has = |m: &str| rows.iter().flatten().any(|c| c.mark == m);
        if has("s") {
            notes.push(format!(
                "s: suppressed, a count below {} (disclosure control).",
                self.ctx.profile.disclosure.threshold
            ));
        }
        if has("r") {
            let base = self.ctx.profile.disclosure.rounding.unwrap_or(0);
            notes.push(format!("r: rounded to base {base}."));
        }
        Table {
            num: self.tables,
            title,
            header,
            rows,
            notes,
        }
    }

    fn section(&mut self, s: &Section, annex: Option<Annex>) -> Result<DocSection, RenderError> {
        let mut blocks = Vec::new();
        let narrative = self
            .ctx
            .profile
            .narrative
            .get(&s.id)
            .filter(|t| !t.trim().is_empty())
            .cloned();
        let id_up = s.id.to_ascii_uppercase();
        if id_up == "KS" {
            let figs = self.key_figures(s);
            if !figs.is_empty() {
                blocks.push(Block::KeyFigures(figs));
            }
        }
        match narrative {
            Some(t) => blocks.push(Block::Narrative(t)),
            None if id_up == "KS" => {}
            None => {
                let text = if id_up == "EXEC" {
                    self.executive_summary()
                } else {
                    self.generated(&s.indicators)
                };
                if let Some(t) = text {
                    blocks.push(Block::Generated(t));
                }
            }
        }
        for spec in &s.chart {
            for built in chart::build(self.ctx, spec) {
                match built {
                    Ok(c) => {
                        let num = self.doc.figures.len() + 1;
                        let svg = chart::to_svg(&c)?;
                        self.doc.figures.push(Figure {
                            num,
                            stem: format!("figure-{num:02}"),
                            chart: c,
                            svg,
                        });
                        blocks.push(Block::Figure(num - 1));
                    }
                    Err(reason) => {
                        blocks.push(Block::Note(format!(
                            "Chart not drawn for lack of data: {reason}."
                        )));
                        self.doc.skipped.push(format!("{}: {reason}", s.id));
                    }
                }
            }
        }
        for t in &s.table {
            match self.spec_table(t) {
                Some(tb) => blocks.push(Block::Table(tb)),
                None => blocks.push(Block::Note(format!(
                    "Table “{}” not shown: no data.",
                    t.title
                ))),
            }
        }
        if id_up == "D.4" {
            self.gaps_blocks(&mut blocks);
        }
        if let Some(a) = annex {
            self.annex(a, &mut blocks)?;
        }
        let missing: Vec<String> = s
            .indicators
            .iter()
            .filter(|id| self.ctx.of(id).next().is_none())
            .map(|id| self.ctx.name(id))
            .collect();
        if !missing.is_empty() && annex.is_none() {
            blocks.push(Block::Note(format!(
                "No data in this profile for: {}.",
                missing.join("; ")
            )));
        }
        Ok(DocSection {
            anchor: format!("sec-{}", slug(&s.id)),
            id: s.id.clone(),
            title: s.title.clone(),
            blocks,
        })
    }

    /// Key indicators: the key-statistics section's, then the catalogue's `key` ones.
    fn key_figures(&mut self, s: &Section) -> Vec<KeyFigure> {
        let mut ids: Vec<String> = s.indicators.clone();
        for i in self.ctx.catalogue.indicators.iter().filter(|i| i.key) {
            if !ids.contains(&i.id) {
                ids.push(i.id.clone());
            }
        }
        let cards = statements::cards(self.ctx, &ids);
        let mut out = Vec::new();
        for c in cards {
            let refs = self.refs(c.obs);
            out.push(KeyFigure {
                label: self.ctx.name(&c.id),
                value: with_unit(c.value, self.ctx.unit(&c.id)),
                period: c.obs.period.clone(),
                source: self.ctx.source_label(&c.obs.source),
                mark: c.mark,
                refs,
                note: c.note,
            });
        }
        out
    }

    /// One deterministic sentence per indicator with values.
    fn generated(&self, ids: &[String]) -> Option<String> {
        let sentences: Vec<String> = ids.iter().filter_map(|id| self.sentence(id)).collect();
        (!sentences.is_empty()).then(|| sentences.join(" "))
    }

    fn sentence(&self, id: &str) -> Option<String> {
        statements::sentence(self.ctx, id)
    }

    fn executive_summary(&self) -> Option<String> {
        let key: Vec<String> = self
            .ctx
            .template
            .section("KS")
            .map(|s| s.indicators.clone())
            .unwrap_or_default()
            .into_iter()
            .chain(
                self.ctx
                    .catalogue
                    .indicators
                    .iter()
                    .filter(|i| i.key)
                    .map(|i| i.id.clone()),
            )
            .fold(Vec::new(), |mut acc, id| {
                if !acc.contains(&id) {
                    acc.push(id);
                }
                acc
            });
        let mut parts = statements::synthesis(self.ctx, &self.doc.country);
        if parts.is_empty() {
            // None of the synthesised indicators has data: say what the key ones show.
            parts.extend(self.generated(&key));
        }
        let mut text = parts.join(" ");
        let with_data = self
            .ctx
            .indicators
            .iter()
            .filter(|id| self.ctx.of(id).next().is_some())
            .count();
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!(
            "The profile draws on {} source{} and has data for {} of the {} indicators its modules use.",
            self.ctx.profile.sources.len(),
            if self.ctx.profile.sources.len() == 1 { "" } else { "s" },
            with_data,
            self.ctx.indicators.len()
        ));
        if !self.gaps.is_empty() {
            let n = self.gaps.len();
            text.push_str(&if n == 1 {
                " One data gap is listed in Part D.4 with a plan to close it.".to_string()
            } else {
                format!(" {n} data gaps are listed in Part D.4 with a plan to close them.")
            });
        }
        Some(text)
    }

    fn spec_table(&mut self, t: &TableSpec) -> Option<Table> {
        if t.by == "period" {
            // Indicators without any total are left out (the section notes them as missing).
            let ids: Vec<&String> = t
                .indicators
                .iter()
                .filter(|id| !self.ctx.totals(id).is_empty())
                .collect();
            let mut periods: Vec<String> = Vec::new();
            let reference = self.ctx.profile.meta.reference_year;
            for id in &ids {
                // Projections after the reference year are left to the statistical annex
                // (marked there), so the table's latest columns are data.
                for p in self.ctx.totals(id).into_iter().filter(|p| {
                    !(p.obs.is_projection()
                        && p.obs
                            .parsed_period()
                            .is_some_and(|q| q.end_year() > reference))
                }) {
                    if !periods.contains(&p.obs.period) {
                        periods.push(p.obs.period.clone());
                    }
                }
            }
            if periods.is_empty() {
                return None;
            }
            periods.sort_by(|a, b| period_cmp(a, b));
            let total = periods.len();
            // Many indicators: one row per indicator and fewer period columns, so that the
            // table fits an A4 page; few indicators: one row per period.
            let transpose = ids.len() > 4;
            let keep = if transpose { 7 } else { 15 };
            let periods: Vec<String> = periods
                .into_iter()
                .skip(total.saturating_sub(keep))
                .collect();
            let label = |id: &str| format!("{} ({})", self.ctx.name(id), self.ctx.unit(id).label());
            let value_of = |id: &str, per: &str| {
                self.ctx
                    .totals(id)
                    .into_iter()
                    .find(|p| p.obs.period == per)
            };
            let mut rows = Vec::new();
            let header = if transpose {
                let mut header = vec!["Indicator".to_string()];
                header.extend(periods.iter().cloned());
                let found: Vec<(String, Vec<Option<Published>>)> = ids
                    .iter()
                    .map(|id| {
                        (
                            label(id),
                            periods.iter().map(|per| value_of(id, per)).collect(),
                        )
                    })
                    .collect();
                rows.extend(
                    found
                        .into_iter()
                        .map(|(name, values)| self.value_row(name, values)),
                );
                header
            } else {
                let mut header = vec!["Period".to_string()];
                header.extend(ids.iter().map(|id| label(id)));
                let found: Vec<(String, Vec<Option<Published>>)> = periods
                    .iter()
                    .map(|per| {
                        (
                            per.clone(),
                            ids.iter().map(|id| value_of(id, per)).collect(),
                        )
                    })
                    .collect();
                rows.extend(
                    found
                        .into_iter()
                        .map(|(per, values)| self.value_row(per, values)),
                );
                header
            };
            let mut tb = self.table(t.title.clone(), header, rows);
            if total > keep {
                tb.notes.push(format!(
                    "Latest {keep} of {total} periods; all periods are in the statistical tables annex."
                ));
            }
            Some(tb)
        } else {
            let dim = t.by.as_str();
            let cells: Vec<Published> = t
                .indicators
                .iter()
                .flat_map(|id| self.ctx.of(id).copied().collect::<Vec<_>>())
                .filter(|p| {
                    p.obs.disaggregation.len() == 1 && p.obs.disaggregation.contains_key(dim)
                })
                .collect();
            let reference = self.ctx.profile.meta.reference_year;
            let latest = cells
                .iter()
                .filter(|p| {
                    !p.obs.is_projection()
                        && p.obs
                            .parsed_period()
                            .is_none_or(|q| q.end_year() <= reference)
                })
                .map(|p| p.obs.period.clone())
                .max_by(|a, b| period_cmp(a, b))?;
            let mut by_val: BTreeMap<String, BTreeMap<String, Published>> = BTreeMap::new();
            for p in cells.iter().filter(|p| p.obs.period == latest) {
                let v = p.obs.disaggregation.get(dim).cloned().unwrap_or_default();
                by_val
                    .entry(v)
                    .or_default()
                    .insert(p.obs.indicator.clone(), *p);
            }
            let first = t.indicators.first()?.clone();
            let mut keys: Vec<(String, f64)> = by_val
                .iter()
                .map(|(k, m)| {
                    let v = m.get(&first).and_then(|p| p.value()).unwrap_or(f64::MIN);
                    (k.clone(), v)
                })
                .collect();
            keys.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let total = keys.len();
            let keep = 25;
            keys.truncate(keep);
            let mut header = vec![capitalise(dim)];
            header.extend(
                t.indicators
                    .iter()
                    .map(|id| format!("{} ({})", self.ctx.name(id), self.ctx.unit(id).label())),
            );
            let mut rows = Vec::new();
            for (k, _) in keys {
                let mut row = vec![TCell::text(self.ctx.dim_label(dim, &k))];
                for id in &t.indicators {
                    let p = by_val.get(&k).and_then(|m| m.get(id)).copied();
                    row.push(match p {
                        Some(p) => self.cell(&p),
                        None => TCell::text("–"),
                    });
                }
                rows.push(row);
            }
            let mut tb = self.table(format!("{}, {latest}", t.title), header, rows);
            if total > keep {
                tb.notes.push(format!(
                    "Largest {keep} of {total}; all values are in the statistical tables annex."
                ));
            }
            Some(tb)
        }
    }

    fn actions(&self) -> (Vec<ActionItem>, bool) {
        if self.ctx.profile.actions.is_empty() {
            (self.quality.drafted.clone(), true)
        } else {
            (self.ctx.profile.actions.clone(), false)
        }
    }

    fn gaps_blocks(&mut self, blocks: &mut Vec<Block>) {
        if self.gaps.is_empty() {
            blocks.push(Block::Note(
                "No data gaps were found for the selected modules.".into(),
            ));
        } else {
            let gaps = self.gaps.clone();
            let rows = gaps
                .iter()
                .map(|g| {
                    vec![
                        TCell::text(g.rank.to_string()),
                        TCell::text(self.ctx.name(&g.indicator)),
                        TCell::text(g.section.clone()),
                        TCell::text(gap_kind(g.kind)),
                        TCell::text(g.detail.clone()),
                        TCell::text(self.provider_names(&g.providers)),
                    ]
                })
                .collect();
            let header = [
                "Rank",
                "Indicator",
                "Section",
                "Gap",
                "Detail",
                "Could be filled by",
            ]
            .map(String::from)
            .to_vec();
            let t = self.table("Data gaps, ranked".into(), header, rows);
            blocks.push(Block::Table(t));
        }
        self.action_table(blocks);
    }

    fn provider_names(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| {
                self.ctx
                    .catalogue
                    .provider(id)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| id.clone())
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn action_table(&mut self, blocks: &mut Vec<Block>) {
        let (actions, drafted) = self.actions();
        if actions.is_empty() {
            blocks.push(Block::Note("The data action plan has no entries.".into()));
            return;
        }
        if drafted {
            blocks.push(Block::Note(
                "The profile has no action plan of its own: the entries below were drafted by migprof from the data gaps and are to be reviewed."
                    .into(),
            ));
        }
        let rows = actions
            .iter()
            .map(|a| {
                vec![
                    TCell::text(self.ctx.name(&a.indicator)),
                    TCell::text(a.action.clone()),
                    TCell::text(a.responsible.clone()),
                    TCell::text(a.priority.clone()),
                    TCell::text(a.timeframe.clone()),
                    TCell::text(self.provider_names(&a.providers)),
                    TCell::text(if drafted || a.generated {
                        "drafted by migprof"
                    } else {
                        "profile"
                    }),
                ]
            })
            .collect();
        let header = [
            "Indicator",
            "Action",
            "Responsible",
            "Priority",
            "Timeframe",
            "Providers",
            "Origin",
        ]
        .map(String::from)
        .to_vec();
        let title = if drafted {
            "Data action plan (drafted)"
        } else {
            "Data action plan"
        };
        let t = self.table(title.into(), header, rows);
        blocks.push(Block::Table(t));
    }

    fn annex(&mut self, a: Annex, blocks: &mut Vec<Block>) -> Result<(), RenderError> {
        match a {
            Annex::Sources => self.sources_annex(blocks),
            Annex::Definitions => self.definitions_annex(blocks),
            Annex::Tables => self.tables_annex(blocks),
            Annex::ActionPlan => self.action_table(blocks),
            Annex::Coherence => self.coherence_annex(blocks),
        }
        Ok(())
    }

    fn sources_annex(&mut self, blocks: &mut Vec<Block>) {
        let p = self.ctx.profile;
        if p.sources.is_empty() {
            blocks.push(Block::Note("The profile records no sources.".into()));
        } else {
            let rows = p
                .sources
                .iter()
                .map(|s| {
                    let provider = self
                        .ctx
                        .catalogue
                        .provider(&s.provider)
                        .map(|x| x.name.clone())
                        .unwrap_or_else(|| s.provider.clone());
                    let file = s
                        .file
                        .clone()
                        .or_else(|| s.citation.clone())
                        .unwrap_or_default();
                    vec![
                        TCell::text(s.id.clone()),
                        TCell::text(provider),
                        TCell::text(s.dataset.clone()),
                        TCell {
                            text: file,
                            mono: s.file.is_some(),
                            ..TCell::default()
                        },
                        TCell {
                            text: s.sha256.clone().unwrap_or_default(),
                            mono: true,
                            ..TCell::default()
                        },
                        TCell::text(s.retrieved.clone().unwrap_or_default()),
                        TCell::text(s.licence.clone()),
                    ]
                })
                .collect();
            let header = [
                "Id",
                "Provider",
                "Dataset",
                "File or citation",
                "SHA-256",
                "Retrieved",
                "Licence",
            ]
            .map(String::from)
            .to_vec();
            let t = self.table("Sources used".into(), header, rows);
            blocks.push(Block::Table(t));
        }
        let scores = self.quality.scores.clone();
        if scores.is_empty() {
            blocks.push(Block::Note("No quality scores are available.".into()));
            return;
        }
        let mut header = vec!["Indicator".to_string(), "Source".into(), "Period".into()];
        header.extend(Dimension::ALL.iter().map(|d| d.label().to_string()));
        let rows = scores
            .iter()
            .map(|s| {
                let mut row = vec![
                    TCell::text(self.ctx.name(&s.indicator)),
                    TCell::text(self.ctx.source_label(&s.source)),
                    TCell::text(s.period.clone()),
                ];
                for d in Dimension::ALL {
                    row.push(match s.scores.iter().find(|x| x.dimension == d) {
                        Some(x) => TCell {
                            text: format!("{}/3", x.score),
                            numeric: true,
                            hint: Some(x.evidence.clone()),
                            ..TCell::default()
                        },
                        None => TCell::text("–"),
                    });
                }
                row
            })
            .collect();
        let mut t = self.table(
            "Quality of the values used, by dimension (0 poor to 3 good)".into(),
            header,
            rows,
        );
        t.notes
            .push("Evidence for each score is given in the HTML report as a tooltip.".into());
        blocks.push(Block::Table(t));
    }

    fn definitions_annex(&mut self, blocks: &mut Vec<Block>) {
        let used: Vec<String> = self
            .ctx
            .indicators
            .iter()
            .filter(|id| self.ctx.of(id).next().is_some())
            .cloned()
            .collect();
        if used.is_empty() {
            blocks.push(Block::Note("No indicator has data in this profile.".into()));
            return;
        }
        let rows = used
            .iter()
            .map(|id| {
                let ind = self.ctx.indicator(id);
                let tags: Vec<String> = ind
                    .map(|i| {
                        i.sdg
                            .iter()
                            .map(|s| format!("SDG {s}"))
                            .chain(i.gcm.iter().map(|g| format!("GCM {g}")))
                            .collect()
                    })
                    .unwrap_or_default();
                vec![
                    TCell::text(self.ctx.name(id)),
                    TCell::text(id.clone()),
                    TCell::text(self.ctx.unit(id).label()),
                    TCell::text(
                        ind.map(|i| i.definition.clone())
                            .unwrap_or_else(|| "Not in the catalogue.".into()),
                    ),
                    TCell::text(tags.join(", ")),
                ]
            })
            .collect();
        let header = ["Indicator", "Id", "Unit", "Definition", "SDG / GCM"]
            .map(String::from)
            .to_vec();
        let t = self.table("Definitions of the indicators used".into(), header, rows);
        blocks.push(Block::Table(t));
    }

    fn tables_annex(&mut self, blocks: &mut Vec<Block>) {
        let ctx = self.ctx;
        let mut any = false;
        for id in &ctx.indicators {
            let obs: &[Published] = ctx.of(id).as_slice();
            if obs.is_empty() {
                continue;
            }
            any = true;
            // `obs` is in period order (`Ctx::used` is sorted by indicator, then `period_cmp`,
            // under which only equal texts are equal): each period is one run.
            let mut periods: Vec<&str> = Vec::new();
            let mut period_of: Vec<usize> = Vec::with_capacity(obs.len());
            for p in obs {
                if periods.last() != Some(&p.obs.period.as_str()) {
                    periods.push(&p.obs.period);
                }
                period_of.push(periods.len() - 1);
            }
            // Cells: one row each, totals first (`cell_cmp`, under which only equal maps are
            // equal); each observation's row found by one sort, not by hashing maps.
            let mut order: Vec<usize> = (0..obs.len()).collect();
            order
                .sort_by(|&x, &y| cell_cmp(&obs[x].obs.disaggregation, &obs[y].obs.disaggregation));
            let mut cells: Vec<&BTreeMap<String, String>> = Vec::new();
            let mut cell_of: Vec<usize> = vec![0; obs.len()];
            for &i in &order {
                let d = &obs[i].obs.disaggregation;
                if cells.last() != Some(&d) {
                    cells.push(d);
                }
                cell_of[i] = cells.len() - 1;
            }
            let np = periods.len();
            let mut grid: Vec<Option<&Published>> = vec![None; cells.len() * np];
            for (i, p) in obs.iter().enumerate() {
                grid[cell_of[i] * np + period_of[i]] = Some(p);
            }
            let labels: Vec<String> = cells.iter().map(|c| ctx.cell_label(c)).collect();
            let name = ctx.name(id);
            let unit_label = ctx.unit(id).label();
            let n = np.div_ceil(8);
            for k in 0..n {
                let lo = k * 8;
                let chunk = &periods[lo..(lo + 8).min(np)];
                let mut header = Vec::with_capacity(chunk.len() + 1);
                header.push(format!("{name} ({unit_label})"));
                header.extend(chunk.iter().map(|p| p.to_string()));
                let mut rows = Vec::with_capacity(cells.len());
                for (c, label) in labels.iter().enumerate() {
                    let mut row = Vec::with_capacity(chunk.len() + 1);
                    row.push(TCell::text(label.clone()));
                    for j in lo..lo + chunk.len() {
                        row.push(match grid[c * np + j] {
                            Some(p) => self.cell(p),
                            None => TCell::text("–"),
                        });
                    }
                    rows.push(row);
                }
                let title = if n > 1 {
                    format!(
                        "{name} ({} to {}, part {} of {n})",
                        chunk.first().copied().unwrap_or(""),
                        chunk.last().copied().unwrap_or(""),
                        k + 1
                    )
                } else {
                    name.clone()
                };
                let t = self.table(title, header, rows);
                blocks.push(Block::Table(t));
            }
        }
        if !any {
            blocks.push(Block::Note("No indicator has data in this profile.".into()));
        }
    }

    /// Why the used value's source was chosen: the profile's recorded justification, or the
    /// default order in words.
    fn chosen_by(&self, c: &Conflict) -> String {
        let pref = self
            .ctx
            .profile
            .preferred
            .get(&c.key.indicator)
            .filter(|p| c.resolved && p.source == c.chosen);
        match pref {
            Some(p) if !p.justification.trim().is_empty() => {
                format!("Preferred in this profile: {}", p.justification.trim())
            }
            Some(_) => "Preferred in this profile (no justification recorded)".to_string(),
            None => {
                let mut families: Vec<_> = c
                    .values
                    .iter()
                    .map(|(src, _, _)| {
                        crate::quality::family_of(self.ctx.profile, self.ctx.catalogue, src)
                    })
                    .collect();
                families.sort();
                families.dedup();
                if families.len() == 1 {
                    return "Default order: sources of the same kind, the one listed first in the profile".to_string();
                }
                let tagged = self
                    .ctx
                    .indicator(&c.key.indicator)
                    .is_some_and(|i| i.is_tagged());
                if tagged {
                    "Default order: international custodian series first for SDG and Global Compact indicators".to_string()
                } else {
                    "Default order: national official statistics first, then international series"
                        .to_string()
                }
            }
        }
    }

    fn coherence_annex(&mut self, blocks: &mut Vec<Block>) {
        let list = self.quality.conflicts.clone();
        if list.is_empty() {
            blocks.push(Block::Note(
                "No indicator has differing values from more than one source.".into(),
            ));
            return;
        }
        let mut rows = Vec::new();
        for c in &list {
            // Alternatives are published values too: they go through disclosure control.
            let alts: Vec<Observation> = c
                .values
                .iter()
                .map(|(src, v, flags)| Observation {
                    indicator: c.key.indicator.clone(),
                    period: c.key.period.clone(),
                    value: *v,
                    disaggregation: c.key.disaggregation.clone(),
                    source: src.clone(),
                    footnote: None,
                    flags: flags.clone(),
                    ..Observation::new("", "", 0.0, "")
                })
                .collect();
            let refs: Vec<&Observation> = alts.iter().collect();
            let cells = protect(&refs, self.ctx.catalogue, &self.ctx.profile.disclosure);
            let unit = self.ctx.unit(&c.key.indicator);
            let values: Vec<String> = alts
                .iter()
                .zip(&cells)
                .map(|(o, cell)| {
                    let v = match cell.value().filter(|v| v.is_finite()) {
                        Some(v) => format!(
                            "{}{}",
                            table_value(v, unit),
                            if cell.marker() == "r" { " r" } else { "" }
                        ),
                        None => "s".to_string(),
                    };
                    let flags = if o.flags.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", o.flags.join(", "))
                    };
                    format!("{}: {v}{flags}", self.ctx.source_label(&o.source))
                })
                .collect();
            let any_suppressed = cells.iter().any(|c| matches!(c, Cell::Suppressed(_)));
            rows.push(vec![
                TCell::text(self.ctx.name(&c.key.indicator)),
                TCell::text(c.key.period.clone()),
                TCell::text(self.ctx.cell_label(&c.key.disaggregation)),
                TCell {
                    text: values.join("; "),
                    mark: if any_suppressed { "s" } else { "" },
                    ..TCell::default()
                },
                TCell {
                    text: if any_suppressed {
                        "s".into()
                    } else {
                        format!("{:.1} %", c.relative_difference * 100.0)
                    },
                    numeric: true,
                    ..TCell::default()
                },
                TCell::text(self.ctx.source_label(&c.chosen)),
                TCell::text(self.chosen_by(c)),
                TCell::text(c.reason.clone().unwrap_or_default()),
            ]);
        }
        let header = [
            "Indicator",
            "Period",
            "Cell",
            "Values by source",
            "Difference",
            "Used",
            "Why this source",
            "Likely reason for the difference",
        ]
        .map(String::from)
        .to_vec();
        let t = self.table("Alternative values from other sources".into(), header, rows);
        blocks.push(Block::Table(t));
    }
}

fn gap_kind(k: GapKind) -> &'static str {
    match k {
        GapKind::Missing => "no data",
        GapKind::Stale => "out of date",
        GapKind::NoDisaggregation => "no disaggregation",
        GapKind::LowQuality => "low quality",
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Totals first, then cells by dimension names and values (ages in numeric order).
fn cell_cmp(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| {
        let ka: Vec<&String> = a.keys().collect();
        let kb: Vec<&String> = b.keys().collect();
        ka.cmp(&kb).then_with(|| {
            for ((k, va), vb) in a.iter().zip(b.values()) {
                let o = if k == "age" {
                    age_cmp(va, vb)
                } else {
                    va.cmp(vb)
                };
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        })
    })
}
