//! The consistency of a policy: every value in range, the bands and the
//! deadlines in order. Each refusal names the field (a [`PolicyField`]),
//! its value, what it must satisfy and the rule it serves.

use crate::error::{Error, Requirement};
use crate::policy::PolicyDraft;
use crate::policy::catalogue::{PolicyField, Value};
use crate::rule::RuleId;
use crate::severity::level::Severity;

/// Every check, in the order of the catalogue's sections.
pub(super) fn values(values: &PolicyDraft) -> Result<(), Error> {
    thresholds(values)?;
    deadlines(values)?;
    windows(values)?;
    metrics(values)?;
    gate_and_rollback(values)
}

/// `field` of `values`, refused for `requirement`, under the field's rule.
fn invalid(values: &PolicyDraft, field: PolicyField, requirement: Requirement) -> Error {
    invalid_under(values, field, requirement, field.rule())
}

/// `field` of `values`, refused for `requirement`, under `rule`.
fn invalid_under(
    values: &PolicyDraft,
    field: PolicyField,
    requirement: Requirement,
    rule: RuleId,
) -> Error {
    Error::InvalidPolicy {
        field,
        value: field.of(values),
        requirement,
        rule,
    }
}

fn thresholds(values: &PolicyDraft) -> Result<(), Error> {
    let t = &values.thresholds;
    let rates = [
        (PolicyField::OutageErrorRate, t.outage_error_rate),
        (PolicyField::P2ErrorRate, t.p2_error_rate),
        (PolicyField::P3ErrorRate, t.p3_error_rate),
    ];
    for (field, rate) in rates {
        if !(0.0..=1.0).contains(&rate) {
            return Err(invalid(values, field, Requirement::Within("0.0..=1.0")));
        }
    }
    // Each lower band must end strictly below the one above it.
    for pair in rates.windows(2) {
        if let [(above, above_rate), (field, rate)] = *pair
            && rate >= above_rate
        {
            let below = Requirement::Below {
                field: above,
                value: above.of(values),
            };
            return Err(invalid(values, field, below));
        }
    }
    if t.p3_latency_ms < 1 {
        return Err(invalid(
            values,
            PolicyField::P3LatencyMs,
            Requirement::AtLeast(1),
        ));
    }
    if t.p3_latency_ms >= t.p2_latency_ms {
        let below = Requirement::Below {
            field: PolicyField::P2LatencyMs,
            value: PolicyField::P2LatencyMs.of(values),
        };
        return Err(invalid(values, PolicyField::P3LatencyMs, below));
    }
    Ok(())
}

fn deadlines(values: &PolicyDraft) -> Result<(), Error> {
    for severity in Severity::ALL {
        positive(values, PolicyField::resolution(severity))?;
        for field in [
            PolicyField::customer_notification(severity),
            PolicyField::decision(severity),
        ] {
            // The standard makes P1-P3's mandatory; P4 needs neither.
            if severity != Severity::P4 && field.of(values) == Value::Null {
                return Err(invalid(values, field, Requirement::Mandatory));
            }
            positive(values, field)?;
        }
    }
    positive(values, PolicyField::DocumentationMinutes)?;
    for pair in Severity::ALL.windows(2) {
        if let [more, less] = *pair {
            for deadline in [
                PolicyField::resolution,
                PolicyField::customer_notification,
                PolicyField::decision,
            ] {
                not_later(values, deadline(more), deadline(less))?;
            }
        }
    }
    Ok(())
}

fn windows(values: &PolicyDraft) -> Result<(), Error> {
    for field in [
        PolicyField::BackupRestoreMinutes,
        PolicyField::FixDeployMinutes,
        PolicyField::ErrorFreeMinutes,
        PolicyField::WatchDecisionMinutes,
    ] {
        positive(values, field)?;
    }
    Ok(())
}

fn gate_and_rollback(values: &PolicyDraft) -> Result<(), Error> {
    for field in [
        PolicyField::StagingLeadHours,
        PolicyField::SoakHours,
        PolicyField::TestedMinutes,
        PolicyField::ObjectiveMinutes,
        PolicyField::DrainWaitSecs,
        PolicyField::HealthCheckAttempts,
        PolicyField::HealthCheckIntervalSecs,
        PolicyField::RedeployTimeoutSecs,
        PolicyField::ResumeTimeoutSecs,
    ] {
        // A tested time of 0 breaks the gate's rollback test first (`RG-5`).
        let rule = match field {
            PolicyField::TestedMinutes => RuleId::Rg5,
            _ => field.rule(),
        };
        if field.of(values) == Value::Integer(0) {
            return Err(invalid_under(values, field, Requirement::AtLeast(1), rule));
        }
    }
    // The tested criterion is the stricter of the two.
    let r = &values.rollback;
    if r.tested_minutes > r.objective_minutes {
        let at_most = Requirement::AtMost {
            field: PolicyField::ObjectiveMinutes,
            value: PolicyField::ObjectiveMinutes.of(values),
        };
        return Err(invalid(values, PolicyField::TestedMinutes, at_most));
    }
    Ok(())
}

fn metrics(values: &PolicyDraft) -> Result<(), Error> {
    positive(values, PolicyField::MinSample)?;
    positive(values, PolicyField::P2MttrGoalMinutes)?;
    if !(0.0..=1.0).contains(&values.metrics.trend_tolerance) {
        return Err(invalid(
            values,
            PolicyField::TrendTolerance,
            Requirement::Within("0.0..=1.0"),
        ));
    }
    Ok(())
}

/// A number of minutes, hours, seconds or a count that must be at least 1:
/// a window of 0 can never be met. `null` (no deadline) passes.
fn positive(values: &PolicyDraft, field: PolicyField) -> Result<(), Error> {
    match field.of(values) {
        Value::Integer(0) => Err(invalid(values, field, Requirement::AtLeast(1))),
        _ => Ok(()),
    }
}

/// The deadline of the more severe incident must not be later than that of
/// the less severe one. Only P4's may be `null` (no deadline: later than
/// any), and P4 is never the more severe.
fn not_later(values: &PolicyDraft, field: PolicyField, other: PolicyField) -> Result<(), Error> {
    let later = match (field.of(values), other.of(values)) {
        (Value::Integer(m), Value::Integer(o)) => m > o,
        _ => false,
    };
    if later {
        let at_most = Requirement::AtMost {
            field: other,
            value: other.of(values),
        };
        return Err(invalid(values, field, at_most));
    }
    Ok(())
}
