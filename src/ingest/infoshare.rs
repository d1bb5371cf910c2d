//! Stats NZ Infoshare CSV exports (`ITM552105_20200603_110236_41.csv`): a title row, one or
//! more header rows (a group label such as `Estimate` over the value block, then the column
//! labels), data rows whose leading label cells are filled down (a cell of one space `" "`
//! repeats the label above), a period cell, then the values; a footer from `Table
//! information:` on (units, footnotes, the symbols legend, table reference, last update,
//! `Source: Statistics New Zealand`).
//!
//! Found by meaning, not by one header: the period column is the last leading cell that reads
//! as a period in the data rows; leading label columns are named by what they hold (`sex` for
//! Female/Male/Total, `direction` for Arrivals/Departures/Net, else `label1`, `label2`); value
//! columns are named by their label (ages `0 Years`, `0-4 Years`, `90 Years and over`, `Under
//! 15 Years`, totals `Total All Ages`). The catalogue maps the table (series = its table
//! reference from the footer, such as `ITM417AA`, the same in every export; else its title)
//! with a filter on the row labels (`direction = "Arrivals"`).
//!
//! **Ages.** A table by single year of age also carries five-year groups and overlapping
//! aggregates (`Under 15 Years`, `15-64 Years`, `65 Years and Over`). The profile keeps one
//! partition: the five-year groups and the open-ended last group; single years and overlapping
//! aggregates are left out (the notes say how many columns). Where the table publishes no total
//! over ages or sexes, the total is the sum of the published groups, marked as such in a
//! footnote (Stats NZ rounds its estimates, so a sum may differ from a total it publishes
//! elsewhere).
//!
//! **Periods.** `(Annual-Mar)` in the title means years ended March: `2002` covers April 2001
//! to March 2002. Such values keep the period as published and get `coverage =
//! "2001-04-01/2002-03-31"` and a footnote, so they are never compared with calendar years.
//! Quarters and months (`2002Q1`, `2002M01`) are read as such.

use super::csvutil::{Cell, SeriesIndex, add_note, filter_ok, head_records, parse_cell, push};
use super::table::Table;
use super::{Context, Format, Head, ImportError, Outcome, reason};
use crate::catalogue::{Indicator, Mapping};
use crate::model::{Period, Status};
use std::collections::BTreeMap;
use std::path::Path;

const PROVIDER: &str = "gov_nso_migration_estimates";
const COUNTRY: &str = "NZL";

/// Does a row hold only its first cell (a title or footer line)?
fn only_first(row: &[String]) -> bool {
    !row.first().is_some_and(|c| c.trim().is_empty()) && row.iter().skip(1).all(|c| c.is_empty())
}

/// Is a leading cell empty (Infoshare writes `" "` for "same as above" and `""` for none)?
fn blank(c: &str) -> bool {
    c.trim().is_empty()
}

/// The shape of the table, from its first rows.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    /// Index of the first data row.
    first_data: usize,
    /// Column of the period; the label columns are before it, values after it.
    period: usize,
}

fn layout(rows: &[Vec<String>]) -> Result<Layout, String> {
    let first = rows.first().ok_or("empty")?;
    if first.len() < 2 || !only_first(first) {
        return Err("the first row is not a title alone".into());
    }
    // The first row whose leading cells hold a period followed by values.
    for (r, row) in rows.iter().enumerate().skip(2).take(12) {
        let Some(p) = row
            .iter()
            .take(4)
            .position(|c| Period::parse(c.trim()).is_some())
        else {
            continue;
        };
        let values = row.iter().skip(p + 1).filter(|c| !c.is_empty()).count();
        let numeric = row
            .iter()
            .skip(p + 1)
            .filter(|c| matches!(parse_cell(c), Cell::Value(_) | Cell::Missing) && !c.is_empty())
            .count();
        if values == 0 || numeric * 10 < values * 9 {
            continue;
        }
        // The rows between the title and the data are headers: their leading cells are blank.
        let headers_ok = rows[1..r]
            .iter()
            .all(|h| h.iter().take(p + 1).all(|c| blank(c)));
        if !headers_ok {
            return Err("the rows above the data are not Infoshare header rows".into());
        }
        return Ok(Layout {
            first_data: r,
            period: p,
        });
    }
    Err("no data row (label cells, a period, then numbers) in the first rows".into())
}

pub fn sniff(head: &Head) -> Result<(), String> {
    if head.is_zip {
        return Err("a zip file, not an Infoshare CSV".into());
    }
    let rows = head_records(&head.text, 14);
    layout(&rows)?;
    // Infoshare's own marks: the single-space label cells of the header rows.
    if !rows
        .iter()
        .skip(1)
        .take(6)
        .any(|r| r.first().is_some_and(|c| c == " "))
    {
        return Err("no Infoshare header row (label cells of one space)".into());
    }
    Ok(())
}

/// A value column's label as an age group, or `Total`.
#[derive(Debug, Clone, PartialEq)]
enum Col {
    /// All ages.
    Total,
    /// An age group: `(code, first age, last age)` (`None`: open-ended).
    Age(String, u32, Option<u32>),
    /// Not an age label: kept under its label when a mapping asks for it.
    Other(String),
}

fn column(label: &str) -> Col {
    let l = label.trim().to_ascii_lowercase();
    if l == "total" || l.starts_with("total all ages") || l == "all ages" {
        return Col::Total;
    }
    let Some(rest) = l
        .strip_suffix(" years and over")
        .map(|n| (n, true))
        .or_else(|| l.strip_suffix(" years").map(|n| (n, false)))
    else {
        return Col::Other(label.trim().to_string());
    };
    let num = |s: &str| s.trim().parse::<u32>().ok();
    match rest {
        (n, true) => match num(n) {
            Some(a) => Col::Age(format!("{a}+"), a, None),
            None => Col::Other(label.trim().to_string()),
        },
        (n, false) => {
            if let Some(u) = n.strip_prefix("under ").and_then(num) {
                return Col::Age(
                    format!("0-{}", u.saturating_sub(1)),
                    0,
                    Some(u.saturating_sub(1)),
                );
            }
            if let Some((a, b)) = n.split_once('-')
                && let (Some(a), Some(b)) = (num(a), num(b))
            {
                return Col::Age(format!("{a}-{b}"), a, Some(b));
            }
            match num(n) {
                Some(a) => Col::Age(a.to_string(), a, Some(a)),
                None => Col::Other(label.trim().to_string()),
            }
        }
    }
}

/// The age columns that partition all ages: five-year groups from 0 and the open-ended group
/// that closes them; `None` when the table has no such partition.
fn partition(cols: &[(usize, Col)]) -> Option<Vec<(usize, String)>> {
    let mut out = Vec::new();
    let mut next = 0u32;
    loop {
        // A five-year group goes on; only where none does, the open-ended group closes.
        let five = cols.iter().find_map(|(c, x)| match x {
            Col::Age(code, a, Some(b)) if *a == next && *b == next + 4 => Some((*c, code.clone())),
            _ => None,
        });
        if let Some(g) = five {
            out.push(g);
            next += 5;
            continue;
        }
        let (c, code) = cols.iter().find_map(|(c, x)| match x {
            Col::Age(code, a, None) if *a == next => Some((*c, code.clone())),
            _ => None,
        })?;
        out.push((c, code));
        return (out.len() > 1).then_some(out);
    }
}

/// `(Annual-Mar)` and the like: the month a year ends in, when it is not December.
fn year_end_month(title: &str) -> Option<(u32, &'static str)> {
    let t = title.to_ascii_lowercase();
    let months = [
        ("jan", 1, "January"),
        ("feb", 2, "February"),
        ("mar", 3, "March"),
        ("apr", 4, "April"),
        ("may", 5, "May"),
        ("jun", 6, "June"),
        ("jul", 7, "July"),
        ("aug", 8, "August"),
        ("sep", 9, "September"),
        ("oct", 10, "October"),
        ("nov", 11, "November"),
    ];
    let at = t.find("annual-")?;
    let m = t.get(at + 7..at + 10)?;
    months
        .iter()
        .find(|(k, _, _)| *k == m)
        .map(|(_, n, name)| (*n, *name))
}

fn last_day(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// What a row-label column holds, by its values.
fn label_name(values: &[&str], i: usize) -> String {
    let all = |set: &[&str]| {
        values
            .iter()
            .all(|v| set.iter().any(|s| v.trim().eq_ignore_ascii_case(s)))
    };
    if all(&["Female", "Male", "Total", "Total Both Sexes", "Both sexes"]) {
        "sex".into()
    } else if all(&["Arrivals", "Departures", "Net", "Net migration"]) {
        "direction".into()
    } else {
        format!("label{}", i + 1)
    }
}

fn sex_code(v: &str) -> Option<&'static str> {
    match v.trim().to_ascii_lowercase().as_str() {
        "female" => Some("F"),
        "male" => Some("M"),
        _ => None,
    }
}

/// One data row: its filled-down labels (by column name), period and published values.
struct Row {
    labels: BTreeMap<String, String>,
    period: String,
    /// Published values by column.
    values: BTreeMap<usize, f64>,
    /// Status symbols glued to values (`E`, `P`, `R`), by column.
    flags: BTreeMap<usize, char>,
}

/// (mapping index, period, the row's labels other than sex): the key of a sum over sexes.
type SexKey = (usize, String, Vec<(String, String)>);

/// A published cell.
enum Value {
    Number(f64, Option<char>),
    /// `..` (not available), empty.
    Missing,
    /// `C` (confidential), `S` (suppressed).
    Redacted,
    Invalid,
}

/// Read a cell with Stats NZ's symbols: `..` not available, `C` confidential, `S` suppressed,
/// and a status letter after a number (`1234P` provisional, `E` early estimate, `R` revised).
fn value(raw: &str) -> Value {
    let t = raw.trim();
    if t == "C" || t == "S" {
        return Value::Redacted;
    }
    match parse_cell(t) {
        Cell::Value(v) => Value::Number(v, None),
        Cell::Missing => Value::Missing,
        Cell::Invalid => {
            let flag = t.chars().last().filter(|c| matches!(c, 'E' | 'P' | 'R'));
            match flag.map(|f| (f, parse_cell(&t[..t.len() - 1]))) {
                Some((f, Cell::Value(v))) => Value::Number(v, Some(f)),
                _ => Value::Invalid,
            }
        }
    }
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let index = SeriesIndex::new(ctx, Format::Infoshare.id());
    let t = Table::from_csv(path, b',')?;
    let l = layout(&t.rows).map_err(|e| t.error(path, 0, e))?;
    let title = t.cell(0, 0).trim().to_string();
    let mut out = Outcome::new(Format::Infoshare, &index.provider_or(PROVIDER), &title);
    // The footer: from `Table information:` (or the first row holding only its first cell).
    let end = (l.first_data..t.rows.len())
        .find(|&r| only_first(&t.rows[r]) || t.cell(r, 0).trim() == "Table information:")
        .unwrap_or(t.rows.len());
    let footer: Vec<String> = (end..t.rows.len())
        .map(|r| t.cell(r, 0).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let reference = footer
        .iter()
        .position(|s| s.starts_with("Table reference"))
        .and_then(|i| {
            let same = footer[i].trim_start_matches("Table reference:").trim();
            if same.is_empty() {
                footer.get(i + 1).cloned()
            } else {
                Some(same.to_string())
            }
        });
    let updated = footer
        .iter()
        .position(|s| s.starts_with("Last updated"))
        .and_then(|i| footer.get(i + 1).cloned());
    let from_nz = footer
        .iter()
        .any(|s| s.contains("Statistics New Zealand") || s.contains("Stats NZ"));
    if let Some(r) = &reference {
        add_note(&mut out, &format!("Table reference {r}"));
    }
    if let Some(u) = &updated {
        add_note(&mut out, &format!("Last updated {u}"));
    }
    for s in &footer {
        if s.starts_with("Owing to rounding") || s.contains("standard error") {
            add_note(&mut out, s);
        }
    }
    // Mappings: by table reference (the same in every export of the table), else by title.
    let maps: Vec<(&Indicator, &Mapping)> = match reference.as_deref().map(|r| index.get(r)) {
        Some(m) if !m.is_empty() => m.to_vec(),
        _ => index.get(&title).to_vec(),
    };
    // Column labels: the last header row's label, else the group label above it.
    let cols: Vec<(usize, Col)> = (l.period + 1..t.rows[l.first_data - 1].len())
        .map(|c| {
            let label = (1..l.first_data)
                .rev()
                .map(|r| t.cell(r, c).trim())
                .find(|s| !s.is_empty())
                .unwrap_or("");
            (c, column(label))
        })
        .collect();
    let total_col = cols.iter().find(|(_, x)| *x == Col::Total).map(|(c, _)| *c);
    let groups = partition(&cols);
    let ages_in = cols
        .iter()
        .filter(|(_, x)| matches!(x, Col::Age(..)))
        .count();
    if let Some(g) = &groups
        && ages_in > g.len()
    {
        add_note(
            &mut out,
            &format!(
                "Ages: {} groups are kept (five-year groups and the open-ended last one); {} other \
                 age columns (single years, overlapping aggregates) are not imported",
                g.len(),
                ages_in - g.len()
            ),
        );
    }
    // Data rows, labels filled down.
    let mut filled: Vec<String> = vec![String::new(); l.period];
    let mut rows: Vec<Row> = Vec::new();
    for r in l.first_data..end {
        if t.is_blank(r) {
            continue;
        }
        out.rows += 1;
        for (i, f) in filled.iter_mut().enumerate() {
            let c = t.cell(r, i);
            if !blank(c) {
                *f = c.trim().to_string();
            }
        }
        let period = t.cell(r, l.period).trim().to_string();
        if Period::parse(&period).is_none() {
            t.warn(
                &mut out,
                r,
                format!("{:?} is not a period; row skipped", period),
            );
            out.drop_row(reason::MALFORMED);
            continue;
        }
        let mut values = BTreeMap::new();
        let mut flags = BTreeMap::new();
        let (mut bad, mut redacted) = (false, false);
        for (c, _) in &cols {
            let raw = t.cell(r, *c);
            match value(raw) {
                Value::Number(v, flag) => {
                    values.insert(*c, v);
                    if let Some(f) = flag {
                        flags.insert(*c, f);
                    }
                }
                Value::Missing => {}
                Value::Redacted => redacted = true,
                Value::Invalid => {
                    let msg = format!(
                        "{}: {}; skipped",
                        t.place(r, *c),
                        super::csvutil::not_a_value(raw)
                    );
                    t.warn(&mut out, r, msg);
                    bad = true;
                }
            }
        }
        if values.is_empty() {
            out.drop_row(if bad {
                reason::MALFORMED
            } else if redacted {
                reason::REDACTED
            } else {
                reason::MISSING
            });
            continue;
        }
        rows.push(Row {
            labels: BTreeMap::new(),
            period,
            values,
            flags,
        });
        if let Some(last) = rows.last_mut() {
            last.labels = filled
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect();
        }
    }
    // Name the label columns by what they hold.
    let names: Vec<String> = (0..l.period)
        .map(|i| {
            let vals: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.labels.get(&i.to_string()).map(String::as_str))
                .collect();
            label_name(&vals, i)
        })
        .collect();
    for row in &mut rows {
        row.labels = std::mem::take(&mut row.labels)
            .into_iter()
            .filter_map(|(k, v)| Some((names.get(k.parse::<usize>().ok()?)?.clone(), v)))
            .collect();
    }
    let wrong_country = ctx
        .country
        .is_some_and(|c| !c.eq_ignore_ascii_case(COUNTRY));
    if maps.is_empty() || wrong_country || !from_nz {
        let why = if maps.is_empty() {
            *out.unmapped_series.entry(title.clone()).or_insert(0) += rows.len();
            reason::NOT_IN_CATALOGUE
        } else if !from_nz {
            *out.unmapped_countries
                .entry("(no `Source: Statistics New Zealand` line)".into())
                .or_insert(0) += rows.len();
            reason::UNKNOWN_COUNTRY
        } else {
            reason::OTHER_COUNTRY
        };
        for _ in &rows {
            out.drop_row(why);
        }
        return Ok(out);
    }
    let year_end = year_end_month(&title);
    // Per (mapping, period, labels other than sex): the by-sex totals, for the all-sex total.
    let mut by_sex: BTreeMap<SexKey, (f64, usize, bool)> = BTreeMap::new();
    for row in &rows {
        let lookup = |k: &str| row.labels.get(k).cloned();
        let sex_label = row.labels.get("sex").map(|s| s.to_ascii_lowercase());
        let sex = row.labels.get("sex").and_then(|s| sex_code(s));
        let mut gave = false;
        let mut why = reason::OTHER_SELECTION;
        for (mi, (ind, m)) in maps.iter().enumerate() {
            if !filter_ok(m, lookup) {
                continue;
            }
            let wants = |d: &str| ind.disaggregations.iter().any(|x| x == d);
            if sex_label
                .as_deref()
                .is_some_and(|s| sex_code(s).is_none() && !s.starts_with("total"))
            {
                continue;
            }
            if sex.is_some() && !wants("sex") {
                why = reason::NO_SUCH_BREAKDOWN;
                continue;
            }
            let make = |v: f64, extra: Option<&str>| {
                let mut o = super::csvutil::observation(ind, m, &row.period, v);
                annotate(&mut o, m, year_end, &row.period, extra);
                if let Some(s) = sex {
                    o.disaggregation.insert("sex".into(), s.into());
                }
                o
            };
            // The total over ages: published, else the sum of the five-year groups.
            let total = match (total_col.and_then(|c| row.values.get(&c)), &groups) {
                (Some(v), _) => Some((*v, false)),
                (None, Some(g)) => g
                    .iter()
                    .map(|(c, _)| row.values.get(c).copied())
                    .sum::<Option<f64>>()
                    .map(|v| (v, true)),
                (None, None) => None,
            };
            let flagged = |o: &mut crate::model::Observation, c: Option<usize>| {
                if let Some(f) = c.and_then(|c| row.flags.get(&c)) {
                    o.flags.push(f.to_string());
                    if *f == 'P' {
                        o.status = Some(Status::Provisional);
                    }
                }
            };
            if let Some((v, summed)) = total {
                let mut o = make(v, summed.then_some(SUM_AGES));
                flagged(&mut o, total_col.filter(|_| !summed));
                if sex.is_some() {
                    let others: Vec<(String, String)> = row
                        .labels
                        .iter()
                        .filter(|(k, _)| k.as_str() != "sex")
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    let e = by_sex
                        .entry((mi, row.period.clone(), others))
                        .or_insert((0.0, 0, false));
                    e.0 += o.value;
                    e.1 += 1;
                    e.2 |= summed;
                }
                push(&mut out, COUNTRY, o);
                gave = true;
            }
            // Age groups (by sex where the row is one sex).
            if let Some(g) = groups.as_ref().filter(|_| wants("age")) {
                for (c, code) in g {
                    if let Some(v) = row.values.get(c) {
                        let mut o = make(*v, None);
                        flagged(&mut o, Some(*c));
                        o.disaggregation.insert("age".into(), code.clone());
                        push(&mut out, COUNTRY, o);
                        gave = true;
                    }
                }
            }
        }
        if gave {
            out.used += 1;
        } else {
            out.drop_row(why);
        }
    }
    // The all-sex totals where the table gives female and male rows only.
    let has_total_sex = rows.iter().any(|r| {
        r.labels
            .get("sex")
            .is_some_and(|s| s.to_ascii_lowercase().starts_with("total"))
    });
    if !has_total_sex {
        for ((mi, period, _), (sum, n, summed)) in by_sex {
            if n != 2 {
                continue;
            }
            let (ind, m) = maps[mi];
            // `sum` adds values already scaled: no second scaling.
            let mut o = crate::model::Observation::new(&ind.id, &period, sum, "");
            let note = if summed { SUM_SEXES_AGES } else { SUM_SEXES };
            annotate(&mut o, m, year_end, &period, Some(note));
            push(&mut out, COUNTRY, o);
        }
    }
    Ok(out)
}

const SUM_AGES: &str = "Sum of the published five-year age groups (the table has no total over ages; rounded figures may not add up to a total published elsewhere).";
const SUM_SEXES: &str =
    "Sum of the published female and male figures (the table has no total over sexes).";
const SUM_SEXES_AGES: &str = "Sum of the published figures by sex and five-year age group (the table has no total over sexes or ages; rounded figures may not add up to a total published elsewhere).";

/// What every value of the table carries: an estimate (Stats NZ's migration estimates are
/// modelled, the recent ones provisional), the mapping's concept, and for years that do not
/// end in December the months covered and a footnote; `extra` is appended to the footnote.
fn annotate(
    o: &mut crate::model::Observation,
    m: &Mapping,
    year_end: Option<(u32, &'static str)>,
    period: &str,
    extra: Option<&str>,
) {
    o.status = Some(Status::Estimate);
    o.concept = m.concept.clone();
    let mut notes: Vec<String> = Vec::new();
    if let (Some((month, name)), Some(Period::Year(y))) = (year_end, Period::parse(period)) {
        o.coverage = Some(format!(
            "{}-{:02}-01/{y}-{month:02}-{:02}",
            y - 1,
            month + 1,
            last_day(y, month)
        ));
        // The months are in `coverage`; the footnote (one text for every year, so a report
        // explains it once) says what the period means.
        notes.push(format!(
            "Years ended {name} (Stats NZ `Annual-{}`): the period is the year in which they end.",
            &name[..3]
        ));
    }
    notes.extend(extra.map(str::to_string));
    if !notes.is_empty() {
        o.footnote = Some(notes.join(" "));
    }
}
