//! The explanation of a decision: each step's question, finding and the
//! standard's words for the branch taken; the counterfactuals; and the
//! `Display` and JSON forms built from them.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};

use super::path::{Path, Question, Step};
use super::{Answer, Basis, Cause, Decision, Fix, IncidentContext, Outcome, Revert, walk};
use crate::policy::{AppliedPolicy, DecisionWindows};
use crate::severity::{Deadline, Duration};
use crate::{Policy, RuleId, STANDARD, Severity};

/// One step of a decision's path, with the words that explain it.
#[derive(Debug, Clone, Copy)]
pub struct PathStep<'a> {
    decision: &'a Decision,
    step: Step,
    /// The question asked before this one: `DT-H` repeats the words of the
    /// `DT-1` or `DT-2` that led to it.
    previous: Option<Question>,
}

impl<'a> PathStep<'a> {
    pub(super) fn new(decision: &'a Decision, step: Step, previous: Option<Question>) -> Self {
        PathStep {
            decision,
            step,
            previous,
        }
    }

    /// The rule asked.
    pub fn rule(&self) -> RuleId {
        self.step.question.rule()
    }

    /// Its answer.
    pub fn answer(&self) -> Answer {
        self.step.answer
    }

    /// Whether the answer came from the context or from a default.
    pub fn basis(&self) -> Basis {
        self.step.basis
    }

    /// The question, in the standard's words where it has them, with this
    /// policy's windows.
    pub fn question(&self) -> impl fmt::Display + 'a {
        QuestionText {
            question: self.step.question,
            windows: self.decision.windows,
        }
    }

    /// What the context says (or what was assumed) that gave the answer.
    pub fn finding(&self) -> impl fmt::Display + 'a {
        Finding {
            question: self.step.question,
            context: self.decision.context,
            windows: self.decision.windows,
        }
    }

    /// Under a policy whose window is not the standard's, what the quote's
    /// number stands for: `the policy's window is 20 min`. The quote keeps
    /// the standard's words ("YES, <30 min: ROLLBACK"); this says the number
    /// the answer was measured against. `None` where the quote holds no
    /// number or the window is the standard's.
    pub fn quote_note(&self) -> Option<QuoteNote> {
        let window = self.decision.windows.backup_restore_minutes;
        let standard = DecisionWindows::STANDARD.backup_restore_minutes;
        (self.step.question == Question::Backup && window != standard)
            .then_some(QuoteNote { window, standard })
    }

    /// The standard's words for the branch taken. They are the standard's
    /// own, so they say "<30 min" even under a policy with other windows;
    /// the question, the finding and [`PathStep::quote_note`] give the
    /// policy's numbers.
    pub fn quote(&self) -> &'static str {
        let cause = self.decision.context.cause;
        branch_quote(self.step.question, self.step.answer, self.previous, cause)
    }
}

/// A window as a finding compares against it: `30` under the standard,
/// `the policy's 20` under a policy that changed it.
struct Limit {
    minutes: u32,
    standard: u32,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.minutes == self.standard {
            write!(f, "{}", self.minutes)
        } else {
            write!(f, "the policy's {}", self.minutes)
        }
    }
}

/// What the number in a quote stands for under a policy with another
/// window: `the policy's window is 20 min, not the standard's 30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteNote {
    window: u32,
    standard: u32,
}

impl fmt::Display for QuoteNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the policy's window is {} min, not the standard's {}",
            self.window, self.standard
        )
    }
}

struct QuestionText {
    question: Question,
    windows: DecisionWindows,
}

impl fmt::Display for QuestionText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let standard = DecisionWindows::STANDARD;
        let restore = Window {
            minutes: self.windows.backup_restore_minutes,
            standard: standard.backup_restore_minutes,
        };
        let deploy = Window {
            minutes: self.windows.fix_deploy_minutes,
            standard: standard.fix_deploy_minutes,
        };
        match self.question {
            Question::Critical => f.write_str("Is the issue CRITICAL (P1)?"),
            Question::DataLoss => f.write_str("Is the issue a DATA LOSS or CORRUPTION incident?"),
            Question::Hybrid => write!(
                f,
                "Does the rollback need a backup restore (database migration or schema change) that cannot finish in under {restore}?"
            ),
            Question::Low => f.write_str("Is the issue LOW (P4)?"),
            Question::SimpleDeployment => f.write_str(
                "Is the issue in the DEPLOYMENT, and is the deployment simple to revert?",
            ),
            Question::Migration => {
                f.write_str("Is the issue in the DATABASE MIGRATION (or a schema change)?")
            }
            Question::Backup => write!(
                f,
                "Can you restore from pre-migration backup in under {restore}?"
            ),
            Question::Fix => write!(
                f,
                "Can the fix be deployed in under {deploy} (hotfix already coded, changes simple/safe)?"
            ),
        }
    }
}

/// A window of the decision tree as a question states it: `30 min` under
/// the standard, and under a policy that changed it, `45 min, the policy's
/// window, not the standard's 30`.
struct Window {
    minutes: u32,
    standard: u32,
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} min", self.minutes)?;
        if self.minutes != self.standard {
            write!(
                f,
                ", the policy's window, not the standard's {}",
                self.standard
            )?;
        }
        Ok(())
    }
}

struct Finding {
    question: Question,
    context: IncidentContext,
    windows: DecisionWindows,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let context = &self.context;
        match self.question {
            Question::Critical | Question::Low => write!(f, "severity is {}", context.severity),
            Question::DataLoss => f.write_str(match context.data_loss {
                Some(true) => "data loss or corruption in progress",
                Some(false) => "no data loss",
                None => "data loss not stated; assumed none",
            }),
            Question::SimpleDeployment | Question::Migration => self.cause(f),
            Question::Hybrid => match context.cause {
                Some(cause) if cause.needs_backup_restore() => {
                    write!(f, "cause is {cause}; ")?;
                    self.backup(f)
                }
                _ => self.cause(f),
            },
            Question::Backup => self.backup(f),
            Question::Fix => self.fix(f),
        }
    }
}

impl Finding {
    fn cause(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.context.cause {
            Some(cause) => write!(f, "cause is {cause}"),
            None => f.write_str("cause not stated; assumed unknown"),
        }
    }

    fn backup(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let window = self.windows.backup_restore_minutes;
        let limit = Limit {
            minutes: window,
            standard: DecisionWindows::STANDARD.backup_restore_minutes,
        };
        match self.context.backup_restore_minutes {
            Some(Some(m)) if m < window => write!(f, "backup restores in {m} min, under {limit}"),
            Some(Some(m)) => write!(f, "backup restores in {m} min, not under {limit}"),
            Some(None) => f.write_str("no usable backup"),
            None => f.write_str("backup not stated; assumed no usable backup"),
        }
    }

    fn fix(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fix = match self.context.fix {
            Some(Some(fix)) => fix,
            Some(None) => return f.write_str("no fix"),
            None => return f.write_str("no fix stated; assumed none ready"),
        };
        let window = self.windows.fix_deploy_minutes;
        let limit = Limit {
            minutes: window,
            standard: DecisionWindows::STANDARD.fix_deploy_minutes,
        };
        let minutes = fix.estimated_deploy_minutes;
        f.write_str(if fix.ready {
            "hotfix ready"
        } else {
            "hotfix not ready"
        })?;
        f.write_str(if fix.simple_and_safe {
            ", simple and safe"
        } else {
            ", not simple and safe"
        })?;
        if minutes < window {
            write!(f, ", deploys in {minutes} min, under {limit}")?;
        } else {
            write!(f, ", deploys in {minutes} min, not under {limit}")?;
        }
        if fix.hot_reload {
            f.write_str("; hot reload available (no downtime)")?;
        }
        Ok(())
    }
}

/// The standard's words for the branch a step took. A deployment that is
/// not simple to revert is the standard's "Complex (schema change)" branch,
/// which goes on to the migration question; any other cause leaves the
/// deployment question by its "NO".
fn branch_quote(
    question: Question,
    answer: Answer,
    previous: Option<Question>,
    cause: Option<Cause>,
) -> &'static str {
    let yes = answer == Answer::Yes;
    let complex = Cause::Deployment {
        revert: Revert::Complex,
    };
    match question {
        Question::Critical | Question::DataLoss if yes => question.rule().quote(),
        Question::Hybrid if yes => question.rule().quote(),
        // No exception: the rollback of the rule that led here stands.
        Question::Hybrid => previous.map_or(RuleId::Dt1, Question::rule).quote(),
        Question::Low if yes => question.rule().quote(),
        Question::SimpleDeployment if yes => question.rule().quote(),
        Question::SimpleDeployment if cause == Some(complex) => {
            "Complex (schema change): Continue below"
        }
        Question::Migration if yes => "YES: Can you restore from pre-migration backup?",
        Question::Backup if yes => "YES, <30 min: ROLLBACK",
        Question::Backup => "NO, >30 min: FORWARD FIX (restore data + patched code)",
        Question::Fix if yes => "YES: FORWARD FIX",
        Question::Fix => "NO: ROLLBACK",
        Question::Critical
        | Question::DataLoss
        | Question::Low
        | Question::SimpleDeployment
        | Question::Migration => "NO: Continue",
    }
}

/// The headline and one line per step, as pasted into the incident channel.
impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.outcome.label();
        let severity = self.severity();
        write!(f, "{label} ({severity}")?;
        self.deadline(f)?;
        f.write_str(")")?;
        writeln!(f, ": {}", self.next_action())?;
        // Findings that rest on a default say "assumed" themselves.
        for (n, step) in self.path().enumerate() {
            write!(
                f,
                "  {}. {} {} {}: {}. \"{}\"",
                n + 1,
                step.rule(),
                step.question(),
                step.answer(),
                step.finding(),
                step.quote(),
            )?;
            match step.quote_note() {
                Some(note) => writeln!(f, " ({note})")?,
                None => writeln!(f)?,
            }
        }
        let counterfactuals = self.counterfactuals();
        if !counterfactuals.is_empty() {
            writeln!(f, "  what would change it:")?;
        }
        for counterfactual in counterfactuals {
            writeln!(f, "  - {counterfactual}")?;
        }
        writeln!(f, "  {}", self.applied_policy())
    }
}

impl Decision {
    /// The decision deadline as the headline states it, saying "the policy"
    /// wherever the value is not the standard's.
    fn deadline(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity();
        let standard = Policy::STANDARD.response(severity).decision_minutes;
        match (self.decide_within_minutes, standard) {
            (Some(minutes), standard) => {
                write!(f, ", decide within {}", Deadline { minutes, standard })
            }
            (None, _) if self.outcome == Outcome::Defer => f.write_str(", no decision deadline"),
            (None, None) => write!(f, "; the standard sets no decision deadline for {severity}"),
            // Unreachable through validation, which keeps the P1-P3 deadlines.
            (None, Some(standard)) => write!(
                f,
                "; the policy sets no decision deadline for {severity}, the standard {}",
                Duration(standard)
            ),
        }
    }
}

/// A default that a decision rests on because the context did not state
/// the fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Assumption {
    /// `data_loss` not stated: assumed none.
    NoDataLoss,
    /// `cause` not stated: assumed unknown.
    UnknownCause,
    /// `backup_restore_minutes` not stated: assumed no usable backup.
    NoUsableBackup,
    /// `fix` not stated: assumed none ready.
    NoFixReady,
}

impl fmt::Display for Assumption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Assumption::NoDataLoss => "no data loss",
            Assumption::UnknownCause => "an unknown cause",
            Assumption::NoUsableBackup => "no usable backup",
            Assumption::NoFixReady => "no fix ready",
        })
    }
}

/// The assumptions a path rests on, in the order of the tree.
fn assumptions(context: &IncidentContext, path: Path) -> Assumptions {
    let mut found = Assumptions::default();
    for step in path.steps().filter(|step| step.basis == Basis::Default) {
        found.insert(match step.question {
            Question::DataLoss => Assumption::NoDataLoss,
            Question::Hybrid if context.cause.is_none() => Assumption::UnknownCause,
            Question::Hybrid | Question::Backup => Assumption::NoUsableBackup,
            Question::Fix => Assumption::NoFixReady,
            Question::Critical
            | Question::Low
            | Question::SimpleDeployment
            | Question::Migration => Assumption::UnknownCause,
        });
    }
    found
}

/// A set of assumptions, on the stack, iterated in the order of the tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Assumptions(u8);

impl Assumptions {
    const ORDER: [Assumption; 4] = [
        Assumption::NoDataLoss,
        Assumption::UnknownCause,
        Assumption::NoUsableBackup,
        Assumption::NoFixReady,
    ];

    fn bit(assumption: Assumption) -> u8 {
        1 << (assumption as u8)
    }

    fn insert(&mut self, assumption: Assumption) {
        self.0 |= Self::bit(assumption);
    }

    fn contains(self, assumption: Assumption) -> bool {
        self.0 & Self::bit(assumption) != 0
    }

    /// The assumptions of `self` that `other` does not hold, in order.
    fn beyond(self, other: Assumptions) -> impl Iterator<Item = Assumption> {
        Self::ORDER
            .into_iter()
            .filter(move |a| self.contains(*a) && !other.contains(*a))
    }
}

/// The changes worth trying, on the stack: at most 2 severities, data
/// loss, 3 causes, 2 backups and 4 fix changes.
struct Candidates {
    items: [Option<Change>; 12],
    len: usize,
}

impl Candidates {
    const fn new() -> Self {
        Candidates {
            items: [None; 12],
            len: 0,
        }
    }

    fn push(&mut self, change: Change) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = Some(change);
            self.len += 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = Change> + '_ {
        self.items.iter().flatten().copied()
    }
}

/// A change to one input, and the outcome it would give.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct Counterfactual {
    /// The input changed, and its new value.
    pub change: Change,
    /// The outcome the decision would then have.
    pub outcome: Outcome,
    /// Defaults that outcome would rest on which the decision itself did
    /// not: changing the cause to a migration brings in the backup, for one.
    pub assuming: Vec<Assumption>,
}

impl fmt::Display for Counterfactual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} if {}", self.outcome.label(), self.change)?;
        for (i, assumption) in self.assuming.iter().enumerate() {
            let joint = if i == 0 { ", assuming " } else { " and " };
            write!(f, "{joint}{assumption}")?;
        }
        Ok(())
    }
}

/// A new value for one input of the [`IncidentContext`], as a fact the
/// context would then state.
///
/// In JSON: `{"field": "backup_restore_minutes", "value": 29}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum Change {
    /// Another severity, one level away.
    Severity(Severity),
    /// Data loss stated the other way.
    DataLoss(bool),
    /// Another cause.
    Cause(Cause),
    /// The backup restoring in this many minutes (`null`: no usable backup).
    BackupRestoreMinutes(Option<u32>),
    /// A fix that qualifies, where none does.
    Fix(Fix),
    /// The fix ready, or not.
    #[serde(rename = "fix.ready")]
    FixReady(bool),
    /// The fix simple and safe, or not.
    #[serde(rename = "fix.simple_and_safe")]
    FixSimpleAndSafe(bool),
    /// The fix deploying in this many minutes.
    #[serde(rename = "fix.estimated_deploy_minutes")]
    FixEstimatedDeployMinutes(u32),
}

impl Change {
    /// The context with this change applied. A change to a field of the
    /// fix leaves a context without a fix unchanged.
    #[must_use]
    pub fn apply(self, mut context: IncidentContext) -> IncidentContext {
        let stated_fix = context.fix.as_mut().and_then(Option::as_mut);
        match (self, stated_fix) {
            (Change::Severity(severity), _) => context.severity = severity,
            (Change::DataLoss(data_loss), _) => context.data_loss = Some(data_loss),
            (Change::Cause(cause), _) => context.cause = Some(cause),
            (Change::BackupRestoreMinutes(minutes), _) => {
                context.backup_restore_minutes = Some(minutes);
            }
            (Change::Fix(fix), _) => context.fix = Some(Some(fix)),
            (Change::FixReady(ready), Some(fix)) => fix.ready = ready,
            (Change::FixSimpleAndSafe(safe), Some(fix)) => fix.simple_and_safe = safe,
            (Change::FixEstimatedDeployMinutes(minutes), Some(fix)) => {
                fix.estimated_deploy_minutes = minutes;
            }
            (
                Change::FixReady(_)
                | Change::FixSimpleAndSafe(_)
                | Change::FixEstimatedDeployMinutes(_),
                None,
            ) => {}
        }
        context
    }

    /// The field this change is to, as a JSON path: `fix.ready`.
    pub const fn field(self) -> &'static str {
        match self {
            Change::Severity(_) => "severity",
            Change::DataLoss(_) => "data_loss",
            Change::Cause(_) => "cause",
            Change::BackupRestoreMinutes(_) => "backup_restore_minutes",
            Change::Fix(_) => "fix",
            Change::FixReady(_) => "fix.ready",
            Change::FixSimpleAndSafe(_) => "fix.simple_and_safe",
            Change::FixEstimatedDeployMinutes(_) => "fix.estimated_deploy_minutes",
        }
    }
}

/// The change as a condition: "the backup restored in 29 min".
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Change::Severity(severity) => write!(f, "severity were {severity}"),
            Change::DataLoss(true) => f.write_str("there were data loss or corruption"),
            Change::DataLoss(false) => f.write_str("there were no data loss"),
            Change::Cause(cause) => write!(f, "the cause were {cause}"),
            Change::BackupRestoreMinutes(Some(m)) => write!(f, "the backup restored in {m} min"),
            Change::BackupRestoreMinutes(None) => f.write_str("there were no usable backup"),
            Change::Fix(fix) => write!(
                f,
                "a fix were ready, simple and safe, and deployed in {} min",
                fix.estimated_deploy_minutes
            ),
            Change::FixReady(true) => f.write_str("the fix were ready"),
            Change::FixReady(false) => f.write_str("the fix were not ready"),
            Change::FixSimpleAndSafe(true) => f.write_str("the fix were simple and safe"),
            Change::FixSimpleAndSafe(false) => f.write_str("the fix were not simple and safe"),
            Change::FixEstimatedDeployMinutes(m) => write!(f, "the fix deployed in {m} min"),
        }
    }
}

impl Decision {
    /// For each input that could flip the outcome on its own, the nearest
    /// change that would: the facts worth checking first.
    ///
    /// One change per field and resulting outcome. "Nearest" means a
    /// severity one level away (a P1 is not re-classified P4 mid-incident),
    /// a time just across the window edge (29 or 30 min with the standard's
    /// windows), and otherwise the first alternative in the order of the
    /// tree. When a stated fix fails on more than one count, a fix that
    /// qualifies is offered whole. `hot_reload` never appears: it never
    /// changes the outcome. Each counterfactual names the defaults its
    /// outcome would newly rest on.
    ///
    /// ```
    /// use incident_response::{decide, Cause, Change, IncidentContext, Outcome, Severity};
    ///
    /// let context = IncidentContext::new(Severity::P1)
    ///     .with_cause(Cause::DatabaseMigration)
    ///     .with_backup_restore_minutes(45);
    /// let decision = decide(&context)?;
    /// assert_eq!(decision.outcome(), Outcome::Hybrid);
    /// let flips = decision.counterfactuals();
    /// let backup = flips.iter().find(|c| c.change.field() == "backup_restore_minutes");
    /// assert_eq!(
    ///     backup.map(ToString::to_string).as_deref(),
    ///     Some("ROLLBACK if the backup restored in 29 min"),
    /// );
    /// # Ok::<(), incident_response::Error>(())
    /// ```
    pub fn counterfactuals(&self) -> Vec<Counterfactual> {
        let assumed = assumptions(&self.context, self.path);
        let mut found: Vec<Counterfactual> = Vec::new();
        for change in self.candidate_changes().iter() {
            let changed = change.apply(self.context);
            let (outcome, path) = walk(&changed, &self.windows);
            if outcome == self.outcome || already_found(&found, change, outcome) {
                continue;
            }
            let assuming = assumptions(&changed, path).beyond(assumed).collect();
            found.push(Counterfactual {
                change,
                outcome,
                assuming,
            });
        }
        found
    }

    /// Every change worth trying, nearest first within each field.
    fn candidate_changes(&self) -> Candidates {
        let context = &self.context;
        let windows = &self.windows;
        let mut changes = Candidates::new();

        // One level away, the more severe first: `Severity::ALL` runs from
        // P1 down.
        for severity in Severity::ALL
            .into_iter()
            .filter(|s| rank_distance(*s, context.severity) == 1)
        {
            changes.push(Change::Severity(severity));
        }

        changes.push(Change::DataLoss(!context.data_loss.unwrap_or(false)));

        let cause = context.cause.unwrap_or(Cause::Unknown);
        let causes = [
            Cause::Deployment {
                revert: Revert::Simple,
            },
            Cause::DatabaseMigration,
            Cause::Deployment {
                revert: Revert::Complex,
            },
            Cause::Unknown,
        ];
        for other in causes.into_iter().filter(|c| *c != cause) {
            changes.push(Change::Cause(other));
        }

        let restore = windows.backup_restore_minutes;
        match context.backup_restore_minutes {
            Some(Some(m)) if m < restore => {
                changes.push(Change::BackupRestoreMinutes(Some(restore)));
                changes.push(Change::BackupRestoreMinutes(None));
            }
            _ => changes.push(Change::BackupRestoreMinutes(Some(
                restore.saturating_sub(1),
            ))),
        }

        let window = windows.fix_deploy_minutes;
        let just_inside = window.saturating_sub(1);
        let qualifying = Fix {
            ready: true,
            estimated_deploy_minutes: just_inside,
            simple_and_safe: true,
            hot_reload: false,
        };
        if let Some(Some(fix)) = context.fix {
            changes.push(Change::FixReady(!fix.ready));
            changes.push(Change::FixSimpleAndSafe(!fix.simple_and_safe));
            let minutes = if fix.estimated_deploy_minutes < window {
                window
            } else {
                just_inside
            };
            changes.push(Change::FixEstimatedDeployMinutes(minutes));
            if !fix.qualifies(window) {
                changes.push(Change::Fix(Fix {
                    hot_reload: fix.hot_reload,
                    ..qualifying
                }));
            }
        } else {
            changes.push(Change::Fix(qualifying));
        }
        changes
    }
}

/// Whether an earlier change already reaches `outcome` through the same
/// field; a whole fix is redundant after any one of its fields did.
fn already_found(found: &[Counterfactual], change: Change, outcome: Outcome) -> bool {
    found.iter().any(|c| {
        let same_field = c.change.field() == change.field();
        let fix_covered = matches!(change, Change::Fix(_)) && c.change.field().starts_with("fix");
        c.outcome == outcome && (same_field || fix_covered)
    })
}

/// How many levels apart two severities are: P1 and P3 are 2 apart.
fn rank_distance(a: Severity, b: Severity) -> u8 {
    (a as u8).abs_diff(b as u8)
}

// The JSON of a step, for its schema; the path itself serializes through
// `StepJson`, which writes the same fields without building their text.
/// One rule asked on the way to a decision.
#[derive(JsonSchema)]
#[schemars(rename = "PathStep")]
#[expect(
    dead_code,
    reason = "describes the JSON of a step for its schema; StepJson writes it"
)]
struct PathStepJson {
    /// The rule asked, e.g. `DT-1`. `DT-4` may be asked twice: the
    /// migration, then the backup.
    id: RuleId,
    /// The question, in the standard's words where it has them.
    question: String,
    /// The answer.
    answer: Answer,
    /// What the context says, or what was assumed, that gave the answer.
    finding: String,
    /// Whether the answer came from the context or from a default.
    basis: Basis,
    /// The standard's words for the branch taken.
    quote: &'static str,
    /// Under a policy with another window, what the quote's number stands
    /// for: `the policy's window is 20 min, not the standard's 30`.
    quote_note: Option<String>,
}

/// The outcome of a rollback-or-forward-fix decision (§3), with the path of
/// rules that led to it, what would change it and the standard applied.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Decision")]
struct DecisionJson<'a> {
    /// What to do.
    outcome: Outcome,
    /// What to do next, in the standard's words.
    next_action: &'static str,
    /// The severity of the incident.
    severity: Severity,
    /// Minutes from detection by which the decision is due; `null` for P4.
    decide_within_minutes: Option<u32>,
    /// The rule whose answer settled the outcome: the last step of `path`.
    deciding_rule: RuleId,
    /// Every question asked, in order, from `DT-1` to `deciding_rule`.
    path: PathJson<'a>,
    /// Whether any step's answer came from a default.
    rests_on_assumptions: bool,
    /// For each input that could flip the outcome, the nearest change that would.
    counterfactuals: Vec<Counterfactual>,
    /// The edition of the standard applied, e.g. `EATGF-DSS-INC-01 v1.0`.
    standard: crate::Standard,
    /// The policy that produced the decision: the standard, or a custom
    /// policy and the values it changed among those this decision applied.
    policy: AppliedPolicy,
    /// The context the decision was taken on, as given.
    context: IncidentContext,
}

/// The path of a decision in JSON, written step by step.
struct PathJson<'a>(&'a Decision);

impl Serialize for PathJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.path().map(StepJson))
    }
}

impl JsonSchema for PathJson<'_> {
    fn inline_schema() -> bool {
        true
    }

    // Never shown: the schema is inlined, so no `$defs` entry takes this
    // name. A mutant changing it is equivalent; `.cargo/mutants.toml`
    // skips it.
    fn schema_name() -> Cow<'static, str> {
        "PathJson".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Vec<PathStepJson>>::json_schema(generator)
    }
}

/// One step in JSON: the fields of [`PathStepJson`], the text written as it
/// is formatted.
struct StepJson<'a>(PathStep<'a>);

impl Serialize for StepJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let step = &self.0;
        let mut json = serializer.serialize_struct("PathStep", 7)?;
        json.serialize_field("id", &step.rule())?;
        json.serialize_field("question", &Shown(step.question()))?;
        json.serialize_field("answer", &step.answer())?;
        json.serialize_field("finding", &Shown(step.finding()))?;
        json.serialize_field("basis", &step.basis())?;
        json.serialize_field("quote", step.quote())?;
        json.serialize_field("quote_note", &step.quote_note().map(Shown))?;
        json.end()
    }
}

/// Text serialized as it is formatted, without a `String` in between.
struct Shown<T>(T);

impl<T: fmt::Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'a> From<&'a Decision> for DecisionJson<'a> {
    fn from(decision: &'a Decision) -> Self {
        let path = PathJson(decision);
        DecisionJson {
            outcome: decision.outcome,
            next_action: decision.next_action(),
            severity: decision.severity(),
            decide_within_minutes: decision.decide_within_minutes,
            deciding_rule: decision.deciding_rule(),
            path,
            rests_on_assumptions: decision.rests_on_assumptions(),
            counterfactuals: decision.counterfactuals(),
            standard: STANDARD,
            policy: decision.applied_policy(),
            context: decision.context,
        }
    }
}

impl Serialize for Decision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DecisionJson::from(self).serialize(serializer)
    }
}

impl JsonSchema for Decision {
    fn schema_name() -> Cow<'static, str> {
        "Decision".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        DecisionJson::json_schema(generator)
    }
}
