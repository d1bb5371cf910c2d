//! Table layout: font size and column widths from the cells' text.

use super::TEXT_W;
use crate::render::doc::TCell;

/// Font size (half-points) and column widths (twips, summing to the text width) of a table.
///
/// Each column needs room for its longest header word and cell word (all of a numeric cell, as
/// numbers must not wrap; monospace hashes and paths may break anywhere). The font starts
/// smaller the more columns there are and shrinks until the needs fit; the width left over goes
/// to the text columns in proportion to their mean text length, so long texts wrap least.
pub(super) fn layout(header: &[TCell], rows: &[Vec<TCell>], ncols: usize) -> (u32, Vec<u32>) {
    let chars = |s: &str| s.chars().count();
    let word = |s: &str| s.split_whitespace().map(chars).max().unwrap_or(0);
    // (needed characters, mean characters of a text column or 0).
    let cols: Vec<(usize, usize)> = (0..ncols)
        .map(|c| {
            let mut need = header.get(c).map_or(0, |h| word(&h.text) + 1);
            let (mut total, mut n, mut numeric) = (0, 0, true);
            for x in rows.iter().filter_map(|r| r.get(c)) {
                let extra = 2 * x.refs.len() + 2 * usize::from(!x.mark.is_empty());
                let w = if x.numeric {
                    chars(&x.text)
                } else if x.mono {
                    word(&x.text).min(8)
                } else {
                    word(&x.text).min(18)
                };
                need = need.max(w + extra);
                // Placeholders such as "–" do not make a column of numbers a text column.
                numeric &= x.numeric || !x.text.chars().any(char::is_alphabetic);
                total += chars(&x.text);
                n += 1;
            }
            let mean = if numeric && n > 0 {
                0
            } else {
                1 + total / n.max(1)
            };
            (need.max(2), mean)
        })
        .collect();
    let start = match ncols {
        0..=5 => 17,
        6..=9 => 15,
        _ => 13,
    };
    // Twips for n characters at a font size in half-points (Arial averages ~0.55 em), plus
    // the cell margins.
    let tw = |n: usize, size: u32| (n as u32 * size * 11 / 2) + 150;
    let mut size = start;
    while size > 12 && cols.iter().map(|c| tw(c.0, size)).sum::<u32>() > TEXT_W {
        size -= 1;
    }
    let need: Vec<u32> = cols.iter().map(|c| tw(c.0, size)).collect();
    let need_sum: u32 = need.iter().sum();
    let mut widths: Vec<u32> = if need_sum >= TEXT_W {
        need.iter().map(|n| n * TEXT_W / need_sum.max(1)).collect()
    } else {
        let spare = (TEXT_W - need_sum) as u64;
        // All-numeric tables share the spare width evenly.
        let weight: Vec<u64> = match cols.iter().map(|c| c.1 as u64).sum::<u64>() {
            0 => vec![1; ncols],
            _ => cols.iter().map(|c| c.1 as u64).collect(),
        };
        let sum: u64 = weight.iter().sum::<u64>().max(1);
        need.iter()
            .zip(&weight)
            .map(|(n, w)| n + (spare * w / sum) as u32)
            .collect()
    };
    let used: u32 = widths.iter().sum();
    if let Some(first) = widths.first_mut() {
        *first += TEXT_W.saturating_sub(used);
    }
    (size, widths)
}
