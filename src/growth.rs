//! Compound growth: paths, goal-seek, real vs nominal, per person, and history.
//!
//! Rates are fractions (`0.128` is 12.8 % a year). Every function validates its
//! arguments and returns a [`GrowthError`] that names the argument at fault;
//! none of them panics.

use std::fmt;

/// The longest horizon any function accepts, in years.
pub const MAX_YEARS: f64 = 100.0;

/// Float noise tolerated when turning fractional years into calendar years:
/// 71.1 at exactly the required rate reaches 130 after 5.000000000000002 years,
/// which is 2030, not 2031.
pub const YEAR_NOISE: f64 = 1e-9;

/// An argument that cannot be used, and why. The `arg` is the argument's
/// JS name (camelCase), so the message can be shown as it is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum GrowthError {
    /// NaN or ±∞.
    NotFinite { arg: &'static str },
    /// Zero or negative where only a positive value has a meaning.
    NotPositive { arg: &'static str, value: f64 },
    /// A rate of −100 % or less.
    RateTooLow { arg: &'static str, value: f64 },
    /// A horizon of more than [`MAX_YEARS`], or negative.
    HorizonOutOfRange { arg: &'static str, value: f64 },
    /// The end year is not after the start year, `base`.
    YearsNotIncreasing { arg: &'static str, base: i32 },
    /// The target can never be reached at this rate.
    Unreachable,
    /// The result is too large to represent.
    Overflow,
}

impl fmt::Display for GrowthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFinite { arg } => write!(f, "{arg} must be a finite number"),
            Self::NotPositive { arg, value } => {
                write!(f, "{arg} must be greater than 0 (got {value})")
            }
            Self::RateTooLow { arg, value } => {
                write!(f, "{arg} must be greater than -1 (-100%) (got {value})")
            }
            Self::HorizonOutOfRange { arg, value } => write!(
                f,
                "{arg} must be between 0 and {MAX_YEARS} years (got {value})"
            ),
            Self::YearsNotIncreasing { arg, base } => {
                write!(f, "{arg} must be after {base}")
            }
            Self::Unreachable => write!(f, "target is unreachable at this rate"),
            Self::Overflow => write!(f, "result is too large to represent"),
        }
    }
}

impl std::error::Error for GrowthError {}

pub(crate) fn finite(arg: &'static str, v: f64) -> Result<f64, GrowthError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(GrowthError::NotFinite { arg })
    }
}

pub(crate) fn positive(arg: &'static str, v: f64) -> Result<f64, GrowthError> {
    let v = finite(arg, v)?;
    if v > 0.0 {
        Ok(v)
    } else {
        Err(GrowthError::NotPositive { arg, value: v })
    }
}

pub(crate) fn rate(arg: &'static str, v: f64) -> Result<f64, GrowthError> {
    let v = finite(arg, v)?;
    if v > -1.0 {
        Ok(v)
    } else {
        Err(GrowthError::RateTooLow { arg, value: v })
    }
}

pub(crate) fn horizon(arg: &'static str, v: f64) -> Result<f64, GrowthError> {
    let v = finite(arg, v)?;
    if (0.0..=MAX_YEARS).contains(&v) {
        Ok(v)
    } else {
        Err(GrowthError::HorizonOutOfRange { arg, value: v })
    }
}

fn checked(v: f64) -> Result<f64, GrowthError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(GrowthError::Overflow)
    }
}

/// The constant yearly rate that takes `start` to `target` in `years`.
///
/// ```text
/// r = (target / start)^(1 / years) − 1
/// ```
///
/// `years` may be fractional.
///
/// # Errors
/// `start` or `target` not finite and positive; `years` not in (0, 100].
///
/// # Example
/// ```
/// let r = grdp_whatif::growth::required_growth_rate(71.1, 130.0, 5.0).unwrap();
/// assert!((r - 0.1283).abs() < 5e-5);
/// ```
pub fn required_growth_rate(start: f64, target: f64, years: f64) -> Result<f64, GrowthError> {
    let start = positive("start", start)?;
    let target = positive("target", target)?;
    let years = horizon("years", years)?;
    if years <= 0.0 {
        return Err(GrowthError::NotPositive {
            arg: "years",
            value: years,
        });
    }
    // Check the result, not only the exponent: a finite exponent can still
    // overflow exp (found by cargo fuzz: years = 1.8e-307).
    checked(((target.ln() - start.ln()) / years).exp_m1())
}

/// The fractional number of years `start` takes to reach `target` at `rate`.
///
/// ```text
/// t = ln(target / start) / ln(1 + rate)
/// ```
///
/// Zero when `start` already equals `target`.
///
/// # Errors
/// Non-finite or non-positive `start`/`target`; `rate` ≤ −100 %;
/// [`GrowthError::Unreachable`] when the rate moves away from the target (or is 0)
/// or would take more than [`MAX_YEARS`].
///
/// # Example
/// ```
/// use grdp_whatif::growth::years_to_target;
/// let t = years_to_target(100.0, 200.0, 0.07).unwrap();
/// assert!((t - 10.2448).abs() < 1e-4); // the rule of 70
/// assert!(years_to_target(100.0, 200.0, -0.01).is_err());
/// ```
pub fn years_to_target(start: f64, target: f64, rate_: f64) -> Result<f64, GrowthError> {
    let start = positive("start", start)?;
    let target = positive("target", target)?;
    let r = rate("rate", rate_)?;
    let need = target.ln() - start.ln();
    if need == 0.0 {
        return Ok(0.0);
    }
    let per_year = r.ln_1p();
    if per_year == 0.0 || need.signum() != per_year.signum() {
        return Err(GrowthError::Unreachable);
    }
    let t = need / per_year;
    if t.is_finite() && t <= MAX_YEARS {
        Ok(t)
    } else {
        Err(GrowthError::Unreachable)
    }
}

/// The value `start` reaches after `years` (possibly fractional) at `rate`.
///
/// ```text
/// v = start · (1 + rate)^years
/// ```
///
/// # Errors
/// Non-finite or non-positive `start`; `rate` ≤ −100 %; `years` outside [0, 100];
/// a result too large for an `f64`.
///
/// # Example
/// ```
/// let v = grdp_whatif::growth::value_after(71.1, 0.1283, 5.0).unwrap();
/// assert!((v - 130.0).abs() < 0.05);
/// ```
pub fn value_after(start: f64, rate_: f64, years: f64) -> Result<f64, GrowthError> {
    let start = positive("start", start)?;
    let r = rate("rate", rate_)?;
    let years = horizon("years", years)?;
    checked(start * (r.ln_1p() * years).exp())
}

/// `years + 1` values: `start` and each whole year after it at a constant `rate`.
///
/// ```text
/// v[k] = start · (1 + rate)^k,  k = 0..=years
/// ```
///
/// # Errors
/// As [`value_after`]; `years` above 100.
///
/// # Example
/// ```
/// let v = grdp_whatif::growth::project_series(100.0, 0.1, 2).unwrap();
/// assert_eq!(v.len(), 3);
/// assert!((v[2] - 121.0).abs() < 1e-9);
/// ```
pub fn project_series(start: f64, rate_: f64, years: u32) -> Result<Vec<f64>, GrowthError> {
    let start = positive("start", start)?;
    let r = rate("rate", rate_)?;
    horizon("years", f64::from(years))?;
    let mut out = Vec::with_capacity(years as usize + 1);
    let mut v = start;
    out.push(v);
    for _ in 0..years {
        v = checked(v * (1.0 + r))?;
        out.push(v);
    }
    Ok(out)
}

/// The path from `start` with a rate for each year in turn (a schedule such as
/// 2026: 10 %, 2027: 10.5 %, …). Returns `rates.len() + 1` values.
///
/// ```text
/// v[0] = start,  v[k] = v[k−1] · (1 + rates[k−1])
/// ```
///
/// # Errors
/// Non-finite or non-positive `start`; any rate ≤ −100 % (named `rates[i]`); more
/// than 100 rates; overflow.
///
/// # Example
/// ```
/// let v = grdp_whatif::growth::project_schedule(100.0, &[0.10, 0.20]).unwrap();
/// assert!((v[2] - 132.0).abs() < 1e-9);
/// ```
pub fn project_schedule(start: f64, rates: &[f64]) -> Result<Vec<f64>, GrowthError> {
    let start = positive("start", start)?;
    horizon("rates.length", rates.len() as f64)?;
    let mut out = Vec::with_capacity(rates.len() + 1);
    let mut v = start;
    out.push(v);
    for &r in rates {
        let r = rate("rates[i]", r)?;
        v = checked(v * (1.0 + r))?;
        out.push(v);
    }
    Ok(out)
}

/// The first calendar year in which a path from `start` in `base_year` at `rate`
/// is at or beyond `target` (years are counted whole: reaching it 4.2 years after
/// 2025 means 2030). `None` when it never does within [`MAX_YEARS`].
///
/// ```text
/// year = base_year + ⌈years_to_target(start, target, rate)⌉
/// ```
///
/// # Errors
/// As [`years_to_target`], except that an unreachable target is `Ok(None)`.
///
/// # Example
/// ```
/// use grdp_whatif::growth::first_year_reaching;
/// assert_eq!(first_year_reaching(2025, 71.1, 130.0, 0.13).unwrap(), Some(2030));
/// assert_eq!(first_year_reaching(2025, 71.1, 130.0, 0.10).unwrap(), Some(2032));
/// ```
pub fn first_year_reaching(
    base_year: i32,
    start: f64,
    target: f64,
    rate_: f64,
) -> Result<Option<i32>, GrowthError> {
    match years_to_target(start, target, rate_) {
        // t ≤ 100, but base_year can be anything: a year past i32 is never reached
        // (found by cargo fuzz: base_year = i32::MAX overflowed).
        Ok(t) => Ok(base_year.checked_add((t - YEAR_NOISE).max(0.0).ceil() as i32)),
        Err(GrowthError::Unreachable) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Nominal growth of a per-person value from real growth of the total, price
/// growth (the deflator) and population growth.
///
/// ```text
/// per_capita_nominal = (1 + real) · (1 + inflation) / (1 + population) − 1
/// ```
///
/// # Errors
/// Any argument not finite or ≤ −100 %.
///
/// # Example
/// ```
/// let n = grdp_whatif::growth::per_capita_nominal_growth(0.071, 0.035, 0.008).unwrap();
/// assert!((n - 0.0997).abs() < 5e-4);
/// ```
pub fn per_capita_nominal_growth(
    real_growth: f64,
    inflation: f64,
    population_growth: f64,
) -> Result<f64, GrowthError> {
    let g = rate("realGrowth", real_growth)?;
    let p = rate("inflation", inflation)?;
    let n = rate("populationGrowth", population_growth)?;
    checked((1.0 + g) * (1.0 + p) / (1.0 + n) - 1.0)
}

/// The real growth of the total that a per-person nominal growth needs, under
/// given price and population growth: the inverse of
/// [`per_capita_nominal_growth`].
///
/// ```text
/// real = (1 + per_capita_nominal) · (1 + population) / (1 + inflation) − 1
/// ```
///
/// # Errors
/// Any argument not finite or ≤ −100 %.
///
/// # Example
/// ```
/// let g = grdp_whatif::growth::real_growth_needed(0.1283, 0.035, 0.008).unwrap();
/// assert!((g - 0.0989).abs() < 5e-4);
/// ```
pub fn real_growth_needed(
    per_capita_nominal: f64,
    inflation: f64,
    population_growth: f64,
) -> Result<f64, GrowthError> {
    let c = rate("perCapitaNominalGrowth", per_capita_nominal)?;
    let p = rate("inflation", inflation)?;
    let n = rate("populationGrowth", population_growth)?;
    checked((1.0 + c) * (1.0 + n) / (1.0 + p) - 1.0)
}

/// The price growth (deflator) under which real growth and per-person nominal
/// growth are the same claim.
///
/// ```text
/// inflation = (1 + per_capita_nominal) · (1 + population) / (1 + real) − 1
/// ```
///
/// # Errors
/// Any argument not finite or ≤ −100 %.
///
/// # Example
/// ```
/// let p = grdp_whatif::growth::implied_inflation(0.0997, 0.071, 0.008).unwrap();
/// assert!((p - 0.035).abs() < 5e-4);
/// ```
pub fn implied_inflation(
    per_capita_nominal: f64,
    real_growth: f64,
    population_growth: f64,
) -> Result<f64, GrowthError> {
    let c = rate("perCapitaNominalGrowth", per_capita_nominal)?;
    let g = rate("realGrowth", real_growth)?;
    let n = rate("populationGrowth", population_growth)?;
    checked((1.0 + c) * (1.0 + n) / (1.0 + g) - 1.0)
}

/// The compound yearly rate between two dated values.
///
/// ```text
/// cagr = (v1 / v0)^(1 / (y1 − y0)) − 1
/// ```
///
/// # Errors
/// Non-positive values; `y1` not after `y0`; more than 100 years apart.
///
/// # Example
/// ```
/// let r = grdp_whatif::growth::compound_rate_between(2020, 44.2, 2025, 71.1).unwrap();
/// assert!((r - 0.0997).abs() < 5e-4);
/// ```
pub fn compound_rate_between(y0: i32, v0: f64, y1: i32, v1: f64) -> Result<f64, GrowthError> {
    if y1 <= y0 {
        return Err(GrowthError::YearsNotIncreasing {
            arg: "toYear",
            base: y0,
        });
    }
    required_growth_rate(v0, v1, f64::from(y1) - f64::from(y0))
}

/// A linear path: `start + step · k` for `k = 0..=years`, used for shares in
/// percentage points (forest cover, digital-economy share).
///
/// # Errors
/// Non-finite `start` or `step`; `years` above 100; overflow.
///
/// # Example
/// ```
/// let v = grdp_whatif::growth::linear_series(64.5, 0.3, 2).unwrap();
/// assert!((v[2] - 65.1).abs() < 1e-9);
/// ```
pub fn linear_series(start: f64, step: f64, years: u32) -> Result<Vec<f64>, GrowthError> {
    let start = finite("start", start)?;
    let step = finite("step", step)?;
    horizon("years", f64::from(years))?;
    (0..=years)
        .map(|k| checked(start + step * f64::from(k)))
        .collect()
}

/// Exchange rate (VND per USD) in `year`, from `base_rate` in `base_year` changing
/// by `yearly_change` a year (positive = the dong weakens).
///
/// ```text
/// fx(year) = base_rate · (1 + yearly_change)^(year − base_year)
/// ```
///
/// # Errors
/// Non-positive `base_rate`; `yearly_change` ≤ −100 %; years more than 100 apart.
///
/// # Example
/// ```
/// let fx = grdp_whatif::growth::exchange_rate_in(24_517.0, 2025, 0.0118, 2030).unwrap();
/// assert!((fx - 26_000.0).abs() < 20.0);
/// ```
pub fn exchange_rate_in(
    base_rate: f64,
    base_year: i32,
    yearly_change: f64,
    year: i32,
) -> Result<f64, GrowthError> {
    let base_rate = positive("fxBase", base_rate)?;
    let r = rate("fxChange", yearly_change)?;
    let dy = f64::from(year) - f64::from(base_year);
    if dy.abs() > MAX_YEARS {
        return Err(GrowthError::HorizonOutOfRange {
            arg: "year",
            value: dy,
        });
    }
    checked(base_rate * (r.ln_1p() * dy).exp())
}

/// Million VND to USD at `vnd_per_usd`.
///
/// ```text
/// usd = million_vnd · 1 000 000 / vnd_per_usd
/// ```
///
/// # Errors
/// Non-finite `million_vnd`; non-positive `vnd_per_usd`.
///
/// # Example
/// ```
/// let usd = grdp_whatif::growth::million_vnd_to_usd(71.1, 24_517.0).unwrap();
/// assert!((usd - 2_900.0).abs() < 1.0);
/// ```
pub fn million_vnd_to_usd(million_vnd: f64, vnd_per_usd: f64) -> Result<f64, GrowthError> {
    let m = finite("value", million_vnd)?;
    let fx = positive("vndPerUsd", vnd_per_usd)?;
    checked(m * 1.0e6 / fx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_argument() {
        let e = required_growth_rate(f64::NAN, 1.0, 1.0).unwrap_err();
        assert_eq!(e.to_string(), "start must be a finite number");
        let e = required_growth_rate(1.0, -2.0, 1.0).unwrap_err();
        assert!(e.to_string().starts_with("target must be greater than 0"));
        let e = required_growth_rate(1.0, 2.0, 101.0).unwrap_err();
        assert!(e.to_string().starts_with("years must be between 0 and 100"));
        let e = value_after(1.0, -1.0, 1.0).unwrap_err();
        assert!(e.to_string().starts_with("rate must be greater than -1"));
        assert_eq!(
            compound_rate_between(2025, 1.0, 2020, 2.0).unwrap_err(),
            GrowthError::YearsNotIncreasing {
                arg: "toYear",
                base: 2025
            }
        );
        // The message names the start year, not a placeholder.
        let e = compound_rate_between(2020, 44.2, 2020, 71.1).unwrap_err();
        assert_eq!(e.to_string(), "toYear must be after 2020");
    }

    #[test]
    fn zero_years_is_rejected_for_goal_seek() {
        assert!(matches!(
            required_growth_rate(1.0, 2.0, 0.0),
            Err(GrowthError::NotPositive { arg: "years", .. })
        ));
    }

    #[test]
    fn overflow_is_an_error_not_infinity() {
        assert_eq!(
            value_after(1e300, 1e10, 100.0).unwrap_err(),
            GrowthError::Overflow
        );
        assert_eq!(
            project_series(1e300, 1e10, 100).unwrap_err(),
            GrowthError::Overflow
        );
    }

    #[test]
    fn tiny_horizon_overflows_to_an_error() {
        // Found by cargo fuzz (engine_api): used to return Ok(inf).
        assert_eq!(
            required_growth_rate(
                1.390671161565785e-309,
                5.340177264561806e-307,
                1.7800590868057611e-307
            ),
            Err(GrowthError::Overflow)
        );
    }

    #[test]
    fn year_past_i32_is_never_reached() {
        // Found by cargo fuzz (engine_api): used to overflow.
        assert_eq!(first_year_reaching(i32::MAX, 1.0, 2.0, 0.5).unwrap(), None);
    }

    #[test]
    fn already_at_target_takes_no_time() {
        assert_eq!(years_to_target(5.0, 5.0, 0.0).unwrap(), 0.0);
        assert_eq!(
            first_year_reaching(2025, 5.0, 5.0, 0.1).unwrap(),
            Some(2025)
        );
    }

    #[test]
    fn decline_reaches_a_lower_target() {
        let t = years_to_target(7.89, 1.36, -0.3).unwrap();
        assert!(t > 4.0 && t < 5.0, "{t}");
    }

    #[test]
    fn schedule_names_bad_rate() {
        let e = project_schedule(1.0, &[0.1, f64::INFINITY]).unwrap_err();
        assert_eq!(e, GrowthError::NotFinite { arg: "rates[i]" });
    }
}
