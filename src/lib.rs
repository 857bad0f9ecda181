#![doc = include_str!("../README.md")]
//!
//! # Modules
//!
//! One module per part of the standard, in its order: [`severity`] (§1
//! Incident Severity & Escalation), [`release`] (§2: the
//! release gate of Phases 1-3 and the post-deploy watch of Phase 5), [`decision`] (§3 Rollback Decision Matrix),
//! [`incident`] (§1 and §5: the incident timeline, its durations and its
//! obligations) and [`postmortem`] (§5's report), [`metrics`] (§6: the
//! monthly summary, trends and goals, and DORA's figures from release
//! records), [`controls`] (the Control Mapping), [`evidence`] (a month's
//! evidence report for the auditor, as one HTML page);
//! beside them [`policy`] (every threshold, deadline and
//! window), [`rule`] (the catalogue of rule ids, with
//! [`RuleId::is_implemented`] saying which ones this version applies) and
//! [`error`].
//!
//! The crate root re-exports what most callers start from: the entry points
//! ([`classify`], [`decide`], [`watch`], [`check_release`], [`verify`],
//! [`summarize_month`], [`trends`]), their main inputs and answers,
//! [`Policy`], [`Severity`], [`Outcome`], [`RuleId`] and [`Error`]. Every
//! other type is reached through the module of the clause it serves
//! (`decision::Cause`, `incident::RollbackRecord`, `rollback::Speed`), whose
//! docs quote the standard.
//!
//! For reviewers: [`interpretation`] tells how each clause of the standard
//! became a rule and every choice the crate made where the standard is
//! vague or contradicts itself; [`traceability`] lists every rule with the
//! functions that apply it and the tests that name it; the standard's own
//! text ships with the crate as `standard/EATGF-DSS-INC-01.md`, and the
//! tests check every quote against it; `standard/vectors/` holds the test
//! vectors (`json::vectors`), which the tool runs without any Rust. The [`changelog`] records every
//! change, starred where an answer changed.
//!
//! # Features
//!
//! - `json` (off by default; `json = ["dep:serde_json",
//!   "dep:serde_path_to_error"]`): the `json` module, the JSON contract
//!   read in one place for every door: strict (an array is no object, an
//!   unknown field is refused), friendly to every producer (`2731.0` is an
//!   integer, a byte-order mark is skipped, `NaN` is named), each error
//!   with its path, line and column, and an `"id"` on every document that
//!   its answer echoes.
//! - `adapters` (off by default; `adapters = ["json"]`): the `adapters`
//!   module, readers of an Alertmanager webhook, PagerDuty incidents and
//!   events and incident.io incidents, each to the crate's inputs with a
//!   report of what was used, ignored and assumed (`docs/integrations.md`).
//! - `cli` (off by default; `cli = ["json", "adapters", "dep:clap"]`): the
//!   `incident-response` command-line tool in `src/bin/`, the only code of
//!   the crate that reads files, stdin, stdout or the clock. The library is
//!   always pure, with or without it, and `chrono` is built without its
//!   `clock` feature.

/// The changelog, in the form of Keep a Changelog.
pub mod changelog {
    #![doc = include_str!("../CHANGELOG.md")]
}
/// How each clause of the standard becomes a rule, with every
/// interpretation the crate makes (`docs/rules.md`).
pub mod interpretation {
    #![doc = include_str!("../docs/rules.md")]
}
/// From what teams already have: each foreign format's translation, the
/// mappings' defaults and the tested recipes (`docs/integrations.md`).
#[cfg(feature = "adapters")]
pub mod integrations {
    #![doc = include_str!("../docs/integrations.md")]
}
/// The traceability matrix: every rule id, its section and words, the
/// functions that apply it and the tests that name it, generated from the
/// code and the tests (`docs/traceability.md`).
pub mod traceability {
    #![doc = include_str!("../docs/traceability.md")]
}
#[cfg(feature = "adapters")]
pub mod adapters;
mod clock;
pub mod controls;
pub mod decision;
pub mod error;
pub mod evidence;
pub mod incident;
#[cfg(feature = "json")]
pub mod json;
pub mod metrics;
mod parse;
pub mod policy;
pub mod postmortem;
mod reading;
pub mod release;
pub mod rollback;
pub mod rule;
pub mod severity;
mod text;
mod timeline;

/// The `chrono` the crate's timestamps come from, so that callers build
/// [`DateTime<Utc>`](chrono::DateTime) values of the same version.
pub use chrono;
pub use decision::{Decision, DecisionTable, IncidentContext, Outcome, decide, decision_table};
pub use error::Error;
pub use incident::{Durations, Incident, Obligations};
pub use metrics::{Month, MonthOfIncidents, MonthlySummary, Trends, summarize_month, trends};
pub use policy::Policy;
pub use postmortem::PostMortem;
pub use release::{
    Deployment, Readiness, ReleaseEvidence, Watch, WatchState, check_release, watch,
};
pub use rollback::{RollbackPlan, RollbackRelease, RollbackRun, RollbackVerdict, verify};
pub use rule::{ENGINE, RuleId, STANDARD};
pub use severity::{Classification, Severity, Signals, classify};
