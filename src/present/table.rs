//! The data table and the CSV: exactly the figures the chart shows, with
//! their units and sources, the figures that disagree beside them; the CSV
//! well-formed (every row as wide as its header) and safe in a spreadsheet.

use super::words::Words;
use super::{source_line, TableView};
use crate::dataset::{Dataset, Indicator, PointKind};
use crate::lang::Lang;
use crate::scenario::{Projection, SharesProjection};

/// One cell: the words shown, and the raw value for the CSV.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(f64, String),
    /// Words around figures: as the table shows them, and as the CSV
    /// writes them (the figures in the CSV's own style, dot decimal and no
    /// grouping, as its number cells: "44.5 (Báo …)", not "44,5").
    Mixed(String, String),
    Empty,
}

impl Cell {
    fn shown(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Number(_, s) | Cell::Mixed(s, _) => s.clone(),
            Cell::Empty => String::new(),
        }
    }

    fn csv(&self) -> String {
        match self {
            // The isolates that keep a dataset's text from reordering the
            // page's are of no use in a spreadsheet.
            Cell::Text(s) | Cell::Mixed(_, s) => csv_text(&s.replace(['\u{2068}', '\u{2069}'], "")),
            // Plain numbers (dot decimal, no grouping), so spreadsheets read them in any locale.
            Cell::Number(v, _) => format!("{}", (v * 1e6).round() / 1e6),
            Cell::Empty => String::new(),
        }
    }
}

/// A text cell for a spreadsheet: a formula's first character (`= + - @`,
/// a tab or a carriage return) is neutralised with a leading quote; quoted
/// when it holds a comma, quote or line end.
///
/// # Example
/// ```
/// use grdp_whatif::present::table::csv_text;
/// assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_text("Báo Nhân Dân, 2025"), "\"Báo Nhân Dân, 2025\"");
/// assert_eq!(csv_text("-2"), "'-2");
/// ```
pub fn csv_text(s: &str) -> String {
    let safe = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

struct Grid {
    caption: String,
    head: Vec<String>,
    rows: Vec<Vec<Cell>>,
    note: Option<String>,
    /// For the CSV: a column after the source (`kinds.0`, its header) saying
    /// what each row's figure is (`kinds.1`, a word per row), where the
    /// table shows it as a tag beside the figure ("71,1 (ước)"): a
    /// spreadsheet cell holds only the number.
    kinds: Option<(&'static str, Vec<&'static str>)>,
    /// Where that column goes in the CSV.
    kind_at: usize,
}

fn kind_word(lang: Lang, k: PointKind) -> &'static str {
    match k {
        PointKind::Reported => lang.pick("công bố", "published"),
        PointKind::Estimate => lang.pick("ước tính", "estimate"),
        PointKind::Derived => lang.pick("tính từ số công bố", "derived from published figures"),
    }
}

fn kind_mark(lang: Lang, k: PointKind) -> &'static str {
    match k {
        PointKind::Reported => "",
        PointKind::Estimate => lang.pick(" (ước)", " (estimate)"),
        PointKind::Derived => lang.pick(" (tính)", " (derived)"),
    }
}

fn unit_head(w: &Words<'_>, head: &str) -> String {
    let u = w.unit_caption();
    if u.is_empty() {
        head.to_string()
    } else {
        format!("{head} ({u})")
    }
}

/// The year a row stands for: a year, or a term's years.
fn year_cell(ind: &Indicator, y: i32) -> Cell {
    Cell::Text(ind.period_label(y))
}

fn grid(w: &Words<'_>, d: &Dataset, p: &Projection, trend: Option<&Projection>) -> Grid {
    let lang = w.lang;
    let ind = w.ind;
    let mut years: Vec<i32> = ind
        .history
        .iter()
        .map(|h| h.year)
        .chain(ind.alternatives.iter().map(|a| a.year))
        .chain(p.years.iter().copied())
        .collect();
    // Alternatives from before the history (2010's 16.46) are kept in the table.
    years.sort_unstable();
    years.dedup();
    let bands = p.bands.as_ref();
    let alternatives = !ind.alternatives.is_empty();
    let mut head = vec![
        lang.pick("Năm", "Year").to_string(),
        unit_head(
            w,
            lang.pick("Số liệu theo nguồn", "Figure from the sources"),
        ),
        lang.pick("Nguồn", "Source").to_string(),
    ];
    if alternatives {
        head.push(
            lang.pick(
                "Số liệu khác (không dùng làm mặc định)",
                "Other figures (not the default)",
            )
            .to_string(),
        );
    }
    head.push(unit_head(
        w,
        lang.pick("Kịch bản đang chọn", "Chosen scenario"),
    ));
    if trend.is_some() {
        let label = super::preset_label(ind, "trend", lang).text;
        head.push(unit_head(w, &label));
    }
    if bands.is_some() {
        // With the unit, as every other figure column.
        head.push(unit_head(
            w,
            lang.pick("Mô phỏng: phân vị 10", "Simulation: 10th percentile"),
        ));
        head.push(unit_head(
            w,
            lang.pick("Mô phỏng: phân vị 90", "Simulation: 90th percentile"),
        ));
    }
    if p.usd.is_some() {
        head.push(
            lang.pick("Kịch bản đang chọn (USD)", "Chosen scenario (USD)")
                .to_string(),
        );
    }
    let at = |q: &Projection, y: i32, k: usize| {
        q.years
            .iter()
            .position(|&x| x == y)
            .and_then(|i| q.values.get(i).copied())
            .filter(|_| k > 0 || q.years.first() != Some(&y))
    };
    let mut rows = Vec::new();
    let mut kinds = Vec::new();
    for y in years {
        let hp = ind.history.iter().find(|h| h.year == y);
        kinds.push(hp.map_or("", |h| kind_word(lang, h.kind)));
        let mut row = vec![year_cell(ind, y)];
        match hp {
            Some(h) => {
                row.push(Cell::Number(
                    h.value,
                    format!("{}{}", w.published(h.value), kind_mark(lang, h.kind)),
                ));
                row.push(Cell::Text(source_line(d, &h.source, lang)));
            }
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
        let (alts, alts_csv): (Vec<String>, Vec<String>) = ind
            .alternatives
            .iter()
            .filter(|a| a.year == y)
            .map(|a| {
                let note = a
                    .note
                    .as_ref()
                    .map(|n| format!("; {}", n.text(lang)))
                    .unwrap_or_default();
                let rest = format!("({}{note})", source_line(d, &a.source, lang));
                (
                    format!("{} {rest}", w.published(a.value)),
                    format!("{} {rest}", (a.value * 1e6).round() / 1e6),
                )
            })
            .unzip();
        if alternatives {
            row.push(if alts.is_empty() {
                Cell::Empty
            } else {
                Cell::Mixed(alts.join(" | "), alts_csv.join(" | "))
            });
        }
        let k = p.years.iter().position(|&x| x == y).unwrap_or(0);
        // The base year is a published figure, not the scenario's.
        let projected = |q: &Projection| at(q, y, k).filter(|_| y > q.scenario.base_year);
        // In the target year, as the cards print it beside the target
        // (114,96, not "115,0" beside "does not reach 115").
        // In other years, on the side of the target it is on (129,975 is
        // "129,98" in a year before the target is reached, not "130,0").
        let cell = |q: &Projection, v: f64| {
            if !v.is_finite() {
                Cell::Empty
            } else if y == q.target_year {
                Cell::Number(v, w.num(v, super::cards::end_decimals(w, q)))
            } else {
                Cell::Number(v, w.num(v, super::cards::decimals_against(w, q, v)))
            }
        };
        row.push(projected(p).map_or(Cell::Empty, |v| cell(p, v)));
        if let Some(t) = trend {
            row.push(projected(t).map_or(Cell::Empty, |v| cell(t, v)));
        }
        if let Some(b) = bands {
            let i = p
                .years
                .iter()
                .position(|&x| x == y)
                .filter(|_| y > p.scenario.base_year);
            // On the side of the target they are on, as the paths are (a
            // band with no spread is "130,03", as its path, not "130,0").
            let edge = |e: Option<&Vec<f64>>| {
                i.and_then(|i| e.and_then(|v| v.get(i)).copied())
                    .filter(|v| v.is_finite())
                    .map_or(Cell::Empty, |v| {
                        Cell::Number(v, w.num(v, super::cards::decimals_against(w, p, v)))
                    })
            };
            row.push(edge(b.values.first()));
            row.push(edge(b.values.last()));
        }
        if let Some(u) = &p.usd {
            let i = p
                .years
                .iter()
                .position(|&x| x == y)
                .filter(|_| y > p.scenario.base_year);
            row.push(
                i.and_then(|i| u.get(i))
                    .map_or(Cell::Empty, |v| Cell::Number(*v, w.num(*v, 0))),
            );
        }
        rows.push(row);
    }
    let note = bands.map(|_| {
        lang.pick(
            "Phân vị 10 và 90: 8 trong 10 đường mô phỏng nằm giữa hai mức này.",
            "10th and 90th percentiles: 8 in 10 simulated paths fall between them.",
        )
        .to_string()
    });
    let tagged = ind.history.iter().any(|h| h.kind != PointKind::Reported);
    Grid {
        caption: caption(w, d),
        head,
        rows,
        note,
        kinds: tagged.then(|| (lang.pick("Loại số liệu", "Kind of figure"), kinds)),
        // After the year, the figure and its source.
        kind_at: 3,
    }
}

fn caption(w: &Words<'_>, d: &Dataset) -> String {
    let u = w.unit_caption();
    let name = d.name.text(w.lang);
    if u.is_empty() {
        format!("{}, {name}", w.ind.label.text(w.lang))
    } else {
        format!("{}, {name} ({u})", w.ind.label.text(w.lang))
    }
}

fn shares_grid(w: &Words<'_>, d: &Dataset, sp: &SharesProjection) -> Grid {
    let lang = w.lang;
    let ind = w.ind;
    let mut head = vec![lang.pick("Năm", "Year").to_string()];
    head.extend(
        ind.parts
            .iter()
            .map(|p| format!("{} (%)", p.label.text(lang))),
    );
    head.push(lang.pick("Nguồn", "Source").to_string());
    let mut kinds = Vec::new();
    let rows = sp
        .years
        .iter()
        .enumerate()
        .map(|(k, y)| {
            let obs = ind.shares.iter().find(|s| s.year == *y);
            kinds.push(obs.map_or("", |o| kind_word(lang, o.kind)));
            // A year worked out from published figures says so, beside
            // each figure and, with how, beside its source.
            let mark = obs.map_or("", |o| kind_mark(lang, o.kind));
            let mut row = vec![Cell::Text(y.to_string())];
            row.extend(sp.values.iter().map(|col| {
                col.get(k).map_or(Cell::Empty, |v| {
                    Cell::Number(*v, format!("{}{mark}", w.num(*v, 2)))
                })
            }));
            row.push(Cell::Text(match obs {
                Some(o) => match &o.note {
                    Some(n) if o.kind != PointKind::Reported => {
                        format!("{}; {}", source_line(d, &o.source, lang), n.text(lang))
                    }
                    _ => source_line(d, &o.source, lang),
                },
                None => lang
                    .pick(
                        "dự phóng: tiếp nối mức dịch chuyển 2020–2025",
                        "projected: the 2020–2025 shift continued",
                    )
                    .into(),
            }));
            row
        })
        .collect();
    let tagged = ind.shares.iter().any(|s| s.kind != PointKind::Reported);
    let kind_at = head.len();
    Grid {
        caption: format!("{}, {}", ind.label.text(lang), d.name.text(lang)),
        head,
        rows,
        note: None,
        kinds: tagged.then(|| (lang.pick("Loại số liệu", "Kind of figure"), kinds)),
        kind_at,
    }
}

fn view(g: Grid) -> TableView {
    TableView {
        caption: g.caption,
        head: g.head,
        rows: g
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::shown).collect())
            .collect(),
        note: g.note,
    }
}

fn csv(g: &Grid) -> String {
    // UTF-8 with a BOM, so spreadsheets show the Vietnamese headers right.
    let mut out = String::from('\u{feff}');
    let width = g.head.len() + usize::from(g.kinds.is_some());
    let mut line = |cells: Vec<String>| {
        let mut cells = cells;
        cells.resize(width, String::new());
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    let with_kind = |mut cells: Vec<String>, kind: Option<String>| {
        if let Some(k) = kind {
            cells.insert(g.kind_at.min(cells.len()), k);
        }
        cells
    };
    let kinds = g.kinds.as_ref();
    line(with_kind(
        g.head.iter().map(|h| csv_text(h)).collect(),
        kinds.map(|(h, _)| csv_text(h)),
    ));
    for (i, r) in g.rows.iter().enumerate() {
        line(with_kind(
            r.iter().map(Cell::csv).collect(),
            kinds.map(|(_, ks)| ks.get(i).map_or(String::new(), |k| csv_text(k))),
        ));
    }
    out
}

/// The table of a projection.
pub fn table(w: &Words<'_>, d: &Dataset, p: &Projection, trend: Option<&Projection>) -> TableView {
    view(grid(w, d, p, trend))
}

/// The table of a shares projection.
pub fn shares_table(w: &Words<'_>, d: &Dataset, sp: &SharesProjection) -> TableView {
    view(shares_grid(w, d, sp))
}

/// The CSV of a projection.
pub fn table_csv(w: &Words<'_>, d: &Dataset, p: &Projection, trend: Option<&Projection>) -> String {
    csv(&grid(w, d, p, trend))
}

/// The CSV of a shares projection.
pub fn shares_csv(w: &Words<'_>, d: &Dataset, sp: &SharesProjection) -> String {
    csv(&shares_grid(w, d, sp))
}
