//! Shared tolerances and helpers for the native tests.
#![allow(dead_code)]

/// Rates compared with an independent implementation (numpy-financial's
/// Newton solver stops at about 1e-12): a rate is a fraction, so 1e-9 is
/// a millionth of a percentage point.
pub const RATE_TOL: f64 = 1e-9;

/// Values after compounding: relative, for the same reason.
pub const REL_TOL: f64 = 1e-9;

/// Figures quoted in the articles are rounded to 0.01 percentage points:
/// 12.83 % means anything in [12.825 %, 12.835 %).
pub const QUOTED_RATE_TOL: f64 = 0.00005;

#[track_caller]
pub fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} vs {b} (tolerance {tol})");
}

#[track_caller]
pub fn close_rel(a: f64, b: f64, tol: f64) {
    let scale = a.abs().max(b.abs()).max(1e-300);
    assert!(
        (a - b).abs() / scale <= tol,
        "{a} vs {b} (relative tolerance {tol})"
    );
}
