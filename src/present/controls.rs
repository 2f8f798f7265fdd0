//! The controls an indicator's model has, what a reader may type into them,
//! and the share link read against the same rules.

use super::words::Words;
use crate::dataset::{Dataset, Indicator, Model};
use crate::format::{has_decimals, number, Style};
use crate::lang::Lang;
use crate::problem::{FieldError, Problem};
use crate::scenario::{self, ScenarioInput, DEFAULT_PRESET};
use crate::share::ShareState;
use serde::Serialize;

/// A scenario field the reader can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Key {
    RealGrowth,
    Inflation,
    PopulationGrowth,
    FxChange,
    Growth,
    TargetValue,
    TargetYear,
    Spread,
}

impl Key {
    /// The field's name in a scenario.
    pub fn name(self) -> &'static str {
        match self {
            Key::RealGrowth => "realGrowth",
            Key::Inflation => "inflation",
            Key::PopulationGrowth => "populationGrowth",
            Key::FxChange => "fxChange",
            Key::Growth => "growth",
            Key::TargetValue => "targetValue",
            Key::TargetYear => "targetYear",
            Key::Spread => "spread",
        }
    }

    /// The key called `name`.
    pub fn parse(name: &str) -> Option<Key> {
        ALL.into_iter().find(|k| k.name() == name)
    }

    /// The share link's key for it.
    pub fn link_key(self) -> &'static str {
        match self {
            Key::RealGrowth => "g",
            Key::Inflation => "inf",
            Key::PopulationGrowth => "pop",
            Key::FxChange => "fxc",
            Key::Growth => "gr",
            Key::TargetValue => "tv",
            Key::TargetYear => "ty",
            Key::Spread => "sp",
        }
    }

    /// The value of this field in `s`.
    pub fn get(self, s: &ScenarioInput) -> Option<f64> {
        match self {
            Key::RealGrowth => s.real_growth,
            Key::Inflation => s.inflation,
            Key::PopulationGrowth => s.population_growth,
            Key::FxChange => s.fx_change,
            Key::Growth => s.growth,
            Key::TargetValue => s.target_value,
            Key::TargetYear => s.target_year.map(f64::from),
            Key::Spread => s.spread,
        }
    }

    /// `s` with this field set to `v`.
    pub fn set(self, s: &mut ScenarioInput, v: f64) {
        match self {
            Key::RealGrowth => s.real_growth = Some(v),
            Key::Inflation => s.inflation = Some(v),
            Key::PopulationGrowth => s.population_growth = Some(v),
            Key::FxChange => s.fx_change = Some(v),
            Key::Growth => s.growth = Some(v),
            Key::TargetValue => s.target_value = Some(v),
            Key::TargetYear => s.target_year = Some(v.round() as i32),
            Key::Spread => s.spread = Some(v),
        }
    }
}

const ALL: [Key; 8] = [
    Key::RealGrowth,
    Key::Inflation,
    Key::PopulationGrowth,
    Key::FxChange,
    Key::Growth,
    Key::TargetValue,
    Key::TargetYear,
    Key::Spread,
];

/// A control's range and step, in the units it shows (percent for a rate).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Def {
    pub key: Key,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Shown units per stored unit: 100 for a rate shown as a percentage.
    pub scale: f64,
}

impl Def {
    /// Decimals of the step (the field shows this many).
    pub fn decimals(&self) -> u8 {
        let mut d = 0;
        let mut s = self.step;
        while d < 6 && (s - s.round()).abs() > 1e-9 {
            s *= 10.0;
            d += 1;
        }
        d
    }

    /// The most decimals the field shows and takes: two for a rate (9,86),
    /// three for a target (161,051, as a dataset may give it).
    pub fn most_decimals(&self) -> u8 {
        self.decimals()
            .max(if self.key == Key::TargetValue { 3 } else { 2 })
    }

    fn percent(&self) -> bool {
        self.scale == 100.0
    }
}

fn def(key: Key, min: f64, max: f64, step: f64, scale: f64) -> Def {
    Def {
        key,
        min,
        max,
        step,
        scale,
    }
}

/// The base year and value the controls start from.
fn base(ind: &Indicator) -> (i32, f64) {
    ind.history
        .last()
        .map(|p| (p.year, p.value))
        .or(ind.shares.last().map(|s| (s.year, 0.0)))
        .unwrap_or((2025, 0.0))
}

/// The controls of an indicator, in the order shown.
///
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, present::controls::{defs, Key}};
/// let d = Dataset::default_lang_son().unwrap();
/// let keys: Vec<Key> = defs(d.indicator("grdpPerCapita").unwrap()).iter().map(|d| d.key).collect();
/// assert_eq!(keys[0], Key::RealGrowth);
/// ```
pub fn defs(ind: &Indicator) -> Vec<Def> {
    let (base_year, base_value) = base(ind);
    let term = if ind.model == Model::TermTotal {
        f64::from(ind.term_years())
    } else {
        1.0
    };
    let year = def(
        Key::TargetYear,
        f64::from(base_year) + term,
        f64::from(base_year) + term * if term > 1.0 { 6.0 } else { 30.0 },
        term,
        1.0,
    );
    let mut out = Vec::new();
    match ind.model {
        Model::Shares => return vec![year],
        Model::PerCapita => out.extend([
            def(Key::RealGrowth, -5.0, 20.0, 0.1, 100.0),
            def(Key::Inflation, -2.0, 15.0, 0.1, 100.0),
            def(Key::PopulationGrowth, -2.0, 3.0, 0.1, 100.0),
            def(Key::FxChange, -5.0, 10.0, 0.01, 100.0),
        ]),
        Model::Compound => out.push(def(Key::Growth, -50.0, 50.0, 0.1, 100.0)),
        Model::TermTotal => out.push(def(Key::Growth, -50.0, 100.0, 0.1, 100.0)),
        Model::Rate => out.push(def(Key::Growth, -20.0, 30.0, 0.1, 100.0)),
        Model::Linear => out.push(def(Key::Growth, -5.0, 5.0, 0.1, 1.0)),
    }
    if let Some(t) = ind.targets.first() {
        let hi_end = t.level.high();
        let d = if ind.is_percent() || ind.model == Model::Rate {
            def(
                Key::TargetValue,
                if ind.model == Model::Rate { -20.0 } else { 0.0 },
                if ind.model == Model::Rate {
                    30.0
                } else {
                    100.0
                },
                0.1,
                1.0,
            )
        } else {
            let hi = (hi_end * 3.0 / 10.0).ceil().max(1.0) * 10.0;
            let lo = (base_value / 4.0).floor().max(0.1);
            def(
                Key::TargetValue,
                lo,
                hi.max(lo * 2.0),
                if hi_end >= 50.0 { 1.0 } else { 0.1 },
                1.0,
            )
        };
        out.push(d);
    }
    out.push(year);
    if ind.model != Model::TermTotal {
        out.push(if ind.model == Model::Linear {
            def(Key::Spread, 0.0, 5.0, 0.1, 1.0)
        } else {
            def(Key::Spread, 0.0, 20.0, 0.1, 100.0)
        });
    }
    out
}

/// A control's words.
pub fn label(key: Key, ind: &Indicator, lang: Lang) -> String {
    let w = Words::new(lang, ind);
    let pick = |vi: &str, en: &str| lang.pick(vi, en).to_string();
    match key {
        Key::RealGrowth => pick(
            "Tăng trưởng GRDP thực (%/năm)",
            "Real GRDP growth (% a year)",
        ),
        Key::Inflation => pick(
            "Tăng giá, chỉ số giảm phát GRDP (%/năm)",
            "Price growth, GRDP deflator (% a year)",
        ),
        Key::PopulationGrowth => pick("Tăng dân số (%/năm)", "Population growth (% a year)"),
        Key::FxChange => pick(
            "Tỷ giá đồng/USD thay đổi (%/năm)",
            "Dong–dollar exchange rate change (% a year)",
        ),
        Key::Growth => match ind.model {
            Model::Linear => pick("Thay đổi (điểm %/năm)", "Change (points a year)"),
            Model::TermTotal => pick(
                "Thay đổi so với giai đoạn trước (%)",
                "Change from the previous period (%)",
            ),
            Model::Rate => pick("Tốc độ tăng mỗi năm (%)", "Growth each year (%)"),
            _ if ind.unit == crate::dataset::Unit::Percent => pick(
                "Thay đổi tương đối mỗi năm (%)",
                "Relative change each year (%)",
            ),
            _ => pick("Tăng trưởng (%/năm)", "Growth (% a year)"),
        },
        Key::TargetValue => {
            let unit = w.unit_caption();
            if unit.is_empty() {
                pick("Mục tiêu", "Target")
            } else {
                format!("{} ({unit})", lang.pick("Mục tiêu", "Target"))
            }
        }
        // With no target, the year is only how far the projection goes.
        Key::TargetYear if ind.targets.is_empty() => pick("Đến năm", "Up to year"),
        Key::TargetYear => pick("Năm mục tiêu", "Target year"),
        Key::Spread => match ind.model {
            Model::Linear => pick(
                "Độ bất định mỗi năm (điểm phần trăm)",
                "Uncertainty each year (percentage points)",
            ),
            _ => pick(
                "Độ bất định mỗi năm (độ lệch chuẩn, điểm phần trăm)",
                "Uncertainty each year (standard deviation, percentage points)",
            ),
        },
    }
}

/// The most decimals, in the unit a control shows, a link's value keeps
/// (and a field shows).
pub const LINK_DECIMALS: u8 = 4;

/// The text a field shows for `v` (stored units).
///
/// With the field's decimals, or with the one more a reader may type
/// ([`parse_field`]) when the value has exactly that many: a typed "9,86"
/// shows as "9,86", not as "9,9" beside a sentence that uses 9,86 (the
/// sentence prints it the same way, [`crate::present::words::own_decimals`]).
pub fn field_text(d: &Def, v: f64, lang: Lang) -> String {
    let shown = v * d.scale;
    let dec = d.decimals();
    // Up to four: a link may carry more than a reader can type, and the
    // field shows what is used ([`read_link`] keeps at most four).
    let k = (dec..=dec.max(LINK_DECIMALS))
        .find(|&k| has_decimals(shown, k))
        .unwrap_or(dec);
    number(shown, lang, Style::fixed(k).ungrouped())
}

/// What a reader typed, read as a value of `d` (stored units).
///
/// Either decimal mark is accepted (`10,5` and `10.5`), with spaces
/// anywhere and a leading sign (`-` or `−`); `-0` is 0. Anything else (an exponent,
/// digits of another script, two decimal marks, letters) is refused, so a
/// typo never becomes a figure.
///
/// # Errors
/// Empty; not a number; more decimals than the field takes
/// ([`Def::most_decimals`]); a
/// year that is not whole; outside the control's range.
///
/// # Example
/// ```
/// use grdp_whatif::{dataset::Dataset, lang::Lang, present::controls::{defs, parse_field}};
/// let d = Dataset::default_lang_son().unwrap();
/// let g = defs(d.indicator("grdpPerCapita").unwrap())[0];
/// assert_eq!(parse_field(&g, " 10,5 ", Lang::Vi), Ok(0.105));
/// assert!(parse_field(&g, "1e309", Lang::Vi).is_err() && parse_field(&g, "١٢", Lang::En).is_err());
/// ```
pub fn parse_field(d: &Def, raw: &str, lang: Lang) -> Result<f64, Problem> {
    // The typographic minus (U+2212, as word processors and news copy write
    // it) is a minus. Invisible direction and joining marks (a left-to-right
    // mark pasted with a figure from a web page or a spreadsheet, U+200B–
    // U+200F, U+202A–U+202E, U+2060–U+2069, U+FEFF) are not part of it.
    let invisible = |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
    let s: String = raw
        .chars()
        .filter(|&c| !c.is_whitespace() && !invisible(c))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if s.is_empty() {
        return Err(Problem::EmptyInput);
    }
    let not_a_number = || Problem::NotANumber {
        raw: raw.trim().chars().take(24).collect(),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    // The language's thousands mark with three digits after it ("1.250" in
    // Vietnamese, "1,250" in English) is asked about, not read as 1,25.
    let group = lang.pick('.', ',');
    if let Some((int, frac)) = s.strip_prefix(['-', '+']).unwrap_or(&s).split_once(group) {
        if !int.is_empty()
            && digits(int)
            && digits(frac)
            && int.len() <= 3
            && !int.starts_with('0')
            && frac.len() == 3
            && d.key != Key::TargetYear
        {
            let sign = if s.starts_with('-') { "-" } else { "" };
            let short = frac.trim_end_matches('0');
            return Err(Problem::GroupingOrDecimal {
                raw: raw.trim().chars().take(24).collect(),
                whole: format!("{sign}{int}{frac}"),
                decimal: if short.is_empty() {
                    format!("{sign}{int}")
                } else {
                    format!("{sign}{int}{}{short}", lang.pick(',', '.'))
                },
            });
        }
    }
    let norm = s.replacen(',', ".", 1);
    let body = norm.strip_prefix(['-', '+']).unwrap_or(&norm);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if !(digits(int) && digits(frac)) || (int.is_empty() && frac.is_empty()) {
        return Err(not_a_number());
    }
    let x: f64 = norm.parse().map_err(|_| not_a_number())?;
    if !x.is_finite() {
        return Err(not_a_number());
    }
    if d.key == Key::TargetYear && !frac.is_empty() {
        return Err(Problem::YearNotWhole);
    }
    let max = d.most_decimals();
    if frac.len() > usize::from(max) {
        return Err(Problem::TooManyDecimals { max });
    }
    if x < d.min || x > d.max {
        return Err(Problem::FieldRange {
            lo: d.min,
            hi: d.max,
        });
    }
    // Stored rounded to what the field shows (10.8 % is 0.108, not
    // 0.10800000000000001); + 0.0 turns −0 into 0.
    let k = 10f64.powi(i32::from(max)) * d.scale;
    Ok((x * k / d.scale).round() / k + 0.0)
}

/// The scenario the controls start from for an indicator: the default
/// preset's growth, and every control's value, filled from the dataset (so
/// a link written from it says everything the reader saw).
///
/// # Errors
/// An unknown indicator; a dataset whose figures cannot be projected.
pub fn start(dataset: &Dataset, indicator: &str) -> Result<ScenarioInput, FieldError> {
    start_as_is(dataset, indicator).map_err(|e| {
        // An indicator whose figures cannot be simulated: said as such.
        dataset
            .indicators
            .iter()
            .position(|i| i.id == indicator)
            .and_then(|i| scenario::indicator_problem(dataset, i))
            .unwrap_or(e)
    })
}

fn start_as_is(dataset: &Dataset, indicator: &str) -> Result<ScenarioInput, FieldError> {
    let ind = dataset.indicator(indicator).ok_or_else(|| {
        FieldError::new(
            "indicator",
            Problem::UnknownIndicator {
                id: indicator.into(),
            },
        )
    })?;
    if ind.model == Model::Shares {
        let (y, _) = base(ind);
        let mut s = ScenarioInput {
            indicator: Some(indicator.into()),
            ..Default::default()
        };
        Key::TargetYear.set(&mut s, f64::from(y + 5));
        return Ok(s);
    }
    let name = default_preset(ind);
    let input = match &name {
        Some(n) => scenario::preset_input(dataset, indicator, n)?,
        None => ScenarioInput {
            indicator: Some(indicator.into()),
            ..Default::default()
        },
    };
    complete(dataset, ind, input)
}

/// The controls an indicator has in this dataset: [`defs`], without the
/// exchange rate's where the dataset has no rate to move (no `fxBase`), so
/// that the scenario, the share link and what a link may say hold only what
/// the reader can see and change.
pub fn defs_in(dataset: &Dataset, ind: &Indicator) -> Vec<Def> {
    let mut out = defs(ind);
    if dataset.assumptions.fx_base.is_none() {
        out.retain(|d| d.key != Key::FxChange);
    }
    out
}

/// What a share link carries of a scenario: the indicator and the values of
/// its controls in this dataset ([`defs_in`]), and nothing a link could not
/// be read back with (an API's `growth` for money per person, an exchange
/// rate's change where there is no rate).
pub fn link_input(dataset: &Dataset, ind: &Indicator, s: &ScenarioInput) -> ScenarioInput {
    let mut out = ScenarioInput {
        indicator: Some(ind.id.clone()),
        ..Default::default()
    };
    for d in defs_in(dataset, ind) {
        if let Some(v) = d.key.get(s) {
            d.key.set(&mut out, v);
        }
    }
    out
}

/// The preset a reader sees first: `plan`, else the first.
pub fn default_preset(ind: &Indicator) -> Option<String> {
    if ind.scenarios.get(DEFAULT_PRESET).is_some() {
        Some(DEFAULT_PRESET.to_string())
    } else {
        ind.scenarios.0.first().map(|(n, _)| n.clone())
    }
}

/// `input` with every control's field set (from the dataset where left
/// out), each to the precision its control shows, so a link stays short
/// and reads back to exactly what the controls show.
///
/// # Errors
/// As [`scenario::Scenario::resolve`].
pub fn complete(
    dataset: &Dataset,
    ind: &Indicator,
    input: ScenarioInput,
) -> Result<ScenarioInput, FieldError> {
    let s = scenario::Scenario::resolve(&input, dataset)?;
    let mut out = ScenarioInput {
        indicator: Some(ind.id.clone()),
        ..Default::default()
    };
    for d in defs_in(dataset, ind) {
        let have = d.key.get(&input);
        let v = match d.key {
            Key::RealGrowth => s.real_growth,
            Key::Inflation => s.inflation,
            Key::PopulationGrowth => s.population_growth,
            Key::FxChange => s.fx_change,
            Key::Growth => s.growth,
            Key::TargetValue => match (have, s.threshold()) {
                (Some(v), _) => v,
                (None, Some(_)) => continue, // the dataset's own target (a range stays a range)
                (None, None) => continue,
            },
            Key::TargetYear => f64::from(s.target_year),
            Key::Spread => s.spread,
        };
        // Given values stay as given. The dataset's own assumptions are
        // used as it gives them (to a link's four decimals: 0,035 % prices
        // are not "unchanged", 3,25 % is not 3,3 %); what is worked out
        // (the uncertainty) is rounded to what the control shows.
        let v = if have.is_some() {
            v
        } else {
            from_dataset(v, &d)
        };
        d.key.set(&mut out, v);
    }
    Ok(out)
}

/// `v` as `key`'s control shows it (rounded to its step), as [`complete`]
/// sets a value the dataset gives; `v` itself for a key it has no control for.
pub fn as_shown(ind: &Indicator, key: Key, v: f64) -> f64 {
    defs(ind)
        .into_iter()
        .find(|d| d.key == key)
        .map_or(v, |d| from_dataset(v, &d))
}

/// A value the dataset gives (or that is worked out from it) as its
/// control takes it.
fn from_dataset(v: f64, d: &Def) -> f64 {
    match d.key {
        Key::Inflation | Key::PopulationGrowth | Key::FxChange => {
            round_to_decimals(v, d, LINK_DECIMALS)
        }
        _ => round_to_decimals(v, d, d.decimals()),
    }
}

fn round_to_decimals(v: f64, d: &Def, decimals: u8) -> f64 {
    let k = 10f64.powi(i32::from(decimals)) * d.scale;
    (v * k).round() / k + 0.0
}

/// `current` with the preset `name`'s growth: the reader's target, target
/// year, prices and uncertainty stay (a preset changes the path, not the goal).
///
/// # Errors
/// Unknown indicator or preset.
pub fn with_preset(
    dataset: &Dataset,
    indicator: &str,
    name: &str,
    current: &ScenarioInput,
) -> Result<ScenarioInput, FieldError> {
    let p = scenario::preset_input(dataset, indicator, name)?;
    let mut next = current.clone();
    next.indicator = Some(indicator.into());
    if p.real_growth.is_some() {
        next.real_growth = p.real_growth;
    }
    if p.growth.is_some() {
        next.growth = p.growth;
    }
    let ind = dataset.indicator(indicator).ok_or_else(|| {
        FieldError::new(
            "indicator",
            Problem::UnknownIndicator {
                id: indicator.into(),
            },
        )
    })?;
    complete(dataset, ind, next)
}

/// Which preset `input` is (its growth equals the preset's), if any.
pub fn preset_of(dataset: &Dataset, ind: &Indicator, input: &ScenarioInput) -> Option<String> {
    let key = if ind.model == Model::PerCapita {
        Key::RealGrowth
    } else {
        Key::Growth
    };
    // Only an indicator with a control for its growth has presets to match.
    if !defs(ind).iter().any(|d| d.key == key) {
        return None;
    }
    let g = key.get(input)?;
    ind.scenarios
        .0
        .iter()
        .map(|(n, _)| n)
        .find(|n| {
            scenario::preset_input(dataset, &ind.id, n)
                .ok()
                .and_then(|p| key.get(&p))
                // Exactly the preset's: a typed 20,04 near a preset of
                // 20 is the reader's own, not the preset under its name.
                .is_some_and(|pg| (pg - g).abs() < 1e-9)
        })
        .cloned()
}

/// A share link's state, checked against this dataset with the controls'
/// rules: the indicator must be one of the dataset's, each value within its
/// control's range, the whole scenario computable.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkState {
    pub indicator: String,
    pub lang: Option<String>,
    pub theme: Option<String>,
    pub view: Option<String>,
    pub scenario: ScenarioInput,
    pub preset: String,
}

/// Read a share link against a dataset (see [`LinkState`]).
///
/// # Errors
/// The link's key at fault (`g`, `ind`, …) and the problem; for a value
/// out of range, the value as a percentage for a rate (a link writes rates
/// as fractions).
pub fn read_link(
    dataset: &Dataset,
    hash: &str,
    current: Option<&str>,
) -> Result<LinkState, FieldError> {
    let st: ShareState = crate::share::parse_hash(hash)?;
    // A link that names no indicator (hand-written, or older) is read for the
    // indicator on screen; if its keys are not that indicator's, for the
    // dataset's first (the one a link without `ind` was written for).
    if st.scenario.indicator.is_none() {
        let first = dataset.indicators.first().map(|i| i.id.as_str());
        if let (Some(cur), Some(first)) = (current, first) {
            if cur != first {
                return read_link_for(dataset, st.clone(), Some(cur))
                    .or_else(|e| read_link_for(dataset, st, Some(first)).map_err(|_| e));
            }
        }
    }
    read_link_for(dataset, st, current)
}

fn read_link_for(
    dataset: &Dataset,
    st: ShareState,
    current: Option<&str>,
) -> Result<LinkState, FieldError> {
    let fallback = current
        .map(str::to_string)
        .or_else(|| dataset.indicators.first().map(|i| i.id.clone()))
        .unwrap_or_default();
    let id = st.scenario.indicator.clone().unwrap_or(fallback);
    let ind = dataset
        .indicator(&id)
        .ok_or_else(|| FieldError::new("ind", Problem::UnknownIndicator { id: id.clone() }))?;
    let defs = defs_in(dataset, ind);
    let mut given = ScenarioInput {
        indicator: Some(id.clone()),
        ..Default::default()
    };
    for k in ALL {
        let Some(v) = k.get(&st.scenario) else {
            continue;
        };
        let Some(d) = defs.iter().find(|d| d.key == k) else {
            // A key this indicator has no control for: refused, not ignored.
            return Err(FieldError::new(k.link_key(), Problem::LinkUnknownKey));
        };
        let shown = v * d.scale;
        if !(shown >= d.min - 1e-9 && shown <= d.max + 1e-9) {
            let inner = Problem::OutOfRange {
                lo: d.min / d.scale,
                hi: d.max / d.scale,
                value: v,
                percent: d.percent(),
            };
            return Err(FieldError::new(
                k.link_key(),
                Problem::LinkValue {
                    vi: label(k, ind, Lang::Vi),
                    en: label(k, ind, Lang::En),
                    inner: Box::new(inner),
                },
            ));
        }
        // Used to four decimals of what the control shows (a hand-made
        // 0.0988449 is 9,8845 %), so the field, the sentence and the model
        // all use the one value the field can show.
        let k_ = 10f64.powi(i32::from(LINK_DECIMALS)) * d.scale;
        k.set(&mut given, (v * k_).round() / k_ + 0.0);
    }
    let scenario = if ind.model == Model::Shares {
        let mut s = ScenarioInput {
            indicator: Some(id.clone()),
            ..Default::default()
        };
        let (y, _) = base(ind);
        Key::TargetYear.set(
            &mut s,
            given.target_year.map_or(f64::from(y + 5), f64::from),
        );
        s
    } else {
        let mut start = start(dataset, &id)?;
        for k in ALL {
            if let Some(v) = k.get(&given) {
                k.set(&mut start, v);
            }
        }
        // Computable as a whole (a link may combine values that overflow).
        let s = scenario::Scenario::resolve(&start, dataset)
            .map_err(|e| FieldError::new(link_key_of(&e.field), e.problem))?;
        scenario::project(&s).map_err(|e| FieldError::new(link_key_of(&e.field), e.problem))?;
        start
    };
    let preset = preset_of(dataset, ind, &scenario).unwrap_or_else(|| "custom".into());
    Ok(LinkState {
        indicator: id,
        lang: st.lang,
        theme: st.theme,
        view: st.view,
        scenario,
        preset,
    })
}

fn link_key_of(field: &str) -> String {
    Key::parse(field).map_or(field.to_string(), |k| k.link_key().to_string())
}
