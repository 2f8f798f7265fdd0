//! The dataset: a province's figures, each with its source, the editorial
//! words that go with them (titles, preset labels and their basis, caveats,
//! breaks in a series, notes, a credit) and the defaults for the
//! assumptions. The format is documented in the README; each type's reader
//! is next to the type, and [`Dataset::problems`] is the checker a
//! journalist's file goes through (with the likely fix for a rate written as
//! a percentage, a share written as a fraction, a decimal comma, …), in
//! Vietnamese and English.

use crate::json::Value;
use crate::lang::Lang;
use crate::problem::{FieldError, Kind, Problem};
use crate::read::{self, Fields, Path, R};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};
use std::collections::BTreeSet;

/// The embedded Lạng Sơn dataset, as shipped in `data/lang-son.json`.
pub const DEFAULT_JSON: &str = include_str!("../data/lang-son.json");

/// The largest dataset text accepted, in bytes.
pub const MAX_DATASET_BYTES: usize = 1_000_000;

/// The dataset format this code reads.
pub const FORMAT_VERSION: u32 = 1;

/// Years a dataset may mention.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The tolerance, in percentage points, for shares adding up to 100: published
/// shares are rounded to two decimals, so four parts can be off by a few
/// hundredths.
pub const SHARE_SUM_TOLERANCE: f64 = 0.5;

// ---------------------------------------------------------------- Text

/// Words in Vietnamese, with an English translation where there is one.
/// Written in a dataset as a string (one language) or `{ "vi": …, "en": … }`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub vi: String,
    pub en: Option<String>,
}

impl Text {
    /// Vietnamese only.
    pub fn vi(s: &str) -> Text {
        Text {
            vi: s.to_string(),
            en: None,
        }
    }

    /// Both languages.
    pub fn both(vi: &str, en: &str) -> Text {
        Text {
            vi: vi.to_string(),
            en: Some(en.to_string()),
        }
    }

    /// The words for `lang`, and the language they are in (Vietnamese when
    /// there is no translation).
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::{dataset::Text, lang::Lang};
    /// assert_eq!(Text::vi("Báo Nhân Dân").get(Lang::En), ("Báo Nhân Dân", Lang::Vi));
    /// assert_eq!(Text::both("năm", "year").get(Lang::En), ("year", Lang::En));
    /// ```
    pub fn get(&self, lang: Lang) -> (&str, Lang) {
        match (lang, &self.en) {
            (Lang::En, Some(en)) if !en.trim().is_empty() => (en, Lang::En),
            _ => (&self.vi, Lang::Vi),
        }
    }

    /// The words for `lang` (see [`Text::get`]).
    pub fn text(&self, lang: Lang) -> &str {
        self.get(lang).0
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.en {
            None => s.serialize_str(&self.vi),
            Some(en) => {
                let mut m = s.serialize_struct("Text", 2)?;
                m.serialize_field("vi", &self.vi)?;
                m.serialize_field("en", en)?;
                m.end()
            }
        }
    }
}

fn text(v: &Value, path: &Path<'_>) -> R<Text> {
    match v {
        Value::String(s) => Ok(Text::vi(s)),
        Value::Object(_) => {
            let mut f = Fields::of(v, path)?;
            let t = Text {
                vi: f.req("vi", read::string)?,
                en: Some(f.req("en", read::string)?),
            };
            f.finish()?;
            Ok(t)
        }
        _ => Err(read::wrong(path, Kind::Text, v)),
    }
}

// ---------------------------------------------------------------- sources

/// What a source is: a publication, the widget's own arithmetic on cited
/// figures, or an assumption from outside the sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    #[default]
    Publication,
    Derived,
    Assumption,
}

/// Where figures come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub kind: SourceKind,
    pub publication: Text,
    /// The title as published (its `en`, a translation).
    pub title: Text,
    /// When, as the source gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

fn source_kind(v: &Value, path: &Path<'_>) -> R<SourceKind> {
    Ok(
        match read::choice(v, path, &["publication", "derived", "assumption"])?.as_str() {
            "derived" => SourceKind::Derived,
            "assumption" => SourceKind::Assumption,
            _ => SourceKind::Publication,
        },
    )
}

fn source(v: &Value, path: &Path<'_>) -> R<Source> {
    let mut f = Fields::of(v, path)?;
    let s = Source {
        id: f.req("id", read::id)?,
        kind: f.opt("kind", source_kind)?.unwrap_or_default(),
        publication: f.req("publication", text)?,
        title: f.req("title", text)?,
        date: f.opt("date", text)?,
        url: f.opt("url", read::string)?,
    };
    f.finish()?;
    Ok(s)
}

// ---------------------------------------------------------------- points

/// How a figure was arrived at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PointKind {
    /// As the source reports it.
    #[default]
    Reported,
    /// The source's own estimate ("ước", "dự ước").
    Estimate,
    /// Worked out from cited figures (the note says how).
    Derived,
}

/// A dated value with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
    pub source: String,
    #[serde(skip_serializing_if = "is_default")]
    pub kind: PointKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

fn point_kind(v: &Value, path: &Path<'_>) -> R<PointKind> {
    Ok(
        match read::choice(v, path, &["reported", "estimate", "derived"])?.as_str() {
            "estimate" => PointKind::Estimate,
            "derived" => PointKind::Derived,
            _ => PointKind::Reported,
        },
    )
}

fn point(v: &Value, path: &Path<'_>) -> R<Point> {
    let mut f = Fields::of(v, path)?;
    let p = Point {
        year: f.req("year", read::int)?,
        value: f.req("value", read::number)?,
        source: f.req("source", read::string)?,
        kind: f.opt("kind", point_kind)?.unwrap_or_default(),
        note: f.opt("note", text)?,
    };
    f.finish()?;
    Ok(p)
}

/// A target: one figure, or a range (`10–11 %`, `180–190`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Level {
    Value(f64),
    Range { low: f64, high: f64 },
}

impl Level {
    /// The low end (the figure itself for one figure).
    pub fn low(self) -> f64 {
        match self {
            Level::Value(v) => v,
            Level::Range { low, .. } => low,
        }
    }

    /// The high end (the figure itself for one figure).
    pub fn high(self) -> f64 {
        match self {
            Level::Value(v) => v,
            Level::Range { high, .. } => high,
        }
    }
}

/// A target year and level, with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub year: i32,
    pub level: Level,
    pub source: String,
    pub note: Option<Text>,
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("year", &self.year)?;
        match self.level {
            Level::Value(v) => m.serialize_entry("value", &v)?,
            Level::Range { low, high } => {
                m.serialize_entry("low", &low)?;
                m.serialize_entry("high", &high)?;
            }
        }
        m.serialize_entry("source", &self.source)?;
        if let Some(n) = &self.note {
            m.serialize_entry("note", n)?;
        }
        m.end()
    }
}

fn target(v: &Value, path: &Path<'_>) -> R<Target> {
    let mut f = Fields::of(v, path)?;
    let year = f.req("year", read::int)?;
    let value = f.opt("value", read::number)?;
    let low = f.opt("low", read::number)?;
    let high = f.opt("high", read::number)?;
    let level = match (value, low, high) {
        (Some(v), None, None) => Level::Value(v),
        (None, Some(low), Some(high)) => Level::Range { low, high },
        (None, None, None) => {
            return Err(path.key("value").error(Problem::Missing {
                key: "value".into(),
                similar: None,
            }))
        }
        _ => return Err(path.error(Problem::ValueOrRange)),
    };
    let t = Target {
        year,
        level,
        source: f.req("source", read::string)?,
        note: f.opt("note", text)?,
    };
    f.finish()?;
    Ok(t)
}

// ---------------------------------------------------------------- assumptions

/// A default for an assumption, with where it comes from and how it was
/// worked out (`note`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumption {
    pub value: f64,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

fn assumption(v: &Value, path: &Path<'_>) -> R<Assumption> {
    let mut f = Fields::of(v, path)?;
    let a = Assumption {
        value: f.req("value", read::number)?,
        source: f.req("source", read::string)?,
        note: f.opt("note", text)?,
    };
    f.finish()?;
    Ok(a)
}

/// The assumptions a per-capita indicator needs: prices and population (and,
/// for the readout in USD, the exchange rate and its drift).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Assumptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inflation: Option<Assumption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population_growth: Option<Assumption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fx_base: Option<Assumption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fx_change: Option<Assumption>,
}

impl Assumptions {
    /// Each assumption with its key, in the order the widget lists them.
    pub fn each(&self) -> [(&'static str, Option<&Assumption>); 4] {
        [
            ("inflation", self.inflation.as_ref()),
            ("populationGrowth", self.population_growth.as_ref()),
            ("fxBase", self.fx_base.as_ref()),
            ("fxChange", self.fx_change.as_ref()),
        ]
    }
}

fn assumptions(v: &Value, path: &Path<'_>) -> R<Assumptions> {
    let mut f = Fields::of(v, path)?;
    let a = Assumptions {
        inflation: f.opt("inflation", assumption)?,
        population_growth: f.opt("populationGrowth", assumption)?,
        fx_base: f.opt("fxBase", assumption)?,
        fx_change: f.opt("fxChange", assumption)?,
    };
    f.finish()?;
    Ok(a)
}

// ---------------------------------------------------------------- indicators

/// How an indicator moves forward, and so how its figures are worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Model {
    /// Nominal money per person: grows at (1+real)(1+inflation)/(1+population) − 1.
    PerCapita,
    /// A yearly figure growing at a yearly rate (money, an index, a count).
    Compound,
    /// A percentage that changes by points a year (held within 0–100).
    Linear,
    /// Shares of a whole (stacked), carried forward and kept adding up to 100.
    Shares,
    /// A total over a term of several years (five-year plans), compared as
    /// totals with the next term's target.
    TermTotal,
    /// A yearly growth rate itself (% a year), held at the scenario's rate.
    Rate,
}

impl Model {
    /// The model's name in the dataset.
    pub fn key(self) -> &'static str {
        match self {
            Model::PerCapita => "perCapita",
            Model::Compound => "compound",
            Model::Linear => "linear",
            Model::Shares => "shares",
            Model::TermTotal => "termTotal",
            Model::Rate => "rate",
        }
    }

    /// The scenario field that moves it: `realGrowth` for per-capita
    /// indicators, `growth` for the others (none for shares).
    pub fn growth_key(self) -> &'static str {
        match self {
            Model::PerCapita => "realGrowth",
            _ => "growth",
        }
    }
}

const MODELS: [Model; 6] = [
    Model::PerCapita,
    Model::Compound,
    Model::Linear,
    Model::Shares,
    Model::TermTotal,
    Model::Rate,
];

fn model(v: &Value, path: &Path<'_>) -> R<Model> {
    let keys: Vec<&str> = MODELS.iter().map(|m| m.key()).collect();
    let s = read::choice(v, path, &keys)?;
    Ok(MODELS
        .into_iter()
        .find(|m| m.key() == s)
        .unwrap_or(Model::Compound))
}

/// The unit of an indicator's figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    MillionVnd,
    BillionVnd,
    ThousandBillionVnd,
    MillionUsd,
    Usd,
    Percent,
    /// Unitless, a base year = 100 (the label says which).
    Index,
    /// Anything else, named in both languages ("doanh nghiệp", "enterprises").
    Named(Text),
}

/// The unit names a dataset may use.
pub const UNITS: [&str; 7] = [
    "millionVnd",
    "billionVnd",
    "thousandBillionVnd",
    "millionUsd",
    "usd",
    "percent",
    "index",
];

impl Unit {
    /// The unit's name in the dataset (`None` for a named unit).
    pub fn key(&self) -> Option<&'static str> {
        Some(match self {
            Unit::MillionVnd => "millionVnd",
            Unit::BillionVnd => "billionVnd",
            Unit::ThousandBillionVnd => "thousandBillionVnd",
            Unit::MillionUsd => "millionUsd",
            Unit::Usd => "usd",
            Unit::Percent => "percent",
            Unit::Index => "index",
            Unit::Named(_) => return None,
        })
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self, self.key()) {
            (Unit::Named(t), _) => t.serialize(s),
            (_, Some(k)) => s.serialize_str(k),
            (_, None) => s.serialize_str("index"),
        }
    }
}

fn unit(v: &Value, path: &Path<'_>) -> R<Unit> {
    if let Value::Object(_) = v {
        return Ok(Unit::Named(text(v, path)?));
    }
    let s = read::choice(v, path, &UNITS)?;
    Ok(match s.as_str() {
        "millionVnd" => Unit::MillionVnd,
        "billionVnd" => Unit::BillionVnd,
        "thousandBillionVnd" => Unit::ThousandBillionVnd,
        "millionUsd" => Unit::MillionUsd,
        "usd" => Unit::Usd,
        "percent" => Unit::Percent,
        _ => Unit::Index,
    })
}

/// Whether a compound indicator is in current prices (nominal) or constant
/// prices (real): the readouts say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Prices {
    Current,
    Constant,
}

/// Which way is better: up (income) or down (poverty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Goal {
    Higher,
    Lower,
}

/// A preset scenario for one indicator: its growth, and the words that say
/// what it is and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Preset {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_growth: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth: Option<f64>,
    /// The button's words ("Xu hướng 2021–2025").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// One line on what it rests on ("GRDP thực tăng 7,1%/năm (Nhân Dân)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Text>,
    /// An assumption of the widget's, not a figure from a source.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn preset(v: &Value, path: &Path<'_>) -> R<Preset> {
    let mut f = Fields::of(v, path)?;
    let label = f.opt("label", text)?;
    let basis = f.opt("basis", text)?;
    // formatVersion 1 files before the editorial fields wrote the basis as `note`.
    let note = f.opt("note", text)?;
    let p = Preset {
        real_growth: f.opt("realGrowth", read::number)?,
        growth: f.opt("growth", read::number)?,
        label,
        basis: basis.or(note),
        assumed: f.opt("assumed", read::boolean)?.unwrap_or(false),
        source: f.opt("source", read::string)?,
    };
    f.finish()?;
    Ok(p)
}

/// Presets in the order the dataset gives them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Presets(pub Vec<(String, Preset)>);

impl Presets {
    /// The preset called `name`.
    pub fn get(&self, name: &str) -> Option<&Preset> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, p)| p)
    }
}

impl Serialize for Presets {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

fn presets(v: &Value, path: &Path<'_>) -> R<Presets> {
    let Value::Object(fields) = v else {
        return Err(read::wrong(path, Kind::Object, v));
    };
    let mut out: Vec<(String, Preset)> = Vec::new();
    for (k, item) in fields {
        let p = path.key(k);
        if !read::is_id(k) {
            return Err(p.error(Problem::BadId { id: k.clone() }));
        }
        if out.iter().any(|(n, _)| n == k) {
            return Err(p.error(Problem::Duplicate { key: k.clone() }));
        }
        out.push((k.clone(), preset(item, &p)?));
    }
    Ok(Presets(out))
}

/// A part of a whole (a sector of the economy).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub id: String,
    pub label: Text,
}

fn part(v: &Value, path: &Path<'_>) -> R<Part> {
    let mut f = Fields::of(v, path)?;
    let p = Part {
        id: f.req("id", read::id)?,
        label: f.req("label", text)?,
    };
    f.finish()?;
    Ok(p)
}

/// One year's shares, part by part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharePoint {
    pub year: i32,
    pub values: Vec<f64>,
    pub source: String,
    /// Published, an estimate, or worked out from published figures (a
    /// year's shares back-calculated from the changes an article gives).
    #[serde(skip_serializing_if = "is_default")]
    pub kind: PointKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

fn share(v: &Value, path: &Path<'_>) -> R<SharePoint> {
    let mut f = Fields::of(v, path)?;
    let s = SharePoint {
        year: f.req("year", read::int)?,
        values: f.req("values", |v, p| read::list(v, p, read::number))?,
        source: f.req("source", read::string)?,
        kind: f.opt("kind", point_kind)?.unwrap_or_default(),
        note: f.opt("note", text)?,
    };
    f.finish()?;
    Ok(s)
}

/// A break in a series (a changed definition or standard): the line is not
/// drawn across it, and the chart marks it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Break {
    /// The first year on the new basis.
    pub year: i32,
    pub label: Text,
}

fn break_(v: &Value, path: &Path<'_>) -> R<Break> {
    let mut f = Fields::of(v, path)?;
    let b = Break {
        year: f.req("year", read::int)?,
        label: f.req("label", text)?,
    };
    f.finish()?;
    Ok(b)
}

/// One indicator: its figures, targets, presets and words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    pub id: String,
    pub label: Text,
    /// The question the widget asks of it (its title).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    pub unit: Unit,
    pub model: Model,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prices: Option<Prices>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<Goal>,
    /// Years per term (a term-total indicator; 5 if left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<u32>,
    /// The uncertainty of a year (fraction, or points for a linear
    /// indicator); left out: the spread of the record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread: Option<f64>,
    pub history: Vec<Point>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Point>,
    pub targets: Vec<Target>,
    pub scenarios: Presets,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<SharePoint>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<Break>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

impl Indicator {
    /// Which way is better: as the dataset says, else up. Never guessed
    /// from the figures: a target below the last figure is a target met
    /// already, not a sign that lower is better.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::dataset::{Dataset, Goal};
    /// let d = Dataset::default_lang_son().unwrap();
    /// assert_eq!(d.indicator("grdpPerCapita").unwrap().goal(), Goal::Higher);
    /// assert_eq!(d.indicator("poorHouseholds").unwrap().goal(), Goal::Lower);
    /// ```
    pub fn goal(&self) -> Goal {
        self.goal.unwrap_or(Goal::Higher)
    }

    /// Years per term of a term-total indicator.
    pub fn term_years(&self) -> u32 {
        self.term.unwrap_or(5).clamp(1, 20)
    }

    /// What a point of this indicator stands for, as the table's rows and the
    /// chart's readout name it: a year ("2025"), or for a term's total the
    /// term's years ("2021–2025").
    pub fn period_label(&self, year: i32) -> String {
        if self.model == Model::TermTotal {
            let t = self.term_years() as i32;
            format!("{}–{year}", year - t + 1)
        } else {
            year.to_string()
        }
    }

    /// Whether values are percentages, held within 0–100.
    pub fn is_percent(&self) -> bool {
        self.unit == Unit::Percent && self.model != Model::Rate
    }
}

fn opt_list<T>(
    f: &mut Fields<'_>,
    key: &'static str,
    item: impl Fn(&Value, &Path<'_>) -> R<T>,
) -> R<Vec<T>> {
    Ok(f.opt(key, |v, p| read::list(v, p, &item))?
        .unwrap_or_default())
}

fn indicator(v: &Value, path: &Path<'_>) -> R<Indicator> {
    let mut f = Fields::of(v, path)?;
    let i = Indicator {
        id: f.req("id", read::id)?,
        label: f.req("label", text)?,
        title: f.opt("title", text)?,
        unit: f.req("unit", unit)?,
        model: f.req("model", model)?,
        prices: f.opt("prices", |v, p| {
            Ok(
                match read::choice(v, p, &["current", "constant"])?.as_str() {
                    "constant" => Prices::Constant,
                    _ => Prices::Current,
                },
            )
        })?,
        goal: f.opt("goal", |v, p| {
            Ok(match read::choice(v, p, &["higher", "lower"])?.as_str() {
                "lower" => Goal::Lower,
                _ => Goal::Higher,
            })
        })?,
        term: f.opt("term", |v, p| Ok(read::whole(v, p, 1.0, 20.0)? as u32))?,
        spread: f.opt("spread", read::number)?,
        history: opt_list(&mut f, "history", point)?,
        alternatives: opt_list(&mut f, "alternatives", point)?,
        targets: opt_list(&mut f, "targets", target)?,
        scenarios: f.opt("scenarios", presets)?.unwrap_or_default(),
        parts: opt_list(&mut f, "parts", part)?,
        shares: opt_list(&mut f, "shares", share)?,
        breaks: opt_list(&mut f, "breaks", break_)?,
        caveats: opt_list(&mut f, "caveats", text)?,
        notes: f.opt("notes", text)?,
    };
    f.finish()?;
    Ok(i)
}

// ---------------------------------------------------------------- the dataset

/// A province's dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dataset {
    pub format_version: u32,
    pub id: String,
    pub name: Text,
    pub base_year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// The byline under the widget ("Đồ hoạ: …").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<Text>,
    pub sources: Vec<Source>,
    pub assumptions: Assumptions,
    pub indicators: Vec<Indicator>,
}

fn dataset(v: &Value, path: &Path<'_>) -> R<Dataset> {
    let mut f = Fields::of(v, path)?;
    let version = f.req("formatVersion", read::number)?;
    if version != f64::from(FORMAT_VERSION) {
        return Err(path
            .key("formatVersion")
            .error(Problem::Version { found: version }));
    }
    let d = Dataset {
        format_version: FORMAT_VERSION,
        id: f.req("id", read::id)?,
        name: f.req("name", text)?,
        base_year: f.req("baseYear", read::int)?,
        notes: f.opt("notes", text)?,
        credit: f.opt("credit", text)?,
        sources: f.req("sources", |v, p| read::list(v, p, source))?,
        assumptions: f.opt("assumptions", assumptions)?.unwrap_or_default(),
        indicators: f.req("indicators", |v, p| read::list(v, p, indicator))?,
    };
    f.finish()?;
    Ok(d)
}

/// Every reading problem of a dataset that does not read, not only the
/// first (`first`, what [`Dataset::read`] stops at): each source, the
/// assumptions and each indicator read on its own, so that a newsroom fixing
/// a hand-written file sees all its mistyped fields at once. In the file's
/// order; a problem found twice is said once.
fn reading_problems(v: &Value, first: FieldError) -> Vec<FieldError> {
    let Value::Object(fields) = v else {
        return vec![first];
    };
    let get = |k: &str| fields.iter().find(|(name, _)| name == k).map(|(_, v)| v);
    let mut out = Vec::new();
    each(get("sources"), "sources", source, &mut out);
    if let Some(a) = get("assumptions") {
        out.extend(assumptions(a, &Path::ROOT.key("assumptions")).err());
    }
    each(get("indicators"), "indicators", indicator, &mut out);
    // The whole read's first problem leads: a root field's (a missing id,
    // an unknown key) is not among the parts'; a part's is already the
    // first of them, as the parts are read in the file's order.
    if !out
        .iter()
        .any(|o| o.field == first.field && o.problem == first.problem)
    {
        out.insert(0, first);
    }
    out
}

/// The problem of each item of the list `key` (when it is a list), read on its own.
fn each<T>(
    list: Option<&Value>,
    key: &str,
    read: impl Fn(&Value, &Path<'_>) -> R<T>,
    out: &mut Vec<FieldError>,
) {
    if let Some(Value::Array(items)) = list {
        let p = Path::ROOT.key(key);
        for (i, item) in items.iter().enumerate() {
            out.extend(read(item, &p.index(i)).err());
        }
    }
}

/// Refuse text over [`MAX_DATASET_BYTES`] before any parsing.
///
/// # Errors
/// The size and the limit.
/// # Example
/// ```
/// use grdp_whatif::dataset::check_size;
/// assert!(check_size("{}").is_ok());
/// assert!(check_size(&"x".repeat(2_000_000)).is_err());
/// ```
pub fn check_size(text: &str) -> Result<(), FieldError> {
    if text.len() > MAX_DATASET_BYTES {
        return Err(FieldError::new(
            "",
            Problem::TooLarge {
                bytes: text.len(),
                limit: MAX_DATASET_BYTES,
            },
        ));
    }
    Ok(())
}

impl Dataset {
    /// Parse a dataset from JSON text and check it.
    ///
    /// ```text
    /// text (≤ 1 MB) → JSON → typed fields (unknown fields refused) → checks
    /// ```
    ///
    /// # Errors
    /// The first problem ([`Dataset::check`] gives them all).
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::dataset::{Dataset, DEFAULT_JSON};
    /// let d = Dataset::from_json(DEFAULT_JSON).unwrap();
    /// assert_eq!(d.id, "lang-son");
    /// let e = Dataset::from_json("{\"formatVersion\": 1}").unwrap_err();
    /// assert_eq!(e.field, "id");
    /// ```
    pub fn from_json(text: &str) -> Result<Self, FieldError> {
        let d = Self::read(text)?;
        match d.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(d),
        }
    }

    /// Parse a dataset without the checks of [`Dataset::problems`].
    ///
    /// # Errors
    /// Too large, not JSON, or a missing, unknown, repeated or mistyped field.
    pub fn read(text: &str) -> Result<Self, FieldError> {
        check_size(text)?;
        let v = crate::json::parse(text).map_err(|e| FieldError::new("", e.problem()))?;
        dataset(&v, &Path::ROOT)
    }

    /// Every problem of a dataset text: the reading error, or all the
    /// checks' findings. Empty: the dataset can be used.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::dataset::{Dataset, DEFAULT_JSON};
    /// assert!(Dataset::check(DEFAULT_JSON).is_empty());
    /// let bad = DEFAULT_JSON.replacen("\"value\": 0.035", "\"value\": 3.5", 1);
    /// let e = &Dataset::check(&bad)[0];
    /// assert_eq!(e.field, "assumptions.inflation.value");
    /// assert!(e.to_string().contains("did you mean 0.035?"));
    /// ```
    pub fn check(text: &str) -> Vec<FieldError> {
        match Self::read(text) {
            Ok(d) => d.problems(),
            Err(e) => match crate::json::parse(text) {
                Ok(v) => reading_problems(&v, e),
                Err(_) => vec![e],
            },
        }
    }

    /// The embedded Lạng Sơn dataset.
    ///
    /// # Errors
    /// None in practice: a test checks the embedded file; the `Result` keeps
    /// a broken build from panicking.
    pub fn default_lang_son() -> Result<Self, FieldError> {
        Self::from_json(DEFAULT_JSON)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Every problem the checks find (empty: the dataset can be used), each
    /// naming its field.
    ///
    /// # Example
    /// ```
    /// let mut d = grdp_whatif::dataset::Dataset::default_lang_son().unwrap();
    /// d.indicators[0].history[0].year = 2030;
    /// assert_eq!(d.problems()[0].field, "indicators[0].history[1].year");
    /// ```
    pub fn problems(&self) -> Vec<FieldError> {
        let mut c = Checker {
            out: Vec::new(),
            sources: self.sources.iter().map(|s| s.id.as_str()).collect(),
        };
        c.dataset(self);
        c.out
    }

    /// Source links that are not web addresses (`baocaobang.vn/abc`,
    /// `javascript:…`). Not a reason to refuse a dataset (the widget shows
    /// such a source without its link), so not among [`Dataset::problems`]:
    /// the studio and `grdp-whatif check` report them.
    pub fn link_problems(&self) -> Vec<FieldError> {
        self.sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let u = s.url.as_ref()?;
                let lower = u.trim().to_ascii_lowercase();
                let web = (lower.starts_with("https://") || lower.starts_with("http://"))
                    && lower.len() > 10
                    && !lower.contains(char::is_whitespace);
                (!web).then(|| {
                    FieldError::new(
                        format!("sources[{i}].url"),
                        Problem::BadUrl { url: u.clone() },
                    )
                })
            })
            .collect()
    }
}

// ---------------------------------------------------------------- the checker

/// Plausible yearly rates (fractions) for each assumption, beyond which a
/// figure is taken for a percentage written as a fraction's hundredfold.
const ASSUMPTION_RANGES: [(&str, f64, f64); 3] = [
    ("inflation", -0.5, 1.0),
    ("populationGrowth", -0.1, 0.1),
    ("fxChange", -0.5, 0.5),
];

/// Plausible growth of a preset (fraction a year).
const GROWTH_RANGE: (f64, f64) = (-0.9, 1.0);

struct Checker<'a> {
    out: Vec<FieldError>,
    sources: Vec<&'a str>,
}

impl Checker<'_> {
    fn add(&mut self, field: String, problem: Problem) {
        self.out.push(FieldError::new(field, problem));
    }

    fn nonempty(&mut self, field: &str, t: &Text) {
        if t.vi.trim().is_empty() {
            self.add(format!("{field}.vi"), Problem::EmptyText);
        }
    }

    fn year(&mut self, field: String, y: i32) -> bool {
        let ok = YEAR_RANGE.contains(&y);
        if !ok {
            self.add(field, Problem::YearOutside { year: i64::from(y) });
        }
        ok
    }

    fn source(&mut self, field: String, id: &str) {
        if id.trim().is_empty() {
            self.add(field, Problem::NoSource);
        } else if !self.sources.contains(&id) {
            self.add(field, Problem::UnknownSource { id: id.to_string() });
        }
    }

    /// A yearly rate (fraction) expected within `lo..=hi`.
    fn rate(&mut self, field: String, v: f64, (lo, hi): (f64, f64)) {
        if !v.is_finite() {
            self.add(field, Problem::NotFinite);
        } else if v > lo && v <= hi {
        } else if v / 100.0 > lo && v / 100.0 <= hi && v.abs() >= 1.0 {
            self.add(field, Problem::RateAsPercent { value: v });
        } else {
            self.add(field, Problem::RateImplausible { value: v });
        }
    }

    fn dataset(&mut self, d: &Dataset) {
        self.nonempty("name", &d.name);
        self.year("baseYear".into(), d.base_year);
        let mut ids = BTreeSet::new();
        for (i, s) in d.sources.iter().enumerate() {
            if !ids.insert(s.id.as_str()) {
                self.add(
                    format!("sources[{i}].id"),
                    Problem::DuplicateId { id: s.id.clone() },
                );
            }
            self.nonempty(&format!("sources[{i}].publication"), &s.publication);
            self.nonempty(&format!("sources[{i}].title"), &s.title);
        }
        self.assumptions(&d.assumptions);
        if d.indicators.is_empty() {
            self.add("indicators".into(), Problem::NeedsIndicators);
        }
        let mut ids = BTreeSet::new();
        for (i, ind) in d.indicators.iter().enumerate() {
            let at = format!("indicators[{i}]");
            if !ids.insert(ind.id.as_str()) {
                self.add(
                    format!("{at}.id"),
                    Problem::DuplicateId { id: ind.id.clone() },
                );
            }
            self.indicator(&at, ind, &d.assumptions);
        }
    }

    fn assumptions(&mut self, a: &Assumptions) {
        for (key, lo, hi) in ASSUMPTION_RANGES {
            let v = a
                .each()
                .into_iter()
                .find(|(k, _)| *k == key)
                .and_then(|(_, v)| v);
            if let Some(v) = v {
                self.rate(format!("assumptions.{key}.value"), v.value, (lo, hi));
                self.source(format!("assumptions.{key}.source"), &v.source);
            }
        }
        if let Some(fx) = &a.fx_base {
            if !(fx.value.is_finite() && fx.value > 0.0) {
                self.add(
                    "assumptions.fxBase.value".into(),
                    Problem::NotPositive { value: fx.value },
                );
            }
            self.source("assumptions.fxBase.source".into(), &fx.source);
        }
    }

    fn indicator(&mut self, at: &str, ind: &Indicator, a: &Assumptions) {
        self.nonempty(&format!("{at}.label"), &ind.label);
        if ind.model == Model::PerCapita {
            if ind.unit != Unit::MillionVnd {
                self.add(format!("{at}.unit"), Problem::PerCapitaUnit);
            }
            for (key, v) in [
                ("inflation", &a.inflation),
                ("populationGrowth", &a.population_growth),
            ] {
                if v.is_none() {
                    self.add(
                        format!("assumptions.{key}"),
                        Problem::Missing {
                            key: key.into(),
                            similar: None,
                        },
                    );
                }
            }
        }
        self.series(&format!("{at}.history"), ind, &ind.history, true);
        self.series(&format!("{at}.alternatives"), ind, &ind.alternatives, false);
        self.targets(at, ind);
        self.fraction_percentages(at, ind);
        if ind.model == Model::Shares {
            self.shares(at, ind);
        } else if ind.history.is_empty() {
            self.add(format!("{at}.history"), Problem::NeedsHistory);
        }
        self.presets(at, ind);
        if let Some(s) = ind.spread {
            let max = if ind.model == Model::Linear {
                100.0
            } else {
                1.0
            };
            if !(s.is_finite() && (0.0..=max).contains(&s)) {
                self.add(
                    format!("{at}.spread"),
                    Problem::OutOfRange {
                        lo: 0.0,
                        hi: max,
                        value: s,
                        percent: max == 1.0,
                    },
                );
            }
        }
        for (k, b) in ind.breaks.iter().enumerate() {
            self.year(format!("{at}.breaks[{k}].year"), b.year);
            self.nonempty(&format!("{at}.breaks[{k}].label"), &b.label);
        }
    }

    /// A value of the indicator's kind.
    fn value(&mut self, field: String, ind: &Indicator, v: f64) {
        if !v.is_finite() {
            self.add(field, Problem::NotFinite);
        } else if matches!(
            ind.model,
            Model::PerCapita | Model::Compound | Model::TermTotal
        ) && v <= 0.0
        {
            self.add(field, Problem::NotPositive { value: v });
        } else if ind.is_percent() && !(0.0..=100.0).contains(&v) {
            self.add(field, Problem::NotPercentage { value: v });
        } else if ind.model == Model::Rate && v.abs() > 1000.0 {
            self.add(field, Problem::RateImplausible { value: v / 100.0 });
        }
    }

    fn series(&mut self, field: &str, ind: &Indicator, pts: &[Point], sorted: bool) {
        let mut prev: Option<i32> = None;
        for (k, p) in pts.iter().enumerate() {
            let at = format!("{field}[{k}]");
            if self.year(format!("{at}.year"), p.year) && sorted {
                match prev {
                    Some(py) if p.year == py => self.add(
                        format!("{at}.year"),
                        Problem::DuplicateYear { year: p.year },
                    ),
                    Some(py) if p.year < py => self.add(
                        format!("{at}.year"),
                        Problem::YearOrder {
                            year: p.year,
                            after: py,
                        },
                    ),
                    _ => {}
                }
            }
            prev = Some(p.year);
            self.value(format!("{at}.value"), ind, p.value);
            self.source(format!("{at}.source"), &p.source);
        }
    }

    fn targets(&mut self, at: &str, ind: &Indicator) {
        let mut prev: Option<i32> = None;
        let last = ind
            .history
            .last()
            .map(|p| p.year)
            .or(ind.shares.last().map(|s| s.year));
        for (k, t) in ind.targets.iter().enumerate() {
            let f = format!("{at}.targets[{k}]");
            if self.year(format!("{f}.year"), t.year) {
                match (prev, last) {
                    (Some(py), _) if t.year <= py => self.add(
                        format!("{f}.year"),
                        Problem::YearOrder {
                            year: t.year,
                            after: py,
                        },
                    ),
                    (None, Some(ly)) if t.year <= ly => self.add(
                        format!("{f}.year"),
                        Problem::TargetBeforeData {
                            year: t.year,
                            last: ly,
                        },
                    ),
                    _ => {}
                }
            }
            prev = Some(t.year);
            // A target a hundred times off the last figure is a typing slip
            // (4,000 read as 4): not for a rate or a share in %, whose
            // figures may be small.
            if let (Some(p), false) = (
                ind.history.last(),
                ind.is_percent() || ind.model == Model::Rate,
            ) {
                let (far_lo, far_hi) = (t.level.low(), t.level.high());
                let off = |v: f64| {
                    p.value != 0.0 && v != 0.0 && (v / p.value >= 100.0 || p.value / v >= 100.0)
                };
                if off(far_lo) || off(far_hi) {
                    let v = if off(far_lo) { far_lo } else { far_hi };
                    let key = if matches!(t.level, Level::Value(_)) {
                        "value"
                    } else if off(far_lo) {
                        "low"
                    } else {
                        "high"
                    };
                    self.add(
                        format!("{f}.{key}"),
                        Problem::TargetFarFromData {
                            value: v,
                            last: p.value,
                            year: p.year,
                        },
                    );
                }
            }
            match t.level {
                Level::Value(v) => self.value(format!("{f}.value"), ind, v),
                Level::Range { low, high } => {
                    self.value(format!("{f}.low"), ind, low);
                    self.value(format!("{f}.high"), ind, high);
                    if low > high {
                        self.add(format!("{f}.low"), Problem::RangeOrder { low, high });
                    }
                }
            }
            self.source(format!("{f}.source"), &t.source);
        }
    }

    /// Percentages written as fractions: every figure of the record of a
    /// points-a-year indicator in % at 1 or below (forest cover 0.43 for
    /// 43 %; a digital share of 0.183 beside a target of 30 %).
    fn fraction_percentages(&mut self, at: &str, ind: &Indicator) {
        if !(ind.is_percent() && ind.model == Model::Linear) {
            return;
        }
        let values: Vec<f64> = ind.history.iter().map(|p| p.value).collect();
        let small = values.iter().all(|v| v.abs() <= 1.0) && values.iter().any(|v| *v != 0.0);
        if let (true, Some(first)) = (small, ind.history.first()) {
            self.add(
                format!("{at}.history[0].value"),
                Problem::PercentAsFraction { value: first.value },
            );
        }
    }

    fn shares(&mut self, at: &str, ind: &Indicator) {
        if ind.parts.len() < 2 {
            self.add(format!("{at}.parts"), Problem::NeedsParts);
        }
        let mut ids = BTreeSet::new();
        for (k, p) in ind.parts.iter().enumerate() {
            if !ids.insert(p.id.as_str()) {
                self.add(
                    format!("{at}.parts[{k}].id"),
                    Problem::DuplicateId { id: p.id.clone() },
                );
            }
        }
        if ind.shares.is_empty() {
            self.add(format!("{at}.shares"), Problem::NeedsShares);
        }
        let mut prev: Option<i32> = None;
        for (k, s) in ind.shares.iter().enumerate() {
            let f = format!("{at}.shares[{k}]");
            if self.year(format!("{f}.year"), s.year) {
                if let Some(py) = prev.filter(|py| s.year <= *py) {
                    self.add(
                        format!("{f}.year"),
                        Problem::YearOrder {
                            year: s.year,
                            after: py,
                        },
                    );
                }
            }
            prev = Some(s.year);
            self.source(format!("{f}.source"), &s.source);
            if s.values.len() != ind.parts.len() {
                self.add(
                    format!("{f}.values"),
                    Problem::SharesCount {
                        got: s.values.len(),
                        parts: ind.parts.len(),
                    },
                );
                continue;
            }
            if let Some((j, v)) = s
                .values
                .iter()
                .enumerate()
                .find(|(_, v)| !v.is_finite() || **v < 0.0)
            {
                self.add(
                    format!("{f}.values[{j}]"),
                    Problem::NotPercentage { value: *v },
                );
                continue;
            }
            let sum: f64 = s.values.iter().sum();
            if (sum - 100.0).abs() > SHARE_SUM_TOLERANCE {
                self.add(format!("{f}.values"), Problem::SharesSum { sum });
            }
        }
    }

    fn presets(&mut self, at: &str, ind: &Indicator) {
        let key = ind.model.growth_key();
        for (name, p) in &ind.scenarios.0 {
            let f = format!("{at}.scenarios.{name}");
            let (given, wrong) = match ind.model {
                Model::PerCapita => (p.real_growth, p.growth.map(|_| "growth")),
                _ => (p.growth, p.real_growth.map(|_| "realGrowth")),
            };
            if let Some(w) = wrong {
                self.add(
                    format!("{f}.{w}"),
                    Problem::PresetGrowthKey {
                        model_key: key.into(),
                    },
                );
            }
            if let Some(v) = given {
                match ind.model {
                    Model::Linear | Model::Rate => {
                        if !v.is_finite() {
                            self.add(format!("{f}.{key}"), Problem::NotFinite);
                        }
                    }
                    // A yearly rise or fall under 0.1 % (not nought: "the
                    // same level" is a preset) is a percent typed as a
                    // fraction: 0.085 in a field in %.
                    _ if v != 0.0 && v.abs() < 0.001 => {
                        self.add(format!("{f}.{key}"), Problem::RateTiny { value: v });
                    }
                    _ => self.rate(format!("{f}.{key}"), v, GROWTH_RANGE),
                }
            }
            if let Some(s) = &p.source {
                self.source(format!("{f}.source"), s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as J;

    fn default_value() -> J {
        serde_json::from_str(DEFAULT_JSON).unwrap()
    }

    #[track_caller]
    fn refused(v: &J, field: &str, problem: &str) {
        let errs = Dataset::check(&v.to_string());
        let e = errs.first().unwrap_or_else(|| panic!("accepted: {field}"));
        assert_eq!(e.field, field, "{e}");
        assert!(e.problem.to_string().contains(problem), "{e}");
        // Every message has its Vietnamese words too.
        assert_ne!(e.message(Lang::Vi), e.message(Lang::En));
    }

    #[test]
    fn embedded_dataset_is_valid_and_every_figure_is_sourced() {
        let d = Dataset::default_lang_son().unwrap();
        assert!(d.problems().is_empty());
        for ind in &d.indicators {
            for p in ind.history.iter().chain(&ind.alternatives) {
                assert!(d.source(&p.source).is_some(), "{} {}", ind.id, p.year);
            }
        }
    }

    #[test]
    fn writing_it_back_gives_the_same_json() {
        // The studio's JSON export writes what it read: nothing but formatting changes.
        fn first_difference(a: &J, b: &J, path: &str) -> Option<String> {
            match (a, b) {
                (J::Object(x), J::Object(y)) => x.keys().chain(y.keys()).find_map(|k| {
                    first_difference(
                        x.get(k).unwrap_or(&J::Null),
                        y.get(k).unwrap_or(&J::Null),
                        &format!("{path}.{k}"),
                    )
                }),
                (J::Array(x), J::Array(y)) if x.len() == y.len() => x
                    .iter()
                    .zip(y)
                    .enumerate()
                    .find_map(|(i, (a, b))| first_difference(a, b, &format!("{path}[{i}]"))),
                (J::Number(x), J::Number(y)) if x.as_f64() == y.as_f64() => None,
                _ if a == b => None,
                _ => Some(format!("{path}: {a} vs {b}")),
            }
        }
        let d = Dataset::default_lang_son().unwrap();
        let back = serde_json::to_value(&d).unwrap();
        assert_eq!(first_difference(&back, &default_value(), ""), None);
    }

    #[test]
    fn fields_are_named_with_typo_hints() {
        let mut v = default_value();
        let unit = v["indicators"][0]
            .as_object_mut()
            .unwrap()
            .remove("unit")
            .unwrap();
        v["indicators"][0]["unti"] = unit;
        refused(&v, "indicators[0].unit", "`unti`: a typo?");
        let mut v = default_value();
        v["indicators"][0]["colour"] = J::from("red");
        refused(&v, "indicators[0].colour", "unknown field `colour`");
        let mut v = default_value();
        v["indicators"][1]["unit"] = J::from("kg");
        refused(&v, "indicators[1].unit", "\u{201c}kg\u{201d} is not one of");
        let mut v = default_value();
        v["indicators"][0]["unit"] = J::from("millionUsd");
        refused(&v, "indicators[0].unit", "must be in millionVnd");
    }

    #[test]
    fn years_sorted_and_unique() {
        let mut v = default_value();
        v["indicators"][0]["history"][1]["year"] = J::from(2020);
        refused(
            &v,
            "indicators[0].history[1].year",
            "year 2020 appears twice",
        );
        let mut v = default_value();
        v["indicators"][0]["history"][1]["year"] = J::from(2019);
        refused(&v, "indicators[0].history[1].year", "increasing order");
        let mut v = default_value();
        v["indicators"][0]["targets"][0]["year"] = J::from(2024);
        refused(
            &v,
            "indicators[0].targets[0].year",
            "must be after the last year of data",
        );
    }

    #[test]
    fn implausible_rates_and_shares_say_what_was_meant() {
        let mut v = default_value();
        v["assumptions"]["inflation"]["value"] = J::from(3.0);
        refused(&v, "assumptions.inflation.value", "did you mean 0.03?");
        let mut v = default_value();
        v["indicators"][0]["scenarios"]["plan"]["realGrowth"] = J::from(10.5);
        refused(
            &v,
            "indicators[0].scenarios.plan.realGrowth",
            "did you mean 0.105?",
        );
        let mut v = default_value();
        v["assumptions"]["populationGrowth"]["value"] = J::from(0.8);
        refused(
            &v,
            "assumptions.populationGrowth.value",
            "cannot be a yearly rate",
        );
        let forest = default_value()["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .position(|i| i["id"] == "forestCover")
            .unwrap();
        let mut v = default_value();
        for p in v["indicators"][forest]["history"].as_array_mut().unwrap() {
            let x = p["value"].as_f64().unwrap();
            p["value"] = J::from(x / 100.0);
        }
        refused(
            &v,
            &format!("indicators[{forest}].history[0].value"),
            "did you mean 63?",
        );
        // One figure as a fraction beside a target in percent (30 %).
        let digital = default_value()["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .position(|i| i["id"] == "digitalShare")
            .unwrap();
        let mut v = default_value();
        for p in v["indicators"][digital]["history"].as_array_mut().unwrap() {
            let x = p["value"].as_f64().unwrap();
            p["value"] = J::from(x / 100.0);
        }
        refused(
            &v,
            &format!("indicators[{digital}].history[0].value"),
            "did you mean 18.3?",
        );
        let last = default_value()["indicators"].as_array().unwrap().len() - 1;
        let mut v = default_value();
        let vals: Vec<f64> = vec![0.2051, 0.2806, 0.4722, 0.0421];
        v["indicators"][last]["shares"][1]["values"] = J::from(vals);
        refused(
            &v,
            &format!("indicators[{last}].shares[1].values"),
            "look like fractions",
        );
        let mut v = default_value();
        v["indicators"][last]["shares"][1]["values"] =
            J::from(vec![20.0, 51.0, 28.0, 6.0, 47.0, 22.0, 4.0, 21.0]);
        refused(
            &v,
            &format!("indicators[{last}].shares[1].values"),
            "decimal commas, perhaps",
        );
    }

    #[test]
    fn a_decimal_comma_in_the_json_is_named() {
        let bad = DEFAULT_JSON.replacen("\"value\": 44.2", "\"value\": 44,2", 1);
        let e = &Dataset::check(&bad)[0];
        assert!(
            e.message(Lang::En)
                .contains("JSON writes decimals with a dot: 44.2"),
            "{e}"
        );
        assert!(e.message(Lang::Vi).contains("dấu phẩy thập phân"), "{e}");
    }

    #[test]
    fn identifiers_are_short_plain_names() {
        let mut v = default_value();
        v["indicators"][0]["id"] = J::from("..\\..\\evil\u{202e}gnp.exe");
        refused(&v, "indicators[0].id", "cannot be used");
        let mut v = default_value();
        v["sources"][0]["id"] = J::from("a b");
        refused(&v, "sources[0].id", "cannot be used");
    }

    #[test]
    fn sources_must_exist_and_figures_need_one() {
        let mut v = default_value();
        v["indicators"][0]["history"][0]["source"] = J::from("nowhere");
        refused(
            &v,
            "indicators[0].history[0].source",
            "not in the sources list",
        );
        let mut v = default_value();
        v["indicators"][0]["history"][0]["source"] = J::from("");
        refused(&v, "indicators[0].history[0].source", "without a source");
    }

    #[test]
    fn targets_are_a_value_or_a_range() {
        let mut v = default_value();
        v["indicators"][0]["targets"][0] =
            serde_json::json!({"year": 2030, "low": 140, "high": 130, "source": "ttxvn-2025"});
        refused(&v, "indicators[0].targets[0].low", "above the high end");
        let mut v = default_value();
        v["indicators"][0]["targets"][0]["low"] = J::from(120);
        refused(&v, "indicators[0].targets[0]", "not both");
    }

    #[test]
    fn all_problems_are_reported_at_once() {
        let mut v = default_value();
        v["assumptions"]["inflation"]["value"] = J::from(3.5);
        v["indicators"][0]["history"][0]["source"] = J::from("nowhere");
        assert_eq!(Dataset::check(&v.to_string()).len(), 2);
    }

    #[test]
    fn junk_huge_and_other_versions_are_refused() {
        assert!(Dataset::from_json("").is_err());
        assert!(Dataset::from_json("<script>alert(1)</script>").is_err());
        let e = Dataset::from_json(&"x".repeat(10 * 1024 * 1024)).unwrap_err();
        assert!(matches!(e.problem, Problem::TooLarge { .. }), "{e}");
        let mut v = default_value();
        v["formatVersion"] = J::from(2);
        refused(&v, "formatVersion", "unsupported format version 2");
    }

    #[test]
    fn older_version_1_files_keep_loading() {
        // The first version-1 files: both assumptions' languages required,
        // presets with `note` for their basis, no editorial fields.
        let mut v = default_value();
        for ind in v["indicators"].as_array_mut().unwrap() {
            let o = ind.as_object_mut().unwrap();
            for k in [
                "title", "caveats", "breaks", "notes", "goal", "prices", "term",
            ] {
                o.remove(k);
            }
            for (_, p) in o["scenarios"].as_object_mut().unwrap() {
                let p = p.as_object_mut().unwrap();
                p.remove("label");
                p.remove("assumed");
                if let Some(b) = p.remove("basis") {
                    p.insert("note".into(), b);
                }
            }
        }
        v.as_object_mut().unwrap().remove("credit");
        let d = Dataset::from_json(&v.to_string()).unwrap();
        assert!(d.indicators[0]
            .scenarios
            .get("plan")
            .unwrap()
            .basis
            .is_some());
    }
}

#[cfg(test)]
mod reading_all {
    use super::*;

    #[test]
    fn a_file_with_several_mistakes_is_told_them_all_at_once() {
        // A mistyped unit in two indicators, a number given as text in a
        // source, and a field name mistyped in the assumptions.
        let bad = DEFAULT_JSON
            .replacen("\"unit\": \"millionVnd\"", "\"unit\": \"millionVND\"", 1)
            .replacen("\"unit\": \"index\"", "\"unit\": \"indx\"", 1)
            .replacen("\"publication\": \"TTXVN\"", "\"publication\": 7", 1);
        let first = Dataset::read(&bad).unwrap_err();
        let all = Dataset::check(&bad);
        let fields: Vec<&str> = all.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(all[0].field, first.field, "{fields:?}");
        assert_eq!(all.len(), 3, "{fields:?}");
        assert!(fields.contains(&"sources[1].publication"), "{fields:?}");
        assert!(
            fields.iter().any(|f| f.starts_with("indicators[0].unit")),
            "{fields:?}"
        );
        assert!(
            fields.iter().any(|f| f.starts_with("indicators[1].unit")),
            "{fields:?}"
        );
        // A root field's problem comes with the parts' problems.
        let no_id = bad.replacen("\"id\": \"lang-son\",", "", 1);
        let all = Dataset::check(&no_id);
        assert_eq!(all.len(), 4, "{all:?}");
        assert_eq!(all[0].field, Dataset::read(&no_id).unwrap_err().field);
        // Not JSON, or a good file: as before.
        assert_eq!(Dataset::check("{").len(), 1);
        assert!(Dataset::check(DEFAULT_JSON).is_empty());
    }
}
