//! The report's fixed words and generated sentences as Fluent messages
//! (`assets/i18n/{en,fr,es}.ftl`), with plural and gender selection done by Fluent.

use super::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

const EN: &str = include_str!("../../assets/i18n/en.ftl");
const FR: &str = include_str!("../../assets/i18n/fr.ftl");
const ES: &str = include_str!("../../assets/i18n/es.ftl");

fn text(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Fr => FR,
        Lang::Es => ES,
    }
}

/// The messages of a language. A message with a syntax error is left out (and so falls back
/// to English); a unit test parses every file without errors.
fn resource(lang: Lang) -> FluentResource {
    FluentResource::try_new(text(lang).to_string()).unwrap_or_else(|(partial, _)| partial)
}

/// Each language's bundle is made the first time it is asked for: an English build does not
/// parse the French and Spanish messages.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = match lang {
        Lang::En => 0,
        Lang::Fr => 1,
        Lang::Es => 2,
    };
    BUNDLES[i].get_or_init(|| make(lang))
}

fn make(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: the output is HTML, Markdown and SVG text.
    b.set_use_isolating(false);
    // Duplicate ids are the only possible error; the first definition is kept.
    let _ = b.add_resource(resource(lang));
    b
}

fn format(lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> Option<String> {
    let b = bundle(lang);
    let pattern = b.get_message(id)?.value()?;
    let mut fa = FluentArgs::with_capacity(args.len());
    for (k, v) in args {
        fa.set(*k, v.clone());
    }
    let mut errors = Vec::new();
    let s = b.format_pattern(pattern, Some(&fa), &mut errors);
    // A missing argument is a bug of the caller: fall back rather than print "{$x}".
    errors.is_empty().then(|| s.into_owned())
}

/// The message `id` in `lang`, formatted with `args`; the English message when the language
/// has none; the id itself when English has none either.
pub fn t(lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> String {
    format(lang, id, args)
        .or_else(|| format(Lang::En, id, args))
        .unwrap_or_else(|| id.to_string())
}

/// The translation of a fixed English text: the message whose English form (without
/// arguments) is `english`, in `lang`; `english` itself when no message has that text. This
/// lets a renderer keep its English literals ("Indicator", "Data gaps, ranked") and still
/// write every language: the literal is the key.
pub fn english(lang: Lang, english: &str) -> String {
    static BY_TEXT: OnceLock<std::collections::HashMap<String, String>> = OnceLock::new();
    if lang == Lang::En {
        return english.to_string();
    }
    let map = BY_TEXT.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for id in message_ids(Lang::En) {
            if let Some(text) = format(Lang::En, &id, &[]) {
                m.entry(text).or_insert(id);
            }
        }
        m
    });
    match map.get(english) {
        Some(id) => t(lang, id, &[]),
        None => english.to_string(),
    }
}

/// The ids of the messages a language defines, in file order.
pub fn message_ids(lang: Lang) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    resource(lang)
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_parse_without_errors_and_match_english() {
        for lang in Lang::ALL {
            if let Err((_, errors)) = FluentResource::try_new(text(lang).to_string()) {
                panic!("assets/i18n/{}.ftl: {errors:?}", lang.code());
            }
            let mut b = FluentBundle::new_concurrent(vec![]);
            assert!(b.add_resource(resource(lang)).is_ok(), "duplicate ids");
        }
        let en = message_ids(Lang::En);
        for lang in [Lang::Fr, Lang::Es] {
            let own = message_ids(lang);
            let missing: Vec<&String> = en.iter().filter(|id| !own.contains(id)).collect();
            let extra: Vec<&String> = own.iter().filter(|id| !en.contains(id)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang:?}: {missing:?} {extra:?}"
            );
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let persons = |lang, n: &str, count: f64, scale: &str| {
            t(
                lang,
                "amount-persons",
                &[
                    ("n", n.into()),
                    ("count", count.into()),
                    ("scale", scale.into()),
                ],
            )
        };
        assert_eq!(persons(Lang::En, "1", 1.0, "none"), "1 person");
        assert_eq!(persons(Lang::En, "3", 3.0, "none"), "3 persons");
        assert_eq!(persons(Lang::En, "15.8", 15.8, "million"), "15.8 M persons");
        assert_eq!(persons(Lang::Fr, "1", 1.0, "none"), "1\u{A0}personne");
        assert_eq!(persons(Lang::Fr, "3", 3.0, "none"), "3\u{A0}personnes");
        // French: "1,5 million" (singular below 2), "15,8 millions".
        assert_eq!(
            persons(Lang::Fr, "1,5", 1.5, "million"),
            "1,5\u{A0}million de personnes"
        );
        assert_eq!(
            persons(Lang::Fr, "15,8", 15.8, "million"),
            "15,8\u{A0}millions de personnes"
        );
        // Spanish: "1 millón", "1,5 millones".
        assert_eq!(
            persons(Lang::Es, "1", 1.0, "million"),
            "1\u{A0}millón de personas"
        );
        assert_eq!(
            persons(Lang::Es, "1,5", 1.5, "million"),
            "1,5\u{A0}millones de personas"
        );
        assert_eq!(persons(Lang::Es, "1", 1.0, "none"), "1\u{A0}persona");
    }

    #[test]
    fn english_text_finds_its_translation() {
        assert_eq!(english(Lang::Fr, "Indicator"), "Indicateur");
        assert_eq!(
            english(Lang::Es, "Data gaps, ranked"),
            "Lagunas de datos, por orden de prioridad"
        );
        assert_eq!(english(Lang::Es, "not a message"), "not a message");
        assert_eq!(english(Lang::En, "Indicator"), "Indicator");
    }

    #[test]
    fn unknown_message_falls_back_to_english_then_the_id() {
        assert_eq!(t(Lang::Fr, "no-such-message", &[]), "no-such-message");
        assert_eq!(t(Lang::Fr, "contents", &[]), "Table des matières");
    }
}
