//! Figures in words: a value with its unit, a rate with "/năm", a change
//! that reads as a rise or a fall, in the reader's language.

use crate::dataset::{Indicator, Model, Prices, Unit};
use crate::format::{has_decimals, number, Style};
use crate::lang::Lang;

/// The words of an indicator's figures in one language.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub lang: Lang,
    pub ind: &'a Indicator,
}

impl<'a> Words<'a> {
    pub fn new(lang: Lang, ind: &'a Indicator) -> Self {
        Words { lang, ind }
    }

    fn pick<T>(&self, vi: T, en: T) -> T {
        self.lang.pick(vi, en)
    }

    /// Decimals a value of this indicator is shown with.
    pub fn decimals(&self) -> u8 {
        match &self.ind.unit {
            // Small percentages (a poverty rate of 1.36 %) keep two decimals.
            Unit::Percent
                if self.ind.history.iter().all(|p| p.value.abs() < 10.0)
                    && !self.ind.history.is_empty() =>
            {
                2
            }
            Unit::MillionVnd | Unit::ThousandBillionVnd | Unit::Index | Unit::Percent => 1,
            Unit::MillionUsd | Unit::BillionVnd | Unit::Usd | Unit::Named(_) => 0,
        }
    }

    /// A number as the reader writes it; a figure that is not zero is
    /// never printed as zero (a poverty rate of 0,0017 % is "0,002", not
    /// "0,00", which reads as none left): up to four more decimals.
    pub fn num(&self, v: f64, d: u8) -> String {
        // Printed on every step: only a figure under one unit of its last
        // decimal is rounded to see whether it would print as zero.
        let shows = |k: u8| {
            v == 0.0
                || !v.is_finite()
                || v.abs() >= 10f64.powi(-i32::from(k))
                || crate::format::rounded(v, k) != 0.0
        };
        match (d..=d + 4).find(|&k| shows(k)) {
            Some(k) => number(v, self.lang, Style::fixed(k)),
            // Under even the fourth extra decimal: "< 0,000001", not zero.
            None => {
                let unit = number(
                    10f64.powi(-i32::from(d + 4)),
                    self.lang,
                    Style::fixed(d + 4),
                );
                if v > 0.0 {
                    format!("< {unit}")
                } else {
                    format!("> −{unit}")
                }
            }
        }
    }

    /// The unit's words after a number ("triệu đồng"), empty for an index;
    /// "%" is written onto the number.
    pub fn unit(&self) -> String {
        let s = match &self.ind.unit {
            Unit::MillionVnd => self.pick("triệu đồng", "million VND"),
            Unit::BillionVnd => self.pick("tỷ đồng", "billion VND"),
            Unit::ThousandBillionVnd => self.pick("nghìn tỷ đồng", "trillion VND"),
            Unit::MillionUsd => self.pick("triệu USD", "million USD"),
            Unit::Usd => "USD",
            Unit::Percent => "%",
            Unit::Index => "",
            Unit::Named(t) => return t.text(self.lang).to_string(),
        };
        s.to_string()
    }

    /// The unit as a caption: the axis's and the table's ("triệu đồng",
    /// "chỉ số", "%").
    pub fn unit_caption(&self) -> String {
        match &self.ind.unit {
            Unit::Index => self.pick("chỉ số", "index").to_string(),
            _ => self.unit(),
        }
    }

    /// A value with its unit: "71,1 triệu đồng", "64,5%", "164,7".
    pub fn value(&self, v: f64) -> String {
        self.value_d(v, self.decimals())
    }

    /// [`Words::value`] with `d` decimals.
    pub fn value_d(&self, v: f64, d: u8) -> String {
        let n = self.num(v, d);
        match &self.ind.unit {
            Unit::Percent => format!("{n}%"),
            Unit::Index => n,
            _ => format!("{n} {}", self.unit()),
        }
    }

    /// The decimals that print a target as it is (up to three more than the
    /// indicator's own): "130", "161,051", "185,01" — a target is never
    /// rounded to a figure a path near it could print as.
    pub fn target_decimals(&self, v: f64) -> u8 {
        if v.fract() == 0.0 {
            return 0;
        }
        let base = self.decimals();
        (base..=base + 3)
            .find(|&k| has_decimals(v, k))
            .unwrap_or(base + 3)
    }

    /// A target's level: "130 triệu đồng", "161,051–168,5", "180–190 nghìn tỷ đồng".
    pub fn level(&self, low: f64, high: f64) -> String {
        let d = |v: f64| self.target_decimals(v);
        if low == high {
            return self
                .value(low)
                .replace(&self.num(low, self.decimals()), &self.num(low, d(low)));
        }
        // Both ends with the same decimals ("2,00–2,50%", not "2–2,50%").
        let dd = d(low).max(d(high));
        let range = format!("{}–{}", self.num(low, dd), self.num(high, dd));
        match &self.ind.unit {
            Unit::Percent => format!("{range}%"),
            Unit::Index => range,
            _ => format!("{range} {}", self.unit()),
        }
    }

    /// A fraction as a percentage: "12,8%".
    pub fn pct(&self, r: f64, d: u8) -> String {
        number(r, self.lang, Style::percent(d))
    }

    /// "/năm" or " a year".
    pub fn per_year(&self) -> &'static str {
        self.pick("/năm", " a year")
    }

    /// A yearly rate with its unit: "12,8%/năm", "-2,0%/năm"; a rate the
    /// reader typed with two decimals keeps them ("9,86%/năm").
    pub fn rate(&self, r: f64) -> String {
        self.rate_d(r, own_decimals(r))
    }

    /// An uncertainty (a standard deviation of yearly changes) in its
    /// control's unit: percentage points a year ("3,4 điểm %/năm"), for a
    /// rate or for a share that moves by points alike.
    pub fn spread(&self, sd: f64, linear: bool) -> String {
        if linear {
            // As its field shows it: one decimal, more only as it has them
            // ("0,5", not "0,50" beside a field reading 0,5).
            let d = (1..=4).find(|&k| has_decimals(sd, k)).unwrap_or(4);
            return self.points_rate_d(sd, d);
        }
        let n = self.num(sd * 100.0, own_decimals(sd));
        self.pick(
            format!("{n} điểm %/năm"),
            format!("{n} percentage points a year"),
        )
    }

    /// [`Words::rate`] with `d` decimals.
    pub fn rate_d(&self, r: f64, d: u8) -> String {
        format!("{}{}", self.pct(r, d), self.per_year())
    }

    /// The decimals a given rate `g` (the reader's, exact at its own
    /// decimals) prints with beside a figure printed with `d`: its own (a
    /// typed 10 stays "10,0" beside a needed "9,9999"); a worked-out rate
    /// takes `d`.
    pub fn given_d(&self, g: f64, d: u8) -> u8 {
        if exact_decimals(g).is_some() {
            own_decimals(g)
        } else {
            d
        }
    }

    /// The decimals for the decimal points of a change in points a year
    /// (linear indicators): `r` (needed) beside `g` (the scenario's), as
    /// [`Words::apart`] does for rates.
    pub fn apart_points(&self, g: f64, r: f64) -> u8 {
        let mut d = own_points_decimals(g);
        while d < MAX_APART && self.num(g, d) == self.num(r, d) && (g - r).abs() > 1e-12 {
            d += 1;
        }
        d.max(2)
    }

    /// The decimals that print two rates set side by side (what the
    /// scenario does and what the target needs) so that they differ when
    /// they differ, in the right order: never "9,8%" beside a needed "9,8%"
    /// with "not reached" between them. At least each one's own decimals.
    pub fn apart(&self, a: f64, b: f64) -> u8 {
        self.apart_from(own_decimals(a).max(own_decimals(b)), a, b)
    }

    /// [`Words::apart`] for a worked-out `a` (the nominal rate a per-capita
    /// scenario comes to, a record): no decimals of its own to keep, even
    /// where it happens to be exact at four (10,6 % real, 3,5 % prices and
    /// 0,8 % population come to exactly 13,5625 % nominal: not a reason to
    /// print the need beside it as "12,8274%").
    pub fn apart_worked(&self, a: f64, b: f64) -> u8 {
        self.apart_from(own_decimals(b), a, b)
    }

    fn apart_from(&self, start: u8, a: f64, b: f64) -> u8 {
        let mut d = start;
        while d < MAX_APART && self.pct(a, d) == self.pct(b, d) && (a - b).abs() > 1e-12 {
            d += 1;
        }
        d
    }

    /// Points a year: "1,95 điểm %/năm", "0,5 điểm %/năm" (one or two decimals).
    pub fn points_rate(&self, p: f64) -> String {
        let n = number(
            p,
            self.lang,
            Style {
                min_decimals: 1,
                max_decimals: 2,
                percent: false,
                grouping: true,
            },
        );
        self.points_words(&n)
    }

    /// Points a year with `d` decimals.
    pub fn points_rate_d(&self, p: f64, d: u8) -> String {
        self.points_words(&self.num(p, d))
    }

    fn points_words(&self, n: &str) -> String {
        format!("{n} {}", self.pick("điểm %/năm", "points a year"))
    }

    /// The rates a range of rates `a`–`b` (fractions, `a` ≤ `b`) is printed
    /// as: rounded inwards, so that every rate within the printed range
    /// lands where the range says ("10,0–10,9%" for 9,98…10,99 %, not
    /// "10,0–11,0%" with 11 % landing above it); with more decimals when
    /// the range is narrower than one. Also the decimals used.
    ///
    /// With `g` (the scenario's own rate, printed beside it), as many more
    /// decimals as it takes for `g` to sit inside the
    /// printed range exactly when it is inside the true one (a typed 26,91
    /// reaching a target that needs 26,905 is not shown against "at least
    /// 27,0").
    pub fn inward(&self, a: f64, b: f64) -> (f64, f64, u8) {
        self.inward_beside(a, b, None)
    }

    /// [`Words::inward`] beside the scenario's rate `g`.
    pub fn inward_beside(&self, a: f64, b: f64, g: Option<f64>) -> (f64, f64, u8) {
        // The ends' own decimals, whatever the scenario's: the range is the
        // target's, and prints alike beside every scenario (10,0–11,0%
        // beside 10,5 and beside 8,81). More only where `g` needs them.
        let mut d = own_decimals(a).max(own_decimals(b));
        loop {
            let k = 10f64.powi(i32::from(d) + 2);
            let (x, y) = ((a * k - 1e-6).ceil() / k, (b * k + 1e-6).floor() / k);
            let narrow = a < b && x >= y;
            // Within a rounding error of an end is at it (a typed 4,56 %
            // arrives as 0,045600000000000085).
            let e = 1e-12;
            let misplaced =
                g.is_some_and(|g| (g >= a - e) != (g >= x - e) || (g <= b + e) != (g <= y + e));
            if !(x > y || narrow || misplaced) || d >= 4 {
                return (x, y, d);
            }
            d += 1;
        }
    }

    /// The step of the indicator's model: a rate, points a year, or a term's change.
    pub fn step(&self, r: f64) -> String {
        match self.ind.model {
            Model::Linear => self.points_rate(r),
            Model::TermTotal => format!(
                "{} {}",
                self.pct(r, 1),
                self.pick("so với giai đoạn trước", "from the previous period")
            ),
            _ => self.rate(r),
        }
    }

    /// A published figure, with the decimals it was published with (up to 2).
    pub fn published(&self, v: f64) -> String {
        number(
            v,
            self.lang,
            Style {
                min_decimals: self.decimals().min(1),
                max_decimals: 2,
                percent: false,
                grouping: true,
            },
        )
    }

    /// A yearly change that reads as a rise or a fall: "tăng 3,5%/năm",
    /// "giảm 2,0%/năm", "không đổi".
    pub fn change_rate(&self, r: f64) -> String {
        self.change_rate_d(r, own_decimals(r))
    }

    /// [`Words::change_rate`] with `d` decimals ("tăng 9,97%/năm").
    pub fn change_rate_d(&self, r: f64, d: u8) -> String {
        let shown = self.pct(r.abs(), d);
        if shown == self.pct(0.0, d) {
            return self.pick("không đổi", "unchanged").to_string();
        }
        if r > 0.0 {
            format!("{} {shown}{}", self.pick("tăng", "rise"), self.per_year())
        } else {
            format!("{} {shown}{}", self.pick("giảm", "fall"), self.per_year())
        }
    }

    /// An English verb phrase for a yearly change of a subject: "grows 3.5%
    /// a year", "falls 2.0% a year", "does not change" (`plural`: "grow",
    /// "fall", "do not change"; `up` is the rising verb, "grow" or "rise").
    pub fn en_change(&self, r: f64, up: &str, plural: bool) -> String {
        self.en_change_d(r, up, plural, own_decimals(r))
    }

    /// [`Words::en_change`] with `d` decimals.
    pub fn en_change_d(&self, r: f64, up: &str, plural: bool, d: u8) -> String {
        let shown = number(r.abs(), Lang::En, Style::percent(d));
        if shown == number(0.0, Lang::En, Style::percent(d)) {
            return if plural {
                "do not change"
            } else {
                "does not change"
            }
            .to_string();
        }
        let s = if plural { "" } else { "s" };
        if r > 0.0 {
            format!("{up}{s} {shown} a year")
        } else {
            format!("fall{s} {shown} a year")
        }
    }

    /// As [`Words::change_rate`], for the model's step (points for a linear indicator).
    pub fn change_step(&self, r: f64) -> String {
        self.change_step_d(r, 2)
    }

    /// [`Words::change_step`] with `d` decimals for points a year.
    pub fn change_step_d(&self, r: f64, d: u8) -> String {
        if self.ind.model != Model::Linear {
            return self.change_rate(r);
        }
        let shown = self.num(r.abs(), d);
        if shown == self.num(0.0, d) {
            return self.pick("không đổi", "unchanged").to_string();
        }
        let verb = if r > 0.0 {
            self.pick("tăng", "rise")
        } else {
            self.pick("giảm", "fall")
        };
        format!(
            "{verb} {shown} {}",
            self.pick("điểm %/năm", "points a year")
        )
    }

    /// A change over a period: "tăng 83%", "giảm 1,2 điểm %".
    pub fn change_total(&self, c: f64) -> String {
        self.change_total_d(c, 0)
    }

    /// [`Words::change_total`] with `d` decimals for a relative change
    /// ("tăng 1,8%"); "không đổi" when it rounds to nothing.
    pub fn change_total_d(&self, c: f64, d: u8) -> String {
        // A change too small for `d` decimals is not "unchanged", and a fall
        // short of everything is not "100%": more decimals.
        let mut d = d;
        while d < 4
            && ((c.abs() > 1e-12 && self.pct(c.abs(), d) == self.pct(0.0, d))
                || (c.abs() < 1.0 && self.pct(c.abs(), d) == self.pct(1.0, d)))
        {
            d += 1;
        }
        if self.ind.model != Model::Linear && self.pct(c.abs(), d) == self.pct(0.0, d) {
            return self.pick("không đổi", "unchanged").to_string();
        }
        let (verb_up, verb_down) = (self.pick("tăng", "up"), self.pick("giảm", "down"));
        if self.ind.model == Model::Linear {
            // Points, with the decimals that keep a change from reading as
            // none (64,55 from 64,5: "tăng 0,05", not "tăng 0,0"); none is
            // "không đổi".
            let mut dp = d.max(1);
            while dp < MAX_APART && c.abs() > 1e-12 && self.num(c.abs(), dp) == self.num(0.0, dp) {
                dp += 1;
            }
            if self.num(c.abs(), dp) == self.num(0.0, dp) {
                return self.pick("không đổi", "unchanged").to_string();
            }
            let shown = self.num(c.abs(), dp);
            let verb = if c >= 0.0 { verb_up } else { verb_down };
            return format!("{verb} {shown} {}", self.pick("điểm %", "points"));
        }
        // A fall short of everything by less than the fourth decimal shows.
        let shown = if c.abs() < 1.0 && self.pct(c.abs(), d) == self.pct(1.0, d) {
            self.pick("gần 100%", "nearly 100%").to_string()
        } else {
            self.pct(c.abs(), d)
        };
        let verb = if c >= 0.0 { verb_up } else { verb_down };
        format!("{verb} {shown}")
    }

    /// A change over a period given as a range: "tăng 61,1–68,5%" (one verb when
    /// both ends move the same way).
    pub fn change_total_range(&self, a: f64, b: f64) -> String {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        if self.ind.model == Model::Linear || (a < 0.0) != (b < 0.0) {
            return format!("{}–{}", self.change_total(a), self.change_total(b));
        }
        let verb = if a >= 0.0 {
            self.pick("tăng", "up")
        } else {
            self.pick("giảm", "down")
        };
        // Rounded inwards, as the rates beside it: every change printed
        // lands within the range (61,1–68,5%, not "61–69%": +69 % passes
        // 168,51).
        let (ia, ib, d) = self.inward(a, b);
        let (x, y) = if a >= 0.0 {
            (ia, ib)
        } else {
            (ib.abs(), ia.abs())
        };
        format!(
            "{verb} {}–{}",
            self.pct(x, d).trim_end_matches('%'),
            self.pct(y, d)
        )
    }

    /// Whether the model's money is nominal, real or neither: "(danh nghĩa)".
    pub fn measure(&self) -> Option<&'static str> {
        match (self.ind.model, self.ind.prices) {
            (Model::PerCapita, _) | (_, Some(Prices::Current)) => {
                Some(self.pick("danh nghĩa", "nominal"))
            }
            (_, Some(Prices::Constant)) => {
                Some(self.pick("thực, theo giá so sánh", "real, at constant prices"))
            }
            _ => None,
        }
    }

    /// A year range: "2025–2030".
    pub fn years(&self, a: i32, b: i32) -> String {
        format!("{a}–{b}")
    }

    /// The USD figure: "≈ 5.215 USD".
    pub fn usd(&self, v: f64) -> String {
        format!("≈ {} USD", self.num(v, 0))
    }
}

/// Most decimals two figures set side by side are printed with to tell
/// them apart: a near tie (a rate 0,00002 points short of the need, found on
/// the sliders' own grid) is printed as far as it takes, not as two equal
/// figures with "not reached" between them.
pub const MAX_APART: u8 = 10;

/// The decimals a rate (a fraction) is printed with by itself: one, or as
/// many as it has up to four as a percentage (a rate the reader typed as
/// "9,86", a link's 4,5678); a worked-out rate with more decimals prints
/// with one.
pub fn own_decimals(r: f64) -> u8 {
    exact_decimals(r).map_or(1, |d| d.max(1))
}

/// The decimals a step in points a year (the reader's, as typed or
/// linked: 0,645) is printed with: at least two, as many as it has up to
/// four.
pub fn own_points_decimals(g: f64) -> u8 {
    (0..=4)
        .find(|&d| has_decimals(g, d))
        .map_or(2, |d| d.max(2))
}

/// The decimals a rate has as a percentage, when it has at most four.
pub fn exact_decimals(r: f64) -> Option<u8> {
    (0..=4).find(|&d| has_decimals(r * 100.0, d))
}
