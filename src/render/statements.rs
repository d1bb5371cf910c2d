//! What the report says about the data: the latest value of an indicator, its trend within one
//! series of compatible values, the key-figure cards and the executive summary.
//!
//! Every statement follows the rules of [`crate::quality::series`]: comparisons stay inside one
//! segment (same source, revision, territory and concept, no flagged break), never involve a
//! projection or a partial period, and state their years. Small counts (below
//! [`SMALL_COUNT`]) change by absolute numbers, shares by percentage points; numbers are rounded
//! as the cards round them ([`with_unit`]).

use super::data::{Ctx, Published};
use super::numfmt::{thousands, with_unit};
use crate::catalogue::{Kind, Unit};
use crate::model::Observation;
use crate::quality::disclosure::protect;
use crate::quality::series::{self, Point, Segment};
use crate::quality::{provider_of, stale_after};

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

/// A value with its unit for a sentence: as the cards print it, with the count's unit after
/// it ("1.2 M persons", "3 persons", "1 person", "12.3 %").
pub fn amount(v: f64, unit: Unit) -> String {
    let n = with_unit(v, unit);
    let noun = match unit {
        Unit::Persons if v.abs() == 1.0 => "person",
        Unit::Persons => "persons",
        Unit::Events if v.abs() == 1.0 => "event",
        Unit::Events => "events",
        Unit::Movements if v.abs() == 1.0 => "movement",
        Unit::Movements => "movements",
        _ => return n,
    };
    format!("{n} {noun}")
}

/// The change from `v0` to `v1` in words a statistician signs: percentage points for per
/// cent units, absolute numbers for small counts, signed series and rates, per cent otherwise.
pub fn change(v0: f64, v1: f64, unit: Unit, signed: bool) -> String {
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
            format!("{sign}{} percentage points", thousands(d.abs(), decimals))
        }
        Unit::Per1000 | Unit::Per100000 | Unit::Ratio | Unit::Score | Unit::Year => {
            format!("{sign}{}", with_unit(d.abs(), unit))
        }
        _ if signed || v0.abs() < SMALL_COUNT || v1.abs() < SMALL_COUNT || v0 == 0.0 => {
            format!("{sign}{}", amount(d.abs(), unit))
        }
        _ if v0.signum() != v1.signum() => format!("{sign}{}", amount(d.abs(), unit)),
        _ => format!("{:+.0} %", d / v0.abs() * 100.0),
    }
}

fn compare(p0: &Point, p1: &Point, unit: Unit, signed: bool) -> String {
    let dir = if p1.value > p0.value {
        "up from"
    } else if p1.value < p0.value {
        "down from"
    } else {
        "unchanged from"
    };
    let same = with_unit(p0.value, unit) == with_unit(p1.value, unit);
    if same || p1.value == p0.value {
        return format!("about the same as in {}", p0.obs.period);
    }
    format!(
        "{dir} {} in {} ({})",
        amount(p0.value, unit),
        p0.obs.period,
        change(p0.value, p1.value, unit, signed)
    )
}

/// One deterministic paragraph on an indicator: its latest value with year and source, the
/// change over five and ten years and the peak within its segment, breaks, partial periods and
/// projections said as such.
pub fn sentence(ctx: &Ctx, id: &str) -> Option<String> {
    let segs = segments(ctx, id);
    let reference = ctx.profile.meta.reference_year;
    let unit = ctx.unit(id);
    let name = ctx.name(id);
    let signed = ctx.indicator(id).is_some_and(|i| i.signed);
    let verb = verb(ctx, id);
    let any = series::latest(&segs, reference);
    let full = series::latest_full(&segs, reference);
    let mut out = Vec::new();
    if let Some((si, pi)) = full {
        {
            let seg = segs.get(si)?;
            let p = seg.points.get(pi)?;
            let src = ctx.source_label(&p.obs.source);
            let stale = is_stale(ctx, id, p.year());
            let mut s = format!(
                "{name} {verb} {} in {}{} ({src})",
                amount(p.value, unit),
                p.obs.period,
                if stale { ", the latest available" } else { "" }
            );
            let five = series::earlier(seg, p, 5);
            let ten = series::earlier(seg, p, 10);
            let mut against: Vec<String> = Vec::new();
            for q in [five, ten].into_iter().flatten() {
                against.push(compare(q, p, unit, signed));
            }
            if against.is_empty() {
                // A short segment: compare with its first full value, years stated.
                if let Some(q) = seg.comparable().next().filter(|q| q.year() < p.year()) {
                    against.push(compare(q, p, unit, signed));
                }
            }
            if !against.is_empty() {
                s.push_str(", ");
                s.push_str(&against.join(" and "));
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
                out.push(format!(
                    "The highest value of this series was {} in {}.",
                    amount(peak.value, unit),
                    peak.obs.period
                ));
            }
            if si > 0 {
                let first = seg.points.first()?;
                let reason = seg.reason.map_or("a break in the series", |r| r.phrase());
                out.push(format!(
                    "Values before {} are not compared with it: the series changes there ({reason}).",
                    first.obs.period
                ));
            }
        }
    }
    if let Some((si, pi)) = any
        && Some((si, pi)) != full
        && let Some(p) = segs.get(si).and_then(|s| s.points.get(pi))
        && p.is_partial()
    {
        out.push(format!(
            "The value for {} ({}) covers part of the period only ({}) and is not compared with full periods.",
            p.obs.period,
            amount(p.value, unit),
            p.obs.coverage.as_deref().unwrap_or("partial")
        ));
    }
    let projected: Vec<&Point> = segs
        .iter()
        .flat_map(|s| s.points.iter())
        .filter(|p| p.is_projection())
        .collect();
    if let Some(first) = projected.first() {
        out.push(format!(
            "Values from {} on are projections, not data, and are shown only marked as such.",
            first.obs.period
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
    let mut notes = Vec::new();
    if is_stale(ctx, id, c.year()) {
        notes.push(format!("latest available: {}", c.obs.period));
    }
    if let Some(cov) = &c.obs.coverage {
        notes.push(format!("part of the period only: {cov}"));
    }
    if c.obs.status == Some(crate::model::Status::Provisional) {
        notes.push("provisional".to_string());
    }
    if !notes.is_empty() {
        c.note = Some(notes.join("; "));
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
                        Some(n) => format!("{n}; {count_name}: {count_year}"),
                        None => format!("{count_name} beside it: {count_year}"),
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

/// "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
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
    let mut rows: Vec<(String, f64)> = cells
        .iter()
        .filter(|p| p.obs.period == latest)
        .filter_map(|p| {
            let code = p.obs.disaggregation.get(dim)?;
            // Only countries are "main origins or destinations": residual groups ("Other
            // South"), unknown or stateless partners are left out of the statement.
            ctx.countries.by_code(code)?;
            Some((ctx.dim_label(dim, code), p.value()?))
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
            rows.into_iter().map(|r| r.0).collect(),
            format!("{latest}, {source}"),
        )
    })
}

/// "16 M persons in 2020 (UN DESA, International Migrant Stock 2020)".
fn fact_text(ctx: &Ctx, id: &str, f: &Fact) -> String {
    format!(
        "{} in {} ({})",
        amount(f.value, ctx.unit(id)),
        f.obs.period,
        ctx.source_label(&f.obs.source)
    )
}

/// The executive summary's synthesis: size and direction of stocks and flows, main origins
/// and destinations, displacement and remittances, each with its year and source.
pub fn synthesis(ctx: &Ctx, country: &str) -> Vec<String> {
    let mut out = Vec::new();
    let fact = |id: &str| latest(ctx, id);
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
        let mut s = format!(
            "International migrants living in {country} numbered {}",
            fact_text(ctx, "imm_stock", &f)
        );
        if let Some(sh) = share {
            if sh.obs.period == f.obs.period {
                s.push_str(&format!(
                    ", {} of the population",
                    with_unit(sh.value, Unit::Percent)
                ));
            } else {
                s.push_str(&format!(
                    "; they were {} of the population in {}",
                    with_unit(sh.value, Unit::Percent),
                    sh.obs.period
                ));
            }
        }
        s.push('.');
        if let Some((names, period)) = main_partners(ctx, "imm_stock", "origin", 3) {
            s.push_str(&format!(
                " The largest groups came from {} ({period}).",
                and_list(&names)
            ));
        }
        out.push(s);
    }
    if let Some(f) = latest(ctx, "emi_stock") {
        let mut s = format!(
            "Emigrants from {country} living abroad numbered {}.",
            fact_text(ctx, "emi_stock", &f)
        );
        if let Some((names, period)) = main_partners(ctx, "emi_stock", "destination", 3) {
            s.push_str(&format!(
                " Their main countries of destination were {} ({period}).",
                and_list(&names)
            ));
        }
        out.push(s);
    }
    if let Some(f) = fact("net_migration") {
        let direction = if f.value > 0.0 {
            "more people arrived than left"
        } else if f.value < 0.0 {
            "more people left than arrived"
        } else {
            "arrivals and departures balanced"
        };
        out.push(format!(
            "Net migration was {}: {direction}.",
            fact_text(ctx, "net_migration", &f)
        ));
    }
    let mut displacement = Vec::new();
    if let Some(f) = fact("refugees_hosted") {
        displacement.push(format!(
            "{country} hosted {} refugees in {} ({})",
            with_unit(f.value, Unit::Persons),
            f.obs.period,
            ctx.source_label(&f.obs.source)
        ));
    }
    if let Some(f) = fact("refugees_from") {
        displacement.push(format!(
            "{} refugees from {country} were abroad in {} ({})",
            with_unit(f.value, Unit::Persons),
            f.obs.period,
            ctx.source_label(&f.obs.source)
        ));
    }
    if let Some(f) = fact("idps_stock") {
        displacement.push(format!(
            "{} people were internally displaced in {} ({})",
            with_unit(f.value, Unit::Persons),
            f.obs.period,
            ctx.source_label(&f.obs.source)
        ));
    }
    if !displacement.is_empty() {
        out.push(format!("{}.", capital_first(&displacement.join("; "))));
    }
    let mut money = Vec::new();
    let (received, share) = paired("remit_in", "remit_in_gdp");
    if let Some(f) = received {
        let mut s = format!(
            "personal remittances received were {}",
            fact_text(ctx, "remit_in", &f)
        );
        if let Some(g) = share.filter(|g| g.obs.period == f.obs.period) {
            s.push_str(&format!(", {} of GDP", with_unit(g.value, Unit::Percent)));
        }
        money.push(s);
    }
    if let Some(f) = fact("remit_out") {
        money.push(format!(
            "remittances paid were {}",
            fact_text(ctx, "remit_out", &f)
        ));
    }
    if !money.is_empty() {
        out.push(format!("{}.", capital_first(&money.join("; "))));
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
    fn lists_read_as_english() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&v(&["A"])), "A");
        assert_eq!(and_list(&v(&["A", "B", "C"])), "A, B and C");
    }
}
