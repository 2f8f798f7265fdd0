//! The chart on plotters' SVG backend, for print desks.

use super::{draw_picture, Caption, ChartError, ChartSpec};
use plotters::prelude::{DrawingBackend, IntoDrawingArea, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// plotters' SVG backend with text measured by the page (a canvas's
/// `measureText`, natively an estimate): plotters' own measuring needs font
/// files, or the DOM.
struct MeasuredSvg<'a, M: Fn(&str, f64) -> (u32, u32)> {
    inner: SVGBackend<'a>,
    measure: M,
}

type SvgError = <SVGBackend<'static> as DrawingBackend>::ErrorType;

impl<M: Fn(&str, f64) -> (u32, u32)> DrawingBackend for MeasuredSvg<'_, M> {
    type ErrorType = SvgError;
    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_path(path, s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_circle(c, r, s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.fill_polygon(vert, s)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        s: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_text(text, s, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        s: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<SvgError>> {
        Ok((self.measure)(text, s.size()))
    }
}

/// The picture of [`draw_picture`] as SVG text, `size` pixels, for print
/// desks: the same chart code on plotters' SVG backend.
///
/// # Errors
/// As [`draw`].
pub fn picture_svg(
    spec: &ChartSpec,
    caption: &Caption,
    size: (u32, u32),
    measure: impl Fn(&str, f64) -> (u32, u32),
) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let backend = MeasuredSvg {
            inner: SVGBackend::with_string(&mut out, size),
            measure,
        };
        let root = backend.into_drawing_area();
        draw_picture(&root, spec, caption)?;
    }
    Ok(out)
}
