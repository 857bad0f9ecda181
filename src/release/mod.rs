//! §2 Rollback Procedure: the release gate before a deploy and the
//! post-deploy watch after it.
//!
//! # The gate
//!
//! §2 Phases 1-3, the Mandatory clause and the Developer Checklist: the
//! release gate ([`check_release`], rules `RG-1` … `RG-7`).
//!
//! > **Mandatory:** All production changes must have rollback procedures
//! > tested before deployment.
//!
//! | id | the evidence must show |
//! |---|---|
//! | `RG-1` | all CI/CD gates passed |
//! | `RG-2` | staging at least 48 h before the planned production deploy ("T-48h") |
//! | `RG-3` | at least 72 h of production-like traffic in staging, with performance, errors and data consistency measured |
//! | `RG-4` | a rollback test in staging with traffic active |
//! | `RG-5` | that rollback took under 5 min (strict) |
//! | `RG-6` | it lost no data, and the previous version was verified stable |
//! | `RG-7` | a one-command rollback script exists for the release |
//!
//! Missing evidence is a violation, never a pass, and the gate reports
//! **every** violated rule, not only the first. `RG-2` and `RG-3` are
//! separate checks (**Interpretation**): 72 h of soak implies a staging
//! deploy at least 72 h before, so `RG-3` is the binding one.
//!
//! # The watch
//!
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
//! The caller records on a [`Deployment`] every error it attributes to the
//! deploy, with its severity as classified, and the decision taken, if any;
//! [`watch`] says where the deploy stands at `now`:
//!
//! | state | rule | when |
//! |---|---|---|
//! | [`Watching`](WatchState::Watching) | `PD-1` | no error yet, inside the error-free window |
//! | [`Successful`](WatchState::Successful) | `PD-1` | no error by the end of the error-free window |
//! | [`NoRollbackNeeded`](WatchState::NoRollbackNeeded) | `DT-P4` | every error is P4: no decision clock runs, nothing is ever late |
//! | [`DecisionRequired`](WatchState::DecisionRequired) | `PD-2` | a P2 or P3 error, no decision yet, before its deadline |
//! | [`Decided`](WatchState::Decided) | `PD-2` | a rollback, forward fix or hybrid decided by the deadline |
//! | [`AutomaticRollback`](WatchState::AutomaticRollback) | `PD-3` | the deadline passed without such a decision |
//! | [`AutomaticRollback`](WatchState::AutomaticRollback) | `PD-4` | a P1 error, at the first one, whatever came before it |
//!
//! ## Interpretations of the watch
//!
//! - **Both windows are inclusive.** An error at exactly 30 minutes after
//!   the deploy is "within 30 minutes"; a decision at exactly 30 minutes
//!   after the first error is on time, and at that same instant without one
//!   the rollback becomes automatic.
//! - **Every recorded error counts**, even one first seen after the 30
//!   error-free minutes: the release was successful until then, and the
//!   error still needs its decision, or rolls back at once if it is P1 (the
//!   automated trigger of §4 has no time limit).
//! - **The decision clock starts at the first error that needs a
//!   decision**: the first P1, P2 or P3 error. A P4 error needs no rollback
//!   (§1 P4 "Fix or defer (no rollback needed)", `DT-P4`), so it starts no
//!   clock, and a deploy whose errors are all P4 is never late, whatever is
//!   decided, or when.
//! - **Only a rollback, a forward fix or a hybrid answers `PD-2`**: it asks
//!   for "Rollback or forward fix?", and a hybrid is both. A `defer` is the
//!   answer to a P4 (`DT-P4`); on a P2 or P3 error it does not stop the
//!   clock, and the state says it was set aside. Nor does a decision taken
//!   before the error that starts the clock (on an earlier P4 error, say):
//!   it does not answer that error.
//! - **An automatic rollback is never hidden.** Once the deadline passes
//!   without a decision that counts, or a P1 error arrives, the state is the
//!   automatic rollback, from the earliest of those instants (at a tie, the
//!   P1 error). A decision recorded but overtaken, late, early or a
//!   `defer` is reported beside it as a [`SetAsideDecision`], never in its
//!   place; its reason follows the trigger.
//!
//! ## Which clock applies right after a deploy
//!
//! Two clocks of the standard can apply to an error that follows a deploy.
//! Phase 5 of §2 gives 30 minutes from the first error ("30-min critical
//! decision"), after which the rollback is automatic; §1 gives each
//! severity a decision window counted from detection (P1 60 min, P2 4 h,
//! P3 24 h), which [`Decision::decide_within_minutes`](crate::Decision::decide_within_minutes)
//! reports. Phase 5 is the rule for a release under watch and the tighter
//! of the two, so it binds first: a P2 or P3 error attributed to a fresh
//! deploy is decided within 30 minutes or rolled back, and the §1 window is
//! then met by that rollback. The §1 windows govern every other incident:
//! one not attributed to a deploy, or an error whose deploy is no longer
//! watched by the caller.
//!
//! ```
//! use incident_response::chrono::{TimeDelta, TimeZone, Utc};
//! use incident_response::release::Trigger;
//! use incident_response::{watch, Deployment, Severity, WatchState};
//!
//! let deployed_at = Utc.with_ymd_and_hms(2026, 2, 16, 9, 0, 0).unwrap();
//! let at = |minute| deployed_at + TimeDelta::minutes(minute);
//! assert_eq!(
//!     watch(&Deployment::new(deployed_at), at(15))?,
//!     WatchState::Watching { until: at(30) },
//! );
//!
//! // A P2 error at 09:10: a rollback or forward fix is due by 09:40.
//! let deployment = Deployment::new(deployed_at).with_error(at(10), Severity::P2);
//! assert_eq!(
//!     watch(&deployment, at(15))?,
//!     WatchState::DecisionRequired { error_at: at(10), by: at(40), set_aside: None },
//! );
//!
//! // The same error regraded P1 at 09:20: the rollback is automatic from then.
//! let deployment = deployment.with_error(at(20), Severity::P1);
//! assert_eq!(
//!     watch(&deployment, at(25))?,
//!     WatchState::AutomaticRollback { since: at(20), trigger: Trigger::P1Error, set_aside: None },
//! );
//! # Ok::<(), incident_response::Error>(())
//! ```

pub(crate) mod gate;
pub(crate) mod watch;

pub use gate::{
    GateCheck, GateStatus, Readiness, ReleaseEvidence, RollbackTest, Soak, Violation, check_release,
};
pub use watch::{
    Deployment, DetectedError, SetAsideDecision, SetAsideReason, Trigger, Watch, WatchState, watch,
};
