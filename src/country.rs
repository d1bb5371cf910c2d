//! Countries: ISO 3166 alpha-3/alpha-2, UN M49 codes, English names, provider aliases, M49 regions,
//! and the aggregates (World Bank `WLD`, `LMY`, UN regions...) that are not countries.
//!
//! The table is data (`indicators/countries.toml`), embedded in the binary.

use crate::error::DataError;
use serde::Deserialize;
use std::collections::HashMap;

const EMBEDDED_COUNTRIES: &str = include_str!("../indicators/countries.toml");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub iso3: String,
    pub iso2: String,
    /// UN M49 numeric code (none for Kosovo, which M49 does not list).
    #[serde(default)]
    pub m49: Option<u16>,
    /// English short name.
    pub name: String,
    /// M49 region (Africa, Americas, Asia, Europe, Oceania).
    pub region: String,
    /// M49 sub-region.
    pub subregion: String,
    /// Other names providers use (`Türkiye`, `Korea, Rep.`, `Iran (Islamic Rep. of)`...).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Other codes providers use (Eurostat `EL`, `UK`; old codes).
    #[serde(default)]
    pub alt_codes: Vec<String>,
    /// English running text puts "the" before the name ("the Netherlands", "the Syrian Arab
    /// Republic"); see [`Country::in_english_text`].
    #[serde(default)]
    pub the: bool,
}

impl Country {
    /// The name as an English sentence writes it: "the United States of America",
    /// "Germany". Tables, charts and lists print [`Country::name`] alone.
    pub fn in_english_text(&self) -> String {
        if self.the {
            format!("the {}", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// A non-country row that providers mix into their tables.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub m49: Option<u16>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A past territory of a present country that providers still publish series for (Germany
/// before 3 October 1990 = the former Federal Republic; Sudan before July 2011 incl. South
/// Sudan). Observations name it in [`crate::model::Observation::territory`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Territory {
    /// Id used in profiles, e.g. `DEU_FRG`.
    pub id: String,
    /// ISO3 of the present country it is a past territory of.
    pub country: String,
    /// Name for readers: "Germany, former Federal Republic (before 3 October 1990)".
    pub name: String,
    /// Last calendar year the territory existed as such (a change of territory after it).
    #[serde(default)]
    pub until: Option<i32>,
    /// Names that mean this territory whatever the year ("Federal Republic of Germany").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Provider codes or names that stand for this territory in its years only (Eurostat `DE`
    /// until 1990; UNHCR popstats `Sudan` until 2010), for one import format each.
    #[serde(default, rename = "code")]
    pub codes: Vec<TerritoryCode>,
}

/// A provider's code or name that means a past territory up to a year, in one import format.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerritoryCode {
    /// Import format id (`eurostat_tsv`, `unhcr_popstats`).
    pub format: String,
    /// The code or name exactly as the provider writes it (compared ignoring case and accents).
    pub code: String,
    /// Last year (as the provider dates its values) the code means the past territory; default
    /// the territory's `until`. UNHCR end-of-year figures of 1990 are already unified Germany,
    /// Eurostat's annual `DE` of 1990 is still the former FRG.
    #[serde(default)]
    pub until: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    country: Vec<Country>,
    #[serde(default)]
    aggregate: Vec<Aggregate>,
    #[serde(default)]
    territory: Vec<Territory>,
}

/// What a provider's country cell refers to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved<'a> {
    Country(&'a Country),
    Aggregate(&'a Aggregate),
}

/// The country table with fast lookups by code and by (normalised) name.
#[derive(Debug, Clone)]
pub struct Countries {
    pub countries: Vec<Country>,
    pub aggregates: Vec<Aggregate>,
    pub territories: Vec<Territory>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    agg_by_key: HashMap<String, usize>,
}

impl Countries {
    pub fn embedded() -> Result<Countries, DataError> {
        Countries::from_str(EMBEDDED_COUNTRIES, "indicators/countries.toml")
    }

    /// The embedded list, parsed once per process (`None` if it does not parse, which a test
    /// rules out): the English names a localised build needs and the command line's default
    /// list, without parsing 250 countries again each time.
    pub fn embedded_shared() -> Option<&'static Countries> {
        static ONCE: std::sync::OnceLock<Option<Countries>> = std::sync::OnceLock::new();
        ONCE.get_or_init(|| Countries::embedded().ok()).as_ref()
    }

    pub fn from_str(text: &str, name: &str) -> Result<Countries, DataError> {
        let file: CountriesFile =
            toml::from_str(text).map_err(|e| DataError::toml(name, text, e))?;
        let mut by_code = HashMap::new();
        let mut by_name = HashMap::new();
        for (i, c) in file.country.iter().enumerate() {
            by_code.insert(c.iso3.to_ascii_uppercase(), i);
            by_code.insert(c.iso2.to_ascii_uppercase(), i);
            if let Some(m) = c.m49 {
                by_code.insert(format!("{m:03}"), i);
                by_code.insert(m.to_string(), i);
            }
            for a in &c.alt_codes {
                by_code.insert(a.to_ascii_uppercase(), i);
            }
            by_name.insert(normalise(&c.name), i);
            for a in &c.aliases {
                by_name.insert(normalise(a), i);
            }
        }
        let mut agg_by_key = HashMap::new();
        for (i, a) in file.aggregate.iter().enumerate() {
            agg_by_key.insert(a.code.to_ascii_uppercase(), i);
            agg_by_key.insert(normalise(&a.name), i);
            if let Some(m) = a.m49 {
                agg_by_key.insert(m.to_string(), i);
            }
            for al in &a.aliases {
                agg_by_key.insert(normalise(al), i);
            }
        }
        Ok(Countries {
            countries: file.country,
            aggregates: file.aggregate,
            territories: file.territory,
            by_code,
            by_name,
            agg_by_key,
        })
    }

    /// The past territory that a provider's code or name means for a year in one import format
    /// (`("eurostat_tsv", "DE", 1989)` -> `DEU_FRG`; 1991 -> none, the present territory).
    pub fn territory_for(&self, format: &str, cell: &str, year: i32) -> Option<&Territory> {
        let want = normalise(cell);
        self.territories.iter().find(|t| {
            t.codes.iter().any(|c| {
                c.format == format
                    && normalise(&c.code) == want
                    && c.until.or(t.until).is_none_or(|u| year <= u)
            })
        })
    }

    /// Does a provider's code or name mean a past territory in some years of this format? Such
    /// a code is the fallback when the file also has its country under another code.
    pub fn has_territory_code(&self, format: &str, cell: &str) -> bool {
        let want = normalise(cell);
        self.territories
            .iter()
            .flat_map(|t| &t.codes)
            .any(|c| c.format == format && normalise(&c.code) == want)
    }

    /// A past territory by its id (`DEU_FRG`).
    pub fn territory(&self, id: &str) -> Option<&Territory> {
        self.territories
            .iter()
            .find(|t| t.id.eq_ignore_ascii_case(id))
    }

    /// A country by ISO3, ISO2, M49 or a provider's alternative code.
    pub fn by_code(&self, code: &str) -> Option<&Country> {
        self.by_code
            .get(&code.trim().to_ascii_uppercase())
            .map(|&i| &self.countries[i])
    }

    /// A country by any of its names or aliases (case, accents, spacing and a trailing `*` ignored).
    pub fn by_name(&self, name: &str) -> Option<&Country> {
        self.by_name
            .get(&normalise(name))
            .map(|&i| &self.countries[i])
    }

    /// Resolve a provider's cell: a code or a name, a country or an aggregate.
    pub fn resolve(&self, cell: &str) -> Option<Resolved<'_>> {
        if let Some(c) = self.by_code(cell).or_else(|| self.by_name(cell)) {
            return Some(Resolved::Country(c));
        }
        let key = cell.trim().to_ascii_uppercase();
        self.agg_by_key
            .get(&key)
            .or_else(|| self.agg_by_key.get(&normalise(cell)))
            .map(|&i| Resolved::Aggregate(&self.aggregates[i]))
    }

    /// The ISO3 code of a country cell, or None for aggregates and unknown names.
    pub fn iso3(&self, cell: &str) -> Option<&str> {
        match self.resolve(cell)? {
            Resolved::Country(c) => Some(c.iso3.as_str()),
            Resolved::Aggregate(_) => None,
        }
    }

    pub fn is_aggregate(&self, cell: &str) -> bool {
        matches!(self.resolve(cell), Some(Resolved::Aggregate(_)))
    }

    /// Nearest ISO3 code or name for a "did you mean" hint.
    pub fn suggest(&self, input: &str) -> Option<String> {
        let up = input.to_ascii_uppercase();
        crate::error::nearest(&up, self.countries.iter().map(|c| c.iso3.as_str()))
            .map(str::to_string)
    }

    /// Countries whose name, alias or code contains `query` (for the TUI's picker).
    pub fn search(&self, query: &str) -> Vec<&Country> {
        let q = normalise(query);
        if q.is_empty() {
            return self.countries.iter().collect();
        }
        let mut out: Vec<&Country> = self
            .countries
            .iter()
            .filter(|c| {
                c.iso3.eq_ignore_ascii_case(query.trim())
                    || normalise(&c.name).contains(&q)
                    || c.aliases.iter().any(|a| normalise(a).contains(&q))
            })
            .collect();
        out.sort_by_key(|c| !normalise(&c.name).starts_with(&q));
        out
    }
}

/// Lower-case, fold common Latin accents, drop a trailing note asterisk, collapse white space.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let trimmed = name.trim().trim_end_matches('*').trim();
    let mut last_space = false;
    for ch in trimmed.chars() {
        let ch = fold(ch);
        if ch.is_whitespace() {
            if !last_space && !out.is_empty() {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.extend(ch.to_lowercase());
            last_space = false;
        }
    }
    out
}

fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ý' | 'ÿ' | 'Ý' => 'y',
        '’' | '‘' => '\'',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_text_puts_the_where_the_name_takes_it() {
        let c = Countries::embedded().unwrap();
        let text = |code: &str| c.by_code(code).unwrap().in_english_text();
        assert_eq!(text("NLD"), "the Netherlands");
        assert_eq!(text("USA"), "the United States of America");
        assert_eq!(text("SYR"), "the Syrian Arab Republic");
        assert_eq!(text("PHL"), "the Philippines");
        assert_eq!(text("DEU"), "Germany");
        assert_eq!(text("TUR"), "Türkiye");
        assert_eq!(text("IRN"), "Iran (Islamic Republic of)");
        assert_eq!(c.by_code("NLD").unwrap().name, "Netherlands");
    }

    #[test]
    fn normalise_folds() {
        assert_eq!(normalise("  Türkiye* "), "turkiye");
        assert_eq!(normalise("Côte  d’Ivoire"), "cote d'ivoire");
    }
}
