//! Deterministic number formatting for charts, tables and sentences.
//!
//! Full values use thousands separators (`1,234,567`); short values use `k`-free scales the
//! report reads well with: `12,345`, `1.2 M`, `3.4 bn`. Percentages and rates keep one decimal.

use crate::catalogue::Unit;

/// `1234567.0` -> `1,234,567`; keeps up to `decimals` decimals (trailing zeros dropped).
pub fn thousands(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return String::from("n/a");
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let mut out = String::with_capacity(int.len() + int.len() / 3 + frac.len() + 2);
    let negative = v < 0.0 && (int.bytes().any(|b| b != b'0') || !frac.is_empty());
    if negative {
        out.push('-');
    }
    let len = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    out
}

/// Short form for axes and key figures: `950`, `12,345`, `1.2 M`, `3.4 bn`.
pub fn short(v: f64) -> String {
    if !v.is_finite() {
        return String::from("n/a");
    }
    let a = v.abs();
    let sign = if v < 0.0 { "-" } else { "" };
    if a >= 1e9 {
        format!("{sign}{} bn", trim_zero(format!("{:.1}", a / 1e9)))
    } else if a >= 1e6 {
        format!("{sign}{} M", trim_zero(format!("{:.1}", a / 1e6)))
    } else if a >= 100.0 {
        thousands(v, 0)
    } else if a >= 10.0 || a == 0.0 {
        thousands(v, 1)
    } else {
        thousands(v, 2)
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
    match unit {
        Unit::Percent | Unit::Per1000 | Unit::Per100000 | Unit::Ratio | Unit::Score => {
            thousands(v, 2)
        }
        Unit::Usd | Unit::UsdMillion => thousands(v, 1),
        Unit::Year => format!("{v:.0}"),
        _ => thousands(v, 1),
    }
}

/// A value with its unit for sentences and key figures: `15.8 M`, `12.3 %`, `US$ 1.2 bn`.
pub fn with_unit(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{} %", thousands(v, 1)),
        Unit::Per1000 => format!("{} per 1,000", thousands(v, 1)),
        Unit::Per100000 => format!("{} per 100,000", thousands(v, 1)),
        Unit::Usd => format!("US$ {}", short(v)),
        Unit::UsdMillion => format!("US$ {}", short(v * 1e6)),
        Unit::Ratio | Unit::Score => thousands(v, 2),
        Unit::Year => format!("{v:.0}"),
        _ => short(v),
    }
}

/// Axis tick label: short scale chosen from the axis maximum so all ticks agree.
pub fn tick(v: f64, axis_max: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let m = axis_max.abs();
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    if m >= 1e9 {
        format!("{sign}{} bn", trim_zero(format!("{:.1}", a / 1e9)))
    } else if m >= 1e6 {
        format!("{sign}{} M", trim_zero(format!("{:.1}", a / 1e6)))
    } else if m >= 10.0 {
        thousands(v, 0)
    } else {
        thousands(v, 2)
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
        assert_eq!(tick(500_000.0, 2_000_000.0), "0.5 M");
        assert_eq!(tick(25_000.0, 30_000.0), "25,000");
    }
}
