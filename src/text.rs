//! Clean text for the places it goes: terminals, spreadsheets (CSV) and XML (SVG).
//!
//! Provider files and profiles are untrusted: a title or footnote can hold terminal escape
//! sequences (set the window title, clear the screen), bidi overrides that reorder what is shown,
//! spreadsheet formulas, or characters XML does not allow. Every output path runs text through
//! one of these functions.

use std::borrow::Cow;

/// Bidi embedding, override, isolate and mark characters: they reorder what a reader sees.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Characters a terminal must not receive raw: C0 controls (ESC, BEL, CR, ...), DEL, C1
/// controls (U+0080-U+009F, which some terminals read as CSI/OSC) and bidi controls.
fn is_unsafe_for_terminal(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn escape_char(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = match c {
        '\u{1b}' => write!(out, "\\e"),
        '\r' => write!(out, "\\r"),
        '\t' => write!(out, "\\t"),
        '\n' => write!(out, "\\n"),
        c if (c as u32) < 0x100 => write!(out, "\\x{:02x}", c as u32),
        c => write!(out, "\\u{{{:x}}}", c as u32),
    };
}

fn terminal_with(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe_for_terminal(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_for_terminal(c) && !keep(c) {
            escape_char(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for one terminal line: every control character (including newline and tab) and every
/// bidi control is shown escaped (`\e`, `\x07`, `\u{202e}`), so the text cannot move the cursor,
/// set the title, clear the screen or reorder the line.
pub fn terminal(s: &str) -> Cow<'_, str> {
    terminal_with(s, |_| false)
}

/// [`terminal`] for text of several lines: newlines and tabs are kept, everything else escaped.
pub fn terminal_multiline(s: &str) -> Cow<'_, str> {
    terminal_with(s, |c| c == '\n' || c == '\t')
}

/// JSON text for a terminal: the control and bidi characters that a JSON writer leaves raw
/// (DEL, C1 controls, bidi controls; C0 ones are escaped already) as `\uXXXX` escapes, which a
/// JSON reader turns back into the same text. Only for the output of a JSON serialiser, where
/// such characters can only occur inside strings.
pub fn json_for_terminal(s: &str) -> Cow<'_, str> {
    use std::fmt::Write as _;
    if !s.chars().any(|c| is_unsafe_for_terminal(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_for_terminal(c) && c != '\n' {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A CSV text cell that a spreadsheet will not run as a formula: a cell starting with `=`, `+`,
/// `-`, `@`, TAB or CR gets a leading `'` (the OWASP advice for CSV injection).
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// Characters allowed in an XML 1.0 document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` appended to `out` with each ASCII byte that `with` names replaced by its text; the runs
/// between them are copied whole. The escapers of the report formats (HTML, DOCX, Markdown)
/// are this with their own table.
pub fn replace_ascii_into(out: &mut String, s: &str, with: impl Fn(u8) -> Option<&'static str>) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        // Only ASCII bytes are named, so `i` is on a character boundary.
        if b.is_ascii()
            && let Some(rep) = with(b)
        {
            out.push_str(&s[last..i]);
            out.push_str(rep);
            last = i + 1;
        }
    }
    out.push_str(&s[last..]);
}

/// Text without the characters XML 1.0 forbids (C0 controls other than TAB/LF/CR, U+FFFE/FFFF)
/// and without bidi controls, so a standalone SVG stays well-formed and reads as written.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    // Printable ASCII, tab and line ends are all allowed: most texts are only that, checked
    // a byte at a time.
    let plain = |b: u8| (0x20..0x7f).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r');
    if s.bytes().all(plain) || s.chars().all(|c| is_xml_char(c) && !is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| is_xml_char(c) && !is_bidi_control(c))
            .collect(),
    )
}

/// One printable ASCII character for a terminal cell's symbol, for `--ascii` (terminals
/// without UTF-8): a letter with accents without them (`ü` -> `u`, `Ç` -> `C`, `İ` -> `I`),
/// a few letters and signs that do not decompose by their nearest ASCII (`ø`, `ł`, `ı`, `ß`,
/// dashes, quotes, spaces), anything else `?`. ASCII symbols are kept as they are.
pub fn ascii_cell(symbol: &str) -> Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization as _;
    if symbol.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Cow::Borrowed(symbol);
    }
    let Some(first) = symbol.chars().next() else {
        return Cow::Borrowed(symbol);
    };
    let near = match first {
        'ø' | 'œ' => 'o',
        'Ø' | 'Œ' => 'O',
        'ł' => 'l',
        'Ł' => 'L',
        'đ' | 'ð' => 'd',
        'Đ' | 'Ð' => 'D',
        'ı' => 'i',
        'ß' => 's',
        'æ' => 'a',
        'Æ' => 'A',
        'þ' => 't',
        'Þ' => 'T',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' | 'ʻ' | 'ʼ' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '«' | '»' => '"',
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => ' ',
        '…' | '·' | '•' => '.',
        '×' => 'x',
        c => c.nfd().find(|d| (' '..='~').contains(d)).unwrap_or('?'),
    };
    Cow::Owned(near.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_cells_keep_the_letter_without_its_accents() {
        let fold = |s: &str| {
            s.chars()
                .map(|c| ascii_cell(&c.to_string()).into_owned())
                .collect::<String>()
        };
        assert_eq!(fold("Türkiye"), "Turkiye");
        assert_eq!(fold("Côte d’Ivoire"), "Cote d'Ivoire");
        assert_eq!(fold("Curaçao – Åland"), "Curacao - Aland");
        assert_eq!(
            fold("İstanbul, Łódź, Øresund, Straße"),
            "Istanbul, Lodz, Oresund, Strase"
        );
        assert_eq!(fold("15\u{202F}762\u{A0}M…"), "15 762 M.");
        assert_eq!(fold("日本"), "??");
        assert!(matches!(ascii_cell("a"), Cow::Borrowed("a")));
        assert_eq!(ascii_cell(""), "");
    }

    #[test]
    fn terminal_escapes_controls_and_bidi() {
        assert_eq!(terminal("plain"), Cow::Borrowed("plain"));
        assert_eq!(terminal("a\u{1b}]0;pwned\u{7}b"), "a\\e]0;pwned\\x07b");
        assert_eq!(terminal("x\u{1b}[2Jy"), "x\\e[2Jy");
        assert_eq!(terminal("r\u{202e}l"), "r\\u{202e}l");
        assert_eq!(terminal("c1\u{9b}2J"), "c1\\x9b2J");
        assert_eq!(terminal("del\u{7f}"), "del\\x7f");
        assert_eq!(terminal("two\nlines"), "two\\nlines");
        assert_eq!(terminal_multiline("two\n\tlines\u{7}"), "two\n\tlines\\x07");
        assert_eq!(terminal("Türkiye – ok"), "Türkiye – ok");
    }

    #[test]
    fn json_keeps_meaning() {
        let j = serde_json::to_string("a\u{1b}b\u{202e}c\u{9b}").unwrap();
        let shown = json_for_terminal(&j);
        assert_eq!(shown, "\"a\\u001bb\\u202ec\\u009b\"");
        let back: String = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, "a\u{1b}b\u{202e}c\u{9b}");
    }

    #[test]
    fn csv_cells_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
        assert_eq!(csv_cell("\r=1"), "'\r=1");
        assert_eq!(csv_cell("UN DESA"), Cow::Borrowed("UN DESA"));
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn xml_safe_drops_invalid_characters() {
        assert_eq!(xml_safe("a\u{1b}[2Jb\u{7}c"), "a[2Jbc");
        assert_eq!(xml_safe("tab\tnl\n"), Cow::Borrowed("tab\tnl\n"));
        assert_eq!(xml_safe("\u{fffe}x\u{202e}"), "x");
        assert_eq!(xml_safe("émoji 😀"), "émoji 😀");
    }
}
