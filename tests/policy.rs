//! The policy: the standard by default, the §1 response plans, custom
//! policies loaded from JSON and the validation that refuses bad ones.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

mod util;

use incident_response::{
    Error, Policy, RuleId, Severity, Signals, classify, policy::Deadlines, policy::Fingerprint,
    policy::PolicyField, policy::RollbackPolicy, policy::Thresholds, severity::Alert,
    severity::Responders,
};
use serde_json::json;

/// The response table of §1 (`docs/rules.md`), row by row: (severity, resolution SLA,
/// alert, responders, notify within, decide within), in minutes.
#[test]
fn response_plans_are_the_standards() {
    let table = [
        (
            Severity::P1,
            60,
            Alert::PageVpEngineering,
            Responders::AllHands,
            Some(30),
            Some(60),
        ),
        (
            Severity::P2,
            240,
            Alert::PageEngineeringLead,
            Responders::FocusedTeam,
            Some(120),
            Some(240),
        ),
        (
            Severity::P3,
            480,
            Alert::SlackIncidents,
            Responders::SecondaryOnCall,
            Some(240),
            Some(1440),
        ),
        (
            Severity::P4,
            1440,
            Alert::JiraTicket,
            Responders::NextSprint,
            None,
            None,
        ),
    ];
    for (severity, sla, alert, responders, notify, decide) in table {
        let plan = severity.response();
        assert_eq!(plan.severity, severity);
        assert_eq!(plan.resolution_sla_minutes, sla, "{severity}");
        assert_eq!(plan.alert, alert, "{severity}");
        assert_eq!(plan.responders, responders, "{severity}");
        assert_eq!(plan.customer_notification_minutes, notify, "{severity}");
        assert_eq!(plan.decision_minutes, decide, "{severity}");
        assert_eq!(Policy::default().response(severity), plan);
    }
}

#[test]
fn alerts_and_responders_print_the_standards_words() {
    let standard = util::STANDARD_TEXT;
    for severity in Severity::ALL {
        let plan = severity.response();
        assert!(standard.contains(&plan.alert.to_string()), "{}", plan.alert);
        assert!(
            standard.contains(&plan.responders.to_string()),
            "{}",
            plan.responders
        );
    }
}

#[test]
fn response_plans_serialize_with_snake_case_names() {
    assert_eq!(
        serde_json::to_value(Severity::P1.response()).unwrap(),
        json!({
            "severity": "P1",
            "resolution_sla_minutes": 60,
            "alert": "page_vp_engineering",
            "responders": "all_hands",
            "customer_notification_minutes": 30,
            "decision_minutes": 60,
        })
    );
}

#[test]
fn an_empty_policy_is_the_standard() {
    let policy: Policy = serde_json::from_value(json!({})).unwrap();
    assert_eq!(policy, Policy::default());
    assert_eq!(policy, Policy::STANDARD);
}

#[test]
fn the_default_policy_serializes_and_reads_back_unchanged() {
    let json = serde_json::to_value(Policy::default()).unwrap();
    assert_eq!(json["thresholds"]["p2_error_rate"], 0.05);
    assert_eq!(
        json["deadlines"]["p4_decision_minutes"],
        serde_json::Value::Null
    );
    let back: Policy = serde_json::from_value(json).unwrap();
    assert_eq!(back, Policy::default());
}

#[test]
fn fields_left_out_keep_the_standards_value() {
    let policy: Policy = serde_json::from_value(json!({
        "thresholds": {"p3_latency_ms": 1500},
        "deadlines": {"p2_customer_notification_minutes": 60},
    }))
    .unwrap();
    assert_eq!(policy.thresholds().p3_latency_ms, 1_500);
    assert_eq!(policy.thresholds().p2_latency_ms, 5_000);
    assert_eq!(policy.thresholds().p2_error_rate, 0.05);
    let p2 = policy.response(Severity::P2);
    assert_eq!(p2.customer_notification_minutes, Some(60));
    assert_eq!(p2.decision_minutes, Some(240));
    assert_eq!(policy.response(Severity::P1), Severity::P1.response());
}

#[test]
fn a_custom_policy_moves_the_severity_boundaries() {
    let policy: Policy = serde_json::from_value(json!({
        "thresholds": {"p2_error_rate": 0.02, "p3_latency_ms": 1000}
    }))
    .unwrap();
    let three_percent = Signals::new().with_error_rate(0.03);
    assert_eq!(
        policy.classify(&three_percent).unwrap().severity(),
        Severity::P2
    );
    assert_eq!(classify(&three_percent).unwrap().severity(), Severity::P3);
    let one_second = Signals::new().with_latency_ms(1_000);
    assert_eq!(
        policy.classify(&one_second).unwrap().severity(),
        Severity::P3
    );
    assert_eq!(classify(&one_second).unwrap().severity(), Severity::P4);
}

/// IN-1, IN-2: `null` is "no deadline", which only P4 may have: the
/// standard makes the notification and the decision of P1-P3 mandatory.
#[test]
fn explicit_null_is_no_deadline_and_only_p4_may_have_none() {
    let policy: Policy = serde_json::from_value(json!({
        "deadlines": {"p4_customer_notification_minutes": 480, "p4_decision_minutes": null}
    }))
    .unwrap();
    assert_eq!(
        policy.response(Severity::P4).customer_notification_minutes,
        Some(480)
    );
    assert_eq!(policy.response(Severity::P4).decision_minutes, None);
    let dropped = serde_json::from_value::<Policy>(json!({
        "deadlines": {"p3_customer_notification_minutes": null}
    }));
    assert_eq!(
        dropped.unwrap_err().to_string(),
        "deadlines.p3_customer_notification_minutes `null` must be a number of minutes: the standard makes it mandatory (IN-1)"
    );
}

#[test]
fn inconsistent_policies_are_refused_on_deserialization() {
    let refuse = |policy: serde_json::Value| {
        serde_json::from_value::<Policy>(policy)
            .unwrap_err()
            .to_string()
    };
    insta::assert_snapshot!(
        refuse(json!({"thresholds": {"p3_latency_ms": 6000}})),
        @"thresholds.p3_latency_ms `6000` must be below thresholds.p2_latency_ms `5000` (SEV-P3-LATENCY)"
    );
    insta::assert_snapshot!(
        refuse(json!({"thresholds": {"p3_error_rate": 0.2}})),
        @"thresholds.p3_error_rate `0.2` must be below thresholds.p2_error_rate `0.05` (SEV-P3-ERRORS)"
    );
    insta::assert_snapshot!(
        refuse(json!({"thresholds": {"outage_error_rate": 1.5}})),
        @"thresholds.outage_error_rate `1.5` must be within 0.0..=1.0 (SEV-P1-OUTAGE)"
    );
    insta::assert_snapshot!(
        refuse(json!({"deadlines": {"p1_customer_notification_minutes": 180}})),
        @"deadlines.p1_customer_notification_minutes `180` must be at most deadlines.p2_customer_notification_minutes `120` (IN-1)"
    );
    insta::assert_snapshot!(
        refuse(json!({"deadlines": {"p2_resolution_minutes": 0}})),
        @"deadlines.p2_resolution_minutes `0` must be at least 1 (IN-3)"
    );
    insta::assert_snapshot!(
        refuse(json!({"deadlines": {"p1_decision_minutes": null}})),
        @"deadlines.p1_decision_minutes `null` must be a number of minutes: the standard makes it mandatory (IN-2)"
    );
}

#[test]
fn unknown_policy_fields_are_refused() {
    let typo = serde_json::from_value::<Policy>(json!({"thresholds": {"p2_latency": 3000}}));
    assert!(
        typo.unwrap_err()
            .to_string()
            .starts_with("unknown field `p2_latency`")
    );
    let section = serde_json::from_value::<Policy>(json!({"threshold": {}}));
    assert!(
        section
            .unwrap_err()
            .to_string()
            .starts_with("unknown field `threshold`")
    );
}

/// The bounds hold where they are stated: a P3 latency of 1 ms and a
/// tested rollback time equal to the objective (RB-7's "at most") are
/// accepted; a tested time of 0 breaks the gate's rollback test first
/// (RG-5), not RB-7.
#[test]
fn policies_at_their_bounds_are_accepted() {
    let fastest = Thresholds::STANDARD.with_p3_latency_ms(1);
    let policy = Policy::default().with_thresholds(fastest).unwrap();
    assert_eq!(policy.thresholds().p3_latency_ms, 1);
    let tested = RollbackPolicy::STANDARD.with_tested_minutes(10);
    let policy = Policy::default().with_rollback(tested).unwrap();
    assert_eq!(policy.rollback().tested_minutes, 10);
    let never = RollbackPolicy::STANDARD.with_tested_minutes(0);
    let err = Policy::default().with_rollback(never).unwrap_err();
    assert_eq!(
        err.to_string(),
        "rollback.tested_minutes `0` must be at least 1 (RG-5)"
    );
}

#[test]
fn with_methods_validate_like_deserialization() {
    let bad = Thresholds::STANDARD.with_p3_latency_ms(6_000);
    let err = Policy::default().with_thresholds(bad).unwrap_err();
    let Error::InvalidPolicy {
        field,
        value,
        requirement,
        rule,
        ..
    } = err
    else {
        panic!("not an invalid policy: {err}");
    };
    assert_eq!(
        (field, value, requirement, rule),
        (
            PolicyField::P3LatencyMs,
            6_000u64.into(),
            incident_response::error::Requirement::Below {
                field: PolicyField::P2LatencyMs,
                value: 5_000u64.into(),
            },
            RuleId::SevP3Latency,
        )
    );
    let good = Deadlines::STANDARD.with_customer_notification_minutes(Severity::P2, Some(60));
    let policy = Policy::default().with_deadlines(good).unwrap();
    assert_eq!(
        policy.deadlines().p2_customer_notification_minutes,
        Some(60)
    );
    assert_eq!(policy.validate(), Ok(()));
}

#[test]
fn signals_are_refused_by_a_custom_policy_as_by_the_standard() {
    let policy = Policy::default();
    let err = policy
        .classify(&Signals::new().with_error_rate(f64::NAN))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidSignal {
            field: "error_rate",
            ..
        }
    ));
}

/// SEV-P3-LATENCY: a policy read as a draft keeps the typed error, and a
/// classification under it names the thresholds it changed.
#[test]
fn sev_p3_latency_a_draft_keeps_the_typed_error() {
    let draft: incident_response::policy::PolicyDraft =
        serde_json::from_value(json!({"thresholds": {"p3_latency_ms": 6000}})).unwrap();
    let err = Policy::try_from(draft).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidPolicy {
            field: PolicyField::P3LatencyMs,
            rule: RuleId::SevP3Latency,
            ..
        }
    ));
    let draft: incident_response::policy::PolicyDraft =
        serde_json::from_value(json!({"thresholds": {"p3_latency_ms": 1500}})).unwrap();
    let policy = Policy::try_from(draft).unwrap();
    assert!(!policy.is_standard());
    assert_eq!(
        incident_response::policy::PolicyDraft::from(policy.clone()),
        draft,
        "a policy gives back the values it was made of"
    );
    let differences: Vec<String> = policy
        .differences()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        differences,
        ["thresholds.p3_latency_ms `1500` (the standard's `2000`)"]
    );
    assert!(Policy::default().differences().is_empty());
    assert!(Policy::default().is_standard());
    let same: Policy =
        serde_json::from_value(json!({"thresholds": {"p3_latency_ms": 2000}})).unwrap();
    assert!(
        same.is_standard(),
        "the standard's own values are the standard"
    );
    let classification = policy
        .classify(&Signals::new().with_latency_ms(1_800))
        .unwrap();
    assert_eq!(
        classification.to_string(),
        format!(
            "P3 MEDIUM\n  SEV-P3-LATENCY: \"API latency 2-5 seconds (no errors, just slow)\"\n  \
             resolve within 8 h\n  alert: Slack notification to #incidents\n  \
             response: Secondary on-call engineer\n  notify customers within 4 h\n  \
             decide rollback or forward fix within 24 h\n  \
             policy applied: custom {:016x} on EATGF-DSS-INC-01 v1.0, with thresholds.p3_latency_ms `1500` (the standard's `2000`)\n",
            policy.fingerprint()
        )
    );
}

/// SEV-P2-LATENCY and SEV-P3-ERRORS: a classification reports the
/// thresholds a policy changed as JSON writes them: a rate as a number with
/// a fraction, a latency as a whole number.
#[test]
fn sev_p2_latency_differences_keep_their_json_types() {
    let policy = Policy::default()
        .with_thresholds(
            Thresholds::STANDARD
                .with_p3_error_rate(0.002)
                .with_p2_latency_ms(3_000),
        )
        .unwrap();
    let classification = policy.classify(&Signals::new()).unwrap();
    let json = serde_json::to_value(classification.applied_policy()).unwrap();
    assert_eq!(
        json["differences"],
        json!([
            {"field": "thresholds.p3_error_rate", "value": 0.002, "standard": 0.001},
            {"field": "thresholds.p2_latency_ms", "value": 3000, "standard": 5000},
        ])
    );
}

/// IN-1, IN-3: a response plan under a policy names the deadlines that are
/// the policy's, not the standard's.
#[test]
fn a_response_plan_names_the_policy_s_deadlines() {
    let policy = Policy::default()
        .with_deadlines(
            incident_response::policy::Deadlines::STANDARD
                .with_customer_notification_minutes(Severity::P2, Some(60))
                .with_customer_notification_minutes(Severity::P4, Some(1_440)),
        )
        .unwrap();
    insta::assert_snapshot!(policy.response(Severity::P2), @r"
    P2 HIGH: resolve within 4 h
      alert: Page on-call Engineering Lead
      response: Focused incident team (3-5 engineers)
      notify customers within 1 h, the policy's deadline, not the standard's 2 h
      decide rollback or forward fix within 4 h
    ");
    insta::assert_snapshot!(policy.response(Severity::P4), @r"
    P4 LOW: resolve within 24 h
      alert: Jira ticket created
      response: Fix in next sprint
      notify customers within 24 h, the policy's deadline; the standard sets none
      decision: fix or defer (no rollback needed)
    ");
}

/// The standard's fingerprint is part of the contract: logged answers
/// carry it, so it changes only when the policy gains a field.
#[test]
fn the_standard_s_fingerprint_is_stable() {
    assert_eq!(
        Policy::STANDARD.fingerprint(),
        Fingerprint(0x1de4_7ddf_74e8_e269)
    );
    let round_trip: Policy = serde_json::from_value(json!({})).unwrap();
    assert_eq!(round_trip.fingerprint(), Policy::STANDARD.fingerprint());
    assert!(round_trip.is_standard());
}

/// The catalogue has a row for every value a policy holds: the leaf paths
/// of the standard's policy in JSON are exactly the catalogue's paths, so a
/// value added to a section without its row (and so left out of the
/// fingerprint and the differences) fails here.
#[test]
fn the_catalogue_lists_every_value_a_policy_holds() {
    fn leaves(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    leaves(&path, value, out);
                }
            }
            _ => out.push(prefix.to_owned()),
        }
    }
    let mut in_json = Vec::new();
    leaves(
        "",
        &serde_json::to_value(Policy::default()).unwrap(),
        &mut in_json,
    );
    in_json.sort();
    let mut in_catalogue: Vec<String> = PolicyField::ALL
        .iter()
        .map(|field| field.path().to_owned())
        .collect();
    in_catalogue.sort();
    assert_eq!(in_json, in_catalogue);
}
