//! The counterfactual search: the smallest changes to an incident's
//! context that would give another outcome, found on the stack.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::decision::context::{Cause, Fix, IncidentContext, Revert};
use crate::decision::outcome::Outcome;
use crate::decision::path::{Path, Question};
use crate::decision::{Basis, Decision, walk};
use crate::severity::level::Severity;

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
    /// use incident_response::decision::{Cause, Change};
    /// use incident_response::{decide, IncidentContext, Outcome, Severity};
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
