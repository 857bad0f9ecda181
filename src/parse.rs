//! Reading the crate's names from text: `FromStr` for the rule ids, the
//! severities and the outcomes, each failure an [`Error`] naming the value.
//!
//! They live here, beside neither the type nor the error, so that the
//! modules defining the names and [`crate::error`], which names them, do
//! not import each other.

use std::str::FromStr;

use crate::decision::outcome::Outcome;
use crate::error::Error;
use crate::rule::RuleId;
use crate::severity::level::Severity;

impl FromStr for Outcome {
    type Err = Error;

    /// Parses the serde form.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownOutcome`] for anything else: `"ROLLBACK"`, `"fix"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Outcome::ALL
            .into_iter()
            .find(|outcome| outcome.as_str() == s)
            .ok_or_else(|| Error::UnknownOutcome { value: s.into() })
    }
}

impl FromStr for RuleId {
    type Err = Error;

    /// Parses an id exactly as the catalogue writes it.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownRule`] for anything else: `"SEV-P5"`, `"dt-1"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|rule| rule.as_str() == s)
            .ok_or_else(|| Error::UnknownRule { value: s.into() })
    }
}

impl FromStr for Severity {
    type Err = Error;

    /// Parses `"P1"` … `"P4"`.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownSeverity`] for anything else: `"P5"`, `"p1"`, `"critical"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|severity| severity.to_string() == s)
            .ok_or_else(|| Error::UnknownSeverity { value: s.into() })
    }
}
