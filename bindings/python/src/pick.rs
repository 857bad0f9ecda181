//! One field of an answer, as Python objects, without the others.
//!
//! A bot reads `decision["outcome"]` and `decision["next_action"]`; making
//! the hundred Python objects of the whole answer for that would cost ten
//! times the decision. [`field`] serializes the answer as the JSON contract
//! does, with a serializer that makes Python objects of the one field
//! asked for and passes over the others.

use std::fmt;

use pyo3::prelude::*;
use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct};

/// The value of the top-level field `key` of `answer`'s JSON, as Python
/// objects; `None` when the answer has no such field.
///
/// # Errors
///
/// A Python error from making the objects; an answer that does not
/// serialize as a JSON object.
pub fn field<'py, T: Serialize>(
    py: Python<'py>,
    answer: &T,
    key: &str,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let mut found = None;
    answer
        .serialize(Pick {
            py,
            key,
            found: &mut found,
        })
        .map_err(|e| pyo3::exceptions::PyTypeError::new_err(e.0))?;
    found.transpose()
}

/// Why picking stopped: the answer is not an object.
#[derive(Debug)]
pub struct Stop(String);

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<M: fmt::Display>(message: M) -> Self {
        Stop(message.to_string())
    }
}

type Found<'py> = Option<PyResult<Bound<'py, PyAny>>>;

struct Pick<'a, 'py> {
    py: Python<'py>,
    key: &'a str,
    found: &'a mut Found<'py>,
}

impl<'py> Pick<'_, 'py> {
    fn take<V: Serialize + ?Sized>(&mut self, name: &str, value: &V) {
        if name == self.key && self.found.is_none() {
            *self.found = Some(pythonize::pythonize(self.py, value).map_err(PyErr::from));
        }
    }
}

fn not_an_object<T>() -> Result<T, Stop> {
    Err(Stop("the answer is not a JSON object".to_owned()))
}

impl<'a, 'py> ser::Serializer for Pick<'a, 'py> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Impossible<(), Stop>;
    type SerializeTuple = Impossible<(), Stop>;
    type SerializeTupleStruct = Impossible<(), Stop>;
    type SerializeTupleVariant = Impossible<(), Stop>;
    type SerializeMap = PickMap<'a, 'py>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Stop>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<PickMap<'a, 'py>, Stop> {
        Ok(PickMap {
            pick: self,
            name: None,
        })
    }

    fn serialize_bool(self, _: bool) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_i8(self, _: i8) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_i16(self, _: i16) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_i32(self, _: i32) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_i64(self, _: i64) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_u8(self, _: u8) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_u16(self, _: u16) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_u32(self, _: u32) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_u64(self, _: u64) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_f32(self, _: f32) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_f64(self, _: f64) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_char(self, _: char) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_str(self, _: &str) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_none(self) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Stop> {
        not_an_object()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        not_an_object()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        not_an_object()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        not_an_object()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        not_an_object()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        not_an_object()
    }
}

impl SerializeStruct for Pick<'_, '_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        self.take(name, value);
        Ok(())
    }

    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

/// A map's entries (an answer with its `"id"`, flattened), each key read
/// as the text it is.
pub struct PickMap<'a, 'py> {
    pick: Pick<'a, 'py>,
    name: Option<String>,
}

impl SerializeMap for PickMap<'_, '_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        self.name = serde_json::to_value(key)
            .ok()
            .and_then(|name| name.as_str().map(str::to_owned));
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        if let Some(name) = self.name.take() {
            self.pick.take(&name, value);
        }
        Ok(())
    }

    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}
