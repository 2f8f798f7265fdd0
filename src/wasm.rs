//! The one layer that talks to JavaScript. Every export validates through the
//! model and turns its errors into a JS `Error` whose message names the
//! argument; the error also carries `field` (the argument's name) so a page can
//! show it in the reader's language. Nothing here panics.

use crate::chart::{self, ChartSpec};
use crate::dataset::{Dataset, DatasetError};
use crate::growth;
use crate::json;
use crate::montecarlo;
use crate::scenario::{self, Scenario, ScenarioInput, PRESETS};
use crate::share;
use plotters::prelude::IntoDrawingArea;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

fn js_error(message: &str, field: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    // Setting a property on a fresh Error cannot fail; ignore the Result anyway.
    let _ = js_sys::Reflect::set(&e, &"field".into(), &field.into());
    e.into()
}

fn growth_err(e: growth::GrowthError) -> JsValue {
    let se = scenario::ScenarioError::from(e.clone());
    js_error(&e.to_string(), &se.field)
}

fn scenario_err(e: scenario::ScenarioError) -> JsValue {
    js_error(&e.to_string(), &e.field)
}

fn dataset_err(e: DatasetError) -> JsValue {
    let field = if e.field.is_empty() {
        "dataset"
    } else {
        e.field.as_str()
    };
    js_error(&e.to_string(), field)
}

/// A JS value as a [`json::Value`], for the readers in [`crate::read`].
/// Numbers keep NaN and ±∞ (the model refuses them later, by name);
/// `undefined` is null (a field left out).
fn from_js(v: &JsValue, depth: usize) -> Result<json::Value, String> {
    use json::Value as V;
    if depth > json::MAX_DEPTH {
        return Err("nested too deeply".into());
    }
    if let Some(n) = v.as_f64() {
        return Ok(V::Number(n));
    }
    // Primitives first, then objects: each test is a call into JS, and a
    // chart spec on every slider step has dozens of objects.
    if !v.is_object() {
        if let Some(s) = v.as_string() {
            return Ok(V::String(s));
        }
        if let Some(b) = v.as_bool() {
            return Ok(V::Bool(b));
        }
        if v.is_null() || v.is_undefined() {
            return Ok(V::Null);
        }
        return Err("expected plain data (numbers, strings, arrays, objects)".into());
    }
    if let Some(a) = v.dyn_ref::<js_sys::Array>() {
        return a
            .iter()
            .map(|item| from_js(&item, depth + 1))
            .collect::<Result<_, _>>()
            .map(V::Array);
    }
    if let Some(a) = v.dyn_ref::<js_sys::Float64Array>() {
        return Ok(V::Array(a.to_vec().into_iter().map(V::Number).collect()));
    }
    let mut fields = Vec::new();
    for entry in js_sys::Object::entries(v.unchecked_ref()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        fields.push((key, from_js(&pair.get(1), depth + 1)?));
    }
    Ok(V::Object(fields))
}

/// Read a JS argument with one of the readers of [`crate::read`]; errors
/// name the field (or the argument, `what`, when it is the whole value).
fn read_arg<T>(
    v: &JsValue,
    what: &str,
    read: impl Fn(&json::Value) -> Result<T, DatasetError>,
) -> Result<T, JsValue> {
    let value = from_js(v, 0).map_err(|e| js_error(&format!("{what}: {e}"), what))?;
    read(&value).map_err(|e| {
        if e.field.is_empty() {
            js_error(&format!("{what}: {}", e.problem), what)
        } else {
            js_error(
                &format!("{what} field {}: {}", e.field, e.problem),
                &e.field,
            )
        }
    })
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(&e.to_string(), ""))
}

fn whole_years(years: f64) -> Result<u32, JsValue> {
    if !years.is_finite() {
        return Err(js_error("years must be a finite number", "years"));
    }
    if years.fract() != 0.0 || !(0.0..=growth::MAX_YEARS).contains(&years) {
        return Err(js_error(
            &format!("years must be a whole number between 0 and 100 (got {years})"),
            "years",
        ));
    }
    Ok(years as u32)
}

/// The constant yearly rate r with start·(1+r)^years = target.
#[wasm_bindgen(js_name = requiredGrowthRate)]
pub fn required_growth_rate(start: f64, target: f64, years: f64) -> Result<f64, JsValue> {
    growth::required_growth_rate(start, target, years).map_err(growth_err)
}

/// Fractional years for start to reach target at rate; throws when unreachable.
#[wasm_bindgen(js_name = yearsToTarget)]
pub fn years_to_target(start: f64, target: f64, rate: f64) -> Result<f64, JsValue> {
    growth::years_to_target(start, target, rate).map_err(growth_err)
}

/// The value start reaches after years at rate.
#[wasm_bindgen(js_name = valueAfter)]
pub fn value_after(start: f64, rate: f64, years: f64) -> Result<f64, JsValue> {
    growth::value_after(start, rate, years).map_err(growth_err)
}

/// `years + 1` values from start at a constant rate, as a Float64Array.
#[wasm_bindgen(js_name = projectSeries)]
pub fn project_series(start: f64, rate: f64, years: f64) -> Result<Vec<f64>, JsValue> {
    growth::project_series(start, rate, whole_years(years)?).map_err(growth_err)
}

/// The path from start with one rate per year (a schedule).
#[wasm_bindgen(js_name = projectSchedule)]
pub fn project_schedule(start: f64, rates: Vec<f64>) -> Result<Vec<f64>, JsValue> {
    growth::project_schedule(start, &rates).map_err(growth_err)
}

/// (1+realGrowth)(1+inflation)/(1+populationGrowth) − 1.
#[wasm_bindgen(js_name = perCapitaNominalGrowth)]
pub fn per_capita_nominal_growth(
    real_growth: f64,
    inflation: f64,
    population_growth: f64,
) -> Result<f64, JsValue> {
    growth::per_capita_nominal_growth(real_growth, inflation, population_growth).map_err(growth_err)
}

/// The real growth a per-capita nominal growth needs under given prices and population.
#[wasm_bindgen(js_name = realGrowthNeeded)]
pub fn real_growth_needed(
    per_capita_nominal_growth: f64,
    inflation: f64,
    population_growth: f64,
) -> Result<f64, JsValue> {
    growth::real_growth_needed(per_capita_nominal_growth, inflation, population_growth)
        .map_err(growth_err)
}

/// The compound yearly rate between two dated values.
#[wasm_bindgen(js_name = compoundRateBetween)]
pub fn compound_rate_between(
    from_year: f64,
    from_value: f64,
    to_year: f64,
    to_value: f64,
) -> Result<f64, JsValue> {
    let year = |y: f64, name: &str| -> Result<i32, JsValue> {
        if y.is_finite() && y.fract() == 0.0 && (1900.0..=2200.0).contains(&y) {
            Ok(y as i32)
        } else {
            Err(js_error(
                &format!("{name} must be a whole year between 1900 and 2200"),
                name,
            ))
        }
    };
    growth::compound_rate_between(
        year(from_year, "fromYear")?,
        from_value,
        year(to_year, "toYear")?,
        to_value,
    )
    .map_err(growth_err)
}

/// A projection engine over one dataset (the embedded Lạng Sơn one by default).
#[wasm_bindgen]
pub struct Engine {
    dataset: Dataset,
    /// Monte Carlo draws kept between projections (same seed, same numbers).
    draws: std::cell::RefCell<montecarlo::Draws>,
}

#[wasm_bindgen]
impl Engine {
    /// An engine over the embedded dataset.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Engine, JsValue> {
        Ok(Engine::over(
            Dataset::default_lang_son().map_err(dataset_err)?,
        ))
    }

    /// An engine over a dataset given as JSON text; throws naming the field at fault.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<Engine, JsValue> {
        Ok(Engine::over(Dataset::from_json(text).map_err(dataset_err)?))
    }

    /// The dataset as a plain object.
    pub fn dataset(&self) -> Result<JsValue, JsValue> {
        to_js(&self.dataset)
    }

    /// Project a scenario (a plain object; missing fields come from the dataset).
    pub fn project(&self, scenario: JsValue) -> Result<JsValue, JsValue> {
        let p = with_draws(&self.draws, |draws| {
            project_with(&self.dataset, scenario, draws)
        })?;
        to_js(&p)
    }

    /// Project a scenario as `project` does, and show it in a chart view:
    /// as the chosen scenario (path, band, target, year reached) or, with
    /// `asTrend`, as the trend line. The view must have a spec.
    #[wasm_bindgen(js_name = projectInto)]
    pub fn project_into(
        &self,
        scenario: JsValue,
        view: &mut ChartView,
        as_trend: bool,
    ) -> Result<JsValue, JsValue> {
        let spec = view.spec_mut()?;
        let p = with_draws(&self.draws, |draws| {
            project_with(&self.dataset, scenario, draws)
        })?;
        if as_trend {
            spec.show_trend(&p);
        } else {
            spec.show_projection(&p);
        }
        to_js(&p)
    }

    /// The preset scenarios of an indicator: `{ trend, plan }`, each complete.
    pub fn presets(&self, indicator: &str) -> Result<JsValue, JsValue> {
        let mut out = std::collections::BTreeMap::new();
        for name in PRESETS {
            if let Ok(s) = Scenario::preset(&self.dataset, indicator, name) {
                out.insert(*name, s);
            }
        }
        if self.dataset.indicator(indicator).is_none() {
            return Err(js_error(
                &format!("unknown indicator \"{indicator}\""),
                "indicator",
            ));
        }
        to_js(&out)
    }

    /// Shares carried forward to endYear.
    #[wasm_bindgen(js_name = projectShares)]
    pub fn project_shares(&self, indicator: &str, end_year: f64) -> Result<JsValue, JsValue> {
        let ind = self
            .dataset
            .indicator(indicator)
            .ok_or_else(|| js_error(&format!("unknown indicator \"{indicator}\""), "indicator"))?;
        if !(end_year.is_finite()
            && end_year.fract() == 0.0
            && (1900.0..=2200.0).contains(&end_year))
        {
            return Err(js_error(
                "endYear must be a whole year between 1900 and 2200",
                "endYear",
            ));
        }
        let p = scenario::project_shares(ind, end_year as i32).map_err(scenario_err)?;
        to_js(&p)
    }

    /// The spread of the indicator's record (sample s.d. of yearly changes), or null.
    #[wasm_bindgen(js_name = historicalSpread)]
    pub fn historical_spread(&self, indicator: &str) -> Option<f64> {
        self.dataset
            .indicator(indicator)
            .and_then(scenario::historical_spread)
    }

    /// The compound rate (or yearly step) of the indicator's record, or null.
    #[wasm_bindgen(js_name = historicalRate)]
    pub fn historical_rate(&self, indicator: &str) -> Option<f64> {
        self.dataset
            .indicator(indicator)
            .and_then(scenario::historical_rate)
    }
}

impl Engine {
    fn over(dataset: Dataset) -> Engine {
        Engine {
            dataset,
            draws: std::cell::RefCell::new(montecarlo::Draws::new(0)),
        }
    }
}

/// Run `f` with the kept Monte Carlo draws (fresh ones if they are in use,
/// which a single-threaded caller never sees, but no borrow may panic).
fn with_draws<T>(
    cell: &std::cell::RefCell<montecarlo::Draws>,
    f: impl FnOnce(&mut montecarlo::Draws) -> T,
) -> T {
    match cell.try_borrow_mut() {
        Ok(mut draws) => f(&mut draws),
        Err(_) => f(&mut montecarlo::Draws::new(0)),
    }
}

fn project_with(
    dataset: &Dataset,
    scenario: JsValue,
    draws: &mut montecarlo::Draws,
) -> Result<scenario::Projection, JsValue> {
    let input: ScenarioInput = if scenario.is_undefined() || scenario.is_null() {
        ScenarioInput::default()
    } else {
        read_arg(&scenario, "scenario", crate::read::scenario_input)?
    };
    let s = Scenario::resolve(&input, dataset).map_err(scenario_err)?;
    scenario::project_with(&s, draws).map_err(scenario_err)
}

thread_local! {
    static DEFAULT: Option<Dataset> = Dataset::default_lang_son().ok();
    static DRAWS: std::cell::RefCell<montecarlo::Draws> = std::cell::RefCell::new(montecarlo::Draws::new(0));
}

/// Project a scenario over the embedded dataset.
#[wasm_bindgen]
pub fn project(scenario: JsValue) -> Result<JsValue, JsValue> {
    let p = DEFAULT.with(|d| match d {
        Some(d) => DRAWS.with(|cell| with_draws(cell, |draws| project_with(d, scenario, draws))),
        None => Err(js_error("the embedded dataset is invalid", "dataset")),
    })?;
    to_js(&p)
}

/// The embedded dataset as a plain object.
#[wasm_bindgen(js_name = defaultDataset)]
pub fn default_dataset() -> Result<JsValue, JsValue> {
    let d = Dataset::default_lang_son().map_err(dataset_err)?;
    to_js(&d)
}

/// Validate a dataset given as JSON text; returns it as a plain object.
#[wasm_bindgen(js_name = loadDataset)]
pub fn load_dataset(text: &str) -> Result<JsValue, JsValue> {
    let d = Dataset::from_json(text).map_err(dataset_err)?;
    to_js(&d)
}

/// Read a share-link hash: `{ scenario, lang, theme, view }`.
#[wasm_bindgen(js_name = parseShareLink)]
pub fn parse_share_link(hash: &str) -> Result<JsValue, JsValue> {
    let st = share::parse_hash(hash).map_err(|e| js_error(&e.to_string(), &e.key))?;
    to_js(&st)
}

/// Write a share-link hash from `{ scenario, lang, theme, view }`.
#[wasm_bindgen(js_name = formatShareLink)]
pub fn format_share_link(state: JsValue) -> Result<String, JsValue> {
    let st = read_arg(&state, "state", crate::read::share_state)?;
    Ok(share::format_hash(&st))
}

/// Draw a chart spec on a canvas sized in backing-store pixels; returns the
/// plot's layout in CSS pixels.
#[wasm_bindgen(js_name = drawChart)]
pub fn draw_chart(canvas: HtmlCanvasElement, spec: JsValue) -> Result<JsValue, JsValue> {
    let spec: ChartSpec = read_arg(&spec, "spec", crate::read::chart_spec)?;
    let layout = draw_on(canvas, &spec, chart::Layer::All, spec.transparent)?;
    to_js(&layout)
}

/// A chart on two stacked canvases of the same size, kept between draws: the
/// base (background, axes, grid, history) is drawn again only when what it
/// shows changes, the overlay (band, target, trend, projection, the
/// "reached" marks) on every draw. A page sets the whole spec when the
/// language, theme, indicator or size change (`setSpec`), and on a slider
/// step lets the engine put its projection straight in (`Engine.projectInto`)
/// and changes only the words (`setWords`): no chart data crosses from JS.
#[wasm_bindgen]
pub struct ChartView {
    base: HtmlCanvasElement,
    top: HtmlCanvasElement,
    /// The two canvases' contexts, kept between draws with what is known of
    /// their state (colours and font set once, not on every draw), and the
    /// size they had: a new size resets a context.
    layers: Option<(crate::canvas::Canvas, crate::canvas::Canvas, (u32, u32))>,
    spec: Option<ChartSpec>,
    /// The key of what the base shows now (`None`: draw it).
    frame: Option<f64>,
}

#[wasm_bindgen]
impl ChartView {
    /// A view over a base canvas and the overlay canvas stacked on it.
    #[wasm_bindgen(constructor)]
    pub fn new(base: HtmlCanvasElement, top: HtmlCanvasElement) -> ChartView {
        ChartView {
            base,
            top,
            layers: None,
            spec: None,
            frame: None,
        }
    }

    /// The whole chart spec, as `drawChart` takes it.
    #[wasm_bindgen(js_name = setSpec)]
    pub fn set_spec(&mut self, spec: JsValue) -> Result<(), JsValue> {
        self.spec = Some(read_arg(&spec, "spec", crate::read::chart_spec)?);
        Ok(())
    }

    /// The words by the target and by the year it is reached.
    #[wasm_bindgen(js_name = setWords)]
    pub fn set_words(&mut self, target: String, reached: String) -> Result<(), JsValue> {
        let spec = self.spec_mut()?;
        spec.words.target = target;
        spec.words.reached = reached;
        Ok(())
    }

    /// Draw the base again on the next draw (the page cleared a canvas, or
    /// the browser gave it back blank).
    pub fn invalidate(&mut self) {
        self.frame = None;
        self.layers = None;
    }

    /// Draw: the base if what it shows changed, the overlay always. Returns
    /// the plot's layout in CSS pixels, with `frame` and `baseDrawn`.
    pub fn draw(&mut self) -> Result<JsValue, JsValue> {
        let spec = self.spec.as_ref().ok_or_else(no_spec)?;
        let size = (self.base.width(), self.base.height());
        if size != (self.top.width(), self.top.height()) {
            return Err(js_error(
                "the base and overlay canvases differ in size",
                "overlay",
            ));
        }
        if self.layers.as_ref().map(|l| l.2) != Some(size) {
            let layer = |c: &HtmlCanvasElement| {
                crate::canvas::Canvas::new(c.clone())
                    .ok_or_else(|| js_error("the canvas has no 2D context", "canvas"))
            };
            self.layers = Some((layer(&self.base)?, layer(&self.top)?, size));
        }
        let Some((base, top, _)) = self.layers.as_mut() else {
            return Err(js_error("the canvas has no 2D context", "canvas"));
        };
        // The overlay first: its layout carries the key of what the base
        // shows (the axes worked out once per draw).
        top.clear();
        let mut layout = chart::draw_layer(&top.into_drawing_area(), spec, chart::Layer::Overlay)
            .map_err(|e| js_error(&e.to_string(), "chart"))?;
        let redraw = self.frame != Some(layout.frame);
        if redraw {
            // Forgotten until drawn: a failed base is drawn again next time.
            self.frame = None;
            if spec.transparent {
                base.clear();
            }
            chart::draw_layer(&base.into_drawing_area(), spec, chart::Layer::Base)
                .map_err(|e| js_error(&e.to_string(), "chart"))?;
            self.frame = Some(layout.frame);
        }
        layout.base_drawn = redraw;
        to_js(&layout)
    }
}

impl ChartView {
    fn spec_mut(&mut self) -> Result<&mut ChartSpec, JsValue> {
        self.spec.as_mut().ok_or_else(no_spec)
    }
}

fn no_spec() -> JsValue {
    js_error("the chart view has no spec yet: call setSpec first", "spec")
}

/// Draw one layer on a canvas, cleared first when `clear`.
fn draw_on(
    canvas: HtmlCanvasElement,
    spec: &ChartSpec,
    layer: chart::Layer,
    clear: bool,
) -> Result<chart::Layout, JsValue> {
    let mut backend = crate::canvas::Canvas::new(canvas)
        .ok_or_else(|| js_error("the canvas has no 2D context", "canvas"))?;
    if clear {
        backend.clear();
    }
    // Lent, as a chart view lends its kept canvases: one copy of the chart
    // code in the wasm, not one per way of holding a canvas.
    let root = (&mut backend).into_drawing_area();
    chart::draw_layer(&root, spec, layer).map_err(|e| js_error(&e.to_string(), "chart"))
}
