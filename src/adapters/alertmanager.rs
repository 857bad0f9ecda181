//! Prometheus Alertmanager's webhook (version 4), and Grafana's
//! compatible variant, to [`Signals`]: the standard's §1 classifies an
//! incident by what monitoring shows ("API error rate >5%", "API latency
//! >5 seconds"), and Alertmanager is where that shows first.
//!
//! How an alert becomes a signal ([`AlertMapping`]):
//!
//! - **Which signal**: the label `incident_response_signal` (one of the
//!   [`SignalKind`] names), else the first of
//!   the mapping's `alerts` rules whose labels match, else a `no_data`
//!   matcher (`alertname` `TargetDown` or `InstanceDown` by default). An
//!   alert none of them names is ignored, and the report says so.
//! - **Its value**: Alertmanager carries no metric values; the annotation
//!   `value` (what `{{ $value }}` renders) holds it. A Grafana alert
//!   without it takes the single entry of its `values`, and says so. An
//!   error-rate or latency alert without a readable value is refused by
//!   name: a number that is not there is not healthy.
//! - **No data is not healthy**: a target down or a metric absent is a
//!   total outage, `error_rate` 1.0 (`SEV-P1-OUTAGE`).
//! - **Several alerts of one signal**: the worst value counts.
//! - **Time**: `startsAt` is the detection time (the earliest of the
//!   firing alerts); `endsAt` `0001-01-01T00:00:00Z` means still firing.
//! - **Resolved alerts** are reported as resolved and left out: a
//!   resolved error-rate alert is not a new signal.
//! - **Severity labels** (`labels.severity`) declare a severity for
//!   `decide` only through the mapping's `severities`, empty by default:
//!   mapping `critical` to P1 would roll back automatically under PD-4,
//!   which is the team's call to make.
//! - A group in which no firing alert maps to a signal says "no signal
//!   mapped" in its warnings, instead of a silent P4.
//!
//! ```
//! use incident_response::adapters::{alertmanager, mapping::AlertMapping};
//!
//! let webhook = br#"{"version": "4", "status": "firing", "alerts": [
//!   {"status": "firing", "labels": {"alertname": "TargetDown", "job": "api"},
//!    "startsAt": "2026-02-16T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}]}"#;
//! let group = alertmanager::read(webhook)?;
//! let translation = alertmanager::signals(&group, &AlertMapping::default())?;
//! assert_eq!(translation.value.signals.error_rate, 1.0, "no data is a total outage");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::adapters::mapping::{AlertMapping, SignalKind};
use crate::adapters::{
    Format, MappingReport, Rest, Translation, read_foreign, timestamp, unmappable,
};
use crate::decision::context::IncidentContext;
use crate::error::Error;
use crate::policy::Policy;
use crate::severity::level::Severity;
use crate::severity::{BrokenFeature, Signals};

/// An Alertmanager webhook body: one group of alerts.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Webhook {
    /// `"4"` for Alertmanager; Grafana writes `"1"`.
    #[serde(default)]
    pub version: Option<String>,
    /// `firing` or `resolved`: the group's status.
    #[serde(default)]
    pub status: Option<String>,
    /// The alerts of the group.
    #[serde(default)]
    pub alerts: Vec<Alert>,
    /// How many alerts Alertmanager left out of the body (`max_alerts`).
    #[serde(default, rename = "truncatedAlerts")]
    pub truncated_alerts: Option<u64>,
    /// Every other field (`receiver`, `groupKey`, `externalURL`, Grafana's
    /// `orgId`), listed as ignored.
    #[serde(flatten)]
    rest: Rest,
}

/// One alert of a group.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Alert {
    /// `firing` or `resolved`.
    #[serde(default)]
    pub status: Option<String>,
    /// Its labels: `alertname`, `severity`, the signal label.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Its annotations: the value annotation, `summary`.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// When it started firing: the detection time.
    #[serde(default, rename = "startsAt")]
    pub starts_at: Option<String>,
    /// When it ended; `0001-01-01T00:00:00Z` while it fires.
    #[serde(default, rename = "endsAt")]
    pub ends_at: Option<String>,
    /// Grafana's values of the alert's queries: `{"B": 0.07}`.
    #[serde(default)]
    pub values: Option<BTreeMap<String, f64>>,
    /// Every other field (`fingerprint`, `generatorURL`, Grafana's
    /// `dashboardURL`), listed as ignored.
    #[serde(flatten)]
    rest: Rest,
}

/// What a group of alerts shows, for `classify` and `decide`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct AlertSignals {
    /// The signals of the firing alerts.
    pub signals: Signals,
    /// The earliest `startsAt` of the firing alerts that mapped.
    pub detected_at: Option<DateTime<Utc>>,
    /// The most severe severity the mapping's `severities` declare from the
    /// alerts' severity labels, if any.
    pub declared_severity: Option<Severity>,
    /// Firing alerts.
    pub firing: u64,
    /// Firing alerts that fed a signal.
    pub mapped: u64,
    /// Resolved alerts, left out.
    pub resolved: u64,
}

impl AlertSignals {
    /// The context of a decision on these alerts: the severity the signals
    /// classify as under `policy`, or the declared one if more severe;
    /// data loss when an alert shows it; nothing else stated.
    ///
    /// # Errors
    ///
    /// [`Error::Unmappable`] when no alert mapped and none declared a
    /// severity: a decision needs one; the policy's refusal of the signals.
    pub fn context(&self, policy: &Policy) -> Result<IncidentContext, Error> {
        if self.declared_severity.is_none() {
            self.classifiable()?;
        }
        let classified = policy.classify(&self.signals)?.severity();
        let severity = self
            .declared_severity
            .map_or(classified, |d| d.max(classified));
        let context = IncidentContext::new(severity);
        Ok(if self.signals.data_loss {
            context.with_data_loss(true)
        } else {
            context
        })
    }
}

impl AlertSignals {
    /// The signals, when at least one firing alert fed them: a group whose
    /// alerts map to no signal, or are all resolved, is not a P4 but
    /// nothing to classify.
    ///
    /// # Errors
    ///
    /// [`Error::Unmappable`] at `alerts`: "no signal mapped".
    pub fn classifiable(&self) -> Result<&Signals, Error> {
        if self.mapped > 0 {
            return Ok(&self.signals);
        }
        let counts = format!("{} firing, {} resolved", self.firing, self.resolved);
        Err(if self.firing == 0 {
            unmappable(
                "alerts",
                counts,
                "no signal mapped: no alert is firing, so there is nothing to classify (a resolved alert is not a new signal)",
                None,
            )
        } else {
            unmappable(
                "alerts",
                counts,
                "no signal mapped: no firing alert names a signal (its label, a rule of the mapping or a no-data matcher); the group is not evidence of health",
                None,
            )
        })
    }
}

/// Reads a webhook body.
///
/// # Errors
///
/// [`JsonError`](crate::json::JsonError) where the body is not what the
/// webhook documents (an `alerts` that is not an array).
pub fn read(bytes: &[u8]) -> Result<Webhook, crate::json::JsonError> {
    read_foreign(bytes)
}

/// The signals of a group of alerts, with the report of how they were
/// found.
///
/// # Errors
///
/// [`Error::Unmappable`] for an invalid mapping, a signal label naming no
/// signal, an alert whose value is missing or unreadable, a timestamp that
/// is not RFC 3339.
pub fn signals(
    webhook: &Webhook,
    mapping: &AlertMapping,
) -> Result<Translation<AlertSignals>, Error> {
    mapping.validate()?;
    let mut report = MappingReport::new(Format::Alertmanager);
    read_group(webhook, &mut report);
    let alerts = webhook.alerts.iter().enumerate();
    let value = translate(alerts, mapping, &mut report)?;
    Ok(Translation {
        value,
        mapping: report,
    })
}

/// The signals of each alert of a group on its own, in order: one
/// translation per alert, a resolved one included (its `resolved` is 1).
///
/// # Errors
///
/// As [`signals`].
pub fn signals_per_alert(
    webhook: &Webhook,
    mapping: &AlertMapping,
) -> Result<Vec<Translation<AlertSignals>>, Error> {
    mapping.validate()?;
    webhook
        .alerts
        .iter()
        .enumerate()
        .map(|alert| {
            let mut report = MappingReport::new(Format::Alertmanager);
            read_group(webhook, &mut report);
            let value = translate(std::iter::once(alert), mapping, &mut report)?;
            Ok(Translation {
                value,
                mapping: report,
            })
        })
        .collect()
}

fn read_group(webhook: &Webhook, report: &mut MappingReport) {
    match webhook.version.as_deref() {
        Some("4") => report.used("version", "(the webhook's version: 4)"),
        Some(other) => {
            report.used("version", "(the webhook's version)");
            report.assumed(format!(
                "version `{other}` is read as Alertmanager's version 4 (Grafana writes `1`)"
            ));
        }
        None => report.assumed("no version: read as Alertmanager's version 4"),
    }
    if webhook.status.is_some() {
        report.ignored(
            "status",
            "the group's status; each alert's own status is read",
        );
    }
    report.ignore_rest("", &webhook.rest);
    report.used("alerts", "(the group's alerts)");
    match webhook.truncated_alerts {
        Some(0) => report.used("truncatedAlerts", "(no alert left out)"),
        Some(n) => {
            report.used("truncatedAlerts", "(a warning: alerts left out)");
            report.warn(format!(
                "Alertmanager left {n} alert(s) of this group out of the body (truncatedAlerts): the signals may understate it"
            ));
        }
        None => {}
    }
}

/// What the alerts show, whichever of them are read.
#[derive(Default)]
struct Shown {
    signals: Signals,
    detected_at: Option<DateTime<Utc>>,
    declared: Option<Severity>,
    firing: u64,
    mapped: u64,
    resolved: u64,
}

fn translate<'a>(
    alerts: impl Iterator<Item = (usize, &'a Alert)>,
    mapping: &AlertMapping,
    report: &mut MappingReport,
) -> Result<AlertSignals, Error> {
    let mut shown = Shown::default();
    for (i, alert) in alerts {
        read_alert(&format!("alerts[{i}]"), alert, mapping, &mut shown, report)?;
    }
    if shown.mapped == 0 {
        if shown.firing > 0 {
            report.warn(format!(
                "no signal mapped: {} firing alert(s), none names a signal (label `{}`, the mapping's `alerts` or `no_data`); the answer is not evidence of health",
                shown.firing, mapping.signal_label
            ));
        } else {
            report.warn("no signal mapped: no alert is firing");
        }
    }
    Ok(AlertSignals {
        signals: shown.signals,
        detected_at: shown.detected_at,
        declared_severity: shown.declared,
        firing: shown.firing,
        mapped: shown.mapped,
        resolved: shown.resolved,
    })
}

/// The name a report gives an alert: `HighErrorRate (alerts[0])`.
fn name_of(at: &str, alert: &Alert) -> String {
    match alert.labels.get("alertname") {
        Some(name) => format!("{name} ({at})"),
        None => at.to_owned(),
    }
}

fn read_alert(
    at: &str,
    alert: &Alert,
    mapping: &AlertMapping,
    shown: &mut Shown,
    report: &mut MappingReport,
) -> Result<(), Error> {
    if !is_firing(at, alert, report)? {
        shown.resolved += 1;
        report.ignored(at, "resolved: not a new signal");
        report.left_out("resolved", name_of(at, alert));
        return Ok(());
    }
    shown.firing += 1;
    report.ignore_rest(at, &alert.rest);
    report.used(format!("{at}.labels"), "(the signal, the severity)");
    report.used(format!("{at}.annotations"), "(the value)");
    let mut read_labels: Vec<&str> = Vec::new();
    let mut read_annotations: Vec<&str> = Vec::new();
    let mut values_read = false;
    declared_severity(at, alert, mapping, shown, report, &mut read_labels);
    let mapped_before = shown.mapped;
    match signal_of(at, alert, mapping, report, &mut read_labels)? {
        None => report.ignored(
            at,
            format!(
                "no label `{}`, no rule of the mapping's `alerts` and no `no_data` matcher names a signal",
                mapping.signal_label
            ),
        ),
        Some(kind) => {
            let value = if kind.needs_value() {
                Some(value_of(at, alert, kind, mapping, report, &mut read_annotations, &mut values_read)?)
            } else {
                None
            };
            feed(&mut shown.signals, kind, value, &name_of(at, alert), report);
            shown.mapped += 1;
            if let Some(starts) = &alert.starts_at {
                let starts_at = timestamp(&format!("{at}.startsAt"), starts)?;
                report.used(format!("{at}.startsAt"), "detected_at");
                shown.detected_at = Some(shown.detected_at.map_or(starts_at, |d| d.min(starts_at)));
            }
        }
    }
    for key in alert
        .labels
        .keys()
        .filter(|k| !read_labels.contains(&k.as_str()))
    {
        report.ignored(
            format!("{at}.labels.{key}"),
            "a label the mapping does not read",
        );
    }
    for key in alert
        .annotations
        .keys()
        .filter(|k| !read_annotations.contains(&k.as_str()))
    {
        report.ignored(
            format!("{at}.annotations.{key}"),
            "an annotation the mapping does not read",
        );
    }
    if alert.values.is_some() && !values_read {
        report.ignored(
            format!("{at}.values"),
            "Grafana's values: the value annotation is read",
        );
    }
    if alert.starts_at.is_some() && shown.mapped == mapped_before {
        report.ignored(format!("{at}.startsAt"), "the alert feeds no signal");
    }
    Ok(())
}

/// Whether the alert fires: its `status`, or, without one, an `endsAt`
/// that is the zero time or absent.
fn is_firing(at: &str, alert: &Alert, report: &mut MappingReport) -> Result<bool, Error> {
    let ends = alert.ends_at.as_deref();
    let zero_end = match ends {
        Some(text) => timestamp(&format!("{at}.endsAt"), text)?.year() <= 1,
        None => true,
    };
    if ends.is_some() {
        report.used(
            format!("{at}.endsAt"),
            "(the end: 0001-01-01T00:00:00Z while firing)",
        );
    }
    match alert.status.as_deref() {
        Some("firing") => {
            report.used(format!("{at}.status"), "(firing)");
            Ok(true)
        }
        Some("resolved") => {
            report.used(format!("{at}.status"), "(resolved)");
            Ok(false)
        }
        Some(other) => Err(unmappable(
            format!("{at}.status"),
            other,
            "is neither `firing` nor `resolved`",
            None,
        )),
        None => {
            report.assumed(format!(
                "{at} has no status: {} from its endsAt",
                if zero_end { "firing" } else { "resolved" }
            ));
            Ok(zero_end)
        }
    }
}

fn declared_severity<'a>(
    at: &str,
    alert: &'a Alert,
    mapping: &'a AlertMapping,
    shown: &mut Shown,
    report: &mut MappingReport,
    read_labels: &mut Vec<&'a str>,
) {
    let Some(value) = alert.labels.get(&mapping.severity_label) else {
        return;
    };
    let field = format!("{at}.labels.{}", mapping.severity_label);
    read_labels.push(&mapping.severity_label);
    match mapping.severities.get(value) {
        Some(&severity) => {
            report.used(field, format!("(declares {severity} for decide)"));
            shown.declared = Some(shown.declared.map_or(severity, |d| d.max(severity)));
        }
        None => report.ignored(
            field,
            format!("`{value}` is not in the mapping's `severities`: it declares no severity"),
        ),
    }
}

fn signal_of<'a>(
    at: &str,
    alert: &'a Alert,
    mapping: &'a AlertMapping,
    report: &mut MappingReport,
    read_labels: &mut Vec<&'a str>,
) -> Result<Option<SignalKind>, Error> {
    let matched = |labels: &'a BTreeMap<String, String>,
                   read_labels: &mut Vec<&'a str>,
                   report: &mut MappingReport,
                   to: String| {
        for name in labels.keys() {
            report.used(format!("{at}.labels.{name}"), to.clone());
            read_labels.push(name);
        }
    };
    // No data first: Grafana's `DatasourceNoData` keeps the labels of the
    // rule that lost its data, the signal label included.
    if let Some(labels) = mapping
        .no_data
        .iter()
        .find(|labels| labels.iter().all(|(k, v)| alert.labels.get(k) == Some(v)))
    {
        matched(
            labels,
            read_labels,
            report,
            "signals.error_rate (no data)".to_owned(),
        );
        return Ok(Some(SignalKind::NoData));
    }
    if let Some(name) = alert.labels.get(&mapping.signal_label) {
        let field = format!("{at}.labels.{}", mapping.signal_label);
        let kind = SignalKind::named(name).ok_or_else(|| {
            let names: Vec<&str> = SignalKind::ALL.iter().map(|k| k.as_str()).collect();
            unmappable(
                field.clone(),
                name,
                format!("names no signal: expected one of {}", names.join(", ")),
                None,
            )
        })?;
        report.used(field, kind.signal_field());
        read_labels.push(&mapping.signal_label);
        return Ok(Some(kind));
    }
    if let Some(rule) = mapping
        .alerts
        .iter()
        .find(|rule| rule.matches(&alert.labels))
    {
        matched(
            &rule.labels,
            read_labels,
            report,
            format!("{} (a rule of the mapping)", rule.signal.signal_field()),
        );
        return Ok(Some(rule.signal));
    }
    Ok(None)
}

fn value_of<'a>(
    at: &str,
    alert: &'a Alert,
    kind: SignalKind,
    mapping: &'a AlertMapping,
    report: &mut MappingReport,
    read_annotations: &mut Vec<&'a str>,
    values_read: &mut bool,
) -> Result<f64, Error> {
    let needs = format!("a {} alert needs its value", kind.as_str());
    let (field, value) = if let Some(text) = alert.annotations.get(&mapping.value_annotation) {
        read_annotations.push(&mapping.value_annotation);
        let field = format!("{at}.annotations.{}", mapping.value_annotation);
        let value = text.trim().parse::<f64>().map_err(|_| {
            unmappable(
                field.clone(),
                text.as_str(),
                format!("is not a number: {needs}"),
                None,
            )
        })?;
        (field, value)
    } else if let Some((key, &value)) = alert
        .values
        .as_ref()
        .filter(|values| values.len() == 1)
        .and_then(|values| values.iter().next())
    {
        *values_read = true;
        report.assumed(format!(
            "{at} has no `{}` annotation: its one Grafana value `{key}` is the alert's value",
            mapping.value_annotation
        ));
        (format!("{at}.values.{key}"), value)
    } else {
        return Err(unmappable(
            format!("{at}.annotations.{}", mapping.value_annotation),
            "(absent)",
            format!("{needs}, in this annotation (Alertmanager carries no metric values)"),
            None,
        ));
    };
    let in_range = match kind {
        SignalKind::ErrorRate => (0.0..=1.0).contains(&value),
        _ => value.is_finite() && value >= 0.0,
    };
    if !in_range {
        let expected = match kind {
            SignalKind::ErrorRate => {
                "is outside 0.0..=1.0: an error rate is a fraction (SEV-P2-ERRORS)"
            }
            _ => "is not a latency: a finite number at least 0 (SEV-P2-LATENCY)",
        };
        return Err(unmappable(field, value.to_string(), expected, None));
    }
    report.used(field, kind.signal_field());
    Ok(value)
}

/// Adds one alert's signal, the worst value counting.
fn feed(
    signals: &mut Signals,
    kind: SignalKind,
    value: Option<f64>,
    name: &str,
    report: &mut MappingReport,
) {
    let value = value.unwrap_or(0.0);
    match kind {
        SignalKind::ErrorRate => signals.error_rate = signals.error_rate.max(value),
        SignalKind::LatencyMs | SignalKind::LatencySeconds => {
            let ms = if kind == SignalKind::LatencySeconds {
                value * 1000.0
            } else {
                value
            };
            // In range and finite (checked): the cast saturates at u64::MAX.
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "finite, at least 0, rounded; `as` saturates"
            )]
            let ms = ms.round() as u64;
            signals.latency_ms = signals.latency_ms.max(ms);
        }
        SignalKind::DataLoss => signals.data_loss = true,
        SignalKind::CustomerDataExposed => signals.customer_data_exposed = true,
        SignalKind::FeatureBroken => {
            signals.feature_broken = signals.feature_broken.max(BrokenFeature::NonCritical)
        }
        SignalKind::CriticalFeatureBroken => signals.feature_broken = BrokenFeature::Critical,
        SignalKind::GradualDegradation => signals.gradual_degradation = true,
        SignalKind::NoData => {
            signals.error_rate = 1.0;
            report.assumed(format!(
                "{name} means no data (the target down, a metric absent): a total outage, error_rate 1.0 (SEV-P1-OUTAGE)"
            ));
        }
    }
}
