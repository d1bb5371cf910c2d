//! UNHCR importers: Refugee Data Finder exports (`unhcr_rdf`), the RDF footnotes table
//! (`unhcr_footnotes`) and the legacy popstats "persons of concern" export (`unhcr_popstats`).
//!
//! # Rows, roles and totals
//! Both UNHCR layouts are long: one row per year x country of origin x country of asylum.
//! A catalogue mapping names the column (`series`) and the role of the profile country
//! ([`crate::catalogue::Mapping::role`]: `asylum`, the country of asylum or residence, or
//! `origin`; `destination` and `reporter` read as `asylum`, the side a UNHCR row is reported
//! by). For each year the importer emits
//! - the **total** of the profile country: the sum over all partner rows, as UNHCR's own country
//!   totals are (rows whose partner is `-` are already totals and are taken as they are);
//! - the **partner detail for the latest year** in the file only (disaggregation `origin = ISO3`
//!   for role asylum, `destination = ISO3` for role origin; for returns (`Returned refugees`,
//!   `Returned IDPs`) the partner is the other end of the journey home, so the names swap: with
//!   role origin (returns *to* the country) the country of asylum they came back from is the
//!   `origin`, with role asylum (refugees *leaving* the country to go home) the country they went
//!   home to is the `destination`; partners whose code is not a country,
//!   such as UNHCR's `UNK`, keep the code as published). Earlier years are totals only, which
//!   keeps a profile readable.
//!
//! `-` and empty cells are "not applicable / none" and give no value. The code columns of the
//! decisions export (`Authority`, `Stage of procedure`, `Cases / Persons`) become flags
//! `Authority=G`, `Stage of procedure=FI`, `Cases / Persons=P`, and totals are kept per code
//! combination. Rows whose own country is `-` (the "origin-aggregate" export: totals not by
//! country) are world totals: counted as skipped aggregates, or emitted as `WLD` with
//! `include_aggregates`. A key/value preamble before the `Year,...` header (solutions.csv) is
//! skipped; its "Last updated" / "Date extracted" lines go to the outcome's notes.
//!
//! # Footnotes
//! `footnotes.csv` alone gives no values: its import fills [`Outcome::footnotes`]. When an RDF
//! export is imported and a file named `footnotes.csv` that sniffs as the footnotes table lies in
//! the same directory, its footnotes are attached to the matching observations:
//! the year lies in the footnote's year or range (`2019 - 2023`), the population type matches the
//! column (REF refugees, ASY asylum-seekers/applications/decisions, RET, RDP, RST, NAT, IDP, STA,
//! OOC, OIP, HST), and the countries agree: for a partner value, each ISO given in the footnote
//! equals the country or partner on the same side; for a total, the footnote must name the
//! profile country on its side (or name no country at all). Several footnotes are joined with
//! ` | `. The outcome's notes say which footnotes file was used. [`attach_footnotes`] does the
//! same for footnotes read elsewhere.
//!
//! # Popstats
//! Names only, resolved through the country table (`Various/Unknown` and other pseudo-entities
//! are unmapped). `*` is a redacted value of 1-4 persons: never parsed, never a value. Such cells
//! are counted in one warning, and a total whose partner rows include a `*` gets the flag `*`
//! (the total is then a lower bound). A row key (year, asylum, origin) seen twice is merged: the
//! export splits some records over two rows (returnees on one, refugees on the other), so cells
//! empty in the first row are taken from the second; a cell given differently in both keeps the
//! first, with a warning naming both lines. Values of a past territory filed under today's name
//! (`Sudan` until 2010, `Czech Rep.` until 1992 ...: `[[territory.code]]` rows of the country
//! table for `unhcr_popstats`) carry its id in `territory`.
//!
//! Row accounting: a row is one data line after the header (preamble lines are not rows). A row
//! is used when one of its cells gave a value. Repeated rows: with the procedure columns
//! (`Authority`, `Stage of procedure`, `Cases / Persons`) a key met again is a duplicate
//! (identical, counted once, both lines named) or an error naming both lines; without them
//! several rows legitimately share (year, origin, asylum) and are summed (one warning says so),
//! and only a line identical to the one before it is a duplicate. Popstats keeps its cell-wise
//! merge (above); a repeated row that adds no cell is a duplicate naming both lines.

use super::csvutil::{Dedup, Fate, Seen, not_a_value, repeated, row_hash};
use super::generic::{
    Placer, count, field, finish, mapped_provider, next_record, open_csv, parse_number,
    read_header, record, take_row, warn,
};
use super::{Context, Format, Head, ImportError, Outcome, Record, reason};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Registry ids used when the catalogue has no mapping for the format.
const RDF_PROVIDER: &str = "unhcr_refugee_data_finder";
const POPSTATS_PROVIDER: &str = "unhcr_popstats";

/// One footnote of the RDF footnotes table.
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub text: String,
    /// Earliest and latest year covered.
    pub first_year: i32,
    pub last_year: i32,
    /// The years as listed: `2018, 2020, 2022 - 2023` -> [(2018, 2018), (2020, 2020), (2022, 2023)].
    pub years: Vec<(i32, i32)>,
    /// ISO3 of the country of origin, when given.
    pub origin: Option<String>,
    /// ISO3 of the country of asylum, when given.
    pub asylum: Option<String>,
    /// UNHCR population type code: REF, ASY, IDP, ...
    pub population_type: String,
    pub line: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Role {
    Asylum,
    Origin,
}

/// The disaggregation that names the partner country of a row read with `role`: where people
/// come from when the profile country hosts them, where they are when it is their origin. For
/// returns the movement runs from the country of asylum to the country of origin, so the partner
/// of a return *to* the country (role origin) is where they came from (`origin`) and the partner
/// of a return home *from* it (role asylum) is where they went (`destination`).
fn partner_dim(role: Role, pop: &str) -> &'static str {
    let is_return = pop == "RET" || pop == "RDP";
    match (role, is_return) {
        (Role::Asylum, false) | (Role::Origin, true) => "origin",
        (Role::Origin, false) | (Role::Asylum, true) => "destination",
    }
}

/// The UNHCR population type code of a data column.
fn population_type(column: &str) -> &'static str {
    let c = column.to_ascii_lowercase();
    if c.starts_with("refugees") {
        "REF"
    } else if c.starts_with("asylum")
        || c == "applied"
        || c.contains("decisions")
        || c.starts_with("complementary")
        || c.starts_with("otherwise")
    {
        "ASY"
    } else if c.starts_with("returned idp") {
        "RDP"
    } else if c.starts_with("returned") {
        "RET"
    } else if c.starts_with("resettlement") {
        "RST"
    } else if c.starts_with("naturali") {
        "NAT"
    } else if c.starts_with("internally") || c.starts_with("idp") {
        "IDP"
    } else if c.starts_with("stateless") {
        "STA"
    } else if c.starts_with("others of concern") {
        "OOC"
    } else if c.starts_with("other people") {
        "OIP"
    } else if c.starts_with("host") {
        "HST"
    } else {
        ""
    }
}

fn lines(head: &Head) -> impl Iterator<Item = &str> {
    head.text.lines().take(40)
}

fn is_rdf_header(line: &str) -> bool {
    line.starts_with("Year,")
        && line.contains("Country of origin")
        && line.contains("Country of asylum")
        && !line.contains("Country of asylum or residence")
}

pub fn sniff_rdf(head: &Head) -> Result<(), String> {
    if lines(head).any(is_rdf_header) {
        Ok(())
    } else {
        Err(
            "no `Year,Country of origin,...,Country of asylum,...` header in the first 40 lines"
                .into(),
        )
    }
}

pub fn sniff_footnotes(head: &Head) -> Result<(), String> {
    let first = head.text.lines().next().unwrap_or("");
    if first.starts_with("Footnote,Year,") && first.contains("Population type") {
        Ok(())
    } else {
        Err("first line is not `Footnote,Year,...,Population type`".into())
    }
}

pub fn sniff_popstats(head: &Head) -> Result<(), String> {
    let first = head.text.lines().next().unwrap_or("");
    if first.starts_with("Year,")
        && first.contains("Country of asylum or residence")
        && first.contains("Origin")
    {
        Ok(())
    } else {
        Err("first line is not `Year,\"Country of asylum or residence\",Origin,...`".into())
    }
}

/// Mappings of one format by column: column -> [(indicator, role, scale)].
fn mappings(ctx: &Context, format: Format) -> HashMap<String, Vec<(String, Role, f64)>> {
    let mut m: HashMap<String, Vec<(String, Role, f64)>> = HashMap::new();
    for (ind, map) in ctx.catalogue.mappings_for_format(format.id()) {
        let role = match map.role {
            Some(crate::catalogue::Role::Origin) => Role::Origin,
            _ => Role::Asylum,
        };
        m.entry(map.series.clone()).or_default().push((
            ind.id.clone(),
            role,
            map.scale.unwrap_or(1.0),
        ));
    }
    m
}

struct Pending {
    rec: Record,
    role: Role,
    pop: &'static str,
    partner: Option<String>,
}

/// (country, indicator, period, flags).
type TotalKey = (String, String, String, Vec<String>);
/// (sum, covers a redacted cell, has a value, role, population type).
type Total = (f64, bool, bool, Role, &'static str);
/// (latest year, partner detail by (partner, flags)).
type Detail = (i64, BTreeMap<(String, Vec<String>), Pending>);

/// Totals per (country, indicator, period, flags) and latest-year partner detail.
#[derive(Default)]
struct Acc {
    totals: BTreeMap<TotalKey, Total>,
    details: BTreeMap<(String, String), Detail>,
    direct: Vec<Pending>,
}

impl Acc {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        country: &str,
        indicator: &str,
        period: &str,
        value: Option<f64>,
        role: Role,
        pop: &'static str,
        partner: Option<&str>,
        flags: &[String],
    ) {
        let Some(partner) = partner else {
            if let Some(v) = value {
                let mut r = record(country, indicator, period, v);
                r.observation.flags = flags.to_vec();
                self.direct.push(Pending {
                    rec: r,
                    role,
                    pop,
                    partner: None,
                });
            }
            return;
        };
        let key = (
            country.to_string(),
            indicator.to_string(),
            period.to_string(),
            flags.to_vec(),
        );
        let t = self
            .totals
            .entry(key)
            .or_insert((0.0, false, false, role, pop));
        match value {
            Some(v) => {
                t.0 += v;
                t.2 = true;
            }
            None => t.1 = true,
        }
        let Some(v) = value else { return };
        let year: i64 = period.trim().parse().unwrap_or(i64::MIN);
        let d = self
            .details
            .entry((country.to_string(), indicator.to_string()))
            .or_insert((year, BTreeMap::new()));
        if year > d.0 {
            *d = (year, BTreeMap::new());
        }
        if year == d.0 {
            // The same partner can appear on several rows (e.g. applications by procedure type):
            // the detail value is their sum.
            if let Some(p) = d.1.get_mut(&(partner.to_string(), flags.to_vec())) {
                p.rec.observation.value += v;
                return;
            }
            let dim = partner_dim(role, pop);
            let mut r = record(country, indicator, period, v);
            r.observation
                .disaggregation
                .insert(dim.to_string(), partner.to_string());
            r.observation.flags = flags.to_vec();
            d.1.insert(
                (partner.to_string(), flags.to_vec()),
                Pending {
                    rec: r,
                    role,
                    pop,
                    partner: Some(partner.to_string()),
                },
            );
        }
    }

    /// All records; `redacted_flag` marks totals that cover a redacted cell.
    fn finish(self, redacted_flag: Option<&str>) -> Vec<Pending> {
        let mut all = self.direct;
        for ((country, indicator, period, flags), (sum, redacted, has, role, pop)) in self.totals {
            // A total made only of redacted cells has no value.
            if !has {
                continue;
            }
            let mut r = record(&country, &indicator, &period, sum);
            r.observation.flags = flags;
            if redacted && let Some(f) = redacted_flag {
                r.observation.flags.push(f.to_string());
            }
            all.push(Pending {
                rec: r,
                role,
                pop,
                partner: None,
            });
        }
        for (_, (_, v)) in self.details {
            all.extend(v.into_values());
        }
        all
    }
}

fn partner_code(ctx: &Context, cell: &str) -> String {
    ctx.countries
        .iso3(cell)
        .map(str::to_string)
        .unwrap_or_else(|| cell.trim().to_string())
}

pub fn import_rdf(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let provider = mapped_provider(ctx, Format::UnhcrRdf, RDF_PROVIDER);
    let mut out = Outcome::new(Format::UnhcrRdf, &provider, "UNHCR Refugee Data Finder");
    let maps = mappings(ctx, Format::UnhcrRdf);
    let mut rdr = open_csv(path, b',')?;
    let mut rec = csv::StringRecord::new();
    let mut notes = Vec::new();
    let mut header: Option<(usize, Vec<String>)> = None;
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        let first = field(&rec, 0).trim();
        if first == "Year" && rec.iter().any(|f| f.starts_with("Country of asylum")) {
            header = Some((line, rec.iter().map(|s| s.trim().to_string()).collect()));
            break;
        }
        let k = first.trim_end_matches(':');
        let v = field(&rec, 1).trim();
        if (k == "Last updated" || k == "Date extracted") && !v.is_empty() {
            notes.push(format!("{k}: {v}"));
        }
        if k == "Data table contains the following"
            && !v.is_empty()
            && out.dataset.ends_with("Finder")
        {
            out.dataset = format!("UNHCR Refugee Data Finder: {v}");
        }
    }
    let Some((hline, header)) = header else {
        return Err(super::generic::malformed(
            path,
            1,
            "no `Year,Country of origin,...` header found",
        ));
    };
    let find = |name: &str| header.iter().position(|h| h == name);
    let (on, an) = (find("Country of origin"), find("Country of asylum"));
    let (Some(yc), Some(oc), Some(ac)) = (
        find("Year"),
        find("Country of origin (ISO)").or(on),
        find("Country of asylum (ISO)").or(an),
    ) else {
        return Err(super::generic::malformed(
            path,
            hline,
            "the header lacks Year / Country of origin / Country of asylum",
        ));
    };
    let code_cols: Vec<usize> = ["Authority", "Stage of procedure", "Cases / Persons"]
        .iter()
        .filter_map(|n| find(n))
        .collect();
    let skip = |i: usize| {
        i == yc
            || header.get(i).is_some_and(|h| h.starts_with("Country of"))
            || code_cols.contains(&i)
    };
    let value_cols: Vec<usize> = (0..header.len()).filter(|&i| !skip(i)).collect();
    if out.dataset.ends_with("Finder") {
        // No preamble naming the table: name it from its columns.
        let has = |n: &str| header.iter().any(|h| h == n);
        let table = if has("applied") {
            Some("Asylum applications")
        } else if has("Total decisions") {
            Some("Asylum decisions")
        } else if has("Returned refugees") || has("Resettlement arrivals") {
            Some("Solutions")
        } else if has("Refugees under UNHCR's mandate") || has("Asylum-seekers") {
            Some("Population")
        } else {
            None
        };
        if let Some(t) = table {
            out.dataset = format!("UNHCR Refugee Data Finder: {t}");
        }
    }
    let mut placer = Placer::default();
    let mut acc = Acc::default();
    let (mut repaired, mut first_repaired) = (0usize, 0usize);
    // Repeated rows. With the procedure columns the row key (year, origin, asylum, procedure)
    // is complete: a key met again is a duplicate (identical) or an error (other values).
    // Without them (an export that leaves the procedure out) several rows legitimately share
    // (year, origin, asylum) and are summed; only a row identical to the one before it is a
    // duplicate.
    let mut dedup = Dedup::default();
    let mut previous: Option<(usize, u64)> = None;
    let (mut summed, mut first_summed) = (0usize, (0usize, 0usize));
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        if rec.len() > header.len()
            && let Some(fixed) = repair_names(&rec, header.len(), on, oc, an, ac)
        {
            if repaired == 0 {
                first_repaired = line;
            }
            repaired += 1;
            rec = fixed;
        }
        if rec.len() != header.len() {
            warn(
                &mut out,
                line,
                format!(
                    "{} fields, the header has {}; row skipped",
                    rec.len(),
                    header.len()
                ),
            );
            out.drop_row(reason::MALFORMED);
            continue;
        }
        let period = field(&rec, yc).trim();
        if period.parse::<i32>().is_err() {
            warn(
                &mut out,
                line,
                format!("not a year: {period:?}; row skipped"),
            );
            out.drop_row(reason::PERIOD_UNREADABLE);
            continue;
        }
        let hash = row_hash(rec.iter().map(str::as_bytes));
        let key = std::iter::once(yc)
            .chain([oc, ac])
            .chain(code_cols.iter().copied())
            .map(|i| field(&rec, i).trim())
            .collect::<Vec<_>>()
            .join(" ");
        let seen = dedup.check(key.clone(), line, hash);
        if code_cols.is_empty() {
            let adjacent = previous.filter(|p| p.1 == hash).map(|p| p.0);
            previous = Some((line, hash));
            if let Some(first) = adjacent {
                repeated(path, &mut out, Seen::Same(first), line, &key)?;
                continue;
            }
            if let Seen::Same(first) | Seen::Conflict(first) = seen {
                if summed == 0 {
                    first_summed = (first, line);
                }
                summed += 1;
            }
        } else if repeated(path, &mut out, seen, line, &key)? {
            continue;
        }
        let mut fate = Fate::default();
        // An empty ISO cell with a name (`Unknown `) is a partner known by name only.
        let cell = |iso: usize, name: Option<usize>| {
            let v = field(&rec, iso).trim();
            if v.is_empty() {
                name.map_or("", |n| field(&rec, n).trim())
            } else {
                v
            }
        };
        let origin = cell(oc, on);
        let asylum = cell(ac, an);
        let flags: Vec<String> = code_cols
            .iter()
            .filter_map(|&i| {
                let v = field(&rec, i).trim();
                (!v.is_empty()).then(|| format!("{}={v}", header.get(i).map_or("", |h| h)))
            })
            .collect();
        for &vc in &value_cols {
            let name = header.get(vc).map_or("", |h| h.as_str());
            let raw = field(&rec, vc).trim();
            let value = if raw.is_empty() || raw == "-" {
                fate.because(reason::MISSING);
                None
            } else {
                match parse_number(raw) {
                    Some(v) => Some(v),
                    None => {
                        warn(&mut out, line, format!("{name}: {}", not_a_value(raw)));
                        fate.because(reason::MALFORMED);
                        None
                    }
                }
            };
            let Some(targets) = maps.get(name) else {
                if value.is_some() {
                    count(&mut out.unmapped_series, name);
                    fate.because(reason::NOT_IN_CATALOGUE);
                }
                continue;
            };
            for (ind, role, scale) in targets {
                let (own, other) = match role {
                    Role::Asylum => (asylum, origin),
                    Role::Origin => (origin, asylum),
                };
                let country = if own.is_empty() || own == "-" {
                    if !ctx.include_aggregates {
                        out.skipped_aggregates += 1;
                        fate.because(reason::AGGREGATE);
                        continue;
                    }
                    if ctx.country.is_some_and(|c| !c.eq_ignore_ascii_case("WLD")) {
                        fate.because(reason::OTHER_COUNTRY);
                        continue;
                    }
                    "WLD".to_string()
                } else {
                    match placer.place_why(ctx, &mut out, own) {
                        Ok(c) => c,
                        Err(why) => {
                            fate.because(why);
                            continue;
                        }
                    }
                };
                if value.is_some() {
                    fate.gave();
                }
                let partner = (!other.is_empty() && other != "-").then(|| partner_code(ctx, other));
                acc.add(
                    &country,
                    ind,
                    period,
                    value.map(|v| v * scale),
                    *role,
                    population_type(name),
                    partner.as_deref(),
                    &flags,
                );
            }
        }
        fate.settle(&mut out);
    }
    if summed > 0 {
        let (a, b) = first_summed;
        warn(
            &mut out,
            b,
            format!(
                "{summed} rows repeat the year, origin and asylum of an earlier row with no procedure columns to tell them apart (first: lines {a} and {b}); they are parts of a breakdown the export leaves out and their values are summed"
            ),
        );
    }
    if repaired > 0 {
        warn(
            &mut out,
            first_repaired,
            format!(
                "{repaired} rows have an unquoted comma in a country name (e.g. `China, Hong Kong SAR`); read by position around the ISO code columns (first here)"
            ),
        );
    }
    if !notes.is_empty() {
        out.notes = Some(notes.join("; "));
    }
    let mut pending = acc.finish(None);
    // Footnotes beside the file.
    let sibling = path.with_file_name("footnotes.csv");
    if sibling != path && sibling.is_file() {
        let head = super::read_head(&sibling)?;
        if sniff_footnotes(&head).is_ok() {
            let fctx = Context {
                country: None,
                ..*ctx
            };
            let f = import_footnotes(&sibling, &fctx)?;
            let n = attach(&mut pending, &f.footnotes);
            let note = format!("footnotes from {} ({})", sibling.display(), annotated(n));
            out.notes = Some(match out.notes.take() {
                Some(s) => format!("{s}; {note}"),
                None => note,
            });
        }
    }
    out.records = pending.into_iter().map(|p| p.rec).collect();
    finish(ctx, &mut out);
    Ok(out)
}

fn is_iso_cell(s: &str) -> bool {
    let s = s.trim();
    s == "-" || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()))
}

/// Rebuild a row whose country names hold unquoted commas (`...,China, Hong Kong SAR,HKG,...`):
/// the columns after the asylum ISO are taken from the end, the origin ISO is the first ISO-like
/// cell after the origin name. Only for the `name, ISO, name, ISO` layout.
fn repair_names(
    rec: &csv::StringRecord,
    width: usize,
    on: Option<usize>,
    oc: usize,
    an: Option<usize>,
    ac: usize,
) -> Option<csv::StringRecord> {
    let (on, an) = (on?, an?);
    if !(oc == on + 1 && an == oc + 1 && ac == an + 1) {
        return None;
    }
    let extra = rec.len().checked_sub(width)?;
    let cells: Vec<&str> = rec.iter().collect();
    let ac_new = ac + extra;
    if !is_iso_cell(cells.get(ac_new)?) {
        return None;
    }
    let oc_new = (oc..=oc + extra).find(|&j| cells.get(j).is_some_and(|c| is_iso_cell(c)))?;
    let mut out: Vec<String> = cells.get(..on)?.iter().map(|s| s.to_string()).collect();
    out.push(cells.get(on..oc_new)?.join(","));
    out.push(cells.get(oc_new)?.to_string());
    out.push(cells.get(oc_new + 1..ac_new)?.join(","));
    out.extend(cells.get(ac_new..)?.iter().map(|s| s.to_string()));
    (out.len() == width).then(|| csv::StringRecord::from(out))
}

fn footnote_matches(f: &Footnote, p: &Pending) -> bool {
    let Ok(year) = p.rec.observation.period.trim().parse::<i32>() else {
        return false;
    };
    if !f.years.iter().any(|&(a, b)| a <= year && year <= b) || f.population_type != p.pop {
        return false;
    }
    let (own, other) = match p.role {
        Role::Asylum => (&f.asylum, &f.origin),
        Role::Origin => (&f.origin, &f.asylum),
    };
    let own_ok = own.as_ref().is_none_or(|c| *c == p.rec.country);
    match &p.partner {
        Some(partner) => own_ok && other.as_ref().is_none_or(|c| c == partner),
        None => (own.is_some() && own_ok) || (own.is_none() && other.is_none()),
    }
}

fn attach(pending: &mut [Pending], footnotes: &[Footnote]) -> usize {
    let mut n = 0;
    for p in pending.iter_mut() {
        let texts: Vec<&str> = footnotes
            .iter()
            .filter(|f| footnote_matches(f, p))
            .map(|f| f.text.as_str())
            .collect();
        if !texts.is_empty() {
            p.rec.observation.footnote = Some(texts.join(" | "));
            n += 1;
        }
    }
    n
}

/// Attach footnotes to records of an RDF import (see the module docs for the matching rule).
/// `columns` gives each record's indicator -> (source column, role is origin?) as the catalogue
/// maps it; records of other indicators are left alone. Returns the number of values annotated.
pub fn attach_footnotes(ctx: &Context, records: &mut [Record], footnotes: &[Footnote]) -> usize {
    let maps = mappings(ctx, Format::UnhcrRdf);
    let mut by_ind: HashMap<&str, (Role, &'static str)> = HashMap::new();
    for (col, v) in &maps {
        for (ind, role, _) in v {
            by_ind.insert(ind.as_str(), (*role, population_type(col)));
        }
    }
    let mut n = 0;
    for r in records.iter_mut() {
        let Some(&(role, pop)) = by_ind.get(r.observation.indicator.as_str()) else {
            continue;
        };
        let partner = r
            .observation
            .disaggregation
            .get(partner_dim(role, pop))
            .cloned();
        let mut p = [Pending {
            rec: r.clone(),
            role,
            pop,
            partner,
        }];
        if attach(&mut p, footnotes) > 0 {
            let [p] = p;
            *r = p.rec;
            n += 1;
        }
    }
    n
}

fn parse_years(s: &str) -> Option<Vec<(i32, i32)>> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let part = part.trim();
        if let Some((a, b)) = part.split_once('-') {
            let (a, b): (i32, i32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            if a > b {
                return None;
            }
            out.push((a, b));
        } else {
            let y = part.parse().ok()?;
            out.push((y, y));
        }
    }
    Some(out)
}

pub fn import_footnotes(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let provider = mapped_provider(ctx, Format::UnhcrRdf, RDF_PROVIDER);
    let mut out = Outcome::new(
        Format::UnhcrFootnotes,
        &provider,
        "UNHCR Refugee Data Finder footnotes",
    );
    let mut rdr = open_csv(path, b',')?;
    let mut rec = csv::StringRecord::new();
    let (hline, header) = read_header(&mut rdr, &mut rec, path, |s| s.trim().to_string())?;
    let find = |n: &str| header.iter().position(|h| h == n);
    let (Some(tc), Some(yc), Some(oc), Some(ac), Some(pc)) = (
        find("Footnote"),
        find("Year"),
        find("Country of origin (ISO)"),
        find("Country of asylum (ISO)"),
        find("Population type"),
    ) else {
        return Err(super::generic::malformed(
            path,
            hline,
            "expected columns Footnote, Year, Country of origin (ISO), Country of asylum (ISO), Population type",
        ));
    };
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        let Some(years) = parse_years(field(&rec, yc)) else {
            warn(
                &mut out,
                line,
                format!("Year is not a year or range: {:?}", field(&rec, yc)),
            );
            out.drop_row(reason::PERIOD_UNREADABLE);
            continue;
        };
        let iso = |i: usize| {
            let v = field(&rec, i).trim();
            (!v.is_empty() && v != "-").then(|| v.to_string())
        };
        let (origin, asylum) = (iso(oc), iso(ac));
        if let Some(want) = ctx.country {
            let hit =
                |c: &Option<String>| c.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(want));
            if !(hit(&origin) || hit(&asylum) || (origin.is_none() && asylum.is_none())) {
                out.drop_row(reason::OTHER_COUNTRY);
                continue;
            }
        }
        out.used += 1;
        out.footnotes.push(Footnote {
            text: field(&rec, tc).trim().to_string(),
            first_year: years.iter().map(|y| y.0).min().unwrap_or(0),
            last_year: years.iter().map(|y| y.1).max().unwrap_or(0),
            years,
            origin,
            asylum,
            population_type: field(&rec, pc).trim().to_string(),
            line,
        });
    }
    Ok(out)
}

pub fn import_popstats(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let provider = mapped_provider(ctx, Format::UnhcrPopstats, POPSTATS_PROVIDER);
    let mut out = Outcome::new(
        Format::UnhcrPopstats,
        &provider,
        "Persons of concern (popstats export)",
    );
    let maps = mappings(ctx, Format::UnhcrPopstats);
    let need_asylum = maps.values().flatten().any(|t| t.1 == Role::Asylum);
    let need_origin = maps.values().flatten().any(|t| t.1 == Role::Origin);
    let mut rdr = open_csv(path, b',')?;
    let mut rec = csv::StringRecord::new();
    let (hline, header) = read_header(&mut rdr, &mut rec, path, |s| s.trim().to_string())?;
    let find = |n: &str| header.iter().position(|h| h == n);
    let (Some(yc), Some(ac), Some(oc)) = (
        find("Year"),
        find("Country of asylum or residence"),
        find("Origin"),
    ) else {
        return Err(super::generic::malformed(
            path,
            hline,
            "expected columns Year, Country of asylum or residence, Origin",
        ));
    };
    let value_cols: Vec<usize> = (0..header.len())
        .filter(|&i| i != yc && i != ac && i != oc)
        .collect();
    let mut placer = Placer::default();
    let mut acc = Acc::default();
    let mut seen: HashMap<(String, String, String), (usize, Vec<String>)> = HashMap::new();
    // The cell each kept country was read from (for its past territories).
    let mut own_names: HashMap<String, String> = HashMap::new();
    let (mut redacted, mut first_redacted) = (0usize, 0usize);
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if !take_row(&mut out, line, &rec, header.len()) {
            continue;
        }
        let period = field(&rec, yc).trim().to_string();
        if period.parse::<i32>().is_err() {
            warn(
                &mut out,
                line,
                format!("not a year: {period:?}; row skipped"),
            );
            out.drop_row(reason::PERIOD_UNREADABLE);
            continue;
        }
        let mut fate = Fate::default();
        for &i in &value_cols {
            if field(&rec, i).trim() == "*" {
                if redacted == 0 {
                    first_redacted = line;
                }
                redacted += 1;
            }
        }
        let asylum = field(&rec, ac).trim();
        let origin = field(&rec, oc).trim();
        let mut place = |need: bool, cell: &str, fate: &mut Fate| {
            if !need {
                return None;
            }
            placer
                .place_why(ctx, &mut out, cell)
                .map_err(|why| fate.because(why))
                .ok()
        };
        let a_code = place(need_asylum, asylum, &mut fate);
        let o_code = place(need_origin, origin, &mut fate);
        if a_code.is_none() && o_code.is_none() {
            if !need_asylum && !need_origin {
                fate.because(reason::NOT_IN_CATALOGUE);
            }
            fate.settle(&mut out);
            continue;
        }
        let key = (period.clone(), asylum.to_string(), origin.to_string());
        let values: Vec<&str> = value_cols.iter().map(|&i| field(&rec, i).trim()).collect();
        // A repeated row key: the export splits some records over two rows (one holds the
        // returnees, the other the refugees). Cells empty in the first row are taken from the
        // second; a row that adds no cell is a duplicate (counted once, both lines named); a
        // cell given differently in both keeps the first, with a warning naming both lines.
        let mut take = vec![true; values.len()];
        if let Some((l0, prev)) = seen.get_mut(&key) {
            let mut differs = Vec::new();
            let mut filled = 0;
            for (j, raw) in values.iter().enumerate() {
                let old = prev.get(j).map_or("", String::as_str);
                take[j] = old.is_empty() && !raw.is_empty();
                if take[j] {
                    filled += 1;
                    if let Some(slot) = prev.get_mut(j) {
                        *slot = raw.to_string();
                    }
                } else if !old.is_empty() && !raw.is_empty() && old != *raw {
                    differs.push(
                        header
                            .get(value_cols[j])
                            .map_or("", |h| h.as_str())
                            .to_string(),
                    );
                }
            }
            let l0 = *l0;
            let file = super::csvutil::show(path);
            if !differs.is_empty() {
                warn(
                    &mut out,
                    line,
                    format!(
                        "duplicate row {period} {asylum} / {origin} gives other values than line {l0} for {} ({file}:{l0} and {file}:{line}); kept line {l0}'s",
                        differs.join(", ")
                    ),
                );
            } else if filled == 0 {
                warn(
                    &mut out,
                    line,
                    format!(
                        "identical duplicate row {period} {asylum} / {origin}: {file}:{line} repeats {file}:{l0}; counted once"
                    ),
                );
            }
            if filled == 0 {
                out.drop_row(reason::DUPLICATE);
                continue;
            }
        } else {
            seen.insert(key, (line, values.iter().map(|v| v.to_string()).collect()));
        }
        for ((&vc, raw), _) in value_cols
            .iter()
            .zip(values)
            .zip(&take)
            .filter(|(_, t)| **t)
        {
            let name = header.get(vc).map_or("", |h| h.as_str());
            let is_redacted = raw == "*";
            let value = if raw.is_empty() || is_redacted {
                None
            } else {
                match parse_number(raw) {
                    Some(v) => Some(v),
                    None => {
                        warn(&mut out, line, format!("{name}: {}", not_a_value(raw)));
                        fate.because(reason::MALFORMED);
                        continue;
                    }
                }
            };
            if value.is_none() && !is_redacted {
                fate.because(reason::MISSING);
                continue;
            }
            let Some(targets) = maps.get(name) else {
                count(&mut out.unmapped_series, name);
                fate.because(reason::NOT_IN_CATALOGUE);
                continue;
            };
            for (ind, role, scale) in targets {
                let (own, own_cell, other) = match role {
                    Role::Asylum => (&a_code, asylum, origin),
                    Role::Origin => (&o_code, origin, asylum),
                };
                let Some(country) = own else {
                    // Placement already said why.
                    continue;
                };
                if value.is_some() {
                    fate.gave();
                } else {
                    fate.because(reason::REDACTED);
                }
                if !own_names.contains_key(country) {
                    own_names.insert(country.clone(), own_cell.to_string());
                }
                acc.add(
                    country,
                    ind,
                    &period,
                    value.map(|v| v * scale),
                    *role,
                    population_type(name),
                    Some(&partner_code(ctx, other)),
                    &[],
                );
            }
        }
        fate.settle(&mut out);
    }
    if redacted > 0 {
        warn(
            &mut out,
            first_redacted,
            format!(
                "{redacted} redacted cells (`*`, 1-4 persons) were not imported (first here); totals that cover one are flagged `*`"
            ),
        );
    }
    out.records = acc.finish(Some("*")).into_iter().map(|p| p.rec).collect();
    mark_territories(ctx, &mut out, &own_names);
    finish(ctx, &mut out);
    Ok(out)
}

/// Popstats files past territories under today's names (`Sudan` before South Sudan's first
/// year, `Czech Rep.` before Slovakia's, ...): a value whose own country cell and year the
/// country table lists as a past territory carries its id, and the notes say how many.
fn mark_territories(ctx: &Context, out: &mut Outcome, own_names: &HashMap<String, String>) {
    let mut marked: BTreeMap<String, usize> = BTreeMap::new();
    for r in &mut out.records {
        let Some(cell) = own_names.get(&r.country) else {
            continue;
        };
        let Ok(year) = r.observation.period.trim().parse::<i32>() else {
            continue;
        };
        if let Some(t) = ctx
            .countries
            .territory_for(Format::UnhcrPopstats.id(), cell, year)
        {
            r.observation.territory = Some(t.id.clone());
            *marked.entry(t.id.clone()).or_insert(0) += 1;
        }
    }
    for (id, n) in marked {
        super::csvutil::add_note(
            out,
            &format!(
                "{n} values refer to the past territory {id} (the export files it under today's name)"
            ),
        );
    }
}

/// "1 value annotated", "3 values annotated": the count of the footnotes note (see
/// `ops::recount_annotated`, which rewrites it for one country's share of an import).
pub fn annotated(n: usize) -> String {
    if n == 1 {
        "1 value annotated".to_string()
    } else {
        format!("{n} values annotated")
    }
}
