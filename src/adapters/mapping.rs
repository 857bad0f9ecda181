//! The mappings: which alert feeds which signal, which priority is which
//! severity, which foreign field holds which fact. Configuration, not
//! guesswork: each is JSON (`--mapping FILE`), read strictly and
//! validated, and its `Default` is documented field by field.
//!
//! A map given in a mapping replaces the default map whole: list every
//! entry wanted. What a mapping leaves unmapped is reported, never
//! guessed.
//!
//! ```
//! use incident_response::adapters::mapping::{AlertMapping, IncidentMapping};
//!
//! // The default maps no `labels.severity`: `critical` as P1 would roll
//! // back automatically under PD-4, a choice for the team to make.
//! assert!(AlertMapping::default().severities.is_empty());
//! let mapping = IncidentMapping::default();
//! assert_eq!(mapping.priorities.get("P5"), Some(&incident_response::Severity::P4));
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::adapters::unmappable;
use crate::error::Error;
use crate::incident::Horizon;
use crate::severity::level::Severity;

/// Which signal an alert feeds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SignalKind {
    /// `error_rate`, the fraction of requests failing, from the alert's
    /// value (0.0 to 1.0).
    ErrorRate,
    /// `latency_ms`, from the alert's value in milliseconds.
    LatencyMs,
    /// `latency_ms`, from the alert's value in seconds (Prometheus' base
    /// unit: `http_request_duration_seconds`).
    LatencySeconds,
    /// `data_loss`: the alert firing is the fact.
    DataLoss,
    /// `customer_data_exposed`: the alert firing is the fact.
    CustomerDataExposed,
    /// `feature_broken: non_critical`.
    FeatureBroken,
    /// `feature_broken: critical`.
    CriticalFeatureBroken,
    /// `gradual_degradation`.
    GradualDegradation,
    /// No data: the target is down or the metric absent. Not healthy: a
    /// total outage, `error_rate` 1.0 (`SEV-P1-OUTAGE`).
    NoData,
}

impl SignalKind {
    /// Every kind, in the order of this list.
    pub const ALL: [SignalKind; 9] = [
        SignalKind::ErrorRate,
        SignalKind::LatencyMs,
        SignalKind::LatencySeconds,
        SignalKind::DataLoss,
        SignalKind::CustomerDataExposed,
        SignalKind::FeatureBroken,
        SignalKind::CriticalFeatureBroken,
        SignalKind::GradualDegradation,
        SignalKind::NoData,
    ];

    /// Its name in a label or a mapping: `latency_seconds`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignalKind::ErrorRate => "error_rate",
            SignalKind::LatencyMs => "latency_ms",
            SignalKind::LatencySeconds => "latency_seconds",
            SignalKind::DataLoss => "data_loss",
            SignalKind::CustomerDataExposed => "customer_data_exposed",
            SignalKind::FeatureBroken => "feature_broken",
            SignalKind::CriticalFeatureBroken => "critical_feature_broken",
            SignalKind::GradualDegradation => "gradual_degradation",
            SignalKind::NoData => "no_data",
        }
    }

    /// The kind a label names, if any.
    pub fn named(name: &str) -> Option<SignalKind> {
        SignalKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }

    /// Whether the signal needs the alert's value.
    pub const fn needs_value(self) -> bool {
        matches!(
            self,
            SignalKind::ErrorRate | SignalKind::LatencyMs | SignalKind::LatencySeconds
        )
    }

    /// The field of `Signals` it feeds.
    pub const fn signal_field(self) -> &'static str {
        match self {
            SignalKind::ErrorRate | SignalKind::NoData => "signals.error_rate",
            SignalKind::LatencyMs | SignalKind::LatencySeconds => "signals.latency_ms",
            SignalKind::DataLoss => "signals.data_loss",
            SignalKind::CustomerDataExposed => "signals.customer_data_exposed",
            SignalKind::FeatureBroken | SignalKind::CriticalFeatureBroken => {
                "signals.feature_broken"
            }
            SignalKind::GradualDegradation => "signals.gradual_degradation",
        }
    }
}

/// An alert matched by its labels: every label named must have the value
/// given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AlertRule {
    /// The labels to match: `{"alertname": "HighErrorRate"}`. At least one.
    pub labels: BTreeMap<String, String>,
    /// The signal the alert feeds.
    pub signal: SignalKind,
}

impl AlertRule {
    /// A rule matching `labels`, feeding `signal`.
    pub fn new<K: Into<String>, V: Into<String>>(
        labels: impl IntoIterator<Item = (K, V)>,
        signal: SignalKind,
    ) -> Self {
        AlertRule {
            labels: labels
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            signal,
        }
    }

    /// Whether `labels` hold every label of the rule.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.labels
            .iter()
            .all(|(name, value)| labels.get(name) == Some(value))
    }
}

/// How Alertmanager alerts become signals. Alertmanager carries labels and
/// annotations, no metric values: the value comes from an annotation the
/// alert rule fills (`value: "{{ $value }}"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct AlertMapping {
    /// The label naming the signal an alert feeds, one of the
    /// [`SignalKind`] names. Default `incident_response_signal`.
    pub signal_label: String,
    /// The annotation holding the alert's value, as Prometheus renders
    /// `{{ $value }}`. Default `value`. A Grafana alert without it whose
    /// `values` hold exactly one entry takes that entry, and says so.
    pub value_annotation: String,
    /// Alerts mapped by their labels, for alerts without the signal label;
    /// the first rule that matches wins. Default none.
    pub alerts: Vec<AlertRule>,
    /// Alerts that mean no data (the target down, a metric absent, a data
    /// source silent), each a set of labels to match, checked first.
    /// Default `alertname` `TargetDown`, `InstanceDown` (Prometheus) and
    /// `DatasourceNoData`, `DatasourceError` (Grafana).
    pub no_data: Vec<BTreeMap<String, String>>,
    /// The label naming the alert's severity. Default `severity`.
    pub severity_label: String,
    /// The severity each value of that label declares, for `decide`.
    /// Default none: `critical` as P1 triggers an automatic rollback under
    /// PD-4, so the mapping must say it.
    pub severities: BTreeMap<String, Severity>,
}

impl Default for AlertMapping {
    fn default() -> Self {
        let alertname = |name: &str| BTreeMap::from([("alertname".to_owned(), name.to_owned())]);
        AlertMapping {
            signal_label: "incident_response_signal".to_owned(),
            value_annotation: "value".to_owned(),
            alerts: Vec::new(),
            no_data: vec![
                alertname("TargetDown"),
                alertname("InstanceDown"),
                alertname("DatasourceNoData"),
                alertname("DatasourceError"),
            ],
            severity_label: "severity".to_owned(),
            severities: BTreeMap::new(),
        }
    }
}

impl AlertMapping {
    /// Checks the mapping: names are not empty, and no rule matches every
    /// alert.
    ///
    /// # Errors
    ///
    /// [`Error::Unmappable`] naming the field of the mapping.
    pub fn validate(&self) -> Result<(), Error> {
        for (field, name) in [
            ("signal_label", &self.signal_label),
            ("value_annotation", &self.value_annotation),
            ("severity_label", &self.severity_label),
        ] {
            not_empty(field, name)?;
        }
        for (i, rule) in self.alerts.iter().enumerate() {
            no_empty_matcher(&format!("alerts[{i}].labels"), &rule.labels)?;
        }
        for (i, labels) in self.no_data.iter().enumerate() {
            no_empty_matcher(&format!("no_data[{i}]"), labels)?;
        }
        Ok(())
    }
}

fn not_empty(field: &str, name: &str) -> Result<(), Error> {
    if name.trim().is_empty() {
        return Err(unmappable(field, name, "must name a label or field", None));
    }
    Ok(())
}

fn no_empty_matcher(field: &str, labels: &BTreeMap<String, String>) -> Result<(), Error> {
    if labels.is_empty() {
        return Err(unmappable(
            field,
            "{}",
            "must name at least one label: an empty matcher matches every alert",
            None,
        ));
    }
    Ok(())
}

/// A fact of an incident that PagerDuty or incident.io keeps in a field
/// the team names (a custom field, a timestamp).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IncidentField {
    /// `started_at`: when the impact began.
    StartedAt,
    /// `detected_at`, where the tracker's creation time is not it.
    DetectedAt,
    /// `declared_at`.
    DeclaredAt,
    /// `customer_impacting`.
    CustomerImpacting,
    /// `decision.outcome`: rollback, forward fix, hybrid or defer.
    Decision,
    /// `decision.at`.
    DecidedAt,
    /// `restored_at`.
    RestoredAt,
    /// `customer_notified_at`.
    CustomerNotifiedAt,
    /// `resolved_at`, where the tracker's own is not it.
    ResolvedAt,
    /// `rollback.started_at`.
    RollbackStartedAt,
    /// `rollback.finished_at`.
    RollbackFinishedAt,
    /// `rollback.succeeded`.
    RollbackSucceeded,
    /// `release`.
    Release,
    /// `root_cause`.
    RootCause,
    /// `post_mortem.held_at`.
    PostMortemHeldAt,
    /// `post_mortem.action_items`, one title each.
    ActionItems,
}

impl IncidentField {
    /// Every field, in the order of this list.
    pub const ALL: [IncidentField; 16] = [
        IncidentField::StartedAt,
        IncidentField::DetectedAt,
        IncidentField::DeclaredAt,
        IncidentField::CustomerImpacting,
        IncidentField::Decision,
        IncidentField::DecidedAt,
        IncidentField::RestoredAt,
        IncidentField::CustomerNotifiedAt,
        IncidentField::ResolvedAt,
        IncidentField::RollbackStartedAt,
        IncidentField::RollbackFinishedAt,
        IncidentField::RollbackSucceeded,
        IncidentField::Release,
        IncidentField::RootCause,
        IncidentField::PostMortemHeldAt,
        IncidentField::ActionItems,
    ];

    /// The crate's field it fills: `rollback.started_at`.
    pub const fn incident_field(self) -> &'static str {
        match self {
            IncidentField::StartedAt => "started_at",
            IncidentField::DetectedAt => "detected_at",
            IncidentField::DeclaredAt => "declared_at",
            IncidentField::CustomerImpacting => "customer_impacting",
            IncidentField::Decision => "decision.outcome",
            IncidentField::DecidedAt => "decision.at",
            IncidentField::RestoredAt => "restored_at",
            IncidentField::CustomerNotifiedAt => "customer_notified_at",
            IncidentField::ResolvedAt => "resolved_at",
            IncidentField::RollbackStartedAt => "rollback.started_at",
            IncidentField::RollbackFinishedAt => "rollback.finished_at",
            IncidentField::RollbackSucceeded => "rollback.succeeded",
            IncidentField::Release => "release",
            IncidentField::RootCause => "root_cause",
            IncidentField::PostMortemHeldAt => "post_mortem.held_at",
            IncidentField::ActionItems => "post_mortem.action_items",
        }
    }

    /// Whether the fact is a moment.
    pub const fn is_time(self) -> bool {
        matches!(
            self,
            IncidentField::StartedAt
                | IncidentField::DetectedAt
                | IncidentField::DeclaredAt
                | IncidentField::DecidedAt
                | IncidentField::RestoredAt
                | IncidentField::CustomerNotifiedAt
                | IncidentField::ResolvedAt
                | IncidentField::RollbackStartedAt
                | IncidentField::RollbackFinishedAt
                | IncidentField::PostMortemHeldAt
        )
    }

    /// The snake-case name: the default name of its PagerDuty custom field.
    pub const fn as_str(self) -> &'static str {
        match self {
            IncidentField::StartedAt => "impact_started_at",
            IncidentField::DetectedAt => "detected_at",
            IncidentField::DeclaredAt => "declared_at",
            IncidentField::CustomerImpacting => "customer_impacting",
            IncidentField::Decision => "decision",
            IncidentField::DecidedAt => "decided_at",
            IncidentField::RestoredAt => "restored_at",
            IncidentField::CustomerNotifiedAt => "customer_notified_at",
            IncidentField::ResolvedAt => "resolved_at",
            IncidentField::RollbackStartedAt => "rollback_started_at",
            IncidentField::RollbackFinishedAt => "rollback_finished_at",
            IncidentField::RollbackSucceeded => "rollback_succeeded",
            IncidentField::Release => "release",
            IncidentField::RootCause => "root_cause",
            IncidentField::PostMortemHeldAt => "post_mortem_held_at",
            IncidentField::ActionItems => "action_items",
        }
    }

    /// Its default name in incident.io: a timestamp for a moment
    /// ("Impact started"), a custom field for anything else ("Root
    /// cause"), if incident.io does not carry it itself.
    const fn incident_io_name(self) -> Option<&'static str> {
        match self {
            IncidentField::StartedAt => Some("Impact started"),
            IncidentField::DetectedAt => Some("Reported"),
            IncidentField::DeclaredAt => Some("Accepted"),
            IncidentField::CustomerImpacting => Some("Customer impacting"),
            IncidentField::Decision => Some("Decision"),
            IncidentField::DecidedAt => Some("Decision made"),
            IncidentField::RestoredAt => Some("Fixed"),
            IncidentField::CustomerNotifiedAt => Some("Customers notified"),
            IncidentField::ResolvedAt => Some("Resolved"),
            IncidentField::RollbackStartedAt => Some("Rollback started"),
            IncidentField::RollbackFinishedAt => Some("Rollback finished"),
            IncidentField::RollbackSucceeded => Some("Rollback succeeded"),
            IncidentField::Release => Some("Release"),
            IncidentField::RootCause => Some("Root cause"),
            IncidentField::PostMortemHeldAt => Some("Post-incident review"),
            // Follow-ups are records of their own.
            IncidentField::ActionItems => None,
        }
    }
}

/// How PagerDuty and incident.io records become incidents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct IncidentMapping {
    /// PagerDuty priority (`priority.summary`) → severity. Default P1 → P1,
    /// P2 → P2, P3 → P3, P4 → P4, P5 → P4 (the standard has four levels).
    pub priorities: BTreeMap<String, Severity>,
    /// For a PagerDuty incident with no priority: `urgency` → severity.
    /// Default `high` → P2 (someone is paged now), `low` → P4 (a ticket);
    /// an empty map refuses an unprioritised incident by name.
    pub urgencies: BTreeMap<String, Severity>,
    /// incident.io severity (`severity.name`) → severity. Default
    /// `Critical` → P1, `Major` → P2, `Minor` → P3, and `P1` … `P4` as
    /// themselves.
    pub severities: BTreeMap<String, Severity>,
    /// The PagerDuty custom field holding each fact. Default the snake
    /// names: `impact_started_at`, `decision`, `decided_at`,
    /// `restored_at`, `customer_notified_at`, `rollback_started_at`,
    /// `rollback_finished_at`, `rollback_succeeded`, `release`,
    /// `root_cause`, `post_mortem_held_at`, `action_items`, …
    pub pagerduty_fields: BTreeMap<IncidentField, String>,
    /// The incident.io timestamp (for a moment) or custom field (for
    /// anything else) holding each fact, matched without regard to case
    /// or a trailing " at". Default "Impact started", "Reported",
    /// "Accepted", "Decision made", "Fixed", "Customers notified",
    /// "Resolved", "Rollback started", "Rollback finished",
    /// "Post-incident review"; custom fields "Decision", "Root cause",
    /// "Release", "Rollback succeeded", "Customer impacting".
    pub incident_io_fields: BTreeMap<IncidentField, String>,
    /// Whether a PagerDuty status update (`incident.status_update_published`)
    /// is the customer notification, when no custom field says when it
    /// was. Default true.
    pub status_update_notifies_customers: bool,
    /// The horizon of an action item read from a tracker, which has none.
    /// Default `short_term`.
    pub action_item_horizon: Horizon,
}

impl Default for IncidentMapping {
    fn default() -> Self {
        let named = |pairs: &[(&str, Severity)]| {
            pairs
                .iter()
                .map(|(name, severity)| ((*name).to_owned(), *severity))
                .collect()
        };
        IncidentMapping {
            priorities: named(&[
                ("P1", Severity::P1),
                ("P2", Severity::P2),
                ("P3", Severity::P3),
                ("P4", Severity::P4),
                ("P5", Severity::P4),
            ]),
            urgencies: named(&[("high", Severity::P2), ("low", Severity::P4)]),
            severities: named(&[
                ("Critical", Severity::P1),
                ("Major", Severity::P2),
                ("Minor", Severity::P3),
                ("P1", Severity::P1),
                ("P2", Severity::P2),
                ("P3", Severity::P3),
                ("P4", Severity::P4),
            ]),
            pagerduty_fields: IncidentField::ALL
                .into_iter()
                .filter(|f| !matches!(f, IncidentField::DetectedAt | IncidentField::ResolvedAt))
                .map(|f| (f, f.as_str().to_owned()))
                .collect(),
            incident_io_fields: IncidentField::ALL
                .into_iter()
                .filter_map(|f| f.incident_io_name().map(|name| (f, name.to_owned())))
                .collect(),
            status_update_notifies_customers: true,
            action_item_horizon: Horizon::ShortTerm,
        }
    }
}

impl IncidentMapping {
    /// Checks the mapping: no name is empty.
    ///
    /// # Errors
    ///
    /// [`Error::Unmappable`] naming the field of the mapping.
    pub fn validate(&self) -> Result<(), Error> {
        for (map, names) in [
            ("priorities", self.priorities.keys().collect::<Vec<_>>()),
            ("urgencies", self.urgencies.keys().collect()),
            ("severities", self.severities.keys().collect()),
            ("pagerduty_fields", self.pagerduty_fields.values().collect()),
            (
                "incident_io_fields",
                self.incident_io_fields.values().collect(),
            ),
        ] {
            for name in names {
                not_empty(map, name)?;
            }
        }
        for (map, names) in [
            (
                "pagerduty_fields",
                self.pagerduty_fields.values().collect::<Vec<_>>(),
            ),
            (
                "incident_io_fields",
                self.incident_io_fields.values().collect(),
            ),
        ] {
            let mut seen = std::collections::BTreeSet::new();
            if let Some(twice) = names
                .into_iter()
                .find(|name| !seen.insert(name.trim().to_lowercase()))
            {
                return Err(unmappable(
                    map,
                    twice.as_str(),
                    "names two facts: each field holds one, so the second would never be filled",
                    None,
                ));
            }
        }
        if self
            .incident_io_fields
            .contains_key(&IncidentField::ActionItems)
        {
            return Err(unmappable(
                "incident_io_fields.action_items",
                "…",
                "cannot be named: incident.io keeps action items as follow-ups, read from `follow_ups`",
                None,
            ));
        }
        Ok(())
    }
}
