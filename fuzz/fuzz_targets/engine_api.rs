//! Arbitrary floats into every public function of the engine: errors are
//! fine, panics are not, and any Ok value must be finite.
#![no_main]
use arbitrary::Arbitrary;
use grdp_whatif::dataset::Dataset;
use grdp_whatif::growth::*;
use grdp_whatif::scenario::{project, project_shares, Scenario, ScenarioInput};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[derive(Arbitrary, Debug)]
struct Input {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
    n: u32,
    y0: i32,
    y1: i32,
    rates: Vec<f64>,
    scenario: ScenarioFields,
}

#[derive(Arbitrary, Debug)]
struct ScenarioFields {
    indicator: u8,
    base_year: Option<i32>,
    base_value: Option<f64>,
    target_year: Option<i32>,
    target_value: Option<f64>,
    real_growth: Option<f64>,
    inflation: Option<f64>,
    population_growth: Option<f64>,
    growth: Option<f64>,
    fx_base: Option<f64>,
    fx_change: Option<f64>,
    spread: Option<f64>,
    paths: Option<u16>,
    seed: Option<u32>,
    percentiles: Option<Vec<f64>>,
}

fn dataset() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| Dataset::default_lang_son().unwrap_or_else(|_| std::process::abort()))
}

fn finite(r: Result<f64, GrowthError>) {
    if let Ok(v) = r {
        assert!(v.is_finite());
    }
}

fuzz_target!(|x: Input| {
    finite(required_growth_rate(x.a, x.b, x.c));
    finite(years_to_target(x.a, x.b, x.c));
    finite(value_after(x.a, x.b, x.c));
    finite(per_capita_nominal_growth(x.a, x.b, x.c));
    finite(real_growth_needed(x.a, x.b, x.c));
    finite(implied_inflation(x.a, x.b, x.c));
    finite(compound_rate_between(x.y0, x.a, x.y1, x.b));
    finite(exchange_rate_in(x.a, x.y0, x.b, x.y1));
    finite(million_vnd_to_usd(x.a, x.d));
    let _ = first_year_reaching(x.y0, x.a, x.b, x.c);
    if let Ok(v) = project_series(x.a, x.b, x.n % 200) {
        assert!(v.iter().all(|v| v.is_finite()));
    }
    let _ = project_schedule(x.a, &x.rates);
    let _ = linear_series(x.a, x.b, x.n % 200);

    let d = dataset();
    let ids: Vec<&str> = d.indicators.iter().map(|i| i.id.as_str()).collect();
    let s = &x.scenario;
    let input = ScenarioInput {
        indicator: ids.get(usize::from(s.indicator) % (ids.len() + 1)).map(|s| s.to_string()),
        base_year: s.base_year,
        base_value: s.base_value,
        target_year: s.target_year,
        target_value: s.target_value,
        real_growth: s.real_growth,
        inflation: s.inflation,
        population_growth: s.population_growth,
        growth: s.growth,
        fx_base: s.fx_base,
        fx_change: s.fx_change,
        spread: s.spread,
        paths: s.paths.map(|p| u32::from(p % 4096)),
        seed: s.seed,
        percentiles: s.percentiles.clone(),
    };
    if let Ok(sc) = Scenario::resolve(&input, d) {
        if let Ok(p) = project(&sc) {
            assert!(p.values.iter().all(|v| v.is_finite()));
        }
    }
    if let Some(ind) = d.indicator("structure") {
        let _ = project_shares(ind, x.y1);
    }
});
