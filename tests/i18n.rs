//! Reports in French and Spanish: complete reports of the example profiles (Germany in French,
//! Mexico in Spanish, the language set on the loaded profile), no English label left where a
//! translation exists, numbers in the locale's format, plurals in generated sentences, and the
//! English fallback of a missing translation, which `check` lists.

use migprof::catalogue::Catalogue;
use migprof::check::check_profile_with;
use migprof::country::Countries;
use migprof::i18n::{self, Lang};
use migprof::profile::{Profile, ProfileFile};
use migprof::render::words::{self, words};
use migprof::render::{Formats, build_profile};
use migprof::template::Template;
use scraper::{Html, Selector};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(stem: &str, lang: &str) -> Profile {
    let mut p = ProfileFile::load(&root().join(format!("profiles/{stem}.toml")))
        .unwrap_or_else(|e| panic!("profiles/{stem}.toml: {e}"))
        .profile;
    p.meta.language = lang.to_string();
    p
}

struct Built {
    html: String,
    /// The HTML's text, unescaped.
    text: String,
    markdown: String,
    svgs: Vec<String>,
}

fn build(profile: &Profile) -> Built {
    let catalogue = Catalogue::embedded().unwrap();
    let countries = Countries::embedded().unwrap();
    let template = Template::iom().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let formats = Formats {
        html: true,
        markdown: true,
        svg: true,
        ..Formats::NONE
    };
    build_profile(
        profile,
        &catalogue,
        &countries,
        &template,
        dir.path(),
        formats,
    )
    .unwrap();
    let read =
        |p: PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let mut svgs = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir.path().join("charts")) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        svgs = paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "svg"))
            .map(read)
            .collect();
    }
    let html = read(dir.path().join("report.html"));
    let text = Html::parse_document(&html)
        .root_element()
        .text()
        .collect::<String>();
    Built {
        html,
        text,
        markdown: read(dir.path().join("report.md")),
        svgs,
    }
}

/// Text of the elements that carry labels: headings, captions, table headers, key-figure labels.
fn label_texts(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("h1, h2, h3, h4, h5, figcaption, caption, th, .kf-label, .kf-note")
        .unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// Every (English, translated) label pair of the catalogue, the template and the fixed words
/// where the translation differs from the English text.
fn label_pairs(lang: Lang) -> Vec<(String, String)> {
    let catalogue = Catalogue::embedded().unwrap();
    let template = Template::iom().unwrap();
    let local_c = i18n::localize_catalogue(&catalogue, lang);
    let local_t = i18n::localize_template(&template, lang);
    let mut out = Vec::new();
    for (en, tr) in catalogue.indicators.iter().zip(&local_c.indicators) {
        out.push((en.name.clone(), tr.name.clone()));
    }
    for (en, tr) in template.part.iter().zip(&local_t.part) {
        out.push((en.title.clone(), tr.title.clone()));
        for (es, ts) in en.section.iter().zip(&tr.section) {
            out.push((es.title.clone(), ts.title.clone()));
            for (c, d) in es.chart.iter().zip(&ts.chart) {
                out.push((c.title.clone(), d.title.clone()));
            }
            for (c, d) in es.table.iter().zip(&ts.table) {
                out.push((c.title.clone(), d.title.clone()));
            }
        }
    }
    let w = words(lang.code());
    let en = &words::EN;
    for (a, b) in [
        (en.contents, w.contents),
        (en.figure, w.figure),
        (en.table, w.table),
        (en.source, w.source),
        (en.provider_flags, w.provider_flags),
        (en.reference_year, w.reference_year),
    ] {
        out.push((a.to_string(), b.to_string()));
    }
    out.retain(|(a, b)| a != b);
    out
}

fn assert_no_english_labels(html: &str, lang: Lang) {
    let texts = label_texts(html);
    let mut left = Vec::new();
    for (en, tr) in label_pairs(lang) {
        // A label is left in English when a labelling element says exactly it, or it with a
        // number, unit or section id around it ("A.6 Forced displacement", "Net migration (persons)").
        let english = texts
            .iter()
            .any(|t| t.contains(&en) && !t.contains(&tr) && !tr.contains(&en));
        if english {
            left.push(en);
        }
    }
    assert!(
        left.is_empty(),
        "{lang:?}: English labels left in the report: {left:?}"
    );
}

#[test]
fn german_profile_in_french_is_complete_and_french() {
    let b = build(&example("deu", "fr"));
    assert_no_english_labels(&b.html, Lang::Fr);
    // Every indicator title shown is the French one (key statistics and sections).
    for name in [
        "Population totale",
        "Stock de migrants internationaux",
        "Réfugiés accueillis",
        "Migration nette",
        "Envois de fonds personnels reçus",
        "Déplacements forcés",
        "Partie A : Tendances migratoires et caractéristiques des migrants",
    ] {
        assert!(b.text.contains(name), "missing French label {name:?}");
        assert!(
            b.markdown.contains(name),
            "missing French label {name:?} in Markdown"
        );
    }
    // French numbers: deu.toml, imm_inflow 2012 (OECD) = 965908.0 -> "965 908" with U+202F;
    // imm_stock 2020 (UN DESA IMS 2020) = 15762457 -> "15,8 millions de personnes".
    assert!(b.text.contains("965\u{202F}908\u{A0}personnes en 2012"));
    assert!(b.text.contains("15,8\u{A0}millions de personnes en 2020"));
    assert!(!b.text.contains("15.8 M persons"));
    // Tables: deu.toml imm_stock 2020 = 15762457.0 (UN DESA IMS 2020), in full.
    assert!(
        b.text.contains("15\u{202F}762\u{202F}457"),
        "French table value"
    );
    assert!(!b.text.contains("15,762,457"), "English table value left");
    // Key figures: short scales in French ("15,8 M", "21,2 Md USD").
    assert!(b.text.contains("15,8\u{A0}M"));
    // Plurals: deu.toml migrant_deaths 2017 = 2.0 and 2018 = 0.0 (Missing Migrants Project: no
    // incident recorded in Germany in 2018). French counts 0 as singular, English does not.
    assert!(
        b.text.contains("atteinte en 2017\u{A0}: 2\u{A0}personnes"),
        "plural of 2"
    );
    assert!(
        b.text
            .contains("disparus se situaient à 0\u{A0}personne en 2018"),
        "singular of 0"
    );
    // Gender and number of the subject: "Le stock", "La migration nette", "Les demandes".
    assert!(
        b.text
            .contains("Le stock de migrants internationaux se situait à")
    );
    assert!(b.text.contains("La migration nette se situait à"));
    assert!(b.text.contains("Les demandes d'asile se situaient à"));
    // Charts: French axes and legend, French tick numbers.
    let svg = b.svgs.join("\n");
    assert!(svg.contains("Année"), "French axis label");
    assert!(!svg.contains(">Year<"), "English axis label left");
    assert!(
        svg.contains("Source :") || svg.contains("Source\u{A0}:"),
        "French source line"
    );
    // French punctuation and names inside generated text, not only in the labels: a chart not
    // drawn names its breakdown in French ("par nationalité", not "par citizenship") after a
    // French colon, and the sources of a table are separated by " ; ".
    assert!(
        b.text
            .contains("Victimes de la traite identifiées, par nationalité\u{A0}: aucune valeur par nationalité"),
        "French breakdown and colon in a skipped chart"
    );
    assert!(!b.text.contains("par citizenship"));
    assert!(
        b.markdown.contains(
            "\u{A0}: Indicateurs du développement dans le monde\u{A0}; UN DESA, Division de la population\u{A0}: International Migrant Stock, International Migrant Stock 2020: Destination\u{A0}; UNHCR\u{A0}: Refugee Data Finder"
        ),
        "French list separator between a table's sources"
    );
}

#[test]
fn a_chart_split_in_parts_names_each_part_by_its_indicator() {
    // deu.toml: asylum applications in Germany (about 10^5) and by Germans abroad (about 10^2)
    // are drawn apart; each figure is named by its indicator alone, not "Asylum applications:
    // Asylum applications".
    let b = build(&example("deu", "en"));
    assert!(
        b.markdown.contains("- Figure 12: Asylum applications\n"),
        "{}",
        &b.markdown[..4000]
    );
    assert!(
        b.markdown
            .contains("- Figure 13: Asylum applications by nationals abroad\n")
    );
    assert!(b.markdown.contains("- Figure 2: Migrants recorded dead\n"));
    assert!(
        !b.markdown
            .contains("Asylum applications: Asylum applications")
    );
    assert!(!b.markdown.contains("dead and missing: Migrants"));
}

#[test]
fn mexican_profile_in_spanish_is_complete_and_spanish() {
    let b = build(&example("mex", "es"));
    assert_no_english_labels(&b.html, Lang::Es);
    for name in [
        "Población migrante internacional",
        "Población emigrante",
        "Remesas personales recibidas",
        "Solicitantes de asilo con casos pendientes",
        "Parte A: Tendencias migratorias y características de los migrantes",
    ] {
        assert!(b.text.contains(name), "missing Spanish label {name:?}");
    }
    // Spanish numbers: mex.toml imm_stock 2010 (UN DESA IMS 2020) = 969710.0 -> "969.710".
    assert!(b.text.contains("969.710\u{A0}personas en 2010"));
    assert!(b.text.contains("1,2\u{A0}millones de personas en 2020"));
    // Tables: mex.toml imm_stock 2020 = 1197624.0 (UN DESA IMS 2020), in full.
    assert!(b.text.contains("1.197.624"), "Spanish table value");
    assert!(!b.text.contains("1,197,624"), "English table value left");
    // Plurals: mex.toml returned_refugees 1996 = 1.0, 2000 = 6 (UNHCR popstats).
    assert!(b.text.contains("se situaban en 6\u{A0}personas en 2000"));
    assert!(
        b.text
            .contains("respecto de 1\u{A0}persona en 1996 (+5\u{A0}personas)")
    );
    // Gender: "La población migrante internacional", "Los refugiados acogidos".
    assert!(
        b.text
            .contains("La población migrante internacional se situaba en")
    );
    assert!(b.text.contains("Los refugiados acogidos se situaban en"));
    let svg = b.svgs.join("\n");
    assert!(svg.contains("Año"), "Spanish axis label");
    assert!(svg.contains("Fuente:"), "Spanish source line");
}

#[test]
fn english_report_is_unchanged_by_the_translations() {
    let b = build(&example("deu", "en"));
    assert!(
        b.text
            .contains("International migrant stock was 15.8 M persons in 2020")
    );
    assert!(!b.text.contains("Stock de migrants"));
}

#[test]
fn missing_translation_falls_back_to_english_and_check_lists_it() {
    let base = Catalogue::embedded().unwrap();
    let mut indicators = base.indicators.clone();
    let mut extra = base.indicator("imm_stock").unwrap().clone();
    extra.id = "imm_stock_test".to_string();
    extra.name = "Test stock in English".to_string();
    extra.definition = "A definition only in English.".to_string();
    extra.mapping.clear();
    indicators.push(extra);
    let mut providers = base.providers.clone();
    let mut lone = providers[0].clone();
    lone.id = "test_provider".to_string();
    lone.name = "Test provider in English".to_string();
    providers.push(lone);
    let catalogue = Catalogue::new(indicators, providers);
    let template = Template::iom().unwrap();
    // The report uses the English name and definition.
    let fr = i18n::localize_catalogue(&catalogue, Lang::Fr);
    assert_eq!(
        fr.indicator("imm_stock_test").unwrap().name,
        "Test stock in English"
    );
    assert_eq!(
        fr.indicator("imm_stock").unwrap().name,
        "Stock de migrants internationaux"
    );
    // `check` lists each missing key once, as a warning, not an error.
    let countries = Countries::embedded().unwrap();
    let profile = example("deu", "fr");
    let checked = check_profile_with(&catalogue, &countries, &template, &profile, "", "deu.toml");
    let lines: Vec<&String> = checked
        .warnings
        .iter()
        .filter(|w| w.contains("no translation"))
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].contains("warning: French: no translation of indicator `imm_stock_test` (name")
    );
    assert!(lines[1].contains("`imm_stock_test` (definition"));
    assert!(lines[2].contains("no translation of provider `test_provider` (name"));
    assert_eq!(
        fr.provider("test_provider").unwrap().name,
        "Test provider in English"
    );
    let first = &base.providers[0];
    assert_ne!(fr.provider(&first.id).unwrap().name, first.name);
    assert!(!checked.errors.iter().any(|e| e.contains("translation")));
    // The built-in catalogue and template are complete in both languages: nothing listed.
    let full = check_profile_with(&base, &countries, &template, &profile, "", "deu.toml");
    assert!(!full.warnings.iter().any(|w| w.contains("no translation")));
    // A language migprof does not know: one line, the report is in English.
    let de = example("deu", "de");
    let c = check_profile_with(&base, &countries, &template, &de, "", "deu.toml");
    assert_eq!(
        c.warnings
            .iter()
            .filter(|w| w.contains("language `de`"))
            .count(),
        1
    );
    assert_eq!(words("de").contents, "Contents");
}

#[test]
fn build_lang_option_overrides_the_profile_language() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("migprof")
        .unwrap()
        .args([
            "build",
            "profiles/mex.toml",
            "--lang",
            "es",
            "--format",
            "md",
            "--out",
        ])
        .arg(dir.path())
        .current_dir(root())
        .assert()
        .success();
    let md = std::fs::read_to_string(dir.path().join("mex/report.md")).unwrap();
    assert!(md.contains("Población migrante internacional"));
    assert!(md.contains("Estadísticas clave"));
    // An unknown language is a usage error (exit 2) that names the known ones.
    assert_cmd::Command::cargo_bin("migprof")
        .unwrap()
        .args(["build", "profiles/mex.toml", "--lang", "de", "--out"])
        .arg(dir.path())
        .current_dir(root())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown language `de` (known: en, fr, es)",
        ));
}

/// The drafted data action plan and the gap table speak the report's language: no English
/// action sentence, priority, timeframe or gap detail in the Mexican profile in French and in
/// Spanish, the data-system annex and its instrument-level actions included (provider,
/// agency and instrument names stay as they are published).
#[test]
fn drafted_actions_and_gaps_are_in_the_report_language() {
    for (lang, fill, high, months, no_value) in [
        (
            "fr",
            "Combler l'absence de données : ",
            "élevée",
            "3 mois",
            "aucune valeur dans le profil",
        ),
        (
            "es",
            "Subsanar la falta de datos: ",
            "alta",
            "3 meses",
            "ningún valor en el perfil",
        ),
    ] {
        let b = build(&example("mex", lang));
        let md = b.markdown.as_str();
        assert!(md.contains(fill), "{lang}: no translated action");
        assert!(md.contains(no_value), "{lang}: no translated gap detail");
        let plan_rows: Vec<&str> = md.lines().filter(|l| l.contains(fill)).collect();
        assert!(
            plan_rows
                .iter()
                .any(|r| r.contains(&format!("| {high} | {months} |"))),
            "{lang}: {:?}",
            plan_rows.first()
        );
        for english in [
            "Fill the missing",
            "Import the published series",
            "Request the official figures",
            "In this country: ask",
            "no value in the profile",
            "| high |",
            "| 3 months |",
            "national statistics office |",
            "The national migration data system",
            "Add (or complete) questions",
            "and record the answer in the profile's data system",
            "| next census round |",
            "| 24 months |",
            "does not collect",
            "| statistics office |",
            "| collected |",
        ] {
            assert!(
                !md.contains(english),
                "{lang}: English {english:?} left in the report"
            );
        }
    }
}

/// The fixed English text of every message (its text between the arguments, in every variant),
/// by message id: pieces of at least three words that the language's own message does not
/// also contain (a file name, a licence or an acronym stays the same in every language).
fn english_fragments(lang: Lang) -> Vec<(String, String)> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    fn texts(p: &Pattern<&str>, out: &mut Vec<String>) {
        for e in &p.elements {
            match e {
                PatternElement::TextElement { value } => out.push(value.to_string()),
                PatternElement::Placeable { expression } => match expression {
                    Expression::Select { variants, .. } => {
                        // Each variant is a piece of its own.
                        for v in variants {
                            out.push("\u{0}".into());
                            texts(&v.value, out);
                            out.push("\u{0}".into());
                        }
                    }
                    Expression::Inline(InlineExpression::StringLiteral { value }) => {
                        out.push(value.to_string())
                    }
                    Expression::Inline(_) => out.push("\u{0}".into()),
                },
            }
        }
    }
    fn messages(file: &str) -> Vec<(String, Vec<String>)> {
        let text =
            std::fs::read_to_string(root().join(format!("assets/i18n/{file}.ftl"))).expect("ftl");
        let res = fluent_syntax::parser::parse(text.as_str()).expect("ftl parses");
        res.body
            .iter()
            .filter_map(|e| match e {
                Entry::Message(m) => {
                    let mut out = Vec::new();
                    if let Some(p) = &m.value {
                        texts(p, &mut out);
                    }
                    // Placeables split the text into pieces.
                    let joined = out.join("");
                    let pieces = joined.split('\u{0}').map(str::to_string).collect();
                    Some((m.id.name.to_string(), pieces))
                }
                _ => None,
            })
            .collect()
    }
    let own: std::collections::HashMap<String, Vec<String>> =
        messages(lang.code()).into_iter().collect();
    let mut out = Vec::new();
    for (id, pieces) in messages("en") {
        let theirs = own.get(&id).map(|v| v.join(" ")).unwrap_or_default();
        for piece in pieces {
            let piece = piece
                .trim()
                .trim_matches(|c: char| ",;:.()".contains(c))
                .trim();
            if piece.split_whitespace().count() >= 3 && !theirs.contains(piece) {
                out.push((id.clone(), piece.to_string()));
            }
        }
    }
    out
}

/// All the text a reader of the report sees that migprof writes: the HTML's text and its
/// tooltips (the evidence of each quality score), and the Markdown, without the text the profile
/// and the registry supply as published (provider, dataset and agency names, footnotes, flags,
/// roles, narrative: these are in the language they were written in).
fn reader_text(b: &Built, p: &Profile) -> String {
    let doc = Html::parse_document(&b.html);
    let sel = Selector::parse("[title]").unwrap();
    let titles: Vec<&str> = doc
        .select(&sel)
        .filter_map(|e| e.value().attr("title"))
        .collect();
    let mut text = format!("{}\n{}\n{}", b.text, titles.join("\n"), b.markdown);
    let catalogue = Catalogue::embedded().unwrap();
    let mut supplied: Vec<String> = catalogue.providers.iter().map(|x| x.name.clone()).collect();
    for src in &p.sources {
        supplied.extend([src.dataset.clone(), src.licence.clone()]);
        supplied.extend([&src.notes, &src.citation].into_iter().flatten().cloned());
    }
    for o in &p.observations {
        supplied.extend(o.footnote.clone());
        supplied.extend(o.flags.iter().cloned());
    }
    for a in &p.agencies {
        supplied.extend([a.name.clone(), a.role.clone()]);
        supplied.extend(a.contact.clone());
    }
    for i in &p.instruments {
        supplied.extend([i.name.clone(), i.periodicity.clone()]);
    }
    supplied.extend(p.narrative.values().cloned());
    supplied.extend(p.data_system.iter().flat_map(|d| d.note.clone()));
    supplied.extend(p.front.disclaimer.clone());
    // Longest first, so that a name inside a longer text does not break it up.
    supplied.sort_by_key(|x| std::cmp::Reverse(x.len()));
    for x in supplied.iter().filter(|x| x.len() > 3) {
        text = text.replace(x.as_str(), "\u{0}");
    }
    text
}

/// No fixed English text of a message reaches a French or Spanish report: quality evidence
/// (tooltips and low-quality gap details), coherence reasons, the data-system annex, drafted
/// actions, the title; the text of each message is in the English catalogue, and the report
/// must show the language's own text instead.
#[test]
fn no_english_message_text_in_french_or_spanish_reports() {
    for (stem, lang) in [("mex", Lang::Fr), ("mex", Lang::Es), ("deu", Lang::Fr)] {
        let b = build(&example(stem, lang.code()));
        let profile = example(stem, lang.code());
        let text = reader_text(&b, &profile);
        // (message id, English text, where it was found)
        let left: Vec<(String, String, String)> = english_fragments(lang)
            .into_iter()
            .filter_map(|(id, piece)| {
                let at = text.find(piece.as_str())?;
                let from = text.floor_char_boundary(at.saturating_sub(80));
                let to = text.ceil_char_boundary((at + piece.len() + 40).min(text.len()));
                Some((id, piece, text[from..to].to_string()))
            })
            .collect();
        assert!(
            left.is_empty(),
            "{stem} in {lang:?}: English left: {left:#?}"
        );
        // The fragments do find English: the English report has them.
        if stem == "mex" && lang == Lang::Fr {
            let en = reader_text(&build(&example(stem, "en")), &example(stem, "en"));
            let found: Vec<String> = english_fragments(lang)
                .into_iter()
                .filter(|(_, piece)| en.contains(piece.as_str()))
                .map(|(id, _)| id)
                .collect();
            for id in [
                "ev-age",
                "ev-fam-international",
                "rs-revisions",
                "sys-gap-not",
                "sys-act-ask",
            ] {
                assert!(found.iter().any(|f| f == id), "{id} not found in English");
            }
        }
        // The title of a profile titled as `migprof new` titles it is in the language.
        let title = match lang {
            Lang::Es => "Perfil migratorio: México",
            _ => "Profil migratoire : Mexique",
        };
        if stem == "mex" {
            assert!(
                b.markdown.starts_with(&format!("# {title}")),
                "{}",
                &b.markdown[..80]
            );
        }
        assert!(
            !text.contains("Migration Profile:"),
            "{stem} {lang:?}: English title"
        );
    }
}

#[test]
fn english_sentences_put_the_before_names_that_take_it() {
    // deu.toml: the three largest destinations of German emigrants (World Bank and KNOMAD,
    // 2021) are the United States, Switzerland and the United Kingdom; tables and charts print
    // the names alone, sentences as English writes them.
    let b = build(&example("deu", "en"));
    assert!(
        b.markdown.contains(
            "Their main countries of destination were the United States of America, Switzerland and the United Kingdom (2021"
        ),
        "destinations with their articles"
    );
    assert!(
        b.markdown.contains("| United States of America |"),
        "table name alone"
    );
    // The profile's own country in a sentence: the German values relabelled as the Netherlands'.
    let mut p = example("deu", "en");
    p.meta.country = "NLD".into();
    let b = build(&p);
    assert!(
        b.markdown
            .contains("International migrants living in the Netherlands numbered"),
        "the profile's country with its article"
    );
    // French and Spanish sentences are built without the name's article ("le pays", "des pays
    // suivants :"): unchanged.
    let b = build(&example("deu", "fr"));
    assert!(
        b.markdown
            .contains("Pologne, Türkiye et Fédération de Russie")
    );
}

/// Providers are named in the report's language ("Banque mondiale\u{A0}: Indicateurs du
/// développement dans le monde", "Instituto nacional de estadística: censo de población y
/// vivienda"), a translated name not followed by its English title, and no translated
/// provider's English name is left in the text.
#[test]
fn providers_are_named_in_the_report_language() {
    let catalogue = Catalogue::embedded().unwrap();
    for (stem, lang, wdi, census) in [
        (
            "deu",
            Lang::Fr,
            "Banque mondiale\u{A0}: Indicateurs du développement dans le monde",
            "Institut national de statistique\u{A0}: recensement de la population et de l'habitat",
        ),
        (
            "mex",
            Lang::Es,
            "Banco Mundial: Indicadores del desarrollo mundial",
            "Instituto nacional de estadística: censo de población y vivienda",
        ),
    ] {
        let b = build(&example(stem, lang.code()));
        let md = b.markdown.as_str();
        assert!(md.contains(wdi), "{lang:?}: {wdi:?} not in the report");
        assert!(
            md.contains(census),
            "{lang:?}: {census:?} not in the report"
        );
        assert!(
            !md.contains(&format!("{wdi}, World Development Indicators")),
            "{lang:?}: the translated name followed by its English title"
        );
        let local = i18n::localize_catalogue(&catalogue, lang);
        for (en, tr) in catalogue.providers.iter().zip(&local.providers) {
            if en.name != tr.name {
                assert!(
                    !b.text.contains(&en.name) && !md.contains(&en.name),
                    "{lang:?}: English provider name {:?} left in the report",
                    en.name
                );
            }
        }
    }
}
