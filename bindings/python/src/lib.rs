//! `incident_response._native`: the Python package's door to the crate.
//!
//! Every function here is the crate's `json` door, whole: the Python value
//! is written as the JSON document the door reads ([`input`]), the door
//! answers, and the answer is handed back as the dict of the JSON
//! contract, an `incident_response.Answer` whose `str()` is the text the
//! command-line tool prints. No rule is written here; the only choices
//! made here are Python's: what a `datetime` is, what exception a refusal
//! raises, and the clock read when `now` is not given.

mod input;
mod pick;

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use incident_response::chrono::{DateTime, Utc};
use incident_response::json::{self, ErrorKind, JsonError, Reply};
use incident_response::{Classification, Decision};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use serde::Serialize;

use crate::input::Unwritable;

/// An answer of the crate, as the package hands it back: held as the
/// crate's typed answer, and turned into Python objects only when asked.
trait Shown: Send + Sync {
    fn text(&self) -> String;
    fn python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    fn field<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>>;
    fn json(&self, indent: Option<usize>) -> serde_json::Result<String>;
}

impl<T: Serialize + fmt::Display + Send + Sync + 'static> Shown for T {
    fn text(&self) -> String {
        // An explanation is under a kilobyte: one allocation, not ten.
        let mut text = String::with_capacity(1024);
        let _ = fmt::write(&mut text, format_args!("{self}"));
        text
    }

    fn python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize::pythonize(py, self)?)
    }

    fn field<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        if let Some(value) = quick(py, self as &dyn Any, key) {
            return value.map(Some);
        }
        pick::field(py, self, key)
    }

    fn json(&self, indent: Option<usize>) -> serde_json::Result<String> {
        let Some(width) = indent else {
            return serde_json::to_string(self);
        };
        let spaces = " ".repeat(width);
        let formatter = serde_json::ser::PrettyFormatter::with_indent(spaces.as_bytes());
        let mut out = Vec::new();
        self.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

/// The widest indent `to_json` writes.
const MAX_INDENT: usize = 64;

/// The fields a bot reads first, read from the typed answer itself rather
/// than from its JSON: the same values, serialized as the contract does (a
/// test holds every field of every answer, read alone, to the tool's JSON).
/// `None` for a field to pick from the JSON.
fn quick<'py>(py: Python<'py>, answer: &dyn Any, key: &str) -> Option<PyResult<Bound<'py, PyAny>>> {
    fn python<'py, V: Serialize>(
        py: Python<'py>,
        value: &V,
    ) -> Option<PyResult<Bound<'py, PyAny>>> {
        Some(pythonize::pythonize(py, value).map_err(PyErr::from))
    }
    if let Some(reply) = answer.downcast_ref::<Reply<Decision>>() {
        let decision = &reply.answer;
        return match key {
            "outcome" => python(py, &decision.outcome()),
            "next_action" => python(py, &decision.next_action()),
            "severity" => python(py, &decision.severity()),
            "decide_within_minutes" => python(py, &decision.decide_within_minutes()),
            "deciding_rule" => python(py, &decision.deciding_rule()),
            "rests_on_assumptions" => python(py, &decision.rests_on_assumptions()),
            "id" => reply.id.as_ref().and_then(|id| python(py, id)),
            _ => None,
        };
    }
    if let Some(reply) = answer.downcast_ref::<Reply<Classification>>() {
        return match key {
            "severity" => python(py, &reply.answer.severity()),
            "id" => reply.id.as_ref().and_then(|id| python(py, id)),
            _ => None,
        };
    }
    None
}

/// An answer of the crate: the typed answer, its JSON contract and its
/// text, each made when it is asked for. A read-only mapping of the JSON
/// contract (`answer["outcome"]`, `answer.get("id")`, `dict(answer)`);
/// `to_dict()` gives a new dict, `to_json()` the JSON text, `str()` the
/// text the command-line tool prints with `--format text`.
#[pyclass(frozen, module = "incident_response")]
struct Answer {
    /// The name of the answer's JSON Schema (`"decision"`); a policy's
    /// differences are each of the kind `"difference"`, which has none.
    #[pyo3(get)]
    kind: &'static str,
    answer: Box<dyn Shown>,
    /// The dict the mapping reads, made at the first read.
    fields: PyOnceLock<Py<PyDict>>,
}

impl Answer {
    fn new<T: Serialize + fmt::Display + Send + Sync + 'static>(
        kind: &'static str,
        answer: T,
    ) -> Answer {
        Answer {
            kind,
            answer: Box::new(answer),
            fields: PyOnceLock::new(),
        }
    }

    /// One field: from the mapping if it was made, else made alone.
    fn field<'py>(
        &self,
        py: Python<'py>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        if let Some(fields) = self.fields.get(py) {
            return fields.bind(py).get_item(key);
        }
        // As a dict would: an unhashable key is a TypeError, any other key
        // not a name of the contract (a number, a lone surrogate) is absent.
        key.hash()?;
        match key.cast::<PyString>().map(|name| name.to_str()) {
            Ok(Ok(name)) => self.answer.field(py, name),
            _ => Ok(None),
        }
    }

    fn fields<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, PyDict>> {
        let fields = self
            .fields
            .get_or_try_init(py, || -> PyResult<Py<PyDict>> {
                Ok(self.answer.python(py)?.cast_into::<PyDict>()?.unbind())
            })?;
        Ok(fields.bind(py))
    }
}

#[pymethods]
impl Answer {
    /// The text the command-line tool prints with `--format text`, without
    /// the line's end that `print` adds.
    fn __str__(&self) -> String {
        let mut text = self.answer.text();
        if text.ends_with('\n') {
            text.pop();
        }
        text
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Answer({:?}, {})",
            self.kind,
            self.fields(py)?.repr()?
        ))
    }

    /// The dict of the JSON contract, new at each call, to keep or change.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self.answer.python(py)?.unbind())
    }

    /// The JSON text of the answer, as the command-line tool writes it:
    /// compact, or indented by `indent` spaces.
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, py: Python<'_>, indent: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let indent = indent.filter(|given| !given.is_none());
        let width = match indent {
            None => None,
            Some(given) => {
                let width = (!given.is_instance_of::<pyo3::types::PyBool>())
                    .then(|| given.extract::<usize>().ok())
                    .flatten()
                    .filter(|&width| width <= MAX_INDENT);
                if width.is_none() {
                    let mut error = JsonError::invalid_document(format!(
                        "indent must be a whole number of spaces from 0 to {MAX_INDENT}"
                    ));
                    error.path = Some("indent".to_owned());
                    return Err(refusal(py, &error, Some(&argument(py, "indent", given)?)));
                }
                width
            }
        };
        self.answer
            .json(width)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self.field(py, key)? {
            Some(value) => Ok(value),
            None => Err(pyo3::exceptions::PyKeyError::new_err(key.clone().unbind())),
        }
    }

    fn __contains__<'py>(&self, py: Python<'py>, key: &Bound<'py, PyAny>) -> PyResult<bool> {
        Ok(self.field(py, key)?.is_some())
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.fields(py)?.len())
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.fields(py)?.as_any().try_iter()?.into_any())
    }

    /// The names of the answer's fields, in the contract's order.
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        Ok(self.fields(py)?.keys())
    }

    /// The fields' values, in the contract's order.
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        Ok(self.fields(py)?.values())
    }

    /// The fields and their values, in the contract's order.
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        Ok(self.fields(py)?.items())
    }

    /// A field of the answer, or `default` where it has none.
    #[pyo3(signature = (key, default = None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        key: &Bound<'py, PyAny>,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self.field(py, key)? {
            Some(value) => Ok(value),
            None => Ok(default.unwrap_or_else(|| py.None().into_bound(py))),
        }
    }

    /// Equal to another answer, or to a dict, of the same JSON.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        if let Ok(other) = other.cast::<Answer>() {
            return self.fields(py)?.eq(other.get().fields(py)?);
        }
        if other.is_instance_of::<PyDict>() {
            return self.fields(py)?.eq(other);
        }
        Ok(false)
    }

    #[classmethod]
    fn __class_getitem__(
        class: &Bound<'_, pyo3::types::PyType>,
        item: &Bound<'_, PyAny>,
    ) -> Py<PyAny> {
        // `Answer[Decision]` in an annotation is `Answer`: the type is the stub's.
        let _ = item;
        class.clone().into_any().unbind()
    }
}

/// An answer, as Python holds it.
fn answer<T>(py: Python<'_>, kind: &'static str, answer: T) -> PyResult<Py<PyAny>>
where
    T: Serialize + fmt::Display + Send + Sync + 'static,
{
    Ok(Py::new(py, Answer::new(kind, answer))?.into_any())
}

/// A document through the door: written as JSON, answered, and refused
/// naming the value the caller gave.
fn through<T>(
    given: &Bound<'_, PyAny>,
    kind: &'static str,
    door: impl FnOnce(&[u8]) -> Result<T, JsonError>,
) -> PyResult<Py<PyAny>>
where
    T: Serialize + fmt::Display + Send + Sync + 'static,
{
    let py = given.py();
    let bytes = document(given)?;
    let reply = door(&bytes).map_err(|e| refusal(py, &e, Some(given)))?;
    answer(py, kind, reply)
}

/// A plain dict of JSON, for what has no text (a schema, an example).
fn plain<T: Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    Ok(pythonize::pythonize(py, value)?.unbind())
}

/// The exception class of `incident_response` that a refusal raises.
fn exception_class<'py>(py: Python<'py>, kind: ErrorKind) -> PyResult<&'py Bound<'py, PyAny>> {
    static INPUT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    static POLICY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    static TIMELINE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    static RANGE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let (cell, name) = match kind {
        ErrorKind::InvalidPolicy => (&POLICY, "InvalidPolicy"),
        ErrorKind::InvalidTimeline => (&TIMELINE, "InvalidTimeline"),
        ErrorKind::TimeOutOfRange => (&RANGE, "TimeOutOfRange"),
        _ => (&INPUT, "InvalidInput"),
    };
    cell.import(py, "incident_response._errors", name)
}

/// The word a refusal's kind goes by in Python: `invalid_input`.
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Syntax => "syntax",
        ErrorKind::InvalidPolicy => "invalid_policy",
        ErrorKind::InvalidTimeline => "invalid_timeline",
        ErrorKind::TimeOutOfRange => "time_out_of_range",
        _ => "invalid_input",
    }
}

/// The last name of a path: `revert` of `cause.revert`, `finished_at` of
/// `steps[3].finished_at`; `None` for a path that ends in an index.
fn field_of(path: &str) -> Option<&str> {
    let last = path.rsplit('.').next()?;
    let name = last.split('[').next()?;
    (!name.is_empty() && !last.ends_with(']')).then_some(name)
}

/// The value at `path` in the document `given`, if it is there: the
/// value refused, as the caller gave it.
fn value_at<'py>(given: &Bound<'py, PyAny>, path: &str) -> Option<Bound<'py, PyAny>> {
    let py = given.py();
    let mut at = if is_text(given) {
        let bytes = input::document(given).ok()?.ok()?;
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let value: serde_json::Value = serde_json::from_slice(text).ok()?;
        pythonize::pythonize(py, &value).ok()?
    } else {
        given.clone()
    };
    for part in path.split('.') {
        let (key, indices) = part
            .split_once('[')
            .map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            // The dict's own item: never a `defaultdict`'s default, made.
            at = at.cast::<PyDict>().ok()?.get_item(key).ok()??;
        }
        for index in indices.split('[').filter(|s| !s.is_empty()) {
            let index: usize = index.trim_end_matches(']').parse().ok()?;
            at = match at.cast::<PyList>() {
                Ok(list) => list.get_item(index).ok()?,
                Err(_) => at
                    .cast::<pyo3::types::PyTuple>()
                    .ok()?
                    .get_item(index)
                    .ok()?,
            };
        }
    }
    Some(at)
}

/// An argument as a document of its own, `{"releases": -1}`, so that its
/// refusal names its value.
fn argument<'py>(
    py: Python<'py>,
    name: &str,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let given = PyDict::new(py);
    given.set_item(name, value)?;
    Ok(given.into_any())
}

/// Whether a document was given as JSON text rather than as a value.
fn is_text(given: &Bound<'_, PyAny>) -> bool {
    given.is_instance_of::<PyString>() || given.cast::<pyo3::types::PyBytes>().is_ok()
}

/// The exception a refusal raises, with its attributes.
fn refusal(py: Python<'_>, error: &JsonError, given: Option<&Bound<'_, PyAny>>) -> PyErr {
    let mut error = error.clone();
    if given.is_some_and(|g| !is_text(g)) {
        // The position is in the JSON written from the caller's dict, which
        // the caller never saw: the path says where.
        error.line = None;
        error.column = None;
    }
    let error = &error;
    let raised = (|| -> PyResult<PyErr> {
        let class = exception_class(py, error.kind)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("kind", kind_name(error.kind))?;
        kwargs.set_item("path", error.path.as_deref())?;
        kwargs.set_item("field", error.path.as_deref().and_then(field_of))?;
        let value = match (given, error.path.as_deref()) {
            (Some(given), Some(path)) => value_at(given, path),
            _ => None,
        };
        kwargs.set_item("value", value)?;
        kwargs.set_item("rule", error.rule.map(|rule| rule.to_string()))?;
        kwargs.set_item("message", &error.message)?;
        kwargs.set_item("line", error.line)?;
        kwargs.set_item("column", error.column)?;
        let exception = class.call((error.to_string(),), Some(&kwargs))?;
        Ok(PyErr::from_value(exception))
    })();
    raised.unwrap_or_else(|e| e)
}

/// The refusal of a month's summary, with the argument its path names: the
/// month, the release records (when given as a list) or the incidents.
fn summary_refusal(
    py: Python<'_>,
    error: &JsonError,
    month: &str,
    incidents: &Bound<'_, PyAny>,
    records: Option<&Bound<'_, PyAny>>,
) -> PyErr {
    match (error.path.as_deref(), records) {
        (Some("month"), _) => match argument(py, "month", &PyString::new(py, month)) {
            Ok(given) => refusal(py, error, Some(&given)),
            Err(e) => e,
        },
        (Some(path), Some(records)) if path.starts_with("releases") => {
            refusal(py, error, Some(records))
        }
        _ => refusal(py, error, Some(incidents)),
    }
}

/// The refusal of a value JSON cannot carry, before the door reads it.
fn unwritable(py: Python<'_>, unwritable: Unwritable, given: Option<&Bound<'_, PyAny>>) -> PyErr {
    let mut error = JsonError::invalid_document(unwritable.message);
    error.path = unwritable.path;
    refusal(py, &error, given)
}

/// The JSON text of a Python value, or the exception that refuses it.
fn document(given: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    match input::document(given)? {
        Ok(bytes) => Ok(bytes),
        Err(refused) => Err(unwritable(given.py(), refused, Some(given))),
    }
}

/// The moment `now` names: an aware `datetime`, RFC 3339 text, or, when
/// not given, this machine's clock.
fn now(py: Python<'_>, given: Option<&Bound<'_, PyAny>>) -> PyResult<DateTime<Utc>> {
    let Some(given) = given.filter(|g| !g.is_none()) else {
        return Ok(std::time::SystemTime::now().into());
    };
    let argument = argument(py, "now", given)?;
    let text = match input::moment(given)? {
        Ok(text) => text,
        Err(refused) => return Err(unwritable(py, refused, Some(&argument))),
    };
    // As a timestamp of a document is read.
    text.parse::<DateTime<Utc>>().map_err(|e| {
        let mut error =
            JsonError::invalid_document(format!("`{text}` is not an RFC 3339 timestamp: {e}"));
        error.path = Some("now".to_owned());
        refusal(py, &error, Some(&argument))
    })
}

/// Every threshold, deadline and window the crate applies, validated.
///
/// `Policy.standard()` is the standard's; `Policy.from_dict(...)` and
/// `Policy.from_json(...)` read a policy document (each field optional,
/// defaulting to the standard's), refusing an inconsistent one with
/// `InvalidPolicy`. Every entry point of the package is a method here;
/// the module's functions are those of the standard policy.
#[pyclass(frozen, eq, module = "incident_response")]
#[derive(PartialEq)]
struct Policy(Arc<incident_response::Policy>);

impl Policy {
    /// [`Policy::summarize_month`] from release records.
    fn summarize_month_with_releases(
        &self,
        py: Python<'_>,
        month: &str,
        incidents: &Bound<'_, PyAny>,
        releases: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let records = document(releases)?;
        let bytes = document(incidents)?;
        let policy = Arc::clone(&self.0);
        let summary = py
            .detach(move || json::summarize_month_with_releases(&policy, month, &records, &bytes))
            .map_err(|e| summary_refusal(py, &e, month, incidents, Some(releases)))?;
        answer(py, "monthly-summary", summary)
    }

    fn read(py: Python<'_>, given: &Bound<'_, PyAny>) -> PyResult<Policy> {
        let bytes = document(given)?;
        let policy = json::policy(&bytes).map_err(|e| refusal(py, &e, Some(given)))?;
        Ok(Policy(Arc::new(policy)))
    }
}

#[pymethods]
impl Policy {
    /// The standard's policy.
    #[staticmethod]
    fn standard() -> Policy {
        Policy(Arc::new(incident_response::Policy::STANDARD))
    }

    /// A policy from a dict of the policy document, validated.
    #[staticmethod]
    fn from_dict(py: Python<'_>, policy: &Bound<'_, PyAny>) -> PyResult<Policy> {
        if !policy.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(
                "from_dict takes a dict: use from_json for text",
            ));
        }
        Policy::read(py, policy)
    }

    /// A policy from the JSON text of the policy document, validated.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Policy> {
        if !is_text(text) {
            return Err(PyTypeError::new_err(
                "from_json takes str or bytes: use from_dict for a dict",
            ));
        }
        Policy::read(py, text)
    }

    /// Whether every value is the standard's.
    fn is_standard(&self) -> bool {
        self.0.is_standard()
    }

    /// The policy's fingerprint, 16 hex digits, which every answer carries.
    fn fingerprint(&self) -> String {
        self.0.fingerprint().to_string()
    }

    /// The values that are not the standard's: `{"field", "value",
    /// "standard"}` each, its `str()` one line.
    fn differences(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let list = PyList::empty(py);
        for difference in self.0.differences() {
            list.append(answer(py, "difference", difference)?)?;
        }
        Ok(list.into_any().unbind())
    }

    /// The policy document, every value present.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        plain(py, &*self.0)
    }

    fn __hash__(&self) -> u64 {
        self.0.fingerprint().0
    }

    fn __repr__(&self) -> String {
        format!(
            "Policy(fingerprint='{}', standard={})",
            self.0.fingerprint(),
            if self.0.is_standard() {
                "True"
            } else {
                "False"
            }
        )
    }

    /// Signals → their classification (`SEV-*`).
    fn classify(&self, signals: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        through(signals, "classification", |bytes| {
            json::classify(&self.0, bytes)
        })
    }

    /// An incident context (`severity`, or `signals` in its place) → the
    /// decision, with its path and counterfactuals (`DT-*`).
    fn decide(&self, context: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        through(context, "decision", |bytes| json::decide(&self.0, bytes))
    }

    /// Every path of the decision tree, as a table.
    fn decision_table(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        answer(py, "decision-table", json::decision_table(&self.0))
    }

    /// A deployment → where its post-deploy watch stands at `now` (`PD-*`).
    #[pyo3(signature = (deployment, now = None))]
    fn watch(
        &self,
        py: Python<'_>,
        deployment: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let at = self::now(py, now)?;
        through(deployment, "watch", |bytes| json::watch(&self.0, bytes, at))
    }

    /// Release evidence → its readiness at the gate (`RG-*`).
    fn check_release(&self, evidence: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        through(evidence, "readiness", |bytes| {
            json::check_release(&self.0, bytes)
        })
    }

    /// A release → its rollback plan (`RB-*`).
    fn rollback_plan(&self, release: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        through(release, "rollback-plan", |bytes| {
            json::rollback_plan(&self.0, bytes)
        })
    }

    /// `{"release": ..., "run": ...}` → the verdict on the rollback run (`RB-*`).
    fn verify_rollback(&self, check: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        through(check, "rollback-verdict", |bytes| {
            json::verify_rollback(&self.0, bytes)
        })
    }

    /// An incident → its obligations at `now` (`IN-*`).
    #[pyo3(signature = (incident, now = None))]
    fn obligations(
        &self,
        py: Python<'_>,
        incident: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let at = self::now(py, now)?;
        through(incident, "obligations", |bytes| {
            json::obligations(&self.0, bytes, at)
        })
    }

    /// A month's incidents → its summary, figures and goals (`ME-*`), its
    /// `releases` a count or a list of release records (DORA's delivery
    /// figures). The reading and the summary run without the GIL.
    fn summarize_month(
        &self,
        py: Python<'_>,
        month: &str,
        incidents: &Bound<'_, PyAny>,
        releases: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        if releases.is_instance_of::<pyo3::types::PyList>()
            || releases.is_instance_of::<pyo3::types::PyTuple>()
        {
            return self.summarize_month_with_releases(py, month, incidents, releases);
        }
        let count = (!releases.is_instance_of::<pyo3::types::PyBool>())
            .then(|| releases.extract::<u64>().ok())
            .flatten();
        let Some(releases) = count else {
            let mut error = JsonError::invalid_document(format!(
                "releases `{}` must be a whole number of releases, at least 0",
                releases.repr()?
            ));
            error.path = Some("releases".to_owned());
            return Err(refusal(
                py,
                &error,
                Some(&argument(py, "releases", releases)?),
            ));
        };
        let bytes = document(incidents)?;
        let policy = Arc::clone(&self.0);
        let summary = py
            .detach(move || json::summarize_month(&policy, month, releases, &bytes))
            .map_err(|e| summary_refusal(py, &e, month, incidents, None))?;
        answer(py, "monthly-summary", summary)
    }

    /// Months of incidents, oldest first → their trends (`ME-5`). The
    /// reading and the summaries run without the GIL.
    fn trends(&self, py: Python<'_>, months: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let bytes = document(months)?;
        let policy = Arc::clone(&self.0);
        let trends = py
            .detach(move || json::trends(&policy, &bytes))
            .map_err(|e| refusal(py, &e, Some(months)))?;
        answer(py, "trends", trends)
    }
}

/// An incident → its durations (`IN-*`).
#[pyfunction]
fn durations(incident: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    through(incident, "durations", json::durations)
}

/// An incident → its post-mortem report (`PM-*`); its `str()` is Markdown.
#[pyfunction]
fn post_mortem(incident: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    through(incident, "post-mortem", json::post_mortem)
}

/// The JSON Schema of an input or an answer, by name.
#[pyfunction]
fn schema(py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
    let schema = json::schema(name).map_err(|e| refusal(py, &e, None))?;
    plain(py, &schema)
}

/// A valid sample document of an input, by name.
#[pyfunction]
fn example(py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
    let text = json::example(name).map_err(|e| refusal(py, &e, None))?;
    let value: serde_json::Value =
        json::read(text.as_bytes()).map_err(|e| refusal(py, &e, None))?;
    plain(py, &value)
}

/// The names `schema` knows.
#[pyfunction]
fn schemas() -> Vec<&'static str> {
    json::SCHEMAS.to_vec()
}

/// The names `example` knows.
#[pyfunction]
fn examples() -> Vec<&'static str> {
    json::EXAMPLES.iter().map(|(name, _)| *name).collect()
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Policy>()?;
    module.add_class::<Answer>()?;
    module.add_function(wrap_pyfunction!(durations, module)?)?;
    module.add_function(wrap_pyfunction!(post_mortem, module)?)?;
    module.add_function(wrap_pyfunction!(schema, module)?)?;
    module.add_function(wrap_pyfunction!(example, module)?)?;
    module.add_function(wrap_pyfunction!(schemas, module)?)?;
    module.add_function(wrap_pyfunction!(examples, module)?)?;
    module.add("STANDARD", incident_response::STANDARD.to_string())?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
