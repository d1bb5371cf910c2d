//! The recommended topics of the data assessment (`indicators/topics.toml`) in another
//! language: names and definitions from `indicators/i18n/topics.<lang>.toml`, by topic id.

use super::Lang;
use crate::system::topics::{Topic, Topics};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const FR: &str = include_str!("../../indicators/i18n/topics.fr.toml");
const ES: &str = include_str!("../../indicators/i18n/topics.es.toml");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: Option<String>,
    definition: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    topic: BTreeMap<String, Entry>,
}

/// The translations of a language (None for English); an unreadable file translates nothing
/// (a unit test parses both, so a broken one never ships).
fn file(lang: Lang) -> Option<&'static File> {
    static FILES: OnceLock<[File; 2]> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        [
            toml::from_str(FR).unwrap_or_default(),
            toml::from_str(ES).unwrap_or_default(),
        ]
    });
    match lang {
        Lang::En => None,
        Lang::Fr => files.first(),
        Lang::Es => files.get(1),
    }
}

fn entry(lang: Lang, id: &str) -> Option<&'static Entry> {
    file(lang)?.topic.get(id)
}

/// The topic's name in `lang`, English when it has no translation.
pub fn topic_name(lang: Lang, t: &Topic) -> String {
    entry(lang, &t.id)
        .and_then(|e| e.name.clone())
        .unwrap_or_else(|| t.name.clone())
}

/// The topic's definition in `lang`, English when it has no translation.
pub fn topic_definition(lang: Lang, t: &Topic) -> String {
    entry(lang, &t.id)
        .and_then(|e| e.definition.clone())
        .unwrap_or_else(|| t.definition.clone())
}

/// `(topic id, field)` of the topics without a translation in `lang`.
pub(super) fn missing(topics: &Topics, lang: Lang) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for t in &topics.topics {
        let e = entry(lang, &t.id);
        if e.and_then(|e| e.name.as_ref()).is_none() {
            out.push((t.id.clone(), "name"));
        }
        if e.and_then(|e| e.definition.as_ref()).is_none() {
            out.push((t.id.clone(), "definition"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_parse_and_translate_every_topic() {
        for text in [FR, ES] {
            let f: Result<File, _> = toml::from_str(text);
            assert!(f.is_ok(), "{f:?}");
        }
        let topics = Topics::embedded().expect("topics");
        assert_eq!(missing(&topics, Lang::Fr), vec![]);
        assert_eq!(missing(&topics, Lang::Es), vec![]);
        let cob = topics.get("country_of_birth").expect("topic");
        assert_eq!(topic_name(Lang::Fr, cob), "Pays de naissance");
        assert_eq!(topic_name(Lang::En, cob), "Country of birth");
    }
}
