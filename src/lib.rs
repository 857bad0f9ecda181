#![doc = include_str!("../README.md")]
//!
//! # Where each part of the standard lives
//!
//! | part of the standard | module | rules |
//! |---|---|---|
//! | §1 Incident Severity & Escalation | [`severity`] | `SEV-…`, response plans |
//! | thresholds, deadlines and windows | [`policy`] | every number of §1–§3 |
//! | the rule catalogue | [`rule`] | every id |
//! | §2 Phase 5 Monitoring & Decision Point | [`release`] | `PD-1` … `PD-4` |
//! | errors | [`error`] | — |
//!
//! Every rule id of SPEC.md is listed, with its section and the standard's
//! words, in [`RuleId`]; [`RuleId::is_implemented`] says which ones this
//! version applies.
//!
//! # Purity
//!
//! The library does no I/O, reads no clock (`now` is always a parameter, and
//! `chrono` is built without its `clock` feature), keeps no global state and
//! never panics on input: same input, same output, on every machine.
//!
//! # Features
//!
//! The crate has no optional features yet.

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
    Answer, Basis, Cause, Change, Counterfactual, Decision, DecisionTable, Fix, IncidentContext,
    Outcome, PathStep, Revert, TableRow, decide, decision_table,
};
pub use error::Error;
pub use policy::{Deadlines, DecisionWindows, Policy, Thresholds, WatchWindows};
pub use release::{Deployment, FirstError, TakenDecision, Trigger, WatchState, watch};
pub use rule::{RuleId, STANDARD, Section, Standard};
pub use severity::{
    Alert, BrokenFeature, Classification, MatchedRules, Responders, ResponsePlan, Severity,
    Signals, classify,
};
