//! The studio's work: a pasted table and the journalist's choices into a
//! dataset, or every problem located at the table cell or the form field it
//! is about, in Vietnamese and English.
//!
//! The choices are a dataset in the documented format (what the studio's
//! form edits), where an indicator may take its figures from the table:
//! `"from": "<the series' name in the table>"` and `"figures": "<source id>"`
//! instead of `history`. [`build`] fills those histories in (a year the table
//! marks as an estimate becomes an estimate), then checks the whole dataset.

use crate::dataset::Dataset;
use crate::json::Value;
use crate::lang::Lang;
use crate::problem::FieldError;
use crate::table::{self, Cell, Pasted, ReadOptions};
use serde::Serialize;

/// Where a problem is: a cell of the pasted table, or a field of the form
/// (its path in the dataset: `indicators[1].targets[0].year`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Located {
    /// The cell, 0-based, when the problem is in the table.
    pub row: Option<usize>,
    pub col: Option<usize>,
    /// The cell in A1 notation ("C4").
    pub cell: Option<String>,
    /// The form field, when the problem is there.
    pub path: Option<String>,
    pub vi: String,
    pub en: String,
}

impl Located {
    fn at_cell(c: Cell, vi: String, en: String) -> Located {
        Located {
            row: Some(c.row),
            col: Some(c.col),
            cell: Some(c.a1()),
            path: None,
            vi,
            en,
        }
    }

    /// A problem of the pasted table: at its cell, or on the table as a whole.
    fn of_table(pr: &table::Problem) -> Located {
        let (vi, en) = (pr.message(Lang::Vi), pr.message(Lang::En));
        match pr.cell {
            Some(c) => Located::at_cell(c, vi, en),
            None => Located {
                row: None,
                col: None,
                cell: None,
                path: Some("table".into()),
                vi,
                en,
            },
        }
    }

    fn at_field(path: &str, e: &FieldError) -> Located {
        Located {
            row: None,
            col: None,
            cell: None,
            path: Some(path.to_string()),
            vi: e.problem.message(Lang::Vi),
            en: e.problem.message(Lang::En),
        }
    }
}

/// What [`build`] gives: the dataset when it can be used, and every problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub dataset: Option<Dataset>,
    pub problems: Vec<Located>,
    /// The table as read (for the page to show, cell by cell).
    pub table: Option<Pasted>,
}

/// The cells the points of each indicator's history came from.
type CellMap = Vec<(usize, Vec<Cell>)>;

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

/// An object field's value.
fn field<'a>(o: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
    o.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Fill the histories of the indicators that take their figures from the table.
fn fill(choices: &mut Value, pasted: Option<&Pasted>, problems: &mut Vec<Located>) -> CellMap {
    let mut cells: CellMap = Vec::new();
    let Value::Object(root) = choices else {
        return cells;
    };
    let Some((_, Value::Array(indicators))) = root.iter_mut().find(|(k, _)| k == "indicators")
    else {
        return cells;
    };
    for (i, ind) in indicators.iter_mut().enumerate() {
        let Value::Object(fields) = ind else { continue };
        let figures = match field(fields, "figures") {
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        // A structure: several series, one per part.
        if let Some(Value::Array(names)) = field(fields, "from").cloned() {
            // The parts' English names, by the pasted name (optional).
            let en = match field(fields, "fromEn") {
                Some(Value::Object(o)) => o.clone(),
                _ => Vec::new(),
            };
            fields.retain(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "from" | "fromEn" | "figures" | "parts" | "shares"
                )
            });
            let (parts, shares) = structure(i, &names, &en, pasted, &figures, problems);
            fields.push(("parts".into(), parts));
            fields.push(("shares".into(), shares));
            continue;
        }
        let Some(Value::String(from)) = field(fields, "from").cloned() else {
            continue;
        };
        fields.retain(|(k, _)| k != "from" && k != "figures" && k != "history");
        let series = pasted.and_then(|p| p.series.iter().find(|s| s.name == from));
        let Some(series) = series else {
            let e = FieldError::new(
                "",
                crate::problem::Problem::MissingSeries { name: from.clone() },
            );
            problems.push(Located::at_field(&format!("indicators[{i}].from"), &e));
            fields.push(("history".into(), Value::Array(Vec::new())));
            continue;
        };
        let points: Vec<Value> = series
            .points
            .iter()
            .map(|p| {
                let mut o = vec![
                    ("year".to_string(), Value::Number(f64::from(p.year))),
                    ("value".to_string(), Value::Number(p.value)),
                    ("source".to_string(), text(&figures)),
                ];
                if p.estimate {
                    o.push(("kind".into(), text("estimate")));
                }
                Value::Object(o)
            })
            .collect();
        cells.push((i, series.points.iter().map(|p| p.cell).collect()));
        fields.push(("history".into(), Value::Array(points)));
    }
    cells
}

/// A structure's parts (one per series named) and its shares (the years every
/// part has a figure for).
fn structure(
    i: usize,
    names: &[Value],
    en: &[(String, Value)],
    pasted: Option<&Pasted>,
    figures: &str,
    problems: &mut Vec<Located>,
) -> (Value, Value) {
    let mut parts = Vec::new();
    let mut found = Vec::new();
    for (k, n) in names.iter().enumerate() {
        let Value::String(name) = n else { continue };
        match pasted.and_then(|p| p.series.iter().find(|s| &s.name == name)) {
            Some(s) => {
                let mut id = slug(name);
                if parts.iter().any(|p| field_is(p, "id", &id)) {
                    id = format!("{id}-{k}");
                }
                let label = match field(en, name) {
                    Some(Value::String(e)) if !e.trim().is_empty() => Value::Object(vec![
                        ("vi".into(), text(name)),
                        ("en".into(), text(e.trim())),
                    ]),
                    _ => text(name),
                };
                parts.push(Value::Object(vec![
                    ("id".into(), text(&id)),
                    ("label".into(), label),
                ]));
                found.push(s);
            }
            None => {
                let e = FieldError::new(
                    "",
                    crate::problem::Problem::MissingSeries { name: name.clone() },
                );
                problems.push(Located::at_field(&format!("indicators[{i}].from[{k}]"), &e));
            }
        }
    }
    let mut shares = Vec::new();
    if let Some(first) = found.first() {
        for p in &first.points {
            let values: Option<Vec<Value>> = found
                .iter()
                .map(|s| {
                    s.points
                        .iter()
                        .find(|q| q.year == p.year)
                        .map(|q| Value::Number(q.value))
                })
                .collect();
            if let Some(values) = values {
                shares.push(Value::Object(vec![
                    ("year".into(), Value::Number(f64::from(p.year))),
                    ("values".into(), Value::Array(values)),
                    ("source".into(), text(figures)),
                ]));
            }
        }
    }
    (Value::Array(parts), Value::Array(shares))
}

fn field_is(v: &Value, key: &str, want: &str) -> bool {
    matches!(v, Value::Object(o) if matches!(field(o, key), Some(Value::String(s)) if s == want))
}

/// A short identifier for a name: Vietnamese letters without their marks,
/// lower case, words joined by `-`, at most 40 characters ("GRDP bình quân
/// đầu người" → "grdp-binh-quan-dau-nguoi"); "x" when nothing is left.
///
/// # Example
/// ```
/// assert_eq!(grdp_whatif::studio::slug("Tỷ lệ hộ nghèo (%)"), "ty-le-ho-ngheo");
/// assert_eq!(grdp_whatif::studio::slug("Đường ĐT-230"), "duong-dt-230");
/// ```
pub fn slug(name: &str) -> String {
    const GROUPS: [(&str, char); 7] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = GROUPS
            .iter()
            .find(|(g, _)| g.contains(c))
            .map_or(c, |(_, base)| *base);
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() && out.len() < 39 {
                out.push('-');
            }
            gap = false;
            if out.len() < 40 {
                out.push(c);
            }
        } else {
            gap = true;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "x".into()
    } else {
        out
    }
}

/// The trend the engine works out from an indicator's record, in its
/// presets' terms (the real growth for money per person, points a year for a
/// share): what a trend preset without a rate of its own gives.
pub fn computed_trend(d: &Dataset, ind: &crate::dataset::Indicator) -> Option<f64> {
    crate::scenario::preset_growth(&d.assumptions, ind, &crate::dataset::Preset::default())
}

/// Where a dataset problem is: its history point's cell when the point came
/// from the table, else its field.
fn locate(e: &FieldError, cells: &CellMap) -> Located {
    let f = &e.field;
    for (i, list) in cells {
        let prefix = format!("indicators[{i}].history[");
        if let Some(rest) = f.strip_prefix(&prefix) {
            let k: Option<usize> = rest.split(']').next().and_then(|n| n.parse().ok());
            if let Some(c) = k.and_then(|k| list.get(k)) {
                return Located::at_cell(
                    *c,
                    e.problem.message(Lang::Vi),
                    e.problem.message(Lang::En),
                );
            }
        }
    }
    Located::at_field(f, e)
}

/// A pasted table and the choices (JSON text) into a dataset.
///
/// ```text
/// table text → series (table::read_table) ┐
/// choices (a dataset, "from" a series)     ┴→ dataset JSON → reader → checker
/// ```
///
/// # Errors
/// None: the problems are in the result, each located.
///
/// # Example
/// ```
/// let table = "Năm\tGRDP\n2020\t44,2\n2025\t71,1\n";
/// let choices = r#"{"formatVersion": 1, "id": "x", "name": "X", "baseYear": 2025,
///   "sources": [{"id": "s", "publication": "Báo", "title": "Bài"}],
///   "assumptions": {"inflation": {"value": 0.035, "source": "s"}, "populationGrowth": {"value": 0.008, "source": "s"}},
///   "indicators": [{"id": "grdp", "label": "GRDP", "unit": "millionVnd", "model": "compound",
///     "from": "GRDP", "figures": "s", "targets": [], "scenarios": {}}]}"#;
/// let b = grdp_whatif::studio::build(table, choices);
/// assert!(b.problems.is_empty(), "{:?}", b.problems);
/// assert_eq!(b.dataset.unwrap().indicators[0].history[1].value, 71.1);
/// ```
pub fn build(table_text: &str, choices: &str) -> Built {
    build_with(table_text, choices, &ReadOptions::default())
}

/// [`build`] with the table read as `opts` says (a delimiter, orientation or
/// number style the journalist chose).
pub fn build_with(table_text: &str, choices: &str, opts: &ReadOptions) -> Built {
    let mut problems = Vec::new();
    let pasted = if table_text.trim().is_empty() {
        None
    } else {
        match table::read_table(table_text, opts) {
            Ok(p) => {
                for pr in &p.problems {
                    problems.push(Located::of_table(pr));
                }
                Some(p)
            }
            Err(pr) => {
                problems.push(Located::of_table(&pr));
                None
            }
        }
    };
    let mut v = match crate::json::parse(choices) {
        Ok(v) => v,
        Err(e) => {
            let fe = FieldError::new("", e.problem());
            problems.push(Located::at_field("", &fe));
            return Built {
                dataset: None,
                problems,
                table: pasted,
            };
        }
    };
    let cells = fill(&mut v, pasted.as_ref(), &mut problems);
    let text = crate::json::write(&v);
    match Dataset::read(&text) {
        Ok(d) => {
            let mut found = d.problems();
            if found.is_empty() {
                found.extend(crate::scenario::problems(&d));
            }
            found.extend(d.link_problems());
            problems.extend(found.iter().map(|e| locate(e, &cells)));
            let usable = found.is_empty();
            Built {
                dataset: usable.then_some(d),
                problems,
                table: pasted,
            }
        }
        Err(e) => {
            problems.push(locate(&e, &cells));
            Built {
                dataset: None,
                problems,
                table: pasted,
            }
        }
    }
}

/// A new dataset to start from, for a province called `name`: no
/// indicators yet, and the two assumptions a per-capita indicator needs
/// (prices and population), each marked as an assumption to be checked.
///
/// # Example
/// ```
/// let d = grdp_whatif::studio::blank("Cao Bằng", "cao-bang");
/// assert!(d.contains("\"id\":\"cao-bang\""));
/// ```
pub fn blank(name: &str, id: &str) -> String {
    let assumption = |value: f64, vi: &str, en: &str| {
        Value::Object(vec![
            ("value".into(), Value::Number(value)),
            ("source".into(), text("assumption")),
            (
                "note".into(),
                Value::Object(vec![("vi".into(), text(vi)), ("en".into(), text(en))]),
            ),
        ])
    };
    let v = Value::Object(vec![
        ("formatVersion".into(), Value::Number(1.0)),
        ("id".into(), text(id)),
        ("name".into(), text(name)),
        ("baseYear".into(), Value::Number(2025.0)),
        (
            "sources".into(),
            Value::Array(vec![Value::Object(vec![
                ("id".into(), text("assumption")),
                ("kind".into(), text("assumption")),
                ("publication".into(), Value::Object(vec![("vi".into(), text("Giả định")), ("en".into(), text("Assumption"))])),
                (
                    "title".into(),
                    Value::Object(vec![
                        ("vi".into(), text("Giả định của người làm tiện ích; người đọc có thể đổi")),
                        ("en".into(), text("The widget maker's assumption; readers can change it")),
                    ]),
                ),
            ])]),
        ),
        (
            "assumptions".into(),
            Value::Object(vec![
                ("inflation".into(), assumption(0.035, "Lạm phát giả định 3,5%/năm (cả nước khoảng 2–4%/năm)", "Assumed inflation of 3.5% a year (Vietnam: about 2–4%)")),
                ("populationGrowth".into(), assumption(0.01, "Dân số giả định tăng 1%/năm: hãy thay bằng số liệu của tỉnh", "Population assumed to grow 1% a year: replace it with the province's figure")),
            ]),
        ),
        ("indicators".into(), Value::Array(Vec::new())),
    ]);
    crate::json::write(&v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DEFAULT_JSON;

    fn choices(indicators: &str) -> String {
        format!(
            r#"{{"formatVersion": 1, "id": "cao-bang", "name": {{"vi": "Cao Bằng", "en": "Cao Bằng"}}, "baseYear": 2025,
            "sources": [{{"id": "s", "publication": "Báo Cao Bằng", "title": "Tổng kết"}}],
            "assumptions": {{"inflation": {{"value": 0.035, "source": "s"}}, "populationGrowth": {{"value": 0.01, "source": "s"}}}},
            "indicators": [{indicators}]}}"#
        )
    }

    const GRDP: &str = r#"{"id": "grdp", "label": "GRDP bình quân đầu người", "unit": "millionVnd", "model": "perCapita",
        "from": "GRDP bình quân", "figures": "s", "targets": [{"year": 2030, "value": 90, "source": "s"}],
        "scenarios": {"plan": {"realGrowth": 0.08}}}"#;

    #[test]
    fn a_vietnamese_tsv_becomes_a_dataset() {
        let table = "Chỉ tiêu\t2020\t2023\t2025 (ước)\nGRDP bình quân\t38,5\t45,1\t52,3\nXuất khẩu\t1.917\t2.100\t2.450\n";
        let b = build(table, &choices(GRDP));
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        let d = b.dataset.unwrap();
        let h = &d.indicators[0].history;
        assert_eq!(
            h.iter().map(|p| p.value).collect::<Vec<_>>(),
            vec![38.5, 45.1, 52.3]
        );
        assert_eq!(h[2].kind, crate::dataset::PointKind::Estimate);
        assert_eq!(h[0].source, "s");
        // The trend is the engine's, from the figures.
        let r = crate::scenario::historical_rate(&d.indicators[0]).unwrap();
        assert!((r - ((52.3f64 / 38.5).powf(0.2) - 1.0)).abs() < 1e-12);
    }

    #[test]
    fn a_structure_takes_one_series_per_part() {
        let table = "Năm\tNông nghiệp\tCông nghiệp\tDịch vụ\n2020\t30\t25\t45\n2023\t28\t\t46\n2025\t25,5\t29,5\t45\n";
        let ind = r#"{"id": "co-cau", "label": "Cơ cấu", "unit": "percent", "model": "shares",
            "from": ["Nông nghiệp", "Công nghiệp", "Dịch vụ"], "figures": "s", "targets": [], "scenarios": {}}"#;
        let b = build(table, &choices(ind));
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        let d = b.dataset.unwrap();
        let s = &d.indicators[0];
        let ids: Vec<&str> = s.parts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["nong-nghiep", "cong-nghiep", "dich-vu"]);
        // 2023 lacks a part: only the years every part has.
        let years: Vec<i32> = s.shares.iter().map(|p| p.year).collect();
        assert_eq!(years, [2020, 2025]);
        assert_eq!(s.shares[1].values, [25.5, 29.5, 45.0]);
        // No English name given: the pasted name in both languages.
        assert_eq!(s.parts[0].label.text(Lang::En), "Nông nghiệp");
        // English names, by the pasted name: the English page gets them.
        let named = ind.replace(
            r#""figures": "s""#,
            r#""figures": "s", "fromEn": {"Nông nghiệp": " Agriculture ", "Dịch vụ": ""}"#,
        );
        let b = build(table, &choices(&named));
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        let d = b.dataset.unwrap();
        let labels: Vec<&str> = d.indicators[0]
            .parts
            .iter()
            .map(|p| p.label.text(Lang::En))
            .collect();
        assert_eq!(labels, ["Agriculture", "Công nghiệp", "Dịch vụ"]);
        assert_eq!(d.indicators[0].parts[0].label.text(Lang::Vi), "Nông nghiệp");
        // A part that is not in the table is named where it was chosen.
        let ind = ind.replace("\"Dịch vụ\"]", "\"Dịch vụ\", \"Thuế\"]");
        let b = build(table, &choices(&ind));
        assert!(
            b.problems
                .iter()
                .any(|p| p.path.as_deref() == Some("indicators[0].from[3]")),
            "{:?}",
            b.problems
        );
    }

    #[test]
    fn typing_slips_a_journalist_makes_are_named() {
        // A target of "4,000" read the Vietnamese way (4) for a series of
        // billions; a link without https://.
        let ind = GRDP.replace(r#""value": 90"#, r#""value": 0.09"#);
        let b = build(
            "Năm\tGRDP bình quân\n2020\t38,5\n2025\t52,3\n",
            &choices(&ind),
        );
        let p = b
            .problems
            .iter()
            .find(|p| p.path.as_deref() == Some("indicators[0].targets[0].value"))
            .unwrap();
        assert!(p.vi.contains("khoảng 581 lần"), "{}", p.vi);
        assert!(b.dataset.is_none());
        let with_url = choices(GRDP).replace(
            r#""title": "Tổng kết"}"#,
            r#""title": "Tổng kết", "url": "baocaobang.vn/abc"}"#,
        );
        let b = build("Năm\tGRDP bình quân\n2020\t38,5\n2025\t52,3\n", &with_url);
        assert!(
            b.problems
                .iter()
                .any(|p| p.path.as_deref() == Some("sources[0].url")
                    && p.en.contains("starting with https://")),
            "{:?}",
            b.problems
        );
        // A plan of "0,085" typed in a field in % (0.085 %, meant 8.5 %).
        let tiny = GRDP.replace(r#""realGrowth": 0.08"#, r#""realGrowth": 0.00085"#);
        let b = build(
            "Năm\tGRDP bình quân\n2020\t38,5\n2025\t52,3\n",
            &choices(&tiny),
        );
        let p = b
            .problems
            .iter()
            .find(|p| p.path.as_deref() == Some("indicators[0].scenarios.plan.realGrowth"))
            .unwrap();
        assert!(
            p.vi.contains("nếu ý là 8,5%/năm, trong xưởng hãy viết 8,5"),
            "{}",
            p.vi
        );
        let js = with_url.replace("baocaobang.vn/abc", "javascript:alert(1)");
        let b = build("Năm\tGRDP bình quân\n2020\t38,5\n2025\t52,3\n", &js);
        assert!(b
            .problems
            .iter()
            .any(|p| p.path.as_deref() == Some("sources[0].url")));
    }

    #[test]
    fn slugs_are_identifiers() {
        for name in [
            "GRDP bình quân đầu người",
            "Tỷ lệ hộ nghèo (%)",
            "",
            "!!!",
            &"Ư".repeat(80),
            "a b  c",
        ] {
            let s = slug(name);
            assert!(crate::read::is_id(&s), "{name:?} → {s:?}");
        }
        assert_eq!(slug("a b  c"), "a-b-c");
    }

    #[test]
    fn a_per_capita_trend_is_worked_out_in_real_terms() {
        // 38.5 → 52.3 over five years is 6.32 % nominal; with 1 % more people
        // and 3.5 % inflation, (1.0632 × 1.01 / 1.035) − 1 = 3.75 % real.
        let ind = GRDP.replace(r#""plan": {"realGrowth": 0.08}"#, r#""trend": {}"#);
        let b = build(
            "Năm\tGRDP bình quân\n2020\t38,5\n2025\t52,3\n",
            &choices(&ind),
        );
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        let d = b.dataset.unwrap();
        let nominal = (52.3f64 / 38.5).powf(0.2) - 1.0;
        let real = ((1.0 + nominal) * 1.01 / 1.035 - 1.0) * 1000.0;
        assert_eq!(
            computed_trend(&d, &d.indicators[0]),
            Some(real.round() / 1000.0)
        );
        let sc = crate::scenario::preset_input(&d, "grdp", "trend").unwrap();
        assert_eq!(sc.real_growth, Some(real.round() / 1000.0));
    }

    #[test]
    fn a_semicolon_csv_with_comma_decimals_too() {
        let table = "Năm;GRDP bình quân\n2020;38,5\n2025;52,3\n";
        let b = build(table, &choices(GRDP));
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        assert_eq!(b.dataset.unwrap().indicators[0].history[1].value, 52.3);
    }

    #[test]
    fn a_bad_cell_is_named_at_its_cell_and_a_bad_field_at_its_field() {
        let table = "Năm\tGRDP bình quân\n2020\t38,5\n2023\tabc\n2025\t-4\n";
        let bad_target = GRDP.replace(r#""year": 2030"#, r#""year": 2020"#);
        let b = build(table, &choices(&bad_target));
        assert!(b.dataset.is_none());
        let abc = b.problems.iter().find(|p| p.vi.contains("abc")).unwrap();
        assert_eq!(abc.cell.as_deref(), Some("B3"));
        // A value the checker refuses (negative per-capita money) is at its cell too.
        let neg = b
            .problems
            .iter()
            .find(|p| p.en.contains("greater than 0"))
            .unwrap();
        assert_eq!(neg.cell.as_deref(), Some("B4"));
        // A target year before the data, at the form's field.
        let year = b
            .problems
            .iter()
            .find(|p| p.path.as_deref() == Some("indicators[0].targets[0].year"))
            .unwrap();
        assert!(
            year.vi.contains("phải sau năm số liệu cuối cùng"),
            "{}",
            year.vi
        );
    }

    #[test]
    fn a_series_missing_from_the_table_and_a_figure_without_a_source() {
        let no_source = GRDP.replace(r#""figures": "s""#, r#""figures": """#);
        let b = build(
            "Năm\tGRDP bình quân\n2020\t38,5\n2025\t52,3\n",
            &choices(&no_source),
        );
        let p = b
            .problems
            .iter()
            .find(|p| p.en.contains("without a source"))
            .unwrap();
        assert_eq!(p.cell.as_deref(), Some("B2"));
        let other = GRDP.replace(r#""from": "GRDP bình quân""#, r#""from": "GDP""#);
        let b = build("Năm\tGRDP bình quân\n2020\t38,5\n", &choices(&other));
        assert_eq!(b.problems[0].path.as_deref(), Some("indicators[0].from"));
    }

    #[test]
    fn an_opened_dataset_goes_through_unchanged() {
        // The built-in dataset as choices (no table): the same dataset back.
        let b = build("", DEFAULT_JSON);
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        assert_eq!(b.dataset.unwrap(), Dataset::default_lang_son().unwrap());
    }

    #[test]
    fn a_blank_province_to_start_from() {
        let b = build("Năm\tGRDP bình quân\n2020\t38,5\n2025\t52,3\n", &{
            let mut s = blank("Cao Bằng", "cao-bang");
            s = s.replace(
                "\"indicators\":[]",
                &format!(
                    "\"indicators\":[{}]",
                    GRDP.replace('\n', " ").replace("\"s\"", "\"assumption\"")
                ),
            );
            s
        });
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        assert_eq!(b.dataset.unwrap().id, "cao-bang");
    }
}
