//! Error types of the core, with the file and place of each problem.

use std::fmt;
use thiserror::Error;

/// A place in a file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// Line and column of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let before = &text.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Location { line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Errors reading the catalogue, registry, countries or template data files.
#[derive(Debug, Error)]
pub enum DataError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{location}: {message}")]
    Toml {
        path: String,
        location: Location,
        message: String,
    },
}

impl DataError {
    /// Wrap a `toml` error, keeping its line and column.
    pub fn toml(path: &str, text: &str, err: toml::de::Error) -> DataError {
        let location = err
            .span()
            .map(|span| Location::of_offset(text, span.start))
            .unwrap_or(Location { line: 1, column: 1 });
        DataError::Toml {
            path: path.to_string(),
            location,
            message: err.message().to_string(),
        }
    }
}

/// The candidate closest to `input` (Levenshtein), if it is close enough to be a typo.
pub fn nearest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = strsim::levenshtein(input, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let limit = (input.chars().count() / 2).max(2);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_to_location() {
        let t = "ab\ncdé\nx";
        assert_eq!(Location::of_offset(t, 0), Location { line: 1, column: 1 });
        assert_eq!(Location::of_offset(t, 3), Location { line: 2, column: 1 });
        assert_eq!(Location::of_offset(t, 8), Location { line: 3, column: 1 });
    }

    #[test]
    fn nearest_suggests_typos_only() {
        let c = ["imm_stock", "emi_stock", "remit_in"];
        assert_eq!(nearest("imm_stok", c.iter().copied()), Some("imm_stock"));
        assert_eq!(nearest("zzzzzzzzzzzz", c.iter().copied()), None);
    }
}
