//! `grdp-whatif check FILE`: the same messages as the widget's checker, and
//! an exit status a pipeline can act on.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn check(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_grdp-whatif"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let p = std::env::temp_dir().join(format!("grdp-whatif-cli-{}-{name}", std::process::id()));
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn a_good_file_passes_and_a_bad_one_fails_with_the_fix_in_both_languages() {
    let good = std::fs::read("data/lang-son.json").unwrap();
    let (code, out) = check(&["check", "data/lang-son.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("OK (9 indicators)"), "{out}");
    // Saved with a byte-order mark (Windows editors): still fine.
    let bom = temp("bom.json", &[b"\xef\xbb\xbf".as_slice(), &good].concat());
    assert_eq!(check(&["check", &bom]).0, 0);
    let text = String::from_utf8(good).unwrap();
    let bad = temp(
        "bad.json",
        text.replacen("\"value\": 0.035", "\"value\": 3.5", 1)
            .replacen("\"value\": 44.2", "\"value\": 44,2", 1)
            .as_bytes(),
    );
    let (code, out) = check(&["check", &bad]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[vi]") && out.contains("[en]"), "{out}");
    assert!(
        out.contains("JSON writes decimals with a dot: 44.2"),
        "{out}"
    );
    let (_, out) = check(&["check", "--lang", "vi", &bad]);
    assert!(
        out.contains("dấu phẩy thập phân") && !out.contains("[en]"),
        "{out}"
    );
    assert_eq!(check(&["check", "/nonexistent/x.json"]).0, 2);
    assert_eq!(check(&["nope"]).0, 2);
}
