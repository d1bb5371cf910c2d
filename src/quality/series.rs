//! Series built from compatible values only.
//!
//! An indicator's published totals, in period order, are cut into [`Segment`]s: within one
//! segment every value has the same source, dataset revision, territory and population concept,
//! and no value after the first carries a break flag (Eurostat `b`, SDMX `B`). A change of any
//! of them starts a new segment with the [`BreakReason`]; nothing joins two segments silently.
//!
//! Comparisons (growth figures, sentences) use [`Segment::comparable`]: the points of one
//! segment that are neither projections nor partial periods. "Latest" ([`latest`]) is the latest
//! value that is not a projection and whose period ends no later than the reference year.
//!
//! Pure functions: no printing, no files.

use super::{FlagMeaning, flag_meanings};
use crate::model::{Observation, Period};

/// One value of a series.
#[derive(Debug, Clone, Copy)]
pub struct Point<'a> {
    pub period: Period,
    pub value: f64,
    pub obs: &'a Observation,
}

impl Point<'_> {
    /// Last calendar year of the period.
    pub fn year(&self) -> i32 {
        self.period.end_year()
    }

    pub fn is_projection(&self) -> bool {
        self.obs.is_projection()
    }

    pub fn is_partial(&self) -> bool {
        self.obs.is_partial()
    }

    /// May be compared with another value of its segment (not a projection, a full period).
    pub fn is_comparable(&self) -> bool {
        !self.is_projection() && !self.is_partial()
    }
}

/// Why a new segment starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BreakReason {
    /// Another source (provider file) continues the series.
    Source,
    /// Another revision or vintage of the same dataset.
    Revision,
    /// Another territory (e.g. former FRG before 1991, whole Germany after).
    Territory,
    /// Another population concept (foreign-born, foreign citizens).
    Concept,
    /// The provider flags a break in the series (Eurostat `b`).
    Flag,
    /// Another length of period (single years after five-year periods).
    PeriodLength,
}

impl BreakReason {
    /// A short label for chart markers.
    pub fn short(self) -> &'static str {
        match self {
            BreakReason::Source => "new source",
            BreakReason::Revision => "new revision",
            BreakReason::Territory => "new territory",
            BreakReason::Concept => "new concept",
            BreakReason::Flag => "series break",
            BreakReason::PeriodLength => "new period length",
        }
    }

    /// Words for a sentence: "a change of source".
    pub fn phrase(self) -> &'static str {
        match self {
            BreakReason::Source => "a change of source",
            BreakReason::Revision => "a change to another revision of the dataset",
            BreakReason::Territory => "a change of territory",
            BreakReason::Concept => "a change of population concept",
            BreakReason::Flag => "a break in the series flagged by the provider",
            BreakReason::PeriodLength => "a change in the length of the periods",
        }
    }
}

/// A run of compatible values.
#[derive(Debug, Clone)]
pub struct Segment<'a> {
    /// In period order (at least one).
    pub points: Vec<Point<'a>>,
    /// Why this segment starts (None for the first).
    pub reason: Option<BreakReason>,
}

impl<'a> Segment<'a> {
    /// Points that may be compared with one another: no projections, no partial periods.
    pub fn comparable(&self) -> impl Iterator<Item = &Point<'a>> {
        self.points.iter().filter(|p| p.is_comparable())
    }

    pub fn source(&self) -> &str {
        self.points.first().map_or("", |p| p.obs.source.as_str())
    }

    pub fn revision(&self) -> Option<&str> {
        self.points.first().and_then(|p| p.obs.revision.as_deref())
    }

    pub fn territory(&self) -> Option<&str> {
        self.points.first().and_then(|p| p.obs.territory.as_deref())
    }

    /// The segment's largest comparable value and its point (the peak).
    pub fn peak(&self) -> Option<&Point<'a>> {
        self.comparable().max_by(|a, b| {
            a.value
                .total_cmp(&b.value)
                .then_with(|| b.period.axis_value().total_cmp(&a.period.axis_value()))
        })
    }
}

/// Does this value carry a break flag of its provider?
pub fn has_break_flag(provider: &str, o: &Observation) -> bool {
    o.flags
        .iter()
        .any(|f| flag_meanings(provider, f).contains(&FlagMeaning::Break))
}

fn period_length(p: &Period) -> u8 {
    match p {
        Period::Year(_) => 0,
        Period::Span(..) => 1,
        Period::Quarter(..) => 2,
        Period::Month(..) => 3,
        Period::Half(..) => 4,
    }
}

/// Why `b` cannot continue the segment `a` ends (None: compatible).
fn incompatible(a: &Point, b: &Point, provider_of_b: &str) -> Option<BreakReason> {
    let (x, y) = (a.obs, b.obs);
    if x.territory != y.territory {
        return Some(BreakReason::Territory);
    }
    // Two stated revisions say more than two sources (OWID republishing another UN DESA
    // revision is both).
    if x.revision.is_some() && y.revision.is_some() && x.revision != y.revision {
        return Some(BreakReason::Revision);
    }
    if x.source != y.source {
        return Some(BreakReason::Source);
    }
    if x.revision != y.revision {
        return Some(BreakReason::Revision);
    }
    if x.concept != y.concept {
        return Some(BreakReason::Concept);
    }
    if period_length(&a.period) != period_length(&b.period) {
        return Some(BreakReason::PeriodLength);
    }
    if has_break_flag(provider_of_b, y) {
        return Some(BreakReason::Flag);
    }
    None
}

/// Cut values (in any order) into segments of compatible values. `provider` gives the registry
/// provider id of a source id (for reading flags). Values with the same period keep their first
/// occurrence.
pub fn segments<'a>(
    mut points: Vec<Point<'a>>,
    provider: impl Fn(&str) -> &'a str,
) -> Vec<Segment<'a>> {
    points.sort_by(|a, b| {
        a.period
            .axis_value()
            .total_cmp(&b.period.axis_value())
            .then_with(|| a.period.cmp(&b.period))
    });
    points.dedup_by(|b, a| a.period == b.period);
    let mut out: Vec<Segment<'a>> = Vec::new();
    for p in points {
        let reason = match out.last().and_then(|s| s.points.last()) {
            None => None,
            Some(last) => match incompatible(last, &p, provider(&p.obs.source)) {
                None => {
                    if let Some(s) = out.last_mut() {
                        s.points.push(p);
                    }
                    continue;
                }
                r => r,
            },
        };
        out.push(Segment {
            points: vec![p],
            reason,
        });
    }
    out
}

/// The latest value that is not a projection and ends no later than `reference_year`: (segment
/// index, point index).
pub fn latest(segments: &[Segment], reference_year: i32) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (si, s) in segments.iter().enumerate() {
        for (pi, p) in s.points.iter().enumerate() {
            if p.is_projection() || p.year() > reference_year {
                continue;
            }
            best = Some((si, pi));
        }
    }
    best
}

/// The latest full-period value (not partial, not a projection, up to the reference year).
pub fn latest_full(segments: &[Segment], reference_year: i32) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (si, s) in segments.iter().enumerate() {
        for (pi, p) in s.points.iter().enumerate() {
            if p.is_comparable() && p.year() <= reference_year {
                best = Some((si, pi));
            }
        }
    }
    best
}

/// The comparable point of `segment` about `years` before `point` (exactly, or up to two years
/// further back when that year is missing), never `point` itself.
pub fn earlier<'s, 'a>(
    segment: &'s Segment<'a>,
    point: &Point<'a>,
    years: i32,
) -> Option<&'s Point<'a>> {
    let target = point.year() - years;
    segment
        .comparable()
        .filter(|p| p.year() <= target && p.year() >= target - 2)
        .max_by_key(|p| p.year())
}

/// The usual distance between consecutive positions (the most frequent one; ties: the
/// smaller), or None with fewer than two positions.
pub fn regular_step(xs: &[f64]) -> Option<f64> {
    let mut steps: Vec<i64> = xs
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if b > a => Some(((b - a) * 1000.0).round() as i64),
            _ => None,
        })
        .collect();
    if steps.is_empty() {
        return None;
    }
    steps.sort_unstable();
    let mut best = (0usize, 0i64);
    for run in steps.chunk_by(|a, b| a == b) {
        if let Some(&v) = run.first()
            && run.len() > best.0
        {
            best = (run.len(), v);
        }
    }
    Some(best.1 as f64 / 1000.0)
}

/// Split positions at gaps: where the distance to the next one is more than 1.5 times the
/// regular step ([`regular_step`] of the positions), a period is missing and the line must not
/// cross it. Returns index ranges.
pub fn runs(xs: &[f64]) -> Vec<std::ops::Range<usize>> {
    split_at_gaps(xs, regular_step(xs))
}

/// [`runs`] with the step given (e.g. the step of a whole series, for one of its segments).
pub fn split_at_gaps(xs: &[f64], step: Option<f64>) -> Vec<std::ops::Range<usize>> {
    if xs.is_empty() {
        return Vec::new();
    }
    let Some(step) = step.filter(|s| *s > 0.0) else {
        return std::iter::once(0..xs.len()).collect();
    };
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..xs.len() {
        if xs[i] - xs[i - 1] > step * 1.5 {
            out.push(start..i);
            start = i;
        }
    }
    out.push(start..xs.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn obs(period: &str, v: f64, source: &str) -> Observation {
        Observation::new("x", period, v, source)
    }

    fn pts(v: &[Observation]) -> Vec<Point<'_>> {
        v.iter()
            .filter_map(|o| {
                Some(Point {
                    period: o.parsed_period()?,
                    value: o.value,
                    obs: o,
                })
            })
            .collect()
    }

    #[test]
    fn revision_territory_and_flag_start_segments() {
        let mut v = vec![
            obs("1989", 1.0, "a"),
            obs("1990", 2.0, "a"),
            obs("1991", 3.0, "a"),
            obs("1992", 4.0, "a"),
            obs("1993", 5.0, "a"),
        ];
        v[0].territory = Some("DEU_FRG".into());
        v[1].territory = Some("DEU_FRG".into());
        v[3].flags = vec!["b".into()];
        v[4].revision = Some("R2".into());
        let s = segments(pts(&v), |_| "eurostat");
        let reasons: Vec<_> = s.iter().map(|s| s.reason).collect();
        assert_eq!(
            reasons,
            vec![
                None,
                Some(BreakReason::Territory),
                Some(BreakReason::Flag),
                Some(BreakReason::Revision)
            ]
        );
        assert_eq!(s[0].points.len(), 2);
    }

    #[test]
    fn projections_are_never_latest() {
        let mut v = vec![obs("2020", 1.0, "a"), obs("2023", 2.0, "a")];
        v[1].status = Some(Status::Projection);
        let s = segments(pts(&v), |_| "");
        assert_eq!(latest(&s, 2024), Some((0, 0)));
        let v = vec![obs("2020", 1.0, "a"), obs("2030", 2.0, "a")];
        let s = segments(pts(&v), |_| "");
        assert_eq!(latest(&s, 2024), Some((0, 0)));
    }

    #[test]
    fn gaps_split_runs_at_the_regular_step() {
        let xs = [2012.0, 2013.0, 2014.0, 2015.0, 2018.0, 2019.0];
        assert_eq!(runs(&xs), vec![0..4, 4..6]);
        let five = [1990.0, 1995.0, 2000.0, 2005.0];
        assert_eq!(runs(&five), vec![0..4]);
        assert_eq!(regular_step(&[2000.0]), None);
    }
}
