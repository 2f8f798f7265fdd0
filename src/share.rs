//! The share link: the whole view state in the URL hash, e.g.
//! `#v=1&lang=vi&ind=grdpPerCapita&g=0.105&inf=0.035&pop=0.008&fxc=0.0118&tv=130&ty=2030&sp=0.034`.
//!
//! Keys are short and stable; a link keeps working as long as version 1 is
//! read. Parsing never panics and names the key at fault.

use crate::json::Value;
use crate::problem::{FieldError, Problem};
use crate::read::{self, Fields, Path, R};
use crate::scenario::{self, ScenarioInput};
use serde::Serialize;

/// The share-link format this code writes.
pub const LINK_VERSION: u32 = 1;
/// The longest hash accepted, in bytes.
pub const MAX_HASH_BYTES: usize = 2_000;

/// What a link carries besides the scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareState {
    pub scenario: ScenarioInput,
    pub lang: Option<String>,
    pub theme: Option<String>,
    pub view: Option<String>,
    /// Which widget of a page with several the link is for (`w`: the
    /// element's id, or its place, 1 for the first): the page applies a
    /// link to that one only. Not part of the scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub widget: Option<String>,
}

/// Read the state as the JS side gives it: `{ scenario, lang, theme, view }`,
/// each optional.
///
/// # Errors
/// An unknown or mistyped field, by path (`scenario.realGrowth`).
/// # Example
/// ```
/// use grdp_whatif::{json, share::read_state};
/// let v = json::parse(r#"{"scenario": {"realGrowth": 0.09}, "lang": "en"}"#).unwrap();
/// assert_eq!(read_state(&v).unwrap().lang.as_deref(), Some("en"));
/// ```
pub fn read_state(v: &Value) -> R<ShareState> {
    let root = Path::ROOT;
    let mut f = Fields::of(v, &root)?;
    let st = ShareState {
        scenario: f.opt("scenario", scenario::read_input)?.unwrap_or_default(),
        lang: f.opt("lang", |v, p| read::choice(v, p, &["vi", "en"]))?,
        theme: f.opt("theme", |v, p| {
            read::choice(v, p, &["light", "dark", "auto"])
        })?,
        view: f.opt("view", |v, p| read::choice(v, p, &["chart", "table"]))?,
        widget: f.opt("widget", read::id)?,
    };
    f.finish()?;
    Ok(st)
}

fn lerr(key: &str, problem: Problem) -> FieldError {
    FieldError::new(short(key), problem)
}

fn num(key: &str, v: &str) -> Result<f64, FieldError> {
    let x: f64 = v
        .parse()
        .map_err(|_| lerr(key, Problem::NotANumber { raw: short(v) }))?;
    if x.is_finite() {
        Ok(x)
    } else {
        Err(lerr(key, Problem::NotFinite))
    }
}

fn int(key: &str, v: &str) -> Result<i32, FieldError> {
    v.parse().map_err(|_| lerr(key, Problem::YearNotWhole))
}

/// `v` with its `%XX` escapes of ASCII undone (a chat app that writes
/// `g=+0.09` as `g=%2B0.09`); anything else as it is.
fn unescaped(v: &str) -> std::borrow::Cow<'_, str> {
    if !v.contains('%') {
        return v.into();
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(pos) = rest.find('%') {
        out.push_str(rest.get(..pos).unwrap_or(""));
        let after = rest.get(pos + 1..).unwrap_or("");
        let code = after
            .get(..2)
            .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .filter(u8::is_ascii);
        match code {
            Some(c) => {
                out.push(char::from(c));
                rest = after.get(2..).unwrap_or("");
            }
            None => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn short(v: &str) -> String {
    v.chars().take(24).collect()
}

fn choice(key: &str, v: &str, allowed: &[&str]) -> Result<String, FieldError> {
    if allowed.contains(&v) {
        Ok(v.to_string())
    } else {
        Err(lerr(
            key,
            Problem::Choice {
                value: short(v),
                allowed: allowed.iter().map(|a| a.to_string()).collect(),
            },
        ))
    }
}

fn ident(key: &str, v: &str) -> Result<String, FieldError> {
    if read::is_id(v) {
        Ok(v.to_string())
    } else {
        Err(lerr(key, Problem::BadId { id: short(v) }))
    }
}

/// Read a hash (with or without the leading `#`). An empty hash is the default state.
///
/// ```text
/// #v=1&k=v&k=v…   keys: lang theme view ind g gr inf pop fxc tv ty sp w
/// ```
///
/// # Errors
/// Too long; a version other than 1 (an older or newer link); an unknown key;
/// a value that does not parse. The error's field is the key. Values are checked for range later, by
/// [`crate::scenario::Scenario::resolve`].
///
/// # Example
/// ```
/// use grdp_whatif::share::{parse_hash, format_hash};
/// let s = parse_hash("#v=1&g=0.1&ty=2031").unwrap();
/// assert_eq!(s.scenario.real_growth, Some(0.1));
/// assert_eq!(parse_hash(&format_hash(&s)).unwrap(), s);
/// assert_eq!(parse_hash("#v=1&g=abc").unwrap_err().field, "g");
/// ```
pub fn parse_hash(hash: &str) -> Result<ShareState, FieldError> {
    let h = hash.strip_prefix('#').unwrap_or(hash);
    if h.len() > MAX_HASH_BYTES {
        return Err(lerr("", Problem::LinkTooLong { bytes: h.len() }));
    }
    let mut st = ShareState::default();
    if h.trim().is_empty() {
        return Ok(st);
    }
    let mut version: Option<String> = None;
    let mut seen: Vec<&str> = Vec::new();
    for pair in h.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v_text = unescaped(v);
        let v: &str = &v_text;
        if seen.contains(&k) {
            return Err(lerr(k, Problem::LinkTwice));
        }
        seen.push(k);
        let sc = &mut st.scenario;
        match k {
            "v" => version = Some(v.to_string()),
            "lang" => st.lang = Some(choice(k, v, &["vi", "en"])?),
            "theme" => st.theme = Some(choice(k, v, &["light", "dark", "auto"])?),
            "view" => st.view = Some(choice(k, v, &["chart", "table"])?),
            "ind" => sc.indicator = Some(ident(k, v)?),
            "g" => sc.real_growth = Some(num(k, v)?),
            "gr" => sc.growth = Some(num(k, v)?),
            "inf" => sc.inflation = Some(num(k, v)?),
            "pop" => sc.population_growth = Some(num(k, v)?),
            "fxc" => sc.fx_change = Some(num(k, v)?),
            "tv" => sc.target_value = Some(num(k, v)?),
            "ty" => sc.target_year = Some(int(k, v)?),
            "sp" => sc.spread = Some(num(k, v)?),
            "w" => st.widget = Some(ident(k, v)?),
            _ => return Err(lerr(k, Problem::LinkUnknownKey)),
        }
    }
    match version.as_deref() {
        Some("1") => Ok(st),
        Some(v) => Err(lerr("v", Problem::LinkVersion { found: short(v) })),
        None => Err(lerr("v", Problem::LinkNoVersion)),
    }
}

/// Write a hash (with the leading `#`) that [`parse_hash`] reads back exactly.
///
/// # Example
/// ```
/// use grdp_whatif::share::{format_hash, ShareState};
/// assert_eq!(format_hash(&ShareState::default()), "#v=1");
/// ```
pub fn format_hash(st: &ShareState) -> String {
    let mut out = format!("#v={LINK_VERSION}");
    let mut push = |k: &str, v: String| {
        out.push('&');
        out.push_str(k);
        out.push('=');
        out.push_str(&v);
    };
    if let Some(v) = &st.lang {
        push("lang", v.clone());
    }
    if let Some(v) = &st.theme {
        push("theme", v.clone());
    }
    if let Some(v) = &st.view {
        push("view", v.clone());
    }
    let sc = &st.scenario;
    if let Some(v) = &sc.indicator {
        push("ind", v.clone());
    }
    // `{}` on f64 is the shortest text that reads back to the same number.
    for (k, v) in [
        ("g", sc.real_growth),
        ("gr", sc.growth),
        ("inf", sc.inflation),
        ("pop", sc.population_growth),
        ("fxc", sc.fx_change),
        ("tv", sc.target_value),
    ] {
        if let Some(v) = v {
            push(k, format!("{v}"));
        }
    }
    if let Some(v) = sc.target_year {
        push("ty", v.to_string());
    }
    if let Some(v) = sc.spread {
        push("sp", format!("{v}"));
    }
    if let Some(v) = &st.widget {
        push("w", v.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_and_broken_links_are_errors() {
        for (h, key) in [
            ("#v=1&g=", "g"),
            ("#v=1&g=NaN", "g"),
            ("#v=1&g=inf", "g"),
            ("#v=1&ty=20.5", "ty"),
            ("#v=1&ind=<img src=x onerror=alert(1)>", "ind"),
            ("#v=1&lang=fr", "lang"),
            ("#v=1&zz=1", "zz"),
            ("#v=1&g=1&g=2", "g"),
            ("#v=0&g=0.1", "v"),
            ("#g=0.1", "v"),
            ("#v=1&g=0.1%3Cscript%3E", "g"),
        ] {
            assert_eq!(parse_hash(h).unwrap_err().field, key, "{h}");
        }
        assert!(parse_hash(&format!("#v=1&g={}", "1".repeat(3000))).is_err());
    }

    #[test]
    fn escaped_values_read_as_their_characters() {
        let s = parse_hash("#v=1&g=%2B0.09&ind=grdp%50erCapita&lang=%65n").unwrap();
        assert_eq!(s.scenario.real_growth, Some(0.09));
        assert_eq!(s.scenario.indicator.as_deref(), Some("grdpPerCapita"));
        assert_eq!(s.lang.as_deref(), Some("en"));
        // Still refused when what they stand for is not a value; a lone or
        // broken escape, or one of a non-ASCII byte, is left as it is.
        assert_eq!(parse_hash("#v=1&g=0.1%3Cscript%3E").unwrap_err().field, "g");
        for h in [
            "#v=1&g=%",
            "#v=1&g=0.1%2",
            "#v=1&g=%zz",
            "#v=1&g=%C3%A1",
            "#v=1&ind=L%E1ng",
        ] {
            assert!(parse_hash(h).is_err(), "{h}");
        }
        assert_eq!(unescaped("%41ạ%4"), "Aạ%4");
        assert_eq!(unescaped("%+1%%41"), "%+1%A");
    }

    #[test]
    fn truncated_link_names_the_key() {
        let full = "#v=1&g=0.105&inf=0.035&ty=2030";
        // Cut inside the last value: still parses (ty=20), range checks come later.
        assert_eq!(
            parse_hash(&full[..full.len() - 2])
                .unwrap()
                .scenario
                .target_year,
            Some(20)
        );
        // Cut after "=": the key is named.
        assert_eq!(parse_hash("#v=1&g=0.105&inf=").unwrap_err().field, "inf");
    }

    #[test]
    fn empty_hash_is_default() {
        assert_eq!(parse_hash("").unwrap(), ShareState::default());
        assert_eq!(parse_hash("#").unwrap(), ShareState::default());
    }
}
