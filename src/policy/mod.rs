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
//! assert_eq!(policy.classify(&signals)?.severity(), Severity::P3);
//! assert_eq!(incident_response::classify(&signals)?.severity(), Severity::P4);
//!
//! // An inconsistent policy is refused, naming the fields and the rule.
//! let err = serde_json::from_str::<Policy>(r#"{"thresholds": {"p3_latency_ms": 6000}}"#)
//!     .unwrap_err();
//! assert!(err.to_string().starts_with(
//!     "thresholds.p3_latency_ms `6000` must be below thresholds.p2_latency_ms `5000` (SEV-P3-LATENCY)"
//! ));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod catalogue;
pub(crate) mod sections;
mod validate;

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use catalogue::{AppliedPolicy, Difference, PolicyField, Value};
pub use sections::{
    Deadlines, DecisionWindows, GatePolicy, MetricsPolicy, RollbackPolicy, Thresholds, WatchWindows,
};

use crate::error::Error;

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

/// As the number it is: `format!("{:016x}", policy.fingerprint())` is its
/// `Display`.
impl fmt::LowerHex for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.0, f)
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

/// Every threshold, deadline and window the crate applies.
/// `Policy::default()` is the standard.
///
/// A `Policy` is always valid: the only ways to get one are
/// [`Policy::default`], the `with_…` methods and deserialization, and each
/// of them validates. In JSON every field is optional and defaults to the
/// standard; unknown fields are errors.
///
/// ```
/// use incident_response::policy::Thresholds;
/// use incident_response::Policy;
///
/// let policy = Policy::default()
///     .with_thresholds(Thresholds::STANDARD.with_p2_latency_ms(3_000))?;
/// assert_eq!(policy.thresholds().p2_latency_ms, 3_000);
/// assert!(!policy.is_standard());
/// # Ok::<(), incident_response::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "PolicyDraft", into = "PolicyDraft")]
#[schemars(
    description = "Every threshold, deadline and window the crate applies. Each field is optional and defaults to the standard; unknown fields are refused; inconsistent values are refused with an error naming the field and the rule."
)]
pub struct Policy {
    /// The values, section by section.
    values: PolicyDraft,
    /// Whether any value differs from the standard's, and the policy's
    /// fingerprint; set by validation, so that every answer can name the
    /// policy that produced it without reading the whole policy on the hot
    /// path.
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

/// The values of a policy, section by section, before they are validated:
/// its JSON form, every field optional and defaulting to the standard,
/// unknown fields refused. Read one and convert it with `Policy::try_from`
/// to keep the crate's typed error, or read a [`Policy`] directly.
///
/// Deserializing a [`Policy`] validates it in one step, but a JSON library
/// reports an inconsistent policy as its own error, with the crate's message
/// as text. To keep the typed [`Error::InvalidPolicy`], read the draft and
/// convert it:
///
/// ```
/// use incident_response::policy::{PolicyDraft, PolicyField};
/// use incident_response::{Error, Policy, RuleId};
///
/// let draft: PolicyDraft = serde_json::from_str(r#"{"watch": {"decision_minutes": 0}}"#)?;
/// let err = Policy::try_from(draft).unwrap_err();
/// assert!(matches!(
///     err,
///     Error::InvalidPolicy { field: PolicyField::WatchDecisionMinutes, rule: RuleId::Pd2, .. }
/// ));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    /// §2 release gate: the staging lead and soak times.
    gate: GatePolicy,
    /// §4 rollbacks: the runbook's parameters and speeds.
    rollback: RollbackPolicy,
}

impl PolicyDraft {
    /// The standard's values.
    pub const STANDARD: PolicyDraft = PolicyDraft {
        thresholds: Thresholds::STANDARD,
        deadlines: Deadlines::STANDARD,
        decision: DecisionWindows::STANDARD,
        watch: WatchWindows::STANDARD,
        metrics: MetricsPolicy::STANDARD,
        gate: GatePolicy::STANDARD,
        rollback: RollbackPolicy::STANDARD,
    };
}

impl Default for PolicyDraft {
    fn default() -> Self {
        PolicyDraft::STANDARD
    }
}

impl TryFrom<PolicyDraft> for Policy {
    type Error = Error;

    fn try_from(values: PolicyDraft) -> Result<Self, Error> {
        Policy {
            values,
            mark: Policy::STANDARD.mark,
        }
        .validated()
    }
}

impl From<Policy> for PolicyDraft {
    fn from(policy: Policy) -> Self {
        policy.values
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
        values: PolicyDraft::STANDARD,
        mark: PolicyMark {
            custom: false,
            fingerprint: catalogue::fingerprint(&PolicyDraft::STANDARD),
        },
    };

    /// Whether this is the standard itself, value for value: `false` for a
    /// custom policy, even one that changes a single number.
    #[inline]
    pub const fn is_standard(&self) -> bool {
        !self.mark.custom
    }

    /// A 64-bit digest of every value of the policy (FNV-1a over the
    /// values of the policy catalogue, [`PolicyField::ALL`], in order),
    /// carried by every answer it produces: two policies with the same
    /// values have the same fingerprint, so a logged answer can be matched
    /// to the policy that produced it. It changes only when the policy
    /// gains a value, which the changelog records.
    ///
    /// ```
    /// use incident_response::policy::WatchWindows;
    /// use incident_response::Policy;
    ///
    /// let standard = Policy::default().fingerprint();
    /// let custom = Policy::default()
    ///     .with_watch_windows(WatchWindows::STANDARD.with_decision_minutes(15))?;
    /// assert_ne!(custom.fingerprint(), standard);
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    #[inline]
    pub const fn fingerprint(&self) -> Fingerprint {
        self.mark.fingerprint()
    }

    /// A value of the policy, as JSON writes it.
    ///
    /// ```
    /// use incident_response::policy::PolicyField;
    /// use incident_response::Policy;
    /// use incident_response::policy::Value;
    ///
    /// assert_eq!(Policy::STANDARD.value(PolicyField::P3LatencyMs), Value::Integer(2000));
    /// ```
    pub const fn value(&self, field: PolicyField) -> Value {
        field.of(&self.values)
    }

    /// The values that are not the standard's, each with the standard's.
    pub fn differences(&self) -> Vec<Difference> {
        AppliedPolicy::of(self.mark, &self.values, PolicyField::ALL).differences
    }

    /// What an answer keeps of this policy.
    #[inline]
    pub(crate) const fn mark(&self) -> PolicyMark {
        self.mark
    }

    /// Which policy an answer applied, with the differences among
    /// `fields`, the values it applied.
    pub(crate) fn applied(&self, fields: &[PolicyField]) -> AppliedPolicy {
        AppliedPolicy::of(self.mark, &self.values, fields)
    }

    /// The §1 thresholds.
    #[inline]
    pub const fn thresholds(&self) -> &Thresholds {
        &self.values.thresholds
    }

    /// The §1 deadlines.
    pub const fn deadlines(&self) -> &Deadlines {
        &self.values.deadlines
    }

    /// The §3 decision windows.
    #[inline]
    pub const fn decision_windows(&self) -> &DecisionWindows {
        &self.values.decision
    }

    /// The §2 Phase 5 watch windows.
    pub const fn watch_windows(&self) -> &WatchWindows {
        &self.values.watch
    }

    /// The §6 metrics: minimum sample, trend tolerance, goals.
    pub const fn metrics(&self) -> &MetricsPolicy {
        &self.values.metrics
    }

    /// The §2 release gate's numbers.
    pub const fn gate(&self) -> &GatePolicy {
        &self.values.gate
    }

    /// The §4 rollback's numbers.
    pub const fn rollback(&self) -> &RollbackPolicy {
        &self.values.rollback
    }

    /// This policy with other release-gate numbers.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when either is 0.
    pub fn with_gate(mut self, gate: GatePolicy) -> Result<Policy, Error> {
        self.values.gate = gate;
        self.validated()
    }

    /// This policy with other rollback numbers.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when any of them is 0, or the tested time
    /// is not under the production objective.
    pub fn with_rollback(mut self, rollback: RollbackPolicy) -> Result<Policy, Error> {
        self.values.rollback = rollback;
        self.validated()
    }

    /// This policy with other metrics numbers.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when the minimum sample or the P2 MTTR goal
    /// is 0, or the tolerance is not a fraction from 0 to 1.
    pub fn with_metrics(mut self, metrics: MetricsPolicy) -> Result<Policy, Error> {
        self.values.metrics = metrics;
        self.validated()
    }

    /// This policy with other decision windows.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when a window is 0 minutes.
    pub fn with_decision_windows(mut self, decision: DecisionWindows) -> Result<Policy, Error> {
        self.values.decision = decision;
        self.validated()
    }

    /// This policy with other watch windows.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when a window is 0 minutes.
    pub fn with_watch_windows(mut self, watch: WatchWindows) -> Result<Policy, Error> {
        self.values.watch = watch;
        self.validated()
    }

    /// This policy with other thresholds.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when the thresholds are inconsistent; see
    /// [`Policy::validate`].
    pub fn with_thresholds(mut self, thresholds: Thresholds) -> Result<Policy, Error> {
        self.values.thresholds = thresholds;
        self.validated()
    }

    /// This policy with other deadlines.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPolicy`] when the deadlines are inconsistent; see
    /// [`Policy::validate`].
    pub fn with_deadlines(mut self, deadlines: Deadlines) -> Result<Policy, Error> {
        self.values.deadlines = deadlines;
        self.validated()
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
        validate::values(&self.values)
    }

    /// This policy if it is consistent, marked with its fingerprint.
    fn validated(mut self) -> Result<Policy, Error> {
        self.validate()?;
        self.mark = PolicyMark {
            custom: self.values != PolicyDraft::STANDARD,
            fingerprint: catalogue::fingerprint(&self.values),
        };
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::severity::level::Severity;

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
                        field: PolicyField::OutageErrorRate,
                        rule: crate::rule::RuleId::SevP1Outage,
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
