//! Deterministic number formatting for charts, tables and sentences, per language.
//!
//! Full values use thousands separators: `1,234,567.8` in English, `1 234 567,8` in French
//! (narrow no-break space U+202F between thousands, decimal comma), `1.234.567,8` in Spanish.
//! Short values use scales the report reads well with: `12,345`, `1.2 M`, `3.4 bn` (French
//! `1,2 M`, `3,4 Md`; Spanish `1,2 M`, `3,4 mil M`). In French and Spanish the space between a
//! number and its unit, scale or `%` is a no-break space (U+00A0), so that they never part at a
//! line end; English keeps the plain space it always had. Percentages and rates keep one
//! decimal. The functions without `_in` are English.

use crate::catalogue::Unit;
use crate::i18n::{Lang, t};

/// Thousands separator of French (U+202F NARROW NO-BREAK SPACE).
pub const FR_THOUSANDS: char = '\u{202F}';

fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::En => (',', '.'),
        Lang::Fr => (FR_THOUSANDS, ','),
        Lang::Es => ('.', ','),
    }
}

/// The space between a number and its unit, scale or `%`.
pub fn unit_space(lang: Lang) -> &'static str {
    match lang {
        Lang::En => " ",
        Lang::Fr | Lang::Es => "\u{A0}",
    }
}

/// `1234567.0` -> `1,234,567`; keeps up to `decimals` decimals (trailing zeros dropped).
pub fn thousands(v: f64, decimals: usize) -> String {
    thousands_in(Lang::En, v, decimals)
}

/// [`thousands`] with the separators of `lang`.
pub fn thousands_in(lang: Lang, v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return t(lang, "not-available", &[]);
    }
    let (group, point) = separators(lang);
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let mut out = String::with_capacity(int.len() + int.len() / 3 * 3 + frac.len() + 2);
    let negative = v < 0.0 && (int.bytes().any(|b| b != b'0') || !frac.is_empty());
    if negative {
        out.push('-');
    }
    let len = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(group);
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(&frac);
    }
    out
}

/// The scale a short value is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    None,
    Million,
    Billion,
}

impl Scale {
    /// The selector Fluent messages use (`amount-persons`).
    pub fn key(self) -> &'static str {
        match self {
            Scale::None => "none",
            Scale::Million => "million",
            Scale::Billion => "billion",
        }
    }
}

/// A short value split for a sentence: the number as written (without the scale), its scale,
/// and the number the plural agrees with (`1.5` for "1,5 million", the value itself unscaled).
pub fn scaled(lang: Lang, v: f64) -> (String, Scale, f64) {
    if !v.is_finite() {
        return (t(lang, "not-available", &[]), Scale::None, 0.0);
    }
    let a = v.abs();
    let sign = if v < 0.0 { "-" } else { "" };
    let one = |x: f64| {
        let s = trim_zero(format!("{x:.1}"));
        let s = if lang == Lang::En {
            s
        } else {
            s.replace('.', ",")
        };
        let n: f64 = format!("{x:.1}").parse().unwrap_or(x);
        (format!("{sign}{s}"), n)
    };
    if a >= 1e9 {
        let (s, n) = one(a / 1e9);
        (s, Scale::Billion, n)
    } else if a >= 1e6 {
        let (s, n) = one(a / 1e6);
        (s, Scale::Million, n)
    } else {
        let s = if a >= 100.0 {
            thousands_in(lang, v, 0)
        } else if a >= 10.0 || a == 0.0 {
            thousands_in(lang, v, 1)
        } else {
            thousands_in(lang, v, 2)
        };
        (s, Scale::None, v.abs())
    }
}

/// Short form for axes and key figures: `950`, `12,345`, `1.2 M`, `3.4 bn`.
pub fn short(v: f64) -> String {
    short_in(Lang::En, v)
}

/// [`short`] in `lang`: `1,2 M`, `3,4 Md` (French), `3,4 mil M` (Spanish).
pub fn short_in(lang: Lang, v: f64) -> String {
    let (n, scale, _) = scaled(lang, v);
    match scale {
        Scale::None => n,
        Scale::Million => format!("{n}{}{}", unit_space(lang), t(lang, "scale-million", &[])),
        Scale::Billion => format!("{n}{}{}", unit_space(lang), t(lang, "scale-billion", &[])),
    }
}

fn trim_zero(s: String) -> String {
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// A value as a table prints it, according to its unit.
pub fn table_value(v: f64, unit: Unit) -> String {
    table_value_in(Lang::En, v, unit)
}

/// [`table_value`] in `lang`.
pub fn table_value_in(lang: Lang, v: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent | Unit::Per1000 | Unit::Per100000 | Unit::Ratio | Unit::Score => {
            thousands_in(lang, v, 2)
        }
        // Dollars to the dollar (providers' cents or tenths are an artefact of conversion, not
        // a precision); millions to a tenth (US$ 100,000).
        Unit::Usd => thousands_in(lang, v, 0),
        Unit::UsdMillion => thousands_in(lang, v, 1),
        Unit::Year => format!("{v:.0}"),
        _ => thousands_in(lang, v, 1),
    }
}

/// A value with its unit for sentences and key figures: `15.8 M`, `12.3 %`, `US$ 1.2 bn`.
pub fn with_unit(v: f64, unit: Unit) -> String {
    with_unit_in(Lang::En, v, unit)
}

/// [`with_unit`] in `lang`: `12,3 %`, `7,2 pour 1 000`, `1,2 Md USD`.
pub fn with_unit_in(lang: Lang, v: f64, unit: Unit) -> String {
    let n = |x: String| -> Vec<(&'static str, fluent_bundle::FluentValue<'static>)> {
        vec![("n", x.into())]
    };
    match unit {
        Unit::Percent => format!("{}{}%", thousands_in(lang, v, 1), unit_space(lang)),
        Unit::Per1000 => t(lang, "unit-per-1000", &n(thousands_in(lang, v, 1))),
        Unit::Per100000 => t(lang, "unit-per-100000", &n(thousands_in(lang, v, 1))),
        Unit::Usd => t(lang, "unit-usd", &n(short_in(lang, v))),
        Unit::UsdMillion => t(lang, "unit-usd", &n(short_in(lang, v * 1e6))),
        Unit::Ratio | Unit::Score => thousands_in(lang, v, 2),
        Unit::Year => format!("{v:.0}"),
        _ => short_in(lang, v),
    }
}

/// Axis tick label: short scale chosen from the axis maximum so all ticks agree.
pub fn tick(v: f64, axis_max: f64) -> String {
    tick_in(Lang::En, v, axis_max)
}

/// [`tick`] in `lang`.
pub fn tick_in(lang: Lang, v: f64, axis_max: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let m = axis_max.abs();
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    let scaled = |x: f64, key: &str| {
        let s = trim_zero(format!("{x:.1}"));
        let s = if lang == Lang::En {
            s
        } else {
            s.replace('.', ",")
        };
        format!("{sign}{s}{}{}", unit_space(lang), t(lang, key, &[]))
    };
    if m >= 1e9 {
        scaled(a / 1e9, "scale-billion")
    } else if m >= 1e6 {
        scaled(a / 1e6, "scale-million")
    } else if m >= 10.0 {
        thousands_in(lang, v, 0)
    } else {
        thousands_in(lang, v, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(thousands(1234567.0, 0), "1,234,567");
        assert_eq!(thousands(-1234.5, 1), "-1,234.5");
        assert_eq!(thousands(12.0, 2), "12");
        assert_eq!(thousands(-0.0001, 1), "0");
        assert_eq!(short(15_812_000.0), "15.8 M");
        assert_eq!(short(3_400_000_000.0), "3.4 bn");
        assert_eq!(short(2_000_000.0), "2 M");
        assert_eq!(short(12345.0), "12,345");
        assert_eq!(short(f64::NAN), "n/a");
        assert_eq!(with_unit(12.34, Unit::Percent), "12.3 %");
        assert_eq!(with_unit(1234.0, Unit::UsdMillion), "US$ 1.2 bn");
        assert_eq!(with_unit(7.2, Unit::Per1000), "7.2 per 1,000");
        assert_eq!(tick(500_000.0, 2_000_000.0), "0.5 M");
        assert_eq!(tick(25_000.0, 30_000.0), "25,000");
        // Remittances in US$ to the dollar (World Bank publishes them to 1e-4 of a dollar).
        assert_eq!(
            table_value(18_338_278_468.722_7, Unit::Usd),
            "18,338,278,469"
        );
        assert_eq!(table_value(1234.56, Unit::UsdMillion), "1,234.6");
        assert_eq!(table_value(7.25, Unit::Per1000), "7.25");
    }

    #[test]
    fn formats_per_locale() {
        assert_eq!(
            thousands_in(Lang::Fr, 1_234_567.8, 1),
            "1\u{202F}234\u{202F}567,8"
        );
        assert_eq!(thousands_in(Lang::Es, 1_234_567.8, 1), "1.234.567,8");
        assert_eq!(thousands_in(Lang::En, 1_234_567.8, 1), "1,234,567.8");
        assert_eq!(thousands_in(Lang::Fr, -1234.5, 1), "-1\u{202F}234,5");
        assert_eq!(short_in(Lang::Fr, 15_812_000.0), "15,8\u{A0}M");
        assert_eq!(short_in(Lang::Fr, 3_400_000_000.0), "3,4\u{A0}Md");
        assert_eq!(short_in(Lang::Es, 3_400_000_000.0), "3,4\u{A0}mil M");
        assert_eq!(with_unit_in(Lang::Fr, 12.34, Unit::Percent), "12,3\u{A0}%");
        assert_eq!(
            with_unit_in(Lang::Es, 7.2, Unit::Per1000),
            "7,2\u{A0}por 1.000"
        );
        assert_eq!(
            with_unit_in(Lang::Fr, 1234.0, Unit::UsdMillion),
            "1,2\u{A0}Md\u{A0}USD"
        );
        assert_eq!(tick_in(Lang::Es, 500_000.0, 2_000_000.0), "0,5\u{A0}M");
        assert_eq!(tick_in(Lang::Fr, 25_000.0, 30_000.0), "25\u{202F}000");
        assert_eq!(short_in(Lang::Fr, f64::NAN), "n.d.");
        assert_eq!(
            scaled(Lang::Fr, 1_500_000.0),
            ("1,5".to_string(), Scale::Million, 1.5)
        );
        assert_eq!(scaled(Lang::En, 3.0), ("3".to_string(), Scale::None, 3.0));
    }
}
