//! The rule catalogue: every rule id, in its part of the standard, quoting
//! the standard verbatim.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

mod util;

use incident_response::{RuleId, rule::Section};

/// Every rule id, with the part of the standard it implements, the part
/// its quoted words come from, and whether this version applies it.
/// Written out by hand, so that a rule dropped from, or added to, the
/// catalogue fails here.
const CATALOGUE: &[(&str, Section, Section, bool)] = &[
    ("SEV-P1-OUTAGE", Section::Severity, Section::Severity, true),
    ("SEV-P1-DATA", Section::Severity, Section::Severity, true),
    (
        "SEV-P1-SECURITY",
        Section::Severity,
        Section::Severity,
        true,
    ),
    (
        "SEV-P2-ERRORS",
        Section::Severity,
        Section::IncidentResponse,
        true,
    ),
    ("SEV-P2-LATENCY", Section::Severity, Section::Severity, true),
    ("SEV-P2-FEATURE", Section::Severity, Section::Severity, true),
    ("SEV-P3-LATENCY", Section::Severity, Section::Severity, true),
    ("SEV-P3-ERRORS", Section::Severity, Section::Severity, true),
    ("SEV-P3-FEATURE", Section::Severity, Section::Severity, true),
    (
        "SEV-P3-DEGRADATION",
        Section::Severity,
        Section::Severity,
        true,
    ),
    ("SEV-P4-DEFAULT", Section::Severity, Section::Severity, true),
    (
        "DT-1",
        Section::DecisionMatrix,
        Section::DecisionMatrix,
        true,
    ),
    (
        "DT-2",
        Section::DecisionMatrix,
        Section::DecisionMatrix,
        true,
    ),
    (
        "DT-H",
        Section::DecisionMatrix,
        Section::DecisionMatrix,
        true,
    ),
    ("DT-P4", Section::DecisionMatrix, Section::Severity, true),
    (
        "DT-3",
        Section::DecisionMatrix,
        Section::DecisionMatrix,
        true,
    ),
    (
        "DT-4",
        Section::DecisionMatrix,
        Section::DecisionMatrix,
        true,
    ),
    (
        "DT-5",
        Section::DecisionMatrix,
        Section::DecisionMatrix,
        true,
    ),
    (
        "RG-1",
        Section::ReleaseProcedure,
        Section::ReleaseProcedure,
        true,
    ),
    (
        "RG-2",
        Section::ReleaseProcedure,
        Section::ReleaseProcedure,
        true,
    ),
    (
        "RG-3",
        Section::ReleaseProcedure,
        Section::ReleaseProcedure,
        true,
    ),
    (
        "RG-4",
        Section::ReleaseProcedure,
        Section::ReleaseProcedure,
        true,
    ),
    (
        "RG-5",
        Section::ReleaseProcedure,
        Section::ReleaseProcedure,
        true,
    ),
    (
        "RG-6",
        Section::ReleaseProcedure,
        Section::ReleaseProcedure,
        true,
    ),
    (
        "RG-7",
        Section::ReleaseProcedure,
        Section::DeveloperChecklist,
        true,
    ),
    (
        "PD-1",
        Section::ReleaseProcedure,
        Section::ReleaseProcedure,
        true,
    ),
    (
        "PD-2",
        Section::ReleaseProcedure,
        Section::ReleaseProcedure,
        true,
    ),
    (
        "PD-3",
        Section::ReleaseProcedure,
        Section::ReleaseProcedure,
        true,
    ),
    (
        "PD-4",
        Section::ReleaseProcedure,
        Section::RollbackScripts,
        true,
    ),
    (
        "RB-1",
        Section::RollbackScripts,
        Section::RollbackScripts,
        true,
    ),
    (
        "RB-2",
        Section::RollbackScripts,
        Section::RollbackScripts,
        true,
    ),
    (
        "RB-3",
        Section::RollbackScripts,
        Section::RollbackScripts,
        true,
    ),
    (
        "RB-4",
        Section::RollbackScripts,
        Section::RollbackScripts,
        true,
    ),
    (
        "RB-5",
        Section::RollbackScripts,
        Section::ReleaseProcedure,
        true,
    ),
    ("RB-6", Section::RollbackScripts, Section::Purpose, true),
    (
        "RB-7",
        Section::RollbackScripts,
        Section::RollbackScripts,
        true,
    ),
    ("IN-1", Section::IncidentResponse, Section::Severity, true),
    ("IN-2", Section::IncidentResponse, Section::Severity, true),
    ("IN-3", Section::IncidentResponse, Section::Severity, true),
    ("IN-4", Section::IncidentResponse, Section::Purpose, true),
    (
        "IN-5",
        Section::IncidentResponse,
        Section::GovernancePrinciples,
        true,
    ),
    ("ME-1", Section::Metrics, Section::Metrics, true),
    ("ME-2", Section::Metrics, Section::Metrics, true),
    ("ME-3", Section::Metrics, Section::Metrics, true),
    ("ME-4", Section::Metrics, Section::Metrics, true),
    ("ME-5", Section::Metrics, Section::Metrics, true),
    ("ME-6", Section::Metrics, Section::Metrics, true),
];

#[test]
fn the_catalogue_lists_every_rule_in_order() {
    let ids: Vec<&str> = RuleId::ALL.iter().map(|rule| rule.as_str()).collect();
    let expected: Vec<&str> = CATALOGUE.iter().map(|(id, ..)| *id).collect();
    assert_eq!(ids, expected);
}

#[test]
fn each_rule_has_its_section_and_status() {
    for &(id, section, quoted_from, implemented) in CATALOGUE {
        let rule: RuleId = id.parse().unwrap();
        assert_eq!(rule.section(), section, "{id}");
        assert_eq!(rule.quoted_from(), quoted_from, "{id}");
        assert_eq!(rule.is_implemented(), implemented, "{id}");
        assert_eq!(rule.applied_by().is_some(), implemented, "{id}");
        // A part that has applied rules names its module.
        if implemented {
            assert!(section.module().is_some(), "{id}: {section}");
        }
    }
}

#[test]
fn every_quote_is_the_standards_own_words() {
    let standard = util::normalize(util::STANDARD_TEXT);
    for rule in RuleId::ALL {
        assert!(
            standard.contains(&util::normalize(rule.quote())),
            "{rule} quotes words the standard does not contain: {}",
            rule.quote()
        );
        assert!(!rule.rule().is_empty(), "{rule} has no rule text");
    }
}

#[test]
fn ids_display_parse_and_serialize_alike() {
    for rule in RuleId::ALL {
        let json = serde_json::to_value(rule).unwrap();
        assert_eq!(json, serde_json::Value::String(rule.to_string()));
        assert_eq!(serde_json::from_value::<RuleId>(json).unwrap(), *rule);
        assert_eq!(rule.as_str().parse::<RuleId>().unwrap(), *rule);
    }
    let unknown = serde_json::from_str::<RuleId>(r#""SEV-P9""#).unwrap_err();
    assert!(
        unknown
            .to_string()
            .starts_with("rule id `SEV-P9` is not in the catalogue")
    );
    // Not a string at all: serde's refusal says what a rule id looks like.
    let number = serde_json::from_str::<RuleId>("3").unwrap_err();
    assert_eq!(
        number.to_string(),
        "invalid type: integer `3`, expected a rule id such as `SEV-P1-OUTAGE` at line 1 column 1"
    );
}

#[test]
fn interpretations_are_recorded_where_the_standard_had_to_be_read() {
    let interpreted: Vec<&str> = RuleId::ALL
        .iter()
        .filter(|rule| rule.interpretation().is_some())
        .map(|rule| rule.as_str())
        .collect();
    assert_eq!(
        interpreted,
        [
            "SEV-P2-ERRORS",
            "SEV-P3-ERRORS",
            "DT-H",
            "DT-P4",
            "DT-4",
            "DT-5",
            "RG-2",
            "RG-3",
            "RG-4",
            "RG-5",
            "RG-6",
            "PD-1",
            "PD-2",
            "PD-3",
            "PD-4",
            "RB-1",
            "RB-2",
            "RB-3",
            "RB-4",
            "RB-5",
            "RB-6",
            "RB-7",
            "IN-1",
            "IN-2",
            "IN-3",
            "IN-4",
            "IN-5",
            "ME-1",
            "ME-2",
            "ME-3",
            "ME-5",
            "ME-6"
        ]
    );
}

#[test]
fn sections_print_as_the_standard_numbers_them() {
    assert_eq!(
        Section::Severity.to_string(),
        "§1 Incident Severity & Escalation"
    );
    assert_eq!(
        Section::DecisionMatrix.to_string(),
        "§3 Rollback Decision Matrix"
    );
    assert_eq!(Section::Purpose.to_string(), "Purpose");
    let standard = util::STANDARD_TEXT;
    for section in [
        Section::Purpose,
        Section::GovernancePrinciples,
        Section::Severity,
        Section::ReleaseProcedure,
        Section::DecisionMatrix,
        Section::RollbackScripts,
        Section::IncidentResponse,
        Section::Metrics,
        Section::ControlMapping,
        Section::DeveloperChecklist,
    ] {
        let heading = match section.number() {
            Some(n) => format!("### {n}. {}", section.title()),
            None => format!("## {}", section.title()),
        };
        assert!(standard.contains(&heading), "no heading {heading}");
    }
}
