//! Small helpers shared by the integration tests, in the manner of semver's
//! `tests/util`.

#![allow(
    dead_code,
    reason = "each test binary uses its own subset of the helpers"
)]

use incident_response::chrono::{DateTime, TimeZone, Utc};
use incident_response::{
    Classification, IncidentContext, Outcome, RuleId, decide, decision::Answer, decision::Cause,
    decision::Fix, decision::Revert,
};

/// The standard, as vendored in `standard/`.
pub const STANDARD_TEXT: &str = include_str!("../../standard/EATGF-DSS-INC-01.md");

/// The matched rules, most severe first.
pub fn rules_of(classification: &Classification) -> Vec<RuleId> {
    classification.rules().iter().collect()
}

/// Text with every run of whitespace made one space, to compare quotes with
/// the standard regardless of line breaks.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A fix: `fix(true, 10, true)` is ready, deploys in 10 min, simple and safe.
pub fn fix(ready: bool, estimated_deploy_minutes: u32, simple_and_safe: bool) -> Fix {
    Fix::new(estimated_deploy_minutes)
        .with_ready(ready)
        .with_simple_and_safe(simple_and_safe)
}

/// A deployment cause with a simple revert.
pub const SIMPLE_DEPLOYMENT: Cause = Cause::Deployment {
    revert: Revert::Simple,
};

/// A deployment cause with a complex (schema) revert.
pub const COMPLEX_DEPLOYMENT: Cause = Cause::Deployment {
    revert: Revert::Complex,
};

/// One context for every combination of the values the decision tree tells
/// apart: each severity; data loss not stated, false or true; each cause or
/// none; no backup stated, `null`, 29 or 30 minutes; no fix stated, `null`,
/// a qualifying fix and one failing each criterion.
pub fn every_kind_of_context() -> Vec<IncidentContext> {
    let causes = [
        None,
        Some(Cause::Unknown),
        Some(SIMPLE_DEPLOYMENT),
        Some(COMPLEX_DEPLOYMENT),
        Some(Cause::DatabaseMigration),
    ];
    let fixes = [
        None,
        Some(None),
        Some(Some(fix(true, 29, true))),
        Some(Some(fix(false, 29, true))),
        Some(Some(fix(true, 29, false))),
        Some(Some(fix(true, 30, true))),
    ];
    let mut contexts = Vec::new();
    for severity in incident_response::Severity::ALL {
        for data_loss in [None, Some(false), Some(true)] {
            for cause in causes {
                for backup in [None, Some(None), Some(Some(29)), Some(Some(30))] {
                    for fix in fixes {
                        let mut context = IncidentContext::new(severity);
                        context.data_loss = data_loss;
                        context.cause = cause;
                        context.backup_restore_minutes = backup;
                        context.fix = fix;
                        contexts.push(context);
                    }
                }
            }
        }
    }
    contexts
}

/// The decision for `context` under the standard, with its path as
/// `(rule, answer)` pairs.
#[track_caller]
pub fn decided(context: IncidentContext) -> (Outcome, Vec<(RuleId, Answer)>) {
    let decision = decide(&context).unwrap();
    let path = decision
        .path()
        .map(|step| (step.rule(), step.answer()))
        .collect();
    (decision.outcome(), path)
}

/// Any severity, for proptest.
pub fn severity() -> impl proptest::strategy::Strategy<Value = incident_response::Severity> {
    proptest::sample::select(incident_response::Severity::ALL.to_vec())
}

/// Any outcome, for proptest.
pub fn outcome() -> impl proptest::strategy::Strategy<Value = Outcome> {
    proptest::sample::select(Outcome::ALL.to_vec())
}

/// A UTC time on 16 February 2026, the day of the standard's example.
#[track_caller]
pub fn feb16(hour: u32, minute: u32, second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 16, hour, minute, second)
        .single()
        .unwrap()
}

/// The `"id"` of every object in the JSON array at `key`: the rules of a
/// classification, the steps of a decision's path.
#[track_caller]
pub fn ids<'a>(json: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    json[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect()
}
