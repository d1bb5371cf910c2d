//! The catalogue in another language: indicator names, definitions and units from
//! `indicators/i18n/<lang>.toml`, with the grammar of each name for generated sentences.

use super::Lang;
use crate::catalogue::{Catalogue, Unit};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const FR: &str = include_str!("../../indicators/i18n/fr.toml");
const ES: &str = include_str!("../../indicators/i18n/es.toml");

/// Grammatical gender of a name's head noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Gender {
    #[serde(rename = "m")]
    Masculine,
    #[serde(rename = "f")]
    Feminine,
}

/// The translation of one indicator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: Option<String>,
    pub definition: Option<String>,
    pub gender: Option<Gender>,
    /// The translated name is plural (the verb agrees with it).
    #[serde(default)]
    pub plural: bool,
}

/// The translation of one registry provider's name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderEntry {
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    #[serde(default)]
    unit: BTreeMap<String, String>,
    #[serde(default)]
    indicator: BTreeMap<String, Entry>,
    #[serde(default)]
    provider: BTreeMap<String, ProviderEntry>,
}

/// The parsed file of a language (None for English); an unreadable file translates nothing
/// (a unit test parses both files, so a broken one never ships).
fn file(lang: Lang) -> Option<&'static File> {
    static FILES: OnceLock<[File; 2]> = OnceLock::new();
    let files =
        FILES.get_or_init(|| [parse(FR).unwrap_or_default(), parse(ES).unwrap_or_default()]);
    match lang {
        Lang::En => None,
        Lang::Fr => files.first(),
        Lang::Es => files.get(1),
    }
}

pub(super) fn parse(text: &str) -> Result<File, toml::de::Error> {
    toml::from_str(text)
}

/// The translation of an indicator, if the language has one.
pub fn translated_indicator(lang: Lang, id: &str) -> Option<&'static Entry> {
    file(lang)?.indicator.get(id)
}

/// The translation of a registry provider's name, if the language has one.
pub fn translated_provider(lang: Lang, id: &str) -> Option<&'static ProviderEntry> {
    file(lang)?.provider.get(id)
}

/// The catalogue with names and definitions in `lang` where translated (English elsewhere);
/// `plural` follows the translated name; the registry's providers by their names in `lang`
/// (an organisation keeps the abbreviation the acronyms page explains: "IOM", "UNHCR").
/// Mappings, units and everything else are unchanged.
pub fn localize_catalogue(catalogue: &Catalogue, lang: Lang) -> Catalogue {
    let mut out = catalogue.clone();
    if lang == Lang::En {
        return out;
    }
    for ind in &mut out.indicators {
        let Some(e) = translated_indicator(lang, &ind.id) else {
            continue;
        };
        if let Some(n) = &e.name {
            ind.name = n.clone();
            ind.plural = e.plural;
        }
        if let Some(d) = &e.definition {
            ind.definition = d.clone();
        }
    }
    for p in &mut out.providers {
        if let Some(e) = translated_provider(lang, &p.id) {
            p.english_name = Some(std::mem::replace(&mut p.name, e.name.clone()));
        }
    }
    out
}

fn unit_key(unit: Unit) -> &'static str {
    match unit {
        Unit::Persons => "persons",
        Unit::Percent => "percent",
        Unit::Usd => "usd",
        Unit::UsdMillion => "usd_million",
        Unit::Per1000 => "per1000",
        Unit::Per100000 => "per100000",
        Unit::Ratio => "ratio",
        Unit::Count => "count",
        Unit::Events => "events",
        Unit::Movements => "movements",
        Unit::Score => "score",
        Unit::Year => "year",
    }
}

/// Short unit label for axes and table headers ("persons", "personnes", "personas").
pub fn unit_label(lang: Lang, unit: Unit) -> String {
    file(lang)
        .and_then(|f| f.unit.get(unit_key(unit)))
        .cloned()
        .unwrap_or_else(|| unit.label().to_string())
}

/// Units without a label in a language (for `check`).
pub(super) fn missing_units(lang: Lang) -> Vec<&'static str> {
    const ALL: [Unit; 12] = [
        Unit::Persons,
        Unit::Percent,
        Unit::Usd,
        Unit::UsdMillion,
        Unit::Per1000,
        Unit::Per100000,
        Unit::Ratio,
        Unit::Count,
        Unit::Events,
        Unit::Movements,
        Unit::Score,
        Unit::Year,
    ];
    match file(lang) {
        None => Vec::new(),
        Some(f) => ALL
            .iter()
            .map(|u| unit_key(*u))
            .filter(|k| !f.unit.contains_key(*k))
            .collect(),
    }
}

/// How a sentence in `lang` introduces an indicator's name, as the Fluent messages select it:
/// `m`, `f`, `mpl`, `fpl`, `el` (French elided article: "L'immigration") or `none` (no
/// translation: the English name is written without an article). English is always `none`.
pub fn grammar_form(lang: Lang, id: &str) -> &'static str {
    let Some(e) = translated_indicator(lang, id) else {
        return "none";
    };
    let (Some(name), Some(g)) = (&e.name, e.gender) else {
        return "none";
    };
    match (e.plural, g) {
        (true, Gender::Masculine) => "mpl",
        (true, Gender::Feminine) => "fpl",
        (false, _) if lang == Lang::Fr && elides(name) => "el",
        (false, Gender::Masculine) => "m",
        (false, Gender::Feminine) => "f",
    }
}

/// French elision before a vowel or a mute h ("l'immigration", "l'hébergement").
fn elides(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| "aeiouyhàâäéèêëîïôöùûüAEIOUYHÀÂÄÉÈÊËÎÏÔÖÙÛÜ".contains(c))
}

/// A name as it reads after an article: first letter in lower case unless the name starts
/// with an acronym ("Stock de migrants" -> "stock de migrants"; "PIB par habitant" stays).
pub fn after_article(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if b.is_uppercase() => format!("{a}{b}{}", chars.as_str()),
        (Some(a), _) => a.to_lowercase().chain(name.chars().skip(1)).collect(),
        (None, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_parse_and_cover_units() {
        parse(FR).expect("indicators/i18n/fr.toml");
        parse(ES).expect("indicators/i18n/es.toml");
        assert!(missing_units(Lang::Fr).is_empty());
        assert!(missing_units(Lang::Es).is_empty());
        assert_eq!(unit_label(Lang::Fr, Unit::Persons), "personnes");
        assert_eq!(unit_label(Lang::En, Unit::Per1000), "per 1,000");
    }

    #[test]
    fn forms_follow_gender_number_and_elision() {
        assert_eq!(grammar_form(Lang::Fr, "imm_stock"), "m");
        assert_eq!(grammar_form(Lang::Fr, "net_migration"), "f");
        assert_eq!(grammar_form(Lang::Fr, "asylum_applications"), "fpl");
        assert_eq!(grammar_form(Lang::Fr, "emi_outflow"), "m");
        assert_eq!(grammar_form(Lang::Fr, "imm_inflow"), "m");
        assert_eq!(grammar_form(Lang::Es, "imm_stock"), "f");
        assert_eq!(grammar_form(Lang::Es, "refugees_hosted"), "mpl");
        assert_eq!(grammar_form(Lang::En, "imm_stock"), "none");
        assert_eq!(after_article("Stock de migrants"), "stock de migrants");
        assert_eq!(after_article("PIB par habitant"), "PIB par habitant");
        assert_eq!(after_article("Émigrants"), "émigrants");
    }
}
