//! [`Policy`]: every threshold and deadline of the standard, in one value
//! whose [`Default`] is the standard itself.
//!
//! An organisation may tune the numbers (a stricter P3 latency, a shorter
//! P2 notification deadline) without forking the rules. A policy is always
//! consistent: it can only be built through [`Policy::with_thresholds`],
//! [`Policy::with_deadlines`] or deserialization, and each of them runs
//! [`Policy::validate`]. Fields missing from JSON keep the standard's value;
//! unknown fields are rejected.
//!
//! ```
//! use incident_response::{Policy, Severity, Signals};
//!
//! // Our API is latency-sensitive: slow from 1.5 s.
//! let policy: Policy = serde_json::from_str(r#"{"thresholds": {"p3_latency_ms": 1500}}"#)?;
//! let signals = Signals::new().with_latency_ms(1_800);
//! assert_eq!(policy.classify(&signals)?.severity, Severity::P3);
//! assert_eq!(incident_response::classify(&signals)?.severity, Severity::P4);
//!
//! // An inconsistent policy is refused, naming the fields and the rule.
//! let err = serde_json::from_str::<Policy>(r#"{"thresholds": {"p3_latency_ms": 6000}}"#)
//!     .unwrap_err();
//! assert!(err.to_string().starts_with(
//!     "thresholds.p3_latency_ms `6000` must be below thresholds.p2_latency_ms `5000` (SEV-P3-LATENCY)"
//! ));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Requirement, Value};
use crate::{Alert, Error, Responders, ResponsePlan, RuleId, STANDARD, Severity, Standard};

/// The thresholds of §1 that turn signals into a severity.
///
/// The defaults are the standard's; see [`Policy::classify`] for how each is
/// applied.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Thresholds {
    /// `SEV-P1-OUTAGE`: an error rate at or above this is a total outage.
    /// Default 1.0: "Database completely unavailable (100% request failure)".
    #[schemars(range(min = 0.0, max = 1.0))]
    pub outage_error_rate: f64,
    /// `SEV-P2-ERRORS`: an error rate above this is P2.
    /// Default 0.05: "Alert fired (API error rate >5%)".
    #[schemars(range(min = 0.0, max = 1.0))]
    pub p2_error_rate: f64,
    /// `SEV-P3-ERRORS`: an error rate above this is P3.
    /// Default 0.001: "Error rate dropped to 0.1% (normal)".
    #[schemars(range(min = 0.0, max = 1.0))]
    pub p3_error_rate: f64,
    /// `SEV-P2-LATENCY`: a latency above this many milliseconds is P2.
    /// Default 5000: "API latency >5 seconds".
    pub p2_latency_ms: u64,
    /// `SEV-P3-LATENCY`: a latency from this many milliseconds up to
    /// `p2_latency_ms` is P3. Default 2000: "API latency 2-5 seconds".
    #[schemars(range(min = 1))]
    pub p3_latency_ms: u64,
}

impl Thresholds {
    /// With another `outage_error_rate` (`SEV-P1-OUTAGE`).
    #[must_use]
    pub const fn with_outage_error_rate(mut self, rate: f64) -> Self {
        self.outage_error_rate = rate;
        self
    }

    /// With another `p2_error_rate` (`SEV-P2-ERRORS`).
    #[must_use]
    pub const fn with_p2_error_rate(mut self, rate: f64) -> Self {
        self.p2_error_rate = rate;
        self
    }

    /// With another `p3_error_rate` (`SEV-P3-ERRORS`).
    #[must_use]
    pub const fn with_p3_error_rate(mut self, rate: f64) -> Self {
        self.p3_error_rate = rate;
        self
    }

    /// With another `p2_latency_ms` (`SEV-P2-LATENCY`).
    #[must_use]
    pub const fn with_p2_latency_ms(mut self, latency_ms: u64) -> Self {
        self.p2_latency_ms = latency_ms;
        self
    }

    /// With another `p3_latency_ms` (`SEV-P3-LATENCY`).
    #[must_use]
    pub const fn with_p3_latency_ms(mut self, latency_ms: u64) -> Self {
        self.p3_latency_ms = latency_ms;
        self
    }

    /// The standard's thresholds.
    pub const STANDARD: Thresholds = Thresholds {
        outage_error_rate: 1.0,
        p2_error_rate: 0.05,
        p3_error_rate: 0.001,
        p2_latency_ms: 5_000,
        p3_latency_ms: 2_000,
    };
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds::STANDARD
    }
}

/// The deadlines of §1, per severity, in minutes counted from detection
/// (or from the escalation that gave the incident its severity), and the
/// window to document an incident after its resolution.
///
/// The defaults are the standard's. A policy may change every number, but
/// may not remove an obligation the standard sets: the customer
/// notification and the rollback-or-forward-fix decision of P1, P2 and P3
/// are mandatory in §1 ("Customer notification within 30 min", "Decision:
/// Rollback or forward fix within 60 min"), so `null` there is refused
/// ([`Requirement::Mandatory`]). For
/// P4, which needs neither, `null` (`None`, the default) means no deadline,
/// and a policy may set one.
///
/// The notification (`IN-1`), decision (`IN-2`) and resolution (`IN-3`)
/// deadlines feed [`Policy::response`], [`Policy::decide`] and
/// [`Policy::obligations`]; the documentation window (`IN-4`, `IN-5`) feeds
/// the obligations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(
    description = "The deadlines of §1 per severity, in minutes from detection (or from the escalation that gave the incident its severity), and the documentation window after resolution; each defaults to the standard's. The customer notification and decision deadlines of P1-P3 are mandatory (a number, never `null`); for P4, `null` (the default) means no deadline."
)]
#[non_exhaustive]
pub struct Deadlines {
    /// `IN-3`: "P1 CRITICAL (≤1 hour SLA)". Default 60.
    #[schemars(range(min = 1))]
    pub p1_resolution_minutes: u32,
    /// `IN-1`: "Customer notification within 30 min". Default 30.
    #[schemars(range(min = 1))]
    pub p1_customer_notification_minutes: Option<u32>,
    /// `IN-2`: "Rollback or forward fix within 60 min". Default 60.
    #[schemars(range(min = 1))]
    pub p1_decision_minutes: Option<u32>,
    /// `IN-3`: "P2 HIGH (≤4 hour SLA)". Default 240.
    #[schemars(range(min = 1))]
    pub p2_resolution_minutes: u32,
    /// `IN-1`: "Customer notification within 2 hours". Default 120.
    #[schemars(range(min = 1))]
    pub p2_customer_notification_minutes: Option<u32>,
    /// `IN-2`: "Rollback or forward fix within 4 hours". Default 240.
    #[schemars(range(min = 1))]
    pub p2_decision_minutes: Option<u32>,
    /// `IN-3`: "P3 MEDIUM (≤8 hour SLA)". Default 480.
    #[schemars(range(min = 1))]
    pub p3_resolution_minutes: u32,
    /// `IN-1`: "Customer notified within 4 hours". Default 240.
    #[schemars(range(min = 1))]
    pub p3_customer_notification_minutes: Option<u32>,
    /// `IN-2`: "Forward fix or rollback (24-hour window)". Default 1440, which
    /// the standard sets beyond the P3 resolution SLA of 8 h.
    #[schemars(range(min = 1))]
    pub p3_decision_minutes: Option<u32>,
    /// `IN-3`: "P4 LOW (≤24 hour SLA)". Default 1440.
    #[schemars(range(min = 1))]
    pub p4_resolution_minutes: u32,
    /// `IN-1`: P4 has no customer notification. Default `null`.
    #[schemars(range(min = 1))]
    pub p4_customer_notification_minutes: Option<u32>,
    /// `IN-2`: "Fix or defer (no rollback needed)". Default `null`.
    #[schemars(range(min = 1))]
    pub p4_decision_minutes: Option<u32>,
    /// `IN-4`, `IN-5`: the root cause and the post-mortem are due this many
    /// minutes after resolution. Default 10080 (7 days): the standard says
    /// "All incidents must be documented with root cause analysis" but sets
    /// no time (**Interpretation**).
    #[schemars(range(min = 1))]
    pub documentation_minutes: u32,
}

impl Deadlines {
    /// With another resolution SLA for `severity` (`IN-3`).
    #[must_use]
    pub const fn with_resolution_minutes(mut self, severity: Severity, minutes: u32) -> Self {
        match severity {
            Severity::P1 => self.p1_resolution_minutes = minutes,
            Severity::P2 => self.p2_resolution_minutes = minutes,
            Severity::P3 => self.p3_resolution_minutes = minutes,
            Severity::P4 => self.p4_resolution_minutes = minutes,
        }
        self
    }

    /// With another customer notification deadline for `severity`
    /// (`IN-1`); `None` for none, which only P4 may have.
    #[must_use]
    pub const fn with_customer_notification_minutes(
        mut self,
        severity: Severity,
        minutes: Option<u32>,
    ) -> Self {
        match severity {
            Severity::P1 => self.p1_customer_notification_minutes = minutes,
            Severity::P2 => self.p2_customer_notification_minutes = minutes,
            Severity::P3 => self.p3_customer_notification_minutes = minutes,
            Severity::P4 => self.p4_customer_notification_minutes = minutes,
        }
        self
    }

    /// With another rollback-or-forward-fix decision deadline for
    /// `severity` (`IN-2`); `None` for none, which only P4 may have.
    #[must_use]
    pub const fn with_decision_minutes(mut self, severity: Severity, minutes: Option<u32>) -> Self {
        match severity {
            Severity::P1 => self.p1_decision_minutes = minutes,
            Severity::P2 => self.p2_decision_minutes = minutes,
            Severity::P3 => self.p3_decision_minutes = minutes,
            Severity::P4 => self.p4_decision_minutes = minutes,
        }
        self
    }

    /// With another documentation window after resolution (`IN-4`, `IN-5`).
    #[must_use]
    pub const fn with_documentation_minutes(mut self, minutes: u32) -> Self {
        self.documentation_minutes = minutes;
        self
    }

    /// The standard's deadlines.
    pub const STANDARD: Deadlines = Deadlines {
        p1_resolution_minutes: 60,
        p1_customer_notification_minutes: Some(30),
        p1_decision_minutes: Some(60),
        p2_resolution_minutes: 4 * 60,
        p2_customer_notification_minutes: Some(2 * 60),
        p2_decision_minutes: Some(4 * 60),
        p3_resolution_minutes: 8 * 60,
        p3_customer_notification_minutes: Some(4 * 60),
        p3_decision_minutes: Some(24 * 60),
        p4_resolution_minutes: 24 * 60,
        p4_customer_notification_minutes: None,
        p4_decision_minutes: None,
        documentation_minutes: 7 * 24 * 60,
    };

    /// The three deadlines of one severity, with their JSON field names.
    #[inline]
    pub(crate) const fn of(&self, severity: Severity) -> SeverityDeadlines {
        match severity {
            Severity::P1 => SeverityDeadlines {
                resolution: (
                    "deadlines.p1_resolution_minutes",
                    self.p1_resolution_minutes,
                ),
                notification: (
                    "deadlines.p1_customer_notification_minutes",
                    self.p1_customer_notification_minutes,
                ),
                decision: ("deadlines.p1_decision_minutes", self.p1_decision_minutes),
            },
            Severity::P2 => SeverityDeadlines {
                resolution: (
                    "deadlines.p2_resolution_minutes",
                    self.p2_resolution_minutes,
                ),
                notification: (
                    "deadlines.p2_customer_notification_minutes",
                    self.p2_customer_notification_minutes,
                ),
                decision: ("deadlines.p2_decision_minutes", self.p2_decision_minutes),
            },
            Severity::P3 => SeverityDeadlines {
                resolution: (
                    "deadlines.p3_resolution_minutes",
                    self.p3_resolution_minutes,
                ),
                notification: (
                    "deadlines.p3_customer_notification_minutes",
                    self.p3_customer_notification_minutes,
                ),
                decision: ("deadlines.p3_decision_minutes", self.p3_decision_minutes),
            },
            Severity::P4 => SeverityDeadlines {
                resolution: (
                    "deadlines.p4_resolution_minutes",
                    self.p4_resolution_minutes,
                ),
                notification: (
                    "deadlines.p4_customer_notification_minutes",
                    self.p4_customer_notification_minutes,
                ),
                decision: ("deadlines.p4_decision_minutes", self.p4_decision_minutes),
            },
        }
    }
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines::STANDARD
    }
}

/// The windows of the §3 decision tree, in minutes.
///
/// Both are strict: "<30 min" means 29 is inside the window and 30 is not
/// (**Interpretation**).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct DecisionWindows {
    /// `DT-4` and `DT-H`: a backup that restores in fewer minutes than this
    /// makes a migration or schema change safe to roll back. Default 30:
    /// "Can you restore from pre-migration backup? YES, <30 min: ROLLBACK".
    #[schemars(range(min = 1))]
    pub backup_restore_minutes: u32,
    /// `DT-5`: a fix that deploys in fewer minutes than this may go forward.
    /// Default 30: "Can the fix be deployed in <30 min?".
    #[schemars(range(min = 1))]
    pub fix_deploy_minutes: u32,
}

impl DecisionWindows {
    /// With another backup restore window (`DT-4`, `DT-H`).
    #[must_use]
    pub const fn with_backup_restore_minutes(mut self, minutes: u32) -> Self {
        self.backup_restore_minutes = minutes;
        self
    }

    /// With another fix deploy window (`DT-5`).
    #[must_use]
    pub const fn with_fix_deploy_minutes(mut self, minutes: u32) -> Self {
        self.fix_deploy_minutes = minutes;
        self
    }

    /// The standard's windows: 30 minutes each.
    pub const STANDARD: DecisionWindows = DecisionWindows {
        backup_restore_minutes: 30,
        fix_deploy_minutes: 30,
    };
}

impl Default for DecisionWindows {
    fn default() -> Self {
        DecisionWindows::STANDARD
    }
}

/// The windows of the §2 Phase 5 post-deploy watch, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct WatchWindows {
    /// `PD-1`: a release with no errors for this long after its deploy is
    /// successful. Default 30: "If no errors within 30 minutes: Release
    /// successful".
    #[schemars(range(min = 1))]
    pub error_free_minutes: u32,
    /// `PD-2`, `PD-3`: after the first error, a decision is due within this
    /// many minutes, else the rollback is automatic. Default 30: "Timeout:
    /// If no decision by 30 min, rollback automatic".
    #[schemars(range(min = 1))]
    pub decision_minutes: u32,
}

impl WatchWindows {
    /// With another error-free window (`PD-1`).
    #[must_use]
    pub const fn with_error_free_minutes(mut self, minutes: u32) -> Self {
        self.error_free_minutes = minutes;
        self
    }

    /// With another decision window after the first error (`PD-2`, `PD-3`).
    #[must_use]
    pub const fn with_decision_minutes(mut self, minutes: u32) -> Self {
        self.decision_minutes = minutes;
        self
    }

    /// The standard's windows: 30 minutes each.
    pub const STANDARD: WatchWindows = WatchWindows {
        error_free_minutes: 30,
        decision_minutes: 30,
    };
}

impl Default for WatchWindows {
    fn default() -> Self {
        WatchWindows::STANDARD
    }
}

/// The numbers of the §2 release gate (`RG-2`, `RG-3`) and of the §4
/// rollback: the runbook's parameters and the speeds a rollback is graded
/// against (`RG-5`, `RB-3`, `RB-6`, `RB-7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct RollbackPolicy {
    /// `RG-2`: staging at least this many hours before production. Default
    /// 48: "T-48h before production deploy".
    #[schemars(range(min = 1))]
    pub staging_lead_hours: u32,
    /// `RG-3`: at least this many hours of production-like traffic in
    /// staging. Default 72: "Run production traffic for 72 hours".
    #[schemars(range(min = 1))]
    pub soak_hours: u32,
    /// `RG-5`, `RB-7`: the tested rollback takes strictly fewer minutes.
    /// Default 5: "Success criterion: <5 min rollback".
    #[schemars(range(min = 1))]
    pub tested_minutes: u32,
    /// `RB-6`: a production rollback takes strictly fewer minutes. Default
    /// 10: "revert to last known-good state in <10 minutes".
    #[schemars(range(min = 1))]
    pub objective_minutes: u32,
    /// The drain's wait for in-flight requests, in seconds. Default 10:
    /// "sleep 10  # Allow in-flight requests to complete".
    #[schemars(range(min = 1))]
    pub drain_wait_secs: u32,
    /// `RB-3`: health-check attempts at most. Default 5: "for i in {1..5}".
    #[schemars(range(min = 1))]
    pub health_check_attempts: u32,
    /// Seconds between health-check attempts. Default 5: "sleep 5".
    #[schemars(range(min = 1))]
    pub health_check_interval_secs: u32,
    /// Seconds to wait for the previous version to be available. Default
    /// 300: "kubectl wait --for=condition=available --timeout=300s".
    #[schemars(range(min = 1))]
    pub redeploy_timeout_secs: u32,
    /// Seconds to wait for the pods to be ready when traffic resumes.
    /// Default 60: "kubectl wait --for=condition=ready … --timeout=60s".
    #[schemars(range(min = 1))]
    pub resume_timeout_secs: u32,
}

impl RollbackPolicy {
    /// The standard's numbers, and its sample script's parameters.
    pub const STANDARD: RollbackPolicy = RollbackPolicy {
        staging_lead_hours: 48,
        soak_hours: 72,
        tested_minutes: 5,
        objective_minutes: 10,
        drain_wait_secs: 10,
        health_check_attempts: 5,
        health_check_interval_secs: 5,
        redeploy_timeout_secs: 300,
        resume_timeout_secs: 60,
    };

    /// With another staging lead time, in hours (`RG-2`).
    #[must_use]
    pub const fn with_staging_lead_hours(mut self, hours: u32) -> Self {
        self.staging_lead_hours = hours;
        self
    }

    /// With another soak time, in hours (`RG-3`).
    #[must_use]
    pub const fn with_soak_hours(mut self, hours: u32) -> Self {
        self.soak_hours = hours;
        self
    }

    /// With another tested rollback time, in minutes (`RG-5`, `RB-7`).
    #[must_use]
    pub const fn with_tested_minutes(mut self, minutes: u32) -> Self {
        self.tested_minutes = minutes;
        self
    }

    /// With another production objective, in minutes (`RB-6`).
    #[must_use]
    pub const fn with_objective_minutes(mut self, minutes: u32) -> Self {
        self.objective_minutes = minutes;
        self
    }

    /// With another number of health-check attempts (`RB-3`).
    #[must_use]
    pub const fn with_health_check_attempts(mut self, attempts: u32) -> Self {
        self.health_check_attempts = attempts;
        self
    }
}

impl Default for RollbackPolicy {
    fn default() -> Self {
        RollbackPolicy::STANDARD
    }
}

/// The numbers of the §6 metrics: when a figure is too weak to read, how
/// much a trend may move and still be stable, and the goals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct MetricsPolicy {
    /// `ME-2`: a duration figure over fewer incidents than this is
    /// low-confidence, and no trend is read from it. Default 10
    /// (**Interpretation**: the standard reports means with no sample size).
    #[schemars(range(min = 1))]
    pub min_sample: u32,
    /// `ME-5`: a change of at most this fraction of the earlier value is
    /// stable. Default 0: any change is a direction, as in the standard's
    /// "30min → 20min → 20min (stable)".
    #[schemars(range(min = 0.0, max = 1.0))]
    pub trend_tolerance: f64,
    /// `ME-6`: the goal's most P1 incidents in a month. Default 0: "Zero P1
    /// incidents".
    pub p1_goal: u32,
    /// `ME-6`: the P2 MTTR must be strictly under this many minutes.
    /// Default 10: "<10 min MTTR for P2".
    #[schemars(range(min = 1))]
    pub p2_mttr_goal_minutes: u32,
}

impl MetricsPolicy {
    /// The standard's numbers, and a minimum sample of 10.
    pub const STANDARD: MetricsPolicy = MetricsPolicy {
        min_sample: 10,
        trend_tolerance: 0.0,
        p1_goal: 0,
        p2_mttr_goal_minutes: 10,
    };

    /// With another minimum sample (`ME-2`).
    #[must_use]
    pub const fn with_min_sample(mut self, min_sample: u32) -> Self {
        self.min_sample = min_sample;
        self
    }

    /// With another trend tolerance, a fraction (`ME-5`).
    #[must_use]
    pub const fn with_trend_tolerance(mut self, tolerance: f64) -> Self {
        self.trend_tolerance = tolerance;
        self
    }

    /// With another P1 goal (`ME-6`).
    #[must_use]
    pub const fn with_p1_goal(mut self, p1_goal: u32) -> Self {
        self.p1_goal = p1_goal;
        self
    }

    /// With another P2 MTTR goal, in minutes (`ME-6`).
    #[must_use]
    pub const fn with_p2_mttr_goal_minutes(mut self, minutes: u32) -> Self {
        self.p2_mttr_goal_minutes = minutes;
        self
    }
}

impl Default for MetricsPolicy {
    fn default() -> Self {
        MetricsPolicy::STANDARD
    }
}

/// One severity's deadlines, each with the JSON path used in errors.
pub(crate) struct SeverityDeadlines {
    pub(crate) resolution: (&'static str, u32),
    pub(crate) notification: (&'static str, Option<u32>),
    pub(crate) decision: (&'static str, Option<u32>),
}

/// A value of a custom policy that is not the standard's, as an answer
/// reports it: `{"field": "decision.backup_restore_minutes", "value": 20,
/// "standard": 30}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Difference {
    /// The field, as a JSON path of the policy.
    pub field: &'static str,
    /// The policy's value.
    pub value: Value,
    /// The standard's value.
    pub standard: Value,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} `{}` (the standard's `{}`)",
            self.field, self.value, self.standard
        )
    }
}

/// A policy's fingerprint ([`Policy::fingerprint`]): `Display`, serde and
/// the JSON Schema write it as 16 hex digits, `6d30249291e19b6b`, without
/// allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u64);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Fingerprint {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fingerprint".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A policy's fingerprint: 16 hex digits.",
            "type": "string",
            "pattern": "^[0-9a-f]{16}$",
        })
    }
}

/// Which policy produced an answer: the standard, or a custom policy and
/// the values it changed among those the answer applies.
///
/// Every answer carries it ([`Classification`](crate::Classification),
/// [`Decision`](crate::Decision), [`Watch`](crate::Watch)), in `Display` and
/// in JSON, so that an answer logged under a custom policy can never be
/// read as the standard's: `{"custom": true, "differences":
/// [{"field": "decision.backup_restore_minutes", "value": 20, "standard":
/// 30}], "standard": "EATGF-DSS-INC-01 v1.0"}`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(
    description = "Which policy produced an answer: the standard (`custom: false`), or a custom policy and the values it changed among those the answer applies."
)]
#[non_exhaustive]
pub struct AppliedPolicy {
    /// `false` for the standard itself; `true` for a policy that changes
    /// any value, even one this answer does not apply.
    pub custom: bool,
    /// The policy's fingerprint ([`Policy::fingerprint`]), written as 16
    /// hex digits: which policy it was, among those a service has used.
    pub fingerprint: Fingerprint,
    /// The values this answer applied that are not the standard's; empty
    /// under the standard.
    pub differences: Vec<Difference>,
    /// The edition of the standard the policy starts from.
    pub standard: Standard,
}

impl AppliedPolicy {
    /// From the values an answer applied, each with its field and the
    /// standard's value.
    pub(crate) fn new(mark: PolicyMark, applied: &[(&'static str, Value, Value)]) -> Self {
        let differences = applied
            .iter()
            .filter(|(_, value, standard)| value != standard)
            .map(|&(field, value, standard)| Difference {
                field,
                value,
                standard,
            })
            .collect();
        AppliedPolicy {
            custom: mark.custom,
            fingerprint: Fingerprint(mark.fingerprint),
            differences,
            standard: STANDARD,
        }
    }
}

/// `standard applied: EATGF-DSS-INC-01 v1.0`, or `policy applied: custom
/// on EATGF-DSS-INC-01 v1.0, with …` and every difference.
impl fmt::Display for AppliedPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.custom {
            return write!(f, "standard applied: {}", self.standard);
        }
        write!(
            f,
            "policy applied: custom {} on {}, with ",
            self.fingerprint, self.standard
        )?;
        if self.differences.is_empty() {
            return f.write_str("the standard's values for all this answer applies");
        }
        for (i, difference) in self.differences.iter().enumerate() {
            let joint = if i == 0 { "" } else { ", " };
            write!(f, "{joint}{difference}")?;
        }
        Ok(())
    }
}

/// Every threshold and deadline the crate applies. `Policy::default()` is
/// the standard.
///
/// A `Policy` is always valid: the only ways to get one are
/// [`Policy::default`], the `with_…` methods and deserialization, and each
/// of them validates. In JSON every field is optional and defaults to the
/// standard; unknown fields are errors.
///
/// ```
/// use incident_response::{Policy, Thresholds};
///
/// let policy = Policy::default()
///     .with_thresholds(Thresholds::STANDARD.with_p2_latency_ms(3_000))?;
/// assert_eq!(policy.thresholds().p2_latency_ms, 3_000);
/// assert!(!policy.is_standard());
/// # Ok::<(), incident_response::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "PolicyDraft")]
#[schemars(
    description = "Every threshold, deadline and window the crate applies. Each field is optional and defaults to the standard; unknown fields are refused; inconsistent values are refused with an error naming the field and the rule."
)]
pub struct Policy {
    /// §1 thresholds that turn signals into a severity.
    thresholds: Thresholds,
    /// §1 deadlines per severity.
    deadlines: Deadlines,
    /// §3 windows of the decision tree.
    decision: DecisionWindows,
    /// §2 Phase 5 windows of the post-deploy watch.
    watch: WatchWindows,
    /// §6 metrics: minimum sample, trend tolerance, goals.
    metrics: MetricsPolicy,
    /// §2 release gate and §4 rollbacks.
    rollback: RollbackPolicy,
    /// Whether any value differs from the standard's, and the policy's
    /// fingerprint; set by validation, so that every answer can name the
    /// policy that produced it without reading the whole policy on the hot
    /// path.
    #[serde(skip)]
    #[schemars(skip)]
    mark: PolicyMark,
}

/// What an answer keeps of the policy that produced it: whether it is
/// custom, and its fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PolicyMark {
    custom: bool,
    fingerprint: u64,
}

impl PolicyMark {
    /// The fingerprint of the policy that produced an answer.
    pub(crate) const fn fingerprint(self) -> Fingerprint {
        Fingerprint(self.fingerprint)
    }
}

/// FNV-1a, 64 bits, over the policy's values in a fixed order: every
/// threshold (rates as their IEEE 754 bits), every deadline (`null` as
/// `u64::MAX`), every window.
const fn fingerprint(
    t: &Thresholds,
    d: &Deadlines,
    decision: &DecisionWindows,
    watch: &WatchWindows,
    metrics: &MetricsPolicy,
    rollback: &RollbackPolicy,
) -> u64 {
    const fn minutes(value: Option<u32>) -> u64 {
        match value {
            Some(minutes) => minutes as u64,
            None => u64::MAX,
        }
    }
    let values = [
        t.outage_error_rate.to_bits(),
        t.p2_error_rate.to_bits(),
        t.p3_error_rate.to_bits(),
        t.p2_latency_ms,
        t.p3_latency_ms,
        d.p1_resolution_minutes as u64,
        minutes(d.p1_customer_notification_minutes),
        minutes(d.p1_decision_minutes),
        d.p2_resolution_minutes as u64,
        minutes(d.p2_customer_notification_minutes),
        minutes(d.p2_decision_minutes),
        d.p3_resolution_minutes as u64,
        minutes(d.p3_customer_notification_minutes),
        minutes(d.p3_decision_minutes),
        d.p4_resolution_minutes as u64,
        minutes(d.p4_customer_notification_minutes),
        minutes(d.p4_decision_minutes),
        d.documentation_minutes as u64,
        decision.backup_restore_minutes as u64,
        decision.fix_deploy_minutes as u64,
        watch.error_free_minutes as u64,
        watch.decision_minutes as u64,
        metrics.min_sample as u64,
        metrics.trend_tolerance.to_bits(),
        metrics.p1_goal as u64,
        metrics.p2_mttr_goal_minutes as u64,
        rollback.staging_lead_hours as u64,
        rollback.soak_hours as u64,
        rollback.tested_minutes as u64,
        rollback.objective_minutes as u64,
        rollback.drain_wait_secs as u64,
        rollback.health_check_attempts as u64,
        rollback.health_check_interval_secs as u64,
        rollback.redeploy_timeout_secs as u64,
        rollback.resume_timeout_secs as u64,
    ];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut rest: &[u64] = &values;
    while let [value, tail @ ..] = rest {
        let bytes = value.to_le_bytes();
        let mut octets: &[u8] = &bytes;
        while let [octet, more @ ..] = octets {
            hash ^= *octet as u64;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            octets = more;
        }
        rest = tail;
    }
    hash
}

/// The JSON form of a policy before it is validated: every field optional,
/// defaulting to the standard, unknown fields refused. It is only read,
/// never built: in Rust, build a [`Policy`] with its `with_…` methods.
///
/// Deserializing a [`Policy`] validates it in one step, but a JSON library
/// reports an inconsistent policy as its own error, with the crate's message
/// as text. To keep the typed [`Error::InvalidPolicy`], read the draft and
/// convert it:
///
/// ```
/// use incident_response::{Error, Policy, PolicyDraft, RuleId};
///
/// let draft: PolicyDraft = serde_json::from_str(r#"{"watch": {"decision_minutes": 0}}"#)?;
/// let err = Policy::try_from(draft).unwrap_err();
/// assert!(matches!(
///     err,
///     Error::InvalidPolicy { field: "watch.decision_minutes", rule: RuleId::Pd2, .. }
/// ));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(
    rename = "Policy",
    description = "Every threshold, deadline and window the crate applies. Each field is optional and defaults to the standard; unknown fields are refused; inconsistent values are refused with an error naming the field and the rule."
)]
pub struct PolicyDraft {
    /// §1 thresholds that turn signals into a severity.
    thresholds: Thresholds,
    /// §1 deadlines per severity, in minutes from detection.
    deadlines: Deadlines,
    /// §3 windows of the rollback decision tree, in minutes.
    decision: DecisionWindows,
    /// §2 Phase 5 windows of the post-deploy watch, in minutes.
    watch: WatchWindows,
    /// §6 metrics: minimum sample, trend tolerance, goals.
    metrics: MetricsPolicy,
    /// §2 release gate and §4 rollbacks: lead and soak times, the rollback
    /// runbook's parameters and speeds.
    rollback: RollbackPolicy,
}

impl Default for PolicyDraft {
    fn default() -> Self {
        let Policy {
            thresholds,
            deadlines,
            decision,
            watch,
            metrics,
            rollback,
            mark: _,
        } = Policy::STANDARD;
        PolicyDraft {
            thresholds,
            deadlines,
            decision,
            watch,
            metrics,
            rollback,
        }
    }
}

impl TryFrom<PolicyDraft> for Policy {
    type Error = Error;

    fn try_from(draft: PolicyDraft) -> Result<Self, Error> {
        Policy {
            thresholds: draft.thresholds,
            deadlines: draft.deadlines,
            decision: draft.decision,
            watch: draft.watch,
            metrics: draft.metrics,
            rollback: draft.rollback,
            mark: PolicyMark {
                custom: true,
                fingerprint: 0,
            },
        }
        .validated()
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy::STANDARD
    }
}

impl Policy {
    /// The standard, EATGF-DSS-INC-01 v1.0, as written.
    pub const STANDARD: Policy = Policy {
        thresholds: Thresholds::STANDARD,
        deadlines: Deadlines::STANDARD,
        decision: DecisionWindows::STANDARD,
        watch: WatchWindows::STANDARD,
        metrics: MetricsPolicy::STANDARD,
        rollback: RollbackPolicy::STANDARD,
        mark: PolicyMark {
            custom: false,
            fingerprint: fingerprint(
                &Thresholds::STANDARD,
                &Deadlines::STANDARD,
                &DecisionWindows::STANDARD,
                &WatchWindows::STANDARD,
                &MetricsPolicy::STANDARD,
                &RollbackPolicy::STANDARD,
            ),
        },
    };

    /// Whether this is the standard itself, value for value: `false` for a
    /// custom policy, even one that changes a single number.
    #[inline]
    pub const fn is_standard(&self) -> bool {
        !self.mark.custom
    }

    /// A 64-bit digest of every value of the policy (FNV-1a over its
    /// values in a fixed order), carried by every answer it produces: two
    /// policies with the same values have the same fingerprint, so a
    /// logged answer can be matched to the policy that produced it. It
    /// changes only when the policy gains a field, which the changelog
    /// records.
    ///
    /// ```
    /// use incident_response::{Policy, WatchWindows};
    ///
    /// let standard = Policy::default().fingerprint();
    /// let custom = Policy::default()
    ///     .with_watch_windows(WatchWindows::STANDARD.with_decision_minutes(15))?;
    /// assert_ne!(custom.fingerprint(), standard);
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    #[inline]
    pub const fn fingerprint(&self) -> u64 {
        self.mark.fingerprint
    }

    /// What an answer keeps of this policy.
    #[inline]
    pub(crate) const fn mark(&self) -> PolicyMark {
        self.mark
    }

    /// The §1 thresholds.
    #[inline]
    pub const fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    /// The §1 deadlines.
    pub const fn deadlines(&self) -> &Deadlines {
        &self.deadlines
    }

    /// The §3 decision windows.
    #[inline]
    pub const fn decision_windows(&self) -> &DecisionWindows {
        &self.decision
    }

    /// The §2 Phase 5 watch windows.
    pub const fn watch_windows(&self) -> &WatchWindows {
        &self.watch
    }

    /// The §6 metrics: minimum sample, trend tolerance, goals.
    pub const fn metrics(&self) -> &MetricsPolicy {
        &self.metrics
    }

    /// The §2 release gate's and the §4 rollback's numbers.
    pub const fn rollback(&self) -> &RollbackPolicy {
        &self.rollback
    }

    /// This policy with other release-gate and rollback numbers.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when any of them is 0, or the tested time
    /// is not under the production objective.
    pub fn with_rollback(self, rollback: RollbackPolicy) -> Result<Policy, Error> {
        Policy { rollback, ..self }.validated()
    }

    /// This policy with other metrics numbers.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when the minimum sample or the P2 MTTR goal
    /// is 0, or the tolerance is not a fraction from 0 to 1.
    pub fn with_metrics(self, metrics: MetricsPolicy) -> Result<Policy, Error> {
        Policy { metrics, ..self }.validated()
    }

    /// This policy with other decision windows.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when a window is 0 minutes.
    pub fn with_decision_windows(self, decision: DecisionWindows) -> Result<Policy, Error> {
        Policy { decision, ..self }.validated()
    }

    /// This policy with other watch windows.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when a window is 0 minutes.
    pub fn with_watch_windows(self, watch: WatchWindows) -> Result<Policy, Error> {
        Policy { watch, ..self }.validated()
    }

    /// This policy with other thresholds.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when the thresholds are inconsistent; see
    /// [`Policy::validate`].
    pub fn with_thresholds(self, thresholds: Thresholds) -> Result<Policy, Error> {
        Policy { thresholds, ..self }.validated()
    }

    /// This policy with other deadlines.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when the deadlines are inconsistent; see
    /// [`Policy::validate`].
    pub fn with_deadlines(self, deadlines: Deadlines) -> Result<Policy, Error> {
        Policy { deadlines, ..self }.validated()
    }

    /// The response plan of a severity under this policy's deadlines.
    ///
    /// ```
    /// use incident_response::{Policy, Responders, Severity};
    ///
    /// let plan = Policy::default().response(Severity::P2);
    /// assert_eq!(plan.resolution_sla_minutes, 240);
    /// assert_eq!(plan.customer_notification_minutes, Some(120));
    /// assert_eq!(plan.decision_minutes, Some(240));
    /// assert_eq!(plan.responders, Responders::FocusedTeam);
    /// ```
    #[inline]
    pub const fn response(&self, severity: Severity) -> ResponsePlan {
        let deadlines = self.deadlines.of(severity);
        let (alert, responders) = match severity {
            Severity::P1 => (Alert::PageVpEngineering, Responders::AllHands),
            Severity::P2 => (Alert::PageEngineeringLead, Responders::FocusedTeam),
            Severity::P3 => (Alert::SlackIncidents, Responders::SecondaryOnCall),
            Severity::P4 => (Alert::JiraTicket, Responders::NextSprint),
        };
        ResponsePlan {
            severity,
            resolution_sla_minutes: deadlines.resolution.1,
            alert,
            responders,
            customer_notification_minutes: deadlines.notification.1,
            decision_minutes: deadlines.decision.1,
        }
    }

    /// Checks that the thresholds and deadlines are consistent.
    ///
    /// Every way of building a `Policy` calls it, so a `Policy` you hold
    /// always passes; it is public so that the checks can be read and run.
    ///
    /// - error rates are within 0.0..=1.0, and
    ///   `p3_error_rate < p2_error_rate < outage_error_rate`;
    /// - `p3_latency_ms` is at least 1 (else every incident would be slow)
    ///   and below `p2_latency_ms`;
    /// - every deadline and window is at least 1 minute (a "<0 min" window
    ///   could never be met);
    /// - the customer notification and decision deadlines of P1, P2 and P3
    ///   are set: the standard makes them mandatory;
    /// - a more severe incident never gets a later deadline than a less
    ///   severe one (`null`, no deadline, counts as later than any number).
    ///
    /// # Errors
    ///
    /// The first inconsistency found, as [`Error::InvalidPolicy`]:
    /// ``thresholds.p3_error_rate `0.1` must be below thresholds.p2_error_rate `0.05` (SEV-P3-ERRORS)``,
    /// ``deadlines.p1_decision_minutes `300` must be at most deadlines.p2_decision_minutes `240` (IN-2)``,
    /// ``deadlines.p2_decision_minutes `null` must be a number of minutes: the standard makes it mandatory (IN-2)``.
    pub fn validate(&self) -> Result<(), Error> {
        validate_thresholds(&self.thresholds)?;
        validate_deadlines(&self.deadlines)?;
        validate_windows(&self.decision, &self.watch)?;
        validate_metrics(&self.metrics)?;
        validate_rollback(&self.rollback)
    }
}

impl Policy {
    /// This policy if it is consistent.
    fn validated(mut self) -> Result<Policy, Error> {
        self.validate()?;
        let standard = Policy::STANDARD;
        self.mark = PolicyMark {
            custom: self.thresholds != standard.thresholds
                || self.deadlines != standard.deadlines
                || self.decision != standard.decision
                || self.watch != standard.watch
                || self.metrics != standard.metrics
                || self.rollback != standard.rollback,
            fingerprint: fingerprint(
                &self.thresholds,
                &self.deadlines,
                &self.decision,
                &self.watch,
                &self.metrics,
                &self.rollback,
            ),
        };
        Ok(self)
    }
}

fn invalid(
    field: &'static str,
    value: impl Into<Value>,
    requirement: Requirement,
    rule: RuleId,
) -> Error {
    Error::InvalidPolicy {
        field,
        value: value.into(),
        requirement,
        rule,
    }
}

fn validate_thresholds(t: &Thresholds) -> Result<(), Error> {
    let rates = [
        (
            "thresholds.outage_error_rate",
            t.outage_error_rate,
            RuleId::SevP1Outage,
        ),
        (
            "thresholds.p2_error_rate",
            t.p2_error_rate,
            RuleId::SevP2Errors,
        ),
        (
            "thresholds.p3_error_rate",
            t.p3_error_rate,
            RuleId::SevP3Errors,
        ),
    ];
    for (field, rate, rule) in rates {
        if !(0.0..=1.0).contains(&rate) {
            return Err(invalid(field, rate, Requirement::Within("0.0..=1.0"), rule));
        }
    }
    // Each lower band must end strictly below the one above it.
    for pair in rates.windows(2) {
        if let [(above, above_rate, _), (field, rate, rule)] = *pair
            && rate >= above_rate
        {
            let below = Requirement::Below {
                field: above,
                value: above_rate.into(),
            };
            return Err(invalid(field, rate, below, rule));
        }
    }
    if t.p3_latency_ms < 1 {
        let at_least = Requirement::AtLeast(1);
        let field = "thresholds.p3_latency_ms";
        return Err(invalid(
            field,
            t.p3_latency_ms,
            at_least,
            RuleId::SevP3Latency,
        ));
    }
    if t.p3_latency_ms >= t.p2_latency_ms {
        let below = Requirement::Below {
            field: "thresholds.p2_latency_ms",
            value: t.p2_latency_ms.into(),
        };
        let field = "thresholds.p3_latency_ms";
        return Err(invalid(field, t.p3_latency_ms, below, RuleId::SevP3Latency));
    }
    Ok(())
}

fn validate_deadlines(d: &Deadlines) -> Result<(), Error> {
    for severity in Severity::ALL {
        let deadlines = d.of(severity);
        let (field, minutes) = deadlines.resolution;
        check_positive(field, Some(minutes), RuleId::In3)?;
        let mandatory = severity != Severity::P4;
        let (field, minutes) = deadlines.notification;
        check_set(field, minutes, mandatory, RuleId::In1)?;
        check_positive(field, minutes, RuleId::In1)?;
        let (field, minutes) = deadlines.decision;
        check_set(field, minutes, mandatory, RuleId::In2)?;
        check_positive(field, minutes, RuleId::In2)?;
    }
    check_positive(
        "deadlines.documentation_minutes",
        Some(d.documentation_minutes),
        RuleId::In4,
    )?;
    for pair in Severity::ALL.windows(2) {
        if let [more, less] = *pair {
            let (more, less) = (d.of(more), d.of(less));
            let (m, l) = (more.resolution, less.resolution);
            check_not_later((m.0, Some(m.1)), (l.0, Some(l.1)), RuleId::In3)?;
            check_not_later(more.notification, less.notification, RuleId::In1)?;
            check_not_later(more.decision, less.decision, RuleId::In2)?;
        }
    }
    Ok(())
}

fn validate_windows(decision: &DecisionWindows, watch: &WatchWindows) -> Result<(), Error> {
    let windows = [
        (
            "decision.backup_restore_minutes",
            decision.backup_restore_minutes,
            RuleId::Dt4,
        ),
        (
            "decision.fix_deploy_minutes",
            decision.fix_deploy_minutes,
            RuleId::Dt5,
        ),
        (
            "watch.error_free_minutes",
            watch.error_free_minutes,
            RuleId::Pd1,
        ),
        (
            "watch.decision_minutes",
            watch.decision_minutes,
            RuleId::Pd2,
        ),
    ];
    for (field, minutes, rule) in windows {
        check_positive(field, Some(minutes), rule)?;
    }
    Ok(())
}

/// A deadline the standard makes mandatory must be set.
fn check_set(
    field: &'static str,
    minutes: Option<u32>,
    mandatory: bool,
    rule: RuleId,
) -> Result<(), Error> {
    if mandatory && minutes.is_none() {
        return Err(invalid(field, minutes, Requirement::Mandatory, rule));
    }
    Ok(())
}

fn validate_rollback(r: &RollbackPolicy) -> Result<(), Error> {
    let numbers = [
        (
            "rollback.staging_lead_hours",
            r.staging_lead_hours,
            RuleId::Rg2,
        ),
        ("rollback.soak_hours", r.soak_hours, RuleId::Rg3),
        ("rollback.tested_minutes", r.tested_minutes, RuleId::Rg5),
        (
            "rollback.objective_minutes",
            r.objective_minutes,
            RuleId::Rb6,
        ),
        ("rollback.drain_wait_secs", r.drain_wait_secs, RuleId::Rb2),
        (
            "rollback.health_check_attempts",
            r.health_check_attempts,
            RuleId::Rb3,
        ),
        (
            "rollback.health_check_interval_secs",
            r.health_check_interval_secs,
            RuleId::Rb3,
        ),
        (
            "rollback.redeploy_timeout_secs",
            r.redeploy_timeout_secs,
            RuleId::Rb4,
        ),
        (
            "rollback.resume_timeout_secs",
            r.resume_timeout_secs,
            RuleId::Rb3,
        ),
    ];
    for (field, value, rule) in numbers {
        check_positive(field, Some(value), rule)?;
    }
    // The tested criterion is the stricter of the two.
    if r.tested_minutes > r.objective_minutes {
        let at_most = Requirement::AtMost {
            field: "rollback.objective_minutes",
            value: r.objective_minutes.into(),
        };
        return Err(invalid(
            "rollback.tested_minutes",
            r.tested_minutes,
            at_most,
            RuleId::Rb7,
        ));
    }
    Ok(())
}

fn validate_metrics(metrics: &MetricsPolicy) -> Result<(), Error> {
    check_positive("metrics.min_sample", Some(metrics.min_sample), RuleId::Me2)?;
    check_positive(
        "metrics.p2_mttr_goal_minutes",
        Some(metrics.p2_mttr_goal_minutes),
        RuleId::Me6,
    )?;
    let tolerance = metrics.trend_tolerance;
    if !(0.0..=1.0).contains(&tolerance) {
        return Err(invalid(
            "metrics.trend_tolerance",
            tolerance,
            Requirement::Within("0.0..=1.0"),
            RuleId::Me5,
        ));
    }
    Ok(())
}

fn check_positive(field: &'static str, minutes: Option<u32>, rule: RuleId) -> Result<(), Error> {
    match minutes {
        Some(0) => Err(invalid(field, 0u32, Requirement::AtLeast(1), rule)),
        _ => Ok(()),
    }
}

/// The deadline of the more severe incident must not be later than that of
/// the less severe one; `None` (no deadline) is later than any number.
fn check_not_later(
    (field, minutes): (&'static str, Option<u32>),
    (other, other_minutes): (&'static str, Option<u32>),
    rule: RuleId,
) -> Result<(), Error> {
    let later = match (minutes, other_minutes) {
        (Some(m), Some(o)) => m > o,
        (None, Some(_)) => true,
        (_, None) => false,
    };
    if later {
        let at_most = Requirement::AtMost {
            field: other,
            value: other_minutes.into(),
        };
        return Err(invalid(field, minutes, at_most, rule));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_is_valid() {
        assert_eq!(Policy::STANDARD.validate(), Ok(()));
        assert_eq!(Policy::default(), Policy::STANDARD);
    }

    #[test]
    fn error_rate_bands_must_be_ordered() {
        let bad = Thresholds {
            p3_error_rate: 0.05,
            ..Thresholds::STANDARD
        };
        let err = Policy::default().with_thresholds(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "thresholds.p3_error_rate `0.05` must be below thresholds.p2_error_rate `0.05` (SEV-P3-ERRORS)"
        );
        let bad = Thresholds {
            p2_error_rate: 1.0,
            ..Thresholds::STANDARD
        };
        let err = Policy::default().with_thresholds(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "thresholds.p2_error_rate `1` must be below thresholds.outage_error_rate `1` (SEV-P2-ERRORS)"
        );
    }

    #[test]
    fn rates_must_be_fractions() {
        for bad in [f64::NAN, -0.1, 1.1, f64::INFINITY] {
            let thresholds = Thresholds {
                outage_error_rate: bad,
                ..Thresholds::STANDARD
            };
            let err = Policy::default().with_thresholds(thresholds).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidPolicy {
                        field: "thresholds.outage_error_rate",
                        rule: RuleId::SevP1Outage,
                        ..
                    }
                ),
                "{err}"
            );
        }
    }

    #[test]
    fn latency_bands_must_be_ordered_and_positive() {
        let equal = Thresholds {
            p3_latency_ms: 5_000,
            ..Thresholds::STANDARD
        };
        assert!(Policy::default().with_thresholds(equal).is_err());
        let zero = Thresholds {
            p3_latency_ms: 0,
            ..Thresholds::STANDARD
        };
        let err = Policy::default().with_thresholds(zero).unwrap_err();
        assert_eq!(
            err.to_string(),
            "thresholds.p3_latency_ms `0` must be at least 1 (SEV-P3-LATENCY)"
        );
        let just_below = Thresholds {
            p3_latency_ms: 4_999,
            ..Thresholds::STANDARD
        };
        assert!(Policy::default().with_thresholds(just_below).is_ok());
    }

    #[test]
    fn deadlines_must_not_loosen_with_severity() {
        let bad = Deadlines {
            p1_decision_minutes: Some(300),
            ..Deadlines::STANDARD
        };
        let err = Policy::default().with_deadlines(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "deadlines.p1_decision_minutes `300` must be at most deadlines.p2_decision_minutes `240` (IN-2)"
        );
        let equal = Deadlines {
            p1_decision_minutes: Some(240),
            ..Deadlines::STANDARD
        };
        assert!(
            Policy::default().with_deadlines(equal).is_ok(),
            "equal is not later"
        );
    }

    /// IN-1, IN-2: the notification and decision deadlines of P1-P3 are
    /// the standard's obligations; a policy may move them, not drop them.
    #[test]
    fn p1_to_p3_deadlines_are_mandatory() {
        let dropped = [
            Deadlines {
                p1_decision_minutes: None,
                p2_decision_minutes: None,
                p3_decision_minutes: None,
                ..Deadlines::STANDARD
            },
            Deadlines {
                p3_decision_minutes: None,
                ..Deadlines::STANDARD
            },
        ];
        let expected = [
            "deadlines.p1_decision_minutes `null` must be a number of minutes: the standard makes it mandatory (IN-2)",
            "deadlines.p3_decision_minutes `null` must be a number of minutes: the standard makes it mandatory (IN-2)",
        ];
        for (deadlines, expected) in dropped.into_iter().zip(expected) {
            let err = Policy::default().with_deadlines(deadlines).unwrap_err();
            assert_eq!(err.to_string(), expected);
        }
        let no_notification = Deadlines {
            p2_customer_notification_minutes: None,
            ..Deadlines::STANDARD
        };
        let err = Policy::default()
            .with_deadlines(no_notification)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "deadlines.p2_customer_notification_minutes `null` must be a number of minutes: the standard makes it mandatory (IN-1)"
        );
    }

    /// IN-1, IN-2: P4 needs neither a notification nor a decision; a
    /// policy may set either, and `null` stays the default.
    #[test]
    fn p4_deadlines_are_optional() {
        let p4_gets_one = Deadlines {
            p4_customer_notification_minutes: Some(24 * 60),
            p4_decision_minutes: Some(24 * 60),
            ..Deadlines::STANDARD
        };
        let policy = Policy::default().with_deadlines(p4_gets_one).unwrap();
        assert_eq!(
            policy.response(Severity::P4).decision_minutes,
            Some(24 * 60)
        );
        let none = Deadlines::STANDARD.with_decision_minutes(Severity::P4, None);
        assert!(Policy::default().with_deadlines(none).is_ok());
    }

    #[test]
    fn zero_minute_windows_are_refused() {
        let bad = DecisionWindows {
            fix_deploy_minutes: 0,
            ..DecisionWindows::STANDARD
        };
        let err = Policy::default().with_decision_windows(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "decision.fix_deploy_minutes `0` must be at least 1 (DT-5)"
        );
        let bad = WatchWindows {
            error_free_minutes: 0,
            ..WatchWindows::STANDARD
        };
        let err = Policy::default().with_watch_windows(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "watch.error_free_minutes `0` must be at least 1 (PD-1)"
        );
        let one = WatchWindows {
            decision_minutes: 1,
            ..WatchWindows::STANDARD
        };
        assert!(Policy::default().with_watch_windows(one).is_ok());
    }

    #[test]
    fn zero_minute_deadlines_are_refused() {
        let bad = Deadlines {
            p3_resolution_minutes: 0,
            ..Deadlines::STANDARD
        };
        let err = Policy::default().with_deadlines(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "deadlines.p3_resolution_minutes `0` must be at least 1 (IN-3)"
        );
    }
}
