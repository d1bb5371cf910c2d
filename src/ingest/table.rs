//! A small in-memory table of text cells, read from a CSV file or from one sheet of a workbook,
//! with the place of every row for messages (`file:line`, or `file: sheet!B12` for a cell), and
//! the workbook preview that sniffing uses (the first rows of every sheet, read once).
//!
//! Used by the importers whose files are small enough to hold (IDMC, IOM DTM, KNOMAD, UIS):
//! they then look at every column by its meaning before reading the rows.

use super::csvutil::{self, field, show};
use super::{ImportError, Outcome};
use calamine::{Data, Reader};
use std::cell::OnceCell;
use std::path::Path;

/// Rows of text cells and where each row is in the file.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Sheet name for a workbook; `None` for a CSV.
    pub sheet: Option<String>,
    pub rows: Vec<Vec<String>>,
    /// 1-based line (CSV) or row number (sheet) of each row.
    pub lines: Vec<usize>,
}

impl Table {
    /// Every record of a CSV file (BOM skipped, fields decoded UTF-8 or Windows-1252).
    pub fn from_csv(path: &Path, delimiter: u8) -> Result<Table, ImportError> {
        let mut rdr = csvutil::open_csv(path, delimiter)?;
        let mut rec = csv::ByteRecord::new();
        let mut t = Table::default();
        while let Some(line) = rdr.next(&mut rec)? {
            t.rows.push(
                (0..rec.len())
                    .map(|i| field(&rec, i).into_owned())
                    .collect(),
            );
            t.lines.push(line);
        }
        Ok(t)
    }

    /// The cells of a sheet as text (numbers as written by [`cell_text`]).
    pub fn from_range(sheet: &str, range: &calamine::Range<Data>) -> Table {
        let first = range.start().map_or(0, |(r, _)| r as usize);
        let lead = range.start().map_or(0, |(_, c)| c as usize);
        let mut t = Table {
            sheet: Some(sheet.to_string()),
            ..Table::default()
        };
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![String::new(); lead];
            cells.extend(row.iter().map(cell_text));
            t.rows.push(cells);
            t.lines.push(first + i + 1);
        }
        t
    }

    /// Cell `col` of row `row` ("" when absent).
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }

    /// Line (CSV) or row number (sheet) of a row.
    pub fn line(&self, row: usize) -> usize {
        self.lines.get(row).copied().unwrap_or(0)
    }

    /// Where a cell is, for messages: `line N` / `sheet!B12`.
    pub fn place(&self, row: usize, col: usize) -> String {
        match &self.sheet {
            Some(s) => format!("{s}!{}{}", column_letters(col), self.line(row)),
            None => format!("line {} column {}", self.line(row), col + 1),
        }
    }

    /// A malformed-file error at a row of this table.
    pub fn error(&self, path: &Path, row: usize, message: impl Into<String>) -> ImportError {
        let message = message.into();
        match &self.sheet {
            Some(s) => ImportError::Malformed {
                path: show(path),
                line: self.line(row),
                message: format!("sheet {s:?}: {message}"),
            },
            None => csvutil::malformed(path, self.line(row), message),
        }
    }

    /// Is a row empty (no cell with text)?
    pub fn is_blank(&self, row: usize) -> bool {
        self.rows
            .get(row)
            .is_none_or(|r| r.iter().all(|c| c.trim().is_empty()))
    }

    /// Warn at a row (its line or sheet row number).
    /// The number in a cell, or `None` with the row counted: a missing-value marker as
    /// missing, anything else that is not a number as malformed with a warning naming the cell.
    pub fn number(&self, out: &mut Outcome, row: usize, col: usize) -> Option<f64> {
        use super::csvutil::{Cell, parse_cell};
        let raw = self.cell(row, col);
        match parse_cell(raw) {
            Cell::Value(v) => Some(v),
            Cell::Missing => {
                out.drop_row(super::reason::MISSING);
                None
            }
            Cell::Invalid => {
                let msg = format!("{}: {raw:?} is not a number; skipped", self.place(row, col));
                self.warn(out, row, msg);
                out.drop_row(super::reason::MALFORMED);
                None
            }
        }
    }

    pub fn warn(&self, out: &mut Outcome, row: usize, message: impl Into<String>) {
        let message = message.into();
        let message = match &self.sheet {
            Some(s) => format!("sheet {s:?}: {message}"),
            None => message,
        };
        csvutil::warn(out, self.line(row), message);
    }
}

/// Spreadsheet column letters of a 0-based column (`0` = `A`, `26` = `AA`).
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// A cell as text: strings as stored, whole numbers without a decimal point, other numbers in
/// Rust's shortest round-trip form, dates as `YYYY-MM-DD`.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

/// An Excel serial day (1900 system) as `YYYY-MM-DD` (time of day dropped).
pub fn excel_date(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return serial.to_string();
    }
    // Day 25569 is 1970-01-01 (the 1900 leap-year bug is before 1900-03-01).
    let days = serial.floor() as i64 - 25569;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Open a workbook, with the error naming the file.
/// Open a workbook through the xlsx guard (parts, dimensions and cell count checked first; a
/// library panic becomes an import error naming the file).
pub fn open_workbook(
    path: &Path,
) -> Result<calamine::Sheets<std::io::BufReader<std::fs::File>>, ImportError> {
    super::xlsx::open(path)
}

/// Read one sheet as a table.
pub fn read_sheet(
    path: &Path,
    wb: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>,
    sheet: &str,
) -> Result<Table, ImportError> {
    let range = super::xlsx::guard(path, || {
        wb.worksheet_range(sheet).map_err(|e| ImportError::Other {
            path: show(path),
            message: format!("sheet {sheet:?}: {e}"),
        })
    })?;
    Ok(Table::from_range(sheet, &range))
}

/// How many rows of each sheet the preview keeps.
pub const PREVIEW_ROWS: usize = 12;

/// The first rows of one sheet.
#[derive(Debug, Clone)]
pub struct SheetHead {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// The first rows of every sheet of a workbook, read on first use (sniffing reads a workbook at
/// most once, and only when a workbook format asks).
pub struct LazyPreview<'a> {
    path: &'a Path,
    is_zip: bool,
    sheets: OnceCell<Vec<SheetHead>>,
}

impl<'a> LazyPreview<'a> {
    pub fn new(path: &'a Path, is_zip: bool) -> LazyPreview<'a> {
        LazyPreview {
            path,
            is_zip,
            sheets: OnceCell::new(),
        }
    }

    /// The sheets' first rows; empty when the file is not a readable workbook.
    pub fn sheets(&self) -> &[SheetHead] {
        self.sheets.get_or_init(|| {
            if !self.is_zip {
                return Vec::new();
            }
            // Through the guard: a crafted workbook must not bring detection down.
            let Ok(mut wb) = super::xlsx::open(self.path) else {
                return Vec::new();
            };
            let names = wb.sheet_names();
            let mut out = Vec::new();
            for name in names.into_iter().take(16) {
                let Ok(range) =
                    super::xlsx::guard(self.path, || Ok(wb.worksheet_range(&name).ok()))
                else {
                    continue;
                };
                let Some(range) = range else { continue };
                let rows = range
                    .rows()
                    .take(PREVIEW_ROWS)
                    .map(|r| r.iter().take(64).map(cell_text).collect())
                    .collect();
                out.push(SheetHead { name, rows });
            }
            out
        })
    }

    pub fn is_zip(&self) -> bool {
        self.is_zip
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_dates() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(220), "HM");
        // DTM round 38 snapshot: serial 44407 = 2021-07-30.
        assert_eq!(excel_date(44407.0), "2021-07-30");
        assert_eq!(excel_date(39661.0), "2008-08-01");
        assert_eq!(excel_date(f64::NAN), "NaN");
    }
}
