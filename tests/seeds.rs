//! The dataset against the five articles it cites (kept in
//! tests/fixtures/articles/), and the worked numbers of ../shared/DATA.md
//! computed from the dataset itself: each figure is read from the dataset
//! or the article text, never typed in here.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::*;
use grdp_whatif::dataset::{Dataset, Level, PointKind, SourceKind};
use grdp_whatif::format::{number, Style};
use grdp_whatif::growth::*;
use grdp_whatif::lang::Lang;
use grdp_whatif::scenario::{historical_rate, project, Scenario, ScenarioInput};

/// Which article each publication source is (the saved copies carry no ids).
const ARTICLES: [(&str, &str); 5] = [
    ("skhdt-history", "000_5564443ece7f1b82.txt"),
    ("nhandan-2025", "001_175701b2994c3aa6.txt"),
    ("baolangson-2021", "002_0dad21dd75ee0a8b.txt"),
    ("ttxvn-2025", "003_7b004dedd97c3a21.txt"),
    ("plvn-2023", "004_1e4782921429b962.txt"),
];

fn article(source: &str) -> String {
    let file = ARTICLES
        .iter()
        .find(|(s, _)| *s == source)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("no article for {source}"));
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/articles")
            .join(file),
    )
    .unwrap()
}

fn d() -> Dataset {
    Dataset::default_lang_son().unwrap()
}

/// A figure as a Vietnamese article writes it: "44,2", "16,46", "130".
fn vi(v: f64) -> String {
    number(v, Lang::Vi, Style::upto(2))
}

/// The number written just before `unit` somewhere in `text` ("1.917 USD" → 1917).
fn number_before(text: &str, unit: &str) -> f64 {
    let i = text
        .find(unit)
        .unwrap_or_else(|| panic!("{unit:?} not in the article"));
    let digits: String = text[..i]
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let n: String = digits.chars().rev().collect();
    n.replace('.', "").replace(',', ".").parse().unwrap()
}

fn pc(d: &Dataset, year: i32) -> f64 {
    d.indicator("grdpPerCapita")
        .unwrap()
        .history
        .iter()
        .find(|p| p.year == year)
        .unwrap()
        .value
}

#[test]
fn every_reported_figure_is_in_its_article() {
    let d = d();
    let mut checked = 0;
    for ind in &d.indicators {
        for p in ind.history.iter().chain(&ind.alternatives) {
            let publication = d
                .source(&p.source)
                .is_some_and(|s| s.kind == SourceKind::Publication);
            if p.kind == PointKind::Derived || !publication {
                continue;
            }
            assert!(
                article(&p.source).contains(&vi(p.value)),
                "{} {}: {} is not in {}",
                ind.id,
                p.year,
                vi(p.value),
                p.source
            );
            checked += 1;
        }
        for s in &ind.shares {
            if s.note.is_none() {
                for v in &s.values {
                    assert!(
                        article(&s.source).contains(&format!("{}%", vi(*v))),
                        "{} {}: {v}",
                        ind.id,
                        s.year
                    );
                    checked += 1;
                }
            }
        }
        for t in &ind.targets {
            if ind.unit == grdp_whatif::dataset::Unit::Index {
                continue; // index targets are worked out from a rate (checked below)
            }
            let text = article(&t.source);
            let written = match t.level {
                Level::Value(v) => vi(v),
                Level::Range { low, high } => format!("{} - {}", vi(low), vi(high)),
            };
            assert!(
                text.contains(&written),
                "{} target {written} not in {}",
                ind.id,
                t.source
            );
            checked += 1;
        }
    }
    assert!(checked >= 18, "only {checked} figures checked");
}

#[test]
fn every_preset_from_a_source_quotes_it() {
    let d = d();
    for ind in &d.indicators {
        for (name, p) in &ind.scenarios.0 {
            let (Some(source), false) = (&p.source, p.assumed) else {
                continue;
            };
            if ind.model == grdp_whatif::dataset::Model::TermTotal {
                continue; // a change of totals, worked out from the target range (below)
            }
            let Some(g) = p.growth.or(p.real_growth) else {
                continue;
            };
            let text = article(source);
            // The plan takes the middle of a range ("10 - 11%" gives 10.5 %).
            let quoted = format!("{}%", vi(g * 100.0));
            let range = (g * 100.0 - 0.5, g * 100.0 + 0.5);
            let range_written = format!("{} - {}%", vi(range.0), vi(range.1));
            assert!(
                text.contains(&quoted) || text.contains(&range_written),
                "{} {name}: neither {quoted} nor {range_written} in {source}",
                ind.id
            );
        }
    }
}

#[test]
fn headline_130_million_by_2030_takes_12_83_percent_a_year() {
    // DATA.md: (130 / 71.1)^(1/5) − 1 ≈ 12.83 % a year.
    let d = d();
    let ind = d.indicator("grdpPerCapita").unwrap();
    let t = &ind.targets[0];
    let r = required_growth_rate(pc(&d, 2025), t.level.low(), f64::from(t.year - 2025)).unwrap();
    close(r, 0.1283, QUOTED_RATE_TOL);
}

#[test]
fn per_capita_grew_9_97_percent_a_year_2020_to_2025() {
    let d = d();
    let r = compound_rate_between(2020, pc(&d, 2020), 2025, pc(&d, 2025)).unwrap();
    close(r, 0.0997, QUOTED_RATE_TOL);
    // The same rate, kept to twelve significant digits.
    close(
        historical_rate(d.indicator("grdpPerCapita").unwrap()).unwrap(),
        r,
        1e-12,
    );
}

#[test]
fn the_deflator_is_what_the_record_leaves_to_prices() {
    // (1 + record)(1 + population)/(1 + real) − 1, with the record and the
    // real growth the dataset takes from the articles.
    let d = d();
    let ind = d.indicator("grdpPerCapita").unwrap();
    let record = historical_rate(ind).unwrap();
    let real = ind.scenarios.get("trend").unwrap().real_growth.unwrap();
    assert!(article("nhandan-2025").contains(&format!("{}%", vi(real * 100.0))));
    let a = &d.assumptions;
    let p = implied_inflation(record, real, a.population_growth.as_ref().unwrap().value).unwrap();
    close(a.inflation.as_ref().unwrap().value, p, 0.0005);
}

#[test]
fn exchange_rates_follow_from_the_articles_usd_figures() {
    let d = d();
    let a = &d.assumptions;
    let (fx, change) = (
        a.fx_base.as_ref().unwrap().value,
        a.fx_change.as_ref().unwrap().value,
    );
    let nd = article("nhandan-2025");
    let usd_2025 = number_before(&nd[nd.find("USD lên").unwrap() + 3..], "USD");
    close(fx, pc(&d, 2025) * 1e6 / usd_2025, 1.0);
    let tt = article("ttxvn-2025");
    let usd_2030 = number_before(&tt[tt.find("tương đương khoảng").unwrap()..], "USD");
    let target = d.indicator("grdpPerCapita").unwrap().targets[0].level.low();
    let fx_2030 = exchange_rate_in(fx, 2025, change, 2030).unwrap();
    close(fx_2030, target * 1e6 / usd_2030, 10.0);
    close(million_vnd_to_usd(pc(&d, 2025), fx).unwrap(), usd_2025, 0.5);
}

#[test]
fn the_default_scenario_shows_the_headline_and_the_usd_target() {
    let d = d();
    let s = Scenario::resolve(&ScenarioInput::default(), &d).unwrap();
    let p = project(&s).unwrap();
    close(p.required_rate.unwrap(), 0.1283, QUOTED_RATE_TOL);
    close(
        p.required_cumulative_change.unwrap(),
        130.0 / 71.1 - 1.0,
        1e-9,
    );
    // At the required rate, 2030's value in USD is the article's ≈ 5,000 USD.
    let at_target = Scenario {
        real_growth: real_growth_needed(p.required_rate.unwrap(), s.inflation, s.population_growth)
            .unwrap(),
        ..s
    };
    let q = project(&at_target).unwrap();
    close(*q.values.last().unwrap(), p.target_low.unwrap(), 1e-9);
    let tt = article("ttxvn-2025");
    close(
        *q.usd.unwrap().last().unwrap(),
        number_before(&tt[tt.find("tương đương khoảng").unwrap()..], "USD"),
        5.0,
    );
}

#[test]
fn sources_disagree_on_2020_and_all_are_kept() {
    let d = d();
    let ind = d.indicator("grdpPerCapita").unwrap();
    let others: Vec<f64> = ind
        .alternatives
        .iter()
        .filter(|p| p.year == 2020)
        .map(|p| p.value)
        .collect();
    assert_eq!(others.len(), 2);
    // The implied one is 2021's figure less its rise, both from the 2021 review.
    let text = article("baolangson-2021");
    let rise = number_before(
        &text[text.find("tăng 2,6").unwrap()..],
        " triệu đồng so với năm trước",
    );
    assert!(
        others
            .iter()
            .any(|v| (v - (pc(&d, 2021) - rise)).abs() < 1e-9),
        "{others:?}"
    );
    assert!(others
        .iter()
        .all(|v| (*v - pc(&d, 2020)).abs() < 0.5 && *v != pc(&d, 2020)));
}

#[test]
fn derived_figures_follow_from_the_quoted_rates() {
    let d = d();
    let rate = |id: &str| {
        d.indicator(id)
            .unwrap()
            .scenarios
            .get("trend")
            .unwrap()
            .growth
            .unwrap()
    };
    let at = |id: &str, y: i32| {
        d.indicator(id)
            .unwrap()
            .history
            .iter()
            .find(|p| p.year == y)
            .unwrap()
            .value
    };
    // Real GRDP index: 2021's quoted growth, then the 2021–2025 average.
    let g2021 = number_before(&article("baolangson-2021"), "%, tăng hơn 2 lần") / 100.0;
    close(at("realGrdp", 2021), 100.0 * (1.0 + g2021), 1e-9);
    close(
        at("realGrdp", 2025),
        100.0 * (1.0 + rate("realGrdp")).powi(5),
        0.05,
    );
    let t = &d.indicator("realGrdp").unwrap().targets[0].level;
    close(t.low(), at("realGrdp", 2025) * 1.10f64.powi(5), 0.05);
    close(t.high(), at("realGrdp", 2025) * 1.11f64.powi(5), 0.05);
    // Exports index: 8.81 % a year back from 2025; the 10–11 % target.
    close(
        at("exports", 2020),
        100.0 / (1.0 + rate("exports")).powi(5),
        0.01,
    );
    let t = &d.indicator("exports").unwrap().targets[0].level;
    close(t.low(), 100.0 * 1.10f64.powi(5), 0.01);
    close(t.high(), 100.0 * 1.11f64.powi(5), 0.01);
    // Investment: the plan's change of the term's total lands mid-range.
    let inv = d.indicator("investment").unwrap();
    let g = inv.scenarios.get("plan").unwrap().growth.unwrap();
    let t = &inv.targets[0].level;
    close(
        at("investment", 2025) * (1.0 + g),
        (t.low() + t.high()) / 2.0,
        0.05,
    );
    // Forest cover 2020: 2025's figure less the rise the article gives.
    let text = article("nhandan-2025");
    let rise = number_before(
        &text[text.find("64,5%, tăng").unwrap()..],
        "% so với năm 2020",
    );
    close(
        at("forestCover", 2020),
        at("forestCover", 2025) - rise,
        1e-9,
    );
    // Structure 2020: 2025's shares less their changes, as the article gives them.
    let st = d.indicator("structure").unwrap();
    let (s2020, s2025) = (&st.shares[0].values, &st.shares[1].values);
    for (i, (part, sign)) in [
        ("(giảm 2,74%", -1.0),
        ("(tăng 6,17%", 1.0),
        ("(giảm 2,98%", -1.0),
        ("(giảm 0,46%", -1.0),
    ]
    .iter()
    .enumerate()
    {
        let change = number_before(&text[text.find(part).unwrap()..], "%") * sign;
        close(s2025[i] - s2020[i], change, 1e-9);
    }
}
