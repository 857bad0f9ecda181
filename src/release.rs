//! §2 Rollback Procedure, Phase 5 "Monitoring & Decision Point": the
//! post-deploy [`watch`] (rules `PD-1` … `PD-4`).
//!
//! > Phase 5: Monitoring & Decision Point
//! > ├─ If no errors within 30 minutes: Release successful ✓
//! > ├─ If errors detected:
//! > │  ├─ 30-min critical decision: Rollback or forward fix?
//! > │  └─ Timeout: If no decision by 30 min, rollback automatic
//!
//! and, from §4: "Automated trigger: On error detection (P1 incidents)".
//!
//! Both windows come from the [`Policy`] ([`WatchWindows`]); both edges are
//! inclusive. An error at exactly 30 minutes after the deploy is "within 30
//! minutes", and a decision at exactly 30 minutes after the first error is
//! on time; at that same instant without a decision, the rollback becomes
//! automatic.
//!
//! **Interpretations**: the caller records on the deploy only the errors it
//! attributes to it, and every recorded error counts, even one first seen
//! after the 30 error-free minutes: the release was successful until then,
//! and the error still needs its decision, or rolls back at once if it is P1
//! (the automated trigger of §4 has no time limit). A P4 error needs no
//! rollback (§1 P4, `DT-P4`), so it starts no decision clock and triggers no
//! automatic rollback.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use incident_response::{watch, Deployment, FirstError, Severity, WatchState};
//!
//! let deployed_at = Utc.with_ymd_and_hms(2026, 2, 16, 9, 35, 0).unwrap();
//! let mut deployment = Deployment::new(deployed_at);
//! let now = Utc.with_ymd_and_hms(2026, 2, 16, 9, 50, 0).unwrap();
//! assert_eq!(
//!     watch(&deployment, now)?,
//!     WatchState::Watching { until: Utc.with_ymd_and_hms(2026, 2, 16, 10, 5, 0).unwrap() },
//! );
//!
//! deployment.first_error = Some(FirstError { at: now, severity: Severity::P2 });
//! assert_eq!(
//!     watch(&deployment, now)?,
//!     WatchState::DecisionRequired {
//!         error_at: now,
//!         by: Utc.with_ymd_and_hms(2026, 2, 16, 10, 20, 0).unwrap(),
//!     },
//! );
//! # Ok::<(), incident_response::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::Timestamp;
use crate::policy::WatchWindows;
use crate::{Error, Outcome, Policy, RuleId, Severity};

/// A production deploy under watch (§2 Phase 4 and 5): the input of [`watch`].
///
/// In JSON, timestamps are RFC 3339:
///
/// ```json
/// {
///   "deployed_at": "2026-02-16T09:35:00Z",
///   "first_error": {"at": "2026-02-16T10:00:00Z", "severity": "P1"},
///   "decision": {"outcome": "rollback", "at": "2026-02-16T10:05:00Z"}
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A production deploy under watch (§2 Phase 5). Timestamps are RFC 3339. Unknown fields are refused."
)]
#[non_exhaustive]
pub struct Deployment {
    /// When the release reached production.
    pub deployed_at: DateTime<Utc>,
    /// The first error detected after the deploy, if any.
    #[serde(default)]
    pub first_error: Option<FirstError>,
    /// The rollback-or-forward-fix decision taken on it, if any.
    #[serde(default)]
    pub decision: Option<TakenDecision>,
}

impl Deployment {
    /// A deploy with no error and no decision yet.
    pub const fn new(deployed_at: DateTime<Utc>) -> Self {
        Deployment {
            deployed_at,
            first_error: None,
            decision: None,
        }
    }
}

/// The first error detected after a deploy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FirstError {
    /// When it was detected.
    pub at: DateTime<Utc>,
    /// Its severity, as classified: P1 triggers the automatic rollback.
    pub severity: Severity,
}

/// A decision taken on a deploy's errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TakenDecision {
    /// What was decided.
    pub outcome: Outcome,
    /// When.
    pub at: DateTime<Utc>,
}

/// What triggered an automatic rollback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// `PD-3`: "Timeout: If no decision by 30 min, rollback automatic".
    DecisionTimeout,
    /// `PD-4`: "Automated trigger: On error detection (P1 incidents)".
    P1Error,
}

/// Where a deploy stands at `now` (§2 Phase 5).
///
/// In JSON, `{"state": "decision_required", "error_at": …, "by": …, "rule": "PD-2"}`:
/// every state names the rule that put the deploy in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WatchState {
    /// `PD-1`: no error yet; the release is successful if none comes `until`.
    Watching {
        /// The end of the error-free window.
        until: DateTime<Utc>,
    },
    /// `PD-1`: "If no errors within 30 minutes: Release successful ✓".
    Successful {
        /// When the error-free window closed.
        since: DateTime<Utc>,
    },
    /// `PD-2`: "30-min critical decision: Rollback or forward fix?".
    DecisionRequired {
        /// When the first error was detected.
        error_at: DateTime<Utc>,
        /// When the decision is due; without one, the rollback is automatic.
        by: DateTime<Utc>,
    },
    /// `PD-3` or `PD-4`: the rollback runs without waiting for a decision.
    AutomaticRollback {
        /// When it was triggered.
        since: DateTime<Utc>,
        /// Why.
        trigger: Trigger,
    },
    /// `DT-P4`: the first error is P4: "Fix or defer (no rollback needed)";
    /// no decision clock runs.
    NoRollbackNeeded {
        /// When the first error was detected.
        error_at: DateTime<Utc>,
    },
    /// `PD-2`: a decision was taken, on time or late. A late decision came
    /// after the automatic rollback of `PD-3` was due.
    Decided {
        /// What was decided.
        outcome: Outcome,
        /// When.
        at: DateTime<Utc>,
        /// When it was due.
        due: DateTime<Utc>,
        /// Whether `at` is no later than `due`.
        on_time: bool,
    },
}

impl WatchState {
    /// The rule that put the deploy in this state.
    pub const fn rule(&self) -> RuleId {
        match self {
            WatchState::Watching { .. } | WatchState::Successful { .. } => RuleId::Pd1,
            WatchState::DecisionRequired { .. } => RuleId::Pd2,
            WatchState::AutomaticRollback {
                trigger: Trigger::DecisionTimeout,
                ..
            } => RuleId::Pd3,
            WatchState::AutomaticRollback {
                trigger: Trigger::P1Error,
                ..
            } => RuleId::Pd4,
            WatchState::NoRollbackNeeded { .. } => RuleId::DtP4,
            WatchState::Decided { on_time: true, .. } => RuleId::Pd2,
            WatchState::Decided { on_time: false, .. } => RuleId::Pd3,
        }
    }
}

impl fmt::Display for WatchState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rule = self.rule();
        match *self {
            WatchState::Watching { until } => {
                write!(f, "watching until {} ({rule})", Timestamp(until))
            }
            WatchState::Successful { since } => {
                write!(f, "release successful since {} ({rule})", Timestamp(since))
            }
            WatchState::DecisionRequired { error_at, by } => write!(
                f,
                "errors since {}: rollback or forward fix due by {} ({rule})",
                Timestamp(error_at),
                Timestamp(by)
            ),
            WatchState::AutomaticRollback { since, trigger } => {
                let why = match trigger {
                    Trigger::DecisionTimeout => "no decision in time",
                    Trigger::P1Error => "P1 errors",
                };
                write!(
                    f,
                    "automatic rollback since {}: {why} ({rule})",
                    Timestamp(since)
                )
            }
            WatchState::NoRollbackNeeded { error_at } => write!(
                f,
                "P4 errors since {}: fix or defer, no rollback needed ({rule})",
                Timestamp(error_at)
            ),
            WatchState::Decided {
                outcome,
                at,
                due,
                on_time,
            } => {
                let timing = if on_time { "on time" } else { "late" };
                write!(
                    f,
                    "{} decided at {}, {timing} (due {}) ({rule})",
                    outcome.label(),
                    Timestamp(at),
                    Timestamp(due)
                )
            }
        }
    }
}

/// Where a deploy stands at `now`, under the standard's 30-minute windows.
///
/// See [`Policy::watch`].
///
/// # Errors
///
/// See [`Policy::watch`].
pub fn watch(deployment: &Deployment, now: DateTime<Utc>) -> Result<WatchState, Error> {
    Policy::STANDARD.watch(deployment, now)
}

impl Policy {
    /// Where a deploy stands at `now`, under this policy's watch windows.
    ///
    /// In order: a P1 first error means an automatic rollback from that
    /// moment (`PD-4`); a P4 first error needs no rollback (`DT-P4`) unless
    /// a decision was recorded anyway; any other error needs a decision
    /// within the decision window (`PD-2`), and without one the rollback is
    /// automatic when the window ends (`PD-3`); with no error, the deploy is
    /// watched until the error-free window ends and is then successful
    /// (`PD-1`).
    ///
    /// # Errors
    ///
    /// An impossible timeline, as [`Error::InvalidTimeline`]: `now` before
    /// `deployed_at`; `first_error.at` before `deployed_at` or after `now`;
    /// `decision.at` before `first_error.at` or after `now`. A decision with
    /// no first error, as [`Error::DecisionWithoutError`]. A window that
    /// would end past the last time `chrono` represents, as
    /// [`Error::TimeOutOfRange`].
    pub fn watch(&self, deployment: &Deployment, now: DateTime<Utc>) -> Result<WatchState, Error> {
        check_timeline(deployment, now)?;
        let windows = self.watch_windows();
        let deployed_at = deployment.deployed_at;
        let watch_ends = add_minutes(
            "deployed_at",
            deployed_at,
            windows.error_free_minutes,
            RuleId::Pd1,
        )?;
        let Some(error) = deployment.first_error else {
            return Ok(if now < watch_ends {
                WatchState::Watching { until: watch_ends }
            } else {
                WatchState::Successful { since: watch_ends }
            });
        };
        match (error.severity, deployment.decision) {
            (Severity::P1, _) => Ok(WatchState::AutomaticRollback {
                since: error.at,
                trigger: Trigger::P1Error,
            }),
            (Severity::P4, None) => Ok(WatchState::NoRollbackNeeded { error_at: error.at }),
            _ => decision_state(deployment, error, windows, now),
        }
    }
}

/// `PD-2` and `PD-3`, once an error that may need a rollback is recorded.
fn decision_state(
    deployment: &Deployment,
    error: FirstError,
    windows: &WatchWindows,
    now: DateTime<Utc>,
) -> Result<WatchState, Error> {
    let due = add_minutes(
        "first_error.at",
        error.at,
        windows.decision_minutes,
        RuleId::Pd2,
    )?;
    Ok(match deployment.decision {
        Some(decision) => WatchState::Decided {
            outcome: decision.outcome,
            at: decision.at,
            due,
            on_time: decision.at <= due,
        },
        None if now < due => WatchState::DecisionRequired {
            error_at: error.at,
            by: due,
        },
        None => WatchState::AutomaticRollback {
            since: due,
            trigger: Trigger::DecisionTimeout,
        },
    })
}

fn check_timeline(deployment: &Deployment, now: DateTime<Utc>) -> Result<(), Error> {
    let deployed_at = deployment.deployed_at;
    not_before(("now", now), ("deployed_at", deployed_at), RuleId::Pd1)?;
    if let Some(error) = deployment.first_error {
        not_before(
            ("first_error.at", error.at),
            ("deployed_at", deployed_at),
            RuleId::Pd2,
        )?;
        not_before(("now", now), ("first_error.at", error.at), RuleId::Pd2)?;
    }
    if let Some(decision) = deployment.decision {
        let Some(error) = deployment.first_error else {
            return Err(Error::DecisionWithoutError {
                outcome: decision.outcome,
                rule: RuleId::Pd2,
            });
        };
        not_before(
            ("decision.at", decision.at),
            ("first_error.at", error.at),
            RuleId::Pd2,
        )?;
        not_before(("now", now), ("decision.at", decision.at), RuleId::Pd2)?;
    }
    Ok(())
}

/// `earlier` must not be after `later`.
fn not_before(
    (field, value): (&'static str, DateTime<Utc>),
    (other, other_value): (&'static str, DateTime<Utc>),
    rule: RuleId,
) -> Result<(), Error> {
    if value < other_value {
        return Err(Error::InvalidTimeline {
            field,
            value,
            other,
            other_value,
            rule,
        });
    }
    Ok(())
}

/// `at` plus `minutes`, checked: chrono's `+` panics past its range.
fn add_minutes(
    field: &'static str,
    at: DateTime<Utc>,
    minutes: u32,
    rule: RuleId,
) -> Result<DateTime<Utc>, Error> {
    TimeDelta::try_minutes(i64::from(minutes))
        .and_then(|delta| at.checked_add_signed(delta))
        .ok_or(Error::TimeOutOfRange {
            field,
            value: at,
            minutes,
            rule,
        })
}

/// Where a deploy stands (§2 Phase 5), with the rule that put it there.
#[derive(Serialize, JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
#[schemars(rename = "WatchState")]
enum WatchStateJson {
    /// `PD-1`: no error yet; the release is successful if none comes by `until`.
    Watching {
        /// The end of the error-free window.
        until: DateTime<Utc>,
        /// `PD-1`.
        rule: RuleId,
    },
    /// `PD-1`: no errors within the window: the release is successful.
    Successful {
        /// When the error-free window closed.
        since: DateTime<Utc>,
        /// `PD-1`.
        rule: RuleId,
    },
    /// `PD-2`: errors detected; a rollback-or-forward-fix decision is due.
    DecisionRequired {
        /// When the first error was detected.
        error_at: DateTime<Utc>,
        /// When the decision is due; without one, the rollback is automatic.
        by: DateTime<Utc>,
        /// `PD-2`.
        rule: RuleId,
    },
    /// `PD-3` or `PD-4`: the rollback runs without waiting for a decision.
    AutomaticRollback {
        /// When it was triggered.
        since: DateTime<Utc>,
        /// Why.
        trigger: Trigger,
        /// `PD-3` (timeout) or `PD-4` (P1 errors).
        rule: RuleId,
    },
    /// `DT-P4`: P4 errors need no rollback.
    NoRollbackNeeded {
        /// When the first error was detected.
        error_at: DateTime<Utc>,
        /// `DT-P4`.
        rule: RuleId,
    },
    /// A decision was taken: `PD-2` on time, `PD-3` late.
    Decided {
        /// What was decided.
        outcome: Outcome,
        /// When.
        at: DateTime<Utc>,
        /// When it was due.
        due: DateTime<Utc>,
        /// Whether `at` is no later than `due`.
        on_time: bool,
        /// `PD-2` on time, `PD-3` late.
        rule: RuleId,
    },
}

impl From<WatchState> for WatchStateJson {
    fn from(state: WatchState) -> Self {
        let rule = state.rule();
        match state {
            WatchState::Watching { until } => WatchStateJson::Watching { until, rule },
            WatchState::Successful { since } => WatchStateJson::Successful { since, rule },
            WatchState::DecisionRequired { error_at, by } => {
                WatchStateJson::DecisionRequired { error_at, by, rule }
            }
            WatchState::AutomaticRollback { since, trigger } => WatchStateJson::AutomaticRollback {
                since,
                trigger,
                rule,
            },
            WatchState::NoRollbackNeeded { error_at } => {
                WatchStateJson::NoRollbackNeeded { error_at, rule }
            }
            WatchState::Decided {
                outcome,
                at,
                due,
                on_time,
            } => WatchStateJson::Decided {
                outcome,
                at,
                due,
                on_time,
                rule,
            },
        }
    }
}

impl Serialize for WatchState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WatchStateJson::from(*self).serialize(serializer)
    }
}

impl JsonSchema for WatchState {
    fn schema_name() -> Cow<'static, str> {
        "WatchState".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        WatchStateJson::json_schema(generator)
    }
}
