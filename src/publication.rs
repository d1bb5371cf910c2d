//! The profile as a publication: front matter (`[front]`: publisher, edition, date,
//! disclaimer, foreword, working group) and governance data (`[governance]`: instruments
//! ratified, institutions, policies, agreements) that Parts C and the title pages render, and
//! the acronyms a report explains.

use serde::{Deserialize, Serialize};

/// Title-page furniture and the pages before the contents. Every field is optional; an empty
/// `[front]` table is not written back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Front {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Overrides `meta.edition` when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Publication date as it is to be printed; overrides `meta.date` when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Printed on the back of the title page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<String>,
    /// A page of its own before the contents (paragraphs separated by blank lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreword: Option<String>,
    /// Members of the technical working group, in the order to print.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working_group: Vec<Member>,
}

impl Front {
    pub fn is_empty(&self) -> bool {
        *self == Front::default()
    }
}

/// One member of the working group: a person with their institution, or an institution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Person or institution.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub institution: String,
    /// "chair", "secretariat", ...
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
}

/// What Part C reports: the country's migration governance as recorded in the profile, each
/// entry with where it was found. Nothing here is generated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// International instruments (C.2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratification: Vec<Ratification>,
    /// Ministries and agencies (C.3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub institution: Vec<Institution>,
    /// National policies and strategies (C.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy: Vec<Policy>,
    /// Bilateral and regional agreements (C.4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreement: Vec<Agreement>,
}

impl Governance {
    pub fn is_empty(&self) -> bool {
        *self == Governance::default()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratification {
    /// "1951 Convention relating to the Status of Refugees".
    pub instrument: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// "ratified", "acceded", "signed", "not ratified".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// Where this was found (UN Treaty Collection, ILO NORMLEX, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Partner country (ISO3 code or name) or organisation.
    pub partner: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

const EMBEDDED_ACRONYMS: &str = include_str!("../indicators/acronyms.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AcronymFile {
    acronym: Vec<Acronym>,
}

/// An abbreviation and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acronym {
    pub short: String,
    pub long: String,
    /// What it stands for in French and Spanish reports.
    #[serde(default)]
    pub fr: Option<String>,
    #[serde(default)]
    pub es: Option<String>,
}

impl Acronym {
    /// What the abbreviation stands for in `lang`, English when it has no translation.
    pub fn long_in(&self, lang: crate::i18n::Lang) -> &str {
        use crate::i18n::Lang;
        match lang {
            Lang::En => None,
            Lang::Fr => self.fr.as_deref(),
            Lang::Es => self.es.as_deref(),
        }
        .unwrap_or(&self.long)
    }
}

/// The bundled acronyms (`indicators/acronyms.toml`), sorted by abbreviation.
pub fn acronyms() -> Vec<Acronym> {
    // The file is part of the binary and checked by a unit test: a parse error cannot reach a
    // user, and an empty list only leaves the acronyms page out.
    let mut list = toml::from_str::<AcronymFile>(EMBEDDED_ACRONYMS)
        .map(|f| f.acronym)
        .unwrap_or_default();
    list.sort_by(|a, b| a.short.cmp(&b.short));
    list
}

/// Positions where `word` occurs in `text` as a whole word (not inside a longer word or code).
fn word_positions<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let bytes = text.as_bytes();
    text.match_indices(word).map(|(i, _)| i).filter(move |&i| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + word.len()).copied();
        let edge = |b: Option<u8>| b.is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'_'));
        edge(before) && edge(after)
    })
}

/// Does `text` contain `word` as a whole word?
pub fn has_word(text: &str, word: &str) -> bool {
    word_positions(text, word).next().is_some()
}

/// `text` with every whole-word `word` replaced by `with`.
pub fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for i in word_positions(text, word) {
        out.push_str(&text[last..i]);
        out.push_str(with);
        last = i + word.len();
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_acronyms_parse_and_are_unique() {
        let list = acronyms();
        assert!(list.len() >= 10, "{list:?}");
        let iom = list.iter().find(|a| a.short == "IOM").unwrap();
        assert_eq!(iom.long, "International Organization for Migration");
        let mut shorts: Vec<&str> = list.iter().map(|a| a.short.as_str()).collect();
        shorts.dedup();
        assert_eq!(shorts.len(), list.len(), "duplicate abbreviation");
    }

    #[test]
    fn words_are_matched_whole() {
        assert!(has_word("UN DESA, International Migrant Stock", "UN DESA"));
        assert!(has_word("(UNHCR).", "UNHCR"));
        assert!(!has_word("UNHCRX", "UNHCR"));
        assert!(!has_word("unhcr_refugee", "unhcr"));
        assert!(!has_word("IOMA", "IOM"));
        assert_eq!(
            replace_word("imm_stock and imm_stock_share", "imm_stock", "X"),
            "X and imm_stock_share"
        );
    }

    #[test]
    fn empty_front_and_governance_are_empty() {
        assert!(Front::default().is_empty());
        assert!(Governance::default().is_empty());
        let f: Front = toml::from_str("publisher = \"IOM\"").unwrap();
        assert!(!f.is_empty());
        assert!(toml::from_str::<Front>("publisherr = \"x\"").is_err());
    }
}
