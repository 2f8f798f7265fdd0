//! Any `Serialize` value as JSON text, for the one call a page makes on
//! every slider step (`Engine.present`): one string crossing to JS and one
//! `JSON.parse` there cost a fraction of building the same object field by
//! field across the boundary (serde-wasm-bindgen's way, which the other
//! exports keep). The output is what `serde_wasm_bindgen`'s JSON-compatible
//! serializer gives: `None` and units as `null`, maps as objects, enum
//! variants by name; a number that is not finite is `null`.
//!
//! # Example
//! ```
//! #[derive(serde::Serialize)]
//! struct Card { title: String, value: f64, note: Option<String>, tags: Vec<u8> }
//! let c = Card { title: "GRDP \"2025\"".into(), value: 71.1, note: None, tags: vec![1, 2] };
//! assert_eq!(
//!     grdp_whatif::serjson::to_string(&c),
//!     r#"{"title":"GRDP \"2025\"","value":71.1,"note":null,"tags":[1,2]}"#
//! );
//! ```

use crate::json::write_string;
use serde::ser::{self, Serialize};
use std::fmt::{self, Write};

/// `value` as JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut w = Writer { out: String::new() };
    // The writer itself never fails; a value's own Serialize impl that
    // fails (none in this crate) leaves what was written so far, closed as
    // null so the text still parses.
    if value.serialize(&mut w).is_err() {
        return "null".to_string();
    }
    w.out
}

/// The one error a `Serialize` impl can raise through this writer.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Writer {
    out: String,
}

impl Writer {
    fn number<N: fmt::Display>(&mut self, n: N) {
        let _ = write!(self.out, "{n}");
    }
    fn float(&mut self, v: f64) {
        if v.is_finite() {
            self.number(v);
        } else {
            self.out.push_str("null");
        }
    }
}

/// A sequence or object being written: whether a comma comes first.
pub struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    /// Closing text (`]`, `}`, or `]}`/`}}` for a variant).
    close: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }
    fn field(&mut self, key: &str) {
        self.comma();
        write_string(key, &mut self.w.out);
        self.w.out.push(':');
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(f64::from(v));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        let mut b = [0u8; 4];
        write_string(v.encode_utf8(&mut b), &mut self.out);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_string(v, &mut self.out);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut s = self.serialize_seq(Some(v.len()))?;
        for b in v {
            s.serialize_element(b)?;
        }
        s.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push('{');
        write_string(variant, &mut self.out);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push('[');
        Ok(Compound {
            w: self,
            first: true,
            close: "]",
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.push('{');
        write_string(variant, &mut self.out);
        self.out.push_str(":[");
        Ok(Compound {
            w: self,
            first: true,
            close: "]}",
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push('{');
        Ok(Compound {
            w: self,
            first: true,
            close: "}",
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.push('{');
        write_string(variant, &mut self.out);
        self.out.push_str(":{");
        Ok(Compound {
            w: self,
            first: true,
            close: "}}",
        })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push_str(self.close);
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        // A key is written as a string: a key that is not one (a number)
        // is quoted, as JSON needs.
        let text = to_string(key);
        if text.starts_with('"') {
            self.w.out.push_str(&text);
        } else {
            write_string(&text, &mut self.w.out);
        }
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push_str(self.close);
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key);
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push_str(self.close);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeStruct::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Inner {
        low_end: f64,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
    }

    #[derive(Serialize)]
    enum Kind {
        Plain,
        Wrapped(i32),
        Pair(u8, u8),
        Named { a: bool },
    }

    #[derive(Serialize)]
    struct Outer {
        text: String,
        inner: Inner,
        kinds: Vec<Kind>,
        pair: (f64, Option<String>),
        map: BTreeMap<u32, &'static str>,
        bad: f64,
        unit: (),
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let v = Outer {
            text: "a\"b\\c\n\u{1}\u{202e}đ".into(),
            inner: Inner {
                low_end: -0.035,
                skipped: None,
            },
            kinds: vec![
                Kind::Plain,
                Kind::Wrapped(-7),
                Kind::Pair(1, 2),
                Kind::Named { a: true },
            ],
            pair: (1e21, None),
            map: [(3, "x"), (10, "y")].into_iter().collect(),
            bad: f64::NAN,
            unit: (),
        };
        let ours = to_string(&v);
        // serde_json writes NaN as null too; its numbers may use exponents,
        // so compare parsed values.
        let theirs = serde_json::to_string(&v).unwrap();
        let a: serde_json::Value = serde_json::from_str(&ours).unwrap();
        let b: serde_json::Value = serde_json::from_str(&theirs).unwrap();
        assert_eq!(a, b, "{ours}\n{theirs}");
        assert!(ours.contains(r#""lowEnd":-0.035"#), "{ours}");
        assert!(!ours.contains("skipped"));
    }

    #[test]
    fn floats_round_trip() {
        for x in [
            0.1_f64,
            1.0 / 3.0,
            5e-324,
            1.7976931348623157e308,
            -0.0,
            123456.789,
        ] {
            let t = to_string(&x);
            assert_eq!(t.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{t}");
        }
        assert_eq!(to_string(&f64::INFINITY), "null");
    }
}
