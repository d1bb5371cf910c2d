//! A message kept as data until it is written: a Fluent id and its arguments. The core
//! produces these for texts that reach a report (quality evidence, coherence reasons), and
//! each front end writes them in its language; numbers are formatted for that language when
//! the text is written, not when the message is made.

use super::{Lang, t};
use fluent_bundle::FluentValue;

/// An argument of a [`Msg`].
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text written as is (a name, a period, a flag as published).
    Text(String),
    /// A number in the language's format (up to 3 decimals; English without separators, as
    /// migprof's messages always wrote it).
    Num(f64),
    /// A number with a fixed count of decimals (`2.8`).
    Fixed(f64, usize),
    /// A share (0.052) written as a percentage (`5.2 %`, French `5,2 %`).
    Pct(f64),
    /// A count, for plural selection (`[one] year *[other] years`).
    Count(i64),
    /// Another message, written in the same language.
    Msg(Msg),
    /// Items written one after another with a separator (`", "`, or the language's list
    /// separator when `None`).
    List(Vec<Arg>, Option<&'static str>),
    /// Items joined with the language's "and" (`a, b and c`).
    And(Vec<Arg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(m)
    }
}

/// A message id of `assets/i18n/*.ftl` with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The message written in `lang` (English where the language has no such message).
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, FluentValue)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let value: FluentValue = match v {
                    Arg::Count(n) => (*n as f64).into(),
                    other => arg_text(lang, other).into(),
                };
                (*k, value)
            })
            .collect();
        t(lang, self.id, &args)
    }

    /// The English text (for `check`, the terminal and tests).
    pub fn english(&self) -> String {
        self.text(Lang::En)
    }
}

/// Messages written one after another, separated by `sep`.
pub fn join(lang: Lang, msgs: &[Msg], sep: &str) -> String {
    msgs.iter()
        .map(|m| m.text(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A breakdown's name in the language (`sex` -> "Sex", French "Sexe"; `origin` -> "Country of
/// origin"), from the `dim-` labels; the key itself for a breakdown without one.
pub fn dimension(lang: Lang, d: &str) -> String {
    let key = format!("dim-{d}");
    let label = t(lang, &key, &[]);
    if label == key { d.to_string() } else { label }
}

/// The language's list separator with its spaces (`"; "`, French `" ; "`).
pub fn list_sep(lang: Lang) -> String {
    format!("{} ", t(lang, "list-sep", &[]))
}

fn arg_text(lang: Lang, a: &Arg) -> String {
    match a {
        Arg::Text(s) => s.clone(),
        Arg::Num(x) => match lang {
            Lang::En => crate::quality::number(*x),
            _ => crate::render::numfmt::thousands_in(lang, *x, 3),
        },
        Arg::Fixed(x, d) => match lang {
            Lang::En => format!("{x:.d$}"),
            _ => format!("{x:.d$}").replace('.', ","),
        },
        Arg::Pct(x) => percent_in(lang, *x),
        Arg::Count(n) => n.to_string(),
        Arg::Msg(m) => m.text(lang),
        Arg::List(items, sep) => {
            let sep = sep.map_or_else(|| list_sep(lang), str::to_string);
            items
                .iter()
                .map(|i| arg_text(lang, i))
                .collect::<Vec<_>>()
                .join(&sep)
        }
        Arg::And(items) => {
            let v: Vec<String> = items.iter().map(|i| arg_text(lang, i)).collect();
            match v.len() {
                0 => String::new(),
                1 => v[0].clone(),
                k => format!(
                    "{} {} {}",
                    v[..k - 1].join(", "),
                    t(lang, "list-and", &[]),
                    v[k - 1]
                ),
            }
        }
    }
}

/// A share as a percentage in `lang`: whole percents from 10 %, one decimal below
/// (`12 %`, `5.2 %`; French `5,2 %` with a no-break space).
pub fn percent_in(lang: Lang, x: f64) -> String {
    if lang == Lang::En {
        return crate::quality::percent(x);
    }
    let p = x * 100.0;
    let decimals = if p.abs() >= 10.0 { 0 } else { 1 };
    format!(
        "{}{}%",
        crate::render::numfmt::thousands_in(lang, p, decimals),
        crate::render::numfmt::unit_space(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_follow_the_language() {
        let m = Msg::new("ev-differs")
            .arg("name", "OECD")
            .arg("diff", Arg::Pct(0.052))
            .arg("period", "2010-2015");
        assert_eq!(m.english(), "differs from OECD by 5.2 % in 2010-2015");
        assert_eq!(
            m.text(Lang::Fr),
            "écart de 5,2\u{A0}% avec OECD en 2010-2015"
        );
        assert_eq!(percent_in(Lang::Es, 12.345), "1.234\u{A0}%");
        let n = Msg::new("ev-age")
            .arg("latest", Msg::new("ev-latest-year").arg("year", "2023"))
            .arg("age", Arg::Count(1))
            .arg("reference", "2024");
        assert_eq!(
            n.english(),
            "latest year 2023, 1 year before the reference year 2024"
        );
        assert_eq!(
            n.text(Lang::Es),
            "último año 2023, 1 año antes del año de referencia 2024"
        );
    }

    #[test]
    fn two_sources_are_both_and_more_are_all() {
        let wpp = |names: &[&str]| {
            let items = names.iter().map(|n| Arg::Text(n.to_string())).collect();
            Msg::new("rs-wpp-many")
                .arg("count", Arg::Count(names.len() as i64))
                .arg("sources", Arg::And(items))
        };
        let two = wpp(&["UN DESA", "World Bank"]);
        assert!(
            two.english()
                .starts_with("UN DESA and World Bank are both model-based estimates"),
            "{}",
            two.english()
        );
        assert!(
            two.text(Lang::Fr)
                .contains(" sont toutes deux des estimations")
        );
        assert!(two.text(Lang::Es).contains(" son ambas estimaciones"));
        let three = wpp(&["A", "B", "C"]);
        assert!(
            three.english().contains(" are all model-based estimates"),
            "{}",
            three.english()
        );
        assert!(three.text(Lang::Es).contains(" son todas estimaciones"));
    }
}
