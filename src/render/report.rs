//! Build the format-neutral [`Doc`] from a profile: sections in template order, charts, tables,
//! narrative or generated sentences, and the annexes.

use super::RenderError;
use super::chart;
use super::data::{Ctx, Published, age_cmp, period_cmp, slug};
use super::doc::{Block, Doc, DocPart, DocSection, Figure, KeyFigure, TCell, Table};
use super::findings;
use super::numfmt::{table_value_in, with_unit_in};
use super::statements;
use crate::catalogue::Catalogue;
use crate::i18n::{Lang, english, t as i18n_t, unit_label};
use crate::model::{Observation, Period, Status};
use crate::profile::ActionItem;
use crate::profile::Profile;
use crate::quality::disclosure::{Cell, protect};
use crate::quality::gaps::{Gap, GapKind, gaps_and_drafts_from};
use crate::quality::reconcile::{Conflict, conflicts};
use crate::quality::score::{Dimension, IndicatorScore, score_profile_with};
use crate::template::Template;
use crate::template::{Section, TableSpec};
use fluent_bundle::FluentValue;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Annex kinds the report always contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Annex {
    Sources,
    Definitions,
    Tables,
    ActionPlan,
    Coherence,
    DataSystem,
    Changes,
}

impl Annex {
    const ALL: [Annex; 7] = [
        Annex::Sources,
        Annex::Definitions,
        Annex::Tables,
        Annex::ActionPlan,
        Annex::Coherence,
        Annex::DataSystem,
        Annex::Changes,
    ];

    fn default_title(self) -> &'static str {
        match self {
            Annex::Sources => "Data sources and quality",
            Annex::Definitions => "Definitions of indicators",
            Annex::Tables => "Statistical tables",
            Annex::ActionPlan => "Data action plan",
            Annex::Coherence => "Coherence: values from other sources",
            Annex::DataSystem => crate::system::annex::TITLE,
            Annex::Changes => "Changes since the previous edition",
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
        } else if up.contains("SYSTEM") {
            Some(Annex::DataSystem)
        } else if up.contains("CHANGE") || up.contains("EDITION") {
            Some(Annex::Changes)
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
        "*" => {
            "the total leaves out cells of 1 to 4 persons redacted by the provider (UNHCR popstats)"
        }
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
        // Gap details and drafted actions in the report's language (the catalogue is already
        // localised by the build).
        let lang = Lang::of(&profile.meta.language);
        let (gaps, drafted) = gaps_and_drafts_from(profile, catalogue, template, &scores, lang);
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
    /// Source labels of the values put into cells since the last table was made: the table's
    /// source line.
    cur_sources: BTreeSet<String>,
    /// Number of the data action plan's table in Part D.4, once it is written (the annex then
    /// points to it instead of printing it again).
    plan_table: Option<usize>,
    /// Making cells of a table by partner country: provider footnotes are left to the data
    /// bundle (they describe the partner's reporting, e.g. a UNHCR note on Brazil's refugee
    /// count, not the profiled country).
    partner_cells: bool,
    /// A provider footnote was left out of the current table for that reason.
    partner_notes_left: bool,
    /// Told of each figure as it is made ([`build_document_drawing`]).
    on_figure: Option<OnFigure<'c>>,
}

/// Build the document, computing the quality results.
pub fn build(ctx: &Ctx) -> Result<Doc, RenderError> {
    build_with(ctx, Quality::compute(ctx))
}

/// The report's language.
fn lang_of(ctx: &Ctx) -> Lang {
    Lang::of(&ctx.profile.meta.language)
}

/// A Fluent message in the report's language.
fn tr(ctx: &Ctx, id: &str, args: &[(&str, FluentValue)]) -> String {
    i18n_t(lang_of(ctx), id, args)
}

/// The report language's list separator ("; ", French " ; ").
fn sep(ctx: &Ctx) -> String {
    crate::i18n::list_sep(lang_of(ctx))
}

/// The title of a profile's report in its language (`meta.language`), for front ends that
/// print it (`migprof gaps`); `countries` the English names.
pub fn title_for(p: &Profile, countries: &crate::country::Countries) -> String {
    let lang = Lang::of(&p.meta.language);
    let local = crate::i18n::localize_countries(countries, lang);
    let name = local
        .by_code(&p.meta.country)
        .map_or(p.meta.country.clone(), |c| c.name.clone());
    title_in(lang, p, &name)
}

/// The report's title: the profile's, or in `lang` when the profile keeps the title
/// `migprof new` gives ("Migration Profile: Mexico" is "Profil migratoire : Mexique" in a
/// French report); a title of one's own is written as it is.
fn title_in(lang: Lang, p: &Profile, country: &str) -> String {
    let english = crate::country::Countries::embedded_shared()
        .and_then(|c| c.by_code(&p.meta.country))
        .map_or(p.meta.country.as_str(), |c| c.name.as_str());
    if lang != Lang::En && p.meta.title.trim() == crate::profile::default_title(english) {
        i18n_t(lang, "r-title", &[("country", country.to_string().into())])
    } else {
        p.meta.title.clone()
    }
}

/// A share as a percentage with one decimal in `lang` (`12.5 %`, French `12,5 %`).
fn percent_one_decimal(lang: Lang, x: f64) -> String {
    let text = format!("{:.1}", x * 100.0);
    match lang {
        Lang::En => format!("{text} %"),
        _ => format!(
            "{}{}%",
            text.replace('.', ","),
            super::numfmt::unit_space(lang)
        ),
    }
}

/// A fixed English text of the report in its language ([`english`]).
fn en(ctx: &Ctx, text: &str) -> String {
    english(lang_of(ctx), text)
}

/// Build the document with given quality results.
pub fn build_with(ctx: &Ctx, quality: Quality) -> Result<Doc, RenderError> {
    let mut doc = build_document(ctx, quality)?;
    draw_svgs(&mut doc)?;
    Ok(doc)
}

/// Draw the SVG text of every figure, the figures side by side (each chart is independent).
pub fn draw_svgs(doc: &mut Doc) -> Result<(), RenderError> {
    use rayon::prelude::*;
    doc.figures.par_iter_mut().try_for_each(|f| {
        f.svg = chart::to_svg(&f.chart)?;
        Ok(())
    })
}

/// Told of each figure as the document walk makes it (its index in `Doc::figures` and its
/// chart), so that drawing it can start while the rest of the document is written.
pub type OnFigure<'f> = &'f (dyn Fn(usize, &chart::Chart) + Sync);

/// Build the document with given quality results, its figures' SVG text not yet drawn
/// ([`draw_svgs`]); the title page's map is drawn beside the sections.
pub fn build_document(ctx: &Ctx, quality: Quality) -> Result<Doc, RenderError> {
    build_document_drawing(ctx, quality, None)
}

/// [`build_document`], telling `on_figure` of each figure as soon as it is made.
pub fn build_document_drawing(
    ctx: &Ctx,
    quality: Quality,
    on_figure: Option<OnFigure<'_>>,
) -> Result<Doc, RenderError> {
    let p = ctx.profile;
    let (map, doc) = rayon::join(
        || {
            ctx.countries
                .by_code(&p.meta.country)
                .and_then(|c| c.m49)
                .and_then(super::map::locator)
        },
        || sections(ctx, quality, on_figure),
    );
    let mut doc = doc?;
    doc.map = map;
    Ok(doc)
}

/// The document without its map and its figures' SVG text.
fn sections(
    ctx: &Ctx,
    quality: Quality,
    on_figure: Option<OnFigure<'_>>,
) -> Result<Doc, RenderError> {
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
            title: title_in(lang_of(ctx), p, &country),
            country,
            reference_year: p.meta.reference_year,
            authors: p.meta.authors.clone(),
            date: p
                .front
                .date
                .clone()
                .or_else(|| p.meta.date.clone())
                .map(|d| crate::i18n::date(lang_of(ctx), &d)),
            edition: p.front.edition.clone().or_else(|| p.meta.edition.clone()),
            banner: (ctx.banner.clone())
                .or_else(|| crate::system::review::draft_banner(p, ctx.template)),
            publisher: nonblank(&p.front.publisher),
            disclaimer: nonblank(&p.front.disclaimer),
            foreword: nonblank(&p.front.foreword),
            working_group: p.front.working_group.clone(),
            ..Doc::default()
        },
        tables: 0,
        note_index: HashMap::new(),
        flags: BTreeSet::new(),
        gaps: quality.gaps.clone(),
        quality,
        cur_sources: BTreeSet::new(),
        plan_table: None,
        partner_cells: false,
        partner_notes_left: false,
        on_figure,
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
        .filter(|a| *a != Annex::DataSystem || crate::system::has_data_system(p))
        .filter(|a| *a != Annex::Changes || ctx.previous.is_some())
        .collect();
    if !missing.is_empty() {
        let idx = match annex_part.filter(|&i| i < b.doc.parts.len()) {
            Some(i) => i,
            None => {
                b.doc.parts.push(DocPart {
                    anchor: "part-annexes".into(),
                    title: tr(ctx, "r-annexes", &[]),
                    sections: Vec::new(),
                });
                b.doc.parts.len() - 1
            }
        };
        for a in missing {
            let mut sec = DocSection {
                anchor: format!("annex-{}", slug(a.default_title())),
                id: format!("ANX.{a:?}").to_uppercase(),
                title: en(ctx, a.default_title()),
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
        .map(|f| (f.clone(), en(ctx, flag_meaning(f))))
        .collect();
    b.doc.acronyms = acronyms_used(&b.doc, lang_of(ctx));
    Ok(b.doc)
}

/// The first value of each (breakdown, period) in `obs`: what a scan of `obs` for that cell
/// and period finds, looked up instead of searched (tables of many partners were quadratic).
fn first_by_cell<'o, 'a>(
    obs: &'o [Published<'a>],
) -> rustc_hash::FxHashMap<(&'o BTreeMap<String, String>, &'o str), Published<'a>> {
    let mut first = rustc_hash::FxHashMap::with_capacity_and_hasher(obs.len(), Default::default());
    for p in obs {
        first
            .entry((&p.obs.disaggregation, p.obs.period.as_str()))
            .or_insert(*p);
    }
    first
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
        if o.footnote.is_none() && !marked {
            return out;
        }
        let src = self.ctx.source_label(&o.source);
        // What a value is, where it is not an observed figure for the whole period and the
        // present territory: numbered notes beside it in every table, card and chart list.
        if let Some(status) = o.status {
            let text = match status {
                Status::Projection => {
                    tr(self.ctx, "v-projection", &[("source", src.as_str().into())])
                }
                Status::Estimate => tr(self.ctx, "v-estimate", &[("source", src.as_str().into())]),
                Status::Provisional => tr(
                    self.ctx,
                    "v-provisional",
                    &[("source", src.as_str().into())],
                ),
            };
            out.push(self.note(text));
        }
        if let Some(c) = &o.coverage {
            let key = if o.is_shifted_year() {
                "v-shifted-year"
            } else {
                "v-partial"
            };
            let text = tr(
                self.ctx,
                key,
                &[
                    ("coverage", c.as_str().into()),
                    ("source", src.as_str().into()),
                ],
            );
            out.push(self.note(text));
        }
        if let Some(t) = &o.territory {
            let name = self
                .ctx
                .countries
                .territory(t)
                .map(|t| t.name.clone())
                .unwrap_or_else(|| tr(self.ctx, "v-former-territory", &[]));
            let text = tr(
                self.ctx,
                "v-territory",
                &[("name", name.into()), ("source", src.as_str().into())],
            );
            out.push(self.note(text));
        }
        if let Some(fn_text) = o.footnote.as_deref().filter(|t| !t.trim().is_empty()) {
            if self.partner_cells {
                self.partner_notes_left = true;
            } else {
                // "... coastal waters (IOM: ...)." rather than "... coastal waters. (IOM: ...).".
                let t = fn_text.trim();
                let t = t.strip_suffix('.').unwrap_or(t);
                let n = self.note(format!("{t} ({src})."));
                out.push(n);
            }
        }
        out
    }

    /// Provider flags of an observation, recorded for the one legend that explains them.
    fn flags(&mut self, o: &Observation) -> Vec<String> {
        for f in &o.flags {
            self.flags.insert(f.clone());
        }
        o.flags.clone()
    }

    /// One table row: its label, then each value or a dash.
    fn value_row(&mut self, first: String, values: Vec<Option<Published>>) -> Vec<TCell> {
        let mut row = vec![TCell::text(first)];
        for v in values {
            row.push(match v {
                Some(p) => self.cell(&p),
                None => dash(),
            });
        }
        row
    }

    fn cell(&mut self, p: &Published) -> TCell {
        let unit = self.ctx.unit(&p.obs.indicator);
        let refs = self.refs(p.obs);
        let flags = self.flags(p.obs);
        self.cur_sources
            .insert(self.ctx.source_label(&p.obs.source));
        match p.cell {
            Cell::Suppressed(_) => TCell {
                text: "s".into(),
                mark: "s",
                refs,
                flags,
                numeric: true,
                hint: Some(en(self.ctx, "suppressed (small count)")),
                mono: false,
            },
            c => TCell {
                text: p
                    .value()
                    .map(|v| table_value_in(lang_of(self.ctx), v, unit))
                    .unwrap_or_else(|| "n/a".into()),
                mark: c.marker(),
                refs,
                flags,
                numeric: true,
                hint: None,
                mono: false,
            },
        }
    }

    /// A numbered table: rows and value columns with nothing in them left out, its notes on
    /// disclosure marks and flags, and as source line the sources of the values in its cells.
    fn table(&mut self, title: String, header: Vec<String>, rows: Vec<Vec<TCell>>) -> Table {
        // Fixed English titles and column headers in the report's language.
        let title = en(self.ctx, &title);
        let header: Vec<String> = header.iter().map(|h| en(self.ctx, h)).collect();
        let (header, rows) = prune(header, rows);
        self.tables += 1;
        let sources = std::mem::take(&mut self.cur_sources);
        let source = (!sources.is_empty())
            .then(|| sources.into_iter().collect::<Vec<_>>().join(&sep(self.ctx)));
        let mut notes = Vec::new();
        let has = |m: &str| rows.iter().flatten().any(|c| c.mark == m);
        if has("s") {
            notes.push(tr(
                self.ctx,
                "r-note-suppressed",
                &[(
                    "threshold",
                    self.ctx.profile.disclosure.threshold.to_string().into(),
                )],
            ));
        }
        if has("r") {
            let base = self.ctx.profile.disclosure.rounding.unwrap_or(0);
            notes.push(tr(
                self.ctx,
                "r-note-rounded",
                &[("base", base.to_string().into())],
            ));
        }
        let mut flags: Vec<&String> = rows.iter().flatten().flat_map(|c| &c.flags).collect();
        flags.sort();
        flags.dedup();
        if !flags.is_empty() {
            let shown: Vec<String> = flags.iter().map(|f| format!("({f})")).collect();
            notes.push(tr(
                self.ctx,
                "r-note-flags",
                &[
                    ("flags", shown.join(", ").into()),
                    ("count", shown.len().into()),
                ],
            ));
        }
        if rows.iter().flatten().any(|c| !c.refs.is_empty()) {
            notes.push(tr(self.ctx, "r-note-refs", &[]));
        }
        if std::mem::take(&mut self.partner_notes_left) {
            notes.push(tr(self.ctx, "r-note-partner-footnotes", &[]));
        }
        Table {
            num: self.tables,
            title,
            header,
            rows,
            notes,
            source,
        }
    }

    /// A table compiled from the profile rather than from values (sources, gaps, plans): its
    /// source line says so.
    fn table_from(
        &mut self,
        title: String,
        header: Vec<String>,
        rows: Vec<Vec<TCell>>,
        source: &str,
    ) -> Table {
        self.cur_sources.clear();
        let mut t = self.table(title, header, rows);
        t.source = Some(en(self.ctx, source));
        t
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
            None if id_up == "D.1" => {
                let list = findings::findings(self.ctx, self.gaps.len());
                if list.is_empty() {
                    blocks.push(Block::Note(tr(self.ctx, "r-no-findings", &[])));
                } else {
                    blocks.push(Block::Findings(list));
                }
            }
            None if id_up == "D.2" || id_up == "D.3" => blocks.push(Block::Note(tr(
                self.ctx,
                "r-no-recommendations",
                &[("section", s.id.as_str().into())],
            ))),
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
        if let Some(kind) = Governed::of_section(&id_up) {
            self.governance_blocks(kind, &mut blocks);
        }
        for spec in &s.chart {
            for built in chart::build(self.ctx, spec) {
                match built {
                    Ok(c) => {
                        let num = self.doc.figures.len() + 1;
                        // Drawn as soon as it is made (`on_figure`), or afterwards, all
                        // figures side by side (`draw_svgs`).
                        if let Some(f) = self.on_figure {
                            f(num - 1, &c);
                        }
                        self.doc.figures.push(Figure {
                            num,
                            stem: format!("figure-{num:02}"),
                            chart: c,
                            svg: String::new(),
                            spec: spec.title.clone(),
                        });
                        blocks.push(Block::Figure(num - 1));
                    }
                    Err(reason) => {
                        blocks.push(Block::Note(tr(
                            self.ctx,
                            "r-chart-not-drawn",
                            &[("reason", self.in_words(&reason).into())],
                        )));
                        self.doc.skipped.push(format!("{}: {reason}", s.id));
                    }
                }
            }
        }
        for t in &s.table {
            match self.spec_table(t) {
                Some(tb) => blocks.push(Block::Table(tb)),
                None => blocks.push(Block::Note(tr(
                    self.ctx,
                    "r-table-no-data",
                    &[("title", t.title.as_str().into())],
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
            blocks.push(Block::Note(tr(
                self.ctx,
                "r-no-data-for",
                &[("names", missing.join(&sep(self.ctx)).into())],
            )));
        }
        Ok(DocSection {
            anchor: format!("sec-{}", slug(&s.id)),
            id: s.id.clone(),
            title: s.title.clone(),
            blocks,
        })
    }

    /// A text of the quality module or the charts in the reader's words: a quoted source id
    /// (`` `unhcr_rdf` ``) becomes the source's label, an indicator id in parentheses after its
    /// name is dropped, a quoted indicator id becomes its name.
    fn in_words(&self, text: &str) -> String {
        if !text.contains('`') && !text.contains('(') {
            return text.to_string();
        }
        // One pass over the quoted words (not one search of the text per source and per
        // indicator): a source's id becomes its label, else an indicator's its name.
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('`') {
            let Some(len) = rest[open + 1..].find('`') else {
                break;
            };
            let word = &rest[open + 1..open + 1 + len];
            out.push_str(&rest[..open]);
            if self.ctx.profile.sources.iter().any(|s| s.id == word) {
                out.push_str(&self.ctx.source_label(word));
                rest = &rest[open + len + 2..];
            } else if self.ctx.indicators.iter().any(|i| i == word) {
                out.push_str(&self.ctx.name(word));
                rest = &rest[open + len + 2..];
            } else {
                // Not an id: the backtick stays, and the next one may open a quoted id.
                out.push('`');
                rest = &rest[open + 1..];
            }
        }
        out.push_str(rest);
        // "(imm_stock)", "(returning_citizens, assisted_returns)": indicator names instead.
        let mut done = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(open) = rest.find('(') {
            let Some(close) = rest[open..].find(')').map(|c| open + c) else {
                break;
            };
            let inner = &rest[open + 1..close];
            let ids: Vec<&str> = inner.split(", ").collect();
            done.push_str(&rest[..open]);
            if ids.iter().all(|id| self.ctx.indicator(id).is_some()) {
                let names: Vec<String> = ids.iter().map(|id| self.ctx.name(id)).collect();
                done.push('(');
                done.push_str(&names.join(&sep(self.ctx)));
                done.push(')');
            } else {
                done.push_str(&rest[open..=close]);
            }
            rest = &rest[close + 1..];
        }
        done.push_str(rest);
        done
    }

    /// A catalogue definition for the reader: quoted dimension names unquoted, indicator ids
    /// named ("the dead part of migrant_deaths" names the indicator).
    fn definition_in_words(&self, text: &str) -> String {
        let mut out = text.replace('`', "");
        for ind in &self.ctx.catalogue.indicators {
            if ind.id.contains('_') && crate::publication::has_word(&out, &ind.id) {
                out = crate::publication::replace_word(&out, &ind.id, &format!("“{}”", ind.name));
            }
        }
        out
    }

    /// Part C: the governance data the profile records for a section, as a table, or a note
    /// saying that none is recorded.
    fn governance_blocks(&mut self, kind: Governed, blocks: &mut Vec<Block>) {
        let g = &self.ctx.profile.governance;
        let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_else(|| "–".into());
        let (title, header, rows, what): (&str, &[&str], Vec<Vec<TCell>>, &str) = match kind {
            Governed::Policy => (
                "National migration policies and strategies",
                &["Policy or strategy", "Year", "Summary"],
                g.policy
                    .iter()
                    .map(|x| {
                        vec![
                            TCell::text(x.title.clone()),
                            TCell::text(year(x.year)),
                            TCell::text(x.summary.clone()),
                        ]
                    })
                    .collect(),
                "policy",
            ),
            Governed::Ratification => (
                "International instruments",
                &["Instrument", "Status", "Year", "Source"],
                g.ratification
                    .iter()
                    .map(|x| {
                        vec![
                            TCell::text(x.instrument.clone()),
                            TCell::text(x.status.clone()),
                            TCell::text(year(x.year)),
                            TCell::text(x.source.clone()),
                        ]
                    })
                    .collect(),
                "ratification",
            ),
            Governed::Institution => (
                "Institutions with responsibilities for migration",
                &["Institution", "Role"],
                g.institution
                    .iter()
                    .map(|x| vec![TCell::text(x.name.clone()), TCell::text(x.role.clone())])
                    .collect(),
                "institution",
            ),
            Governed::Agreement => (
                "Bilateral and regional agreements",
                &["Partner", "Agreement", "Year"],
                g.agreement
                    .iter()
                    .map(|x| {
                        let partner = self
                            .ctx
                            .countries
                            .by_code(&x.partner)
                            .map(|c| c.name.clone())
                            .unwrap_or_else(|| x.partner.clone());
                        vec![
                            TCell::text(partner),
                            TCell::text(x.title.clone()),
                            TCell::text(year(x.year)),
                        ]
                    })
                    .collect(),
                "agreement",
            ),
        };
        if rows.is_empty() {
            blocks.push(Block::Note(tr(
                self.ctx,
                "g-none",
                &[("what", what.into())],
            )));
            return;
        }
        let header = header.iter().map(|h| h.to_string()).collect();
        let source = match kind {
            Governed::Ratification => {
                "the profile's governance data, each entry with its source as recorded"
            }
            _ => "the profile's governance data",
        };
        let t = self.table_from(title.into(), header, rows, source);
        blocks.push(Block::Table(t));
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
            let flags = self.flags(c.obs);
            out.push(KeyFigure {
                label: self.ctx.name(&c.id),
                value: with_unit_in(lang_of(self.ctx), c.value, self.ctx.unit(&c.id)),
                period: c.obs.period.clone(),
                source: self.ctx.source_label(&c.obs.source),
                mark: c.mark,
                refs,
                flags,
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
        text.push_str(&tr(
            self.ctx,
            "r-profile-draws",
            &[
                ("sources", self.ctx.profile.sources.len().into()),
                ("with", with_data.into()),
                ("total", self.ctx.indicators.len().into()),
            ],
        ));
        if !self.gaps.is_empty() {
            let n = self.gaps.len();
            text.push(' ');
            text.push_str(&tr(
                self.ctx,
                "r-gaps-listed",
                &[("count", n.into()), ("n", n.to_string().into())],
            ));
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
            let label = |id: &str| {
                format!(
                    "{} ({})",
                    self.ctx.name(id),
                    unit_label(lang_of(self.ctx), self.ctx.unit(id))
                )
            };
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
                tb.notes.push(tr(
                    self.ctx,
                    "r-latest-periods",
                    &[("keep", keep.into()), ("total", total.into())],
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
            header.extend(t.indicators.iter().map(|id| {
                format!(
                    "{} ({})",
                    self.ctx.name(id),
                    unit_label(lang_of(self.ctx), self.ctx.unit(id))
                )
            }));
            let mut rows = Vec::new();
            self.partner_cells = is_partner(dim);
            for (k, _) in keys {
                let mut row = vec![TCell::text(self.ctx.dim_label(dim, &k))];
                for id in &t.indicators {
                    let p = by_val.get(&k).and_then(|m| m.get(id)).copied();
                    row.push(match p {
                        Some(p) => self.cell(&p),
                        None => dash(),
                    });
                }
                rows.push(row);
            }
            self.partner_cells = false;
            let mut tb = self.table(format!("{}, {latest}", t.title), header, rows);
            if total > keep {
                tb.notes.push(tr(
                    self.ctx,
                    "r-largest-of",
                    &[("keep", keep.into()), ("total", total.into())],
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
            blocks.push(Block::Note(tr(self.ctx, "r-no-gaps", &[])));
        } else {
            let gaps = self.gaps.clone();
            let rows = gaps
                .iter()
                .map(|g| {
                    vec![
                        TCell::text(g.rank.to_string()),
                        TCell::text(self.ctx.name(&g.indicator)),
                        TCell::text(g.section.clone()),
                        TCell::text(en(self.ctx, gap_kind(g.kind))),
                        TCell::text(self.in_words(&g.detail)),
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
            let t = self.table_from(
                "Data gaps, ranked".into(),
                header,
                rows,
                "data gaps found by migprof in this profile's values for the indicators of the selected sections",
            );
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
            .join(&sep(self.ctx))
    }

    fn action_table(&mut self, blocks: &mut Vec<Block>) {
        let (actions, drafted) = self.actions();
        if actions.is_empty() {
            blocks.push(Block::Note(tr(self.ctx, "r-no-plan", &[])));
            return;
        }
        if drafted {
            blocks.push(Block::Note(tr(self.ctx, "r-plan-drafted-note", &[])));
        }
        // A drafted entry names its providers in its action, and every entry of a drafted
        // plan is drafted: those columns would repeat what the row and the title say.
        let mixed = !drafted && actions.iter().any(|a| a.generated);
        let rows = actions
            .iter()
            .map(|a| {
                let mut row = vec![
                    TCell::text(self.ctx.name(&a.indicator)),
                    TCell::text(self.in_words(&a.action)),
                    // Stored as English ids and kinds ("high", "3 months", "central bank").
                    TCell::text(en(self.ctx, &a.responsible)),
                    TCell::text(en(self.ctx, &a.priority)),
                    TCell::text(en(self.ctx, &a.timeframe)),
                ];
                if !drafted {
                    row.push(TCell::text(self.provider_names(&a.providers)));
                }
                if mixed {
                    row.push(TCell::text(en(
                        self.ctx,
                        if a.generated {
                            "drafted by migprof"
                        } else {
                            "profile"
                        },
                    )));
                }
                row
            })
            .collect();
        let mut header: Vec<String> = [
            "Indicator",
            "Action",
            "Responsible",
            "Priority",
            "Timeframe",
        ]
        .map(String::from)
        .to_vec();
        if !drafted {
            header.push("Providers".into());
        }
        if mixed {
            header.push("Origin".into());
        }
        let title = if drafted {
            "Data action plan (drafted)"
        } else {
            "Data action plan"
        };
        let source = if drafted {
            "drafted by migprof from the data gaps, to be reviewed by the working group"
        } else {
            "the profile's data action plan"
        };
        let t = self.table_from(title.into(), header, rows, source);
        self.plan_table = Some(t.num);
        blocks.push(Block::Table(t));
    }

    fn annex(&mut self, a: Annex, blocks: &mut Vec<Block>) -> Result<(), RenderError> {
        match a {
            Annex::Sources => self.sources_annex(blocks),
            Annex::Definitions => self.definitions_annex(blocks),
            Annex::Tables => self.tables_annex(blocks),
            Annex::ActionPlan => match self.plan_table {
                // Printed once: Part D.4 has it.
                Some(n) => blocks.push(Block::Note(tr(
                    self.ctx,
                    "r-plan-once",
                    &[("table", n.to_string().into())],
                ))),
                None => self.action_table(blocks),
            },
            Annex::Coherence => self.coherence_annex(blocks),
            Annex::DataSystem => {
                let system = crate::system::annex::blocks(
                    self.ctx.profile,
                    self.ctx.catalogue,
                    self.ctx.template,
                    lang_of(self.ctx),
                );
                for blk in system {
                    blocks.push(match blk {
                        Block::Table(t) => Block::Table(self.table(t.title, t.header, t.rows)),
                        other => other,
                    });
                }
            }
            Annex::Changes => match self.ctx.previous {
                Some(old) => {
                    let c = super::changes::changes(self.ctx, old);
                    blocks.extend(c.notes);
                    let from = tr(
                        self.ctx,
                        "r-changes-source",
                        &[("title", old.meta.title.clone().into())],
                    );
                    for (title, header, rows) in c.tables {
                        self.cur_sources.insert(from.clone());
                        let t = self.table(title, header, rows);
                        blocks.push(Block::Table(t));
                    }
                }
                None => blocks.push(Block::Note(tr(self.ctx, "r-changes-no-previous", &[]))),
            },
        }
        Ok(())
    }

    fn sources_annex(&mut self, blocks: &mut Vec<Block>) {
        let p = self.ctx.profile;
        if p.sources.is_empty() {
            blocks.push(Block::Note(tr(self.ctx, "r-no-sources", &[])));
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
                "Provider",
                "Dataset",
                "File or citation",
                "SHA-256",
                "Retrieved",
                "Licence",
            ]
            .map(String::from)
            .to_vec();
            let t = self.table_from(
                "Sources used".into(),
                header,
                rows,
                "the profile's source records (file or citation, SHA-256, retrieval date, licence)",
            );
            blocks.push(Block::Table(t));
        }
        let scores = self.quality.scores.clone();
        if scores.is_empty() {
            blocks.push(Block::Note(tr(self.ctx, "r-no-scores", &[])));
            return;
        }
        let mut header = vec!["Indicator".to_string(), "Source".into(), "Period".into()];
        header.extend(Dimension::ALL.iter().map(|d| en(self.ctx, d.label())));
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
                            hint: Some(x.text(lang_of(self.ctx))),
                            ..TCell::default()
                        },
                        None => dash(),
                    });
                }
                row
            })
            .collect();
        let mut t = self.table_from(
            "Quality of the values used, by dimension (0 poor to 3 good)".into(),
            header,
            rows,
            "scores by migprof from the values and their sources' metadata",
        );
        t.notes.push(tr(self.ctx, "r-quality-evidence", &[]));
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
            blocks.push(Block::Note(tr(self.ctx, "r-no-indicator-data", &[])));
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
                            .map(|s| tr(self.ctx, "tag-sdg", &[("n", s.as_str().into())]))
                            .chain(
                                i.gcm
                                    .iter()
                                    .map(|g| tr(self.ctx, "tag-gcm", &[("n", g.as_str().into())])),
                            )
                            .collect()
                    })
                    .unwrap_or_default();
                vec![
                    TCell::text(self.ctx.name(id)),
                    TCell::text(unit_label(lang_of(self.ctx), self.ctx.unit(id))),
                    TCell::text(
                        ind.map(|i| self.definition_in_words(&i.definition))
                            .unwrap_or_else(|| tr(self.ctx, "r-not-in-catalogue", &[])),
                    ),
                    TCell::text(tags.join(", ")),
                ]
            })
            .collect();
        let header = ["Indicator", "Unit", "Definition", "SDG / GCM"]
            .map(String::from)
            .to_vec();
        let t = self.table_from(
            "Definitions of the indicators used".into(),
            header,
            rows,
            "migprof indicator catalogue, after the IOM Migration Profile template",
        );
        blocks.push(Block::Table(t));
    }

    /// The statistical tables: per indicator, its totals and breakdowns by period (a long
    /// annual series one row per decade), and for each partner dimension the top
    /// [`TOP_PARTNERS`] partners over the latest [`PERIOD_COLUMNS`] periods. Everything else
    /// is in the data bundle, and each table says what it leaves there.
    fn tables_annex(&mut self, blocks: &mut Vec<Block>) {
        let ctx = self.ctx;
        let mut any = false;
        for id in &ctx.indicators {
            let obs: Vec<Published> = ctx.of(id).copied().collect();
            if obs.is_empty() {
                continue;
            }
            any = true;
            let mut plain: Vec<Published> = Vec::new();
            let mut partners: BTreeMap<String, Vec<Published>> = BTreeMap::new();
            for p in obs {
                match p.obs.disaggregation.keys().find(|k| is_partner(k)) {
                    Some(k) => partners.entry(k.clone()).or_default().push(p),
                    None => plain.push(p),
                }
            }
            if !plain.is_empty() {
                self.grid_tables(id, &plain, blocks);
            }
            for (dim, list) in &partners {
                self.partner_table(id, dim, list, blocks);
            }
        }
        if !any {
            blocks.push(Block::Note(tr(self.ctx, "r-no-indicator-data", &[])));
        }
    }

    /// Totals and breakdowns of one indicator by period. `obs` is in period order.
    fn grid_tables(&mut self, id: &str, obs: &[Published], blocks: &mut Vec<Block>) {
        let ctx = self.ctx;
        let name = ctx.name(id);
        let unit_label = unit_label(lang_of(ctx), ctx.unit(id));
        let mut periods: Vec<&str> = Vec::new();
        for p in obs {
            if !periods.contains(&p.obs.period.as_str()) {
                periods.push(&p.obs.period);
            }
        }
        let mut cells: Vec<&BTreeMap<String, String>> =
            obs.iter().map(|p| &p.obs.disaggregation).collect();
        cells.sort_by(|a, b| cell_cmp(a, b));
        cells.dedup();
        let first = first_by_cell(obs);
        let find = |c: &BTreeMap<String, String>, per: &str| first.get(&(c, per)).copied();
        let years: Option<Vec<i32>> = periods
            .iter()
            .map(|p| match Period::parse(p) {
                Some(Period::Year(y)) if p.trim().len() == 4 => Some(y),
                _ => None,
            })
            .collect();
        // One series of many years: one row per decade, a column per year of the decade.
        if let (Some(years), [only]) = (years, cells.as_slice())
            && periods.len() > PERIOD_COLUMNS
        {
            let first = years.first().copied().unwrap_or(0).div_euclid(10) * 10;
            let last = years.last().copied().unwrap_or(0);
            let mut header = vec!["Decade".to_string()];
            header.extend((0..10).map(|d| format!("…{d}")));
            let mut rows = Vec::new();
            let mut decade = first;
            while decade <= last {
                let mut row = vec![TCell::text(tr(
                    ctx,
                    "r-decade-label",
                    &[("decade", decade.to_string().into())],
                ))];
                for y in decade..decade + 10 {
                    row.push(match find(only, &y.to_string()) {
                        Some(p) => self.cell(&p),
                        None => dash(),
                    });
                }
                rows.push(row);
                decade += 10;
            }
            let title = tr(
                ctx,
                "r-table-decades",
                &[
                    ("name", name.as_str().into()),
                    ("unit", unit_label.as_str().into()),
                    (
                        "from",
                        years.first().copied().unwrap_or(0).to_string().into(),
                    ),
                    ("to", last.to_string().into()),
                ],
            );
            let t = self.table(title, header, rows);
            blocks.push(Block::Table(t));
            return;
        }
        let labels: Vec<String> = cells.iter().map(|c| self.row_label(c)).collect();
        let np = periods.len();
        let n = np.div_ceil(PERIOD_COLUMNS).max(1);
        let size = np.div_ceil(n).max(1);
        for (k, chunk) in periods.chunks(size).enumerate() {
            let mut header = vec![format!("{name} ({unit_label})")];
            header.extend(chunk.iter().map(|p| p.to_string()));
            let mut rows = Vec::with_capacity(cells.len());
            for (c, label) in cells.iter().zip(&labels) {
                let mut row = vec![TCell::text(label.clone())];
                for per in chunk {
                    row.push(match find(c, per) {
                        Some(p) => self.cell(&p),
                        None => dash(),
                    });
                }
                rows.push(row);
            }
            let title = if n > 1 {
                tr(
                    ctx,
                    "r-table-part",
                    &[
                        ("name", name.as_str().into()),
                        ("from", chunk.first().copied().unwrap_or("").into()),
                        ("to", chunk.last().copied().unwrap_or("").into()),
                        ("part", (k + 1).to_string().into()),
                        ("parts", n.to_string().into()),
                    ],
                )
            } else {
                name.clone()
            };
            let t = self.table(title, header, rows);
            blocks.push(Block::Table(t));
        }
    }

    /// One indicator by partner country: the top partners by their latest value, over the
    /// latest periods. `obs` is in period order.
    fn partner_table(&mut self, id: &str, dim: &str, obs: &[Published], blocks: &mut Vec<Block>) {
        let ctx = self.ctx;
        let name = ctx.name(id);
        let unit_label = unit_label(lang_of(ctx), ctx.unit(id));
        let reference = ctx.profile.meta.reference_year;
        let mut periods: Vec<&str> = Vec::new();
        for p in obs {
            if !periods.contains(&p.obs.period.as_str()) {
                periods.push(&p.obs.period);
            }
        }
        let mut cells: Vec<&BTreeMap<String, String>> =
            obs.iter().map(|p| &p.obs.disaggregation).collect();
        cells.sort();
        cells.dedup();
        // Each cell's values in period order, grouped once (not a scan of `obs` per cell).
        let mut by_cell: rustc_hash::FxHashMap<&BTreeMap<String, String>, Vec<&Published>> =
            Default::default();
        for p in obs {
            by_cell.entry(&p.obs.disaggregation).or_default().push(p);
        }
        // Rank by the latest value that is not a projection and not after the reference year.
        let rank_of = |c: &BTreeMap<String, String>| -> (String, f64) {
            by_cell
                .get(c)
                .into_iter()
                .flatten()
                .filter(|p| {
                    !p.obs.is_projection()
                        && p.obs
                            .parsed_period()
                            .is_none_or(|q| q.end_year() <= reference)
                })
                .filter_map(|p| Some((p.obs.period.clone(), p.value()?)))
                .max_by(|a, b| period_cmp(&a.0, &b.0))
                .unwrap_or_default()
        };
        let mut ranked: Vec<(&BTreeMap<String, String>, String, f64)> = cells
            .iter()
            .map(|c| {
                let (per, v) = rank_of(c);
                (*c, per, v)
            })
            .collect();
        let latest = ranked
            .iter()
            .map(|r| r.1.clone())
            .filter(|p| !p.is_empty())
            .max_by(|a, b| period_cmp(a, b))
            .unwrap_or_default();
        // Partners with a value in the latest period first, then by value.
        ranked.sort_by(|a, b| {
            (b.1 == latest)
                .cmp(&(a.1 == latest))
                .then_with(|| b.2.total_cmp(&a.2))
                .then_with(|| a.0.cmp(b.0))
        });
        let total = ranked.len();
        ranked.truncate(TOP_PARTNERS);
        let np = periods.len();
        let shown: Vec<&str> = periods
            .iter()
            .copied()
            .skip(np.saturating_sub(PERIOD_COLUMNS))
            .collect();
        let mut header = vec![capitalise(&tr(self.ctx, "partner", &[("dim", dim.into())]))];
        header.extend(shown.iter().map(|p| p.to_string()));
        let mut rows = Vec::new();
        self.partner_cells = true;
        let first = first_by_cell(obs);
        for (c, _, _) in &ranked {
            let mut row = vec![TCell::text(self.row_label(c))];
            for per in &shown {
                let p = first.get(&(*c, *per)).copied();
                row.push(match p {
                    Some(p) => self.cell(&p),
                    None => dash(),
                });
            }
            rows.push(row);
        }
        self.partner_cells = false;
        let title = tr(
            self.ctx,
            "r-by-partner",
            &[
                ("name", name.as_str().into()),
                (
                    "partner",
                    tr(self.ctx, "partner", &[("dim", dim.into())]).into(),
                ),
                ("unit", unit_label.as_str().into()),
            ],
        );
        let mut t = self.table(title, header, rows);
        let mut what = Vec::new();
        if total > TOP_PARTNERS {
            what.push(tr(
                self.ctx,
                "r-shown-largest",
                &[
                    ("top", TOP_PARTNERS.to_string().into()),
                    ("total", total.to_string().into()),
                    (
                        "partners",
                        tr(self.ctx, "partners", &[("dim", dim.into())]).into(),
                    ),
                    (
                        "latest",
                        if latest.is_empty() {
                            String::new()
                        } else {
                            format!(" ({latest})")
                        }
                        .into(),
                    ),
                ],
            ));
        }
        if np > shown.len() {
            what.push(tr(
                self.ctx,
                "r-shown-latest",
                &[
                    ("shown", shown.len().to_string().into()),
                    ("total", np.to_string().into()),
                ],
            ));
        }
        if !what.is_empty() {
            t.notes.push(tr(
                self.ctx,
                "r-shown-every",
                &[("what", what.join(&sep(self.ctx)).into())],
            ));
        }
        blocks.push(Block::Table(t));
    }

    /// A row label: "Total", "Female", "Sex: Female, Age: 15-19", partner names.
    fn row_label(&self, d: &BTreeMap<String, String>) -> String {
        if d.is_empty() {
            return tr(self.ctx, "total", &[]);
        }
        let parts: Vec<String> = d
            .iter()
            .map(|(k, v)| {
                let label = self.ctx.dim_label(k, v);
                if is_partner(k) || d.len() == 1 && k == "sex" {
                    label
                } else {
                    format!("{}: {label}", capitalise(&en(self.ctx, &capitalise(k))))
                }
            })
            .collect();
        parts.join(", ")
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
            Some(p) if !p.justification.trim().is_empty() => tr(
                self.ctx,
                "why-preferred",
                &[("justification", p.justification.trim().to_string().into())],
            ),
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
            blocks.push(Block::Note(tr(self.ctx, "r-no-alternatives", &[])));
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
                            table_value_in(lang_of(self.ctx), v, unit),
                            if cell.marker() == "r" { " r" } else { "" }
                        ),
                        None => "s".to_string(),
                    };
                    let flags = if o.flags.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", o.flags.join(", "))
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
                    text: values.join(&sep(self.ctx)),
                    mark: if any_suppressed { "s" } else { "" },
                    ..TCell::default()
                },
                TCell {
                    text: if any_suppressed {
                        "s".into()
                    } else {
                        percent_one_decimal(lang_of(self.ctx), c.relative_difference)
                    },
                    numeric: true,
                    ..TCell::default()
                },
                TCell::text(self.ctx.source_label(&c.chosen)),
                TCell::text(en(self.ctx, &self.chosen_by(c))),
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
        ]
        .map(String::from)
        .to_vec();
        let t = self.table_from(
            "Alternative values from other sources".into(),
            header,
            rows,
            "the profile's sources, compared by migprof",
        );
        blocks.push(Block::Table(t));
        // The likely reasons, once for the periods of an indicator and cell they hold for.
        let lang = lang_of(self.ctx);
        let mut groups: Vec<Vec<&Conflict>> = Vec::new();
        for c in list.iter().filter(|c| !c.reasons.is_empty()) {
            let same = |g: &Vec<&Conflict>| {
                g.first().is_some_and(|f| {
                    f.key.indicator == c.key.indicator
                        && f.key.disaggregation == c.key.disaggregation
                        && f.period_free_reasons() == c.period_free_reasons()
                })
            };
            match groups.iter_mut().find(|g| same(g)) {
                Some(g) => g.push(c),
                None => groups.push(vec![c]),
            }
        }
        let rows: Vec<Vec<TCell>> = groups
            .iter()
            .filter_map(|g| {
                let first = g.first()?;
                let periods: Vec<&str> = g.iter().map(|c| c.key.period.as_str()).collect();
                Some(vec![
                    TCell::text(self.ctx.name(&first.key.indicator)),
                    TCell::text(self.ctx.cell_label(&first.key.disaggregation)),
                    TCell::text(periods.join(", ")),
                    TCell::text(crate::quality::reconcile::grouped_reason(g, lang)?),
                ])
            })
            .collect();
        if !rows.is_empty() {
            let t = self.table_from(
                "Likely reasons for the differences".into(),
                ["Indicator", "Cell", "Periods", "Likely reason"]
                    .map(String::from)
                    .to_vec(),
                rows,
                "the metadata kept with each value, read by migprof",
            );
            blocks.push(Block::Table(t));
        }
    }
}

/// What a Part C section reports from `[governance]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Governed {
    Policy,
    Ratification,
    Institution,
    Agreement,
}

impl Governed {
    /// C.1 policy framework, C.2 laws and instruments, C.3 institutions, C.4 cooperation.
    fn of_section(id_up: &str) -> Option<Governed> {
        match id_up {
            "C.1" => Some(Governed::Policy),
            "C.2" => Some(Governed::Ratification),
            "C.3" => Some(Governed::Institution),
            "C.4" => Some(Governed::Agreement),
            _ => None,
        }
    }
}

fn nonblank(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// The acronyms of `indicators/acronyms.toml` that the report's text uses, as whole words.
fn acronyms_used(doc: &Doc, lang: Lang) -> Vec<(String, String)> {
    let mut text = String::new();
    let mut add = |s: &str| {
        text.push_str(s);
        text.push('\n');
    };
    add(&doc.title);
    for s in doc.footnotes.iter().chain(doc.flags.iter().map(|f| &f.1)) {
        add(s);
    }
    for f in &doc.figures {
        add(&f.chart.title);
        add(&f.chart.source_line);
    }
    for p in &doc.parts {
        add(&p.title);
        for s in &p.sections {
            add(&s.title);
            for b in &s.blocks {
                match b {
                    Block::Narrative(t)
                    | Block::Generated(t)
                    | Block::Note(t)
                    | Block::Subheading(t) => add(t),
                    Block::Findings(list) => list.iter().for_each(|t| add(t)),
                    Block::KeyFigures(figs) => figs.iter().for_each(|k| {
                        add(&k.label);
                        add(&k.value);
                        add(&k.source);
                    }),
                    Block::Figure(_) => {}
                    Block::Table(t) => {
                        add(&t.title);
                        t.header.iter().for_each(|h| add(h));
                        t.notes.iter().for_each(|n| add(n));
                        if let Some(s) = &t.source {
                            add(s);
                        }
                        t.rows.iter().flatten().for_each(|c| {
                            if !c.numeric && !c.mono {
                                add(&c.text);
                            }
                        });
                    }
                }
            }
        }
    }
    // The whole words of the text, once (a search of the whole report per acronym was most
    // of this function's time); an abbreviation with other characters than letters, digits
    // and `_` ("UN DESA") is searched for as before.
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let words: std::collections::HashSet<&str> = text
        .split(|c: char| !c.is_ascii() || !word_byte(c as u8))
        .filter(|w| !w.is_empty())
        .collect();
    crate::publication::acronyms()
        .into_iter()
        .filter(|a| {
            if a.short.bytes().all(word_byte) {
                words.contains(a.short.as_str())
            } else {
                crate::publication::has_word(&text, &a.short)
            }
        })
        .map(|a| (a.short.clone(), a.long_in(lang).to_string()))
        .collect()
}

/// Partners shown in a statistical table by partner country.
const TOP_PARTNERS: usize = 10;
/// Period columns of a statistical table.
const PERIOD_COLUMNS: usize = 10;

/// A dimension whose values are partner countries.
fn is_partner(dim: &str) -> bool {
    matches!(
        dim,
        "origin" | "destination" | "citizenship" | "country" | "nationality" | "asylum"
    )
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

/// An empty value cell, aligned with the numbers.
fn dash() -> TCell {
    TCell {
        text: "–".into(),
        numeric: true,
        ..TCell::default()
    }
}

/// Leave out rows whose values are all dashes and value columns that are dashes in every row
/// (the first column holds the row labels).
fn prune(mut header: Vec<String>, rows: Vec<Vec<TCell>>) -> (Vec<String>, Vec<Vec<TCell>>) {
    let dash = |c: &TCell| c.text == "–";
    let mut rows: Vec<Vec<TCell>> = rows
        .into_iter()
        .filter(|r| r.len() < 2 || !r[1..].iter().all(dash))
        .collect();
    if rows.is_empty() {
        return (header, rows);
    }
    // A column is kept when one of its cells says something (not a dash, not blank).
    let nothing = |c: &TCell| dash(c) || c.text.trim().is_empty();
    let width = header.len();
    let keep: Vec<bool> = (0..width)
        .map(|i| i == 0 || !rows.iter().all(|r| r.get(i).is_none_or(nothing)))
        .collect();
    if keep.iter().all(|k| *k) {
        return (header, rows);
    }
    let mut i = 0;
    header.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    for r in &mut rows {
        let mut j = 0;
        r.retain(|_| {
            j += 1;
            keep.get(j - 1).copied().unwrap_or(true)
        });
    }
    (header, rows)
}
