//! Anything pasted into the studio, with the shipped dataset as the choices:
//! an answer (a dataset or located problems), never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = grdp_whatif::table::read_table(text, &Default::default());
    let b = grdp_whatif::studio::build(text, grdp_whatif::dataset::DEFAULT_JSON);
    for p in &b.problems {
        assert!(!p.vi.is_empty() && !p.en.is_empty());
    }
});
