//! The questions of the §3 tree and the path of answers, packed so that
//! walking the tree touches no memory.

use crate::decision::{Answer, Basis};
use crate::rule::RuleId;

/// A question of the tree, in the order it is asked. `DT-4` asks two, as
/// the standard does: "Is the issue in the DATABASE MIGRATION? YES: Can you
/// restore from pre-migration backup?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Question {
    /// `DT-1`: "Is the issue CRITICAL (P1)?"
    Critical,
    /// `DT-2`: "Is the issue a DATA LOSS or CORRUPTION incident?"
    DataLoss,
    /// `DT-H`: does the rollback need a backup restore that cannot finish
    /// in time?
    Hybrid,
    /// `DT-P4`: is the issue LOW (P4)?
    Low,
    /// `DT-3`: "Is the issue in the DEPLOYMENT?", and simple to revert?
    SimpleDeployment,
    /// `DT-4`: "Is the issue in the DATABASE MIGRATION?"
    Migration,
    /// `DT-4`: "Can you restore from pre-migration backup?" in time.
    Backup,
    /// `DT-5`: "Can the fix be deployed in <30 min?"
    Fix,
}

impl Question {
    /// Every question, in the order of the tree.
    pub(super) const ALL: [Question; 8] = [
        Question::Critical,
        Question::DataLoss,
        Question::Hybrid,
        Question::Low,
        Question::SimpleDeployment,
        Question::Migration,
        Question::Backup,
        Question::Fix,
    ];

    /// The rule the question belongs to.
    pub(super) const fn rule(self) -> RuleId {
        match self {
            Question::Critical => RuleId::Dt1,
            Question::DataLoss => RuleId::Dt2,
            Question::Hybrid => RuleId::DtH,
            Question::Low => RuleId::DtP4,
            Question::SimpleDeployment => RuleId::Dt3,
            Question::Migration | Question::Backup => RuleId::Dt4,
            Question::Fix => RuleId::Dt5,
        }
    }
}

/// One question asked on the way to a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Step {
    pub(super) question: Question,
    pub(super) answer: Answer,
    pub(super) basis: Basis,
}

/// The steps taken, packed in one word: step `i` is byte `i` (bits 0-2 the
/// question's place in [`Question::ALL`], bit 3 a yes, bit 4 a default).
/// The count is kept apart, so that along each branch of the walk the
/// compiler knows it and every push is a constant shift. The longest paths
/// take six steps; there is room for eight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Path {
    steps: u64,
    len: u8,
}

impl Path {
    pub(super) const EMPTY: Path = Path { steps: 0, len: 0 };
    const CAPACITY: u8 = 8;
    const YES: u64 = 1 << 3;
    const DEFAULT: u64 = 1 << 4;

    pub(super) fn len(self) -> usize {
        usize::from(self.len)
    }

    #[inline]
    pub(super) fn push(&mut self, question: Question, yes: bool, basis: Basis) {
        if self.len >= Self::CAPACITY {
            return;
        }
        let mut step = question as u64;
        if yes {
            step |= Self::YES;
        }
        if basis == Basis::Default {
            step |= Self::DEFAULT;
        }
        self.steps |= step << (8 * u32::from(self.len));
        self.len += 1;
    }

    /// Step `i`, for `i` below [`Path::len`].
    pub(super) fn step(self, i: usize) -> Step {
        let shift = u32::try_from(8 * i).unwrap_or(u32::MAX);
        let step = self.steps.checked_shr(shift).unwrap_or(0) & 0xff;
        // Only `push` writes steps, and it writes places inside ALL.
        let question = Question::ALL
            .get((step & 0b111) as usize)
            .copied()
            .unwrap_or(Question::Critical);
        let basis = if step & Self::DEFAULT != 0 {
            Basis::Default
        } else {
            Basis::Context
        };
        Step {
            question,
            answer: Answer::from_bool(step & Self::YES != 0),
            basis,
        }
    }

    pub(super) fn steps(self) -> impl ExactSizeIterator<Item = Step> + Clone {
        (0..self.len()).map(move |i| self.step(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_pack_and_unpack() {
        let mut path = Path::EMPTY;
        path.push(Question::Critical, false, Basis::Context);
        path.push(Question::DataLoss, true, Basis::Default);
        path.push(Question::Backup, false, Basis::Default);
        path.push(Question::Fix, true, Basis::Context);
        let steps: Vec<(Question, Answer, Basis)> = path
            .steps()
            .map(|s| (s.question, s.answer, s.basis))
            .collect();
        assert_eq!(
            steps,
            [
                (Question::Critical, Answer::No, Basis::Context),
                (Question::DataLoss, Answer::Yes, Basis::Default),
                (Question::Backup, Answer::No, Basis::Default),
                (Question::Fix, Answer::Yes, Basis::Context),
            ]
        );
    }

    #[test]
    fn a_full_path_never_overflows() {
        let mut path = Path::EMPTY;
        for _ in 0..10 {
            path.push(Question::Fix, true, Basis::Default);
        }
        assert_eq!(path.len(), 8);
        assert!(
            path.steps()
                .all(|s| s.question == Question::Fix && s.basis == Basis::Default)
        );
        assert_eq!(
            path.step(9).question,
            Question::Critical,
            "past the end: a harmless default"
        );
    }

    #[test]
    fn questions_map_to_the_rules_of_the_tree() {
        let rules: Vec<RuleId> = Question::ALL.iter().map(|q| q.rule()).collect();
        assert_eq!(
            rules,
            [
                RuleId::Dt1,
                RuleId::Dt2,
                RuleId::DtH,
                RuleId::DtP4,
                RuleId::Dt3,
                RuleId::Dt4,
                RuleId::Dt4,
                RuleId::Dt5
            ]
        );
    }
}
