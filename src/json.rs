//! A small JSON parser for datasets: text to a [`Value`] tree, with errors
//! that say where (line and column).
//!
//! The dataset is the only JSON the engine reads. Reading it here, in one
//! pass over the text, replaces a general-purpose deserialiser: in the wasm,
//! the browser's `JSON.parse` followed by serde-wasm-bindgen cost ≈ 37 KB of
//! code and one call across the JS boundary per value read, and serde_json
//! ≈ 35 KB. The typed reading (which fields, which types) is in
//! [`crate::dataset`].
//!
//! It reads RFC 8259 JSON: no comments, no trailing commas, no `NaN`. Nesting
//! is limited to [`MAX_DEPTH`] levels, so no input can exhaust the stack. A
//! byte-order mark at the start is skipped (editors on Windows write one). A
//! `\u` escape of half a character (a lone surrogate), which JSON's grammar
//! allows but no text can hold, is refused, as serde_json refuses it: a
//! dataset's words must be text. A decimal comma (`"value": 58,5`), the
//! mistake a Vietnamese hand makes, is named as such.

use crate::problem::{JsonProblem, Problem};

/// A JSON value. Objects keep their keys in order, duplicates included (the
/// dataset reader refuses them by name).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// What kind of value this is, for messages ("a string", "an array").
    /// # Example
    /// ```
    /// use grdp_whatif::json::Value;
    /// assert_eq!(Value::Number(1.0).kind(), "a number");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 64;

/// What is wrong with a JSON text, and where (1-based line and column, in
/// characters).
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub what: JsonProblem,
}

impl ParseError {
    /// The problem, with where it is, for messages in either language.
    pub fn problem(&self) -> Problem {
        Problem::Json {
            line: self.line,
            column: self.column,
            what: self.what.clone(),
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.problem())
    }
}

impl std::error::Error for ParseError {}

/// Parse a whole JSON text.
///
/// # Errors
/// The first problem, with its line and column.
/// # Example
/// ```
/// use grdp_whatif::json::{parse, Value};
/// let v = parse(r#"{"year": 2025, "value": 71.1, "note": "Lạng Sơn \u00e9"}"#).unwrap();
/// let Value::Object(fields) = v else { panic!() };
/// assert_eq!(fields[1], ("value".to_string(), Value::Number(71.1)));
/// assert_eq!(fields[2].1, Value::String("Lạng Sơn é".into()));
/// let e = parse("[1, 2,]").unwrap_err();
/// assert_eq!((e.line, e.column), (1, 7));
/// ```
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    if text.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    p.space();
    let v = p.value(0)?;
    p.space();
    if p.pos < p.bytes.len() {
        return Err(p.error(JsonProblem::Trailing));
    }
    Ok(v)
}

/// Write a value as compact JSON text (what [`parse`] reads back to the same
/// value; NaN and ±∞, which JSON cannot hold, as null).
///
/// # Example
/// ```
/// use grdp_whatif::json::{parse, write};
/// let text = r#"{"a":[1,2.5,"x\"\n"],"b":null}"#;
/// assert_eq!(write(&parse(text).unwrap()), text);
/// ```
pub fn write(v: &Value) -> String {
    let mut out = String::new();
    write_into(v, &mut out);
    out
}

fn write_into(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if n.is_finite() => out.push_str(&format!("{n}")),
        Value::Number(_) => out.push_str("null"),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_into(item, out);
            }
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (i, (k, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_into(item, out);
            }
            out.push('}');
        }
    }
}

pub(crate) fn write_string(s: &str, out: &mut String) {
    out.push('"');
    // Runs that need no escape are copied whole (a presentation is mostly
    // such runs: copying char by char was a tenth of a slider step).
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or(""));
        if esc.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(esc);
        }
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out.push('"');
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, what: JsonProblem) -> ParseError {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ParseError { line, column, what }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self
            .bytes
            .get(self.pos..self.pos + word.len())
            .is_some_and(|b| b == word.as_bytes());
        if found {
            self.pos += word.len();
        }
        found
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        match self.peek() {
            None => Err(self.error(JsonProblem::End)),
            Some(b'{' | b'[') if depth >= MAX_DEPTH => Err(self.error(JsonProblem::TooDeep)),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) if self.eat("true") => Ok(Value::Bool(true)),
            Some(_) if self.eat("false") => Ok(Value::Bool(false)),
            Some(_) if self.eat("null") => Ok(Value::Null),
            Some(_) => Err(self.error(JsonProblem::ExpectedValue)),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.pos += 1; // {
        let mut fields = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(fields));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.error(JsonProblem::ExpectedKey));
            }
            let key = self.string()?;
            self.space();
            if self.peek() != Some(b':') {
                return Err(self.error(JsonProblem::ExpectedColon));
            }
            self.pos += 1;
            self.space();
            let start = self.pos;
            let v = self.value(depth)?;
            if matches!(v, Value::Number(_)) {
                self.decimal_comma(start)?;
            }
            fields.push((key, v));
            self.space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(fields));
                }
                _ => return Err(self.error(JsonProblem::ExpectedCommaOrClose('}'))),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.pos += 1; // [
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.space();
            items.push(self.value(depth)?);
            self.space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error(JsonProblem::ExpectedCommaOrClose(']'))),
            }
        }
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else if !digits(self) {
            return Err(self.error(JsonProblem::ExpectedDigit));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error(JsonProblem::ExpectedDigit));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error(JsonProblem::ExpectedDigit));
            }
        }
        let n: f64 = self
            .text
            .get(start..self.pos)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| self.error(JsonProblem::ExpectedDigit))?;
        if !n.is_finite() {
            self.pos = start;
            return Err(self.error(JsonProblem::NumberTooLarge));
        }
        Ok(Value::Number(n))
    }

    /// A number value in an object followed at once by `,` and digits
    /// (`"value": 58,5`): a decimal comma, not the next key.
    fn decimal_comma(&mut self, start: usize) -> Result<(), ParseError> {
        let end = self.pos;
        if self.peek() != Some(b',') {
            return Ok(());
        }
        let mut k = end + 1;
        while matches!(self.bytes.get(k), Some(b'0'..=b'9')) {
            k += 1;
        }
        if k == end + 1 {
            return Ok(());
        }
        let int = self.text.get(start..end).unwrap_or("").to_string();
        let frac = self.text.get(end + 1..k).unwrap_or("").to_string();
        self.pos = start;
        Err(self.error(JsonProblem::DecimalComma { int, frac }))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let h = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.error(JsonProblem::Escape))?;
        self.pos += 4;
        Ok(h)
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1; // "
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character.
            let run = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            out.push_str(self.text.get(run..self.pos).unwrap_or(""));
            match self.peek() {
                None => return Err(self.error(JsonProblem::Unterminated)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let at = self.pos - 1;
                            self.pos += 1;
                            let hi = self.hex4()?;
                            let lone = |p: &mut Self| {
                                p.pos = at;
                                Err(p.error(JsonProblem::LoneSurrogate))
                            };
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.eat("\\u") {
                                    return lone(self);
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return lone(self);
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return lone(self);
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(c) => out.push(c),
                                None => return lone(self),
                            }
                            continue;
                        }
                        _ => return Err(self.error(JsonProblem::Escape)),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error(JsonProblem::ControlCharacter)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(" {\"a\": [1, -2.5e3, 0, true, false, null, \"x\\n\\\"y\\\" \\ud83d\\ude00\"], \"b\": {}} ").unwrap();
        assert_eq!(
            v,
            Value::Object(vec![
                (
                    "a".into(),
                    Value::Array(vec![
                        Value::Number(1.0),
                        Value::Number(-2500.0),
                        Value::Number(0.0),
                        Value::Bool(true),
                        Value::Bool(false),
                        Value::Null,
                        Value::String("x\n\"y\" 😀".into()),
                    ])
                ),
                ("b".into(), Value::Object(vec![])),
            ])
        );
    }

    #[test]
    fn agrees_with_serde_json_on_the_dataset() {
        // Every number and string of the shipped dataset, compared with serde_json.
        fn same(a: &Value, b: &serde_json::Value) -> bool {
            match (a, b) {
                (Value::Null, serde_json::Value::Null) => true,
                (Value::Bool(x), serde_json::Value::Bool(y)) => x == y,
                (Value::Number(x), serde_json::Value::Number(y)) => Some(*x) == y.as_f64(),
                (Value::String(x), serde_json::Value::String(y)) => x == y,
                (Value::Array(x), serde_json::Value::Array(y)) => {
                    x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
                }
                (Value::Object(x), serde_json::Value::Object(y)) => {
                    x.len() == y.len()
                        && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
                }
                _ => false,
            }
        }
        let text = crate::dataset::DEFAULT_JSON;
        assert!(same(
            &parse(text).unwrap(),
            &serde_json::from_str(text).unwrap()
        ));
    }

    #[test]
    fn refuses_what_json_does_not_allow() {
        for bad in [
            "",
            " ",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "[01]",
            "[1.]",
            "[.5]",
            "[1e]",
            "[-]",
            "NaN",
            "[Infinity]",
            "'x'",
            "\"a\tb\"",
            "\"\\x\"",
            "\"\\u12\"",
            "[1] 2",
            "{\"a\" 1}",
            "[1e999]",
            "tru",
            "[",
            "{",
            "\"open",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn errors_say_where() {
        let e = parse("{\n  \"a\": 1,\n  \"b\": tru\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 8));
        assert_eq!(
            e.to_string(),
            "not valid JSON: expected a value at line 3 column 8"
        );
        let e = parse("[\"Lạng Sơn\", x]").unwrap_err();
        assert_eq!((e.line, e.column), (1, 14));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().what, JsonProblem::TooDeep);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn lone_surrogates_are_refused_as_serde_json_refuses_them() {
        for text in [
            "\"\\ud800x\"",
            "\"\\ud800\\u0041\"",
            "\"\\udc00\"",
            "\"a\\ud83d\"",
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(e.what, JsonProblem::LoneSurrogate, "{text}");
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "{text}"
            );
        }
        assert_eq!(
            parse("\"\\ud83d\\ude00\"").unwrap(),
            Value::String("😀".into())
        );
    }

    #[test]
    fn a_decimal_comma_is_named_and_a_bom_skipped() {
        let e = parse("{\"value\": 58,5}").unwrap_err();
        assert_eq!(
            e.what,
            JsonProblem::DecimalComma {
                int: "58".into(),
                frac: "5".into()
            }
        );
        assert_eq!((e.line, e.column), (1, 11));
        // In a list, 58,5 is two numbers: valid JSON.
        assert!(parse("[58,5]").is_ok());
        assert!(parse("{\"a\": 1,\"b\": 2}").is_ok());
        assert_eq!(
            parse("\u{feff}[1]").unwrap(),
            Value::Array(vec![Value::Number(1.0)])
        );
    }
}
