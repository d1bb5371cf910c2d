//! Table layout for the PDF: font size and column widths from the cells' text, measured with
//! the embedded font itself.
//!
//! Every column gets at least what it cannot do without (its longest word, all of a number),
//! then the width left is handed out step by step to the column where it shortens the table
//! most (the estimated height: per row, the tallest cell in lines). Short columns so keep their
//! text on one line and the long texts (actions, reasons) get the rest of the page.

use super::world::{DEJAVU_SANS, DEJAVU_SANS_BOLD};
use crate::render::doc::TCell;
use ab_glyph::{Font, FontRef};
use std::sync::LazyLock;

/// The text width of the page: A4 (210 mm) less 17 mm margins each side, in points.
pub const TEXT_W: f32 = (210.0 - 2.0 * 17.0) / 25.4 * 72.0;
/// Horizontal cell padding, each side, in points (also used in the markup).
pub const INSET_X: f32 = 2.5;
/// The smallest table type, in points.
const MIN_SIZE: f32 = 6.0;
/// A text column never asks for more than this many em for its longest word: longer words
/// (identifiers, URLs) are rare and may be hyphenated or overflow a little.
const MAX_WORD_EM: f32 = 11.0;
/// Line breaking wastes part of each line; estimated lines are this much above width ratio.
const WRAP_LOSS: f32 = 1.12;

struct Metrics {
    regular: Option<FontRef<'static>>,
    bold: Option<FontRef<'static>>,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics {
    regular: FontRef::try_from_slice(DEJAVU_SANS).ok(),
    bold: FontRef::try_from_slice(DEJAVU_SANS_BOLD).ok(),
});

/// Width of `s` in em of the body font (bold for header cells).
pub fn em(s: &str, bold: bool) -> f32 {
    let m = &*METRICS;
    let font = if bold {
        m.bold.as_ref()
    } else {
        m.regular.as_ref()
    };
    match font {
        Some(f) => {
            let upem = f.units_per_em().unwrap_or(2048.0);
            s.chars()
                .map(|c| f.h_advance_unscaled(f.glyph_id(c)))
                .sum::<f32>()
                / upem
        }
        // Not reachable with the embedded font; DejaVu Sans averages about 0.6 em.
        None => s.chars().count() as f32 * 0.6,
    }
}

fn longest_word(s: &str, bold: bool) -> f32 {
    s.split_whitespace()
        .map(|w| em(w, bold))
        .fold(0.0, f32::max)
}

/// What a cell prints beside its text (disclosure mark, flags, note markers), in em of the
/// table type: they are set at 0.75 em.
fn extras_em(c: &TCell) -> f32 {
    let mut n = 0.0;
    if !c.mark.is_empty() && c.mark != "s" {
        n += 0.15 + 0.75 * em(c.mark, false);
    }
    if !c.flags.is_empty() {
        n += 0.15 + 0.75 * em(&crate::render::doc::flag_marks(&c.flags), false);
    }
    // Footnote markers: "[a]" in superscript, about 1.3 em each at the table size.
    n + 1.3 * c.refs.len() as f32
}

/// One column's needs in em of the table type.
struct Col {
    /// The narrowest it may be (longest word, or the whole of a number).
    min: f32,
    /// The widest it is worth being (its longest cell on one line).
    max: f32,
    numeric: bool,
}

/// The table's type size in points and its column widths in points (summing to `TEXT_W`).
pub fn layout(header: &[String], rows: &[Vec<TCell>], ncols: usize) -> (f32, Vec<f32>) {
    let ncols = ncols.max(1);
    // Cell text widths in em (the whole text on one line), row by row.
    let widths: Vec<Vec<f32>> = rows
        .iter()
        .map(|r| {
            (0..ncols)
                .map(|c| {
                    r.get(c).map_or(0.0, |x| {
                        if x.mono {
                            em(&x.text, false) * 0.9
                        } else {
                            em(&x.text, false) + extras_em(x)
                        }
                    })
                })
                .collect()
        })
        .collect();
    let cols: Vec<Col> = (0..ncols)
        .map(|c| {
            let head = header.get(c).map_or("", String::as_str);
            let mut min = longest_word(head, true);
            let mut max = em(head, true);
            let mut numeric = true;
            for (i, r) in rows.iter().enumerate() {
                let Some(x) = r.get(c) else { continue };
                let whole = widths[i][c];
                let need = if x.numeric {
                    whole
                } else if x.mono {
                    // Hashes and paths break anywhere.
                    whole.min(5.0)
                } else {
                    (longest_word(&x.text, false) + extras_em(x)).min(MAX_WORD_EM)
                };
                min = min.max(need);
                max = max.max(whole);
                // Placeholders such as "–" do not make a column of numbers a text column.
                numeric &= x.numeric || !x.text.chars().any(char::is_alphabetic);
            }
            Col {
                min,
                max: max.max(min),
                numeric,
            }
        })
        .collect();
    let pad = 2.0 * INSET_X;
    let mut size: f32 = match ncols {
        0..=4 => 8.0,
        5..=8 => 7.5,
        9..=12 => 7.0,
        _ => 6.5,
    };
    let min_sum = |size: f32| cols.iter().map(|c| (c.min + 0.2) * size + pad).sum::<f32>();
    while size > MIN_SIZE && min_sum(size) > TEXT_W {
        size -= 0.25;
    }
    // A fifth of an em to spare, so that a word measured to fit is not hyphenated.
    let min: Vec<f32> = cols.iter().map(|c| (c.min + 0.2) * size + pad).collect();
    let max: Vec<f32> = cols.iter().map(|c| c.max * size + pad).collect();
    let total: f32 = min.iter().sum();
    if total >= TEXT_W {
        return (size, min.iter().map(|m| m * TEXT_W / total).collect());
    }
    let mut w = min;
    let mut spare = TEXT_W - total;
    // Estimated height of the table in lines for column widths `w`.
    let height = |w: &[f32]| -> f32 {
        widths
            .iter()
            .map(|row| {
                row.iter()
                    .zip(w)
                    .map(|(t, cw)| (t * size * WRAP_LOSS / (cw - pad).max(1.0)).max(1.0))
                    .fold(1.0, f32::max)
            })
            .sum()
    };
    let step = TEXT_W / 120.0;
    while spare > 0.01 {
        let base = height(&w);
        let mut best: Option<(f32, usize, f32)> = None;
        for (c, (&m, &cw)) in max.iter().zip(&w).enumerate() {
            let d = step.min(spare).min(m - cw);
            if d <= 0.0 {
                continue;
            }
            let mut trial = w.clone();
            trial[c] += d;
            let gain = (base - height(&trial)) / d;
            if gain > 1e-6 && best.is_none_or(|(g, _, _)| gain > g) {
                best = Some((gain, c, d));
            }
        }
        let Some((_, c, d)) = best else { break };
        w[c] += d;
        spare -= d;
    }
    if spare > 0.01 {
        // Nothing gets shorter: the rest goes to the text columns by their width (to all
        // columns evenly when every column holds numbers).
        let text: f32 = (0..ncols).filter(|&c| !cols[c].numeric).map(|c| w[c]).sum();
        if text > 0.0 {
            for (x, col) in w.iter_mut().zip(&cols) {
                if !col.numeric {
                    *x += spare * *x / text;
                }
            }
        } else {
            for x in &mut w {
                *x += spare / ncols as f32;
            }
        }
    }
    (size, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> TCell {
        TCell {
            text: s.into(),
            numeric: true,
            ..TCell::default()
        }
    }

    #[test]
    fn widths_fill_the_text_width() {
        let header = vec!["Indicator".to_string(), "Value".to_string()];
        let rows = vec![vec![TCell::text("Net migration"), num("312,735")]];
        let (size, w) = layout(&header, &rows, 2);
        assert_eq!(size, 8.0);
        assert!((w.iter().sum::<f32>() - TEXT_W).abs() < 0.1, "{w:?}");
        // The numeric column keeps its natural width; the text column takes the rest.
        assert!(w[1] < w[0]);
        let need = (em("312,735", false).max(em("Value", true)) + 0.2) * 8.0 + 5.0;
        assert!((w[1] - need).abs() < 0.1, "{w:?}");
    }

    #[test]
    fn the_long_text_column_gets_the_width() {
        // The action plan: a short indicator, a long action, a short responsible party.
        let action = "Fill the missing value. Request the official figures from the national \
                      statistics office and import the published series from the provider."
            .repeat(3);
        let header: Vec<String> = ["Indicator", "Action", "Responsible", "Priority"]
            .map(String::from)
            .to_vec();
        let rows: Vec<Vec<TCell>> = (0..10)
            .map(|_| {
                vec![
                    TCell::text("Remittances received as share of GDP"),
                    TCell::text(action.as_str()),
                    TCell::text("Ministry of Labour and Social Affairs"),
                    TCell::text("high"),
                ]
            })
            .collect();
        let (_, w) = layout(&header, &rows, 4);
        assert!(w[1] > 0.45 * TEXT_W, "{w:?}");
        assert!(w[1] > 2.0 * w[2], "{w:?}");
        assert!((w.iter().sum::<f32>() - TEXT_W).abs() < 0.1);
    }

    #[test]
    fn many_columns_shrink_the_type_until_they_fit() {
        let header: Vec<String> = (0..14).map(|i| format!("{}", 1990 + i)).collect();
        let rows = vec![(0..14).map(|_| num("12,345,678")).collect::<Vec<_>>()];
        let (size, w) = layout(&header, &rows, 14);
        assert!((MIN_SIZE..6.5).contains(&size), "{size}");
        assert!((w.iter().sum::<f32>() - TEXT_W).abs() < 0.1);
    }

    #[test]
    fn measures_with_the_embedded_font() {
        // DejaVu Sans: digits are 1303/2048 em wide.
        assert!((em("0", false) - 1303.0 / 2048.0).abs() < 1e-4);
        assert!(em("Mm", true) > em("Mm", false));
    }
}
