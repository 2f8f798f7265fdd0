//! The chart, drawn with plotters on any backend (a `<canvas>` in the page,
//! plotters' SVG backend for print desks, a recording backend in tests).
//! It takes plain data ([`ChartSpec`]), which [`crate::present`] builds from
//! the dataset and the projection: this module decides the geometry and
//! where each label goes (never under a line or the band).
//!
//! Sizes are in backing-store pixels: `scale` is the devicePixelRatio and
//! every font, margin and line width is multiplied by it, so the chart is
//! crisp on HiDPI screens. A page keeps the chart in two layers
//! ([`Layers`]): the base (axes, grid, history) is drawn again only when it
//! changes, the overlay (band, target, trend, projection) on every step.

use crate::format::{number, Style as NumberStyle};
use crate::json::Value;
use crate::lang::Lang;
use crate::read::{self, Fields, Path, R};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

/// A year and a value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Xy {
    pub year: f64,
    pub value: f64,
}

/// A line: years and values of equal length (NaN: a gap).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Line {
    pub years: Vec<f64>,
    pub values: Vec<f64>,
}

/// A band between `lo` and `hi`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Band {
    pub years: Vec<f64>,
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
}

/// A stacked series (shares).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stack {
    pub years: Vec<f64>,
    /// `series[i][k]`: part `i` in year `k`, in the axis unit.
    pub series: Vec<Vec<f64>>,
    pub colors: Vec<String>,
    pub labels: Vec<String>,
    pub first_projected_year: f64,
}

/// A target: a year and a level (`low == high` for one figure).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TargetMark {
    pub year: f64,
    pub low: f64,
    pub high: f64,
}

/// A break in the series (a changed standard): the line is not drawn
/// across it, and a marked line with `label` stands between the years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakMark {
    /// The first year on the new basis.
    pub year: f64,
    pub label: String,
}

/// Colours as `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    pub background: String,
    pub text: String,
    pub grid: String,
    pub history: String,
    pub projection: String,
    pub trend: String,
    pub target: String,
    pub band: String,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            background: "#ffffff".into(),
            text: "#1b1f24".into(),
            grid: "#d0d7de".into(),
            history: "#24292f".into(),
            projection: "#0b5cad".into(),
            trend: "#b35900".into(),
            target: "#b3261e".into(),
            band: "#0b5cad".into(),
        }
    }
}

/// Words drawn on the chart, already in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Words {
    /// By the target ("Mục tiêu 130").
    pub target: String,
    /// By the year the target is reached, or in the corner when it is not.
    pub reached: String,
    /// Over the projected years of a stacked chart ("dự phóng →").
    pub projected: String,
    /// The value axis's unit, above it ("triệu đồng").
    pub unit: String,
}

/// Everything the chart shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartSpec {
    /// Backing-store pixels per CSS pixel (devicePixelRatio), 0.5–4.
    pub scale: f64,
    /// The chart's text size relative to 12 CSS pixels (the widget's font
    /// size over 16: a reader's larger default font makes larger labels), 0.5–4.
    pub text_scale: f64,
    /// The language of the axis numbers (decimal comma or point).
    pub lang: Lang,
    pub history: Vec<Xy>,
    /// Figures that disagree with the history (drawn hollow, beside it).
    pub alternatives: Vec<Xy>,
    pub projection: Option<Line>,
    pub trend: Option<Line>,
    pub band: Option<Band>,
    pub target: Option<TargetMark>,
    pub reached_year: Option<f64>,
    pub stack: Option<Stack>,
    pub breaks: Vec<BreakMark>,
    /// Totals over terms of this many years, drawn as bars (one per term,
    /// labelled with its years), not as a yearly path.
    pub bars: Option<f64>,
    pub theme: Theme,
    /// Leave the background unpainted: the canvas's own CSS background shows
    /// through (a browser draws text on a transparent canvas several times
    /// faster than on one it has filled); PNG, SVG and print paint it.
    pub transparent: bool,
    pub words: Words,
    /// Decimals on the value axis.
    pub decimals: u32,
    /// Suffix after value-axis numbers ("%"), may be empty.
    pub unit_suffix: String,
    /// The value no figure can pass (100 for a percentage): the value axis
    /// prints no number above it (the room above for labels stays, unnumbered:
    /// never a "110%" on a scale that ends at 100).
    pub ceiling: Option<f64>,
}

impl Default for ChartSpec {
    fn default() -> Self {
        ChartSpec {
            scale: 1.0,
            text_scale: 1.0,
            lang: Lang::Vi,
            history: Vec::new(),
            alternatives: Vec::new(),
            projection: None,
            trend: None,
            band: None,
            target: None,
            reached_year: None,
            stack: None,
            breaks: Vec::new(),
            bars: None,
            theme: Theme::default(),
            transparent: false,
            words: Words::default(),
            decimals: 0,
            unit_suffix: String::new(),
            ceiling: None,
        }
    }
}

/// Where the plot landed, in CSS pixels, so the page can map a pointer to a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Layout {
    pub plot_left: f64,
    pub plot_top: f64,
    pub plot_width: f64,
    pub plot_height: f64,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    /// A key of everything the base layer shows ([`frame_key`]).
    pub frame: f64,
    /// Whether this draw drew the base layer.
    pub base_drawn: bool,
}

/// Which part of the chart to draw. [`Layer::All`] draws the base and then
/// the overlay on one canvas: the same picture as the two layers stacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    All,
    Base,
    Overlay,
}

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "chart: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

fn drawing<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError(e.to_string())
}

/// Parse `#rrggbb`; anything else is mid grey (a bad colour must not kill the chart).
/// # Example
/// ```
/// use grdp_whatif::chart::parse_color;
/// assert_eq!(parse_color("#0b5cad").0, 0x0b);
/// assert_eq!(parse_color("red; }").0, 128);
/// ```
pub fn parse_color(s: &str) -> RGBColor {
    let hex = s.strip_prefix('#').unwrap_or(s);
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (hex.len(), channel(0), channel(2), channel(4)) {
        (6, Some(r), Some(g), Some(b)) => RGBColor(r, g, b),
        _ => RGBColor(128, 128, 128),
    }
}

/// Whether a point can be drawn: a year within ±10,000 and a value within
/// ±10¹⁵. Anything else (NaN, ±∞, 1e308) is left out like a gap: the axes
/// are fitted to the points drawn, and a point far outside them would make a
/// line millions of pixels long (dashed, millions of dashes: a page that hangs).
fn shown(x: f64, y: f64) -> bool {
    x.abs() <= 1e4 && y.abs() <= 1e15
}

/// The term of a bar chart, if it is one that can be drawn (1–20 years).
fn term(spec: &ChartSpec) -> Option<f64> {
    spec.bars.filter(|t| (1.0..=20.0).contains(t))
}

/// The runs of drawable points of a line: a gap (NaN, or a point that
/// cannot be drawn) ends a run.
fn runs(years: &[f64], values: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (x, y) in years.iter().zip(values) {
        if shown(*x, *y) {
            if let Some(run) = out.last_mut() {
                run.push((*x, *y));
            }
        } else if out.last().is_some_and(|r| !r.is_empty()) {
            out.push(Vec::new());
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

fn points(years: &[f64], values: &[f64]) -> Vec<(f64, f64)> {
    runs(years, values).into_iter().flatten().collect()
}

/// The x and y ranges that fit everything drawn.
/// # Example
/// ```
/// use grdp_whatif::chart::{ranges, ChartSpec, Xy};
/// let s = ChartSpec { history: vec![Xy { year: 2020.0, value: 30.0 }, Xy { year: 2025.0, value: 71.1 }], ..Default::default() };
/// let ((x0, x1), (y0, y1)) = ranges(&s);
/// assert!(x0 < 2020.0 && x1 > 2025.0);
/// assert_eq!(y0, 0.0); // zero costs less than half the height: growth reads truer
/// assert!(y1 > 71.1);
/// ```
pub fn ranges(spec: &ChartSpec) -> ((f64, f64), (f64, f64)) {
    let mut xs: Vec<f64> = Vec::new();
    let mut ys: Vec<f64> = Vec::new();
    let mut add = |x: f64, y: f64| {
        if shown(x, y) {
            xs.push(x);
            ys.push(y);
        }
    };
    for p in spec.history.iter().chain(&spec.alternatives) {
        add(p.year, p.value);
    }
    for l in [&spec.projection, &spec.trend].into_iter().flatten() {
        for (x, y) in l.years.iter().zip(&l.values) {
            add(*x, *y);
        }
    }
    if let Some(b) = &spec.band {
        for (x, y) in b.years.iter().zip(&b.lo).chain(b.years.iter().zip(&b.hi)) {
            add(*x, *y);
        }
    }
    if let Some(t) = spec.target {
        add(t.year, t.low);
        add(t.year, t.high);
    }
    if let Some(s) = &spec.stack {
        for x in &s.years {
            add(*x, 0.0);
            add(*x, 100.0);
        }
    }
    if let Some(term) = term(spec) {
        // A bar spans its term: room for the first term's left edge.
        let first = spec
            .history
            .iter()
            .map(|p| p.year)
            .filter(|y| y.abs() <= 1e4)
            .fold(f64::INFINITY, f64::min);
        if first.is_finite() {
            add(first - term + 1.0, 0.0);
        }
    }
    let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let max = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (mut x0, mut x1) = (min(&xs), max(&xs));
    if !(x0.is_finite() && x1.is_finite()) {
        (x0, x1) = (2020.0, 2030.0);
    }
    if x1 - x0 < 1.0 {
        x1 = x0 + 1.0;
    }
    let pad = if term(spec).is_some() { 0.6 } else { 0.3 };
    let (mut y0, mut y1) = (min(&ys), max(&ys));
    if !(y0.is_finite() && y1.is_finite()) {
        (y0, y1) = (0.0, 1.0);
    }
    if spec.stack.is_some() {
        return ((x0 - pad, x1 + pad), (y0.min(0.0), y1.max(100.0)));
    }
    let span = (y1 - y0).abs().max(y1.abs() * 0.05).max(1e-9);
    let lo = if (y0 > 0.0 && y0 < 0.5 * y1) || term(spec).is_some() {
        0.0_f64.min(y0)
    } else if y0 >= 0.0 {
        // Nothing drawn is below zero (a share held at 0 %, say): the axis
        // does not invent a −10 % for it.
        (y0 - 0.08 * span).max(0.0)
    } else {
        y0 - 0.08 * span
    };
    // Room above the highest point for the labels.
    let hi = y1 + 0.14 * span;
    // Both ends on a round step: the axis stays still while a slider moves
    // the lines within it, and jumps a whole step when they leave it.
    let step = nice_step(hi - lo, Y_PARTS);
    let (nlo, nhi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    let y = if nlo.is_finite() && nhi.is_finite() && nhi > nlo {
        (nlo, nhi)
    } else {
        (lo, hi)
    };
    ((x0 - pad, x1 + pad), y)
}

/// Most intervals on the value axis.
const Y_PARTS: f64 = 6.0;

/// The smallest round step (1, 2 or 5 × 10ⁿ) that cuts `span` into at most
/// `parts` parts.
/// # Example
/// ```
/// use grdp_whatif::chart::nice_step;
/// assert_eq!(nice_step(101.0, 6.0), 20.0);
/// assert_eq!(nice_step(130.0, 6.0), 50.0);
/// assert_eq!(nice_step(0.9, 6.0), 0.2);
/// ```
pub fn nice_step(span: f64, parts: f64) -> f64 {
    let raw = span / parts;
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = [1.0, 2.0, 5.0]
        .into_iter()
        .find(|&n| f <= n * (1.0 + 1e-9))
        .unwrap_or(10.0);
    nice * mag
}

/// FNV-1a over bytes.
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A key of everything the base layer shows on a canvas of `size` backing
/// pixels: two specs with the same key draw the same base.
/// # Example
/// ```
/// use grdp_whatif::chart::{frame_key, ChartSpec, Line, Xy};
/// let spec = ChartSpec { history: vec![Xy { year: 2025.0, value: 71.1 }],
///     projection: Some(Line { years: vec![2025.0, 2030.0], values: vec![71.1, 120.0] }), ..Default::default() };
/// let mut moved = spec.clone();
/// moved.projection.as_mut().map(|p| p.values[1] += 0.1);
/// // A small move of the projection keeps the axes, so the base is kept.
/// assert_eq!(frame_key(&spec, (800, 400)), frame_key(&moved, (800, 400)));
/// assert_ne!(frame_key(&spec, (800, 400)), frame_key(&spec, (800, 401)));
/// ```
pub fn frame_key(spec: &ChartSpec, size: (u32, u32)) -> f64 {
    frame_key_in(spec, size, ranges(spec))
}

fn frame_key_in(
    spec: &ChartSpec,
    size: (u32, u32),
    ((x0, x1), (y0, y1)): ((f64, f64), (f64, f64)),
) -> f64 {
    let mut h = 0xcbf2_9ce4_8422_2325;
    let num = |h: &mut u64, v: f64| *h = fnv(*h, &v.to_bits().to_le_bytes());
    for v in [
        f64::from(size.0),
        f64::from(size.1),
        spec.scale,
        x0,
        x1,
        y0,
        y1,
        f64::from(spec.decimals),
        f64::from(u8::from(spec.transparent)),
        f64::from(spec.lang as u8),
        term(spec).unwrap_or(0.0),
        spec.ceiling.unwrap_or(f64::NAN),
    ] {
        num(&mut h, v);
    }
    let th = &spec.theme;
    for w in [
        &th.background,
        &th.text,
        &th.grid,
        &th.history,
        &spec.unit_suffix,
        &spec.words.projected,
        &spec.words.unit,
    ] {
        h = fnv(h, w.as_bytes());
        h = fnv(h, &[0xff]);
    }
    let gap = Xy {
        year: f64::NAN,
        value: f64::NAN,
    };
    for p in spec.history.iter().chain([&gap]).chain(&spec.alternatives) {
        num(&mut h, p.year);
        num(&mut h, p.value);
    }
    for b in &spec.breaks {
        num(&mut h, b.year);
        h = fnv(h, b.label.as_bytes());
    }
    if let Some(st) = &spec.stack {
        num(&mut h, st.first_projected_year);
        for v in st.years.iter().chain(st.series.iter().flatten()) {
            num(&mut h, *v);
        }
        for series in &st.series {
            num(&mut h, series.len() as f64);
        }
        for c in &st.colors {
            h = fnv(h, c.as_bytes());
            h = fnv(h, &[0xff]);
        }
    }
    // 53 bits: a whole number a JS number holds exactly.
    (h >> 11) as f64
}

/// The chart's colours, pens and font, scaled.
struct Style {
    k: f64,
    bg: RGBColor,
    text: RGBColor,
    grid: RGBColor,
    history: RGBColor,
    projection: RGBColor,
    trend: RGBColor,
    target: RGBColor,
    band: RGBColor,
    font_px: f64,
}

impl Style {
    fn of(spec: &ChartSpec) -> Style {
        let th = &spec.theme;
        let k = if spec.scale.is_finite() {
            spec.scale.clamp(0.5, 4.0)
        } else {
            1.0
        };
        Style {
            k,
            bg: parse_color(&th.background),
            text: parse_color(&th.text),
            grid: parse_color(&th.grid),
            history: parse_color(&th.history),
            projection: parse_color(&th.projection),
            trend: parse_color(&th.trend),
            target: parse_color(&th.target),
            band: parse_color(&th.band),
            font_px: 12.0
                * if spec.text_scale.is_finite() {
                    spec.text_scale.clamp(0.5, 4.0)
                } else {
                    1.0
                },
        }
    }

    /// The text's size against the default 12 CSS pixels.
    fn text_scale(&self) -> f64 {
        self.font_px / 12.0
    }

    /// CSS pixels to backing pixels (at least 1).
    fn px(&self, v: f64) -> u32 {
        (v * self.k).round().max(1.0) as u32
    }

    /// The chart's one font (FontFamily::SansSerif, not "sans-serif": a string
    /// family is lower-cased by plotters, which links Unicode case tables in).
    fn font(&self, color: RGBColor) -> TextStyle<'static> {
        (FontFamily::SansSerif, f64::from(self.px(self.font_px)))
            .into_font()
            .color(&color)
    }
}

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The value axis's label for `y`.
fn value_label(spec: &ChartSpec, y: f64) -> String {
    let d = spec.decimals.min(6) as u8;
    format!(
        "{}{}",
        number(y, spec.lang, NumberStyle::fixed(d)),
        spec.unit_suffix
    )
}

/// Step 1: the plot's frame on `root`, or an error if the canvas is too small.
fn frame<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    st: &Style,
    ((x0, x1), (y0, y1)): ((f64, f64), (f64, f64)),
) -> Result<Chart<'a, DB>, ChartError> {
    let digits = value_label(spec, y1)
        .chars()
        .count()
        .max(value_label(spec, y0).chars().count());
    // What holds text grows with the text: a reader's larger default font
    // makes wider value labels, taller year labels and a taller unit line.
    let t = st.text_scale();
    let y_area = st.px(6.0 + (8.0 + 7.0 * digits as f64) * t);
    let top = if spec.words.unit.is_empty() {
        14.0
    } else {
        22.0
    } * t;
    let right = 16.0 * t;
    let bottom = 26.0 * t;
    let (w, h) = root.dim_in_pixel();
    let plot_w = i64::from(w) - i64::from(st.px(4.0) + st.px(right) + y_area);
    let plot_h = i64::from(h) - i64::from(st.px(top) + st.px(4.0) + st.px(bottom));
    if plot_w < i64::from(st.px(40.0)) || plot_h < i64::from(st.px(40.0)) {
        return Err(ChartError(format!(
            "the canvas ({w}×{h}) is too small for a chart"
        )));
    }
    ChartBuilder::on(root)
        .margin_top(st.px(top))
        .margin_right(st.px(right))
        .margin_left(st.px(4.0))
        .margin_bottom(st.px(4.0))
        .x_label_area_size(st.px(bottom))
        .y_label_area_size(y_area)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(drawing)
}

/// Step 2 (base): axes, grid, the value axis's unit.
fn axes<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &ChartSpec,
    st: &Style,
) -> Result<(), ChartError> {
    let (x0, x1) = (chart.x_range().start, chart.x_range().end);
    let (y0, y1) = (chart.y_range().start, chart.y_range().end);
    let (w, _) = chart.plotting_area().dim_in_pixel();
    let css_w = f64::from(w) / st.k;
    let year_count = (x1 - x0).floor().max(1.0);
    let fit = (css_w / (44.0 * st.text_scale())).floor().max(2.0);
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
        .into_iter()
        .find(|s| (year_count / s).floor() + 1.0 <= fit)
        .unwrap_or(100.0);
    // Bars: each labelled with its term's years, under its middle.
    let term_labels: Vec<(f64, String)> = match term(spec) {
        Some(t) => spec
            .history
            .iter()
            .map(|p| p.year)
            .chain(spec.projection.iter().flat_map(|p| p.years.clone()))
            .filter(|y| y.is_finite())
            .map(|end| {
                (
                    bar_middle(end, t).round(),
                    format!("{:.0}–{:.0}", end - t + 1.0, end),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    // As many term labels as fit side by side ("2021–2025" is about 76 CSS
    // pixels with its gap), every k-th counted back from the last term, so
    // the term in view is always named and none overprints another.
    let term_labels: Vec<(f64, String)> = {
        let mut term_labels = term_labels;
        term_labels.sort_by(|a, b| a.0.total_cmp(&b.0));
        term_labels.dedup_by(|a, b| a.0 == b.0);
        let n = term_labels.len();
        let room = (css_w / (76.0 * st.text_scale())).floor().max(1.0) as usize;
        let k = n.div_ceil(room).max(1);
        term_labels
            .into_iter()
            .enumerate()
            .filter(|(i, _)| (n - 1 - i).is_multiple_of(k))
            .map(|(_, l)| l)
            .collect()
    };
    let bars = term(spec).is_some();
    let year_fmt = move |x: &f64| {
        let r = x.round();
        if (x - r).abs() > 1e-6 {
            String::new()
        } else if bars {
            term_labels
                .iter()
                .find(|(m, _)| *m == r)
                .map(|(_, l)| l.clone())
                .unwrap_or_default()
        } else if (r % step).abs() < 1e-6 {
            format!("{r:.0}")
        } else {
            String::new()
        }
    };
    let value_fmt = |y: &f64| {
        if spec.ceiling.is_some_and(|c| *y > c + 1e-9) {
            String::new()
        } else {
            value_label(spec, *y)
        }
    };
    let y_labels = if spec.stack.is_some() {
        6
    } else {
        let n = ((y1 - y0) / nice_step(y1 - y0, Y_PARTS)).round();
        if n.is_finite() {
            (n as usize + 1).clamp(2, 12)
        } else {
            6
        }
    };
    chart
        .configure_mesh()
        .x_labels(((x1 - x0) as usize + 2).min(120))
        .y_labels(y_labels)
        .x_label_formatter(&year_fmt)
        .y_label_formatter(&value_fmt)
        .disable_x_mesh()
        .bold_line_style(st.grid.stroke_width(st.px(1.0)))
        .light_line_style(TRANSPARENT)
        .axis_style(st.text.mix(0.6).stroke_width(st.px(1.0)))
        .label_style(st.font(st.text))
        .x_label_style(st.font(st.text))
        .set_all_tick_mark_size(st.px(4.0))
        .draw()
        .map_err(drawing)?;
    if !spec.words.unit.is_empty() {
        let at = chart.backend_coord(&(x0, y1));
        let area = chart.plotting_area().strip_coord_spec();
        let (ox, oy) = area.get_base_pixel();
        let dx = -(i32::try_from(st.px(4.0)).unwrap_or(4));
        area.draw(&Text::new(
            spec.words.unit.clone(),
            (
                at.0 - ox + dx,
                at.1 - oy - i32::try_from(st.px(6.0)).unwrap_or(6),
            ),
            st.font(st.text).pos(Pos::new(HPos::Left, VPos::Bottom)),
        ))
        .map_err(drawing)?;
    }
    Ok(())
}

/// Step 3 (base): stacked shares, with the line where projection starts.
fn stack<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &ChartSpec,
    st: &Style,
) -> Result<(), ChartError> {
    let Some(s) = &spec.stack else { return Ok(()) };
    let (y0, y1) = (chart.y_range().start, chart.y_range().end);
    let (x0, x1) = (chart.x_range().start, chart.x_range().end);
    let mut base = vec![0.0; s.years.len()];
    for (i, series) in s.series.iter().enumerate() {
        let color = parse_color(s.colors.get(i).map(String::as_str).unwrap_or("#888888"));
        // Shares stack within 0–100 %: a part beyond it (bad data) is cut at the edge.
        let top: Vec<f64> = base
            .iter()
            .zip(series)
            .map(|(b, v)| (b + v).clamp(0.0, 100.0))
            .collect();
        let mut poly = points(&s.years, &top);
        let mut lower = points(&s.years, &base);
        lower.reverse();
        poly.extend(lower);
        chart
            .draw_series(std::iter::once(Polygon::new(
                poly,
                color.mix(0.85).filled(),
            )))
            .map_err(drawing)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                points(&s.years, &top),
                st.bg.stroke_width(st.px(1.0)),
            )))
            .map_err(drawing)?;
        base = top;
    }
    let fy = s.first_projected_year - 0.5;
    if fy >= x0 && fy <= x1 {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(fy, y0), (fy, y1)],
                st.px(4.0),
                st.px(4.0),
                st.text.stroke_width(st.px(1.0)),
            ))
            .map_err(drawing)?;
        // The bands fill the whole plot (shares add up to 100): the label
        // gets a patch of the background of its own, so it sits on no band
        // and no line.
        let font = st.font(st.text).pos(Pos::new(HPos::Left, VPos::Top));
        let area = chart.plotting_area().strip_coord_spec();
        let (ox, oy) = area.get_base_pixel();
        let at = chart.backend_coord(&(fy, y1));
        let pad = i32::try_from(st.px(3.0)).unwrap_or(3);
        let (x, y) = (at.0 - ox + pad, at.1 - oy + pad);
        if let Ok((w, h)) = area.estimate_text_size(&spec.words.projected, &font) {
            let (w, h) = (i32::try_from(w).unwrap_or(0), i32::try_from(h).unwrap_or(0));
            area.draw(&Rectangle::new(
                [(x - pad, y - pad), (x + w + pad, y + h + pad)],
                st.bg.mix(0.85).filled(),
            ))
            .map_err(drawing)?;
        }
        area.draw(&Text::new(spec.words.projected.clone(), (x, y), font))
            .map_err(drawing)?;
    }
    Ok(())
}

/// Step 4 (base): breaks in the series, each a dashed line with its label.
fn breaks<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &ChartSpec,
    st: &Style,
) -> Result<(), ChartError> {
    let (y0, y1) = (chart.y_range().start, chart.y_range().end);
    let (x0, x1) = (chart.x_range().start, chart.x_range().end);
    for b in &spec.breaks {
        let x = b.year - 0.5;
        if !(x > x0 && x < x1) {
            continue;
        }
        let pen = st.text.mix(0.7).stroke_width(st.px(1.0));
        chart
            .draw_series(DashedLineSeries::new(
                vec![(x, y0), (x, y1)],
                st.px(2.0),
                st.px(3.0),
                pen,
            ))
            .map_err(drawing)?;
        let left = x < (x0 + x1) / 2.0;
        let anchor = if left { HPos::Left } else { HPos::Right };
        let dx = if left { 3 } else { -3 };
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((x, y1))
                    + Text::new(
                        b.label.clone(),
                        (dx * st.px(1.0) as i32, 0),
                        st.font(st.text).pos(Pos::new(anchor, VPos::Top)),
                    ),
            ))
            .map_err(drawing)?;
    }
    Ok(())
}

/// The history, split at the breaks: a line is not drawn across a changed standard.
fn history_runs(spec: &ChartSpec) -> Vec<Vec<(f64, f64)>> {
    let mut years: Vec<f64> = Vec::new();
    let mut values: Vec<f64> = Vec::new();
    for (i, p) in spec.history.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).and_then(|j| spec.history.get(j)) {
            if spec
                .breaks
                .iter()
                .any(|b| b.year > prev.year && b.year <= p.year)
            {
                years.push(f64::NAN);
                values.push(f64::NAN);
            }
        }
        years.push(p.year);
        values.push(p.value);
    }
    runs(&years, &values)
}

/// The middle year of the term of `term` years ending in `end`.
fn bar_middle(end: f64, term: f64) -> f64 {
    end - (term - 1.0) / 2.0
}

/// A bar for the term ending in `end`.
fn bar(end: f64, value: f64, term: f64) -> [(f64, f64); 2] {
    let mid = bar_middle(end, term);
    let half = (term * 0.35).min(2.2);
    [(mid - half, 0.0), (mid + half, value)]
}

/// Step 5 (base): the published figures (and the figures that disagree, beside them).
fn history<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &ChartSpec,
    st: &Style,
) -> Result<(), ChartError> {
    if let Some(term) = term(spec) {
        for p in spec.history.iter().filter(|p| shown(p.year, p.value)) {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    bar(p.year, p.value, term),
                    st.history.mix(0.85).filled(),
                )))
                .map_err(drawing)?;
        }
        return Ok(());
    }
    for run in history_runs(spec) {
        chart
            .draw_series(LineSeries::new(run, st.history.stroke_width(st.px(1.5))))
            .map_err(drawing)?;
    }
    // Each figure that disagrees stands a little left of the history point of its
    // year, hollow, so neither hides the other.
    let mut seen: Vec<f64> = Vec::new();
    let alts: Vec<(f64, f64)> = spec
        .alternatives
        .iter()
        .filter(|p| shown(p.year, p.value))
        .map(|p| {
            let n = seen.iter().filter(|y| **y == p.year).count();
            seen.push(p.year);
            (p.year - 0.22 * (n as f64 + 1.0), p.value)
        })
        .filter(|(x, _)| *x >= chart.x_range().start)
        .collect();
    chart
        .draw_series(
            alts.into_iter()
                .map(|pt| Circle::new(pt, st.px(4.0), st.history.stroke_width(st.px(1.5)))),
        )
        .map_err(drawing)?;
    let hist: Vec<(f64, f64)> = history_runs(spec).into_iter().flatten().collect();
    chart
        .draw_series(
            hist.into_iter()
                .map(|pt| Circle::new(pt, st.px(4.5), st.history.filled())),
        )
        .map_err(drawing)?;
    Ok(())
}

/// Step 6 (overlay): the band, the target's line or range, the trend, the projection.
fn scenario<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &ChartSpec,
    st: &Style,
) -> Result<(), ChartError> {
    let (x0, x1) = (chart.x_range().start, chart.x_range().end);
    if let Some(b) = &spec.band {
        let mut poly = points(&b.years, &b.hi);
        let mut lo = points(&b.years, &b.lo);
        lo.reverse();
        poly.extend(lo);
        if poly.len() >= 3 {
            chart
                .draw_series(std::iter::once(Polygon::new(
                    poly,
                    st.band.mix(0.28).filled(),
                )))
                .map_err(drawing)?;
        }
    }
    if let Some(t) = spec
        .target
        .filter(|t| shown(t.year, t.low) && shown(t.year, t.high))
    {
        if t.high > t.low {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x0, t.low), (x1, t.high)],
                    st.target.mix(0.12).filled(),
                )))
                .map_err(drawing)?;
        }
        for v in [t.low, t.high] {
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x0, v), (x1, v)],
                    st.px(6.0),
                    st.px(4.0),
                    st.target.mix(0.7).stroke_width(st.px(1.0)),
                ))
                .map_err(drawing)?;
            if t.high == t.low {
                break;
            }
        }
    }
    if let Some(term) = term(spec) {
        // The chosen bar filled, then the trend's bar over it as a dashed
        // outline, a little narrower (as its legend swatch: dashed, in the
        // trend's colour). Drawn under the chosen bar it was hidden by it.
        if let Some(l) = &spec.projection {
            for (x, y) in points(&l.years, &l.values).into_iter().skip(1) {
                let [a, b] = bar(x, y, term);
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [a, b],
                        st.projection.mix(0.9).filled(),
                    )))
                    .map_err(drawing)?;
            }
        }
        if let Some(l) = &spec.trend {
            for (x, y) in points(&l.years, &l.values).into_iter().skip(1) {
                let [a, b] = bar(x, y, term);
                let (x0, x1) = (a.0 + term * 0.05, b.0 - term * 0.05);
                let (y0, y1) = (a.1, b.1);
                chart
                    .draw_series(DashedLineSeries::new(
                        vec![(x0, y0), (x0, y1), (x1, y1), (x1, y0)],
                        st.px(7.0),
                        st.px(5.0),
                        st.trend.stroke_width(st.px(2.0)),
                    ))
                    .map_err(drawing)?;
            }
        }
        return Ok(());
    }
    if let Some(tr) = &spec.trend {
        for run in runs(&tr.years, &tr.values) {
            chart
                .draw_series(DashedLineSeries::new(
                    run,
                    st.px(7.0),
                    st.px(5.0),
                    st.trend.stroke_width(st.px(2.0)),
                ))
                .map_err(drawing)?;
        }
    }
    if let Some(p) = &spec.projection {
        let pts = points(&p.years, &p.values);
        chart
            .draw_series(LineSeries::new(
                pts.clone(),
                st.projection.stroke_width(st.px(3.0)),
            ))
            .map_err(drawing)?;
        chart
            .draw_series(
                pts.into_iter()
                    .skip(1)
                    .map(|pt| Circle::new(pt, st.px(3.0), st.projection.filled())),
            )
            .map_err(drawing)?;
    }
    // The history points the projection starts from, again over its line.
    let from = spec
        .projection
        .as_ref()
        .and_then(|p| p.years.first().copied())
        .unwrap_or(f64::INFINITY);
    let again: Vec<(f64, f64)> = history_runs(spec)
        .into_iter()
        .flatten()
        .filter(|pt| pt.0 >= from)
        .collect();
    chart
        .draw_series(
            again
                .into_iter()
                .map(|pt| Circle::new(pt, st.px(4.5), st.history.filled())),
        )
        .map_err(drawing)?;
    Ok(())
}

/// A rectangle in backing pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Rect {
    fn contains(&self, (x, y): (i32, i32)) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }

    /// Whether the segment a–b crosses or touches the rectangle.
    fn hits(&self, a: (i32, i32), b: (i32, i32)) -> bool {
        if self.contains(a) || self.contains(b) {
            return true;
        }
        // Sample the segment finely enough for a label's size.
        let n = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / 2).clamp(1, 2000);
        (0..=n).any(|i| {
            let t = f64::from(i) / f64::from(n);
            let p = (
                (f64::from(a.0) + t * f64::from(b.0 - a.0)).round() as i32,
                (f64::from(a.1) + t * f64::from(b.1 - a.1)).round() as i32,
            );
            self.contains(p)
        })
    }
}

/// What a label must not cover: the lines drawn, and the band's area, in pixels.
struct Obstacles {
    lines: Vec<Vec<(i32, i32)>>,
    band: Vec<(i32, i32)>,
}

impl Obstacles {
    fn of<DB: DrawingBackend>(chart: &Chart<'_, DB>, spec: &ChartSpec) -> Obstacles {
        let px = |pts: Vec<(f64, f64)>| {
            pts.iter()
                .map(|p| chart.backend_coord(p))
                .collect::<Vec<_>>()
        };
        let mut lines: Vec<Vec<(i32, i32)>> = history_runs(spec).into_iter().map(px).collect();
        for l in [&spec.projection, &spec.trend].into_iter().flatten() {
            lines.extend(runs(&l.years, &l.values).into_iter().map(px));
        }
        let band = spec
            .band
            .as_ref()
            .map(|b| {
                let mut poly = points(&b.years, &b.hi);
                let mut lo = points(&b.years, &b.lo);
                lo.reverse();
                poly.extend(lo);
                px(poly)
            })
            .unwrap_or_default();
        Obstacles { lines, band }
    }

    /// Whether a point is inside the band's polygon (even–odd rule).
    fn in_band(&self, (x, y): (i32, i32)) -> bool {
        let n = self.band.len();
        let mut inside = false;
        for i in 0..n {
            let (Some(&(xi, yi)), Some(&(xj, yj))) =
                (self.band.get(i), self.band.get((i + n - 1) % n))
            else {
                continue;
            };
            if (yi > y) != (yj > y) {
                let cross =
                    f64::from(xj - xi) * f64::from(y - yi) / f64::from(yj - yi) + f64::from(xi);
                if f64::from(x) < cross {
                    inside = !inside;
                }
            }
        }
        inside
    }

    fn blocks(&self, r: &Rect) -> bool {
        let line = self.lines.iter().any(|l| {
            l.windows(2).any(|w| matches!(w, [a, b] if r.hits(*a, *b)))
                || l.iter().any(|p| r.contains(*p))
        });
        let corners = [
            (r.x0, r.y0),
            (r.x1, r.y0),
            (r.x0, r.y1),
            (r.x1, r.y1),
            ((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2),
        ];
        let n = self.band.len();
        let band_edge = (0..n).any(|i| match (self.band.get(i), self.band.get((i + 1) % n)) {
            (Some(a), Some(b)) => r.hits(*a, *b),
            _ => false,
        });
        line || band_edge || corners.iter().any(|c| self.in_band(*c))
    }
}

/// A label placed by its anchor point in pixels.
struct Placed {
    at: (i32, i32),
    pos: Pos,
    rect: Rect,
}

/// Where a label of size `size` goes among `spots` (anchor point, anchor
/// kind): the first spot that covers no line and no band and stays in the
/// plot; else the first spot.
fn place(
    spots: &[((i32, i32), Pos)],
    size: (u32, u32),
    obstacles: &Obstacles,
    plot: Rect,
    avoid: &[Rect],
) -> Option<Placed> {
    let (w, h) = (
        i32::try_from(size.0).unwrap_or(0),
        i32::try_from(size.1).unwrap_or(0),
    );
    let placed = |&(at, pos): &((i32, i32), Pos)| {
        let x0 = match pos.h_pos {
            HPos::Left => at.0,
            HPos::Center => at.0 - w / 2,
            HPos::Right => at.0 - w,
        };
        let y0 = match pos.v_pos {
            VPos::Top => at.1,
            VPos::Center => at.1 - h / 2,
            VPos::Bottom => at.1 - h,
        };
        Placed {
            at,
            pos,
            rect: Rect {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
            },
        }
    };
    let fits = |p: &Placed| {
        p.rect.x0 >= plot.x0 && p.rect.x1 <= plot.x1 && p.rect.y0 >= plot.y0 && p.rect.y1 <= plot.y1
    };
    let clear =
        |p: &Placed| !obstacles.blocks(&p.rect) && !avoid.iter().any(|a| overlaps(a, &p.rect));
    // A label wider than the room beside its mark (a long one on a phone)
    // is slid sideways into the plot, not left hanging over the axis.
    let slid = |p: Placed| {
        let dx = if p.rect.x0 < plot.x0 {
            plot.x0 - p.rect.x0
        } else if p.rect.x1 > plot.x1 {
            (plot.x1 - p.rect.x1).max(plot.x0 - p.rect.x0)
        } else {
            0
        };
        Placed {
            at: (p.at.0 + dx, p.at.1),
            pos: p.pos,
            rect: Rect {
                x0: p.rect.x0 + dx,
                y0: p.rect.y0,
                x1: p.rect.x1 + dx,
                y1: p.rect.y1,
            },
        }
    };
    spots
        .iter()
        .map(placed)
        .find(|p| fits(p) && clear(p))
        .or_else(|| {
            spots
                .iter()
                .map(placed)
                .map(slid)
                .find(|p| fits(p) && clear(p))
        })
        .or_else(|| spots.iter().map(placed).find(fits))
        .or_else(|| spots.iter().map(placed).map(slid).find(fits))
        .or_else(|| spots.first().map(placed).map(slid))
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1
}

/// Step 7 (overlay): the target's diamond and label, the year reached and
/// its label, each label where it covers no line and no band.
fn marks<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &ChartSpec,
    st: &Style,
) -> Result<Vec<Rect>, ChartError> {
    let (x0, x1) = (chart.x_range().start, chart.x_range().end);
    let (y0, y1) = (chart.y_range().start, chart.y_range().end);
    let obstacles = Obstacles::of(chart, spec);
    let (tl, br) = (
        chart.backend_coord(&(x0, y1)),
        chart.backend_coord(&(x1, y0)),
    );
    let plot = Rect {
        x0: tl.0,
        y0: tl.1,
        x1: br.0,
        y1: br.1,
    };
    let gap = i32::try_from(st.px(8.0)).unwrap_or(8);
    let area = chart.plotting_area().strip_coord_spec();
    let (ox, oy) = area.get_base_pixel();
    let mut placed: Vec<Rect> = Vec::new();
    let font = st.font(st.target);
    let label = |text: &str,
                 spots: &[((i32, i32), Pos)],
                 placed: &mut Vec<Rect>|
     -> Result<(), ChartError> {
        if text.is_empty() {
            return Ok(());
        }
        let size = area.estimate_text_size(text, &font).map_err(drawing)?;
        if let Some(p) = place(spots, size, &obstacles, plot, placed) {
            area.draw(&Text::new(
                text.to_string(),
                (p.at.0 - ox, p.at.1 - oy),
                font.clone().pos(p.pos),
            ))
            .map_err(drawing)?;
            placed.push(p.rect);
        }
        Ok(())
    };
    if let Some(t) = spec
        .target
        .filter(|t| shown(t.year, t.low) && shown(t.year, t.high))
    {
        let r = i32::try_from(st.px(7.0)).unwrap_or(7);
        let near = (t.low + t.high) / 2.0;
        let tx = term(spec).map_or(t.year, |term| bar_middle(t.year, term));
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((tx, near))
                    + Polygon::new(vec![(0, -r), (r, 0), (0, r), (-r, 0)], st.target.filled()),
            ))
            .map_err(drawing)?;
        let d = chart.backend_coord(&(tx, near));
        let (hi, lo) = (
            chart.backend_coord(&(tx, t.high)),
            chart.backend_coord(&(tx, t.low)),
        );
        let left = chart.backend_coord(&(x0, t.low));
        let pos = |h, v| Pos::new(h, v);
        label(
            &spec.words.target,
            &[
                ((d.0 - gap, hi.1 - gap / 2), pos(HPos::Right, VPos::Bottom)),
                ((d.0 - gap, lo.1 + gap / 2), pos(HPos::Right, VPos::Top)),
                (
                    (left.0 + gap, hi.1 - gap / 2),
                    pos(HPos::Left, VPos::Bottom),
                ),
                ((left.0 + gap, lo.1 + gap / 2), pos(HPos::Left, VPos::Top)),
                (
                    (d.0 - gap * 2, hi.1 - gap * 3),
                    pos(HPos::Right, VPos::Bottom),
                ),
            ],
            &mut placed,
        )?;
    }
    let reached = spec
        .reached_year
        .filter(|y| y.is_finite() && *y >= x0 && *y <= x1);
    if let Some(ry) = reached {
        chart
            .draw_series(LineSeries::new(
                vec![(ry, y0), (ry, y1)],
                st.target.mix(0.8).stroke_width(st.px(1.0)),
            ))
            .map_err(drawing)?;
    }
    let top = plot.y0 + i32::try_from(st.px(2.0)).unwrap_or(2);
    let spots: Vec<((i32, i32), Pos)> = match reached {
        Some(ry) => {
            let x = chart.backend_coord(&(ry, y1)).0;
            (0..4)
                .flat_map(|i| {
                    let y = top + i * gap * 2;
                    [
                        ((x - gap / 2, y), Pos::new(HPos::Right, VPos::Top)),
                        ((x + gap / 2, y), Pos::new(HPos::Left, VPos::Top)),
                    ]
                })
                .collect()
        }
        None if spec.target.is_some() => (0..4)
            .flat_map(|i| {
                let y = top + i * gap * 2;
                [
                    ((plot.x1 - gap, y), Pos::new(HPos::Right, VPos::Top)),
                    ((plot.x0 + gap, y), Pos::new(HPos::Left, VPos::Top)),
                ]
            })
            .collect(),
        None => Vec::new(),
    };
    if !spots.is_empty() {
        label(&spec.words.reached, &spots, &mut placed)?;
    }
    Ok(placed)
}

/// Draw the whole chart on `root`; returns where the plot landed.
///
/// # Errors
/// A [`ChartError`] from the backend, or a canvas too small for axes and a plot.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
) -> Result<Layout, ChartError> {
    draw_layer(root, spec, Layer::All)
}

/// Draw one [`Layer`] of the chart on `root` (see [`draw`]), in named steps:
/// the frame, then (base) axes, stack, breaks, history, then (overlay) the
/// scenario and the marks. The overlay never paints a background.
///
/// # Errors
/// As [`draw`].
pub fn draw_layer<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    layer: Layer,
) -> Result<Layout, ChartError> {
    let layout = draw_steps(root, spec, layer)?;
    root.present().map_err(drawing)?;
    Ok(layout)
}

/// The steps of [`draw_layer`], without presenting the backend (a picture
/// draws more after the chart).
fn draw_steps<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    layer: Layer,
) -> Result<Layout, ChartError> {
    let (base, over) = (layer != Layer::Overlay, layer != Layer::Base);
    let st = Style::of(spec);
    if base && !spec.transparent {
        root.fill(&st.bg).map_err(drawing)?;
    }
    let r = ranges(spec);
    let mut chart = frame(root, spec, &st, r)?;
    if base {
        axes(&mut chart, spec, &st)?;
        stack(&mut chart, spec, &st)?;
        breaks(&mut chart, spec, &st)?;
        history(&mut chart, spec, &st)?;
    }
    if over {
        scenario(&mut chart, spec, &st)?;
        marks(&mut chart, spec, &st)?;
    }
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let ((x0, x1), (y0, y1)) = r;
    let k = st.k;
    Ok(Layout {
        plot_left: f64::from(xr.start) / k,
        plot_top: f64::from(yr.start) / k,
        plot_width: f64::from(xr.end - xr.start) / k,
        plot_height: f64::from(yr.end - yr.start) / k,
        x_min: x0,
        x_max: x1,
        y_min: y0,
        y_max: y1,
        frame: frame_key_in(spec, root.dim_in_pixel(), r),
        base_drawn: base,
    })
}

/// What a page's two stacked layers show: the key of the base drawn on
/// them, so a step redraws the base only when it changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layers {
    base: Option<f64>,
}

impl Layers {
    /// Forget the base (a canvas was cleared, resized or given back blank).
    pub fn invalidate(&mut self) {
        self.base = None;
    }

    /// Draw `spec` on the two layers: the overlay always, the base when what
    /// it shows is not what is there (`base` gives the base's drawing area,
    /// cleared, only then).
    ///
    /// # Errors
    /// As [`draw`]; a base that fails is drawn again next time.
    pub fn draw<A: DrawingBackend, B: DrawingBackend>(
        &mut self,
        base: impl FnOnce() -> DrawingArea<A, Shift>,
        top: &DrawingArea<B, Shift>,
        spec: &ChartSpec,
    ) -> Result<Layout, ChartError> {
        // The overlay first: its layout carries the key of what the base shows.
        let mut layout = draw_layer(top, spec, Layer::Overlay)?;
        let redraw = self.base != Some(layout.frame);
        if redraw {
            self.base = None;
            draw_layer(&base(), spec, Layer::Base)?;
            self.base = Some(layout.frame);
        }
        layout.base_drawn = redraw;
        Ok(layout)
    }
}

mod svg;
pub use svg::picture_svg;

/// A legend entry for a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    History,
    Alternative,
    Projection,
    Trend,
    Band,
    Target,
    /// Part `i` of a stacked chart.
    Part(usize),
}

impl Serialize for Swatch {
    /// As its name ("history", …, "part"): a page's CSS class.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            Swatch::History => "history",
            Swatch::Alternative => "alternative",
            Swatch::Projection => "projection",
            Swatch::Trend => "trend",
            Swatch::Band => "band",
            Swatch::Target => "target",
            Swatch::Part(_) => "part",
        })
    }
}

/// The words around a picture of the chart (PNG, SVG): as Datawrapper's
/// exports have them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Caption {
    pub title: String,
    /// The target the reader is trying, when it is not the dataset's ("" if
    /// it is).
    pub retarget: String,
    /// The scenario in one line.
    pub scenario: String,
    pub legend: Vec<(Swatch, String)>,
    pub source: String,
    pub credit: String,
}

/// Lines of `text` no wider than `width` pixels.
fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    width: u32,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let next = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        let w = area
            .estimate_text_size(&next, style)
            .map(|s| s.0)
            .unwrap_or(0);
        if w > width && !line.is_empty() {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = next;
        }
        if lines.len() >= 6 {
            break;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draw a picture of the chart for publishing: the title, the scenario in one
/// line and the legend above, the chart, the source line and the credit below,
/// on the theme's background.
///
/// # Errors
/// As [`draw`].
pub fn draw_picture<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    caption: &Caption,
) -> Result<Layout, ChartError> {
    let st = Style::of(spec);
    root.fill(&st.bg).map_err(drawing)?;
    let (w, h) = root.dim_in_pixel();
    let pad = st.px(16.0);
    let inner = w.saturating_sub(2 * pad);
    let title_font = (FontFamily::SansSerif, f64::from(st.px(18.0)))
        .into_font()
        .style(FontStyle::Bold)
        .color(&st.text);
    let body = (FontFamily::SansSerif, f64::from(st.px(13.0)))
        .into_font()
        .color(&st.text);
    let small = (FontFamily::SansSerif, f64::from(st.px(11.0)))
        .into_font()
        .color(&st.text.mix(0.8));
    let line_h = |f: &TextStyle<'_>| {
        root.estimate_text_size("Ặg", f).map(|s| s.1).unwrap_or(14) + st.px(4.0)
    };
    let mut y = pad;
    let put = |lines: Vec<String>, f: &TextStyle<'_>, y: &mut u32| -> Result<(), ChartError> {
        for l in lines {
            root.draw(&Text::new(l, (pad as i32, *y as i32), f.clone()))
                .map_err(drawing)?;
            *y += line_h(f);
        }
        Ok(())
    };
    put(
        wrap(root, &caption.title, &title_font, inner),
        &title_font,
        &mut y,
    )?;
    // The reader's own target, as on screen: bold, a bar in the target's
    // colour at its left, a little apart from the scenario's line.
    if !caption.retarget.is_empty() {
        let bold = (FontFamily::SansSerif, f64::from(st.px(13.0)))
            .into_font()
            .style(FontStyle::Bold)
            .color(&st.text);
        let indent = st.px(8.0);
        let lines = wrap(root, &caption.retarget, &bold, inner.saturating_sub(indent));
        let top = y;
        for l in lines {
            root.draw(&Text::new(
                l,
                ((pad + indent) as i32, y as i32),
                bold.clone(),
            ))
            .map_err(drawing)?;
            y += line_h(&bold);
        }
        root.draw(&Rectangle::new(
            [
                (pad as i32, top as i32),
                ((pad + st.px(3.0)) as i32, (y - st.px(4.0)) as i32),
            ],
            st.target.filled(),
        ))
        .map_err(drawing)?;
        y += st.px(6.0);
    }
    put(wrap(root, &caption.scenario, &body, inner), &body, &mut y)?;
    // The legend: swatch and words, in a row that wraps.
    let sw = st.px(14.0);
    let mut x = pad;
    let row = line_h(&body);
    y += st.px(4.0);
    let part_color = |i: usize| {
        spec.stack
            .as_ref()
            .and_then(|s| s.colors.get(i))
            .map(|c| parse_color(c))
            .unwrap_or(st.grid)
    };
    for (swatch, text) in &caption.legend {
        let tw = root
            .estimate_text_size(text, &body)
            .map(|s| s.0)
            .unwrap_or(0);
        if x + sw + st.px(6.0) + tw > w.saturating_sub(pad) && x > pad {
            x = pad;
            y += row;
        }
        let (cx, cy) = (x as i32, (y + row / 2) as i32);
        let s = sw as i32;
        match swatch {
            Swatch::History => root.draw(&Circle::new(
                (cx + s / 2, cy),
                st.px(4.5),
                st.history.filled(),
            )),
            Swatch::Alternative => root.draw(&Circle::new(
                (cx + s / 2, cy),
                st.px(4.0),
                st.history.stroke_width(st.px(1.5)),
            )),
            Swatch::Projection => root.draw(&PathElement::new(
                vec![(cx, cy), (cx + s, cy)],
                st.projection.stroke_width(st.px(3.0)),
            )),
            Swatch::Trend => root.draw(&PathElement::new(
                vec![(cx, cy), (cx + s / 2 - 1, cy)],
                st.trend.stroke_width(st.px(2.0)),
            )),
            Swatch::Band => root.draw(&Rectangle::new(
                [(cx, cy - s / 3), (cx + s, cy + s / 3)],
                st.band.mix(0.28).filled(),
            )),
            Swatch::Target => root.draw(&Polygon::new(
                vec![
                    (cx + s / 2, cy - s / 2),
                    (cx + s, cy),
                    (cx + s / 2, cy + s / 2),
                    (cx, cy),
                ],
                st.target.filled(),
            )),
            Swatch::Part(i) => root.draw(&Rectangle::new(
                [(cx, cy - s / 3), (cx + s, cy + s / 3)],
                part_color(*i).mix(0.85).filled(),
            )),
        }
        .map_err(drawing)?;
        root.draw(&Text::new(
            text.clone(),
            (cx + s + st.px(6.0) as i32, cy),
            body.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(drawing)?;
        x += sw + st.px(6.0) + tw + st.px(14.0);
    }
    y += row + st.px(6.0);
    // The foot: source and credit, measured first so the chart takes what is left.
    let foot: Vec<String> = wrap(root, &caption.source, &small, inner)
        .into_iter()
        .chain(wrap(root, &caption.credit, &small, inner))
        .collect();
    let foot_h = line_h(&small) * foot.len() as u32 + pad;
    let chart_h = h.saturating_sub(y + foot_h);
    let (_, rest) = root.split_vertically(y);
    let (chart_area, foot_area) = rest.split_vertically(chart_h);
    let mut pic = spec.clone();
    pic.transparent = true;
    let layout = draw_steps(&chart_area, &pic, Layer::All)?;
    let mut fy = st.px(6.0);
    for l in foot {
        foot_area
            .draw(&Text::new(l, (pad as i32, fy as i32), small.clone()))
            .map_err(drawing)?;
        fy += line_h(&small);
    }
    root.present().map_err(drawing)?;
    Ok(layout)
}

// ---------------------------------------------------------------- reading a spec

fn point_value(v: &Value, path: &Path<'_>) -> R<f64> {
    match v {
        Value::Null => Ok(f64::NAN),
        _ => read::number(v, path),
    }
}

fn series(v: &Value, path: &Path<'_>) -> R<Vec<f64>> {
    read::list(v, path, point_value)
}

fn xy(v: &Value, path: &Path<'_>) -> R<Xy> {
    let mut f = Fields::of(v, path)?;
    let p = Xy {
        year: f.req("year", read::number)?,
        value: f.req_nullable("value", point_value)?,
    };
    f.finish()?;
    Ok(p)
}

fn line(v: &Value, path: &Path<'_>) -> R<Line> {
    let mut f = Fields::of(v, path)?;
    let l = Line {
        years: f.req("years", series)?,
        values: f.req("values", series)?,
    };
    f.finish()?;
    Ok(l)
}

fn band(v: &Value, path: &Path<'_>) -> R<Band> {
    let mut f = Fields::of(v, path)?;
    let b = Band {
        years: f.req("years", series)?,
        lo: f.req("lo", series)?,
        hi: f.req("hi", series)?,
    };
    f.finish()?;
    Ok(b)
}

fn stack_of(v: &Value, path: &Path<'_>) -> R<Stack> {
    let mut f = Fields::of(v, path)?;
    let s = Stack {
        years: f.req("years", series)?,
        series: f.req("series", |v, p| read::list(v, p, series))?,
        colors: f.req("colors", |v, p| read::list(v, p, read::string))?,
        labels: f
            .opt("labels", |v, p| read::list(v, p, read::string))?
            .unwrap_or_default(),
        first_projected_year: f.req("firstProjectedYear", read::number)?,
    };
    f.finish()?;
    Ok(s)
}

fn target_mark(v: &Value, path: &Path<'_>) -> R<TargetMark> {
    let mut f = Fields::of(v, path)?;
    let year = f.req("year", read::number)?;
    let value = f.opt("value", read::number)?;
    let low = f.opt("low", read::number)?;
    let high = f.opt("high", read::number)?;
    f.finish()?;
    match (value, low, high) {
        (Some(v), None, None) => Ok(TargetMark {
            year,
            low: v,
            high: v,
        }),
        (None, Some(low), Some(high)) => Ok(TargetMark { year, low, high }),
        _ => Err(path.error(crate::problem::Problem::ValueOrRange)),
    }
}

fn break_mark(v: &Value, path: &Path<'_>) -> R<BreakMark> {
    let mut f = Fields::of(v, path)?;
    let b = BreakMark {
        year: f.req("year", read::number)?,
        label: f.opt("label", read::string)?.unwrap_or_default(),
    };
    f.finish()?;
    Ok(b)
}

/// Read a theme: eight `#rrggbb` colours.
///
/// # Errors
/// A missing, unknown or mistyped field, by path.
pub fn read_theme(v: &Value, path: &Path<'_>) -> R<Theme> {
    let mut f = Fields::of(v, path)?;
    let t = Theme {
        background: f.req("background", read::string)?,
        text: f.req("text", read::string)?,
        grid: f.req("grid", read::string)?,
        history: f.req("history", read::string)?,
        projection: f.req("projection", read::string)?,
        trend: f.req("trend", read::string)?,
        target: f.req("target", read::string)?,
        band: f.req("band", read::string)?,
    };
    f.finish()?;
    Ok(t)
}

fn words(v: &Value, path: &Path<'_>) -> R<Words> {
    let mut f = Fields::of(v, path)?;
    let w = Words {
        target: f.opt("target", read::string)?.unwrap_or_default(),
        reached: f.opt("reached", read::string)?.unwrap_or_default(),
        projected: f.opt("projected", read::string)?.unwrap_or_default(),
        unit: f.opt("unit", read::string)?.unwrap_or_default(),
    };
    f.finish()?;
    Ok(w)
}

/// Read what a chart shows, as `drawChart` takes it from JS. In series, null is a gap.
///
/// # Errors
/// A missing, unknown or mistyped field, by path.
/// # Example
/// ```
/// use grdp_whatif::{chart::read_spec, json};
/// let v = json::parse(r##"{"scale": 2, "lang": "en", "history": [{"year": 2025, "value": 71.1}],
///   "target": {"year": 2030, "low": 180, "high": 190}}"##).unwrap();
/// let s = read_spec(&v).unwrap();
/// assert_eq!((s.target.unwrap().high, s.transparent), (190.0, false));
/// ```
pub fn read_spec(v: &Value) -> R<ChartSpec> {
    let root = Path::ROOT;
    let mut f = Fields::of(v, &root)?;
    let d = ChartSpec::default();
    let s = ChartSpec {
        scale: f.req("scale", read::number)?,
        text_scale: f.opt("textScale", read::number)?.unwrap_or(1.0),
        lang: f
            .opt("lang", |v, p| read::choice(v, p, &["vi", "en"]))?
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default(),
        history: f.req("history", |v, p| read::list(v, p, xy))?,
        alternatives: f
            .opt("alternatives", |v, p| read::list(v, p, xy))?
            .unwrap_or_default(),
        projection: f.opt("projection", line)?,
        trend: f.opt("trend", line)?,
        band: f.opt("band", band)?,
        target: f.opt("target", target_mark)?,
        reached_year: f.opt("reachedYear", read::number)?,
        stack: f.opt("stack", stack_of)?,
        breaks: f
            .opt("breaks", |v, p| read::list(v, p, break_mark))?
            .unwrap_or_default(),
        bars: f.opt("bars", read::number)?,
        theme: f.opt("theme", read_theme)?.unwrap_or(d.theme),
        transparent: f.opt("transparent", read::boolean)?.unwrap_or(false),
        words: f.opt("words", words)?.unwrap_or_default(),
        decimals: f.opt("decimals", read::uint)?.unwrap_or(1),
        unit_suffix: f.opt("unitSuffix", read::string)?.unwrap_or_default(),
        ceiling: f.opt("ceiling", read::number)?,
    };
    f.finish()?;
    Ok(s)
}

#[cfg(test)]
mod tests;
