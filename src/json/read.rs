//! Reading a document of the contract: the strict reading, the envelope
//! that takes out a document's `"id"` (and a decision's `signals`), and the
//! refusal, with its path and position.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::decision::context::IncidentContext;
use crate::error::Error;
use crate::json::strict::Strict;
use crate::policy::Policy;
use crate::rule::RuleId;
use crate::severity::Signals;

/// What kind of refusal a [`JsonError`] is, for a caller that branches
/// on it (a Python exception class, an exit code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// Not JSON: `{"error_rate": 0.1`, or `NaN`.
    Syntax,
    /// JSON, but not a document of the contract: a wrong type, an unknown
    /// or missing field, a value out of range, an impossible value.
    InvalidInput,
    /// A policy that is inconsistent or out of range.
    InvalidPolicy,
    /// Timestamps in an impossible order.
    InvalidTimeline,
    /// A deadline past the last time the crate represents.
    TimeOutOfRange,
}

/// Why a document was refused: where (the JSON path, and the line and
/// column where the JSON text shows it), what is wrong, and the rule that
/// needs the value, where the crate knows it.
///
/// `Display` gives the path, the message and the position, as the
/// command-line tool prints them: ``cause.revert: unknown variant
/// `complx`, expected `simple` or `complex` at line 1 column 63``.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct JsonError {
    /// What kind of refusal it is.
    pub kind: ErrorKind,
    /// The JSON path of the value refused (`cause.revert`,
    /// `steps[3].finished_at`); `None` for the document as a whole.
    pub path: Option<String>,
    /// The line of the JSON text, from 1, where the reader stopped; `None`
    /// when the refusal comes after reading (a rule, a timeline).
    pub line: Option<usize>,
    /// The column of that line, from 1.
    pub column: Option<usize>,
    /// What is wrong, in the crate's words, without the path.
    pub message: String,
    /// The rule that needs the value, where the crate knows it.
    pub rule: Option<RuleId>,
}

impl JsonError {
    /// A refusal of a document as a whole, before it is read: a blank line
    /// where a document is expected, a document too large.
    pub fn invalid_document(message: impl Into<String>) -> Self {
        JsonError {
            kind: ErrorKind::InvalidInput,
            path: None,
            line: None,
            column: None,
            message: message.into(),
            rule: None,
        }
    }

    /// A refusal of the crate's own, after the document was read: a rule
    /// or a timeline. `prefix` is where the value it names stands in the
    /// document read (`run` for `{"release": …, "run": …}`), if anywhere
    /// but the top.
    pub fn from_error(error: &Error, prefix: Option<&str>) -> Self {
        let kind = match error {
            Error::InvalidPolicy { .. } => ErrorKind::InvalidPolicy,
            Error::InvalidTimeline { .. } => ErrorKind::InvalidTimeline,
            Error::TimeOutOfRange { .. } => ErrorKind::TimeOutOfRange,
            Error::InvalidIncident { error, .. } => JsonError::from_error(error, None).kind,
            _ => ErrorKind::InvalidInput,
        };
        // The fields of a value at a prefix (a release, a run, signals) are
        // named from a key, never an index: `run.steps[3].finished_at`.
        let within = |field: &str| match prefix {
            Some(prefix) => format!("{prefix}.{field}"),
            None => field.to_owned(),
        };
        let path = match (prefix, error.field()) {
            (_, Some(field)) => Some(within(field)),
            (Some(prefix), None) => Some(prefix.to_owned()),
            (None, None) => None,
        };
        // The message names the fields as they stand in the document read:
        // `run.steps[3].finished_at`, not `steps[3].finished_at`.
        let mut message = error.to_string();
        if prefix.is_some() {
            if let (Some(field), Some(path)) = (error.field(), &path)
                && let Some(rest) = message.strip_prefix(field)
            {
                message = format!("{path}{rest}");
            }
            if let Error::InvalidTimeline { other, .. } = error {
                let before = format!(" is before {other} `");
                message = message.replacen(&before, &format!(" is before {} `", within(other)), 1);
            }
        }
        JsonError {
            kind,
            path,
            line: None,
            column: None,
            message,
            rule: error.rule(),
        }
    }

    /// A refusal of serde_json's, at `path`, in the text `bytes`.
    fn from_json(error: &serde_json::Error, path: Option<String>, bytes: &[u8]) -> Self {
        let (line, column) = (error.line(), error.column());
        let mut message = error.to_string();
        let position = format!(" at line {line} column {column}");
        if let Some(stripped) = message.strip_suffix(&position) {
            message = stripped.to_owned();
        }
        // serde_json names a wrong JSON type in serde's words.
        for (serde, word) in [("sequence", "array"), ("map", "object")] {
            if let Some(rest) = message.strip_prefix(&format!("invalid type: {serde},")) {
                message = format!("invalid type: {word},{rest}");
            }
        }
        let syntax = matches!(
            error.classify(),
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof
        );
        if syntax && let Some(word) = not_a_json_number(bytes, line, column) {
            message = format!(
                "`{word}` is not a number JSON allows; write `null` for a value not measured"
            );
        }
        JsonError {
            kind: if syntax {
                ErrorKind::Syntax
            } else {
                ErrorKind::InvalidInput
            },
            path,
            // Reading a slice, `serde_json` places every error (from line 1).
            line: Some(line),
            column: Some(column),
            message,
            rule: None,
        }
    }
}

/// `path: message at line L column C`, each part where known.
impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path
            && !self.message.starts_with(path.as_str())
        {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, " at line {line} column {column}")?;
        }
        Ok(())
    }
}

impl std::error::Error for JsonError {}

impl From<Error> for JsonError {
    fn from(error: Error) -> Self {
        JsonError::from_error(&error, None)
    }
}

/// The word at `line`, `column` of `bytes` when it is one of the numbers
/// Python writes and JSON refuses.
fn not_a_json_number(bytes: &[u8], line: usize, column: usize) -> Option<&'static str> {
    let start = bytes
        .split(|&b| b == b'\n')
        .take(line.saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum::<usize>();
    let at = start + column.saturating_sub(1);
    // serde_json stops on the word's first byte, or on the letter after
    // a minus sign.
    [at.saturating_sub(1), at].into_iter().find_map(|at| {
        let rest = bytes.get(at..)?;
        ["-Infinity", "Infinity", "NaN"]
            .into_iter()
            .find(|word| rest.starts_with(word.as_bytes()))
    })
}

/// The bytes of a document without a leading UTF-8 byte-order mark.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Reads one value with `seed` strictly: a fast reading first, and only
/// when it fails a second one that tracks the path, whose tracking
/// allocates for every key.
fn read_with<T, S>(bytes: &[u8], seed: impl Fn() -> S) -> Result<T, JsonError>
where
    S: for<'de> DeserializeSeed<'de, Value = T>,
{
    let bytes = without_bom(bytes);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    if let Ok(value) = seed().deserialize(Strict::new(&mut deserializer))
        && deserializer.end().is_ok()
    {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let mut track = serde_path_to_error::Track::new();
    let tracked =
        serde_path_to_error::Deserializer::new(Strict::new(&mut deserializer), &mut track);
    let read = seed().deserialize(tracked);
    finish(read, deserializer, track, bytes)
}

/// The end of a tracked reading: the value, if nothing follows it in
/// `bytes`, or the refusal at the path `track` followed.
fn finish<T>(
    read: Result<T, serde_json::Error>,
    mut deserializer: serde_json::Deserializer<serde_json::de::SliceRead<'_>>,
    track: serde_path_to_error::Track,
    bytes: &[u8],
) -> Result<T, JsonError> {
    match read {
        Ok(value) => match deserializer.end() {
            Ok(()) => Ok(value),
            Err(error) => Err(JsonError::from_json(&error, None, bytes)),
        },
        Err(error) => {
            let path = track.path().to_string();
            // `.` is the document itself; `?` a place serde could not name.
            let path = (path != "." && !path.ends_with('?')).then_some(path);
            Err(JsonError::from_json(&error, path, bytes))
        }
    }
}

/// Reads one document of the contract strictly: see the [module](super).
///
/// # Errors
///
/// [`JsonError`] naming the path, the position and what is accepted there.
pub fn read<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    read_with(bytes, || std::marker::PhantomData::<T>)
}

/// Reads a foreign document (`adapters`): plain serde, fields its type
/// does not know ignored, each refusal with its path and position.
///
/// # Errors
///
/// [`JsonError`] naming the path, the position and what is expected there.
#[cfg(feature = "adapters")]
pub fn read_foreign<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    let bytes = without_bom(bytes);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let mut track = serde_path_to_error::Track::new();
    let read = T::deserialize(serde_path_to_error::Deserializer::new(
        &mut deserializer,
        &mut track,
    ));
    finish(read, deserializer, track, bytes)
}

/// A document of the contract with its optional `"id"`, which its answer
/// echoes ([`echo`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Document<T> {
    /// The document's `"id"`, if it has one.
    pub id: Option<String>,
    /// The document without it.
    pub body: T,
}

/// Reads a document whose top level may carry an `"id"` (a string) beside
/// the fields of `T`: a document for `classify`, `decide`, `watch`, the
/// gate, a rollback plan or a verdict.
///
/// # Errors
///
/// As [`read`]; an `"id"` that is not a string is refused too.
pub fn read_document<T: DeserializeOwned>(bytes: &[u8]) -> Result<Document<T>, JsonError> {
    let (document, _) = read_with(bytes, || Envelope::<T>::new(false))?;
    Ok(document)
}

/// Reads the document of a decision: an [`IncidentContext`], in which
/// `signals` may stand in place of `severity`, classified under `policy`
/// as [`Classification::incident_context`](crate::Classification::incident_context)
/// does in Rust: the severity they
/// classify as, and data loss when `SEV-P1-DATA` matched.
///
/// ```
/// use incident_response::{json, Outcome, Policy, Severity};
///
/// let document = json::read_context(
///     br#"{"signals": {"error_rate": 0.10}, "cause": {"kind": "deployment", "revert": "simple"}}"#,
///     &Policy::STANDARD,
/// )?;
/// assert_eq!(document.body.severity, Severity::P2);
/// assert_eq!(Policy::STANDARD.decide(&document.body)?.outcome(), Outcome::Rollback);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`read_document`]. `severity` and `signals` together, and neither,
/// are refused; signals the policy refuses to classify (`error_rate` of
/// `1.5`) are refused at `signals.error_rate`; a `data_loss` of `false`
/// beside signals that show data loss is refused as a contradiction.
pub fn read_context(bytes: &[u8], policy: &Policy) -> Result<Document<IncidentContext>, JsonError> {
    let read = read_with(bytes, || Envelope::<IncidentContext>::new(true));
    let (mut document, top) = read.map_err(|mut e| {
        if e.message == "missing field `severity`" {
            e.message.push_str(" (or `signals`, which classify as one)");
        }
        e
    })?;
    let Some(signals) = top.signals else {
        return Ok(document);
    };
    if top.severity_stated {
        return Err(JsonError {
            kind: ErrorKind::InvalidInput,
            path: Some("signals".to_owned()),
            line: None,
            column: None,
            message: "give `severity` or `signals`, not both: the signals classify as a severity"
                .to_owned(),
            rule: None,
        });
    }
    let classified = policy
        .classify(&signals)
        .map_err(|e| JsonError::from_error(&e, Some("signals")))?;
    let context = classified.incident_context();
    document.body.severity = context.severity;
    match (document.body.data_loss, context.data_loss) {
        (Some(false), Some(true)) => {
            return Err(JsonError {
                kind: ErrorKind::InvalidInput,
                path: Some("data_loss".to_owned()),
                line: None,
                column: None,
                message:
                    "data_loss `false` contradicts the signals, which show data loss (SEV-P1-DATA)"
                        .to_owned(),
                rule: Some(RuleId::SevP1Data),
            });
        }
        (None, Some(true)) => document.body.data_loss = Some(true),
        _ => {}
    }
    Ok(document)
}

/// The answer to a document, with the document's `"id"` first when it had
/// one: `{"id": "alert-7", "severity": "P2", …}`. For answers that
/// serialize as a JSON object, as every answer of the crate does.
pub fn echo<'a, T: Serialize>(id: Option<&'a str>, answer: &'a T) -> impl Serialize + 'a {
    Echo { id, answer }
}

#[derive(Serialize)]
struct Echo<'a, T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(flatten)]
    answer: &'a T,
}

/// The `"id"` of a document that could not be read, if its top level
/// holds one before whatever is wrong: so that a bot can still match the
/// refusal to its request.
pub fn probe_id(bytes: &[u8]) -> Option<String> {
    struct Probe<'a>(&'a mut Option<String>);
    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = ();
        // Never shown: a probe's refusal is dropped (an equivalent mutant,
        // skipped in `.cargo/mutants.toml`).
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == "id" {
                    *self.0 = Some(map.next_value()?);
                    return Ok(());
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    let mut id = None;
    let mut deserializer = serde_json::Deserializer::from_slice(without_bom(bytes));
    let _ = de::Deserializer::deserialize_map(&mut deserializer, Probe(&mut id));
    id
}

/// The top level of a document: its `"id"` taken out, and, for a
/// decision, `signals` taken out too, the rest handed to `T`.
struct Envelope<T> {
    /// Whether `signals` may stand in place of `severity` (a decision).
    takes_signals: bool,
    marker: std::marker::PhantomData<T>,
}

impl<T> Envelope<T> {
    const fn new(takes_signals: bool) -> Self {
        Envelope {
            takes_signals,
            marker: std::marker::PhantomData,
        }
    }
}

/// What the envelope took from the top level of a decision.
#[derive(Default)]
struct Taken {
    signals: Option<Signals>,
    severity_stated: bool,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Envelope<T> {
    type Value = (Document<T>, Taken);

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        // As a struct, so that the strict reading refuses an array with
        // "expected an object".
        deserializer.deserialize_struct("document", &[], self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Envelope<T> {
    type Value = (Document<T>, Taken);

    // Never shown: the strict reading visits a struct through its own
    // visitor, which says "an object" itself (an equivalent mutant,
    // skipped in `.cargo/mutants.toml`).
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let mut top = TopLevel {
            map,
            id: None,
            takes_signals: self.takes_signals,
            signals: None,
            severity_stated: false,
            injecting: false,
        };
        let body = T::deserialize(de::value::MapAccessDeserializer::new(&mut top))?;
        let taken = Taken {
            signals: top.signals,
            severity_stated: top.severity_stated,
        };
        Ok((Document { id: top.id, body }, taken))
    }
}

/// The keys of a document's top level, less the ones the envelope takes.
/// For a decision read from `signals`, a `severity` is handed to `T`
/// after the document's own keys, which [`read_context`] then replaces
/// with the one the signals classify as: `T` needs one, and classifying
/// needs the policy, which reading does not.
struct TopLevel<A> {
    map: A,
    id: Option<String>,
    takes_signals: bool,
    signals: Option<Signals>,
    severity_stated: bool,
    /// Whether the `severity` is being handed over.
    injecting: bool,
}

/// A key of the top level, read to know whether the envelope takes it.
enum Key<V> {
    Id,
    Signals,
    Other(V, bool),
}

/// The seed of a top-level key: the envelope's own keys are read here,
/// the others handed to `T`'s seed, which is used once.
struct KeySeed<'s, S> {
    seed: &'s mut Option<S>,
    takes_signals: bool,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, S> {
    type Value = Key<S::Value>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for KeySeed<'_, S> {
    type Value = Key<S::Value>;

    // Never shown: a key of JSON is always a string, which this visitor
    // takes (an equivalent mutant, skipped in `.cargo/mutants.toml`).
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        match key {
            "id" => Ok(Key::Id),
            "signals" if self.takes_signals => Ok(Key::Signals),
            _ => {
                let seed = self
                    .seed
                    .take()
                    .ok_or_else(|| E::custom("a key read twice"))?;
                let value = seed.deserialize(de::value::StrDeserializer::<E>::new(key))?;
                Ok(Key::Other(value, key == "severity"))
            }
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for &mut TopLevel<A> {
    type Error = A::Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let mut seed = Some(seed);
        if self.injecting {
            return Ok(None);
        }
        loop {
            let key = self.map.next_key_seed(KeySeed {
                seed: &mut seed,
                takes_signals: self.takes_signals,
            })?;
            match key {
                // `null` is not stated, as everywhere in the contract; a
                // key given twice is refused, as serde refuses it elsewhere.
                Some(Key::Id) if self.id.is_some() => {
                    return Err(de::Error::duplicate_field("id"));
                }
                Some(Key::Signals) if self.signals.is_some() => {
                    return Err(de::Error::duplicate_field("signals"));
                }
                Some(Key::Id) => self.id = self.map.next_value::<Option<String>>()?,
                Some(Key::Signals) => self.signals = Some(self.map.next_value()?),
                Some(Key::Other(value, severity)) => {
                    self.severity_stated |= severity;
                    return Ok(Some(value));
                }
                None => break,
            }
        }
        match (seed, self.signals.is_some(), self.severity_stated) {
            (Some(seed), true, false) => {
                self.injecting = true;
                seed.deserialize(de::value::StrDeserializer::new("severity"))
                    .map(Some)
            }
            _ => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        if self.injecting {
            // Replaced by the severity the signals classify as.
            return seed.deserialize(de::value::StrDeserializer::new("P4"));
        }
        self.map.next_value_seed(seed)
    }
}
