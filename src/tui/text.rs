//! Small text inputs: a one-line field and a multi-line editor. Cursor positions are in chars.

use super::action::EditOp;

/// A one-line text field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineInput {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = text.chars().count();
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Apply an editing operation; returns true when the text or cursor changed.
    pub fn apply(&mut self, op: &EditOp) -> bool {
        let len = self.text.chars().count();
        match op {
            EditOp::Insert(c) if !c.is_control() => {
                let b = self.byte_at(self.cursor);
                self.text.insert(b, *c);
                self.cursor += 1;
                true
            }
            EditOp::Backspace if self.cursor > 0 => {
                let b = self.byte_at(self.cursor - 1);
                self.text.remove(b);
                self.cursor -= 1;
                true
            }
            EditOp::Delete if self.cursor < len => {
                let b = self.byte_at(self.cursor);
                self.text.remove(b);
                true
            }
            EditOp::Left if self.cursor > 0 => {
                self.cursor -= 1;
                true
            }
            EditOp::Right if self.cursor < len => {
                self.cursor += 1;
                true
            }
            EditOp::Home if self.cursor > 0 => {
                self.cursor = 0;
                true
            }
            EditOp::End if self.cursor < len => {
                self.cursor = len;
                true
            }
            EditOp::ClearLine if !self.text.is_empty() => {
                self.text.clear();
                self.cursor = 0;
                true
            }
            _ => false,
        }
    }
}

/// A multi-line editor: lines of text and a (row, column) cursor.
#[derive(Debug, Clone, PartialEq)]
pub struct TextArea {
    pub lines: Vec<String>,
    pub row: usize,
    pub col: usize,
}

impl Default for TextArea {
    fn default() -> Self {
        TextArea {
            lines: vec![String::new()],
            row: 0,
            col: 0,
        }
    }
}

impl TextArea {
    /// An editor holding `text`, cursor at the end.
    pub fn new(text: &str) -> TextArea {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let row = lines.len() - 1;
        let col = lines.last().map_or(0, |l| l.chars().count());
        TextArea { lines, row, col }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    fn line_len(&self, row: usize) -> usize {
        self.lines.get(row).map_or(0, |l| l.chars().count())
    }

    fn split_at(&self) -> (String, String) {
        let line = self.lines.get(self.row).cloned().unwrap_or_default();
        let b = line
            .char_indices()
            .nth(self.col)
            .map_or(line.len(), |(b, _)| b);
        (line[..b].to_string(), line[b..].to_string())
    }

    /// Insert text (may contain newlines) at the cursor.
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                self.apply(&EditOp::Newline);
            } else {
                self.apply(&EditOp::Insert(c));
            }
        }
    }

    /// Apply an editing operation; returns true when something changed.
    pub fn apply(&mut self, op: &EditOp) -> bool {
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.row = self.row.min(self.lines.len() - 1);
        self.col = self.col.min(self.line_len(self.row));
        let len = self.line_len(self.row);
        match op {
            EditOp::Insert(c) if !c.is_control() => {
                let (a, b) = self.split_at();
                self.lines[self.row] = format!("{a}{c}{b}");
                self.col += 1;
                true
            }
            EditOp::Newline => {
                let (a, b) = self.split_at();
                self.lines[self.row] = a;
                self.lines.insert(self.row + 1, b);
                self.row += 1;
                self.col = 0;
                true
            }
            EditOp::Backspace => {
                if self.col > 0 {
                    let (a, b) = self.split_at();
                    let mut a: Vec<char> = a.chars().collect();
                    a.pop();
                    self.lines[self.row] = format!("{}{b}", a.into_iter().collect::<String>());
                    self.col -= 1;
                    true
                } else if self.row > 0 {
                    let cur = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = self.line_len(self.row);
                    self.lines[self.row].push_str(&cur);
                    true
                } else {
                    false
                }
            }
            EditOp::Delete => {
                if self.col < len {
                    let (a, b) = self.split_at();
                    let rest: String = b.chars().skip(1).collect();
                    self.lines[self.row] = format!("{a}{rest}");
                    true
                } else if self.row + 1 < self.lines.len() {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].push_str(&next);
                    true
                } else {
                    false
                }
            }
            EditOp::Left => {
                if self.col > 0 {
                    self.col -= 1;
                    true
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = self.line_len(self.row);
                    true
                } else {
                    false
                }
            }
            EditOp::Right => {
                if self.col < len {
                    self.col += 1;
                    true
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                    true
                } else {
                    false
                }
            }
            EditOp::Up if self.row > 0 => {
                self.row -= 1;
                self.col = self.col.min(self.line_len(self.row));
                true
            }
            EditOp::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.col = self.col.min(self.line_len(self.row));
                true
            }
            EditOp::Home if self.col > 0 => {
                self.col = 0;
                true
            }
            EditOp::End if self.col < len => {
                self.col = len;
                true
            }
            EditOp::ClearLine if !self.lines[self.row].is_empty() => {
                self.lines[self.row].clear();
                self.col = 0;
                true
            }
            _ => false,
        }
    }
}

/// Where a line of `chars` breaks into rows of at most `w` characters, at word boundaries
/// (a word longer than a row is cut): the (start, end) character ranges of the rows. Every
/// character belongs to a row except a single space at a break, which is dropped, so the rows
/// joined back with that space give the line again.
pub fn segments(chars: &[char], w: usize) -> Vec<(usize, usize)> {
    let w = w.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    while chars.len() - start > w {
        let limit = start + w;
        if chars[limit].is_whitespace() {
            // The row is exactly full; the space after it is the break.
            out.push((start, limit));
            start = limit + 1;
        } else if let Some(b) = (start + 1..=limit)
            .rev()
            .find(|&b| chars[b - 1].is_whitespace())
        {
            out.push((start, b));
            start = b;
        } else {
            out.push((start, limit));
            start = limit;
        }
    }
    out.push((start, chars.len()));
    out
}

/// `s` wrapped at word boundaries into rows of at most `w` characters (newlines kept; trailing
/// spaces of a row dropped). The one wrapping rule of every view.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in s.split('\n') {
        let chars: Vec<char> = line.chars().collect();
        for (a, b) in segments(&chars, w) {
            out.push(
                chars[a..b]
                    .iter()
                    .collect::<String>()
                    .trim_end()
                    .to_string(),
            );
        }
    }
    out
}

/// Editor lines wrapped at word boundaries into rows of at most `w` characters; returns the
/// rows and the cursor's row and column among them (a cursor at the end of a full row sits
/// just past it, in the pane's spare last column).
pub fn wrap_cursor(
    lines: &[String],
    row: usize,
    col: usize,
    w: usize,
) -> (Vec<String>, usize, usize) {
    let mut out = Vec::new();
    let (mut cr, mut cc) = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let segs = segments(&chars, w);
        if i == row {
            let k = segs
                .iter()
                .position(|&(a, b)| col >= a && col < b)
                .or_else(|| segs.iter().rposition(|&(a, _)| col >= a))
                .unwrap_or(0);
            cr = out.len() + k;
            cc = col.saturating_sub(segs[k].0);
        }
        for (a, b) in segs {
            out.push(chars[a..b].iter().collect());
        }
    }
    (out, cr, cc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_input_edits_unicode() {
        let mut l = LineInput::new("Côte");
        assert!(l.apply(&EditOp::Backspace));
        assert_eq!(l.text, "Côt");
        l.apply(&EditOp::Home);
        l.apply(&EditOp::Insert('x'));
        assert_eq!(l.text, "xCôt");
        assert!(!l.apply(&EditOp::Left) || l.cursor == 0);
    }

    #[test]
    fn text_area_newline_and_join() {
        let mut t = TextArea::new("ab");
        t.apply(&EditOp::Left);
        t.apply(&EditOp::Newline);
        assert_eq!(t.text(), "a\nb");
        t.apply(&EditOp::Backspace);
        assert_eq!(t.text(), "ab");
        t.insert_str("é\nz");
        assert_eq!(t.text(), "aé\nzb");
        assert_eq!((t.row, t.col), (1, 1));
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(
            wrap("the reference periods differ", 12),
            vec!["the", "reference", "periods", "differ"]
        );
        assert_eq!(wrap("ab cd ef", 5), vec!["ab cd", "ef"]);
        // A word longer than the row is cut; newlines start rows.
        assert_eq!(wrap("abcdefgh x\ny", 3), vec!["abc", "def", "gh", "x", "y"]);
        assert_eq!(wrap("", 5), vec![""]);
    }

    #[test]
    fn editor_rows_keep_the_cursor() {
        let lines = vec!["one two three".to_string()];
        let (rows, r, c) = wrap_cursor(&lines, 0, 9, 8);
        assert_eq!(rows, vec!["one two ", "three"]);
        // `t` of "three" is char 8: row 1, col 1.
        assert_eq!((r, c), (1, 1));
        let (_, r, c) = wrap_cursor(&lines, 0, 13, 8);
        assert_eq!((r, c), (1, 5));
        // The cursor on the dropped break space stays at the end of its row.
        let (rows, r, c) = wrap_cursor(&["abc def".to_string()], 0, 3, 3);
        assert_eq!(rows, vec!["abc", "def"]);
        assert_eq!((r, c), (0, 3));
    }
}
