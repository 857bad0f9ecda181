//! §1 Incident Severity & Escalation: [`Severity`], the [`Signals`] an
//! incident shows, [`classify`] and the [`ResponsePlan`] of each severity.
//!
//! > P1 CRITICAL (≤1 hour SLA) · Definition: Total service outage OR data loss/corruption
//! >
//! > P2 HIGH (≤4 hour SLA) · Definition: Partial service degradation OR feature broken
//! >
//! > P3 MEDIUM (≤8 hour SLA) · Definition: Non-critical feature or performance issue
//! >
//! > P4 LOW (≤24 hour SLA) · Definition: Cosmetic or internal-only issue
//!
//! Every signal is checked against every rule (`SEV-…`); the severity is that
//! of the most severe rule that matched, and all matched rules are reported.
//! Each measured signal falls in exactly one band: an `error_rate` of 0.10 is
//! `SEV-P2-ERRORS` only, not also `SEV-P3-ERRORS`, so that the list names
//! each signal once, at its band (**Interpretation**: `SEV-P3-ERRORS` is a
//! rate "above the 0.1% (normal)" of §5 but not yet P2; see the
//! [`interpretation`](crate::interpretation) chapter).

pub(crate) mod level;

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::policy::catalogue::{AppliedPolicy, PolicyField, Value};
use crate::policy::sections::Thresholds;
use crate::policy::{Fingerprint, Policy, PolicyMark};
use crate::reading::null_is_default;
use crate::rule::RuleId;
use crate::text::Deadline;

pub use level::Severity;

/// Whether a feature is broken, and how much it matters to customers.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BrokenFeature {
    /// No feature is broken.
    #[default]
    None,
    /// `SEV-P3-FEATURE`:
    /// > Non-critical feature broken (UI glitch, minor data)
    NonCritical,
    /// `SEV-P2-FEATURE`: a feature critical for customers, such as payments or reporting.
    /// > Reporting feature broken (critical for customers)
    Critical,
}

/// What an incident shows: the input of [`classify`].
///
/// Every field is optional in JSON, and `{}` is a valid, P4, incident. A
/// field that is `null` is not stated, exactly like one left out, and takes
/// its default, as monitoring exporters write `null` for a metric they have
/// no sample for. Unknown fields are rejected, so that a misspelt
/// `"data_los": true` is an error rather than a silently healthy signal.
///
/// ```
/// use incident_response::severity::BrokenFeature;
/// use incident_response::{classify, Severity, Signals};
///
/// let signals = Signals::new()
///     .with_latency_ms(3_200)
///     .with_feature_broken(BrokenFeature::NonCritical);
/// assert_eq!(classify(&signals)?.severity(), Severity::P3);
///
/// let no_sample: Signals = serde_json::from_str(r#"{"error_rate": null, "latency_ms": 3200}"#)?;
/// assert_eq!(no_sample.error_rate, 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(
    description = "What an incident shows. Every field is optional, and `null` is the same as leaving it out: `{}` is a P4 incident. Unknown fields are refused."
)]
#[non_exhaustive]
pub struct Signals {
    /// The fraction of requests failing, from 0.0 to 1.0.
    #[serde(deserialize_with = "null_is_default")]
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub error_rate: f64,
    /// The observed API latency in milliseconds (the p95 the caller monitors).
    #[serde(deserialize_with = "null_is_default")]
    #[schemars(with = "Option<u64>")]
    pub latency_ms: u64,
    /// Customer data corrupted or deleted.
    #[serde(deserialize_with = "null_is_default")]
    #[schemars(with = "Option<bool>")]
    pub data_loss: bool,
    /// A security breach exposing customer data.
    #[serde(deserialize_with = "null_is_default")]
    #[schemars(with = "Option<bool>")]
    pub customer_data_exposed: bool,
    /// A broken feature, and whether it is critical for customers.
    #[serde(deserialize_with = "null_is_default")]
    #[schemars(with = "Option<BrokenFeature>")]
    pub feature_broken: BrokenFeature,
    /// Performance degrading over hours, as with a memory leak.
    #[serde(deserialize_with = "null_is_default")]
    #[schemars(with = "Option<bool>")]
    pub gradual_degradation: bool,
}

impl Signals {
    /// Signals that state nothing: no errors, no latency, no data loss, no
    /// exposure, no broken feature, no degradation; a P4 incident.
    pub const fn new() -> Self {
        Signals {
            error_rate: 0.0,
            latency_ms: 0,
            data_loss: false,
            customer_data_exposed: false,
            feature_broken: BrokenFeature::None,
            gradual_degradation: false,
        }
    }

    /// The fraction of requests failing, from 0.0 to 1.0; [`classify`]
    /// refuses anything else.
    #[must_use]
    pub const fn with_error_rate(mut self, error_rate: f64) -> Self {
        self.error_rate = error_rate;
        self
    }

    /// The observed API latency, in milliseconds.
    #[must_use]
    pub const fn with_latency_ms(mut self, latency_ms: u64) -> Self {
        self.latency_ms = latency_ms;
        self
    }

    /// Whether customer data was corrupted or deleted.
    #[must_use]
    pub const fn with_data_loss(mut self, data_loss: bool) -> Self {
        self.data_loss = data_loss;
        self
    }

    /// Whether a security breach exposed customer data.
    #[must_use]
    pub const fn with_customer_data_exposed(mut self, exposed: bool) -> Self {
        self.customer_data_exposed = exposed;
        self
    }

    /// A broken feature, and whether it is critical for customers.
    #[must_use]
    pub const fn with_feature_broken(mut self, feature: BrokenFeature) -> Self {
        self.feature_broken = feature;
        self
    }

    /// Whether performance degrades over hours, as with a memory leak.
    #[must_use]
    pub const fn with_gradual_degradation(mut self, degrading: bool) -> Self {
        self.gradual_degradation = degrading;
        self
    }
}

/// The rules a classification matched, most severe first.
///
/// A set of `SEV-…` rules that lives on the stack: [`classify`] never
/// allocates. It serializes as a JSON array of `{id, severity, quote}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct MatchedRules {
    bits: u16,
}

impl MatchedRules {
    #[inline]
    fn bit(rule: RuleId) -> u16 {
        RuleId::SEVERITY_RULES
            .iter()
            .position(|r| *r == rule)
            .map_or(0, |i| 1 << i)
    }

    #[inline]
    fn insert(&mut self, rule: RuleId) {
        self.bits |= Self::bit(rule);
    }

    /// Whether `rule` matched.
    pub fn contains(&self, rule: RuleId) -> bool {
        let bit = Self::bit(rule);
        bit != 0 && self.bits & bit == bit
    }

    /// The matched rules, most severe first.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = RuleId> + '_ {
        Iter {
            rules: *self,
            next: 0,
        }
    }

    /// The most severe rule that matched, if any: the lowest bit, as the
    /// catalogue lists severity rules most severe first.
    #[inline]
    fn most_severe(&self) -> Option<RuleId> {
        let first = usize::try_from(self.bits.trailing_zeros()).unwrap_or(usize::MAX);
        RuleId::SEVERITY_RULES.get(first).copied()
    }

    /// How many rules matched.
    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// Whether no rule matched; never true of a classification, which
    /// matches at least `SEV-P4-DEFAULT`.
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }
}

struct Iter {
    rules: MatchedRules,
    next: usize,
}

impl Iterator for Iter {
    type Item = RuleId;

    #[inline]
    fn next(&mut self) -> Option<RuleId> {
        while let Some(rule) = RuleId::SEVERITY_RULES.get(self.next) {
            self.next += 1;
            if self.rules.contains(*rule) {
                return Some(*rule);
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let remaining = (self.rules.bits >> self.next.min(15)).count_ones() as usize;
        (remaining, Some(remaining))
    }
}

impl ExactSizeIterator for Iter {}

/// One matched rule as it appears in JSON.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "MatchedRule")]
struct MatchedRuleJson {
    /// The rule id, e.g. `SEV-P2-ERRORS`.
    id: RuleId,
    /// The severity the rule assigns.
    severity: Severity,
    /// The standard's words.
    quote: &'static str,
}

impl Serialize for MatchedRules {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Only severity rules can be matched, so `filter_map` drops nothing.
        serializer.collect_seq(self.iter().filter_map(|rule| {
            Some(MatchedRuleJson {
                id: rule,
                severity: rule.severity()?,
                quote: rule.quote(),
            })
        }))
    }
}

impl JsonSchema for MatchedRules {
    fn schema_name() -> Cow<'static, str> {
        "MatchedRules".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = <Vec<MatchedRuleJson>>::json_schema(generator);
        schema.insert(
            "description".into(),
            "Every rule that matched, most severe first.".into(),
        );
        schema
    }
}

/// The result of [`classify`]: the severity, every rule that matched, and
/// the policy whose thresholds were applied.
///
/// `Display` renders it for people:
///
/// ```
/// use incident_response::{classify, Signals};
///
/// let classification = classify(&Signals::new().with_error_rate(0.10))?;
/// assert_eq!(
///     classification.to_string(),
///     "P2 HIGH\n  SEV-P2-ERRORS: \"Alert fired (API error rate >5%)\"\n  resolve within 4 h\n  alert: Page on-call Engineering Lead\n  response: Focused incident team (3-5 engineers)\n  notify customers within 2 h\n  decide rollback or forward fix within 4 h\n  standard applied: EATGF-DSS-INC-01 v1.0\n",
/// );
/// # Ok::<(), incident_response::Error>(())
/// ```
///
/// In JSON: `{"severity": "P2", "rules": [{"id": "SEV-P2-ERRORS", …}],
/// "policy": {"custom": false, "differences": [], "standard": "EATGF-DSS-INC-01 v1.0"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(into = "ClassificationJson")]
#[schemars(
    with = "ClassificationJson",
    description = "The severity of an incident, every rule that matched, and the policy\napplied."
)]
#[non_exhaustive]
pub struct Classification {
    /// The severity of the most severe matched rule.
    severity: Severity,
    /// Every matched rule, most severe first; never empty.
    rules: MatchedRules,
    /// What the severity requires under the policy applied (§1): the
    /// alert, the responders, the deadlines.
    response: ResponsePlan,
    /// The thresholds applied, as bits, so that the classification stays
    /// `Eq` and `Hash`.
    thresholds: ThresholdBits,
    /// The policy that produced it.
    policy: PolicyMark,
}

/// The five thresholds of a policy, the rates as their bits:
/// `outage_error_rate`, `p2_error_rate`, `p3_error_rate`, `p2_latency_ms`,
/// `p3_latency_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ThresholdBits([u64; 5]);

impl ThresholdBits {
    #[inline]
    const fn of(t: &Thresholds) -> Self {
        ThresholdBits([
            t.outage_error_rate.to_bits(),
            t.p2_error_rate.to_bits(),
            t.p3_error_rate.to_bits(),
            t.p2_latency_ms,
            t.p3_latency_ms,
        ])
    }
}

impl Classification {
    /// Which policy produced the classification: the standard, or a custom
    /// policy with the thresholds it changed, and the deadlines of the
    /// severity's response.
    pub fn applied_policy(&self) -> AppliedPolicy {
        let ThresholdBits([outage, p2, p3, p2_latency, p3_latency]) = self.thresholds;
        let rate = |bits| Value::Float(f64::from_bits(bits));
        let (severity, response) = (self.severity, self.response);
        AppliedPolicy::new(
            self.policy,
            &[
                (PolicyField::OutageErrorRate, rate(outage)),
                (PolicyField::P2ErrorRate, rate(p2)),
                (PolicyField::P3ErrorRate, rate(p3)),
                (PolicyField::P2LatencyMs, p2_latency.into()),
                (PolicyField::P3LatencyMs, p3_latency.into()),
                (
                    PolicyField::resolution(severity),
                    response.resolution_sla_minutes.into(),
                ),
                (
                    PolicyField::customer_notification(severity),
                    response.customer_notification_minutes.into(),
                ),
                (
                    PolicyField::decision(severity),
                    response.decision_minutes.into(),
                ),
            ],
        )
    }

    /// The severity of the most severe matched rule.
    pub const fn severity(&self) -> Severity {
        self.severity
    }

    /// Every matched rule, most severe first; never empty.
    pub const fn rules(&self) -> MatchedRules {
        self.rules
    }

    /// What the severity requires (§1), under the policy applied: who is
    /// alerted, who responds, and the deadlines to resolve, to notify
    /// customers and to decide. What an incident bot pages on.
    ///
    /// ```
    /// use incident_response::severity::Alert;
    /// use incident_response::{classify, Signals};
    ///
    /// let classification = classify(&Signals::new().with_error_rate(0.10))?;
    /// assert_eq!(classification.response().alert, Alert::PageEngineeringLead);
    /// assert_eq!(classification.response().customer_notification_minutes, Some(120));
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    pub const fn response(&self) -> ResponsePlan {
        self.response
    }

    /// The classification in short, for streams: the severity, the most
    /// severe rule matched, who to alert, the deadlines and the policy's
    /// fingerprint.
    ///
    /// ```
    /// use incident_response::{classify, RuleId, Severity, Signals};
    ///
    /// let brief = classify(&Signals::new().with_error_rate(0.10))?.brief();
    /// assert_eq!((brief.severity, brief.rule), (Severity::P2, RuleId::SevP2Errors));
    /// assert_eq!(brief.next_action, "Page on-call Engineering Lead");
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    pub fn brief(&self) -> ClassificationBrief {
        ClassificationBrief {
            severity: self.severity,
            rule: self.rules.most_severe().unwrap_or(RuleId::SevP4Default),
            next_action: self.response.alert.words(),
            notify_within_minutes: self.response.customer_notification_minutes,
            decide_within_minutes: self.response.decision_minutes,
            fingerprint: self.policy.fingerprint(),
        }
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.severity, self.severity.label())?;
        for rule in self.rules.iter() {
            writeln!(f, "  {rule}: \"{}\"", rule.quote())?;
        }
        writeln!(f, "  resolve within {}", self.response.resolution())?;
        self.response.fmt_duties(f)?;
        writeln!(f, "  {}", self.applied_policy())
    }
}

/// The severity of an incident, every rule that matched, and the policy
/// applied.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Classification")]
struct ClassificationJson {
    /// The severity of the most severe matched rule.
    severity: Severity,
    /// Every matched rule, most severe first; never empty.
    rules: MatchedRules,
    /// What the severity requires: who is alerted, who responds, the
    /// deadlines in minutes (`null`: none).
    response: ResponsePlan,
    /// The policy whose thresholds and deadlines were applied.
    policy: AppliedPolicy,
}

impl From<Classification> for ClassificationJson {
    fn from(classification: Classification) -> Self {
        ClassificationJson {
            severity: classification.severity,
            rules: classification.rules,
            response: classification.response,
            policy: classification.applied_policy(),
        }
    }
}

/// A classification in short ([`Classification::brief`]): in JSON
/// `{"severity": "P2", "rule": "SEV-P2-ERRORS", "next_action": "Page
/// on-call Engineering Lead", "notify_within_minutes": 120,
/// "decide_within_minutes": 240, "fingerprint": "…"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ClassificationBrief {
    /// The severity.
    pub severity: Severity,
    /// The most severe rule matched, which set the severity.
    pub rule: RuleId,
    /// Who to alert, in the standard's words.
    pub next_action: &'static str,
    /// Minutes to notify customers; `null` when none is due (P4).
    pub notify_within_minutes: Option<u32>,
    /// Minutes to decide rollback or forward fix; `null` for P4.
    pub decide_within_minutes: Option<u32>,
    /// The fingerprint of the policy that produced it.
    pub fingerprint: Fingerprint,
}

/// `P2 (SEV-P2-ERRORS): Page on-call Engineering Lead`.
impl fmt::Display for ClassificationBrief {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.severity, self.rule, self.next_action)
    }
}

/// Classifies an incident under the standard's thresholds.
///
/// See [`Policy::classify`] for the rules, and for custom thresholds.
///
/// ```
/// use incident_response::{classify, RuleId, Severity, Signals};
///
/// // "Payment transactions failing (10% error rate)"
/// let signals = Signals::new().with_error_rate(0.10);
/// let classification = classify(&signals)?;
/// assert_eq!(classification.severity(), Severity::P2);
/// assert!(classification.rules().contains(RuleId::SevP2Errors));
/// # Ok::<(), incident_response::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::InvalidSignal`] when `error_rate` is not a number from 0.0 to
/// 1.0: `1.5`, `-0.1`, `NaN` or an infinity.
#[inline]
pub fn classify(signals: &Signals) -> Result<Classification, Error> {
    Policy::STANDARD.classify(signals)
}

impl Policy {
    /// Classifies an incident under this policy's thresholds.
    ///
    /// Each rule is checked; the severity is that of the most severe match,
    /// and `SEV-P4-DEFAULT` applies when nothing else does. With the
    /// standard's thresholds:
    ///
    /// | rule | severity | matches when |
    /// |---|---|---|
    /// | `SEV-P1-OUTAGE` | P1 | `error_rate >= 1.0` |
    /// | `SEV-P1-DATA` | P1 | `data_loss` |
    /// | `SEV-P1-SECURITY` | P1 | `customer_data_exposed` |
    /// | `SEV-P2-ERRORS` | P2 | `0.05 < error_rate < 1.0` |
    /// | `SEV-P2-LATENCY` | P2 | `latency_ms > 5000` |
    /// | `SEV-P2-FEATURE` | P2 | `feature_broken == critical` |
    /// | `SEV-P3-LATENCY` | P3 | `2000 <= latency_ms <= 5000` |
    /// | `SEV-P3-ERRORS` | P3 | `0.001 < error_rate <= 0.05` |
    /// | `SEV-P3-FEATURE` | P3 | `feature_broken == non_critical` |
    /// | `SEV-P3-DEGRADATION` | P3 | `gradual_degradation` |
    /// | `SEV-P4-DEFAULT` | P4 | nothing above matched |
    ///
    /// Making any signal worse never makes the severity less severe.
    /// Allocates nothing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSignal`] when `error_rate` is not a number from 0.0 to
    /// 1.0: ``error_rate `1.5` is outside 0.0..=1.0``.
    #[inline]
    pub fn classify(&self, signals: &Signals) -> Result<Classification, Error> {
        let rate = signals.error_rate;
        if !(0.0..=1.0).contains(&rate) {
            return Err(Error::InvalidSignal {
                field: "error_rate",
                value: rate,
                expected: "0.0..=1.0",
            });
        }
        let mut rules = MatchedRules::default();
        if let Some(rule) = error_rule(self.thresholds(), rate) {
            rules.insert(rule);
        }
        if signals.data_loss {
            rules.insert(RuleId::SevP1Data);
        }
        if signals.customer_data_exposed {
            rules.insert(RuleId::SevP1Security);
        }
        if let Some(rule) = latency_rule(self.thresholds(), signals.latency_ms) {
            rules.insert(rule);
        }
        match signals.feature_broken {
            BrokenFeature::None => {}
            BrokenFeature::NonCritical => rules.insert(RuleId::SevP3Feature),
            BrokenFeature::Critical => rules.insert(RuleId::SevP2Feature),
        }
        if signals.gradual_degradation {
            rules.insert(RuleId::SevP3Degradation);
        }
        if rules.is_empty() {
            rules.insert(RuleId::SevP4Default);
        }
        let severity = rules
            .most_severe()
            .and_then(RuleId::severity)
            .unwrap_or(Severity::P4);
        Ok(Classification {
            severity,
            rules,
            response: self.response(severity),
            thresholds: ThresholdBits::of(self.thresholds()),
            policy: self.mark(),
        })
    }
}

/// The error-rate band: `SEV-P1-OUTAGE`, `SEV-P2-ERRORS`, `SEV-P3-ERRORS` or none.
#[inline]
fn error_rule(thresholds: &Thresholds, rate: f64) -> Option<RuleId> {
    if rate >= thresholds.outage_error_rate {
        Some(RuleId::SevP1Outage)
    } else if rate > thresholds.p2_error_rate {
        Some(RuleId::SevP2Errors)
    } else if rate > thresholds.p3_error_rate {
        Some(RuleId::SevP3Errors)
    } else {
        None
    }
}

/// The latency band: `SEV-P2-LATENCY`, `SEV-P3-LATENCY` or none.
#[inline]
fn latency_rule(thresholds: &Thresholds, latency_ms: u64) -> Option<RuleId> {
    if latency_ms > thresholds.p2_latency_ms {
        Some(RuleId::SevP2Latency)
    } else if latency_ms >= thresholds.p3_latency_ms {
        Some(RuleId::SevP3Latency)
    } else {
        None
    }
}

/// Who is alerted, and how (§1 "Alert").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    /// P1: "Page on-call VP Engineering immediately".
    PageVpEngineering,
    /// P2: "Page on-call Engineering Lead".
    PageEngineeringLead,
    /// P3: "Slack notification to #incidents".
    SlackIncidents,
    /// P4: "Jira ticket created".
    JiraTicket,
}

impl Alert {
    /// The standard's words: "Page on-call Engineering Lead".
    pub const fn words(self) -> &'static str {
        match self {
            Alert::PageVpEngineering => "Page on-call VP Engineering immediately",
            Alert::PageEngineeringLead => "Page on-call Engineering Lead",
            Alert::SlackIncidents => "Slack notification to #incidents",
            Alert::JiraTicket => "Jira ticket created",
        }
    }
}

impl fmt::Display for Alert {
    /// The standard's words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}

/// Who responds (§1 "Response").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Responders {
    /// P1: "All hands on deck; pause other work".
    AllHands,
    /// P2: "Focused incident team (3-5 engineers)".
    FocusedTeam,
    /// P3: "Secondary on-call engineer".
    SecondaryOnCall,
    /// P4: "Fix in next sprint".
    NextSprint,
}

impl fmt::Display for Responders {
    /// The standard's words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Responders::AllHands => "All hands on deck; pause other work",
            Responders::FocusedTeam => "Focused incident team (3-5 engineers)",
            Responders::SecondaryOnCall => "Secondary on-call engineer",
            Responders::NextSprint => "Fix in next sprint",
        })
    }
}

/// What a severity requires (§1): the resolution SLA, the alert,
/// the responders and the deadlines for customer notification and for the
/// rollback-or-forward-fix decision.
///
/// Every deadline counts from `detected_at` (**Interpretation**).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ResponsePlan {
    /// The severity this plan is for.
    pub severity: Severity,
    /// Minutes to resolve: "≤1 hour SLA" is 60.
    pub resolution_sla_minutes: u32,
    /// Who is alerted, and how.
    pub alert: Alert,
    /// Who responds.
    pub responders: Responders,
    /// Minutes to notify customers; `None` when customers need not be
    /// notified (P4).
    pub customer_notification_minutes: Option<u32>,
    /// Minutes to decide between rollback and forward fix; `None` when no
    /// such decision is due (P4: "Fix or defer (no rollback needed)").
    pub decision_minutes: Option<u32>,
}

/// Each deadline says "the policy's" where it is not the standard's.
impl fmt::Display for ResponsePlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity;
        writeln!(
            f,
            "{severity} {}: resolve within {}",
            severity.label(),
            self.resolution()
        )?;
        self.fmt_duties(f)
    }
}

impl ResponsePlan {
    /// The resolution SLA as text reports it.
    fn resolution(&self) -> Deadline {
        let standard = Policy::STANDARD.response(self.severity);
        Deadline {
            minutes: self.resolution_sla_minutes,
            standard: Some(standard.resolution_sla_minutes),
        }
    }

    /// The alert, the responders and the two deadlines, a line each.
    fn fmt_duties(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let standard = Policy::STANDARD.response(self.severity);
        let deadline = |minutes, standard| Deadline { minutes, standard };
        writeln!(f, "  alert: {}", self.alert)?;
        writeln!(f, "  response: {}", self.responders)?;
        match self.customer_notification_minutes {
            Some(minutes) => writeln!(
                f,
                "  notify customers within {}",
                deadline(minutes, standard.customer_notification_minutes)
            )?,
            None => writeln!(f, "  no customer notification")?,
        }
        match self.decision_minutes {
            Some(minutes) => writeln!(
                f,
                "  decide rollback or forward fix within {}",
                deadline(minutes, standard.decision_minutes)
            ),
            None => writeln!(f, "  decision: fix or defer (no rollback needed)"),
        }
    }
}

impl Severity {
    /// The response plan of §1 under the standard's own deadlines; see
    /// [`Policy::response`] for a custom policy.
    ///
    /// ```
    /// use incident_response::severity::Alert;
    /// use incident_response::Severity;
    ///
    /// let plan = Severity::P1.response();
    /// assert_eq!(plan.resolution_sla_minutes, 60);
    /// assert_eq!(plan.customer_notification_minutes, Some(30));
    /// assert_eq!(plan.alert, Alert::PageVpEngineering);
    /// ```
    pub const fn response(self) -> ResponsePlan {
        Policy::STANDARD.response(self)
    }
}

impl Policy {
    /// The response plan of a severity under this policy's deadlines.
    ///
    /// ```
    /// use incident_response::severity::Responders;
    /// use incident_response::{Policy, Severity};
    ///
    /// let plan = Policy::default().response(Severity::P2);
    /// assert_eq!(plan.resolution_sla_minutes, 240);
    /// assert_eq!(plan.customer_notification_minutes, Some(120));
    /// assert_eq!(plan.decision_minutes, Some(240));
    /// assert_eq!(plan.responders, Responders::FocusedTeam);
    /// ```
    #[inline]
    pub const fn response(&self, severity: Severity) -> ResponsePlan {
        let deadlines = self.deadlines();
        let (alert, responders) = match severity {
            Severity::P1 => (Alert::PageVpEngineering, Responders::AllHands),
            Severity::P2 => (Alert::PageEngineeringLead, Responders::FocusedTeam),
            Severity::P3 => (Alert::SlackIncidents, Responders::SecondaryOnCall),
            Severity::P4 => (Alert::JiraTicket, Responders::NextSprint),
        };
        ResponsePlan {
            severity,
            resolution_sla_minutes: deadlines.resolution_minutes(severity),
            alert,
            responders,
            customer_notification_minutes: deadlines.customer_notification_minutes(severity),
            decision_minutes: deadlines.decision_minutes(severity),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(error_rate: f64) -> Result<Classification, Error> {
        classify(&Signals {
            error_rate,
            ..Signals::default()
        })
    }

    fn latency(latency_ms: u64) -> Classification {
        classify(&Signals {
            latency_ms,
            ..Signals::default()
        })
        .unwrap()
    }

    #[test]
    fn error_rate_bands_meet_without_gaps() {
        // SEV-P3-ERRORS, SEV-P2-ERRORS, SEV-P1-OUTAGE: each boundary belongs to the band below.
        let at = |r: f64| rate(r).unwrap().rules.iter().next().unwrap();
        assert_eq!(at(0.001), RuleId::SevP4Default);
        assert_eq!(at(0.0011), RuleId::SevP3Errors);
        assert_eq!(at(0.05), RuleId::SevP3Errors);
        assert_eq!(at(0.0501), RuleId::SevP2Errors);
        assert_eq!(at(0.9999), RuleId::SevP2Errors);
        assert_eq!(at(1.0), RuleId::SevP1Outage);
    }

    #[test]
    fn latency_bands_meet_without_gaps() {
        // SEV-P3-LATENCY is 2000..=5000, SEV-P2-LATENCY above.
        assert_eq!(latency(1_999).severity, Severity::P4);
        assert_eq!(latency(2_000).severity, Severity::P3);
        assert_eq!(latency(5_000).severity, Severity::P3);
        assert_eq!(latency(5_001).severity, Severity::P2);
        assert_eq!(latency(u64::MAX).severity, Severity::P2);
    }

    #[test]
    fn error_rate_outside_the_unit_interval_is_an_error() {
        for bad in [-0.0001, 1.0001, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(
                matches!(
                    rate(bad),
                    Err(Error::InvalidSignal {
                        field: "error_rate",
                        ..
                    })
                ),
                "{bad}"
            );
        }
        assert!(rate(-0.0).is_ok(), "negative zero is zero");
    }

    #[test]
    fn matched_rules_iterate_most_severe_first_with_exact_length() {
        let mut rules = MatchedRules::default();
        rules.insert(RuleId::SevP3Degradation);
        rules.insert(RuleId::SevP1Security);
        rules.insert(RuleId::SevP2Latency);
        let iter = rules.iter();
        assert_eq!(iter.len(), 3);
        let order: Vec<RuleId> = iter.collect();
        assert_eq!(
            order,
            [
                RuleId::SevP1Security,
                RuleId::SevP2Latency,
                RuleId::SevP3Degradation
            ]
        );
        rules.insert(RuleId::Dt1);
        assert_eq!(rules.len(), 3, "only severity rules can be matched");
        assert!(!rules.contains(RuleId::Dt1));
    }

    /// The definitions are the standard's words, each level its own.
    #[test]
    fn definitions_are_the_standards_words() {
        let definitions: Vec<&str> = Severity::ALL.iter().map(|s| s.definition()).collect();
        assert_eq!(
            definitions,
            [
                "Total service outage OR data loss/corruption",
                "Partial service degradation OR feature broken",
                "Non-critical feature or performance issue",
                "Cosmetic or internal-only issue",
            ]
        );
    }

    #[test]
    fn a_partly_consumed_iterator_knows_what_is_left() {
        let mut rules = MatchedRules::default();
        rules.insert(RuleId::SevP1Data);
        rules.insert(RuleId::SevP2Latency);
        rules.insert(RuleId::SevP3Feature);
        let mut iter = rules.iter();
        assert_eq!(iter.next(), Some(RuleId::SevP1Data));
        assert_eq!(iter.len(), 2);
        assert_eq!(iter.next(), Some(RuleId::SevP2Latency));
        assert_eq!(iter.size_hint(), (1, Some(1)));
        assert_eq!(iter.next(), Some(RuleId::SevP3Feature));
        assert_eq!(iter.len(), 0);
        assert_eq!(iter.next(), None);
    }
}
