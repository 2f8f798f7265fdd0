//! A share link (as a reader's address bar may hold it) into the presentation
//! of every indicator, in both languages: words or a located error, never a
//! panic.
#![no_main]
use grdp_whatif::dataset::Dataset;
use grdp_whatif::lang::Lang;
use grdp_whatif::montecarlo::Draws;
use grdp_whatif::present::{controls, present, TrendCache, ViewInput};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static D: OnceLock<Dataset> = OnceLock::new();
    let d = D.get_or_init(|| Dataset::default_lang_son().expect("the shipped dataset loads"));
    let Ok(hash) = std::str::from_utf8(data) else { return };
    for ind in &d.indicators {
        let Ok(link) = controls::read_link(d, hash, Some(&ind.id)) else { continue };
        for lang in [Lang::Vi, Lang::En] {
            let input = ViewInput { indicator: link.indicator.clone(), lang, scenario: link.scenario.clone(), table: true, ..Default::default() };
            let _ = present(d, &input, &mut Draws::new(0), &mut TrendCache::default());
        }
    }
});
