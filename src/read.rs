//! Reading typed values from a [`Value`] tree: a [`Dataset`] (from JSON
//! text), and the scenario, share state and chart spec the JS side passes
//! (converted from JS values by the wasm layer). Which fields each object
//! has, of which type, which may be left out; every error names the field's
//! path (`indicators[0].history[2].year`). Unknown and repeated keys are
//! refused by name, so a typo never passes silently.
//!
//! Reading by hand replaces serde's derived deserialisers (and
//! serde-wasm-bindgen's walk of JS objects): smaller code, and one place that
//! says what each field may be.

use crate::chart::{Band, ChartSpec, Line, Stack, Theme, Words, Xy};
use crate::dataset::{
    join_path, Assumption, Assumptions, Dataset, DatasetError, Indicator, Model, Part, Point,
    Preset, SharePoint, Source, Text,
};
use crate::json::Value;
use crate::scenario::ScenarioInput;
use crate::share::ShareState;
use std::collections::BTreeMap;

type R<T> = Result<T, DatasetError>;

/// Where a value is: written out (`indicators[0].unit`) only for an error,
/// so reading a good dataset allocates no paths.
#[derive(Clone, Copy)]
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    const ROOT: Path<'static> = Path {
        parent: None,
        step: Step::Root,
    };

    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Index(i),
        }
    }

    fn render(&self) -> String {
        let mut out = self.parent.map(Path::render).unwrap_or_default();
        match self.step {
            Step::Root => {}
            Step::Key(k) => {
                let k: String = k.chars().take(40).collect();
                out = join_path(&out, &k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
        out
    }
}

fn wrong(path: &Path<'_>, expected: &str, v: &Value) -> DatasetError {
    DatasetError::new(
        path.render(),
        format!("expected {expected}, found {}", v.kind()),
    )
}

/// The fields of an object at `path`, which may only have the `allowed` keys.
struct Fields<'a> {
    path: &'a Path<'a>,
    fields: &'a [(String, Value)],
}

impl<'a> Fields<'a> {
    fn of(v: &'a Value, path: &'a Path<'a>, allowed: &[&str]) -> R<Self> {
        let Value::Object(fields) = v else {
            return Err(wrong(path, "an object", v));
        };
        let shown = |k: &str| -> String { k.chars().take(40).collect() };
        for (i, (k, _)) in fields.iter().enumerate() {
            if !allowed.contains(&k.as_str()) {
                let shown = shown(k);
                return Err(DatasetError::new(
                    path.key(k).render(),
                    format!(
                        "unknown field `{shown}` (expected one of {})",
                        allowed.join(", ")
                    ),
                ));
            }
            if fields.iter().take(i).any(|(j, _)| j == k) {
                let shown = shown(k);
                return Err(DatasetError::new(
                    path.key(k).render(),
                    format!("duplicate field `{shown}`"),
                ));
            }
        }
        Ok(Fields { path, fields })
    }

    /// The value of `key`, if present (null included).
    fn raw(&self, key: &str) -> Option<&'a Value> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, if present and not null.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.raw(key).filter(|v| **v != Value::Null)
    }

    /// A field that must be there.
    fn req<T>(&self, key: &str, read: impl Fn(&Value, &Path<'_>) -> R<T>) -> R<T> {
        self.need(key, self.get(key), read)
    }

    /// A field that must be there, where null is a value (a gap in a series).
    fn req_nullable<T>(&self, key: &str, read: impl Fn(&Value, &Path<'_>) -> R<T>) -> R<T> {
        self.need(key, self.raw(key), read)
    }

    fn need<T>(
        &self,
        key: &str,
        v: Option<&Value>,
        read: impl Fn(&Value, &Path<'_>) -> R<T>,
    ) -> R<T> {
        let path = self.path.key(key);
        match v {
            Some(v) => read(v, &path),
            None => Err(DatasetError::new(
                path.render(),
                format!("missing field `{key}`"),
            )),
        }
    }

    /// A field that may be left out (or null).
    fn opt<T>(&self, key: &str, read: impl Fn(&Value, &Path<'_>) -> R<T>) -> R<Option<T>> {
        self.get(key)
            .map(|v| read(v, &self.path.key(key)))
            .transpose()
    }
}

fn string(v: &Value, path: &Path<'_>) -> R<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => Err(wrong(path, "a string", v)),
    }
}

fn number(v: &Value, path: &Path<'_>) -> R<f64> {
    match v {
        Value::Number(n) => Ok(*n),
        _ => Err(wrong(path, "a number", v)),
    }
}

fn boolean(v: &Value, path: &Path<'_>) -> R<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        _ => Err(wrong(path, "true or false", v)),
    }
}

/// A number in a chart series, where a gap (null, as JSON writes NaN) is NaN.
fn point_value(v: &Value, path: &Path<'_>) -> R<f64> {
    match v {
        Value::Null => Ok(f64::NAN),
        _ => number(v, path),
    }
}

fn whole(v: &Value, path: &Path<'_>, lo: f64, hi: f64) -> R<f64> {
    let n = number(v, path)?;
    if n.fract() != 0.0 || n < lo || n > hi {
        return Err(DatasetError::new(
            path.render(),
            format!("expected a whole number from {lo} to {hi}, found {n}"),
        ));
    }
    Ok(n)
}

fn int(v: &Value, path: &Path<'_>) -> R<i32> {
    Ok(whole(v, path, f64::from(i32::MIN), f64::from(i32::MAX))? as i32)
}

fn uint(v: &Value, path: &Path<'_>) -> R<u32> {
    Ok(whole(v, path, 0.0, f64::from(u32::MAX))? as u32)
}

fn list<T>(v: &Value, path: &Path<'_>, read: impl Fn(&Value, &Path<'_>) -> R<T>) -> R<Vec<T>> {
    let Value::Array(items) = v else {
        return Err(wrong(path, "an array", v));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(item, &path.index(i)))
        .collect()
}

fn text(v: &Value, path: &Path<'_>) -> R<Text> {
    let f = Fields::of(v, path, &["vi", "en"])?;
    Ok(Text {
        vi: f.req("vi", string)?,
        en: f.req("en", string)?,
    })
}

fn source(v: &Value, path: &Path<'_>) -> R<Source> {
    let f = Fields::of(v, path, &["id", "publication", "title", "date", "url"])?;
    Ok(Source {
        id: f.req("id", string)?,
        publication: f.req("publication", string)?,
        title: f.req("title", string)?,
        date: f.opt("date", string)?.unwrap_or_default(),
        url: f.opt("url", string)?,
    })
}

fn point(v: &Value, path: &Path<'_>) -> R<Point> {
    let f = Fields::of(v, path, &["year", "value", "source", "note"])?;
    Ok(Point {
        year: f.req("year", int)?,
        value: f.req("value", number)?,
        source: f.req("source", string)?,
        note: f.opt("note", text)?,
    })
}

fn assumption(v: &Value, path: &Path<'_>) -> R<Assumption> {
    let f = Fields::of(v, path, &["value", "source", "note"])?;
    Ok(Assumption {
        value: f.req("value", number)?,
        source: f.req("source", string)?,
        note: f.opt("note", text)?,
    })
}

fn assumptions(v: &Value, path: &Path<'_>) -> R<Assumptions> {
    let f = Fields::of(
        v,
        path,
        &["inflation", "populationGrowth", "fxBase", "fxChange"],
    )?;
    Ok(Assumptions {
        inflation: f.req("inflation", assumption)?,
        population_growth: f.req("populationGrowth", assumption)?,
        fx_base: f.req("fxBase", assumption)?,
        fx_change: f.req("fxChange", assumption)?,
    })
}

fn model(v: &Value, path: &Path<'_>) -> R<Model> {
    match string(v, path)?.as_str() {
        "perCapita" => Ok(Model::PerCapita),
        "compound" => Ok(Model::Compound),
        "linear" => Ok(Model::Linear),
        "shares" => Ok(Model::Shares),
        other => {
            let shown: String = other.chars().take(40).collect();
            Err(DatasetError::new(
                path.render(),
                format!(
                    "unknown model \"{shown}\" (expected one of perCapita, compound, linear, shares)"
                ),
            ))
        }
    }
}

fn preset(v: &Value, path: &Path<'_>) -> R<Preset> {
    let f = Fields::of(v, path, &["realGrowth", "growth", "note"])?;
    Ok(Preset {
        real_growth: f.opt("realGrowth", number)?,
        growth: f.opt("growth", number)?,
        note: f.opt("note", text)?,
    })
}

fn presets(v: &Value, path: &Path<'_>) -> R<BTreeMap<String, Preset>> {
    let Value::Object(fields) = v else {
        return Err(wrong(path, "an object", v));
    };
    let mut out = BTreeMap::new();
    for (k, item) in fields {
        let p = path.key(k);
        if out.insert(k.clone(), preset(item, &p)?).is_some() {
            return Err(DatasetError::new(
                p.render(),
                format!("duplicate field `{k}`"),
            ));
        }
    }
    Ok(out)
}

fn part(v: &Value, path: &Path<'_>) -> R<Part> {
    let f = Fields::of(v, path, &["id", "label"])?;
    Ok(Part {
        id: f.req("id", string)?,
        label: f.req("label", text)?,
    })
}

fn share(v: &Value, path: &Path<'_>) -> R<SharePoint> {
    let f = Fields::of(v, path, &["year", "values", "source", "note"])?;
    Ok(SharePoint {
        year: f.req("year", int)?,
        values: f.req("values", |v, p| list(v, p, number))?,
        source: f.req("source", string)?,
        note: f.opt("note", text)?,
    })
}

fn points(f: &Fields<'_>, key: &str) -> R<Vec<Point>> {
    Ok(f.opt(key, |v, p| list(v, p, point))?.unwrap_or_default())
}

fn indicator(v: &Value, path: &Path<'_>) -> R<Indicator> {
    let f = Fields::of(
        v,
        path,
        &[
            "id",
            "label",
            "unit",
            "model",
            "history",
            "alternatives",
            "targets",
            "scenarios",
            "parts",
            "shares",
        ],
    )?;
    Ok(Indicator {
        id: f.req("id", string)?,
        label: f.req("label", text)?,
        unit: f.req("unit", string)?,
        model: f.req("model", model)?,
        history: f.req("history", |v, p| list(v, p, point))?,
        alternatives: points(&f, "alternatives")?,
        targets: points(&f, "targets")?,
        scenarios: f.opt("scenarios", presets)?.unwrap_or_default(),
        parts: f.opt("parts", |v, p| list(v, p, part))?.unwrap_or_default(),
        shares: f
            .opt("shares", |v, p| list(v, p, share))?
            .unwrap_or_default(),
    })
}

/// Read a scenario as the JS side gives it: every field optional (null or
/// left out: the dataset's), unknown fields refused. Values are checked by
/// [`crate::scenario::Scenario::resolve`] afterwards (NaN passes here, and is
/// refused there with the field's name).
///
/// # Errors
/// An unknown or mistyped field, by name.
/// # Example
/// ```
/// use grdp_whatif::{json, read::scenario_input};
/// let v = json::parse(r#"{"realGrowth": 0.1, "targetYear": 2031}"#).unwrap();
/// assert_eq!(scenario_input(&v).unwrap().target_year, Some(2031));
/// let bad = json::parse(r#"{"realGrowht": 0.1}"#).unwrap();
/// assert_eq!(scenario_input(&bad).unwrap_err().field, "realGrowht");
/// ```
pub fn scenario_input(v: &Value) -> R<ScenarioInput> {
    scenario_at(v, &Path::ROOT)
}

fn scenario_at(v: &Value, path: &Path<'_>) -> R<ScenarioInput> {
    let f = Fields::of(v, path, ScenarioInput::FIELDS)?;
    Ok(ScenarioInput {
        indicator: f.opt("indicator", string)?,
        base_year: f.opt("baseYear", int)?,
        base_value: f.opt("baseValue", number)?,
        target_year: f.opt("targetYear", int)?,
        target_value: f.opt("targetValue", number)?,
        real_growth: f.opt("realGrowth", number)?,
        inflation: f.opt("inflation", number)?,
        population_growth: f.opt("populationGrowth", number)?,
        growth: f.opt("growth", number)?,
        fx_base: f.opt("fxBase", number)?,
        fx_change: f.opt("fxChange", number)?,
        spread: f.opt("spread", number)?,
        paths: f.opt("paths", uint)?,
        seed: f.opt("seed", uint)?,
        percentiles: f.opt("percentiles", |v, p| list(v, p, number))?,
    })
}

/// Read the state a share link carries: `{ scenario, lang, theme, view }`,
/// each optional.
///
/// # Errors
/// An unknown or mistyped field, by path (`scenario.realGrowth`).
/// # Example
/// ```
/// use grdp_whatif::{json, read::share_state};
/// let v = json::parse(r#"{"scenario": {"realGrowth": 0.09}, "lang": "en"}"#).unwrap();
/// assert_eq!(share_state(&v).unwrap().lang.as_deref(), Some("en"));
/// ```
pub fn share_state(v: &Value) -> R<ShareState> {
    let f = Fields::of(v, &Path::ROOT, &["scenario", "lang", "theme", "view"])?;
    Ok(ShareState {
        scenario: f.opt("scenario", scenario_at)?.unwrap_or_default(),
        lang: f.opt("lang", string)?,
        theme: f.opt("theme", string)?,
        view: f.opt("view", string)?,
    })
}

fn xy(v: &Value, path: &Path<'_>) -> R<Xy> {
    let f = Fields::of(v, path, &["year", "value"])?;
    Ok(Xy {
        year: f.req("year", number)?,
        value: f.req_nullable("value", point_value)?,
    })
}

fn series(v: &Value, path: &Path<'_>) -> R<Vec<f64>> {
    list(v, path, point_value)
}

fn line(v: &Value, path: &Path<'_>) -> R<Line> {
    let f = Fields::of(v, path, &["years", "values"])?;
    Ok(Line {
        years: f.req("years", series)?,
        values: f.req("values", series)?,
    })
}

fn band(v: &Value, path: &Path<'_>) -> R<Band> {
    let f = Fields::of(v, path, &["years", "lo", "hi"])?;
    Ok(Band {
        years: f.req("years", series)?,
        lo: f.req("lo", series)?,
        hi: f.req("hi", series)?,
    })
}

fn stack(v: &Value, path: &Path<'_>) -> R<Stack> {
    let f = Fields::of(
        v,
        path,
        &["years", "series", "colors", "labels", "firstProjectedYear"],
    )?;
    Ok(Stack {
        years: f.req("years", series)?,
        series: f.req("series", |v, p| list(v, p, series))?,
        colors: f.req("colors", |v, p| list(v, p, string))?,
        labels: f.req("labels", |v, p| list(v, p, string))?,
        first_projected_year: f.req("firstProjectedYear", number)?,
    })
}

fn theme(v: &Value, path: &Path<'_>) -> R<Theme> {
    let f = Fields::of(
        v,
        path,
        &[
            "background",
            "text",
            "grid",
            "history",
            "projection",
            "trend",
            "target",
            "band",
        ],
    )?;
    Ok(Theme {
        background: f.req("background", string)?,
        text: f.req("text", string)?,
        grid: f.req("grid", string)?,
        history: f.req("history", string)?,
        projection: f.req("projection", string)?,
        trend: f.req("trend", string)?,
        target: f.req("target", string)?,
        band: f.req("band", string)?,
    })
}

fn words(v: &Value, path: &Path<'_>) -> R<Words> {
    let f = Fields::of(v, path, &["target", "reached", "projected"])?;
    Ok(Words {
        target: f.opt("target", string)?.unwrap_or_default(),
        reached: f.opt("reached", string)?.unwrap_or_default(),
        projected: f.opt("projected", string)?.unwrap_or_default(),
    })
}

/// Read what a chart shows (see [`ChartSpec`]). In series, null is a gap.
///
/// # Errors
/// A missing, unknown or mistyped field, by path.
/// # Example
/// ```
/// use grdp_whatif::{json, read::chart_spec};
/// let v = json::parse(r##"{"scale": 2, "history": [{"year": 2025, "value": 71.1}],
///   "theme": {"background": "#fff", "text": "#000", "grid": "#ddd", "history": "#000",
///   "projection": "#00f", "trend": "#f80", "target": "#f00", "band": "#00f"},
///   "decimal": ",", "group": "."}"##).unwrap();
/// let s = chart_spec(&v).unwrap();
/// assert_eq!((s.decimals, s.transparent), (1, false));
/// ```
pub fn chart_spec(v: &Value) -> R<ChartSpec> {
    let f = Fields::of(
        v,
        &Path::ROOT,
        &[
            "scale",
            "history",
            "alternatives",
            "projection",
            "trend",
            "band",
            "target",
            "reachedYear",
            "stack",
            "theme",
            "transparent",
            "words",
            "decimal",
            "group",
            "decimals",
            "unitSuffix",
        ],
    )?;
    Ok(ChartSpec {
        scale: f.req("scale", number)?,
        history: f.req("history", |v, p| list(v, p, xy))?,
        alternatives: f
            .opt("alternatives", |v, p| list(v, p, xy))?
            .unwrap_or_default(),
        projection: f.opt("projection", line)?,
        trend: f.opt("trend", line)?,
        band: f.opt("band", band)?,
        target: f.opt("target", xy)?,
        reached_year: f.opt("reachedYear", number)?,
        stack: f.opt("stack", stack)?,
        theme: f.req("theme", theme)?,
        transparent: f.opt("transparent", boolean)?.unwrap_or(false),
        words: f.opt("words", words)?.unwrap_or_default(),
        decimal: f.req("decimal", string)?,
        group: f.req("group", string)?,
        decimals: f.opt("decimals", uint)?.unwrap_or(1),
        unit_suffix: f.opt("unitSuffix", string)?.unwrap_or_default(),
    })
}

/// Read a dataset from a JSON value: the fields and their types (the checks
/// of [`Dataset::validate`] come after).
///
/// # Errors
/// The first missing, unknown, repeated or mistyped field, by path.
/// # Example
/// ```
/// use grdp_whatif::{json, read::dataset};
/// let v = json::parse(r#"{"formatVersion": 1, "id": "x"}"#).unwrap();
/// let e = dataset(&v).unwrap_err();
/// assert_eq!((e.field.as_str(), e.problem.as_str()), ("name", "missing field `name`"));
/// ```
pub fn dataset(v: &Value) -> R<Dataset> {
    let f = Fields::of(
        v,
        &Path::ROOT,
        &[
            "formatVersion",
            "id",
            "name",
            "baseYear",
            "notes",
            "sources",
            "assumptions",
            "indicators",
        ],
    )?;
    Ok(Dataset {
        format_version: f.req("formatVersion", uint)?,
        id: f.req("id", string)?,
        name: f.req("name", text)?,
        base_year: f.req("baseYear", int)?,
        notes: f.opt("notes", text)?.unwrap_or_default(),
        sources: f.req("sources", |v, p| list(v, p, source))?,
        assumptions: f.req("assumptions", assumptions)?,
        indicators: f.req("indicators", |v, p| list(v, p, indicator))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn read(text: &str) -> R<Dataset> {
        dataset(&parse(text).map_err(|e| DatasetError::new("", e.to_string()))?)
    }

    #[test]
    fn reads_every_value_of_the_shipped_dataset() {
        // Written back out (serde's Serialize side), the dataset holds every
        // value of the text, and nothing else but empty defaults.
        fn covers(back: &serde_json::Value, text: &serde_json::Value, path: &str) {
            use serde_json::Value as J;
            match (back, text) {
                (J::Object(b), J::Object(t)) => {
                    for (k, v) in t {
                        covers(b.get(k).unwrap_or(&J::Null), v, &format!("{path}.{k}"));
                    }
                    for (k, v) in b {
                        let empty = matches!(v, J::Array(a) if a.is_empty())
                            || matches!(v, J::Object(o) if o.is_empty())
                            || v.as_str() == Some("");
                        assert!(t.contains_key(k) || empty, "{path}.{k} = {v}");
                    }
                }
                (J::Array(b), J::Array(t)) => {
                    assert_eq!(b.len(), t.len(), "{path}");
                    for (i, (x, y)) in b.iter().zip(t).enumerate() {
                        covers(x, y, &format!("{path}[{i}]"));
                    }
                }
                (J::Number(b), J::Number(t)) => assert_eq!(b.as_f64(), t.as_f64(), "{path}"),
                _ => assert_eq!(back, text, "{path}"),
            }
        }
        let ours = read(crate::dataset::DEFAULT_JSON).unwrap();
        let text: serde_json::Value = serde_json::from_str(crate::dataset::DEFAULT_JSON).unwrap();
        covers(&serde_json::to_value(&ours).unwrap(), &text, "");
        assert!(ours.indicators.len() >= 9);
    }

    #[test]
    fn names_the_field_at_fault() {
        let cases = [
            (r#"[]"#, "", "expected an object, found an array"),
            (
                r#"{"formatVersion": 1, "id": 3}"#,
                "id",
                "expected a string, found a number",
            ),
            (r#"{"formatVersion": 1.5}"#, "formatVersion", "whole number"),
            (r#"{"formatVersion": -1}"#, "formatVersion", "whole number"),
            (r#"{"colour": 1}"#, "colour", "unknown field `colour`"),
            (r#"{"id": "a", "id": "b"}"#, "id", "duplicate field `id`"),
            (r#"{"formatVersion": 1}"#, "id", "missing field `id`"),
        ];
        for (text, field, problem) in cases {
            let e = read(text).unwrap_err();
            assert_eq!(e.field, field, "{text}");
            assert!(e.problem.contains(problem), "{text}: {}", e.problem);
        }
    }

    #[test]
    fn paths_reach_into_lists_and_maps() {
        let mut v: serde_json::Value = serde_json::from_str(crate::dataset::DEFAULT_JSON).unwrap();
        v["indicators"][1]["history"][2]["year"] = serde_json::Value::from("2020");
        let e = read(&v.to_string()).unwrap_err();
        assert_eq!(e.field, "indicators[1].history[2].year");
        let mut v: serde_json::Value = serde_json::from_str(crate::dataset::DEFAULT_JSON).unwrap();
        v["indicators"][0]["scenarios"]["plan"]["speed"] = serde_json::Value::from(1);
        let e = read(&v.to_string()).unwrap_err();
        assert_eq!(e.field, "indicators[0].scenarios.plan.speed");
        let mut v: serde_json::Value = serde_json::from_str(crate::dataset::DEFAULT_JSON).unwrap();
        v["indicators"][0]["model"] = serde_json::Value::from("exponential");
        let e = read(&v.to_string()).unwrap_err();
        assert_eq!(e.field, "indicators[0].model");
        assert!(e.problem.contains("unknown model \"exponential\""));
    }

    #[test]
    fn scenarios_share_states_and_chart_specs() {
        let v = parse(
            r#"{"realGrowth": 0.1, "paths": 500, "percentiles": [5, 95], "indicator": null}"#,
        )
        .unwrap();
        let s = scenario_input(&v).unwrap();
        assert_eq!(
            (s.real_growth, s.paths, s.indicator),
            (Some(0.1), Some(500), None)
        );
        assert_eq!(s.percentiles, Some(vec![5.0, 95.0]));
        // NaN passes the reader (the model refuses it by name).
        let v = Value::Object(vec![("inflation".into(), Value::Number(f64::NAN))]);
        assert!(scenario_input(&v).unwrap().inflation.unwrap().is_nan());
        for (text, field) in [
            (r#"{"targetYear": 2030.5}"#, "targetYear"),
            (r#"{"paths": -1}"#, "paths"),
            (r#"{"percentiles": [10, "x"]}"#, "percentiles[1]"),
            (r#"{"realGrowht": 0.1}"#, "realGrowht"),
            (r#"[]"#, ""),
        ] {
            assert_eq!(
                scenario_input(&parse(text).unwrap()).unwrap_err().field,
                field,
                "{text}"
            );
        }
        let v = parse(r#"{"scenario": {"realGrowht": 1}}"#).unwrap();
        assert_eq!(share_state(&v).unwrap_err().field, "scenario.realGrowht");
        assert_eq!(
            share_state(&parse("{}").unwrap()).unwrap(),
            ShareState::default()
        );
        let spec = r##"{"scale": 2, "history": [{"year": 2025, "value": null}],
            "band": {"years": [2025], "lo": [1], "hi": [2]},
            "theme": {"background": "#fff", "text": "#000", "grid": "#ddd", "history": "#000",
            "projection": "#00f", "trend": "#f80", "target": "#f00", "band": "#00f"},
            "decimal": ",", "group": ".", "transparent": true, "words": {"target": "Mục tiêu"}}"##;
        let s = chart_spec(&parse(spec).unwrap()).unwrap();
        assert!(s.history[0].value.is_nan() && s.transparent);
        assert_eq!(s.words.target, "Mục tiêu");
        let bad = spec.replace("\"scale\": 2", "\"scale\": 2, \"colour\": 1");
        assert_eq!(
            chart_spec(&parse(&bad).unwrap()).unwrap_err().field,
            "colour"
        );
    }

    #[test]
    fn optional_fields_may_be_left_out_or_null() {
        let mut v: serde_json::Value = serde_json::from_str(crate::dataset::DEFAULT_JSON).unwrap();
        let ind = v["indicators"][0].as_object_mut().unwrap();
        ind.remove("alternatives");
        ind.insert("targets".into(), serde_json::Value::Null);
        v.as_object_mut().unwrap().remove("notes");
        let d = read(&v.to_string()).unwrap();
        assert!(d.indicators[0].alternatives.is_empty() && d.indicators[0].targets.is_empty());
        assert_eq!(d.notes, Text::default());
    }
}
