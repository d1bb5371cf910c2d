//! Offline reverse geocoding of an incident's coordinates to a country.
//!
//! The boundaries are those bundled with the `country-boundaries` crate (raster 60x30): the
//! simplified country (and some subdivision) polygons of JOSM's `boundaries.osm`, derived from
//! OpenStreetMap, © OpenStreetMap contributors, under the Open Database License (ODbL 1.0).
//!
//! **Waters (measured).** These polygons are not clipped at the coast: each takes in a band of
//! coastal sea, divided between neighbours along a line near the median line. Walking out to
//! sea from a coastal town, the point stays in the country for 47 km north of Zuwara and 52 km
//! north of Tripoli (Libya), 113 km south of Antalya (Türkiye), 75 km north of Alexandria, 106 km
//! east of Sfax, 39 km south of Lampedusa and Pozzallo (then Malta), 27 km west of Dakar, 128 km
//! west of Tijuana; the Aegean is split between Türkiye and Greece near the median line (22 km
//! west of Bodrum the point is Greek, 5 km north of Lesvos it is Turkish). So every open coast
//! measured carries at least the 12 nautical miles (22.2 km) of the territorial sea, and often
//! more (as far as the 24 nm contiguous zone or beyond): a point at sea inside a polygon counts
//! for that country, the one whose coast is nearest across the median line; a point outside
//! every polygon is at sea beyond any country's waters as drawn. Probing outward from such a
//! point (tried first) would add a second band beyond the drawn one ("53 nautical miles off the
//! coast of Libya" would have become Libyan), so it is not done.
//!
//! **Near a border.** The simplification moves borders by a few kilometres: on the Río Bravo,
//! drownings "near Nuevo Laredo, Tamaulipas, Mexico" fall in the United States and "near Eagle
//! Pass, Texas, USA" in Mexico. [`Geocoder::others_near`] gives the other countries whose
//! boundary lies within [`BORDER_KM`] of a point (probes on rings of 2.5, 5, 7.5 and 10 km,
//! 16 bearings each), so that the importer can let a location text decide between them.
//!
//! The polygons do not know negotiated sea borders, the 6 nm limit of most of the Aegean or the
//! difference between a territorial sea and a contiguous zone; near a border a simplified line
//! can put a point on the wrong side (the data aim to have every settlement right).

use country_boundaries::{BOUNDARIES_ODBL_60X30, CountryBoundaries, LatLon};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Attribution the boundaries data requires, for footnotes and source notes.
pub const ATTRIBUTION: &str = "boundaries © OpenStreetMap contributors, ODbL";

/// Within this distance of another country's boundary a point's side is uncertain.
pub const BORDER_KM: f64 = 10.0;

const KM_PER_DEGREE: f64 = 111.32;

/// The bundled boundaries, read once per process.
pub struct Geocoder {
    boundaries: CountryBoundaries,
}

static GEOCODER: OnceLock<Result<Geocoder, String>> = OnceLock::new();

impl Geocoder {
    /// The shared geocoder over the bundled ODbL boundaries (read on first use).
    pub fn shared() -> Result<&'static Geocoder, String> {
        GEOCODER
            .get_or_init(|| {
                CountryBoundaries::from_reader(BOUNDARIES_ODBL_60X30)
                    .map(|boundaries| Geocoder { boundaries })
                    .map_err(|e| format!("the bundled country boundaries are unreadable: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The country id (two letters, as ISO 3166-1 alpha-2; `EA` Ceuta and Melilla, `IC` Canary
    /// Islands) whose boundary, land and coastal waters, holds a point; `None` at sea beyond
    /// them. Subdivision ids (`US-TX`) give way to the country that holds them.
    pub fn country(&self, lat: f64, lon: f64) -> Option<String> {
        let p = LatLon::new(lat, lon).ok()?;
        self.boundaries
            .ids(p)
            .into_iter()
            .find(|id| !id.contains('-'))
            .map(str::to_string)
    }

    /// Countries other than `id` whose boundary lies within [`BORDER_KM`] of the point.
    pub fn others_near(&self, lat: f64, lon: f64, id: &str) -> BTreeSet<String> {
        let mut near = BTreeSet::new();
        let cos_lat = lat.to_radians().cos().max(0.01);
        for ring in 1..=4 {
            let km = BORDER_KM * f64::from(ring) / 4.0;
            for k in 0..16 {
                let bearing = std::f64::consts::TAU * f64::from(k) / 16.0;
                let plat = lat + km * bearing.cos() / KM_PER_DEGREE;
                let plon = lon + km * bearing.sin() / (KM_PER_DEGREE * cos_lat);
                if let Some(other) = self.country(plat, plon)
                    && other != id
                {
                    near.insert(other);
                }
            }
        }
        near
    }
}

/// Read a `"lat, lon"` coordinates cell (`"36.9, 27.2"`); `None` when it is not two numbers in
/// range.
pub fn parse_coordinates(cell: &str) -> Option<(f64, f64)> {
    let mut parts = cell.split(',').map(str::trim);
    let lat: f64 = parts.next()?.parse().ok()?;
    let lon: f64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    let ok = lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon);
    ok.then_some((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_cells() {
        assert_eq!(
            parse_coordinates("28.700944700000, -100.514561000000"),
            Some((28.7009447, -100.514561))
        );
        assert_eq!(parse_coordinates(" 36.9,27.2 "), Some((36.9, 27.2)));
        assert_eq!(parse_coordinates(""), None);
        assert_eq!(parse_coordinates("36.9"), None);
        assert_eq!(parse_coordinates("36.9, 27.2, 3"), None);
        assert_eq!(parse_coordinates("95, 10"), None);
        assert_eq!(parse_coordinates("north, east"), None);
    }

    #[test]
    fn land_coastal_waters_and_high_sea() {
        let g = Geocoder::shared().unwrap();
        // Ankara; Mytilene (Lesvos); the open Ionian Sea, 150 km from any coast.
        assert_eq!(g.country(39.93, 32.85).as_deref(), Some("TR"));
        assert_eq!(g.country(39.105, 26.555).as_deref(), Some("GR"));
        assert_eq!(g.country(36.0, 18.0), None);
        // At sea 10 km west of Bodrum: Turkish waters; 25 km west, past the median line towards
        // Kos and Kalymnos: Greek.
        assert_eq!(g.country(37.03, 27.31).as_deref(), Some("TR"));
        assert_eq!(g.country(37.03, 27.14).as_deref(), Some("GR"));
        // 20 km north of Zuwara (Libya): Libyan waters; 60 km north: none.
        assert_eq!(g.country(33.11, 12.08).as_deref(), Some("LY"));
        assert_eq!(g.country(33.47, 12.08), None);
        // Eagle Pass (Texas) by the Río Bravo: Mexico is near; Ankara has no border near.
        assert!(
            g.others_near(28.709, -100.499, "US").contains("MX")
                || g.others_near(28.709, -100.499, "MX").contains("US")
        );
        assert!(g.others_near(39.93, 32.85, "TR").is_empty());
        // A subdivision gives way to its country: Dallas is US (ids US-TX, US).
        assert_eq!(g.country(33.0, -97.0).as_deref(), Some("US"));
    }
}
