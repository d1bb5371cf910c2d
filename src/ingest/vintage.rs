//! What a value is, beyond its digits: the dataset revision a provider's own text names, which
//! periods of a World Population Prospects revision are projections, and what provider flags
//! say about a value (estimate, provisional, forecast).
//!
//! The knowledge is data ([`WPP_REVISIONS`]) read by small functions, so a new revision is one
//! line. Importers call these; nothing here reads files.

use crate::model::{Period, Status};

/// World Population Prospects revisions and the last year of their estimates: everything after
/// it is a projection (the medium variant and the other variants alike). From the UN DESA
/// Population Division's revision notes: WPP 2015 and 2017 estimate to 2015, WPP 2019 to 2020
/// (projections 2020-2100, so the period `2020-2025` is the first projected one), WPP 2022 to
/// 2021, WPP 2024 to 2023.
pub const WPP_REVISIONS: &[(i32, i32)] = &[
    (2015, 2015),
    (2017, 2015),
    (2019, 2020),
    (2022, 2021),
    (2024, 2023),
];

/// The last year of estimates of WPP revision `year` (`None` for a revision not in the table).
pub fn wpp_estimates_end(year: i32) -> Option<i32> {
    WPP_REVISIONS
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, end)| *end)
}

/// The status of a value of `period` from a dataset of `revision` (`WPP 2022`, `WPP 2019`):
/// `Some(Projection)` when the period ends after the revision's estimates (WPP 2019 `2020-2025`,
/// WPP 2022 `2022`), `None` otherwise or for anything that is not a known WPP revision.
pub fn wpp_status(revision: &str, period: &str) -> Option<Status> {
    let year: i32 = revision.strip_prefix("WPP ")?.trim().parse().ok()?;
    let end = wpp_estimates_end(year)?;
    let p = Period::parse(period)?;
    (p.end_year() > end).then_some(Status::Projection)
}

/// The first four-digit year (1950-2099) in `s`, searching from its start.
fn first_year(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = b.get(i..i + 4)?;
        let before_ok = i == 0 || !b.get(i - 1).is_some_and(u8::is_ascii_digit);
        let after_ok = !b.get(i + 4).is_some_and(u8::is_ascii_digit);
        if !(before_ok && after_ok && w.iter().all(u8::is_ascii_digit)) {
            return None;
        }
        let y: i32 = std::str::from_utf8(w).ok()?.parse().ok()?;
        (1950..2100).contains(&y).then_some(y)
    })
}

/// The year right after `marker` in `text` (within a few characters: `Prospects: 2022`,
/// `Stock/Rev.2020`, `WPP2019`), case-insensitive.
fn year_after(text: &str, marker: &str) -> Option<i32> {
    let lower = text.to_ascii_lowercase();
    let marker = marker.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower.get(from..)?.find(&marker) {
        let start = from + pos + marker.len();
        let window: String = lower.get(start..)?.chars().take(12).collect();
        let lead = window
            .trim_start_matches([':', ' ', '.', '_'])
            .trim_start_matches("the ")
            .trim_start();
        if lead.starts_with(|c: char| c.is_ascii_digit())
            && let Some(y) = first_year(lead)
        {
            return Some(y);
        }
        from = start;
    }
    None
}

/// The World Population Prospects revision a text names, as `WPP <year>`: `World Population
/// Prospects: 2022 Revision`, `World Population Prospects 2024`, `WPP2019` (a file name).
pub fn wpp_revision(text: &str) -> Option<String> {
    year_after(text, "World Population Prospects")
        .or_else(|| year_after(text, "WPP"))
        .map(|y| format!("WPP {y}"))
}

/// The International Migrant Stock revision a text names, as `IMS <year>`:
/// `POP/DB/MIG/Stock/Rev.2020`, `International Migrant Stock 2024`, `Trends in International
/// Migrant Stock: The 2015 Revision`. Other `Rev.` codes (`ST/ESA/STAT/SER.M/49/Rev.3`) are not
/// dataset revisions and give nothing.
pub fn ims_revision(text: &str) -> Option<String> {
    year_after(text, "Stock/Rev")
        .or_else(|| year_after(text, "International Migrant Stock"))
        .map(|y| format!("IMS {y}"))
}

/// The dataset revision a provider's metadata text names: an International Migrant Stock
/// revision first (its texts may also cite the WPP population they divide by), else a World
/// Population Prospects one.
pub fn revision_in(text: &str) -> Option<String> {
    ims_revision(text).or_else(|| wpp_revision(text))
}

/// What provider flags say about a value: Eurostat `f` (forecast) -> projection, `p` ->
/// provisional, `e` (estimated) or `s` (Eurostat estimate) -> estimate; SDMX `OBS_STATUS` codes
/// `F`, `P`, `E` alike. A flag string may hold several letters (`ep`); the strongest wins
/// (projection, then provisional, then estimate). Flags of more than 3 letters are not
/// Eurostat/SDMX status letters and are ignored (`Authority=G`, `*`).
pub fn status_from_flags<S: AsRef<str>>(flags: &[S]) -> Option<Status> {
    let letters: Vec<char> = flags
        .iter()
        .map(|f| f.as_ref().trim())
        .filter(|f| !f.is_empty() && f.len() <= 3 && f.chars().all(|c| c.is_ascii_alphabetic()))
        .flat_map(|f| f.chars().map(|c| c.to_ascii_lowercase()))
        .collect();
    if letters.contains(&'f') {
        Some(Status::Projection)
    } else if letters.contains(&'p') {
        Some(Status::Provisional)
    } else if letters.contains(&'e') || letters.contains(&'s') {
        Some(Status::Estimate)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_named_in_provider_text() {
        assert_eq!(
            revision_in(
                "United Nations Population Division. World Population Prospects: 2022 Revision."
            )
            .as_deref(),
            Some("WPP 2022")
        );
        assert_eq!(
            revision_in("WPP2019_Period_Indicators_Medium").as_deref(),
            Some("WPP 2019")
        );
        assert_eq!(
            revision_in("POP/DB/MIG/Stock/Rev.2020").as_deref(),
            Some("IMS 2020")
        );
        assert_eq!(
            revision_in("“International Migrant Stock 2024 - POP/DB/MIG/Stock/Rev.2024”")
                .as_deref(),
            Some("IMS 2024")
        );
        assert_eq!(revision_in("(ST/ESA/STAT/SER.M/49/Rev.3)"), None);
        assert_eq!(revision_in("IMF balance of payments data"), None);
    }

    #[test]
    fn wpp_projection_periods() {
        assert_eq!(wpp_status("WPP 2019", "2015-2020"), None);
        assert_eq!(
            wpp_status("WPP 2019", "2020-2025"),
            Some(Status::Projection)
        );
        assert_eq!(wpp_status("WPP 2022", "2021"), None);
        assert_eq!(wpp_status("WPP 2022", "2022"), Some(Status::Projection));
        assert_eq!(wpp_status("IMS 2020", "2030"), None);
        assert_eq!(wpp_status("WPP 1998", "2030"), None);
    }

    #[test]
    fn flags_give_status() {
        assert_eq!(status_from_flags(&["ep"]), Some(Status::Provisional));
        assert_eq!(status_from_flags(&["e"]), Some(Status::Estimate));
        assert_eq!(status_from_flags(&["s"]), Some(Status::Estimate));
        assert_eq!(status_from_flags(&["f"]), Some(Status::Projection));
        assert_eq!(status_from_flags(&["b"]), None);
        assert_eq!(status_from_flags(&["Authority=G", "*"]), None);
        let none: [&str; 0] = [];
        assert_eq!(status_from_flags(&none), None);
    }
}
