//! Numbers as a reader of each language writes them: `71,1`, `24.517`,
//! `12,8%` in Vietnamese (vi-VN), `71.1`, `24,517`, `12.8%` in English
//! (en-US): the text `Intl.NumberFormat` writes for those locales, checked
//! against it value by value in the browser (tests/e2e/format.test.mjs).
//!
//! Rounding is half away from zero on the shortest decimal form of the
//! number (`1.005` → `1,01`, `226.64999999999998` → `226,6`), as Intl does;
//! a value that rounds to zero loses its minus sign.

use crate::lang::Lang;

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Fewest decimals (trailing zeros kept down to this many).
    pub min_decimals: u8,
    /// Most decimals (rounded there).
    pub max_decimals: u8,
    /// A fraction written as a percentage (`0.128` → `12,8%`).
    pub percent: bool,
    /// Thousands separators (`24.517`).
    pub grouping: bool,
}

impl Style {
    /// Exactly `d` decimals, grouped.
    pub const fn fixed(d: u8) -> Style {
        Style {
            min_decimals: d,
            max_decimals: d,
            percent: false,
            grouping: true,
        }
    }

    /// Up to `d` decimals (trailing zeros dropped), grouped.
    pub const fn upto(d: u8) -> Style {
        Style {
            min_decimals: 0,
            max_decimals: d,
            percent: false,
            grouping: true,
        }
    }

    /// A fraction as a percentage with exactly `d` decimals.
    pub const fn percent(d: u8) -> Style {
        Style {
            min_decimals: d,
            max_decimals: d,
            percent: true,
            grouping: true,
        }
    }

    /// The same style without thousands separators (years, typed fields).
    pub const fn ungrouped(self) -> Style {
        Style {
            grouping: false,
            ..self
        }
    }
}

/// The decimal and thousands separators of a language.
///
/// # Example
/// ```
/// use grdp_whatif::{format::separators, lang::Lang};
/// assert_eq!(separators(Lang::Vi), (',', '.'));
/// ```
pub fn separators(lang: Lang) -> (char, char) {
    lang.pick((',', '.'), ('.', ','))
}

/// `|x|·10^shift` rounded to `d` decimals, half away from zero on the
/// digits of the shortest decimal form, as fixed-point text (`"12.8"`).
fn rounded_digits(x: f64, d: usize, shift: usize) -> (String, String) {
    quick_digits(x, d, shift).unwrap_or_else(|| exact_digits(x, d, shift))
}

/// [`rounded_digits`] without writing the number out first, where that
/// cannot differ: `y = |x|·10^(shift+d)` below 10⁹ (so the product is off
/// the exact one by less than 2·10⁻⁷) and not within 10⁻⁶ of a half, where
/// the shortest form's digits and `y` itself round the same way. The
/// others (a written 1.005 is a half on its digits, not in binary) are
/// left to [`exact_digits`]. A slider step formats a few hundred numbers:
/// this is most of them.
fn quick_digits(x: f64, d: usize, shift: usize) -> Option<(String, String)> {
    let k = i32::try_from(d + shift).ok().filter(|&k| k <= 15)?;
    let y = x.abs() * 10f64.powi(k);
    if y.is_nan() || y >= 1e9 || (y.fract() - 0.5).abs() <= 1e-6 {
        return None;
    }
    // Below 10⁹: the cast is exact and cannot saturate.
    let n = y.round() as u64;
    let scale = 10u64.pow(u32::try_from(d).ok()?);
    Some((decimal(n / scale, 1), decimal(n % scale, d)))
}

/// `x` rounded to `d` decimals as [`number`] prints it (half away from
/// zero on the digits of its shortest decimal form), as a number: what a
/// reader compares when two printed figures sit side by side.
/// # Example
/// ```
/// use grdp_whatif::format::rounded;
/// assert_eq!(rounded(54.849_999_999_999_994, 1), 54.8); // printed "54,8"
/// assert_eq!(rounded(1.005, 2), 1.01);
/// assert_eq!(rounded(-2.25, 1), -2.3);
/// ```
pub fn rounded(x: f64, d: u8) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let (i, f) = rounded_digits(x, usize::from(d), 0);
    let v: f64 = format!("{i}.{f}").parse().unwrap_or(x);
    if x < 0.0 {
        -v
    } else {
        v
    }
}

/// `n` in decimal digits, at least `width` of them (zeros in front).
fn decimal(mut n: u64, width: usize) -> String {
    let mut buf = [b'0'; 20];
    let mut at = buf.len();
    while n > 0 && at > 0 {
        at -= 1;
        if let Some(b) = buf.get_mut(at) {
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
    }
    let at = at.min(buf.len().saturating_sub(width));
    buf.get(at..)
        .map(|b| b.iter().map(|&c| char::from(c)).collect())
        .unwrap_or_default()
}

fn exact_digits(x: f64, d: usize, shift: usize) -> (String, String) {
    // `{}` writes the shortest text that reads back to the same number,
    // never with an exponent.
    let a = format!("{}", x.abs());
    let (int, frac) = a.split_once('.').unwrap_or((&a, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    // The decimal point sits after `point` digits.
    let point = int.len() + shift;
    while digits.len() < point + d {
        digits.push(0);
    }
    let keep = point + d;
    let round_up = digits.get(keep).is_some_and(|&next| next >= 5);
    digits.truncate(keep);
    if round_up {
        let mut carry = true;
        for digit in digits.iter_mut().rev() {
            if *digit == 9 {
                *digit = 0;
            } else {
                *digit += 1;
                carry = false;
                break;
            }
        }
        if carry {
            digits.insert(0, 1);
        }
    }
    let split = digits.len() - d;
    let text = |ds: &[u8]| ds.iter().map(|&b| char::from(b'0' + b)).collect::<String>();
    let (i, f) = digits.split_at(split);
    let mut i = text(i).trim_start_matches('0').to_string();
    if i.is_empty() {
        i.push('0');
    }
    (i, text(f))
}

fn group(int: &str, sep: char) -> String {
    let n = int.len();
    let mut out = String::with_capacity(n + n / 3);
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (n - k).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Write `v` in `lang`'s style.
///
/// ```text
/// 71.1, fixed(1)  → vi "71,1"    en "71.1"
/// 24517, fixed(0) → vi "24.517"  en "24,517"
/// 0.1283, percent(1) → vi "12,8%"  en "12.8%"
/// ```
///
/// # Example
/// ```
/// use grdp_whatif::{format::{number, Style}, lang::Lang};
/// assert_eq!(number(71.1, Lang::Vi, Style::fixed(1)), "71,1");
/// assert_eq!(number(14250.5, Lang::Vi, Style::fixed(1)), "14.250,5");
/// assert_eq!(number(0.1283, Lang::En, Style::percent(1)), "12.8%");
/// assert_eq!(number(-0.04, Lang::Vi, Style::fixed(1)), "0,0");
/// assert_eq!(number(1.005, Lang::En, Style::fixed(2)), "1.01");
/// ```
/// Whether `x` has at most `d` decimals (to within float noise): 9.86 has
/// two, 161.051 three, a worked-out 12.8347… none that few.
pub fn has_decimals(x: f64, d: u8) -> bool {
    let y = x * 10f64.powi(i32::from(d));
    (y - y.round()).abs() < 1e-6
}

pub fn number(v: f64, lang: Lang, style: Style) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-∞" } else { "∞" }.to_string() + if style.percent { "%" } else { "" };
    }
    let max = usize::from(style.max_decimals.min(20));
    let min = usize::from(style.min_decimals).min(max);
    let (int, mut frac) = rounded_digits(v, max, if style.percent { 2 } else { 0 });
    let zero = int.bytes().chain(frac.bytes()).all(|b| b == b'0');
    while frac.len() > min && frac.ends_with('0') {
        frac.pop();
    }
    let (dec, grp) = separators(lang);
    let int = if style.grouping {
        group(&int, grp)
    } else {
        int
    };
    let mut out = String::new();
    if v < 0.0 && !zero {
        out.push('-');
    }
    out.push_str(&int);
    if !frac.is_empty() {
        out.push(dec);
        out.push_str(&frac);
    }
    if style.percent {
        out.push('%');
    }
    out
}

/// A whole number (a count, a year with grouping off) in `lang`'s style.
///
/// # Example
/// ```
/// use grdp_whatif::{format::whole, lang::Lang};
/// assert_eq!(whole(2000.0, Lang::Vi), "2.000");
/// ```
pub fn whole(v: f64, lang: Lang) -> String {
    number(v, lang, Style::fixed(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick path gives the exact path's digits wherever it answers:
    /// decimals as typed (ties on their digits included), worked-out
    /// figures of every size, and values next to a half.
    #[test]
    fn quick_digits_agree_with_the_exact_ones() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut xs: Vec<f64> = Vec::new();
        for n in 0..20_000_u32 {
            for scale in [1.0, 10.0, 100.0, 1000.0, 10_000.0] {
                xs.push(f64::from(n) / scale);
                xs.push((f64::from(n) + 0.5) / scale);
            }
        }
        for _ in 0..200_000 {
            let r = next();
            let mag = (r % 14) as i32 - 5;
            let m = (next() >> 11) as f64 / (1u64 << 53) as f64;
            xs.push(m * 10f64.powi(mag));
        }
        xs.extend([
            0.0,
            -0.0,
            1.005,
            226.649_999_999_999_98,
            0.125,
            2.5,
            1e9,
            999_999_999.5,
            f64::MIN_POSITIVE,
        ]);
        let mut quick = 0;
        for &x in &xs {
            for d in 0..=4 {
                for shift in [0, 2] {
                    if let Some(q) = quick_digits(x, d, shift) {
                        quick += 1;
                        assert_eq!(q, exact_digits(x, d, shift), "{x} d={d} shift={shift}");
                    }
                }
            }
        }
        // Most numbers take the quick path (else it is not worth having).
        assert!(
            quick * 10 > xs.len() * 10 * 8,
            "{quick} of {}",
            xs.len() * 10
        );
    }

    #[track_caller]
    fn vi(v: f64, s: Style, want: &str) {
        assert_eq!(number(v, Lang::Vi, s), want, "{v}");
    }

    #[test]
    fn rounds_half_away_from_zero_on_the_shortest_form() {
        vi(1.005, Style::fixed(2), "1,01");
        vi(226.649_999_999_999_98, Style::fixed(1), "226,6");
        vi(0.5, Style::fixed(0), "1");
        vi(-0.5, Style::fixed(0), "-1");
        vi(9.995, Style::fixed(2), "10,00");
        vi(999.95, Style::fixed(1), "1.000,0");
        vi(0.000_000_1, Style::fixed(2), "0,00");
        vi(-0.000_000_1, Style::fixed(2), "0,00");
        vi(-0.0, Style::fixed(1), "0,0");
    }

    #[test]
    fn groups_percent_and_trims() {
        vi(1_234_567.891, Style::fixed(2), "1.234.567,89");
        vi(0.128_27, Style::percent(1), "12,8%");
        vi(-0.02, Style::percent(0), "-2%");
        vi(71.10, Style::upto(2), "71,1");
        vi(130.0, Style::upto(2), "130");
        vi(24_517.0, Style::fixed(0).ungrouped(), "24517");
        assert_eq!(number(24_517.0, Lang::En, Style::fixed(0)), "24,517");
        assert_eq!(number(f64::INFINITY, Lang::En, Style::fixed(0)), "∞");
        assert_eq!(number(f64::NAN, Lang::En, Style::fixed(0)), "NaN");
        assert_eq!(
            number(1e21, Lang::En, Style::fixed(0)),
            "1,000,000,000,000,000,000,000"
        );
    }
}
