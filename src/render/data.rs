//! What a report publishes: the preferred value of every indicator the selected sections use,
//! each passed through disclosure control, with lookups the renderers need.

use crate::catalogue::{Catalogue, Indicator, Unit};
use crate::country::Countries;
use crate::model::{Observation, Period};
use crate::profile::Profile;
use crate::quality::disclosure::{Cell, protect};
use crate::quality::reconcile::preferred_values;
use crate::template::{Section, Template};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// One observation as it may be published.
#[derive(Debug, Clone, Copy)]
pub struct Published<'a> {
    pub obs: &'a Observation,
    pub cell: Cell,
}

impl Published<'_> {
    /// The value an output may show (None when suppressed or not finite).
    pub fn value(&self) -> Option<f64> {
        self.cell.value().filter(|v| v.is_finite())
    }
}

/// Everything the renderers read.
pub struct Ctx<'a> {
    pub profile: &'a Profile,
    pub catalogue: &'a Catalogue,
    pub countries: &'a Countries,
    pub template: &'a Template,
    /// Published observations in key order (indicator, period, disaggregation).
    pub used: Vec<Published<'a>>,
    /// Indicator ids used by the selected sections, in template order.
    pub indicators: Vec<String>,
    /// Range of `used` holding each indicator (`used` is sorted by indicator first).
    ranges: BTreeMap<String, std::ops::Range<usize>>,
    /// [`Ctx::source_label`] of every profile source, computed once (it is asked per cell).
    source_labels: std::collections::HashMap<&'a str, String>,
    /// A line every output shows prominently (e.g. a draft or invalid profile); None by default.
    pub banner: Option<String>,
    /// The previous edition of the profile, when it names one (the report's changes annex).
    pub previous: Option<&'a Profile>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        profile: &'a Profile,
        catalogue: &'a Catalogue,
        countries: &'a Countries,
        template: &'a Template,
    ) -> Ctx<'a> {
        let mut indicators: Vec<String> = Vec::new();
        let mut push = |id: &str| {
            if !indicators.iter().any(|i| i == id) {
                indicators.push(id.to_string());
            }
        };
        for s in template
            .sections()
            .filter(|s| template.is_selected(s, &profile.modules))
        {
            for id in section_indicators(s) {
                push(id);
            }
        }
        for ind in catalogue.indicators.iter().filter(|i| i.key) {
            push(&ind.id);
        }
        let wanted: BTreeSet<&str> = indicators.iter().map(String::as_str).collect();
        // Sorted as by `period_cmp`, with each period parsed once.
        let mut keyed: Vec<(&'a Observation, Option<Period>)> =
            preferred_values(profile, catalogue)
                .into_iter()
                .filter(|o| wanted.contains(o.indicator.as_str()))
                .map(|o| (o, o.parsed_period()))
                .collect();
        keyed.sort_by(|(a, pa), (b, pb)| {
            a.indicator
                .cmp(&b.indicator)
                .then_with(|| parsed_period_cmp(&a.period, pa.as_ref(), &b.period, pb.as_ref()))
                .then_with(|| a.disaggregation.cmp(&b.disaggregation))
                .then_with(|| a.source.cmp(&b.source))
        });
        let chosen: Vec<&'a Observation> = keyed.into_iter().map(|k| k.0).collect();
        let cells = protect(&chosen, catalogue, &profile.disclosure);
        let used: Vec<Published<'a>> = chosen
            .into_iter()
            .zip(cells)
            .map(|(obs, cell)| Published { obs, cell })
            .collect();
        let mut ranges: BTreeMap<String, std::ops::Range<usize>> = BTreeMap::new();
        for (i, p) in used.iter().enumerate() {
            ranges
                .entry(p.obs.indicator.clone())
                .and_modify(|r| r.end = i + 1)
                .or_insert(i..i + 1);
        }
        let mut source_labels = std::collections::HashMap::new();
        for s in &profile.sources {
            // The first source with an id wins, as in `Profile::source`.
            source_labels
                .entry(s.id.as_str())
                .or_insert_with(|| label_of(profile, catalogue, &s.id));
        }
        Ctx {
            profile,
            catalogue,
            countries,
            template,
            used,
            indicators,
            ranges,
            source_labels,
            banner: None,
            previous: None,
        }
    }

    pub fn indicator(&self, id: &str) -> Option<&'a Indicator> {
        self.catalogue.indicator(id)
    }

    pub fn name(&self, id: &str) -> String {
        self.indicator(id)
            .map(|i| i.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// Unit of an indicator (count when the catalogue does not know it).
    pub fn unit(&self, id: &str) -> Unit {
        self.indicator(id).map(|i| i.unit).unwrap_or(Unit::Count)
    }

    /// Published observations of one indicator, in period order.
    pub fn of(&self, indicator: &str) -> std::slice::Iter<'_, Published<'a>> {
        self.ranges
            .get(indicator)
            .and_then(|r| self.used.get(r.clone()))
            .unwrap_or(&[])
            .iter()
    }

    /// Totals of an indicator in period order.
    pub fn totals(&self, indicator: &str) -> Vec<Published<'a>> {
        self.of(indicator)
            .filter(|p| p.obs.is_total())
            .copied()
            .collect()
    }

    /// Totals with a shown value and a parsed period: (period, value, published).
    pub fn series(&self, indicator: &str) -> Vec<(Period, f64, Published<'a>)> {
        self.totals(indicator)
            .into_iter()
            .filter_map(|p| Some((p.obs.parsed_period()?, p.value()?, p)))
            .collect()
    }

    /// "Provider name, dataset" of a profile source id.
    pub fn source_label(&self, source: &str) -> String {
        match self.source_labels.get(source) {
            Some(l) => l.clone(),
            None => label_of(self.profile, self.catalogue, source),
        }
    }

    /// Display label of a disaggregation value: country names for partner dimensions.
    pub fn dim_label(&self, dimension: &str, value: &str) -> String {
        if matches!(
            dimension,
            "origin" | "destination" | "citizenship" | "country" | "nationality" | "asylum"
        ) && let Some(c) = self.countries.by_code(value)
        {
            return c.name.clone();
        }
        let lang = crate::i18n::Lang::of(&self.profile.meta.language);
        match (dimension, value) {
            ("sex", "F" | "f") => crate::i18n::t(lang, "sex-female", &[]),
            ("sex", "M" | "m") => crate::i18n::t(lang, "sex-male", &[]),
            ("sex", "T" | "_T") => crate::i18n::t(lang, "total", &[]),
            (_, "UNK" | "XXX" | "_U") => crate::i18n::t(lang, "unknown", &[]),
            _ => value.to_string(),
        }
    }

    /// "sex=Female, age=15-19" for a disaggregation, "Total" when empty.
    pub fn cell_label(&self, d: &BTreeMap<String, String>) -> String {
        let lang = crate::i18n::Lang::of(&self.profile.meta.language);
        if d.is_empty() {
            return crate::i18n::t(lang, "total", &[]);
        }
        d.iter()
            .map(|(k, v)| {
                format!(
                    "{}{} {}",
                    crate::i18n::dimension(lang, k),
                    crate::i18n::t(lang, "colon", &[]),
                    self.dim_label(k, v)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// "Provider name, dataset" of a profile source id.
fn label_of(profile: &Profile, catalogue: &Catalogue, source: &str) -> String {
    match profile.source(source) {
        Some(s) => crate::quality::reconcile::reader_name(s, catalogue),
        None => source.to_string(),
    }
}

/// Every indicator id a section asks for: its list, then its charts' and tables'.
pub fn section_indicators(s: &Section) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let all = s
        .indicators
        .iter()
        .chain(s.chart.iter().flat_map(|c| c.indicators.iter()))
        .chain(s.table.iter().flat_map(|t| t.indicators.iter()));
    for id in all {
        if !out.contains(&id.as_str()) {
            out.push(id.as_str());
        }
    }
    out
}

/// Order periods on the time axis; unparsable ones last, by text.
pub fn period_cmp(a: &str, b: &str) -> Ordering {
    parsed_period_cmp(a, Period::parse(a).as_ref(), b, Period::parse(b).as_ref())
}

/// [`period_cmp`] with the periods already parsed.
fn parsed_period_cmp(a: &str, pa: Option<&Period>, b: &str, pb: Option<&Period>) -> Ordering {
    match (pa, pb) {
        (Some(x), Some(y)) => x
            .axis_value()
            .total_cmp(&y.axis_value())
            .then_with(|| x.cmp(y))
            .then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// Order age groups by their first number (`0-4` < `5-9` < `75+`), else by text.
pub fn age_cmp(a: &str, b: &str) -> Ordering {
    fn lead(s: &str) -> Option<u32> {
        let digits: String = s
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse().ok()
    }
    match (lead(a), lead(b)) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// Lower-case slug for anchors and file names: letters, digits and `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "x".to_string() } else { out }
}

/// Cut a label to `max` characters with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::country::Countries;
    use crate::template::Template;

    #[test]
    fn a_cell_is_labelled_in_the_report_language() {
        let (cat, countries, template) = (
            Catalogue::embedded().unwrap(),
            Countries::embedded().unwrap(),
            Template::iom().unwrap(),
        );
        let cell: BTreeMap<String, String> = [("origin", "SYR"), ("sex", "F")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut p = Profile::from_toml(
            "version = 2\n[meta]\ntitle = \"t\"\ncountry = \"DEU\"\nreference_year = 2024\nlanguage = \"fr\"\n",
            "t.toml",
        )
        .unwrap();
        let ctx = Ctx::new(&p, &cat, &countries, &template);
        assert_eq!(
            ctx.cell_label(&cell),
            "Pays d'origine\u{A0}: Syrian Arab Republic, Sexe\u{A0}: Femmes"
        );
        p.meta.language = "en".into();
        let ctx = Ctx::new(&p, &cat, &countries, &template);
        assert_eq!(
            ctx.cell_label(&cell),
            "Country of origin: Syrian Arab Republic, Sex: Female"
        );
    }
}
