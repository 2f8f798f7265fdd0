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
//! is limited to [`MAX_DEPTH`] levels, so no input can exhaust the stack.

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
    pub problem: &'static str,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.problem, self.line, self.column
        )
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
    p.space();
    let v = p.value(0)?;
    p.space();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected text after the value"));
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, problem: &'static str) -> ParseError {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ParseError {
            line,
            column,
            problem,
        }
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
            None => Err(self.error("unexpected end of text")),
            Some(b'{' | b'[') if depth >= MAX_DEPTH => Err(self.error("nested too deeply")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) if self.eat("true") => Ok(Value::Bool(true)),
            Some(_) if self.eat("false") => Ok(Value::Bool(false)),
            Some(_) if self.eat("null") => Ok(Value::Null),
            Some(_) => Err(self.error("expected a value")),
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
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.space();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':' after the key"));
            }
            self.pos += 1;
            self.space();
            let v = self.value(depth)?;
            fields.push((key, v));
            self.space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(fields));
                }
                _ => return Err(self.error("expected ',' or '}'")),
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
                _ => return Err(self.error("expected ',' or ']'")),
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
            return Err(self.error("expected a digit"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("expected a digit after '.'"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        let n: f64 = self
            .text
            .get(start..self.pos)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| self.error("not a number"))?;
        if !n.is_finite() {
            self.pos = start;
            return Err(self.error("number too large"));
        }
        Ok(Value::Number(n))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let h = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.error("expected four hex digits after \\u"))?;
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
                None => return Err(self.error("unterminated string")),
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
                            self.pos += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) && self.eat("\\u") {
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    // Two code units, the second not a low
                                    // surrogate: one replacement, then it.
                                    out.push('\u{FFFD}');
                                    lo
                                }
                            } else {
                                hi
                            };
                            // A lone surrogate (JSON allows it, a Rust string
                            // cannot hold it) becomes U+FFFD, as in a browser.
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                        _ => return Err(self.error("unknown escape")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string")),
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
        assert_eq!(e.to_string(), "expected a value at line 3 column 8");
        let e = parse("[\"Lạng Sơn\", x]").unwrap_err();
        assert_eq!((e.line, e.column), (1, 14));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().problem, "nested too deeply");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(
            parse("\"\\ud800x\"").unwrap(),
            Value::String("\u{FFFD}x".into())
        );
        assert_eq!(
            parse("\"\\ud800\\u0041\"").unwrap(),
            Value::String("\u{FFFD}A".into())
        );
    }
}
