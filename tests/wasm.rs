//! The exported JS API, run in headless Chromium by wasm-bindgen-test:
//! every export, with good arguments and with the errors a page can cause.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use grdp_whatif::wasm::*;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap()
}

fn num(o: &JsValue, k: &str) -> f64 {
    get(o, k)
        .as_f64()
        .unwrap_or_else(|| panic!("{k} is not a number"))
}

/// The error is a JS `Error` whose message names `field`, and carries it.
#[track_caller]
fn assert_js_error<T: std::fmt::Debug>(r: Result<T, JsValue>, field: &str) {
    let e = r.expect_err("expected an error");
    let err: &js_sys::Error = e.dyn_ref().expect("a JS Error");
    let msg: String = err.message().into();
    assert!(msg.contains(field), "message {msg:?} should name {field}");
    assert_eq!(get(&e, "field").as_string().as_deref(), Some(field));
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
fn required_growth_rate_reproduces_the_headline() {
    let r = required_growth_rate(71.1, 130.0, 5.0).unwrap();
    assert!((r - 0.12827).abs() < 1e-4, "{r}");
    assert_js_error(required_growth_rate(f64::NAN, 130.0, 5.0), "start");
    assert_js_error(required_growth_rate(71.1, -1.0, 5.0), "target");
    assert_js_error(required_growth_rate(71.1, 130.0, 101.0), "years");
    assert_js_error(required_growth_rate(71.1, 130.0, f64::INFINITY), "years");
}

#[wasm_bindgen_test]
fn years_to_target_and_unreachable() {
    let t = years_to_target(71.1, 130.0, 0.1283).unwrap();
    assert!((t - 5.0).abs() < 0.01, "{t}");
    let e = years_to_target(71.1, 130.0, -0.05).unwrap_err();
    let msg: String = e.dyn_ref::<js_sys::Error>().unwrap().message().into();
    assert!(msg.contains("unreachable"), "{msg}");
    assert_js_error(years_to_target(71.1, 130.0, -1.5), "rate");
}

#[wasm_bindgen_test]
fn value_after_and_series() {
    assert!((value_after(100.0, 0.1, 2.0).unwrap() - 121.0).abs() < 1e-9);
    let s = project_series(71.1, 0.1283, 5.0).unwrap();
    assert_eq!(s.len(), 6);
    assert!((s[5] - 130.0).abs() < 0.1);
    assert_js_error(project_series(71.1, 0.1, 2.5), "years");
    assert_js_error(project_series(71.1, 0.1, 1000.0), "years");
    assert_js_error(value_after(0.0, 0.1, 1.0), "start");
    let s = project_schedule(100.0, vec![0.1, 0.105]).unwrap();
    assert!((s[2] - 121.55).abs() < 1e-9);
    assert_js_error(project_schedule(100.0, vec![0.1, f64::NAN]), "rates[i]");
}

#[wasm_bindgen_test]
fn real_and_nominal() {
    let n = per_capita_nominal_growth(0.071, 0.035, 0.008).unwrap();
    assert!((n - 0.0997).abs() < 5e-4);
    let g = real_growth_needed(n, 0.035, 0.008).unwrap();
    assert!((g - 0.071).abs() < 1e-12);
    assert_js_error(per_capita_nominal_growth(0.07, -1.0, 0.0), "inflation");
    assert_js_error(real_growth_needed(0.1, 0.03, f64::NAN), "populationGrowth");
    let r = compound_rate_between(2020.0, 44.2, 2025.0, 71.1).unwrap();
    assert!((r - 0.0997).abs() < 5e-4);
    assert_js_error(compound_rate_between(2025.0, 44.2, 2020.0, 71.1), "toYear");
    assert_js_error(
        compound_rate_between(2020.5, 44.2, 2025.0, 71.1),
        "fromYear",
    );
}

#[wasm_bindgen_test]
fn project_returns_a_plain_object() {
    let p = project(JsValue::UNDEFINED).unwrap();
    assert!((num(&p, "requiredRate") - 0.1283).abs() < 1e-4);
    let years = Array::from(&get(&p, "years"));
    assert_eq!(years.length(), 6);
    assert_eq!(years.get(0).as_f64(), Some(2025.0));
    let bands = get(&p, "bands");
    assert_eq!(Array::from(&get(&bands, "values")).length(), 3);
    let prob = num(&p, "probability");
    assert!((0.0..=1.0).contains(&prob));
    assert!(get(&p, "reachedYear").as_f64().is_some());

    let slow = project(obj(&[
        ("realGrowth", 0.0.into()),
        ("inflation", 0.0.into()),
        ("populationGrowth", 0.01.into()),
    ]))
    .unwrap();
    assert!(
        get(&slow, "reachedYear").is_null(),
        "a shrinking path never reaches the target"
    );

    assert_js_error(
        project(obj(&[("realGrowth", f64::NAN.into())])),
        "realGrowth",
    );
    assert_js_error(project(obj(&[("targetYear", 2020.into())])), "targetYear");
    assert_js_error(project(obj(&[("targetYear", 2200.into())])), "targetYear");
    assert_js_error(project(obj(&[("inflation", (-1.0).into())])), "inflation");
    assert_js_error(project(obj(&[("paths", 5_000_000.into())])), "paths");
    // Unknown fields are refused by name; wrong types name the scenario.
    assert_js_error(project(obj(&[("realGrowht", 0.1.into())])), "realGrowht");
    assert_js_error(project(JsValue::from_str("fast")), "scenario");
    assert_js_error(project(obj(&[("realGrowth", "fast".into())])), "realGrowth");
    assert_js_error(project(obj(&[("targetYear", 2030.5.into())])), "targetYear");
    assert_js_error(
        project(obj(&[("realGrowth", f64::NAN.into())])),
        "realGrowth",
    );
}

#[wasm_bindgen_test]
fn datasets() {
    let d = default_dataset().unwrap();
    assert_eq!(get(&d, "id").as_string().as_deref(), Some("lang-son"));
    let inds = Array::from(&get(&d, "indicators"));
    assert!(inds.length() >= 8);
    let text = js_sys::JSON::stringify(&d).unwrap().as_string().unwrap();
    assert!(load_dataset(&text).is_ok());
    assert_js_error(load_dataset("{\"formatVersion\":2}"), "id");
    assert_js_error(load_dataset("{\"formatVersion\":"), "dataset");
    let bad = text.replacen("\"millionVnd\"", "\"kg\"", 1);
    assert_js_error(load_dataset(&bad), "indicators[0].unit");
    let e = Engine::from_json(&text.replacen("\"year\":2021", "\"year\":2020", 1));
    assert!(e.is_err(), "duplicate year");
    let engine = Engine::new().unwrap();
    let p = engine
        .project(obj(&[
            ("indicator", "forestCover".into()),
            ("growth", 0.5.into()),
        ]))
        .unwrap();
    assert!((num(&p, "valueAtTargetYear") - 67.0).abs() < 1e-9);
    assert_js_error(
        engine.project(obj(&[("indicator", "nope".into())])),
        "indicator",
    );
    assert_eq!(
        get(&engine.dataset().unwrap(), "id").as_string().as_deref(),
        Some("lang-son")
    );
    assert_js_error(engine.project_shares("structure", 1800.5), "endYear");
    assert_js_error(engine.project_shares("grdpPerCapita", 2030.0), "indicator");
    let sh = engine.project_shares("structure", 2030.0).unwrap();
    assert_eq!(Array::from(&get(&sh, "years")).length(), 7);
    assert!(engine.presets("grdpPerCapita").is_ok());
    assert_js_error(engine.presets("nope"), "indicator");
    assert!((engine.historical_spread("grdpPerCapita").unwrap() - 0.034).abs() < 0.001);
    assert!((engine.historical_rate("forestCover").unwrap() - 0.3).abs() < 1e-9);
    assert!(engine.historical_rate("nope").is_none());
}

#[wasm_bindgen_test]
fn share_links_round_trip_and_refuse_junk() {
    let st = parse_share_link("#v=1&lang=en&g=0.09&ty=2032").unwrap();
    let hash = format_share_link(st.clone()).unwrap();
    let again = parse_share_link(&hash).unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&st).unwrap(),
        js_sys::JSON::stringify(&again).unwrap()
    );
    assert_js_error(parse_share_link("#v=1&g=<script>"), "g");
    assert_js_error(parse_share_link("#v=0&g=0.1"), "v");
    // Fields are read by path: a nested unknown or mistyped one is named.
    let nested = |k: &str, v: JsValue| obj(&[("scenario", obj(&[(k, v)]))]);
    assert_js_error(
        format_share_link(nested("realGrowht", 0.1.into())),
        "scenario.realGrowht",
    );
    assert_js_error(
        format_share_link(nested("targetYear", "2030".into())),
        "scenario.targetYear",
    );
    assert_js_error(format_share_link(obj(&[("colour", 1.into())])), "colour");
    // Typed arrays are read like arrays (percentiles as a Float64Array).
    let p = project(obj(&[(
        "percentiles",
        js_sys::Float64Array::from(&[10.0, 90.0][..]).into(),
    )]))
    .unwrap();
    assert_eq!(Array::from(&get(&get(&p, "bands"), "values")).length(), 2);
}

#[wasm_bindgen_test]
fn draws_on_a_canvas() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement =
        doc.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(600);
    canvas.set_height(300);
    let spec = js_sys::JSON::parse(r##"{"scale":1,"history":[{"year":2020,"value":44.2},{"year":2025,"value":71.1}],
        "projection":{"years":[2025,2030],"values":[71.1,130]},"target":{"year":2030,"value":130},
        "theme":{"background":"#ffffff","text":"#000000","grid":"#dddddd","history":"#000000","projection":"#0000ff","trend":"#ff8800","target":"#ff0000","band":"#0000ff"},
        "decimal":",","group":"."}"##).unwrap();
    let layout = draw_chart(canvas.clone(), spec.clone()).unwrap();
    assert!(num(&layout, "plotWidth") > 400.0);
    // Something other than the background was drawn.
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 600.0, 300.0).unwrap().data();
    assert!(data.iter().any(|&b| b < 200), "canvas is blank");
    assert_eq!(data.get(3), Some(&255), "opaque background painted");
    // transparent: the canvas is cleared and the background left unpainted.
    js_sys::Reflect::set(&spec, &"transparent".into(), &JsValue::TRUE).unwrap();
    draw_chart(canvas.clone(), spec).unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 600.0, 300.0).unwrap().data();
    assert_eq!(data.get(3), Some(&0), "corner left transparent");
    assert!(
        data.chunks(4).any(|p| p.get(3) == Some(&255)),
        "lines drawn"
    );
    assert_js_error(draw_chart(canvas, JsValue::from_str("nonsense")), "spec");
}

#[wasm_bindgen_test]
fn a_chart_view_keeps_its_base_and_takes_projections() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas = |w: u32| -> web_sys::HtmlCanvasElement {
        let c: web_sys::HtmlCanvasElement =
            doc.create_element("canvas").unwrap().dyn_into().unwrap();
        c.set_width(w);
        c.set_height(300);
        c
    };
    let (base, top) = (canvas(600), canvas(600));
    let spec = js_sys::JSON::parse(r##"{"scale":1,"transparent":true,"history":[{"year":2020,"value":44.2},{"year":2025,"value":71.1}],
        "projection":{"years":[2025,2030],"values":[71.1,130]},"target":{"year":2030,"value":130},
        "theme":{"background":"#ffffff","text":"#000000","grid":"#dddddd","history":"#000000","projection":"#0000ff","trend":"#ff8800","target":"#ff0000","band":"#0000ff"},
        "decimal":",","group":"."}"##).unwrap();
    let painted = |c: &web_sys::HtmlCanvasElement| -> usize {
        let ctx: web_sys::CanvasRenderingContext2d =
            c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
        let data = ctx.get_image_data(0.0, 0.0, 600.0, 300.0).unwrap().data();
        data.chunks(4).filter(|p| p.get(3) != Some(&0)).count()
    };
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap();
    let mut view = ChartView::new(base.clone(), top.clone());
    // Nothing to draw, nothing to project into, before a spec: an error, by name.
    assert_js_error(view.draw(), "spec");
    let engine = Engine::new().unwrap();
    assert_js_error(
        engine.project_into(JsValue::UNDEFINED, &mut view, false),
        "spec",
    );
    view.set_spec(spec.clone()).unwrap();
    let first = view.draw().unwrap();
    assert_eq!(get(&first, "baseDrawn"), JsValue::TRUE);
    assert!(painted(&base) > 1000 && painted(&top) > 200);
    // The base is kept (cleared here, to see that it stays so)…
    base.set_width(600);
    let again = view.draw().unwrap();
    assert_eq!(get(&again, "baseDrawn"), JsValue::FALSE);
    assert_eq!(painted(&base), 0);
    // …until invalidated.
    view.invalidate();
    assert_eq!(get(&view.draw().unwrap(), "baseDrawn"), JsValue::TRUE);
    assert!(painted(&base) > 1000);
    // The engine's projection goes straight into the view: the same chart as
    // the page drawing that projection from a spec of its own.
    let input = js_sys::JSON::parse(r#"{"realGrowth":0.2}"#).unwrap();
    let p = engine
        .project_into(input.clone(), &mut view, false)
        .unwrap();
    let json = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    assert_eq!(
        json(&get(&p, "values")),
        json(&get(&engine.project(input).unwrap(), "values"))
    );
    view.draw().unwrap();
    let values = get(&p, "values");
    let years = get(&p, "years");
    let bands: js_sys::Array = get(&get(&p, "bands"), "values").unchecked_into();
    let by_hand =
        js_sys::JSON::parse(&js_sys::JSON::stringify(&spec).unwrap().as_string().unwrap()).unwrap();
    let set = |o: &JsValue, k: &str, v: &JsValue| {
        js_sys::Reflect::set(o, &k.into(), v).unwrap();
    };
    let line = Object::new();
    set(&line, "years", &years);
    set(&line, "values", &values);
    set(&by_hand, "projection", &line);
    let band = Object::new();
    set(&band, "years", &years);
    set(&band, "lo", &bands.get(0));
    set(&band, "hi", &bands.get(bands.length() - 1));
    set(&by_hand, "band", &band);
    let reached = get(&p, "reachedYear");
    set(&by_hand, "reachedYear", &reached);
    let (b2, t2) = (canvas(600), canvas(600));
    let mut other = ChartView::new(b2.clone(), t2.clone());
    other.set_spec(by_hand).unwrap();
    other.draw().unwrap();
    let pixels = |c: &web_sys::HtmlCanvasElement| -> Vec<u8> {
        let ctx: web_sys::CanvasRenderingContext2d =
            c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
        ctx.get_image_data(0.0, 0.0, 600.0, 300.0)
            .unwrap()
            .data()
            .to_vec()
    };
    assert!(
        pixels(&top) == pixels(&t2),
        "projectInto draws what a spec of the projection draws"
    );
    // Words change the overlay only.
    view.set_words("Mục tiêu 130".into(), "Đạt: 2029".into())
        .unwrap();
    assert_eq!(get(&view.draw().unwrap(), "baseDrawn"), JsValue::FALSE);
    // Canvases of different sizes are refused, by name.
    let mut odd = ChartView::new(canvas(600), canvas(500));
    odd.set_spec(spec).unwrap();
    assert_js_error(odd.draw(), "overlay");
}
