//! grdp-whatif: what-if projections of a Vietnamese province's GRDP per capita.
//!
//! The model ([`growth`], [`scenario`], [`montecarlo`], [`dataset`], read from
//! JSON by [`json`] and [`read`]) is plain
//! Rust with no browser dependency. [`chart`] draws a projection on any
//! plotters backend; `wasm` (wasm32 only) is the one layer that talks to JS.
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

#[cfg(target_arch = "wasm32")]
pub mod canvas;
pub mod chart;
pub mod dataset;
pub mod format;
pub mod growth;
pub mod json;
pub mod lang;
pub mod montecarlo;
pub mod present;
pub mod problem;
pub mod read;
pub mod scenario;
pub mod serjson;
pub mod share;
pub mod studio;
pub mod table;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
