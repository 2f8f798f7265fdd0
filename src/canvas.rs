//! A plotters backend for `<canvas>`: plotters-canvas for drawing, with text
//! measured by the canvas itself (`measureText`). Without this, plotters
//! measures text by appending a `<span>` to the host page's `<body>` for
//! every label on every redraw: a layout per label, a change to the host's
//! DOM, and a `style` attribute that a strict CSP refuses.
//!
//! Strokes are batched: consecutive lines and paths of the same colour and
//! width go into one canvas path and one `stroke()` (grid lines, and the
//! dozens of dashes of a dashed line), instead of a path, a colour string
//! and a stroke each. Text state (font, colour, alignment) is set only when
//! it changes, and text sizes are measured once per font and label.

use plotters::prelude::DrawingBackend;
use plotters_backend::{
    text_anchor::{HPos, VPos},
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A label drawn once on a canvas of its own, out of the page: a canvas in
/// the page makes the browser bring the page's style up to date before each
/// `fillText` (≈0.5–1.5 ms after any change in the page, such as the slider
/// that just moved), a detached one does not, and copying it in
/// (`drawImage`) costs next to nothing. The text sits on whole pixels at
/// (`ox`, `oy`), drawn with the same font, colour and alignment, so the
/// copy matches drawing it in place.
struct Sprite {
    key: u64,
    canvas: HtmlCanvasElement,
    ox: f64,
    oy: f64,
}

type Error = <CanvasBackend as DrawingBackend>::ErrorType;

/// A colour as a key: (r, g, b, alpha bits).
type Rgba = (u8, u8, u8, u64);

/// The path being built, drawn in one call when the style changes.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    /// Lines and outlines in (colour, width): one `stroke()`.
    Stroke(Rgba, u32),
    /// Filled circles and polygons in a colour: one `fill()`.
    Fill(Rgba),
}

pub struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    open: Option<Open>,
    /// The context's state as last set here (None: unknown, set it): each
    /// colour or font given to a context is a string the browser parses, so
    /// an unchanged one is not given again.
    stroke: Option<(Rgba, u32)>,
    fill: Option<Rgba>,
    anchor: Option<(u8, u8)>,
    /// A hash of the font string.
    font: Cell<Option<u64>>,
    /// Labels drawn before (see [`Sprite`]); bounded, emptied when full.
    /// Only a canvas drawn on every step keeps them ([`Canvas::with_sprites`]):
    /// elsewhere (a chart's base, drawn when its axes change; a one-off
    /// chart) a label is drawn once anyway.
    sprites: Vec<Sprite>,
    use_sprites: bool,
    /// A detached canvas's context that text is measured on (the same
    /// figures, without the restyle a canvas in the page asks for first),
    /// and the hash of its font. Made when first needed; `None` inside
    /// when the page gives none (then the canvas itself measures).
    measurer: std::cell::OnceCell<Option<CanvasRenderingContext2d>>,
    measurer_font: Cell<Option<u64>>,
}

impl Canvas {
    /// `None` when the canvas has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(Canvas {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            context,
            open: None,
            stroke: None,
            fill: None,
            anchor: None,
            font: Cell::new(None),
            sprites: Vec::new(),
            use_sprites: false,
            measurer: std::cell::OnceCell::new(),
            measurer_font: Cell::new(None),
        })
    }

    /// A new canvas out of the page, and its 2D context.
    fn detached(&self) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
        let doc = self.context.canvas()?.owner_document()?;
        let canvas: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
        let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some((canvas, ctx))
    }

    /// The same, drawing its labels through sprites (see [`Sprite`]): for a
    /// layer drawn on every step.
    #[must_use]
    pub fn with_sprites(mut self) -> Self {
        self.use_sprites = true;
        self
    }

    const SPRITES: usize = 48;

    /// A label's sprite, made when first asked for. `None` when the page
    /// gives no canvas to draw it on (then the text is drawn in place).
    fn sprite<S: BackendTextStyle>(&mut self, text: &str, s: &S, c: Rgba) -> Option<usize> {
        let anchor = s.anchor();
        let font = font_of(s);
        let key = fnv(
            fnv(
                fnv(0xcbf2_9ce4_8422_2325, &font),
                &format!(
                    "\0{},{},{},{},{},{}\0",
                    c.0, c.1, c.2, c.3, anchor.h_pos as u8, anchor.v_pos as u8
                ),
            ),
            text,
        );
        if let Some(i) = self.sprites.iter().position(|sp| sp.key == key) {
            return Some(i);
        }
        let (canvas, ctx) = self.detached()?;
        ctx.set_font(&font);
        let width = ctx.measure_text(text).ok()?.width();
        let size = s.size().max(1.0);
        let pad = (size / 2.0).ceil() + 2.0;
        let w = (width.ceil() + 2.0 * pad).clamp(1.0, 8192.0);
        let h = (size * 3.0).ceil() + 4.0;
        let ox = match anchor.h_pos {
            HPos::Left => pad,
            HPos::Right => w - pad,
            HPos::Center => (w / 2.0).floor(),
        };
        let oy = match anchor.v_pos {
            VPos::Top => (size / 2.0).ceil(),
            VPos::Center => (h / 2.0).floor(),
            VPos::Bottom => h - (size / 2.0).ceil(),
        };
        // Setting a size clears the context's state: font and colours after.
        canvas.set_width(w as u32);
        canvas.set_height(h as u32);
        ctx.set_font(&font);
        ctx.set_fill_style_str(&css(c));
        ctx.set_text_baseline(baseline(anchor.v_pos));
        ctx.set_text_align(align(anchor.h_pos));
        ctx.fill_text(text, ox, oy).ok()?;
        if self.sprites.len() >= Self::SPRITES {
            self.sprites.clear();
        }
        self.sprites.push(Sprite {
            key,
            canvas,
            ox,
            oy,
        });
        Some(self.sprites.len() - 1)
    }

    /// Clear the whole canvas to transparent (before a chart that leaves its
    /// background to the page).
    pub fn clear(&self) {
        let (w, h) = self.inner.get_size();
        self.context
            .clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    }

    /// Start (or continue) a batched stroke in this style.
    fn stroke_in<S: BackendStyle>(&mut self, style: &S) {
        let key = (rgba(style.color()), style.stroke_width());
        if self.open != Some(Open::Stroke(key.0, key.1)) {
            self.flush();
            if self.stroke != Some(key) {
                self.context.set_stroke_style_str(&css(key.0));
                self.context.set_line_width(f64::from(key.1));
                self.stroke = Some(key);
            }
            self.context.begin_path();
            self.open = Some(Open::Stroke(key.0, key.1));
        }
    }

    /// Start (or continue) a batched fill in this colour.
    fn fill_in(&mut self, color: BackendColor) {
        let key = rgba(color);
        if self.open != Some(Open::Fill(key)) {
            self.flush();
            self.set_fill(key);
            self.context.begin_path();
            self.open = Some(Open::Fill(key));
        }
    }

    /// Set the fill colour unless it is already this one.
    fn set_fill(&mut self, key: Rgba) {
        if self.fill != Some(key) {
            self.context.set_fill_style_str(&css(key));
            self.fill = Some(key);
        }
    }

    /// Set the context's font unless it is already this one.
    fn set_font<S: BackendTextStyle>(&self, s: &S) {
        let font = font_of(s);
        let hash = fnv(0xcbf2_9ce4_8422_2325, &font);
        if self.font.get().is_none() {
            // The context keeps its font between redraws: read it once, and
            // set it only if it differs (each set is parsed and resolved
            // against the canvas element's style).
            self.font
                .set(Some(fnv(0xcbf2_9ce4_8422_2325, &self.context.font())));
        }
        if self.font.get() != Some(hash) {
            self.context.set_font(&font);
            self.font.set(Some(hash));
        }
    }

    /// Before plotters-canvas draws: close the batch, and forget the colours
    /// (it sets its own).
    fn hand_over(&mut self) {
        self.flush();
        self.stroke = None;
        self.fill = None;
    }

    /// Draw the open batch, if any.
    fn flush(&mut self) {
        match self.open.take() {
            Some(Open::Stroke(..)) => self.context.stroke(),
            Some(Open::Fill(_)) => self.context.fill(),
            None => {}
        }
    }
}

fn rgba(c: BackendColor) -> Rgba {
    (c.rgb.0, c.rgb.1, c.rgb.2, c.alpha.to_bits())
}

fn baseline(v: VPos) -> &'static str {
    match v {
        VPos::Top => "top",
        VPos::Center => "middle",
        VPos::Bottom => "bottom",
    }
}

fn align(h: HPos) -> &'static str {
    match h {
        HPos::Left => "start",
        HPos::Right => "end",
        HPos::Center => "center",
    }
}

/// A colour key as CSS.
fn css((r, g, b, alpha): Rgba) -> String {
    format!("rgba({r},{g},{b},{})", f64::from_bits(alpha))
}

/// The CSS font of a text style, written as browsers give it back from the
/// context's `font` (no "normal").
fn font_of<S: BackendTextStyle>(s: &S) -> String {
    let style = match s.style() {
        FontStyle::Normal => "",
        FontStyle::Oblique => "oblique ",
        FontStyle::Italic => "italic ",
        FontStyle::Bold => "bold ",
    };
    format!("{style}{}px {}", s.size(), s.family().as_str())
}

/// FNV-1a, continued from `h`: enough to tell a chart's fonts and labels apart.
fn fnv(h: u64, s: &str) -> u64 {
    s.bytes()
        .fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Text sizes measured before, by hash of (font, text). Plotters measures
/// every label on every redraw to lay out the axes; the labels of a slider
/// drag are the same ones again and again, and each measurement is a font
/// change and a `measureText` in the browser. Bounded: emptied when full.
struct Measured(std::cell::RefCell<Vec<(u64, (u32, u32))>>);

impl Measured {
    const MAX: usize = 512;

    fn get(&self, key: u64) -> Option<(u32, u32)> {
        let m = self.0.try_borrow().ok()?;
        m.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }

    fn put(&self, key: u64, size: (u32, u32)) {
        if let Ok(mut m) = self.0.try_borrow_mut() {
            if m.len() >= Self::MAX {
                m.clear();
            }
            m.push((key, size));
        }
    }
}

thread_local! {
    static MEASURED: Measured = const { Measured(std::cell::RefCell::new(Vec::new())) };
}

/// Half-pixel offsets for horizontal and vertical lines, as plotters-canvas
/// does, so a 1 px line covers one pixel row instead of two half rows.
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if from.0 == to.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if from.1 == to.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

/// Implemented for a lent canvas: a chart view keeps its canvases between
/// draws and lends them to plotters for one draw each (their contexts, and
/// what is known of the contexts' state, stay); `drawChart` lends a fresh one.
/// One implementation, so the chart code is in the wasm once.
impl DrawingBackend for &mut Canvas {
    type ErrorType = Error;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.flush();
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.hand_over();
        self.inner.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        self.stroke_in(s);
        let (a, b) = crisp(a, b);
        self.context.move_to(a.0, a.1);
        self.context.line_to(b.0, b.1);
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.hand_over();
        self.inner.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        let mut path = path.into_iter();
        if let Some(start) = path.next() {
            self.stroke_in(s);
            self.context.move_to(f64::from(start.0), f64::from(start.1));
            for p in path {
                self.context.line_to(f64::from(p.0), f64::from(p.1));
            }
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        let mut vert = vert.into_iter();
        if let Some(start) = vert.next() {
            self.fill_in(s.color());
            self.context.move_to(f64::from(start.0), f64::from(start.1));
            for p in vert {
                self.context.line_to(f64::from(p.0), f64::from(p.1));
            }
            self.context.close_path();
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        if fill {
            self.fill_in(s.color());
        } else {
            self.stroke_in(s);
        }
        let (x, y, r) = (f64::from(c.0), f64::from(c.1), f64::from(r));
        // Each circle its own closed figure within the batch's path; arc()
        // throws only for a negative radius.
        self.context.move_to(x + r, y);
        let _ = self.context.arc(x, y, r, 0.0, std::f64::consts::TAU);
        self.context.close_path();
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        s: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.flush();
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let degrees = match s.transform() {
            FontTransform::None => 0.0_f64,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if degrees != 0.0 {
            // translate, rotate and fillText throw only for arguments no
            // finite coordinate or angle gives.
            self.context.save();
            let _ = self.context.translate(x, y);
            let _ = self.context.rotate(degrees.to_radians());
            (x, y) = (0.0, 0.0);
        }
        if degrees == 0.0 && self.use_sprites {
            if let Some(i) = self.sprite(text, s, rgba(c)) {
                if let Some(sp) = self.sprites.get(i) {
                    let _ = self.context.draw_image_with_html_canvas_element(
                        &sp.canvas,
                        x - sp.ox,
                        y - sp.oy,
                    );
                    return Ok(());
                }
            }
        }
        let anchor = s.anchor();
        let key = (anchor.v_pos as u8, anchor.h_pos as u8);
        if self.anchor != Some(key) {
            self.context.set_text_baseline(baseline(anchor.v_pos));
            self.context.set_text_align(align(anchor.h_pos));
            self.anchor = Some(key);
        }
        self.set_fill(rgba(c));
        self.set_font(s);
        let _ = self.context.fill_text(text, x, y);
        if degrees != 0.0 {
            // restore() brings back the font, colours and alignment from
            // before save().
            self.context.restore();
            self.stroke = None;
            self.fill = None;
            self.anchor = None;
            self.font.set(None);
        }
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        s: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Error>> {
        let key = fnv(fnv(fnv(0xcbf2_9ce4_8422_2325, &font_of(s)), "\0"), text);
        if let Some(known) = MEASURED.with(|m| m.get(key)) {
            return Ok(known);
        }
        let size = s.size();
        let measurer = self
            .measurer
            .get_or_init(|| self.detached().map(|(_, ctx)| ctx));
        let measured = if let Some(ctx) = measurer {
            let font = font_of(s);
            let hash = fnv(0xcbf2_9ce4_8422_2325, &font);
            if self.measurer_font.get() != Some(hash) {
                ctx.set_font(&font);
                self.measurer_font.set(Some(hash));
            }
            ctx.measure_text(text)
        } else {
            self.set_font(s);
            self.context.measure_text(text)
        };
        // measureText cannot fail on a 2D context; if it ever did, estimate.
        let width = measured
            .map(|m| m.width())
            .unwrap_or(size * 0.6 * text.chars().count() as f64);
        let measured = (width.ceil().max(0.0) as u32, size.ceil().max(0.0) as u32);
        MEASURED.with(|m| m.put(key, measured));
        Ok(measured)
    }
}

/// The publishing picture as SVG text (the picture of
/// [`crate::chart::draw_picture`] on plotters' SVG backend), its text
/// measured on `measure`'s 2D context.
///
/// # Errors
/// As the chart's.
pub fn svg(
    spec: &crate::chart::ChartSpec,
    caption: &crate::chart::Caption,
    size: (u32, u32),
    measure: HtmlCanvasElement,
) -> Result<String, crate::chart::ChartError> {
    let context = measure
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| crate::chart::ChartError("the canvas has no 2D context".into()))?;
    let mut out = String::new();
    {
        let surface = Surface::Svg(
            Box::new(plotters::prelude::SVGBackend::with_string(&mut out, size)),
            context,
        );
        let root = plotters::drawing::IntoDrawingArea::into_drawing_area(surface);
        crate::chart::draw_picture(&root, spec, caption)?;
    }
    Ok(out)
}

/// What the chart is drawn on in the page: a canvas, or plotters' SVG
/// backend (text measured on a canvas). One type, so the chart code is in
/// the wasm once for both.
pub enum Surface<'a> {
    Canvas(&'a mut Canvas),
    Svg(
        Box<plotters::prelude::SVGBackend<'a>>,
        CanvasRenderingContext2d,
    ),
}

/// A drawing error of either surface.
#[derive(Debug)]
pub struct SurfaceError(String);

impl std::fmt::Display for SurfaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SurfaceError {}

fn lift<E: std::error::Error + Send + Sync>(
    r: Result<(), DrawingErrorKind<E>>,
) -> Result<(), DrawingErrorKind<SurfaceError>> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(SurfaceError(e.to_string()))
        }
        DrawingErrorKind::FontError(f) => DrawingErrorKind::FontError(f),
    })
}

impl DrawingBackend for Surface<'_> {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Surface::Canvas(c) => c.get_size(),
            Surface::Svg(s, _) => s.get_size(),
        }
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => lift(c.ensure_prepared()),
            Surface::Svg(s, _) => lift(s.ensure_prepared()),
        }
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => lift(c.present()),
            Surface::Svg(s, _) => lift(s.present()),
        }
    }
    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        col: BackendColor,
    ) -> Result<(), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => lift(c.draw_pixel(p, col)),
            Surface::Svg(s, _) => lift(s.draw_pixel(p, col)),
        }
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        st: &S,
    ) -> Result<(), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => lift(c.draw_line(a, b, st)),
            Surface::Svg(s, _) => lift(s.draw_line(a, b, st)),
        }
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        st: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => lift(c.draw_rect(a, b, st, fill)),
            Surface::Svg(s, _) => lift(s.draw_rect(a, b, st, fill)),
        }
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        st: &S,
    ) -> Result<(), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => lift(c.draw_path(path, st)),
            Surface::Svg(s, _) => lift(s.draw_path(path, st)),
        }
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        st: &S,
    ) -> Result<(), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => lift(c.fill_polygon(vert, st)),
            Surface::Svg(s, _) => lift(s.fill_polygon(vert, st)),
        }
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        at: BackendCoord,
        r: u32,
        st: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => lift(c.draw_circle(at, r, st, fill)),
            Surface::Svg(s, _) => lift(s.draw_circle(at, r, st, fill)),
        }
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        st: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => lift(c.draw_text(text, st, pos)),
            Surface::Svg(s, _) => lift(s.draw_text(text, st, pos)),
        }
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        st: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<SurfaceError>> {
        match self {
            Surface::Canvas(c) => c.estimate_text_size(text, st).map_err(|e| match e {
                DrawingErrorKind::DrawingError(e) => {
                    DrawingErrorKind::DrawingError(SurfaceError(e.to_string()))
                }
                DrawingErrorKind::FontError(f) => DrawingErrorKind::FontError(f),
            }),
            Surface::Svg(_, context) => {
                let size = st.size();
                context.set_font(&font_of(st));
                let width = context
                    .measure_text(text)
                    .map(|m| m.width())
                    .unwrap_or(size * 0.6 * text.chars().count() as f64);
                Ok((width.ceil().max(0.0) as u32, size.ceil().max(0.0) as u32))
            }
        }
    }
}
