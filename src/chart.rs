//! The chart, drawn with plotters on any backend (a `<canvas>` in the page,
//! a recording backend in tests). It takes plain data ([`ChartSpec`]): the
//! page decides the words, colours and number format; this module decides
//! the geometry. Sizes are in backing-store pixels: the page passes its
//! devicePixelRatio as `scale` and every font, margin and line width is
//! multiplied by it, so the chart is crisp on HiDPI screens.

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

/// A line: years and values of equal length.
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

/// Colours as `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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

/// Words drawn on the canvas, already in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Words {
    pub target: String,
    pub reached: String,
    pub projected: String,
}

/// Everything the chart shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartSpec {
    /// Backing-store pixels per CSS pixel (devicePixelRatio), 0.5–4.
    pub scale: f64,
    pub history: Vec<Xy>,
    pub alternatives: Vec<Xy>,
    pub projection: Option<Line>,
    pub trend: Option<Line>,
    pub band: Option<Band>,
    pub target: Option<Xy>,
    pub reached_year: Option<f64>,
    pub stack: Option<Stack>,
    pub theme: Theme,
    /// Leave the background unpainted: the canvas's own CSS background shows
    /// through. The widget does this on screen, where a browser draws text on
    /// a transparent canvas several times faster than on one it has filled;
    /// PNG and print copies paint it.
    pub transparent: bool,
    pub words: Words,
    /// Decimal separator for axis labels ("," in vi-VN).
    pub decimal: String,
    /// Thousands separator ("." in vi-VN).
    pub group: String,
    /// Decimals on the value axis.
    pub decimals: u32,
    /// Suffix after value-axis numbers ("%" for shares), may be empty.
    pub unit_suffix: String,
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
    /// A key of everything the base layer shows ([`frame_key`]): a page that
    /// draws in two layers redraws the base only when this changes.
    pub frame: f64,
    /// Whether this call drew the base layer.
    pub base_drawn: bool,
}

/// Which part of the chart to draw. A page can keep two stacked canvases: the
/// base (background, axes, grid, history) changes only when the axes or the
/// data behind them do, the overlay (band, target, trend, projection and the
/// "reached" marks) on every scenario change. [`Layer::All`] draws the base and
/// then the overlay on one canvas: the same picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    All,
    Base,
    Overlay,
}

impl ChartSpec {
    /// Show a projection as the chosen scenario: its path, its band (the
    /// lowest and highest percentiles), its target, and the year it reaches
    /// the target when that is by the target year. The words stay as they are.
    /// # Example
    /// ```
    /// use grdp_whatif::{chart::ChartSpec, dataset::Dataset, scenario::{project, Scenario, ScenarioInput}};
    /// # fn f(spec: &mut ChartSpec) {
    /// let d = Dataset::default_lang_son().unwrap();
    /// let p = project(&Scenario::resolve(&ScenarioInput::default(), &d).unwrap()).unwrap();
    /// spec.show_projection(&p);
    /// assert_eq!(spec.projection.as_ref().unwrap().values, p.values);
    /// assert_eq!(spec.target.unwrap().value, 130.0);
    /// # }
    /// ```
    pub fn show_projection(&mut self, p: &crate::scenario::Projection) {
        let years: Vec<f64> = p.years.iter().map(|&y| f64::from(y)).collect();
        self.band = p.bands.as_ref().and_then(|b| {
            Some(Band {
                years: years.clone(),
                lo: b.values.first()?.clone(),
                hi: b.values.last()?.clone(),
            })
        });
        self.target = p.target_value.map(|value| Xy {
            year: f64::from(p.target_year),
            value,
        });
        self.reached_year = match (p.target_value, p.reached_year) {
            (Some(_), Some(y)) if y <= p.target_year => Some(f64::from(y)),
            _ => None,
        };
        self.projection = Some(Line {
            years,
            values: p.values.clone(),
        });
    }

    /// Show a projection as the trend (the dashed line).
    pub fn show_trend(&mut self, p: &crate::scenario::Projection) {
        self.trend = Some(Line {
            years: p.years.iter().map(|&y| f64::from(y)).collect(),
            values: p.values.clone(),
        });
    }
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

/// Format a number with the given separators: `format_number(1234.5, 1, ",", ".")`
/// is `"1.234,5"`.
///
/// # Example
/// ```
/// use grdp_whatif::chart::format_number;
/// assert_eq!(format_number(71.1, 1, ",", "."), "71,1");
/// assert_eq!(format_number(24517.0, 0, ",", "."), "24.517");
/// assert_eq!(format_number(-0.04, 1, ".", ","), "0.0");
/// ```
pub fn format_number(v: f64, decimals: u32, decimal: &str, group: &str) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let decimals = decimals.min(6) as usize;
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(*c);
    }
    let is_zero = s.chars().all(|c| c == '0' || c == '.');
    let sign = if v < 0.0 && !is_zero { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

/// Whether a point can be drawn: a year within ±10,000 and a value within
/// ±10¹⁵. Anything else (NaN, ±∞, 1e308) is left out like a gap: the axes
/// are fitted to the points drawn, and a point far outside them would make a
/// line millions of pixels long (dashed, millions of dashes: a page that
/// hangs).
fn shown(x: f64, y: f64) -> bool {
    x.abs() <= 1e4 && y.abs() <= 1e15
}

fn finite_points(years: &[f64], values: &[f64]) -> Vec<(f64, f64)> {
    years
        .iter()
        .zip(values)
        .filter(|(x, y)| shown(**x, **y))
        .map(|(x, y)| (*x, *y))
        .collect()
}

/// The x and y ranges that fit everything drawn (points beyond ±10,000
/// years or ±10¹⁵ are not drawn).
/// # Example
/// See `chart::tests`: the ranges include every point, the band and the target, and start at zero
/// when that costs less than half the height.
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
        // Each edge with the years, as they are drawn (the two edges may
        // differ in length).
        for (x, y) in b.years.iter().zip(&b.lo).chain(b.years.iter().zip(&b.hi)) {
            add(*x, *y);
        }
    }
    if let Some(t) = spec.target {
        add(t.year, t.value);
    }
    if let Some(s) = &spec.stack {
        for x in &s.years {
            add(*x, 0.0);
            add(*x, 100.0);
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
    let (mut y0, mut y1) = (min(&ys), max(&ys));
    if !(y0.is_finite() && y1.is_finite()) {
        (y0, y1) = (0.0, 1.0);
    }
    if spec.stack.is_some() {
        // Shares: 0–100 %, wider only if something else drawn lies outside.
        return ((x0 - 0.3, x1 + 0.3), (y0.min(0.0), y1.max(100.0)));
    }
    let span = (y1 - y0).abs().max(y1.abs() * 0.05).max(1e-9);
    // Start at zero when that costs less than half the height: growth reads truer.
    let lo = if y0 > 0.0 && y0 < 0.5 * y1 {
        0.0
    } else {
        y0 - 0.08 * span
    };
    // Room above the highest point for the target and "reached" labels.
    let hi = y1 + 0.12 * span;
    // Both ends on a round step: the axis stays still while a slider moves the
    // lines within it, and jumps a whole step when they leave it.
    let step = nice_step(hi - lo, Y_PARTS);
    let (nlo, nhi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    let y = if nlo.is_finite() && nhi.is_finite() && nhi > nlo {
        (nlo, nhi)
    } else {
        (lo, hi)
    };
    ((x0 - 0.3, x1 + 0.3), y)
}

/// Most intervals on the value axis.
const Y_PARTS: f64 = 6.0;

/// The smallest round step (1, 2 or 5 × 10ⁿ, the steps plotters labels
/// with) that cuts `span` into at most `parts` parts.
/// # Example
/// ```
/// use grdp_whatif::chart::nice_step;
/// assert_eq!(nice_step(101.0, 6.0), 20.0);
/// assert_eq!(nice_step(130.0, 6.0), 50.0);
/// assert_eq!(nice_step(0.9, 6.0), 0.2);
/// assert_eq!(nice_step(1.0e6, 6.0), 200_000.0);
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

/// A key of everything the base layer ([`Layer::Base`]) shows on a canvas of
/// `size` backing pixels: the axes' ranges, the size and scale, colours,
/// number format, history, alternatives and the stacked series. Two specs
/// with the same key draw the same base.
/// # Example
/// ```
/// use grdp_whatif::chart::{frame_key, ChartSpec};
/// # fn f(spec: &ChartSpec) {
/// let mut moved = spec.clone();
/// moved.projection.as_mut().map(|p| p.values.iter_mut().for_each(|v| *v += 0.1));
/// // A small move of the projection keeps the axes, so the base is kept.
/// assert_eq!(frame_key(spec, (800, 400)), frame_key(&moved, (800, 400)));
/// assert_ne!(frame_key(spec, (800, 400)), frame_key(spec, (800, 401)));
/// # }
/// ```
pub fn frame_key(spec: &ChartSpec, size: (u32, u32)) -> f64 {
    frame_key_in(spec, size, ranges(spec))
}

/// [`frame_key`] with the ranges already worked out.
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
    ] {
        num(&mut h, v);
    }
    let th = &spec.theme;
    for w in [
        &th.background,
        &th.text,
        &th.grid,
        &th.history,
        &spec.decimal,
        &spec.group,
        &spec.unit_suffix,
        &spec.words.projected,
    ] {
        h = fnv(h, w.as_bytes());
        h = fnv(h, &[0xff]);
    }
    for p in spec
        .history
        .iter()
        .chain([&Xy {
            year: f64::NAN,
            value: f64::NAN,
        }])
        .chain(&spec.alternatives)
    {
        num(&mut h, p.year);
        num(&mut h, p.value);
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

/// Draw the whole chart on `root`; returns where the plot landed.
///
/// # Errors
/// A [`ChartError`] from the backend (the page shows it and keeps the last chart).
/// # Example
/// Drawn natively on a recording backend in `chart::tests`, and on a real `<canvas>` in
/// `tests/wasm.rs` (`draws_on_a_canvas`).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
) -> Result<Layout, ChartError> {
    draw_layer(root, spec, Layer::All)
}

/// Draw one [`Layer`] of the chart on `root` (see [`draw`]). The overlay never
/// paints a background.
///
/// # Errors
/// A [`ChartError`] from the backend.
/// # Example
/// `chart::tests::the_layers_add_up_to_the_chart`: the base and the overlay
/// draw exactly what [`draw`] draws.
pub fn draw_layer<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    layer: Layer,
) -> Result<Layout, ChartError> {
    let (base, over) = (layer != Layer::Overlay, layer != Layer::Base);
    let k = if spec.scale.is_finite() {
        spec.scale.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let px = |v: f64| (v * k).round().max(1.0) as u32;
    let th = &spec.theme;
    let bg = parse_color(&th.background);
    let text = parse_color(&th.text);
    let grid = parse_color(&th.grid);
    let c_hist = parse_color(&th.history);
    let c_proj = parse_color(&th.projection);
    let c_trend = parse_color(&th.trend);
    let c_target = parse_color(&th.target);
    let c_band = parse_color(&th.band);
    if base && !spec.transparent {
        root.fill(&bg).map_err(drawing)?;
    }

    let ((x0, x1), (y0, y1)) = ranges(spec);
    let (w, _h) = root.dim_in_pixel();
    let css_w = f64::from(w) / k;
    // FontFamily::SansSerif, not "sans-serif": a string family is lower-cased
    // by plotters, which links Unicode case tables into the wasm.
    let font = (FontFamily::SansSerif, f64::from(px(12.0)))
        .into_font()
        .color(&text);
    // Annotations in the same size as the axes: one font for the whole chart,
    // so a redraw never changes the context's font (each change is parsed).
    let small = font.clone();
    let y_digits =
        format_number(y1, spec.decimals, &spec.decimal, &spec.group).len() + spec.unit_suffix.len();
    let y_area = px(14.0 + 7.0 * y_digits as f64);

    // Room for the axes' labels and a plot: a smaller canvas gets an error
    // (which the page shows), not a chart squeezed to negative sizes.
    let (w_px, h_px) = root.dim_in_pixel();
    let plot_w = i64::from(w_px) - i64::from(px(4.0) + px(16.0) + y_area);
    let plot_h = i64::from(h_px) - i64::from(px(14.0) + px(4.0) + px(26.0));
    if plot_w < i64::from(px(40.0)) || plot_h < i64::from(px(40.0)) {
        return Err(ChartError(format!(
            "the canvas ({w_px}×{h_px}) is too small for a chart"
        )));
    }
    let mut chart = ChartBuilder::on(root)
        .margin_top(px(14.0))
        .margin_right(px(16.0))
        .margin_left(px(4.0))
        .margin_bottom(px(4.0))
        .x_label_area_size(px(26.0))
        .y_label_area_size(y_area)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(drawing)?;

    let year_count = (x1 - x0).floor().max(1.0);
    // One label per year while they fit (≈ 44 CSS px each), else every 2nd, 5th, 10th…
    let fit = (css_w / 44.0).floor().max(2.0);
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
        .into_iter()
        .find(|s| year_count / s <= fit)
        .unwrap_or(100.0);
    let year_fmt = move |x: &f64| {
        let r = x.round();
        if (x - r).abs() < 1e-6 && (r % step).abs() < 1e-6 {
            format!("{r:.0}")
        } else {
            String::new()
        }
    };
    let value_fmt = |y: &f64| {
        format!(
            "{}{}",
            format_number(*y, spec.decimals, &spec.decimal, &spec.group),
            spec.unit_suffix
        )
    };
    // A label on every step of the axis, both ends included.
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
    let hist: Vec<(f64, f64)> = spec
        .history
        .iter()
        .filter(|p| shown(p.year, p.value))
        .map(|p| (p.year, p.value))
        .collect();
    // The base: axes, grid, stacked shares, history and alternatives.
    if base {
        chart
            .configure_mesh()
            .x_labels(((x1 - x0) as usize + 2).min(120))
            .y_labels(y_labels)
            .x_label_formatter(&year_fmt)
            .y_label_formatter(&value_fmt)
            .disable_x_mesh()
            .bold_line_style(grid.stroke_width(px(1.0)))
            .light_line_style(TRANSPARENT)
            .axis_style(text.mix(0.6).stroke_width(px(1.0)))
            .label_style(font.clone())
            .x_label_style(font.clone())
            .set_all_tick_mark_size(px(4.0))
            .draw()
            .map_err(drawing)?;

        if let Some(s) = &spec.stack {
            let mut base = vec![0.0; s.years.len()];
            for (i, series) in s.series.iter().enumerate() {
                let color = parse_color(s.colors.get(i).map(String::as_str).unwrap_or("#888888"));
                // Shares stack within 0–100 %, the axis: a part beyond it
                // (bad data) is cut at the edge, not drawn off the canvas.
                let top: Vec<f64> = base
                    .iter()
                    .zip(series)
                    .map(|(b, v)| (b + v).clamp(0.0, 100.0))
                    .collect();
                let mut poly: Vec<(f64, f64)> = finite_points(&s.years, &top);
                let mut lower = finite_points(&s.years, &base);
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
                        finite_points(&s.years, &top),
                        bg.stroke_width(px(1.0)),
                    )))
                    .map_err(drawing)?;
                base = top;
            }
            let fy = s.first_projected_year - 0.5;
            if fy >= x0 && fy <= x1 {
                chart
                    .draw_series(DashedLineSeries::new(
                        vec![(fy, y0), (fy, y1)],
                        px(4.0),
                        px(4.0),
                        text.stroke_width(px(1.0)),
                    ))
                    .map_err(drawing)?;
                chart
                    .draw_series(std::iter::once(Text::new(
                        spec.words.projected.clone(),
                        (fy, y1),
                        small.clone().pos(Pos::new(HPos::Left, VPos::Top)),
                    )))
                    .map_err(drawing)?;
            }
        }

        chart
            .draw_series(LineSeries::new(hist.clone(), c_hist.stroke_width(px(1.5))))
            .map_err(drawing)?;
        chart
            .draw_series(
                spec.alternatives
                    .iter()
                    .filter(|p| p.year >= x0 && p.year <= x1 && shown(p.year, p.value))
                    .map(|p| Circle::new((p.year, p.value), px(4.0), c_hist.stroke_width(px(1.5)))),
            )
            .map_err(drawing)?;
        chart
            .draw_series(
                hist.iter()
                    .map(|&pt| Circle::new(pt, px(4.5), c_hist.filled())),
            )
            .map_err(drawing)?;
    }
    // The overlay: what a scenario moves.
    if over {
        if let Some(b) = &spec.band {
            let mut poly = finite_points(&b.years, &b.hi);
            let mut lo = finite_points(&b.years, &b.lo);
            lo.reverse();
            poly.extend(lo);
            if poly.len() >= 3 {
                chart
                    .draw_series(std::iter::once(Polygon::new(
                        poly,
                        c_band.mix(0.28).filled(),
                    )))
                    .map_err(drawing)?;
            }
        }

        if let Some(t) = spec.target {
            if shown(t.year, t.value) {
                chart
                    .draw_series(DashedLineSeries::new(
                        vec![(x0, t.value), (x1, t.value)],
                        px(6.0),
                        px(4.0),
                        c_target.mix(0.7).stroke_width(px(1.0)),
                    ))
                    .map_err(drawing)?;
            }
        }

        if let Some(tr) = &spec.trend {
            chart
                .draw_series(DashedLineSeries::new(
                    finite_points(&tr.years, &tr.values),
                    px(7.0),
                    px(5.0),
                    c_trend.stroke_width(px(2.0)),
                ))
                .map_err(drawing)?;
        }

        if let Some(p) = &spec.projection {
            let points = finite_points(&p.years, &p.values);
            chart
                .draw_series(LineSeries::new(
                    points.clone(),
                    c_proj.stroke_width(px(3.0)),
                ))
                .map_err(drawing)?;
            chart
                .draw_series(
                    points
                        .into_iter()
                        .skip(1)
                        .map(|pt| Circle::new(pt, px(3.0), c_proj.filled())),
                )
                .map_err(drawing)?;
        }
        // The history points the projection starts from, again over its line.
        let from = spec
            .projection
            .as_ref()
            .and_then(|p| p.years.first().copied())
            .unwrap_or(f64::INFINITY);
        chart
            .draw_series(
                hist.iter()
                    .filter(|pt| pt.0 >= from)
                    .map(|&pt| Circle::new(pt, px(4.5), c_hist.filled())),
            )
            .map_err(drawing)?;
        if let Some(t) = spec.target {
            if shown(t.year, t.value) {
                // A diamond, so the target does not depend on colour alone.
                let r = i32::try_from(px(7.0)).unwrap_or(7);
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((t.year, t.value))
                            + Polygon::new(
                                vec![(0, -r), (r, 0), (0, r), (-r, 0)],
                                c_target.filled(),
                            ),
                    ))
                    .map_err(drawing)?;
                let (dx, dy) = (-(px(10.0) as i32), px(6.0) as i32);
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((t.year, t.value))
                            + Text::new(
                                spec.words.target.clone(),
                                (dx, dy),
                                small
                                    .clone()
                                    .color(&c_target)
                                    .pos(Pos::new(HPos::Right, VPos::Top)),
                            ),
                    ))
                    .map_err(drawing)?;
            }
        }

        // The year the target is reached: a line and its label. Not reached by the
        // target year: the same label (the page's words) in the top-right corner.
        let reached = spec
            .reached_year
            .filter(|y| y.is_finite() && *y >= x0 && *y <= x1);
        if let Some(ry) = reached {
            chart
                .draw_series(LineSeries::new(
                    vec![(ry, y0), (ry, y1)],
                    c_target.mix(0.8).stroke_width(px(1.0)),
                ))
                .map_err(drawing)?;
        }
        let label_at = match reached {
            Some(ry) => Some(ry),
            None if spec.reached_year.is_none() && spec.target.is_some() => Some(x1),
            None => None,
        };
        if let Some(x) = label_at.filter(|_| !spec.words.reached.is_empty()) {
            chart
                .draw_series(std::iter::once(Text::new(
                    spec.words.reached.clone(),
                    (x, y1),
                    small
                        .clone()
                        .color(&c_target)
                        .pos(Pos::new(HPos::Right, VPos::Top)),
                )))
                .map_err(drawing)?;
        }
    }

    let (xr, yr) = chart.plotting_area().get_pixel_range();
    root.present().map_err(drawing)?;
    Ok(Layout {
        plot_left: f64::from(xr.start) / k,
        plot_top: f64::from(yr.start) / k,
        plot_width: f64::from(xr.end - xr.start) / k,
        plot_height: f64::from(yr.end - yr.start) / k,
        x_min: x0,
        x_max: x1,
        y_min: y0,
        y_max: y1,
        frame: frame_key_in(spec, root.dim_in_pixel(), ((x0, x1), (y0, y1))),
        base_drawn: base,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters_backend::{
        BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
    };
    use std::convert::Infallible;

    /// A backend that records what is drawn, to test the chart natively.
    #[derive(Default)]
    struct Log {
        texts: Vec<String>,
        lines: usize,
        fills: usize,
        /// Filled rectangles covering the whole drawing area (the background).
        full_rects: usize,
    }

    #[derive(Default, Clone)]
    struct Recorder(std::rc::Rc<std::cell::RefCell<Log>>);

    impl DrawingBackend for Recorder {
        type ErrorType = Infallible;
        fn get_size(&self) -> (u32, u32) {
            (800, 400)
        }
        fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
            Ok(())
        }
        fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
            Ok(())
        }
        fn draw_pixel(
            &mut self,
            _: BackendCoord,
            _: BackendColor,
        ) -> Result<(), DrawingErrorKind<Infallible>> {
            Ok(())
        }
        fn draw_line<S: BackendStyle>(
            &mut self,
            _: BackendCoord,
            _: BackendCoord,
            _: &S,
        ) -> Result<(), DrawingErrorKind<Infallible>> {
            self.0.borrow_mut().lines += 1;
            Ok(())
        }
        fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
            &mut self,
            _: I,
            _: &S,
        ) -> Result<(), DrawingErrorKind<Infallible>> {
            self.0.borrow_mut().fills += 1;
            Ok(())
        }
        fn draw_rect<S: BackendStyle>(
            &mut self,
            a: BackendCoord,
            b: BackendCoord,
            _: &S,
            fill: bool,
        ) -> Result<(), DrawingErrorKind<Infallible>> {
            let (w, h) = self.get_size();
            if fill && a == (0, 0) && b.0 >= w as i32 - 1 && b.1 >= h as i32 - 1 {
                self.0.borrow_mut().full_rects += 1;
            }
            Ok(())
        }
        fn draw_text<TStyle: BackendTextStyle>(
            &mut self,
            text: &str,
            _: &TStyle,
            _: BackendCoord,
        ) -> Result<(), DrawingErrorKind<Infallible>> {
            self.0.borrow_mut().texts.push(text.to_string());
            Ok(())
        }
        fn estimate_text_size<TStyle: BackendTextStyle>(
            &self,
            text: &str,
            _: &TStyle,
        ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
            Ok((text.chars().count() as u32 * 7, 12))
        }
    }

    fn theme() -> Theme {
        Theme {
            background: "#ffffff".into(),
            text: "#222222".into(),
            grid: "#dddddd".into(),
            history: "#333333".into(),
            projection: "#0055aa".into(),
            trend: "#aa5500".into(),
            target: "#aa0000".into(),
            band: "#0055aa".into(),
        }
    }

    fn spec() -> ChartSpec {
        ChartSpec {
            scale: 1.0,
            history: vec![
                Xy {
                    year: 2020.0,
                    value: 44.2,
                },
                Xy {
                    year: 2025.0,
                    value: 71.1,
                },
            ],
            alternatives: vec![],
            projection: Some(Line {
                years: vec![2025.0, 2030.0],
                values: vec![71.1, 130.0],
            }),
            trend: None,
            band: None,
            target: Some(Xy {
                year: 2030.0,
                value: 130.0,
            }),
            reached_year: Some(2030.0),
            stack: None,
            theme: theme(),
            transparent: false,
            words: Words {
                target: "Mục tiêu 130".into(),
                reached: "Đạt: 2030".into(),
                projected: String::new(),
            },
            decimal: ",".into(),
            group: ".".into(),
            decimals: 1,
            unit_suffix: String::new(),
        }
    }

    #[test]
    fn draws_whole_years_and_vi_numbers() {
        let rec = Recorder::default();
        let layout = {
            let root = rec.clone().into_drawing_area();
            draw(&root, &spec()).unwrap()
        };
        let rec = rec.0.borrow();
        assert!(rec.texts.iter().any(|t| t == "2025"), "{:?}", rec.texts);
        assert!(!rec
            .texts
            .iter()
            .any(|t| t.contains("2025.5") || t.contains("2025,5")));
        assert!(
            rec.texts.iter().any(|t| t.contains(',')),
            "decimal comma: {:?}",
            rec.texts
        );
        assert!(rec.texts.iter().any(|t| t == "Mục tiêu 130"));
        assert!(rec.fills > 0 && rec.lines > 0);
        assert!(
            layout.plot_width > 600.0 && layout.plot_height > 300.0,
            "{layout:?}"
        );
        assert!(layout.y_min == 0.0 && layout.y_max > 130.0);
    }

    #[test]
    fn a_transparent_background_is_not_painted() {
        let draw_with = |transparent| {
            let rec = Recorder::default();
            let mut s = spec();
            s.transparent = transparent;
            draw(&rec.clone().into_drawing_area(), &s).unwrap();
            let log = rec.0.borrow();
            (log.full_rects, log.texts.len())
        };
        let (painted, texts) = draw_with(false);
        assert_eq!(painted, 1);
        assert_eq!(draw_with(true), (0, texts));
    }

    #[test]
    fn says_when_the_target_is_not_reached() {
        let rec = Recorder::default();
        let mut s = spec();
        s.reached_year = None;
        s.words.reached = "Chưa đạt đến 2030".into();
        {
            let root = rec.clone().into_drawing_area();
            draw(&root, &s).unwrap();
        }
        assert!(rec
            .0
            .borrow()
            .texts
            .iter()
            .any(|t| t == "Chưa đạt đến 2030"));
    }

    #[test]
    fn scale_shrinks_nothing_in_css_pixels() {
        let rec = Recorder::default();
        let mut s = spec();
        s.scale = 2.0;
        let l = {
            let root = rec.clone().into_drawing_area();
            draw(&root, &s).unwrap()
        };
        // 800 backing px at scale 2 is a 400 CSS px chart.
        assert!(l.plot_left + l.plot_width <= 400.0);
    }

    #[test]
    fn bad_colours_and_empty_data_do_not_fail() {
        let rec = Recorder::default();
        let mut s = spec();
        s.theme.background = "red; }".into();
        s.history.clear();
        s.projection = None;
        s.target = Some(Xy {
            year: f64::NAN,
            value: f64::INFINITY,
        });
        s.scale = f64::NAN;
        let root = rec.clone().into_drawing_area();
        assert!(draw(&root, &s).is_ok());
    }

    /// What a layer draws, in a comparable form.
    fn drawn(spec: &ChartSpec, layer: Layer) -> (Vec<String>, usize, usize, usize) {
        let rec = Recorder::default();
        draw_layer(&rec.clone().into_drawing_area(), spec, layer).unwrap();
        let log = rec.0.borrow();
        let mut texts = log.texts.clone();
        texts.sort();
        (texts, log.lines, log.fills, log.full_rects)
    }

    #[test]
    fn the_layers_add_up_to_the_chart() {
        let mut s = spec();
        s.band = Some(Band {
            years: vec![2025.0, 2030.0],
            lo: vec![71.1, 110.0],
            hi: vec![71.1, 150.0],
        });
        s.trend = Some(Line {
            years: vec![2025.0, 2030.0],
            values: vec![71.1, 120.0],
        });
        s.alternatives = vec![Xy {
            year: 2020.0,
            value: 44.5,
        }];
        let all = drawn(&s, Layer::All);
        let (bt, bl, bf, br) = drawn(&s, Layer::Base);
        let (ot, ol, of, or) = drawn(&s, Layer::Overlay);
        let mut texts = [bt.clone(), ot.clone()].concat();
        texts.sort();
        assert_eq!(all, (texts, bl + ol, bf + of, br + or));
        // Every step of the value axis labelled, both ends included.
        let (_, (y0, y1)) = ranges(&s);
        let step = nice_step(y1 - y0, Y_PARTS);
        let mut v = y0;
        while v <= y1 + step / 2.0 {
            let label = format_number(v, s.decimals, &s.decimal, &s.group);
            assert!(bt.contains(&label), "{label} not in {bt:?}");
            v += step;
        }
        // Axis labels in the base only; the words a scenario changes in the overlay only.
        assert!(bt.iter().any(|t| t == "2025") && !ot.iter().any(|t| t == "2025"));
        assert!(ot.iter().any(|t| t == "Đạt: 2030") && !bt.iter().any(|t| t == "Đạt: 2030"));
        assert!(ot.iter().any(|t| t == "Mục tiêu 130"));
        // The overlay never paints a background.
        assert_eq!((br, or), (1, 0));
    }

    #[test]
    fn the_value_axis_ends_on_round_steps_and_holds_still() {
        let mut s = spec();
        let (_, (y0, y1)) = ranges(&s);
        let step = nice_step(y1 - y0, Y_PARTS);
        assert!(step > 0.0);
        for end in [y0, y1] {
            let k = end / step;
            assert!(
                (k - k.round()).abs() < 1e-9,
                "{end} is not a multiple of {step}"
            );
        }
        // Everything shown fits, with room above the highest point.
        assert!(y0 <= 0.0 && y1 >= 130.0 * 1.05, "{y0}..{y1}");
        // A slider's small move keeps the axes (and so the base layer)…
        let key = frame_key(&s, (800, 400));
        if let Some(p) = s.projection.as_mut() {
            p.values[1] = 131.0;
        }
        s.reached_year = Some(2029.9);
        s.words.reached = "Đạt: 2029".into();
        s.words.target = "Target 130".into();
        assert_eq!(ranges(&s).1, (y0, y1));
        assert_eq!(frame_key(&s, (800, 400)), key);
        // …and a large one moves them, by whole steps.
        if let Some(p) = s.projection.as_mut() {
            p.values[1] = 260.0;
        }
        let (_, (_, z1)) = ranges(&s);
        assert!(z1 >= 260.0 && z1 > y1);
        let k = z1 / nice_step(z1, Y_PARTS);
        assert!((k - k.round()).abs() < 1e-9);
        assert_ne!(frame_key(&s, (800, 400)), key);
    }

    #[test]
    fn the_frame_key_follows_what_the_base_shows() {
        let s = spec();
        let key = frame_key(&s, (800, 400));
        let changed: [fn(&mut ChartSpec); 8] = [
            |s| s.scale = 2.0,
            |s| s.theme.grid = "#000000".into(),
            |s| s.theme.background = "#000000".into(),
            |s| s.decimal = ".".into(),
            |s| s.decimals = 2,
            |s| s.transparent = true,
            |s| s.history[0].value = 44.5,
            |s| {
                s.alternatives.push(Xy {
                    year: 2020.0,
                    value: 44.5,
                })
            },
        ];
        for (i, change) in changed.iter().enumerate() {
            let mut t = spec();
            change(&mut t);
            assert_ne!(frame_key(&t, (800, 400)), key, "change {i}");
        }
        let mut t = spec();
        t.theme.projection = "#000000".into();
        t.theme.band = "#000000".into();
        t.trend = Some(Line {
            years: vec![2025.0, 2030.0],
            values: vec![71.1, 100.0],
        });
        assert_eq!(frame_key(&t, (800, 400)), key, "overlay-only changes");
    }

    #[test]
    fn number_format() {
        assert_eq!(format_number(1234567.891, 2, ",", "."), "1.234.567,89");
        assert_eq!(format_number(0.6, 0, ",", "."), "1");
        assert_eq!(format_number(f64::NAN, 1, ",", "."), "–");
        assert_eq!(format_number(-12.25, 1, ".", ","), "-12.2");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Numbers a page might send by mistake, and ordinary ones.
    fn num() -> impl Strategy<Value = f64> + Clone {
        prop_oneof![
            -1e6f64..1e6,
            2000.0f64..2040.0,
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(0.0),
            Just(1e308),
            Just(-1e308),
            Just(5e-324),
            any::<f64>(),
        ]
    }

    fn line() -> impl Strategy<Value = Option<Line>> {
        proptest::option::of(
            (
                prop::collection::vec(num(), 0..8),
                prop::collection::vec(num(), 0..8),
            )
                .prop_map(|(years, values)| Line { years, values }),
        )
    }

    fn spec() -> impl Strategy<Value = ChartSpec> {
        let xy = || (num(), num()).prop_map(|(year, value)| Xy { year, value });
        (
            (
                num(),
                prop::collection::vec(xy(), 0..8),
                prop::collection::vec(xy(), 0..3),
            ),
            (
                line(),
                line(),
                proptest::option::of(xy()),
                proptest::option::of(num()),
            ),
            (
                proptest::option::of((
                    prop::collection::vec(num(), 0..8),
                    prop::collection::vec(num(), 0..8),
                    prop::collection::vec(num(), 0..8),
                )),
                proptest::option::of((
                    prop::collection::vec(num(), 0..8),
                    prop::collection::vec(prop::collection::vec(num(), 0..8), 0..4),
                    num(),
                )),
                any::<bool>(),
                0u32..10,
            ),
        )
            .prop_map(
                |(
                    (scale, history, alternatives),
                    (projection, trend, target, reached_year),
                    (band, stack, transparent, decimals),
                )| ChartSpec {
                    scale,
                    history,
                    alternatives,
                    projection,
                    trend,
                    band: band.map(|(years, lo, hi)| Band { years, lo, hi }),
                    target,
                    reached_year,
                    stack: stack.map(|(years, series, first_projected_year)| Stack {
                        colors: vec!["#123456".into(); series.len().saturating_sub(1)],
                        labels: vec![],
                        years,
                        series,
                        first_projected_year,
                    }),
                    theme: Theme {
                        background: "#ffffff".into(),
                        text: "#000000".into(),
                        grid: "nonsense".into(),
                        history: "#333333".into(),
                        projection: "#0055aa".into(),
                        trend: "#aa5500".into(),
                        target: "#aa0000".into(),
                        band: "#0055aa".into(),
                    },
                    transparent,
                    words: Words {
                        target: "Mục tiêu".into(),
                        reached: "Đạt".into(),
                        projected: "→".into(),
                    },
                    decimal: ",".into(),
                    group: ".".into(),
                    decimals,
                    unit_suffix: String::new(),
                },
            )
    }

    /// A backend that draws nothing, of a size chosen by the test. Like the
    /// canvas backend it hands every line, path, shape and text over whole
    /// (plotters' defaults would rasterise them pixel by pixel).
    struct Null(u32, u32);

    impl DrawingBackend for Null {
        type ErrorType = std::convert::Infallible;
        fn get_size(&self) -> (u32, u32) {
            (self.0, self.1)
        }
        fn ensure_prepared(
            &mut self,
        ) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn present(&mut self) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_pixel(
            &mut self,
            _: plotters_backend::BackendCoord,
            _: plotters_backend::BackendColor,
        ) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_line<S: plotters_backend::BackendStyle>(
            &mut self,
            _: plotters_backend::BackendCoord,
            _: plotters_backend::BackendCoord,
            _: &S,
        ) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_rect<S: plotters_backend::BackendStyle>(
            &mut self,
            _: plotters_backend::BackendCoord,
            _: plotters_backend::BackendCoord,
            _: &S,
            _: bool,
        ) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_path<
            S: plotters_backend::BackendStyle,
            I: IntoIterator<Item = plotters_backend::BackendCoord>,
        >(
            &mut self,
            path: I,
            _: &S,
        ) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            path.into_iter().for_each(drop);
            Ok(())
        }
        fn fill_polygon<
            S: plotters_backend::BackendStyle,
            I: IntoIterator<Item = plotters_backend::BackendCoord>,
        >(
            &mut self,
            vert: I,
            _: &S,
        ) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            vert.into_iter().for_each(drop);
            Ok(())
        }
        fn draw_circle<S: plotters_backend::BackendStyle>(
            &mut self,
            _: plotters_backend::BackendCoord,
            _: u32,
            _: &S,
            _: bool,
        ) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_text<S: plotters_backend::BackendTextStyle>(
            &mut self,
            _: &str,
            _: &S,
            _: plotters_backend::BackendCoord,
        ) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn estimate_text_size<S: plotters_backend::BackendTextStyle>(
            &self,
            text: &str,
            _: &S,
        ) -> Result<(u32, u32), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
            Ok((text.chars().count() as u32 * 7, 12))
        }
    }

    /// Found by the property below: years of ±1e308 made the axes span
    /// 2e308, and drawing never ended (the page hung). Such points are gaps now.
    #[test]
    fn far_points_are_gaps_not_a_hang() {
        use proptest::strategy::ValueTree;
        let mut s = spec()
            .new_tree(&mut proptest::test_runner::TestRunner::deterministic())
            .unwrap()
            .current();
        s.history = vec![
            Xy {
                year: 1e308,
                value: 1.0,
            },
            Xy {
                year: -1e308,
                value: 2032.7,
            },
            Xy {
                year: 2020.0,
                value: 44.2,
            },
        ];
        s.trend = Some(Line {
            years: vec![7.6e216, 2004.0],
            values: vec![0.0, 0.0],
        });
        s.projection = Some(Line {
            years: vec![2025.0, 2030.0],
            values: vec![71.1, 1e300],
        });
        s.stack = None;
        let ((x0, x1), (y0, y1)) = ranges(&s);
        assert!(x0 > 1990.0 && x1 < 2040.0, "{x0}..{x1}");
        assert!(y0.abs() < 1e16 && y1.abs() < 1e16, "{y0}..{y1}");
        for layer in [Layer::All, Layer::Base, Layer::Overlay] {
            assert!(draw_layer(&Null(319, 389).into_drawing_area(), &s, layer).is_ok());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("GRDP_CHART_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400)
        ))]
        /// Any spec, on any size of canvas, in every layer: drawn or refused, never a panic
        /// (a panic in the wasm would kill the widget); and the frame key is always a whole number.
        #[test]
        fn any_spec_draws_or_fails_cleanly(spec in spec(), w in 0u32..2000, h in 0u32..1000) {
            for layer in [Layer::All, Layer::Base, Layer::Overlay] {
                let _ = draw_layer(&Null(w, h).into_drawing_area(), &spec, layer);
            }
            let key = frame_key(&spec, (w, h));
            prop_assert!(key.is_finite() && key.fract() == 0.0 && key < 2f64.powi(53));
            let ((x0, x1), (y0, y1)) = ranges(&spec);
            prop_assert!(x0 <= x1 && y0 <= y1, "{x0}..{x1}, {y0}..{y1}");
        }
    }
}
