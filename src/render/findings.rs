//! Part D.1: main findings drafted from the data. Each finding states one published value
//! with its period and source (the latest full-period value, never a projection), compared
//! only within its series; a later value that covers part of its period is said as such and
//! not compared. The working group replaces them with its own text (narrative `D.1`).

use super::data::Ctx;
use super::statements::{amount, change, is_stale, segments, verb};
use crate::quality::series;

/// Indicators the findings are drawn from, in the order a reader expects them.
const FINDING_INDICATORS: [&str; 12] = [
    "imm_stock",
    "imm_stock_share",
    "emi_stock",
    "net_migration",
    "refugees_hosted",
    "refugees_from",
    "asylum_applications",
    "idps_stock",
    "remit_in",
    "remit_in_gdp",
    "migrant_deaths",
    "students_inbound",
];

/// The most findings drafted.
pub const MAX_FINDINGS: usize = 8;

/// Up to [`MAX_FINDINGS`] findings, one per indicator with a published full-period value,
/// then one on the evidence base (indicators with data and data gaps).
pub fn findings(ctx: &Ctx, gaps: usize) -> Vec<String> {
    let mut out: Vec<String> = FINDING_INDICATORS
        .iter()
        .filter(|id| ctx.indicators.iter().any(|i| i == *id))
        .filter_map(|id| finding(ctx, id))
        .take(MAX_FINDINGS - 1)
        .collect();
    let with_data = ctx
        .indicators
        .iter()
        .filter(|id| ctx.of(id).next().is_some())
        .count();
    let mut evidence = format!(
        "The profile has data for {with_data} of the {} indicators its sections use",
        ctx.indicators.len()
    );
    if gaps > 0 {
        evidence.push_str(&format!(
            ", and {gaps} data gap{} {} listed in Part D.4",
            if gaps == 1 { "" } else { "s" },
            if gaps == 1 { "is" } else { "are" }
        ));
    }
    evidence.push('.');
    if with_data < ctx.indicators.len() || gaps > 0 {
        out.push(evidence);
    }
    out
}

/// One finding: "International migrant stock was 15.8 M persons in 2020 (UN DESA, ...),
/// +54 % since 2010." Only the latest full-period value that is not a projection and not after
/// the reference year; the change within the same series over about ten years (else five).
pub fn finding(ctx: &Ctx, id: &str) -> Option<String> {
    let segs = segments(ctx, id);
    let reference = ctx.profile.meta.reference_year;
    let (si, pi) = series::latest_full(&segs, reference)?;
    let seg = segs.get(si)?;
    let p = seg.points.get(pi)?;
    let unit = ctx.unit(id);
    let signed = ctx.indicator(id).is_some_and(|i| i.signed);
    let mut s = format!(
        "{} {} {} in {}{} ({})",
        ctx.name(id),
        verb(ctx, id),
        amount(p.value, unit),
        p.obs.period,
        if is_stale(ctx, id, p.year()) {
            ", the latest available"
        } else {
            ""
        },
        ctx.source_label(&p.obs.source)
    );
    let before = series::earlier(seg, p, 10).or_else(|| series::earlier(seg, p, 5));
    if let Some(q) = before
        && q.value != p.value
    {
        s.push_str(&format!(
            ", {} since {}",
            change(q.value, p.value, unit, signed),
            q.obs.period
        ));
    }
    // A later value of part of a period only: said, never compared.
    if let Some((sj, pj)) = series::latest(&segs, reference)
        && (sj, pj) != (si, pi)
        && let Some(q) = segs.get(sj).and_then(|x| x.points.get(pj))
        && q.is_partial()
    {
        s.push_str(&format!(
            "; the value for {} covers part of the period only ({}) and is not compared",
            q.obs.period,
            q.obs.coverage.as_deref().unwrap_or("partial")
        ));
    }
    s.push('.');
    Some(s)
}
