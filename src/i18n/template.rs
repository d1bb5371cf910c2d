//! The template's titles in another language (`profiles/templates/i18n/<id>.<lang>.toml`):
//! parts and sections by id, charts and tables by their English title.

use super::Lang;
use crate::template::Template;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const IOM_FR: &str = include_str!("../../profiles/templates/i18n/iom.fr.toml");
const IOM_ES: &str = include_str!("../../profiles/templates/i18n/iom.es.toml");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Labels {
    name: Option<String>,
    #[serde(default)]
    part: BTreeMap<String, String>,
    #[serde(default)]
    section: BTreeMap<String, String>,
    #[serde(default)]
    chart: BTreeMap<String, String>,
    #[serde(default)]
    table: BTreeMap<String, String>,
}

pub(super) fn parse(text: &str) -> Result<Labels, toml::de::Error> {
    toml::from_str(text)
}

/// The labels of a built-in template in a language (only `iom` has translations; a template
/// of one's own is written in the language it is written in).
fn labels(template_id: &str, lang: Lang) -> Option<&'static Labels> {
    static IOM: OnceLock<[Labels; 2]> = OnceLock::new();
    if template_id != "iom" {
        return None;
    }
    let all = IOM.get_or_init(|| {
        [
            parse(IOM_FR).unwrap_or_default(),
            parse(IOM_ES).unwrap_or_default(),
        ]
    });
    match lang {
        Lang::En => None,
        Lang::Fr => all.first(),
        Lang::Es => all.get(1),
    }
}

/// The template with its titles in `lang` where translated.
pub fn localize_template(template: &Template, lang: Lang) -> Template {
    let mut out = template.clone();
    let Some(l) = labels(&template.id, lang) else {
        return out;
    };
    if let Some(n) = &l.name {
        out.name = n.clone();
    }
    for part in &mut out.part {
        if let Some(t) = l.part.get(&part.id) {
            part.title = t.clone();
        }
        for s in &mut part.section {
            if let Some(t) = l.section.get(&s.id) {
                s.title = t.clone();
            }
            for c in &mut s.chart {
                if let Some(t) = l.chart.get(&c.title) {
                    c.title = t.clone();
                }
            }
            for tb in &mut s.table {
                if let Some(t) = l.table.get(&tb.title) {
                    tb.title = t.clone();
                }
            }
        }
    }
    out
}

/// Titles of the built-in template without a translation: "part `A`", "chart `Title`".
pub(super) fn missing(template: &Template, lang: Lang) -> Vec<String> {
    if template.id != "iom" || lang == Lang::En {
        return Vec::new();
    }
    let empty = Labels::default();
    let l = labels(&template.id, lang).unwrap_or(&empty);
    let mut out = Vec::new();
    if l.name.is_none() {
        out.push("name".to_string());
    }
    for part in &template.part {
        if !l.part.contains_key(&part.id) {
            out.push(format!("part `{}`", part.id));
        }
        for s in &part.section {
            if !l.section.contains_key(&s.id) {
                out.push(format!("section `{}`", s.id));
            }
            for c in s.chart.iter().filter(|c| !l.chart.contains_key(&c.title)) {
                out.push(format!("chart `{}` ({})", c.title, s.id));
            }
            for t in s.table.iter().filter(|t| !l.table.contains_key(&t.title)) {
                out.push(format!("table `{}` ({})", t.title, s.id));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_files_parse_and_translate_titles() {
        parse(IOM_FR).expect("iom.fr.toml");
        parse(IOM_ES).expect("iom.es.toml");
        let t = Template::iom().expect("template");
        let fr = localize_template(&t, Lang::Fr);
        assert_eq!(
            fr.section("A.6").map(|s| s.title.as_str()),
            Some("Déplacements forcés")
        );
        let es = localize_template(&t, Lang::Es);
        assert_eq!(
            es.section("A.2")
                .and_then(|s| s.chart.first())
                .map(|c| c.title.as_str()),
            Some("Población migrante internacional")
        );
        // Ids, indicators and structure are untouched.
        assert_eq!(fr.sections().count(), t.sections().count());
        assert_eq!(fr.default_modules(), t.default_modules());
    }
}
