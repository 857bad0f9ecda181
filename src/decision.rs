//! §3 Rollback Decision Matrix: [`decide`] whether to roll back or fix
//! forward, with the path of rules that led there.
//!
//! ```text
//! Is the issue CRITICAL (P1)?                 DT-1  YES: ROLLBACK (don't debug; restore service first)
//! Is the issue a DATA LOSS or CORRUPTION?     DT-2  YES: ROLLBACK (prevent further data damage)
//!   … unless the rollback needs a backup that cannot be restored in time:
//!                                             DT-H  HYBRID: Rollback infra + deploy patch simultaneously
//! Is the issue LOW (P4)?                      DT-P4 Fix or defer (no rollback needed)
//! Is the issue in the DEPLOYMENT, simple?     DT-3  Simple (.jar swap, config change): ROLLBACK
//! Is the issue in the DATABASE MIGRATION?     DT-4  YES: Can you restore from pre-migration backup?
//!   … in under 30 min?                        DT-4  YES, <30 min: ROLLBACK; NO, >30 min: FORWARD FIX
//! Can the fix be deployed in <30 min?         DT-5  YES: FORWARD FIX; NO: ROLLBACK
//! ```
//!
//! The tree is walked in that order and the first rule that decides wins.
//! Every question asked is recorded, with the answer, whether the answer
//! came from the context or from a default, and the standard's words for the
//! branch taken. [`Decision::counterfactuals`] lists what would change the
//! outcome, and [`decision_table`] lists every path through the tree.
//!
//! ```
//! use incident_response::decision::{Cause, Revert};
//! use incident_response::{decide, IncidentContext, Outcome, RuleId, Severity};
//!
//! let context = IncidentContext::new(Severity::P2)
//!     .with_data_loss(false)
//!     .with_cause(Cause::Deployment { revert: Revert::Simple });
//! let decision = decide(&context)?;
//! assert_eq!(decision.outcome(), Outcome::Rollback);
//! assert_eq!(decision.deciding_rule(), RuleId::Dt3);
//! assert_eq!(decision.decide_within_minutes(), Some(240));
//! # Ok::<(), incident_response::Error>(())
//! ```

pub(crate) mod context;
mod counterfactual;
pub(crate) mod explain;
pub(crate) mod outcome;
pub(crate) mod path;
pub(crate) mod table;

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::policy::catalogue::{AppliedPolicy, PolicyField};
use crate::policy::sections::DecisionWindows;
use crate::policy::{Fingerprint, Policy, PolicyMark};
use crate::rule::{RuleId, STANDARD, Standard};
use crate::severity::level::Severity;
use explain::DecisionJson;
use path::{Path, Question};

pub use context::{Cause, Fix, IncidentContext, Revert};
pub use counterfactual::{Assumption, Change, Counterfactual};
pub use explain::{PathStep, QuoteNote};
pub use outcome::{Outcome, TakenDecision};
pub use table::{DecisionTable, TableRow, decision_table};

/// The answer to the question of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
}

impl Answer {
    const fn from_bool(yes: bool) -> Answer {
        if yes { Answer::Yes } else { Answer::No }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Answer::Yes => "yes",
            Answer::No => "no",
        })
    }
}

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A fact the context states.
    Context,
    /// A default assumed because the context is silent: no data loss, an
    /// unknown cause, no usable backup, no fix ready.
    Default,
}

/// The outcome of [`decide`], with the path of rules that led to it.
///
/// `Display` renders the explanation to paste into the incident channel:
/// the outcome and its deadline, one line per rule, what would change the
/// outcome, and the edition of the standard applied. Serde renders the same
/// for machines.
///
/// ```
/// use incident_response::{decide, IncidentContext, Outcome, Severity};
///
/// let decision = decide(&IncidentContext::new(Severity::P1))?;
/// assert_eq!(decision.outcome(), Outcome::Rollback);
/// assert_eq!(decision.to_string().lines().next(), Some(
///     "ROLLBACK (P1, decide within 1 h): Use pre-tested rollback script"
/// ));
/// # Ok::<(), incident_response::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(into = "DecisionJson")]
#[schemars(
    with = "DecisionJson",
    description = "The outcome of a rollback-or-forward-fix decision (§3), with the path of\nrules that led to it, what would change it and the standard applied."
)]
// In this order, widest first, every field is copied aligned: the default
// layout left the context at an odd offset, and copying it there cost more
// than the whole walk of the tree.
#[repr(C)]
pub struct Decision {
    path: Path,
    windows: DecisionWindows,
    decide_within_minutes: Option<u32>,
    context: IncidentContext,
    outcome: Outcome,
    /// The policy that produced it.
    policy: PolicyMark,
}

impl Decision {
    /// What to do.
    pub const fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// What to do next, in the standard's words.
    pub const fn next_action(&self) -> &'static str {
        self.outcome.next_action()
    }

    /// The severity of the incident.
    pub const fn severity(&self) -> Severity {
        self.context.severity
    }

    /// Minutes from detection by which the decision is due (§1: P1 60, P2
    /// 240, P3 1440, or the policy's); `None` for P4, which needs no
    /// rollback decision.
    ///
    /// This is the §1 clock of an incident. An error attributed to a deploy
    /// still under its post-deploy watch runs on the tighter clock of §2
    /// Phase 5 as well: 30 minutes from the first error, after which the
    /// rollback is automatic (`PD-2`, `PD-3`; see [`watch`](crate::watch)
    /// and the [`release`](crate::release) module). That clock binds
    /// first, and a rollback it triggers meets this deadline too.
    pub const fn decide_within_minutes(&self) -> Option<u32> {
        self.decide_within_minutes
    }

    /// The context the decision was taken on.
    pub const fn context(&self) -> &IncidentContext {
        &self.context
    }

    /// The edition of the standard applied, on which a custom policy may
    /// have changed numbers: see [`Decision::applied_policy`].
    pub const fn standard(&self) -> Standard {
        STANDARD
    }

    /// Which policy produced the decision: the standard, or a custom policy
    /// with the values this decision applied that are not the standard's
    /// (the decision windows and the severity's decision deadline).
    ///
    /// ```
    /// use incident_response::policy::DecisionWindows;
    /// use incident_response::{IncidentContext, Policy, Severity};
    ///
    /// let policy = Policy::default().with_decision_windows(
    ///     DecisionWindows::STANDARD.with_backup_restore_minutes(20),
    /// )?;
    /// let decision = policy.decide(&IncidentContext::new(Severity::P2))?;
    /// let applied = decision.applied_policy();
    /// assert!(applied.custom);
    /// assert_eq!(applied.fingerprint.to_string(), format!("{:016x}", policy.fingerprint()));
    /// assert!(applied.to_string().ends_with(
    ///     "with decision.backup_restore_minutes `20` (the standard's `30`)"
    /// ));
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    pub fn applied_policy(&self) -> AppliedPolicy {
        AppliedPolicy::new(
            self.policy,
            &[
                (
                    PolicyField::BackupRestoreMinutes,
                    self.windows.backup_restore_minutes.into(),
                ),
                (
                    PolicyField::FixDeployMinutes,
                    self.windows.fix_deploy_minutes.into(),
                ),
                (
                    PolicyField::decision(self.severity()),
                    self.decide_within_minutes.into(),
                ),
            ],
        )
    }

    /// The rule whose answer settled the outcome: the last step of the
    /// path, but for a `DT-H` that answered no: it leaves the rollback to
    /// the rule that asked it, `DT-1` or `DT-2`.
    pub fn deciding_rule(&self) -> RuleId {
        let len = self.path.len();
        let back = |n: usize| len.checked_sub(n).map(|i| self.path.step(i));
        match back(1) {
            Some(last) if last.question == Question::Hybrid && last.answer == Answer::No => {
                back(2).map_or(RuleId::Dt1, |step| step.question.rule())
            }
            Some(last) => last.question.rule(),
            None => RuleId::Dt1,
        }
    }

    /// The questions asked, in order, from `DT-1` to the deciding rule
    /// (and the `DT-H` it asked, when that answered no). `DT-4` may appear
    /// twice: "Is the issue in the DATABASE MIGRATION?",
    /// then "Can you restore from pre-migration backup?".
    pub fn path(&self) -> impl ExactSizeIterator<Item = PathStep<'_>> + '_ {
        let path = self.path;
        (0..path.len()).map(move |i| {
            let previous = i.checked_sub(1).map(|p| path.step(p).question);
            PathStep::new(self, path.step(i), previous)
        })
    }

    /// Whether any answer came from a default rather than from the context.
    pub fn rests_on_assumptions(&self) -> bool {
        self.path.steps().any(|step| step.basis == Basis::Default)
    }

    /// The decision in short, for streams where the whole explanation is
    /// too much: the outcome, the deciding rule, the next action, the
    /// deadline and the policy's fingerprint.
    ///
    /// ```
    /// use incident_response::decision::{Cause, Revert};
    /// use incident_response::{decide, IncidentContext, Outcome, RuleId, Severity};
    ///
    /// let context = IncidentContext::new(Severity::P2)
    ///     .with_cause(Cause::Deployment { revert: Revert::Simple });
    /// let brief = decide(&context)?.brief();
    /// assert_eq!((brief.outcome, brief.deciding_rule), (Outcome::Rollback, RuleId::Dt3));
    /// assert_eq!(brief.decide_within_minutes, Some(240));
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    pub fn brief(&self) -> DecisionBrief {
        DecisionBrief {
            outcome: self.outcome,
            deciding_rule: self.deciding_rule(),
            next_action: self.next_action(),
            decide_within_minutes: self.decide_within_minutes,
            fingerprint: self.policy.fingerprint(),
        }
    }

    /// The (question, answer) pairs of the path: which row of the
    /// [`DecisionTable`] this decision falls in, with the outcome.
    fn signature(&self) -> impl Iterator<Item = (Question, Answer)> + '_ {
        self.path.steps().map(|step| (step.question, step.answer))
    }
}

/// A decision in short ([`Decision::brief`]): in JSON
/// `{"outcome": "rollback", "deciding_rule": "DT-3", "next_action": "Use
/// pre-tested rollback script", "decide_within_minutes": 240,
/// "fingerprint": "…"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct DecisionBrief {
    /// What to do.
    pub outcome: Outcome,
    /// The rule whose answer settled it.
    pub deciding_rule: RuleId,
    /// What to do next, in the standard's words.
    pub next_action: &'static str,
    /// Minutes from detection by which the decision is due; `null` for P4.
    pub decide_within_minutes: Option<u32>,
    /// The fingerprint of the policy that produced it.
    pub fingerprint: Fingerprint,
}

/// `ROLLBACK (DT-3): Use pre-tested rollback script`.
impl fmt::Display for DecisionBrief {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.outcome.label(),
            self.deciding_rule,
            self.next_action
        )
    }
}

/// Decides between rollback and forward fix under the standard's windows.
///
/// See [`Policy::decide`] for the tree and for custom windows.
///
/// ```
/// use incident_response::decision::Cause;
/// use incident_response::{decide, IncidentContext, Outcome, Severity};
///
/// // A P1 caused by a migration whose backup takes an hour to restore.
/// let context = IncidentContext::new(Severity::P1)
///     .with_cause(Cause::DatabaseMigration)
///     .with_backup_restore_minutes(60);
/// let decision = decide(&context)?;
/// assert_eq!(decision.outcome(), Outcome::Hybrid);
/// assert_eq!(decision.next_action(), "Rollback infra + deploy patch simultaneously");
/// # Ok::<(), incident_response::Error>(())
/// ```
///
/// # Errors
///
/// None today: every context that deserializes has a decision. The
/// `Result` leaves room for checks a later edition of the standard may add,
/// without breaking callers.
#[inline]
pub fn decide(context: &IncidentContext) -> Result<Decision, Error> {
    Policy::STANDARD.decide(context)
}

impl Policy {
    /// Decides between rollback and forward fix under this policy's windows.
    ///
    /// The rules, in the order they are asked; the first that decides wins:
    ///
    /// | id | question | outcome |
    /// |---|---|---|
    /// | `DT-1` | severity is P1? | rollback, unless `DT-H` |
    /// | `DT-2` | data loss or corruption? | rollback, unless `DT-H` |
    /// | `DT-H` | (after `DT-1`/`DT-2`) a database migration or complex deployment whose backup cannot be restored in under 30 min? | hybrid |
    /// | `DT-P4` | severity is P4? | defer |
    /// | `DT-3` | a deployment with a simple revert? | rollback |
    /// | `DT-4` | a database migration, or a deployment with a complex revert? | rollback when the backup restores in under 30 min, else forward fix |
    /// | `DT-5` | a fix ready, simple and safe, deployable in under 30 min? | forward fix, else rollback |
    ///
    /// "<30 min" is strict: 30 is outside the window. `hot_reload` is
    /// reported and never changes the outcome. Allocates nothing.
    ///
    /// # Errors
    ///
    /// None today; see [`decide`].
    #[inline]
    pub fn decide(&self, context: &IncidentContext) -> Result<Decision, Error> {
        let windows = *self.decision_windows();
        let (outcome, path) = walk(context, &windows);
        Ok(Decision {
            outcome,
            context: *context,
            windows,
            decide_within_minutes: self.response(context.severity).decision_minutes,
            path,
            policy: self.mark(),
        })
    }
}

/// Whether data loss is in progress; not stated is none.
#[inline]
fn data_loss(context: &IncidentContext) -> (bool, Basis) {
    stated(context.data_loss, false)
}

/// Where the issue is; not stated is unknown.
#[inline]
fn cause(context: &IncidentContext) -> (Cause, Basis) {
    stated(context.cause, Cause::Unknown)
}

/// Whether a migration or schema change can be undone by restoring the
/// backup inside the window; no usable backup, stated or not, cannot.
#[inline]
fn restorable(context: &IncidentContext, windows: &DecisionWindows) -> (bool, Basis) {
    match context.backup_restore_minutes {
        Some(Some(minutes)) => (minutes < windows.backup_restore_minutes, Basis::Context),
        Some(None) => (false, Basis::Context),
        None => (false, Basis::Default),
    }
}

/// Whether a fix passes `DT-5`; no fix, stated or not, does not.
#[inline]
fn fix_qualifies(context: &IncidentContext, windows: &DecisionWindows) -> (bool, Basis) {
    match context.fix {
        Some(Some(fix)) => (fix.qualifies(windows.fix_deploy_minutes), Basis::Context),
        Some(None) => (false, Basis::Context),
        None => (false, Basis::Default),
    }
}

/// A stated value, or the default, with where it came from.
#[inline]
fn stated<T>(value: Option<T>, default: T) -> (T, Basis) {
    match value {
        Some(value) => (value, Basis::Context),
        None => (default, Basis::Default),
    }
}

/// Walks the tree: the outcome and the steps taken. Each fact is looked at
/// only when its question is asked.
// Always inlined: a call here, with the path returned through memory,
// tripled the cost of `decide` in the benchmark.
#[inline(always)]
fn walk(context: &IncidentContext, windows: &DecisionWindows) -> (Outcome, Path) {
    let mut path = Path::EMPTY;

    let p1 = context.severity == Severity::P1;
    path.push(Question::Critical, p1, Basis::Context);
    if p1 {
        return (hybrid_or_rollback(context, windows, &mut path), path);
    }

    let (data_loss, basis) = data_loss(context);
    path.push(Question::DataLoss, data_loss, basis);
    if data_loss {
        return (hybrid_or_rollback(context, windows, &mut path), path);
    }

    let p4 = context.severity == Severity::P4;
    path.push(Question::Low, p4, Basis::Context);
    if p4 {
        return (Outcome::Defer, path);
    }

    let (cause, cause_basis) = cause(context);
    let simple = cause
        == Cause::Deployment {
            revert: Revert::Simple,
        };
    path.push(Question::SimpleDeployment, simple, cause_basis);
    if simple {
        return (Outcome::Rollback, path);
    }

    let migration = cause.needs_backup_restore();
    path.push(Question::Migration, migration, cause_basis);
    if migration {
        let (restorable, basis) = restorable(context, windows);
        path.push(Question::Backup, restorable, basis);
        let outcome = if restorable {
            Outcome::Rollback
        } else {
            Outcome::ForwardFix
        };
        return (outcome, path);
    }

    let (qualifies, basis) = fix_qualifies(context, windows);
    path.push(Question::Fix, qualifies, basis);
    let outcome = if qualifies {
        Outcome::ForwardFix
    } else {
        Outcome::Rollback
    };
    (outcome, path)
}

/// `DT-H`, asked after `DT-1` or `DT-2` said roll back: can the rollback
/// finish in time, or must the schema be fixed forward beside it?
#[inline]
fn hybrid_or_rollback(
    context: &IncidentContext,
    windows: &DecisionWindows,
    path: &mut Path,
) -> Outcome {
    let (cause, cause_basis) = cause(context);
    if !cause.needs_backup_restore() {
        path.push(Question::Hybrid, false, cause_basis);
        return Outcome::Rollback;
    }
    let (restorable, basis) = restorable(context, windows);
    path.push(Question::Hybrid, !restorable, basis);
    if restorable {
        Outcome::Rollback
    } else {
        Outcome::Hybrid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(decision: &Decision) -> Vec<(RuleId, Answer)> {
        decision.path().map(|s| (s.rule(), s.answer())).collect()
    }

    #[test]
    fn the_longest_paths_take_six_steps() {
        let no_fix = decide(&IncidentContext::new(Severity::P3)).unwrap();
        assert_eq!(no_fix.path().len(), 6);
        assert_eq!(no_fix.deciding_rule(), RuleId::Dt5);
        let migration = IncidentContext::new(Severity::P3).with_cause(Cause::DatabaseMigration);
        let migration = decide(&migration).unwrap();
        assert_eq!(migration.path().len(), 6);
        assert_eq!(migration.deciding_rule(), RuleId::Dt4);
    }

    #[test]
    fn a_p1_with_a_slow_backup_is_hybrid() {
        let context = IncidentContext::new(Severity::P1)
            .with_cause(Cause::DatabaseMigration)
            .with_backup_restore_minutes(30);
        let decision = decide(&context).unwrap();
        assert_eq!(decision.outcome(), Outcome::Hybrid);
        assert_eq!(
            rules(&decision),
            [(RuleId::Dt1, Answer::Yes), (RuleId::DtH, Answer::Yes)]
        );
    }

    #[test]
    fn dt_4_asks_the_migration_then_the_backup() {
        let at = |minutes| {
            let context = IncidentContext::new(Severity::P3)
                .with_cause(Cause::DatabaseMigration)
                .with_backup_restore_minutes(minutes);
            let decision = decide(&context).unwrap();
            let last_two: Vec<(RuleId, Answer)> = rules(&decision).into_iter().skip(4).collect();
            (decision.outcome(), last_two)
        };
        use Answer::{No, Yes};
        assert_eq!(
            at(29),
            (
                Outcome::Rollback,
                vec![(RuleId::Dt4, Yes), (RuleId::Dt4, Yes)]
            )
        );
        assert_eq!(
            at(30),
            (
                Outcome::ForwardFix,
                vec![(RuleId::Dt4, Yes), (RuleId::Dt4, No)]
            )
        );
    }

    #[test]
    fn an_explicit_null_is_stated_not_assumed() {
        let stated = IncidentContext::new(Severity::P2)
            .with_data_loss(false)
            .with_cause(Cause::DatabaseMigration)
            .with_no_usable_backup();
        let decision = decide(&stated).unwrap();
        assert_eq!(decision.outcome(), Outcome::ForwardFix);
        assert!(!decision.rests_on_assumptions());
        let no_fix = IncidentContext::new(Severity::P2)
            .with_data_loss(false)
            .with_cause(Cause::Unknown)
            .with_no_fix();
        assert!(!decide(&no_fix).unwrap().rests_on_assumptions());
    }
}
