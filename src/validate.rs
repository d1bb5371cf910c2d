//! Validation of a profile against the catalogue, registry, country table and template.
//!
//! Every problem is reported at once, each with its place in the file (line:column of the key
//! or value concerned) and, for unknown ids, the nearest valid id.

use crate::catalogue::{Catalogue, Kind};
use crate::country::Countries;
use crate::error::Location;
use crate::profile::Profile;
use crate::template::Template;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a profile.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub location: Location,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {sev}: {}", self.location, self.message)
    }
}

/// A step of a path into the TOML document: a key or an array index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Finds the place of a path in the original text (spans of the parsed document). The text is
/// parsed on the first question only (a profile without problems is never parsed twice).
/// `observation` paths are observation indexes of the profile in memory: in a version 2 file
/// they lead into its `[[series]]` (the values of the series first, then any
/// `[[observation]]` tables, as [`crate::profile::Profile::from_toml`] reads them).
pub struct Locator<'t> {
    text: &'t str,
    doc: std::cell::OnceCell<Option<toml_edit::Document<&'t str>>>,
    series: std::cell::OnceCell<Option<crate::profile::compact::Places>>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Locator<'t> {
        Locator {
            text,
            doc: std::cell::OnceCell::new(),
            series: std::cell::OnceCell::new(),
        }
    }

    /// A locator for `text` whose `[[series]]` places are known already: the ones
    /// [`crate::profile::ProfileFile::load_placed`] read with the profile, from this very
    /// text, so a check with problems in the values does not parse the file again.
    pub fn with_places(
        text: &'t str,
        places: Option<crate::profile::compact::Places>,
    ) -> Locator<'t> {
        let loc = Locator::new(text);
        if let Some(p) = places {
            let _ = loc.series.set(Some(p));
        }
        loc
    }

    /// The text the places are in.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Location of the deepest element of `path` that exists in the document.
    pub fn locate(&self, path: &[Step]) -> Location {
        if let [Step::Key("observation"), Step::Index(i), rest @ ..] = path
            && let Some(places) = self.series.get_or_init(|| {
                self.text
                    .contains(crate::profile::compact::KEY)
                    .then(|| crate::profile::compact::places(self.text))
                    .flatten()
            })
        {
            let n = places.observations.len();
            if *i < n {
                return Location::of_offset(self.text, series_offset(places, *i, rest));
            }
            let mut shifted = vec![Step::Key("observation"), Step::Index(i - n)];
            shifted.extend_from_slice(rest);
            let start = self.span_start(&shifted).unwrap_or(0);
            return Location::of_offset(self.text, start);
        }
        let start = self.span_start(path).unwrap_or(0);
        Location::of_offset(self.text, start)
    }

    fn span_start(&self, path: &[Step]) -> Option<usize> {
        let doc = self
            .doc
            .get_or_init(|| toml_edit::Document::parse(self.text).ok())
            .as_ref()?;
        let mut table: &toml_edit::Table = doc.as_table();
        let mut best = None;
        let mut i = 0;
        while i < path.len() {
            let Step::Key(k) = path[i] else { return best };
            let Some((key, item)) = table.get_key_value(k) else {
                return best;
            };
            best = key.span().map(|s| s.start).or(best);
            i += 1;
            if let (toml_edit::Item::Value(v), None) = (item, path.get(i)) {
                // Point at the offending value itself.
                return v.span().map(|s| s.start).or(best);
            }
            match (item, path.get(i)) {
                (toml_edit::Item::Table(t), Some(Step::Key(_))) => table = t,
                (toml_edit::Item::ArrayOfTables(a), Some(Step::Index(n))) => {
                    let Some(t) = a.get(*n) else { return best };
                    best = t.span().map(|s| s.start).or(best);
                    table = t;
                    i += 1;
                }
                (toml_edit::Item::Value(v), Some(_)) => {
                    return value_span(v, &path[i..])
                        .or_else(|| v.span().map(|s| s.start))
                        .or(best);
                }
                _ => return best,
            }
        }
        best
    }
}

/// The place of a part of observation `i` of a `[[series]]` layout: its value, period key,
/// breakdown cell key, flags, footnote, or the series field (`indicator`, `source`...).
fn series_offset(places: &crate::profile::compact::Places, i: usize, rest: &[Step]) -> usize {
    let Some(o) = places.observations.get(i) else {
        return 0;
    };
    let series = places.series.get(o.series);
    match rest {
        [Step::Key("value"), ..] => o.value,
        [Step::Key("flags"), ..] => o.flags.unwrap_or(o.value),
        [Step::Key("footnote"), ..] => o.footnote.unwrap_or(o.value),
        [Step::Key("disaggregation"), Step::Key(dim), ..] => o
            .cells
            .iter()
            .find(|(d, _)| d == dim)
            .map_or(o.period, |c| c.1),
        [Step::Key("disaggregation"), ..] => o.cells.first().map_or(o.period, |c| c.1),
        [Step::Key("period"), ..] | [] => o.period,
        [Step::Key(field), ..] => series
            .and_then(|s| s.fields.iter().find(|f| f.0 == *field).map(|f| f.1))
            .or(series.map(|s| s.table))
            .unwrap_or(o.period),
        _ => o.period,
    }
}

fn value_span(v: &toml_edit::Value, path: &[Step]) -> Option<usize> {
    match (v, path.first()) {
        (toml_edit::Value::InlineTable(t), Some(Step::Key(k))) => {
            let key = t.key(k)?;
            if path.len() == 1 {
                return key.span().map(|s| s.start);
            }
            value_span(t.get(k)?, &path[1..]).or_else(|| key.span().map(|s| s.start))
        }
        (toml_edit::Value::Array(a), Some(Step::Index(n))) => {
            let inner = a.get(*n)?;
            value_span(inner, &path[1..]).or_else(|| inner.span().map(|s| s.start))
        }
        (_, None) => v.span().map(|s| s.start),
        _ => None,
    }
}

/// Collects problems with their places.
struct Collector<'l, 't> {
    loc: &'l Locator<'t>,
    problems: Vec<Problem>,
}

impl Collector<'_, '_> {
    fn error(&mut self, path: &[Step], message: String) {
        let location = self.loc.locate(path);
        self.problems.push(Problem {
            location,
            severity: Severity::Error,
            message,
        });
    }

    fn warn(&mut self, path: &[Step], message: String) {
        let location = self.loc.locate(path);
        self.problems.push(Problem {
            location,
            severity: Severity::Warning,
            message,
        });
    }
}

fn hint(s: Option<&str>) -> String {
    s.map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

/// The largest magnitude a value may have. No migration statistic comes near it (the world's
/// population is under 1e10 persons, the largest remittance flows under 1e12 US$); values beyond
/// it are unit or scale errors, and would break chart axes.
pub const MAX_MAGNITUDE: f64 = 1e13;

/// The first observation whose value is not finite or beyond [`MAX_MAGNITUDE`], as a message
/// (`build` refuses such a profile before any chart is drawn).
pub fn value_out_of_range(profile: &Profile) -> Option<String> {
    profile
        .observations
        .iter()
        .enumerate()
        .find(|(_, o)| !o.value.is_finite() || o.value.abs() > MAX_MAGNITUDE)
        .map(|(i, o)| {
            format!(
                "observation {} (`{}` {}): value {:e} is not a finite number of at most {MAX_MAGNITUDE:e} in magnitude; run `migprof check`",
                i + 1,
                o.indicator,
                o.period,
                o.value
            )
        })
}

/// Check a parsed profile; `text` is its original TOML (for locations).
pub fn validate(
    profile: &Profile,
    text: &str,
    catalogue: &Catalogue,
    countries: &Countries,
    template: &Template,
) -> Vec<Problem> {
    validate_at(profile, &Locator::new(text), catalogue, countries, template)
}

/// [`validate`] placing problems with `loc`, shared with the other checks of a profile.
pub fn validate_at(
    profile: &Profile,
    loc: &Locator,
    catalogue: &Catalogue,
    countries: &Countries,
    template: &Template,
) -> Vec<Problem> {
    let mut c = Collector {
        loc,
        problems: Vec::new(),
    };
    use Step::{Index as I, Key as K};

    // Metadata.
    let m = &profile.meta;
    if countries.by_code(&m.country).map(|x| x.iso3.as_str()) != Some(m.country.as_str()) {
        let known = countries.by_code(&m.country).map(|x| x.iso3.clone());
        let sugg = known.or_else(|| countries.suggest(&m.country));
        c.error(
            &[K("meta"), K("country")],
            format!(
                "unknown country `{}`: expected an ISO 3166 alpha-3 code{}",
                m.country,
                hint(sugg.as_deref())
            ),
        );
    }
    if !(1900..=2100).contains(&m.reference_year) {
        c.error(
            &[K("meta"), K("reference_year")],
            format!("reference year {} is outside 1900..=2100", m.reference_year),
        );
    }
    if m.title.trim().is_empty() {
        c.error(&[K("meta"), K("title")], "the title is empty".into());
    }

    // Modules.
    for (i, module) in profile.modules.iter().enumerate() {
        match template.section(module) {
            None => c.error(
                &[K("modules"), I(i)],
                format!(
                    "unknown section `{module}` in modules{}",
                    hint(template.suggest_section(module))
                ),
            ),
            Some(s) if !s.optional => c.warn(
                &[K("modules"), I(i)],
                format!("section `{module}` is always included; listing it has no effect"),
            ),
            Some(_) => {}
        }
    }

    // Disclosure.
    if let Some(r) = profile.disclosure.rounding
        && r != 5
        && r != 10
    {
        c.error(
            &[K("disclosure"), K("rounding")],
            format!("rounding base {r} is not supported: use 5 or 10"),
        );
    }
    if !(profile.reconcile.tolerance.is_finite() && profile.reconcile.tolerance >= 0.0) {
        c.error(
            &[K("reconcile"), K("tolerance")],
            "the tolerance must be a number >= 0 (0.05 = 5 %)".into(),
        );
    }

    // Sources.
    let mut source_ids: HashSet<&str> = HashSet::new();
    for (i, s) in profile.sources.iter().enumerate() {
        if !source_ids.insert(s.id.as_str()) {
            c.error(
                &[K("source"), I(i), K("id")],
                format!("duplicate source id `{}`", s.id),
            );
        }
        if catalogue.provider(&s.provider).is_none() {
            c.error(
                &[K("source"), I(i), K("provider")],
                format!(
                    "unknown provider `{}`{}",
                    s.provider,
                    hint(catalogue.suggest_provider(&s.provider))
                ),
            );
        }
        if s.licence.trim().is_empty() {
            c.error(
                &[K("source"), I(i), K("licence")],
                format!("source `{}` has no licence", s.id),
            );
        }
        if s.file.is_none() && s.citation.as_deref().is_none_or(|t| t.trim().is_empty()) {
            c.error(
                &[K("source"), I(i)],
                format!("manual source `{}` needs a citation (it has no file)", s.id),
            );
        }
        if let Some(h) = &s.sha256
            && (h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            c.error(
                &[K("source"), I(i), K("sha256")],
                format!("sha256 of source `{}` is not 64 hex digits", s.id),
            );
        }
        if let Some(d) = &s.retrieved
            && !is_date(d)
        {
            c.error(
                &[K("source"), I(i), K("retrieved")],
                format!("retrieval date `{d}` is not YYYY-MM-DD"),
            );
        }
    }

    // Observations.
    let max_year = m.reference_year + 1;
    // (indicator, period, breakdown, source) -> the first observation with them; borrowed
    // keys, hashed: no copy of each key, no ordered tree.
    type Seen<'p> = (&'p str, &'p str, &'p BTreeMap<String, String>, &'p str);
    let mut seen: rustc_hash::FxHashMap<Seen<'_>, usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(
            profile.observations.len(),
            Default::default(),
        );
    for (i, o) in profile.observations.iter().enumerate() {
        let at = |k: &'static str| [K("observation"), I(i), K(k)];
        let ind = catalogue.indicator(&o.indicator);
        if ind.is_none() {
            c.error(
                &at("indicator"),
                format!(
                    "unknown indicator `{}`{}",
                    o.indicator,
                    hint(catalogue.suggest_indicator(&o.indicator))
                ),
            );
        }
        if !source_ids.contains(o.source.as_str()) {
            let sugg =
                crate::error::nearest(&o.source, profile.sources.iter().map(|s| s.id.as_str()));
            c.error(
                &at("source"),
                format!("unknown source `{}`{}", o.source, hint(sugg)),
            );
        }
        match o.parsed_period() {
            None => c.error(
                &at("period"),
                format!(
                    "period `{}` is not a year, YYYY-YYYY, YYYY-Sn, YYYY-Qn or YYYY-MM",
                    o.period
                ),
            ),
            Some(p) => {
                if p.start_year() < 1900 || p.end_year() > max_year {
                    c.error(
                        &at("period"),
                        format!(
                            "period `{}` is outside 1900..={max_year} (reference year + 1)",
                            o.period
                        ),
                    );
                }
            }
        }
        if !o.value.is_finite() {
            c.error(
                &at("value"),
                format!(
                    "value of `{}` {} is not a finite number",
                    o.indicator, o.period
                ),
            );
        } else if o.value.abs() > MAX_MAGNITUDE {
            c.error(
                &at("value"),
                format!(
                    "value {:e} of `{}` {} is beyond any migration statistic (at most {MAX_MAGNITUDE:e} in magnitude): a unit or scale error?",
                    o.value, o.indicator, o.period
                ),
            );
        } else if let Some(ind) = ind {
            if o.value < 0.0 && !ind.signed {
                c.error(
                    &at("value"),
                    format!(
                        "negative value {} for `{}` ({}), which cannot be negative",
                        o.value,
                        ind.id,
                        ind.unit.label()
                    ),
                );
            }
            if ind.unit == crate::catalogue::Unit::Percent
                && ind.kind == Kind::Share
                && o.value > 100.0
            {
                c.error(
                    &at("value"),
                    format!("value {} for `{}` is a share over 100 %", o.value, ind.id),
                );
            }
            for dim in o.disaggregation.keys() {
                if !ind.disaggregations.contains(dim) {
                    c.error(
                        &[K("observation"), I(i), K("disaggregation"), K(dim)],
                        format!(
                            "`{}` cannot be disaggregated by `{dim}` (allowed: {})",
                            ind.id,
                            if ind.disaggregations.is_empty() {
                                "none".to_string()
                            } else {
                                ind.disaggregations.join(", ")
                            }
                        ),
                    );
                }
            }
        }
        let key = (
            o.indicator.as_str(),
            o.period.as_str(),
            &o.disaggregation,
            o.source.as_str(),
        );
        if let Some(first) = seen.get(&key) {
            c.error(
                &[K("observation"), I(i)],
                format!(
                    "duplicate observation {} from source `{}` (first at observation #{})",
                    o.key(),
                    o.source,
                    first + 1
                ),
            );
        } else {
            seen.insert(key, i);
        }
    }

    // Preferences.
    for (ind, pref) in &profile.preferred {
        if catalogue.indicator(ind).is_none() {
            c.error(
                &[K("preferred"), K(ind)],
                format!(
                    "preference for unknown indicator `{ind}`{}",
                    hint(catalogue.suggest_indicator(ind))
                ),
            );
        }
        if !source_ids.contains(pref.source.as_str()) {
            c.error(
                &[K("preferred"), K(ind), K("source")],
                format!(
                    "preferred source `{}` for `{ind}` is not a source of this profile",
                    pref.source
                ),
            );
        }
        if pref.justification.trim().is_empty() {
            c.warn(
                &[K("preferred"), K(ind), K("justification")],
                format!("the preference for `{ind}` has no justification"),
            );
        }
    }

    // Narrative.
    for section in profile.narrative.keys() {
        if template.section(section).is_none() {
            c.error(
                &[K("narrative"), K(section)],
                format!(
                    "narrative for unknown section `{section}`{}",
                    hint(template.suggest_section(section))
                ),
            );
        }
    }

    // Action plan.
    for (i, a) in profile.actions.iter().enumerate() {
        if catalogue.indicator(&a.indicator).is_none() {
            c.error(
                &[K("action"), I(i), K("indicator")],
                format!(
                    "action for unknown indicator `{}`{}",
                    a.indicator,
                    hint(catalogue.suggest_indicator(&a.indicator))
                ),
            );
        }
        if !["high", "medium", "low"].contains(&a.priority.as_str()) {
            c.error(
                &[K("action"), I(i), K("priority")],
                format!("priority `{}` must be high, medium or low", a.priority),
            );
        }
    }

    c.problems.sort();
    // The values of one series share its fields (version 2): one line per place and message.
    c.problems.dedup();
    c.problems
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}
