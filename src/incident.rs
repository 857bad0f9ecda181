//! §1 and §5: an [`Incident`] as a timeline, its [`Durations`], and the
//! [`Obligations`] the standard attaches to it at any `now` (rules `IN-1` …
//! `IN-5`).
//!
//! > P1 CRITICAL (≤1 hour SLA) … Communication: Customer notification within
//! > 30 min … Decision: Rollback or forward fix within 60 min
//! >
//! > All incidents must be documented with root cause analysis.
//! >
//! > Every customer-impacting incident documented
//!
//! | id | obligation | due | met by | not applicable |
//! |---|---|---|---|---|
//! | `IN-1` | customers notified | clock start + notification deadline (P1 30 min, P2 2 h, P3 4 h) | `customer_notified_at` by then | P4 (no deadline); not customer-impacting |
//! | `IN-2` | rollback or forward fix decided | clock start + decision deadline (P1 60 min, P2 4 h, P3 24 h) | a rollback, forward fix or hybrid by then, or the service restored or resolved by then | P4 (no deadline) |
//! | `IN-3` | resolved within the SLA | clock start + SLA (P1 1 h, P2 4 h, P3 8 h, P4 24 h) | `resolved_at` by then | never |
//! | `IN-4` | root cause documented | resolution + documentation window (7 days) | `root_cause` stated | never |
//! | `IN-5` | post-mortem with prevention action items | as `IN-4` | `post_mortem` with at least one action item, held by then | not customer-impacting |
//!
//! # Interpretations
//!
//! - **Clocks start when the incident reached its severity**: at
//!   `escalated_at` when set, else at `detected_at`. A P3 escalated to P1
//!   two hours in is not born breached.
//! - **Deadlines are inclusive.** Done exactly at `due` is met; at `due`
//!   and not done yet, still pending; one second later, breached.
//! - **`IN-2` is met without a decision** when the service was restored or
//!   the incident resolved by the deadline: nothing is left to decide. A
//!   `defer` is not a rollback-or-forward-fix decision (`PD-2`, `DT-P4`).
//! - **`IN-4` and `IN-5` have no due time until resolution**: the standard
//!   sets no time to document; the [`Policy`] gives 7 days after
//!   resolution. A root cause carries no timestamp, so it is met once
//!   stated (and, in a replay at an earlier `now`, once every recorded
//!   event has happened).
//! - **Customer impact not stated is customer impact.** `IN-1` and `IN-5`
//!   apply unless `customer_impacting` is `false`: an obligation is never
//!   dropped for want of a fact.
//!
//! ```
//! use incident_response::chrono::{TimeDelta, TimeZone, Utc};
//! use incident_response::incident::ObligationStatus;
//! use incident_response::{Incident, RuleId, Severity};
//!
//! let detected = Utc.with_ymd_and_hms(2026, 2, 16, 10, 0, 0).unwrap();
//! let incident = Incident::new("INC-42", Severity::P2, detected);
//! let obligations = incident.obligations(detected + TimeDelta::hours(1))?;
//! let next = obligations.next_deadline().unwrap();
//! assert_eq!(next.rule(), RuleId::In1);
//! assert_eq!(next.status(), ObligationStatus::Pending);
//! assert_eq!(next.time_left(), Some(TimeDelta::hours(1)));
//! # Ok::<(), incident_response::Error>(())
//! ```

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::clock::{Seconds, add_minutes};
use crate::controls::ControlArea;
use crate::decision::outcome::{Outcome, TakenDecision};
use crate::error::Error;
use crate::policy::catalogue::{AppliedPolicy, PolicyField};
use crate::policy::sections::Deadlines;
use crate::policy::{Policy, PolicyMark};
use crate::reading::null_is_default;
use crate::rule::{ENGINE, Engine, RuleId};
use crate::severity::level::Severity;
use crate::text::{Span, Timestamp};
use crate::timeline::Stamp;

/// An incident as a timeline (§1, §5): the input of [`Incident::durations`],
/// [`Incident::obligations`] and the post-mortem.
///
/// Only `id`, `severity` and `detected_at` are required; every other field
/// may be left out or `null`, which is the same: not stated. Unknown fields
/// are refused. `severity` is the most severe the incident reached, and
/// `escalated_at` when it reached it, if after detection. Build one with
/// [`Incident::new`] and the `with_…` methods, or read it from JSON:
///
/// ```json
/// {
///   "id": "INC-2026-02-16",
///   "title": "API v1.3.0 Deployment Incident",
///   "severity": "P1",
///   "customer_impacting": true,
///   "started_at": "2026-02-16T09:55:00Z",
///   "detected_at": "2026-02-16T10:00:00Z",
///   "declared_at": "2026-02-16T10:02:00Z",
///   "decision": {"outcome": "rollback", "at": "2026-02-16T10:05:00Z"},
///   "restored_at": "2026-02-16T10:10:00Z",
///   "customer_notified_at": "2026-02-16T10:12:00Z",
///   "resolved_at": "2026-02-16T10:20:00Z",
///   "rollback": {"started_at": "2026-02-16T10:05:00Z", "finished_at": "2026-02-16T10:09:12Z", "succeeded": true},
///   "release": "v1.3.0",
///   "root_cause": "N+1 database query pattern in dashboard feature",
///   "post_mortem": {
///     "held_at": "2026-02-16T10:30:00Z",
///     "action_items": [{"title": "Deploy v1.3.1 with N+1 query fix", "horizon": "immediate"}]
///   }
/// }
/// ```
///
/// Timestamps must be in order, each where present: `started_at` ≤
/// `detected_at` ≤ `escalated_at` ≤ `resolved_at`; `detected_at` ≤
/// `declared_at` ≤ `decision.at` ≤ `restored_at` ≤ `resolved_at`;
/// `detected_at` ≤ `customer_notified_at`; `started_at` ≤
/// `rollback.started_at` ≤ `rollback.finished_at` (a rollback may start
/// before the incident is detected: an automated trigger fires before
/// anyone looks); `detected_at` ≤ `post_mortem.held_at`. Every function
/// checks them ([`Incident::validate`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "An incident as a timeline (§1, §5). Only `id`, `severity` and `detected_at` are required; a field left out or `null` is not stated. Timestamps are RFC 3339 and must be in order. Unknown fields are refused."
)]
#[non_exhaustive]
pub struct Incident {
    /// The incident's id in the caller's tracker.
    pub id: String,
    /// A title for the post-mortem: "API v1.3.0 Deployment Incident".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The most severe the incident reached.
    pub severity: Severity,
    /// Whether customers were affected; not stated counts as affected, so
    /// that `IN-1` and `IN-5` are never dropped for want of a fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_impacting: Option<bool>,
    /// When the issue began, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime<Utc>>,
    /// When it was detected ("T+0min: Issue Detected").
    pub detected_at: DateTime<Utc>,
    /// When it reached `severity`, if after detection: the clocks start here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalated_at: Option<DateTime<Utc>>,
    /// When the incident was declared ("T+2min: Incident Declared").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_at: Option<DateTime<Utc>>,
    /// The rollback-or-forward-fix decision, and when it was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<TakenDecision>,
    /// When service was restored ("T+10min: Rollback Complete").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_at: Option<DateTime<Utc>>,
    /// When customers were notified ("T+12min: Customer Notification").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_notified_at: Option<DateTime<Utc>>,
    /// When the incident was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// The rollback run, if one was attempted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback: Option<RollbackRecord>,
    /// The release that caused the incident, when one did: "v1.3.0".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// The root cause, once analysed (`IN-4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_cause: Option<String>,
    /// The post-mortem, once held (`IN-5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_mortem: Option<PostMortemRecord>,
    /// Where the incident is recorded, when it came from a tracker: its
    /// PagerDuty or incident.io URL, kept by the `adapters` as evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A rollback attempted during an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RollbackRecord {
    /// When the rollback started.
    pub started_at: DateTime<Utc>,
    /// When it finished, if it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Utc>>,
    /// Whether it succeeded; not stated is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub succeeded: Option<bool>,
}

impl RollbackRecord {
    /// A rollback started at `started_at`, not yet finished.
    pub const fn new(started_at: DateTime<Utc>) -> Self {
        RollbackRecord {
            started_at,
            finished_at: None,
            succeeded: None,
        }
    }

    /// Finished at `finished_at`, successfully or not.
    #[must_use]
    pub const fn with_finished(mut self, finished_at: DateTime<Utc>, succeeded: bool) -> Self {
        self.finished_at = Some(finished_at);
        self.succeeded = Some(succeeded);
        self
    }
}

/// A post-mortem meeting and the prevention action items it created (§5).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PostMortemRecord {
    /// When it was held ("T+30min: Incident Post-Mortem Meeting").
    pub held_at: DateTime<Utc>,
    /// The prevention action items; `null` is none.
    #[serde(default, deserialize_with = "null_is_default")]
    #[schemars(with = "Option<Vec<ActionItem>>")]
    pub action_items: Vec<ActionItem>,
}

impl PostMortemRecord {
    /// A post-mortem held at `held_at`, with no action item yet.
    pub const fn new(held_at: DateTime<Utc>) -> Self {
        PostMortemRecord {
            held_at,
            action_items: Vec::new(),
        }
    }

    /// With one more action item.
    #[must_use]
    pub fn with_action_item(mut self, item: ActionItem) -> Self {
        self.action_items.push(item);
        self
    }
}

/// A prevention action item of a post-mortem.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ActionItem {
    /// What is to be done: "Deploy v1.3.1 with N+1 query fix".
    pub title: String,
    /// When: immediately, within a week, within a month.
    pub horizon: Horizon,
    /// Whether it is done; not stated is not done.
    #[serde(default, deserialize_with = "null_is_default")]
    #[schemars(with = "Option<bool>")]
    pub done: bool,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateTime<Utc>>,
}

impl ActionItem {
    /// An open action item.
    pub fn new(title: impl Into<String>, horizon: Horizon) -> Self {
        ActionItem {
            title: title.into(),
            horizon,
            done: false,
            owner: None,
            due: None,
        }
    }

    /// Done, or not.
    #[must_use]
    pub fn with_done(mut self, done: bool) -> Self {
        self.done = done;
        self
    }

    /// Owned by `owner`.
    #[must_use]
    pub fn with_owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = Some(owner.into());
        self
    }

    /// Due at `due`.
    #[must_use]
    pub fn with_due(mut self, due: DateTime<Utc>) -> Self {
        self.due = Some(due);
        self
    }
}

/// When an action item is to be done (§5 "T+next day: Action Items").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// "IMMEDIATE (Fix forward)".
    Immediate,
    /// "SHORT-TERM (1 week)".
    ShortTerm,
    /// "MEDIUM-TERM (1 month)".
    MediumTerm,
}

impl Horizon {
    /// Every horizon, soonest first.
    pub const ALL: [Horizon; 3] = [Horizon::Immediate, Horizon::ShortTerm, Horizon::MediumTerm];

    /// The standard's heading: "IMMEDIATE (Fix forward)".
    pub const fn label(self) -> &'static str {
        match self {
            Horizon::Immediate => "IMMEDIATE (Fix forward)",
            Horizon::ShortTerm => "SHORT-TERM (1 week)",
            Horizon::MediumTerm => "MEDIUM-TERM (1 month)",
        }
    }
}

impl Incident {
    /// An incident with only what is required: its id, severity and the
    /// time it was detected.
    pub fn new(id: impl Into<String>, severity: Severity, detected_at: DateTime<Utc>) -> Self {
        Incident {
            id: id.into(),
            title: None,
            severity,
            customer_impacting: None,
            started_at: None,
            detected_at,
            escalated_at: None,
            declared_at: None,
            decision: None,
            restored_at: None,
            customer_notified_at: None,
            resolved_at: None,
            rollback: None,
            release: None,
            root_cause: None,
            post_mortem: None,
            source: None,
        }
    }

    /// Its title.
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Whether customers were affected.
    #[must_use]
    pub fn with_customer_impacting(mut self, impacting: bool) -> Self {
        self.customer_impacting = Some(impacting);
        self
    }

    /// When the issue began.
    #[must_use]
    pub fn with_started_at(mut self, at: DateTime<Utc>) -> Self {
        self.started_at = Some(at);
        self
    }

    /// When it reached its severity, after detection.
    #[must_use]
    pub fn with_escalated_at(mut self, at: DateTime<Utc>) -> Self {
        self.escalated_at = Some(at);
        self
    }

    /// When it was declared.
    #[must_use]
    pub fn with_declared_at(mut self, at: DateTime<Utc>) -> Self {
        self.declared_at = Some(at);
        self
    }

    /// The decision taken, at `at`.
    #[must_use]
    pub fn with_decision(mut self, outcome: Outcome, at: DateTime<Utc>) -> Self {
        self.decision = Some(TakenDecision::new(outcome, at));
        self
    }

    /// When service was restored.
    #[must_use]
    pub fn with_restored_at(mut self, at: DateTime<Utc>) -> Self {
        self.restored_at = Some(at);
        self
    }

    /// When customers were notified.
    #[must_use]
    pub fn with_customer_notified_at(mut self, at: DateTime<Utc>) -> Self {
        self.customer_notified_at = Some(at);
        self
    }

    /// When it was resolved.
    #[must_use]
    pub fn with_resolved_at(mut self, at: DateTime<Utc>) -> Self {
        self.resolved_at = Some(at);
        self
    }

    /// The rollback attempted.
    #[must_use]
    pub fn with_rollback(mut self, rollback: RollbackRecord) -> Self {
        self.rollback = Some(rollback);
        self
    }

    /// The release that caused it.
    #[must_use]
    pub fn with_release(mut self, release: impl Into<String>) -> Self {
        self.release = Some(release.into());
        self
    }

    /// Its root cause.
    #[must_use]
    pub fn with_root_cause(mut self, root_cause: impl Into<String>) -> Self {
        self.root_cause = Some(root_cause.into());
        self
    }

    /// Its post-mortem.
    #[must_use]
    pub fn with_post_mortem(mut self, post_mortem: PostMortemRecord) -> Self {
        self.post_mortem = Some(post_mortem);
        self
    }

    /// Where it is recorded: its URL in the tracker it came from.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Whether customers were affected; not stated counts as affected.
    pub fn is_customer_impacting(&self) -> bool {
        self.customer_impacting != Some(false)
    }

    /// When the clocks of the response plan start: `escalated_at` when set,
    /// else `detected_at`.
    pub fn clock_start(&self) -> DateTime<Utc> {
        self.escalated_at.unwrap_or(self.detected_at)
    }

    /// Checks that the timestamps are in order.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeline`] naming both fields of the first pair out
    /// of order: ``resolved_at `2026-02-16T09:00:00Z` is before
    /// restored_at `2026-02-16T10:10:00Z` (IN-3)``.
    pub fn validate(&self) -> Result<(), Error> {
        let detected = Some((Stamp::Detected, self.detected_at));
        in_order(&[
            self.started_at.map(|at| (Stamp::Started, at)),
            detected,
            self.escalated_at.map(|at| (Stamp::Escalated, at)),
            self.resolved_at.map(|at| (Stamp::Resolved, at)),
        ])?;
        in_order(&[
            detected,
            self.declared_at.map(|at| (Stamp::Declared, at)),
            self.decision.map(|d| (Stamp::Decision, d.at)),
            self.restored_at.map(|at| (Stamp::Restored, at)),
            self.resolved_at.map(|at| (Stamp::Resolved, at)),
        ])?;
        in_order(&[
            detected,
            self.customer_notified_at
                .map(|at| (Stamp::CustomerNotified, at)),
        ])?;
        // A rollback may start before the incident is detected (an
        // automated trigger fires before anyone looks), but not before the
        // issue it answers began.
        if let Some(rollback) = self.rollback {
            in_order(&[
                self.started_at.map(|at| (Stamp::Started, at)),
                Some((Stamp::RollbackStarted, rollback.started_at)),
                rollback.finished_at.map(|at| (Stamp::RollbackFinished, at)),
            ])?;
        }
        in_order(&[
            detected,
            self.post_mortem
                .as_ref()
                .map(|p| (Stamp::PostMortemHeld, p.held_at)),
        ])
    }

    /// The seven durations of the incident (§5, §6), each `None` where a
    /// timestamp it needs is missing.
    ///
    /// For the standard's incident of 16 February 2026: detected in 5 min,
    /// restored 10 min after detection, resolved 20 min after detection and
    /// 25 min after it began (the "R" of MTTR), rollback 4.2 min.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeline`] when the timestamps are out of order
    /// ([`Incident::validate`]).
    pub fn durations(&self) -> Result<Durations, Error> {
        self.validate()?;
        let detected = self.detected_at;
        let since_detection = |at: Option<DateTime<Utc>>| at.map(|at| at - detected);
        Ok(Durations {
            time_to_detect: self.started_at.map(|started| detected - started),
            time_to_restore: since_detection(self.restored_at),
            detection_to_resolution: since_detection(self.resolved_at),
            time_to_resolve: self
                .resolved_at
                .map(|resolved| resolved - self.started_at.unwrap_or(detected)),
            time_to_notify: since_detection(self.customer_notified_at),
            time_to_decide: since_detection(self.decision.map(|d| d.at)),
            rollback: self
                .rollback
                .and_then(|r| r.finished_at.map(|finished| finished - r.started_at)),
            engine: ENGINE,
        })
    }

    /// The obligations at `now`, under the standard's deadlines; see
    /// [`Policy::obligations`].
    ///
    /// # Errors
    ///
    /// See [`Policy::obligations`].
    pub fn obligations(&self, now: DateTime<Utc>) -> Result<Obligations, Error> {
        Policy::STANDARD.obligations(self, now)
    }

    /// The latest moment the timeline records (detection at the least):
    /// the moment from which the whole timeline has happened.
    pub fn last_event_at(&self) -> DateTime<Utc> {
        self.events()
            .into_iter()
            .flatten()
            .fold(self.detected_at, DateTime::max)
    }

    /// The root cause, if one is documented: a blank one (`""`, only
    /// spaces) is not stated.
    pub fn documented_root_cause(&self) -> Option<&str> {
        self.root_cause
            .as_deref()
            .map(str::trim)
            .filter(|cause| !cause.is_empty())
    }

    /// Every recorded moment but the detection and the start, which never
    /// come after it.
    fn events(&self) -> [Option<DateTime<Utc>>; 9] {
        [
            self.escalated_at,
            self.declared_at,
            self.decision.map(|d| d.at),
            self.restored_at,
            self.customer_notified_at,
            self.resolved_at,
            self.rollback.map(|r| r.started_at),
            self.rollback.and_then(|r| r.finished_at),
            self.post_mortem.as_ref().map(|p| p.held_at),
        ]
    }
}

/// Each present timestamp must not be before the last present one before
/// it in the chain.
fn in_order(chain: &[Option<(Stamp, DateTime<Utc>)>]) -> Result<(), Error> {
    let mut previous: Option<(Stamp, DateTime<Utc>)> = None;
    for &(stamp, value) in chain.iter().flatten() {
        if let Some((other, other_value)) = previous
            && value < other_value
        {
            return Err(Error::InvalidTimeline {
                field: stamp.path().into(),
                value,
                other: other.path().into(),
                other_value,
                rule: stamp.rule(),
            });
        }
        previous = Some((stamp, value));
    }
    Ok(())
}

/// The durations of an incident (§5, §6), `None` where a timestamp is
/// missing. In JSON, whole seconds under `*_secs` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Durations {
    /// `detected_at - started_at`: the "D" of MTTD.
    #[serde(rename = "time_to_detect_secs", with = "Seconds")]
    pub time_to_detect: Option<TimeDelta>,
    /// `restored_at - detected_at`.
    #[serde(rename = "time_to_restore_secs", with = "Seconds")]
    pub time_to_restore: Option<TimeDelta>,
    /// `resolved_at - detected_at`: the standard's "Detection → Resolution".
    #[serde(rename = "detection_to_resolution_secs", with = "Seconds")]
    pub detection_to_resolution: Option<TimeDelta>,
    /// `resolved_at - started_at`, from `detected_at` when the start is
    /// unknown: the "R" of MTTR.
    #[serde(rename = "time_to_resolve_secs", with = "Seconds")]
    pub time_to_resolve: Option<TimeDelta>,
    /// `customer_notified_at - detected_at`.
    #[serde(rename = "time_to_notify_secs", with = "Seconds")]
    pub time_to_notify: Option<TimeDelta>,
    /// `decision.at - detected_at`.
    #[serde(rename = "time_to_decide_secs", with = "Seconds")]
    pub time_to_decide: Option<TimeDelta>,
    /// `rollback.finished_at - rollback.started_at`.
    #[serde(rename = "rollback_secs", with = "Seconds")]
    pub rollback: Option<TimeDelta>,
    /// What computed them: this crate at its version ([`ENGINE`]).
    pub engine: Engine,
}

/// One line per duration, `unknown` where a timestamp is missing:
/// `time to detect: 5 min`.
impl fmt::Display for Durations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines = [
            ("time to detect (started → detected)", self.time_to_detect),
            (
                "time to restore (detected → restored)",
                self.time_to_restore,
            ),
            ("detection → resolution", self.detection_to_resolution),
            ("time to resolve (started → resolved)", self.time_to_resolve),
            ("time to notify customers", self.time_to_notify),
            ("time to decide", self.time_to_decide),
            ("rollback", self.rollback),
        ];
        for (what, duration) in lines {
            match duration {
                Some(duration) => writeln!(f, "{what}: {}", Span(duration))?,
                None => writeln!(f, "{what}: unknown")?,
            }
        }
        Ok(())
    }
}

/// Where an obligation stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    /// Done by its due time (or, with no timestamp to judge, done).
    Met,
    /// Done late, or not done and past its due time.
    Breached,
    /// Not done, and not yet due (or with no due time yet).
    Pending,
    /// The rule does not apply to this incident.
    NotApplicable,
}

/// Why an obligation does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicable {
    /// The severity has no such deadline (P4 needs no notification and no
    /// rollback decision).
    NoDeadlineForSeverity,
    /// The incident did not affect customers.
    NotCustomerImpacting,
}

impl fmt::Display for NotApplicable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotApplicable::NoDeadlineForSeverity => "the severity sets no deadline",
            NotApplicable::NotCustomerImpacting => "not customer-impacting",
        })
    }
}

/// Where an obligation stands at `now`, with what only that standing has:
/// a breach how late, a pending duty how long is left, a duty that does not
/// apply why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Done by its due time (or, with no timestamp to judge, done).
    Met,
    /// Done late, or not done and past its due time, by this much (done
    /// late: `done_at - due`; not done: `now - due`).
    Breached {
        /// How much it was missed by.
        late_by: TimeDelta,
    },
    /// Not done, and not yet due: how long is left (`due - now`), where it
    /// has a due time yet.
    Pending {
        /// How long is left, where it has a due time.
        time_left: Option<TimeDelta>,
    },
    /// The rule does not apply to this incident, for this reason.
    NotApplicable(NotApplicable),
}

impl Standing {
    /// The standing without what it carries: `met`, `breached`, `pending`,
    /// `not_applicable`.
    pub const fn status(self) -> ObligationStatus {
        match self {
            Standing::Met => ObligationStatus::Met,
            Standing::Breached { .. } => ObligationStatus::Breached,
            Standing::Pending { .. } => ObligationStatus::Pending,
            Standing::NotApplicable(_) => ObligationStatus::NotApplicable,
        }
    }
}

/// One obligation of an incident at `now`: `IN-1` … `IN-5`.
///
/// Its [`standing`](Obligation::standing) is one value, so a breach always
/// has its lateness and nothing else has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(into = "ObligationJson")]
#[schemars(with = "ObligationJson", description = "One obligation in JSON.")]
pub struct Obligation {
    rule: RuleId,
    standing: Standing,
    due: Option<DateTime<Utc>>,
    done_at: Option<DateTime<Utc>>,
    /// The severity it is judged for, whose words it quotes.
    severity: Severity,
}

impl Obligation {
    /// The rule, `IN-1` … `IN-5`.
    pub const fn rule(&self) -> RuleId {
        self.rule
    }

    /// Where it stands, with what that standing carries.
    pub const fn standing(&self) -> Standing {
        self.standing
    }

    /// Where it stands.
    pub const fn status(&self) -> ObligationStatus {
        self.standing.status()
    }

    /// When it is due; `None` when not applicable, or for `IN-4`/`IN-5`
    /// while the incident is unresolved.
    pub const fn due(&self) -> Option<DateTime<Utc>> {
        self.due
    }

    /// When it was done, where the timeline records it.
    pub const fn done_at(&self) -> Option<DateTime<Utc>> {
        self.done_at
    }

    /// Breached: by how much it was missed (done late: `done_at - due`; not
    /// done: `now - due`).
    pub const fn late_by(&self) -> Option<TimeDelta> {
        match self.standing {
            Standing::Breached { late_by } => Some(late_by),
            _ => None,
        }
    }

    /// Pending with a due time: how long is left (`due - now`).
    pub const fn time_left(&self) -> Option<TimeDelta> {
        match self.standing {
            Standing::Pending { time_left } => time_left,
            _ => None,
        }
    }

    /// Not applicable: why.
    pub const fn not_applicable(&self) -> Option<NotApplicable> {
        match self.standing {
            Standing::NotApplicable(why) => Some(why),
            _ => None,
        }
    }

    /// What the rule asks, in short: "customers notified".
    pub const fn duty(&self) -> &'static str {
        match self.rule {
            RuleId::In1 => "customers notified",
            RuleId::In2 => "rollback or forward fix decided",
            RuleId::In3 => "resolved within the SLA",
            RuleId::In4 => "root cause documented",
            _ => "post-mortem with prevention action items",
        }
    }

    /// The control area the obligation evidences.
    pub const fn control_area(&self) -> ControlArea {
        self.rule.control_area()
    }

    /// The standard's words for the duty, from the severity's own block of
    /// §1 where the severity has its own words: for a P2, `IN-1` quotes
    /// "Communication: Customer notification within 2 hours" and `IN-3`
    /// "P2 HIGH (≤4 hour SLA)". For a P4, which the standard gives no
    /// customer communication, `IN-1` quotes the definition that makes it
    /// internal: "Definition: Cosmetic or internal-only issue".
    ///
    /// ```
    /// use incident_response::chrono::{TimeZone, Utc};
    /// use incident_response::{Incident, RuleId, Severity};
    ///
    /// let detected = Utc.with_ymd_and_hms(2026, 2, 16, 10, 0, 0).unwrap();
    /// let obligations = Incident::new("INC-9", Severity::P2, detected).obligations(detected)?;
    /// let quotes: Vec<&str> = obligations.iter().map(|o| o.quote()).take(3).collect();
    /// assert_eq!(quotes, [
    ///     "Communication: Customer notification within 2 hours",
    ///     "Decision: Rollback or forward fix within 4 hours",
    ///     "P2 HIGH (≤4 hour SLA)",
    /// ]);
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    pub const fn quote(&self) -> &'static str {
        match (self.rule, self.severity) {
            (RuleId::In1, Severity::P1) => "Communication: Customer notification within 30 min",
            (RuleId::In1, Severity::P2) => "Communication: Customer notification within 2 hours",
            (RuleId::In1, Severity::P3) => "Communication: Customer notified within 4 hours",
            (RuleId::In1, Severity::P4) => "Definition: Cosmetic or internal-only issue",
            (RuleId::In2, Severity::P1) => "Decision: Rollback or forward fix within 60 min",
            (RuleId::In2, Severity::P2) => "Decision: Rollback or forward fix within 4 hours",
            (RuleId::In2, Severity::P3) => "Decision: Forward fix or rollback (24-hour window)",
            (RuleId::In2, Severity::P4) => "Decision: Fix or defer (no rollback needed)",
            (RuleId::In3, Severity::P1) => "P1 CRITICAL (≤1 hour SLA)",
            (RuleId::In3, Severity::P2) => "P2 HIGH (≤4 hour SLA)",
            (RuleId::In3, Severity::P3) => "P3 MEDIUM (≤8 hour SLA)",
            (RuleId::In3, Severity::P4) => "P4 LOW (≤24 hour SLA)",
            (rule, _) => rule.quote(),
        }
    }

    fn inapplicable(rule: RuleId, severity: Severity, why: NotApplicable) -> Self {
        Obligation {
            rule,
            standing: Standing::NotApplicable(why),
            due: None,
            done_at: None,
            severity,
        }
    }

    /// Judges a duty due at `due` (`None`: no due time yet) and done at
    /// `done_at` (`Some(None)`: done, with no timestamp; `None`: not done).
    fn judge(
        rule: RuleId,
        severity: Severity,
        due: Option<DateTime<Utc>>,
        done: Option<Option<DateTime<Utc>>>,
        now: DateTime<Utc>,
    ) -> Self {
        let done_at = done.flatten();
        let standing = match (done, due) {
            (Some(Some(at)), Some(due)) if at > due => Standing::Breached { late_by: at - due },
            (Some(_), _) => Standing::Met,
            (None, Some(due)) if now > due => Standing::Breached { late_by: now - due },
            (None, Some(due)) => Standing::Pending {
                time_left: Some(due - now),
            },
            (None, None) => Standing::Pending { time_left: None },
        };
        Obligation {
            rule,
            standing,
            due,
            done_at,
            severity,
        }
    }
}

/// `IN-1 customers notified: met, due 2026-02-16T10:30:00Z, done
/// 2026-02-16T10:12:00Z`.
impl fmt::Display for Obligation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: ", self.rule, self.duty())?;
        f.write_str(match self.status() {
            ObligationStatus::Met => "met",
            ObligationStatus::Breached => "BREACHED",
            ObligationStatus::Pending => "pending",
            ObligationStatus::NotApplicable => "not applicable",
        })?;
        if let Some(why) = self.not_applicable() {
            return write!(f, " ({why})");
        }
        match self.due {
            Some(due) => write!(f, ", due {}", Timestamp(due))?,
            // Only IN-4 and IN-5 have no due time while they apply: they
            // fall due once the incident is resolved.
            None => f.write_str(", due once resolved")?,
        }
        if let Some(at) = self.done_at {
            write!(f, ", done {}", Timestamp(at))?;
        }
        if let Some(late) = self.late_by() {
            write!(f, ", late by {}", Span(late))?;
        }
        if let Some(left) = self.time_left() {
            write!(f, ", {} left", Span(left))?;
        }
        Ok(())
    }
}

/// The obligations of an incident at `now` (`IN-1` … `IN-5`), and the next
/// deadline a bot pages on. Computing them allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(into = "ObligationsJson")]
#[schemars(
    with = "ObligationsJson",
    description = "The obligations of an incident at a moment."
)]
pub struct Obligations {
    now: DateTime<Utc>,
    severity: Severity,
    items: [Obligation; 5],
    deadlines: Deadlines,
    /// The policy that produced it.
    policy: PolicyMark,
    /// Events recorded after `now`, set aside.
    events_after_now: u32,
}

impl Obligations {
    /// The five obligations, in rule order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Obligation> + '_ {
        self.items.iter()
    }

    /// The obligation of `rule`, if it is one of `IN-1` … `IN-5`.
    pub fn get(&self, rule: RuleId) -> Option<&Obligation> {
        self.items.iter().find(|o| o.rule == rule)
    }

    /// The earliest pending obligation with a due time: what is due next.
    /// Ties go to the lower rule id.
    pub fn next_deadline(&self) -> Option<&Obligation> {
        self.items
            .iter()
            .filter(|o| o.status() == ObligationStatus::Pending)
            .filter_map(|o| o.due.map(|due| (due, o)))
            .min_by_key(|(due, _)| *due)
            .map(|(_, o)| o)
    }

    /// Whether any obligation is breached.
    pub fn any_breached(&self) -> bool {
        self.items
            .iter()
            .any(|o| o.status() == ObligationStatus::Breached)
    }

    /// The moment the obligations were judged at.
    pub const fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// How many recorded events come after `now`: they had not happened
    /// yet at `now`, so the obligations are judged without them.
    pub const fn events_after_now(&self) -> u32 {
        self.events_after_now
    }

    /// Which policy produced them: the standard, or a custom policy with
    /// the deadlines it changed among those of this incident's severity and
    /// the documentation window.
    pub fn applied_policy(&self) -> AppliedPolicy {
        let (severity, deadlines) = (self.severity, &self.deadlines);
        AppliedPolicy::new(
            self.policy,
            &[
                (
                    PolicyField::customer_notification(severity),
                    deadlines.customer_notification_minutes(severity).into(),
                ),
                (
                    PolicyField::decision(severity),
                    deadlines.decision_minutes(severity).into(),
                ),
                (
                    PolicyField::resolution(severity),
                    deadlines.resolution_minutes(severity).into(),
                ),
                (
                    PolicyField::DocumentationMinutes,
                    deadlines.documentation_minutes.into(),
                ),
            ],
        )
    }
}

/// One line per obligation, the next deadline and the policy applied.
impl fmt::Display for Obligations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "obligations at {}:", Timestamp(self.now))?;
        for obligation in self.iter() {
            writeln!(f, "  {obligation}")?;
        }
        match self.next_deadline() {
            Some(next) => writeln!(
                f,
                "  next deadline: {} {}{}",
                next.rule,
                next.due
                    .map_or(String::new(), |due| Timestamp(due).to_string()),
                next.time_left()
                    .map_or(String::new(), |left| format!(" ({} left)", Span(left)))
            )?,
            None => writeln!(f, "  next deadline: none")?,
        }
        match self.events_after_now {
            0 => {}
            1 => writeln!(f, "  1 event after now set aside, not yet happened")?,
            n => writeln!(f, "  {n} events after now set aside, not yet happened")?,
        }
        writeln!(f, "  {}", self.applied_policy())
    }
}

impl Policy {
    /// The obligations of `incident` at `now` under this policy's deadlines
    /// (`IN-1` … `IN-5`; the table and the interpretations are in the
    /// [module](crate::incident)). Allocates nothing.
    ///
    /// The obligations are judged as of `now`: an event the timeline
    /// records after `now` (a notification, a decision, the restoration,
    /// the resolution, the post-mortem) had not happened yet, so it is set
    /// aside and counted ([`Obligations::events_after_now`]). "What was due
    /// at T+3 min?" of a closed incident is the same call at T+3 min, and
    /// a bot whose clock lags the recorded events by a second gets the
    /// answer of that second.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeline`] when the timestamps are out of order
    /// ([`Incident::validate`]), or when `now` is before `detected_at` or
    /// before `escalated_at`: before the escalation, the severity the
    /// incident had is not recorded, so its clocks cannot be judged. A
    /// deadline past the last time `chrono` represents, as
    /// [`Error::TimeOutOfRange`].
    pub fn obligations(
        &self,
        incident: &Incident,
        now: DateTime<Utc>,
    ) -> Result<Obligations, Error> {
        incident.validate()?;
        // The clocks and the severity must have started by `now`: before
        // the escalation, the severity the incident had is not recorded.
        let start = incident.clock_start();
        for (field, at) in [
            (Stamp::Detected.path(), incident.detected_at),
            (incident.clock_field(), start),
        ] {
            if now < at {
                return Err(Error::InvalidTimeline {
                    field: "now".into(),
                    value: now,
                    other: field.into(),
                    other_value: at,
                    rule: RuleId::In3,
                });
            }
        }
        // As of `now`: what the timeline records later had not happened.
        let seen = |at: Option<DateTime<Utc>>| at.filter(|at| *at <= now);
        let later = incident
            .events()
            .into_iter()
            .flatten()
            .filter(|at| *at > now);
        let events_after_now = u32::try_from(later.count()).unwrap_or(u32::MAX);
        let deadlines = *self.deadlines();
        let plan = self.response(incident.severity);
        let clock = |minutes: u32, rule| add_minutes(incident.clock_field(), start, minutes, rule);
        let judge = |rule, due, done| Obligation::judge(rule, incident.severity, due, done, now);
        let not_applicable = |rule, why| Obligation::inapplicable(rule, incident.severity, why);

        let notified = match plan.customer_notification_minutes {
            _ if !incident.is_customer_impacting() => {
                not_applicable(RuleId::In1, NotApplicable::NotCustomerImpacting)
            }
            None => not_applicable(RuleId::In1, NotApplicable::NoDeadlineForSeverity),
            Some(minutes) => judge(
                RuleId::In1,
                Some(clock(minutes, RuleId::In1)?),
                seen(incident.customer_notified_at).map(Some),
            ),
        };

        let decided = match plan.decision_minutes {
            None => not_applicable(RuleId::In2, NotApplicable::NoDeadlineForSeverity),
            Some(minutes) => {
                let due = clock(minutes, RuleId::In2)?;
                judge(RuleId::In2, Some(due), decided_at(incident, now))
            }
        };

        let resolved_at = seen(incident.resolved_at);
        let resolved = judge(
            RuleId::In3,
            Some(clock(plan.resolution_sla_minutes, RuleId::In3)?),
            resolved_at.map(Some),
        );

        let documentation_due = resolved_at
            .map(|at| {
                add_minutes(
                    Stamp::Resolved.path(),
                    at,
                    deadlines.documentation_minutes,
                    RuleId::In4,
                )
            })
            .transpose()?;
        // A root cause carries no time: it counts once the whole recorded
        // timeline has happened, so a replay never shows an analysis not
        // yet written.
        let documented = incident
            .documented_root_cause()
            .filter(|_| events_after_now == 0);
        let root_cause = judge(RuleId::In4, documentation_due, documented.map(|_| None));
        let post_mortem = if incident.is_customer_impacting() {
            let held = incident
                .post_mortem
                .as_ref()
                .filter(|p| p.held_at <= now && !p.action_items.is_empty())
                .map(|p| Some(p.held_at));
            judge(RuleId::In5, documentation_due, held)
        } else {
            not_applicable(RuleId::In5, NotApplicable::NotCustomerImpacting)
        };

        Ok(Obligations {
            now,
            severity: incident.severity,
            items: [notified, decided, resolved, root_cause, post_mortem],
            deadlines,
            policy: self.mark(),
            events_after_now,
        })
    }
}

impl Incident {
    /// The field the clocks count from, for errors.
    fn clock_field(&self) -> &'static str {
        if self.escalated_at.is_some() {
            Stamp::Escalated.path()
        } else {
            Stamp::Detected.path()
        }
    }
}

/// When `IN-2` was done: the first of a rollback-or-forward-fix decision,
/// the restoration and the resolution (after either, nothing is left to
/// decide). A `defer` counts only for a P4, whose decision is "Fix or
/// defer" (it has a deadline only under a policy that sets one).
fn decided_at(incident: &Incident, now: DateTime<Utc>) -> Option<Option<DateTime<Utc>>> {
    let decision = incident
        .decision
        .filter(|d| d.is_rollback_or_forward_fix() || incident.severity == Severity::P4)
        .map(|d| d.at);
    [decision, incident.restored_at, incident.resolved_at]
        .into_iter()
        .flatten()
        .filter(|at| *at <= now)
        .min()
        .map(Some)
}

/// A lateness in whole seconds, rounded up: a breach is never late by 0.
fn ceil_secs(late: TimeDelta) -> i64 {
    let seconds = late.num_seconds();
    if late.subsec_nanos() > 0 {
        seconds.saturating_add(1)
    } else {
        seconds
    }
}

/// One obligation in JSON.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Obligation")]
struct ObligationJson {
    /// The rule, `IN-1` … `IN-5`.
    rule: RuleId,
    /// Where it stands.
    status: ObligationStatus,
    /// When it is due; `null` when not applicable, or for `IN-4`/`IN-5`
    /// while unresolved.
    due: Option<DateTime<Utc>>,
    /// When it was done, where the timeline records it.
    done_at: Option<DateTime<Utc>>,
    /// Breached: by how many seconds, rounded up.
    late_by_secs: Option<i64>,
    /// Pending with a due time: how many seconds are left.
    time_left_secs: Option<i64>,
    /// Not applicable: why.
    not_applicable: Option<NotApplicable>,
    /// What the rule asks, in short.
    duty: &'static str,
    /// The standard's words, from the block of the incident's severity.
    quote: &'static str,
    /// The row of the standard's control mapping the obligation evidences.
    control_area: ControlArea,
}

impl From<Obligation> for ObligationJson {
    fn from(o: Obligation) -> Self {
        ObligationJson {
            rule: o.rule,
            status: o.status(),
            due: o.due,
            done_at: o.done_at,
            late_by_secs: o.late_by().map(ceil_secs),
            time_left_secs: o.time_left().map(|d| d.num_seconds()),
            not_applicable: o.not_applicable(),
            duty: o.duty(),
            quote: o.quote(),
            control_area: o.control_area(),
        }
    }
}

/// The obligations of an incident at a moment.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Obligations")]
struct ObligationsJson {
    /// The moment they were judged at.
    now: DateTime<Utc>,
    /// `IN-1` … `IN-5`, in rule order.
    #[serde(serialize_with = "as_sequence")]
    obligations: [Obligation; 5],
    /// The earliest pending obligation with a due time, if any.
    next_deadline: Option<Obligation>,
    /// Whether any obligation is breached.
    any_breached: bool,
    /// Events recorded after `now`, set aside: at `now` they had not
    /// happened yet.
    events_after_now: u32,
    /// The policy whose deadlines were applied.
    policy: AppliedPolicy,
}

/// The obligations as a sequence, not a tuple, for a serializer that tells
/// them apart (Python's, through pythonize, would make a tuple): JSON writes
/// both as the same array.
fn as_sequence<S: serde::Serializer>(
    items: &[Obligation; 5],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(items)
}

impl From<Obligations> for ObligationsJson {
    fn from(obligations: Obligations) -> Self {
        ObligationsJson {
            now: obligations.now,
            next_deadline: obligations.next_deadline().copied(),
            any_breached: obligations.any_breached(),
            policy: obligations.applied_policy(),
            obligations: obligations.items,
            events_after_now: obligations.events_after_now,
        }
    }
}
