//! Invariants, over many inputs (proptest).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use grdp_whatif::dataset::Dataset;
use grdp_whatif::growth::*;
use grdp_whatif::montecarlo::{simulate, simulate_with, Aim, Draws, Simulation, Step, UNBOUNDED};
use grdp_whatif::scenario::{project, Scenario, ScenarioInput};
use grdp_whatif::share::{format_hash, parse_hash, ShareState};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn projecting_at_the_required_rate_lands_on_the_target(start in 0.01f64..1e6, ratio in 0.05f64..20.0, years in 1u32..=60) {
        let target = start * ratio;
        let r = required_growth_rate(start, target, f64::from(years)).unwrap();
        let path = project_series(start, r, years).unwrap();
        let end = *path.last().unwrap();
        prop_assert!((end - target).abs() / target < 1e-9, "{end} vs {target}");
    }

    #[test]
    fn years_to_target_inverts_the_projection(start in 0.01f64..1e6, rate in -0.5f64..1.0, years in 0.1f64..80.0) {
        prop_assume!(rate.abs() > 1e-4);
        let v = value_after(start, rate, years).unwrap();
        prop_assume!((v / start - 1.0).abs() > 1e-9);
        let t = years_to_target(start, v, rate).unwrap();
        prop_assert!((t - years).abs() < 1e-6 * years.max(1.0), "{t} vs {years}");
    }

    #[test]
    fn paths_are_monotone_in_the_rate(start in 0.01f64..1e6, a in -0.5f64..1.0, b in -0.5f64..1.0, years in 1u32..40) {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let pl = project_series(start, lo, years).unwrap();
        let ph = project_series(start, hi, years).unwrap();
        for (x, y) in pl.iter().zip(&ph) {
            prop_assert!(x <= y);
        }
    }

    #[test]
    fn real_and_nominal_are_inverse(g in -0.5f64..1.0, p in -0.5f64..1.0, n in -0.5f64..1.0) {
        let c = per_capita_nominal_growth(g, p, n).unwrap();
        let back = real_growth_needed(c, p, n).unwrap();
        prop_assert!((back - g).abs() < 1e-12);
    }

    #[test]
    fn bands_are_ordered(rate in -0.3f64..0.5, spread in 0.0f64..0.3, years in 1usize..15, paths in 1usize..400, seed in any::<u64>()) {
        let b = simulate(&Simulation { start: 100.0, step: Step::Compound { rate }, spread, years, paths, seed, bounds: UNBOUNDED }, &[10.0, 50.0, 90.0], Some(Aim { years, value: 150.0, up: true , from: 0}));
        for k in 0..=years {
            prop_assert!(b.bands[0][k] <= b.bands[1][k] && b.bands[1][k] <= b.bands[2][k], "year {k}: {:?}", b.bands.iter().map(|x| x[k]).collect::<Vec<_>>());
        }
        let p = b.probability.unwrap();
        prop_assert!((0.0..=1.0).contains(&p));
    }

    /// Draws kept between runs (any order of seeds and sizes, as a reader's
    /// slider steps and link changes produce) give exactly a fresh run's bands.
    #[test]
    fn kept_draws_give_the_same_bands_as_fresh_ones(runs in prop::collection::vec((0u64..3, 1usize..8, 1usize..300, -0.3f64..0.5), 1..6)) {
        let mut draws = Draws::new(0);
        for (seed, years, paths, rate) in runs {
            let sim = Simulation { start: 71.1, step: Step::Compound { rate }, spread: 0.05, years, paths, seed, bounds: UNBOUNDED };
            let target = Some(Aim { years, value: 100.0, up: true , from: 0});
            prop_assert_eq!(simulate_with(&sim, &[10.0, 50.0, 90.0], target, &mut draws), simulate(&sim, &[10.0, 50.0, 90.0], target));
        }
    }

    #[test]
    fn engine_api_never_panics(
        g in prop_oneof![any::<f64>(), -2.0f64..2.0],
        inf in prop_oneof![any::<f64>(), -2.0f64..2.0],
        ty in prop_oneof![any::<i32>(), 2000i32..2200],
        tv in prop_oneof![any::<f64>(), 0.0f64..1000.0],
        sp in prop_oneof![any::<f64>(), 0.0f64..1.0],
        paths in prop_oneof![any::<u32>(), 0u32..5000],
        ind in prop_oneof![Just("grdpPerCapita"), Just("digitalShare"), Just("forestCover"), Just("exports"), Just("structure"), Just("x")],
    ) {
        let d = Dataset::default_lang_son().unwrap();
        let input = ScenarioInput { indicator: Some(ind.to_string()), real_growth: Some(g), growth: Some(g), inflation: Some(inf), target_year: Some(ty), target_value: Some(tv), spread: Some(sp), paths: Some(paths), ..Default::default() };
        if let Ok(s) = Scenario::resolve(&input, &d) {
            if let Ok(p) = project(&s) {
                prop_assert!(p.values.iter().all(|v| v.is_finite()));
                prop_assert_eq!(p.years.len(), p.values.len());
            }
        }
    }

    #[test]
    fn share_links_round_trip(g in -0.9f64..5.0, inf in -0.9f64..5.0, ty in 1900i32..2200, tv in 0.001f64..1e6, sp in 0.0f64..1.0, lang in prop_oneof![Just(None), Just(Some("vi")), Just(Some("en"))]) {
        let mut st = ShareState { lang: lang.map(str::to_string), ..Default::default() };
        st.scenario.real_growth = Some(g);
        st.scenario.inflation = Some(inf);
        st.scenario.target_year = Some(ty);
        st.scenario.target_value = Some(tv);
        st.scenario.spread = Some(sp);
        st.scenario.indicator = Some("grdpPerCapita".into());
        prop_assert_eq!(parse_hash(&format_hash(&st)).unwrap(), st);
    }

    /// Every key a link can carry, each present or not, round-trips.
    #[test]
    fn share_links_round_trip_every_key(
        lang in proptest::option::of(prop_oneof![Just("vi"), Just("en")]),
        theme in proptest::option::of(prop_oneof![Just("light"), Just("dark"), Just("auto")]),
        view in proptest::option::of(prop_oneof![Just("chart"), Just("table")]),
        ind in proptest::option::of("[A-Za-z0-9_-]{1,40}"),
        g in proptest::option::of(-0.9f64..5.0),
        gr in proptest::option::of(-0.9f64..5.0),
        inf in proptest::option::of(-0.9f64..5.0),
        pop in proptest::option::of(-0.5f64..0.5),
        fxc in proptest::option::of(-0.5f64..0.5),
        tv in proptest::option::of(-1e6f64..1e6),
        ty in proptest::option::of(1900i32..2200),
        sp in proptest::option::of(0.0f64..1.0),
        w in proptest::option::of("[A-Za-z0-9_-]{1,40}"),
    ) {
        let mut st = ShareState {
            lang: lang.map(str::to_string),
            theme: theme.map(str::to_string),
            view: view.map(str::to_string),
            widget: w,
            ..Default::default()
        };
        st.scenario = ScenarioInput {
            indicator: ind,
            real_growth: g,
            growth: gr,
            inflation: inf,
            population_growth: pop,
            fx_change: fxc,
            target_value: tv,
            target_year: ty,
            spread: sp,
            ..Default::default()
        };
        let hash = format_hash(&st);
        prop_assert_eq!(parse_hash(&hash).unwrap(), st, "{}", hash);
    }

    /// Anything pasted into the studio: an answer, never a panic; and the
    /// dataset it makes, when it makes one, loads.
    #[test]
    fn pasted_tables_never_panics(s in "[\\t\\r\\n;,.0-9A-Za-zăâđêôơưạếệỏ()%*\"' -]{0,400}") {
        let _ = grdp_whatif::table::read_table(&s, &Default::default());
        let choices = r#"{"formatVersion": 1, "id": "x", "name": "X", "baseYear": 2025,
          "sources": [{"id": "s", "publication": "P", "title": "T"}],
          "assumptions": {"inflation": {"value": 0.035, "source": "s"}, "populationGrowth": {"value": 0.01, "source": "s"}},
          "indicators": [{"id": "a", "label": "A", "unit": "percent", "model": "linear", "from": "A", "figures": "s", "targets": [], "scenarios": {"trend": {}}}]}"#;
        let b = grdp_whatif::studio::build(&s, choices);
        if let Some(d) = b.dataset {
            let text = serde_json::to_string(&d).unwrap();
            prop_assert!(Dataset::from_json(&text).is_ok(), "{}", text);
        }
    }

    /// A link and a language into the presentation of every indicator: never a panic.
    #[test]
    fn presentation_never_panics(hash in "#v=1(&(lang|theme|view|ind|g|gr|inf|pop|fxc|tv|ty|sp|x)=[-0-9.eEa-zA-Z]{0,8}){0,6}", en in any::<bool>(), table in any::<bool>()) {
        use grdp_whatif::present::{controls, present, TrendCache, ViewInput};
        let d = Dataset::default_lang_son().unwrap();
        let lang = if en { grdp_whatif::lang::Lang::En } else { grdp_whatif::lang::Lang::Vi };
        for ind in &d.indicators {
            let Ok(link) = controls::read_link(&d, &hash, Some(&ind.id)) else { continue };
            let input = ViewInput { indicator: link.indicator.clone(), lang, scenario: link.scenario.clone(), table, ..Default::default() };
            let _ = present(&d, &input, &mut grdp_whatif::montecarlo::Draws::new(0), &mut TrendCache::default());
        }
    }

    #[test]
    fn share_link_parser_never_panics(s in ".{0,300}") {
        let _ = parse_hash(&s);
    }

    #[test]
    fn dataset_loader_never_panics(s in ".{0,300}") {
        let _ = Dataset::from_json(&s);
    }

    /// The shipped dataset with one span cut out and junk put in (often still
    /// JSON, often still a dataset): an answer either way, never a panic; and
    /// when the JSON is still valid, serde_json agrees that it is.
    #[test]
    fn damaged_datasets_never_panics(at in 0usize..14_000, cut in 0usize..40, junk in "[\\\\\"{}\\[\\],:0-9.eE+\\-a-z ]{0,12}") {
        let text = grdp_whatif::dataset::DEFAULT_JSON;
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let damaged = format!("{}{}{}", &text[..at], junk, &text[end..]);
        let ours = grdp_whatif::json::parse(&damaged).is_ok();
        let theirs = serde_json::from_str::<serde_json::Value>(&damaged).is_ok();
        prop_assert_eq!(ours, theirs, "{}", &damaged[at.saturating_sub(20)..(at + junk.len() + 20).min(damaged.len())]);
        let _ = Dataset::from_json(&damaged);
    }

    #[test]
    fn any_string_is_written_as_json_that_reads_back(s in any::<String>(), t in "[\\\\\"\\x00-\\x1f a-zđ\u{202e}]{0,24}") {
        // The writer copies runs and escapes quotes, backslashes and
        // control characters: serde_json reads back the same string, and
        // (but for \b and \f, which it writes short) writes the same text.
        for text in [s, t] {
            let ours = grdp_whatif::json::write(&grdp_whatif::json::Value::String(text.clone()));
            prop_assert_eq!(serde_json::from_str::<String>(&ours).unwrap(), text.clone());
            prop_assert!(!ours.chars().any(|c| c < ' '));
            if !text.contains(['\u{8}', '\u{c}']) {
                prop_assert_eq!(ours, serde_json::to_string(&text).unwrap());
            }
        }
    }
}
