//! Every problem the engine can report about what it was given (a dataset,
//! a scenario, a share link, a typed value), with its message in
//! Vietnamese and in English. One [`FieldError`] type carries a problem and
//! the path of the field it is about (`indicators[0].history[2].year`,
//! `realGrowth`, the link key `g`).
//!
//! Messages are written for the person who can fix the input: a journalist
//! with a dataset (what is wrong, and what was probably meant), a reader
//! with a slider or a link. [`std::fmt::Display`] gives the English text,
//! for developers and the console.

use crate::format::{number, Style};
use crate::lang::Lang;
use std::fmt;

/// What kind of JSON value a field needs, or was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
    /// A text: a string, or `{ "vi": …, "en": … }`.
    Text,
}

impl Kind {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Kind::Object => lang.pick("một đối tượng { … }", "an object"),
            Kind::Array => lang.pick("một danh sách [ … ]", "an array"),
            Kind::String => lang.pick("một chuỗi chữ", "a string"),
            Kind::Number => lang.pick("một số", "a number"),
            Kind::Bool => lang.pick("true hoặc false", "true or false"),
            Kind::Null => "null",
            Kind::Text => lang.pick(
                "một chuỗi chữ hoặc { \"vi\": …, \"en\": … }",
                "a string or { \"vi\": …, \"en\": … }",
            ),
        }
    }
}

/// A problem in a JSON text.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonProblem {
    End,
    ExpectedValue,
    ExpectedKey,
    ExpectedColon,
    ExpectedCommaOrClose(char),
    ExpectedDigit,
    NumberTooLarge,
    Escape,
    LoneSurrogate,
    ControlCharacter,
    Unterminated,
    Trailing,
    TooDeep,
    /// `58,5` where a number was read: a decimal comma (the JSON decimal is a dot).
    DecimalComma {
        int: String,
        frac: String,
    },
}

/// What is wrong with a value. Each variant carries what its message needs.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Problem {
    // ---- reading ----
    /// A field that must be there is not; `similar` is a key that is there
    /// and looks like a typo of it.
    Missing {
        key: String,
        similar: Option<String>,
    },
    Unknown {
        key: String,
        expected: Vec<String>,
    },
    Duplicate {
        key: String,
    },
    Expected {
        want: Kind,
        found: Kind,
    },
    NotWhole {
        lo: f64,
        hi: f64,
        found: f64,
    },
    Choice {
        value: String,
        allowed: Vec<String>,
    },
    TooDeep,
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    Json {
        line: usize,
        column: usize,
        what: JsonProblem,
    },
    // ---- datasets ----
    Version {
        found: f64,
    },
    EmptyText,
    BadId {
        id: String,
    },
    DuplicateId {
        id: String,
    },
    UnknownSource {
        id: String,
    },
    YearOutside {
        year: i64,
    },
    DuplicateYear {
        year: i32,
    },
    YearOrder {
        year: i32,
        after: i32,
    },
    NotFinite,
    NotPositive {
        value: f64,
    },
    NotPercentage {
        value: f64,
    },
    /// A yearly rate written as a percentage (3.5 for 3.5 %).
    RateAsPercent {
        value: f64,
    },
    /// A yearly rate outside −100 %…+1,000 %.
    RateImplausible {
        value: f64,
    },
    /// Percentages written as fractions (0.43 for 43 %).
    PercentAsFraction {
        value: f64,
    },
    SharesSum {
        sum: f64,
    },
    SharesCount {
        got: usize,
        parts: usize,
    },
    TargetBeforeData {
        year: i32,
        last: i32,
    },
    /// A target a hundred times or more off the last figure (a thousands
    /// separator read as a decimal, or the other way round).
    TargetFarFromData {
        value: f64,
        last: f64,
        year: i32,
    },
    /// A preset's yearly rate under 0.1 %: likely a percent typed as a fraction.
    RateTiny {
        value: f64,
    },
    /// A link that is not a web address.
    BadUrl {
        url: String,
    },
    PerCapitaUnit,
    NeedsHistory,
    NeedsParts,
    NeedsShares,
    NeedsIndicators,
    RangeOrder {
        low: f64,
        high: f64,
    },
    ValueOrRange,
    NoSource,
    PresetGrowthKey {
        model_key: String,
    },
    /// A preset with no rate of its own where the record has too few
    /// figures to work one out.
    PresetNeedsRate {
        key: String,
    },
    // ---- scenarios, typed values, links ----
    OutOfRange {
        lo: f64,
        hi: f64,
        value: f64,
        percent: bool,
    },
    RateTooLow {
        value: f64,
    },
    TargetYearNotAfter {
        base: i32,
    },
    TargetYearTooFar,
    /// A term-total indicator's target year must be a whole number of terms on.
    WholeTerms {
        term: u32,
    },
    TooManyPaths {
        limit: u64,
    },
    Percentiles,
    Overflow,
    /// A target the path never reaches at its rate.
    Unreachable,
    /// The studio: an indicator takes its figures from a series the table does not have.
    MissingSeries {
        name: String,
    },
    UnknownIndicator {
        id: String,
    },
    SharesNotProjectable,
    UnknownPreset {
        name: String,
    },
    EmptyInput,
    /// A typed value outside its control's range (in the units it shows).
    FieldRange {
        lo: f64,
        hi: f64,
    },
    NotANumber {
        raw: String,
    },
    TooManyDecimals {
        max: u8,
    },
    /// "1.250" in Vietnamese or "1,250" in English: the language's
    /// thousands mark with three digits after it, which may be either.
    GroupingOrDecimal {
        raw: String,
        whole: String,
        decimal: String,
    },
    YearNotWhole,
    LinkTooLong {
        bytes: usize,
    },
    LinkVersion {
        found: String,
    },
    LinkNoVersion,
    LinkTwice,
    LinkUnknownKey,
    /// An indicator whose figures read but cannot be shown (its worked-out
    /// uncertainty beyond any simulation, say), with its label.
    Unshowable {
        vi: String,
        en: String,
        inner: Box<Problem>,
    },
    /// A link's value for a control, with the control's words.
    LinkValue {
        vi: String,
        en: String,
        inner: Box<Problem>,
    },
}

fn quoted(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    format!("“{short}”")
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

/// A number in a message: as many decimals as it has (up to 6).
fn num(v: f64, lang: Lang) -> String {
    number(v, lang, Style::upto(6).ungrouped())
}

impl Problem {
    /// The message in `lang`.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::{lang::Lang, problem::Problem};
    /// let p = Problem::RateAsPercent { value: 3.5 };
    /// assert!(p.message(Lang::En).contains("did you mean 0.035?"));
    /// // In Vietnamese too, the fix is written as a JSON file must have it.
    /// assert!(p.message(Lang::Vi).contains("có phải ý bạn là 0.035?"));
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let n = |v: f64| num(v, lang);
        match self {
            Problem::Missing { key, similar } => {
                let mut s = if vi {
                    format!("thiếu trường `{key}`")
                } else {
                    format!("missing field `{key}`")
                };
                if let Some(k) = similar {
                    s.push_str(&if vi {
                        format!(" (có trường `{k}`: gõ nhầm?)")
                    } else {
                        format!(" (there is a field `{k}`: a typo?)")
                    });
                }
                s
            }
            Problem::Unknown { key, expected } => {
                // A typo of a field that may be left out (`soruce` for
                // `source`) is named first: a list of twenty fields hides it.
                let near = expected.iter().find(|e| crate::read::looks_like(key, e));
                let key: String = key.chars().take(40).collect();
                match (near, vi) {
                    (Some(e), true) => format!(
                        "trường lạ `{key}`: có phải ý bạn là `{e}`? (các trường dùng được: {})",
                        list(expected)
                    ),
                    (Some(e), false) => format!(
                        "unknown field `{key}`: did you mean `{e}`? (expected one of {})",
                        list(expected)
                    ),
                    (None, true) => {
                        format!("trường lạ `{key}` (các trường dùng được: {})", list(expected))
                    }
                    (None, false) => {
                        format!("unknown field `{key}` (expected one of {})", list(expected))
                    }
                }
            }
            Problem::Duplicate { key } => {
                lang.pick(format!("trường `{key}` có hai lần"), format!("duplicate field `{key}`"))
            }
            Problem::Expected { want, found } => {
                if vi {
                    format!("cần {}, nhưng ở đây là {}", want.name(lang), found.name(lang))
                } else {
                    format!("expected {}, found {}", want.name(lang), found.name(lang))
                }
            }
            Problem::NotWhole { lo, hi, found } => {
                if vi {
                    format!("cần một số nguyên từ {} đến {}, nhưng ở đây là {}", n(*lo), n(*hi), n(*found))
                } else {
                    format!("expected a whole number from {} to {}, found {}", n(*lo), n(*hi), n(*found))
                }
            }
            Problem::Choice { value, allowed } => {
                // A value in the wrong case or one letter off (`millionVND`
                // for `millionVnd`) is named first, as a field's typo is.
                let near = allowed.iter().find(|a| crate::read::looks_like(value, a));
                match (near, vi) {
                    (Some(a), true) => format!(
                        "{} không phải giá trị dùng được: có phải ý bạn là {}? (dùng một trong: {})",
                        quoted(value),
                        quoted(a),
                        list(allowed)
                    ),
                    (Some(a), false) => format!(
                        "{} is not one of the values allowed: did you mean {}? ({})",
                        quoted(value),
                        quoted(a),
                        list(allowed)
                    ),
                    (None, true) => format!("{} không phải giá trị dùng được (dùng một trong: {})", quoted(value), list(allowed)),
                    (None, false) => format!("{} is not one of the values allowed ({})", quoted(value), list(allowed)),
                }
            }
            Problem::TooDeep => lang.pick("lồng nhau quá sâu", "nested too deeply").to_string(),
            Problem::TooLarge { bytes, limit } => {
                let mb = |b: usize| number(b as f64 / 1_000_000.0, lang, Style::upto(1));
                if vi {
                    format!("quá lớn ({} MB; giới hạn là {} MB)", mb(*bytes), mb(*limit))
                } else {
                    format!("too large ({} MB; the limit is {} MB)", mb(*bytes), mb(*limit))
                }
            }
            Problem::Json { line, column, what } => {
                let at = lang.pick(
                    format!(" (dòng {line}, cột {column})"),
                    format!(" at line {line} column {column}"),
                );
                let lead = lang.pick("không phải JSON hợp lệ: ", "not valid JSON: ");
                format!("{lead}{}{at}", json_message(what, lang))
            }
            Problem::Version { found } => {
                if vi {
                    format!("phiên bản định dạng {} chưa được hỗ trợ (tiện ích này đọc phiên bản 1)", n(*found))
                } else {
                    format!("unsupported format version {} (this widget reads 1)", n(*found))
                }
            }
            Problem::EmptyText => lang.pick("không được để trống", "must not be empty").to_string(),
            Problem::BadId { id } => {
                if vi {
                    format!("mã {} không dùng được: mã là một tên ngắn (tối đa 40 ký tự) chỉ gồm chữ không dấu, chữ số, - và _, ví dụ grdpPerCapita", quoted(id))
                } else {
                    format!("the id {} cannot be used: an id is a short name (at most 40 characters) of letters, digits, - and _, e.g. grdpPerCapita", quoted(id))
                }
            }
            Problem::DuplicateId { id } => {
                lang.pick(format!("mã {} bị trùng", quoted(id)), format!("duplicate id {}", quoted(id)))
            }
            Problem::UnknownSource { id } => {
                if vi {
                    format!("nguồn {} không có trong danh sách sources; thêm nguồn đó hoặc sửa mã cho đúng", quoted(id))
                } else {
                    format!("the source {} is not in the sources list; add it there or correct the id", quoted(id))
                }
            }
            Problem::YearOutside { year } => {
                lang.pick(format!("năm {year} nằm ngoài 1900–2200"), format!("year {year} is outside 1900–2200"))
            }
            Problem::DuplicateYear { year } => {
                lang.pick(format!("năm {year} bị lặp lại"), format!("year {year} appears twice"))
            }
            Problem::YearOrder { year, after } => {
                if vi {
                    format!("các năm phải tăng dần (năm {year} đứng sau năm {after})")
                } else {
                    format!("years must be in increasing order ({year} comes after {after})")
                }
            }
            Problem::NotFinite => lang.pick("cần một số hữu hạn", "must be a finite number").to_string(),
            Problem::NotPositive { value } => {
                if vi {
                    format!("{} phải lớn hơn 0 (một đại lượng tăng trưởng theo tỷ lệ)", n(*value))
                } else {
                    format!("{} must be greater than 0 (a quantity that grows at a rate)", n(*value))
                }
            }
            Problem::NotPercentage { value } => {
                if vi {
                    format!("{} không phải tỷ lệ phần trăm từ 0 đến 100", n(*value))
                } else {
                    format!("{} is not a percentage between 0 and 100", n(*value))
                }
            }
            Problem::RateAsPercent { value } => {
                if vi {
                    // The fix is written as the file must have it: a dot decimal.
                    format!("{}: tỷ lệ theo năm được viết dưới dạng phân số, dấu chấm thập phân (3,5% viết là 0.035); có phải ý bạn là {}?", num(*value, Lang::En), num(value / 100.0, Lang::En))
                } else {
                    format!("{}: a yearly rate is written as a fraction (3.5% is 0.035); did you mean {}?", n(*value), n(value / 100.0))
                }
            }
            Problem::RateImplausible { value } => {
                if vi {
                    format!("{} không thể là tỷ lệ theo năm (viết dưới dạng phân số, dấu chấm thập phân, từ -1 đến 10: 5% viết là 0.05)", num(*value, Lang::En))
                } else {
                    format!("{} cannot be a yearly rate (written as a fraction, from -1 to 10: 0.05 is 5%)", n(*value))
                }
            }
            Problem::PercentAsFraction { value } => {
                if vi {
                    format!("{}: tỷ lệ phần trăm được viết từ 0 đến 100 (43% là 43); có phải ý bạn là {}? Nếu số liệu thực sự dưới 1%, hãy dùng mô hình \"compound\" (thay đổi tương đối)", n(*value), n(value * 100.0))
                } else {
                    format!("{}: percentages are written from 0 to 100 (43% is 43); did you mean {}? If the figures really are below 1%, use the \"compound\" model (relative change)", n(*value), n(value * 100.0))
                }
            }
            Problem::SharesSum { sum } => {
                let hint = (sum - 1.0).abs() < 0.05;
                match (vi, hint) {
                    (true, true) => format!("các tỷ trọng cộng lại bằng {}, không phải 100: có vẻ được viết dưới dạng phân số; hãy nhân với 100 (0,2051 là 20,51)", n(*sum)),
                    (true, false) => format!("các tỷ trọng cộng lại bằng {}, không phải 100", n(*sum)),
                    (false, true) => format!("the shares add up to {}, not 100: they look like fractions; multiply them by 100 (0.2051 is 20.51)", n(*sum)),
                    (false, false) => format!("the shares add up to {}, not 100", n(*sum)),
                }
            }
            Problem::SharesCount { got, parts } => {
                let comma = *got == 2 * parts;
                match (vi, comma) {
                    (true, false) => format!("có {got} giá trị cho {parts} thành phần"),
                    (true, true) => format!("có {got} giá trị cho {parts} thành phần: có lẽ dùng dấu phẩy thập phân (20,51); trong JSON số thập phân dùng dấu chấm (20.51)"),
                    (false, false) => format!("has {got} values for {parts} parts"),
                    (false, true) => format!("has {got} values for {parts} parts: decimal commas, perhaps (20,51)? JSON writes decimals with a dot (20.51)"),
                }
            }
            Problem::TargetFarFromData { value, last, year } => {
                let ratio = if value.abs() > last.abs() { value / last } else { last / value }.abs();
                if vi {
                    format!(
                        "mục tiêu {} khác số liệu năm {year} ({}) khoảng {} lần: kiểm tra dấu chấm và dấu phẩy (kiểu Việt Nam: 4.000 là bốn nghìn, 4,5 là bốn phẩy năm) và đơn vị, ở mục tiêu và ở số liệu",
                        n(*value),
                        n(*last),
                        number(ratio.round(), lang, Style::upto(0))
                    )
                } else {
                    format!(
                        "the target {} and the figure for {year} ({}) are about {} times apart: check the decimal point and thousands separator (4,000 is four thousand, 4.5 is four and a half) and the unit, in the target and in the figures",
                        n(*value),
                        n(*last),
                        number(ratio.round(), lang, Style::upto(0))
                    )
                }
            }
            Problem::RateTiny { value } => {
                let pct = number(value * 100.0, lang, Style::upto(4).ungrouped());
                let meant = number(value * 100.0, Lang::En, Style::upto(4).ungrouped());
                let shown = number(value * 10000.0, lang, Style::upto(2).ungrouped());
                if vi {
                    format!("tăng {pct}%/năm là rất nhỏ: nếu ý là {shown}%/năm, trong xưởng hãy viết {shown}, trong tệp JSON viết {meant}")
                } else {
                    format!("{pct}% a year is very small: if you meant {shown}% a year, type {shown} in the studio, or write {meant} in the JSON file")
                }
            }
            Problem::BadUrl { url } => lang.pick(
                format!("{} không phải là đường dẫn web: viết đầy đủ, bắt đầu bằng https://", quoted(url)),
                format!("{} is not a web address: write it in full, starting with https://", quoted(url)),
            ),
            Problem::TargetBeforeData { year, last } => {
                if vi {
                    format!("năm mục tiêu {year} phải sau năm số liệu cuối cùng {last}")
                } else {
                    format!("the target year {year} must be after the last year of data, {last}")
                }
            }
            Problem::PerCapitaUnit => lang
                .pick(
                    "chỉ tiêu bình quân đầu người (perCapita) phải tính bằng triệu đồng (millionVnd)",
                    "a perCapita indicator must be in millionVnd",
                )
                .to_string(),
            Problem::PresetNeedsRate { key } => lang.pick(
                format!("kịch bản này không ghi tốc độ (“{key}”) và số liệu chưa đủ hai năm để tính xu hướng: hãy ghi tốc độ, hoặc thêm số liệu của một năm khác"),
                format!("this preset gives no rate (“{key}”) and the record has too few years to work out a trend from: give its rate, or add a figure for another year"),
            ),
            Problem::NeedsHistory => lang
                .pick("cần ít nhất một số liệu (giá trị gốc)", "needs at least one figure (the base value)")
                .to_string(),
            Problem::NeedsParts => lang
                .pick("chỉ tiêu cơ cấu cần ít nhất hai thành phần", "a shares indicator needs at least two parts")
                .to_string(),
            Problem::NeedsShares => lang
                .pick("cần ít nhất một năm số liệu cơ cấu", "needs at least one year of shares")
                .to_string(),
            Problem::NeedsIndicators => lang
                .pick("cần ít nhất một chỉ tiêu", "must list at least one indicator")
                .to_string(),
            Problem::RangeOrder { low, high } => {
                if vi {
                    format!("cận dưới {} lớn hơn cận trên {}", n(*low), n(*high))
                } else {
                    format!("the low end {} is above the high end {}", n(*low), n(*high))
                }
            }
            Problem::ValueOrRange => lang
                .pick(
                    "ghi mục tiêu bằng \"value\" (một con số) hoặc \"low\" và \"high\" (một khoảng), không cả hai",
                    "give the target as \"value\" (one figure) or as \"low\" and \"high\" (a range), not both",
                )
                .to_string(),
            Problem::NoSource => lang
                .pick("số liệu chưa có nguồn: mỗi con số phải ghi nguồn", "a figure without a source: every figure needs one")
                .to_string(),
            Problem::PresetGrowthKey { model_key } => {
                if vi {
                    format!("với mô hình của chỉ tiêu này, kịch bản ghi mức tăng bằng `{model_key}`")
                } else {
                    format!("for this indicator's model a preset gives its growth as `{model_key}`")
                }
            }
            Problem::OutOfRange { lo, hi, value, percent } => {
                let f = |v: f64| {
                    let n = number(v, lang, Style::upto(2).ungrouped());
                    if *percent {
                        n + "%"
                    } else {
                        n
                    }
                };
                let (lo, hi, v) = if *percent { (lo * 100.0, hi * 100.0, value * 100.0) } else { (*lo, *hi, *value) };
                if vi {
                    format!("{} nằm ngoài khoảng {} đến {}", f(v), f(lo), f(hi))
                } else {
                    format!("{} is outside {} to {}", f(v), f(lo), f(hi))
                }
            }
            Problem::RateTooLow { value } => {
                let p = number(*value, lang, Style::percent(1));
                lang.pick(format!("{p} là giảm quá 100%"), format!("{p} is a fall of more than 100%"))
            }
            Problem::TargetYearNotAfter { base } => {
                lang.pick(format!("năm mục tiêu phải sau năm {base}"), format!("the target year must be after {base}"))
            }
            Problem::TargetYearTooFar => lang
                .pick("năm mục tiêu tối đa là 100 năm sau năm gốc", "the target year must be at most 100 years after the base year")
                .to_string(),
            Problem::WholeTerms { term } => lang.pick(
                format!("năm mục tiêu phải cách năm gốc một số trọn nhiệm kỳ ({term} năm một nhiệm kỳ)"),
                format!("the target year must be a whole number of terms after the base year ({term} years a term)"),
            ),
            Problem::TooManyPaths { limit } => {
                lang.pick(format!("tối đa {limit} đường mô phỏng"), format!("at most {limit} simulated paths"))
            }
            Problem::Percentiles => lang
                .pick("cần 1 đến 9 bách phân vị, mỗi số từ 0 đến 100", "needs 1 to 9 percentiles, each from 0 to 100")
                .to_string(),
            Problem::Overflow => lang
                .pick("kết quả quá lớn để tính", "the result is too large to compute")
                .to_string(),
            Problem::Unreachable => lang
                .pick("với mức này không bao giờ đạt mục tiêu", "target is unreachable at this rate")
                .to_string(),
            Problem::UnknownIndicator { id } => {
                lang.pick(format!("không có chỉ tiêu {}", quoted(id)), format!("no indicator {}", quoted(id)))
            }
            Problem::MissingSeries { name } => lang.pick(
                format!("bảng số liệu không có dãy {}: chọn một dãy khác, sửa tên trong bảng, hoặc xoá chỉ tiêu này", quoted(name)),
                format!("the table has no series {}: choose another, correct the name in the table, or remove this indicator", quoted(name)),
            ),
            Problem::SharesNotProjectable => lang
                .pick("chỉ tiêu cơ cấu không có kịch bản tăng trưởng", "a structure indicator has no growth scenario")
                .to_string(),
            Problem::UnknownPreset { name } => {
                lang.pick(format!("không có kịch bản {}", quoted(name)), format!("no preset {}", quoted(name)))
            }
            Problem::EmptyInput => lang.pick("Chưa nhập giá trị.", "Enter a value.").to_string(),
            Problem::FieldRange { lo, hi } => {
                let f = |v: f64| number(v, lang, Style::upto(2).ungrouped());
                lang.pick(format!("Phải từ {} đến {}.", f(*lo), f(*hi)), format!("Must be between {} and {}.", f(*lo), f(*hi)))
            }
            Problem::NotANumber { raw } => {
                let q = quoted(raw);
                lang.pick(format!("{q} không phải là số."), format!("{q} is not a number."))
            }
            Problem::TooManyDecimals { max } => {
                lang.pick(format!("Tối đa {max} chữ số thập phân."), format!("At most {max} decimal places."))
            }
            Problem::GroupingOrDecimal { raw, whole, decimal } => {
                let q = quoted(raw);
                lang.pick(
                    format!("{q}: số nghìn hay số thập phân? Gõ {whole} hoặc {decimal}."),
                    format!("{q}: thousands or decimals? Type {whole} or {decimal}."),
                )
            }
            Problem::YearNotWhole => lang.pick("Năm phải là số nguyên.", "The year must be a whole number.").to_string(),
            Problem::LinkTooLong { bytes } => {
                lang.pick(format!("quá dài ({bytes} byte)"), format!("too long ({bytes} bytes)"))
            }
            Problem::LinkVersion { found } => {
                if vi {
                    format!("liên kết phiên bản {} chưa được hỗ trợ (tiện ích này đọc phiên bản 1)", quoted(found))
                } else {
                    format!("link version {} is not supported (this widget reads 1)", quoted(found))
                }
            }
            Problem::LinkNoVersion => lang
                .pick("không phải liên kết do tiện ích này tạo (thiếu v=1)", "not a link made by this widget (no v=1)")
                .to_string(),
            Problem::LinkTwice => lang.pick("xuất hiện hai lần", "appears twice").to_string(),
            Problem::LinkUnknownKey => lang.pick("khoá lạ", "unknown key").to_string(),
            Problem::Unshowable { vi: lv, en: le, inner } => {
                let hint = match **inner {
                    Problem::OutOfRange { .. } => lang.pick(
                        ". Các số liệu thay đổi quá thất thường để mô phỏng: kiểm tra xem có số nào gõ sai (thừa chữ số, sai dấu phân cách), hoặc ghi độ bất định (spread) cho chỉ tiêu",
                        ". Its figures change too unevenly to simulate: check for a mistyped figure (an extra digit, a wrong separator), or give the indicator a spread",
                    ),
                    _ => "",
                };
                format!(
                    "{} “{}” {}: {}{hint}",
                    lang.pick("Chỉ tiêu", "The indicator"),
                    lang.pick(lv, le),
                    lang.pick("không hiển thị được", "cannot be shown"),
                    inner.message(lang)
                )
            }
            Problem::LinkValue { vi: lv, en: le, inner } => {
                let hint = match **inner {
                    Problem::OutOfRange { percent: true, .. } => lang.pick(
                        "; trong liên kết, tỷ lệ được viết dạng phân số: 0.09 là 9%",
                        "; a link writes rates as fractions: 0.09 is 9%",
                    ),
                    _ => "",
                };
                format!("{}: {}{hint}", lang.pick(lv, le), inner.message(lang))
            }
        }
    }
}

fn json_message(what: &JsonProblem, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let s = match what {
        JsonProblem::End => lang.pick("hết văn bản giữa chừng", "unexpected end of text"),
        JsonProblem::ExpectedValue => lang.pick("cần một giá trị", "expected a value"),
        JsonProblem::ExpectedKey => lang.pick(
            "cần một khoá trong dấu ngoặc kép",
            "expected a key in double quotes",
        ),
        JsonProblem::ExpectedColon => {
            lang.pick("cần dấu ':' sau khoá", "expected ':' after the key")
        }
        JsonProblem::ExpectedCommaOrClose(c) => {
            return if vi {
                format!("cần dấu ',' hoặc '{c}'")
            } else {
                format!("expected ',' or '{c}'")
            }
        }
        JsonProblem::ExpectedDigit => lang.pick("cần một chữ số", "expected a digit"),
        JsonProblem::NumberTooLarge => lang.pick("số quá lớn", "number too large"),
        JsonProblem::Escape => lang.pick("ký tự thoát (\\) không hợp lệ", "unknown escape"),
        JsonProblem::LoneSurrogate => lang.pick(
            "\\u mã hoá nửa ký tự (surrogate lẻ), không phải văn bản hợp lệ",
            "a \\u escape encodes half a character (a lone surrogate), not valid text",
        ),
        JsonProblem::ControlCharacter => lang.pick(
            "ký tự điều khiển trong chuỗi",
            "control character in a string",
        ),
        JsonProblem::Unterminated => lang.pick("chuỗi chưa đóng ngoặc kép", "unterminated string"),
        JsonProblem::Trailing => {
            lang.pick("còn văn bản sau giá trị", "unexpected text after the value")
        }
        JsonProblem::TooDeep => lang.pick("lồng nhau quá sâu", "nested too deeply"),
        JsonProblem::DecimalComma { int, frac } => {
            return if vi {
                format!("“{int},{frac}” dùng dấu phẩy thập phân; trong JSON số thập phân dùng dấu chấm: {int}.{frac}")
            } else {
                format!("“{int},{frac}” uses a decimal comma; JSON writes decimals with a dot: {int}.{frac}")
            }
        }
    };
    s.to_string()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// A problem and the field it is about: a path into a dataset
/// (`indicators[0].unit`), a scenario field (`realGrowth`), a link key
/// (`g`); empty for the whole input.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    /// An error for `field`.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::problem::{FieldError, Problem};
    /// let e = FieldError::new("indicators[0].unit", Problem::EmptyText);
    /// assert_eq!(e.to_string(), "indicators[0].unit: must not be empty");
    /// ```
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        FieldError {
            field: field.into(),
            problem,
        }
    }

    /// `field: message` in `lang` (the message alone for the whole input).
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::{lang::Lang, problem::{FieldError, Problem}};
    /// let e = FieldError::new("baseYear", Problem::YearOutside { year: 3000 });
    /// assert_eq!(e.message(Lang::Vi), "baseYear: năm 3000 nằm ngoài 1900–2200");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        if self.field.is_empty() {
            self.problem.message(lang)
        } else {
            format!("{}: {}", self.field, self.problem.message(lang))
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FieldError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_and_differs() {
        let all = [
            Problem::Missing {
                key: "unit".into(),
                similar: Some("unti".into()),
            },
            Problem::Unknown {
                key: "colour".into(),
                expected: vec!["id".into()],
            },
            Problem::Expected {
                want: Kind::Number,
                found: Kind::String,
            },
            Problem::RateAsPercent { value: 3.0 },
            Problem::PercentAsFraction { value: 0.43 },
            Problem::SharesSum { sum: 1.0 },
            Problem::SharesCount { got: 8, parts: 4 },
            Problem::Json {
                line: 3,
                column: 9,
                what: JsonProblem::DecimalComma {
                    int: "58".into(),
                    frac: "5".into(),
                },
            },
            Problem::OutOfRange {
                lo: -0.05,
                hi: 0.2,
                value: 9.0,
                percent: true,
            },
            Problem::LinkVersion { found: "2".into() },
            Problem::TargetFarFromData {
                value: 4.0,
                last: 2650.0,
                year: 2025,
            },
            Problem::BadUrl { url: "x".into() },
            Problem::RateTiny { value: 0.00085 },
            Problem::MissingSeries {
                name: "GRDP".into(),
            },
        ];
        for p in all {
            let (vi, en) = (p.message(Lang::Vi), p.message(Lang::En));
            assert!(!vi.is_empty() && !en.is_empty() && vi != en, "{p:?}");
            assert_eq!(p.to_string(), en);
        }
        let p = Problem::OutOfRange {
            lo: -0.05,
            hi: 0.2,
            value: 9.0,
            percent: true,
        };
        assert_eq!(p.message(Lang::Vi), "900% nằm ngoài khoảng -5% đến 20%");
        let p = Problem::OutOfRange {
            lo: 2026.0,
            hi: 2055.0,
            value: 20.0,
            percent: false,
        };
        assert_eq!(
            p.message(Lang::Vi),
            "20 nằm ngoài khoảng 2026 đến 2055",
            "years are not grouped"
        );
        let p = Problem::Json {
            line: 3,
            column: 9,
            what: JsonProblem::DecimalComma {
                int: "58".into(),
                frac: "5".into(),
            },
        };
        assert!(p.message(Lang::En).contains("58.5"), "{p}");
    }

    #[test]
    fn a_value_in_the_wrong_case_or_a_letter_off_is_named() {
        for (from, to, meant) in [
            (
                "\"unit\": \"millionVnd\"",
                "\"unit\": \"millionVND\"",
                "millionVnd",
            ),
            (
                "\"model\": \"perCapita\"",
                "\"model\": \"percapita\"",
                "perCapita",
            ),
            ("\"unit\": \"index\"", "\"unit\": \"indx\"", "index"),
        ] {
            let text = include_str!("../data/lang-son.json").replacen(from, to, 1);
            let e = crate::dataset::Dataset::from_json(&text).unwrap_err();
            let en = e.problem.message(Lang::En);
            assert!(en.contains(&format!("did you mean “{meant}”?")), "{en}");
            let vi = e.problem.message(Lang::Vi);
            assert!(vi.contains(&format!("có phải ý bạn là “{meant}”?")), "{vi}");
        }
        // Nothing near: the list alone.
        let text = include_str!("../data/lang-son.json").replacen(
            "\"unit\": \"index\"",
            "\"unit\": \"tấn\"",
            1,
        );
        let en = crate::dataset::Dataset::from_json(&text)
            .unwrap_err()
            .problem
            .message(Lang::En);
        assert!(
            !en.contains("did you mean") && en.contains("millionVnd"),
            "{en}"
        );
    }

    #[test]
    fn a_typo_of_a_field_that_may_be_left_out_is_named() {
        // `goal` may be left out, so its typo is not "missing": it is an
        // unknown field, and the message names the field meant first.
        let text = include_str!("../data/lang-son.json").replacen(
            "\"id\": \"grdpPerCapita\",",
            "\"id\": \"grdpPerCapita\", \"gaol\": \"higher\",",
            1,
        );
        let e = crate::dataset::Dataset::from_json(&text).unwrap_err();
        let en = e.problem.message(Lang::En);
        assert!(
            en.starts_with("unknown field `gaol`: did you mean `goal`?"),
            "{en}"
        );
        let vi = e.problem.message(Lang::Vi);
        assert!(
            vi.starts_with("trường lạ `gaol`: có phải ý bạn là `goal`?"),
            "{vi}"
        );
        // Nothing near: the list only.
        let p = Problem::Unknown {
            key: "colour".into(),
            expected: vec!["id".into(), "label".into()],
        };
        assert!(!p.message(Lang::En).contains("did you mean"));
    }

    #[test]
    fn a_target_far_from_the_figures_is_said_either_way_round() {
        // 55200 typed for 55.2: the target 100 is far below it, not 552
        // times it; either side may hold the typo.
        let p = Problem::TargetFarFromData {
            value: 100.0,
            last: 55200.0,
            year: 2025,
        };
        let en = p.message(Lang::En);
        assert!(en.contains("are about 552 times apart"), "{en}");
        assert!(!en.contains("is about 552 times the figure"), "{en}");
        assert!(en.contains("in the target and in the figures"), "{en}");
        assert!(
            p.message(Lang::Vi).contains("khoảng 552 lần"),
            "{}",
            p.message(Lang::Vi)
        );
    }
}
