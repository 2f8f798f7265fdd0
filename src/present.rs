//! What the widget shows, decided here, not in the page: for a view state
//! (indicator, language, preset, scenario), every word and figure on screen
//! (title, caveats, presets with their basis, controls, readout cards, the
//! sentence, legend, table, sources, the assumptions and how each was
//! worked out), the chart's spec and the words around a published picture.
//! The page asks for a [`Presentation`] and shows it.
//!
//! Text that comes from a dataset is marked with the language it is in
//! ([`Localized`]), and inside sentences wrapped in Unicode isolates (FSI…PDI)
//! so that no character in it can reorder the widget's own words.

mod cards;
pub mod controls;
pub mod table;
pub mod words;

use crate::chart::{BreakMark, Caption, ChartSpec, Line, Stack, Swatch, TargetMark, Xy};
use crate::dataset::{Dataset, Indicator, Model, SourceKind, Text};
use crate::json::Value;
use crate::lang::Lang;
use crate::montecarlo::Draws;
use crate::problem::{FieldError, Problem};
use crate::read::{self, Fields, Path, R};
use crate::scenario::{
    self, project_shares, project_with, Projection, Scenario, ScenarioInput, SharesProjection,
};
use crate::share::{format_hash, ShareState};
use cards::Shown;
use controls::{defs, Key};
use serde::Serialize;
use words::{own_decimals, Words};

/// Colours of a structure's parts, in order.
pub const PART_COLORS: [&str; 4] = ["#4e9a06", "#c17d11", "#3465a4", "#75507b"];

/// Wrap text from a dataset in a Unicode isolate (FSI … PDI) when it holds
/// anything that can change the direction of what is around it (a
/// right-to-left letter, a direction mark): whatever it holds stays inside.
/// Other text is left as it is, so a sentence copied into an article carries
/// no invisible characters.
///
/// # Example
/// ```
/// use grdp_whatif::present::isolate;
/// assert_eq!(isolate("evil\u{202e}"), "\u{2068}evil\u{202e}\u{2069}");
/// assert_eq!(isolate("שלום"), "\u{2068}שלום\u{2069}");
/// assert_eq!(isolate("Lạng Sơn"), "Lạng Sơn");
/// ```
pub fn isolate(s: &str) -> String {
    let turns = |c: char| {
        matches!(c,
            '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}'
            | '\u{200E}' | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}')
    };
    if s.chars().any(turns) {
        format!("\u{2068}{s}\u{2069}")
    } else {
        s.to_string()
    }
}

/// Text with the language it is written in (so the page can mark it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Localized {
    pub text: String,
    pub lang: &'static str,
}

fn loc(t: &Text, lang: Lang) -> Localized {
    let (text, in_lang) = t.get(lang);
    Localized {
        text: text.to_string(),
        lang: in_lang.code(),
    }
}

fn plain(text: String, lang: Lang) -> Localized {
    Localized {
        text,
        lang: lang.code(),
    }
}

/// What the page asks to see.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewInput {
    pub indicator: String,
    pub lang: Lang,
    /// The preset pressed (`custom` for the reader's own).
    pub preset: String,
    pub scenario: ScenarioInput,
    /// For the share link: the theme and view, as the page has them.
    pub theme: Option<String>,
    pub view: Option<String>,
    /// Include the table.
    pub table: bool,
}

/// Read a view state as the page gives it.
///
/// # Errors
/// A missing, unknown or mistyped field, by name.
/// # Example
/// ```
/// use grdp_whatif::{json, present::read_view};
/// let v = json::parse(r#"{"indicator": "exports", "lang": "en", "scenario": {"growth": 0.1}}"#).unwrap();
/// assert_eq!(read_view(&v).unwrap().scenario.growth, Some(0.1));
/// ```
pub fn read_view(v: &Value) -> R<ViewInput> {
    let root = Path::ROOT;
    let mut f = Fields::of(v, &root)?;
    let i = ViewInput {
        indicator: f.req("indicator", read::id)?,
        lang: f
            .opt("lang", |v, p| read::choice(v, p, &["vi", "en"]))?
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default(),
        preset: f
            .opt("preset", read::id)?
            .unwrap_or_else(|| "custom".into()),
        scenario: f.opt("scenario", scenario::read_input)?.unwrap_or_default(),
        theme: f.opt("theme", |v, p| {
            read::choice(v, p, &["light", "dark", "auto"])
        })?,
        view: f.opt("view", |v, p| read::choice(v, p, &["chart", "table"]))?,
        table: f.opt("table", read::boolean)?.unwrap_or(false),
    };
    f.finish()?;
    Ok(i)
}

/// A preset button.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PresetView {
    pub id: String,
    pub label: Localized,
    pub basis: Option<Localized>,
    pub assumed: bool,
    pub pressed: bool,
}

/// A control: a slider with its text field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Control {
    pub key: &'static str,
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Shown units per stored unit (100: a rate shown in %).
    pub scale: f64,
    /// The slider's value, in shown units (within min–max).
    pub value: f64,
    /// The field's text.
    pub text: String,
    /// "giả định" (an assumption) or "tính từ số liệu" (derived) when the
    /// control still holds the dataset's default; empty otherwise.
    pub tag: String,
    /// One of the model's main controls (growth, target): shown first; the
    /// others (prices, population, exchange rate, uncertainty) one tap away.
    pub primary: bool,
}

/// Good (the target is reached), bad (it is not) or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Tone {
    Good,
    Bad,
    Neutral,
}

/// A readout card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    pub id: &'static str,
    pub label: String,
    pub value: String,
    pub detail: String,
    pub tone: Tone,
}

/// A legend entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendItem {
    pub swatch: Swatch,
    pub text: String,
    /// A part's colour (structure charts).
    pub color: Option<&'static str>,
}

/// The data table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableView {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub note: Option<String>,
}

/// A source, numbered as cited.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceView {
    /// "" for a publication, "Tính toán" / "Giả định" for the others.
    pub kind: String,
    pub publication: Localized,
    pub title: Localized,
    /// The title's translation, when the title is in the other language.
    pub translation: Option<String>,
    pub date: Localized,
    pub url: Option<String>,
}

/// An assumed or derived figure, and how it was worked out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HowItem {
    pub label: String,
    pub value: String,
    /// "tính từ số liệu" or "giả định".
    pub kind: String,
    pub how: Option<Localized>,
}

/// Everything the widget shows for a view state.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Presentation {
    pub lang: &'static str,
    /// Changes when the controls and presets change shape (indicator,
    /// language, dataset): the page builds them again then, and only then.
    pub shape: String,
    pub title: Localized,
    /// Under the title: the target the reader is trying, when it is not the
    /// dataset's (see `retarget`).
    pub retarget: Option<String>,
    pub caveats: Vec<Localized>,
    pub presets: Vec<PresetView>,
    pub controls: Vec<Control>,
    pub cards: Vec<Card>,
    pub sentence: String,
    /// The chart's accessible name.
    pub chart_label: String,
    pub legend: Vec<LegendItem>,
    pub table: Option<TableView>,
    pub sources: Vec<SourceView>,
    pub how: Vec<HowItem>,
    pub notes: Vec<Localized>,
    pub credit: Option<Localized>,
    /// The share link of this state.
    pub link: String,
    /// Years the chart's readout steps through.
    pub years: Vec<i32>,
}

/// The projections behind a view: the scenario's and the trend's (or shares).
pub enum Computed {
    Path {
        p: Box<Projection>,
        trend: Option<Box<Projection>>,
    },
    Shares(SharesProjection),
}

/// The last trend projected, kept: it does not move with the growth slider
/// (the one most often dragged), so a step projects once, not twice.
#[derive(Default)]
pub struct TrendCache(Option<(Scenario, Projection)>);

/// Project what a view state shows.
///
/// # Errors
/// The field at fault.
pub fn compute(
    d: &Dataset,
    input: &ViewInput,
    draws: &mut Draws,
    cache: &mut TrendCache,
) -> Result<Computed, FieldError> {
    let ind = indicator(d, &input.indicator)?;
    if ind.model == Model::Shares {
        let (y, _) = ind.shares.last().map(|s| (s.year, 0)).unwrap_or((2025, 0));
        let end = input.scenario.target_year.unwrap_or(y + 5);
        return Ok(Computed::Shares(project_shares(ind, end)?));
    }
    let mut sc = input.scenario.clone();
    sc.indicator = Some(ind.id.clone());
    // The band shows the 10th and 90th percentiles.
    sc.percentiles = Some(vec![10.0, 90.0]);
    let s = Scenario::resolve(&sc, d)?;
    let p = project_with(&s, draws)?;
    let trend = match ind
        .scenarios
        .get("trend")
        .and_then(|t| scenario::preset_growth(&d.assumptions, ind, t))
    {
        Some(g) => {
            let mut t = s.clone();
            if ind.model == Model::PerCapita {
                t.real_growth = g;
            } else {
                t.growth = g;
            }
            t.paths = 0;
            let same = t.real_growth == s.real_growth && t.growth == s.growth;
            if same {
                // The scenario is the trend: no second line under the first.
                return Ok(Computed::Path {
                    p: Box::new(p),
                    trend: None,
                });
            }
            match &cache.0 {
                Some((key, tp)) if *key == t => Some(Box::new(tp.clone())),
                _ => {
                    let tp = project_with(&t, draws)?;
                    cache.0 = Some((t, tp.clone()));
                    Some(Box::new(tp))
                }
            }
        }
        None => None,
    };
    Ok(Computed::Path {
        p: Box::new(p),
        trend,
    })
}

fn indicator<'a>(d: &'a Dataset, id: &str) -> Result<&'a Indicator, FieldError> {
    d.indicator(id)
        .ok_or_else(|| FieldError::new("indicator", Problem::UnknownIndicator { id: id.into() }))
}

/// A source as one line: "Báo Nhân Dân, “…”, 2025".
pub fn source_line(d: &Dataset, id: &str, lang: Lang) -> String {
    match d.source(id) {
        Some(s) => {
            let date = s.date.as_ref().map_or("", |d| d.text(lang));
            let date = if date.is_empty() {
                String::new()
            } else {
                format!(", {date}")
            };
            let date = date.trim_start_matches(", ").to_string();
            let date = if date.is_empty() {
                date
            } else {
                format!(", {date}")
            };
            format!(
                "{}, “{}”{}",
                isolate(s.publication.text(lang)),
                isolate(shown_title(s, lang).0),
                if date.is_empty() {
                    String::new()
                } else {
                    isolate(&date)
                }
            )
        }
        None => id.to_string(),
    }
}

/// A source's title as shown, and its translation to give beside it. A
/// publication's title is its name, in Vietnamese whatever the page's
/// language (the translation goes beside it); a title the dataset writes
/// itself (a worked-out figure's, an assumption's) is text like any other,
/// in the page's language where the dataset has it.
fn shown_title(s: &crate::dataset::Source, lang: Lang) -> (&str, Option<&str>) {
    let en = s.title.en.as_deref().filter(|_| lang == Lang::En);
    match s.kind {
        SourceKind::Publication => (&s.title.vi, en),
        SourceKind::Derived | SourceKind::Assumption => (en.unwrap_or(&s.title.vi), None),
    }
}

/// The preset's label: the dataset's, else the standard words.
pub(crate) fn preset_label(ind: &Indicator, name: &str, lang: Lang) -> Localized {
    match ind.scenarios.get(name).and_then(|p| p.label.as_ref()) {
        Some(l) => loc(l, lang),
        None => plain(
            match name {
                "trend" => lang.pick("Xu hướng", "Trend").to_string(),
                "plan" => lang.pick("Kế hoạch", "Plan").to_string(),
                "custom" => lang.pick("Tự chọn", "Custom").to_string(),
                other => other.to_string(),
            },
            lang,
        ),
    }
}

fn presets(ind: &Indicator, pressed: &str, lang: Lang) -> Vec<PresetView> {
    let mut out: Vec<PresetView> = ind
        .scenarios
        .0
        .iter()
        .map(|(id, p)| PresetView {
            id: id.clone(),
            label: preset_label(ind, id, lang),
            basis: p.basis.as_ref().map(|b| loc(b, lang)),
            assumed: p.assumed,
            pressed: id == pressed,
        })
        .collect();
    if ind.model != Model::Shares {
        out.push(PresetView {
            id: "custom".into(),
            label: preset_label(ind, "custom", lang),
            basis: Some(plain(
                lang.pick(
                    "Các giá trị bạn chọn bằng thanh trượt.",
                    "The values you set with the sliders.",
                )
                .into(),
                lang,
            )),
            assumed: false,
            pressed: pressed == "custom" || !ind.scenarios.0.iter().any(|(n, _)| n == pressed),
        });
    }
    out
}

/// Whether a control's value `v` is the dataset's `x`, as it is or as the
/// control shows it (3,4158 shown as 3,4): a value the reader moved, however
/// close (3,37, 3,46), is the reader's.
fn as_given(ind: &Indicator, key: Key, x: f64, v: f64) -> bool {
    (x - v).abs() < 1e-9 || (controls::as_shown(ind, key, x) - v).abs() < 1e-9
}

/// Where a control's value comes from, in a word: the dataset's assumption
/// ("giả định"; worked out from the figures, still assumed to hold ahead),
/// the record, or the reader's own choice.
pub(crate) fn tag_of(d: &Dataset, ind: &Indicator, key: Key, v: Option<f64>, lang: Lang) -> String {
    let a = &d.assumptions;
    let dflt = match key {
        Key::Inflation => a.inflation.as_ref(),
        Key::PopulationGrowth => a.population_growth.as_ref(),
        Key::FxChange => a.fx_change.as_ref(),
        Key::Spread => {
            let linear = ind.model == Model::Linear;
            // The dataset's own value, as it is or as the control shows it
            // (3,4158 shown as 3,4): a value the reader moved, however
            // close (3,37, 3,46), is the reader's.
            let near = |x: f64, y: f64| as_given(ind, Key::Spread, x, y);
            return match (v, ind.spread, scenario::historical_spread(ind)) {
                (Some(v), Some(x), _) if near(x, v) => lang.pick("giả định", "assumption").into(),
                (Some(v), None, Some(x)) if near(x, v) => lang
                    .pick("tính từ số liệu", "worked out from the figures")
                    .into(),
                (Some(v), None, None)
                    if near(
                        if linear {
                            scenario::FALLBACK_SPREAD_POINTS
                        } else {
                            scenario::FALLBACK_SPREAD_RATE
                        },
                        v,
                    ) =>
                {
                    lang.pick("giả định", "assumption").into()
                }
                _ => lang.pick("bạn chọn", "your choice").into(),
            };
        }
        // No presets: the growth the widget opens on is the record's.
        Key::RealGrowth | Key::Growth if ind.scenarios.0.is_empty() => {
            let record = scenario::record_growth(a, ind);
            return match (record, v) {
                (Some(x), Some(v)) if as_given(ind, key, x, v) => lang
                    .pick("tính từ số liệu", "worked out from the figures")
                    .into(),
                _ => String::new(),
            };
        }
        _ => return String::new(),
    };
    match (dflt, v) {
        (Some(x), Some(v)) if as_given(ind, key, x.value, v) => {
            match d.source(&x.source).map(|s| s.kind) {
                Some(SourceKind::Derived) => lang
                    .pick(
                        "giả định, tính từ số liệu",
                        "assumption, worked out from the figures",
                    )
                    .into(),
                _ => lang.pick("giả định", "assumption").into(),
            }
        }
        (Some(_), Some(_)) => lang.pick("bạn chọn", "your choice").into(),
        _ => String::new(),
    }
}

/// Whether there is an exchange rate to move: the scenario's (a link's or
/// the API's `fxBase`), else the dataset's.
fn has_fx(d: &Dataset, s: Option<&Scenario>) -> bool {
    s.map_or(d.assumptions.fx_base.is_some(), |s| s.fx_base.is_some())
}

fn controls_of(
    d: &Dataset,
    ind: &Indicator,
    s: &ScenarioInput,
    resolved: Option<&Scenario>,
    lang: Lang,
) -> Vec<Control> {
    // The exchange rate's slider only where there is a rate to move: a
    // dataset without one shows no USD figure, and a slider there would
    // change nothing on screen.
    let has_fx = has_fx(d, resolved);
    defs(ind)
        .into_iter()
        .filter(|def| def.key != Key::FxChange || has_fx)
        .map(|def| {
            let v = def.key.get(s).or_else(|| {
                let r = resolved?;
                Some(match def.key {
                    Key::TargetValue => r.threshold()?,
                    Key::TargetYear => f64::from(r.target_year),
                    Key::Spread => r.spread,
                    Key::Growth => r.growth,
                    Key::RealGrowth => r.real_growth,
                    Key::Inflation => r.inflation,
                    Key::PopulationGrowth => r.population_growth,
                    Key::FxChange => r.fx_change,
                })
            });
            let shown = v.map_or(def.min, |v| v * def.scale);
            Control {
                key: def.key.name(),
                label: controls::label(def.key, ind, lang),
                min: def.min,
                max: def.max,
                step: def.step,
                scale: def.scale,
                value: shown.max(def.min).min(def.max),
                text: v
                    .map(|v| controls::field_text(&def, v, lang))
                    .unwrap_or_default(),
                tag: match (
                    def.key,
                    s.target_value,
                    resolved.and_then(|r| Some((r.target?, r.goal))),
                ) {
                    // A range's end, shown in a one-figure field: said, so
                    // "180" is not read as the target (180–190).
                    (Key::TargetValue, None, Some((t, goal))) if t.low() < t.high() => match goal {
                        crate::dataset::Goal::Higher => lang.pick(
                            "đầu dưới của khoảng mục tiêu",
                            "low end of the target range",
                        ),
                        crate::dataset::Goal::Lower => lang.pick(
                            "đầu trên của khoảng mục tiêu",
                            "high end of the target range",
                        ),
                    }
                    .into(),
                    // No target for the year (or term) in view, though the
                    // dataset has one for another: said, so the empty field
                    // beside a slider at its minimum is not read as a
                    // target, and the control keeps its height as the year
                    // moves past the target's (no jump under the finger).
                    (Key::TargetValue, None, None) if !ind.targets.is_empty() => {
                        if ind.model == Model::TermTotal {
                            lang.pick("không có cho giai đoạn này", "none for this term")
                        } else {
                            lang.pick("không có cho năm này", "none for this year")
                        }
                        .into()
                    }
                    _ => tag_of(d, ind, def.key, v, lang),
                },
                primary: matches!(
                    def.key,
                    Key::RealGrowth | Key::Growth | Key::TargetValue | Key::TargetYear
                ),
            }
        })
        .collect()
}

fn legend(w: &Words<'_>, c: &Computed) -> Vec<LegendItem> {
    let lang = w.lang;
    let item = |swatch, text: &str| LegendItem {
        swatch,
        text: text.to_string(),
        color: None,
    };
    match c {
        Computed::Shares(_) => w
            .ind
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| LegendItem {
                swatch: Swatch::Part(i),
                text: p.label.text(lang).to_string(),
                color: PART_COLORS.get(i % PART_COLORS.len()).copied(),
            })
            .collect(),
        Computed::Path { p, trend } => {
            let mut out = vec![item(
                Swatch::History,
                lang.pick(
                    "Số liệu theo nguồn (công bố hoặc tính từ số công bố)",
                    "Figures from the sources (published or worked out from them)",
                ),
            )];
            if !w.ind.alternatives.is_empty() {
                out.push(item(
                    Swatch::Alternative,
                    lang.pick(
                        "Số liệu khác (không dùng làm mặc định)",
                        "Other figures (not the default)",
                    ),
                ));
            }
            out.push(item(
                Swatch::Projection,
                lang.pick("Kịch bản đang chọn", "Chosen scenario"),
            ));
            if trend.is_some() {
                out.push(LegendItem {
                    swatch: Swatch::Trend,
                    text: preset_label(w.ind, "trend", lang).text,
                    color: None,
                });
            }
            if p.bands.is_some() {
                out.push(item(
                    Swatch::Band,
                    lang.pick(
                        "Vùng chứa 80% số đường mô phỏng (phân vị 10–90)",
                        "Middle 80% of the simulated paths (10th–90th percentile)",
                    ),
                ));
            }
            if p.target_low.is_some() {
                out.push(item(Swatch::Target, lang.pick("Mục tiêu", "Target")));
            }
            out
        }
    }
}

/// The sources an indicator cites, in order of first use.
fn cited(d: &Dataset, ind: &Indicator) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut add = |id: &str| {
        if !ids.iter().any(|x| x == id) {
            ids.push(id.to_string());
        }
    };
    for p in ind.history.iter().chain(&ind.alternatives) {
        add(&p.source);
    }
    for t in &ind.targets {
        add(&t.source);
    }
    for s in &ind.shares {
        add(&s.source);
    }
    for (_, p) in &ind.scenarios.0 {
        if let Some(s) = &p.source {
            add(s);
        }
    }
    if ind.model == Model::PerCapita {
        for (_, a) in d.assumptions.each() {
            if let Some(a) = a {
                add(&a.source);
            }
        }
    }
    ids
}

fn sources(d: &Dataset, ind: &Indicator, lang: Lang) -> Vec<SourceView> {
    cited(d, ind)
        .iter()
        .filter_map(|id| d.source(id))
        .map(|s| {
            let (shown, translation) = shown_title(s, lang);
            let title = if translation.is_none() && shown != s.title.vi {
                plain(shown.to_string(), lang)
            } else {
                loc(&Text::vi(shown), lang)
            };
            let translation = translation.map(str::to_string);
            SourceView {
                kind: match s.kind {
                    SourceKind::Publication => String::new(),
                    SourceKind::Derived => lang.pick("Tính toán", "Worked out").into(),
                    SourceKind::Assumption => lang.pick("Giả định", "Assumption").into(),
                },
                publication: loc(&s.publication, lang),
                title,
                translation,
                date: loc(&s.date.clone().unwrap_or_default(), lang),
                url: s.url.clone().filter(|u| u.starts_with("https://")),
            }
        })
        .collect()
}

fn how(d: &Dataset, ind: &Indicator, w: &Words<'_>, used: Option<&Scenario>) -> Vec<HowItem> {
    let lang = w.lang;
    let kind_of = |source: &str| match d.source(source).map(|s| s.kind) {
        Some(SourceKind::Derived) => lang.pick("tính từ số liệu", "worked out").to_string(),
        Some(SourceKind::Assumption) => lang.pick("giả định", "assumption").to_string(),
        _ => lang.pick("theo nguồn", "from the source").to_string(),
    };
    let mut out = Vec::new();
    if ind.model == Model::PerCapita {
        let has_fx = has_fx(d, used);
        for (key, a) in d.assumptions.each() {
            let Some(a) = a else { continue };
            // A rate's change without a rate changes no figure shown.
            if key == "fxChange" && !has_fx {
                continue;
            }
            let (label, value) = match key {
                "inflation" => (
                    lang.pick(
                        "Tăng giá (chỉ số giảm phát GRDP)",
                        "Price growth (GRDP deflator)",
                    ),
                    w.rate(a.value),
                ),
                "populationGrowth" => (
                    lang.pick("Tăng dân số", "Population growth"),
                    w.rate(a.value),
                ),
                "fxBase" => (
                    lang.pick("Tỷ giá năm gốc", "Exchange rate in the base year"),
                    format!(
                        "{} {}",
                        w.num(a.value, 0),
                        lang.pick("đồng/USD", "VND per USD")
                    ),
                ),
                _ => (
                    lang.pick("Tỷ giá đồng/USD thay đổi", "Dong–dollar rate change"),
                    format!("{}{}", w.pct(a.value, 2), w.per_year()),
                ),
            };
            // The reader's own value, when it is not the dataset's: the
            // figures shown use it (the USD readout at −5 % a year, say).
            let mine = used.and_then(|u| match key {
                "inflation" => Some((u.inflation, w.rate(u.inflation))),
                "populationGrowth" => Some((u.population_growth, w.rate(u.population_growth))),
                "fxBase" => None,
                _ => Some((
                    u.fx_change,
                    format!("{}{}", w.pct(u.fx_change, 2), w.per_year()),
                )),
            });
            let kind = kind_of(&a.source);
            let changed = mine
                .as_ref()
                .is_some_and(|(v, _)| (v - a.value).abs() > 1e-12);
            let value = match mine {
                Some((_, text)) if changed => lang.pick(
                    format!("{text} (bạn chọn; bộ số liệu: {value}, {kind})"),
                    format!("{text} (your choice; the dataset's: {value}, {kind})"),
                ),
                _ => value,
            };
            out.push(HowItem {
                label: label.into(),
                value,
                // The figure used is the reader's: tagged so, the dataset's
                // kind said beside its own figure.
                kind: if changed {
                    lang.pick("bạn chọn", "your choice").to_string()
                } else {
                    kind
                },
                how: a.note.as_ref().map(|n| loc(n, lang)),
            });
        }
    }
    let rec = scenario::record(ind);
    if let (Some(a), Some(b), Some(r)) = (rec.first(), rec.last(), scenario::historical_rate(ind)) {
        if b.year > a.year && ind.model != Model::Rate {
            // The figures with the decimals they are given with (65,56, not
            // 65,6: the rate is worked out from what is given).
            let given = |v: f64| w.num(v, w.target_decimals(v).max(1));
            let how = match ind.model {
                Model::Linear => format!(
                    "({} − {}) / {}",
                    given(b.value),
                    given(a.value),
                    b.year - a.year
                ),
                _ => format!(
                    "({} / {})^(1/{}) − 1",
                    given(b.value),
                    given(a.value),
                    b.year - a.year
                ),
            };
            out.push(HowItem {
                label: lang.pick(
                    format!("Mức thay đổi {}–{}", a.year, b.year),
                    format!("Change in {}–{}", a.year, b.year),
                ),
                value: if ind.model == Model::Linear {
                    w.step(r)
                } else {
                    format!("{}{}", w.pct(r, 2), w.per_year())
                },
                kind: lang.pick("tính từ số liệu", "worked out").into(),
                how: Some(plain(how, lang)),
            });
        }
    }
    if let Some(s) = scenario::historical_spread(ind)
        .filter(|_| ind.spread.is_none() && ind.model != Model::TermTotal)
    {
        out.push(HowItem {
            label: lang
                .pick("Độ bất định mỗi năm", "Uncertainty each year")
                .into(),
            // In the unit of the control and the chance card: points a year.
            value: w.spread(s, ind.model == Model::Linear),
            kind: lang.pick("tính từ số liệu", "worked out").into(),
            how: Some(plain(
                lang.pick(
                    "độ lệch chuẩn của mức thay đổi hằng năm giữa các số liệu đã công bố",
                    "the standard deviation of the yearly changes between the published figures",
                )
                .into(),
                lang,
            )),
        });
    }
    for (id, p) in &ind.scenarios.0 {
        let label = preset_label(ind, id, lang).text;
        // A preset's rate as a rise or a fall ("giảm 20,0%/năm", not "-20,0%/năm").
        let value = scenario::preset_growth(&d.assumptions, ind, p)
            .map(|g| {
                if ind.model == Model::TermTotal {
                    // As the scenario card prints it: the preset's own
                    // decimals ("tăng 1,82%", not "1,8%" beside it).
                    format!(
                        "{} {}",
                        w.change_total_d(g, own_decimals(g)),
                        lang.pick("so với giai đoạn trước", "from the previous period")
                    )
                } else {
                    w.change_step(g)
                }
            })
            .unwrap_or_default();
        let kind = if p.assumed {
            lang.pick("giả định", "assumption").into()
        } else if p.growth.is_none() && p.real_growth.is_none() {
            lang.pick("tính từ số liệu", "worked out").into()
        } else {
            lang.pick("theo nguồn", "from the source").into()
        };
        out.push(HowItem {
            label,
            value,
            kind,
            how: p.basis.as_ref().map(|b| loc(b, lang)),
        });
    }
    out
}

fn title(d: &Dataset, ind: &Indicator, lang: Lang) -> Localized {
    if let Some(t) = &ind.title {
        return loc(t, lang);
    }
    let (label, name) = (ind.label.text(lang), d.name.text(lang));
    let text = match (ind.targets.first(), ind.model) {
        (Some(t), m) if m != Model::Shares => lang.pick(
            format!(
                "{label}, {name}: cần bao nhiêu để đạt mục tiêu năm {}?",
                t.year
            ),
            format!("{label}, {name}: what does the {} target take?", t.year),
        ),
        _ => lang.pick(
            format!("{label}, {name}: thử các kịch bản"),
            format!("{label}, {name}: try scenarios"),
        ),
    };
    plain(text, lang)
}

/// The line under the title when the reader tries a target other than the
/// dataset's own: the title asks the dataset's question ("130 triệu đồng
/// năm 2030"), and a picture of the chart for another target must not look
/// like its answer. `None` while the target is the dataset's (moved and put
/// back included) or the scenario has none.
fn retarget(w: &Words<'_>, ind: &Indicator, s: &Scenario) -> Option<String> {
    let mine = s.target?;
    let own = ind.targets.first();
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    if own.is_some_and(|t| {
        t.year == s.target_year
            && same(t.level.low(), mine.low())
            && same(t.level.high(), mine.high())
    }) {
        return None;
    }
    let lang = w.lang;
    // A rate's target is an average to a year: "bình quân 8%/năm đến năm
    // 2028", not "8%/năm năm 2028".
    let rate = ind.model == Model::Rate;
    let per = if rate { w.per_year() } else { "" };
    let level = |l: crate::dataset::Level| {
        let v = format!("{}{per}", w.level(l.low(), l.high()));
        if rate {
            lang.pick(format!("bình quân {v}"), format!("an average of {v}"))
        } else {
            v
        }
    };
    let year = |y: i32| {
        if rate {
            lang.pick(format!("đến năm {y}"), format!("to {y}"))
        } else {
            lang.pick(format!("năm {y}"), format!("by {y}"))
        }
    };
    let tried = lang.pick("Mục tiêu bạn đang thử", "The target you are trying");
    let mine = format!("{tried}: {} {}", level(mine), year(s.target_year));
    Some(match own {
        Some(t) => lang.pick(
            format!(
                "{mine}; mục tiêu đề ra: {} {}.",
                level(t.level),
                year(t.year)
            ),
            format!(
                "{mine}; the published target: {} {}.",
                level(t.level),
                year(t.year)
            ),
        ),
        None => lang.pick(
            format!("{mine} (số liệu không kèm mục tiêu đề ra)."),
            format!("{mine} (the figures come with no published target)."),
        ),
    })
}

/// For an indicator with no target, the line under a picture's question when
/// the reader looks at another year than the widget opens at: the question
/// ("… đến năm 2030 sẽ ra sao?") is answered for 2055 only if it says so.
fn another_year(d: &Dataset, ind: &Indicator, lang: Lang, year: i32) -> Option<String> {
    let opens = controls::start(d, &ind.id).ok()?.target_year?;
    if opens == year {
        return None;
    }
    let (mine, theirs) = (ind.period_label(year), ind.period_label(opens));
    Some(if ind.model == Model::TermTotal {
        lang.pick(
            format!("Giai đoạn bạn đang thử: {mine} (mặc định: giai đoạn {theirs})."),
            format!("The term you are trying: {mine} (default: {theirs})."),
        )
    } else {
        lang.pick(
            format!("Năm bạn đang thử: {mine} (mặc định: năm {theirs})."),
            format!("The year you are trying: {mine} (default: {theirs})."),
        )
    })
}

fn caveats(ind: &Indicator, lang: Lang) -> Vec<Localized> {
    let mut out: Vec<Localized> = ind.caveats.iter().map(|c| loc(c, lang)).collect();
    // An English view of words the dataset gives in Vietnamese only (a
    // studio's dataset with no English labels) says so, rather than mixing
    // the two languages unexplained.
    let vi_only = |t: &Text| t.get(Lang::En).1 == Lang::Vi;
    // (The province's name reads the same in both.)
    let some_vi_only = vi_only(&ind.label)
        || ind.title.as_ref().is_some_and(vi_only)
        || ind.parts.iter().any(|p| vi_only(&p.label))
        || ind.scenarios.0.iter().any(|(_, p)| {
            p.label.as_ref().is_some_and(vi_only) || p.basis.as_ref().is_some_and(vi_only)
        });
    if lang == Lang::En && some_vi_only {
        out.push(plain(
            "Some of this dataset's words for this indicator are in Vietnamese only: it gives no English for them.".into(),
            Lang::En,
        ));
    }
    out
}

/// The chart's spec for what is computed (the page adds its theme and scale).
pub fn chart_spec(d: &Dataset, input: &ViewInput, c: &Computed) -> Result<ChartSpec, FieldError> {
    let ind = indicator(d, &input.indicator)?;
    let lang = input.lang;
    let w = Words::new(lang, ind);
    let mut spec = ChartSpec {
        lang,
        decimals: if ind.is_percent() || ind.model == Model::Rate {
            1
        } else {
            0
        },
        unit_suffix: if ind.unit == crate::dataset::Unit::Percent {
            "%".into()
        } else {
            String::new()
        },
        ceiling: ind.is_percent().then_some(100.0),
        ..ChartSpec::default()
    };
    spec.words.unit = if ind.unit == crate::dataset::Unit::Percent {
        String::new()
    } else {
        w.unit_caption()
    };
    spec.breaks = ind
        .breaks
        .iter()
        .map(|b| BreakMark {
            year: f64::from(b.year),
            label: b.label.text(lang).to_string(),
        })
        .collect();
    match c {
        Computed::Shares(sp) => {
            spec.decimals = 0;
            spec.stack = Some(Stack {
                years: sp.years.iter().map(|&y| f64::from(y)).collect(),
                series: sp.values.clone(),
                colors: (0..ind.parts.len())
                    .map(|i| {
                        PART_COLORS
                            .get(i % PART_COLORS.len())
                            .copied()
                            .unwrap_or("#888888")
                            .to_string()
                    })
                    .collect(),
                labels: ind
                    .parts
                    .iter()
                    .map(|p| p.label.text(lang).to_string())
                    .collect(),
                first_projected_year: f64::from(sp.first_projected_year),
            });
            spec.words.projected = lang.pick("dự phóng →", "projected →").into();
        }
        Computed::Path { p, trend } => {
            spec.history = ind
                .history
                .iter()
                .map(|x| Xy {
                    year: f64::from(x.year),
                    value: x.value,
                })
                .collect();
            let x0 = ind
                .history
                .first()
                .map_or(f64::NEG_INFINITY, |h| f64::from(h.year));
            spec.alternatives = ind
                .alternatives
                .iter()
                .filter(|a| f64::from(a.year) >= x0)
                .map(|a| Xy {
                    year: f64::from(a.year),
                    value: a.value,
                })
                .collect();
            if ind.model == Model::TermTotal {
                spec.bars = Some(f64::from(ind.term_years()));
            }
            show_projection(&mut spec, &w, p);
            if let Some(t) = trend {
                spec.trend = Some(line_of(t));
            }
        }
    }
    Ok(spec)
}

fn line_of(p: &Projection) -> Line {
    Line {
        years: p.years.iter().map(|&y| f64::from(y)).collect(),
        values: p.values.clone(),
    }
}

/// Show a projection on the chart: its path, band, target and year reached, with their words.
fn show_projection(spec: &mut ChartSpec, w: &Words<'_>, p: &Projection) {
    let lang = w.lang;
    let years: Vec<f64> = p.years.iter().map(|&y| f64::from(y)).collect();
    spec.band = p.bands.as_ref().and_then(|b| {
        Some(crate::chart::Band {
            years: years.clone(),
            lo: b.values.first()?.clone(),
            hi: b.values.last()?.clone(),
        })
    });
    spec.target = match (p.target_low, p.target_high) {
        (Some(low), Some(high)) => Some(TargetMark {
            year: f64::from(p.target_year),
            low,
            high,
        }),
        _ => None,
    };
    let reached = cards::reached(p);
    spec.reached_year = match (p.reached_year, spec.bars) {
        (Some(y), None) if reached && y > p.scenario.base_year => Some(f64::from(y)),
        _ => None,
    };
    spec.projection = Some(line_of(p));
    spec.words.target = match (p.target_low, p.target_high) {
        (Some(lo), Some(hi)) => format!("{} {}", lang.pick("Mục tiêu", "Target"), w.level(lo, hi)),
        _ => String::new(),
    };
    spec.words.reached = match (p.target_low.is_some(), p.reached_year) {
        (false, _) => String::new(),
        (true, Some(y)) if y == p.scenario.base_year => lang.pick(
            format!("Đã đạt mục tiêu từ {y}"),
            format!("Target met already in {y}"),
        ),
        // Past a range's far end by the target year, as the cards say.
        (true, Some(y)) if reached && cards::beyond(p) && y == p.target_year => {
            let past = cards::past_range(lang, p.scenario.goal, cards::PastForm::Chart);
            lang.pick(
                format!("Đạt mục tiêu: {y} ({past})"),
                format!("Target reached: {y} ({past})"),
            )
        }
        // In the range when reached, past it by the target year: the marker
        // stands at the year reached, so the overshoot names its own year.
        (true, Some(y)) if reached && cards::beyond(p) => {
            let past = cards::past_range(lang, p.scenario.goal, cards::PastForm::Chart);
            lang.pick(
                format!("Đạt mục tiêu: {y} ({}: {past})", p.target_year),
                format!("Target reached: {y} ({past} by {})", p.target_year),
            )
        }
        (true, Some(y)) if reached => {
            lang.pick(format!("Đạt mục tiêu: {y}"), format!("Target reached: {y}"))
        }
        (true, _) => lang.pick(
            format!("Chưa đạt mục tiêu vào năm {}", p.target_year),
            format!("Not reached by {}", p.target_year),
        ),
    };
    if spec.bars.is_some() {
        spec.words.reached = String::new();
    }
}

/// What a view state shows, with its chart spec.
///
/// # Errors
/// The field at fault (an unknown indicator, a scenario that cannot be computed).
pub fn present(
    d: &Dataset,
    input: &ViewInput,
    draws: &mut Draws,
    cache: &mut TrendCache,
) -> Result<(Presentation, ChartSpec), FieldError> {
    let c = compute(d, input, draws, cache)?;
    let spec = chart_spec(d, input, &c)?;
    Ok((presentation(d, input, &c)?, spec))
}

/// The preset a scenario is: the one whose growth it has (a reader who drags
/// to exactly the plan's growth is on the plan), else the reader's own.
fn pressed(d: &Dataset, ind: &Indicator, input: &ViewInput) -> String {
    controls::preset_of(d, ind, &input.scenario).unwrap_or_else(|| "custom".into())
}

/// The labels the scenario and the trend are shown under.
///
/// A preset named for years the cards go past ("Kế hoạch 2026–2030" on the
/// 2031–2035 total, "2025–2030 plan" in 2035) says it is carried on: "giữ
/// tiếp", "continued", so a plan's name never stands over
/// a figure no plan gave. The trend is by its nature carried on and keeps its name.
fn shown_labels(
    d: &Dataset,
    ind: &Indicator,
    input: &ViewInput,
    target_year: i32,
) -> (String, String) {
    let lang = input.lang;
    let preset = pressed(d, ind, input);
    let pressed = ind.scenarios.get(&preset).map(|_| preset.as_str());
    let scenario = match pressed {
        Some(n) => {
            let label = preset_label(ind, n, lang).text;
            match last_year_in(&label) {
                // Short, so a phone's headline card keeps its height (the
                // years in view follow the label).
                Some(y) if n != "trend" && target_year > y => {
                    lang.pick(format!("{label}, giữ tiếp"), format!("{label}, continued"))
                }
                _ => label,
            }
        }
        // No presets: the widget opens on the record's own pace, which
        // the reader did not choose.
        None if on_record(d, ind, &input.scenario) => {
            let rec = scenario::record(ind);
            match (rec.first(), rec.last()) {
                (Some(a), Some(b)) if b.year > a.year => lang.pick(
                    format!("Giữ tốc độ {}–{}", a.year, b.year),
                    format!("At the {}–{} pace", a.year, b.year),
                ),
                _ => lang.pick("Kịch bản bạn chọn", "Your scenario").into(),
            }
        }
        None => lang.pick("Kịch bản bạn chọn", "Your scenario").into(),
    };
    (scenario, preset_label(ind, "trend", lang).text)
}

/// Whether an indicator without presets is on its record's pace: its growth
/// control at the rate the record gives (as it is, or as the control shows
/// it), and for money per person the prices and population at the dataset's.
fn on_record(d: &Dataset, ind: &Indicator, s: &scenario::ScenarioInput) -> bool {
    if !ind.scenarios.0.is_empty() {
        return false;
    }
    let a = &d.assumptions;
    let same = |key: Key, x: Option<f64>, v: Option<f64>| match (x, v) {
        (Some(x), Some(v)) => as_given(ind, key, x, v),
        _ => false,
    };
    let record = scenario::record_growth(a, ind);
    match ind.model {
        Model::PerCapita => {
            same(Key::RealGrowth, record, s.real_growth)
                && same(
                    Key::Inflation,
                    a.inflation.as_ref().map(|x| x.value),
                    s.inflation,
                )
                && same(
                    Key::PopulationGrowth,
                    a.population_growth.as_ref().map(|x| x.value),
                    s.population_growth,
                )
        }
        Model::Shares => false,
        _ => same(Key::Growth, record, s.growth),
    }
}

/// The last year a label names ("Kế hoạch 2025–2030": 2030): a run of
/// exactly four digits from 1900 to 2200.
fn last_year_in(label: &str) -> Option<i32> {
    label
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse::<i32>().ok())
        .rfind(|y| (1900..=2200).contains(y))
}

/// The presentation of computed projections.
///
/// # Errors
/// An unknown indicator.
pub fn presentation(
    d: &Dataset,
    input: &ViewInput,
    c: &Computed,
) -> Result<Presentation, FieldError> {
    let ind = indicator(d, &input.indicator)?;
    let lang = input.lang;
    let w = Words::new(lang, ind);
    let (cards, sentence, table, years, resolved) = match c {
        Computed::Shares(sp) => {
            let last = sp.years.len().saturating_sub(1);
            let first_year = ind.shares.last().map_or(0, |s| s.year);
            let cards: Vec<Card> = ind
                .parts
                .iter()
                .enumerate()
                .map(|(i, part)| {
                    let col = sp.values.get(i);
                    let end = col.and_then(|v| v.get(last)).copied().unwrap_or(f64::NAN);
                    let obs = ind
                        .shares
                        .last()
                        .and_then(|s| s.values.get(i))
                        .copied()
                        .unwrap_or(f64::NAN);
                    // The true change, with the base year's two decimals: within
                    // the rounding of the projected share printed beside it
                    // (3,8 from 4,21 is "down 0,45", the 3,76 it rounds; not
                    // "0,5", which neither printed pair gives).
                    let change = end - obs;
                    let verb = if change >= 0.0 {
                        lang.pick("tăng", "up")
                    } else {
                        lang.pick("giảm", "down")
                    };
                    Card {
                        id: "part",
                        label: format!(
                            "{}, {}",
                            part.label.text(lang),
                            sp.years.get(last).copied().unwrap_or(0)
                        ),
                        // Two decimals, as the base year's: the change beside
                        // it is the printed figures' difference.
                        value: format!("{}%", w.num(end, 2)),
                        detail: lang.pick(
                            format!(
                                "{first_year}: {}%; {verb} {} điểm %",
                                w.num(obs, 2),
                                w.num(change.abs(), 2)
                            ),
                            format!(
                                "{first_year}: {}%; {verb} {} points",
                                w.num(obs, 2),
                                w.num(change.abs(), 2)
                            ),
                        ),
                        tone: Tone::Neutral,
                    }
                })
                .collect();
            let parts: Vec<String> = cards
                .iter()
                .zip(&ind.parts)
                .map(|(c, p)| format!("{} {}", isolate(p.label.text(lang)), c.value))
                .collect();
            let y = sp.years.last().copied().unwrap_or(0);
            let prev = ind
                .shares
                .len()
                .checked_sub(2)
                .and_then(|i| ind.shares.get(i))
                .map_or(first_year, |s| s.year);
            // Each part rounded on its own (a figure is never moved to make
            // a sum): said when the printed parts miss 100,00.
            let printed: f64 = (0..ind.parts.len())
                .filter_map(|i| sp.values.get(i).and_then(|v| v.get(last)))
                .map(|v| (crate::format::rounded(*v, 2) * 100.0).round())
                .sum();
            let rounded = if (printed - 10000.0).abs() > 0.5 {
                lang.pick(
                    " Các số đã làm tròn nên cộng lại có thể lệch 100% một chút.",
                    " The figures are rounded, so they may not add up to exactly 100%.",
                )
            } else {
                ""
            };
            // A part that falls to 0 % stays there, and the others are
            // scaled to add up to 100 %: said, since it can turn a part that
            // was rising into one that falls.
            let floored = ind.parts.iter().enumerate().find_map(|(i, part)| {
                let col = sp.values.get(i)?;
                let k = col.iter().position(|v| *v == 0.0)?;
                let before = ind.shares.last().and_then(|s| s.values.get(i)).copied()?;
                let year = *sp.years.get(k)?;
                (before > 0.0 && year > first_year)
                    .then(|| (part.label.text(lang).to_string(), year))
            });
            let floor = floored
                .map(|(part, year)| {
                    lang.pick(
                        format!(
                            " {} về 0% từ năm {year}; từ đó các phần còn lại được chia lại cho đủ 100%, nên có thể đổi chiều.",
                            isolate(&part)
                        ),
                        format!(
                            " {} reaches 0% in {year}; from then on the other parts are scaled to add up to 100%, so they may turn.",
                            isolate(&part)
                        ),
                    )
                })
                .unwrap_or_default();
            let sentence = lang.pick(
                format!(
                    "Nếu cơ cấu tiếp tục dịch chuyển như {prev}–{first_year}, đến năm {y}: {}.{floor}{rounded}",
                    parts.join("; ")
                ),
                format!(
                    "If the structure keeps shifting as in {prev}–{first_year}, by {y}: {}.{floor}{rounded}",
                    parts.join("; ")
                ),
            );
            let table = input.table.then(|| table::shares_table(&w, d, sp));
            (cards, sentence, table, sp.years.clone(), None)
        }
        Computed::Path { p, trend } => {
            let (sl, tl) = shown_labels(d, ind, input, p.target_year);
            let shown = Shown { label: sl, p };
            let trend_shown = trend.as_ref().map(|t| Shown {
                label: tl.clone(),
                p: t,
            });
            let cards = cards::cards(&w, d, &shown, trend_shown.as_ref());
            let sentence = cards::sentence(&w, d, &shown);
            let table = input
                .table
                .then(|| table::table(&w, d, p, trend.as_deref()));
            let mut years: Vec<i32> = ind
                .history
                .iter()
                .map(|h| h.year)
                .chain(p.years.iter().copied())
                .collect();
            years.sort_unstable();
            years.dedup();
            (cards, sentence, table, years, Some(p.scenario.clone()))
        }
    };
    let link = format_hash(&ShareState {
        scenario: controls::link_input(d, ind, &input.scenario),
        lang: Some(lang.code().to_string()),
        theme: input.theme.clone().filter(|t| t != "auto"),
        view: input.view.clone().filter(|v| v != "chart"),
        widget: None,
    });
    let unit = w.unit_caption();
    let chart_label = if unit.is_empty() {
        format!("{}, {}", ind.label.text(lang), d.name.text(lang))
    } else {
        format!("{}, {} ({unit})", ind.label.text(lang), d.name.text(lang))
    };
    let controls = controls_of(d, ind, &input.scenario, resolved.as_ref(), lang);
    Ok(Presentation {
        lang: lang.code(),
        shape: format!("{}|{}|{}|{}", d.id, ind.id, lang.code(), controls.len()),
        title: title(d, ind, lang),
        retarget: resolved.as_ref().and_then(|r| retarget(&w, ind, r)),
        caveats: caveats(ind, lang),
        presets: presets(ind, &pressed(d, ind, input), lang),
        controls,
        cards,
        sentence,
        chart_label,
        legend: legend(&w, c),
        table,
        sources: sources(d, ind, lang),
        how: how(d, ind, &w, resolved.as_ref()),
        notes: ind
            .notes
            .iter()
            .chain(d.notes.iter().filter(|_| ind.model == Model::PerCapita))
            .map(|n| loc(n, lang))
            .collect(),
        credit: d.credit.as_ref().map(|c| loc(c, lang)),
        link,
        years,
    })
}

/// The lines of the chart's readout for one year: the figure and its source,
/// the figures that disagree, the scenario, trend and band, the target.
pub fn tip(d: &Dataset, input: &ViewInput, c: &Computed, year: i32) -> Vec<String> {
    let Some(ind) = d.indicator(&input.indicator) else {
        return Vec::new();
    };
    let lang = input.lang;
    let w = Words::new(lang, ind);
    let mut lines = vec![ind.period_label(year)];
    let src = |id: &str| {
        format!(
            "{}: {}",
            lang.pick("Nguồn", "Source"),
            source_line(d, id, lang)
        )
    };
    match c {
        Computed::Shares(sp) => {
            let Some(k) = sp.years.iter().position(|&y| y == year) else {
                return Vec::new();
            };
            let published = ind.shares.iter().find(|s| s.year == year);
            // With two decimals, as the table and the cards print them; a
            // year worked out from published figures says so, and how.
            let mark = match published.map(|o| o.kind) {
                Some(crate::dataset::PointKind::Estimate) => lang.pick(" (ước)", " (estimate)"),
                Some(crate::dataset::PointKind::Derived) => lang.pick(" (tính)", " (derived)"),
                _ => "",
            };
            for (i, part) in ind.parts.iter().enumerate() {
                let v = sp
                    .values
                    .get(i)
                    .and_then(|c| c.get(k))
                    .copied()
                    .unwrap_or(f64::NAN);
                lines.push(format!("{}: {}%{mark}", part.label.text(lang), w.num(v, 2)));
            }
            match published {
                Some(o) => {
                    lines.push(src(&o.source));
                    if let (Some(n), false) =
                        (&o.note, o.kind == crate::dataset::PointKind::Reported)
                    {
                        lines.push(n.text(lang).to_string());
                    }
                }
                None => lines.push(lang.pick("dự phóng", "projected").into()),
            }
        }
        Computed::Path { p, trend } => {
            for h in ind.history.iter().filter(|h| h.year == year) {
                let mark = match h.kind {
                    crate::dataset::PointKind::Estimate => lang.pick(" (ước)", " (estimate)"),
                    crate::dataset::PointKind::Derived => lang.pick(" (tính)", " (derived)"),
                    crate::dataset::PointKind::Reported => "",
                };
                lines.push(format!(
                    "{}: {}{mark}",
                    lang.pick("Số liệu theo nguồn", "Figure from the sources"),
                    w.value(h.value).replacen(
                        &w.num(h.value, w.decimals()),
                        &w.published(h.value),
                        1
                    )
                ));
                if let Some(n) = &h.note {
                    lines.push(n.text(lang).to_string());
                }
                lines.push(src(&h.source));
            }
            for a in ind.alternatives.iter().filter(|a| a.year == year) {
                let note = a
                    .note
                    .as_ref()
                    .map(|n| format!("; {}", n.text(lang)))
                    .unwrap_or_default();
                lines.push(format!(
                    "{}: {} ({}{note})",
                    lang.pick("Số liệu khác", "Other figure"),
                    w.value(a.value),
                    source_line(d, &a.source, lang)
                ));
            }
            let at = |q: &Projection| {
                q.years
                    .iter()
                    .position(|&y| y == year)
                    .filter(|_| year > q.scenario.base_year)
                    .and_then(|k| q.values.get(k).copied())
            };
            // In the target year, as the cards print it beside the target;
            // in the others on the side of the target it is on, as the table.
            let shown = |q: &Projection, v: f64| {
                if year == q.target_year {
                    w.value_d(v, cards::end_decimals(&w, q))
                } else {
                    w.value_d(v, cards::decimals_against(&w, q, v))
                }
            };
            if let Some(v) = at(p) {
                lines.push(format!(
                    "{}: {}",
                    lang.pick("Kịch bản đang chọn", "Chosen scenario"),
                    shown(p, v)
                ));
                if let Some((tq, t)) = trend.as_ref().and_then(|t| at(t).map(|v| (t, v))) {
                    lines.push(format!(
                        "{}: {}",
                        preset_label(ind, "trend", lang).text,
                        shown(tq, t)
                    ));
                }
                if let (Some(b), Some(k)) = (&p.bands, p.years.iter().position(|&y| y == year)) {
                    let edge = |e: Option<&Vec<f64>>| {
                        e.and_then(|v| v.get(k)).copied().unwrap_or(f64::NAN)
                    };
                    // On the side of the target they are on, as the table.
                    let (lo, hi) = (edge(b.values.first()), edge(b.values.last()));
                    lines.push(format!(
                        "{}: {} – {}",
                        lang.pick("Khoảng 10–90%", "10–90% range"),
                        w.num(lo, cards::decimals_against(&w, p, lo)),
                        w.value_d(hi, cards::decimals_against(&w, p, hi))
                    ));
                }
            }
            if let (Some(lo), Some(hi)) = (p.target_low, p.target_high) {
                if year == p.target_year {
                    lines.push(format!(
                        "{}: {}",
                        lang.pick("Mục tiêu", "Target"),
                        w.level(lo, hi)
                    ));
                    if let Some(t) = ind
                        .targets
                        .iter()
                        .find(|t| t.year == year && t.level.low() == lo && t.level.high() == hi)
                    {
                        if let Some(n) = &t.note {
                            lines.push(n.text(lang).to_string());
                        }
                        lines.push(src(&t.source));
                    }
                }
            }
        }
    }
    if lines.len() == 1 {
        return Vec::new();
    }
    lines
}

/// The words around a published picture of the chart.
pub fn caption(d: &Dataset, input: &ViewInput, pres: &Presentation) -> Caption {
    let lang = input.lang;
    let sources: Vec<String> = pres
        .sources
        .iter()
        .map(|s| {
            if s.kind.is_empty() {
                s.publication.text.clone()
            } else {
                format!("{} ({})", s.publication.text, s.kind)
            }
        })
        .collect();
    let credit = d
        .credit
        .as_ref()
        .map(|c| c.text(lang).to_string())
        .unwrap_or_default();
    Caption {
        title: pres.title.text.clone(),
        // A picture travels without the page: with no target, the year it
        // shows is said under its question when it is not the one the
        // widget opens at. (On the page the cards name the year, and a line
        // appearing above a slider in use would move it under the finger.)
        retarget: pres
            .retarget
            .clone()
            .or_else(|| {
                let ind = d.indicator(&input.indicator)?;
                another_year(d, ind, input.lang, *pres.years.last()?)
            })
            .unwrap_or_default(),
        scenario: pres
            .sentence
            .chars()
            .filter(|c| *c != '\u{2068}' && *c != '\u{2069}')
            .collect(),
        legend: pres
            .legend
            .iter()
            .map(|l| (l.swatch, l.text.clone()))
            .collect(),
        source: format!("{}: {}", lang.pick("Nguồn", "Sources"), sources.join("; ")),
        credit,
    }
}

/// The CSV of a view state.
///
/// # Errors
/// An unknown indicator.
pub fn csv(d: &Dataset, input: &ViewInput, c: &Computed) -> Result<String, FieldError> {
    let ind = indicator(d, &input.indicator)?;
    let w = Words::new(input.lang, ind);
    Ok(match c {
        Computed::Shares(sp) => table::shares_csv(&w, d, sp),
        Computed::Path { p, trend } => table::table_csv(&w, d, p, trend.as_deref()),
    })
}

#[cfg(test)]
mod tests;
