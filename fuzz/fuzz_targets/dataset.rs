//! Arbitrary bytes, and mutations of the real dataset, into the dataset loader.
#![no_main]
use grdp_whatif::dataset::{Dataset, DEFAULT_JSON};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Dataset::from_json(text);
        // Splice the input into the real dataset so the fuzzer reaches validation.
        if let Some((head, tail)) = DEFAULT_JSON.split_at_checked(DEFAULT_JSON.len() / 2) {
            let _ = Dataset::from_json(&format!("{head}{text}{tail}"));
        }
        let replaced = DEFAULT_JSON.replacen("71.1", text, 1);
        let _ = Dataset::from_json(&replaced);
    }
});
