//! IOM Missing Migrants Project incidents (`missing_migrants`), aggregated to country-year.
//!
//! Two layouts are read, one row (or object) per incident:
//! - the CSV export: the 2019 names (`Web ID`, `Reported Date`, `Reported Year`, `Number Dead`,
//!   `Total Dead and Missing`, `Location Coordinates`, ...; UTF-8 with a BOM, CRLF, no final
//!   newline) and the newer ones (`Main ID`, `Incident Date`, `Incident Year`, `Number of Dead`,
//!   `Total Number of Dead and Missing`, `Country of Incident`, `Coordinates`, ...);
//! - the per-year JSON (`[{"web_id": ..., "country_of_incident": ..., "location_coodinates"
//!   (sic): "lat, lon", ...}]`, every value a string).
//!
//! Column names are matched by meaning (case, `_` and spacing ignored; several spellings per
//! column, see [`ALIASES`]) and mapped to the 2019 names the catalogue uses. Each mapped count
//! column is summed per country and year; an empty cell is unknown and adds nothing.
//!
//! **Placement.** An incident counts for the country of the file's own country-of-incident field
//! when it has one that names a country; otherwise (no such column, or the cell is empty,
//! `Unknown` or no country) for the country its coordinates fall in, found offline against the
//! OpenStreetMap-derived boundaries of [`super::geo`] (ODbL). Those boundaries take in each
//! country's coastal waters (measured there: at least 12 nautical miles off every open coast,
//! split between neighbours near the median line), so an incident at sea counts for the
//! country whose waters hold it. The location text never places an incident at sea: "off the
//! coast of Kas, Turkey, en route to Kastellorizo, Greece" names the destination last. It only
//! settles the side of a land border the simplified boundaries cannot: when another country's
//! boundary lies within 10 km of the point and the text, speaking of no sea or route (`off`,
//! `coast`, `island`, `en route`, `between`, ...), names exactly one of the countries there
//! ("Río Bravo, near Nuevo Laredo, Tamaulipas, Mexico" falls in the United States by the
//! boundaries, and counts for Mexico). An incident that cannot be
//! placed (at sea beyond every country's waters, no coordinates) is counted in
//! `unmapped_countries` under its route (or region) and the reason, and the source notes give
//! the incidents and dead and missing left unplaced. Each value's footnote states the method;
//! the source notes carry the ODbL attribution.
//!
//! **Partial final year.** An export ends on the day it was made: the last year in the file is
//! partial when its latest incident date is before 31 December. Its values get `coverage =
//! "YYYY-01-01/YYYY-MM-DD"` and a footnote saying so; full years have no coverage.
//!
//! **Source quality.** Each footnote starts with the number of incidents summed and the minimum
//! and mean `Source Quality` (1 = one unverified source ... 5 = official or several verified
//! sources), e.g. `12 incidents; Source Quality min 1, mean 2.8 (1-5)`.

use super::generic::{
    Placed, Placer, col, count, finish, io_err, malformed, mapped_provider, next_record, open_csv,
    parse_number, read_header, record, take_row, warn,
};
use super::geo::{ATTRIBUTION, Geocoder, parse_coordinates};
use super::{Context, Format, Head, ImportError, Outcome};
use crate::country::Countries;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Spellings of each column (normalised: lower case, `_` as space) -> the name used here.
pub const ALIASES: &[(&str, &str)] = &[
    ("web id", "Web ID"),
    ("main id", "Web ID"),
    ("total dead and missing", "Total Dead and Missing"),
    ("total number of dead and missing", "Total Dead and Missing"),
    ("number dead", "Number Dead"),
    ("number of dead", "Number Dead"),
    (
        "minimum estimated number of missing",
        "Minimum Estimated Number of Missing",
    ),
    ("number missing", "Minimum Estimated Number of Missing"),
    ("number of missing", "Minimum Estimated Number of Missing"),
    ("reported year", "Reported Year"),
    ("incident year", "Reported Year"),
    ("year", "Reported Year"),
    ("reported date", "Date"),
    ("incident date", "Date"),
    ("date", "Date"),
    ("country of incident", "Country of Incident"),
    ("incident country", "Country of Incident"),
    ("country", "Country of Incident"),
    ("location coordinates", "Location Coordinates"),
    ("location coodinates", "Location Coordinates"),
    ("coordinates", "Location Coordinates"),
    ("region of incident", "Region of Incident"),
    ("incident region", "Region of Incident"),
    ("region", "Region of Incident"),
    ("migration route", "Migration Route"),
    ("route", "Migration Route"),
    ("location description", "Location Description"),
    ("location of incident", "Location Description"),
    ("source quality", "Source Quality"),
];

fn normalise(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name a header cell is read under (its own, trimmed, when no alias matches).
pub fn canonical(h: &str) -> String {
    let n = normalise(h);
    ALIASES
        .iter()
        .find(|(a, _)| *a == n)
        .map_or_else(|| h.trim().to_string(), |(_, c)| c.to_string())
}

fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('[')
}

pub fn sniff(head: &Head) -> Result<(), String> {
    if is_json(&head.text) {
        let t = &head.text;
        return if t.contains("\"web_id\"") && t.contains("\"total_dead_and_missing\"") {
            Ok(())
        } else {
            Err("a JSON array without `web_id` and `total_dead_and_missing`".into())
        };
    }
    let first = head.text.lines().next().unwrap_or("");
    let names: Vec<String> = first
        .split(',')
        .map(|c| canonical(c.trim_matches('"')))
        .collect();
    let has = |n: &str| names.iter().any(|c| c == n);
    if has("Web ID") && has("Total Dead and Missing") && (has("Reported Year") || has("Date")) {
        Ok(())
    } else {
        Err("no `Web ID|Main ID,...,Total [Number of] Dead and Missing` incident header".into())
    }
}

/// A calendar date (year, month, day).
type Date = (i32, u32, u32);

/// Read a date as Missing Migrants writes them: `9-Jul-19`, `09-Jul-2019`, `2019-07-09` (with or
/// without a time after it), `07/09/2019` (month first, as in the newer CSV).
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    let valid = |d: Date| (1..=12).contains(&d.1) && (1..=31).contains(&d.2);
    if let [a, m, b] = s.split('-').collect::<Vec<_>>()[..] {
        if a.len() == 4 {
            let date = (a.parse().ok()?, m.parse().ok()?, b.parse().ok()?);
            return valid(date).then_some(date);
        }
        let (d, y) = (a, b);
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let mon = MONTHS
            .iter()
            .position(|x| m.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(x)))?;
        let year: i32 = y.parse().ok()?;
        let year = match y.len() {
            2 => 2000 + year,
            4 => year,
            _ => return None,
        };
        let date = (year, mon as u32 + 1, d.parse().ok()?);
        return valid(date).then_some(date);
    }
    if let [m, d, y] = s.split('/').collect::<Vec<_>>()[..] {
        let date = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        return (y.len() == 4 && valid(date)).then_some(date);
    }
    None
}

/// How one incident was placed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Method {
    /// By the file's country of incident.
    Field,
    /// By coordinates (on land or in the coastal waters the boundaries draw).
    Coordinates,
    /// By coordinates near a border, the side given by the one candidate country the location
    /// text names.
    BorderText,
}

#[derive(Default)]
struct CountryYear {
    sums: BTreeMap<usize, f64>,
    /// Counts (by column) of which an incident's value could not be read, with the first line:
    /// the country-year's sum of that count would be short, so it is left out.
    unreadable: BTreeMap<usize, usize>,
    incidents: usize,
    quality: Vec<f64>,
    methods: BTreeMap<Method, usize>,
}

/// The columns an import reads, by index into the row.
struct Columns {
    year: Option<usize>,
    date: Option<usize>,
    country: Option<usize>,
    coordinates: Option<usize>,
    location: Option<usize>,
    route: Option<usize>,
    region: Option<usize>,
    quality: Option<usize>,
    /// `Total Dead and Missing`, to report what could not be placed.
    total: Option<usize>,
    /// Mapped count columns: index -> [(indicator, scale)].
    mapped: BTreeMap<usize, Vec<(String, f64)>>,
    /// Count columns that no mapping takes, listed as unmapped series.
    unmapped: Vec<usize>,
}

impl Columns {
    fn new(ctx: &Context, header: &[String]) -> Columns {
        let mut mapped: BTreeMap<usize, Vec<(String, f64)>> = BTreeMap::new();
        for (ind, m) in ctx
            .catalogue
            .mappings_for_format(Format::MissingMigrants.id())
        {
            if let Some(i) = col(header, &m.series) {
                mapped
                    .entry(i)
                    .or_default()
                    .push((ind.id.clone(), m.scale.unwrap_or(1.0)));
            }
        }
        let unmapped = [
            "Total Dead and Missing",
            "Number Dead",
            "Minimum Estimated Number of Missing",
        ]
        .iter()
        .filter_map(|n| col(header, n))
        .filter(|i| !mapped.contains_key(i))
        .collect();
        Columns {
            year: col(header, "Reported Year"),
            date: col(header, "Date"),
            country: col(header, "Country of Incident"),
            coordinates: col(header, "Location Coordinates"),
            location: col(header, "Location Description"),
            route: col(header, "Migration Route"),
            region: col(header, "Region of Incident"),
            quality: col(header, "Source Quality"),
            total: col(header, "Total Dead and Missing"),
            mapped,
            unmapped,
        }
    }
}

/// Why an incident could not be placed in a country.
const HIGH_SEA: &str = "at sea beyond every country's coastal waters";
const NO_PLACE: &str = "no coordinates and no country of incident";
const BAD_COORDINATES: &str = "coordinates not readable and no country of incident";

/// The running import: placement, sums, dates and what could not be placed.
struct Run<'a> {
    ctx: &'a Context<'a>,
    header: Vec<String>,
    cols: Columns,
    placer: Placer,
    geocoder: Option<&'static Geocoder>,
    /// Coordinates cell -> the boundaries id there, `Ok(None)` at sea beyond every country's
    /// waters (incidents often share a point).
    spots: BTreeMap<String, Result<Option<Spot>, &'static str>>,
    /// Coordinates cell -> the other countries within 10 km (probed only when a text may
    /// decide).
    nears: BTreeMap<String, BTreeSet<String>>,
    acc: BTreeMap<(String, i32), CountryYear>,
    /// Latest incident date of each year.
    latest: BTreeMap<i32, Date>,
    /// Years with an incident whose date could not be read.
    undated: BTreeMap<i32, usize>,
    /// Unplaced incidents: reason -> (incidents, total dead and missing).
    unplaced: BTreeMap<&'static str, (usize, f64)>,
    by_field: usize,
    by_coordinates: usize,
}

impl<'a> Run<'a> {
    fn new(ctx: &'a Context<'a>, header: Vec<String>, path: &Path) -> Result<Run<'a>, ImportError> {
        let cols = Columns::new(ctx, &header);
        if cols.year.is_none() && cols.date.is_none() {
            return Err(malformed(path, 1, "no year or date column"));
        }
        if cols.country.is_none() && cols.coordinates.is_none() {
            return Err(malformed(
                path,
                1,
                "no Country of Incident and no Location Coordinates column: incidents cannot be placed",
            ));
        }
        let geocoder = if cols.coordinates.is_some() {
            Some(Geocoder::shared().map_err(|message| ImportError::Other {
                path: path.display().to_string(),
                message,
            })?)
        } else {
            None
        };
        Ok(Run {
            ctx,
            header,
            cols,
            placer: Placer::default(),
            geocoder,
            spots: BTreeMap::new(),
            nears: BTreeMap::new(),
            acc: BTreeMap::new(),
            latest: BTreeMap::new(),
            undated: BTreeMap::new(),
            unplaced: BTreeMap::new(),
            by_field: 0,
            by_coordinates: 0,
        })
    }

    fn name(&self, i: usize) -> &str {
        self.header.get(i).map_or("", String::as_str)
    }

    /// One incident; `at` says where it is in the file for warnings.
    fn row(&mut self, out: &mut Outcome, line: usize, at: &str, cells: &[&str]) {
        let cell = |c: Option<usize>| get(cells, c);
        let date = self
            .cols
            .date
            .map(|i| cell(Some(i)))
            .filter(|s| !s.is_empty());
        let parsed = date.and_then(parse_date);
        let year = match self.cols.year {
            Some(i) => match cell(Some(i)).parse::<i32>() {
                Ok(y) => y,
                Err(_) => {
                    warn(out, line, format!("{at}not a year: {:?}", cell(Some(i))));
                    return;
                }
            },
            None => match parsed {
                Some(d) => d.0,
                None => {
                    warn(
                        out,
                        line,
                        format!("{at}not a date: {:?}", date.unwrap_or("")),
                    );
                    return;
                }
            },
        };
        match parsed.filter(|d| d.0 == year) {
            Some(d) => {
                let l = self.latest.entry(year).or_insert(d);
                *l = (*l).max(d);
            }
            None => *self.undated.entry(year).or_insert(0) += 1,
        }
        for &i in &self.cols.unmapped {
            if !cell(Some(i)).is_empty() {
                count(&mut out.unmapped_series, self.name(i));
            }
        }
        let Some((country, method)) = self.place(out, cells) else {
            return;
        };
        if let Some(want) = self.ctx.country
            && !want.eq_ignore_ascii_case(&country)
        {
            return;
        }
        let cy = self.acc.entry((country, year)).or_default();
        cy.incidents += 1;
        *cy.methods.entry(method).or_insert(0) += 1;
        if let Some(q) = parse_number(cell(self.cols.quality)) {
            cy.quality.push(q);
        }
        for &i in self.cols.mapped.keys() {
            let raw = cell(Some(i));
            if raw.is_empty() {
                // A count the incident leaves blank is none of that kind (an incident of dead
                // only has no missing): the country-year has a value, 0 if no incident gives
                // one, as a year without incidents has (`zeros`).
                cy.sums.entry(i).or_insert(0.0);
                continue;
            }
            match parse_number(raw) {
                Some(v) => *cy.sums.entry(i).or_insert(0.0) += v,
                None => {
                    cy.unreadable.entry(i).or_insert(line);
                    warn(
                        out,
                        line,
                        format!(
                            "{at}{}: not a number: {raw:?}",
                            self.header.get(i).map_or("", String::as_str)
                        ),
                    )
                }
            }
        }
    }

    /// The country (ISO3) of an incident and how it was found; `None` when it cannot be placed
    /// (counted in `unmapped_countries` with the reason).
    fn place(&mut self, out: &mut Outcome, cells: &[&str]) -> Option<(String, Method)> {
        let cell = |c: Option<usize>| get(cells, c);
        if self.cols.country.is_some() {
            let named = html_unescape(cell(self.cols.country));
            if !named.is_empty() && !named.eq_ignore_ascii_case("unknown") {
                match self.placer.lookup(self.ctx, &named) {
                    Placed::Country(iso) => {
                        self.by_field += 1;
                        return Some((iso, Method::Field));
                    }
                    _ => count(
                        &mut out.unmapped_countries,
                        &format!(
                            "{named} (country of incident not in the country table; placed by coordinates)"
                        ),
                    ),
                }
            }
        }
        let coordinates = cell(self.cols.coordinates);
        let spot = match (self.geocoder, coordinates.is_empty()) {
            (Some(g), false) => self
                .spots
                .entry(coordinates.to_string())
                .or_insert_with(|| match parse_coordinates(coordinates) {
                    Some((lat, lon)) => Ok(g.country(lat, lon).map(|id| Spot { id, lat, lon })),
                    None => Err(BAD_COORDINATES),
                })
                .clone(),
            _ => Err(NO_PLACE),
        };
        let spot = match spot {
            Ok(Some(spot)) => spot,
            Ok(None) => return self.unplaced(out, cells, HIGH_SEA),
            Err(why) => return self.unplaced(out, cells, why),
        };
        let countries = self.ctx.countries;
        let here = iso3_of(countries, &spot.id);
        let text = cell(self.cols.location);
        let near = match (self.geocoder, text.is_empty() || at_sea_or_en_route(text)) {
            (Some(g), false) => self
                .nears
                .entry(coordinates.to_string())
                .or_insert_with(|| g.others_near(spot.lat, spot.lon, &spot.id))
                .clone(),
            _ => BTreeSet::new(),
        };
        if !near.is_empty() {
            let mut named: Vec<String> = here
                .iter()
                .cloned()
                .chain(near.iter().filter_map(|id| iso3_of(countries, id)))
                .filter(|c| countries.by_code(c).is_some_and(|c| names(text, c)))
                .collect();
            named.sort();
            named.dedup();
            if let [only] = &named[..] {
                self.by_coordinates += 1;
                return Some((only.clone(), Method::BorderText));
            }
        }
        let Some(iso) = here else {
            count(
                &mut out.unmapped_countries,
                &format!(
                    "{} (area of the coordinates not in the country table)",
                    spot.id
                ),
            );
            return None;
        };
        self.by_coordinates += 1;
        Some((iso, Method::Coordinates))
    }

    fn unplaced(
        &mut self,
        out: &mut Outcome,
        cells: &[&str],
        why: &'static str,
    ) -> Option<(String, Method)> {
        let cell = |c: Option<usize>| get(cells, c);
        let route = cell(self.cols.route);
        let on = if route.is_empty() {
            cell(self.cols.region)
        } else {
            route
        };
        let on = if on.is_empty() { "no route given" } else { on };
        count(
            &mut out.unmapped_countries,
            &format!("{on} (not placed: {why})"),
        );
        let total = parse_number(cell(self.cols.total)).unwrap_or(0.0);
        let u = self.unplaced.entry(why).or_insert((0, 0.0));
        u.0 += 1;
        u.1 += total;
        None
    }

    /// The file's last year when none of its incidents has a readable date of that year.
    fn last_year_undated(&self) -> Option<i32> {
        let (&year, _) = self.undated.last_key_value()?;
        let dated = self.latest.last_key_value().map(|(&y, _)| y);
        (dated.is_none_or(|d| d < year)).then_some(year)
    }

    /// The last year, when the file ends before its 31 December: (year, latest date).
    fn partial_year(&self) -> Option<(i32, Date)> {
        let (&year, &last) = self.latest.last_key_value()?;
        if self.last_year_undated().is_some() {
            return None;
        }
        (last < (year, 12, 31)).then_some((year, last))
    }

    fn finish(self, out: &mut Outcome) {
        let partial = self.partial_year();
        for ((country, year), cy) in &self.acc {
            let mut note = if cy.quality.is_empty() {
                format!("{}; Source Quality not given", incidents(cy.incidents))
            } else {
                let min = cy.quality.iter().copied().fold(f64::INFINITY, f64::min);
                let mean = cy.quality.iter().sum::<f64>() / cy.quality.len() as f64;
                format!(
                    "{}; Source Quality min {min}, mean {mean:.1} (1-5)",
                    incidents(cy.incidents)
                )
            };
            note.push_str(". ");
            note.push_str(&method_note(&cy.methods));
            let coverage = part_of_year(partial, *year, &mut note);
            for (&i, &line) in &cy.unreadable {
                warn(
                    out,
                    line,
                    format!(
                        "{} for {country} in {year} left out: an incident's count on this line could not be read, so the year's sum would be short",
                        self.header.get(i).map_or("", String::as_str)
                    ),
                );
            }
            for (i, sum) in cy
                .sums
                .iter()
                .filter(|(i, _)| !cy.unreadable.contains_key(i))
            {
                for (ind, scale) in self.cols.mapped.get(i).into_iter().flatten() {
                    let mut r = record(country, ind, &year.to_string(), sum * scale);
                    r.observation.footnote = Some(note.clone());
                    r.observation.coverage = coverage.clone();
                    out.records.push(r);
                }
            }
        }
        self.zeros(out, partial);
        super::csvutil::add_note(out, &self.source_note(partial));
    }

    /// The file records incidents worldwide: a year it covers (one with an incident anywhere)
    /// in which a country with incidents in other years has none is a recorded zero, not a
    /// missing value. Without it a profile reads "2 in 2017, up from 1 in 2015" across a zero
    /// 2016, and the years between look like gaps in the data. Countries with no incident in
    /// any year of the file get no values: whether the file's coverage reaches them is not
    /// known.
    fn zeros(&self, out: &mut Outcome, partial: Option<(i32, Date)>) {
        let years: BTreeSet<i32> = self
            .latest
            .keys()
            .chain(self.undated.keys())
            .copied()
            .collect();
        let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
            return;
        };
        let countries: BTreeSet<&String> = self.acc.keys().map(|(c, _)| c).collect();
        for country in countries {
            for &year in &years {
                if self.acc.contains_key(&(country.clone(), year)) {
                    continue;
                }
                let mut note = format!(
                    "No incident recorded in the country in {year}, a year the file covers (it records incidents worldwide from {first} to {last})."
                );
                let coverage = part_of_year(partial, year, &mut note);
                for (ind, _) in self.cols.mapped.values().flatten() {
                    let mut r = record(country, ind, &year.to_string(), 0.0);
                    r.observation.footnote = Some(note.clone());
                    r.observation.coverage = coverage.clone();
                    out.records.push(r);
                }
            }
        }
    }

    fn source_note(&self, partial: Option<(i32, Date)>) -> String {
        let mut s = String::from(
            "Incidents are placed by the file's country of incident where it names a country, \
             otherwise by their coordinates against country boundaries (",
        );
        s.push_str(ATTRIBUTION);
        s.push_str(
            " 1.0, via the country-boundaries crate). At sea they count for the country whose \
             coastal waters, as the boundaries draw them, hold the point: a band at least 12 \
             nautical miles wide off every open coast measured, split between neighbours near \
             the median line. The location text never places an incident; within 10 km of a land \
             border, where the simplified boundaries are not exact, a text that names one of the \
             countries there (and no sea or route) gives the side.",
        );
        s.push_str(&format!(
            " {} placed by country of incident, {} by coordinates.",
            incidents(self.by_field),
            self.by_coordinates
        ));
        for (why, (n, dm)) in &self.unplaced {
            s.push_str(&format!(
                " Not placed in any country ({why}): {}, {dm} dead and missing.",
                incidents(*n)
            ));
        }
        s.push_str(
            " A year with incidents elsewhere but none in a country that has incidents in other \
             years is recorded as 0 for that country.",
        );
        if let Some((y, (_, m, d))) = partial {
            s.push_str(&format!(
                " {y} is partial: the latest incident is of {y}-{m:02}-{d:02}."
            ));
        }
        if let Some(y) = self.last_year_undated() {
            s.push_str(&format!(
                " No incident of {y}, the last year, has a readable date: whether the file covers all of {y} is not known."
            ));
        }
        s
    }
}

/// The coverage of `year` when it is the file's partial last year, with a sentence saying so
/// added to `note`.
fn part_of_year(partial: Option<(i32, Date)>, year: i32, note: &mut String) -> Option<String> {
    let (y, (_, m, d)) = partial.filter(|p| p.0 == year)?;
    note.push_str(&format!(
        " Covers part of the year only: 1 January to {d} {} {y} (the file's latest incident).",
        MONTH_NAMES.get(m as usize - 1).copied().unwrap_or("?")
    ));
    Some(format!("{y}-01-01/{y}-{m:02}-{d:02}"))
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn incidents(n: usize) -> String {
    if n == 1 {
        "1 incident".to_string()
    } else {
        format!("{n} incidents")
    }
}

/// The trimmed cell at a column index ("" when the column or cell is absent).
fn get<'c>(cells: &[&'c str], i: Option<usize>) -> &'c str {
    i.and_then(|i| cells.get(i)).map_or("", |s| s.trim())
}

/// How a value's incidents were placed, for its footnote.
fn method_note(methods: &BTreeMap<Method, usize>) -> String {
    let field = methods.get(&Method::Field).copied().unwrap_or(0);
    let border = methods.get(&Method::BorderText).copied().unwrap_or(0);
    let coords = methods.get(&Method::Coordinates).copied().unwrap_or(0) + border;
    let mut note = match (field, coords) {
        (_, 0) => "Placed by country of incident.".to_string(),
        (0, _) => {
            format!("Placed by coordinates ({ATTRIBUTION}): in the country or its coastal waters.")
        }
        (f, c) => format!(
            "Placed by country of incident ({f}) and by coordinates ({c}; {ATTRIBUTION}): in the country or its coastal waters."
        ),
    };
    if border > 0 {
        note.push_str(&format!(
            " {} within {} km of a border, on the side the location text names.",
            incidents(border),
            super::geo::BORDER_KM
        ));
    }
    note
}

/// A point and its boundaries id.
#[derive(Clone)]
struct Spot {
    id: String,
    lat: f64,
    lon: f64,
}

/// Words of a location text that speak of the sea or of a route: such a text names the coast
/// or the destination, not the side of a border, and the coordinates decide.
const SEA_OR_ROUTE: &[&str] = &[
    "off",
    "coast",
    "coastal",
    "sea",
    "waters",
    "shore",
    "shores",
    "beach",
    "island",
    "islands",
    "strait",
    "gulf",
    "bay",
    "boat",
    "vessel",
    "shipwreck",
    "route",
    "bound",
    "between",
    "towards",
    "heading",
];

fn at_sea_or_en_route(text: &str) -> bool {
    let folded = crate::country::normalise(text);
    folded
        .split(|ch: char| !ch.is_alphanumeric())
        .any(|w| SEA_OR_ROUTE.contains(&w))
}

/// Does a location text name the country (its name or an alias of 4 letters or more, as words,
/// accents and case folded; a shorter alias or the ISO3 code as an upper-case word)?
fn names(text: &str, c: &crate::country::Country) -> bool {
    if text.is_empty() {
        return false;
    }
    let words = |s: &str| -> String {
        let n = crate::country::normalise(s);
        let w: String = n
            .chars()
            .map(|ch| if ch.is_alphanumeric() { ch } else { ' ' })
            .collect();
        format!(" {} ", w.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let folded = words(text);
    let upper: Vec<&str> = text
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    std::iter::once(&c.name).chain(&c.aliases).any(|n| {
        if n.chars().count() >= 4 {
            folded.contains(&words(n))
        } else {
            upper.contains(&n.as_str())
        }
    }) || upper.contains(&c.iso3.as_str())
}

/// ISO3 of a boundaries id (ISO 3166-1 alpha-2).
fn iso3_of(countries: &Countries, id: &str) -> Option<String> {
    // Codes the boundaries use that ISO 3166-1 only reserves: Ceuta and Melilla (EA) and the
    // Canary Islands (IC) are Spain.
    let id = match id {
        "EA" | "IC" => "ES",
        other => other,
    };
    countries
        .by_code(id)
        .filter(|c| c.iso2.eq_ignore_ascii_case(id))
        .map(|c| c.iso3.clone())
}

/// The JSON escapes HTML entities in some names (`Democratic People&#039;s Republic of Korea`).
fn html_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&#039;", "'")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn new_outcome(ctx: &Context) -> Outcome {
    let provider = mapped_provider(ctx, Format::MissingMigrants, "iom_missing_migrants");
    Outcome::new(
        Format::MissingMigrants,
        &provider,
        "Missing Migrants Project incidents",
    )
}

pub fn import(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let head = super::read_head(path)?;
    if is_json(&head.text) {
        import_json(path, ctx)
    } else {
        import_csv(path, ctx)
    }
}

fn import_csv(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let mut out = new_outcome(ctx);
    let mut rdr = open_csv(path, b',')?;
    let mut rec = csv::StringRecord::new();
    let (hline, header) = read_header(&mut rdr, &mut rec, path, canonical)?;
    let width = header.len();
    let mut run = Run::new(ctx, header, path).map_err(|e| at_line(e, hline))?;
    while let Some(line) = next_record(&mut rdr, &mut rec, path)? {
        if !take_row(&mut out, line, &rec, width) {
            continue;
        }
        let cells: Vec<&str> = rec.iter().collect();
        run.row(&mut out, line, "", &cells);
    }
    run.finish(&mut out);
    finish(ctx, &mut out);
    Ok(out)
}

/// Put a header error at the header's line.
fn at_line(e: ImportError, line: usize) -> ImportError {
    match e {
        ImportError::Malformed { path, message, .. } => ImportError::Malformed {
            path,
            line,
            message,
        },
        other => other,
    }
}

fn import_json(path: &Path, ctx: &Context) -> Result<Outcome, ImportError> {
    let mut out = new_outcome(ctx);
    let text = std::fs::read(path).map_err(|e| io_err(path, e))?;
    let text = super::encoding::decode(&text);
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| malformed(path, e.line(), format!("not valid JSON: {e}")))?;
    let Some(items) = value.as_array() else {
        return Err(malformed(path, 1, "not a JSON array of incidents"));
    };
    // The header: every key, in first-seen order, read under its canonical name.
    let mut keys: Vec<String> = Vec::new();
    for item in items {
        if let Some(obj) = item.as_object() {
            for k in obj.keys() {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
    }
    let header: Vec<String> = keys.iter().map(|k| canonical(k)).collect();
    let mut run = Run::new(ctx, header, path)?;
    for (n, item) in items.iter().enumerate() {
        let at = format!("incident {} of the array: ", n + 1);
        let Some(obj) = item.as_object() else {
            warn(&mut out, 1, format!("{at}not an object"));
            continue;
        };
        out.rows += 1;
        let owned: Vec<String> = keys
            .iter()
            .map(|k| match obj.get(k) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(x)) => x.to_string(),
                _ => String::new(),
            })
            .collect();
        let cells: Vec<&str> = owned.iter().map(String::as_str).collect();
        run.row(&mut out, 1, &at, &cells);
    }
    run.finish(&mut out);
    finish(ctx, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_spellings() {
        for h in [
            "Total Dead and Missing",
            "Total Number of Dead and Missing",
            "total_dead_and_missing",
        ] {
            assert_eq!(canonical(h), "Total Dead and Missing");
        }
        for h in [
            "Country of Incident",
            "country_of_incident",
            "Incident Country",
        ] {
            assert_eq!(canonical(h), "Country of Incident");
        }
        for h in ["Location Coordinates", "location_coodinates", "Coordinates"] {
            assert_eq!(canonical(h), "Location Coordinates");
        }
        assert_eq!(canonical("\u{feff}Web ID"), "Web ID");
        assert_eq!(canonical(" URL "), "URL");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("9-Jul-19"), Some((2019, 7, 9)));
        assert_eq!(parse_date("09-Jul-2019"), Some((2019, 7, 9)));
        assert_eq!(parse_date("2025-09-08"), Some((2025, 9, 8)));
        assert_eq!(parse_date("2025-09-08T10:00:00"), Some((2025, 9, 8)));
        assert_eq!(parse_date("07/09/2019"), Some((2019, 7, 9)));
        assert_eq!(parse_date("32-Jul-19"), None);
        assert_eq!(parse_date("Jul 2019"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn method_notes() {
        let m = BTreeMap::from([(Method::Field, 3)]);
        assert_eq!(method_note(&m), "Placed by country of incident.");
        let m = BTreeMap::from([(Method::Coordinates, 2)]);
        assert_eq!(
            method_note(&m),
            "Placed by coordinates (boundaries © OpenStreetMap contributors, ODbL): in the country or its coastal waters."
        );
        let m = BTreeMap::from([(Method::Field, 1), (Method::Coordinates, 2)]);
        assert!(
            method_note(&m)
                .starts_with("Placed by country of incident (1) and by coordinates (2; ")
        );
    }
}
