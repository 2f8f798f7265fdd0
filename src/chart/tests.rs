use super::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use std::convert::Infallible;

/// A stroke: its colour and points.
type Stroke = ((u8, u8, u8), Vec<(i32, i32)>);

/// What a recording backend saw: texts with their boxes, strokes with
/// their colours, fills.
#[derive(Default)]
struct Log {
    texts: Vec<(String, Rect)>,
    strokes: Vec<Stroke>,
    fills: usize,
    /// Filled rectangles covering the whole drawing area (the background).
    full_rects: usize,
    /// The other filled rectangles.
    rects: Vec<Rect>,
}

#[derive(Clone)]
struct Recorder(std::rc::Rc<std::cell::RefCell<Log>>, (u32, u32));

impl Default for Recorder {
    fn default() -> Self {
        Recorder(Default::default(), (800, 400))
    }
}

/// A text's box: 7 pixels a character and 12 high at the default 12 px,
/// in proportion at other sizes.
fn text_size(text: &str, size: f64) -> (u32, u32) {
    let k = size / 12.0;
    (
        (text.chars().count() as f64 * 7.0 * k).round() as u32,
        (12.0 * k).round() as u32,
    )
}

impl DrawingBackend for Recorder {
    type ErrorType = Infallible;
    fn get_size(&self) -> (u32, u32) {
        self.1
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        _: BackendCoord,
        _: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.0
            .borrow_mut()
            .strokes
            .push((s.color().rgb, vec![a, b]));
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.0
            .borrow_mut()
            .strokes
            .push((s.color().rgb, path.into_iter().collect()));
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        _: I,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.0.borrow_mut().fills += 1;
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        _: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let (w, h) = self.get_size();
        if fill && a == (0, 0) && b.0 >= w as i32 - 1 && b.1 >= h as i32 - 1 {
            self.0.borrow_mut().full_rects += 1;
        } else if fill {
            let mut log = self.0.borrow_mut();
            log.fills += 1;
            log.rects.push(Rect {
                x0: a.0.min(b.0),
                y0: a.1.min(b.1),
                x1: a.0.max(b.0),
                y1: a.1.max(b.1),
            });
        }
        Ok(())
    }
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        s: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let (w, h) = text_size(text, s.size());
        let (w, h) = (w as i32, h as i32);
        let a = s.anchor();
        let x0 = match a.h_pos {
            HPos::Left => pos.0,
            HPos::Center => pos.0 - w / 2,
            HPos::Right => pos.0 - w,
        };
        let y0 = match a.v_pos {
            VPos::Top => pos.1,
            VPos::Center => pos.1 - h / 2,
            VPos::Bottom => pos.1 - h,
        };
        self.0.borrow_mut().texts.push((
            text.to_string(),
            Rect {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
            },
        ));
        Ok(())
    }
    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        s: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        Ok(text_size(text, s.size()))
    }
}

fn spec() -> ChartSpec {
    ChartSpec {
        scale: 1.0,
        lang: Lang::Vi,
        history: vec![
            Xy {
                year: 2020.0,
                value: 44.2,
            },
            Xy {
                year: 2025.0,
                value: 71.1,
            },
        ],
        projection: Some(Line {
            years: vec![2025.0, 2030.0],
            values: vec![71.1, 130.0],
        }),
        target: Some(TargetMark {
            year: 2030.0,
            low: 130.0,
            high: 130.0,
        }),
        reached_year: Some(2030.0),
        words: Words {
            target: "Mục tiêu 130".into(),
            reached: "Đạt: 2030".into(),
            ..Default::default()
        },
        decimals: 1,
        ..Default::default()
    }
}

fn drawn(spec: &ChartSpec, layer: Layer) -> (Vec<String>, usize, usize, usize) {
    let rec = Recorder::default();
    draw_layer(&rec.clone().into_drawing_area(), spec, layer).unwrap();
    let log = rec.0.borrow();
    let mut texts: Vec<String> = log.texts.iter().map(|t| t.0.clone()).collect();
    texts.sort();
    let lines = log.strokes.len();
    (texts, lines, log.fills, log.full_rects)
}

fn texts(spec: &ChartSpec) -> Vec<String> {
    drawn(spec, Layer::All).0
}

#[test]
fn draws_whole_years_and_vi_numbers() {
    let t = texts(&spec());
    assert!(t.iter().any(|t| t == "2025"), "{t:?}");
    assert!(!t
        .iter()
        .any(|t| t.contains("2025.5") || t.contains("2025,5")));
    assert!(t.iter().any(|t| t.contains(',')), "decimal comma: {t:?}");
    assert!(t.iter().any(|t| t == "Mục tiêu 130"));
    let mut en = spec();
    en.lang = Lang::En;
    assert!(texts(&en).iter().any(|t| t == "50.0"), "{:?}", texts(&en));
}

#[test]
fn a_transparent_background_is_not_painted() {
    let mut s = spec();
    assert_eq!(drawn(&s, Layer::All).3, 1);
    s.transparent = true;
    assert_eq!(drawn(&s, Layer::All).3, 0);
}

#[test]
fn says_when_the_target_is_not_reached() {
    let mut s = spec();
    s.reached_year = None;
    s.words.reached = "Chưa đạt đến 2030".into();
    assert!(texts(&s).iter().any(|t| t == "Chưa đạt đến 2030"));
}

#[test]
fn bad_colours_and_empty_data_do_not_fail() {
    let rec = Recorder::default();
    let mut s = spec();
    s.theme.background = "red; }".into();
    s.history.clear();
    s.projection = None;
    s.target = Some(TargetMark {
        year: f64::NAN,
        low: f64::INFINITY,
        high: 1.0,
    });
    s.scale = f64::NAN;
    assert!(draw(&rec.into_drawing_area(), &s).is_ok());
}

#[test]
fn the_layers_add_up_to_the_chart() {
    let mut s = spec();
    s.band = Some(Band {
        years: vec![2025.0, 2030.0],
        lo: vec![71.1, 110.0],
        hi: vec![71.1, 150.0],
    });
    s.trend = Some(Line {
        years: vec![2025.0, 2030.0],
        values: vec![71.1, 120.0],
    });
    s.alternatives = vec![Xy {
        year: 2020.0,
        value: 44.5,
    }];
    let all = drawn(&s, Layer::All);
    let (bt, bl, bf, br) = drawn(&s, Layer::Base);
    let (ot, ol, of, or) = drawn(&s, Layer::Overlay);
    let mut t = [bt.clone(), ot.clone()].concat();
    t.sort();
    assert_eq!(all, (t, bl + ol, bf + of, br + or));
    // Every step of the value axis labelled, both ends included.
    let (_, (y0, y1)) = ranges(&s);
    let step = nice_step(y1 - y0, Y_PARTS);
    let mut v = y0;
    while v <= y1 + step / 2.0 {
        let label = value_label(&s, v);
        assert!(bt.contains(&label), "{label} not in {bt:?}");
        v += step;
    }
    assert!(bt.iter().any(|t| t == "2025") && !ot.iter().any(|t| t == "2025"));
    assert!(ot.iter().any(|t| t == "Đạt: 2030") && !bt.iter().any(|t| t == "Đạt: 2030"));
    assert_eq!((br, or), (1, 0), "the overlay never paints a background");
}

#[test]
fn the_view_draws_the_base_only_when_it_changes() {
    let (base, top) = (Recorder::default(), Recorder::default());
    let mut layers = Layers::default();
    let mut s = spec();
    let draw = |layers: &mut Layers, s: &ChartSpec| {
        layers
            .draw(
                || base.clone().into_drawing_area(),
                &top.clone().into_drawing_area(),
                s,
            )
            .unwrap()
    };
    assert!(draw(&mut layers, &s).base_drawn);
    // A slider's small move keeps the axes: the base stays.
    s.projection.as_mut().unwrap().values[1] = 131.0;
    assert!(!draw(&mut layers, &s).base_drawn);
    // A large one moves them, and so does a new language.
    s.projection.as_mut().unwrap().values[1] = 260.0;
    assert!(draw(&mut layers, &s).base_drawn);
    assert!(!draw(&mut layers, &s).base_drawn);
    s.lang = Lang::En;
    assert!(draw(&mut layers, &s).base_drawn);
    layers.invalidate();
    assert!(draw(&mut layers, &s).base_drawn);
    // A base that fails (a canvas too small) is drawn again next time.
    s.lang = Lang::Vi;
    let tiny = Recorder(Default::default(), (50, 40));
    assert!(layers
        .draw(
            || tiny.into_drawing_area(),
            &top.clone().into_drawing_area(),
            &s
        )
        .is_err());
    assert!(draw(&mut layers, &s).base_drawn);
}

#[test]
fn the_value_axis_ends_on_round_steps_and_holds_still() {
    let mut s = spec();
    let (_, (y0, y1)) = ranges(&s);
    let step = nice_step(y1 - y0, Y_PARTS);
    for end in [y0, y1] {
        let k = end / step;
        assert!(
            (k - k.round()).abs() < 1e-9,
            "{end} is not a multiple of {step}"
        );
    }
    assert!(y0 <= 0.0 && y1 >= 130.0 * 1.05, "{y0}..{y1}");
    let key = frame_key(&s, (800, 400));
    s.projection.as_mut().unwrap().values[1] = 131.0;
    s.words.reached = "Đạt: 2029".into();
    assert_eq!(frame_key(&s, (800, 400)), key);
}

#[test]
fn the_frame_key_follows_what_the_base_shows() {
    let key = frame_key(&spec(), (800, 400));
    let changed: [fn(&mut ChartSpec); 9] = [
        |s| s.scale = 2.0,
        |s| s.theme.grid = "#000000".into(),
        |s| s.theme.background = "#000000".into(),
        |s| s.lang = Lang::En,
        |s| s.decimals = 2,
        |s| s.transparent = true,
        |s| s.history[0].value = 44.5,
        |s| {
            s.alternatives.push(Xy {
                year: 2020.0,
                value: 44.5,
            })
        },
        |s| {
            s.breaks.push(BreakMark {
                year: 2022.0,
                label: "x".into(),
            })
        },
    ];
    for (i, change) in changed.iter().enumerate() {
        let mut t = spec();
        change(&mut t);
        assert_ne!(frame_key(&t, (800, 400)), key, "change {i}");
    }
    let mut t = spec();
    t.theme.projection = "#000000".into();
    t.trend = Some(Line {
        years: vec![2025.0, 2030.0],
        values: vec![71.1, 100.0],
    });
    assert_eq!(frame_key(&t, (800, 400)), key, "overlay-only changes");
}

/// The boxes of `label`'s texts and the strokes in `colour`, as drawn.
fn boxes_and_strokes(
    spec: &ChartSpec,
    label: &str,
    colours: &[&str],
) -> (Vec<Rect>, Vec<Vec<(i32, i32)>>) {
    let rec = Recorder::default();
    draw(&rec.clone().into_drawing_area(), spec).unwrap();
    let log = rec.0.borrow();
    let boxes = log
        .texts
        .iter()
        .filter(|t| t.0 == label)
        .map(|t| t.1)
        .collect();
    let rgb: Vec<(u8, u8, u8)> = colours
        .iter()
        .map(|c| {
            let p = parse_color(c);
            (p.0, p.1, p.2)
        })
        .collect();
    let strokes = log
        .strokes
        .iter()
        .filter(|s| rgb.contains(&s.0))
        .map(|s| s.1.clone())
        .collect();
    (boxes, strokes)
}

#[test]
fn labels_never_sit_under_a_line() {
    // A projection that runs right through where the target's label would
    // first go (left of the diamond, above the line), and a trend below it.
    for (end, trend_end) in [
        (130.0, 120.0),
        (150.0, 128.0),
        (125.0, 131.0),
        (131.0, 129.0),
    ] {
        let mut s = spec();
        s.projection = Some(Line {
            years: vec![2025.0, 2026.0, 2027.0, 2028.0, 2029.0, 2030.0],
            values: vec![71.1, 80.0, 95.0, 110.0, 128.0, end],
        });
        s.trend = Some(Line {
            years: vec![2025.0, 2030.0],
            values: vec![71.1, trend_end],
        });
        s.reached_year = Some(2029.0);
        s.words.reached = "Đạt mục tiêu: 2029".into();
        let th = s.theme.clone();
        for label in ["Mục tiêu 130", "Đạt mục tiêu: 2029"] {
            let (boxes, strokes) = boxes_and_strokes(&s, label, &[&th.projection, &th.trend]);
            assert_eq!(boxes.len(), 1, "{label}");
            for stroke in &strokes {
                for w in stroke.windows(2) {
                    assert!(
                        !boxes[0].hits(w[0], w[1]),
                        "{label} under a line at {w:?} (end {end})"
                    );
                }
            }
        }
    }
}

#[test]
fn breaks_cut_the_line_and_are_marked() {
    let mut s = spec();
    s.breaks = vec![BreakMark {
        year: 2022.0,
        label: "Đổi chuẩn nghèo".into(),
    }];
    assert!(texts(&s).iter().any(|t| t == "Đổi chuẩn nghèo"));
    assert_eq!(history_runs(&s).len(), 2, "no line across the break");
    s.breaks.clear();
    assert_eq!(history_runs(&s).len(), 1);
}

#[test]
fn term_totals_are_bars_labelled_with_their_terms() {
    let s = ChartSpec {
        history: vec![Xy {
            year: 2025.0,
            value: 181.7,
        }],
        projection: Some(Line {
            years: vec![2025.0, 2030.0],
            values: vec![181.7, 185.0],
        }),
        target: Some(TargetMark {
            year: 2030.0,
            low: 180.0,
            high: 190.0,
        }),
        bars: Some(5.0),
        ..Default::default()
    };
    let t = texts(&s);
    assert!(
        t.iter().any(|t| t == "2021–2025") && t.iter().any(|t| t == "2026–2030"),
        "{t:?}"
    );
    assert!(!t.iter().any(|t| t == "2027"), "no yearly axis: {t:?}");
    let (_, (y0, _)) = ranges(&s);
    assert_eq!(y0, 0.0, "bars start at zero");
}

#[test]
fn a_picture_has_its_title_scenario_legend_source_and_credit() {
    let rec = Recorder(Default::default(), (1600, 1000));
    let caption = Caption {
        title: "GRDP bình quân đầu người Lạng Sơn".into(),
        retarget: "Mục tiêu bạn đang thử: 150 triệu đồng năm 2030".into(),
        scenario: "Kịch bản: GRDP thực tăng 10,5%/năm".into(),
        legend: vec![
            (Swatch::History, "Số liệu đã công bố".into()),
            (Swatch::Target, "Mục tiêu".into()),
        ],
        source: "Nguồn: Báo Nhân Dân".into(),
        credit: "Đồ hoạ: grdp-whatif".into(),
    };
    let mut s = spec();
    s.scale = 2.0;
    draw_picture(&rec.clone().into_drawing_area(), &s, &caption).unwrap();
    let log = rec.0.borrow();
    let t: Vec<&str> = log.texts.iter().map(|t| t.0.as_str()).collect();
    for want in [
        "GRDP bình quân đầu người Lạng Sơn",
        "Mục tiêu bạn đang thử: 150 triệu đồng năm 2030",
        "Kịch bản: GRDP thực tăng 10,5%/năm",
        "Số liệu đã công bố",
        "Mục tiêu",
        "Nguồn: Báo Nhân Dân",
        "Đồ hoạ: grdp-whatif",
        "Mục tiêu 130",
    ] {
        assert!(t.contains(&want), "{want} not in {t:?}");
    }
    assert_eq!(log.full_rects, 1, "the background painted once");
    // The reader's target stands apart, as on screen: a bar at its left,
    // its words beside the bar, a gap before the scenario's line.
    let at = |want: &str| log.texts.iter().find(|t| t.0 == want).unwrap().1;
    let (mine, title, sc) = (
        at("Mục tiêu bạn đang thử: 150 triệu đồng năm 2030"),
        at("GRDP bình quân đầu người Lạng Sơn"),
        at("Kịch bản: GRDP thực tăng 10,5%/năm"),
    );
    assert!(mine.x0 > title.x0, "indented: {mine:?} {title:?}");
    assert!(
        sc.y0 - mine.y1 > mine.y0 - title.y1,
        "more room after it than before it: {title:?} {mine:?} {sc:?}"
    );
    let bar = log
        .rects
        .iter()
        .find(|r| r.x1 <= mine.x0 && r.y0 <= mine.y0 + 2 && r.y1 >= mine.y1 - 4)
        .unwrap_or_else(|| panic!("no bar beside {mine:?} in {:?}", log.rects));
    assert!(bar.x0 >= title.x0 - 1, "{bar:?}");
}

#[test]
fn the_svg_is_the_same_picture() {
    let caption = Caption {
        title: "Tiêu đề <b>&</b>".into(),
        source: "Nguồn: Báo".into(),
        credit: "Đồ hoạ".into(),
        ..Default::default()
    };
    let svg = picture_svg(&spec(), &caption, (800, 500), |t, px| {
        ((t.chars().count() as f64 * px * 0.55) as u32, px as u32)
    })
    .unwrap();
    assert!(
        svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
        "{}",
        &svg[svg.len().saturating_sub(200)..]
    );
    for want in [
        "Tiêu đề &lt;b&gt;&amp;&lt;/b&gt;",
        "Mục tiêu 130",
        "Nguồn: Báo",
        "Đồ hoạ",
        "2025",
    ] {
        assert!(svg.contains(want), "{want}");
    }
}

#[test]
fn reading_a_spec_names_the_field() {
    let v = crate::json::parse(r#"{"scale": 1, "history": [], "colour": 1}"#).unwrap();
    assert_eq!(read_spec(&v).unwrap_err().field, "colour");
    let v = crate::json::parse(r#"{"scale": 1, "history": [{"year": 2020, "value": null}], "target": {"year": 2030, "value": 1, "low": 0}}"#).unwrap();
    assert_eq!(read_spec(&v).unwrap_err().field, "target");
}

#[cfg(not(target_arch = "wasm32"))]
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn num() -> impl Strategy<Value = f64> + Clone {
        prop_oneof![
            -1e6f64..1e6,
            2000.0f64..2040.0,
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(0.0),
            Just(1e308),
            Just(-1e308),
            Just(5e-324),
            any::<f64>(),
        ]
    }

    fn line() -> impl Strategy<Value = Option<Line>> {
        proptest::option::of(
            (
                prop::collection::vec(num(), 0..8),
                prop::collection::vec(num(), 0..8),
            )
                .prop_map(|(years, values)| Line { years, values }),
        )
    }

    fn any_spec() -> impl Strategy<Value = ChartSpec> {
        let xy = || (num(), num()).prop_map(|(year, value)| Xy { year, value });
        (
            (
                num(),
                prop::collection::vec(xy(), 0..8),
                prop::collection::vec(xy(), 0..3),
            ),
            (
                line(),
                line(),
                proptest::option::of((num(), num(), num())),
                proptest::option::of(num()),
            ),
            (
                proptest::option::of((
                    prop::collection::vec(num(), 0..8),
                    prop::collection::vec(num(), 0..8),
                    prop::collection::vec(num(), 0..8),
                )),
                proptest::option::of((
                    prop::collection::vec(num(), 0..8),
                    prop::collection::vec(prop::collection::vec(num(), 0..8), 0..4),
                    num(),
                )),
                any::<bool>(),
                0u32..10,
            ),
            (
                prop::collection::vec(num(), 0..3),
                proptest::option::of(num()),
                proptest::option::of(num()),
            ),
        )
            .prop_map(
                |(
                    (scale, history, alternatives),
                    (projection, trend, target, reached_year),
                    (band, stack, transparent, decimals),
                    (breaks, bars, ceiling),
                )| ChartSpec {
                    scale,
                    text_scale: scale,
                    lang: Lang::Vi,
                    history,
                    alternatives,
                    projection,
                    trend,
                    band: band.map(|(years, lo, hi)| Band { years, lo, hi }),
                    target: target.map(|(year, low, high)| TargetMark { year, low, high }),
                    reached_year,
                    stack: stack.map(|(years, series, first_projected_year)| Stack {
                        colors: vec!["#123456".into(); series.len().saturating_sub(1)],
                        labels: vec![],
                        years,
                        series,
                        first_projected_year,
                    }),
                    breaks: breaks
                        .into_iter()
                        .map(|year| BreakMark {
                            year,
                            label: "|".into(),
                        })
                        .collect(),
                    bars,
                    theme: Theme {
                        grid: "nonsense".into(),
                        ..Theme::default()
                    },
                    transparent,
                    words: Words {
                        target: "Mục tiêu".into(),
                        reached: "Đạt".into(),
                        projected: "→".into(),
                        unit: "tr.".into(),
                    },
                    decimals,
                    unit_suffix: String::new(),
                    ceiling,
                },
            )
    }

    /// Found by the property below: years of ±1e308 made the axes span
    /// 2e308, and drawing never ended (the page hung). Such points are gaps now.
    #[test]
    fn far_points_are_gaps_not_a_hang() {
        let mut s = spec();
        s.history = vec![
            Xy {
                year: 1e308,
                value: 1.0,
            },
            Xy {
                year: -1e308,
                value: 2032.7,
            },
            Xy {
                year: 2020.0,
                value: 44.2,
            },
        ];
        s.trend = Some(Line {
            years: vec![7.6e216, 2004.0],
            values: vec![0.0, 0.0],
        });
        s.projection = Some(Line {
            years: vec![2025.0, 2030.0],
            values: vec![71.1, 1e300],
        });
        let ((x0, x1), (y0, y1)) = ranges(&s);
        assert!(x0 > 1990.0 && x1 < 2040.0, "{x0}..{x1}");
        assert!(y0.abs() < 1e16 && y1.abs() < 1e16, "{y0}..{y1}");
        for layer in [Layer::All, Layer::Base, Layer::Overlay] {
            assert!(draw_layer(
                &Recorder(Default::default(), (319, 389)).into_drawing_area(),
                &s,
                layer
            )
            .is_ok());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("GRDP_CHART_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
        ))]
        /// Any spec, on any size of canvas, in every layer and as a picture:
        /// drawn or refused, never a panic; the frame key is always a whole number.
        #[test]
        fn any_spec_draws_or_fails_cleanly(spec in any_spec(), w in 0u32..2000, h in 0u32..1000) {
            for layer in [Layer::All, Layer::Base, Layer::Overlay] {
                let _ = draw_layer(&Recorder(Default::default(), (w, h)).into_drawing_area(), &spec, layer);
            }
            let _ = draw_picture(&Recorder(Default::default(), (w, h)).into_drawing_area(), &spec, &Caption { title: "t".into(), ..Default::default() });
            let key = frame_key(&spec, (w, h));
            prop_assert!(key.is_finite() && key.fract() == 0.0 && key < 2f64.powi(53));
            let ((x0, x1), (y0, y1)) = ranges(&spec);
            prop_assert!(x0 <= x1 && y0 <= y1, "{x0}..{x1}, {y0}..{y1}");
        }
    }
}

#[test]
fn the_projected_label_of_a_stack_sits_on_a_patch_of_its_own() {
    // Shares fill the whole plot: the label cannot avoid the bands, so it
    // gets a background patch under it.
    let spec = ChartSpec {
        history: vec![],
        projection: None,
        target: None,
        reached_year: None,
        stack: Some(Stack {
            years: vec![2020.0, 2025.0, 2030.0],
            series: vec![vec![40.0, 45.0, 50.0], vec![60.0, 55.0, 50.0]],
            colors: vec!["#4e9a06".into(), "#3465a4".into()],
            labels: vec!["A".into(), "B".into()],
            first_projected_year: 2026.0,
        }),
        words: Words {
            projected: "dự phóng →".into(),
            ..Default::default()
        },
        ..spec()
    };
    let rec = Recorder::default();
    draw_layer(&rec.clone().into_drawing_area(), &spec, Layer::All).unwrap();
    let log = rec.0.borrow();
    let (_, label) = log
        .texts
        .iter()
        .find(|t| t.0 == "dự phóng →")
        .expect("the label is drawn");
    assert!(
        log.rects
            .iter()
            .any(|r| r.x0 <= label.x0 && r.y0 <= label.y0 && r.x1 >= label.x1 && r.y1 >= label.y1),
        "no patch under {label:?}: {:?}",
        log.rects
    );
}

#[test]
fn an_axis_does_not_go_below_zero_for_values_that_do_not() {
    // A share driven down to 0 % (held there) from 30 %: the axis starts at 0.
    let line = |v: &[f64]| Line {
        years: (0..v.len()).map(|i| 2025.0 + i as f64).collect(),
        values: v.to_vec(),
    };
    let s = ChartSpec {
        history: vec![Xy {
            year: 2025.0,
            value: 30.0,
        }],
        projection: Some(line(&[30.0, 20.0, 10.0, 0.0, 0.0, 0.0])),
        ..Default::default()
    };
    let (_, (y0, y1)) = ranges(&s);
    assert_eq!(y0, 0.0);
    assert!(y1 > 30.0);
    // Values that do fall below zero still get room under them.
    let s = ChartSpec {
        projection: Some(line(&[5.0, -5.0])),
        ..Default::default()
    };
    assert!(ranges(&s).1 .0 < -5.0);
}

#[test]
fn a_larger_default_font_keeps_every_label_on_the_canvas_and_apart() {
    // A phone at 375 CSS px with the reader's default font at 32 px: the
    // chart box is 14.5 em tall and the text twice the size.
    for (scale, text_scale, size) in [
        (1.0, 1.0, (800, 400)),
        (2.0, 2.0, (702, 928)),
        (1.0, 2.0, (351, 464)),
        (1.0, 3.0, (351, 696)),
    ] {
        let mut s = spec();
        s.scale = scale;
        s.text_scale = text_scale;
        s.words.unit = "triệu đồng".into();
        s.history = (2020..=2025)
            .map(|y| Xy {
                year: f64::from(y),
                value: 44.2 + f64::from(y - 2020) * 5.4,
            })
            .collect();
        let rec = Recorder(Default::default(), size);
        draw_layer(&rec.clone().into_drawing_area(), &s, Layer::All).unwrap();
        let log = rec.0.borrow();
        let (w, h) = (size.0 as i32, size.1 as i32);
        for (text, r) in &log.texts {
            assert!(
                r.x0 >= 0 && r.y0 >= 0 && r.x1 <= w && r.y1 <= h,
                "{text:?} at {r:?} is cut off a {w}×{h} canvas (text ×{text_scale})"
            );
        }
        let years: Vec<&Rect> = log
            .texts
            .iter()
            .filter(|(t, _)| t.len() == 4 && t.starts_with("20"))
            .map(|(_, r)| r)
            .collect();
        assert!(years.len() >= 2, "{:?}", log.texts);
        for (i, a) in years.iter().enumerate() {
            for b in &years[i + 1..] {
                assert!(
                    !overlaps(a, b),
                    "year labels {a:?} and {b:?} overlap (text ×{text_scale})"
                );
            }
        }
    }
}

#[test]
fn a_percentage_s_axis_prints_no_number_past_its_ceiling() {
    // Forest cover held at 100 % from 2033: the room above the line for
    // labels was numbered "110,0%".
    let mut s = ChartSpec {
        history: vec![Xy {
            year: 2025.0,
            value: 64.5,
        }],
        projection: Some(Line {
            years: (2025..=2045).map(f64::from).collect(),
            values: (0..=20)
                .map(|k| (64.5 + 5.0 * f64::from(k)).min(100.0))
                .collect(),
        }),
        decimals: 1,
        unit_suffix: "%".into(),
        ..Default::default()
    };
    let (_, (_, y1)) = ranges(&s);
    assert!(y1 > 100.0, "room above the line: {y1}");
    let numbered = |t: &[String]| t.iter().any(|t| t == "110,0%");
    assert!(numbered(&texts(&s)), "without a ceiling: {:?}", texts(&s));
    s.ceiling = Some(100.0);
    let t = texts(&s);
    assert!(!numbered(&t) && t.iter().any(|t| t == "100,0%"), "{t:?}");
    assert_eq!(ranges(&s).1 .1, y1, "the same room above");
}

#[test]
fn a_label_too_wide_beside_its_mark_slides_into_the_plot() {
    // On a phone the reached label, long since it names the year past the
    // range, hung over the value axis's numbers left of the plot.
    let mut s = spec();
    s.projection = Some(Line {
        years: (2025..=2035).map(f64::from).collect(),
        values: (0..=10).map(|k| 100.0 * 1.105_f64.powi(k)).collect(),
    });
    s.history = vec![Xy {
        year: 2020.0,
        value: 65.0,
    }];
    s.target = Some(TargetMark {
        year: 2035.0,
        low: 161.05,
        high: 168.51,
    });
    s.reached_year = Some(2030.0);
    let long = "Đạt mục tiêu: 2030 (2035: vượt cận trên)";
    s.words.reached = long.into();
    let rec = Recorder(Default::default(), (400, 400));
    let layout = draw(&rec.clone().into_drawing_area(), &s).unwrap();
    let log = rec.0.borrow();
    let b = log.texts.iter().find(|t| t.0 == long).expect("drawn").1;
    let (left, right) = (layout.plot_left, layout.plot_left + layout.plot_width);
    assert!(
        f64::from(b.x0) >= left - 0.5 && f64::from(b.x1) <= right + 0.5,
        "{b:?} outside {left}–{right}"
    );
}

#[test]
fn term_labels_never_overprint_on_a_narrow_chart() {
    // Seven terms at 375 px: "2021–2025026–2030031–2035…".
    let mut s = ChartSpec {
        history: vec![Xy {
            year: 2025.0,
            value: 181.7,
        }],
        projection: Some(Line {
            years: (0..=6).map(|k| 2025.0 + 5.0 * f64::from(k)).collect(),
            values: (0..=6).map(|k| 181.7 * 1.1_f64.powi(k)).collect(),
        }),
        bars: Some(5.0),
        ..Default::default()
    };
    let terms = |t: &[String]| {
        t.iter()
            .filter(|t| t.len() > 8 && t.contains('–'))
            .cloned()
            .collect::<Vec<_>>()
    };
    // Wide: every term named.
    assert_eq!(terms(&texts(&s)).len(), 7, "{:?}", texts(&s));
    // Narrow: the labels drawn fit side by side, the last term among them.
    let rec = Recorder(Default::default(), (340, 300));
    s.scale = 1.0;
    draw(&rec.clone().into_drawing_area(), &s).unwrap();
    let log = rec.0.borrow();
    let mut boxes: Vec<_> = log
        .texts
        .iter()
        .filter(|t| t.0.len() > 8 && t.0.contains('–'))
        .collect();
    boxes.sort_by_key(|t| t.1.x0);
    assert!(boxes.len() >= 2 && boxes.len() < 7, "{boxes:?}");
    assert!(boxes.iter().any(|t| t.0 == "2051–2055"), "{boxes:?}");
    for w in boxes.windows(2) {
        assert!(w[0].1.x1 < w[1].1.x0, "{w:?}");
    }
}
