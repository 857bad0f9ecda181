//! The error type: every way an input can be refused.
//!
//! Each variant names the field, the value and the rule broken, so that the
//! message alone tells an operator what to fix:
//!
//! ```
//! use incident_response::{classify, Signals};
//!
//! let signals = Signals::new().with_error_rate(1.5);
//! let err = classify(&signals).unwrap_err();
//! assert_eq!(err.to_string(), "error_rate `1.5` is outside 0.0..=1.0");
//! ```

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};

use crate::decision::outcome::Outcome;
use crate::policy::catalogue::{PolicyField, Value};
use crate::rule::RuleId;
use crate::text::Timestamp;

/// Why an input was refused.
///
/// Messages are lowercase, without a full stop, with the offending input in
/// backticks.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A signal is outside the range it is measured in:
    /// ``error_rate `1.5` is outside 0.0..=1.0``.
    #[non_exhaustive]
    #[error("{field} `{value}` is outside {expected}")]
    InvalidSignal {
        /// The signal, as named in JSON: `error_rate`.
        field: &'static str,
        /// The value given.
        value: f64,
        /// The range it must be in: `0.0..=1.0`.
        expected: &'static str,
    },

    /// A policy's threshold or deadline is out of range, or inconsistent
    /// with another:
    /// ``thresholds.p3_latency_ms `6000` must be below thresholds.p2_latency_ms `5000` (SEV-P3-LATENCY)``.
    #[non_exhaustive]
    #[error("{field} `{value}` {requirement} ({rule})")]
    InvalidPolicy {
        /// The field, which displays and serializes as its JSON path:
        /// `thresholds.p3_latency_ms`.
        field: PolicyField,
        /// The value given.
        value: Value,
        /// What the value must satisfy.
        requirement: Requirement,
        /// The rule the threshold or deadline belongs to.
        rule: RuleId,
    },

    /// Two timestamps in an impossible order:
    /// ``errors[0].at `2026-02-16T09:00:00Z` is before deployed_at `2026-02-16T09:35:00Z` (PD-2)``.
    #[non_exhaustive]
    #[error("{field} `{}` is before {other} `{}` ({rule})", Timestamp(*.value), Timestamp(*.other_value))]
    InvalidTimeline {
        /// The field that is too early, as a JSON path with its index:
        /// `errors[0].at`, `steps[3].started_at`.
        field: Cow<'static, str>,
        /// Its value.
        value: DateTime<Utc>,
        /// The field it must not precede: `deployed_at`.
        other: Cow<'static, str>,
        /// That field's value.
        other_value: DateTime<Utc>,
        /// The rule whose clock needs the order.
        rule: RuleId,
    },

    /// A value that deserializes but cannot be true, or that the rule it
    /// feeds cannot judge:
    /// ``soak.hours `-5` must be a finite number of hours, at least 0 (RG-3)``.
    #[non_exhaustive]
    #[error("{field} `{value}` {requirement} ({rule})")]
    InvalidInput {
        /// The field, as a JSON path with its index: `soak.hours`,
        /// `rollback_test.broken_rules[0]`.
        field: Cow<'static, str>,
        /// The value given, as text.
        value: String,
        /// What it must be: `must be a finite number of hours, at least 0`.
        requirement: Cow<'static, str>,
        /// The rule that needs the value.
        rule: RuleId,
    },

    /// A deadline that would fall past the last time `chrono` represents
    /// (the end of the year 262142).
    #[non_exhaustive]
    #[error("{field} `{}` plus {minutes} min is past the last representable time ({rule})", Timestamp(*.value))]
    TimeOutOfRange {
        /// The field the deadline counts from.
        field: &'static str,
        /// Its value.
        value: DateTime<Utc>,
        /// The window added to it.
        minutes: u32,
        /// The rule whose deadline it is.
        rule: RuleId,
    },

    /// A decision recorded on a deploy that has no error to decide on.
    #[non_exhaustive]
    #[error("decision `{outcome}` answers no recorded error ({rule})")]
    DecisionWithoutError {
        /// The outcome recorded.
        outcome: Outcome,
        /// `PD-2`: the decision answers the first error.
        rule: RuleId,
    },

    /// A severity other than `P1` … `P4`.
    #[non_exhaustive]
    #[error("severity `{value}` is not one of P1, P2, P3, P4")]
    UnknownSeverity {
        /// The text given.
        value: String,
    },

    /// An outcome other than `rollback`, `forward_fix`, `hybrid`, `defer`.
    #[non_exhaustive]
    #[error("outcome `{value}` is not one of rollback, forward_fix, hybrid, defer")]
    UnknownOutcome {
        /// The text given.
        value: String,
    },

    /// A month other than `YYYY-MM`, or outside January 0000 to December
    /// 9999: ``month `2026-13` is not a month as `YYYY-MM` ``.
    #[non_exhaustive]
    #[error("month `{value}` is not a month as `YYYY-MM`")]
    InvalidMonth {
        /// The text given.
        value: String,
    },

    /// An incident of a batch whose own input is invalid, named by its id:
    /// ``incident `INC-7`: resolved_at `…` is before detected_at `…` (IN-3)``.
    #[non_exhaustive]
    #[error("incident `{id}`: {error}")]
    InvalidIncident {
        /// The incident's id.
        id: String,
        /// What is wrong with it.
        error: Box<Error>,
    },

    /// Trends over months that do not follow each other.
    #[non_exhaustive]
    #[error("month `{month}` does not follow `{after}`: trends need consecutive months ({rule})")]
    NonConsecutiveMonths {
        /// The month out of sequence.
        month: String,
        /// The month before it in the list.
        after: String,
        /// `ME-5`.
        rule: RuleId,
    },

    /// Two incidents of a batch with the same id: the metrics would count
    /// one incident twice.
    #[non_exhaustive]
    #[error("incident id `{id}` appears more than once: each incident is counted once ({rule})")]
    DuplicateIncident {
        /// The id given twice.
        id: String,
        /// `ME-1`: incidents are counted per severity.
        rule: RuleId,
    },

    /// Trends asked of no month at all.
    #[non_exhaustive]
    #[error("trends need at least one month ({rule})")]
    NoMonths {
        /// `ME-5`.
        rule: RuleId,
    },

    /// A rollback run that records no step: there is nothing to verify.
    #[non_exhaustive]
    #[error("the rollback run records no step ({rule})")]
    EmptyRun {
        /// `RB-1`: the first step is the backup's verification.
        rule: RuleId,
    },

    /// A foreign document (an Alertmanager webhook, a PagerDuty
    /// incident, an incident.io incident) or a mapping the `adapters`
    /// cannot translate: ``alerts[0].annotations.value `n/a` is not a
    /// number: an error_rate alert needs its value``.
    #[non_exhaustive]
    #[error("{field} `{value}` {reason}")]
    Unmappable {
        /// Where the value stands in the foreign document or the mapping.
        field: String,
        /// The value, as given.
        value: String,
        /// What the translation needs, and which rule needs it.
        reason: Cow<'static, str>,
        /// The rule that needs the value, where one does.
        rule: Option<RuleId>,
    },

    /// A rule id that is not in the catalogue.
    #[non_exhaustive]
    #[error("rule id `{value}` is not in the catalogue")]
    UnknownRule {
        /// The text given.
        value: String,
    },
}

impl Error {
    /// The field the error is about, as a JSON path within the input
    /// (`error_rate`, `steps[3].finished_at`), where it names one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidSignal { field, .. } | Error::TimeOutOfRange { field, .. } => Some(field),
            Error::InvalidPolicy { field, .. } => Some(field.path()),
            Error::InvalidTimeline { field, .. } | Error::InvalidInput { field, .. } => Some(field),
            Error::UnknownSeverity { .. } => Some("severity"),
            Error::UnknownOutcome { .. } => Some("outcome"),
            Error::InvalidMonth { .. } => Some("month"),
            Error::InvalidIncident { error, .. } => error.field(),
            Error::DecisionWithoutError { .. } => Some("decision"),
            Error::DuplicateIncident { .. } => Some("id"),
            Error::Unmappable { field, .. } => Some(field),
            Error::NonConsecutiveMonths { .. }
            | Error::NoMonths { .. }
            | Error::EmptyRun { .. }
            | Error::UnknownRule { .. } => None,
        }
    }

    /// The rule the error names, where it names one.
    pub fn rule(&self) -> Option<RuleId> {
        match self {
            Error::InvalidPolicy { rule, .. }
            | Error::InvalidTimeline { rule, .. }
            | Error::InvalidInput { rule, .. }
            | Error::TimeOutOfRange { rule, .. }
            | Error::DecisionWithoutError { rule, .. }
            | Error::NonConsecutiveMonths { rule, .. }
            | Error::DuplicateIncident { rule, .. }
            | Error::NoMonths { rule }
            | Error::EmptyRun { rule } => Some(*rule),
            Error::InvalidIncident { error, .. } => error.rule(),
            Error::Unmappable { rule, .. } => *rule,
            Error::InvalidSignal { .. }
            | Error::UnknownSeverity { .. }
            | Error::UnknownOutcome { .. }
            | Error::InvalidMonth { .. }
            | Error::UnknownRule { .. } => None,
        }
    }
}

/// What a policy value must satisfy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Requirement {
    /// Inside a range: `0.0..=1.0`.
    Within(&'static str),
    /// At least this number: a deadline of 0 minutes can never be met.
    AtLeast(u64),
    /// A number, not `null`: the standard makes this deadline mandatory.
    Mandatory,
    /// Strictly below another field of the policy.
    Below {
        /// The other field.
        field: PolicyField,
        /// Its value.
        value: Value,
    },
    /// At most another field of the policy; `null` (no deadline) counts as
    /// later than any number of minutes.
    AtMost {
        /// The other field.
        field: PolicyField,
        /// Its value.
        value: Value,
    },
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Requirement::Within(range) => write!(f, "must be within {range}"),
            Requirement::AtLeast(minimum) => write!(f, "must be at least {minimum}"),
            Requirement::Mandatory => {
                f.write_str("must be a number of minutes: the standard makes it mandatory")
            }
            Requirement::Below { field, value } => write!(f, "must be below {field} `{value}`"),
            Requirement::AtMost { field, value } => {
                write!(f, "must be at most {field} `{value}`")
            }
        }
    }
}
