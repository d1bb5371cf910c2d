//! The fixed words every report format writes around the content (Contents, Figure, Table,
//! Source, ...), in one place per language so that HTML, Markdown, DOCX and PDF say the same thing
//! and a translation reaches all of them.
//!
//! The words are Fluent messages (`assets/i18n/{en,fr,es}.ftl`); [`words`] reads them once per
//! language. A word a language lacks is the English one (`migprof check` lists it).

use crate::i18n::{Lang, t};
use std::sync::OnceLock;

/// Fixed words of the report furniture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub contents: &'static str,
    pub notes: &'static str,
    pub provider_flags: &'static str,
    pub flag: &'static str,
    pub meaning: &'static str,
    /// "Figure" as in "Figure 3: ...".
    pub figure: &'static str,
    /// "Table" as in "Table 2: ...".
    pub table: &'static str,
    /// "Source" as in "Source: UN DESA".
    pub source: &'static str,
    pub reference_year: &'static str,
    pub prepared_by: &'static str,
    pub edition: &'static str,
    pub generated_from_data: &'static str,
    pub page: &'static str,
    pub list_of_tables: &'static str,
    pub list_of_figures: &'static str,
    pub acronyms: &'static str,
    pub draft: &'static str,
    pub foreword: &'static str,
    pub working_group: &'static str,
    /// Column headers of the working-group and acronyms pages.
    pub name: &'static str,
    pub institution: &'static str,
    pub role: &'static str,
    pub abbreviation: &'static str,
    pub disclaimer: &'static str,
    pub published_by: &'static str,
    /// The colon after a label ("Table 2: ...", French "Tableau 2 : ..." with a no-break space).
    pub colon: &'static str,
}

/// English, as a constant (the reference the translations follow).
pub const EN: Words = Words {
    contents: "Contents",
    notes: "Notes",
    provider_flags: "Provider flags",
    flag: "Flag",
    meaning: "Meaning",
    figure: "Figure",
    table: "Table",
    source: "Source",
    reference_year: "Reference year",
    prepared_by: "Prepared by",
    edition: "Edition",
    generated_from_data: "Generated from the data",
    page: "Page",
    list_of_tables: "List of tables",
    list_of_figures: "List of figures",
    acronyms: "Acronyms and abbreviations",
    draft: "DRAFT",
    foreword: "Foreword",
    working_group: "Technical working group",
    name: "Name",
    institution: "Institution",
    role: "Role",
    abbreviation: "Abbreviation",
    disclaimer: "Disclaimer",
    published_by: "Published by",
    colon: ":",
};

/// The words of a language from its Fluent messages. Each string is made once per language
/// and kept for the life of the process (three languages, a few hundred bytes each).
fn load(lang: Lang) -> Words {
    let w = |id: &str| -> &'static str { Box::leak(t(lang, id, &[]).into_boxed_str()) };
    Words {
        contents: w("contents"),
        notes: w("notes"),
        provider_flags: w("provider-flags"),
        flag: w("flag"),
        meaning: w("meaning"),
        figure: w("figure"),
        table: w("table"),
        source: w("source"),
        reference_year: w("reference-year"),
        prepared_by: w("prepared-by"),
        edition: w("edition"),
        generated_from_data: w("generated-from-data"),
        page: w("page"),
        list_of_tables: w("list-of-tables"),
        list_of_figures: w("list-of-figures"),
        acronyms: w("acronyms"),
        draft: w("draft"),
        foreword: w("foreword"),
        working_group: w("working-group"),
        name: w("name"),
        institution: w("institution"),
        role: w("role"),
        abbreviation: w("abbreviation"),
        disclaimer: w("disclaimer"),
        published_by: w("published-by"),
        colon: w("colon"),
    }
}

/// The words for a language code (`en`, `fr`, `es`, `fr-FR`, ...); English when there is no
/// translation.
pub fn words(lang: &str) -> &'static Words {
    static LOADED: [OnceLock<Words>; 2] = [OnceLock::new(), OnceLock::new()];
    match Lang::of(lang) {
        Lang::En => &EN,
        Lang::Fr => LOADED[0].get_or_init(|| load(Lang::Fr)),
        Lang::Es => LOADED[1].get_or_init(|| load(Lang::Es)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_language_falls_back_to_english() {
        assert_eq!(words("xx").contents, "Contents");
        assert_eq!(words("en").figure, "Figure");
    }

    #[test]
    fn english_constant_matches_the_english_messages() {
        assert_eq!(load(Lang::En), EN);
    }

    #[test]
    fn french_and_spanish_words() {
        assert_eq!(words("fr").contents, "Table des matières");
        assert_eq!(words("fr-FR").table, "Tableau");
        assert_eq!(words("es").figure, "Gráfico");
        assert_eq!(words("es").source, "Fuente");
        // Every word is translated (none equals its English form except true cognates).
        let same = ["notes", "figure", "source", "page", "edition"];
        let fr = words("fr");
        for (name, en, fr) in [
            ("contents", EN.contents, fr.contents),
            ("list_of_tables", EN.list_of_tables, fr.list_of_tables),
            ("acronyms", EN.acronyms, fr.acronyms),
            ("draft", EN.draft, fr.draft),
        ] {
            assert!(same.contains(&name) || en != fr, "{name}");
        }
    }
}
