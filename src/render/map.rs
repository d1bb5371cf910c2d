//! The country locator map of the title page: a vector SVG of the profile's country (filled)
//! among its neighbours (light), in a frame around the region.
//!
//! Boundaries are Natural Earth 1:50m from the npm package world-atlas (TopoJSON, bundled in
//! assets/map/, see its README), decoded here once per process. The projection is
//! equirectangular with the longitude scaled by the cosine of the frame's middle latitude, which
//! keeps a region of a few thousand kilometres in proportion. Countries are found by their
//! ISO 3166-1 numeric (M49) code.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::LazyLock;

/// The boundaries in the compact form `scripts/gen-map-asset.py` writes from the TopoJSON
/// (the same content as varints: decoded in well under a millisecond instead of parsing 756 KB
/// of JSON in every process).
const COMPACT: &[u8] = include_bytes!("../../assets/map/countries-50m.bin");

/// Width of the SVG in user units; the height follows from the frame.
const WIDTH: f64 = 600.0;

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Transform {
    scale: (f64, f64),
    translate: (f64, f64),
}

/// The TopoJSON's content: quantized delta-encoded arcs, and per country (M49 code, 0 for none)
/// its polygons as rings of arc indexes.
#[derive(Debug, PartialEq)]
struct Raw {
    transform: Transform,
    arcs: Vec<Vec<(i64, i64)>>,
    countries: Vec<(u16, Vec<Vec<Vec<i64>>>)>,
}

/// A ring of (longitude, latitude) points.
type Ring = Vec<(f64, f64)>;

/// A polygon: outer ring, then holes.
#[derive(Debug, Clone)]
struct Polygon {
    rings: Vec<Ring>,
    bbox: BBox,
}

/// Longitude/latitude box: west, south, east, north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    fn of(points: &[(f64, f64)]) -> BBox {
        let mut b = BBox {
            west: f64::INFINITY,
            south: f64::INFINITY,
            east: f64::NEG_INFINITY,
            north: f64::NEG_INFINITY,
        };
        for &(x, y) in points {
            b.west = b.west.min(x);
            b.east = b.east.max(x);
            b.south = b.south.min(y);
            b.north = b.north.max(y);
        }
        b
    }

    fn union(self, o: BBox) -> BBox {
        BBox {
            west: self.west.min(o.west),
            south: self.south.min(o.south),
            east: self.east.max(o.east),
            north: self.north.max(o.north),
        }
    }

    fn intersects(&self, o: &BBox) -> bool {
        self.west <= o.east && o.west <= self.east && self.south <= o.north && o.south <= self.north
    }

    fn area(&self) -> f64 {
        (self.east - self.west).max(0.0) * (self.north - self.south).max(0.0)
    }

    /// Whether the point (longitude, latitude) lies inside.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.west..=self.east).contains(&lon) && (self.south..=self.north).contains(&lat)
    }
}

struct World {
    /// Polygons by M49 code; features without a code are kept under 0 (neighbours only).
    countries: BTreeMap<u16, Vec<Polygon>>,
}

static WORLD: LazyLock<Option<World>> = LazyLock::new(|| world(read_compact(COMPACT)?));

/// Decode the boundary set now (it is decoded once per process, on first use), so that a build
/// can do it beside its first steps rather than in the middle of the document.
pub fn prepare() {
    LazyLock::force(&WORLD);
}

/// Read the compact layout (see scripts/gen-map-asset.py); `None` when it is cut short or
/// malformed.
fn read_compact(bytes: &[u8]) -> Option<Raw> {
    let mut r = bytes.strip_prefix(b"MIGPROF-MAP1\n".as_slice())?;
    fn uv(r: &mut &[u8]) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = r.split_first()?;
            *r = rest;
            n |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }
    fn zz(r: &mut &[u8]) -> Option<i64> {
        let n = uv(r)?;
        Some((n >> 1) as i64 ^ -((n & 1) as i64))
    }
    // Counts come from the file: never reserve more than the bytes left could hold.
    fn count(r: &mut &[u8]) -> Option<usize> {
        usize::try_from(uv(r)?).ok().filter(|&n| n <= r.len())
    }
    let len = count(&mut r)?;
    let (text, rest) = r.split_at(len);
    r = rest;
    let transform: Transform = serde_json::from_slice(text).ok()?;
    let mut arcs = Vec::with_capacity(count(&mut r)?);
    for _ in 0..arcs.capacity() {
        let n = count(&mut r)?;
        let mut arc = Vec::with_capacity(n);
        for _ in 0..n {
            arc.push((zz(&mut r)?, zz(&mut r)?));
        }
        arcs.push(arc);
    }
    let mut countries = Vec::with_capacity(count(&mut r)?);
    for _ in 0..countries.capacity() {
        let code = u16::try_from(uv(&mut r)?.saturating_sub(1)).ok()?;
        let mut polys = Vec::with_capacity(count(&mut r)?);
        for _ in 0..polys.capacity() {
            let mut rings = Vec::with_capacity(count(&mut r)?);
            for _ in 0..rings.capacity() {
                let n = count(&mut r)?;
                let ring = (0..n).map(|_| zz(&mut r)).collect::<Option<Vec<i64>>>()?;
                rings.push(ring);
            }
            polys.push(rings);
        }
        countries.push((code, polys));
    }
    r.is_empty().then_some(Raw {
        transform,
        arcs,
        countries,
    })
}

/// The boundaries from the raw TopoJSON content: delta-encoded, quantized arcs; a negative
/// index `!i` is arc `i` reversed.
fn world(raw: Raw) -> Option<World> {
    let (sx, sy) = raw.transform.scale;
    let (tx, ty) = raw.transform.translate;
    let arcs: Vec<Ring> = raw
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.iter()
                .map(|&(dx, dy)| {
                    x += dx;
                    y += dy;
                    (x as f64 * sx + tx, y as f64 * sy + ty)
                })
                .collect()
        })
        .collect();
    let ring = |indexes: &[i64]| -> Option<Ring> {
        let mut out: Ring = Vec::new();
        for &i in indexes {
            let (idx, reversed) = if i < 0 { (!i, true) } else { (i, false) };
            let arc = arcs.get(usize::try_from(idx).ok()?)?;
            let points: Box<dyn Iterator<Item = &(f64, f64)>> = if reversed {
                Box::new(arc.iter().rev())
            } else {
                Box::new(arc.iter())
            };
            // Consecutive arcs share their joining point.
            let skip = usize::from(!out.is_empty());
            out.extend(points.skip(skip));
        }
        (out.len() >= 3).then_some(out)
    };
    let polygon = |rings: &[Vec<i64>]| -> Option<Polygon> {
        let rings: Vec<Ring> = rings.iter().map(|r| ring(r)).collect::<Option<_>>()?;
        let bbox = BBox::of(rings.first()?);
        Some(Polygon { rings, bbox })
    };
    let mut countries: BTreeMap<u16, Vec<Polygon>> = BTreeMap::new();
    for (code, polys) in &raw.countries {
        let polys = polys
            .iter()
            .map(|p| polygon(p))
            .collect::<Option<Vec<_>>>()?;
        countries.entry(*code).or_default().extend(polys);
    }
    Some(World { countries })
}

/// The part of a country the map centres on: its largest polygon and the polygons near it
/// (an island off the coast, not an overseas territory on another continent).
fn main_extent(polys: &[Polygon]) -> Option<BBox> {
    let largest = polys
        .iter()
        .max_by(|a, b| a.bbox.area().total_cmp(&b.bbox.area()))?
        .bbox;
    let reach = ((largest.east - largest.west).max(largest.north - largest.south) * 0.5).max(2.0);
    let near = BBox {
        west: largest.west - reach,
        south: largest.south - reach,
        east: largest.east + reach,
        north: largest.north + reach,
    };
    Some(
        polys
            .iter()
            .filter(|p| p.bbox.intersects(&near))
            .fold(largest, |b, p| b.union(p.bbox)),
    )
}

/// The bounding box (longitude, latitude) of the country as the map centres it, or `None` for
/// a code the boundary set does not have.
pub fn country_extent(m49: u16) -> Option<BBox> {
    let world = WORLD.as_ref()?;
    if m49 == 0 {
        return None;
    }
    main_extent(world.countries.get(&m49)?)
}

/// The locator map of the country with this M49 code as SVG text, or `None` when the boundary
/// set has no such country.
pub fn locator(m49: u16) -> Option<String> {
    locator_cut(m49, CLIP_MARGIN)
}

/// [`locator`] with the rings cut `margin` pixels outside the frame.
fn locator_cut(m49: u16, margin: f64) -> Option<String> {
    let world = WORLD.as_ref()?;
    let extent = country_extent(m49)?;
    // The frame: the country with a margin of context around it, at least 6 degrees.
    let span = (extent.east - extent.west).max(extent.north - extent.south);
    let pad = (span * 0.6).max(6.0);
    let frame = BBox {
        west: (extent.west - pad).max(-180.0),
        south: (extent.south - pad * 0.8).max(-90.0),
        east: (extent.east + pad).min(180.0),
        north: (extent.north + pad * 0.8).min(90.0),
    };
    let mid = ((frame.south + frame.north) / 2.0)
        .to_radians()
        .cos()
        .max(0.2);
    let k = WIDTH / ((frame.east - frame.west) * mid);
    let height = ((frame.north - frame.south) * k).round().max(1.0);
    let project = |(lon, lat): (f64, f64)| ((lon - frame.west) * mid * k, (frame.north - lat) * k);
    let mut svg = String::with_capacity(64 * 1024);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\">\n\
         <defs><clipPath id=\"migprof-map-frame\"><rect width=\"{WIDTH}\" height=\"{height}\"/></clipPath></defs>\n\
         <rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#eaf1fb\"/>\n\
         <g clip-path=\"url(#migprof-map-frame)\" stroke=\"#ffffff\" stroke-width=\"0.6\" stroke-linejoin=\"round\">\n"
    );
    for (&code, polys) in &world.countries {
        if code == m49 {
            continue;
        }
        let d = path(polys, &frame, &project, (WIDTH, height), margin);
        if !d.is_empty() {
            let _ = writeln!(
                svg,
                "<path class=\"neighbour\" fill=\"#d5d9df\" fill-rule=\"evenodd\" d=\"{d}\"/>"
            );
        }
    }
    let own = world.countries.get(&m49).map(Vec::as_slice).unwrap_or(&[]);
    let d = path(own, &frame, &project, (WIDTH, height), margin);
    let _ = writeln!(
        svg,
        "<path class=\"country\" fill=\"#0033a0\" fill-rule=\"evenodd\" d=\"{d}\"/>"
    );
    let _ = write!(
        svg,
        "</g>\n<rect x=\"0.75\" y=\"0.75\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#0033a0\" stroke-width=\"1.5\"/>\n</svg>\n",
        WIDTH - 1.5,
        height - 1.5
    );
    Some(svg)
}

/// `x` as `format!("{x:.1}")` writes it, without the float formatter where that is safe (a map
/// has tens of thousands of coordinates): from the rounded tenths, except near a tie, for
/// negative zero and for huge or non-finite values, which go through the formatter.
fn push_tenths(d: &mut String, x: f64) {
    let t = x * 10.0;
    let n = t.round();
    let near_tie = ((t - t.trunc()).abs() - 0.5).abs() < 1e-6;
    if !t.is_finite() || t.abs() > 1e15 || near_tie || (n == 0.0 && x.is_sign_negative()) {
        let _ = write!(d, "{x:.1}");
        return;
    }
    let n = n as i64;
    if n < 0 {
        d.push('-');
    }
    let a = n.unsigned_abs();
    let _ = write!(d, "{}.{}", a / 10, a % 10);
}

/// Path data of the polygons that reach into the frame, cut to the frame (with a margin wider
/// than the stroke, so the cut edges are never seen; the SVG clips to the frame as well): most
/// of a neighbour as large as Russia lies outside a frame around its neighbour, and was
/// written out all the same. Points closer than half a unit to the previous one are left out.
fn path(
    polys: &[Polygon],
    frame: &BBox,
    project: &impl Fn((f64, f64)) -> (f64, f64),
    (w, h): (f64, f64),
    margin: f64,
) -> String {
    let clip = Rect {
        x0: -margin,
        y0: -margin,
        x1: w + margin,
        y1: h + margin,
    };
    let mut d = String::new();
    let mut projected: Vec<(f64, f64)> = Vec::new();
    let mut scratch: Vec<(f64, f64)> = Vec::new();
    for p in polys.iter().filter(|p| p.bbox.intersects(frame)) {
        // The projection keeps axes apart, so the box's corners give the projected box.
        let (ax, ay) = project((p.bbox.west, p.bbox.north));
        let (bx, by) = project((p.bbox.east, p.bbox.south));
        let inside = clip.holds(ax.min(bx), ay.min(by)) && clip.holds(ax.max(bx), ay.max(by));
        for ring in &p.rings {
            projected.clear();
            projected.extend(ring.iter().map(|&pt| project(pt)));
            if !inside {
                clip.cut(&mut projected, &mut scratch);
            }
            push_ring(&mut d, &projected);
        }
    }
    d
}

/// How far outside the frame, in pixels, rings are cut (the stroke is 0.6 wide).
const CLIP_MARGIN: f64 = 2.0;

/// One ring as path data (`M x y L x y ... Z`), points within half a unit of the previous one
/// left out; nothing for an empty ring.
fn push_ring(d: &mut String, ring: &[(f64, f64)]) {
    let mut last: Option<(f64, f64)> = None;
    let mut n = 0;
    for &(x, y) in ring {
        if let Some((lx, ly)) = last
            && (x - lx).abs() < 0.5
            && (y - ly).abs() < 0.5
        {
            continue;
        }
        d.push(if n == 0 { 'M' } else { 'L' });
        push_tenths(d, x);
        d.push(' ');
        push_tenths(d, y);
        last = Some((x, y));
        n += 1;
    }
    if n > 0 {
        d.push('Z');
    }
}

/// A rectangle in pixels, to cut rings to (Sutherland-Hodgman: exact for a convex window, and
/// a ring cut by it fills inside the window what the whole ring fills, under either fill rule).
#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn holds(&self, x: f64, y: f64) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }

    /// Cut the closed ring `pts` to the rectangle, in place (`tmp` is scratch space).
    fn cut(&self, pts: &mut Vec<(f64, f64)>, tmp: &mut Vec<(f64, f64)>) {
        let r = *self;
        let at_x =
            |a: (f64, f64), b: (f64, f64), x: f64| (x, a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0));
        let at_y =
            |a: (f64, f64), b: (f64, f64), y: f64| (a.0 + (b.0 - a.0) * (y - a.1) / (b.1 - a.1), y);
        edge(pts, tmp, |p| p.0 >= r.x0, |a, b| at_x(a, b, r.x0));
        edge(tmp, pts, |p| p.0 <= r.x1, |a, b| at_x(a, b, r.x1));
        edge(pts, tmp, |p| p.1 >= r.y0, |a, b| at_y(a, b, r.y0));
        edge(tmp, pts, |p| p.1 <= r.y1, |a, b| at_y(a, b, r.y1));
    }
}

/// One side of the window: `input` cut to the half-plane `inside`, into `out`; `cross` is where
/// an edge from one side to the other meets the boundary (only asked for such edges, so its
/// division is never by zero).
fn edge(
    input: &[(f64, f64)],
    out: &mut Vec<(f64, f64)>,
    inside: impl Fn((f64, f64)) -> bool,
    cross: impl Fn((f64, f64), (f64, f64)) -> (f64, f64),
) {
    out.clear();
    let Some(&last) = input.last() else {
        return;
    };
    let mut prev = last;
    for &cur in input {
        match (inside(prev), inside(cur)) {
            (true, true) => out.push(cur),
            (true, false) => out.push(cross(prev, cur)),
            (false, true) => {
                out.push(cross(prev, cur));
                out.push(cur);
            }
            (false, false) => {}
        }
        prev = cur;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut writes what the formatter writes, ties, signs and magnitudes included.
    #[test]
    fn tenths_are_written_as_the_formatter_writes_them() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut xs = vec![
            0.0,
            -0.0,
            0.05,
            -0.05,
            0.25,
            0.35,
            -0.04,
            1e16,
            -1e16,
            f64::NAN,
        ];
        for _ in 0..200_000 {
            let r = next();
            let scale = [1.0, 10.0, 1000.0, 0.01][(r % 4) as usize];
            xs.push(((r >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 2000.0 * scale);
            // Ties and near-ties of the tenths.
            xs.push(((r % 20_000) as f64 - 10_000.0) / 20.0);
        }
        for x in xs {
            let mut got = String::new();
            push_tenths(&mut got, x);
            assert_eq!(got, format!("{x:.1}"), "{x:e}");
        }
    }

    /// The TopoJSON as world-atlas ships it, read with serde (the compact asset's source).
    fn read_topojson(text: &str) -> Raw {
        #[derive(serde::Deserialize)]
        struct Topology {
            transform: Transform,
            objects: Objects,
            arcs: Vec<Vec<(i64, i64)>>,
        }
        #[derive(serde::Deserialize)]
        struct Objects {
            countries: Collection,
        }
        #[derive(serde::Deserialize)]
        struct Collection {
            geometries: Vec<Geometry>,
        }
        #[derive(serde::Deserialize)]
        #[serde(tag = "type")]
        enum Geometry {
            Polygon {
                arcs: Vec<Vec<i64>>,
                id: Option<String>,
            },
            MultiPolygon {
                arcs: Vec<Vec<Vec<i64>>>,
                id: Option<String>,
            },
        }
        let topo: Topology = serde_json::from_str(text).expect("TopoJSON parses");
        let code = |id: &Option<String>| id.as_deref().and_then(|s| s.parse::<u16>().ok());
        Raw {
            transform: topo.transform,
            arcs: topo.arcs,
            countries: topo
                .objects
                .countries
                .geometries
                .into_iter()
                .map(|g| match g {
                    Geometry::Polygon { arcs, id } => (code(&id).unwrap_or(0), vec![arcs]),
                    Geometry::MultiPolygon { arcs, id } => (code(&id).unwrap_or(0), arcs),
                })
                .collect(),
        }
    }

    #[test]
    fn compact_boundaries_match_the_topojson() {
        // Run `python3 scripts/gen-map-asset.py` after changing the JSON.
        let json = read_topojson(include_str!("../../assets/map/countries-50m.json"));
        let compact = read_compact(COMPACT).expect("the compact asset decodes");
        assert!(json == compact, "assets/map/countries-50m.bin is stale");
        assert_eq!(compact.countries.len(), 241);
        // Cut short or with trailing bytes: no boundaries, no panic.
        for cut in [0, 13, 40, COMPACT.len() / 2, COMPACT.len() - 1] {
            assert!(read_compact(&COMPACT[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = COMPACT.to_vec();
        longer.push(0);
        assert!(read_compact(&longer).is_none());
    }

    #[test]
    fn the_bundled_boundaries_decode() {
        let world = WORLD.as_ref().expect("bundled TopoJSON decodes");
        // 241 features, Australia twice (mainland and Ashmore and Cartier), five without a code.
        assert!(world.countries.len() > 230);
        assert!(world.countries.contains_key(&276));
    }

    #[test]
    fn germany_is_filled_and_centred() {
        let svg = locator(276).expect("Germany is in Natural Earth");
        let i = svg.find("class=\"country\"").expect("the country path");
        let d = &svg[i..];
        assert!(d.contains("fill=\"#0033a0\" fill-rule=\"evenodd\" d=\"M"));
        assert!(
            svg.contains("class=\"neighbour\""),
            "France, Poland... around it"
        );
        // Germany's centroid, about 10.45 E, 51.17 N.
        let b = country_extent(276).unwrap();
        assert!(b.contains(10.45, 51.17), "{b:?}");
        assert!(
            b.west > 5.0 && b.east < 16.0 && b.south > 47.0 && b.north < 56.0,
            "{b:?}"
        );
    }

    #[test]
    fn a_ring_is_cut_to_the_window() {
        let r = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 10.0,
            y1: 10.0,
        };
        let mut tmp = Vec::new();
        // A square from (-5, -5) to (5, 5): its quarter in the window.
        let mut sq = vec![(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)];
        r.cut(&mut sq, &mut tmp);
        let mut got = sq.clone();
        got.sort_by(|a, b| a.partial_cmp(b).unwrap());
        got.dedup();
        assert_eq!(got, vec![(0.0, 0.0), (0.0, 5.0), (5.0, 0.0), (5.0, 5.0)]);
        // Inside: unchanged; outside: nothing left.
        let mut inner = vec![(1.0, 1.0), (2.0, 1.0), (2.0, 2.0)];
        r.cut(&mut inner, &mut tmp);
        assert_eq!(inner, vec![(1.0, 1.0), (2.0, 1.0), (2.0, 2.0)]);
        let mut away = vec![(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)];
        r.cut(&mut away, &mut tmp);
        assert!(away.is_empty());
    }

    /// Every coordinate of an SVG path data attribute.
    fn coordinates(svg: &str) -> Vec<(f64, f64)> {
        let mut out = Vec::new();
        for d in svg.split(" d=\"").skip(1) {
            let d = &d[..d.find('"').unwrap()];
            for pt in d.split(['M', 'L', 'Z']).filter(|s| !s.is_empty()) {
                let (x, y) = pt.split_once(' ').unwrap();
                out.push((x.parse().unwrap(), y.parse().unwrap()));
            }
        }
        out
    }

    /// Cutting the rings to the frame changes what the map shows by no more than the rounding of
    /// the cut points to tenths of a pixel: the maps rasterised (resvg) with and without the cut
    /// differ in few pixels, by little. Large neighbours (Russia beside Türkiye, Canada beside
    /// the United States) are most of the path data and are cut the most.
    #[test]
    fn cutting_to_the_frame_changes_no_visible_pixel_beyond_rounding() {
        let (mut kept, mut all) = (0, 0);
        for m49 in [276u16, 792, 484, 840, 643, 36, 250, 76] {
            let cut = locator(m49).unwrap();
            let whole = locator_cut(m49, 1e12).unwrap();
            let (a, b) = (coordinates(&cut), coordinates(&whole));
            assert!(a.len() <= b.len(), "{m49}");
            (kept, all) = (kept + a.len(), all + b.len());
            assert!(a.iter().all(|&(x, y)| {
                (-CLIP_MARGIN - 0.05..=WIDTH + CLIP_MARGIN + 0.05).contains(&x)
                    && y >= -CLIP_MARGIN - 0.05
            }));
            let raster = |svg: &str| {
                let tree =
                    resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).unwrap();
                let size = tree.size().to_int_size();
                let mut pix = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
                resvg::render(
                    &tree,
                    resvg::tiny_skia::Transform::default(),
                    &mut pix.as_mut(),
                );
                pix.data().to_vec()
            };
            let (pa, pb) = (raster(&cut), raster(&whole));
            assert_eq!(pa.len(), pb.len());
            let differ = pa
                .chunks(4)
                .zip(pb.chunks(4))
                .filter(|(x, y)| x != y)
                .count();
            let worst = pa
                .iter()
                .zip(&pb)
                .map(|(x, y)| x.abs_diff(*y))
                .max()
                .unwrap_or(0);
            let pixels = pa.len() / 4;
            eprintln!(
                "{m49}: {} of {} points kept; {differ} of {pixels} pixels differ, by up to {worst}",
                a.len(),
                b.len()
            );
            // Anti-aliasing along edges that now start at a cut point: a few levels of 255.
            assert!(
                differ * 50 <= pixels && worst <= 8,
                "{m49}: {differ} of {pixels} pixels differ, by up to {worst}"
            );
        }
        assert!(kept * 10 < all * 7, "{kept} of {all} points kept");
    }

    #[test]
    fn unknown_codes_give_no_map() {
        assert!(locator(999).is_none());
        assert!(locator(0).is_none());
        assert!(country_extent(0).is_none());
    }

    #[test]
    fn overseas_territories_do_not_stretch_the_frame() {
        // France (250): French Guiana is in the same feature; the map centres on Europe.
        let b = country_extent(250).unwrap();
        assert!(b.west > -10.0, "{b:?}");
        // The United States (840): the frame holds the contiguous states, not Guam.
        let svg = locator(840).unwrap();
        assert!(svg.starts_with("<svg"));
    }
}
