#![doc = include_str!("../README.md")]
//!
//! # Where each part of the standard lives
//!
//! | part of the standard | module | rules |
//! |---|---|---|
//! | §1 Incident Severity & Escalation | [`severity`] | `SEV-…`, response plans |
//! | thresholds and deadlines | [`policy`] | every number of §1 |
//! | the rule catalogue | [`rule`] | every id |
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
pub mod error;
pub mod policy;
pub mod rule;
pub mod severity;

pub use error::Error;
pub use policy::{Deadlines, Policy, Thresholds};
pub use rule::{RuleId, STANDARD, Section, Standard};
pub use severity::{
    Alert, BrokenFeature, Classification, MatchedRules, Responders, ResponsePlan, Severity,
    Signals, classify,
};
