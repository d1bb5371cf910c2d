//! What the report says about the data: the latest value of an indicator, its trend within one
//! series of compatible values, the key-figure cards and the executive summary.
//!
//! Every statement follows the rules of [`crate::quality::series`]: comparisons stay inside one
//! segment (same source, revision, territory and concept, no flagged break), never involve a
//! projection or a partial period, and state their years. Small counts (below
//! [`SMALL_COUNT`]) change by absolute numbers, shares by percentage points; numbers are rounded
//! as the cards round them ([`with_unit`]).
//!
//! Sentences are Fluent messages (`assets/i18n/*.ftl`) in the profile's language, with their
//! numbers as arguments: plurals ("1 personne", "1,5 million", "2 millions") and the article
//! and agreement of each indicator's name ("Le stock ...", "Las solicitudes ...") are chosen
//! by the messages, never by concatenating words here.

use super::data::{Ctx, Published};
use super::numfmt::{scaled, thousands_in, unit_space, with_unit_in};
use crate::catalogue::{Kind, Unit};
use crate::i18n::{Lang, after_article, grammar_form, list_sep, t};
use crate::model::Observation;
use crate::quality::disclosure::protect;
use crate::quality::series::{self, Point, Segment};
use crate::quality::{provider_of, stale_after};
use fluent_bundle::FluentValue;

/// Below this many persons a change is given as a number, not a percentage.
pub const SMALL_COUNT: f64 = 100.0;

/// The published totals of an indicator as segments of compatible values.
pub fn segments<'a>(ctx: &Ctx<'a>, id: &str) -> Vec<Segment<'a>> {
    let points: Vec<Point<'a>> = ctx
        .series(id)
        .into_iter()
        .map(|(period, value, p)| Point {
            period,
            value,
            obs: p.obs,
        })
        .collect();
    series::segments(points, |s| provider_of(ctx.profile, s))
}

/// The latest value that may be called so: not a projection, up to the reference year.
#[derive(Debug, Clone, Copy)]
pub struct Fact<'a> {
    pub value: f64,
    pub obs: &'a Observation,
    pub year: i32,
}

/// The latest value of an indicator (see [`series::latest`]).
pub fn latest<'a>(ctx: &Ctx<'a>, id: &str) -> Option<Fact<'a>> {
    let segs = segments(ctx, id);
    let (si, pi) = series::latest(&segs, ctx.profile.meta.reference_year)?;
    let p = segs.get(si)?.points.get(pi)?;
    Some(Fact {
        value: p.value,
        obs: p.obs,
        year: p.year(),
    })
}

/// Is a value of `year` older than the indicator's stale threshold?
pub fn is_stale(ctx: &Ctx, id: &str, year: i32) -> bool {
    ctx.profile.meta.reference_year - year > stale_after(kind(ctx, id))
}

fn kind(ctx: &Ctx, id: &str) -> Kind {
    ctx.indicator(id).map_or(Kind::Flow, |i| i.kind)
}

fn plural(ctx: &Ctx, id: &str) -> bool {
    ctx.indicator(id).is_some_and(|i| i.plural)
}

/// "was" or "were", as the indicator's name asks.
pub fn verb(ctx: &Ctx, id: &str) -> &'static str {
    if plural(ctx, id) { "were" } else { "was" }
}

/// The language of a report.
fn lang_of(ctx: &Ctx) -> Lang {
    Lang::of(&ctx.profile.meta.language)
}

/// A value with its unit for a sentence: as the cards print it, with the count's unit after
/// it ("1.2 M persons", "3 persons", "1 person", "12.3 %"). English; see [`amount_in`].
pub fn amount(v: f64, unit: Unit) -> String {
    amount_in(Lang::En, v, unit)
}

/// [`amount`] in `lang` ("15,8 millions de personnes", "1 persona").
pub fn amount_in(lang: Lang, v: f64, unit: Unit) -> String {
    let message = match unit {
        Unit::Persons => "amount-persons",
        Unit::Events => "amount-events",
        Unit::Movements => "amount-movements",
        _ => return with_unit_in(lang, v, unit),
    };
    counted(lang, message, v)
}

/// A count with its noun through an `amount-*` message (`amount-refugees`, ...).
fn counted(lang: Lang, message: &str, v: f64) -> String {
    let (n, scale, count) = scaled(lang, v);
    t(
        lang,
        message,
        &[
            ("n", n.into()),
            ("scale", scale.key().into()),
            ("count", count.into()),
        ],
    )
}

/// The change from `v0` to `v1` in words a statistician signs: percentage points for per
/// cent units, absolute numbers for small counts, signed series and rates, per cent otherwise.
/// English; see [`change_in`].
pub fn change(v0: f64, v1: f64, unit: Unit, signed: bool) -> String {
    change_in(Lang::En, v0, v1, unit, signed)
}

/// [`change`] in `lang`.
pub fn change_in(lang: Lang, v0: f64, v1: f64, unit: Unit, signed: bool) -> String {
    let d = v1 - v0;
    let sign = if d > 0.0 {
        "+"
    } else if d < 0.0 {
        "-"
    } else {
        ""
    };
    match unit {
        Unit::Percent => {
            let decimals = if d.abs() < 0.05 { 2 } else { 1 };
            let rounded = format!("{:.*}", decimals, d.abs())
                .parse()
                .unwrap_or(d.abs());
            t(
                lang,
                "change-points",
                &[
                    ("sign", sign.into()),
                    ("n", thousands_in(lang, d.abs(), decimals).into()),
                    ("count", FluentValue::from(rounded)),
                ],
            )
        }
        Unit::Per1000 | Unit::Per100000 | Unit::Ratio | Unit::Score | Unit::Year => {
            format!("{sign}{}", with_unit_in(lang, d.abs(), unit))
        }
        _ if signed || v0.abs() < SMALL_COUNT || v1.abs() < SMALL_COUNT || v0 == 0.0 => {
            format!("{sign}{}", amount_in(lang, d.abs(), unit))
        }
        _ if v0.signum() != v1.signum() => format!("{sign}{}", amount_in(lang, d.abs(), unit)),
        _ => {
            let pct = d / v0.abs() * 100.0;
            let sign = if pct < 0.0 { "-" } else { "+" };
            let n = thousands_in(lang, pct.abs(), 0);
            format!("{sign}{n}{}%", unit_space(lang))
        }
    }
}

fn compare(lang: Lang, p0: &Point, p1: &Point, unit: Unit, signed: bool) -> String {
    let same = with_unit_in(lang, p0.value, unit) == with_unit_in(lang, p1.value, unit);
    if same || p1.value == p0.value {
        return t(
            lang,
            "stmt-same",
            &[("period", p0.obs.period.as_str().into())],
        );
    }
    let message = if p1.value > p0.value {
        "stmt-up"
    } else {
        "stmt-down"
    };
    t(
        lang,
        message,
        &[
            ("amount", amount_in(lang, p0.value, unit).into()),
            ("period", p0.obs.period.as_str().into()),
            (
                "change",
                change_in(lang, p0.value, p1.value, unit, signed).into(),
            ),
        ],
    )
}

/// The words of a break in a series, for a sentence.
fn break_phrase(lang: Lang, reason: Option<series::BreakReason>) -> String {
    use series::BreakReason as B;
    let key = match reason {
        None => "break-default",
        Some(B::Source) => "break-source",
        Some(B::Revision) => "break-revision",
        Some(B::Territory) => "break-territory",
        Some(B::Concept) => "break-concept",
        Some(B::Flag) => "break-flag",
        Some(B::PeriodLength) => "break-period-length",
    };
    t(lang, key, &[])
}

/// The short label of a break, for chart markers ("new source", "nouvelle source").
pub fn break_label(lang: Lang, reason: series::BreakReason) -> String {
    use series::BreakReason as B;
    let key = match reason {
        B::Source => "break-short-source",
        B::Revision => "break-short-revision",
        B::Territory => "break-short-territory",
        B::Concept => "break-short-concept",
        B::Flag => "break-short-flag",
        B::PeriodLength => "break-short-period-length",
    };
    t(lang, key, &[])
}

/// One deterministic paragraph on an indicator: its latest value with year and source, the
/// change over five and ten years and the peak within its segment, breaks, partial periods and
/// projections said as such.
pub fn sentence(ctx: &Ctx, id: &str) -> Option<String> {
    let segs = segments(ctx, id);
    let reference = ctx.profile.meta.reference_year;
    let unit = ctx.unit(id);
    let lang = lang_of(ctx);
    let form = grammar_form(lang, id);
    let name = match form {
        "none" => ctx.name(id),
        _ => after_article(&ctx.name(id)),
    };
    let signed = ctx.indicator(id).is_some_and(|i| i.signed);
    let is_plural = if plural(ctx, id) { "yes" } else { "no" };
    let any = series::latest(&segs, reference);
    let full = series::latest_full(&segs, reference);
    let mut out = Vec::new();
    if let Some((si, pi)) = full {
        {
            let seg = segs.get(si)?;
            let p = seg.points.get(pi)?;
            let src = ctx.source_label(&p.obs.source);
            let stale = is_stale(ctx, id, p.year());
            let mut s = t(
                lang,
                "stmt-latest",
                &[
                    ("form", form.into()),
                    ("name", name.as_str().into()),
                    ("plural", is_plural.into()),
                    ("amount", amount_in(lang, p.value, unit).into()),
                    ("period", p.obs.period.as_str().into()),
                    ("stale", if stale { "yes" } else { "no" }.into()),
                    ("source", src.into()),
                ],
            );
            let five = series::earlier(seg, p, 5);
            let ten = series::earlier(seg, p, 10);
            let mut against: Vec<String> = Vec::new();
            for q in [five, ten].into_iter().flatten() {
                against.push(compare(lang, q, p, unit, signed));
            }
            if against.is_empty() {
                // A short segment: compare with its first full value, years stated.
                if let Some(q) = seg.comparable().next().filter(|q| q.year() < p.year()) {
                    against.push(compare(lang, q, p, unit, signed));
                }
            }
            if !against.is_empty() {
                s.push_str(", ");
                s.push_str(&against.join(&format!(" {} ", t(lang, "stmt-and", &[]))));
            }
            s.push('.');
            out.push(s);
            // The peak up to the latest value (later values are after the reference year).
            let upto: Vec<&Point> = seg.comparable().filter(|q| q.year() <= p.year()).collect();
            let peak = upto.iter().copied().max_by(|a, b| {
                a.value
                    .total_cmp(&b.value)
                    .then_with(|| b.period.axis_value().total_cmp(&a.period.axis_value()))
            });
            if let Some(peak) = peak
                && peak.year() != p.year()
                && upto.len() > 2
                && peak.value > p.value
            {
                out.push(t(
                    lang,
                    "stmt-peak",
                    &[
                        ("amount", amount_in(lang, peak.value, unit).into()),
                        ("period", peak.obs.period.as_str().into()),
                    ],
                ));
            }
            if si > 0 {
                let first = seg.points.first()?;
                out.push(t(
                    lang,
                    "stmt-break",
                    &[
                        ("period", first.obs.period.as_str().into()),
                        ("reason", break_phrase(lang, seg.reason).into()),
                    ],
                ));
            }
        }
    }
    if let Some((si, pi)) = any
        && Some((si, pi)) != full
        && let Some(p) = segs.get(si).and_then(|s| s.points.get(pi))
        && p.is_partial()
    {
        let coverage = match p.obs.coverage.as_deref() {
            Some(c) => c.to_string(),
            None => t(lang, "stmt-partial-default", &[]),
        };
        out.push(t(
            lang,
            "stmt-partial",
            &[
                ("period", p.obs.period.as_str().into()),
                ("amount", amount_in(lang, p.value, unit).into()),
                ("coverage", coverage.into()),
            ],
        ));
    }
    let projected: Vec<&Point> = segs
        .iter()
        .flat_map(|s| s.points.iter())
        .filter(|p| p.is_projection())
        .collect();
    if let Some(first) = projected.first() {
        out.push(t(
            lang,
            "stmt-projection",
            &[("period", first.obs.period.as_str().into())],
        ));
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// A value chosen for a key-figure card.
#[derive(Debug, Clone)]
pub struct Card<'a> {
    pub id: String,
    pub value: f64,
    pub obs: &'a Observation,
    /// Disclosure marker.
    pub mark: &'static str,
    pub note: Option<String>,
}

impl Card<'_> {
    fn year(&self) -> i32 {
        self.obs.parsed_period().map_or(0, |p| p.end_year())
    }
}

/// Every value of an indicator in the profile that a card may show: a total, not a projection,
/// up to the reference year, with a value disclosure control lets through.
fn candidates<'a>(ctx: &Ctx<'a>, id: &str) -> Vec<(&'a Observation, f64, &'static str)> {
    let reference = ctx.profile.meta.reference_year;
    let obs: Vec<&'a Observation> = ctx
        .profile
        .observations
        .iter()
        .filter(|o| {
            o.indicator == id
                && o.is_total()
                && !o.is_projection()
                && o.parsed_period().is_some_and(|p| p.end_year() <= reference)
        })
        .collect();
    let cells = protect(&obs, ctx.catalogue, &ctx.profile.disclosure);
    obs.into_iter()
        .zip(cells)
        .filter_map(|(o, c)| {
            let v = c.value().filter(|v| v.is_finite())?;
            Some((o, v, c.marker()))
        })
        .collect()
}

/// The card of an indicator: its latest value; when that is older than the stale threshold and
/// another source of the profile has a later full-period value of the same concept, that one;
/// a value still old says "latest available: YYYY".
pub fn card<'a>(ctx: &Ctx<'a>, id: &str) -> Option<Card<'a>> {
    let segs = segments(ctx, id);
    let (si, pi) = series::latest(&segs, ctx.profile.meta.reference_year)?;
    let p: &Point<'a> = segs.get(si)?.points.get(pi)?;
    let published: Option<Published<'a>> = ctx.of(id).find(|x| std::ptr::eq(x.obs, p.obs)).copied();
    let mut c = Card {
        id: id.to_string(),
        value: p.value,
        obs: p.obs,
        mark: published.map_or("", |x| x.cell.marker()),
        note: None,
    };
    if is_stale(ctx, id, c.year()) {
        let fresher = candidates(ctx, id)
            .into_iter()
            .filter(|(o, _, _)| {
                !o.is_partial()
                    && o.concept == p.obs.concept
                    && o.territory == p.obs.territory
                    && o.parsed_period().is_some_and(|q| q.end_year() > c.year())
            })
            .max_by_key(|(o, _, _)| o.parsed_period().map_or(0, |q| q.end_year()));
        if let Some((o, v, mark)) = fresher {
            c.obs = o;
            c.value = v;
            c.mark = mark;
        }
    }
    let lang = lang_of(ctx);
    let mut notes = Vec::new();
    if is_stale(ctx, id, c.year()) {
        notes.push(t(
            lang,
            "card-latest-available",
            &[("period", c.obs.period.as_str().into())],
        ));
    }
    if let Some(cov) = &c.obs.coverage {
        notes.push(t(
            lang,
            "card-partial",
            &[("coverage", cov.as_str().into())],
        ));
    }
    if c.obs.status == Some(crate::model::Status::Provisional) {
        notes.push(t(lang, "card-provisional", &[]));
    }
    if !notes.is_empty() {
        c.note = Some(notes.join(&list_sep(lang)));
    }
    Some(c)
}

/// The cards of the key-figures box, in the order of `ids` (indicators without a value that
/// may be called latest have none), rates aligned with their counts ([`align_pairs`]).
pub fn cards<'a>(ctx: &Ctx<'a>, ids: &[String]) -> Vec<Card<'a>> {
    let mut out: Vec<Card<'a>> = ids.iter().filter_map(|id| card(ctx, id)).collect();
    align_pairs(ctx, &mut out);
    out
}

/// Rates and counts shown side by side come from the same year: for a rate or share card whose
/// id extends a count's (`net_migration_rate` and `net_migration`), the rate of the count's
/// period is used when the profile has one (from the count's provider first); otherwise the
/// card says the count's year.
pub fn align_pairs<'a>(ctx: &Ctx<'a>, cards: &mut [Card<'a>]) {
    let ids: Vec<String> = cards.iter().map(|c| c.id.clone()).collect();
    for (ri, rid) in ids.iter().enumerate() {
        let Some(ci) = ids
            .iter()
            .position(|cid| cid != rid && rid.starts_with(&format!("{cid}_")))
        else {
            continue;
        };
        let (count_period, count_provider, count_year) = match cards.get(ci) {
            Some(c) => (
                c.obs.period.clone(),
                provider_of(ctx.profile, &c.obs.source).to_string(),
                c.year(),
            ),
            None => continue,
        };
        let Some(rate) = cards.get(ri) else { continue };
        if rate.year() == count_year {
            continue;
        }
        let mut same: Vec<_> = candidates(ctx, rid)
            .into_iter()
            .filter(|(o, _, _)| o.period == count_period && !o.is_partial())
            .collect();
        same.sort_by_key(|(o, _, _)| provider_of(ctx.profile, &o.source) != count_provider);
        let count_name = ctx.name(&ids[ci]);
        let lang = lang_of(ctx);
        let year_args = |name: &str| -> Vec<(&'static str, FluentValue<'static>)> {
            vec![
                ("name", name.to_string().into()),
                ("year", count_year.to_string().into()),
            ]
        };
        if let Some(r) = cards.get_mut(ri) {
            match same.first() {
                Some(&(o, v, mark)) => {
                    r.obs = o;
                    r.value = v;
                    r.mark = mark;
                    r.note = None;
                }
                None => {
                    r.note = Some(match r.note.take() {
                        Some(n) => format!(
                            "{n}{}{}",
                            list_sep(lang),
                            t(lang, "card-count-year", &year_args(&count_name))
                        ),
                        None => t(lang, "card-count-beside", &year_args(&count_name)),
                    });
                }
            }
        }
    }
}

fn capital_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "A, B and C" ("A, B et C", "A, B y C"; Spanish "e" before an /i/ sound: "Alemania e Italia").
fn and_list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let lower = last.to_lowercase();
            let and = if lang == Lang::Es
                && (lower.starts_with('i')
                    || lower.starts_with('í')
                    || (lower.starts_with("hi") && !lower.starts_with("hie")))
            {
                "e".to_string()
            } else {
                t(lang, "list-and", &[])
            };
            format!("{} {and} {last}", init.join(", "))
        }
    }
}

/// The largest partners of an indicator's latest period by one dimension (origin,
/// destination): (names, period).
fn main_partners(ctx: &Ctx, id: &str, dim: &str, n: usize) -> Option<(Vec<String>, String)> {
    let reference = ctx.profile.meta.reference_year;
    let cells: Vec<&Published> = ctx
        .of(id)
        .filter(|p| {
            p.obs.disaggregation.len() == 1
                && p.obs.disaggregation.contains_key(dim)
                && !p.obs.is_projection()
                && p.obs
                    .parsed_period()
                    .is_some_and(|q| q.end_year() <= reference)
        })
        .collect();
    let latest = cells
        .iter()
        .map(|p| p.obs.period.as_str())
        .max_by(|a, b| super::data::period_cmp(a, b))?
        .to_string();
    let mut rows: Vec<(String, f64, String)> = cells
        .iter()
        .filter(|p| p.obs.period == latest)
        .filter_map(|p| {
            let code = p.obs.disaggregation.get(dim)?;
            // Only countries are "main origins or destinations": residual groups ("Other
            // South"), unknown or stateless partners are left out of the statement.
            let country = ctx.countries.by_code(code)?;
            // Ranked by the name as tables print it; written as a sentence does ("the").
            let text = match lang_of(ctx) {
                Lang::En => country.in_english_text(),
                _ => ctx.dim_label(dim, code),
            };
            Some((ctx.dim_label(dim, code), p.value()?, text))
        })
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(n);
    // The year and the source of the ranking: it may come from another dataset than the total.
    let source = cells
        .iter()
        .find(|p| p.obs.period == latest)
        .map(|p| ctx.source_label(&p.obs.source))
        .unwrap_or_default();
    (!rows.is_empty()).then(|| {
        (
            rows.into_iter().map(|r| r.2).collect(),
            format!("{latest}, {source}"),
        )
    })
}

/// "16 M persons in 2020 (UN DESA, International Migrant Stock 2020)".
fn fact_text(ctx: &Ctx, id: &str, f: &Fact) -> String {
    let lang = lang_of(ctx);
    t(
        lang,
        "fact",
        &[
            ("amount", amount_in(lang, f.value, ctx.unit(id)).into()),
            ("period", f.obs.period.as_str().into()),
            ("source", ctx.source_label(&f.obs.source).into()),
        ],
    )
}

/// The executive summary's synthesis: size and direction of stocks and flows, main origins
/// and destinations, displacement and remittances, each with its year and source. `country`
/// is the country's name (the English sentences name it; French and Spanish ones say "the
/// country", which needs no article or preposition agreeing with the name).
pub fn synthesis(ctx: &Ctx, country: &str) -> Vec<String> {
    let lang = lang_of(ctx);
    // In an English sentence: "living in the Netherlands".
    let in_text = ctx
        .countries
        .by_code(&ctx.profile.meta.country)
        .filter(|c| c.name == country && lang == Lang::En)
        .map(|c| c.in_english_text());
    let country = in_text.as_deref().unwrap_or(country);
    let mut out = Vec::new();
    let fact = |id: &str| latest(ctx, id);
    let share_text = |v: f64| with_unit_in(lang, v, Unit::Percent);
    // A count and its share or rate as the key figures pair them (same year where possible).
    let paired = |count: &str, rate: &str| -> (Option<Fact<'_>>, Option<Fact<'_>>) {
        let cs = cards(ctx, &[count.to_string(), rate.to_string()]);
        let of = |id: &str| {
            cs.iter().find(|c| c.id == id).map(|c| Fact {
                value: c.value,
                obs: c.obs,
                year: c.year(),
            })
        };
        (of(count), of(rate))
    };
    let (stock, share) = paired("imm_stock", "imm_stock_share");
    if let Some(f) = stock {
        let mut s = t(
            lang,
            "syn-imm",
            &[
                ("country", country.into()),
                ("fact", fact_text(ctx, "imm_stock", &f).into()),
            ],
        );
        if let Some(sh) = share {
            if sh.obs.period == f.obs.period {
                s.push_str(&t(
                    lang,
                    "syn-imm-share-same",
                    &[("share", share_text(sh.value).into())],
                ));
            } else {
                s.push_str(&t(
                    lang,
                    "syn-imm-share-other",
                    &[
                        ("share", share_text(sh.value).into()),
                        ("period", sh.obs.period.as_str().into()),
                    ],
                ));
            }
        }
        s.push('.');
        if let Some((names, period)) = main_partners(ctx, "imm_stock", "origin", 3) {
            s.push(' ');
            s.push_str(&t(
                lang,
                "syn-imm-origins",
                &[
                    ("list", and_list(lang, &names).into()),
                    ("period", period.into()),
                ],
            ));
        }
        out.push(s);
    }
    if let Some(f) = latest(ctx, "emi_stock") {
        let mut s = t(
            lang,
            "syn-emi",
            &[
                ("country", country.into()),
                ("fact", fact_text(ctx, "emi_stock", &f).into()),
            ],
        );
        if let Some((names, period)) = main_partners(ctx, "emi_stock", "destination", 3) {
            s.push(' ');
            s.push_str(&t(
                lang,
                "syn-emi-destinations",
                &[
                    ("list", and_list(lang, &names).into()),
                    ("period", period.into()),
                ],
            ));
        }
        out.push(s);
    }
    if let Some(f) = fact("net_migration") {
        let direction = if f.value > 0.0 {
            "in"
        } else if f.value < 0.0 {
            "out"
        } else {
            "zero"
        };
        out.push(t(
            lang,
            "syn-net",
            &[
                ("fact", fact_text(ctx, "net_migration", &f).into()),
                ("direction", direction.into()),
            ],
        ));
    }
    let mut displacement = Vec::new();
    let displaced = |message: &str, noun: &str, f: &Fact| {
        t(
            lang,
            message,
            &[
                ("country", country.into()),
                ("amount", counted(lang, noun, f.value).into()),
                ("period", f.obs.period.as_str().into()),
                ("source", ctx.source_label(&f.obs.source).into()),
            ],
        )
    };
    if let Some(f) = fact("refugees_hosted") {
        displacement.push(displaced("syn-refugees-hosted", "amount-refugees", &f));
    }
    if let Some(f) = fact("refugees_from") {
        displacement.push(displaced("syn-refugees-from", "amount-refugees", &f));
    }
    if let Some(f) = fact("idps_stock") {
        displacement.push(displaced("syn-idps", "amount-people", &f));
    }
    if !displacement.is_empty() {
        out.push(format!(
            "{}.",
            capital_first(&displacement.join(&list_sep(lang)))
        ));
    }
    let mut money = Vec::new();
    let (received, share) = paired("remit_in", "remit_in_gdp");
    if let Some(f) = received {
        let mut s = t(
            lang,
            "syn-remit-in",
            &[("fact", fact_text(ctx, "remit_in", &f).into())],
        );
        if let Some(g) = share.filter(|g| g.obs.period == f.obs.period) {
            s.push_str(&t(
                lang,
                "syn-remit-in-gdp",
                &[("share", share_text(g.value).into())],
            ));
        }
        money.push(s);
    }
    if let Some(f) = fact("remit_out") {
        money.push(t(
            lang,
            "syn-remit-out",
            &[("fact", fact_text(ctx, "remit_out", &f).into())],
        ));
    }
    if !money.is_empty() {
        out.push(format!("{}.", capital_first(&money.join(&list_sep(lang)))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_said_as_a_statistician_would() {
        // Small counts: the absolute change, never "+200 %".
        assert_eq!(change(1.0, 3.0, Unit::Persons, false), "+2 persons");
        assert_eq!(change(42.0, 41.0, Unit::Persons, false), "-1 person");
        // Shares: percentage points.
        assert_eq!(
            change(18.8, 20.7, Unit::Percent, false),
            "+1.9 percentage points"
        );
        assert_eq!(
            change(0.35, 0.39, Unit::Percent, false),
            "+0.04 percentage points"
        );
        // Signed series (net migration): the absolute change.
        assert_eq!(
            change(-261_813.0, -318_067.0, Unit::Persons, true),
            "-56,254 persons"
        );
        // Larger counts: per cent, rounded as the cards are.
        assert_eq!(
            change(10_220_418.0, 15_762_457.0, Unit::Persons, false),
            "+54 %"
        );
        assert_eq!(change(1.0, 2.5, Unit::Per1000, false), "+1.5 per 1,000");
        assert_eq!(amount(1.0, Unit::Persons), "1 person");
        assert_eq!(amount(15_762_457.0, Unit::Persons), "15.8 M persons");
    }

    #[test]
    fn changes_and_amounts_in_french_and_spanish() {
        let nb = '\u{A0}';
        assert_eq!(
            change_in(Lang::Fr, 1.0, 3.0, Unit::Persons, false),
            format!("+2{nb}personnes")
        );
        assert_eq!(
            change_in(Lang::Fr, 42.0, 41.0, Unit::Persons, false),
            format!("-1{nb}personne")
        );
        assert_eq!(
            change_in(Lang::Fr, 18.8, 20.7, Unit::Percent, false),
            format!("+1,9{nb}point de pourcentage")
        );
        assert_eq!(
            change_in(Lang::Fr, 18.0, 20.5, Unit::Percent, false),
            format!("+2,5{nb}points de pourcentage")
        );
        assert_eq!(
            change_in(Lang::Es, 18.8, 20.7, Unit::Percent, false),
            format!("+1,9{nb}puntos porcentuales")
        );
        assert_eq!(
            change_in(Lang::Es, 18.8, 19.8, Unit::Percent, false),
            format!("+1{nb}punto porcentual")
        );
        assert_eq!(
            change_in(Lang::Es, -261_813.0, -318_067.0, Unit::Persons, true),
            format!("-56.254{nb}personas")
        );
        assert_eq!(
            change_in(Lang::Fr, 10_220_418.0, 15_762_457.0, Unit::Persons, false),
            format!("+54{nb}%")
        );
        assert_eq!(
            amount_in(Lang::Es, 1.0, Unit::Persons),
            format!("1{nb}persona")
        );
        assert_eq!(
            amount_in(Lang::Fr, 15_762_457.0, Unit::Persons),
            format!("15,8{nb}millions de personnes")
        );
        assert_eq!(
            amount_in(Lang::Es, 1_000_000.0, Unit::Persons),
            format!("1{nb}millón de personas")
        );
    }

    #[test]
    fn lists_read_as_english() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(Lang::En, &v(&["A"])), "A");
        assert_eq!(and_list(Lang::En, &v(&["A", "B", "C"])), "A, B and C");
        assert_eq!(and_list(Lang::Fr, &v(&["A", "B", "C"])), "A, B et C");
        assert_eq!(
            and_list(Lang::Es, &v(&["Alemania", "Francia"])),
            "Alemania y Francia"
        );
        assert_eq!(
            and_list(Lang::Es, &v(&["Alemania", "Italia"])),
            "Alemania e Italia"
        );
        assert_eq!(
            and_list(Lang::Es, &v(&["Alemania", "Hielo"])),
            "Alemania y Hielo"
        );
    }
}
