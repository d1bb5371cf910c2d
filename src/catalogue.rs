//! The indicator catalogue and the source registry (`indicators/*.toml`).
//!
//! Both are data: adding an indicator or a provider needs no code change. The repository's copy
//! is embedded in the binary; a user directory with the same file names overrides it.

use crate::error::{DataError, Location};
use crate::model::Family;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const INDICATORS_FILE: &str = "indicators.toml";
pub const REGISTRY_FILE: &str = "registry.toml";
pub const COUNTRIES_FILE: &str = "countries.toml";

const EMBEDDED_INDICATORS: &str = include_str!("../indicators/indicators.toml");
const EMBEDDED_REGISTRY: &str = include_str!("../indicators/registry.toml");

/// Units of measure. The unit decides which values are impossible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Persons,
    Percent,
    Usd,
    UsdMillion,
    Per1000,
    Per100000,
    Ratio,
    Count,
    Events,
    Movements,
    Score,
    Year,
}

impl Unit {
    /// Short label used on chart axes and in tables.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Persons => "persons",
            Unit::Percent => "%",
            Unit::Usd => "US$",
            Unit::UsdMillion => "US$ million",
            Unit::Per1000 => "per 1,000",
            Unit::Per100000 => "per 100,000",
            Unit::Ratio => "ratio",
            Unit::Count => "count",
            Unit::Events => "events",
            Unit::Movements => "movements",
            Unit::Score => "score",
            Unit::Year => "year",
        }
    }

    /// Whether a count of people/events: suppression of small cells applies to these.
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Unit::Persons | Unit::Count | Unit::Events | Unit::Movements
        )
    }
}

/// The role of the profiled country in a provider's rows (see [`Mapping::role`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The country reports about itself (population, net migration, remittances received).
    Reporter,
    /// The country where migrants live or arrive (immigrant stock, inflows).
    Destination,
    /// The country of asylum or host of refugees and asylum seekers.
    Asylum,
    /// The country people come from or belong to (emigrants, refugees from, returns to it).
    Origin,
}

impl Role {
    pub fn id(self) -> &'static str {
        match self {
            Role::Reporter => "reporter",
            Role::Destination => "destination",
            Role::Asylum => "asylum",
            Role::Origin => "origin",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Stock,
    Flow,
    Rate,
    Share,
    Money,
    Count,
    Score,
}

/// How one provider series maps onto a catalogue indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Registry provider id.
    pub provider: String,
    /// Import format id (see [`crate::ingest::Format`]).
    pub format: String,
    /// The provider's series code or column name (`SM.POP.NETM`, `Refugees under UNHCR's mandate`,
    /// `B11`, `CNMIGRAT`, `Table 1` ...).
    pub series: String,
    /// Which part the profiled country plays in the rows this mapping reads: the country where
    /// the people are (`destination`, `asylum`/host), where they come from (`origin`), or the
    /// country that reports the figure about itself (`reporter`: population, remittances
    /// received, net migration). Imports choose rows by it. Required in catalogue files (the
    /// loader refuses a mapping without one); `None` only in catalogues built in code, where
    /// importers take the format's usual side (the reporter, or the country of asylum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Format-specific filters that select rows or columns: SDMX dimension codes, Eurostat
    /// labels, the sex block of a workbook, the WPP variant ... (never the role: see `role`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub filter: BTreeMap<String, String>,
    /// For a breakdown dimension the filter leaves free, the code that means "all" when it is
    /// not the usual total code (`_T`, `TOTAL`, World): OECD's `CITIZENSHIP = "W"`, ISTAT's
    /// `CITIZENSHIP = "FOR"` (all foreign citizens, where `TOTAL` would count nationals too).
    /// Other totals and aggregates of that dimension are then left out as aggregates.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub totals: BTreeMap<String, String>,
    /// Multiply the published value by this (e.g. 1000 for "thousands").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
    /// The population concept of the values the series gives (`foreign_citizen`,
    /// `foreign_born`, `all_citizenships`), where the catalogue knows it and the file does not
    /// say: set on every value the mapping reads (the UNHCR and Missing Migrants importers do
    /// not read it yet; their mappings state none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub definition: String,
    pub unit: Unit,
    pub kind: Kind,
    /// Home section id in the template, e.g. `A.2`, `KS`, `B.2`.
    pub section: String,
    /// Other sections that also show it.
    #[serde(default)]
    pub also_in: Vec<String>,
    /// Allowed disaggregation dimensions: `sex`, `age`, `origin`, `destination`, `citizenship`, ...
    #[serde(default)]
    pub disaggregations: Vec<String>,
    /// Population concept where it matters (`foreign_born`, `foreign_citizen`, ...).
    #[serde(default)]
    pub concept: Option<String>,
    /// May the value be negative (net migration)?
    #[serde(default)]
    pub signed: bool,
    #[serde(default)]
    pub sdg: Vec<String>,
    /// Global Compact for Migration objectives.
    #[serde(default)]
    pub gcm: Vec<String>,
    /// Part of the key statistics box.
    #[serde(default)]
    pub key: bool,
    /// The name is plural ("Asylum applications"): sentences say "were", not "was".
    #[serde(default)]
    pub plural: bool,
    #[serde(default)]
    pub mapping: Vec<Mapping>,
}

impl Indicator {
    /// Is this an SDG or Global Compact indicator (ranks higher as a gap)?
    pub fn is_tagged(&self) -> bool {
        !self.sdg.is_empty() || !self.gcm.is_empty()
    }
}

/// One provider in the source registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub id: String,
    pub name: String,
    /// At most [`Provider::SHORT_MAX`] characters: the name in a narrow list (the TUI's
    /// sources); [`Provider::label`] falls back to the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    pub family: Family,
    /// What it publishes.
    pub publishes: String,
    /// Where a user gets it.
    pub access: String,
    pub licence: String,
    /// Import format ids that read its files.
    #[serde(default)]
    pub formats: Vec<String>,
    /// Indicator ids it usually covers.
    #[serde(default)]
    pub covers: Vec<String>,
    #[serde(default)]
    pub caveats: String,
    #[serde(default)]
    pub url: Option<String>,
    /// The registry's (English) name when `name` is a translation (see
    /// `i18n::localize_catalogue`): what a dataset's title is compared with.
    #[serde(skip)]
    pub english_name: Option<String>,
}

impl Provider {
    /// The most characters a short name has (the TUI's list of sources is 30 columns wide
    /// after its mark).
    pub const SHORT_MAX: usize = 30;

    /// The name to show where there is little room: the short name, else the name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorsFile {
    #[serde(default)]
    indicator: Vec<Indicator>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    #[serde(default)]
    provider: Vec<Provider>,
}

/// The catalogue of indicators plus the registry of providers.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub indicators: Vec<Indicator>,
    pub providers: Vec<Provider>,
    by_id: BTreeMap<String, usize>,
    provider_by_id: BTreeMap<String, usize>,
    /// The recommended migration topics of a catalogue directory's `topics.toml`; `None`: the
    /// embedded copy ([`Catalogue::topics`]).
    topics: Option<std::sync::Arc<crate::system::topics::Topics>>,
}

impl Catalogue {
    /// The copy built into the binary.
    pub fn embedded() -> Result<Catalogue, DataError> {
        Catalogue::from_strs(
            EMBEDDED_INDICATORS,
            "indicators/indicators.toml",
            EMBEDDED_REGISTRY,
            "indicators/registry.toml",
        )
    }

    /// Load from a directory; files missing there fall back to the embedded copy.
    pub fn load_dir(dir: &Path) -> Result<Catalogue, DataError> {
        let ind_path = dir.join(INDICATORS_FILE);
        let reg_path = dir.join(REGISTRY_FILE);
        let ind = read_or(&ind_path, EMBEDDED_INDICATORS)?;
        let reg = read_or(&reg_path, EMBEDDED_REGISTRY)?;
        let mut catalogue = Catalogue::from_strs(
            &ind,
            &ind_path.display().to_string(),
            &reg,
            &reg_path.display().to_string(),
        )?;
        if dir.join(crate::system::topics::TOPICS_FILE).exists() {
            let topics = crate::system::topics::Topics::load_dir(dir)?;
            catalogue.topics = Some(std::sync::Arc::new(topics));
        }
        Ok(catalogue)
    }

    /// The recommended migration topics: the catalogue directory's `topics.toml` when it has
    /// one, else the embedded copy.
    pub fn topics(&self) -> Result<&crate::system::topics::Topics, DataError> {
        match &self.topics {
            Some(t) => Ok(t),
            None => crate::system::topics::Topics::builtin(),
        }
    }

    /// This catalogue with other topics (tests, and callers that load topics themselves).
    pub fn with_topics(mut self, topics: crate::system::topics::Topics) -> Catalogue {
        self.topics = Some(std::sync::Arc::new(topics));
        self
    }

    pub fn from_strs(
        indicators: &str,
        ind_name: &str,
        registry: &str,
        reg_name: &str,
    ) -> Result<Catalogue, DataError> {
        let ind: IndicatorsFile =
            toml::from_str(indicators).map_err(|e| DataError::toml(ind_name, indicators, e))?;
        let reg: RegistryFile =
            toml::from_str(registry).map_err(|e| DataError::toml(reg_name, registry, e))?;
        check_roles(&ind.indicator, indicators, ind_name)?;
        Ok(Catalogue::new(ind.indicator, reg.provider))
    }

    pub fn new(indicators: Vec<Indicator>, providers: Vec<Provider>) -> Catalogue {
        let by_id = indicators
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i))
            .collect();
        let provider_by_id = providers
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i))
            .collect();
        Catalogue {
            indicators,
            providers,
            by_id,
            provider_by_id,
            topics: None,
        }
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.by_id.get(id).map(|&i| &self.indicators[i])
    }

    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.provider_by_id.get(id).map(|&i| &self.providers[i])
    }

    /// Indicators whose home section or `also_in` is `section`.
    pub fn in_section<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators
            .iter()
            .filter(move |i| i.section == section || i.also_in.iter().any(|s| s == section))
    }

    pub fn providers_in(&self, family: Family) -> impl Iterator<Item = &Provider> + '_ {
        self.providers.iter().filter(move |p| p.family == family)
    }

    /// Every mapping for an import format: `(indicator, mapping)`.
    pub fn mappings_for_format<'a>(
        &'a self,
        format: &'a str,
    ) -> impl Iterator<Item = (&'a Indicator, &'a Mapping)> + 'a {
        self.indicators.iter().flat_map(move |ind| {
            ind.mapping
                .iter()
                .filter(move |m| m.format == format)
                .map(move |m| (ind, m))
        })
    }

    /// Providers that could fill an indicator: those whose `covers` names it or that have a mapping.
    pub fn providers_for(&self, indicator: &str) -> Vec<&Provider> {
        let mapped: Vec<&str> = self
            .indicator(indicator)
            .map(|i| i.mapping.iter().map(|m| m.provider.as_str()).collect())
            .unwrap_or_default();
        self.providers
            .iter()
            .filter(|p| p.covers.iter().any(|c| c == indicator) || mapped.contains(&p.id.as_str()))
            .collect()
    }

    /// Nearest indicator id, for "did you mean" hints.
    pub fn suggest_indicator(&self, id: &str) -> Option<&str> {
        crate::error::nearest(id, self.indicators.iter().map(|i| i.id.as_str()))
    }

    pub fn suggest_provider(&self, id: &str) -> Option<&str> {
        crate::error::nearest(id, self.providers.iter().map(|p| p.id.as_str()))
    }
}

/// Every mapping must say which part the profiled country plays in the provider's rows
/// ([`Mapping::role`]); a `role` inside `filter` (the old place) is refused too, so rows are
/// chosen by one field only. The error points at the indicator's `id` line.
fn check_roles(indicators: &[Indicator], text: &str, name: &str) -> Result<(), DataError> {
    for ind in indicators {
        for (n, m) in ind.mapping.iter().enumerate() {
            let problem = if m.filter.contains_key("role") {
                Some(format!(
                    "indicator `{}`: mapping {} ({} `{}`) has `filter.role`; write `role = \"{}\"` on the mapping instead",
                    ind.id,
                    n + 1,
                    m.format,
                    m.series,
                    m.filter.get("role").map_or("", String::as_str)
                ))
            } else if m.role.is_none() {
                Some(format!(
                    "indicator `{}`: mapping {} ({} `{}`) has no `role`; say which part the profiled country plays in the rows: role = \"reporter\" | \"destination\" | \"asylum\" | \"origin\"",
                    ind.id,
                    n + 1,
                    m.format,
                    m.series
                ))
            } else {
                None
            };
            if let Some(message) = problem {
                return Err(DataError::Toml {
                    path: name.to_string(),
                    location: id_location(text, &ind.id),
                    message,
                });
            }
        }
    }
    Ok(())
}

/// Where `id = "<id>"` stands in the catalogue text (line 1 when not found).
fn id_location(text: &str, id: &str) -> Location {
    let needle = format!("\"{id}\"");
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.starts_with("id") && t.contains(&needle)
        })
        .map_or(Location { line: 1, column: 1 }, |i| Location {
            line: i + 1,
            column: 1,
        })
}

/// A catalogue file of the user's directory (a regular file of bounded size, like a profile:
/// a FIFO or `/dev/zero` is refused, not read), or the embedded one when it is absent.
fn read_or(path: &Path, fallback: &str) -> Result<String, DataError> {
    let read = crate::profile::read_bounded(path, crate::profile::MAX_FILE_BYTES).and_then(|b| {
        String::from_utf8(b).map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the file is not valid UTF-8",
            )
        })
    });
    match read {
        Ok(s) => Ok(s),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(fallback.to_string()),
        Err(e) => Err(DataError::Io {
            path: path.display().to_string(),
            source: e,
        }),
    }
}
