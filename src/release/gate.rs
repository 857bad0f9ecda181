//! §2 Phases 1-3, the Mandatory clause and the Developer Checklist: the
//! release gate ([`check_release`], rules `RG-1` … `RG-7`).
//!
//! > **Mandatory:** All production changes must have rollback procedures
//! > tested before deployment.
//!
//! | id | the evidence must show |
//! |---|---|
//! | `RG-1` | all CI/CD gates passed |
//! | `RG-2` | staging at least 48 h before the planned production deploy ("T-48h") |
//! | `RG-3` | at least 72 h of production-like traffic in staging, with performance, errors and data consistency measured |
//! | `RG-4` | a rollback test in staging with traffic active |
//! | `RG-5` | that rollback took under 5 min (strict) |
//! | `RG-6` | it lost no data, and the previous version was verified stable |
//! | `RG-7` | a one-command rollback script exists for the release |
//!
//! Missing evidence is a violation, never a pass, and the gate reports
//! **every** violated rule, not only the first. `RG-2` and `RG-3` are
//! separate checks (**Interpretation**): 72 h of soak implies a staging
//! deploy at least 72 h before, so `RG-3` is the binding one.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::policy::{AppliedPolicy, PolicyMark, RollbackPolicy};
use crate::{Policy, RuleId};

/// What a release shows at the gate (§2 Phases 1-3, the Developer
/// Checklist): the input of [`check_release`].
///
/// Every field is optional in JSON, and `null` is the same as leaving it
/// out: missing evidence, which the gate reports as a violation. Unknown
/// fields are refused.
///
/// ```json
/// {
///   "release": "v1.3.0",
///   "ci_passed": true,
///   "staging_deployed_at": "2026-02-12T09:00:00Z",
///   "production_deploy_at": "2026-02-16T09:30:00Z",
///   "soak": {"hours": 72.0, "performance_measured": true, "errors_measured": true, "data_consistency_measured": true},
///   "rollback_test": {"traffic_active": true, "duration_secs": 252, "records_lost": 0, "previous_version_stable": true},
///   "rollback_script": true
/// }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(
    description = "What a release shows at the gate (§2). Every field is optional; a field left out or `null` is missing evidence, which is a violation. Unknown fields are refused."
)]
#[non_exhaustive]
pub struct ReleaseEvidence {
    /// The release, `v1.3.0`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// `RG-1`: whether every CI/CD gate passed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ci_passed: Option<bool>,
    /// `RG-2`: when the release was deployed to staging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staging_deployed_at: Option<DateTime<Utc>>,
    /// `RG-2`: when it is to be deployed to production.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub production_deploy_at: Option<DateTime<Utc>>,
    /// `RG-3`: the production-like traffic observed in staging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soak: Option<Soak>,
    /// `RG-4` … `RG-6`: the rollback test run in staging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollback_test: Option<RollbackTest>,
    /// `RG-7`: whether a one-command rollback script exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollback_script: Option<bool>,
}

/// `RG-3`: "Run production traffic for 72 hours · Measure: Performance,
/// errors, data consistency".
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Soak {
    /// Hours of production-like traffic observed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Whether performance was measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_measured: Option<bool>,
    /// Whether errors were measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors_measured: Option<bool>,
    /// Whether data consistency was measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_consistency_measured: Option<bool>,
}

impl Soak {
    /// `hours` of traffic, with performance, errors and data consistency
    /// measured.
    pub const fn measured(hours: f64) -> Self {
        Soak {
            hours: Some(hours),
            performance_measured: Some(true),
            errors_measured: Some(true),
            data_consistency_measured: Some(true),
        }
    }
}

/// `RG-4` … `RG-6`: the staging rollback test (§2 Phase 3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct RollbackTest {
    /// `RG-4`: whether staging traffic was active during the test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traffic_active: Option<bool>,
    /// `RG-5`: how long the rollback took, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_secs: Option<u64>,
    /// `RG-6`: records lost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records_lost: Option<u64>,
    /// `RG-6`: whether the previous version was verified stable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_version_stable: Option<bool>,
}

impl ReleaseEvidence {
    /// No evidence yet for `release`: every rule is violated.
    pub fn new(release: impl Into<String>) -> Self {
        ReleaseEvidence {
            release: Some(release.into()),
            ..ReleaseEvidence::default()
        }
    }

    /// Whether every CI/CD gate passed (`RG-1`).
    #[must_use]
    pub fn with_ci_passed(mut self, passed: bool) -> Self {
        self.ci_passed = Some(passed);
        self
    }

    /// When the release reached staging (`RG-2`).
    #[must_use]
    pub fn with_staging_deployed_at(mut self, at: DateTime<Utc>) -> Self {
        self.staging_deployed_at = Some(at);
        self
    }

    /// When it is to reach production (`RG-2`).
    #[must_use]
    pub fn with_production_deploy_at(mut self, at: DateTime<Utc>) -> Self {
        self.production_deploy_at = Some(at);
        self
    }

    /// The soak in staging (`RG-3`).
    #[must_use]
    pub fn with_soak(mut self, soak: Soak) -> Self {
        self.soak = Some(soak);
        self
    }

    /// The staging rollback test (`RG-4` … `RG-6`): see
    /// [`RollbackVerdict::as_rollback_test`](crate::RollbackVerdict::as_rollback_test)
    /// to take it from a verified run.
    #[must_use]
    pub fn with_rollback_test(mut self, test: RollbackTest) -> Self {
        self.rollback_test = Some(test);
        self
    }

    /// Whether a one-command rollback script exists (`RG-7`).
    #[must_use]
    pub fn with_rollback_script(mut self, exists: bool) -> Self {
        self.rollback_script = Some(exists);
        self
    }
}

/// Whether a release may go to production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GateStatus {
    /// Every rule holds.
    Ready,
    /// At least one rule is violated.
    Blocked,
}

/// One violated rule of the gate: what was expected, what was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Violation {
    /// The rule, `RG-5`.
    pub rule: RuleId,
    /// What the rule expects, with the policy's numbers.
    pub expected: String,
    /// What the evidence shows, or that it is missing.
    pub found: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: expected {}, found {}",
            self.rule, self.expected, self.found
        )
    }
}

/// The answer of the gate: ready, or blocked with every violated rule, in
/// rule order.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Readiness {
    /// The release, as the evidence names it.
    pub release: Option<String>,
    /// Ready or blocked.
    pub status: GateStatus,
    /// Every violated rule, once each, in rule order; empty when ready.
    pub violations: Vec<Violation>,
    /// The policy applied (lead, soak and rollback times).
    pub policy: AppliedPolicy,
}

impl Readiness {
    /// Whether the release may go to production.
    pub fn is_ready(&self) -> bool {
        self.status == GateStatus::Ready
    }
}

/// `READY v1.3.0`, or `BLOCKED v1.3.0` and a line per violation.
impl fmt::Display for Readiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let release = self.release.as_deref().unwrap_or("(release not named)");
        match self.status {
            GateStatus::Ready => writeln!(f, "READY {release}: every rule RG-1 … RG-7 holds")?,
            GateStatus::Blocked => writeln!(
                f,
                "BLOCKED {release}: {} rule(s) violated",
                self.violations.len()
            )?,
        }
        for violation in &self.violations {
            writeln!(f, "  {violation}")?;
        }
        writeln!(f, "  {}", self.policy)
    }
}

/// Checks a release under the standard's numbers; see
/// [`Policy::check_release`].
pub fn check_release(evidence: &ReleaseEvidence) -> Readiness {
    Policy::STANDARD.check_release(evidence)
}

impl Policy {
    /// Checks a release against `RG-1` … `RG-7` under this policy's lead,
    /// soak and rollback times: every violated rule, with what was
    /// expected and what was found. Total: any evidence that deserializes
    /// gets an answer.
    ///
    /// ```
    /// use incident_response::{check_release, ReleaseEvidence, RuleId};
    ///
    /// let readiness = check_release(&ReleaseEvidence::new("v1.3.0").with_ci_passed(true));
    /// let violated: Vec<RuleId> = readiness.violations.iter().map(|v| v.rule).collect();
    /// assert_eq!(violated, [RuleId::Rg2, RuleId::Rg3, RuleId::Rg4, RuleId::Rg5, RuleId::Rg6, RuleId::Rg7]);
    /// ```
    pub fn check_release(&self, evidence: &ReleaseEvidence) -> Readiness {
        let r = self.rollback();
        let mut violations = Vec::new();
        let mut violate = |rule: RuleId, expected: String, found: String| {
            violations.push(Violation {
                rule,
                expected,
                found,
            });
        };
        match evidence.ci_passed {
            Some(true) => {}
            Some(false) => violate(
                RuleId::Rg1,
                "all CI/CD gates passed".into(),
                "a gate failed".into(),
            ),
            None => violate(
                RuleId::Rg1,
                "all CI/CD gates passed".into(),
                "no CI result".into(),
            ),
        }
        if let Some(found) = staging_lead(evidence, r) {
            violate(
                RuleId::Rg2,
                format!(
                    "staging at least {} h before production",
                    r.staging_lead_hours
                ),
                found,
            );
        }
        if let Some(found) = soak(evidence.soak, r) {
            violate(
                RuleId::Rg3,
                format!(
                    "at least {} h of production-like traffic, with performance, errors and data consistency measured",
                    r.soak_hours
                ),
                found,
            );
        }
        let test = evidence.rollback_test;
        match test.map(|t| t.traffic_active) {
            Some(Some(true)) => {}
            Some(Some(false)) => violate(
                RuleId::Rg4,
                "a rollback test with staging traffic active".into(),
                "a test without traffic".into(),
            ),
            Some(None) => violate(
                RuleId::Rg4,
                "a rollback test with staging traffic active".into(),
                "traffic not stated".into(),
            ),
            None => violate(
                RuleId::Rg4,
                "a rollback test with staging traffic active".into(),
                "no rollback test".into(),
            ),
        }
        let limit = u64::from(r.tested_minutes) * 60;
        match test.and_then(|t| t.duration_secs) {
            Some(secs) if secs < limit => {}
            Some(secs) => violate(
                RuleId::Rg5,
                format!("a rollback in under {} min", r.tested_minutes),
                format!("{secs} s"),
            ),
            None => violate(
                RuleId::Rg5,
                format!("a rollback in under {} min", r.tested_minutes),
                "no duration".into(),
            ),
        }
        if let Some(found) = rollback_outcome(test) {
            violate(
                RuleId::Rg6,
                "zero data lost and the previous version verified stable".into(),
                found,
            );
        }
        match evidence.rollback_script {
            Some(true) => {}
            Some(false) => violate(
                RuleId::Rg7,
                "a one-command rollback script".into(),
                "no script".into(),
            ),
            None => violate(
                RuleId::Rg7,
                "a one-command rollback script".into(),
                "not stated".into(),
            ),
        }
        Readiness {
            release: evidence.release.clone(),
            status: if violations.is_empty() {
                GateStatus::Ready
            } else {
                GateStatus::Blocked
            },
            violations,
            policy: gate_policy(self.mark(), r),
        }
    }
}

/// `RG-2`: what is wrong with the staging lead, if anything.
fn staging_lead(evidence: &ReleaseEvidence, r: &RollbackPolicy) -> Option<String> {
    let (Some(staging), Some(production)) =
        (evidence.staging_deployed_at, evidence.production_deploy_at)
    else {
        return Some(
            match (evidence.staging_deployed_at, evidence.production_deploy_at) {
                (None, None) => "no staging or production deploy time".into(),
                (None, Some(_)) => "no staging deploy time".into(),
                _ => "no production deploy time".into(),
            },
        );
    };
    let lead = production.signed_duration_since(staging);
    let required = TimeDelta::hours(i64::from(r.staging_lead_hours));
    (lead < required).then(|| format!("{} between staging and production", Hours(lead)))
}

/// `RG-3`: what is wrong with the soak, if anything.
fn soak(soak: Option<Soak>, r: &RollbackPolicy) -> Option<String> {
    let Some(soak) = soak else {
        return Some("no soak in staging".into());
    };
    let mut wrong = Vec::new();
    match soak.hours {
        Some(hours) if hours >= f64::from(r.soak_hours) => {}
        Some(hours) => wrong.push(format!("{hours} h of traffic")),
        None => wrong.push("no soak duration".to_owned()),
    }
    for (measured, what) in [
        (soak.performance_measured, "performance"),
        (soak.errors_measured, "errors"),
        (soak.data_consistency_measured, "data consistency"),
    ] {
        if measured != Some(true) {
            wrong.push(format!("{what} not measured"));
        }
    }
    (!wrong.is_empty()).then(|| wrong.join(", "))
}

/// `RG-6`: what is wrong with the rollback test's outcome, if anything.
fn rollback_outcome(test: Option<RollbackTest>) -> Option<String> {
    let Some(test) = test else {
        return Some("no rollback test".into());
    };
    let mut wrong = Vec::new();
    match test.records_lost {
        Some(0) => {}
        Some(lost) => wrong.push(format!("{lost} records lost")),
        None => wrong.push("records lost not stated".to_owned()),
    }
    if test.previous_version_stable != Some(true) {
        wrong.push("previous version not verified stable".to_owned());
    }
    (!wrong.is_empty()).then(|| wrong.join(", "))
}

/// A span in hours for the gate: `47 h 59 min`, or a negative lead.
struct Hours(TimeDelta);

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let minutes = self.0.num_minutes();
        let sign = if minutes < 0 { "-" } else { "" };
        let minutes = minutes.unsigned_abs();
        match minutes % 60 {
            0 => write!(f, "{sign}{} h", minutes / 60),
            m => write!(f, "{sign}{} h {m} min", minutes / 60),
        }
    }
}

/// The gate's numbers, as an answer reports its policy.
fn gate_policy(mark: PolicyMark, r: &RollbackPolicy) -> AppliedPolicy {
    let standard = RollbackPolicy::STANDARD;
    AppliedPolicy::new(
        mark,
        &[
            (
                "rollback.staging_lead_hours",
                r.staging_lead_hours.into(),
                standard.staging_lead_hours.into(),
            ),
            (
                "rollback.soak_hours",
                r.soak_hours.into(),
                standard.soak_hours.into(),
            ),
            (
                "rollback.tested_minutes",
                r.tested_minutes.into(),
                standard.tested_minutes.into(),
            ),
        ],
    )
}
