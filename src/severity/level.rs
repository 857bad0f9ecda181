//! The four levels of §1, with the standard's names and definitions.

use std::cmp::Ordering;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How bad an incident is, from `P1` (critical) to `P4` (low).
///
/// Serde, `Display` and `FromStr` use `"P1"` … `"P4"`.
///
/// # Ordering
///
/// Severities are ordered by **how severe** they are, so the most severe
/// compares greatest: `P1 > P2 > P3 > P4`. `max` picks the worst of several,
/// and `severity >= Severity::P2` reads "P2 or worse".
///
/// ```
/// use incident_response::Severity;
///
/// assert!(Severity::P1 > Severity::P2);
/// assert_eq!(Severity::P3.max(Severity::P2), Severity::P2);
/// assert_eq!("P4".parse::<Severity>()?, Severity::P4);
/// # Ok::<(), incident_response::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "How severe an incident is, from `P1` (critical) to `P4` (low).")]
pub enum Severity {
    /// > P1 CRITICAL (≤1 hour SLA) · Definition: Total service outage OR data loss/corruption
    P1,
    /// > P2 HIGH (≤4 hour SLA) · Definition: Partial service degradation OR feature broken
    P2,
    /// > P3 MEDIUM (≤8 hour SLA) · Definition: Non-critical feature or performance issue
    P3,
    /// > P4 LOW (≤24 hour SLA) · Definition: Cosmetic or internal-only issue
    P4,
}

impl Severity {
    /// All severities, most severe first.
    pub const ALL: [Severity; 4] = [Severity::P1, Severity::P2, Severity::P3, Severity::P4];

    /// The standard's name for the level: `CRITICAL`, `HIGH`, `MEDIUM`, `LOW`.
    pub const fn label(self) -> &'static str {
        match self {
            Severity::P1 => "CRITICAL",
            Severity::P2 => "HIGH",
            Severity::P3 => "MEDIUM",
            Severity::P4 => "LOW",
        }
    }

    /// The standard's definition of the level.
    pub const fn definition(self) -> &'static str {
        match self {
            Severity::P1 => "Total service outage OR data loss/corruption",
            Severity::P2 => "Partial service degradation OR feature broken",
            Severity::P3 => "Non-critical feature or performance issue",
            Severity::P4 => "Cosmetic or internal-only issue",
        }
    }

    /// 4 for P1 down to 1 for P4: the order of [`Ord`].
    const fn rank(self) -> u8 {
        match self {
            Severity::P1 => 4,
            Severity::P2 => 3,
            Severity::P3 => 2,
            Severity::P4 => 1,
        }
    }
}

impl Ord for Severity {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl PartialOrd for Severity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::P1 => "P1",
            Severity::P2 => "P2",
            Severity::P3 => "P3",
            Severity::P4 => "P4",
        })
    }
}
