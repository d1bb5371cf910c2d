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
    text: std::rc::Rc<std::cell::RefCell<TextLayer>>,
}

impl<B: DrawingBackend> GlyphFix<B> {
    /// Wrap `inner`; `None` when the embedded fonts cannot be parsed. Text goes to `text`,
    /// which the caller blends into the bitmap once the chart is drawn ([`TextLayer::blend`]).
    pub fn new(
        inner: B,
        regular: &'static [u8],
        bold: &'static [u8],
        text: std::rc::Rc<std::cell::RefCell<TextLayer>>,
    ) -> Option<GlyphFix<B>> {
        Some(GlyphFix {
            inner,
            regular: FontRef::try_from_slice(regular).ok()?,
            bold: FontRef::try_from_slice(bold).ok()?,
            text,
        })
    }
}

/// The glyphs of a chart's text, blended into its RGB bitmap after everything else is drawn.
/// Going through the bitmap backend's `draw_pixel` cost about 100 instructions a pixel (a
/// third of a chart's drawing); blending here costs a few. The blend is plotters' own, so a
/// label over the background has the very pixels it had; only where a label touches something
/// drawn after it (an axis line under the last category label of a bar chart) is the label
/// now on top: 2 of the 2,301 PNG charts of the examples and the 235 batch profiles differ,
/// in one pixel row each.
#[derive(Default)]
pub struct TextLayer {
    stamps: Vec<Stamp>,
}

/// One glyph as placed: its pixels, where they go and in what colour.
struct Stamp {
    raster: std::rc::Rc<Raster>,
    /// The glyph box's top left relative to the text's anchor, before the rotation.
    at: (i32, i32),
    /// The text's anchor on the bitmap.
    pos: BackendCoord,
    trans: plotters_backend::FontTransform,
    rgb: (u8, u8, u8),
    alpha: f64,
}

impl TextLayer {
    /// Blend the text into `rgb` (`w` pixels a row, 3 bytes a pixel) as plotters'
    /// `BitMapBackend` blends a pixel: opaque from 255/256 up, otherwise by the opacity in
    /// 256ths (`as` truncates, which is plotters' `floor` for these positive values).
    pub fn blend(&self, rgb: &mut [u8], size: (u32, u32)) {
        use plotters_backend::FontTransform as T;
        for s in &self.stamps {
            // The rotation chosen once a glyph, not at each pixel.
            match s.trans {
                T::None => s.blend(rgb, size, |x, y| (x, y)),
                T::Rotate90 => s.blend(rgb, size, |x, y| (-y, x)),
                T::Rotate180 => s.blend(rgb, size, |x, y| (-x, -y)),
                T::Rotate270 => s.blend(rgb, size, |x, y| (y, -x)),
            }
        }
    }
}

impl Stamp {
    /// The glyph's pixels blended into `rgb`, `place` rotating them about the text's anchor.
    fn blend(&self, rgb: &mut [u8], (w, h): (u32, u32), place: impl Fn(i32, i32) -> (i32, i32)) {
        let colour = [self.rgb.0, self.rgb.1, self.rgb.2];
        let opaque = self.alpha == 1.0;
        for (&(gx, gy, cov), &op) in self.raster.pixels.iter().zip(&self.raster.opacity) {
            let (tx, ty) = place(self.at.0 + gx as i32, self.at.1 + gy as i32);
            let (px, py) = (self.pos.0 + tx, self.pos.1 + ty);
            if px < 0 || py < 0 || px >= w as i32 || py >= h as i32 {
                continue;
            }
            let base = (py as usize * w as usize + px as usize) * 3;
            let Some(pixel) = rgb.get_mut(base..base + 3) else {
                continue;
            };
            let a = if opaque {
                op
            } else {
                opacity(self.alpha * f64::from(cov.min(1.0)))
            };
            blend(pixel, colour, a);
        }
    }
}

/// Plotters' blend of one RGB pixel with `colour` at `a` 256ths.
fn blend(pixel: &mut [u8], colour: [u8; 3], a: u16) {
    if a >= 256 {
        pixel.copy_from_slice(&colour);
        return;
    }
    let a = u32::from(a);
    for (old, new) in pixel.iter_mut().zip(colour) {
        if new > *old {
            *old += (u32::from(new - *old) * a / 256) as u8;
        } else {
            *old -= (u32::from(*old - new) * a / 256) as u8;
        }
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
        let bold = matches!(style.style(), FontStyle::Bold);
        let mut layer = self.text.borrow_mut();
        for g in glyphs {
            let Some(glyph) = rasterised(font, bold, g) else {
                continue;
            };
            layer.stamps.push(Stamp {
                at: (glyph.origin.0 + dx, glyph.origin.1 + dy),
                raster: glyph.raster,
                pos,
                trans: trans.clone(),
                rgb: color.rgb,
                alpha: color.alpha,
            });
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
    /// Each pixel's opacity in an opaque colour, in 256ths as plotters blends it (256: the
    /// colour replaces the pixel).
    opacity: Vec<u16>,
}

/// Plotters' opacity of a pixel in 256ths: 256 (opaque) from 255/256 up, else the 256ths
/// below it (`as` truncates, which is `floor` for these positive values).
fn opacity(alpha: f64) -> u16 {
    if alpha >= 1.0 - 1.0 / 256.0 {
        256
    } else if alpha > 0.0 {
        (alpha * 256.0) as u16
    } else {
        0
    }
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
    let opacity = pixels
        .iter()
        .map(|&(_, _, cov)| opacity(f64::from(cov.min(1.0))))
        .collect();
    let raster = std::rc::Rc::new(Raster {
        origin: (b.min.x as i32 - whole.0, b.min.y as i32 - whole.1),
        pixels,
        opacity,
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
            opacity: Vec::new(),
        }
    }

    #[test]
    fn text_blends_as_plotters_blends_a_pixel() {
        // Plotters' BitMapBackend::draw_pixel on the same white and grey bitmap, pixel by
        // pixel, at the opacities text gives: the layer's blend leaves the same bytes.
        use plotters::prelude::*;
        let colours = [(0u8, 51u8, 160u8), (200, 10, 250), (90, 98, 106)];
        let alphas = [1.0, 0.999, 0.9961, 0.75, 0.5, 0.25, 0.004, 0.0];
        let (w, h) = (alphas.len() as u32, colours.len() as u32 * 2);
        let start: Vec<u8> = (0..w * h * 3)
            .map(|i| if i % 7 == 0 { 128 } else { 255 })
            .collect();
        let mut theirs = start.clone();
        {
            let mut b = BitMapBackend::with_buffer(&mut theirs, (w, h));
            for (y, &rgb) in colours.iter().enumerate() {
                for (x, &a) in alphas.iter().enumerate() {
                    for row in [2 * y, 2 * y + 1] {
                        b.draw_pixel((x as i32, row as i32), BackendColor { alpha: a, rgb })
                            .expect("drawn");
                    }
                }
            }
        }
        let mut ours = start;
        for (y, &rgb) in colours.iter().enumerate() {
            for (x, &a) in alphas.iter().enumerate() {
                for row in [2 * y, 2 * y + 1] {
                    let base = (row * w as usize + x) * 3;
                    blend(&mut ours[base..base + 3], [rgb.0, rgb.1, rgb.2], opacity(a));
                }
            }
        }
        assert_eq!(ours, theirs);
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
