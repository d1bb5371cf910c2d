//! The fixed words every report format writes around the content (Contents, Figure, Table,
//! Source, ...), in one place per language so that HTML, Markdown, DOCX and PDF say the same thing
//! and a translation reaches all of them.
//!
//! Only English exists yet: [`words`] falls back to it for any other language.

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
}

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
};

/// The words for a language code (`en`, `fr`, `es`, ...); English when there is no translation.
pub fn words(_lang: &str) -> &'static Words {
    &EN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_language_falls_back_to_english() {
        assert_eq!(words("xx").contents, "Contents");
        assert_eq!(words("en").figure, "Figure");
    }
}
