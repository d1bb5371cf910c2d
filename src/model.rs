//! The data model shared by every part of migprof: observations, sources, periods.
//!
//! Nothing here touches files or the terminal. A [`crate::profile::Profile`] is a list of these.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One value of one indicator for one period (and, optionally, one disaggregation cell).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// Catalogue indicator id, e.g. `imm_stock`.
    pub indicator: String,
    /// Period as published: `2020`, `2015-2020`, `2020-Q1`, `2020-06`.
    pub period: String,
    pub value: f64,
    /// Disaggregation cell, e.g. `{ sex = "F", origin = "SYR" }`. Empty = total.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub disaggregation: BTreeMap<String, String>,
    /// Id of the profile's source entry this value came from.
    pub source: String,
    /// Provider footnote text attached to this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footnote: Option<String>,
    /// Provider flags exactly as published (Eurostat `p`, `e`, `b`; OECD `E`; UN DESA data type `B`...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// Population concept where it matters: `foreign_born`, `foreign_citizen`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<String>,
    /// Estimate, provisional value or projection, where the provider says so (absent: an
    /// observed or published value with nothing said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The territory the value refers to when it is not the country's present territory: an id
    /// of a `[[territory]]` entry of `countries.toml` (e.g. `DEU_FRG`, Germany before 3 October
    /// 1990). Absent: the present territory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Revision or vintage of the dataset the value comes from (`IMS 2020`, `WPP 2022`): values
    /// of two revisions are never compared as a change over time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    /// Set only when the source does not cover the whole period: what it covers, as
    /// `YYYY-MM-DD/YYYY-MM-DD` (e.g. `2019-01-01/2019-07-31`) or a short text. A partial period
    /// is never compared with a full one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<String>,
}

/// What kind of figure a value is, where the provider says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// An estimate of what happened (model-based, imputed; Eurostat `e`, `s`).
    Estimate,
    /// A provisional value, to be revised (Eurostat `p`).
    Provisional,
    /// A projection or forecast of the future (WPP medium variant, Eurostat `f`): never "the
    /// latest value", only shown marked as a projection.
    Projection,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Estimate => "estimate",
            Status::Provisional => "provisional",
            Status::Projection => "projection",
        }
    }
}

impl Observation {
    /// A new total (not disaggregated) observation with no flags.
    pub fn new(indicator: &str, period: &str, value: f64, source: &str) -> Self {
        Observation {
            indicator: indicator.to_string(),
            period: period.to_string(),
            value,
            disaggregation: BTreeMap::new(),
            source: source.to_string(),
            footnote: None,
            flags: Vec::new(),
            concept: None,
            status: None,
            territory: None,
            revision: None,
            coverage: None,
        }
    }

    /// Is this value a projection (never the latest value, shown marked)?
    pub fn is_projection(&self) -> bool {
        self.status == Some(Status::Projection)
    }

    /// Does the source cover only part of the period? A year that ends in another month
    /// ([`Observation::is_shifted_year`]) is a whole year, not a part of one.
    pub fn is_partial(&self) -> bool {
        self.coverage.is_some() && !self.is_shifted_year()
    }

    /// Is the value for twelve months that end in another month than December (Stats NZ's
    /// years ended March: period `2002`, coverage `2001-04-01/2002-03-31`)? Such a value is a
    /// full year, comparable with the other years of its series, never with calendar years.
    pub fn is_shifted_year(&self) -> bool {
        let Some(c) = self.coverage.as_deref() else {
            return false;
        };
        let Some((a, b)) = c.split_once('/') else {
            return false;
        };
        let ymd = |s: &str| -> Option<(i32, u32, u32)> {
            let mut it = s.trim().splitn(3, '-');
            Some((
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
            ))
        };
        let (Some((y0, m0, d0)), Some((y1, m1, d1))) = (ymd(a), ymd(b)) else {
            return false;
        };
        let Some(Period::Year(p)) = self.parsed_period() else {
            return false;
        };
        // Starts on the first of the month after the one it ends in, a year earlier, and ends
        // in the period's year on the last day of that month (28 or 29 February too).
        d0 == 1 && m0 != 1 && y1 == p && y0 == y1 - 1 && m0 == m1 + 1 && d1 >= 28
    }

    /// The key that identifies "the same value": indicator, period and disaggregation.
    pub fn key(&self) -> ObsKey {
        ObsKey {
            indicator: self.indicator.clone(),
            period: self.period.clone(),
            disaggregation: self.disaggregation.clone(),
        }
    }

    /// True when this observation is a total (no disaggregation).
    pub fn is_total(&self) -> bool {
        self.disaggregation.is_empty()
    }

    /// The period parsed, if it is well formed.
    pub fn parsed_period(&self) -> Option<Period> {
        Period::parse(&self.period)
    }
}

/// Identity of a value irrespective of its source.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObsKey {
    pub indicator: String,
    pub period: String,
    pub disaggregation: BTreeMap<String, String>,
}

impl fmt::Display for ObsKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.indicator, self.period)?;
        for (k, v) in &self.disaggregation {
            write!(f, " {k}={v}")?;
        }
        Ok(())
    }
}

/// A parsed period: a year, a span of years, a half-year, a quarter or a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    Year(i32),
    /// `1950-1955` (WPP five-year periods).
    Span(i32, i32),
    Quarter(i32, u8),
    Month(i32, u8),
    /// `2011S1`, `2011-H2` (semesters: DataBank's semiannual columns, SDMX `S`).
    Half(i32, u8),
}

impl Period {
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let year = |t: &str| -> Option<i32> {
            if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse().ok()
            } else {
                None
            }
        };
        if let Some(y) = year(s) {
            return Some(Period::Year(y));
        }
        // `2008M01`, `2008Q1` (SDMX / PX-Web / DataBank style, no separator).
        if let (Some(y), Some(rest)) = (s.get(..4).and_then(year), s.get(4..))
            && let Some(p) = Period::sub_year(y, rest)
        {
            return Some(p);
        }
        let (a, b) = s.split_once('-')?;
        let y = year(a.trim())?;
        let b = b.trim();
        if let Some(e) = year(b) {
            return (e >= y).then_some(Period::Span(y, e));
        }
        if b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()) {
            let m: u8 = b.parse().ok()?;
            return (1..=12).contains(&m).then_some(Period::Month(y, m));
        }
        Period::sub_year(y, b)
    }

    /// `Q1`..`Q4` or `M1`/`M01`..`M12` after a year (either case).
    fn sub_year(y: i32, rest: &str) -> Option<Period> {
        let digits = |t: &str| -> Option<u8> {
            (!t.is_empty() && t.len() <= 2 && t.bytes().all(|c| c.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        };
        if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
            let q = digits(q)?;
            return (1..=4).contains(&q).then_some(Period::Quarter(y, q));
        }
        if let Some(m) = rest.strip_prefix('M').or_else(|| rest.strip_prefix('m')) {
            let m = digits(m)?;
            return (1..=12).contains(&m).then_some(Period::Month(y, m));
        }
        if let Some(h) = ['S', 's', 'H', 'h']
            .iter()
            .find_map(|c| rest.strip_prefix(*c))
        {
            let h = digits(h)?;
            return (1..=2).contains(&h).then_some(Period::Half(y, h));
        }
        None
    }

    /// First calendar year the period touches.
    pub fn start_year(&self) -> i32 {
        match *self {
            Period::Year(y)
            | Period::Span(y, _)
            | Period::Quarter(y, _)
            | Period::Month(y, _)
            | Period::Half(y, _) => y,
        }
    }

    /// Last calendar year the period touches (the reference year used for timeliness).
    pub fn end_year(&self) -> i32 {
        match *self {
            Period::Span(_, e) => e,
            other => other.start_year(),
        }
    }

    /// A number that orders periods on a time axis (mid-point in fractional years).
    /// How long the period is, in years (a quarter 0.25, a WPP span its five years).
    pub fn length_years(&self) -> f64 {
        match *self {
            Period::Year(_) => 1.0,
            Period::Span(a, b) => f64::from(b - a),
            Period::Quarter(..) => 0.25,
            Period::Month(..) => 1.0 / 12.0,
            Period::Half(..) => 0.5,
        }
    }

    pub fn axis_value(&self) -> f64 {
        match *self {
            Period::Year(y) => y as f64,
            Period::Span(a, b) => (a as f64 + b as f64) / 2.0,
            Period::Quarter(y, q) => y as f64 + (q as f64 - 1.0) / 4.0,
            Period::Month(y, m) => y as f64 + (m as f64 - 1.0) / 12.0,
            Period::Half(y, h) => y as f64 + (h as f64 - 1.0) / 2.0,
        }
    }
}

/// Days since 1970-01-01 -> `YYYY-MM-DD` (proleptic Gregorian; H. Hinnant's algorithm).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Where a profile's values came from: one file (or manual citation) from one provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Local id used by observations, e.g. `wb_netm`.
    pub id: String,
    /// Registry provider id, e.g. `world_bank_wdi`.
    pub provider: String,
    /// Dataset name as the provider calls it.
    pub dataset: String,
    /// Path of the imported file as given by the user (relative to the profile or absolute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Import format id (see `migprof import --help`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Lower-case hex sha256 of the file when it was imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Date the file was retrieved, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<String>,
    pub licence: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Full citation; required for manual entries (no file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Provider-level notes (e.g. "Last Updated Date 2024-06-28").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Provider families of the source registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Government,
    Academia,
    CivilSociety,
    International,
    NonTraditional,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::Government,
        Family::Academia,
        Family::CivilSociety,
        Family::International,
        Family::NonTraditional,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Family::Government => "government",
            Family::Academia => "academia",
            Family::CivilSociety => "civil_society",
            Family::International => "international",
            Family::NonTraditional => "non_traditional",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Family::Government => "Government",
            Family::Academia => "Academia",
            Family::CivilSociety => "Civil society",
            Family::International => "International organisations",
            Family::NonTraditional => "Non-traditional sources",
        }
    }

    pub fn from_id(s: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.id() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_years_are_whole_years_not_parts() {
        let with = |period: &str, coverage: &str| {
            let mut o = Observation::new("imm_inflow", period, 1.0, "s");
            o.coverage = Some(coverage.to_string());
            o
        };
        // Stats NZ's year ended March 2002; a year ended June; one ended February (leap day).
        for (p, c) in [
            ("2002", "2001-04-01/2002-03-31"),
            ("2019", "2018-07-01/2019-06-30"),
            ("2004", "2003-03-01/2004-02-29"),
        ] {
            let o = with(p, c);
            assert!(o.is_shifted_year() && !o.is_partial(), "{p} {c}");
        }
        // Part of a year, a year not named by its end, a quarter: partial, not shifted.
        for (p, c) in [
            ("2019", "2019-01-01/2019-07-31"),
            ("2001", "2001-04-01/2002-03-31"),
            ("2019Q1", "2019-01-01/2019-02-28"),
        ] {
            let o = with(p, c);
            assert!(!o.is_shifted_year() && o.is_partial(), "{p} {c}");
        }
        assert!(!Observation::new("x", "2020", 1.0, "s").is_partial());
    }

    #[test]
    fn periods_parse() {
        assert_eq!(Period::parse("2020"), Some(Period::Year(2020)));
        assert_eq!(Period::parse("1950-1955"), Some(Period::Span(1950, 1955)));
        assert_eq!(Period::parse("2020-Q3"), Some(Period::Quarter(2020, 3)));
        assert_eq!(Period::parse("2020-06"), Some(Period::Month(2020, 6)));
        assert_eq!(Period::parse("2020-13"), None);
        assert_eq!(Period::parse("1955-1950"), None);
        assert_eq!(Period::parse("abc"), None);
        assert_eq!(Period::parse("1950-1955").map(|p| p.end_year()), Some(1955));
    }

    #[test]
    fn periods_parse_provider_spellings() {
        // PX-Web / SDMX / DataBank forms without a separator.
        assert_eq!(Period::parse("2008M01"), Some(Period::Month(2008, 1)));
        assert_eq!(Period::parse("2008M1"), Some(Period::Month(2008, 1)));
        assert_eq!(Period::parse("2008m12"), Some(Period::Month(2008, 12)));
        assert_eq!(Period::parse("2008-M03"), Some(Period::Month(2008, 3)));
        assert_eq!(Period::parse("2008M13"), None);
        assert_eq!(Period::parse("2008M"), None);
        assert_eq!(Period::parse("2008M001"), None);
        assert_eq!(Period::parse("2008Q1"), Some(Period::Quarter(2008, 1)));
        assert_eq!(Period::parse("2011S1"), Some(Period::Half(2011, 1)));
        assert_eq!(Period::parse("2011-H2"), Some(Period::Half(2011, 2)));
        assert_eq!(Period::parse("2011h2"), Some(Period::Half(2011, 2)));
        assert_eq!(Period::parse("2011S3"), None);
        assert_eq!(Period::parse("2019 - 2023"), Some(Period::Span(2019, 2023)));
        assert_eq!(Period::parse("2011-S2").map(|p| p.end_year()), Some(2011));
        assert_eq!(Period::parse("2008-Q1"), Some(Period::Quarter(2008, 1)));
        assert_eq!(Period::parse("2008q4"), Some(Period::Quarter(2008, 4)));
        assert_eq!(Period::parse("2008Q5"), None);
        assert_eq!(Period::parse("2008Q0"), None);
        // Ranges with spaces around the dash (UIS, UN reports).
        assert_eq!(Period::parse("2019 - 2023"), Some(Period::Span(2019, 2023)));
        assert_eq!(Period::parse(" 2019-2023 "), Some(Period::Span(2019, 2023)));
        // Existing forms unchanged; half-years are a period kind of their own.
        assert_eq!(Period::parse("2020-06"), Some(Period::Month(2020, 6)));
        assert_eq!(Period::parse("2008H1"), Some(Period::Half(2008, 1)));
        assert_eq!(Period::parse("2008-1a"), None);
        assert_eq!(Period::parse("2008-+1"), None);
    }

    #[test]
    fn family_ids_round_trip() {
        for f in Family::ALL {
            assert_eq!(Family::from_id(f.id()), Some(f));
        }
        assert_eq!(Family::from_id("ngo"), None);
    }
}
