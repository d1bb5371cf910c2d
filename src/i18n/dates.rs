//! Dates written in the report's language: `2024-06-28` -> "28 June 2024", "28 juin 2024",
//! "28 de junio de 2024"; `2024-06` -> "June 2024". Anything else is printed as written.

use super::{Lang, t};
use fluent_bundle::FluentValue;

/// `meta.date` as the language writes it.
pub fn date(lang: Lang, text: &str) -> String {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let num = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] => (num(y, 4), num(m, 2), num(d, 2)),
        [y, m] => (num(y, 4), num(m, 2), Some(0)),
        _ => return text.to_string(),
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return text.to_string();
    };
    if !(1..=12).contains(&month) || day > days_in(year, month) {
        return text.to_string();
    }
    let month_name = t(lang, &format!("month-{month}"), &[]);
    let year = year.to_string();
    if day == 0 {
        t(
            lang,
            "date-month",
            &[("month", month_name.into()), ("year", year.into())],
        )
    } else {
        t(
            lang,
            "date-day",
            &[
                ("day", FluentValue::from(day)),
                ("month", month_name.into()),
                ("year", year.into()),
            ],
        )
    }
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        assert_eq!(date(Lang::En, "2024-06-28"), "28 June 2024");
        assert_eq!(date(Lang::Fr, "2024-06-28"), "28 juin 2024");
        assert_eq!(date(Lang::Fr, "2024-05-01"), "1er mai 2024");
        assert_eq!(date(Lang::Es, "2024-06-28"), "28 de junio de 2024");
        assert_eq!(date(Lang::Es, "2024-06"), "junio de 2024");
        assert_eq!(date(Lang::Fr, "June 2024"), "June 2024");
        assert_eq!(date(Lang::En, "2024-02-30"), "2024-02-30");
    }
}
