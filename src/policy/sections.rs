//! The sections of a [`Policy`](super::Policy), each with the standard's
//! numbers as its `STANDARD` and its `Default`. Every value of every
//! section is a row of the policy catalogue ([`PolicyField`](super::PolicyField)),
//! which generates the `with_…` setters.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::severity::level::Severity;
#[cfg(doc)]
use {super::Policy, crate::error::Requirement};

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

    /// The resolution SLA of `severity`, in minutes (`IN-3`).
    pub const fn resolution_minutes(&self, severity: Severity) -> u32 {
        match severity {
            Severity::P1 => self.p1_resolution_minutes,
            Severity::P2 => self.p2_resolution_minutes,
            Severity::P3 => self.p3_resolution_minutes,
            Severity::P4 => self.p4_resolution_minutes,
        }
    }

    /// The customer notification deadline of `severity`, in minutes
    /// (`IN-1`); `None` for none.
    pub const fn customer_notification_minutes(&self, severity: Severity) -> Option<u32> {
        match severity {
            Severity::P1 => self.p1_customer_notification_minutes,
            Severity::P2 => self.p2_customer_notification_minutes,
            Severity::P3 => self.p3_customer_notification_minutes,
            Severity::P4 => self.p4_customer_notification_minutes,
        }
    }

    /// The rollback-or-forward-fix decision deadline of `severity`, in
    /// minutes (`IN-2`); `None` for none.
    pub const fn decision_minutes(&self, severity: Severity) -> Option<u32> {
        match severity {
            Severity::P1 => self.p1_decision_minutes,
            Severity::P2 => self.p2_decision_minutes,
            Severity::P3 => self.p3_decision_minutes,
            Severity::P4 => self.p4_decision_minutes,
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

/// The numbers of the §2 release gate: how long before production a
/// release reaches staging (`RG-2`), and how long it soaks there (`RG-3`).
/// The rollback test's time limit is the rollback's tested criterion
/// (`rollback.tested_minutes`, `RG-5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct GatePolicy {
    /// `RG-2`: staging at least this many hours before production. Default
    /// 48: "T-48h before production deploy".
    #[schemars(range(min = 1))]
    pub staging_lead_hours: u32,
    /// `RG-3`: at least this many hours of production-like traffic in
    /// staging. Default 72: "Run production traffic for 72 hours".
    #[schemars(range(min = 1))]
    pub soak_hours: u32,
}

impl GatePolicy {
    /// The standard's numbers: 48 h of lead, 72 h of soak.
    pub const STANDARD: GatePolicy = GatePolicy {
        staging_lead_hours: 48,
        soak_hours: 72,
    };
}

impl Default for GatePolicy {
    fn default() -> Self {
        GatePolicy::STANDARD
    }
}

/// The numbers of the §4 rollback: the runbook's parameters and the speeds
/// a rollback is graded against (`RG-5`, `RB-3`, `RB-6`, `RB-7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct RollbackPolicy {
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
        tested_minutes: 5,
        objective_minutes: 10,
        drain_wait_secs: 10,
        health_check_attempts: 5,
        health_check_interval_secs: 5,
        redeploy_timeout_secs: 300,
        resume_timeout_secs: 60,
    };
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
}

impl Default for MetricsPolicy {
    fn default() -> Self {
        MetricsPolicy::STANDARD
    }
}
