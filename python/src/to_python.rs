//! A record (any `Serialize` value) straight into Python objects, with the values `json.loads`
//! would give for the record's JSONL line: the dict is built in one pass, with no JSON text in
//! between, and new record fields need nothing here.
//!
//! What JSON cannot say is said as the JSONL writer (serde_json) says it: an `f32` is the
//! shortest decimal that reads back as it (`0.85`, not `0.8500000238418579`), a float that is
//! not finite is `None`, bytes are a list of numbers, a map key that is a number becomes a string.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use serde::Serialize;
use serde::ser::{self, Impossible};

/// `value` as Python objects.
pub fn to_python<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(Serializer { py }).map_err(|err| err.0)
}

/// A failure to convert, carrying the Python exception.
#[derive(Debug)]
pub struct Error(PyErr);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: std::fmt::Display>(msg: M) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(err: PyErr) -> Self {
        Error(err)
    }
}

#[derive(Clone, Copy)]
struct Serializer<'py> {
    py: Python<'py>,
}

type Object<'py> = Bound<'py, PyAny>;

impl<'py> Serializer<'py> {
    fn int<T>(self, value: T) -> Result<Object<'py>, Error>
    where
        T: IntoPyObject<'py, Target = PyInt, Output = Bound<'py, PyInt>>,
        T::Error: Into<PyErr>,
    {
        Ok(value.into_pyobject(self.py).map_err(Into::into)?.into_any())
    }

    fn float(self, value: f64) -> Result<Object<'py>, Error> {
        Ok(if value.is_finite() {
            PyFloat::new(self.py, value).into_any()
        } else {
            self.py.None().into_bound(self.py)
        })
    }

    fn none(self) -> Result<Object<'py>, Error> {
        Ok(self.py.None().into_bound(self.py))
    }

    /// `{variant: value}`, as serde_json writes an enum variant with content.
    fn tagged(self, variant: &'static str, value: Object<'py>) -> Result<Object<'py>, Error> {
        let dict = PyDict::new(self.py);
        dict.set_item(PyString::intern(self.py, variant), value)?;
        Ok(dict.into_any())
    }
}

impl<'py> ser::Serializer for Serializer<'py> {
    type Ok = Object<'py>;
    type Error = Error;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Seq<'py>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Map<'py>;
    type SerializeStructVariant = Map<'py>;

    fn serialize_bool(self, v: bool) -> Result<Object<'py>, Error> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Object<'py>, Error> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Object<'py>, Error> {
        // The JSONL line holds the shortest decimal that reads back as this f32; reading that
        // decimal as a double gives what json.loads gives. Rust's Display prints that decimal.
        match v.to_string().parse::<f64>() {
            Ok(value) => self.float(value),
            Err(_) => self.none(),
        }
    }
    fn serialize_f64(self, v: f64) -> Result<Object<'py>, Error> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<Object<'py>, Error> {
        Ok(PyString::new(self.py, v.encode_utf8(&mut [0; 4])).into_any())
    }
    fn serialize_str(self, v: &str) -> Result<Object<'py>, Error> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Object<'py>, Error> {
        Ok(PyList::new(self.py, v)?.into_any())
    }
    fn serialize_none(self) -> Result<Object<'py>, Error> {
        self.none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Object<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Object<'py>, Error> {
        self.none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Object<'py>, Error> {
        self.none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Object<'py>, Error> {
        Ok(PyString::intern(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Object<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Object<'py>, Error> {
        let value = value.serialize(self)?;
        self.tagged(variant, value)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py>, Error> {
        Ok(Seq::new(self, None, len))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>, Error> {
        Ok(Seq::new(self, None, Some(len)))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'py>, Error> {
        Ok(Seq::new(self, None, Some(len)))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'py>, Error> {
        Ok(Seq::new(self, Some(variant), Some(len)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'py>, Error> {
        Ok(Map::new(self, None))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Map<'py>, Error> {
        Ok(Map::new(self, None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Map<'py>, Error> {
        Ok(Map::new(self, Some(variant)))
    }
}

/// A list being filled (a sequence, a tuple; under a variant's name for a tuple variant).
struct Seq<'py> {
    ser: Serializer<'py>,
    variant: Option<&'static str>,
    items: Vec<Object<'py>>,
}

impl<'py> Seq<'py> {
    fn new(ser: Serializer<'py>, variant: Option<&'static str>, len: Option<usize>) -> Self {
        Seq {
            ser,
            variant,
            items: Vec::with_capacity(len.unwrap_or(0)),
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(self.ser)?);
        Ok(())
    }

    fn finish(self) -> Result<Object<'py>, Error> {
        let list = PyList::new(self.ser.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => self.ser.tagged(variant, list),
            None => Ok(list),
        }
    }
}

/// Every sequence-like serde shape (seq, tuple, tuple struct, tuple variant) fills a list the
/// same way; only the trait's name for "add one" differs.
macro_rules! seq_like {
    ($($trait:ident :: $add:ident),* $(,)?) => {$(
        impl<'py> ser::$trait for Seq<'py> {
            type Ok = Object<'py>;
            type Error = Error;
            fn $add<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Result<Object<'py>, Error> {
                self.finish()
            }
        }
    )*};
}

seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

/// A dict being filled (a map, a struct; under a variant's name for a struct variant).
struct Map<'py> {
    ser: Serializer<'py>,
    variant: Option<&'static str>,
    dict: Bound<'py, PyDict>,
    key: Option<Object<'py>>,
}

impl<'py> Map<'py> {
    fn new(ser: Serializer<'py>, variant: Option<&'static str>) -> Self {
        Map {
            ser,
            variant,
            dict: PyDict::new(ser.py),
            key: None,
        }
    }

    fn finish(self) -> Result<Object<'py>, Error> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => self.ser.tagged(variant, dict),
            None => Ok(dict),
        }
    }
}

impl<'py> ser::SerializeMap for Map<'py> {
    type Ok = Object<'py>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(KeySerializer { py: self.ser.py })?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without a key"))?;
        self.dict.set_item(key, value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Result<Object<'py>, Error> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Map<'py> {
    type Ok = Object<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Error> {
        // Field names are the same few strings on every record: interned once, shared after.
        self.dict
            .set_item(PyString::intern(self.ser.py, name), value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Result<Object<'py>, Error> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'py> {
    type Ok = Object<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, name, value)
    }
    fn end(self) -> Result<Object<'py>, Error> {
        self.finish()
    }
}

/// Map keys as JSON has them: strings, with numbers, booleans and unit variants written out.
struct KeySerializer<'py> {
    py: Python<'py>,
}

impl<'py> KeySerializer<'py> {
    fn string(self, key: impl ToString) -> Result<Object<'py>, Error> {
        Ok(PyString::new(self.py, &key.to_string()).into_any())
    }
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("a map key must be a string or a number")
}

impl<'py> ser::Serializer for KeySerializer<'py> {
    type Ok = Object<'py>;
    type Error = Error;
    type SerializeSeq = Impossible<Object<'py>, Error>;
    type SerializeTuple = Impossible<Object<'py>, Error>;
    type SerializeTupleStruct = Impossible<Object<'py>, Error>;
    type SerializeTupleVariant = Impossible<Object<'py>, Error>;
    type SerializeMap = Impossible<Object<'py>, Error>;
    type SerializeStruct = Impossible<Object<'py>, Error>;
    type SerializeStructVariant = Impossible<Object<'py>, Error>;

    fn serialize_bool(self, v: bool) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_f32(self, _v: f32) -> Result<Object<'py>, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _v: f64) -> Result<Object<'py>, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_char(self, v: char) -> Result<Object<'py>, Error> {
        self.string(v)
    }
    fn serialize_str(self, v: &str) -> Result<Object<'py>, Error> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<Object<'py>, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<Object<'py>, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Object<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Object<'py>, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Object<'py>, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Object<'py>, Error> {
        Ok(PyString::intern(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Object<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Object<'py>, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}
