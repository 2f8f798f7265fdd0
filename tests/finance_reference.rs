//! Cross-check against numpy-financial (rate, nper, fv with pmt = 0).
//! The fixture and the script that made it are in tests/fixtures/.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use grdp_whatif::growth::{required_growth_rate, value_after, years_to_target};

struct Row {
    start: f64,
    target: f64,
    years: f64,
    rate: f64,
    nper: f64,
    fv: f64,
}

fn rows() -> Vec<Row> {
    include_str!("fixtures/numpy_financial.csv")
        .lines()
        .skip(1)
        .map(|l| {
            let v: Vec<f64> = l.split(',').map(|x| x.parse().unwrap()).collect();
            Row {
                start: v[0],
                target: v[1],
                years: v[2],
                rate: v[3],
                nper: v[4],
                fv: v[5],
            }
        })
        .collect()
}

#[test]
fn fixture_is_not_empty() {
    assert!(rows().len() > 50);
}

#[test]
fn required_rate_matches_numpy_financial_rate() {
    for r in rows() {
        close(
            required_growth_rate(r.start, r.target, r.years).unwrap(),
            r.rate,
            RATE_TOL,
        );
    }
}

#[test]
fn years_to_target_matches_numpy_financial_nper() {
    for r in rows().into_iter().filter(|r| r.rate.abs() > 1e-9) {
        close_rel(
            years_to_target(r.start, r.target, r.rate).unwrap(),
            r.nper,
            1e-6,
        );
    }
}

#[test]
fn value_after_matches_numpy_financial_fv() {
    for r in rows() {
        close_rel(
            value_after(r.start, r.rate, r.years).unwrap(),
            r.fv,
            REL_TOL,
        );
    }
}
