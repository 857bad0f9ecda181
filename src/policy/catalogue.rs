//! The catalogue of policy values: one row per threshold, deadline and
//! window, as the rule catalogue has one row per rule. Each row names the
//! value's section and field (so its JSON path), its Rust type and how it
//! reads as a JSON [`Value`], the rule it serves, and its setter. From the
//! rows come [`PolicyField`] (the typed field an error or a difference
//! names, serialized as its path), its lookups, the fingerprint (a fold over
//! every row: no value can be left out) and the `with_…` setters of each
//! section. Adding a value touches its section, one row and its rule.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Serialize, Serializer};

#[cfg(doc)]
use crate::policy::Policy;
use crate::policy::sections::{
    Deadlines, DecisionWindows, GatePolicy, MetricsPolicy, RollbackPolicy, Thresholds, WatchWindows,
};
use crate::policy::{Fingerprint, PolicyDraft, PolicyMark};
use crate::rule::{ENGINE, Engine, RuleId, STANDARD, Standard};
use crate::severity::level::Severity;

/// How each Rust type of a policy value reads as JSON, and, in tests, how
/// to change it.
mod kind {
    use super::Value;

    /// A fraction or other real number.
    pub(super) mod real {
        use super::Value;

        pub(in crate::policy) const fn value(value: f64) -> Value {
            Value::Float(value)
        }

        #[cfg(test)]
        pub(in crate::policy) fn perturb(value: &mut f64) {
            *value += 0.125;
        }
    }

    /// A whole number of 64 bits: milliseconds.
    pub(super) mod long {
        use super::Value;

        pub(in crate::policy) const fn value(value: u64) -> Value {
            Value::Integer(value)
        }

        #[cfg(test)]
        pub(in crate::policy) fn perturb(value: &mut u64) {
            *value += 1;
        }
    }

    /// A whole number of 32 bits: minutes, hours, seconds, a count.
    pub(super) mod whole {
        use super::Value;

        pub(in crate::policy) const fn value(value: u32) -> Value {
            Value::Integer(value as u64)
        }

        #[cfg(test)]
        pub(in crate::policy) fn perturb(value: &mut u32) {
            *value += 1;
        }
    }

    /// A deadline that may be absent: `null`, no deadline.
    pub(super) mod optional {
        use super::Value;

        pub(in crate::policy) const fn value(value: Option<u32>) -> Value {
            match value {
                Some(minutes) => Value::Integer(minutes as u64),
                None => Value::Null,
            }
        }

        #[cfg(test)]
        pub(in crate::policy) fn perturb(value: &mut Option<u32>) {
            *value = Some(value.map_or(1, |minutes| minutes + 1));
        }
    }
}

macro_rules! catalogue {
    ($(
        $section:ident: $Section:ident {
            $( $variant:ident: $field:ident: $ty:ty as $kind:ident, $rule:ident, $setter:ident; )*
        }
    )*) => {
        /// A value of a [`Policy`](super::Policy), by its JSON path:
        /// `thresholds.p3_latency_ms`. What an [`Error::InvalidPolicy`](crate::Error::InvalidPolicy)
        /// and a [`Difference`](super::Difference) name; it serializes and
        /// displays as its path.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum PolicyField {
            $($(
                #[doc = concat!("`", stringify!($section), ".", stringify!($field), "`.")]
                $variant,
            )*)*
        }

        impl PolicyField {
            /// Every value of a policy, section by section, in the order
            /// the fingerprint folds them.
            pub const ALL: &'static [PolicyField] = &[$($(PolicyField::$variant,)*)*];

            /// The JSON path: `thresholds.p3_latency_ms`.
            pub const fn path(self) -> &'static str {
                match self {
                    $($(PolicyField::$variant => concat!(stringify!($section), ".", stringify!($field)),)*)*
                }
            }

            /// The rule the value serves: `SEV-P3-LATENCY`.
            pub const fn rule(self) -> RuleId {
                match self {
                    $($(PolicyField::$variant => RuleId::$rule,)*)*
                }
            }

            /// The value in `values`, as JSON writes it.
            pub(crate) const fn of(self, values: &PolicyDraft) -> Value {
                match self {
                    $($(PolicyField::$variant => kind::$kind::value(values.$section.$field),)*)*
                }
            }

            /// `values` with this value changed, whatever the change: for
            /// the tests that every value counts.
            #[cfg(test)]
            pub(crate) fn perturb(self, values: &mut PolicyDraft) {
                match self {
                    $($(PolicyField::$variant => kind::$kind::perturb(&mut values.$section.$field),)*)*
                }
            }
        }

        $(
            impl $Section {
                $(
                    #[doc = concat!(
                        "With another `", stringify!($field), "`: [`PolicyField::",
                        stringify!($variant), "`]."
                    )]
                    #[must_use]
                    pub const fn $setter(mut self, value: $ty) -> Self {
                        self.$field = value;
                        self
                    }
                )*
            }
        )*
    };
}

catalogue! {
    thresholds: Thresholds {
        OutageErrorRate: outage_error_rate: f64 as real, SevP1Outage, with_outage_error_rate;
        P2ErrorRate: p2_error_rate: f64 as real, SevP2Errors, with_p2_error_rate;
        P3ErrorRate: p3_error_rate: f64 as real, SevP3Errors, with_p3_error_rate;
        P2LatencyMs: p2_latency_ms: u64 as long, SevP2Latency, with_p2_latency_ms;
        P3LatencyMs: p3_latency_ms: u64 as long, SevP3Latency, with_p3_latency_ms;
    }
    deadlines: Deadlines {
        P1ResolutionMinutes: p1_resolution_minutes: u32 as whole, In3, with_p1_resolution_minutes;
        P1CustomerNotificationMinutes: p1_customer_notification_minutes: Option<u32> as optional, In1, with_p1_customer_notification_minutes;
        P1DecisionMinutes: p1_decision_minutes: Option<u32> as optional, In2, with_p1_decision_minutes;
        P2ResolutionMinutes: p2_resolution_minutes: u32 as whole, In3, with_p2_resolution_minutes;
        P2CustomerNotificationMinutes: p2_customer_notification_minutes: Option<u32> as optional, In1, with_p2_customer_notification_minutes;
        P2DecisionMinutes: p2_decision_minutes: Option<u32> as optional, In2, with_p2_decision_minutes;
        P3ResolutionMinutes: p3_resolution_minutes: u32 as whole, In3, with_p3_resolution_minutes;
        P3CustomerNotificationMinutes: p3_customer_notification_minutes: Option<u32> as optional, In1, with_p3_customer_notification_minutes;
        P3DecisionMinutes: p3_decision_minutes: Option<u32> as optional, In2, with_p3_decision_minutes;
        P4ResolutionMinutes: p4_resolution_minutes: u32 as whole, In3, with_p4_resolution_minutes;
        P4CustomerNotificationMinutes: p4_customer_notification_minutes: Option<u32> as optional, In1, with_p4_customer_notification_minutes;
        P4DecisionMinutes: p4_decision_minutes: Option<u32> as optional, In2, with_p4_decision_minutes;
        DocumentationMinutes: documentation_minutes: u32 as whole, In4, with_documentation_minutes;
    }
    decision: DecisionWindows {
        BackupRestoreMinutes: backup_restore_minutes: u32 as whole, Dt4, with_backup_restore_minutes;
        FixDeployMinutes: fix_deploy_minutes: u32 as whole, Dt5, with_fix_deploy_minutes;
    }
    watch: WatchWindows {
        ErrorFreeMinutes: error_free_minutes: u32 as whole, Pd1, with_error_free_minutes;
        WatchDecisionMinutes: decision_minutes: u32 as whole, Pd2, with_decision_minutes;
    }
    metrics: MetricsPolicy {
        MinSample: min_sample: u32 as whole, Me2, with_min_sample;
        TrendTolerance: trend_tolerance: f64 as real, Me5, with_trend_tolerance;
        P1Goal: p1_goal: u32 as whole, Me6, with_p1_goal;
        P2MttrGoalMinutes: p2_mttr_goal_minutes: u32 as whole, Me6, with_p2_mttr_goal_minutes;
    }
    gate: GatePolicy {
        StagingLeadHours: staging_lead_hours: u32 as whole, Rg2, with_staging_lead_hours;
        SoakHours: soak_hours: u32 as whole, Rg3, with_soak_hours;
    }
    rollback: RollbackPolicy {
        TestedMinutes: tested_minutes: u32 as whole, Rb7, with_tested_minutes;
        ObjectiveMinutes: objective_minutes: u32 as whole, Rb6, with_objective_minutes;
        DrainWaitSecs: drain_wait_secs: u32 as whole, Rb2, with_drain_wait_secs;
        HealthCheckAttempts: health_check_attempts: u32 as whole, Rb3, with_health_check_attempts;
        HealthCheckIntervalSecs: health_check_interval_secs: u32 as whole, Rb3, with_health_check_interval_secs;
        RedeployTimeoutSecs: redeploy_timeout_secs: u32 as whole, Rb4, with_redeploy_timeout_secs;
        ResumeTimeoutSecs: resume_timeout_secs: u32 as whole, Rb3, with_resume_timeout_secs;
    }
}

impl PolicyField {
    /// The standard's value, as JSON writes it.
    pub const fn standard(self) -> Value {
        self.of(&PolicyDraft::STANDARD)
    }

    /// The resolution SLA of `severity` (`IN-3`).
    pub const fn resolution(severity: Severity) -> PolicyField {
        match severity {
            Severity::P1 => PolicyField::P1ResolutionMinutes,
            Severity::P2 => PolicyField::P2ResolutionMinutes,
            Severity::P3 => PolicyField::P3ResolutionMinutes,
            Severity::P4 => PolicyField::P4ResolutionMinutes,
        }
    }

    /// The customer notification deadline of `severity` (`IN-1`).
    pub const fn customer_notification(severity: Severity) -> PolicyField {
        match severity {
            Severity::P1 => PolicyField::P1CustomerNotificationMinutes,
            Severity::P2 => PolicyField::P2CustomerNotificationMinutes,
            Severity::P3 => PolicyField::P3CustomerNotificationMinutes,
            Severity::P4 => PolicyField::P4CustomerNotificationMinutes,
        }
    }

    /// The rollback-or-forward-fix decision deadline of `severity` (`IN-2`).
    pub const fn decision(severity: Severity) -> PolicyField {
        match severity {
            Severity::P1 => PolicyField::P1DecisionMinutes,
            Severity::P2 => PolicyField::P2DecisionMinutes,
            Severity::P3 => PolicyField::P3DecisionMinutes,
            Severity::P4 => PolicyField::P4DecisionMinutes,
        }
    }
}

impl fmt::Display for PolicyField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}

impl Serialize for PolicyField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.path())
    }
}

/// A JSON path, written where it is used: the schema of an answer names no
/// type of its own for it.
impl JsonSchema for PolicyField {
    fn inline_schema() -> bool {
        true
    }

    // Never shown: the schema is inlined, so no `$defs` entry takes this
    // name.
    fn schema_name() -> Cow<'static, str> {
        "PolicyField".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

/// FNV-1a, 64 bits, over every value of the catalogue in its order: a
/// rate as its IEEE 754 bits, a whole number as itself, `null` (no
/// deadline) as `u64::MAX`.
pub(super) const fn fingerprint(values: &PolicyDraft) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut rest = PolicyField::ALL;
    while let [field, tail @ ..] = rest {
        let bits = match field.of(values) {
            Value::Float(value) => value.to_bits(),
            Value::Integer(value) => value,
            Value::Null => u64::MAX,
        };
        let bytes = bits.to_le_bytes();
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

/// A value quoted in an error message or a policy difference, as it
/// appears in JSON: a number, or `null`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A fraction or other real number.
    Float(f64),
    /// A whole number: milliseconds, minutes.
    Integer(u64),
    /// `null`: no deadline.
    Null,
}

impl From<f64> for Value {
    fn from(value: f64) -> Self {
        Value::Float(value)
    }
}

impl From<u64> for Value {
    fn from(value: u64) -> Self {
        Value::Integer(value)
    }
}

impl From<u32> for Value {
    fn from(value: u32) -> Self {
        Value::Integer(value.into())
    }
}

impl From<Option<u32>> for Value {
    fn from(value: Option<u32>) -> Self {
        value.map_or(Value::Null, Value::from)
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Value::Float(value) => serializer.serialize_f64(value),
            Value::Integer(value) => serializer.serialize_u64(value),
            Value::Null => serializer.serialize_none(),
        }
    }
}

impl schemars::JsonSchema for Value {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Value".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A threshold, deadline or window as JSON writes it: a number, or `null` for none.",
            "type": ["number", "null"],
        })
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Float(value) => write!(f, "{value}"),
            Value::Integer(value) => write!(f, "{value}"),
            Value::Null => f.write_str("null"),
        }
    }
}

/// A value of a custom policy that is not the standard's, as an answer
/// reports it: `{"field": "decision.backup_restore_minutes", "value": 20,
/// "standard": 30}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Difference {
    /// The field, as a JSON path of the policy.
    pub field: PolicyField,
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
    /// What applied it: this crate at its version ([`ENGINE`]).
    pub engine: Engine,
}

impl AppliedPolicy {
    /// From the values an answer applied, each with its field: the
    /// standard's value comes from the catalogue.
    pub(crate) fn new(mark: PolicyMark, applied: &[(PolicyField, Value)]) -> Self {
        let differences = applied
            .iter()
            .map(|&(field, value)| Difference {
                field,
                value,
                standard: field.standard(),
            })
            .filter(|difference| difference.value != difference.standard)
            .collect();
        AppliedPolicy {
            custom: mark.custom,
            fingerprint: Fingerprint(mark.fingerprint),
            differences,
            standard: STANDARD,
            engine: ENGINE,
        }
    }

    /// From the fields an answer applied, read from the policy's values.
    pub(crate) fn of(mark: PolicyMark, values: &PolicyDraft, fields: &[PolicyField]) -> Self {
        let differences = fields
            .iter()
            .map(|&field| Difference {
                field,
                value: field.of(values),
                standard: field.standard(),
            })
            .filter(|difference| difference.value != difference.standard)
            .collect();
        AppliedPolicy {
            custom: mark.custom,
            fingerprint: Fingerprint(mark.fingerprint),
            differences,
            standard: STANDARD,
            engine: ENGINE,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value counts: changing any one, and only it, changes the
    /// fingerprint, and the catalogue lists every value once.
    #[test]
    fn every_value_changes_the_fingerprint() {
        let standard = fingerprint(&PolicyDraft::STANDARD);
        let mut seen = Vec::new();
        for field in PolicyField::ALL {
            let mut values = PolicyDraft::STANDARD;
            field.perturb(&mut values);
            assert_ne!(field.of(&values), field.standard(), "{field}");
            let changed = fingerprint(&values);
            assert_ne!(changed, standard, "{field} is left out of the fingerprint");
            assert!(!seen.contains(&changed), "{field} collides");
            seen.push(changed);
            let others = PolicyField::ALL.iter().filter(|other| *other != field);
            for other in others {
                assert_eq!(other.of(&values), other.standard(), "{field} moved {other}");
            }
        }
        assert_eq!(seen.len(), 35);
    }

    /// The fingerprint of the standard is the one every answer of the
    /// standard has always carried.
    #[test]
    fn the_standard_keeps_its_fingerprint() {
        assert_eq!(
            format!("{:016x}", fingerprint(&PolicyDraft::STANDARD)),
            "1de47ddf74e8e269"
        );
    }

    /// The paths are the sections' JSON fields, each once.
    #[test]
    fn paths_are_unique_and_name_their_section() {
        for (i, field) in PolicyField::ALL.iter().enumerate() {
            let (section, name) = field.path().split_once('.').unwrap();
            assert!(!name.is_empty());
            assert!(
                [
                    "thresholds",
                    "deadlines",
                    "decision",
                    "watch",
                    "metrics",
                    "gate",
                    "rollback"
                ]
                .contains(&section)
            );
            assert!(
                PolicyField::ALL
                    .iter()
                    .skip(i + 1)
                    .all(|o| o.path() != field.path())
            );
        }
    }
}
