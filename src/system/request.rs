//! Data requests to the country's agencies: one XLSX workbook per agency (a cover sheet with
//! the purpose, deadline, contact and the data-protection note; one sheet per requested
//! indicator with its definition, unit, periods and breakdowns and a fill-in grid with data
//! validation; a hidden `_migprof` sheet that identifies the request so that `migprof import`
//! recognises the returned workbook (see [`crate::ingest::returned`]).
//!
//! The workbooks are built in memory; the caller writes them.

use super::model::Agency;
use crate::catalogue::{Catalogue, Indicator};
use crate::profile::Profile;
use crate::template::Template;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, FormatBorder, Formula, Workbook,
    XlsxError,
};
use std::collections::BTreeSet;
use thiserror::Error;

/// The format id written in the `_migprof` sheet.
pub const FORMAT_ID: &str = "migprof-request";
/// The version of the workbook layout this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The name of the hidden metadata sheet.
pub const META_SHEET: &str = "_migprof";
/// The header row of a fill-in grid (0-based; row 7 in the sheet).
pub const HEADER_ROW: u32 = 6;
/// How many periods each grid asks for (the reference year and the years before it).
pub const YEARS: i32 = 10;
/// What an agency writes in a cell whose count is below the disclosure threshold.
pub const SUPPRESSED: &str = "c";
/// First row of the sheet table in the metadata sheet (0-based).
pub const META_TABLE_ROW: u32 = 10;

#[derive(Debug, Error)]
pub enum RequestError {
    #[error("no agency `{0}` in the profile")]
    NoSuchAgency(String),
    #[error("the profile lists no agencies: add `[[agency]]` entries first")]
    NoAgencies,
    #[error("writing the workbook for agency `{agency}`: {source}")]
    Xlsx {
        agency: String,
        #[source]
        source: XlsxError,
    },
}

/// What the cover sheet says beside the profile's own data.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    /// `YYYY-MM-DD` by which the workbook should come back; "to be agreed" when absent.
    pub deadline: Option<String>,
    /// Who to send it back to (default: the profile's authors).
    pub contact: Option<String>,
    /// Date of issue, `YYYY-MM-DD` (the caller's today).
    pub issued: String,
}

/// One workbook.
#[derive(Debug, Clone)]
pub struct Request {
    pub agency: String,
    /// `request-<country>-<agency>.xlsx`.
    pub file_name: String,
    /// The indicators asked for, in template order.
    pub indicators: Vec<String>,
    pub bytes: Vec<u8>,
}

/// One value column of a grid: its header and its disaggregation key (`total`, `sex=F`).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: &'static str,
    pub key: &'static str,
}

/// The value columns of an indicator's grid: the total, and female/male where the catalogue
/// allows the sex breakdown.
pub fn columns(ind: &Indicator) -> Vec<Column> {
    let mut c = vec![Column {
        header: "Total",
        key: "total",
    }];
    if ind.disaggregations.iter().any(|d| d == "sex") {
        c.push(Column {
            header: "Female",
            key: "sex=F",
        });
        c.push(Column {
            header: "Male",
            key: "sex=M",
        });
    }
    c
}

/// The indicators to ask an agency for: those the profile selects that the agency's
/// instruments (by kind) or its own registry entry cover, in template order.
pub fn indicators_for(
    profile: &Profile,
    catalogue: &Catalogue,
    template: &Template,
    agency: &Agency,
) -> Vec<String> {
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    let mut add = |provider: &str| {
        if let Some(p) = catalogue.provider(provider) {
            covered.extend(p.covers.iter().map(String::as_str));
        }
    };
    add(agency.provider_id());
    for ins in profile.instruments.iter().filter(|i| i.agency == agency.id) {
        if let Some(p) = ins.kind.provider() {
            add(p);
        }
    }
    template
        .selected_indicators(&profile.modules)
        .into_iter()
        .filter(|i| covered.contains(i.as_str()) && catalogue.indicator(i).is_some())
        .collect()
}

/// A sheet name for an indicator: `A.2 imm_stock`, at most 31 characters, unique.
fn sheet_name(ind: &Indicator, used: &mut BTreeSet<String>) -> String {
    let base: String = format!("{} {}", ind.section, ind.id)
        .chars()
        .take(31)
        .collect();
    let mut name = base.clone();
    let mut n = 2;
    while used.contains(&name) {
        let suffix = format!("~{n}");
        name = base.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    used.insert(name.clone());
    name
}

/// The workbooks for one agency (`only`) or every agency.
pub fn workbooks(
    profile: &Profile,
    catalogue: &Catalogue,
    template: &Template,
    only: Option<&str>,
    opts: &RequestOptions,
) -> Result<Vec<Request>, RequestError> {
    if profile.agencies.is_empty() {
        return Err(RequestError::NoAgencies);
    }
    let agencies: Vec<&Agency> = match only {
        Some(id) => vec![
            profile
                .agencies
                .iter()
                .find(|a| a.id == id)
                .ok_or_else(|| RequestError::NoSuchAgency(id.to_string()))?,
        ],
        None => profile.agencies.iter().collect(),
    };
    let mut out = Vec::new();
    for a in agencies {
        let indicators = indicators_for(profile, catalogue, template, a);
        let bytes =
            workbook(profile, catalogue, a, &indicators, opts).map_err(|e| RequestError::Xlsx {
                agency: a.id.clone(),
                source: e,
            })?;
        out.push(Request {
            agency: a.id.clone(),
            file_name: format!(
                "request-{}-{}.xlsx",
                profile.meta.country.to_ascii_lowercase(),
                file_safe(&a.id)
            ),
            indicators,
            bytes,
        });
    }
    Ok(out)
}

/// The height (points) of a row whose text wraps in a cell about `width` characters wide.
fn row_height(text: &str, width: usize) -> f64 {
    let lines = text.chars().count().div_ceil(width.max(1)).max(1);
    15.0 * lines as f64
}

fn file_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The data-protection note of the cover sheet.
pub fn protection_note(threshold: u32) -> String {
    format!(
        "Aggregates only: send totals and breakdowns as published or tabulated, never microdata, names, identity numbers or any record of a single person. Counts below {threshold} are not published: write \"{SUPPRESSED}\" in such a cell instead of the number (it is counted, not imported). The figures are used for the Migration Profile only and are cited with your agency as the source."
    )
}

fn workbook(
    profile: &Profile,
    catalogue: &Catalogue,
    agency: &Agency,
    indicators: &[String],
    opts: &RequestOptions,
) -> Result<Vec<u8>, XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let label = Format::new()
        .set_bold()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin);
    let fill = Format::new()
        .set_background_color(Color::RGB(0xFFF2CC))
        .set_border(FormatBorder::Thin)
        .set_unlocked();
    let period_fmt = Format::new().set_border(FormatBorder::Thin);
    let year = profile.meta.reference_year;
    let threshold = profile.disclosure.threshold;
    let contact = opts
        .contact
        .clone()
        .or_else(|| (!profile.meta.authors.is_empty()).then(|| profile.meta.authors.join("; ")))
        .unwrap_or_else(|| "the Migration Profile working group".to_string());

    // Printed pages say whose request they are ("&" is a code in page headers).
    let page_header = format!(
        "&L{}: data request to {}&R&P / &N",
        profile.meta.title.replace('&', "&&"),
        agency.name.replace('&', "&&")
    )
    .chars()
    // Excel allows 255 characters in a page header.
    .take(240)
    .collect::<String>();
    let mut wb = Workbook::new();
    let mut used = BTreeSet::new();
    let sheets: Vec<(String, &Indicator)> = indicators
        .iter()
        .filter_map(|i| catalogue.indicator(i))
        .map(|ind| (sheet_name(ind, &mut used), ind))
        .collect();

    // Cover.
    let cover = wb.add_worksheet();
    cover.set_name("Cover")?;
    cover.set_column_width(0, 30)?;
    cover.set_column_width(1, 80)?;
    cover.set_landscape();
    cover.set_paper_size(9);
    cover.set_print_fit_to_pages(1, 0);
    cover.write_string_with_format(
        0,
        0,
        format!("{}: data request to {}", profile.meta.title, agency.name),
        &title,
    )?;
    let rows: Vec<(&str, String)> = vec![
        (
            "Purpose",
            format!(
                "The {} (reference year {year}) describes migration with the country's own figures. Please fill in the sheets that follow with the figures your agency produces, so that the profile can cite them with {} as the source.",
                profile.meta.title, agency.name
            ),
        ),
        (
            "Requested from",
            format!(
                "{} ({})",
                agency.name,
                agency
                    .contact
                    .clone()
                    .unwrap_or_else(|| agency.role.clone())
            ),
        ),
        ("Date of issue", opts.issued.clone()),
        (
            "Please return by",
            opts.deadline
                .clone()
                .unwrap_or_else(|| "to be agreed".to_string()),
        ),
        ("Return to", contact),
        ("Data protection", protection_note(threshold)),
        (
            "How to fill in",
            format!(
                "One sheet per indicator. Type the figures in the yellow cells as numbers (no units, no text); leave a cell empty where there is no figure; the last column takes a note on the source table or definition used. Do not rename, add or remove sheets, rows or columns: the workbook is read back by migprof (format {FORMAT_ID} version {FORMAT_VERSION})."
            ),
        ),
        (
            "Indicators requested",
            format!("{} (one sheet each)", sheets.len()),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        cover.write_string_with_format(r, 0, *k, &label)?;
        cover.write_string_with_format(r, 1, v, &wrap)?;
        cover.set_row_height(r, row_height(v, 80))?;
    }
    let list_at = 3 + rows.len() as u32;
    cover.write_string_with_format(list_at, 0, "Sheet", &head)?;
    cover.write_string_with_format(list_at, 1, "Indicator", &head)?;
    for (i, (name, ind)) in sheets.iter().enumerate() {
        let r = list_at + 1 + i as u32;
        cover.write_string(r, 0, name)?;
        cover.write_string(r, 1, &ind.name)?;
    }
    cover.set_active(true);

    // Metadata (hidden).
    let meta = wb.add_worksheet();
    meta.set_name(META_SHEET)?;
    let pairs: [(&str, String); 8] = [
        ("format", FORMAT_ID.to_string()),
        ("version", FORMAT_VERSION.to_string()),
        ("country", profile.meta.country.to_ascii_uppercase()),
        ("agency", agency.id.clone()),
        ("agency_name", agency.name.clone()),
        ("provider", agency.provider_id().to_string()),
        ("reference_year", year.to_string()),
        ("issued", opts.issued.clone()),
    ];
    for (i, (k, v)) in pairs.iter().enumerate() {
        meta.write_string(i as u32, 0, *k)?;
        meta.write_string(i as u32, 1, v)?;
    }
    meta.write_string(META_TABLE_ROW - 1, 0, "sheet")?;
    meta.write_string(META_TABLE_ROW - 1, 1, "indicator")?;
    meta.write_string(META_TABLE_ROW - 1, 2, "columns")?;
    for (i, (name, ind)) in sheets.iter().enumerate() {
        let r = META_TABLE_ROW + i as u32;
        let keys: Vec<&str> = columns(ind).iter().map(|c| c.key).collect();
        meta.write_string(r, 0, name)?;
        meta.write_string(r, 1, &ind.id)?;
        meta.write_string(r, 2, keys.join(";"))?;
    }
    meta.set_hidden(true);

    // One sheet per indicator.
    for (name, ind) in &sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        ws.set_header(&page_header);
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_column_width(0, 16)?;
        ws.set_column_width(1, 14)?;
        ws.set_column_width(2, 14)?;
        ws.set_column_width(3, 14)?;
        ws.write_string_with_format(0, 0, &ind.name, &title)?;
        let cols = columns(ind);
        let others: Vec<&str> = ind
            .disaggregations
            .iter()
            .map(String::as_str)
            .filter(|d| !cols.iter().any(|c| c.key.starts_with(&format!("{d}="))))
            .collect();
        let breakdowns = if others.is_empty() {
            "none".to_string()
        } else {
            others.join(", ")
        };
        let info: [(&str, String); 5] = [
            ("Definition", ind.definition.clone()),
            ("Unit", ind.unit.label().to_string()),
            (
                "Periods",
                format!("{} to {year}, one row per year", year - YEARS + 1),
            ),
            (
                "Breakdowns",
                format!(
                    "in the grid: {}; further breakdowns wanted ({breakdowns}) by separate arrangement",
                    cols.iter().map(|c| c.header).collect::<Vec<_>>().join(", ")
                ),
            ),
            (
                "Small counts",
                format!(
                    "below {threshold}: write \"{SUPPRESSED}\" instead of the number (see the cover sheet)"
                ),
            ),
        ];
        let note_col = 1 + cols.len() as u16;
        for (i, (k, v)) in info.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string_with_format(r, 0, *k, &label)?;
            // The text spans the grid's width, wrapped.
            ws.merge_range(r, 1, r, note_col, v, &wrap)?;
            ws.set_row_height(r, row_height(v, 14 * cols.len() + 50))?;
        }
        ws.write_string_with_format(HEADER_ROW, 0, "Period", &head)?;
        for (j, c) in cols.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, 1 + j as u16, c.header, &head)?;
        }
        ws.set_column_width(note_col, 50)?;
        ws.write_string_with_format(HEADER_ROW, note_col, "Source table or note", &head)?;
        let first = HEADER_ROW + 1;
        let last = HEADER_ROW + YEARS as u32;
        for k in 0..YEARS {
            let r = first + k as u32;
            ws.write_string_with_format(r, 0, (year - YEARS + 1 + k).to_string(), &period_fmt)?;
            for j in 0..=cols.len() {
                ws.write_blank(r, 1 + j as u16, &fill)?;
            }
        }
        let last_col = cols.len() as u16;
        let cell = format!("B{}", first + 1);
        let share = ind.unit == crate::catalogue::Unit::Percent
            && ind.kind == crate::catalogue::Kind::Share;
        let rule = if ind.signed {
            format!("=OR(ISNUMBER({cell}),{cell}=\"{SUPPRESSED}\")")
        } else if share {
            format!("=OR(AND(ISNUMBER({cell}),{cell}>=0,{cell}<=100),{cell}=\"{SUPPRESSED}\")")
        } else {
            format!("=OR(AND(ISNUMBER({cell}),{cell}>=0),{cell}=\"{SUPPRESSED}\")")
        };
        let dv = DataValidation::new()
            .allow_custom(Formula::new(rule))
            .ignore_blank(true)
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title("Not a figure")?
            .set_error_message(format!(
                "Type a number{} in {}, or \"{SUPPRESSED}\" for a count below {threshold}.",
                if ind.signed {
                    ""
                } else if share {
                    " from 0 to 100"
                } else {
                    " (not negative)"
                },
                ind.unit.label()
            ))?
            .set_input_title(ind.unit.label())?
            .set_input_message(format!(
                "A number in {}; \"{SUPPRESSED}\" if below {threshold}; empty if none.",
                ind.unit.label()
            ))?;
        ws.add_data_validation(first, 1, last, last_col, &dv)?;
    }
    wb.save_to_buffer()
}
