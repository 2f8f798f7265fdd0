//! Arbitrary text into the share-link parser; whatever parses must round-trip.
#![no_main]
use grdp_whatif::share::{format_hash, parse_hash};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(state) = parse_hash(text) {
            let again = parse_hash(&format_hash(&state));
            assert_eq!(again.ok(), Some(state));
        }
    }
});
