//! Scenarios and projections: what the reader sets, and what follows from it.
//!
//! A [`ScenarioInput`] is what arrives from the page or the share link: every
//! field optional, unknown fields refused. [`Scenario::resolve`] fills the gaps
//! from the dataset and validates each field; [`project`] computes the path,
//! the goal-seek figures and the uncertainty bands.

use crate::dataset::{Dataset, Indicator, Model, Point};
use crate::growth::{self, GrowthError};
use crate::montecarlo::{self, Step};
use serde::Serialize;
use std::fmt;

/// Most Monte Carlo paths a projection may ask for.
pub const MAX_PATHS: u32 = 100_000;
/// Most path-years (paths × years) a projection may ask for: bounds memory
/// at 16 MB of `f64`.
pub const MAX_PATH_YEARS: u64 = 2_000_000;
/// Default number of Monte Carlo paths.
pub const DEFAULT_PATHS: u32 = 2_000;
/// Default seed: fixed, so the same link shows the same bands.
pub const DEFAULT_SEED: u32 = 2025;
/// Spread used when the record is too short to estimate one (fraction a year).
pub const FALLBACK_SPREAD_RATE: f64 = 0.02;
/// Spread used for linear indicators when the record is too short (points a year).
pub const FALLBACK_SPREAD_POINTS: f64 = 0.5;

/// A field of a scenario that cannot be used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    /// The field's JS name (`realGrowth`, `targetYear`, …).
    pub field: String,
    pub problem: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for ScenarioError {}

fn bad(field: &str, problem: impl Into<String>) -> ScenarioError {
    ScenarioError {
        field: field.to_string(),
        problem: problem.into(),
    }
}

impl From<GrowthError> for ScenarioError {
    fn from(e: GrowthError) -> Self {
        let field = match &e {
            GrowthError::NotFinite { arg }
            | GrowthError::NotPositive { arg, .. }
            | GrowthError::RateTooLow { arg, .. }
            | GrowthError::HorizonOutOfRange { arg, .. }
            | GrowthError::YearsNotIncreasing { arg } => (*arg).to_string(),
            _ => "scenario".to_string(),
        };
        let msg = e.to_string();
        let problem = msg
            .strip_prefix(&format!("{field} "))
            .unwrap_or(&msg)
            .to_string();
        ScenarioError { field, problem }
    }
}

/// A scenario as it arrives: every field optional (filled from the dataset),
/// unknown fields refused.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioInput {
    pub indicator: Option<String>,
    pub base_year: Option<i32>,
    pub base_value: Option<f64>,
    pub target_year: Option<i32>,
    pub target_value: Option<f64>,
    pub real_growth: Option<f64>,
    pub inflation: Option<f64>,
    pub population_growth: Option<f64>,
    pub growth: Option<f64>,
    pub fx_base: Option<f64>,
    pub fx_change: Option<f64>,
    pub spread: Option<f64>,
    pub paths: Option<u32>,
    pub seed: Option<u32>,
    pub percentiles: Option<Vec<f64>>,
}

impl ScenarioInput {
    /// The JS names of the fields a scenario object may have.
    pub const FIELDS: &'static [&'static str] = &[
        "indicator",
        "baseYear",
        "baseValue",
        "targetYear",
        "targetValue",
        "realGrowth",
        "inflation",
        "populationGrowth",
        "growth",
        "fxBase",
        "fxChange",
        "spread",
        "paths",
        "seed",
        "percentiles",
    ];
}

/// A complete, validated scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub indicator: String,
    pub model: Model,
    pub base_year: i32,
    pub base_value: f64,
    pub target_year: i32,
    pub target_value: Option<f64>,
    pub real_growth: f64,
    pub inflation: f64,
    pub population_growth: f64,
    pub growth: f64,
    pub fx_base: f64,
    pub fx_change: f64,
    pub spread: f64,
    pub paths: u32,
    pub seed: u32,
    pub percentiles: Vec<f64>,
}

/// The preset scenarios every indicator offers.
pub const PRESETS: &[&str] = &["trend", "plan"];

fn last_history(ind: &Indicator) -> Option<&Point> {
    ind.history.last()
}

/// The compound (or, for linear indicators, per-year) change between the first
/// and last history points of an indicator, if it has two.
///
/// ```text
/// compound: (last / first)^(1 / Δyears) − 1;  linear: (last − first) / Δyears
/// ```
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, scenario::historical_rate};
/// let d = Dataset::default_lang_son().unwrap();
/// let r = historical_rate(d.indicator("forestCover").unwrap()).unwrap();
/// assert!((r - 0.3).abs() < 1e-9); // points a year
/// ```
pub fn historical_rate(ind: &Indicator) -> Option<f64> {
    let (a, b) = (ind.history.first()?, ind.history.last()?);
    if b.year <= a.year {
        return None;
    }
    match ind.model {
        Model::Linear => Some((b.value - a.value) / f64::from(b.year - a.year)),
        _ => growth::compound_rate_between(a.year, a.value, b.year, b.value).ok(),
    }
}

/// The year-to-year spread of the record: the sample standard deviation of the
/// annualised changes between consecutive history points. `None` with fewer
/// than three points (two intervals).
///
/// ```text
/// r_i = (v_i / v_{i−1})^(1 / Δy_i) − 1   (linear: (v_i − v_{i−1}) / Δy_i)
/// spread = √( Σ (r_i − r̄)² / (n − 1) )
/// ```
///
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, scenario::historical_spread};
/// let d = Dataset::default_lang_son().unwrap();
/// let s = historical_spread(d.indicator("grdpPerCapita").unwrap()).unwrap();
/// assert!((s - 0.034).abs() < 0.001);
/// ```
pub fn historical_spread(ind: &Indicator) -> Option<f64> {
    let rates: Vec<f64> = ind
        .history
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if b.year > a.year => match ind.model {
                Model::Linear => Some((b.value - a.value) / f64::from(b.year - a.year)),
                _ => growth::compound_rate_between(a.year, a.value, b.year, b.value).ok(),
            },
            _ => None,
        })
        .collect();
    if rates.len() < 2 {
        return None;
    }
    let n = rates.len() as f64;
    let mean = rates.iter().sum::<f64>() / n;
    let var = rates.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Some(var.sqrt())
}

impl Scenario {
    /// Fill the gaps of `input` from `dataset` and validate every field.
    ///
    /// Defaults: the indicator's last history point as the base; its first
    /// target (or base year + 5 with no target value); the dataset's
    /// assumptions; the `plan` preset's growth; the spread of the record.
    ///
    /// # Errors
    /// A [`ScenarioError`] naming the first field that cannot be used.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::{dataset::Dataset, scenario::{Scenario, ScenarioInput}};
    /// let d = Dataset::default_lang_son().unwrap();
    /// let s = Scenario::resolve(&ScenarioInput::default(), &d).unwrap();
    /// assert_eq!((s.base_year, s.base_value, s.target_year), (2025, 71.1, 2030));
    /// let bad = ScenarioInput { target_year: Some(2020), ..Default::default() };
    /// assert_eq!(Scenario::resolve(&bad, &d).unwrap_err().field, "targetYear");
    /// ```
    pub fn resolve(input: &ScenarioInput, dataset: &Dataset) -> Result<Self, ScenarioError> {
        let id = input.indicator.clone().unwrap_or_else(|| {
            dataset
                .indicators
                .first()
                .map(|i| i.id.clone())
                .unwrap_or_default()
        });
        let ind = dataset
            .indicator(&id)
            .ok_or_else(|| bad("indicator", format!("unknown indicator \"{id}\"")))?;
        if ind.model == Model::Shares {
            return Err(bad(
                "indicator",
                format!("\"{id}\" is a set of shares; use projectShares"),
            ));
        }
        let last = last_history(ind).ok_or_else(|| bad("indicator", "has no history"))?;
        let target = ind.targets.first();
        let plan = ind.scenarios.get("plan");
        let a = &dataset.assumptions;
        let linear = ind.model == Model::Linear;

        let base_year = input.base_year.unwrap_or(last.year);
        let base_value = input.base_value.unwrap_or(last.value);
        let target_year = input
            .target_year
            .or(target.map(|t| t.year))
            .unwrap_or(base_year.saturating_add(5));
        let target_value = match input.target_value {
            Some(v) => Some(v),
            None => target.map(|t| t.value),
        };
        let default_growth = plan
            .and_then(|p| p.growth)
            .or_else(|| historical_rate(ind))
            .unwrap_or(0.0);
        let default_spread = historical_spread(ind).unwrap_or(if linear {
            FALLBACK_SPREAD_POINTS
        } else {
            FALLBACK_SPREAD_RATE
        });
        let s = Scenario {
            indicator: id.clone(),
            model: ind.model,
            base_year,
            base_value,
            target_year,
            target_value,
            real_growth: input
                .real_growth
                .or(plan.and_then(|p| p.real_growth))
                .unwrap_or(0.0),
            inflation: input.inflation.unwrap_or(a.inflation.value),
            population_growth: input.population_growth.unwrap_or(a.population_growth.value),
            growth: input.growth.unwrap_or(default_growth),
            fx_base: input.fx_base.unwrap_or(a.fx_base.value),
            fx_change: input.fx_change.unwrap_or(a.fx_change.value),
            spread: input.spread.unwrap_or(default_spread),
            paths: input.paths.unwrap_or(DEFAULT_PATHS),
            seed: input.seed.unwrap_or(DEFAULT_SEED),
            percentiles: input
                .percentiles
                .clone()
                .unwrap_or_else(|| vec![10.0, 50.0, 90.0]),
        };
        s.validate()?;
        Ok(s)
    }

    /// A preset (`"trend"`, `"plan"`) for an indicator, resolved against the dataset.
    ///
    /// # Errors
    /// Unknown indicator or preset name.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::{dataset::Dataset, scenario::Scenario};
    /// let d = Dataset::default_lang_son().unwrap();
    /// let t = Scenario::preset(&d, "grdpPerCapita", "trend").unwrap();
    /// assert!((t.real_growth - 0.071).abs() < 1e-12);
    /// ```
    pub fn preset(dataset: &Dataset, indicator: &str, name: &str) -> Result<Self, ScenarioError> {
        let ind = dataset
            .indicator(indicator)
            .ok_or_else(|| bad("indicator", format!("unknown indicator \"{indicator}\"")))?;
        let p = ind
            .scenarios
            .get(name)
            .ok_or_else(|| bad("preset", format!("unknown preset \"{name}\"")))?;
        let input = ScenarioInput {
            indicator: Some(indicator.to_string()),
            real_growth: p.real_growth,
            growth: p.growth,
            ..Default::default()
        };
        Self::resolve(&input, dataset)
    }

    /// Check every field; see [`Scenario::resolve`].
    ///
    /// # Errors
    /// The first field out of range, by name.
    /// # Example
    /// ```
    /// use grdp_whatif::{dataset::Dataset, scenario::{Scenario, ScenarioInput}};
    /// let d = Dataset::default_lang_son().unwrap();
    /// let mut s = Scenario::resolve(&ScenarioInput::default(), &d).unwrap();
    /// s.spread = -0.1;
    /// assert_eq!(s.validate().unwrap_err().field, "spread");
    /// ```
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let linear = self.model == Model::Linear;
        if !(1900..=2200).contains(&self.base_year) {
            return Err(bad("baseYear", "must be between 1900 and 2200"));
        }
        let span = i64::from(self.target_year) - i64::from(self.base_year);
        if span < 1 {
            return Err(bad("targetYear", "must be after the base year"));
        }
        if span > growth::MAX_YEARS as i64 {
            return Err(bad(
                "targetYear",
                "must be at most 100 years after the base year",
            ));
        }
        if linear {
            growth::finite("baseValue", self.base_value)?;
            if let Some(t) = self.target_value {
                growth::finite("targetValue", t)?;
            }
            growth::finite("growth", self.growth)?;
        } else {
            growth::positive("baseValue", self.base_value)?;
            if let Some(t) = self.target_value {
                growth::positive("targetValue", t)?;
            }
            growth::rate("growth", self.growth)?;
        }
        growth::rate("realGrowth", self.real_growth)?;
        growth::rate("inflation", self.inflation)?;
        growth::rate("populationGrowth", self.population_growth)?;
        growth::positive("fxBase", self.fx_base)?;
        growth::rate("fxChange", self.fx_change)?;
        growth::finite("spread", self.spread)?;
        let max_spread = if linear { 100.0 } else { 1.0 };
        if !(0.0..=max_spread).contains(&self.spread) {
            return Err(bad("spread", format!("must be between 0 and {max_spread}")));
        }
        if self.paths > MAX_PATHS {
            return Err(bad("paths", format!("must be at most {MAX_PATHS}")));
        }
        if u64::from(self.paths) * span as u64 > MAX_PATH_YEARS {
            return Err(bad(
                "paths",
                format!("paths × years must be at most {MAX_PATH_YEARS}"),
            ));
        }
        if self.percentiles.is_empty() || self.percentiles.len() > 9 {
            return Err(bad("percentiles", "must list 1 to 9 percentiles"));
        }
        if self
            .percentiles
            .iter()
            .any(|p| !p.is_finite() || !(0.0..=100.0).contains(p))
        {
            return Err(bad("percentiles", "each must be between 0 and 100"));
        }
        self.rate()?;
        Ok(())
    }

    /// Years from base to target.
    /// # Example
    /// ```
    /// use grdp_whatif::{dataset::Dataset, scenario::{Scenario, ScenarioInput}};
    /// let d = Dataset::default_lang_son().unwrap();
    /// assert_eq!(Scenario::resolve(&ScenarioInput::default(), &d).unwrap().span(), 5);
    /// ```
    pub fn span(&self) -> u32 {
        (self.target_year - self.base_year).clamp(0, growth::MAX_YEARS as i32) as u32
    }

    /// The scenario's yearly rate for the indicator: nominal per-person growth
    /// for a per-capita indicator, else `growth` (a step for linear ones).
    ///
    /// # Errors
    /// As [`growth::per_capita_nominal_growth`].
    /// # Example
    /// ```
    /// use grdp_whatif::{dataset::Dataset, scenario::Scenario};
    /// let d = Dataset::default_lang_son().unwrap();
    /// let trend = Scenario::preset(&d, "grdpPerCapita", "trend").unwrap();
    /// assert!((trend.rate().unwrap() - 0.0997).abs() < 5e-4);
    /// ```
    pub fn rate(&self) -> Result<f64, GrowthError> {
        match self.model {
            Model::PerCapita => growth::per_capita_nominal_growth(
                self.real_growth,
                self.inflation,
                self.population_growth,
            ),
            _ => Ok(self.growth),
        }
    }
}

/// Uncertainty bands: `values[i]` is the path of `percentiles[i]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BandsOut {
    pub percentiles: Vec<f64>,
    pub values: Vec<Vec<f64>>,
}

/// Everything a page needs to show a scenario. Rates are fractions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    pub scenario: Scenario,
    pub years: Vec<i32>,
    pub values: Vec<f64>,
    /// The scenario's yearly rate (nominal per person for per-capita), or step.
    pub rate: f64,
    pub bands: Option<BandsOut>,
    /// Share of Monte Carlo paths that reach the target by the target year.
    pub probability: Option<f64>,
    pub target_year: i32,
    pub target_value: Option<f64>,
    /// The constant rate (or step) that reaches the target in the target year.
    pub required_rate: Option<f64>,
    /// Per-capita only: the real growth the required rate needs under the
    /// scenario's prices and population.
    pub required_real_growth: Option<f64>,
    /// Per-capita only: the price growth at which the scenario's real growth
    /// gives exactly the required rate.
    pub implied_inflation: Option<f64>,
    /// The first calendar year the path reaches the target, if within 100 years.
    pub reached_year: Option<i32>,
    pub value_at_target_year: f64,
    /// `value_at_target_year / target_value`.
    pub share_of_target: Option<f64>,
    /// `value_at_target_year / base_value − 1`.
    pub cumulative_change: f64,
    /// `target_value / base_value − 1`.
    pub required_cumulative_change: Option<f64>,
    /// VND per USD each year (per-capita only).
    pub fx: Option<Vec<f64>>,
    /// The path in USD (per-capita only).
    pub usd: Option<Vec<f64>>,
}

/// Project a scenario.
///
/// ```text
/// rate      = (1+real)(1+inflation)/(1+population) − 1      (per capita)
/// values[k] = base · (1 + rate)^k                             (compound)
///           = base + rate · k                                 (linear)
/// required  = (target / base)^(1/span) − 1  |  (target − base) / span
/// ```
///
/// # Errors
/// Never for a scenario from [`Scenario::resolve`]; overflow of an extreme
/// scenario is reported as a [`ScenarioError`].
///
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, scenario::{project, Scenario, ScenarioInput}};
/// let d = Dataset::default_lang_son().unwrap();
/// let s = Scenario::resolve(&ScenarioInput::default(), &d).unwrap();
/// let p = project(&s).unwrap();
/// assert!((p.required_rate.unwrap() - 0.1283).abs() < 5e-5);
/// assert_eq!(p.years.first(), Some(&2025));
/// assert_eq!(p.years.last(), Some(&2030));
/// ```
pub fn project(s: &Scenario) -> Result<Projection, ScenarioError> {
    project_with(s, &mut montecarlo::Draws::new(u64::from(s.seed)))
}

/// [`project`] keeping the Monte Carlo draws in `draws` between calls (see
/// [`montecarlo::Draws`]): the same projection, faster when a reader moves a
/// slider and the seed stays.
///
/// # Errors
/// As [`project`].
pub fn project_with(
    s: &Scenario,
    draws: &mut montecarlo::Draws,
) -> Result<Projection, ScenarioError> {
    s.validate()?;
    let span = s.span();
    let rate = s.rate()?;
    let linear = s.model == Model::Linear;
    let years: Vec<i32> = (0..=span as i32).map(|k| s.base_year + k).collect();
    let values = if linear {
        growth::linear_series(s.base_value, rate, span)?
    } else {
        growth::project_series(s.base_value, rate, span)?
    };
    let value_at_target_year = values.last().copied().unwrap_or(s.base_value);
    let target = s.target_value;
    let required_rate = match target {
        Some(t) if linear => Some((t - s.base_value) / f64::from(span)),
        Some(t) => Some(growth::required_growth_rate(
            s.base_value,
            t,
            f64::from(span),
        )?),
        None => None,
    };
    let per_capita = s.model == Model::PerCapita;
    let (required_real_growth, implied_inflation) = match (per_capita, required_rate) {
        (true, Some(r)) => (
            Some(growth::real_growth_needed(
                r,
                s.inflation,
                s.population_growth,
            )?),
            Some(growth::implied_inflation(
                r,
                s.real_growth,
                s.population_growth,
            )?),
        ),
        _ => (None, None),
    };
    let reached_year = match target {
        Some(t) if linear => linear_reach(s.base_year, s.base_value, t, rate),
        Some(t) => growth::first_year_reaching(s.base_year, s.base_value, t, rate)?,
        None => None,
    };
    let (bands, probability) = if s.paths > 0 {
        let step = if linear {
            Step::Linear { step: rate }
        } else {
            Step::Compound { rate }
        };
        let b = montecarlo::simulate_with(
            &montecarlo::Simulation {
                start: s.base_value,
                step,
                spread: s.spread,
                years: span as usize,
                paths: s.paths as usize,
                seed: u64::from(s.seed),
            },
            &s.percentiles,
            target.map(|t| (span as usize, t)),
            draws,
        );
        (
            Some(BandsOut {
                percentiles: b.percentiles,
                values: b.bands,
            }),
            b.probability,
        )
    } else {
        (None, None)
    };
    let (fx, usd) = if per_capita {
        let fx: Vec<f64> = years
            .iter()
            .map(|&y| growth::exchange_rate_in(s.fx_base, s.base_year, s.fx_change, y))
            .collect::<Result<_, _>>()?;
        let usd = values
            .iter()
            .zip(&fx)
            .map(|(&v, &r)| growth::million_vnd_to_usd(v, r))
            .collect::<Result<_, _>>()?;
        (Some(fx), Some(usd))
    } else {
        (None, None)
    };
    let cumulative_change = if linear {
        value_at_target_year - s.base_value
    } else {
        value_at_target_year / s.base_value - 1.0
    };
    Ok(Projection {
        scenario: s.clone(),
        years,
        values,
        rate,
        bands,
        probability,
        target_year: s.target_year,
        target_value: target,
        required_rate,
        required_real_growth,
        implied_inflation,
        reached_year,
        value_at_target_year,
        share_of_target: target
            .filter(|t| *t != 0.0)
            .map(|t| value_at_target_year / t),
        cumulative_change,
        required_cumulative_change: target.map(|t| {
            if linear {
                t - s.base_value
            } else {
                t / s.base_value - 1.0
            }
        }),
        fx,
        usd,
    })
}

fn linear_reach(base_year: i32, base: f64, target: f64, step: f64) -> Option<i32> {
    let need = target - base;
    if need == 0.0 {
        return Some(base_year);
    }
    if step == 0.0 || need.signum() != step.signum() {
        return None;
    }
    let t = need / step;
    if t.is_finite() && t <= growth::MAX_YEARS {
        base_year.checked_add((t - growth::YEAR_NOISE).max(0.0).ceil() as i32)
    } else {
        None
    }
}

/// Shares carried forward: each part's yearly change between the last two
/// observed years continues, floored at 0, and every year is rescaled to 100.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharesProjection {
    pub parts: Vec<String>,
    pub years: Vec<i32>,
    /// `values[i][k]`: part `i`, year `k`.
    pub values: Vec<Vec<f64>>,
    /// The first projected year (earlier years are observed).
    pub first_projected_year: i32,
}

/// Project a shares indicator to `end_year`.
///
/// ```text
/// s_i(y) = s_i(y₁) + (y − y₁) · (s_i(y₁) − s_i(y₀)) / (y₁ − y₀), floored at 0,
/// then s_i(y) ← 100 · s_i(y) / Σ_j s_j(y)
/// ```
///
/// # Errors
/// Not a shares indicator; `end_year` before the last observed year or more
/// than 100 years after it.
///
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, scenario::project_shares};
/// let d = Dataset::default_lang_son().unwrap();
/// let p = project_shares(d.indicator("structure").unwrap(), 2030).unwrap();
/// let last: f64 = p.values.iter().map(|v| v.last().unwrap()).sum();
/// assert!((last - 100.0).abs() < 1e-9);
/// ```
pub fn project_shares(ind: &Indicator, end_year: i32) -> Result<SharesProjection, ScenarioError> {
    if ind.model != Model::Shares {
        return Err(bad("indicator", "is not a shares indicator"));
    }
    let last = ind
        .shares
        .last()
        .ok_or_else(|| bad("indicator", "has no shares"))?;
    if end_year < last.year || i64::from(end_year) - i64::from(last.year) > 100 {
        return Err(bad(
            "targetYear",
            "must be within 100 years after the last observed year",
        ));
    }
    let prev = ind
        .shares
        .len()
        .checked_sub(2)
        .and_then(|i| ind.shares.get(i));
    let slope: Vec<f64> = match prev {
        Some(p) if last.year > p.year => last
            .values
            .iter()
            .zip(&p.values)
            .map(|(b, a)| (b - a) / f64::from(last.year - p.year))
            .collect(),
        _ => vec![0.0; last.values.len()],
    };
    let mut years: Vec<i32> = ind.shares.iter().map(|s| s.year).collect();
    let mut values: Vec<Vec<f64>> = (0..ind.parts.len())
        .map(|i| {
            ind.shares
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                .collect()
        })
        .collect();
    for y in last.year + 1..=end_year {
        let dy = f64::from(y - last.year);
        let raw: Vec<f64> = last
            .values
            .iter()
            .zip(&slope)
            .map(|(v, d)| (v + d * dy).max(0.0))
            .collect();
        let sum: f64 = raw.iter().sum();
        years.push(y);
        for (col, r) in values.iter_mut().zip(&raw) {
            col.push(if sum > 0.0 { 100.0 * r / sum } else { 0.0 });
        }
    }
    Ok(SharesProjection {
        parts: ind.parts.iter().map(|p| p.id.clone()).collect(),
        years,
        values,
        first_projected_year: last.year + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> Dataset {
        Dataset::default_lang_son().unwrap()
    }

    #[track_caller]
    fn field_of(input: ScenarioInput) -> String {
        Scenario::resolve(&input, &d()).unwrap_err().field
    }

    #[test]
    fn every_bad_field_is_named() {
        let nan = Some(f64::NAN);
        assert_eq!(
            field_of(ScenarioInput {
                real_growth: nan,
                ..Default::default()
            }),
            "realGrowth"
        );
        assert_eq!(
            field_of(ScenarioInput {
                inflation: Some(-1.0),
                ..Default::default()
            }),
            "inflation"
        );
        assert_eq!(
            field_of(ScenarioInput {
                population_growth: Some(f64::INFINITY),
                ..Default::default()
            }),
            "populationGrowth"
        );
        assert_eq!(
            field_of(ScenarioInput {
                target_value: Some(0.0),
                ..Default::default()
            }),
            "targetValue"
        );
        assert_eq!(
            field_of(ScenarioInput {
                target_year: Some(2200),
                ..Default::default()
            }),
            "targetYear"
        );
        assert_eq!(
            field_of(ScenarioInput {
                base_value: Some(-1.0),
                ..Default::default()
            }),
            "baseValue"
        );
        assert_eq!(
            field_of(ScenarioInput {
                spread: Some(2.0),
                ..Default::default()
            }),
            "spread"
        );
        assert_eq!(
            field_of(ScenarioInput {
                paths: Some(1_000_000),
                ..Default::default()
            }),
            "paths"
        );
        assert_eq!(
            field_of(ScenarioInput {
                fx_base: Some(0.0),
                ..Default::default()
            }),
            "fxBase"
        );
        assert_eq!(
            field_of(ScenarioInput {
                percentiles: Some(vec![101.0]),
                ..Default::default()
            }),
            "percentiles"
        );
        assert_eq!(
            field_of(ScenarioInput {
                indicator: Some("nope".into()),
                ..Default::default()
            }),
            "indicator"
        );
        assert_eq!(
            field_of(ScenarioInput {
                indicator: Some("structure".into()),
                ..Default::default()
            }),
            "indicator"
        );
    }

    #[test]
    fn huge_but_valid_rates_do_not_panic() {
        let s = ScenarioInput {
            real_growth: Some(1000.0),
            inflation: Some(9.0),
            base_year: Some(1950),
            target_year: Some(2050),
            paths: Some(10),
            ..Default::default()
        };
        // 100 years at 10 000 % a year overflows an f64: an error, not a panic.
        let r = Scenario::resolve(&s, &d()).and_then(|s| project(&s));
        assert!(r.is_err());
    }

    #[test]
    fn trend_reaches_about_114_by_2030_and_misses() {
        let t = Scenario::preset(&d(), "grdpPerCapita", "trend").unwrap();
        let p = project(&t).unwrap();
        assert!((p.rate - 0.0997).abs() < 5e-4, "{}", p.rate);
        assert!(
            (p.value_at_target_year - 114.2).abs() < 0.5,
            "{}",
            p.value_at_target_year
        );
        assert_eq!(p.reached_year, Some(2032));
        assert!(p.share_of_target.unwrap() < 0.9);
        assert!(p.probability.unwrap() < 0.25, "{:?}", p.probability);
    }

    #[test]
    fn plan_reaches_130_before_2030() {
        let p = project(&Scenario::preset(&d(), "grdpPerCapita", "plan").unwrap()).unwrap();
        assert!(p.value_at_target_year > 130.0);
        assert!(p.reached_year.unwrap() <= 2030);
        assert!(p.probability.unwrap() > 0.5);
    }

    #[test]
    fn linear_indicator_goal_seek() {
        let s = Scenario::resolve(
            &ScenarioInput {
                indicator: Some("digitalShare".into()),
                ..Default::default()
            },
            &d(),
        )
        .unwrap();
        let p = project(&s).unwrap();
        assert_eq!(p.years.first(), Some(&2024));
        assert!((p.required_rate.unwrap() - 1.95).abs() < 1e-9);
        assert_eq!(p.reached_year, Some(2030)); // 2 points a year: 18.3 + 12 = 30.3
    }

    #[test]
    fn indicator_without_target_projects_five_years() {
        let s = Scenario::resolve(
            &ScenarioInput {
                indicator: Some("forestCover".into()),
                ..Default::default()
            },
            &d(),
        )
        .unwrap();
        let p = project(&s).unwrap();
        assert_eq!(p.target_year, 2030);
        assert_eq!(p.required_rate, None);
        assert_eq!(p.probability, None);
        assert!((p.values.last().unwrap() - 66.0).abs() < 1e-9);
    }

    #[test]
    fn shares_stay_whole_and_industry_keeps_rising() {
        let ind = d().indicator("structure").unwrap().clone();
        let p = project_shares(&ind, 2030).unwrap();
        assert_eq!(p.years, vec![2020, 2025, 2026, 2027, 2028, 2029, 2030]);
        let industry = &p.values[1];
        assert!(industry.windows(2).skip(1).all(|w| w[1] > w[0]));
    }
}
