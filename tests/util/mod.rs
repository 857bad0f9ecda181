//! Small helpers shared by the integration tests, in the manner of semver's
//! `tests/util`.

#![allow(
    dead_code,
    reason = "each test binary uses its own subset of the helpers"
)]

use incident_response::{Classification, RuleId, Signals};

/// The standard, as vendored in `standard/`.
pub const STANDARD_TEXT: &str = include_str!("../../standard/EATGF-DSS-INC-01.md");

/// Default signals changed by `change`: `signals(|s| s.error_rate = 0.1)`.
pub fn signals(change: impl FnOnce(&mut Signals)) -> Signals {
    let mut signals = Signals::default();
    change(&mut signals);
    signals
}

/// The matched rules, most severe first.
pub fn rules_of(classification: &Classification) -> Vec<RuleId> {
    classification.rules.iter().collect()
}

/// Text with every run of whitespace made one space, to compare quotes with
/// the standard regardless of line breaks.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
