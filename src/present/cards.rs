//! The readout cards and the sentence: what a projection says, worded for
//! its indicator's model (money per person, a yearly figure, points, a
//! term's total, a rate), never claiming more than it shows.

use super::words::{own_decimals, Words};
use super::{isolate, Card, Tone};
use crate::dataset::{Dataset, Goal, Model};
use crate::lang::Lang;
use crate::scenario::Projection;

/// What a projection is shown as: its label ("Kế hoạch 2025–2030") and projection.
pub struct Shown<'a> {
    pub label: String,
    pub p: &'a Projection,
}

/// Whether the projection reaches the target by the target year.
pub fn reached(p: &Projection) -> bool {
    p.reached_year.is_some_and(|y| y <= p.target_year)
}

/// Whether a path that met the target (in the base year, say) has fallen
/// back short of it by the target year: met once, not met then.
fn fell_back(p: &Projection) -> bool {
    let v = p.value_at_target_year;
    reached(p)
        && match (p.scenario.goal, p.target_low, p.target_high) {
            (Goal::Higher, Some(lo), _) => v < lo,
            (Goal::Lower, _, Some(hi)) => v > hi,
            _ => false,
        }
}

/// Where a percentage's path meets the end of its scale and stays there: the
/// first year it is at 0 % or 100 % having started inside (a share rising 5
/// points a year from 64,5 % is 100 % from 2033 on, not 164,5 % in 2045).
pub fn at_bound(w: &Words<'_>, p: &Projection) -> Option<(i32, f64)> {
    let (lo, hi) = p.scenario.bounds;
    let b = if p.rate > 0.0 { hi } else { lo };
    let inside = (lo..=hi).contains(&p.scenario.base_value) && p.scenario.base_value != b;
    if !w.ind.is_percent() || p.rate == 0.0 || !inside || p.values.last() != Some(&b) {
        return None;
    }
    let k = p.values.iter().position(|v| *v == b)?;
    Some((*p.years.get(k)?, b))
}

/// The words for [`at_bound`]: "chạm trần 100% từ năm 2033".
fn bound_words(w: &Words<'_>, p: &Projection) -> Option<String> {
    let (y, b) = at_bound(w, p)?;
    let v = w.pct(b / 100.0, 0);
    Some(if b > 0.0 {
        w.lang.pick(
            format!("chạm trần {v} từ năm {y}"),
            format!("capped at {v} from {y}"),
        )
    } else {
        w.lang
            .pick(format!("về {v} từ năm {y}"), format!("at {v} from {y}"))
    })
}

/// A chance as a reader should read it: never "100%" unless every path
/// reaches the target, never "0%" unless none does.
pub fn chance(w: &Words<'_>, c: f64) -> String {
    if c > 0.995 && c < 1.0 {
        w.lang.pick("trên 99%", "over 99%").to_string()
    } else if c > 0.0 && c < 0.005 {
        w.lang.pick("dưới 1%", "under 1%").to_string()
    } else {
        w.pct(c, 0)
    }
}

/// A share of the target, rounded to the nearest whole percent (87,9 % is
/// "88%"), except just under it: a path at 99,6 % of the target is not
/// "100%", it is "99,6%" (so close, the decimal says it: rounded to the
/// nearest tenth as the whole percents are, 99,17 % is "99,2%", but never
/// up to "100%": 99,96 % is "99,9%").
pub(crate) fn share(w: &Words<'_>, s: f64) -> String {
    if (0.99..1.0).contains(&s) {
        let k = 1000.0;
        return w.pct(((s * k).round() / k).min(0.999), 1);
    }
    if s > 0.0 && s < 0.005 {
        return w.lang.pick("dưới 1%", "under 1%").to_string();
    }
    w.pct(s, 0)
}

/// Whether the path ends above a range's far end (beyond what the target asks).
pub(crate) fn beyond(p: &Projection) -> bool {
    match (p.target_low, p.target_high) {
        (Some(lo), Some(hi)) if lo != hi => match p.scenario.goal {
            Goal::Higher => p.value_at_target_year > hi,
            Goal::Lower => p.value_at_target_year < lo,
        },
        _ => false,
    }
}

/// Past a range's far end, in words for the goal: above its top when higher
/// is better, below its bottom when lower is (a poverty rate of 3,9 % beside
/// a 6–8 % target is not "above the range"). The forms: a card's
/// parenthesis, a phrase of its own, the chart's marker.
pub(crate) fn past_range(lang: Lang, goal: Goal, form: PastForm) -> &'static str {
    match (goal, form) {
        (Goal::Higher, PastForm::Card) => {
            lang.pick("vượt cả cận trên", "above even the top of the range")
        }
        (Goal::Lower, PastForm::Card) => lang.pick(
            "xuống dưới cả cận dưới",
            "below even the bottom of the range",
        ),
        (Goal::Higher, PastForm::Phrase) => lang.pick(
            "vượt cả cận trên của mục tiêu",
            "above even the top of the target range",
        ),
        (Goal::Lower, PastForm::Phrase) => lang.pick(
            "xuống dưới cả cận dưới của mục tiêu",
            "below even the bottom of the target range",
        ),
        (Goal::Higher, PastForm::Chart) => lang.pick("vượt cận trên", "above the range"),
        (Goal::Lower, PastForm::Chart) => lang.pick("dưới cận dưới", "below the range"),
    }
}

/// The forms of [`past_range`].
#[derive(Clone, Copy)]
pub(crate) enum PastForm {
    Card,
    Phrase,
    Chart,
}

/// Whether a path short of its target stands still or moves away from it:
/// no rise towards a higher target, no fall towards a lower one.
fn moves_away(p: &Projection) -> bool {
    match p.scenario.goal {
        Goal::Higher => p.rate <= 0.0,
        Goal::Lower => p.rate >= 0.0,
    }
}

/// Where the path stands against the target, in words.
pub fn reach(w: &Words<'_>, p: &Projection) -> String {
    let lang = w.lang;
    let ty = p.target_year;
    let s = &p.scenario;
    if s.model == Model::Rate {
        return match (reached(p), beyond(p)) {
            (true, true) => past_range(lang, s.goal, PastForm::Phrase).into(),
            (true, false) => lang.pick("đạt mục tiêu", "meets the target").into(),
            // Short of a floor is below it; short of a ceiling, above it.
            (false, _) if s.goal == Goal::Lower => {
                lang.pick("cao hơn mục tiêu", "above the target").into()
            }
            (false, _) => lang.pick("thấp hơn mục tiêu", "below the target").into(),
        };
    }
    let mut out = match p.reached_year {
        Some(y) if fell_back(p) => lang.pick(
            format!("đã đạt mục tiêu năm {y} nhưng đến năm {ty} lại không đạt"),
            format!("meets the target in {y} but falls short of it by {ty}"),
        ),
        Some(y) if y == s.base_year => lang.pick(
            format!("đã đạt mục tiêu từ năm {y}"),
            format!("already meets the target in {y}"),
        ),
        Some(y) if y <= ty => lang.pick(
            format!("đạt mục tiêu năm {y}"),
            format!("reaches the target in {y}"),
        ),
        Some(y) => lang.pick(
            format!("chưa đạt mục tiêu vào năm {ty}; nếu giữ tốc độ này thì đến năm {y} mới đạt"),
            format!("does not reach the target by {ty}; at this rate it would reach it in {y}"),
        ),
        // A path that stands still or moves away from the target never
        // reaches it (not merely "not within 100 years").
        None if moves_away(p) => lang.pick(
            format!("chưa đạt mục tiêu vào năm {ty}, và nếu giữ tốc độ này thì sẽ không bao giờ đạt"),
            format!("does not reach the target by {ty}, and at this rate never will"),
        ),
        None => lang.pick(
            format!(
                "chưa đạt mục tiêu vào năm {ty}, và nếu giữ tốc độ này thì không đạt trong vòng 100 năm"
            ),
            format!("does not reach the target by {ty}, nor within 100 years at this rate"),
        ),
    };
    // Past a range's far end by the target year: said of that year, not of
    // the year the path reached the range (164,7 in 2030 is inside
    // 161,05–168,51; 271,4 in 2035 is past it).
    if reached(p) && beyond(p) {
        let past = past_range(lang, s.goal, PastForm::Card);
        if p.reached_year == Some(ty) {
            out.push_str(&format!(" ({past})"));
        } else {
            out.push_str(&lang.pick(
                format!(", đến năm {ty} {past}"),
                format!(", and by {ty} is {past}"),
            ));
        }
    }
    out
}

/// "bằng 87% mục tiêu 130 triệu đồng" (one figure, higher is better), else the target.
fn against(w: &Words<'_>, p: &Projection) -> Option<String> {
    let (lo, hi) = (p.target_low?, p.target_high?);
    let level = w.level(lo, hi);
    if w.ind.is_percent() && lo == hi {
        // A share of a percentage ("101% of 30%") reads badly: the gap in
        // points, with the decimals the path's value is printed with beside
        // it (37,55 and 37,6: "0,05 below", not "0,1"; 45,2 and 28,254:
        // "16,9 above"), more only if it would read as none.
        let dv = end_decimals(w, p).max(1);
        let (gap, mut d) = match printed_gap(p.value_at_target_year, dv, lo, w.target_decimals(lo))
        {
            Some(g) => (g, dv),
            None => (p.value_at_target_year - lo, dv),
        };
        while d < super::words::MAX_APART
            && w.num(gap.abs(), d) == w.num(0.0, d)
            && gap.abs() > 1e-12
        {
            d += 1;
        }
        let pts = w.num(gap.abs(), d);
        return Some(if w.num(gap.abs(), d) == w.num(0.0, d) {
            w.lang.pick(
                format!("bằng mục tiêu {level}"),
                format!("at the {level} target"),
            )
        } else if gap > 0.0 {
            w.lang.pick(
                format!("cao hơn {pts} điểm % so với mục tiêu {level}"),
                format!("{pts} points above the {level} target"),
            )
        } else {
            w.lang.pick(
                format!("thấp hơn {pts} điểm % so với mục tiêu {level}"),
                format!("{pts} points below the {level} target"),
            )
        });
    }
    Some(match p.share_of_target.filter(|_| lo == hi) {
        Some(s) => w.lang.pick(
            format!("bằng {} mục tiêu {level}", share(w, s)),
            format!("{} of the {level} target", share(w, s)),
        ),
        None => w
            .lang
            .pick(format!("mục tiêu {level}"), format!("target {level}")),
    })
}

fn card(id: &'static str, label: String, value: String, detail: String, tone: Tone) -> Card {
    Card {
        id,
        label,
        value,
        detail,
        tone,
    }
}

fn tone(p: &Projection) -> Tone {
    if p.target_low.is_none() {
        Tone::Neutral
    } else if reached(p) && !fell_back(p) {
        Tone::Good
    } else {
        Tone::Bad
    }
}

/// The first and last years of the record its rate is worked out from (after
/// any break), if two.
fn record(d: &Dataset, p: &Projection) -> Option<(i32, i32)> {
    let ind = d.indicator(&p.scenario.indicator)?;
    // The years the record's rate is worked out from: after a break in the
    // series (a new poverty standard), only those after it.
    let rec = crate::scenario::record(ind);
    let (a, b) = (rec.first()?, rec.last()?);
    (b.year > a.year).then_some((a.year, b.year))
}

/// The card of what the target asks for a year.
fn need_card(w: &Words<'_>, d: &Dataset, p: &Projection) -> Option<Card> {
    let lang = w.lang;
    let s = &p.scenario;
    let (lo, hi) = (p.target_low?, p.target_high?);
    let n = s.span();
    let years = w.years(s.base_year, p.target_year);
    let measure = w.measure().map(|m| format!(" ({m})")).unwrap_or_default();
    // A fall needed reads as a fall ("Cần giảm mỗi năm 2,04 điểm %/năm"),
    // not as a negative rise.
    // Met already, the label follows the goal: a figure that should fall
    // is never under "Cần tăng mỗi năm".
    let falling = if p.reached_year == Some(s.base_year) {
        s.goal == Goal::Lower
    } else {
        p.required_rate.is_some_and(|r| r < 0.0) && p.required_rate_far.is_none_or(|f| f < 0.0)
    };
    let label = match (s.model, falling) {
        (Model::Linear, false) => lang
            .pick("Cần thêm mỗi năm", "Change needed each year")
            .to_string(),
        (Model::Linear, true) => lang
            .pick("Cần giảm mỗi năm", "Fall needed each year")
            .to_string(),
        (_, false) => format!(
            "{}{measure}",
            lang.pick("Cần tăng mỗi năm", "Growth needed each year")
        ),
        (_, true) => format!(
            "{}{measure}",
            lang.pick("Cần giảm mỗi năm", "Fall needed each year")
        ),
    };
    if p.reached_year == Some(s.base_year) {
        let detail = lang.pick(
            format!(
                "{} năm {} đã đạt mục tiêu {}",
                w.value(s.base_value),
                s.base_year,
                w.level(lo, hi)
            ),
            format!(
                "{} in {} already meets the {} target",
                w.value(s.base_value),
                s.base_year,
                w.level(lo, hi)
            ),
        );
        return Some(card(
            "need",
            label,
            lang.pick("Đã đạt", "Met already").into(),
            detail,
            Tone::Good,
        ));
    }
    let r = p.required_rate?;
    // A range of rates, rounded inwards (every rate printed lands in the range).
    let range = p
        .required_rate_far
        .filter(|_| s.model != Model::Linear)
        .map(|f| ranged_need(w, r, f, p.rate));
    let value = match range {
        // A fall needed is printed as its size under "Cần giảm" (7,8–12,9 %,
        // not "−12,9–−7,8 %").
        Some((x, y, dd, _)) if falling => format!(
            "{}–{}{}",
            w.pct(-y, dd).trim_end_matches('%'),
            w.pct(-x, dd),
            w.per_year()
        ),
        Some((x, y, dd, _)) => format!(
            "{}–{}{}",
            w.pct(x, dd).trim_end_matches('%'),
            w.pct(y, dd),
            w.per_year()
        ),
        // Printed as apart from the scenario's own rate as the sentence
        // prints the two, and from the record's beside it.
        _ if matches!(s.model, Model::PerCapita | Model::Compound) => {
            w.rate_d(if falling { -r } else { r }, need_decimals(w, d, p, r))
        }
        _ if s.model == Model::Linear => {
            w.points_rate_d(if falling { -r } else { r }, w.apart_points(p.rate, r))
        }
        _ if falling => w.step(-r),
        _ => w.step(r),
    };
    let total = match (p.required_cumulative_change, p.required_rate_far) {
        // A range: the change that reaches each end.
        (Some(c), Some(f)) if s.model != Model::Linear => {
            w.change_total_range(c, (1.0 + f).powi(s.steps() as i32) - 1.0)
        }
        // Points: the printed target less the printed base (30,05 from
        // 18,3: "tăng 11,75 điểm %", not "11,8", which 18,3 does not add
        // up to 30,05 with).
        (Some(c), _) if s.model == Model::Linear => {
            let near = s.base_value + c;
            let t = if (lo - near).abs() <= (hi - near).abs() {
                lo
            } else {
                hi
            };
            let (dt, db) = (w.target_decimals(t), w.decimals());
            w.change_total_d(
                printed_gap(t, dt, s.base_value, db).unwrap_or(c),
                dt.max(db),
            )
        }
        (Some(c), _) => w.change_total(c),
        _ => String::new(),
    };
    let unit = if n == 1 { "year" } else { "years" };
    let mut detail = if let Some((_, _, dd, least)) = range.filter(|_| falling) {
        // Falling to a ceiling's range: at least the fall that takes it to
        // the range's top.
        lang.pick(
            format!(
                "{years}: giảm ít nhất {} để xuống tới cận trên của khoảng mục tiêu {}; tức {total} sau {n} năm",
                w.rate_d(-least, dd),
                w.level(lo, hi)
            ),
            format!(
                "{years}: a fall of at least {} to get down to the top of the {} target range; {total} over {n} {unit}",
                w.rate_d(-least, dd),
                w.level(lo, hi)
            ),
        )
    } else if let Some((_, _, dd, least)) = range {
        lang.pick(
            format!(
                "{years}: ít nhất {} để đạt mức thấp nhất của khoảng mục tiêu {}; tức {total} sau {n} năm",
                w.rate_d(least, dd),
                w.level(lo, hi)
            ),
            format!(
                "{years}: at least {} to reach the low end of the {} target range; {total} over {n} {unit}",
                w.rate_d(least, dd),
                w.level(lo, hi)
            ),
        )
    } else {
        lang.pick(
            format!(
                "{years}, để đạt mục tiêu {}; tức {total} sau {n} năm",
                w.level(lo, hi)
            ),
            format!(
                "{years}, to reach the {} target; {total} over {n} {unit}",
                w.level(lo, hi)
            ),
        )
    };
    if let (Some((a, b)), Some(rec)) = (
        record(d, p),
        d.indicator(&s.indicator)
            .and_then(crate::scenario::historical_rate),
    ) {
        if s.model != Model::Rate {
            detail.push_str(&lang.pick(
                format!(
                    ". Giai đoạn {a}–{b}: {} (tính từ số liệu)",
                    record_words(w, rec)
                ),
                format!(
                        ". In {a}–{b} it {} (worked out from the figures)",
                        record_words(w, rec)
                            .replacen("rise ", "grew ", 1)
                            .replacen("fall ", "fell ", 1)
                    ),
            ));
        }
    }
    Some(card("need", label, value, detail, Tone::Neutral))
}

/// The decimals a single needed rate `r` prints with, in the card and the
/// sentence alike: apart from the scenario's own rate, from the record's
/// shown beside it, and from zero (no "cần tăng 0,0%" for 71,11 from 71,1).
fn need_decimals(w: &Words<'_>, d: &Dataset, p: &Projection, r: f64) -> u8 {
    let s = &p.scenario;
    let rec = d
        .indicator(&s.indicator)
        .and_then(crate::scenario::historical_rate)
        .filter(|_| record(d, p).is_some() && s.model != Model::Rate);
    // A per-capita scenario's nominal rate is worked out (from the real
    // growth, prices and population the reader set), as the record is.
    let beside = if s.model == Model::PerCapita {
        w.apart_worked(p.rate, r)
    } else {
        w.apart(p.rate, r)
    };
    beside
        .max(rec.map_or(0, |rec| w.apart_worked(rec, r)))
        .max(w.apart(0.0, r))
}

/// A range of needed rates (`r` reaches the target's near end, `far` its
/// far end), rounded inwards: the printed ends, their decimals, and the
/// printed rate that reaches the near end.
fn ranged_need(w: &Words<'_>, r: f64, far: f64, g: f64) -> (f64, f64, u8, f64) {
    let (a, b) = if far < r { (far, r) } else { (r, far) };
    let (x, y, d) = w.inward_beside(a, b, Some(g));
    (x, y, d, if r <= far { x } else { y })
}

/// The record's rate, to two decimals (the 9.97 % the articles imply).
fn record_words(w: &Words<'_>, r: f64) -> String {
    if w.ind.model == Model::Linear {
        w.change_step(r)
    } else {
        w.change_rate_d(r, 2)
    }
}

/// Per capita: the real growth the target needs under the chosen prices and population.
fn real_card(w: &Words<'_>, p: &Projection) -> Option<Card> {
    let lang = w.lang;
    let s = &p.scenario;
    if p.reached_year == Some(s.base_year) {
        return None;
    }
    let (r, implied) = (p.required_real_growth?, p.implied_inflation?);
    // The reader's real growth beside the one needed, and the prices
    // assumed beside the prices that would land on the target, each pair
    // printed so that the two differ when they do.
    let dg = w.apart(s.real_growth, r);
    let di = w.apart(s.inflation, implied);
    let detail = lang.pick(
        format!(
            "nếu giá {} và dân số {} (giả định). GRDP thực {} chỉ đưa đúng tới mục tiêu nếu giá {}.",
            w.change_rate_d(s.inflation, w.given_d(s.inflation, di)),
            w.change_rate(s.population_growth),
            w.change_rate_d(s.real_growth, w.given_d(s.real_growth, dg)),
            w.change_rate_d(implied, di)
        ),
        format!(
            "if prices {} and population {} (assumptions). Real GRDP that {} lands exactly on the target only if prices {}.",
            w.en_change_d(s.inflation, "rise", true, w.given_d(s.inflation, di)),
            w.en_change(s.population_growth, "grow", false),
            w.en_change_d(s.real_growth, "grow", false, w.given_d(s.real_growth, dg)),
            w.en_change_d(implied, "rise", true, di)
        ),
    );
    // A fall that still lands on the target reads as a fall, not as a
    // "rise" of −0,6 %.
    let (label, value) = if w.pct(r, dg) != w.pct(0.0, dg) && r < 0.0 {
        (
            lang.pick("Tức GRDP thực có thể giảm", "Real GRDP could fall by"),
            w.rate_d(-r, dg),
        )
    } else {
        (
            lang.pick("Tức GRDP thực cần tăng", "Real GRDP growth needed"),
            w.rate_d(r, dg),
        )
    };
    Some(card("real", label.into(), value, detail, Tone::Neutral))
}

/// A path's card: where it lands in the target year.
fn path_card(w: &Words<'_>, id: &'static str, shown: &Shown<'_>) -> Card {
    let lang = w.lang;
    let p = shown.p;
    let s = &p.scenario;
    let label = lang.pick(
        format!("{}, năm {}", shown.label, p.target_year),
        format!("{}, in {}", shown.label, p.target_year),
    );
    let mut parts: Vec<String> = Vec::new();
    if let Some(u) = p.usd.as_ref().and_then(|u| u.last()) {
        parts.push(w.usd(*u));
    }
    match against(w, p) {
        Some(a) => {
            parts.push(a);
            parts.push(reach(w, p));
        }
        None => {
            let c = if w.ind.is_percent() && s.model != Model::Linear {
                // A percentage's relative change, with the points it makes
                // (the printed figures' difference).
                let dd = w.decimals();
                let pts = printed_gap(p.value_at_target_year, dd, s.base_value, dd)
                    .unwrap_or(p.value_at_target_year - s.base_value);
                let n = w.num(pts.abs(), dd);
                let moved = if n == w.num(0.0, w.decimals()) {
                    lang.pick("không đổi".to_string(), "unchanged".to_string())
                } else if pts >= 0.0 {
                    lang.pick(format!("tăng {n} điểm %"), format!("up {n} points"))
                } else {
                    lang.pick(format!("giảm {n} điểm %"), format!("down {n} points"))
                };
                let rel = w.change_total(p.cumulative_change);
                let capped = bound_words(w, p)
                    .map(|b| format!("; {b}"))
                    .unwrap_or_default();
                return card(
                    id,
                    label,
                    w.value(p.value_at_target_year),
                    lang.pick(
                        format!(
                            "{moved} so với năm {} ({rel} tương đối){capped}",
                            s.base_year
                        ),
                        format!(
                            "{moved} on {} ({rel} in relative terms){capped}",
                            s.base_year
                        ),
                    ),
                    tone(p),
                );
            } else if s.model == Model::Linear {
                // Points: the printed end less the printed start.
                let (de, d) = (end_decimals(w, p), w.decimals());
                w.change_total_d(
                    printed_gap(p.value_at_target_year, de, s.base_value, d)
                        .unwrap_or(p.cumulative_change),
                    de.max(d),
                )
            } else {
                w.change_total(p.cumulative_change)
            };
            parts.push(lang.pick(
                format!("{c} so với năm {}", s.base_year),
                format!("{c} on {}", s.base_year),
            ));
        }
    }
    parts.extend(bound_words(w, p));
    card(id, label, end_value(w, p), parts.join("; "), tone(p))
}

/// The path's value in the target year, as the cards and the sentence
/// print it: beside the target (printed as given), the path prints with
/// the decimals it takes for the two to compare as they do: 129,98 beside
/// 130 (not "130,0 … chưa đạt"), 185,01 for a path just over 185,01 (not
/// "185,0 … đạt"), 190,004 above a range's 190 (not "190,0 … vượt").
pub fn end_value(w: &Words<'_>, p: &Projection) -> String {
    w.value_d(p.value_at_target_year, end_decimals(w, p))
}

/// The decimals [`end_value`] prints the path's end with (the table's
/// target-year cell too).
pub(super) fn end_decimals(w: &Words<'_>, p: &Projection) -> u8 {
    // A share beside a one-figure target is read with its gap in points
    // ([`against`]): printed with the target's decimals too, the printed
    // value minus the printed target is the printed gap (72,64 and 72,59:
    // "0,05 above", not "72,6% … 0,05 above"); and from there as many more
    // as keep it on its side (30,048 beside 30,05, not "30,05 … below").
    let start = match (p.target_low, p.target_high) {
        (Some(lo), Some(hi)) if w.ind.is_percent() && lo == hi => {
            w.decimals().max(w.target_decimals(lo))
        }
        // Points without a target: its change is printed beside it as the
        // printed figures' difference, so as many decimals as keep that
        // difference within a quarter of the true change (64,55, "up 0,05",
        // not "64,6 … up 0,1" for a 0,05 move; 64,9 "up 0,4" for 0,35).
        (None, _) if p.scenario.model == Model::Linear => {
            let (v, b) = (p.value_at_target_year, p.scenario.base_value);
            let c = v - b;
            let mut d = w.decimals();
            while d < super::words::MAX_APART
                && printed_gap(v, d, b, w.decimals()).is_none_or(|g| (g - c).abs() > 0.25 * c.abs())
            {
                d += 1;
            }
            d
        }
        _ => w.decimals(),
    };
    decimals_from(w, p, p.value_at_target_year, start)
}

/// A change or gap as the difference of the two figures printed: `v` with
/// `dv` decimals less `r` with `dr` ("64,9" from "64,5" is up 0,4, though
/// 64,85 − 64,5 is 0,35 and would print "0,3" or "0,4" by its own
/// rounding). `None` when the two print alike but differ (more decimals
/// are needed than either has).
fn printed_gap(v: f64, dv: u8, r: f64, dr: u8) -> Option<f64> {
    let round = crate::format::rounded;
    let g = round(round(v, dv) - round(r, dr), dv.max(dr));
    (g != 0.0 || (v - r).abs() <= 1e-12).then_some(g)
}

/// The decimals that print `v`, a value of `p`'s path in any year, on the
/// same side of each end of the target as it is (129,975 beside a target
/// of 130 is "129,98", not "130,0" in a year the path has not reached it).
pub(super) fn decimals_against(w: &Words<'_>, p: &Projection, v: f64) -> u8 {
    decimals_from(w, p, v, w.decimals())
}

/// [`decimals_against`] from `start` decimals up.
fn decimals_from(w: &Words<'_>, p: &Projection, v: f64, start: u8) -> u8 {
    let (Some(lo), Some(hi)) = (p.target_low, p.target_high) else {
        return start;
    };
    decimals_beside(w, v, lo, hi, start)
}

/// The decimals, from `start` up, that print `v` on the same side of `lo`
/// and `hi` (as printed) as it is.
fn decimals_beside(w: &Words<'_>, v: f64, lo: f64, hi: f64, start: u8) -> u8 {
    // Rounded as printed (not by a multiply, which can round 54,849999…
    // up where the print rounds it down).
    let round = crate::format::rounded;
    let fits = |d: u8| {
        let rv = round(v, d);
        [lo, hi].iter().all(|&e| {
            let ep = round(e, w.target_decimals(e));
            (rv >= ep) == (v >= e) && (rv > ep) == (v > e)
        })
    };
    let mut d = start;
    while !fits(d) && d < start + super::words::MAX_APART {
        d += 1;
    }
    d
}

fn chance_card(w: &Words<'_>, d: &Dataset, p: &Projection) -> Option<Card> {
    // Met in the base year, every simulated path starts there: "100 %
    // reach it" beside a path that falls short of it by the target year
    // would read as a forecast of success.
    if p.reached_year == Some(p.scenario.base_year) && fell_back(p) {
        return None;
    }
    let c = p.probability?;
    let s = &p.scenario;
    let lang = w.lang;
    // In the unit of its control (a rate's spread is in percentage points)
    // and tagged as the control is: the dataset's assumption, worked out
    // from the figures, or the reader's choice.
    let spread = w.spread(s.spread, s.model == Model::Linear);
    let tag = d.indicator(&s.indicator).map_or_else(String::new, |ind| {
        super::tag_of(d, ind, super::controls::Key::Spread, Some(s.spread), lang)
    });
    let paths = w.num(f64::from(s.paths), 0);
    let detail = lang.pick(
        format!("trong {paths} đường mô phỏng, độ bất định {spread} ({tag}); không phải dự báo"),
        format!("of {paths} simulated paths, uncertainty {spread} ({tag}); not a forecast"),
    );
    let label = lang.pick(
        format!(
            "Tỷ lệ đường mô phỏng đạt mục tiêu đến năm {}",
            p.target_year
        ),
        format!("Simulated paths reaching the target by {}", p.target_year),
    );
    Some(card("chance", label, chance(w, c), detail, Tone::Neutral))
}

fn no_target_card(w: &Words<'_>, p: &Projection) -> Card {
    let lang = w.lang;
    let term = w.ind.model == Model::TermTotal;
    let years: Vec<String> = w
        .ind
        .targets
        .iter()
        .map(|t| w.ind.period_label(t.year))
        .collect();
    let mut detail = match (years.is_empty(), term) {
        (true, _) => lang
            .pick(
                "Các nguồn không nêu mục tiêu cho chỉ tiêu này.",
                "The sources give no target for this indicator.",
            )
            .to_string(),
        (false, true) => lang.pick(
            format!(
                "Các nguồn chỉ nêu mục tiêu cho giai đoạn {}.",
                years.join(", ")
            ),
            format!("The sources give a target only for {}.", years.join(", ")),
        ),
        (false, false) => lang.pick(
            format!("Các nguồn chỉ nêu mục tiêu cho năm {}.", years.join(", ")),
            format!("The sources give a target only for {}.", years.join(", ")),
        ),
    };
    // A published target for a year the path passes through: where the
    // path stands then (2026–2030's 199,9 beside its 180–190), so moving
    // the year on does not hide it.
    for t in &w.ind.targets {
        let at = p
            .years
            .iter()
            .position(|&y| y == t.year && y > p.scenario.base_year)
            .and_then(|k| p.values.get(k).copied())
            .filter(|v| v.is_finite());
        let Some(v) = at else { continue };
        let (lo, hi) = (t.level.low(), t.level.high());
        let shown = w.value_d(v, decimals_beside(w, v, lo, hi, w.decimals()));
        let range = lo != hi;
        let (vi, en) = if v < lo {
            ("thấp hơn mục tiêu", "below the target")
        } else if v > hi {
            ("cao hơn mục tiêu", "above the target")
        } else if range {
            ("trong khoảng mục tiêu", "within the target range")
        } else {
            ("bằng mục tiêu", "at the target")
        };
        let when = w.ind.period_label(t.year);
        let level = w.level(lo, hi);
        detail.push(' ');
        detail.push_str(&lang.pick(
            format!("Kịch bản đang chọn cho {when}: {shown}, {vi} {level}."),
            format!("The chosen scenario for {when}: {shown}, {en} of {level}."),
        ));
    }
    // With a published target for another year, the heading names the year
    // (or term) in view: on a phone, where the detail is a tap away, "Mục
    // tiêu: Chưa có" under a question about 2026–2030's 180–190 read as if
    // that target were not there.
    let label = if years.is_empty() {
        lang.pick("Mục tiêu", "Target").to_string()
    } else {
        let when = w.ind.period_label(p.target_year);
        lang.pick(format!("Mục tiêu cho {when}"), format!("Target for {when}"))
    };
    card(
        "noTarget",
        label,
        lang.pick("Chưa có", "None given").into(),
        detail,
        Tone::Neutral,
    )
}

/// A rate indicator's cards: the target rate, the scenario's, the past average.
fn rate_cards(
    w: &Words<'_>,
    d: &Dataset,
    scenario: &Shown<'_>,
    trend: Option<&Shown<'_>>,
) -> Vec<Card> {
    let lang = w.lang;
    let p = scenario.p;
    let s = &p.scenario;
    let years = w.years(s.base_year + 1, p.target_year);
    let mut out = Vec::new();
    if let (Some(lo), Some(hi)) = (p.target_low, p.target_high) {
        let v = if lo == hi {
            format!("{}{}", w.num(lo, 1), "%")
        } else {
            format!("{}–{}%", w.num(lo, 1), w.num(hi, 1))
        };
        out.push(card(
            "need",
            lang.pick("Mục tiêu", "Target").into(),
            format!("{v}{}", w.per_year()),
            lang.pick(format!("bình quân {years}"), format!("on average, {years}")),
            Tone::Neutral,
        ));
    } else {
        out.push(no_target_card(w, p));
    }
    let total = w.change_total(p.cumulative_change);
    let detail = lang.pick(
        format!("{years}; cộng dồn {total}; {}", reach(w, p)),
        format!("{years}; {total} in all; {}", reach(w, p)),
    );
    let detail = if p.target_low.is_some() {
        detail
    } else {
        lang.pick(
            format!("{years}; cộng dồn {total}"),
            format!("{years}; {total} in all"),
        )
    };
    out.push(card(
        "scenario",
        scenario.label.clone(),
        w.rate(p.rate),
        detail,
        tone(p),
    ));
    if let Some(t) = trend {
        out.push(card(
            "trend",
            t.label.clone(),
            w.rate(t.p.rate),
            reach(w, t.p),
            tone(t.p),
        ));
    }
    if let (Some(ind), Some((a, b))) = (d.indicator(&s.indicator), record(d, p)) {
        if let Some(mean) = crate::scenario::historical_rate(ind) {
            out.push(card(
                "record",
                lang.pick(
                    format!("Bình quân các năm {a}–{b} có số liệu"),
                    format!("Average of the years {a}–{b} with figures"),
                ),
                w.rate(mean),
                lang.pick(
                    "tính từ số liệu".into(),
                    "worked out from the figures".into(),
                ),
                Tone::Neutral,
            ));
        }
    }
    out.extend(chance_card(w, d, p));
    out
}

/// A term total's cards: the next term's target, the scenario's total, the trend's.
fn term_cards(w: &Words<'_>, scenario: &Shown<'_>, trend: Option<&Shown<'_>>) -> Vec<Card> {
    let lang = w.lang;
    let p = scenario.p;
    let s = &p.scenario;
    let term = s.step_years as i32;
    let next = w.years(p.target_year - term + 1, p.target_year);
    let last = w.years(s.base_year - term + 1, s.base_year);
    let mut out = Vec::new();
    if let (Some(lo), Some(hi)) = (p.target_low, p.target_high) {
        // The changes the target's ends mean: a range's rounded inwards (a
        // change within the printed ones lands within the range); one
        // figure's apart from the scenario's own change.
        let (a, b) = (lo / s.base_value - 1.0, hi / s.base_value - 1.0);
        let (x, y, dd) = if lo == hi {
            (a, b, w.apart(p.cumulative_change, a))
        } else {
            // With the decimals that place the scenario's own change on the
            // side of each end it is on (a 4,56 % change "within the
            // range" is not set beside a printed "4,5%" end).
            w.inward_beside(a, b, Some(p.cumulative_change))
        };
        let change = |v: f64| w.change_total_d(v, dd);
        let detail = if lo == hi {
            lang.pick(
                format!("{} so với {} của {last}", change(x), w.value(s.base_value)),
                format!("{} on the {} of {last}", change(x), w.value(s.base_value)),
            )
        } else {
            lang.pick(
                format!(
                    "từ {} đến {} so với {} của {last}",
                    change(x),
                    change(y),
                    w.value(s.base_value)
                ),
                format!(
                    "from {} to {} on the {} of {last}",
                    change(x),
                    change(y),
                    w.value(s.base_value)
                ),
            )
        };
        out.push(card(
            "need",
            lang.pick(
                format!("Mục tiêu cả giai đoạn {next}"),
                format!("Target for the whole of {next}"),
            ),
            w.level(lo, hi),
            detail,
            Tone::Neutral,
        ));
    } else {
        out.push(no_target_card(w, p));
    }
    let total = |q: &Projection| {
        // The reader's own change as typed (4,56 is not 4,6) over one term;
        // over more, compounded (−2 % a term over three is −5,88…): one
        // decimal, not the four a product of typed figures happens to have.
        let one_term = (q.cumulative_change - q.rate).abs() < 1e-12;
        let dd = if one_term {
            own_decimals(q.cumulative_change)
        } else {
            1
        };
        let c = w.change_total_d(q.cumulative_change, dd);
        let base = lang.pick(format!("{c} so với {last}"), format!("{c} on {last}"));
        if q.target_low.is_some() {
            format!("{base}; {}", reach_term(w, q))
        } else {
            base
        }
    };
    // A plan carried on ("…, giữ tiếp") drops "tổng" so its heading keeps
    // to two lines on a phone (the card is the term's total all the same).
    let carried = scenario
        .label
        .ends_with(lang.pick(", giữ tiếp", ", continued"));
    out.push(card(
        "scenario",
        match (carried, lang) {
            (true, _) => format!("{}: {next}", scenario.label),
            (false, Lang::Vi) => format!("{}: tổng {next}", scenario.label),
            (false, Lang::En) => format!("{}: total for {next}", scenario.label),
        },
        end_value(w, p),
        total(p),
        tone(p),
    ));
    if let Some(t) = trend {
        out.push(card(
            "trend",
            lang.pick(
                format!("{}: tổng {next}", t.label),
                format!("{}: total for {next}", t.label),
            ),
            end_value(w, t.p),
            total(t.p),
            tone(t.p),
        ));
    }
    out
}

/// A term total against its target, in words.
fn reach_term(w: &Words<'_>, p: &Projection) -> String {
    let lang = w.lang;
    if let Some(y) = p.reached_year.filter(|_| fell_back(p)) {
        // An earlier term met it, the target's term falls back short.
        let step = p.scenario.step_years.max(1) as i32;
        let term = |end: i32| format!("{}–{end}", end - step + 1);
        let (met, short) = (term(y), term(p.target_year));
        return lang.pick(
            format!("tổng {met} đạt mục tiêu nhưng tổng {short} lại không đạt"),
            format!("the {met} total meets the target, but the {short} total falls short of it"),
        );
    }
    match (reached(p), beyond(p)) {
        (true, true) => past_range(lang, p.scenario.goal, PastForm::Phrase).into(),
        (true, false) if p.target_low != p.target_high => lang
            .pick("trong khoảng mục tiêu", "within the target range")
            .into(),
        (true, false) => lang.pick("đạt mục tiêu", "meets the target").into(),
        // Over a ceiling is not "short of" it.
        (false, _) if p.scenario.goal == Goal::Lower => {
            lang.pick("chưa đạt mục tiêu", "above the target").into()
        }
        (false, _) => lang.pick("chưa đạt mục tiêu", "short of the target").into(),
    }
}

/// The cards of a projection and its trend.
pub fn cards(
    w: &Words<'_>,
    d: &Dataset,
    scenario: &Shown<'_>,
    trend: Option<&Shown<'_>>,
) -> Vec<Card> {
    let p = scenario.p;
    match p.scenario.model {
        Model::Rate => return rate_cards(w, d, scenario, trend),
        Model::TermTotal => return term_cards(w, scenario, trend),
        _ => {}
    }
    let mut out: Vec<Card> = Vec::new();
    match need_card(w, d, p) {
        Some(c) => out.push(c),
        None => out.push(no_target_card(w, p)),
    }
    if p.scenario.model == Model::PerCapita {
        out.extend(real_card(w, p));
    }
    out.push(path_card(w, "scenario", scenario));
    if let Some(t) = trend {
        out.push(path_card(w, "trend", t));
    }
    out.extend(chance_card(w, d, p));
    out
}

/// The sentence that says the scenario, as it changes (also the chart's
/// description for a screen reader).
pub fn sentence(w: &Words<'_>, d: &Dataset, scenario: &Shown<'_>) -> String {
    let lang = w.lang;
    let p = scenario.p;
    let s = &p.scenario;
    let name = isolate(d.name.text(lang));
    let label = isolate(w.ind.label.text(lang));
    let end = end_value(w, p);
    let ty = p.target_year;
    // English needs the subject the Vietnamese clause goes without.
    let target = against(w, p)
        .map(|a| format!(", {a}; {}{}", lang.pick("", "it "), reach(w, p)))
        .unwrap_or_default();
    let chance = p
        .probability
        .filter(|_| !(p.reached_year == Some(s.base_year) && fell_back(p)))
        .map(|c| {
            if c >= 1.0 {
                return lang
                    .pick(
                        " Với các giả định trên, mọi đường mô phỏng đều đạt mục tiêu.",
                        " Under these assumptions, every simulated path reaches the target.",
                    )
                    .to_string();
            }
            if c <= 0.0 {
                return lang
                    .pick(
                        " Với các giả định trên, không đường mô phỏng nào đạt mục tiêu.",
                        " Under these assumptions, no simulated path reaches the target.",
                    )
                    .to_string();
            }
            let words = chance(w, c);
            // "trên 99%" is not "khoảng".
            let about = words.chars().next().is_some_and(|ch| ch.is_ascii_digit());
            match (lang, about) {
                (Lang::Vi, true) => format!(" Với các giả định trên, khoảng {words} số đường mô phỏng đạt mục tiêu."),
                (Lang::Vi, false) => format!(" Với các giả định trên, {words} số đường mô phỏng đạt mục tiêu."),
                (Lang::En, true) => {
                    format!(" Under these assumptions, about {words} of simulated paths reach the target.")
                }
                (Lang::En, false) => {
                    format!(" Under these assumptions, {words} of simulated paths reach the target.")
                }
            }
        })
        .unwrap_or_default();
    let ranged = p.required_rate_far.is_some();
    // A percentage held at the end of its scale says so, and from when.
    let capped = match at_bound(w, p) {
        Some((y, b)) if b > 0.0 => lang.pick(
            format!(" Tỷ lệ không thể vượt 100%: đường kịch bản chạm 100% từ năm {y} và giữ ở đó."),
            format!(
                " A percentage cannot pass 100%: the path reaches 100% in {y} and stays there."
            ),
        ),
        Some((y, _)) => lang.pick(
            format!(" Tỷ lệ không thể dưới 0%: đường kịch bản về 0% từ năm {y} và giữ ở đó."),
            format!(
                " A percentage cannot go below 0%: the path reaches 0% in {y} and stays there."
            ),
        ),
        None => String::new(),
    };
    let need = match (p.required_rate, s.model) {
        _ if p.reached_year == Some(s.base_year) => String::new(),
        // Falling into a ceiling's range: the fall's size, with its verb.
        (Some(r), Model::Compound) if ranged && r < 0.0 && p.required_rate_far.is_some_and(|f| f < 0.0) => {
            let (x, y, d, least) = ranged_need(w, r, p.required_rate_far.unwrap_or(r), p.rate);
            let range = format!(
                "{}–{}{}",
                w.pct(-y, d).trim_end_matches('%'),
                w.pct(-x, d),
                w.per_year()
            );
            lang.pick(
                format!(
                    " Muốn đạt mục tiêu cần giảm ít nhất {}/năm ({range} để nằm trong khoảng mục tiêu).",
                    w.pct(-least, d)
                ),
                format!(
                    " Reaching the target takes a fall of at least {} a year ({range} to land within the range).",
                    w.pct(-least, d)
                ),
            )
        }
        (Some(r), Model::Compound) if ranged => {
            let (x, y, d, least) = ranged_need(w, r, p.required_rate_far.unwrap_or(r), p.rate);
            let range = format!(
                "{}–{}{}",
                w.pct(x, d).trim_end_matches('%'),
                w.pct(y, d),
                w.per_year()
            );
            lang.pick(
                format!(
                    " Muốn đạt mục tiêu cần tăng ít nhất {}/năm ({range} để nằm trong khoảng mục tiêu).",
                    w.pct(least, d)
                ),
                format!(
                    " Reaching the target takes at least {} a year ({range} to land within the range).",
                    w.pct(least, d)
                ),
            )
        }
        // Real GRDP could fall and the target still be met: said as the
        // real card says it (an allowance, not a requirement to fall).
        (Some(r), Model::PerCapita)
            if p.required_real_growth.is_some_and(|g| {
                let dg = w.apart(s.real_growth, g);
                g < 0.0 && w.pct(g, dg) != w.pct(0.0, dg)
            }) =>
        {
            let g = p.required_real_growth.unwrap_or(0.0);
            let fall = w.rate_d(-g, w.apart(s.real_growth, g));
            lang.pick(
                format!(
                    " Muốn đạt mục tiêu cần tăng {} danh nghĩa: GRDP thực (toàn tỉnh) giảm tới {fall} vẫn đạt.",
                    w.rate_d(r, need_decimals(w, d, p, r))
                ),
                format!(
                    " Reaching the target takes {} nominal: real GRDP (the whole province) could fall by up to {fall} and still reach it.",
                    w.rate_d(r, need_decimals(w, d, p, r))
                ),
            )
        }
        (Some(r), Model::PerCapita) => lang.pick(
            format!(
                " Muốn đạt đúng mục tiêu cần tăng {} danh nghĩa, tức GRDP thực (toàn tỉnh) {}.",
                w.rate_d(r, need_decimals(w, d, p, r)),
                p.required_real_growth
                    .map(|g| w.change_rate_d(g, w.apart(s.real_growth, g)))
                    .unwrap_or_default()
            ),
            format!(
                " Hitting the target exactly takes {} nominal: real GRDP (the whole province) that {}.",
                w.rate_d(r, need_decimals(w, d, p, r)),
                p.required_real_growth
                    .map(|g| w.en_change_d(g, "grow", false, w.apart(s.real_growth, g)))
                    .unwrap_or_default()
            ),
        ),
        // A range moved into by points: at least the near end's step, and
        // the steps that land within it (the near one rounded away from
        // zero, the far one towards it, so every step printed lands inside).
        (Some(r), Model::Linear) if ranged && p.required_rate_far.is_some_and(|f| (f < 0.0) == (r < 0.0)) => {
            let f = p.required_rate_far.unwrap_or(r);
            let (near, far) = (r.abs(), f.abs());
            let mut dd = w.apart_points(p.rate, r);
            let ends = |dd: u8| {
                let k = 10f64.powi(i32::from(dd));
                (((near * k) - 1e-9).ceil() / k, ((far * k) + 1e-9).floor() / k)
            };
            while dd < super::words::MAX_APART && ends(dd).0 > ends(dd).1 {
                dd += 1;
            }
            let (a, b) = ends(dd);
            let range = format!("{}–{}", w.num(a, dd), w.points_rate_d(b, dd));
            let least = w.points_rate_d(a, dd);
            if r < 0.0 {
                lang.pick(
                    format!(" Muốn đạt mục tiêu cần giảm ít nhất {least} ({range} để nằm trong khoảng mục tiêu)."),
                    format!(" Reaching the target takes a fall of at least {least} ({range} to land within the range)."),
                )
            } else {
                lang.pick(
                    format!(" Muốn đạt mục tiêu cần thêm ít nhất {least} ({range} để nằm trong khoảng mục tiêu)."),
                    format!(" Reaching the target takes at least {least} ({range} to land within the range)."),
                )
            }
        }
        (Some(r), Model::Linear) if r < 0.0 => lang.pick(
            format!(" Muốn đạt đúng mục tiêu cần giảm {}.", w.points_rate_d(-r, w.apart_points(p.rate, r))),
            format!(" Hitting the target exactly takes a fall of {}.", w.points_rate_d(-r, w.apart_points(p.rate, r))),
        ),
        (Some(r), Model::Linear) => lang.pick(
            format!(" Muốn đạt đúng mục tiêu cần thêm {}.", w.points_rate_d(r, w.apart_points(p.rate, r))),
            format!(" Hitting the target exactly takes {}.", w.points_rate_d(r, w.apart_points(p.rate, r))),
        ),
        (Some(r), Model::Compound) if r < 0.0 => lang.pick(
            format!(" Muốn đạt đúng mục tiêu cần giảm {}.", w.rate_d(-r, need_decimals(w, d, p, r))),
            format!(" Hitting the target exactly takes a fall of {}.", w.rate_d(-r, need_decimals(w, d, p, r))),
        ),
        (Some(r), Model::Compound) => lang.pick(
            format!(" Muốn đạt đúng mục tiêu cần tăng {}.", w.rate_d(r, need_decimals(w, d, p, r))),
            format!(" Hitting the target exactly takes {}.", w.rate_d(r, need_decimals(w, d, p, r))),
        ),
        _ => String::new(),
    };
    // A compound rate as apart from what the target needs as the need is printed.
    let step = match (s.model, p.required_rate) {
        (Model::Compound, Some(r)) => {
            w.change_rate_d(p.rate, w.given_d(p.rate, need_decimals(w, d, p, r)))
        }
        // Points a year as the reader gave them (0,645, not "0,65" beside a
        // needed 0,650), and apart from the need.
        (Model::Linear, Some(r)) => w.change_step_d(p.rate, w.apart_points(p.rate, r)),
        (Model::Linear, None) => w.change_step_d(p.rate, super::words::own_points_decimals(p.rate)),
        _ => w.change_step(p.rate),
    };
    match s.model {
        Model::PerCapita => {
            let usd = p
                .usd
                .as_ref()
                .and_then(|u| u.last())
                .map(|u| format!(" ({})", w.usd(*u)))
                .unwrap_or_default();
            // As apart from what the target needs as the need is printed.
            let dg = p
                .required_real_growth
                .map_or(own_decimals(s.real_growth), |g| w.apart(s.real_growth, g));
            // The nominal rate is worked out: with the need's decimals
            // (which already keep the two apart), none of its own.
            let dr = p.required_rate.map_or(1, |r| need_decimals(w, d, p, r));
            lang.pick(
                format!(
                    "Nếu GRDP thực {}, giá {} và dân số {}, {label} của {name} {} danh nghĩa, đạt {end} năm {ty}{usd}{target}.{need}{chance}",
                    w.change_rate_d(s.real_growth, w.given_d(s.real_growth, dg)),
                    w.change_rate(s.inflation),
                    w.change_rate(s.population_growth),
                    w.change_rate_d(p.rate, dr)
                ),
                format!(
                    "If real GRDP {}, prices {} and population {}, {name}'s {label} {} in nominal terms, reaching {end} in {ty}{usd}{target}.{need}{chance}",
                    w.en_change_d(s.real_growth, "grow", false, w.given_d(s.real_growth, dg)),
                    w.en_change(s.inflation, "rise", true),
                    w.en_change(s.population_growth, "grow", false),
                    w.en_change_d(p.rate, "grow", false, dr)
                ),
            )
        }
        Model::Rate => {
            let years = w.years(s.base_year + 1, ty);
            lang.pick(
                // The figure itself, not a verb: a rate of 0 is not "không
                // đổi" (unchanged from today's 3,5 %), an inflation of −3 %
                // is not "giảm 3%" (easing).
                format!(
                    "{label} ({name}): nếu bình quân {} trong {years}, cộng dồn {}{}.{chance}",
                    w.rate(p.rate),
                    w.change_total(p.cumulative_change),
                    against(w, p)
                        .map(|a| format!(", {a}: {}", reach(w, p)))
                        .unwrap_or_default()
                ),
                format!(
                    "{label} ({name}): an average of {} over {years}, {} in all{}.{chance}",
                    w.rate(p.rate),
                    w.change_total(p.cumulative_change),
                    against(w, p)
                        .map(|a| format!(", {a}: {}", reach(w, p)))
                        .unwrap_or_default()
                ),
            )
        }
        Model::TermTotal => {
            let term = s.step_years as i32;
            let next = w.years(ty - term + 1, ty);
            let target = if p.target_low.is_some() {
                format!("; {}", reach_term(w, p))
            } else {
                String::new()
            };
            lang.pick(
                format!("{label} ({name}): nếu {} so với giai đoạn trước, tổng {next} là {end}{}{target}.", w.change_total_d(p.rate, own_decimals(p.rate)), against(w, p).map(|a| format!(", {a}")).unwrap_or_default()),
                format!("{label} ({name}): if the total {} from the previous period, the total for {next} is {end}{}{target}.", w.change_total_d(p.rate, own_decimals(p.rate)).replacen("up ", "rises ", 1).replacen("down ", "falls ", 1).replacen("unchanged", "stays unchanged", 1), against(w, p).map(|a| format!(", {a}")).unwrap_or_default()),
            )
        }
        _ => lang.pick(
            format!(
                "{label} ({name}): nếu {}, {} {end} năm {ty}{target}.{capped}{need}{chance}",
                step,
                if p.value_at_target_year < s.base_value {
                    "còn"
                } else {
                    "đạt"
                }
            ),
            format!(
                "{label} ({name}): if the figure {}, it {} {end} in {ty}{target}.{capped}{need}{chance}",
                step.replacen("rise", "rises", 1)
                    .replacen("fall ", "falls ", 1)
                    .replacen("unchanged", "stays unchanged", 1),
                if p.value_at_target_year < s.base_value {
                    "falls to"
                } else {
                    "reaches"
                }
            ),
        ),
    }
}

/// The words for a model (for the studio and the tests).
#[allow(dead_code)]
pub fn model_name(m: Model, lang: Lang) -> &'static str {
    match m {
        Model::PerCapita => lang.pick("bình quân đầu người (danh nghĩa)", "per person (nominal)"),
        Model::Compound => lang.pick(
            "một số liệu hằng năm, tăng theo tỷ lệ",
            "a yearly figure growing at a rate",
        ),
        Model::Linear => lang.pick(
            "tỷ lệ phần trăm, thay đổi theo điểm %",
            "a percentage changing by points",
        ),
        Model::Shares => lang.pick("cơ cấu cộng lại bằng 100", "a structure adding up to 100"),
        Model::TermTotal => lang.pick("tổng cả một giai đoạn", "a total over a term"),
        Model::Rate => lang.pick(
            "tốc độ tăng hằng năm (%/năm)",
            "a yearly growth rate (% a year)",
        ),
    }
}
