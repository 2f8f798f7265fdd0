//! Native timings of the engine (a benchmark that prints figures, not a test).
//!
//!     cargo run --release --example bench
use grdp_whatif::dataset::Dataset;
use grdp_whatif::growth;
use grdp_whatif::montecarlo::Draws;
use grdp_whatif::scenario::{project, project_with, Scenario, ScenarioInput};
use std::hint::black_box;
use std::time::Instant;

/// Median and 95th percentile of `runs` timings of `f`, in microseconds.
fn time<F: FnMut()>(runs: usize, mut f: F) -> (f64, f64) {
    for _ in 0..runs.min(20) {
        f();
    }
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    t.sort_by(f64::total_cmp);
    let at = |q: f64| {
        t.get(((t.len() - 1) as f64 * q) as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    (at(0.5), at(0.95))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let d = Dataset::default_lang_son()?;
    println!(
        "{:<58} {:>12} {:>12}",
        "native (release)", "median µs", "p95 µs"
    );
    let row = |name: &str, (m, p): (f64, f64)| println!("{name:<58} {m:>12.3} {p:>12.3}");
    // What a slider step asks of the engine: the whole presentation of the
    // view (cards, sentence, controls, chart spec, sources), the trend kept.
    {
        use grdp_whatif::present::{controls, present, TrendCache, ViewInput};
        let mut input = ViewInput {
            indicator: "grdpPerCapita".into(),
            lang: grdp_whatif::lang::Lang::Vi,
            preset: "custom".into(),
            scenario: controls::start(&d, "grdpPerCapita")?,
            ..Default::default()
        };
        let mut draws = Draws::new(0);
        let mut cache = TrendCache::default();
        let mut k = 0u32;
        row(
            "present(): GRDP per capita, a slider step (2,000 paths)",
            time(300, || {
                k += 1;
                input.scenario.real_growth = Some(0.1 + f64::from(k % 50) * 0.001);
                black_box(present(&d, &input, &mut draws, &mut cache).ok());
            }),
        );
        let s = Scenario::resolve(&input.scenario, &d)?;
        row(
            "  of which: project() of the scenario, draws kept",
            time(300, || {
                black_box(project_with(black_box(&s), &mut draws).ok());
            }),
        );
    }
    for paths in [0u32, 1_000, 10_000, 100_000] {
        let s = Scenario::resolve(
            &ScenarioInput {
                paths: Some(paths),
                ..Default::default()
            },
            &d,
        )?;
        let runs = if paths >= 100_000 { 30 } else { 300 };
        row(
            &format!("project(): 5-year per-capita scenario, {paths} paths"),
            time(runs, || {
                black_box(project(black_box(&s)).ok());
            }),
        );
        // A slider step: same seed, so the draws kept from the last step serve.
        let mut draws = Draws::new(0);
        row(
            "  the same, draws kept between calls (a slider step)",
            time(runs, || {
                black_box(project_with(black_box(&s), &mut draws).ok());
            }),
        );
    }
    row(
        "requiredGrowthRate",
        time(100_000, || {
            black_box(
                growth::required_growth_rate(black_box(71.1), black_box(130.0), black_box(5.0))
                    .ok(),
            );
        }),
    );
    row(
        "yearsToTarget",
        time(100_000, || {
            black_box(
                growth::years_to_target(black_box(71.1), black_box(130.0), black_box(0.1)).ok(),
            );
        }),
    );
    row(
        "projectSeries (5 years)",
        time(100_000, || {
            black_box(
                growth::project_series(black_box(71.1), black_box(0.1283), black_box(5)).ok(),
            );
        }),
    );
    row(
        "perCapitaNominalGrowth + realGrowthNeeded",
        time(100_000, || {
            let c =
                growth::per_capita_nominal_growth(black_box(0.071), 0.035, 0.008).unwrap_or(0.0);
            black_box(growth::real_growth_needed(c, 0.035, 0.008).ok());
        }),
    );
    let text = grdp_whatif::dataset::DEFAULT_JSON;
    row(
        "  of which: JSON text → values (json::parse)",
        time(300, || {
            black_box(grdp_whatif::json::parse(black_box(text)).ok());
        }),
    );
    row(
        "  of which: text → typed dataset (Dataset::read)",
        time(300, || {
            black_box(Dataset::read(black_box(text)).ok());
        }),
    );
    let d = Dataset::from_json(text)?;
    row(
        "  of which: checks (Dataset::problems)",
        time(300, || {
            black_box(black_box(&d).problems());
        }),
    );
    row(
        "Dataset::from_json (embedded Lạng Sơn)",
        time(300, || {
            black_box(Dataset::from_json(black_box(grdp_whatif::dataset::DEFAULT_JSON)).ok());
        }),
    );
    Ok(())
}
