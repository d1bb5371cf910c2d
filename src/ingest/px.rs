//! PC-Axis `.px` tables (PX-Web downloads of national statistics offices), read by a real PX
//! parser, and mapped to indicators through a small TOML mapping (`--mapping FILE`).
//!
//! # The file
//! `KEYWORD[lang]("sub","keys")=value;` statements: strings in double quotes (a string may be
//! continued on the next lines as `"abc"` `"def"`, which are joined), lists separated by commas,
//! bare words (`YES`, numbers, `TLIST(A1, "2001"-"2003")`). `CODEPAGE` names the encoding of the
//! bytes (`iso-8859-1`, `windows-1252`, `utf-8`; decoded with encoding_rs); without it, UTF-8 if
//! the bytes are valid UTF-8, else Windows-1252. `LANGUAGE` is the default language and
//! `LANGUAGES` lists the others, whose keywords carry `[xx]`. `STUB` and `HEADING` list the
//! variables; `VALUES("var")` their value texts, `CODES("var")` their codes. `DATA=` holds the
//! cells in row order (stub variables slowest first, then heading variables), separated by
//! spaces, tabs, commas or line breaks; the quoted symbols `"."`, `".."` ... `"......"` and `"-"`
//! are missing-value markers (never read as numbers).
//!
//! # The mapping
//! ```toml
//! provider = "gov_nso_register"     # registry provider id (required)
//! dataset = "Migration by region"   # optional, default: the TITLE
//! language = "sv"                   # optional: read the [sv] texts (default: the file's LANGUAGE)
//! country = "SWE"                   # the country of the table, or:
//! # country_variable = "region"     #   a variable whose values are countries
//! # period = "period"               # optional: the time variable (default: TIMEVAL's)
//!
//! [[series]]
//! indicator = "imm_inflow"          # catalogue indicator id
//! select = { type = "BE0101F1", region = "00" }   # variable = code or value text
//! disaggregation = { sex = "sex" }  # dimension = variable (values: the code, after recode)
//! recode = { sex = { "1" = "M", "2" = "F", "1+2" = "" } }  # optional; "" = the total
//! scale = 1.0                       # optional
//! ```
//! Variables are named in the default or the mapping's language. A variable that is neither the
//! period, selected, a disaggregation nor the country must have one value or an `ELIMINATION`
//! value (its total), which is then selected; otherwise the mapping is refused (two cells would
//! claim one value).
//!
//! Every data cell counts as a row: used, a missing-value marker, or outside every series
//! ("series not in the catalogue").

use super::csvutil::{add_note, push, show};
use super::rows::{self, Place};
use super::{Context, Format, Head, ImportError, Outcome, reason};
use crate::model::{Observation, Period};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

// ---------------------------------------------------------------- parsing

/// One keyword statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    pub key: String,
    pub lang: Option<String>,
    pub sub: Vec<String>,
    /// The value as a list: strings unquoted (continuations joined), bare words as written.
    pub values: Vec<String>,
    /// 1-based line where the statement starts.
    pub line: usize,
}

/// One data cell: a number or a symbol.
#[derive(Debug, Clone, PartialEq)]
pub enum Datum {
    Value(f64),
    Symbol(String),
}

/// A parsed PX file.
#[derive(Debug, Clone, Default)]
pub struct PxFile {
    pub keywords: Vec<Keyword>,
    pub data: Vec<Datum>,
    pub data_line: usize,
    /// Encoding used to decode the bytes.
    pub encoding: String,
}

/// A parse error: line and message.
#[derive(Debug, Clone, PartialEq)]
pub struct PxError {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> PxError {
    PxError {
        line,
        message: message.into(),
    }
}

/// The declared `CODEPAGE` (read from the raw bytes, which are ASCII up to there).
fn declared_codepage(bytes: &[u8]) -> Option<String> {
    let pos = memchr::memmem::find(bytes, b"CODEPAGE=")?;
    let rest = bytes.get(pos + 9..)?;
    let rest = rest.strip_prefix(b"\"")?;
    let end = memchr::memchr(b'"', rest)?;
    Some(String::from_utf8_lossy(rest.get(..end)?).trim().to_string())
}

/// Decode the bytes by the declared code page.
pub fn decode(bytes: &[u8]) -> (String, String) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let enc = declared_codepage(bytes)
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                encoding_rs::WINDOWS_1252
            }
        });
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc.name().to_string())
}

/// Parse the decoded text.
pub fn parse_text(text: &str) -> Result<PxFile, PxError> {
    let mut px = PxFile::default();
    let mut chars = text.char_indices().peekable();
    let mut line = 1usize;
    loop {
        // Skip whitespace between statements.
        while let Some(&(_, c)) = chars.peek() {
            if c == '\n' {
                line += 1;
            }
            if c.is_whitespace() {
                chars.next();
            } else {
                break;
            }
        }
        let Some(&(start, _)) = chars.peek() else {
            break;
        };
        let start_line = line;
        // The statement up to `;` outside quotes.
        let mut in_quote = false;
        let mut end = None;
        for (i, c) in chars.by_ref() {
            match c {
                '"' => in_quote = !in_quote,
                '\n' => line += 1,
                ';' if !in_quote => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            if text.get(start..).is_some_and(|s| s.trim().is_empty()) {
                break;
            }
            return Err(err(start_line, "statement without a closing `;`"));
        };
        let stmt = text.get(start..end).unwrap_or("");
        let Some((head, value)) = stmt.split_once('=') else {
            return Err(err(start_line, format!("no `=` in {:?}", short(stmt))));
        };
        let (key, lang, sub) = parse_head(head.trim()).map_err(|m| err(start_line, m))?;
        if key == "DATA" {
            px.data = parse_data(value, start_line)?;
            px.data_line = start_line;
            // Anything after DATA is ignored (PX ends with the data).
            break;
        }
        let values = parse_values(value).map_err(|m| err(start_line, format!("{key}: {m}")))?;
        px.keywords.push(Keyword {
            key,
            lang,
            sub,
            values,
            line: start_line,
        });
    }
    Ok(px)
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

/// `KEY[lang]("a","b")` -> (KEY, lang, [a, b]).
fn parse_head(h: &str) -> Result<(String, Option<String>, Vec<String>), String> {
    let key_end = h.find(['[', '(']).unwrap_or(h.len());
    let key = h.get(..key_end).unwrap_or("").trim().to_ascii_uppercase();
    if key.is_empty()
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(format!("{:?} is not a keyword", short(h)));
    }
    let mut rest = h.get(key_end..).unwrap_or("").trim();
    let mut lang = None;
    if let Some(r) = rest.strip_prefix('[') {
        let (l, after) = r.split_once(']').ok_or("`[` without `]`")?;
        lang = Some(l.trim().to_string());
        rest = after.trim();
    }
    let mut sub = Vec::new();
    if let Some(r) = rest.strip_prefix('(') {
        let inner = r.strip_suffix(')').ok_or("`(` without `)`")?;
        sub = parse_values(inner)?;
    } else if !rest.is_empty() {
        return Err(format!("unexpected {rest:?} after the keyword"));
    }
    Ok((key, lang, sub))
}

/// A value list: quoted strings (continuations joined) and bare words, comma-separated.
fn parse_values(v: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    let mut chars = v.chars().peekable();
    // Was the last item a string with no comma after it yet (so a string continues it)?
    let mut open_string = false;
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == ',' {
            chars.next();
            open_string = false;
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            let mut closed = false;
            for ch in chars.by_ref() {
                if ch == '"' {
                    closed = true;
                    break;
                }
                if ch != '\r' && ch != '\n' {
                    s.push(ch);
                }
            }
            if !closed {
                return Err("unterminated string".into());
            }
            match out.last_mut() {
                Some(last) if open_string => last.push_str(&s),
                _ => out.push(s),
            }
            open_string = true;
        } else {
            // A bare word, up to a comma outside parentheses (TLIST(A1, "2001"-"2003")).
            let mut s = String::new();
            let mut depth = 0i32;
            while let Some(&ch) = chars.peek() {
                if ch == ',' && depth == 0 {
                    break;
                }
                if ch == '(' {
                    depth += 1;
                } else if ch == ')' {
                    depth -= 1;
                }
                s.push(ch);
                chars.next();
            }
            out.push(s.trim().to_string());
            open_string = false;
        }
    }
    Ok(out)
}

/// The DATA block: numbers and quoted symbols separated by whitespace or commas.
fn parse_data(v: &str, first_line: usize) -> Result<Vec<Datum>, PxError> {
    let mut out = Vec::new();
    let mut line = first_line;
    let mut chars = v.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == '\n' {
            line += 1;
        }
        if c.is_whitespace() || c == ',' {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            let mut closed = false;
            for ch in chars.by_ref() {
                if ch == '"' {
                    closed = true;
                    break;
                }
                s.push(ch);
            }
            if !closed {
                return Err(err(line, "unterminated symbol in DATA"));
            }
            out.push(Datum::Symbol(s));
        } else {
            let mut s = String::new();
            while let Some(&ch) = chars.peek() {
                if ch.is_whitespace() || ch == ',' || ch == '"' {
                    break;
                }
                s.push(ch);
                chars.next();
            }
            // Unquoted dot symbols (some writers) are symbols too.
            if !s.is_empty() && s.bytes().all(|b| b == b'.') || s == "-" {
                out.push(Datum::Symbol(s));
                continue;
            }
            match s.parse::<f64>() {
                Ok(x) if x.is_finite() => out.push(Datum::Value(x)),
                _ => {
                    return Err(err(
                        line,
                        format!("{s:?} in DATA is neither a number nor a symbol"),
                    ));
                }
            }
        }
    }
    Ok(out)
}

impl PxFile {
    /// The keyword's values in a language (`None` = default), with these sub-keys.
    pub fn get(&self, key: &str, lang: Option<&str>, sub: &[&str]) -> Option<&[String]> {
        self.keywords
            .iter()
            .find(|k| {
                k.key == key
                    && k.lang.as_deref() == lang
                    && k.sub.len() == sub.len()
                    && k.sub.iter().zip(sub).all(|(a, b)| a == b)
            })
            .map(|k| k.values.as_slice())
    }

    /// A single-valued keyword as text.
    pub fn text(&self, key: &str, lang: Option<&str>) -> Option<&str> {
        self.get(key, lang, &[])
            .and_then(|v| v.first())
            .map(String::as_str)
    }
}

// ---------------------------------------------------------------- the table

/// A variable of the table in the chosen language.
#[derive(Debug, Clone)]
struct Variable {
    /// Name in the default language and in the chosen one.
    name: String,
    name_lang: String,
    values: Vec<String>,
    codes: Vec<String>,
    elimination: Option<String>,
}

impl Variable {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.trim())
            || self.name_lang.eq_ignore_ascii_case(name.trim())
    }
    /// Index of a value given by code or value text.
    fn index_of(&self, want: &str) -> Option<usize> {
        let w = want.trim();
        self.codes
            .iter()
            .position(|c| c.eq_ignore_ascii_case(w))
            .or_else(|| self.values.iter().position(|v| v.eq_ignore_ascii_case(w)))
    }
    fn code(&self, i: usize) -> &str {
        self.codes
            .get(i)
            .or_else(|| self.values.get(i))
            .map_or("", String::as_str)
    }
}

fn variables(px: &PxFile, lang: Option<&str>) -> Result<Vec<Variable>, PxError> {
    let names = |key: &str| {
        px.get(key, None, &[])
            .map(<[String]>::to_vec)
            .unwrap_or_default()
    };
    let names_l = |key: &str| {
        lang.and_then(|l| px.get(key, Some(l), &[]))
            .map(<[String]>::to_vec)
    };
    let mut out = Vec::new();
    for key in ["STUB", "HEADING"] {
        let base = names(key);
        let local = names_l(key).unwrap_or_else(|| base.clone());
        for (i, name) in base.iter().enumerate() {
            let name_lang = local.get(i).cloned().unwrap_or_else(|| name.clone());
            let values = lang
                .and_then(|l| px.get("VALUES", Some(l), &[&name_lang]))
                .or_else(|| px.get("VALUES", None, &[name]))
                .ok_or_else(|| err(0, format!("no VALUES(\"{name}\")")))?
                .to_vec();
            let codes = px
                .get("CODES", None, &[name])
                .or_else(|| lang.and_then(|l| px.get("CODES", Some(l), &[&name_lang])))
                .map(<[String]>::to_vec)
                .unwrap_or_default();
            if !codes.is_empty() && codes.len() != values.len() {
                return Err(err(
                    0,
                    format!(
                        "CODES(\"{name}\") has {} entries, VALUES {}",
                        codes.len(),
                        values.len()
                    ),
                ));
            }
            let elimination = px
                .get("ELIMINATION", None, &[name])
                .and_then(|v| v.first())
                .filter(|v| !v.eq_ignore_ascii_case("YES") && !v.eq_ignore_ascii_case("NO"))
                .cloned();
            out.push(Variable {
                name: name.clone(),
                name_lang,
                values,
                codes,
                elimination,
            });
        }
    }
    if out.is_empty() {
        return Err(err(0, "no STUB or HEADING variables"));
    }
    Ok(out)
}

// ---------------------------------------------------------------- mapping

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PxMapping {
    pub provider: String,
    #[serde(default)]
    pub dataset: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub country_variable: Option<String>,
    #[serde(default)]
    pub period: Option<String>,
    pub series: Vec<PxSeries>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PxSeries {
    pub indicator: String,
    #[serde(default)]
    pub select: BTreeMap<String, String>,
    #[serde(default)]
    pub disaggregation: BTreeMap<String, String>,
    #[serde(default)]
    pub recode: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub scale: Option<f64>,
}

/// A PX file: the first statement is a keyword assignment and the head has the table keywords.
pub fn sniff(head: &Head) -> Result<(), String> {
    if head.is_zip {
        return Err("a zip file, not a PC-Axis table".into());
    }
    let (text, _) = decode(&head.bytes);
    let first = text.trim_start();
    let starts_kw = first.split(['=', '[', '(']).next().is_some_and(|k| {
        !k.is_empty() && k.len() < 40 && k.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
    });
    if starts_kw
        && text.contains("VALUES(")
        && (text.contains("\nSTUB") || text.contains("\nHEADING"))
    {
        Ok(())
    } else {
        Err("no PC-Axis keywords (`STUB=`, `HEADING=`, `VALUES(...)=`)".into())
    }
}

fn other(path: &Path, message: impl Into<String>) -> ImportError {
    ImportError::Other {
        path: show(path),
        message: message.into(),
    }
}

/// A planned series: the variable indices it selects and how it names cells.
struct Plan<'m> {
    series: &'m PxSeries,
    /// variable index -> required value index
    fixed: BTreeMap<usize, usize>,
    /// (dimension, variable index)
    dims: Vec<(String, usize)>,
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| super::csvutil::io_err(path, e))?;
    let (text, encoding) = decode(&bytes);
    let px = parse_text(&text).map_err(|e| super::csvutil::malformed(path, e.line, e.message))?;
    let Some(mpath) = ctx.mapping else {
        return Err(other(
            path,
            "a PC-Axis table is mapped to indicators by a mapping file: give --mapping FILE (see `migprof import --help`)",
        ));
    };
    let mtext = std::fs::read_to_string(mpath).map_err(|e| super::csvutil::io_err(mpath, e))?;
    let mapping: PxMapping = toml::from_str(&mtext).map_err(|e| ImportError::Other {
        path: show(mpath),
        message: format!("not a PX mapping: {e}"),
    })?;
    let default_lang = px.text("LANGUAGE", None).map(str::to_string);
    let lang = mapping
        .language
        .as_deref()
        .filter(|l| Some(*l) != default_lang.as_deref());
    if let Some(l) = lang
        && !px.keywords.iter().any(|k| k.lang.as_deref() == Some(l))
    {
        return Err(other(
            path,
            format!("the table has no texts in language {l:?}"),
        ));
    }
    if let Some(k) = px.keywords.iter().find(|k| k.key == "KEYS") {
        return Err(super::csvutil::malformed(
            path,
            k.line,
            "a PX table with KEYS (sparse data rows) is not supported; export it without KEYS",
        ));
    }
    let vars =
        variables(&px, lang).map_err(|e| super::csvutil::malformed(path, e.line, e.message))?;
    let cells = vars
        .iter()
        .try_fold(1usize, |a, v| a.checked_mul(v.values.len()));
    if cells != Some(px.data.len()) {
        return Err(super::csvutil::malformed(
            path,
            px.data_line,
            format!(
                "DATA has {} cells, the variables give {} ({})",
                px.data.len(),
                cells.map_or_else(|| "too many".to_string(), |c| c.to_string()),
                vars.iter()
                    .map(|v| format!("{} {}", v.name, v.values.len()))
                    .collect::<Vec<_>>()
                    .join(" x ")
            ),
        ));
    }
    let title = px
        .text("TITLE", lang)
        .or_else(|| px.text("TITLE", None))
        .unwrap_or("PC-Axis table");
    let mut out = Outcome::new(
        Format::Px,
        &mapping.provider,
        mapping.dataset.as_deref().unwrap_or(title),
    );
    if ctx.catalogue.provider(&mapping.provider).is_none() {
        return Err(ImportError::Other {
            path: show(mpath),
            message: format!("unknown provider {:?}", mapping.provider),
        });
    }
    for (k, label) in [
        ("MATRIX", "Table"),
        ("SOURCE", "Source"),
        ("CREATION-DATE", "Created"),
        ("UNITS", "Units"),
        ("NOTEX", "Note"),
        ("NOTE", "Note"),
    ] {
        if let Some(v) = px.text(k, lang).or_else(|| px.text(k, None)) {
            add_note(&mut out, &format!("{label}: {}", v.replace('#', " ")));
        }
    }
    add_note(&mut out, &format!("Read as {encoding}"));
    // The period variable.
    let timeval = px
        .keywords
        .iter()
        .find(|k| k.key == "TIMEVAL" && k.lang.is_none())
        .and_then(|k| k.sub.first().cloned());
    let period_name = mapping.period.clone().or(timeval).ok_or_else(|| {
        other(
            mpath,
            "no time variable: the table has no TIMEVAL; give `period = \"VARIABLE\"`",
        )
    })?;
    let period_var = vars
        .iter()
        .position(|v| v.is(&period_name))
        .ok_or_else(|| other(mpath, format!("the table has no variable {period_name:?}")))?;
    let country_var = match (&mapping.country, &mapping.country_variable) {
        (_, Some(cv)) => Some(
            vars.iter()
                .position(|v| v.is(cv))
                .ok_or_else(|| other(mpath, format!("the table has no variable {cv:?}")))?,
        ),
        (Some(_), None) => None,
        (None, None) => {
            return Err(other(
                mpath,
                "give `country = \"ISO3\"` or `country_variable`",
            ));
        }
    };
    let mut plans = Vec::new();
    for s in &mapping.series {
        if ctx.catalogue.indicator(&s.indicator).is_none() {
            return Err(other(mpath, format!("unknown indicator {:?}", s.indicator)));
        }
        let mut fixed = BTreeMap::new();
        for (var, want) in &s.select {
            let vi = vars.iter().position(|v| v.is(var)).ok_or_else(|| {
                other(
                    mpath,
                    format!("{}: the table has no variable {var:?}", s.indicator),
                )
            })?;
            let idx = vars[vi].index_of(want).ok_or_else(|| {
                other(
                    mpath,
                    format!("{}: variable {var:?} has no value {want:?}", s.indicator),
                )
            })?;
            fixed.insert(vi, idx);
        }
        let mut dims = Vec::new();
        for (dim, var) in &s.disaggregation {
            let vi = vars.iter().position(|v| v.is(var)).ok_or_else(|| {
                other(
                    mpath,
                    format!("{}: the table has no variable {var:?}", s.indicator),
                )
            })?;
            dims.push((dim.clone(), vi));
        }
        for (vi, v) in vars.iter().enumerate() {
            let used = vi == period_var
                || Some(vi) == country_var
                || fixed.contains_key(&vi)
                || dims.iter().any(|(_, d)| *d == vi);
            if used || v.values.len() == 1 {
                continue;
            }
            match v.elimination.as_deref().and_then(|e| v.index_of(e)) {
                Some(idx) => {
                    fixed.insert(vi, idx);
                }
                None => {
                    return Err(other(
                        mpath,
                        format!(
                            "{}: variable {:?} has {} values: select one or make it a disaggregation",
                            s.indicator,
                            v.name_lang,
                            v.values.len()
                        ),
                    ));
                }
            }
        }
        plans.push(Plan {
            series: s,
            fixed,
            dims,
        });
    }
    // Walk the cells in DATA order: the last variable varies fastest.
    let mut idx = vec![0usize; vars.len()];
    for d in &px.data {
        out.rows += 1;
        let matching: Vec<&Plan> = plans
            .iter()
            .filter(|p| p.fixed.iter().all(|(vi, want)| idx.get(*vi) == Some(want)))
            .collect();
        let why = if matching.is_empty() {
            Some(reason::NOT_IN_CATALOGUE)
        } else if let Datum::Symbol(_) = d {
            Some(reason::MISSING)
        } else {
            None
        };
        match (why, d) {
            (Some(w), _) => out.drop_row(w),
            (None, Datum::Value(v)) => {
                let period = vars[period_var].code(idx[period_var]).to_string();
                let period_ok = Period::parse(&period).is_some();
                let who = match country_var {
                    Some(ci) => {
                        let cell = vars[ci].code(idx[ci]).to_string();
                        let text = vars[ci].values.get(idx[ci]).cloned().unwrap_or_default();
                        rows::place(ctx, &mut out, &[&cell, &text], false)
                    }
                    None => rows::place(
                        ctx,
                        &mut out,
                        &[mapping.country.as_deref().unwrap_or("")],
                        false,
                    ),
                };
                match (who, period_ok) {
                    (Place::Drop(w), _) => out.drop_row(w),
                    (Place::Keep(_), false) => {
                        super::csvutil::warn(
                            &mut out,
                            px.data_line,
                            format!(
                                "period {period:?} of variable {:?} is not a period",
                                vars[period_var].name_lang
                            ),
                        );
                        out.drop_row(reason::MALFORMED);
                    }
                    (Place::Keep(iso), true) => {
                        for p in &matching {
                            let mut o = Observation::new(
                                &p.series.indicator,
                                &period,
                                p.series.scale.map_or(*v, |s| v * s),
                                "",
                            );
                            for (dim, vi) in &p.dims {
                                let code = vars[*vi].code(idx[*vi]).to_string();
                                let code = p
                                    .series
                                    .recode
                                    .get(dim)
                                    .and_then(|r| r.get(&code))
                                    .cloned()
                                    .unwrap_or(code);
                                // A value recoded to "" is the total of that dimension.
                                if !code.is_empty() {
                                    o.disaggregation.insert(dim.clone(), code);
                                }
                            }
                            push(&mut out, &iso, o);
                        }
                        out.used += 1;
                    }
                }
            }
            (None, Datum::Symbol(_)) => out.drop_row(reason::MISSING),
        }
        // Next cell index.
        for k in (0..idx.len()).rev() {
            idx[k] += 1;
            if idx[k] < vars[k].values.len() {
                break;
            }
            idx[k] = 0;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_strings_and_lists() {
        let px = parse_text(
            "CHARSET=\"ANSI\";\nSTUB=\"region\",\"age\";\nNOTE(\"region\")=\"Parts of Sö\"\n\"dertälje\";\nTIMEVAL(\"period\")=TLIST(A1, \"2001\"-\"2003\"),\"2003\";\nDATA=\n1 \"..\" 2,3\n\"-\";",
        )
        .unwrap();
        assert_eq!(px.get("STUB", None, &[]).unwrap(), ["region", "age"]);
        assert_eq!(
            px.get("NOTE", None, &["region"]).unwrap(),
            ["Parts of Södertälje"]
        );
        assert_eq!(
            px.get("TIMEVAL", None, &["period"]).unwrap(),
            ["TLIST(A1, \"2001\"-\"2003\")", "2003"]
        );
        assert_eq!(
            px.data,
            vec![
                Datum::Value(1.0),
                Datum::Symbol("..".into()),
                Datum::Value(2.0),
                Datum::Value(3.0),
                Datum::Symbol("-".into())
            ]
        );
        assert_eq!(px.data_line, 6);
    }

    #[test]
    fn language_keys_and_errors() {
        let px = parse_text("TITLE[sv]=\"Flyttningar\";\nTITLE=\"Migration\";\nDATA=1;").unwrap();
        assert_eq!(px.text("TITLE", Some("sv")), Some("Flyttningar"));
        assert_eq!(px.text("TITLE", None), Some("Migration"));
        assert_eq!(parse_text("TITLE=\"x\"").unwrap_err().line, 1);
        assert_eq!(parse_text("A=1;\nB=\"open;\nDATA=1;").unwrap_err().line, 2);
        assert!(
            parse_text("A=1;\nDATA=1 x2;")
                .unwrap_err()
                .message
                .contains("x2")
        );
        assert!(parse_text("lower case=1;").is_err());
    }

    #[test]
    fn code_pages() {
        let latin1 = b"CODEPAGE=\"iso-8859-1\";\nTITLE=\"V\xe4sby\";\nDATA=1;";
        let (t, enc) = decode(latin1);
        assert!(t.contains("Väsby"), "{t}");
        assert_eq!(enc, "windows-1252");
        let utf8 = "CODEPAGE=\"utf-8\";\nTITLE=\"Väsby\";".as_bytes();
        assert!(decode(utf8).0.contains("Väsby"));
        // Undeclared: UTF-8 when valid, else Windows-1252.
        assert!(decode(b"TITLE=\"V\xe4sby\";").0.contains("Väsby"));
    }
}
