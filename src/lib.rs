#![doc = include_str!("../README.md")]
//!
//! # Modules
//!
//! One module per part of the standard, in its order: [`severity`] (§1
//! Incident Severity & Escalation), [`release`] (§2 Phase 5, the
//! post-deploy watch), [`decision`] (§3 Rollback Decision Matrix); beside
//! them [`policy`] (every threshold, deadline and window), [`rule`] (the
//! catalogue of rule ids, with [`RuleId::is_implemented`] saying which ones
//! this version applies), [`error`] and the [`changelog`].
//!
//! # Features
//!
//! The crate has no optional features yet: the library is always pure, and
//! `chrono` is built without its `clock` feature.

/// The changelog, in the form of Keep a Changelog.
pub mod changelog {
    #![doc = include_str!("../CHANGELOG.md")]
}
pub mod decision;
pub mod error;
pub mod policy;
pub mod release;
pub mod rule;
pub mod severity;

/// The `chrono` the crate's timestamps come from, so that callers build
/// [`DateTime<Utc>`](chrono::DateTime) values of the same version.
pub use chrono;
pub use decision::{
    Answer, Assumption, Basis, Cause, Change, Counterfactual, Decision, DecisionTable, Fix,
    IncidentContext, Outcome, PathStep, Revert, TableRow, decide, decision_table,
};
pub use error::Error;
pub use policy::{Deadlines, DecisionWindows, Policy, Thresholds, WatchWindows};
pub use release::{
    Deployment, DetectedError, SetAsideDecision, SetAsideReason, TakenDecision, Trigger,
    WatchState, watch,
};
pub use rule::{RuleId, STANDARD, Section, Standard};
pub use severity::{
    Alert, BrokenFeature, Classification, MatchedRules, Responders, ResponsePlan, Severity,
    Signals, classify,
};
