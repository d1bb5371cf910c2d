//! The languages migprof writes a report in: English, French and Spanish.
//!
//! Everything a report says is data, never code: indicator names, definitions and units per
//! language (`indicators/i18n/{fr,es}.toml`), the template's part, section, chart and table
//! titles (`profiles/templates/i18n/iom.{fr,es}.toml`), and the fixed words and generated
//! sentences as Fluent messages (`assets/i18n/{en,fr,es}.ftl`), the recommended topics of the
//! data assessment (`indicators/i18n/topics.{fr,es}.toml`) and the acronyms
//! (`indicators/acronyms.toml`, `fr` / `es`), all embedded in the binary. Texts the core makes
//! before the language is known (quality evidence, coherence reasons) are [`Msg`]s, written
//! in a language when shown: the report in its own, the CLI and the TUI in English.
//! A label without a translation is written in English; [`missing`] lists them for `check`.
//! Numbers and dates follow the language too ([`crate::render::numfmt`], [`date`]).

mod catalogue;
mod countries;
mod dates;
mod messages;
mod msg;
mod template;
mod topics;

pub use catalogue::{
    Gender, after_article, grammar_form, localize_catalogue, translated_indicator,
    translated_provider, unit_label,
};
pub use countries::localize_countries;
pub use dates::date;
pub use messages::{english, message_ids, t};
pub use msg::{Arg, Msg, dimension, join, list_sep, percent_in};
pub use template::localize_template;
pub use topics::{topic_definition, topic_name};

use crate::catalogue::Catalogue;
use crate::country::Countries;
use crate::template::Template;
use std::borrow::Cow;

/// The catalogue, countries and template a report in language `code` is built with:
/// translated copies, or the originals (not copied) for English and unknown languages.
pub fn localized<'a>(
    catalogue: &'a Catalogue,
    countries: &'a Countries,
    template: &'a Template,
    code: &str,
) -> (Cow<'a, Catalogue>, Cow<'a, Countries>, Cow<'a, Template>) {
    match Lang::of(code) {
        Lang::En => (
            Cow::Borrowed(catalogue),
            Cow::Borrowed(countries),
            Cow::Borrowed(template),
        ),
        lang => (
            Cow::Owned(localize_catalogue(catalogue, lang)),
            Cow::Owned(localize_countries(countries, lang)),
            Cow::Owned(localize_template(template, lang)),
        ),
    }
}

/// A language a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

    /// `en`, `fr`, `es`, with or without a region (`fr-FR`, `es_MX`), any case.
    pub fn parse(code: &str) -> Option<Lang> {
        let base = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match base.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The language of a code; English for a language migprof has no translation for.
    pub fn of(code: &str) -> Lang {
        Lang::parse(code).unwrap_or(Lang::En)
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }

    /// The language's name in English, for messages.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
            Lang::Es => "Spanish",
        }
    }
}

/// What a report in `code` would write in English for want of a translation, one line per
/// missing key: `French: no translation of indicator `x` (name)`. Empty for English. A language
/// migprof does not know gives one line saying the whole report is in English.
pub fn missing(
    code: &str,
    catalogue: &Catalogue,
    countries: &Countries,
    template: &Template,
) -> Vec<String> {
    let lang = match Lang::parse(code) {
        Some(Lang::En) => return Vec::new(),
        Some(l) => l,
        None => {
            return vec![format!(
                "language `{code}` has no translation (known: en, fr, es); the report is written in English"
            )];
        }
    };
    let name = lang.english_name();
    let mut out = Vec::new();
    let en = message_ids(Lang::En);
    let own = message_ids(lang);
    for id in en.iter().filter(|id| !own.contains(id)) {
        out.push(format!(
            "{name}: no translation of message `{id}` (assets/i18n/{}.ftl); written in English",
            lang.code()
        ));
    }
    for ind in &catalogue.indicators {
        let entry = translated_indicator(lang, &ind.id);
        for (field, present) in [
            ("name", entry.is_some_and(|e| e.name.is_some())),
            ("definition", entry.is_some_and(|e| e.definition.is_some())),
        ] {
            if !present {
                out.push(format!(
                    "{name}: no translation of indicator `{}` ({field}, indicators/i18n/{}.toml); written in English",
                    ind.id,
                    lang.code()
                ));
            }
        }
    }
    for p in &catalogue.providers {
        if translated_provider(lang, &p.id).is_none() {
            out.push(format!(
                "{name}: no translation of provider `{}` (name, indicators/i18n/{}.toml); written in English",
                p.id,
                lang.code()
            ));
        }
    }
    for unit in catalogue::missing_units(lang) {
        out.push(format!(
            "{name}: no translation of unit `{unit}` (indicators/i18n/{}.toml); written in English",
            lang.code()
        ));
    }
    for iso3 in countries::missing(countries, lang) {
        out.push(format!(
            "{name}: no translation of country name `{iso3}` (indicators/i18n/countries.{}.toml); written in English",
            lang.code()
        ));
    }
    if let Ok(topics) = catalogue.topics() {
        for (id, field) in topics::missing(topics, lang) {
            out.push(format!(
                "{name}: no translation of topic `{id}` ({field}, indicators/i18n/topics.{}.toml); written in English",
                lang.code()
            ));
        }
    }
    for a in crate::publication::acronyms() {
        let present = match lang {
            Lang::Fr => a.fr.is_some(),
            Lang::Es => a.es.is_some(),
            Lang::En => true,
        };
        if !present {
            out.push(format!(
                "{name}: no translation of abbreviation `{}` (indicators/acronyms.toml, `{}`); written in English",
                a.short,
                lang.code()
            ));
        }
    }
    for key in template::missing(template, lang) {
        out.push(format!(
            "{name}: no translation of template {key} (profiles/templates/i18n/{}.{}.toml); written in English",
            template.id,
            lang.code()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(Lang::parse("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::parse("ES_mx"), Some(Lang::Es));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::of("de"), Lang::En);
    }

    #[test]
    fn the_built_in_catalogue_and_template_are_fully_translated() {
        let c = Catalogue::embedded().expect("catalogue");
        let n = Countries::embedded().expect("countries");
        let t = Template::iom().expect("template");
        assert!(missing("en", &c, &n, &t).is_empty());
        assert_eq!(missing("fr", &c, &n, &t), Vec::<String>::new());
        assert_eq!(missing("es", &c, &n, &t), Vec::<String>::new());
        assert_eq!(missing("de", &c, &n, &t).len(), 1);
    }
}
