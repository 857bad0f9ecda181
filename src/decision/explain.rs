//! The explanation of a decision: each step's question, finding and the
//! standard's words for the branch taken; the counterfactuals; and the
//! `Display` and JSON forms built from them.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};

use crate::decision::context::{Cause, IncidentContext, Revert};
use crate::decision::counterfactual::Counterfactual;
use crate::decision::outcome::Outcome;
use crate::decision::path::{Question, Step};
use crate::decision::{Answer, Basis, Decision};
use crate::policy::Policy;
use crate::policy::catalogue::AppliedPolicy;
use crate::policy::sections::DecisionWindows;
use crate::rule::{RuleId, STANDARD, Standard};
use crate::severity::level::Severity;
use crate::text::{Deadline, Limit, Minutes, Window};

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
        self.question_text()
    }

    fn question_text(&self) -> QuestionText {
        QuestionText {
            question: self.step.question,
            windows: self.decision.windows,
        }
    }

    /// What the context says (or what was assumed) that gave the answer.
    pub fn finding(&self) -> impl fmt::Display + 'a {
        self.finding_text()
    }

    fn finding_text(&self) -> Finding {
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
                Minutes(standard)
            ),
        }
    }
}

/// The outcome of a rollback-or-forward-fix decision (§3), with the path of
/// rules that led to it, what would change it and the standard applied.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Decision")]
pub(super) struct DecisionJson {
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
    path: PathJson,
    /// Whether any step's answer came from a default.
    rests_on_assumptions: bool,
    /// For each input that could flip the outcome, the nearest change that would.
    counterfactuals: Vec<Counterfactual>,
    /// The edition of the standard applied, e.g. `EATGF-DSS-INC-01 v1.0`.
    standard: Standard,
    /// The policy that produced the decision: the standard, or a custom
    /// policy and the values it changed among those this decision applied.
    policy: AppliedPolicy,
    /// The context the decision was taken on, as given.
    context: IncidentContext,
}

impl From<Decision> for DecisionJson {
    fn from(decision: Decision) -> Self {
        DecisionJson {
            outcome: decision.outcome,
            next_action: decision.next_action(),
            severity: decision.severity(),
            decide_within_minutes: decision.decide_within_minutes,
            deciding_rule: decision.deciding_rule(),
            rests_on_assumptions: decision.rests_on_assumptions(),
            counterfactuals: decision.counterfactuals(),
            standard: STANDARD,
            policy: decision.applied_policy(),
            context: decision.context,
            path: PathJson(decision),
        }
    }
}

/// The path of a decision in JSON, written step by step: its schema is
/// that of the steps it writes.
struct PathJson(Decision);

impl Serialize for PathJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.path().map(StepJson::from))
    }
}

impl JsonSchema for PathJson {
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
        <Vec<StepJson>>::json_schema(generator)
    }
}

/// One rule asked on the way to a decision.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "PathStep")]
struct StepJson {
    /// The rule asked, e.g. `DT-1`. `DT-4` may be asked twice: the
    /// migration, then the backup.
    id: RuleId,
    /// The question, in the standard's words where it has them.
    question: Shown<QuestionText>,
    /// The answer.
    answer: Answer,
    /// What the context says, or what was assumed, that gave the answer.
    finding: Shown<Finding>,
    /// Whether the answer came from the context or from a default.
    basis: Basis,
    /// The standard's words for the branch taken.
    quote: &'static str,
    /// Under a policy with another window, what the quote's number stands
    /// for: `the policy's window is 20 min, not the standard's 30`.
    quote_note: Option<Shown<QuoteNote>>,
}

impl From<PathStep<'_>> for StepJson {
    fn from(step: PathStep<'_>) -> Self {
        StepJson {
            id: step.rule(),
            question: Shown(step.question_text()),
            answer: step.answer(),
            finding: Shown(step.finding_text()),
            basis: step.basis(),
            quote: step.quote(),
            quote_note: step.quote_note().map(Shown),
        }
    }
}

/// Text serialized as it is formatted, without a `String` in between; in
/// the schema, a string.
struct Shown<T>(T);

impl<T: fmt::Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<T> JsonSchema for Shown<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}
