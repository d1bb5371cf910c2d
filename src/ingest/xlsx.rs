//! Guarded workbook opening: an xlsx file is checked before calamine reads it, and a panic in
//! calamine becomes an import error naming the file.
//!
//! calamine trusts the workbook: a cell that refers to a shared string the file does not have
//! panics (index out of bounds), and a single cell at `XFD1048576` makes it allocate the whole
//! dense sheet (17 billion cells, 550 GB). So before calamine opens an xlsx (a zip file), every
//! part is decompressed once as a stream, within limits of size, and the worksheets are scanned
//! for their dimension, the cells' positions and their shared-string references.

use super::ImportError;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read};
use std::path::Path;

/// Most bytes one part of a workbook may decompress to.
/// The largest part of the UN DESA workbooks is under 1 MiB.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes all parts together may decompress to.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Most parts (files inside the zip) a workbook may have.
pub const MAX_PARTS: usize = 10_000;
/// Most cells the dense range of one sheet may span (rows x columns from the first to the last
/// cell): calamine allocates every one of them. The UN DESA tables span under 100,000.
pub const MAX_SHEET_CELLS: u64 = 4_000_000;

fn other(path: &Path, message: String) -> ImportError {
    ImportError::Other {
        path: path.display().to_string(),
        message,
    }
}

/// Open a workbook for calamine after checking it (xlsx) and within [`guard`]: errors and
/// library panics both come back as an [`ImportError`] naming the file.
pub fn open(path: &Path) -> Result<calamine::Sheets<BufReader<std::fs::File>>, ImportError> {
    if is_zip(path)? {
        check(path)?;
    }
    guard(path, || {
        calamine::open_workbook_auto(path)
            .map_err(|e| other(path, format!("cannot open the workbook: {e}")))
    })
}

/// Run `f` (which reads `path` with calamine), turning a panic into an import error.
pub fn guard<T>(path: &Path, f: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_string());
            Err(other(
                path,
                format!("the workbook could not be read (the xlsx reader failed: {why})"),
            ))
        }
    }
}

pub fn is_zip(path: &Path) -> Result<bool, ImportError> {
    let mut head = [0u8; 4];
    let mut f = std::fs::File::open(path).map_err(|e| ImportError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let n = f.read(&mut head).map_err(|e| ImportError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    Ok(n == 4 && &head == b"PK\x03\x04")
}

/// Counts the bytes read through it and stops with an error past a limit.
struct Capped<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other(format!(
                "decompresses to more than {} bytes",
                self.limit
            )));
        }
        Ok(n)
    }
}

/// What a worksheet scan found.
#[derive(Debug, Default)]
struct SheetScan {
    /// (first row, first column, last row, last column), 0-based, of the cells and dimension.
    bounds: Option<(u64, u64, u64, u64)>,
    /// The highest shared-string index a cell refers to, with that cell's reference.
    max_shared: Option<(u64, String)>,
}

impl SheetScan {
    fn include(&mut self, r: u64, c: u64) {
        self.bounds = Some(match self.bounds {
            None => (r, c, r, c),
            Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
        });
    }

    fn cells(&self) -> u64 {
        self.bounds.map_or(0, |(r0, c0, r1, c1)| {
            (r1 - r0 + 1).saturating_mul(c1 - c0 + 1)
        })
    }
}

/// A cell reference such as `B7` or `XFD1048576` as 0-based (row, column).
fn cell_ref(s: &[u8]) -> Option<(u64, u64)> {
    let s = s.strip_prefix(b"$").unwrap_or(s);
    let letters = s.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (col, rest) = s.split_at(letters);
    let rest = rest.strip_prefix(b"$").unwrap_or(rest);
    if col.is_empty() || col.len() > 3 || rest.is_empty() || rest.len() > 7 {
        return None;
    }
    let mut c: u64 = 0;
    for b in col {
        c = c * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let r: u64 = std::str::from_utf8(rest).ok()?.parse().ok()?;
    (r >= 1 && c >= 1).then(|| (r - 1, c - 1))
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<Vec<u8>> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// Scan one worksheet part: its dimension, every cell's position, shared-string references.
fn scan_sheet<R: std::io::BufRead>(reader: R) -> Result<SheetScan, String> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut scan = SheetScan::default();
    let (mut row, mut col): (u64, u64) = (0, 0);
    // Inside a `<c t="s">` cell's `<v>`: the text is a shared-string index.
    let mut shared_cell: Option<String> = None;
    let mut in_v = false;
    loop {
        let ev = xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("malformed worksheet XML: {e}"))?;
        match &ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"dimension" => {
                    if let Some(r) = attr(e, b"ref") {
                        let mut parts = r.split(|&b| b == b':');
                        for p in parts.by_ref().take(2) {
                            if let Some((r, c)) = cell_ref(p) {
                                scan.include(r, c);
                            }
                        }
                        if scan.cells() > MAX_SHEET_CELLS {
                            return Err(format!(
                                "its dimension {} spans {} cells, more than the {MAX_SHEET_CELLS} allowed",
                                String::from_utf8_lossy(&r),
                                scan.cells()
                            ));
                        }
                    }
                }
                // Positions exactly as calamine's cell reader gives them: a row's `r` sets the
                // row, `</row>` moves to the next; a cell's `r` sets the column only; a cell
                // without `r` is at (row, next column).
                b"row" => {
                    if let Some(r) = attr(e, b"r").and_then(|v| {
                        std::str::from_utf8(&v)
                            .ok()
                            .and_then(|s| s.parse::<u64>().ok())
                    }) {
                        row = r.saturating_sub(1);
                    }
                    if matches!(ev, Event::Empty(_)) {
                        row += 1;
                    }
                    col = 0;
                }
                b"c" => {
                    let (r, c) = match attr(e, b"r").as_deref().and_then(cell_ref) {
                        Some(rc) => rc,
                        None => (row, col),
                    };
                    scan.include(r, c);
                    if scan.cells() > MAX_SHEET_CELLS {
                        return Err(format!(
                            "its cells span more than {MAX_SHEET_CELLS} cells (up to {})",
                            String::from_utf8_lossy(&attr(e, b"r").unwrap_or_default())
                        ));
                    }
                    col = c + 1;
                    let is_shared = attr(e, b"t").as_deref() == Some(b"s");
                    shared_cell = (is_shared && matches!(ev, Event::Start(_))).then(|| {
                        String::from_utf8_lossy(&attr(e, b"r").unwrap_or_default()).into_owned()
                    });
                }
                b"v" => in_v = matches!(ev, Event::Start(_)),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"row" => {
                row += 1;
                col = 0;
            }
            Event::Text(t) if in_v => {
                if let Some(cell) = &shared_cell {
                    let text = String::from_utf8_lossy(t.as_ref());
                    let idx: u64 = text.trim().parse().map_err(|_| {
                        format!(
                            "cell {cell}: shared-string index {:?} is not a number",
                            text.trim()
                        )
                    })?;
                    if scan.max_shared.as_ref().is_none_or(|(m, _)| idx > *m) {
                        scan.max_shared = Some((idx, cell.clone()));
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"v" => in_v = false,
                b"c" => shared_cell = None,
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    Ok(scan)
}

/// The number of `<si>` entries of a shared-strings part.
fn count_shared<R: std::io::BufRead>(reader: R) -> Result<u64, String> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| format!("malformed shared strings XML: {e}"))?
        {
            Event::Eof => return Ok(n),
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"si" => n += 1,
            _ => {}
        }
        buf.clear();
    }
}

/// Check an xlsx file: a readable zip of at most [`MAX_PARTS`] parts, each decompressing to at
/// most [`MAX_PART_BYTES`] (all together [`MAX_TOTAL_BYTES`]), with a workbook part, worksheets
/// spanning at most [`MAX_SHEET_CELLS`] cells, and every shared-string reference in range.
pub fn check(path: &Path) -> Result<(), ImportError> {
    let bad = |m: String| other(path, format!("not a readable xlsx workbook: {m}"));
    let file = std::fs::File::open(path).map_err(|e| ImportError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| bad(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(bad(format!("{} parts, more than {MAX_PARTS}", zip.len())));
    }
    let mut total: u64 = 0;
    let mut has_workbook = false;
    let mut shared: Option<u64> = None;
    let mut sheets: Vec<(String, SheetScan)> = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        let name = entry.name().to_string();
        let lower = name.to_ascii_lowercase();
        let mut capped = BufReader::new(Capped {
            inner: entry,
            read: 0,
            limit: MAX_PART_BYTES.min(MAX_TOTAL_BYTES - total),
        });
        let part_err = |m: String| bad(format!("part {name}: {m}"));
        if lower == "xl/workbook.xml" || lower == "xl/workbook.bin" {
            has_workbook = true;
        }
        if lower.starts_with("xl/worksheets/") && lower.ends_with(".xml") {
            let scan = scan_sheet(&mut capped).map_err(part_err)?;
            sheets.push((name.clone(), scan));
        } else if lower.ends_with("sharedstrings.xml") {
            shared = Some(count_shared(&mut capped).map_err(part_err)?);
        } else {
            std::io::copy(&mut capped, &mut std::io::sink())
                .map_err(|e| part_err(e.to_string()))?;
        }
        // Whatever the parser left unread still counts.
        std::io::copy(&mut capped, &mut std::io::sink()).map_err(|e| part_err(e.to_string()))?;
        total += capped.get_ref().read;
    }
    if !has_workbook {
        return Err(bad("no xl/workbook.xml part".to_string()));
    }
    for (name, scan) in &sheets {
        if let Some((idx, cell)) = &scan.max_shared {
            match shared {
                None => {
                    return Err(bad(format!(
                        "{name}: cell {cell} refers to shared string {idx}, but the workbook has no sharedStrings.xml"
                    )));
                }
                Some(n) if *idx >= n => {
                    return Err(bad(format!(
                        "{name}: cell {cell} refers to shared string {idx}, but the workbook has only {n}"
                    )));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref(b"A1"), Some((0, 0)));
        assert_eq!(cell_ref(b"$B$7"), Some((6, 1)));
        assert_eq!(cell_ref(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref(b"A0"), None);
        assert_eq!(cell_ref(b"1A"), None);
    }

    #[test]
    fn scan_finds_span_and_shared_refs() {
        let xml = br#"<worksheet><dimension ref="A1:C2"/><sheetData>
            <row r="1"><c r="A1" t="s"><v>4</v></c><c><v>1</v></c></row>
            <row r="2"><c r="C2" t="s"><v>2</v></c></row></sheetData></worksheet>"#;
        let s = scan_sheet(&xml[..]).unwrap();
        assert_eq!(s.bounds, Some((0, 0, 1, 2)));
        assert_eq!(s.max_shared, Some((4, "A1".to_string())));
        let far = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>
            <c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(scan_sheet(&far[..]).unwrap_err().contains("more than"));
    }
}
