//! The release gate of §2 Phases 1-3 (`RG-1` … `RG-7`); see the module
//! [`release`](super).

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::policy::Policy;
use crate::policy::catalogue::{AppliedPolicy, PolicyField};
use crate::policy::sections::{GatePolicy, RollbackPolicy};
use crate::rule::RuleId;
use crate::text::{Hours, Span};

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
///
/// Taken from a verified run (`RollbackVerdict::as_rollback_test`), it
/// carries the rules the run broke: a failed rollback blocks the gate ("If
/// rollback fails: Fix issues before deploying to production").
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
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
    /// `RG-4` … `RG-6`: the rules `RB-1` … `RB-5` the verified run broke;
    /// any at all blocks the gate. Empty (or left out) when the run
    /// succeeded, or for a test recorded without a verdict.
    #[serde(
        deserialize_with = "crate::reading::null_is_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Option<Vec<RuleId>>")]
    pub broken_rules: Vec<RuleId>,
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

/// One rule of the gate as checked: whether it held, what it expects and
/// what the evidence shows. A ready gate's evidence, rule by rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct GateCheck {
    /// The rule, `RG-5`.
    pub rule: RuleId,
    /// Whether it held.
    pub held: bool,
    /// What the rule expects, with the policy's numbers.
    pub expected: String,
    /// What the evidence shows: what held, or what is wrong or missing.
    pub found: String,
}

/// `✓ RG-5: expected a rollback in under 5 min, found 252 s`, or `✗` and
/// what is wrong.
impl fmt::Display for GateCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.held { "✓" } else { "✗" };
        write!(
            f,
            "{mark} {}: expected {}, found {}",
            self.rule, self.expected, self.found
        )
    }
}

/// The answer of the gate: ready, or blocked with every violated rule, in
/// rule order; and every rule checked, held or not.
///
/// Its status is computed from its checks, so the two cannot disagree:
/// a `Readiness` whose every check held is ready, and with any violated,
/// blocked.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(into = "ReadinessJson")]
#[schemars(
    with = "ReadinessJson",
    description = "The answer of the gate: ready, or blocked with every violated rule, in\nrule order; and every rule checked, held or not."
)]
pub struct Readiness {
    release: Option<String>,
    checks: Vec<GateCheck>,
    violations: Vec<Violation>,
    policy: AppliedPolicy,
}

impl Readiness {
    /// The release, as the evidence names it.
    pub fn release(&self) -> Option<&str> {
        self.release.as_deref()
    }

    /// Ready when no rule is violated, else blocked.
    pub fn status(&self) -> GateStatus {
        if self.violations.is_empty() {
            GateStatus::Ready
        } else {
            GateStatus::Blocked
        }
    }

    /// Whether the release may go to production.
    pub fn is_ready(&self) -> bool {
        self.status() == GateStatus::Ready
    }

    /// Every violated rule, once each, in rule order; empty when ready.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Every rule `RG-1` … `RG-7`, in order, with what was found: the
    /// evidence of a ready gate, rule by rule.
    pub fn checks(&self) -> &[GateCheck] {
        &self.checks
    }

    /// The policy applied (lead, soak and rollback times).
    pub fn policy(&self) -> &AppliedPolicy {
        &self.policy
    }
}

/// The answer of the gate: ready, or blocked with every violated rule, in
/// rule order.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Readiness")]
struct ReadinessJson {
    /// The release, as the evidence names it.
    release: Option<String>,
    /// Ready or blocked.
    status: GateStatus,
    /// Every violated rule, once each, in rule order; empty when ready.
    violations: Vec<Violation>,
    /// Every rule `RG-1` … `RG-7`, in order, held or not, with what was
    /// found.
    checks: Vec<GateCheck>,
    /// The policy applied (lead, soak and rollback times).
    policy: AppliedPolicy,
}

impl From<Readiness> for ReadinessJson {
    fn from(readiness: Readiness) -> Self {
        ReadinessJson {
            status: readiness.status(),
            release: readiness.release,
            violations: readiness.violations,
            checks: readiness.checks,
            policy: readiness.policy,
        }
    }
}

/// `READY v1.3.0` or `BLOCKED v1.3.0`, and a line per rule: `✓` held,
/// `✗` violated.
impl fmt::Display for Readiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let release = self.release.as_deref().unwrap_or("(release not named)");
        match self.status() {
            GateStatus::Ready => writeln!(f, "READY {release}: every rule RG-1 … RG-7 holds")?,
            GateStatus::Blocked => writeln!(
                f,
                "BLOCKED {release}: {} rule(s) violated",
                self.violations.len()
            )?,
        }
        for check in &self.checks {
            writeln!(f, "  {check}")?;
        }
        writeln!(f, "  {}", self.policy)
    }
}

/// Checks a release under the standard's numbers; see
/// [`Policy::check_release`].
///
/// # Errors
///
/// See [`Policy::check_release`].
pub fn check_release(evidence: &ReleaseEvidence) -> Result<Readiness, Error> {
    Policy::STANDARD.check_release(evidence)
}

impl Policy {
    /// Checks a release against `RG-1` … `RG-7` under this policy's lead,
    /// soak and rollback times: every violated rule, with what was
    /// expected and what was found. Missing evidence is a violation; so is
    /// evidence that cannot be true (more hours of soak than passed
    /// between the staging and production deploys) and a rollback test
    /// whose verified run failed.
    ///
    /// ```
    /// use incident_response::{check_release, ReleaseEvidence, RuleId};
    ///
    /// let readiness = check_release(&ReleaseEvidence::new("v1.3.0").with_ci_passed(true))?;
    /// let violated: Vec<RuleId> = readiness.violations().iter().map(|v| v.rule).collect();
    /// assert_eq!(violated, [RuleId::Rg2, RuleId::Rg3, RuleId::Rg4, RuleId::Rg5, RuleId::Rg6, RuleId::Rg7]);
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for evidence no rule can judge: `soak.hours`
    /// negative (`-5`) or not finite; a `rollback_test.broken_rules` entry
    /// other than `RB-1` … `RB-5`.
    pub fn check_release(&self, evidence: &ReleaseEvidence) -> Result<Readiness, Error> {
        validate(evidence)?;
        let (gate, r) = (self.gate(), self.rollback());
        let test = evidence.rollback_test.as_ref();
        let failed = test.and_then(failed_verdict);
        let failed = failed.as_deref();
        let checks = vec![
            ci(evidence),
            staging_lead(evidence, gate),
            soak(evidence, gate),
            traffic(test, failed),
            rollback_time(test, r, failed),
            rollback_outcome(test, failed),
            script(evidence),
        ];
        let violations = checks
            .iter()
            .filter(|check| !check.held)
            .map(|check| Violation {
                rule: check.rule,
                expected: check.expected.clone(),
                found: check.found.clone(),
            })
            .collect();
        Ok(Readiness {
            release: evidence.release.clone(),
            checks,
            violations,
            policy: self.applied(&[
                PolicyField::StagingLeadHours,
                PolicyField::SoakHours,
                PolicyField::TestedMinutes,
            ]),
        })
    }
}

/// Evidence no rule can judge: hours that are not a duration, rules that
/// are not a rollback's.
fn validate(evidence: &ReleaseEvidence) -> Result<(), Error> {
    if let Some(hours) = evidence.soak.and_then(|s| s.hours)
        && !(hours.is_finite() && hours >= 0.0)
    {
        return Err(Error::InvalidInput {
            field: "soak.hours".into(),
            value: hours.to_string(),
            requirement: "must be a finite number of hours, at least 0".into(),
            rule: RuleId::Rg3,
        });
    }
    let rules = evidence.rollback_test.iter().flat_map(|t| &t.broken_rules);
    for (i, rule) in rules.enumerate() {
        if !matches!(
            rule,
            RuleId::Rb1 | RuleId::Rb2 | RuleId::Rb3 | RuleId::Rb4 | RuleId::Rb5
        ) {
            return Err(Error::InvalidInput {
                field: format!("rollback_test.broken_rules[{i}]").into(),
                value: rule.to_string(),
                requirement: "must be one of RB-1 … RB-5, the rules a rollback's success rests on"
                    .into(),
                rule: RuleId::Rg6,
            });
        }
    }
    Ok(())
}

/// What is found wrong, joined: `2 records lost, previous version not
/// verified stable`; `None` when nothing is.
fn joined(wrong: &[Option<String>]) -> Option<String> {
    let wrong: Vec<&str> = wrong.iter().flatten().map(String::as_str).collect();
    (!wrong.is_empty()).then(|| wrong.join(", "))
}

/// `rule` as checked: held with what was found (`Ok`), or violated with
/// what is wrong or missing (`Err`).
fn check(rule: RuleId, expected: impl Into<String>, finding: Result<String, String>) -> GateCheck {
    let (held, found) = match finding {
        Ok(found) => (true, found),
        Err(found) => (false, found),
    };
    GateCheck {
        rule,
        held,
        expected: expected.into(),
        found,
    }
}

/// Held, with what `held` says was found, unless something was found
/// `wrong`.
fn unless(wrong: Option<String>, held: impl FnOnce() -> String) -> Result<String, String> {
    match wrong {
        Some(wrong) => Err(wrong),
        None => Ok(held()),
    }
}

/// `RG-1`: every CI/CD gate passed.
fn ci(evidence: &ReleaseEvidence) -> GateCheck {
    let finding = match evidence.ci_passed {
        Some(true) => Ok("every gate passed".into()),
        Some(false) => Err("a gate failed".into()),
        None => Err("no CI result".into()),
    };
    check(RuleId::Rg1, "all CI/CD gates passed", finding)
}

/// `RG-2`: staging at least the policy's lead before production.
fn staging_lead(evidence: &ReleaseEvidence, gate: &GatePolicy) -> GateCheck {
    let finding = match (evidence.staging_deployed_at, evidence.production_deploy_at) {
        (None, None) => Err("no staging or production deploy time".into()),
        (None, Some(_)) => Err("no staging deploy time".into()),
        (Some(_), None) => Err("no production deploy time".into()),
        (Some(staging), Some(production)) => {
            let lead = production.signed_duration_since(staging);
            let required = TimeDelta::hours(i64::from(gate.staging_lead_hours));
            let between = format!("{} between staging and production", Hours(lead));
            if lead < TimeDelta::zero() {
                Err(format!("staging deployed {} after production", Span(-lead)))
            } else if lead < required {
                Err(between)
            } else {
                Ok(between)
            }
        }
    };
    let expected = format!(
        "staging at least {} h before production",
        gate.staging_lead_hours
    );
    check(RuleId::Rg2, expected, finding)
}

/// `RG-3`: the policy's hours of production-like traffic, every measure
/// taken, and no more hours than passed between the staging and
/// production deploys.
fn soak(evidence: &ReleaseEvidence, gate: &GatePolicy) -> GateCheck {
    let expected = format!(
        "at least {} h of production-like traffic, with performance, errors and data consistency measured",
        gate.soak_hours
    );
    let hours = evidence
        .soak
        .and_then(|soak| soak.hours)
        .unwrap_or_default();
    let finding = unless(soak_finding(evidence, gate), || {
        format!("{hours} h of traffic, with performance, errors and data consistency measured")
    });
    check(RuleId::Rg3, expected, finding)
}

/// What is wrong with the soak, if anything: too short, a measure missing,
/// or more hours than the deploys leave room for.
fn soak_finding(evidence: &ReleaseEvidence, gate: &GatePolicy) -> Option<String> {
    let Some(soak) = evidence.soak else {
        return Some("no soak in staging".into());
    };
    let hours = match soak.hours {
        Some(hours) if hours >= f64::from(gate.soak_hours) => None,
        Some(hours) => Some(format!("{hours} h of traffic")),
        None => Some("no soak duration".to_owned()),
    };
    let window = evidence
        .staging_deployed_at
        .zip(evidence.production_deploy_at)
        .map(|(staging, production)| production.signed_duration_since(staging));
    let impossible = match (soak.hours, window) {
        (Some(hours), Some(window)) if window < TimeDelta::zero() && hours > 0.0 => Some(format!(
            "{hours} h of soak, but staging was deployed after production"
        )),
        (Some(hours), Some(window))
            if window >= TimeDelta::zero() && hours * 3600.0 > window.num_seconds() as f64 =>
        {
            Some(format!("{hours} h of soak in a {} window", Hours(window)))
        }
        _ => None,
    };
    let measured = [
        (soak.performance_measured, "performance"),
        (soak.errors_measured, "errors"),
        (soak.data_consistency_measured, "data consistency"),
    ]
    .map(|(measured, what)| (measured != Some(true)).then(|| format!("{what} not measured")));
    let [performance, errors, consistency] = measured;
    joined(&[hours, impossible, performance, errors, consistency])
}

/// A failed verdict's finding, which blocks `RG-4` … `RG-6`: `the staging
/// rollback failed verification (RB-1, RB-2 broken)`.
fn failed_verdict(test: &RollbackTest) -> Option<String> {
    let rules: Vec<&str> = test.broken_rules.iter().map(|r| r.as_str()).collect();
    (!rules.is_empty()).then(|| {
        format!(
            "the staging rollback failed verification ({} broken)",
            rules.join(", ")
        )
    })
}

/// `RG-4`: a rollback test with traffic active, whose run did not fail.
fn traffic(test: Option<&RollbackTest>, failed: Option<&str>) -> GateCheck {
    let found = match test.map(|test| test.traffic_active) {
        None => Some("no rollback test".into()),
        Some(traffic) => {
            let traffic = match traffic {
                Some(true) => None,
                Some(false) => Some("a test without traffic".into()),
                None => Some("traffic not stated".into()),
            };
            joined(&[traffic, failed.map(str::to_owned)])
        }
    };
    let finding = unless(found, || "a test with staging traffic active".into());
    check(
        RuleId::Rg4,
        "a rollback test with staging traffic active",
        finding,
    )
}

/// `RG-5`: a rollback under the tested criterion, whose run did not fail.
fn rollback_time(
    test: Option<&RollbackTest>,
    r: &RollbackPolicy,
    failed: Option<&str>,
) -> GateCheck {
    let limit = u64::from(r.tested_minutes) * 60;
    let duration = match test.and_then(|t| t.duration_secs) {
        Some(secs) if secs < limit => None,
        Some(secs) => Some(format!("{secs} s")),
        None => Some("no duration".into()),
    };
    let expected = format!("a rollback in under {} min", r.tested_minutes);
    let secs = test.and_then(|t| t.duration_secs).unwrap_or_default();
    let finding = unless(joined(&[duration, failed.map(str::to_owned)]), || {
        format!("{secs} s")
    });
    check(RuleId::Rg5, expected, finding)
}

/// `RG-6`: the rollback test lost no data and left the previous version
/// verified stable.
fn rollback_outcome(test: Option<&RollbackTest>, failed: Option<&str>) -> GateCheck {
    let found = match test {
        None => Some("no rollback test".into()),
        Some(test) => {
            let lost = match test.records_lost {
                Some(0) => None,
                Some(lost) => Some(format!("{lost} records lost")),
                None => Some("records lost not stated".to_owned()),
            };
            let stable = (test.previous_version_stable != Some(true))
                .then(|| "previous version not verified stable".to_owned());
            joined(&[lost, stable, failed.map(str::to_owned)])
        }
    };
    let finding = unless(found, || {
        "0 records lost, previous version verified stable".into()
    });
    check(
        RuleId::Rg6,
        "zero data lost and the previous version verified stable",
        finding,
    )
}

/// `RG-7`: a one-command rollback script.
fn script(evidence: &ReleaseEvidence) -> GateCheck {
    let finding = match evidence.rollback_script {
        Some(true) => Ok("a script".into()),
        Some(false) => Err("no script".into()),
        None => Err("not stated".into()),
    };
    check(RuleId::Rg7, "a one-command rollback script", finding)
}
