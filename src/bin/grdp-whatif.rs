//! `grdp-whatif check FILE…`: the dataset checker for newsrooms that build
//! pages in a pipeline. Prints every problem of each file, in Vietnamese and
//! English (`--lang vi` or `--lang en` for one), with the field it is about
//! and the likely fix, and exits with 1 if any file has one (2 for a file
//! that cannot be read, or a wrong command).
#![forbid(unsafe_code)]

use grdp_whatif::dataset::Dataset;
use grdp_whatif::lang::Lang;
use std::process::ExitCode;

const USAGE: &str = "usage: grdp-whatif check [--lang vi|en] FILE…";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut langs = vec![Lang::Vi, Lang::En];
    let mut files = Vec::new();
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("check") => {}
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    while let Some(a) = it.next() {
        if a == "--lang" {
            match it.next().and_then(|l| Lang::parse(l)) {
                Some(l) => langs = vec![l],
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            }
        } else {
            files.push(a.clone());
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut status = 0u8;
    for file in &files {
        let text = match std::fs::read(file) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("{file}: {e}");
                status = 2;
                continue;
            }
        };
        let mut problems = grdp_whatif::scenario::check(&text);
        if problems.is_empty() {
            // Links that are not web addresses: the widget drops them; a desk wants to know.
            if let Ok(d) = Dataset::read(&text) {
                problems = d.link_problems();
            }
        }
        if problems.is_empty() {
            let n = Dataset::read(&text)
                .map(|d| d.indicators.len())
                .unwrap_or(0);
            println!("{file}: OK ({n} indicators)");
            continue;
        }
        status = status.max(1);
        println!("{file}: {} problem(s)", problems.len());
        for p in &problems {
            for lang in &langs {
                let field = if p.field.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", p.field)
                };
                println!("  [{}] {field}{}", lang.code(), p.problem.message(*lang));
            }
        }
    }
    ExitCode::from(status)
}
