//! The provider APIs `migprof fetch` knows: how to name a dataset and build its request URL.
//!
//! Documentation relied on (read through the documentation search, 2026-12):
//! - World Bank Indicators API v2: `GET /v2/country/{country}/indicator/{indicator}`, with
//!   `downloadformat=csv` a zip holding `API_{indicator}_…csv` plus its `Metadata_Country_…` and
//!   `Metadata_Indicator_…` companions (the layout the `worldbank_api` importer reads); the
//!   country may be given as ISO3 (the R `worldbank` client's `wb_country_indicator` source URL).
//! - UNHCR Refugee Population Statistics API: `GET /population/v1/population/` with `coa` (country
//!   of asylum), `coo` (country of origin), `cf_type=ISO` (codes are ISO3, not UNHCR's `GFR`),
//!   `yearFrom`, `yearTo`, `limit`, `page`; the answer is `{"page", "maxPages", "items": [...]}`,
//!   one item per year (x partner) with `year`, `coo_name`, `coo_iso`, `coa_name`, `coa_iso`,
//!   `refugees`, `asylum_seekers`, `returned_refugees`, `idps`, `returned_idps`, `stateless`,
//!   `ooc`, `oip`, `hst` (the R `refugees` package's `population` documentation).
//! - Eurostat SDMX 3.0 API, data query: `{entry}/sdmx/3.0/data/dataflow/ESTAT/{id}/{version}/{key}`
//!   with `c[dim]=code` filters and `format=csvdata&formatVersion=2.0` (SDMX-CSV 2.0), from
//!   Eurostat's "API - Detailed guidelines - SDMX3.0 API - data query" page.
//! - OECD SDMX REST (Data Explorer): `https://sdmx.oecd.org/public/rest/data/{agency},{flow},
//!   {version}/{key}` with `format=csvfilewithlabels` (SDMX-CSV 2.0 with a label column after
//!   each code column, the layout of the OECD file in `../shared/data/oecd`); the key has one
//!   position per dimension, separated by dots, empty for all.
//! - ILOSTAT SDMX web service: base `https://sdmx.ilo.org/rest` (the ILO's notice moving it from
//!   `www.ilo.org/sdmx/rest`), `data/ILO,DF_{indicator},1.0/{key}?format=csv` (ILOSTAT SDMX API
//!   reference guide V4.1; keys such as `ARG.Q..AGE_5YRBANDS_TOTAL`: area, frequency, then one
//!   position per classification of the indicator).

use super::FetchError;
use crate::catalogue::Catalogue;
use crate::country::Country;

/// A provider API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    WorldBank,
    Unhcr,
    Eurostat,
    Oecd,
    Ilostat,
}

/// What a response is, for the file name and the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// A zip archive (World Bank `downloadformat=csv`): unpacked beside it, its data file imported.
    Zip,
    Json,
    Csv,
}

impl Body {
    pub fn ext(self) -> &'static str {
        match self {
            Body::Zip => "zip",
            Body::Json => "json",
            Body::Csv => "csv",
        }
    }
}

/// A request ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub api: Api,
    /// The dataset as named in the saved file (`SM.POP.NETM`, `population`, `migr_asyappctza`).
    pub dataset: String,
    pub url: String,
    /// `Accept` header value.
    pub accept: &'static str,
    pub body: Body,
}

/// OECD dataflows known by a short name: (short name, `agency,flow,version`, dimensions).
/// DSD_MIG has eight dimensions (REF_AREA, CITIZENSHIP, FREQ, MEASURE, SEX, BIRTH_PLACE,
/// EDUCATION_LEV, UNIT_MEASURE: the code columns before TIME_PERIOD in the OECD export), the
/// reference area first.
const OECD_FLOWS: &[(&str, &str, usize)] = &[("DF_MIG", "OECD.ELS.IMD,DSD_MIG@DF_MIG,1.0", 8)];

/// The UNHCR datasets: the profile country as country of asylum, or as country of origin.
const UNHCR_DATASETS: &[(&str, &str)] = &[("population", "coa"), ("population-origin", "coo")];

impl Api {
    pub const ALL: [Api; 5] = [
        Api::WorldBank,
        Api::Unhcr,
        Api::Eurostat,
        Api::Oecd,
        Api::Ilostat,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Api::WorldBank => "worldbank",
            Api::Unhcr => "unhcr",
            Api::Eurostat => "eurostat",
            Api::Oecd => "oecd",
            Api::Ilostat => "ilostat",
        }
    }

    /// The registry provider whose data the API serves.
    pub fn registry_provider(self) -> &'static str {
        match self {
            Api::WorldBank => "world_bank_wdi",
            Api::Unhcr => "unhcr_refugee_data_finder",
            Api::Eurostat => "eurostat",
            Api::Oecd => "oecd_imd",
            Api::Ilostat => "ilostat",
        }
    }

    /// By its id, or by the registry id of its provider.
    pub fn from_id(s: &str) -> Option<Api> {
        let s = s.trim().to_ascii_lowercase();
        Api::ALL
            .into_iter()
            .find(|a| a.id() == s || a.registry_provider() == s)
    }

    /// The public entry point, used unless a base URL is given.
    pub fn default_base(self) -> &'static str {
        match self {
            Api::WorldBank => "https://api.worldbank.org",
            Api::Unhcr => "https://api.unhcr.org",
            Api::Eurostat => "https://ec.europa.eu/eurostat/api/dissemination",
            Api::Oecd => "https://sdmx.oecd.org/public/rest",
            Api::Ilostat => "https://sdmx.ilo.org/rest",
        }
    }
}

/// Characters allowed as they are in a dataset code put into a URL path.
fn code_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | ','))
}

/// Build the request for `dataset` of `country` from `api`, at `base` (default: the public
/// entry point). The dataset is checked against the catalogue where the catalogue names the
/// provider's series, so that a fetch never downloads what no mapping reads.
pub fn prepare(
    api: Api,
    dataset: &str,
    country: &Country,
    reference_year: Option<i32>,
    base: Option<&str>,
    catalogue: &Catalogue,
) -> Result<Prepared, FetchError> {
    let base = base.unwrap_or(api.default_base()).trim_end_matches('/');
    if !(base.starts_with("http://") || base.starts_with("https://")) {
        return Err(FetchError::Usage(format!(
            "base URL {base:?} is not an http:// or https:// URL"
        )));
    }
    let dataset = dataset.trim();
    let iso3 = country.iso3.to_ascii_uppercase();
    let p = |dataset: String, url: String, accept: &'static str, body: Body| Prepared {
        api,
        dataset,
        url,
        accept,
        body,
    };
    match api {
        Api::WorldBank => {
            let code = world_bank_series(dataset, catalogue)?;
            let url = format!("{base}/v2/country/{iso3}/indicator/{code}?downloadformat=csv");
            Ok(p(code, url, "application/zip, */*", Body::Zip))
        }
        Api::Unhcr => {
            let Some((name, param)) = UNHCR_DATASETS
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(dataset))
            else {
                return Err(FetchError::Usage(format!(
                    "unhcr: unknown dataset {dataset:?}; one of: {}",
                    UNHCR_DATASETS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            };
            let to = reference_year
                .map(|y| format!("&yearTo={y}"))
                .unwrap_or_default();
            let url = format!(
                "{base}/population/v1/population/?cf_type=ISO&{param}={iso3}&yearFrom=1951{to}&limit=10000&page=1"
            );
            Ok(p(name.to_string(), url, "application/json", Body::Json))
        }
        Api::Eurostat => {
            let code = sdmx_series(api, dataset, catalogue)?;
            let geo = eurostat_geo(country);
            // `c[geo]` percent-encoded: brackets are not allowed unescaped in a URL query.
            let url = format!(
                "{base}/sdmx/3.0/data/dataflow/ESTAT/{}/1.0/*?c%5Bgeo%5D={geo}&format=csvdata&formatVersion=2.0&compress=false",
                code.to_ascii_lowercase()
            );
            Ok(p(
                code.to_ascii_lowercase(),
                url,
                "application/vnd.sdmx.data+csv;version=2.0.0",
                Body::Csv,
            ))
        }
        Api::Oecd => {
            let Some((short, flow, dims)) = OECD_FLOWS
                .iter()
                .find(|(s, f, _)| s.eq_ignore_ascii_case(dataset) || *f == dataset)
            else {
                return Err(FetchError::Usage(format!(
                    "oecd: unknown dataset {dataset:?}; one of: {}",
                    OECD_FLOWS
                        .iter()
                        .map(|(s, f, _)| format!("{s} ({f})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            };
            if !catalogue
                .mappings_for_format("sdmx_csv")
                .any(|(_, m)| m.provider == api.registry_provider())
            {
                return Err(FetchError::Usage(format!(
                    "oecd: the catalogue maps no SDMX-CSV series of {}; nothing to fetch",
                    api.registry_provider()
                )));
            }
            let key = format!("{iso3}{}", ".".repeat(dims.saturating_sub(1)));
            let url = format!("{base}/data/{flow}/{key}?format=csvfilewithlabels");
            Ok(p(
                short.to_string(),
                url,
                "application/vnd.sdmx.data+csv; charset=utf-8; labels=both",
                Body::Csv,
            ))
        }
        Api::Ilostat => {
            let code = dataset.trim_start_matches("DF_").to_ascii_uppercase();
            if !code_ok(&code) || code.contains([',', '@', '.']) {
                return Err(FetchError::Usage(format!(
                    "ilostat: {dataset:?} is not an ILOSTAT indicator code (such as EMP_NIFL_SEX_RT)"
                )));
            }
            let url = format!(
                "{base}/data/ILO,DF_{code},1.0/{}?format=csv",
                ilostat_key(&iso3, &code)
            );
            Ok(p(
                code,
                url,
                "application/vnd.sdmx.data+csv;version=1.0.0",
                Body::Csv,
            ))
        }
    }
}

/// A World Bank indicator code the catalogue maps (`SM.POP.NETM`), given as the code or as the
/// catalogue indicator it maps to (`net_migration`).
fn world_bank_series(dataset: &str, catalogue: &Catalogue) -> Result<String, FetchError> {
    let maps: Vec<(&str, &str)> = catalogue
        .mappings_for_format("worldbank_api")
        .map(|(i, m)| (i.id.as_str(), m.series.as_str()))
        .collect();
    if let Some((_, s)) = maps.iter().find(|(_, s)| s.eq_ignore_ascii_case(dataset)) {
        return Ok(s.to_string());
    }
    if let Some((_, s)) = maps.iter().find(|(i, _)| *i == dataset) {
        return Ok(s.to_string());
    }
    let mut known: Vec<&str> = maps.iter().map(|(_, s)| *s).collect();
    known.sort_unstable();
    known.dedup();
    Err(FetchError::Usage(format!(
        "worldbank: the catalogue maps no World Bank series {dataset:?}; mapped: {}",
        known.join(", ")
    )))
}

/// A dataflow code the catalogue's SDMX-CSV mappings of the API's provider name.
fn sdmx_series(api: Api, dataset: &str, catalogue: &Catalogue) -> Result<String, FetchError> {
    let mut known: Vec<String> = catalogue
        .mappings_for_format("sdmx_csv")
        .filter(|(_, m)| m.provider == api.registry_provider())
        .map(|(_, m)| m.series.to_ascii_uppercase())
        .collect();
    known.sort_unstable();
    known.dedup();
    let want = dataset.to_ascii_uppercase();
    if code_ok(&want) && known.contains(&want) {
        return Ok(want);
    }
    Err(FetchError::Usage(format!(
        "{}: the catalogue maps no SDMX-CSV dataflow {dataset:?} of {}; mapped: {}",
        api.id(),
        api.registry_provider(),
        if known.is_empty() {
            "none".to_string()
        } else {
            known.join(", ")
        }
    )))
}

/// Eurostat's country code: ISO 3166 alpha-2 except Greece `EL` and the United Kingdom `UK`.
fn eurostat_geo(country: &Country) -> String {
    match country.iso2.to_ascii_uppercase().as_str() {
        "GR" => "EL".to_string(),
        "GB" => "UK".to_string(),
        other => other.to_string(),
    }
}

/// The ILOSTAT key: reference area, annual frequency, then one empty position per
/// classification named in the indicator code (`EMP_NIFL_SEX_RT`: SEX -> `DEU.A.`;
/// `UNE_TUNE_SEX_AGE_NB`: SEX, AGE -> `DEU.A..`). The code is topic, measure, classifications...,
/// unit.
fn ilostat_key(iso3: &str, code: &str) -> String {
    let parts = code.split('_').count();
    let classifications = parts.saturating_sub(3);
    format!("{iso3}.A{}", ".".repeat(classifications))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ilostat_keys_have_one_position_per_classification() {
        assert_eq!(ilostat_key("DEU", "EMP_NIFL_SEX_RT"), "DEU.A.");
        assert_eq!(ilostat_key("FRA", "UNE_TUNE_SEX_AGE_NB"), "FRA.A..");
    }

    #[test]
    fn api_ids_and_registry_ids() {
        assert_eq!(Api::from_id("worldbank"), Some(Api::WorldBank));
        assert_eq!(Api::from_id("world_bank_wdi"), Some(Api::WorldBank));
        assert_eq!(Api::from_id("OECD"), Some(Api::Oecd));
        assert_eq!(Api::from_id("nope"), None);
    }
}
