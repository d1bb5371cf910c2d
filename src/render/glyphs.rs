//! A bitmap backend wrapper that draws text with correct glyph placement.
//!
//! plotters 0.3.7 rasterises each glyph of an `ab_glyph` font at its advance position but drops
//! the glyph's left side bearing, so letters look unevenly spaced in PNG charts ("Kazakh stan").
//! [`GlyphFix`] forwards every drawing call to the wrapped backend except text, which it lays out
//! itself with the same embedded font: advance, kerning and bearing, baseline where plotters puts
//! it, so text positions match the layout plotters computed.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};

pub struct GlyphFix<B> {
    inner: B,
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

impl<B: DrawingBackend> GlyphFix<B> {
    /// Wrap `inner`; `None` when the embedded fonts cannot be parsed.
    pub fn new(inner: B, regular: &'static [u8], bold: &'static [u8]) -> Option<GlyphFix<B>> {
        Some(GlyphFix {
            inner,
            regular: FontRef::try_from_slice(regular).ok()?,
            bold: FontRef::try_from_slice(bold).ok()?,
        })
    }
}

impl<B: DrawingBackend> DrawingBackend for GlyphFix<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.inner.estimate_text_size(text, style)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let font = match style.style() {
            FontStyle::Bold => &self.bold,
            _ => &self.regular,
        };
        let size = style.size() as f32;
        let scaled = font.as_scaled(PxScale::from(size));
        // The same box plotters' layout uses: advance widths plus kerning, size / 1.24 high.
        let mut glyphs = Vec::with_capacity(text.len());
        let mut x = 0f32;
        let mut prev = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                x += scaled.kern(p, id);
            }
            // Baseline at size / 2, as plotters places it. The pen is placed to a quarter of a
            // pixel (as FreeType's and Skia's subpixel positioning do): at most 1/8 px from
            // where the advances put it, and glyphs repeat at four offsets, so the cache of
            // rasterised glyphs (`rasterised`) answers nearly every one.
            let at = (x * SUBPIXELS).round() / SUBPIXELS;
            glyphs.push(id.with_scale_and_position(PxScale::from(size), point(at, size / 2.0)));
            x += scaled.h_advance(id);
            prev = Some(id);
        }
        let width = x as i32;
        let height = (size / 1.24) as i32;
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let trans = style.transform();
        let (w, h) = self.inner.get_size();
        let bold = matches!(style.style(), FontStyle::Bold);
        for g in glyphs {
            let Some(glyph) = rasterised(font, bold, g) else {
                continue;
            };
            let (bx, by) = glyph.origin;
            for &(gx, gy, cov) in &glyph.raster.pixels {
                let lx = bx + gx as i32 + dx;
                let ly = by + gy as i32 + dy;
                let (tx, ty) = trans.transform(lx, ly);
                let (px, py) = (pos.0 + tx, pos.1 + ty);
                if px >= 0 && px < w as i32 && py >= 0 && py < h as i32 {
                    self.inner.draw_pixel(
                        (px, py),
                        BackendColor {
                            alpha: color.alpha * f64::from(cov.min(1.0)),
                            rgb: color.rgb,
                        },
                    )?;
                }
            }
        }
        Ok(())
    }
}

/// Pen positions per pixel (see [`GlyphFix::draw_text`]).
const SUBPIXELS: f32 = 4.0;

/// A glyph as drawn: the top left of its pixel box (relative to the whole-pixel part of its
/// position) and the pixels it covers (coverage > 0).
struct Raster {
    origin: (i32, i32),
    pixels: Vec<(u32, u32, f32)>,
}

/// What [`GlyphFix::draw_text`] draws of a glyph: the top left of its pixel box and its pixels.
struct Placed {
    origin: (i32, i32),
    raster: std::rc::Rc<Raster>,
}

/// Exactly what determines a rasterised glyph's pixels: font, glyph, scale and the fractional
/// part of its position, as bits. ab_glyph's pixel box is `floor(bound * scale + fract) +
/// trunc` and its coverage depends on `fract` only, so a glyph moved by whole pixels has the
/// same pixels, its box moved by the same whole pixels.
type GlyphKey = (bool, u16, u32, u32, u32, u32);

/// Glyphs kept per thread; cleared when it holds this many, which bounds the cache to a few
/// megabytes however many profiles a process builds.
const GLYPH_CACHE_MAX: usize = 2048;

thread_local! {
    static GLYPHS: std::cell::RefCell<rustc_hash::FxHashMap<GlyphKey, std::rc::Rc<Raster>>> =
        std::cell::RefCell::new(Default::default());
}

/// The glyph rasterised, from a per-thread cache: the same labels (axis ticks, legends, years)
/// recur in every chart, and outlining and rasterising them was most of the PNG text cost.
/// The key holds every input of the rasterisation, so a hit gives the very same pixels.
fn rasterised(font: &FontRef<'static>, bold: bool, g: ab_glyph::Glyph) -> Option<Placed> {
    let whole = (g.position.x.trunc() as i32, g.position.y.trunc() as i32);
    let key: GlyphKey = (
        bold,
        g.id.0,
        g.scale.x.to_bits(),
        g.scale.y.to_bits(),
        g.position.x.fract().to_bits(),
        g.position.y.fract().to_bits(),
    );
    let place = |raster: std::rc::Rc<Raster>| Placed {
        origin: (raster.origin.0 + whole.0, raster.origin.1 + whole.1),
        raster,
    };
    if let Some(hit) = GLYPHS.with(|c| c.borrow().get(&key).cloned()) {
        return Some(place(hit));
    }
    let outline = font.outline_glyph(g)?;
    let b = outline.px_bounds();
    let mut pixels = Vec::new();
    outline.draw(|gx, gy, cov| {
        if cov > 0.0 {
            pixels.push((gx, gy, cov));
        }
    });
    let raster = std::rc::Rc::new(Raster {
        origin: (b.min.x as i32 - whole.0, b.min.y as i32 - whole.1),
        pixels,
    });
    GLYPHS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= GLYPH_CACHE_MAX {
            c.clear();
        }
        c.insert(key, raster.clone());
    });
    Some(place(raster))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pixels ab_glyph gives for the glyph, computed afresh (the box origin absolute).
    fn fresh(font: &FontRef<'static>, g: ab_glyph::Glyph) -> Raster {
        let outline = font.outline_glyph(g).expect("an outlined glyph");
        let b = outline.px_bounds();
        let mut pixels = Vec::new();
        outline.draw(|x, y, c| {
            if c > 0.0 {
                pixels.push((x, y, c));
            }
        });
        Raster {
            origin: (b.min.x as i32, b.min.y as i32),
            pixels,
        }
    }

    #[test]
    fn cached_glyphs_are_the_pixels_ab_glyph_draws_at_every_position() {
        let font = FontRef::try_from_slice(include_bytes!("../../assets/fonts/DejaVuSans.ttf"))
            .expect("the embedded font parses");
        let mut hits = 0;
        for c in ['a', 'g', 'W', '7', 'é'] {
            for size in [11.0f32, 13.0, 16.5] {
                // The same fractions at other whole pixels (a hit) and new fractions (a miss).
                for x in [0.0f32, 0.375, 7.375, 123.375, 3.8, 640.8, 12.03] {
                    for y in [size / 2.0, size / 2.0 + 40.0] {
                        let g = font
                            .as_scaled(PxScale::from(size))
                            .glyph_id(c)
                            .with_scale_and_position(PxScale::from(size), point(x, y));
                        let before = GLYPHS.with(|c| c.borrow().len());
                        let placed = rasterised(&font, false, g.clone()).expect("drawn");
                        hits += usize::from(GLYPHS.with(|c| c.borrow().len()) == before);
                        let want = fresh(&font, g);
                        assert_eq!(placed.origin, want.origin, "{c} at {x},{y} size {size}");
                        assert!(
                            placed.raster.pixels == want.pixels,
                            "{c} at {x},{y} size {size}"
                        );
                    }
                }
            }
        }
        assert!(hits > 0, "glyphs moved by whole pixels come from the cache");
    }
}
