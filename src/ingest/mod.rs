//! Importers for provider files exactly as published, with format auto-detection.
//!
//! Each provider format is a submodule with two functions:
//! - `sniff(head: &Head) -> Result<(), String>`: does the start of the file look like this format?
//!   `Err` says why not (shown when no format matches).
//! - `import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError>`: stream the file, keep
//!   rows of `ctx.country` (all countries when `None`), map series through the catalogue only.

pub mod corridors;
pub mod csvutil;
pub mod dtm;
pub mod encoding;
pub mod eurostat;
pub mod generic;
pub mod generic_book;
pub mod geo;
pub mod hxl;
pub mod idmc;
pub mod ilostat;
pub mod infoshare;
pub mod knomad;
pub mod mmp;
pub mod owid;
pub mod px;
pub mod returned;
pub mod rows;
pub mod sdmx;
pub mod table;
pub mod uis;
pub mod undesa;
pub mod unhcr;
pub mod unhcr_api;
pub mod vintage;
pub mod worldbank;
pub mod xlsx;

use crate::catalogue::Catalogue;
use crate::country::Countries;
use crate::model::Observation;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use thiserror::Error;

/// Every import format, by id (`--format ID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// World Bank API per-indicator CSV (4 preamble lines, wide years, trailing comma).
    WorldBankApi,
    /// World Bank WDI bulk `WDICSV.csv` / `WDIData.csv` (one header line, wide years).
    WdiBulk,
    /// World Bank DataBank export (`2015 [YR2015]` headers, `..` missing, footer lines).
    DataBank,
    /// UN DESA International Migrant Stock workbook (.xlsx).
    UndesaIms,
    /// UN DESA World Population Prospects CSV (Latin-1, period columns).
    Wpp,
    /// UNHCR Refugee Data Finder export (population, asylum applications/decisions, solutions).
    UnhcrRdf,
    /// UNHCR Refugee Data Finder footnotes table.
    UnhcrFootnotes,
    /// UNHCR legacy popstats export (`*` redacted values).
    UnhcrPopstats,
    /// SDMX-CSV 1.0 / 2.0 (OECD, ILOSTAT, Eurostat, UNICEF).
    SdmxCsv,
    /// Eurostat bulk TSV (`indic,geo\time`).
    EurostatTsv,
    /// Legacy Eurostat Data Explorer CSV with labels.
    EurostatExplorer,
    /// ILOSTAT bulk CSV (codes or labels).
    Ilostat,
    /// Our World in Data grapher CSV (+ `.metadata.json`).
    Owid,
    /// IOM Missing Migrants Project incident CSV.
    MissingMigrants,
    /// IDMC displacement tables: the HDX country-year CSV (with or without its HXL row) and the
    /// GIDD workbooks by event (`.xlsx`).
    Idmc,
    /// IOM DTM baseline / mobility-tracking table with an HXL row (`.xlsx` or CSV), sub-national.
    IomDtm,
    /// KNOMAD / World Bank bilateral migration matrix (`.xlsx`, origin x destination).
    KnomadMatrix,
    /// UNESCO UIS data export (`indicatorId,geoUnit,year,value,...` or the older BDDS layout).
    Uis,
    /// PC-Axis `.px` table (PX-Web), mapped to indicators by a mapping file (`--mapping`).
    Px,
    /// Stats NZ Infoshare CSV export (title row, header rows, filled-down labels, footer).
    Infoshare,
    /// Any long or wide CSV described by a TOML mapping file.
    Generic,
    /// A data-request workbook returned by an agency (`migprof request`).
    ReturnedRequest,
    /// UNHCR population API JSON (`migprof fetch --provider unhcr`).
    UnhcrApi,
}

impl Format {
    pub const ALL: [Format; 23] = [
        Format::WorldBankApi,
        Format::WdiBulk,
        Format::DataBank,
        Format::UndesaIms,
        Format::Wpp,
        Format::UnhcrRdf,
        Format::UnhcrFootnotes,
        Format::UnhcrPopstats,
        Format::SdmxCsv,
        Format::EurostatTsv,
        Format::EurostatExplorer,
        Format::Ilostat,
        Format::Owid,
        Format::MissingMigrants,
        Format::Idmc,
        Format::IomDtm,
        Format::KnomadMatrix,
        Format::Uis,
        Format::Px,
        Format::Infoshare,
        Format::Generic,
        Format::ReturnedRequest,
        Format::UnhcrApi,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Format::WorldBankApi => "worldbank_api",
            Format::WdiBulk => "wdi_bulk",
            Format::DataBank => "databank",
            Format::UndesaIms => "undesa_ims",
            Format::Wpp => "wpp",
            Format::UnhcrRdf => "unhcr_rdf",
            Format::UnhcrFootnotes => "unhcr_footnotes",
            Format::UnhcrPopstats => "unhcr_popstats",
            Format::SdmxCsv => "sdmx_csv",
            Format::EurostatTsv => "eurostat_tsv",
            Format::EurostatExplorer => "eurostat_explorer",
            Format::Ilostat => "ilostat",
            Format::Owid => "owid",
            Format::MissingMigrants => "missing_migrants",
            Format::Idmc => "idmc",
            Format::IomDtm => "iom_dtm",
            Format::KnomadMatrix => "knomad_matrix",
            Format::Uis => "uis",
            Format::Px => "px",
            Format::Infoshare => "infoshare",
            Format::Generic => "generic",
            Format::ReturnedRequest => "returned_request",
            Format::UnhcrApi => "unhcr_api",
        }
    }

    pub fn from_id(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == s)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The start of a file, for sniffing: raw bytes and their decoded text.
#[derive(Debug, Clone)]
pub struct Head {
    pub bytes: Vec<u8>,
    /// Decoded (BOM stripped, Latin-1 converted) text of `bytes`.
    pub text: String,
    /// Is the file an xlsx/zip container?
    pub is_zip: bool,
}

/// What an import needs besides the file.
pub struct Context<'a> {
    pub catalogue: &'a Catalogue,
    pub countries: &'a Countries,
    /// ISO3 of the country to keep; `None` keeps every country.
    pub country: Option<&'a str>,
    /// Keep aggregates (regions, income groups) too.
    pub include_aggregates: bool,
    /// For the generic importer: the mapping file.
    pub mapping: Option<&'a Path>,
}

/// One imported value and the country it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// ISO3 code (or aggregate code when aggregates are kept).
    pub country: String,
    /// `source` is empty until the value is added to a profile.
    pub observation: Observation,
}

/// A problem with one row that did not stop the import.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

/// The result of importing one file.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub format: Format,
    /// Registry provider id.
    pub provider: String,
    /// Dataset name as the provider calls it.
    pub dataset: String,
    /// Provider-level notes worth keeping with the source (last-updated date, source note...).
    pub notes: Option<String>,
    pub records: Vec<Record>,
    /// Provider series (codes/columns) that map to no catalogue indicator, with row counts.
    pub unmapped_series: BTreeMap<String, usize>,
    /// Country cells that resolve to nothing, with row counts.
    pub unmapped_countries: BTreeMap<String, usize>,
    /// Rows skipped because they are aggregates.
    pub skipped_aggregates: usize,
    pub warnings: Vec<Warning>,
    /// Data rows read.
    pub rows: usize,
    /// Provider footnotes read from a footnotes table (UNHCR `footnotes.csv`), kept for attaching.
    pub footnotes: Vec<unhcr::Footnote>,
    /// Data rows that gave at least one value (importers that account for every row; see
    /// [`reason`]: `rows == used + dropped.values().sum()`).
    pub used: usize,
    /// Data rows that gave no value, by reason (the [`reason`] constants).
    pub dropped: BTreeMap<String, usize>,
}

/// Why a data row gave no value: the keys of [`Outcome::dropped`].
pub mod reason {
    pub const NOT_IN_CATALOGUE: &str = "series not in the catalogue";
    pub const UNKNOWN_COUNTRY: &str = "unknown country";
    pub const AGGREGATE: &str = "aggregate";
    /// A row of another country than the one asked for (`--country`).
    pub const OTHER_COUNTRY: &str = "another country";
    pub const MISSING: &str = "missing-value marker";
    pub const REDACTED: &str = "redacted";
    pub const MALFORMED: &str = "malformed";
    pub const DUPLICATE: &str = "duplicate";
    /// A value under a header cell that is not a period (a World Bank year column `10000`).
    pub const PERIOD_UNREADABLE: &str = "period not readable";
    /// A WPP row of a projection variant no mapping asks for (the catalogue maps `Medium`).
    pub const OTHER_VARIANT: &str = "projection variant not mapped";
    /// An SDMX-CSV row whose ACTION is `D` (delete): an instruction, not a value.
    pub const DELETION: &str = "deletion (SDMX action D)";
    /// A row of a mapped series whose other dimensions select what no mapping reads (all
    /// asylum applicants where the catalogue reads first-time ones, a sex x age x citizenship
    /// cell where it reads the citizenship totals).
    pub const OTHER_SELECTION: &str = "selection not mapped";
    /// A partner-country breakdown row naming the profiled country itself (Italian citizens in
    /// a breakdown of foreign immigrants).
    pub const OWN_COUNTRY: &str = "own country in a partner breakdown";
    /// A partner-country breakdown row whose partner code is not in the country table.
    pub const UNKNOWN_PARTNER: &str = "unknown partner country";
    /// A row broken down by a dimension the indicator has no breakdown for.
    pub const NO_SUCH_BREAKDOWN: &str = "breakdown the indicator does not have";
}

impl Outcome {
    pub fn new(format: Format, provider: &str, dataset: &str) -> Outcome {
        Outcome {
            format,
            provider: provider.to_string(),
            dataset: dataset.to_string(),
            notes: None,
            records: Vec::new(),
            unmapped_series: BTreeMap::new(),
            unmapped_countries: BTreeMap::new(),
            skipped_aggregates: 0,
            warnings: Vec::new(),
            rows: 0,
            footnotes: Vec::new(),
            used: 0,
            dropped: BTreeMap::new(),
        }
    }

    /// Count a data row that gave no value, under `reason` (a [`reason`] constant).
    pub fn drop_row(&mut self, reason: &str) {
        *self.dropped.entry(reason.to_string()).or_insert(0) += 1;
    }

    /// Rows dropped, all reasons together.
    pub fn dropped_total(&self) -> usize {
        self.dropped.values().sum()
    }
}

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A fatal problem at a place in the file.
    #[error("{path}:{line}: {message}")]
    Malformed {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: not a recognised provider file; tried: {}", .tried.iter().map(|(f, why)| format!("{f} ({why})")).collect::<Vec<_>>().join("; "))]
    Unrecognised {
        path: String,
        tried: Vec<(Format, String)>,
    },
    #[error("{path}: {message}")]
    Other { path: String, message: String },
}

/// How many bytes of the file's start are sniffed.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Read the start of a file for sniffing.
pub fn read_head(path: &Path) -> Result<Head, ImportError> {
    use std::io::Read;
    let io = |e| ImportError::Io {
        path: path.display().to_string(),
        source: e,
    };
    let mut f = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(HEAD_BYTES);
    f.by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let text = if is_zip {
        String::new()
    } else {
        encoding::decode(&bytes).into_owned()
    };
    Ok(Head {
        bytes,
        text,
        is_zip,
    })
}

fn sniff(format: Format, head: &Head, book: &table::LazyPreview) -> Result<(), String> {
    match format {
        Format::WorldBankApi => worldbank::sniff_api(head),
        Format::WdiBulk => worldbank::sniff_bulk(head),
        Format::DataBank => worldbank::sniff_databank(head),
        Format::UndesaIms => undesa::sniff_ims(head),
        Format::Wpp => undesa::sniff_wpp(head),
        Format::UnhcrRdf => unhcr::sniff_rdf(head),
        Format::UnhcrFootnotes => unhcr::sniff_footnotes(head),
        Format::UnhcrPopstats => unhcr::sniff_popstats(head),
        Format::SdmxCsv => sdmx::sniff(head),
        Format::EurostatTsv => eurostat::sniff_tsv(head),
        Format::EurostatExplorer => eurostat::sniff_explorer(head),
        Format::Ilostat => ilostat::sniff(head),
        Format::Owid => owid::sniff(head),
        Format::MissingMigrants => mmp::sniff(head),
        Format::Idmc => idmc::sniff(head, book),
        Format::IomDtm => dtm::sniff(head, book),
        Format::KnomadMatrix => knomad::sniff(head, book),
        Format::Uis => uis::sniff(head),
        Format::Px => px::sniff(head),
        Format::Infoshare => infoshare::sniff(head),
        Format::ReturnedRequest => returned::sniff(head, book),
        Format::UnhcrApi => unhcr_api::sniff(head),
        Format::Generic => {
            Err("the generic format is only used with --format generic and a mapping file".into())
        }
    }
}

/// Detect the format of a file from its content (never its name).
pub fn detect(path: &Path) -> Result<Format, ImportError> {
    let head = read_head(path)?;
    detect_head(path, &head)
}

pub fn detect_head(path: &Path, head: &Head) -> Result<Format, ImportError> {
    if head.bytes.is_empty() {
        return Err(ImportError::Other {
            path: path.display().to_string(),
            message: "the file is empty".to_string(),
        });
    }
    let mut tried = Vec::new();
    // Workbook formats look at the first rows of each sheet, read once and only when needed.
    let book = table::LazyPreview::new(path, head.is_zip);
    for f in Format::ALL {
        match sniff(f, head, &book) {
            Ok(()) => return Ok(f),
            Err(why) => tried.push((f, why)),
        }
    }
    if let Some(message) = companion(path, head) {
        return Err(ImportError::Other {
            path: path.display().to_string(),
            message,
        });
    }
    Err(ImportError::Unrecognised {
        path: path.display().to_string(),
        tried,
    })
}

/// A provider's companion file (metadata beside the data), imported on its own: say which data
/// file to import instead of "not a recognised provider file".
fn companion(path: &Path, head: &Head) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    if let Some(stem) = name.strip_suffix(".metadata.json")
        && head.text.trim_start().starts_with('{')
    {
        return Some(format!(
            "this is an Our World in Data metadata companion file; import {stem}.csv beside it \
             (its metadata is read automatically)"
        ));
    }
    let first = head
        .text
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{feff}');
    let cols: Vec<&str> = first
        .split(',')
        .map(|c| c.trim().trim_matches('"'))
        .collect();
    if cols.first() == Some(&"indicatorId") && cols.get(1) == Some(&"name") {
        return Some(
            "this is a UNESCO UIS indicator list; import the data export (data.csv) beside it \
             (the list is read automatically for indicator names)"
                .to_string(),
        );
    }
    None
}

/// Import a file: detect (or use the forced format), then run its importer.
pub fn import(path: &Path, format: Option<Format>, ctx: &Context) -> Result<Outcome, ImportError> {
    let format = match format {
        Some(f) => f,
        None => detect(path)?,
    };
    match format {
        Format::WorldBankApi => worldbank::import_api(path, ctx),
        Format::WdiBulk => worldbank::import_bulk(path, ctx),
        Format::DataBank => worldbank::import_databank(path, ctx),
        Format::UndesaIms => undesa::import_ims(path, ctx),
        Format::Wpp => undesa::import_wpp(path, ctx),
        Format::UnhcrRdf => unhcr::import_rdf(path, ctx),
        Format::UnhcrFootnotes => unhcr::import_footnotes(path, ctx),
        Format::UnhcrPopstats => unhcr::import_popstats(path, ctx),
        Format::SdmxCsv => sdmx::import(path, ctx),
        Format::EurostatTsv => eurostat::import_tsv(path, ctx),
        Format::EurostatExplorer => eurostat::import_explorer(path, ctx),
        Format::Ilostat => ilostat::import(path, ctx),
        Format::Owid => owid::import(path, ctx),
        Format::MissingMigrants => mmp::import(path, ctx),
        Format::Idmc => idmc::import(path, ctx),
        Format::IomDtm => dtm::import(path, ctx),
        Format::KnomadMatrix => knomad::import(path, ctx),
        Format::Uis => uis::import(path, ctx),
        Format::Px => px::import(path, ctx),
        Format::Infoshare => infoshare::import(path, ctx),
        Format::Generic => generic::import(path, ctx),
        Format::ReturnedRequest => returned::import(path, ctx),
        Format::UnhcrApi => unhcr_api::import(path, ctx),
    }
}
