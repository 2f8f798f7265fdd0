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

/// The error is a JS `Error` whose message names `field`, and carries it,
/// with the message in Vietnamese and English.
#[track_caller]
fn assert_js_error<T: std::fmt::Debug>(r: Result<T, JsValue>, field: &str) {
    let e = r.expect_err("expected an error");
    let err: &js_sys::Error = e.dyn_ref().expect("a JS Error");
    let msg: String = err.message().into();
    if field != "input" {
        assert!(msg.contains(field), "message {msg:?} should name {field}");
    }
    assert_eq!(get(&e, "field").as_string().as_deref(), Some(field));
    let (vi, en) = (
        get(&e, "vi").as_string().unwrap(),
        get(&e, "en").as_string().unwrap(),
    );
    assert!(!vi.is_empty() && !en.is_empty());
    assert_eq!(en, msg);
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
    assert!(project_schedule(100.0, vec![0.1, f64::NAN]).is_err());
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
    // The message names the start year (not "after 0").
    let e = compound_rate_between(2020.0, 44.2, 2020.0, 71.1).unwrap_err();
    assert!(get(&e, "en").as_string().unwrap().contains("after 2020"));
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
    assert!((num(&p, "targetLow") - 130.0).abs() < 1e-9);
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
    assert_js_error(
        project(obj(&[("realGrowht", 0.1.into())])),
        "scenario.realGrowht",
    );
    assert!(project(JsValue::from_str("fast")).is_err());
    assert_js_error(
        project(obj(&[("realGrowth", "fast".into())])),
        "scenario.realGrowth",
    );
    assert_js_error(
        project(obj(&[("targetYear", 2030.5.into())])),
        "scenario.targetYear",
    );
    assert_js_error(
        project(obj(&[("realGrowth", f64::NAN.into())])),
        "realGrowth",
    );
}

fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

fn parse(s: &str) -> JsValue {
    js_sys::JSON::parse(s).unwrap()
}

#[wasm_bindgen_test]
fn datasets_and_their_checker() {
    let d = default_dataset().unwrap();
    assert_eq!(get(&d, "id").as_string().as_deref(), Some("lang-son"));
    let text = json(&d);
    assert!(
        load_dataset(text.clone().into()).is_ok(),
        "the dataset written back loads"
    );
    assert_js_error(load_dataset("{\"formatVersion\":1}".into()), "id");
    assert_js_error(load_dataset("{\"formatVersion\":".into()), "input");
    // Not a text at all: the argument named, in both languages (not the glue's TypeError).
    assert_js_error(load_dataset(JsValue::NULL), "json");
    assert_js_error(Engine::from_json(JsValue::from_f64(1.0)).map(drop), "json");
    assert_js_error(Engine::from_json(Object::new().into()).map(drop), "json");
    let found = Array::from(&check_dataset(JsValue::UNDEFINED).unwrap());
    assert_eq!(found.length(), 1);
    assert_eq!(
        get(&found.get(0), "field").as_string().as_deref(),
        Some("json")
    );
    let bad = text.replacen("\"millionVnd\"", "\"kg\"", 1);
    assert_js_error(load_dataset(bad.into()), "indicators[0].unit");
    // The checker gives every problem, each in both languages, with the fix.
    let bad = text
        .replacen("\"value\":0.035", "\"value\":3.5", 1)
        .replacen("\"value\":0.008", "\"value\":0.8", 1);
    let found = Array::from(&check_dataset(bad.clone().into()).unwrap());
    assert_eq!(found.length(), 2, "{}", json(&found));
    let first = found.get(0);
    assert_eq!(
        get(&first, "field").as_string().as_deref(),
        Some("assumptions.inflation.value")
    );
    assert!(get(&first, "en")
        .as_string()
        .unwrap()
        .contains("did you mean 0.035?"));
    assert!(get(&first, "vi").as_string().unwrap().contains("0.035"));
    assert_eq!(
        Array::from(&check_dataset(text.clone().into()).unwrap()).length(),
        0
    );
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
    assert_js_error(engine.project_shares("structure", 1800.5), "endYear");
    assert_js_error(engine.project_shares("grdpPerCapita", 2030.0), "indicator");
    let sh = engine.project_shares("structure", 2030.0).unwrap();
    assert_eq!(Array::from(&get(&sh, "years")).length(), 7);
    assert!((engine.historical_spread("grdpPerCapita").unwrap() - 0.034).abs() < 0.001);
    assert!((engine.historical_rate("forestCover").unwrap() - 0.3).abs() < 1e-9);
    assert!(engine.historical_rate("nope").is_none());
}

#[wasm_bindgen_test]
fn share_links_round_trip_and_refuse_junk() {
    let st = parse_share_link("#v=1&lang=en&g=0.09&ty=2032").unwrap();
    let hash = format_share_link(st.clone()).unwrap();
    assert_eq!(json(&st), json(&parse_share_link(&hash).unwrap()));
    // The widget a link is for (a page with several) goes round too.
    let st = parse_share_link("#v=1&g=0.09&w=b").unwrap();
    assert_eq!(format_share_link(st).unwrap().as_str(), "#v=1&g=0.09&w=b");
    assert_js_error(parse_share_link("#v=1&g=<script>"), "g");
    assert_js_error(parse_share_link("#v=0&g=0.1"), "v");
    let nested = |k: &str, v: JsValue| obj(&[("scenario", obj(&[(k, v)]))]);
    assert_js_error(
        format_share_link(nested("realGrowht", 0.1.into())),
        "state.scenario.realGrowht",
    );
    assert_js_error(
        format_share_link(nested("targetYear", "2030".into())),
        "state.scenario.targetYear",
    );
    assert_js_error(
        format_share_link(obj(&[("colour", 1.into())])),
        "state.colour",
    );
    let p = project(obj(&[(
        "percentiles",
        js_sys::Float64Array::from(&[10.0, 90.0][..]).into(),
    )]))
    .unwrap();
    assert_eq!(Array::from(&get(&get(&p, "bands"), "values")).length(), 2);
    // Read against the dataset: out of range, in the reader's language, as a percentage.
    let engine = Engine::new().unwrap();
    let e = engine.read_link("#v=1&g=9", None).unwrap_err();
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("g"));
    assert!(get(&e, "vi")
        .as_string()
        .unwrap()
        .starts_with("g: Tăng trưởng GRDP thực (%/năm): 900% nằm ngoài khoảng -5% đến 20%"));
    let ok = engine
        .read_link("#v=1&ind=exports&gr=0.12&lang=en", None)
        .unwrap();
    assert_eq!(
        get(&ok, "indicator").as_string().as_deref(),
        Some("exports")
    );
    assert_eq!(get(&ok, "preset").as_string().as_deref(), Some("custom"));
    assert!((num(&get(&ok, "scenario"), "growth") - 0.12).abs() < 1e-12);
}

fn canvas(w: u32, h: u32) -> web_sys::HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: web_sys::HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    c.set_width(w);
    c.set_height(h);
    c
}

fn pixels(c: &web_sys::HtmlCanvasElement) -> Vec<u8> {
    let ctx: web_sys::CanvasRenderingContext2d =
        c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    ctx.get_image_data(0.0, 0.0, f64::from(c.width()), f64::from(c.height()))
        .unwrap()
        .data()
        .to_vec()
}

const THEME: &str = r##"{"background":"#ffffff","text":"#000000","grid":"#dddddd","history":"#000000","projection":"#0000ff","trend":"#ff8800","target":"#ff0000","band":"#0000ff"}"##;

#[wasm_bindgen_test]
fn draws_on_a_canvas() {
    let c = canvas(600, 300);
    let spec = parse(&format!(
        r#"{{"scale":1,"lang":"vi","history":[{{"year":2020,"value":44.2}},{{"year":2025,"value":71.1}}],
        "projection":{{"years":[2025,2030],"values":[71.1,130]}},"target":{{"year":2030,"value":130}},"theme":{THEME}}}"#
    ));
    let layout = draw_chart(c.clone(), spec.clone()).unwrap();
    assert!(num(&layout, "plotWidth") > 400.0);
    let data = pixels(&c);
    assert!(data.iter().any(|&b| b < 200), "canvas is blank");
    assert_eq!(data.get(3), Some(&255), "opaque background painted");
    Reflect::set(&spec, &"transparent".into(), &JsValue::TRUE).unwrap();
    draw_chart(c.clone(), spec).unwrap();
    let data = pixels(&c);
    assert_eq!(data.get(3), Some(&0), "corner left transparent");
    assert!(
        data.chunks(4).any(|p| p.get(3) == Some(&255)),
        "lines drawn"
    );
    assert_js_error(draw_chart(c, JsValue::from_str("nonsense")), "spec");
}

fn view(ind: &str, lang: &str) -> JsValue {
    let engine = Engine::new().unwrap();
    let scenario = engine.start(ind).unwrap();
    let preset = engine
        .default_preset(ind)
        .unwrap_or_else(|| "custom".into());
    obj(&[
        ("indicator", ind.into()),
        ("lang", lang.into()),
        ("preset", preset.into()),
        ("scenario", scenario),
    ])
}

#[wasm_bindgen_test]
fn the_engine_presents_a_view_and_puts_its_chart_in_a_chart_view() {
    let engine = Engine::new().unwrap();
    let p = engine.present(view("grdpPerCapita", "vi")).unwrap();
    let cards = Array::from(&get(&p, "cards"));
    assert_eq!(
        get(&cards.get(0), "value").as_string().as_deref(),
        Some("12,8%/năm")
    );
    assert!(get(&p, "sentence")
        .as_string()
        .unwrap()
        .contains("130 triệu đồng"));
    assert_eq!(Array::from(&get(&p, "indicators")).length(), 9);
    assert!(get(&p, "link")
        .as_string()
        .unwrap()
        .starts_with("#v=1&lang=vi&ind=grdpPerCapita"));
    let en = engine.present(view("grdpPerCapita", "en")).unwrap();
    assert_eq!(
        get(&Array::from(&get(&en, "cards")).get(0), "value")
            .as_string()
            .as_deref(),
        Some("12.8% a year")
    );
    assert_js_error(
        engine.present(obj(&[("indicator", "nope".into())])),
        "indicator",
    );
    assert_js_error(
        engine.present(obj(&[
            ("indicator", "exports".into()),
            ("colour", 1.into()),
        ])),
        "view.colour",
    );
    // The chart view: drawn from what the engine put in, the base kept between steps.
    let (base, top) = (canvas(600, 300), canvas(600, 300));
    let chart = ChartView::new(base.clone(), top.clone());
    assert_js_error(chart.draw(), "spec");
    chart.set_style(parse(THEME), 1.0, None).unwrap();
    engine
        .present_into(view("grdpPerCapita", "vi"), &chart)
        .unwrap();
    let first = chart.draw().unwrap();
    assert_eq!(get(&first, "baseDrawn"), JsValue::TRUE);
    let painted = |c: &web_sys::HtmlCanvasElement| {
        pixels(c).chunks(4).filter(|p| p.get(3) != Some(&0)).count()
    };
    assert!(painted(&base) > 1000 && painted(&top) > 200);
    let v = view("grdpPerCapita", "vi");
    let sc = get(&v, "scenario");
    Reflect::set(&sc, &"realGrowth".into(), &0.106.into()).unwrap();
    engine.present_into(v, &chart).unwrap();
    assert_eq!(
        get(&chart.draw().unwrap(), "baseDrawn"),
        JsValue::FALSE,
        "a small step keeps the axes"
    );
    chart.invalidate();
    assert_eq!(get(&chart.draw().unwrap(), "baseDrawn"), JsValue::TRUE);
    let odd = ChartView::new(canvas(600, 300), canvas(500, 300));
    engine.present_into(view("exports", "en"), &odd).unwrap();
    assert_js_error(odd.draw(), "overlay");
}

#[wasm_bindgen_test]
fn typed_values_tips_csv_and_pictures() {
    let engine = Engine::new().unwrap();
    assert!(
        (engine
            .parse_field("grdpPerCapita", "realGrowth", "10,5", None)
            .unwrap()
            - 0.105)
            .abs()
            < 1e-12
    );
    let e = engine
        .parse_field("grdpPerCapita", "realGrowth", "abc", None)
        .unwrap_err();
    assert_eq!(
        get(&e, "vi").as_string().as_deref(),
        Some("“abc” không phải là số.")
    );
    // Shown beside the field: the message without the field's name.
    let e = engine
        .parse_field("grdpPerCapita", "realGrowth", "99", None)
        .unwrap_err();
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("realGrowth"));
    assert_eq!(
        get(&e, "en").as_string().as_deref(),
        Some("Must be between -5 and 20.")
    );
    // The reader's language decides which mark is a thousands mark.
    let e = engine
        .parse_field("grdpPerCapita", "targetValue", "1,250", Some("en".into()))
        .unwrap_err();
    assert_eq!(
        get(&e, "en").as_string().as_deref(),
        Some("“1,250”: thousands or decimals? Type 1250 or 1.25.")
    );
    assert!(
        (engine
            .parse_field("grdpPerCapita", "targetValue", "161,051", Some("vi".into()))
            .unwrap()
            - 161.051)
            .abs()
            < 1e-9
    );
    let tip = engine.tip(view("grdpPerCapita", "vi"), 2023).unwrap();
    assert_eq!(tip[0], "2023");
    assert!(
        tip.iter().any(|l| l.contains("59,8 triệu đồng")) && tip.iter().any(|l| l.contains("PLVN")),
        "{tip:?}"
    );
    let csv = engine.csv(view("structure", "en")).unwrap();
    assert!(csv.starts_with('\u{feff}') && csv.contains("Agriculture and forestry (%)"));
    let c = canvas(1200, 900);
    engine
        .picture(view("grdpPerCapita", "vi"), c.clone(), parse(THEME), 2.0)
        .unwrap();
    assert_eq!(pixels(&c).get(3), Some(&255), "the picture is painted");
    let svg = engine
        .svg(
            view("grdpPerCapita", "en"),
            parse(THEME),
            800,
            600,
            canvas(10, 10),
        )
        .unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("Sources: ") && svg.trim_end().ends_with("</svg>")
    );
    assert_eq!(
        format_number(14250.5, "vi", 1.0, 1.0, false, true).unwrap(),
        "14.250,5"
    );
    // Decimals as Intl takes them (whole, 0–20), else refused by name.
    assert_js_error(
        format_number(1.5, "vi", -1.0, -1.0, false, true),
        "minimumFractionDigits",
    );
    assert_js_error(
        format_number(1.5, "vi", 0.0, 21.0, false, true),
        "maximumFractionDigits",
    );
}
