//! Every word the widget shows, for every indicator of a dataset, in both
//! languages: what a sub-editor reads through before a release.
//!
//! ```text
//! cargo run --example copy [dataset.json] > copy.txt
//! ```
use grdp_whatif::dataset::Dataset;
use grdp_whatif::lang::Lang;
use grdp_whatif::montecarlo::Draws;
use grdp_whatif::present::{controls, present, TrendCache, ViewInput};

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
        None => grdp_whatif::dataset::DEFAULT_JSON.to_string(),
    };
    let d = match Dataset::from_json(&text) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for lang in [Lang::Vi, Lang::En] {
        for ind in &d.indicators {
            let Ok(scenario) = controls::start(&d, &ind.id) else {
                continue;
            };
            let preset = controls::default_preset(ind).unwrap_or_else(|| "custom".into());
            let input = ViewInput {
                indicator: ind.id.clone(),
                lang,
                preset,
                scenario,
                table: true,
                ..Default::default()
            };
            let Ok((p, spec)) = present(&d, &input, &mut Draws::new(0), &mut TrendCache::default())
            else {
                continue;
            };
            println!("=== {} {:?}: {}", ind.id, lang, p.title.text);
            for c in &p.caveats {
                println!("  caveat: {}", c.text);
            }
            for pr in &p.presets {
                println!(
                    "  preset {} [{}] {}{}",
                    pr.id,
                    pr.label.text,
                    pr.basis.as_ref().map(|b| b.text.as_str()).unwrap_or(""),
                    if pr.pressed { " (pressed)" } else { "" }
                );
            }
            for c in &p.controls {
                println!(
                    "  control {}: {} = {} [{} to {}] {}",
                    c.key, c.label, c.text, c.min, c.max, c.tag
                );
            }
            for c in &p.cards {
                println!("  card {} | {} | {}", c.label, c.value, c.detail);
            }
            println!(
                "  sentence: {}",
                p.sentence.replace(['\u{2068}', '\u{2069}'], "")
            );
            println!(
                "  chart: {} / {} / {}",
                spec.words.target, spec.words.reached, spec.words.unit
            );
            for l in &p.legend {
                println!("  legend: {}", l.text);
            }
            if let Some(t) = &p.table {
                println!("  table: {} | {}", t.caption, t.head.join(" | "));
            }
            for h in &p.how {
                println!(
                    "  how: {} = {} [{}] {}",
                    h.label,
                    h.value,
                    h.kind,
                    h.how.as_ref().map(|x| x.text.as_str()).unwrap_or("")
                );
            }
            for s in &p.sources {
                println!(
                    "  source: {} {}, {} {}",
                    s.kind, s.publication.text, s.title.text, s.date.text
                );
            }
        }
    }
}
