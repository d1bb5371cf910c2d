//! Country names in another language (`indicators/i18n/countries.<lang>.toml`, by ISO3 code).

use super::Lang;
use crate::country::Countries;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const FR: &str = include_str!("../../indicators/i18n/countries.fr.toml");
const ES: &str = include_str!("../../indicators/i18n/countries.es.toml");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Names {
    #[serde(default)]
    country: BTreeMap<String, String>,
}

pub(super) fn parse(text: &str) -> Result<Names, toml::de::Error> {
    toml::from_str(text)
}

fn names(lang: Lang) -> Option<&'static Names> {
    static ALL: OnceLock<[Names; 2]> = OnceLock::new();
    let all = ALL.get_or_init(|| [parse(FR).unwrap_or_default(), parse(ES).unwrap_or_default()]);
    match lang {
        Lang::En => None,
        Lang::Fr => all.first(),
        Lang::Es => all.get(1),
    }
}

/// The country table with names in `lang` where translated. Codes, aliases and lookups by
/// English name are unchanged (only `name`, the display name, is replaced).
pub fn localize_countries(countries: &Countries, lang: Lang) -> Countries {
    let mut out = countries.clone();
    if let Some(n) = names(lang) {
        for c in &mut out.countries {
            if let Some(name) = n.country.get(&c.iso3) {
                c.name = name.clone();
            }
        }
    }
    out
}

/// ISO3 codes of countries without a name in `lang`.
pub(super) fn missing(countries: &Countries, lang: Lang) -> Vec<String> {
    let Some(n) = names(lang) else {
        return Vec::new();
    };
    countries
        .countries
        .iter()
        .filter(|c| !n.country.contains_key(&c.iso3))
        .map(|c| c.iso3.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_cover_every_country() {
        parse(FR).expect("countries.fr.toml");
        parse(ES).expect("countries.es.toml");
        let c = Countries::embedded().expect("countries");
        assert_eq!(missing(&c, Lang::Fr), Vec::<String>::new());
        assert_eq!(missing(&c, Lang::Es), Vec::<String>::new());
        let fr = localize_countries(&c, Lang::Fr);
        assert_eq!(
            fr.by_code("DEU").map(|x| x.name.as_str()),
            Some("Allemagne")
        );
        // Lookups by the English name still work.
        assert_eq!(fr.by_name("Germany").map(|x| x.iso3.as_str()), Some("DEU"));
        let es = localize_countries(&c, Lang::Es);
        assert_eq!(
            es.by_code("USA").map(|x| x.name.as_str()),
            Some("Estados Unidos de América")
        );
    }
}
