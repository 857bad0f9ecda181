//! What to do, and what was done: the outcomes of §3 "Final Decision" and a
//! decision taken on an incident or a deploy.

use std::fmt;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

/// A decision taken on an incident or on a deploy's errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TakenDecision {
    /// What was decided.
    pub outcome: Outcome,
    /// When.
    pub at: DateTime<Utc>,
}

impl TakenDecision {
    /// `outcome`, decided at `at`.
    pub const fn new(outcome: Outcome, at: DateTime<Utc>) -> Self {
        TakenDecision { outcome, at }
    }

    /// Whether it answers `PD-2` "Rollback or forward fix?": a hybrid is
    /// both, a `defer` is neither.
    pub const fn is_rollback_or_forward_fix(&self) -> bool {
        !matches!(self.outcome, Outcome::Defer)
    }
}
