//! Shared fixtures for the TUI tests: a small catalogue, country table and template held here,
//! so the snapshots do not change when the embedded data grows.
#![allow(dead_code)]

use migprof::catalogue::Catalogue;
use migprof::country::Countries;
use migprof::model::{Observation, Source};
use migprof::profile::{ActionItem, Profile, ProfileFile};
use migprof::template::Template;
use migprof::tui::action::{Action, Effect, Opened};
use migprof::tui::app::{App, Options};
use migprof::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const COUNTRIES: &str = r#"
[[country]]
iso3 = "DEU"
iso2 = "DE"
m49 = 276
name = "Germany"
region = "Europe"
subregion = "Western Europe"
[[country]]
iso3 = "MAR"
iso2 = "MA"
m49 = 504
name = "Morocco"
region = "Africa"
subregion = "Northern Africa"
[[country]]
iso3 = "MEX"
iso2 = "MX"
m49 = 484
name = "Mexico"
region = "Americas"
subregion = "Central America"
[[country]]
iso3 = "PHL"
iso2 = "PH"
m49 = 608
name = "Philippines"
region = "Asia"
subregion = "South-eastern Asia"
[[aggregate]]
code = "WLD"
name = "World"
"#;

pub const INDICATORS: &str = r#"
[[indicator]]
id = "net_migration"
name = "Net migration"
definition = "Immigrants minus emigrants over a period."
unit = "persons"
kind = "flow"
section = "B.1"
also_in = ["KS"]
signed = true
key = true
[[indicator.mapping]]
provider = "world_bank_wdi"
format = "worldbank_api"
series = "SM.POP.NETM"
role = "reporter"

[[indicator]]
id = "imm_stock"
name = "International migrant stock"
definition = "International migrants living in the country at mid-year."
unit = "persons"
kind = "stock"
section = "A.2"
disaggregations = ["sex", "age", "origin"]
sdg = ["10.7"]
key = true

[[indicator]]
id = "refugees_in"
name = "Refugees hosted"
definition = "Refugees under UNHCR's mandate living in the country."
unit = "persons"
kind = "stock"
section = "A.3"

[[indicator]]
id = "remit_in"
name = "Personal remittances received"
definition = "Personal transfers and compensation of employees received."
unit = "usd"
kind = "money"
section = "B.2"
"#;

pub const REGISTRY: &str = r#"
[[provider]]
id = "inegi"
name = "National statistics office (INEGI)"
family = "government"
publishes = "Census and survey tables on migration."
access = "inegi.org.mx: downloadable tables"
licence = "Open data terms of INEGI"
formats = ["generic"]
covers = ["imm_stock"]

[[provider]]
id = "colmex"
name = "Academic survey programme"
family = "academia"
publishes = "Survey estimates of return migration."
access = "Project website"
licence = "CC BY 4.0"

[[provider]]
id = "redodem"
name = "Migrant shelter network"
family = "civil_society"
publishes = "Records of migrants assisted in shelters."
access = "Annual reports (PDF)"
licence = "All rights reserved"
caveats = "Counts of people assisted, not of migrants."

[[provider]]
id = "world_bank_wdi"
name = "World Bank, World Development Indicators"
family = "international"
publishes = "Development indicators including net migration and remittances."
access = "data.worldbank.org: per-indicator CSV download"
licence = "CC BY 4.0"
formats = ["worldbank_api", "wdi_bulk", "databank"]
covers = ["net_migration", "remit_in"]
url = "https://data.worldbank.org"

[[provider]]
id = "unhcr_rdf"
name = "UNHCR Refugee Data Finder"
family = "international"
publishes = "Refugees, asylum-seekers and stateless people by country."
access = "unhcr.org/refugee-statistics/download"
licence = "CC BY 4.0"
formats = ["unhcr_rdf"]
covers = ["refugees_in"]

[[provider]]
id = "meta_mobility"
name = "Mobile phone mobility data"
family = "non_traditional"
publishes = "Aggregated movements between areas."
access = "Data for Good partnership"
licence = "Restricted"
"#;

pub const TEMPLATE: &str = r#"
id = "iom"
name = "IOM Migration Profile"

[[part]]
id = "front"
title = "Front matter"
[[part.section]]
id = "KS"
title = "Key statistics"
optional = false
indicators = ["net_migration", "imm_stock"]
prompt = "Which figures best summarise the country's migration situation?"

[[part]]
id = "A"
title = "Migration trends"
[[part.section]]
id = "A.2"
title = "Immigrants"
indicators = ["imm_stock"]
prompt = "Who are the immigrants, where do they come from?"
[[part.section]]
id = "A.3"
title = "Refugees"
default = false
indicators = ["refugees_in"]
prompt = "How many refugees does the country host?"

[[part]]
id = "B"
title = "Impacts"
[[part.section]]
id = "B.1"
title = "Population"
indicators = ["net_migration"]
prompt = "How does migration change the population?"
[[part.section]]
id = "B.2"
title = "Remittances"
indicators = ["remit_in"]
prompt = "How large are remittances?"
"#;

pub fn options(no_color: bool, ascii: bool) -> Options {
    Options { no_color, ascii }
}

/// An app with the fixtures and no profile.
pub fn bare_app(opts: Options) -> App {
    let catalogue = Catalogue::from_strs(INDICATORS, "indicators.toml", REGISTRY, "registry.toml")
        .expect("fixture catalogue");
    let countries = Countries::from_str(COUNTRIES, "countries.toml").expect("fixture countries");
    let template = Template::from_str(TEMPLATE, "iom.toml").expect("fixture template");
    App::new(catalogue, countries, template, opts, "2026-01-15")
}

/// A Mexico profile with two sources, a series, narrative text and an action.
pub fn profile() -> Profile {
    let mut p = Profile::new(
        "MEX",
        "Mexico",
        2024,
        vec!["A.2".into(), "B.1".into(), "B.2".into()],
    );
    p.sources.push(Source {
        id: "wb_netm".into(),
        provider: "world_bank_wdi".into(),
        dataset: "Net migration (SM.POP.NETM)".into(),
        file: Some("data/API_SM.POP.NETM.csv".into()),
        format: Some("worldbank_api".into()),
        sha256: Some("ab".repeat(32)),
        retrieved: Some("2025-06-01".into()),
        licence: "CC BY 4.0".into(),
        ..Source::default()
    });
    p.sources.push(Source {
        id: "inegi_census".into(),
        provider: "inegi".into(),
        dataset: "Census 2020".into(),
        licence: "Open data terms of INEGI".into(),
        citation: Some("INEGI (2021), Censo de Poblacion y Vivienda 2020.".into()),
        ..Source::default()
    });
    let values = [
        -60000.0, -45000.0, -52000.0, -30000.0, -12000.0, -8000.0, 5000.0, -20000.0, -51000.0,
    ];
    for (i, v) in values.iter().enumerate() {
        p.observations.push(Observation::new(
            "net_migration",
            &(2015 + i).to_string(),
            *v,
            "wb_netm",
        ));
    }
    p.observations.push(Observation::new(
        "imm_stock",
        "2010",
        961121.0,
        "inegi_census",
    ));
    p.narrative.insert(
        "KS".into(),
        "Mexico is a country of origin, transit and destination.".into(),
    );
    p.actions.push(ActionItem {
        indicator: "refugees_in".into(),
        action: "Import the UNHCR Refugee Data Finder export".into(),
        responsible: "national statistics office".into(),
        priority: "high".into(),
        timeframe: "6 months".into(),
        providers: vec!["unhcr_rdf".into()],
        generated: false,
        ..Default::default()
    });
    p
}

/// Open `file` in `app` as the worker would have read it; the effects that follow.
pub fn open(app: &mut App, file: ProfileFile) -> Vec<Effect> {
    update(
        app,
        Action::Opened(Ok(Box::new(Opened {
            file,
            recovery: None,
        }))),
    )
}

/// An app with the fixture profile open (already saved: not dirty).
pub fn app_with(opts: Options) -> App {
    let mut app = bare_app(opts);
    let p = profile();
    let text = p.to_toml().expect("toml");
    let mut file = ProfileFile::create(std::path::Path::new("profiles/mex.toml"), p);
    file.original = text;
    let fx = open(&mut app, file);
    assert!(fx.is_empty(), "a saved profile needs no autosave: {fx:?}");
    app.status = None;
    app
}

pub fn app() -> App {
    app_with(options(false, false))
}

/// Feed actions, collecting the effects.
pub fn feed(app: &mut App, actions: Vec<Action>) -> Vec<Effect> {
    let mut all = Vec::new();
    for a in actions {
        all.extend(update(app, a));
    }
    all
}

pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| migprof::tui::view::view(app, f)).expect("draw");
    t
}

/// The screen as text lines.
pub fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
