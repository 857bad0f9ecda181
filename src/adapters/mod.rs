//! From what teams already have to the crate's inputs: an Alertmanager
//! webhook to [`Signals`](crate::Signals), PagerDuty and incident.io
//! records to [`Incident`](crate::Incident)s.
//!
//! The standard asks that "all incidents must be documented with root
//! cause analysis" and that MTTR and MTTD be tracked monthly; teams keep
//! that record in their alerting and incident tools, not in this crate's
//! format. Each adapter reads one foreign format, written from its public
//! documentation:
//!
//! | module | reads | gives |
//! |---|---|---|
//! | [`alertmanager`] | a Prometheus Alertmanager webhook (version 4), or Grafana's compatible variant | [`AlertSignals`](alertmanager::AlertSignals) for `classify` and `decide`, per group or per alert |
//! | [`pagerduty`] | a REST API v2 `GET /incidents` page, or a list of webhook v3 events | [`Incident`](crate::Incident)s for obligations, post-mortems and the monthly report |
//! | [`incident_io`] | an API v2 incident (or a list), with its follow-ups | [`Incident`](crate::Incident)s, test and tutorial incidents left out and counted |
//!
//! Foreign formats grow, so their types ignore fields they do not know
//! (unlike the crate's own strict contract). Nothing is dropped silently:
//! every translation is a [`Translation`], the crate's input with a
//! [`MappingReport`] of what it used, what it ignored, what it assumed and
//! what it could not find, so that a reader can audit it. Which alert
//! feeds which signal, and which priority is which severity, is
//! configuration ([`AlertMapping`](mapping::AlertMapping),
//! [`IncidentMapping`](mapping::IncidentMapping)), validated, with the
//! defaults documented on each field.
//!
//! Pure, like the rest of the crate: JSON in, values out; no HTTP client,
//! no clock. Built with the `adapters` feature.
//!
//! ```
//! use incident_response::adapters::{alertmanager, mapping::AlertMapping};
//!
//! let webhook = br#"{"version": "4", "status": "firing", "alerts": [
//!   {"status": "firing",
//!    "labels": {"alertname": "HighErrorRate", "incident_response_signal": "error_rate"},
//!    "annotations": {"value": "0.12"},
//!    "startsAt": "2026-02-16T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}]}"#;
//! let group = alertmanager::read(webhook)?;
//! let translation = alertmanager::signals(&group, &AlertMapping::default())?;
//! assert_eq!(translation.value.signals.error_rate, 0.12);
//! let classification = incident_response::classify(&translation.value.signals)?;
//! assert_eq!(classification.severity(), incident_response::Severity::P2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::rule::RuleId;

pub mod alertmanager;
pub mod incident_io;
pub mod mapping;
pub mod pagerduty;
mod record;

/// The foreign formats the adapters read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// A Prometheus Alertmanager webhook (version 4), or Grafana's
    /// compatible one.
    Alertmanager,
    /// A PagerDuty REST API v2 page of incidents (`GET /incidents`).
    Pagerduty,
    /// A list of PagerDuty webhook v3 events.
    PagerdutyEvents,
    /// incident.io API v2 incidents.
    IncidentIo,
}

impl Format {
    /// Every format, in the order of this list.
    pub const ALL: [Format; 4] = [
        Format::Alertmanager,
        Format::Pagerduty,
        Format::PagerdutyEvents,
        Format::IncidentIo,
    ];

    /// The name the command-line tool's `--from` takes: `pagerduty-events`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Alertmanager => "alertmanager",
            Format::Pagerduty => "pagerduty",
            Format::PagerdutyEvents => "pagerduty-events",
            Format::IncidentIo => "incident-io",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A translation: the crate's input, and the account of how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Translation<T> {
    /// The crate's input.
    pub value: T,
    /// What was used, ignored, assumed and not found.
    pub mapping: MappingReport,
}

/// How a foreign document became the crate's input, for a reader who
/// audits the translation. Every field the adapter read is either in
/// `used` or in `ignored`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct MappingReport {
    /// The format read.
    pub format: Format,
    /// Each foreign field read, and the crate's field it became.
    pub used: Vec<Used>,
    /// Each foreign field present but not read, and why.
    pub ignored: Vec<Ignored>,
    /// Each choice made where the document says nothing explicit.
    pub assumed: Vec<String>,
    /// The crate's fields nothing in the document gave.
    pub missing: Vec<String>,
    /// Records left out, with the reason: resolved alerts, test incidents.
    pub left_out: Vec<LeftOut>,
    /// What a reader must see first: "no signal mapped".
    pub warnings: Vec<String>,
}

/// A foreign field read, and the crate's field it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Used {
    /// The foreign field: `alerts[0].annotations.value`.
    pub from: String,
    /// The crate's field: `signals.error_rate`.
    pub to: String,
}

/// A foreign field present but not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Ignored {
    /// The foreign field: `alerts[2]`, `externalURL`.
    pub field: String,
    /// Why: "no signal label and no rule of the mapping matches".
    pub why: String,
}

/// Records left out of the translation, counted by reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct LeftOut {
    /// Why they were left out: "resolved", "mode test".
    pub reason: String,
    /// How many.
    pub count: u64,
    /// The records, by their id or path.
    pub records: Vec<String>,
}

impl MappingReport {
    /// An empty report of `format`.
    pub const fn new(format: Format) -> Self {
        MappingReport {
            format,
            used: Vec::new(),
            ignored: Vec::new(),
            assumed: Vec::new(),
            missing: Vec::new(),
            left_out: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub(crate) fn used(&mut self, from: impl Into<String>, to: impl Into<String>) {
        self.used.push(Used {
            from: from.into(),
            to: to.into(),
        });
    }

    pub(crate) fn ignored(&mut self, field: impl Into<String>, why: impl Into<String>) {
        self.ignored.push(Ignored {
            field: field.into(),
            why: why.into(),
        });
    }

    /// The fields of `rest` (what serde did not read into a field), each
    /// ignored as "not read by the crate".
    pub(crate) fn ignore_rest(&mut self, at: &str, rest: &Rest) {
        for key in rest.keys() {
            self.ignored(join(at, key), "not read by the crate");
        }
    }

    pub(crate) fn assumed(&mut self, sentence: impl Into<String>) {
        self.assumed.push(sentence.into());
    }

    pub(crate) fn missing(&mut self, sentence: impl Into<String>) {
        self.missing.push(sentence.into());
    }

    pub(crate) fn warn(&mut self, sentence: impl Into<String>) {
        self.warnings.push(sentence.into());
    }

    pub(crate) fn left_out(&mut self, reason: &str, record: impl Into<String>) {
        let record = record.into();
        if let Some(entry) = self.left_out.iter_mut().find(|e| e.reason == reason) {
            entry.count += 1;
            entry.records.push(record);
        } else {
            self.left_out.push(LeftOut {
                reason: reason.to_owned(),
                count: 1,
                records: vec![record],
            });
        }
    }

    /// Whether `field` (a foreign path) is accounted for: used or ignored
    /// itself, or a field within it; or within a field ignored whole (a
    /// resolved alert).
    pub fn accounts_for(&self, field: &str) -> bool {
        let under = |inner: &str, outer: &str| {
            inner == outer
                || inner
                    .strip_prefix(outer)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        };
        self.used.iter().any(|u| under(&u.from, field))
            || self
                .ignored
                .iter()
                .any(|i| under(&i.field, field) || under(field, &i.field))
    }
}

/// The report for people: `--explain-mapping`.
impl fmt::Display for MappingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Mapping from {}:", self.format)?;
        for warning in &self.warnings {
            writeln!(f, "  warning: {warning}")?;
        }
        for used in &self.used {
            writeln!(f, "  used     {} -> {}", used.from, used.to)?;
        }
        for assumed in &self.assumed {
            writeln!(f, "  assumed  {assumed}")?;
        }
        for missing in &self.missing {
            writeln!(f, "  missing  {missing}")?;
        }
        for left in &self.left_out {
            writeln!(
                f,
                "  left out {} ({}): {}",
                left.count,
                left.reason,
                left.records.join(", ")
            )?;
        }
        for ignored in &self.ignored {
            writeln!(f, "  ignored  {}: {}", ignored.field, ignored.why)?;
        }
        Ok(())
    }
}

/// The fields of a foreign object that its type does not read: kept by
/// name only, so that the report can list them.
pub(crate) type Rest = BTreeMap<String, IgnoredAny>;

/// `at.key`, or `key` at the top.
pub(crate) fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_owned()
    } else {
        format!("{at}.{key}")
    }
}

/// A refusal naming the foreign field, its value and what is needed.
pub(crate) fn unmappable(
    field: impl Into<String>,
    value: impl Into<String>,
    reason: impl Into<std::borrow::Cow<'static, str>>,
    rule: Option<RuleId>,
) -> Error {
    Error::Unmappable {
        field: field.into(),
        value: value.into(),
        reason: reason.into(),
        rule,
    }
}

/// A foreign timestamp: RFC 3339, as every format here writes them.
pub(crate) fn timestamp(field: &str, text: &str) -> Result<DateTime<Utc>, Error> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            unmappable(
                field,
                text,
                format!("is not an RFC 3339 timestamp: {e}"),
                None,
            )
        })
}

/// Reads a foreign document: lenient about fields it does not know,
/// precise about the ones it reads (their path, line and column).
///
/// # Errors
///
/// [`JsonError`](crate::json::JsonError) naming where the document is not
/// what the format documents.
pub(crate) fn read_foreign<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
) -> Result<T, crate::json::JsonError> {
    crate::json::read_foreign(bytes)
}
