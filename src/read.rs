//! The reading toolkit: typed values out of a [`Value`] tree, every error
//! naming its field's path (`indicators[0].history[2].year`). It knows no
//! domain type: each type's reader lives next to the type (the dataset's in
//! [`crate::dataset`], a scenario's in [`crate::scenario`], …) and uses
//! [`Fields`] to take an object's fields, each key written once: the keys a
//! reader asks for are the keys it allows, and [`Fields::finish`] refuses
//! the rest by name, so a typo never passes silently.

use crate::json::Value;
use crate::problem::{FieldError, Kind, Problem};

/// A result whose error names the field.
pub type R<T> = Result<T, FieldError>;

/// Where a value is: written out only for an error, so reading good input
/// allocates no paths.
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// The whole input.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        step: Step::Root,
    };

    /// The field `key` of this object.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// Item `i` of this list.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Index(i),
        }
    }

    /// The path as text: `indicators[0].unit`; empty for the root.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::read::Path;
    /// let root = Path::ROOT;
    /// let list = root.key("indicators");
    /// let item = list.index(0);
    /// assert_eq!(item.key("unit").render(), "indicators[0].unit");
    /// ```
    pub fn render(&self) -> String {
        let mut out = self.parent.map(Path::render).unwrap_or_default();
        match self.step {
            Step::Root => {}
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.extend(k.chars().take(40));
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
        out
    }

    /// An error about this value.
    pub fn error(&self, problem: Problem) -> FieldError {
        FieldError::new(self.render(), problem)
    }
}

/// The kind of a JSON value, for messages.
pub fn kind(v: &Value) -> Kind {
    match v {
        Value::Null => Kind::Null,
        Value::Bool(_) => Kind::Bool,
        Value::Number(_) => Kind::Number,
        Value::String(_) => Kind::String,
        Value::Array(_) => Kind::Array,
        Value::Object(_) => Kind::Object,
    }
}

/// "Expected `want`" at `path`.
pub fn wrong(path: &Path<'_>, want: Kind, v: &Value) -> FieldError {
    path.error(Problem::Expected {
        want,
        found: kind(v),
    })
}

/// The fields of one object, taken by key.
pub struct Fields<'a> {
    path: &'a Path<'a>,
    fields: &'a [(String, Value)],
    asked: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// The object at `path` (refused if it is not one, or repeats a key).
    ///
    /// # Errors
    /// Not an object; a key given twice.
    pub fn of(v: &'a Value, path: &'a Path<'a>) -> R<Self> {
        let Value::Object(fields) = v else {
            return Err(wrong(path, Kind::Object, v));
        };
        for (i, (k, _)) in fields.iter().enumerate() {
            if fields.iter().take(i).any(|(j, _)| j == k) {
                return Err(path.key(k).error(Problem::Duplicate {
                    key: k.chars().take(40).collect(),
                }));
            }
        }
        Ok(Fields {
            path,
            fields,
            asked: Vec::new(),
        })
    }

    fn ask(&mut self, key: &'static str) -> Option<&'a Value> {
        if !self.asked.contains(&key) {
            self.asked.push(key);
        }
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` is present (null included); the key is allowed.
    pub fn has(&mut self, key: &'static str) -> bool {
        self.ask(key).is_some()
    }

    /// A field that must be there (and not null).
    ///
    /// # Errors
    /// Missing (with a similar key named, if there is one), or what `read` says.
    pub fn req<T>(&mut self, key: &'static str, read: impl Fn(&Value, &Path<'_>) -> R<T>) -> R<T> {
        match self.ask(key).filter(|v| **v != Value::Null) {
            Some(v) => read(v, &self.path.key(key)),
            None => Err(self.missing(key)),
        }
    }

    /// A field that must be there, where null is a value (a gap).
    ///
    /// # Errors
    /// Missing, or what `read` says.
    pub fn req_nullable<T>(
        &mut self,
        key: &'static str,
        read: impl Fn(&Value, &Path<'_>) -> R<T>,
    ) -> R<T> {
        match self.ask(key) {
            Some(v) => read(v, &self.path.key(key)),
            None => Err(self.missing(key)),
        }
    }

    /// A field that may be left out (or null).
    ///
    /// # Errors
    /// What `read` says.
    pub fn opt<T>(
        &mut self,
        key: &'static str,
        read: impl Fn(&Value, &Path<'_>) -> R<T>,
    ) -> R<Option<T>> {
        match self.ask(key).filter(|v| **v != Value::Null) {
            Some(v) => read(v, &self.path.key(key)).map(Some),
            None => Ok(None),
        }
    }

    fn missing(&self, key: &str) -> FieldError {
        let similar = self
            .fields
            .iter()
            .map(|(k, _)| k)
            .find(|k| !self.asked.contains(&k.as_str()) && looks_like(k, key))
            .map(|k| k.chars().take(40).collect());
        self.path.key(key).error(Problem::Missing {
            key: key.to_string(),
            similar,
        })
    }

    /// Refuse any key no reader asked for.
    ///
    /// # Errors
    /// The first unknown key, with the keys allowed.
    pub fn finish(self) -> R<()> {
        match self
            .fields
            .iter()
            .find(|(k, _)| !self.asked.contains(&k.as_str()))
        {
            Some((k, _)) => Err(self.path.key(k).error(Problem::Unknown {
                key: k.clone(),
                expected: self.asked.iter().map(|s| s.to_string()).collect(),
            })),
            None => Ok(()),
        }
    }
}

/// Whether `a` may be a typo of `b`: the same letters in another case, or
/// at most two edits apart (for keys of four letters or more).
pub(crate) fn looks_like(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if b.len() < 4 || a.len().abs_diff(b.len()) > 2 || a.len() > 64 {
        return false;
    }
    // Levenshtein distance, one row at a time.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let (Some(&left), Some(&up)) = (row.get(j), row.get(j + 1)) else {
                break;
            };
            let cost = usize::from(ca != cb);
            let next = (prev + cost).min(left + 1).min(up + 1);
            prev = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = next;
            }
        }
    }
    row.last().is_some_and(|&d| d <= 2)
}

/// A string.
///
/// # Errors
/// Not a string.
pub fn string(v: &Value, path: &Path<'_>) -> R<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => Err(wrong(path, Kind::String, v)),
    }
}

/// A number (finite: the JSON reader makes no others).
///
/// # Errors
/// Not a number.
pub fn number(v: &Value, path: &Path<'_>) -> R<f64> {
    match v {
        Value::Number(n) => Ok(*n),
        _ => Err(wrong(path, Kind::Number, v)),
    }
}

/// `true` or `false`.
///
/// # Errors
/// Anything else.
pub fn boolean(v: &Value, path: &Path<'_>) -> R<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        _ => Err(wrong(path, Kind::Bool, v)),
    }
}

/// A whole number within `lo..=hi`.
///
/// # Errors
/// Not a number, not whole, or outside the range.
pub fn whole(v: &Value, path: &Path<'_>, lo: f64, hi: f64) -> R<f64> {
    let n = number(v, path)?;
    if n.fract() != 0.0 || n < lo || n > hi {
        return Err(path.error(Problem::NotWhole { lo, hi, found: n }));
    }
    Ok(n)
}

/// A whole number that fits an `i32`.
///
/// # Errors
/// As [`whole`].
pub fn int(v: &Value, path: &Path<'_>) -> R<i32> {
    Ok(whole(v, path, f64::from(i32::MIN), f64::from(i32::MAX))? as i32)
}

/// A whole number that fits a `u32`.
///
/// # Errors
/// As [`whole`].
pub fn uint(v: &Value, path: &Path<'_>) -> R<u32> {
    Ok(whole(v, path, 0.0, f64::from(u32::MAX))? as u32)
}

/// A list, each item read with `read`.
///
/// # Errors
/// Not a list, or the first item `read` refuses (by its index).
pub fn list<T>(v: &Value, path: &Path<'_>, read: impl Fn(&Value, &Path<'_>) -> R<T>) -> R<Vec<T>> {
    let Value::Array(items) = v else {
        return Err(wrong(path, Kind::Array, v));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(item, &path.index(i)))
        .collect()
}

/// One of the `allowed` strings.
///
/// # Errors
/// Not a string, or not one of them.
pub fn choice(v: &Value, path: &Path<'_>, allowed: &[&str]) -> R<String> {
    let s = string(v, path)?;
    if allowed.contains(&s.as_str()) {
        Ok(s)
    } else {
        Err(path.error(Problem::Choice {
            value: s,
            allowed: allowed.iter().map(|a| a.to_string()).collect(),
        }))
    }
}

/// Whether `s` is an identifier: 1–40 ASCII letters, digits, `-` or `_`.
///
/// # Example
/// ```
/// use grdp_whatif::read::is_id;
/// assert!(is_id("grdpPerCapita") && is_id("lang-son_2"));
/// assert!(!is_id("..\\evil") && !is_id("") && !is_id("a\u{202e}b"));
/// ```
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// An identifier (see [`is_id`]).
///
/// # Errors
/// Not a string, or not an identifier.
pub fn id(v: &Value, path: &Path<'_>) -> R<String> {
    let s = string(v, path)?;
    if is_id(&s) {
        Ok(s)
    } else {
        Err(path.error(Problem::BadId { id: s }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[derive(Debug)]
    struct Pair {
        a: f64,
        b: Option<String>,
    }

    fn pair(v: &Value, path: &Path<'_>) -> R<Pair> {
        let mut f = Fields::of(v, path)?;
        let p = Pair {
            a: f.req("alpha", number)?,
            b: f.opt("beta", string)?,
        };
        f.finish()?;
        Ok(p)
    }

    fn read(text: &str) -> R<Pair> {
        pair(
            &parse(text).map_err(|e| FieldError::new("", e.problem()))?,
            &Path::ROOT,
        )
    }

    #[test]
    fn each_key_once_and_the_rest_refused() {
        let p = read(r#"{"alpha": 1, "beta": "x"}"#).unwrap();
        assert_eq!((p.a, p.b.as_deref()), (1.0, Some("x")));
        let e = read(r#"{"alpha": 1, "colour": 2}"#).unwrap_err();
        assert_eq!(e.field, "colour");
        assert_eq!(
            e.problem,
            Problem::Unknown {
                key: "colour".into(),
                expected: vec!["alpha".into(), "beta".into()]
            }
        );
        let e = read(r#"{"alpah": 1}"#).unwrap_err();
        assert_eq!(e.field, "alpha");
        assert_eq!(
            e.problem,
            Problem::Missing {
                key: "alpha".into(),
                similar: Some("alpah".into())
            }
        );
        let e = read(r#"{"alpha": 1, "alpha": 2}"#).unwrap_err();
        assert_eq!(
            e.problem,
            Problem::Duplicate {
                key: "alpha".into()
            }
        );
        let e = read(r#"{"alpha": "1"}"#).unwrap_err();
        assert_eq!(
            e.problem,
            Problem::Expected {
                want: Kind::Number,
                found: Kind::String
            }
        );
        assert_eq!(read("[]").unwrap_err().field, "");
    }

    #[test]
    fn typos_are_recognised_and_strangers_are_not() {
        assert!(looks_like("unti", "unit") && looks_like("Unit", "unit"));
        assert!(looks_like("histroy", "history") && !looks_like("colour", "unit"));
        assert!(!looks_like("ab", "id"));
    }
}
