//! HXL, the Humanitarian Exchange Language (hxlstandard.org) used by HDX: a row of hashtags
//! (`#country+code`, `#date+year`, `#affected+idps+ind`, `#adm1+name`) under (or instead of) the
//! human header. Where it is present, the importers find country, period, admin units and values
//! by these tags, whatever the human header says.
//!
//! A tag is a hashtag and attributes: `#affected+idps+ind+stock+conflict`. A pattern matches a
//! tag when the hashtags are equal and the tag has every `+attribute` of the pattern and none of
//! its `-attribute`s (the HXL tag-pattern rule), case-insensitively.

use std::collections::BTreeSet;

/// One column's HXL tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Without the `#`, lower case: `affected`.
    pub hashtag: String,
    /// Lower case: `idps`, `ind`, `stock`, `conflict`.
    pub attrs: BTreeSet<String>,
}

impl Tag {
    pub fn has(&self, attr: &str) -> bool {
        self.attrs.contains(attr)
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Parse a tag cell (`#adm1 +name` with spaces is allowed, as HXL allows); `None` when the cell
/// is not a tag.
pub fn parse_tag(cell: &str) -> Option<Tag> {
    let compact: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = compact.strip_prefix('#')?;
    let mut parts = rest.split('+');
    let hashtag = parts.next()?.to_lowercase();
    if !is_name(&hashtag) || !hashtag.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let mut attrs = BTreeSet::new();
    for a in parts {
        let a = a.to_lowercase();
        if !is_name(&a) {
            return None;
        }
        attrs.insert(a);
    }
    Some(Tag { hashtag, attrs })
}

/// The tags of a row when it is a hashtag row: at least two cells, every non-empty cell a tag.
/// Columns without a tag are `None`.
pub fn tag_row(cells: &[String]) -> Option<Vec<Option<Tag>>> {
    let mut tags = Vec::with_capacity(cells.len());
    let mut n = 0;
    for c in cells {
        if c.trim().is_empty() {
            tags.push(None);
        } else {
            tags.push(Some(parse_tag(c)?));
            n += 1;
        }
    }
    (n >= 2).then_some(tags)
}

/// How many rows from the top may hold the hashtag row (HXL: usually the second row, the first
/// when there is no human header).
pub const SEARCH_ROWS: usize = 5;

/// The hashtag row among the first rows: its index and tags.
pub fn find_tag_row(rows: &[Vec<String>]) -> Option<(usize, Vec<Option<Tag>>)> {
    rows.iter()
        .take(SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, r)| tag_row(r).map(|t| (i, t)))
}

/// A tag pattern: `#affected+idps-raw`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub hashtag: String,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl Pattern {
    /// Parse `#hashtag(+attr|-attr)*`; `None` when malformed.
    pub fn parse(s: &str) -> Option<Pattern> {
        let rest = s.trim().strip_prefix('#')?;
        let mut p = Pattern {
            hashtag: String::new(),
            include: Vec::new(),
            exclude: Vec::new(),
        };
        let mut cur = String::new();
        let mut sign = ' ';
        for ch in rest.chars().chain(std::iter::once('+')) {
            if ch == '+' || ch == '-' {
                let name = cur.trim().to_lowercase();
                match sign {
                    ' ' => p.hashtag = name,
                    '+' => p.include.push(name),
                    _ => p.exclude.push(name),
                }
                cur.clear();
                sign = ch;
            } else {
                cur.push(ch);
            }
        }
        let ok = is_name(&p.hashtag) && p.include.iter().chain(&p.exclude).all(|a| is_name(a));
        ok.then_some(p)
    }

    pub fn matches(&self, t: &Tag) -> bool {
        t.hashtag == self.hashtag
            && self.include.iter().all(|a| t.attrs.contains(a))
            && !self.exclude.iter().any(|a| t.attrs.contains(a))
    }
}

/// Columns whose tag matches a pattern (given as text; a malformed pattern matches nothing).
pub fn columns(tags: &[Option<Tag>], pattern: &str) -> Vec<usize> {
    let Some(p) = Pattern::parse(pattern) else {
        return Vec::new();
    };
    tags.iter()
        .enumerate()
        .filter(|(_, t)| t.as_ref().is_some_and(|t| p.matches(t)))
        .map(|(i, _)| i)
        .collect()
}

/// The first column matching a pattern.
pub fn column(tags: &[Option<Tag>], pattern: &str) -> Option<usize> {
    columns(tags, pattern).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tags_and_patterns() {
        let t = parse_tag("#affected+idps+ind+stock+conflict_raw").unwrap();
        assert_eq!(t.hashtag, "affected");
        assert!(t.has("conflict_raw") && !t.has("conflict"));
        assert_eq!(parse_tag("#adm1 +name").unwrap().hashtag, "adm1");
        assert!(parse_tag("ISO3").is_none());
        assert!(parse_tag("#").is_none());
        assert!(parse_tag("#1abc").is_none());
        assert!(parse_tag("#a+b c+").is_none());
        let p = Pattern::parse("#affected+idps-hh").unwrap();
        assert!(p.matches(&parse_tag("#affected+idps+ind").unwrap()));
        assert!(!p.matches(&parse_tag("#affected+idps+hh").unwrap()));
        assert!(!p.matches(&parse_tag("#affected+refugees").unwrap()));
        assert!(Pattern::parse("affected").is_none());
    }

    #[test]
    fn tag_row_found_under_the_header() {
        let rows = vec![
            row(&["ISO3", "Name", "Year"]),
            row(&["#country+code", "#country+name", ""]),
            row(&["AFG", "Afghanistan", "2020"]),
        ];
        let (i, tags) = find_tag_row(&rows).unwrap();
        assert_eq!(i, 1);
        assert_eq!(column(&tags, "#country+name"), Some(1));
        assert_eq!(column(&tags, "#date+year"), None);
        // A header with one hashtag-looking cell is not a tag row.
        assert!(tag_row(&row(&["#", "Name"])).is_none());
        assert!(tag_row(&row(&["#country", "Name"])).is_none());
        assert!(find_tag_row(&rows[2..]).is_none());
    }
}
