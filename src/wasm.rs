//! The one layer that talks to JavaScript. Every export reads its arguments
//! with the core's readers and turns the core's errors into a JS `Error`:
//! its message is the English text, and it carries `field` (the argument or
//! the path at fault), `vi` and `en` (the message in each language, for the
//! page to show the reader). Nothing here panics.
//!
//! "Throws" below always means that Error; a trap (a bug) is a
//! `WebAssembly.RuntimeError` instead, which no input should reach.

use crate::chart::{self, ChartSpec, Theme};
use crate::dataset::Dataset;
use crate::format;
use crate::growth;
use crate::json;
use crate::lang::Lang;
use crate::montecarlo;
use crate::present::{self, controls, Computed, TrendCache, ViewInput};
use crate::problem::{FieldError, Kind, Problem};
use crate::read::Path;
use crate::scenario::{self, Scenario, ScenarioInput};
#[cfg(feature = "full")]
use crate::share;
use plotters::prelude::IntoDrawingArea;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

fn js_error(e: &FieldError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    // Setting a property on a fresh Error cannot fail; the Results are ignored.
    let field = if e.field.is_empty() {
        "input"
    } else {
        e.field.as_str()
    };
    let _ = js_sys::Reflect::set(&err, &"field".into(), &field.into());
    let _ = js_sys::Reflect::set(&err, &"vi".into(), &e.message(Lang::Vi).into());
    let _ = js_sys::Reflect::set(&err, &"en".into(), &e.message(Lang::En).into());
    err.into()
}

fn fail(field: &str, problem: Problem) -> JsValue {
    js_error(&FieldError::new(field, problem))
}

/// A JSON text argument: a string, else the field at fault (what was given
/// instead), not the glue's bare TypeError.
fn text_arg(v: &JsValue, field: &str) -> Result<String, FieldError> {
    v.as_string().ok_or_else(|| {
        let found = if v.is_null() || v.is_undefined() {
            Kind::Null
        } else if v.as_f64().is_some() {
            Kind::Number
        } else if v.as_bool().is_some() {
            Kind::Bool
        } else if js_sys::Array::is_array(v) {
            Kind::Array
        } else {
            Kind::Object
        };
        FieldError::new(
            field,
            Problem::Expected {
                want: Kind::String,
                found,
            },
        )
    })
}

fn growth_err(e: growth::GrowthError) -> JsValue {
    js_error(&scenario::from_growth(e))
}

fn chart_err(e: chart::ChartError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let _ = js_sys::Reflect::set(&err, &"field".into(), &"chart".into());
    err.into()
}

/// A JS value as a [`json::Value`], for the core's readers. Only own
/// enumerable properties are read (what `Object.entries` gives), so a host
/// page's patched prototypes add nothing; numbers keep NaN and ±∞ (refused
/// later, by name); `undefined` is null (a field left out).
fn from_js(v: &JsValue, depth: usize) -> Result<json::Value, FieldError> {
    use json::Value as V;
    if depth > json::MAX_DEPTH {
        return Err(FieldError::new("", Problem::TooDeep));
    }
    if let Some(n) = v.as_f64() {
        return Ok(V::Number(n));
    }
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
        return Err(FieldError::new(
            "",
            Problem::Expected {
                want: crate::problem::Kind::Object,
                found: crate::problem::Kind::Null,
            },
        ));
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

/// Read a JS argument with one of the core's readers; errors name the
/// field, under `what` (the argument).
fn read_arg<T>(
    v: &JsValue,
    what: &str,
    read: impl Fn(&json::Value) -> Result<T, FieldError>,
) -> Result<T, JsValue> {
    let prefix = |e: FieldError| {
        let field = if e.field.is_empty() {
            what.to_string()
        } else {
            format!("{what}.{}", e.field)
        };
        js_error(&FieldError::new(field, e.problem))
    };
    let value = from_js(v, 0).map_err(prefix)?;
    read(&value).map_err(prefix)
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

fn whole_years(years: f64) -> Result<u32, JsValue> {
    if years.is_finite() && years.fract() == 0.0 && (0.0..=growth::MAX_YEARS).contains(&years) {
        Ok(years as u32)
    } else {
        Err(fail(
            "years",
            Problem::NotWhole {
                lo: 0.0,
                hi: growth::MAX_YEARS,
                found: years,
            },
        ))
    }
}

fn lang_of(s: &str) -> Lang {
    Lang::parse(s).unwrap_or_default()
}

/// The constant yearly rate r with start·(1+r)^years = target. Throws for
/// a non-positive start or target, or years outside (0, 100].
#[wasm_bindgen(js_name = requiredGrowthRate)]
pub fn required_growth_rate(start: f64, target: f64, years: f64) -> Result<f64, JsValue> {
    growth::required_growth_rate(start, target, years).map_err(growth_err)
}

/// Fractional years for start to reach target at rate. Throws when the
/// target is unreachable at that rate, or for invalid arguments.
#[wasm_bindgen(js_name = yearsToTarget)]
pub fn years_to_target(start: f64, target: f64, rate: f64) -> Result<f64, JsValue> {
    growth::years_to_target(start, target, rate).map_err(growth_err)
}

/// The value start reaches after years at rate. Throws for invalid arguments.
#[wasm_bindgen(js_name = valueAfter)]
pub fn value_after(start: f64, rate: f64, years: f64) -> Result<f64, JsValue> {
    growth::value_after(start, rate, years).map_err(growth_err)
}

/// `years + 1` values from start at a constant rate, as a Float64Array.
/// Throws for invalid arguments or years that are not whole (0–100).
#[wasm_bindgen(js_name = projectSeries)]
pub fn project_series(start: f64, rate: f64, years: f64) -> Result<Vec<f64>, JsValue> {
    growth::project_series(start, rate, whole_years(years)?).map_err(growth_err)
}

/// The path from start with one rate per year. Throws for invalid rates.
#[wasm_bindgen(js_name = projectSchedule)]
pub fn project_schedule(start: f64, rates: Vec<f64>) -> Result<Vec<f64>, JsValue> {
    growth::project_schedule(start, &rates).map_err(growth_err)
}

/// (1+realGrowth)(1+inflation)/(1+populationGrowth) − 1. Throws for rates ≤ −100 %.
#[wasm_bindgen(js_name = perCapitaNominalGrowth)]
pub fn per_capita_nominal_growth(
    real_growth: f64,
    inflation: f64,
    population_growth: f64,
) -> Result<f64, JsValue> {
    growth::per_capita_nominal_growth(real_growth, inflation, population_growth).map_err(growth_err)
}

/// The real growth a per-capita nominal growth needs under given prices and
/// population. Throws for rates ≤ −100 %.
#[wasm_bindgen(js_name = realGrowthNeeded)]
pub fn real_growth_needed(
    per_capita_nominal_growth: f64,
    inflation: f64,
    population_growth: f64,
) -> Result<f64, JsValue> {
    growth::real_growth_needed(per_capita_nominal_growth, inflation, population_growth)
        .map_err(growth_err)
}

/// A number argument that must be a whole number from `lo` to `hi`, else
/// the argument named, with the range.
fn whole_arg(v: f64, name: &str, lo: i32, hi: i32) -> Result<i32, JsValue> {
    if v.is_finite() && v.fract() == 0.0 && (f64::from(lo)..=f64::from(hi)).contains(&v) {
        Ok(v as i32)
    } else {
        Err(fail(
            name,
            Problem::NotWhole {
                lo: f64::from(lo),
                hi: f64::from(hi),
                found: v,
            },
        ))
    }
}

/// The compound yearly rate between two dated values. Throws for years that
/// are not whole years in 1900–2200 or not increasing, or values ≤ 0.
#[wasm_bindgen(js_name = compoundRateBetween)]
pub fn compound_rate_between(
    from_year: f64,
    from_value: f64,
    to_year: f64,
    to_value: f64,
) -> Result<f64, JsValue> {
    growth::compound_rate_between(
        whole_arg(from_year, "fromYear", 1900, 2200)?,
        from_value,
        whole_arg(to_year, "toYear", 1900, 2200)?,
        to_value,
    )
    .map_err(growth_err)
}

/// A number as vi-VN or en-US writes it (`opts`: minimumFractionDigits,
/// maximumFractionDigits, style "percent", useGrouping), as Intl.NumberFormat
/// does. Throws for options that are not numbers or booleans, and (as Intl's
/// RangeError) for decimals that are not whole numbers from 0 to 20.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(
    v: f64,
    lang: &str,
    min_decimals: f64,
    max_decimals: f64,
    percent: bool,
    grouping: bool,
) -> Result<String, JsValue> {
    let digits = |d: f64, name: &str| -> Result<u8, JsValue> {
        // 0–20: a u8 always.
        Ok(u8::try_from(whole_arg(d, name, 0, 20)?).unwrap_or(20))
    };
    let min_decimals = digits(min_decimals, "minimumFractionDigits")?;
    let max_decimals = digits(max_decimals, "maximumFractionDigits")?;
    Ok(format::number(
        v,
        lang_of(lang),
        format::Style {
            min_decimals,
            max_decimals: max_decimals.max(min_decimals),
            percent,
            grouping,
        },
    ))
}

/// A projection engine over one dataset (the embedded Lạng Sơn one by
/// default), and everything the widget shows for a view of it.
#[wasm_bindgen]
pub struct Engine {
    dataset: Dataset,
    /// Monte Carlo draws kept between projections (same seed, same numbers).
    draws: RefCell<montecarlo::Draws>,
    /// The last trend projected (a growth step does not move it).
    trend: RefCell<TrendCache>,
}

impl Engine {
    fn over(dataset: Dataset) -> Engine {
        Engine {
            dataset,
            draws: RefCell::new(montecarlo::Draws::new(0)),
            trend: RefCell::new(TrendCache::default()),
        }
    }

    /// The dataset's indicator `id`; throws for an unknown one.
    fn indicator(&self, id: &str) -> Result<&crate::dataset::Indicator, JsValue> {
        self.dataset
            .indicator(id)
            .ok_or_else(|| fail("indicator", Problem::UnknownIndicator { id: id.into() }))
    }

    fn view(&self, v: &JsValue) -> Result<ViewInput, JsValue> {
        read_arg(v, "view", present::read_view)
    }

    fn compute(&self, input: &ViewInput) -> Result<Computed, JsValue> {
        let (Ok(mut draws), Ok(mut trend)) =
            (self.draws.try_borrow_mut(), self.trend.try_borrow_mut())
        else {
            return present::compute(
                &self.dataset,
                input,
                &mut montecarlo::Draws::new(0),
                &mut TrendCache::default(),
            )
            .map_err(|e| js_error(&e));
        };
        present::compute(&self.dataset, input, &mut draws, &mut trend).map_err(|e| js_error(&e))
    }

    fn project_input(&self, scenario: &JsValue) -> Result<scenario::Projection, JsValue> {
        let input: ScenarioInput = if scenario.is_undefined() || scenario.is_null() {
            ScenarioInput::default()
        } else {
            read_arg(scenario, "scenario", |v| {
                scenario::read_input(v, &Path::ROOT)
            })?
        };
        let s = Scenario::resolve(&input, &self.dataset).map_err(|e| js_error(&e))?;
        match self.draws.try_borrow_mut() {
            Ok(mut d) => scenario::project_with(&s, &mut d),
            Err(_) => scenario::project(&s),
        }
        .map_err(|e| js_error(&e))
    }
}

#[wasm_bindgen]
impl Engine {
    /// An engine over the embedded dataset. Throws only if the build embedded
    /// a broken dataset (a test forbids it).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Engine, JsValue> {
        Ok(Engine::over(
            Dataset::default_lang_son().map_err(|e| js_error(&e))?,
        ))
    }

    /// An engine over a dataset given as JSON text. Throws the first problem
    /// the checker finds (field, and the message in both languages).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: JsValue) -> Result<Engine, JsValue> {
        let text = &text_arg(&text, "json").map_err(|e| js_error(&e))?;
        // Read and checked. Whether an indicator's own scenario can be
        // worked out is asked as it is opened (`start`), not for all of them
        // at start-up; `loadDataset`, `checkDataset` and the studio ask for all.
        Ok(Engine::over(
            Dataset::from_json(text).map_err(|e| js_error(&e))?,
        ))
    }

    #[cfg(feature = "full")]
    /// The dataset as a plain object (the documented format).
    pub fn dataset(&self) -> Result<JsValue, JsValue> {
        to_js(&self.dataset)
    }

    /// Project a scenario (a plain object; missing fields come from the
    /// dataset). Throws naming the field that cannot be used.
    pub fn project(&self, scenario: JsValue) -> Result<JsValue, JsValue> {
        to_js(&self.project_input(&scenario)?)
    }

    #[cfg(feature = "full")]
    /// Shares carried forward to endYear. Throws for an indicator that is not
    /// a structure, or a year before its data or over 100 years after.
    #[wasm_bindgen(js_name = projectShares)]
    pub fn project_shares(&self, indicator: &str, end_year: f64) -> Result<JsValue, JsValue> {
        let ind = self.indicator(indicator)?;
        if !(end_year.is_finite()
            && end_year.fract() == 0.0
            && (1900.0..=2200.0).contains(&end_year))
        {
            return Err(fail(
                "endYear",
                Problem::NotWhole {
                    lo: 1900.0,
                    hi: 2200.0,
                    found: end_year,
                },
            ));
        }
        to_js(&scenario::project_shares(ind, end_year as i32).map_err(|e| js_error(&e))?)
    }

    #[cfg(feature = "full")]
    /// The spread of the indicator's record, or null.
    #[wasm_bindgen(js_name = historicalSpread)]
    pub fn historical_spread(&self, indicator: &str) -> Option<f64> {
        self.dataset
            .indicator(indicator)
            .and_then(scenario::historical_spread)
    }

    #[cfg(feature = "full")]
    /// The compound rate (or yearly step) of the indicator's record, or null.
    #[wasm_bindgen(js_name = historicalRate)]
    pub fn historical_rate(&self, indicator: &str) -> Option<f64> {
        self.dataset
            .indicator(indicator)
            .and_then(scenario::historical_rate)
    }

    /// The dataset's indicators' ids, in order.
    pub fn indicators(&self) -> Vec<String> {
        self.dataset
            .indicators
            .iter()
            .map(|i| i.id.clone())
            .collect()
    }

    /// The scenario an indicator opens on: its default preset, with every
    /// control's value. Throws for an unknown indicator, or one whose own
    /// scenario cannot be worked out (named, with the likely fix).
    pub fn start(&self, indicator: &str) -> Result<JsValue, JsValue> {
        to_js(&controls::start(&self.dataset, indicator).map_err(|e| js_error(&e))?)
    }

    /// The indicator's default preset's id (null if it has none).
    #[wasm_bindgen(js_name = defaultPreset)]
    pub fn default_preset(&self, indicator: &str) -> Option<String> {
        self.dataset
            .indicator(indicator)
            .and_then(controls::default_preset)
    }

    /// `scenario` with a preset's growth (the target, prices and uncertainty
    /// stay). Throws for an unknown indicator or preset.
    #[wasm_bindgen(js_name = withPreset)]
    pub fn with_preset(
        &self,
        indicator: &str,
        name: &str,
        scenario: JsValue,
    ) -> Result<JsValue, JsValue> {
        let current = read_arg(&scenario, "scenario", |v| {
            scenario::read_input(v, &Path::ROOT)
        })?;
        to_js(
            &controls::with_preset(&self.dataset, indicator, name, &current)
                .map_err(|e| js_error(&e))?,
        )
    }

    /// The preset a scenario is (its growth is the preset's), or "custom".
    /// Throws for an unknown indicator or a mistyped scenario.
    #[wasm_bindgen(js_name = presetOf)]
    pub fn preset_of(&self, indicator: &str, scenario: JsValue) -> Result<String, JsValue> {
        let ind = self.indicator(indicator)?;
        let s = read_arg(&scenario, "scenario", |v| {
            scenario::read_input(v, &Path::ROOT)
        })?;
        Ok(controls::preset_of(&self.dataset, ind, &s).unwrap_or_else(|| "custom".into()))
    }

    /// What a reader typed into a control, as the value the scenario stores
    /// (a rate as a fraction). Throws, in both languages, for text that is
    /// not a number the control takes.
    #[wasm_bindgen(js_name = parseField)]
    pub fn parse_field(
        &self,
        indicator: &str,
        key: &str,
        text: &str,
        lang: Option<String>,
    ) -> Result<f64, JsValue> {
        let lang = lang_of(lang.as_deref().unwrap_or("vi"));
        let ind = self.indicator(indicator)?;
        let def = controls::defs(ind)
            .into_iter()
            .find(|d| d.key.name() == key)
            .ok_or_else(|| {
                fail(
                    key,
                    Problem::Unknown {
                        key: key.into(),
                        expected: Vec::new(),
                    },
                )
            })?;
        // Shown beside the field: the message without the field's name.
        controls::parse_field(&def, text, lang).map_err(|p| {
            let e = js_error(&FieldError::new(key, p.clone()));
            let _ = js_sys::Reflect::set(&e, &"vi".into(), &p.message(Lang::Vi).into());
            let _ = js_sys::Reflect::set(&e, &"en".into(), &p.message(Lang::En).into());
            e
        })
    }

    /// Check that a view can be shown (its scenario computed). Throws the
    /// field at fault, in both languages.
    pub fn check(&self, view: JsValue) -> Result<(), JsValue> {
        let input = self.view(&view)?;
        self.compute(&input).map(drop)
    }

    /// Everything the widget shows for a view `{ indicator, lang, preset,
    /// scenario, theme, view, table }`, with `indicators` (each `[id,
    /// label]`). Throws the field at fault.
    pub fn present(&self, view: JsValue) -> Result<JsValue, JsValue> {
        let input = self.view(&view)?;
        let c = self.compute(&input)?;
        self.presentation(&input, &c)
    }

    /// `present`, and the chart of the same view put into `chart` (draw it
    /// after). Throws the field at fault.
    #[wasm_bindgen(js_name = presentInto)]
    pub fn present_into(&self, view: JsValue, chart: &ChartView) -> Result<JsValue, JsValue> {
        let input = self.view(&view)?;
        let c = self.compute(&input)?;
        let out = self.presentation(&input, &c)?;
        let spec = present::chart_spec(&self.dataset, &input, &c).map_err(|e| js_error(&e))?;
        chart.show(spec);
        Ok(out)
    }

    /// The chart readout's lines for a year (empty: nothing at that year).
    /// Throws the field at fault.
    pub fn tip(&self, view: JsValue, year: i32) -> Result<Vec<String>, JsValue> {
        let input = self.view(&view)?;
        let c = self.compute(&input)?;
        Ok(present::tip(&self.dataset, &input, &c, year))
    }

    /// The CSV of a view: UTF-8 with a byte-order mark, units and sources in
    /// it, every row as wide as the header. Throws the field at fault.
    pub fn csv(&self, view: JsValue) -> Result<String, JsValue> {
        let input = self.view(&view)?;
        let c = self.compute(&input)?;
        present::csv(&self.dataset, &input, &c).map_err(|e| js_error(&e))
    }

    /// Draw a picture for publishing on `canvas` (sized by the page): the
    /// title, the scenario, the legend, the chart, the sources and the
    /// credit, in `theme`, at `scale` backing pixels per CSS pixel. Throws
    /// the field at fault, or for a canvas too small.
    pub fn picture(
        &self,
        view: JsValue,
        canvas: HtmlCanvasElement,
        theme: JsValue,
        scale: f64,
    ) -> Result<(), JsValue> {
        let (spec, caption) = self.picture_parts(&view, &theme, scale)?;
        let mut backend =
            crate::canvas::Canvas::new(canvas).ok_or_else(|| fail("canvas", Problem::NotFinite))?;
        let root = crate::canvas::Surface::Canvas(&mut backend).into_drawing_area();
        chart::draw_picture(&root, &spec, &caption)
            .map(drop)
            .map_err(chart_err)
    }

    /// The same picture as SVG text, `width` × `height` CSS pixels, its text
    /// measured on `measure` (any canvas: its 2D context measures text).
    /// Throws as `picture`.
    pub fn svg(
        &self,
        view: JsValue,
        theme: JsValue,
        width: u32,
        height: u32,
        measure: HtmlCanvasElement,
    ) -> Result<String, JsValue> {
        let (spec, caption) = self.picture_parts(&view, &theme, 1.0)?;
        crate::canvas::svg(&spec, &caption, (width, height), measure).map_err(chart_err)
    }

    /// A share link read against this dataset: `{ indicator, lang, theme,
    /// view, scenario, preset }`. Throws the link's key at fault, in both
    /// languages (a value out of range is named as a percentage).
    #[wasm_bindgen(js_name = readLink)]
    pub fn read_link(&self, hash: &str, current: Option<String>) -> Result<JsValue, JsValue> {
        let st = controls::read_link(&self.dataset, hash, current.as_deref())
            .map_err(|e| js_error(&e))?;
        #[derive(Serialize)]
        struct Out<'a> {
            indicator: &'a str,
            lang: Option<&'a str>,
            theme: Option<&'a str>,
            view: Option<&'a str>,
            scenario: &'a ScenarioInput,
            preset: &'a str,
        }
        to_js(&Out {
            indicator: &st.indicator,
            lang: st.lang.as_deref(),
            theme: st.theme.as_deref(),
            view: st.view.as_deref(),
            scenario: &st.scenario,
            preset: &st.preset,
        })
    }
}

impl Engine {
    fn presentation(&self, input: &ViewInput, c: &Computed) -> Result<JsValue, JsValue> {
        let p = present::presentation(&self.dataset, input, c).map_err(|e| js_error(&e))?;
        // Asked on every slider step: sent as one JSON text and parsed by
        // the browser (see `serjson`), with the indicators' names added.
        let mut text = crate::serjson::to_string(&p);
        let indicators: Vec<(&str, &str)> = self
            .dataset
            .indicators
            .iter()
            .map(|i| (i.id.as_str(), i.label.text(input.lang)))
            .collect();
        if text.len() > 2 && text.ends_with('}') {
            text.pop();
            text.push_str(",\"indicators\":");
            text.push_str(&crate::serjson::to_string(&indicators));
            text.push('}');
        }
        js_sys::JSON::parse(&text)
    }

    fn picture_parts(
        &self,
        view: &JsValue,
        theme: &JsValue,
        scale: f64,
    ) -> Result<(ChartSpec, chart::Caption), JsValue> {
        let input = self.view(view)?;
        let c = self.compute(&input)?;
        let p = present::presentation(&self.dataset, &input, &c).map_err(|e| js_error(&e))?;
        let mut spec = present::chart_spec(&self.dataset, &input, &c).map_err(|e| js_error(&e))?;
        spec.theme = read_arg(theme, "theme", |v| chart::read_theme(v, &Path::ROOT))?;
        spec.scale = scale;
        Ok((spec, present::caption(&self.dataset, &input, &p)))
    }
}

thread_local! {
    static DEFAULT: Option<Dataset> = Dataset::default_lang_son().ok();
}

/// Project a scenario over the embedded dataset. Throws naming the field.
#[wasm_bindgen]
pub fn project(scenario: JsValue) -> Result<JsValue, JsValue> {
    let d = DEFAULT
        .with(Clone::clone)
        .ok_or_else(|| fail("dataset", Problem::NeedsIndicators))?;
    Engine::over(d).project(scenario)
}

#[cfg(feature = "full")]
/// The embedded dataset as a plain object.
#[wasm_bindgen(js_name = defaultDataset)]
pub fn default_dataset() -> Result<JsValue, JsValue> {
    to_js(&Dataset::default_lang_son().map_err(|e| js_error(&e))?)
}

#[cfg(feature = "full")]
/// Validate a dataset given as JSON text; returns it as a plain object.
/// Throws the first problem (see `checkDataset` for all of them).
#[wasm_bindgen(js_name = loadDataset)]
pub fn load_dataset(text: JsValue) -> Result<JsValue, JsValue> {
    let text = text_arg(&text, "json").map_err(|e| js_error(&e))?;
    to_js(&scenario::load(&text).map_err(|e| js_error(&e))?)
}

#[cfg(feature = "full")]
/// Every problem of a dataset text, `[{ field, vi, en }]` (empty: it can
/// be used). Never throws.
#[wasm_bindgen(js_name = checkDataset)]
pub fn check_dataset(text: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Found {
        field: String,
        vi: String,
        en: String,
    }
    let found: Vec<Found> = match text_arg(&text, "json") {
        Ok(text) => scenario::check(&text),
        Err(e) => vec![e],
    }
    .into_iter()
    .map(|e| Found {
        vi: e.problem.message(Lang::Vi),
        en: e.problem.message(Lang::En),
        field: e.field,
    })
    .collect();
    to_js(&found)
}

#[cfg(feature = "full")]
/// Read a share-link hash: `{ scenario, lang, theme, view }` (values not
/// checked against a dataset: see `Engine.readLink`). Throws the key at fault.
#[wasm_bindgen(js_name = parseShareLink)]
pub fn parse_share_link(hash: &str) -> Result<JsValue, JsValue> {
    to_js(&share::parse_hash(hash).map_err(|e| js_error(&e))?)
}

#[cfg(feature = "full")]
/// Write a share-link hash from `{ scenario, lang, theme, view }`. Throws
/// naming an unknown or mistyped field (`scenario.realGrowht`).
#[wasm_bindgen(js_name = formatShareLink)]
pub fn format_share_link(state: JsValue) -> Result<String, JsValue> {
    let st = read_arg(&state, "state", share::read_state)?;
    Ok(share::format_hash(&st))
}

#[cfg(feature = "full")]
/// Draw a chart spec on a canvas sized in backing-store pixels; returns the
/// plot's layout in CSS pixels. Throws naming a spec field, or for a canvas
/// too small for axes and a plot.
#[wasm_bindgen(js_name = drawChart)]
pub fn draw_chart(canvas: HtmlCanvasElement, spec: JsValue) -> Result<JsValue, JsValue> {
    let spec: ChartSpec = read_arg(&spec, "spec", chart::read_spec)?;
    let mut backend =
        crate::canvas::Canvas::new(canvas).ok_or_else(|| fail("canvas", Problem::NotFinite))?;
    if spec.transparent {
        backend.clear();
    }
    let root = crate::canvas::Surface::Canvas(&mut backend).into_drawing_area();
    to_js(&chart::draw_layer(&root, &spec, chart::Layer::All).map_err(chart_err)?)
}

/// A chart on two stacked canvases of one size, kept between draws: the base
/// (axes, grid, history) is drawn again only when what it shows changes
/// ([`chart::Layers`]), the overlay on every draw. The engine puts what to
/// show in it (`Engine.presentInto(view, chart)`); the page gives the theme
/// and the pixel ratio (`setStyle`) and calls `draw`.
#[wasm_bindgen]
pub struct ChartView {
    inner: RefCell<ViewState>,
}

struct ViewState {
    base: HtmlCanvasElement,
    top: HtmlCanvasElement,
    canvases: Option<(crate::canvas::Canvas, crate::canvas::Canvas, (u32, u32))>,
    spec: Option<ChartSpec>,
    theme: Theme,
    scale: f64,
    text_scale: f64,
    layers: chart::Layers,
}

impl ChartView {
    fn show(&self, mut spec: ChartSpec) {
        if let Ok(mut s) = self.inner.try_borrow_mut() {
            spec.theme = s.theme.clone();
            spec.scale = s.scale;
            spec.text_scale = s.text_scale;
            spec.transparent = true;
            s.spec = Some(spec);
        }
    }

    fn state(&self) -> Result<std::cell::RefMut<'_, ViewState>, JsValue> {
        self.inner
            .try_borrow_mut()
            .map_err(|_| fail("chart", Problem::Overflow))
    }
}

#[wasm_bindgen]
impl ChartView {
    /// A view over a base canvas and the overlay canvas stacked on it.
    #[wasm_bindgen(constructor)]
    pub fn new(base: HtmlCanvasElement, top: HtmlCanvasElement) -> ChartView {
        ChartView {
            inner: RefCell::new(ViewState {
                base,
                top,
                canvases: None,
                spec: None,
                theme: Theme::default(),
                scale: 1.0,
                text_scale: 1.0,
                layers: chart::Layers::default(),
            }),
        }
    }

    /// The theme (eight `#rrggbb` colours), the backing pixels per CSS
    /// pixel and the text size (1: 12 CSS pixels; the page's font size / 16).
    /// Throws naming a theme field.
    #[wasm_bindgen(js_name = setStyle)]
    pub fn set_style(
        &self,
        theme: JsValue,
        scale: f64,
        text_scale: Option<f64>,
    ) -> Result<(), JsValue> {
        let theme = read_arg(&theme, "theme", |v| chart::read_theme(v, &Path::ROOT))?;
        let mut s = self.state()?;
        let text_scale = text_scale.unwrap_or(1.0);
        s.theme = theme.clone();
        s.scale = scale;
        s.text_scale = text_scale;
        if let Some(spec) = s.spec.as_mut() {
            spec.theme = theme;
            spec.scale = scale;
            spec.text_scale = text_scale;
        }
        Ok(())
    }

    #[cfg(feature = "full")]
    /// A whole chart spec, as `drawChart` takes it. Throws naming a field.
    #[wasm_bindgen(js_name = setSpec)]
    pub fn set_spec(&self, spec: JsValue) -> Result<(), JsValue> {
        let spec = read_arg(&spec, "spec", chart::read_spec)?;
        self.state()?.spec = Some(spec);
        Ok(())
    }

    /// Draw the base again on the next draw (the browser gave a canvas back blank).
    pub fn invalidate(&self) {
        if let Ok(mut s) = self.inner.try_borrow_mut() {
            s.layers.invalidate();
            s.canvases = None;
        }
    }

    /// Draw: the base if what it shows changed, the overlay always. Returns
    /// the plot's layout in CSS pixels, with `frame` and `baseDrawn`. Throws
    /// before anything is shown, for canvases of different sizes, or a canvas
    /// too small for a chart.
    pub fn draw(&self) -> Result<JsValue, JsValue> {
        let mut guard = self.state()?;
        let s = &mut *guard;
        let spec = s.spec.as_ref().ok_or_else(|| {
            fail(
                "spec",
                Problem::Missing {
                    key: "spec".into(),
                    similar: None,
                },
            )
        })?;
        let size = (s.base.width(), s.base.height());
        if size != (s.top.width(), s.top.height()) {
            return Err(fail("overlay", Problem::Overflow));
        }
        if s.canvases.as_ref().map(|c| c.2) != Some(size) {
            let layer = |c: &HtmlCanvasElement| {
                crate::canvas::Canvas::new(c.clone())
                    .ok_or_else(|| fail("canvas", Problem::NotFinite))
            };
            s.canvases = Some((layer(&s.base)?, layer(&s.top)?.with_sprites(), size));
            s.layers.invalidate();
        }
        let Some((base, top, _)) = s.canvases.as_mut() else {
            return Err(fail("canvas", Problem::NotFinite));
        };
        top.clear();
        let t = crate::canvas::Surface::Canvas(&mut *top).into_drawing_area();
        let layout = s.layers.draw(
            || {
                // The base is cleared only when it is drawn again.
                base.clear();
                crate::canvas::Surface::Canvas(&mut *base).into_drawing_area()
            },
            &t,
            spec,
        );
        to_js(&layout.map_err(chart_err)?)
    }
}

/// The table as the studio shows it: the cells, and what was read from them.
#[cfg(feature = "full")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TableOut {
    delimiter: char,
    orientation: &'static str,
    style: &'static str,
    style_guessed: bool,
    cells: Vec<Vec<String>>,
    series: Vec<SeriesOut>,
}

#[cfg(feature = "full")]
#[derive(Serialize)]
struct SeriesOut {
    name: String,
    row: usize,
    col: usize,
    years: Vec<i32>,
    values: Vec<f64>,
    /// Every value was written with `%` ("12,8%"): the studio reads the
    /// series as a percentage even when its name does not say so.
    percent: bool,
}

#[cfg(feature = "full")]
fn read_options(v: &JsValue) -> crate::table::ReadOptions {
    use crate::table::{Delimiter, NumberStyle, Orientation};
    let get = |k: &str| {
        js_sys::Reflect::get(v, &k.into())
            .ok()
            .and_then(|x| x.as_string())
    };
    if !v.is_object() {
        return crate::table::ReadOptions::default();
    }
    crate::table::ReadOptions {
        delimiter: match get("delimiter").as_deref() {
            Some("tab") => Some(Delimiter::Tab),
            Some("comma") => Some(Delimiter::Comma),
            Some("semicolon") => Some(Delimiter::Semicolon),
            _ => None,
        },
        orientation: match get("orientation").as_deref() {
            Some("rows") => Some(Orientation::YearsAsRows),
            Some("columns") => Some(Orientation::YearsAsColumns),
            _ => None,
        },
        style: match get("style").as_deref() {
            Some("vi") => Some(NumberStyle::Vi),
            Some("en") => Some(NumberStyle::En),
            _ => None,
        },
    }
}

/// The studio's one call: a pasted table and the choices (a dataset's JSON
/// text whose indicators may take their figures `from` a series of the
/// table) into `{ dataset, problems, table, trends }`: the dataset (null when
/// it cannot be used), every problem located at its cell (`row`, `col`,
/// `cell`) or field (`path`) in both languages (`vi`, `en`), and the table as
/// read. `options`: `{ delimiter: "tab"|"comma"|"semicolon", orientation:
/// "rows"|"columns", style: "vi"|"en" }`, each optional. Never throws for bad
/// input (it is all in `problems`).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = buildDataset)]
pub fn build_dataset(
    table_text: &str,
    choices: &str,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    use crate::table::{NumberStyle, Orientation};
    let b = crate::studio::build_with(table_text, choices, &read_options(&options));
    #[derive(Serialize)]
    struct Out<'a> {
        dataset: Option<&'a Dataset>,
        problems: &'a [crate::studio::Located],
        table: Option<TableOut>,
        /// Per indicator, the trend the engine works out from its record.
        trends: Vec<Option<f64>>,
    }
    let table = b.table.as_ref().map(|p| TableOut {
        delimiter: p.delimiter.as_char(),
        orientation: if p.orientation == Orientation::YearsAsRows {
            "rows"
        } else {
            "columns"
        },
        style: if p.style == NumberStyle::Vi {
            "vi"
        } else {
            "en"
        },
        style_guessed: p.style_guessed,
        cells: crate::table::split_cells(table_text.trim_start_matches('\u{feff}'), p.delimiter)
            .unwrap_or_default(),
        series: p
            .series
            .iter()
            .map(|s| SeriesOut {
                name: s.name.clone(),
                row: s.name_cell.row,
                col: s.name_cell.col,
                years: s.points.iter().map(|x| x.year).collect(),
                values: s.points.iter().map(|x| x.value).collect(),
                percent: s.points.iter().all(|x| x.percent),
            })
            .collect(),
    });
    let trends = b.dataset.as_ref().map_or_else(Vec::new, |d| {
        d.indicators
            .iter()
            .map(|i| crate::studio::computed_trend(d, i))
            .collect()
    });
    to_js(&Out {
        dataset: b.dataset.as_ref(),
        problems: &b.problems,
        table,
        trends,
    })
}

/// A short identifier for a name (Vietnamese marks dropped, words joined by
/// `-`, at most 40 characters). Never throws.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn slugify(name: &str) -> String {
    crate::studio::slug(name)
}

/// A number as a journalist types it in a form field, in the studio's
/// language ("vi": `3,5`, `1.917`; "en": `3.5`, `1,917`; a trailing `%` is
/// ignored; a number that reads only the other way, `8.5` in Vietnamese, is
/// taken as written); `undefined` when blank or not a number. Never throws.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = readNumber)]
pub fn read_number(text: &str, style: &str) -> Option<f64> {
    use crate::table::NumberStyle;
    let style = if style == "en" {
        NumberStyle::En
    } else {
        NumberStyle::Vi
    };
    // A number that reads only the other way ("8.5" in a Vietnamese field:
    // a dot before one digit cannot group thousands) is taken as written.
    match crate::table::parse_number(text, style) {
        Ok(n) => n.map(|n| n.value),
        Err(crate::table::ProblemKind::MixedNumberStyle { value, .. }) => Some(value),
        Err(_) => None,
    }
}

/// A new dataset's JSON text to start a province from (no indicators; the
/// two assumptions a per-capita indicator needs, marked as assumptions).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = blankDataset)]
pub fn blank_dataset(name: &str, id: &str) -> String {
    crate::studio::blank(name, id)
}
