//! The dataset: a province's figures, each with its source, and the defaults
//! for the assumptions. Loaded from JSON (format documented in the README) and
//! validated; errors name the field (`indicators[0].history[2].year`) and the
//! problem.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The embedded Lạng Sơn dataset, as shipped in `data/lang-son.json`.
pub const DEFAULT_JSON: &str = include_str!("../data/lang-son.json");

/// The largest dataset text accepted, in bytes.
pub const MAX_DATASET_BYTES: usize = 1_000_000;

/// The dataset format this code reads.
pub const FORMAT_VERSION: u32 = 1;

/// Units an indicator may use. `index` is unitless (a base year = 100).
pub const UNITS: &[&str] = &[
    "millionVnd",
    "billionVnd",
    "thousandBillionVnd",
    "millionUsd",
    "usd",
    "percent",
    "index",
];

/// Text in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: String,
    pub publication: String,
    pub title: String,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A dated value with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A default for an assumption, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumption {
    pub value: f64,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assumptions {
    pub inflation: Assumption,
    pub population_growth: Assumption,
    pub fx_base: Assumption,
    pub fx_change: Assumption,
}

/// How an indicator moves forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Model {
    /// Nominal per-person value: grows at (1+real)(1+inflation)/(1+population) − 1.
    PerCapita,
    /// Compound growth at a yearly rate.
    Compound,
    /// Linear change in the indicator's unit per year (percentage points).
    Linear,
    /// Shares of a whole (stacked), carried forward linearly and renormalised.
    Shares,
}

/// A preset's settings for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Preset {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_growth: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub id: String,
    pub label: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharePoint {
    pub year: i32,
    pub values: Vec<f64>,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub id: String,
    pub label: Text,
    pub unit: String,
    pub model: Model,
    pub history: Vec<Point>,
    pub alternatives: Vec<Point>,
    pub targets: Vec<Point>,
    pub scenarios: BTreeMap<String, Preset>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<SharePoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dataset {
    pub format_version: u32,
    pub id: String,
    pub name: Text,
    pub base_year: i32,
    pub notes: Text,
    pub sources: Vec<Source>,
    pub assumptions: Assumptions,
    pub indicators: Vec<Indicator>,
}

/// Why a dataset was refused: the field's path and the problem.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetError {
    pub field: String,
    pub problem: String,
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "dataset: {}", self.problem)
        } else {
            write!(f, "dataset field {}: {}", self.field, self.problem)
        }
    }
}

impl std::error::Error for DatasetError {}

impl DatasetError {
    /// An error for `field` (a path such as `indicators[0].unit`; empty for the whole dataset).
    /// # Example
    /// ```
    /// use grdp_whatif::dataset::DatasetError;
    /// let e = DatasetError::new("indicators[0].unit", "unknown unit");
    /// assert_eq!(e.to_string(), "dataset field indicators[0].unit: unknown unit");
    /// ```
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        DatasetError {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

fn err(field: impl Into<String>, problem: impl Into<String>) -> DatasetError {
    DatasetError::new(field, problem)
}

/// Refuse text over [`MAX_DATASET_BYTES`] before any parsing.
///
/// # Errors
/// The size and the limit.
/// # Example
/// ```
/// use grdp_whatif::dataset::check_size;
/// assert!(check_size("{}").is_ok());
/// assert!(check_size(&"x".repeat(2_000_000)).is_err());
/// ```
pub fn check_size(text: &str) -> Result<(), DatasetError> {
    if text.len() > MAX_DATASET_BYTES {
        return Err(err(
            "",
            format!(
                "too large ({} bytes; the limit is {MAX_DATASET_BYTES})",
                text.len()
            ),
        ));
    }
    Ok(())
}

/// Join a path and a key: `indicators[0]` + `unit` = `indicators[0].unit`.
/// # Example
/// ```
/// assert_eq!(grdp_whatif::dataset::join_path("indicators[0]", "unit"), "indicators[0].unit");
/// assert_eq!(grdp_whatif::dataset::join_path("", "id"), "id");
/// ```
pub fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Years a dataset may mention.
const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1900..=2200;

impl Dataset {
    /// Parse and validate a dataset from JSON text.
    ///
    /// ```text
    /// text → JSON (≤ 1 MB) → typed fields (unknown fields refused) → checks
    /// ```
    ///
    /// # Errors
    /// Text over [`MAX_DATASET_BYTES`]; malformed JSON; a missing, unknown or
    /// mistyped field; the checks of [`Dataset::validate`].
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::dataset::{Dataset, DEFAULT_JSON};
    /// let d = Dataset::from_json(DEFAULT_JSON).unwrap();
    /// assert_eq!(d.id, "lang-son");
    /// let e = Dataset::from_json("{\"formatVersion\": 1}").unwrap_err();
    /// assert!(e.to_string().contains("missing field"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self, DatasetError> {
        check_size(text)?;
        let v = crate::json::parse(text).map_err(|e| err("", format!("not valid JSON: {e}")))?;
        let d = crate::read::dataset(&v)?;
        d.validate()?;
        Ok(d)
    }

    /// The embedded Lạng Sơn dataset.
    ///
    /// # Errors
    /// None in practice: a test checks the embedded file; the `Result` keeps
    /// a broken build from panicking.
    ///
    /// # Example
    /// ```
    /// let d = grdp_whatif::dataset::Dataset::default_lang_son().unwrap();
    /// assert!(d.indicator("grdpPerCapita").is_some());
    /// ```
    pub fn default_lang_son() -> Result<Self, DatasetError> {
        Self::from_json(DEFAULT_JSON)
    }

    /// The indicator with this id.
    ///
    /// # Example
    /// ```
    /// let d = grdp_whatif::dataset::Dataset::default_lang_son().unwrap();
    /// assert_eq!(d.indicator("forestCover").unwrap().unit, "percent");
    /// ```
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The source with this id.
    /// # Example
    /// ```
    /// let d = grdp_whatif::dataset::Dataset::default_lang_son().unwrap();
    /// assert_eq!(d.source("ttxvn-2025").unwrap().publication, "TTXVN");
    /// ```
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Check what the types cannot: versions, units, years sorted and unique,
    /// values finite, sources that exist, shares that add up.
    ///
    /// # Errors
    /// The first problem found, with its field path.
    /// # Example
    /// ```
    /// let mut d = grdp_whatif::dataset::Dataset::default_lang_son().unwrap();
    /// d.indicators[0].unit = "kg".into();
    /// assert_eq!(d.validate().unwrap_err().field, "indicators[0].unit");
    /// ```
    pub fn validate(&self) -> Result<(), DatasetError> {
        if self.format_version != FORMAT_VERSION {
            return Err(err(
                "formatVersion",
                format!(
                    "unsupported version {} (this widget reads {FORMAT_VERSION})",
                    self.format_version
                ),
            ));
        }
        nonempty("id", &self.id)?;
        nonempty("name.vi", &self.name.vi)?;
        year("baseYear", self.base_year)?;
        let mut source_ids = BTreeSet::new();
        for (i, s) in self.sources.iter().enumerate() {
            nonempty(&format!("sources[{i}].id"), &s.id)?;
            if !source_ids.insert(s.id.as_str()) {
                return Err(err(
                    format!("sources[{i}].id"),
                    format!("duplicate source id \"{}\"", s.id),
                ));
            }
        }
        let known = |field: String, id: &str| -> Result<(), DatasetError> {
            if source_ids.contains(id) {
                Ok(())
            } else {
                Err(err(field, format!("unknown source \"{id}\"")))
            }
        };
        let a = &self.assumptions;
        for (name, v) in [
            ("inflation", &a.inflation),
            ("populationGrowth", &a.population_growth),
            ("fxChange", &a.fx_change),
        ] {
            rate_field(&format!("assumptions.{name}.value"), v.value)?;
            known(format!("assumptions.{name}.source"), &v.source)?;
        }
        if !(a.fx_base.value.is_finite() && a.fx_base.value > 0.0) {
            return Err(err(
                "assumptions.fxBase.value",
                "must be a positive number (VND per USD)",
            ));
        }
        known("assumptions.fxBase.source".into(), &a.fx_base.source)?;
        if self.indicators.is_empty() {
            return Err(err("indicators", "must list at least one indicator"));
        }
        let mut ids = BTreeSet::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            let at = format!("indicators[{i}]");
            nonempty(&format!("{at}.id"), &ind.id)?;
            if !ids.insert(ind.id.as_str()) {
                return Err(err(
                    format!("{at}.id"),
                    format!("duplicate indicator id \"{}\"", ind.id),
                ));
            }
            nonempty(&format!("{at}.label.vi"), &ind.label.vi)?;
            if !UNITS.contains(&ind.unit.as_str()) {
                return Err(err(
                    format!("{at}.unit"),
                    format!(
                        "unknown unit \"{}\" (use one of {})",
                        ind.unit,
                        UNITS.join(", ")
                    ),
                ));
            }
            if ind.model == Model::PerCapita && ind.unit != "millionVnd" {
                return Err(err(
                    format!("{at}.unit"),
                    "a perCapita indicator must be in millionVnd",
                ));
            }
            points(&format!("{at}.history"), &ind.history, ind.model, true)?;
            points(
                &format!("{at}.alternatives"),
                &ind.alternatives,
                ind.model,
                false,
            )?;
            points(&format!("{at}.targets"), &ind.targets, ind.model, true)?;
            for (k, p) in ind
                .history
                .iter()
                .chain(&ind.alternatives)
                .chain(&ind.targets)
                .enumerate()
            {
                known(format!("{at}.points[{k}].source"), &p.source)?;
            }
            if ind.model == Model::Shares {
                shares(&at, ind)?;
                for (k, s) in ind.shares.iter().enumerate() {
                    known(format!("{at}.shares[{k}].source"), &s.source)?;
                }
            } else if ind.history.is_empty() {
                return Err(err(
                    format!("{at}.history"),
                    "needs at least one point (the base value)",
                ));
            }
            if let (Some(last), Some(first_target)) = (ind.history.last(), ind.targets.first()) {
                if first_target.year <= last.year {
                    return Err(err(
                        format!("{at}.targets[0].year"),
                        format!(
                            "target year {} must be after the last history year {}",
                            first_target.year, last.year
                        ),
                    ));
                }
            }
            for (name, p) in &ind.scenarios {
                for (f, v) in [("realGrowth", p.real_growth), ("growth", p.growth)] {
                    if let Some(v) = v {
                        let field = format!("{at}.scenarios.{name}.{f}");
                        if ind.model == Model::Linear {
                            finite_field(&field, v)?;
                        } else {
                            rate_field(&field, v)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

fn nonempty(field: &str, s: &str) -> Result<(), DatasetError> {
    if s.trim().is_empty() {
        Err(err(field, "must not be empty"))
    } else {
        Ok(())
    }
}

fn year(field: &str, y: i32) -> Result<(), DatasetError> {
    if YEAR_RANGE.contains(&y) {
        Ok(())
    } else {
        Err(err(field, format!("year {y} is outside 1900–2200")))
    }
}

fn finite_field(field: &str, v: f64) -> Result<(), DatasetError> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(err(field, "must be a finite number"))
    }
}

fn rate_field(field: &str, v: f64) -> Result<(), DatasetError> {
    finite_field(field, v)?;
    if v <= -1.0 || v > 10.0 {
        return Err(err(
            field,
            format!(
                "{v} is not a yearly rate as a fraction (0.05 = 5%); expected between -1 and 10"
            ),
        ));
    }
    Ok(())
}

fn points(field: &str, pts: &[Point], model: Model, strict: bool) -> Result<(), DatasetError> {
    let mut prev: Option<i32> = None;
    for (k, p) in pts.iter().enumerate() {
        let at = format!("{field}[{k}]");
        year(&format!("{at}.year"), p.year)?;
        finite_field(&format!("{at}.value"), p.value)?;
        let needs_positive = matches!(model, Model::PerCapita | Model::Compound);
        if needs_positive && p.value <= 0.0 {
            return Err(err(
                format!("{at}.value"),
                format!("{} must be greater than 0 for a growing quantity", p.value),
            ));
        }
        if model == Model::Linear && !(0.0..=100.0).contains(&p.value) {
            return Err(err(
                format!("{at}.value"),
                format!("{} is not a percentage between 0 and 100", p.value),
            ));
        }
        if strict {
            if let Some(py) = prev {
                if p.year == py {
                    return Err(err(
                        format!("{at}.year"),
                        format!("duplicate year {}", p.year),
                    ));
                }
                if p.year < py {
                    return Err(err(
                        format!("{at}.year"),
                        format!("years must be in increasing order ({} after {py})", p.year),
                    ));
                }
            }
        }
        prev = Some(p.year);
    }
    Ok(())
}

/// The tolerance, in percentage points, for shares adding up to 100: published
/// shares are rounded to two decimals, so four parts can be off by a few
/// hundredths.
pub const SHARE_SUM_TOLERANCE: f64 = 0.5;

fn shares(at: &str, ind: &Indicator) -> Result<(), DatasetError> {
    if ind.parts.len() < 2 {
        return Err(err(
            format!("{at}.parts"),
            "a shares indicator needs at least two parts",
        ));
    }
    if ind.shares.is_empty() {
        return Err(err(
            format!("{at}.shares"),
            "needs at least one year of shares",
        ));
    }
    let mut prev: Option<i32> = None;
    for (k, s) in ind.shares.iter().enumerate() {
        let f = format!("{at}.shares[{k}]");
        year(&format!("{f}.year"), s.year)?;
        if let Some(py) = prev {
            if s.year <= py {
                return Err(err(
                    format!("{f}.year"),
                    "years must be increasing and unique",
                ));
            }
        }
        prev = Some(s.year);
        if s.values.len() != ind.parts.len() {
            return Err(err(
                format!("{f}.values"),
                format!(
                    "has {} values for {} parts",
                    s.values.len(),
                    ind.parts.len()
                ),
            ));
        }
        if s.values.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return Err(err(
                format!("{f}.values"),
                "shares must be finite and not negative",
            ));
        }
        let sum: f64 = s.values.iter().sum();
        if (sum - 100.0).abs() > SHARE_SUM_TOLERANCE {
            return Err(err(
                format!("{f}.values"),
                format!("shares add up to {sum}, not 100"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn default_value() -> Value {
        serde_json::from_str(DEFAULT_JSON).unwrap()
    }

    #[track_caller]
    fn refused(v: &Value, field: &str, problem: &str) {
        let e = Dataset::from_json(&v.to_string()).unwrap_err();
        assert_eq!(e.field, field, "{e}");
        assert!(e.problem.contains(problem), "{e}");
    }

    #[test]
    fn embedded_dataset_is_valid_and_sourced() {
        let d = Dataset::default_lang_son().unwrap();
        let pc = d.indicator("grdpPerCapita").unwrap();
        assert_eq!(pc.history.first().unwrap().value, 44.2);
        assert_eq!(pc.history.last().unwrap().value, 71.1);
        assert_eq!(pc.targets[0].value, 130.0);
        // Both disagreeing 2020 figures are kept.
        let alt2020: Vec<f64> = pc
            .alternatives
            .iter()
            .filter(|p| p.year == 2020)
            .map(|p| p.value)
            .collect();
        assert!(alt2020.contains(&44.5) && alt2020.contains(&44.3));
        for s in &d.sources {
            assert!(!s.publication.is_empty() && !s.title.is_empty(), "{}", s.id);
        }
    }

    #[test]
    fn missing_field_is_named() {
        let mut v = default_value();
        v["indicators"][0].as_object_mut().unwrap().remove("unit");
        let e = Dataset::from_json(&v.to_string()).unwrap_err();
        assert!(e.problem.contains("missing field `unit`"), "{e}");
    }

    #[test]
    fn unknown_field_is_refused() {
        let mut v = default_value();
        v["indicators"][0]["colour"] = Value::from("red");
        let e = Dataset::from_json(&v.to_string()).unwrap_err();
        assert!(e.problem.contains("unknown field `colour`"), "{e}");
    }

    #[test]
    fn wrong_unit_is_refused() {
        let mut v = default_value();
        v["indicators"][1]["unit"] = Value::from("kg");
        refused(&v, "indicators[1].unit", "unknown unit \"kg\"");
        let mut v = default_value();
        v["indicators"][0]["unit"] = Value::from("millionUsd");
        refused(&v, "indicators[0].unit", "must be in millionVnd");
    }

    #[test]
    fn duplicate_and_unsorted_years_are_refused() {
        let mut v = default_value();
        v["indicators"][0]["history"][1]["year"] = Value::from(2020);
        refused(&v, "indicators[0].history[1].year", "duplicate year 2020");
        let mut v = default_value();
        v["indicators"][0]["history"][1]["year"] = Value::from(2019);
        refused(&v, "indicators[0].history[1].year", "increasing order");
    }

    #[test]
    fn bad_values_are_refused() {
        let mut v = default_value();
        v["indicators"][0]["history"][0]["value"] = Value::from(-3.0);
        refused(&v, "indicators[0].history[0].value", "greater than 0");
        let mut v = default_value();
        v["indicators"][0]["history"][0]["year"] = Value::from(99999);
        refused(&v, "indicators[0].history[0].year", "outside 1900");
        let mut v = default_value();
        v["assumptions"]["inflation"]["value"] = Value::from(3.5);
        let e = Dataset::from_json(&v.to_string());
        assert!(e.is_ok(), "3.5 is a legal (if silly) rate: 350%");
        v["assumptions"]["inflation"]["value"] = Value::from(35.0);
        refused(&v, "assumptions.inflation.value", "fraction");
    }

    #[test]
    fn unknown_source_is_refused() {
        let mut v = default_value();
        v["indicators"][0]["history"][0]["source"] = Value::from("nowhere");
        refused(
            &v,
            "indicators[0].points[0].source",
            "unknown source \"nowhere\"",
        );
    }

    #[test]
    fn shares_must_add_up() {
        let mut v = default_value();
        let last = v["indicators"].as_array().unwrap().len() - 1;
        v["indicators"][last]["shares"][1]["values"][0] = Value::from(50.0);
        refused(
            &v,
            &format!("indicators[{last}].shares[1].values"),
            "add up to",
        );
    }

    #[test]
    fn junk_and_huge_input_are_refused() {
        assert!(Dataset::from_json("").is_err());
        assert!(Dataset::from_json("<script>alert(1)</script>").is_err());
        let huge = "x".repeat(10 * 1024 * 1024);
        let e = Dataset::from_json(&huge).unwrap_err();
        assert!(e.problem.contains("too large"), "{e}");
    }

    #[test]
    fn unknown_keys_are_refused_at_any_depth_and_optional_ones_accepted() {
        // A dataset that uses each optional key once still loads …
        let mut v = default_value();
        v["sources"][0]["url"] = Value::from("https://example.org");
        v["indicators"][0]["history"][0]["note"] = serde_json::json!({"vi": "a", "en": "b"});
        v["indicators"][0]["scenarios"]["plan"]["growth"] = Value::from(0.1);
        assert!(Dataset::from_json(&v.to_string()).is_ok());
        // … and an unknown key at any depth is named by its path.
        for (path, edit) in [
            ("indicators[0].history[0].colour", "/indicators/0/history/0"),
            ("assumptions.inflation.colour", "/assumptions/inflation"),
            (
                "indicators[0].scenarios.plan.colour",
                "/indicators/0/scenarios/plan",
            ),
            ("colour", ""),
        ] {
            let mut v = default_value();
            v.pointer_mut(edit).unwrap()["colour"] = Value::from(1);
            let e = Dataset::from_json(&v.to_string()).unwrap_err();
            assert_eq!(e.field, path);
            assert!(e.problem.starts_with("unknown field `colour`"), "{e}");
        }
    }

    #[test]
    fn wrong_version_is_refused() {
        let mut v = default_value();
        v["formatVersion"] = Value::from(2);
        refused(&v, "formatVersion", "unsupported version 2");
    }
}
