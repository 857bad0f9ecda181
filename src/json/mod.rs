//! The JSON contract in one place: every door of the crate (the
//! command-line tool, and the Python and JavaScript packages) reads its
//! documents and answers them through this module, so that each refuses
//! and accepts the same documents with the same words, and gives the same
//! answers. Behind the `json` feature.
//!
//! For every entry point of the crate there is a function here that takes
//! the JSON document (bytes) and gives a [`Reply`]: the typed answer, which
//! serializes as the contract's JSON (with the document's `"id"` first)
//! and displays as its text; or a [`JsonError`], with the path, line,
//! column, message, kind and rule. [`classify`], [`decide`], [`watch`],
//! [`obligations`], [`durations`], [`post_mortem`], [`check_release`],
//! [`rollback_plan`], [`verify_rollback`], [`summarize_month`],
//! [`summarize_month_with_releases`], [`trends`],
//! [`policy`], [`decision_table`], [`schema`] and [`example`].
//!
//! Reading a document here is stricter and friendlier than serde's derived
//! impls on their own:
//!
//! - an input is a JSON object: an array where an object is expected
//!   (`[0.5, 6000, true]`) is refused, where serde would read it as the
//!   fields in order;
//! - a whole number written with a fractional part `.0` (what Python's
//!   `json.dumps` writes for `2.731 * 1000`) is accepted wherever an
//!   integer is; `2731.5` is refused with "expected a whole number of
//!   milliseconds";
//! - every message names the field and what is accepted there, in JSON's
//!   words, never a Rust type name: ``severity: invalid type: integer `2`,
//!   expected one of "P1", "P2", "P3", "P4"``; `NaN` and `Infinity`, which
//!   Python writes but JSON does not allow, are named;
//! - a leading UTF-8 byte-order mark is accepted;
//! - every input document may carry an `"id"` (a string), taken out before
//!   the document is read and echoed by its answer ([`Document`],
//!   [`echo`]), so that a bot matches answers to requests; an
//!   [`Incident`]'s own `id` is that id.
//!
//! ```
//! use incident_response::json;
//! use incident_response::Signals;
//!
//! let document = json::read_document::<Signals>(br#"{"id": "alert-7", "latency_ms": 2731.0}"#)?;
//! assert_eq!(document.id.as_deref(), Some("alert-7"));
//! assert_eq!(document.body.latency_ms, 2731);
//!
//! let err = json::read::<Signals>(br#"[0.5, 6000, true]"#).unwrap_err();
//! assert_eq!(err.to_string(), "invalid type: array, expected an object at line 1 column 1");
//! let err = json::read::<Signals>(br#"{"latency_ms": 2731.5}"#).unwrap_err();
//! assert_eq!(err.path.as_deref(), Some("latency_ms"));
//! assert_eq!(
//!     err.message,
//!     "invalid type: floating point `2731.5`, expected a whole number of milliseconds"
//! );
//! # Ok::<(), json::JsonError>(())
//! ```
//!
//! Serde's derived impls remain, for a Rust caller that reads inputs with
//! its own `serde_json` call; they accept what this module accepts, and
//! more (arrays as objects, say). A door that answers other programs reads
//! through this module.

pub(crate) mod documents;
pub(crate) mod read;
pub(crate) mod strict;
pub mod vectors;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use documents::{EXAMPLES, SCHEMAS, example, schema};
#[cfg(feature = "adapters")]
pub mod foreign;
#[cfg(feature = "adapters")]
pub use read::read_foreign;
pub use read::{Document, ErrorKind, JsonError, echo, probe_id, read, read_context, read_document};

use crate::decision::Decision;
use crate::decision::table::DecisionTable;
use crate::error::Error;
use crate::incident::{Durations, Incident, Obligations};
use crate::metrics::{Month, MonthOfIncidents, MonthlySummary, Release, Trends};
use crate::policy::{Policy, PolicyDraft};
use crate::postmortem::PostMortem;
use crate::release::gate::{Readiness, ReleaseEvidence};
use crate::release::watch::{Deployment, Watch};
use crate::rollback::{RollbackPlan, RollbackRelease, RollbackRun, RollbackVerdict};
use crate::severity::{Classification, Signals};

/// The answer to one document: the typed answer and the document's `"id"`.
/// It serializes as the answer's JSON with the `"id"` first, when the
/// document had one, and displays as the answer's text.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Reply<T> {
    /// The document's `"id"`, echoed; an incident's own `id`.
    pub id: Option<String>,
    /// The answer.
    pub answer: T,
}

impl<T> Reply<T> {
    /// The answer `answer` to a document whose `"id"` is `id`.
    pub fn new(id: Option<String>, answer: T) -> Self {
        Reply { id, answer }
    }

    /// The same reply to the same document, with another form of the
    /// answer: its brief, say.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        Reply {
            id: self.id,
            answer: f(self.answer),
        }
    }
}

impl<T: Serialize> Serialize for Reply<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        echo(self.id.as_deref(), &self.answer).serialize(serializer)
    }
}

impl<T: std::fmt::Display> std::fmt::Display for Reply<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.answer.fmt(f)
    }
}

/// A refusal of the library's, about a value standing at `prefix`.
fn refused(prefix: Option<&str>) -> impl Fn(Error) -> JsonError + '_ {
    move |error| JsonError::from_error(&error, prefix)
}

/// A policy from its JSON, validated (`--policy`).
///
/// # Errors
///
/// [`JsonError`] of kind [`ErrorKind::InvalidPolicy`] naming the field and
/// the rule, for a policy that is inconsistent; as [`read`] for one that is
/// not a policy's JSON.
pub fn policy(document: &[u8]) -> Result<Policy, JsonError> {
    let draft: PolicyDraft = read(document)?;
    Policy::try_from(draft).map_err(refused(None))
}

/// [`Signals`] → [`Classification`] (`classify`).
///
/// ```
/// use incident_response::{json, Policy};
///
/// let reply = json::classify(&Policy::STANDARD, br#"{"id": "a-1", "error_rate": 0.10}"#)?;
/// let answer = serde_json::to_value(&reply).unwrap();
/// assert_eq!((answer["id"].as_str(), answer["severity"].as_str()), (Some("a-1"), Some("P2")));
/// # Ok::<(), json::JsonError>(())
/// ```
///
/// # Errors
///
/// As [`read_document`]; signals out of range (`error_rate` of `1.5`).
pub fn classify(policy: &Policy, document: &[u8]) -> Result<Reply<Classification>, JsonError> {
    let document = read_document::<Signals>(document)?;
    let answer = policy.classify(&document.body).map_err(refused(None))?;
    Ok(Reply::new(document.id, answer))
}

/// An incident context, `severity` or `signals` in its place ([`read_context`]) →
/// [`Decision`] (`decide`).
///
/// # Errors
///
/// As [`read_context`].
pub fn decide(policy: &Policy, document: &[u8]) -> Result<Reply<Decision>, JsonError> {
    let document = read_context(document, policy)?;
    let answer = policy.decide(&document.body).map_err(refused(None))?;
    Ok(Reply::new(document.id, answer))
}

/// The decision table of the policy, every path of the tree (`table`).
pub fn decision_table(policy: &Policy) -> DecisionTable {
    policy.decision_table()
}

/// A [`Deployment`] → where its watch stands at `now` ([`Watch`]).
///
/// # Errors
///
/// As [`read_document`]; an impossible timeline.
pub fn watch(
    policy: &Policy,
    document: &[u8],
    now: DateTime<Utc>,
) -> Result<Reply<Watch>, JsonError> {
    let document = read_document::<Deployment>(document)?;
    let answer = policy.watch(&document.body, now).map_err(refused(None))?;
    Ok(Reply::new(document.id, answer))
}

/// An [`Incident`] → its [`Obligations`] at `now`, the reply's id the
/// incident's.
///
/// # Errors
///
/// As [`read`]; an impossible timeline.
pub fn obligations(
    policy: &Policy,
    document: &[u8],
    now: DateTime<Utc>,
) -> Result<Reply<Obligations>, JsonError> {
    let incident: Incident = read(document)?;
    let answer = policy.obligations(&incident, now).map_err(refused(None))?;
    Ok(Reply::new(Some(incident.id), answer))
}

/// An [`Incident`] → its [`Durations`], the reply's id the incident's.
///
/// # Errors
///
/// As [`read`]; an impossible timeline.
pub fn durations(document: &[u8]) -> Result<Reply<Durations>, JsonError> {
    let incident: Incident = read(document)?;
    let answer = incident.durations().map_err(refused(None))?;
    Ok(Reply::new(Some(incident.id), answer))
}

/// An [`Incident`] → its [`PostMortem`] report, which names the incident
/// itself.
///
/// # Errors
///
/// As [`read`]; an impossible timeline.
pub fn post_mortem(document: &[u8]) -> Result<Reply<PostMortem>, JsonError> {
    let incident: Incident = read(document)?;
    let answer = incident.post_mortem_report().map_err(refused(None))?;
    Ok(Reply::new(None, answer))
}

/// [`ReleaseEvidence`] → its [`Readiness`] at the gate.
///
/// # Errors
///
/// As [`read_document`]; evidence no rule can judge (negative hours).
pub fn check_release(policy: &Policy, document: &[u8]) -> Result<Reply<Readiness>, JsonError> {
    let document = read_document::<ReleaseEvidence>(document)?;
    let answer = policy
        .check_release(&document.body)
        .map_err(refused(None))?;
    Ok(Reply::new(document.id, answer))
}

/// A [`RollbackRelease`] → its [`RollbackPlan`].
///
/// # Errors
///
/// As [`read_document`]; a release without two different versions.
pub fn rollback_plan(policy: &Policy, document: &[u8]) -> Result<Reply<RollbackPlan>, JsonError> {
    let document = read_document::<RollbackRelease>(document)?;
    let answer = policy.rollback_plan(document.body).map_err(refused(None))?;
    Ok(Reply::new(document.id, answer))
}

/// The input of [`verify_rollback`]: the release rolled back, and the run.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RollbackCheck {
    release: RollbackRelease,
    run: RollbackRun,
}

/// `{"release": …, "run": …}` → the [`RollbackVerdict`] on the run.
///
/// # Errors
///
/// As [`read_document`]; a release without two versions (at `release`),
/// step times out of order (at `run.steps[3].finished_at`).
pub fn verify_rollback(
    policy: &Policy,
    document: &[u8],
) -> Result<Reply<RollbackVerdict>, JsonError> {
    let document = read_document::<RollbackCheck>(document)?;
    let check = document.body;
    let plan = policy
        .rollback_plan(check.release)
        .map_err(refused(Some("release")))?;
    let answer = policy
        .verify_rollback(&plan, &check.run)
        .map_err(refused(Some("run")))?;
    Ok(Reply::new(document.id, answer))
}

/// A JSON array of incidents → the [`MonthlySummary`] of `month`
/// (`"2026-01"`) with its `releases`.
///
/// # Errors
///
/// As [`read`]; a month not `YYYY-MM`; an incident's own refusal, at its
/// index (`[3].resolved_at`); two incidents of one id.
pub fn summarize_month(
    policy: &Policy,
    month: &str,
    releases: u64,
    document: &[u8],
) -> Result<MonthlySummary, JsonError> {
    let month: Month = month.parse().map_err(refused(None))?;
    let incidents: Vec<Incident> = read(document)?;
    policy
        .summarize_month(month, &incidents, releases)
        .map_err(|error| batch_error(&error, &incidents, None))
}

/// A JSON array of incidents and a JSON array of release records
/// ([`Release`]: `id`, `deployed_at`, optional `service`) → the
/// [`MonthlySummary`] of `month` with DORA's delivery figures
/// ([`Policy::summarize_month_with_releases`]).
///
/// # Errors
///
/// As [`summarize_month`]; a release record refused at its path
/// (`releases[2].deployed_at`); two releases of one id
/// (`releases[3].id`); an incident that began before its release was
/// deployed.
pub fn summarize_month_with_releases(
    policy: &Policy,
    month: &str,
    releases: &[u8],
    document: &[u8],
) -> Result<MonthlySummary, JsonError> {
    let month: Month = month.parse().map_err(refused(None))?;
    let releases: Vec<Release> = read(releases).map_err(|mut error| {
        // Within an array, every path starts at an index: `[2].deployed_at`.
        error.path = Some(match error.path.take() {
            Some(path) => format!("releases{path}"),
            None => "releases".to_owned(),
        });
        error
    })?;
    let incidents: Vec<Incident> = read(document)?;
    policy
        .summarize_month_with_releases(month, &incidents, &releases)
        .map_err(|error| batch_error(&error, &incidents, None))
}

/// A JSON array of months of incidents ([`MonthOfIncidents`], oldest
/// first) → their [`Trends`].
///
/// # Errors
///
/// As [`read`]; as [`summarize_month`] for each month, at its index
/// (`[1].incidents[3].resolved_at`); months that do not follow each other;
/// no month.
pub fn trends(policy: &Policy, document: &[u8]) -> Result<Trends, JsonError> {
    let months: Vec<MonthOfIncidents> = read(document)?;
    let mut summaries = Vec::with_capacity(months.len());
    for (i, month) in months.iter().enumerate() {
        let summary = policy
            .summarize_month(month.month, &month.incidents, month.releases)
            .map_err(|error| {
                batch_error(&error, &month.incidents, Some(&format!("[{i}].incidents")))
            })?;
        summaries.push(summary);
    }
    policy.trends(&summaries).map_err(refused(None))
}

/// A refusal of one incident of a batch, at its index in the array:
/// `[3].resolved_at`.
fn batch_error(error: &Error, incidents: &[Incident], within: Option<&str>) -> JsonError {
    let at = match error {
        Error::InvalidIncident { id, .. } | Error::DuplicateIncident { id, .. } => {
            incidents.iter().rposition(|i| &i.id == id)
        }
        _ => None,
    };
    let mut refusal = JsonError::from_error(error, None);
    if let Some(at) = at {
        let field = match error {
            Error::InvalidIncident { error, .. } => error.field(),
            _ => Some("id"),
        };
        let within = within.unwrap_or_default();
        refusal.path = Some(match field {
            Some(field) => format!("{within}[{at}].{field}"),
            None => format!("{within}[{at}]"),
        });
    }
    refusal
}
