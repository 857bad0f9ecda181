//! Test vectors as data: cases written from the standard's words alone,
//! each an input, the command that answers it and the essential fields of
//! the answer, run through the same doors as the command-line tool's
//! (`incident-response vectors standard/vectors`), so that an auditor
//! checks the crate against the standard without reading Rust.
//!
//! A file of vectors is a JSON object: a `title` and its `vectors`. A
//! vector names the rule it checks and the clause it comes from, the
//! command (`classify`, `decide`, `watch`, `obligations`, `durations`,
//! `postmortem`, `report`, `trends`, `gate`, `plan`, `verify-rollback`),
//! the document that command reads (`input`), what else the command needs
//! (`now` for `watch` and `obligations`; `month` and `releases` for
//! `report`), and what the answer must show: `expect`, JSON pointers into
//! the answer's JSON with the value each must have. A refusal answers
//! `{"error": {…}}`, so that a vector can expect one
//! (`"/error/rule": "RG-3"`).
//!
//! ```
//! use incident_response::{json, Policy};
//!
//! let file = json::vectors::read_file(r#"{
//!   "title": "Severity",
//!   "vectors": [{
//!     "name": "every request failing is P1",
//!     "rule": "SEV-P1-OUTAGE",
//!     "clause": "§1 P1 CRITICAL: \"Database completely unavailable (100% request failure)\"",
//!     "command": "classify",
//!     "input": {"error_rate": 1.0},
//!     "expect": {"/severity": "P1", "/rules/0/id": "SEV-P1-OUTAGE"}
//!   }]
//! }"#.as_bytes())?;
//! let result = json::vectors::run(&Policy::STANDARD, &file.vectors[0]);
//! assert!(result.passed(), "{result}");
//! assert_eq!(result.to_string(), "✓ SEV-P1-OUTAGE every request failing is P1");
//! # Ok::<(), json::JsonError>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json::read::{JsonError, read};
use crate::policy::Policy;
use crate::rule::RuleId;

/// A file of vectors: a title and its vectors, in order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct VectorFile {
    /// What the file checks: "§1 Incident Severity & Escalation".
    pub title: String,
    /// Its vectors.
    pub vectors: Vec<Vector>,
}

/// One case: an input, the command that answers it, and what the answer
/// must show.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Vector {
    /// What the case shows, in a line: "an error rate of exactly 5 % is
    /// not above 5 %".
    pub name: String,
    /// The rule it checks.
    pub rule: RuleId,
    /// The clause of the standard it comes from, quoted.
    pub clause: String,
    /// The command that answers it.
    pub command: VectorCommand,
    /// The document the command reads.
    pub input: Value,
    /// The moment of `watch` and `obligations`.
    #[serde(default)]
    pub now: Option<DateTime<Utc>>,
    /// The month of `report`, `2026-01`.
    #[serde(default)]
    pub month: Option<String>,
    /// The month's production releases, for `report`: a count, or the
    /// release records (`[{"id", "deployed_at", "service"}]`).
    #[serde(default)]
    pub releases: Option<Value>,
    /// JSON pointers into the answer (`/severity`, `/checks/4/held`), each
    /// with the value it must have; at least one, each once.
    #[serde(deserialize_with = "pointers")]
    pub expect: BTreeMap<String, Value>,
}

/// The commands a vector can run, named as the tool's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VectorCommand {
    /// Signals → their classification.
    Classify,
    /// An incident context → the decision.
    Decide,
    /// A deployment → its watch at `now`.
    Watch,
    /// An incident → its obligations at `now`.
    Obligations,
    /// An incident → its durations.
    Durations,
    /// An incident → its post-mortem report.
    Postmortem,
    /// Incidents → the summary of `month` with `releases`.
    Report,
    /// Months of incidents → their trends.
    Trends,
    /// Release evidence → its readiness at the gate.
    Gate,
    /// A release → its rollback plan.
    Plan,
    /// A release and a rollback run → the verdict.
    VerifyRollback,
}

/// One expectation that did not hold: where, what was expected, what the
/// answer holds there (`None`: nothing).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Mismatch {
    /// The JSON pointer, `/severity`.
    pub pointer: String,
    /// The value the vector expects.
    pub expected: Value,
    /// The value the answer holds, if any.
    pub found: Option<Value>,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.found {
            Some(found) => write!(
                f,
                "{} expected {}, found {found}",
                self.pointer, self.expected
            ),
            None => write!(
                f,
                "{} expected {}, found nothing there",
                self.pointer, self.expected
            ),
        }
    }
}

/// A vector as run: its rule and name, and every expectation that did not
/// hold (none when it passed).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct VectorResult {
    /// The vector's rule.
    pub rule: RuleId,
    /// The vector's name.
    pub name: String,
    /// The clause it comes from.
    pub clause: String,
    /// Every expectation that did not hold, in pointer order.
    pub mismatches: Vec<Mismatch>,
    /// The answer's JSON, as the command gave it.
    pub answer: Value,
}

impl VectorResult {
    /// Whether every expectation held.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// `✓ RG-5 a rollback of exactly 5 min fails`, or `✗`, the name, and each
/// mismatch.
impl fmt::Display for VectorResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.passed() { "✓" } else { "✗" };
        write!(f, "{mark} {} {}", self.rule, self.name)?;
        for (i, mismatch) in self.mismatches.iter().enumerate() {
            let joint = if i == 0 { ": " } else { "; " };
            write!(f, "{joint}{mismatch}")?;
        }
        Ok(())
    }
}

/// A file of vectors from its JSON, read strictly: a field a vector does
/// not have, a rule id the catalogue does not know, a command the tool
/// does not have, are refused with their path.
///
/// # Errors
///
/// [`JsonError`] naming the field.
pub fn read_file(document: &[u8]) -> Result<VectorFile, JsonError> {
    let file: VectorFile = read(document)?;
    if file.vectors.is_empty() {
        return Err(refused(
            "vectors",
            "holds no vector: a file of vectors checks at least one",
        ));
    }
    for (i, vector) in file.vectors.iter().enumerate() {
        check(vector)
            .map_err(|(field, message)| refused(&format!("vectors[{i}].{field}"), &message))?;
    }
    Ok(file)
}

/// A refusal of the vector file at `path`.
fn refused(path: &str, message: &str) -> JsonError {
    let mut error = JsonError::invalid_document(message);
    error.path = Some(path.to_owned());
    error
}

/// A vector that could pass without checking anything is refused: one
/// that expects nothing, a pointer that is not one, a setting its command
/// needs and lacks, or has and does not read.
fn check(vector: &Vector) -> Result<(), (&'static str, String)> {
    if vector.expect.is_empty() {
        return Err((
            "expect",
            "expects nothing: a vector checks at least one field".to_owned(),
        ));
    }
    if let Some(pointer) = vector.expect.keys().find(|p| !p.starts_with('/')) {
        return Err((
            "expect",
            format!("`{pointer}` is not a JSON pointer, which starts with `/`"),
        ));
    }
    let command = serde_json::to_value(vector.command).unwrap_or(Value::Null);
    let moment = matches!(
        vector.command,
        VectorCommand::Watch | VectorCommand::Obligations
    );
    let report = vector.command == VectorCommand::Report;
    for (field, needs, given) in [
        ("now", moment, vector.now.is_some()),
        ("month", report, vector.month.is_some()),
        ("releases", report, vector.releases.is_some()),
    ] {
        match (needs, given) {
            (true, false) => return Err((field, format!("{command} needs `{field}`"))),
            (false, true) => return Err((field, format!("{command} reads no `{field}`"))),
            _ => {}
        }
    }
    Ok(())
}

/// The expectations, each pointer once: a pointer given twice is refused,
/// where a map would keep the last silently.
fn pointers<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Value>, D::Error> {
    struct Pointers;
    impl<'de> serde::de::Visitor<'de> for Pointers {
        type Value = BTreeMap<String, Value>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of JSON pointers and the values expected there")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut expect = BTreeMap::new();
            while let Some(pointer) = map.next_key::<String>()? {
                if expect.contains_key(&pointer) {
                    return Err(serde::de::Error::custom(format!(
                        "pointer `{pointer}` appears twice"
                    )));
                }
                let value = map.next_value::<Value>()?;
                expect.insert(pointer, value);
            }
            Ok(expect)
        }
    }
    deserializer.deserialize_map(Pointers)
}

/// Runs `vector` under `policy`: its command's answer, as JSON, and every
/// expectation that does not hold in it.
pub fn run(policy: &Policy, vector: &Vector) -> VectorResult {
    let answer = answer(policy, vector);
    let mismatches = vector
        .expect
        .iter()
        .filter_map(|(pointer, expected)| {
            let found = answer.pointer(pointer);
            (!found.is_some_and(|found| same(found, expected))).then(|| Mismatch {
                pointer: pointer.clone(),
                expected: expected.clone(),
                found: found.cloned(),
            })
        })
        .collect();
    VectorResult {
        rule: vector.rule,
        name: vector.name.clone(),
        clause: vector.clause.clone(),
        mismatches,
        answer,
    }
}

/// Equal as JSON, numbers by value at any depth: `1500` is `1500.0`.
fn same(found: &Value, expected: &Value) -> bool {
    match (found, expected) {
        (Value::Number(found), Value::Number(expected)) => found.as_f64() == expected.as_f64(),
        (Value::Array(found), Value::Array(expected)) => {
            found.len() == expected.len() && found.iter().zip(expected).all(|(f, e)| same(f, e))
        }
        (Value::Object(found), Value::Object(expected)) => {
            found.len() == expected.len()
                && found
                    .iter()
                    .all(|(key, f)| expected.get(key).is_some_and(|e| same(f, e)))
        }
        _ => found == expected,
    }
}

/// The answer of the vector's command to its input, as the tool writes it
/// in JSON; a refusal as `{"error": {…}}`.
fn answer(policy: &Policy, vector: &Vector) -> Value {
    answer_of(policy, vector).unwrap_or_else(|error| {
        let error = serde_json::to_value(error).unwrap_or(Value::Null);
        Value::Object([("error".to_owned(), error)].into_iter().collect())
    })
}

/// A needed parameter the vector left out, refused by name.
fn needed<T: Clone>(value: Option<&T>, name: &str, command: VectorCommand) -> Result<T, JsonError> {
    value.cloned().ok_or_else(|| {
        let command = serde_json::to_value(command).unwrap_or(Value::Null);
        JsonError::invalid_document(format!("the vector needs `{name}` for {command}"))
    })
}

/// An answer's JSON.
fn json(answer: impl Serialize) -> Result<Value, JsonError> {
    serde_json::to_value(answer).map_err(|e| JsonError::invalid_document(e.to_string()))
}

/// The command's answer, as JSON.
fn answer_of(policy: &Policy, vector: &Vector) -> Result<Value, JsonError> {
    let input = json(&vector.input)?.to_string().into_bytes();
    let bytes = input.as_slice();
    let now = || needed(vector.now.as_ref(), "now", vector.command);
    match vector.command {
        VectorCommand::Classify => json(super::classify(policy, bytes)?),
        VectorCommand::Decide => json(super::decide(policy, bytes)?),
        VectorCommand::Watch => json(super::watch(policy, bytes, now()?)?),
        VectorCommand::Obligations => json(super::obligations(policy, bytes, now()?)?),
        VectorCommand::Durations => json(super::durations(bytes)?),
        VectorCommand::Postmortem => json(super::post_mortem(bytes)?),
        VectorCommand::Report => {
            let month = needed(vector.month.as_ref(), "month", vector.command)?;
            let releases = needed(vector.releases.as_ref(), "releases", vector.command)?;
            match releases.as_u64() {
                Some(count) => json(super::summarize_month(policy, &month, count, bytes)?),
                None => {
                    let records = json(&releases)?.to_string().into_bytes();
                    json(super::summarize_month_with_releases(
                        policy, &month, &records, bytes,
                    )?)
                }
            }
        }
        VectorCommand::Trends => json(super::trends(policy, bytes)?),
        VectorCommand::Gate => json(super::check_release(policy, bytes)?),
        VectorCommand::Plan => json(super::rollback_plan(policy, bytes)?),
        VectorCommand::VerifyRollback => json(super::verify_rollback(policy, bytes)?),
    }
}
