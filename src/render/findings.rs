//! Part D.1: main findings drafted from the data. Each finding states one published value
//! with its period and source (the latest full-period value, never a projection), compared
//! only within its series; a later value that covers part of its period is said as such and
//! not compared. The working group replaces them with its own text (narrative `D.1`).

use super::data::Ctx;
use super::statements::{amount_in, change_in, is_stale, segments};
use crate::i18n::{Lang, after_article, grammar_form, t};
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
    let evidence = t(
        Lang::of(&ctx.profile.meta.language),
        "f-evidence",
        &[
            ("with", with_data.to_string().into()),
            ("total", ctx.indicators.len().to_string().into()),
            ("gaps", gaps.into()),
        ],
    );
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
    let lang = Lang::of(&ctx.profile.meta.language);
    let form = grammar_form(lang, id);
    let name = match form {
        "none" => ctx.name(id),
        _ => after_article(&ctx.name(id)),
    };
    let plural = ctx.indicator(id).is_some_and(|i| i.plural);
    let mut s = t(
        lang,
        "stmt-latest",
        &[
            ("form", form.into()),
            ("name", name.into()),
            ("plural", if plural { "yes" } else { "no" }.into()),
            ("amount", amount_in(lang, p.value, unit).into()),
            ("period", p.obs.period.as_str().into()),
            (
                "stale",
                if is_stale(ctx, id, p.year()) {
                    "yes"
                } else {
                    "no"
                }
                .into(),
            ),
            ("source", ctx.source_label(&p.obs.source).into()),
        ],
    );
    let before = series::earlier(seg, p, 10).or_else(|| series::earlier(seg, p, 5));
    if let Some(q) = before
        && q.value != p.value
    {
        s.push_str(&t(
            lang,
            "f-since",
            &[
                (
                    "change",
                    change_in(lang, q.value, p.value, unit, signed).into(),
                ),
                ("period", q.obs.period.as_str().into()),
            ],
        ));
    }
    // A later value of part of a period only: said, never compared.
    if let Some((sj, pj)) = series::latest(&segs, reference)
        && (sj, pj) != (si, pi)
        && let Some(q) = segs.get(sj).and_then(|x| x.points.get(pj))
        && q.is_partial()
    {
        let coverage = match q.obs.coverage.as_deref() {
            Some(c) => c.to_string(),
            None => t(lang, "stmt-partial-default", &[]),
        };
        s.push_str(&t(
            lang,
            "f-partial",
            &[
                ("period", q.obs.period.as_str().into()),
                ("coverage", coverage.into()),
            ],
        ));
    }
    s.push('.');
    Some(s)
}
