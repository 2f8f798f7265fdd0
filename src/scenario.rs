//! Scenarios and projections: what the reader sets, and what follows from it.
//!
//! A [`ScenarioInput`] is what arrives from the page or the share link: every
//! field optional, unknown fields refused. [`Scenario::resolve`] fills the gaps
//! from the dataset and validates each field; [`project`] computes the path,
//! the goal-seek figures and the uncertainty bands, each as its indicator's
//! model says (money per person, a yearly figure, points, a term's total, a
//! rate): "reached" means at or beyond the target in the better direction,
//! from the base year on, for the path and the Monte Carlo paths alike.

use crate::dataset::{Assumptions, Dataset, Goal, Indicator, Level, Model, Preset};
use crate::growth::{self, GrowthError};
use crate::montecarlo::{self, Aim, Step, UNBOUNDED};
use crate::problem::{FieldError, Problem};
use crate::read::{self, Fields, Path, R};
use serde::Serialize;

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
/// The preset the widget opens on, when the indicator has it.
pub const DEFAULT_PRESET: &str = "plan";

fn bad(field: &str, problem: Problem) -> FieldError {
    FieldError::new(field, problem)
}

/// A growth function's error, as a scenario field's.
pub fn from_growth(e: GrowthError) -> FieldError {
    match e {
        GrowthError::NotFinite { arg } => bad(arg, Problem::NotFinite),
        GrowthError::NotPositive { arg, value } => bad(arg, Problem::NotPositive { value }),
        GrowthError::RateTooLow { arg, value } => bad(arg, Problem::RateTooLow { value }),
        GrowthError::HorizonOutOfRange { arg, .. } => bad(arg, Problem::TargetYearTooFar),
        GrowthError::YearsNotIncreasing { arg, base } => {
            bad(arg, Problem::TargetYearNotAfter { base })
        }
        GrowthError::Unreachable => bad("target", Problem::Unreachable),
        _ => bad("scenario", Problem::Overflow),
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

/// Read a scenario as the JS side gives it: every field optional (null or
/// left out: the dataset's), unknown fields refused. Values are checked by
/// [`Scenario::resolve`] afterwards (NaN passes here, and is refused there
/// with the field's name).
///
/// # Errors
/// An unknown or mistyped field, by name.
/// # Example
/// ```
/// use grdp_whatif::{json, read::Path, scenario::read_input};
/// let v = json::parse(r#"{"realGrowth": 0.1, "targetYear": 2031}"#).unwrap();
/// assert_eq!(read_input(&v, &Path::ROOT).unwrap().target_year, Some(2031));
/// let bad = json::parse(r#"{"realGrowht": 0.1}"#).unwrap();
/// assert_eq!(read_input(&bad, &Path::ROOT).unwrap_err().field, "realGrowht");
/// ```
pub fn read_input(v: &crate::json::Value, path: &Path<'_>) -> R<ScenarioInput> {
    let mut f = Fields::of(v, path)?;
    let s = ScenarioInput {
        indicator: f.opt("indicator", read::string)?,
        base_year: f.opt("baseYear", read::int)?,
        base_value: f.opt("baseValue", read::number)?,
        target_year: f.opt("targetYear", read::int)?,
        target_value: f.opt("targetValue", read::number)?,
        real_growth: f.opt("realGrowth", read::number)?,
        inflation: f.opt("inflation", read::number)?,
        population_growth: f.opt("populationGrowth", read::number)?,
        growth: f.opt("growth", read::number)?,
        fx_base: f.opt("fxBase", read::number)?,
        fx_change: f.opt("fxChange", read::number)?,
        spread: f.opt("spread", read::number)?,
        paths: f.opt("paths", read::uint)?,
        seed: f.opt("seed", read::uint)?,
        percentiles: f.opt("percentiles", |v, p| read::list(v, p, read::number))?,
    };
    f.finish()?;
    Ok(s)
}

/// A complete, validated scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub indicator: String,
    pub model: Model,
    pub goal: Goal,
    pub base_year: i32,
    pub base_value: f64,
    pub target_year: i32,
    /// The target level (`None`: the indicator has none and the reader set none).
    #[serde(skip)]
    pub target: Option<Level>,
    pub real_growth: f64,
    pub inflation: f64,
    pub population_growth: f64,
    pub growth: f64,
    /// VND per USD in the base year (`None`: no USD readout).
    pub fx_base: Option<f64>,
    pub fx_change: f64,
    pub spread: f64,
    pub paths: u32,
    pub seed: u32,
    pub percentiles: Vec<f64>,
    /// Years a step of the path covers: 1, or a term's length.
    pub step_years: u32,
    /// Values held within these (0–100 for a percentage).
    #[serde(skip)]
    pub bounds: (f64, f64),
}

/// The part of the history on one basis: the points since the last break
/// (a changed standard: 2020's poverty rate and 2025's are not on one scale,
/// so no rate is worked out across them).
///
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, scenario::record};
/// let d = Dataset::default_lang_son().unwrap();
/// assert_eq!(record(d.indicator("poorHouseholds").unwrap()).len(), 1);
/// assert_eq!(record(d.indicator("grdpPerCapita").unwrap()).len(), 4);
/// ```
pub fn record(ind: &Indicator) -> &[crate::dataset::Point] {
    let from = ind.breaks.iter().map(|b| b.year).max();
    let start = from.map_or(0, |y| {
        ind.history
            .iter()
            .position(|p| p.year >= y)
            .unwrap_or(ind.history.len())
    });
    ind.history.get(start..).unwrap_or(&[])
}

/// The compound (or, for linear indicators, per-year; for rates, the mean)
/// change of an indicator's record, if it has enough points.
///
/// ```text
/// compound: (last / first)^(1 / Δyears) − 1;  linear: (last − first) / Δyears
/// rate: mean of the yearly rates;  term total: (last / first)^(1 / Δterms) − 1
/// ```
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, scenario::historical_rate};
/// let d = Dataset::default_lang_son().unwrap();
/// let r = historical_rate(d.indicator("forestCover").unwrap()).unwrap();
/// assert!((r - 0.3).abs() < 1e-9); // points a year
/// let r = historical_rate(d.indicator("grdpPerCapita").unwrap()).unwrap();
/// assert!((r - 0.0997).abs() < 5e-5); // the 2020–2025 record
/// ```
pub fn historical_rate(ind: &Indicator) -> Option<f64> {
    historical_rate_raw(ind).map(snap)
}

/// [`historical_rate`] before it is rounded to [`PATH_DIGITS`] significant
/// digits (so that the mean of 5,2 … 8,5 is 0,063 in a link and everywhere,
/// not 0,06299999999999999).
fn historical_rate_raw(ind: &Indicator) -> Option<f64> {
    let record = record(ind);
    if ind.model == Model::Rate {
        let n = record.len();
        return (n > 0).then(|| record.iter().map(|p| p.value).sum::<f64>() / n as f64 / 100.0);
    }
    let (a, b) = (record.first()?, record.last()?);
    if b.year <= a.year {
        return None;
    }
    let dy = f64::from(b.year - a.year);
    match ind.model {
        Model::Linear => Some((b.value - a.value) / dy),
        Model::TermTotal => {
            let terms = dy / f64::from(ind.term_years());
            growth::required_growth_rate(a.value, b.value, terms).ok()
        }
        _ => growth::compound_rate_between(a.year, a.value, b.year, b.value).ok(),
    }
}

/// The year-to-year spread of the record: the sample standard deviation of the
/// annualised changes between consecutive history points (of the rates, for
/// a rate indicator). `None` with fewer than three changes: two say little
/// about how much a year varies (2021's 6.67 % and 2021–2025's 7.1 % would
/// give real GRDP a spread of 0.4 %, and a "99 %" chance).
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
    let record = record(ind);
    let rates: Vec<f64> = if ind.model == Model::Rate {
        record.iter().map(|p| p.value / 100.0).collect()
    } else {
        record
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if b.year > a.year => match ind.model {
                    Model::Linear => Some((b.value - a.value) / f64::from(b.year - a.year)),
                    _ => growth::compound_rate_between(a.year, a.value, b.year, b.value).ok(),
                },
                _ => None,
            })
            .collect()
    };
    if rates.len() < 3 {
        return None;
    }
    let n = rates.len() as f64;
    let mean = rates.iter().sum::<f64>() / n;
    let var = rates.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Some(var.sqrt())
}

/// The growth a preset gives an indicator: its own, else (a trend left for
/// the engine to work out) the record's. For money per person the record is
/// nominal: the real growth is worked out with the dataset's prices and
/// population, `(1 + nominal) × (1 + population) / (1 + inflation) − 1`.
///
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, scenario::preset_growth};
/// let d = Dataset::default_lang_son().unwrap();
/// let ind = d.indicator("grdpPerCapita").unwrap();
/// assert_eq!(preset_growth(&d.assumptions, ind, ind.scenarios.get("trend").unwrap()), Some(0.071));
/// ```
pub fn preset_growth(a: &Assumptions, ind: &Indicator, p: &Preset) -> Option<f64> {
    match ind.model {
        Model::PerCapita => p.real_growth.or_else(|| record_growth(a, ind)),
        _ => p.growth.or_else(|| record_growth(a, ind)),
    }
}

/// The growth the record gives, as the model's growth control takes it:
/// for money per person the real growth its nominal rate means with the
/// dataset's prices and population (used by a trend preset left for the
/// engine to work out, and by an indicator with no presets at all).
pub fn record_growth(a: &Assumptions, ind: &Indicator) -> Option<f64> {
    match ind.model {
        Model::PerCapita => {
            let nominal = historical_rate(ind)?;
            let inflation = a.inflation.as_ref().map_or(0.0, |x| x.value);
            let population = a.population_growth.as_ref().map_or(0.0, |x| x.value);
            let real = (1.0 + nominal) * (1.0 + population) / (1.0 + inflation) - 1.0;
            // Rounded as the widget shows a rate (0.1 %), so the preset's
            // button and a typed rate agree.
            Some((real * 1000.0).round() / 1000.0).filter(|r| r.is_finite())
        }
        _ => historical_rate(ind),
    }
}

fn bounds(ind: &Indicator) -> (f64, f64) {
    if ind.is_percent() {
        (0.0, 100.0)
    } else {
        UNBOUNDED
    }
}

impl Scenario {
    /// Fill the gaps of `input` from `dataset` and validate every field.
    ///
    /// Defaults: the indicator's last history point as the base; its first
    /// target (or base year + 5, a term for term totals, with no target
    /// level); the dataset's assumptions; the `plan` preset's growth (or
    /// the first preset's, or the record's); the spread of the record.
    ///
    /// # Errors
    /// A [`FieldError`] naming the first field that cannot be used.
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
    pub fn resolve(input: &ScenarioInput, dataset: &Dataset) -> Result<Self, FieldError> {
        let ind = match &input.indicator {
            Some(id) => dataset
                .indicator(id)
                .ok_or_else(|| bad("indicator", Problem::UnknownIndicator { id: id.clone() }))?,
            None => dataset
                .indicators
                .iter()
                .find(|i| i.model != Model::Shares)
                .ok_or_else(|| bad("indicator", Problem::SharesNotProjectable))?,
        };
        if ind.model == Model::Shares {
            return Err(bad("indicator", Problem::SharesNotProjectable));
        }
        let last = ind
            .history
            .last()
            .ok_or_else(|| bad("indicator", Problem::NeedsHistory))?;
        let target = ind.targets.first();
        let preset = ind
            .scenarios
            .get(DEFAULT_PRESET)
            .or(ind.scenarios.0.first().map(|(_, p)| p));
        let a = &dataset.assumptions;
        let step_years = if ind.model == Model::TermTotal {
            ind.term_years()
        } else {
            1
        };
        let base_year = input.base_year.unwrap_or(last.year);
        let base_value = input.base_value.unwrap_or(last.value);
        let target_year = input.target_year.or(target.map(|t| t.year)).unwrap_or(
            base_year.saturating_add(if step_years > 1 { step_years as i32 } else { 5 }),
        );
        let target = match input.target_value {
            Some(v) => Some(Level::Value(v)),
            // A term's target is that term's: another term has none.
            None if ind.model == Model::TermTotal
                && target.is_some_and(|t| t.year != target_year) =>
            {
                None
            }
            None => target.map(|t| t.level),
        };
        let growth = preset
            .and_then(|p| preset_growth(&dataset.assumptions, ind, p))
            .or_else(|| record_growth(&dataset.assumptions, ind))
            .unwrap_or(0.0);
        let linear = ind.model == Model::Linear;
        let spread = ind
            .spread
            .or_else(|| historical_spread(ind))
            .unwrap_or(if linear {
                FALLBACK_SPREAD_POINTS
            } else {
                FALLBACK_SPREAD_RATE
            });
        let value_of = |v: &Option<crate::dataset::Assumption>| v.as_ref().map(|a| a.value);
        let s = Scenario {
            indicator: ind.id.clone(),
            model: ind.model,
            goal: ind.goal(),
            base_year,
            base_value,
            target_year,
            target,
            real_growth: input
                .real_growth
                .unwrap_or(if ind.model == Model::PerCapita {
                    growth
                } else {
                    0.0
                }),
            inflation: input.inflation.or(value_of(&a.inflation)).unwrap_or(0.0),
            population_growth: input
                .population_growth
                .or(value_of(&a.population_growth))
                .unwrap_or(0.0),
            growth: input.growth.unwrap_or(if ind.model == Model::PerCapita {
                0.0
            } else {
                growth
            }),
            fx_base: input.fx_base.or(value_of(&a.fx_base)),
            fx_change: input.fx_change.or(value_of(&a.fx_change)).unwrap_or(0.0),
            spread: input.spread.unwrap_or(spread),
            paths: input.paths.unwrap_or(if ind.model == Model::TermTotal {
                0
            } else {
                DEFAULT_PATHS
            }),
            seed: input.seed.unwrap_or(DEFAULT_SEED),
            percentiles: input
                .percentiles
                .clone()
                .unwrap_or_else(|| vec![10.0, 50.0, 90.0]),
            step_years,
            bounds: bounds(ind),
        };
        s.validate()?;
        Ok(s)
    }

    /// A preset for an indicator, resolved against the dataset.
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
    pub fn preset(dataset: &Dataset, indicator: &str, name: &str) -> Result<Self, FieldError> {
        Self::resolve(&preset_input(dataset, indicator, name)?, dataset)
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
    pub fn validate(&self) -> Result<(), FieldError> {
        let linear = self.model == Model::Linear;
        if !(1900..=2200).contains(&self.base_year) {
            return Err(bad(
                "baseYear",
                Problem::YearOutside {
                    year: i64::from(self.base_year),
                },
            ));
        }
        let span = i64::from(self.target_year) - i64::from(self.base_year);
        if span < 1 {
            return Err(bad(
                "targetYear",
                Problem::TargetYearNotAfter {
                    base: self.base_year,
                },
            ));
        }
        if span > growth::MAX_YEARS as i64 {
            return Err(bad("targetYear", Problem::TargetYearTooFar));
        }
        if span % i64::from(self.step_years.max(1)) != 0 {
            return Err(bad(
                "targetYear",
                Problem::WholeTerms {
                    term: self.step_years,
                },
            ));
        }
        let level = |v: f64| -> Result<(), FieldError> {
            if linear || self.model == Model::Rate {
                growth::finite("targetValue", v)
                    .map(drop)
                    .map_err(from_growth)
            } else {
                growth::positive("targetValue", v)
                    .map(drop)
                    .map_err(from_growth)
            }
        };
        if let Some(t) = self.target {
            level(t.low())?;
            level(t.high())?;
        }
        let check = |r: Result<f64, GrowthError>| r.map(drop).map_err(from_growth);
        if linear || self.model == Model::Rate {
            check(growth::finite("baseValue", self.base_value))?;
        } else {
            check(growth::positive("baseValue", self.base_value))?;
        }
        if linear {
            check(growth::finite("growth", self.growth))?;
        } else {
            check(growth::rate("growth", self.growth))?;
        }
        check(growth::rate("realGrowth", self.real_growth))?;
        check(growth::rate("inflation", self.inflation))?;
        check(growth::rate("populationGrowth", self.population_growth))?;
        if let Some(fx) = self.fx_base {
            check(growth::positive("fxBase", fx))?;
        }
        check(growth::rate("fxChange", self.fx_change))?;
        check(growth::finite("spread", self.spread))?;
        let max_spread = if linear { 100.0 } else { 1.0 };
        if !(0.0..=max_spread).contains(&self.spread) {
            return Err(bad(
                "spread",
                Problem::OutOfRange {
                    lo: 0.0,
                    hi: max_spread,
                    value: self.spread,
                    percent: !linear,
                },
            ));
        }
        if self.paths > MAX_PATHS || u64::from(self.paths) * span as u64 > MAX_PATH_YEARS {
            return Err(bad(
                "paths",
                Problem::TooManyPaths {
                    limit: u64::from(MAX_PATHS),
                },
            ));
        }
        if self.percentiles.is_empty()
            || self.percentiles.len() > 9
            || self
                .percentiles
                .iter()
                .any(|p| !p.is_finite() || !(0.0..=100.0).contains(p))
        {
            return Err(bad("percentiles", Problem::Percentiles));
        }
        self.rate()?;
        Ok(())
    }

    /// Years from base to target.
    pub fn span(&self) -> u32 {
        u32::try_from(self.target_year - self.base_year).unwrap_or(0)
    }

    /// Steps of the path from base to target (years, or terms).
    pub fn steps(&self) -> u32 {
        self.span() / self.step_years.max(1)
    }

    /// The rate a step of the path moves at: per-capita nominal growth, the
    /// growth rate, points a year (linear), a term's change (term total), the
    /// rate itself (rate).
    ///
    /// # Errors
    /// An extreme combination that overflows.
    pub fn rate(&self) -> Result<f64, FieldError> {
        match self.model {
            Model::PerCapita => growth::per_capita_nominal_growth(
                self.real_growth,
                self.inflation,
                self.population_growth,
            )
            .map_err(from_growth),
            _ => Ok(self.growth),
        }
    }

    /// Whether `v` is at or beyond `threshold` in the better direction.
    pub fn reaches(&self, v: f64, threshold: f64) -> bool {
        match self.goal {
            Goal::Higher => v >= threshold,
            Goal::Lower => v <= threshold,
        }
    }

    /// The figure to reach: the near end of the target (its low end when
    /// higher is better, its high end when lower is).
    pub fn threshold(&self) -> Option<f64> {
        self.target.map(|t| match self.goal {
            Goal::Higher => t.low(),
            Goal::Lower => t.high(),
        })
    }
}

/// The scenario input of a preset: its growth, for the indicator.
///
/// # Errors
/// Unknown indicator or preset.
pub fn preset_input(
    dataset: &Dataset,
    indicator: &str,
    name: &str,
) -> Result<ScenarioInput, FieldError> {
    let ind = dataset.indicator(indicator).ok_or_else(|| {
        bad(
            "indicator",
            Problem::UnknownIndicator {
                id: indicator.to_string(),
            },
        )
    })?;
    let p = ind.scenarios.get(name).ok_or_else(|| {
        bad(
            "preset",
            Problem::UnknownPreset {
                name: name.to_string(),
            },
        )
    })?;
    let g = preset_growth(&dataset.assumptions, ind, p);
    Ok(ScenarioInput {
        indicator: Some(indicator.to_string()),
        real_growth: if ind.model == Model::PerCapita {
            g
        } else {
            None
        },
        growth: if ind.model == Model::PerCapita {
            None
        } else {
            g
        },
        ..Default::default()
    })
}

/// Uncertainty bands, as the page reads them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandsOut {
    pub percentiles: Vec<f64>,
    /// `values[i][k]`: percentile `i` in year `k`.
    pub values: Vec<Vec<f64>>,
}

/// What a scenario leads to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    pub scenario: Scenario,
    pub years: Vec<i32>,
    pub values: Vec<f64>,
    /// The rate a step moves at (see [`Scenario::rate`]).
    pub rate: f64,
    pub bands: Option<BandsOut>,
    /// Share of the Monte Carlo paths that reach the target by the target year.
    pub probability: Option<f64>,
    pub target_year: i32,
    /// The target's low and high ends (equal for one figure).
    pub target_low: Option<f64>,
    pub target_high: Option<f64>,
    /// The constant rate (or step) that reaches the near end of the target
    /// in the target year, and the far end's (a range's other end).
    pub required_rate: Option<f64>,
    pub required_rate_far: Option<f64>,
    /// Per-capita only: the real growth the required rate needs under the
    /// scenario's prices and population.
    pub required_real_growth: Option<f64>,
    /// Per-capita only: the price growth at which the scenario's real growth
    /// gives exactly the required rate.
    pub implied_inflation: Option<f64>,
    /// The first year the path is at or beyond the target, the base year
    /// included, within 100 years.
    pub reached_year: Option<i32>,
    pub value_at_target_year: f64,
    /// `value_at_target_year / target` (a higher-is-better target).
    pub share_of_target: Option<f64>,
    /// The change from base to target year: a fraction, or points (linear).
    pub cumulative_change: f64,
    /// The change the target asks for, in the same terms.
    pub required_cumulative_change: Option<f64>,
    /// VND per USD each year (per-capita only, with an exchange rate).
    pub fx: Option<Vec<f64>>,
    /// The path in USD (per-capita only, with an exchange rate).
    pub usd: Option<Vec<f64>>,
}

/// Project a scenario.
///
/// ```text
/// rate      = (1+real)(1+inflation)/(1+population) − 1      (per capita)
/// values[k] = base · (1 + rate)^k                             (compound, per step)
///           = clamp(base + rate · k, 0, 100)                  (linear, in %)
///           = 100 · rate                                      (rate, k ≥ 1)
/// required  = (target / base)^(1/steps) − 1  |  (target − base) / span
/// ```
///
/// # Errors
/// Never for a scenario from [`Scenario::resolve`]; overflow of an extreme
/// scenario is reported as a [`FieldError`].
///
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, scenario::{project, Scenario, ScenarioInput}};
/// let d = Dataset::default_lang_son().unwrap();
/// let s = Scenario::resolve(&ScenarioInput::default(), &d).unwrap();
/// let p = project(&s).unwrap();
/// assert!((p.required_rate.unwrap() - 0.1283).abs() < 5e-5);
/// assert_eq!((p.years.first(), p.years.last()), (Some(&2025), Some(&2030)));
/// ```
/// A dataset text read and checked as [`Dataset::from_json`] does, and
/// each indicator's own scenario worked out ([`problems`]): what the
/// widget loads.
///
/// # Errors
/// The first problem.
pub fn load(text: &str) -> Result<Dataset, FieldError> {
    let d = Dataset::from_json(text)?;
    match problems(&d).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(d),
    }
}

/// Every problem of a dataset text ([`Dataset::check`], then, when it reads
/// and passes, [`problems`]). Empty: the widget can show it.
pub fn check(text: &str) -> Vec<FieldError> {
    let found = Dataset::check(text);
    if !found.is_empty() {
        return found;
    }
    Dataset::read(text).map_or_else(|e| vec![e], |d| problems(&d))
}

/// Indicators a dataset gives that its own scenario cannot be worked out
/// for, though every field reads: a record so uneven that the uncertainty
/// worked out from it is beyond any simulation (a figure typed with an
/// extra ".000"), or figures whose path overflows. Each names the
/// indicator's figures (`indicators[i].history`) and wraps the reason.
pub fn problems(d: &Dataset) -> Vec<FieldError> {
    (0..d.indicators.len())
        .filter_map(|i| indicator_problem(d, i))
        .collect()
}

/// [`problems`] for the indicator at `i` alone (what the widget checks as
/// it opens one: the other indicators are not worked out at start-up).
pub fn indicator_problem(d: &Dataset, i: usize) -> Option<FieldError> {
    let ind = d.indicators.get(i)?;
    if ind.model == Model::Shares {
        return None;
    }
    // A preset left for the engine to work out needs a record to work it
    // out from: with one figure, its button would show no rate and do nothing.
    if historical_rate(ind).is_none() {
        if let Some((name, _)) = ind
            .scenarios
            .0
            .iter()
            .find(|(_, p)| preset_growth(&d.assumptions, ind, p).is_none())
        {
            return Some(FieldError::new(
                format!("indicators[{i}].scenarios.{name}"),
                Problem::PresetNeedsRate {
                    key: ind.model.growth_key().into(),
                },
            ));
        }
    }
    let input = ScenarioInput {
        indicator: Some(ind.id.clone()),
        paths: Some(0),
        ..Default::default()
    };
    let e = Scenario::resolve(&input, d)
        .and_then(|s| project(&s))
        .err()?;
    Some(FieldError::new(
        format!("indicators[{i}].history"),
        Problem::Unshowable {
            vi: ind.label.text(crate::lang::Lang::Vi).to_string(),
            en: ind.label.text(crate::lang::Lang::En).to_string(),
            inner: Box::new(e.problem),
        },
    ))
}

pub fn project(s: &Scenario) -> Result<Projection, FieldError> {
    project_with(s, &mut montecarlo::Draws::new(u64::from(s.seed)))
}

fn path_values(s: &Scenario, rate: f64) -> Result<Vec<f64>, FieldError> {
    let steps = s.steps();
    let (lo, hi) = s.bounds;
    let values = match s.model {
        Model::Linear => growth::linear_series(s.base_value, rate, steps).map_err(from_growth)?,
        Model::Rate => std::iter::once(s.base_value)
            .chain((0..steps).map(|_| rate * 100.0))
            .collect(),
        _ => growth::project_series(s.base_value, rate, steps).map_err(from_growth)?,
    };
    Ok(values
        .into_iter()
        .map(|v| snap(v.max(lo).min(hi)))
        .collect())
}

/// Significant digits a path's values keep (see [`snap`]).
pub const PATH_DIGITS: i32 = 12;

/// `v` to [`PATH_DIGITS`] significant digits: the decimal the arithmetic
/// meant, without its binary noise. 18,3 + 6 × 3,3 is 38,099999999999994 in
/// floating point; a share that lands on a 38,1 % target lands on it (not
/// "38,10000% … falls short"). A real difference (92,9999978 against a
/// target of 93) is twelve digits clear of the noise and stays.
/// # Example
/// ```
/// use grdp_whatif::scenario::snap;
/// assert_eq!(snap(18.3 + 6.0 * 3.3), 38.1);
/// assert_eq!(snap(100.0 * (1.0 - 0.0652)), 93.48);
/// assert_eq!(snap(92.999_997_8), 92.999_997_8);
/// assert_eq!(snap(0.0), 0.0);
/// ```
pub fn snap(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let k = PATH_DIGITS - 1 - v.abs().log10().floor() as i32;
    // Both ways through exact powers of ten (up to 1e22), so the result is
    // the double nearest the rounded decimal.
    let snapped = if (0..=22).contains(&k) {
        let p = 10f64.powi(k);
        (v * p).round() / p
    } else if (-22..0).contains(&k) {
        let p = 10f64.powi(-k);
        (v / p).round() * p
    } else {
        v
    };
    if snapped.is_finite() {
        snapped
    } else {
        v
    }
}

/// The rate (or step) that takes the base to `t` in the target year.
fn required(s: &Scenario, t: f64) -> Result<f64, FieldError> {
    let steps = f64::from(s.steps());
    match s.model {
        Model::Linear => Ok((t - s.base_value) / f64::from(s.span())),
        Model::Rate => Ok(t / 100.0),
        _ => growth::required_growth_rate(s.base_value, t, steps).map_err(from_growth),
    }
}

/// The first year the path is at or beyond `t` (the base year included).
/// Within the projected years it is read from the path's own `values` (so
/// the year a path reaches the target and the value it prints there never
/// disagree); beyond them it is worked out from the rate.
fn reach_year(s: &Scenario, rate: f64, t: f64, values: &[f64]) -> Option<i32> {
    let step = s.step_years.max(1) as i32;
    if s.model != Model::Rate {
        // A term's total: the base is the term before, the first term that
        // can reach the target is the next one.
        let first = usize::from(s.model == Model::TermTotal);
        if let Some(k) = values.iter().skip(first).position(|&v| s.reaches(v, t)) {
            let k = i32::try_from(k + first).ok()?;
            return s.base_year.checked_add(k.checked_mul(step)?);
        }
        let last = i32::try_from(values.len().saturating_sub(1)).ok()?;
        let after = s.base_year.checked_add(last.checked_mul(step)?)?;
        return reach_year_by_rate(s, rate, t).map(|y| y.max(after + step));
    }
    reach_year_by_rate(s, rate, t)
}

/// [`reach_year`] from the rate alone.
fn reach_year_by_rate(s: &Scenario, rate: f64, t: f64) -> Option<i32> {
    let step = s.step_years.max(1) as i32;
    // A rate's target is the period's average: the base year's own rate
    // (8,5 % beside a target of 8 %) does not meet it.
    if s.model == Model::Rate {
        return s.reaches(rate * 100.0, t).then_some(s.base_year + 1);
    }
    if s.model == Model::TermTotal {
        // The base is the term before: the first term that can reach the
        // target is the next one.
        if s.reaches(s.base_value * (1.0 + rate), t) {
            return s.base_year.checked_add(step);
        }
    } else if s.reaches(s.base_value, t) {
        return Some(s.base_year);
    }
    let k = match s.model {
        Model::Linear => {
            let k = (t - s.base_value) / rate;
            (k.is_finite() && k > 0.0).then_some(k)
        }
        _ => {
            let k = (t / s.base_value).ln() / rate.ln_1p();
            // A term's total: the first term was checked above; a crossing
            // before it is the path moving away from the target.
            let first = if s.model == Model::TermTotal {
                1.0
            } else {
                0.0
            };
            (k.is_finite() && k > first).then_some(k)
        }
    }?;
    if k > growth::MAX_YEARS {
        return None;
    }
    let whole = (k - growth::YEAR_NOISE).max(0.0).ceil() as i32;
    s.base_year.checked_add(whole.checked_mul(step)?)
}

/// [`project`] keeping the Monte Carlo draws in `draws` between calls (see
/// [`montecarlo::Draws`]): the same projection, faster when a reader moves a
/// slider and the seed stays.
///
/// # Errors
/// As [`project`].
pub fn project_with(s: &Scenario, draws: &mut montecarlo::Draws) -> Result<Projection, FieldError> {
    s.validate()?;
    let rate = s.rate()?;
    let step = s.step_years.max(1) as i32;
    let years: Vec<i32> = (0..=s.steps() as i32)
        .map(|k| s.base_year + k * step)
        .collect();
    let values = path_values(s, rate)?;
    let value_at_target_year = values.last().copied().unwrap_or(s.base_value);
    let threshold = s.threshold();
    let far = s.target.map(|t| match s.goal {
        Goal::Higher => t.high(),
        Goal::Lower => t.low(),
    });
    let required_rate = threshold.map(|t| required(s, t)).transpose()?;
    let required_rate_far = match (far, threshold) {
        (Some(f), Some(t)) if f != t => Some(required(s, f)?),
        _ => None,
    };
    let per_capita = s.model == Model::PerCapita;
    let (required_real_growth, implied_inflation) = match (per_capita, required_rate) {
        (true, Some(r)) => (
            Some(
                growth::real_growth_needed(r, s.inflation, s.population_growth)
                    .map_err(from_growth)?,
            ),
            Some(
                growth::implied_inflation(r, s.real_growth, s.population_growth)
                    .map_err(from_growth)?,
            ),
        ),
        _ => (None, None),
    };
    let reached_year = threshold.and_then(|t| reach_year(s, rate, t, &values));
    let (bands, probability) = simulate(s, rate, threshold, draws);
    let (fx, usd) = match (per_capita, s.fx_base) {
        (true, Some(fx_base)) => {
            let fx: Vec<f64> = years
                .iter()
                .map(|&y| growth::exchange_rate_in(fx_base, s.base_year, s.fx_change, y))
                .collect::<Result<_, _>>()
                .map_err(from_growth)?;
            let usd = values
                .iter()
                .zip(&fx)
                .map(|(&v, &r)| growth::million_vnd_to_usd(v, r))
                .collect::<Result<_, _>>()
                .map_err(from_growth)?;
            (Some(fx), Some(usd))
        }
        _ => (None, None),
    };
    let change = |end: f64| match s.model {
        Model::Linear => end - s.base_value,
        Model::Rate => (1.0 + end / 100.0).powi(s.span() as i32) - 1.0,
        _ => end / s.base_value - 1.0,
    };
    Ok(Projection {
        scenario: s.clone(),
        years,
        values,
        rate,
        bands,
        probability,
        target_year: s.target_year,
        target_low: s.target.map(Level::low),
        target_high: s.target.map(Level::high),
        required_rate,
        required_rate_far,
        required_real_growth,
        implied_inflation,
        reached_year,
        value_at_target_year,
        share_of_target: threshold
            .filter(|t| *t > 0.0 && s.goal == Goal::Higher && s.model != Model::Rate)
            .map(|t| value_at_target_year / t),
        cumulative_change: change(if s.model == Model::Rate {
            rate * 100.0
        } else {
            value_at_target_year
        }),
        required_cumulative_change: threshold.map(change),
        fx,
        usd,
    })
}

/// The Monte Carlo bands and the chance of reaching the target. A rate
/// indicator's chance is that of the period's average rate reaching the
/// target rate (its paths are of the index the rates compound).
fn simulate(
    s: &Scenario,
    rate: f64,
    threshold: Option<f64>,
    draws: &mut montecarlo::Draws,
) -> (Option<BandsOut>, Option<f64>) {
    if s.paths == 0 {
        return (None, None);
    }
    let span = s.steps() as usize;
    let (start, step, aim) = match s.model {
        Model::Rate => (
            100.0,
            Step::Compound { rate },
            // The period's average rate: the index at the end, only (the
            // start, 100, is below a rising aim and "meets" a ceiling).
            threshold.map(|t| Aim {
                years: span,
                value: 100.0 * (1.0 + t / 100.0).powi(span as i32),
                up: s.goal == Goal::Higher,
                from: span,
            }),
        ),
        Model::Linear => (s.base_value, Step::Linear { step: rate }, None),
        _ => (s.base_value, Step::Compound { rate }, None),
    };
    // A term's total counts from the next term: the base is the term before.
    let from = usize::from(s.model == Model::TermTotal);
    let aim = aim.or(threshold.map(|t| Aim {
        years: span,
        value: t,
        up: s.goal == Goal::Higher,
        from,
    }));
    let b = montecarlo::simulate_with(
        &montecarlo::Simulation {
            start,
            step,
            spread: s.spread,
            years: span,
            paths: s.paths as usize,
            seed: u64::from(s.seed),
            bounds: if s.model == Model::Rate {
                UNBOUNDED
            } else {
                s.bounds
            },
        },
        &s.percentiles,
        aim,
        draws,
    );
    let bands = (s.model != Model::Rate).then_some(BandsOut {
        percentiles: b.percentiles,
        values: b.bands,
    });
    (bands, b.probability)
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
pub fn project_shares(ind: &Indicator, end_year: i32) -> Result<SharesProjection, FieldError> {
    if ind.model != Model::Shares {
        return Err(bad("indicator", Problem::SharesNotProjectable));
    }
    let last = ind
        .shares
        .last()
        .ok_or_else(|| bad("indicator", Problem::NeedsShares))?;
    if end_year < last.year {
        return Err(bad(
            "targetYear",
            Problem::TargetYearNotAfter { base: last.year },
        ));
    }
    if i64::from(end_year) - i64::from(last.year) > 100 {
        return Err(bad("targetYear", Problem::TargetYearTooFar));
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

    #[test]
    fn years_out_of_order_are_worded_with_the_start_year() {
        let e = from_growth(growth::compound_rate_between(2025, 71.1, 2020, 44.2).unwrap_err());
        assert_eq!(e.field, "toYear");
        assert!(
            e.message(crate::lang::Lang::En).contains("after 2025"),
            "{}",
            e.message(crate::lang::Lang::En)
        );
        assert!(e.message(crate::lang::Lang::Vi).contains("sau năm 2025"));
    }

    fn d() -> Dataset {
        Dataset::default_lang_son().unwrap()
    }

    #[test]
    fn an_indicator_too_uneven_to_simulate_is_a_problem_of_the_dataset() {
        let d = d();
        assert!(problems(&d).is_empty());
        assert!(check(crate::dataset::DEFAULT_JSON).is_empty());
        let mut bad = d.clone();
        let i = bad
            .indicators
            .iter()
            .position(|x| x.id == "exports")
            .unwrap();
        let ind = &mut bad.indicators[i];
        // A figure typed with an extra ".000".
        for (k, (year, value)) in [(2021, 70.0), (2022, 80.0), (2023, 90.0), (2025, 100_000.0)]
            .into_iter()
            .enumerate()
        {
            let mut p = ind.history[0].clone();
            p.year = year;
            p.value = value;
            if k < ind.history.len() {
                ind.history[k] = p;
            } else {
                ind.history.push(p);
            }
        }
        ind.spread = None;
        let found = problems(&bad);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].field, format!("indicators[{i}].history"));
        let vi = found[0].problem.message(crate::lang::Lang::Vi);
        assert!(vi.contains("“Xuất khẩu") && vi.contains("gõ sai"), "{vi}");
    }

    #[track_caller]
    fn field_of(input: ScenarioInput) -> String {
        Scenario::resolve(&input, &d()).unwrap_err().field
    }

    fn input(ind: &str) -> ScenarioInput {
        ScenarioInput {
            indicator: Some(ind.into()),
            ..Default::default()
        }
    }

    #[track_caller]
    fn projected(input: ScenarioInput) -> Projection {
        project(&Scenario::resolve(&input, &d()).unwrap()).unwrap()
    }

    #[test]
    fn every_bad_field_is_named() {
        let nan = Some(f64::NAN);
        let cases: [(ScenarioInput, &str); 11] = [
            (
                ScenarioInput {
                    real_growth: nan,
                    ..Default::default()
                },
                "realGrowth",
            ),
            (
                ScenarioInput {
                    inflation: Some(-1.0),
                    ..Default::default()
                },
                "inflation",
            ),
            (
                ScenarioInput {
                    population_growth: Some(f64::INFINITY),
                    ..Default::default()
                },
                "populationGrowth",
            ),
            (
                ScenarioInput {
                    target_value: Some(0.0),
                    ..Default::default()
                },
                "targetValue",
            ),
            (
                ScenarioInput {
                    target_year: Some(2200),
                    ..Default::default()
                },
                "targetYear",
            ),
            (
                ScenarioInput {
                    base_value: Some(-1.0),
                    ..Default::default()
                },
                "baseValue",
            ),
            (
                ScenarioInput {
                    spread: Some(2.0),
                    ..Default::default()
                },
                "spread",
            ),
            (
                ScenarioInput {
                    paths: Some(1_000_000),
                    ..Default::default()
                },
                "paths",
            ),
            (
                ScenarioInput {
                    fx_base: Some(0.0),
                    ..Default::default()
                },
                "fxBase",
            ),
            (
                ScenarioInput {
                    percentiles: Some(vec![101.0]),
                    ..Default::default()
                },
                "percentiles",
            ),
            (
                ScenarioInput {
                    indicator: Some("nope".into()),
                    ..Default::default()
                },
                "indicator",
            ),
        ];
        for (i, f) in cases {
            assert_eq!(field_of(i), f);
        }
        assert_eq!(field_of(input("structure")), "indicator");
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
    fn a_target_already_met_is_reached_in_the_base_year_and_certain() {
        let p = projected(ScenarioInput {
            target_value: Some(50.0),
            ..Default::default()
        });
        assert_eq!(p.reached_year, Some(2025));
        assert_eq!(p.probability, Some(1.0));
        assert!(p.required_rate.unwrap() < 0.0);
        // Poverty: lower is better; 1.36 % is already below a 2 % target.
        let p = projected(ScenarioInput {
            target_value: Some(2.0),
            ..input("poorHouseholds")
        });
        assert_eq!((p.reached_year, p.probability), (Some(2025), Some(1.0)));
    }

    #[test]
    fn percentages_stay_within_0_and_100() {
        for (ind, g) in [
            ("digitalShare", -5.0),
            ("forestCover", -5.0),
            ("forestCover", 5.0),
            ("digitalShare", 40.0),
        ] {
            let p = projected(ScenarioInput {
                growth: Some(g),
                target_year: Some(2045),
                ..input(ind)
            });
            assert!(
                p.values.iter().all(|v| (0.0..=100.0).contains(v)),
                "{ind} {g}: {:?}",
                p.values
            );
            let b = p.bands.unwrap();
            assert!(
                b.values.iter().flatten().all(|v| (0.0..=100.0).contains(v)),
                "{ind} {g}"
            );
        }
    }

    #[test]
    fn a_range_target_is_a_range() {
        let p = projected(input("exports"));
        let (lo, hi) = (p.target_low.unwrap(), p.target_high.unwrap());
        assert!(lo < hi);
        assert!(
            (p.required_rate.unwrap() - 0.10).abs() < 1e-3,
            "{:?}",
            p.required_rate
        );
        assert!((p.required_rate_far.unwrap() - 0.11).abs() < 1e-3);
        // 10.5 % a year is within the 10–11 % range: reached (its low end) in 2030.
        assert_eq!(p.reached_year, Some(2030));
    }

    #[test]
    fn a_term_total_is_compared_as_totals() {
        let p = projected(input("investment"));
        assert_eq!(p.years, vec![2025, 2030]);
        assert_eq!(p.values.len(), 2);
        assert_eq!(p.probability, None);
        let s = Scenario::resolve(
            &ScenarioInput {
                target_year: Some(2028),
                ..input("investment")
            },
            &d(),
        );
        assert_eq!(s.unwrap_err().field, "targetYear");
    }

    #[test]
    fn linear_indicator_goal_seek() {
        let p = projected(input("digitalShare"));
        assert_eq!(p.years.first(), Some(&2024));
        assert!((p.required_rate.unwrap() - 1.95).abs() < 1e-9);
        assert_eq!(p.reached_year, Some(2030)); // 2 points a year: 18.3 + 12 = 30.3
    }

    #[test]
    fn indicator_without_target_projects_five_years() {
        let p = projected(input("forestCover"));
        assert_eq!(p.target_year, 2030);
        assert_eq!(
            (p.required_rate, p.probability, p.reached_year),
            (None, None, None)
        );
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
