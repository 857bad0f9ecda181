//! The post-deploy watch of §2 Phase 5 (`PD-1` … `PD-4`); see the module
//! [`release`](super).

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::clock::add_minutes;
use crate::decision::outcome::{Outcome, TakenDecision};
use crate::error::Error;
use crate::policy::catalogue::{AppliedPolicy, PolicyField};
use crate::policy::sections::WatchWindows;
use crate::policy::{Policy, PolicyMark};
use crate::rule::RuleId;
use crate::severity::level::Severity;
use crate::text::Timestamp;
use crate::timeline::Stamp;

/// A production deploy under watch (§2 Phase 4 and 5): the input of [`watch`].
///
/// Built with [`Deployment::new`] and the `with_…` methods, or read from
/// JSON, where timestamps are RFC 3339, `errors` and `decision` are
/// optional (`null` is the same as leaving them out) and unknown fields are
/// refused:
///
/// ```json
/// {
///   "deployed_at": "2026-02-16T09:35:00Z",
///   "errors": [{"at": "2026-02-16T10:00:00Z", "severity": "P1"}],
///   "decision": {"outcome": "rollback", "at": "2026-02-16T10:05:00Z"}
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A production deploy under watch (§2 Phase 5): every error attributed to it, and the decision taken, if any. Timestamps are RFC 3339. Unknown fields are refused."
)]
#[non_exhaustive]
pub struct Deployment {
    /// When the release reached production.
    pub deployed_at: DateTime<Utc>,
    /// Every error detected and attributed to the deploy so far, each with
    /// its severity as classified, in any order. A later regrading of an
    /// error is recorded as another error, at the time of the regrading.
    #[serde(default, deserialize_with = "crate::reading::null_is_default")]
    #[schemars(with = "Option<Vec<DetectedError>>")]
    pub errors: Vec<DetectedError>,
    /// The decision taken on the deploy's errors, if any.
    #[serde(default)]
    pub decision: Option<TakenDecision>,
}

impl Deployment {
    /// A deploy with no error and no decision yet.
    pub const fn new(deployed_at: DateTime<Utc>) -> Self {
        Deployment {
            deployed_at,
            errors: Vec::new(),
            decision: None,
        }
    }

    /// Records an error detected at `at`, of `severity`.
    #[must_use]
    pub fn with_error(mut self, at: DateTime<Utc>, severity: Severity) -> Self {
        self.errors.push(DetectedError::new(at, severity));
        self
    }

    /// Records the decision taken at `at`.
    #[must_use]
    pub const fn with_decision(mut self, outcome: Outcome, at: DateTime<Utc>) -> Self {
        self.decision = Some(TakenDecision::new(outcome, at));
        self
    }

    /// The earliest recorded error that matches `wanted`.
    fn earliest(&self, wanted: impl Fn(&DetectedError) -> bool) -> Option<DetectedError> {
        self.errors
            .iter()
            .filter(|error| wanted(error))
            .min_by_key(|error| error.at)
            .copied()
    }
}

/// An error detected after a deploy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DetectedError {
    /// When it was detected.
    pub at: DateTime<Utc>,
    /// Its severity, as classified: P1 triggers the automatic rollback
    /// (`PD-4`), P4 needs none (`DT-P4`).
    pub severity: Severity,
}

impl DetectedError {
    /// An error detected at `at`, of `severity`.
    pub const fn new(at: DateTime<Utc>, severity: Severity) -> Self {
        DetectedError { at, severity }
    }
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

impl Trigger {
    /// The rule of the trigger: `PD-3` or `PD-4`.
    pub const fn rule(self) -> RuleId {
        match self {
            Trigger::DecisionTimeout => RuleId::Pd3,
            Trigger::P1Error => RuleId::Pd4,
        }
    }
}

/// Why a recorded decision does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SetAsideReason {
    /// `PD-2`: a `defer` on an error that needs "Rollback or forward fix?".
    NotRollbackOrForwardFix,
    /// `PD-2`: decided before the error that starts the clock (after an
    /// earlier P4 error), so it does not answer that error.
    BeforeTheError,
    /// `PD-3`: decided after the deadline, when the rollback was already
    /// automatic.
    TooLate,
    /// `PD-4`: a P1 error started the automatic rollback, which no decision
    /// stops.
    OvertakenByP1,
}

impl SetAsideReason {
    /// The rule that sets the decision aside.
    pub const fn rule(self) -> RuleId {
        match self {
            SetAsideReason::NotRollbackOrForwardFix | SetAsideReason::BeforeTheError => RuleId::Pd2,
            SetAsideReason::TooLate => RuleId::Pd3,
            SetAsideReason::OvertakenByP1 => RuleId::Pd4,
        }
    }
}

/// A decision recorded on a deploy that the watch does not count, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct SetAsideDecision {
    /// What was decided.
    pub outcome: Outcome,
    /// When.
    pub at: DateTime<Utc>,
    /// Why it does not count.
    pub reason: SetAsideReason,
}

impl fmt::Display for SetAsideDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            SetAsideReason::NotRollbackOrForwardFix => {
                "does not count: the decision due is rollback or forward fix"
            }
            SetAsideReason::BeforeTheError => {
                "came before the error that needs a decision and does not answer it"
            }
            SetAsideReason::TooLate => "came after the deadline, too late to count",
            SetAsideReason::OvertakenByP1 => "is overtaken by the automatic rollback",
        };
        write!(
            f,
            "{} decided at {} {why} ({})",
            self.outcome.label(),
            Timestamp(self.at),
            self.reason.rule()
        )
    }
}

/// Where a deploy stands at `now` (§2 Phase 5).
///
/// In JSON, `{"state": "decision_required", "error_at": …, "by": …,
/// "set_aside": null, "rule": "PD-2"}`: every state names the rule that put
/// the deploy in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(into = "WatchStateJson")]
#[schemars(
    with = "WatchStateJson",
    description = "Where a deploy stands (§2 Phase 5), with the rule that put it there."
)]
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
        /// When the first error that needs a decision (P1, P2 or P3) was
        /// detected: the start of the clock.
        error_at: DateTime<Utc>,
        /// When the decision is due; without one, the rollback is automatic.
        by: DateTime<Utc>,
        /// A `defer`, or a decision taken before the error, which does not
        /// stop the clock.
        set_aside: Option<SetAsideDecision>,
    },
    /// `PD-3` or `PD-4`: the rollback runs without waiting for a decision.
    AutomaticRollback {
        /// When it was triggered: the deadline of `PD-3`, or the first P1
        /// error of `PD-4`, whichever came first.
        since: DateTime<Utc>,
        /// Why.
        trigger: Trigger,
        /// A decision recorded but overtaken, late, or a `defer`.
        set_aside: Option<SetAsideDecision>,
    },
    /// `DT-P4`: every error is P4: "Fix or defer (no rollback needed)"; no
    /// decision clock runs and nothing is ever late.
    NoRollbackNeeded {
        /// When the first error was detected.
        error_at: DateTime<Utc>,
        /// The decision recorded, if any; any decision, at any time, is
        /// acceptable.
        decision: Option<TakenDecision>,
    },
    /// `PD-2`: a rollback, forward fix or hybrid decided by the deadline.
    Decided {
        /// What was decided.
        outcome: Outcome,
        /// When.
        at: DateTime<Utc>,
        /// When it was due; `at` is never later.
        due: DateTime<Utc>,
    },
}

impl WatchState {
    /// The rule that put the deploy in this state.
    pub const fn rule(&self) -> RuleId {
        match self {
            WatchState::Watching { .. } | WatchState::Successful { .. } => RuleId::Pd1,
            WatchState::DecisionRequired { .. } | WatchState::Decided { .. } => RuleId::Pd2,
            WatchState::AutomaticRollback { trigger, .. } => trigger.rule(),
            WatchState::NoRollbackNeeded { .. } => RuleId::DtP4,
        }
    }

    /// Whether the deploy is being rolled back without waiting for anyone:
    /// what a release pipeline acts on.
    pub const fn is_automatic_rollback(&self) -> bool {
        matches!(self, WatchState::AutomaticRollback { .. })
    }
}

impl fmt::Display for WatchState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rule = self.rule();
        let set_aside = match *self {
            WatchState::Watching { until } => {
                return write!(f, "watching until {} ({rule})", Timestamp(until));
            }
            WatchState::Successful { since } => {
                return write!(f, "release successful since {} ({rule})", Timestamp(since));
            }
            WatchState::DecisionRequired {
                error_at,
                by,
                set_aside,
            } => {
                write!(
                    f,
                    "errors since {}: rollback or forward fix due by {} ({rule})",
                    Timestamp(error_at),
                    Timestamp(by)
                )?;
                set_aside
            }
            WatchState::AutomaticRollback {
                since,
                trigger,
                set_aside,
            } => {
                let why = match trigger {
                    Trigger::DecisionTimeout => "no decision in time",
                    Trigger::P1Error => "P1 errors",
                };
                write!(
                    f,
                    "automatic rollback since {}: {why} ({rule})",
                    Timestamp(since)
                )?;
                set_aside
            }
            WatchState::NoRollbackNeeded { error_at, decision } => {
                write!(
                    f,
                    "P4 errors since {}: fix or defer, no rollback needed ({rule})",
                    Timestamp(error_at)
                )?;
                if let Some(decision) = decision {
                    write!(
                        f,
                        "; {} decided at {}",
                        decision.outcome.label(),
                        Timestamp(decision.at)
                    )?;
                }
                return Ok(());
            }
            WatchState::Decided { outcome, at, due } => {
                return write!(
                    f,
                    "{} decided at {}, on time (due {}) ({rule})",
                    outcome.label(),
                    Timestamp(at),
                    Timestamp(due)
                );
            }
        };
        match set_aside {
            Some(set_aside) => write!(f, "; {set_aside}"),
            None => Ok(()),
        }
    }
}

/// The answer of [`watch`]: where a deploy stands at `now`, and the policy
/// whose windows were applied.
///
/// It compares equal to the [`WatchState`] it holds, so that
/// `watch(&deployment, now)? == WatchState::…` reads as it should.
/// `Display` gives the state and the policy on one line, for logs; in JSON
/// the state's fields with a `policy` beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(into = "WatchJson")]
#[schemars(
    with = "WatchJson",
    description = "Where a deploy stands, and the policy applied."
)]
pub struct Watch {
    state: WatchState,
    windows: WatchWindows,
    /// The policy that produced it.
    policy: PolicyMark,
    /// Events recorded after `now`, set aside.
    events_after_now: u32,
}

impl Watch {
    /// Where the deploy stands.
    pub const fn state(&self) -> WatchState {
        self.state
    }

    /// The rule that put the deploy in its state.
    pub const fn rule(&self) -> RuleId {
        self.state.rule()
    }

    /// Whether the deploy is being rolled back without waiting for anyone.
    pub const fn is_automatic_rollback(&self) -> bool {
        self.state.is_automatic_rollback()
    }

    /// How many recorded events (errors, the decision) come after `now`:
    /// they had not happened yet at `now`, so the state is read without
    /// them.
    pub const fn events_after_now(&self) -> u32 {
        self.events_after_now
    }

    /// Which policy produced the answer: the standard, or a custom policy
    /// with the watch windows it changed.
    pub fn applied_policy(&self) -> AppliedPolicy {
        AppliedPolicy::new(
            self.policy,
            &[
                (
                    PolicyField::ErrorFreeMinutes,
                    self.windows.error_free_minutes.into(),
                ),
                (
                    PolicyField::WatchDecisionMinutes,
                    self.windows.decision_minutes.into(),
                ),
            ],
        )
    }
}

impl PartialEq<WatchState> for Watch {
    fn eq(&self, state: &WatchState) -> bool {
        self.state == *state
    }
}

/// The state, then the policy: `watching until 2026-02-16T09:30:00Z (PD-1);
/// standard applied: EATGF-DSS-INC-01 v1.0`.
impl fmt::Display for Watch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.state)?;
        match self.events_after_now {
            0 => {}
            1 => f.write_str("; 1 event after now set aside, not yet happened")?,
            n => write!(f, "; {n} events after now set aside, not yet happened")?,
        }
        write!(f, "; {}", self.applied_policy())
    }
}

/// Where a deploy stands, and the policy applied.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Watch", extend("required" = ["events_after_now", "policy"]))]
struct WatchJson {
    #[serde(flatten)]
    state: WatchStateJson,
    /// Events recorded after `now` (errors, the decision), set aside: at
    /// `now` they had not happened yet.
    events_after_now: u32,
    /// The policy whose watch windows were applied.
    policy: AppliedPolicy,
}

impl From<Watch> for WatchJson {
    fn from(watch: Watch) -> Self {
        WatchJson {
            state: watch.state.into(),
            events_after_now: watch.events_after_now,
            policy: watch.applied_policy(),
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
pub fn watch(deployment: &Deployment, now: DateTime<Utc>) -> Result<Watch, Error> {
    Policy::STANDARD.watch(deployment, now)
}

impl Policy {
    /// Where a deploy stands at `now`, under this policy's watch windows.
    ///
    /// With no error recorded, the deploy is watched until the error-free
    /// window ends, and is then successful (`PD-1`). When every error is
    /// P4, no rollback is needed (`DT-P4`). Otherwise the first P1, P2 or
    /// P3 error starts the decision clock (`PD-2`); a rollback, forward fix
    /// or hybrid decided by its end stops it, and without one the rollback
    /// is automatic from the deadline (`PD-3`). A P1 error makes the
    /// rollback automatic from that error, decision or not (`PD-4`). See the
    /// [module](crate::release) for the table of states and the
    /// interpretations.
    ///
    /// The state is read as of `now`: an error or a decision recorded after
    /// `now` had not happened yet, so it is set aside and counted
    /// ([`Watch::events_after_now`]). Replaying a recorded deploy at any
    /// earlier moment gives the state it was in then, and a bot whose clock
    /// lags the recorded events by a second gets the state of that second.
    ///
    /// # Errors
    ///
    /// An impossible timeline, as [`Error::InvalidTimeline`]: `now` before
    /// `deployed_at`; an error (`errors[2].at`) before `deployed_at`;
    /// `decision.at` before the first error. A decision with no error, as
    /// [`Error::DecisionWithoutError`]. A window
    /// that would end past the last time `chrono` represents, when the
    /// answer needs that instant, as [`Error::TimeOutOfRange`].
    pub fn watch(&self, deployment: &Deployment, now: DateTime<Utc>) -> Result<Watch, Error> {
        check_timeline(deployment, now)?;
        let happened = |at: DateTime<Utc>| at <= now;
        let later = deployment.errors.iter().filter(|e| !happened(e.at)).count()
            + usize::from(deployment.decision.is_some_and(|d| !happened(d.at)));
        let state = self.watch_state(deployment, now)?;
        Ok(Watch {
            state,
            windows: *self.watch_windows(),
            policy: self.mark(),
            events_after_now: u32::try_from(later).unwrap_or(u32::MAX),
        })
    }

    /// The state of [`Policy::watch`], without the policy.
    fn watch_state(
        &self,
        deployment: &Deployment,
        now: DateTime<Utc>,
    ) -> Result<WatchState, Error> {
        let windows = self.watch_windows();
        // As of `now`: what was recorded later had not happened yet.
        let decision = deployment.decision.filter(|d| d.at <= now);
        let Some(first) = deployment.earliest(|error| error.at <= now) else {
            let until = add_minutes(
                "deployed_at",
                deployment.deployed_at,
                windows.error_free_minutes,
                RuleId::Pd1,
            )?;
            return Ok(if now < until {
                WatchState::Watching { until }
            } else {
                WatchState::Successful { since: until }
            });
        };
        let Some(clock) =
            deployment.earliest(|error| error.at <= now && error.severity > Severity::P4)
        else {
            return Ok(WatchState::NoRollbackNeeded {
                error_at: first.at,
                decision,
            });
        };
        let first_p1 =
            deployment.earliest(|error| error.at <= now && error.severity == Severity::P1);
        let window = windows.decision_minutes;
        // `None` when the deadline falls past the end of time: never reached.
        let due = TimeDelta::try_minutes(i64::from(window))
            .and_then(|delta| clock.at.checked_add_signed(delta));
        let on_time = |decision: &TakenDecision| due.is_none_or(|due| decision.at <= due);
        // A decision answers the error that starts the clock: a rollback,
        // forward fix or hybrid taken at or after it, by the deadline.
        let counted = decision.filter(|decision| {
            decision.is_rollback_or_forward_fix() && decision.at >= clock.at && on_time(decision)
        });
        let timeout = due.filter(|due| counted.is_none() && now >= *due);
        let automatic = match (first_p1, timeout) {
            (Some(p1), Some(timeout)) if timeout < p1.at => {
                Some((timeout, Trigger::DecisionTimeout))
            }
            (Some(p1), _) => Some((p1.at, Trigger::P1Error)),
            (None, Some(timeout)) => Some((timeout, Trigger::DecisionTimeout)),
            (None, None) => None,
        };
        let out_of_range = || Error::TimeOutOfRange {
            field: "errors[].at",
            value: clock.at,
            minutes: window,
            rule: RuleId::Pd2,
        };
        // Why a recorded decision does not count: the reason follows the
        // trigger of the rollback, if any.
        let set_aside = |decision: TakenDecision, trigger: Option<Trigger>| SetAsideDecision {
            outcome: decision.outcome,
            at: decision.at,
            reason: if !decision.is_rollback_or_forward_fix() {
                SetAsideReason::NotRollbackOrForwardFix
            } else if decision.at < clock.at {
                SetAsideReason::BeforeTheError
            } else if trigger == Some(Trigger::P1Error) {
                SetAsideReason::OvertakenByP1
            } else {
                SetAsideReason::TooLate
            },
        };
        Ok(match (automatic, counted) {
            (Some((since, trigger)), _) => WatchState::AutomaticRollback {
                since,
                trigger,
                set_aside: decision.map(|d| set_aside(d, Some(trigger))),
            },
            (None, Some(decision)) => WatchState::Decided {
                outcome: decision.outcome,
                at: decision.at,
                due: due.ok_or_else(out_of_range)?,
            },
            (None, None) => WatchState::DecisionRequired {
                error_at: clock.at,
                by: due.ok_or_else(out_of_range)?,
                set_aside: decision.map(|d| set_aside(d, None)),
            },
        })
    }
}

/// The recorded timeline is possible: the deploy before `now`, every
/// error after the deploy, a decision only on an error and not before the
/// first. Events after `now` are possible too: they are set aside, as not
/// yet happened at `now`.
fn check_timeline(deployment: &Deployment, now: DateTime<Utc>) -> Result<(), Error> {
    let deployed_at = deployment.deployed_at;
    if now < deployed_at {
        return Err(before("now", now, "deployed_at", deployed_at, RuleId::Pd1));
    }
    for (i, error) in deployment.errors.iter().enumerate() {
        if error.at < deployed_at {
            let field = format!("errors[{i}].at");
            return Err(before(
                field,
                error.at,
                "deployed_at",
                deployed_at,
                RuleId::Pd2,
            ));
        }
    }
    if let Some(decision) = deployment.decision {
        let first = deployment
            .errors
            .iter()
            .enumerate()
            .min_by_key(|(_, error)| error.at);
        let Some((i, first)) = first else {
            return Err(Error::DecisionWithoutError {
                outcome: decision.outcome,
                rule: RuleId::Pd2,
            });
        };
        if decision.at < first.at {
            let other = format!("errors[{i}].at");
            return Err(before(
                Stamp::Decision.path(),
                decision.at,
                other,
                first.at,
                RuleId::Pd2,
            ));
        }
    }
    Ok(())
}

/// `field` is before `other`, which it must not precede.
fn before(
    field: impl Into<Cow<'static, str>>,
    value: DateTime<Utc>,
    other: impl Into<Cow<'static, str>>,
    other_value: DateTime<Utc>,
    rule: RuleId,
) -> Error {
    Error::InvalidTimeline {
        field: field.into(),
        value,
        other: other.into(),
        other_value,
        rule,
    }
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
        /// When the first error that needs a decision was detected.
        error_at: DateTime<Utc>,
        /// When the decision is due; without one, the rollback is automatic.
        by: DateTime<Utc>,
        /// A `defer` recorded, which does not stop the clock; `null` if none.
        set_aside: Option<SetAsideDecision>,
        /// `PD-2`.
        rule: RuleId,
    },
    /// `PD-3` or `PD-4`: the rollback runs without waiting for a decision.
    AutomaticRollback {
        /// When it was triggered.
        since: DateTime<Utc>,
        /// Why.
        trigger: Trigger,
        /// A decision recorded but overtaken, late, or a `defer`; `null` if none.
        set_aside: Option<SetAsideDecision>,
        /// `PD-3` (timeout) or `PD-4` (P1 errors).
        rule: RuleId,
    },
    /// `DT-P4`: P4 errors need no rollback; nothing is ever late.
    NoRollbackNeeded {
        /// When the first error was detected.
        error_at: DateTime<Utc>,
        /// The decision recorded, if any.
        decision: Option<TakenDecision>,
        /// `DT-P4`.
        rule: RuleId,
    },
    /// `PD-2`: a rollback, forward fix or hybrid decided on time.
    Decided {
        /// What was decided.
        outcome: Outcome,
        /// When.
        at: DateTime<Utc>,
        /// When it was due.
        due: DateTime<Utc>,
        /// `PD-2`.
        rule: RuleId,
    },
}

impl From<WatchState> for WatchStateJson {
    fn from(state: WatchState) -> Self {
        let rule = state.rule();
        match state {
            WatchState::Watching { until } => WatchStateJson::Watching { until, rule },
            WatchState::Successful { since } => WatchStateJson::Successful { since, rule },
            WatchState::DecisionRequired {
                error_at,
                by,
                set_aside,
            } => WatchStateJson::DecisionRequired {
                error_at,
                by,
                set_aside,
                rule,
            },
            WatchState::AutomaticRollback {
                since,
                trigger,
                set_aside,
            } => WatchStateJson::AutomaticRollback {
                since,
                trigger,
                set_aside,
                rule,
            },
            WatchState::NoRollbackNeeded { error_at, decision } => {
                WatchStateJson::NoRollbackNeeded {
                    error_at,
                    decision,
                    rule,
                }
            }
            WatchState::Decided { outcome, at, due } => WatchStateJson::Decided {
                outcome,
                at,
                due,
                rule,
            },
        }
    }
}
