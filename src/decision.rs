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
//! Is the issue in the DATABASE MIGRATION?     DT-4  YES, <30 min: ROLLBACK; NO, >30 min: FORWARD FIX
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
//! use incident_response::{decide, Cause, IncidentContext, Outcome, Revert, RuleId, Severity};
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

mod explain;
mod table;

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::policy::DecisionWindows;
use crate::{Error, Policy, RuleId, STANDARD, Severity, Standard};

pub use explain::{Change, Counterfactual, PathStep};
pub use table::{DecisionTable, TableRow, decision_table};

/// Where the issue is (§3 "Is the issue in the DEPLOYMENT?", "Is the issue
/// in the DATABASE MIGRATION?").
///
/// In JSON: `{"kind": "deployment", "revert": "simple"}`,
/// `{"kind": "database_migration"}` or `{"kind": "unknown"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Cause {
    /// The issue is in a deployment.
    Deployment {
        /// How hard the deployment is to revert.
        revert: Revert,
    },
    /// The issue is in a database migration.
    DatabaseMigration,
    /// The cause is not known.
    Unknown,
}

impl Cause {
    /// A database migration or a schema-changing deployment: undoing it
    /// means restoring data from the pre-migration backup (`DT-4`, `DT-H`).
    pub const fn needs_backup_restore(self) -> bool {
        matches!(
            self,
            Cause::DatabaseMigration
                | Cause::Deployment {
                    revert: Revert::Complex
                }
        )
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cause::Deployment {
                revert: Revert::Simple,
            } => "a deployment with a simple revert",
            Cause::Deployment {
                revert: Revert::Complex,
            } => "a deployment with a complex revert (schema change)",
            Cause::DatabaseMigration => "a database migration",
            Cause::Unknown => "unknown",
        })
    }
}

/// How hard a deployment is to revert (§3 "Is the deployment simple to revert?").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Revert {
    /// "Simple (.jar swap, config change): ROLLBACK".
    Simple,
    /// "Complex (schema change): Continue below".
    Complex,
}

/// A forward fix under consideration (§3 "Can the fix be deployed in <30 min?").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    /// "Hotfix already coded".
    pub ready: bool,
    /// Minutes to deploy it.
    pub estimated_deploy_minutes: u32,
    /// "Changes are simple/safe".
    pub simple_and_safe: bool,
    /// "Hot reload available (no downtime)". Reported; it never changes the
    /// outcome. Optional in JSON, default `false`.
    #[serde(default)]
    pub hot_reload: bool,
}

impl Fix {
    /// Whether the fix passes `DT-5` within `window` minutes: ready, simple
    /// and safe, and deployable in strictly fewer minutes.
    pub const fn qualifies(&self, window: u32) -> bool {
        self.ready && self.simple_and_safe && self.estimated_deploy_minutes < window
    }
}

/// What is known about an incident when the decision is taken: the input
/// of [`decide`].
///
/// Only `severity` is required. A field left out is a default the decision
/// states as an assumption: no data loss, an unknown cause, no usable
/// backup, no fix ready. Unknown fields are refused.
///
/// ```
/// use incident_response::{Cause, Fix, IncidentContext, Severity};
///
/// let context: IncidentContext = serde_json::from_str(r#"{
///     "severity": "P2",
///     "cause": {"kind": "database_migration"},
///     "backup_restore_minutes": 45,
///     "fix": {"ready": true, "estimated_deploy_minutes": 10, "simple_and_safe": true}
/// }"#)?;
/// assert_eq!(context.cause, Some(Cause::DatabaseMigration));
/// assert_eq!(
///     context,
///     IncidentContext::new(Severity::P2)
///         .with_cause(Cause::DatabaseMigration)
///         .with_backup_restore_minutes(45)
///         .with_fix(Fix {
///             ready: true,
///             estimated_deploy_minutes: 10,
///             simple_and_safe: true,
///             hot_reload: false,
///         }),
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "What is known about an incident when the decision is taken. Only `severity` is required; a field left out is a default the decision states as an assumption (no data loss, an unknown cause, no usable backup, no fix ready). Unknown fields are refused."
)]
#[non_exhaustive]
pub struct IncidentContext {
    /// The severity, as classified or declared.
    pub severity: Severity,
    /// Data loss or corruption in progress; absent means not stated, and
    /// is taken as none.
    #[serde(default)]
    pub data_loss: Option<bool>,
    /// Where the issue is; absent means not stated, and is taken as unknown.
    #[serde(default)]
    pub cause: Option<Cause>,
    /// Minutes to restore the pre-migration backup; absent or `null` means
    /// no usable backup.
    #[serde(default)]
    pub backup_restore_minutes: Option<u32>,
    /// A forward fix under consideration; absent or `null` means no fix is
    /// ready.
    #[serde(default)]
    pub fix: Option<Fix>,
}

impl IncidentContext {
    /// A context that states only the severity.
    pub const fn new(severity: Severity) -> Self {
        IncidentContext {
            severity,
            data_loss: None,
            cause: None,
            backup_restore_minutes: None,
            fix: None,
        }
    }

    /// States whether data loss or corruption is in progress.
    #[must_use]
    pub const fn with_data_loss(mut self, data_loss: bool) -> Self {
        self.data_loss = Some(data_loss);
        self
    }

    /// States where the issue is.
    #[must_use]
    pub const fn with_cause(mut self, cause: Cause) -> Self {
        self.cause = Some(cause);
        self
    }

    /// States how many minutes the pre-migration backup takes to restore.
    #[must_use]
    pub const fn with_backup_restore_minutes(mut self, minutes: u32) -> Self {
        self.backup_restore_minutes = Some(minutes);
        self
    }

    /// States the forward fix under consideration.
    #[must_use]
    pub const fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// What to do: the four outcomes of §3 "Final Decision" and the P4 clause
/// of §1.
///
/// Deliberately exhaustive: a new outcome should break every `match`.
/// `Display`, `FromStr` and serde use `rollback`, `forward_fix`, `hybrid`,
/// `defer`; [`Outcome::label`] gives the standard's capitals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// "ROLLBACK: Use pre-tested rollback script".
    Rollback,
    /// "FORWARD FIX: Deploy hotfix with priority".
    ForwardFix,
    /// "HYBRID: Rollback infra + deploy patch simultaneously".
    Hybrid,
    /// P4: "Fix or defer (no rollback needed)".
    Defer,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 4] = [
        Outcome::Rollback,
        Outcome::ForwardFix,
        Outcome::Hybrid,
        Outcome::Defer,
    ];

    /// The serde form: `"forward_fix"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Rollback => "rollback",
            Outcome::ForwardFix => "forward_fix",
            Outcome::Hybrid => "hybrid",
            Outcome::Defer => "defer",
        }
    }

    /// The standard's name for it: `ROLLBACK`, `FORWARD FIX`, `HYBRID`,
    /// `DEFER`.
    pub const fn label(self) -> &'static str {
        match self {
            Outcome::Rollback => "ROLLBACK",
            Outcome::ForwardFix => "FORWARD FIX",
            Outcome::Hybrid => "HYBRID",
            Outcome::Defer => "DEFER",
        }
    }

    /// What to do next, in the standard's words (§3 "Final Decision").
    pub const fn next_action(self) -> &'static str {
        match self {
            Outcome::Rollback => "Use pre-tested rollback script",
            Outcome::ForwardFix => "Deploy hotfix with priority",
            Outcome::Hybrid => "Rollback infra + deploy patch simultaneously",
            Outcome::Defer => "Fix or defer (no rollback needed)",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Outcome {
    type Err = Error;

    /// Parses the serde form.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownOutcome`] for anything else: `"ROLLBACK"`, `"fix"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Outcome::ALL
            .into_iter()
            .find(|outcome| outcome.as_str() == s)
            .ok_or_else(|| Error::UnknownOutcome { value: s.into() })
    }
}

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

/// One question asked on the way to a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Step {
    rule: RuleId,
    answer: Answer,
    basis: Basis,
}

/// The rules of the tree, in the order they are asked.
const TREE: [RuleId; 7] = [
    RuleId::Dt1,
    RuleId::Dt2,
    RuleId::DtH,
    RuleId::DtP4,
    RuleId::Dt3,
    RuleId::Dt4,
    RuleId::Dt5,
];

/// The steps taken, packed in one word so that walking the tree touches no
/// memory: step `i` is byte `i` (bits 0-2 the rule's place in [`TREE`],
/// bit 3 a yes, bit 4 a default), and byte 7 counts the steps. The longest
/// path, DT-1, DT-2, DT-P4, DT-3, DT-4, DT-5, takes six.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Path(u64);

impl Path {
    const EMPTY: Path = Path(0);
    const CAPACITY: u64 = 7;
    const YES: u64 = 1 << 3;
    const DEFAULT: u64 = 1 << 4;

    fn len(self) -> usize {
        // At most CAPACITY, so the cast cannot truncate.
        (self.0 >> 56) as usize
    }

    #[inline]
    fn push(&mut self, rule: RuleId, yes: bool, basis: Basis) {
        let len = self.0 >> 56;
        let Some(place) = TREE.iter().position(|r| *r == rule) else {
            return;
        };
        if len >= Self::CAPACITY {
            return;
        }
        let mut step = place as u64;
        if yes {
            step |= Self::YES;
        }
        if basis == Basis::Default {
            step |= Self::DEFAULT;
        }
        let steps = self.0 & !(0xff << 56);
        self.0 = steps | (step << (8 * len)) | ((len + 1) << 56);
    }

    /// Step `i`, for `i` below [`Path::len`].
    fn step(self, i: usize) -> Step {
        let step = self.0.checked_shr(8 * i as u32).unwrap_or(0) & 0xff;
        // Only `push` writes steps, and it writes places inside TREE.
        let rule = TREE
            .get((step & 0b111) as usize)
            .copied()
            .unwrap_or(RuleId::Dt1);
        let basis = if step & Self::DEFAULT != 0 {
            Basis::Default
        } else {
            Basis::Context
        };
        Step {
            rule,
            answer: Answer::from_bool(step & Self::YES != 0),
            basis,
        }
    }

    fn steps(self) -> impl ExactSizeIterator<Item = Step> + Clone {
        (0..self.len()).map(move |i| self.step(i))
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decision {
    outcome: Outcome,
    context: IncidentContext,
    windows: DecisionWindows,
    decide_within_minutes: Option<u32>,
    path: Path,
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
    /// 240, P3 1440); `None` for P4, which needs no rollback decision.
    pub const fn decide_within_minutes(&self) -> Option<u32> {
        self.decide_within_minutes
    }

    /// The context the decision was taken on.
    pub const fn context(&self) -> &IncidentContext {
        &self.context
    }

    /// The edition of the standard applied.
    pub const fn standard(&self) -> Standard {
        STANDARD
    }

    /// The rule whose answer settled the outcome: the last step of the path.
    pub fn deciding_rule(&self) -> RuleId {
        self.path
            .steps()
            .last()
            .map_or(RuleId::Dt1, |step| step.rule)
    }

    /// The rules asked, in order, from `DT-1` to the deciding rule.
    pub fn path(&self) -> impl ExactSizeIterator<Item = PathStep<'_>> + '_ {
        let path = self.path;
        (0..path.len()).map(move |i| {
            let previous = i.checked_sub(1).map(|p| path.step(p).rule);
            PathStep::new(self, path.step(i), previous)
        })
    }

    /// Whether any answer came from a default rather than from the context.
    pub fn rests_on_assumptions(&self) -> bool {
        self.path.steps().any(|step| step.basis == Basis::Default)
    }

    /// The (rule, answer) pairs of the path: which row of the
    /// [`DecisionTable`] this decision falls in, with the outcome.
    fn signature(&self) -> impl Iterator<Item = (RuleId, Answer)> + '_ {
        self.path.steps().map(|step| (step.rule, step.answer))
    }
}

/// Decides between rollback and forward fix under the standard's windows.
///
/// See [`Policy::decide`] for the tree and for custom windows.
///
/// ```
/// use incident_response::{decide, Cause, IncidentContext, Outcome, Severity};
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
        })
    }
}

/// The facts the tree asks about, with the defaults filled in.
struct Facts {
    data_loss: (bool, Basis),
    cause: (Cause, Basis),
    /// Whether a migration or schema change can be undone by restoring the
    /// backup inside the window, and whether that rests on a default.
    restorable: (bool, Basis),
}

impl Facts {
    #[inline]
    fn of(context: &IncidentContext, windows: &DecisionWindows) -> Facts {
        let restorable = match context.backup_restore_minutes {
            Some(minutes) => (minutes < windows.backup_restore_minutes, Basis::Context),
            None => (false, Basis::Default),
        };
        Facts {
            data_loss: stated(context.data_loss, false),
            cause: stated(context.cause, Cause::Unknown),
            restorable,
        }
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

/// Walks the tree: the outcome and the steps taken.
#[inline]
fn walk(context: &IncidentContext, windows: &DecisionWindows) -> (Outcome, Path) {
    let facts = Facts::of(context, windows);
    let mut path = Path::EMPTY;

    let p1 = context.severity == Severity::P1;
    path.push(RuleId::Dt1, p1, Basis::Context);
    if p1 {
        return (hybrid_or_rollback(&facts, &mut path), path);
    }

    let (data_loss, basis) = facts.data_loss;
    path.push(RuleId::Dt2, data_loss, basis);
    if data_loss {
        return (hybrid_or_rollback(&facts, &mut path), path);
    }

    let p4 = context.severity == Severity::P4;
    path.push(RuleId::DtP4, p4, Basis::Context);
    if p4 {
        return (Outcome::Defer, path);
    }

    let (cause, cause_basis) = facts.cause;
    let simple = cause
        == Cause::Deployment {
            revert: Revert::Simple,
        };
    path.push(RuleId::Dt3, simple, cause_basis);
    if simple {
        return (Outcome::Rollback, path);
    }

    if cause.needs_backup_restore() {
        let (restorable, basis) = facts.restorable;
        path.push(RuleId::Dt4, true, basis);
        let outcome = if restorable {
            Outcome::Rollback
        } else {
            Outcome::ForwardFix
        };
        return (outcome, path);
    }
    path.push(RuleId::Dt4, false, cause_basis);

    match context.fix {
        Some(fix) => {
            let qualifies = fix.qualifies(windows.fix_deploy_minutes);
            path.push(RuleId::Dt5, qualifies, Basis::Context);
            let outcome = if qualifies {
                Outcome::ForwardFix
            } else {
                Outcome::Rollback
            };
            (outcome, path)
        }
        None => {
            path.push(RuleId::Dt5, false, Basis::Default);
            (Outcome::Rollback, path)
        }
    }
}

/// `DT-H`, asked after `DT-1` or `DT-2` said roll back: can the rollback
/// finish in time, or must the schema be fixed forward beside it?
#[inline]
fn hybrid_or_rollback(facts: &Facts, path: &mut Path) -> Outcome {
    let (cause, cause_basis) = facts.cause;
    if !cause.needs_backup_restore() {
        path.push(RuleId::DtH, false, cause_basis);
        return Outcome::Rollback;
    }
    let (restorable, basis) = facts.restorable;
    path.push(RuleId::DtH, !restorable, basis);
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
        decision.signature().collect()
    }

    #[test]
    fn the_longest_path_fits() {
        let context = IncidentContext::new(Severity::P3);
        let decision = decide(&context).unwrap();
        assert_eq!(decision.path().len(), 6);
        assert_eq!(decision.deciding_rule(), RuleId::Dt5);
    }

    #[test]
    fn steps_pack_and_unpack() {
        let mut path = Path::EMPTY;
        path.push(RuleId::Dt1, false, Basis::Context);
        path.push(RuleId::Dt2, true, Basis::Default);
        path.push(RuleId::DtH, false, Basis::Default);
        let steps: Vec<(RuleId, Answer, Basis)> =
            path.steps().map(|s| (s.rule, s.answer, s.basis)).collect();
        assert_eq!(
            steps,
            [
                (RuleId::Dt1, Answer::No, Basis::Context),
                (RuleId::Dt2, Answer::Yes, Basis::Default),
                (RuleId::DtH, Answer::No, Basis::Default),
            ]
        );
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
    fn backup_windows_are_strict() {
        let at = |minutes| {
            let context = IncidentContext::new(Severity::P3)
                .with_cause(Cause::DatabaseMigration)
                .with_backup_restore_minutes(minutes);
            decide(&context).unwrap().outcome()
        };
        assert_eq!(at(29), Outcome::Rollback);
        assert_eq!(at(30), Outcome::ForwardFix);
    }

    #[test]
    fn a_full_path_never_overflows() {
        let mut path = Path::EMPTY;
        for _ in 0..10 {
            path.push(RuleId::Dt5, true, Basis::Context);
        }
        assert_eq!(path.len(), 7);
        assert!(
            path.steps()
                .all(|s| s.rule == RuleId::Dt5 && s.answer == Answer::Yes)
        );
        path.push(RuleId::Rg1, true, Basis::Context);
        assert_eq!(path.len(), 7, "only rules of the tree are steps");
    }
}
