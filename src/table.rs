//! Reading a table pasted into the studio: text copied from Excel, Google
//! Sheets or LibreOffice (tab-separated), or a CSV with `,` or `;`, becomes
//! named numeric series by year.
//!
//! [`read_table`] cleans the text (byte-order mark, `\r\n` / `\r` line ends,
//! trailing blank lines and cells), detects the delimiter, the orientation
//! (years as rows or as columns) and the number style (Vietnamese `1.234,5`
//! or English `1,234.5`), reads the year header (with estimate marks such as
//! “2025 (ước)”) and the series names (with a two-row header whose merged
//! cells left blanks), then every value. Each problem is located at its cell
//! ([`Problem`]) and explained to a journalist in Vietnamese or English
//! ([`Problem::message`]). Only a paste with no usable table is an error;
//! anything else is a list of problems beside the series that could be read.
//!
//! Nothing here panics, and nothing allocates without bound: the text is
//! limited to 1,000,000 bytes, 1,000 rows and 200 columns, and every pass
//! over it is linear.

use std::collections::HashMap;

/// Longest text accepted, in bytes.
pub const MAX_BYTES: usize = 1_000_000;
/// Most rows accepted (blank rows in the middle count, trailing ones do not).
pub const MAX_ROWS: usize = 1_000;
/// Most columns accepted (trailing blank cells do not count).
pub const MAX_COLS: usize = 200;
/// Longest cell text quoted back in a problem, in characters.
const MAX_RAW_CHARS: usize = 40;
/// Non-empty rows looked at to detect the delimiter.
const SAMPLE_ROWS: usize = 10;
/// Spaces used to group thousands ("1 917", "1\u{a0}917").
const SPACES: [char; 5] = [' ', '\u{a0}', '\u{202f}', '\u{2009}', '\u{2007}'];
pub use crate::lang::Lang;

/// What separates the cells of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delimiter {
    /// A tab: what Excel, Google Sheets and LibreOffice put on the clipboard.
    Tab,
    /// `,`: a CSV with English-style numbers.
    Comma,
    /// `;`: a CSV where `,` is the decimal mark.
    Semicolon,
}

impl Delimiter {
    /// The character itself.
    pub fn as_char(self) -> char {
        match self {
            Delimiter::Tab => '\t',
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
        }
    }
}

/// Which header holds the years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Orientation {
    /// The first column holds years, the first row holds series names.
    YearsAsRows,
    /// The first row holds years, the first column holds series names.
    YearsAsColumns,
}

/// How numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberStyle {
    /// Vietnamese (and European): `1.234,5`.
    Vi,
    /// English: `1,234.5`.
    En,
}

impl NumberStyle {
    /// The other style.
    pub fn other(self) -> NumberStyle {
        match self {
            NumberStyle::Vi => NumberStyle::En,
            NumberStyle::En => NumberStyle::Vi,
        }
    }

    /// The decimal mark and the thousands separator.
    fn marks(self) -> (char, char) {
        match self {
            NumberStyle::Vi => (',', '.'),
            NumberStyle::En => ('.', ','),
        }
    }
}

/// What [`read_table`] would otherwise detect; `None` means detect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// Force the delimiter.
    pub delimiter: Option<Delimiter>,
    /// Force the orientation.
    pub orientation: Option<Orientation>,
    /// Force the number style.
    pub style: Option<NumberStyle>,
}

/// A cell of the pasted grid, 0-based, as the user sees it: rows are counted
/// after the byte-order mark and line ends are cleaned up, and a quoted cell
/// spanning several lines is one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    /// Row, from 0.
    pub row: usize,
    /// Column, from 0.
    pub col: usize,
}

impl Cell {
    /// The cell in A1 notation as a spreadsheet shows it: `Cell { row: 3,
    /// col: 2 }` is "C4".
    pub fn a1(self) -> String {
        let mut letters = Vec::new();
        let mut n = self.col.saturating_add(1);
        while n > 0 {
            n -= 1;
            letters.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
            n /= 26;
        }
        let letters: String = letters.iter().rev().collect();
        format!("{letters}{}", self.row.saturating_add(1))
    }
}

/// One value of a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PastedPoint {
    /// The year of its row or column.
    pub year: i32,
    /// The value as written (a percentage stays 12.5 for "12,5%").
    pub value: f64,
    /// Where it was.
    pub cell: Cell,
    /// The year was marked as an estimate ("2025 (ước)", "2025e", "2025*").
    pub estimate: bool,
    /// The value ended in `%`.
    pub percent: bool,
    /// The value carried a footnote mark `*`.
    pub footnote: bool,
}

/// A named series of values by year.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The name from the header ("Group – Sub" for a two-row header); empty
    /// when the header cell was blank (a [`ProblemKind::BlankName`] says so).
    pub name: String,
    /// Where the name is (or should be).
    pub name_cell: Cell,
    /// The values, sorted by year; never empty.
    pub points: Vec<PastedPoint>,
}

/// What [`read_table`] made of a paste.
#[derive(Debug, Clone, PartialEq)]
pub struct Pasted {
    /// The delimiter used.
    pub delimiter: Delimiter,
    /// The orientation used.
    pub orientation: Orientation,
    /// The number style used.
    pub style: NumberStyle,
    /// Nothing in the table decided the style: it is the default
    /// (Vietnamese), or the evidence was evenly split.
    pub style_guessed: bool,
    /// The series with at least one value, in the order of the table.
    pub series: Vec<Series>,
    /// Every non-fatal problem, sorted by cell.
    pub problems: Vec<Problem>,
}

/// A number read from a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The value as written, always finite.
    pub value: f64,
    /// It ended in `%` (the value is not divided by 100).
    pub percent: bool,
    /// It carried a footnote mark `*`.
    pub footnote: bool,
}

/// A year header cell read as a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year {
    /// The year, 1900–2200.
    pub year: i32,
    /// It was marked as an estimate.
    pub estimate: bool,
}

/// A row or a column, numbered from 1 as a spreadsheet shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Line {
    /// Row n.
    Row(usize),
    /// Column n.
    Column(usize),
}

/// Something wrong with a paste, where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The cell, when the problem has one.
    pub cell: Option<Cell>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong, with what its message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// Fatal: nothing but blank lines.
    Empty,
    /// Fatal: the text is longer than `limit` bytes.
    TooLarge { bytes: usize, limit: usize },
    /// Fatal: more than `limit` rows.
    TooManyRows { limit: usize },
    /// Fatal: a row has more than `limit` columns.
    TooManyColumns { limit: usize },
    /// Fatal: fewer than 2 rows or 2 columns.
    TooSmall { rows: usize, cols: usize },
    /// Fatal: a quoted cell opened here is never closed.
    UnterminatedQuote,
    /// Fatal: neither the first row nor the first column holds years.
    NoYearHeader,
    /// A year header cell is not a year; its values are left out.
    BadYear { raw: String },
    /// A year header cell is blank but its line has values; they are left out.
    MissingYear,
    /// A year seen before (in `first`); the repeat's values are left out.
    YearRepeated { year: i32, first: Cell },
    /// `year` comes after `previous`, a later year; reported once per table.
    YearsOutOfOrder { year: i32, previous: i32 },
    /// A series with values has a blank name.
    BlankName { line: Line },
    /// A name already used in `first`.
    DuplicateName { name: String, first: Cell },
    /// A named series with no values at all.
    EmptySeries { name: String },
    /// A cell that is neither a number nor a gap; `style` is the table's.
    NotANumber { raw: String, style: NumberStyle },
    /// A number that reads both ways ("2,418": 2.418 the Vietnamese way,
    /// 2,418 the English way) and, as read in the table's `style`, is about
    /// a thousand times off the rest of its series: the other reading,
    /// `meant`, is likely. The cell is left out.
    AmbiguousNumber {
        raw: String,
        style: NumberStyle,
        read: f64,
        meant: f64,
    },
    /// Every figure of a series reads both ways ("1.917": 1917 the
    /// Vietnamese way, 1,917 the English way) and the table's `style` was
    /// decided by its other series: `raw` (its first figure) is read as
    /// `read`, and may be `meant`. Said at that cell until the journalist
    /// chooses how the table writes numbers.
    UnsureSeries {
        raw: String,
        style: NumberStyle,
        read: f64,
        meant: f64,
    },
    /// A number written in the other style than the table's `style`; `value`
    /// is what it means in its own style. The cell is left out.
    MixedNumberStyle {
        raw: String,
        style: NumberStyle,
        value: f64,
        percent: bool,
    },
}

impl Problem {
    fn at(cell: Cell, kind: ProblemKind) -> Problem {
        Problem {
            cell: Some(cell),
            kind,
        }
    }

    fn whole(kind: ProblemKind) -> Problem {
        Problem { cell: None, kind }
    }

    /// A sentence for a journalist: what is wrong, where (in A1 notation,
    /// "Ô C4" / "Cell C4"), and the likely fix.
    pub fn message(&self, lang: Lang) -> String {
        let body = self.kind.text(lang);
        match (self.cell, lang) {
            (Some(cell), Lang::Vi) => format!("Ô {}: {body}", cell.a1()),
            (Some(cell), Lang::En) => format!("Cell {}: {body}", cell.a1()),
            (None, _) => capitalize(&body),
        }
    }
}

/// Reads a pasted table into series by year. `Err` only when there is no
/// usable table: empty, too large, an unterminated quote, no year header, or
/// fewer than 2 rows or columns. Everything else is in
/// [`Pasted::problems`]; a cell with a problem gives no point.
pub fn read_table(text: &str, opts: &ReadOptions) -> Result<Pasted, Problem> {
    check_size(text)?;
    let body = strip_bom(text);
    let delimiter = opts.delimiter.unwrap_or_else(|| detect_delimiter(body));
    let grid = Grid::new(split_body(body, delimiter)?);
    let filled = grid.rows.iter().filter(|r| !r.is_empty()).count();
    if filled == 0 {
        return Err(Problem::whole(ProblemKind::Empty));
    }
    if filled < 2 || grid.width < 2 {
        let (rows, cols) = (filled, grid.width);
        return Err(Problem::whole(ProblemKind::TooSmall { rows, cols }));
    }
    let orientation = match opts.orientation {
        Some(o) => o,
        None => detect_orientation(&grid).ok_or(Problem::whole(ProblemKind::NoYearHeader))?,
    };
    let layout = Layout::new(&grid, orientation);
    let mut problems = Vec::new();
    let years = read_years(&grid, &layout, &mut problems);
    if years.is_empty() {
        return Err(Problem::whole(ProblemKind::NoYearHeader));
    }
    let names = read_names(&grid, &layout, &mut problems);
    let (style, style_guessed) = match opts.style {
        Some(s) => (s, false),
        None => detect_style(&grid, &layout, &years, &names, delimiter),
    };
    let mut series = read_series(&grid, &layout, &years, names, style, &mut problems);
    // Only against the default: a Vietnamese table's "1.250" beside "48,6"
    // is the usual 1250; an English reading decided by another series is
    // the one a Vietnamese desk does not expect.
    if opts.style.is_none() && style == NumberStyle::En {
        check_unsure(&grid, &series, style, &mut problems);
    }
    check_magnitudes(&grid, &mut series, style, &mut problems);
    problems.sort_by_key(|p| p.cell);
    Ok(Pasted {
        delimiter,
        orientation,
        style,
        style_guessed,
        series,
        problems,
    })
}

/// A cell that reads as a number both ways (one separator and exactly three
/// digits after it: "2,418", "4.000"), with its value the other way.
fn other_reading(raw: &str, style: NumberStyle) -> Option<f64> {
    let t = raw.trim().trim_end_matches('%').trim();
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let (sep, n) = (
        t.chars().filter(|c| *c == '.' || *c == ',').count(),
        t.len(),
    );
    if sep != 1 || n < 5 {
        return None;
    }
    let (a, b) = t.split_once(['.', ','])?;
    if !(digits(a) && a.len() <= 3 && b.len() == 3 && digits(b)) {
        return None;
    }
    let other = read_number(t, style.other())?.value;
    let here = read_number(t, style)?.value;
    (other != here).then_some(other)
}

/// A series that cannot tell its own style (each figure "1.917", "2.040":
/// one separator and three digits after it), read in the English style the
/// other series decided: the reading may be a thousand times off, so it is said
/// at its first figure (the journalist chooses the style; a style chosen is
/// not questioned).
fn check_unsure(grid: &Grid, series: &[Series], style: NumberStyle, problems: &mut Vec<Problem>) {
    for s in series {
        let mut first = None;
        let all = s.points.iter().all(|p| {
            let raw = grid.get(p.cell);
            let other = other_reading(raw, style);
            if first.is_none() {
                first = other.map(|m| (p, raw, m));
            }
            other.is_some()
        });
        if let (true, Some((p, raw, meant))) = (all, first) {
            problems.push(Problem::at(
                p.cell,
                ProblemKind::UnsureSeries {
                    raw: clip(raw.trim()),
                    style,
                    read: p.value,
                    meant,
                },
            ));
        }
    }
}

/// Numbers a thousand times off their series because they read both ways
/// ("2,418" among "1.917", "2.104" in a Vietnamese table): said at the cell,
/// left out (the preview keeps what it had).
fn check_magnitudes(
    grid: &Grid,
    series: &mut [Series],
    style: NumberStyle,
    problems: &mut Vec<Problem>,
) {
    for s in series.iter_mut() {
        if s.points.len() < 3 {
            continue;
        }
        let mut mags: Vec<f64> = s
            .points
            .iter()
            .map(|p| p.value.abs())
            .filter(|v| *v > 0.0)
            .collect();
        mags.sort_by(f64::total_cmp);
        let Some(median) = mags.get(mags.len() / 2).copied() else {
            continue;
        };
        let far = |v: f64| v > 0.0 && (median / v >= 100.0 || v / median >= 100.0);
        let mut bad = Vec::new();
        for (k, p) in s.points.iter().enumerate() {
            let raw = grid.get(p.cell);
            if let Some(meant) = other_reading(raw, style) {
                if far(p.value.abs()) && !far(meant.abs()) {
                    bad.push(k);
                    problems.push(Problem::at(
                        p.cell,
                        ProblemKind::AmbiguousNumber {
                            raw: clip(raw.trim()),
                            style,
                            read: p.value,
                            meant,
                        },
                    ));
                }
            }
        }
        for k in bad.into_iter().rev() {
            s.points.remove(k);
        }
    }
}

/// Reads one value cell in `style`. `Ok(None)` is a gap (blank, "-", "–",
/// "—", "…", "...", "n/a", "NA", "k.c.s"): no point and no problem.
/// `Err(MixedNumberStyle)` when the cell reads only in the other style,
/// `Err(NotANumber)` when it reads in neither. Only ASCII digits count.
pub fn parse_number(raw: &str, style: NumberStyle) -> Result<Option<Number>, ProblemKind> {
    let t = raw.trim();
    if is_gap(t) {
        return Ok(None);
    }
    if let Some(n) = read_number(t, style) {
        return Ok(Some(n));
    }
    let raw = clip(t);
    match read_number(t, style.other()) {
        Some(n) => Err(ProblemKind::MixedNumberStyle {
            raw,
            style,
            value: n.value,
            percent: n.percent,
        }),
        None => Err(ProblemKind::NotANumber { raw, style }),
    }
}

/// Reads a year header cell: "2020", "Năm 2020", "2025 (ước)", "2025*",
/// "2025e", "Ước 2025", "2025 ước tính", "Sơ bộ 2024"… A whole year in
/// 1900–2200, or `None`.
pub fn parse_year(raw: &str) -> Option<Year> {
    if raw.len() > 64 {
        return None;
    }
    let folded = fold(raw.trim());
    let allowed = |c: char| c.is_alphanumeric() || c.is_whitespace() || "()[].,:*".contains(c);
    if !folded.chars().all(allowed) {
        return None;
    }
    let start = folded.find(|c: char| c.is_ascii_digit())?;
    let (prefix, rest) = folded.split_at_checked(start)?;
    let len = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, suffix) = rest.split_at_checked(len)?;
    if digits.len() != 4 || suffix.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    let before = estimate_phrase(strip_year_word(&words(prefix)), false)?;
    let after = estimate_phrase(&words(suffix), true)?;
    let estimate = before || after || suffix.contains('*');
    Some(Year { year, estimate })
}

/// Splits text into rows of cells with `delimiter`, as Excel and RFC 4180
/// quote them (`"1,917"`, `"a ""quoted"" word"`, a quoted cell holding line
/// breaks). A leading byte-order mark is dropped; `\r\n`, `\n` and a lone
/// `\r` end a row (inside a quoted cell they become `\n`); trailing blank
/// cells and rows are dropped, so a blank row in the middle is an empty
/// `Vec`. Cells are as written (not trimmed). `Err` for an unterminated
/// quote (at its cell) or the size limits.
pub fn split_cells(text: &str, delimiter: Delimiter) -> Result<Vec<Vec<String>>, Problem> {
    check_size(text)?;
    split_body(strip_bom(text), delimiter)
}

// ---------------------------------------------------------------- splitting

fn check_size(text: &str) -> Result<(), Problem> {
    if text.len() > MAX_BYTES {
        let (bytes, limit) = (text.len(), MAX_BYTES);
        return Err(Problem::whole(ProblemKind::TooLarge { bytes, limit }));
    }
    Ok(())
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn split_body(body: &str, delimiter: Delimiter) -> Result<Vec<Vec<String>>, Problem> {
    let mut tokens = Tokenizer::new(body, delimiter);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut blank_rows = 0usize;
    while let Some(row) = tokens.next_row() {
        let row = row?;
        if row.cells.is_empty() {
            blank_rows += 1;
            continue;
        }
        if rows.len() + blank_rows >= MAX_ROWS {
            return Err(Problem::whole(ProblemKind::TooManyRows { limit: MAX_ROWS }));
        }
        rows.extend(std::iter::repeat_with(Vec::new).take(blank_rows));
        blank_rows = 0;
        rows.push(row.cells);
    }
    Ok(rows)
}

/// One row: its cells without trailing blanks, and how many cells it had.
struct RawRow {
    cells: Vec<String>,
    width: usize,
}

/// What ended a cell.
enum End {
    Cell,
    Row,
    Text,
}

struct Tokenizer<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    delimiter: char,
    row: usize,
    done: bool,
}

impl<'a> Tokenizer<'a> {
    fn new(text: &'a str, delimiter: Delimiter) -> Self {
        Tokenizer {
            chars: text.chars().peekable(),
            delimiter: delimiter.as_char(),
            row: 0,
            done: false,
        }
    }

    fn next_row(&mut self) -> Option<Result<RawRow, Problem>> {
        if self.done {
            return None;
        }
        Some(self.read_row())
    }

    /// Blank cells are only counted until a filled one follows, so a row of
    /// a million delimiters costs nothing.
    fn read_row(&mut self) -> Result<RawRow, Problem> {
        let row = self.row;
        self.row += 1;
        let (mut cells, mut blanks, mut width) = (Vec::new(), 0usize, 0usize);
        loop {
            let (text, end) = self.read_cell(Cell { row, col: width })?;
            width += 1;
            if text.is_empty() {
                blanks += 1;
            } else {
                if cells.len() + blanks >= MAX_COLS {
                    let kind = ProblemKind::TooManyColumns { limit: MAX_COLS };
                    return Err(Problem::at(Cell { row, col: MAX_COLS }, kind));
                }
                cells.extend(std::iter::repeat_with(String::new).take(blanks));
                blanks = 0;
                cells.push(text);
            }
            match end {
                End::Cell => {}
                End::Row => break,
                End::Text => {
                    self.done = true;
                    break;
                }
            }
        }
        while cells.last().is_some_and(|c: &String| c.trim().is_empty()) {
            cells.pop();
        }
        Ok(RawRow { cells, width })
    }

    fn read_cell(&mut self, at: Cell) -> Result<(String, End), Problem> {
        let mut text = String::new();
        if self.chars.next_if_eq(&'"').is_some() {
            self.read_quoted(&mut text, at)?;
        }
        loop {
            match self.chars.next() {
                None => return Ok((text, End::Text)),
                Some(c) if c == self.delimiter => return Ok((text, End::Cell)),
                Some('\n') => return Ok((text, End::Row)),
                Some('\r') => {
                    self.chars.next_if_eq(&'\n');
                    return Ok((text, End::Row));
                }
                Some(c) => text.push(c),
            }
        }
    }

    /// After the closing quote, anything up to the delimiter is kept as
    /// written (`"a"b` is `ab`), as spreadsheets do.
    fn read_quoted(&mut self, text: &mut String, at: Cell) -> Result<(), Problem> {
        loop {
            match self.chars.next() {
                None => return Err(Problem::at(at, ProblemKind::UnterminatedQuote)),
                Some('"') => {
                    if self.chars.next_if_eq(&'"').is_none() {
                        return Ok(());
                    }
                    text.push('"');
                }
                Some('\r') => {
                    self.chars.next_if_eq(&'\n');
                    text.push('\n');
                }
                Some(c) => text.push(c),
            }
        }
    }
}

// ---------------------------------------------------------------- delimiter

/// Tab if there is a tab outside quotes; otherwise `;` or `,`, whichever
/// splits the first rows into a steady number (≥ 2) of cells.
fn detect_delimiter(body: &str) -> Delimiter {
    if has_tab_outside_quotes(body) {
        return Delimiter::Tab;
    }
    let semi = sample(body, Delimiter::Semicolon).unwrap_or_default();
    let comma = sample(body, Delimiter::Comma).unwrap_or_default();
    let prefer_semi = match (semi.steady(), comma.steady()) {
        (true, true) => semi.decimal_commas,
        (true, false) => true,
        (false, true) => false,
        (false, false) => {
            let (s, c) = (semi.split_rows(), comma.split_rows());
            s > c || (s == c && s > 0 && semi.decimal_commas)
        }
    };
    if prefer_semi {
        Delimiter::Semicolon
    } else {
        Delimiter::Comma
    }
}

/// A quote opens only at the start of a cell, whichever the delimiter.
fn has_tab_outside_quotes(body: &str) -> bool {
    let mut chars = body.chars().peekable();
    let (mut quoted, mut cell_start) = (false, true);
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' && chars.next_if_eq(&'"').is_none() {
                quoted = false;
                cell_start = false;
            }
            continue;
        }
        match c {
            '\t' => return true,
            '"' if cell_start => quoted = true,
            _ => {}
        }
        cell_start = matches!(c, ',' | ';' | '\n' | '\r');
    }
    false
}

/// The first non-empty rows split by one delimiter.
#[derive(Default)]
struct Sample {
    /// Cells per row without trailing blanks.
    trimmed: Vec<usize>,
    /// Cells per row as written.
    written: Vec<usize>,
    /// Some cell reads as a number with a comma in Vietnamese style.
    decimal_commas: bool,
}

impl Sample {
    fn steady(&self) -> bool {
        fn same(widths: &[usize]) -> bool {
            widths
                .first()
                .is_some_and(|&w| w >= 2 && widths.iter().all(|&x| x == w))
        }
        same(&self.trimmed) || same(&self.written)
    }

    fn split_rows(&self) -> usize {
        self.trimmed.iter().filter(|&&w| w >= 2).count()
    }
}

/// `None` when the delimiter cannot split the text at all.
fn sample(body: &str, delimiter: Delimiter) -> Option<Sample> {
    let mut tokens = Tokenizer::new(body, delimiter);
    let mut s = Sample::default();
    while s.written.len() < SAMPLE_ROWS {
        let Some(row) = tokens.next_row() else { break };
        let row = row.ok()?;
        if row.cells.is_empty() {
            continue;
        }
        s.decimal_commas |= row
            .cells
            .iter()
            .any(|c| c.contains(',') && read_number(c.trim(), NumberStyle::Vi).is_some());
        s.trimmed.push(row.cells.len());
        s.written.push(row.width);
    }
    Some(s)
}

// ---------------------------------------------------------------- layout

struct Grid {
    rows: Vec<Vec<String>>,
    width: usize,
}

impl Grid {
    fn new(rows: Vec<Vec<String>>) -> Grid {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        Grid { rows, width }
    }

    fn get(&self, cell: Cell) -> &str {
        self.rows
            .get(cell.row)
            .and_then(|r| r.get(cell.col))
            .map_or("", String::as_str)
    }
}

/// Where the years, names and values are. `k` indexes the year axis (rows
/// for years as rows), `s` the series axis.
struct Layout {
    orientation: Orientation,
    two_row_header: bool,
    year_extent: usize,
    series_extent: usize,
}

impl Layout {
    fn new(grid: &Grid, orientation: Orientation) -> Layout {
        let (year_extent, series_extent) = match orientation {
            Orientation::YearsAsRows => (grid.rows.len(), grid.width),
            Orientation::YearsAsColumns => (grid.width, grid.rows.len()),
        };
        Layout {
            orientation,
            two_row_header: orientation == Orientation::YearsAsRows && two_row_header(grid),
            year_extent,
            series_extent,
        }
    }

    fn first_year(&self) -> usize {
        if self.two_row_header {
            2
        } else {
            1
        }
    }

    fn year_cell(&self, k: usize) -> Cell {
        self.data_cell(k, 0)
    }

    fn data_cell(&self, k: usize, s: usize) -> Cell {
        match self.orientation {
            Orientation::YearsAsRows => Cell { row: k, col: s },
            Orientation::YearsAsColumns => Cell { row: s, col: k },
        }
    }

    fn year_line_has_data(&self, grid: &Grid, k: usize) -> bool {
        (1..self.series_extent).any(|s| !grid.get(self.data_cell(k, s)).trim().is_empty())
    }

    fn series_has_data(&self, grid: &Grid, s: usize) -> bool {
        (self.first_year()..self.year_extent)
            .any(|k| !grid.get(self.data_cell(k, s)).trim().is_empty())
    }

    /// The series line as a spreadsheet numbers it.
    fn line(&self, s: usize) -> Line {
        match self.orientation {
            Orientation::YearsAsRows => Line::Column(s + 1),
            Orientation::YearsAsColumns => Line::Row(s + 1),
        }
    }
}

/// Which header holds mostly years; `None` when neither does.
fn detect_orientation(grid: &Grid) -> Option<Orientation> {
    let share = |cells: &mut dyn Iterator<Item = &str>| {
        let (mut years, mut filled) = (0usize, 0usize);
        for cell in cells.map(str::trim).filter(|c| !c.is_empty()) {
            filled += 1;
            years += usize::from(parse_year(cell).is_some());
        }
        (years, filled)
    };
    let rows = share(&mut (1..grid.rows.len()).map(|row| grid.get(Cell { row, col: 0 })));
    let cols = share(&mut (1..grid.width).map(|col| grid.get(Cell { row: 0, col })));
    let mostly = |(years, filled): (usize, usize)| years > 0 && 2 * years >= filled;
    match (mostly(rows), mostly(cols)) {
        (true, true) if (cols.0 * rows.1, cols.0) > (rows.0 * cols.1, rows.0) => {
            Some(Orientation::YearsAsColumns)
        }
        (true, _) => Some(Orientation::YearsAsRows),
        (false, true) => Some(Orientation::YearsAsColumns),
        (false, false) => None,
    }
}

/// Years as rows with sub-labels in row 2: its first cell is blank or a
/// label without digits (not a mistyped year), and it holds text that is not
/// a number.
fn two_row_header(grid: &Grid) -> bool {
    let corner = grid.get(Cell { row: 1, col: 0 });
    if grid.rows.len() < 3 || corner.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    (1..grid.width).any(|col| {
        let t = grid.get(Cell { row: 1, col }).trim();
        !is_gap(t)
            && read_number(t, NumberStyle::Vi).is_none()
            && read_number(t, NumberStyle::En).is_none()
    })
}

// ---------------------------------------------------------------- header

struct YearLine {
    k: usize,
    year: i32,
    estimate: bool,
}

fn read_years(grid: &Grid, layout: &Layout, problems: &mut Vec<Problem>) -> Vec<YearLine> {
    let mut lines = Vec::new();
    let mut seen: HashMap<i32, Cell> = HashMap::new();
    let (mut last, mut disorder_told) = (None, false);
    for k in layout.first_year()..layout.year_extent {
        let cell = layout.year_cell(k);
        let raw = grid.get(cell).trim();
        if raw.is_empty() {
            if layout.year_line_has_data(grid, k) {
                problems.push(Problem::at(cell, ProblemKind::MissingYear));
            }
            continue;
        }
        let Some(Year { year, estimate }) = parse_year(raw) else {
            problems.push(Problem::at(cell, ProblemKind::BadYear { raw: clip(raw) }));
            continue;
        };
        if let Some(&first) = seen.get(&year) {
            problems.push(Problem::at(cell, ProblemKind::YearRepeated { year, first }));
            continue;
        }
        seen.insert(year, cell);
        if let Some(previous) = last.filter(|&p| p > year && !disorder_told) {
            disorder_told = true;
            let kind = ProblemKind::YearsOutOfOrder { year, previous };
            problems.push(Problem::at(cell, kind));
        }
        last = Some(year);
        lines.push(YearLine { k, year, estimate });
    }
    lines
}

struct NameLine {
    s: usize,
    name: String,
    cell: Cell,
}

/// The named (or filled) series lines, with blank and duplicate names told.
fn read_names(grid: &Grid, layout: &Layout, problems: &mut Vec<Problem>) -> Vec<NameLine> {
    let (mut lines, mut group) = (Vec::new(), String::new());
    let mut seen: HashMap<String, Cell> = HashMap::new();
    for s in 1..layout.series_extent {
        let (name, cell, own_blank) = header_name(grid, layout, s, &mut group);
        if own_blank && !layout.series_has_data(grid, s) {
            continue;
        }
        if name.is_empty() {
            let line = layout.line(s);
            problems.push(Problem::at(cell, ProblemKind::BlankName { line }));
        } else if let Some(&first) = seen.get(&name.to_lowercase()) {
            let kind = ProblemKind::DuplicateName {
                name: name.clone(),
                first,
            };
            problems.push(Problem::at(cell, kind));
        } else {
            seen.insert(name.to_lowercase(), cell);
        }
        lines.push(NameLine { s, name, cell });
    }
    lines
}

/// The name of series line `s`, its cell, and whether its own header cells
/// are blank. In a two-row header a blank group cell takes the group from
/// the left (a merged cell).
fn header_name(grid: &Grid, layout: &Layout, s: usize, group: &mut String) -> (String, Cell, bool) {
    if !layout.two_row_header {
        let cell = layout.data_cell(0, s);
        let name = clean_name(grid.get(cell));
        let blank = name.is_empty();
        return (name, cell, blank);
    }
    let (top_cell, sub_cell) = (Cell { row: 0, col: s }, Cell { row: 1, col: s });
    let (top, sub) = (
        clean_name(grid.get(top_cell)),
        clean_name(grid.get(sub_cell)),
    );
    let blank = top.is_empty() && sub.is_empty();
    if !top.is_empty() {
        group.clone_from(&top);
    }
    let cell = if sub.is_empty() && !top.is_empty() {
        top_cell
    } else {
        sub_cell
    };
    let name = match (group.is_empty(), sub.is_empty()) {
        (false, false) => format!("{group} – {sub}"),
        (false, true) => group.clone(),
        (true, _) => sub,
    };
    (name, cell, blank)
}

/// Whitespace (line breaks of a multi-line header cell too) becomes one space.
fn clean_name(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------- values

/// The style the value cells vote for; ties (and no votes) go to
/// Vietnamese, a guess unless the delimiter is `;`.
fn detect_style(
    grid: &Grid,
    layout: &Layout,
    years: &[YearLine],
    names: &[NameLine],
    delimiter: Delimiter,
) -> (NumberStyle, bool) {
    let (mut vi, mut en) = (0usize, 0usize);
    for name in names {
        for y in years {
            let t = grid.get(layout.data_cell(y.k, name.s)).trim();
            if is_gap(t) {
                continue;
            }
            match (
                read_number(t, NumberStyle::Vi),
                read_number(t, NumberStyle::En),
            ) {
                (Some(_), None) => vi += 1,
                (None, Some(_)) => en += 1,
                _ => {}
            }
        }
    }
    if en > vi {
        (NumberStyle::En, false)
    } else if vi > en {
        (NumberStyle::Vi, false)
    } else {
        (NumberStyle::Vi, delimiter != Delimiter::Semicolon)
    }
}

fn read_series(
    grid: &Grid,
    layout: &Layout,
    years: &[YearLine],
    names: Vec<NameLine>,
    style: NumberStyle,
    problems: &mut Vec<Problem>,
) -> Vec<Series> {
    let mut series = Vec::new();
    for line in names {
        let (mut points, mut told) = (Vec::new(), false);
        for y in years {
            let cell = layout.data_cell(y.k, line.s);
            match parse_number(grid.get(cell), style) {
                Ok(Some(n)) => points.push(PastedPoint {
                    year: y.year,
                    value: n.value,
                    cell,
                    estimate: y.estimate,
                    percent: n.percent,
                    footnote: n.footnote,
                }),
                Ok(None) => {}
                Err(kind) => {
                    told = true;
                    problems.push(Problem::at(cell, kind));
                }
            }
        }
        if points.is_empty() {
            if !told {
                let kind = ProblemKind::EmptySeries { name: line.name };
                problems.push(Problem::at(line.cell, kind));
            }
            continue;
        }
        points.sort_by_key(|p| p.year);
        series.push(Series {
            name: line.name,
            name_cell: line.cell,
            points,
        });
    }
    series
}

// ---------------------------------------------------------------- numbers

fn is_gap(t: &str) -> bool {
    const GAPS: [&str; 10] = [
        "", "-", "–", "—", "…", "...", "n/a", "na", "k.c.s", "k.c.s.",
    ];
    t.len() <= 8 && GAPS.contains(&t.to_lowercase().as_str())
}

/// A trimmed, non-gap cell read in one style.
fn read_number(t: &str, style: NumberStyle) -> Option<Number> {
    let (t, percent, footnote) = strip_marks(t, false, false);
    let (t, paren) = match t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) => (inner.trim(), true),
        None => (t, false),
    };
    let (t, percent, footnote) = strip_marks(t, percent, footnote);
    let mut chars = t.chars();
    let (t, minus, signed) = match chars.next() {
        Some('+') => (chars.as_str().trim_start(), false, true),
        Some('-' | '\u{2212}') => (chars.as_str().trim_start(), true, true),
        _ => (t, false, false),
    };
    if paren && signed {
        return None;
    }
    let magnitude = parse_magnitude(t, style)?;
    let value = if paren || minus {
        -magnitude
    } else {
        magnitude
    };
    Some(Number {
        value,
        percent,
        footnote,
    })
}

/// Strips a trailing `%` and trailing footnote stars, in either order.
fn strip_marks(mut t: &str, mut percent: bool, mut footnote: bool) -> (&str, bool, bool) {
    loop {
        if !footnote && t.ends_with('*') {
            t = t.trim_end_matches('*').trim_end();
            footnote = true;
        } else if let Some(rest) = t.strip_suffix('%').filter(|_| !percent) {
            t = rest.trim_end();
            percent = true;
        } else {
            return (t, percent, footnote);
        }
    }
}

/// Digits with one decimal mark and optional thousands groups.
fn parse_magnitude(t: &str, style: NumberStyle) -> Option<f64> {
    let (decimal, group) = style.marks();
    let (int, frac) = match t.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let mut plain = if int.is_empty() && frac.is_some() {
        String::from("0")
    } else {
        grouped_digits(int, group)?
    };
    if plain.is_empty() {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !all_digits(f) {
            return None;
        }
        plain.push('.');
        plain.push_str(f);
    }
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// "1.917" / "1 917" → "1917" when the groups are 1–3 then 3 digits, with
/// one kind of separator: the style's or a space.
fn grouped_digits(int: &str, group: char) -> Option<String> {
    let Some(sep) = int.chars().find(|c| !c.is_ascii_digit()) else {
        return Some(int.to_owned());
    };
    if sep != group && !SPACES.contains(&sep) {
        return None;
    }
    let mut parts = int.split(sep);
    let first = parts.next()?;
    if first.is_empty() || first.len() > 3 || !all_digits(first) {
        return None;
    }
    if !parts.all(|p| p.len() == 3 && all_digits(p)) {
        return None;
    }
    Some(int.chars().filter(char::is_ascii_digit).collect())
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// At most 40 characters of a cell, for a message.
fn clip(t: &str) -> String {
    let mut chars = t.chars();
    let mut out: String = chars.by_ref().take(MAX_RAW_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

// ---------------------------------------------------------------- years

/// Lower case without Vietnamese diacritics ("Ước" → "uoc"), precomposed
/// or combining.
fn fold(s: &str) -> String {
    const BASES: [(char, &str); 7] = [
        ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
        ('e', "èéẻẽẹêềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọôồốổỗộơờớởỡợ"),
        ('u', "ùúủũụưừứửữự"),
        ('y', "ỳýỷỹỵ"),
        ('d', "đ"),
    ];
    s.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| {
            BASES
                .iter()
                .find(|(_, set)| !c.is_ascii() && set.contains(c))
                .map_or(c, |&(base, _)| base)
        })
        .collect()
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Drops "năm" / "year" at either end of the words before the year.
fn strip_year_word<'a, 'b>(mut w: &'a [&'b str]) -> &'a [&'b str] {
    let is_label = |x: &&str| matches!(*x, "nam" | "year");
    if let Some((first, rest)) = w.split_first() {
        if is_label(first) {
            w = rest;
        }
    }
    if let Some((last, rest)) = w.split_last() {
        if is_label(last) {
            w = rest;
        }
    }
    w
}

/// `Some(true)` for an estimate mark, `Some(false)` for nothing, `None` for
/// anything else (the cell is not a year).
fn estimate_phrase(w: &[&str], allow_e: bool) -> Option<bool> {
    match w.join(" ").as_str() {
        "" => Some(false),
        "uoc" | "uoc tinh" | "du uoc" | "du tinh" | "so bo" | "est" | "estimate" | "estimated" => {
            Some(true)
        }
        "e" if allow_e => Some(true),
        _ => None,
    }
}

// ---------------------------------------------------------------- messages

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "1234567" → "1.234.567" with `sep`.
fn group_thousands(digits: &str, sep: char) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut groups: Vec<String> = chars.rchunks(3).map(|g| g.iter().collect()).collect();
    groups.reverse();
    groups.join(&sep.to_string())
}

fn count(n: usize, lang: Lang) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    group_thousands(&n.to_string(), sep)
}

/// A value written in `style`: 14250.5 → "14.250,5" (Vi) or "14,250.5" (En).
pub fn format_number(value: f64, style: NumberStyle, percent: bool) -> String {
    let (decimal, group) = style.marks();
    let text = format!("{}", value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    out.push_str(&group_thousands(int, group));
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    if percent {
        out.push('%');
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl ProblemKind {
    /// The message without its cell, starting in lower case when it has one.
    fn text(&self, lang: Lang) -> String {
        match self {
            ProblemKind::Empty
            | ProblemKind::TooLarge { .. }
            | ProblemKind::TooManyRows { .. }
            | ProblemKind::TooManyColumns { .. }
            | ProblemKind::TooSmall { .. } => self.size_text(lang),
            ProblemKind::UnterminatedQuote | ProblemKind::NoYearHeader => self.layout_text(lang),
            ProblemKind::BadYear { .. }
            | ProblemKind::MissingYear
            | ProblemKind::YearRepeated { .. }
            | ProblemKind::YearsOutOfOrder { .. } => self.year_text(lang),
            ProblemKind::BlankName { .. }
            | ProblemKind::DuplicateName { .. }
            | ProblemKind::EmptySeries { .. } => self.name_text(lang),
            ProblemKind::NotANumber { .. }
            | ProblemKind::MixedNumberStyle { .. }
            | ProblemKind::AmbiguousNumber { .. }
            | ProblemKind::UnsureSeries { .. } => self.number_text(lang),
        }
    }

    fn size_text(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        match (self, lang) {
            (ProblemKind::TooLarge { bytes, limit }, Vi) => format!(
                "nội dung dán vào quá lớn ({} byte, tối đa {} byte). \
                 Hãy chỉ sao chép phần bảng cần dùng.",
                count(*bytes, Vi),
                count(*limit, Vi)
            ),
            (ProblemKind::TooLarge { bytes, limit }, En) => format!(
                "the pasted text is too large ({} bytes; the limit is {}). \
                 Copy only the part of the table you need.",
                count(*bytes, En),
                count(*limit, En)
            ),
            (ProblemKind::TooManyRows { limit }, Vi) => format!(
                "bảng có hơn {} hàng. Hãy chỉ sao chép những hàng cần dùng.",
                count(*limit, Vi)
            ),
            (ProblemKind::TooManyRows { limit }, En) => format!(
                "the table has more than {} rows. Copy only the rows you need.",
                count(*limit, En)
            ),
            (ProblemKind::TooManyColumns { limit }, Vi) => {
                format!("bảng có hơn {limit} cột. Hãy chỉ sao chép những cột cần dùng.")
            }
            (ProblemKind::TooManyColumns { limit }, En) => {
                format!("the table has more than {limit} columns. Copy only the columns you need.")
            }
            (ProblemKind::TooSmall { rows, cols }, Vi) => format!(
                "bảng cần ít nhất 2 hàng và 2 cột (các năm và ít nhất một chuỗi số liệu), \
                 nhưng nội dung dán vào có {rows} hàng và {cols} cột. \
                 Hãy sao chép cả hàng tiêu đề và cột năm."
            ),
            (ProblemKind::TooSmall { rows, cols }, En) => format!(
                "a table needs at least 2 rows and 2 columns (the years and at least one \
                 series), but the paste has {} and {}. \
                 Copy the header row and the year column too.",
                plural(*rows, "row"),
                plural(*cols, "column")
            ),
            (_, Vi) => "chưa có gì để đọc. Hãy dán một bảng sao chép từ Excel, \
                        Google Sheets hoặc LibreOffice."
                .into(),
            (_, En) => "there is nothing to read. Paste a table copied from Excel, \
                        Google Sheets or LibreOffice."
                .into(),
        }
    }

    fn layout_text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProblemKind::UnterminatedQuote, Lang::Vi) => {
                "dấu ngoặc kép (\") mở ở ô này nhưng không được đóng, nên toàn bộ phần sau \
                 bị coi là một ô. Hãy thêm dấu \" ở cuối nội dung ô, hoặc xóa dấu \" thừa."
            }
            (ProblemKind::UnterminatedQuote, Lang::En) => {
                "a double quote (\") opens in this cell but is never closed, so everything \
                 after it reads as one cell. Add a closing \" at the end of the cell, \
                 or delete the stray one."
            }
            (_, Lang::Vi) => {
                "không tìm thấy các năm. Cột đầu tiên (hoặc hàng đầu tiên) phải ghi các năm, \
                 ví dụ 2020, 2021, 2022; hãy sao chép cả phần đó."
            }
            (_, Lang::En) => {
                "no years found. The first column (or the first row) must hold the years, \
                 such as 2020, 2021, 2022; include it when you copy."
            }
        }
        .into()
    }

    fn year_text(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        match (self, lang) {
            (ProblemKind::BadYear { raw }, Vi) => format!(
                "“{raw}” không phải là năm. Hãy ghi năm là số nguyên từ 1900 đến 2200, \
                 ví dụ 2020 hoặc “2025 (ước)”; số liệu đi kèm chưa được đọc."
            ),
            (ProblemKind::BadYear { raw }, En) => format!(
                "“{raw}” is not a year. Write a whole year from 1900 to 2200, such as 2020 \
                 or “2025 (est.)”; the values that go with it are left out for now."
            ),
            (ProblemKind::YearRepeated { year, first }, Vi) => format!(
                "năm {year} bị lặp lại (đã có ở ô {}). Hãy xóa phần trùng hoặc sửa lại năm; \
                 số liệu đi kèm năm lặp chưa được đọc.",
                first.a1()
            ),
            (ProblemKind::YearRepeated { year, first }, En) => format!(
                "the year {year} appears twice (it is already in cell {}). Delete the repeat \
                 or correct the year; the values next to the repeat are left out.",
                first.a1()
            ),
            (ProblemKind::YearsOutOfOrder { year, previous }, Vi) => format!(
                "năm {year} đứng sau năm {previous}, nên các năm không theo thứ tự tăng dần. \
                 Số liệu vẫn được đọc và xếp lại theo năm; hãy kiểm tra xem có gõ nhầm năm không."
            ),
            (ProblemKind::YearsOutOfOrder { year, previous }, En) => format!(
                "the year {year} comes after {previous}, so the years are not in increasing \
                 order. The values are still read and sorted by year; check that no year is \
                 mistyped."
            ),
            (_, Vi) => "chưa có năm nhưng có số liệu đi kèm. Hãy điền năm vào ô này; \
                        số liệu đi kèm chưa được đọc."
                .into(),
            (_, En) => "the year is missing but there are values next to it. \
                        Fill in the year here; those values are left out for now."
                .into(),
        }
    }

    fn name_text(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        match (self, lang) {
            (ProblemKind::BlankName { line }, Vi) => {
                let (what, n) = match line {
                    Line::Row(n) => ("hàng", n),
                    Line::Column(n) => ("cột", n),
                };
                format!(
                    "chuỗi số liệu ở {what} {n} chưa có tên (tạm gọi là “{} {n}”). \
                     Hãy điền tên vào ô này, ví dụ “GRDP (tỷ đồng)”.",
                    capitalize(what)
                )
            }
            (ProblemKind::BlankName { line }, En) => {
                let (what, n) = match line {
                    Line::Row(n) => ("row", n),
                    Line::Column(n) => ("column", n),
                };
                format!(
                    "the series in {what} {n} has no name (called “{} {n}” for now). \
                     Type a name in this cell, such as “GRDP (billion VND)”.",
                    capitalize(what)
                )
            }
            (ProblemKind::DuplicateName { name, first }, Vi) => format!(
                "tên “{name}” trùng với tên ở ô {}. \
                 Hãy đổi một trong hai tên để phân biệt hai chuỗi số liệu.",
                first.a1()
            ),
            (ProblemKind::DuplicateName { name, first }, En) => format!(
                "the name “{name}” is already used in cell {}. \
                 Rename one of them so the two series can be told apart.",
                first.a1()
            ),
            (ProblemKind::EmptySeries { name }, _) => empty_series_text(name, lang),
            (_, lang) => self.size_text(lang),
        }
    }

    fn number_text(&self, lang: Lang) -> String {
        match self {
            ProblemKind::AmbiguousNumber {
                raw,
                style,
                read,
                meant,
            } => {
                let (r, m) = (
                    format_number(*read, *style, false),
                    format_number(*meant, *style, false),
                );
                match lang {
                    Lang::Vi => format!(
                        "“{raw}” đọc theo cách viết số của bảng là {r}, chênh khoảng 1.000 lần so với các số khác cùng dãy. \
                         Nếu ý là {m}, hãy viết {m}; nếu đúng là {r}, hãy kiểm tra lại đơn vị của dãy."
                    ),
                    Lang::En => format!(
                        "“{raw}” reads as {r} the way this table writes numbers, about 1,000 times off the rest of its series. \
                         If you meant {m}, write {m}; if it really is {r}, check the series' unit."
                    ),
                }
            }
            ProblemKind::UnsureSeries {
                raw,
                style,
                read,
                meant,
            } => {
                let (r, m) = (
                    format_number(*read, *style, false),
                    format_number(*meant, *style, false),
                );
                let way = |vi, en| if *style == NumberStyle::En { en } else { vi };
                match lang {
                    Lang::Vi => format!(
                        "mọi số của dãy này đọc được theo cả hai cách (“{raw}” là {r} theo cách viết số {} mà các dãy khác của bảng dùng, hoặc {m} theo cách còn lại). \
                         Hãy chọn “Cách viết số” ở trên cho đúng với bảng của bạn.",
                        way("kiểu Việt Nam", "kiểu Anh")
                    ),
                    Lang::En => format!(
                        "every figure of this series reads both ways (“{raw}” is {r} the {} way the table's other series write numbers, or {m} the other way). \
                         Choose how “Numbers are written” above, as your table writes them.",
                        way("Vietnamese", "English")
                    ),
                }
            }
            ProblemKind::NotANumber { raw, style } => not_a_number_text(raw, *style, lang),
            ProblemKind::MixedNumberStyle {
                raw,
                style,
                value,
                percent,
            } => mixed_style_text(raw, *style, format_number(*value, *style, *percent), lang),
            _ => self.size_text(lang),
        }
    }
}

fn empty_series_text(name: &str, lang: Lang) -> String {
    match (lang, name.is_empty()) {
        (Lang::Vi, true) => "chuỗi số liệu này không có số liệu nào. Hãy điền số liệu, \
                             hoặc bỏ chuỗi này khỏi bảng trước khi sao chép."
            .into(),
        (Lang::Vi, false) => format!(
            "chuỗi “{name}” không có số liệu nào. Hãy điền số liệu, \
             hoặc bỏ chuỗi này khỏi bảng trước khi sao chép."
        ),
        (Lang::En, true) => "this series has no values. Fill them in, \
                             or leave the series out when you copy."
            .into(),
        (Lang::En, false) => format!(
            "the series “{name}” has no values. Fill them in, \
             or leave the series out when you copy."
        ),
    }
}

fn not_a_number_text(raw: &str, style: NumberStyle, lang: Lang) -> String {
    let example = format_number(12.8, style, false);
    let odd_digits = raw.chars().any(|c| c.is_numeric() && !c.is_ascii_digit());
    match (lang, odd_digits) {
        (Lang::Vi, false) => format!("“{raw}” không phải là số. Sửa thành một số như {example}."),
        (Lang::Vi, true) => format!(
            "“{raw}” không phải là số vì dùng chữ số khác kiểu 0–9 thông thường. \
             Hãy gõ lại bằng chữ số 0–9, ví dụ {example}."
        ),
        (Lang::En, false) => {
            format!("“{raw}” is not a number. Write one number, such as {example}.")
        }
        (Lang::En, true) => format!(
            "“{raw}” is not a number: its digits are not the ordinary 0–9. \
             Retype it with the digits 0–9, such as {example}."
        ),
    }
}

/// `style` is the table's; the cell is in the other one.
fn mixed_style_text(raw: &str, style: NumberStyle, fix: String, lang: Lang) -> String {
    match (lang, style) {
        (Lang::Vi, NumberStyle::Vi) => format!(
            "“{raw}” viết theo kiểu tiếng Anh (dấu chấm thập phân), khác với phần còn lại \
             của bảng (kiểu Việt Nam: dấu phẩy thập phân, dấu chấm ngăn hàng nghìn). \
             Hãy sửa thành {fix}."
        ),
        (Lang::Vi, NumberStyle::En) => format!(
            "“{raw}” viết theo kiểu Việt Nam (dấu phẩy thập phân), khác với phần còn lại \
             của bảng (kiểu tiếng Anh: dấu chấm thập phân, dấu phẩy ngăn hàng nghìn). \
             Hãy sửa thành {fix}."
        ),
        (Lang::En, NumberStyle::Vi) => format!(
            "“{raw}” is written in English style (decimal point), unlike the rest of the \
             table (Vietnamese style: decimal comma, dots between thousands). \
             Write it as {fix}."
        ),
        (Lang::En, NumberStyle::En) => format!(
            "“{raw}” is written in Vietnamese style (decimal comma), unlike the rest of the \
             table (English style: decimal point, commas between thousands). \
             Write it as {fix}."
        ),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    fn read(text: &str) -> Pasted {
        read_table(text, &ReadOptions::default()).unwrap()
    }

    fn fail(text: &str) -> Problem {
        read_table(text, &ReadOptions::default()).unwrap_err()
    }

    #[test]
    fn a_number_a_thousand_times_off_its_series_because_it_reads_both_ways() {
        // A Vietnamese table of billions: "2,418" is 2.418 the table's way,
        // 2,418 the English way; the series says which was meant.
        let p = read(
            "Năm\tThu ngân sách (tỷ đồng)\n2021\t1.917\n2022\t2.104\n2023\t2,418\n2024\t2.650\n",
        );
        let s = &p.series[0];
        assert_eq!(
            s.points.iter().map(|x| x.year).collect::<Vec<_>>(),
            [2021, 2022, 2024]
        );
        let pr = p
            .problems
            .iter()
            .find(|x| matches!(x.kind, ProblemKind::AmbiguousNumber { .. }))
            .unwrap();
        assert_eq!(pr.cell.unwrap().a1(), "B4");
        let m = pr.message(Lang::Vi);
        assert!(
            m.contains("“2,418” đọc theo cách viết số của bảng là 2,418")
                && m.contains("hãy viết 2.418"),
            "{m}"
        );
        // A real small number among small ones is left alone; so is one
        // that is far off but cannot be read the other way.
        let p = read("Năm\tA\n2021\t2,418\n2022\t2,5\n2023\t2,7\n");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let p = read("Năm\tA\n2021\t1.917\n2022\t2.104\n2023\t2,4\n");
        assert!(!p
            .problems
            .iter()
            .any(|x| matches!(x.kind, ProblemKind::AmbiguousNumber { .. })));
    }

    fn values(s: &Series) -> Vec<(i32, f64)> {
        s.points.iter().map(|p| (p.year, p.value)).collect()
    }

    fn cell(row: usize, col: usize) -> Cell {
        Cell { row, col }
    }

    /// The only problem of a paste, with both messages.
    fn only_problem(text: &str) -> (Problem, String, String) {
        let pasted = read(text);
        assert_eq!(pasted.problems.len(), 1, "{:?}", pasted.problems);
        let p = pasted.problems[0].clone();
        let (vi, en) = (p.message(Lang::Vi), p.message(Lang::En));
        (p, vi, en)
    }

    #[test]
    fn excel_paste_with_quoted_cells_and_trailing_tabs() {
        let text = "Năm\t\"GRDP\n(tỷ đồng)\"\tTăng trưởng (%)\t\t\r\n\
                    2020\t1.917\t2,9\t\t\r\n\
                    2021\t2.011,5\t\"5,2\"\t\t\r\n\
                    2022\t2.150\t6,9%\t\t\r\n\r\n\r\n";
        let p = read(text);
        assert_eq!(p.delimiter, Delimiter::Tab);
        assert_eq!(p.orientation, Orientation::YearsAsRows);
        assert_eq!((p.style, p.style_guessed), (NumberStyle::Vi, false));
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.series.len(), 2);
        assert_eq!(p.series[0].name, "GRDP (tỷ đồng)");
        assert_eq!(p.series[0].name_cell, cell(0, 1));
        assert_eq!(
            values(&p.series[0]),
            [(2020, 1917.0), (2021, 2011.5), (2022, 2150.0)]
        );
        assert_eq!(
            values(&p.series[1]),
            [(2020, 2.9), (2021, 5.2), (2022, 6.9)]
        );
        let last = p.series[1].points[2];
        assert!(last.percent && !last.footnote && !last.estimate);
        assert_eq!(last.cell, cell(3, 2));
    }

    #[test]
    fn google_sheets_tsv_years_as_columns() {
        let text = "Chỉ tiêu\t2019\t2020\t2021\t2022\n\
                    GRDP bình quân đầu người (triệu đồng)\t98,4\t101,2\t104,5\t112,1\n\
                    Dân số (nghìn người)\t1.250\t1.262\t1.275\t1.289";
        let p = read(text);
        assert_eq!(p.orientation, Orientation::YearsAsColumns);
        assert_eq!((p.style, p.style_guessed), (NumberStyle::Vi, false));
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.series[1].name, "Dân số (nghìn người)");
        assert_eq!(p.series[1].name_cell, cell(2, 0));
        assert_eq!(
            values(&p.series[1]),
            [
                (2019, 1250.0),
                (2020, 1262.0),
                (2021, 1275.0),
                (2022, 1289.0)
            ]
        );
        assert_eq!(p.series[0].points[1].cell, cell(1, 2));
    }

    #[test]
    fn libreoffice_semicolon_csv_with_comma_decimals() {
        let text = "\"Năm\";\"GRDP (nghìn tỷ đồng)\";\"Tăng trưởng\"\n\
                    2020;71,1;2,9\n2021;74,3;4,5\n2022;80;7,7\n";
        let p = read(text);
        assert_eq!(p.delimiter, Delimiter::Semicolon);
        assert_eq!((p.style, p.style_guessed), (NumberStyle::Vi, false));
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.series[0].name, "GRDP (nghìn tỷ đồng)");
        assert_eq!(
            values(&p.series[0]),
            [(2020, 71.1), (2021, 74.3), (2022, 80.0)]
        );
    }

    #[test]
    fn comma_csv_with_dot_decimals_and_quoted_thousands() {
        let text = "Year,GRDP (billion VND),Growth (%)\n\
                    2020,\"1,917.5\",2.9\n2021,\"2,011\",5.2\n2022,\"2,150\",-0.5\n";
        let p = read(text);
        assert_eq!(p.delimiter, Delimiter::Comma);
        assert_eq!((p.style, p.style_guessed), (NumberStyle::En, false));
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(
            values(&p.series[0]),
            [(2020, 1917.5), (2021, 2011.0), (2022, 2150.0)]
        );
        assert_eq!(p.series[1].points[2].value, -0.5);
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}Năm\tA\r\n2020\t1\r\n2021\t2\r\n";
        let rows = split_cells(text, Delimiter::Tab).unwrap();
        assert_eq!(rows, [["Năm", "A"], ["2020", "1"], ["2021", "2"]]);
        let p = read(text);
        assert_eq!(p.series[0].name, "A");
        assert_eq!(p.series[0].points[1].cell, cell(2, 1));
        // A BOM before years as columns does not spoil the first cell.
        let p = read("\u{feff}Chỉ tiêu,2020,2021\r\nA,1,2\r\n");
        assert_eq!(p.orientation, Orientation::YearsAsColumns);
        assert_eq!(values(&p.series[0]), [(2020, 1.0), (2021, 2.0)]);
    }

    #[test]
    fn lone_carriage_returns() {
        let p = read("Năm,A\r2020,1\r2021,2\r");
        assert_eq!(p.delimiter, Delimiter::Comma);
        assert_eq!(values(&p.series[0]), [(2020, 1.0), (2021, 2.0)]);
        assert_eq!(p.series[0].points[1].cell, cell(2, 1));
    }

    #[test]
    fn merged_header_blanks_with_a_two_row_header() {
        let text = "Năm\tGRDP\t\tDân số\n\
                    \tTổng (tỷ đồng)\tBình quân (triệu đồng)\t\n\
                    2020\t1.917\t98,4\t1.250\n2021\t2.011\t101,2\t1.262\n";
        let p = read(text);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let names: Vec<_> = p.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "GRDP – Tổng (tỷ đồng)",
                "GRDP – Bình quân (triệu đồng)",
                "Dân số"
            ]
        );
        let cells: Vec<_> = p.series.iter().map(|s| s.name_cell).collect();
        assert_eq!(cells, [cell(1, 1), cell(1, 2), cell(0, 3)]);
        assert_eq!(values(&p.series[1]), [(2020, 98.4), (2021, 101.2)]);
        assert_eq!(p.series[0].points[0].cell, cell(2, 1));
    }

    #[test]
    fn blank_name_after_filling_is_located() {
        let (p, vi, en) = only_problem("Năm\t\tGRDP\n\t\tTổng\n2020\t5\t6\n");
        assert_eq!(p.cell, Some(cell(1, 1)));
        assert_eq!(
            p.kind,
            ProblemKind::BlankName {
                line: Line::Column(2)
            }
        );
        assert!(vi.starts_with("Ô B2: ") && vi.contains("chưa có tên") && vi.contains("“Cột 2”"));
        assert!(en.starts_with("Cell B2: ") && en.contains("no name") && en.contains("“Column 2”"));
        let (p, vi, _) = only_problem("Chỉ tiêu\t2020\t2021\nA\t1\t2\n\t3\t4\n");
        assert_eq!(p.kind, ProblemKind::BlankName { line: Line::Row(3) });
        assert!(vi.starts_with("Ô A3: ") && vi.contains("hàng 3"));
        // The series keeps its values, with an empty name.
        let s = read("Năm\t\tB\n2020\t1\t2\n").series;
        assert_eq!((s[0].name.as_str(), s[0].points.len()), ("", 1));
    }

    #[test]
    fn one_row_header_does_not_fill_blanks() {
        let p = read("Năm\tGRDP\t\n2020\t1\t2\n2021\t3\t4\n");
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].cell, Some(cell(0, 2)));
    }

    #[test]
    fn orientation_detection_and_forcing() {
        let rows = read("Năm\tA\tB\n2020\t1\t2\n2021\t3\t4\n");
        assert_eq!(rows.orientation, Orientation::YearsAsRows);
        assert_eq!(values(&rows.series[1]), [(2020, 2.0), (2021, 4.0)]);
        let cols = read("Năm,2020,2021\nA,1,2\nB,3,4\n");
        assert_eq!(cols.orientation, Orientation::YearsAsColumns);
        assert_eq!(values(&cols.series[1]), [(2020, 3.0), (2021, 4.0)]);
        // Both headers hold years: years as rows unless forced.
        let square = "Năm\t2020\t2021\n2020\t1\t2\n2021\t3\t4\n";
        assert_eq!(read(square).series[0].name, "2020");
        let opts = ReadOptions {
            orientation: Some(Orientation::YearsAsColumns),
            ..ReadOptions::default()
        };
        let forced = read_table(square, &opts).unwrap();
        assert_eq!(forced.orientation, Orientation::YearsAsColumns);
        assert_eq!(values(&forced.series[0]), [(2020, 1.0), (2021, 2.0)]);
        let wrong = ReadOptions {
            orientation: Some(Orientation::YearsAsColumns),
            ..ReadOptions::default()
        };
        let err = read_table("Năm\tA\n2020\t1\n2021\t2\n", &wrong).unwrap_err();
        assert_eq!(err.kind, ProblemKind::NoYearHeader);
    }

    #[test]
    fn year_cells() {
        let cases = [
            ("2020", 2020, false),
            ("Năm 2020", 2020, false),
            ("NĂM 2021", 2021, false),
            ("Year 2021", 2021, false),
            ("2025 (ước)", 2025, true),
            ("2025*", 2025, true),
            ("2025e", 2025, true),
            ("2025E", 2025, true),
            ("Ước 2025", 2025, true),
            ("Ước năm 2025", 2025, true),
            ("2025 ước tính", 2025, true),
            ("Năm 2025 (dự ước)", 2025, true),
            ("2025 est.", 2025, true),
            ("2025 (estimate)", 2025, true),
            ("Sơ bộ 2024", 2024, true),
            ("U\u{31b}o\u{31b}\u{301}c 2025", 2025, true),
            (" 1900 ", 1900, false),
            ("2200", 2200, false),
        ];
        for (raw, year, estimate) in cases {
            assert_eq!(parse_year(raw), Some(Year { year, estimate }), "{raw}");
        }
        let not_years = [
            "1899",
            "2201",
            "2020.5",
            "2020,5",
            "20205",
            "95",
            "Q1 2020",
            "2019-2020",
            "２０２０",
            "GRDP 2020",
            "2020 abc",
            "abc",
            "",
            "Năm",
            "-2020",
        ];
        for raw in not_years {
            assert_eq!(parse_year(raw), None, "{raw}");
        }
    }

    #[test]
    fn estimate_marks_reach_the_points() {
        let p = read("Chỉ tiêu\t2023\t2024\t2025 (ước)\nGRDP\t1\t2\t3\n");
        let marks: Vec<_> = p.series[0].points.iter().map(|p| p.estimate).collect();
        assert_eq!(marks, [false, false, true]);
    }

    #[test]
    fn gaps_give_no_points_and_no_problems() {
        let text = "Năm\tA\tB\n2020\t-\t1\n2021\t–\t2\n2022\t—\t…\n\
                    2023\t...\tn/a\n2024\tNA\tk.c.s\n2025\t5\t\n2026\t \t3\n";
        let p = read(text);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(values(&p.series[0]), [(2025, 5.0)]);
        assert_eq!(
            values(&p.series[1]),
            [(2020, 1.0), (2021, 2.0), (2026, 3.0)]
        );
    }

    #[test]
    fn not_a_number_is_located() {
        let (p, vi, en) = only_problem("Năm\tA\n2020\t12,8,5\n2021\t1\n2022\t2,5\n");
        assert_eq!(p.cell, Some(cell(1, 1)));
        assert_eq!(
            vi,
            "Ô B2: “12,8,5” không phải là số. Sửa thành một số như 12,8."
        );
        assert_eq!(
            en,
            "Cell B2: “12,8,5” is not a number. Write one number, such as 12,8."
        );
        let (_, _, en) = only_problem("Year,A\n2020,12.8.5\n2021,1.5\n");
        assert!(en.ends_with("such as 12.8."), "{en}");
        for raw in ["abc", "1e309", "😀", "１２", "١٢"] {
            let (p, vi, en) = only_problem(&format!("Năm\tA\n2020\t{raw}\n2021\t1\n"));
            assert_eq!(
                p.kind,
                ProblemKind::NotANumber {
                    raw: raw.into(),
                    style: NumberStyle::Vi
                }
            );
            assert!(vi.contains("không phải là số") && en.contains("is not a number"));
            if raw.starts_with(['１', '١']) {
                assert!(vi.contains("0–9") && en.contains("0–9"), "{vi} / {en}");
            }
        }
        let long = "x".repeat(100);
        let (p, _, _) = only_problem(&format!("Năm\tA\n2020\t{long}\n2021\t1\n"));
        let ProblemKind::NotANumber { raw, .. } = p.kind else {
            panic!()
        };
        assert_eq!(raw.chars().count(), 41);
    }

    #[test]
    fn mixed_number_style_is_located_with_a_suggestion() {
        let (p, vi, en) = only_problem("Năm\tA\tB\n2020\t71,1\t14,250.5\n2021\t72,5\t3,5\n");
        assert_eq!(p.cell, Some(cell(1, 2)));
        assert!(matches!(
            p.kind,
            ProblemKind::MixedNumberStyle {
                style: NumberStyle::Vi,
                ..
            }
        ));
        assert!(
            vi.starts_with("Ô C2: “14,250.5” viết theo kiểu tiếng Anh"),
            "{vi}"
        );
        assert!(vi.ends_with("Hãy sửa thành 14.250,5."), "{vi}");
        assert!(
            en.contains("English style") && en.ends_with("Write it as 14.250,5."),
            "{en}"
        );
        let (p, vi, en) = only_problem("Year,A\n2020,71.1\n2021,\"2,5%\"\n2022,3.5\n");
        assert_eq!(p.cell, Some(cell(2, 1)));
        assert!(
            vi.contains("kiểu Việt Nam") && vi.ends_with("sửa thành 2.5%."),
            "{vi}"
        );
        assert!(
            en.contains("Vietnamese style") && en.ends_with("as 2.5%."),
            "{en}"
        );
    }

    #[test]
    fn bad_and_missing_years() {
        let (p, vi, en) = only_problem("Năm\tA\n2020\t1\n20x1\t2\n2022\t3\n");
        assert_eq!(p.cell, Some(cell(2, 0)));
        assert_eq!(p.kind, ProblemKind::BadYear { raw: "20x1".into() });
        assert!(vi.starts_with("Ô A3: “20x1” không phải là năm") && vi.contains("1900"));
        assert!(en.starts_with("Cell A3: “20x1” is not a year") && en.contains("2200"));
        let (p, vi, en) = only_problem("Năm\tA\n2020\t1\n\t2\n2022\t3\n");
        assert_eq!(
            (p.cell, p.kind),
            (Some(cell(2, 0)), ProblemKind::MissingYear)
        );
        assert!(vi.contains("chưa có năm") && en.contains("missing"));
        // A mistyped year in the second row is not a second header row.
        let (p, _, _) = only_problem("Năm\tA\n20x1\tabc\n2021\t1\n2022\t3\n");
        assert_eq!(p.kind, ProblemKind::BadYear { raw: "20x1".into() });
        // A wholly blank row in the middle is just skipped.
        assert!(read("Năm\tA\n2020\t1\n\t\n2022\t3\n").problems.is_empty());
    }

    #[test]
    fn repeated_year_at_the_second_cell() {
        let text = "Năm\tA\n2020\t1\n2021\t2\n2021\t3\n";
        let (p, vi, en) = only_problem(text);
        assert_eq!(p.cell, Some(cell(3, 0)));
        assert_eq!(
            p.kind,
            ProblemKind::YearRepeated {
                year: 2021,
                first: cell(2, 0)
            }
        );
        assert!(vi.starts_with("Ô A4: năm 2021 bị lặp lại") && vi.contains("ô A3"));
        assert!(en.contains("appears twice") && en.contains("cell A3"));
        assert_eq!(values(&read(text).series[0]), [(2020, 1.0), (2021, 2.0)]);
    }

    #[test]
    fn years_out_of_order_are_sorted_and_told_once() {
        let text = "Năm\tA\n2022\t1\n2021\t2\n2020\t3\n";
        let (p, vi, en) = only_problem(text);
        assert_eq!(p.cell, Some(cell(2, 0)));
        assert_eq!(
            p.kind,
            ProblemKind::YearsOutOfOrder {
                year: 2021,
                previous: 2022
            }
        );
        assert!(vi.contains("không theo thứ tự") && en.contains("not in increasing order"));
        let pts = read(text).series[0].points.clone();
        assert_eq!(
            pts.iter().map(|p| p.year).collect::<Vec<_>>(),
            [2020, 2021, 2022]
        );
        assert_eq!(pts[0].cell, cell(3, 1));
    }

    #[test]
    fn empty_series_and_duplicate_names() {
        let (p, vi, en) = only_problem("Năm\tA\tXuất khẩu\n2020\t1\t-\n2021\t2\t\n");
        assert_eq!(p.cell, Some(cell(0, 2)));
        assert_eq!(
            p.kind,
            ProblemKind::EmptySeries {
                name: "Xuất khẩu".into()
            }
        );
        assert!(vi.contains("“Xuất khẩu” không có số liệu") && en.contains("has no values"));
        assert_eq!(read("Năm\tA\tB\n2020\t1\t-\n").series.len(), 1);
        let (p, vi, en) = only_problem("Năm\tGRDP\tgrdp\n2020\t1\t2\n");
        assert_eq!(p.cell, Some(cell(0, 2)));
        assert_eq!(
            p.kind,
            ProblemKind::DuplicateName {
                name: "grdp".into(),
                first: cell(0, 1)
            }
        );
        assert!(vi.starts_with("Ô C1: tên “grdp” trùng") && vi.contains("ô B1"));
        assert!(en.contains("already used in cell B1"));
    }

    #[test]
    fn unterminated_quote_is_located() {
        let err = fail("Năm\tA\n2020\t\"1\n2021\t2\n");
        assert_eq!(
            (err.cell, &err.kind),
            (Some(cell(1, 1)), &ProblemKind::UnterminatedQuote)
        );
        assert!(err.message(Lang::Vi).starts_with("Ô B2: dấu ngoặc kép"));
        assert!(err.message(Lang::En).contains("never closed"));
        let err = fail("Năm,A\n2020,\"1\n");
        assert_eq!(err.cell, Some(cell(1, 1)));
    }

    #[test]
    fn style_detection() {
        // Nothing decides: Vietnamese, as a guess.
        let p = read("Năm\tA\n2020\t1.917\n2021\t2.011\n");
        assert_eq!((p.style, p.style_guessed), (NumberStyle::Vi, true));
        assert_eq!(values(&p.series[0]), [(2020, 1917.0), (2021, 2011.0)]);
        // `;` is evidence enough.
        let p = read("Năm;A\n2020;1.917\n2021;2.011\n");
        assert_eq!((p.style, p.style_guessed), (NumberStyle::Vi, false));
        // One unambiguous cell decides the ambiguous ones.
        let p = read("Năm\tA\n2020\t1,917\n2021\t2,5\n");
        assert_eq!(values(&p.series[0]), [(2020, 1.917), (2021, 2.5)]);
        let p = read("Năm\tA\n2020\t1,917\n2021\t2.5\n");
        assert_eq!((p.style, p.style_guessed), (NumberStyle::En, false));
        assert_eq!(values(&p.series[0]), [(2020, 1917.0), (2021, 2.5)]);
        let p = read("Năm\tA\n2020\t1.234.567\n2021\t1.917\n");
        assert_eq!(p.style, NumberStyle::Vi);
        let p = read("Năm\tA\n2020\t1,234,567\n2021\t1,917\n");
        assert_eq!(
            (p.style, values(&p.series[0])[1].1),
            (NumberStyle::En, 1917.0)
        );
        // Forced.
        let opts = ReadOptions {
            style: Some(NumberStyle::En),
            ..ReadOptions::default()
        };
        let p = read_table("Năm\tA\n2020\t1.917\n2021\t2.011\n", &opts).unwrap();
        assert_eq!((p.style, p.style_guessed), (NumberStyle::En, false));
        assert_eq!(values(&p.series[0]), [(2020, 1.917), (2021, 2.011)]);
        // An even split is a guess, and the minority cell a problem.
        let p = read("Năm\tA\n2020\t71,1\n2021\t71.1\n");
        assert_eq!((p.style, p.style_guessed), (NumberStyle::Vi, true));
        assert_eq!(p.problems[0].cell, Some(cell(2, 1)));
    }

    #[test]
    fn delimiter_detection_and_forcing() {
        let d = |t: &str| read(t).delimiter;
        assert_eq!(
            d("Năm;GRDP, tỷ đồng\n2020;71,1\n2021;72,5\n"),
            Delimiter::Semicolon
        );
        assert_eq!(d("Năm;A\n2020;71,1\n2021;72\n"), Delimiter::Semicolon);
        assert_eq!(d("\"Năm\tx\",A\n2020,1\n2021,2\n"), Delimiter::Comma);
        let opts = ReadOptions {
            delimiter: Some(Delimiter::Semicolon),
            ..ReadOptions::default()
        };
        let p = read_table("Năm;A,B\n2020;1,5\n", &opts).unwrap();
        assert_eq!(
            (p.series[0].name.as_str(), p.series[0].points[0].value),
            ("A,B", 1.5)
        );
    }

    #[test]
    fn number_cells() {
        use NumberStyle::{En, Vi};
        let ok = |raw: &str, style| parse_number(raw, style).unwrap().unwrap();
        let cases = [
            ("71,1", Vi, 71.1),
            ("1.917", Vi, 1917.0),
            ("14.250,5", Vi, 14250.5),
            ("1 917", Vi, 1917.0),
            ("1\u{a0}917", Vi, 1917.0),
            ("1\u{a0}917,25", Vi, 1917.25),
            ("71.1", En, 71.1),
            ("1,917", En, 1917.0),
            ("14,250.5", En, 14250.5),
            ("1 917", En, 1917.0),
            ("+3,5", Vi, 3.5),
            ("-3,5", Vi, -3.5),
            ("\u{2212}3,5", Vi, -3.5),
            ("(2,5)", Vi, -2.5),
            ("(2.5)", En, -2.5),
            (",5", Vi, 0.5),
            (".5", En, 0.5),
            ("  12  ", Vi, 12.0),
            ("007", Vi, 7.0),
        ];
        for (raw, style, value) in cases {
            assert_eq!(ok(raw, style).value, value, "{raw}");
        }
        let n = ok("12,5%", Vi);
        assert_eq!((n.value, n.percent, n.footnote), (12.5, true, false));
        let n = ok("12,5 %*", Vi);
        assert_eq!((n.value, n.percent, n.footnote), (12.5, true, true));
        let n = ok("(3,2)**", Vi);
        assert_eq!((n.value, n.percent, n.footnote), (-3.2, false, true));
        for gap in [
            "", " ", "-", "–", "—", "…", "...", "n/a", "N/A", "NA", "k.c.s",
        ] {
            assert_eq!(parse_number(gap, Vi), Ok(None), "{gap}");
        }
        let bad = [
            "abc",
            "12,8,5",
            "1e309",
            "1e5",
            "😀",
            "１２",
            "١٢",
            "1..5",
            "1,",
            "(-2)",
            "1.23.4",
            "1 2345",
            "12-",
            "--1",
            "%",
            "*",
            "()",
            "1 917.000,5",
            "0x10",
            "inf",
            "NaN",
        ];
        for raw in bad {
            assert!(
                matches!(parse_number(raw, Vi), Err(ProblemKind::NotANumber { .. })),
                "{raw}: {:?}",
                parse_number(raw, Vi)
            );
        }
        assert!(matches!(
            parse_number("71.1", Vi),
            Err(ProblemKind::MixedNumberStyle { value, .. }) if value == 71.1
        ));
        assert!(matches!(
            parse_number("71,1", En),
            Err(ProblemKind::MixedNumberStyle { style: En, .. })
        ));
        let huge = "9".repeat(400);
        assert!(parse_number(&huge, Vi).is_err());
    }

    #[test]
    fn formatting_for_suggestions() {
        assert_eq!(format_number(14250.5, NumberStyle::Vi, false), "14.250,5");
        assert_eq!(
            format_number(-1234567.0, NumberStyle::En, false),
            "-1,234,567"
        );
        assert_eq!(format_number(12.5, NumberStyle::Vi, true), "12,5%");
        assert_eq!(format_number(0.25, NumberStyle::En, false), "0.25");
    }

    #[test]
    fn a1_notation() {
        assert_eq!(cell(0, 0).a1(), "A1");
        assert_eq!(cell(3, 2).a1(), "C4");
        assert_eq!(cell(9, 25).a1(), "Z10");
        assert_eq!(cell(0, 26).a1(), "AA1");
        assert_eq!(cell(0, 200).a1(), "GS1");
    }

    #[test]
    fn split_cells_quoting() {
        let text = "\"a \"\"quoted\"\" word\",\"line one\r\nline two\",\"1,917\"\nx\"y,\"a\"b\n";
        let rows = split_cells(text, Delimiter::Comma).unwrap();
        assert_eq!(
            rows,
            [
                vec!["a \"quoted\" word", "line one\nline two", "1,917"],
                vec!["x\"y", "ab"]
            ]
        );
        let rows = split_cells("a\n\n\nb\n\n", Delimiter::Tab).unwrap();
        assert_eq!(rows, [vec!["a"], vec![], vec![], vec!["b"]]);
    }

    #[test]
    fn fatal_errors() {
        for empty in ["", "\u{feff}", "\n\n\r\n", "\t\t\n \t\n", ",,\r,"] {
            assert_eq!(fail(empty).kind, ProblemKind::Empty, "{empty:?}");
        }
        assert_eq!(
            fail("Năm\tA\n").kind,
            ProblemKind::TooSmall { rows: 1, cols: 2 }
        );
        assert_eq!(
            fail("Năm\n2020\n2021\n").kind,
            ProblemKind::TooSmall { rows: 3, cols: 1 }
        );
        assert_eq!(fail("a\tb\nc\td\n").kind, ProblemKind::NoYearHeader);
        for p in [fail(""), fail("Năm\tA\n"), fail("a\tb\nc\td\n")] {
            let (vi, en) = (p.message(Lang::Vi), p.message(Lang::En));
            assert!(vi.chars().next().unwrap().is_uppercase(), "{vi}");
            assert!(en.chars().next().unwrap().is_uppercase(), "{en}");
        }
        assert!(fail("Năm\tA\n")
            .message(Lang::En)
            .contains("1 row and 2 columns"));
    }

    #[test]
    fn limits() {
        let big = "1".repeat(MAX_BYTES + 1);
        let err = fail(&big);
        assert_eq!(
            err.kind,
            ProblemKind::TooLarge {
                bytes: MAX_BYTES + 1,
                limit: MAX_BYTES
            }
        );
        assert!(err.message(Lang::Vi).contains("1.000.001 byte"));
        assert!(err.message(Lang::En).contains("1,000,001 bytes"));
        assert!(split_cells(&big, Delimiter::Tab).is_err());

        let rows = |n: usize| {
            let mut t = String::from("Năm\tA\n");
            for i in 0..n {
                t.push_str(&format!("{}\t{i}\n", 1900 + i % 300));
            }
            t
        };
        assert!(read_table(&rows(MAX_ROWS - 1), &ReadOptions::default()).is_ok());
        let err = fail(&rows(MAX_ROWS));
        assert_eq!(err.kind, ProblemKind::TooManyRows { limit: MAX_ROWS });
        assert!(err.message(Lang::Vi).contains("hơn 1.000 hàng"));
        // Trailing blank lines and cells do not count.
        let padded = format!("{}{}", rows(10), "\r\n".repeat(5_000));
        assert_eq!(read(&padded).series[0].points.len(), 10);
        let wide = format!("Năm\tA{}\n2020\t1{}\n", "\t".repeat(500), "\t".repeat(500));
        assert_eq!(read(&wide).series.len(), 1);

        let too_wide = format!("Năm{}\n", "\tA".repeat(MAX_COLS));
        let err = fail(&too_wide);
        assert_eq!(err.kind, ProblemKind::TooManyColumns { limit: MAX_COLS });
        assert_eq!(err.cell, Some(cell(0, MAX_COLS)));
        assert!(err
            .message(Lang::Vi)
            .starts_with("Ô GS1: bảng có hơn 200 cột"));
        // A megabyte of delimiters or quotes is cheap and not a table.
        assert!(read_table(&",".repeat(MAX_BYTES), &ReadOptions::default()).is_err());
        assert!(read_table(&"\"".repeat(MAX_BYTES), &ReadOptions::default()).is_err());
        assert!(read_table(&"\n".repeat(MAX_BYTES), &ReadOptions::default()).is_err());
    }

    #[test]
    fn every_message_reads_in_both_languages() {
        let kinds = [
            ProblemKind::Empty,
            ProblemKind::TooLarge { bytes: 2, limit: 1 },
            ProblemKind::TooManyRows { limit: 1 },
            ProblemKind::TooManyColumns { limit: 1 },
            ProblemKind::TooSmall { rows: 1, cols: 1 },
            ProblemKind::UnterminatedQuote,
            ProblemKind::NoYearHeader,
            ProblemKind::BadYear { raw: "x".into() },
            ProblemKind::MissingYear,
            ProblemKind::YearRepeated {
                year: 2020,
                first: cell(1, 0),
            },
            ProblemKind::YearsOutOfOrder {
                year: 2020,
                previous: 2021,
            },
            ProblemKind::BlankName {
                line: Line::Column(2),
            },
            ProblemKind::DuplicateName {
                name: "A".into(),
                first: cell(0, 1),
            },
            ProblemKind::EmptySeries {
                name: String::new(),
            },
            ProblemKind::NotANumber {
                raw: "x".into(),
                style: NumberStyle::En,
            },
            ProblemKind::MixedNumberStyle {
                raw: "1,5".into(),
                style: NumberStyle::En,
                value: 1.5,
                percent: false,
            },
        ];
        let mut seen = std::collections::HashSet::new();
        for kind in kinds {
            for cell in [None, Some(cell(2, 1))] {
                let p = Problem {
                    cell,
                    kind: kind.clone(),
                };
                let (vi, en) = (p.message(Lang::Vi), p.message(Lang::En));
                assert!(!vi.is_ascii() && vi.ends_with('.'), "{vi}");
                assert!(en.ends_with('.') && vi != en, "{en}");
                let opening = |m: &str| m.starts_with(|c: char| c.is_uppercase() || c == '“');
                assert!(opening(&vi) && opening(&en), "{vi} / {en}");
                if cell.is_some() {
                    assert!(vi.starts_with("Ô B3: ") && en.starts_with("Cell B3: "));
                }
                seen.insert(vi);
            }
        }
        assert_eq!(seen.len(), 32, "every kind has its own message");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    const PASTE: &str = "Năm\t\"GRDP\n(tỷ đồng)\"\tTăng trưởng (%)\t\t\r\n\
                         2020\t1.917\t2,9\t\t\r\n2021\t2.011,5\t\"5,2\"\t\t\r\n\
                         2022 (ước)\t2.150\t6,9%\t\t\r\n";

    fn token() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "\t",
            ",",
            ";",
            "\"",
            "\"\"",
            "\n",
            "\r",
            "\r\n",
            " ",
            "2020",
            "2021",
            "1999",
            "Năm",
            "ước",
            "e",
            "*",
            "%",
            "(",
            ")",
            "-",
            "\u{2212}",
            "1",
            "12",
            "3,5",
            "1.917",
            "\u{feff}",
            "\u{a0}",
            "abc",
            "１２",
            "…",
            "n/a",
            "",
            "0",
            "Chỉ tiêu",
            "\t\t\t",
        ])
    }

    fn options() -> impl Strategy<Value = ReadOptions> {
        let delimiter = prop_oneof![
            Just(Delimiter::Tab),
            Just(Delimiter::Comma),
            Just(Delimiter::Semicolon)
        ];
        let orientation = prop_oneof![
            Just(Orientation::YearsAsRows),
            Just(Orientation::YearsAsColumns)
        ];
        let style = prop_oneof![Just(NumberStyle::Vi), Just(NumberStyle::En)];
        (
            prop::option::of(delimiter),
            prop::option::of(orientation),
            prop::option::of(style),
        )
            .prop_map(|(delimiter, orientation, style)| ReadOptions {
                delimiter,
                orientation,
                style,
            })
    }

    /// Reads and, when it reads, checks what every result promises.
    fn check(text: &str, opts: &ReadOptions) {
        if let Ok(p) = read_table(text, opts) {
            for s in &p.series {
                assert!(!s.points.is_empty());
                assert!(s.points.windows(2).all(|w| w[0].year < w[1].year));
                assert!(s.points.iter().all(|pt| pt.value.is_finite()));
            }
            for problem in &p.problems {
                let _ = (problem.message(Lang::Vi), problem.message(Lang::En));
            }
        }
    }

    /// A generated table: years from `start`, `values[series * years + year]`
    /// as (mantissa, decimals).
    #[derive(Debug, Clone)]
    struct Table {
        start: i32,
        years: usize,
        as_rows: bool,
        style: NumberStyle,
        delimiter: Delimiter,
        grouping: u8,
        crlf: bool,
        values: Vec<(i64, u32)>,
    }

    fn table() -> impl Strategy<Value = Table> {
        (
            1900i32..=2150,
            1usize..=12,
            1usize..=4,
            any::<(bool, bool, bool)>(),
            0u8..3,
            0u8..3,
        )
            .prop_flat_map(|(start, years, series, (as_rows, vi, crlf), d, grouping)| {
                let value = (-1_000_000_000i64..=1_000_000_000, 0u32..=2);
                prop::collection::vec(value, years * series).prop_map(move |mut values| {
                    values[0].1 = 1; // one unambiguous cell decides the style
                    Table {
                        start,
                        years,
                        as_rows,
                        style: if vi { NumberStyle::Vi } else { NumberStyle::En },
                        delimiter: [Delimiter::Tab, Delimiter::Comma, Delimiter::Semicolon]
                            [usize::from(d)],
                        grouping,
                        crlf,
                        values,
                    }
                })
            })
    }

    fn write_value((m, d): (i64, u32), style: NumberStyle, grouping: u8) -> String {
        let (decimal, group) = match style {
            NumberStyle::Vi => (',', '.'),
            NumberStyle::En => ('.', ','),
        };
        let p = 10u64.pow(d);
        let (int, frac) = (m.unsigned_abs() / p, m.unsigned_abs() % p);
        let digits: Vec<char> = int.to_string().chars().collect();
        let mut out = String::from(if m < 0 { "-" } else { "" });
        for (i, c) in digits.iter().enumerate() {
            let left = digits.len() - i;
            if i > 0 && left.is_multiple_of(3) && grouping > 0 {
                out.push(if grouping == 1 { group } else { '\u{a0}' });
            }
            out.push(*c);
        }
        if d > 0 {
            out.push(decimal);
            out.push_str(&format!("{frac:0width$}", width = d as usize));
        }
        out
    }

    fn write_table(t: &Table) -> String {
        let series = t.values.len() / t.years;
        let value =
            |s: usize, y: usize| write_value(t.values[s * t.years + y], t.style, t.grouping);
        let year = |y: usize| (t.start + y as i32).to_string();
        let name = |s: usize| format!("S{}", s + 1);
        let mut grid: Vec<Vec<String>> = Vec::new();
        if t.as_rows {
            grid.push(
                std::iter::once("Năm".into())
                    .chain((0..series).map(name))
                    .collect(),
            );
            for y in 0..t.years {
                grid.push(
                    std::iter::once(year(y))
                        .chain((0..series).map(|s| value(s, y)))
                        .collect(),
                );
            }
        } else {
            grid.push(
                std::iter::once("Chỉ tiêu".into())
                    .chain((0..t.years).map(year))
                    .collect(),
            );
            for s in 0..series {
                grid.push(
                    std::iter::once(name(s))
                        .chain((0..t.years).map(|y| value(s, y)))
                        .collect(),
                );
            }
        }
        let d = t.delimiter.as_char();
        let quote = |c: &String| {
            if c.contains(d) || c.contains('"') {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        };
        let end = if t.crlf { "\r\n" } else { "\n" };
        grid.iter()
            .map(|row| {
                row.iter()
                    .map(quote)
                    .collect::<Vec<_>>()
                    .join(&d.to_string())
                    + end
            })
            .collect()
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(text in any::<String>(), opts in options()) {
            check(&text, &opts);
            let _ = split_cells(&text, Delimiter::Semicolon);
        }

        #[test]
        fn never_panics_on_token_soup(
            tokens in prop::collection::vec(token(), 0..300),
            opts in options(),
        ) {
            check(&tokens.concat(), &opts);
        }

        #[test]
        fn never_panics_on_mutated_paste(
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, token()), 1..12),
            opts in options(),
        ) {
            let mut chars: Vec<char> = PASTE.chars().collect();
            for (at, op, tok) in edits {
                let i = at.index(chars.len() + 1);
                match op {
                    0 => { chars.splice(i..i, tok.chars()); }
                    1 if i < chars.len() => { chars.remove(i); }
                    _ if i < chars.len() => { chars.splice(i..=i, tok.chars()); }
                    _ => {}
                }
            }
            let text: String = chars.into_iter().collect();
            check(&text, &opts);
            check(&text, &ReadOptions::default());
        }

        #[test]
        fn values_round_trip(t in table()) {
            let text = write_table(&t);
            let forced = ReadOptions { style: Some(t.style), ..ReadOptions::default() };
            for opts in [ReadOptions::default(), forced] {
                let p = read_table(&text, &opts).unwrap();
                prop_assert!(p.problems.is_empty(), "{:?}\n{}", p.problems, text);
                prop_assert_eq!(p.style, t.style, "{}", text);
                prop_assert_eq!(p.delimiter, t.delimiter);
                let series = t.values.len() / t.years;
                prop_assert_eq!(p.series.len(), series);
                for (s, got) in p.series.iter().enumerate() {
                    prop_assert_eq!(&got.name, &format!("S{}", s + 1));
                    prop_assert_eq!(got.points.len(), t.years);
                    for (y, pt) in got.points.iter().enumerate() {
                        let (m, d) = t.values[s * t.years + y];
                        let want = m as f64 / 10f64.powi(d as i32);
                        prop_assert_eq!(pt.year, t.start + y as i32);
                        prop_assert!((pt.value - want).abs() <= 1e-9 * want.abs().max(1.0),
                            "{} vs {} in\n{}", pt.value, want, text);
                    }
                }
            }
        }
    }

    #[test]
    fn a_series_that_reads_both_ways_is_questioned_when_another_series_made_the_table_english() {
        // "1.917 … 2.650" (thousands, the Vietnamese way) beside one row
        // written "6.5": read English, revenue would be 1,917 … 2,65.
        let text = "Chỉ tiêu\t2020\t2021\t2022\nThu ngân sách (tỷ đồng)\t1.917\t2.040\t2.210\nTốc độ tăng GRDP (%)\t6.5\t7.1\t6.8\n";
        let p = read_table(text, &ReadOptions::default()).unwrap();
        assert_eq!(p.style, NumberStyle::En);
        let q: Vec<_> = p
            .problems
            .iter()
            .filter(|x| matches!(x.kind, ProblemKind::UnsureSeries { .. }))
            .collect();
        assert_eq!(q.len(), 1, "{:?}", p.problems);
        assert_eq!(q[0].cell.map(|c| c.a1()), Some("B2".to_string()));
        assert!(
            q[0].message(Lang::Vi).contains("Cách viết số"),
            "{}",
            q[0].message(Lang::Vi)
        );
        // Chosen, it is not questioned; the Vietnamese reading is 1917.
        let opts = ReadOptions {
            style: Some(NumberStyle::Vi),
            ..ReadOptions::default()
        };
        let p = read_table(text, &opts).unwrap();
        assert!(!p
            .problems
            .iter()
            .any(|x| matches!(x.kind, ProblemKind::UnsureSeries { .. })));
        assert_eq!(p.series[0].points[0].value, 1917.0);
    }
}
