//! A Python input as the JSON document the crate's `json` door reads.
//!
//! A bot holds what `json.loads` gave it (dicts, lists, strings, numbers,
//! `None`), perhaps with `datetime`s where timestamps are. This writes it
//! as JSON text as `json.dumps` would (the same numbers, if not always in
//! the same digits: `1e16` for its `1e+16`), with each timezone-aware
//! `datetime` as its RFC 3339 text in UTC, so that the door reads it with the
//! same strictness and the same words as it reads the command-line tool's
//! input. A `str` or `bytes` is taken as the JSON text itself.
//!
//! What JSON cannot carry is refused here, at its path: a naive `datetime`
//! (it names no moment), a key that is not a string, a string that is not
//! Unicode (a lone surrogate), a value of another type (`Decimal`, `set`),
//! a document nested deeper than the door reads (or that contains itself).
//! `NaN` and `Infinity` are written as Python's `json.dumps` writes them,
//! so that the door refuses them in its words.
//!
//! Only the values' own data is read, never a method a subclass could
//! override to write something else into the document: an `int` subclass
//! is written by `int.__repr__`, a `str` subclass by its characters.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// The deepest a document nests: serde_json's own limit, past which the
/// door would refuse it anyway; below it, a document that contains itself
/// is refused instead of recursing for ever.
const MAX_DEPTH: usize = 128;

/// Where a value stands in the document: `cause.revert`, `[3].detected_at`.
#[derive(Default)]
pub struct Path(Vec<Segment>);

enum Segment {
    Key(String),
    Index(usize),
}

impl Path {
    fn depth(&self) -> usize {
        self.0.len()
    }

    /// The path as the `json` door writes it.
    pub fn text(&self) -> Option<String> {
        let mut text = String::new();
        for segment in &self.0 {
            match segment {
                Segment::Key(key) if text.is_empty() => text.push_str(key),
                Segment::Key(key) => {
                    text.push('.');
                    text.push_str(key);
                }
                Segment::Index(i) => text.push_str(&format!("[{i}]")),
            }
        }
        (!text.is_empty()).then_some(text)
    }
}

/// Why a value cannot be written as JSON: where, and what it is.
pub struct Unwritable {
    /// Where the value stands.
    pub path: Option<String>,
    /// What is wrong, naming the value.
    pub message: String,
}

/// The JSON text of `value`: its bytes when it is `str` or `bytes`,
/// otherwise the value written as JSON.
///
/// # Errors
///
/// [`Unwritable`] at the path of the first value JSON cannot carry; a
/// Python error raised by a value's own methods (`isoformat`).
pub fn document(value: &Bound<'_, PyAny>) -> PyResult<Result<Vec<u8>, Unwritable>> {
    if let Ok(text) = value.cast::<PyString>() {
        let mut path = Path::default();
        return Ok(unicode(text, &mut path).map(|text| text.as_bytes().to_vec()));
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(Ok(bytes.as_bytes().to_vec()));
    }
    let mut out = Vec::with_capacity(256);
    let mut path = Path::default();
    Ok(write(value, &mut out, &mut path)?.map(|()| out))
}

/// Writes `value` at `path` into `out`.
fn write(
    value: &Bound<'_, PyAny>,
    out: &mut Vec<u8>,
    path: &mut Path,
) -> PyResult<Result<(), Unwritable>> {
    if value.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(flag) = value.cast::<PyBool>() {
        out.extend_from_slice(if flag.is_true() { b"true" } else { b"false" });
    } else if let Ok(text) = value.cast::<PyString>() {
        match unicode(text, path) {
            Ok(text) => string(text, out),
            Err(refused) => return Ok(Err(refused)),
        }
    } else if let Ok(int) = value.cast::<PyInt>() {
        // Any size: a number out of range is refused by the door, by name.
        match int.extract::<i64>() {
            Ok(small) => out.extend_from_slice(small.to_string().as_bytes()),
            Err(_) => match whole_number(int) {
                Ok(digits) => out.extend_from_slice(digits.as_bytes()),
                Err(_) => {
                    // Past Python's own limit of digits (4300): far past any
                    // number the contract reads.
                    return Ok(Err(Unwritable {
                        path: path.text(),
                        message: "a whole number too long to write as digits".to_owned(),
                    }));
                }
            },
        }
    } else if let Ok(float) = value.cast::<PyFloat>() {
        number(float.value(), out);
    } else if path.depth() >= MAX_DEPTH {
        return Ok(Err(Unwritable {
            path: path.text(),
            message: format!(
                "the document nests deeper than {MAX_DEPTH} levels (or contains itself)"
            ),
        }));
    } else if let Ok(dict) = value.cast::<PyDict>() {
        return object(dict, out, path);
    } else if let Ok(list) = value.cast::<PyList>() {
        return array(list.iter(), out, path);
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        return array(tuple.iter(), out, path);
    } else if let Ok(moment) = value.cast::<PyDateTime>() {
        match instant(moment, path)? {
            Ok(text) => string(&text, out),
            Err(refused) => return Ok(Err(refused)),
        }
    } else {
        let kind = value.get_type().qualname()?;
        return Ok(Err(Unwritable {
            path: path.text(),
            message: format!(
                "a `{kind}` is not a JSON value: give a dict, list, str, int, float, bool, None or an aware datetime"
            ),
        }));
    }
    Ok(Ok(()))
}

/// A value as a message shows it: its `repr`, or its type's name when the
/// repr fails or is not text.
fn shown(value: &Bound<'_, PyAny>) -> String {
    match value.repr() {
        Ok(repr) => repr.to_string_lossy().into_owned(),
        Err(_) => value
            .get_type()
            .name()
            .map(|name| format!("a {}", name.to_string_lossy()))
            .unwrap_or_else(|_| "a value".to_owned()),
    }
}

/// The characters of a `str` (or of a subclass), or its refusal when it
/// holds a lone surrogate, which UTF-8 and JSON text cannot carry.
fn unicode<'a>(text: &'a Bound<'_, PyString>, path: &mut Path) -> Result<&'a str, Unwritable> {
    text.to_str().map_err(|_| Unwritable {
        path: path.text(),
        message: "a string with a lone surrogate (`\\ud800`…) is not Unicode text".to_owned(),
    })
}

/// An `int` too large for 64 bits, in digits, as `int.__repr__` writes
/// it: never a subclass's own `__str__` or `__repr__`.
fn whole_number(int: &Bound<'_, PyInt>) -> PyResult<String> {
    static REPR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = int.py();
    let repr = REPR.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.get_type::<PyInt>().getattr("__repr__")?.unbind())
    })?;
    repr.bind(py).call1((int,))?.extract::<String>()
}

/// An aware `datetime` as RFC 3339 text, in UTC: its offset may be one
/// RFC 3339 cannot write (seconds). A naive one is refused: it names no
/// moment.
fn instant(
    moment: &Bound<'_, PyDateTime>,
    path: &mut Path,
) -> PyResult<Result<String, Unwritable>> {
    static UTC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = moment.py();
    if moment.call_method0("utcoffset")?.is_none() {
        return Ok(Err(Unwritable {
            path: path.text(),
            message: format!(
                "a naive datetime `{}` names no moment: give it a timezone (`tzinfo=timezone.utc`)",
                moment.call_method0("isoformat")?.str()?.to_cow()?
            ),
        }));
    }
    let utc = UTC.get_or_try_init(py, || {
        Ok::<_, PyErr>(
            py.import("datetime")?
                .getattr("timezone")?
                .getattr("utc")?
                .unbind(),
        )
    })?;
    let in_utc = match moment.call_method1("astimezone", (utc.bind(py),)) {
        Ok(in_utc) => in_utc,
        // Out of range once in UTC, or a tzinfo whose offset datetime
        // itself refuses (a day or more): a bad value. Any other error
        // (an interrupt, the tzinfo's own) is the caller's, and goes on.
        Err(e)
            if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py)
                || e.is_instance_of::<pyo3::exceptions::PyValueError>(py) =>
        {
            return Ok(Err(Unwritable {
                path: path.text(),
                message: format!("the datetime cannot be read as a moment in UTC: {e}"),
            }));
        }
        Err(e) => return Err(e),
    };
    let text = in_utc
        .call_method0("isoformat")?
        .str()?
        .to_cow()?
        .into_owned();
    Ok(Ok(text))
}

/// A `float` as `json.dumps` writes it: the shortest text that reads back
/// as the same number, and `NaN`, `Infinity`, `-Infinity` as words.
fn number(value: f64, out: &mut Vec<u8>) {
    if value.is_nan() {
        out.extend_from_slice(b"NaN");
    } else if value.is_infinite() {
        out.extend_from_slice(if value > 0.0 {
            b"Infinity"
        } else {
            b"-Infinity"
        });
    } else {
        // serde_json writes finite numbers only; this one is finite.
        let _ = serde_json::to_writer(&mut *out, &value);
    }
}

fn string(text: &str, out: &mut Vec<u8>) {
    // Writing a string to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

fn object(
    dict: &Bound<'_, PyDict>,
    out: &mut Vec<u8>,
    path: &mut Path,
) -> PyResult<Result<(), Unwritable>> {
    out.push(b'{');
    // A copy: a value's own methods (a tzinfo's `utcoffset`) may change
    // the dict while it is written.
    let copy = dict.copy()?;
    for (i, (key, value)) in copy.iter().enumerate() {
        let Ok(key) = key.cast::<PyString>() else {
            return Ok(Err(Unwritable {
                path: path.text(),
                message: format!(
                    "key `{}` is not a string: JSON objects have string keys",
                    shown(&key)
                ),
            }));
        };
        if i > 0 {
            out.push(b',');
        }
        let key = match unicode(key, path) {
            Ok(key) => key.to_owned(),
            Err(refused) => return Ok(Err(refused)),
        };
        string(&key, out);
        out.push(b':');
        path.0.push(Segment::Key(key));
        let written = write(&value, out, path)?;
        path.0.pop();
        if written.is_err() {
            return Ok(written);
        }
    }
    out.push(b'}');
    Ok(Ok(()))
}

fn array<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    out: &mut Vec<u8>,
    path: &mut Path,
) -> PyResult<Result<(), Unwritable>> {
    out.push(b'[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        path.0.push(Segment::Index(i));
        let written = write(&item, out, path)?;
        path.0.pop();
        if written.is_err() {
            return Ok(written);
        }
    }
    out.push(b']');
    Ok(Ok(()))
}

/// A `now` argument: an aware `datetime`, or RFC 3339 text.
///
/// # Errors
///
/// [`Unwritable`] for a naive `datetime`; a `TypeError` for anything else.
pub fn moment(value: &Bound<'_, PyAny>) -> PyResult<Result<String, Unwritable>> {
    let mut path = Path(vec![Segment::Key("now".to_owned())]);
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(unicode(text, &mut path).map(str::to_owned));
    }
    if let Ok(moment) = value.cast::<PyDateTime>() {
        return instant(moment, &mut path);
    }
    Err(PyTypeError::new_err(format!(
        "now must be an aware datetime or RFC 3339 text, not `{}`",
        value.get_type().qualname()?
    )))
}
