//! §1 classification through the public API: a boundary test for every
//! `SEV-…` rule, the standard's own examples, and the JSON contract.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

mod util;

use incident_response::{Error, RuleId, Severity, Signals, classify, severity::BrokenFeature};
use util::rules_of;

/// The rule at the head of the classification, and the severity.
#[track_caller]
fn top(s: Signals) -> (Severity, RuleId) {
    let classification = classify(&s).unwrap();
    (
        classification.severity(),
        classification.rules().iter().next().unwrap(),
    )
}

/// SEV-P1-OUTAGE: `error_rate >= 1.0`.
#[test]
fn sev_p1_outage_from_a_total_failure_rate() {
    assert_eq!(
        top(Signals::new().with_error_rate(1.0)),
        (Severity::P1, RuleId::SevP1Outage)
    );
    let below = Signals::new().with_error_rate(0.999_999);
    assert_eq!(top(below), (Severity::P2, RuleId::SevP2Errors));
    // Above 1.0 is not a rate: see the error tests below.
}

/// SEV-P1-DATA: `data_loss`.
#[test]
fn sev_p1_data_when_data_is_lost() {
    assert_eq!(
        top(Signals::new().with_data_loss(true)),
        (Severity::P1, RuleId::SevP1Data)
    );
    assert_eq!(
        top(Signals::new().with_data_loss(false)),
        (Severity::P4, RuleId::SevP4Default)
    );
}

/// SEV-P1-SECURITY: `customer_data_exposed`.
#[test]
fn sev_p1_security_when_customer_data_is_exposed() {
    let exposed = Signals::new().with_customer_data_exposed(true);
    assert_eq!(top(exposed), (Severity::P1, RuleId::SevP1Security));
    let safe = Signals::new().with_customer_data_exposed(false);
    assert_eq!(top(safe), (Severity::P4, RuleId::SevP4Default));
}

/// SEV-P2-ERRORS: `error_rate > 0.05`.
#[test]
fn sev_p2_errors_above_five_percent() {
    assert_eq!(
        top(Signals::new().with_error_rate(0.05)),
        (Severity::P3, RuleId::SevP3Errors)
    );
    let just_above = Signals::new().with_error_rate(0.050_001);
    assert_eq!(top(just_above), (Severity::P2, RuleId::SevP2Errors));
    assert_eq!(
        top(Signals::new().with_error_rate(0.049_999)).1,
        RuleId::SevP3Errors
    );
}

/// SEV-P2-LATENCY: `latency_ms > 5000`.
#[test]
fn sev_p2_latency_above_five_seconds() {
    let at = Signals::new().with_latency_ms(5_000);
    assert_eq!(top(at), (Severity::P3, RuleId::SevP3Latency));
    let above = Signals::new().with_latency_ms(5_001);
    assert_eq!(top(above), (Severity::P2, RuleId::SevP2Latency));
    let below = Signals::new().with_latency_ms(4_999);
    assert_eq!(top(below), (Severity::P3, RuleId::SevP3Latency));
}

/// SEV-P2-FEATURE: `feature_broken == critical`.
#[test]
fn sev_p2_feature_when_a_critical_feature_breaks() {
    let critical = Signals::new().with_feature_broken(BrokenFeature::Critical);
    assert_eq!(top(critical), (Severity::P2, RuleId::SevP2Feature));
    // Only a critical feature is P2: a non-critical one is P3, none is P4.
    let minor = Signals::new().with_feature_broken(BrokenFeature::NonCritical);
    assert_eq!(top(minor), (Severity::P3, RuleId::SevP3Feature));
    let fine = Signals::new().with_feature_broken(BrokenFeature::None);
    assert_eq!(top(fine), (Severity::P4, RuleId::SevP4Default));
}

/// SEV-P3-LATENCY: `2000 <= latency_ms <= 5000`.
#[test]
fn sev_p3_latency_from_two_to_five_seconds() {
    let below = Signals::new().with_latency_ms(1_999);
    assert_eq!(top(below), (Severity::P4, RuleId::SevP4Default));
    let at = Signals::new().with_latency_ms(2_000);
    assert_eq!(top(at), (Severity::P3, RuleId::SevP3Latency));
    let above = Signals::new().with_latency_ms(2_001);
    assert_eq!(top(above), (Severity::P3, RuleId::SevP3Latency));
}

/// SEV-P3-ERRORS: `0.001 < error_rate <= 0.05`.
#[test]
fn sev_p3_errors_above_the_normal_rate() {
    let at = Signals::new().with_error_rate(0.001);
    assert_eq!(top(at), (Severity::P4, RuleId::SevP4Default));
    let above = Signals::new().with_error_rate(0.001_001);
    assert_eq!(top(above), (Severity::P3, RuleId::SevP3Errors));
    let below = Signals::new().with_error_rate(0.000_999);
    assert_eq!(top(below), (Severity::P4, RuleId::SevP4Default));
}

/// SEV-P3-FEATURE: `feature_broken == non_critical`.
#[test]
fn sev_p3_feature_when_a_non_critical_feature_breaks() {
    let broken = Signals::new().with_feature_broken(BrokenFeature::NonCritical);
    assert_eq!(top(broken), (Severity::P3, RuleId::SevP3Feature));
    let fine = Signals::new().with_feature_broken(BrokenFeature::None);
    assert_eq!(top(fine), (Severity::P4, RuleId::SevP4Default));
}

/// SEV-P3-DEGRADATION: `gradual_degradation`.
#[test]
fn sev_p3_degradation_when_performance_degrades_over_hours() {
    let leak = Signals::new().with_gradual_degradation(true);
    assert_eq!(top(leak), (Severity::P3, RuleId::SevP3Degradation));
    let steady = Signals::new().with_gradual_degradation(false);
    assert_eq!(top(steady), (Severity::P4, RuleId::SevP4Default));
}

/// SEV-P4-DEFAULT: nothing above matched.
#[test]
fn sev_p4_default_only_when_nothing_else_matches() {
    let quiet = classify(&Signals::default()).unwrap();
    assert_eq!(quiet.severity(), Severity::P4);
    assert_eq!(rules_of(&quiet), [RuleId::SevP4Default]);
    let slow = classify(&Signals::new().with_latency_ms(2_000)).unwrap();
    assert!(!slow.rules().contains(RuleId::SevP4Default));
}

#[test]
fn every_matched_rule_is_reported_most_severe_first() {
    let everything = Signals::new()
        .with_error_rate(0.2)
        .with_latency_ms(3_000)
        .with_data_loss(true)
        .with_customer_data_exposed(true)
        .with_feature_broken(BrokenFeature::NonCritical)
        .with_gradual_degradation(true);
    let classification = classify(&everything).unwrap();
    assert_eq!(classification.severity(), Severity::P1);
    assert_eq!(
        rules_of(&classification),
        [
            RuleId::SevP1Data,
            RuleId::SevP1Security,
            RuleId::SevP2Errors,
            RuleId::SevP3Latency,
            RuleId::SevP3Feature,
            RuleId::SevP3Degradation,
        ]
    );
}

/// Every example §1 lists under P1–P4: the example's words, the signals that
/// express it, and the severity the standard files it under.
#[test]
fn the_standards_own_examples() {
    let table: [(&str, Signals, Severity, RuleId); 12] = [
        (
            "Database completely unavailable (100% request failure)",
            Signals::new().with_error_rate(1.0),
            Severity::P1,
            RuleId::SevP1Outage,
        ),
        (
            "Data corrupted or deleted (customer data lost)",
            Signals::new().with_data_loss(true),
            Severity::P1,
            RuleId::SevP1Data,
        ),
        (
            "Security breach (customer data exposed)",
            Signals::new().with_customer_data_exposed(true),
            Severity::P1,
            RuleId::SevP1Security,
        ),
        (
            "API latency >5 seconds (some requests failing)",
            Signals::new().with_latency_ms(6_500).with_error_rate(0.02),
            Severity::P2,
            RuleId::SevP2Latency,
        ),
        (
            "Payment transactions failing (10% error rate)",
            Signals::new().with_error_rate(0.10),
            Severity::P2,
            RuleId::SevP2Errors,
        ),
        (
            "Reporting feature broken (critical for customers)",
            Signals::new().with_feature_broken(BrokenFeature::Critical),
            Severity::P2,
            RuleId::SevP2Feature,
        ),
        (
            "API latency 2-5 seconds (no errors, just slow)",
            Signals::new().with_latency_ms(3_500),
            Severity::P3,
            RuleId::SevP3Latency,
        ),
        (
            "Non-critical feature broken (UI glitch, minor data)",
            Signals::new().with_feature_broken(BrokenFeature::NonCritical),
            Severity::P3,
            RuleId::SevP3Feature,
        ),
        (
            "Memory leak (performance degrades over hours)",
            Signals::new().with_gradual_degradation(true),
            Severity::P3,
            RuleId::SevP3Degradation,
        ),
        (
            "UI typo (incorrect wording)",
            Signals::default(),
            Severity::P4,
            RuleId::SevP4Default,
        ),
        (
            "Log message error (not customer-visible)",
            Signals::default(),
            Severity::P4,
            RuleId::SevP4Default,
        ),
        (
            "Monitoring metric incorrect (doesn't affect decisions)",
            Signals::default(),
            Severity::P4,
            RuleId::SevP4Default,
        ),
    ];
    for (words, signals, severity, rule) in table {
        assert_eq!(top(signals), (severity, rule), "{words}");
        assert!(
            util::STANDARD_TEXT.contains(words),
            "not the standard's words: {words}"
        );
    }
}

#[test]
fn invalid_error_rates_are_refused_with_the_field_and_value() {
    let message = |rate: f64| {
        classify(&Signals::new().with_error_rate(rate))
            .unwrap_err()
            .to_string()
    };
    insta::assert_snapshot!(message(1.5), @"error_rate `1.5` is outside 0.0..=1.0");
    insta::assert_snapshot!(message(-0.25), @"error_rate `-0.25` is outside 0.0..=1.0");
    insta::assert_snapshot!(message(f64::NAN), @"error_rate `NaN` is outside 0.0..=1.0");
    insta::assert_snapshot!(message(f64::INFINITY), @"error_rate `inf` is outside 0.0..=1.0");
    let err = classify(&Signals::new().with_error_rate(1.000_001)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidSignal {
                field: "error_rate",
                value,
                expected: "0.0..=1.0",
                ..
            } if value == 1.000_001
        ),
        "{err:?}"
    );
}

/// SEV-P1-DATA: a classification starts the decision's context with its
/// severity and the data loss it found; nothing else is stated.
#[test]
fn sev_p1_data_carries_into_the_incident_context() {
    let lost = classify(&Signals::new().with_data_loss(true)).unwrap();
    assert_eq!(
        lost.incident_context(),
        incident_response::IncidentContext::new(Severity::P1).with_data_loss(true)
    );
    let slow = classify(&Signals::new().with_latency_ms(6_000)).unwrap();
    assert_eq!(
        slow.incident_context(),
        incident_response::IncidentContext::new(Severity::P2)
    );
}

mod json {
    use super::*;
    use serde_json::json;

    #[track_caller]
    fn classify_json(input: serde_json::Value) -> serde_json::Value {
        let signals: Signals = serde_json::from_value(input).unwrap();
        serde_json::to_value(classify(&signals).unwrap()).unwrap()
    }

    #[test]
    fn an_empty_object_is_a_p4_incident() {
        assert_eq!(
            classify_json(json!({})),
            json!({
                "severity": "P4",
                "rules": [{
                    "id": "SEV-P4-DEFAULT",
                    "severity": "P4",
                    "quote": "Cosmetic or internal-only issue",
                }],
                "response": {
                    "severity": "P4",
                    "resolution_sla_minutes": 1440,
                    "alert": "jira_ticket",
                    "responders": "next_sprint",
                    "customer_notification_minutes": null,
                    "decision_minutes": null,
                },
                "policy": {"custom": false, "fingerprint": "1de47ddf74e8e269", "differences": [], "standard": "EATGF-DSS-INC-01 v1.0", "engine": format!("incident-response {}", env!("CARGO_PKG_VERSION"))},
            })
        );
    }

    #[test]
    fn fields_are_snake_case_and_severities_are_p_numbers() {
        let output = classify_json(json!({
            "error_rate": 0.1,
            "latency_ms": 2500,
            "data_loss": false,
            "customer_data_exposed": false,
            "feature_broken": "critical",
            "gradual_degradation": true,
        }));
        assert_eq!(output["severity"], "P2");
        let ids = util::ids(&output, "rules");
        assert_eq!(
            ids,
            [
                "SEV-P2-ERRORS",
                "SEV-P2-FEATURE",
                "SEV-P3-LATENCY",
                "SEV-P3-DEGRADATION"
            ]
        );
    }

    #[test]
    fn feature_broken_takes_the_three_documented_values() {
        for (value, severity) in [("none", "P4"), ("non_critical", "P3"), ("critical", "P2")] {
            let output = classify_json(json!({ "feature_broken": value }));
            assert_eq!(output["severity"], severity, "{value}");
        }
        let err = serde_json::from_value::<Signals>(json!({"feature_broken": "minor"}));
        assert!(err.is_err());
    }

    #[test]
    fn misspelt_fields_are_refused_rather_than_ignored() {
        let err = serde_json::from_value::<Signals>(json!({"data_los": true})).unwrap_err();
        assert!(
            err.to_string().starts_with("unknown field `data_los`"),
            "{err}"
        );
    }

    #[test]
    fn an_out_of_range_rate_deserializes_and_is_refused_by_classify() {
        let signals: Signals = serde_json::from_value(json!({"error_rate": 1.7})).unwrap();
        insta::assert_snapshot!(
            classify(&signals).unwrap_err(),
            @"error_rate `1.7` is outside 0.0..=1.0"
        );
    }

    #[test]
    fn severities_parse_and_print_as_p_numbers() {
        for severity in Severity::ALL {
            let text = severity.to_string();
            assert_eq!(serde_json::to_value(severity).unwrap(), json!(text));
            assert_eq!(text.parse::<Severity>().unwrap(), severity);
            assert_eq!(
                serde_json::from_value::<Severity>(json!(text)).unwrap(),
                severity
            );
        }
        insta::assert_snapshot!(
            "p1".parse::<Severity>().unwrap_err(),
            @"severity `p1` is not one of P1, P2, P3, P4"
        );
    }
}

/// SEV-P2-ERRORS: the brief of a classification, in JSON and in words.
#[test]
fn sev_p2_errors_a_classification_in_brief() {
    let brief = classify(&Signals::new().with_error_rate(0.10))
        .unwrap()
        .brief();
    assert_eq!(
        brief.to_string(),
        "P2 (SEV-P2-ERRORS): Page on-call Engineering Lead"
    );
    assert_eq!(
        serde_json::to_value(brief).unwrap(),
        serde_json::json!({
            "severity": "P2", "rule": "SEV-P2-ERRORS", "next_action": "Page on-call Engineering Lead",
            "notify_within_minutes": 120, "decide_within_minutes": 240, "fingerprint": "1de47ddf74e8e269",
        })
    );
    let quiet = classify(&Signals::new()).unwrap().brief();
    assert_eq!(
        (quiet.rule, quiet.notify_within_minutes),
        (RuleId::SevP4Default, None)
    );
}
